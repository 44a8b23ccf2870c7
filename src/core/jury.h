/*
** The jury paritaire de délibération (R-JUR-1..11, R-INS-2; dispositif
** Partie 2, chapter 3 §1–3): its composition, the designation requests to
** the unions and the convocations, its planning, and its sitting up to
** the signed minutes (procès-verbal) and the corrections made after them.
** What an admission awards, the letters and the certificate numbers are
** in award.h; the records sent to the GTP and the withdrawal of the
** capacity to award are in gtp.h.
**
** Nothing here reads a table or a clock: the service loads the jury, its
** members, the representative unions and the decisions into these plain
** structs, "today" included, and stores what the transitions return.
**
** The life of one jury (one sitting of the centre's jury paritaire):
**
**   planned ──jury_open──▶ sitting ──jury_sign──▶ signed
**    │   ▲                (attendance taken,      (minutes signed by
**    └───┘ jury_move       paritaire)              the president)
**
** The life of the decision on one candidate:
**
**   none ──jury_decide──▶ provisional ──jury_sign──▶ final ──jury_correct──▶ superseded
**                          │        ▲
**                          └────────┘ jury_decide again, during the sitting
**
** A correction after the signature does not change the final decision: it
** marks it superseded (kept, with the day it was superseded) and returns a
** new final decision, revision + 1, carrying the correction's motive.
*/
#ifndef CQPM_JURY_H
#define CQPM_JURY_H
#include <stddef.h>
#include <stdint.h>
#include "core/dates.h"
#include "core/perm.h"
#include "core/rules.h"

/* R-JUR-1, R-JUR-9: "au moins 15 jours calendaires avant la date du jury". */
#define JURY_NOTICE_DAYS 15
/* R-JUR-3: at most five qualified members of the metallurgy branch in the
** employer delegation; R-JUR-3, R-JUR-4: at most one member of the
** temporary-work branch in each delegation. */
#define JURY_MAX_EMPLOYER_METALLURGY 5
#define JURY_MAX_TEMPORARY_WORK 1
/* Limits of hostile input. */
#define JURY_MAX_MEMBERS 64
#define JURY_MAX_UNIONS 16
#define JURY_NAME_MAX 200         /* characters of a member's name */
#define JURY_MOTIVE_MAX 1000      /* characters of a correction's motive */
#define UNION_CODE_MAX 32         /* "CFE-CGC", "CGT-FO" */

/* Who a member of the jury is. */
enum jury_role {
	JROLE_EMPLOYER,        /* membre de la délégation patronale (R-JUR-3) */
	JROLE_UNION,           /* représentant d'une organisation syndicale (R-JUR-4) */
	JROLE_TUTOR,           /* invité : tuteur du candidat (R-JUR-6) */
	JROLE_TRAINING_BODY,   /* invité : représentant des organismes de formation habilités */
	JROLE_EVALUATOR,       /* invité : membre de la commission d'évaluation */
	JROLE__MAX
};

/* The side a role sits on: the two delegations vote, the invited never. */
enum jury_side {
	SIDE_EMPLOYER,         /* délégation patronale */
	SIDE_EMPLOYEE,         /* délégation syndicale (salariés) */
	SIDE_INVITED,          /* invité sans voix délibérative */
	SIDE__MAX
};

/* The branch a delegation member comes from (R-JUR-3, R-JUR-4). */
enum jury_branch {
	BRANCH_METALLURGY,       /* branche de la métallurgie */
	BRANCH_TEMPORARY_WORK,   /* branche du travail temporaire */
	BRANCH__MAX
};

const char *jury_role_code(enum jury_role r);      /* "employer", "union", "tutor", … */
const char *jury_role_label(enum jury_role r);     /* French */
int jury_role_from_code(const char *code);         /* -1 if unknown */
const char *jury_side_code(enum jury_side s);      /* "employer", "employee", "invited" */
const char *jury_side_label(enum jury_side s);     /* French */
const char *jury_branch_code(enum jury_branch b);  /* "metallurgy", "temporary_work" */
const char *jury_branch_label(enum jury_branch b); /* French */
int jury_branch_from_code(const char *code);       /* -1 if unknown */

