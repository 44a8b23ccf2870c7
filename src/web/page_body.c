/*
** Training bodies and their habilitation (R-HAB-1, R-HAB-2): the list, the
** body's page with its habilitations and the instruction and decision
** forms. The national administrator sees every centre's habilitations (and
** the national list of habilitated bodies); centre staff see and instruct
** their own centre's (scoping is done by the services).
**
**   GET/POST /organismes
**   GET      /organismes/{siret}
**   POST     /organismes/{siret}/instruction | /decision
*/
#include "web/web_int.h"
#include "core/identity.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Who may instruct and decide (the services check the scope). */
static int can_instruct(const struct req *r)
{
	return perm_allows(r->svc.actor.role, PERM_BODY_WRITE);
}

/* The service's message, then "(règle R-HAB-1)" when a rule refused. */
static void err_text(struct buf *b, const struct svc_result *err)
{
	h_fmt(b, "%s", err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
}


/* The habilitation of centre to show in the forms: its pending record, or
** else its latest one; NULL if none. */
static const struct body_hab *hab_of_centre(const struct habs *hs, const char *centre)
{
	const struct body_hab *best = NULL;
	if (!centre || !*centre)
		return NULL;
	for (size_t i = 0; i < hs->n; i++) {
		const struct body_hab *h = &hs->v[i];
		if (strcmp(h->centre_code, centre))
			continue;
		if (h->h.status == HAB_PENDING)
			return h;
		if (!best || h->id > best->id)
			best = h;
	}
	return best;
}

/* Form fields -------------------------------------------------------------- */

/*
** A service error belongs to control id when its field is one of names
** (the service's field names for that control), NULL-terminated.
*/
static int err_on(const struct svc_result *err, const char *const *names)
{
	if (!err || err->rc == SVC_OK || !err->field[0])
		return 0;
	for (; *names; names++)
		if (!strcmp(err->field, *names))
			return 1;
	return 0;
}

static void field_aria(struct buf *b, int bad, const char *id)
{
	if (bad)
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
}

static void field_error(struct buf *b, int bad, const char *id,
	const struct svc_result *err)
{
	if (!bad)
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">", id);
	err_text(b, err);
	h_fmt(b, "</span>");
}

