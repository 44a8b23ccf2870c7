/*
** The JSON API of the VAE (R-VAE-1..3). Same services as the page
** (page_vae.c); every answer of a write is the registration's VAE as
** GET gives it; errors are {"error": {"code", "message", "field"?, "rule"?}}.
**
**   GET  /api/v1/registrations/{rid}/vae               the VAE of the registration
**   PUT  /api/v1/registrations/{rid}/vae               {received_on, cerfa}: the file on receipt
**   POST /api/v1/registrations/{rid}/vae/decision      {decision, date, motive}
**   POST /api/v1/registrations/{rid}/vae/completion    {date}
**   POST /api/v1/registrations/{rid}/vae/communication {date, means}
**   PUT  /api/v1/registrations/{rid}/vae/commission    {chair_name, chair_centre, held_on,
**        work_situation, interview, conclusion, validated, comment}
**
** cerfa is described in doc/vae-file.md; validated is an array of unit
** codes (or one string of codes separated by spaces).
*/
#include "web/web_int.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALIDATED_MAX 200   /* codes in one commission's conclusions */

#define NO_REG "Aucune inscription à cette adresse."

/* The registration number of a write, or -1 after answering. */
static int64_t write_rid(struct req *r)
{
	if (api_need_session(r) || api_need_json(r))
		return -1;
	return api_param_id(r, NULL, NO_REG);
}

/* The registration's VAE, answered with status. */
static void answer(struct req *r, int64_t rid, int status)
{
	json_t *doc;
	if (svc_vae_get(&r->svc, rid, &doc)) {
		res_api_fail(r);
		return;
	}
	res_json(r, status, doc);
}

/* GET /api/v1/registrations/{rid}/vae */
void api_vae(struct req *r)
{
	int64_t rid = api_param_id(r, NULL, NO_REG);
	if (rid > 0)
		answer(r, rid, 200);
}

/* PUT /api/v1/registrations/{rid}/vae {received_on, cerfa} */
void api_vae_file(struct req *r)
{
	char received[16];
	int64_t rid;

	if ((rid = write_rid(r)) < 0)
		return;
	if (req_json_str(r, "received_on", received, sizeof received) ||
	    svc_vae_file(&r->svc, rid, received, json_object_get(r->json, "cerfa"))) {
		res_api_fail(r);
		return;
	}
	answer(r, rid, 200);
}

/* POST …/vae/decision {decision, date, motive} */
void api_vae_decision(struct req *r)
{
	char decision[32], date[16], motive[2048];
	int64_t rid;

	if ((rid = write_rid(r)) < 0)
		return;
	if (req_json_str(r, "decision", decision, sizeof decision) ||
	    req_json_str(r, "date", date, sizeof date) ||
	    req_json_str(r, "motive", motive, sizeof motive) ||
	    svc_vae_decide(&r->svc, rid, decision, date, motive)) {
		res_api_fail(r);
		return;
	}
	answer(r, rid, 200);
}

/* POST …/vae/completion {date} */
void api_vae_completion(struct req *r)
{
	char date[16];
	int64_t rid;

	if ((rid = write_rid(r)) < 0)
		return;
	if (req_json_str(r, "date", date, sizeof date) ||
	    svc_vae_complete(&r->svc, rid, date)) {
		res_api_fail(r);
		return;
	}
	answer(r, rid, 200);
}

/* POST …/vae/communication {date, means} */
void api_vae_communication(struct req *r)
{
	char date[16], means[32];
	int64_t rid;

	if ((rid = write_rid(r)) < 0)
		return;
	if (req_json_str(r, "date", date, sizeof date) ||
	    req_json_str(r, "means", means, sizeof means) ||
	    svc_vae_communicate(&r->svc, rid, date, means)) {
		res_api_fail(r);
		return;
	}
	answer(r, rid, 200);
}

/* The validated member: an array of codes or one string, into b. */
static int json_validated(struct req *r, struct buf *b)
{
	json_t *v = json_object_get(r->json, "validated"), *c;
	size_t i;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		if (strlen(json_string_value(v)) != json_string_length(v) ||
		    buf_puts(b, json_string_value(v)))
			return svc_fail(&r->svc, SVC_INVALID, "validated", NULL,
				"validated : liste de codes trop longue ou invalide.");
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) > VALIDATED_MAX)
		return svc_fail(&r->svc, SVC_INVALID, "validated", NULL,
			"validated : une liste de codes de blocs ou de compétences (%d au plus) est attendue.",
			VALIDATED_MAX);
	json_array_foreach(v, i, c) {
		const char *code = json_string_value(c);
		if (!code || strlen(code) != json_string_length(c) || !*code || strchr(code, ' ') ||
		    strlen(code) > 60 || buf_printf(b, "%s%s", i ? " " : "", code))
			return svc_fail(&r->svc, SVC_INVALID, "validated", NULL,
				"validated : chaque élément est le code d'un bloc ou d'une compétence.");
	}
	return 0;
}

/* PUT …/vae/commission */
void api_vae_commission(struct req *r)
{
	struct vae_commission_in in;
	char chair[800], centre[64], held[16], conclusion[32], comment[16384];
	struct buf validated;
	int64_t rid;

	if ((rid = write_rid(r)) < 0)
		return;
	memset(&in, 0, sizeof in);
	buf_init(&validated, 8192);
	if (req_json_str(r, "chair_name", chair, sizeof chair) ||
	    req_json_str(r, "chair_centre", centre, sizeof centre) ||
	    req_json_str(r, "held_on", held, sizeof held) ||
	    req_json_str(r, "conclusion", conclusion, sizeof conclusion) ||
	    req_json_str(r, "comment", comment, sizeof comment) ||
	    req_json_flag(r, "work_situation", &in.work_situation) ||
	    req_json_flag(r, "interview", &in.interview) ||
	    json_validated(r, &validated)) {
		buf_release(&validated);
		res_api_fail(r);
		return;
	}
	in.chair_name = chair;
	in.chair_centre = centre;
	in.held_on = held;
	in.conclusion = conclusion;
	in.comment = comment;
	in.validated = buf_str(&validated);
	if (svc_vae_validate(&r->svc, rid, &in)) {
		buf_release(&validated);
		res_api_fail(r);
		return;
	}
	buf_release(&validated);
	answer(r, rid, 200);
}
