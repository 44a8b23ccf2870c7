/*
** The jury paritaire's candidates and sitting (R-JUR-2, R-JUR-5, R-JUR-7,
** R-JUR-10, R-JUR-11), the jury as one JSON document and what a member
** examines of one candidate. The rules are core/jury.c's and
** core/award.c's; what the signature awards is svc_award.c's, called
** inside the signature's transaction.
*/
#include "service/svc_jury_int.h"
#include "core/award.h"
#include "core/catalogue.h"
#include "core/gtp.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/validate.h"
#include "core/evaluation.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nz(const char *v)
{
	return v ? v : "";
}

static json_t *str_or_null(const char *v)
{
	return v && *v ? json_string(v) : json_null();
}

const json_t *svc_cert_cache_doc(struct svc *s, struct cert_cache *cc, int64_t id,
	int version)
{
	json_error_t jerr;
	char *text;
	json_t *doc;
	for (size_t i = 0; i < cc->n; i++)
		if (cc->v[i].id == id && cc->v[i].version == version)
			return cc->v[i].doc;
	text = store_cert_doc(s->st, id, version);
	doc = text ? json_loads(text, 0, &jerr) : NULL;
	free(text);
	if (!doc) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Référentiel de la certification illisible.");
		return NULL;
	}
	if (cc->n == cc->cap) {
		cc->cap = cc->cap ? cc->cap * 2 : 8;
		cc->v = xrealloc(cc->v, cc->cap * sizeof *cc->v);
	}
	cc->v[cc->n].id = id;
	cc->v[cc->n].version = version;
	cc->v[cc->n].doc = doc;
	return cc->v[cc->n++].doc;
}

void svc_cert_cache_release(struct cert_cache *cc)
{
	for (size_t i = 0; i < cc->n; i++)
		json_decref(cc->v[i].doc);
	free(cc->v);
	memset(cc, 0, sizeof *cc);
}

static int acquired_collect(void *arg, const struct acquired_row *a)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"certification", a->cert_code, "code", a->unit, "kind", a->unit_kind,
		"jury_date", a->jury_date, "kept_until", a->kept_until, "source", "jury"));
	return 0;
}

/* The registration's section of the candidate's file (svc_file.c): the
** one derivation of results, completeness and status. */
static json_t *reg_file(struct svc *s, struct cert_cache *cc, const struct reg_row *r)
{
	const json_t *cert = svc_cert_cache_doc(s, cc, r->certification_id, r->cert_version);
	json_t *acquired, *out;
	if (!cert)
		return NULL;
	acquired = json_array();
	if (store_acquired_of_candidate(s->st, r->candidate_id, acquired_collect, acquired)) {
		json_decref(acquired);
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des acquis impossible.");
		return NULL;
	}
	out = json_object();
	if (svc_file_registration(s, r, cert, acquired, out)) {
		json_decref(out);
		out = NULL;
	}
	json_decref(acquired);
	return out;
}

/* What jury_candidate_check needs, from the registration and its file. */
static void candidate_facts(const struct reg_row *r, const json_t *file, struct jury_candidate *c)
{
	size_t i;
	const json_t *comp;
	const json_t *vae = json_object_get(file, "vae");

	memset(c, 0, sizeof *c);
	c->centre_id = r->centre_id;
	c->certification_id = r->certification_id;
	c->registered_on = r->registered_on;
	c->registration_active = !strcmp(r->status, "active");
	json_array_foreach(json_object_get(file, "competences"), i, comp)
		if (!strcmp(jstr(comp, "result"), "not_evaluated") && !json_object_get(comp, "kept_from_jury"))
			c->not_evaluated++;
	if (!json_array_size(json_object_get(file, "competences")))
		c->not_evaluated = 1;
	c->opinion_required = json_is_true(json_object_get(file, "company_opinion_required"));
	c->opinion_given = json_is_object(json_object_get(file, "company_opinion"));
	c->vae = !strcmp(r->route, "vae");
	c->vae_conclusions = json_is_object(json_object_get(vae, "commission"));
}

struct cert_ids {
	int64_t ids[64];
	size_t n;
};

static int cert_id_collect(void *arg, const struct jury_cert_row *r)
{
	struct cert_ids *c = arg;
	if (c->n < 64)
		c->ids[c->n++] = r->certification_id;
	return 0;
}

/* The candidates of a jury, by registration id. */
struct cand {
	struct reg_row r;
	int number;
};
struct cands {
	struct cand *v;
	size_t n, cap;
};

static int cand_collect(void *arg, const struct reg_row *r, int number)
{
	struct cands *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n].r = *r;
	a->v[a->n++].number = number;
	return a->n >= 5000;
}

static int cands_load(struct svc *s, int64_t jury_id, struct cands *a)
{
	memset(a, 0, sizeof *a);
	if (store_jury_candidates(s->st, jury_id, cand_collect, a))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats du jury impossible.");
	return 0;
}

/*
** A candidate of the jury by ref: "C-007" (his anonymous code) or, for
** whoever sees names, his registration id. The same "not found" for a
** ref that names nobody and for a registration id asked anonymously.
*/
static struct cand *cand_find(struct svc *s, const struct jury_ctx *c, struct cands *a,
	const char *ref)
{
	const char *p = nz(ref);
	long v;
	if ((p[0] == 'C' || p[0] == 'c') && p[1] == '-' && (v = parse_count(p + 2, 1, 99999)) > 0) {
		for (size_t i = 0; i < a->n; i++)
			if (a->v[i].number == v)
				return &a->v[i];
	} else if (!c->anonymous && (v = parse_count(p, 1, 0x7fffffffL)) > 0) {
		for (size_t i = 0; i < a->n; i++)
			if (a->v[i].r.id == v)
				return &a->v[i];
	}
	svc_fail(s, SVC_NOTFOUND, "ref", NULL, "Aucun candidat « %.40s » parmi ceux du jury.", p);
	return NULL;
}

static void cand_code(const struct cand *k, char out[JURY_ANON_LEN])
{
	if (k->number > 0)
		jury_anon_code((size_t)k->number, out);
	else
		out[0] = 0;
}

/* Candidates ----------------------------------------------------------------------- */

struct elig_acc {
	struct svc *s;
	struct jury_ctx *c;
	struct cert_ids *certs;
	struct cert_cache *cc;
	json_t *arr;
	int failed;
};

