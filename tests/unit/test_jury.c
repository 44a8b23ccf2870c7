/*
** Unit tests of the jury paritaire de délibération (jury.h): composition
** (R-JUR-3, R-JUR-4, R-JUR-6, R-JUR-7), designation requests and
** convocations 15 calendar days before (R-JUR-1, R-JUR-9: 14 and 15 days,
** month ends, 29 February, moving the jury), the CPREFP (R-JUR-8), the
** planning (R-JUR-2, R-INS-2), the sitting and its parity (R-JUR-5), the
** decisions A / NA with their votes and the president's casting vote
** (R-JUR-11, R-JUR-7), the signature and the corrections after it, and
** anonymity (R-JUR-10).
*/
#include "t.h"
#include "core/jury.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

static const char *const UNIONS[] = { "CFDT", "CFE-CGC", "CGT", "CGT-FO" };
#define NUNIONS 4

#define JURY_DAY "2025-06-16"

/* Every union asked on 2025-05-20, 27 days before the jury. */
static const struct union_request REQ[] = {
	{ "CFDT", "2025-05-20" }, { "CFE-CGC", "2025-05-20" },
	{ "CGT", "2025-05-20" }, { "CGT-FO", "2025-05-20" },
};
#define NREQ 4

enum { NM = 11 };

/* A jury of 4 employer and 4 union votes, an alternate of the CFDT, a
** tutor and an evaluator invited; all convened 17 days before and
** present. */
static void fixture(struct jury_member m[NM])
{
	static const struct jury_member base[NM] = {
		{ "Anne Martin", JROLE_EMPLOYER, BRANCH_METALLURGY, NULL, 0, 1, 1, "2025-05-30", 1 },
		{ "Bruno Leroy", JROLE_EMPLOYER, BRANCH_METALLURGY, NULL, 0, 1, 0, "2025-05-30", 1 },
		{ "Claire Petit", JROLE_EMPLOYER, BRANCH_METALLURGY, NULL, 0, 1, 0, "2025-05-30", 1 },
		{ "David Moreau", JROLE_EMPLOYER, BRANCH_METALLURGY, NULL, 0, 1, 0, "2025-05-30", 1 },
		{ "Émile Roux", JROLE_UNION, BRANCH_METALLURGY, "CFDT", 1, 1, 0, "2025-05-30", 1 },
		{ "Farid Benali", JROLE_UNION, BRANCH_METALLURGY, "CFDT", 1, 0, 0, "2025-05-30", 1 },
		{ "Gaëlle Simon", JROLE_UNION, BRANCH_METALLURGY, "CFE-CGC", 1, 1, 0, "2025-05-30", 1 },
		{ "Hugo Laurent", JROLE_UNION, BRANCH_METALLURGY, "CGT", 1, 1, 0, "2025-05-30", 1 },
		{ "Inès Garnier", JROLE_UNION, BRANCH_METALLURGY, "CGT-FO", 1, 1, 0, "2025-05-30", 1 },
		{ "Jean Tuteur", JROLE_TUTOR, BRANCH_METALLURGY, NULL, 0, 0, 0, NULL, 1 },
		{ "Karine Vidal", JROLE_EVALUATOR, BRANCH_METALLURGY, NULL, 0, 0, 0, NULL, 1 },
	};
	memcpy(m, base, sizeof base);
}

/* A planned jury of centre 7 on JURY_DAY. */
static struct jury_session planned(void)
{
	struct jury_session s;
	jury_plan(&s, 7, JURY_DAY, "2025-05-01", NULL);
	return s;
}

/* The same jury opened with the fixture and its conformity checked. */
static struct jury_session sitting(const struct jury_member *m)
{
	struct jury_session s = planned();
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, NULL), 0);
	CHECK_INT(jury_record_conformity(&s, NULL), 0);
	return s;
}

static struct jury_ballot_sheet sheet(const char *v, int f, int a, int abst,
	enum jury_ballot p)
{
	struct jury_ballot_sheet b = { v, { f, a, abst }, p };
	return b;
}

TEST(r_jur_codes)
{
	CHECK_STR(jury_role_code(JROLE_TRAINING_BODY), "training_body");
	CHECK_INT(jury_role_from_code("union"), JROLE_UNION);
	CHECK_INT(jury_role_from_code("president"), -1);
	CHECK(jury_role_label(JROLE__MAX) == NULL);
	CHECK_STR(jury_side_code(SIDE_EMPLOYEE), "employee");
	CHECK_STR(jury_side_label(SIDE_INVITED), "Invité sans voix délibérative");
	CHECK_INT(jury_role_side(JROLE_EMPLOYER), SIDE_EMPLOYER);
	CHECK_INT(jury_role_side(JROLE_UNION), SIDE_EMPLOYEE);
	CHECK_INT(jury_role_side(JROLE_TUTOR), SIDE_INVITED);
	CHECK_INT(jury_role_side(JROLE_TRAINING_BODY), SIDE_INVITED);
	CHECK_INT(jury_role_side(JROLE_EVALUATOR), SIDE_INVITED);
	CHECK_INT(jury_role_side((enum jury_role)9), SIDE__MAX);
	CHECK_STR(jury_branch_code(BRANCH_TEMPORARY_WORK), "temporary_work");
	CHECK_INT(jury_branch_from_code("metallurgy"), BRANCH_METALLURGY);
	CHECK_STR(jury_branch_label(BRANCH_METALLURGY), "Branche de la métallurgie");
	CHECK_STR(jury_state_code(JURY_SIGNED), "signed");
	CHECK_STR(jury_state_label(JURY_SITTING), "En séance");
	CHECK_INT(jury_state_from_code("planned"), JURY_PLANNED);
	CHECK_STR(jury_verdict_code(VERDICT_ADMITTED), "A");
	CHECK_STR(jury_verdict_code(VERDICT_NOT_ADMITTED), "NA");
	CHECK_STR(jury_verdict_label(VERDICT_NOT_ADMITTED), "Non admis");
	CHECK_STR(jury_ballot_code(BALLOT_ABSTAIN), "abstain");
	CHECK_INT(jury_ballot_from_code("against"), BALLOT_AGAINST);
	CHECK_STR(jury_ballot_label(BALLOT_FOR), "Pour");
	CHECK_STR(decision_state_code(DECISION_SUPERSEDED), "superseded");
	CHECK(decision_state_label(DECISION__MAX) == NULL);
}

