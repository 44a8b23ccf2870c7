/*
** The catalogue pages: the searchable list and the certification page,
** open to everyone (PERM_CATALOGUE_READ), read-only.
**
**   GET /certifications?q=&kind=&level=&status=&page=
**   GET /certifications/{code}[?version=N]
*/
#include "web/web_int.h"
#include "core/catalogue.h"
#include "core/ids.h"
#include "core/validate.h"
#include "web/cache.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_home(struct req *r)
{
	res_redirect(r, "/certifications");
}

void cat_query_from_req(const struct req *r, struct cat_query *q)
{
	const char *p = req_query(r, "page"), *pp = req_query(r, "per_page");
	memset(q, 0, sizeof *q);
	q->q = req_query(r, "q");
	q->kind = req_query(r, "kind");
	q->level = req_query(r, "level");
	q->status = req_query(r, "status");
	q->page = p ? (int)parse_count(p, 1, 100000) : 1;
	q->per_page = pp ? (int)parse_count(pp, 1, 500) : 50;
}

/* The natures as the search form offers them (values stay the codes). */
static const char *const kind_choice[KIND__MAX] = {
	[KIND_CQPM] = "CQPM", [KIND_CCPM] = "CCPM", [KIND_CQPI] = "CQPI",
	[KIND_CCPI] = "CCPI", [KIND_PARCOURS] = "Parcours certifiant",
	[KIND_RNCP] = "Fiche RNCP (autre certificateur)",
	[KIND_RS] = "Fiche RS (autre certificateur)",
};

static void select_opt(struct buf *b, const char *value, const char *label,
	const char *current)
{
	h_fmt(b, "<option value=\"%s\"%r>%s</option>", value,
		current && !strcmp(current, value) ? " selected" : "", label);
}

struct level_acc { struct buf *b; const char *current; };

/* The nomenclature's labels are in capitals ("NIVEAU 5"): shown as
** "Niveau 5". */
static int level_opt(void *arg, const char *code, const char *label)
{
	struct level_acc *a = arg;
	h_fmt(a->b, "<option value=\"%s\"%r>", code,
		a->current && !strcmp(a->current, code) ? " selected" : "");
	h_sentence(a->b, *label ? label : code);
	h_fmt(a->b, "</option>");
	return 0;
}

struct rows_acc { struct buf *b; int n; };

static int cat_row(void *arg, const struct cert_row *row)
{
	struct rows_acc *a = arg;
	int st = status_from_code(row->status);
	h_fmt(a->b, "<tr><td>%s</td><td><a href=\"/certifications/%u\">%s</a></td>"
		"<td>%s</td><td>%s</td><td>%s</td></tr>\n",
		row->code, row->code, row->title, row->kind,
		*row->level ? row->level : "—",
		st >= 0 ? status_label((enum cert_status)st) : row->status);
	a->n++;
	return 0;
}

/* A link to another page of the same search. */
static void page_link(struct req *r, const struct cat_query *q, int page,
	int per_page, const char *label)
{
	h_fmt(&r->body, "<a href=\"/certifications?q=%u&amp;kind=%u&amp;level=%u&amp;"
		"status=%u&amp;page=%d", q->q ? q->q : "", q->kind ? q->kind : "",
		q->level ? q->level : "", q->status ? q->status : "", page);
	/* a page size other than the default is kept from page to page */
	if (req_query(r, "per_page"))
		h_fmt(&r->body, "&amp;per_page=%d", per_page);
	h_fmt(&r->body, "\">%s</a>", label);
}

