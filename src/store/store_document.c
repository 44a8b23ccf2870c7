/*
** Typed store operations of the documents attached to a candidate (see
** store_document.h).
*/
#include "store/store_document.h"
#include "store/store_int.h"
#include <string.h>

static void doc_read(const struct db_engine *eng, struct db_stmt *s, struct doc_row *d)
{
	d->id = CI(s, 0);
	d->candidate_id = CI(s, 1);
	d->registration_id = CI(s, 2);
	store_copy(d->type, sizeof d->type, CT(s, 3));
	store_copy(d->name, sizeof d->name, CT(s, 4));
	store_copy(d->mime, sizeof d->mime, CT(s, 5));
	d->size = CI(s, 6);
	store_copy(d->sha256, sizeof d->sha256, CT(s, 7));
	store_copy(d->uploaded_at, sizeof d->uploaded_at, CT(s, 8));
	store_copy(d->uploaded_by, sizeof d->uploaded_by, CT(s, 9));
}

int store_document_insert(struct store *st, const struct doc_row *d,
	const void *content, size_t n, int64_t *id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_INSERT);
	BI(s, 1, d->candidate_id);
	BI(s, 2, d->registration_id);
	BT(s, 3, d->type);
	BT(s, 4, d->name);
	BT(s, 5, d->mime);
	BI(s, 6, d->size);
	BT(s, 7, d->sha256);
	eng->bind_blob(s, 8, content, n);
	BT(s, 9, d->uploaded_at);
	BT(s, 10, d->uploaded_by);
	/* steps to the end and resets: the content is no longer referred to */
	return store_insert_id(eng, s, id);
}

int store_document_get(struct store *st, int64_t id, struct doc_row *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_GET);
	BI(s, 1, id);
	ONE_ROW(eng, s, doc_read, out);
}

int store_document_content(struct store *st, int64_t id, struct buf *out)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_CONTENT);
	int rc, found;
	BI(s, 1, id);
	rc = eng->step(s);
	found = rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
	if (found == 1) {
		const void *p = eng->col_blob(s, 0);
		size_t n = eng->col_bytes(s, 0);
		if (n && (!p || buf_add(out, p, n)))
			found = -1;
	}
	eng->reset(s);
	return found;
}

int store_document_of_candidate(struct store *st, int64_t candidate_id,
	doc_row_fn fn, void *arg)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_OF_CANDIDATE);
	struct doc_row d;
	int rc;
	BI(s, 1, candidate_id);
	while ((rc = eng->step(s)) == DB_ROW) {
		doc_read(eng, s, &d);
		if (fn(arg, &d))
			break;
	}
	eng->reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int64_t store_document_count(struct store *st, int64_t candidate_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_COUNT);
	BI(s, 1, candidate_id);
	return store_count(eng, s);
}

int64_t store_document_count_type(struct store *st, int64_t registration_id,
	const char *type)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_COUNT_TYPE);
	BI(s, 1, registration_id);
	BT(s, 2, type);
	return store_count(eng, s);
}

int store_document_delete(struct store *st, int64_t id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_DOC_DELETE);
	BI(s, 1, id);
	return store_write_done(eng, s);
}
