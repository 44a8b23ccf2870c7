/*
** The documents of the jury: see jurydoc.h. This file has what they
** share (jurydoc_int.h) and the documents of the calendar and the
** composition: the designation request to a union (R-JUR-1), the notice
** to the CPREFP (R-JUR-8), the convocation (R-JUR-9), the attendance sheet
** (annex 13) and the letter to the GTP (annex 12). The certificates are
** in certificate.c, the candidates' letters in letter.c, the minutes in
** minutes.c.
*/
#include "doc/jurydoc_int.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/jury.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shared ------------------------------------------------------------------- */

int jd_fail(const struct jurydoc_opts *o, const char *msg)
{
	if (o && o->error)
		*o->error = msg;
	return JURYDOC_EINVAL;
}

int jd_opts_check(const struct jurydoc_opts *o)
{
	if (!o || !o->write)
		return jd_fail(o, "Document : aucune sortie.");
	if (!date_ok(o->date))
		return jd_fail(o, "Document : la date d'établissement est invalide (AAAA-MM-JJ).");
	if (o->verify_base_url && strlen(o->verify_base_url) > JURYDOC_URL_MAX)
		return jd_fail(o, "Document : l'adresse de vérification dépasse 256 caractères.");
	return 0;
}

int jd_begin(struct jd *x, const struct jurydoc_opts *o, const struct jd_open *p)
{
	struct pdf_meta m = { 0 };

	memset(x, 0, sizeof *x);
	x->o = o;
	if (o->timestamp && *o->timestamp)
		snprintf(x->stamp, sizeof x->stamp, "%s", o->timestamp);
	else
		snprintf(x->stamp, sizeof x->stamp, "%sT00:00:00", o->date);
	m.title = p->title;
	m.author = p->author;
	m.subject = p->subject;
	m.creator = "cqpm";
	m.create_date = x->stamp;
	m.header_left = p->header_left;
	m.header_right = p->header_right;
	m.footer_left = p->footer_left;
	m.landscape = p->landscape;
	m.plain = p->plain;
	x->d = pdf_open(o->write, o->warg, &m);
	if (!x->d)
		return JURYDOC_EIO;
	for (int i = 0; i < JD_NBUF; i++)
		buf_init(&x->b[i], (size_t)PDF_MAX_TEXT * 2);
	return 0;
}

int jd_letter_begin(struct jd *x, const struct jurydoc_opts *o, const json_t *centre,
	const char *title, const char *subject)
{
	struct jd_open p = { 0 };
	int rc;

	p.title = title;
	p.subject = subject;
	p.author = jd_or(jstr(centre, "name"), "cqpm");
	p.plain = 1;
	if ((rc = jd_begin(x, o, &p)))
		return rc;
	jd_letterhead(x, centre);
	return 0;
}

int jd_end(struct jd *x)
{
	int pages;
	pdf_section(x->d, NULL, NULL, NULL);
	pages = pdf_pages_done(x->d);
	for (int i = 0; i < JD_NBUF; i++)
		buf_release(&x->b[i]);
	if (pdf_close(x->d) || pages < 1)
		return JURYDOC_EIO;
	return pages;
}

const char *jd_date_words(const char *iso, char out[JD_DATE_WORDS])
{
	static const char *const months[12] = { "janvier", "février", "mars", "avril",
		"mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" };
	int y, m, d;
	if (!iso || date_parse(iso, &y, &m, &d))
		snprintf(out, JD_DATE_WORDS, "%.30s", iso ? iso : "");
	else
		snprintf(out, JD_DATE_WORDS, "%d%s %s %d", d, d == 1 ? "er" : "", months[m - 1], y);
	return out;
}

const char *jd_or(const char *a, const char *b)
{
	return a && *a ? a : b ? b : "";
}

