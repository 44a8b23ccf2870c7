/*
** Unit tests of what the jury's decision produces (award.h): the
** certificates of an admission and of a non-admission (R-JUR-12, annexes
** 7 to 11), the letters (R-LET-1, R-LET-2, R-LET-3 with its four pieces
** and keeping periods: 5 years, 24 months, unlimited, 29 February), the
** certificate numbers "MC…" (R-CER-2: format, key, parsing, the next one,
** never reused) and duplicates certified conform (R-CER-1).
*/
#include "t.h"
#include "core/award.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

/* 1 if plan p is exactly kinds[0..n) with blocks[0..n). */
static int plan_is(const struct award_plan *p, size_t n, const enum award_kind *kinds,
	const size_t *blocks)
{
	if (p->n != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p->items[i].kind != kinds[i] || p->items[i].block != blocks[i])
			return 0;
	return 1;
}

TEST(r_jur_12_codes)
{
	CHECK_STR(award_kind_code(AWARD_BLOCK), "block");
	CHECK_INT(award_kind_from_code("cqpi"), AWARD_CQPI);
	CHECK_INT(award_kind_from_code("x"), -1);
	CHECK_STR(award_kind_label(AWARD_CQPM), "Certificat de qualification paritaire de la métallurgie");
	CHECK_STR(award_kind_label(AWARD_CCPI), "Certificat de compétences professionnelles interbranches");
	CHECK_INT(award_annex(AWARD_CQPM), 7);
	CHECK_INT(award_annex(AWARD_BLOCK), 8);
	CHECK_INT(award_annex(AWARD_CQPI), 9);
	CHECK_INT(award_annex(AWARD_CCPM), 10);
	CHECK_INT(award_annex(AWARD_CCPI), 11);
	CHECK_INT(award_annex(AWARD__MAX), 0);
	CHECK_STR(letter_kind_code(LETTER_PARTIAL), "non_admission_partial");
	CHECK_STR(letter_kind_rule(LETTER_ADMISSION), "R-LET-1");
	CHECK_STR(letter_kind_rule(LETTER_NOT_ADMITTED), "R-LET-2");
	CHECK_STR(letter_kind_rule(LETTER_PARTIAL), "R-LET-3");
	CHECK(letter_kind_label(LETTER__MAX) == NULL);
	CHECK_STR(cert_state_code(CERT_CANCELLED), "cancelled");
	CHECK_STR(cert_state_label(CERT_ISSUED), "Délivré");
}

/* R-JUR-12: admission to a whole CQPM, with its CQPI when listed. */
TEST(r_jur_12_cqpm_admitted)
{
	struct award_input in = { KIND_CQPM, 1, 0, VERDICT_ADMITTED, 4, NULL, NULL, NULL };
	struct award_plan p;
	struct rule_error err;
	const enum award_kind k1[] = { AWARD_CQPM }, k2[] = { AWARD_CQPM, AWARD_CQPI },
		k3[] = { AWARD_CQPI };
	const size_t b0[] = { 0, 0 };

	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 1, k1, b0));
	in.cqpi_listed = 1;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 2, k2, b0));
	/* every block registered is the whole CQPM */
	{
		const int all[4] = { 1, 1, 1, 1 };
		in.registered = all;
		CHECK_INT(award_plan(&in, &p, &err), 0);
		CHECK(plan_is(&p, 2, k2, b0));
	}
	/* a CQPI of the catalogue awards itself, once */
	in.kind = KIND_CQPI;
	in.registered = NULL;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 1, k3, b0));
	/* the sovereign jury admits whatever the results (R-JUR-11) */
	{
		const enum unit_state res[4] = { UNIT_ACQUIRED, UNIT_NOT_ACQUIRED, UNIT_ACQUIRED, UNIT_ACQUIRED };
		in.kind = KIND_CQPM;
		in.cqpi_listed = 0;
		in.results = res;
		CHECK_INT(award_plan(&in, &p, &err), 0);
		CHECK(plan_is(&p, 1, k1, b0));
	}
}

