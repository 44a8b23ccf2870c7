/*
** Candidates and their registrations (R-INS-1..3, R-CAT-6, R-CAT-7,
** R-HAB-2, R-VAE-1, R-LET-3). The rules are in core/registration.c and
** core/results.c; this file validates the fields at the edge, checks the
** actor's rights and scope, loads what the rules need, stores and audits.
*/
#include "service/svc.h"
#include "service/svc_int.h"
#include "core/identity.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/text.h"
#include "core/validate.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FIELD(s, key, label, msg) do { const char *m_ = (msg); \
	if (m_) return svc_fail((s), SVC_INVALID, (key), NULL, "%s : %s.", (label), m_); \
	} while (0)

static const char *nz(const char *v)
{
	return v ? v : "";
}

static const char *const reg_statuses[][2] = {
	{ "active", "Inscription en cours" },
	{ "admitted", "Admis" },
	{ "not_admitted", "Non admis" },
	{ "withdrawn", "Inscription close (abandon)" },
};

const char *registration_status_label(const char *status)
{
	int i = code_lookup(reg_statuses, 4, status);
	return i < 0 ? "" : reg_statuses[i][1];
}

/* Route from its JSON key ("continuing"), or -1. */
static int route_from_key(const char *key)
{
	for (int i = 0; i < ROUTE__MAX; i++)
		if (!strcmp(route_key((enum access_route)i), nz(key)))
			return i;
	return -1;
}

/* Folded form of s into out (outsz bytes, cut if longer). */
static void fold_into(const char *s, char *out, size_t outsz)
{
	struct buf b;
	buf_init(&b, outsz - 1);
	text_fold(&b, s);
	snprintf(out, outsz, "%s", buf_str(&b));
	buf_release(&b);
}

/* The folded names the search index holds: a space before each name, so
** that a word's start is found by the trigram of that space and its first
** two letters (svc_candidate_list). */
static void candidate_search(struct candidate *k)
{
	struct buf b;
	buf_init(&b, sizeof k->search - 1);
	buf_putc(&b, ' ');
	text_fold(&b, k->birth_name);
	if (*k->usage_name) {
		buf_putc(&b, ' ');
		text_fold(&b, k->usage_name);
	}
	buf_putc(&b, ' ');
	text_fold(&b, k->first_names);
	snprintf(k->search, sizeof k->search, "%s", buf_str(&b));
	buf_release(&b);
}

/* The candidate's identity and contact, checked field by field, into k.
** today is for the birth date's plausibility. */
static int candidate_fields(struct svc *s, const struct candidate_in *c,
	const char *today, struct candidate *k)
{
	const char *country = c->birth_country && *c->birth_country ? c->birth_country : "France";
	int france;
	char f1[400], f2[400];

	FIELD(s, "birth_name", "nom de naissance", v_text(c->birth_name, 100, 0));
	FIELD(s, "usage_name", "nom d'usage", v_text(c->usage_name, 100, 1));
	FIELD(s, "first_names", "prénoms", v_text(c->first_names, 200, 0));
	FIELD(s, "sex", "sexe", v_sex(nz(c->sex)));
	FIELD(s, "birth_date", "date de naissance", v_birth_date(nz(c->birth_date), today));
	FIELD(s, "birth_town", "commune de naissance", v_text(c->birth_town, 100, 0));
	FIELD(s, "birth_country", "pays de naissance", v_country(country));
	FIELD(s, "birth_department", "département de naissance",
		v_birth_place(nz(c->birth_town), nz(c->birth_department), country));
	/* "FRANCE" is France too (as v_birth_place has it), kept as "France" */
	france = !strcasecmp(country, "France");
	if (france)
		country = "France";
	if (france) {
		const char *dep = nz(c->birth_department);
		FIELD(s, "birth_insee", "code INSEE de la commune de naissance",
			v_insee_commune(nz(c->birth_insee)));
		/* the commune's code begins with its département's */
		if (strncmp(c->birth_insee, dep, strlen(dep)))
			return svc_fail(s, SVC_INVALID, "birth_insee", NULL,
				"Code INSEE de la commune de naissance : %s n'est pas une commune du département %s.",
				c->birth_insee, dep);
	} else if (c->birth_insee && *c->birth_insee) {
		return svc_fail(s, SVC_INVALID, "birth_insee", NULL,
			"Code INSEE de la commune de naissance : à laisser vide pour une naissance hors de France.");
	}
	FIELD(s, "email", "courriel", v_email(nz(c->email)));
	FIELD(s, "phone", "téléphone", v_phone(nz(c->phone)));
	FIELD(s, "address", "adresse", v_text(c->address, 300, 1));
	if (c->postal_code && *c->postal_code)
		FIELD(s, "postal_code", "code postal", v_postal_code(c->postal_code));
	FIELD(s, "city", "commune", v_text(c->city, 100, 1));

	memset(k, 0, sizeof *k);
	snprintf(k->birth_name, sizeof k->birth_name, "%s", c->birth_name);
	snprintf(k->usage_name, sizeof k->usage_name, "%s", nz(c->usage_name));
	snprintf(k->first_names, sizeof k->first_names, "%s", c->first_names);
	snprintf(k->sex, sizeof k->sex, "%s", c->sex);
	snprintf(k->birth_date, sizeof k->birth_date, "%s", c->birth_date);
	snprintf(k->birth_town, sizeof k->birth_town, "%s", c->birth_town);
	snprintf(k->birth_insee, sizeof k->birth_insee, "%s", france ? c->birth_insee : "");
	snprintf(k->birth_department, sizeof k->birth_department, "%s", nz(c->birth_department));
	snprintf(k->birth_country, sizeof k->birth_country, "%s", country);
	snprintf(k->email, sizeof k->email, "%s", nz(c->email));
	snprintf(k->phone, sizeof k->phone, "%s", nz(c->phone));
	snprintf(k->address, sizeof k->address, "%s", nz(c->address));
	snprintf(k->postal_code, sizeof k->postal_code, "%s", nz(c->postal_code));
	snprintf(k->city, sizeof k->city, "%s", nz(c->city));
	/* one person per centre: folded birth name, first names, birth date */
	fold_into(k->birth_name, f1, sizeof f1);
	fold_into(k->first_names, f2, sizeof f2);
	snprintf(k->identity_key, sizeof k->identity_key, "%s|%s|%s", f1, f2, k->birth_date);
	candidate_search(k);
	return 0;
}

