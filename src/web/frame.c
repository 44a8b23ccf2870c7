/*
** The page frame shared by every HTML page: head, navigation by role,
** error pages, the CSRF field, and the style sheet.
*/
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int page_need_login(struct req *r)
{
	struct buf u = BUF_INIT;
	char loc[600];
	if (r->svc.actor.user_id)
		return 0;
	h_url(&u, r->path);
	snprintf(loc, sizeof loc, "/connexion?next=%s", buf_str(&u));
	buf_release(&u);
	res_redirect(r, loc);
	return 1;
}

void h_csrf(struct req *r)
{
	h_fmt(&r->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		r->svc.actor.user_id ? r->csrf : (r->pre_token ? r->pre_token : ""));
}

void page_begin(struct req *r, const char *title)
{
	const struct actor *a = &r->svc.actor;
	struct buf *b = &r->body;

	r->ctype = "text/html; charset=utf-8";
	h_fmt(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>%s — cqpm</title>\n"
		"<link rel=\"stylesheet\" href=\"/static/cqpm.css\">\n</head>\n<body>\n"
		"<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>\n"
		"<header class=\"site\"><div class=\"bar\">"
		"<a class=\"brand\" href=\"/certifications\">cqpm <span>Certifications "
		"professionnelles de la métallurgie</span></a>\n<nav aria-label=\"Navigation principale\"><ul>"
		"<li><a href=\"/certifications\">Catalogue</a></li>", title);
	if (perm_allows(a->role, PERM_CENTRE_READ))
		h_fmt(b, "<li><a href=\"/admin/centres\">Centres</a></li>");
	if (perm_allows(a->role, PERM_USER_READ))
		h_fmt(b, "<li><a href=\"/admin/comptes\">Comptes</a></li>");
	if (perm_allows(a->role, PERM_BODY_READ))
		h_fmt(b, "<li><a href=\"/organismes\">Organismes</a></li>");
	if (perm_allows(a->role, PERM_CANDIDATE_READ))
		h_fmt(b, "<li><a href=\"/candidats\">Candidats</a></li>");
	if (perm_allows(a->role, PERM_JURY_MANAGE) || perm_allows(a->role, PERM_JURY_SIT))
		h_fmt(b, "<li><a href=\"/jurys\">Jurys</a></li>");
	if (perm_allows(a->role, PERM_GTP_MANAGE))
		h_fmt(b, "<li><a href=\"/gtp\">GTP</a></li>");
	if (perm_allows(a->role, PERM_UNION_WRITE))
		h_fmt(b, "<li><a href=\"/syndicats\">Syndicats</a></li>");
	if (perm_allows(a->role, PERM_CATALOGUE_WRITE))
		h_fmt(b, "<li><a href=\"/admin/import\">Import RNCP</a></li>");
	if (perm_allows(a->role, PERM_AUDIT_READ))
		h_fmt(b, "<li><a href=\"/admin/audit\">Journal d'audit</a></li>");
	if (a->user_id) {
		h_fmt(b, "<li><a href=\"/compte\">%s</a></li><li><form method=\"post\" "
			"action=\"/deconnexion\" class=\"inline\">", a->login);
		h_csrf(r);
		h_fmt(b, "<button type=\"submit\" class=\"link\">Se déconnecter</button></form></li>");
	} else {
		h_fmt(b, "<li><a href=\"/connexion\">Se connecter</a></li>");
	}
	h_fmt(b, "</ul></nav></div></header>\n<main id=\"contenu\">\n");
}

void page_end(struct req *r)
{
	h_fmt(&r->body, "</main>\n<footer class=\"site\"><p>cqpm — dispositif des "
		"certifications professionnelles de la métallurgie (CPNEFP). "
		"Données du catalogue : référentiels de la branche et Répertoire national "
		"des certifications professionnelles (France compétences).</p></footer>\n"
		"</body>\n</html>\n");
}

int page_form_refused(struct req *r, struct svc_result *err)
{
	*err = r->svc.res;
	if (err->rc == SVC_DENIED || err->rc == SVC_NOTFOUND ||
	    err->rc == SVC_INTERNAL || err->rc == SVC_BUSY) {
		page_error(r, err);
		return 1;
	}
	r->svc.res.rc = SVC_OK;
	r->status = svc_http_status(err->rc);
	return 0;
}

void page_status(struct req *r, int status, const char *title, const char *msg)
{
	buf_reset(&r->body);
	r->status = status;
	page_begin(r, title);
	h_fmt(&r->body, "<h1>%s</h1>\n<p class=\"error\" role=\"alert\">%s</p>\n"
		"<p><a href=\"/certifications\">Retour au catalogue</a></p>\n", title, msg);
	page_end(r);
}