/* R-JUR-12, annex 8: admission to the blocks registered for, and the
** CQPM when they complete the blocks kept from an earlier jury. */
TEST(r_jur_12_blocks_admitted)
{
	const int reg[4] = { 0, 1, 1, 0 };
	int kept[4] = { 1, 0, 0, 0 };
	struct award_input in = { KIND_CQPM, 1, 1, VERDICT_ADMITTED, 4, reg, NULL, NULL };
	struct award_plan p;
	struct rule_error err;
	const enum award_kind kb[] = { AWARD_BLOCK, AWARD_BLOCK },
		kfull[] = { AWARD_CQPM, AWARD_CQPI, AWARD_BLOCK, AWARD_BLOCK };
	const size_t bb[] = { 1, 2 }, bfull[] = { 0, 0, 1, 2 };

	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 2, kb, bb));
	in.kept = kept;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 2, kb, bb));   /* block 4 still missing */
	kept[3] = 1;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 4, kfull, bfull));
	/* without the I suffix, no CQPI */
	in.cqpi_listed = 0;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK_INT(p.n, 3);
	CHECK_INT(p.items[0].kind, AWARD_CQPM);
	CHECK_INT(p.items[1].kind, AWARD_BLOCK);
}

/* R-JUR-12: CCPM and CCPI. */
TEST(r_jur_12_ccpm)
{
	struct award_input in = { KIND_CCPM, 0, 0, VERDICT_ADMITTED, 0, NULL, NULL, NULL };
	struct award_plan p;
	struct rule_error err;

	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK_INT(p.n, 1);
	CHECK_INT(p.items[0].kind, AWARD_CCPM);
	in.kind = KIND_CCPI;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK_INT(p.n, 1);
	CHECK_INT(p.items[0].kind, AWARD_CCPI);
	in.verdict = VERDICT_NOT_ADMITTED;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK_INT(p.n, 0);
	in.kind = KIND_CCPM;
	in.nblocks = 2;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-12");
	CHECK_STR(err.field, "blocks");
	CHECK(sentence(err.message));
}

/* R-JUR-12, R-LET-3: a candidate not admitted to an RNCP CQPM receives the
** certificates of the blocks he acquired. */
TEST(r_jur_12_not_admitted_blocks)
{
	const enum unit_state res[4] = { UNIT_ACQUIRED, UNIT_NOT_ACQUIRED, UNIT_ACQUIRED, UNIT_PENDING };
	struct award_input in = { KIND_CQPM, 1, 1, VERDICT_NOT_ADMITTED, 4, NULL, res, NULL };
	struct award_plan p;
	struct rule_error err;
	const enum award_kind kb[] = { AWARD_BLOCK, AWARD_BLOCK };
	const size_t bb[] = { 0, 2 };

	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK(plan_is(&p, 2, kb, bb));   /* no CQPM, no CQPI */
	/* a block outside the registration was not evaluated here */
	{
		const int reg[4] = { 0, 1, 1, 1 };
		in.registered = reg;
		CHECK_INT(award_plan(&in, &p, &err), 0);
		CHECK_INT(p.n, 1);
		CHECK_INT(p.items[0].block, 2);
		in.registered = NULL;
	}
	/* not registered at the RNCP: no block certificate */
	in.rncp_registered = 0;
	CHECK_INT(award_plan(&in, &p, &err), 0);
	CHECK_INT(p.n, 0);
	/* nothing acquired */
	{
		const enum unit_state none[4] = { UNIT_NOT_ACQUIRED, UNIT_NOT_ACQUIRED, UNIT_PENDING, UNIT_NOT_ACQUIRED };
		in.rncp_registered = 1;
		in.results = none;
		CHECK_INT(award_plan(&in, &p, &err), 0);
		CHECK_INT(p.n, 0);
		in.results = NULL;
		CHECK_INT(award_plan(&in, &p, &err), 0);
		CHECK_INT(p.n, 0);
	}
}

