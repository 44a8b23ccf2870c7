/*
** The evaluation of a candidate (R-EVA-1, R-EVA-2, R-EVA-3, R-EVA-5,
** R-EVA-6): the evaluation dossier agreed for a registration, the members
** of its evaluation commission, the result of each competence and the
** company's opinion, and their section of the candidate's file. The rules
** are in core/evaluation.c and core/registration.c; this file validates
** the fields at the edge, checks the actor's rights and scope, loads what
** the rules need, stores and audits (old and new values on every
** replacement).
*/
#include "service/svc.h"
#include "service/svc_int.h"
#include "core/evaluation.h"
#include "core/identity.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/validate.h"
#include "store/store_eval.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(s, key, label, msg) do { const char *m_ = (msg); \
	if (m_) return svc_fail((s), SVC_INVALID, (key), NULL, "%s : %s.", (label), m_); \
	} while (0)

static const char *nz(const char *v)
{
	return v ? v : "";
}

static json_t *str_or_null(const char *v)
{
	return v && *v ? json_string(v) : json_null();
}

/* One competence of the registration's scope. */
struct scope_comp {
	const char *code, *title;          /* in the catalogue document */
	const char *block, *block_title;   /* "" for a CCPM */
	enum modality allowed[MOD__MAX];
	size_t nallowed;
	char kept_from[DATE_LEN];          /* jury that acquired its block, kept (R-LET-3), or "" */
};

/* What every operation loads: the registration, the referential of its
** version and the competences in its scope. */
struct eval_ctx {
	struct reg_row *reg;
	json_t *cert;
	struct scope_comp *comps;
	size_t n, cap;
	enum access_route route;
	enum cert_kind kind;
	enum origin origin;
	char today[DATE_LEN];
};

static void ctx_release(struct eval_ctx *c)
{
	free(c->reg);
	json_decref(c->cert);
	free(c->comps);
	memset(c, 0, sizeof *c);
}

/* The modality keys of a catalogue array into out (at most MOD__MAX). */
static size_t modalities_of(const json_t *arr, enum modality out[MOD__MAX])
{
	size_t i, n = 0;
	const json_t *v;
	json_array_foreach(arr, i, v) {
		int m = modality_from_key(json_string_value(v));
		int dup = 0;
		if (m < 0)
			continue;
		for (size_t k = 0; k < n; k++)
			dup |= out[k] == (enum modality)m;
		if (!dup && n < MOD__MAX)
			out[n++] = (enum modality)m;
	}
	return n;
}

static void scope_add(struct eval_ctx *c, const json_t *comp, const json_t *block)
{
	struct scope_comp *sc;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->comps = xrealloc(c->comps, c->cap * sizeof *c->comps);
	}
	sc = &c->comps[c->n++];
	memset(sc, 0, sizeof *sc);
	sc->code = jstr(comp, "code");
	sc->title = jstr(comp, "title");
	sc->block = block ? jstr(block, "code") : "";
	sc->block_title = block ? jstr(block, "title") : "";
	/* R-EVA-2: the competence's own modalities, or its block's */
	sc->nallowed = modalities_of(json_object_get(comp, "modalities"), sc->allowed);
	if (!sc->nallowed && block)
		sc->nallowed = modalities_of(json_object_get(block, "modalities"), sc->allowed);
}

struct kept_acc {
	struct eval_ctx *c;
};

/* R-LET-3: marks the competences of a block kept from an earlier jury. */
static int kept_collect(void *arg, const struct acquired_row *a)
{
	struct eval_ctx *c = ((struct kept_acc *)arg)->c;
	if (strcmp(a->unit_kind, "block") || strcmp(a->cert_code, c->reg->cert_code) ||
	    !acquired_kept_on(a->kept_until, c->today))
		return 0;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->comps[i].block, a->unit) && !c->comps[i].kept_from[0])
			snprintf(c->comps[i].kept_from, sizeof c->comps[i].kept_from, "%s", a->jury_date);
	return 0;
}