void page_catalogue(struct req *r)
{
	struct cat_query q;
	struct cat_page pg;
	struct buf rows = BUF_INIT;
	struct rows_acc acc = { &rows, 0 };
	struct level_acc la = { &r->body, NULL };
	struct buf *b = &r->body;

	cat_query_from_req(r, &q);
	if (svc_cat_list(&r->svc, &q, cat_row, &acc, &pg)) {
		buf_release(&rows);
		page_error(r, &r->svc.res);
		return;
	}
	la.current = q.level;
	page_begin(r, "Catalogue des certifications");
	h_fmt(b, "<h1>Catalogue des certifications</h1>\n"
		"<form class=\"search\" method=\"get\" action=\"/certifications\" role=\"search\">\n"
		"<div><label for=\"q\">Rechercher</label><input id=\"q\" name=\"q\" type=\"search\" "
		"size=\"34\" maxlength=\"200\" value=\"%s\" placeholder=\"intitulé, code, RNCP, NSF, ROME…\"></div>\n"
		"<div><label for=\"kind\">Nature</label><select id=\"kind\" name=\"kind\">",
		q.q ? q.q : "");
	select_opt(b, "", "Toutes", q.kind);
	for (int k = 0; k < KIND__MAX; k++)
		select_opt(b, kind_code((enum cert_kind)k), kind_choice[k], q.kind);
	h_fmt(b, "</select></div>\n<div><label for=\"level\">Niveau</label>"
		"<select id=\"level\" name=\"level\">");
	select_opt(b, "", "Tous", q.level);
	svc_cat_levels(&r->svc, level_opt, &la);
	h_fmt(b, "</select></div>\n<div><label for=\"status\">Statut</label>"
		"<select id=\"status\" name=\"status\">");
	select_opt(b, "", "Tous", q.status);
	select_opt(b, "active", "Active", q.status);
	select_opt(b, "inactive", "Inactive", q.status);
	select_opt(b, "draft", "Projet de référentiel", q.status);
	select_opt(b, "suppressed", "Supprimée", q.status);
	h_fmt(b, "</select></div>\n<div><button type=\"submit\">Rechercher</button></div>\n</form>\n");
	h_fmt(b, "<p id=\"resultats\" aria-live=\"polite\">");
	h_count(b, pg.total, "certification trouvée", "certifications trouvées");
	h_fmt(b, ".</p>\n");
	if (acc.n) {
		h_fmt(b, "<table><caption class=\"skip\">Résultats</caption><thead><tr>"
			"<th scope=\"col\">Code</th><th scope=\"col\">Intitulé</th>"
			"<th scope=\"col\">Nature</th><th scope=\"col\">Niveau</th>"
			"<th scope=\"col\">Statut</th></tr></thead>\n<tbody>\n%r</tbody></table>\n",
			buf_str(&rows));
	}
	if (pg.total > (int64_t)pg.page * pg.per_page || pg.page > 1) {
		h_fmt(b, "<nav class=\"pager\" aria-label=\"Pages\">");
		if (pg.page > 1)
			page_link(r, &q, pg.page - 1, pg.per_page, "← Page précédente");
		h_fmt(b, "<span>Page %d sur %I</span>", pg.page,
			(pg.total + pg.per_page - 1) / pg.per_page);
		if (pg.total > (int64_t)pg.page * pg.per_page)
			page_link(r, &q, pg.page + 1, pg.per_page, "Page suivante →");
		h_fmt(b, "</nav>\n");
	}
	page_end(r);
	buf_release(&rows);
}

/* Certification page ----------------------------------------------------- */

static void h_list(struct buf *b, const json_t *arr)
{
	size_t i;
	json_t *v;
	if (!json_array_size(arr))
		return;
	h_fmt(b, "<ul>");
	json_array_foreach(arr, i, v)
		h_fmt(b, "<li>%s</li>", json_string_value(v));
	h_fmt(b, "</ul>\n");
}

static void h_fact(struct buf *b, const char *label, const char *value)
{
	if (value && *value)
		h_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", label, value);
}

static void h_fact_date(struct buf *b, const char *label, const char *value)
{
	if (value && *value) {
		h_fmt(b, "<dt>%s</dt><dd>", label);
		h_date(b, value);
		h_fmt(b, "</dd>\n");
	}
}

