/*
** The HTTP server: libmicrohttpd glue, request parsing and validation at
** the edge, routing, security headers. Handlers (page_*.c, api_*.c) only
** ever see a `struct req` with decoded, size-checked, UTF-8-valid inputs
** and the actor already resolved from the session cookie.
*/
#include "web/web.h"
#include "web/web_int.h"
#include "core/document.h"
#include "core/validate.h"
#include "core/text.h"
#include "service/svc_document.h"
#include "util/xalloc.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

extern const struct route web_routes[];
extern const size_t web_nroutes;

static const struct web_config *config;

/* The services' clock of serve --clock (tests and demonstrations). */
static void svc_clock(struct svc *s)
{
	if (config->clock_offset)
		s->now = time(NULL) + (time_t)config->clock_offset;
}

/* One store per worker thread: SQLite connections are not shared. */
static _Thread_local struct store *tls_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *stores[256];
static int nstores;

static struct store *thread_store(void)
{
	char err[512];
	if (tls_store)
		return tls_store;
	tls_store = store_open(config->db_path, err, sizeof err);
	if (!tls_store) {
		fprintf(stderr, "cqpm : %s\n", err);
		return NULL;
	}
	pthread_mutex_lock(&stores_lock);
	if (nstores < 256)
		stores[nstores++] = tls_store;
	pthread_mutex_unlock(&stores_lock);
	return tls_store;
}

/* A text field of a document's upload form (type, registration, name). */
struct upload_kv {
	char key[32];
	char value[1024];
};
#define UPLOAD_FIELDS 8

/* Per-connection state while a request body arrives. Ordinary bodies
** are kept in memory (REQ_MAX_BODY); the body of an import route is
** streamed to a temporary file instead (UPLOAD_MAX), after the permission
** check, so that a national export never sits in memory. A candidate's
** document (multipart, web form and API alike) is streamed the same way,
** its file part only, up to DOC_MAX_SIZE; its other fields are kept. */
struct upload {
	struct buf body;
	int too_big;
	struct timespec start;
	int to_file;                 /* an import route */
	int fd;                      /* temporary file, -1 if none */
	char path[64];
	uint64_t size;
	struct MHD_PostProcessor *pp;/* multipart form (web page) */
	char csrf[72];               /* the form's csrf field */
	char name[1024];             /* the uploaded file's name */
	int refused;                 /* HTTP status when refused early, else 0 */
	int document;                /* a document's upload route */
	uint64_t max;                /* bytes of the file at most */
	struct upload_kv *fields;    /* a document's form fields */
	int nfields;
};

#define UPLOAD_MAX ((uint64_t)4 << 30) /* 4 GiB */

/* Inputs ------------------------------------------------------------------ */

const char *req_query(const struct req *r, const char *key)
{
	for (int i = 0; i < r->nquery; i++)
		if (!strcmp(r->query[i].key, key))
			return r->query[i].value;
	return NULL;
}

const char *req_form(const struct req *r, const char *key)
{
	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, key))
			return r->form[i].value;
	if (r->json) {
		const char *s = json_string_value(json_object_get(r->json, key));
		if (s)
			return s;
	}
	return NULL;
}

