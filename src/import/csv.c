/*
** Streaming RFC 4180 CSV reader (see csv.h). One record is held at a time
** in a capped buffer, its cells NUL-terminated one after another.
*/
#include "import/csv.h"
#include "import/import_int.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CSV_CHUNK 65536
#define CSV_EOF (-1)
#define CSV_IOERR (-2)

struct csv_reader {
	csv_read_fn read;
	void *arg;
	char *name;
	struct csv_options o;

	char *in;              /* input chunk */
	size_t in_len, in_pos;
	int eof, ioerr, started;
	int pushback;          /* one character put back, or CSV_EOF */
	uint64_t bytes;
	long line;             /* line of the next character */

	long rec_line;
	struct buf rec;        /* cells of the record, NUL-separated */
	size_t *off;           /* start of each cell in rec */
	size_t noff, cap_off;

	char **hdr;
	size_t nhdr;
};

/* See csv.h. */
struct csv_reader *csv_open(csv_read_fn read, void *arg, const char *name,
	const struct csv_options *opt)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);

	r->read = read;
	r->arg = arg;
	r->name = xstrdup(name ? name : "");
	if (opt)
		r->o = *opt;
	if (!r->o.sep)
		r->o.sep = ';';
	if (!r->o.max_cell)
		r->o.max_cell = IMPORT_MAX_TEXT;
	if (!r->o.max_columns)
		r->o.max_columns = CSV_MAX_COLUMNS;
	if (!r->o.max_line)
		r->o.max_line = CSV_MAX_LINE;
	r->in = xmalloc(CSV_CHUNK);
	r->pushback = CSV_EOF;
	r->line = 1;
	/* Room for the record, one NUL per cell included. */
	buf_init(&r->rec, r->o.max_line + r->o.max_columns + 1);
	return r;
}

/* See csv.h. */
void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->off);
	buf_release(&r->rec);
	free(r->in);
	free(r->name);
	free(r);
}

/* Refills the input chunk; skips a UTF-8 BOM at the start of the file. */
static void fill(struct csv_reader *r)
{
	long n;

	r->in_pos = r->in_len = 0;
	if (r->eof)
		return;
	n = r->read(r->arg, r->in, CSV_CHUNK);
	if (n < 0) {
		r->ioerr = 1;
		r->eof = 1;
		return;
	}
	if (n == 0) {
		r->eof = 1;
		return;
	}
	r->in_len = (size_t)n;
	r->bytes += (uint64_t)n;
	if (!r->started) {
		r->started = 1;
		/* At least 3 bytes to see a BOM, whatever the read sizes. */
		while (r->in_len < 3) {
			n = r->read(r->arg, r->in + r->in_len,
				CSV_CHUNK - r->in_len);
			if (n <= 0) {
				r->ioerr = n < 0;
				break;
			}
			r->in_len += (size_t)n;
			r->bytes += (uint64_t)n;
		}
		if (r->in_len >= 3 && !memcmp(r->in, "\xEF\xBB\xBF", 3))
			r->in_pos = 3;
	}
}

/* Next byte, CSV_EOF or CSV_IOERR. */
static inline int get(struct csv_reader *r)
{
	int c;

	if (r->pushback != CSV_EOF) {
		c = r->pushback;
		r->pushback = CSV_EOF;
		return c;
	}
	while (r->in_pos == r->in_len) {
		if (r->eof)
			return r->ioerr ? CSV_IOERR : CSV_EOF;
		fill(r); /* may give nothing but a BOM: loop */
	}
	return (unsigned char)r->in[r->in_pos++];
}

/* Name of column i for messages: header name, else its number. */
static void col_label(const struct csv_reader *r, int col, char *out,
	size_t n)
{
	if (col >= 0 && (size_t)col < r->nhdr)
		snprintf(out, n, "%s", r->hdr[col]);
	else
		snprintf(out, n, "n° %d", col + 1);
}

