/*
** The documents of a candidate's file (see service/svc_document.h for who
** may do what): the list and the upload form, the download, the deletion.
** The list is the "documents" section of the candidate's file
** (svc_candidate_doc), the same the API and the CLI show.
**
**   GET  /candidats/{id}/documents     the list, and the form for those who add
**   POST /candidats/{id}/documents     multipart/form-data: csrf, type,
**                                      registration, name, fichier
**   GET  /documents/{docid}            the file, as an attachment
**   POST /documents/{docid}/supprimer  centre staff
*/
#include "web/web_int.h"
#include "core/catalogue.h"
#include "core/validate.h"
#include "service/svc_document.h"
#include <stdio.h>
#include <string.h>

static int64_t param_id(const struct req *r)
{
	return parse_count(r->param, 1, 999999999);
}

/* The form's values after a refused upload, to show them again. */
struct sticky {
	const char *type, *registration, *name;
};

/* Notices after a successful POST (?fait=…): fixed texts only. */
static const char *done_notice(const char *what)
{
	if (!what)
		return NULL;
	if (!strcmp(what, "depot"))
		return "Le document est enregistré.";
	if (!strcmp(what, "suppression"))
		return "Le document est supprimé ; le journal d'audit garde son nom, son type, "
			"sa taille et son empreinte.";
	return NULL;
}

static void err_text(struct buf *b, const struct svc_result *err)
{
	h_fmt(b, "%s", err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
}

/* The field at fault: aria attributes on the control. */
static void field_aria(struct buf *b, const struct svc_result *err, const char *field,
	const char *id)
{
	if (err && err->rc != SVC_OK && !strcmp(err->field, field))
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
}

static void field_error(struct buf *b, const struct svc_result *err, const char *field,
	const char *id)
{
	if (!err || err->rc == SVC_OK || strcmp(err->field, field))
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">", id);
	err_text(b, err);
	h_fmt(b, "</span>");
}

static void documents_table(struct req *r, const json_t *docs)
{
	struct buf *b = &r->body;
	int can_delete = perm_allows(r->svc.actor.role, PERM_DOSSIER_WRITE);
	size_t i, n = json_array_size(docs);
	const json_t *d;

	if (!n) {
		h_fmt(b, "<p>Aucun document n'est joint à ce dossier%s.</p>\n",
			r->svc.actor.role == ROLE_ADMIN || r->svc.actor.role == ROLE_CENTRE ? "" :
			" pour les inscriptions que vous suivez");
		return;
	}
	h_fmt(b, "<table><caption>");
	h_count(b, (int64_t)n, "document", "documents");
	h_fmt(b, "</caption><thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Document</th>"
		"<th scope=\"col\">Taille</th><th scope=\"col\">Inscription</th>"
		"<th scope=\"col\">Déposé le</th><th scope=\"col\">Par</th>"
		"<th scope=\"col\">Empreinte SHA-256</th>");
	if (can_delete)
		h_fmt(b, "<th scope=\"col\">Supprimer</th>");
	h_fmt(b, "</tr></thead><tbody>\n");
	json_array_foreach(docs, i, d) {
		json_int_t id = json_integer_value(json_object_get(d, "id"));
		const json_t *reg = json_object_get(d, "registration");
		const char *sha = jstr(d, "sha256");
		char size[32], shortsha[16];

		doc_size_text((long long)json_integer_value(json_object_get(d, "size")), size, sizeof size);
		snprintf(shortsha, sizeof shortsha, "%.12s", sha);
		h_fmt(b, "<tr><td>%s</td><td><a href=\"/documents/%I\" download>%s</a></td>"
			"<td>%s</td><td>", jstr(d, "type_label"), (int64_t)id, jstr(d, "name"), size);
		if (json_is_integer(reg))
			h_fmt(b, "n° %I", (int64_t)json_integer_value(reg));
		else
			h_fmt(b, "du candidat");
		h_fmt(b, "</td><td>");
		h_datetime(b, jstr(d, "uploaded_at"));
		h_fmt(b, "</td><td>%s</td><td><code title=\"%s\">%s…</code></td>",
			jstr(d, "uploaded_by"), sha, shortsha);
		if (can_delete) {
			h_fmt(b, "<td><form method=\"post\" action=\"/documents/%I/supprimer\" "
				"class=\"inline\">", (int64_t)id);
			h_csrf(r);
			h_fmt(b, "<button type=\"submit\" aria-label=\"Supprimer le document %s\">"
				"Supprimer</button></form></td>", jstr(d, "name"));
		}
		h_fmt(b, "</tr>\n");
	}
	h_fmt(b, "</tbody></table>\n");
}

