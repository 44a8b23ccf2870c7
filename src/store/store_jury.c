/*
** Typed store operations of the jury paritaire (see store_jury.h).
*/
#include "store/store_jury.h"
#include "store/store_int.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Steps s row by row into read then fn; 0 or -1. */
#define EACH_ROW(eng, s, T, read, fn, arg) do { \
	T *row_ = xcalloc(1, sizeof *row_); \
	int rc_; \
	while ((rc_ = (eng)->step(s)) == DB_ROW) { \
		read((eng), (s), row_); \
		if ((fn)((arg), row_)) \
			break; \
	} \
	(eng)->reset(s); \
	free(row_); \
	return rc_ == DB_ERROR || rc_ == DB_BUSY ? -1 : 0; \
	} while (0)

/* Unions ------------------------------------------------------------------- */

static void union_read(const struct db_engine *eng, struct db_stmt *s, struct union_row *u)
{
	store_copy(u->code, sizeof u->code, CT(s, 0));
	store_copy(u->name, sizeof u->name, CT(s, 1));
	store_copy(u->email, sizeof u->email, CT(s, 2));
	u->representative = (int)CI(s, 3);
	store_copy(u->updated_at, sizeof u->updated_at, CT(s, 4));
}

int store_union_put(struct store *st, const struct union_row *u)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_UNION_PUT);
	BT(s, 1, u->code);
	BT(s, 2, u->name);
	BT(s, 3, u->email);
	BI(s, 4, u->representative != 0);
	BT(s, 5, u->updated_at);
	return store_write_done(eng, s);
}

int store_union_get(struct store *st, const char *code, struct union_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_UNION_GET);
	BT(s, 1, code);
	ONE_ROW(eng, s, union_read, out);
}

int store_union_list(struct store *st, int only_representative, union_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_UNION_LIST);
	BI(s, 1, only_representative != 0);
	EACH_ROW(eng, s, struct union_row, union_read, fn, arg);
}

/* Centre's documents --------------------------------------------------------- */

static void docs_read(const struct db_engine *eng, struct db_stmt *s, struct centre_docs_row *d)
{
	d->centre_id = CI(s, 0);
	d->number = (int)CI(s, 1);
	store_copy(d->city, sizeof d->city, CT(s, 2));
	store_copy(d->signatory, sizeof d->signatory, CT(s, 3));
	d->has_letterhead = (int)CI(s, 4);
	d->has_signature = (int)CI(s, 5);
}

int store_centre_docs_get(struct store *st, int64_t centre_id, struct centre_docs_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CENTRE_DOCS_GET);
	BI(s, 1, centre_id);
	ONE_ROW(eng, s, docs_read, out);
}

int store_centre_docs_put(struct store *st, const struct centre_docs_row *d,
	const unsigned char *letterhead, size_t letterhead_len,
	const unsigned char *signature, size_t signature_len)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CENTRE_DOCS_PUT);
	BI(s, 1, d->centre_id);
	BI(s, 2, d->number);
	BT(s, 3, d->city);
	BT(s, 4, d->signatory);
	if (letterhead && letterhead_len)
		eng->bind_blob(s, 5, letterhead, letterhead_len);
	else
		eng->bind_null(s, 5);
	if (signature && signature_len)
		eng->bind_blob(s, 6, signature, signature_len);
	else
		eng->bind_null(s, 6);
	return store_write_done(eng, s);
}

int store_centre_image(struct store *st, int64_t centre_id, const char *which,
	unsigned char **png, size_t *len)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CENTRE_IMAGE);
	int rc;

	*png = NULL;
	*len = 0;
	BI(s, 1, centre_id);
	BT(s, 2, which);
	rc = eng->step(s);
	if (rc == DB_ROW && !eng->col_null(s, 0)) {
		const void *b = eng->col_blob(s, 0);
		size_t n = eng->col_bytes(s, 0);
		if (b && n) {
			*png = xmalloc(n);
			memcpy(*png, b, n);
			*len = n;
		}
	}
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Juries ----------------------------------------------------------------------- */

