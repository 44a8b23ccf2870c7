/*
** The service layer: every operation a user can ask for, whichever front
** end asks (web page, JSON API, CLI). Each operation is one transaction:
**
**     permission check → begin → load → core rule → store → audit → commit
**
** and on any failure a rollback, so that nothing is half-written. The
** result says what went wrong in a form every front end can show: a code,
** the field or rule at fault, and a French message.
*/
#ifndef CQPM_SVC_H
#define CQPM_SVC_H
#include "core/habilitation.h"
#include "core/perm.h"
#include "store/store.h"
#include <jansson.h>
#include <stdint.h>
#include <time.h>

enum svc_rc {
	SVC_OK = 0,
	SVC_DENIED,     /* not allowed: HTTP 403, CLI exit 1 */
	SVC_UNAUTH,     /* not logged in / bad credentials: HTTP 401 */
	SVC_INVALID,    /* a field is wrong: HTTP 400/422 */
	SVC_NOTFOUND,   /* HTTP 404 */
	SVC_CONFLICT,   /* already exists: HTTP 409 */
	SVC_RULE,       /* a rule of the scheme refuses it: HTTP 422 */
	SVC_THROTTLED,  /* too many attempts: HTTP 429 */
	SVC_BUSY,       /* the database stayed locked: HTTP 503 */
	SVC_INTERNAL,   /* a bug or a broken database: HTTP 500 */
};

struct svc_result {
	enum svc_rc rc;
	char field[64];    /* form field / JSON key at fault, or "" */
	char rule[16];     /* rule id (R-INS-3 …), or "" */
	char message[512]; /* French, complete sentence */
};

struct svc {
	struct store *st;
	struct actor actor;
	struct svc_result res;
	time_t now;          /* 0: the clock; tests set it */
};

