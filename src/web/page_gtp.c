/*
** What follows the juries: the records sent to the GTP « Certifications »
** and its follow-up (R-GTP-1, R-GTP-2), the representative unions (R-JUR-1,
** R-JUR-4), and one certificate with its duplicates (R-CER-1, R-CER-2).
**
**   GET  /gtp[?statut=…]          the juries held and their records, overdue first
**   POST /gtp/transmission        the centre sent the records (jury, date)
**   POST /gtp/action              a corrective action (administrator)
**   POST /gtp/suivi               its follow-up (administrator)
**   POST /gtp/capacite            withdraw or restore a centre's capacity
**   POST /gtp/attribution         the GTP's provisional attribution
**   GET  /syndicats, POST /syndicats   the unions; the administrator keeps them
**   GET  /certificats/{number}[.pdf[?duplicata=1]]
**   POST /certificats/{number}/duplicata
*/
#include "web/page_jury_form.h"
#include "core/catalogue.h"
#include "core/gtp.h"
#include "doc/pdf.h"
#include "service/svc_jury.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jury_page_refused(struct req *r, int64_t id, const char *form, const char *row,
	struct svc_result *err);

static int gtp_admin(const struct req *r)
{
	return perm_allows(r->svc.actor.role, PERM_GTP_MANAGE);
}

static const char *today_or(struct req *r, const char *v, char today[DATE_LEN])
{
	if (v && *v)
		return v;
	svc_today(&r->svc, today);
	return today;
}