static void jury_read(const struct db_engine *eng, struct db_stmt *s, struct jury_row *j)
{
	j->id = CI(s, 0);
	j->centre_id = CI(s, 1);
	store_copy(j->centre_code, sizeof j->centre_code, CT(s, 2));
	store_copy(j->centre_name, sizeof j->centre_name, CT(s, 3));
	store_copy(j->date, sizeof j->date, CT(s, 4));
	store_copy(j->place, sizeof j->place, CT(s, 5));
	store_copy(j->state, sizeof j->state, CT(s, 6));
	j->conformity_checked = (int)CI(s, 7);
	store_copy(j->opened_on, sizeof j->opened_on, CT(s, 8));
	store_copy(j->signed_on, sizeof j->signed_on, CT(s, 9));
	j->revision = (int)CI(s, 10);
	j->notice_revision = (int)CI(s, 11);
	store_copy(j->notice_sent_on, sizeof j->notice_sent_on, CT(s, 12));
	j->anon_seed = CI(s, 13);
	store_copy(j->gtp_sent_on, sizeof j->gtp_sent_on, CT(s, 14));
	store_copy(j->gtp_attributed_on, sizeof j->gtp_attributed_on, CT(s, 15));
	store_copy(j->created_at, sizeof j->created_at, CT(s, 16));
	store_copy(j->created_by, sizeof j->created_by, CT(s, 17));
	store_copy(j->updated_at, sizeof j->updated_at, CT(s, 18));
	j->candidates = (int)CI(s, 19);
	j->members = (int)CI(s, 20);
	store_copy(j->certifications, sizeof j->certifications, CT(s, 21));
}

int store_jury_insert(struct store *st, const struct jury_row *j, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_INSERT);
	BI(s, 1, j->centre_id);
	BT(s, 2, j->date);
	BT(s, 3, j->place);
	BI(s, 4, j->anon_seed);
	BT(s, 5, j->created_at);
	BT(s, 6, j->created_by);
	return store_insert_id(eng, s, id);
}

int store_jury_get(struct store *st, int64_t id, struct jury_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, jury_read, out);
}

int store_jury_update(struct store *st, const struct jury_row *j)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_UPDATE);
	BI(s, 1, j->id);
	BT(s, 2, j->date);
	BT(s, 3, j->place);
	BT(s, 4, j->state);
	BI(s, 5, j->conformity_checked);
	BT(s, 6, j->opened_on);
	BT(s, 7, j->signed_on);
	BI(s, 8, j->revision);
	BI(s, 9, j->notice_revision);
	BT(s, 10, j->notice_sent_on);
	BT(s, 11, j->updated_at);
	return store_write_done(eng, s);
}

int store_jury_list(struct store *st, int64_t centre_id, int64_t account_id,
	const char *from, const char *to, jury_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_LIST);
	BI(s, 1, centre_id);
	BI(s, 2, account_id);
	BT(s, 3, from ? from : "");
	BT(s, 4, to ? to : "");
	EACH_ROW(eng, s, struct jury_row, jury_read, fn, arg);
}

int store_jury_sits(struct store *st, int64_t jury_id, int64_t account_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_SITS);
	int64_t n;
	BI(s, 1, jury_id);
	BI(s, 2, account_id);
	n = store_count(eng, s);
	return n < 0 ? -1 : n > 0;
}

/* Certifications -------------------------------------------------------------- */

static int pair_write(struct store *st, enum stmt id, int64_t a, int64_t b)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, id);
	BI(s, 1, a);
	BI(s, 2, b);
	return store_write_done(eng, s);
}

int store_jury_cert_add(struct store *st, int64_t jury_id, int64_t cert_id)
{
	return pair_write(st, ST_JURY_CERT_ADD, jury_id, cert_id);
}

int store_jury_cert_remove(struct store *st, int64_t jury_id, int64_t cert_id)
{
	return pair_write(st, ST_JURY_CERT_REMOVE, jury_id, cert_id);
}

static void jcert_read(const struct db_engine *eng, struct db_stmt *s, struct jury_cert_row *c)
{
	c->certification_id = CI(s, 0);
	store_copy(c->code, sizeof c->code, CT(s, 1));
	store_copy(c->kind, sizeof c->kind, CT(s, 2));
	store_copy(c->title, sizeof c->title, CT(s, 3));
	store_copy(c->level, sizeof c->level, CT(s, 4));
	store_copy(c->rncp, sizeof c->rncp, CT(s, 5));
	c->version = (int)CI(s, 6);
	c->candidates = (int)CI(s, 7);
}

