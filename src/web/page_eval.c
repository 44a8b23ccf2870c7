/*
** The evaluation of a candidate, page by page (R-EVA-1..6, R-LET-3): the
** evaluation dossier and the commission, the result of each competence,
** the company's opinion, and the synthesis of evaluations the jury
** examines. Every page works on the candidate's current registration (the
** newest one the actor may see, "registration" of the candidate's file)
** and its forms carry that registration's number in a hidden field.
**
**   GET/POST /candidats/{id}/dossier                 dossier and commission
**   POST     /candidats/{id}/evaluateurs              assign an evaluator
**   POST     /candidats/{id}/evaluateurs/retrait      remove one
**   GET/POST /candidats/{id}/evaluations              results, competence by competence
**   GET/POST /candidats/{id}/avis                     the company's opinion
**   GET      /candidats/{id}/synthese                 the synthesis of evaluations
**
** Rights and scope are the services'; a page only leaves out the forms
** its reader may not send.
*/
#include "web/web_int.h"
#include "core/catalogue.h"
#include "core/evaluation.h"
#include "core/results.h"
#include "core/validate.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tab { TAB_DOSSIER, TAB_EVALUATIONS, TAB_OPINION, TAB_SYNTHESIS };

static const char *const tabs[][2] = {
	[TAB_DOSSIER] = { "dossier", "Dossier d'évaluation" },
	[TAB_EVALUATIONS] = { "evaluations", "Évaluations" },
	[TAB_OPINION] = { "avis", "Avis de l'entreprise" },
	[TAB_SYNTHESIS] = { "synthese", "Synthèse des évaluations" },
};

/* What every page loads. */
struct ctx {
	int64_t kid;          /* the candidate */
	int64_t rid;          /* his current registration, 0 if none */
	json_t *doc;          /* the candidate's file */
	const json_t *reg;    /* its "registration" */
	json_t *scope;        /* svc_eval_scope() of rid */
};

static void ctx_release(struct ctx *c)
{
	json_decref(c->doc);
	json_decref(c->scope);
	memset(c, 0, sizeof *c);
}

/* Loads the candidate of the route and his current registration; writes
** the error page and returns -1 when it cannot. */
static int ctx_load(struct req *r, struct ctx *c)
{
	long id = parse_count(r->param, 1, 999999999L);

	memset(c, 0, sizeof *c);
	if (id < 0) {
		page_status(r, 404, "Introuvable", "Aucun candidat à ce numéro.");
		return -1;
	}
	c->kid = id;
	if (svc_candidate_doc(&r->svc, c->kid, &c->doc)) {
		page_error(r, &r->svc.res);
		return -1;
	}
	c->reg = json_object_get(c->doc, "registration");
	if (!json_is_object(c->reg))
		return 0;
	c->rid = json_integer_value(json_object_get(c->reg, "id"));
	if (svc_eval_scope(&r->svc, c->rid, &c->scope)) {
		page_error(r, &r->svc.res);
		ctx_release(c);
		return -1;
	}
	return 0;
}

static int active(const struct ctx *c)
{
	return !strcmp(jstr(c->reg, "registration_status"), "active");
}

/* "MARTIN (DUPONT) Léa Marie" */
static void h_name(struct buf *b, const json_t *doc)
{
	const json_t *id = json_object_get(doc, "identity");
	h_fmt(b, "%s", jstr(id, "birth_name"));
	if (*jstr(id, "usage_name"))
		h_fmt(b, " (%s)", jstr(id, "usage_name"));
	h_fmt(b, " %s", jstr(id, "first_names"));
}

/* Head of every page: title, the candidate, the tabs, the registration. */
static void head(struct req *r, const struct ctx *c, enum tab t, const struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *id = json_object_get(c->doc, "identity");
	const json_t *cert = json_object_get(c->reg, "certification");
	char title[2400];

	/* plain text: page_begin escapes it */
	snprintf(title, sizeof title, "%s%s — %s %s", err && err->rc != SVC_OK ? "Erreur — " : "",
		tabs[t][1], jstr(id, "birth_name"), jstr(id, "first_names"));
	page_begin(r, title);
	h_fmt(b, "<p><a href=\"/candidats\">Candidats</a> › <a href=\"/candidats/%I\">", c->kid);
	h_name(b, c->doc);
	h_fmt(b, "</a></p>\n<h1>%s</h1>\n", tabs[t][1]);
	h_fmt(b, "<nav aria-label=\"Évaluation du candidat\"><p class=\"pager\">");
	for (int i = 0; i <= TAB_SYNTHESIS; i++)
		h_fmt(b, "<a href=\"/candidats/%I/%r\"%r>%s</a>", c->kid, tabs[i][0],
			i == (int)t ? " aria-current=\"page\"" : "", tabs[i][1]);
	h_fmt(b, "</p></nav>\n");
	if (!c->rid) {
		h_fmt(b, "<p>Ce candidat n'a aucune inscription parmi celles que vous suivez.</p>\n");
		return;
	}
	h_fmt(b, "<p>Candidat : <strong>");
	h_name(b, c->doc);
	h_fmt(b, "</strong> — inscription n° %I du ", c->rid);
	h_date(b, jstr(c->reg, "registered_on"));
	h_fmt(b, " au centre %s : %s %s", jstr(c->reg, "centre"), jstr(cert, "code"),
		jstr(cert, "title"));
	h_fmt(b, " — %s (%s).</p>\n", jstr(c->reg, "route_label"),
		jstr(c->reg, "registration_status_label"));
	if (!active(c))
		h_fmt(b, "<p class=\"draft\">L'inscription est close (%s) : le dossier d'évaluation, "
			"la commission, les résultats et l'avis de l'entreprise ne se modifient plus.</p>\n",
			jstr(c->reg, "registration_status_label"));
}

/* Form errors ----------------------------------------------------------------- */

/* The service's message, then "(règle R-EVA-2)" when a rule refused. */
static void err_text(struct buf *b, const struct svc_result *err)
{
	h_fmt(b, "%s", err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
}

static int err_on(const struct svc_result *err, const char *field)
{
	return err && err->rc != SVC_OK && err->field[0] && !strcmp(err->field, field);
}

/* aria attributes of a control in error */
static void aria(struct buf *b, int bad, const char *id)
{
	if (bad)
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
}

static void error_beside(struct buf *b, int bad, const char *id, const struct svc_result *err)
{
	if (!bad)
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">", id);
	err_text(b, err);
	h_fmt(b, "</span>");
}

