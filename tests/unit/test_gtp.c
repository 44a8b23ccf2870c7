/*
** Unit tests of the records sent to the GTP « Certifications » and their
** follow-up (gtp.h): due within 2 months of the jury, to the day, with
** month ends and 29 February (R-GTP-1); the overdue status on a given
** day; the corrective actions, the withdrawal of the capacity to award
** and the awards that then wait for the GTP's attribution (R-GTP-2).
*/
#include "t.h"
#include "core/gtp.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

TEST(r_gtp_codes)
{
	CHECK_STR(gtp_piece_code(GTP_PIECE_ATTENDANCE), "attendance");
	CHECK_CONTAINS(gtp_piece_label(GTP_PIECE_LETTER), "annexe 12");
	CHECK_CONTAINS(gtp_piece_label(GTP_PIECE_ATTENDANCE), "annexe 13");
	CHECK_CONTAINS(gtp_piece_label(GTP_PIECE_MINUTES), "annexe 14");
	CHECK(gtp_piece_label(GTP_PIECE__MAX) == NULL);
	CHECK_STR(gtp_status_code(GTP_OVERDUE), "overdue");
	CHECK_STR(gtp_status_label(GTP_OVERDUE), "En retard");
	CHECK(gtp_status_code(GTP_STATUS__MAX) == NULL);
	CHECK_STR(corrective_state_code(CORRECTIVE_NOT_APPLIED), "not_applied");
	CHECK_INT(corrective_state_from_code("applied"), CORRECTIVE_APPLIED);
	CHECK_INT(corrective_state_from_code("done"), -1);
	CHECK_STR(corrective_state_label(CORRECTIVE_APPLIED), "Mise en œuvre");
	CHECK_STR(award_route_code(AWARD_WAITING_GTP), "waiting_gtp");
	CHECK_CONTAINS(award_route_label(AWARD_BY_GTP), "provisoirement");
}

/* R-GTP-1: 2 months to the day, the month's last day when it has none. */
TEST(r_gtp_1_due)
{
	char due[DATE_LEN];
	struct rule_error err;

	CHECK_INT(gtp_records_due("2024-03-15", due, &err), 0);
	CHECK_STR(due, "2024-05-15");
	CHECK_INT(gtp_records_due("2024-12-31", due, &err), 0);
	CHECK_STR(due, "2025-02-28");
	CHECK_INT(gtp_records_due("2023-12-31", due, &err), 0);
	CHECK_STR(due, "2024-02-29");
	CHECK_INT(gtp_records_due("2023-12-29", due, &err), 0);
	CHECK_STR(due, "2024-02-29");
	CHECK_INT(gtp_records_due("2024-12-29", due, &err), 0);
	CHECK_STR(due, "2025-02-28");
	CHECK_INT(gtp_records_due("2024-02-29", due, &err), 0);
	CHECK_STR(due, "2024-04-29");
	CHECK_INT(gtp_records_due("2024-01-31", due, &err), 0);
	CHECK_STR(due, "2024-03-31");
	CHECK_INT(gtp_records_due("2024-07-31", due, &err), 0);
	CHECK_STR(due, "2024-09-30");
	CHECK_INT(gtp_records_due("2025-11-30", due, &err), 0);
	CHECK_STR(due, "2026-01-30");
	CHECK_INT(gtp_records_due("2025-02-30", due, &err), -1);
	CHECK_STR(err.field, "jury_date");
	CHECK_STR(due, "");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_records_due("2200-12-01", due, &err), -1);
}

