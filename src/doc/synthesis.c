/*
** The synthesis of evaluations: see synthesis.h.
**
** Everything comes from the candidate's file (service/svc_file.c): the
** registration shown is its current one ("registration"), with its
** blocks and competences and the states the core derived (R-EVA-6), the
** blocks kept from an earlier jury (R-LET-3), and the sections other
** parts of the path add when they are there: "dossier", "evaluators",
** "company_opinion", "evaluations_complete", "vae", "documents". A
** section absent from the file is left out; one present but empty says
** so.
*/
#include "doc/synthesis.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/identity.h"
#include "core/registration.h"
#include "core/vae.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 24
#define MASK "***"

struct ctx {
	struct pdf_doc *d;
	const char *code;           /* anonymous code, or NULL */
	char *names[MAX_NAMES];     /* what to mask in free text */
	size_t nnames;
	struct buf t[4];            /* scratch for the texts of one row */
};

/* Masking ------------------------------------------------------------------ */

/* Code point at s (valid UTF-8 assumed, else the byte) and its length. */
static uint32_t cp_at(const unsigned char *s, size_t *len)
{
	if (s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] >= 0xE0 && s[0] <= 0xEF && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*len = 1;
	return s[0];
}

/* Lower case of the Latin letters (enough to match a name typed in
** capitals: MARTIN, LÉA). */
static uint32_t fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c == 0x152)
		return 0x153;   /* Œ */
	return c;
}

static int word_cp(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF));
}

/* Length of s matched by word w at s (case folded), or 0. */
static size_t match_at(const char *s, const char *w)
{
	const unsigned char *a = (const unsigned char *)s, *b = (const unsigned char *)w;
	size_t i = 0, j = 0, la, lb;
	while (b[j]) {
		if (!a[i])
			return 0;
		if (fold(cp_at(a + i, &la)) != fold(cp_at(b + j, &lb)))
			return 0;
		i += la;
		j += lb;
	}
	return i;
}

/* Code point just before s[i] (s[0..i) valid UTF-8). */
static uint32_t cp_before(const char *s, size_t i)
{
	size_t k = i, len;
	if (!i)
		return 0;
	do
		k--;
	while (k && ((unsigned char)s[k] & 0xC0) == 0x80);
	return cp_at((const unsigned char *)s + k, &len);
}

/* s with the candidate's names and birth date masked when anonymous, in
** scratch buffer slot. */
static const char *T(struct ctx *x, int slot, const char *s)
{
	struct buf *b = &x->t[slot];
	size_t i = 0, len;

	if (!s)
		s = "";
	if (!x->code || !x->nnames)
		return s;
	buf_reset(b);
	while (s[i]) {
		size_t m = 0;
		if (!word_cp(cp_before(s, i))) {
			for (size_t k = 0; k < x->nnames && !m; k++) {
				m = match_at(s + i, x->names[k]);
				if (m && s[i + m] && word_cp(cp_at((const unsigned char *)s + i + m, &len)))
					m = 0;
			}
		}
		if (m) {
			buf_puts(b, MASK);
			i += m;
		} else {
			cp_at((const unsigned char *)s + i, &len);
			buf_add(b, s + i, len);
			i += len;
		}
	}
	return buf_str(b);
}

static void add_name(struct ctx *x, const char *w, size_t n)
{
	if (n < 2 || x->nnames == MAX_NAMES)
		return;
	for (size_t k = 0; k < x->nnames; k++)
		if (strlen(x->names[k]) == n && !strncmp(x->names[k], w, n))
			return;
	x->names[x->nnames] = xmalloc(n + 1);
	memcpy(x->names[x->nnames], w, n);
	x->names[x->nnames++][n] = 0;
}

/* A name as a whole and each of its words ("Jean-Pierre": also "Jean",
** "Pierre"), longest first so that the whole name is masked at once. */
static void add_names(struct ctx *x, const char *s)
{
	size_t i = 0, n = strlen(s);
	add_name(x, s, n);
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '-' && s[j] != '\'')
			j++;
		if (j < n || i > 0)
			add_name(x, s + i, j - i);
		i = j + 1;
	}
}

static int by_length(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
	return la < lb ? 1 : la > lb ? -1 : 0;
}