/* A form's error that belongs to none of its fields (NULL-terminated). */
static void error_top(struct buf *b, const struct svc_result *err, const char *const *fields)
{
	if (!err || err->rc == SVC_OK)
		return;
	for (; *fields; fields++)
		if (err_on(err, *fields))
			return;
	h_fmt(b, "<p class=\"error\" role=\"alert\">");
	err_text(b, err);
	h_fmt(b, "</p>\n");
}

/* A text input: id is also the service's field name unless field is given. */
static void input(struct buf *b, const char *id, const char *name, const char *label,
	const char *type, const char *value, const char *attrs, const char *field,
	const struct svc_result *err)
{
	int bad = err_on(err, field ? field : name);
	h_fmt(b, "<div><label for=\"%s\">%s</label><input type=\"%s\" id=\"%s\" name=\"%s\" "
		"value=\"%s\" %r", id, label, type, id, name, value ? value : "", attrs);
	aria(b, bad, id);
	h_fmt(b, ">");
	error_beside(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

static void textarea(struct buf *b, const char *id, const char *name, const char *label,
	const char *value, const char *attrs, const char *field, const struct svc_result *err)
{
	int bad = err_on(err, field ? field : name);
	h_fmt(b, "<div><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"4\" %r",
		id, label, id, name, attrs);
	aria(b, bad, id);
	h_fmt(b, ">%s</textarea>", value ? value : "");
	error_beside(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

/* The hidden fields of every form of these pages. */
static void hidden(struct req *r, const struct ctx *c)
{
	h_csrf(r);
	h_fmt(&r->body, "<input type=\"hidden\" name=\"registration\" value=\"%I\">", c->rid);
}

/* A text area's value with its line breaks as LF (browsers send CRLF),
** into out (cut at n); NULL stays NULL. */
static const char *lf(const char *v, char *out, size_t n)
{
	const char *p = v;
	size_t k = 0;
	if (!v)
		return NULL;
	for (; *p && k + 1 < n; p++)
		if (!(*p == '\r' && p[1] == '\n'))
			out[k++] = *p == '\r' ? '\n' : *p;
	out[k] = '\0';
	return *p ? v : out;   /* too long: as typed, for the service to refuse */
}

/* The POST's registration is the candidate's current one; otherwise the
** form is stale (a new registration, another candidate's number). */
static int same_registration(struct req *r, const struct ctx *c)
{
	long rid = parse_count(req_form(r, "registration"), 1, 999999999L);
	if (c->rid && rid == c->rid)
		return 1;
	svc_fail(&r->svc, SVC_CONFLICT, "registration", NULL,
		"Ce formulaire porte sur une inscription qui n'est pas l'inscription en cours du candidat : rechargez la page.");
	return 0;
}

/* Redirect after success: /candidats/{id}/{tab}?fait=what */
static void done(struct req *r, const struct ctx *c, enum tab t, const char *what)
{
	char loc[200];
	snprintf(loc, sizeof loc, "/candidats/%lld/%s?fait=%s", (long long)c->kid, tabs[t][0], what);
	res_redirect(r, loc);
}

/* Notices after a successful POST (?fait=…): fixed texts only. */
static void notice(struct req *r, const struct svc_result *err)
{
	static const char *const done_texts[][2] = {
		{ "dossier", "Le dossier d'évaluation est convenu." },
		{ "membre", "L'évaluateur est affecté à la commission d'évaluation." },
		{ "retrait", "L'évaluateur ne fait plus partie de la commission d'évaluation." },
		{ "resultat", "Le résultat est enregistré." },
		{ "avis", "L'avis de l'entreprise est enregistré." },
	};
	const char *what = req_query(r, "fait");
	int i;
	if (err || !what)
		return;
	i = code_lookup(done_texts, (int)(sizeof done_texts / sizeof done_texts[0]), what);
	if (i >= 0)
		h_fmt(&r->body, "<p class=\"notice\" role=\"status\">%s</p>\n", done_texts[i][1]);
}

static const char *modality_name(const char *key)
{
	return modality_label_of_key(key);
}

/* The dossier and the commission ---------------------------------------------- */

enum dossier_form { DF_NONE, DF_DOSSIER, DF_COMMISSION };

/* 1 if modality key is among the values of form field name. */
static int posted_has(const struct req *r, const char *name, const char *key)
{
	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, name) && !strcmp(r->form[i].value, key))
			return 1;
	return 0;
}

/* 1 if the dossier dj chose key for competence code. */
static int dossier_has(const json_t *dj, const char *code, const char *key)
{
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(json_object_get(dj, "modalities"), code), i, v)
		if (!strcmp(json_string_value(v) ? json_string_value(v) : "", key))
			return 1;
	return 0;
}

static void dossier_facts(struct buf *b, const json_t *dj)
{
	size_t i;
	const char *code;
	const json_t *mods, *v;

	h_fmt(b, "<dl class=\"facts\">\n<dt>Convenu par</dt><dd>%s</dd>\n<dt>Le</dt><dd>",
		jstr(dj, "agreed_by_label"));
	h_date(b, jstr(dj, "agreed_on"));
	h_fmt(b, "</dd>\n<dt>Lieux des évaluations</dt><dd>");
	h_paragraphs(b, jstr(dj, "places"));
	h_fmt(b, "</dd>\n<dt>Période</dt><dd>du ");
	h_date(b, jstr(dj, "period_start"));
	h_fmt(b, " au ");
	h_date(b, jstr(dj, "period_end"));
	h_fmt(b, "</dd>\n<dt>Signataire pour le centre</dt><dd>%s</dd>\n",
		jstr(dj, "centre_signatory"));
	if (*jstr(dj, "company_signatory"))
		h_fmt(b, "<dt>Signataire pour l'entreprise</dt><dd>%s</dd>\n",
			jstr(dj, "company_signatory"));
	h_fmt(b, "</dl>\n<table><caption>Modalités d'évaluation convenues (R-EVA-2)</caption>"
		"<thead><tr><th scope=\"col\">Compétence</th><th scope=\"col\">Modalités</th></tr>"
		"</thead><tbody>\n");
	json_object_foreach((json_t *)json_object_get(dj, "modalities"), code, mods) {
		h_fmt(b, "<tr><th scope=\"row\">%s</th><td><ul class=\"competences\">", code);
		json_array_foreach(mods, i, v)
			h_fmt(b, "<li>%s</li>", modality_name(json_string_value(v)));
		h_fmt(b, "</ul></td></tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");
}

static void dossier_form(struct req *r, const struct ctx *c, const struct svc_result *err)
{
	/* without a company signatory field, its error goes to the top */
	static const char *const with_company[] = { "places", "period_start", "period_end",
		"agreed_on", "centre_signatory", "company_signatory", NULL };
	static const char *const without_company[] = { "places", "period_start", "period_end",
		"agreed_on", "centre_signatory", NULL };
	struct buf *b = &r->body;
	const json_t *dj = json_object_get(c->reg, "dossier");
	const json_t *comp;
	int posted = err != NULL, company = !strcmp(jstr(c->scope, "agreed_by"), "company");
	char today[11];
	size_t i;

	svc_today(&r->svc, today);
	h_fmt(b, "<h2 id=\"convenir\">%r</h2>\n<p>Les modalités sont convenues par : <strong>%s"
		"</strong> (R-EVA-2). Pour chaque compétence, choisissez parmi les modalités que "
		"prévoit le référentiel.</p>\n",
		json_is_object(dj) ? "Convenir d'un nouveau dossier" : "Convenir du dossier",
		jstr(c->scope, "agreed_by_label"));
	if (err && err->rc != SVC_OK) {
		/* an error on one competence is shown in its fieldset */
		int on_comp = !strncmp(err->field, "modalities.", 11) && err->field[11];
		json_array_foreach(json_object_get(c->scope, "competences"), i, comp)
			if (on_comp && !strcmp(err->field + 11, jstr(comp, "code")) &&
			    json_is_null(json_object_get(comp, "kept_from_jury")))
				on_comp = 2;
		if (on_comp != 2)
			error_top(b, err, company ? with_company : without_company);
	}
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/dossier\">\n", c->kid);
	hidden(r, c);
	json_array_foreach(json_object_get(c->scope, "competences"), i, comp) {
		const char *code = jstr(comp, "code");
		const json_t *allowed = json_object_get(comp, "allowed");
		char name[80];
		int bad;
		size_t k;
		const json_t *m;

		if (!json_is_null(json_object_get(comp, "kept_from_jury"))) {
			h_fmt(b, "<p>%s — %s : bloc %s acquis au jury du ", code, jstr(comp, "title"),
				jstr(comp, "block"));
			h_date(b, jstr(comp, "kept_from_jury"));
			h_fmt(b, " et conservé (R-LET-3) : pas d'évaluation.</p>\n");
			continue;
		}
		snprintf(name, sizeof name, "modalities.%s", code);
		bad = err_on(err, name);
		h_fmt(b, "<fieldset class=\"block\"");
		aria(b, bad, name);
		h_fmt(b, "><legend>%s — %s", code, jstr(comp, "title"));
		if (*jstr(comp, "block"))
			h_fmt(b, " <span class=\"tag\">%s</span>", jstr(comp, "block"));
		h_fmt(b, "</legend>\n");
		if (!json_array_size(allowed))
			h_fmt(b, "<p>Le référentiel ne prévoit aucune modalité d'évaluation pour cette "
				"compétence.</p>\n");
		json_array_foreach(allowed, k, m) {
			const char *key = json_string_value(m);
			int on = posted ? posted_has(r, name, key) : dossier_has(dj, code, key);
			h_fmt(b, "<p><input type=\"checkbox\" id=\"mod-%s-%s\" name=\"%s\" value=\"%s\"%r> "
				"<label for=\"mod-%s-%s\">%s</label></p>\n", code, key, name, key,
				on ? " checked" : "", code, key, modality_name(key));
		}
		error_beside(b, bad, name, err);
		h_fmt(b, "</fieldset>\n");
	}
	textarea(b, "places", "places", "Lieux des évaluations (entreprises, organisme de formation "
		"habilité, autre lieu adapté)", posted ? req_form(r, "places") : jstr(dj, "places"),
		"required maxlength=\"1000\"", NULL, err);
	input(b, "period_start", "period_start", "Début de la période d'évaluation", "date",
		posted ? req_form(r, "period_start") : jstr(dj, "period_start"), "required", NULL, err);
	input(b, "period_end", "period_end", "Fin de la période d'évaluation", "date",
		posted ? req_form(r, "period_end") : jstr(dj, "period_end"), "required", NULL, err);
	input(b, "agreed_on", "agreed_on", "Date de l'accord", "date",
		posted ? req_form(r, "agreed_on") : json_is_object(dj) ? jstr(dj, "agreed_on") : today,
		"required", NULL, err);
	input(b, "centre_signatory", "centre_signatory", "Signataire pour le centre", "text",
		posted ? req_form(r, "centre_signatory") : jstr(dj, "centre_signatory"),
		"required maxlength=\"200\"", NULL, err);
	if (company)
		input(b, "company_signatory", "company_signatory", "Signataire pour l'entreprise", "text",
			posted ? req_form(r, "company_signatory") : jstr(dj, "company_signatory"),
			"required maxlength=\"200\"", NULL, err);
	else
		h_fmt(b, "<p>Le candidat convient des modalités avec le centre (VAE, demandeur "
			"d'emploi ou salarié sans l'accord de son employeur) : l'entreprise ne signe "
			"pas le dossier.</p>\n");
	h_fmt(b, "<div><button type=\"submit\">Convenir du dossier</button></div></form>\n");
}

struct evaluators {
	struct req *r;
	const struct ctx *c;
	int n;
	struct buf opts;
};

/* The centre's evaluators not yet members, as options. */
static int evaluator_option(void *arg, const struct account *a)
{
	struct evaluators *e = arg;
	const json_t *m;
	size_t i;

	if (a->role != ROLE_EVALUATOR || a->disabled ||
	    strcmp(a->centre_code, jstr(e->c->reg, "centre")))
		return 0;
	json_array_foreach(json_object_get(e->c->reg, "evaluators"), i, m)
		if (!strcmp(jstr(m, "login"), a->login))
			return 0;
	h_fmt(&e->opts, "<option value=\"%s\"%r>%s (%s)</option>", a->login,
		req_form(e->r, "login") && !strcmp(req_form(e->r, "login"), a->login) ? " selected" : "",
		a->name, a->login);
	e->n++;
	return 0;
}

static void commission(struct req *r, const struct ctx *c, int can_write,
	const struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *members = json_object_get(c->reg, "evaluators"), *m;
	int n = (int)json_array_size(members);
	size_t i;

	h_fmt(b, "<h2 id=\"commission\">Commission d'évaluation</h2>\n");
	if (err && err->rc != SVC_OK) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">");
		err_text(b, err);
		h_fmt(b, "</p>\n");
	}
	if (!commission_complete(n))
		h_fmt(b, "<p class=\"draft\" role=\"status\">La commission d'évaluation compte %d "
			"membre%r : elle doit en réunir plusieurs (R-EVA-5).</p>\n", n, n > 1 ? "s" : "");
	if (n) {
		h_fmt(b, "<table><thead><tr><th scope=\"col\">Membre</th><th scope=\"col\">Identifiant"
			"</th><th scope=\"col\">Affecté le</th>%r</tr></thead><tbody>\n",
			can_write ? "<th scope=\"col\">Action</th>" : "");
		json_array_foreach(members, i, m) {
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>", jstr(m, "name"), jstr(m, "login"));
			h_date(b, jstr(m, "assigned_on"));
			h_fmt(b, "</td>");
			if (can_write) {
				h_fmt(b, "<td><form class=\"inline\" method=\"post\" "
					"action=\"/candidats/%I/evaluateurs/retrait\">", c->kid);
				hidden(r, c);
				h_fmt(b, "<input type=\"hidden\" name=\"login\" value=\"%s\">"
					"<button type=\"submit\" class=\"link\">Retirer %s</button></form></td>",
					jstr(m, "login"), jstr(m, "login"));
			}
			h_fmt(b, "</tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	} else {
		h_fmt(b, "<p>Aucun évaluateur n'est encore affecté.</p>\n");
	}
	if (can_write) {
		struct evaluators e = { r, c, 0, BUF_INIT };
		if (svc_user_list(&r->svc, evaluator_option, &e)) {
			r->svc.res.rc = SVC_OK;   /* no list: no form */
		} else if (e.n) {
			int bad = err_on(err, "login");
			h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/evaluateurs\">\n",
				c->kid);
			hidden(r, c);
			h_fmt(b, "<div><label for=\"login\">Évaluateur du centre %s</label>"
				"<select id=\"login\" name=\"login\" required", jstr(c->reg, "centre"));
			aria(b, bad, "login");
			h_fmt(b, ">%r</select></div>\n<div><button type=\"submit\">Affecter à la "
				"commission</button></div></form>\n", buf_str(&e.opts));
		} else {
			h_fmt(b, "<p>Aucun autre évaluateur du centre %s ne peut être affecté.</p>\n",
				jstr(c->reg, "centre"));
		}
		buf_release(&e.opts);
	}
}