static int eligible_collect(void *arg, const struct reg_row *r, int examined)
{
	struct elig_acc *a = arg;
	struct jury_candidate jc;
	struct rule_error err;
	json_t *file = reg_file(a->s, a->cc, r), *o;
	char name[1300];
	int ok;

	if (!file) {
		a->failed = 1;
		return 1;
	}
	candidate_facts(r, file, &jc);
	ok = examined || !jury_candidate_check(&a->c->sess, a->certs->ids, a->certs->n, &jc, &err);
	snprintf(name, sizeof name, "%s %s", r->first_names, *r->usage_name ? r->usage_name : r->birth_name);
	o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:b}", "registration_id", (json_int_t)r->id,
		"name", name, "certification", r->cert_code, "status", jstr(file, "status"),
		"eligible", ok, "reason", ok ? json_null() : json_string(err.message),
		"examined", examined);
	json_array_append_new(a->arr, o);
	json_decref(file);
	return 0;
}

int svc_jury_eligible(struct svc *s, int64_t jury_id, json_t **out)
{
	struct jury_ctx c;
	struct cert_ids certs = { { 0 }, 0 };
	struct cert_cache cc = { 0 };
	struct elig_acc a;
	int rc = -1;

	*out = NULL;
	memset(&c, 0, sizeof c);
	memset(&a, 0, sizeof a);
	if (jury_perm(s, JR_MANAGE) || jury_ctx_load(s, jury_id, JR_MANAGE, &c))
		goto done;
	if (store_jury_certs(s->st, jury_id, cert_id_collect, &certs)) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des certifications du jury impossible.");
		goto done;
	}
	a.s = s;
	a.c = &c;
	a.certs = &certs;
	a.cc = &cc;
	a.arr = json_array();
	if (store_jury_eligible(s->st, jury_id, c.j.centre_id, eligible_collect, &a) || a.failed) {
		if (!a.failed)
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
		json_decref(a.arr);
		goto done;
	}
	*out = a.arr;
	rc = 0;
done:
	svc_cert_cache_release(&cc);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_candidate_add(struct svc *s, int64_t jury_id, int64_t registration_id)
{
	struct jury_ctx c;
	struct cert_ids certs = { { 0 }, 0 };
	struct cert_cache cc = { 0 };
	struct reg_row *r = xcalloc(1, sizeof *r);
	struct jury_candidate jc;
	struct rule_error err;
	json_t *file = NULL;
	char at[32];
	int64_t other = 0;
	int found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    svc_reg_load(s, registration_id, REACH_CENTRE, r))
		goto rollback;
	if (store_jury_certs(s->st, jury_id, cert_id_collect, &certs)) {
		svc_store_failed(s, -1, "Lecture des certifications du jury");
		goto rollback;
	}
	if (!(file = reg_file(s, &cc, r)))
		goto rollback;
	candidate_facts(r, file, &jc);
	/* R-JUR-2, R-INS-2, R-EVA-3, R-VAE-3 */
	if (jury_candidate_check(&c.sess, certs.ids, certs.n, &jc, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	found = store_jury_of_registration(s->st, registration_id, &other);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture des candidats des jurys");
		goto rollback;
	}
	if (found) {
		svc_fail(s, SVC_CONFLICT, "registration", NULL, other == jury_id ?
			"Le candidat de l'inscription n° %lld est déjà présenté à ce jury." :
			"Le candidat de l'inscription n° %lld est déjà présenté à un autre jury qui n'a pas encore signé son procès-verbal.",
			(long long)registration_id);
		goto rollback;
	}
	svc_now_iso(s, at);
	if ((wrc = store_jury_candidate_add(s->st, jury_id, registration_id, at)) ||
	    (wrc = store_reg_set_next_jury(s->st, registration_id, c.j.date, at))) {
		svc_store_failed(s, wrc, "Enregistrement du candidat du jury");
		goto rollback;
	}
	jury_ctx_changed(&c, CHANGE_CANDIDATES);
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.candidate.add", c.object, json_pack("{s:I, s:s}",
		"registration", (json_int_t)registration_id, "next_jury", c.j.date));
	goto done;
rollback:
	store_rollback(s->st);
done:
	json_decref(file);
	svc_cert_cache_release(&cc);
	free(r);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_candidate_remove(struct svc *s, int64_t jury_id, int64_t registration_id)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct cand *k = NULL;
	char at[32];
	int rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) || cands_load(s, jury_id, &a))
		goto rollback;
	if (c.sess.state != JURY_PLANNED) {
		svc_fail(s, SVC_RULE, "state", "R-JUR-10",
			"La liste des candidats est close depuis l'ouverture de la séance : un candidat n'en est plus retiré.");
		goto rollback;
	}
	for (size_t i = 0; i < a.n; i++)
		if (a.v[i].r.id == registration_id)
			k = &a.v[i];
	if (!k) {
		svc_fail(s, SVC_NOTFOUND, "registration", NULL,
			"L'inscription n° %lld n'est pas présentée à ce jury.", (long long)registration_id);
		goto rollback;
	}
	svc_now_iso(s, at);
	if ((wrc = store_jury_candidate_remove(s->st, jury_id, registration_id)) ||
	    (!strcmp(k->r.next_jury, c.j.date) &&
	     (wrc = store_reg_set_next_jury(s->st, registration_id, "", at)))) {
		svc_store_failed(s, wrc, "Retrait du candidat du jury");
		goto rollback;
	}
	jury_ctx_changed(&c, CHANGE_CANDIDATES);
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.candidate.remove", c.object, json_pack("{s:I}",
		"registration", (json_int_t)registration_id));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

/* The sitting ---------------------------------------------------------------------- */

