/*
** The certificates of annexes 7 to 11 (R-JUR-12, R-CER-1, R-CER-2): see
** jurydoc.h. The wording is the annexes': the commission, the title of
** the certificate, « N° Certificat MC … » in its display form, the
** certification (or the block) with its code and level, the holder and
** his birth, the jury's date, « Fait à … le … », the two signatures, the
** annex's footnote with the RNCP registration date when the
** certification is registered (« R »). A duplicate carries its mention
** (R-CER-1); a cancelled certificate says so above everything. The QR
** code at the foot of the page leads to the public verification of the
** number. The CQPI and the CCPI have the charter's text on their verso
** (a second page).
*/
#include "doc/jurydoc_int.h"
#include "core/award.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include <stdio.h>
#include <string.h>

#define QR_SIZE 68.0

static const char CPNE[] = "Commission Paritaire Nationale de l'Emploi de la Métallurgie";
static const char CPNEF[] = "Commission Paritaire Nationale de l'Emploi et de la Formation "
	"Professionnelle de la Métallurgie";
static const char UIMM_SIGN[] = "Le Président de l'UIMM\nou, par délégation,\nLe Président de "
	"la Chambre Syndicale Territoriale\nde la métallurgie adhérente de l'UIMM";

static const char CQPI_VERSO[] =
	"Les fédérations signataires de la présente charte ont décidé de construire en commun des "
	"Certificats de Qualifications Professionnelles Inter-branches, et d'en reconnaître entre "
	"elles la validité, quelle que soit la fédération d'origine du certificat. Ces "
	"qualifications ont pour objectifs d'évaluer et de valider des capacités ou compétences "
	"professionnelles mises en œuvre dans l'entreprise et, en conséquence, elles témoignent de "
	"capacités utiles pour exercer des métiers ou pour tenir des emplois ou des postes. "
	"Toutefois, elles ne peuvent en aucun cas être assimilées à ces notions car l'articulation "
	"entre qualifications, emplois, postes ou métiers peut varier d'une entreprise à une autre.\n\n"
	"Cette décision résulte des travaux d'un groupe de réflexion, composé de représentants de "
	"ces fédérations, qui a considéré qu'une telle proposition était de nature à répondre aux "
	"besoins communs en qualifications professionnelles compte tenu de la proximité des "
	"métiers, et permettait par ailleurs de favoriser « l'employabilité » et la « mobilité » "
	"des salariés par une valorisation de leurs acquis validée par une « certification » "
	"commune.\n\n"
	"Cette démarche a également pour objectifs de promouvoir nos métiers et de répondre au "
	"risque de pénurie dans certains métiers.\n\n"
	"Ces différents objectifs ne peuvent être véritablement atteints que si l'ensemble des "
	"professions a des pratiques et des messages communs. La lisibilité est ainsi une "
	"condition de l'attractivité.";
static const char CQPI_NB[] = "N.B. Pour connaître les branches professionnelles qui "
	"reconnaissent les différents CQPI, en faire la demande à la commission paritaire "
	"nationale de l'emploi de sa branche.";
static const char CCPI_VERSO[] =
	"Le Certificat de Compétences Professionnelles Interbranches (CCPI) est une reconnaissance "
	"de capacités ou compétences communes et transversales reconnues par les Branches "
	"adhérentes à la charte. Il a vocation à faire l'objet d'une procédure de recensement à "
	"l'Inventaire.\n\n"
	"La Charte paritaire CCPI inscrit dans les principes et objectifs posés par les partenaires "
	"sociaux, fixés dans le cadre des accords interprofessionnels en matière de formation "
	"qu'au sein du COPANEF : les certifications professionnelles interbranches ont pour "
	"objectif de valider une maîtrise professionnelle à la suite d'un processus de "
	"vérification de cette maîtrise. Elles contribuent ainsi à la sécurisation des parcours et "
	"de l'évolution professionnelle.\n\n"
	"Sur la base de ces principes généraux, les partenaires sociaux de la présente charte ont "
	"décidé de construire en commun des CCPI, certifications transversales, constituées d'un "
	"ensemble homogène et cohérent de compétences qui s'apparente à une activité ou une "
	"mission, reconnue par plusieurs Branches Professionnelles.";
static const char CCPI_NB[] = "NB : pour connaître les Branches Professionnelles qui "
	"reconnaissent les différents CCPI, contacter le secrétariat de la Commission Paritaire "
	"Nationale Emploi Formation de sa Branche.";

/* The certification is registered at the RNCP ("R"). */
static int rncp_registered(const json_t *cert)
{
	const json_t *r = json_object_get(cert, "rncp");
	return json_is_true(r) || (json_is_string(r) && *json_string_value(r)) ||
	       (json_is_integer(r) && json_integer_value(r));
}

