/*
** Unit tests of the habilitation of training bodies (habilitation.h):
** the 6 criteria × 2 indicators of R-HAB-1, the decisions and their life
** cycle, and R-HAB-2 (only a body habilitated by that centre, on that
** date, registers candidates).
*/
#include "t.h"
#include "core/habilitation.h"

/* 1 if m is one complete sentence: a capital (or a non-ASCII letter)
** first, a full stop last. */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

/* An assessment of date with every indicator set to f. */
static struct hab_assessment assessment(const char *date, enum hab_finding f)
{
	struct hab_assessment a;
	memset(&a, 0, sizeof a);
	snprintf(a.date, sizeof a.date, "%s", date);
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			a.findings[c][i] = f;
	return a;
}

/* A pending record of body 7 with centre 3. */
static struct habilitation pending(void)
{
	struct habilitation h;
	memset(&h, 0, sizeof h);
	h.centre_id = 3;
	h.body_id = 7;
	h.status = HAB_PENDING;
	return h;
}

/* R-HAB-1: the table is the dispositif's, word for word. */
TEST(r_hab_1_criteria_table)
{
	CHECK_INT(HAB_CRITERIA, 6);
	CHECK_INT(HAB_INDICATORS, 2);
	CHECK_STR(hab_criterion(0)->title, "L'identification de la certification");
	CHECK_STR(hab_criterion(1)->title, "La mise en œuvre du dispositif de certification");
	CHECK_STR(hab_criterion(2)->title, "L'inscription à la certification");
	CHECK_STR(hab_criterion(3)->title, "Le choix des modalités d'évaluation");
	CHECK_STR(hab_criterion(4)->title, "L'évaluation");
	CHECK_STR(hab_criterion(5)->title, "La pertinence de l'action et le suivi qualité");
	CHECK_STR(hab_criterion(0)->indicators[0],
		"Capacité du prestataire à sélectionner la ou les certification(s) visée(s) en cohérence avec les compétences à développer et avec les besoins réels de l'entreprise.");
	CHECK_STR(hab_criterion(3)->indicators[1],
		"Capacité du prestataire à respecter les situations professionnelles imposées.");
	CHECK_STR(hab_criterion(5)->indicators[1],
		"Capacité du prestataire à mettre en œuvre des mesures de suivi de promotion des candidats titulaires d'une ou plusieurs certifications.");
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++) {
			CHECK(!strncmp(hab_criterion(c)->indicators[i], "Capacité du prestataire à ",
				strlen("Capacité du prestataire à ")));
			CHECK(sentence(hab_criterion(c)->indicators[i]));
		}
	CHECK(hab_criterion(6) == NULL);
	CHECK(hab_criterion(-1) == NULL);
}

TEST(r_hab_1_codes)
{
	CHECK_STR(hab_finding_code(HAB_MET), "met");
	CHECK_STR(hab_finding_label(HAB_NOT_MET), "Non satisfait");
	CHECK_INT(hab_finding_from_code("not_assessed"), HAB_NOT_ASSESSED);
	CHECK_INT(hab_finding_from_code("oui"), -1);
	CHECK_STR(hab_status_code(HAB_WITHDRAWN), "withdrawn");
	CHECK_STR(hab_status_label(HAB_GRANTED), "Habilité");
	CHECK_INT(hab_status_from_code("refused"), HAB_REFUSED);
	CHECK(hab_status_label(HAB_STATUS__MAX) == NULL);
}

/* R-HAB-1: a zeroed assessment has nothing assessed; counts. */
TEST(r_hab_1_assessment)
{
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK_INT(hab_count(&a, HAB_MET), 12);
	a.findings[2][1] = HAB_NOT_MET;
	a.findings[4][0] = HAB_NOT_ASSESSED;
	CHECK_INT(hab_count(&a, HAB_MET), 10);
	CHECK_INT(hab_count(&a, HAB_NOT_MET), 1);
	CHECK_INT(hab_count(&a, HAB_NOT_ASSESSED), 1);
	CHECK_INT(hab_assessment_check(&a, &err), 0);
	a.findings[5][1] = (enum hab_finding)9;
	CHECK_INT(hab_assessment_check(&a, &err), -1);
	CHECK_STR(err.field, "findings[5][1]");
	CHECK_STR(err.rule, "");
	a = assessment("2024-02-30", HAB_MET);
	CHECK_INT(hab_assessment_check(&a, &err), -1);
	CHECK_STR(err.field, "date");
}

/* R-HAB-1: granted when all 12 indicators are assessed and met. */
TEST(r_hab_1_grant_all_met)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	a.site_visit = 1;
	CHECK_INT(hab_grant(&h, &a, "2024-01-10", &err), 0);   /* same day */
	CHECK_INT(h.status, HAB_GRANTED);
	CHECK_STR(h.granted_on, "2024-01-10");
	/* granting twice is not an arrow of the life cycle */
	CHECK_INT(hab_grant(&h, &a, "2024-01-11", &err), -1);
	CHECK_STR(err.rule, "R-HAB-1");
	CHECK_CONTAINS(err.message, "Habilité");
	CHECK(sentence(err.message));
}

