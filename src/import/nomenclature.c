/*
** Import of the national nomenclatures (NSF, ROME, NAF, BCN levels) from
** their CSV files, streamed through the CSV reader; each entry is handed
** to the sink as (code, label, parent).
**
** What is emitted, per kind:
**   NOMEN_NSF (nsf_code_education_D311-4.csv: code;kind;libelle, '#'
**     comment lines): every domain ("1", parent ""), sub-domain ("22",
**     parent "2") and group ("221", parent "22") of the file, in file
**     order; then, the file listing the speciality letters separately, the
**     lettered specialities RNCP uses ("221w"), built by the rule of the
**     NSF: letters a–l go with the groups of domain 1, letters m–y with the
**     groups of domains 2 and 3, letter z with the groups of domain 4. Such
**     an entry has the group as parent and the label "<group label>
**     (<letter label>)", e.g. "221w" → "Agro-alimentaire, alimentation,
**     cuisine (Commercialisation)"; the register's own label of a fiche
**     stays in the fiche.
**   NOMEN_ROME (comma-separated, quoted): code_rome, libelle_rome; parent
**     is code_rome_parent, or "" when it is the code itself.
**   NOMEN_NAF (code;libelle;classe;…): sub-class "25.62A", parent the
**     class "25.62".
**   NOMEN_LEVEL (BCN_N_NIVEAU_FORMATION_DIPLOME.csv, Windows-1252 converted
**     to UTF-8 with iconv; a file that is already valid UTF-8 is read as
**     such): first, once per distinct NIVEAU_QUALIFICATION_RNCP from 1 to
**     8 and before the first diploma using it, the RNCP level "NIV<n>"
**     (as in NOMENCLATURE_EUROPE/NIVEAU) with the long label of the BCN
**     ("NIVEAU 5"), parent ""; and each diploma level
**     NIVEAU_FORMATION_DIPLOME with label LIBELLE_100 (LIBELLE_COURT when
**     empty) and parent "NIV<n>" ("" for the BCN's 00, 99, XX: out of
**     scope, undetermined, to be determined).
** Invalid UTF-8 (or a byte Windows-1252 does not define) is refused with
** the line; codes are checked against each nomenclature's pattern.
*/
#include "import/csv.h"
#include "import/import.h"
#include "util/errfr.h"
#include "import/import_int.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSF_MAX_ROWS 2000

/* --- Windows-1252 input ------------------------------------------------ */

/* A csv_read_fn converting a Windows-1252 FILE* to UTF-8. */
struct cp1252_in {
	FILE *f;
	iconv_t cd;
	char in[16384];
	size_t in_len;    /* unconverted bytes at the start of in */
	int eof;
	long line;        /* line of the next unconverted byte */
	int bad;          /* a byte could not be converted */
	unsigned char bad_byte;
	long bad_line;
};

/* Counts the line feeds of s[0..n) into *line. */
static void count_lines(const char *s, size_t n, long *line)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			(*line)++;
}

