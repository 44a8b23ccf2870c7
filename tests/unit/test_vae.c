/*
** Unit tests of the VAE rules (vae.h): R-VAE-1 (who may take it, the
** admissibility file), R-VAE-2 (order of the phases), R-VAE-3 (the
** validation commission and its conclusions).
*/
#include "t.h"
#include "core/vae.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

/* An admissible file received on 2024-03-01, decided on 2024-04-01. */
static struct admissibility admissible(void)
{
	struct admissibility a;
	adm_receive(&a, "2024-03-01", NULL);
	adm_decide(&a, ADM_ADMISSIBLE, "2024-04-01", NULL, NULL);
	return a;
}

TEST(r_vae_codes)
{
	CHECK_STR(vae_kind_code(VAE_BRANCH_COLLECTIVE), "branch_collective");
	CHECK_STR(vae_kind_label(VAE_BRANCH), "VAE de branche");
	CHECK_INT(vae_kind_from_code("standard"), VAE_STANDARD);
	CHECK_INT(vae_kind_from_code("x"), -1);
	CHECK_STR(adm_state_code(ADM_NOT_ADMISSIBLE), "not_admissible");
	CHECK_STR(adm_state_label(ADM_ADMISSIBLE), "Recevable");
	CHECK_INT(adm_state_from_code("incomplete"), ADM_INCOMPLETE);
	CHECK_STR(vae_phase_label(VAE_PHASE_ADMISSIBILITY), "Instruction de la recevabilité");
	CHECK_STR(vae_conclusion_code(VAE_CONCL_PARTIAL), "partial");
	CHECK_STR(vae_conclusion_label(VAE_CONCL_TOTAL), "Validation totale");
	CHECK_INT(vae_conclusion_from_code("none"), VAE_CONCL_NONE);
	CHECK(vae_conclusion_label(VAE_CONCL__MAX) == NULL);
}

/* R-VAE-1: the VAE needs the RNCP; the VAE de branche opens CQPM, CCPM. */
TEST(r_vae_1_eligibility)
{
	struct rule_error err;

	CHECK_INT(vae_eligible(VAE_STANDARD, KIND_CQPM, 1, &err), 0);
	CHECK_INT(vae_eligible(VAE_STANDARD, KIND_CQPM, 0, &err), -1);
	CHECK_STR(err.rule, "R-VAE-1");
	CHECK_CONTAINS(err.message, "RNCP");
	CHECK(sentence(err.message));
	CHECK_INT(vae_eligible(VAE_STANDARD, KIND_CCPM, 0, &err), -1);
	CHECK_INT(vae_eligible(VAE_BRANCH, KIND_CQPM, 0, &err), 0);
	CHECK_INT(vae_eligible(VAE_BRANCH, KIND_CCPM, 0, &err), 0);
	CHECK_INT(vae_eligible(VAE_BRANCH_COLLECTIVE, KIND_CCPM, 0, &err), 0);
	CHECK_INT(vae_eligible(VAE_BRANCH, KIND_CQPI, 1, &err), -1);
	CHECK_STR(err.rule, "R-VAE-1");
	CHECK_INT(vae_eligible(VAE_BRANCH, KIND_PARCOURS, 0, &err), -1);
	CHECK_INT(vae_eligible((enum vae_kind)7, KIND_CQPM, 1, &err), -1);
	CHECK_STR(err.rule, "");
}