/* R-JUR-11: "A" or "NA", no other value (annex 14 note 5). */
TEST(r_jur_11_verdict_codes)
{
	CHECK_INT(jury_verdict_from_code("A"), VERDICT_ADMITTED);
	CHECK_INT(jury_verdict_from_code("NA"), VERDICT_NOT_ADMITTED);
	CHECK_INT(jury_verdict_from_code("a"), -1);
	CHECK_INT(jury_verdict_from_code("na"), -1);
	CHECK_INT(jury_verdict_from_code("Admis"), -1);
	CHECK_INT(jury_verdict_from_code("AJ"), -1);
	CHECK_INT(jury_verdict_from_code("A "), -1);
	CHECK_INT(jury_verdict_from_code(""), -1);
	CHECK_INT(jury_verdict_from_code(NULL), -1);
}

TEST(r_jur_composition_ok)
{
	struct jury_member m[NM];
	struct rule_error err;
	int e, s;

	fixture(m);
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), 0);
	jury_vote_count(m, NM, 0, &e, &s);
	CHECK_INT(e, 4);
	CHECK_INT(s, 4);
	/* a union that designated nobody is simply absent */
	m[8].role = JROLE_TRAINING_BODY;
	m[8].votes = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), 0);
	jury_vote_count(m, NM, 0, &e, &s);
	CHECK_INT(s, 3);
}

/* R-JUR-6: the invited never vote nor preside. */
TEST(r_jur_6_invited)
{
	struct jury_member m[NM];
	struct rule_error err;

	fixture(m);
	m[9].votes = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-6");
	CHECK_STR(err.field, "votes");
	CHECK_CONTAINS(err.message, "Jean Tuteur");
	CHECK(sentence(err.message));
	fixture(m);
	m[10].president = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-6");
	CHECK_CONTAINS(err.message, "Karine Vidal");
	/* invited are never counted as votes, even marked present */
	fixture(m);
	m[9].votes = 1;
	{
		int e, s;
		jury_vote_count(m, NM, 1, &e, &s);
		CHECK_INT(e, 4);
		CHECK_INT(s, 4);
	}
}

/* R-JUR-3: at most 5 metallurgy members and 1 temporary-work member. */
TEST(r_jur_3_employer_delegation)
{
	struct jury_member m[NM + 3];
	struct rule_error err;

	fixture(m);
	m[NM] = m[1];
	m[NM].name = "Élise Faure";   /* 5th metallurgy member */
	CHECK_INT(jury_composition_check(m, NM + 1, UNIONS, NUNIONS, &err), 0);
	m[NM + 1] = m[1];
	m[NM + 1].name = "Fabien Girard";   /* 6th */
	CHECK_INT(jury_composition_check(m, NM + 2, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-3");
	CHECK_CONTAINS(err.message, "Fabien Girard");
	CHECK_CONTAINS(err.message, "5 membres");
	CHECK(sentence(err.message));
	/* 5 metallurgy + 1 temporary work is allowed */
	m[NM + 1].branch = BRANCH_TEMPORARY_WORK;
	CHECK_INT(jury_composition_check(m, NM + 2, UNIONS, NUNIONS, &err), 0);
	/* a second temporary-work member is not */
	m[NM + 2] = m[NM + 1];
	m[NM + 2].name = "Gilles Henry";
	CHECK_INT(jury_composition_check(m, NM + 3, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-3");
	CHECK_CONTAINS(err.message, "travail temporaire");
	CHECK_CONTAINS(err.message, "Gilles Henry");
	/* a non-voting employer member still counts in the five */
	fixture(m);
	for (int i = 0; i < 2; i++) {
		m[NM + i] = m[1];
		m[NM + i].votes = 0;
	}
	m[NM + 1].name = "Hélène Jacob";
	CHECK_INT(jury_composition_check(m, NM + 2, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-3");
}

/* R-JUR-4: representative unions, branch employees, one vote per union. */
TEST(r_jur_4_union_delegation)
{
	struct jury_member m[NM + 2];
	struct rule_error err;

	fixture(m);
	m[7].union_code = "CFTC";
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK_STR(err.field, "union");
	CHECK_CONTAINS(err.message, "CFTC");
	CHECK(sentence(err.message));

	fixture(m);
	m[6].branch_employee = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK_STR(err.field, "branch_employee");
	CHECK_CONTAINS(err.message, "Gaëlle Simon");

	/* the CFDT's alternate may not vote too */
	fixture(m);
	m[5].votes = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK_CONTAINS(err.message, "CFDT");
	CHECK_CONTAINS(err.message, "un seul représentant");
	CHECK(sentence(err.message));

	/* nor may none of its two representatives vote */
	fixture(m);
	m[4].votes = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK_CONTAINS(err.message, "Aucun des 2 représentants");

	/* alternating: the alternate votes this time */
	fixture(m);
	m[4].votes = 0;
	m[5].votes = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), 0);

	/* one temporary-work member, supplementary to his union's vote */
	fixture(m);
	m[NM] = m[7];
	m[NM].name = "Luc Marchand";
	m[NM].branch = BRANCH_TEMPORARY_WORK;
	m[NM].branch_employee = 0;
	CHECK_INT(jury_composition_check(m, NM + 1, UNIONS, NUNIONS, &err), 0);
	m[NM + 1] = m[NM];
	m[NM + 1].name = "Marc Noël";
	m[NM + 1].union_code = "CFDT";
	CHECK_INT(jury_composition_check(m, NM + 2, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK_CONTAINS(err.message, "Marc Noël");
	CHECK_CONTAINS(err.message, "travail temporaire");
}

/* R-JUR-7: one president, of the employer delegation, who votes. */
TEST(r_jur_7_president)
{
	struct jury_member m[NM];
	struct rule_error err;

	fixture(m);
	m[0].president = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_STR(err.field, "president");
	CHECK(sentence(err.message));
	fixture(m);
	m[1].president = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_CONTAINS(err.message, "2 présidents");
	fixture(m);
	m[0].president = 0;
	m[7].president = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_CONTAINS(err.message, "Hugo Laurent");
	CHECK_CONTAINS(err.message, "délégation patronale");
	fixture(m);
	m[0].votes = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_CONTAINS(err.message, "prépondérante");
	/* a temporary-work employer member may preside */
	fixture(m);
	m[0].president = 0;
	m[3].branch = BRANCH_TEMPORARY_WORK;
	m[3].president = 1;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), 0);
}

/* Malformed compositions: no rule id, the field named. */
TEST(r_jur_composition_malformed)
{
	struct jury_member m[JURY_MAX_MEMBERS + 1];
	struct rule_error err;
	const char *many[JURY_MAX_UNIONS + 1];

	fixture(m);
	m[2].name = "";
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.field, "name");
	CHECK_CONTAINS(err.message, "n° 3");
	CHECK(sentence(err.message));
	fixture(m);
	m[2].name = NULL;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	fixture(m);
	m[2].name = "Nom\nsur deux lignes";
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "name");
	fixture(m);
	m[2].role = (enum jury_role)42;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "role");
	fixture(m);
	m[2].branch = (enum jury_branch)5;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "branch");
	fixture(m);
	m[7].union_code = NULL;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "union");
	fixture(m);
	m[7].convened_on = "2025-02-30";
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "convened_on");
	fixture(m);
	for (int i = NM; i <= JURY_MAX_MEMBERS; i++) {
		m[i] = m[9];
	}
	CHECK_INT(jury_composition_check(m, JURY_MAX_MEMBERS + 1, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.field, "members");
	CHECK_INT(jury_composition_check(m, JURY_MAX_MEMBERS, UNIONS, NUNIONS, &err), 0);
	for (int i = 0; i <= JURY_MAX_UNIONS; i++)
		many[i] = "CGT";
	fixture(m);
	CHECK_INT(jury_composition_check(m, NM, many, JURY_MAX_UNIONS + 1, &err), -1);
	CHECK_STR(err.field, "unions");
	/* err may be NULL */
	CHECK_INT(jury_composition_check(m, NM, UNIONS, 0, NULL), -1);
}