static void dossier_page(struct req *r, struct ctx *c, enum dossier_form which,
	const struct svc_result *err)
{
	struct buf *b = &r->body;
	int can_write = perm_allows(r->svc.actor.role, PERM_DOSSIER_WRITE) && active(c);
	const json_t *dj;

	head(r, c, TAB_DOSSIER, err);
	if (!c->rid) {
		page_end(r);
		return;
	}
	notice(r, err);
	dj = json_object_get(c->reg, "dossier");
	h_fmt(b, "<h2>Dossier convenu</h2>\n");
	if (json_is_object(dj))
		dossier_facts(b, dj);
	else
		h_fmt(b, "<p>Le dossier d'évaluation n'est pas encore convenu : aucun résultat ne "
			"peut être enregistré avant (R-EVA-2).</p>\n");
	if (can_write)
		dossier_form(r, c, which == DF_DOSSIER ? err : NULL);
	commission(r, c, can_write, which == DF_COMMISSION ? err : NULL);
	page_end(r);
}

void page_eval_dossier(struct req *r)
{
	struct ctx c;
	if (page_need_login(r) || ctx_load(r, &c))
		return;
	dossier_page(r, &c, DF_NONE, NULL);
	ctx_release(&c);
}

/* After a refused form of the dossier's page: the error page, or the page
** with the form's errors. */
static void dossier_refused(struct req *r, struct ctx *c, enum dossier_form which)
{
	struct svc_result err;
	if (!page_form_refused(r, &err))
		dossier_page(r, c, which, &err);
}