/* Constant-time comparison of two NUL-terminated tokens. */
static int token_eq(const char *a, const char *b)
{
	size_t na, nb;
	unsigned diff = 0;
	if (!a || !b)
		return 0;
	na = strlen(a);
	nb = strlen(b);
	if (na != nb || na == 0)
		return 0;
	for (size_t i = 0; i < na; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return diff == 0;
}

int req_csrf_ok(const struct req *r)
{
	const char *sent = r->csrf_header ? r->csrf_header : req_form(r, "csrf");
	if (r->svc.actor.user_id)
		return token_eq(sent, r->csrf);
	/* not logged in (the login form): double-submit cookie */
	return token_eq(sent, r->pre_token);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes application/x-www-form-urlencoded text in place. */
static void url_decode(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Parses a urlencoded body into r->form. Returns -1 on bad input. */
static int parse_form(struct req *r, char *body)
{
	char *save = NULL;
	for (char *pair = strtok_r(body, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');
		if (r->nform == REQ_MAX_FORM_FIELDS)
			return -1;
		if (eq)
			*eq = '\0';
		url_decode(pair);
		if (eq)
			url_decode(eq + 1);
		if (!utf8_valid(pair, strlen(pair)) ||
		    (eq && !utf8_valid(eq + 1, strlen(eq + 1))))
			return -1;
		r->form[r->nform].key = pair;
		r->form[r->nform].value = eq ? eq + 1 : (char *)"";
		r->nform++;
	}
	return 0;
}

struct args_ctx {
	struct req *r;
	int bad;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind,
	const char *key, const char *value)
{
	struct args_ctx *a = cls;
	(void)kind;
	if (a->r->nquery == REQ_MAX_FIELDS || strlen(key) > 64 ||
	    (value && strlen(value) > 4096) || !utf8_valid(key, strlen(key)) ||
	    (value && !utf8_valid(value, strlen(value)))) {
		a->bad = 1;
		return MHD_NO;
	}
	a->r->query[a->r->nquery].key = (char *)key;
	a->r->query[a->r->nquery].value = (char *)(value ? value : "");
	a->r->nquery++;
	return MHD_YES;
}

/* Responses ------------------------------------------------------------- */

void res_redirect(struct req *r, const char *location)
{
	r->status = 303;
	snprintf(r->location, sizeof r->location, "%s", location);
	buf_reset(&r->body);
}

void res_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == (int)(sizeof r->headers / sizeof *r->headers))
		return;
	r->headers[r->nheaders].name = name;
	snprintf(r->headers[r->nheaders].value, sizeof r->headers[0].value, "%s", value);
	r->nheaders++;
}

void res_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	if (r->ncookies == 2)
		return;
	snprintf(r->cookies[r->ncookies++], sizeof r->cookies[0],
		"%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
		name, value, max_age, r->secure_cookies ? "; Secure" : "");
}

void res_json(struct req *r, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body, s ? s : "null");
	buf_putc(&r->body, '\n');
	free(s);
	json_decref(v);
}

void res_api_fail(struct req *r)
{
	if (r->svc.res.rc == SVC_DENIED && !r->svc.actor.user_id)
		r->svc.res.rc = SVC_UNAUTH;
	res_json_error(r, &r->svc.res);
}

int req_json_str(struct req *r, const char *key, char *dst, size_t n)
{
	json_t *v = json_object_get(r->json, key);
	if (!v || json_is_null(v)) {
		dst[0] = '\0';
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) >= n ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : chaîne de caractères trop longue ou invalide.", key);
	snprintf(dst, n, "%s", json_string_value(v));
	return 0;
}