/* R-GTP-1: the status on a given day; the due day is still in time. */
TEST(r_gtp_1_status)
{
	CHECK_INT(gtp_records_status("2024-03-15", "", "2024-03-14"), GTP_NOT_DUE);
	CHECK_INT(gtp_records_status("2024-03-15", NULL, "2024-03-15"), GTP_TO_SEND);
	CHECK_INT(gtp_records_status("2024-03-15", "", "2024-05-15"), GTP_TO_SEND);
	CHECK_INT(gtp_records_status("2024-03-15", "", "2024-05-16"), GTP_OVERDUE);
	CHECK_INT(gtp_records_status("2024-03-15", "2024-05-15", "2024-09-01"), GTP_SENT);
	CHECK_INT(gtp_records_status("2024-03-15", "2024-05-16", "2024-09-01"), GTP_SENT_LATE);
	CHECK_INT(gtp_records_status("2024-03-15", "2024-03-15", "2024-03-15"), GTP_SENT);
	/* month ends and 29 February */
	CHECK_INT(gtp_records_status("2023-12-31", "", "2024-02-29"), GTP_TO_SEND);
	CHECK_INT(gtp_records_status("2023-12-31", "", "2024-03-01"), GTP_OVERDUE);
	CHECK_INT(gtp_records_status("2024-12-31", "", "2025-02-28"), GTP_TO_SEND);
	CHECK_INT(gtp_records_status("2024-12-31", "", "2025-03-01"), GTP_OVERDUE);
	CHECK_INT(gtp_records_status("2024-02-29", "", "2024-04-29"), GTP_TO_SEND);
	CHECK_INT(gtp_records_status("2024-02-29", "", "2024-04-30"), GTP_OVERDUE);
	CHECK_INT(gtp_records_status("2024-07-31", "2024-09-30", "2025-01-01"), GTP_SENT);
	CHECK_INT(gtp_records_status("2024-07-31", "2024-10-01", "2025-01-01"), GTP_SENT_LATE);
	/* invalid dates */
	CHECK_INT(gtp_records_status("2024-02-30", "", "2024-03-01"), GTP_STATUS__MAX);
	CHECK_INT(gtp_records_status("2024-03-15", "", "demain"), GTP_STATUS__MAX);
	CHECK_INT(gtp_records_status("2024-03-15", "2024-13-01", "2024-04-01"), GTP_STATUS__MAX);
	CHECK_INT(gtp_status_pending(GTP_TO_SEND), 1);
	CHECK_INT(gtp_status_pending(GTP_OVERDUE), 1);
	CHECK_INT(gtp_status_pending(GTP_SENT), 0);
	CHECK_INT(gtp_status_pending(GTP_SENT_LATE), 0);
	CHECK_INT(gtp_status_pending(GTP_NOT_DUE), 0);
}

/* R-GTP-1: the three pieces, once the minutes are signed. */
TEST(r_gtp_1_transmit)
{
	int all[GTP_PIECE__MAX] = { 1, 1, 1 }, some[GTP_PIECE__MAX];
	struct rule_error err;

	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-04-02", "2024-04-02", &err), 0);
	/* late is allowed, and reported by the status */
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-06-01", "2024-06-03", &err), 0);
	CHECK_INT(gtp_transmit_check("2024-03-15", 0, all, "2024-04-02", "2024-04-02", &err), -1);
	CHECK_STR(err.rule, "R-GTP-1");
	CHECK_STR(err.field, "minutes");
	CHECK(sentence(err.message));
	for (int p = 0; p < GTP_PIECE__MAX; p++) {
		memcpy(some, all, sizeof all);
		some[p] = 0;
		CHECK_INT(gtp_transmit_check("2024-03-15", 1, some, "2024-04-02", "2024-04-02", &err), -1);
		CHECK_STR(err.rule, "R-GTP-1");
		CHECK_STR(err.field, gtp_piece_code((enum gtp_piece)p));
		CHECK_CONTAINS(err.message, gtp_piece_label((enum gtp_piece)p));
		CHECK(sentence(err.message));
	}
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, NULL, "2024-04-02", "2024-04-02", &err), -1);
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-03-14", "2024-04-02", &err), -1);
	CHECK_STR(err.field, "sent_on");
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-04-03", "2024-04-02", &err), -1);
	CHECK_STR(err.rule, "R-GTP-1");
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-04-31", "2024-05-02", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(gtp_transmit_check("x", 1, all, "2024-04-02", "2024-04-02", &err), -1);
	CHECK_INT(gtp_transmit_check("2024-03-15", 1, all, "2024-04-02", "", &err), -1);
}