void page_eval_dossier_post(struct req *r)
{
	struct ctx c;
	struct dossier_choice ch[REQ_MAX_FIELDS];
	char (*mods)[256];
	struct dossier_in d;
	char places[4200];
	size_t n = 0;

	if (page_need_login(r) || ctx_load(r, &c))
		return;
	mods = xcalloc(REQ_MAX_FIELDS, sizeof *mods);
	memset(&d, 0, sizeof d);
	/* the checked boxes: one field "modalities.C1" per modality */
	for (int i = 0; i < r->nform; i++) {
		const char *code = r->form[i].key;
		size_t k, len;
		if (strncmp(code, "modalities.", 11))
			continue;
		code += 11;
		for (k = 0; k < n; k++)
			if (!strcmp(ch[k].competence, code))
				break;
		if (k == n)
			ch[n++].competence = code;
		len = strlen(mods[k]);
		snprintf(mods[k] + len, sizeof mods[k] - len, "%s%s", len ? " " : "", r->form[i].value);
	}
	for (size_t k = 0; k < n; k++)
		ch[k].modalities = mods[k];
	d.choices = ch;
	d.nchoices = n;
	d.places = lf(req_form(r, "places"), places, sizeof places);
	d.period_start = req_form(r, "period_start");
	d.period_end = req_form(r, "period_end");
	d.agreed_on = req_form(r, "agreed_on");
	d.centre_signatory = req_form(r, "centre_signatory");
	d.company_signatory = req_form(r, "company_signatory");
	if (same_registration(r, &c) && !svc_dossier_agree(&r->svc, c.rid, &d))
		done(r, &c, TAB_DOSSIER, "dossier");
	else
		dossier_refused(r, &c, DF_DOSSIER);
	free(mods);
	ctx_release(&c);
}

static void commission_post(struct req *r, int assign)
{
	struct ctx c;
	const char *login = req_form(r, "login");

	if (page_need_login(r) || ctx_load(r, &c))
		return;
	if (same_registration(r, &c) && !(assign ? svc_eval_assign(&r->svc, c.rid, login, NULL) :
	    svc_eval_unassign(&r->svc, c.rid, login, NULL)))
		done(r, &c, TAB_DOSSIER, assign ? "membre" : "retrait");
	else
		dossier_refused(r, &c, DF_COMMISSION);
	ctx_release(&c);
}

void page_eval_assign_post(struct req *r)
{
	commission_post(r, 1);
}

void page_eval_unassign_post(struct req *r)
{
	commission_post(r, 0);
}

/* The results ----------------------------------------------------------------- */