int req_json_ref(struct req *r, const char *key, const char **out)
{
	json_t *v = json_object_get(r->json, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : une chaîne de caractères est attendue.", key);
	*out = json_string_value(v);
	return 0;
}

int req_json_flag(struct req *r, const char *key, int *out)
{
	json_t *v = json_object_get(r->json, key);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : true ou false est attendu.", key);
	*out = json_is_true(v);
	return 0;
}

int64_t req_param_id(const struct req *r, const char **rest)
{
	char digits[16];
	const char *p = r->param ? r->param : "";
	size_t n = strcspn(p, "/");

	if (rest)
		*rest = p + n;
	else if (p[n])
		return -1;
	if (n >= sizeof digits)
		return -1;
	memcpy(digits, p, n);
	digits[n] = '\0';
	return parse_count(digits, 1, 999999999L);
}

int64_t api_param_id(struct req *r, const char **rest, const char *msg)
{
	int64_t id = req_param_id(r, rest);
	if (id < 0)
		res_json_status(r, 404, "not_found", msg);
	return id;
}

int api_need_session(struct req *r)
{
	if (r->svc.actor.user_id)
		return 0;
	res_json_status(r, 401, "unauthorized", "Vous n'êtes pas connecté.");
	return 1;
}

int api_need_json(struct req *r)
{
	if (r->json && json_is_object(r->json))
		return 0;
	res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
	return 1;
}

int svc_http_status(enum svc_rc rc)
{
	switch (rc) {
	case SVC_OK: return 200;
	case SVC_DENIED: return 403;
	case SVC_UNAUTH: return 401;
	case SVC_INVALID: return 400;
	case SVC_NOTFOUND: return 404;
	case SVC_CONFLICT: return 409;
	case SVC_RULE: return 422;
	case SVC_THROTTLED: return 429;
	case SVC_BUSY: return 503;
	case SVC_INTERNAL: return 500;
	}
	return 500;
}

static const char *const rc_codes[] = {
	[SVC_OK] = "ok", [SVC_DENIED] = "forbidden", [SVC_UNAUTH] = "unauthorized",
	[SVC_INVALID] = "invalid", [SVC_NOTFOUND] = "not_found",
	[SVC_CONFLICT] = "conflict", [SVC_RULE] = "rule", [SVC_THROTTLED] = "throttled",
	[SVC_BUSY] = "busy", [SVC_INTERNAL] = "internal",
};

void res_json_error(struct req *r, const struct svc_result *res)
{
	json_t *e = json_pack("{s:s, s:s}", "code", rc_codes[res->rc], "message", res->message);
	if (res->field[0])
		json_object_set_new(e, "field", json_string(res->field));
	if (res->rule[0])
		json_object_set_new(e, "rule", json_string(res->rule));
	res_json(r, svc_http_status(res->rc), json_pack("{s:o}", "error", e));
}

void res_json_status(struct req *r, int status, const char *code, const char *msg)
{
	res_json(r, status, json_pack("{s:{s:s, s:s}}", "error", "code", code,
		"message", msg));
}

/* Dispatch ---------------------------------------------------------------- */

/* Matches path against a route pattern; sets *param for "{}" patterns. */
static int route_match(const struct route *rt, const char *path, char *param,
	size_t paramsz)
{
	const char *brace = strstr(rt->pattern, "{}");
	size_t pre, len;
	const char *rest, *end;

	if (!brace)
		return !strcmp(rt->pattern, path);
	pre = (size_t)(brace - rt->pattern);
	if (strncmp(path, rt->pattern, pre))
		return 0;
	rest = path + pre;
	if (rt->suffix) {
		size_t ns = strlen(rt->suffix), nr = strlen(rest);
		if (nr <= ns || strcmp(rest + nr - ns, rt->suffix))
			return 0;
		end = rest + nr - ns;
	} else {
		end = rest + strlen(rest);
	}
	len = (size_t)(end - rest);
	if (len == 0 || len >= paramsz ||
	    (!(rt->flags & ROUTE_PARAM_PATH) && memchr(rest, '/', len)))
		return 0;
	memcpy(param, rest, len);
	param[len] = '\0';
	return 1;
}

static int is_api(const char *path)
{
	return !strncmp(path, "/api/", 5);
}

/* An error found before routing: JSON under /api/, a page elsewhere. */
static void res_error(struct req *r, int status, const char *code,
	const char *title, const char *msg)
{
	if (is_api(r->path))
		res_json_status(r, status, code, msg);
	else
		page_status(r, status, title, msg);
}

static void dispatch(struct req *r)
{
	static _Thread_local char tparam[REQ_MAX_PATH];
	int path_known = 0;

	for (size_t i = 0; i < web_nroutes; i++) {
		const struct route *rt = &web_routes[i];
		if (!route_match(rt, r->path, tparam, sizeof tparam))
			continue;
		path_known = 1;
		if (rt->method != r->method &&
		    !(rt->method == M_GET && r->method == M_HEAD))
			continue;
		r->param = strstr(rt->pattern, "{}") ? tparam : NULL;
		/* every state-changing request carries the CSRF token */
		if ((r->method == M_POST || r->method == M_PUT || r->method == M_DELETE) &&
		    !(rt->flags & ROUTE_NO_CSRF) && !req_csrf_ok(r)) {
			if (is_api(r->path))
				res_json_status(r, 403, "csrf",
					"Jeton anti-falsification (CSRF) absent ou invalide : "
					"envoyez l'en-tête X-CSRF-Token reçu à la connexion.");
			else
				page_status(r, 403, "Requête refusée",
					"Le formulaire a expiré ou ne vient pas de cqpm "
					"(jeton anti-falsification invalide). Rechargez la page et recommencez.");
			return;
		}
		rt->fn(r);
		return;
	}
	if (path_known) {
		if (is_api(r->path))
			res_json_status(r, 405, "method_not_allowed", "Méthode non permise pour cette adresse.");
		else
			page_status(r, 405, "Méthode non permise", "Cette adresse ne répond pas à cette méthode.");
		return;
	}
	if (is_api(r->path))
		res_json_status(r, 404, "not_found", "Adresse inconnue.");
	else
		page_status(r, 404, "Page introuvable", "Cette adresse ne correspond à aucune page de cqpm.");
}

static void add_headers(struct MHD_Response *resp, struct req *r)
{
	MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", r->csp ? r->csp :
		"default-src 'none'; style-src 'self'; img-src 'self' data:; "
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", r->cache ? r->cache : "no-store");
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	for (int i = 0; i < r->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
}

static enum MHD_Result send_simple(struct MHD_Connection *conn, int status,
	const char *msg)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(msg),
		(void *)msg, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;
	MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static const char *client_addr(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "?");
	if (!ci || !ci->client_addr)
		return out;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, out, (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, (socklen_t)n);
	return out;
}

static int is_upload_route(const char *method, const char *url)
{
	return !strcmp(method, "POST") &&
	       (!strcmp(url, "/admin/import") || !strcmp(url, "/api/v1/imports"));
}

/* The candidate of a document's upload route (POST /candidats/{id}/documents,
** /api/v1/candidates/{id}/documents), or 0. */
static int64_t document_upload_candidate(const char *method, const char *url)
{
	static const char *const prefixes[] = { "/candidats/", "/api/v1/candidates/" };
	int64_t id = 0;

	if (strcmp(method, "POST"))
		return 0;
	for (size_t i = 0; i < 2; i++) {
		const char *p = url;
		size_t n = strlen(prefixes[i]);
		if (strncmp(p, prefixes[i], n))
			continue;
		p += n;
		/* the numbers the handler takes (parse_count: 1 to 9 digits) */
		for (n = 0; *p >= '0' && *p <= '9'; p++, n++) {
			if (n == 9)
				return 0;
			id = id * 10 + (*p - '0');
		}
		return strcmp(p, "/documents") ? 0 : id;
	}
	return 0;
}

static int upload_write(struct upload *up, const char *data, size_t n)
{
	if (up->too_big || up->fd < 0)
		return -1;
	if (up->size + n > up->max) {
		up->too_big = 1;
		return -1;
	}
	while (n) {
		ssize_t w = write(up->fd, data, n);
		if (w <= 0)
			return -1;
		data += w;
		n -= (size_t)w;
		up->size += (uint64_t)w;
	}
	return 0;
}

/* Fields of the import form: the file goes to disk, csrf is kept. */
static enum MHD_Result upload_field(void *cls, enum MHD_ValueKind kind,
	const char *key, const char *filename, const char *content_type,
	const char *transfer_encoding, const char *data, uint64_t off, size_t size)
{
	struct upload *up = cls;
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (!strcmp(key, "fichier") || (up->document && !strcmp(key, "file"))) {
		if (filename && !up->name[0])
			snprintf(up->name, sizeof up->name, "%s", filename);
		if (up->fd < 0)   /* not allowed: read, not kept */
			return MHD_YES;
		return size && upload_write(up, data, size) ? MHD_NO : MHD_YES;
	}
	if (!strcmp(key, "csrf") && off + size < sizeof up->csrf) {
		memcpy(up->csrf + off, data, size);
		up->csrf[off + size] = '\0';
		return MHD_YES;
	}
	if (up->document) {
		struct upload_kv *f = NULL;
		for (int i = 0; i < up->nfields && !f; i++)
			if (!strcmp(up->fields[i].key, key))
				f = &up->fields[i];
		if (!f) {
			if (up->nfields == UPLOAD_FIELDS || strlen(key) >= sizeof f->key) {
				up->refused = 400;
				return MHD_NO;
			}
			f = &up->fields[up->nfields++];
			snprintf(f->key, sizeof f->key, "%s", key);
		}
		if (off + size >= sizeof f->value || memchr(data, 0, size)) {
			up->refused = 400;
			return MHD_NO;
		}
		memcpy(f->value + off, data, size);
		f->value[off + size] = '\0';
	}
	return MHD_YES;
}

/* First call of an import route: only the national administrator may send
** a body; anyone else is refused before a byte is stored. */
static void upload_begin(struct upload *up, struct MHD_Connection *conn,
	const char *url)
{
	struct store *st = thread_store();
	struct svc s;
	char csrf[72];
	const char *ct;

	up->to_file = 1;
	up->fd = -1;
	up->max = UPLOAD_MAX;
	if (!st) {
		up->refused = 503;
		return;
	}
	svc_init_ctx(&s, st, NULL);
	svc_clock(&s);
	if (svc_session(&s, MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
		"cqpm_session"), csrf, sizeof csrf) ||
	    !perm_allows(s.actor.role, PERM_CATALOGUE_WRITE)) {
		up->refused = s.actor.user_id ? 403 : 401;
		return;
	}
	snprintf(up->path, sizeof up->path, "/tmp/cqpm-import-XXXXXX");
	up->fd = mkstemp(up->path);
	if (up->fd < 0) {
		up->refused = 500;
		return;
	}
	ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	if (!strcmp(url, "/admin/import") && ct && !strncmp(ct, "multipart/form-data", 19))
		up->pp = MHD_create_post_processor(conn, 64 * 1024, upload_field, up);
}