/* R-JUR-5: as many employee as employer votes among those present. */
TEST(r_jur_5_parity)
{
	struct jury_member m[NM];
	struct rule_error err;

	fixture(m);
	CHECK_INT(jury_parity_check(m, NM, &err), 0);
	/* the CGT-FO's representative is absent: 4 against 3 */
	m[8].present = 0;
	CHECK_INT(jury_parity_check(m, NM, &err), -1);
	CHECK_STR(err.rule, "R-JUR-5");
	CHECK_STR(err.field, "attendance");
	CHECK_CONTAINS(err.message, "ne peut pas délibérer");
	CHECK_CONTAINS(err.message, "4 membres votants pour la délégation patronale");
	CHECK_CONTAINS(err.message, "3 membres votants pour les salariés");
	CHECK(sentence(err.message));
	/* the CFDT's alternate present without a vote changes nothing */
	CHECK_INT(m[5].present, 1);
	/* an employer member sits without a vote: even again */
	m[3].votes = 0;
	CHECK_INT(jury_parity_check(m, NM, &err), 0);
	/* an employer member absent instead */
	fixture(m);
	m[2].present = 0;
	CHECK_INT(jury_parity_check(m, NM, &err), -1);
	CHECK_CONTAINS(err.message, "3 membres votants pour la délégation patronale");
	/* no employee vote at all */
	fixture(m);
	for (int i = 4; i <= 8; i++)
		m[i].present = 0;
	CHECK_INT(jury_parity_check(m, NM, &err), -1);
	CHECK_STR(err.rule, "R-JUR-5");
	CHECK_CONTAINS(err.message, "représentant des salariés");
	/* a 1 + 1 jury is paritaire */
	fixture(m);
	for (int i = 1; i <= 8; i++)
		m[i].present = i == 4;
	CHECK_INT(jury_parity_check(m, NM, &err), 0);
	CHECK_INT(jury_parity_check(m, 0, &err), -1);
}

/* R-JUR-1, R-JUR-9: the last day is 15 days before. */
TEST(r_jur_1_deadline)
{
	char out[DATE_LEN];

	CHECK_INT(jury_notice_deadline("2025-06-16", out), 0);
	CHECK_STR(out, "2025-06-01");
	CHECK_INT(jury_notice_deadline("2025-03-01", out), 0);
	CHECK_STR(out, "2025-02-14");
	CHECK_INT(jury_notice_deadline("2024-03-01", out), 0);
	CHECK_STR(out, "2024-02-15");
	CHECK_INT(jury_notice_deadline("2024-03-15", out), 0);
	CHECK_STR(out, "2024-02-29");
	CHECK_INT(jury_notice_deadline("2025-01-10", out), 0);
	CHECK_STR(out, "2024-12-26");
	CHECK_INT(jury_notice_deadline("2025-02-30", out), -1);
	CHECK_STR(out, "");
}