/* R-HAB-1: one indicator not assessed, or not met, refuses the grant. */
TEST(r_hab_1_grant_refused_when_incomplete_or_not_met)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	a.findings[5][1] = HAB_NOT_ASSESSED;
	CHECK_INT(hab_grant(&h, &a, "2024-01-12", &err), -1);
	CHECK_STR(err.rule, "R-HAB-1");
	CHECK_STR(err.field, "findings");
	CHECK_CONTAINS(err.message, "1 indicateur sur 12 n'est pas encore évalué");
	CHECK(sentence(err.message));
	CHECK_INT(h.status, HAB_PENDING);
	CHECK_STR(h.granted_on, "");

	a.findings[0][0] = HAB_NOT_ASSESSED;
	CHECK_INT(hab_grant(&h, &a, "2024-01-12", &err), -1);
	CHECK_CONTAINS(err.message, "2 indicateurs sur 12 ne sont pas encore évalués");

	a = assessment("2024-01-10", HAB_MET);
	a.findings[3][0] = HAB_NOT_MET;
	CHECK_INT(hab_grant(&h, &a, "2024-01-12", &err), -1);
	CHECK_CONTAINS(err.message, "n'est pas satisfait");
	CHECK_INT(h.status, HAB_PENDING);

	/* nothing assessed at all (zeroed struct) */
	memset(&a, 0, sizeof a);
	snprintf(a.date, sizeof a.date, "2024-01-10");
	CHECK_INT(hab_grant(&h, &a, "2024-01-12", &err), -1);
	CHECK_CONTAINS(err.message, "12 indicateurs sur 12");
}

/* R-HAB-1: a decision cannot precede its instruction (day before). */
TEST(r_hab_1_decision_not_before_assessment)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK_INT(hab_grant(&h, &a, "2024-01-09", &err), -1);
	CHECK_STR(err.field, "decision_date");
	CHECK_CONTAINS(err.message, "09/01/2024");
	CHECK_CONTAINS(err.message, "10/01/2024");
	CHECK_INT(hab_grant(&h, &a, "2024-13-01", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(h.status, HAB_PENDING);
}

/* R-HAB-1: a refusal rests on an indicator not met, with a motive. */
TEST(r_hab_1_refuse)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK_INT(hab_refuse(&h, &a, "2024-01-12", "Motif", &err), -1);
	CHECK_CONTAINS(err.message, "au moins un indicateur");
	a.findings[4][1] = HAB_NOT_MET;
	CHECK_INT(hab_refuse(&h, &a, "2024-01-12", "", &err), -1);
	CHECK_STR(err.field, "motive");
	CHECK_INT(hab_refuse(&h, &a, "2024-01-12", NULL, &err), -1);
	CHECK_INT(h.status, HAB_PENDING);
	/* one indicator not met suffices, the others may be unassessed */
	a.findings[0][0] = HAB_NOT_ASSESSED;
	CHECK_INT(hab_refuse(&h, &a, "2024-01-12",
		"Les résultats ne sont pas fournis dans les délais imposés.", &err), 0);
	CHECK_INT(h.status, HAB_REFUSED);
	CHECK_STR(h.refused_on, "2024-01-12");
	CHECK_CONTAINS(h.motive, "délais imposés");
	/* refused is final for the record */
	a = assessment("2024-02-01", HAB_MET);
	CHECK_INT(hab_grant(&h, &a, "2024-02-01", &err), -1);
	CHECK_STR(err.rule, "R-HAB-1");
	CHECK_INT(hab_withdraw(&h, "2024-02-01", "Motif", &err), -1);
	CHECK_CONTAINS(err.message, "Seule une habilitation accordée peut être retirée");
}

/* Withdrawal only of a granted habilitation, not before its grant. */
TEST(r_hab_1_withdraw)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK_INT(hab_withdraw(&h, "2024-03-01", "Motif", &err), -1);  /* pending */
	CHECK_STR(err.rule, "R-HAB-1");
	CHECK(sentence(err.message));
	CHECK_INT(hab_grant(&h, &a, "2024-01-15", &err), 0);
	CHECK_INT(hab_withdraw(&h, "2024-01-14", "Motif", &err), -1);  /* day before */
	CHECK_CONTAINS(err.message, "ne peut pas précéder");
	CHECK_INT(hab_withdraw(&h, "2024-03-01", "", &err), -1);
	CHECK_STR(err.field, "motive");
	CHECK_INT(hab_withdraw(&h, "2024-03-01", "Pas de démarche qualité.", &err), 0);
	CHECK_INT(h.status, HAB_WITHDRAWN);
	CHECK_STR(h.withdrawn_on, "2024-03-01");
	CHECK_STR(h.granted_on, "2024-01-15");
	CHECK_INT(hab_withdraw(&h, "2024-03-02", "Motif", &err), -1);  /* twice */
}