/* Loads registration rid, if the actor reaches it, and its scope into c;
** -1 with the result set. */
static int ctx_load(struct svc *s, int64_t rid, enum reg_reach reach, struct eval_ctx *c)
{
	const json_t *b, *comp;
	json_error_t jerr;
	char *text;
	size_t i, j;
	int v;
	struct kept_acc acc;

	memset(c, 0, sizeof *c);
	svc_today(s, c->today);
	c->reg = xcalloc(1, sizeof *c->reg);
	if (svc_reg_load(s, rid, reach, c->reg))
		return -1;
	text = store_cert_doc(s->st, c->reg->certification_id, c->reg->cert_version);
	c->cert = text ? json_loads(text, 0, &jerr) : NULL;
	free(text);
	if (!c->cert)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Référentiel de l'inscription illisible.");
	v = kind_from_code(c->reg->cert_kind);
	c->kind = v < 0 ? KIND_CQPM : (enum cert_kind)v;
	c->route = ROUTE_CONTINUING;
	for (int k = 0; k < ROUTE__MAX; k++)
		if (!strcmp(route_key((enum access_route)k), c->reg->route))
			c->route = (enum access_route)k;
	v = origin_from_code(c->reg->origin);
	c->origin = v < 0 ? ORIGIN_EMPLOYEE : (enum origin)v;
	/* the blocks in scope and their competences, or a CCPM's competences
	** (as the candidate's file lists them, svc_file.c) */
	json_array_foreach(json_object_get(c->cert, "blocks"), i, b) {
		if (!registration_has_block(c->reg->blocks, jstr(b, "code")))
			continue;
		json_array_foreach(json_object_get(b, "competences"), j, comp)
			scope_add(c, comp, b);
	}
	if (!c->n)
		json_array_foreach(json_object_get(c->cert, "competences"), i, comp)
			scope_add(c, comp, NULL);
	acc.c = c;
	if (store_acquired_of_candidate(s->st, c->reg->candidate_id, kept_collect, &acc))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des acquis impossible.");
	return 0;
}

static const struct scope_comp *scope_find(const struct eval_ctx *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->comps[i].code, code))
			return &c->comps[i];
	return NULL;
}

static void object_of(const struct reg_row *r, char out[48])
{
	snprintf(out, 48, "candidat:%lld", (long long)r->candidate_id);
}

/* The dossier --------------------------------------------------------------- */

/* The dossier as the candidate's file shows it. */
static json_t *dossier_json(const struct dossier_row *d)
{
	json_error_t jerr;
	json_t *mod = d->modalities ? json_loads(d->modalities, 0, &jerr) : NULL;
	int p = party_from_code(d->agreed_by);

	if (!json_is_object(mod)) {
		json_decref(mod);
		mod = json_object();
	}
	return json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}",
		"modalities", mod, "places", d->places, "period_start", d->period_start,
		"period_end", d->period_end, "agreed_by", d->agreed_by,
		"agreed_by_label", p < 0 ? "" : party_label((enum modality_party)p),
		"company_signatory", str_or_null(d->company_signatory),
		"centre_signatory", d->centre_signatory, "agreed_on", d->agreed_on);
}

/* The modalities the dossier d chose for competence code into out. */
static size_t dossier_chosen(const struct dossier_row *d, const char *code,
	enum modality out[MOD__MAX])
{
	json_error_t jerr;
	json_t *mod = d->modalities ? json_loads(d->modalities, 0, &jerr) : NULL;
	size_t n = modalities_of(json_object_get(mod, code), out);
	json_decref(mod);
	return n;
}

/* Modalities one typed choice may list (the core refuses any twice). */
#define CHOICE_MAX 16

/* One typed choice's modality keys into out; -1 with the result set. */
static int choice_parse(struct svc *s, const struct dossier_choice *ch,
	enum modality out[CHOICE_MAX], size_t *n)
{
	char *copy, *save = NULL, *w, field[96];
	int rc = 0;

	*n = 0;
	snprintf(field, sizeof field, "modalities.%.40s", nz(ch->competence));
	if (v_text(ch->modalities, 200, 1))
		return svc_fail(s, SVC_INVALID, field, NULL,
			"Modalités de la compétence %.40s : texte invalide ou trop long.", nz(ch->competence));
	copy = xstrdup(nz(ch->modalities));
	for (w = strtok_r(copy, " ,;", &save); w; w = strtok_r(NULL, " ,;", &save)) {
		int m = modality_from_key(w);
		if (m < 0) {
			rc = svc_fail(s, SVC_INVALID, field, NULL,
				"Modalité « %.40s » inconnue pour la compétence %.40s : real_situation, project_presentation ou reconstituted_situation.",
				w, nz(ch->competence));
			break;
		}
		if (*n == CHOICE_MAX) {
			rc = svc_fail(s, SVC_INVALID, field, NULL,
				"Modalités de la compétence %.40s : %d au plus.", nz(ch->competence),
				CHOICE_MAX);
			break;
		}
		out[(*n)++] = (enum modality)m;
	}
	free(copy);
	return rc;
}

/* The stored modalities: {"C1": ["real_situation", …], …} in scope order. */
static char *modalities_text(const struct competence_modalities *cm, size_t n)
{
	json_t *o = json_object();
	char *text;
	for (size_t i = 0; i < n; i++) {
		json_t *a = json_array();
		for (size_t k = 0; k < cm[i].nchosen; k++)
			json_array_append_new(a, json_string(modality_key(cm[i].chosen[k])));
		json_object_set_new(o, cm[i].code, a);
	}
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text;
}