/* R-JUR-1: 15 calendar days is on time, 14 is late; edge dates. */
TEST(r_jur_1_request_15_days)
{
	struct rule_error err;

	CHECK_INT(jury_request_check("2025-06-16", "2025-06-01", "CGT", &err), 0);   /* 15 */
	CHECK_INT(jury_request_check("2025-06-16", "2025-05-01", "CGT", &err), 0);   /* 46 */
	CHECK_INT(jury_request_check("2025-06-16", "2025-06-02", "CGT", &err), -1);  /* 14 */
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_STR(err.field, "requested_on");
	CHECK_CONTAINS(err.message, "CGT");
	CHECK_CONTAINS(err.message, "02/06/2025");
	CHECK_CONTAINS(err.message, "le dernier jour est le 01/06/2025");
	CHECK_CONTAINS(err.message, "15 jours calendaires");
	CHECK_CONTAINS(err.message, "déplacé au 17/06/2025");
	CHECK(sentence(err.message));
	/* the month of February 2025 has 28 days */
	CHECK_INT(jury_request_check("2025-03-01", "2025-02-14", "CFDT", &err), 0);
	CHECK_INT(jury_request_check("2025-03-01", "2025-02-15", "CFDT", &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_CONTAINS(err.message, "02/03/2025");   /* 15 February + 15 days */
	/* 2024 is leap: 29 February counts */
	CHECK_INT(jury_request_check("2024-03-01", "2024-02-15", "CFDT", &err), 0);
	CHECK_INT(jury_request_check("2024-03-01", "2024-02-16", "CFDT", &err), -1);
	CHECK_INT(jury_request_check("2024-03-15", "2024-02-29", "CFDT", &err), 0);
	CHECK_INT(jury_request_check("2024-03-14", "2024-02-29", "CFDT", &err), -1);
	/* a 31st and a year end */
	CHECK_INT(jury_request_check("2025-05-31", "2025-05-16", "CGT-FO", &err), 0);
	CHECK_INT(jury_request_check("2025-05-31", "2025-05-17", "CGT-FO", &err), -1);
	CHECK_INT(jury_request_check("2025-01-10", "2024-12-26", "CGT-FO", &err), 0);
	CHECK_INT(jury_request_check("2025-01-10", "2024-12-27", "CGT-FO", &err), -1);
	CHECK_INT(jury_request_check("2025-01-15", "2024-12-31", "CGT-FO", &err), 0);
	/* the longest union code still gives the whole sentence */
	CHECK_INT(jury_request_check("2025-06-16", "2025-06-02",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDE", &err), -1);
	CHECK(sentence(err.message));
	CHECK_CONTAINS(err.message, "17/06/2025 au plus tôt.");
	/* on the day of the jury or after it */
	CHECK_INT(jury_request_check("2025-06-16", "2025-06-16", "CGT", &err), -1);
	CHECK_INT(jury_request_check("2025-06-16", "2025-06-20", "CGT", &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	/* malformed dates */
	CHECK_INT(jury_request_check("2025-06-16", "2025-13-01", "CGT", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.field, "requested_on");
	CHECK(sentence(err.message));
	CHECK_INT(jury_request_check("16/06/2025", "2025-05-01", "CGT", &err), -1);
	CHECK_STR(err.field, "jury_date");
	CHECK_INT(jury_request_check("2025-06-16", NULL, NULL, &err), -1);
}

/* R-JUR-9: the convocation 15 calendar days before, the same edges. */
TEST(r_jur_9_convocation_15_days)
{
	struct rule_error err;

	CHECK_INT(jury_convocation_check("2025-06-16", "2025-06-01", "Anne Martin", &err), 0);
	CHECK_INT(jury_convocation_check("2025-06-16", "2025-06-02", "Anne Martin", &err), -1);
	CHECK_STR(err.rule, "R-JUR-9");
	CHECK_STR(err.field, "convened_on");
	CHECK_CONTAINS(err.message, "La convocation de Anne Martin part trop tard le 02/06/2025");
	CHECK(sentence(err.message));
	CHECK_INT(jury_convocation_check("2024-03-01", "2024-02-15", "Anne Martin", &err), 0);
	CHECK_INT(jury_convocation_check("2024-03-01", "2024-02-16", "Anne Martin", &err), -1);
	CHECK_INT(jury_convocation_check("2023-03-01", "2023-02-14", "Anne Martin", &err), 0);
	CHECK_INT(jury_convocation_check("2023-03-01", "2023-02-15", "Anne Martin", &err), -1);
	CHECK_INT(jury_convocation_check("2025-08-31", "2025-08-16", "Anne Martin", &err), 0);
	CHECK_INT(jury_convocation_check("2025-08-31", "2025-08-17", "Anne Martin", &err), -1);
	/* the convocation goes to members, with a copy to the union */
	{
		struct jury_member m[NM];
		fixture(m);
		CHECK_INT(jury_member_convened(JROLE_EMPLOYER), 1);
		CHECK_INT(jury_member_convened(JROLE_UNION), 1);
		CHECK_INT(jury_member_convened(JROLE_TUTOR), 0);
		CHECK_INT(jury_member_convened(JROLE_TRAINING_BODY), 0);
		CHECK_INT(jury_member_convened(JROLE_EVALUATOR), 0);
		CHECK_STR(jury_convocation_copy_to(&m[6]), "CFE-CGC");
		CHECK(jury_convocation_copy_to(&m[0]) == NULL);
		CHECK(jury_convocation_copy_to(&m[9]) == NULL);
		CHECK(jury_convocation_copy_to(NULL) == NULL);
	}
}

/* R-JUR-1: every representative union is asked, in time. */
TEST(r_jur_1_every_union)
{
	struct union_request req[NREQ + 1];
	struct rule_error err;

	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, NUNIONS, REQ, NREQ, &err), 0);
	/* the CGT was not asked */
	memcpy(req, REQ, sizeof REQ);
	req[2].sent_on = "";
	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, NUNIONS, req, NREQ, &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_CONTAINS(err.message, "organisation syndicale CGT");
	CHECK_CONTAINS(err.message, "chaque organisation");
	CHECK(sentence(err.message));
	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, NUNIONS, REQ, 3, &err), -1);
	CHECK_CONTAINS(err.message, "CGT-FO");
	/* the CGT-FO asked 14 days before */
	memcpy(req, REQ, sizeof REQ);
	req[3].sent_on = "2025-06-02";
	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, NUNIONS, req, NREQ, &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_CONTAINS(err.message, "CGT-FO");
	CHECK_CONTAINS(err.message, "trop tard");
	/* asked twice: the first request counts */
	req[NREQ].union_code = "CGT-FO";
	req[NREQ].sent_on = "2025-05-25";
	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, NUNIONS, req, NREQ + 1, &err), 0);
	/* an empty list asks nobody */
	CHECK_INT(jury_requests_check(JURY_DAY, UNIONS, 0, REQ, NREQ, &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_INT(jury_requests_check("x", UNIONS, NUNIONS, REQ, NREQ, &err), -1);
	CHECK_STR(err.field, "jury_date");
}

/* R-JUR-8: composition and date changes are told to the CPREFP. */
TEST(r_jur_8_cprefp)
{
	CHECK_INT(jury_change_informs_cprefp(CHANGE_DATE), 1);
	CHECK_INT(jury_change_informs_cprefp(CHANGE_MEMBERS), 1);
	CHECK_INT(jury_change_informs_cprefp(CHANGE_PRESIDENT), 1);
	CHECK_INT(jury_change_informs_cprefp(CHANGE_PLACE), 0);
	CHECK_INT(jury_change_informs_cprefp(CHANGE_CANDIDATES), 0);
}

TEST(r_jur_transitions)
{
	CHECK_INT(jury_transition_allowed(JURY_PLANNED, JURY_PLANNED), 1);
	CHECK_INT(jury_transition_allowed(JURY_PLANNED, JURY_SITTING), 1);
	CHECK_INT(jury_transition_allowed(JURY_SITTING, JURY_SIGNED), 1);
	CHECK_INT(jury_transition_allowed(JURY_PLANNED, JURY_SIGNED), 0);
	CHECK_INT(jury_transition_allowed(JURY_SITTING, JURY_PLANNED), 0);
	CHECK_INT(jury_transition_allowed(JURY_SIGNED, JURY_SITTING), 0);
	CHECK_INT(jury_transition_allowed(JURY_SIGNED, JURY_PLANNED), 0);
	CHECK_INT(jury_transition_allowed(JURY_SIGNED, JURY_SIGNED), 0);
}

/* R-JUR-2, R-JUR-1: a planned date leaves the 15 days of the requests. */
TEST(r_jur_2_plan)
{
	struct jury_session s;
	struct rule_error err;

	CHECK_INT(jury_plan(&s, 7, "2025-06-16", "2025-06-01", &err), 0);
	CHECK_INT(s.state, JURY_PLANNED);
	CHECK_INT(s.centre_id, 7);
	CHECK_STR(s.date, "2025-06-16");
	CHECK_STR(s.signed_on, "");
	CHECK_INT(s.conformity_checked, 0);
	CHECK_INT(jury_plan(&s, 7, "2025-06-16", "2025-06-02", &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_STR(err.field, "date");
	CHECK_CONTAINS(err.message, "17/06/2025");
	CHECK(sentence(err.message));
	/* across 29 February */
	CHECK_INT(jury_plan(&s, 7, "2024-03-01", "2024-02-15", &err), 0);
	CHECK_INT(jury_plan(&s, 7, "2024-03-01", "2024-02-16", &err), -1);
	CHECK_INT(jury_plan(&s, 7, "2024-02-29", "2024-02-14", &err), 0);
	CHECK_INT(jury_plan(&s, 7, "2025-02-29", "2025-01-01", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(jury_plan(&s, 0, "2025-06-16", "2025-05-01", &err), -1);
	CHECK_STR(err.field, "centre");
	CHECK_INT(jury_plan(&s, 7, "2025-06-16", "", &err), -1);
	CHECK_STR(err.field, "today");
}

/* R-JUR-9, R-JUR-1, R-JUR-8: moving a jury. */
TEST(r_jur_9_move)
{
	struct jury_session s = planned();
	struct jury_move_effects fx;
	struct rule_error err;
	struct union_request req[2] = { { "CGT", "2025-05-20" }, { "CFDT", "2025-06-01" } };

	/* later: requests stay valid, convocations go again */
	CHECK_INT(jury_move(&s, "2025-07-01", "2025-06-05", req, 2, &fx, &err), 0);
	CHECK_STR(s.date, "2025-07-01");
	CHECK_INT(s.state, JURY_PLANNED);
	CHECK_INT(fx.inform_cprefp, 1);
	CHECK_INT(fx.reconvene, 1);
	CHECK_INT(fx.requests_to_resend, 0);
	CHECK_STR(fx.last_notice_day, "2025-06-16");
	/* earlier: the request of 1 June is now 14 days before 15 June */
	s = planned();
	CHECK_INT(jury_move(&s, "2025-06-15", "2025-05-31", req, 2, &fx, &err), 0);
	CHECK_INT(fx.requests_to_resend, 1);
	CHECK_STR(fx.last_notice_day, "2025-05-31");
	/* the new date must leave 15 days for the new convocations */
	s = planned();
	CHECK_INT(jury_move(&s, "2025-06-19", "2025-06-05", req, 2, &fx, &err), -1);
	CHECK_STR(err.rule, "R-JUR-9");
	CHECK_CONTAINS(err.message, "20/06/2025");
	CHECK(sentence(err.message));
	CHECK_STR(s.date, JURY_DAY);   /* unchanged */
	CHECK_INT(jury_move(&s, "2025-06-20", "2025-06-05", req, 2, &fx, &err), 0);
	/* 2024: from 14 February, 29 February is exactly 15 days ahead */
	CHECK_INT(jury_plan(&s, 7, "2024-04-01", "2024-01-01", &err), 0);
	CHECK_INT(jury_move(&s, "2024-02-29", "2024-02-14", NULL, 0, &fx, &err), 0);
	CHECK_INT(jury_move(&s, "2024-02-28", "2024-02-14", NULL, 0, &fx, &err), -1);
	/* the same date, a malformed one */
	CHECK_INT(jury_move(&s, "2024-02-29", "2024-02-01", NULL, 0, &fx, &err), -1);
	CHECK_STR(err.field, "date");
	CHECK_INT(jury_move(&s, "2024-02-30", "2024-02-01", NULL, 0, &fx, &err), -1);
	CHECK_STR(err.rule, "");
	/* a jury that sat does not move */
	{
		struct jury_member m[NM];
		fixture(m);
		s = sitting(m);
		CHECK_INT(jury_move(&s, "2025-09-01", "2025-06-16", NULL, 0, &fx, &err), -1);
		CHECK_STR(err.field, "state");
		CHECK_CONTAINS(err.message, "En séance");
		CHECK(sentence(err.message));
	}
}

/* R-JUR-2, R-INS-2: only candidates of the centre whose evaluations are
** complete. */
TEST(r_jur_2_candidates)
{
	struct jury_session s = planned();
	const int64_t certs[] = { 11, 12 };
	struct jury_candidate ok = { 7, 12, "2025-01-10", 1, 0, 1, 1, 0, 0 }, c;
	struct rule_error err;

	CHECK_INT(jury_candidate_check(&s, certs, 2, &ok, &err), 0);
	c = ok;
	c.centre_id = 8;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-JUR-2");
	CHECK_STR(err.field, "centre");
	CHECK(sentence(err.message));
	c = ok;
	c.certification_id = 13;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-JUR-2");
	CHECK_STR(err.field, "certification");
	c = ok;
	c.registration_active = 0;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.field, "registration");
	c = ok;
	c.registered_on = JURY_DAY;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-INS-2");
	c.registered_on = "2025-06-15";
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), 0);
	c = ok;
	c.not_evaluated = 1;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-JUR-2");
	CHECK_STR(err.field, "evaluations");
	CHECK_CONTAINS(err.message, "1 compétence n'a pas");
	CHECK(sentence(err.message));
	c.not_evaluated = 3;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_CONTAINS(err.message, "3 compétences n'ont pas");
	c = ok;
	c.opinion_given = 0;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-EVA-3");
	c.opinion_required = 0;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), 0);
	c = ok;
	c.opinion_required = 0;
	c.opinion_given = 0;
	c.vae = 1;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), -1);
	CHECK_STR(err.rule, "R-VAE-3");
	c.vae_conclusions = 1;
	CHECK_INT(jury_candidate_check(&s, certs, 2, &c, &err), 0);
	/* the list is closed once the sitting opens */
	{
		struct jury_member m[NM];
		fixture(m);
		s = sitting(m);
		CHECK_INT(jury_candidate_check(&s, certs, 2, &ok, &err), -1);
		CHECK_STR(err.field, "state");
	}
}

