/*
** Registration of a candidate with a certification centre and the rules
** of the evaluation dossier (R-INS-1..3, R-CAT-6, R-CAT-7, R-HAB-2,
** R-VAE-1, R-EVA-2, R-EVA-3; dispositif Partie 1 ch. 1–2, Partie 2 ch. 2).
**
** The service loads the certification, the habilitation of the training
** body and the candidate's other registrations, fills these plain structs
** and calls registration_check(); nothing here reads a table or a clock.
*/
#ifndef CQPM_REGISTRATION_H
#define CQPM_REGISTRATION_H
#include <stddef.h>
#include <stdint.h>
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/habilitation.h"
#include "core/identity.h"
#include "core/rules.h"
#include "core/vae.h"

/* What registration needs to know of the certification (one version of
** its catalogue document). */
struct reg_certification {
	const char *code;                  /* for messages, e.g. "RNCP28242" */
	enum cert_kind kind;
	enum cert_status status;
	int draft;                         /* referential not yet decided (R-CAT-6) */
	char decided_on[DATE_LEN];         /* GTP creation/revision decision (R-CAT-6), or "" if unknown */
	enum tristate routes[ROUTE__MAX];  /* access_routes: true/false/null */
	char suppressed_on[DATE_LEN];      /* GTP suppression decision (R-CAT-7), or "" */
	int rncp_registered;               /* registered at the RNCP on the date */
};

/* R-INS-1: who makes the registration. */
enum registrant {
	REGISTRANT_COMPANY,        /* une entreprise */
	REGISTRANT_TRAINING_BODY,  /* un organisme de formation habilité */
	REGISTRANT_CANDIDATE,      /* le candidat lui-même */
	REGISTRANT__MAX
};

const char *registrant_code(enum registrant r);   /* "company" … */
const char *registrant_label(enum registrant r);  /* French */
int registrant_from_code(const char *code);       /* -1 if unknown */

/* 1 if block code is among a registration's blocks (their codes separated
** by spaces; "" for the whole certification: every block), else 0. */
int registration_has_block(const char *blocks, const char *code);

/* The registration asked for. */
struct reg_request {
	enum access_route route;
	enum vae_kind vae_kind;            /* when route is ROUTE_VAE */
	enum registrant registrant;
	enum origin origin;                /* SL or DE (annex 14) */
	int has_company;                   /* a company (employer) is given */
	int without_employer_agreement;    /* employee acting without his employer's agreement */
	char date[DATE_LEN];               /* date of the registration */
};

/*
** Decides a registration request for centre centre_id. hab is the
** training body's habilitation record with that centre (NULL when the
** body has none, or when the registrant is not a body); other_active is
** the number of the candidate's registrations for the same certification
** that are still active (not closed by a jury decision, withdrawn or
** abandoned). Checks, in this order, each refusal naming its rule:
**   - the request is well formed (enums in range, a valid date);
**   - R-CAT-6  the referential is decided (not a draft), and applies
**              from the GTP's decision date when it is known;
**   - R-CAT-7  the certification is not suppressed on the date;
**   - R-INS-3  the route is open on the fiche (true; false and null refuse);
**   - R-VAE-1  a VAE leads to a certification it may lead to;
**   - R-HAB-2  a training body is habilitated by that centre on the date;
**   - R-INS-1  no other active registration for the same certification;
**              a job seeker (DE) comes without a company (annex 14 note 7);
**              an employee (SL) comes with his company unless he registers
**              himself; "without the employer's agreement" only for an
**              employee who registers himself.
** Returns 0, or -1 with err for the first refusal.
*/
int registration_check(const struct reg_certification *c,
	const struct reg_request *r, const struct habilitation *hab,
	int64_t centre_id, int other_active, struct rule_error *err);

/*
** R-CAT-7: 1 if a path engaged on engaged_on (the registration date, which
** starts every path, R-INS-1) was engaged before the suppression decision
** of suppressed_on ("" = never suppressed), so that the certification, its
** blocks or the CCPM can still be awarded; 0 otherwise.
*/
int path_engaged_before_suppression(const char *engaged_on,
	const char *suppressed_on);

/* R-CAT-7 as a check for an award: 0, or -1 with err. */
int award_after_suppression_check(const char *engaged_on,
	const char *suppressed_on, struct rule_error *err);

/*
** R-INS-2: the jury of jury_date may take a candidate registered on
** registered_on only if it is held after the registration day. The
** dispositif asks for a delay long enough for the candidate to learn the
** process, for the company's opinion and for the CPREFP to be told, but
** sets no figure: only the order of the dates is checked.
*/
int jury_after_registration_check(const char *registered_on,
	const char *jury_date, struct rule_error *err);

/*
** R-EVA-3: 1 if the company's opinion is part of the evaluation: always,
** except for a VAE (route ROUTE_VAE), a CCPM (kind KIND_CCPM), and an
** employee acting without his employer's agreement; 0 in those cases.
*/
int company_opinion_required(enum access_route route, enum cert_kind kind,
	int without_employer_agreement);

/* R-EVA-3: refuses to record a company's opinion where none is part of the
** evaluation (see company_opinion_required). 0 or -1 with err. */
int company_opinion_record_check(enum access_route route, enum cert_kind kind,
	int without_employer_agreement, struct rule_error *err);

/* R-EVA-2: who agrees the modalities with the centre. */
enum modality_party {
	PARTY_COMPANY,     /* the centre and the company */
	PARTY_CANDIDATE,   /* the centre and the candidate */
};

/* R-EVA-2: the candidate agrees the modalities for a VAE, a job seeker
** and an employee acting without his employer's agreement; the company
** otherwise. */
enum modality_party modalities_agreed_by(enum access_route route,
	enum origin origin, int without_employer_agreement);

/* R-EVA-2: the modalities a dossier sets for one competence, and those
** the referential allows for it (the competence's own list, or its
** block's when the competence has none: the caller resolves it). */
struct competence_modalities {
	const char *code;              /* "C1", for messages */
	const enum modality *allowed;
	size_t nallowed;
	const enum modality *chosen;
	size_t nchosen;
};

/*
** R-EVA-2: every competence of the dossier has at least one modality, each
** chosen among those its referential allows, none twice. Returns 0, or -1
** with err naming the competence.
*/
int dossier_modalities_check(const struct competence_modalities *c, size_t n,
	struct rule_error *err);

#endif
