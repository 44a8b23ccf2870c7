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

/* Migration 4: the candidate's path (issue 3): candidates and their
** registrations (R-INS-1..3), the evaluation dossier (R-EVA-1..3), the
** evaluation commission's assignments and results (R-EVA-5, R-EVA-6), the
** company's opinion (R-EVA-3), the blocks kept from an earlier jury
** (R-LET-3), the VAE admissibility file and validation commission
** (R-VAE-1..3) and the documents attached to a candidate. A training
** body's account is tied to its body (R-HAB-2). */
static const char m004[] =
"ALTER TABLE account ADD COLUMN body_id INTEGER REFERENCES training_body(id);\n"
"CREATE TABLE candidate (\n"
"  id INTEGER PRIMARY KEY,\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  identity_key TEXT NOT NULL,\n"
"  birth_name TEXT NOT NULL,\n"
"  usage_name TEXT NOT NULL DEFAULT '',\n"
"  first_names TEXT NOT NULL,\n"
"  sex TEXT NOT NULL CHECK (sex IN ('M','F')),\n"
"  birth_date TEXT NOT NULL,\n"
"  birth_town TEXT NOT NULL,\n"
"  birth_insee TEXT NOT NULL DEFAULT '',\n"
"  birth_department TEXT NOT NULL DEFAULT '',\n"
"  birth_country TEXT NOT NULL,\n"
"  email TEXT NOT NULL DEFAULT '',\n"
"  phone TEXT NOT NULL DEFAULT '',\n"
"  address TEXT NOT NULL DEFAULT '',\n"
"  postal_code TEXT NOT NULL DEFAULT '',\n"
"  city TEXT NOT NULL DEFAULT '',\n"
"  search TEXT NOT NULL,\n"
"  created_at TEXT NOT NULL,\n"
"  updated_at TEXT NOT NULL,\n"
"  UNIQUE (centre_id, identity_key));\n"
"CREATE INDEX candidate_name ON candidate(centre_id, search);\n"
"CREATE VIRTUAL TABLE candidate_fts USING fts5(search,\n"
"  content='candidate', content_rowid='id', tokenize='trigram');\n"
"CREATE TRIGGER candidate_fts_insert AFTER INSERT ON candidate BEGIN\n"
"  INSERT INTO candidate_fts(rowid, search) VALUES (new.id, new.search);\n"
"END;\n"
"CREATE TRIGGER candidate_fts_delete AFTER DELETE ON candidate BEGIN\n"
"  INSERT INTO candidate_fts(candidate_fts, rowid, search)\n"
"    VALUES ('delete', old.id, old.search);\n"
"END;\n"
"CREATE TRIGGER candidate_fts_update AFTER UPDATE OF search ON candidate BEGIN\n"
"  INSERT INTO candidate_fts(candidate_fts, rowid, search)\n"
"    VALUES ('delete', old.id, old.search);\n"
"  INSERT INTO candidate_fts(rowid, search) VALUES (new.id, new.search);\n"
"END;\n"
"CREATE TABLE registration (\n"
"  id INTEGER PRIMARY KEY,\n"
"  candidate_id INTEGER NOT NULL REFERENCES candidate(id),\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  certification_id INTEGER NOT NULL REFERENCES certification(id),\n"
"  cert_version INTEGER NOT NULL,\n"
"  blocks TEXT NOT NULL DEFAULT '',\n"
"  route TEXT NOT NULL,\n"
"  vae_kind TEXT NOT NULL DEFAULT '',\n"
"  registrant TEXT NOT NULL CHECK (registrant IN ('company','training_body','candidate')),\n"
"  origin TEXT NOT NULL CHECK (origin IN ('SL','DE')),\n"
"  funding TEXT NOT NULL,\n"
"  body_id INTEGER REFERENCES training_body(id),\n"
"  company_name TEXT NOT NULL DEFAULT '',\n"
"  company_address TEXT NOT NULL DEFAULT '',\n"
"  company_siret TEXT NOT NULL DEFAULT '',\n"
"  company_naf TEXT NOT NULL DEFAULT '',\n"
"  company_nace TEXT NOT NULL DEFAULT '',\n"
"  sector TEXT NOT NULL DEFAULT '',\n"
"  sector_branch TEXT NOT NULL DEFAULT '',\n"
"  tutor TEXT NOT NULL DEFAULT '',\n"
"  without_agreement INTEGER NOT NULL DEFAULT 0,\n"
"  accommodations TEXT NOT NULL DEFAULT '',\n"
"  registered_on TEXT NOT NULL,\n"
"  status TEXT NOT NULL DEFAULT 'active'\n"
"    CHECK (status IN ('active','admitted','not_admitted','withdrawn')),\n"
"  next_jury TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL,\n"
"  created_by TEXT NOT NULL,\n"
"  updated_at TEXT NOT NULL);\n"
/* the work lists (ST_REG_*): a centre's registrations newest first and
** the whole base newest first, each with the columns of the common
** filters so that a page and a count are read from the index alone; a
** candidate's registrations with the same columns (name search) */
"CREATE INDEX registration_centre ON registration(centre_id, id, status, certification_id,\n"
"  next_jury, candidate_id);\n"
"CREATE INDEX registration_order ON registration(id, centre_id, status, certification_id,\n"
"  next_jury, candidate_id);\n"
"CREATE INDEX registration_candidate ON registration(candidate_id, certification_id, status,\n"
"  centre_id, next_jury);\n"
"CREATE INDEX registration_body ON registration(body_id, status);\n"
"CREATE INDEX registration_company ON registration(company_siret);\n"
"CREATE INDEX registration_jury ON registration(next_jury, centre_id, status, certification_id);\n"
/* the number of registrations by centre, certification and status, kept
** by triggers whoever writes: the totals of the work lists without
** counting rows */
"CREATE TABLE registration_tally (\n"
"  centre_id INTEGER NOT NULL,\n"
"  certification_id INTEGER NOT NULL,\n"
"  status TEXT NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY (centre_id, certification_id, status)) WITHOUT ROWID;\n"
"CREATE TRIGGER registration_tally_insert AFTER INSERT ON registration BEGIN\n"
"  INSERT INTO registration_tally (centre_id, certification_id, status, n)\n"
"    VALUES (new.centre_id, new.certification_id, new.status, 1)\n"
"    ON CONFLICT (centre_id, certification_id, status) DO UPDATE SET n = n + 1;\n"
"END;\n"
"CREATE TRIGGER registration_tally_delete AFTER DELETE ON registration BEGIN\n"
"  UPDATE registration_tally SET n = n - 1 WHERE centre_id = old.centre_id\n"
"    AND certification_id = old.certification_id AND status = old.status;\n"
"END;\n"
"CREATE TRIGGER registration_tally_update\n"
"  AFTER UPDATE OF centre_id, certification_id, status ON registration BEGIN\n"
"  UPDATE registration_tally SET n = n - 1 WHERE centre_id = old.centre_id\n"
"    AND certification_id = old.certification_id AND status = old.status;\n"
"  INSERT INTO registration_tally (centre_id, certification_id, status, n)\n"
"    VALUES (new.centre_id, new.certification_id, new.status, 1)\n"
"    ON CONFLICT (centre_id, certification_id, status) DO UPDATE SET n = n + 1;\n"
"END;\n"
"CREATE TABLE dossier (\n"
"  registration_id INTEGER PRIMARY KEY REFERENCES registration(id),\n"
"  modalities TEXT NOT NULL,\n"
"  places TEXT NOT NULL,\n"
"  period_start TEXT NOT NULL,\n"
"  period_end TEXT NOT NULL,\n"
"  agreed_by TEXT NOT NULL CHECK (agreed_by IN ('company','candidate')),\n"
"  company_signatory TEXT NOT NULL DEFAULT '',\n"
"  centre_signatory TEXT NOT NULL,\n"
"  agreed_on TEXT NOT NULL,\n"
"  updated_at TEXT NOT NULL);\n"
"CREATE TABLE assignment (\n"
"  registration_id INTEGER NOT NULL REFERENCES registration(id),\n"
"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
"  assigned_on TEXT NOT NULL,\n"
"  PRIMARY KEY (registration_id, account_id));\n"
"CREATE INDEX assignment_account ON assignment(account_id, registration_id);\n"
"CREATE TABLE evaluation (\n"
"  registration_id INTEGER NOT NULL REFERENCES registration(id),\n"
"  competence TEXT NOT NULL,\n"
"  result TEXT NOT NULL CHECK (result IN ('acquired','not_acquired')),\n"
"  modality TEXT NOT NULL,\n"
"  criteria TEXT NOT NULL DEFAULT '',\n"
"  appraisal TEXT NOT NULL DEFAULT '',\n"
"  evaluated_on TEXT NOT NULL,\n"
"  evaluator_id INTEGER REFERENCES account(id),\n"
"  evaluator_name TEXT NOT NULL,\n"
"  recorded_at TEXT NOT NULL,\n"
"  PRIMARY KEY (registration_id, competence));\n"
"CREATE TABLE company_opinion (\n"
"  registration_id INTEGER PRIMARY KEY REFERENCES registration(id),\n"
"  opinion TEXT NOT NULL CHECK (opinion IN ('favourable','reserved','unfavourable')),\n"
"  author_name TEXT NOT NULL,\n"
"  author_role TEXT NOT NULL CHECK (author_role IN ('tutor','manager')),\n"
"  given_on TEXT NOT NULL,\n"
"  comment TEXT NOT NULL DEFAULT '',\n"
"  recorded_at TEXT NOT NULL);\n"
"CREATE TABLE acquired_unit (\n"
"  id INTEGER PRIMARY KEY,\n"
"  candidate_id INTEGER NOT NULL REFERENCES candidate(id),\n"
"  certification_id INTEGER NOT NULL REFERENCES certification(id),\n"
"  unit TEXT NOT NULL,\n"
"  unit_kind TEXT NOT NULL CHECK (unit_kind IN ('block','competence')),\n"
"  jury_date TEXT NOT NULL,\n"
"  kept_until TEXT NOT NULL DEFAULT '',\n"
"  source TEXT NOT NULL,\n"
"  recorded_at TEXT NOT NULL,\n"
"  UNIQUE (candidate_id, certification_id, unit, jury_date));\n"
"CREATE TABLE vae_file (\n"
"  registration_id INTEGER PRIMARY KEY REFERENCES registration(id),\n"
"  state TEXT NOT NULL CHECK (state IN ('received','admissible','not_admissible','incomplete')),\n"
"  received_on TEXT NOT NULL,\n"
"  completed_on TEXT NOT NULL DEFAULT '',\n"
"  decided_on TEXT NOT NULL DEFAULT '',\n"
"  motive TEXT NOT NULL DEFAULT '',\n"
"  communicated_on TEXT NOT NULL DEFAULT '',\n"
"  communicated_means TEXT NOT NULL DEFAULT '',\n"
"  cerfa TEXT NOT NULL,\n"
"  updated_at TEXT NOT NULL);\n"
"CREATE INDEX vae_file_state ON vae_file(state);\n"
"CREATE TABLE vae_commission (\n"
"  registration_id INTEGER PRIMARY KEY REFERENCES registration(id),\n"
"  chair_name TEXT NOT NULL,\n"
"  chair_centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  held_on TEXT NOT NULL,\n"
"  work_situation INTEGER NOT NULL DEFAULT 0,\n"
"  interview INTEGER NOT NULL DEFAULT 0,\n"
"  conclusion TEXT NOT NULL CHECK (conclusion IN ('none','partial','total')),\n"
"  validated TEXT NOT NULL DEFAULT '',\n"
"  comment TEXT NOT NULL DEFAULT '',\n"
"  recorded_at TEXT NOT NULL);\n"
"CREATE TABLE document (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
"  candidate_id INTEGER NOT NULL REFERENCES candidate(id),\n"
"  registration_id INTEGER REFERENCES registration(id),\n"
"  type TEXT NOT NULL CHECK (type IN ('identity','report','livret2','company_opinion','dossier','other')),\n"
"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),\n"
"  mime TEXT NOT NULL CHECK (mime IN ('application/pdf','image/jpeg','image/png')),\n"
"  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),\n"
"  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
"  content BLOB NOT NULL CHECK (length(content) = size),\n"
"  uploaded_at TEXT NOT NULL,\n"
"  uploaded_by TEXT NOT NULL);\n"
"CREATE INDEX document_candidate ON document(candidate_id, id);\n";