static void field(struct buf *b, const char *id, const char *label,
	const char *value, const char *attrs, const struct svc_result *err)
{
	const char *names[] = { id, NULL };
	int bad = err_on(err, names);
	h_fmt(b, "<div><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\" %r",
		id, label, id, id, value ? value : "", attrs);
	field_aria(b, bad, id);
	h_fmt(b, ">");
	field_error(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

static int copy_field(char *dst, size_t n, const char *src)
{
	if (src && strlen(src) >= n)
		return -1;
	snprintf(dst, n, "%s", src ? src : "");
	return 0;
}

/* The list ----------------------------------------------------------------- */

struct list_acc {
	struct req *r;
	struct buf *b;
	const struct habs *hs;
	int n;
};

static int body_tr(void *arg, const struct body *bd)
{
	struct list_acc *a = arg;
	int national = role_is_national(a->r->svc.actor.role), any = 0;

	h_fmt(a->b, "<tr><td>%s</td><td><a href=\"/organismes/%u\">%s</a></td><td>",
		bd->siret, bd->siret, bd->name);
	if (bd->contact[0])
		h_fmt(a->b, "%s<br>", bd->contact);
	if (bd->email[0])
		h_fmt(a->b, "<a href=\"mailto:%s\">%s</a><br>", bd->email, bd->email);
	if (bd->phone[0])
		h_fmt(a->b, "%s", bd->phone);
	h_fmt(a->b, "</td><td>");
	for (size_t i = 0; i < a->hs->n; i++) {
		const struct body_hab *h = &a->hs->v[i];
		if (strcmp(h->siret, bd->siret))
			continue;
		if (!any)
			h_fmt(a->b, "<ul class=\"plain\">");
		any = 1;
		h_fmt(a->b, "<li>");
		if (national)
			h_fmt(a->b, "%s : ", h->centre_code);
		h_fmt(a->b, "%s</li>", hab_status_label(h->h.status));
	}
	if (any)
		h_fmt(a->b, "</ul>");
	else
		h_fmt(a->b, "%r", national ? "Aucune habilitation" : "Non instruit");
	h_fmt(a->b, "</td></tr>\n");
	a->n++;
	return 0;
}

static int granted_tr(void *arg, const struct body_hab *h)
{
	struct list_acc *a = arg;
	h_fmt(a->b, "<tr><td><a href=\"/organismes/%u\">%s</a> (SIRET %s)</td><td>%s</td><td>",
		h->siret, h->body_name, h->siret, h->centre_code);
	h_date(a->b, h->h.granted_on);
	h_fmt(a->b, "</td></tr>\n");
	a->n++;
	return 0;
}

static void bodies_page(struct req *r, const struct svc_result *err)
{
	struct habs hs = { NULL, 0, 0 };
	struct buf rows = BUF_INIT, granted = BUF_INIT;
	struct list_acc acc = { r, &rows, &hs, 0 }, gacc = { r, &granted, NULL, 0 };
	struct buf *b = &r->body;
	int national = role_is_national(r->svc.actor.role);

	if (svc_hab_list(&r->svc, "", "", habs_collect, &hs) ||
	    svc_body_list(&r->svc, body_tr, &acc) ||
	    (national && svc_hab_list(&r->svc, "", "granted", granted_tr, &gacc))) {
		free(hs.v);
		buf_release(&rows);
		buf_release(&granted);
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, err && err->rc != SVC_OK ? "Erreur — Organismes de formation"
		: "Organismes de formation");
	h_fmt(b, "<h1>Organismes de formation</h1>\n");
	if (err && err->rc != SVC_OK && !err->field[0]) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">");
		err_text(b, err);
		h_fmt(b, "</p>\n");
	}
	if (acc.n)
		h_fmt(b, "<table><caption>Organismes enregistrés</caption><thead><tr>"
			"<th scope=\"col\">SIRET</th><th scope=\"col\">Nom</th>"
			"<th scope=\"col\">Contact</th><th scope=\"col\">%r</th></tr></thead><tbody>\n"
			"%r</tbody></table>\n",
			national ? "Habilitations par les centres" : "Habilitation par votre centre",
			buf_str(&rows));
	else
		h_fmt(b, "<p>Aucun organisme de formation n'est encore enregistré.</p>\n");
	if (national) {
		h_fmt(b, "<h2>Organismes habilités (liste nationale)</h2>\n");
		if (gacc.n)
			h_fmt(b, "<table><thead><tr><th scope=\"col\">Organisme</th>"
				"<th scope=\"col\">Centre de certification</th>"
				"<th scope=\"col\">Habilité depuis le</th></tr></thead><tbody>\n"
				"%r</tbody></table>\n", buf_str(&granted));
		else
			h_fmt(b, "<p>Aucun organisme n'est habilité à ce jour.</p>\n");
	}
	h_fmt(b, "<h2>Enregistrer un organisme</h2>\n<form class=\"stack\" method=\"post\" "
		"action=\"/organismes\">\n");
	h_csrf(r);
	field(b, "siret", "SIRET (14 chiffres)", req_form(r, "siret"),
		"required maxlength=\"20\" inputmode=\"numeric\" autocomplete=\"off\"", err);
	field(b, "name", "Raison sociale", req_form(r, "name"),
		"required maxlength=\"200\" autocomplete=\"organization\"", err);
	field(b, "address", "Adresse", req_form(r, "address"),
		"maxlength=\"300\" autocomplete=\"street-address\"", err);
	field(b, "contact", "Personne à contacter", req_form(r, "contact"),
		"maxlength=\"100\"", err);
	field(b, "email", "Courriel", req_form(r, "email"),
		"type=\"email\" maxlength=\"254\"", err);
	field(b, "phone", "Téléphone", req_form(r, "phone"),
		"type=\"tel\" maxlength=\"30\"", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer l'organisme</button></div></form>\n");
	page_end(r);
	free(hs.v);
	buf_release(&rows);
	buf_release(&granted);
}

void page_bodies(struct req *r)
{
	if (page_need_login(r))
		return;
	bodies_page(r, NULL);
}

/* "/organismes/{siret}" with an optional query, into out. */
static void body_location(char *out, size_t n, const char *siret, const char *query)
{
	struct buf u = BUF_INIT;
	h_url(&u, siret);
	snprintf(out, n, "/organismes/%s%s", buf_str(&u), query ? query : "");
	buf_release(&u);
}

void page_bodies_post(struct req *r)
{
	struct body bd;
	int64_t id;
	char loc[200];

	if (page_need_login(r))
		return;
	memset(&bd, 0, sizeof bd);
	/* "110 043 015 00012" as typed: its digits fit struct body */
	if (id_compact(req_form(r, "siret"), bd.siret, sizeof bd.siret))
		svc_fail(&r->svc, SVC_INVALID, "siret", NULL, "SIRET : 14 chiffres attendus.");
	else if (copy_field(bd.name, sizeof bd.name, req_form(r, "name")) ||
	    copy_field(bd.address, sizeof bd.address, req_form(r, "address")) ||
	    copy_field(bd.contact, sizeof bd.contact, req_form(r, "contact")) ||
	    copy_field(bd.email, sizeof bd.email, req_form(r, "email")) ||
	    copy_field(bd.phone, sizeof bd.phone, req_form(r, "phone")))
		svc_fail(&r->svc, SVC_INVALID, "", NULL, "Un des champs est trop long.");
	else if (!svc_body_add(&r->svc, &bd, &id)) {
		body_location(loc, sizeof loc, bd.siret, "?fait=organisme");
		res_redirect(r, loc);
		return;
	}
	{
		struct svc_result err;
		if (!page_form_refused(r, &err))
			bodies_page(r, &err);
	}
}

/* The body's page ---------------------------------------------------------- */

enum which_form { FORM_NONE, FORM_INSTRUCTION, FORM_DECISION, FORM_ACCOUNT };

/* The centres the actor may choose (one for centre staff). */
struct centres {
	char (*code)[40];
	size_t n, cap;
};

static int centre_collect(void *arg, const struct centre *c)
{
	struct centres *cs = arg;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 8;
		cs->code = xrealloc(cs->code, cs->cap * sizeof *cs->code);
	}
	snprintf(cs->code[cs->n++], sizeof cs->code[0], "%s", c->code);
	return 0;
}