/* R-JUR-5, R-JUR-7, R-JUR-9, R-JUR-1: opening the sitting. */
TEST(r_jur_open)
{
	struct jury_member m[NM];
	struct jury_session s;
	struct rule_error err;
	struct union_request req[NREQ];

	fixture(m);
	s = planned();
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, "2025-06-15", &err), -1);
	CHECK_STR(err.field, "date");
	CHECK(sentence(err.message));
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 0, JURY_DAY, &err), -1);
	CHECK_STR(err.field, "candidates");
	CHECK_INT(s.state, JURY_PLANNED);
	/* a union not asked in time: R-JUR-1 */
	memcpy(req, REQ, sizeof REQ);
	req[1].sent_on = "2025-06-10";
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, req, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-1");
	CHECK_CONTAINS(err.message, "CFE-CGC");
	/* a member present but never convened: R-JUR-9 */
	m[6].convened_on = "";
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-9");
	CHECK_CONTAINS(err.message, "Gaëlle Simon");
	CHECK(sentence(err.message));
	/* absent, he does not matter (then parity fails: 4 against 3) */
	m[6].present = 0;
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-5");
	CHECK_CONTAINS(err.message, "ne peut pas délibérer");
	/* convened 14 days before */
	fixture(m);
	m[1].convened_on = "2025-06-02";
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-9");
	CHECK_CONTAINS(err.message, "Bruno Leroy");
	/* the invited need no convocation */
	fixture(m);
	CHECK(m[9].convened_on == NULL);
	/* the president absent */
	m[0].present = 0;
	m[1].present = 1;
	m[7].present = 0;   /* keep 3 + 3 */
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_CONTAINS(err.message, "Anne Martin");
	/* a composition error is refused with its rule */
	fixture(m);
	m[9].votes = 1;
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-6");
	/* all well: sitting; on a later day too (from the paper minutes) */
	fixture(m);
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, "2025-06-17", &err), 0);
	CHECK_INT(s.state, JURY_SITTING);
	CHECK_STR(s.opened_on, "2025-06-17");
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.field, "state");
}

