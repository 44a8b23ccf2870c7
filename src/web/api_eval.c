/*
** The JSON API of the evaluation (R-EVA-1..6). Same services as the pages
** (page_eval.c); errors are {"error": {"code", "message", "field"?,
** "rule"?}}.
**
**   GET    /api/v1/registrations/{rid}/evaluation        the registration in the
**                                                        candidate's file, and what
**                                                        its dossier may choose
**   PUT    /api/v1/registrations/{rid}/dossier           {modalities: {"C1": ["real_situation"], …},
**                                                        places, period_start, period_end,
**                                                        agreed_on, centre_signatory,
**                                                        company_signatory}
**   POST   /api/v1/registrations/{rid}/evaluators        {login}
**   DELETE /api/v1/registrations/{rid}/evaluators/{login}
**   POST   /api/v1/registrations/{rid}/evaluations       {competence, result, modality,
**                                                        criteria, appraisal, date}
**   PUT    /api/v1/registrations/{rid}/opinion           {opinion, author_name, author_role,
**                                                        date, comment}
**
** The commission's answers carry "members", "complete" and, while it has
** fewer than two members (R-EVA-5), a "warning".
*/
#include "web/web_int.h"
#include "core/evaluation.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_REG "Aucune inscription à ce numéro."

/* The registration's object of the candidate's file after a change, keys
** of it copied into a new answer. */
static json_t *answer(struct req *r, int64_t rid, const char *const *keys)
{
	json_t *all, *reg, *o;
	if (svc_eval_registration(&r->svc, rid, &all))
		return NULL;
	reg = json_object_get(all, "registration");
	o = json_pack("{s:I}", "registration", (json_int_t)rid);
	for (; *keys; keys++)
		json_object_set(o, *keys, json_object_get(reg, *keys));
	json_decref(all);
	return o;
}

/* GET /api/v1/registrations/{rid}/evaluation */
void api_eval_get(struct req *r)
{
	json_t *o;
	int64_t rid = api_param_id(r, NULL, NO_REG);

	if (rid < 0)
		return;
	if (svc_eval_registration(&r->svc, rid, &o)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, o);
}

/* PUT /api/v1/registrations/{rid}/dossier */
void api_eval_dossier(struct req *r)
{
	static const char *const keys[] = { "dossier", NULL };
	struct dossier_in d;
	struct dossier_choice *ch = NULL;
	struct buf *mods = NULL;
	json_t *m, *v, *o;
	const char *code;
	size_t n = 0;
	int64_t rid = api_param_id(r, NULL, NO_REG);

	if (rid < 0 || api_need_session(r) || api_need_json(r))
		return;
	memset(&d, 0, sizeof d);
	m = json_object_get(r->json, "modalities");
	if (!json_is_object(m) || json_object_size(m) > DOSSIER_MAX_CHOICES) {
		svc_fail(&r->svc, SVC_INVALID, "modalities", NULL,
			"modalities : un objet {\"C1\": [\"real_situation\", …], …} d'au plus %d compétences est attendu.",
			DOSSIER_MAX_CHOICES);
		goto fail;
	}
	ch = xcalloc(json_object_size(m) + 1, sizeof *ch);
	mods = xcalloc(json_object_size(m) + 1, sizeof *mods);
	json_object_foreach(m, code, v) {
		size_t i;
		json_t *k;
		char field[96];
		snprintf(field, sizeof field, "modalities.%.40s", code);
		if (!json_is_array(v) || json_array_size(v) > MOD__MAX * 2) {
			svc_fail(&r->svc, SVC_INVALID, field, NULL,
				"modalities.%.40s : un tableau de modalités est attendu.", code);
			goto fail;
		}
		buf_init(&mods[n], 400);
		json_array_foreach(v, i, k) {
			const char *key = json_string_value(k);
			if (!key || !*key || strlen(key) > 40 || strcspn(key, " ,;") != strlen(key)) {
				svc_fail(&r->svc, SVC_INVALID, field, NULL,
					"modalities.%.40s : chaque élément est une modalité (real_situation, project_presentation ou reconstituted_situation).",
					code);
				n++;
				goto fail;
			}
			if (i)
				buf_putc(&mods[n], ' ');
			buf_puts(&mods[n], key);
		}
		ch[n].competence = code;
		ch[n].modalities = buf_str(&mods[n]);
		n++;
	}
	d.choices = ch;
	d.nchoices = n;
	if (req_json_ref(r, "places", &d.places) || req_json_ref(r, "period_start", &d.period_start) ||
	    req_json_ref(r, "period_end", &d.period_end) || req_json_ref(r, "agreed_on", &d.agreed_on) ||
	    req_json_ref(r, "centre_signatory", &d.centre_signatory) ||
	    req_json_ref(r, "company_signatory", &d.company_signatory) ||
	    svc_dossier_agree(&r->svc, rid, &d) || !(o = answer(r, rid, keys)))
		goto fail;
	res_json(r, 200, o);
	goto out;
fail:
	res_api_fail(r);
out:
	for (size_t i = 0; mods && i < n; i++)
		buf_release(&mods[i]);
	free(mods);
	free(ch);
}

