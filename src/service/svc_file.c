/*
** The candidate's file: one JSON document with everything the centre,
** the evaluators and the jury look at (identity, registrations, results,
** acquired blocks and how long they are kept). The page, the API, the CLI
** and the synthesis of evaluations are all drawn from it, so that they
** can never disagree.
**
** Derivations (R-EVA-6, R-LET-3) are the core's (core/results.c): a block
** is acquired when all its competences are, or when it was acquired at an
** earlier jury and is still kept; the certification registered for is
** acquired when all its blocks are (a CQPM) or all its competences (a
** CCPM).
*/
#include "service/svc_int.h"
#include "core/catalogue.h"
#include "core/identity.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/vae.h"
#include "store/store_vae.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *v)
{
	return v && *v ? json_string(v) : json_null();
}

static int eval_collect(void *arg, const struct eval_row *e)
{
	json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
		"result", e->result, "modality", e->modality, "criteria", e->criteria,
		"appraisal", e->appraisal, "evaluated_on", e->evaluated_on,
		"evaluator", e->evaluator_name, "evaluator_id", (json_int_t)e->evaluator_id);
	json_object_set_new((json_t *)arg, e->competence, obj);
	return 0;
}

/* A unit kept from an earlier jury for this certification on today, or
** NULL. acquired is the candidate's "acquired_blocks" array. */
static const json_t *kept_unit(const json_t *acquired, const char *cert_code,
	const char *unit, const char *today)
{
	size_t i;
	const json_t *a;
	json_array_foreach(acquired, i, a) {
		if (strcmp(jstr(a, "source"), "jury") || strcmp(jstr(a, "certification"), cert_code) ||
		    strcmp(jstr(a, "code"), unit))
			continue;
		if (acquired_kept_on(jstr(a, "kept_until"), today))
			return a;
	}
	return NULL;
}

/* One competence of the referential with its result. */
static json_t *competence_json(const json_t *comp, const json_t *evals,
	const char *block, const json_t *kept, enum comp_result *res)
{
	const char *code = jstr(comp, "code");
	const json_t *e = json_object_get(evals, code);
	json_t *out;
	int r = e ? comp_result_from_code(jstr(e, "result")) : -1;

	*res = r < 0 ? RES_NOT_EVALUATED : (enum comp_result)r;
	out = json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", code, "title", jstr(comp, "title"),
		"block", block, "result", comp_result_code(*res),
		"result_label", comp_result_label(*res));
	if (e) {
		json_object_set_new(out, "modality", json_string(jstr(e, "modality")));
		json_object_set_new(out, "criteria", json_string(jstr(e, "criteria")));
		json_object_set_new(out, "appraisal", json_string(jstr(e, "appraisal")));
		json_object_set_new(out, "evaluated_on", json_string(jstr(e, "evaluated_on")));
		json_object_set_new(out, "evaluator", json_string(jstr(e, "evaluator")));
	}
	if (kept)
		json_object_set_new(out, "kept_from_jury", json_string(jstr(kept, "jury_date")));
	return out;
}

/*
** R-VAE-3: for a VAE the validation commission, not an evaluation
** commission, judges the competences: once it has concluded, each unit it
** validated (a block, or a competence) counts as acquired and every other
** as not acquired, so that the blocks and the status derived below are the
** commission's conclusions (the jury decides on them, R-JUR-11). Before
** it has concluded, nothing is derived from the VAE.
*/
static int vae_results(struct svc *s, const struct reg_row *r, const json_t *cert,
	json_t *evals)
{
	struct vae_commission_row *m = xcalloc(1, sizeof *m);
	const json_t *b, *c;
	size_t i, j;
	int found = store_vae_commission_get(s->st, r->id, m);

	if (found < 0) {
		free(m);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture de la commission de validation impossible.");
	}
	if (found) {
		json_array_foreach(json_object_get(cert, "blocks"), i, b) {
			int whole = code_in_list(m->validated, jstr(b, "code")) ||
				(*jstr(b, "bdc") && code_in_list(m->validated, jstr(b, "bdc")));
			json_array_foreach(json_object_get(b, "competences"), j, c) {
				const char *code = jstr(c, "code");
				int ok = whole || code_in_list(m->validated, code);
				json_object_set_new(evals, code, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
					"result", ok ? "acquired" : "not_acquired", "modality", MODALITY_VAE_COMMISSION,
					"criteria", "", "appraisal", m->comment, "evaluated_on", m->held_on,
					"evaluator", m->chair_name, "evaluator_id", (json_int_t)0));
			}
		}
		json_array_foreach(json_object_get(cert, "competences"), i, c) {
			const char *code = jstr(c, "code");
			json_object_set_new(evals, code, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
				"result", code_in_list(m->validated, code) ? "acquired" : "not_acquired",
				"modality", MODALITY_VAE_COMMISSION, "criteria", "", "appraisal", m->comment,
				"evaluated_on", m->held_on, "evaluator", m->chair_name,
				"evaluator_id", (json_int_t)0));
		}
	}
	free(m);
	return 0;
}