static const char *tri(const json_t *v)
{
	return json_is_true(v) ? "Oui" : json_is_false(v) ? "Non" : "Non renseigné";
}

static const char *tri_class(const json_t *v)
{
	return json_is_true(v) ? "yes" : json_is_false(v) ? "no" : "unknown";
}

static void h_codes(struct buf *b, const char *title, const json_t *arr)
{
	size_t i;
	json_t *v;
	if (!json_array_size(arr))
		return;
	h_fmt(b, "<dt>%s</dt><dd><ul>", title);
	json_array_foreach(arr, i, v)
		h_fmt(b, "<li><span class=\"tag\">%s</span> %s</li>", jstr(v, "code"),
			jstr(v, "label"));
	h_fmt(b, "</ul></dd>\n");
}

/* The same modalities, in any order. */
static int same_modalities(const json_t *a, const json_t *b)
{
	size_t i, j;
	json_t *x, *y;
	if (json_array_size(a) != json_array_size(b))
		return 0;
	json_array_foreach(a, i, x) {
		int found = 0;
		json_array_foreach(b, j, y) {
			if (json_equal(x, y)) {
				found = 1;
				break;
			}
		}
		if (!found)
			return 0;
	}
	return 1;
}

static void h_modalities(struct buf *b, const json_t *mods)
{
	size_t i;
	json_t *m;
	if (!json_array_size(mods))
		return;
	h_fmt(b, "<p><strong>Modalités d'évaluation possibles :</strong></p><ul>");
	json_array_foreach(mods, i, m) {
		int k = modality_from_key(json_string_value(m));
		h_fmt(b, "<li>%s</li>", k >= 0 ? modality_label((enum modality)k) :
			json_string_value(m));
	}
	h_fmt(b, "</ul>\n");
}

static const char *const crit[][2] = {
	{ "methods", "Méthodes utilisées" }, { "means", "Moyens utilisés" },
	{ "relations", "Liens professionnels et relationnels" },
	{ "constraints", "Contraintes liées au milieu et à l'environnement de travail" },
};

/* 1 when a competence has nothing to show but its code and title (the
** fiches of the register give no more). */
static int competence_is_bare(const json_t *c)
{
	const json_t *criteria = json_object_get(c, "criteria");
	if (*jstr(c, "conditions") || json_array_size(json_object_get(c, "knowledge")) ||
	    json_array_size(json_object_get(c, "expected_results")) ||
	    json_array_size(json_object_get(c, "modalities")))
		return 0;
	for (size_t k = 0; k < 4; k++)
		if (json_array_size(json_object_get(criteria, crit[k][0])))
			return 0;
	return 1;
}

/* "C1 — title" (the title alone without a code). */
static void h_competence_name(struct buf *b, const json_t *c)
{
	if (*jstr(c, "code"))
		h_fmt(b, "%s — ", jstr(c, "code"));
	h_fmt(b, "%s", jstr(c, "title"));
}

static void h_competence(struct buf *b, const json_t *c)
{
	const json_t *criteria = json_object_get(c, "criteria");
	int any = 0;

	if (*jstr(c, "code"))
		h_fmt(b, "<div class=\"competence\" id=\"%s\"><h4>", jstr(c, "code"));
	else
		h_fmt(b, "<div class=\"competence\"><h4>");
	h_competence_name(b, c);
	h_fmt(b, "</h4>\n");
	if (json_array_size(json_object_get(c, "knowledge"))) {
		h_fmt(b, "<p><strong>Connaissances associées :</strong></p>");
		h_list(b, json_object_get(c, "knowledge"));
	}
	if (*jstr(c, "conditions")) {
		h_fmt(b, "<p><strong>Conditions de réalisation :</strong></p>");
		h_paragraphs(b, jstr(c, "conditions"));
	}
	for (size_t k = 0; k < 4; k++)
		any |= json_array_size(json_object_get(criteria, crit[k][0])) > 0;
	if (any) {
		h_fmt(b, "<p><strong>Critères mesurables et observables :</strong></p><dl class=\"facts\">");
		for (size_t k = 0; k < 4; k++) {
			const json_t *arr = json_object_get(criteria, crit[k][0]);
			if (!json_array_size(arr))
				continue;
			h_fmt(b, "<dt>%s</dt><dd>", crit[k][1]);
			h_list(b, arr);
			h_fmt(b, "</dd>");
		}
		h_fmt(b, "</dl>\n");
	}
	if (json_array_size(json_object_get(c, "expected_results"))) {
		h_fmt(b, "<p><strong>Résultats attendus :</strong></p>");
		h_list(b, json_object_get(c, "expected_results"));
	}
	h_modalities(b, json_object_get(c, "modalities"));
	h_fmt(b, "</div>\n");
}