/* The side of a role (SIDE__MAX for a role out of range). */
enum jury_side jury_role_side(enum jury_role r);

/* One person of the jury: designated member or invited. */
struct jury_member {
	const char *name;          /* "Prénom NOM", for messages */
	enum jury_role role;
	enum jury_branch branch;   /* delegation members; ignored for the invited */
	const char *union_code;    /* JROLE_UNION: the mandating union ("CGT") */
	int branch_employee;       /* JROLE_UNION, metallurgy: employee of a company of the branch (R-JUR-4) */
	int votes;                 /* sits with a vote (voix délibérative) */
	int president;             /* designated president by the centre (R-JUR-7) */
	const char *convened_on;   /* date the convocation for the jury's current date left, "" or NULL if none */
	int present;               /* attendance, at the sitting */
};

/*
** R-JUR-1, R-JUR-9: 1 if the convocation rule applies to a member of this
** role: the two delegations are "membres du jury" and are convened; the
** invited (R-JUR-6) are invited for consultation, not convened, and no
** delay is set for their invitation.
*/
int jury_member_convened(enum jury_role r);

/* R-JUR-9: the union that receives a copy of the convocation of m (the
** one that mandated him), or NULL when m is not a union representative. */
const char *jury_convocation_copy_to(const struct jury_member *m);

/*
** The composition of a jury: m[0..n) against the list of the unions
** representative in the branch (unions[0..nunions), data the national
** administrator keeps). Checks, each refusal naming its rule:
**   - every member well formed (name, role, branch, at most
**     JURY_MAX_MEMBERS);
**   - R-JUR-6  an invited person never votes nor presides;
**   - R-JUR-3  the employer delegation has at most 5 members of the
**              metallurgy branch and at most 1 of the temporary-work branch;
**   - R-JUR-4  a union representative is mandated by a representative
**              union; a metallurgy representative is an employee of a
**              company of the branch; at most one temporary-work member in
**              the union delegation; of the metallurgy representatives of
**              one union, exactly one sits with a vote;
**   - R-JUR-7  exactly one president, who belongs to the employer
**              delegation and votes (see jury.c for why).
** Parity (R-JUR-5) is not a rule of the composition: it is counted among
** the voting members present, at the sitting (jury_open).
** Returns 0, or -1 with err for the first refusal.
*/
int jury_composition_check(const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions, struct rule_error *err);

/*
** R-JUR-3, R-JUR-4, R-JUR-6, R-JUR-7 while the composition is built up
** (a member added to a planned jury): the same refusals as
** jury_composition_check but for what a later addition mends — no
** president yet, a union whose representatives have no vote yet. Too
** many members, a second president, an invited who votes, a second voter
** of one union are refused. Returns 0, or -1 with err.
*/
int jury_composition_partial_check(const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions, struct rule_error *err);

/* Voting members of m[0..n) on each side (present ones only when
** present_only): the invited are never counted. */
void jury_vote_count(const struct jury_member *m, size_t n, int present_only,
	int *employer, int *employee);

/*
** R-JUR-5: the voting members present are paritaire: as many employee as
** employer votes, at least one on each side. Returns 0, or -1 with err
** saying the count on each side.
*/
int jury_parity_check(const struct jury_member *m, size_t n,
	struct rule_error *err);

/* R-JUR-1, R-JUR-9: the last day a designation request or a convocation
** may leave for a jury on jury_date (jury_date − 15 days) into out.
** Returns 0, or -1 (out = "") on an invalid date. */
int jury_notice_deadline(const char *jury_date, char out[DATE_LEN]);

/*
** R-JUR-1: a designation request sent to union on sent_on is on time for
** the jury of jury_date when it leaves at least 15 calendar days before:
** jury_date − sent_on ≥ 15 (14 days is late). Returns 0, or -1 with err
** giving the last allowed day and the earliest date the jury could be
** moved to.
*/
int jury_request_check(const char *jury_date, const char *sent_on,
	const char *union_code, struct rule_error *err);

/* R-JUR-9: the same rule for the convocation of member (a name, for the
** message) sent on sent_on. Returns 0, or -1 with err. */
int jury_convocation_check(const char *jury_date, const char *sent_on,
	const char *member, struct rule_error *err);

