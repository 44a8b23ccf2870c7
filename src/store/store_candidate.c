/*
** Typed store operations of the candidate's path: candidates,
** registrations and the work lists, units kept from an earlier jury, and
** the tie between a training body's account and its body.
*/
#include "store/store_int.h"
#include "util/xalloc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void candidate_read(const struct db_engine *eng, struct db_stmt *s,
	struct candidate *k)
{
	k->id = CI(s, 0);
	k->centre_id = CI(s, 1);
	store_copy(k->centre_code, sizeof k->centre_code, CT(s, 2));
	store_copy(k->identity_key, sizeof k->identity_key, CT(s, 3));
	store_copy(k->birth_name, sizeof k->birth_name, CT(s, 4));
	store_copy(k->usage_name, sizeof k->usage_name, CT(s, 5));
	store_copy(k->first_names, sizeof k->first_names, CT(s, 6));
	store_copy(k->sex, sizeof k->sex, CT(s, 7));
	store_copy(k->birth_date, sizeof k->birth_date, CT(s, 8));
	store_copy(k->birth_town, sizeof k->birth_town, CT(s, 9));
	store_copy(k->birth_insee, sizeof k->birth_insee, CT(s, 10));
	store_copy(k->birth_department, sizeof k->birth_department, CT(s, 11));
	store_copy(k->birth_country, sizeof k->birth_country, CT(s, 12));
	store_copy(k->email, sizeof k->email, CT(s, 13));
	store_copy(k->phone, sizeof k->phone, CT(s, 14));
	store_copy(k->address, sizeof k->address, CT(s, 15));
	store_copy(k->postal_code, sizeof k->postal_code, CT(s, 16));
	store_copy(k->city, sizeof k->city, CT(s, 17));
	store_copy(k->search, sizeof k->search, CT(s, 18));
	store_copy(k->created_at, sizeof k->created_at, CT(s, 19));
	store_copy(k->updated_at, sizeof k->updated_at, CT(s, 20));
}

/* Binds ?2..?17 of the candidate's columns (insert and update share
** them); ?1 and ?18 are the caller's. */
static void candidate_bind(const struct db_engine *eng, struct db_stmt *s,
	const struct candidate *k)
{
	BT(s, 2, k->identity_key);
	BT(s, 3, k->birth_name);
	BT(s, 4, k->usage_name);
	BT(s, 5, k->first_names);
	BT(s, 6, k->sex);
	BT(s, 7, k->birth_date);
	BT(s, 8, k->birth_town);
	BT(s, 9, k->birth_insee);
	BT(s, 10, k->birth_department);
	BT(s, 11, k->birth_country);
	BT(s, 12, k->email);
	BT(s, 13, k->phone);
	BT(s, 14, k->address);
	BT(s, 15, k->postal_code);
	BT(s, 16, k->city);
	BT(s, 17, k->search);
}

int store_candidate_insert(struct store *st, const struct candidate *k, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CANDIDATE_INSERT);
	BI(s, 1, k->centre_id);
	candidate_bind(eng, s, k);
	BT(s, 18, k->created_at);
	return store_insert_id(eng, s, id);
}

int store_candidate_update(struct store *st, const struct candidate *k)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CANDIDATE_UPDATE);
	BI(s, 1, k->id);
	candidate_bind(eng, s, k);
	BT(s, 18, k->updated_at);
	return store_write_done(eng, s);
}

int store_candidate_get(struct store *st, int64_t id, struct candidate *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CANDIDATE_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, candidate_read, out);
}

int store_candidate_by_key(struct store *st, int64_t centre_id,
	const char *identity_key, struct candidate *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CANDIDATE_BY_KEY);
	BI(s, 1, centre_id);
	BT(s, 2, identity_key);
	ONE_ROW(eng, s, candidate_read, out);
}

/* Registrations ------------------------------------------------------------ */

static void reg_read(const struct db_engine *eng, struct db_stmt *s, struct reg_row *r)
{
	store_reg_read(eng, s, r);
}