/* R-JUR-11 (1): conformity is checked before any decision. */
TEST(r_jur_11_conformity)
{
	struct jury_member m[NM];
	struct jury_session s = planned();
	struct jury_decision d;
	struct jury_ballot_sheet b = sheet("A", 8, 0, 0, BALLOT_FOR);
	struct rule_error err;

	CHECK_INT(jury_record_conformity(&s, &err), -1);
	CHECK_STR(err.field, "state");
	fixture(m);
	CHECK_INT(jury_open(&s, m, NM, UNIONS, NUNIONS, REQ, NREQ, 1, JURY_DAY, &err), 0);
	memset(&d, 0, sizeof d);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_STR(err.field, "conformity");
	CHECK(sentence(err.message));
	CHECK_INT(d.state, DECISION_NONE);
	CHECK_INT(jury_sign(&s, m, NM, &d, 1, JURY_DAY, &err), -1);
	CHECK_STR(err.field, "conformity");
	CHECK_INT(jury_record_conformity(&s, &err), 0);
	CHECK_INT(s.conformity_checked, 1);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), 0);
}

/* R-JUR-11, R-JUR-7: the majority decides, the president breaks a tie. */
TEST(r_jur_7_votes)
{
	struct jury_votes v;
	enum jury_verdict out;
	struct rule_error err;
	int casting;

	v = (struct jury_votes){ 5, 3, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), 0);
	CHECK_INT(out, VERDICT_ADMITTED);
	CHECK_INT(casting, 0);
	v = (struct jury_votes){ 2, 3, 3 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), 0);
	CHECK_INT(out, VERDICT_NOT_ADMITTED);
	/* abstentions aside: 1 for, 0 against, 7 abstentions admits */
	v = (struct jury_votes){ 1, 0, 7 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_ABSTAIN, 8, &out, &casting, &err), 0);
	CHECK_INT(out, VERDICT_ADMITTED);
	/* a tie: the president's vote decides */
	v = (struct jury_votes){ 4, 4, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), 0);
	CHECK_INT(out, VERDICT_ADMITTED);
	CHECK_INT(casting, 1);
	CHECK_INT(jury_votes_verdict(&v, BALLOT_AGAINST, 8, &out, &casting, &err), 0);
	CHECK_INT(out, VERDICT_NOT_ADMITTED);
	CHECK_INT(casting, 1);
	v = (struct jury_votes){ 3, 3, 2 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_ABSTAIN, 8, &out, &casting, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_STR(err.field, "president_vote");
	CHECK_CONTAINS(err.message, "partagées");
	CHECK(sentence(err.message));
	v = (struct jury_votes){ 0, 0, 8 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_ABSTAIN, 8, &out, &casting, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	/* the president's ballot must be in the count */
	v = (struct jury_votes){ 0, 8, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	CHECK_INT(jury_votes_verdict(&v, BALLOT_ABSTAIN, 8, &out, &casting, &err), -1);
	v = (struct jury_votes){ 8, 0, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_AGAINST, 8, &out, &casting, &err), -1);
	/* every voter present votes once */
	v = (struct jury_votes){ 4, 3, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_STR(err.field, "votes");
	CHECK_CONTAINS(err.message, "8 membres votants");
	CHECK(sentence(err.message));
	v = (struct jury_votes){ 5, 4, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_FOR, 8, &out, &casting, &err), -1);
	v = (struct jury_votes){ -1, 9, 0 };
	CHECK_INT(jury_votes_verdict(&v, BALLOT_AGAINST, 8, &out, &casting, &err), -1);
	CHECK_STR(err.rule, "");
	v = (struct jury_votes){ 4, 4, 0 };
	CHECK_INT(jury_votes_verdict(&v, (enum jury_ballot)7, 8, &out, &casting, &err), -1);
	CHECK_STR(err.field, "president_vote");
}

/* R-JUR-11: A or NA, matching the votes, while paritaire. */
TEST(r_jur_11_decide)
{
	struct jury_member m[NM];
	struct jury_session s;
	struct jury_decision d, before;
	struct jury_ballot_sheet b;
	struct rule_error err;

	fixture(m);
	s = sitting(m);
	memset(&d, 0, sizeof d);
	b = sheet("A", 6, 2, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), 0);
	CHECK_INT(d.state, DECISION_PROVISIONAL);
	CHECK_INT(d.verdict, VERDICT_ADMITTED);
	CHECK_INT(d.votes.for_admission, 6);
	CHECK_INT(d.votes.against, 2);
	CHECK_INT(d.casting, 0);
	CHECK_INT(d.revision, 0);
	CHECK_STR(d.decided_on, JURY_DAY);
	/* during the sitting, the jury may decide again */
	b = sheet("NA", 4, 4, 0, BALLOT_AGAINST);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), 0);
	CHECK_INT(d.verdict, VERDICT_NOT_ADMITTED);
	CHECK_INT(d.casting, 1);
	before = d;
	/* no other value than A or NA */
	b = sheet("Admis", 8, 0, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_STR(err.field, "verdict");
	CHECK_CONTAINS(err.message, "aucune autre valeur");
	CHECK(sentence(err.message));
	b = sheet(NULL, 8, 0, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	/* the verdict must be the one the votes give */
	b = sheet("NA", 5, 3, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_CONTAINS(err.message, "donnent « A »");
	CHECK(sentence(err.message));
	b = sheet("NA", 4, 4, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_CONTAINS(err.message, "prépondérante");
	/* the counts are those of the voting members present */
	b = sheet("A", 9, 0, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.field, "votes");
	/* a member leaves: no longer paritaire, no decision */
	m[7].present = 0;
	b = sheet("A", 7, 0, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.rule, "R-JUR-5");
	m[7].present = 1;
	/* not before the jury's day */
	b = sheet("A", 8, 0, 0, BALLOT_FOR);
	CHECK_INT(jury_decide(&s, m, NM, &b, "2025-06-15", &d, &err), -1);
	CHECK_STR(err.field, "date");
	CHECK_INT(jury_decide(&s, m, NM, &b, "2025-06-31", &d, &err), -1);
	CHECK_STR(err.rule, "");
	/* every refusal left the decision as it was */
	CHECK_INT(d.verdict, before.verdict);
	CHECK_INT(d.votes.for_admission, before.votes.for_admission);
	CHECK_INT(d.state, DECISION_PROVISIONAL);
	/* not on a planned jury */
	s = planned();
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), -1);
	CHECK_STR(err.field, "state");
}

/* R-JUR-11: the president signs; decisions become final. */
TEST(r_jur_11_sign)
{
	struct jury_member m[NM];
	struct jury_session s;
	struct jury_decision d[3];
	struct jury_ballot_sheet b = sheet("A", 8, 0, 0, BALLOT_FOR);
	struct rule_error err;

	fixture(m);
	s = sitting(m);
	memset(d, 0, sizeof d);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d[0], &err), 0);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d[1], &err), 0);
	CHECK_INT(jury_sign(&s, m, NM, d, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_STR(err.field, "decisions");
	CHECK_CONTAINS(err.message, "1 candidat reste sans décision");
	CHECK(sentence(err.message));
	CHECK_INT(d[0].state, DECISION_PROVISIONAL);
	CHECK_INT(s.state, JURY_SITTING);
	b = sheet("NA", 0, 8, 0, BALLOT_AGAINST);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d[2], &err), 0);
	CHECK_INT(jury_sign(&s, m, NM, d, 0, JURY_DAY, &err), -1);
	CHECK_INT(jury_sign(&s, m, NM, d, 3, "2025-06-15", &err), -1);
	CHECK_STR(err.field, "signed_on");
	m[0].present = 0;
	CHECK_INT(jury_sign(&s, m, NM, d, 3, JURY_DAY, &err), -1);
	CHECK_STR(err.field, "president");
	m[0].present = 1;
	CHECK_INT(jury_sign(&s, m, NM, d, 3, "2025-06-18", &err), 0);
	CHECK_INT(s.state, JURY_SIGNED);
	CHECK_STR(s.signed_on, "2025-06-18");
	for (int i = 0; i < 3; i++)
		CHECK_INT(d[i].state, DECISION_FINAL);
	/* final: no decision through jury_decide any more */
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d[0], &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_CONTAINS(err.message, "rectification");
	CHECK_INT(d[0].verdict, VERDICT_ADMITTED);
	CHECK_INT(jury_sign(&s, m, NM, d, 3, "2025-06-18", &err), -1);
	CHECK_STR(err.field, "state");
}