/* "Acquise — situation réelle, le 15/02/2026, par X" and the texts. */
static void result_facts(struct buf *b, const json_t *comp)
{
	const char *res = jstr(comp, "result");
	h_fmt(b, "<p><span class=\"%r\">%s</span>", !strcmp(res, "acquired") ? "yes" :
		!strcmp(res, "not_acquired") ? "no" : "unknown", jstr(comp, "result_label"));
	if (json_object_get(comp, "kept_from_jury")) {
		h_fmt(b, " — bloc acquis au jury du ");
		h_date(b, jstr(comp, "kept_from_jury"));
		h_fmt(b, " et conservé (R-LET-3)");
	}
	if (*jstr(comp, "evaluated_on")) {
		h_fmt(b, " — %s, le ", modality_name(jstr(comp, "modality")));
		h_date(b, jstr(comp, "evaluated_on"));
		h_fmt(b, ", par %s", jstr(comp, "evaluator"));
	}
	h_fmt(b, "</p>\n");
	if (*jstr(comp, "criteria")) {
		h_fmt(b, "<h4>Critères observés</h4>\n");
		h_paragraphs(b, jstr(comp, "criteria"));
	}
	if (*jstr(comp, "appraisal")) {
		h_fmt(b, "<h4>Appréciation</h4>\n");
		h_paragraphs(b, jstr(comp, "appraisal"));
	}
}

static void result_form(struct req *r, const struct ctx *c, const json_t *comp,
	const json_t *chosen, const struct svc_result *err)
{
	static const char *const fields[] = { "result", "modality", "criteria", "appraisal",
		"date", NULL };
	struct buf *b = &r->body;
	const char *code = jstr(comp, "code");
	int posted = err != NULL;
	const char *res = posted ? req_form(r, "result") : jstr(comp, "result");
	const char *mod = posted ? req_form(r, "modality") : jstr(comp, "modality");
	const char *date = posted ? req_form(r, "date") : jstr(comp, "evaluated_on");
	char today[11], id[96], id2[96], id3[96], id4[96];
	const json_t *m;
	size_t i;
	int bad;

	svc_today(&r->svc, today);
	if (!date || !*date)
		date = today;
	error_top(b, err, fields);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/evaluations\">\n",
		c->kid);
	hidden(r, c);
	h_fmt(b, "<input type=\"hidden\" name=\"competence\" value=\"%s\">\n", code);
	snprintf(id, sizeof id, "%s-result", code);
	bad = err_on(err, "result");
	h_fmt(b, "<fieldset");
	aria(b, bad, id);
	h_fmt(b, "><legend>Résultat de la compétence %s</legend>\n", code);
	for (int k = RES_ACQUIRED; k <= RES_NOT_ACQUIRED; k++) {
		const char *v = comp_result_code((enum comp_result)k);
		h_fmt(b, "<p><input type=\"radio\" id=\"%s-%s\" name=\"result\" value=\"%s\"%r required> "
			"<label for=\"%s-%s\">%s</label></p>\n", code, v, v,
			res && !strcmp(res, v) ? " checked" : "", code, v,
			comp_result_label((enum comp_result)k));
	}
	error_beside(b, bad, id, err);
	h_fmt(b, "</fieldset>\n");
	snprintf(id, sizeof id, "%s-modality", code);
	bad = err_on(err, "modality");
	h_fmt(b, "<div><label for=\"%s\">Modalité utilisée (convenue au dossier)</label>"
		"<select id=\"%s\" name=\"modality\" required", id, id);
	aria(b, bad, id);
	h_fmt(b, ">");
	json_array_foreach(chosen, i, m) {
		const char *key = json_string_value(m) ? json_string_value(m) : "";
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", key,
			mod && !strcmp(mod, key) ? " selected" : "", modality_name(key));
	}
	h_fmt(b, "</select>");
	error_beside(b, bad, id, err);
	h_fmt(b, "</div>\n");
	snprintf(id2, sizeof id2, "%s-criteria", code);
	textarea(b, id2, "criteria", "Critères observés",
		posted ? req_form(r, "criteria") : jstr(comp, "criteria"),
		"required maxlength=\"1000\"", "criteria", err);
	snprintf(id3, sizeof id3, "%s-appraisal", code);
	textarea(b, id3, "appraisal", "Appréciation écrite",
		posted ? req_form(r, "appraisal") : jstr(comp, "appraisal"),
		"required maxlength=\"2000\"", "appraisal", err);
	snprintf(id4, sizeof id4, "%s-date", code);
	input(b, id4, "date", "Date de l'évaluation", "date", date, "required", "date", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer le résultat de %s</button></div>"
		"</form>\n", code);
}

static void evaluations_page(struct req *r, struct ctx *c, const struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *dj, *comp, *bl;
	const char *posted = err ? req_form(r, "competence") : NULL;
	int can = perm_allows(r->svc.actor.role, PERM_EVALUATE) && active(c);
	size_t i;

	head(r, c, TAB_EVALUATIONS, err);
	if (!c->rid) {
		page_end(r);
		return;
	}
	notice(r, err);
	dj = json_object_get(c->reg, "dossier");
	if (!json_is_object(dj))
		h_fmt(b, "<p class=\"error\">Le dossier d'évaluation n'est pas encore convenu : les "
			"modalités ne sont pas fixées et aucun résultat ne peut être enregistré (R-EVA-2).</p>\n");
	/* an error that belongs to no competence's form */
	if (err && err->rc != SVC_OK) {
		int found = 0;
		json_array_foreach(json_object_get(c->reg, "competences"), i, comp)
			found |= posted && !strcmp(posted, jstr(comp, "code"));
		if (!found) {
			h_fmt(b, "<p class=\"error\" role=\"alert\">");
			err_text(b, err);
			h_fmt(b, "</p>\n");
		}
	}
	h_fmt(b, "<p>État dérivé des résultats (R-EVA-6) : <strong>%s</strong>.</p>\n",
		jstr(c->reg, "status_label"));
	json_array_foreach(json_object_get(c->reg, "blocks"), i, bl) {
		h_fmt(b, "<p>Bloc %s — %s : %s</p>\n", jstr(bl, "code"), jstr(bl, "title"),
			*jstr(bl, "state_label") ? jstr(bl, "state_label") : "—");
	}
	json_array_foreach(json_object_get(c->reg, "competences"), i, comp) {
		const char *code = jstr(comp, "code");
		const json_t *chosen = json_object_get(json_object_get(dj, "modalities"), code);
		h_fmt(b, "<section class=\"block\" id=\"competence-%s\">\n<h2>%s — %s", code, code,
			jstr(comp, "title"));
		if (*jstr(comp, "block"))
			h_fmt(b, " <span class=\"tag\">%s</span>", jstr(comp, "block"));
		h_fmt(b, "</h2>\n");
		result_facts(b, comp);
		if (can && json_is_object(dj) && !json_object_get(comp, "kept_from_jury")) {
			if (json_array_size(chosen))
				result_form(r, c, comp, chosen, posted && !strcmp(posted, code) ? err : NULL);
			else
				h_fmt(b, "<p>Le dossier d'évaluation ne fixe aucune modalité pour cette "
					"compétence.</p>\n");
		}
		h_fmt(b, "</section>\n");
	}
	page_end(r);
}