/* See csv.h. */
void csv_fail(const struct csv_reader *r, struct import_error *err, int col,
	const char *fmt, ...)
{
	char label[128], detail[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	if (col < 0) {
		import_err_set(err, r->name, r->rec_line, "",
			"Fichier CSV « %s », ligne %ld : %s",
			import_basename(r->name), r->rec_line, detail);
		return;
	}
	col_label(r, col, label, sizeof label);
	import_err_set(err, r->name, r->rec_line, label,
		"Fichier CSV « %s », ligne %ld, colonne « %s » : %s",
		import_basename(r->name), r->rec_line, label, detail);
}

/* Starts a new cell at the end of the record buffer. */
static int cell_start(struct csv_reader *r, struct import_error *err)
{
	if (r->noff == r->o.max_columns) {
		csv_fail(r, err, -1, "plus de %zu colonnes", r->o.max_columns);
		return -1;
	}
	if (r->noff == r->cap_off) {
		r->cap_off = r->cap_off ? r->cap_off * 2 : 32;
		r->off = xrealloc(r->off, r->cap_off * sizeof *r->off);
	}
	r->off[r->noff++] = r->rec.len;
	return 0;
}

/* Appends byte c to the current cell, enforcing the limits. */
static int cell_add(struct csv_reader *r, int c, struct import_error *err)
{
	size_t start = r->off[r->noff - 1];

	if (r->rec.len - start >= r->o.max_cell) {
		csv_fail(r, err, (int)r->noff - 1,
			"cellule trop longue (plus de %zu octets)", r->o.max_cell);
		return -1;
	}
	if (r->rec.len >= r->o.max_line + r->noff) {
		csv_fail(r, err, -1, "ligne trop longue (plus de %zu octets)",
			r->o.max_line);
		return -1;
	}
	if (r->rec.len + 1 < r->rec.cap) { /* fast path: room already */
		r->rec.p[r->rec.len++] = (char)c;
		r->rec.p[r->rec.len] = '\0';
		return 0;
	}
	return buf_putc(&r->rec, c);
}

/*
** Closes the current cell: NUL terminator, leading TAB removal, UTF-8
** check (line of the message: where the record starts).
*/
static int cell_end(struct csv_reader *r, struct import_error *err)
{
	size_t i = r->noff - 1, start = r->off[i], bad;
	size_t len = r->rec.len - start;

	if (import_utf8_check(r->rec.p ? r->rec.p + start : "", len, &bad)) {
		csv_fail(r, err, (int)i,
			"texte non UTF-8 (octet 0x%02X en position %zu de la "
			"cellule)", (unsigned char)r->rec.p[start + bad], bad + 1);
		return -1;
	}
	if (buf_putc(&r->rec, '\0')) {
		csv_fail(r, err, -1, "ligne trop longue (plus de %zu octets)",
			r->o.max_line);
		return -1;
	}
	if (r->o.strip_tab && len && r->rec.p[start] == '\t')
		r->off[i]++;
	return 0;
}

/* An I/O error reported as a French message. */
static int io_fail(struct csv_reader *r, struct import_error *err)
{
	csv_fail(r, err, -1, "erreur de lecture");
	return -1;
}

/*
** Reads one record into r->rec / r->off. Returns 1, 0 at end of file (no
** record), or -1 with err. Blank and comment lines are skipped here.
*/
static int read_record(struct csv_reader *r, struct import_error *err)
{
	int c;

again:
	buf_reset(&r->rec);
	r->noff = 0;
	r->rec_line = r->line;
	c = get(r);
	if (c == CSV_IOERR)
		return io_fail(r, err);
	if (c == CSV_EOF)
		return 0;
	if (c == '\n' || c == '\r') {
		if (c == '\r' && (c = get(r)) != '\n' && c != CSV_EOF)
			r->pushback = c;
		r->line++;
		goto again;
	}
	if (r->o.comment && c == r->o.comment) {
		while ((c = get(r)) != '\n' && c != CSV_EOF && c != CSV_IOERR)
			;
		if (c == CSV_IOERR)
			return io_fail(r, err);
		r->line++;
		goto again;
	}
	r->pushback = c;

	for (;;) {
		if (cell_start(r, err))
			return -1;
		c = get(r);
		if (c == '"') {
			long qline = r->line;
			for (;;) {
				c = get(r);
				if (c == CSV_IOERR)
					return io_fail(r, err);
				if (c == CSV_EOF) {
					csv_fail(r, err, (int)r->noff - 1,
						"guillemet non fermé (champ "
						"commencé ligne %ld)", qline);
					return -1;
				}
				if (c == '"') {
					c = get(r);
					if (c != '"')
						break;
				} else if (c == '\r') {
					c = get(r);
					if (c != '\n')
						r->pushback = c;
					c = '\n';
					r->line++;
				} else if (c == '\n') {
					r->line++;
				}
				if (cell_add(r, c, err))
					return -1;
			}
			if (c != r->o.sep && c != '\r' && c != '\n' &&
			    c != CSV_EOF) {
				if (c == CSV_IOERR)
					return io_fail(r, err);
				csv_fail(r, err, (int)r->noff - 1,
					"caractère inattendu après le guillemet "
					"fermant (guillemet intérieur non doublé ?)");
				return -1;
			}
		} else {
			int sep = r->o.sep;
			if (r->o.rest_in_last && r->nhdr && r->noff == r->nhdr)
				sep = '\n'; /* the separator is just text */
			while (c != sep && c != '\r' && c != '\n' &&
			       c != CSV_EOF && c != CSV_IOERR) {
				if (cell_add(r, c, err))
					return -1;
				c = get(r);
			}
			if (c == CSV_IOERR)
				return io_fail(r, err);
		}
		if (cell_end(r, err))
			return -1;
		if (c == r->o.sep)
			continue;
		if (c == '\r') {
			c = get(r);
			if (c != '\n' && c != CSV_EOF)
				r->pushback = c;
		}
		if (c != CSV_EOF)
			r->line++;
		return 1;
	}
}

/* See csv.h. */
int csv_header(struct csv_reader *r, struct import_error *err)
{
	int rc = read_record(r, err);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		csv_fail(r, err, -1, "fichier vide (ligne d'en-tête absente)");
		return -1;
	}
	r->hdr = xcalloc(r->noff, sizeof *r->hdr);
	r->nhdr = r->noff;
	for (size_t i = 0; i < r->noff; i++) {
		const char *h = r->rec.p + r->off[i];
		size_t n = strlen(h);
		while (n && (h[n - 1] == ' ' || h[n - 1] == '\r'))
			n--;
		while (n && *h == ' ') {
			h++;
			n--;
		}
		r->hdr[i] = xstrndup(h, n);
	}
	return 0;
}

