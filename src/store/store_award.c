/*
** Typed store operations of the awards and of the GTP's follow-up (see
** store_award.h).
*/
#include "store/store_int.h"
#include "store/store_award.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Steps a list statement through fn: 0 (also when fn stopped it), -1. */
#define EACH_ROW(eng, s, rowtype, read, fn, arg) do { \
	rowtype *row_ = xcalloc(1, sizeof *row_); \
	int rc_, stop_ = 0; \
	while (!stop_ && (rc_ = (eng)->step(s)) == DB_ROW) { \
		read((eng), (s), row_); \
		stop_ = (fn)((arg), row_); \
	} \
	(eng)->reset(s); \
	free(row_); \
	return stop_ || rc_ == DB_DONE ? 0 : -1; \
	} while (0)

static void jury_read(const struct db_engine *eng, struct db_stmt *s,
	struct award_jury_row *j)
{
	j->id = CI(s, 0);
	j->centre_id = CI(s, 1);
	store_copy(j->centre_code, sizeof j->centre_code, CT(s, 2));
	store_copy(j->centre_name, sizeof j->centre_name, CT(s, 3));
	j->centre_number = (int)CI(s, 4);
	store_copy(j->centre_city, sizeof j->centre_city, CT(s, 5));
	store_copy(j->centre_signatory, sizeof j->centre_signatory, CT(s, 6));
	store_copy(j->date, sizeof j->date, CT(s, 7));
	store_copy(j->place, sizeof j->place, CT(s, 8));
	store_copy(j->state, sizeof j->state, CT(s, 9));
	store_copy(j->signed_on, sizeof j->signed_on, CT(s, 10));
	store_copy(j->gtp_sent_on, sizeof j->gtp_sent_on, CT(s, 11));
	store_copy(j->gtp_attributed_on, sizeof j->gtp_attributed_on, CT(s, 12));
}

int store_award_jury(struct store *st, int64_t jury_id, struct award_jury_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_JURY);
	BI(s, 1, jury_id);
	ONE_ROW(eng, s, jury_read, out);
}

static void decision_read(const struct db_engine *eng, struct db_stmt *s,
	struct award_decision_row *d)
{
	d->id = CI(s, 0);
	d->jury_id = CI(s, 1);
	d->registration_id = CI(s, 2);
	store_copy(d->verdict, sizeof d->verdict, CT(s, 3));
	store_copy(d->state, sizeof d->state, CT(s, 4));
}

int store_award_decisions(struct store *st, int64_t jury_id,
	struct award_decision_row *v, int max)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_DECISIONS);
	int n = 0, rc;

	BI(s, 1, jury_id);
	while ((rc = eng->step(s)) == DB_ROW && n < max)
		decision_read(eng, s, &v[n++]);
	eng->reset(s);
	return rc == DB_ERROR || rc == DB_BUSY ? -1 : n;
}

int store_award_decision_get(struct store *st, int64_t id, struct award_decision_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_DECISION_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, decision_read, out);
}

int store_award_reg_close(struct store *st, int64_t id, const char *status,
	const char *updated_at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_REG_CLOSE);
	BI(s, 1, id);
	BT(s, 2, status);
	BT(s, 3, updated_at);
	return store_write_done(eng, s);
}

int store_award_acquired_put(struct store *st, const struct acquired_row *a)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_ACQUIRED_PUT);
	BI(s, 1, a->candidate_id);
	BI(s, 2, a->certification_id);
	BT(s, 3, a->unit);
	BT(s, 4, a->unit_kind);
	BT(s, 5, a->jury_date);
	BT(s, 6, a->kept_until);
	BT(s, 7, a->recorded_at);
	return store_write_done(eng, s);
}

int store_award_acquired_clear(struct store *st, int64_t candidate_id,
	int64_t certification_id, const char *jury_date)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AWARD_ACQUIRED_CLEAR);
	BI(s, 1, candidate_id);
	BI(s, 2, certification_id);
	BT(s, 3, jury_date);
	return store_write_done(eng, s);
}

static void counter_read(const struct db_engine *eng, struct db_stmt *s, char *last)
{
	store_copy(last, 20, CT(s, 0));
}

int store_cert_counter_get(struct store *st, int64_t centre_id, int year,
	char last[20])
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_COUNTER_GET);
	*last = 0;
	BI(s, 1, centre_id);
	BI(s, 2, year);
	ONE_ROW(eng, s, counter_read, last);
}

int store_cert_counter_put(struct store *st, int64_t centre_id, int year,
	const char *last)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_COUNTER_PUT);
	BI(s, 1, centre_id);
	BI(s, 2, year);
	BT(s, 3, last);
	return store_write_done(eng, s);
}