/* Competences with details as cards; runs of bare ones (code and title
** only) as a compact list, introduced by lead when not NULL. */
static void h_competences(struct buf *b, const json_t *arr, const char *lead)
{
	size_t i;
	json_t *c;
	int open = 0;

	json_array_foreach(arr, i, c) {
		if (!competence_is_bare(c)) {
			if (open)
				h_fmt(b, "</ul>\n");
			open = 0;
			h_competence(b, c);
			continue;
		}
		if (!open) {
			if (lead)
				h_fmt(b, "<p><strong>%s</strong></p>", lead);
			h_fmt(b, "<ul class=\"competences\">\n");
			open = 1;
		}
		if (*jstr(c, "code"))
			h_fmt(b, "<li id=\"%s\">", jstr(c, "code"));
		else
			h_fmt(b, "<li>");
		h_competence_name(b, c);
		h_fmt(b, "</li>\n");
	}
	if (open)
		h_fmt(b, "</ul>\n");
}

/* fiche: the entry is a fiche of the register (it has an RNCP/RS number):
** its texts are the fiche's, else the referential's. */
static void h_block(struct buf *b, const json_t *bl, int fiche)
{
	size_t i;
	json_t *c;
	const char *code = jstr(bl, "code");
	const json_t *mods = json_object_get(bl, "modalities");
	json_int_t num = json_integer_value(json_object_get(bl, "number"));
	int show_mods = 1;

	/* a block without a code (a draft referential) is "bloc-N": ids are
	** unique in the page */
	if (*code)
		h_fmt(b, "<section class=\"block\" id=\"%s\"><h3>", code);
	else
		h_fmt(b, "<section class=\"block\" id=\"bloc-%I\"><h3>", (int64_t)num);
	if (num)
		h_fmt(b, "Bloc %I — ", (int64_t)num);
	h_fmt(b, "%s</h3>\n", jstr(bl, "title"));
	if (*code || *jstr(bl, "bdc")) {
		h_fmt(b, "<p>");
		if (*code)
			h_fmt(b, "<span class=\"tag\">%s</span> ", code);
		if (*jstr(bl, "bdc"))
			h_fmt(b, "<span class=\"tag\">%s</span>", jstr(bl, "bdc"));
		h_fmt(b, "</p>\n");
	}
	h_paragraphs(b, jstr(bl, "description"));
	h_competences(b, json_object_get(bl, "competences"), "Compétences :");
	/* the block's modalities, unless a competence already shows the same */
	json_array_foreach(json_object_get(bl, "competences"), i, c) {
		if (same_modalities(mods, json_object_get(c, "modalities")))
			show_mods = 0;
	}
	if (show_mods)
		h_modalities(b, mods);
	if (json_is_true(json_object_get(bl, "company_opinion")))
		h_fmt(b, "<p>Et <strong>avis de l'entreprise</strong> (tuteur, responsable "
			"fonctionnel ou hiérarchique) au regard du référentiel.</p>\n");
	if (*jstr(bl, "evaluation_text")) {
		h_fmt(b, "<details><summary>Modalités d'évaluation (%r)</summary>",
			fiche ? "texte de la fiche" : "texte du référentiel");
		h_paragraphs(b, jstr(bl, "evaluation_text"));
		h_fmt(b, "</details>\n");
	}
	if (*jstr(bl, "competences_text")) {
		h_fmt(b, "<details><summary>Liste des compétences (%r)</summary>",
			fiche ? "texte de la fiche" : "texte du référentiel");
		h_paragraphs(b, jstr(bl, "competences_text"));
		h_fmt(b, "</details>\n");
	}
	h_fmt(b, "</section>\n");
}