/*
** Migration 5: the jury paritaire and what it produces (R-JUR, R-CER,
** R-LET, R-GTP). The jury and its members, the designation requests and
** convocations, the candidates it examines under anonymous numbers, its
** decisions (every revision kept), the certificates with their numbers
** (a counter per centre and year, never going back), the records sent to
** the GTP, the corrective actions and the withdrawals of capacity.
*/
static const char m005[] =
/* R-CER-2: the centre's national number (the CCC of MC YYYY CCC …), its
** town (« Fait à »), the signatory of the UIMM's part of the certificate,
** and the letterhead and signature images (PNG) of its documents */
"ALTER TABLE centre ADD COLUMN number INTEGER CHECK (number IS NULL OR number BETWEEN 1 AND 999);\n"
"ALTER TABLE centre ADD COLUMN city TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE centre ADD COLUMN signatory TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE centre ADD COLUMN letterhead BLOB;\n"
"ALTER TABLE centre ADD COLUMN signature BLOB;\n"
"CREATE UNIQUE INDEX centre_number ON centre(number) WHERE number IS NOT NULL;\n"
/* R-JUR-1, R-JUR-4: the unions representative in the branch, kept by
** the national administrator */
"CREATE TABLE trade_union (\n"
"  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),\n"
"  name TEXT NOT NULL,\n"
"  email TEXT NOT NULL DEFAULT '',\n"        /* the territorial branch's address */
"  representative INTEGER NOT NULL DEFAULT 1 CHECK (representative IN (0,1)),\n"
"  updated_at TEXT NOT NULL);\n"
/* R-JUR-2: one jury of a centre's provisional calendar */
"CREATE TABLE jury (\n"
"  id INTEGER PRIMARY KEY,\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  date TEXT NOT NULL,\n"
"  place TEXT NOT NULL,\n"
"  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned','sitting','signed')),\n"
"  conformity_checked INTEGER NOT NULL DEFAULT 0,\n"
"  opened_on TEXT NOT NULL DEFAULT '',\n"
"  signed_on TEXT NOT NULL DEFAULT '',\n"
/* R-JUR-8: bumped by every change of composition or calendar; the last
** notice to the CPREFP carries the revision it told */
"  revision INTEGER NOT NULL DEFAULT 1,\n"
"  notice_revision INTEGER NOT NULL DEFAULT 0,\n"
"  notice_sent_on TEXT NOT NULL DEFAULT '',\n"
/* R-JUR-10: drawn once, secret; the anonymous numbers follow from it */
"  anon_seed INTEGER NOT NULL,\n"
/* R-GTP-1, R-GTP-2 */
"  gtp_sent_on TEXT NOT NULL DEFAULT '',\n"
"  gtp_attributed_on TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL,\n"
"  created_by TEXT NOT NULL,\n"
"  updated_at TEXT NOT NULL);\n"
"CREATE INDEX jury_centre ON jury(centre_id, date);\n"
"CREATE INDEX jury_date ON jury(date, centre_id);\n"
"CREATE TABLE jury_certification (\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  certification_id INTEGER NOT NULL REFERENCES certification(id),\n"
"  PRIMARY KEY (jury_id, certification_id)) WITHOUT ROWID;\n"
/* R-JUR-3..7: designated members and the invited; account_id ties a
** member to the login he deliberates with */
"CREATE TABLE jury_member (\n"
"  id INTEGER PRIMARY KEY,\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),\n"
"  email TEXT NOT NULL DEFAULT '',\n"
"  role TEXT NOT NULL CHECK (role IN ('employer','union','tutor','training_body','evaluator')),\n"
"  branch TEXT NOT NULL DEFAULT 'metallurgy' CHECK (branch IN ('metallurgy','temporary_work')),\n"
"  union_code TEXT NOT NULL DEFAULT '',\n"
"  branch_employee INTEGER NOT NULL DEFAULT 0,\n"
"  votes INTEGER NOT NULL DEFAULT 0 CHECK (votes IN (0,1)),\n"
"  president INTEGER NOT NULL DEFAULT 0 CHECK (president IN (0,1)),\n"
"  organisation TEXT NOT NULL DEFAULT '',\n"   /* annex 13: company, UIMM or union */
"  quality TEXT NOT NULL DEFAULT '',\n"        /* annex 13: « Qualité » */
"  account_id INTEGER REFERENCES account(id),\n"
"  convened_on TEXT NOT NULL DEFAULT '',\n"
"  present INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0,1)),\n"
"  added_at TEXT NOT NULL);\n"
"CREATE INDEX jury_member_jury ON jury_member(jury_id, id);\n"
"CREATE INDEX jury_member_account ON jury_member(account_id, jury_id);\n"
/* R-JUR-1: the designation request to each representative union */
"CREATE TABLE jury_request (\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  union_code TEXT NOT NULL REFERENCES trade_union(code),\n"
"  sent_on TEXT NOT NULL,\n"
"  PRIMARY KEY (jury_id, union_code)) WITHOUT ROWID;\n"
/* R-JUR-8, R-JUR-9, R-JUR-1: every notice produced (CPREFP notice,
** convocation, request), and whether the mail left */
"CREATE TABLE jury_notice (\n"
"  id INTEGER PRIMARY KEY,\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  kind TEXT NOT NULL CHECK (kind IN ('cprefp','convocation','request')),\n"
"  revision INTEGER NOT NULL,\n"
"  member_id INTEGER REFERENCES jury_member(id),\n"
"  union_code TEXT NOT NULL DEFAULT '',\n"
"  recipient TEXT NOT NULL DEFAULT '',\n"
"  sent_on TEXT NOT NULL,\n"
"  mail TEXT NOT NULL DEFAULT 'none' CHECK (mail IN ('none','sent','failed')),\n"
"  created_at TEXT NOT NULL,\n"
"  created_by TEXT NOT NULL);\n"
"CREATE INDEX jury_notice_jury ON jury_notice(jury_id, kind, id);\n"
/* R-JUR-2, R-JUR-10: the candidates examined, each under its number */
"CREATE TABLE jury_candidate (\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  registration_id INTEGER NOT NULL REFERENCES registration(id),\n"
"  anon_number INTEGER NOT NULL DEFAULT 0,\n"
"  added_at TEXT NOT NULL,\n"
"  PRIMARY KEY (jury_id, registration_id)) WITHOUT ROWID;\n"
"CREATE INDEX jury_candidate_registration ON jury_candidate(registration_id, jury_id);\n"
/* R-JUR-11: every revision of every decision; one provisional or final
** decision per candidate, the superseded ones kept */
"CREATE TABLE jury_decision (\n"
"  id INTEGER PRIMARY KEY,\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  registration_id INTEGER NOT NULL REFERENCES registration(id),\n"
"  revision INTEGER NOT NULL,\n"
"  state TEXT NOT NULL CHECK (state IN ('provisional','final','superseded')),\n"
"  verdict TEXT NOT NULL CHECK (verdict IN ('A','NA')),\n"
"  votes_for INTEGER NOT NULL,\n"
"  votes_against INTEGER NOT NULL,\n"
"  abstentions INTEGER NOT NULL,\n"
"  president_ballot TEXT NOT NULL CHECK (president_ballot IN ('for','against','abstain')),\n"
"  casting INTEGER NOT NULL DEFAULT 0,\n"
"  comment TEXT NOT NULL DEFAULT '',\n"
"  motive TEXT NOT NULL DEFAULT '',\n"
"  decided_on TEXT NOT NULL,\n"
"  superseded_on TEXT NOT NULL DEFAULT '',\n"
"  decided_by TEXT NOT NULL,\n"
"  recorded_at TEXT NOT NULL,\n"
"  UNIQUE (jury_id, registration_id, revision));\n"
"CREATE UNIQUE INDEX jury_decision_current ON jury_decision(jury_id, registration_id)\n"
"  WHERE state <> 'superseded';\n"
/* R-CER-2: the last number issued per centre and year; it never goes back */
"CREATE TABLE certificate_counter (\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  year INTEGER NOT NULL,\n"
"  last TEXT NOT NULL,\n"
"  PRIMARY KEY (centre_id, year)) WITHOUT ROWID;\n"
/* R-JUR-12, R-CER-1, R-CER-2: what is printed is stored, so that the
** public verification and a duplicate show what the holder holds */
"CREATE TABLE certificate (\n"
"  id INTEGER PRIMARY KEY,\n"
"  number TEXT NOT NULL UNIQUE CHECK (length(number) = 16),\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  registration_id INTEGER NOT NULL REFERENCES registration(id),\n"
"  decision_id INTEGER NOT NULL REFERENCES jury_decision(id),\n"
"  kind TEXT NOT NULL CHECK (kind IN ('cqpm','block','cqpi','ccpm','ccpi')),\n"
"  cert_code TEXT NOT NULL,\n"
"  cert_title TEXT NOT NULL,\n"
"  unit_code TEXT NOT NULL DEFAULT '',\n"     /* the block's BDC code */
"  unit_title TEXT NOT NULL DEFAULT '',\n"
"  holder_name TEXT NOT NULL,\n"              /* « Prénom NOM » as printed */
"  jury_date TEXT NOT NULL,\n"
"  state TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued','cancelled')),\n"
"  issued_on TEXT NOT NULL,\n"
"  cancelled_on TEXT NOT NULL DEFAULT '',\n"
"  duplicates INTEGER NOT NULL DEFAULT 0,\n"
"  last_duplicate_on TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL);\n"
"CREATE INDEX certificate_registration ON certificate(registration_id, id);\n"
"CREATE INDEX certificate_jury ON certificate(jury_id, registration_id);\n"
/* R-GTP-2 */
"CREATE TABLE gtp_corrective (\n"
"  id INTEGER PRIMARY KEY,\n"
"  jury_id INTEGER NOT NULL REFERENCES jury(id),\n"
"  text TEXT NOT NULL,\n"
"  state TEXT NOT NULL CHECK (state IN ('sent','applied','not_applied')),\n"
"  sent_on TEXT NOT NULL,\n"
"  followed_on TEXT NOT NULL DEFAULT '',\n"
"  follow_up TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL);\n"
"CREATE INDEX gtp_corrective_jury ON gtp_corrective(jury_id, id);\n"
"CREATE TABLE gtp_withdrawal (\n"
"  id INTEGER PRIMARY KEY,\n"
"  centre_id INTEGER NOT NULL REFERENCES centre(id),\n"
"  from_date TEXT NOT NULL,\n"
"  until_date TEXT NOT NULL DEFAULT '',\n"
"  motive TEXT NOT NULL DEFAULT '',\n"
"  created_at TEXT NOT NULL);\n"
"CREATE INDEX gtp_withdrawal_centre ON gtp_withdrawal(centre_id, from_date);\n";