/* R-VAE-1: received, then admissible (same day allowed). */
TEST(r_vae_1_admissible)
{
	struct admissibility a;
	struct rule_error err;

	CHECK_INT(adm_receive(&a, "2024-03-01", &err), 0);
	CHECK_INT(a.state, ADM_RECEIVED);
	CHECK_STR(a.received_on, "2024-03-01");
	CHECK_STR(a.decided_on, "");
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-02-29", NULL, &err), -1);  /* day before */
	CHECK_STR(err.rule, "R-VAE-1");
	CHECK_CONTAINS(err.message, "réception du dossier, le 01/03/2024");
	CHECK(sentence(err.message));
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-03-01", NULL, &err), 0);
	CHECK_INT(a.state, ADM_ADMISSIBLE);
	CHECK_STR(a.decided_on, "2024-03-01");
	/* final */
	CHECK_INT(adm_decide(&a, ADM_NOT_ADMISSIBLE, "2024-03-02", "Motif.", &err), -1);
	CHECK_CONTAINS(err.message, "déjà fait l'objet d'une décision");
	CHECK_INT(adm_complete(&a, "2024-03-02", &err), -1);
	CHECK_INT(adm_receive(&a, "2024-02-30", &err), -1);
	CHECK_STR(err.field, "received_on");
}

/* R-VAE-1: a negative decision needs a motive. */
TEST(r_vae_1_not_admissible_needs_motive)
{
	struct admissibility a;
	struct rule_error err;

	adm_receive(&a, "2024-03-01", NULL);
	CHECK_INT(adm_decide(&a, ADM_NOT_ADMISSIBLE, "2024-03-20", "", &err), -1);
	CHECK_STR(err.rule, "R-VAE-1");
	CHECK_STR(err.field, "motive");
	CHECK_INT(adm_decide(&a, ADM_NOT_ADMISSIBLE, "2024-03-20", NULL, &err), -1);
	CHECK_INT(a.state, ADM_RECEIVED);
	CHECK_INT(adm_decide(&a, ADM_NOT_ADMISSIBLE, "2024-03-20",
		"L'expérience décrite est sans lien avec la certification visée.", &err), 0);
	CHECK_INT(a.state, ADM_NOT_ADMISSIBLE);
	CHECK_CONTAINS(a.motive, "sans lien");
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-03-21", NULL, &err), -1);
	CHECK_INT(adm_decide(&a, ADM_RECEIVED, "2024-03-21", NULL, &err), -1);
	CHECK_STR(err.field, "decision");
}

/* R-VAE-1: a long motive is kept whole up to its buffer, then cut on a
** character boundary (never inside a UTF-8 sequence). */
TEST(r_vae_1_long_motive)
{
	struct admissibility a;
	char motive[3000];
	size_t n = 0;

	while (n + 2 < sizeof motive - 1) {   /* "é" is two bytes */
		motive[n++] = (char)0xc3;
		motive[n++] = (char)0xa9;
	}
	motive[n] = '\0';
	adm_receive(&a, "2024-03-01", NULL);
	CHECK_INT(adm_decide(&a, ADM_NOT_ADMISSIBLE, "2024-03-20", motive, NULL), 0);
	CHECK_INT(strlen(a.motive), sizeof a.motive - 2);   /* 2046: a whole "é" less */
	CHECK_INT(strncmp(a.motive, motive, strlen(a.motive)), 0);
	adm_receive(&a, "2024-03-01", NULL);
	motive[600] = '\0';
	CHECK_INT(adm_decide(&a, ADM_INCOMPLETE, "2024-03-20", motive, NULL), 0);
	CHECK_STR(a.motive, motive);
}

/* R-VAE-2: the codes of the phases. */
TEST(r_vae_2_phase_codes)
{
	CHECK_STR(vae_phase_code(VAE_PHASE_NONE), "none");
	CHECK_STR(vae_phase_code(VAE_PHASE_INFORMATION), "information");
	CHECK_STR(vae_phase_code(VAE_PHASE_ADMISSIBILITY), "admissibility");
	CHECK_STR(vae_phase_code(VAE_PHASE_CERTIFICATION), "certification");
	CHECK(vae_phase_code(VAE_PHASE__MAX) == NULL);
}

