/*
** The SQLite engine behind `struct db_engine` (see db.h): WAL journal,
** foreign keys on, statements prepared once per connection and cached.
*/
#include "store/db.h"
#include "store/sql.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_stmt {
	sqlite3_stmt *st;
};

struct sqlite_store {
	struct store_base base;      /* must be first */
	sqlite3 *db;
	struct db_stmt stmts[ST__MAX];
};

#define SQ(st) ((struct sqlite_store *)(st))

static pthread_once_t config_once = PTHREAD_ONCE_INIT;

/* Process-wide settings, before SQLite initialises: no memory statistics,
** so that allocations do not all take one global lock (each connection is
** used by one thread only). */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* French wording of the errors met when opening a database. */
static const char *open_error_fr(int code)
{
	switch (code & 0xff) {
	case SQLITE_CANTOPEN: return "fichier impossible à ouvrir ou à créer (dossier inexistant ou droits insuffisants)";
	case SQLITE_NOTADB: return "ce fichier n'est pas une base de données SQLite";
	case SQLITE_CORRUPT: return "base endommagée";
	case SQLITE_READONLY: return "base en lecture seule";
	case SQLITE_PERM: case SQLITE_AUTH: return "accès refusé";
	case SQLITE_BUSY: case SQLITE_LOCKED: return "base verrouillée par un autre programme";
	case SQLITE_FULL: return "disque plein";
	case SQLITE_IOERR: return "erreur d'entrée-sortie";
	default: return "erreur SQLite";
	}
}

static struct store *sq_open(const char *path, char *err, size_t errsz)
{
	struct sqlite_store *s;
	int rc;

	pthread_once(&config_once, configure);
	s = xcalloc(1, sizeof *s);

	s->base.engine = &db_sqlite;
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
		SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "impossible d'ouvrir la base « %s » : %s", path,
			open_error_fr(s->db ? sqlite3_errcode(s->db) : rc));
		sqlite3_close(s->db);
		free(s);
		return NULL;
	}
	sqlite3_busy_timeout(s->db, 10000);
	/* plans do not depend on bound values: a LIKE pattern bound again
	** does not recompile the statement */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, NULL);
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
		"PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
		NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "base « %s » inutilisable : %s", path,
			open_error_fr(sqlite3_errcode(s->db)));
		sqlite3_close(s->db);
		free(s);
		return NULL;
	}
	return (struct store *)s;
}

static void sq_close(struct store *st)
{
	struct sqlite_store *s = SQ(st);
	if (!s)
		return;
	for (int i = 0; i < ST__MAX; i++)
		sqlite3_finalize(s->stmts[i].st);
	sqlite3_close(s->db);
	free(s);
}

static int sq_exec(struct store *st, const char *sql)
{
	if (sqlite3_exec(SQ(st)->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "cqpm: sqlite: %s\n", sqlite3_errmsg(SQ(st)->db));
		return DB_ERROR;
	}
	return 0;
}

static struct db_stmt *sq_prepare(struct store *st, enum stmt id)
{
	struct sqlite_store *s = SQ(st);
	struct db_stmt *ds = &s->stmts[id];

	if (!ds->st) {
		if (!sqlite_sql[id] || sqlite3_prepare_v3(s->db, sqlite_sql[id], -1,
			SQLITE_PREPARE_PERSISTENT, &ds->st, NULL) != SQLITE_OK) {
			/* A statement of ours that does not prepare is a bug. */
			fprintf(stderr, "cqpm: BUG: statement %d: %s\n", (int)id,
				sqlite3_errmsg(s->db));
			abort();
		}
	} else {
		sqlite3_reset(ds->st);
		sqlite3_clear_bindings(ds->st);
	}
	return ds;
}

static void sq_bind_text(struct db_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s->st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct db_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->st, i, v);
}

static void sq_bind_null(struct db_stmt *s, int i)
{
	sqlite3_bind_null(s->st, i);
}

static void sq_bind_blob(struct db_stmt *s, int i, const void *v, size_t n)
{
	sqlite3_bind_blob64(s->st, i, n ? v : "", (sqlite3_uint64)n, SQLITE_STATIC);
}

static int sq_step(struct db_stmt *s)
{
	int rc = sqlite3_step(s->st);
	switch (rc & 0xff) {
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE: return DB_DONE;
	case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
	case SQLITE_BUSY: case SQLITE_LOCKED: return DB_BUSY;
	default:
		fprintf(stderr, "cqpm: sqlite: %s\n",
			sqlite3_errmsg(sqlite3_db_handle(s->st)));
		return DB_ERROR;
	}
}

static const char *sq_col_text(struct db_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s->st, i);
	return t ? (const char *)t : "";
}

static int64_t sq_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

static int sq_col_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static const void *sq_col_blob(struct db_stmt *s, int i)
{
	return sqlite3_column_blob(s->st, i);
}

static size_t sq_col_bytes(struct db_stmt *s, int i)
{
	return (size_t)sqlite3_column_bytes(s->st, i);
}

static void sq_reset(struct db_stmt *s)
{
	sqlite3_reset(s->st);
}

static int sq_begin(struct store *st)
{
	int rc = sqlite3_exec(SQ(st)->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : (rc & 0xff) == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

static int sq_commit(struct store *st)
{
	return sq_exec(st, "COMMIT");
}

static int sq_rollback(struct store *st)
{
	struct sqlite_store *s = SQ(st);
	/* finish any statement still stepping, then roll back */
	for (int i = 0; i < ST__MAX; i++)
		if (s->stmts[i].st)
			sqlite3_reset(s->stmts[i].st);
	if (sqlite3_get_autocommit(s->db))
		return 0;
	return sq_exec(st, "ROLLBACK");
}

static const char *sq_errmsg(struct store *st)
{
	return sqlite3_errmsg(SQ(st)->db);
}

const struct db_engine db_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_null = sq_bind_null,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_null = sq_col_null,
	.col_blob = sq_col_blob,
	.col_bytes = sq_col_bytes,
	.reset = sq_reset,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.errmsg = sq_errmsg,
	.migrations = sqlite_migrations,
};