void jd_letterhead(struct jd *x, const json_t *centre)
{
	struct buf *b = &x->b[3];
	if (x->o->letterhead && !pdf_image(x->d, x->o->letterhead, x->o->letterhead_len,
	    pdf_text_width(x->d), 80, 0)) {
		pdf_space(x->d, 8);
		return;
	}
	/* no image, or one that cannot be read: the centre in words */
	pdf_paragraph(x->d, PDF_H3, jd_or(jstr(centre, "name"), jstr(centre, "code")));
	buf_reset(b);
	if (*jstr(centre, "address"))
		buf_printf(b, "%s", jstr(centre, "address"));
	if (*jstr(centre, "email"))
		buf_printf(b, "%s%s", b->len ? "\n" : "", jstr(centre, "email"));
	if (b->len)
		pdf_paragraph(x->d, PDF_SMALL | PDF_RAW, buf_str(b));
	pdf_space(x->d, 8);
}

void jd_addressee(struct jd *x, const char *lines)
{
	static const double w[2] = { 0.5, 0.5 };
	const char *row[2] = { "", lines };
	pdf_space(x->d, 10);
	pdf_table_begin(x->d, 2, w, NULL);
	pdf_table_plain(x->d);
	pdf_table_row(x->d, row);
	pdf_table_end(x->d);
	pdf_space(x->d, 14);
}

const char *jd_town(const json_t *jury)
{
	const json_t *c = json_object_get(jury, "centre");
	return jd_or(jstr(jury, "place"), jd_or(jstr(c, "city"), jstr(c, "name")));
}

void jd_place_date(struct jd *x, const char *place, const char *iso)
{
	char w[JD_DATE_WORDS];
	struct buf *b = &x->b[3];
	buf_reset(b);
	if (place && *place)
		buf_printf(b, "À %s, le %s", place, jd_date_words(iso, w));
	else
		buf_printf(b, "Le %s", jd_date_words(iso, w));
	pdf_paragraph(x->d, PDF_BODY | PDF_RIGHT, buf_str(b));
	pdf_space(x->d, 10);
}

void jd_subject(struct jd *x, const char *subject)
{
	struct buf *b = &x->b[3];
	buf_reset(b);
	buf_printf(b, "Objet : %s", subject);
	pdf_paragraph(x->d, PDF_BOLD, buf_str(b));
	pdf_space(x->d, 8);
}

void jd_signature(struct jd *x, const char *quality, const char *name, int image)
{
	static const double w[2] = { 0.5, 0.5 };
	struct buf *b = &x->b[3];
	const char *row[2] = { "", NULL };
	buf_reset(b);
	buf_printf(b, "%s\n%s", quality, jd_or(name, ""));
	row[1] = buf_str(b);
	pdf_space(x->d, 14);
	pdf_table_begin(x->d, 2, w, NULL);
	pdf_table_plain(x->d);
	pdf_table_row(x->d, row);
	pdf_table_end(x->d);
	if (!image || !x->o->signature ||
	    pdf_image(x->d, x->o->signature, x->o->signature_len, 150, 60, PDF_RIGHT))
		pdf_space(x->d, 40);   /* room to sign by hand */
}

void jd_bullets(struct jd *x, const char *const *items, size_t n)
{
	struct buf *b = &x->b[2];
	buf_reset(b);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s– %s", i ? "\n" : "", items[i]);
	if (n)
		pdf_paragraph(x->d, PDF_BODY, buf_str(b));
}

const json_t *jurydoc_candidate(const json_t *jury, const char *ref)
{
	const json_t *c;
	size_t i;
	if (!ref || !*ref)
		return NULL;
	json_array_foreach(json_object_get(jury, "candidates"), i, c) {
		const json_t *rid = json_object_get(c, "registration_id");
		char num[32];
		if (*jstr(c, "code") && !strcmp(jstr(c, "code"), ref))
			return c;
		if (json_is_integer(rid)) {
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(rid));
			if (!strcmp(num, ref))
				return c;
		}
	}
	return NULL;
}

/* What every jury document checks: the options, a jury with its date. */
static int jury_check(const json_t *jury, const struct jurydoc_opts *o)
{
	int rc = jd_opts_check(o);
	if (rc)
		return rc;
	if (!json_is_object(jury) || !date_ok(jstr(jury, "date")))
		return jd_fail(o, "Jury : document du jury invalide (date du jury manquante).");
	return 0;
}

/* "Le jury paritaire de délibération du 15 décembre 2026". */
static const char *jury_name(const json_t *jury, char out[JD_DATE_WORDS + 60])
{
	char w[JD_DATE_WORDS];
	snprintf(out, JD_DATE_WORDS + 60, "jury paritaire de délibération du %s",
		jd_date_words(jstr(jury, "date"), w));
	return out;
}