int svc_jury_open(struct svc *s, int64_t jury_id, const int64_t *present, size_t npresent)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct rule_error err;
	size_t *perm = NULL;
	json_t *ids = json_array();
	char *ids_text = NULL;
	int e, w, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE))
		goto done;
	if (npresent > JURY_MAX_MEMBERS || (npresent && !present)) {
		svc_fail(s, SVC_INVALID, "present", NULL, "Présents : %d membres au plus.", JURY_MAX_MEMBERS);
		goto done;
	}
	if (svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) || cands_load(s, jury_id, &a))
		goto rollback;
	for (size_t i = 0; i < c.n; i++)
		c.m[i].present = 0;
	for (size_t k = 0; k < npresent; k++) {
		size_t i;
		for (i = 0; i < c.n && c.mr[i].id != present[k]; i++)
			;
		if (i == c.n) {
			svc_fail(s, SVC_INVALID, "present", NULL,
				"Le membre n° %lld n'est pas membre de ce jury.", (long long)present[k]);
			goto rollback;
		}
		c.m[i].present = 1;
		json_array_append_new(ids, json_integer(present[k]));
	}
	/* R-JUR-5, R-JUR-7, R-JUR-9, R-JUR-1 */
	if (jury_open(&c.sess, c.m, c.n, c.ucodes, c.nu, c.req, c.nreq, a.n, c.today, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	ids_text = json_dumps(ids, JSON_COMPACT);
	if ((wrc = store_jury_attendance(s->st, jury_id, ids_text ? ids_text : "[]"))) {
		svc_store_failed(s, wrc, "Enregistrement des présences");
		goto rollback;
	}
	/* R-JUR-10: the numbers, drawn once on the closed list */
	if (a.n && a.v[0].number == 0) {
		perm = xcalloc(a.n, sizeof *perm);
		jury_anon_numbers((uint64_t)c.j.anon_seed, a.n, perm);
		for (size_t i = 0; i < a.n; i++)
			if ((wrc = store_jury_candidate_number(s->st, jury_id, a.v[i].r.id, (int)perm[i]))) {
				svc_store_failed(s, wrc, "Enregistrement des codes anonymes");
				goto rollback;
			}
	}
	if (jury_ctx_save(s, &c))
		goto rollback;
	jury_vote_count(c.m, c.n, 1, &e, &w);
	rc = svc_commit_audit(s, "jury.open", c.object, json_pack("{s:s, s:O, s:i, s:i, s:i}",
		"opened_on", c.sess.opened_on, "present", ids, "employer_votes", e,
		"employee_votes", w, "candidates", (int)a.n));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(ids_text);
	free(perm);
	json_decref(ids);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_conformity(struct svc *s, int64_t jury_id)
{
	struct jury_ctx c;
	struct rule_error err;
	int rc = -1;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c))
		goto rollback;
	if (jury_record_conformity(&c.sess, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.conformity", c.object, NULL);
	goto done;
rollback:
	store_rollback(s->st);
done:
	jury_ctx_release(&c);
	return rc;
}

/* The ballot sheet of d; -1 with the result set. */
static int sheet_of(struct svc *s, const struct decision_in *d, struct jury_ballot_sheet *b)
{
	int p = jury_ballot_from_code(d->president_ballot);
	const char *m;
	if (p < 0)
		return svc_fail(s, SVC_INVALID, "president_ballot", NULL,
			"Vote du président : for, against ou abstain.");
	if ((m = v_long_text(d->comment, 1000, 1)))
		return svc_fail(s, SVC_INVALID, "comment", NULL, "Commentaire : %s.", m);
	b->verdict = nz(d->verdict);
	b->votes.for_admission = d->votes_for;
	b->votes.against = d->votes_against;
	b->votes.abstentions = d->abstentions;
	b->president = (enum jury_ballot)p;
	return 0;
}

/* The core's view of a stored decision. */
static void decision_of_row(const struct decision_row *r, struct jury_decision *d)
{
	int p = jury_ballot_from_code(r->president_ballot), v = jury_verdict_from_code(r->verdict);
	memset(d, 0, sizeof *d);
	d->state = !strcmp(r->state, "final") ? DECISION_FINAL :
		!strcmp(r->state, "superseded") ? DECISION_SUPERSEDED : DECISION_PROVISIONAL;
	d->verdict = v < 0 ? VERDICT_NONE : (enum jury_verdict)v;
	d->votes.for_admission = r->votes_for;
	d->votes.against = r->votes_against;
	d->votes.abstentions = r->abstentions;
	d->president = p < 0 ? BALLOT_ABSTAIN : (enum jury_ballot)p;
	d->casting = r->casting;
	d->revision = r->revision;
	snprintf(d->decided_on, sizeof d->decided_on, "%s", r->decided_on);
	snprintf(d->superseded_on, sizeof d->superseded_on, "%s", r->superseded_on);
}

static void row_of_decision(const struct jury_decision *d, const char *comment,
	struct decision_row *r)
{
	snprintf(r->state, sizeof r->state, "%s", decision_state_code(d->state));
	snprintf(r->verdict, sizeof r->verdict, "%s", jury_verdict_code(d->verdict));
	r->votes_for = d->votes.for_admission;
	r->votes_against = d->votes.against;
	r->abstentions = d->votes.abstentions;
	snprintf(r->president_ballot, sizeof r->president_ballot, "%s", jury_ballot_code(d->president));
	r->casting = d->casting;
	r->revision = d->revision;
	snprintf(r->comment, sizeof r->comment, "%s", nz(comment));
	snprintf(r->motive, sizeof r->motive, "%s", d->motive);
	snprintf(r->decided_on, sizeof r->decided_on, "%s", d->decided_on);
}

int svc_jury_decide(struct svc *s, int64_t jury_id, const char *ref,
	const struct decision_in *in)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct cand *k;
	struct jury_ballot_sheet b;
	struct jury_decision d;
	struct decision_row *row = xcalloc(1, sizeof *row);
	struct rule_error err;
	char code[JURY_ANON_LEN];
	int64_t id;
	int found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_PRESIDE) || sheet_of(s, in, &b) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_PRESIDE, &c) || cands_load(s, jury_id, &a) ||
	    !(k = cand_find(s, &c, &a, ref)))
		goto rollback;
	found = store_decision_current(s->st, jury_id, k->r.id, row);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture des décisions");
		goto rollback;
	}
	memset(&d, 0, sizeof d);
	if (found)
		decision_of_row(row, &d);
	/* R-JUR-11, R-JUR-5, R-JUR-7 */
	if (jury_decide(&c.sess, c.m, c.n, &b, c.today, &d, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	row->jury_id = jury_id;
	row->registration_id = k->r.id;
	row_of_decision(&d, in->comment, row);
	snprintf(row->decided_by, sizeof row->decided_by, "%s", s->actor.login);
	svc_now_iso(s, row->recorded_at);
	wrc = found ? store_decision_replace(s->st, row) : store_decision_insert(s->st, row, &id);
	if (wrc) {
		svc_store_failed(s, wrc, "Enregistrement de la décision");
		goto rollback;
	}
	cand_code(k, code);
	/* the audit names the candidate by his code: no name in the minutes' trail */
	rc = svc_commit_audit(s, "jury.decide", c.object, json_pack("{s:s, s:I, s:s, s:i, s:i, s:i, s:s, s:b}",
		"code", code, "registration", (json_int_t)k->r.id, "verdict", row->verdict,
		"for", row->votes_for, "against", row->votes_against, "abstentions", row->abstentions,
		"president_ballot", row->president_ballot, "casting", row->casting));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(row);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

struct dec_list {
	struct decision_row *v;
	size_t n, cap;
};

static int dec_collect(void *arg, const struct decision_row *d)
{
	struct dec_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = *d;
	return l->n >= 20000;
}

/* The current decision on registration rid in l, or NULL. */
static const struct decision_row *dec_current(const struct dec_list *l, int64_t rid)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].registration_id == rid && strcmp(l->v[i].state, "superseded"))
			return &l->v[i];
	return NULL;
}

