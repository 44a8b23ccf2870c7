/*
** Typed store operations over the engine table (see store.h, db.h).
** Every function prepares one named statement, binds, steps, and copies
** or hands out the columns; no SQL text appears here.
*/
#include "store/store.h"
#include "store/store_int.h"
#include "core/audit.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The helpers shared by the store files (store_int.h). */

void store_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Steps a write statement; maps the result to 0 / -1 / STORE_CONFLICT. */
int store_write_done(const struct db_engine *eng, struct db_stmt *s)
{
	int rc = eng->step(s);
	eng->reset(s);
	if (rc == DB_DONE || rc == DB_ROW)
		return 0;
	if (rc == DB_CONSTRAINT)
		return STORE_CONFLICT;
	if (rc == DB_BUSY)
		return STORE_BUSY;
	return -1;
}

/* Steps an INSERT … RETURNING id. */
int store_insert_id(const struct db_engine *eng, struct db_stmt *s, int64_t *id)
{
	int rc = eng->step(s);
	if (rc == DB_ROW) {
		if (id)
			*id = eng->col_int(s, 0);
		rc = eng->step(s);
	}
	eng->reset(s);
	if (rc == DB_DONE)
		return 0;
	if (rc == DB_CONSTRAINT)
		return STORE_CONFLICT;
	return rc == DB_BUSY ? STORE_BUSY : -1;
}

int64_t store_count(const struct db_engine *eng, struct db_stmt *s)
{
	int64_t n = -1;
	if (eng->step(s) == DB_ROW)
		n = CI(s, 0);
	eng->reset(s);
	return n;
}

struct store *store_open(const char *target, char *err, size_t errsz)
{
	if (!target || !*target) {
		snprintf(err, errsz, "aucune base de données indiquée (--db ou CQPM_DB)");
		return NULL;
	}
	if (!strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13)) {
		snprintf(err, errsz, "le moteur PostgreSQL n'est pas encore disponible "
			"dans cette version : utilisez un fichier SQLite");
		return NULL;
	}
	return db_sqlite.open(target, err, errsz);
}

void store_close(struct store *st)
{
	if (st)
		ENG(st)->close(st);
}

int store_begin(struct store *st) { return ENG(st)->begin(st); }
int store_commit(struct store *st) { return ENG(st)->commit(st) ? -1 : 0; }
void store_rollback(struct store *st) { ENG(st)->rollback(st); }
const char *store_errmsg(struct store *st) { return ENG(st)->errmsg(st); }

int store_schema_version(struct store *st)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_MIGRATION_INIT);

	if (store_write_done(eng, s))
		return -1;
	return (int)store_count(eng, PREP(st, ST_MIGRATION_GET));
}

int store_migrate(struct store *st, char *err, size_t errsz)
{
	const struct db_engine *eng = ENG(st);
	int have = store_schema_version(st);
	char at[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (have < 0) {
		snprintf(err, errsz, "lecture de la version du schéma impossible : %s",
			store_errmsg(st));
		return -1;
	}
	for (int v = have; eng->migrations[v]; v++) {
		struct db_stmt *s;
		if (store_begin(st)) {
			snprintf(err, errsz, "base occupée ou illisible : %s", store_errmsg(st));
			return -1;
		}
		if (eng->exec(st, eng->migrations[v])) {
			snprintf(err, errsz, "migration %d refusée : %s", v + 1, store_errmsg(st));
			store_rollback(st);
			return -1;
		}
		s = PREP(st, ST_MIGRATION_PUT);
		BI(s, 1, v + 1);
		BT(s, 2, at);
		if (store_write_done(eng, s) || store_commit(st)) {
			snprintf(err, errsz, "migration %d non enregistrée : %s", v + 1,
				store_errmsg(st));
			store_rollback(st);
			return -1;
		}
	}
	return 0;
}

int store_setting_get(struct store *st, const char *key, char *out, size_t outsz)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_SETTING_GET);
	int rc;
	BT(s, 1, key);
	rc = eng->step(s);
	if (rc == DB_ROW)
		store_copy(out, outsz, CT(s, 0));
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int store_setting_put(struct store *st, const char *key, const char *value)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_SETTING_PUT);
	BT(s, 1, key);
	BT(s, 2, value);
	return store_write_done(eng, s);
}

/* Catalogue ---------------------------------------------------------------- */