static void ctx_names(struct ctx *x, const json_t *id)
{
	char fr[DATE_LEN];
	const char *birth = jstr(id, "birth_date");
	add_names(x, jstr(id, "birth_name"));
	add_names(x, jstr(id, "usage_name"));
	add_names(x, jstr(id, "first_names"));
	if (date_ok(birth)) {
		add_name(x, birth, strlen(birth));
		date_fr(birth, fr);
		add_name(x, fr, strlen(fr));
	}
	qsort(x->names, x->nnames, sizeof *x->names, by_length);
}

/* Texts --------------------------------------------------------------------- */

/* "12/04/2026" for an ISO date; anything else as it is. */
static const char *dfr(const char *iso, char out[DATE_LEN])
{
	if (!date_ok(iso)) {
		snprintf(out, DATE_LEN, "%s", iso ? iso : "");
		return out;
	}
	return date_fr(iso, out);
}

/* "21 novembre 2026". */
static void date_long(const char *iso, char *out, size_t n)
{
	static const char *const months[12] = { "janvier", "février", "mars", "avril",
		"mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" };
	int y, m, d;
	if (date_parse(iso, &y, &m, &d))
		snprintf(out, n, "%s", iso ? iso : "");
	else
		snprintf(out, n, "%d%s %s %d", d, d == 1 ? "er" : "", months[m - 1], y);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

static const char *label_or_code(const char *label, const char *code)
{
	return label && *label ? label : code;
}

/* "Libellé (CODE)" into b. */
static const char *coded(struct buf *b, const char *label, const char *code)
{
	buf_reset(b);
	if (label && *label && strcmp(label, code))
		buf_printf(b, "%s (%s)", label, code);
	else
		buf_puts(b, or_dash(code));
	return buf_str(b);
}

/* kv when the value is not empty. */
static void kv_opt(struct ctx *x, const char *key, const char *value)
{
	if (value && *value)
		pdf_kv(x->d, key, value);
}

/* Sections ------------------------------------------------------------------ */

static void candidate_section(struct ctx *x, const json_t *file)
{
	const json_t *id = json_object_get(file, "identity");
	struct buf *b = &x->t[3];
	char fr[DATE_LEN];

	pdf_heading(x->d, PDF_H1, "Candidat");
	if (x->code) {
		pdf_kv(x->d, "Code anonyme", x->code);
		pdf_paragraph(x->d, PDF_SMALL,
			"Le candidat est présenté au jury sous ce code : son identité ne figure pas "
			"dans ce document.");
		return;
	}
	pdf_kv(x->d, "Nom de naissance", or_dash(jstr(id, "birth_name")));
	kv_opt(x, "Nom d'usage", jstr(id, "usage_name"));
	pdf_kv(x->d, "Prénoms", or_dash(jstr(id, "first_names")));
	buf_reset(b);
	buf_printf(b, "%s", dfr(jstr(id, "birth_date"), fr));
	if (*jstr(id, "birth_town")) {
		buf_printf(b, " à %s", jstr(id, "birth_town"));
		if (*jstr(id, "birth_department"))
			buf_printf(b, " (%s)", jstr(id, "birth_department"));
	}
	if (*jstr(id, "birth_country") && strcmp(jstr(id, "birth_country"), "France"))
		buf_printf(b, ", %s", jstr(id, "birth_country"));
	pdf_kv(x->d, !strcmp(jstr(id, "sex"), "F") ? "Née le" : "Né le", buf_str(b));
	buf_reset(b);
	buf_printf(b, "%lld", (long long)json_integer_value(json_object_get(file, "id")));
	pdf_kv(x->d, "N° de candidat", buf_str(b));
}

static void certification_section(struct ctx *x, const json_t *reg, const char *centre_name,
	const char *centre_code)
{
	const json_t *cert = json_object_get(reg, "certification");
	struct buf *b = &x->t[3];
	int kind = kind_from_code(jstr(cert, "kind"));

	pdf_heading(x->d, PDF_H1, "Centre et certification");
	pdf_kv(x->d, "Centre de certification", T(x, 0, coded(b, centre_name, centre_code)));
	buf_reset(b);
	buf_printf(b, "%s — %s", jstr(cert, "code"), jstr(cert, "title"));
	pdf_kv(x->d, "Certification", buf_str(b));
	pdf_kv(x->d, "Nature", kind >= 0 ? kind_label((enum cert_kind)kind) : or_dash(jstr(cert, "kind")));
	buf_reset(b);
	buf_printf(b, "version %lld", (long long)json_integer_value(json_object_get(cert, "version")));
	pdf_kv(x->d, "Référentiel", buf_str(b));
	kv_opt(x, "Conservation des acquis", jstr(cert, "acquired_validity"));
}

static void registration_section(struct ctx *x, const json_t *reg)
{
	const json_t *body = json_object_get(reg, "training_body");
	const json_t *co = json_object_get(reg, "company");
	struct buf *b = &x->t[3];
	char fr[DATE_LEN];
	int origin = origin_from_code(jstr(reg, "origin"));
	int fund = funding_from_code(jstr(reg, "funding"));
	int job_seeker = origin == ORIGIN_JOB_SEEKER;

	pdf_heading(x->d, PDF_H1, "Inscription");
	/* its number would lead back to the candidate: not under a code */
	buf_reset(b);
	if (!x->code)
		buf_printf(b, "n° %lld ", (long long)json_integer_value(json_object_get(reg, "id")));
	buf_printf(b, "du %s", dfr(jstr(reg, "registered_on"), fr));
	pdf_kv(x->d, "Inscription", buf_str(b));
	kv_opt(x, "État de l'inscription", jstr(reg, "registration_status_label"));
	buf_reset(b);
	buf_puts(b, or_dash(label_or_code(jstr(reg, "route_label"), jstr(reg, "route"))));
	if (*jstr(reg, "vae_kind")) {
		int k = vae_kind_from_code(jstr(reg, "vae_kind"));
		buf_printf(b, " — %s", k >= 0 ? vae_kind_label((enum vae_kind)k) : jstr(reg, "vae_kind"));
	}
	pdf_kv(x->d, "Voie d'accès", buf_str(b));
	pdf_kv(x->d, "Inscrit par", or_dash(label_or_code(jstr(reg, "registrant_label"),
		jstr(reg, "registrant"))));
	pdf_kv(x->d, "Origine", coded(b, origin >= 0 ? origin_label((enum origin)origin) : "",
		jstr(reg, "origin")));
	pdf_kv(x->d, "Financement", coded(b, fund >= 0 ? funding_label((enum funding)fund) : "",
		jstr(reg, "funding")));
	if (json_is_object(body)) {
		buf_reset(b);
		buf_printf(b, "%s\nSIRET %s", T(x, 0, jstr(body, "name")), jstr(body, "siret"));
		pdf_kv(x->d, "Organisme de formation", buf_str(b));
	}
	/* a job seeker has no employer: no company */
	if (!job_seeker && json_is_object(co)) {
		int sector = sector_from_code(jstr(co, "sector"));
		buf_reset(b);
		buf_puts(b, T(x, 0, jstr(co, "name")));
		if (*jstr(co, "address"))
			buf_printf(b, "\n%s", T(x, 0, jstr(co, "address")));
		buf_printf(b, "\nSIRET %s", jstr(co, "siret"));
		pdf_kv(x->d, "Entreprise", buf_str(b));
		buf_reset(b);
		buf_printf(b, "NAF %s — NACE %s", or_dash(jstr(co, "naf")), or_dash(jstr(co, "nace")));
		if (sector >= 0)
			buf_printf(b, "\nSecteur : %s", sector_label((enum sector)sector));
		if (*jstr(co, "sector_branch"))
			buf_printf(b, " — branche : %s", jstr(co, "sector_branch"));
		pdf_kv(x->d, "Activité de l'entreprise", buf_str(b));
	}
	kv_opt(x, "Tuteur", T(x, 0, jstr(reg, "tutor")));
	if (json_is_true(json_object_get(reg, "without_employer_agreement")))
		pdf_kv(x->d, "Accord de l'employeur", "Candidat inscrit sans l'accord de son employeur");
	/* R-EVA-4: accommodations of the evaluation for a disabled candidate */
	pdf_kv(x->d, "Aménagements des épreuves", *jstr(reg, "accommodations") ?
		T(x, 0, jstr(reg, "accommodations")) : "Aucun aménagement demandé");
	if (*jstr(reg, "next_jury"))
		pdf_kv(x->d, "Jury prévu", dfr(jstr(reg, "next_jury"), fr));
}

/* The modalities of a dossier: {"C1": ["real_situation", …]} or
** [{"competence": "C1", "modalities": […]}]. */
static void modality_text(struct buf *b, const json_t *v)
{
	size_t i;
	const json_t *m;
	buf_reset(b);
	if (json_is_string(v))
		v = json_pack("[O]", v);
	else
		json_incref((json_t *)v);
	json_array_foreach(v, i, m) {
		const char *key = json_string_value(m);
		int k = key ? modality_from_key(key) : -1;
		if (!key)
			continue;
		buf_printf(b, "%s%s", b->len ? "\n" : "", k >= 0 ? modality_label((enum modality)k) :
			modality_label_of_key(key));
	}
	json_decref((json_t *)v);
}

static void dossier_section(struct ctx *x, const json_t *reg)
{
	const json_t *dos = json_object_get(reg, "dossier");
	const json_t *ev = json_object_get(reg, "evaluators");
	const json_t *mods;
	struct buf *b = &x->t[3];
	char f1[DATE_LEN], f2[DATE_LEN];

	if (!dos && !ev)
		return;
	pdf_heading(x->d, PDF_H1, "Dossier d'évaluation");
	if (dos && !json_is_object(dos)) {
		pdf_paragraph(x->d, PDF_BODY, "Les modalités d'évaluation n'ont pas encore été convenues.");
	} else if (dos) {
		if (*jstr(dos, "period_start") || *jstr(dos, "period_end")) {
			buf_reset(b);
			buf_printf(b, "du %s au %s", or_dash(dfr(jstr(dos, "period_start"), f1)),
				or_dash(dfr(jstr(dos, "period_end"), f2)));
			pdf_kv(x->d, "Période d'évaluation", buf_str(b));
		}
		kv_opt(x, "Lieux", T(x, 0, jstr(dos, "places")));
		kv_opt(x, "Modalités convenues par", label_or_code(jstr(dos, "agreed_by_label"),
			jstr(dos, "agreed_by")));
		kv_opt(x, "Pour l'entreprise", T(x, 0, jstr(dos, "company_signatory")));
		kv_opt(x, "Pour le centre", T(x, 0, jstr(dos, "centre_signatory")));
		if (*jstr(dos, "agreed_on"))
			pdf_kv(x->d, "Convenues le", dfr(jstr(dos, "agreed_on"), f1));
		mods = json_object_get(dos, "modalities");
		if (json_object_size(mods) || json_array_size(mods)) {
			static const double w[2] = { 0.22, 0.78 };
			static const char *const head[2] = { "Compétence", "Modalités d'évaluation" };
			const char *key;
			const json_t *v;
			size_t i;
			pdf_space(x->d, 4);
			pdf_table_begin(x->d, 2, w, head);
			if (json_is_object(mods)) {
				json_object_foreach((json_t *)mods, key, v) {
					const char *row[2];
					modality_text(b, v);
					row[0] = key;
					row[1] = buf_str(b);
					pdf_table_row(x->d, row);
				}
			} else {
				json_array_foreach(mods, i, v) {
					const char *row[2];
					const json_t *m = json_object_get(v, "modalities");
					modality_text(b, m ? m : json_object_get(v, "modality"));
					row[0] = *jstr(v, "competence") ? jstr(v, "competence") : jstr(v, "code");
					row[1] = buf_str(b);
					pdf_table_row(x->d, row);
				}
			}
			pdf_table_end(x->d);
		}
	}
	if (ev) {
		pdf_heading(x->d, PDF_H3, "Évaluateurs désignés");
		if (!json_array_size(ev)) {
			pdf_paragraph(x->d, PDF_BODY, "Aucun évaluateur n'est encore désigné.");
		} else {
			static const double w[2] = { 0.7, 0.3 };
			static const char *const head[2] = { "Évaluateur", "Désigné le" };
			const json_t *e;
			size_t i;
			pdf_table_begin(x->d, 2, w, head);
			json_array_foreach(ev, i, e) {
				const char *row[2];
				row[0] = T(x, 0, or_dash(*jstr(e, "name") ? jstr(e, "name") : jstr(e, "login")));
				row[1] = dfr(jstr(e, "assigned_on"), f1);
				pdf_table_row(x->d, row);
			}
			pdf_table_end(x->d);
		}
	}
}

/* The "Évaluation" cell of a competence. */
static const char *evaluation_cell(struct ctx *x, struct buf *b, const json_t *c)
{
	char fr[DATE_LEN];
	const char *mod = jstr(c, "modality");
	int k = modality_from_key(mod);

	buf_reset(b);
	if (*jstr(c, "kept_from_jury"))
		buf_printf(b, "Acquise au jury du %s", dfr(jstr(c, "kept_from_jury"), fr));
	if (*jstr(c, "evaluated_on") || *mod) {
		if (b->len)
			buf_puts(b, "\n");
		buf_puts(b, k >= 0 ? modality_label((enum modality)k) : or_dash(modality_label_of_key(mod)));
		if (*jstr(c, "evaluated_on"))
			buf_printf(b, "\nle %s", dfr(jstr(c, "evaluated_on"), fr));
		if (*jstr(c, "evaluator"))
			buf_printf(b, "\npar %s", T(x, 1, jstr(c, "evaluator")));
	}
	if (!b->len)
		buf_puts(b, "—");
	return buf_str(b);
}

/* The competences of one block (block "" = all: a CCPM), a table, then
** the criteria observed and the appraisal of each. */
static void competences(struct ctx *x, const json_t *comps, const char *block)
{
	static const double w[4] = { 0.085, 0.405, 0.16, 0.35 };
	static const char *const head[4] = { "Code", "Compétence", "Résultat", "Évaluation" };
	static const int styles[4] = { PDF_BODY | PDF_RAW, PDF_BODY, PDF_BOLD, PDF_SMALL };
	const json_t *c;
	size_t i, n = 0;

	json_array_foreach(comps, i, c) {
		const char *row[4];
		if (*block && strcmp(jstr(c, "block"), block))
			continue;
		if (!n++)
			pdf_table_begin(x->d, 4, w, head);
		row[0] = jstr(c, "code");
		row[1] = jstr(c, "title");
		/* R-LET-3: a competence of a block kept from an earlier jury */
		row[2] = *jstr(c, "kept_from_jury") && strcmp(jstr(c, "result"), "acquired") ?
			"Acquise" : or_dash(label_or_code(jstr(c, "result_label"), jstr(c, "result")));
		row[3] = evaluation_cell(x, &x->t[2], c);
		pdf_table_row_styled(x->d, row, styles);
	}
	if (!n) {
		pdf_paragraph(x->d, PDF_ITALIC, "Aucune compétence n'est enregistrée pour ce bloc.");
		return;
	}
	pdf_table_end(x->d);
	json_array_foreach(comps, i, c) {
		char h[200];
		if (*block && strcmp(jstr(c, "block"), block))
			continue;
		if (!*jstr(c, "criteria") && !*jstr(c, "appraisal"))
			continue;
		snprintf(h, sizeof h, "Compétence %.60s : critères observés et appréciation", jstr(c, "code"));
		pdf_heading(x->d, PDF_H3, h);
		pdf_kv(x->d, "Critères observés", or_dash(T(x, 0, jstr(c, "criteria"))));
		pdf_kv(x->d, "Appréciation de l'évaluateur", or_dash(T(x, 0, jstr(c, "appraisal"))));
	}
}

static void results_section(struct ctx *x, const json_t *reg)
{
	const json_t *blocks = json_object_get(reg, "blocks");
	const json_t *comps = json_object_get(reg, "competences");
	const json_t *bl;
	struct buf *b = &x->t[3];
	size_t i;

	pdf_heading(x->d, PDF_H1, "Résultats des évaluations");
	if (!json_array_size(blocks)) {
		competences(x, comps, "");
		return;
	}
	json_array_foreach(blocks, i, bl) {
		char f1[DATE_LEN], f2[DATE_LEN];
		buf_reset(b);
		buf_printf(b, "Bloc %s — %s", jstr(bl, "code"), jstr(bl, "title"));
		pdf_heading(x->d, PDF_H2, buf_str(b));
		buf_reset(b);
		buf_printf(b, "État du bloc : %s.", or_dash(label_or_code(jstr(bl, "state_label"),
			jstr(bl, "state"))));
		/* R-LET-3: a block acquired at an earlier jury is kept until the
		** end of its validity */
		if (*jstr(bl, "kept_from_jury")) {
			buf_printf(b, " Acquis au jury du %s, ", dfr(jstr(bl, "kept_from_jury"), f1));
			if (*jstr(bl, "kept_until"))
				buf_printf(b, "conservé jusqu'au %s.", dfr(jstr(bl, "kept_until"), f2));
			else
				buf_puts(b, "conservé sans limite de durée.");
		}
		pdf_paragraph(x->d, PDF_BODY, buf_str(b));
		competences(x, comps, jstr(bl, "code"));
	}
}

/* R-EVA-3: the company's opinion, or why there is none. */
static void opinion_section(struct ctx *x, const json_t *reg)
{
	const json_t *op = json_object_get(reg, "company_opinion");
	struct buf *b = &x->t[3];
	char fr[DATE_LEN];

	pdf_heading(x->d, PDF_H1, "Avis de l'entreprise");
	if (json_is_object(op)) {
		pdf_kv(x->d, "Avis", or_dash(label_or_code(jstr(op, "opinion_label"), jstr(op, "opinion"))));
		buf_reset(b);
		buf_puts(b, T(x, 0, or_dash(jstr(op, "author_name"))));
		if (*jstr(op, "author_role_label") || *jstr(op, "author_role"))
			buf_printf(b, ", %s", label_or_code(jstr(op, "author_role_label"), jstr(op, "author_role")));
		pdf_kv(x->d, "Émis par", buf_str(b));
		if (*jstr(op, "given_on"))
			pdf_kv(x->d, "Le", dfr(jstr(op, "given_on"), fr));
		kv_opt(x, "Commentaire", T(x, 0, jstr(op, "comment")));
	} else if (json_is_true(json_object_get(reg, "company_opinion_required"))) {
		pdf_paragraph(x->d, PDF_BODY, "L'avis de l'entreprise fait partie de l'évaluation ; "
			"il n'a pas encore été recueilli.");
	} else {
		const char *why;
		if (!strcmp(jstr(reg, "route"), "vae"))
			why = "la validation des acquis de l'expérience n'en comporte pas.";
		else if (!strcmp(jstr(json_object_get(reg, "certification"), "kind"), "CCPM"))
			why = "l'évaluation d'un CCPM n'en comporte pas.";
		else if (json_is_true(json_object_get(reg, "without_employer_agreement")))
			why = "le candidat s'est inscrit sans l'accord de son employeur.";
		else
			why = "le parcours du candidat n'en comporte pas.";
		buf_reset(b);
		buf_printf(b, "Aucun avis de l'entreprise n'est requis : %s", why);
		pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	}
}

/* R-VAE-3: the validation commission's conclusions to the jury. */
static void vae_section(struct ctx *x, const json_t *reg)
{
	const json_t *vae = json_object_get(reg, "vae");
	const json_t *com, *v;
	struct buf *b = &x->t[3];
	char fr[DATE_LEN];
	size_t i;

	if (!json_is_object(vae))
		return;
	pdf_heading(x->d, PDF_H1, "Validation des acquis de l'expérience");
	kv_opt(x, "Type de VAE", jstr(vae, "kind_label"));
	kv_opt(x, "État du parcours", jstr(vae, "state_label"));
	if (*jstr(vae, "decided_on"))
		pdf_kv(x->d, "Recevabilité décidée le", dfr(jstr(vae, "decided_on"), fr));
	kv_opt(x, "Motif", T(x, 0, jstr(vae, "motive")));
	com = json_object_get(vae, "commission");
	pdf_heading(x->d, PDF_H3, "Commission de validation");
	if (!json_is_object(com)) {
		pdf_paragraph(x->d, PDF_BODY, "La commission de validation ne s'est pas encore réunie.");
		return;
	}
	kv_opt(x, "Présidée par", T(x, 0, jstr(com, "chair_name")));
	if (*jstr(com, "held_on"))
		pdf_kv(x->d, "Réunie le", dfr(jstr(com, "held_on"), fr));
	pdf_kv(x->d, "Conclusions", or_dash(jstr(com, "conclusion_label")));
	buf_reset(b);
	json_array_foreach(json_object_get(com, "validated"), i, v) {
		const char *s = json_is_string(v) ? json_string_value(v) : jstr(v, "code");
		if (*s)
			buf_printf(b, "%s%s", b->len ? ", " : "", s);
	}
	pdf_kv(x->d, "Unités validées", b->len ? buf_str(b) : "aucune");
	kv_opt(x, "Observations", T(x, 0, jstr(com, "comment")));
}

static void documents_section(struct ctx *x, const json_t *file)
{
	static const double w[2] = { 0.75, 0.25 };
	static const char *const head[2] = { "Pièce", "Date" };
	const json_t *docs = json_object_get(file, "documents"), *dv;
	size_t i;

	if (!json_array_size(docs))
		return;
	pdf_heading(x->d, PDF_H1, "Pièces du dossier");
	pdf_table_begin(x->d, 2, w, head);
	json_array_foreach(docs, i, dv) {
		static const char *const names[] = { "kind_label", "title", "name", "filename" };
		static const char *const dates[] = { "uploaded_at", "uploaded_on", "date", "created_at" };
		const char *row[2] = { "", "" };
		char fr[DATE_LEN];
		for (size_t k = 0; k < 4 && !*row[0]; k++)
			row[0] = jstr(dv, names[k]);
		for (size_t k = 0; k < 4 && !*row[1]; k++)
			row[1] = jstr(dv, dates[k]);
		if (strlen(row[1]) > 10 && row[1][10] == 'T') {
			char day[DATE_LEN];
			snprintf(day, sizeof day, "%.10s", row[1]);
			row[1] = dfr(day, fr);
		} else {
			row[1] = dfr(row[1], fr);
		}
		row[0] = T(x, 0, or_dash(row[0]));
		pdf_table_row(x->d, row);
	}
	pdf_table_end(x->d);
}

/* R-EVA-6: the status derived from the results. */
static void status_section(struct ctx *x, const json_t *reg, const char *date)
{
	const json_t *blocks = json_object_get(reg, "blocks");
	const json_t *comps = json_object_get(reg, "competences");
	const json_t *complete = json_object_get(reg, "evaluations_complete");
	const json_t *v;
	struct buf *b = &x->t[3];
	size_t i, nc = 0, ac = 0, nb = 0, ab = 0;
	char fr[DATE_LEN];

	json_array_foreach(comps, i, v) {
		nc++;
		ac += !strcmp(jstr(v, "result"), "acquired") || *jstr(v, "kept_from_jury");
	}
	json_array_foreach(blocks, i, v) {
		nb++;
		ab += !strcmp(jstr(v, "state"), "acquired");
	}
	pdf_heading(x->d, PDF_H1, "Statut");
	buf_reset(b);
	buf_printf(b, "Compétences acquises : %zu sur %zu", ac, nc);
	if (nb)
		buf_printf(b, " ; blocs acquis : %zu sur %zu", ab, nb);
	buf_puts(b, ".");
	if (json_is_boolean(complete))
		buf_puts(b, json_is_true(complete) ? " Toutes les évaluations prévues ont été conduites." :
			" Des évaluations prévues restent à conduire.");
	pdf_paragraph(x->d, PDF_BODY, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Statut au vu des évaluations : %s", or_dash(label_or_code(
		jstr(reg, "status_label"), jstr(reg, "status"))));
	pdf_paragraph(x->d, PDF_H2, buf_str(b));
	buf_reset(b);
	buf_printf(b, "Synthèse établie le %s à partir du dossier du candidat enregistré dans cqpm. "
		"Elle prépare la délibération du jury paritaire et ne vaut pas décision.",
		dfr(date, fr));
	pdf_paragraph(x->d, PDF_ITALIC, buf_str(b));
}