/* The commission's answer: its members, and a warning while fewer than
** two (R-EVA-5). */
static void commission_answer(struct req *r, int64_t rid, int members, int status)
{
	static const char *const keys[] = { "evaluators", NULL };
	json_t *o = answer(r, rid, keys);
	if (!o) {
		res_api_fail(r);
		return;
	}
	json_object_set_new(o, "members", json_integer(members));
	json_object_set_new(o, "complete", json_boolean(commission_complete(members)));
	if (!commission_complete(members)) {
		char msg[200];
		snprintf(msg, sizeof msg, "La commission d'évaluation compte %d membre%s : "
			"elle doit en réunir plusieurs (R-EVA-5).", members, members > 1 ? "s" : "");
		json_object_set_new(o, "warning", json_string(msg));
	}
	res_json(r, status, o);
}

/* POST /api/v1/registrations/{rid}/evaluators {login} */
void api_eval_assign(struct req *r)
{
	const char *login;
	int members = 0;
	int64_t rid = api_param_id(r, NULL, NO_REG);

	if (rid < 0 || api_need_session(r) || api_need_json(r))
		return;
	if (req_json_ref(r, "login", &login) || svc_eval_assign(&r->svc, rid, login, &members)) {
		res_api_fail(r);
		return;
	}
	commission_answer(r, rid, members, 201);
}

/* DELETE /api/v1/registrations/{rid}/evaluators/{login} */
void api_eval_unassign(struct req *r)
{
	const char *rest;
	int members = 0;
	int64_t rid = api_param_id(r, &rest, NO_REG);

	if (rid < 0)
		return;
	if (strncmp(rest, "/evaluators/", 12) || !rest[12] || strchr(rest + 12, '/')) {
		res_json_status(r, 404, "not_found", "Adresse inconnue.");
		return;
	}
	if (api_need_session(r))
		return;
	if (svc_eval_unassign(&r->svc, rid, rest + 12, &members)) {
		res_api_fail(r);
		return;
	}
	commission_answer(r, rid, members, 200);
}

/* POST /api/v1/registrations/{rid}/evaluations
** {competence, result, modality, criteria, appraisal, date} */
void api_eval_record(struct req *r)
{
	struct evaluation_in e;
	json_t *all, *reg, *o;
	const json_t *c;
	size_t i;
	int64_t rid = api_param_id(r, NULL, NO_REG);

	if (rid < 0 || api_need_session(r) || api_need_json(r))
		return;
	memset(&e, 0, sizeof e);
	if (req_json_ref(r, "competence", &e.competence) || req_json_ref(r, "result", &e.result) ||
	    req_json_ref(r, "modality", &e.modality) || req_json_ref(r, "criteria", &e.criteria) ||
	    req_json_ref(r, "appraisal", &e.appraisal) || req_json_ref(r, "date", &e.date) ||
	    svc_eval_record(&r->svc, rid, &e) || svc_eval_registration(&r->svc, rid, &all)) {
		res_api_fail(r);
		return;
	}
	/* the competence's result, and what it changes (R-EVA-6) */
	reg = json_object_get(all, "registration");
	o = json_pack("{s:I, s:n}", "registration", (json_int_t)rid, "competence");
	json_array_foreach(json_object_get(reg, "competences"), i, c)
		if (!strcmp(jstr(c, "code"), e.competence))
			json_object_set(o, "competence", (json_t *)c);
	json_object_set(o, "blocks", json_object_get(reg, "blocks"));
	json_object_set(o, "status", json_object_get(reg, "status"));
	json_object_set(o, "status_label", json_object_get(reg, "status_label"));
	json_object_set(o, "evaluations_complete", json_object_get(reg, "evaluations_complete"));
	json_decref(all);
	res_json(r, 201, o);
}

/* PUT /api/v1/registrations/{rid}/opinion
** {opinion, author_name, author_role, date, comment} */
void api_eval_opinion(struct req *r)
{
	static const char *const keys[] = { "company_opinion", "evaluations_complete", NULL };
	struct opinion_in op;
	json_t *o;
	int64_t rid = api_param_id(r, NULL, NO_REG);

	if (rid < 0 || api_need_session(r) || api_need_json(r))
		return;
	memset(&op, 0, sizeof op);
	if (req_json_ref(r, "opinion", &op.opinion) || req_json_ref(r, "author_name", &op.author_name) ||
	    req_json_ref(r, "author_role", &op.author_role) || req_json_ref(r, "date", &op.date) ||
	    req_json_ref(r, "comment", &op.comment) ||
	    svc_opinion_record(&r->svc, rid, &op) || !(o = answer(r, rid, keys))) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, o);
}