/* The same person registering again (R-INS-1): his record is kept, with
** the identity as typed now; a contact field or the usage name left empty
** this time keeps its former value. */
static void candidate_merge(struct candidate *k, const struct candidate *old)
{
#define KEEP(f) do { if (!*k->f) snprintf(k->f, sizeof k->f, "%s", old->f); } while (0)
	KEEP(usage_name);
	KEEP(email);
	KEEP(phone);
	KEEP(address);
	KEEP(postal_code);
	KEEP(city);
#undef KEEP
	candidate_search(k);
}

/* A SIRET as typed into its 14 digits, checked; field names the input. */
static int siret_field(struct svc *s, const char *field, const char *label,
	const char *typed, char out[16])
{
	const char *m;
	if (id_compact(nz(typed), out, 16))
		return svc_fail(s, SVC_INVALID, field, NULL, "%s : 14 chiffres attendus.", label);
	if ((m = v_siret(out)))
		return svc_fail(s, SVC_INVALID, field, NULL, "%s : %s.", label, m);
	return 0;
}

/* The registration's own fields (not the rules), into row and req. */
static int registration_fields(struct svc *s, const struct registration_in *r,
	const char *today, struct reg_row *row, struct reg_request *req)
{
	int v;
	int has_company;

	memset(req, 0, sizeof *req);
	if (!r->certification || !*r->certification)
		return svc_fail(s, SVC_INVALID, "certification", NULL,
			"Certification : indiquez le code de la certification visée.");
	if ((v = route_from_key(r->route)) < 0)
		return svc_fail(s, SVC_INVALID, "route", NULL,
			"Voie d'accès : choisissez parmi student, apprenticeship, continuing, professionalisation, individual, vae.");
	req->route = (enum access_route)v;
	snprintf(row->route, sizeof row->route, "%s", r->route);
	if (req->route == ROUTE_VAE) {
		if ((v = vae_kind_from_code(nz(r->vae_kind))) < 0)
			return svc_fail(s, SVC_INVALID, "vae_kind", NULL,
				"Type de VAE : choisissez standard, branch ou branch_collective.");
		req->vae_kind = (enum vae_kind)v;
		snprintf(row->vae_kind, sizeof row->vae_kind, "%s", r->vae_kind);
	} else if (r->vae_kind && *r->vae_kind) {
		return svc_fail(s, SVC_INVALID, "vae_kind", NULL,
			"Type de VAE : ne se renseigne que pour la voie VAE.");
	}
	if ((v = registrant_from_code(nz(r->registrant))) < 0)
		return svc_fail(s, SVC_INVALID, "registrant", NULL,
			"Inscription faite par : choisissez company (entreprise), training_body (organisme de formation) ou candidate (le candidat).");
	req->registrant = (enum registrant)v;
	snprintf(row->registrant, sizeof row->registrant, "%s", r->registrant);
	if ((v = origin_from_code(nz(r->origin))) < 0)
		return svc_fail(s, SVC_INVALID, "origin", NULL,
			"Origine : SL (salarié) ou DE (demandeur d'emploi).");
	req->origin = (enum origin)v;
	snprintf(row->origin, sizeof row->origin, "%s", r->origin);
	if (funding_from_code(nz(r->funding)) < 0)
		return svc_fail(s, SVC_INVALID, "funding", NULL,
			"Financement : CPF, CPFCA, CVAE, CP, CPE, CPFTP, PDC, POEC, POEI ou PA.");
	snprintf(row->funding, sizeof row->funding, "%s", r->funding);

	has_company = (r->company_name && *r->company_name) ||
		(r->company_siret && *r->company_siret) || (r->company_naf && *r->company_naf);
	req->has_company = has_company;
	if (has_company) {
		int sec;
		FIELD(s, "company_name", "raison sociale de l'entreprise", v_text(r->company_name, 200, 0));
		FIELD(s, "company_address", "adresse de l'entreprise", v_text(r->company_address, 300, 1));
		if (siret_field(s, "company_siret", "SIRET de l'entreprise", r->company_siret,
		    row->company_siret))
			return -1;
		FIELD(s, "company_naf", "code NAF de l'entreprise", v_naf(nz(r->company_naf)));
		if ((sec = sector_from_code(nz(r->sector))) < 0)
			return svc_fail(s, SVC_INVALID, "sector", NULL,
				"Secteur de l'entreprise : M (métaux) ou HM (hors métaux).");
		FIELD(s, "sector_branch", "branche de l'entreprise",
			v_sector_branch((enum sector)sec, nz(r->sector_branch)));
		FIELD(s, "sector_branch", "branche de l'entreprise", v_text(r->sector_branch, 200, 1));
		snprintf(row->company_name, sizeof row->company_name, "%s", r->company_name);
		snprintf(row->company_address, sizeof row->company_address, "%s", nz(r->company_address));
		snprintf(row->company_naf, sizeof row->company_naf, "%s", r->company_naf);
		naf_to_nace(row->company_naf, row->company_nace);
		snprintf(row->sector, sizeof row->sector, "%s", r->sector);
		snprintf(row->sector_branch, sizeof row->sector_branch, "%s", nz(r->sector_branch));
	} else if ((r->sector && *r->sector) || (r->sector_branch && *r->sector_branch) ||
		   (r->company_address && *r->company_address)) {
		return svc_fail(s, SVC_INVALID, "company_name", NULL,
			"Entreprise : la raison sociale, le SIRET et le code NAF sont requis dès qu'un élément de l'entreprise est donné.");
	}
	FIELD(s, "tutor", "tuteur", v_text(r->tutor, 200, 1));
	snprintf(row->tutor, sizeof row->tutor, "%s", nz(r->tutor));
	FIELD(s, "accommodations", "aménagements (R-EVA-4)", v_text(r->accommodations, 1000, 1));
	snprintf(row->accommodations, sizeof row->accommodations, "%s", nz(r->accommodations));
	FIELD(s, "blocks", "blocs", v_text(r->blocks, 700, 1));
	req->without_employer_agreement = r->without_agreement ? 1 : 0;
	row->without_agreement = req->without_employer_agreement;
	if (r->date && *r->date) {
		FIELD(s, "date", "date d'inscription", v_date(r->date));
		if (strcmp(r->date, today) > 0)
			return svc_fail(s, SVC_INVALID, "date", NULL,
				"Date d'inscription : une inscription ne peut pas être datée d'un jour à venir.");
		snprintf(req->date, sizeof req->date, "%s", r->date);
	} else {
		snprintf(req->date, sizeof req->date, "%s", today);
	}
	snprintf(row->registered_on, sizeof row->registered_on, "%s", req->date);
	return 0;
}