static void centred(struct jd *x, int style, const char *text)
{
	pdf_paragraph(x->d, style | PDF_CENTER, text);
}

/* "(Niveau 4 selon le Cadre National des Certifications Professionnelles)". */
static void level_line(struct jd *x, const json_t *cert)
{
	const json_t *lv = json_object_get(cert, "level");
	char s[160];
	if (json_is_integer(lv) && json_integer_value(lv) > 0)
		snprintf(s, sizeof s, "(Niveau %d selon le Cadre National des Certifications "
			"Professionnelles)", (int)json_integer_value(lv));
	else if (json_is_string(lv) && *json_string_value(lv))
		snprintf(s, sizeof s, "(Niveau %.10s selon le Cadre National des Certifications "
			"Professionnelles)", json_string_value(lv));
	else
		return;
	centred(x, PDF_BODY, s);
}

/* The holder, his birth, the jury, « Fait à … le … ». */
static void holder_lines(struct jd *x, const json_t *c, int ccpi)
{
	const json_t *h = json_object_get(c, "holder");
	const json_t *jury = json_object_get(c, "jury");
	const json_t *centre = json_object_get(c, "centre");
	struct buf *b = &x->b[0];
	char w[JD_DATE_WORDS];

	buf_reset(b);
	buf_printf(b, ccpi ? "Le présent certificat a été délivré à %s" : "Délivré à : %s",
		jd_or(jstr(h, "name"), "—"));
	centred(x, PDF_H2, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Né(e) le %s", jd_date_words(jstr(h, "birth_date"), w));
	if (*jstr(h, "birth_town")) {
		buf_printf(b, " à %s", jstr(h, "birth_town"));
		if (*jstr(h, "birth_department"))
			buf_printf(b, " (%s)", jstr(h, "birth_department"));
	}
	centred(x, PDF_BODY, buf_str(b));
	pdf_space(x->d, 10);
	if (ccpi) {
		centred(x, PDF_BODY, "Sous l'égide de la commission paritaire nationale de l'emploi "
			"et de la formation professionnelle de la métallurgie");
	}
	buf_reset(b);
	buf_printf(b, "À l'issue de la délibération du jury réuni le %s",
		jd_date_words(jstr(jury, "date"), w));
	centred(x, PDF_BODY, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Fait à %s le %s", jd_or(jstr(jury, "place"), jd_or(jstr(centre, "city"), "—")),
		jd_date_words(jd_or(jstr(c, "issued_on"), jstr(jury, "date")), w));
	centred(x, PDF_BODY, buf_str(b));
}

static void signatures(struct jd *x, const json_t *c, int ccpi)
{
	static const double w[2] = { 0.5, 0.5 };
	struct buf *l = &x->b[0], *r = &x->b[1];
	const char *row[2];
	const int styles[2] = { PDF_BODY | PDF_CENTER, PDF_BODY | PDF_CENTER };

	buf_reset(l);
	buf_reset(r);
	buf_printf(l, "%s\n%s", ccpi ? "Le Président du jury" : "Le Président du jury de délibération",
		jstr(c, "president"));
	if (ccpi)
		buf_puts(r, "Le Titulaire");
	else
		buf_printf(r, "%s\n%s", UIMM_SIGN, jstr(json_object_get(c, "centre"), "signatory"));
	row[0] = buf_str(l);
	row[1] = buf_str(r);
	pdf_space(x->d, 14);
	pdf_table_begin(x->d, 2, w, NULL);
	pdf_table_plain(x->d);
	pdf_table_row_styled(x->d, row, styles);
	pdf_table_end(x->d);
	if (ccpi || !x->o->signature ||
	    pdf_image(x->d, x->o->signature, x->o->signature_len, 130, 55, PDF_RIGHT))
		pdf_space(x->d, 50);
}

/* The annex's footnote ("" for none) into b. */
static const char *footnote(struct buf *b, int kind, const json_t *cert)
{
	char w[JD_DATE_WORDS];
	const char *rd = jstr(cert, "rncp_date");
	int r = rncp_registered(cert);

	buf_reset(b);
	switch (kind) {
	case AWARD_CQPM:
		buf_puts(b, "* Certification professionnelle validée par la Commission paritaire "
			"nationale de l'emploi de la métallurgie et classée selon le cadre national des "
			"certifications professionnelles suivant les règles définies par la Commission "
			"paritaire nationale de l'emploi de la métallurgie.");
		if (r) {
			buf_puts(b, "\nR → Le CQPM correspondant est répertorié par France Compétences au "
				"Répertoire National des Certifications Professionnelles");
			if (*rd)
				buf_printf(b, " en date du %s", jd_date_words(rd, w));
			buf_puts(b, ".");
		}
		break;
	case AWARD_BLOCK:
		buf_puts(b, "* Certification validée par la Commission paritaire nationale de l'emploi "
			"de la métallurgie.");
		if (r) {
			buf_puts(b, " Le bloc de compétences correspondant est inscrit au Répertoire "
				"National des Certifications Professionnelles auprès de France Compétences");
			if (*rd)
				buf_printf(b, " en date du %s", jd_date_words(rd, w));
			buf_puts(b, ".");
		}
		break;
	case AWARD_CCPM:
		buf_puts(b, "* Certification professionnelle validée par la Commission paritaire "
			"nationale de l'emploi de la métallurgie.");
		if (r) {
			buf_puts(b, "\nR → Le CCPM correspondant est répertorié par France Compétences au "
				"Répertoire National des Certifications Professionnelles");
			if (*rd)
				buf_printf(b, " en date du %s", jd_date_words(rd, w));
			buf_puts(b, ".");
		}
		break;
	default:
		break;
	}
	return buf_str(b);
}

/* The QR code and the footnote, at the foot of the page. */
static void foot(struct jd *x, const json_t *c, int kind)
{
	const json_t *cert = json_object_get(c, "certification");
	struct buf *u = &x->b[2], *f = &x->b[3];
	const char *base = x->o->verify_base_url;
	double need = 0, left;
	int qr = base && *base && *jstr(c, "verify_path");

	footnote(f, kind, cert);
	buf_reset(u);
	if (qr) {
		size_t n = strlen(base);
		buf_printf(u, "%.*s%s", (int)(n && base[n - 1] == '/' && jstr(c, "verify_path")[0] == '/' ?
			n - 1 : n), base, jstr(c, "verify_path"));
	}
	buf_reset(&x->b[1]);
	if (qr) {
		buf_printf(&x->b[1], "Vérifier ce certificat : %s", buf_str(u));
		need += QR_SIZE + 4 + pdf_text_height(x->d, PDF_SMALL | PDF_RAW, buf_str(&x->b[1])) + 8;
	}
	if (f->len)
		need += pdf_text_height(x->d, PDF_SMALL, buf_str(f)) + 8;
	left = pdf_remaining(x->d);
	if (left > need + 4)
		pdf_space(x->d, left - need - 4);
	if (qr && !pdf_qr(x->d, buf_str(u), QR_SIZE, 0)) {
		pdf_paragraph(x->d, PDF_SMALL | PDF_RAW, buf_str(&x->b[1]));
		pdf_space(x->d, 4);
	}
	if (f->len)
		pdf_paragraph(x->d, PDF_SMALL, buf_str(f));
}

/* The recto: everything above the signatures, by kind. */
static void recto(struct jd *x, const json_t *c, int kind)
{
	const json_t *cert = json_object_get(c, "certification");
	struct buf *b = &x->b[0];
	char w[JD_DATE_WORDS], disp[CERT_NUMBER_DISPLAY_LEN];
	const char *num = jstr(c, "number");

	if (!strcmp(jstr(c, "state"), "cancelled")) {
		buf_reset(b);
		buf_printf(b, "CERTIFICAT ANNULÉ%s%s", *jstr(c, "cancelled_on") ? " le " : "",
			*jstr(c, "cancelled_on") ? jd_date_words(jstr(c, "cancelled_on"), w) : "");
		centred(x, PDF_H1, buf_str(b));
	}
	centred(x, PDF_H3, kind == AWARD_CQPM ? CPNE : CPNEF);
	pdf_space(x->d, 16);
	switch (kind) {
	case AWARD_CQPM: centred(x, PDF_TITLE, "CERTIFICAT DE QUALIFICATION PARITAIRE DE LA MÉTALLURGIE"); break;
	case AWARD_BLOCK: centred(x, PDF_TITLE, "CERTIFICAT DE BLOC DE COMPÉTENCES"); break;
	case AWARD_CQPI: centred(x, PDF_TITLE, "CERTIFICAT DE QUALIFICATION PROFESSIONNELLE INTERBRANCHES"); break;
	case AWARD_CCPM: centred(x, PDF_TITLE, "CERTIFICAT DE COMPÉTENCES PROFESSIONNELLES DE LA MÉTALLURGIE"); break;
	default: centred(x, PDF_TITLE, "CERTIFICAT DE COMPÉTENCES PROFESSIONNELLES INTERBRANCHES"); break;
	}
	buf_reset(b);
	/* R-CER-2: the number in its display form "MC 2026 007 00042 09" */
	buf_printf(b, "N° Certificat %s", *jstr(c, "display") ? jstr(c, "display") :
		cert_number_display(num, disp));
	centred(x, PDF_H2 | PDF_RAW, buf_str(b));
	/* R-CER-1 */
	if (*jstr(c, "duplicate_mention"))
		centred(x, PDF_ITALIC, jstr(c, "duplicate_mention"));
	pdf_space(x->d, 18);
	buf_reset(b);
	switch (kind) {
	case AWARD_BLOCK:
		centred(x, PDF_BOLD, "Intitulé du bloc de compétences");
		buf_printf(b, "%s *", jd_or(jstr(c, "unit_title"), "—"));
		centred(x, PDF_H1, buf_str(b));
		centred(x, PDF_BODY | PDF_RAW, jstr(c, "unit_code"));
		buf_reset(b);
		buf_printf(b, "Bloc de la certification %s « %s »", jstr(cert, "code"), jstr(cert, "title"));
		centred(x, PDF_SMALL, buf_str(b));
		break;
	case AWARD_CQPM:
	case AWARD_CCPM:
		buf_printf(b, "%s %s *", kind == AWARD_CQPM ? "CQPM" : "CCPM", jstr(cert, "title"));
		centred(x, PDF_H1, buf_str(b));
		centred(x, PDF_BODY | PDF_RAW, jstr(cert, "code"));
		level_line(x, cert);
		break;
	default:
		buf_printf(b, "%s %s", kind == AWARD_CQPI ? "CQPI" : "CCPI", jstr(cert, "title"));
		centred(x, PDF_H1, buf_str(b));
		centred(x, PDF_BODY | PDF_RAW, jstr(cert, "code"));
		if (kind == AWARD_CQPI)
			level_line(x, cert);
		break;
	}
	pdf_space(x->d, 22);
	holder_lines(x, c, kind == AWARD_CCPI);
	signatures(x, c, kind == AWARD_CCPI);
	foot(x, c, kind);
}

static void verso(struct jd *x, int kind)
{
	if (kind != AWARD_CQPI && kind != AWARD_CCPI)
		return;
	pdf_page_break(x->d);
	centred(x, PDF_H1, kind == AWARD_CQPI ? "CERTIFICAT DE QUALIFICATION PROFESSIONNELLE "
		"INTERBRANCHES" : "CERTIFICAT DE COMPÉTENCES PROFESSIONNELLES INTERBRANCHES");
	pdf_space(x->d, 10);
	pdf_paragraph(x->d, PDF_BODY, kind == AWARD_CQPI ? CQPI_VERSO : CCPI_VERSO);
	pdf_space(x->d, 8);
	pdf_paragraph(x->d, PDF_ITALIC, kind == AWARD_CQPI ? CQPI_NB : CCPI_NB);
	pdf_space(x->d, 16);
	centred(x, PDF_H2, kind == AWARD_CQPI ? "CQPI — Certificat de Qualification Professionnelle "
		"Interbranches" : "CCPI — Certificat de Compétences Professionnelles Interbranches");
}

/* The certificate's kind, or -1 when c is not a certificate. */
static int cert_kind(const json_t *c)
{
	if (!json_is_object(c) || !*jstr(c, "number"))
		return -1;
	return award_kind_from_code(jstr(c, "kind"));
}

int doc_certificates(const json_t *const *certs, size_t n, const struct jurydoc_opts *o)
{
	struct jd x;
	struct jd_open p = { 0 };
	char title[200];
	int rc = jd_opts_check(o);

	if (rc)
		return rc;
	if (!certs || !n)
		return jd_fail(o, "Certificat : aucun certificat à imprimer.");
	for (size_t i = 0; i < n; i++)
		if (cert_kind(certs[i]) < 0)
			return jd_fail(o, "Certificat : document de certificat invalide (numéro ou nature).");
	if (n == 1)
		snprintf(title, sizeof title, "%s n° %.40s", award_kind_label(
			(enum award_kind)cert_kind(certs[0])), jstr(certs[0], "number"));
	else
		snprintf(title, sizeof title, "Certificats — %zu documents", n);
	p.title = title;
	p.subject = "Annexes 7 à 11 — R-CER-2";
	p.author = jd_or(jstr(json_object_get(certs[0], "centre"), "name"), "cqpm");
	p.plain = 1;
	if ((rc = jd_begin(&x, o, &p)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		int kind = cert_kind(certs[i]);
		if (i)
			pdf_section(x.d, NULL, NULL, NULL);
		recto(&x, certs[i], kind);
		verso(&x, kind);
	}
	return jd_end(&x);
}

int doc_certificate(const json_t *cert, const struct jurydoc_opts *o)
{
	return doc_certificates(&cert, 1, o);
}
