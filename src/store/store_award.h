/*
** Typed store operations of what a jury's decision produces (R-JUR-12,
** R-CER-1, R-CER-2, R-LET-3) and of the GTP's follow-up (R-GTP-1,
** R-GTP-2): the certificates as printed, the last number issued per
** centre and year, the registrations closed by the signature, the units
** acquired at the jury, the records sent to the GTP, the corrective
** actions and the withdrawals of a centre's capacity to award.
*/
#ifndef CQPM_STORE_AWARD_H
#define CQPM_STORE_AWARD_H
#include "store/store.h"
#include <stdint.h>

/* What the award reads of a jury and its centre. */
struct award_jury_row {
	int64_t id, centre_id;
	char centre_code[40], centre_name[800];
	int centre_number;                   /* 0: the centre has no national number */
	char centre_city[400], centre_signatory[400];
	char date[12], place[400], state[16], signed_on[12];
	char gtp_sent_on[12], gtp_attributed_on[12];
};
int store_award_jury(struct store *st, int64_t jury_id, struct award_jury_row *out);

/* One decision of a jury on a candidate. */
struct award_decision_row {
	int64_t id, jury_id, registration_id;
	char verdict[4], state[16];
};
/* The final decisions of jury_id (at most max, into v); the count, or -1. */
int store_award_decisions(struct store *st, int64_t jury_id,
	struct award_decision_row *v, int max);
int store_award_decision_get(struct store *st, int64_t id, struct award_decision_row *out);

/* Closes registration id with status (admitted, not_admitted), next_jury
** cleared. */
int store_award_reg_close(struct store *st, int64_t id, const char *status,
	const char *updated_at);
/* Records a unit acquired at a jury (source 'jury'); an existing record
** of the same unit and jury date is kept. */
int store_award_acquired_put(struct store *st, const struct acquired_row *a);
/* Forgets the units recorded as acquired at the jury of jury_date for that
** candidate and certification (a correction to an admission). */
int store_award_acquired_clear(struct store *st, int64_t candidate_id,
	int64_t certification_id, const char *jury_date);

/* R-CER-2: the last number issued by centre for year; 1 found, 0, -1. */
int store_cert_counter_get(struct store *st, int64_t centre_id, int year,
	char last[20]);
int store_cert_counter_put(struct store *st, int64_t centre_id, int year,
	const char *last);

/* One certificate as stored; the "full" part is filled by the reads that
** say so. */
struct certificate_row {
	int64_t id, centre_id, jury_id, registration_id, decision_id;
	char number[20], kind[8];
	char cert_code[48], cert_title[1200];
	char unit_code[48], unit_title[1200];
	char holder_name[900], jury_date[12];
	char state[12], issued_on[12], cancelled_on[12];
	int duplicates;
	char last_duplicate_on[12], created_at[32];
	/* full */
	int64_t candidate_id, certification_id;
	int cert_version;
	char first_names[400], birth_name[400], usage_name[400], birth_date[12];
	char birth_town[400], birth_department[8];
	char centre_code[40], centre_name[800], centre_city[400], centre_signatory[400];
	char jury_place[400];
	char level[24], rncp[24];
	char president[400];
};
typedef int (*certificate_fn)(void *arg, const struct certificate_row *c);

int store_certificate_insert(struct store *st, const struct certificate_row *c,
	int64_t *id);
/* By number, full. 1 found, 0 not, -1 error. */
int store_certificate_get(struct store *st, const char *number,
	struct certificate_row *out);
/* The certificates of registration_id at jury_id, any state, not full. */
int store_certificate_of_jury_reg(struct store *st, int64_t jury_id,
	int64_t registration_id, certificate_fn fn, void *arg);
/* Every certificate of a candidate, full, by id. */
int store_certificate_of_candidate(struct store *st, int64_t candidate_id,
	certificate_fn fn, void *arg);
int store_certificate_cancel(struct store *st, int64_t id, const char *date);
int store_certificate_duplicate(struct store *st, int64_t id, int duplicates,
	const char *date);

/* What the public verification shows (R-CER-2). */
struct certificate_public {
	char number[20], state[12], kind[8];
	char cert_title[1200], holder_name[900], jury_date[12], centre_name[800];
};
/* 1 found, 0 not, -1 error. */
int store_certificate_verify(struct store *st, const char *number,
	struct certificate_public *out);

/* GTP ------------------------------------------------------------------------ */

/* One jury held, for the GTP's list. */
struct gtp_jury_row {
	int64_t jury_id, centre_id;
	const char *centre_code, *centre_name, *date, *state, *sent_on, *attributed_on;
	int corrective_open;        /* sent or not applied */
};
typedef int (*gtp_jury_fn)(void *arg, const struct gtp_jury_row *r);
/* The juries held on or before today of centre_id (0: every centre), by date. */
int store_gtp_list(struct store *st, int64_t centre_id, const char *today,
	gtp_jury_fn fn, void *arg);
int store_gtp_set_sent(struct store *st, int64_t jury_id, const char *date,
	const char *at);
int store_gtp_set_attributed(struct store *st, int64_t jury_id, const char *date,
	const char *at);

struct gtp_corrective_row {
	int64_t id, jury_id, centre_id;
	char text[8200];
	char state[16], sent_on[12], followed_on[12];
	char follow_up[4100];
};
typedef int (*gtp_corrective_fn)(void *arg, const struct gtp_corrective_row *c);
int store_gtp_corrective_insert(struct store *st, int64_t jury_id,
	const char *text, const char *date, const char *at, int64_t *id);
int store_gtp_corrective_get(struct store *st, int64_t id, struct gtp_corrective_row *out);
int store_gtp_corrective_follow(struct store *st, int64_t id, const char *state,
	const char *date, const char *note);
/* The corrective actions of every jury of centre_id, by id. */
int store_gtp_corrective_of_centre(struct store *st, int64_t centre_id,
	gtp_corrective_fn fn, void *arg);

struct gtp_withdrawal_row {
	int64_t id, centre_id;
	char from_date[12], until_date[12];
	char motive[2100];
};
typedef int (*gtp_withdrawal_fn)(void *arg, const struct gtp_withdrawal_row *w);
/* The withdrawals of centre_id (0: every centre), by centre and date. */
int store_gtp_withdrawals(struct store *st, int64_t centre_id,
	gtp_withdrawal_fn fn, void *arg);
int store_gtp_withdrawal_insert(struct store *st, int64_t centre_id,
	const char *from, const char *motive, const char *at, int64_t *id);
int store_gtp_withdrawal_close(struct store *st, int64_t id, const char *until);

#endif