const char *const sqlite_migrations[] = { m001, m002, m003, m004, m005, NULL };

#define CAND_COLS "k.id, k.centre_id, c.code, k.identity_key, k.birth_name, k.usage_name, " \
	"k.first_names, k.sex, k.birth_date, k.birth_town, k.birth_insee, k.birth_department, " \
	"k.birth_country, k.email, k.phone, k.address, k.postal_code, k.city, k.search, " \
	"k.created_at, k.updated_at"

#define REG_COLS "r.id, r.candidate_id, r.centre_id, r.certification_id, " \
	"coalesce(r.body_id, 0), r.cert_version, c.code, x.code, x.kind, x.title, r.blocks, " \
	"r.route, r.vae_kind, r.registrant, r.origin, r.funding, coalesce(b.siret, ''), " \
	"coalesce(b.name, ''), r.company_name, r.company_address, r.company_siret, " \
	"r.company_naf, r.company_nace, r.sector, r.sector_branch, r.tutor, " \
	"r.without_agreement, r.accommodations, r.registered_on, r.status, r.next_jury, " \
	"r.created_at, r.created_by, r.updated_at, k.birth_name, k.usage_name, " \
	"k.first_names, k.birth_date"
#define REG_JOINS "JOIN candidate k ON k.id = r.candidate_id " \
	"JOIN centre c ON c.id = r.centre_id JOIN certification x ON x.id = r.certification_id " \
	"LEFT JOIN training_body b ON b.id = r.body_id"
