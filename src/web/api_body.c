/*
** The JSON API of training bodies and their habilitation (R-HAB-1,
** R-HAB-2). Same services as the pages (page_body.c); errors are
** {"error": {"code", "message", "field"?, "rule"?}}.
**
**   GET  /api/v1/organisations                      bodies and their habilitations
**   POST /api/v1/organisations                      {siret, name, address, contact, email, phone}
**   GET  /api/v1/organisations/{siret}              one body, habilitations with findings
**   POST /api/v1/organisations/{siret}/instruction  {centre, date, site_visit, findings}
**   POST /api/v1/organisations/{siret}/decision     {centre, decision, date, motive}
**
** findings: 6 arrays (the criteria) of 2 codes (the indicators), each
** "not_assessed", "met" or "not_met".
*/
#include "web/web_int.h"
#include "core/identity.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Habilitations collected from svc_hab_list (see web_int.h). */
int habs_collect(void *arg, const struct body_hab *h)
{
	struct habs *hs = arg;
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? hs->cap * 2 : 8;
		hs->v = xrealloc(hs->v, hs->cap * sizeof *hs->v);
	}
	hs->v[hs->n++] = *h;
	return 0;
}

/* The siret member as typed ("110 043 015 00012"): its digits. */
static int json_siret(struct req *r, char *dst, size_t n)
{
	const char *typed;
	if (req_json_ref(r, "siret", &typed))
		return -1;
	if (id_compact(typed, dst, n))
		return svc_fail(&r->svc, SVC_INVALID, "siret", NULL, "SIRET : 14 chiffres attendus.");
	return 0;
}

/* "" as null (a date not set yet). */
static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *body_json(const struct body *b)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"siret", b->siret, "name", b->name, "address", b->address,
		"contact", b->contact, "email", b->email, "phone", b->phone,
		"created_at", b->created_at);
}

/* One habilitation; with_findings adds the instruction's 6 criteria. */
static json_t *hab_json(const struct body_hab *h, int with_findings)
{
	const char *status = hab_status_code(h->h.status);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
		"siret", h->siret, "body_name", h->body_name, "centre", h->centre_code,
		"status", status ? status : "",
		"granted_on", str_or_null(h->h.granted_on),
		"refused_on", str_or_null(h->h.refused_on),
		"withdrawn_on", str_or_null(h->h.withdrawn_on),
		"motive", str_or_null(h->h.motive),
		"updated_at", str_or_null(h->updated_at),
		"instruction_date", str_or_null(h->a.date),
		"site_visit", h->a.site_visit != 0);
	if (with_findings) {
		json_t *crit = json_array();
		for (int c = 0; c < HAB_CRITERIA; c++) {
			const struct hab_criterion *k = hab_criterion(c);
			json_t *ind = json_array();
			for (int i = 0; i < HAB_INDICATORS; i++) {
				const char *code = hab_finding_code(h->a.findings[c][i]);
				json_array_append_new(ind, json_pack("{s:s, s:s}", "text",
					k->indicators[i], "finding", code ? code : ""));
			}
			json_array_append_new(crit, json_pack("{s:s, s:o}", "criterion", k->title,
				"indicators", ind));
		}
		json_object_set_new(o, "findings", crit);
	}
	return o;
}


struct list_acc {
	json_t *items;
	const struct habs *hs;
};

static int body_item(void *arg, const struct body *b)
{
	struct list_acc *a = arg;
	json_t *o = body_json(b), *habs = json_array();
	for (size_t i = 0; i < a->hs->n; i++)
		if (!strcmp(a->hs->v[i].siret, b->siret))
			json_array_append_new(habs, hab_json(&a->hs->v[i], 0));
	json_object_set_new(o, "habilitations", habs);
	json_array_append_new(a->items, o);
	return 0;
}

/* GET /api/v1/organisations */
void api_bodies(struct req *r)
{
	struct habs hs = { NULL, 0, 0 };
	struct list_acc acc = { json_array(), &hs };

	if (svc_hab_list(&r->svc, "", "", habs_collect, &hs) ||
	    svc_body_list(&r->svc, body_item, &acc)) {
		free(hs.v);
		json_decref(acc.items);
		res_api_fail(r);
		return;
	}
	free(hs.v);
	res_json(r, 200, json_pack("{s:o}", "items", acc.items));
}

/* POST /api/v1/organisations {siret, name, address, contact, email, phone} */
void api_bodies_post(struct req *r)
{
	struct body b;
	int64_t id;

	if (api_need_session(r) || api_need_json(r))
		return;
	memset(&b, 0, sizeof b);
	if (json_siret(r, b.siret, sizeof b.siret) ||
	    req_json_str(r, "name", b.name, sizeof b.name) ||
	    req_json_str(r, "address", b.address, sizeof b.address) ||
	    req_json_str(r, "contact", b.contact, sizeof b.contact) ||
	    req_json_str(r, "email", b.email, sizeof b.email) ||
	    req_json_str(r, "phone", b.phone, sizeof b.phone) ||
	    svc_body_add(&r->svc, &b, &id)) {
		res_api_fail(r);
		return;
	}
	/* the stored form (the service may have normalised the input) */
	if (svc_body_get(&r->svc, b.siret, &b)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 201, body_json(&b));
}