/* The follow-up of a corrective action, on the jury's page. */
void gtp_follow_form(struct view *v, int64_t jury_id, const char *cid)
{
	static const char *const codes[] = { "applied", "not_applied" };
	static const char *const labels[] = { "Appliquée", "Non appliquée" };
	struct buf *b = &v->r->body;
	const struct svc_result *err = jf_err(v, "suivi", cid);
	char idp[40], today[DATE_LEN], jid[24];

	snprintf(idp, sizeof idp, "suivi-%s-", cid);
	snprintf(jid, sizeof jid, "%lld", (long long)jury_id);
	jf_top_error(b, err, (const char *const[]){ "state", "note", "date", NULL });
	jf_open(v->r, "stack", "/gtp/suivi");
	h_fmt(b, "<input type=\"hidden\" name=\"jury\" value=\"%s\"><input type=\"hidden\" "
		"name=\"corrective\" value=\"%s\">", jid, cid);
	jf_select(b, idp, "state", "Suivi", jf_val(v, "suivi", cid, "state", ""), NULL, codes, labels,
		2, err);
	jf_textarea(b, idp, "note", "Note", jf_val(v, "suivi", cid, "note", ""),
		"rows=\"2\" maxlength=\"1000\"", err);
	jf_input(b, idp, "date", "Date du suivi", "date",
		jf_val(v, "suivi", cid, "date", today_or(v->r, NULL, today)), "required", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer le suivi</button></div></form>\n");
}

/* The GTP's follow-up -------------------------------------------------------- */

static void gtp_page(struct req *r, const char *form, const char *row, struct svc_result *err)
{
	struct view v = { r, form, row, err };
	struct buf *b = &r->body;
	const char *status = req_query(r, "statut");
	const char *codes[GTP_STATUS__MAX], *labels[GTP_STATUS__MAX];
	int admin = gtp_admin(r);
	json_t *list;
	const json_t *j, *c;
	size_t i;
	char today[DATE_LEN];

	if (err && !status)
		status = req_form(r, "statut");
	if (svc_gtp_list(&r->svc, status ? status : "", &list)) {
		page_error(r, &r->svc.res);
		return;
	}
	svc_today(&r->svc, today);
	page_begin(r, err ? "Erreur — Suivi du GTP" : "Suivi du GTP « Certifications »");
	h_fmt(b, "<h1>Dossiers des jurys au GTP « Certifications »</h1>\n<p>Le centre transmet au "
		"GTP le courrier, la feuille d'émargement et le procès-verbal de chaque jury dans les "
		"deux mois (R-GTP-1) ; les dossiers en retard sont en tête.</p>\n");
	if (err) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré : ");
		jf_err_text(b, err);
		h_fmt(b, "</p>\n");
	} else if (req_query(r, "fait")) {
		h_fmt(b, "<p class=\"notice\" role=\"status\">C'est enregistré.</p>\n");
	}
	for (int k = 0; k < GTP_STATUS__MAX; k++) {
		codes[k] = gtp_status_code((enum gtp_status)k);
		labels[k] = gtp_status_label((enum gtp_status)k);
	}
	h_fmt(b, "<form class=\"search\" method=\"get\" action=\"/gtp\">");
	jf_select(b, "", "statut", "État des dossiers", status, "Tous", codes, labels,
		GTP_STATUS__MAX, NULL);
	h_fmt(b, "<div><button type=\"submit\">Filtrer</button></div></form>\n");
	if (!json_array_size(list))
		h_fmt(b, "<p>Aucun jury tenu%r.</p>\n", status && *status ? " dans cet état" : "");
	json_array_foreach(list, i, j) {
		int64_t jid = jint(j, "jury_id");
		char row_id[24];
		const struct svc_result *e;
		c = json_object_get(j, "centre");
		snprintf(row_id, sizeof row_id, "%lld", (long long)jid);
		h_fmt(b, "<section class=\"block\" aria-labelledby=\"gtp-%s\"><h2 id=\"gtp-%s\">"
			"<a href=\"/jurys/%s\">Jury n° %s</a> du ", row_id, row_id, row_id, row_id);
		h_date(b, jstr(j, "date"));
		h_fmt(b, " — %s</h2>\n<dl class=\"facts\"><dt>État</dt><dd>%r%s%r</dd>",
			json_is_object(c) ? jstr(c, "name") : json_string_value(c) ? json_string_value(c) : "",
			jtrue(j, "overdue") ? "<strong class=\"no\">" : "", jstr(j, "status_label"),
			jtrue(j, "overdue") ? "</strong>" : "");
		h_fmt(b, "<dt>À transmettre au plus tard le</dt><dd>");
		h_date(b, jstr(j, "due"));
		h_fmt(b, "</dd>");
		if (*jstr(j, "sent_on")) {
			h_fmt(b, "<dt>Transmis le</dt><dd>");
			h_date(b, jstr(j, "sent_on"));
			h_fmt(b, "</dd>");
		}
		h_fmt(b, "<dt>Actions correctives en cours</dt><dd>%I", jint(j, "corrective_open"));
		if (jint(j, "corrective_open"))
			h_fmt(b, " — <a href=\"/jurys/%s#gtp\">suivi sur la page du jury</a>", row_id);
		h_fmt(b, "</dd></dl>\n");
		if (!*jstr(j, "sent_on")) {
			e = jf_err(&v, "transmission", row_id);
			jf_top_error(b, e, (const char *const[]){ "date", NULL });
			jf_open(r, "search", "/gtp/transmission");
			h_fmt(b, "<input type=\"hidden\" name=\"jury\" value=\"%s\">", row_id);
			{
				char idp[40];
				snprintf(idp, sizeof idp, "tr-%s-", row_id);
				jf_input(b, idp, "date", "Date d'envoi du dossier", "date",
					jf_val(&v, "transmission", row_id, "date", today), "required", e);
			}
			h_fmt(b, "<div><button type=\"submit\">Dossier transmis au GTP</button></div></form>\n");
		}
		if (admin) {
			char idp[40];
			e = jf_err(&v, "action", row_id);
			snprintf(idp, sizeof idp, "act-%s-", row_id);
			h_fmt(b, "<details%r><summary>Action corrective (R-GTP-2)</summary>\n", e ? " open" : "");
			jf_top_error(b, e, (const char *const[]){ "text", "date", NULL });
			jf_open(r, "stack", "/gtp/action");
			h_fmt(b, "<input type=\"hidden\" name=\"jury\" value=\"%s\">", row_id);
			jf_textarea(b, idp, "text", "Action demandée au centre",
				jf_val(&v, "action", row_id, "text", ""), "rows=\"3\" required maxlength=\"2000\"", e);
			jf_input(b, idp, "date", "Date", "date", jf_val(&v, "action", row_id, "date", today),
				"required", e);
			h_fmt(b, "<div><button type=\"submit\">Envoyer l'action corrective</button></div>"
				"</form></details>\n");
			e = jf_err(&v, "attribution", row_id);
			snprintf(idp, sizeof idp, "attr-%s-", row_id);
			h_fmt(b, "<details%r><summary>Attribution provisoire par le GTP</summary>\n<p>Quand la "
				"capacité de délivrance du centre est retirée, le GTP attribue provisoirement les "
				"certifications de ce jury (R-GTP-2).</p>\n", e ? " open" : "");
			jf_top_error(b, e, (const char *const[]){ "date", NULL });
			jf_open(r, "stack", "/gtp/attribution");
			h_fmt(b, "<input type=\"hidden\" name=\"jury\" value=\"%s\">", row_id);
			jf_input(b, idp, "date", "Date", "date", jf_val(&v, "attribution", row_id, "date", today),
				"required", e);
			h_fmt(b, "<div><button type=\"submit\">Attribuer provisoirement</button></div>"
				"</form></details>\n");
		}
		h_fmt(b, "</section>\n");
	}
	json_decref(list);
	if (admin) {
		static const char *const what_codes[] = { "withdraw", "restore" };
		static const char *const what_labels[] = { "Retirer la capacité de délivrance",
			"Rendre la capacité de délivrance" };
		const struct svc_result *e = jf_err(&v, "capacite", NULL);
		struct centres cs;
		h_fmt(b, "<h2 id=\"capacite\">Capacité de délivrance d'un centre (R-GTP-2)</h2>\n");
		jf_top_error(b, e, (const char *const[]){ "centre", "what", "date", "motive", NULL });
		centres_load(&r->svc, &cs);
		jf_open(r, "stack", "/gtp/capacite");
		jf_select(b, "cap-", "centre", "Centre", jf_val(&v, "capacite", NULL, "centre", ""),
			"— Choisir —", (const char *const *)cs.code, (const char *const *)cs.name, cs.n, e);
		centres_release(&cs);
		jf_select(b, "cap-", "what", "Décision", jf_val(&v, "capacite", NULL, "what", "withdraw"),
			NULL, what_codes, what_labels, 2, e);
		jf_input(b, "cap-", "date", "Date", "date", jf_val(&v, "capacite", NULL, "date", today),
			"required", e);
		jf_textarea(b, "cap-", "motive", "Motif", jf_val(&v, "capacite", NULL, "motive", ""),
			"rows=\"2\" maxlength=\"1000\"", e);
		h_fmt(b, "<div><button type=\"submit\">Enregistrer</button></div></form>\n");
	}
	page_end(r);
}

