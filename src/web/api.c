/*
** The JSON API, /api/v1/. Same services as the pages; errors are
** {"error": {"code", "message", "field"?, "rule"?}} with the HTTP status
** of the failure. State-changing calls need the X-CSRF-Token header
** returned by POST /api/v1/session (except that login itself).
*/
#include "web/web_int.h"
#include "web/cache.h"
#include "core/validate.h"
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int list_item(void *arg, const struct cert_row *row)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}",
		"code", row->code, "kind", row->kind, "rncp", row->rncp,
		"identifier", row->identifier, "title", row->title, "level", row->level,
		"status", row->status, "version", row->version));
	return 0;
}

/* GET /api/v1/certifications?q=&kind=&level=&status=&page=&per_page= */
void api_certifications(struct req *r)
{
	struct cat_query q;
	struct cat_page pg;
	json_t *items = json_array();

	cat_query_from_req(r, &q);
	if (svc_cat_list(&r->svc, &q, list_item, items, &pg)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:I, s:i, s:i, s:o}", "total", (json_int_t)pg.total,
		"page", pg.page, "per_page", pg.per_page, "items", items));
}

/* GET /api/v1/certifications/{code}[?version=N]
** The catalogue is public and changes rarely: the serialised object is
** cached per worker thread for the current catalogue generation. */
void api_certification(struct req *r)
{
	struct cat_entry e;
	struct wcache_hit hit;
	const char *v = req_query(r, "version");
	char key[REQ_MAX_PATH + 32], *text;
	int64_t gen;
	int version = 0;

	if (v) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || n <= 0 || n > 100000) {
			svc_fail(&r->svc, SVC_INVALID, "version", NULL,
				"version : un entier positif est attendu.");
			res_api_fail(r);
			return;
		}
		version = (int)n;
	}
	gen = svc_cat_generation(&r->svc);
	snprintf(key, sizeof key, "api:%s:%d", r->param, version);
	if (wcache_get(key, gen, &hit)) {
		r->ctype = "application/json; charset=utf-8";
		buf_add(&r->body, hit.data, hit.len); /* checksrc: ok, JSON from res_json */
		return;
	}
	if (svc_cat_get(&r->svc, r->param, version, &e)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_incref(e.doc));
	cat_entry_release(&e);
	text = r->body.p;
	if (text)
		wcache_put(key, gen, text, r->body.len, 0);
}

static json_t *me_json(const struct req *r)
{
	const struct actor *a = &r->svc.actor;
	struct account acc;
	struct svc tmp = r->svc;
	json_t *o = json_pack("{s:s, s:s, s:s}", "login", a->login,
		"role", role_code(a->role), "role_label", role_label(a->role));
	if (!svc_user_get(&tmp, a->login, &acc)) {
		json_object_set_new(o, "name", json_string(acc.name));
		json_object_set_new(o, "centre", json_string(acc.centre_code));
	}
	return o;
}

/* POST /api/v1/session {"login", "password"} */
void api_session_post(struct req *r)
{
	char token[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1];
	json_t *me;

	if (!r->json) {
		res_json_status(r, 415, "unsupported_media_type",
			"Envoyez un objet JSON {\"login\", \"password\"} (Content-Type: application/json).");
		return;
	}
	if (svc_login(&r->svc, req_form(r, "login"), req_form(r, "password"), r->addr,
		token, csrf)) {
		res_api_fail(r);
		return;
	}
	memcpy(r->csrf, csrf, sizeof csrf);
	res_cookie(r, "cqpm_session", token, SESSION_LIFETIME);
	me = me_json(r);
	json_object_set_new(me, "csrf", json_string(csrf));
	res_json(r, 200, me);
}

/* POST /api/v1/session/fin */
void api_session_delete(struct req *r)
{
	if (svc_logout(&r->svc, r->session_token)) {
		res_api_fail(r);
		return;
	}
	res_cookie(r, "cqpm_session", "", 0);
	res_json(r, 200, json_pack("{s:b}", "logged_out", 1));
}

/* GET /api/v1/me */
void api_me(struct req *r)
{
	if (!r->svc.actor.user_id) {
		res_json_status(r, 401, "unauthorized", "Vous n'êtes pas connecté.");
		return;
	}
	res_json(r, 200, me_json(r));
}

static int centre_item(void *arg, const struct centre *c)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"code", c->code, "name", c->name, "region", c->region,
		"address", c->address, "email", c->email, "created_at", c->created_at));
	return 0;
}

