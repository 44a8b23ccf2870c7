/*
** The jury paritaire de délibération (R-JUR-1..12): the calendar, one
** jury's page from its planning to the signed minutes and the
** corrections, what a jury member examines of a candidate, and the
** jury's documents.
**
**   GET  /jurys[?du=…&au=…]                 the calendar; staff plan a jury
**   POST /jurys                             plan
**   GET  /jurys/{id}                        the jury (svc_jury_doc)
**   GET  /jurys/{id}/candidats/{ref}        a candidate's file (svc_jury_candidate_file)
**   GET  /jurys/{id}/documents/{kind}[?arg=…]   one PDF (svc_jury_pdf)
**   GET  /jurys/{id}/documents.zip          every document (svc_jury_zip)
**   POST /jurys/{id}/{action}               deplacer, certifications, demandes,
**        cprefp, membres, membres/retrait, convocations, candidats,
**        candidats/retrait, seance, conformite, decision, signature,
**        rectification
**
** Centre staff and the national administrator manage; a jury member reads
** the juries he sits on, the candidates under their anonymous codes until
** the signature (the services withhold the names: this page adds none);
** the president's account records the decisions and signs. Every form
** works without JavaScript; a refusal draws the page again with the
** service's message and rule beside the form, its values kept; a success
** redirects (POST-redirect-GET).
*/
#include "web/page_jury_form.h"
#include "core/catalogue.h"
#include "core/jury.h"
#include "doc/pdf.h"
#include "service/svc_jury.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CERTS_MAX 32          /* certifications per jury (svc_jury.h) */
#define PRESENT_MAX 64        /* JURY_MAX_MEMBERS */

static int can_manage(const struct req *r)
{
	return perm_allows(r->svc.actor.role, PERM_JURY_MANAGE);
}

/* The candidate's reference in the jury's addresses and forms: the
** anonymous code when drawn, else (staff only) the registration number. */
static const char *cand_ref(const json_t *k, char tmp[24])
{
	if (*jstr(k, "code"))
		return jstr(k, "code");
	if (json_is_integer(json_object_get(k, "registration_id"))) {
		snprintf(tmp, 24, "%lld", (long long)jint(k, "registration_id"));
		return tmp;
	}
	return "";
}

/* 1 if the actor's account is the jury's president's. */
static int is_president(const struct req *r, const json_t *doc)
{
	const json_t *m;
	size_t i;
	json_array_foreach(json_object_get(doc, "members"), i, m)
		if (jtrue(m, "president") && json_is_string(json_object_get(m, "login")) &&
		    !strcmp(jstr(m, "login"), r->svc.actor.login))
			return 1;
	return 0;
}

static void dd_date(struct buf *b, const char *dt, const char *iso)
{
	h_fmt(b, "<dt>%s</dt><dd>", dt);
	if (iso && *iso)
		h_date(b, iso);
	else
		h_fmt(b, "—");
	h_fmt(b, "</dd>\n");
}

/* Notices after a successful post (?fait=…): fixed texts only. */
static const char *done_notice(const char *what)
{
	static const char *const n[][2] = {
		{ "plan", "Le jury est inscrit au calendrier. Demandez la désignation des représentants "
			"des organisations syndicales au moins 15 jours avant la séance." },
		{ "deplacer", "Le jury est modifié : les convocations sont à renvoyer et la CPREFP à informer de nouveau." },
		{ "certifications", "Les certifications examinées sont modifiées." },
		{ "demandes", "Les demandes de désignation sont enregistrées." },
		{ "cprefp", "L'information de la CPREFP est enregistrée." },
		{ "membres", "Le membre est ajouté au jury." },
		{ "retrait", "Le membre est retiré du jury." },
		{ "convocations", "Les convocations sont enregistrées." },
		{ "candidat", "Le candidat est présenté à ce jury." },
		{ "candidat-retrait", "Le candidat est retiré de ce jury." },
		{ "seance", "La séance est ouverte." },
		{ "conformite", "La conformité des évaluations est vérifiée." },
		{ "decision", "La décision provisoire est enregistrée." },
		{ "signature", "Le procès-verbal est signé : les décisions sont définitives et les "
			"certificats délivrés." },
		{ "rectification", "La décision est rectifiée ; l'ancienne est conservée dans l'historique." },
		{ "gtp", "Le suivi du GTP est enregistré." },
	};
	for (size_t i = 0; what && i < sizeof n / sizeof n[0]; i++)
		if (!strcmp(what, n[i][0]))
			return n[i][1];
	return NULL;
}

/* The calendar -------------------------------------------------------------- */

/* The catalogue's certifications a jury may examine, for the plan form. */
struct certs {
	char (*code)[48];
	char **title;
	size_t n, cap;
};

static int cert_collect(void *arg, const struct cert_row *row)
{
	struct certs *c = arg;
	if (!strcmp(row->status, "draft") || !strcmp(row->status, "suppressed"))
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->code = xrealloc(c->code, c->cap * sizeof *c->code);
		c->title = xrealloc(c->title, c->cap * sizeof *c->title);
	}
	snprintf(c->code[c->n], sizeof c->code[0], "%s", row->code);
	c->title[c->n++] = xstrdup(row->title);
	return c->n >= 2000;
}

static void certs_release(struct certs *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->title[i]);
	free(c->title);
	free(c->code);
}

static int certs_load(struct svc *s, struct certs *c)
{
	static const char *const kinds[] = { "CQPM", "CCPM", "CQPI", "CCPI" };
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		struct cat_query q;
		struct cat_page pg;
		memset(&q, 0, sizeof q);
		q.kind = kinds[k];
		q.page = 1;
		q.per_page = 500;
		if (svc_cat_list(s, &q, cert_collect, c, &pg))
			return -1;
	}
	return 0;
}

/* 1 if code was among the form's "certifications". */
static int cert_posted(const struct req *r, const char *code)
{
	for (int k = 0; k < r->nform; k++)
		if (!strcmp(r->form[k].key, "certifications") && !strcmp(r->form[k].value, code))
			return 1;
	return 0;
}

static void plan_form(struct view *v)
{
	static const char *const names[] = { "date", "place", "centre", "certifications", NULL };
	struct req *r = v->r;
	struct buf *b = &r->body;
	const struct svc_result *err = jf_err(v, "plan", NULL);
	struct certs cs = { NULL, NULL, 0, 0 };
	struct centres ce;
	int bad;

	if (certs_load(&r->svc, &cs))
		r->svc.res.rc = SVC_OK;   /* an empty list: the service will say so */
	h_fmt(b, "<h2 id=\"planifier\">Planifier un jury</h2>\n<p>La séance a lieu au moins 15 jours "
		"après aujourd'hui (R-JUR-1) : les demandes de désignation et les convocations partent "
		"au plus tard 15 jours avant.</p>\n");
	jf_top_error(b, err, names);
	jf_open(r, "stack", "/jurys");
	if (role_is_national(r->svc.actor.role)) {
		centres_load(&r->svc, &ce);
		jf_select(b, "plan-", "centre", "Centre de certification",
			jf_val(v, "plan", NULL, "centre", ""), "— Choisir —",
			(const char *const *)ce.code, (const char *const *)ce.name, ce.n, err);
		centres_release(&ce);
	}
	jf_input(b, "plan-", "date", "Date de la séance", "date", jf_val(v, "plan", NULL, "date", ""),
		"required", err);
	jf_input(b, "plan-", "place", "Lieu (« Fait à … »)", "text",
		jf_val(v, "plan", NULL, "place", ""), "required maxlength=\"200\"", err);
	bad = err && !strcmp(err->field, "certifications");
	h_fmt(b, "<div><label for=\"plan-certifications\">Certifications examinées (une ou "
		"plusieurs)</label><select id=\"plan-certifications\" name=\"certifications\" multiple "
		"size=\"8\" required%r>", bad ? " aria-invalid=\"true\" aria-describedby=\"err-plan-certifications\"" : "");
	for (size_t i = 0; i < cs.n; i++)
		h_fmt(b, "<option value=\"%s\"%r>%s — %s</option>", cs.code[i],
			err && cert_posted(r, cs.code[i]) ? " selected" : "", cs.code[i], cs.title[i]);
	h_fmt(b, "</select>");
	if (bad) {
		h_fmt(b, "<span class=\"field-error\" id=\"err-plan-certifications\" role=\"alert\">");
		jf_err_text(b, err);
		h_fmt(b, "</span>");
	}
	h_fmt(b, "</div>\n<div><button type=\"submit\">Inscrire le jury au calendrier</button></div>"
		"</form>\n");
	certs_release(&cs);
}