void page_gtp(struct req *r)
{
	if (page_need_login(r))
		return;
	gtp_page(r, NULL, NULL, NULL);
}

void page_gtp_post(struct req *r)
{
	const char *act = r->param ? r->param : "";
	const char *jury = req_form(r, "jury"), *date = req_form(r, "date");
	int64_t jid = jf_id(jury);
	struct svc_result err;
	char loc[96];
	int rc;

	if (page_need_login(r))
		return;
	if (!strcmp(act, "transmission")) {
		rc = jid ? svc_gtp_transmit(&r->svc, jid, date && *date ? date : NULL) :
			svc_fail(&r->svc, SVC_NOTFOUND, "jury", NULL, "Aucun jury à ce numéro.");
	} else if (!strcmp(act, "action")) {
		int64_t id;
		rc = jid ? svc_gtp_corrective(&r->svc, jid, req_form(r, "text") ? req_form(r, "text") : "",
			date && *date ? date : NULL, &id) :
			svc_fail(&r->svc, SVC_NOTFOUND, "jury", NULL, "Aucun jury à ce numéro.");
	} else if (!strcmp(act, "suivi")) {
		int64_t cid = jf_id(req_form(r, "corrective"));
		rc = cid ? svc_gtp_follow(&r->svc, cid, req_form(r, "state") ? req_form(r, "state") : "",
			req_form(r, "note") ? req_form(r, "note") : "", date && *date ? date : NULL) :
			svc_fail(&r->svc, SVC_NOTFOUND, "corrective", NULL, "Aucune action corrective à ce numéro.");
		if (rc) {
			if (!page_form_refused(r, &err)) {
				if (jid)
					jury_page_refused(r, jid, "suivi", req_form(r, "corrective"), &err);
				else
					gtp_page(r, "suivi", NULL, &err);
			}
			return;
		}
		snprintf(loc, sizeof loc, "/jurys/%lld?fait=gtp#gtp", (long long)jid);
		res_redirect(r, jid ? loc : "/gtp?fait=1");
		return;
	} else if (!strcmp(act, "capacite")) {
		const char *what = req_form(r, "what") ? req_form(r, "what") : "";
		if (strcmp(what, "withdraw") && strcmp(what, "restore"))
			rc = svc_fail(&r->svc, SVC_INVALID, "what", NULL,
				"Décision : retirer ou rendre la capacité de délivrance.");
		else
			rc = svc_gtp_capacity(&r->svc, req_form(r, "centre") ? req_form(r, "centre") : "",
				!strcmp(what, "restore"), date && *date ? date : NULL,
				req_form(r, "motive") ? req_form(r, "motive") : "");
		jury = NULL;
	} else if (!strcmp(act, "attribution")) {
		rc = jid ? svc_gtp_attribute(&r->svc, jid, date && *date ? date : NULL) :
			svc_fail(&r->svc, SVC_NOTFOUND, "jury", NULL, "Aucun jury à ce numéro.");
	} else {
		page_status(r, 404, "Page introuvable", "Cette adresse ne correspond à aucune action.");
		return;
	}
	if (rc) {
		if (!page_form_refused(r, &err))
			gtp_page(r, act, jury, &err);
		return;
	}
	res_redirect(r, "/gtp?fait=1");
}