/* GET /api/v1/centres */
void api_centres(struct req *r)
{
	json_t *items = json_array();
	if (svc_centre_list(&r->svc, centre_item, items)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:o}", "items", items));
}


/* POST /api/v1/centres {"code", "name", "region", "address", "email"} */
void api_centres_post(struct req *r)
{
	struct centre c;
	int64_t id;

	if (!r->json) {
		res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
		return;
	}
	memset(&c, 0, sizeof c);
	if (req_json_str(r, "code", c.code, sizeof c.code) ||
	    req_json_str(r, "name", c.name, sizeof c.name) ||
	    req_json_str(r, "region", c.region, sizeof c.region) ||
	    req_json_str(r, "address", c.address, sizeof c.address) ||
	    req_json_str(r, "email", c.email, sizeof c.email) ||
	    svc_centre_add(&r->svc, &c, &id)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 201, json_pack("{s:s, s:s}", "code", c.code, "name", c.name));
}

static int user_item(void *arg, const struct account *a)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}",
		"login", a->login, "name", a->name, "email", a->email,
		"role", role_code((enum role)a->role), "centre", a->centre_code,
		"disabled", a->disabled, "created_at", a->created_at));
	return 0;
}

/* GET /api/v1/users */
void api_users(struct req *r)
{
	json_t *items = json_array();
	if (svc_user_list(&r->svc, user_item, items)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:o}", "items", items));
}

/* POST /api/v1/users {"login", "name", "email", "role", "centre", "password"} */
void api_users_post(struct req *r)
{
	struct user_new u;
	int64_t id;
	static const char *const keys[] = { "login", "name", "email", "role", "centre", "password" };

	if (!r->json) {
		res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
		return;
	}
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		json_t *v = json_object_get(r->json, keys[i]);
		if (v && !json_is_string(v) && !json_is_null(v)) {
			svc_fail(&r->svc, SVC_INVALID, keys[i], NULL,
				"%s : une chaîne de caractères est attendue.", keys[i]);
			res_api_fail(r);
			return;
		}
	}
	u.login = req_form(r, "login");
	u.name = req_form(r, "name");
	u.email = req_form(r, "email");
	u.role = req_form(r, "role");
	u.centre_code = req_form(r, "centre");
	u.password = req_form(r, "password");
	if (svc_user_add(&r->svc, &u, &id)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 201, json_pack("{s:s, s:s}", "login", u.login, "role", u.role));
}

static int audit_item(void *arg, const struct audit_row *a)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
		"id", (json_int_t)a->id, "at", a->at, "actor", a->actor, "action", a->action,
		"object", a->object, "detail", a->detail, "hash", a->hash));
	return 0;
}

/* GET /api/v1/audit?object=&limit= */
void api_audit(struct req *r)
{
	json_t *items = json_array();
	const char *lim = req_query(r, "limit");
	int64_t count = 0, bad = 0;
	int intact;

	if (svc_audit_list(&r->svc, req_query(r, "object"), lim ? (int)parse_count(lim, 1, 1000) : 100,
		audit_item, items)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	intact = svc_audit_verify(&r->svc, &count, &bad) == 0;
	res_json(r, 200, json_pack("{s:b, s:I, s:o}", "intact", intact,
		"events", (json_int_t)count, "items", items));
}

/* POST /api/v1/me/password {"current", "password"}: one's own password;
** every session closes, this one too. */
void api_me_password(struct req *r)
{
	if (!r->svc.actor.user_id) {
		res_json_status(r, 401, "unauthorized", "Vous n'êtes pas connecté.");
		return;
	}
	if (!r->json) {
		res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
		return;
	}
	if (svc_user_set_password(&r->svc, r->svc.actor.login, req_form(r, "current"),
		req_form(r, "password"))) {
		res_api_fail(r);
		return;
	}
	res_cookie(r, "cqpm_session", "", 0);
	res_json(r, 200, json_pack("{s:b}", "changed", 1));
}

/* POST /api/v1/users/{login}/password {"password"}: an administrator resets
** an account's password (scoped); its sessions close. */
void api_user_password(struct req *r)
{
	if (!r->json) {
		res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
		return;
	}
	if (!strcmp(r->param, r->svc.actor.login)) {
		svc_fail(&r->svc, SVC_INVALID, "login", NULL,
			"Pour votre propre compte, utilisez /api/v1/me/password avec le mot de passe actuel.");
		res_api_fail(r);
		return;
	}
	if (svc_user_set_password(&r->svc, r->param, NULL, req_form(r, "password"))) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:s, s:b}", "login", r->param, "changed", 1));
}
