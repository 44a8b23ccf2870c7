/*
** The store: typed operations over the database seam (db.h). Services call
** these inside a transaction they open with store_begin(); nothing here
** checks permissions or rules — that is the service's and the core's job.
**
** Return values: functions that look something up return 1 (found),
** 0 (not found) or -1 (database error); other functions return 0 or -1,
** and STORE_CONFLICT when a uniqueness constraint refused the write.
** Strings handed to a row callback are valid only during the call.
*/
#ifndef CQPM_STORE_H
#define CQPM_STORE_H
#include "store/db.h"
#include "core/perm.h"
#include <stdint.h>

#define STORE_CONFLICT (-2)
#define STORE_BUSY (-3)

struct store *store_open(const char *target, char *err, size_t errsz);
void store_close(struct store *st);
/* Brings the schema to the latest version, each migration in its own
** transaction. Returns 0, or -1 with err filled. */
int store_migrate(struct store *st, char *err, size_t errsz);
int store_schema_version(struct store *st);
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
const char *store_errmsg(struct store *st);

/* Settings: small key/value pairs (e.g. the catalogue generation). */
int store_setting_get(struct store *st, const char *key, char *out, size_t outsz);
int store_setting_put(struct store *st, const char *key, const char *value);

/* Catalogue -------------------------------------------------------------- */

struct cert_row {
	int64_t id;
	const char *code, *kind, *rncp, *identifier, *title, *level, *status;
	int branch;
	int version;
	const char *hash;
	const char *updated_at;
};

/* An owned copy of a cert_row. */
struct cert {
	int64_t id;
	char code[48], kind[16], rncp[24], identifier[24], level[24], status[16];
	char hash[72], updated_at[32];
	char *title;
	int branch, version;
};
void cert_release(struct cert *c);

enum cert_lookup { BY_CODE, BY_RNCP, BY_IDENTIFIER, BY_BLOCK };
int store_cert_find(struct store *st, enum cert_lookup by, const char *key,
	struct cert *out);

struct cert_write {
	const char *code, *kind, *rncp, *identifier, *title, *level, *status;
	int branch, version;
	const char *hash, *search, *nsf, *rome, *at;
};
int store_cert_insert(struct store *st, const struct cert_write *w, int64_t *id);
int store_cert_update(struct store *st, int64_t id, const struct cert_write *w);
int store_cert_version_put(struct store *st, int64_t id, int version,
	const char *hash, const char *doc, const char *source, const char *at,
	const char *by);
/* The document of one version, newly allocated (caller frees), or NULL. */
char *store_cert_doc(struct store *st, int64_t id, int version);

struct cert_version_row {
	int version;
	const char *hash, *source, *created_at, *created_by;
};
typedef int (*cert_version_fn)(void *arg, const struct cert_version_row *r);
int store_cert_versions(struct store *st, int64_t id, cert_version_fn fn, void *arg);

struct cert_filter {
	const char *kind, *level, *status;   /* "" for any */
	const char *words[4];                /* folded search words, NULL unused */
	int limit, offset;
	int64_t matches;                     /* count from store_cert_count, or -1 */
};
typedef int (*cert_row_fn)(void *arg, const struct cert_row *r);
int store_cert_list(struct store *st, const struct cert_filter *f,
	cert_row_fn fn, void *arg);
int64_t store_cert_count(struct store *st, const struct cert_filter *f);
typedef int (*str_fn)(void *arg, const char *s);
/* The qualification levels (NIV1…NIV8) with their labels, from the
** levels nomenclature: fn(arg, code) then the label through *label. */
typedef int (*level_fn)(void *arg, const char *code, const char *label);
int store_cert_levels(struct store *st, level_fn fn, void *arg);
/* Compacts the search index after a bulk change. */
int store_search_optimize(struct store *st);
int store_block_index(struct store *st, int64_t cert_id,
	const char *const *codes, int n);

/* Nomenclatures ------------------------------------------------------------ */

int store_nomen_put(struct store *st, const char *kind, const char *code,
	const char *label, const char *parent);
/* Copies the label into out; 1 found, 0 not, -1 error. */
int store_nomen_get(struct store *st, const char *kind, const char *code,
	char *out, size_t outsz);
int64_t store_nomen_count(struct store *st, const char *kind);
typedef int (*nomen_fn)(void *arg, const char *code, const char *label,
	const char *parent);
/* Entries of kind whose code starts with q or whose label contains it
** ("" for all), by code, at most limit. */
int store_nomen_search(struct store *st, const char *kind, const char *q,
	int limit, nomen_fn fn, void *arg);

/* Centres ------------------------------------------------------------------- */