static void cert_row_read(const struct db_engine *eng, struct db_stmt *s,
	struct cert_row *r)
{
	r->id = CI(s, 0);
	r->code = CT(s, 1);
	r->kind = CT(s, 2);
	r->rncp = CT(s, 3);
	r->identifier = CT(s, 4);
	r->title = CT(s, 5);
	r->level = CT(s, 6);
	r->status = CT(s, 7);
	r->branch = (int)CI(s, 8);
	r->version = (int)CI(s, 9);
	r->hash = CT(s, 10);
	r->updated_at = CT(s, 11);
}

void cert_release(struct cert *c)
{
	free(c->title);
	c->title = NULL;
}

int store_cert_find(struct store *st, enum cert_lookup by, const char *key,
	struct cert *out)
{
	static const enum stmt ids[] = {
		[BY_CODE] = ST_CERT_BY_CODE, [BY_RNCP] = ST_CERT_BY_RNCP,
		[BY_IDENTIFIER] = ST_CERT_BY_IDENTIFIER, [BY_BLOCK] = ST_CERT_BY_BLOCK,
	};
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ids[by]);
	struct cert_row r;
	int rc;

	BT(s, 1, key);
	rc = eng->step(s);
	if (rc == DB_ROW) {
		cert_row_read(eng, s, &r);
		memset(out, 0, sizeof *out);
		out->id = r.id;
		store_copy(out->code, sizeof out->code, r.code);
		store_copy(out->kind, sizeof out->kind, r.kind);
		store_copy(out->rncp, sizeof out->rncp, r.rncp);
		store_copy(out->identifier, sizeof out->identifier, r.identifier);
		store_copy(out->level, sizeof out->level, r.level);
		store_copy(out->status, sizeof out->status, r.status);
		store_copy(out->hash, sizeof out->hash, r.hash);
		store_copy(out->updated_at, sizeof out->updated_at, r.updated_at);
		out->title = xstrdup(r.title);
		out->branch = r.branch;
		out->version = r.version;
	}
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static void cert_bind(const struct db_engine *eng, struct db_stmt *s,
	const struct cert_write *w)
{
	BT(s, 2, w->kind);
	BT(s, 3, w->rncp);
	BT(s, 4, w->identifier);
	BT(s, 5, w->title);
	BT(s, 6, w->level);
	BT(s, 7, w->status);
	BI(s, 8, w->branch);
	BI(s, 9, w->version);
	BT(s, 10, w->hash);
	BT(s, 11, w->search);
	BT(s, 12, w->nsf);
	BT(s, 13, w->rome);
	BT(s, 14, w->at);
}

int store_cert_insert(struct store *st, const struct cert_write *w, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_INSERT);
	BT(s, 1, w->code);
	cert_bind(eng, s, w);
	return store_insert_id(eng, s, id);
}

int store_cert_update(struct store *st, int64_t id, const struct cert_write *w)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_UPDATE);
	BI(s, 1, id);
	cert_bind(eng, s, w);
	return store_write_done(eng, s);
}

int store_cert_version_put(struct store *st, int64_t id, int version,
	const char *hash, const char *doc, const char *source, const char *at,
	const char *by)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_VERSION_INSERT);
	BI(s, 1, id);
	BI(s, 2, version);
	BT(s, 3, hash);
	BT(s, 4, doc);
	BT(s, 5, source);
	BT(s, 6, at);
	BT(s, 7, by);
	return store_write_done(eng, s);
}

char *store_cert_doc(struct store *st, int64_t id, int version)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_VERSION_GET);
	char *doc = NULL;
	BI(s, 1, id);
	BI(s, 2, version);
	if (eng->step(s) == DB_ROW)
		doc = xstrdup(CT(s, 0));
	eng->reset(s);
	return doc;
}