/* The certifications examined: "MQ 2010 01 90 0222 — Titre" per line. */
static void certification_list(struct jd *x, const json_t *jury, int with_count)
{
	const json_t *c;
	size_t i, n = 0;
	struct buf *b = &x->b[1];
	buf_reset(b);
	json_array_foreach(json_object_get(jury, "certifications"), i, c) {
		buf_printf(b, "%s– %s — %s", n++ ? "\n" : "", jstr(c, "code"), jstr(c, "title"));
		if (with_count) {
			json_int_t k = json_integer_value(json_object_get(c, "candidates"));
			buf_printf(b, " (%" JSON_INTEGER_FORMAT " candidat%s)", k, k > 1 ? "s" : "");
		}
	}
	if (!n)
		buf_puts(b, "– aucune certification n'est encore inscrite à ce jury");
	pdf_paragraph(x->d, PDF_BODY, buf_str(b));
}

/* The name of the union of code, from the jury's "unions", or the code. */
static const char *union_name(const json_t *jury, const char *code)
{
	const json_t *u;
	size_t i;
	json_array_foreach(json_object_get(jury, "unions"), i, u)
		if (!strcmp(jstr(u, "code"), code))
			return jd_or(jstr(u, "name"), code);
	return code;
}

/* Annex 13: "Nom de l'entreprise, ou UIMM, ou Organisation syndicale". */
static const char *member_organisation(const json_t *jury, const json_t *m)
{
	const char *u = jstr(m, "union");
	if (*jstr(m, "organisation"))
		return jstr(m, "organisation");
	if (*u)
		return union_name(jury, u);
	if (!strcmp(jstr(m, "role"), "employer"))
		return "UIMM";
	return jstr(m, "role_label");
}

static const char *president_name(const json_t *jury)
{
	const json_t *p = json_object_get(jury, "president");
	return jstr(p, "name");
}

static const json_t *president_member(const json_t *jury)
{
	const json_t *m;
	size_t i;
	json_array_foreach(json_object_get(jury, "members"), i, m)
		if (json_is_true(json_object_get(m, "president")))
			return m;
	return NULL;
}

/* R-JUR-1: the designation request ----------------------------------------- */

int doc_union_request(const json_t *jury, const char *union_code, const struct jurydoc_opts *o)
{
	const json_t *centre = json_object_get(jury, "centre"), *u, *found = NULL;
	struct jd x;
	char jn[JD_DATE_WORDS + 60], w[JD_DATE_WORDS], w2[JD_DATE_WORDS];
	struct buf *b;
	size_t i;
	int rc = jury_check(jury, o);

	if (rc)
		return rc;
	json_array_foreach(json_object_get(jury, "unions"), i, u)
		if (union_code && !strcmp(jstr(u, "code"), union_code))
			found = u;
	if (!found)
		return jd_fail(o, "Demande de désignation : organisation syndicale inconnue de ce jury.");
	jury_name(jury, jn);
	if ((rc = jd_letter_begin(&x, o, centre, "Demande de désignation de représentants au jury paritaire de délibération",
	    "R-JUR-1")))
		return rc;
	b = &x.b[0];
	jd_addressee(&x, jd_or(jstr(found, "name"), jstr(found, "code")));
	jd_place_date(&x, jd_or(jstr(centre, "city"), jd_town(jury)), jd_or(jstr(found, "requested_on"), o->date));
	buf_reset(b);
	buf_printf(b, "désignation de vos représentants au %s", jn);
	jd_subject(&x, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Madame, Monsieur,");
	buf_reset(b);
	buf_printf(b, "Le centre de certification %s réunira le %s, à %s, son jury paritaire de "
		"délibération pour les certifications professionnelles suivantes :",
		jd_or(jstr(centre, "name"), jstr(centre, "code")), jd_date_words(jstr(jury, "date"), w),
		jd_or(jstr(jury, "place"), "(lieu à préciser)"));
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	certification_list(&x, jury, 0);
	buf_reset(b);
	buf_printf(b, "En application du dispositif des certifications professionnelles de la "
		"commission paritaire nationale de l'emploi et de la formation professionnelle de la "
		"métallurgie, nous vous prions de bien vouloir désigner, pour siéger à ce jury, un ou "
		"plusieurs représentants qualifiés de votre organisation, salariés d'une entreprise de "
		"la métallurgie. Un seul d'entre eux siège avec voix délibérative.");
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Nous vous remercions de nous faire connaître leurs noms au plus tard le %s, "
		"afin que leur convocation leur parvienne au moins quinze jours calendaires avant la "
		"date du jury.", jd_date_words(jd_or(jstr(jury, "notice_deadline"), jstr(jury, "date")), w2));
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Nous vous prions d'agréer, Madame, Monsieur, l'expression "
		"de nos salutations distinguées.");
	jd_signature(&x, "Pour le centre de certification", jstr(centre, "signatory"), 1);
	return jd_end(&x);
}