/* R-VAE-1: incomplete (motive: what is missing), completed, decided again. */
TEST(r_vae_1_incomplete_completed_decided_again)
{
	struct admissibility a;
	struct rule_error err;

	adm_receive(&a, "2024-03-01", NULL);
	CHECK_INT(adm_complete(&a, "2024-03-05", &err), -1);        /* not incomplete */
	CHECK_STR(err.rule, "R-VAE-1");
	CHECK_INT(adm_decide(&a, ADM_INCOMPLETE, "2024-03-10", "", &err), -1);
	CHECK_CONTAINS(err.message, "ce qui manque");
	CHECK_INT(adm_decide(&a, ADM_INCOMPLETE, "2024-03-10",
		"Les attestations d'emploi manquent.", &err), 0);
	CHECK_INT(a.state, ADM_INCOMPLETE);
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-03-11", NULL, &err), -1);
	CHECK_CONTAINS(err.message, "avant d'avoir été complété");
	CHECK(sentence(err.message));
	CHECK_INT(adm_complete(&a, "2024-03-09", &err), -1);        /* day before */
	CHECK_CONTAINS(err.message, "10/03/2024");
	CHECK_INT(adm_complete(&a, "2024-03-10", &err), 0);         /* same day */
	CHECK_INT(a.state, ADM_RECEIVED);
	CHECK_STR(a.completed_on, "2024-03-10");
	CHECK_STR(a.motive, "");
	CHECK_INT(adm_decide(&a, ADM_INCOMPLETE, "2024-03-20", "Il manque le CERFA signé.", &err), 0);
	CHECK_INT(adm_complete(&a, "2024-04-02", &err), 0);
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-04-01", NULL, &err), -1);  /* before completion */
	CHECK_CONTAINS(err.message, "complétude");
	CHECK_INT(adm_decide(&a, ADM_ADMISSIBLE, "2024-04-02", NULL, &err), 0);
	CHECK_INT(a.state, ADM_ADMISSIBLE);
	CHECK_STR(a.received_on, "2024-03-01");
}

/* R-VAE-2: information → admissibility → certification. */
TEST(r_vae_2_phase_order)
{
	struct admissibility a;
	struct rule_error err;

	adm_receive(&a, "2024-03-01", NULL);
	CHECK_INT(vae_first_phase(VAE_STANDARD), VAE_PHASE_INFORMATION);
	CHECK_INT(vae_first_phase(VAE_BRANCH), VAE_PHASE_INFORMATION);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_NONE, VAE_PHASE_INFORMATION, NULL, &err), 0);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_NONE, VAE_PHASE_ADMISSIBILITY, NULL, &err), -1);
	CHECK_STR(err.rule, "R-VAE-2");
	CHECK_CONTAINS(err.message, "« Accueil, information-orientation » doit précéder");
	CHECK(sentence(err.message));
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_INFORMATION, VAE_PHASE_ADMISSIBILITY, &a, &err), 0);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_INFORMATION, VAE_PHASE_CERTIFICATION, &a, &err), -1);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_CERTIFICATION, &a, &err), -1);
	CHECK_CONTAINS(err.message, "déclaré recevable");
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_CERTIFICATION, NULL, &err), -1);
	a = admissible();
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_CERTIFICATION, &a, &err), 0);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_INFORMATION, &a, &err), -1);
	CHECK_CONTAINS(err.message, "ne revient pas");
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_CERTIFICATION, VAE_PHASE_ADMISSIBILITY, &a, &err), -1);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_CERTIFICATION, VAE_PHASE_CERTIFICATION, &a, &err), -1);
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE_NONE, VAE_PHASE_NONE, &a, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(vae_phase_check(VAE_STANDARD, VAE_PHASE__MAX, VAE_PHASE_INFORMATION, &a, &err), -1);
}