int store_cert_versions(struct store *st, int64_t id, cert_version_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_VERSIONS);
	int rc;
	BI(s, 1, id);
	while ((rc = eng->step(s)) == DB_ROW) {
		struct cert_version_row r = {
			(int)CI(s, 0), CT(s, 1), CT(s, 2), CT(s, 3), CT(s, 4) };
		if (fn(arg, &r))
			break;
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

/* Binds the filters. Words of three letters or more go into one MATCH
** expression for the trigram index (?10); shorter ones are LIKE patterns
** (?4..?7, '%' when unused). Returns 1 when the index is used. Words are
** folded text (letters, digits), so they need no quoting beyond the
** phrase quotes. */
static int filter_bind(const struct db_engine *eng, struct db_stmt *s,
	const struct cert_filter *f)
{
	char pat[4][300];
	struct buf match = BUF_INIT;
	int nlike = 0, indexed;

	BT(s, 1, f->kind ? f->kind : "");
	BT(s, 2, f->level ? f->level : "");
	BT(s, 3, f->status ? f->status : "");
	for (int i = 0; i < 4; i++) {
		const char *w = f->words[i];
		if (!w || !*w)
			continue;
		if (strlen(w) >= 3) {
			buf_printf(&match, "%s\"%s\"", match.len ? " " : "", w);
		} else {
			snprintf(pat[nlike], sizeof pat[nlike], "%%%s%%", w);
			nlike++;
		}
	}
	for (int i = 0; i < 4; i++)
		BT(s, 4 + i, i < nlike ? pat[i] : "%");
	indexed = match.len > 0;
	if (indexed)
		BT(s, 10, buf_str(&match));
	else
		eng->bind_null(s, 10);
	buf_release(&match);
	return indexed;
}

/* Above this many matches, walking the list order is cheaper than
** sorting the matches. */
#define SEARCH_WIDE 2000

/* 1 when the filter has a word the trigram index can answer. */
static int has_words(const struct cert_filter *f)
{
	for (int i = 0; i < 4; i++)
		if (f->words[i] && strlen(f->words[i]) >= 3)
			return 1;
	return 0;
}

int store_cert_list(struct store *st, const struct cert_filter *f,
	cert_row_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	/* the planner cannot know how many entries a word matches; the count,
	** taken first for the pager, tells which plan reads fewer rows */
	enum stmt id = !has_words(f) ? ST_CERT_LIST :
		f->matches > SEARCH_WIDE ? ST_CERT_SEARCH_WIDE : ST_CERT_SEARCH;
	struct db_stmt *s = PREP(st, id);
	struct cert_row r;
	int rc;

	filter_bind(eng, s, f);
	BI(s, 8, f->limit > 0 ? f->limit : -1);
	BI(s, 9, f->offset > 0 ? f->offset : 0);
	while ((rc = eng->step(s)) == DB_ROW) {
		cert_row_read(eng, s, &r);
		if (fn(arg, &r))
			break;
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int64_t store_cert_count(struct store *st, const struct cert_filter *f)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, has_words(f) ? ST_CERT_SEARCH_COUNT : ST_CERT_COUNT);
	filter_bind(eng, s, f);
	return store_count(eng, s);
}

int store_cert_levels(struct store *st, level_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CERT_LEVELS);
	int rc;
	while ((rc = eng->step(s)) == DB_ROW)
		if (fn(arg, CT(s, 0), CT(s, 1)))
			break;
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int store_search_optimize(struct store *st)
{
	const struct db_engine *eng = ENG(st);
	return store_write_done(eng, PREP(st, ST_SEARCH_OPTIMIZE));
}

int store_block_index(struct store *st, int64_t cert_id,
	const char *const *codes, int n)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_BLOCK_INDEX_CLEAR);
	BI(s, 1, cert_id);
	if (store_write_done(eng, s))
		return -1;
	for (int i = 0; i < n; i++) {
		if (!codes[i] || !*codes[i])
			continue;
		s = PREP(st, ST_BLOCK_INDEX_PUT);
		BT(s, 1, codes[i]);
		BI(s, 2, cert_id);
		if (store_write_done(eng, s))
			return -1;
	}
	return 0;
}

/* Nomenclatures ------------------------------------------------------------ */

int store_nomen_put(struct store *st, const char *kind, const char *code,
	const char *label, const char *parent)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_NOMEN_PUT);
	BT(s, 1, kind);
	BT(s, 2, code);
	BT(s, 3, label);
	BT(s, 4, parent);
	return store_write_done(eng, s);
}

int store_nomen_get(struct store *st, const char *kind, const char *code,
	char *out, size_t outsz)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_NOMEN_GET);
	int rc;
	BT(s, 1, kind);
	BT(s, 2, code);
	rc = eng->step(s);
	if (rc == DB_ROW)
		store_copy(out, outsz, CT(s, 0));
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t store_nomen_count(struct store *st, const char *kind)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_NOMEN_COUNT);
	BT(s, 1, kind);
	return store_count(eng, s);
}

int store_nomen_search(struct store *st, const char *kind, const char *q,
	int limit, nomen_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_NOMEN_SEARCH);
	int rc;
	BT(s, 1, kind);
	BT(s, 2, q ? q : "");
	BI(s, 3, limit);
	while ((rc = eng->step(s)) == DB_ROW)
		if (fn(arg, CT(s, 0), CT(s, 1), CT(s, 2)))
			break;
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