void page_eval_results(struct req *r)
{
	struct ctx c;
	if (page_need_login(r) || ctx_load(r, &c))
		return;
	evaluations_page(r, &c, NULL);
	ctx_release(&c);
}

void page_eval_results_post(struct req *r)
{
	struct ctx c;
	struct evaluation_in e;
	char criteria[4200], appraisal[8400];

	if (page_need_login(r) || ctx_load(r, &c))
		return;
	memset(&e, 0, sizeof e);
	e.competence = req_form(r, "competence");
	e.result = req_form(r, "result");
	e.modality = req_form(r, "modality");
	e.criteria = lf(req_form(r, "criteria"), criteria, sizeof criteria);
	e.appraisal = lf(req_form(r, "appraisal"), appraisal, sizeof appraisal);
	e.date = req_form(r, "date");
	if (same_registration(r, &c) && !svc_eval_record(&r->svc, c.rid, &e)) {
		char loc[300];
		struct buf u = BUF_INIT;
		h_url(&u, e.competence);
		snprintf(loc, sizeof loc, "/candidats/%lld/evaluations?fait=resultat#competence-%s",
			(long long)c.kid, buf_str(&u));
		buf_release(&u);
		res_redirect(r, loc);
	} else {
		struct svc_result err;
		if (!page_form_refused(r, &err))
			evaluations_page(r, &c, &err);
	}
	ctx_release(&c);
}

/* The company's opinion ----------------------------------------------------- */

static void opinion_form(struct req *r, const struct ctx *c, const struct svc_result *err)
{
	static const char *const fields[] = { "opinion", "author_name", "author_role", "date",
		"comment", NULL };
	struct buf *b = &r->body;
	const json_t *op = json_object_get(c->reg, "company_opinion");
	int posted = err != NULL, have = json_is_object(op), bad;
	const char *opinion = posted ? req_form(r, "opinion") : jstr(op, "opinion");
	const char *role = posted ? req_form(r, "author_role") : have ? jstr(op, "author_role") : "tutor";
	const char *author = posted ? req_form(r, "author_name") :
		have ? jstr(op, "author_name") : jstr(c->reg, "tutor");
	const char *date = posted ? req_form(r, "date") : jstr(op, "given_on");
	char today[11];

	svc_today(&r->svc, today);
	if (!date || !*date)
		date = today;
	h_fmt(b, "<h2>%r</h2>\n", have ? "Remplacer l'avis" : "Enregistrer l'avis");
	error_top(b, err, fields);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/avis\">\n", c->kid);
	hidden(r, c);
	bad = err_on(err, "opinion");
	h_fmt(b, "<fieldset");
	aria(b, bad, "opinion");
	h_fmt(b, "><legend>Avis de l'entreprise</legend>\n");
	for (int k = 0; k < OPINION__MAX; k++) {
		const char *v = opinion_code((enum opinion)k);
		h_fmt(b, "<p><input type=\"radio\" id=\"opinion-%s\" name=\"opinion\" value=\"%s\"%r "
			"required> <label for=\"opinion-%s\">%s</label></p>\n", v, v,
			opinion && !strcmp(opinion, v) ? " checked" : "", v, opinion_label((enum opinion)k));
	}
	error_beside(b, bad, "opinion", err);
	h_fmt(b, "</fieldset>\n");
	input(b, "author_name", "author_name", "Auteur de l'avis", "text", author,
		"required maxlength=\"200\"", NULL, err);
	bad = err_on(err, "author_role");
	h_fmt(b, "<div><label for=\"author_role\">Qualité de l'auteur</label>"
		"<select id=\"author_role\" name=\"author_role\" required");
	aria(b, bad, "author_role");
	h_fmt(b, ">");
	for (int k = 0; k < AUTHOR__MAX; k++) {
		const char *v = opinion_author_code((enum opinion_author)k);
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", v,
			role && !strcmp(role, v) ? " selected" : "",
			opinion_author_label((enum opinion_author)k));
	}
	h_fmt(b, "</select>");
	error_beside(b, bad, "author_role", err);
	h_fmt(b, "</div>\n");
	input(b, "date", "date", "Date de l'avis", "date", date, "required", NULL, err);
	textarea(b, "comment", "comment", "Commentaire",
		posted ? req_form(r, "comment") : jstr(op, "comment"), "maxlength=\"2000\"", NULL, err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer l'avis</button></div></form>\n");
}

static void opinion_facts(struct buf *b, const json_t *op)
{
	h_fmt(b, "<dl class=\"facts\">\n<dt>Avis</dt><dd>%s</dd>\n<dt>Donné par</dt>"
		"<dd>%s (%s)</dd>\n<dt>Le</dt><dd>", jstr(op, "opinion_label"),
		jstr(op, "author_name"), jstr(op, "author_role_label"));
	h_date(b, jstr(op, "given_on"));
	h_fmt(b, "</dd>\n");
	if (*jstr(op, "comment")) {
		h_fmt(b, "<dt>Commentaire</dt><dd>");
		h_paragraphs(b, jstr(op, "comment"));
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "</dl>\n");
}

static void opinion_page(struct req *r, struct ctx *c, const struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *op;

	head(r, c, TAB_OPINION, err);
	if (!c->rid) {
		page_end(r);
		return;
	}
	notice(r, err);
	if (!json_is_true(json_object_get(c->scope, "company_opinion_required"))) {
		h_fmt(b, "<p>Aucun avis de l'entreprise n'est requis pour cette inscription (R-EVA-3) : "
			"%s</p>\n", jstr(c->scope, "company_opinion_reason"));
		if (err && err->rc != SVC_OK) {
			h_fmt(b, "<p class=\"error\" role=\"alert\">");
			err_text(b, err);
			h_fmt(b, "</p>\n");
		}
		page_end(r);
		return;
	}
	h_fmt(b, "<p>L'entreprise (le tuteur ou le responsable hiérarchique) donne son avis sur "
		"l'évaluation du candidat (R-EVA-3).</p>\n");
	op = json_object_get(c->reg, "company_opinion");
	if (json_is_object(op))
		opinion_facts(b, op);
	else
		h_fmt(b, "<p>L'avis de l'entreprise n'est pas encore enregistré.</p>\n");
	if (perm_allows(r->svc.actor.role, PERM_DOSSIER_WRITE) && active(c))
		opinion_form(r, c, err);
	page_end(r);
}