/* See struct cp1252_in. */
static long cp1252_read(void *arg, char *out, size_t n)
{
	struct cp1252_in *c = arg;

	for (;;) {
		char *ip = c->in, *op = out;
		size_t il = c->in_len, ol = n, done;

		if (!c->in_len) {
			if (c->eof)
				return 0;
			c->in_len = fread(c->in, 1, sizeof c->in, c->f);
			if (!c->in_len) {
				if (ferror(c->f))
					return -1;
				c->eof = 1;
				return 0;
			}
			continue;
		}
		if (iconv(c->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno == EILSEQ) {
			count_lines(c->in, (size_t)(ip - c->in), &c->line);
			c->bad = 1;
			c->bad_byte = (unsigned char)*ip;
			c->bad_line = c->line;
			return -1;
		}
		/* E2BIG (output full) and EINVAL (cannot happen with a
		 * one-byte charset) both leave the rest for the next call. */
		count_lines(c->in, (size_t)(ip - c->in), &c->line);
		memmove(c->in, ip, il);
		c->in_len = il;
		done = (size_t)(op - out);
		if (done)
			return (long)done;
	}
}

/*
** 1 if the whole file is valid UTF-8 holding at least one non-ASCII
** character (a BCN file someone already converted), else 0. Streams the
** file and rewinds it.
*/
static int looks_utf8(FILE *f)
{
	char b[16384 + 4];
	size_t carry = 0, n;
	int non_ascii = 0, ok = 1;

	while (ok && (n = fread(b + carry, 1, sizeof b - 4 - carry, f)) > 0) {
		size_t len = carry + n, end = len, k;

		/* Keep an incomplete trailing sequence for the next read. */
		for (k = 1; k <= 3 && k <= len; k++) {
			unsigned char ch = (unsigned char)b[len - k];
			if (ch >= 0xC0) {
				size_t need = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
				if (need > k)
					end = len - k;
				break;
			}
			if (ch < 0x80)
				break;
		}
		for (k = 0; k < end; k++)
			if ((unsigned char)b[k] >= 0x80)
				non_ascii = 1;
		if (import_utf8_check(b, end, NULL))
			ok = 0;
		carry = len - end;
		memmove(b, b + end, carry);
	}
	if (carry)
		ok = 0;
	rewind(f);
	return ok && non_ascii;
}

/* --- Code patterns ------------------------------------------------------ */

/* Matches s against pat: 'D' digit, 'U' upper-case letter, 'L' lower-case
 * letter, anything else itself. */
static int match(const char *s, const char *pat)
{
	for (; *pat; s++, pat++) {
		switch (*pat) {
		case 'D':
			if (*s < '0' || *s > '9')
				return 0;
			break;
		case 'U':
			if (*s < 'A' || *s > 'Z')
				return 0;
			break;
		case 'L':
			if (*s < 'a' || *s > 'z')
				return 0;
			break;
		default:
			if (*s != *pat)
				return 0;
		}
	}
	return *s == '\0';
}

/* --- The import --------------------------------------------------------- */

struct nsf_row {
	char code[8];
	char *label;
};

struct nomen_ctx {
	enum nomen_kind kind;
	import_nomen_fn sink;
	void *sink_arg;
	struct import_error *err;
	struct csv_reader *csv;
	int col[5];
	/* NSF: groups and letters kept for the lettered specialities */
	struct nsf_row *groups, *letters;
	size_t ngroups, nletters;
	/* LEVEL: RNCP levels already emitted */
	int level_done[10];
	struct buf label;   /* label being emitted */
};

static const char *kind_file[NOMEN__MAX] = {
	"NSF", "ROME", "NAF", "niveaux BCN"
};

/* Column names wanted by kind; "" ends, a leading '?' marks optional. */
static const char *const kind_cols[NOMEN__MAX][5] = {
	{ "code", "kind", "libelle", "", "" },
	{ "code_rome", "libelle_rome", "?code_rome_parent", "", "" },
	{ "code", "libelle", "classe", "", "" },
	{ "NIVEAU_FORMATION_DIPLOME", "LIBELLE_100", "LIBELLE_COURT",
	  "NIVEAU_QUALIFICATION_RNCP",
	  "N_NIVEAU_QUALIFICATION_RNCP.LIBELLE_LONG" },
};

/* Resolves the header columns; -1 with err when one is missing. */
static int map_columns(struct nomen_ctx *c)
{
	for (int i = 0; i < 5; i++) {
		const char *name = kind_cols[c->kind][i];
		int opt = name[0] == '?';

		c->col[i] = -1;
		if (!*name)
			continue;
		c->col[i] = csv_col(c->csv, name + opt);
		if (c->col[i] < 0 && !opt) {
			csv_fail(c->csv, c->err, -1, "colonne « %s » absente "
				"de l'en-tête (nomenclature %s)", name,
				kind_file[c->kind]);
			return -1;
		}
	}
	return 0;
}

/* Cell i of the kind's columns, trimmed of blanks into a scratch copy. */
static char *cell(struct nomen_ctx *c, int i, char *out, size_t n)
{
	const char *s = c->col[i] >= 0 ? csv_field(c->csv, (size_t)c->col[i])
		: "";
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

/*
** Calls the sink with the label on one line (runs of blanks and line
** breaks, as in two NAF labels, become one space; ends trimmed); returns
** the sink's value.
*/
static int emit(struct nomen_ctx *c, const char *code, const char *label,
	const char *parent)
{
	const char *s = label;
	int blank = 0;

	buf_reset(&c->label);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			blank = 1;
			continue;
		}
		if (blank && c->label.len)
			buf_putc(&c->label, ' ');
		blank = 0;
		buf_putc(&c->label, *s);
	}
	return c->sink(c->sink_arg, c->kind, code, buf_str(&c->label), parent);
}