/* Centres ------------------------------------------------------------------ */

static void centre_read(const struct db_engine *eng, struct db_stmt *s,
	struct centre *c)
{
	c->id = CI(s, 0);
	store_copy(c->code, sizeof c->code, CT(s, 1));
	store_copy(c->name, sizeof c->name, CT(s, 2));
	store_copy(c->region, sizeof c->region, CT(s, 3));
	store_copy(c->address, sizeof c->address, CT(s, 4));
	store_copy(c->email, sizeof c->email, CT(s, 5));
	store_copy(c->created_at, sizeof c->created_at, CT(s, 6));
}

int store_centre_insert(struct store *st, const struct centre *c, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CENTRE_INSERT);
	BT(s, 1, c->code);
	BT(s, 2, c->name);
	BT(s, 3, c->region);
	BT(s, 4, c->address);
	BT(s, 5, c->email);
	BT(s, 6, c->created_at);
	return store_insert_id(eng, s, id);
}

static int centre_one(struct store *st, enum stmt id, const char *key,
	int64_t ikey, struct centre *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, id);
	if (key)
		BT(s, 1, key);
	else
		BI(s, 1, ikey);
	ONE_ROW(eng, s, centre_read, out);
}

int store_centre_by_code(struct store *st, const char *code, struct centre *out)
{
	return centre_one(st, ST_CENTRE_BY_CODE, code, 0, out);
}

int store_centre_by_id(struct store *st, int64_t id, struct centre *out)
{
	return centre_one(st, ST_CENTRE_BY_ID, NULL, id, out);
}

int store_centre_list(struct store *st, int64_t only, centre_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_CENTRE_LIST);
	struct centre *c = xmalloc(sizeof *c);
	int rc;
	BI(s, 1, only);
	while ((rc = eng->step(s)) == DB_ROW) {
		centre_read(eng, s, c);
		if (fn(arg, c))
			break;
	}
	eng->reset(s);
	free(c);
	return rc == DB_ERROR ? -1 : 0;
}

/* Accounts ----------------------------------------------------------------- */

static void account_read(const struct db_engine *eng, struct db_stmt *s,
	struct account *a)
{
	a->id = CI(s, 0);
	store_copy(a->login, sizeof a->login, CT(s, 1));
	store_copy(a->name, sizeof a->name, CT(s, 2));
	store_copy(a->email, sizeof a->email, CT(s, 3));
	a->role = role_from_code(CT(s, 4));
	a->centre_id = CI(s, 5);
	store_copy(a->centre_code, sizeof a->centre_code, CT(s, 6));
	a->disabled = (int)CI(s, 7);
	store_copy(a->created_at, sizeof a->created_at, CT(s, 8));
	store_copy(a->password_hash, sizeof a->password_hash, CT(s, 9));
}

int store_account_insert(struct store *st, const struct account *a, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_INSERT);
	BT(s, 1, a->login);
	BT(s, 2, a->name);
	BT(s, 3, a->email);
	BT(s, 4, role_code(a->role));
	if (a->centre_id)
		BI(s, 5, a->centre_id);
	else
		eng->bind_null(s, 5);
	BT(s, 6, a->password_hash);
	BT(s, 7, a->created_at);
	return store_insert_id(eng, s, id);
}

static int account_one(struct store *st, enum stmt id, const char *key,
	int64_t ikey, struct account *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, id);
	if (key)
		BT(s, 1, key);
	else
		BI(s, 1, ikey);
	ONE_ROW(eng, s, account_read, out);
}

int store_account_by_login(struct store *st, const char *login, struct account *out)
{
	return account_one(st, ST_ACCOUNT_BY_LOGIN, login, 0, out);
}

int store_account_by_id(struct store *st, int64_t id, struct account *out)
{
	return account_one(st, ST_ACCOUNT_BY_ID, NULL, id, out);
}

/* Hands every row of s to fn. */
static int account_rows(const struct db_engine *eng, struct db_stmt *s,
	account_fn fn, void *arg)
{
	struct account *a = xmalloc(sizeof *a);
	int rc;
	while ((rc = eng->step(s)) == DB_ROW) {
		account_read(eng, s, a);
		if (fn(arg, a))
			break;
	}
	eng->reset(s);
	free(a);
	return rc == DB_ERROR ? -1 : 0;
}

int store_account_list(struct store *st, int64_t centre_id, account_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_LIST);
	BI(s, 1, centre_id);
	return account_rows(eng, s, fn, arg);
}

