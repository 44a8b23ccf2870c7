/*
** Typed store operations of the documents attached to a candidate (table
** document of migration 4). The content is a BLOB in the same database:
** a document and its row are written in one transaction, and a backup of
** the database holds the documents. Same return conventions as store.h.
*/
#ifndef CQPM_STORE_DOCUMENT_H
#define CQPM_STORE_DOCUMENT_H
#include "store/store.h"
#include "util/buf.h"
#include <stddef.h>
#include <stdint.h>

/* A document's row, without its content. */
struct doc_row {
	int64_t id, candidate_id;
	int64_t registration_id;   /* 0: the candidate's, not one registration's */
	char type[24];             /* core/document.h doc_type_code */
	char name[208];            /* at most DOC_NAME_MAX bytes */
	char mime[32];
	int64_t size;
	char sha256[72];           /* 64 hex digits */
	char uploaded_at[32], uploaded_by[80];
};

/* Inserts d with its n bytes of content (which must stay valid during
** the call); *id receives the new id. */
int store_document_insert(struct store *st, const struct doc_row *d,
	const void *content, size_t n, int64_t *id);
int store_document_get(struct store *st, int64_t id, struct doc_row *out);
/* Appends the content of document id to out: 1, 0 (no such document) or
** -1 (database error, or out's cap reached). */
int store_document_content(struct store *st, int64_t id, struct buf *out);
typedef int (*doc_row_fn)(void *arg, const struct doc_row *d);
/* The documents of a candidate, oldest first. */
int store_document_of_candidate(struct store *st, int64_t candidate_id,
	doc_row_fn fn, void *arg);
/* Number of documents of a candidate; -1 on error. */
int64_t store_document_count(struct store *st, int64_t candidate_id);
/* Number of documents of type attached to a registration (R-VAE-3: the
** livret 2 of a VAE registration is in); -1 on error. */
int64_t store_document_count_type(struct store *st, int64_t registration_id,
	const char *type);
int store_document_delete(struct store *st, int64_t id);

#endif
