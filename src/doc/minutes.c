/*
** The minutes of the jury paritaire de délibération (procès-verbal,
** annex 14, R-JUR-11): see jurydoc.h. One section per certification
** examined, its candidates in a table of the annex's nine columns, A4
** landscape. The names are those of the candidates (note 3); a jury
** document without them (a member's view before the signature) prints the
** anonymous codes. A job seeker's company columns stay empty (note 7).
*/
#include "doc/jurydoc_int.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/identity.h"
#include <stdio.h>
#include <string.h>

#define NCOLS 9

/* Date and place of birth (note 4: town, département and country). */
static const char *birth_cell(struct buf *b, const json_t *id)
{
	char fr[DATE_LEN];
	const char *bd = jstr(id, "birth_date");
	buf_reset(b);
	if (!json_is_object(id))
		return "";
	buf_puts(b, date_ok(bd) ? date_fr(bd, fr) : bd);
	if (*jstr(id, "birth_town")) {
		buf_printf(b, "\n%s", jstr(id, "birth_town"));
		if (*jstr(id, "birth_department"))
			buf_printf(b, " (%s)", jstr(id, "birth_department"));
	}
	if (*jstr(id, "birth_country"))
		buf_printf(b, "\n%s", jstr(id, "birth_country"));
	return buf_str(b);
}

static void candidate_row(struct jd *x, const json_t *c)
{
	static const int styles[NCOLS] = { PDF_SMALL, PDF_SMALL, PDF_SMALL | PDF_RAW,
		PDF_SMALL | PDF_RAW, PDF_SMALL, PDF_SMALL | PDF_RAW, PDF_SMALL, PDF_BOLD | PDF_RAW, PDF_SMALL };
	const json_t *id = json_object_get(c, "identity");
	const json_t *co = json_object_get(c, "company");
	const char *row[NCOLS] = { 0 };
	const char *dec = jstr(c, "decision");
	/* note 7: nothing of a company for a job seeker */
	int job_seeker = !strcmp(jstr(c, "origin"), "DE") || !json_is_object(co);

	row[0] = json_is_object(id) ? jstr(id, "name") : jd_or(jstr(c, "code"), "—");
	row[1] = birth_cell(&x->b[0], id);
	row[2] = jstr(c, "origin");
	row[3] = jstr(c, "funding");
	if (!job_seeker) {
		struct buf *b = &x->b[1], *s = &x->b[2];
		buf_reset(b);
		buf_puts(b, jstr(co, "name"));
		if (*jstr(co, "address"))
			buf_printf(b, "\n%s", jstr(co, "address"));
		row[4] = buf_str(b);
		row[5] = jstr(co, "nace");
		buf_reset(s);
		buf_puts(s, jstr(co, "sector"));
		if (*jstr(co, "sector_branch"))
			buf_printf(s, " (%s)", jstr(co, "sector_branch"));
		row[6] = buf_str(s);
	}
	/* note 5: A or NA, no other value */
	row[7] = !strcmp(dec, "A") || !strcmp(dec, "NA") ? dec : "";
	row[8] = jstr(c, "comment");
	pdf_table_row_styled(x->d, row, styles);
}

static void certification_section(struct jd *x, const json_t *jury, const json_t *cert)
{
	static const double w[NCOLS] = { 0.12, 0.11, 0.075, 0.09, 0.18, 0.07, 0.09, 0.085, 0.18 };
	static const char *const head[NCOLS] = {
		"Nom et prénom du (ou des) candidat(s) ³", "Date et lieu de naissance ⁴",
		"Origine du candidat ⁷", "Dispositif de financement", "Raison sociale, adresse",
		"Code NACE", "Secteur", "Décision du jury ⁵", "Commentaire ⁶" };
	const json_t *c;
	struct buf *b = &x->b[3];
	size_t i, n = 0;

	buf_reset(b);
	buf_printf(b, "Certification professionnelle : %s", jstr(cert, "code"));
	pdf_heading(x->d, PDF_H1, buf_str(b));
	buf_reset(b);
	buf_printf(b, "« %s »", jstr(cert, "title"));
	pdf_paragraph(x->d, PDF_H2, buf_str(b));
	json_array_foreach(json_object_get(jury, "candidates"), i, c) {
		if (strcmp(jstr(json_object_get(c, "certification"), "code"), jstr(cert, "code")))
			continue;
		if (!n++)
			pdf_table_begin(x->d, NCOLS, w, head);
		candidate_row(x, c);
	}
	if (n)
		pdf_table_end(x->d);
	else
		pdf_paragraph(x->d, PDF_ITALIC, "Aucun candidat n'a été présenté pour cette certification.");
}