/* R-JUR-1: a designation request to one union. */
struct union_request {
	const char *union_code;
	const char *sent_on;       /* "" or NULL when not sent */
};

/*
** R-JUR-1: every representative union (unions[0..nunions)) was asked to
** designate its representatives at least 15 days before jury_date
** (requests req[0..nreq), one per union; the earliest counts when a union
** has several). Returns 0, or -1 with err naming the first union not
** asked, or asked too late.
*/
int jury_requests_check(const char *jury_date, const char *const *unions,
	size_t nunions, const struct union_request *req, size_t nreq,
	struct rule_error *err);

/* R-JUR-8: the kinds of change made to a planned jury. */
enum jury_change {
	CHANGE_DATE,          /* the jury is moved */
	CHANGE_MEMBERS,       /* a member added, removed, or his vote changed */
	CHANGE_PRESIDENT,     /* another president designated */
	CHANGE_PLACE,         /* another place, same date */
	CHANGE_CANDIDATES,    /* candidates or certifications examined */
	CHANGE__MAX
};

/*
** R-JUR-8: 1 if a change of this kind must be notified to the CPREFP (or
** the infra-regional commission) again: any change of composition, and
** any change of date (see jury.c); 0 otherwise. The service keeps a
** revision number bumped by each such change; a notice is due while the
** last notice sent carries an older revision.
*/
int jury_change_informs_cprefp(enum jury_change c);

/* State of a jury. */
enum jury_state {
	JURY_PLANNED,     /* prévu au calendrier */
	JURY_SITTING,     /* en séance : présences relevées */
	JURY_SIGNED,      /* procès-verbal signé par le président */
	JURY_STATE__MAX
};

const char *jury_state_code(enum jury_state s);    /* "planned", "sitting", "signed" */
const char *jury_state_label(enum jury_state s);   /* French */
int jury_state_from_code(const char *code);        /* -1 if unknown */

/* 1 if the diagram above has an arrow from → to (planned → planned is
** the move), 0 otherwise. */
int jury_transition_allowed(enum jury_state from, enum jury_state to);

/* One jury of a centre. */
struct jury_session {
	enum jury_state state;
	int64_t centre_id;
	char date[DATE_LEN];          /* the day the jury sits */
	int conformity_checked;       /* R-JUR-11 (1): evaluations checked against the scheme */
	char opened_on[DATE_LEN];     /* day the sitting was opened, or "" */
	char signed_on[DATE_LEN];     /* day the president signed the minutes, or "" */
};

/*
** R-JUR-2, R-JUR-1: plans a jury of centre_id on date into the provisional
** calendar; *s starts planned. The date must leave the 15 calendar days
** of the designation requests (R-JUR-1): date ≥ today + 15. Returns 0, or
** -1 with err.
*/
int jury_plan(struct jury_session *s, int64_t centre_id, const char *date,
	const char *today, struct rule_error *err);

/* R-JUR-8, R-JUR-9, R-JUR-1: what moving a jury implies. */
struct jury_move_effects {
	int inform_cprefp;            /* R-JUR-8: a change of calendar */
	int reconvene;                /* R-JUR-9: every convocation is void and sent again */
	size_t requests_to_resend;    /* R-JUR-1: unions whose request is no longer 15 days before */
	char last_notice_day[DATE_LEN]; /* last day requests and convocations may leave */
};

/*
** R-JUR-9, R-JUR-1, R-JUR-8: moves a planned jury to new_date. The
** convocations name the old date: they must all be sent again, at least
** 15 days before the new one; a designation request already sent stays
** valid when it left at least 15 days before the new date, and must be
** sent again otherwise. Hence new_date ≥ today + 15. The CPREFP is
** informed again. req[0..nreq) are the requests sent (may be empty).
** Returns 0 with s->date changed and *fx filled, or -1 with err and s
** unchanged.
*/
int jury_move(struct jury_session *s, const char *new_date, const char *today,
	const struct union_request *req, size_t nreq,
	struct jury_move_effects *fx, struct rule_error *err);