/* R-JUR-12: data that do not fit, kinds the jury does not award. */
TEST(r_jur_12_refusals)
{
	const int none[2] = { 0, 0 };
	const enum unit_state bad[2] = { UNIT_ACQUIRED, (enum unit_state)9 };
	struct award_input in = { KIND_CQPM, 1, 0, VERDICT_NONE, 2, NULL, NULL, NULL };
	struct award_plan p;
	struct rule_error err;

	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK(sentence(err.message));
	in.verdict = (enum jury_verdict)8;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	in.verdict = VERDICT_ADMITTED;
	in.nblocks = 0;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-12");
	in.nblocks = CAT_MAX_BLOCKS + 1;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.field, "blocks");
	in.nblocks = 2;
	in.registered = none;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-12");
	CHECK_CONTAINS(err.message, "aucun bloc");
	in.registered = NULL;
	in.results = bad;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.field, "results");
	in.results = NULL;
	in.kind = KIND_PARCOURS;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-12");
	CHECK_CONTAINS(err.message, "entreprise");
	CHECK(sentence(err.message));
	in.kind = KIND_RS;
	CHECK_INT(award_plan(&in, &p, &err), -1);
	CHECK_INT(p.n, 0);
}

/* R-JUR-12 after a correction: what is cancelled, issued, kept. */
TEST(r_jur_12_correction_diff)
{
	const enum unit_state res[3] = { UNIT_ACQUIRED, UNIT_ACQUIRED, UNIT_NOT_ACQUIRED };
	struct award_input in = { KIND_CQPM, 1, 1, VERDICT_ADMITTED, 3, NULL, res, NULL };
	struct award_plan a, na;
	int cancel[CAT_MAX_BLOCKS + 2], issue[CAT_MAX_BLOCKS + 2];

	CHECK_INT(award_plan(&in, &a, NULL), 0);          /* CQPM, CQPI */
	in.verdict = VERDICT_NOT_ADMITTED;
	CHECK_INT(award_plan(&in, &na, NULL), 0);         /* blocks 0 and 1 */
	award_plan_diff(&a, &na, cancel, issue);
	CHECK_INT(cancel[0], 1);
	CHECK_INT(cancel[1], 1);
	CHECK_INT(issue[0], 1);
	CHECK_INT(issue[1], 1);
	award_plan_diff(&a, &a, cancel, issue);
	CHECK_INT(cancel[0], 0);
	CHECK_INT(issue[1], 0);
	/* from blocks to the blocks plus the CQPM: the blocks are kept */
	{
		const int reg[3] = { 1, 1, 0 };
		const int kept[3] = { 0, 0, 1 };
		struct award_plan before, after;
		in.registered = reg;
		in.verdict = VERDICT_NOT_ADMITTED;
		CHECK_INT(award_plan(&in, &before, NULL), 0);
		in.verdict = VERDICT_ADMITTED;
		in.kept = kept;
		CHECK_INT(award_plan(&in, &after, NULL), 0);
		CHECK_INT(before.n, 2);
		CHECK_INT(after.n, 4);
		award_plan_diff(&before, &after, cancel, issue);
		CHECK_INT(cancel[0], 0);
		CHECK_INT(cancel[1], 0);
		CHECK_INT(issue[0], 1);   /* CQPM */
		CHECK_INT(issue[1], 1);   /* CQPI */
		CHECK_INT(issue[2], 0);
		CHECK_INT(issue[3], 0);
	}
}