int store_jury_certs(struct store *st, int64_t jury_id, jury_cert_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CERTS);
	BI(s, 1, jury_id);
	EACH_ROW(eng, s, struct jury_cert_row, jcert_read, fn, arg);
}

/* Members --------------------------------------------------------------------- */

int store_jury_member_insert(struct store *st, const struct jury_member_row *m, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_MEMBER_INSERT);
	BI(s, 1, m->jury_id);
	BT(s, 2, m->name);
	BT(s, 3, m->email);
	BT(s, 4, m->role);
	BT(s, 5, m->branch);
	BT(s, 6, m->union_code);
	BI(s, 7, m->branch_employee != 0);
	BI(s, 8, m->votes != 0);
	BI(s, 9, m->president != 0);
	BT(s, 10, m->organisation);
	BT(s, 11, m->quality);
	BI(s, 12, m->account_id);
	BT(s, 13, m->added_at);
	return store_insert_id(eng, s, id);
}

int store_jury_member_delete(struct store *st, int64_t jury_id, int64_t member_id)
{
	return pair_write(st, ST_JURY_MEMBER_DELETE, jury_id, member_id);
}

static void member_read(const struct db_engine *eng, struct db_stmt *s, struct jury_member_row *m)
{
	m->id = CI(s, 0);
	m->jury_id = CI(s, 1);
	store_copy(m->name, sizeof m->name, CT(s, 2));
	store_copy(m->email, sizeof m->email, CT(s, 3));
	store_copy(m->role, sizeof m->role, CT(s, 4));
	store_copy(m->branch, sizeof m->branch, CT(s, 5));
	store_copy(m->union_code, sizeof m->union_code, CT(s, 6));
	m->branch_employee = (int)CI(s, 7);
	m->votes = (int)CI(s, 8);
	m->president = (int)CI(s, 9);
	store_copy(m->organisation, sizeof m->organisation, CT(s, 10));
	store_copy(m->quality, sizeof m->quality, CT(s, 11));
	m->account_id = CI(s, 12);
	store_copy(m->login, sizeof m->login, CT(s, 13));
	store_copy(m->convened_on, sizeof m->convened_on, CT(s, 14));
	m->present = (int)CI(s, 15);
	store_copy(m->added_at, sizeof m->added_at, CT(s, 16));
}

int store_jury_members(struct store *st, int64_t jury_id, jury_member_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_MEMBERS);
	BI(s, 1, jury_id);
	EACH_ROW(eng, s, struct jury_member_row, member_read, fn, arg);
}

int store_jury_member_convene(struct store *st, int64_t member_id, const char *date)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_MEMBER_CONVENE);
	BI(s, 1, member_id);
	BT(s, 2, date);
	return store_write_done(eng, s);
}

int store_jury_members_unconvene(struct store *st, int64_t jury_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_MEMBERS_UNCONVENE);
	BI(s, 1, jury_id);
	return store_write_done(eng, s);
}

int store_jury_attendance(struct store *st, int64_t jury_id, const char *ids_json)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_ATTENDANCE);
	BI(s, 1, jury_id);
	BT(s, 2, ids_json);
	return store_write_done(eng, s);
}

/* Requests and notices ----------------------------------------------------------- */

int store_jury_request_put(struct store *st, int64_t jury_id, const char *union_code,
	const char *sent_on)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_REQUEST_PUT);
	BI(s, 1, jury_id);
	BT(s, 2, union_code);
	BT(s, 3, sent_on);
	return store_write_done(eng, s);
}

int store_jury_request_delete(struct store *st, int64_t jury_id, const char *union_code)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_REQUEST_DELETE);
	BI(s, 1, jury_id);
	BT(s, 2, union_code);
	return store_write_done(eng, s);
}

int store_jury_requests(struct store *st, int64_t jury_id, jury_request_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_REQUESTS);
	int rc;
	BI(s, 1, jury_id);
	while ((rc = eng->step(s)) == DB_ROW)
		if (fn(arg, CT(s, 0), CT(s, 1)))
			break;
	eng->reset(s);
	return rc == DB_ERROR || rc == DB_BUSY ? -1 : 0;
}