static void dd_date(struct buf *b, const char *dt, const char *iso)
{
	if (!iso[0])
		return;
	h_fmt(b, "<dt>%s</dt><dd>", dt);
	h_date(b, iso);
	h_fmt(b, "</dd>\n");
}

/* One habilitation: its status, dates, motive and its instruction. */
static void hab_section(struct buf *b, const struct body_hab *h, int national,
	const char *siret)
{
	h_fmt(b, "<section class=\"block\" aria-labelledby=\"hab-%I\">\n"
		"<h3 id=\"hab-%I\">Centre %s : %s</h3>\n<dl class=\"facts\">\n"
		"<dt>Centre de certification</dt><dd>%s</dd>\n<dt>État</dt><dd>%s</dd>\n",
		h->id, h->id, h->centre_code, hab_status_label(h->h.status), h->centre_code,
		hab_status_label(h->h.status));
	dd_date(b, "Accordée le", h->h.granted_on);
	dd_date(b, "Refusée le", h->h.refused_on);
	dd_date(b, "Retirée le", h->h.withdrawn_on);
	if (h->h.motive[0])
		h_fmt(b, "<dt>Motif</dt><dd>%s</dd>\n", h->h.motive);
	if (h->updated_at[0]) {
		h_fmt(b, "<dt>Dernière mise à jour</dt><dd>");
		h_datetime(b, h->updated_at);
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "<dt>Date de l'instruction</dt><dd>");
	if (h->a.date[0])
		h_date(b, h->a.date);
	else
		h_fmt(b, "—");
	h_fmt(b, "</dd>\n<dt>Visite sur site</dt><dd>%r</dd>\n</dl>\n",
		h->a.site_visit ? "Oui" : "Non");
	h_fmt(b, "<table><caption>Constats de l'instruction (centre %s)</caption><thead><tr>"
		"<th scope=\"col\">Critère</th><th scope=\"col\">Indicateur</th>"
		"<th scope=\"col\">Constat</th></tr></thead><tbody>\n", h->centre_code);
	for (int c = 0; c < HAB_CRITERIA; c++) {
		const struct hab_criterion *k = hab_criterion(c);
		for (int i = 0; i < HAB_INDICATORS; i++) {
			enum hab_finding f = h->a.findings[c][i];
			h_fmt(b, "<tr>");
			if (i == 0)
				h_fmt(b, "<th scope=\"rowgroup\" rowspan=\"%d\">%d. %s</th>",
					HAB_INDICATORS, c + 1, k->title);
			h_fmt(b, "<td>%d%r. %s</td><td><span class=\"%r\">%s</span></td></tr>\n",
				c + 1, i ? "b" : "a", k->indicators[i],
				f == HAB_MET ? "yes" : f == HAB_NOT_MET ? "no" : "unknown",
				hab_finding_label(f) ? hab_finding_label(f) : "?");
		}
	}
	h_fmt(b, "</tbody></table>\n");
	if (national && h->h.status == HAB_PENDING)
		h_fmt(b, "<p><a href=\"/organismes/%u?centre=%u#instruction\">Instruire ou décider "
			"pour le centre %s</a></p>\n", siret, h->centre_code, h->centre_code);
	h_fmt(b, "</section>\n");
}