int store_certificate_insert(struct store *st, const struct certificate_row *c,
	int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_INSERT);
	BT(s, 1, c->number);
	BI(s, 2, c->centre_id);
	BI(s, 3, c->jury_id);
	BI(s, 4, c->registration_id);
	BI(s, 5, c->decision_id);
	BT(s, 6, c->kind);
	BT(s, 7, c->cert_code);
	BT(s, 8, c->cert_title);
	BT(s, 9, c->unit_code);
	BT(s, 10, c->unit_title);
	BT(s, 11, c->holder_name);
	BT(s, 12, c->jury_date);
	BT(s, 13, c->issued_on);
	BT(s, 14, c->created_at);
	return store_insert_id(eng, s, id);
}

static void certificate_read(const struct db_engine *eng, struct db_stmt *s,
	struct certificate_row *c)
{
	memset(c, 0, sizeof *c);
	c->id = CI(s, 0);
	store_copy(c->number, sizeof c->number, CT(s, 1));
	c->centre_id = CI(s, 2);
	c->jury_id = CI(s, 3);
	c->registration_id = CI(s, 4);
	c->decision_id = CI(s, 5);
	store_copy(c->kind, sizeof c->kind, CT(s, 6));
	store_copy(c->cert_code, sizeof c->cert_code, CT(s, 7));
	store_copy(c->cert_title, sizeof c->cert_title, CT(s, 8));
	store_copy(c->unit_code, sizeof c->unit_code, CT(s, 9));
	store_copy(c->unit_title, sizeof c->unit_title, CT(s, 10));
	store_copy(c->holder_name, sizeof c->holder_name, CT(s, 11));
	store_copy(c->jury_date, sizeof c->jury_date, CT(s, 12));
	store_copy(c->state, sizeof c->state, CT(s, 13));
	store_copy(c->issued_on, sizeof c->issued_on, CT(s, 14));
	store_copy(c->cancelled_on, sizeof c->cancelled_on, CT(s, 15));
	c->duplicates = (int)CI(s, 16);
	store_copy(c->last_duplicate_on, sizeof c->last_duplicate_on, CT(s, 17));
	store_copy(c->created_at, sizeof c->created_at, CT(s, 18));
}

static void certificate_full_read(const struct db_engine *eng, struct db_stmt *s,
	struct certificate_row *c)
{
	certificate_read(eng, s, c);
	c->candidate_id = CI(s, 19);
	c->certification_id = CI(s, 20);
	c->cert_version = (int)CI(s, 21);
	store_copy(c->first_names, sizeof c->first_names, CT(s, 22));
	store_copy(c->birth_name, sizeof c->birth_name, CT(s, 23));
	store_copy(c->usage_name, sizeof c->usage_name, CT(s, 24));
	store_copy(c->birth_date, sizeof c->birth_date, CT(s, 25));
	store_copy(c->birth_town, sizeof c->birth_town, CT(s, 26));
	store_copy(c->birth_department, sizeof c->birth_department, CT(s, 27));
	store_copy(c->centre_code, sizeof c->centre_code, CT(s, 28));
	store_copy(c->centre_name, sizeof c->centre_name, CT(s, 29));
	store_copy(c->centre_city, sizeof c->centre_city, CT(s, 30));
	store_copy(c->centre_signatory, sizeof c->centre_signatory, CT(s, 31));
	/* column 32 is the jury's date, the same as the stored jury_date */
	store_copy(c->jury_place, sizeof c->jury_place, CT(s, 33));
	store_copy(c->level, sizeof c->level, CT(s, 34));
	store_copy(c->rncp, sizeof c->rncp, CT(s, 35));
	store_copy(c->president, sizeof c->president, CT(s, 36));
}

int store_certificate_get(struct store *st, const char *number,
	struct certificate_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_GET);
	BT(s, 1, number);
	ONE_ROW(eng, s, certificate_full_read, out);
}

int store_certificate_of_jury_reg(struct store *st, int64_t jury_id,
	int64_t registration_id, certificate_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_OF_JURY_REG);
	BI(s, 1, jury_id);
	BI(s, 2, registration_id);
	EACH_ROW(eng, s, struct certificate_row, certificate_read, fn, arg);
}

int store_certificate_of_candidate(struct store *st, int64_t candidate_id,
	certificate_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_OF_CANDIDATE);
	BI(s, 1, candidate_id);
	EACH_ROW(eng, s, struct certificate_row, certificate_full_read, fn, arg);
}

int store_certificate_cancel(struct store *st, int64_t id, const char *date)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_CANCEL);
	BI(s, 1, id);
	BT(s, 2, date);
	return store_write_done(eng, s);
}

int store_certificate_duplicate(struct store *st, int64_t id, int duplicates,
	const char *date)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_DUPLICATE);
	BI(s, 1, id);
	BI(s, 2, duplicates);
	BT(s, 3, date);
	return store_write_done(eng, s);
}

static void public_read(const struct db_engine *eng, struct db_stmt *s,
	struct certificate_public *p)
{
	store_copy(p->number, sizeof p->number, CT(s, 0));
	store_copy(p->state, sizeof p->state, CT(s, 1));
	store_copy(p->kind, sizeof p->kind, CT(s, 2));
	store_copy(p->cert_title, sizeof p->cert_title, CT(s, 3));
	store_copy(p->holder_name, sizeof p->holder_name, CT(s, 4));
	store_copy(p->jury_date, sizeof p->jury_date, CT(s, 5));
	store_copy(p->centre_name, sizeof p->centre_name, CT(s, 6));
}

