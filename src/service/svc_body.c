/*
** Training bodies and their habilitation by the certification centres
** (R-HAB-1, R-HAB-2). The rules are in core/habilitation.c; this file
** loads, checks the actor's rights and scope, stores and audits.
*/
#include "service/svc.h"
#include "core/identity.h"
#include "core/validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(s, key, label, msg) do { const char *m_ = (msg); \
	if (m_) return svc_fail((s), SVC_INVALID, (key), NULL, "%s : %s.", (label), m_); \
	} while (0)

/* A SIRET as typed ("110 043 015 00012") into its 14 digits; -1 if bad. */
static int siret_of(struct svc *s, const char *typed, char out[16])
{
	const char *m;
	if (!typed || id_compact(typed, out, 16))
		return svc_fail(s, SVC_INVALID, "siret", NULL, "SIRET : 14 chiffres attendus.");
	if ((m = v_siret(out)))
		return svc_fail(s, SVC_INVALID, "siret", NULL, "SIRET : %s.", m);
	return 0;
}

int svc_body_add(struct svc *s, const struct body *b, int64_t *id)
{
	struct body row;
	char object[40];
	int rc;

	if (!perm_allows(s->actor.role, PERM_BODY_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et l'administrateur national enregistrent les organismes de formation.");
	row = *b;
	if (siret_of(s, b->siret, row.siret))
		return -1;
	FIELD(s, "name", "nom", v_text(b->name, 200, 0));
	FIELD(s, "address", "adresse", v_text(b->address, 300, 1));
	FIELD(s, "contact", "contact", v_text(b->contact, 100, 1));
	FIELD(s, "email", "courriel", v_email(b->email));
	FIELD(s, "phone", "téléphone", v_phone(b->phone));
	svc_now_iso(s, row.created_at);
	if (svc_begin(s))
		return -1;
	rc = store_body_insert(s->st, &row, id);
	if (rc) {
		store_rollback(s->st);
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "siret", NULL,
				"Un organisme de SIRET %s est déjà enregistré.", row.siret);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Enregistrement de l'organisme impossible.");
	}
	snprintf(object, sizeof object, "organisme:%s", row.siret);
	return svc_commit_audit(s, "body.add", object, json_pack("{s:s}", "name", row.name));
}

int svc_body_list(struct svc *s, body_fn fn, void *arg)
{
	if (!perm_allows(s->actor.role, PERM_BODY_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux organismes de formation.");
	if (store_body_list(s->st, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.");
	return 0;
}

int svc_body_get(struct svc *s, const char *siret, struct body *out)
{
	char digits[16];
	int rc;
	if (!perm_allows(s->actor.role, PERM_BODY_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux organismes de formation.");
	if (siret_of(s, siret, digits))
		return -1;
	rc = store_body_by_siret(s->st, digits, out);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organismes impossible.");
	if (rc == 0)
		return svc_fail(s, SVC_NOTFOUND, "siret", NULL, "Aucun organisme de SIRET %s.", digits);
	return 0;
}

static char finding_char(enum hab_finding f)
{
	return f == HAB_MET ? 'm' : f == HAB_NOT_MET ? 'n' : '-';
}

static enum hab_finding char_finding(char c)
{
	return c == 'm' ? HAB_MET : c == 'n' ? HAB_NOT_MET : HAB_NOT_ASSESSED;
}

/* Row ↔ core structs. */
static void hab_from_row(const struct hab_row *r, struct body_hab *out)
{
	int st = hab_status_from_code(r->status);
	memset(out, 0, sizeof *out);
	out->id = r->id;
	snprintf(out->siret, sizeof out->siret, "%s", r->siret);
	snprintf(out->body_name, sizeof out->body_name, "%s", r->body_name);
	snprintf(out->centre_code, sizeof out->centre_code, "%s", r->centre_code);
	out->h.centre_id = r->centre_id;
	out->h.body_id = r->body_id;
	out->h.status = st >= 0 ? (enum hab_status)st : HAB_PENDING;
	snprintf(out->h.granted_on, sizeof out->h.granted_on, "%s", r->granted_on);
	snprintf(out->h.refused_on, sizeof out->h.refused_on, "%s", r->refused_on);
	snprintf(out->h.withdrawn_on, sizeof out->h.withdrawn_on, "%s", r->withdrawn_on);
	snprintf(out->h.motive, sizeof out->h.motive, "%s", r->motive);
	snprintf(out->a.date, sizeof out->a.date, "%s", r->assessed_on);
	out->a.site_visit = r->site_visit;
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			out->a.findings[c][i] = char_finding(r->findings[c * HAB_INDICATORS + i]);
	snprintf(out->updated_at, sizeof out->updated_at, "%s", r->updated_at);
}

static void row_from_hab(const struct habilitation *h, const struct hab_assessment *a,
	struct hab_row *r)
{
	r->body_id = h->body_id;
	r->centre_id = h->centre_id;
	snprintf(r->status, sizeof r->status, "%s", hab_status_code(h->status));
	snprintf(r->assessed_on, sizeof r->assessed_on, "%s", a->date);
	r->site_visit = a->site_visit;
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			r->findings[c * HAB_INDICATORS + i] = finding_char(a->findings[c][i]);
	r->findings[HAB_CRITERIA * HAB_INDICATORS] = '\0';
	snprintf(r->granted_on, sizeof r->granted_on, "%s", h->granted_on);
	snprintf(r->refused_on, sizeof r->refused_on, "%s", h->refused_on);
	snprintf(r->withdrawn_on, sizeof r->withdrawn_on, "%s", h->withdrawn_on);
	snprintf(r->motive, sizeof r->motive, "%s", h->motive);
}

/* Body and centre of an operation, with the actor's scope checked. */
static int load_pair(struct svc *s, const char *siret, const char *centre_code,
	struct body *b, struct centre *c)
{
	int rc;
	if (!perm_allows(s->actor.role, PERM_BODY_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et l'administrateur national instruisent les habilitations.");
	if (svc_body_get(s, siret, b))
		return -1;
	if (!centre_code || !*centre_code) {
		/* centre staff act for their own centre */
		if (!role_is_national(s->actor.role) && s->actor.centre_id) {
			rc = store_centre_by_id(s->st, s->actor.centre_id, c);
			if (rc == 1)
				return 0;
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
		}
		return svc_fail(s, SVC_INVALID, "centre", NULL,
			"centre : indiquez le centre de certification qui habilite.");
	}
	rc = store_centre_by_code(s->st, centre_code, c);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
	/* R-HAB-1: a centre habilitates for itself; for centre staff an unknown
	** centre and another centre get the same answer (no enumeration) */
	if (rc == 0 || !perm_scope_ok(&s->actor, c->id)) {
		if (!role_is_national(s->actor.role))
			return svc_fail(s, SVC_DENIED, "centre", "R-HAB-1",
				"Un centre n'instruit et ne décide que ses propres habilitations.");
		return svc_fail(s, SVC_INVALID, "centre", NULL, "centre : « %.40s » est inconnu.",
			centre_code);
	}
	return 0;
}

int svc_hab_instruct(struct svc *s, const char *siret, const char *centre_code,
	const struct hab_assessment *a)
{
	struct body b;
	struct centre c;
	struct hab_row row;
	struct habilitation h;
	struct rule_error err;
	char object[40];
	int rc;

	if (load_pair(s, siret, centre_code, &b, &c))
		return -1;
	if (hab_assessment_check(a, &err))
		return svc_rule_failed(s, &err);
	if (svc_begin(s))
		return -1;
	memset(&row, 0, sizeof row);
	rc = store_hab_get(s->st, b.id, c.id, &row);
	if (rc < 0) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des habilitations impossible.");
	}
	memset(&h, 0, sizeof h);
	h.body_id = b.id;
	h.centre_id = c.id;
	h.status = HAB_PENDING;
	if (rc == 1) {
		struct body_hab cur;
		hab_from_row(&row, &cur);
		/* an intermediate review of a granted habilitation keeps it
		** granted; after a refusal or a withdrawal, instructing again
		** opens a new application (the audit log keeps the former one) */
		if (cur.h.status == HAB_GRANTED || cur.h.status == HAB_PENDING)
			h = cur.h;
	}
	row_from_hab(&h, a, &row);
	svc_now_iso(s, row.updated_at);
	if (store_hab_put(s->st, &row)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Enregistrement de l'instruction impossible.");
	}
	snprintf(object, sizeof object, "organisme:%s", b.siret);
	return svc_commit_audit(s, "habilitation.instruct", object, json_pack("{s:s, s:s, s:i, s:i, s:b}",
		"centre", c.code, "date", a->date, "met", hab_count(a, HAB_MET),
		"not_met", hab_count(a, HAB_NOT_MET), "site_visit", a->site_visit));
}

int svc_hab_decide(struct svc *s, const char *siret, const char *centre_code,
	const char *decision, const char *date, const char *motive)
{
	struct body b;
	struct centre c;
	struct hab_row row;
	struct body_hab cur;
	struct rule_error err;
	char object[40];
	int rc;

	if (load_pair(s, siret, centre_code, &b, &c))
		return -1;
	if (!decision || (strcmp(decision, "granted") && strcmp(decision, "refused") &&
	    strcmp(decision, "withdrawn")))
		return svc_fail(s, SVC_INVALID, "decision", NULL,
			"décision : « granted » (accorder), « refused » (refuser) ou « withdrawn » (retirer).");
	FIELD(s, "date", "date", v_date(date));
	FIELD(s, "motive", "motif", v_text(motive, 250, 1));
	if (svc_begin(s))
		return -1;
	rc = store_hab_get(s->st, b.id, c.id, &row);
	if (rc <= 0) {
		store_rollback(s->st);
		if (rc < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des habilitations impossible.");
		return svc_fail(s, SVC_RULE, "decision", "R-HAB-1",
			"Aucune instruction de cette habilitation : instruisez-la d'abord au regard "
			"des 6 critères et de leurs indicateurs.");
	}
	hab_from_row(&row, &cur);
	if (!strcmp(decision, "granted"))
		rc = hab_grant(&cur.h, &cur.a, date, &err);
	else if (!strcmp(decision, "refused"))
		rc = hab_refuse(&cur.h, &cur.a, date, motive ? motive : "", &err);
	else
		rc = hab_withdraw(&cur.h, date, motive ? motive : "", &err);
	if (rc) {
		store_rollback(s->st);
		return svc_rule_failed(s, &err);
	}
	row_from_hab(&cur.h, &cur.a, &row);
	svc_now_iso(s, row.updated_at);
	if (store_hab_put(s->st, &row)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Enregistrement de la décision impossible.");
	}
	snprintf(object, sizeof object, "organisme:%s", b.siret);
	return svc_commit_audit(s, "habilitation.decide", object, json_pack("{s:s, s:s, s:s, s:s}",
		"centre", c.code, "decision", decision, "date", date, "motive", motive ? motive : ""));
}

struct hab_list_ctx {
	body_hab_fn fn;
	void *arg;
	struct body_hab *h;
};

static int hab_row_cb(void *arg, const struct hab_row *r)
{
	struct hab_list_ctx *c = arg;
	hab_from_row(r, c->h);
	return c->fn(c->arg, c->h);
}

int svc_hab_list(struct svc *s, const char *siret, const char *status,
	body_hab_fn fn, void *arg)
{
	struct hab_list_ctx ctx = { fn, arg, NULL };
	struct body b;
	int64_t centre = 0, body = 0;
	int rc;

	if (!perm_allows(s->actor.role, PERM_BODY_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux habilitations.");
	if (status && *status && hab_status_from_code(status) < 0)
		return svc_fail(s, SVC_INVALID, "status", NULL,
			"statut : pending, granted, refused ou withdrawn.");
	if (!role_is_national(s->actor.role))
		centre = s->actor.centre_id ? s->actor.centre_id : -1;
	if (siret && *siret) {
		if (svc_body_get(s, siret, &b))
			return -1;
		body = b.id;
	}
	ctx.h = malloc(sizeof *ctx.h);
	if (!ctx.h)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Mémoire insuffisante.");
	rc = store_hab_list(s->st, centre, body, status, hab_row_cb, &ctx);
	free(ctx.h);
	if (rc)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des habilitations impossible.");
	return 0;
}