int svc_file_registration(struct svc *s, const struct reg_row *r,
	const json_t *cert, const json_t *acquired, json_t *out)
{
	json_t *evals = json_object(), *blocks_out = json_array(), *comps_out = json_array();
	const json_t *blocks = json_object_get(cert, "blocks");
	int kind = kind_from_code(r->cert_kind), route = -1;
	char today[DATE_LEN];
	struct rule_error err;
	enum unit_state state = UNIT_PENDING;
	size_t i, nb = 0, nbmax = json_array_size(blocks);
	struct block_results *br = xcalloc(nbmax ? nbmax : 1, sizeof *br);
	enum comp_result *all = NULL;
	size_t nall = 0;
	const json_t *b;
	int rc = 0;

	svc_today(s, today);
	for (int k = 0; k < ROUTE__MAX; k++)
		if (!strcmp(route_key((enum access_route)k), r->route))
			route = k;
	if (store_eval_of_reg(s->st, r->id, eval_collect, evals)) {
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des évaluations impossible.");
		goto done;
	}
	if (!strcmp(r->route, "vae") && vae_results(s, r, cert, evals)) {
		rc = -1;
		goto done;
	}
	json_object_set_new(out, "id", json_integer(r->id));
	json_object_set_new(out, "centre", json_string(r->centre_code));
	json_object_set_new(out, "certification", json_pack("{s:s, s:s, s:s, s:i, s:s}",
		"code", r->cert_code, "kind", r->cert_kind, "title", r->cert_title,
		"version", r->cert_version, "acquired_validity", jstr(cert, "acquired_validity")));
	json_object_set_new(out, "route", json_string(r->route));
	json_object_set_new(out, "route_label", json_string(route >= 0 ? route_label((enum access_route)route) : ""));
	json_object_set_new(out, "vae_kind", str_or_null(r->vae_kind));
	json_object_set_new(out, "registrant", json_string(r->registrant));
	{
		int g = registrant_from_code(r->registrant);
		json_object_set_new(out, "registrant_label", json_string(g >= 0 ? registrant_label((enum registrant)g) : ""));
	}
	json_object_set_new(out, "origin", json_string(r->origin));
	json_object_set_new(out, "funding", json_string(r->funding));
	json_object_set_new(out, "training_body", r->body_id ? json_pack("{s:s, s:s}",
		"siret", r->body_siret, "name", r->body_name) : json_null());
	json_object_set_new(out, "company", *r->company_name ? json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", r->company_name,
		"address", r->company_address, "siret", r->company_siret, "naf", r->company_naf,
		"nace", r->company_nace, "sector", r->sector, "sector_branch", r->sector_branch) :
		json_null());
	json_object_set_new(out, "tutor", json_string(r->tutor));
	json_object_set_new(out, "without_employer_agreement", json_boolean(r->without_agreement));
	json_object_set_new(out, "accommodations", json_string(r->accommodations));
	json_object_set_new(out, "registered_on", json_string(r->registered_on));
	json_object_set_new(out, "registration_status", json_string(r->status));
	json_object_set_new(out, "registration_status_label", json_string(registration_status_label(r->status)));
	json_object_set_new(out, "next_jury", str_or_null(r->next_jury));
	json_object_set_new(out, "company_opinion_required", json_boolean(
		route >= 0 && kind >= 0 && company_opinion_required((enum access_route)route,
			(enum cert_kind)kind, r->without_agreement)));

	/* blocks in scope and their competences (R-EVA-6) */
	all = xcalloc(CAT_MAX_COMPETENCES * 4 + 1, sizeof *all);
	json_array_foreach(blocks, i, b) {
		const char *code = jstr(b, "code");
		const json_t *kept, *comp, *comps = json_object_get(b, "competences");
		enum comp_result *res;
		size_t j, n = json_array_size(comps);
		json_t *bo, *bc;

		if (!registration_has_block(r->blocks, code))
			continue;
		bc = json_array();
		kept = kept_unit(acquired, r->cert_code, code, today);
		res = xcalloc(n ? n : 1, sizeof *res);
		json_array_foreach(comps, j, comp) {
			json_t *c = competence_json(comp, evals, code, kept, &res[j]);
			if (kept)
				res[j] = RES_ACQUIRED;   /* R-LET-3: the block is kept */
			json_array_append_new(comps_out, c);
			json_array_append_new(bc, json_string(jstr(comp, "code")));
			if (nall < CAT_MAX_COMPETENCES * 4)
				all[nall++] = res[j];
		}
		br[nb].code = code;
		br[nb].competences = res;
		br[nb].n = n;
		bo = json_pack("{s:s, s:s, s:o}", "code", code, "title", jstr(b, "title"),
			"competences", bc);
		if (kept) {
			json_object_set_new(bo, "kept_from_jury", json_string(jstr(kept, "jury_date")));
			json_object_set_new(bo, "kept_until", str_or_null(jstr(kept, "kept_until")));
		}
		json_array_append_new(blocks_out, bo);
		nb++;
	}
	/* a CCPM: competences without blocks */
	if (!nb) {
		const json_t *comp, *comps = json_object_get(cert, "competences");
		json_array_foreach(comps, i, comp) {
			enum comp_result res;
			json_array_append_new(comps_out, competence_json(comp, evals, "", NULL, &res));
			if (nall < CAT_MAX_COMPETENCES * 4)
				all[nall++] = res;
		}
	}
	if (kind == KIND_CCPM || kind == KIND_CCPI) {
		if (certification_state((enum cert_kind)kind, NULL, 0, all, nall, &state, NULL, &err))
			state = UNIT_PENDING;
	} else if (nb) {
		enum unit_state *bs = xcalloc(nb, sizeof *bs);
		if (certification_state(KIND_CQPM, br, nb, NULL, 0, &state, bs, &err)) {
			state = UNIT_PENDING;
		} else {
			for (size_t k = 0; k < nb; k++) {
				json_t *bo = json_array_get(blocks_out, k);
				json_object_set_new(bo, "state", json_string(unit_state_code(bs[k])));
				json_object_set_new(bo, "state_label", json_string(unit_state_label(bs[k])));
			}
		}
		free(bs);
	}
	json_object_set_new(out, "blocks", blocks_out);
	json_object_set_new(out, "competences", comps_out);
	json_object_set_new(out, "status", json_string(unit_state_code(state)));
	json_object_set_new(out, "status_label", json_string(unit_state_label(state)));
	blocks_out = comps_out = NULL;
	/* sections added by the other parts of the path */
	/* section: evaluation dossier, assignments, company opinion */
	if (svc_file_eval(s, r, out)) {
		rc = -1;
		goto done;
	}

	/* section: VAE */
	if (svc_vae_section(s, r, cert, out)) {
		rc = -1;
		goto done;
	}

