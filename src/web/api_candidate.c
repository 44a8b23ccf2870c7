/*
** The JSON API of candidates and their registrations (R-INS-1..3,
** R-HAB-2, R-LET-3). Same services as the pages (page_candidate.c); errors
** are {"error": {"code", "message", "field"?, "rule"?}}: 400 for a
** malformed field, 422 for a rule of the scheme, 401/403, 404, 409.
**
**   GET  /api/v1/candidates?q=&status=&certification=&body=&company=&next_jury=&centre=&page=&per_page=
**   POST /api/v1/candidates                   {"candidate": {…}, "registration": {…}}
**   GET  /api/v1/candidates/{id}              the candidate's file (as `cqpm candidate show ID --json`)
**   POST /api/v1/candidates/{id}/acquired     {certification, unit, jury_date}
**
** The members of "candidate" and "registration" are the fields of struct
** candidate_in and struct registration_in (svc.h): strings, except
** without_agreement (true or false) and blocks (a string of codes or an
** array of codes).
*/
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static int list_item(void *arg, const struct reg_row *r)
{
	json_array_append_new(arg, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
		"s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o}",
		"candidate", (json_int_t)r->candidate_id, "registration", (json_int_t)r->id,
		"birth_name", r->birth_name, "usage_name", r->usage_name,
		"first_names", r->first_names, "birth_date", r->birth_date,
		"centre", r->centre_code, "certification", r->cert_code,
		"certification_title", r->cert_title, "blocks", r->blocks, "route", r->route,
		"registrant", r->registrant, "training_body", str_or_null(r->body_siret),
		"company_siret", str_or_null(r->company_siret),
		"registered_on", r->registered_on, "status", r->status,
		"next_jury", str_or_null(r->next_jury)));
	return 0;
}

/* GET /api/v1/candidates */
void api_candidates(struct req *r)
{
	struct candidate_query q;
	json_t *items = json_array();
	int64_t total = 0;

	if (candidate_query_from_req(r, &q) ||
	    svc_candidate_list(&r->svc, &q, list_item, items, &total)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:I, s:i, s:i, s:o}", "total", (json_int_t)total,
		"page", q.page, "per_page", q.per_page, "items", items));
}

/* "blocks" given as an array of codes: joined by spaces into out. */
static int blocks_array(struct req *r, const json_t *v, struct buf *out)
{
	const json_t *e;
	size_t i;

	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || i >= 100)
			return svc_fail(&r->svc, SVC_INVALID, "blocks", NULL,
				"blocks : une chaîne de codes ou un tableau de codes est attendu.");
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, json_string_value(e));
	}
	return 0;
}

/* The members of a JSON object into the struct's string fields: keys[i]
** goes to *fields[i]; without_agreement is a boolean and blocks may be an
** array (joined into blocks). -1 with SVC_INVALID on an unknown key or a
** member of the wrong type. */
static int members(struct req *r, const json_t *obj, const char *what,
	const char *const *keys, const char **const *fields, size_t n,
	int *without_agreement, struct buf *blocks)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)obj, key, v) {
		size_t i;
		if (without_agreement && !strcmp(key, "without_agreement")) {
			if (!json_is_boolean(v) && !json_is_null(v))
				return svc_fail(&r->svc, SVC_INVALID, key, NULL,
					"%s : true ou false est attendu.", key);
			*without_agreement = json_is_true(v);
			continue;
		}
		for (i = 0; i < n && strcmp(keys[i], key); i++)
			;
		if (i == n)
			return svc_fail(&r->svc, SVC_INVALID, key, NULL,
				"%s : « %.60s » n'en est pas un champ.", what, key);
		if (json_is_null(v))
			continue;
		if (blocks && !strcmp(key, "blocks") && json_is_array(v)) {
			if (blocks_array(r, v, blocks))
				return -1;
			*fields[i] = buf_str(blocks);
			continue;
		}
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
			return svc_fail(&r->svc, SVC_INVALID, key, NULL,
				"%s : une chaîne de caractères est attendue.", key);
		*fields[i] = json_string_value(v);
	}
	return 0;
}