int store_jury_notice_insert(struct store *st, const struct jury_notice_row *n, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_NOTICE_INSERT);
	BI(s, 1, n->jury_id);
	BT(s, 2, n->kind);
	BI(s, 3, n->revision);
	BI(s, 4, n->member_id);
	BT(s, 5, n->union_code ? n->union_code : "");
	BT(s, 6, n->recipient ? n->recipient : "");
	BT(s, 7, n->sent_on);
	BT(s, 8, n->mail ? n->mail : "none");
	BT(s, 9, n->created_at);
	BT(s, 10, n->created_by);
	return store_insert_id(eng, s, id);
}

int store_jury_notice_mail(struct store *st, int64_t jury_id, int64_t member_id,
	const char *mail)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_NOTICE_MAIL);
	BI(s, 1, jury_id);
	BI(s, 2, member_id);
	BT(s, 3, mail);
	return store_write_done(eng, s);
}

int store_jury_notice_detach(struct store *st, int64_t member_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_NOTICE_DETACH);
	BI(s, 1, member_id);
	return store_write_done(eng, s);
}

/* Candidates ----------------------------------------------------------------------- */

int store_jury_candidate_add(struct store *st, int64_t jury_id, int64_t registration_id,
	const char *at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CANDIDATE_ADD);
	BI(s, 1, jury_id);
	BI(s, 2, registration_id);
	BT(s, 3, at);
	return store_write_done(eng, s);
}

int store_jury_candidate_remove(struct store *st, int64_t jury_id, int64_t registration_id)
{
	return pair_write(st, ST_JURY_CANDIDATE_REMOVE, jury_id, registration_id);
}

int store_jury_of_registration(struct store *st, int64_t registration_id, int64_t *jury_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_OF_REGISTRATION);
	int rc;
	BI(s, 1, registration_id);
	rc = eng->step(s);
	if (rc == DB_ROW)
		*jury_id = CI(s, 0);
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int reg_rows_with(const struct db_engine *eng, struct db_stmt *s, jury_reg_fn fn,
	void *arg)
{
	struct reg_row *r = xcalloc(1, sizeof *r);
	int rc;
	while ((rc = eng->step(s)) == DB_ROW) {
		store_reg_read(eng, s, r);
		if (fn(arg, r, (int)CI(s, STORE_REG_NCOLS)))
			break;
	}
	eng->reset(s);
	free(r);
	return rc == DB_ERROR || rc == DB_BUSY ? -1 : 0;
}

int store_jury_candidates(struct store *st, int64_t jury_id, jury_reg_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CANDIDATES);
	BI(s, 1, jury_id);
	return reg_rows_with(eng, s, fn, arg);
}

int store_jury_candidate_number(struct store *st, int64_t jury_id,
	int64_t registration_id, int number)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CANDIDATE_NUMBER);
	BI(s, 1, jury_id);
	BI(s, 2, registration_id);
	BI(s, 3, number);
	return store_write_done(eng, s);
}

int store_jury_eligible(struct store *st, int64_t jury_id, int64_t centre_id,
	jury_reg_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_ELIGIBLE);
	BI(s, 1, jury_id);
	BI(s, 2, centre_id);
	return reg_rows_with(eng, s, fn, arg);
}

int store_reg_set_next_jury(struct store *st, int64_t registration_id, const char *date,
	const char *at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_SET_NEXT_JURY);
	BI(s, 1, registration_id);
	BT(s, 2, date ? date : "");
	BT(s, 3, at);
	return store_write_done(eng, s);
}

int store_jury_candidates_next(struct store *st, int64_t jury_id, const char *date,
	const char *at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CANDIDATES_NEXT);
	BI(s, 1, jury_id);
	BT(s, 2, date ? date : "");
	BT(s, 3, at);
	return store_write_done(eng, s);
}

/* Decisions ------------------------------------------------------------------------ */

static void decision_read(const struct db_engine *eng, struct db_stmt *s, struct decision_row *d)
{
	d->id = CI(s, 0);
	d->jury_id = CI(s, 1);
	d->registration_id = CI(s, 2);
	d->revision = (int)CI(s, 3);
	store_copy(d->state, sizeof d->state, CT(s, 4));
	store_copy(d->verdict, sizeof d->verdict, CT(s, 5));
	d->votes_for = (int)CI(s, 6);
	d->votes_against = (int)CI(s, 7);
	d->abstentions = (int)CI(s, 8);
	store_copy(d->president_ballot, sizeof d->president_ballot, CT(s, 9));
	d->casting = (int)CI(s, 10);
	store_copy(d->comment, sizeof d->comment, CT(s, 11));
	store_copy(d->motive, sizeof d->motive, CT(s, 12));
	store_copy(d->decided_on, sizeof d->decided_on, CT(s, 13));
	store_copy(d->superseded_on, sizeof d->superseded_on, CT(s, 14));
	store_copy(d->decided_by, sizeof d->decided_by, CT(s, 15));
	store_copy(d->recorded_at, sizeof d->recorded_at, CT(s, 16));
}

