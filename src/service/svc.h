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
/* For tests and demonstrations (cqpm --clock, serve --clock): the
** program's clock is moved to the same time of day on day ("YYYY-MM-DD",
** local time) and runs from there, for every operation of the process,
** audit events included. A production server never sets it. -1 on a bad
** day. */
int svc_clock_set(const char *day);
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

/* What the synthesis of evaluations (doc/synthesis.h) is drawn from: the
** candidate's file (svc_candidate_doc: same permissions and scope), the
** name of the centre holding the registration shown, and the service's
** clock for the document's dates. The caller releases doc. */
struct synthesis_input {
	json_t *doc;
	char centre_name[800];
	char date[11];        /* YYYY-MM-DD */
	char timestamp[32];   /* YYYY-MM-DDTHH:MM:SSZ */
};
int svc_synthesis_input(struct svc *s, int64_t candidate_id, struct synthesis_input *in);

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

/* Evaluation: dossier, commission, results, company opinion (R-EVA-1..6) */

/* The modalities chosen for one competence, as typed. */
struct dossier_choice {
	const char *competence;   /* "C1" */
	const char *modalities;   /* keys separated by commas or spaces:
	                          ** real_situation, project_presentation,
	                          ** reconstituted_situation */
};

/* An evaluation dossier as typed. NULL and "" are the same. */
struct dossier_in {
	const struct dossier_choice *choices;
	size_t nchoices;
	const char *places;             /* where the evaluations take place */
	const char *period_start, *period_end;   /* YYYY-MM-DD */
	const char *agreed_on;          /* date of the agreement */
	const char *centre_signatory;
	const char *company_signatory;  /* required when the company agrees, refused otherwise */
};
#define DOSSIER_MAX_CHOICES 400

/*
** R-EVA-1, R-EVA-2: agrees the evaluation dossier of a registration: for
** every competence of its scope (but those of blocks kept from an earlier
** jury, R-LET-3), modalities among those the referential allows; where
** and when; who agreed (the company, or the candidate for a VAE, a job
** seeker, an employee without his employer's agreement) and the
** signatories. A new agreement replaces the previous one; a competence
** already evaluated keeps the modality it was evaluated by. Centre staff
** of the registration's centre and the national administrator.
*/
int svc_dossier_agree(struct svc *s, int64_t registration_id,
	const struct dossier_in *d);

/*
** R-EVA-5: assigns an evaluator account of the registration's centre to
** its evaluation commission, or removes it. *members (may be NULL)
** receives the number of members afterwards: fewer than
** COMMISSION_MIN_MEMBERS (core/evaluation.h) is a warning to show, not a
** refusal. Centre staff and the national administrator.
*/
int svc_eval_assign(struct svc *s, int64_t registration_id, const char *login,
	int *members);
int svc_eval_unassign(struct svc *s, int64_t registration_id, const char *login,
	int *members);

/* One competence's result as typed. */
struct evaluation_in {
	const char *competence;   /* "C1" */
	const char *result;       /* acquired, not_acquired */
	const char *modality;     /* one the dossier chose for the competence */
	const char *criteria;     /* criteria observed */
	const char *appraisal;    /* written appraisal */
	const char *date;         /* YYYY-MM-DD */
};

/*
** R-EVA-5, R-EVA-2: records (or replaces) the result of one competence of
** the registration's scope, by a modality its dossier chose, while the
** registration is active. An evaluator assigned to the registration, or
** centre staff of its centre, or the national administrator.
*/
int svc_eval_record(struct svc *s, int64_t registration_id,
	const struct evaluation_in *e);

/* The company's opinion as typed. */
struct opinion_in {
	const char *opinion;      /* favourable, reserved, unfavourable */
	const char *author_name;
	const char *author_role;  /* tutor, manager */
	const char *date;         /* YYYY-MM-DD */
	const char *comment;
};

/* R-EVA-3: records (or replaces) the company's opinion, where it is part
** of the evaluation. Centre staff and the national administrator. */
int svc_opinion_record(struct svc *s, int64_t registration_id,
	const struct opinion_in *o);

