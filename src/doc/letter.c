/*
** The letter that informs a candidate of the jury's decision (R-LET-1..3):
** see jurydoc.h. Which letter, its date, whether the company is informed
** and the four pieces of information of R-LET-3 come written in the
** candidate's "letter" (core/award.h: letter_plan, letter_piece); this
** file lays them out on the centre's letterhead, addressed to the
** candidate, signed by the president of the jury.
*/
#include "doc/jurydoc_int.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include <stdio.h>
#include <string.h>

/* The candidate's postal address block. */
static const char *addressee(struct buf *b, const json_t *id)
{
	buf_reset(b);
	buf_puts(b, jstr(id, "name"));
	if (*jstr(id, "address"))
		buf_printf(b, "\n%s", jstr(id, "address"));
	if (*jstr(id, "postal_code") || *jstr(id, "city"))
		buf_printf(b, "\n%s %s", jstr(id, "postal_code"), jstr(id, "city"));
	return buf_str(b);
}

/* R-LET-1: the certificates the admission awards. */
static void admission_body(struct jd *x, const json_t *jury, const json_t *cand)
{
	const json_t *cert = json_object_get(cand, "certification"), *c;
	struct buf *b = &x->b[0];
	char w[JD_DATE_WORDS];
	size_t i, n = 0;

	buf_reset(b);
	buf_printf(b, "Nous avons le plaisir de vous informer que le jury paritaire de délibération "
		"réuni le %s a prononcé votre admission à la certification « %s » (%s).",
		jd_date_words(jstr(jury, "date"), w), jstr(cert, "title"), jstr(cert, "code"));
	pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	buf_reset(b);
	json_array_foreach(json_object_get(cand, "certificates"), i, c) {
		if (!strcmp(jstr(c, "state"), "cancelled"))
			continue;
		buf_printf(b, "%s– %s", n++ ? "\n" : "", jd_or(jstr(c, "kind_label"), jstr(c, "kind")));
		if (*jstr(c, "unit_code"))
			buf_printf(b, " %s « %s »", jstr(c, "unit_code"), jstr(c, "unit_title"));
		buf_printf(b, ", n° %s", jd_or(jstr(c, "display"), jstr(c, "number")));
	}
	if (n) {
		pdf_paragraph(x->d, PDF_BODY, n > 1 ? "Les certificats suivants vous sont délivrés :" :
			"Le certificat suivant vous est délivré :");
		pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	}
	pdf_paragraph(x->d, PDF_BODY, "Nous vous adressons nos sincères félicitations.");
}

/* R-LET-3: the four pieces, the acquired units listed after the second. */
static void partial_body(struct jd *x, const json_t *letter, const json_t *cand)
{
	const json_t *pieces = json_object_get(letter, "pieces"), *a;
	struct buf *b = &x->b[0];
	size_t i, k;

	for (i = 0; i < 4; i++) {
		pdf_paragraph(x->d, PDF_BODY, json_string_value(json_array_get(pieces, i)) ?
			json_string_value(json_array_get(pieces, i)) : "");
		if (i != 1)
			continue;
		buf_reset(b);
		json_array_foreach(json_object_get(cand, "acquired"), k, a)
			buf_printf(b, "%s– %s — %s", k ? "\n" : "", jstr(a, "code"), jstr(a, "title"));
		if (b->len)
			pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	}
}

/* R-LET-2: nothing acquired. */
static void refusal_body(struct jd *x, const json_t *jury, const json_t *cand)
{
	const json_t *cert = json_object_get(cand, "certification");
	struct buf *b = &x->b[0];
	char w[JD_DATE_WORDS];

	buf_reset(b);
	buf_printf(b, "Le jury paritaire de délibération réuni le %s n'a pas prononcé votre admission "
		"à la certification « %s » (%s).", jd_date_words(jstr(jury, "date"), w),
		jstr(cert, "title"), jstr(cert, "code"));
	pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	pdf_paragraph(x->d, PDF_BODY, "À l'issue de ses évaluations, aucun bloc de compétences ni "
		"aucune compétence n'a pu être validé. Vous pouvez vous présenter à de nouvelles actions "
		"d'évaluation, par un parcours de formation ou par la validation des acquis de "
		"l'expérience (VAE), en vous réinscrivant par l'intermédiaire d'une entreprise, d'un "
		"organisme de formation habilité ou directement auprès du centre de certification.");
}

int doc_candidate_letter(const json_t *jury, const json_t *cand, const struct jurydoc_opts *o)
{
	const json_t *centre = json_object_get(jury, "centre");
	const json_t *letter = json_object_get(cand, "letter");
	const json_t *id = json_object_get(cand, "identity");
	const json_t *co = json_object_get(cand, "company");
	const json_t *cert = json_object_get(cand, "certification");
	const char *kind = jstr(letter, "kind");
	struct jd x;
	struct buf *b;
	int rc = jd_opts_check(o), partial, admission;

	if (rc)
		return rc;
	if (!json_is_object(jury) || !json_is_object(cand))
		return jd_fail(o, "Lettre : jury ou candidat manquant.");
	if (!json_is_object(id) || !*jstr(id, "name"))
		return jd_fail(o, "Lettre : l'identité du candidat n'est pas connue (jury anonyme).");
	if (!json_is_object(letter))
		return jd_fail(o, "Lettre : le jury n'a pas encore rendu de décision définitive pour ce candidat.");
	admission = !strcmp(kind, "admission");
	partial = !strcmp(kind, "non_admission_partial");
	if (!admission && !partial && strcmp(kind, "non_admission"))
		return jd_fail(o, "Lettre : nature de lettre inconnue.");
	if (partial && json_array_size(json_object_get(letter, "pieces")) != 4)
		return jd_fail(o, "Lettre (R-LET-3) : les quatre informations sont attendues.");
	if ((rc = jd_letter_begin(&x, o, centre, jd_or(jstr(letter, "label"), "Lettre au candidat"),
	    jd_or(jstr(letter, "rule"), "R-LET"))))
		return rc;
	b = &x.b[1];
	jd_addressee(&x, addressee(b, id));
	/* R-LET-2, R-LET-3: dated the day of the jury */
	jd_place_date(&x, jd_town(jury), jd_or(jstr(letter, "dated"), jstr(jury, "date")));
	buf_reset(b);
	buf_printf(b, "%s — %s (%s)", admission ? "délivrance de la certification" :
		"décision du jury paritaire de délibération", jstr(cert, "title"), jstr(cert, "code"));
	jd_subject(&x, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Madame, Monsieur,");
	if (admission)
		admission_body(&x, jury, cand);
	else if (partial)
		partial_body(&x, letter, cand);
	else
		refusal_body(&x, jury, cand);
	pdf_paragraph(x.d, PDF_BODY, "Nous vous prions d'agréer, Madame, Monsieur, l'expression "
		"de nos salutations distinguées.");
	jd_signature(&x, "Le Président du jury paritaire de délibération",
		jstr(json_object_get(jury, "president"), "name"), 1);
	/* R-LET-1: the company is informed */
	if (admission && json_is_true(json_object_get(letter, "to_company")) && json_is_object(co)) {
		buf_reset(b);
		buf_printf(b, "Copie adressée à l'entreprise : %s", jstr(co, "name"));
		if (*jstr(co, "address"))
			buf_printf(b, ", %s", jstr(co, "address"));
		buf_puts(b, ".");
		pdf_paragraph(x.d, PDF_SMALL, buf_str(b));
	}
	return jd_end(&x);
}
