/*
** All the SQL of cqpm for SQLite: the numbered migrations and one
** statement per `enum stmt` (see db.h). Keep the SQL portable (standard
** types, no engine-only functions beyond what PostgreSQL also has) so that
** sql_pgsql.c is a translation, not a redesign.
*/
#include "store/sql.h"

/* Migration 1: the foundation (accounts, catalogue, nomenclatures, audit). */
static const char m001[] =
"CREATE TABLE setting (\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL);\n"
"CREATE TABLE centre (\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL,\n"
"  region TEXT NOT NULL DEFAULT '',\n"
"  address TEXT NOT NULL DEFAULT '',\n"
"  email TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL);\n"
"CREATE TABLE account (\n"
"  id INTEGER PRIMARY KEY,\n"
"  login TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL,\n"
"  email TEXT NOT NULL DEFAULT '',\n"
"  role TEXT NOT NULL CHECK (role IN ('admin','centre','evaluator','jury','training_body')),\n"
"  centre_id INTEGER REFERENCES centre(id),\n"
"  password_hash TEXT NOT NULL,\n"
"  disabled INTEGER NOT NULL DEFAULT 0,\n"
"  created_at TEXT NOT NULL,\n"
"  CHECK ((role = 'admin') = (centre_id IS NULL)));\n"
"CREATE INDEX account_centre ON account(centre_id, login);\n"
"CREATE TABLE session (\n"
"  token_hash TEXT PRIMARY KEY,\n"
"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n"
"  csrf TEXT NOT NULL,\n"
"  created_at INTEGER NOT NULL,\n"
"  expires_at INTEGER NOT NULL);\n"
"CREATE INDEX session_account ON session(account_id);\n"
"CREATE INDEX session_expiry ON session(expires_at);\n"
"CREATE TABLE login_throttle (\n"
"  key TEXT PRIMARY KEY,\n"
"  failures INTEGER NOT NULL,\n"
"  window_start INTEGER NOT NULL);\n"
"CREATE TABLE certification (\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  kind TEXT NOT NULL,\n"
"  rncp TEXT NOT NULL DEFAULT '',\n"
"  identifier TEXT NOT NULL DEFAULT '',\n"
"  title TEXT NOT NULL,\n"
"  level TEXT NOT NULL DEFAULT '',\n"
"  status TEXT NOT NULL,\n"
"  branch INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL,\n"
"  hash TEXT NOT NULL,\n"
"  search TEXT NOT NULL,\n"
"  nsf TEXT NOT NULL DEFAULT '',\n"
"  rome TEXT NOT NULL DEFAULT '',\n"
"  updated_at TEXT NOT NULL);\n"
"CREATE INDEX certification_rncp ON certification(rncp);\n"
"CREATE INDEX certification_identifier ON certification(identifier);\n"
"CREATE INDEX certification_order ON certification(branch DESC, title, code);\n"
"CREATE INDEX certification_kind ON certification(kind, branch DESC, title);\n"
"CREATE INDEX certification_level ON certification(level, branch DESC, title);\n"
"CREATE TABLE certification_version (\n"
"  certification_id INTEGER NOT NULL REFERENCES certification(id),\n"
"  version INTEGER NOT NULL,\n"
"  hash TEXT NOT NULL,\n"
"  doc TEXT NOT NULL,\n"
"  source TEXT NOT NULL,\n"
"  created_at TEXT NOT NULL,\n"
"  created_by TEXT NOT NULL,\n"
"  PRIMARY KEY (certification_id, version));\n"
"CREATE TABLE block_index (\n"
"  code TEXT NOT NULL,\n"
"  certification_id INTEGER NOT NULL REFERENCES certification(id),\n"
"  PRIMARY KEY (code, certification_id));\n"
"CREATE INDEX block_index_cert ON block_index(certification_id);\n"
"CREATE TABLE nomenclature (\n"
"  kind TEXT NOT NULL,\n"
"  code TEXT NOT NULL,\n"
"  label TEXT NOT NULL,\n"
"  parent TEXT NOT NULL DEFAULT '',\n"
"  PRIMARY KEY (kind, code));\n"
"CREATE TABLE audit (\n"
"  id INTEGER PRIMARY KEY,\n"
"  at TEXT NOT NULL,\n"
"  actor TEXT NOT NULL,\n"
"  action TEXT NOT NULL,\n"
"  object TEXT NOT NULL,\n"
"  detail TEXT NOT NULL,\n"
"  prev_hash TEXT NOT NULL,\n"
"  hash TEXT NOT NULL);\n"
"CREATE INDEX audit_object ON audit(object, id);\n"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;\n"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;\n";