/* Unions -------------------------------------------------------------------- */

static void unions_page(struct req *r, struct svc_result *err)
{
	struct view v = { r, err ? "syndicat" : NULL, NULL, err };
	struct buf *b = &r->body;
	json_t *list;
	const json_t *u;
	size_t i;

	if (svc_union_list(&r->svc, &list)) {
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, err ? "Erreur — Organisations syndicales" : "Organisations syndicales");
	h_fmt(b, "<h1>Organisations syndicales représentatives</h1>\n<p>Chaque organisation "
		"représentative dans la branche est invitée à désigner son représentant à chaque jury "
		"(R-JUR-1).</p>\n");
	if (!err && req_query(r, "fait"))
		h_fmt(b, "<p class=\"notice\" role=\"status\">L'organisation est enregistrée.</p>\n");
	if (!json_array_size(list)) {
		h_fmt(b, "<p>Aucune organisation enregistrée.</p>\n");
	} else {
		h_fmt(b, "<table><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Nom</th>"
			"<th scope=\"col\">Adresse électronique</th><th scope=\"col\">Représentative</th>"
			"</tr></thead><tbody>\n");
		json_array_foreach(list, i, u)
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%r</td></tr>\n", jstr(u, "code"),
				jstr(u, "name"), jstr(u, "email"), jtrue(u, "representative") ? "oui" : "non");
		h_fmt(b, "</tbody></table>\n");
	}
	json_decref(list);
	if (perm_allows(r->svc.actor.role, PERM_UNION_WRITE)) {
		const struct svc_result *e = jf_err(&v, "syndicat", NULL);
		h_fmt(b, "<h2 id=\"ajouter\">Ajouter ou modifier une organisation</h2>\n<p>Un code déjà "
			"enregistré modifie l'organisation.</p>\n");
		if (err)
			h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré.</p>\n");
		jf_top_error(b, e, (const char *const[]){ "code", "name", "email", NULL });
		jf_open(r, "stack", "/syndicats");
		jf_input(b, "union-", "code", "Code (lettres capitales, chiffres, tiret)", "text",
			jf_val(&v, "syndicat", NULL, "code", ""), "required maxlength=\"32\"", e);
		jf_input(b, "union-", "name", "Nom", "text", jf_val(&v, "syndicat", NULL, "name", ""),
			"required maxlength=\"200\"", e);
		jf_input(b, "union-", "email", "Adresse électronique", "email",
			jf_val(&v, "syndicat", NULL, "email", ""), "maxlength=\"254\"", e);
		jf_check(b, "union-", "representative", "Représentative dans la branche",
			err ? req_form(r, "representative") != NULL : 1, e);
		h_fmt(b, "<div><button type=\"submit\">Enregistrer l'organisation</button></div></form>\n");
	}
	page_end(r);
}