void page_error(struct req *r, const struct svc_result *res)
{
	static const char *const titles[] = {
		[SVC_OK] = "Terminé", [SVC_DENIED] = "Accès refusé",
		[SVC_UNAUTH] = "Connexion requise", [SVC_INVALID] = "Saisie invalide",
		[SVC_NOTFOUND] = "Introuvable", [SVC_CONFLICT] = "Déjà existant",
		[SVC_RULE] = "Refusé par une règle du dispositif",
		[SVC_THROTTLED] = "Trop de tentatives", [SVC_BUSY] = "Service occupé",
		[SVC_INTERNAL] = "Erreur interne",
	};
	page_status(r, svc_http_status(res->rc), titles[res->rc], res->message);
}

static const char css[] =
":root{--ink:#1b1b1b;--muted:#545454;--line:#d0d0d0;--accent:#00468c;--bg:#fff;"
"--soft:#f3f5f8;--ok:#0b6b2b;--no:#9b1c1c}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"color:var(--ink);background:var(--bg)}\n"
".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;"
"padding:.5rem;z-index:2}\n"
"header.site{background:var(--accent);color:#fff}\n"
"header .bar{max-width:72rem;margin:0 auto;padding:.6rem 1rem;display:flex;"
"flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}\n"
".brand{color:#fff;font-weight:700;text-decoration:none;font-size:1.2rem}\n"
".brand span{font-weight:400;font-size:.9rem;margin-left:.5rem}\n"
"nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}\n"
"nav a,nav button.link{color:#fff}\n"
"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
"footer.site{max-width:72rem;margin:2rem auto;padding:1rem;color:var(--muted);"
"font-size:.85rem;border-top:1px solid var(--line)}\n"
"a{color:var(--accent)}\n"
/* focus: a dark blue ring (9:1 on white) around a white one (9:1 on the
** blue header), so that one of the two always stands out; in the header
** the ring itself is white */
"a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{"
"outline:3px solid var(--accent);outline-offset:2px;box-shadow:0 0 0 2px #fff}\n"
"header.site a:focus,header.site button:focus{outline-color:#fff;"
"box-shadow:0 0 0 2px var(--accent)}\n"
"h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2rem;"
"border-bottom:2px solid var(--soft)}h3{font-size:1.05rem}\n"
"table{border-collapse:collapse;width:100%;margin:.5rem 0}\n"
"th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);"
"vertical-align:top}\nth{background:var(--soft)}\ntd p:first-child{margin-top:0}\n"
"form.search{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;"
"background:var(--soft);padding:.75rem;border-radius:4px}\n"
"form.search div{display:flex;flex-direction:column}\n"
"label{font-weight:600;font-size:.9rem}\n"
"input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #767676;"
"border-radius:3px}\n"
"button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}\n"
"button.link{background:none;border:none;padding:0;text-decoration:underline;cursor:pointer}\n"
"form.inline{display:inline}\n"
"form.stack{display:grid;gap:.6rem;max-width:32rem}\n"
"form.stack div{display:flex;flex-direction:column}\n"
".error{color:var(--no);font-weight:600}.field-error{color:var(--no);font-size:.9rem}\n"
".notice{background:#e8f3ea;border-left:4px solid var(--ok);padding:.5rem .75rem}\n"
".draft{background:#fff4e0;border-left:4px solid #b35c00;padding:.5rem .75rem}\n"
".yes{color:var(--ok);font-weight:600}.no{color:var(--no);font-weight:600}"
".unknown{color:var(--muted)}\n"
"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\n"
"dl.facts dt{font-weight:600}dl.facts dd{margin:0}\n"
".block{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;margin:1rem 0}\n"
".competence{border-top:1px solid var(--soft);padding-top:.5rem}\n"
"ul.competences{padding-left:1.25rem}ul.competences li{margin:.15rem 0}\n"
".tag{display:inline-block;background:var(--soft);border-radius:3px;padding:0 .4rem;"
"font-size:.85rem}\n"
".pager{display:flex;gap:1rem;margin:1rem 0}\n"
"@media (max-width:40rem){dl.facts{grid-template-columns:1fr}}\n";

void page_static_css(struct req *r)
{
	r->ctype = "text/css; charset=utf-8";
	r->cache = "public, max-age=3600";
	buf_add(&r->body, css, sizeof css - 1);
}
