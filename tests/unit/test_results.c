/*
** Unit tests of results and their keeping (results.h: R-EVA-6, R-LET-3),
** of the calendar arithmetic they rest on (dates.h: leap years, month
** ends, 5 years and 24 months to the day) and of rule_error (rules.h).
*/
#include "t.h"
#include "core/dates.h"
#include "core/results.h"
#include "core/rules.h"
#include "core/text.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

TEST(dates_parse_and_days)
{
	long d, e;
	int y, m, dd;
	char out[DATE_LEN];

	CHECK_INT(date_parse("2024-02-29", &y, &m, &dd), 0);
	CHECK_INT(y, 2024);
	CHECK_INT(m, 2);
	CHECK_INT(dd, 29);
	CHECK_INT(date_parse("2023-02-29", NULL, NULL, NULL), -1);
	CHECK_INT(date_parse("1900-02-29", NULL, NULL, NULL), -1);   /* not leap */
	CHECK_INT(date_parse("2000-02-29", NULL, NULL, NULL), 0);    /* leap */
	CHECK_INT(date_parse(NULL, NULL, NULL, NULL), -1);
	CHECK_INT(date_month_days(2024, 2), 29);
	CHECK_INT(date_month_days(2100, 2), 28);
	CHECK_INT(date_month_days(2024, 4), 30);
	CHECK_INT(date_to_days("1970-01-01", &d), 0);
	CHECK_INT(d, 0);
	CHECK_INT(date_to_days("2000-03-01", &d), 0);
	CHECK_INT(date_to_days("2000-02-28", &e), 0);
	CHECK_INT(d - e, 2);
	CHECK_INT(date_to_days("2024-02-30", &d), -1);
	CHECK_INT(date_from_days(19782, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_from_days(-30000, out), -1);                  /* 1887 */
	CHECK_STR(out, "");
}

/* Every day of 1900..2200 goes to its number and back. */
TEST(dates_round_trip)
{
	long first, last, bad = 0;
	char out[DATE_LEN];

	CHECK_INT(date_to_days("1900-01-01", &first), 0);
	CHECK_INT(date_to_days("2200-12-31", &last), 0);
	for (long z = first; z <= last; z++) {
		long back;
		if (date_from_days(z, out) || date_to_days(out, &back) || back != z)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(last - first + 1, 301 * 365 + 73);   /* 73 leap years: 2100 is not */
}

TEST(dates_add_days)
{
	char out[DATE_LEN];

	CHECK_INT(date_add_days("2024-02-28", 1, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_add_days("2023-02-28", 1, out), 0);
	CHECK_STR(out, "2023-03-01");
	CHECK_INT(date_add_days("2023-12-31", 1, out), 0);
	CHECK_STR(out, "2024-01-01");
	CHECK_INT(date_add_days("2024-03-01", -1, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_add_days("1900-02-28", 1, out), 0);
	CHECK_STR(out, "1900-03-01");
	CHECK_INT(date_add_days("2200-12-31", 1, out), -1);
	CHECK_INT(date_add_days("nope", 1, out), -1);
}

/* Month-end convention (CPC art. 641): clamp to the month's last day. */
TEST(dates_add_months_and_years)
{
	char out[DATE_LEN];

	CHECK_INT(date_add_years("2024-02-29", 5, out), 0);
	CHECK_STR(out, "2029-02-28");
	CHECK_INT(date_add_years("2024-02-29", 4, out), 0);
	CHECK_STR(out, "2028-02-29");
	CHECK_INT(date_add_years("2024-02-29", -1, out), 0);
	CHECK_STR(out, "2023-02-28");
	CHECK_INT(date_add_years("2099-02-28", 1, out), 0);
	CHECK_STR(out, "2100-02-28");
	CHECK_INT(date_add_months("2024-01-31", 1, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_add_months("2023-01-31", 1, out), 0);
	CHECK_STR(out, "2023-02-28");
	CHECK_INT(date_add_months("2024-03-31", 1, out), 0);
	CHECK_STR(out, "2024-04-30");
	CHECK_INT(date_add_months("2024-03-31", -1, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_add_months("2024-12-15", 1, out), 0);
	CHECK_STR(out, "2025-01-15");
	CHECK_INT(date_add_months("2024-01-15", -1, out), 0);
	CHECK_STR(out, "2023-12-15");
	CHECK_INT(date_add_months("2024-05-31", 24, out), 0);
	CHECK_STR(out, "2026-05-31");
	CHECK_INT(date_add_months("2024-02-29", 0, out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(date_add_years("2199-06-01", 2, out), -1);
	CHECK_STR(out, "");
	CHECK_INT(date_add_years("1900-06-01", -1, out), -1);
	CHECK_INT(date_add_months("2023-02-29", 1, out), -1);
	CHECK_INT(date_add_years("2024-01-01", 100000, out), -1);
}

TEST(dates_cmp_and_french)
{
	char out[DATE_LEN];

	CHECK(date_cmp("2024-02-29", "2024-03-01") < 0);
	CHECK(date_cmp("2024-03-01", "2024-03-01") == 0);
	CHECK(date_cmp("2025-01-01", "2024-12-31") > 0);
	CHECK_STR(date_fr("2024-02-29", out), "29/02/2024");
	CHECK_STR(date_fr("bad", out), "?");
	CHECK(date_ok("2024-02-29"));
	CHECK(!date_ok("2024-2-29"));
}

/* rule_fail fills the three strings and never cuts a UTF-8 sequence. */
TEST(rule_error_fill_and_cut)
{
	struct rule_error err;
	char longmsg[400];

	CHECK_INT(rule_fail(&err, "R-INS-3", "route", "Voie « %s ».", "x"), -1);
	CHECK_STR(err.rule, "R-INS-3");
	CHECK_STR(err.field, "route");
	CHECK_STR(err.message, "Voie « x ».");
	CHECK_INT(rule_fail(NULL, "R-INS-3", "route", "x"), -1);
	rule_error_clear(&err);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.message, "");
	for (size_t i = 0; i + 2 < sizeof longmsg; i += 2)
		memcpy(longmsg + i, "é", 2);
	longmsg[sizeof longmsg - 1] = '\0';
	longmsg[sizeof longmsg - 2] = 'a';
	/* 255 bytes fit: "a" and 127 "é" exactly */
	CHECK_INT(rule_fail(&err, NULL, NULL, "a%s", longmsg), -1);
	CHECK_INT(strlen(err.message), 255);
	CHECK(utf8_valid(err.message, strlen(err.message)));
	/* 127 "é" and half of the 128th, which must go */
	CHECK_INT(rule_fail(&err, NULL, NULL, "%s", longmsg), -1);
	CHECK_INT(strlen(err.message), 254);
	CHECK(utf8_valid(err.message, strlen(err.message)));
	/* a 3-byte character cut after 1 or 2 of its bytes goes too */
	memset(longmsg, 'x', sizeof longmsg - 1);
	CHECK_INT(rule_fail(&err, NULL, NULL, "%.253s€", longmsg), -1);
	CHECK_INT(strlen(err.message), 253);
	CHECK_INT(rule_fail(&err, NULL, NULL, "%.254s€", longmsg), -1);
	CHECK_INT(strlen(err.message), 254);
	CHECK_INT(rule_fail(&err, NULL, NULL, "%.252s€", longmsg), -1);
	CHECK_INT(strlen(err.message), 255);
	CHECK(utf8_valid(err.message, strlen(err.message)));
	CHECK_STR(err.rule, "");
	CHECK_STR(err.field, "");
}

TEST(r_eva_6_codes)
{
	CHECK_STR(comp_result_code(RES_ACQUIRED), "acquired");
	CHECK_STR(comp_result_label(RES_NOT_ACQUIRED), "Non acquise");
	CHECK_INT(comp_result_from_code("not_evaluated"), RES_NOT_EVALUATED);
	CHECK_INT(comp_result_from_code("A"), -1);
	CHECK_STR(unit_state_code(UNIT_PENDING), "pending");
	CHECK_STR(unit_state_label(UNIT_ACQUIRED), "Acquis");
	CHECK(unit_state_label(UNIT__MAX) == NULL);
}

/* R-EVA-6: a block is acquired when all its competences are. */
TEST(r_eva_6_block_state)
{
	enum comp_result all[] = { RES_ACQUIRED, RES_ACQUIRED, RES_ACQUIRED };
	enum comp_result one_missing[] = { RES_ACQUIRED, RES_NOT_EVALUATED, RES_ACQUIRED };
	enum comp_result one_failed[] = { RES_ACQUIRED, RES_NOT_EVALUATED, RES_NOT_ACQUIRED };

	CHECK_INT(competences_state(all, 3), UNIT_ACQUIRED);
	CHECK_INT(competences_state(all, 1), UNIT_ACQUIRED);
	CHECK_INT(competences_state(one_missing, 3), UNIT_PENDING);
	CHECK_INT(competences_state(one_failed, 3), UNIT_NOT_ACQUIRED);
	CHECK_INT(competences_state(all, 0), UNIT_PENDING);
}

/* R-EVA-6: a CQPM (RNCP 28235: 4 blocks, C1–C8) when all its blocks are. */
TEST(r_eva_6_cqpm_all_blocks)
{
	enum comp_result b1[] = { RES_ACQUIRED, RES_ACQUIRED, RES_ACQUIRED };
	enum comp_result b2[] = { RES_ACQUIRED, RES_ACQUIRED, RES_ACQUIRED };
	enum comp_result b3[] = { RES_ACQUIRED };
	enum comp_result b4[] = { RES_ACQUIRED };
	struct block_results blocks[] = {
		{ "RNCP28235BC01", b1, 3 }, { "RNCP28235BC02", b2, 3 },
		{ "RNCP28235BC03", b3, 1 }, { "RNCP28235BC04", b4, 1 },
	};
	enum unit_state st, bs[4];
	struct rule_error err;

	CHECK_INT(certification_state(KIND_CQPM, blocks, 4, NULL, 0, &st, bs, &err), 0);
	CHECK_INT(st, UNIT_ACQUIRED);
	CHECK_INT(bs[3], UNIT_ACQUIRED);
	b2[1] = RES_NOT_ACQUIRED;   /* C5 */
	CHECK_INT(certification_state(KIND_CQPM, blocks, 4, NULL, 0, &st, bs, &err), 0);
	CHECK_INT(st, UNIT_NOT_ACQUIRED);
	CHECK_INT(bs[0], UNIT_ACQUIRED);        /* kept for the letter (R-LET-3) */
	CHECK_INT(bs[1], UNIT_NOT_ACQUIRED);
	CHECK_INT(bs[2], UNIT_ACQUIRED);
	b2[1] = RES_NOT_EVALUATED;
	CHECK_INT(certification_state(KIND_CQPM, blocks, 4, NULL, 0, &st, NULL, &err), 0);
	CHECK_INT(st, UNIT_PENDING);
	b2[1] = RES_ACQUIRED;
	CHECK_INT(certification_state(KIND_CQPI, blocks, 4, NULL, 0, &st, NULL, &err), 0);
	CHECK_INT(st, UNIT_ACQUIRED);
}

/* R-EVA-6: a CCPM when all its competences are. */
TEST(r_eva_6_ccpm_all_competences)
{
	enum comp_result c[] = { RES_ACQUIRED, RES_ACQUIRED };
	enum unit_state st;
	struct rule_error err;

	CHECK_INT(certification_state(KIND_CCPM, NULL, 0, c, 2, &st, NULL, &err), 0);
	CHECK_INT(st, UNIT_ACQUIRED);
	c[1] = RES_NOT_ACQUIRED;
	CHECK_INT(certification_state(KIND_CCPM, NULL, 0, c, 2, &st, NULL, &err), 0);
	CHECK_INT(st, UNIT_NOT_ACQUIRED);
	CHECK_INT(certification_state(KIND_CCPI, NULL, 0, c, 1, &st, NULL, &err), 0);
	CHECK_INT(st, UNIT_ACQUIRED);
}

/* R-EVA-6: data that does not fit the kind is refused. */
TEST(r_eva_6_refusals)
{
	enum comp_result c[] = { RES_ACQUIRED };
	enum comp_result bad[] = { (enum comp_result)8 };
	struct block_results empty[] = { { "BDC0001", c, 0 } };
	struct block_results one[] = { { "BDC0001", c, 1 } };
	struct block_results wrong[] = { { "BDC0001", bad, 1 } };
	enum unit_state st;
	struct rule_error err;

	CHECK_INT(certification_state(KIND_CQPM, NULL, 0, NULL, 0, &st, NULL, &err), -1);
	CHECK_STR(err.rule, "R-EVA-6");
	CHECK(sentence(err.message));
	CHECK_INT(certification_state(KIND_CQPM, empty, 1, NULL, 0, &st, NULL, &err), -1);
	CHECK_CONTAINS(err.message, "BDC0001");
	CHECK_INT(certification_state(KIND_CQPM, one, 1, c, 1, &st, NULL, &err), -1);
	CHECK_STR(err.field, "competences");
	CHECK_INT(certification_state(KIND_CQPM, wrong, 1, NULL, 0, &st, NULL, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_CONTAINS(err.message, "BDC0001");
	CHECK_INT(certification_state(KIND_CCPM, one, 1, c, 1, &st, NULL, &err), -1);
	CHECK_STR(err.field, "blocks");
	CHECK_INT(certification_state(KIND_CCPM, NULL, 0, NULL, 0, &st, NULL, &err), -1);
	CHECK_INT(certification_state(KIND_CCPM, NULL, 0, bad, 1, &st, NULL, &err), -1);
	CHECK_INT(certification_state(KIND_PARCOURS, one, 1, NULL, 0, &st, NULL, &err), -1);
	CHECK_CONTAINS(err.message, "attribué par l'entreprise");
	CHECK_INT(certification_state(KIND_RNCP, one, 1, NULL, 0, &st, NULL, &err), -1);
}

/* R-LET-3 (2): blocks for an RNCP CQPM, competences otherwise. */
TEST(r_let_3_units_listed)
{
	CHECK(acquired_units_are_blocks(KIND_CQPM, 1));
	CHECK(!acquired_units_are_blocks(KIND_CQPM, 0));
	CHECK(!acquired_units_are_blocks(KIND_CCPM, 1));
	CHECK(!acquired_units_are_blocks(KIND_CCPM, 0));
}

/* R-LET-3: 5 years (RNCP), to the day, until included. */
TEST(r_let_3_rncp_five_years_to_the_day)
{
	char until[DATE_LEN];
	struct rule_error err;

	CHECK_INT(acquired_until("2024-03-15", 1, "", until, &err), 0);
	CHECK_STR(until, "2029-03-15");
	CHECK(acquired_kept_on(until, "2024-03-15"));
	CHECK(acquired_kept_on(until, "2029-03-14"));
	CHECK(acquired_kept_on(until, "2029-03-15"));
	CHECK(!acquired_kept_on(until, "2029-03-16"));
	CHECK_INT(acquired_until("2024-02-29", 1, NULL, until, &err), 0);
	CHECK_STR(until, "2029-02-28");
	CHECK(acquired_kept_on(until, "2029-02-28"));
	CHECK(!acquired_kept_on(until, "2029-03-01"));
	CHECK_INT(acquired_until("2023-12-31", 1, "", until, &err), 0);
	CHECK_STR(until, "2028-12-31");
}

/* R-LET-3: 24 months (not RNCP), to the day, month ends. */
TEST(r_let_3_other_twenty_four_months_to_the_day)
{
	char until[DATE_LEN];
	struct rule_error err;

	CHECK_INT(acquired_until("2024-03-15", 0, "", until, &err), 0);
	CHECK_STR(until, "2026-03-15");
	CHECK(acquired_kept_on(until, "2026-03-15"));
	CHECK(!acquired_kept_on(until, "2026-03-16"));
	CHECK_INT(acquired_until("2024-02-29", 0, "", until, &err), 0);
	CHECK_STR(until, "2026-02-28");
	CHECK_INT(acquired_until("2023-08-31", 0, "", until, &err), 0);
	CHECK_STR(until, "2025-08-31");
	CHECK_INT(acquired_until("2022-02-28", 0, "", until, &err), 0);
	CHECK_STR(until, "2024-02-28");                 /* not the 29th */
}

/* R-LET-3: the registered validity wins ("illimitée" on the fiches). */
TEST(r_let_3_registered_validity_wins)
{
	char until[DATE_LEN];
	struct rule_error err;
	int months;

	CHECK_INT(acquired_until("2024-03-15", 1, "illimitée", until, &err), 0);
	CHECK_STR(until, "");
	CHECK(acquired_kept_on(until, "2090-01-01"));
	CHECK_INT(acquired_until("2024-03-15", 0, "Illimitée", until, &err), 0);
	CHECK_STR(until, "");
	CHECK_INT(acquired_validity_months(1, "ILLIMITEE", &months, &err), 0);
	CHECK_INT(months, VALIDITY_UNLIMITED);
	CHECK_INT(acquired_validity_months(1, " illimitée. ", &months, &err), 0);
	CHECK_INT(months, VALIDITY_UNLIMITED);
	CHECK_INT(acquired_validity_months(1, "3 ans", &months, &err), 0);
	CHECK_INT(months, 36);
	CHECK_INT(acquired_validity_months(0, "1 an", &months, &err), 0);
	CHECK_INT(months, 12);
	CHECK_INT(acquired_validity_months(1, "18 mois", &months, &err), 0);
	CHECK_INT(months, 18);
	CHECK_INT(acquired_until("2024-03-15", 1, "18 mois", until, &err), 0);
	CHECK_STR(until, "2025-09-15");
	CHECK_INT(acquired_validity_months(1, "", &months, &err), 0);
	CHECK_INT(months, VALIDITY_RNCP_MONTHS);
	CHECK_INT(acquired_validity_months(0, NULL, &months, &err), 0);
	CHECK_INT(months, VALIDITY_DEFAULT_MONTHS);
	CHECK_INT(acquired_validity_months(1, "  ", &months, &err), 0);
	CHECK_INT(months, VALIDITY_RNCP_MONTHS);
	CHECK_INT(acquired_validity_months(1, "selon décision", &months, &err), -1);
	CHECK_STR(err.rule, "R-LET-3");
	CHECK_STR(err.field, "acquired_validity");
	CHECK(sentence(err.message));
	CHECK_INT(acquired_validity_months(1, "0 an", &months, &err), -1);
	CHECK_INT(acquired_validity_months(1, "5 semaines", &months, &err), -1);
	CHECK_INT(acquired_until("2024-03-15", 1, "n'importe quoi", until, &err), -1);
	CHECK_STR(until, "");
}

TEST(r_let_3_bad_dates)
{
	char until[DATE_LEN];
	struct rule_error err;

	CHECK_INT(acquired_until("2024-02-30", 1, "", until, &err), -1);
	CHECK_STR(err.field, "jury_date");
	CHECK_INT(acquired_until("2198-01-01", 1, "", until, &err), -1);
	CHECK(!acquired_kept_on("", "2024-02-30"));
	CHECK(!acquired_kept_on("bad", "2024-02-28"));
}