struct eval_keep {
	struct svc *s;
	const struct competence_modalities *cm;
	size_t n;
	int refused;
};

/* R-EVA-2: a competence already evaluated keeps the modality it was
** evaluated by in a new agreement. */
static int eval_keep_check(void *arg, const struct eval_row *e)
{
	struct eval_keep *k = arg;
	int m = modality_from_key(e->modality);
	char field[96];
	for (size_t i = 0; i < k->n; i++) {
		if (strcmp(k->cm[i].code, e->competence))
			continue;
		for (size_t j = 0; j < k->cm[i].nchosen; j++)
			if ((int)k->cm[i].chosen[j] == m)
				return 0;
		snprintf(field, sizeof field, "modalities.%s", e->competence);
		svc_fail(k->s, SVC_RULE, field, "R-EVA-2",
			"La compétence %s a déjà été évaluée selon la modalité « %s » : le nouveau dossier doit conserver cette modalité.",
			e->competence, m < 0 ? e->modality : modality_label((enum modality)m));
		k->refused = 1;
		return 1;
	}
	return 0;
}

int svc_dossier_agree(struct svc *s, int64_t registration_id,
	const struct dossier_in *d)
{
	struct eval_ctx c;
	struct dossier_row *row = NULL, *old = NULL;
	struct competence_modalities *cm = NULL;
	enum modality (*chosen)[CHOICE_MAX] = NULL;
	size_t *nchosen = NULL, ncm = 0;
	struct dossier_agreement ag;
	struct rule_error err;
	struct eval_keep keep;
	char object[48];
	int found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (!perm_allows(s->actor.role, PERM_DOSSIER_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification convient du dossier d'évaluation d'un candidat.");
	if (d->nchoices > DOSSIER_MAX_CHOICES || (d->nchoices && !d->choices))
		return svc_fail(s, SVC_INVALID, "modalities", NULL,
			"Modalités : %d compétences au plus.", DOSSIER_MAX_CHOICES);
	chosen = xcalloc(d->nchoices ? d->nchoices : 1, sizeof *chosen);
	nchosen = xcalloc(d->nchoices ? d->nchoices : 1, sizeof *nchosen);
	for (size_t i = 0; i < d->nchoices; i++) {
		const char *m = v_text(d->choices[i].competence, 40, 0);
		if (m) {
			svc_fail(s, SVC_INVALID, "modalities", NULL, "Compétence : %s.", m);
			goto out;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(d->choices[k].competence, d->choices[i].competence)) {
				svc_fail(s, SVC_INVALID, "modalities", NULL,
					"Modalités : la compétence %s est donnée deux fois.", d->choices[i].competence);
				goto out;
			}
		if (choice_parse(s, &d->choices[i], chosen[i], &nchosen[i]))
			goto out;
	}
	if (svc_begin(s))
		goto out;
	if (ctx_load(s, registration_id, REACH_CENTRE, &c) ||
	    svc_reg_open(s, c.reg, "son dossier d'évaluation ne peut plus être modifié"))
		goto rollback;
	/* every choice names a competence of the registration's scope */
	for (size_t i = 0; i < d->nchoices; i++)
		if (!scope_find(&c, d->choices[i].competence)) {
			char field[96];
			snprintf(field, sizeof field, "modalities.%s", d->choices[i].competence);
			svc_fail(s, SVC_RULE, field, "R-EVA-1",
				"La compétence %s n'appartient pas au périmètre de l'inscription (%s%s%s) : le dossier d'évaluation ne la couvre pas.",
				d->choices[i].competence, c.reg->cert_code, *c.reg->blocks ? ", blocs " : "",
				c.reg->blocks);
			goto rollback;
		}
	if (!c.n) {
		svc_fail(s, SVC_RULE, "modalities", "R-EVA-1",
			"Le référentiel de la certification %s ne décrit aucune compétence : le dossier d'évaluation ne peut pas être convenu.",
			c.reg->cert_code);
		goto rollback;
	}
	/* R-EVA-2: each competence to evaluate, with its allowed modalities
	** and those chosen; a competence of a kept block (R-LET-3) is not to
	** be evaluated and needs none, but what is chosen for it is checked */
	cm = xcalloc(c.n, sizeof *cm);
	for (size_t i = 0; i < c.n; i++) {
		const struct scope_comp *sc = &c.comps[i];
		size_t k;
		for (k = 0; k < d->nchoices; k++)
			if (!strcmp(d->choices[k].competence, sc->code))
				break;
		if (k == d->nchoices && sc->kept_from[0])
			continue;
		cm[ncm].code = sc->code;
		cm[ncm].allowed = sc->allowed;
		cm[ncm].nallowed = sc->nallowed;
		cm[ncm].chosen = k < d->nchoices ? chosen[k] : NULL;
		cm[ncm].nchosen = k < d->nchoices ? nchosen[k] : 0;
		ncm++;
	}
	if (!ncm) {
		svc_fail(s, SVC_RULE, "modalities", "R-LET-3",
			"Tous les blocs de l'inscription sont acquis d'un jury antérieur et conservés : il n'y a rien à évaluer.");
		goto rollback;
	}
	if (dossier_modalities_check(cm, ncm, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	keep.s = s;
	keep.cm = cm;
	keep.n = ncm;
	keep.refused = 0;
	if (store_eval_of_reg(s->st, registration_id, eval_keep_check, &keep) || keep.refused) {
		if (!keep.refused)
			svc_store_failed(s, -1, "Lecture des évaluations");
		goto rollback;
	}
	/* R-EVA-1, R-EVA-2: where, when, who agreed */
	memset(&ag, 0, sizeof ag);
	ag.party = modalities_agreed_by(c.route, c.origin, c.reg->without_agreement);
	ag.registered_on = c.reg->registered_on;
	ag.today = c.today;
	ag.places = nz(d->places);
	ag.period_start = nz(d->period_start);
	ag.period_end = nz(d->period_end);
	ag.agreed_on = nz(d->agreed_on);
	ag.centre_signatory = nz(d->centre_signatory);
	ag.company_signatory = nz(d->company_signatory);
	if (dossier_agreement_check(&ag, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	row = xcalloc(1, sizeof *row);
	old = xcalloc(1, sizeof *old);
	found = store_dossier_get(s->st, registration_id, old);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture du dossier d'évaluation");
		goto rollback;
	}
	row->registration_id = registration_id;
	row->modalities = modalities_text(cm, ncm);
	snprintf(row->places, sizeof row->places, "%s", ag.places);
	snprintf(row->period_start, sizeof row->period_start, "%s", ag.period_start);
	snprintf(row->period_end, sizeof row->period_end, "%s", ag.period_end);
	snprintf(row->agreed_by, sizeof row->agreed_by, "%s", party_code(ag.party));
	snprintf(row->company_signatory, sizeof row->company_signatory, "%s", ag.company_signatory);
	snprintf(row->centre_signatory, sizeof row->centre_signatory, "%s", ag.centre_signatory);
	snprintf(row->agreed_on, sizeof row->agreed_on, "%s", ag.agreed_on);
	svc_now_iso(s, row->updated_at);
	if ((wrc = store_dossier_put(s->st, row))) {
		svc_store_failed(s, wrc, "Enregistrement du dossier d'évaluation");
		goto rollback;
	}
	object_of(c.reg, object);
	rc = svc_commit_audit(s, "evaluation.dossier", object,
		json_pack("{s:I, s:o, s:o}", "registration", (json_int_t)registration_id,
			"old", found ? dossier_json(old) : json_null(), "new", dossier_json(row)));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	if (row)
		dossier_row_release(row);
	if (old)
		dossier_row_release(old);
	free(row);
	free(old);
	free(cm);
	free(chosen);
	free(nchosen);
	ctx_release(&c);
	return rc;
}

/* The commission ------------------------------------------------------------- */

static int count_member(void *arg, const struct assignment_row *a)
{
	(void)a;
	(*(int *)arg)++;
	return 0;
}

/* The account of login, an evaluator of the registration's centre. */
static int evaluator_of(struct svc *s, const struct reg_row *r, const char *login,
	struct account *a)
{
	int found = store_account_by_login(s->st, login, a);
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	/* centre staff do not learn of other centres' accounts */
	if (!found || (!role_is_national(s->actor.role) && a->centre_id != s->actor.centre_id))
		return svc_fail(s, SVC_NOTFOUND, "login", NULL, "Aucun compte « %s » dans votre centre.",
			login);
	/* R-EVA-5: the commission's members are the centre's evaluators */
	if (a->role != ROLE_EVALUATOR)
		return svc_fail(s, SVC_RULE, "login", "R-EVA-5",
			"Le compte « %s » n'est pas celui d'un membre de commission d'évaluation (rôle « %s ») : seul un évaluateur peut être affecté.",
			login, nz(role_label((enum role)a->role)));
	if (a->centre_id != r->centre_id)
		return svc_fail(s, SVC_RULE, "login", "R-EVA-5",
			"L'évaluateur « %s » est rattaché au centre %s : la commission d'évaluation d'une inscription au centre %s est composée de ses évaluateurs.",
			login, a->centre_code, r->centre_code);
	return 0;
}

/* assign: 1 to add login, 0 to remove it. */
static int commission_change(struct svc *s, int64_t registration_id,
	const char *login, int assign, int *members)
{
	struct reg_row *r = xcalloc(1, sizeof *r);
	struct account *a = xcalloc(1, sizeof *a);
	char today[DATE_LEN], object[48];
	const char *m;
	int found, n = 0, rc = -1, wrc;

	if (!perm_allows(s->actor.role, PERM_DOSSIER_WRITE)) {
		svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification compose la commission d'évaluation d'un candidat.");
		goto out;
	}
	if ((m = v_login(nz(login)))) {
		svc_fail(s, SVC_INVALID, "login", NULL, "Identifiant de l'évaluateur : %s.", m);
		goto out;
	}
	if (svc_begin(s))
		goto out;
	if (svc_reg_load(s, registration_id, REACH_CENTRE, r) ||
	    svc_reg_open(s, r, "sa commission d'évaluation ne peut plus être modifiée"))
		goto rollback;
	if (assign) {
		if (evaluator_of(s, r, login, a))
			goto rollback;
		found = store_assigned(s->st, registration_id, a->id);
	} else {
		/* only the registration's centre's evaluators are ever assigned */
		found = store_account_by_login(s->st, login, a);
		if (found > 0)
			found = store_assigned(s->st, registration_id, a->id);
	}
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture de la commission");
		goto rollback;
	}
	if (assign && found) {
		svc_fail(s, SVC_CONFLICT, "login", NULL,
			"« %s » est déjà membre de la commission d'évaluation de cette inscription.", login);
		goto rollback;
	}
	if (!assign && !found) {
		svc_fail(s, SVC_NOTFOUND, "login", NULL,
			"« %s » n'est pas membre de la commission d'évaluation de cette inscription.", login);
		goto rollback;
	}
	svc_today(s, today);
	wrc = assign ? store_assign_insert(s->st, registration_id, a->id, today) :
		store_assign_delete(s->st, registration_id, a->id);
	if (wrc == STORE_CONFLICT) {
		svc_fail(s, SVC_CONFLICT, "login", NULL,
			"« %s » est déjà membre de la commission d'évaluation de cette inscription.", login);
		goto rollback;
	}
	if (wrc) {
		svc_store_failed(s, wrc, "Mise à jour de la commission d'évaluation");
		goto rollback;
	}
	if (store_assign_of_reg(s->st, registration_id, count_member, &n)) {
		svc_store_failed(s, -1, "Lecture de la commission");
		goto rollback;
	}
	object_of(r, object);
	rc = svc_commit_audit(s, assign ? "evaluation.assign" : "evaluation.unassign", object,
		json_pack("{s:I, s:s, s:s, s:i}", "registration", (json_int_t)registration_id,
			"login", a->login, "name", a->name, "members", n));
	if (!rc && members)
		*members = n;
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	free(r);
	free(a);
	return rc;
}

int svc_eval_assign(struct svc *s, int64_t registration_id, const char *login,
	int *members)
{
	return commission_change(s, registration_id, login, 1, members);
}

int svc_eval_unassign(struct svc *s, int64_t registration_id, const char *login,
	int *members)
{
	return commission_change(s, registration_id, login, 0, members);
}

/* Results ------------------------------------------------------------------ */

static json_t *eval_json(const struct eval_row *e)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "result", e->result,
		"modality", e->modality, "criteria", e->criteria, "appraisal", e->appraisal,
		"evaluated_on", e->evaluated_on, "evaluator", e->evaluator_name);
}

/* A text area's value fits its column (bytes) as well as its limit
** (characters). */
static int long_field(struct svc *s, const char *key, const char *label,
	const char *v, size_t max, int optional, size_t bytes)
{
	const char *m = v_long_text(v, max, optional);
	if (!m && v && strlen(v) >= bytes)
		m = "texte trop long";
	if (m)
		return svc_fail(s, SVC_INVALID, key, NULL, "%s : %s (%zu caractères au plus).",
			label, m, max);
	return 0;
}

int svc_eval_record(struct svc *s, int64_t registration_id,
	const struct evaluation_in *in)
{
	struct eval_ctx c;
	struct dossier_row *dos = NULL;
	struct eval_row *row = NULL, *old = NULL;
	struct evaluation_record er;
	struct rule_error err;
	enum modality chosen[MOD__MAX];
	const struct scope_comp *sc;
	char object[48];
	int res, mod, found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (!perm_allows(s->actor.role, PERM_EVALUATE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls les membres de la commission d'évaluation et le centre de certification enregistrent les résultats des évaluations.");
	FIELD(s, "competence", "Compétence", v_text(in->competence, 40, 0));
	res = comp_result_from_code(nz(in->result));
	if (res != RES_ACQUIRED && res != RES_NOT_ACQUIRED)
		return svc_fail(s, SVC_INVALID, "result", NULL,
			"Résultat : acquired (acquise) ou not_acquired (non acquise).");
	mod = modality_from_key(nz(in->modality));
	if (mod < 0)
		return svc_fail(s, SVC_INVALID, "modality", NULL,
			"Modalité d'évaluation : real_situation, project_presentation ou reconstituted_situation.");
	if (long_field(s, "criteria", "Critères observés", in->criteria, EVAL_CRITERIA_MAX, 0,
	    sizeof row->criteria) ||
	    long_field(s, "appraisal", "Appréciation", in->appraisal, EVAL_APPRAISAL_MAX, 0,
	    sizeof row->appraisal))
		return -1;
	FIELD(s, "date", "Date de l'évaluation", v_date(nz(in->date)));
	if (svc_begin(s))
		return -1;
	/* R-EVA-5: the commission's members assigned to this registration, or
	** the centre */
	if (ctx_load(s, registration_id,
	    s->actor.role == ROLE_EVALUATOR ? REACH_ANY : REACH_CENTRE, &c))
		goto rollback;
	if (s->actor.role == ROLE_EVALUATOR) {
		found = c.reg->centre_id == s->actor.centre_id && s->actor.user_id ?
			store_assigned(s->st, registration_id, s->actor.user_id) : 0;
		if (found <= 0) {
			if (found < 0)
				svc_store_failed(s, -1, "Lecture de la commission");
			else
				svc_fail(s, SVC_DENIED, "registration", "R-EVA-5",
					"Vous n'êtes pas membre de la commission d'évaluation de l'inscription n° %lld : vous ne pouvez pas en enregistrer les résultats.",
					(long long)registration_id);
			goto rollback;
		}
	}
	if (svc_reg_open(s, c.reg, "ses résultats ne peuvent plus être modifiés"))
		goto rollback;
	sc = scope_find(&c, in->competence);
	if (!sc) {
		svc_fail(s, SVC_INVALID, "competence", NULL,
			"La compétence %.40s n'appartient pas au périmètre de l'inscription (%s%s%s).",
			in->competence, c.reg->cert_code, *c.reg->blocks ? ", blocs " : "", c.reg->blocks);
		goto rollback;
	}
	if (sc->kept_from[0]) {
		char d1[DATE_LEN];
		svc_fail(s, SVC_RULE, "competence", "R-LET-3",
			"Le bloc %s a été acquis au jury du %s et reste conservé : la compétence %s n'est pas à évaluer.",
			sc->block, date_fr(sc->kept_from, d1), sc->code);
		goto rollback;
	}
	dos = xcalloc(1, sizeof *dos);
	found = store_dossier_get(s->st, registration_id, dos);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture du dossier d'évaluation");
		goto rollback;
	}
	memset(&er, 0, sizeof er);
	er.competence = sc->code;
	er.result = (enum comp_result)res;
	er.modality = (enum modality)mod;
	er.dossier_agreed = found;
	er.chosen = chosen;
	er.nchosen = found ? dossier_chosen(dos, sc->code, chosen) : 0;
	er.registered_on = c.reg->registered_on;
	er.date = in->date;
	er.today = c.today;
	if (evaluation_record_check(&er, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	row = xcalloc(1, sizeof *row);
	old = xcalloc(1, sizeof *old);
	row->registration_id = registration_id;
	row->evaluator_id = s->actor.user_id;
	snprintf(row->competence, sizeof row->competence, "%s", sc->code);
	snprintf(row->result, sizeof row->result, "%s", comp_result_code((enum comp_result)res));
	snprintf(row->modality, sizeof row->modality, "%s", modality_key((enum modality)mod));
	snprintf(row->criteria, sizeof row->criteria, "%s", in->criteria);
	snprintf(row->appraisal, sizeof row->appraisal, "%s", in->appraisal);
	snprintf(row->evaluated_on, sizeof row->evaluated_on, "%s", in->date);
	snprintf(row->evaluator_name, sizeof row->evaluator_name, "%s", s->actor.login);
	if (s->actor.user_id) {
		struct account *a = xcalloc(1, sizeof *a);
		if (store_account_by_id(s->st, s->actor.user_id, a) == 1 && a->name[0])
			snprintf(row->evaluator_name, sizeof row->evaluator_name, "%s", a->name);
		free(a);
	}
	svc_now_iso(s, row->recorded_at);
	found = store_eval_get(s->st, registration_id, sc->code, old);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture des évaluations");
		goto rollback;
	}
	if ((wrc = store_eval_put(s->st, row))) {
		svc_store_failed(s, wrc, "Enregistrement du résultat");
		goto rollback;
	}
	object_of(c.reg, object);
	rc = svc_commit_audit(s, "evaluation.record", object,
		json_pack("{s:I, s:s, s:o, s:o}", "registration", (json_int_t)registration_id,
			"competence", sc->code, "old", found ? eval_json(old) : json_null(),
			"new", eval_json(row)));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	if (dos)
		dossier_row_release(dos);
	free(dos);
	free(row);
	free(old);
	ctx_release(&c);
	return rc;
}

/* The company's opinion --------------------------------------------------- */

static json_t *opinion_json(const struct opinion_row *o)
{
	int op = opinion_from_code(o->opinion), au = opinion_author_from_code(o->author_role);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "opinion", o->opinion,
		"opinion_label", op < 0 ? "" : opinion_label((enum opinion)op),
		"author_name", o->author_name, "author_role", o->author_role,
		"author_role_label", au < 0 ? "" : opinion_author_label((enum opinion_author)au),
		"given_on", o->given_on, "comment", o->comment);
}

int svc_opinion_record(struct svc *s, int64_t registration_id,
	const struct opinion_in *in)
{
	struct eval_ctx c;
	struct opinion_row *row = NULL, *old = NULL;
	struct rule_error err;
	char object[48], d1[DATE_LEN], d2[DATE_LEN];
	int op, au, found, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (!perm_allows(s->actor.role, PERM_DOSSIER_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification enregistre l'avis de l'entreprise.");
	op = opinion_from_code(nz(in->opinion));
	if (op < 0)
		return svc_fail(s, SVC_INVALID, "opinion", NULL,
			"Avis : favourable (favorable), reserved (réservé) ou unfavourable (défavorable).");
	FIELD(s, "author_name", "Auteur de l'avis", v_text(in->author_name, EVAL_SIGNATORY_MAX, 0));
	au = opinion_author_from_code(nz(in->author_role));
	if (au < 0)
		return svc_fail(s, SVC_INVALID, "author_role", NULL,
			"Qualité de l'auteur : tutor (tuteur) ou manager (responsable hiérarchique).");
	FIELD(s, "date", "Date de l'avis", v_date(nz(in->date)));
	if (long_field(s, "comment", "Commentaire", in->comment, EVAL_COMMENT_MAX, 1,
	    sizeof row->comment))
		return -1;
	if (svc_begin(s))
		return -1;
	if (ctx_load(s, registration_id, REACH_CENTRE, &c) ||
	    svc_reg_open(s, c.reg, "l'avis de l'entreprise ne peut plus être modifié"))
		goto rollback;
	/* R-EVA-3: no opinion for a VAE, a CCPM, an employee without his
	** employer's agreement */
	if (company_opinion_record_check(c.route, c.kind, c.reg->without_agreement, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	if (strcmp(in->date, c.reg->registered_on) < 0) {
		svc_fail(s, SVC_RULE, "date", "R-EVA-3",
			"L'avis de l'entreprise porte sur le parcours engagé par l'inscription du %s : il ne peut pas être daté du %s.",
			date_fr(c.reg->registered_on, d1), date_fr(in->date, d2));
		goto rollback;
	}
	if (strcmp(in->date, c.today) > 0) {
		svc_fail(s, SVC_INVALID, "date",
			NULL, "Date de l'avis : un avis ne peut pas être daté d'un jour à venir.");
		goto rollback;
	}
	row = xcalloc(1, sizeof *row);
	old = xcalloc(1, sizeof *old);
	found = store_opinion_get(s->st, registration_id, old);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture de l'avis de l'entreprise");
		goto rollback;
	}
	row->registration_id = registration_id;
	snprintf(row->opinion, sizeof row->opinion, "%s", opinion_code((enum opinion)op));
	snprintf(row->author_name, sizeof row->author_name, "%s", in->author_name);
	snprintf(row->author_role, sizeof row->author_role, "%s",
		opinion_author_code((enum opinion_author)au));
	snprintf(row->given_on, sizeof row->given_on, "%s", in->date);
	snprintf(row->comment, sizeof row->comment, "%s", nz(in->comment));
	svc_now_iso(s, row->recorded_at);
	if ((wrc = store_opinion_put(s->st, row))) {
		svc_store_failed(s, wrc, "Enregistrement de l'avis de l'entreprise");
		goto rollback;
	}
	object_of(c.reg, object);
	rc = svc_commit_audit(s, "evaluation.opinion", object,
		json_pack("{s:I, s:o, s:o}", "registration", (json_int_t)registration_id,
			"old", found ? opinion_json(old) : json_null(), "new", opinion_json(row)));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	free(row);
	free(old);
	ctx_release(&c);
	return rc;
}

/* What the forms need ----------------------------------------------------- */

int svc_eval_scope(struct svc *s, int64_t registration_id, json_t **out)
{
	struct eval_ctx c;
	struct rule_error err;
	enum modality_party party;
	json_t *comps;
	int required;

	*out = NULL;
	if (!perm_allows(s->actor.role, PERM_CANDIDATE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux candidats.");
	if (ctx_load(s, registration_id, REACH_SEE, &c))
		goto fail;
	party = modalities_agreed_by(c.route, c.origin, c.reg->without_agreement);
	required = company_opinion_required(c.route, c.kind, c.reg->without_agreement);
	rule_error_clear(&err);
	company_opinion_record_check(c.route, c.kind, c.reg->without_agreement, &err);
	comps = json_array();
	for (size_t i = 0; i < c.n; i++) {
		const struct scope_comp *sc = &c.comps[i];
		json_t *allowed = json_array();
		for (size_t k = 0; k < sc->nallowed; k++)
			json_array_append_new(allowed, json_string(modality_key(sc->allowed[k])));
		json_array_append_new(comps, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}",
			"code", sc->code, "title", sc->title, "block", sc->block,
			"block_title", sc->block_title, "allowed", allowed,
			"kept_from_jury", str_or_null(sc->kept_from)));
	}
	*out = json_pack("{s:I, s:I, s:s, s:s, s:b, s:o, s:i, s:o}",
		"registration", (json_int_t)registration_id,
		"candidate", (json_int_t)c.reg->candidate_id,
		"agreed_by", party_code(party), "agreed_by_label", party_label(party),
		"company_opinion_required", required,
		"company_opinion_reason", required ? json_null() : json_string(err.message),
		"commission_min", COMMISSION_MIN_MEMBERS, "competences", comps);
	ctx_release(&c);
	return 0;
fail:
	ctx_release(&c);
	return -1;
}

int svc_eval_registration(struct svc *s, int64_t registration_id, json_t **out)
{
	json_t *scope, *doc, *reg;
	const json_t *v;
	size_t i;

	*out = NULL;
	if (svc_eval_scope(s, registration_id, &scope))
		return -1;
	if (svc_candidate_doc(s, json_integer_value(json_object_get(scope, "candidate")), &doc)) {
		json_decref(scope);
		return -1;
	}
	reg = NULL;
	json_array_foreach(json_object_get(doc, "registrations"), i, v)
		if (json_integer_value(json_object_get(v, "id")) == registration_id)
			reg = json_incref((json_t *)v);
	json_decref(doc);
	if (!reg) {
		json_decref(scope);
		return svc_fail(s, SVC_NOTFOUND, "registration", NULL,
			"Aucune inscription n° %lld parmi celles que vous suivez.", (long long)registration_id);
	}
	*out = json_pack("{s:o, s:o}", "registration", reg, "scope", scope);
	return 0;
}

/* The section of the candidate's file ---------------------------------------- */

static int member_json(void *arg, const struct assignment_row *a)
{
	json_array_append_new((json_t *)arg, json_pack("{s:s, s:s, s:s}", "login", a->login,
		"name", a->name, "assigned_on", a->assigned_on));
	return 0;
}

int svc_file_eval(struct svc *s, const struct reg_row *r, json_t *out)
{
	struct dossier_row *d = xcalloc(1, sizeof *d);
	struct opinion_row *o = xcalloc(1, sizeof *o);
	json_t *members = json_array();
	const json_t *comp;
	size_t i;
	int fd, fo, complete;

	fd = store_dossier_get(s->st, r->id, d);
	fo = fd < 0 ? -1 : store_opinion_get(s->st, r->id, o);
	if (fd < 0 || fo < 0 || store_assign_of_reg(s->st, r->id, member_json, members)) {
		dossier_row_release(d);
		free(d);
		free(o);
		json_decref(members);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture de l'évaluation impossible.");
	}
	json_object_set_new(out, "dossier", fd ? dossier_json(d) : json_null());
	json_object_set_new(out, "evaluators", members);
	json_object_set_new(out, "company_opinion", fo ? opinion_json(o) : json_null());
	/* every competence in scope has a result (or its block is kept from an
	** earlier jury, R-LET-3) and, where it is part of the evaluation, the
	** company's opinion is in (R-EVA-3) */
	complete = json_array_size(json_object_get(out, "competences")) > 0;
	json_array_foreach(json_object_get(out, "competences"), i, comp)
		if (!strcmp(jstr(comp, "result"), "not_evaluated") &&
		    !json_object_get(comp, "kept_from_jury"))
			complete = 0;
	if (json_is_true(json_object_get(out, "company_opinion_required")) && !fo)
		complete = 0;
	json_object_set_new(out, "evaluations_complete", json_boolean(complete));
	dossier_row_release(d);
	free(d);
	free(o);
	return 0;
}
