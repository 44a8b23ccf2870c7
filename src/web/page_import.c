/*
** Importing an RNCP export through the web (R-CAT-9): the national
** administrator sends the XML flux or the CSV export as a zip; the body was
** streamed to a temporary file by the server before this handler runs.
**
**   GET  /admin/import     the form
**   POST /admin/import     multipart/form-data, field "fichier"
**   POST /api/v1/imports   the raw file as the body
*/
#include "web/web_int.h"
#include <stdio.h>
#include <string.h>

static void import_form(struct req *r, const char *error,
	const struct import_report *rep)
{
	struct buf *b = &r->body;

	page_begin(r, "Importer un export RNCP");
	h_fmt(b, "<h1>Importer un export RNCP</h1>\n");
	if (error)
		h_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n<p>La base n'a pas été "
			"modifiée.</p>\n", error);
	if (rep) {
		h_fmt(b, "<p class=\"notice\" role=\"status\">Import terminé : ");
		h_count(b, rep->fiches, "fiche lue", "fiches lues");
		h_fmt(b, ", ");
		h_count(b, rep->created, "créée", "créées");
		h_fmt(b, ", ");
		h_count(b, rep->updated, "mise à jour", "mises à jour");
		h_fmt(b, " (nouvelle version), ");
		h_count(b, rep->unchanged, "inchangée", "inchangées");
		h_fmt(b, ".</p>\n");
	}
	h_fmt(b, "<p>Export des fiches publié par France compétences : le flux XML "
		"(version 4.x) ou l'export CSV en archive zip. Une fiche d'une certification "
		"de la branche met à jour sa fiche du catalogue (une fiche modifiée devient "
		"une nouvelle version) ; les fiches des autres certificateurs sont ajoutées "
		"au catalogue comme fiches RNCP ou RS. L'import est entier ou nul : au "
		"moindre défaut du fichier, rien n'est enregistré.</p>\n"
		"<form class=\"stack\" method=\"post\" action=\"/admin/import\" "
		"enctype=\"multipart/form-data\">\n");
	h_csrf(r);
	h_fmt(b, "<div><label for=\"fichier\">Fichier (XML ou zip)</label>"
		"<input id=\"fichier\" name=\"fichier\" type=\"file\" required "
		"accept=\".xml,.zip,application/xml,application/zip\"></div>\n"
		"<div><button type=\"submit\">Importer</button></div>\n</form>\n"
		"<p>Un export national de plusieurs centaines de Mo se charge plus vite en "
		"ligne de commande : <code>cqpm import rncp FICHIER</code>.</p>\n");
	page_end(r);
}

void page_import(struct req *r)
{
	if (!r->svc.actor.user_id) {
		res_redirect(r, "/connexion?next=%2Fadmin%2Fimport");
		return;
	}
	if (!perm_allows(r->svc.actor.role, PERM_CATALOGUE_WRITE)) {
		page_status(r, 403, "Accès refusé",
			"Seul l'administrateur national peut importer les fiches RNCP.");
		return;
	}
	import_form(r, NULL, NULL);
}

void page_import_post(struct req *r)
{
	struct import_report rep;

	if (!r->upload_path || !r->upload_size) {
		r->status = 400;
		import_form(r, "Aucun fichier n'a été envoyé.", NULL);
		return;
	}
	if (svc_import_rncp(&r->svc, r->upload_path,
		r->upload_name && *r->upload_name ? r->upload_name : "fichier envoyé", NULL, NULL, &rep)) {
		if (r->svc.res.rc == SVC_DENIED) {
			page_error(r, &r->svc.res);
			return;
		}
		r->status = svc_http_status(r->svc.res.rc);
		import_form(r, r->svc.res.message, NULL);
		return;
	}
	import_form(r, NULL, &rep);
}

void api_imports_post(struct req *r)
{
	struct import_report rep;

	if (!r->upload_path || !r->upload_size) {
		res_json_status(r, 400, "invalid", "Le corps de la requête doit être le fichier "
			"d'export (XML ou zip).");
		return;
	}
	if (svc_import_rncp(&r->svc, r->upload_path,
		r->upload_name && *r->upload_name ? r->upload_name : "fichier envoyé", NULL, NULL, &rep)) {
		res_json_error(r, &r->svc.res);
		return;
	}
	res_json(r, 200, json_pack("{s:I, s:I, s:I, s:I}", "fiches", (json_int_t)rep.fiches,
		"created", (json_int_t)rep.created, "updated", (json_int_t)rep.updated,
		"unchanged", (json_int_t)rep.unchanged));
}