int store_account_of_body(struct store *st, int64_t body_id, int64_t centre_id,
	account_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_OF_BODY);
	BI(s, 1, body_id);
	BI(s, 2, centre_id);
	return account_rows(eng, s, fn, arg);
}

int store_account_set_disabled(struct store *st, int64_t id, int disabled)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_SET_DISABLED);
	BI(s, 1, id);
	BI(s, 2, disabled);
	return store_write_done(eng, s);
}

int store_account_set_password(struct store *st, int64_t id, const char *hash)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_ACCOUNT_SET_PASSWORD);
	BI(s, 1, id);
	BT(s, 2, hash);
	return store_write_done(eng, s);
}

/* Training bodies ---------------------------------------------------------- */

static void body_read(const struct db_engine *eng, struct db_stmt *s, struct body *b)
{
	b->id = CI(s, 0);
	store_copy(b->siret, sizeof b->siret, CT(s, 1));
	store_copy(b->name, sizeof b->name, CT(s, 2));
	store_copy(b->address, sizeof b->address, CT(s, 3));
	store_copy(b->contact, sizeof b->contact, CT(s, 4));
	store_copy(b->email, sizeof b->email, CT(s, 5));
	store_copy(b->phone, sizeof b->phone, CT(s, 6));
	store_copy(b->created_at, sizeof b->created_at, CT(s, 7));
}

int store_body_insert(struct store *st, const struct body *b, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_BODY_INSERT);
	BT(s, 1, b->siret);
	BT(s, 2, b->name);
	BT(s, 3, b->address);
	BT(s, 4, b->contact);
	BT(s, 5, b->email);
	BT(s, 6, b->phone);
	BT(s, 7, b->created_at);
	return store_insert_id(eng, s, id);
}

int store_body_by_siret(struct store *st, const char *siret, struct body *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_BODY_BY_SIRET);
	BT(s, 1, siret);
	ONE_ROW(eng, s, body_read, out);
}

int store_body_by_id(struct store *st, int64_t id, struct body *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_BODY_BY_ID);
	BI(s, 1, id);
	ONE_ROW(eng, s, body_read, out);
}

int store_body_list(struct store *st, store_body_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_BODY_LIST);
	struct body *b = xmalloc(sizeof *b);
	int rc;
	while ((rc = eng->step(s)) == DB_ROW) {
		body_read(eng, s, b);
		if (fn(arg, b))
			break;
	}
	eng->reset(s);
	free(b);
	return rc == DB_ERROR ? -1 : 0;
}

static void hab_read(const struct db_engine *eng, struct db_stmt *s, struct hab_row *h)
{
	h->id = CI(s, 0);
	h->body_id = CI(s, 1);
	h->centre_id = CI(s, 2);
	store_copy(h->siret, sizeof h->siret, CT(s, 3));
	store_copy(h->body_name, sizeof h->body_name, CT(s, 4));
	store_copy(h->centre_code, sizeof h->centre_code, CT(s, 5));
	store_copy(h->status, sizeof h->status, CT(s, 6));
	store_copy(h->assessed_on, sizeof h->assessed_on, CT(s, 7));
	h->site_visit = (int)CI(s, 8);
	store_copy(h->findings, sizeof h->findings, CT(s, 9));
	store_copy(h->granted_on, sizeof h->granted_on, CT(s, 10));
	store_copy(h->refused_on, sizeof h->refused_on, CT(s, 11));
	store_copy(h->withdrawn_on, sizeof h->withdrawn_on, CT(s, 12));
	store_copy(h->motive, sizeof h->motive, CT(s, 13));
	store_copy(h->updated_at, sizeof h->updated_at, CT(s, 14));
}

int store_hab_get(struct store *st, int64_t body_id, int64_t centre_id,
	struct hab_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_HAB_GET);
	BI(s, 1, body_id);
	BI(s, 2, centre_id);
	ONE_ROW(eng, s, hab_read, out);
}

int store_hab_put(struct store *st, const struct hab_row *h)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_HAB_PUT);
	BI(s, 1, h->body_id);
	BI(s, 2, h->centre_id);
	BT(s, 3, h->status);
	BT(s, 4, h->assessed_on);
	BI(s, 5, h->site_visit);
	BT(s, 6, h->findings);
	BT(s, 7, h->granted_on);
	BT(s, 8, h->refused_on);
	BT(s, 9, h->withdrawn_on);
	BT(s, 10, h->motive);
	BT(s, 11, h->updated_at);
	return store_write_done(eng, s);
}