/* R-JUR-8: the notice to the CPREFP ----------------------------------------- */

/* The members of one side ("employer", "employee", "invited"). */
static size_t members_of_side(struct jd *x, const json_t *jury, const char *side)
{
	static const double wd[3] = { 0.36, 0.4, 0.24 };
	static const char *const head[3] = { "Nom et prénom", "Organisation, qualité", "Voix" };
	const json_t *m;
	size_t i, n = 0;
	struct buf *b = &x->b[1];
	json_array_foreach(json_object_get(jury, "members"), i, m) {
		const char *row[3];
		if (strcmp(jstr(m, "side"), side))
			continue;
		if (!n++)
			pdf_table_begin(x->d, 3, wd, head);
		buf_reset(b);
		buf_puts(b, member_organisation(jury, m));
		if (*jstr(m, "quality"))
			buf_printf(b, "\n%s", jstr(m, "quality"));
		if (!strcmp(jstr(m, "branch"), "temporary_work"))
			buf_puts(b, "\nBranche du travail temporaire");
		row[0] = jstr(m, "name");
		row[1] = buf_str(b);
		row[2] = json_is_true(json_object_get(m, "president")) ?
			"Président, voix délibérative" :
			json_is_true(json_object_get(m, "votes")) ? "Voix délibérative" :
			"Sans voix délibérative";
		pdf_table_row(x->d, row);
	}
	if (n)
		pdf_table_end(x->d);
	else
		pdf_paragraph(x->d, PDF_ITALIC, "Personne n'est encore désigné.");
	return n;
}