static void upload_form(struct req *r, int64_t cid, const json_t *regs,
	const struct svc_result *err, const struct sticky *st)
{
	struct buf *b = &r->body;
	int whole = r->svc.actor.role == ROLE_ADMIN || r->svc.actor.role == ROLE_CENTRE;
	const char *type = st && st->type ? st->type : "";
	const char *reg = st && st->registration ? st->registration : "";
	size_t i;
	const json_t *rj;

	h_fmt(b, "<h2>Déposer un document</h2>\n<p>PDF, JPEG ou PNG, " DOC_MAX_SIZE_TEXT
		" au plus par fichier, %d documents au plus par candidat. Le format est "
		"reconnu au contenu du fichier, non à son nom.</p>\n", DOC_MAX_PER_CANDIDATE);
	if (err && err->rc != SVC_OK && (!err->field[0] || !strcmp(err->field, "id"))) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">");
		err_text(b, err);
		h_fmt(b, "</p>\n");
	}
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/documents\" "
		"enctype=\"multipart/form-data\">\n", cid);
	h_csrf(r);
	h_fmt(b, "\n<div><label for=\"type\">Type de document</label><select id=\"type\" "
		"name=\"type\" required");
	field_aria(b, err, "type", "type");
	h_fmt(b, "><option value=\"\">Choisissez le type…</option>");
	for (int t = 0; t < DOC_TYPE__MAX; t++)
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", doc_type_code((enum doc_type)t),
			!strcmp(type, doc_type_code((enum doc_type)t)) ? " selected" : "",
			doc_type_label((enum doc_type)t));
	h_fmt(b, "</select>");
	field_error(b, err, "type", "type");
	h_fmt(b, "</div>\n<div><label for=\"registration\">Inscription</label>"
		"<select id=\"registration\" name=\"registration\"");
	field_aria(b, err, "registration", "registration");
	h_fmt(b, ">");
	if (whole)
		h_fmt(b, "<option value=\"\">Aucune : document du candidat (le livret 2 va à "
			"l'inscription en VAE)</option>");
	json_array_foreach(regs, i, rj) {
		json_int_t id = json_integer_value(json_object_get(rj, "id"));
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%lld", (long long)id);
		h_fmt(b, "<option value=\"%I\"%r>n° %I — %s, %s, du ", (int64_t)id,
			!strcmp(reg, idtext) ? " selected" : "", (int64_t)id,
			jstr(json_object_get(rj, "certification"), "code"), jstr(rj, "route_label"));
		h_date(b, jstr(rj, "registered_on"));
		h_fmt(b, "</option>");
	}
	h_fmt(b, "</select>");
	field_error(b, err, "registration", "registration");
	h_fmt(b, "</div>\n<div><label for=\"name\">Nom du document (facultatif : le nom du "
		"fichier sinon)</label><input id=\"name\" name=\"name\" maxlength=\"200\" value=\"%s\"",
		st && st->name ? st->name : "");
	field_aria(b, err, "name", "name");
	h_fmt(b, ">");
	field_error(b, err, "name", "name");
	h_fmt(b, "</div>\n<div><label for=\"fichier\">Fichier</label><input id=\"fichier\" "
		"name=\"fichier\" type=\"file\" required "
		"accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\"");
	field_aria(b, err, "file", "fichier");
	h_fmt(b, ">");
	field_error(b, err, "file", "fichier");
	h_fmt(b, "</div>\n<div><button type=\"submit\">Déposer le document</button></div>\n"
		"</form>\n");
}

