/*
** The database seam: one table of functions per SQL engine (lwan's
** `struct db`), and every statement of the program named in one enum whose
** SQL text lives in one array per engine (kcaldav's `stmts[STMT__MAX]`).
**
** SQLite is the engine today (sqlite.c, sql_sqlite.c). A PostgreSQL
** engine implements the same `struct db_engine` over libpq with its own
** SQL array; nothing above this file changes.
**
** A `struct store` is one connection: not shared between threads.
*/
#ifndef CQPM_DB_H
#define CQPM_DB_H
#include <stddef.h>
#include <stdint.h>

enum stmt {
	ST_MIGRATION_INIT,
	ST_MIGRATION_GET,
	ST_MIGRATION_PUT,
	/* settings */
	ST_SETTING_GET,
	ST_SETTING_PUT,
	/* catalogue */
	ST_CERT_BY_CODE,
	ST_CERT_BY_RNCP,
	ST_CERT_BY_IDENTIFIER,
	ST_CERT_BY_BLOCK,
	ST_CERT_INSERT,
	ST_CERT_UPDATE,
	ST_CERT_VERSION_INSERT,
	ST_CERT_VERSION_GET,
	ST_CERT_VERSIONS,
	ST_CERT_LIST,
	ST_CERT_COUNT,
	ST_CERT_SEARCH,
	ST_CERT_SEARCH_COUNT,
	ST_CERT_SEARCH_WIDE,
	ST_CERT_LEVELS,
	ST_SEARCH_OPTIMIZE,
	ST_BLOCK_INDEX_CLEAR,
	ST_BLOCK_INDEX_PUT,
	/* nomenclatures */
	ST_NOMEN_PUT,
	ST_NOMEN_GET,
	ST_NOMEN_COUNT,
	ST_NOMEN_SEARCH,
	/* centres */
	ST_CENTRE_INSERT,
	ST_CENTRE_BY_CODE,
	ST_CENTRE_BY_ID,
	ST_CENTRE_LIST,
	/* accounts */
	ST_ACCOUNT_INSERT,
	ST_ACCOUNT_BY_LOGIN,
	ST_ACCOUNT_BY_ID,
	ST_ACCOUNT_LIST,
	ST_ACCOUNT_SET_DISABLED,
	ST_ACCOUNT_SET_PASSWORD,
	/* training bodies */
	ST_BODY_INSERT,
	ST_BODY_BY_SIRET,
	ST_BODY_LIST,
	ST_HAB_GET,
	ST_HAB_PUT,
	ST_HAB_LIST,
	/* candidates and registrations */
	ST_CANDIDATE_INSERT,
	ST_CANDIDATE_UPDATE,
	ST_CANDIDATE_GET,
	ST_CANDIDATE_BY_KEY,
	ST_REG_INSERT,
	ST_REG_GET,
	ST_REG_ACTIVE_COUNT,
	ST_REG_SET_STATUS,
	ST_REG_OF_CANDIDATE,
	ST_REG_LIST,
	ST_REG_TALLY,
	ST_REG_SEARCH,
	ST_REG_SEARCH_COUNT,
	ST_REG_LIST_CENTRE,
	ST_REG_LIST_JURY,
	ST_REG_COUNT_JURY,
	ST_REG_PICK,
	ST_REG_PICK_COUNT,
	ST_REG_SEARCH_WIDE,
	ST_REG_MAX_ID,
	ST_ACCOUNT_OF_BODY,
	ST_ACQUIRED_INSERT,
	ST_ACQUIRED_OF_CANDIDATE,
	ST_ACCOUNT_SET_BODY,
	ST_ACCOUNT_BODY,
	ST_BODY_BY_ID,
	ST_ASSIGNED,
	ST_EVAL_OF_REG,
	/* evaluation: dossier, assignments, results, company opinion */
	ST_DOSSIER_GET,
	ST_DOSSIER_PUT,
	ST_ASSIGN_INSERT,
	ST_ASSIGN_DELETE,
	ST_ASSIGN_OF_REG,
	ST_EVAL_GET,
	ST_EVAL_PUT,
	ST_OPINION_GET,
	ST_OPINION_PUT,

	/* vae: admissibility file, validation commission */
	ST_VAE_FILE_GET,
	ST_VAE_FILE_PUT,
	ST_VAE_COMMISSION_GET,
	ST_VAE_COMMISSION_PUT,
	ST_VAE_LIVRET2_COUNT,

	/* documents */
	ST_DOC_INSERT,
	ST_DOC_GET,
	ST_DOC_CONTENT,
	ST_DOC_OF_CANDIDATE,
	ST_DOC_COUNT,
	ST_DOC_COUNT_TYPE,
	ST_DOC_DELETE,