/* R-JUR-11: a correction is a new decision that keeps the old one. */
TEST(r_jur_11_correct)
{
	struct jury_member m[NM];
	struct jury_session s;
	struct jury_decision d, c1, c2;
	struct jury_ballot_sheet b = sheet("NA", 3, 5, 0, BALLOT_AGAINST);
	struct rule_error err;

	fixture(m);
	s = sitting(m);
	memset(&d, 0, sizeof d);
	CHECK_INT(jury_decide(&s, m, NM, &b, JURY_DAY, &d, &err), 0);
	/* not before the signature */
	b = sheet("A", 5, 3, 0, BALLOT_FOR);
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, "Erreur de report", "2025-06-20", &c1, &err), -1);
	CHECK_STR(err.field, "state");
	CHECK_INT(jury_sign(&s, m, NM, &d, 1, JURY_DAY, &err), 0);
	/* a motive */
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, "", "2025-06-20", &c1, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK_STR(err.field, "motive");
	CHECK(sentence(err.message));
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, NULL, "2025-06-20", &c1, &err), -1);
	/* not before the signature's day */
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, "Erreur de report", "2025-06-15", &c1, &err), -1);
	CHECK_STR(err.field, "date");
	/* something must change */
	{
		struct jury_ballot_sheet same = sheet("NA", 3, 5, 0, BALLOT_AGAINST);
		CHECK_INT(jury_correct(&s, m, NM, &d, &same, "Erreur", "2025-06-20", &c1, &err), -1);
		CHECK_CONTAINS(err.message, "rien à rectifier");
	}
	/* the votes still decide */
	{
		struct jury_ballot_sheet bad = sheet("A", 3, 5, 0, BALLOT_AGAINST);
		CHECK_INT(jury_correct(&s, m, NM, &d, &bad, "Erreur", "2025-06-20", &c1, &err), -1);
		CHECK_STR(err.field, "verdict");
	}
	CHECK_INT(d.state, DECISION_FINAL);   /* untouched by the refusals */
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, "Erreur de report des voix au procès-verbal\n"
		"constatée à la relecture.", "2025-06-20", &c1, &err), 0);
	CHECK_INT(d.state, DECISION_SUPERSEDED);
	CHECK_STR(d.superseded_on, "2025-06-20");
	CHECK_INT(d.verdict, VERDICT_NOT_ADMITTED);   /* the old one is kept */
	CHECK_INT(c1.state, DECISION_FINAL);
	CHECK_INT(c1.verdict, VERDICT_ADMITTED);
	CHECK_INT(c1.revision, 1);
	CHECK_STR(c1.decided_on, "2025-06-20");
	CHECK_STR(c1.motive, "Erreur de report des voix au procès-verbal\nconstatée à la relecture.");
	/* a superseded decision is not corrected again; the new one is */
	CHECK_INT(jury_correct(&s, m, NM, &d, &b, "Encore", "2025-06-21", &c2, &err), -1);
	CHECK_STR(err.field, "decision");
	b = sheet("NA", 4, 4, 0, BALLOT_AGAINST);
	CHECK_INT(jury_correct(&s, m, NM, &c1, &b, "Voix du président mal reportée",
		"2025-06-21", &c2, &err), 0);
	CHECK_INT(c2.revision, 2);
	CHECK_INT(c2.casting, 1);
	CHECK_INT(c1.state, DECISION_SUPERSEDED);
}