void svc_init_ctx(struct svc *s, struct store *st, const struct actor *actor);
/* Records a failure and returns -1. fmt is French. */
int svc_fail(struct svc *s, enum svc_rc rc, const char *field,
	const char *rule, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Opens the operation's write transaction; -1 with SVC_BUSY or
** SVC_INTERNAL when the database cannot be locked. */
int svc_begin(struct svc *s);
time_t svc_time(const struct svc *s);
/* Copies a core rule failure (core/rules.h) into the result: SVC_RULE
** with the rule id, or SVC_INVALID for a malformed input. Returns -1. */
struct rule_error;
int svc_rule_failed(struct svc *s, const struct rule_error *e);
/* Appends the audit event and commits; on failure rolls back and returns
** -1 with the result set. */
int svc_commit_audit(struct svc *s, const char *action, const char *object,
	json_t *detail /* stolen, may be NULL */);
/* "YYYY-MM-DDTHH:MM:SSZ" of svc_time into out[32]. */
void svc_now_iso(const struct svc *s, char out[32]);
/* "YYYY-MM-DD" of svc_time into out[11]. */
void svc_today(const struct svc *s, char out[11]);

/* Initialisation -------------------------------------------------------- */

struct init_report {
	int schema_version;
	int64_t nomenclatures[4];  /* NSF, ROME, NAF, levels */
	int seeds;                 /* catalogue entries loaded or updated */
	int demo;                  /* 1 if demo data was created */
};
/*
** Creates or upgrades the database, loads nomenclatures and seed
** referentials from data_dir, and with demo a demo centre and accounts
** (printed through the report callback with their passwords).
*/
typedef void (*init_say_fn)(void *arg, const char *line);
int svc_setup(struct svc *s, const char *data_dir, int demo,
	init_say_fn say, void *say_arg, struct init_report *rep);

/* Catalogue ------------------------------------------------------------- */

struct cat_entry {
	struct cert meta;  /* row of the current version */
	json_t *doc;       /* the document, with "version" and "versions" added */
};
void cat_entry_release(struct cat_entry *e);

/* Finds an entry by any of its codes (RNCP/RS number, R-CAT-4 identifier,
** block code, local key), as typed by a user. */
int svc_cat_get(struct svc *s, const char *code, int version, struct cat_entry *out);

struct cat_query {
	const char *q;       /* free text: title, code, RNCP, NSF, ROME, level */
	const char *kind, *level, *status;
	int page, per_page;  /* page from 1 */
};
struct cat_page {
	int64_t total;
	int page, per_page;
};
int svc_cat_list(struct svc *s, const struct cat_query *q, cert_row_fn fn,
	void *arg, struct cat_page *page);
int svc_cat_levels(struct svc *s, level_fn fn, void *arg);
/* Label of a nomenclature code, "" when unknown. */
const char *svc_nomen_label(struct svc *s, const char *kind, const char *code,
	char *out, size_t outsz);

/* The nomenclatures (nsf, rome, naf, level): search by code prefix or
** label words; at most limit entries (1..1000). */
int svc_nomen_search(struct svc *s, const char *kind, const char *q, int limit,
	nomen_fn fn, void *arg);

struct import_report {
	int64_t fiches, created, updated, unchanged;
	int64_t bytes;
};
typedef void (*svc_progress_fn)(void *arg, uint64_t done, uint64_t total);
/* R-CAT-9: imports an RNCP export (XML flux, CSV zip or folder) in one
** transaction; on any error nothing is changed. `name` is the file name
** to show and record (NULL: the last part of path), for uploads stored
** under a temporary name. */
int svc_import_rncp(struct svc *s, const char *path, const char *name,
	svc_progress_fn progress, void *progress_arg, struct import_report *rep);
/* Loads the seed referentials (data_dir/seeds/ *.json). */
int svc_load_seeds(struct svc *s, const char *data_dir, struct import_report *rep);
/* Loads the nomenclatures of data_dir/nomenclatures/. */
int svc_load_nomenclatures(struct svc *s, const char *data_dir, int64_t counts[4]);

/* Current catalogue generation (bumped at every catalogue change), for
** caches; -1 on error. */
int64_t svc_cat_generation(struct svc *s);

/* Centres and accounts -------------------------------------------------- */

int svc_centre_add(struct svc *s, const struct centre *c, int64_t *id);
int svc_centre_list(struct svc *s, centre_fn fn, void *arg);
int svc_centre_get(struct svc *s, const char *code, struct centre *out);

struct user_new {
	const char *login, *name, *email, *role, *centre_code, *password;
};
int svc_user_add(struct svc *s, const struct user_new *u, int64_t *id);
int svc_user_list(struct svc *s, account_fn fn, void *arg);
int svc_user_set_disabled(struct svc *s, const char *login, int disabled);
int svc_user_get(struct svc *s, const char *login, struct account *out);
/*
** Sets a new password. For one's own account, `current` must be the
** present password; an administrator (scoped) resets another account's
** without it. Every session of the account is closed.
*/
int svc_user_set_password(struct svc *s, const char *login, const char *current,
	const char *password);

/* Training bodies and their habilitation (R-HAB-1, R-HAB-2) ------------- */

/* One habilitation of a body by a centre, with its instruction. */
struct body_hab {
	int64_t id;
	char siret[16];
	char body_name[800];
	char centre_code[40];
	struct habilitation h;        /* core/habilitation.h */
	struct hab_assessment a;
	char updated_at[32];
};

/* Records a training body (centre staff or the national administrator).
** The SIRET is checked with its Luhn key; a body is recorded once. */
int svc_body_add(struct svc *s, const struct body *b, int64_t *id);
/* Bodies visible to the actor: every body for the national administrator
** and centre staff (so that they can instruct a new one). */
typedef int (*body_fn)(void *arg, const struct body *b);
int svc_body_list(struct svc *s, body_fn fn, void *arg);
int svc_body_get(struct svc *s, const char *siret, struct body *out);

/*
** Records the instruction of a body's habilitation by a centre: the
** findings of the 12 indicators, the date, a site visit (R-HAB-1). Centre
** staff instruct for their own centre only. Creates the habilitation
** (pending) or updates a pending one.
*/
int svc_hab_instruct(struct svc *s, const char *siret, const char *centre_code,
	const struct hab_assessment *a);
/* Decides: "granted", "refused" or "withdrawn", on date, with a motive
** for a refusal or a withdrawal (core/habilitation.c has the rules). */
int svc_hab_decide(struct svc *s, const char *siret, const char *centre_code,
	const char *decision, const char *date, const char *motive);
/* Habilitations visible to the actor: a centre's own; all of them for the
** national administrator (the national list, R-HAB-1). siret "" for all
** bodies; status "" for every status. */
typedef int (*body_hab_fn)(void *arg, const struct body_hab *h);
int svc_hab_list(struct svc *s, const char *siret, const char *status,
	body_hab_fn fn, void *arg);

/* Candidates and registrations (R-INS-1..3, R-CAT-7, R-LET-3) ------------ */

/* The candidate as typed in a form, a JSON body or CLI options. */
struct candidate_in {
	const char *birth_name, *usage_name, *first_names, *sex, *birth_date;
	const char *birth_town, *birth_insee, *birth_department, *birth_country;
	const char *email, *phone, *address, *postal_code, *city;
};

/* The registration as typed. NULL and "" are the same. */
struct registration_in {
	const char *centre;          /* centre code; default: the actor's */
	const char *certification;   /* any code of the entry (RNCP28235, CQPM…) */
	const char *blocks;          /* block codes separated by spaces or commas; "" = the whole certification */
	const char *route;           /* student … vae (catalogue.h route_key) */
	const char *vae_kind;        /* standard, branch, branch_collective (route vae) */
	const char *registrant;      /* company, training_body, candidate */
	const char *origin;          /* SL, DE */
	const char *funding;         /* CPF … PA */
	const char *body_siret;      /* the training body */
	const char *company_name, *company_address, *company_siret, *company_naf;
	const char *sector, *sector_branch;
	const char *tutor;
	int without_agreement;       /* employee acting without his employer's agreement */
	const char *accommodations;  /* R-EVA-4 */
	const char *date;            /* registration date; default today */
};

/*
** Registers a candidate (R-INS-1): finds him by birth name, first names
** and birth date in the centre, or records him, then checks the rules
** (core/registration.c) against the certification's current version, the
** body's habilitation by the centre and his other registrations, and
** records the registration. A training body's account registers as that
** body, with a centre that habilitated it (R-HAB-2).
*/
int svc_candidate_register(struct svc *s, const struct candidate_in *c,
	const struct registration_in *r, int64_t *candidate_id,
	int64_t *registration_id);

/*
** The whole file of a candidate, as one JSON document (page, API, CLI
** and synthesis PDF all show this): identity, contact, the current
** registration and the earlier ones, each competence's result, the blocks
** acquired and until when they are kept (R-LET-3), the derived status.
** The caller owns *out.
*/
int svc_candidate_doc(struct svc *s, int64_t candidate_id, json_t **out);

/* The work list: registrations the actor may see, filtered. */
struct candidate_query {
	const char *q;             /* names, folded search */
	const char *status;        /* active, admitted, not_admitted, withdrawn */
	const char *certification; /* any code of the entry */
	const char *body_siret;
	const char *company_siret;
	const char *next_jury;     /* YYYY-MM-DD */
	const char *centre;        /* national administrator: a centre code */
	int page, per_page;        /* page from 1; per_page 1..500 (0 = 50) */
	int64_t before_id;         /* only registrations below this id (exports page by it), 0: all */
};
/* Newest registration first (a name search too). *total (may be NULL)
** receives the number of registrations the filters select, -1 with
** before_id. A search made only of one-letter words is refused. */
int svc_candidate_list(struct svc *s, const struct candidate_query *q,
	reg_row_fn fn, void *arg, int64_t *total);

/*
** R-LET-3: records a unit (block or competence) acquired by a candidate at
** an earlier jury (minutes kept before cqpm, or another centre's jury):
** the date until which it is kept is computed from the certification's
** registered validity. Centre staff only.
*/
int svc_acquired_record(struct svc *s, int64_t candidate_id,
	const char *certification, const char *unit, const char *jury_date);

/* Ties a training body's account to its body (R-HAB-2): what it registers
** is registered as that body. */
int svc_account_link_body(struct svc *s, const char *login, const char *siret);
/* The accounts tied to the body of siret: every one for the national
** administrator, those of their centre for centre staff. */
int svc_body_accounts(struct svc *s, const char *siret, account_fn fn, void *arg);
/* The training body the actor's account is tied to: 1 with *out, 0 when
** none (or the actor is no training body). */
int svc_account_body(struct svc *s, struct body *out);

/* Labels of the registration's codes. */
const char *registration_status_label(const char *status);

/* Authentication -------------------------------------------------------- */

#define SESSION_TOKEN_LEN 64   /* hex characters */
#define SESSION_LIFETIME (8 * 3600)
#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_LOGIN_MAX 5   /* failures per login per window */
#define THROTTLE_ADDR_MAX 20   /* failures per address per window */

/* Checks credentials and opens a session. token and csrf receive hex
** strings (SESSION_TOKEN_LEN + 1 bytes each). */
int svc_login(struct svc *s, const char *login, const char *password,
	const char *addr, char *token, char *csrf);
/* Resolves a session token into s->actor (role ROLE_PUBLIC when none). */
int svc_session(struct svc *s, const char *token, char *csrf, size_t csrfsz);
int svc_logout(struct svc *s, const char *token);

/* Password hashing (Argon2id). */
int svc_password_hash(const char *password, char out[160]);

/* Audit ----------------------------------------------------------------- */

/* Appends an audit event inside the current transaction. */
int svc_audit(struct svc *s, const char *action, const char *object,
	json_t *detail /* stolen, may be NULL */);
int svc_audit_list(struct svc *s, const char *object, int limit, audit_fn fn,
	void *arg);
/* Recomputes the chain; returns 0 if intact, else -1 with the first
** broken event id in *bad. */
int svc_audit_verify(struct svc *s, int64_t *count, int64_t *bad);

#endif
