/*
** Documents attached to a candidate: identity documents, reports (R-EVA-3),
** the livret 2 of a VAE (R-VAE-3), signed opinions and dossiers.
**
** Who may do what:
**   - centre staff (their own centre's candidates) and the national
**     administrator add, read and delete every document of a candidate;
**   - a training body adds and reads the documents of its own
**     registrations only (a document it adds is attached to one of them);
**   - an evaluator reads the documents attached to the registrations
**     assigned to him (the reports he evaluates), and adds none;
**   - jury members and the public see none.
** A document attached to no registration (an identity document, say) is
** seen by the centre and the administrator only. Out of scope, a document
** or a candidate is "not found": its existence is not disclosed.
**
** Adding is one transaction: the content (a BLOB), its row and the audit
** event are written together or not at all.
*/
#ifndef CQPM_SVC_DOCUMENT_H
#define CQPM_SVC_DOCUMENT_H
#include "service/svc.h"
#include "core/document.h"
#include "store/store_document.h"
#include "util/buf.h"

/* A document to add, as typed in a form, a JSON API call or CLI options. */
struct document_in {
	const char *type;          /* identity, report, livret2, company_opinion, dossier, other */
	const char *registration;  /* the registration's number; "" or NULL: none (a
	                           ** livret 2 goes to the VAE registration, a
	                           ** training body's to its newest registration) */
	const char *name;          /* name typed by the user; "" or NULL: the file's */
	const char *file_name;     /* the file's own name as the client sent it (sanitised) */
	const char *path;          /* the file, on disk */
};

/* 1 if the actor may add a document to the candidate (before a web
** upload is received); 0 otherwise, with the reason in s->res. */
int svc_document_may_add(struct svc *s, int64_t candidate_id);

/* Reads the file at in->path (PDF, JPEG or PNG by its first bytes, at
** most DOC_MAX_SIZE), and stores it with its SHA-256; *out (may be NULL)
** receives the stored row. */
int svc_document_add(struct svc *s, int64_t candidate_id,
	const struct document_in *in, struct doc_row *out);

/* The candidate's documents the actor may see, oldest first. */
int svc_document_list(struct svc *s, int64_t candidate_id, doc_row_fn fn, void *arg);

/* One document: its row into *meta and, when content is not NULL, its
** bytes appended to content (checked against the stored SHA-256). */
int svc_document_get(struct svc *s, int64_t id, struct doc_row *meta,
	struct buf *content);

/* Deletes a document (centre staff, the administrator); the audit event
** keeps its name, type, size and SHA-256. *out (may be NULL) receives
** the row deleted. */
int svc_document_delete(struct svc *s, int64_t id, struct doc_row *out);

/* A document's row as JSON: {id, type, type_label, name, mime, size,
** sha256, registration, uploaded_at, uploaded_by} (no content). */
json_t *document_json(const struct doc_row *d);

#endif
