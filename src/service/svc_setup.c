/*
** Creating and upgrading a database: schema migrations, nomenclatures,
** the branch's seed referentials and, on request, demo data.
*/
#include "service/svc.h"
#include "service/svc_jury.h"
#include "store/store_jury.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The demo accounts: one per role, all with DEMO_PASSWORD. */
#define DEMO_PASSWORD "demonstration"
#define DEMO_CENTRE "UIMM-DEMO"

static const struct {
	const char *login, *name, *role;
} demo_users[] = {
	{ "admin", "Administrateur national (secrétariat du GTP)", "admin" },
	{ "centre", "Chargée de certification, centre de démonstration", "centre" },
	{ "evaluateur", "Évaluateur de la commission d'évaluation", "evaluator" },
	{ "jury", "Membre du jury paritaire", "jury" },
	{ "organisme", "Organisme de formation de démonstration", "training_body" },
};

/* The demo training body, habilitated by the demo centre, and the
** account tied to it (R-HAB-1, R-HAB-2). */
#define DEMO_BODY_SIRET "98765432100015"
#define DEMO_BODY_LOGIN "organisme"

static int create_demo_body(struct svc *s, init_say_fn say, void *arg)
{
	struct body b;
	struct hab_assessment a;
	char today[11];
	int64_t id;

	if (store_body_by_siret(s->st, DEMO_BODY_SIRET, &b) == 1)
		return 0;
	memset(&b, 0, sizeof b);
	snprintf(b.siret, sizeof b.siret, DEMO_BODY_SIRET);
	snprintf(b.name, sizeof b.name, "Institut de formation de démonstration");
	snprintf(b.address, sizeof b.address, "2 avenue de l'Exemple, 75000 Paris");
	snprintf(b.contact, sizeof b.contact, "Mme Claire Exemple");
	snprintf(b.email, sizeof b.email, "contact@formation.exemple.fr");
	if (svc_body_add(s, &b, &id))
		return -1;
	memset(&a, 0, sizeof a);
	svc_today(s, today);
	snprintf(a.date, sizeof a.date, "%s", today);
	a.site_visit = 1;
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			a.findings[c][i] = HAB_MET;
	if (svc_hab_instruct(s, DEMO_BODY_SIRET, DEMO_CENTRE, &a) ||
	    svc_hab_decide(s, DEMO_BODY_SIRET, DEMO_CENTRE, "granted", today, NULL) ||
	    svc_account_link_body(s, DEMO_BODY_LOGIN, DEMO_BODY_SIRET))
		return -1;
	if (say)
		say(arg, "  Organisme de formation habilité par " DEMO_CENTRE " (SIRET "
			DEMO_BODY_SIRET "), rattaché au compte « " DEMO_BODY_LOGIN " ».");
	return 0;
}

/* A handful of candidates registered through the service, so that the
** work lists are not empty: several routes, a job seeker, a VAE, one
** registered by the training body, one with a block kept from an earlier
** jury (R-LET-3). */
static const struct {
	struct candidate_in c;
	struct registration_in r;
	const char *kept_block, *kept_jury;
} demo_candidates[] = {
	{ { "Martin", "", "Chloé", "F", "1994-02-08", "Lyon", "69123", "69", "France",
	    "chloe.martin@exemple.fr", "06 12 34 56 78", "3 rue des Forges", "69007", "Lyon" },
	  { DEMO_CENTRE, "RNCP28235", "", "continuing", "", "company", "SL", "PDC", "",
	    "Forges de démonstration", "12 quai de l'Industrie, 69007 Lyon", "91234567800011",
	    "25.62B", "M", "", "Paul Durand", 0, "", "" }, NULL, NULL },
	{ { "Benali", "", "Karim", "M", "1988-11-03", "Marseille 1er Arrondissement", "13201", "13",
	    "France", "", "", "", "", "" },
	  { DEMO_CENTRE, "RNCP28236", "", "professionalisation", "", "company", "SL", "PA", "",
	    "Mécanique de démonstration", "", "91234567800029", "28.41Z", "M", "",
	    "Sophie Leroy", 0, "", "" }, NULL, NULL },
	{ { "Durand", "Moreau", "Sophie", "F", "1979-06-25", "Nantes", "44109", "44", "France",
	    "", "", "", "", "" },
	  { DEMO_CENTRE, "RNCP28242", "", "continuing", "", "candidate", "DE", "POEI", "",
	    "", "", "", "", "", "", "", 0, "", "" }, NULL, NULL },
	{ { "Moreau", "", "Julien", "M", "1983-02-14", "Lille", "59350", "59", "France",
	    "", "", "", "", "" },
	  { DEMO_CENTRE, "RNCP28235", "", "vae", "branch", "candidate", "SL", "CVAE", "",
	    "", "", "", "", "", "", "", 0, "", "" }, NULL, NULL },
	{ { "Petit", "", "Emma", "F", "2001-09-30", "Bordeaux", "33063", "33", "France",
	    "", "", "", "", "" },
	  { DEMO_CENTRE, "RNCP28236", "", "continuing", "", "training_body", "SL", "CPF",
	    DEMO_BODY_SIRET, "Atelier de démonstration", "", "91234567800037", "33.12Z", "HM",
	    "Plasturgie", "", 0, "", "" }, NULL, NULL },
	{ { "Nguyen", "", "Thi Lan", "F", "1990-01-08", "Hanoï", "", "", "Viêt Nam",
	    "", "", "", "", "" },
	  { DEMO_CENTRE, "RNCP28235", "RNCP28235BC02 RNCP28235BC04", "professionalisation", "",
	    "company", "SL", "PDC", "", "Forges de démonstration", "", "91234567800011",
	    "25.62B", "M", "", "Paul Durand", 0, "Temps majoré d'un tiers pour les épreuves écrites.",
	    "" }, "RNCP28235BC01", "2024-06-20" },
};

