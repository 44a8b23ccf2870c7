/*
** What the jury's decision produces (see award.h): certificates, letters,
** certificate numbers and duplicates.
*/
#include "core/award.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const kinds[AWARD__MAX][2] = {
	[AWARD_CQPM] = { "cqpm", "Certificat de qualification paritaire de la métallurgie" },
	[AWARD_BLOCK] = { "block", "Certificat de bloc de compétences" },
	[AWARD_CQPI] = { "cqpi", "Certificat de qualification professionnelle interbranches" },
	[AWARD_CCPM] = { "ccpm", "Certificat de compétences professionnelles de la métallurgie" },
	[AWARD_CCPI] = { "ccpi", "Certificat de compétences professionnelles interbranches" },
};

static const int annexes[AWARD__MAX] = {
	[AWARD_CQPM] = 7, [AWARD_BLOCK] = 8, [AWARD_CQPI] = 9,
	[AWARD_CCPM] = 10, [AWARD_CCPI] = 11,
};

static const char *const letters[LETTER__MAX][2] = {
	[LETTER_ADMISSION] = { "admission", "Lettre de délivrance de la certification" },
	[LETTER_NOT_ADMITTED] = { "non_admission", "Lettre de non-admission" },
	[LETTER_PARTIAL] = { "non_admission_partial", "Lettre de non-admission avec acquis" },
};

static const char *const letter_rules[LETTER__MAX] = {
	[LETTER_ADMISSION] = "R-LET-1",
	[LETTER_NOT_ADMITTED] = "R-LET-2",
	[LETTER_PARTIAL] = "R-LET-3",
};

static const char *const cstates[CERT_STATE__MAX][2] = {
	[CERT_ISSUED] = { "issued", "Délivré" },
	[CERT_CANCELLED] = { "cancelled", "Annulé" },
};

/* Codes and labels of the enums. */
const char *award_kind_code(enum award_kind k) { return (unsigned)k < AWARD__MAX ? kinds[k][0] : NULL; }
const char *award_kind_label(enum award_kind k) { return (unsigned)k < AWARD__MAX ? kinds[k][1] : NULL; }
int award_kind_from_code(const char *c) { return code_lookup(kinds, AWARD__MAX, c); }
int award_annex(enum award_kind k) { return (unsigned)k < AWARD__MAX ? annexes[k] : 0; }
const char *letter_kind_code(enum letter_kind k) { return (unsigned)k < LETTER__MAX ? letters[k][0] : NULL; }
const char *letter_kind_label(enum letter_kind k) { return (unsigned)k < LETTER__MAX ? letters[k][1] : NULL; }
const char *letter_kind_rule(enum letter_kind k) { return (unsigned)k < LETTER__MAX ? letter_rules[k] : NULL; }
const char *cert_state_code(enum cert_state s) { return (unsigned)s < CERT_STATE__MAX ? cstates[s][0] : NULL; }
const char *cert_state_label(enum cert_state s) { return (unsigned)s < CERT_STATE__MAX ? cstates[s][1] : NULL; }

/* Appends one item to p. */
static void add(struct award_plan *p, enum award_kind k, size_t block)
{
	p->items[p->n].kind = k;
	p->items[p->n].block = block;
	p->n++;
}

/* The blocks side of award_plan: a CQPM or a CQPI. */
static int plan_blocks(const struct award_input *in, struct award_plan *out,
	struct rule_error *err)
{
	enum award_kind whole = in->kind == KIND_CQPM ? AWARD_CQPM : AWARD_CQPI;
	size_t covered = 0, complete = 1;