static void documents_page(struct req *r, int64_t cid, const struct svc_result *err,
	const struct sticky *st)
{
	struct buf *b = &r->body;
	struct buf title = BUF_INIT;
	json_t *doc = NULL;
	const json_t *id;
	const char *notice = err ? NULL : done_notice(req_query(r, "fait"));

	if (cid < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun candidat à cette adresse.");
		page_error(r, &r->svc.res);
		return;
	}
	if (svc_candidate_doc(&r->svc, cid, &doc)) {
		page_error(r, &r->svc.res);
		return;
	}
	id = json_object_get(doc, "identity");
	buf_printf(&title, "Documents — %s %s", jstr(id, "first_names"), jstr(id, "birth_name"));
	buf_reset(b);
	page_begin(r, buf_str(&title));
	h_fmt(b, "<p><a href=\"/candidats/%I\">Dossier du candidat n° %I</a></p>\n"
		"<h1>Documents de %s %s</h1>\n", cid, cid, jstr(id, "first_names"),
		jstr(id, "birth_name"));
	if (notice)
		h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	if (err && err->rc != SVC_OK)
		h_fmt(b, "<p class=\"error\" role=\"alert\">Le document n'a pas été enregistré : "
			"voir le formulaire « Déposer un document ».</p>\n");
	documents_table(r, json_object_get(doc, "documents"));
	if (perm_allows(r->svc.actor.role, PERM_REGISTER))
		upload_form(r, cid, json_object_get(doc, "registrations"), err, st);
	page_end(r);
	buf_release(&title);
	json_decref(doc);
}

void page_documents(struct req *r)
{
	if (page_need_login(r))
		return;
	documents_page(r, param_id(r), NULL, NULL);
}

void page_documents_post(struct req *r)
{
	int64_t cid = param_id(r);
	struct document_in in;
	struct sticky st;
	struct svc_result err;
	const char *up_err;
	char loc[96];

	if (page_need_login(r))
		return;
	if (!svc_document_may_add(&r->svc, cid)) {
		page_error(r, &r->svc.res);
		return;
	}
	st.type = req_form(r, "type");
	st.registration = req_form(r, "registration");
	st.name = req_form(r, "name");
	if ((up_err = document_upload_error(r->upload_status))) {
		memset(&err, 0, sizeof err);
		err.rc = SVC_INVALID;
		snprintf(err.message, sizeof err.message, "%s", up_err);
		r->status = r->upload_status;
		documents_page(r, cid, &err, &st);
		return;
	}
	memset(&in, 0, sizeof in);
	in.type = st.type;
	in.registration = st.registration;
	in.name = st.name;
	in.file_name = r->upload_name;
	in.path = r->upload_size || (r->upload_name && *r->upload_name) ? r->upload_path : NULL;
	if (svc_document_add(&r->svc, cid, &in, NULL)) {
		if (page_form_refused(r, &err))
			return;
		documents_page(r, cid, &err, &st);
		return;
	}
	snprintf(loc, sizeof loc, "/candidats/%lld/documents?fait=depot", (long long)cid);
	res_redirect(r, loc);
}

void page_document_get(struct req *r)
{
	if (page_need_login(r))
		return;
	document_send(r, param_id(r));
}

void page_document_delete(struct req *r)
{
	struct doc_row d;
	int64_t id = param_id(r);
	char loc[96];

	if (page_need_login(r))
		return;
	if (id < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun document à cette adresse.");
		page_error(r, &r->svc.res);
		return;
	}
	if (svc_document_delete(&r->svc, id, &d)) {
		page_error(r, &r->svc.res);
		return;
	}
	snprintf(loc, sizeof loc, "/candidats/%lld/documents?fait=suppression",
		(long long)d.candidate_id);
	res_redirect(r, loc);
}