/* What the planning needs to know of one candidate's registration. */
struct jury_candidate {
	int64_t centre_id;           /* centre of the registration */
	int64_t certification_id;
	const char *registered_on;
	int registration_active;     /* not withdrawn, abandoned, nor closed by a jury */
	size_t not_evaluated;        /* competences of the registration without a result */
	int opinion_required;        /* company_opinion_required() of registration.h */
	int opinion_given;           /* the company's opinion is recorded */
	int vae;                     /* a VAE path */
	int vae_conclusions;         /* the validation commission gave its conclusions (R-VAE-3) */
};

/*
** R-JUR-2, R-INS-2: may the planned jury s, which examines the
** certifications certs[0..ncerts), take candidate c? Only while the jury
** is planned; only a candidate of its centre, registered for one of its
** certifications, whose registration is active, registered before the
** jury day (R-INS-2), and whose evaluations are complete: every
** competence has a result, the company's opinion is given where it is
** part of the evaluation (R-EVA-3), the validation commission has
** concluded for a VAE (R-VAE-3). Returns 0, or -1 with err.
*/
int jury_candidate_check(const struct jury_session *s, const int64_t *certs,
	size_t ncerts, const struct jury_candidate *c, struct rule_error *err);

/*
** R-JUR-5, R-JUR-7, R-JUR-9, R-JUR-1: opens the sitting of the planned
** jury s on today (not before the jury's day) with the attendance of
** m[0..n) (field present) for ncandidates candidates. Refused unless the
** composition holds (jury_composition_check), every representative union
** was asked in time (jury_requests_check), every member present was
** convened in time, the president is present, and the voting members
** present are paritaire (jury_parity_check): otherwise the jury cannot
** decide and err says why. Returns 0 with s sitting, or -1 with err.
*/
int jury_open(struct jury_session *s, const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions,
	const struct union_request *req, size_t nreq, size_t ncandidates,
	const char *today, struct rule_error *err);

/* R-JUR-11 (1): the sitting jury records that it checked that the
** evaluations were organised according to the scheme and the
** referential; no decision before. Returns 0, or -1 with err. */
int jury_record_conformity(struct jury_session *s, struct rule_error *err);

/* R-JUR-11: the jury's verdict on a candidate. */
enum jury_verdict {
	VERDICT_NONE,           /* not decided yet */
	VERDICT_ADMITTED,       /* A, Admis */
	VERDICT_NOT_ADMITTED,   /* NA, Non admis */
	VERDICT__MAX
};

const char *jury_verdict_code(enum jury_verdict v);   /* "", "A", "NA" */
const char *jury_verdict_label(enum jury_verdict v);  /* French */

/* R-JUR-11: "A" → admitted, "NA" → not admitted; any other text, even
** "a", "Admis" or "", is -1 ("aucune autre valeur", annex 14 note 5). */
int jury_verdict_from_code(const char *code);

/* How one voter voted. */
enum jury_ballot {
	BALLOT_FOR,          /* pour l'admission */
	BALLOT_AGAINST,      /* contre */
	BALLOT_ABSTAIN,      /* abstention */
	BALLOT__MAX
};

const char *jury_ballot_code(enum jury_ballot b);   /* "for", "against", "abstain" */
const char *jury_ballot_label(enum jury_ballot b);  /* French */
int jury_ballot_from_code(const char *code);        /* -1 if unknown */

/* The votes on one candidate. */
struct jury_votes {
	int for_admission;
	int against;
	int abstentions;
};

/*
** R-JUR-11, R-JUR-7: the verdict the votes give among voters voting
** members present: every voter votes once (for + against + abstentions ==
** voters); the majority of the votes for and against decides, abstentions
** aside; when they are equal (partage des voix) the president's ballot
** decides and must then be for or against. president is how the
** president voted, and must agree with the counts. Sets *out and
** *casting (1 when the president's vote decided). Returns 0, or -1 with
** err.
*/
int jury_votes_verdict(const struct jury_votes *v, enum jury_ballot president,
	int voters, enum jury_verdict *out, int *casting, struct rule_error *err);