/* R-JUR-11: a decision against the results is flagged, not refused. */
TEST(r_jur_11_against_results)
{
	CHECK_INT(award_against_results(VERDICT_ADMITTED, UNIT_ACQUIRED), 0);
	CHECK_INT(award_against_results(VERDICT_ADMITTED, UNIT_NOT_ACQUIRED), 1);
	CHECK_INT(award_against_results(VERDICT_ADMITTED, UNIT_PENDING), 1);
	CHECK_INT(award_against_results(VERDICT_NOT_ADMITTED, UNIT_ACQUIRED), 1);
	CHECK_INT(award_against_results(VERDICT_NOT_ADMITTED, UNIT_NOT_ACQUIRED), 0);
	CHECK_INT(award_against_results(VERDICT_NONE, UNIT_ACQUIRED), 0);
}

/* R-LET-1: admission; the company told unless kept out of the path. */
TEST(r_let_1_admission)
{
	struct letter_input in = { VERDICT_ADMITTED, KIND_CQPM, 1, "", "2025-06-16", 0, 1, 0 };
	struct letter_plan p;
	struct rule_error err;

	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.kind, LETTER_ADMISSION);
	CHECK_STR(p.dated, "2025-06-16");
	CHECK_INT(p.to_company, 1);
	CHECK_INT(p.pieces, 0);
	CHECK_STR(p.kept_until, "");
	CHECK_INT(letter_piece(&p, 1, "Titre", "CODE", NULL), -1);
	in.without_employer_agreement = 1;
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.to_company, 0);
	in.without_employer_agreement = 0;
	in.has_company = 0;       /* a job seeker */
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.to_company, 0);
	/* no decision, no letter */
	in.verdict = VERDICT_NONE;
	CHECK_INT(letter_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-JUR-11");
	CHECK(sentence(err.message));
	in.verdict = VERDICT_ADMITTED;
	in.jury_date = "2025-02-29";
	CHECK_INT(letter_plan(&in, &p, &err), -1);
	CHECK_STR(err.field, "jury_date");
}

/* R-LET-2: non-admission with nothing acquired, dated the jury's day. */
TEST(r_let_2_not_admitted)
{
	struct letter_input in = { VERDICT_NOT_ADMITTED, KIND_CQPM, 1, "", "2024-02-29", 0, 1, 0 };
	struct letter_plan p;
	struct rule_error err;

	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.kind, LETTER_NOT_ADMITTED);
	CHECK_STR(p.dated, "2024-02-29");
	CHECK_INT(p.to_company, 1);
	CHECK_INT(p.pieces, 0);
	CHECK_INT(p.keep_months, 0);
	CHECK_STR(p.kept_until, "");
	CHECK_INT(letter_piece(&p, 3, "Titre", "CODE", NULL), -1);
}

/* R-LET-3: acquired units, their kind and how long they are kept. */
TEST(r_let_3_partial)
{
	struct letter_input in = { VERDICT_NOT_ADMITTED, KIND_CQPM, 1, "", "2024-02-29", 2, 1, 1 };
	struct letter_plan p;
	struct rule_error err;

	/* RNCP: blocks, 5 years, 29 February → 28 February */
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.kind, LETTER_PARTIAL);
	CHECK_STR(p.dated, "2024-02-29");
	CHECK_INT(p.to_company, 0);
	CHECK_INT(p.pieces, 4);
	CHECK_INT(p.units_are_blocks, 1);
	CHECK_INT(p.keep_months, 60);
	CHECK_STR(p.kept_until, "2029-02-28");
	/* not RNCP: competences, 24 months */
	in.rncp_registered = 0;
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.units_are_blocks, 0);
	CHECK_INT(p.keep_months, 24);
	CHECK_STR(p.kept_until, "2026-02-28");
	/* a CCPM: competences, 24 months, from a 31st */
	in.kind = KIND_CCPM;
	in.jury_date = "2023-12-31";
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.units_are_blocks, 0);
	CHECK_STR(p.kept_until, "2025-12-31");
	/* the registered validity wins: "illimitée" as on the fiches */
	in.kind = KIND_CQPM;
	in.rncp_registered = 1;
	in.registered_validity = "illimitée";
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.keep_months, VALIDITY_UNLIMITED);
	CHECK_STR(p.kept_until, "");
	in.registered_validity = "3 ans";
	in.jury_date = "2024-08-31";
	CHECK_INT(letter_plan(&in, &p, &err), 0);
	CHECK_INT(p.keep_months, 36);
	CHECK_STR(p.kept_until, "2027-08-31");
	in.registered_validity = "bientôt";
	CHECK_INT(letter_plan(&in, &p, &err), -1);
	CHECK_STR(err.rule, "R-LET-3");
	CHECK(sentence(err.message));
}

