/*
** gen_candidates: fills an initialised base (cqpm init --demo) with N
** synthetic candidates and their registrations, for measuring the work
** lists (bench_candidates). The rows are written through the store in one
** transaction, without the services' rules: names built from syllables
** and common French names, a few centres (the demo centre first), training
** bodies, companies, statuses and jury dates spread as in a real base.
**
**   cqpm --db big.db init --demo
**   gen_candidates big.db 100000 [CENTRES]
**
** CENTRES (default 1) is the number of centres the registrations are
** spread over: 1 puts every registration in the demo centre (the worst
** case for a centre's work list). The "organisme" demo account is tied
** to the first generated body.
*/
#include "store/store.h"
#include "core/text.h"
#include "util/buf.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const common[] = {
	"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
	"Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy",
	"Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet",
	"Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller",
	"Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer",
	"Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
	"Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel",
	"Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
	"Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
	"Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard",
	"Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt",
	"Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre",
	"Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
	"Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland",
	"Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot",
	"Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis",
	"Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer",
	"Klein", "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry",
	"Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard",
	"Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider",
	"Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost",
	"Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton",
	"Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque",
	"Perrier", "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet",
	"Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
	"Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier",
	"Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay",
	"Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine",
	"Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon", "Lejeune",
	"Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
};

static const char *const syllables[] = {
	"ber", "mon", "tier", "lan", "cour", "vil", "ard", "bois", "champ", "ro",
	"gal", "lou", "ma", "rin", "del", "four", "nier", "pe", "ti", "gre",
	"vert", "sal", "mo", "ra", "ton", "quet", "bau", "don", "fer", "gui",
	"lar", "mé", "nou", "pra", "rous", "san", "tar", "val", "zel", "chau",
};

static const char *const firsts[] = {
	"Léa", "Emma", "Chloé", "Manon", "Camille", "Sarah", "Inès", "Jade",
	"Louise", "Lucie", "Julie", "Marie", "Anaïs", "Clara", "Océane", "Laura",
	"Pauline", "Mathilde", "Elodie", "Nathalie", "Sandrine", "Isabelle",
	"Céline", "Sophie", "Aurélie", "Émilie", "Audrey", "Caroline", "Hélène",
	"Lucas", "Hugo", "Thomas", "Nathan", "Théo", "Louis", "Enzo", "Mathis",
	"Jules", "Gabriel", "Arthur", "Raphaël", "Maxime", "Alexandre", "Antoine",
	"Nicolas", "Julien", "Kévin", "Romain", "Sébastien", "Guillaume",
	"Florian", "Jérémy", "Mickaël", "Anthony", "Quentin", "Benjamin",
	"Jean", "Pierre", "Philippe", "Michel", "Christophe", "Stéphane",
	"Frédéric", "David", "Olivier", "Laurent", "Éric", "Patrick", "Yann",
	"Mohamed", "Karim", "Yasmine", "Fatima", "Nadia", "Mehdi", "Samir",
};

static const char *const statuses[] = { "active", "active", "active", "active",
	"active", "active", "active", "admitted", "not_admitted", "withdrawn" };
static const char *const routes[] = { "continuing", "continuing",
	"professionalisation", "professionalisation", "vae" };
static const char *const fundings[] = { "PDC", "CPF", "PA", "POEI", "CPFTP" };
static const char *const juries[] = { "2026-12-08", "2027-01-19", "2027-03-16",
	"2027-06-22" };

static uint64_t seed = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

#define PICK(a) (a[rnd(sizeof a / sizeof *a)])

/* A SIRET with a valid Luhn key from a 13-digit prefix. */
static void siret_of(uint64_t n, char out[16])
{
	for (int k = 0; k < 10; k++) {
		int sum = 0;
		snprintf(out, 16, "%013llu%d", (unsigned long long)(n % 10000000000000ull), k);
		for (int i = 0; i < 14; i++) {
			int d = out[13 - i] - '0';
			if (i % 2) {
				d *= 2;
				if (d > 9)
					d -= 9;
			}
			sum += d;
		}
		if (sum % 10 == 0)
			return;
	}
}

static void fold_into(const char *s, char *out, size_t outsz)
{
	struct buf b;
	buf_init(&b, outsz - 1);
	text_fold(&b, s);
	snprintf(out, outsz, "%s", buf_str(&b));
	buf_release(&b);
}