#define REG_FROM "FROM registration r " REG_JOINS
/*
** The work lists. Every list statement takes the same parameters: ?1
** centre, ?2 body, ?3 evaluator (assigned to him), ?4 certification, ?5
** status, ?6 company SIRET, ?7 next jury, ?8 LIKE pattern of one-letter
** words on the folded names ('%' when unused), ?9 the driver of
** ST_REG_PICK (1 evaluator, 2 company, 3 body), ?10 limit, ?11 offset,
** ?12 the FTS5 expression on the names (NULL when unused), ?13..?14 the
** centres counted (0..max for all), ?15 ids below it only (keyset paging
** of the exports; max when unused). 0 and '' leave a filter unused.
**
** Plans are fixed when a statement is prepared, and a filter written
** "(?n = 0 OR col = ?n)" cannot use an index: so each statement is
** driven by one index chosen by the store (store_candidate.c) for the
** filters in use, and the others are checked on the index entries. A page
** is the ids of its rows first, read from an index, then their columns
** (REG_PAGE), so that an offset never reads whole rows.
*/
#define REG_G "(?4 = 0 OR r.certification_id = ?4) AND (?5 = '' OR r.status = ?5) " \
	"AND (?7 = '' OR r.next_jury = ?7) AND r.id < ?15"
#define REG_GC "(?1 = 0 OR r.centre_id = ?1) AND " REG_G
#define REG_LIKE "(?8 = '%' OR EXISTS (SELECT 1 FROM candidate q " \
	"WHERE q.id = r.candidate_id AND q.search LIKE ?8))"
#define REG_ALL REG_GC " AND (?2 = 0 OR r.body_id = ?2) AND (?6 = '' OR r.company_siret = ?6) " \
	"AND (?3 = 0 OR r.id IN (SELECT a.registration_id FROM assignment a " \
	"WHERE a.account_id = ?3)) AND " REG_LIKE " AND (?12 IS NULL OR r.candidate_id IN " \
	"(SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?12))"
#define REG_PAGE(ids) "SELECT " REG_COLS " FROM (" ids " ORDER BY r.id DESC " \
	"LIMIT ?10 OFFSET ?11) p CROSS JOIN registration r ON r.id = p.id " REG_JOINS \
	" ORDER BY r.id DESC"
/* the few registrations of an evaluator, a company or a body */
#define REG_PICKED "WITH d(id) AS (SELECT a.registration_id FROM assignment a " \
	"WHERE ?9 = 1 AND a.account_id = ?3 UNION ALL SELECT r.id FROM registration r " \
	"WHERE ?9 = 2 AND r.company_siret = ?6 UNION ALL SELECT r.id FROM registration r " \
	"WHERE ?9 = 3 AND r.body_id = ?2) "
/* the candidates whose names match, computed once */
#define REG_MATCHED "WITH m(id) AS MATERIALIZED (SELECT rowid FROM candidate_fts " \
	"WHERE candidate_fts MATCH ?12) "

/* a document's row without its content */
#define DOC_COLS "d.id, d.candidate_id, coalesce(d.registration_id, 0), d.type, d.name, " \
	"d.mime, d.size, d.sha256, d.uploaded_at, d.uploaded_by"

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

/* one certificate as stored (store_award.c) */
#define CERTIFICATE_COLS "c.id, c.number, c.centre_id, c.jury_id, c.registration_id, " \
	"c.decision_id, c.kind, c.cert_code, c.cert_title, c.unit_code, c.unit_title, " \
	"c.holder_name, c.jury_date, c.state, c.issued_on, c.cancelled_on, c.duplicates, " \
	"c.last_duplicate_on, c.created_at"
/* with what its page and document print: the holder, the jury, the centre */
#define CERTIFICATE_FULL CERTIFICATE_COLS ", r.candidate_id, r.certification_id, " \
	"r.cert_version, k.first_names, k.birth_name, k.usage_name, k.birth_date, k.birth_town, " \
	"k.birth_department, ce.code, ce.name, ce.city, ce.signatory, j.date, j.place, " \
	"x.level, x.rncp, coalesce((SELECT m.name FROM jury_member m WHERE m.jury_id = j.id " \
	"AND m.president = 1 ORDER BY m.id LIMIT 1), '') " \
	"FROM certificate c JOIN registration r ON r.id = c.registration_id " \
	"JOIN candidate k ON k.id = r.candidate_id JOIN centre ce ON ce.id = c.centre_id " \
	"JOIN jury j ON j.id = c.jury_id JOIN certification x ON x.id = r.certification_id"
#define CORRECTIVE_COLS "g.id, g.jury_id, g.text, g.state, g.sent_on, g.followed_on, " \
	"g.follow_up, j.centre_id FROM gtp_corrective g JOIN jury j ON j.id = g.jury_id"