/* R-GTP-2: corrective actions and their follow-up. */
TEST(r_gtp_2_corrective)
{
	struct corrective_action a, before;
	struct rule_error err;

	CHECK_INT(gtp_corrective_send(&a, "2024-03-15", "Faire signer la feuille d'émargement par chaque membre.",
		"2024-06-01", &err), 0);
	CHECK_INT(a.state, CORRECTIVE_SENT);
	CHECK_STR(a.sent_on, "2024-06-01");
	CHECK_STR(a.followed_on, "");
	CHECK_INT(gtp_corrective_send(&a, "2024-03-15", "", "2024-06-01", &err), -1);
	CHECK_STR(err.field, "text");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_corrective_send(&a, "2024-03-15", "Texte", "2024-03-14", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_INT(gtp_corrective_send(&a, "2024-03-15", "Texte", "2024-06-31", &err), -1);
	CHECK_INT(gtp_corrective_send(&a, "2024-03-15", "Faire signer le procès-verbal.",
		"2024-06-01", &err), 0);
	/* sent → not applied → applied */
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_SENT, "2024-07-01", &err), -1);
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_NOT_APPLIED, "2024-05-31", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_STR(err.field, "followed_on");
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_NOT_APPLIED, "2024-07-01", &err), 0);
	CHECK_INT(a.state, CORRECTIVE_NOT_APPLIED);
	CHECK_STR(a.followed_on, "2024-07-01");
	before = a;
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_NOT_APPLIED, "2024-07-02", &err), -1);
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_APPLIED, "2024-06-30", &err), -1);
	CHECK(memcmp(&a, &before, sizeof a) == 0);
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_APPLIED, "2024-07-01", &err), 0);
	CHECK_INT(a.state, CORRECTIVE_APPLIED);
	/* applied is closed */
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_NOT_APPLIED, "2024-08-01", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_CONTAINS(err.message, "clos");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_corrective_follow(&a, CORRECTIVE_APPLIED, "2024-08-01", &err), -1);
	CHECK_INT(gtp_corrective_follow(&a, (enum corrective_state)8, "2024-08-01", &err), -1);
	CHECK_STR(err.rule, "");
}