/* Migration 2: an index for the catalogue search. The search column holds
** folded text (title, codes, NSF, ROME, level); a trigram full-text index
** answers LIKE '%word%' without scanning every entry (the PostgreSQL
** engine does the same with a pg_trgm GIN index on the column). */
static const char m002[] =
"CREATE VIRTUAL TABLE certification_fts USING fts5(search,\n"
"  content='certification', content_rowid='id', tokenize='trigram');\n"
"INSERT INTO certification_fts(certification_fts) VALUES ('rebuild');\n"
"CREATE TRIGGER certification_fts_insert AFTER INSERT ON certification BEGIN\n"
"  INSERT INTO certification_fts(rowid, search) VALUES (new.id, new.search);\n"
"END;\n"
"CREATE TRIGGER certification_fts_delete AFTER DELETE ON certification BEGIN\n"
"  INSERT INTO certification_fts(certification_fts, rowid, search)\n"
"    VALUES ('delete', old.id, old.search);\n"
"END;\n"
"CREATE TRIGGER certification_fts_update AFTER UPDATE OF search ON certification BEGIN\n"
"  INSERT INTO certification_fts(certification_fts, rowid, search)\n"
"    VALUES ('delete', old.id, old.search);\n"
"  INSERT INTO certification_fts(rowid, search) VALUES (new.id, new.search);\n"
"END;\n";

/* Migration 3: training bodies and their habilitation by the centres
** (R-HAB-1, R-HAB-2). */
static const char m003[] =
"CREATE TABLE training_body (\n"
"  id INTEGER PRIMARY KEY,\n"
"  siret TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL,\n"
"  address TEXT NOT NULL DEFAULT '',\n"
"  contact TEXT NOT NULL DEFAULT '',\n"
"  email TEXT NOT NULL DEFAULT '',\n"
"  phone TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL);\n"
"CREATE INDEX training_body_name ON training_body(name);\n"
"CREATE TABLE habilitation (\n"
"  id INTEGER PRIMARY KEY,\n"
"  body_id INTEGER NOT NULL REFERENCES training_body(id),\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  status TEXT NOT NULL CHECK (status IN ('pending','granted','refused','withdrawn')),\n"
"  assessed_on TEXT NOT NULL DEFAULT '',\n"
"  site_visit INTEGER NOT NULL DEFAULT 0,\n"
"  findings TEXT NOT NULL CHECK (length(findings) = 12),\n"
"  granted_on TEXT NOT NULL DEFAULT '',\n"
"  refused_on TEXT NOT NULL DEFAULT '',\n"
"  withdrawn_on TEXT NOT NULL DEFAULT '',\n"
"  motive TEXT NOT NULL DEFAULT '',\n"
"  updated_at TEXT NOT NULL,\n"
"  UNIQUE (body_id, centre_id));\n"
"CREATE INDEX habilitation_centre ON habilitation(centre_id, status);\n"
"CREATE INDEX habilitation_status ON habilitation(status, body_id);\n";

const char *const sqlite_migrations[] = { m001, m002, m003, NULL };

#define CERT_COLS "c.id, c.code, c.kind, c.rncp, c.identifier, c.title, c.level, " \
	"c.status, c.branch, c.version, c.hash, c.updated_at"