int svc_jury_sign(struct svc *s, int64_t jury_id)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct dec_list l = { 0 };
	struct jury_decision *d = NULL;
	struct rule_error err;
	int rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_PRESIDE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_PRESIDE, &c) || cands_load(s, jury_id, &a))
		goto rollback;
	if (store_decisions_of_jury(s->st, jury_id, dec_collect, &l)) {
		svc_store_failed(s, -1, "Lecture des décisions");
		goto rollback;
	}
	d = xcalloc(a.n ? a.n : 1, sizeof *d);
	for (size_t i = 0; i < a.n; i++) {
		const struct decision_row *r = dec_current(&l, a.v[i].r.id);
		if (r)
			decision_of_row(r, &d[i]);
	}
	/* R-JUR-11: the president signs; every decision becomes final */
	if (jury_sign(&c.sess, c.m, c.n, d, a.n, c.today, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	if ((wrc = store_decisions_finalize(s->st, jury_id))) {
		svc_store_failed(s, wrc, "Enregistrement des décisions");
		goto rollback;
	}
	if (jury_ctx_save(s, &c))
		goto rollback;
	/* R-JUR-12, R-CER-2, R-LET-3, R-GTP-2: what the decisions award */
	if (svc_award_signed(s, jury_id, c.sess.signed_on)) {
		if (s->res.rc == SVC_OK)
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Délivrance des certifications impossible.");
		goto rollback;
	}
	rc = svc_commit_audit(s, "jury.sign", c.object, json_pack("{s:s, s:i}",
		"signed_on", c.sess.signed_on, "decisions", (int)a.n));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(d);
	free(l.v);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_correct(struct svc *s, int64_t jury_id, const char *ref,
	const struct decision_in *in, const char *motive)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct cand *k;
	struct jury_ballot_sheet b;
	struct jury_decision old, nd;
	struct decision_row *row = xcalloc(2, sizeof *row);
	struct rule_error err;
	char code[JURY_ANON_LEN];
	int64_t new_id = 0;
	int found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || sheet_of(s, in, &b) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) || cands_load(s, jury_id, &a) ||
	    !(k = cand_find(s, &c, &a, ref)))
		goto rollback;
	found = store_decision_current(s->st, jury_id, k->r.id, &row[0]);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture des décisions");
		goto rollback;
	}
	memset(&old, 0, sizeof old);
	if (found)
		decision_of_row(&row[0], &old);
	/* R-JUR-11: a motivated correction, the old decision kept */
	if (jury_correct(&c.sess, c.m, c.n, &old, &b, nz(motive), c.today, &nd, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	row[1].jury_id = jury_id;
	row[1].registration_id = k->r.id;
	row_of_decision(&nd, in->comment, &row[1]);
	snprintf(row[1].decided_by, sizeof row[1].decided_by, "%s", s->actor.login);
	svc_now_iso(s, row[1].recorded_at);
	if ((wrc = store_decision_supersede(s->st, row[0].id, old.superseded_on)) ||
	    (wrc = store_decision_insert(s->st, &row[1], &new_id))) {
		svc_store_failed(s, wrc, "Enregistrement de la rectification");
		goto rollback;
	}
	/* R-JUR-12: the certificates follow the corrected decision */
	if (svc_award_corrected(s, jury_id, k->r.id, row[0].id, new_id, c.today)) {
		if (s->res.rc == SVC_OK)
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Mise à jour des certificats impossible.");
		goto rollback;
	}
	cand_code(k, code);
	rc = svc_commit_audit(s, "jury.correct", c.object, json_pack(
		"{s:s, s:I, s:s, s:s, s:i, s:s}", "code", code, "registration", (json_int_t)k->r.id,
		"old_verdict", row[0].verdict, "verdict", row[1].verdict, "revision", row[1].revision,
		"motive", row[1].motive));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(row);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_sits(struct svc *s, int64_t jury_id)
{
	int r = store_jury_sits(s->st, jury_id, s->actor.user_id);
	if (r < 0)
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des membres du jury impossible.");
	return r;
}

/* Documents' codes ---------------------------------------------------------------- */

static const char *const jdocs[JDOC__MAX][2] = {
	[JDOC_REQUEST] = { "request", "Demande de désignation des représentants" },
	[JDOC_CPREFP] = { "cprefp", "Information de la CPREFP" },
	[JDOC_CONVOCATION] = { "convocation", "Convocation au jury" },
	[JDOC_ATTENDANCE] = { "attendance", "Feuille d'émargement" },
	[JDOC_MINUTES] = { "minutes", "Procès-verbal de délibération" },
	[JDOC_GTP_LETTER] = { "gtp_letter", "Lettre au GTP « Certifications »" },
	[JDOC_LETTER] = { "letter", "Lettre au candidat" },
	[JDOC_CERTIFICATES] = { "certificates", "Certificats" },
	[JDOC_SYNTHESES] = { "syntheses", "Synthèses des évaluations" },
};

const char *jury_doc_code(enum jury_doc k) { return (unsigned)k < JDOC__MAX ? jdocs[k][0] : NULL; }
const char *jury_doc_label(enum jury_doc k) { return (unsigned)k < JDOC__MAX ? jdocs[k][1] : NULL; }
int jury_doc_from_code(const char *code) { return code_lookup(jdocs, JDOC__MAX, code); }

/* Masking (R-JUR-10) ---------------------------------------------------------------- */

#define MASK "***"

struct names {
	char *v[16];
	size_t n;
};

static void name_add(struct names *x, const char *w, size_t n)
{
	if (n < 2 || x->n == 16)
		return;
	for (size_t k = 0; k < x->n; k++)
		if (strlen(x->v[k]) == n && !strncasecmp(x->v[k], w, n))
			return;
	x->v[x->n] = xmalloc(n + 1);
	memcpy(x->v[x->n], w, n);
	x->v[x->n++][n] = 0;
}

/* A name and each of its words ("Jean-Pierre": "Jean", "Pierre"). */
static void names_add(struct names *x, const char *s)
{
	size_t i = 0, n = strlen(s);
	name_add(x, s, n);
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '-' && s[j] != '\'')
			j++;
		name_add(x, s + i, j - i);
		i = j + 1;
	}
}

