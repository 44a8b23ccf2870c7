/*
** Habilitation of training bodies by a certification centre (R-HAB-1,
** R-HAB-2; dispositif Partie 2, chapter 1 and annex 5).
**
** A centre assesses a training body against 6 criteria of 2 indicators
** each (table below, wording of the dispositif), records a finding per
** indicator, then decides. The life of one habilitation record:
**
**   pending ──grant──▶ granted ──withdraw──▶ withdrawn
**      └─────refuse──▶ refused
**
** Refused and withdrawn are final for the record: a body that applies
** again gets a new record, so that the dates of the old one keep telling
** when it was habilitated. Only a body habilitated by that centre, on that
** date, may register candidates with it (R-HAB-2).
**
** The dispositif says nothing of the duration of a habilitation; it
** mentions intermediate reviews, which may include a site visit
** ("instructions intermédiaires", annex 5). So a grant has no end date:
** it lasts until withdrawn. The GTP's national list of habilitated bodies
** is built by the service from the granted records.
*/
#ifndef CQPM_HABILITATION_H
#define CQPM_HABILITATION_H
#include <stdint.h>
#include "core/dates.h"
#include "core/rules.h"

#define HAB_CRITERIA 6
#define HAB_INDICATORS 2

/* R-HAB-1: one criterion and its two indicators (French, as written). */
struct hab_criterion {
	const char *title;
	const char *indicators[HAB_INDICATORS];
};

/* Criterion i (0..5), or NULL out of range. */
const struct hab_criterion *hab_criterion(int i);

/* The finding of the centre on one indicator. */
enum hab_finding {
	HAB_NOT_ASSESSED,   /* non évalué */
	HAB_MET,            /* satisfait */
	HAB_NOT_MET,        /* non satisfait */
	HAB_FINDING__MAX
};

const char *hab_finding_code(enum hab_finding f);   /* "not_assessed" … */
const char *hab_finding_label(enum hab_finding f);  /* French */
int hab_finding_from_code(const char *code);        /* -1 if unknown */

/* One instruction of the file (initial or intermediate). A zeroed struct
** has every indicator not assessed. */
struct hab_assessment {
	char date[DATE_LEN];    /* date of the instruction */
	int site_visit;         /* 1 if it included a visit on site */
	enum hab_finding findings[HAB_CRITERIA][HAB_INDICATORS];
};

enum hab_status {
	HAB_PENDING,    /* instruction en cours */
	HAB_GRANTED,    /* habilité */
	HAB_REFUSED,    /* habilitation refusée */
	HAB_WITHDRAWN,  /* habilitation retirée */
	HAB_STATUS__MAX
};

const char *hab_status_code(enum hab_status s);     /* "pending" … */
const char *hab_status_label(enum hab_status s);    /* French */
int hab_status_from_code(const char *code);         /* -1 if unknown */

/* One habilitation record of a body by a centre. Dates are "" until the
** decision that sets them. */
struct habilitation {
	int64_t centre_id;
	int64_t body_id;
	enum hab_status status;
	char granted_on[DATE_LEN];
	char refused_on[DATE_LEN];
	char withdrawn_on[DATE_LEN];
	char motive[1024];      /* of a refusal or a withdrawal */
};

/* Input check of an assessment: a valid date, every finding in range.
** Returns 0, or -1 with err (empty rule id, field "date" or
** "findings[c][i]"). */
int hab_assessment_check(const struct hab_assessment *a,
	struct rule_error *err);

/* Number of indicators with finding f in a. */
int hab_count(const struct hab_assessment *a, enum hab_finding f);

/* 1 if the status change from → to is one of the arrows above. */
int hab_transition_allowed(enum hab_status from, enum hab_status to);

/*
** R-HAB-1: grants h (pending) on date after assessment a. Requires every
** one of the 12 indicators assessed and met, and a date not before the
** assessment. Returns 0 (h granted, granted_on = date), or -1 with err and
** h unchanged.
*/
int hab_grant(struct habilitation *h, const struct hab_assessment *a,
	const char *date, struct rule_error *err);

/*
** R-HAB-1: refuses h (pending) on date after assessment a, for motive.
** Requires at least one indicator assessed as not met (the decision is
** taken "au regard des critères et indicateurs") and a motive.
** Returns 0 or -1 with err, h unchanged.
*/
int hab_refuse(struct habilitation *h, const struct hab_assessment *a,
	const char *date, const char *motive, struct rule_error *err);

/*
** Withdraws h on date, for motive. Only a granted habilitation can be
** withdrawn, not before the day it was granted. The withdrawal takes
** effect on its date: from that day the body may no longer register
** candidates. Returns 0 or -1 with err, h unchanged.
*/
int hab_withdraw(struct habilitation *h, const char *date,
	const char *motive, struct rule_error *err);

/*
** R-HAB-2: 1 if h habilitates its body with centre centre_id on date:
** h belongs to that centre, was granted on or before date and, if
** withdrawn since, date is before the withdrawal. 0 otherwise (h NULL:
** no habilitation at all).
*/
int habilitation_allows(const struct habilitation *h, int64_t centre_id,
	const char *date);

/* R-HAB-2 as a check: 0, or -1 with err saying why the body may not
** register candidates with the centre on date. */
int habilitation_check(const struct habilitation *h, int64_t centre_id,
	const char *date, struct rule_error *err);

#endif