int doc_cprefp_notice(const json_t *jury, const struct jurydoc_opts *o)
{
	static const char *const sides[3][2] = {
		{ "employer", "Délégation patronale" },
		{ "employee", "Délégation des organisations syndicales de salariés" },
		{ "invited", "Invités sans voix délibérative" },
	};
	const json_t *centre = json_object_get(jury, "centre");
	const json_t *cp = json_object_get(jury, "cprefp");
	struct jd x;
	char jn[JD_DATE_WORDS + 60], w[JD_DATE_WORDS];
	struct buf *b;
	json_int_t rev = json_integer_value(json_object_get(jury, "revision"));
	int rc = jury_check(jury, o);

	if (rc)
		return rc;
	jury_name(jury, jn);
	if ((rc = jd_letter_begin(&x, o, centre, "Information de la CPREFP : composition et calendrier du jury paritaire de délibération",
	    "R-JUR-8")))
		return rc;
	b = &x.b[0];
	jd_addressee(&x, "Commission paritaire régionale de l'emploi et de la formation "
		"professionnelle de la métallurgie (CPREFP)\nSecrétariat");
	jd_place_date(&x, jd_or(jstr(centre, "city"), jd_town(jury)), jd_or(jstr(cp, "sent_on"), o->date));
	buf_reset(b);
	buf_printf(b, "composition et calendrier du %s", jn);
	jd_subject(&x, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Madame, Monsieur,");
	buf_reset(b);
	buf_printf(b, "Conformément au dispositif des certifications professionnelles de la "
		"métallurgie, nous vous informons de la composition et du calendrier du jury paritaire "
		"de délibération du centre de certification %s.",
		jd_or(jstr(centre, "name"), jstr(centre, "code")));
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	if (rev > 1) {
		buf_reset(b);
		buf_printf(b, "Cette information tient compte d'une modification de la composition ou "
			"du calendrier (version %" JSON_INTEGER_FORMAT ") ; elle remplace les précédentes.", rev);
		pdf_paragraph(x.d, PDF_BOLD, buf_str(b));
	}
	pdf_heading(x.d, PDF_H2, "Calendrier");
	pdf_kv(x.d, "Date du jury", jd_date_words(jstr(jury, "date"), w));
	pdf_kv(x.d, "Lieu", jd_or(jstr(jury, "place"), "à préciser"));
	pdf_kv(x.d, "Président du jury", jd_or(president_name(jury), "non encore désigné"));
	pdf_heading(x.d, PDF_H2, "Certifications examinées");
	certification_list(&x, jury, 1);
	pdf_heading(x.d, PDF_H2, "Composition");
	for (int s = 0; s < 3; s++) {
		pdf_heading(x.d, PDF_H3, sides[s][1]);
		members_of_side(&x, jury, sides[s][0]);
	}
	pdf_space(x.d, 6);
	pdf_paragraph(x.d, PDF_BODY, "Nous vous prions d'agréer, Madame, Monsieur, l'expression "
		"de nos salutations distinguées.");
	jd_signature(&x, "Pour le centre de certification", jstr(centre, "signatory"), 1);
	return jd_end(&x);
}

/* R-JUR-9: the convocation --------------------------------------------------- */

int doc_convocation(const json_t *jury, int64_t member_id, const struct jurydoc_opts *o)
{
	const json_t *centre = json_object_get(jury, "centre"), *m, *found = NULL;
	struct jd x;
	char jn[JD_DATE_WORDS + 60], w[JD_DATE_WORDS];
	struct buf *b;
	size_t i;
	int rc = jury_check(jury, o), votes;

	if (rc)
		return rc;
	json_array_foreach(json_object_get(jury, "members"), i, m)
		if (json_integer_value(json_object_get(m, "id")) == member_id)
			found = m;
	if (!found)
		return jd_fail(o, "Convocation : ce membre ne fait pas partie du jury.");
	votes = json_is_true(json_object_get(found, "votes"));
	jury_name(jury, jn);
	if ((rc = jd_letter_begin(&x, o, centre, "Convocation au jury paritaire de délibération",
	    "R-JUR-9")))
		return rc;
	b = &x.b[0];
	buf_reset(b);
	buf_puts(b, jstr(found, "name"));
	if (*jstr(found, "union"))
		buf_printf(b, "\n%s", union_name(jury, jstr(found, "union")));
	else if (*jstr(found, "organisation"))
		buf_printf(b, "\n%s", jstr(found, "organisation"));
	jd_addressee(&x, buf_str(b));
	jd_place_date(&x, jd_or(jstr(centre, "city"), jd_town(jury)), jd_or(jstr(found, "convened_on"), o->date));
	buf_reset(b);
	buf_printf(b, "convocation au %s", jn);
	jd_subject(&x, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Madame, Monsieur,");
	buf_reset(b);
	buf_printf(b, "Vous êtes convoqué(e) à siéger au jury paritaire de délibération du centre de "
		"certification %s, qui se réunira le %s, à %s, en qualité de %s%s, %s.",
		jd_or(jstr(centre, "name"), jstr(centre, "code")), jd_date_words(jstr(jury, "date"), w),
		jd_or(jstr(jury, "place"), "(lieu à préciser)"),
		jd_or(jstr(found, "role_label"), jstr(found, "role")),
		json_is_true(json_object_get(found, "president")) ? " et de président du jury" : "",
		votes ? "avec voix délibérative" : "sans voix délibérative, à titre consultatif");
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	pdf_paragraph(x.d, PDF_BODY, "Le jury examinera les candidats aux certifications "
		"professionnelles suivantes :");
	certification_list(&x, jury, 1);
	pdf_paragraph(x.d, PDF_BODY, "Le jury vérifie que les évaluations ont été organisées "
		"conformément au dispositif et au référentiel, examine la synthèse des évaluations de "
		"chaque candidat, présenté sous un code anonyme, et se prononce pour chacun : Admis (A) "
		"ou Non admis (NA).");
	pdf_paragraph(x.d, PDF_BODY, "Nous vous prions d'agréer, Madame, Monsieur, l'expression "
		"de nos salutations distinguées.");
	jd_signature(&x, "Pour le centre de certification", jstr(centre, "signatory"), 1);
	/* R-JUR-9: a copy to the union that mandated him */
	if (*jstr(found, "union")) {
		buf_reset(b);
		buf_printf(b, "Copie : %s, organisation syndicale mandante.",
			union_name(jury, jstr(found, "union")));
		pdf_paragraph(x.d, PDF_SMALL, buf_str(b));
	}
	return jd_end(&x);
}

/* Annex 13: the attendance sheet --------------------------------------------- */

int doc_attendance(const json_t *jury, const struct jurydoc_opts *o)
{
	static const double wc[2] = { 0.8, 0.2 };
	static const char *const hc[2] = {
		"Numéro et intitulé de la certification professionnelle (CQPM/CCPM)", "Nombre candidats" };
	static const double wm[3] = { 0.34, 0.36, 0.30 };
	static const char *const hm[3] = { "Nom et prénom des membres du jury paritaire de délibération",
		"Préciser : Nom de l'entreprise, ou UIMM, ou Organisation syndicale", "Signature" };
	const json_t *centre = json_object_get(jury, "centre"), *v, *pm;
	struct jd x;
	struct jd_open p = { 0 };
	char w[JD_DATE_WORDS], fl[120];
	struct buf *b;
	size_t i;
	int rc = jury_check(jury, o);

	if (rc)
		return rc;
	snprintf(fl, sizeof fl, "Feuille d'émargement du %.40s", jd_date_words(jstr(jury, "date"), w));
	p.title = "Feuille d'émargement du jury paritaire de délibération";
	p.subject = "Annexe 13";
	p.author = jd_or(jstr(centre, "name"), "cqpm");
	p.header_left = jd_or(jstr(centre, "name"), "");
	p.header_right = "Annexe 13";
	p.footer_left = fl;
	if ((rc = jd_begin(&x, o, &p)))
		return rc;
	b = &x.b[0];
	pdf_heading(x.d, PDF_TITLE | PDF_CENTER, "Feuille d'émargement");
	pdf_paragraph(x.d, PDF_ITALIC | PDF_CENTER, "(Datée et signée par les membres du jury "
		"paritaire de délibération convoqués)");
	pdf_space(x.d, 8);
	buf_reset(b);
	buf_printf(b, "UIMM territoriale : %s", jd_or(jstr(centre, "name"), jstr(centre, "code")));
	pdf_paragraph(x.d, PDF_BOLD, buf_str(b));
	buf_reset(b);
	buf_printf(b, "JURY PARITAIRE DE DÉLIBÉRATION du %s", jd_date_words(jstr(jury, "date"), w));
	pdf_paragraph(x.d, PDF_H2, buf_str(b));
	pm = president_member(jury);
	buf_reset(b);
	buf_printf(b, "Président : %s", jd_or(president_name(jury), jstr(pm, "name")));
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Qualité : %s", jd_or(jstr(pm, "quality"), jstr(pm, "organisation")));
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	pdf_space(x.d, 6);
	pdf_table_begin(x.d, 2, wc, hc);
	json_array_foreach(json_object_get(jury, "certifications"), i, v) {
		char n[32];
		const char *row[2];
		buf_reset(b);
		buf_printf(b, "%s — %s", jstr(v, "code"), jstr(v, "title"));
		snprintf(n, sizeof n, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(v, "candidates")));
		row[0] = buf_str(b);
		row[1] = n;
		pdf_table_row(x.d, row);
	}
	pdf_table_end(x.d);
	pdf_paragraph(x.d, PDF_ITALIC | PDF_SMALL, "La feuille d'émargement doit systématiquement "
		"faire apparaître toutes les personnes désignées pour siéger au jury paritaire de "
		"délibération, ou, à défaut de désignation, les organisations invitées.");
	pdf_space(x.d, 4);
	pdf_table_begin(x.d, 3, wm, hm);
	json_array_foreach(json_object_get(jury, "members"), i, v) {
		const char *row[3];
		buf_reset(b);
		buf_puts(b, member_organisation(jury, v));
		if (*jstr(v, "quality"))
			buf_printf(b, "\n%s", jstr(v, "quality"));
		if (!json_is_true(json_object_get(v, "votes")))
			buf_puts(b, "\n(sans voix délibérative)");
		row[0] = jstr(v, "name");
		row[1] = buf_str(b);
		row[2] = "\n\n";     /* room to sign */
		pdf_table_row(x.d, row);
	}
	/* a union asked that designated nobody: the organisation invited */
	json_array_foreach(json_object_get(jury, "unions"), i, v) {
		const json_t *m;
		size_t k;
		int designated = 0;
		const char *row[3];
		json_array_foreach(json_object_get(jury, "members"), k, m)
			if (!strcmp(jstr(m, "union"), jstr(v, "code")))
				designated = 1;
		if (designated)
			continue;
		buf_reset(b);
		buf_printf(b, "%s (organisation invitée, sans désignation)",
			jd_or(jstr(v, "name"), jstr(v, "code")));
		row[0] = "";
		row[1] = buf_str(b);
		row[2] = "\n\n";
		pdf_table_row(x.d, row);
	}
	pdf_table_end(x.d);
	pdf_space(x.d, 12);
	pdf_paragraph(x.d, PDF_BOLD | PDF_RIGHT, "Signature du Président");
	pdf_space(x.d, 40);
	return jd_end(&x);
}

/* Annex 12: the letter to the GTP -------------------------------------------- */

int doc_gtp_letter(const json_t *jury, const struct jurydoc_opts *o)
{
	static const char *const pieces[3] = {
		"Extrait du procès-verbal de la réunion de la CPREFP ou de la commission paritaire "
		"infrarégionale (ou courriers du secrétariat et réponse à ces courriers) ;",
		"Feuille(s) d'émargement des membres du (ou des) jury(s) paritaire(s) de délibération ;",
		"Procès-verbaux de délibération du (ou des) jury(s) paritaire(s) de délibération.",
	};
	const json_t *centre = json_object_get(jury, "centre"), *c;
	const json_t *gtp = json_object_get(jury, "gtp");
	struct jd x;
	struct buf *b, *l;
	size_t i;
	int rc = jury_check(jury, o);

	if (rc)
		return rc;
	if ((rc = jd_letter_begin(&x, o, centre, "Lettre d'information du GTP « Certifications »",
	    "Annexe 12 — R-GTP-1")))
		return rc;
	b = &x.b[0];
	l = &x.b[1];
	jd_addressee(&x, "UIMM\nSecrétariat du GTP « Certifications »\nde la commission paritaire "
		"nationale\nde l'emploi et de la formation\nprofessionnelle de la métallurgie\n"
		"56, avenue de Wagram\n75854 Paris Cedex 17");
	jd_place_date(&x, jd_or(jstr(centre, "city"), jd_town(jury)), jd_or(jstr(gtp, "sent_on"), o->date));
	pdf_paragraph(x.d, PDF_BODY, "Mesdames, Messieurs,");
	buf_reset(l);
	json_array_foreach(json_object_get(jury, "certifications"), i, c)
		buf_printf(l, "%s%s « %s »", i ? ", " : "", jstr(c, "code"), jstr(c, "title"));
	buf_reset(b);
	buf_printf(b, "En application de la validation par la commission paritaire nationale de "
		"l'emploi et de la formation professionnelle de la métallurgie de la (ou des) "
		"certification(s) %s, nous vous prions de bien vouloir trouver ci-joints les "
		"informations et documents concernant le déroulement des actions de validation :",
		l->len ? buf_str(l) : "—");
	pdf_paragraph(x.d, PDF_BODY, buf_str(b));
	jd_bullets(&x, pieces, 3);
	pdf_paragraph(x.d, PDF_BODY, "Nous attestons que l'organisation et le déroulement des "
		"actions de validation ont été conformes aux règles fixées dans le document « Dispositif "
		"des certifications professionnelles » de la commission paritaire nationale de l'emploi "
		"de la métallurgie en vigueur.");
	pdf_paragraph(x.d, PDF_BODY, "Nous vous prions d'agréer, Mesdames, Messieurs, l'expression "
		"de nos salutations distinguées.");
	jd_signature(&x, "Signature", jstr(centre, "signatory"), 1);
	return jd_end(&x);
}