/* Filters of the list: ?1 kind, ?2 level, ?3 status, ?4..?7 LIKE patterns
** on the folded search text ('%' when unused), ?8 limit, ?9 offset. With
** words of three letters or more, ?10 is a MATCH expression for the
** trigram index ("w1" "w2"), whose matches are computed once, then joined;
** shorter words stay LIKE patterns on the matched rows. */
#define CERT_FILTER \
	"WHERE (?1 = '' OR c.kind = ?1) AND (?2 = '' OR c.level = ?2) " \
	"AND (?3 = '' OR c.status = ?3) AND c.search LIKE ?4 AND c.search LIKE ?5 " \
	"AND c.search LIKE ?6 AND c.search LIKE ?7 AND (?10 IS NULL OR 1) "
#define CERT_MATCHED \
	"WITH m(id) AS MATERIALIZED (SELECT rowid FROM certification_fts " \
	"WHERE certification_fts MATCH ?10) "

const char *const sqlite_sql[ST__MAX] = {
	[ST_MIGRATION_INIT] = "CREATE TABLE IF NOT EXISTS schema_migration ("
		"version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
	[ST_MIGRATION_GET] = "SELECT coalesce(max(version), 0) FROM schema_migration",
	[ST_MIGRATION_PUT] = "INSERT INTO schema_migration (version, applied_at) VALUES (?1, ?2)",
	[ST_SETTING_GET] = "SELECT value FROM setting WHERE key = ?1",
	[ST_SETTING_PUT] = "INSERT INTO setting (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value",

	[ST_CERT_BY_CODE] = "SELECT " CERT_COLS " FROM certification c WHERE c.code = ?1",
	[ST_CERT_BY_RNCP] = "SELECT " CERT_COLS " FROM certification c WHERE c.rncp = ?1 "
		"ORDER BY c.branch DESC, c.id LIMIT 1",
	[ST_CERT_BY_IDENTIFIER] = "SELECT " CERT_COLS " FROM certification c "
		"WHERE c.identifier = ?1 LIMIT 1",
	[ST_CERT_BY_BLOCK] = "SELECT " CERT_COLS " FROM certification c "
		"JOIN block_index b ON b.certification_id = c.id WHERE b.code = ?1 "
		"ORDER BY c.branch DESC, c.id LIMIT 1",
	[ST_CERT_INSERT] = "INSERT INTO certification (code, kind, rncp, identifier, title, "
		"level, status, branch, version, hash, search, nsf, rome, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
	[ST_CERT_UPDATE] = "UPDATE certification SET kind = ?2, rncp = ?3, identifier = ?4, "
		"title = ?5, level = ?6, status = ?7, branch = ?8, version = ?9, hash = ?10, "
		"search = ?11, nsf = ?12, rome = ?13, updated_at = ?14 WHERE id = ?1",
	[ST_CERT_VERSION_INSERT] = "INSERT INTO certification_version (certification_id, "
		"version, hash, doc, source, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_CERT_VERSION_GET] = "SELECT doc, hash, source, created_at, created_by "
		"FROM certification_version WHERE certification_id = ?1 AND version = ?2",
	[ST_CERT_VERSIONS] = "SELECT version, hash, source, created_at, created_by "
		"FROM certification_version WHERE certification_id = ?1 ORDER BY version DESC",
	[ST_CERT_LIST] = "SELECT " CERT_COLS " FROM certification c " CERT_FILTER
		"ORDER BY c.branch DESC, c.title, c.code LIMIT ?8 OFFSET ?9",
	[ST_CERT_COUNT] = "SELECT count(*) FROM certification c " CERT_FILTER,
	[ST_CERT_SEARCH] = CERT_MATCHED "SELECT " CERT_COLS " FROM m JOIN certification c "
		"ON c.id = m.id " CERT_FILTER "ORDER BY c.branch DESC, c.title, c.code "
		"LIMIT ?8 OFFSET ?9",
	[ST_CERT_SEARCH_COUNT] = CERT_MATCHED "SELECT count(*) FROM m JOIN certification c "
		"ON c.id = m.id " CERT_FILTER,
	/* for a word found in most entries: walk the list order and keep the
	** matched ones, stopping at the page's end, instead of sorting them all */
	[ST_CERT_SEARCH_WIDE] = CERT_MATCHED "SELECT " CERT_COLS " FROM certification c "
		"INDEXED BY certification_order " CERT_FILTER "AND +c.id IN (SELECT id FROM m) "
		"ORDER BY c.branch DESC, c.title, c.code LIMIT ?8 OFFSET ?9",
	[ST_CERT_LEVELS] = "SELECT code, label FROM nomenclature WHERE kind = 'level' "
		"AND code LIKE 'NIV%' ORDER BY code",
	[ST_SEARCH_OPTIMIZE] = "INSERT INTO certification_fts(certification_fts) VALUES ('optimize')",
	[ST_BLOCK_INDEX_CLEAR] = "DELETE FROM block_index WHERE certification_id = ?1",
	[ST_BLOCK_INDEX_PUT] = "INSERT INTO block_index (code, certification_id) VALUES (?1, ?2) "
		"ON CONFLICT DO NOTHING",

	[ST_NOMEN_PUT] = "INSERT INTO nomenclature (kind, code, label, parent) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (kind, code) DO UPDATE SET label = excluded.label, parent = excluded.parent "
		"WHERE nomenclature.label <> excluded.label OR nomenclature.parent <> excluded.parent",
	[ST_NOMEN_GET] = "SELECT label, parent FROM nomenclature WHERE kind = ?1 AND code = ?2",
	[ST_NOMEN_COUNT] = "SELECT count(*) FROM nomenclature WHERE kind = ?1",
	[ST_NOMEN_SEARCH] = "SELECT code, label, parent FROM nomenclature WHERE kind = ?1 "
		"AND (?2 = '' OR code LIKE ?2 || '%' OR lower(label) LIKE '%' || lower(?2) || '%') "
		"ORDER BY code LIMIT ?3",

	[ST_CENTRE_INSERT] = "INSERT INTO centre (code, name, region, address, email, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
	[ST_CENTRE_BY_CODE] = "SELECT id, code, name, region, address, email, created_at "
		"FROM centre WHERE code = ?1",
	[ST_CENTRE_BY_ID] = "SELECT id, code, name, region, address, email, created_at "
		"FROM centre WHERE id = ?1",
	[ST_CENTRE_LIST] = "SELECT id, code, name, region, address, email, created_at "
		"FROM centre WHERE (?1 = 0 OR id = ?1) ORDER BY code",

	[ST_ACCOUNT_INSERT] = "INSERT INTO account (login, name, email, role, centre_id, "
		"password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
	[ST_ACCOUNT_BY_LOGIN] = "SELECT a.id, a.login, a.name, a.email, a.role, "
		"coalesce(a.centre_id, 0), coalesce(c.code, ''), a.disabled, a.created_at, a.password_hash "
		"FROM account a LEFT JOIN centre c ON c.id = a.centre_id WHERE a.login = ?1",
	[ST_ACCOUNT_BY_ID] = "SELECT a.id, a.login, a.name, a.email, a.role, "
		"coalesce(a.centre_id, 0), coalesce(c.code, ''), a.disabled, a.created_at, a.password_hash "
		"FROM account a LEFT JOIN centre c ON c.id = a.centre_id WHERE a.id = ?1",
	[ST_ACCOUNT_LIST] = "SELECT a.id, a.login, a.name, a.email, a.role, "
		"coalesce(a.centre_id, 0), coalesce(c.code, ''), a.disabled, a.created_at, '' "
		"FROM account a LEFT JOIN centre c ON c.id = a.centre_id "
		"WHERE (?1 = 0 OR a.centre_id = ?1) ORDER BY a.login",
	[ST_ACCOUNT_SET_DISABLED] = "UPDATE account SET disabled = ?2 WHERE id = ?1",
	[ST_ACCOUNT_SET_PASSWORD] = "UPDATE account SET password_hash = ?2 WHERE id = ?1",

	[ST_BODY_INSERT] = "INSERT INTO training_body (siret, name, address, contact, email, "
		"phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
	[ST_BODY_BY_SIRET] = "SELECT id, siret, name, address, contact, email, phone, created_at "
		"FROM training_body WHERE siret = ?1",
	[ST_BODY_LIST] = "SELECT id, siret, name, address, contact, email, phone, created_at "
		"FROM training_body ORDER BY name, siret",
	[ST_HAB_GET] = "SELECT h.id, h.body_id, h.centre_id, b.siret, b.name, c.code, h.status, "
		"h.assessed_on, h.site_visit, h.findings, h.granted_on, h.refused_on, h.withdrawn_on, "
		"h.motive, h.updated_at FROM habilitation h JOIN training_body b ON b.id = h.body_id "
		"JOIN centre c ON c.id = h.centre_id WHERE h.body_id = ?1 AND h.centre_id = ?2",
	[ST_HAB_PUT] = "INSERT INTO habilitation (body_id, centre_id, status, assessed_on, site_visit, "
		"findings, granted_on, refused_on, withdrawn_on, motive, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
		"ON CONFLICT (body_id, centre_id) DO UPDATE SET status = excluded.status, "
		"assessed_on = excluded.assessed_on, site_visit = excluded.site_visit, "
		"findings = excluded.findings, granted_on = excluded.granted_on, "
		"refused_on = excluded.refused_on, withdrawn_on = excluded.withdrawn_on, "
		"motive = excluded.motive, updated_at = excluded.updated_at",
	[ST_HAB_LIST] = "SELECT h.id, h.body_id, h.centre_id, b.siret, b.name, c.code, h.status, "
		"h.assessed_on, h.site_visit, h.findings, h.granted_on, h.refused_on, h.withdrawn_on, "
		"h.motive, h.updated_at FROM habilitation h JOIN training_body b ON b.id = h.body_id "
		"JOIN centre c ON c.id = h.centre_id WHERE (?1 = 0 OR h.centre_id = ?1) "
		"AND (?2 = 0 OR h.body_id = ?2) AND (?3 = '' OR h.status = ?3) "
		"ORDER BY b.name, c.code",

	[ST_SESSION_INSERT] = "INSERT INTO session (token_hash, account_id, csrf, created_at, "
		"expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_SESSION_GET] = "SELECT s.account_id, s.csrf, s.expires_at FROM session s "
		"JOIN account a ON a.id = s.account_id "
		"WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND a.disabled = 0",
	[ST_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
	[ST_SESSION_DELETE_ACCOUNT] = "DELETE FROM session WHERE account_id = ?1",
	[ST_SESSION_PURGE] = "DELETE FROM session WHERE expires_at <= ?1",

	[ST_THROTTLE_GET] = "SELECT failures, window_start FROM login_throttle WHERE key = ?1",
	[ST_THROTTLE_PUT] = "INSERT INTO login_throttle (key, failures, window_start) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
		"window_start = excluded.window_start",
	[ST_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE key = ?1",

	[ST_AUDIT_LAST] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
	[ST_AUDIT_INSERT] = "INSERT INTO audit (id, at, actor, action, object, detail, "
		"prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_AUDIT_LIST] = "SELECT id, at, actor, action, object, detail, prev_hash, hash "
		"FROM audit WHERE (?1 = '' OR object = ?1) ORDER BY id DESC LIMIT ?2",
	[ST_AUDIT_ALL] = "SELECT id, at, actor, action, object, detail, prev_hash, hash "
		"FROM audit ORDER BY id",
};