/* R-LET-3: the four pieces of information. */
TEST(r_let_3_pieces)
{
	struct letter_input in = { VERDICT_NOT_ADMITTED, KIND_CQPM, 1, "", "2024-02-29", 2, 1, 0 };
	struct letter_plan p;
	struct buf b;

	buf_init(&b, 4096);
	CHECK_INT(letter_plan(&in, &p, NULL), 0);
	CHECK_INT(letter_piece(&p, 1, "Technicien(ne) en gestion et administration des ressources humaines",
		"CQPM20170265R", &b), 0);
	CHECK_CONTAINS(buf_str(&b), "29/02/2024");
	CHECK_CONTAINS(buf_str(&b), "n'a pas prononcé votre admission");
	CHECK_CONTAINS(buf_str(&b), "« Technicien(ne) en gestion et administration des ressources humaines » (CQPM20170265R)");
	CHECK(sentence(buf_str(&b)));
	buf_reset(&b);
	CHECK_INT(letter_piece(&p, 2, "", "", &b), 0);
	CHECK_STR(buf_str(&b), "Vous avez acquis et validé les blocs de compétences suivants :");
	buf_reset(&b);
	CHECK_INT(letter_piece(&p, 3, "", "", &b), 0);
	CHECK_CONTAINS(buf_str(&b), "parcours de formation");
	CHECK_CONTAINS(buf_str(&b), "validation des acquis de l'expérience (VAE)");
	CHECK_CONTAINS(buf_str(&b), "blocs de compétences acquis et validés pendant 5 ans");
	CHECK_CONTAINS(buf_str(&b), "jusqu'au 28/02/2029 inclus");
	CHECK_CONTAINS(buf_str(&b), "entreprise");
	CHECK_CONTAINS(buf_str(&b), "organisme de formation habilité");
	CHECK_CONTAINS(buf_str(&b), "directement par vous-même");
	CHECK(sentence(buf_str(&b)));
	buf_reset(&b);
	CHECK_INT(letter_piece(&p, 4, "", "", &b), 0);
	CHECK_CONTAINS(buf_str(&b), "passeport orientation et formation");
	CHECK(sentence(buf_str(&b)));
	CHECK_INT(letter_piece(&p, 0, "", "", &b), -1);
	CHECK_INT(letter_piece(&p, 5, "", "", &b), -1);
	/* competences, 24 months */
	in.rncp_registered = 0;
	CHECK_INT(letter_plan(&in, &p, NULL), 0);
	buf_reset(&b);
	CHECK_INT(letter_piece(&p, 2, "", "", &b), 0);
	CHECK_STR(buf_str(&b), "Vous avez acquis et validé les compétences professionnelles suivantes :");
	buf_reset(&b);
	CHECK_INT(letter_piece(&p, 3, "", "", &b), 0);
	CHECK_CONTAINS(buf_str(&b), "compétences professionnelles acquises et validées pendant 2 ans");
	CHECK_CONTAINS(buf_str(&b), "jusqu'au 28/02/2026 inclus");
	/* other periods in words */
	in.registered_validity = "18 mois";
	CHECK_INT(letter_plan(&in, &p, NULL), 0);
	buf_reset(&b);
	letter_piece(&p, 3, "", "", &b);
	CHECK_CONTAINS(buf_str(&b), "pendant 18 mois");
	in.registered_validity = "1 an";
	CHECK_INT(letter_plan(&in, &p, NULL), 0);
	buf_reset(&b);
	letter_piece(&p, 3, "", "", &b);
	CHECK_CONTAINS(buf_str(&b), "pendant 1 an à compter");
	in.registered_validity = "Illimitée";
	CHECK_INT(letter_plan(&in, &p, NULL), 0);
	buf_reset(&b);
	letter_piece(&p, 3, "", "", &b);
	CHECK_CONTAINS(buf_str(&b), "en conservant sans limite de durée le bénéfice des compétences professionnelles acquises et validées.");
	buf_release(&b);
}