done:
	for (size_t k = 0; k < nb; k++)
		free((void *)br[k].competences);
	free(br);
	free(all);
	json_decref(evals);
	json_decref(blocks_out);
	json_decref(comps_out);
	return rc;
}

/* The candidate's file ------------------------------------------------------- */

struct regs {
	struct reg_row *v;
	size_t n, cap;
};

static int reg_collect(void *arg, const struct reg_row *r)
{
	struct regs *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = *r;
	return a->n >= 1000;   /* a person has a handful */
}

struct acq_acc {
	json_t *arr;
	const char *today;
};

static int acquired_collect(void *arg, const struct acquired_row *a)
{
	struct acq_acc *acc = arg;
	char label[80], fr[DATE_LEN];
	int kept = acquired_kept_on(a->kept_until, acc->today);

	/* R-LET-3: until when, in words, for every page and document */
	if (!*a->kept_until)
		snprintf(label, sizeof label, "conservé sans limite de durée");
	else
		snprintf(label, sizeof label, "%s jusqu'au %s", kept ? "conservé" : "était conservé",
			date_fr(a->kept_until, fr));
	json_array_append_new(acc->arr, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:b, s:s}",
		"certification", a->cert_code, "code", a->unit, "kind", a->unit_kind,
		"jury_date", a->jury_date, "kept_until", str_or_null(a->kept_until),
		"kept_label", label, "kept", kept, "source", "jury"));
	return 0;
}

