/*
** Logging in and out, and the user's own account page.
**
**   GET  /connexion      the login form (sets the cqpm_pre CSRF cookie)
**   POST /connexion      checks credentials, opens a session
**   POST /deconnexion    closes the session
**   GET  /compte         who am I
*/
#include "web/web_int.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A local path to go back to after login; "" when not safe. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > 300 || strpbrk(next, "\r\n"))
		return "";
	return next;
}

static void login_form(struct req *r, const char *login, const char *error)
{
	static _Thread_local char pre[72];
	struct buf *b = &r->body;
	const char *next = safe_next(req_query(r, "next") ? req_query(r, "next") : req_form(r, "next"));

	if (!r->pre_token || strlen(r->pre_token) != 64) {
		unsigned char rnd[32];
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(pre, sizeof pre, rnd, sizeof rnd);
		r->pre_token = pre;
		res_cookie(r, "cqpm_pre", pre, 3600);
	}
	page_begin(r, "Connexion");
	h_fmt(b, "<h1>Connexion</h1>\n");
	if (error)
		h_fmt(b, "<p class=\"error\" role=\"alert\" id=\"erreur\">%s</p>\n", error);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/connexion\">\n");
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
		"<div><label for=\"login\">Identifiant</label><input id=\"login\" name=\"login\" "
		"autocomplete=\"username\" required maxlength=\"64\" value=\"%s\"%r></div>\n"
		"<div><label for=\"password\">Mot de passe</label><input id=\"password\" "
		"name=\"password\" type=\"password\" autocomplete=\"current-password\" required "
		"maxlength=\"256\"></div>\n<div><button type=\"submit\">Se connecter</button></div>\n"
		"</form>\n", next, login ? login : "",
		error ? " aria-describedby=\"erreur\"" : "");
	page_end(r);
}

void page_login(struct req *r)
{
	if (r->svc.actor.user_id) {
		res_redirect(r, "/compte");
		return;
	}
	login_form(r, NULL, NULL);
}

void page_login_post(struct req *r)
{
	char token[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1];
	const char *login = req_form(r, "login"), *password = req_form(r, "password");
	const char *next = safe_next(req_form(r, "next"));

	if (svc_login(&r->svc, login, password, r->addr, token, csrf)) {
		r->status = svc_http_status(r->svc.res.rc);
		login_form(r, login && strlen(login) <= 64 ? login : NULL, r->svc.res.message);
		return;
	}
	res_cookie(r, "cqpm_session", token, SESSION_LIFETIME);
	res_cookie(r, "cqpm_pre", "", 0);
	res_redirect(r, *next ? next : "/certifications");
}

void page_logout(struct req *r)
{
	if (svc_logout(&r->svc, r->session_token)) {
		page_error(r, &r->svc.res);
		return;
	}
	res_cookie(r, "cqpm_session", "", 0);
	res_redirect(r, "/certifications");
}

static void account_page(struct req *r, const struct svc_result *err, const char *notice)
{
	struct account a;
	struct buf *b = &r->body;
	int bad_current = err && !strcmp(err->field, "current");
	int bad_new = err && (!strcmp(err->field, "password") || !strcmp(err->field, "confirm"));

	if (svc_user_get(&r->svc, r->svc.actor.login, &a)) {
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, "Mon compte");
	h_fmt(b, "<h1>Mon compte</h1>\n");
	if (notice)
		h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	h_fmt(b, "<dl class=\"facts\">\n<dt>Identifiant</dt><dd>%s</dd>\n"
		"<dt>Nom</dt><dd>%s</dd>\n<dt>Rôle</dt><dd>%s</dd>\n", a.login, a.name,
		role_label((enum role)a.role));
	if (a.centre_code[0])
		h_fmt(b, "<dt>Centre de certification</dt><dd>%s</dd>\n", a.centre_code);
	if (a.email[0])
		h_fmt(b, "<dt>Courriel</dt><dd>%s</dd>\n", a.email);
	h_fmt(b, "<dt>Compte créé le</dt><dd>");
	h_datetime(b, a.created_at);
	h_fmt(b, "</dd>\n</dl>\n");
	h_fmt(b, "<h2>Changer de mot de passe</h2>\n<form class=\"stack\" method=\"post\" "
		"action=\"/compte/mot-de-passe\">\n");
	h_csrf(r);
	h_fmt(b, "<div><label for=\"current\">Mot de passe actuel</label><input id=\"current\" "
		"name=\"current\" type=\"password\" required maxlength=\"256\" "
		"autocomplete=\"current-password\"%r>", bad_current ?
		" aria-invalid=\"true\" aria-describedby=\"err-current\"" : "");
	if (bad_current)
		h_fmt(b, "<span class=\"field-error\" id=\"err-current\" role=\"alert\">%s</span>",
			err->message);
	h_fmt(b, "</div>\n<div><label for=\"password\">Nouveau mot de passe (10 caractères au "
		"moins)</label><input id=\"password\" name=\"password\" type=\"password\" required "
		"minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\"%r>",
		bad_new ? " aria-invalid=\"true\" aria-describedby=\"err-password\"" : "");
	if (bad_new)
		h_fmt(b, "<span class=\"field-error\" id=\"err-password\" role=\"alert\">%s</span>",
			err->message);
	h_fmt(b, "</div>\n<div><label for=\"confirm\">Nouveau mot de passe, à nouveau</label>"
		"<input id=\"confirm\" name=\"confirm\" type=\"password\" required minlength=\"10\" "
		"maxlength=\"256\" autocomplete=\"new-password\"></div>\n"
		"<div><button type=\"submit\">Changer le mot de passe</button></div>\n</form>\n"
		"<p>Le changement ferme toutes vos sessions : il faudra vous reconnecter.</p>\n");
	page_end(r);
}

void page_account(struct req *r)
{
	if (!r->svc.actor.user_id) {
		res_redirect(r, "/connexion?next=/compte");
		return;
	}
	account_page(r, NULL, NULL);
}

/* POST /compte/mot-de-passe {current, password, confirm} */
void page_account_password(struct req *r)
{
	const char *pw = req_form(r, "password"), *confirm = req_form(r, "confirm");
	struct svc_result err;

	if (!r->svc.actor.user_id) {
		res_redirect(r, "/connexion?next=/compte");
		return;
	}
	if (!pw || !confirm || strcmp(pw, confirm)) {
		svc_fail(&r->svc, SVC_INVALID, "confirm", NULL,
			"Les deux saisies du nouveau mot de passe diffèrent.");
	} else if (!svc_user_set_password(&r->svc, r->svc.actor.login,
		req_form(r, "current"), pw)) {
		/* every session was closed, this one too */
		res_cookie(r, "cqpm_session", "", 0);
		res_redirect(r, "/connexion?next=/compte");
		return;
	}
	err = r->svc.res;
	r->svc.res.rc = SVC_OK;
	r->status = svc_http_status(err.rc);
	account_page(r, &err, NULL);
}