/* The body's object with its visible habilitations and their findings. */
static json_t *body_full(struct req *r, const char *siret)
{
	struct body b;
	struct habs hs = { NULL, 0, 0 };
	json_t *o, *habs;

	if (svc_body_get(&r->svc, siret, &b) ||
	    svc_hab_list(&r->svc, b.siret, "", habs_collect, &hs)) {
		free(hs.v);
		return NULL;
	}
	o = body_json(&b);
	habs = json_array();
	for (size_t i = 0; i < hs.n; i++)
		json_array_append_new(habs, hab_json(&hs.v[i], 1));
	json_object_set_new(o, "habilitations", habs);
	free(hs.v);
	return o;
}

/* GET /api/v1/organisations/{siret} */
void api_body(struct req *r)
{
	json_t *o = body_full(r, r->param);
	if (!o) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, o);
}

/* The latest habilitation of the body by centre, as JSON (after a change);
** NULL on a failure. */
static json_t *latest_hab(struct req *r, const char *centre)
{
	struct habs hs = { NULL, 0, 0 };
	const struct body_hab *best = NULL;
	json_t *o;

	if (svc_hab_list(&r->svc, r->param, "", habs_collect, &hs)) {
		free(hs.v);
		return NULL;
	}
	for (size_t i = 0; i < hs.n; i++)
		if (!strcmp(hs.v[i].centre_code, centre) && (!best || hs.v[i].id > best->id))
			best = &hs.v[i];
	o = best ? hab_json(best, 1) : json_object();
	free(hs.v);
	return o;
}

/* The findings member: 6 arrays of 2 codes. */
static int parse_findings(struct req *r, struct hab_assessment *a)
{
	json_t *v = json_object_get(r->json, "findings");

	if (!v || json_is_null(v))
		return 0;   /* nothing assessed yet */
	if (!json_is_array(v) || json_array_size(v) != HAB_CRITERIA)
		return svc_fail(&r->svc, SVC_INVALID, "findings", NULL,
			"findings : un tableau de 6 critères, chacun de 2 constats "
			"(not_assessed, met ou not_met), est attendu.");
	for (int c = 0; c < HAB_CRITERIA; c++) {
		json_t *row = json_array_get(v, (size_t)c);
		if (!json_is_array(row) || json_array_size(row) != HAB_INDICATORS)
			return svc_fail(&r->svc, SVC_INVALID, "findings", NULL,
				"findings : le critère %d doit avoir 2 constats.", c + 1);
		for (int i = 0; i < HAB_INDICATORS; i++) {
			int f = hab_finding_from_code(json_string_value(json_array_get(row, (size_t)i)));
			if (f < 0) {
				char field[32];
				snprintf(field, sizeof field, "findings[%d][%d]", c, i);
				return svc_fail(&r->svc, SVC_INVALID, field, NULL,
					"Le constat de l'indicateur %d du critère %d est inconnu "
					"(not_assessed, met ou not_met).", i + 1, c + 1);
			}
			a->findings[c][i] = (enum hab_finding)f;
		}
	}
	return 0;
}

/* POST /api/v1/organisations/{siret}/instruction
** {centre, date, site_visit, findings} */
void api_body_instruct(struct req *r)
{
	struct hab_assessment a;
	const char *centre;
	json_t *sv, *o;

	if (api_need_session(r) || api_need_json(r))
		return;
	memset(&a, 0, sizeof a);
	sv = json_object_get(r->json, "site_visit");
	if (req_json_ref(r, "centre", &centre))
		goto fail;
	if (req_json_str(r, "date", a.date, sizeof a.date)) {
		svc_fail(&r->svc, SVC_INVALID, "date", NULL,
			"La date de l'instruction est invalide (format AAAA-MM-JJ attendu).");
		goto fail;
	}
	if (sv && !json_is_null(sv) && !json_is_boolean(sv) &&
	    !(json_is_integer(sv) && (json_integer_value(sv) == 0 || json_integer_value(sv) == 1))) {
		svc_fail(&r->svc, SVC_INVALID, "site_visit", NULL,
			"site_visit : true ou false est attendu.");
		goto fail;
	}
	a.site_visit = sv && (json_is_true(sv) || (json_is_integer(sv) && json_integer_value(sv)));
	if (parse_findings(r, &a) ||
	    svc_hab_instruct(&r->svc, r->param, centre, &a) ||
	    !(o = latest_hab(r, centre ? centre : "")))
		goto fail;
	res_json(r, 200, o);
	return;
fail:
	res_api_fail(r);
}

/* POST /api/v1/organisations/{siret}/decision {centre, decision, date, motive} */
void api_body_decide(struct req *r)
{
	const char *centre, *decision, *date, *motive;
	json_t *o;

	if (api_need_session(r) || api_need_json(r))
		return;
	if (req_json_ref(r, "centre", &centre) || req_json_ref(r, "decision", &decision) ||
	    req_json_ref(r, "date", &date) || req_json_ref(r, "motive", &motive) ||
	    svc_hab_decide(&r->svc, r->param, centre, decision, date, motive) ||
	    !(o = latest_hab(r, centre ? centre : ""))) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, o);
}
