/*
** Internals shared by the web front end's files: the request as handlers
** see it (validated, typed inputs; the actor already resolved), the route
** table, and the page frame.
*/
#ifndef CQPM_WEB_INT_H
#define CQPM_WEB_INT_H
#include "service/svc.h"
#include "util/buf.h"
#include "web/html.h"
#include <jansson.h>
#include <stdint.h>

#define REQ_MAX_BODY   (1u << 20)   /* 1 MiB: forms and JSON */
#define REQ_MAX_FIELDS 64
/* a form: the VAE admissibility file has up to 50 experiences of 8 fields */
#define REQ_MAX_FORM_FIELDS 1024
#define REQ_MAX_PATH   1024
/* PUT /api/v1/centres/{code}/documents: two PNG images of
** CENTRE_IMAGE_MAX (2 Mio) in base64, and the text fields */
#define REQ_MAX_DOCS_BODY (6u << 20)

enum method { M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_OTHER };

struct kv {
	char *key;
	char *value;
};

struct req {
	enum method method;
	const char *path;             /* decoded, without query */
	const char *param;            /* the {…} part of the route, or NULL */
	struct kv query[REQ_MAX_FIELDS];
	int nquery;
	struct kv form[REQ_MAX_FORM_FIELDS];/* urlencoded POST body */
	int nform;
	json_t *json;                 /* JSON POST body, or NULL */
	const char *addr;             /* client address */
	const char *content_type;
	const char *csrf_header;      /* X-CSRF-Token */
	const char *session_token;    /* cookie cqpm_session */
	const char *pre_token;        /* cookie cqpm_pre (login form CSRF) */
	char csrf[72];                /* the session's CSRF token */
	const char *upload_path;      /* import routes: the body, on disk */
	const char *upload_name;      /* its file name in the form, or "" */
	uint64_t upload_size;
	int upload_status;            /* document uploads: 413 too big, 415 not
	                              ** multipart, 400 malformed form; else 0 */
	int secure_cookies;
	struct svc svc;               /* actor resolved from the session */

	/* response */
	int status;
	const char *ctype;
	struct buf body;
	char location[512];
	char cookies[2][256];
	int ncookies;
	const char *cache;            /* Cache-Control, NULL: no-store */
	struct {                      /* more headers (res_header) */
		const char *name;     /* a literal */
		char value[1024];
	} headers[3];
	int nheaders;
	const char *csp;              /* Content-Security-Policy, NULL: the pages' */
	/* a streamed body (exports): when stream_fn is set, the response is
	** written in chunks by stream_fn(stream_cls, pos, buf, max) as the
	** client reads it, instead of body; it returns the bytes written, or
	** STREAM_END / STREAM_ERROR; stream_free(stream_cls) runs after */
	long (*stream_fn)(void *cls, uint64_t pos, char *buf, size_t max);
	void (*stream_free)(void *cls);
	void *stream_cls;
};

#define STREAM_END (-1L)     /* libmicrohttpd's end of stream */
#define STREAM_ERROR (-2L)   /* libmicrohttpd's end with error */

/* Handler: fills r->status/body (or location). Returns nothing: every
** failure is rendered as a page or a JSON error by the handler. */
typedef void (*handler_fn)(struct req *r);

struct route {
	enum method method;     /* M_GET also answers HEAD */
	const char *pattern;    /* exact path, or prefix ending in "{}" */
	handler_fn fn;
	const char *suffix;     /* after {}: e.g. "/desactiver", or NULL */
	int flags;
};

/* The route takes no CSRF token: JSON login only, which a cross-site page
** cannot send without a CORS preflight that cqpm never grants. */
#define ROUTE_NO_CSRF 1
/* The {} part may span several segments ("12/evaluators/login"): the
** handler splits it. */
#define ROUTE_PARAM_PATH 2

/* Inputs --------------------------------------------------------------- */
const char *req_query(const struct req *r, const char *key); /* NULL if absent */
const char *req_form(const struct req *r, const char *key);
/* 1 when the request carries a valid CSRF token for the session. */
int req_csrf_ok(const struct req *r);