TEST(r_hab_1_transitions)
{
	CHECK(hab_transition_allowed(HAB_PENDING, HAB_GRANTED));
	CHECK(hab_transition_allowed(HAB_PENDING, HAB_REFUSED));
	CHECK(hab_transition_allowed(HAB_GRANTED, HAB_WITHDRAWN));
	CHECK(!hab_transition_allowed(HAB_PENDING, HAB_WITHDRAWN));
	CHECK(!hab_transition_allowed(HAB_GRANTED, HAB_REFUSED));
	CHECK(!hab_transition_allowed(HAB_GRANTED, HAB_GRANTED));
	CHECK(!hab_transition_allowed(HAB_REFUSED, HAB_GRANTED));
	CHECK(!hab_transition_allowed(HAB_REFUSED, HAB_PENDING));
	CHECK(!hab_transition_allowed(HAB_WITHDRAWN, HAB_GRANTED));
	CHECK(!hab_transition_allowed(HAB_WITHDRAWN, HAB_PENDING));
}

/* A long motive is kept cut on a character boundary. */
TEST(r_hab_1_long_motive)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	char motive[600];
	struct rule_error err;

	a.findings[0][0] = HAB_NOT_MET;
	for (size_t i = 0; i + 2 < sizeof motive; i += 2)
		memcpy(motive + i, "é", 2);
	motive[sizeof motive - 2] = '\0';
	CHECK_INT(hab_refuse(&h, &a, "2024-01-10", motive, &err), 0);
	CHECK(strlen(h.motive) < sizeof h.motive);
	CHECK_INT(strlen(h.motive) % 2, 0);
}

/* R-HAB-2: habilitated by that centre, on that date (edges to the day). */
TEST(r_hab_2_allows)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK(!habilitation_allows(NULL, 3, "2024-02-01"));
	CHECK(!habilitation_allows(&h, 3, "2024-02-01"));              /* pending */
	CHECK_INT(hab_grant(&h, &a, "2024-01-15", &err), 0);
	CHECK(!habilitation_allows(&h, 3, "2024-01-14"));              /* day before */
	CHECK(habilitation_allows(&h, 3, "2024-01-15"));               /* grant day */
	CHECK(habilitation_allows(&h, 3, "2030-12-31"));               /* no end */
	CHECK(!habilitation_allows(&h, 4, "2024-02-01"));              /* other centre */
	CHECK(!habilitation_allows(&h, 3, "2024-02-30"));
	CHECK_INT(hab_withdraw(&h, "2024-06-01", "Motif.", &err), 0);
	CHECK(habilitation_allows(&h, 3, "2024-05-31"));               /* day before */
	CHECK(!habilitation_allows(&h, 3, "2024-06-01"));              /* withdrawal day */
	CHECK(!habilitation_allows(&h, 3, "2024-06-02"));
	CHECK(!habilitation_allows(&h, 3, "2024-01-14"));
}

/* R-HAB-2: the refusal says why. */
TEST(r_hab_2_check_messages)
{
	struct habilitation h = pending();
	struct hab_assessment a = assessment("2024-01-10", HAB_MET);
	struct rule_error err;

	CHECK_INT(habilitation_check(NULL, 3, "2024-02-01", &err), -1);
	CHECK_STR(err.rule, "R-HAB-2");
	CHECK_STR(err.field, "training_body");
	CHECK_CONTAINS(err.message, "n'est pas habilité par ce centre");
	CHECK(sentence(err.message));
	CHECK_INT(habilitation_check(&h, 3, "2024-02-01", &err), -1);
	CHECK_CONTAINS(err.message, "en cours d'instruction");
	CHECK_INT(hab_grant(&h, &a, "2024-01-15", &err), 0);
	CHECK_INT(habilitation_check(&h, 3, "2024-01-15", &err), 0);
	CHECK_INT(habilitation_check(&h, 4, "2024-01-15", &err), -1);
	CHECK_CONTAINS(err.message, "n'est pas habilité par ce centre");
	CHECK_INT(habilitation_check(&h, 3, "2024-01-14", &err), -1);
	CHECK_CONTAINS(err.message, "qu'à partir du 15/01/2024");
	CHECK(sentence(err.message));
	CHECK_INT(hab_withdraw(&h, "2024-06-01", "Motif.", &err), 0);
	CHECK_INT(habilitation_check(&h, 3, "2024-06-01", &err), -1);
	CHECK_CONTAINS(err.message, "retirée le 01/06/2024");
	CHECK(sentence(err.message));
	CHECK_INT(habilitation_check(&h, 3, "2024-05-31", &err), 0);
	CHECK_INT(habilitation_check(&h, 3, "31/05/2024", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(habilitation_check(&h, 3, "2024-06-01", NULL), -1);  /* err optional */

	h = pending();
	a.findings[0][0] = HAB_NOT_MET;
	CHECK_INT(hab_refuse(&h, &a, "2024-01-15", "Motif.", &err), 0);
	CHECK_INT(habilitation_check(&h, 3, "2024-02-01", &err), -1);
	CHECK_CONTAINS(err.message, "a été refusée");
}