/* The centre control of a form: a select for the national administrator,
** the actor's own centre otherwise. */
static void centre_control(struct buf *b, const struct centres *cs, int national,
	const char *id, const char *current, const struct svc_result *err)
{
	static const char *const names[] = { "centre", "centre_code", NULL };
	int bad = err_on(err, names);

	if (!national && cs->n == 1) {
		h_fmt(b, "<input type=\"hidden\" name=\"centre\" value=\"%s\">"
			"<p>Centre de certification : <strong>%s</strong></p>\n",
			cs->code[0], cs->code[0]);
		if (bad) {
			h_fmt(b, "<p class=\"error\" role=\"alert\">");
			err_text(b, err);
			h_fmt(b, "</p>\n");
		}
		return;
	}
	h_fmt(b, "<div><label for=\"%s\">Centre de certification</label>"
		"<select id=\"%s\" name=\"centre\" required", id, id);
	field_aria(b, bad, id);
	h_fmt(b, ">");
	if (!current || !*current)
		h_fmt(b, "<option value=\"\" selected>— Choisir un centre —</option>");
	for (size_t i = 0; i < cs->n; i++)
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", cs->code[i],
			current && !strcmp(current, cs->code[i]) ? " selected" : "", cs->code[i]);
	h_fmt(b, "</select>");
	field_error(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

/* A form's error that belongs to none of its controls, at its top. */
static void form_error(struct buf *b, const struct svc_result *err,
	const char *const *const *controls)
{
	if (!err || err->rc == SVC_OK)
		return;
	for (; *controls; controls++)
		if (err_on(err, *controls))
			return;
	h_fmt(b, "<p class=\"error\" role=\"alert\">");
	err_text(b, err);
	h_fmt(b, "</p>\n");
}

static const char *const f_centre[] = { "centre", "centre_code", NULL };
static const char *const f_idate[] = { "date", "assessment_date", NULL };
static const char *const f_site[] = { "site_visit", NULL };
static const char *const f_decision[] = { "decision", NULL };
static const char *const f_ddate[] = { "date", "decision_date", NULL };
static const char *const f_motive[] = { "motive", NULL };

/* The service's name of indicator (c, i), and the form's. */
static void finding_names(int c, int i, char svc_name[32], char form_name[8])
{
	snprintf(svc_name, 32, "findings[%d][%d]", c, i);
	snprintf(form_name, 8, "f%d%c", c + 1, i ? 'b' : 'a');
}

static void instruction_form(struct req *r, const char *siret, const struct centres *cs,
	const char *centre, const struct body_hab *cur, const struct svc_result *err)
{
	static const char *const *const controls[] = { f_centre, f_idate, f_site, NULL };
	struct buf *b = &r->body;
	int posted = err != NULL, national = role_is_national(r->svc.actor.role);
	const char *date = posted ? req_form(r, "date") : cur ? cur->a.date : NULL;
	int site = posted ? req_form(r, "site_visit") != NULL : cur && cur->a.site_visit;
	char today[11];
	int bad;

	if (!date || !*date) {
		svc_today(&r->svc, today);
		date = today;
	}
	h_fmt(b, "<h2 id=\"instruction\">Instruction de l'habilitation</h2>\n"
		"<p>Constatez chacun des 12 indicateurs des 6 critères (R-HAB-1). "
		"L'habilitation ne peut être accordée que si tous sont satisfaits.</p>\n");
	{
		/* an error on one indicator is shown beside it, not at the top */
		int on_indicator = 0;
		for (int c = 0; c < HAB_CRITERIA && err; c++)
			for (int i = 0; i < HAB_INDICATORS; i++) {
				char sn[32], fn[8];
				const char *names[] = { sn, fn, NULL };
				finding_names(c, i, sn, fn);
				on_indicator |= err_on(err, names);
			}
		if (!on_indicator)
			form_error(b, err, controls);
	}
	h_fmt(b, "<form method=\"post\" action=\"/organismes/%u/instruction\">\n", siret);
	h_csrf(r);
	centre_control(b, cs, national, "instruction-centre", centre, err);
	bad = err_on(err, f_idate);
	h_fmt(b, "<p><label for=\"instruction-date\">Date de l'instruction</label><br>"
		"<input type=\"date\" id=\"instruction-date\" name=\"date\" required value=\"%s\"",
		date);
	field_aria(b, bad, "instruction-date");
	h_fmt(b, ">");
	field_error(b, bad, "instruction-date", err);
	h_fmt(b, "</p>\n<p><input type=\"checkbox\" id=\"site_visit\" name=\"site_visit\" "
		"value=\"1\"%r> <label for=\"site_visit\">Visite sur site</label></p>\n",
		site ? " checked" : "");
	for (int c = 0; c < HAB_CRITERIA; c++) {
		const struct hab_criterion *k = hab_criterion(c);
		h_fmt(b, "<h3>Critère %d : %s</h3>\n", c + 1, k->title);
		for (int i = 0; i < HAB_INDICATORS; i++) {
			char sn[32], fn[8];
			const char *names[] = { sn, fn, NULL };
			int value;
			finding_names(c, i, sn, fn);
			bad = err_on(err, names);
			if (posted) {
				value = hab_finding_from_code(req_form(r, fn));
			} else {
				value = cur ? (int)cur->a.findings[c][i] : HAB_NOT_ASSESSED;
			}
			h_fmt(b, "<fieldset class=\"block\"");
			field_aria(b, bad, fn);
			h_fmt(b, "><legend>Indicateur %d%r : %s</legend>\n", c + 1, i ? "b" : "a",
				k->indicators[i]);
			for (int f = 0; f < HAB_FINDING__MAX; f++)
				h_fmt(b, "<p><input type=\"radio\" id=\"%s-%s\" name=\"%s\" value=\"%s\"%r> "
					"<label for=\"%s-%s\">%s</label></p>\n",
					fn, hab_finding_code((enum hab_finding)f), fn,
					hab_finding_code((enum hab_finding)f),
					f == value ? " checked" : "",
					fn, hab_finding_code((enum hab_finding)f),
					hab_finding_label((enum hab_finding)f));
			field_error(b, bad, fn, err);
			h_fmt(b, "</fieldset>\n");
		}
	}
	h_fmt(b, "<p><button type=\"submit\">Enregistrer l'instruction</button></p></form>\n");
}

static void decision_form(struct req *r, const char *siret, const struct centres *cs,
	const char *centre, const struct svc_result *err)
{
	static const char *const *const controls[] = { f_centre, f_decision, f_ddate,
		f_motive, NULL };
	static const char *const decisions[][2] = {
		{ "granted", "Accorder l'habilitation" },
		{ "refused", "Refuser" },
		{ "withdrawn", "Retirer" },
	};
	struct buf *b = &r->body;
	int national = role_is_national(r->svc.actor.role), bad;
	const char *decision = err ? req_form(r, "decision") : NULL;
	const char *date = err ? req_form(r, "date") : NULL;
	const char *motive = err ? req_form(r, "motive") : NULL;
	char today[11];

	if (!date || !*date) {
		svc_today(&r->svc, today);
		date = today;
	}
	h_fmt(b, "<h2 id=\"decision\">Décision</h2>\n"
		"<p>Un refus ou un retrait est motivé.</p>\n");
	form_error(b, err, controls);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/organismes/%u/decision\">\n",
		siret);
	h_csrf(r);
	centre_control(b, cs, national, "decision-centre", centre, err);
	bad = err_on(err, f_decision);
	h_fmt(b, "<div><label for=\"decision-choice\">Décision</label>"
		"<select id=\"decision-choice\" name=\"decision\" required");
	field_aria(b, bad, "decision-choice");
	h_fmt(b, ">");
	for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", decisions[i][0],
			decision && !strcmp(decision, decisions[i][0]) ? " selected" : "",
			decisions[i][1]);
	h_fmt(b, "</select>");
	field_error(b, bad, "decision-choice", err);
	bad = err_on(err, f_ddate);
	h_fmt(b, "</div>\n<div><label for=\"decision-date\">Date de la décision</label>"
		"<input type=\"date\" id=\"decision-date\" name=\"date\" required value=\"%s\"", date);
	field_aria(b, bad, "decision-date");
	h_fmt(b, ">");
	field_error(b, bad, "decision-date", err);
	bad = err_on(err, f_motive);
	h_fmt(b, "</div>\n<div><label for=\"motive\">Motif (obligatoire pour un refus ou un "
		"retrait)</label><textarea id=\"motive\" name=\"motive\" rows=\"3\" maxlength=\"250\"");
	field_aria(b, bad, "motive");
	h_fmt(b, ">%s</textarea>", motive ? motive : "");
	field_error(b, bad, "motive", err);
	h_fmt(b, "</div>\n<div><button type=\"submit\">Enregistrer la décision</button></div>"
		"</form>\n");
}