/* A code that does not match the nomenclature's pattern. */
static int bad_code(struct nomen_ctx *c, int i, const char *code)
{
	csv_fail(c->csv, c->err, c->col[i], "code « %.32s » invalide pour "
		"la nomenclature %s", code, kind_file[c->kind]);
	return -1;
}

/* One NSF row: domains emitted now, groups and letters kept too. */
static int nsf_row(struct nomen_ctx *c)
{
	char code[64], kind[32];
	const char *label = csv_field(c->csv, (size_t)c->col[2]);
	char parent[4] = "";
	struct nsf_row *r;

	cell(c, 0, code, sizeof code);
	cell(c, 1, kind, sizeof kind);
	if (!strcmp(kind, "lettre")) {
		if (!match(code, "L"))
			return bad_code(c, 0, code);
		if (c->nletters == 26) {
			csv_fail(c->csv, c->err, c->col[0], "trop de lettres");
			return -1;
		}
		r = &c->letters[c->nletters++];
		memcpy(r->code, code, strlen(code) + 1); /* 1 or 3 bytes */
		r->label = xstrdup(label);
		return 0;
	}
	if (!strcmp(kind, "domaine1")) {
		if (!match(code, "D"))
			return bad_code(c, 0, code);
	} else if (!strcmp(kind, "domaine2")) {
		if (!match(code, "DD"))
			return bad_code(c, 0, code);
		memcpy(parent, code, 1);
	} else if (!strcmp(kind, "groupe")) {
		if (!match(code, "DDD"))
			return bad_code(c, 0, code);
		memcpy(parent, code, 2);
		if (c->ngroups == NSF_MAX_ROWS) {
			csv_fail(c->csv, c->err, c->col[0], "plus de %d groupes",
				NSF_MAX_ROWS);
			return -1;
		}
		r = &c->groups[c->ngroups++];
		memcpy(r->code, code, strlen(code) + 1); /* 1 or 3 bytes */
		r->label = xstrdup(label);
	} else {
		csv_fail(c->csv, c->err, c->col[1], "type « %.32s » inconnu "
			"(domaine1, domaine2, groupe ou lettre attendu)", kind);
		return -1;
	}
	return emit(c, code, label, parent);
}

/* Domain digit with which a speciality letter goes (see file comment). */
static int letter_fits(char domain, char letter)
{
	if (letter == 'z')
		return domain == '4';
	if (letter >= 'm')
		return domain == '2' || domain == '3';
	return domain == '1';
}

/* After the NSF file: the lettered specialities. */
static int nsf_finish(struct nomen_ctx *c)
{
	struct buf label = BUF_INIT;
	int rc = 0;

	for (size_t g = 0; g < c->ngroups && !rc; g++) {
		for (size_t l = 0; l < c->nletters && !rc; l++) {
			char code[16];
			if (!letter_fits(c->groups[g].code[0],
					c->letters[l].code[0]))
				continue;
			snprintf(code, sizeof code, "%s%s", c->groups[g].code,
				c->letters[l].code);
			buf_reset(&label);
			buf_printf(&label, "%s (%s)", c->groups[g].label,
				c->letters[l].label);
			rc = emit(c, code, buf_str(&label), c->groups[g].code);
		}
	}
	buf_release(&label);
	return rc;
}

/* One ROME row. */
static int rome_row(struct nomen_ctx *c)
{
	char code[64], parent[64];

	cell(c, 0, code, sizeof code);
	cell(c, 2, parent, sizeof parent);
	if (!match(code, "UDDDD"))
		return bad_code(c, 0, code);
	if (*parent && !match(parent, "UDDDD"))
		return bad_code(c, 2, parent);
	if (!strcmp(parent, code))
		parent[0] = '\0';
	return emit(c, code, csv_field(c->csv, (size_t)c->col[1]), parent);
}

/* One NAF row. */
static int naf_row(struct nomen_ctx *c)
{
	char code[64], parent[64];

	cell(c, 0, code, sizeof code);
	cell(c, 2, parent, sizeof parent);
	if (!match(code, "DD.DDU"))
		return bad_code(c, 0, code);
	if (!match(parent, "DD.DD") || strncmp(code, parent, 5))
		return bad_code(c, 2, parent);
	return emit(c, code, csv_field(c->csv, (size_t)c->col[1]), parent);
}