static void surname(char *out, size_t n)
{
	if (rnd(10) < 4) {
		snprintf(out, n, "%s", PICK(common));
	} else {
		char s[64];
		int k = 2 + (int)rnd(2);
		s[0] = 0;
		for (int i = 0; i < k; i++) {
			size_t l = strlen(s);
			snprintf(s + l, sizeof s - l, "%s", PICK(syllables));
		}
		if (s[0] >= 'a' && s[0] <= 'z')
			s[0] = (char)(s[0] - 32);
		snprintf(out, n, "%s", s);
	}
}

int main(int argc, char **argv)
{
	char err[512];
	struct store *st;
	struct cert certs[3];
	static const char *const codes[3] = { "RNCP28235", "RNCP28236", "RNCP28242" };
	int64_t centres[64], bodies[40];
	int ncentres, nbodies = 40;
	long n, done = 0;
	struct timespec t0, t1;
	struct candidate *k = calloc(1, sizeof *k);
	struct reg_row *r = calloc(1, sizeof *r);

	if (argc < 3 || argc > 4 || (n = atol(argv[2])) < 1) {
		fprintf(stderr, "usage : gen_candidates BASE N [CENTRES]\n");
		return 2;
	}
	ncentres = argc == 4 ? atoi(argv[3]) : 1;
	if (ncentres < 1 || ncentres > 64) {
		fprintf(stderr, "gen_candidates : CENTRES de 1 à 64\n");
		return 2;
	}
	if (!(st = store_open(argv[1], err, sizeof err))) {
		fprintf(stderr, "gen_candidates : %s\n", err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(st))
		goto fail;
	for (int i = 0; i < 3; i++)
		if (store_cert_find(st, BY_CODE, codes[i], &certs[i]) != 1) {
			fprintf(stderr, "gen_candidates : %s absent (cqpm init --demo d'abord)\n", codes[i]);
			return 1;
		}
	for (int i = 0; i < ncentres; i++) {
		struct centre c;
		char code[40];
		snprintf(code, sizeof code, i ? "GEN-%02d" : "UIMM-DEMO", i);
		if (store_centre_by_code(st, code, &c) == 1) {
			centres[i] = c.id;
			continue;
		}
		memset(&c, 0, sizeof c);
		snprintf(c.code, sizeof c.code, "%s", code);
		snprintf(c.name, sizeof c.name, "Centre généré %d", i);
		snprintf(c.created_at, sizeof c.created_at, "2026-01-01T00:00:00Z");
		if (store_centre_insert(st, &c, &centres[i]))
			goto fail;
	}
	for (int i = 0; i < nbodies; i++) {
		struct body b;
		memset(&b, 0, sizeof b);
		siret_of(8800000000000ull + (uint64_t)i * 17, b.siret);
		if (store_body_by_siret(st, b.siret, &b) == 1) {
			bodies[i] = b.id;
			continue;
		}
		snprintf(b.name, sizeof b.name, "Organisme généré %d", i);
		snprintf(b.created_at, sizeof b.created_at, "2026-01-01T00:00:00Z");
		if (store_body_insert(st, &b, &bodies[i]))
			goto fail;
	}
	{
		struct account a;
		if (store_account_by_login(st, "organisme", &a) == 1 &&
		    store_account_set_body(st, a.id, bodies[0]))
			goto fail;
	}
	for (long i = 0; i < n; i++) {
		char f1[400], f2[400];
		int64_t kid, rid;
		int nreg = rnd(10) == 0 ? 2 : 1, first = (int)rnd(3);

		memset(k, 0, sizeof *k);
		k->centre_id = centres[rnd((unsigned)ncentres)];
		surname(k->birth_name, sizeof k->birth_name);
		if (rnd(10) == 0)
			surname(k->usage_name, sizeof k->usage_name);
		if (rnd(4) == 0)
			snprintf(k->first_names, sizeof k->first_names, "%s %s", PICK(firsts), PICK(firsts));
		else
			snprintf(k->first_names, sizeof k->first_names, "%s", PICK(firsts));
		snprintf(k->sex, sizeof k->sex, "%s", rnd(2) ? "F" : "M");
		snprintf(k->birth_date, sizeof k->birth_date, "%04d-%02d-%02d",
			1960 + (int)rnd(45), 1 + (int)rnd(12), 1 + (int)rnd(28));
		snprintf(k->birth_town, sizeof k->birth_town, "Lyon");
		snprintf(k->birth_insee, sizeof k->birth_insee, "69123");
		snprintf(k->birth_department, sizeof k->birth_department, "69");
		snprintf(k->birth_country, sizeof k->birth_country, "France");
		fold_into(k->birth_name, f1, sizeof f1);
		fold_into(k->first_names, f2, sizeof f2);
		/* the generated index makes every identity unique */
		snprintf(k->identity_key, sizeof k->identity_key, "%s|%s|%s|%ld", f1, f2,
			k->birth_date, i);
		{
			struct buf b;
			buf_init(&b, sizeof k->search - 1);
			buf_putc(&b, ' ');   /* as the service writes it */
			text_fold(&b, k->birth_name);
			buf_putc(&b, ' ');
			if (*k->usage_name) {
				text_fold(&b, k->usage_name);
				buf_putc(&b, ' ');
			}
			text_fold(&b, k->first_names);
			snprintf(k->search, sizeof k->search, "%s", buf_str(&b));
			buf_release(&b);
		}
		snprintf(k->created_at, sizeof k->created_at, "2026-01-01T00:00:00Z");
		if (store_candidate_insert(st, k, &kid))
			goto fail;
		for (int j = 0; j < nreg; j++) {
			const struct cert *c = &certs[(first + j) % 3];
			memset(r, 0, sizeof *r);
			r->candidate_id = kid;
			r->centre_id = k->centre_id;
			r->certification_id = c->id;
			r->cert_version = c->version;
			snprintf(r->route, sizeof r->route, "%s", PICK(routes));
			if (!strcmp(r->route, "vae"))
				snprintf(r->vae_kind, sizeof r->vae_kind, "standard");
			snprintf(r->origin, sizeof r->origin, "%s", rnd(8) ? "SL" : "DE");
			snprintf(r->funding, sizeof r->funding, "%s", PICK(fundings));
			if (rnd(5) == 0) {
				r->body_id = bodies[rnd((unsigned)nbodies)];
				snprintf(r->registrant, sizeof r->registrant, "training_body");
			} else {
				snprintf(r->registrant, sizeof r->registrant, "company");
			}
			if (!strcmp(r->origin, "SL")) {
				unsigned co = rnd(3000);
				snprintf(r->company_name, sizeof r->company_name, "Entreprise %u", co);
				siret_of(7300000000000ull + co * 31ull, r->company_siret);
				snprintf(r->company_naf, sizeof r->company_naf, "25.62B");
				snprintf(r->company_nace, sizeof r->company_nace, "25.62");
				snprintf(r->sector, sizeof r->sector, "M");
			} else if (!strcmp(r->registrant, "company")) {
				snprintf(r->registrant, sizeof r->registrant, "candidate");
			}
			snprintf(r->registered_on, sizeof r->registered_on, "2026-%02d-%02d",
				1 + (int)rnd(10), 1 + (int)rnd(28));
			snprintf(r->status, sizeof r->status, "%s", j ? "active" : PICK(statuses));
			if (!strcmp(r->status, "active") && rnd(3) == 0)
				snprintf(r->next_jury, sizeof r->next_jury, "%s", PICK(juries));
			snprintf(r->created_at, sizeof r->created_at, "2026-01-01T00:00:00Z");
			snprintf(r->created_by, sizeof r->created_by, "gen");
			if (store_reg_insert(st, r, &rid))
				goto fail;
			done++;
		}
	}
	if (store_commit(st))
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%ld candidats, %ld inscriptions, %d centre(s), en %.1f s\n", n, done, ncentres,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (int i = 0; i < 3; i++)
		cert_release(&certs[i]);
	store_close(st);
	free(k);
	free(r);
	return 0;
fail:
	fprintf(stderr, "gen_candidates : %s\n", store_errmsg(st));
	store_rollback(st);
	store_close(st);
	return 1;
}