void store_reg_read(const struct db_engine *eng, struct db_stmt *s, struct reg_row *r)
{
	r->id = CI(s, 0);
	r->candidate_id = CI(s, 1);
	r->centre_id = CI(s, 2);
	r->certification_id = CI(s, 3);
	r->body_id = CI(s, 4);
	r->cert_version = (int)CI(s, 5);
	store_copy(r->centre_code, sizeof r->centre_code, CT(s, 6));
	store_copy(r->cert_code, sizeof r->cert_code, CT(s, 7));
	store_copy(r->cert_kind, sizeof r->cert_kind, CT(s, 8));
	store_copy(r->cert_title, sizeof r->cert_title, CT(s, 9));
	store_copy(r->blocks, sizeof r->blocks, CT(s, 10));
	store_copy(r->route, sizeof r->route, CT(s, 11));
	store_copy(r->vae_kind, sizeof r->vae_kind, CT(s, 12));
	store_copy(r->registrant, sizeof r->registrant, CT(s, 13));
	store_copy(r->origin, sizeof r->origin, CT(s, 14));
	store_copy(r->funding, sizeof r->funding, CT(s, 15));
	store_copy(r->body_siret, sizeof r->body_siret, CT(s, 16));
	store_copy(r->body_name, sizeof r->body_name, CT(s, 17));
	store_copy(r->company_name, sizeof r->company_name, CT(s, 18));
	store_copy(r->company_address, sizeof r->company_address, CT(s, 19));
	store_copy(r->company_siret, sizeof r->company_siret, CT(s, 20));
	store_copy(r->company_naf, sizeof r->company_naf, CT(s, 21));
	store_copy(r->company_nace, sizeof r->company_nace, CT(s, 22));
	store_copy(r->sector, sizeof r->sector, CT(s, 23));
	store_copy(r->sector_branch, sizeof r->sector_branch, CT(s, 24));
	store_copy(r->tutor, sizeof r->tutor, CT(s, 25));
	r->without_agreement = (int)CI(s, 26);
	store_copy(r->accommodations, sizeof r->accommodations, CT(s, 27));
	store_copy(r->registered_on, sizeof r->registered_on, CT(s, 28));
	store_copy(r->status, sizeof r->status, CT(s, 29));
	store_copy(r->next_jury, sizeof r->next_jury, CT(s, 30));
	store_copy(r->created_at, sizeof r->created_at, CT(s, 31));
	store_copy(r->created_by, sizeof r->created_by, CT(s, 32));
	store_copy(r->updated_at, sizeof r->updated_at, CT(s, 33));
	store_copy(r->birth_name, sizeof r->birth_name, CT(s, 34));
	store_copy(r->usage_name, sizeof r->usage_name, CT(s, 35));
	store_copy(r->first_names, sizeof r->first_names, CT(s, 36));
	store_copy(r->birth_date, sizeof r->birth_date, CT(s, 37));
}

int store_reg_insert(struct store *st, const struct reg_row *r, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_INSERT);
	BI(s, 1, r->candidate_id);
	BI(s, 2, r->centre_id);
	BI(s, 3, r->certification_id);
	BI(s, 4, r->cert_version);
	BT(s, 5, r->blocks);
	BT(s, 6, r->route);
	BT(s, 7, r->vae_kind);
	BT(s, 8, r->registrant);
	BT(s, 9, r->origin);
	BT(s, 10, r->funding);
	BI(s, 11, r->body_id);
	BT(s, 12, r->company_name);
	BT(s, 13, r->company_address);
	BT(s, 14, r->company_siret);
	BT(s, 15, r->company_naf);
	BT(s, 16, r->company_nace);
	BT(s, 17, r->sector);
	BT(s, 18, r->sector_branch);
	BT(s, 19, r->tutor);
	BI(s, 20, r->without_agreement);
	BT(s, 21, r->accommodations);
	BT(s, 22, r->registered_on);
	BT(s, 23, r->status[0] ? r->status : "active");
	BT(s, 24, r->next_jury);
	BT(s, 25, r->created_at);
	BT(s, 26, r->created_by);
	return store_insert_id(eng, s, id);
}

int store_reg_get(struct store *st, int64_t id, struct reg_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, reg_read, out);
}

int64_t store_reg_active_count(struct store *st, int64_t candidate_id,
	int64_t certification_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_ACTIVE_COUNT);
	BI(s, 1, candidate_id);
	BI(s, 2, certification_id);
	return store_count(eng, s);
}

int store_reg_set_status(struct store *st, int64_t id, const char *status,
	const char *updated_at)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_SET_STATUS);
	BI(s, 1, id);
	BT(s, 2, status);
	BT(s, 3, updated_at);
	return store_write_done(eng, s);
}

/* Hands every row of s to fn. */
static int reg_rows(const struct db_engine *eng, struct db_stmt *s,
	reg_row_fn fn, void *arg)
{
	struct reg_row *r = xmalloc(sizeof *r);
	int rc;
	while ((rc = eng->step(s)) == DB_ROW) {
		reg_read(eng, s, r);
		if (fn(arg, r))
			break;
	}
	eng->reset(s);
	free(r);
	return rc == DB_ERROR ? -1 : 0;
}

int store_reg_of_candidate(struct store *st, int64_t candidate_id,
	reg_row_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_REG_OF_CANDIDATE);
	BI(s, 1, candidate_id);
	return reg_rows(eng, s, fn, arg);
}

static void filter_bind(const struct db_engine *eng, struct db_stmt *s,
	const struct reg_filter *f)
{
	BI(s, 1, f->centre_id);
	BI(s, 2, f->body_id);
	BI(s, 3, f->evaluator_id);
	BI(s, 4, f->certification_id);
	BT(s, 5, f->status ? f->status : "");
	BT(s, 6, f->company_siret ? f->company_siret : "");
	BT(s, 7, f->next_jury ? f->next_jury : "");
	BT(s, 8, f->prefix && *f->prefix ? f->prefix : "%");
	/* the driver of ST_REG_PICK: the most selective of the three */
	BI(s, 9, f->evaluator_id ? 1 : f->company_siret && *f->company_siret ? 2 : 3);
	if (f->match && *f->match)
		BT(s, 12, f->match);
	else
		eng->bind_null(s, 12);
	BI(s, 13, f->centre_id ? f->centre_id : 0);
	BI(s, 14, f->centre_id ? f->centre_id : INT64_MAX);
	BI(s, 15, f->before_id > 0 ? f->before_id : INT64_MAX);
}

