/*
** Documents attached to a candidate, through the JSON API (see
** service/svc_document.h for who may do what):
**
**   GET    /api/v1/candidates/{id}/documents   the list (no content)
**   POST   /api/v1/candidates/{id}/documents   multipart/form-data: type,
**          registration (optional), name (optional), file — streamed to a
**          temporary file by the server (http.c), 10 Mo at most
**   GET    /api/v1/documents/{docid}           the bytes, as an attachment
**   DELETE /api/v1/documents/{docid}           centre staff, administrator
**
** The download is also the page's (GET /documents/{docid}): the stored
** MIME type, Content-Disposition: attachment with a safe file name,
** X-Content-Type-Options: nosniff (every response has it) and the SHA-256
** in X-Content-SHA256.
*/
#include "web/web_int.h"
#include "service/svc_document.h"
#include <stdio.h>
#include <string.h>

const char *document_upload_error(int status)
{
	switch (status) {
	case 0:
		return NULL;
	case 413:
		return "Fichier trop volumineux : " DOC_MAX_SIZE_TEXT " au plus par document "
			"(10 485 760 octets). Rien n'a été enregistré.";
	case 415:
		return "Envoyez le document en multipart/form-data, avec les champs type, "
			"registration (facultatif), name (facultatif) et file.";
	case 503:
		return "La base de données est inaccessible ; réessayez.";
	case 400:
		return "Le formulaire envoyé est mal formé (champ trop long, trop de champs "
			"ou texte qui n'est pas de l'UTF-8). Rien n'a été enregistré.";
	default:
		return "Le fichier envoyé n'a pas pu être reçu. Rien n'a été enregistré.";
	}
}

/* Content-Disposition of a stored name: an ASCII fallback (anything else
** than plain printable ASCII becomes '_') and the exact UTF-8 name
** percent-encoded (RFC 6266, RFC 8187). */
static void disposition(const char *name, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;

	buf_init(&b, outsz - 1);
	buf_puts(&b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x80) {
			if ((*p & 0xc0) != 0x80)   /* one '_' per character */
				buf_putc(&b, '_');
		} else if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\' || *p == '%') {
			buf_putc(&b, '_');
		} else {
			buf_putc(&b, *p);
		}
	}
	buf_puts(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("!#$&+-.^_`|~", *p)) {
			buf_putc(&b, *p);
		} else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	snprintf(out, outsz, "%s", buf_str(&b));
	buf_release(&b);
}

/* Sends document id; 0, or -1 with the failure in r->svc.res and nothing
** written. */
static int send_bytes(struct req *r, int64_t id)
{
	struct doc_row d;
	char value[1024];
	int f;

	buf_reset(&r->body);
	if (id < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun document à cette adresse.");
		return -1;
	}
	if (svc_document_get(&r->svc, id, &d, &r->body)) {
		buf_reset(&r->body);
		return -1;
	}
	f = doc_format_from_mime(d.mime);
	r->status = 200;
	r->ctype = f >= 0 ? doc_format_mime((enum doc_format)f) : "application/octet-stream";
	disposition(d.name, value, sizeof value);
	res_header(r, "Content-Disposition", value);
	res_header(r, "X-Content-SHA256", d.sha256);
	return 0;
}

void document_send(struct req *r, int64_t id)
{
	if (send_bytes(r, id))
		page_error(r, &r->svc.res);
}

/* GET /api/v1/candidates/{id}/documents */
static int list_item(void *arg, const struct doc_row *d)
{
	json_array_append_new((json_t *)arg, document_json(d));
	return 0;
}

void api_documents(struct req *r)
{
	int64_t id = req_param_id(r, NULL);
	json_t *items = json_array();

	if (id < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun candidat à cette adresse.");
		json_decref(items);
		res_api_fail(r);
		return;
	}
	if (svc_document_list(&r->svc, id, list_item, items)) {
		json_decref(items);
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:I, s:o}", "candidate", (json_int_t)id, "documents", items));
}

/* POST /api/v1/candidates/{id}/documents */
void api_documents_post(struct req *r)
{
	int64_t id = req_param_id(r, NULL);
	struct document_in in;
	struct doc_row d;
	const char *up_err;
	char loc[64];

	/* the refusal of who may not add comes first, then the upload's fault */
	if (!svc_document_may_add(&r->svc, id)) {
		res_api_fail(r);
		return;
	}
	if ((up_err = document_upload_error(r->upload_status))) {
		res_json_status(r, r->upload_status, r->upload_status == 413 ? "too_large" :
			r->upload_status == 415 ? "unsupported_media_type" : "invalid", up_err);
		return;
	}
	memset(&in, 0, sizeof in);
	in.type = req_form(r, "type");
	in.registration = req_form(r, "registration");
	in.name = req_form(r, "name");
	in.file_name = r->upload_name;
	/* no file part at all: say so, rather than "empty" */
	in.path = r->upload_size || (r->upload_name && *r->upload_name) ? r->upload_path : NULL;
	if (svc_document_add(&r->svc, id, &in, &d)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 201, document_json(&d));
	snprintf(loc, sizeof loc, "/api/v1/documents/%lld", (long long)d.id);
	snprintf(r->location, sizeof r->location, "%s", loc);
}

/* GET /api/v1/documents/{docid} */
void api_document_get(struct req *r)
{
	if (send_bytes(r, req_param_id(r, NULL)))
		res_api_fail(r);
}

/* DELETE /api/v1/documents/{docid} */
void api_document_delete(struct req *r)
{
	struct doc_row d;
	int64_t id = req_param_id(r, NULL);

	if (id < 0) {
		svc_fail(&r->svc, SVC_NOTFOUND, "id", NULL, "Aucun document à cette adresse.");
		res_api_fail(r);
		return;
	}
	if (svc_document_delete(&r->svc, id, &d)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:b, s:o}", "deleted", 1, "document", document_json(&d)));
}