/* R-CER-2: the format of certificate numbers and their key. */
TEST(r_cer_2_number_format)
{
	struct cert_number n = { 2025, 7, 42 }, back;
	char out[CERT_NUMBER_LEN], canon[CERT_NUMBER_LEN], disp[CERT_NUMBER_DISPLAY_LEN];
	struct rule_error err;

	CHECK_INT(cert_number_key(&n), 9);
	CHECK_INT(cert_number_format(&n, out), 0);
	CHECK_STR(out, "MC20250070004209");
	CHECK_INT(strlen(out), CERT_NUMBER_LEN - 1);
	CHECK_STR(cert_number_display(out, disp), "MC 2025 007 00042 09");
	CHECK_INT(cert_number_parse(out, &back, canon, &err), 0);
	CHECK_INT(back.year, 2025);
	CHECK_INT(back.centre, 7);
	CHECK_INT(back.seq, 42);
	CHECK_STR(canon, out);
	/* typed as people type it */
	CHECK_INT(cert_number_parse("MC 2025 007 00042 09", NULL, canon, &err), 0);
	CHECK_STR(canon, "MC20250070004209");
	CHECK_INT(cert_number_parse("mc2025-007-00042-09", NULL, canon, &err), 0);
	CHECK_STR(canon, "MC20250070004209");
	CHECK_INT(cert_number_parse(" Mc.2025.007.00042.09 ", NULL, NULL, &err), 0);
	/* other parts */
	n = (struct cert_number){ 2024, 1, 99999 };
	CHECK_INT(cert_number_format(&n, out), 0);
	CHECK_STR(out, "MC20240019999901");
	n = (struct cert_number){ 2025, 12, 3 };
	CHECK_INT(cert_number_format(&n, out), 0);
	CHECK_STR(out, "MC20250120000383");
	/* out of range */
	n = (struct cert_number){ 2025, 0, 1 };
	CHECK_INT(cert_number_format(&n, out), -1);
	CHECK_STR(out, "");
	n = (struct cert_number){ 2025, 1000, 1 };
	CHECK_INT(cert_number_format(&n, out), -1);
	n = (struct cert_number){ 2025, 7, 0 };
	CHECK_INT(cert_number_format(&n, out), -1);
	n = (struct cert_number){ 2025, 7, 100000 };
	CHECK_INT(cert_number_format(&n, out), -1);
	n = (struct cert_number){ 1899, 7, 1 };
	CHECK_INT(cert_number_format(&n, out), -1);
	CHECK_STR(cert_number_display("MC20250070004208", disp), "?");
	CHECK_STR(cert_number_display("mc20250070004209", disp), "?");
	CHECK_STR(cert_number_display(NULL, disp), "?");
}