/* Notices after a successful POST (?fait=…): fixed texts only. */
static const char *done_notice(const char *what)
{
	if (!what)
		return NULL;
	if (!strcmp(what, "organisme"))
		return "L'organisme de formation est enregistré.";
	if (!strcmp(what, "instruction"))
		return "L'instruction de l'habilitation est enregistrée.";
	if (!strcmp(what, "decision"))
		return "La décision est enregistrée.";
	if (!strcmp(what, "compte"))
		return "Le compte est rattaché à l'organisme.";
	return NULL;
}

/* The training bodies' accounts (R-HAB-2) ----------------------------------- */

struct accounts_acc {
	struct buf *b;
	int n;
};

static int tied_li(void *arg, const struct account *a)
{
	struct accounts_acc *acc = arg;
	h_fmt(acc->b, "<li>%s — %s (centre %s)%r</li>\n", a->login, a->name, a->centre_code,
		a->disabled ? " — désactivé" : "");
	acc->n++;
	return 0;
}

static int body_account_opt(void *arg, const struct account *a)
{
	struct accounts_acc *acc = arg;
	if (a->role != ROLE_TRAINING_BODY || a->disabled)
		return 0;
	h_fmt(acc->b, "<option value=\"%s\">%s — %s</option>", a->login, a->login, a->name);
	acc->n++;
	return 0;
}