void page_eval_opinion(struct req *r)
{
	struct ctx c;
	if (page_need_login(r) || ctx_load(r, &c))
		return;
	opinion_page(r, &c, NULL);
	ctx_release(&c);
}

void page_eval_opinion_post(struct req *r)
{
	struct ctx c;
	struct opinion_in o;
	char comment[8400];

	if (page_need_login(r) || ctx_load(r, &c))
		return;
	memset(&o, 0, sizeof o);
	o.opinion = req_form(r, "opinion");
	o.author_name = req_form(r, "author_name");
	o.author_role = req_form(r, "author_role");
	o.date = req_form(r, "date");
	o.comment = lf(req_form(r, "comment"), comment, sizeof comment);
	if (same_registration(r, &c) && !svc_opinion_record(&r->svc, c.rid, &o)) {
		done(r, &c, TAB_OPINION, "avis");
	} else {
		struct svc_result err;
		if (!page_form_refused(r, &err))
			opinion_page(r, &c, &err);
	}
	ctx_release(&c);
}

/* The synthesis of evaluations ----------------------------------------------- */

static void competences_table(struct buf *b, const json_t *comps, const char *block)
{
	const json_t *comp;
	size_t i;

	h_fmt(b, "<table><thead><tr><th scope=\"col\">Compétence</th><th scope=\"col\">Résultat"
		"</th><th scope=\"col\">Modalité</th><th scope=\"col\">Date</th>"
		"<th scope=\"col\">Évaluateur</th><th scope=\"col\">Critères observés</th>"
		"<th scope=\"col\">Appréciation</th></tr></thead><tbody>\n");
	json_array_foreach(comps, i, comp) {
		const char *res = jstr(comp, "result");
		if (block && strcmp(jstr(comp, "block"), block))
			continue;
		h_fmt(b, "<tr><th scope=\"row\">%s — %s</th><td><span class=\"%r\">%s</span>",
			jstr(comp, "code"), jstr(comp, "title"), !strcmp(res, "acquired") ? "yes" :
			!strcmp(res, "not_acquired") ? "no" : "unknown", jstr(comp, "result_label"));
		if (json_object_get(comp, "kept_from_jury"))
			h_fmt(b, " (bloc conservé)");
		h_fmt(b, "</td><td>%s</td><td>", *jstr(comp, "modality") ?
			modality_name(jstr(comp, "modality")) : "—");
		if (*jstr(comp, "evaluated_on"))
			h_date(b, jstr(comp, "evaluated_on"));
		else
			h_fmt(b, "—");
		h_fmt(b, "</td><td>%s</td><td>", *jstr(comp, "evaluator") ? jstr(comp, "evaluator") : "—");
		h_paragraphs(b, jstr(comp, "criteria"));
		h_fmt(b, "</td><td>");
		h_paragraphs(b, jstr(comp, "appraisal"));
		h_fmt(b, "</td></tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");
}

/* R-VAE-3: a VAE's path and its validation commission's conclusions to the
** jury, as the PDF gives them. */
static void vae_synthesis(struct buf *b, const json_t *vae)
{
	const json_t *m = json_object_get(vae, "commission"), *v;
	int blocks = !strcmp(jstr(vae, "unit_kind"), "block");
	size_t i;

	h_fmt(b, "<h2>Validation des acquis de l'expérience</h2>\n<dl class=\"facts\">\n"
		"<dt>Type de VAE</dt><dd>%s</dd>\n<dt>Phase</dt><dd>%s</dd>\n",
		jstr(vae, "kind_label"), jstr(vae, "phase_label"));
	if (*jstr(vae, "state_label")) {
		h_fmt(b, "<dt>Recevabilité</dt><dd>%s", jstr(vae, "state_label"));
		if (*jstr(vae, "decided_on")) {
			h_fmt(b, ", décision du ");
			h_date(b, jstr(vae, "decided_on"));
		}
		h_fmt(b, "</dd>\n");
	}
	if (*jstr(vae, "motive"))
		h_fmt(b, "<dt>Motif</dt><dd>%s</dd>\n", jstr(vae, "motive"));
	h_fmt(b, "</dl>\n<h3>Commission de validation</h3>\n");
	if (!json_is_object(m)) {
		h_fmt(b, "<p>La commission de validation ne s'est pas encore réunie.</p>\n");
		return;
	}
	h_fmt(b, "<dl class=\"facts\">\n<dt>Réunie le</dt><dd>");
	h_date(b, jstr(m, "held_on"));
	h_fmt(b, "</dd>\n<dt>Présidée par</dt><dd>%s (centre %s)</dd>\n<dt>Conclusions au jury</dt>"
		"<dd><strong>%s</strong></dd>\n<dt>%r</dt><dd>", jstr(m, "chair_name"),
		jstr(m, "chair_centre"), jstr(m, "conclusion_label"),
		blocks ? "Blocs validés" : "Compétences validées");
	if (!json_array_size(json_object_get(m, "validated")))
		h_fmt(b, "%r", blocks ? "aucun" : "aucune");
	json_array_foreach(json_object_get(m, "validated"), i, v)
		h_fmt(b, "%r%s", i ? ", " : "", json_string_value(v) ? json_string_value(v) : "");
	h_fmt(b, "</dd>\n");
	if (*jstr(m, "comment")) {
		h_fmt(b, "<dt>Commentaire de la commission</dt><dd>");
		h_paragraphs(b, jstr(m, "comment"));
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "</dl>\n");
}

void page_eval_synthesis(struct req *r)
{
	struct ctx c;
	struct buf *b = &r->body;
	const json_t *cert, *id, *bl, *a, *op, *dj, *m;
	size_t i;
	int kind, kept = 0;

	if (page_need_login(r) || ctx_load(r, &c))
		return;
	head(r, &c, TAB_SYNTHESIS, NULL);
	if (!c.rid) {
		page_end(r);
		ctx_release(&c);
		return;
	}
	cert = json_object_get(c.reg, "certification");
	id = json_object_get(c.doc, "identity");
	kind = kind_from_code(jstr(cert, "kind"));
	h_fmt(b, "<p><a href=\"/candidats/%I/synthese.pdf\">Télécharger la synthèse (PDF)</a></p>\n",
		c.kid);
	h_fmt(b, "<h2>Certification</h2>\n<dl class=\"facts\">\n<dt>Certification</dt><dd>%s — %s"
		"</dd>\n<dt>Nature</dt><dd>%s</dd>\n<dt>Version du référentiel</dt><dd>%d</dd>\n",
		jstr(cert, "code"), jstr(cert, "title"),
		kind >= 0 ? kind_label((enum cert_kind)kind) : jstr(cert, "kind"),
		(int)json_integer_value(json_object_get(cert, "version")));
	h_fmt(b, "<dt>Candidat</dt><dd>");
	h_name(b, c.doc);
	h_fmt(b, ", né%s le ", !strcmp(jstr(id, "sex"), "F") ? "e" : "");
	h_date(b, jstr(id, "birth_date"));
	h_fmt(b, " à %s</dd>\n<dt>Inscription</dt><dd>n° %I du ", jstr(id, "birth_town"), c.rid);
	h_date(b, jstr(c.reg, "registered_on"));
	h_fmt(b, ", centre %s (%s)</dd>\n<dt>Voie d'accès</dt><dd>%s</dd>\n<dt>Inscrit par</dt>"
		"<dd>%s</dd>\n", jstr(c.reg, "centre"), jstr(c.reg, "registration_status_label"),
		jstr(c.reg, "route_label"), jstr(c.reg, "registrant_label"));
	if (json_is_object(json_object_get(c.reg, "company")))
		h_fmt(b, "<dt>Entreprise</dt><dd>%s</dd>\n",
			jstr(json_object_get(c.reg, "company"), "name"));
	dj = json_object_get(c.reg, "dossier");
	if (json_is_object(dj)) {
		h_fmt(b, "<dt>Dossier d'évaluation</dt><dd>convenu le ");
		h_date(b, jstr(dj, "agreed_on"));
		h_fmt(b, " (%s) ; évaluations du ", jstr(dj, "agreed_by_label"));
		h_date(b, jstr(dj, "period_start"));
		h_fmt(b, " au ");
		h_date(b, jstr(dj, "period_end"));
		h_fmt(b, "</dd>\n");
	} else {
		h_fmt(b, "<dt>Dossier d'évaluation</dt><dd>non convenu</dd>\n");
	}
	h_fmt(b, "<dt>Commission d'évaluation</dt><dd>");
	json_array_foreach(json_object_get(c.reg, "evaluators"), i, m)
		h_fmt(b, "%s%s", i ? ", " : "", jstr(m, "name"));
	if (!json_array_size(json_object_get(c.reg, "evaluators")))
		h_fmt(b, "aucun membre affecté");
	h_fmt(b, "</dd>\n<dt>Statut dérivé (R-EVA-6)</dt><dd><strong>%s</strong></dd>\n"
		"<dt>Évaluations</dt><dd>%r</dd>\n</dl>\n", jstr(c.reg, "status_label"),
		json_is_true(json_object_get(c.reg, "evaluations_complete")) ? "complètes" :
		"incomplètes");

	/* the blocks and their competences, or a CCPM's competences */
	if (json_array_size(json_object_get(c.reg, "blocks"))) {
		json_array_foreach(json_object_get(c.reg, "blocks"), i, bl) {
			h_fmt(b, "<section class=\"block\">\n<h2>Bloc %s — %s</h2>\n<p>État : <strong>%s"
				"</strong>", jstr(bl, "code"), jstr(bl, "title"),
				*jstr(bl, "state_label") ? jstr(bl, "state_label") : "—");
			if (json_object_get(bl, "kept_from_jury")) {
				h_fmt(b, " — acquis au jury du ");
				h_date(b, jstr(bl, "kept_from_jury"));
				if (*jstr(bl, "kept_until")) {
					h_fmt(b, ", conservé jusqu'au ");
					h_date(b, jstr(bl, "kept_until"));
				} else {
					h_fmt(b, ", conservé sans limite");
				}
				h_fmt(b, " (R-LET-3)");
			}
			h_fmt(b, "</p>\n");
			competences_table(b, json_object_get(c.reg, "competences"), jstr(bl, "code"));
			h_fmt(b, "</section>\n");
		}
	} else {
		h_fmt(b, "<h2>Compétences</h2>\n");
		competences_table(b, json_object_get(c.reg, "competences"), NULL);
	}

	h_fmt(b, "<h2>Avis de l'entreprise</h2>\n");
	op = json_object_get(c.reg, "company_opinion");
	if (!json_is_true(json_object_get(c.scope, "company_opinion_required")))
		h_fmt(b, "<p>Non requis (R-EVA-3) : %s</p>\n", jstr(c.scope, "company_opinion_reason"));
	else if (json_is_object(op))
		opinion_facts(b, op);
	else
		h_fmt(b, "<p>Non encore donné.</p>\n");

	if (json_is_object(json_object_get(c.reg, "vae")))
		vae_synthesis(b, json_object_get(c.reg, "vae"));

	h_fmt(b, "<h2>Acquis d'un jury antérieur (R-LET-3)</h2>\n");
	json_array_foreach(json_object_get(c.doc, "acquired_blocks"), i, a) {
		if (strcmp(jstr(a, "source"), "jury"))
			continue;
		if (!kept++)
			h_fmt(b, "<table><thead><tr><th scope=\"col\">Certification</th>"
				"<th scope=\"col\">Bloc ou compétence</th><th scope=\"col\">Jury du</th>"
				"<th scope=\"col\">Conservé jusqu'au</th></tr></thead><tbody>\n");
		h_fmt(b, "<tr><td>%s</td><td>%s</td><td>", jstr(a, "certification"), jstr(a, "code"));
		h_date(b, jstr(a, "jury_date"));
		h_fmt(b, "</td><td>");
		if (*jstr(a, "kept_until"))
			h_date(b, jstr(a, "kept_until"));
		else
			h_fmt(b, "sans limite");
		h_fmt(b, "%r</td></tr>\n", json_is_false(json_object_get(a, "kept")) ? " (expiré)" : "");
	}
	if (kept)
		h_fmt(b, "</tbody></table>\n");
	else
		h_fmt(b, "<p>Aucun.</p>\n");
	page_end(r);
	ctx_release(&c);
}
