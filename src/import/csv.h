/*
** A streaming RFC 4180 CSV reader.
**
** The reader pulls bytes through a callback, so the same code reads a
** FILE*, a zip member (zip_fread) or a converted stream, and it holds one
** record at a time: memory is bounded by the limits below, whatever the file
** size. Accepted: any one-byte separator, quoted fields with "" escapes and
** embedded line breaks, CRLF or LF (or CR) line ends, a UTF-8 byte order mark
** (skipped), blank lines (skipped) and optional comment lines. Every cell
** must be valid UTF-8. Errors are French and name the file, the line and the
** column (by its header name once the header is read).
*/
#ifndef CQPM_CSV_H
#define CQPM_CSV_H
#include "import/import.h"
#include <stddef.h>
#include <stdint.h>

#define CSV_MAX_COLUMNS 256           /* default column limit */
#define CSV_MAX_LINE    ((size_t)8 << 20) /* default record limit: 8 MiB */

/* Reads at most n bytes into buf: returns the count, 0 at end, -1 on error. */
typedef long (*csv_read_fn)(void *arg, char *buf, size_t n);

struct csv_options {
	char sep;           /* separator; 0 means ';' */
	char comment;       /* lines starting with it are skipped; 0: none */
	int strip_tab;      /* drop one leading TAB of every cell (SIRET) */
	size_t max_cell;    /* bytes of one cell; 0: IMPORT_MAX_TEXT */
	size_t max_columns; /* cells of one record; 0: CSV_MAX_COLUMNS */
	size_t max_line;    /* bytes of one record; 0: CSV_MAX_LINE */
	int rest_in_last;   /* once the header is read, an unquoted last
			     * cell runs to the end of the line, separators
			     * included (labels holding an unquoted ';') */
};

struct csv_reader;

/*
** New reader over `read`. `name` is the file name used in messages and in
** err->file. opt may be NULL for the defaults. Never returns NULL.
*/
struct csv_reader *csv_open(csv_read_fn read, void *arg, const char *name,
	const struct csv_options *opt);
void csv_close(struct csv_reader *r);

/* Reads the header row. 0, or -1 with err (an empty file is an error). */
int csv_header(struct csv_reader *r, struct import_error *err);

/* Index of the header column `name` (exact, then case-blind), or -1. */
int csv_col(const struct csv_reader *r, const char *name);

/* Number of header columns; name of column i ("" if none). */
size_t csv_ncols(const struct csv_reader *r);
const char *csv_col_name(const struct csv_reader *r, size_t i);

/*
** Reads the next record: 1 when one was read, 0 at the end of the file,
** -1 with err on a syntax error, invalid UTF-8 or a limit exceeded. A
** record with more cells than the header is an error; missing trailing
** cells read as "".
*/
int csv_next(struct csv_reader *r, struct import_error *err);

/* Cells of the current record; i beyond the last gives "" and 0. */
size_t csv_nfields(const struct csv_reader *r);
const char *csv_field(const struct csv_reader *r, size_t i);
size_t csv_field_len(const struct csv_reader *r, size_t i);

/* 1-based line where the current record starts. */
long csv_line(const struct csv_reader *r);

/* Bytes pulled from the callback so far. */
uint64_t csv_bytes(const struct csv_reader *r);

/*
** Fills err for a fault in cell `col` of the current record (-1: the
** record as a whole): « Fichier CSV « nom », ligne N, colonne « X » : … ».
*/
void csv_fail(const struct csv_reader *r, struct import_error *err, int col,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* csv_read_fn over a FILE* passed as arg. */
long csv_read_file(void *arg, char *buf, size_t n);

#endif