static int by_length(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
	return la < lb ? 1 : la > lb ? -1 : 0;
}

static void names_of(struct names *x, const struct reg_row *r)
{
	char fr[DATE_LEN];
	memset(x, 0, sizeof *x);
	names_add(x, r->birth_name);
	names_add(x, r->usage_name);
	names_add(x, r->first_names);
	if (date_ok(r->birth_date)) {
		name_add(x, r->birth_date, strlen(r->birth_date));
		date_fr(r->birth_date, fr);
		name_add(x, fr, strlen(fr));
	}
	qsort(x->v, x->n, sizeof *x->v, by_length);
}

static void names_release(struct names *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->v[i]);
	x->n = 0;
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* s with the names of x masked (whole words, case ignored), or NULL when
** nothing is masked. */
static char *mask_text(const struct names *x, const char *s)
{
	struct buf b;
	size_t i = 0, n = strlen(s);
	int changed = 0;
	char *out;

	buf_init(&b, n + 16);
	while (i < n) {
		size_t m = 0;
		if (i == 0 || !word_byte((unsigned char)s[i - 1]))
			for (size_t k = 0; k < x->n && !m; k++) {
				size_t l = strlen(x->v[k]);
				if (l <= n - i && !strncasecmp(s + i, x->v[k], l) &&
				    (i + l == n || !word_byte((unsigned char)s[i + l])))
					m = l;
			}
		if (m) {
			buf_puts(&b, MASK);
			i += m;
			changed = 1;
		} else {
			buf_add(&b, s + i, 1);
			i++;
		}
	}
	out = changed ? xstrdup(buf_str(&b)) : NULL;
	buf_release(&b);
	return out;
}

/* Every string of v with the names masked, recursively. */
static void mask_json(const struct names *x, json_t *v)
{
	const char *key;
	json_t *e;
	size_t i;
	void *tmp;

	if (json_is_object(v)) {
		json_object_foreach_safe(v, tmp, key, e) {
			if (json_is_string(e)) {
				char *m = mask_text(x, json_string_value(e));
				if (m) {
					json_object_set_new(v, key, json_string(m));
					free(m);
				}
			} else {
				mask_json(x, e);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			if (json_is_string(e)) {
				char *m = mask_text(x, json_string_value(e));
				if (m) {
					json_array_set_new(v, i, json_string(m));
					free(m);
				}
			} else {
				mask_json(x, e);
			}
		}
	}
}

/* The jury's document ------------------------------------------------------------------ */

static json_t *votes_json(const struct decision_row *d)
{
	return json_pack("{s:i, s:i, s:i}", "for", d->votes_for, "against", d->votes_against,
		"abstentions", d->abstentions);
}

struct certs_acc {
	json_t *by_reg;   /* {"<registration id>": [certificates]} */
};

static int certificate_collect(void *arg, const struct jury_certificate_row *c)
{
	struct certs_acc *a = arg;
	char key[24], disp[CERT_NUMBER_DISPLAY_LEN];
	json_t *list;
	int k = award_kind_from_code(c->kind);
	snprintf(key, sizeof key, "%lld", (long long)c->registration_id);
	if (!(list = json_object_get(a->by_reg, key))) {
		list = json_array();
		json_object_set_new(a->by_reg, key, list);
	}
	json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s}",
		"number", c->number, "display", cert_number_display(c->number, disp),
		"kind", c->kind, "kind_label", k < 0 ? "" : award_kind_label((enum award_kind)k),
		"annex", k < 0 ? 0 : award_annex((enum award_kind)k), "state", c->state,
		"unit_code", c->unit_code, "unit_title", c->unit_title));
	return 0;
}

static int corrective_collect(void *arg, const struct jury_corrective_row *c)
{
	int st = corrective_state_from_code(c->state);
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}",
		"id", (json_int_t)c->id, "text", c->text, "state", c->state,
		"state_label", st < 0 ? "" : corrective_state_label((enum corrective_state)st),
		"sent_on", c->sent_on, "followed_on", str_or_null(c->followed_on),
		"follow_up", c->follow_up));
	return 0;
}

static int cert_collect_json(void *arg, const struct jury_cert_row *r)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:I, s:i}",
		"code", r->code, "title", r->title, "kind", r->kind, "level", r->level,
		"rncp", r->rncp, "cqpi", 0, "candidates", r->candidates,
		"id_", (json_int_t)r->certification_id, "version_", r->version));
	return 0;
}

/* The letter (R-LET-1..3) of a final decision. */
static json_t *letter_json(const struct reg_row *r, const json_t *cert, const json_t *file,
	const struct decision_row *d, const char *jury_date, size_t acquired_units)
{
	struct letter_input in;
	struct letter_plan p;
	struct rule_error err;
	char fr[DATE_LEN], label[96];
	json_t *pieces = json_array();
	int k = kind_from_code(r->cert_kind), v = jury_verdict_from_code(d->verdict);

	(void)file;
	memset(&in, 0, sizeof in);
	in.verdict = v < 0 ? VERDICT_NONE : (enum jury_verdict)v;
	in.kind = k < 0 ? KIND_CQPM : (enum cert_kind)k;
	in.rncp_registered = *jstr(cert, "rncp") != 0;
	in.registered_validity = jstr(cert, "acquired_validity");
	in.jury_date = jury_date;
	in.acquired_units = acquired_units;
	in.has_company = *r->company_name != 0;
	in.without_employer_agreement = r->without_agreement;
	if (letter_plan(&in, &p, &err)) {
		json_decref(pieces);
		return json_null();
	}
	if (p.pieces)
		for (int i = 1; i <= 4; i++) {
			struct buf b;
			buf_init(&b, 256);
			if (!letter_piece(&p, i, r->cert_title, r->cert_code, &b))
				json_array_append_new(pieces, json_string(buf_str(&b)));
			buf_release(&b);
		}
	if (p.kind != LETTER_PARTIAL)
		label[0] = 0;
	else if (p.keep_months == VALIDITY_UNLIMITED)
		snprintf(label, sizeof label, "conservés sans limite de durée");
	else if (*p.kept_until)
		snprintf(label, sizeof label, "conservés jusqu'au %s", date_fr(p.kept_until, fr));
	else
		label[0] = 0;
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:o, s:s, s:o}",
		"kind", letter_kind_code(p.kind), "rule", letter_kind_rule(p.kind),
		"label", letter_kind_label(p.kind), "dated", p.dated, "to_company", p.to_company,
		"units_are_blocks", p.units_are_blocks, "kept_until", str_or_null(p.kept_until),
		"keep_label", label, "pieces", pieces);
}