static int no_row(void *arg, const struct reg_row *r)
{
	(void)arg;
	(void)r;
	return 1;
}

static int create_demo_candidates(struct svc *s, init_say_fn say, void *arg)
{
	struct candidate_query q;
	int64_t total = 0, kid;
	int n = 0;

	memset(&q, 0, sizeof q);
	q.centre = DEMO_CENTRE;
	q.per_page = 1;
	if (svc_candidate_list(s, &q, no_row, NULL, &total))
		return -1;
	if (total > 0)
		return 0;   /* the centre has candidates already */
	for (size_t i = 0; i < sizeof demo_candidates / sizeof *demo_candidates; i++) {
		if (svc_candidate_register(s, &demo_candidates[i].c, &demo_candidates[i].r, &kid, NULL))
			return -1;
		if (demo_candidates[i].kept_block &&
		    svc_acquired_record(s, kid, demo_candidates[i].r.certification,
			demo_candidates[i].kept_block, demo_candidates[i].kept_jury))
			return -1;
		n++;
	}
	if (say) {
		char line[120];
		snprintf(line, sizeof line, "  %d candidats de démonstration inscrits auprès du centre " DEMO_CENTRE ".", n);
		say(arg, line);
	}
	return 0;
}

/* R-JUR-1, R-JUR-4: the unions representative in the branch. */
static const struct {
	const char *code, *name;
} demo_unions[] = {
	{ "CFDT", "Confédération française démocratique du travail" },
	{ "CFE-CGC", "Confédération française de l'encadrement – Confédération générale des cadres" },
	{ "CGT", "Confédération générale du travail" },
	{ "CGT-FO", "Confédération générale du travail – Force ouvrière" },
};

/* The unions, and what the demo centre prints (R-CER-2): its national
** number and its town; each once. */
static int create_demo_jury(struct svc *s, const struct centre *c, init_say_fn say, void *arg)
{
	json_t *list = NULL;
	size_t known;
	struct centre_docs d;

	if (svc_union_list(s, &list))
		return -1;
	known = json_array_size(list);
	json_decref(list);
	if (!known) {
		for (size_t i = 0; i < sizeof demo_unions / sizeof *demo_unions; i++)
			if (svc_union_put(s, demo_unions[i].code, demo_unions[i].name, "", 1))
				return -1;
		if (say)
			say(arg, "  Organisations syndicales représentatives : CFDT, CFE-CGC, CGT, CGT-FO.");
	}
	{
		struct centre_docs_row now;
		int found = store_centre_docs_get(s->st, c->id, &now);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du centre impossible.");
		if (found && now.number)
			return 0;
	}
	memset(&d, 0, sizeof d);
	d.number = 1;
	d.city = "Paris";
	d.signatory = "";
	return svc_centre_set_docs(s, DEMO_CENTRE, &d);
}

static int create_demo(struct svc *s, init_say_fn say, void *arg)
{
	struct centre c;
	char line[300];
	int64_t id;

	/* each part once: a base made by an earlier version gets the parts
	** it lacks, and a second run changes nothing */
	if (store_centre_by_code(s->st, DEMO_CENTRE, &c) == 1)
		return create_demo_body(s, say, arg) || create_demo_candidates(s, say, arg) ||
			create_demo_jury(s, &c, say, arg) ? -1 : 0;
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, DEMO_CENTRE);
	snprintf(c.name, sizeof c.name, "UIMM territoriale de démonstration — centre de certification");
	snprintf(c.region, sizeof c.region, "Île-de-France");
	snprintf(c.address, sizeof c.address, "1 rue de l'Exemple, 75000 Paris");
	if (svc_centre_add(s, &c, &id))
		return -1;
	c.id = id;
	for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++) {
		struct user_new u = { demo_users[i].login, demo_users[i].name, "",
			demo_users[i].role,
			strcmp(demo_users[i].role, "admin") ? DEMO_CENTRE : NULL,
			DEMO_PASSWORD };
		if (svc_user_add(s, &u, &id))
			return -1;
		if (say) {
			snprintf(line, sizeof line, "  %-11s mot de passe « %s » — %s",
				u.login, DEMO_PASSWORD, u.name);
			say(arg, line);
		}
	}
	return create_demo_body(s, say, arg) || create_demo_candidates(s, say, arg) ||
		create_demo_jury(s, &c, say, arg) ? -1 : 0;
}

int svc_setup(struct svc *s, const char *data_dir, int demo,
	init_say_fn say, void *say_arg, struct init_report *rep)
{
	char err[512];
	struct import_report ir;

	memset(rep, 0, sizeof *rep);
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut initialiser la base.");
	if (store_migrate(s->st, err, sizeof err))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "%s", err);
	rep->schema_version = store_schema_version(s->st);
	if (svc_load_nomenclatures(s, data_dir, rep->nomenclatures))
		return -1;
	if (svc_load_seeds(s, data_dir, &ir))
		return -1;
	rep->seeds = (int)(ir.created + ir.updated + ir.unchanged);
	if (demo) {
		if (create_demo(s, say, say_arg))
			return -1;
		rep->demo = 1;
	}
	return 0;
}