/*
** What the forms of the evaluation need to know of a registration the
** actor may see: {registration, candidate, agreed_by, agreed_by_label,
** company_opinion_required, company_opinion_reason (null when required),
** commission_min, competences: [{code, title, block, block_title,
** allowed: [modality keys], kept_from_jury (null or a date)}]}.
*/
int svc_eval_scope(struct svc *s, int64_t registration_id, json_t **out);
/* {"registration": the registration's object of the candidate's file,
** "scope": svc_eval_scope()} for a registration the actor may see. */
int svc_eval_registration(struct svc *s, int64_t registration_id, json_t **out);
/* VAE: admissibility file, decision, commission (R-VAE-1..3) ------------ */

/* Limits of the admissibility form (CERFA 12818*02). */
#define VAE_MAX_EXPERIENCES 50
#define VAE_MAX_TRAINING 30
#define VAE_MAX_PRIOR 20

/*
** R-VAE-1: the centre records the admissibility file (dossier de
** recevabilité, CERFA 12818*02) of a VAE registration on its receipt on
** received_on. cerfa is the form's data, {experiences, training,
** prior_validations} (doc/vae-file.md), every field checked. The file is
** replaced while it awaits a decision (after one, its receipt date stays);
** a file declared admissible or not admissible is final. Centre staff of
** the registration's centre and the national administrator.
*/
int svc_vae_file(struct svc *s, int64_t registration_id, const char *received_on,
	const json_t *cerfa);
/* R-VAE-1: decides on the received file: "admissible", "not_admissible"
** or "incomplete", on date; a negative decision states its motive. */
int svc_vae_decide(struct svc *s, int64_t registration_id, const char *decision,
	const char *date, const char *motive);
/* R-VAE-1: the candidate completed his incomplete file on date (after
** being told what was missing); it awaits a new decision. */
int svc_vae_complete(struct svc *s, int64_t registration_id, const char *date);
/* R-VAE-1: the last decision was communicated to the candidate on date by
** means: "courrier", "courriel" or "remise" (en main propre). Nothing
** proceeds on a decision not communicated; told he is admissible, the
** candidate enters the certification phase (R-VAE-2). */
int svc_vae_communicate(struct svc *s, int64_t registration_id, const char *date,
	const char *means);

/* The validation commission as typed. NULL and "" are the same. */
struct vae_commission_in {
	const char *chair_name;     /* the centre's representative who chairs it */
	const char *chair_centre;   /* centre code he represents; default the actor's, or the registration's */
	const char *held_on;        /* YYYY-MM-DD */
	int work_situation;         /* a mise en situation professionnelle was held */
	int interview;              /* an interview was held */
	const char *conclusion;     /* none, partial, total */
	const char *validated;      /* codes of the units validated, separated by spaces or commas */
	const char *comment;
};
/*
** R-VAE-3: records the validation commission of a VAE registration and
** its conclusions to the jury: it sits once the file is admissible (and
** the candidate told, R-VAE-2) and the livret 2 is in, chaired by the
** organising centre's representative; it concludes per block (a CQPM
** registered at the RNCP) or per competence, and the conclusion must be
** the one the units validated amount to. Replaces an earlier record.
*/
int svc_vae_validate(struct svc *s, int64_t registration_id,
	const struct vae_commission_in *c);
/* The VAE of one registration the actor may see: {registration,
** candidate, centre, certification, registered_on, registration_status,
** vae}, vae being the object of the candidate's file. Caller owns *out. */
int svc_vae_get(struct svc *s, int64_t registration_id, json_t **out);
/* Codes and French labels of the form's lists: the status of an activity
** (salarie …) and the means of communication (courrier …); code(i) is
** NULL past the last one, label is "" for an unknown code. */
const char *vae_status_code(int i);
const char *vae_status_label(const char *code);
const char *vae_means_code(int i);
const char *vae_means_label(const char *code);

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