/* What registration needs to know of a catalogue document. */
static void reg_certification_of(const json_t *doc, const char *date,
	struct reg_certification *c)
{
	const json_t *routes = json_object_get(doc, "access_routes");
	const json_t *legal = json_object_get(doc, "legal");
	int k = kind_from_code(jstr(doc, "kind")), st = status_from_code(jstr(doc, "status"));
	const char *end = jstr(legal, "registration_end");

	memset(c, 0, sizeof *c);
	c->code = jstr(doc, "code");
	c->kind = k < 0 ? KIND_RNCP : (enum cert_kind)k;
	c->status = st < 0 ? STATUS_ACTIVE : (enum cert_status)st;
	c->draft = json_is_true(json_object_get(doc, "draft"));
	for (int i = 0; i < ROUTE__MAX; i++) {
		const json_t *v = json_object_get(routes, route_key((enum access_route)i));
		c->routes[i] = json_is_true(v) ? TRI_YES : json_is_false(v) ? TRI_NO : TRI_UNKNOWN;
	}
	/* registered at the RNCP on the date: an RNCP number, and the
	** registration period not over */
	c->rncp_registered = *jstr(doc, "rncp") &&
		(!date_ok(end) || date_cmp(date, end) <= 0);
}

/* The block codes asked for, each a block of doc; normalised into
** row->blocks (space-separated codes), "" for the whole certification. */
static int blocks_field(struct svc *s, const json_t *doc, enum cert_kind kind,
	const char *typed, char *out, size_t outsz)
{
	const json_t *blocks = json_object_get(doc, "blocks");
	char *copy, *save = NULL, *w;
	struct buf b;
	int rc = 0, n = 0;

	*out = 0;
	if (!typed || !*typed)
		return 0;
	if (kind != KIND_CQPM)
		return svc_fail(s, SVC_INVALID, "blocks", NULL,
			"Blocs : un %s ne se découpe pas en blocs de compétences ; l'inscription porte sur la certification entière.",
			kind_label(kind));
	copy = xstrdup(typed);
	buf_init(&b, outsz - 1);
	for (w = strtok_r(copy, " ,;", &save); w; w = strtok_r(NULL, " ,;", &save)) {
		size_t i;
		const json_t *bl;
		const char *found = NULL;
		json_array_foreach(blocks, i, bl) {
			if (!strcmp(jstr(bl, "code"), w) || (*jstr(bl, "bdc") && !strcmp(jstr(bl, "bdc"), w)))
				found = jstr(bl, "code");
		}
		if (!found) {
			rc = svc_fail(s, SVC_INVALID, "blocks", NULL,
				"Blocs : %.60s n'est pas un bloc de la certification %s.", w, jstr(doc, "code"));
			break;
		}
		if (strstr(buf_str(&b), found)) {
			rc = svc_fail(s, SVC_INVALID, "blocks", NULL, "Blocs : %s est demandé deux fois.", found);
			break;
		}
		if (n++)
			buf_putc(&b, ' ');
		buf_puts(&b, found);
	}
	if (!rc && n == (int)json_array_size(blocks))
		buf_reset(&b);   /* every block: the whole certification */
	if (!rc)
		snprintf(out, outsz, "%s", buf_str(&b));
	buf_release(&b);
	free(copy);
	return rc;
}

