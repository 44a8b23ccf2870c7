/*
** Administration pages: centres, accounts, audit log. The national
** administrator manages everything; centre staff see their own centre and
** its accounts (scoping is done by the services).
**
**   GET/POST /admin/centres
**   GET/POST /admin/comptes, POST /admin/comptes/{login}/desactiver|reactiver
**   GET      /admin/audit
*/
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* 1 when err is a failure of the field id. */
static int field_bad(const struct svc_result *err, const char *id)
{
	return err && err->rc != SVC_OK && !strcmp(err->field, id);
}

/* The attributes of a control in error: aria-invalid, and the message
** (id "err-FIELD", written by field_error) as its description. */
static void field_aria(struct buf *b, const struct svc_result *err, const char *id)
{
	if (field_bad(err, id))
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
}

static void field_error(struct buf *b, const struct svc_result *err, const char *id)
{
	if (field_bad(err, id))
		h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">%s</span>",
			id, err->message);
}

static void field(struct buf *b, const char *id, const char *label,
	const char *value, const char *attrs, const struct svc_result *err)
{
	h_fmt(b, "<div><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\" %r",
		id, label, id, id, value ? value : "", attrs);
	field_aria(b, err, id);
	h_fmt(b, ">");
	field_error(b, err, id);
	h_fmt(b, "</div>\n");
}

/* Centres ------------------------------------------------------------------ */

static int centre_tr(void *arg, const struct centre *c)
{
	h_fmt(arg, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		c->code, c->name, c->region, c->address, c->email);
	return 0;
}

static void centres_page(struct req *r, const struct svc_result *err, const char *notice)
{
	struct buf rows = BUF_INIT;
	struct buf *b = &r->body;

	if (svc_centre_list(&r->svc, centre_tr, &rows)) {
		buf_release(&rows);
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, "Centres de certification");
	h_fmt(b, "<h1>Centres de certification</h1>\n");
	if (notice)
		h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	if (err && err->rc != SVC_OK && !err->field[0])
		h_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", err->message);
	h_fmt(b, "<table><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Nom</th>"
		"<th scope=\"col\">Région</th><th scope=\"col\">Adresse</th>"
		"<th scope=\"col\">Courriel</th></tr></thead><tbody>\n%r</tbody></table>\n",
		buf_str(&rows));
	if (perm_allows(r->svc.actor.role, PERM_CENTRE_WRITE)) {
		h_fmt(b, "<h2>Ajouter un centre</h2>\n<form class=\"stack\" method=\"post\" "
			"action=\"/admin/centres\">\n");
		h_csrf(r);
		field(b, "code", "Code (majuscules, chiffres, tirets)", req_form(r, "code"),
			"required maxlength=\"32\" pattern=\"[A-Z0-9\\-]{2,32}\"", err);
		field(b, "name", "Nom", req_form(r, "name"), "required maxlength=\"200\"", err);
		field(b, "region", "Région", req_form(r, "region"), "maxlength=\"100\"", err);
		field(b, "address", "Adresse", req_form(r, "address"), "maxlength=\"300\"", err);
		field(b, "email", "Courriel", req_form(r, "email"),
			"type=\"email\" maxlength=\"254\"", err);
		h_fmt(b, "<div><button type=\"submit\">Ajouter le centre</button></div></form>\n");
	}
	page_end(r);
	buf_release(&rows);
}

void page_centres(struct req *r)
{
	if (page_need_login(r))
		return;
	centres_page(r, NULL, NULL);
}

static int copy_field(char *dst, size_t n, const char *src)
{
	if (src && strlen(src) >= n)
		return -1;
	snprintf(dst, n, "%s", src ? src : "");
	return 0;
}

void page_centres_post(struct req *r)
{
	struct centre c;
	int64_t id;

	if (page_need_login(r))
		return;
	memset(&c, 0, sizeof c);
	if (copy_field(c.code, sizeof c.code, req_form(r, "code")) ||
	    copy_field(c.name, sizeof c.name, req_form(r, "name")) ||
	    copy_field(c.region, sizeof c.region, req_form(r, "region")) ||
	    copy_field(c.address, sizeof c.address, req_form(r, "address")) ||
	    copy_field(c.email, sizeof c.email, req_form(r, "email"))) {
		svc_fail(&r->svc, SVC_INVALID, "", NULL, "Un des champs est trop long.");
	} else if (!svc_centre_add(&r->svc, &c, &id)) {
		res_redirect(r, "/admin/centres");
		return;
	}
	{
		struct svc_result err;
		if (!page_form_refused(r, &err))
			centres_page(r, &err, NULL);
	}
}

/* Accounts ------------------------------------------------------------------ */