/* One candidate of the jury's document. */
static json_t *candidate_json(struct svc *s, struct jury_ctx *c, struct cert_cache *cc,
	const struct cand *k, const struct dec_list *l, json_t *certs_by_reg)
{
	const json_t *cert = svc_cert_cache_doc(s, cc, k->r.certification_id, k->r.cert_version);
	json_t *file, *o, *units, *acquired, *blocks, *hist;
	const json_t *e;
	const struct decision_row *cur = dec_current(l, k->r.id);
	char code[JURY_ANON_LEN], key[24];
	size_t i;
	int st, kind = kind_from_code(k->r.cert_kind);
	enum unit_state status;

	if (!cert || !(file = reg_file(s, cc, &k->r)))
		return NULL;
	cand_code(k, code);
	o = json_pack("{s:s}", "code", code);
	if (!c->anonymous) {
		struct candidate *p = xcalloc(1, sizeof *p);
		char name[1300];
		if (store_candidate_get(s->st, k->r.candidate_id, p) != 1) {
			free(p);
			json_decref(o);
			json_decref(file);
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats impossible.");
			return NULL;
		}
		snprintf(name, sizeof name, "%s %s", p->first_names, *p->usage_name ? p->usage_name : p->birth_name);
		json_object_set_new(o, "registration_id", json_integer(k->r.id));
		json_object_set_new(o, "candidate_id", json_integer(k->r.candidate_id));
		json_object_set_new(o, "identity", json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
			"s:s, s:s, s:s}", "first_names", p->first_names, "birth_name", p->birth_name,
			"usage_name", p->usage_name, "name", name, "birth_date", p->birth_date,
			"birth_town", p->birth_town, "birth_department", p->birth_department,
			"birth_country", p->birth_country, "address", p->address,
			"postal_code", p->postal_code, "city", p->city));
		free(p);
	}
	json_object_set_new(o, "certification", json_pack("{s:s, s:s, s:s}", "code", k->r.cert_code,
		"title", k->r.cert_title, "kind", k->r.cert_kind));
	json_object_set_new(o, "route", json_string(k->r.route));
	blocks = json_array();
	json_array_foreach(json_object_get(file, "blocks"), i, e)
		json_array_append_new(blocks, json_string(jstr(e, "code")));
	json_object_set_new(o, "blocks", blocks);
	json_object_set_new(o, "origin", json_string(k->r.origin));
	json_object_set_new(o, "funding", json_string(k->r.funding));
	/* annex 14: a job seeker has no company columns */
	if (!*k->r.company_name && !*k->r.company_siret)
		json_object_set_new(o, "company", json_null());
	else if (c->anonymous)
		json_object_set_new(o, "company", json_pack("{s:s, s:s, s:s}", "nace", k->r.company_nace,
			"sector", k->r.sector, "sector_branch", k->r.sector_branch));
	else
		json_object_set_new(o, "company", json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			"name", k->r.company_name, "address", k->r.company_address,
			"siret", k->r.company_siret, "nace", k->r.company_nace, "sector", k->r.sector,
			"sector_branch", k->r.sector_branch));
	json_object_set(o, "status", json_object_get(file, "status"));
	json_object_set(o, "status_label", json_object_get(file, "status_label"));
	/* the units: blocks with their state, or a CCPM's competences */
	units = json_array();
	acquired = json_array();
	if (json_array_size(json_object_get(file, "blocks"))) {
		json_array_foreach(json_object_get(file, "blocks"), i, e) {
			json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:s}", "code", jstr(e, "code"),
				"title", jstr(e, "title"), "kind", "block", "state", jstr(e, "state")));
			if (!strcmp(jstr(e, "state"), "acquired"))
				json_array_append_new(acquired, json_pack("{s:s, s:s}", "code", jstr(e, "code"),
					"title", jstr(e, "title")));
		}
	} else {
		json_array_foreach(json_object_get(file, "competences"), i, e) {
			json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:s}", "code", jstr(e, "code"),
				"title", jstr(e, "title"), "kind", "competence", "state", jstr(e, "result")));
			if (!strcmp(jstr(e, "result"), "acquired"))
				json_array_append_new(acquired, json_pack("{s:s, s:s}", "code", jstr(e, "code"),
					"title", jstr(e, "title")));
		}
	}
	json_object_set_new(o, "units", units);
	st = !strcmp(jstr(file, "status"), "acquired") ? UNIT_ACQUIRED :
		!strcmp(jstr(file, "status"), "not_acquired") ? UNIT_NOT_ACQUIRED : UNIT_PENDING;
	status = (enum unit_state)st;
	if (cur) {
		int v = jury_verdict_from_code(cur->verdict);
		json_object_set_new(o, "decision", json_string(cur->verdict));
		json_object_set_new(o, "decision_state", json_string(cur->state));
		json_object_set_new(o, "votes", votes_json(cur));
		json_object_set_new(o, "president_ballot", json_string(cur->president_ballot));
		json_object_set_new(o, "casting", json_boolean(cur->casting));
		json_object_set_new(o, "revision", json_integer(cur->revision));
		json_object_set_new(o, "decided_on", json_string(cur->decided_on));
		json_object_set_new(o, "comment", c->anonymous ? json_null() : json_string(cur->comment));
		json_object_set_new(o, "against_results", json_boolean(v >= 0 &&
			award_against_results((enum jury_verdict)v, status)));
	} else {
		json_object_set_new(o, "decision", json_null());
		json_object_set_new(o, "decision_state", json_string("none"));
		json_object_set_new(o, "votes", json_null());
		json_object_set_new(o, "president_ballot", json_null());
		json_object_set_new(o, "casting", json_false());
		json_object_set_new(o, "revision", json_null());
		json_object_set_new(o, "decided_on", json_null());
		json_object_set_new(o, "comment", json_null());
		json_object_set_new(o, "against_results", json_false());
	}
	hist = json_array();
	for (i = 0; i < l->n; i++) {
		const struct decision_row *d = &l->v[i];
		if (d->registration_id != k->r.id)
			continue;
		json_array_append_new(hist, json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:o}",
			"revision", d->revision, "verdict", d->verdict, "state", d->state,
			"decided_on", d->decided_on, "superseded_on", str_or_null(d->superseded_on),
			"motive", c->anonymous ? json_null() : json_string(d->motive),
			"votes", votes_json(d)));
	}
	json_object_set_new(o, "history", hist);
	snprintf(key, sizeof key, "%lld", (long long)k->r.id);
	e = json_object_get(certs_by_reg, key);
	json_object_set_new(o, "certificates", e ? json_copy((json_t *)e) : json_array());
	json_object_set_new(o, "letter", cur && !strcmp(cur->state, "final") ?
		letter_json(&k->r, cert, file, cur, c->j.date, json_array_size(acquired)) : json_null());
	json_object_set_new(o, "acquired", acquired);
	(void)kind;
	json_decref(file);
	return o;
}