/*
** The accounts tied to the body (what they register is registered as the
** body, R-HAB-2), and for centre staff and the national administrator a
** form to tie a training body's account to it. Returns -1 after an error
** page.
*/
static int accounts_section(struct req *r, const struct body *bd, const struct svc_result *err)
{
	struct buf *b = &r->body, tied = BUF_INIT, opts = BUF_INIT;
	struct accounts_acc t = { &tied, 0 }, o = { &opts, 0 };
	int can_link = perm_allows(r->svc.actor.role, PERM_USER_WRITE) ||
		perm_allows(r->svc.actor.role, PERM_BODY_WRITE);

	if (svc_body_accounts(&r->svc, bd->siret, tied_li, &t) ||
	    (can_link && svc_user_list(&r->svc, body_account_opt, &o))) {
		buf_release(&tied);
		buf_release(&opts);
		page_error(r, &r->svc.res);
		return -1;
	}
	h_fmt(b, "<h2 id=\"comptes\">Comptes de l'organisme</h2>\n<p>Un compte d'organisme de "
		"formation rattaché à l'organisme inscrit les candidats en son nom (R-HAB-2).</p>\n");
	if (t.n)
		h_fmt(b, "<ul>\n%r</ul>\n", buf_str(&tied));
	else
		h_fmt(b, "<p>Aucun compte n'est rattaché à cet organisme.</p>\n");
	if (can_link) {
		h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/organismes/%u/compte\">\n",
			bd->siret);
		h_csrf(r);
		if (err && err->rc != SVC_OK) {
			h_fmt(b, "<p class=\"field-error\" id=\"err-login\" role=\"alert\">");
			err_text(b, err);
			h_fmt(b, "</p>\n");
		}
		if (o.n) {
			h_fmt(b, "<div><label for=\"account-login\">Compte d'organisme de formation</label>"
				"<select id=\"account-login\" name=\"login\" required%r>%r</select></div>\n"
				"<div><button type=\"submit\">Rattacher le compte à l'organisme</button></div>\n",
				err && err->rc != SVC_OK ? " aria-invalid=\"true\" aria-describedby=\"err-login\"" : "",
				buf_str(&opts));
		} else {
			h_fmt(b, "<p>Aucun compte d'organisme de formation n'est ouvert : créez-en un "
				"dans <a href=\"/admin/comptes\">Comptes</a> (rôle « organisme de formation »).</p>\n");
		}
		h_fmt(b, "</form>\n");
	}
	buf_release(&tied);
	buf_release(&opts);
	return 0;
}