/* R-CER-2: what parsing refuses. */
TEST(r_cer_2_number_parse_refusals)
{
	struct rule_error err;
	char canon[CERT_NUMBER_LEN] = "x";
	char longer[80];

	/* a mistyped digit, two swapped digits: the key says so */
	CHECK_INT(cert_number_parse("MC20250070004208", NULL, canon, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	CHECK_CONTAINS(err.message, "clé de contrôle");
	CHECK(sentence(err.message));
	CHECK_STR(canon, "");
	CHECK_INT(cert_number_parse("MC20250070004309", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC20250070000429", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC20520070004209", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC20250700004209", NULL, NULL, &err), -1);
	/* malformed */
	CHECK_INT(cert_number_parse("MC2025007000420", NULL, NULL, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	CHECK_CONTAINS(err.message, "14 chiffres");
	CHECK(sentence(err.message));
	CHECK_INT(cert_number_parse("MC202500700042091", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MQ20250070004209", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("CM20250070004209", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("20250070004209", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC2025007000420A", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC2025/007/00042/09", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC2025007000420\xc3\xa9", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("'; DROP TABLE certificate; --", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("", NULL, NULL, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(cert_number_parse(NULL, NULL, NULL, &err), -1);
	memset(longer, ' ', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	memcpy(longer, "MC20250070004209", 16);
	CHECK_INT(cert_number_parse(longer, NULL, NULL, &err), -1);
	CHECK_CONTAINS(err.message, "trop long");
	/* parts out of range, even with a right key */
	CHECK_INT(cert_number_parse("MC20250000004286", NULL, NULL, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	CHECK_INT(cert_number_parse("MC20250070000000", NULL, NULL, &err), -1);
	CHECK_INT(cert_number_parse("MC18990070000100", NULL, NULL, &err), -1);
}

/* R-CER-2: the next number, sequential per centre and year, never reused. */
TEST(r_cer_2_number_next)
{
	char out[CERT_NUMBER_LEN], prev[CERT_NUMBER_LEN];
	struct cert_number n;
	struct rule_error err;
	int bad = 0;

	CHECK_INT(cert_number_next("", 7, "2025-06-16", out, &err), 0);
	CHECK_STR(out, "MC20250070000150");
	CHECK_INT(cert_number_next(NULL, 7, "2025-06-16", out, &err), 0);
	CHECK_STR(out, "MC20250070000150");
	CHECK_INT(cert_number_next("MC20250070004110", 7, "2025-12-31", out, &err), 0);
	CHECK_STR(out, "MC20250070004209");
	/* the store's last number of another centre or year is refused */
	CHECK_INT(cert_number_next("MC20250070004110", 12, "2025-06-16", out, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	CHECK_STR(out, "");
	CHECK(sentence(err.message));
	CHECK_INT(cert_number_next("MC20250070004110", 7, "2026-01-01", out, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	/* a new year starts again at 1 */
	CHECK_INT(cert_number_next("", 7, "2026-01-01", out, &err), 0);
	CHECK_INT(cert_number_parse(out, &n, NULL, NULL), 0);
	CHECK_INT(n.year, 2026);
	CHECK_INT(n.seq, 1);
	/* a year exhausted */
	CHECK_INT(cert_number_next("MC20240019999901", 1, "2024-02-29", out, &err), -1);
	CHECK_STR(err.rule, "R-CER-2");
	CHECK_CONTAINS(err.message, "épuisés");
	/* malformed inputs */
	CHECK_INT(cert_number_next("MC20250070004111", 7, "2025-06-16", out, &err), -1);
	CHECK_CONTAINS(err.message, "clé");
	CHECK_INT(cert_number_next("", 0, "2025-06-16", out, &err), -1);
	CHECK_STR(err.field, "centre");
	CHECK_INT(cert_number_next("", 1000, "2025-06-16", out, &err), -1);
	CHECK_INT(cert_number_next("", 7, "2025-02-29", out, &err), -1);
	CHECK_STR(err.field, "jury_date");
	/* 2000 numbers in a row: each one after the last, none twice */
	CHECK_INT(cert_number_next("", 3, "2025-06-16", prev, &err), 0);
	for (int i = 0; i < 2000; i++) {
		if (cert_number_next(prev, 3, "2025-06-16", out, &err) ||
		    strcmp(out, prev) <= 0 || cert_number_parse(out, &n, NULL, NULL) ||
		    n.seq != i + 2)
			bad++;
		memcpy(prev, out, sizeof prev);
	}
	CHECK_INT(bad, 0);
}

/* R-CER-1: a duplicate certified conform keeps the number and says so. */
TEST(r_cer_1_duplicate)
{
	struct certificate c = { "MC20250070004209", AWARD_CQPM, CERT_ISSUED, "2025-06-20", 0, "" };
	struct certificate d, d2;
	struct rule_error err;
	char mention[256];

	CHECK_STR(cert_duplicate_mention(&c, mention, sizeof mention), "");
	CHECK_INT(cert_duplicate(&c, 0, "2027-03-02", &d, &err), 0);
	CHECK_STR(d.number, c.number);
	CHECK_INT(d.kind, AWARD_CQPM);
	CHECK_INT(d.duplicate, 1);
	CHECK_STR(d.issued_on, "2027-03-02");
	CHECK_INT(d.state, CERT_ISSUED);
	CHECK_STR(cert_duplicate_mention(&d, mention, sizeof mention),
		"Duplicata certifié conforme à l'original, sous le même numéro MC 2025 007 00042 09, établi le 02/03/2027.");
	CHECK_INT(cert_duplicate(&c, 1, "2028-01-01", &d2, &err), 0);
	CHECK_INT(d2.duplicate, 2);
	CHECK_STR(d2.number, c.number);
	/* the same day as the original is allowed, the day before is not */
	CHECK_INT(cert_duplicate(&c, 0, "2025-06-20", &d2, &err), 0);
	CHECK_INT(cert_duplicate(&c, 0, "2025-06-19", &d2, &err), -1);
	CHECK_STR(err.rule, "R-CER-1");
	CHECK(sentence(err.message));
	/* not from a duplicate, not from a cancelled certificate */
	CHECK_INT(cert_duplicate(&d, 1, "2028-01-01", &d2, &err), -1);
	CHECK_STR(err.rule, "R-CER-1");
	CHECK_INT(cert_cancel(&c, "2025-07-01", &err), 0);
	CHECK_INT(cert_duplicate(&c, 2, "2028-01-01", &d2, &err), -1);
	CHECK_STR(err.rule, "R-CER-1");
	CHECK_CONTAINS(err.message, "annulé");
	/* malformed */
	{
		struct certificate x = { "MC20250070004208", AWARD_CQPM, CERT_ISSUED, "2025-06-20", 0, "" };
		CHECK_INT(cert_duplicate(&x, 0, "2026-01-01", &d2, &err), -1);
		CHECK_STR(err.rule, "R-CER-2");
		x = (struct certificate){ "MC20250070004209", AWARD_CQPM, CERT_ISSUED, "2025-06-20", 0, "" };
		CHECK_INT(cert_duplicate(&x, -1, "2026-01-01", &d2, &err), -1);
		CHECK_INT(cert_duplicate(&x, 0, "2026-02-30", &d2, &err), -1);
		CHECK_STR(err.rule, "");
	}
	CHECK_INT(mention[0] != '\0', 1);
	CHECK(cert_duplicate_mention(&d, mention, 0) == mention);
}

/* R-JUR-11, R-CER-2: a correction cancels a certificate; its number stays. */
TEST(r_cer_2_cancel)
{
	struct certificate c = { "MC20250070004209", AWARD_BLOCK, CERT_ISSUED, "2025-06-20", 0, "" };
	struct rule_error err;

	CHECK_INT(cert_cancel(&c, "2025-06-19", &err), -1);
	CHECK_STR(err.rule, "R-CER-1");
	CHECK_INT(c.state, CERT_ISSUED);
	CHECK_INT(cert_cancel(&c, "2025-06-31", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(cert_cancel(&c, "2025-06-20", &err), 0);
	CHECK_INT(c.state, CERT_CANCELLED);
	CHECK_STR(c.cancelled_on, "2025-06-20");
	CHECK_STR(c.number, "MC20250070004209");
	CHECK_INT(cert_cancel(&c, "2025-06-21", &err), -1);
	CHECK_CONTAINS(err.message, "déjà annulé");
	CHECK(sentence(err.message));
}