int store_certificate_verify(struct store *st, const char *number,
	struct certificate_public *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERTIFICATE_VERIFY);
	BT(s, 1, number);
	ONE_ROW(eng, s, public_read, out);
}

/* GTP ------------------------------------------------------------------------ */

static void gtp_jury_read(const struct db_engine *eng, struct db_stmt *s,
	struct gtp_jury_row *r)
{
	r->jury_id = CI(s, 0);
	r->centre_id = CI(s, 1);
	r->centre_code = CT(s, 2);
	r->centre_name = CT(s, 3);
	r->date = CT(s, 4);
	r->state = CT(s, 5);
	r->sent_on = CT(s, 6);
	r->attributed_on = CT(s, 7);
	r->corrective_open = (int)CI(s, 8);
}

int store_gtp_list(struct store *st, int64_t centre_id, const char *today,
	gtp_jury_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_LIST);
	BI(s, 1, centre_id);
	BT(s, 2, today);
	EACH_ROW(eng, s, struct gtp_jury_row, gtp_jury_read, fn, arg);
}

static int set_date(struct store *st, enum stmt id, int64_t jury_id,
	const char *date, const char *at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, id);
	BI(s, 1, jury_id);
	BT(s, 2, date);
	BT(s, 3, at);
	return store_write_done(eng, s);
}

int store_gtp_set_sent(struct store *st, int64_t jury_id, const char *date,
	const char *at)
{
	return set_date(st, ST_GTP_SET_SENT, jury_id, date, at);
}

int store_gtp_set_attributed(struct store *st, int64_t jury_id, const char *date,
	const char *at)
{
	return set_date(st, ST_GTP_SET_ATTRIBUTED, jury_id, date, at);
}

int store_gtp_corrective_insert(struct store *st, int64_t jury_id,
	const char *text, const char *date, const char *at, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_CORRECTIVE_INSERT);
	BI(s, 1, jury_id);
	BT(s, 2, text);
	BT(s, 3, date);
	BT(s, 4, at);
	return store_insert_id(eng, s, id);
}

static void corrective_read(const struct db_engine *eng, struct db_stmt *s,
	struct gtp_corrective_row *c)
{
	c->id = CI(s, 0);
	c->jury_id = CI(s, 1);
	store_copy(c->text, sizeof c->text, CT(s, 2));
	store_copy(c->state, sizeof c->state, CT(s, 3));
	store_copy(c->sent_on, sizeof c->sent_on, CT(s, 4));
	store_copy(c->followed_on, sizeof c->followed_on, CT(s, 5));
	store_copy(c->follow_up, sizeof c->follow_up, CT(s, 6));
	c->centre_id = CI(s, 7);
}

int store_gtp_corrective_get(struct store *st, int64_t id, struct gtp_corrective_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_CORRECTIVE_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, corrective_read, out);
}

int store_gtp_corrective_follow(struct store *st, int64_t id, const char *state,
	const char *date, const char *note)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_CORRECTIVE_FOLLOW);
	BI(s, 1, id);
	BT(s, 2, state);
	BT(s, 3, date);
	BT(s, 4, note);
	return store_write_done(eng, s);
}

int store_gtp_corrective_of_centre(struct store *st, int64_t centre_id,
	gtp_corrective_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_CORRECTIVE_OF_CENTRE);
	BI(s, 1, centre_id);
	EACH_ROW(eng, s, struct gtp_corrective_row, corrective_read, fn, arg);
}

static void withdrawal_read(const struct db_engine *eng, struct db_stmt *s,
	struct gtp_withdrawal_row *w)
{
	w->id = CI(s, 0);
	w->centre_id = CI(s, 1);
	store_copy(w->from_date, sizeof w->from_date, CT(s, 2));
	store_copy(w->until_date, sizeof w->until_date, CT(s, 3));
	store_copy(w->motive, sizeof w->motive, CT(s, 4));
}

int store_gtp_withdrawals(struct store *st, int64_t centre_id,
	gtp_withdrawal_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_WITHDRAWALS);
	BI(s, 1, centre_id);
	EACH_ROW(eng, s, struct gtp_withdrawal_row, withdrawal_read, fn, arg);
}

int store_gtp_withdrawal_insert(struct store *st, int64_t centre_id,
	const char *from, const char *motive, const char *at, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_WITHDRAWAL_INSERT);
	BI(s, 1, centre_id);
	BT(s, 2, from);
	BT(s, 3, motive);
	BT(s, 4, at);
	return store_insert_id(eng, s, id);
}

int store_gtp_withdrawal_close(struct store *st, int64_t id, const char *until)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_GTP_WITHDRAWAL_CLOSE);
	BI(s, 1, id);
	BT(s, 2, until);
	return store_write_done(eng, s);
}