/* First call of a document's upload route: the multipart form is parsed
** (its fields and CSRF token kept), but the file is stored only when the
** actor may add a document to that candidate; otherwise it is read and
** dropped, and the handler answers with the service's refusal. */
static void upload_begin_document(struct upload *up, struct MHD_Connection *conn,
	int64_t candidate_id)
{
	struct store *st = thread_store();
	struct svc s;
	char csrf[72];
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");

	up->to_file = 1;
	up->document = 1;
	up->fd = -1;
	up->max = DOC_MAX_SIZE;
	up->fields = xcalloc(UPLOAD_FIELDS, sizeof *up->fields);
	if (!st) {
		up->refused = 503;
		return;
	}
	if (!ct || strncmp(ct, "multipart/form-data", 19)) {
		up->refused = 415;
		return;
	}
	up->pp = MHD_create_post_processor(conn, 64 * 1024, upload_field, up);
	if (!up->pp) {
		up->refused = 400;
		return;
	}
	svc_init_ctx(&s, st, NULL);
	svc_clock(&s);
	if (svc_session(&s, MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
		"cqpm_session"), csrf, sizeof csrf) || !svc_document_may_add(&s, candidate_id))
		return;
	snprintf(up->path, sizeof up->path, "/tmp/cqpm-document-XXXXXX");
	up->fd = mkstemp(up->path);
	if (up->fd < 0)
		up->refused = 500;
}