/* 1 if s is a date "YYYY-MM-DD". */
static int is_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
		strspn(s, "0123456789-") == 10;
}

/* today: "YYYY-MM-DD", local time. */
static void render_certification(struct req *r, const json_t *d,
	const struct cert *meta, const char *today)
{
	struct buf *b = &r->body;
	const json_t *act = json_object_get(d, "activity_referential");
	const json_t *legal = json_object_get(d, "legal");
	const json_t *routes = json_object_get(d, "access_routes");
	const json_t *compo = json_object_get(d, "jury_composition");
	const json_t *over = json_object_get(d, "overseas");
	int kind = kind_from_code(jstr(d, "kind"));
	int st = status_from_code(jstr(d, "status"));
	json_int_t version = json_integer_value(json_object_get(d, "version"));
	size_t i;
	json_t *v;

	h_fmt(b, "<h1>%s</h1>\n<p><span class=\"tag\">%s</span> <span class=\"tag\">%s</span> "
		"<span class=\"tag\">%s</span></p>\n", jstr(d, "title"), jstr(d, "code"),
		jstr(d, "kind"), st >= 0 ? status_label((enum cert_status)st) : "");
	if (is_date(jstr(legal, "registration_end")) && is_date(today) &&
	    strcmp(jstr(legal, "registration_end"), today) < 0) {
		h_fmt(b, "<p class=\"draft\" role=\"note\">Enregistrement au %r échu depuis le ",
			kind == KIND_RS ? "Répertoire spécifique" : "RNCP");
		h_date(b, jstr(legal, "registration_end"));
		h_fmt(b, " : la fiche ne dit pas s'il a été renouvelé.</p>\n");
	}
	if (json_is_true(json_object_get(d, "draft")) || st == STATUS_DRAFT)
		h_fmt(b, "<p class=\"draft\" role=\"note\">Projet de référentiel (annexe 1 du "
			"dispositif) : cette certification n'est pas enregistrée au RNCP et n'a pas "
			"encore fait l'objet d'une décision du GTP Certifications (R-CAT-6). "
			"Aucun candidat ne peut y être inscrit.</p>\n");
	if (version != meta->version)
		h_fmt(b, "<p class=\"draft\" role=\"note\">Vous consultez la version %I ; la "
			"version en vigueur est la <a href=\"/certifications/%u\">version %d</a>.</p>\n",
			(int64_t)version, meta->code, meta->version);

	h_fmt(b, "<h2>Identification</h2>\n<dl class=\"facts\">\n");
	h_fact(b, "Nature", kind >= 0 ? kind_label((enum cert_kind)kind) : jstr(d, "kind"));
	h_fact(b, "Fiche RNCP / RS", jstr(d, "rncp"));
	h_fact(b, "Identifiant (R-CAT-4)", jstr(d, "identifier"));
	h_fact(b, "Numéro de CQPM", jstr(d, "cqpm_number"));
	if (json_array_size(json_object_get(d, "history_numbers"))) {
		h_fmt(b, "<dt>Numéros de décision (historique)</dt><dd>");
		h_list(b, json_object_get(d, "history_numbers"));
		h_fmt(b, "</dd>\n");
	}
	if (*jstr(d, "level")) {
		h_fmt(b, "<dt>Niveau</dt><dd>%s", jstr(d, "level"));
		if (*jstr(d, "level_label"))
			h_fmt(b, " — %s", jstr(d, "level_label"));
		h_fmt(b, "</dd>\n");
	}
	if (*jstr(json_object_get(d, "abbreviation"), "code"))
		h_fmt(b, "<dt>Abrégé</dt><dd>%s — %s</dd>\n",
			jstr(json_object_get(d, "abbreviation"), "code"),
			jstr(json_object_get(d, "abbreviation"), "label"));
	json_array_foreach(json_object_get(d, "certifiers"), i, v) {
		h_fmt(b, "<dt>Certificateur</dt><dd>%s", jstr(v, "name"));
		if (*jstr(v, "siret"))
			h_fmt(b, " (SIRET %s)", jstr(v, "siret"));
		h_fmt(b, "</dd>\n");
	}
	h_fact(b, "Qualité du signataire", jstr(d, "signatory"));
	if (json_array_size(json_object_get(d, "conventions"))) {
		h_fmt(b, "<dt>Convention(s)</dt><dd>");
		h_list(b, json_object_get(d, "conventions"));
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "<dt>Version</dt><dd>%I</dd>\n</dl>\n", (int64_t)version);

	if (*jstr(d, "summary") || *jstr(act, "mission") ||
	    json_array_size(json_object_get(act, "activities"))) {
		h_fmt(b, "<h2>Référentiel d'activités</h2>\n");
		h_paragraphs(b, jstr(d, "summary"));
		if (*jstr(act, "mission")) {
			h_fmt(b, "<h3>Mission et activités visées</h3>");
			h_paragraphs(b, jstr(act, "mission"));
		}
		json_array_foreach(json_object_get(act, "activities"), i, v) {
			h_fmt(b, "<h4>%s</h4>", jstr(v, "title"));
			h_paragraphs(b, jstr(v, "description"));
		}
		if (*jstr(act, "environment")) {
			h_fmt(b, "<h3>Environnement de travail</h3>");
			h_paragraphs(b, jstr(act, "environment"));
		}
		if (*jstr(act, "interactions")) {
			h_fmt(b, "<h3>Interactions dans l'environnement de travail</h3>");
			h_paragraphs(b, jstr(act, "interactions"));
		}
	}
	if (json_array_size(json_object_get(d, "capacities"))) {
		h_fmt(b, "<h3>Capacités attestées</h3>");
		h_list(b, json_object_get(d, "capacities"));
	}
	if (*jstr(d, "sectors")) {
		h_fmt(b, "<h3>Secteurs d'activité</h3>");
		h_paragraphs(b, jstr(d, "sectors"));
	}
	if (json_array_size(json_object_get(d, "jobs"))) {
		h_fmt(b, "<h3>Types d'emplois accessibles</h3>");
		h_list(b, json_object_get(d, "jobs"));
	}

	if (json_array_size(json_object_get(d, "blocks"))) {
		h_fmt(b, "<h2>Blocs de compétences</h2>\n<p>Un bloc est acquis quand toutes ses "
			"compétences le sont ; la certification est obtenue quand tous ses blocs "
			"sont acquis (R-EVA-6).</p>\n");
		json_array_foreach(json_object_get(d, "blocks"), i, v)
			h_block(b, v, *jstr(d, "rncp") != '\0');
	}
	if (json_array_size(json_object_get(d, "competences"))) {
		h_fmt(b, "<h2>Compétences</h2>\n");
		h_competences(b, json_object_get(d, "competences"), NULL);
	}
	if (*jstr(d, "components_description")) {
		h_fmt(b, "<h2>Descriptif des composantes et modalités d'évaluation</h2>");
		h_paragraphs(b, jstr(d, "components_description"));
	}
	if (*jstr(d, "admission_conditions")) {
		h_fmt(b, "<h2>Conditions d'admissibilité</h2>");
		h_paragraphs(b, jstr(d, "admission_conditions"));
	}

	h_fmt(b, "<h2>Voies d'accès (R-INS-3)</h2>\n<table><thead><tr><th scope=\"col\">Voie "
		"d'accès</th><th scope=\"col\">Ouverte</th><th scope=\"col\">Composition du "
		"jury</th></tr></thead><tbody>\n");
	for (int k = 0; k < ROUTE__MAX; k++) {
		const json_t *open = json_object_get(routes, route_key((enum access_route)k));
		h_fmt(b, "<tr><th scope=\"row\">%s</th><td class=\"%r\">%s</td><td>",
			route_label((enum access_route)k), tri_class(open), tri(open));
		h_paragraphs(b, jstr(compo, route_key((enum access_route)k)));
		h_fmt(b, "</td></tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");

	h_fmt(b, "<h2>Données d'enregistrement</h2>\n<dl class=\"facts\">\n");
	h_codes(b, "Codes NSF", json_object_get(d, "nsf"));
	h_codes(b, "Formacodes", json_object_get(d, "formacode"));
	h_codes(b, "Codes ROME", json_object_get(d, "rome"));
	h_fact(b, "Type d'enregistrement", jstr(legal, "registration_type"));
	h_fact_date(b, "Date de décision", jstr(legal, "decision_date"));
	h_fact_date(b, "Début d'enregistrement", jstr(legal, "registration_start"));
	h_fact_date(b, "Fin d'enregistrement", jstr(legal, "registration_end"));
	h_fact_date(b, "Date d'effet", jstr(legal, "effective_date"));
	h_fact_date(b, "Date de publication", jstr(legal, "publication_date"));
	h_fact_date(b, "Date limite de délivrance", jstr(legal, "delivery_deadline"));
	if (json_array_size(json_object_get(legal, "basis"))) {
		h_fmt(b, "<dt>Base légale</dt><dd><ul>");
		json_array_foreach(json_object_get(legal, "basis"), i, v) {
			h_fmt(b, "<li>%s", jstr(v, "title"));
			if (*jstr(v, "date")) {
				h_fmt(b, " (");
				h_date(b, jstr(v, "date"));
				h_fmt(b, ")");
			}
			h_fmt(b, "</li>");
		}
		h_fmt(b, "</ul></dd>\n");
	}
	h_fact(b, "Validité des composantes acquises", jstr(d, "acquired_validity"));
	if (json_is_number(json_object_get(d, "deliveries_per_year")))
		h_fmt(b, "<dt>Délivrances en moyenne par an</dt><dd>%I</dd>\n",
			(int64_t)json_number_value(json_object_get(d, "deliveries_per_year")));
	h_fact(b, "Catégorie", jstr(d, "category"));
	h_fmt(b, "<dt>Accessible en Nouvelle-Calédonie</dt><dd>%s</dd>\n",
		tri(json_object_get(over, "nouvelle_caledonie")));
	h_fmt(b, "<dt>Accessible en Polynésie française</dt><dd>%s</dd>\n",
		tri(json_object_get(over, "polynesie_francaise")));
	if (kind == KIND_CQPM)
		h_fmt(b, "<dt>Sur la liste des CQPI</dt><dd>%s</dd>\n",
			tri(json_object_get(d, "on_cqpi_list")));
	json_array_foreach(json_object_get(d, "previous"), i, v)
		h_fmt(b, "<dt>Certification antérieure</dt><dd><a href=\"/certifications/%u\">%s</a></dd>\n",
			json_string_value(v), json_string_value(v));
	json_array_foreach(json_object_get(d, "next"), i, v)
		h_fmt(b, "<dt>Nouvelle certification</dt><dd><a href=\"/certifications/%u\">%s</a></dd>\n",
			json_string_value(v), json_string_value(v));
	h_fmt(b, "</dl>\n");

	h_fmt(b, "<h2>Versions (R-CAT-6)</h2>\n<table><thead><tr><th scope=\"col\">Version</th>"
		"<th scope=\"col\">Enregistrée le</th><th scope=\"col\">Origine</th>"
		"<th scope=\"col\">Par</th></tr></thead><tbody>\n");
	json_array_foreach(json_object_get(d, "versions"), i, v) {
		json_int_t n = json_integer_value(json_object_get(v, "version"));
		h_fmt(b, "<tr><td><a href=\"/certifications/%u?version=%I\">%I</a>%r</td><td>",
			meta->code, (int64_t)n, (int64_t)n, n == meta->version ? " (en vigueur)" : "");
		h_datetime(b, jstr(v, "created_at"));
		h_fmt(b, "</td><td>%s</td><td>%s</td></tr>\n", jstr(v, "source"),
			jstr(v, "created_by"));
	}
	h_fmt(b, "</tbody></table>\n");
	if (json_array_size(json_object_get(d, "sources")) || *jstr(d, "notes")) {
		h_fmt(b, "<h2>Sources et remarques</h2>");
		h_list(b, json_object_get(d, "sources"));
		h_paragraphs(b, jstr(d, "notes"));
	}
	h_fmt(b, "<p><a href=\"/api/v1/certifications/%u\">Ces données en JSON</a></p>\n",
		meta->code);
}

/* GET /certifications/{code}[?version=N]
** The certification part of the page does not depend on who reads it:
** it is cached per worker thread for the current catalogue generation and
** the day (the notice of an expired registration depends on it), and only
** the frame (navigation, session) is written for each request. */
void page_certification(struct req *r)
{
	struct cat_entry e;
	struct wcache_hit hit;
	const char *v = req_query(r, "version");
	int version = v ? (int)parse_count(v, 1, 100000) : 0;
	char loc[512], key[REQ_MAX_PATH + 48], today[11];
	int64_t gen = svc_cat_generation(&r->svc);
	struct buf body = BUF_INIT;
	size_t tlen;

	if (version < 0) {
		page_status(r, 400, "Requête invalide", "version : un entier positif est attendu.");
		return;
	}

	svc_today(&r->svc, today);
	snprintf(key, sizeof key, "page:%s:%d:%s", r->param, version, today);
	if (wcache_get(key, gen, &hit)) {
		/* data: title, NUL, body */
		tlen = strlen(hit.data);
		page_begin(r, hit.data);
		buf_add(&r->body, hit.data + tlen + 1, hit.len - tlen - 1); /* checksrc: ok, rendered by h_fmt */
		page_end(r);
		return;
	}
	if (svc_cat_get(&r->svc, r->param, version, &e)) {
		page_error(r, &r->svc.res);
		return;
	}
	/* another code of the same entry (RNCP number, identifier, block
	** code): send the reader to the entry's own address, at the block */
	if (strcmp(r->param, e.meta.code)) {
		struct buf u = BUF_INIT;
		enum code_kind ck = code_classify(r->param);
		buf_puts(&u, "/certifications/");
		h_url(&u, e.meta.code);
		if (ck == CODE_BDC || ck == CODE_RNCP_BLOCK) {
			buf_putc(&u, '#');
			h_url(&u, r->param);
		}
		snprintf(loc, sizeof loc, "%s", buf_str(&u));
		buf_release(&u);
		cat_entry_release(&e);
		res_redirect(r, loc);
		r->status = 301;
		return;
	}
	page_begin(r, jstr(e.doc, "title"));
	tlen = r->body.len;
	render_certification(r, e.doc, &e.meta, today);
	buf_puts(&body, jstr(e.doc, "title")); /* checksrc: ok, cache key data, escaped by page_begin */
	buf_putc(&body, '\0');
	buf_add(&body, r->body.p + tlen, r->body.len - tlen); /* checksrc: ok, rendered by h_fmt */
	wcache_put(key, gen, body.p, body.len, 0);
	buf_release(&body);
	page_end(r);
	cat_entry_release(&e);
}