/* The centre the registration is made with: the one named, or the
** actor's. */
static int centre_of(struct svc *s, const char *code, struct centre *out)
{
	int rc;
	if (code && *code) {
		FIELD(s, "centre", "centre", v_centre_code(code));
		rc = store_centre_by_code(s->st, code, out);
	} else if (s->actor.centre_id) {
		rc = store_centre_by_id(s->st, s->actor.centre_id, out);
	} else {
		return svc_fail(s, SVC_INVALID, "centre", NULL,
			"Centre : indiquez le centre de certification de l'inscription.");
	}
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
	if (rc == 0)
		return svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Aucun centre de code « %.40s ».", nz(code));
	return 0;
}

/* Loads the habilitation of body by centre into h (status pending when
** there is none, which R-HAB-2 refuses). */
static int hab_of(struct svc *s, int64_t body_id, int64_t centre_id,
	struct habilitation *h)
{
	struct hab_row *row = xcalloc(1, sizeof *row);
	int rc = store_hab_get(s->st, body_id, centre_id, row);
	memset(h, 0, sizeof *h);
	h->body_id = body_id;
	h->centre_id = centre_id;
	h->status = HAB_PENDING;
	if (rc == 1) {
		int st = hab_status_from_code(row->status);
		h->status = st < 0 ? HAB_PENDING : (enum hab_status)st;
		snprintf(h->granted_on, sizeof h->granted_on, "%s", row->granted_on);
		snprintf(h->refused_on, sizeof h->refused_on, "%s", row->refused_on);
		snprintf(h->withdrawn_on, sizeof h->withdrawn_on, "%s", row->withdrawn_on);
	}
	free(row);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des habilitations impossible.");
	return rc;
}

/* The core names the facts it checks ("company", "training_body"); the
** result names the input that carries them (struct registration_in, the
** form's fields and the API's keys). */
static void input_field(struct rule_error *e)
{
	static const char *const names[][2] = {
		{ "company", "company_name" },
		{ "training_body", "body_siret" },
		{ "without_employer_agreement", "without_agreement" },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(e->field, names[i][0])) {
			snprintf(e->field, sizeof e->field, "%s", names[i][1]);
			return;
		}
}