/* One candidate ------------------------------------------------------------- */

/* The running texts of the candidate's pages. */
static void running(struct ctx *x, const json_t *file, const struct synthesis_opts *o,
	struct buf *hl, struct buf *hr, struct buf *fl)
{
	const json_t *id = json_object_get(file, "identity");
	char day[80];

	buf_reset(hl);
	buf_reset(hr);
	buf_reset(fl);
	buf_printf(hl, "Synthèse des évaluations — %s", o->centre_name && *o->centre_name ?
		o->centre_name : jstr(file, "centre"));
	if (x->code)
		buf_printf(hr, "Candidat %s", x->code);
	else
		buf_printf(hr, "%s %s", jstr(id, "birth_name"), jstr(id, "first_names"));
	date_long(o->date, day, sizeof day);
	buf_printf(fl, "Document établi le %s par cqpm", day);
}

static void synthesis_body(struct ctx *x, const json_t *file, const struct synthesis_opts *o)
{
	const json_t *reg = json_object_get(file, "registration");
	const json_t *cert = json_object_get(reg, "certification");
	struct buf *b = &x->t[3];

	pdf_heading(x->d, PDF_TITLE, "Synthèse des évaluations");
	if (json_is_object(reg)) {
		buf_reset(b);
		buf_printf(b, "%s — %s", jstr(cert, "code"), jstr(cert, "title"));
		pdf_paragraph(x->d, PDF_H2, buf_str(b));
	}
	candidate_section(x, file);
	if (!json_is_object(reg)) {
		pdf_heading(x->d, PDF_H1, "Inscription");
		pdf_paragraph(x->d, PDF_BODY, "Ce candidat n'a aucune inscription que vous suivez : "
			"il n'y a pas d'évaluation à présenter.");
		return;
	}
	certification_section(x, reg, o->centre_name, *jstr(reg, "centre") ? jstr(reg, "centre") :
		jstr(file, "centre"));
	registration_section(x, reg);
	dossier_section(x, reg);
	results_section(x, reg);
	opinion_section(x, reg);
	vae_section(x, reg);
	documents_section(x, file);
	status_section(x, reg, o->date);
}