	/* jury: unions, calendar, members, notices, candidates, decisions
	** (store_jury.c) */
	ST_UNION_PUT,
	ST_UNION_GET,
	ST_UNION_LIST,
	ST_CENTRE_DOCS_GET,
	ST_CENTRE_DOCS_PUT,
	ST_CENTRE_IMAGE,
	ST_JURY_INSERT,
	ST_JURY_GET,
	ST_JURY_UPDATE,
	ST_JURY_LIST,
	ST_JURY_SITS,
	ST_JURY_CERT_ADD,
	ST_JURY_CERT_REMOVE,
	ST_JURY_CERTS,
	ST_JURY_MEMBER_INSERT,
	ST_JURY_MEMBER_DELETE,
	ST_JURY_MEMBERS,
	ST_JURY_MEMBER_CONVENE,
	ST_JURY_MEMBERS_UNCONVENE,
	ST_JURY_ATTENDANCE,
	ST_JURY_REQUEST_PUT,
	ST_JURY_REQUEST_DELETE,
	ST_JURY_REQUESTS,
	ST_JURY_NOTICE_INSERT,
	ST_JURY_NOTICE_DETACH,
	ST_JURY_NOTICE_MAIL,
	ST_JURY_CANDIDATE_ADD,
	ST_JURY_CANDIDATE_REMOVE,
	ST_JURY_OF_REGISTRATION,
	ST_JURY_CANDIDATES,
	ST_JURY_CANDIDATE_NUMBER,
	ST_JURY_ELIGIBLE,
	ST_REG_SET_NEXT_JURY,
	ST_JURY_CANDIDATES_NEXT,
	ST_DECISION_CURRENT,
	ST_DECISION_INSERT,
	ST_DECISION_REPLACE,
	ST_DECISION_SUPERSEDE,
	ST_DECISIONS_FINALIZE,
	ST_DECISIONS_OF_JURY,
	ST_JURY_CERTIFICATES,
	ST_JURY_CORRECTIVES,

	/* certificates, counters, GTP records and withdrawals (store_award.c) */
	ST_AWARD_JURY,
	ST_AWARD_DECISIONS,
	ST_AWARD_DECISION_GET,
	ST_AWARD_REG_CLOSE,
	ST_AWARD_ACQUIRED_PUT,
	ST_AWARD_ACQUIRED_CLEAR,
	ST_CERT_COUNTER_GET,
	ST_CERT_COUNTER_PUT,
	ST_CERTIFICATE_INSERT,
	ST_CERTIFICATE_GET,
	ST_CERTIFICATE_OF_JURY_REG,
	ST_CERTIFICATE_OF_CANDIDATE,
	ST_CERTIFICATE_CANCEL,
	ST_CERTIFICATE_DUPLICATE,
	ST_CERTIFICATE_VERIFY,
	ST_GTP_LIST,
	ST_GTP_SET_SENT,
	ST_GTP_SET_ATTRIBUTED,
	ST_GTP_CORRECTIVE_INSERT,
	ST_GTP_CORRECTIVE_GET,
	ST_GTP_CORRECTIVE_FOLLOW,
	ST_GTP_CORRECTIVE_OF_CENTRE,
	ST_GTP_WITHDRAWALS,
	ST_GTP_WITHDRAWAL_INSERT,
	ST_GTP_WITHDRAWAL_CLOSE,

	/* sessions */
	ST_SESSION_INSERT,
	ST_SESSION_GET,
	ST_SESSION_DELETE,
	ST_SESSION_DELETE_ACCOUNT,
	ST_SESSION_PURGE,
	/* login throttling */
	ST_THROTTLE_GET,
	ST_THROTTLE_PUT,
	ST_THROTTLE_CLEAR,
	/* audit */
	ST_AUDIT_LAST,
	ST_AUDIT_INSERT,
	ST_AUDIT_LIST,
	ST_AUDIT_ALL,
	ST__MAX
};

enum db_rc { DB_DONE = 0, DB_ROW = 1, DB_ERROR = -1, DB_CONSTRAINT = -2,
	DB_BUSY = -3 };

struct store;
struct db_stmt;

struct db_engine {
	const char *name;
	/* Opens a connection; on failure returns NULL and fills err. */
	struct store *(*open)(const char *target, char *err, size_t errsz);
	void (*close)(struct store *st);
	/* Runs a script of statements (migrations). 0 or DB_ERROR. */
	int (*exec)(struct store *st, const char *sql);
	/* The prepared statement for id, reset and ready to bind. */
	struct db_stmt *(*prepare)(struct store *st, enum stmt id);
	void (*bind_text)(struct db_stmt *s, int idx, const char *v);
	void (*bind_int)(struct db_stmt *s, int idx, int64_t v);
	void (*bind_null)(struct db_stmt *s, int idx);
	/* n bytes at v, which must stay valid until the statement is stepped
	** to its end and reset (not copied: a document is bound once). */
	void (*bind_blob)(struct db_stmt *s, int idx, const void *v, size_t n);
	int (*step)(struct db_stmt *s);             /* enum db_rc */
	const char *(*col_text)(struct db_stmt *s, int idx); /* never NULL */
	int64_t (*col_int)(struct db_stmt *s, int idx);
	int (*col_null)(struct db_stmt *s, int idx);
	/* A blob column: its bytes (valid until the next step or reset; NULL
	** when empty), then its size; call col_blob first. */
	const void *(*col_blob)(struct db_stmt *s, int idx);
	size_t (*col_bytes)(struct db_stmt *s, int idx);
	void (*reset)(struct db_stmt *s);
	int (*begin)(struct store *st);             /* write transaction */
	int (*commit)(struct store *st);
	int (*rollback)(struct store *st);
	const char *(*errmsg)(struct store *st);
	/* Numbered migrations, NULL-terminated: migrations[0] brings the
	** schema to version 1, and so on. */
	const char *const *migrations;
};

/* Every store begins with its engine, so the generic layer can dispatch. */
struct store_base {
	const struct db_engine *engine;
};

extern const struct db_engine db_sqlite;

#endif