/* State of one decision. */
enum decision_state {
	DECISION_NONE,          /* no decision */
	DECISION_PROVISIONAL,   /* recorded during the sitting, may change */
	DECISION_FINAL,         /* the president signed the minutes */
	DECISION_SUPERSEDED,    /* replaced by a correction, kept */
	DECISION__MAX
};

const char *decision_state_code(enum decision_state s);   /* "none", "provisional", … */
const char *decision_state_label(enum decision_state s);  /* French */

/* The decision on one candidate, one revision of it. Zeroed: none. */
struct jury_decision {
	enum decision_state state;
	enum jury_verdict verdict;
	struct jury_votes votes;
	enum jury_ballot president;   /* the president's ballot */
	int casting;                  /* 1 when the president's vote decided a tie */
	int revision;                 /* 0 the sitting's decision, n the n-th correction */
	char decided_on[DATE_LEN];
	char superseded_on[DATE_LEN]; /* when superseded, else "" */
	char motive[JURY_MOTIVE_MAX * 4 + 1]; /* a correction's motive, else "" */
};

/* A decision as the jury states it. */
struct jury_ballot_sheet {
	const char *verdict;          /* "A" or "NA", as typed */
	struct jury_votes votes;
	enum jury_ballot president;
};

/*
** R-JUR-11, R-JUR-5, R-JUR-7: records the decision of the sitting jury s
** on one candidate into *d, on date (not before the jury's day). The
** jury has checked conformity (jury_record_conformity); the voting
** members present (m[0..n)) are still paritaire; the verdict is "A" or
** "NA" and is the one the votes give (jury_votes_verdict). A provisional
** decision may be recorded again during the sitting; a final one only
** through jury_correct. Returns 0 with *d provisional, or -1 with err and
** *d unchanged.
*/
int jury_decide(const struct jury_session *s, const struct jury_member *m,
	size_t n, const struct jury_ballot_sheet *b, const char *date,
	struct jury_decision *d, struct rule_error *err);

/*
** R-JUR-11: the president (present in m[0..n)) signs the minutes of the
** sitting jury s on date (not before the jury's day): only once
** conformity is checked and every candidate (d[0..nd), nd ≥ 1) has a
** decision. Returns 0 with s signed and every decision final, or -1 with
** err and nothing changed.
*/
int jury_sign(struct jury_session *s, const struct jury_member *m, size_t n,
	struct jury_decision *d, size_t nd, const char *date,
	struct rule_error *err);

/*
** R-JUR-11: corrects, on date, the final decision *old of the signed jury
** s. The correction rectifies the minutes of the sitting: it states the
** verdict and the votes of the voting members who were present (m[0..n)),
** gives a motive (1..JURY_MOTIVE_MAX characters, line breaks allowed),
** and changes the verdict or the votes. date is not before the signature.
** Returns 0 with *old superseded (kept, superseded_on = date) and *out the
** new final decision (revision + 1), or -1 with err and nothing changed.
*/
int jury_correct(const struct jury_session *s, const struct jury_member *m,
	size_t n, struct jury_decision *old, const struct jury_ballot_sheet *b,
	const char *motive, const char *date, struct jury_decision *out,
	struct rule_error *err);

/*
** R-JUR-10: 1 if a viewer of role viewer may see the identity of the
** candidates of a jury in state s: a jury member only once the minutes
** are signed (before, he sees anonymous codes); the staff who organise
** the jury always (their scope is the service's); nobody anonymous.
*/
int jury_identity_visible(enum role viewer, enum jury_state s);

/* R-JUR-10: anonymous codes "C-001" … */
#define JURY_ANON_LEN 16

/*
** R-JUR-10: gives each of n candidates (in the service's stable order) a
** number 1..n in an order drawn from seed (a random number the service
** draws once when the candidates' list is closed and keeps secret), so
** that the numbers say nothing of names, registration order or dates:
** perm[i] is the number of the i-th candidate. The same seed and n give
** the same numbers. Returns 0, or -1 when n is 0.
*/
int jury_anon_numbers(uint64_t seed, size_t n, size_t *perm);

/* R-JUR-10: the code of number k ("C-007"; at least three digits). */
void jury_anon_code(size_t k, char out[JURY_ANON_LEN]);

#endif