/* One BCN row: its RNCP level first if new, then the diploma level. */
static int level_row(struct nomen_ctx *c)
{
	char code[64], label[512], niv[16], parent[16] = "", lv[512];
	int rc;

	cell(c, 0, code, sizeof code);
	cell(c, 1, label, sizeof label);
	if (!*label)
		cell(c, 2, label, sizeof label);
	cell(c, 3, niv, sizeof niv);
	if (!*code || strlen(code) > 16)
		return bad_code(c, 0, code);
	for (const char *p = code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
			return bad_code(c, 0, code);
	if (match(niv, "DD") || match(niv, "D")) {
		int n = atoi(niv);
		if (n >= 1 && n <= 8) {
			snprintf(parent, sizeof parent, "NIV%d", n);
			if (!c->level_done[n]) {
				c->level_done[n] = 1;
				cell(c, 4, lv, sizeof lv);
				rc = emit(c, parent, lv, "");
				if (rc)
					return rc;
			}
		}
	}
	return emit(c, code, label, parent);
}

/* See import.h. */
int nomenclature_import(const char *path, enum nomen_kind kind,
	import_nomen_fn sink, void *sink_arg, struct import_error *err)
{
	struct nomen_ctx c;
	struct csv_options opt;
	struct cp1252_in conv;
	FILE *f = NULL;
	int rc = -1, r;
	int use_conv = 0;

	memset(&c, 0, sizeof c);
	memset(&opt, 0, sizeof opt);
	memset(&conv, 0, sizeof conv);
	conv.cd = (iconv_t)-1;
	if (err)
		memset(err, 0, sizeof *err);
	if ((int)kind < 0 || kind >= NOMEN__MAX) {
		import_err_set(err, path, 0, "", "Nomenclature inconnue");
		return -1;
	}
	c.kind = kind;
	c.sink = sink;
	c.sink_arg = sink_arg;
	c.err = err;
	buf_init(&c.label, 0);

	f = fopen(path, "rb");
	if (!f) {
		import_err_set(err, path, 0, "", "Impossible d'ouvrir le "
			"fichier « %s » : %s", import_basename(path),
			errno_fr(errno));
		goto out;
	}
	opt.sep = kind == NOMEN_ROME ? ',' : ';';
	opt.comment = kind == NOMEN_NSF ? '#' : 0;
	opt.rest_in_last = kind == NOMEN_NSF; /* group 227's label has ';' */
	if (kind == NOMEN_LEVEL && !looks_utf8(f)) {
		conv.cd = iconv_open("UTF-8", "WINDOWS-1252");
		if (conv.cd == (iconv_t)-1) {
			import_err_set(err, path, 0, "", "Conversion depuis "
				"Windows-1252 indisponible : %s",
				errno_fr(errno));
			goto out;
		}
		conv.f = f;
		conv.line = 1;
		use_conv = 1;
		c.csv = csv_open(cp1252_read, &conv, path, &opt);
	} else {
		c.csv = csv_open(csv_read_file, f, path, &opt);
	}
	if (kind == NOMEN_NSF) {
		c.groups = xcalloc(NSF_MAX_ROWS, sizeof *c.groups);
		c.letters = xcalloc(26, sizeof *c.letters);
	}

	if (csv_header(c.csv, err) || map_columns(&c))
		goto conv_err;
	while ((r = csv_next(c.csv, err)) == 1) {
		switch (kind) {
		case NOMEN_NSF:
			r = nsf_row(&c);
			break;
		case NOMEN_ROME:
			r = rome_row(&c);
			break;
		case NOMEN_NAF:
			r = naf_row(&c);
			break;
		default:
			r = level_row(&c);
			break;
		}
		if (r) {
			rc = r;
			goto out;
		}
	}
	if (r < 0)
		goto conv_err;
	if (kind == NOMEN_NSF && (r = nsf_finish(&c)) != 0) {
		rc = r;
		goto out;
	}
	rc = 0;
	goto out;

conv_err:
	/* A read error of the converter is an undefined Windows-1252 byte. */
	if (use_conv && conv.bad)
		import_err_set(err, path, conv.bad_line, "", "Fichier CSV « %s », "
			"ligne %ld : octet 0x%02X non défini en Windows-1252",
			import_basename(path), conv.bad_line, conv.bad_byte);
out:
	for (size_t i = 0; i < c.ngroups; i++)
		free(c.groups[i].label);
	for (size_t i = 0; i < c.nletters; i++)
		free(c.letters[i].label);
	free(c.groups);
	free(c.letters);
	buf_release(&c.label);
	csv_close(c.csv);
	if (conv.cd != (iconv_t)-1)
		iconv_close(conv.cd);
	if (f)
		fclose(f);
	return rc;
}