	if (in->nblocks == 0)
		return rule_fail(err, "R-JUR-12", "blocks",
			"Un CQPM se compose de blocs de compétences : aucun bloc n'est donné.");
	if (in->nblocks > CAT_MAX_BLOCKS)
		return rule_fail(err, "", "blocks", "Trop de blocs de compétences.");
	for (size_t b = 0; b < in->nblocks; b++) {
		int reg = !in->registered || in->registered[b];
		if (in->results && (unsigned)in->results[b] >= UNIT__MAX)
			return rule_fail(err, "", "results",
				"L'état du bloc n° %zu est inconnu.", b + 1);
		covered += reg != 0;
		if (!reg && !(in->kept && in->kept[b]))
			complete = 0;
	}
	if (covered == 0)
		return rule_fail(err, "R-JUR-12", "blocks",
			"L'inscription ne porte sur aucun bloc de compétences.");
	if (in->verdict == VERDICT_ADMITTED) {
		/*
		** Admission to the whole certification: the CQPM (annex 7),
		** and its CQPI when the CQPM is on the CQPI list (annex 9).
		** Admission to the blocks registered for: their certificates
		** (annex 8); and when those blocks and the blocks kept from an
		** earlier jury make every block of the CQPM, the CQPM is
		** obtained too (R-EVA-6: "un CQPM est obtenu lorsque tous ses
		** blocs sont acquis"), with its CQPI. The block certificates are
		** issued as well: they are what the candidate registered and was
		** admitted for.
		*/
		if (complete) {
			add(out, whole, 0);
			if (in->kind == KIND_CQPM && in->cqpi_listed)
				add(out, AWARD_CQPI, 0);
		}
		if (covered < in->nblocks)
			for (size_t b = 0; b < in->nblocks; b++)
				if (in->registered[b])
					add(out, AWARD_BLOCK, b);
		return 0;
	}
	/*
	** Not admitted: "pour les CQPM inscrits au RNCP", the blocks acquired
	** and validated (R-LET-3 (2)) each get their certificate (annex 8,
	** whose note says the block is registered at the RNCP). A block kept
	** from an earlier jury already has its certificate; a block outside
	** the registration was not evaluated here.
	*/
	if (!in->rncp_registered || !in->results)
		return 0;
	for (size_t b = 0; b < in->nblocks; b++)
		if ((!in->registered || in->registered[b]) && in->results[b] == UNIT_ACQUIRED)
			add(out, AWARD_BLOCK, b);
	return 0;
}

/*
** R-JUR-12: "La validation du jury paritaire de délibération permet
** d'attribuer au candidat : le CQPM ou bloc de compétences dont il a
** réussi les évaluations ET le CQPI correspondant, lorsque le CQPM obtenu
** correspond à une certification inscrite sur la liste des CQPI ; OU le
** CCPM dont il a réussi les évaluations ; le CCPI dont il a réussi les
** évaluations." The jury is sovereign (R-JUR-11): an admission awards
** what the registration covers, whatever the results say
** (award_against_results warns). A registration for a CQPI or a CCPI of
** the catalogue awards its own certificate (annex 9, annex 11).
*/
int award_plan(const struct award_input *in, struct award_plan *out,
	struct rule_error *err)
{
	memset(out, 0, sizeof *out);
	if (in->verdict != VERDICT_ADMITTED && in->verdict != VERDICT_NOT_ADMITTED)
		return rule_fail(err, "R-JUR-11", "verdict",
			"Aucune décision « A » ou « NA » du jury : rien ne peut être attribué.");
	switch (in->kind) {
	case KIND_CQPM:
	case KIND_CQPI:
		return plan_blocks(in, out, err);
	case KIND_CCPM:
	case KIND_CCPI:
		if (in->nblocks || in->registered)
			return rule_fail(err, "R-JUR-12", "blocks",
				"Un certificat de compétences professionnelles n'est pas découpé en blocs : il s'attribue en entier.");
		if (in->verdict == VERDICT_ADMITTED)
			add(out, in->kind == KIND_CCPM ? AWARD_CCPM : AWARD_CCPI, 0);
		return 0;
	default:
		return rule_fail(err, "R-JUR-12", "kind",
			"Le jury paritaire de délibération n'attribue que des CQPM, CQPI, CCPM et CCPI ; un parcours de professionnalisation certifiant est attribué par l'entreprise.");
	}
}

/* 1 if p has an item equal to it. */
static int plan_has(const struct award_plan *p, const struct award_item *it)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].kind == it->kind && p->items[i].block == it->block)
			return 1;
	return 0;
}

/* R-JUR-12 after a correction. */
void award_plan_diff(const struct award_plan *old, const struct award_plan *new_plan,
	int *cancel, int *issue)
{
	for (size_t i = 0; i < old->n; i++)
		cancel[i] = !plan_has(new_plan, &old->items[i]);
	for (size_t i = 0; i < new_plan->n; i++)
		issue[i] = !plan_has(old, &new_plan->items[i]);
}