int svc_candidate_doc(struct svc *s, int64_t candidate_id, json_t **out)
{
	struct candidate *k = xcalloc(1, sizeof *k);
	struct regs regs = { 0 };
	struct acq_acc acc = { 0 };
	json_t *doc = NULL, *list;
	char today[DATE_LEN];
	size_t shown = 0;
	int found, rc = -1;
	struct reg_filter scope = { 0 };

	*out = NULL;
	if (svc_candidate_scope(s, &scope))
		goto out;
	found = store_candidate_get(s->st, candidate_id, k);
	if (found < 0) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats impossible.");
		goto out;
	}
	if (!found || (scope.centre_id && scope.centre_id != k->centre_id && !scope.body_id)) {
		svc_fail(s, SVC_NOTFOUND, "id", NULL, "Aucun candidat n° %lld parmi ceux que vous suivez.",
			(long long)candidate_id);
		goto out;
	}
	if (store_reg_of_candidate(s->st, candidate_id, reg_collect, &regs)) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
		goto out;
	}
	svc_today(s, today);
	acc.arr = json_array();
	acc.today = today;
	if (store_acquired_of_candidate(s->st, candidate_id, acquired_collect, &acc)) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des acquis impossible.");
		goto out;
	}
	list = json_array();
	doc = json_pack("{s:I, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}, "
		"s:{s:s, s:s, s:s, s:s, s:s}, s:o, s:s}",
		"id", (json_int_t)k->id, "centre", k->centre_code,
		"identity", "birth_name", k->birth_name, "usage_name", k->usage_name,
		"first_names", k->first_names, "sex", k->sex, "birth_date", k->birth_date,
		"birth_town", k->birth_town, "birth_insee", k->birth_insee,
		"birth_department", k->birth_department, "birth_country", k->birth_country,
		"contact", "email", k->email, "phone", k->phone, "address", k->address,
		"postal_code", k->postal_code, "city", k->city,
		"registrations", list, "created_at", k->created_at);
	for (size_t i = 0; i < regs.n; i++) {
		json_t *rj, *cert;
		json_error_t jerr;
		char *text;
		if (!svc_reg_in_scope(s, &scope, &regs.v[i]))
			continue;
		text = store_cert_doc(s->st, regs.v[i].certification_id, regs.v[i].cert_version);
		cert = text ? json_loads(text, 0, &jerr) : NULL;
		free(text);
		if (!cert) {
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Référentiel de l'inscription illisible.");
			goto out;
		}
		rj = json_object();
		rc = svc_file_registration(s, &regs.v[i], cert, acc.arr, rj);
		json_decref(cert);
		if (rc) {
			json_decref(rj);
			goto out;
		}
		rc = -1;
		json_array_append_new(list, rj);
		shown++;
	}
	if (!shown && (scope.body_id || scope.evaluator_id)) {
		/* a body or an evaluator sees a candidate only through one of
		** his registrations */
		svc_fail(s, SVC_NOTFOUND, "id", NULL, "Aucun candidat n° %lld parmi ceux que vous suivez.",
			(long long)candidate_id);
		goto out;
	}
	/* the current registration: the newest one shown */
	if (shown) {
		json_t *cur = json_array_get(list, 0);
		size_t i;
		const json_t *bo;
		json_object_set(doc, "registration", cur);
		json_object_set(doc, "competences", json_object_get(cur, "competences"));
		json_object_set(doc, "status", json_object_get(cur, "status"));
		json_object_set(doc, "status_label", json_object_get(cur, "status_label"));
		/* blocks acquired through this registration's evaluations, kept
		** from the jury's decision that validates them (R-LET-3) */
		json_array_foreach(json_object_get(cur, "blocks"), i, bo) {
			if (strcmp(jstr(bo, "state"), "acquired") || json_object_get(bo, "kept_from_jury"))
				continue;
			json_array_append_new(acc.arr, json_pack("{s:s, s:s, s:s, s:s, s:n, s:b, s:s}",
				"certification", jstr(json_object_get(cur, "certification"), "code"),
				"code", jstr(bo, "code"), "kind", "block", "title", jstr(bo, "title"),
				"kept_until", "kept", 1, "source", "evaluation"));
		}
	} else {
		json_object_set_new(doc, "registration", json_null());
		json_object_set_new(doc, "competences", json_array());
		json_object_set_new(doc, "status", json_string("none"));
		json_object_set_new(doc, "status_label", json_string("Aucune inscription"));
	}
	json_object_set_new(doc, "acquired_blocks", acc.arr);
	acc.arr = NULL;
	/* section: documents */
	if (svc_file_documents(s, candidate_id, doc))
		goto out;

	*out = doc;
	doc = NULL;
	rc = 0;
out:
	json_decref(doc);
	json_decref(acc.arr);
	free(regs.v);
	free(k);
	return rc;
}