/* POST /api/v1/candidates {"candidate": {…}, "registration": {…}} */
void api_candidates_post(struct req *r)
{
	struct candidate_in c;
	struct registration_in g;
	struct buf blocks = BUF_INIT;
	const json_t *cj, *gj;
	const char *key;
	json_t *v;
	int64_t kid, rid;
	static const char *const ckeys[] = { "birth_name", "usage_name", "first_names", "sex",
		"birth_date", "birth_town", "birth_insee", "birth_department", "birth_country",
		"email", "phone", "address", "postal_code", "city" };
	static const char *const gkeys[] = { "centre", "certification", "blocks", "route",
		"vae_kind", "registrant", "origin", "funding", "body_siret", "company_name",
		"company_address", "company_siret", "company_naf", "sector", "sector_branch",
		"tutor", "accommodations", "date" };
	const char **cfields[] = { &c.birth_name, &c.usage_name, &c.first_names, &c.sex,
		&c.birth_date, &c.birth_town, &c.birth_insee, &c.birth_department,
		&c.birth_country, &c.email, &c.phone, &c.address, &c.postal_code, &c.city };
	const char **gfields[] = { &g.centre, &g.certification, &g.blocks, &g.route,
		&g.vae_kind, &g.registrant, &g.origin, &g.funding, &g.body_siret,
		&g.company_name, &g.company_address, &g.company_siret, &g.company_naf,
		&g.sector, &g.sector_branch, &g.tutor, &g.accommodations, &g.date };

	if (api_need_session(r) || api_need_json(r))
		return;
	memset(&c, 0, sizeof c);
	memset(&g, 0, sizeof g);
	json_object_foreach(r->json, key, v)
		if (strcmp(key, "candidate") && strcmp(key, "registration")) {
			svc_fail(&r->svc, SVC_INVALID, key, NULL,
				"« %.60s » : seuls \"candidate\" et \"registration\" sont attendus.", key);
			goto fail;
		}
	cj = json_object_get(r->json, "candidate");
	gj = json_object_get(r->json, "registration");
	if (!json_is_object(cj) || !json_is_object(gj)) {
		svc_fail(&r->svc, SVC_INVALID, !json_is_object(cj) ? "candidate" : "registration", NULL,
			"Les objets \"candidate\" et \"registration\" sont attendus.");
		goto fail;
	}
	if (members(r, cj, "candidate", ckeys, cfields, sizeof ckeys / sizeof *ckeys, NULL, NULL) ||
	    members(r, gj, "registration", gkeys, gfields, sizeof gkeys / sizeof *gkeys,
		&g.without_agreement, &blocks) ||
	    svc_candidate_register(&r->svc, &c, &g, &kid, &rid))
		goto fail;
	buf_release(&blocks);
	res_json(r, 201, json_pack("{s:I, s:I}", "candidate", (json_int_t)kid,
		"registration", (json_int_t)rid));
	snprintf(r->location, sizeof r->location, "/api/v1/candidates/%lld", (long long)kid);
	return;
fail:
	buf_release(&blocks);
	res_api_fail(r);
}

#define NO_CANDIDATE "Ce numéro de candidat n'existe pas."

/* GET /api/v1/candidates/{id} */
void api_candidate(struct req *r)
{
	json_t *doc;
	int64_t id = api_param_id(r, NULL, NO_CANDIDATE);

	if (id < 0)
		return;
	if (svc_candidate_doc(&r->svc, id, &doc)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, doc);
}

/* POST /api/v1/candidates/{id}/acquired {certification, unit, jury_date}:
** 201 with the candidate's file. */
void api_candidate_acquired(struct req *r)
{
	char cert[64], unit[64], date[16];
	json_t *doc;
	int64_t id;

	if (api_need_session(r) || api_need_json(r) ||
	    (id = api_param_id(r, NULL, NO_CANDIDATE)) < 0)
		return;
	if (req_json_str(r, "certification", cert, sizeof cert) ||
	    req_json_str(r, "unit", unit, sizeof unit) ||
	    req_json_str(r, "jury_date", date, sizeof date) ||
	    svc_acquired_record(&r->svc, id, cert, unit, date) ||
	    svc_candidate_doc(&r->svc, id, &doc)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 201, doc);
}