static void body_page(struct req *r, enum which_form which, const struct svc_result *err)
{
	struct body bd;
	struct habs hs = { NULL, 0, 0 };
	struct centres cs = { NULL, 0, 0 };
	struct buf *b = &r->body;
	int national = role_is_national(r->svc.actor.role);
	int instruct = can_instruct(r);
	const char *centre = req_form(r, "centre");
	const char *notice = err ? NULL : done_notice(req_query(r, "fait"));

	if (svc_body_get(&r->svc, r->param, &bd) ||
	    svc_hab_list(&r->svc, bd.siret, "", habs_collect, &hs) ||
	    (instruct && svc_centre_list(&r->svc, centre_collect, &cs))) {
		free(hs.v);
		free(cs.code);
		page_error(r, &r->svc.res);
		return;
	}
	if (!centre)
		centre = req_query(r, "centre");
	if (!centre && cs.n == 1 && !national)
		centre = cs.code[0];

	page_begin(r, bd.name);
	h_fmt(b, "<p><a href=\"/organismes\">Organismes de formation</a></p>\n"
		"<h1>%s</h1>\n", bd.name);
	if (notice)
		h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	if (err && err->rc != SVC_OK)
		h_fmt(b, "<p class=\"error\" role=\"alert\">%r</p>\n", which == FORM_DECISION
			? "La décision n'a pas été enregistrée : voir le formulaire « Décision »."
			: which == FORM_ACCOUNT
			? "Le compte n'a pas été rattaché : voir « Comptes de l'organisme »."
			: "L'instruction n'a pas été enregistrée : voir le formulaire « Instruction de l'habilitation ».");
	h_fmt(b, "<dl class=\"facts\">\n<dt>SIRET</dt><dd>%s</dd>\n", bd.siret);
	if (bd.address[0])
		h_fmt(b, "<dt>Adresse</dt><dd>%s</dd>\n", bd.address);
	if (bd.contact[0])
		h_fmt(b, "<dt>Personne à contacter</dt><dd>%s</dd>\n", bd.contact);
	if (bd.email[0])
		h_fmt(b, "<dt>Courriel</dt><dd><a href=\"mailto:%s\">%s</a></dd>\n", bd.email, bd.email);
	if (bd.phone[0])
		h_fmt(b, "<dt>Téléphone</dt><dd>%s</dd>\n", bd.phone);
	if (bd.created_at[0]) {
		h_fmt(b, "<dt>Enregistré le</dt><dd>");
		h_datetime(b, bd.created_at);
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "</dl>\n<h2>Habilitations</h2>\n");
	if (!hs.n)
		h_fmt(b, "<p>%r</p>\n", national
			? "Aucun centre n'a encore instruit l'habilitation de cet organisme."
			: "Votre centre n'a pas encore instruit l'habilitation de cet organisme.");
	for (size_t i = 0; i < hs.n; i++)
		hab_section(b, &hs.v[i], national, bd.siret);
	if (accounts_section(r, &bd, which == FORM_ACCOUNT ? err : NULL)) {
		free(hs.v);
		free(cs.code);
		return;
	}
	if (instruct) {
		instruction_form(r, bd.siret, &cs, centre, hab_of_centre(&hs, centre),
			which == FORM_INSTRUCTION ? err : NULL);
		decision_form(r, bd.siret, &cs, centre, which == FORM_DECISION ? err : NULL);
	}
	page_end(r);
	free(hs.v);
	free(cs.code);
}

