/*
** Typed store operations of the evaluation (see store_eval.h).
*/
#include "store/store_eval.h"
#include "store/store_int.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The dossier ------------------------------------------------------------- */

void dossier_row_release(struct dossier_row *d)
{
	free(d->modalities);
	d->modalities = NULL;
}

static void dossier_read(const struct db_engine *eng, struct db_stmt *s,
	struct dossier_row *d)
{
	d->registration_id = CI(s, 0);
	d->modalities = xstrdup(CT(s, 1));
	store_copy(d->places, sizeof d->places, CT(s, 2));
	store_copy(d->period_start, sizeof d->period_start, CT(s, 3));
	store_copy(d->period_end, sizeof d->period_end, CT(s, 4));
	store_copy(d->agreed_by, sizeof d->agreed_by, CT(s, 5));
	store_copy(d->company_signatory, sizeof d->company_signatory, CT(s, 6));
	store_copy(d->centre_signatory, sizeof d->centre_signatory, CT(s, 7));
	store_copy(d->agreed_on, sizeof d->agreed_on, CT(s, 8));
	store_copy(d->updated_at, sizeof d->updated_at, CT(s, 9));
}

int store_dossier_get(struct store *st, int64_t registration_id, struct dossier_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOSSIER_GET);
	out->modalities = NULL;
	BI(s, 1, registration_id);
	ONE_ROW(eng, s, dossier_read, out);
}

int store_dossier_put(struct store *st, const struct dossier_row *d)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOSSIER_PUT);
	BI(s, 1, d->registration_id);
	BT(s, 2, d->modalities ? d->modalities : "{}");
	BT(s, 3, d->places);
	BT(s, 4, d->period_start);
	BT(s, 5, d->period_end);
	BT(s, 6, d->agreed_by);
	BT(s, 7, d->company_signatory);
	BT(s, 8, d->centre_signatory);
	BT(s, 9, d->agreed_on);
	BT(s, 10, d->updated_at);
	return store_write_done(eng, s);
}

/* The commission -------------------------------------------------------- */

int store_assign_insert(struct store *st, int64_t registration_id,
	int64_t account_id, const char *assigned_on)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ASSIGN_INSERT);
	BI(s, 1, registration_id);
	BI(s, 2, account_id);
	BT(s, 3, assigned_on);
	return store_write_done(eng, s);
}

int store_assign_delete(struct store *st, int64_t registration_id, int64_t account_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ASSIGN_DELETE);
	BI(s, 1, registration_id);
	BI(s, 2, account_id);
	return store_write_done(eng, s);
}

int store_assign_of_reg(struct store *st, int64_t registration_id,
	assignment_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ASSIGN_OF_REG);
	struct assignment_row *a = xmalloc(sizeof *a);
	int rc;
	BI(s, 1, registration_id);
	while ((rc = eng->step(s)) == DB_ROW) {
		a->account_id = CI(s, 0);
		store_copy(a->login, sizeof a->login, CT(s, 1));
		store_copy(a->name, sizeof a->name, CT(s, 2));
		store_copy(a->assigned_on, sizeof a->assigned_on, CT(s, 3));
		if (fn(arg, a))
			break;
	}
	eng->reset(s);
	free(a);
	return rc == DB_ERROR ? -1 : 0;
}

/* Results ----------------------------------------------------------------- */

static void eval_read(const struct db_engine *eng, struct db_stmt *s,
	struct eval_row *e)
{
	e->registration_id = CI(s, 0);
	e->evaluator_id = CI(s, 1);
	store_copy(e->competence, sizeof e->competence, CT(s, 2));
	store_copy(e->result, sizeof e->result, CT(s, 3));
	store_copy(e->modality, sizeof e->modality, CT(s, 4));
	store_copy(e->criteria, sizeof e->criteria, CT(s, 5));
	store_copy(e->appraisal, sizeof e->appraisal, CT(s, 6));
	store_copy(e->evaluated_on, sizeof e->evaluated_on, CT(s, 7));
	store_copy(e->evaluator_name, sizeof e->evaluator_name, CT(s, 8));
	store_copy(e->recorded_at, sizeof e->recorded_at, CT(s, 9));
}

int store_eval_get(struct store *st, int64_t registration_id,
	const char *competence, struct eval_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_EVAL_GET);
	BI(s, 1, registration_id);
	BT(s, 2, competence);
	ONE_ROW(eng, s, eval_read, out);
}

int store_eval_of_reg(struct store *st, int64_t registration_id,
	eval_row_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_EVAL_OF_REG);
	struct eval_row *e = xmalloc(sizeof *e);
	int rc;
	BI(s, 1, registration_id);
	while ((rc = eng->step(s)) == DB_ROW) {
		eval_read(eng, s, e);
		if (fn(arg, e))
			break;
	}
	eng->reset(s);
	free(e);
	return rc == DB_ERROR ? -1 : 0;
}

int store_eval_put(struct store *st, const struct eval_row *e)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_EVAL_PUT);
	BI(s, 1, e->registration_id);
	BT(s, 2, e->competence);
	BT(s, 3, e->result);
	BT(s, 4, e->modality);
	BT(s, 5, e->criteria);
	BT(s, 6, e->appraisal);
	BT(s, 7, e->evaluated_on);
	BI(s, 8, e->evaluator_id);
	BT(s, 9, e->evaluator_name);
	BT(s, 10, e->recorded_at);
	return store_write_done(eng, s);
}

/* The company's opinion --------------------------------------------------- */

static void opinion_read(const struct db_engine *eng, struct db_stmt *s,
	struct opinion_row *o)
{
	o->registration_id = CI(s, 0);
	store_copy(o->opinion, sizeof o->opinion, CT(s, 1));
	store_copy(o->author_name, sizeof o->author_name, CT(s, 2));
	store_copy(o->author_role, sizeof o->author_role, CT(s, 3));
	store_copy(o->given_on, sizeof o->given_on, CT(s, 4));
	store_copy(o->comment, sizeof o->comment, CT(s, 5));
	store_copy(o->recorded_at, sizeof o->recorded_at, CT(s, 6));
}

int store_opinion_get(struct store *st, int64_t registration_id, struct opinion_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_OPINION_GET);
	BI(s, 1, registration_id);
	ONE_ROW(eng, s, opinion_read, out);
}

int store_opinion_put(struct store *st, const struct opinion_row *o)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_OPINION_PUT);
	BI(s, 1, o->registration_id);
	BT(s, 2, o->opinion);
	BT(s, 3, o->author_name);
	BT(s, 4, o->author_role);
	BT(s, 5, o->given_on);
	BT(s, 6, o->comment);
	BT(s, 7, o->recorded_at);
	return store_write_done(eng, s);
}