static void calendar(struct req *r, struct svc_result *err)
{
	struct view v = { r, err ? "plan" : NULL, NULL, err };
	struct buf *b = &r->body;
	const char *from = req_query(r, "du"), *to = req_query(r, "au");
	const json_t *j, *c;
	json_t *list;
	size_t i, k;

	if (svc_jury_list(&r->svc, NULL, from ? from : "", to ? to : "", &list)) {
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, err ? "Erreur — Jurys paritaires" : "Jurys paritaires de délibération");
	h_fmt(b, "<h1>Jurys paritaires de délibération</h1>\n");
	if (r->svc.actor.role == ROLE_JURY)
		h_fmt(b, "<p>Les jurys auxquels vous siégez.</p>\n");
	if (err)
		h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré : voir le formulaire "
			"« Planifier un jury ».</p>\n");
	h_fmt(b, "<form class=\"search\" method=\"get\" action=\"/jurys\"><div><label for=\"du\">"
		"Du</label><input type=\"date\" id=\"du\" name=\"du\" value=\"%s\"></div><div><label "
		"for=\"au\">Au</label><input type=\"date\" id=\"au\" name=\"au\" value=\"%s\"></div>"
		"<div><button type=\"submit\">Filtrer</button></div></form>\n", from ? from : "",
		to ? to : "");
	if (!json_array_size(list)) {
		h_fmt(b, "<p>Aucun jury au calendrier%r.</p>\n", (from && *from) || (to && *to) ?
			" pour ces dates" : "");
	} else {
		h_fmt(b, "<table><caption>Calendrier</caption><thead><tr><th scope=\"col\">Jury</th>"
			"<th scope=\"col\">Date</th><th scope=\"col\">Centre</th><th scope=\"col\">Lieu</th>"
			"<th scope=\"col\">État</th><th scope=\"col\">Certifications</th>"
			"<th scope=\"col\">Candidats</th><th scope=\"col\">Membres</th></tr></thead><tbody>\n");
		json_array_foreach(list, i, j) {
			h_fmt(b, "<tr><td><a href=\"/jurys/%I\">Jury n° %I</a></td><td>", jint(j, "id"),
				jint(j, "id"));
			h_date(b, jstr(j, "date"));
			h_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>",
				jstr(json_object_get(j, "centre"), "name"), jstr(j, "place"),
				jstr(j, "state_label"));
			json_array_foreach(json_object_get(j, "certifications"), k, c)
				h_fmt(b, "%r<span class=\"tag\">%s</span>", k ? " " : "",
					json_string_value(c) ? json_string_value(c) : "");
			h_fmt(b, "</td><td>%I</td><td>%I</td></tr>\n", jint(j, "candidates"),
				jint(j, "members"));
		}
		h_fmt(b, "</tbody></table>\n");
	}
	json_decref(list);
	if (can_manage(r))
		plan_form(&v);
	if (perm_allows(r->svc.actor.role, PERM_JURY_MANAGE))
		h_fmt(b, "<p><a href=\"/gtp\">Suivi des dossiers transmis au GTP « Certifications »</a></p>\n");
	page_end(r);
}

void page_juries(struct req *r)
{
	if (page_need_login(r))
		return;
	calendar(r, NULL);
}