/* R-GTP-2: withdrawal only after an action not applied; restoration. */
TEST(r_gtp_2_withdraw)
{
	struct corrective_action a[2];
	struct gtp_withdrawal w[2];
	struct rule_error err;

	CHECK_INT(gtp_corrective_send(&a[0], "2024-03-15", "Action 1", "2024-06-01", NULL), 0);
	CHECK_INT(gtp_corrective_send(&a[1], "2024-03-15", "Action 2", "2024-06-01", NULL), 0);
	CHECK_INT(gtp_corrective_follow(&a[0], CORRECTIVE_APPLIED, "2024-07-01", NULL), 0);
	/* nothing left unapplied: no withdrawal */
	CHECK_INT(gtp_withdraw(a, 1, NULL, 0, "2024-09-01", &w[0], &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_STR(err.field, "corrective");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_withdraw(a, 2, NULL, 0, "2024-09-01", &w[0], &err), -1);   /* only sent */
	CHECK_INT(gtp_corrective_follow(&a[1], CORRECTIVE_NOT_APPLIED, "2024-09-01", NULL), 0);
	/* not before the finding */
	CHECK_INT(gtp_withdraw(a, 2, NULL, 0, "2024-08-31", &w[0], &err), -1);
	CHECK_INT(gtp_withdraw(a, 2, NULL, 0, "2024-09-01", &w[0], &err), 0);
	CHECK_STR(w[0].from, "2024-09-01");
	CHECK_STR(w[0].until, "");
	/* not twice */
	CHECK_INT(gtp_withdraw(a, 2, w, 1, "2024-10-01", &w[1], &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_CONTAINS(err.message, "01/09/2024");
	CHECK_INT(gtp_withdraw(a, 2, w, 1, "2024-13-01", &w[1], &err), -1);
	CHECK_STR(err.rule, "");
	/* the capacity on a given day */
	CHECK_INT(gtp_capacity_on(w, 1, "2024-08-31"), 1);
	CHECK_INT(gtp_capacity_on(w, 1, "2024-09-01"), 0);
	CHECK_INT(gtp_capacity_on(w, 1, "2030-01-01"), 0);
	CHECK_INT(gtp_capacity_on(w, 1, "x"), 0);
	CHECK_INT(gtp_capacity_on(NULL, 0, "2024-09-01"), 1);
	/* given back */
	CHECK_INT(gtp_restore(&w[0], "2024-09-01", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_INT(gtp_restore(&w[0], "2025-02-29", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(gtp_restore(&w[0], "2025-03-01", &err), 0);
	CHECK_STR(w[0].until, "2025-03-01");
	CHECK_INT(gtp_restore(&w[0], "2025-04-01", &err), -1);
	CHECK_CONTAINS(err.message, "déjà pris fin");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_capacity_on(w, 1, "2025-02-28"), 0);
	CHECK_INT(gtp_capacity_on(w, 1, "2025-03-01"), 1);
	/* a second withdrawal after the first ended */
	CHECK_INT(gtp_withdraw(a, 2, w, 1, "2025-02-28", &w[1], &err), -1);
	CHECK_INT(gtp_withdraw(a, 2, w, 1, "2025-06-01", &w[1], &err), 0);
	CHECK_INT(gtp_capacity_on(w, 2, "2025-05-31"), 1);
	CHECK_INT(gtp_capacity_on(w, 2, "2025-06-01"), 0);
	CHECK_INT(gtp_capacity_on(w, 2, "2024-12-01"), 0);
}

/* R-GTP-2: the awards of a jury without capacity wait for the GTP. */
TEST(r_gtp_2_awards_wait)
{
	struct gtp_withdrawal w = { "2024-09-01", "2025-03-01" };
	struct rule_error err;

	CHECK_INT(gtp_award_route(&w, 1, "2024-08-31", ""), AWARD_BY_JURY);
	CHECK_INT(gtp_award_route(&w, 1, "2024-09-01", ""), AWARD_WAITING_GTP);
	CHECK_INT(gtp_award_route(&w, 1, "2024-09-01", NULL), AWARD_WAITING_GTP);
	CHECK_INT(gtp_award_route(&w, 1, "2024-09-01", "2024-11-15"), AWARD_BY_GTP);
	CHECK_INT(gtp_award_route(&w, 1, "2025-03-01", ""), AWARD_BY_JURY);
	/* judged on the jury's day: restored later, it still waits */
	CHECK_INT(gtp_award_route(&w, 1, "2025-02-28", ""), AWARD_WAITING_GTP);
	CHECK_INT(gtp_issue_check(&w, 1, "2024-08-31", "", &err), 0);
	CHECK_INT(gtp_issue_check(&w, 1, "2024-12-10", "", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_STR(err.field, "capacity");
	CHECK_CONTAINS(err.message, "10/12/2024");
	CHECK_CONTAINS(err.message, "attendent l'attribution provisoire");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_issue_check(&w, 1, "2024-12-10", "2025-01-20", &err), 0);
	CHECK_INT(gtp_issue_check(&w, 1, "2024-12-32", "", &err), -1);
	CHECK_STR(err.rule, "");
}

/* R-GTP-2: the GTP's attribution, for those juries only. */
TEST(r_gtp_2_attribution)
{
	struct gtp_withdrawal w = { "2024-09-01", "" };
	struct rule_error err;

	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 1, "", "2025-01-20", &err), 0);
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-08-30", 1, 1, "", "2025-01-20", &err), -1);
	CHECK_STR(err.rule, "R-GTP-2");
	CHECK_STR(err.field, "capacity");
	CHECK(sentence(err.message));
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 0, 1, "", "2025-01-20", &err), -1);
	CHECK_STR(err.field, "minutes");
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 0, "", "2025-01-20", &err), -1);
	CHECK_STR(err.rule, "R-GTP-1");
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 1, "2025-01-05", "2025-01-20", &err), -1);
	CHECK_CONTAINS(err.message, "déjà attribué");
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 1, NULL, "2024-12-09", &err), -1);
	CHECK_STR(err.field, "date");
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 1, NULL, "2024-12-10", &err), 0);
	CHECK_INT(gtp_attribution_check(&w, 1, "2024-12-10", 1, 1, NULL, "2025-02-29", &err), -1);
	CHECK_STR(err.rule, "");
}