/* R-VAE-2: no information phase for a collective branch VAE in a company. */
TEST(r_vae_2_collective_skips_information)
{
	struct admissibility a = admissible();
	struct rule_error err;

	CHECK_INT(vae_first_phase(VAE_BRANCH_COLLECTIVE), VAE_PHASE_ADMISSIBILITY);
	CHECK_INT(vae_phase_check(VAE_BRANCH_COLLECTIVE, VAE_PHASE_NONE, VAE_PHASE_ADMISSIBILITY, NULL, &err), 0);
	CHECK_INT(vae_phase_check(VAE_BRANCH_COLLECTIVE, VAE_PHASE_NONE, VAE_PHASE_INFORMATION, NULL, &err), -1);
	CHECK_STR(err.rule, "R-VAE-2");
	CHECK_CONTAINS(err.message, "collective");
	CHECK(sentence(err.message));
	CHECK_INT(vae_phase_check(VAE_BRANCH_COLLECTIVE, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_CERTIFICATION, &a, &err), 0);
	CHECK_INT(vae_phase_check(VAE_BRANCH_COLLECTIVE, VAE_PHASE_NONE, VAE_PHASE_CERTIFICATION, &a, &err), -1);
	CHECK_INT(vae_phase_check((enum vae_kind)5, VAE_PHASE_NONE, VAE_PHASE_INFORMATION, NULL, &err), -1);
}

/* R-VAE-3: admissible, livret 2 in, chaired by the centre's representative. */
TEST(r_vae_3_commission)
{
	struct admissibility a = admissible();
	struct admissibility r;
	struct vae_commission c = { 3, 3, 1, 1, 0 };
	struct rule_error err;

	CHECK_INT(vae_commission_check(&c, &a, &err), 0);
	c.chair_centre_id = 4;
	CHECK_INT(vae_commission_check(&c, &a, &err), -1);
	CHECK_STR(err.rule, "R-VAE-3");
	CHECK_STR(err.field, "chair");
	CHECK_CONTAINS(err.message, "présidée par le représentant du centre");
	CHECK(sentence(err.message));
	c.chair_centre_id = 0;
	CHECK_INT(vae_commission_check(&c, &a, &err), -1);
	CHECK_STR(err.field, "chair");
	c.chair_centre_id = 3;
	c.evidence_file = 0;
	CHECK_INT(vae_commission_check(&c, &a, &err), -1);
	CHECK_STR(err.field, "evidence_file");
	CHECK_CONTAINS(err.message, "livret 2");
	c.evidence_file = 1;
	adm_receive(&r, "2024-03-01", NULL);
	CHECK_INT(vae_commission_check(&c, &r, &err), -1);
	CHECK_STR(err.field, "admissibility");
	CHECK_INT(vae_commission_check(&c, NULL, &err), -1);
	/* the work situation and the interview are optional */
	c.work_situation = 0;
	c.interview = 0;
	CHECK_INT(vae_commission_check(&c, &a, &err), 0);
}

/* R-VAE-3: total, partial (per block or competence) or none. */
TEST(r_vae_3_conclusions)
{
	int all[] = { 1, 1, 1 };
	int some[] = { 1, 0, 1 };
	int none[] = { 0, 0, 0 };
	struct rule_error err;

	CHECK_INT(vae_conclusion_of(all, 3), VAE_CONCL_TOTAL);
	CHECK_INT(vae_conclusion_of(some, 3), VAE_CONCL_PARTIAL);
	CHECK_INT(vae_conclusion_of(none, 3), VAE_CONCL_NONE);
	CHECK_INT(vae_conclusion_of(all, 0), VAE_CONCL_NONE);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_TOTAL, all, 3, &err), 0);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_PARTIAL, some, 3, &err), 0);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_NONE, none, 3, &err), 0);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_TOTAL, some, 3, &err), -1);
	CHECK_STR(err.rule, "R-VAE-3");
	CHECK_STR(err.message, "La conclusion « Validation totale » ne correspond pas aux blocs ou compétences validés, qui donnent : « Validation partielle ».");
	CHECK_INT(vae_conclusion_check(VAE_CONCL_PARTIAL, all, 3, &err), -1);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_PARTIAL, none, 3, &err), -1);
	CHECK_INT(vae_conclusion_check(VAE_CONCL_NONE, some, 1, &err), -1);    /* first unit validated */
	CHECK_INT(vae_conclusion_check(VAE_CONCL_TOTAL, all, 0, &err), -1);
	CHECK_STR(err.field, "units");
	CHECK_INT(vae_conclusion_check((enum vae_conclusion)9, all, 3, &err), -1);
	CHECK_STR(err.field, "conclusion");
}