int svc_candidate_register(struct svc *s, const struct candidate_in *c,
	const struct registration_in *r, int64_t *candidate_id,
	int64_t *registration_id)
{
	char today[DATE_LEN], object[48];
	struct candidate *k = xcalloc(1, sizeof *k), *old = xcalloc(1, sizeof *old);
	struct reg_row *row = xcalloc(1, sizeof *row);
	struct reg_request req;
	struct reg_certification rc_cert;
	struct habilitation hab;
	struct rule_error err;
	struct centre centre;
	struct cat_entry cert = { 0 };
	struct body body;
	int64_t body_id = 0, kid = 0, rid = 0, others;
	int rc = -1, found, has_hab = 0;

	if (!perm_allows(s->actor.role, PERM_REGISTER)) {
		svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et les organismes de formation habilités inscrivent des candidats.");
		goto out;
	}
	svc_today(s, today);
	if (candidate_fields(s, c, today, k) || registration_fields(s, r, today, row, &req))
		goto out;
	/* a training body's account registers as its own body (R-HAB-2) */
	if (s->actor.role == ROLE_TRAINING_BODY) {
		if (req.registrant != REGISTRANT_TRAINING_BODY) {
			svc_fail(s, SVC_RULE, "registrant", "R-HAB-2",
				"Un organisme de formation inscrit ses candidats en son nom : « Inscription faite par » doit être l'organisme.");
			goto out;
		}
	}
	if (svc_begin(s))
		goto out;
	if (centre_of(s, r->centre, &centre))
		goto rollback;
	if (s->actor.role != ROLE_TRAINING_BODY && !perm_scope_ok(&s->actor, centre.id)) {
		svc_fail(s, SVC_DENIED, "centre", NULL,
			"Vous n'inscrivez des candidats qu'auprès de votre centre.");
		goto rollback;
	}
	if (s->actor.role == ROLE_TRAINING_BODY) {
		body_id = store_account_body(s->st, s->actor.user_id);
		if (body_id <= 0) {
			svc_fail(s, SVC_DENIED, NULL, "R-HAB-2",
				"Ce compte n'est rattaché à aucun organisme de formation : demandez au centre de le rattacher.");
			goto rollback;
		}
		if (store_body_by_id(s->st, body_id, &body) != 1) {
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture de l'organisme impossible.");
			goto rollback;
		}
		if (r->body_siret && *r->body_siret) {
			char digits[16];
			if (id_compact(r->body_siret, digits, sizeof digits) || strcmp(digits, body.siret)) {
				svc_fail(s, SVC_DENIED, "body_siret", "R-HAB-2",
					"Un organisme de formation n'inscrit des candidats qu'en son nom.");
				goto rollback;
			}
		}
	} else if (r->body_siret && *r->body_siret) {
		char digits[16];
		if (siret_field(s, "body_siret", "SIRET de l'organisme de formation", r->body_siret, digits))
			goto rollback;
		found = store_body_by_siret(s->st, digits, &body);
		if (found <= 0) {
			if (found < 0)
				svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.");
			else
				svc_fail(s, SVC_NOTFOUND, "body_siret", NULL,
					"Aucun organisme de formation de SIRET %s n'est enregistré.", digits);
			goto rollback;
		}
		body_id = body.id;
	} else if (req.registrant == REGISTRANT_TRAINING_BODY) {
		svc_fail(s, SVC_INVALID, "body_siret", NULL,
			"SIRET de l'organisme de formation : requis quand l'organisme fait l'inscription.");
		goto rollback;
	}
	if (body_id) {
		if (hab_of(s, body_id, centre.id, &hab) < 0)
			goto rollback;
		has_hab = 1;
		/* R-HAB-2: register or train for a centre needs its habilitation */
		if (habilitation_check(&hab, centre.id, req.date, &err)) {
			input_field(&err);
			svc_rule_failed(s, &err);
			goto rollback;
		}
	}
	if (svc_cat_get(s, r->certification, 0, &cert))
		goto rollback;
	reg_certification_of(cert.doc, req.date, &rc_cert);
	if (rc_cert.kind != KIND_CQPM && rc_cert.kind != KIND_CCPM) {
		svc_fail(s, SVC_INVALID, "certification", NULL,
			"Certification : %s est un %s ; un candidat s'inscrit à un CQPM, à un ou plusieurs de ses blocs, ou à un CCPM.",
			cert.meta.code, kind_label(rc_cert.kind));
		goto rollback;
	}
	if (blocks_field(s, cert.doc, rc_cert.kind, r->blocks, row->blocks, sizeof row->blocks))
		goto rollback;
	k->centre_id = centre.id;
	found = store_candidate_by_key(s->st, centre.id, k->identity_key, old);
	if (found < 0) {
		svc_store_abort(s, -1, "Lecture des candidats");
		goto out;
	}
	if (found) {
		kid = old->id;
		others = store_reg_active_count(s->st, kid, cert.meta.id);
		if (others < 0) {
			svc_store_abort(s, -1, "Lecture des inscriptions");
			goto out;
		}
	} else {
		others = 0;
	}
	if (registration_check(&rc_cert, &req, has_hab ? &hab : NULL, centre.id,
	    (int)others, &err)) {
		input_field(&err);
		svc_rule_failed(s, &err);
		goto rollback;
	}
	svc_now_iso(s, k->created_at);
	snprintf(k->updated_at, sizeof k->updated_at, "%s", k->created_at);
	if (found) {
		/* the identity is the same person's: keep his record, bring the
		** usage name and contact up to date */
		k->id = kid;
		candidate_merge(k, old);
		if ((rc = store_candidate_update(s->st, k))) {
			svc_store_abort(s, rc, "Mise à jour du candidat");
			rc = -1;
			goto out;
		}
	} else if ((rc = store_candidate_insert(s->st, k, &kid))) {
		svc_store_abort(s, rc, "Enregistrement du candidat");
		rc = -1;
		goto out;
	}
	row->candidate_id = kid;
	row->centre_id = centre.id;
	row->certification_id = cert.meta.id;
	row->cert_version = cert.meta.version;
	row->body_id = body_id;
	snprintf(row->status, sizeof row->status, "active");
	snprintf(row->created_at, sizeof row->created_at, "%s", k->created_at);
	snprintf(row->created_by, sizeof row->created_by, "%s", s->actor.login);
	if ((rc = store_reg_insert(s->st, row, &rid))) {
		svc_store_abort(s, rc, "Enregistrement de l'inscription");
		rc = -1;
		goto out;
	}
	snprintf(object, sizeof object, "candidat:%lld", (long long)kid);
	rc = svc_commit_audit(s, "candidate.register", object,
		json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:b}",
			"registration", (json_int_t)rid, "certification", cert.meta.code,
			"version", cert.meta.version, "blocks", row->blocks, "route", row->route,
			"registrant", row->registrant, "origin", row->origin,
			"registered_on", row->registered_on, "new_candidate", !found));
	if (!rc) {
		if (candidate_id)
			*candidate_id = kid;
		if (registration_id)
			*registration_id = rid;
	}
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	if (cert.doc)
		cat_entry_release(&cert);
	free(k);
	free(old);
	free(row);
	return rc;
}

/* Scope ---------------------------------------------------------------------- */

