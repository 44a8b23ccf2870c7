/*
** The records of a jury sent to the GTP « Certifications » and their
** follow-up (R-GTP-1, R-GTP-2; dispositif Partie 2 ch. 3 §5 and ch. 4,
** annexes 12 to 14): when they are due, whether they are overdue on a
** given day, the corrective actions, and the withdrawal of the capacity
** to award, after which the awards wait for the GTP.
**
** A corrective action:
**
**   sent ──▶ applied            (final)
**     └───▶ not applied ──▶ applied
**
** The capacity of a centre's jury to award, as a list of withdrawals:
**
**   capable ──gtp_withdraw──▶ withdrawn ──gtp_restore──▶ capable
**   (only after a corrective action not applied)
**
** Nothing here reads a table or a clock: "today" is an argument.
*/
#ifndef CQPM_GTP_H
#define CQPM_GTP_H
#include <stddef.h>
#include "core/dates.h"
#include "core/rules.h"

/* R-GTP-1: "au plus tard dans les 2 mois suivant la date à laquelle s'est
** tenu le jury". */
#define GTP_RECORDS_MONTHS 2
#define GTP_TEXT_MAX 2000     /* characters of a corrective action */

/* R-GTP-1: the three records. */
enum gtp_piece {
	GTP_PIECE_LETTER,       /* annexe 12 : lettre attestant la conformité */
	GTP_PIECE_ATTENDANCE,   /* annexe 13 : feuille d'émargement signée */
	GTP_PIECE_MINUTES,      /* annexe 14 : procès-verbal du jury */
	GTP_PIECE__MAX
};

const char *gtp_piece_code(enum gtp_piece p);    /* "letter", "attendance", "minutes" */
const char *gtp_piece_label(enum gtp_piece p);   /* French */

/* R-GTP-1: where a jury's records stand on a given day. */
enum gtp_status {
	GTP_NOT_DUE,      /* the jury has not been held yet */
	GTP_TO_SEND,      /* held, records not sent, still within 2 months */
	GTP_OVERDUE,      /* not sent, the 2 months are over */
	GTP_SENT,         /* sent within 2 months */
	GTP_SENT_LATE,    /* sent after the 2 months */
	GTP_STATUS__MAX
};

const char *gtp_status_code(enum gtp_status s);   /* "not_due", "to_send", … */
const char *gtp_status_label(enum gtp_status s);  /* French */

/*
** R-GTP-1: the last day the records of the jury of jury_date may reach
** the GTP, into out: the same day number two months later, or that
** month's last day (dates.h): 2024-12-31 → 2025-02-28, 2023-12-31 →
** 2024-02-29, 2024-02-29 → 2024-04-29. Returns 0, or -1 with err.
*/
int gtp_records_due(const char *jury_date, char out[DATE_LEN],
	struct rule_error *err);

/*
** R-GTP-1: status on today of the records of the jury of jury_date, sent
** on sent_on ("" or NULL when not sent): the due day itself is still in
** time, the day after is overdue. GTP_STATUS__MAX on an invalid date.
*/
enum gtp_status gtp_records_status(const char *jury_date, const char *sent_on,
	const char *today);

/* 1 if status s calls for the centre's action (to send, overdue). */
int gtp_status_pending(enum gtp_status s);

/*
** R-GTP-1: may the records of the jury of jury_date be sent on date
** (today)? Only once the minutes are signed (R-JUR-11), with the three
** pieces (pieces[GTP_PIECE__MAX], 1 = ready), on a date between the
** jury's day and today. A late sending is allowed (and reported as such
** by gtp_records_status). Returns 0, or -1 with err.
*/
int gtp_transmit_check(const char *jury_date, int minutes_signed,
	const int *pieces, const char *date, const char *today,
	struct rule_error *err);

/* R-GTP-2: state of a corrective action. */
enum corrective_state {
	CORRECTIVE_SENT,          /* adressée au jury */
	CORRECTIVE_APPLIED,       /* mise en œuvre */
	CORRECTIVE_NOT_APPLIED,   /* non mise en œuvre */
	CORRECTIVE__MAX
};