int doc_minutes(const json_t *jury, const struct jurydoc_opts *o)
{
	static const char *const notes =
		"³ Dans ce procès-verbal, le(s) nom(s) du (ou des) candidat(s) admis ou non admis, quel "
		"que soit le secteur concerné, doi(ven)t être porté(s).\n"
		"⁴ Ville, département et pays du lieu de naissance du candidat.\n"
		"⁵ A : Admis, NA : Non admis (aucune autre valeur ne doit figurer dans cette rubrique).\n"
		"⁶ « CPF » en commentaire en cas d'abondement du compte personnel de formation.\n"
		"⁷ Pour les candidats demandeurs d'emploi (DE), les éléments concernant l'entreprise "
		"(raison sociale, adresse, code NACE, secteur) n'apparaissent pas.\n"
		"Dispositif de financement : CPF, compte personnel de formation ; CPFCA, CPF et contrat d'apprentissage ; CVAE, congé de VAE ; CP, contrat de "
		"professionnalisation ; CPE, contrat de professionnalisation expérimental ; CPFTP, CPF de "
		"transition professionnelle ; PDC, plan de développement des compétences ; POEC et POEI, "
		"préparation opérationnelle à l'emploi collective et individuelle ; PA, Pro-A. Origine : "
		"SL, salarié ; DE, demandeur d'emploi. Secteur : M, métaux ; HM, hors métaux (branche "
		"précisée).";
	const json_t *centre = json_object_get(jury, "centre"), *cert;
	struct jd x;
	struct jd_open p = { 0 };
	char w[JD_DATE_WORDS], hl[300], fl[120];
	struct buf *b;
	size_t i;
	int rc = jd_opts_check(o);

	if (rc)
		return rc;
	if (!json_is_object(jury) || !date_ok(jstr(jury, "date")))
		return jd_fail(o, "Procès-verbal : document du jury invalide (date du jury manquante).");
	snprintf(hl, sizeof hl, "Procès-verbal du jury paritaire de délibération — %.200s",
		jd_or(jstr(centre, "name"), jstr(centre, "code")));
	snprintf(fl, sizeof fl, "Jury du %.40s — %.40s", jd_date_words(jstr(jury, "date"), w),
		jd_or(jstr(jury, "place"), ""));
	p.title = "Procès-verbal du jury paritaire de délibération";
	p.subject = "Annexe 14 — R-JUR-11";
	p.author = jd_or(jstr(centre, "name"), "cqpm");
	p.landscape = 1;
	p.header_left = hl;
	p.header_right = "Annexe 14";
	p.footer_left = fl;
	if ((rc = jd_begin(&x, o, &p)))
		return rc;
	b = &x.b[3];
	pdf_heading(x.d, PDF_TITLE | PDF_CENTER, "Procès-verbal du jury paritaire de délibération");
	buf_reset(b);
	buf_printf(b, "%s — jury réuni le %s à %s", jd_or(jstr(centre, "name"), jstr(centre, "code")),
		jd_date_words(jstr(jury, "date"), w), jd_or(jstr(jury, "place"), "—"));
	pdf_paragraph(x.d, PDF_BODY | PDF_CENTER, buf_str(b));
	if (json_is_true(json_object_get(jury, "anonymous")))
		pdf_paragraph(x.d, PDF_ITALIC | PDF_CENTER, "Les candidats figurent sous leur code "
			"anonyme : leurs noms sont portés au procès-verbal signé.");
	json_array_foreach(json_object_get(jury, "certifications"), i, cert)
		certification_section(&x, jury, cert);
	pdf_space(x.d, 8);
	pdf_paragraph(x.d, PDF_SMALL, notes);
	if (*jstr(jury, "signed_on")) {
		buf_reset(b);
		buf_printf(b, "Signé le %s.", jd_date_words(jstr(jury, "signed_on"), w));
		pdf_paragraph(x.d, PDF_BODY | PDF_RIGHT, buf_str(b));
	}
	jd_signature(&x, "Signature\nLe Président du Jury Paritaire de Délibération",
		jstr(json_object_get(jury, "president"), "name"), 0);
	return jd_end(&x);
}