/* Responses ------------------------------------------------------------ */
void res_redirect(struct req *r, const char *location);
void res_cookie(struct req *r, const char *name, const char *value, int max_age);
/* One more response header (name a literal; the value is copied, cut at
** 1023 bytes); at most 3. */
void res_header(struct req *r, const char *name, const char *value);
void res_json(struct req *r, int status, json_t *v);   /* consumes v */
/* JSON error body {"error": {"code", "message", "field", "rule"}}. */
void res_json_error(struct req *r, const struct svc_result *res);
void res_json_status(struct req *r, int status, const char *code, const char *msg);
int svc_http_status(enum svc_rc rc);
/* The service failure as a JSON error; an anonymous caller refused for
** lack of rights gets 401. */
void res_api_fail(struct req *r);
/* Copies the JSON body's string member key into dst ("" when absent or
** null); -1 with SVC_INVALID naming key if too long or not a string. */
int req_json_str(struct req *r, const char *key, char *dst, size_t n);
/* The same without a copy: *out points into the body, NULL when absent or
** null; -1 with SVC_INVALID naming key if not a string. */
int req_json_ref(struct req *r, const char *key, const char **out);
/* The JSON body's boolean member key into *out (absent or null: 0); -1
** with SVC_INVALID naming key if it is something else. */
int req_json_flag(struct req *r, const char *key, int *out);
/* The number at the head of the route's parameter, 1 to 999 999 999, or
** -1: up to its first '/' with *rest pointing there, the whole parameter
** when rest is NULL. */
int64_t req_param_id(const struct req *r, const char **rest);
/* The same, answering 404 with msg when it is not a number. */
int64_t api_param_id(struct req *r, const char **rest, const char *msg);
/* The JSON API's guards, each 1 after answering: 401 to an anonymous
** caller, 415 to a body that is not a JSON object. */
int api_need_session(struct req *r);
int api_need_json(struct req *r);

/* Page frame ----------------------------------------------------------- */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* A whole error page for a service failure. */
void page_error(struct req *r, const struct svc_result *res);
void page_status(struct req *r, int status, const char *title, const char *msg);
/* Sends an anonymous visitor to the login page (coming back to this
** page after); returns 1 if it did. */
int page_need_login(struct req *r);
/*
** After a refused form: a refusal that is no fault of the form (denied,
** not found, busy, internal) becomes the whole error page and 1 is
** returned; otherwise *err holds the failure for the form to show beside
** its fields, the status is set and 0 is returned.
*/
int page_form_refused(struct req *r, struct svc_result *err);
/* A form's hidden CSRF field. */
void h_csrf(struct req *r);

/* Habilitations collected from svc_hab_list (pages and API of bodies);
** the caller frees v. */
struct habs {
	struct body_hab *v;
	size_t n, cap;
};
int habs_collect(void *arg, const struct body_hab *h);