void page_body(struct req *r)
{
	if (page_need_login(r))
		return;
	body_page(r, FORM_NONE, NULL);
}

/* After a failed POST: the service's refusal as a page (denied, not
** found), or the body's page with the form's errors. */
static void body_post_failed(struct req *r, enum which_form which)
{
	struct svc_result err;

	if (!page_form_refused(r, &err))
		body_page(r, which, &err);
}

/* Redirect after success, keeping the centre for the national administrator. */
static void body_post_done(struct req *r, const char *what)
{
	struct buf q = BUF_INIT;
	char loc[300];
	const char *centre = req_form(r, "centre");

	h_fmt(&q, "?fait=%r", what);
	if (role_is_national(r->svc.actor.role) && centre && *centre)
		h_fmt(&q, "&centre=%u", centre);
	body_location(loc, sizeof loc, r->param, buf_str(&q));
	buf_release(&q);
	res_redirect(r, loc);
}

void page_body_instruct(struct req *r)
{
	struct hab_assessment a;

	if (page_need_login(r))
		return;
	memset(&a, 0, sizeof a);
	if (copy_field(a.date, sizeof a.date, req_form(r, "date"))) {
		svc_fail(&r->svc, SVC_INVALID, "date", NULL,
			"La date de l'instruction est invalide (format AAAA-MM-JJ attendu).");
		body_post_failed(r, FORM_INSTRUCTION);
		return;
	}
	a.site_visit = req_form(r, "site_visit") != NULL;
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++) {
			char sn[32], fn[8];
			const char *v;
			int f;
			finding_names(c, i, sn, fn);
			v = req_form(r, fn);
			/* a group with no button checked is not sent: not assessed */
			f = v ? hab_finding_from_code(v) : HAB_NOT_ASSESSED;
			if (f < 0) {
				svc_fail(&r->svc, SVC_INVALID, fn, NULL,
					"Le constat de l'indicateur %d%c est inconnu.", c + 1, i ? 'b' : 'a');
				body_post_failed(r, FORM_INSTRUCTION);
				return;
			}
			a.findings[c][i] = (enum hab_finding)f;
		}
	if (svc_hab_instruct(&r->svc, r->param, req_form(r, "centre"), &a)) {
		body_post_failed(r, FORM_INSTRUCTION);
		return;
	}
	body_post_done(r, "instruction");
}

void page_body_decide(struct req *r)
{
	const char *motive = req_form(r, "motive");
	char one_line[2048];

	if (page_need_login(r))
		return;
	/* the motive is one line (the service refuses line breaks); the
	** textarea wraps it, and a line break typed in it is a space */
	if (motive && strlen(motive) < sizeof one_line) {
		size_t n = 0;
		for (const char *p = motive; *p; p++) {
			if (*p == '\r' && p[1] == '\n')
				continue;
			one_line[n++] = *p == '\r' || *p == '\n' ? ' ' : *p;
		}
		one_line[n] = '\0';
		motive = one_line;
	}
	if (svc_hab_decide(&r->svc, r->param, req_form(r, "centre"), req_form(r, "decision"),
		req_form(r, "date"), motive)) {
		body_post_failed(r, FORM_DECISION);
		return;
	}
	body_post_done(r, "decision");
}

/* POST /organismes/{siret}/compte {login}: ties a training body's account
** to the body (R-HAB-2). */
void page_body_account(struct req *r)
{
	if (page_need_login(r))
		return;
	if (svc_account_link_body(&r->svc, req_form(r, "login"), r->param)) {
		body_post_failed(r, FORM_ACCOUNT);
		return;
	}
	body_post_done(r, "compte");
}