static int by_number(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return x->number < y->number ? -1 : x->number > y->number;
}

/* The jury's JSON; with only (a ref as cand_find takes it), the same
** document with that candidate alone in "candidates". */
static int jury_doc_build(struct svc *s, int64_t jury_id, const char *only, json_t **out)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	int64_t only_rid = 0;
	struct dec_list l = { 0 };
	struct cert_cache cc = { 0 };
	struct certs_acc ca = { NULL };
	struct svc_withdrawals wd;
	struct centre centre;
	struct centre_docs_row docs;
	struct rule_error err;
	json_t *doc = NULL, *certs = NULL, *unions, *members, *cands, *corr = NULL;
	const json_t *president = NULL;
	char deadline[DATE_LEN], due[DATE_LEN];
	int e, w, rc = -1;
	size_t i;
	enum gtp_status g;
	enum award_route route;

	*out = NULL;
	memset(&c, 0, sizeof c);
	memset(&wd, 0, sizeof wd);
	if (jury_perm(s, JR_READ) || jury_ctx_load(s, jury_id, JR_READ, &c) || cands_load(s, jury_id, &a))
		goto done;
	if (only) {
		const struct cand *k = cand_find(s, &c, &a, only);
		if (!k)
			goto done;
		only_rid = k->r.id;   /* by id: the sort below moves the candidates */
	}
	certs = json_array();
	ca.by_reg = json_object();
	corr = json_array();
	if (store_centre_by_id(s->st, c.j.centre_id, &centre) != 1 ||
	    store_centre_docs_get(s->st, c.j.centre_id, &docs) != 1 ||
	    store_jury_certs(s->st, jury_id, cert_collect_json, certs) ||
	    store_decisions_of_jury(s->st, jury_id, dec_collect, &l) ||
	    store_jury_certificates(s->st, jury_id, certificate_collect, &ca) ||
	    store_jury_correctives(s->st, jury_id, corrective_collect, corr)) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du jury impossible.");
		goto done;
	}
	if (svc_withdrawals_load(s, c.j.centre_id, &wd))
		goto done;
	/* the certifications: "cqpi" from the referential (on_cqpi_list) */
	for (i = 0; i < json_array_size(certs); i++) {
		json_t *ct = json_array_get(certs, i);
		const json_t *d = svc_cert_cache_doc(s, &cc, json_integer_value(json_object_get(ct, "id_")),
			(int)json_integer_value(json_object_get(ct, "version_")));
		if (!d)
			goto done;
		json_object_set_new(ct, "cqpi", json_boolean(json_is_true(json_object_get(d, "on_cqpi_list"))));
		json_object_del(ct, "id_");
		json_object_del(ct, "version_");
	}
	jury_notice_deadline(c.j.date, deadline);
	unions = json_array();
	for (i = 0; i < c.nu; i++) {
		const char *sent = NULL;
		for (size_t k = 0; k < c.nreq; k++)
			if (!strcmp(c.req[k].union_code, c.u[i].code))
				sent = c.req[k].sent_on;
		json_array_append_new(unions, json_pack("{s:s, s:s, s:o, s:b}", "code", c.u[i].code,
			"name", c.u[i].name, "requested_on", str_or_null(sent),
			"on_time", sent && !jury_request_check(c.j.date, sent, c.u[i].code, NULL)));
	}
	members = json_array();
	for (i = 0; i < c.n; i++) {
		const struct jury_member_row *m = &c.mr[i];
		enum jury_side side = jury_role_side(c.m[i].role);
		json_t *mo = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:s, "
			"s:s, s:o, s:o, s:b, s:b}", "id", (json_int_t)m->id, "name", m->name,
			"email", m->email, "role", m->role, "role_label", nz(jury_role_label(c.m[i].role)),
			"side", nz(jury_side_code(side)), "side_label", nz(jury_side_label(side)),
			"branch", m->branch, "union", str_or_null(m->union_code), "votes", m->votes,
			"president", m->president, "organisation", m->organisation, "quality", m->quality,
			"login", str_or_null(m->login), "convened_on", str_or_null(m->convened_on),
			"convened", *m->convened_on != 0, "present", m->present);
		json_array_append_new(members, mo);
		if (m->president)
			president = mo;
	}
	/* R-JUR-5: on paper while planned, among those present afterwards */
	{
		struct jury_member *v = xcalloc(c.n ? c.n : 1, sizeof *v);
		memcpy(v, c.m, c.n * sizeof *v);
		for (i = 0; i < c.n; i++)
			if (c.sess.state == JURY_PLANNED)
				v[i].present = 1;
		jury_vote_count(v, c.n, 1, &e, &w);
		rule_error_clear(&err);
		jury_parity_check(v, c.n, &err);
		free(v);
	}
	/* the candidates, by their numbers for whoever sees no name */
	if (c.anonymous && a.n)
		qsort(a.v, a.n, sizeof *a.v, by_number);
	cands = json_array();
	doc = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:{s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:b, s:b}, "
		"s:o, s:s, s:{s:b, s:i, s:o}, s:o, s:o, s:o, s:{s:i, s:i, s:b, s:s}, s:b, s:o, s:o, "
		"s:b, s:o}",
		"id", (json_int_t)c.j.id, "state", c.j.state,
		"state_label", nz(jury_state_label(c.sess.state)), "date", c.j.date, "place", c.j.place,
		"revision", c.j.revision,
		"centre", "code", centre.code, "name", centre.name,
		"number", docs.number ? json_integer(docs.number) : json_null(), "city", docs.city,
		"address", centre.address, "email", centre.email, "signatory", docs.signatory,
		"letterhead", docs.has_letterhead, "signature", docs.has_signature,
		"certifications", certs, "notice_deadline", deadline,
		"cprefp", "due", c.j.revision > c.j.notice_revision, "revision", c.j.notice_revision,
		"sent_on", str_or_null(c.j.notice_sent_on),
		"unions", unions, "members", members,
		"president", president ? json_pack("{s:O, s:O}", "id", json_object_get(president, "id"),
			"name", json_object_get(president, "name")) : json_null(),
		"parity", "employer", e, "employee", w, "ok", err.message[0] == 0, "message", err.message,
		"conformity_checked", c.j.conformity_checked, "opened_on", str_or_null(c.j.opened_on),
		"signed_on", str_or_null(c.j.signed_on), "anonymous", c.anonymous, "candidates", cands);
	certs = NULL;
	if (!doc) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Document du jury impossible.");
		goto done;
	}
	for (i = 0; i < a.n; i++) {
		json_t *o;
		if (only && a.v[i].r.id != only_rid)
			continue;
		o = candidate_json(s, &c, &cc, &a.v[i], &l, ca.by_reg);
		if (!o)
			goto done;
		if (c.anonymous) {
			struct names x;
			names_of(&x, &a.v[i].r);
			mask_json(&x, o);
			names_release(&x);
		}
		json_array_append_new(cands, o);
	}
	/* R-GTP-1, R-GTP-2 */
	g = gtp_records_status(c.j.date, c.j.gtp_sent_on, c.today);
	if (gtp_records_due(c.j.date, due, NULL))
		due[0] = 0;
	route = gtp_award_route(wd.v, wd.n, c.j.date, c.j.gtp_attributed_on);
	json_object_set_new(doc, "gtp", json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:O}",
		"due", due, "status", g < GTP_STATUS__MAX ? gtp_status_code(g) : "",
		"status_label", g < GTP_STATUS__MAX ? gtp_status_label(g) : "",
		"sent_on", str_or_null(c.j.gtp_sent_on),
		"award_route", route < AWARD_ROUTE__MAX ? award_route_code(route) : "",
		"award_route_label", route < AWARD_ROUTE__MAX ? award_route_label(route) : "",
		"corrective", corr));
	*out = doc;
	doc = NULL;
	rc = 0;