/* R-JUR-10: jury members see names only once the minutes are signed. */
TEST(r_jur_10_identity)
{
	CHECK_INT(jury_identity_visible(ROLE_JURY, JURY_PLANNED), 0);
	CHECK_INT(jury_identity_visible(ROLE_JURY, JURY_SITTING), 0);
	CHECK_INT(jury_identity_visible(ROLE_JURY, JURY_SIGNED), 1);
	CHECK_INT(jury_identity_visible(ROLE_CENTRE, JURY_SITTING), 1);
	CHECK_INT(jury_identity_visible(ROLE_ADMIN, JURY_PLANNED), 1);
	CHECK_INT(jury_identity_visible(ROLE_PUBLIC, JURY_SIGNED), 0);
	CHECK_INT(jury_identity_visible((enum role)99, JURY_SIGNED), 0);
}

/* R-JUR-10: anonymous numbers are a permutation, stable per seed. */
TEST(r_jur_10_anonymous_codes)
{
	size_t p[50], q[50], r[50];
	int seen[51], same = 1, ordered = 1;
	char code[JURY_ANON_LEN];

	CHECK_INT(jury_anon_numbers(42, 50, p), 0);
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < 50; i++) {
		CHECK(p[i] >= 1 && p[i] <= 50);
		if (p[i] >= 1 && p[i] <= 50)
			seen[p[i]]++;
		ordered &= p[i] == (size_t)i + 1;
	}
	for (int k = 1; k <= 50; k++)
		CHECK_INT(seen[k], 1);
	CHECK(!ordered);
	CHECK_INT(jury_anon_numbers(42, 50, q), 0);
	CHECK(memcmp(p, q, sizeof p) == 0);
	CHECK_INT(jury_anon_numbers(43, 50, r), 0);
	for (int i = 0; i < 50; i++)
		same &= p[i] == r[i];
	CHECK(!same);
	CHECK_INT(jury_anon_numbers(42, 1, q), 0);
	CHECK_INT(q[0], 1);
	CHECK_INT(jury_anon_numbers(42, 0, q), -1);
	jury_anon_code(7, code);
	CHECK_STR(code, "C-007");
	jury_anon_code(1234, code);
	CHECK_STR(code, "C-1234");
}

/* R-JUR-4, R-JUR-7, R-JUR-6, R-JUR-3 while the jury is composed member by
** member: what a later addition mends is not refused yet, what adding
** breaks is. */
TEST(composition_partial_R_JUR_4_R_JUR_7)
{
	struct jury_member m[NM];
	struct rule_error err;

	fixture(m);
	/* no president yet, a union with no voter yet: the whole check refuses */
	m[0].president = 0;
	m[4].votes = 0;
	CHECK_INT(jury_composition_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), 0);
	/* R-JUR-4: a second voter of the CFDT is refused at once */
	m[4].votes = 1;
	m[5].votes = 1;
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
	CHECK(sentence(err.message));
	m[5].votes = 0;
	/* R-JUR-7: two presidents, or a union president */
	m[0].president = 1;
	m[1].president = 1;
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	m[1].president = 0;
	m[0].president = 0;
	m[6].president = 1;
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-7");
	m[6].president = 0;
	/* R-JUR-6: an invited who votes */
	m[9].votes = 1;
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-6");
	m[9].votes = 0;
	/* R-JUR-4: a union that is not representative */
	m[8].union_code = "SUD";
	CHECK_INT(jury_composition_partial_check(m, NM, UNIONS, NUNIONS, &err), -1);
	CHECK_STR(err.rule, "R-JUR-4");
}