static int has_match(const struct reg_filter *f)
{
	return f->match && *f->match;
}

/* The filters that few registrations pass: read through their own index
** (ST_REG_PICK), the others being checked on each. */
static int has_pick(const struct reg_filter *f)
{
	return f->evaluator_id || f->body_id || (f->company_siret && *f->company_siret);
}

/* Above this ratio, walking the list order is cheaper than sorting the
** matches of a name: walking reads about (offset + limit) * rows / matches
** index entries, sorting about 16 times more per match. */
#define WIDE_FACTOR 16

int store_reg_list(struct store *st, const struct reg_filter *f, reg_row_fn fn,
	void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s;
	enum stmt id;

	if (has_pick(f)) {
		id = ST_REG_PICK;
	} else if (has_match(f)) {
		id = ST_REG_SEARCH;
		/* the planner cannot know how many candidates a name matches:
		** the count, known first, chooses */
		if (f->matches > 0) {
			int64_t rows = store_count(eng, PREP(st, ST_REG_MAX_ID));
			if (rows > 0 && (double)f->matches * (double)f->matches * WIDE_FACTOR >
			    (double)(f->offset + (f->limit > 0 ? f->limit : 50)) * (double)rows)
				id = ST_REG_SEARCH_WIDE;
		}
	} else if (f->next_jury && *f->next_jury) {
		id = ST_REG_LIST_JURY;
	} else {
		id = f->centre_id ? ST_REG_LIST_CENTRE : ST_REG_LIST;
	}
	s = PREP(st, id);
	filter_bind(eng, s, f);
	BI(s, 10, f->limit > 0 ? f->limit : -1);
	BI(s, 11, f->offset > 0 ? f->offset : 0);
	return reg_rows(eng, s, fn, arg);
}

int64_t store_reg_count(struct store *st, const struct reg_filter *f)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, has_pick(f) ? ST_REG_PICK_COUNT :
		has_match(f) ? ST_REG_SEARCH_COUNT :
		f->next_jury && *f->next_jury ? ST_REG_COUNT_JURY : ST_REG_TALLY);
	filter_bind(eng, s, f);
	return store_count(eng, s);
}

int store_assigned(struct store *st, int64_t registration_id, int64_t account_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ASSIGNED);
	int64_t n;
	BI(s, 1, registration_id);
	BI(s, 2, account_id);
	n = store_count(eng, s);
	return n < 0 ? -1 : n > 0;
}

/* Units kept from an earlier jury (R-LET-3) -------------------------------- */

int store_acquired_insert(struct store *st, const struct acquired_row *a)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACQUIRED_INSERT);
	BI(s, 1, a->candidate_id);
	BI(s, 2, a->certification_id);
	BT(s, 3, a->unit);
	BT(s, 4, a->unit_kind);
	BT(s, 5, a->jury_date);
	BT(s, 6, a->kept_until);
	BT(s, 7, a->source);
	BT(s, 8, a->recorded_at);
	return store_write_done(eng, s);
}

int store_acquired_of_candidate(struct store *st, int64_t candidate_id,
	acquired_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACQUIRED_OF_CANDIDATE);
	struct acquired_row a;
	int rc;
	BI(s, 1, candidate_id);
	while ((rc = eng->step(s)) == DB_ROW) {
		a.id = CI(s, 0);
		a.candidate_id = CI(s, 1);
		a.certification_id = CI(s, 2);
		store_copy(a.cert_code, sizeof a.cert_code, CT(s, 3));
		store_copy(a.unit, sizeof a.unit, CT(s, 4));
		store_copy(a.unit_kind, sizeof a.unit_kind, CT(s, 5));
		store_copy(a.jury_date, sizeof a.jury_date, CT(s, 6));
		store_copy(a.kept_until, sizeof a.kept_until, CT(s, 7));
		store_copy(a.source, sizeof a.source, CT(s, 8));
		store_copy(a.recorded_at, sizeof a.recorded_at, CT(s, 9));
		if (fn(arg, &a))
			break;
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

/* Training bodies' accounts ------------------------------------------------- */

int store_account_set_body(struct store *st, int64_t account_id, int64_t body_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_SET_BODY);
	BI(s, 1, account_id);
	BI(s, 2, body_id);
	return store_write_done(eng, s);
}

int64_t store_account_body(struct store *st, int64_t account_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_BODY);
	int64_t id = -1;
	int rc;
	BI(s, 1, account_id);
	rc = eng->step(s);
	if (rc == DB_ROW)
		id = CI(s, 0);
	else if (rc == DB_DONE)
		id = 0;
	eng->reset(s);
	return id;
}