/* See csv.h. */
int csv_col(const struct csv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->nhdr; i++)
		if (!strcmp(r->hdr[i], name))
			return (int)i;
	for (size_t i = 0; i < r->nhdr; i++)
		if (!strcasecmp(r->hdr[i], name))
			return (int)i;
	return -1;
}

/* See csv.h. */
size_t csv_ncols(const struct csv_reader *r)
{
	return r->nhdr;
}

/* See csv.h. */
const char *csv_col_name(const struct csv_reader *r, size_t i)
{
	return i < r->nhdr ? r->hdr[i] : "";
}

/* See csv.h. */
int csv_next(struct csv_reader *r, struct import_error *err)
{
	int rc = read_record(r, err);

	if (rc <= 0)
		return rc;
	if (r->nhdr && r->noff > r->nhdr) {
		csv_fail(r, err, -1, "%zu colonnes alors que l'en-tête en "
			"déclare %zu", r->noff, r->nhdr);
		return -1;
	}
	return 1;
}

/* See csv.h. */
size_t csv_nfields(const struct csv_reader *r)
{
	return r->noff;
}

/* See csv.h. */
const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->noff ? r->rec.p + r->off[i] : "";
}

/* See csv.h. */
size_t csv_field_len(const struct csv_reader *r, size_t i)
{
	return i < r->noff ? strlen(r->rec.p + r->off[i]) : 0;
}

/* See csv.h. */
long csv_line(const struct csv_reader *r)
{
	return r->rec_line;
}

/* See csv.h. */
uint64_t csv_bytes(const struct csv_reader *r)
{
	return r->bytes;
}

/* See csv.h. */
long csv_read_file(void *arg, char *buf, size_t n)
{
	FILE *f = arg;
	size_t got = fread(buf, 1, n, f);

	if (got == 0 && ferror(f))
		return -1;
	return (long)got;
}