void page_unions(struct req *r)
{
	if (page_need_login(r))
		return;
	unions_page(r, NULL);
}

void page_unions_post(struct req *r)
{
	struct svc_result err;
	if (page_need_login(r))
		return;
	if (svc_union_put(&r->svc, req_form(r, "code") ? req_form(r, "code") : "",
		req_form(r, "name") ? req_form(r, "name") : "",
		req_form(r, "email") ? req_form(r, "email") : "",
		req_form(r, "representative") != NULL)) {
		if (!page_form_refused(r, &err))
			unions_page(r, &err);
		return;
	}
	res_redirect(r, "/syndicats?fait=1");
}

/* Certificates ----------------------------------------------------------------- */

/* The certificate number of the path (up to 63 bytes of A–Z, a–z, 0–9,
** "-", "_", "."), with ".pdf" cut off into *pdf; 0 when it is none. */
static int cert_number(const char *param, char out[64], int *pdf)
{
	size_t n = param ? strlen(param) : 0;
	*pdf = 0;
	if (n > 4 && !strcmp(param + n - 4, ".pdf")) {
		*pdf = 1;
		n -= 4;
	}
	if (!n || n >= 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = param[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return 0;
	}
	memcpy(out, param, n);
	out[n] = '\0';
	return 1;
}

static void certificate_pdf(struct req *r, const char *number, int dup)
{
	char cd[128];
	buf_reset(&r->body);
	if (svc_certificate_pdf(&r->svc, number, dup, pdf_write_buf, &r->body, NULL)) {
		buf_reset(&r->body);
		r->body.overflow = 0;
		page_error(r, &r->svc.res);
		return;
	}
	r->status = 200;
	r->ctype = "application/pdf";
	r->csp = "frame-ancestors 'none'";
	snprintf(cd, sizeof cd, "inline; filename=\"certificat-%s%s.pdf\"", number,
		dup ? "-duplicata" : "");
	res_header(r, "Content-Disposition", cd);
}

void page_certificate(struct req *r)
{
	struct buf *b = &r->body;
	char number[64], act[128];
	int pdf;
	json_t *c;
	const json_t *cert, *h, *j, *ce;

	if (page_need_login(r))
		return;
	if (!cert_number(r->param, number, &pdf)) {
		page_status(r, 404, "Introuvable", "Aucun certificat ne porte ce numéro.");
		return;
	}
	if (pdf) {
		const char *d = req_query(r, "duplicata");
		certificate_pdf(r, number, d && !strcmp(d, "1"));
		return;
	}
	if (svc_certificate_get(&r->svc, number, &c)) {
		page_error(r, &r->svc.res);
		return;
	}
	cert = json_object_get(c, "certification");
	h = json_object_get(c, "holder");
	j = json_object_get(c, "jury");
	ce = json_object_get(c, "centre");
	{
		struct buf t = BUF_INIT;
		h_fmt(&t, "Certificat %s", jstr(c, "display"));
		page_begin(r, buf_str(&t));
		buf_release(&t);
	}
	h_fmt(b, "<p><a href=\"/jurys/%I\">Jury n° %I</a></p>\n<h1>Certificat %s</h1>\n",
		jint(j, "id"), jint(j, "id"), jstr(c, "display"));
	if (req_query(r, "fait"))
		h_fmt(b, "<p class=\"notice\" role=\"status\">Le duplicata est enregistré.</p>\n");
	h_fmt(b, "<dl class=\"facts\"><dt>Document</dt><dd>%s", jstr(c, "kind_label"));
	if (*jstr(c, "annex"))
		h_fmt(b, " (annexe %s)", jstr(c, "annex"));
	h_fmt(b, "</dd><dt>État</dt><dd><strong>%s</strong></dd><dt>Titulaire</dt><dd>%s</dd>"
		"<dt>Né(e) le</dt><dd>", jstr(c, "state_label"), jstr(h, "name"));
	h_date(b, jstr(h, "birth_date"));
	h_fmt(b, " à %s</dd><dt>Certification</dt><dd>%s — %s</dd>", jstr(h, "birth_town"),
		jstr(cert, "code"), jstr(cert, "title"));
	if (*jstr(c, "unit_code"))
		h_fmt(b, "<dt>Unité</dt><dd>%s — %s</dd>", jstr(c, "unit_code"), jstr(c, "unit_title"));
	h_fmt(b, "<dt>Jury</dt><dd>du ");
	h_date(b, jstr(j, "date"));
	h_fmt(b, " à %s, présidé par %s</dd><dt>Centre</dt><dd>%s</dd><dt>Délivré le</dt><dd>",
		jstr(j, "place"), jstr(c, "president"), jstr(ce, "name"));
	h_date(b, jstr(c, "issued_on"));
	h_fmt(b, "</dd>");
	if (*jstr(c, "cancelled_on")) {
		h_fmt(b, "<dt>Annulé le</dt><dd>");
		h_date(b, jstr(c, "cancelled_on"));
		h_fmt(b, "</dd>");
	}
	h_fmt(b, "<dt>Duplicatas</dt><dd>%I", jint(c, "duplicates"));
	if (*jstr(c, "last_duplicate_on")) {
		h_fmt(b, " (dernier le ");
		h_date(b, jstr(c, "last_duplicate_on"));
		h_fmt(b, ")");
	}
	h_fmt(b, "</dd></dl>\n<p><a href=\"/certificats/%u.pdf\">Certificat (PDF)</a>", number);
	if (jint(c, "duplicates"))
		h_fmt(b, " · <a href=\"/certificats/%u.pdf?duplicata=1\">Dernier duplicata (PDF)</a>",
			number);
	if (*jstr(c, "verify_path"))
		h_fmt(b, " · <a href=\"%s\">Vérification publique</a>", jstr(c, "verify_path"));
	h_fmt(b, "</p>\n");
	if (!strcmp(jstr(c, "state"), "issued")) {
		h_fmt(b, "<h2>Duplicata</h2>\n<p>Un duplicata certifié conforme garde le numéro du "
			"certificat et porte la mention du duplicata (R-CER-1).</p>\n");
		snprintf(act, sizeof act, "/certificats/%s/duplicata", number);
		jf_button(r, act, NULL, NULL, "Délivrer un duplicata");
		h_fmt(b, "\n");
	}
	page_end(r);
	json_decref(c);
}

void page_certificate_duplicate(struct req *r)
{
	char number[64], loc[128];
	int pdf;
	json_t *c;

	if (page_need_login(r))
		return;
	if (!cert_number(r->param, number, &pdf) || pdf) {
		page_status(r, 404, "Introuvable", "Aucun certificat ne porte ce numéro.");
		return;
	}
	if (svc_certificate_duplicate(&r->svc, number, &c)) {
		page_error(r, &r->svc.res);
		return;
	}
	json_decref(c);
	snprintf(loc, sizeof loc, "/certificats/%s.pdf?duplicata=1", number);
	res_redirect(r, loc);
}
