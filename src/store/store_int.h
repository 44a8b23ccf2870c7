/*
** What the store's files share: the engine shorthands and their helpers.
** Not for use outside src/store.
*/
#ifndef CQPM_STORE_INT_H
#define CQPM_STORE_INT_H
#include "store/store.h"
#include <stddef.h>
#include <stdint.h>

#define ENG(st) (((struct store_base *)(st))->engine)
#define PREP(st, id) ENG(st)->prepare((st), (id))
#define BT(s, i, v) eng->bind_text((s), (i), (v))
#define BI(s, i, v) eng->bind_int((s), (i), (v))
#define CT(s, i) eng->col_text((s), (i))
#define CI(s, i) eng->col_int((s), (i))

/* snprintf of src ("" for NULL) into dst[n]. */
void store_copy(char *dst, size_t n, const char *src);
/* Steps a write statement: 0, -1, STORE_CONFLICT or STORE_BUSY. */
int store_write_done(const struct db_engine *eng, struct db_stmt *s);
/* Steps an INSERT … RETURNING id into *id (may be NULL); same returns. */
int store_insert_id(const struct db_engine *eng, struct db_stmt *s, int64_t *id);
/* Steps a statement whose first column is a number (a count): that
** number, or -1 when it gives no row or fails. */
int64_t store_count(const struct db_engine *eng, struct db_stmt *s);

/* Reads the REG_COLS of a registration (sql_sqlite.c) at the head of a
** row; the statement's own columns follow from STORE_REG_NCOLS. */
#define STORE_REG_NCOLS 38
void store_reg_read(const struct db_engine *eng, struct db_stmt *s, struct reg_row *r);

/* Ends the calling function with a one-row lookup: steps s, hands the row
** to read(eng, s, out), resets s and returns 1 (a row), 0 (none) or -1
** (an error). */
#define ONE_ROW(eng, s, read, out) do { \
	int rc_ = (eng)->step(s); \
	if (rc_ == DB_ROW) read((eng), (s), (out)); \
	(eng)->reset(s); \
	return rc_ == DB_ROW ? 1 : rc_ == DB_DONE ? 0 : -1; \
	} while (0)

#endif