done:
	json_decref(doc);
	json_decref(certs);
	json_decref(corr);
	json_decref(ca.by_reg);
	svc_cert_cache_release(&cc);
	svc_withdrawals_release(&wd);
	free(l.v);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_doc(struct svc *s, int64_t jury_id, json_t **out)
{
	return jury_doc_build(s, jury_id, NULL, out);
}

int svc_jury_doc_one(struct svc *s, int64_t jury_id, const char *ref, json_t **out)
{
	*out = NULL;
	if (!ref || !*ref)
		return svc_fail(s, SVC_NOTFOUND, "ref", NULL, "Indiquez le candidat.");
	return jury_doc_build(s, jury_id, ref, out);
}

/* What a member examines -------------------------------------------------------------- */

int svc_jury_candidate_file(struct svc *s, int64_t jury_id, const char *ref, json_t **out)
{
	struct jury_ctx c;
	struct cands a = { 0 };
	struct cert_cache cc = { 0 };
	struct cand *k;
	json_t *file = NULL, *doc = NULL;
	char code[JURY_ANON_LEN];
	int rc = -1;

	*out = NULL;
	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_READ) || jury_ctx_load(s, jury_id, JR_READ, &c) ||
	    cands_load(s, jury_id, &a) || !(k = cand_find(s, &c, &a, ref)) ||
	    !(file = reg_file(s, &cc, &k->r)))
		goto done;
	cand_code(k, code);
	doc = json_pack("{s:s, s:O, s:O, s:O, s:O}", "code", code, "registration", file,
		"competences", json_object_get(file, "competences"),
		"status", json_object_get(file, "status"),
		"status_label", json_object_get(file, "status_label"));
	if (c.anonymous) {
		/* R-JUR-10: nothing that names him, his company or his tutor */
		struct names x;
		json_t *reg = json_object_get(doc, "registration");
		json_t *co = json_object_get(reg, "company"), *vae = json_object_get(reg, "vae");
		json_object_del(reg, "id");
		json_object_del(reg, "tutor");
		json_object_del(reg, "training_body");
		json_object_del(reg, "accommodations");
		json_object_del(json_object_get(reg, "dossier"), "company_signatory");
		json_object_del(json_object_get(reg, "company_opinion"), "author_name");
		if (json_is_object(co)) {
			json_object_del(co, "name");
			json_object_del(co, "address");
			json_object_del(co, "siret");
		}
		if (json_is_object(vae))
			json_object_del(vae, "cerfa");
		names_of(&x, &k->r);
		mask_json(&x, doc);
		names_release(&x);
	} else {
		struct candidate *p = xcalloc(1, sizeof *p);
		if (store_candidate_get(s->st, k->r.candidate_id, p) != 1) {
			free(p);
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats impossible.");
			goto done;
		}
		json_object_set_new(doc, "id", json_integer(p->id));
		json_object_set_new(doc, "registration_id", json_integer(k->r.id));
		json_object_set_new(doc, "identity", json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			"birth_name", p->birth_name, "usage_name", p->usage_name,
			"first_names", p->first_names, "birth_date", p->birth_date,
			"birth_town", p->birth_town, "birth_department", p->birth_department));
		free(p);
	}
	*out = doc;
	doc = NULL;
	rc = 0;
done:
	json_decref(doc);
	json_decref(file);
	svc_cert_cache_release(&cc);
	free(a.v);
	jury_ctx_release(&c);
	return rc;
}