const char *corrective_state_code(enum corrective_state s);   /* "sent", … */
const char *corrective_state_label(enum corrective_state s);  /* French */
int corrective_state_from_code(const char *code);             /* -1 if unknown */

struct corrective_action {
	enum corrective_state state;
	char sent_on[DATE_LEN];
	char followed_on[DATE_LEN];   /* last follow-up, or "" */
};

/*
** R-GTP-2: the GTP sends a corrective action (text: 1..GTP_TEXT_MAX
** characters) on date, after checking the records of the jury of
** jury_date (not before that day). *a starts sent. Returns 0, or -1 with
** err.
*/
int gtp_corrective_send(struct corrective_action *a, const char *jury_date,
	const char *text, const char *date, struct rule_error *err);

/*
** R-GTP-2: records the follow-up of a on date (not before the last
** step): a sent action is found applied or not applied; one not applied
** may later be found applied; an applied one is closed. Returns 0, or -1
** with err and a unchanged.
*/
int gtp_corrective_follow(struct corrective_action *a, enum corrective_state to,
	const char *date, struct rule_error *err);

/* R-GTP-2: one withdrawal of the capacity to award of a centre's jury. */
struct gtp_withdrawal {
	char from[DATE_LEN];     /* the CPNEFP's decision */
	char until[DATE_LEN];    /* restored on that day, or "" while withdrawn */
};

/*
** R-GTP-2: 1 if the centre's jury, with withdrawals w[0..n), may award on
** date: no withdrawal with from ≤ date < until (or not yet restored).
** 0 otherwise or on an invalid date.
*/
int gtp_capacity_on(const struct gtp_withdrawal *w, size_t n, const char *date);

/*
** R-GTP-2: the CPNEFP withdraws the capacity on date: only when one of
** the corrective actions a[0..na) was found not applied (on or before
** date), and while the capacity is not already withdrawn. Returns 0 with
** *out the new withdrawal, or -1 with err.
*/
int gtp_withdraw(const struct corrective_action *a, size_t na,
	const struct gtp_withdrawal *w, size_t n, const char *date,
	struct gtp_withdrawal *out, struct rule_error *err);

/* R-GTP-2: gives the capacity back on date (after the open withdrawal's
** start) by closing *open. Returns 0, or -1 with err. */
int gtp_restore(struct gtp_withdrawal *open, const char *date,
	struct rule_error *err);

/* R-GTP-2: who awards the certifications of a jury. */
enum award_route {
	AWARD_BY_JURY,          /* the jury had its capacity on its day */
	AWARD_WAITING_GTP,      /* withdrawn: waiting for the GTP's attribution */
	AWARD_BY_GTP,           /* withdrawn: the GTP attributed them */
	AWARD_ROUTE__MAX
};

const char *award_route_code(enum award_route r);    /* "jury", "waiting_gtp", "gtp" */
const char *award_route_label(enum award_route r);   /* French */

/*
** R-GTP-2: the route of the awards of the jury of jury_date, given the
** centre's withdrawals and the day the GTP attributed them ("" or NULL
** when it has not).
*/
enum award_route gtp_award_route(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, const char *gtp_attributed_on);

/* R-GTP-2: 0 when the certificates of that jury may be issued, -1 with
** err while they wait for the GTP. */
int gtp_issue_check(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, const char *gtp_attributed_on,
	struct rule_error *err);

/*
** R-GTP-2: may the GTP attribute on date the certifications of the jury of
** jury_date? Only for a jury that had lost its capacity on its day, whose
** minutes are signed and whose records reached the GTP (records_sent),
** once, on a date not before the jury's. Returns 0, or -1 with err.
*/
int gtp_attribution_check(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, int minutes_signed, int records_sent,
	const char *already_attributed_on, const char *date,
	struct rule_error *err);

#endif