/* A streamed response reads through the handler's stream_fn. The request
** stays alive until libmicrohttpd releases the response. */
static ssize_t stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct req *r = cls;
	long n = r->stream_fn(r->stream_cls, pos, buf, max);
	if (n == STREAM_END)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return (ssize_t)n;
}

static void stream_done(void *cls)
{
	struct req *r = cls;
	if (r->stream_free)
		r->stream_free(r->stream_cls);
	json_decref(r->json);
	buf_release(&r->body);
	free(r);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
	const char *url, const char *method, const char *version,
	const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct upload *up = *con_cls;
	struct req *r;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	struct args_ctx args;
	char addr[64];
	struct store *st;
	struct req *stream = NULL;
	double ms;
	struct timespec end;
	int64_t doc_candidate;
	(void)cls;
	(void)version;

	if (!up) {
		up = xcalloc(1, sizeof *up);
		buf_init(&up->body, REQ_MAX_BODY);
		clock_gettime(CLOCK_MONOTONIC, &up->start);
		up->fd = -1;
		*con_cls = up;
		if (is_upload_route(method, url))
			upload_begin(up, conn, url);
		else if ((doc_candidate = document_upload_candidate(method, url)))
			upload_begin_document(up, conn, doc_candidate);
		return MHD_YES;
	}
	if (up->to_file && *upload_data_size) {
		if (!up->refused && !up->too_big) {
			if (up->pp) {
				if (MHD_post_process(up->pp, upload_data, *upload_data_size) != MHD_YES &&
				    !up->too_big)
					up->refused = 400;
			} else if (upload_write(up, upload_data, *upload_data_size) && !up->too_big) {
				up->refused = 500;
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!up->too_big && buf_add(&up->body, upload_data, *upload_data_size))
			up->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* a document's upload: its handler says what went wrong */
	if (up->too_big && !up->document)
		return send_simple(conn, 413, up->to_file ?
			"Fichier trop volumineux (4 Gio au plus).\n" :
			"Requête trop volumineuse (1 Mio au plus).\n");
	if (!up->document && (up->refused == 401 || up->refused == 403))
		return send_simple(conn, (unsigned)up->refused,
			"Seul l'administrateur national peut importer des fiches RNCP.\n");
	if (up->refused && !up->document)
		return send_simple(conn, (unsigned)up->refused,
			"Le fichier envoyé n'a pas pu être reçu.\n");
	if (strlen(url) >= REQ_MAX_PATH)
		return send_simple(conn, 414, "Adresse trop longue.\n");
	if (!utf8_valid(url, strlen(url)))
		return send_simple(conn, 400, "Adresse invalide (UTF-8 mal formé).\n");
	st = thread_store();
	if (!st)
		return send_simple(conn, 503, "Base de données inaccessible.\n");

	r = xcalloc(1, sizeof *r);
	r->path = url;
	r->method = !strcmp(method, "GET") ? M_GET : !strcmp(method, "HEAD") ? M_HEAD :
		!strcmp(method, "POST") ? M_POST : !strcmp(method, "PUT") ? M_PUT :
		!strcmp(method, "DELETE") ? M_DELETE : M_OTHER;
	r->status = 200;
	r->secure_cookies = config->secure_cookies;
	r->addr = client_addr(conn, addr, sizeof addr);
	buf_init(&r->body, (size_t)32 << 20);
	args.r = r;
	args.bad = 0;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &args);
	r->content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	r->csrf_header = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
	r->session_token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "cqpm_session");
	r->pre_token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "cqpm_pre");
	if (up->to_file) {
		r->upload_path = up->fd >= 0 ? up->path : NULL;
		r->upload_name = up->name;
		r->upload_size = up->size;
		if (up->csrf[0]) {
			r->form[0].key = (char *)"csrf";
			r->form[0].value = up->csrf;
			r->nform = 1;
		}
		r->upload_status = up->too_big ? 413 : up->refused;
		for (int i = 0; i < up->nfields && r->nform < REQ_MAX_FIELDS; i++) {
			if (!utf8_valid(up->fields[i].key, strlen(up->fields[i].key)) ||
			    !utf8_valid(up->fields[i].value, strlen(up->fields[i].value))) {
				r->upload_status = 400;
				break;
			}
			r->form[r->nform].key = up->fields[i].key;
			r->form[r->nform].value = up->fields[i].value;
			r->nform++;
		}
	}
	svc_init_ctx(&r->svc, st, NULL);
	svc_clock(&r->svc);
	if (args.bad) {
		res_error(r, 400, "invalid", "Requête invalide",
			"Les paramètres de l'adresse sont trop nombreux, trop longs ou mal codés.");
	} else if (svc_session(&r->svc, r->session_token, r->csrf, sizeof r->csrf)) {
		res_error(r, 503, "busy", "Service indisponible", "La base de données est inaccessible.");
	} else if ((r->method == M_POST || r->method == M_PUT) && up->body.len && r->content_type &&
		   !strncmp(r->content_type, "application/json", 16)) {
		json_error_t jerr;
		r->json = json_loadb(up->body.p, up->body.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!r->json || !json_is_object(r->json))
			res_json_status(r, 400, "invalid_json",
				"Corps JSON invalide : un objet JSON est attendu.");
		else
			dispatch(r);
	} else if (r->method == M_POST && up->body.len && !up->to_file &&
		   parse_form(r, up->body.p)) {
		res_error(r, 400, "invalid", "Requête invalide",
			"Le formulaire envoyé est mal codé ou compte trop de champs.");
	} else if (r->method == M_OTHER) {
		res_error(r, 405, "method_not_allowed", "Méthode non permise",
			"Méthode HTTP non prise en charge.");
	} else {
		dispatch(r);
	}

	if (r->stream_fn) {
		/* an export: written as the client reads it (chunked); the
		** request is freed with the response (stream_done) */
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024,
			stream_reader, r, stream_done);
		if (!resp) {
			stream_done(r);
			return send_simple(conn, 500, "Export impossible.\n");
		}
		stream = r;
	} else {
		resp = MHD_create_response_from_buffer(r->body.len, r->body.p ? r->body.p : (void *)"",
			r->body.p ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
		if (r->body.p)
			(void)buf_detach(&r->body);
	}
	add_headers(resp, r);
	ret = MHD_queue_response(conn, (unsigned)r->status, resp);
	if (!config->quiet) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		ms = (double)(end.tv_sec - up->start.tv_sec) * 1e3 +
			(double)(end.tv_nsec - up->start.tv_nsec) / 1e6;
		fprintf(stderr, "%s %s %s %d %.1f ms %s\n", r->addr, method, url, r->status, ms,
			r->svc.actor.login[0] ? r->svc.actor.login : "-");
	}
	MHD_destroy_response(resp);
	if (stream)   /* freed by stream_done when the response is */
		return ret;
	json_decref(r->json);
	buf_release(&r->body);
	free(r);
	return ret;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;
	(void)cls;
	(void)conn;
	(void)toe;
	if (up) {
		if (up->pp)
			MHD_destroy_post_processor(up->pp);
		if (up->fd >= 0) {
			close(up->fd);
			unlink(up->path);
		}
		buf_release(&up->body);
		free(up->fields);
		free(up);
		*con_cls = NULL;
	}
}

int web_serve(const struct web_config *cfg)
{
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	sigset_t set;
	int sig;
	unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads : 2;

	config = cfg;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(cfg->port);
	if (inet_pton(AF_INET, cfg->addr, &sa.sin_addr) != 1) {
		fprintf(stderr, "cqpm : adresse d'écoute invalide « %s »\n", cfg->addr);
		return -1;
	}
	/* signals are taken by sigwait below, not by the worker threads */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* no MHD_USE_ERROR_LOG: its messages are English; failures are
	** reported below in French */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL,
		0, NULL, NULL, handle, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "cqpm : impossible d'écouter sur %s:%u (port occupé ?)\n",
			cfg->addr, cfg->port);
		return -1;
	}
	fprintf(stderr, "cqpm : interface web sur http://%s:%u/ (base %s, %u fils). "
		"Ctrl-C pour arrêter.\n", cfg->addr, cfg->port, cfg->db_path, threads);
	sigwait(&set, &sig);
	fprintf(stderr, "cqpm : arrêt.\n");
	MHD_stop_daemon(d);
	for (int i = 0; i < nstores; i++)
		store_close(stores[i]);
	nstores = 0;
	return 0;
}