/* R-JUR-11: a sovereign decision against the results. */
int award_against_results(enum jury_verdict v, enum unit_state certification)
{
	if (v == VERDICT_ADMITTED)
		return certification != UNIT_ACQUIRED;
	if (v == VERDICT_NOT_ADMITTED)
		return certification == UNIT_ACQUIRED;
	return 0;
}

/*
** R-LET-1..3. Interpretations:
** - the company: "L'UIMM […] informe le candidat et selon le cas
**   l'entreprise" (§4 A and B): the company the registration names, except
**   for an employee who acts without his employer's agreement — his
**   employer was kept out of the path (R-EVA-3), so he is not told of its
**   outcome.
** - the date: R-LET-2 and R-LET-3 say "datée du jour où s'est tenu le
**   jury"; the dispositif gives no date for the admission letter (§4 A),
**   and the same day is used, so that every letter of a jury bears the
**   date of its decision.
** - what was acquired: the units acquired at this jury (a block kept from
**   an earlier one was told in that jury's letter, with its own period).
*/
int letter_plan(const struct letter_input *in, struct letter_plan *out,
	struct rule_error *err)
{
	memset(out, 0, sizeof *out);
	if (in->verdict != VERDICT_ADMITTED && in->verdict != VERDICT_NOT_ADMITTED)
		return rule_fail(err, "R-JUR-11", "verdict",
			"Aucune décision « A » ou « NA » du jury : aucune lettre ne peut être établie.");
	if (!date_ok(in->jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	snprintf(out->dated, sizeof out->dated, "%s", in->jury_date);
	out->to_company = in->has_company && !in->without_employer_agreement;
	if (in->verdict == VERDICT_ADMITTED) {
		out->kind = LETTER_ADMISSION;
		return 0;
	}
	if (in->acquired_units == 0) {
		out->kind = LETTER_NOT_ADMITTED;
		return 0;
	}
	out->kind = LETTER_PARTIAL;
	out->pieces = 4;
	out->units_are_blocks = acquired_units_are_blocks(in->kind, in->rncp_registered);
	if (acquired_validity_months(in->rncp_registered, in->registered_validity,
	    &out->keep_months, err))
		return -1;
	return acquired_until(in->jury_date, in->rncp_registered,
		in->registered_validity, out->kept_until, err);
}

/* "5 ans", "1 an", "24 mois", "18 mois". */
static void duration_words(int months, char *out, size_t n)
{
	if (months % 12 == 0)
		snprintf(out, n, "%d an%s", months / 12, months / 12 > 1 ? "s" : "");
	else
		snprintf(out, n, "%d mois", months);
}

/* R-LET-3: the four pieces of information, as the dispositif lists them
** (ch. 3 §4 B). */
int letter_piece(const struct letter_plan *p, int i, const char *title,
	const char *code, struct buf *out)
{
	char d1[DATE_LEN], dur[32];
	const char *units = p->units_are_blocks ? "blocs de compétences acquis et validés" :
		"compétences professionnelles acquises et validées";

	if (p->kind != LETTER_PARTIAL)
		return -1;
	switch (i) {
	case 1:
		buf_printf(out, "Le jury paritaire de délibération réuni le %s n'a pas prononcé votre admission à la certification « %s » (%s).",
			date_fr(p->dated, d1), title ? title : "", code ? code : "");
		return 0;
	case 2:
		buf_puts(out, p->units_are_blocks ?
			"Vous avez acquis et validé les blocs de compétences suivants :" :
			"Vous avez acquis et validé les compétences professionnelles suivantes :");
		return 0;
	case 3:
		buf_puts(out, "Vous pouvez vous présenter à de nouvelles actions d'évaluation, par un parcours de formation ou par la validation des acquis de l'expérience (VAE), ");
		if (p->keep_months == VALIDITY_UNLIMITED) {
			buf_printf(out, "en conservant sans limite de durée le bénéfice des %s.", units);
		} else {
			duration_words(p->keep_months, dur, sizeof dur);
			buf_printf(out, "en conservant le bénéfice des %s pendant %s à compter de la décision du jury, soit jusqu'au %s inclus.",
				units, dur, date_fr(p->kept_until, d1));
		}
		buf_puts(out, " Votre réinscription peut être faite par l'intermédiaire d'une entreprise ou d'un organisme de formation habilité, ou directement par vous-même.");
		return 0;
	case 4:
		buf_puts(out, "Vous pouvez actualiser votre passeport orientation et formation en y mentionnant les compétences acquises et validées.");
		return 0;
	default:
		return -1;
	}
}

/*
** R-CER-2: the format of "MC…". The dispositif leaves the number blank
** ("N° Certificat MC .....", annexes 7 and 8). The issue to solve: unique
** nationally, sequential per centre and year, never reused, and typed by
** the public on the verification page. So:
** - the centre's national number (3 digits) makes numbers of different
**   centres differ without any coordination between them;
** - the year of the jury's decision (the date the certificate prints:
**   "à l'issue de la délibération du jury réuni le …") with a rank that
**   starts again at 1 each year gives the sequence per centre and year;
**   fixed widths make the numbers sort as they were issued;
** - a two-digit key (97 − n mod 97, the NIR's) tells a mistyped number
**   from an unknown one without asking the store;
** - nothing of the holder (name, birth date) is in it.
** A rank is sequential and so guessable: the public page limits its rate
** and shows only what the certificate shows.
*/
int cert_number_key(const struct cert_number *n)
{
	unsigned long long v = (unsigned long long)n->year * 100000000ULL +
		(unsigned long long)n->centre * 100000ULL + (unsigned long long)n->seq;

	return (int)(97 - v % 97);
}

/* 1 if every part of n is in range. */
static int number_in_range(const struct cert_number *n)
{
	return n->year >= 1900 && n->year <= 2200 && n->centre >= 1 &&
		n->centre <= CERT_CENTRE_MAX && n->seq >= 1 && n->seq <= CERT_SEQ_MAX;
}

/* Canonical form. */
int cert_number_format(const struct cert_number *n, char out[CERT_NUMBER_LEN])
{
	if (!number_in_range(n)) {
		out[0] = '\0';
		return -1;
	}
	snprintf(out, CERT_NUMBER_LEN, "MC%04d%03d%05ld%02d", n->year, n->centre,
		n->seq, cert_number_key(n));
	return 0;
}

/* Value of the k digits at s. */
static long digits(const char *s, int k)
{
	long v = 0;

	for (int i = 0; i < k; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Parses a typed number. */
int cert_number_parse(const char *s, struct cert_number *n,
	char canonical[CERT_NUMBER_LEN], struct rule_error *err)
{
	char c[CERT_NUMBER_LEN];
	struct cert_number v;
	size_t len = 0, in;

	if (canonical)
		canonical[0] = '\0';
	if (!s || !*s)
		return rule_fail(err, "", "number", "Le numéro de certificat est obligatoire.");
	in = strlen(s);
	if (in > 64)
		return rule_fail(err, "", "number", "Le numéro de certificat est trop long.");
	for (size_t i = 0; i < in; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '-' || ch == '.')
			continue;
		if (len == CERT_NUMBER_LEN - 1 || !(isdigit(ch) ||
		    ((ch == 'm' || ch == 'M' || ch == 'c' || ch == 'C') && len < 2)))
			return rule_fail(err, "R-CER-2", "number",
				"Un numéro de certificat s'écrit « MC » suivi de 14 chiffres, par exemple MC 2025 007 00042 09.");
		c[len++] = (char)toupper(ch);
	}
	c[len] = '\0';
	if (len != CERT_NUMBER_LEN - 1 || c[0] != 'M' || c[1] != 'C' ||
	    !isdigit((unsigned char)c[2]))
		return rule_fail(err, "R-CER-2", "number",
			"Un numéro de certificat s'écrit « MC » suivi de 14 chiffres, par exemple MC 2025 007 00042 09.");
	v.year = (int)digits(c + 2, 4);
	v.centre = (int)digits(c + 6, 3);
	v.seq = digits(c + 9, 5);
	if (!number_in_range(&v))
		return rule_fail(err, "R-CER-2", "number",
			"Le numéro de certificat %s n'existe pas : son année, son centre ou son rang sort des valeurs possibles.", c);
	if (digits(c + 14, 2) != cert_number_key(&v))
		return rule_fail(err, "R-CER-2", "number",
			"Le numéro de certificat %s est mal saisi : sa clé de contrôle ne correspond pas.", c);
	if (n)
		*n = v;
	if (canonical)
		memcpy(canonical, c, CERT_NUMBER_LEN);
	return 0;
}

/* "MC 2025 007 00042 09". */
const char *cert_number_display(const char *canonical,
	char out[CERT_NUMBER_DISPLAY_LEN])
{
	struct cert_number n;
	char c[CERT_NUMBER_LEN];

	if (!canonical || strlen(canonical) != CERT_NUMBER_LEN - 1 ||
	    cert_number_parse(canonical, &n, c, NULL) || strcmp(c, canonical)) {
		snprintf(out, CERT_NUMBER_DISPLAY_LEN, "?");
		return out;
	}
	snprintf(out, CERT_NUMBER_DISPLAY_LEN, "MC %.4s %.3s %.5s %.2s",
		c + 2, c + 6, c + 9, c + 14);
	return out;
}

/* R-CER-2: the next number, never reused. */
int cert_number_next(const char *last, int centre, const char *jury_date,
	char out[CERT_NUMBER_LEN], struct rule_error *err)
{
	struct cert_number n;
	int year;

	out[0] = '\0';
	if (date_parse(jury_date, &year, NULL, NULL))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (centre < 1 || centre > CERT_CENTRE_MAX)
		return rule_fail(err, "", "centre",
			"Le numéro national du centre doit être compris entre 1 et %d.", CERT_CENTRE_MAX);
	n.year = year;
	n.centre = centre;
	n.seq = 1;
	if (last && *last) {
		struct cert_number l;
		if (cert_number_parse(last, &l, NULL, err))
			return -1;
		if (l.centre != centre || l.year != year)
			return rule_fail(err, "R-CER-2", "number",
				"Le dernier numéro délivré donné appartient à un autre centre ou à une autre année : les numéros se suivent par centre et par année.");
		if (l.seq >= CERT_SEQ_MAX)
			return rule_fail(err, "R-CER-2", "number",
				"Les %ld numéros de certificat de l'année %d sont épuisés pour ce centre.",
				CERT_SEQ_MAX, year);
		n.seq = l.seq + 1;
	}
	return cert_number_format(&n, out);
}

/* R-JUR-11, R-JUR-12: cancellation after a correction. */
int cert_cancel(struct certificate *c, const char *date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (c->state != CERT_ISSUED)
		return rule_fail(err, "R-CER-1", "state",
			"Le certificat n° %s est déjà annulé.", c->number);
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date d'annulation est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, c->issued_on) < 0)
		return rule_fail(err, "R-CER-1", "date",
			"Le certificat délivré le %s ne peut pas être annulé le %s, avant sa délivrance.",
			date_fr(c->issued_on, d1), date_fr(date, d2));
	c->state = CERT_CANCELLED;
	snprintf(c->cancelled_on, sizeof c->cancelled_on, "%s", date);
	return 0;
}

/* R-CER-1: a duplicate certified conform keeps the number. */
int cert_duplicate(const struct certificate *orig, int duplicates_so_far,
	const char *date, struct certificate *dup, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (orig->duplicate)
		return rule_fail(err, "R-CER-1", "number",
			"Un duplicata s'établit d'après l'original du certificat, pas d'après un autre duplicata.");
	if (orig->state != CERT_ISSUED)
		return rule_fail(err, "R-CER-1", "state",
			"Le certificat n° %s a été annulé : il ne peut pas faire l'objet d'un duplicata.",
			orig->number);
	if (cert_number_parse(orig->number, NULL, NULL, err))
		return -1;
	if (duplicates_so_far < 0)
		return rule_fail(err, "", "duplicate", "Le nombre de duplicatas est invalide.");
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date du duplicata est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, orig->issued_on) < 0)
		return rule_fail(err, "R-CER-1", "date",
			"Un duplicata du %s ne peut pas précéder l'original délivré le %s.",
			date_fr(date, d1), date_fr(orig->issued_on, d2));
	*dup = *orig;
	dup->duplicate = duplicates_so_far + 1;
	snprintf(dup->issued_on, sizeof dup->issued_on, "%s", date);
	return 0;
}

/* R-CER-1: the mention of a duplicate. */
const char *cert_duplicate_mention(const struct certificate *c, char *out,
	size_t n)
{
	char disp[CERT_NUMBER_DISPLAY_LEN], d1[DATE_LEN];

	if (!n)
		return out;
	if (!c->duplicate) {
		out[0] = '\0';
		return out;
	}
	snprintf(out, n, "Duplicata certifié conforme à l'original, sous le même numéro %s, établi le %s.",
		cert_number_display(c->number, disp), date_fr(c->issued_on, d1));
	return out;
}