struct centre {
	int64_t id;
	char code[40];
	char name[800];
	char region[400];
	char address[1200];
	char email[260];
	char created_at[32];
};
int store_centre_insert(struct store *st, const struct centre *c, int64_t *id);
int store_centre_by_code(struct store *st, const char *code, struct centre *out);
int store_centre_by_id(struct store *st, int64_t id, struct centre *out);
typedef int (*centre_fn)(void *arg, const struct centre *c);
/* only: 0 for all centres, else only that one */
int store_centre_list(struct store *st, int64_t only, centre_fn fn, void *arg);

/* Accounts ------------------------------------------------------------------ */

struct account {
	int64_t id;
	char login[72];
	char name[800];
	char email[260];
	int role;            /* enum role */
	int64_t centre_id;   /* 0 for national accounts */
	char centre_code[40];
	int disabled;
	char created_at[32];
	char password_hash[160]; /* empty in lists */
};
int store_account_insert(struct store *st, const struct account *a, int64_t *id);
int store_account_by_login(struct store *st, const char *login, struct account *out);
int store_account_by_id(struct store *st, int64_t id, struct account *out);
typedef int (*account_fn)(void *arg, const struct account *a);
int store_account_list(struct store *st, int64_t centre_id, account_fn fn, void *arg);
int store_account_set_disabled(struct store *st, int64_t id, int disabled);
int store_account_set_password(struct store *st, int64_t id, const char *hash);

/* Training bodies and habilitations ----------------------------------------- */

struct body {
	int64_t id;
	char siret[32];          /* 14 digits; as typed before the service checks it */
	char name[800];
	char address[1200];
	char contact[400];      /* contact person */
	char email[260];
	char phone[40];
	char created_at[32];
};

/* A habilitation row: findings are 12 characters, one per indicator in
** criterion order: 'm' met, 'n' not met, '-' not assessed. */
struct hab_row {
	int64_t id, body_id, centre_id;
	char siret[16];
	char body_name[800];
	char centre_code[40];
	char status[16];
	char assessed_on[12];
	int site_visit;
	char findings[16];
	char granted_on[12], refused_on[12], withdrawn_on[12];
	char motive[1024];
	char updated_at[32];
};

int store_body_insert(struct store *st, const struct body *b, int64_t *id);
int store_body_by_siret(struct store *st, const char *siret, struct body *out);
typedef int (*store_body_fn)(void *arg, const struct body *b);
int store_body_list(struct store *st, store_body_fn fn, void *arg);
/* The habilitation of body by centre; 1 found, 0 not, -1 error. */
int store_hab_get(struct store *st, int64_t body_id, int64_t centre_id,
	struct hab_row *out);
/* Inserts or replaces the habilitation of (body_id, centre_id). */
int store_hab_put(struct store *st, const struct hab_row *h);
typedef int (*hab_row_fn)(void *arg, const struct hab_row *h);
/* centre_id 0: every centre; body_id 0: every body; status "": any. */
int store_hab_list(struct store *st, int64_t centre_id, int64_t body_id,
	const char *status, hab_row_fn fn, void *arg);

/* Candidates and registrations (issue 3) ---------------------------------- */

struct candidate {
	int64_t id, centre_id;
	char centre_code[40];
	char identity_key[400];   /* folded birth name | first names | birth date */
	char birth_name[400], usage_name[400], first_names[400];
	char sex[4];
	char birth_date[12];
	char birth_town[400], birth_insee[8], birth_department[8], birth_country[400];
	char email[260], phone[40];
	char address[1200], postal_code[8], city[400];
	char search[1200];        /* folded names, for the search index */
	char created_at[32], updated_at[32];
};

int store_candidate_insert(struct store *st, const struct candidate *c, int64_t *id);
/* Replaces the identity and contact of candidate c->id. */
int store_candidate_update(struct store *st, const struct candidate *c);
int store_candidate_get(struct store *st, int64_t id, struct candidate *out);
int store_candidate_by_key(struct store *st, int64_t centre_id,
	const char *identity_key, struct candidate *out);

/* A registration row (table registration) with the names a list shows. */
struct reg_row {
	int64_t id, candidate_id, centre_id, certification_id, body_id;
	int cert_version;
	char centre_code[40];
	char cert_code[48], cert_kind[16], cert_title[400];
	char blocks[800];          /* space-separated block codes; "" = the whole certification */
	char route[24], vae_kind[32], registrant[16], origin[4], funding[8];
	char body_siret[16], body_name[400];
	char company_name[400], company_address[1200], company_siret[16];
	char company_naf[8], company_nace[8], sector[4], sector_branch[400];
	char tutor[400];
	int without_agreement;
	char accommodations[2000];
	char registered_on[12], status[16], next_jury[12];
	char created_at[32], created_by[80], updated_at[32];
	/* the candidate, for lists */
	char birth_name[400], usage_name[400], first_names[400], birth_date[12];
};