int store_decision_current(struct store *st, int64_t jury_id, int64_t registration_id,
	struct decision_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISION_CURRENT);
	BI(s, 1, jury_id);
	BI(s, 2, registration_id);
	ONE_ROW(eng, s, decision_read, out);
}

int store_decision_insert(struct store *st, const struct decision_row *d, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISION_INSERT);
	BI(s, 1, d->jury_id);
	BI(s, 2, d->registration_id);
	BI(s, 3, d->revision);
	BT(s, 4, d->state);
	BT(s, 5, d->verdict);
	BI(s, 6, d->votes_for);
	BI(s, 7, d->votes_against);
	BI(s, 8, d->abstentions);
	BT(s, 9, d->president_ballot);
	BI(s, 10, d->casting);
	BT(s, 11, d->comment);
	BT(s, 12, d->motive);
	BT(s, 13, d->decided_on);
	BT(s, 14, d->decided_by);
	BT(s, 15, d->recorded_at);
	return store_insert_id(eng, s, id);
}

int store_decision_replace(struct store *st, const struct decision_row *d)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISION_REPLACE);
	BI(s, 1, d->id);
	BT(s, 2, d->verdict);
	BI(s, 3, d->votes_for);
	BI(s, 4, d->votes_against);
	BI(s, 5, d->abstentions);
	BT(s, 6, d->president_ballot);
	BI(s, 7, d->casting);
	BT(s, 8, d->comment);
	BT(s, 9, d->decided_on);
	BT(s, 10, d->decided_by);
	BT(s, 11, d->recorded_at);
	return store_write_done(eng, s);
}

int store_decision_supersede(struct store *st, int64_t id, const char *date)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISION_SUPERSEDE);
	BI(s, 1, id);
	BT(s, 2, date);
	return store_write_done(eng, s);
}

int store_decisions_finalize(struct store *st, int64_t jury_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISIONS_FINALIZE);
	BI(s, 1, jury_id);
	return store_write_done(eng, s);
}

int store_decisions_of_jury(struct store *st, int64_t jury_id, decision_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DECISIONS_OF_JURY);
	BI(s, 1, jury_id);
	EACH_ROW(eng, s, struct decision_row, decision_read, fn, arg);
}

/* Certificates, corrective actions, withdrawals ------------------------------------ */

static void jcertificate_read(const struct db_engine *eng, struct db_stmt *s,
	struct jury_certificate_row *c)
{
	c->registration_id = CI(s, 0);
	store_copy(c->number, sizeof c->number, CT(s, 1));
	store_copy(c->kind, sizeof c->kind, CT(s, 2));
	store_copy(c->state, sizeof c->state, CT(s, 3));
	store_copy(c->unit_code, sizeof c->unit_code, CT(s, 4));
	store_copy(c->unit_title, sizeof c->unit_title, CT(s, 5));
}

int store_jury_certificates(struct store *st, int64_t jury_id, jury_certificate_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CERTIFICATES);
	BI(s, 1, jury_id);
	EACH_ROW(eng, s, struct jury_certificate_row, jcertificate_read, fn, arg);
}

static void corrective_read(const struct db_engine *eng, struct db_stmt *s,
	struct jury_corrective_row *c)
{
	c->id = CI(s, 0);
	store_copy(c->text, sizeof c->text, CT(s, 1));
	store_copy(c->state, sizeof c->state, CT(s, 2));
	store_copy(c->sent_on, sizeof c->sent_on, CT(s, 3));
	store_copy(c->followed_on, sizeof c->followed_on, CT(s, 4));
	store_copy(c->follow_up, sizeof c->follow_up, CT(s, 5));
}

int store_jury_correctives(struct store *st, int64_t jury_id, jury_corrective_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_JURY_CORRECTIVES);
	BI(s, 1, jury_id);
	EACH_ROW(eng, s, struct jury_corrective_row, corrective_read, fn, arg);
}

