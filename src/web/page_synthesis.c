/*
** The synthesis of evaluations of a candidate, as a PDF (doc/synthesis.h):
**
**   GET /candidats/{id}/synthese.pdf[?anonyme=CODE]
**   GET /api/v1/candidates/{id}/synthesis.pdf[?anonymous=CODE]
**
** Same permissions as the candidate's file (svc_candidate_doc checks
** them: centre staff their centre's candidates, a training body its own
** registrations, an evaluator those assigned to him). The document is a
** few pages: it is rendered into the response buffer, then sent, shown in
** the browser (Content-Disposition: inline). Errors are a page, or JSON
** under /api/.
*/
#include "web/web_int.h"
#include "doc/synthesis.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The candidate number of the path, or -1. */
static long long path_id(const char *param)
{
	char *end;
	long long id;
	if (!param || !*param || strlen(param) > 18 || *param < '0' || *param > '9')
		return -1;
	id = strtoll(param, &end, 10);
	return *end || id < 1 ? -1 : id;
}

static void fail(struct req *r, int api)
{
	if (api)
		res_api_fail(r);
	else
		page_error(r, &r->svc.res);
}

static void synthesis(struct req *r, int api, const char *code)
{
	struct synthesis_input in;
	struct synthesis_opts o;
	const char *bad;
	long long id = path_id(r->param);
	int rc;

	if (id < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun candidat ne porte ce numéro.");
		fail(r, api);
		return;
	}
	if (code && (bad = synthesis_code_check(code))) {
		svc_fail(&r->svc, SVC_INVALID, api ? "anonymous" : "anonyme", NULL, "%s", bad);
		fail(r, api);
		return;
	}
	if (svc_synthesis_input(&r->svc, id, &in)) {
		fail(r, api);
		return;
	}
	memset(&o, 0, sizeof o);
	o.centre_name = in.centre_name;
	o.date = in.date;
	o.timestamp = in.timestamp;
	o.anonymous_code = code;
	buf_reset(&r->body);
	rc = doc_synthesis(in.doc, &o, pdf_write_buf, &r->body);
	json_decref(in.doc);
	if (rc) {
		buf_reset(&r->body);
		r->body.overflow = 0;
		svc_fail(&r->svc, SVC_INTERNAL, NULL, NULL,
			"La synthèse des évaluations n'a pas pu être produite.");
		fail(r, api);
		return;
	}
	r->status = 200;
	r->ctype = "application/pdf";
	/* Chrome shows a PDF through an internal <embed> with inline styles,
	** which the pages' policy (default-src 'none') blocks: a PDF of cqpm
	** holds no script and is only kept from being framed */
	r->csp = "frame-ancestors 'none'";
	{
		char cd[160];
		if (code)
			snprintf(cd, sizeof cd, "inline; filename=\"synthese-%s.pdf\"", code);
		else
			snprintf(cd, sizeof cd, "inline; filename=\"synthese-%lld.pdf\"", (long long)id);
		res_header(r, "Content-Disposition", cd);
	}
}

void page_synthesis(struct req *r)
{
	if (page_need_login(r))
		return;
	synthesis(r, 0, req_query(r, "anonyme"));
}

void api_synthesis(struct req *r)
{
	if (!r->svc.actor.user_id) {
		res_json_status(r, 401, "unauthorized", "Vous n'êtes pas connecté.");
		return;
	}
	synthesis(r, 1, req_query(r, "anonymous"));
}