int store_reg_insert(struct store *st, const struct reg_row *r, int64_t *id);
int store_reg_get(struct store *st, int64_t id, struct reg_row *out);
/* Number of registrations of candidate for certification with status
** 'active' (R-INS-1); -1 on error. */
int64_t store_reg_active_count(struct store *st, int64_t candidate_id,
	int64_t certification_id);
int store_reg_set_status(struct store *st, int64_t id, const char *status,
	const char *updated_at);
typedef int (*reg_row_fn)(void *arg, const struct reg_row *r);
/* The registrations of one candidate, newest first. */
int store_reg_of_candidate(struct store *st, int64_t candidate_id,
	reg_row_fn fn, void *arg);

/* Filters of the work lists; 0 / "" leave a filter unused. */
struct reg_filter {
	int64_t centre_id;        /* a centre's own */
	int64_t body_id;          /* a training body's own */
	int64_t evaluator_id;     /* an evaluator's assigned candidates */
	int64_t certification_id;
	const char *status;       /* active, admitted, not_admitted, withdrawn */
	const char *company_siret;
	const char *next_jury;    /* YYYY-MM-DD */
	const char *match;        /* FTS5 expression on the folded names, or NULL */
	const char *prefix;       /* folded LIKE pattern of one-letter words, or NULL */
	int64_t before_id;        /* only ids below it (keyset paging), 0: all */
	int64_t matches;          /* with match: the count, known first, or -1 */
	int limit, offset;
};
int store_reg_list(struct store *st, const struct reg_filter *f, reg_row_fn fn,
	void *arg);
int64_t store_reg_count(struct store *st, const struct reg_filter *f);

/* 1 if account is assigned to the registration's evaluation commission,
** 0 if not, -1 on error. */
int store_assigned(struct store *st, int64_t registration_id, int64_t account_id);

/* One competence's recorded result (table evaluation). */
struct eval_row {
	int64_t registration_id, evaluator_id;
	char competence[16], result[16], modality[32];
	char criteria[2000], appraisal[4000];
	char evaluated_on[12], evaluator_name[200], recorded_at[32];
};
typedef int (*eval_row_fn)(void *arg, const struct eval_row *e);
int store_eval_of_reg(struct store *st, int64_t registration_id,
	eval_row_fn fn, void *arg);

/* Units kept from an earlier jury (R-LET-3). */
struct acquired_row {
	int64_t id, candidate_id, certification_id;
	char cert_code[48];
	char unit[48], unit_kind[12], jury_date[12], kept_until[12], source[16];
	char recorded_at[32];
};
int store_acquired_insert(struct store *st, const struct acquired_row *a);
typedef int (*acquired_fn)(void *arg, const struct acquired_row *a);
int store_acquired_of_candidate(struct store *st, int64_t candidate_id,
	acquired_fn fn, void *arg);

/* The account of a training body is tied to its body (R-HAB-2). */
int store_account_set_body(struct store *st, int64_t account_id, int64_t body_id);
/* The body of an account, 0 when none, -1 on error. */
int64_t store_account_body(struct store *st, int64_t account_id);
/* The accounts tied to body (centre_id 0: of every centre). */
int store_account_of_body(struct store *st, int64_t body_id, int64_t centre_id,
	account_fn fn, void *arg);
int store_body_by_id(struct store *st, int64_t id, struct body *out);

/* Sessions ------------------------------------------------------------------ */

int store_session_insert(struct store *st, const char *token_hash,
	int64_t account_id, const char *csrf, int64_t now, int64_t expires);
/* 1 and *account_id, csrf filled when a live session of an enabled
** account has that token hash. */
int store_session_get(struct store *st, const char *token_hash, int64_t now,
	int64_t *account_id, char *csrf, size_t csrfsz);
int store_session_delete(struct store *st, const char *token_hash);
int store_session_delete_account(struct store *st, int64_t account_id);
int store_session_purge(struct store *st, int64_t now);

/* Login throttling ---------------------------------------------------------- */

int store_throttle_get(struct store *st, const char *key, int *failures,
	int64_t *window_start);
int store_throttle_put(struct store *st, const char *key, int failures,
	int64_t window_start);
int store_throttle_clear(struct store *st, const char *key);

/* Audit --------------------------------------------------------------------- */

struct audit_row {
	int64_t id;
	const char *at, *actor, *action, *object, *detail, *prev_hash, *hash;
};
/* Last id and hash (AUDIT_GENESIS, 0 on an empty log). */
int store_audit_last(struct store *st, int64_t *id, char hash[65]);
int store_audit_insert(struct store *st, const struct audit_row *r);
typedef int (*audit_fn)(void *arg, const struct audit_row *r);
/* Newest first, at most limit rows; object "" for all. */
int store_audit_list(struct store *st, const char *object, int limit,
	audit_fn fn, void *arg);
/* Oldest first, every row (for verification). */
int store_audit_all(struct store *st, audit_fn fn, void *arg);

#endif