void page_juries_post(struct req *r)
{
	const char *certs[CERTS_MAX + 1];
	struct jury_in in;
	struct svc_result err;
	size_t n = 0;
	int64_t id;
	char loc[80];

	if (page_need_login(r))
		return;
	for (int k = 0; k < r->nform; k++)
		if (!strcmp(r->form[k].key, "certifications") && *r->form[k].value &&
		    n < CERTS_MAX + 1)
			certs[n++] = r->form[k].value;   /* one too many: the service refuses */
	memset(&in, 0, sizeof in);
	in.centre_code = req_form(r, "centre");
	if (in.centre_code && !*in.centre_code)
		in.centre_code = NULL;
	in.date = req_form(r, "date");
	in.place = req_form(r, "place");
	in.certifications = certs;
	in.ncertifications = n;
	if (svc_jury_plan(&r->svc, &in, &id)) {
		if (!page_form_refused(r, &err))
			calendar(r, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/jurys/%lld?fait=plan", (long long)id);
	res_redirect(r, loc);
}

/* The jury's page: sections ------------------------------------------------ */

static void summary(struct view *v, const json_t *doc, int manage)
{
	struct buf *b = &v->r->body;
	const json_t *cp = json_object_get(doc, "cprefp"), *c, *centre = json_object_get(doc, "centre");
	const json_t *p = json_object_get(doc, "parity");
	const struct svc_result *err = jf_err(v, "deplacer", NULL);
	const char *state = jstr(doc, "state");
	size_t i;
	int64_t id = jint(doc, "id");
	char act[64];

	h_fmt(b, "<dl class=\"facts\">\n<dt>Centre de certification</dt><dd>%s (%s)</dd>\n",
		jstr(centre, "name"), jstr(centre, "code"));
	dd_date(b, "Date de la séance", jstr(doc, "date"));
	h_fmt(b, "<dt>Lieu</dt><dd>%s</dd>\n<dt>État</dt><dd><strong>%s</strong></dd>\n",
		jstr(doc, "place"), jstr(doc, "state_label"));
	dd_date(b, "Dernier jour des demandes de désignation et des convocations",
		jstr(doc, "notice_deadline"));
	if (*jstr(doc, "opened_on"))
		dd_date(b, "Séance ouverte le", jstr(doc, "opened_on"));
	if (*jstr(doc, "signed_on"))
		dd_date(b, "Procès-verbal signé le", jstr(doc, "signed_on"));
	if (json_is_object(p))
		h_fmt(b, "<dt>Parité des voix</dt><dd>%I employeur(s), %I salarié(s) — %s</dd>\n",
			jint(p, "employer"), jint(p, "employee"), *jstr(p, "message") ?
			jstr(p, "message") : jtrue(p, "ok") ? "paritaire" : "non paritaire");
	h_fmt(b, "</dl>\n");
	if (jtrue(cp, "due"))
		h_fmt(b, "<p class=\"draft\" role=\"status\">La CPREFP doit être informée de la "
			"composition et du calendrier de ce jury (R-JUR-8).</p>\n");

	h_fmt(b, "<h2 id=\"certifications\">Certifications examinées</h2>\n<table><thead><tr>"
		"<th scope=\"col\">Code</th><th scope=\"col\">Intitulé</th><th scope=\"col\">Candidats</th>"
		"%r</tr></thead><tbody>\n", manage && !strcmp(state, "planned") ?
		"<th scope=\"col\">Action</th>" : "");
	json_array_foreach(json_object_get(doc, "certifications"), i, c) {
		h_fmt(b, "<tr><td>%s</td><td>%s</td><td>%I</td>", jstr(c, "code"), jstr(c, "title"),
			jint(c, "candidates"));
		if (manage && !strcmp(state, "planned")) {
			snprintf(act, sizeof act, "/jurys/%lld/certifications", (long long)id);
			h_fmt(b, "<td>");
			jf_open(v->r, "inline", act);
			h_fmt(b, "<input type=\"hidden\" name=\"code\" value=\"%s\"><input type=\"hidden\" "
				"name=\"retirer\" value=\"1\"><button type=\"submit\">Retirer %s</button></form></td>",
				jstr(c, "code"), jstr(c, "code"));
		}
		h_fmt(b, "</tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");
	if (manage && !strcmp(state, "planned")) {
		const struct svc_result *cerr = jf_err(v, "certifications", NULL);
		snprintf(act, sizeof act, "/jurys/%lld/certifications", (long long)id);
		jf_top_error(b, cerr, (const char *const[]){ "code", NULL });
		jf_open(v->r, "search", act);
		jf_input(b, "cert-", "code", "Ajouter une certification (code)", "text",
			jf_val(v, "certifications", NULL, "code", ""), "required maxlength=\"48\"", cerr);
		h_fmt(b, "<div><button type=\"submit\">Ajouter</button></div></form>\n");

		h_fmt(b, "<h3 id=\"deplacer\">Changer la date ou le lieu</h3>\n<p>Un changement de date "
			"annule les convocations ; la CPREFP est à informer de nouveau (R-JUR-8, R-JUR-9).</p>\n");
		snprintf(act, sizeof act, "/jurys/%lld/deplacer", (long long)id);
		jf_top_error(b, err, (const char *const[]){ "date", "place", NULL });
		jf_open(v->r, "stack", act);
		jf_input(b, "move-", "date", "Nouvelle date", "date",
			jf_val(v, "deplacer", NULL, "date", jstr(doc, "date")), "", err);
		jf_input(b, "move-", "place", "Nouveau lieu", "text",
			jf_val(v, "deplacer", NULL, "place", jstr(doc, "place")), "maxlength=\"200\"", err);
		h_fmt(b, "<div><button type=\"submit\">Modifier le jury</button></div></form>\n");
	}
}

static void unions_section(struct view *v, const json_t *doc, int manage)
{
	struct buf *b = &v->r->body;
	const json_t *u, *cp = json_object_get(doc, "cprefp");
	int64_t id = jint(doc, "id");
	const char *state = jstr(doc, "state");
	size_t i;
	char act[64];

	h_fmt(b, "<h2 id=\"syndicats\">Organisations syndicales et CPREFP</h2>\n");
	if (!json_array_size(json_object_get(doc, "unions"))) {
		h_fmt(b, "<p>Aucune organisation syndicale représentative n'est enregistrée.</p>\n");
	} else {
		h_fmt(b, "<table><caption>Demandes de désignation (R-JUR-1)</caption><thead><tr>"
			"<th scope=\"col\">Organisation</th><th scope=\"col\">Demande envoyée</th>"
			"<th scope=\"col\">Délai</th><th scope=\"col\">Courrier</th></tr></thead><tbody>\n");
		json_array_foreach(json_object_get(doc, "unions"), i, u) {
			int asked = *jstr(u, "requested_on") != 0;
			h_fmt(b, "<tr><td>%s — %s</td><td>", jstr(u, "code"), jstr(u, "name"));
			if (asked)
				h_date(b, jstr(u, "requested_on"));
			else
				h_fmt(b, "non demandée");
			h_fmt(b, "</td><td>%r</td><td>", !asked ? "—" :
				jtrue(u, "on_time") ? "<span class=\"yes\">à temps</span>" :
				"<span class=\"no\">trop tard</span>");
			if (manage)
				h_fmt(b, "<a href=\"/jurys/%I/documents/request?arg=%u\">Demande à %s (PDF)</a>",
					id, jstr(u, "code"), jstr(u, "code"));
			h_fmt(b, "</td></tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	}
	if (manage && !strcmp(state, "planned")) {
		const struct svc_result *err = jf_err(v, "demandes", NULL);
		snprintf(act, sizeof act, "/jurys/%lld/demandes", (long long)id);
		jf_top_error(b, err, NULL);
		jf_button(v->r, act, NULL, NULL, "Envoyer les demandes de désignation");
		h_fmt(b, "\n");
	}
	h_fmt(b, "<p>Information de la CPREFP (R-JUR-8) : ");
	if (*jstr(cp, "sent_on")) {
		h_fmt(b, "envoyée le ");
		h_date(b, jstr(cp, "sent_on"));
		h_fmt(b, "%r.", jtrue(cp, "due") ? " ; <strong>à refaire</strong> (la composition ou le "
			"calendrier a changé depuis)" : "");
	} else {
		h_fmt(b, "<strong>pas encore envoyée</strong>.");
	}
	if (manage)
		h_fmt(b, " <a href=\"/jurys/%I/documents/cprefp\">Courrier à la CPREFP (PDF)</a>", id);
	h_fmt(b, "</p>\n");
	if (manage && strcmp(state, "signed")) {
		const struct svc_result *err = jf_err(v, "cprefp", NULL);
		snprintf(act, sizeof act, "/jurys/%lld/cprefp", (long long)id);
		jf_top_error(b, err, NULL);
		jf_button(v->r, act, NULL, NULL, "Informer la CPREFP");
		h_fmt(b, "\n");
	}
}

static const char *const role_codes[] = { "employer", "union", "tutor", "training_body", "evaluator" };
static const char *const role_labels[] = { "Délégation patronale (employeur)",
	"Représentant d'une organisation syndicale", "Invité : tuteur",
	"Invité : organisme de formation", "Invité : évaluateur" };
static const char *const branch_codes[] = { "metallurgy", "temporary_work" };
static const char *const branch_labels[] = { "Métallurgie", "Travail temporaire" };

/* The unions for the member form's select. */
static void union_select(struct view *v, const struct svc_result *err)
{
	struct buf *b = &v->r->body;
	const char *codes[JURY_MAX_UNIONS * 4], *labels[JURY_MAX_UNIONS * 4];
	struct buf lab[JURY_MAX_UNIONS * 4];
	json_t *list = NULL;
	const json_t *u;
	size_t i, n = 0;

	if (svc_union_list(&v->r->svc, &list))
		v->r->svc.res.rc = SVC_OK;
	json_array_foreach(list, i, u) {
		if (n == sizeof codes / sizeof *codes)
			break;
		buf_init(&lab[n], 0);
		buf_printf(&lab[n], "%s — %s", jstr(u, "code"), jstr(u, "name"));
		codes[n] = jstr(u, "code");
		labels[n] = buf_str(&lab[n]);
		n++;
	}
	jf_select(b, "member-", "union", "Organisation syndicale mandante (représentants syndicaux)",
		jf_val(v, "membres", NULL, "union", ""), "— Aucune —", codes, labels, n, err);
	for (i = 0; i < n; i++)
		buf_release(&lab[i]);
	json_decref(list);
}

static void member_form(struct view *v, int64_t id)
{
	static const char *const names[] = { "name", "role", "branch", "union", "branch_employee",
		"votes", "president", "email", "organisation", "quality", "login", NULL };
	struct buf *b = &v->r->body;
	const struct svc_result *err = jf_err(v, "membres", NULL);
	char act[64];
	int sent = err != NULL;

	h_fmt(b, "<h3 id=\"ajouter-membre\">Ajouter un membre</h3>\n<p>La délégation patronale "
		"et les représentants des organisations syndicales ont le même nombre de voix "
		"délibératives (R-JUR-5) ; le président est désigné par le centre parmi les membres "
		"votants (R-JUR-7) ; les invités n'ont pas de voix délibérative (R-JUR-6).</p>\n");
	jf_top_error(b, err, names);
	snprintf(act, sizeof act, "/jurys/%lld/membres", (long long)id);
	jf_open(v->r, "stack", act);
	jf_input(b, "member-", "name", "Prénom et nom", "text", jf_val(v, "membres", NULL, "name", ""),
		"required maxlength=\"200\"", err);
	jf_select(b, "member-", "role", "Rôle", jf_val(v, "membres", NULL, "role", "employer"), NULL,
		role_codes, role_labels, 5, err);
	jf_select(b, "member-", "branch", "Branche", jf_val(v, "membres", NULL, "branch", "metallurgy"),
		NULL, branch_codes, branch_labels, 2, err);
	union_select(v, err);
	jf_check(b, "member-", "branch_employee", "Salarié d'une entreprise de la branche (R-JUR-4)",
		sent && req_form(v->r, "branch_employee"), err);
	jf_check(b, "member-", "votes", "Voix délibérative", sent ? req_form(v->r, "votes") != NULL : 1,
		err);
	jf_check(b, "member-", "president", "Président du jury", sent && req_form(v->r, "president"),
		err);
	jf_input(b, "member-", "email", "Adresse électronique (convocation par courriel)", "email",
		jf_val(v, "membres", NULL, "email", ""), "maxlength=\"254\"", err);
	jf_input(b, "member-", "organisation", "Entreprise ou organisation (feuille d'émargement)",
		"text", jf_val(v, "membres", NULL, "organisation", ""), "maxlength=\"200\"", err);
	jf_input(b, "member-", "quality", "Qualité", "text", jf_val(v, "membres", NULL, "quality", ""),
		"maxlength=\"200\"", err);
	jf_input(b, "member-", "login", "Compte de membre du jury (identifiant, facultatif)", "text",
		jf_val(v, "membres", NULL, "login", ""), "maxlength=\"64\"", err);
	h_fmt(b, "<div><button type=\"submit\">Ajouter le membre</button></div></form>\n");
}

static void members_section(struct view *v, const json_t *doc, int manage)
{
	struct buf *b = &v->r->body;
	const json_t *m;
	const char *state = jstr(doc, "state");
	int planned = !strcmp(state, "planned");
	int64_t id = jint(doc, "id");
	const struct svc_result *rerr = jf_err(v, "retrait", NULL);
	size_t i;
	char act[64];

	h_fmt(b, "<h2 id=\"membres\">Composition du jury</h2>\n");
	jf_top_error(b, rerr, NULL);
	if (!json_array_size(json_object_get(doc, "members"))) {
		h_fmt(b, "<p>Aucun membre pour l'instant.</p>\n");
	} else {
		h_fmt(b, "<table><caption>Membres et invités</caption><thead><tr><th scope=\"col\">Nom</th>"
			"<th scope=\"col\">Rôle</th><th scope=\"col\">Délégation</th>"
			"<th scope=\"col\">Organisation syndicale</th><th scope=\"col\">Voix délibérative</th>"
			"<th scope=\"col\">Président</th><th scope=\"col\">Convoqué</th>"
			"<th scope=\"col\">Présent</th>%r</tr></thead><tbody>\n",
			manage ? "<th scope=\"col\">Actions</th>" : "");
		json_array_foreach(json_object_get(doc, "members"), i, m) {
			h_fmt(b, "<tr><td>%s", jstr(m, "name"));
			if (*jstr(m, "organisation"))
				h_fmt(b, "<br><small>%s</small>", jstr(m, "organisation"));
			h_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%r</td><td>%r</td><td>",
				jstr(m, "role_label"), jstr(m, "side_label"),
				json_is_string(json_object_get(m, "union")) ? jstr(m, "union") : "—",
				jtrue(m, "votes") ? "oui" : "non", jtrue(m, "president") ? "<strong>oui</strong>" : "");
			if (jtrue(m, "convened")) {
				h_fmt(b, "le ");
				h_date(b, jstr(m, "convened_on"));
			} else {
				h_fmt(b, "non");
			}
			h_fmt(b, "</td><td>%r</td>", jtrue(m, "present") ? "présent" :
				*jstr(doc, "opened_on") ? "absent" : "—");
			if (manage) {
				h_fmt(b, "<td>");
				if (jtrue(m, "votes"))
					h_fmt(b, "<a href=\"/jurys/%I/documents/convocation?arg=%I\">Convocation "
						"(PDF)</a> ", id, jint(m, "id"));
				if (planned) {
					char mid[24];
					snprintf(act, sizeof act, "/jurys/%lld/membres/retrait", (long long)id);
					snprintf(mid, sizeof mid, "%lld", (long long)jint(m, "id"));
					jf_open(v->r, "inline", act);
					h_fmt(b, "<input type=\"hidden\" name=\"member\" value=\"%s\"><button "
						"type=\"submit\" aria-label=\"Retirer %s\">Retirer</button></form>",
						mid, jstr(m, "name"));
				}
				h_fmt(b, "</td>");
			}
			h_fmt(b, "</tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	}
	if (manage && planned) {
		const struct svc_result *err = jf_err(v, "convocations", NULL);
		member_form(v, id);
		h_fmt(b, "<h3 id=\"convoquer\">Convocations</h3>\n<p>Les membres votants sont convoqués "
			"au moins 15 jours avant la séance ; la convocation d'un représentant syndical est "
			"adressée en copie à son organisation (R-JUR-9).</p>\n");
		jf_top_error(b, err, NULL);
		snprintf(act, sizeof act, "/jurys/%lld/convocations", (long long)id);
		jf_button(v->r, act, NULL, NULL, "Convoquer tous les membres");
		h_fmt(b, "\n");
	}
}

/* The centre's registrations for the jury (staff, planned). */
static void eligible_section(struct view *v, int64_t id)
{
	struct buf *b = &v->r->body;
	const struct svc_result *err = jf_err(v, "candidats", NULL);
	json_t *list;
	const json_t *e;
	size_t i;
	char act[80], rid[24];

	if (svc_jury_eligible(&v->r->svc, id, &list)) {
		h_fmt(b, "<p class=\"error\">");
		jf_err_text(b, &v->r->svc.res);
		h_fmt(b, "</p>\n");
		v->r->svc.res.rc = SVC_OK;
		return;
	}
	h_fmt(b, "<h3 id=\"inscriptions\">Inscriptions du centre pour ces certifications</h3>\n");
	jf_top_error(b, err, NULL);
	if (!json_array_size(list)) {
		h_fmt(b, "<p>Aucune inscription du centre pour les certifications de ce jury.</p>\n");
		json_decref(list);
		return;
	}
	h_fmt(b, "<table><thead><tr><th scope=\"col\">Inscription</th><th scope=\"col\">Candidat</th>"
		"<th scope=\"col\">Certification</th><th scope=\"col\">Peut être présenté</th>"
		"<th scope=\"col\">Action</th></tr></thead><tbody>\n");
	json_array_foreach(list, i, e) {
		int examined = jtrue(e, "examined");
		snprintf(rid, sizeof rid, "%lld", (long long)jint(e, "registration_id"));
		h_fmt(b, "<tr><td>n° %s</td><td>%s</td><td>%s</td><td>", rid, jstr(e, "name"),
			jstr(e, "certification"));
		if (examined)
			h_fmt(b, "présenté à ce jury");
		else if (jtrue(e, "eligible"))
			h_fmt(b, "<span class=\"yes\">oui</span>");
		else
			h_fmt(b, "<span class=\"no\">non</span> : %s", jstr(e, "reason"));
		h_fmt(b, "</td><td>");
		if (examined || jtrue(e, "eligible")) {
			snprintf(act, sizeof act, "/jurys/%lld/candidats%s", (long long)id,
				examined ? "/retrait" : "");
			jf_open(v->r, "inline", act);
			h_fmt(b, "<input type=\"hidden\" name=\"registration\" value=\"%s\"><button "
				"type=\"submit\" aria-label=\"%r %s\">%r</button></form>", rid,
				examined ? "Retirer" : "Présenter", jstr(e, "name"),
				examined ? "Retirer" : "Présenter");
		}
		h_fmt(b, "</td></tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");
	json_decref(list);
}

static const char *const verdict_codes[] = { "A", "NA" };
static const char *const verdict_labels[] = { "A — Admis", "NA — Non admis" };
static const char *const ballot_codes[] = { "for", "against", "abstain" };
static const char *const ballot_labels[] = { "Pour", "Contre", "Abstention" };

/* A decision or a correction of candidate ref. */
static void decision_form(struct view *v, int64_t id, const json_t *k, const char *ref,
	int correct)
{
	static const char *const names[] = { "verdict", "votes_for", "votes_against", "abstentions",
		"president_ballot", "comment", "motive", NULL };
	struct buf *b = &v->r->body;
	const char *form = correct ? "rectification" : "decision";
	const struct svc_result *err = jf_err(v, form, ref);
	const json_t *vo = json_object_get(k, "votes");
	const char *verdict = jf_val(v, form, ref, "verdict",
		json_is_string(json_object_get(k, "decision")) ? jstr(k, "decision") : "");
	char idp[48], act[64], nfor[16], nag[16], nab[16];
	int bad = err && !strcmp(err->field, "verdict");

	snprintf(idp, sizeof idp, "%s-%s-", correct ? "corr" : "dec", ref);
	snprintf(nfor, sizeof nfor, "%lld", (long long)jint(vo, "for"));
	snprintf(nag, sizeof nag, "%lld", (long long)jint(vo, "against"));
	snprintf(nab, sizeof nab, "%lld", (long long)jint(vo, "abstentions"));
	snprintf(act, sizeof act, "/jurys/%lld/%s", (long long)id, correct ? "rectification" : "decision");
	jf_top_error(b, err, names);
	jf_open(v->r, "stack", act);
	h_fmt(b, "<input type=\"hidden\" name=\"ref\" value=\"%s\">\n<fieldset%r><legend>Décision "
		"pour %s</legend>", ref, bad ? " aria-invalid=\"true\"" : "", ref);
	for (int i = 0; i < 2; i++)
		h_fmt(b, "<p><input type=\"radio\" id=\"%s%s\" name=\"verdict\" value=\"%s\"%r required> "
			"<label for=\"%s%s\">%s</label></p>", idp, verdict_codes[i], verdict_codes[i],
			!strcmp(verdict, verdict_codes[i]) ? " checked" : "", idp, verdict_codes[i],
			verdict_labels[i]);
	if (bad) {
		h_fmt(b, "<p class=\"field-error\" role=\"alert\">");
		jf_err_text(b, err);
		h_fmt(b, "</p>");
	}
	h_fmt(b, "</fieldset>\n");
	jf_input(b, idp, "votes_for", "Voix pour", "number",
		jf_val(v, form, ref, "votes_for", json_is_object(vo) ? nfor : ""), "min=\"0\" max=\"64\" required", err);
	jf_input(b, idp, "votes_against", "Voix contre", "number",
		jf_val(v, form, ref, "votes_against", json_is_object(vo) ? nag : ""), "min=\"0\" max=\"64\" required", err);
	jf_input(b, idp, "abstentions", "Abstentions", "number",
		jf_val(v, form, ref, "abstentions", json_is_object(vo) ? nab : "0"), "min=\"0\" max=\"64\"", err);
	jf_select(b, idp, "president_ballot", "Vote du président",
		jf_val(v, form, ref, "president_ballot", jstr(k, "president_ballot")), "— Choisir —",
		ballot_codes, ballot_labels, 3, err);
	if (correct)
		jf_textarea(b, idp, "motive", "Motif de la rectification",
			jf_val(v, form, ref, "motive", ""), "rows=\"2\" required maxlength=\"1000\"", err);
	else
		jf_textarea(b, idp, "comment", "Commentaire (procès-verbal)",
			jf_val(v, form, ref, "comment", jstr(k, "comment")), "rows=\"2\" maxlength=\"1000\"", err);
	h_fmt(b, "<div><button type=\"submit\">%r</button></div></form>\n",
		correct ? "Rectifier la décision" : "Enregistrer la décision");
}

static void history(struct buf *b, const json_t *k)
{
	const json_t *h;
	size_t i;
	if (json_array_size(json_object_get(k, "history")) < 2)
		return;
	h_fmt(b, "<table><caption>Historique des décisions</caption><thead><tr><th scope=\"col\">"
		"Révision</th><th scope=\"col\">Décision</th><th scope=\"col\">État</th>"
		"<th scope=\"col\">Décidée le</th><th scope=\"col\">Remplacée le</th>"
		"<th scope=\"col\">Motif</th></tr></thead><tbody>\n");
	json_array_foreach(json_object_get(k, "history"), i, h) {
		h_fmt(b, "<tr><td>%I</td><td>%s</td><td>%s</td><td>", jint(h, "revision"),
			jstr(h, "verdict"), jstr(h, "state"));
		h_date(b, jstr(h, "decided_on"));
		h_fmt(b, "</td><td>");
		h_date(b, jstr(h, "superseded_on"));
		h_fmt(b, "</td><td>%s</td></tr>\n", jstr(h, "motive"));
	}
	h_fmt(b, "</tbody></table>\n");
}

static void candidates_section(struct view *v, const json_t *doc, int manage, int president)
{
	struct buf *b = &v->r->body;
	const json_t *k, *c;
	const char *state = jstr(doc, "state");
	int64_t id = jint(doc, "id");
	int anonymous = jtrue(doc, "anonymous");
	int sitting = !strcmp(state, "sitting"), signed_ = !strcmp(state, "signed");
	size_t i, j;
	char tmp[24];

	h_fmt(b, "<h2 id=\"candidats\">Candidats</h2>\n");
	if (anonymous)
		h_fmt(b, "<p>Jusqu'à la signature du procès-verbal, les candidats sont présentés sous "
			"leur numéro anonyme (R-JUR-10).</p>\n");
	if (!json_array_size(json_object_get(doc, "candidates")))
		h_fmt(b, "<p>Aucun candidat présenté à ce jury.</p>\n");
	json_array_foreach(json_object_get(doc, "candidates"), i, k) {
		const char *ref = cand_ref(k, tmp);
		const json_t *cert = json_object_get(k, "certification");
		const json_t *id_ = json_object_get(k, "identity");
		h_fmt(b, "<section class=\"block\" aria-labelledby=\"cand-%s\"><h3 id=\"cand-%s\">",
			ref, ref);
		if (*jstr(k, "code"))
			h_fmt(b, "Candidat %s", jstr(k, "code"));
		else
			h_fmt(b, "Candidat (numéro anonyme non tiré)");
		if (!anonymous && json_is_object(id_))
			h_fmt(b, " — %s", jstr(id_, "name"));
		h_fmt(b, "</h3>\n<dl class=\"facts\"><dt>Certification</dt><dd>%s — %s</dd>"
			"<dt>Résultats des évaluations</dt><dd>%s</dd>", jstr(cert, "code"),
			jstr(cert, "title"), jstr(k, "status_label"));
		if (json_is_string(json_object_get(k, "decision"))) {
			const json_t *vo = json_object_get(k, "votes");
			h_fmt(b, "<dt>Décision</dt><dd><strong>%s</strong> (%s) — pour %I, contre %I, "
				"abstentions %I", jstr(k, "decision"), jstr(k, "decision_state"),
				jint(vo, "for"), jint(vo, "against"), jint(vo, "abstentions"));
			if (jtrue(k, "casting"))
				h_fmt(b, ", voix prépondérante du président");
			h_fmt(b, "</dd>");
			if (jtrue(k, "against_results"))
				h_fmt(b, "<dt>Attention</dt><dd>La décision va contre les résultats des "
					"évaluations.</dd>");
		} else {
			h_fmt(b, "<dt>Décision</dt><dd>pas encore décidée</dd>");
		}
		h_fmt(b, "</dl>\n");
		if (*ref)
			h_fmt(b, "<p><a href=\"/jurys/%I/candidats/%u\">Dossier examiné par le jury "
				"(synthèse, avis de l'entreprise, commission VAE)</a></p>\n", id, ref);
		if (json_array_size(json_object_get(k, "certificates"))) {
			h_fmt(b, "<ul>");
			json_array_foreach(json_object_get(k, "certificates"), j, c) {
				if (manage)
					h_fmt(b, "<li><a href=\"/certificats/%u\">Certificat %s</a> — %s (%s)</li>",
						jstr(c, "number"), jstr(c, "display"), jstr(c, "kind_label"),
						jstr(c, "state"));
				else
					h_fmt(b, "<li>Certificat %s — %s (%s)</li>", jstr(c, "display"),
						jstr(c, "kind_label"), jstr(c, "state"));
			}
			h_fmt(b, "</ul>\n");
		}
		if (signed_ && manage && *ref)
			h_fmt(b, "<p><a href=\"/jurys/%I/documents/letter?arg=%u\">Courrier au candidat "
				"(PDF)</a> · <a href=\"/jurys/%I/documents/certificates?arg=%u\">Certificats "
				"(PDF)</a></p>\n", id, ref, id, ref);
		if (sitting && (manage || president) && *ref)
			decision_form(v, id, k, ref, 0);
		if (signed_ && manage && *ref) {
			h_fmt(b, "<details%r><summary>Rectifier la décision</summary>\n",
				jf_err(v, "rectification", ref) ? " open" : "");
			decision_form(v, id, k, ref, 1);
			h_fmt(b, "</details>\n");
		}
		if (signed_)
			history(b, k);
		h_fmt(b, "</section>\n");
	}
	if (manage && !strcmp(state, "planned"))
		eligible_section(v, id);
}

static void sitting_section(struct view *v, const json_t *doc, int manage, int president)
{
	struct buf *b = &v->r->body;
	const char *state = jstr(doc, "state");
	int64_t id = jint(doc, "id");
	const json_t *m;
	size_t i;
	char act[64];

	if (!strcmp(state, "signed") || (!manage && !president))
		return;
	h_fmt(b, "<h2 id=\"seance\">Séance</h2>\n");
	if (!strcmp(state, "planned") && manage) {
		const struct svc_result *err = jf_err(v, "seance", NULL);
		h_fmt(b, "<p>Le jour de la séance, cochez les membres présents puis ouvrez la séance : "
			"elle n'est ouverte que si le jury peut délibérer (parité, président présent, "
			"convocations et demandes faites à temps).</p>\n");
		jf_top_error(b, err, NULL);
		snprintf(act, sizeof act, "/jurys/%lld/seance", (long long)id);
		jf_open(v->r, "stack", act);
		h_fmt(b, "<fieldset class=\"block\"><legend>Membres présents (feuille d'émargement)"
			"</legend>\n");
		json_array_foreach(json_object_get(doc, "members"), i, m) {
			char mid[24];
			int checked = 0;
			snprintf(mid, sizeof mid, "%lld", (long long)jint(m, "id"));
			if (err) {
				for (int k = 0; k < v->r->nform; k++)
					if (!strcmp(v->r->form[k].key, "present") &&
					    !strcmp(v->r->form[k].value, mid))
						checked = 1;
			}
			h_fmt(b, "<p><input type=\"checkbox\" id=\"present-%s\" name=\"present\" "
				"value=\"%s\"%r> <label for=\"present-%s\">%s (%s)</label></p>\n", mid, mid,
				checked ? " checked" : "", mid, jstr(m, "name"), jstr(m, "role_label"));
		}
		h_fmt(b, "</fieldset>\n<div><button type=\"submit\">Ouvrir la séance</button></div>"
			"</form>\n");
		return;
	}
	if (strcmp(state, "sitting"))
		return;
	if (jtrue(doc, "conformity_checked")) {
		h_fmt(b, "<p>La conformité des évaluations a été vérifiée (R-JUR-11).</p>\n");
	} else {
		const struct svc_result *err = jf_err(v, "conformite", NULL);
		h_fmt(b, "<p>Le jury vérifie d'abord la conformité des évaluations (R-JUR-11).</p>\n");
		jf_top_error(b, err, NULL);
		snprintf(act, sizeof act, "/jurys/%lld/conformite", (long long)id);
		jf_button(v->r, act, NULL, NULL, "Conformité des évaluations vérifiée");
		h_fmt(b, "\n");
	}
}

static void sign_section(struct view *v, const json_t *doc, int manage, int president)
{
	struct buf *b = &v->r->body;
	const struct svc_result *err = jf_err(v, "signature", NULL);
	char act[64];

	if (strcmp(jstr(doc, "state"), "sitting") || (!manage && !president))
		return;
	h_fmt(b, "<h2 id=\"signature\">Signature du procès-verbal</h2>\n<p>Le président signe "
		"quand chaque candidat a sa décision : les décisions deviennent définitives, les "
		"certificats sont numérotés et délivrés.</p>\n");
	jf_top_error(b, err, NULL);
	snprintf(act, sizeof act, "/jurys/%lld/signature", (long long)jint(doc, "id"));
	jf_button(v->r, act, NULL, NULL, "Signer le procès-verbal");
	h_fmt(b, "\n");
}

static void documents_section(struct view *v, const json_t *doc, int manage)
{
	struct buf *b = &v->r->body;
	int64_t id = jint(doc, "id");
	int signed_ = !strcmp(jstr(doc, "state"), "signed");

	h_fmt(b, "<h2 id=\"documents\">Documents</h2>\n<ul>\n");
	if (manage) {
		h_fmt(b, "<li><a href=\"/jurys/%I/documents/attendance\">Feuille d'émargement (PDF)</a></li>\n"
			"<li><a href=\"/jurys/%I/documents/minutes\">Procès-verbal (PDF)</a></li>\n"
			"<li><a href=\"/jurys/%I/documents/gtp_letter\">Courrier au GTP « Certifications » "
			"(PDF)</a></li>\n", id, id, id);
	}
	h_fmt(b, "<li><a href=\"/jurys/%I/documents/syntheses\">Synthèses des évaluations%r "
		"(PDF)</a></li>\n", id, signed_ ? "" : ", anonymes");
	if (manage)
		h_fmt(b, "<li><a href=\"/jurys/%I/documents.zip\">Tous les documents du jury (zip)</a>"
			"</li>\n", id);
	h_fmt(b, "</ul>\n");
}

static void gtp_section(struct view *v, const json_t *doc, int manage)
{
	struct buf *b = &v->r->body;
	const json_t *g = json_object_get(doc, "gtp"), *c;
	int admin = perm_allows(v->r->svc.actor.role, PERM_GTP_MANAGE);
	size_t i;

	if (!manage || !json_is_object(g) || !*jstr(g, "due"))
		return;
	h_fmt(b, "<h2 id=\"gtp\">Dossier au GTP « Certifications »</h2>\n<dl class=\"facts\">");
	dd_date(b, "À transmettre au plus tard le", jstr(g, "due"));
	h_fmt(b, "<dt>État</dt><dd>%s</dd>", jstr(g, "status_label"));
	if (*jstr(g, "sent_on"))
		dd_date(b, "Transmis le", jstr(g, "sent_on"));
	if (*jstr(g, "award_route_label"))
		h_fmt(b, "<dt>Délivrance</dt><dd>%s</dd>", jstr(g, "award_route_label"));
	h_fmt(b, "</dl>\n<p><a href=\"/gtp\">Suivi des dossiers au GTP</a></p>\n");
	if (!json_array_size(json_object_get(g, "corrective")))
		return;
	h_fmt(b, "<h3>Actions correctives (R-GTP-2)</h3>\n");
	json_array_foreach(json_object_get(g, "corrective"), i, c) {
		char cid[24];
		snprintf(cid, sizeof cid, "%lld", (long long)jint(c, "id"));
		h_fmt(b, "<div class=\"block\"><p><strong>Action n° %s</strong> — %s — envoyée le ", cid,
			jstr(c, "state_label"));
		h_date(b, jstr(c, "sent_on"));
		h_fmt(b, "</p>");
		h_paragraphs(b, jstr(c, "text"));
		if (*jstr(c, "followed_on")) {
			h_fmt(b, "<p>Suivi le ");
			h_date(b, jstr(c, "followed_on"));
			h_fmt(b, " : %s</p>", jstr(c, "follow_up"));
		} else if (admin) {
			gtp_follow_form(v, jint(doc, "id"), cid);
		}
		h_fmt(b, "</div>\n");
	}
}

/* The page ------------------------------------------------------------------- */

static void jury_page(struct req *r, int64_t id, const char *form, const char *row,
	struct svc_result *err)
{
	struct view v = { r, form, row, err };
	struct buf *b = &r->body;
	json_t *doc;
	int manage = can_manage(r), president;

	if (svc_jury_doc(&r->svc, id, &doc)) {
		page_error(r, &r->svc.res);
		return;
	}
	president = is_president(r, doc);
	{
		struct buf t = BUF_INIT;
		h_fmt(&t, "%rJury n° %I du ", err ? "Erreur — " : "", id);
		h_date(&t, jstr(doc, "date"));
		page_begin(r, buf_str(&t));
		buf_release(&t);
	}
	h_fmt(b, "<p><a href=\"/jurys\">Calendrier des jurys</a></p>\n<h1>Jury paritaire de "
		"délibération n° %I — ", id);
	h_date(b, jstr(doc, "date"));
	h_fmt(b, "</h1>\n");
	if (!err) {
		const char *notice = done_notice(req_query(r, "fait"));
		if (notice)
			h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	} else {
		h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré : ");
		jf_err_text(b, err);
		h_fmt(b, "</p>\n");
	}
	summary(&v, doc, manage);
	unions_section(&v, doc, manage);
	members_section(&v, doc, manage);
	sitting_section(&v, doc, manage, president);
	candidates_section(&v, doc, manage, president);
	sign_section(&v, doc, manage, president);
	documents_section(&v, doc, manage);
	gtp_section(&v, doc, manage);
	page_end(r);
	json_decref(doc);
}

/* What a jury member examines of one candidate ------------------------------ */

static void unit_rows(struct buf *b, const json_t *reg)
{
	const json_t *bl, *c;
	size_t i, j;

	json_array_foreach(json_object_get(reg, "blocks"), i, bl) {
		h_fmt(b, "<div class=\"block\"><h3>%s — %s</h3><p>%s</p>\n", jstr(bl, "code"),
			jstr(bl, "title"), jstr(bl, "state_label"));
		if (json_object_get(bl, "kept_from_jury"))
			h_fmt(b, "<p>Bloc acquis à un jury antérieur (R-LET-3).</p>\n");
		h_fmt(b, "<table><thead><tr><th scope=\"col\">Compétence</th><th scope=\"col\">"
			"Résultat</th><th scope=\"col\">Modalité</th><th scope=\"col\">Appréciation</th>"
			"<th scope=\"col\">Évaluée le</th></tr></thead><tbody>\n");
		json_array_foreach(json_object_get(reg, "competences"), j, c) {
			if (strcmp(jstr(c, "block"), jstr(bl, "code")))
				continue;
			h_fmt(b, "<tr><td>%s — %s</td><td>%s</td><td>%s</td><td>", jstr(c, "code"),
				jstr(c, "title"), jstr(c, "result_label"), modality_label_of_key(jstr(c, "modality")));
			h_paragraphs(b, jstr(c, "appraisal"));
			h_fmt(b, "</td><td>");
			h_date(b, jstr(c, "evaluated_on"));
			h_fmt(b, "</td></tr>\n");
		}
		h_fmt(b, "</tbody></table></div>\n");
	}
}

static void candidate_file(struct req *r, int64_t id, const char *ref)
{
	struct buf *b = &r->body;
	json_t *doc;
	const json_t *reg, *cert, *op, *vae, *m;

	if (svc_jury_candidate_file(&r->svc, id, ref, &doc)) {
		page_error(r, &r->svc.res);
		return;
	}
	reg = json_object_get(doc, "registration");
	if (!json_is_object(reg))
		reg = json_array_get(json_object_get(doc, "registrations"), 0);
	cert = json_object_get(reg, "certification");
	{
		struct buf t = BUF_INIT;
		h_fmt(&t, "Candidat %s — jury n° %I", *jstr(doc, "code") ? jstr(doc, "code") : ref, id);
		page_begin(r, buf_str(&t));
		buf_release(&t);
	}
	h_fmt(b, "<p><a href=\"/jurys/%I#candidats\">Retour au jury n° %I</a></p>\n"
		"<h1>Candidat %s</h1>\n<dl class=\"facts\"><dt>Certification</dt><dd>%s — %s</dd>"
		"<dt>Voie d'accès</dt><dd>%s</dd><dt>Résultats</dt><dd><strong>%s</strong></dd></dl>\n",
		id, id, *jstr(doc, "code") ? jstr(doc, "code") : ref, jstr(cert, "code"),
		jstr(cert, "title"), jstr(reg, "route_label"), jstr(reg, "status_label"));
	h_fmt(b, "<p><a href=\"/jurys/%I/documents/syntheses?arg=%u\">Synthèse des évaluations "
		"(PDF)</a></p>\n", id, ref);
	h_fmt(b, "<h2>Synthèse des évaluations</h2>\n");
	if (!json_array_size(json_object_get(reg, "blocks")))
		h_fmt(b, "<p>Aucune évaluation enregistrée.</p>\n");
	unit_rows(b, reg);
	h_fmt(b, "<h2>Avis de l'entreprise</h2>\n");
	op = json_object_get(reg, "company_opinion");
	if (json_is_object(op)) {
		h_fmt(b, "<p><strong>%s</strong> — %s, le ", jstr(op, "opinion_label"),
			jstr(op, "author_role_label"));
		h_date(b, jstr(op, "given_on"));
		h_fmt(b, "</p>\n");
		h_paragraphs(b, jstr(op, "comment"));
	} else {
		h_fmt(b, "<p>Aucun avis de l'entreprise.</p>\n");
	}
	vae = json_object_get(reg, "vae");
	if (json_is_object(vae)) {
		const json_t *u;
		size_t i;
		m = json_object_get(vae, "commission");
		h_fmt(b, "<h2>Commission de validation (VAE)</h2>\n");
		if (json_is_object(m)) {
			h_fmt(b, "<dl class=\"facts\">");
			dd_date(b, "Réunie le", jstr(m, "held_on"));
			h_fmt(b, "<dt>Conclusions au jury</dt><dd><strong>%s</strong></dd><dt>Unités "
				"validées</dt><dd>", jstr(m, "conclusion_label"));
			json_array_foreach(json_object_get(m, "validated"), i, u)
				h_fmt(b, "%r%s", i ? ", " : "", json_string_value(u) ? json_string_value(u) : "");
			h_fmt(b, "</dd></dl>\n");
			h_paragraphs(b, jstr(m, "comment"));
		} else {
			h_fmt(b, "<p>La commission de validation ne s'est pas encore réunie.</p>\n");
		}
	}
	page_end(r);
	json_decref(doc);
}

/* Documents ------------------------------------------------------------------ */

/* A file name's part: letters, digits and dashes only. */
static void safe_name(char *out, size_t n, const char *s)
{
	size_t k = 0;
	for (; s && *s && k + 1 < n; s++)
		out[k++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9') ? *s : '-';
	out[k] = '\0';
}

static void document(struct req *r, int64_t id, const char *kind_code)
{
	const char *arg = req_query(r, "arg");
	int kind = jury_doc_from_code(kind_code);
	char cd[200], a[48], k[32];

	if (kind < 0) {
		page_status(r, 404, "Introuvable", "Ce document du jury n'existe pas.");
		return;
	}
	buf_reset(&r->body);
	if (svc_jury_pdf(&r->svc, id, (enum jury_doc)kind, arg && *arg ? arg : NULL, pdf_write_buf,
		&r->body, NULL)) {
		buf_reset(&r->body);
		r->body.overflow = 0;
		page_error(r, &r->svc.res);
		return;
	}
	r->status = 200;
	r->ctype = "application/pdf";
	r->csp = "frame-ancestors 'none'";   /* see page_synthesis.c */
	safe_name(k, sizeof k, kind_code);
	safe_name(a, sizeof a, arg);
	snprintf(cd, sizeof cd, "inline; filename=\"jury-%lld-%s%s%s.pdf\"", (long long)id, k,
		*a ? "-" : "", a);
	res_header(r, "Content-Disposition", cd);
}

static void documents_zip(struct req *r, int64_t id)
{
	if (web_jury_zip(r, id))
		page_error(r, &r->svc.res);
}

void page_jury(struct req *r)
{
	const char *rest;
	int64_t id;

	if (page_need_login(r))
		return;
	id = req_param_id(r, &rest);
	if (id < 0) {
		page_status(r, 404, "Introuvable", "Aucun jury à cette adresse.");
		return;
	}
	if (!*rest)
		jury_page(r, id, NULL, NULL, NULL);
	else if (!strncmp(rest, "/candidats/", 11) && rest[11] && !strchr(rest + 11, '/'))
		candidate_file(r, id, rest + 11);
	else if (!strncmp(rest, "/documents/", 11) && rest[11] && !strchr(rest + 11, '/'))
		document(r, id, rest + 11);
	else if (!strcmp(rest, "/documents.zip"))
		documents_zip(r, id);
	else
		page_status(r, 404, "Page introuvable", "Cette adresse ne correspond à aucune page du jury.");
}

/* Posts ------------------------------------------------------------------------ */

static int post_decision(struct req *r, int64_t id, int correct)
{
	struct decision_in d;
	long f = jf_count(req_form(r, "votes_for"), JURY_MAX_MEMBERS);
	long a = jf_count(req_form(r, "votes_against"), JURY_MAX_MEMBERS);
	const char *ab = req_form(r, "abstentions");
	long n = ab && *ab ? jf_count(ab, JURY_MAX_MEMBERS) : 0;
	const char *ref = req_form(r, "ref");

	if (f < 0)
		return svc_fail(&r->svc, SVC_INVALID, "votes_for", NULL,
			"Voix pour : un nombre de 0 à %d est attendu.", JURY_MAX_MEMBERS);
	if (a < 0)
		return svc_fail(&r->svc, SVC_INVALID, "votes_against", NULL,
			"Voix contre : un nombre de 0 à %d est attendu.", JURY_MAX_MEMBERS);
	if (n < 0)
		return svc_fail(&r->svc, SVC_INVALID, "abstentions", NULL,
			"Abstentions : un nombre de 0 à %d est attendu.", JURY_MAX_MEMBERS);
	memset(&d, 0, sizeof d);
	d.verdict = req_form(r, "verdict") ? req_form(r, "verdict") : "";
	d.votes_for = (int)f;
	d.votes_against = (int)a;
	d.abstentions = (int)n;
	d.president_ballot = req_form(r, "president_ballot") ? req_form(r, "president_ballot") : "";
	d.comment = req_form(r, "comment") ? req_form(r, "comment") : "";
	if (!ref || !*ref)
		return svc_fail(&r->svc, SVC_INVALID, "ref", NULL, "Candidat non précisé.");
	return correct ? svc_jury_correct(&r->svc, id, ref, &d,
		req_form(r, "motive") ? req_form(r, "motive") : "") :
		svc_jury_decide(&r->svc, id, ref, &d);
}

static int post_member(struct req *r, int64_t id)
{
	struct jury_member_in m;
	int64_t mid;
	const char *u = req_form(r, "union");

	memset(&m, 0, sizeof m);
	m.name = req_form(r, "name") ? req_form(r, "name") : "";
	m.email = req_form(r, "email") ? req_form(r, "email") : "";
	m.role = req_form(r, "role") ? req_form(r, "role") : "";
	m.branch = req_form(r, "branch") && *req_form(r, "branch") ? req_form(r, "branch") : NULL;
	m.union_code = u && *u ? u : NULL;
	m.branch_employee = req_form(r, "branch_employee") != NULL;
	m.votes = req_form(r, "votes") != NULL;
	m.president = req_form(r, "president") != NULL;
	m.organisation = req_form(r, "organisation") ? req_form(r, "organisation") : "";
	m.quality = req_form(r, "quality") ? req_form(r, "quality") : "";
	m.account_login = req_form(r, "login");
	return svc_jury_member_add(&r->svc, id, &m, &mid);
}

static int post_open(struct req *r, int64_t id)
{
	int64_t ids[PRESENT_MAX];
	size_t n = 0;

	for (int k = 0; k < r->nform; k++) {
		int64_t mid;
		if (strcmp(r->form[k].key, "present"))
			continue;
		if (!(mid = jf_id(r->form[k].value)))
			return svc_fail(&r->svc, SVC_INVALID, "present", NULL,
				"Membre présent : numéro invalide.");
		if (n == PRESENT_MAX)
			return svc_fail(&r->svc, SVC_INVALID, "present", NULL,
				"Plus de %d membres présents.", PRESENT_MAX);
		ids[n++] = mid;
	}
	return svc_jury_open(&r->svc, id, ids, n);
}

void page_jury_post(struct req *r)
{
	static const char *const actions[][3] = {
		/* path, form, notice */
		{ "/deplacer", "deplacer", "deplacer" },
		{ "/certifications", "certifications", "certifications" },
		{ "/demandes", "demandes", "demandes" },
		{ "/cprefp", "cprefp", "cprefp" },
		{ "/membres", "membres", "membres" },
		{ "/membres/retrait", "retrait", "retrait" },
		{ "/convocations", "convocations", "convocations" },
		{ "/candidats", "candidats", "candidat" },
		{ "/candidats/retrait", "candidats", "candidat-retrait" },
		{ "/seance", "seance", "seance" },
		{ "/conformite", "conformite", "conformite" },
		{ "/decision", "decision", "decision" },
		{ "/signature", "signature", "signature" },
		{ "/rectification", "rectification", "rectification" },
	};
	const char *rest, *form = NULL, *notice = NULL, *row = NULL;
	struct svc_result err;
	int64_t id;
	int rc = -1;
	size_t a;
	char loc[128];

	if (page_need_login(r))
		return;
	id = req_param_id(r, &rest);
	for (a = 0; id > 0 && a < sizeof actions / sizeof *actions; a++)
		if (!strcmp(rest, actions[a][0]))
			break;
	if (id < 0 || a == sizeof actions / sizeof *actions) {
		page_status(r, 404, "Page introuvable", "Cette adresse ne correspond à aucune action du jury.");
		return;
	}
	form = actions[a][1];
	notice = actions[a][2];
	switch (a) {
	case 0: {
		const char *d = req_form(r, "date"), *p = req_form(r, "place");
		rc = svc_jury_move(&r->svc, id, d && *d ? d : NULL, p && *p ? p : NULL);
		break;
	}
	case 1:
		rc = svc_jury_certification(&r->svc, id, req_form(r, "code") ? req_form(r, "code") : "",
			req_form(r, "retirer") == NULL);
		break;
	case 2: {
		const char *u = req_form(r, "union");
		rc = svc_jury_request(&r->svc, id, u && *u ? u : NULL, NULL);
		break;
	}
	case 3:
		rc = svc_jury_notify_cprefp(&r->svc, id, NULL);
		break;
	case 4:
		rc = post_member(r, id);
		break;
	case 5: {
		int64_t mid = jf_id(req_form(r, "member"));
		rc = mid ? svc_jury_member_remove(&r->svc, id, mid) :
			svc_fail(&r->svc, SVC_NOTFOUND, "member", NULL, "Aucun membre à ce numéro.");
		break;
	}
	case 6: {
		struct convoke_report rep;
		memset(&rep, 0, sizeof rep);
		rc = svc_jury_convoke(&r->svc, id, 0, NULL, &rep);
		break;
	}
	case 7:
	case 8: {
		int64_t rid = jf_id(req_form(r, "registration"));
		if (!rid)
			rc = svc_fail(&r->svc, SVC_NOTFOUND, "registration", NULL,
				"Aucune inscription à ce numéro.");
		else
			rc = a == 7 ? svc_jury_candidate_add(&r->svc, id, rid) :
				svc_jury_candidate_remove(&r->svc, id, rid);
		break;
	}
	case 9:
		rc = post_open(r, id);
		break;
	case 10:
		rc = svc_jury_conformity(&r->svc, id);
		break;
	case 11:
	case 13:
		row = req_form(r, "ref");
		rc = post_decision(r, id, a == 13);
		break;
	case 12:
		rc = svc_jury_sign(&r->svc, id);
		break;
	}
	if (rc) {
		if (!page_form_refused(r, &err))
			jury_page(r, id, form, row, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/jurys/%lld?fait=%s#%s", (long long)id, notice,
		a == 4 || a == 5 || a == 6 ? "membres" : a >= 7 && a != 12 ? "candidats" :
		a == 12 ? "documents" : a <= 1 ? "certifications" : "syndicats");
	res_redirect(r, loc);
}

/* page_gtp.c: a refused follow-up of a corrective action, drawn on the
** jury's page where its form is. */
void jury_page_refused(struct req *r, int64_t id, const char *form, const char *row,
	struct svc_result *err);
void jury_page_refused(struct req *r, int64_t id, const char *form, const char *row,
	struct svc_result *err)
{
	jury_page(r, id, form, row, err);
}