static void ctx_init(struct ctx *x, struct pdf_doc *d, const json_t *file, const char *code)
{
	memset(x, 0, sizeof *x);
	x->d = d;
	x->code = code && *code ? code : NULL;
	for (int i = 0; i < 4; i++)
		buf_init(&x->t[i], (size_t)PDF_MAX_TEXT * 2);
	if (x->code)
		ctx_names(x, json_object_get(file, "identity"));
}

static void ctx_release(struct ctx *x)
{
	for (size_t i = 0; i < x->nnames; i++)
		free(x->names[i]);
	for (int i = 0; i < 4; i++)
		buf_release(&x->t[i]);
}

const char *synthesis_code_check(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (!n)
		return "Code anonyme : vide.";
	if (n > SYNTHESIS_CODE_MAX)
		return "Code anonyme : 32 caractères au plus.";
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return "Code anonyme : lettres sans accent, chiffres, « - » et « _ » seulement.";
	}
	return NULL;
}

static int opts_ok(const struct synthesis_opts *o)
{
	return o && date_ok(o->date) && (!o->anonymous_code || !*o->anonymous_code ||
		!synthesis_code_check(o->anonymous_code));
}

int doc_synthesis_batch(const json_t *const *files, size_t n, const char *const *codes,
	const struct synthesis_opts *o, pdf_write_fn write, void *arg, int *pages)
{
	struct pdf_meta m = { 0 };
	struct pdf_doc *d;
	struct buf title = BUF_INIT, hl = BUF_INIT, hr = BUF_INIT, fl = BUF_INIT;
	char stamp[40];
	int rc;

	if (pages)
		*pages = 0;
	if (!opts_ok(o) || !n || !files)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!json_is_object(files[i]) || !json_is_object(json_object_get(files[i], "identity")))
			return -1;
		if (codes && codes[i] && *codes[i] && synthesis_code_check(codes[i]))
			return -1;
	}
	if (o->timestamp && *o->timestamp)
		snprintf(stamp, sizeof stamp, "%s", o->timestamp);
	else
		snprintf(stamp, sizeof stamp, "%sT00:00:00", o->date);
	for (size_t i = 0; i < n; i++) {
		struct ctx x;
		const char *code = codes ? codes[i] : o->anonymous_code;
		if (i == 0) {
			ctx_init(&x, NULL, files[0], code);
			running(&x, files[0], o, &hl, &hr, &fl);
			if (n == 1)
				buf_printf(&title, "Synthèse des évaluations — %s", buf_str(&hr));
			else
				buf_printf(&title, "Synthèses des évaluations — %zu candidats", n);
			m.title = buf_str(&title);
			m.author = o->centre_name && *o->centre_name ? o->centre_name : jstr(files[0], "centre");
			m.subject = "Synthèse des évaluations pour le jury paritaire de délibération";
			m.creator = "cqpm";
			m.create_date = stamp;
			m.header_left = buf_str(&hl);
			m.header_right = buf_str(&hr);
			m.footer_left = buf_str(&fl);
			d = pdf_open(write, arg, &m);
			if (!d) {
				ctx_release(&x);
				rc = -2;
				goto out;
			}
			x.d = d;
		} else {
			ctx_init(&x, d, files[i], code);
			running(&x, files[i], o, &hl, &hr, &fl);
			pdf_section(d, buf_str(&hl), buf_str(&hr), buf_str(&fl));
		}
		synthesis_body(&x, files[i], o);
		ctx_release(&x);
	}
	pdf_section(d, NULL, NULL, NULL);
	if (pages)
		*pages = pdf_pages_done(d);
	rc = pdf_close(d) ? -2 : 0;
out:
	buf_release(&title);
	buf_release(&hl);
	buf_release(&hr);
	buf_release(&fl);
	return rc;
}

int doc_synthesis(const json_t *candidate_file, const struct synthesis_opts *o,
	pdf_write_fn write, void *arg)
{
	return doc_synthesis_batch(&candidate_file, 1, NULL, o, write, arg, NULL);
}