/* Handlers (one file per resource) -------------------------------------- */
void page_home(struct req *r);
void page_catalogue(struct req *r);
void page_certification(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout(struct req *r);
void page_account(struct req *r);
void page_account_password(struct req *r);
void page_centres(struct req *r);
void page_centres_post(struct req *r);
void page_users(struct req *r);
void page_users_post(struct req *r);
void page_user_disable(struct req *r);
void page_user_enable(struct req *r);
void page_audit(struct req *r);
void page_import(struct req *r);
void page_import_post(struct req *r);
void page_static_css(struct req *r);
void page_bodies(struct req *r);
void page_bodies_post(struct req *r);
void page_body(struct req *r);
void page_body_instruct(struct req *r);
void page_body_decide(struct req *r);
void page_eval_dossier(struct req *r);
void page_eval_dossier_post(struct req *r);
void page_eval_assign_post(struct req *r);
void page_eval_unassign_post(struct req *r);
void page_eval_results(struct req *r);
void page_eval_results_post(struct req *r);
void page_eval_opinion(struct req *r);
void page_eval_opinion_post(struct req *r);
void page_eval_synthesis(struct req *r);
void page_documents(struct req *r);
void page_documents_post(struct req *r);
void page_document_get(struct req *r);
void page_document_delete(struct req *r);

void api_certifications(struct req *r);
void api_certification(struct req *r);
void api_session_post(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_me_password(struct req *r);
void api_user_password(struct req *r);
void api_centres(struct req *r);
void api_centres_post(struct req *r);
void api_users(struct req *r);
void api_users_post(struct req *r);
void api_audit(struct req *r);
void api_imports_post(struct req *r);
void api_nomenclature(struct req *r);
void api_bodies(struct req *r);
void api_bodies_post(struct req *r);
void api_body(struct req *r);
void api_body_instruct(struct req *r);
void api_body_decide(struct req *r);
void api_eval_get(struct req *r);
void api_eval_dossier(struct req *r);
void api_eval_assign(struct req *r);
void api_eval_unassign(struct req *r);
void api_eval_record(struct req *r);
void api_eval_opinion(struct req *r);
void page_vae(struct req *r);
void page_vae_file_post(struct req *r);
void page_vae_decision_post(struct req *r);
void page_vae_communication_post(struct req *r);
void page_vae_completion_post(struct req *r);
void page_vae_commission_post(struct req *r);
void api_vae(struct req *r);
void api_vae_file(struct req *r);
void api_vae_decision(struct req *r);
void api_vae_completion(struct req *r);
void api_vae_communication(struct req *r);
void api_vae_commission(struct req *r);
void api_documents(struct req *r);
void api_documents_post(struct req *r);
void api_document_get(struct req *r);
void api_document_delete(struct req *r);
/* Sends a document's bytes as an attachment (API and page). */
void document_send(struct req *r, int64_t id);
/* The French message of a document upload's r->upload_status, or NULL. */
const char *document_upload_error(int status);
void page_synthesis(struct req *r);   /* page_synthesis.c: the PDF, page and API */
void api_synthesis(struct req *r);
void page_candidates(struct req *r);
void page_candidates_csv(struct req *r);
void page_candidate_new(struct req *r);
void page_candidate_new_post(struct req *r);
void page_candidate(struct req *r);
void page_candidate_acquired(struct req *r);
void page_body_account(struct req *r);
/* page_jury.c, page_gtp.c: the jury paritaire, the GTP, unions, certificates */
void page_juries(struct req *r);
void page_juries_post(struct req *r);
void page_jury(struct req *r);
void page_jury_post(struct req *r);
void page_gtp(struct req *r);
void page_gtp_post(struct req *r);
void page_unions(struct req *r);
void page_unions_post(struct req *r);
void page_certificate(struct req *r);
void page_certificate_duplicate(struct req *r);
void api_candidates(struct req *r);
void api_candidates_post(struct req *r);
void api_candidate(struct req *r);
void api_candidate_acquired(struct req *r);

/* api_jury.c: the jury paritaire, certificates, GTP */
void api_unions(struct req *r);
void api_unions_post(struct req *r);
void api_juries(struct req *r);
void api_juries_post(struct req *r);
void api_jury_get(struct req *r);
void api_jury_post(struct req *r);
void api_jury_put(struct req *r);
void api_jury_delete(struct req *r);
void api_gtp(struct req *r);
void api_gtp_follow(struct req *r);
void api_centre_capacity(struct req *r);
void api_centre_documents(struct req *r);
void api_certificate(struct req *r);
void api_certificate_pdf(struct req *r);
void api_certificate_duplicate(struct req *r);
void api_candidate_certificates(struct req *r);
/* page_verify.c: the public verification, rate-limited */
void page_verify_form(struct req *r);
void page_verify(struct req *r);
void api_verify(struct req *r);

/* Shared between the page and the API: the catalogue query from the
** request's query string. */
void cat_query_from_req(const struct req *r, struct cat_query *q);
/* The work list's query from the request's query string (page, CSV and
** API): q, status, certification, body, company, next_jury, centre, page,
** per_page. -1 with SVC_INVALID for a page number that is not one. */
int candidate_query_from_req(struct req *r, struct candidate_query *q);
/* R-LET-3, for every page that shows a unit kept from an earlier jury (an
** element of "acquired_blocks", or a block with "kept_from_jury", of the
** candidate's file): "acquis au jury du 20/06/2024, conservé jusqu'au
** 20/06/2029" or "…, conservé sans limite de durée". */
void h_kept(struct buf *b, const json_t *unit);

/* The whole jury's documents as a zip (svc_jury_zip), made into an
** unlinked temporary file, then streamed to the client (api_jury.c, used
** by the page too). 0 with the response set, or -1 with r->svc.res set. */
int web_jury_zip(struct req *r, int64_t id);

#endif