#define JURY_COLS "j.id, j.centre_id, c.code, c.name, j.date, j.place, j.state, " \
	"j.conformity_checked, j.opened_on, j.signed_on, j.revision, j.notice_revision, " \
	"j.notice_sent_on, j.anon_seed, j.gtp_sent_on, j.gtp_attributed_on, j.created_at, " \
	"j.created_by, j.updated_at"
#define DECISION_COLS "id, jury_id, registration_id, revision, state, verdict, votes_for, " \
	"votes_against, abstentions, president_ballot, casting, comment, motive, decided_on, " \
	"superseded_on, decided_by, recorded_at"

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

	[ST_CANDIDATE_INSERT] = "INSERT INTO candidate (centre_id, identity_key, birth_name, "
		"usage_name, first_names, sex, birth_date, birth_town, birth_insee, birth_department, "
		"birth_country, email, phone, address, postal_code, city, search, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?18) RETURNING id",
	[ST_CANDIDATE_UPDATE] = "UPDATE candidate SET identity_key = ?2, birth_name = ?3, "
		"usage_name = ?4, first_names = ?5, sex = ?6, birth_date = ?7, birth_town = ?8, "
		"birth_insee = ?9, birth_department = ?10, birth_country = ?11, email = ?12, "
		"phone = ?13, address = ?14, postal_code = ?15, city = ?16, search = ?17, "
		"updated_at = ?18 WHERE id = ?1",
	[ST_CANDIDATE_GET] = "SELECT " CAND_COLS " FROM candidate k JOIN centre c ON c.id = k.centre_id "
		"WHERE k.id = ?1",
	[ST_CANDIDATE_BY_KEY] = "SELECT " CAND_COLS " FROM candidate k JOIN centre c ON c.id = k.centre_id "
		"WHERE k.centre_id = ?1 AND k.identity_key = ?2",
	[ST_REG_INSERT] = "INSERT INTO registration (candidate_id, centre_id, certification_id, "
		"cert_version, blocks, route, vae_kind, registrant, origin, funding, body_id, "
		"company_name, company_address, company_siret, company_naf, company_nace, sector, "
		"sector_branch, tutor, without_agreement, accommodations, registered_on, status, "
		"next_jury, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, nullif(?11, 0), ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
		"?23, ?24, ?25, ?26, ?25) RETURNING id",
	[ST_REG_GET] = "SELECT " REG_COLS " " REG_FROM " WHERE r.id = ?1",
	[ST_REG_ACTIVE_COUNT] = "SELECT count(*) FROM registration WHERE candidate_id = ?1 "
		"AND certification_id = ?2 AND status = 'active'",
	[ST_REG_SET_STATUS] = "UPDATE registration SET status = ?2, updated_at = ?3 WHERE id = ?1",
	[ST_REG_OF_CANDIDATE] = "SELECT " REG_COLS " " REG_FROM " WHERE r.candidate_id = ?1 "
		"ORDER BY r.id DESC",
	/* newest first, the whole base (the national administrator) */
	[ST_REG_LIST] = REG_PAGE("SELECT r.id FROM registration r INDEXED BY registration_order "
		"WHERE " REG_G),
	/* newest first, one centre */
	[ST_REG_LIST_CENTRE] = REG_PAGE("SELECT r.id FROM registration r INDEXED BY "
		"registration_centre WHERE r.centre_id = ?1 AND " REG_G),
	/* the registrations of one jury date */
	[ST_REG_LIST_JURY] = REG_PAGE("SELECT r.id FROM registration r INDEXED BY "
		"registration_jury WHERE r.next_jury = ?7 AND " REG_GC),
	[ST_REG_COUNT_JURY] = "SELECT count(*) FROM registration r INDEXED BY registration_jury "
		"WHERE r.next_jury = ?7 AND " REG_GC,
	/* without a jury date: the tally (?15 is not counted: exports only) */
	[ST_REG_TALLY] = "SELECT coalesce(sum(n), 0) FROM registration_tally "
		"WHERE (?1 = 0 OR centre_id = ?1) AND (?4 = 0 OR certification_id = ?4) "
		"AND (?5 = '' OR status = ?5)",
	[ST_REG_PICK] = REG_PICKED REG_PAGE("SELECT r.id FROM d CROSS JOIN registration r "
		"ON r.id = d.id WHERE " REG_ALL),
	[ST_REG_PICK_COUNT] = REG_PICKED "SELECT count(*) FROM d CROSS JOIN registration r "
		"ON r.id = d.id WHERE " REG_ALL,
	/* a name search: the matched candidates' registrations, sorted */
	[ST_REG_SEARCH] = REG_MATCHED REG_PAGE("SELECT r.id FROM m CROSS JOIN registration r "
		"INDEXED BY registration_candidate ON r.candidate_id = m.id WHERE " REG_GC
		" AND " REG_LIKE),
	[ST_REG_SEARCH_COUNT] = REG_MATCHED "SELECT count(*) FROM m CROSS JOIN registration r "
		"INDEXED BY registration_candidate ON r.candidate_id = m.id WHERE " REG_GC
		" AND " REG_LIKE,
	/* a name found in many candidates: walk the list order and keep the
	** matched ones, stopping at the page's end, instead of sorting them */
	[ST_REG_SEARCH_WIDE] = REG_MATCHED REG_PAGE("SELECT r.id FROM registration r "
		"INDEXED BY registration_order WHERE r.candidate_id IN (SELECT id FROM m) AND "
		REG_GC " AND " REG_LIKE),
	[ST_REG_MAX_ID] = "SELECT coalesce(max(id), 0) FROM registration",
	[ST_ACQUIRED_INSERT] = "INSERT INTO acquired_unit (candidate_id, certification_id, unit, "
		"unit_kind, jury_date, kept_until, source, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8)",
	[ST_ACQUIRED_OF_CANDIDATE] = "SELECT a.id, a.candidate_id, a.certification_id, c.code, "
		"a.unit, a.unit_kind, a.jury_date, a.kept_until, a.source, a.recorded_at "
		"FROM acquired_unit a JOIN certification c ON c.id = a.certification_id "
		"WHERE a.candidate_id = ?1 ORDER BY a.jury_date DESC, a.unit",
	[ST_ACCOUNT_SET_BODY] = "UPDATE account SET body_id = nullif(?2, 0) WHERE id = ?1",
	[ST_ACCOUNT_BODY] = "SELECT coalesce(body_id, 0) FROM account WHERE id = ?1",
	[ST_ACCOUNT_OF_BODY] = "SELECT a.id, a.login, a.name, a.email, a.role, "
		"coalesce(a.centre_id, 0), coalesce(c.code, ''), a.disabled, a.created_at, '' "
		"FROM account a LEFT JOIN centre c ON c.id = a.centre_id "
		"WHERE a.body_id = ?1 AND (?2 = 0 OR a.centre_id = ?2) ORDER BY a.login",
	[ST_ASSIGNED] = "SELECT count(*) FROM assignment WHERE registration_id = ?1 "
		"AND account_id = ?2",
	[ST_EVAL_OF_REG] = "SELECT registration_id, coalesce(evaluator_id, 0), competence, "
		"result, modality, criteria, appraisal, evaluated_on, evaluator_name, recorded_at "
		"FROM evaluation WHERE registration_id = ?1 ORDER BY competence",
	[ST_BODY_BY_ID] = "SELECT id, siret, name, address, contact, email, phone, created_at "
		"FROM training_body WHERE id = ?1",

	/* evaluation: dossier, assignments, results, company opinion */
	[ST_DOSSIER_GET] = "SELECT registration_id, modalities, places, period_start, period_end, "
		"agreed_by, company_signatory, centre_signatory, agreed_on, updated_at "
		"FROM dossier WHERE registration_id = ?1",
	[ST_DOSSIER_PUT] = "INSERT INTO dossier (registration_id, modalities, places, period_start, "
		"period_end, agreed_by, company_signatory, centre_signatory, agreed_on, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (registration_id) DO UPDATE SET modalities = excluded.modalities, "
		"places = excluded.places, period_start = excluded.period_start, "
		"period_end = excluded.period_end, agreed_by = excluded.agreed_by, "
		"company_signatory = excluded.company_signatory, "
		"centre_signatory = excluded.centre_signatory, agreed_on = excluded.agreed_on, "
		"updated_at = excluded.updated_at",
	[ST_ASSIGN_INSERT] = "INSERT INTO assignment (registration_id, account_id, assigned_on) "
		"VALUES (?1, ?2, ?3)",
	[ST_ASSIGN_DELETE] = "DELETE FROM assignment WHERE registration_id = ?1 AND account_id = ?2",
	[ST_ASSIGN_OF_REG] = "SELECT a.account_id, c.login, c.name, a.assigned_on "
		"FROM assignment a JOIN account c ON c.id = a.account_id "
		"WHERE a.registration_id = ?1 ORDER BY c.name, c.login",
	[ST_EVAL_GET] = "SELECT registration_id, coalesce(evaluator_id, 0), competence, "
		"result, modality, criteria, appraisal, evaluated_on, evaluator_name, recorded_at "
		"FROM evaluation WHERE registration_id = ?1 AND competence = ?2",
	[ST_EVAL_PUT] = "INSERT INTO evaluation (registration_id, competence, result, modality, "
		"criteria, appraisal, evaluated_on, evaluator_id, evaluator_name, recorded_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9, ?10) "
		"ON CONFLICT (registration_id, competence) DO UPDATE SET result = excluded.result, "
		"modality = excluded.modality, criteria = excluded.criteria, "
		"appraisal = excluded.appraisal, evaluated_on = excluded.evaluated_on, "
		"evaluator_id = excluded.evaluator_id, evaluator_name = excluded.evaluator_name, "
		"recorded_at = excluded.recorded_at",
	[ST_OPINION_GET] = "SELECT registration_id, opinion, author_name, author_role, given_on, "
		"comment, recorded_at FROM company_opinion WHERE registration_id = ?1",
	[ST_OPINION_PUT] = "INSERT INTO company_opinion (registration_id, opinion, author_name, "
		"author_role, given_on, comment, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT (registration_id) DO UPDATE SET opinion = excluded.opinion, "
		"author_name = excluded.author_name, author_role = excluded.author_role, "
		"given_on = excluded.given_on, comment = excluded.comment, "
		"recorded_at = excluded.recorded_at",
	/* vae: admissibility file, validation commission, livret 2 */
	[ST_VAE_FILE_GET] = "SELECT registration_id, state, received_on, completed_on, decided_on, "
		"motive, communicated_on, communicated_means, cerfa, updated_at FROM vae_file "
		"WHERE registration_id = ?1",
	[ST_VAE_FILE_PUT] = "INSERT INTO vae_file (registration_id, state, received_on, "
		"completed_on, decided_on, motive, communicated_on, communicated_means, cerfa, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (registration_id) DO UPDATE SET state = excluded.state, "
		"received_on = excluded.received_on, completed_on = excluded.completed_on, "
		"decided_on = excluded.decided_on, motive = excluded.motive, "
		"communicated_on = excluded.communicated_on, "
		"communicated_means = excluded.communicated_means, cerfa = excluded.cerfa, "
		"updated_at = excluded.updated_at",
	[ST_VAE_COMMISSION_GET] = "SELECT m.registration_id, m.chair_name, m.chair_centre_id, "
		"c.code, m.held_on, m.work_situation, m.interview, m.conclusion, m.validated, "
		"m.comment, m.recorded_at FROM vae_commission m JOIN centre c ON c.id = m.chair_centre_id "
		"WHERE m.registration_id = ?1",
	[ST_VAE_COMMISSION_PUT] = "INSERT INTO vae_commission (registration_id, chair_name, "
		"chair_centre_id, held_on, work_situation, interview, conclusion, validated, comment, "
		"recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (registration_id) DO UPDATE SET chair_name = excluded.chair_name, "
		"chair_centre_id = excluded.chair_centre_id, held_on = excluded.held_on, "
		"work_situation = excluded.work_situation, interview = excluded.interview, "
		"conclusion = excluded.conclusion, validated = excluded.validated, "
		"comment = excluded.comment, recorded_at = excluded.recorded_at",
	/* through the candidate's index of documents */
	[ST_VAE_LIVRET2_COUNT] = "SELECT count(*) FROM document WHERE candidate_id = "
		"(SELECT candidate_id FROM registration WHERE id = ?1) AND registration_id = ?1 "
		"AND type = 'livret2'",
	/* documents */
	[ST_DOC_INSERT] = "INSERT INTO document (candidate_id, registration_id, type, name, mime, "
		"size, sha256, content, uploaded_at, uploaded_by) VALUES (?1, nullif(?2, 0), ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
	[ST_DOC_GET] = "SELECT " DOC_COLS " FROM document d WHERE d.id = ?1",
	[ST_DOC_CONTENT] = "SELECT content FROM document WHERE id = ?1",
	[ST_DOC_OF_CANDIDATE] = "SELECT " DOC_COLS " FROM document d WHERE d.candidate_id = ?1 "
		"ORDER BY d.id",
	[ST_DOC_COUNT] = "SELECT count(*) FROM document WHERE candidate_id = ?1",
	/* through the candidate's index: registration_id has none */
	[ST_DOC_COUNT_TYPE] = "SELECT count(*) FROM document WHERE candidate_id = "
		"(SELECT candidate_id FROM registration WHERE id = ?1) AND registration_id = ?1 "
		"AND type = ?2",
	[ST_DOC_DELETE] = "DELETE FROM document WHERE id = ?1",

	/* jury (store_jury.c) */
	[ST_UNION_PUT] = "INSERT INTO trade_union (code, name, email, representative, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
		"email = excluded.email, representative = excluded.representative, "
		"updated_at = excluded.updated_at",
	[ST_UNION_GET] = "SELECT code, name, email, representative, updated_at FROM trade_union "
		"WHERE code = ?1",
	[ST_UNION_LIST] = "SELECT code, name, email, representative, updated_at FROM trade_union "
		"WHERE (?1 = 0 OR representative = 1) ORDER BY code",
	[ST_CENTRE_DOCS_GET] = "SELECT id, coalesce(number, 0), city, signatory, "
		"letterhead IS NOT NULL, signature IS NOT NULL FROM centre WHERE id = ?1",
	[ST_CENTRE_DOCS_PUT] = "UPDATE centre SET number = nullif(?2, 0), city = ?3, signatory = ?4, "
		"letterhead = coalesce(?5, letterhead), signature = coalesce(?6, signature) WHERE id = ?1",
	[ST_CENTRE_IMAGE] = "SELECT CASE ?2 WHEN 'letterhead' THEN letterhead ELSE signature END "
		"FROM centre WHERE id = ?1",
	[ST_JURY_INSERT] = "INSERT INTO jury (centre_id, date, place, anon_seed, created_at, "
		"created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5) RETURNING id",
	[ST_JURY_GET] = "SELECT " JURY_COLS ", 0, 0, '' FROM jury j JOIN centre c ON c.id = j.centre_id "
		"WHERE j.id = ?1",
	[ST_JURY_UPDATE] = "UPDATE jury SET date = ?2, place = ?3, state = ?4, conformity_checked = ?5, "
		"opened_on = ?6, signed_on = ?7, revision = ?8, notice_revision = ?9, "
		"notice_sent_on = ?10, updated_at = ?11 WHERE id = ?1",
	/* the calendar: ?1 centre (0 all), ?2 account sitting (0 any), ?3..?4 dates */
	[ST_JURY_LIST] = "SELECT " JURY_COLS ", "
		"(SELECT count(*) FROM jury_candidate x WHERE x.jury_id = j.id), "
		"(SELECT count(*) FROM jury_member x WHERE x.jury_id = j.id), "
		"coalesce((SELECT group_concat(code, ' ') FROM (SELECT z.code FROM jury_certification y "
		"JOIN certification z ON z.id = y.certification_id WHERE y.jury_id = j.id "
		"ORDER BY z.code)), '') "
		"FROM jury j JOIN centre c ON c.id = j.centre_id "
		"WHERE (?1 = 0 OR j.centre_id = ?1) AND (?2 = 0 OR j.id IN (SELECT m.jury_id "
		"FROM jury_member m WHERE m.account_id = ?2)) AND (?3 = '' OR j.date >= ?3) "
		"AND (?4 = '' OR j.date <= ?4) ORDER BY j.date, j.id LIMIT 5000",
	[ST_JURY_SITS] = "SELECT count(*) FROM jury_member WHERE account_id = ?2 AND jury_id = ?1",
	[ST_JURY_CERT_ADD] = "INSERT INTO jury_certification (jury_id, certification_id) "
		"VALUES (?1, ?2)",
	[ST_JURY_CERT_REMOVE] = "DELETE FROM jury_certification WHERE jury_id = ?1 "
		"AND certification_id = ?2",
	[ST_JURY_CERTS] = "SELECT c.id, c.code, c.kind, c.title, c.level, c.rncp, c.version, "
		"(SELECT count(*) FROM jury_candidate x JOIN registration r ON r.id = x.registration_id "
		"WHERE x.jury_id = y.jury_id AND r.certification_id = c.id) "
		"FROM jury_certification y JOIN certification c ON c.id = y.certification_id "
		"WHERE y.jury_id = ?1 ORDER BY c.code",
	[ST_JURY_MEMBER_INSERT] = "INSERT INTO jury_member (jury_id, name, email, role, branch, "
		"union_code, branch_employee, votes, president, organisation, quality, account_id, "
		"added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, nullif(?12, 0), ?13) "
		"RETURNING id",
	[ST_JURY_MEMBER_DELETE] = "DELETE FROM jury_member WHERE jury_id = ?1 AND id = ?2",
	[ST_JURY_MEMBERS] = "SELECT m.id, m.jury_id, m.name, m.email, m.role, m.branch, "
		"m.union_code, m.branch_employee, m.votes, m.president, m.organisation, m.quality, "
		"coalesce(m.account_id, 0), coalesce(a.login, ''), m.convened_on, m.present, m.added_at "
		"FROM jury_member m LEFT JOIN account a ON a.id = m.account_id WHERE m.jury_id = ?1 "
		"ORDER BY m.id",
	[ST_JURY_MEMBER_CONVENE] = "UPDATE jury_member SET convened_on = ?2 WHERE id = ?1",
	[ST_JURY_MEMBERS_UNCONVENE] = "UPDATE jury_member SET convened_on = '' WHERE jury_id = ?1",
	[ST_JURY_ATTENDANCE] = "UPDATE jury_member SET present = (id IN (SELECT value "
		"FROM json_each(?2))) WHERE jury_id = ?1",
	[ST_JURY_REQUEST_PUT] = "INSERT INTO jury_request (jury_id, union_code, sent_on) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (jury_id, union_code) DO UPDATE SET sent_on = excluded.sent_on",
	[ST_JURY_REQUEST_DELETE] = "DELETE FROM jury_request WHERE jury_id = ?1 AND union_code = ?2",
	[ST_JURY_REQUESTS] = "SELECT union_code, sent_on FROM jury_request WHERE jury_id = ?1 "
		"ORDER BY union_code",
	[ST_JURY_NOTICE_INSERT] = "INSERT INTO jury_notice (jury_id, kind, revision, member_id, "
		"union_code, recipient, sent_on, mail, created_at, created_by) VALUES (?1, ?2, ?3, "
		"nullif(?4, 0), ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
	/* a member removed: his notices stay, under the recipient's address */
	[ST_JURY_NOTICE_DETACH] = "UPDATE jury_notice SET member_id = NULL WHERE member_id = ?1",
	/* the mail of a member's last convocation: sent or failed */
	[ST_JURY_NOTICE_MAIL] = "UPDATE jury_notice SET mail = ?3 WHERE id = (SELECT max(id) "
		"FROM jury_notice WHERE jury_id = ?1 AND kind = 'convocation' AND member_id = ?2)",
	[ST_JURY_CANDIDATE_ADD] = "INSERT INTO jury_candidate (jury_id, registration_id, added_at) "
		"VALUES (?1, ?2, ?3)",
	[ST_JURY_CANDIDATE_REMOVE] = "DELETE FROM jury_candidate WHERE jury_id = ?1 "
		"AND registration_id = ?2",
	[ST_JURY_OF_REGISTRATION] = "SELECT x.jury_id FROM jury_candidate x JOIN jury j "
		"ON j.id = x.jury_id WHERE x.registration_id = ?1 AND j.state <> 'signed' "
		"ORDER BY x.jury_id DESC LIMIT 1",
	[ST_JURY_CANDIDATES] = "SELECT " REG_COLS ", x.anon_number FROM jury_candidate x "
		"CROSS JOIN registration r ON r.id = x.registration_id " REG_JOINS
		" WHERE x.jury_id = ?1 ORDER BY r.id",
	[ST_JURY_CANDIDATE_NUMBER] = "UPDATE jury_candidate SET anon_number = ?3 WHERE jury_id = ?1 "
		"AND registration_id = ?2",
	/* the centre's active registrations of the jury's certifications */
	[ST_JURY_ELIGIBLE] = "SELECT " REG_COLS ", EXISTS (SELECT 1 FROM jury_candidate x "
		"WHERE x.jury_id = ?1 AND x.registration_id = r.id) FROM jury_certification y "
		"CROSS JOIN registration r INDEXED BY registration_centre ON r.centre_id = ?2 "
		"AND r.certification_id = y.certification_id " REG_JOINS
		" WHERE y.jury_id = ?1 AND r.status = 'active' ORDER BY r.id LIMIT 5000",
	[ST_REG_SET_NEXT_JURY] = "UPDATE registration SET next_jury = ?2, updated_at = ?3 WHERE id = ?1",
	[ST_JURY_CANDIDATES_NEXT] = "UPDATE registration SET next_jury = ?2, updated_at = ?3 "
		"WHERE id IN (SELECT registration_id FROM jury_candidate WHERE jury_id = ?1)",
	[ST_DECISION_CURRENT] = "SELECT " DECISION_COLS " FROM jury_decision WHERE jury_id = ?1 "
		"AND registration_id = ?2 AND state <> 'superseded'",
	[ST_DECISION_INSERT] = "INSERT INTO jury_decision (jury_id, registration_id, revision, state, "
		"verdict, votes_for, votes_against, abstentions, president_ballot, casting, comment, "
		"motive, decided_on, decided_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
	[ST_DECISION_REPLACE] = "UPDATE jury_decision SET verdict = ?2, votes_for = ?3, "
		"votes_against = ?4, abstentions = ?5, president_ballot = ?6, casting = ?7, "
		"comment = ?8, decided_on = ?9, decided_by = ?10, recorded_at = ?11 "
		"WHERE id = ?1 AND state = 'provisional'",
	[ST_DECISION_SUPERSEDE] = "UPDATE jury_decision SET state = 'superseded', superseded_on = ?2 "
		"WHERE id = ?1",
	[ST_DECISIONS_FINALIZE] = "UPDATE jury_decision SET state = 'final' WHERE jury_id = ?1 "
		"AND state = 'provisional'",
	[ST_DECISIONS_OF_JURY] = "SELECT " DECISION_COLS " FROM jury_decision WHERE jury_id = ?1 "
		"ORDER BY registration_id, revision",
	[ST_JURY_CERTIFICATES] = "SELECT registration_id, number, kind, state, unit_code, unit_title "
		"FROM certificate WHERE jury_id = ?1 ORDER BY registration_id, id",
	[ST_JURY_CORRECTIVES] = "SELECT id, text, state, sent_on, followed_on, follow_up "
		"FROM gtp_corrective WHERE jury_id = ?1 ORDER BY id",

	/* certificates and GTP (store_award.c) */
	[ST_AWARD_JURY] = "SELECT j.id, j.centre_id, ce.code, ce.name, coalesce(ce.number, 0), "
		"ce.city, ce.signatory, j.date, j.place, j.state, j.signed_on, j.gtp_sent_on, "
		"j.gtp_attributed_on FROM jury j JOIN centre ce ON ce.id = j.centre_id WHERE j.id = ?1",
	/* through the unique (jury_id, registration_id, revision) index */
	[ST_AWARD_DECISIONS] = "SELECT d.id, d.jury_id, d.registration_id, d.verdict, d.state "
		"FROM jury_decision d WHERE d.jury_id = ?1 AND d.state = 'final' "
		"ORDER BY d.registration_id",
	[ST_AWARD_DECISION_GET] = "SELECT d.id, d.jury_id, d.registration_id, d.verdict, d.state "
		"FROM jury_decision d WHERE d.id = ?1",
	[ST_AWARD_REG_CLOSE] = "UPDATE registration SET status = ?2, next_jury = '', updated_at = ?3 "
		"WHERE id = ?1",
	[ST_AWARD_ACQUIRED_PUT] = "INSERT INTO acquired_unit (candidate_id, certification_id, unit, "
		"unit_kind, jury_date, kept_until, source, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"'jury', ?7) ON CONFLICT (candidate_id, certification_id, unit, jury_date) DO NOTHING",
	[ST_AWARD_ACQUIRED_CLEAR] = "DELETE FROM acquired_unit WHERE candidate_id = ?1 "
		"AND certification_id = ?2 AND jury_date = ?3 AND source = 'jury'",
	[ST_CERT_COUNTER_GET] = "SELECT last FROM certificate_counter WHERE centre_id = ?1 AND year = ?2",
	[ST_CERT_COUNTER_PUT] = "INSERT INTO certificate_counter (centre_id, year, last) "
		"VALUES (?1, ?2, ?3) ON CONFLICT (centre_id, year) DO UPDATE SET last = excluded.last",
	[ST_CERTIFICATE_INSERT] = "INSERT INTO certificate (number, centre_id, jury_id, "
		"registration_id, decision_id, kind, cert_code, cert_title, unit_code, unit_title, "
		"holder_name, jury_date, issued_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
	[ST_CERTIFICATE_GET] = "SELECT " CERTIFICATE_FULL " WHERE c.number = ?1",
	[ST_CERTIFICATE_OF_JURY_REG] = "SELECT " CERTIFICATE_COLS " FROM certificate c "
		"WHERE c.jury_id = ?1 AND c.registration_id = ?2 ORDER BY c.id",
	[ST_CERTIFICATE_OF_CANDIDATE] = "SELECT " CERTIFICATE_FULL " WHERE c.registration_id IN "
		"(SELECT id FROM registration WHERE candidate_id = ?1) ORDER BY c.id",
	[ST_CERTIFICATE_CANCEL] = "UPDATE certificate SET state = 'cancelled', cancelled_on = ?2 "
		"WHERE id = ?1 AND state = 'issued'",
	[ST_CERTIFICATE_DUPLICATE] = "UPDATE certificate SET duplicates = ?2, last_duplicate_on = ?3 "
		"WHERE id = ?1",
	[ST_CERTIFICATE_VERIFY] = "SELECT c.number, c.state, c.kind, c.cert_title, c.holder_name, "
		"c.jury_date, ce.name FROM certificate c JOIN centre ce ON ce.id = c.centre_id "
		"WHERE c.number = ?1",
	/* ?1 centre (0: all), ?2 today: the juries held, by date */
	[ST_GTP_LIST] = "SELECT j.id, j.centre_id, ce.code, ce.name, j.date, j.state, j.gtp_sent_on, "
		"j.gtp_attributed_on, (SELECT count(*) FROM gtp_corrective g WHERE g.jury_id = j.id "
		"AND g.state <> 'applied') FROM jury j JOIN centre ce ON ce.id = j.centre_id "
		"WHERE j.date <= ?2 AND (?1 = 0 OR j.centre_id = ?1) ORDER BY j.date, j.id",
	[ST_GTP_SET_SENT] = "UPDATE jury SET gtp_sent_on = ?2, updated_at = ?3 WHERE id = ?1",
	[ST_GTP_SET_ATTRIBUTED] = "UPDATE jury SET gtp_attributed_on = ?2, updated_at = ?3 "
		"WHERE id = ?1",
	[ST_GTP_CORRECTIVE_INSERT] = "INSERT INTO gtp_corrective (jury_id, text, state, sent_on, "
		"created_at) VALUES (?1, ?2, 'sent', ?3, ?4) RETURNING id",
	[ST_GTP_CORRECTIVE_GET] = "SELECT " CORRECTIVE_COLS " WHERE g.id = ?1",
	[ST_GTP_CORRECTIVE_FOLLOW] = "UPDATE gtp_corrective SET state = ?2, followed_on = ?3, "
		"follow_up = ?4 WHERE id = ?1",
	/* the corrective actions of every jury of centre ?1 */
	[ST_GTP_CORRECTIVE_OF_CENTRE] = "SELECT " CORRECTIVE_COLS " WHERE g.jury_id IN "
		"(SELECT id FROM jury WHERE centre_id = ?1) ORDER BY g.id",
	[ST_GTP_WITHDRAWALS] = "SELECT id, centre_id, from_date, until_date, motive "
		"FROM gtp_withdrawal WHERE (?1 = 0 OR centre_id = ?1) ORDER BY centre_id, from_date, id",
	[ST_GTP_WITHDRAWAL_INSERT] = "INSERT INTO gtp_withdrawal (centre_id, from_date, motive, "
		"created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
	[ST_GTP_WITHDRAWAL_CLOSE] = "UPDATE gtp_withdrawal SET until_date = ?2 WHERE id = ?1",

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