struct users_acc { struct req *r; struct buf *b; };

static int user_tr(void *arg, const struct account *a)
{
	struct users_acc *u = arg;
	struct req *r = u->r;
	h_fmt(u->b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%r</td><td>",
		a->login, a->name, role_label((enum role)a->role),
		a->centre_code[0] ? a->centre_code : "—",
		a->disabled ? "<span class=\"no\">désactivé</span>" : "<span class=\"yes\">actif</span>");
	if (perm_allows(r->svc.actor.role, PERM_USER_WRITE) && a->id != r->svc.actor.user_id) {
		h_fmt(u->b, "<form class=\"inline\" method=\"post\" action=\"/admin/comptes/%u/%r\">",
			a->login, a->disabled ? "reactiver" : "desactiver");
		h_fmt(u->b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
		h_fmt(u->b, "<button type=\"submit\" aria-label=\"%r le compte %s\">%r</button></form>",
			a->disabled ? "Réactiver" : "Désactiver", a->login,
			a->disabled ? "Réactiver" : "Désactiver");
	}
	h_fmt(u->b, "</td></tr>\n");
	return 0;
}

/* The centres an account may be attached to, as <option>s. */
struct centre_opts { struct buf *b; const char *current; };

static int centre_opt(void *arg, const struct centre *c)
{
	struct centre_opts *o = arg;
	h_fmt(o->b, "<option value=\"%s\"%r>%s (%s)</option>", c->code,
		o->current && !strcmp(o->current, c->code) ? " selected" : "", c->name, c->code);
	return 0;
}

static void users_page(struct req *r, const struct svc_result *err)
{
	struct buf rows = BUF_INIT, centres = BUF_INIT;
	struct users_acc acc = { r, &rows };
	struct centre_opts co = { &centres, req_form(r, "centre") };
	struct buf *b = &r->body;
	const char *role = req_form(r, "role");
	int can_write = perm_allows(r->svc.actor.role, PERM_USER_WRITE);

	if (svc_user_list(&r->svc, user_tr, &acc) ||
	    (can_write && svc_centre_list(&r->svc, centre_opt, &co))) {
		buf_release(&rows);
		buf_release(&centres);
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, "Comptes");
	h_fmt(b, "<h1>Comptes</h1>\n");
	if (err && err->rc != SVC_OK && !err->field[0])
		h_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", err->message);
	h_fmt(b, "<table><thead><tr><th scope=\"col\">Identifiant</th><th scope=\"col\">Nom</th>"
		"<th scope=\"col\">Rôle</th><th scope=\"col\">Centre</th><th scope=\"col\">État</th>"
		"<th scope=\"col\">Action</th></tr></thead><tbody>\n%r</tbody></table>\n",
		buf_str(&rows));
	if (can_write) {
		h_fmt(b, "<h2>Créer un compte</h2>\n<form class=\"stack\" method=\"post\" "
			"action=\"/admin/comptes\">\n");
		h_csrf(r);
		field(b, "login", "Identifiant", req_form(r, "login"),
			"required maxlength=\"64\" autocomplete=\"off\"", err);
		field(b, "name", "Nom", req_form(r, "name"), "required maxlength=\"200\"", err);
		field(b, "email", "Courriel", req_form(r, "email"),
			"type=\"email\" maxlength=\"254\"", err);
		/* no role chosen in advance: the service refuses an empty one */
		h_fmt(b, "<div><label for=\"role\">Rôle</label><select id=\"role\" name=\"role\"");
		field_aria(b, err, "role");
		h_fmt(b, "><option value=\"\"%r>— Choisir un rôle —</option>",
			role && role_from_code(role) > ROLE_PUBLIC ? "" : " selected");
		for (int k = ROLE_ADMIN; k < ROLE__MAX; k++)
			h_fmt(b, "<option value=\"%s\"%r>%s</option>", role_code((enum role)k),
				role && !strcmp(role, role_code((enum role)k)) ? " selected" : "",
				role_label((enum role)k));
		h_fmt(b, "</select>");
		field_error(b, err, "role");
		h_fmt(b, "</div>\n<div><label for=\"centre\">Centre</label>"
			"<select id=\"centre\" name=\"centre\"");
		field_aria(b, err, "centre");
		h_fmt(b, "><option value=\"\">Aucun (compte national)</option>%r</select>",
			buf_str(&centres));
		field_error(b, err, "centre");
		h_fmt(b, "</div>\n");
		field(b, "password", "Mot de passe (10 caractères au moins)", "",
			"type=\"password\" required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"", err);
		h_fmt(b, "<div><button type=\"submit\">Créer le compte</button></div></form>\n");
	}
	page_end(r);
	buf_release(&rows);
	buf_release(&centres);
}

void page_users(struct req *r)
{
	if (page_need_login(r))
		return;
	users_page(r, NULL);
}

void page_users_post(struct req *r)
{
	struct user_new u = {
		req_form(r, "login"), req_form(r, "name"), req_form(r, "email"),
		req_form(r, "role"), req_form(r, "centre"), req_form(r, "password"),
	};
	int64_t id;

	if (page_need_login(r))
		return;
	if (!svc_user_add(&r->svc, &u, &id)) {
		res_redirect(r, "/admin/comptes");
		return;
	}
	{
		struct svc_result err;
		if (!page_form_refused(r, &err))
			users_page(r, &err);
	}
}

static void set_disabled(struct req *r, int disabled)
{
	if (page_need_login(r))
		return;
	if (svc_user_set_disabled(&r->svc, r->param, disabled)) {
		page_error(r, &r->svc.res);
		return;
	}
	res_redirect(r, "/admin/comptes");
}

void page_user_disable(struct req *r) { set_disabled(r, 1); }
void page_user_enable(struct req *r) { set_disabled(r, 0); }

/* Audit -------------------------------------------------------------------- */

/* The audit actions in French; others are shown as their code. */
static const char *const audit_actions[][2] = {
	{ "user.add", "Création d'un compte" },
	{ "user.disable", "Désactivation d'un compte" },
	{ "user.enable", "Réactivation d'un compte" },
	{ "user.password", "Changement de mot de passe" },
	{ "user.password_reset", "Réinitialisation de mot de passe" },
	{ "centre.add", "Création d'un centre" },
	{ "session.open", "Connexion" },
	{ "session.close", "Déconnexion" },
	{ "catalogue.import", "Import RNCP" },
	{ "catalogue.seeds", "Chargement des référentiels de la branche" },
	{ "nomenclature.load", "Chargement des nomenclatures" },
};

static const char *audit_action_label(const char *action)
{
	for (size_t i = 0; i < sizeof audit_actions / sizeof audit_actions[0]; i++)
		if (!strcmp(audit_actions[i][0], action))
			return audit_actions[i][1];
	return NULL;
}

static int audit_tr(void *arg, const struct audit_row *a)
{
	const char *label = audit_action_label(a->action);
	h_fmt(arg, "<tr><td>%I</td><td>", a->id);
	h_datetime(arg, a->at);
	h_fmt(arg, "</td><td>%s</td><td>", a->actor);
	if (label)
		h_fmt(arg, "%s <code>%s</code>", label, a->action);
	else
		h_fmt(arg, "%s", a->action);
	h_fmt(arg, "</td><td>%s</td><td><code>%s</code></td></tr>\n", a->object, a->detail);
	return 0;
}

void page_audit(struct req *r)
{
	struct buf rows = BUF_INIT;
	struct buf *b = &r->body;
	int64_t count = 0, bad = 0;
	int intact;
	const char *object = req_query(r, "object");

	if (page_need_login(r))
		return;
	if (svc_audit_list(&r->svc, object ? object : "", 200, audit_tr, &rows)) {
		buf_release(&rows);
		page_error(r, &r->svc.res);
		return;
	}
	intact = svc_audit_verify(&r->svc, &count, &bad) == 0;
	page_begin(r, "Journal d'audit");
	h_fmt(b, "<h1>Journal d'audit</h1>\n");
	if (intact) {
		h_fmt(b, "<p class=\"notice\" role=\"status\">Chaîne d'empreintes vérifiée : ");
		h_count(b, count, "événement", "événements");
		h_fmt(b, ", aucun n'a été modifié ni supprimé.</p>\n");
	} else {
		h_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", r->svc.res.message);
	}
	/* the journal is searched by exact object (svc_audit_list) */
	h_fmt(b, "<form class=\"search\" method=\"get\" action=\"/admin/audit\"><div>"
		"<label for=\"object\">Objet exact (par exemple compte:marie ou UIMM-DEMO)</label>"
		"<input id=\"object\" name=\"object\" maxlength=\"100\" value=\"%s\"></div>"
		"<div><button type=\"submit\">Filtrer</button></div></form>\n"
		"<p>Les 200 derniers événements%r, du plus récent au plus ancien.</p>\n"
		"<table><thead><tr><th scope=\"col\">N°</th><th scope=\"col\">Date</th>"
		"<th scope=\"col\">Auteur</th><th scope=\"col\">Action</th><th scope=\"col\">Objet</th>"
		"<th scope=\"col\">Détail</th></tr></thead><tbody>\n%r</tbody></table>\n",
		object ? object : "", object && *object ? " de cet objet" : "", buf_str(&rows));
	page_end(r);
	buf_release(&rows);
}