/* Fixes the filter to what the actor may see: a centre's own, a body's
** own, an evaluator's assigned candidates, every centre for the national
** administrator. Returns -1 (denied) when the actor sees no candidate. */
int svc_candidate_scope(struct svc *s, struct reg_filter *f)
{
	if (!perm_allows(s->actor.role, PERM_CANDIDATE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux candidats.");
	switch (s->actor.role) {
	case ROLE_ADMIN:
		return 0;
	case ROLE_CENTRE:
		f->centre_id = s->actor.centre_id;
		return 0;
	case ROLE_EVALUATOR:
		f->centre_id = s->actor.centre_id;
		f->evaluator_id = s->actor.user_id ? s->actor.user_id : -1;
		return 0;
	case ROLE_TRAINING_BODY: {
		int64_t body = store_account_body(s->st, s->actor.user_id);
		if (body < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du compte impossible.");
		f->body_id = body > 0 ? body : -1;   /* none: sees nothing */
		return 0;
	}
	default:
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux candidats.");
	}
}

/* A closed registration (admitted, not admitted, withdrawn) takes no
** more writes: its path is over. */
int svc_reg_open(struct svc *s, const struct reg_row *r, const char *what)
{
	if (!strcmp(r->status, "active"))
		return 0;
	return svc_fail(s, SVC_CONFLICT, "registration", NULL,
		"L'inscription n° %lld est close (%s) : %s.", (long long)r->id,
		registration_status_label(r->status), what);
}

/* 1 if registration r is within scope f (made by svc_candidate_scope). */
int svc_reg_in_scope(struct svc *s, const struct reg_filter *f, const struct reg_row *r)
{
	if (f->centre_id && f->centre_id != r->centre_id)
		return 0;
	if (f->body_id && f->body_id != r->body_id)
		return 0;
	if (f->evaluator_id)   /* assigned to this registration? */
		return store_assigned(s->st, r->id, f->evaluator_id) > 0;
	return 1;
}

/* 1 if the actor may see registration r (scope of svc_candidate_scope). */
int svc_reg_visible(struct svc *s, const struct reg_row *r)
{
	struct reg_filter f = { 0 };
	if (svc_candidate_scope(s, &f))
		return 0;
	return svc_reg_in_scope(s, &f, r);
}

int svc_reg_load(struct svc *s, int64_t rid, enum reg_reach reach, struct reg_row *r)
{
	int found = store_reg_get(s->st, rid, r);

	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
	if (found && reach == REACH_SEE) {
		s->res.rc = SVC_OK;   /* tells a failed read of the scope from a registration out of sight */
		found = svc_reg_visible(s, r);
		if (!found && s->res.rc != SVC_OK)
			return -1;
	} else if (found && reach == REACH_CENTRE) {
		found = perm_scope_ok(&s->actor, r->centre_id);
	}
	if (!found)
		return svc_fail(s, SVC_NOTFOUND, "registration", NULL,
			"Aucune inscription n° %lld parmi celles que vous suivez.", (long long)rid);
	return 0;
}

/* The work list --------------------------------------------------------------- */

/*
** The words of q, folded, into an FTS5 expression on the trigram index of
** the names: a word of 3 letters or more is found anywhere in a name, a
** word of 2 letters at the start of a name (the folded names begin with a
** space, and each word follows one: " le" is a trigram). Words of one
** letter become a LIKE pattern on the matched rows (the start of a name).
** Returns the number of words in the expression.
*/
static int search_terms(const char *q, struct buf *match, struct buf *like)
{
	struct buf folded;
	char *copy, *save = NULL, *w;
	int nm = 0, nl = 0;

	buf_init(&folded, 400);
	text_fold(&folded, q);
	copy = xstrdup(buf_str(&folded));
	buf_release(&folded);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t n = utf8_len(w);
		if (n >= 2) {
			buf_puts(match, nm++ ? " AND \"" : "\"");
			if (n == 2)
				buf_putc(match, ' ');
			for (const char *p = w; *p; p++) {
				if (*p == '"')   /* an FTS5 string doubles its quotes */
					buf_putc(match, '"');
				buf_putc(match, *p);
			}
			buf_putc(match, '"');
		} else {
			buf_printf(like, "%s %s", nl++ ? "" : "%", w);
			buf_putc(like, '%');
		}
	}
	free(copy);
	return nm;
}

/* Counts the rows handed on, and whether the caller stopped the list. */
struct list_count {
	reg_row_fn fn;
	void *arg;
	int64_t n;
	int stopped;
};

static int list_counted(void *arg, const struct reg_row *r)
{
	struct list_count *c = arg;
	c->n++;
	if (c->fn(c->arg, r)) {
		c->stopped = 1;
		return 1;
	}
	return 0;
}

int svc_candidate_list(struct svc *s, const struct candidate_query *q,
	reg_row_fn fn, void *arg, int64_t *total)
{
	struct reg_filter f = { 0 };
	struct buf match, like;
	struct cert cert = { 0 };
	struct list_count lc = { fn, arg, 0, 0 };
	char siret[16] = "", company[16] = "";
	int per = q->per_page > 0 ? q->per_page : 50, rc = 0, words = 0;

	if (total)
		*total = 0;
	if (svc_candidate_scope(s, &f))
		return -1;
	if (per > 500)
		return svc_fail(s, SVC_INVALID, "per_page", NULL, "Nombre par page : 500 au plus.");
	if (q->page < 0 || q->page > 100000)
		return svc_fail(s, SVC_INVALID, "page", NULL, "Page : numéro de 1 à 100 000.");
	if (q->before_id < 0)
		return svc_fail(s, SVC_INVALID, "before", NULL, "Curseur de pagination invalide.");
	FIELD(s, "q", "recherche", v_text(q->q, 200, 1));
	if (q->status && *q->status && code_lookup(reg_statuses, 4, q->status) < 0)
		return svc_fail(s, SVC_INVALID, "status", NULL,
			"Statut : active, admitted, not_admitted ou withdrawn.");
	if (q->next_jury && *q->next_jury)
		FIELD(s, "next_jury", "prochain jury", v_date(q->next_jury));
	if (q->body_siret && *q->body_siret) {
		struct body b;
		int found;
		if (siret_field(s, "body", "SIRET de l'organisme", q->body_siret, siret))
			return -1;
		found = store_body_by_siret(s->st, siret, &b);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.");
		if (f.body_id && f.body_id != (found ? b.id : -1))
			f.body_id = -1;
		else
			f.body_id = found ? b.id : -1;
	}
	if (q->company_siret && *q->company_siret) {
		if (siret_field(s, "company", "SIRET de l'entreprise", q->company_siret, company))
			return -1;
		f.company_siret = company;
	}
	if (q->centre && *q->centre) {
		struct centre c;
		int found;
		FIELD(s, "centre", "centre", v_centre_code(q->centre));
		found = store_centre_by_code(s->st, q->centre, &c);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
		if (f.centre_id && f.centre_id != (found ? c.id : -1))
			f.centre_id = -1;
		else
			f.centre_id = found ? c.id : -1;
	}
	if (q->certification && *q->certification) {
		int found;
		FIELD(s, "certification", "certification", v_text(q->certification, 60, 0));
		found = store_cert_find(s->st, BY_CODE, q->certification, &cert);
		if (found == 0)
			found = store_cert_find(s->st, BY_RNCP, q->certification, &cert);
		if (found == 0)
			found = store_cert_find(s->st, BY_IDENTIFIER, q->certification, &cert);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
		f.certification_id = found ? cert.id : -1;
		if (found)
			cert_release(&cert);
	}
	buf_init(&match, 1000);
	buf_init(&like, 400);
	if (q->q && *q->q) {
		words = search_terms(q->q, &match, &like);
		if (!words && like.len) {
			buf_release(&match);
			buf_release(&like);
			return svc_fail(s, SVC_INVALID, "q", NULL,
				"Recherche : saisissez au moins deux lettres d'un nom.");
		}
	}
	/* a scope or a filter that nothing passes (-1): an empty list */
	if (f.centre_id < 0 || f.body_id < 0 || f.evaluator_id < 0 || f.certification_id < 0)
		goto done;
	f.status = q->status;
	f.next_jury = q->next_jury;
	f.match = words ? buf_str(&match) : NULL;
	f.prefix = like.len ? buf_str(&like) : NULL;
	f.before_id = q->before_id;
	f.matches = -1;
	f.limit = per;
	f.offset = (q->page > 1 ? q->page - 1 : 0) * per;
	/* a name search is counted first: the count chooses how to list */
	if (words && !f.evaluator_id && !f.body_id && !f.company_siret) {
		if ((f.matches = store_reg_count(s->st, &f)) < 0) {
			rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
			goto done;
		}
		if (total)
			*total = f.matches;
		if (f.matches <= f.offset)
			goto done;
	}
	if (store_reg_list(s->st, &f, list_counted, &lc)) {
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
		goto done;
	}
	if (!total || f.matches >= 0)
		goto done;
	if (f.before_id) {   /* a cursor's pages are not counted */
		*total = -1;
		goto done;
	}
	/* a page that is not full tells the total without counting */
	if (!lc.stopped && lc.n < per && (lc.n > 0 || f.offset == 0))
		*total = f.offset + lc.n;
	else if ((*total = store_reg_count(s->st, &f)) < 0)
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
done:
	buf_release(&match);
	buf_release(&like);
	return rc;
}

/* Units kept from an earlier jury (R-LET-3) ---------------------------------- */

int svc_acquired_record(struct svc *s, int64_t candidate_id,
	const char *certification, const char *unit, const char *jury_date)
{
	struct candidate *k = xcalloc(1, sizeof *k);
	struct cat_entry cert = { 0 };
	struct acquired_row a;
	struct rule_error err;
	char today[DATE_LEN], object[48];
	const json_t *b, *legal;
	const char *unit_kind = NULL, *end;
	size_t i;
	int found, rc = -1, rncp;

	memset(&a, 0, sizeof a);
	if (!perm_allows(s->actor.role, PERM_DOSSIER_WRITE)) {
		svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification enregistre les acquis d'un jury antérieur.");
		goto out;
	}
	svc_today(s, today);
	if (v_date(nz(jury_date))) {
		svc_fail(s, SVC_INVALID, "jury_date", NULL, "Date du jury : format AAAA-MM-JJ attendu.");
		goto out;
	}
	if (strcmp(jury_date, today) > 0) {
		svc_fail(s, SVC_INVALID, "jury_date", NULL, "Date du jury : le jury doit avoir eu lieu.");
		goto out;
	}
	if (v_text(unit, 40, 0)) {
		svc_fail(s, SVC_INVALID, "unit", NULL, "Bloc ou compétence : indiquez son code.");
		goto out;
	}
	if (svc_begin(s))
		goto out;
	found = store_candidate_get(s->st, candidate_id, k);
	if (found <= 0 || !perm_scope_ok(&s->actor, k->centre_id)) {
		if (found < 0)
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats impossible.");
		else
			svc_fail(s, SVC_NOTFOUND, "id", NULL, "Aucun candidat n° %lld dans votre centre.",
				(long long)candidate_id);
		goto rollback;
	}
	if (svc_cat_get(s, nz(certification), 0, &cert))
		goto rollback;
	/* the unit: a block of the certification, or a competence */
	json_array_foreach(json_object_get(cert.doc, "blocks"), i, b) {
		const json_t *c;
		size_t j;
		if (!strcmp(jstr(b, "code"), unit) || (*jstr(b, "bdc") && !strcmp(jstr(b, "bdc"), unit))) {
			unit_kind = "block";
			snprintf(a.unit, sizeof a.unit, "%s", jstr(b, "code"));
		}
		json_array_foreach(json_object_get(b, "competences"), j, c)
			if (!unit_kind && !strcmp(jstr(c, "code"), unit)) {
				unit_kind = "competence";
				snprintf(a.unit, sizeof a.unit, "%s", unit);
			}
	}
	json_array_foreach(json_object_get(cert.doc, "competences"), i, b)
		if (!unit_kind && !strcmp(jstr(b, "code"), unit)) {
			unit_kind = "competence";
			snprintf(a.unit, sizeof a.unit, "%s", unit);
		}
	if (!unit_kind) {
		svc_fail(s, SVC_INVALID, "unit", NULL,
			"Bloc ou compétence : %.40s n'appartient pas à la certification %s.", unit, cert.meta.code);
		goto rollback;
	}
	/* R-LET-3: kept from the jury's decision for the registered validity,
	** or 5 years (RNCP) / 24 months by default */
	legal = json_object_get(cert.doc, "legal");
	end = jstr(legal, "registration_end");
	rncp = *cert.meta.rncp && (!date_ok(end) || date_cmp(jury_date, end) <= 0);
	if (acquired_until(jury_date, rncp, jstr(cert.doc, "acquired_validity"), a.kept_until, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	a.candidate_id = candidate_id;
	a.certification_id = cert.meta.id;
	snprintf(a.unit_kind, sizeof a.unit_kind, "%s", unit_kind);
	snprintf(a.jury_date, sizeof a.jury_date, "%s", jury_date);
	snprintf(a.source, sizeof a.source, "record");
	svc_now_iso(s, a.recorded_at);
	rc = store_acquired_insert(s->st, &a);
	if (rc) {
		if (rc == STORE_CONFLICT) {
			store_rollback(s->st);
			svc_fail(s, SVC_CONFLICT, "unit", NULL, "Cet acquis est déjà enregistré pour ce jury.");
		} else {
			svc_store_abort(s, rc, "Enregistrement de l'acquis");
		}
		rc = -1;
		goto out;
	}
	snprintf(object, sizeof object, "candidat:%lld", (long long)candidate_id);
	rc = svc_commit_audit(s, "candidate.acquired", object,
		json_pack("{s:s, s:s, s:s, s:s, s:s}", "certification", cert.meta.code,
			"unit", a.unit, "kind", unit_kind, "jury_date", jury_date,
			"kept_until", a.kept_until));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	if (cert.doc)
		cat_entry_release(&cert);
	free(k);
	return rc;
}

/* Training bodies' accounts (R-HAB-2) -------------------------------------- */

int svc_account_link_body(struct svc *s, const char *login, const char *siret)
{
	struct account a;
	struct body b;
	char digits[16], object[96];
	int found;

	if (!perm_allows(s->actor.role, PERM_USER_WRITE) &&
	    !perm_allows(s->actor.role, PERM_BODY_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre et l'administrateur national rattachent un compte à un organisme.");
	if (siret_field(s, "siret", "SIRET de l'organisme", siret, digits))
		return -1;
	if (svc_begin(s))
		return -1;
	found = store_account_by_login(s->st, nz(login), &a);
	if (found <= 0) {
		store_rollback(s->st);
		return found < 0 ? svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.") :
			svc_fail(s, SVC_NOTFOUND, "login", NULL, "Aucun compte « %.60s ».", nz(login));
	}
	if (!perm_scope_ok(&s->actor, a.centre_id)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_DENIED, "login", NULL, "Ce compte n'est pas de votre centre.");
	}
	if (a.role != ROLE_TRAINING_BODY) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INVALID, "login", NULL,
			"Seul un compte d'organisme de formation se rattache à un organisme.");
	}
	found = store_body_by_siret(s->st, digits, &b);
	if (found <= 0) {
		store_rollback(s->st);
		return found < 0 ? svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.") :
			svc_fail(s, SVC_NOTFOUND, "siret", NULL, "Aucun organisme de SIRET %s.", digits);
	}
	if (store_account_set_body(s->st, a.id, b.id)) {
		svc_store_abort(s, -1, "Rattachement du compte");
		return -1;
	}
	snprintf(object, sizeof object, "compte:%s", a.login);
	return svc_commit_audit(s, "account.link_body", object,
		json_pack("{s:s, s:s}", "siret", b.siret, "name", b.name));
}

int svc_body_accounts(struct svc *s, const char *siret, account_fn fn, void *arg)
{
	struct body b;
	char digits[16];
	int found;

	if (!perm_allows(s->actor.role, PERM_BODY_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès aux comptes des organismes de formation.");
	if (siret_field(s, "siret", "SIRET de l'organisme", siret, digits))
		return -1;
	found = store_body_by_siret(s->st, digits, &b);
	if (found <= 0)
		return found < 0 ? svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.") :
			svc_fail(s, SVC_NOTFOUND, "siret", NULL, "Aucun organisme de SIRET %s.", digits);
	/* centre staff see their own centre's accounts */
	if (store_account_of_body(s->st, b.id,
		role_is_national(s->actor.role) ? 0 : s->actor.centre_id, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	return 0;
}

int svc_account_body(struct svc *s, struct body *out)
{
	int64_t id;
	int found;

	if (s->actor.role != ROLE_TRAINING_BODY || !s->actor.user_id)
		return 0;
	if ((id = store_account_body(s->st, s->actor.user_id)) < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du compte impossible.");
	if (!id)
		return 0;
	if ((found = store_body_by_id(s->st, id, out)) < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture de l'organisme impossible.");
	return found;
}