int store_hab_list(struct store *st, int64_t centre_id, int64_t body_id,
	const char *status, hab_row_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_HAB_LIST);
	struct hab_row *h = xmalloc(sizeof *h);
	int rc;
	BI(s, 1, centre_id);
	BI(s, 2, body_id);
	BT(s, 3, status ? status : "");
	while ((rc = eng->step(s)) == DB_ROW) {
		hab_read(eng, s, h);
		if (fn(arg, h))
			break;
	}
	eng->reset(s);
	free(h);
	return rc == DB_ERROR ? -1 : 0;
}

/* Sessions ----------------------------------------------------------------- */

int store_session_insert(struct store *st, const char *token_hash,
	int64_t account_id, const char *csrf, int64_t now, int64_t expires)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_SESSION_INSERT);
	BT(s, 1, token_hash);
	BI(s, 2, account_id);
	BT(s, 3, csrf);
	BI(s, 4, now);
	BI(s, 5, expires);
	return store_write_done(eng, s);
}

int store_session_get(struct store *st, const char *token_hash, int64_t now,
	int64_t *account_id, char *csrf, size_t csrfsz)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_SESSION_GET);
	int rc;
	BT(s, 1, token_hash);
	BI(s, 2, now);
	rc = eng->step(s);
	if (rc == DB_ROW) {
		*account_id = CI(s, 0);
		store_copy(csrf, csrfsz, CT(s, 1));
	}
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int delete_by(struct store *st, enum stmt id, const char *key, int64_t ikey)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, id);
	if (key)
		BT(s, 1, key);
	else
		BI(s, 1, ikey);
	return store_write_done(eng, s);
}

int store_session_delete(struct store *st, const char *token_hash)
{
	return delete_by(st, ST_SESSION_DELETE, token_hash, 0);
}

int store_session_delete_account(struct store *st, int64_t account_id)
{
	return delete_by(st, ST_SESSION_DELETE_ACCOUNT, NULL, account_id);
}

int store_session_purge(struct store *st, int64_t now)
{
	return delete_by(st, ST_SESSION_PURGE, NULL, now);
}

/* Login throttling ---------------------------------------------------------- */

int store_throttle_get(struct store *st, const char *key, int *failures,
	int64_t *window_start)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_THROTTLE_GET);
	int rc;
	BT(s, 1, key);
	rc = eng->step(s);
	if (rc == DB_ROW) {
		*failures = (int)CI(s, 0);
		*window_start = CI(s, 1);
	}
	eng->reset(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int store_throttle_put(struct store *st, const char *key, int failures,
	int64_t window_start)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_THROTTLE_PUT);
	BT(s, 1, key);
	BI(s, 2, failures);
	BI(s, 3, window_start);
	return store_write_done(eng, s);
}

int store_throttle_clear(struct store *st, const char *key)
{
	return delete_by(st, ST_THROTTLE_CLEAR, key, 0);
}

/* Audit -------------------------------------------------------------------- */

int store_audit_last(struct store *st, int64_t *id, char hash[65])
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AUDIT_LAST);
	int rc = eng->step(s);
	if (rc == DB_ROW) {
		*id = CI(s, 0);
		store_copy(hash, 65, CT(s, 1));
	} else {
		*id = 0;
		store_copy(hash, 65, AUDIT_GENESIS);
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int store_audit_insert(struct store *st, const struct audit_row *r)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AUDIT_INSERT);
	BI(s, 1, r->id);
	BT(s, 2, r->at);
	BT(s, 3, r->actor);
	BT(s, 4, r->action);
	BT(s, 5, r->object);
	BT(s, 6, r->detail);
	BT(s, 7, r->prev_hash);
	BT(s, 8, r->hash);
	return store_write_done(eng, s);
}

static int audit_rows(const struct db_engine *eng, struct db_stmt *s,
	audit_fn fn, void *arg)
{
	int rc;
	while ((rc = eng->step(s)) == DB_ROW) {
		struct audit_row r = { CI(s, 0), CT(s, 1), CT(s, 2), CT(s, 3),
			CT(s, 4), CT(s, 5), CT(s, 6), CT(s, 7) };
		if (fn(arg, &r))
			break;
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int store_audit_list(struct store *st, const char *object, int limit,
	audit_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_AUDIT_LIST);
	BT(s, 1, object ? object : "");
	BI(s, 2, limit);
	return audit_rows(eng, s, fn, arg);
}

int store_audit_all(struct store *st, audit_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	return audit_rows(eng, PREP(st, ST_AUDIT_ALL), fn, arg);
}
