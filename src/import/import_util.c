/*
** Helpers shared by the importers (see import_int.h): error reporting,
** UTF-8 validation, dates, cleaning of the register texts, name folding
** and the empty catalogue document of doc/catalogue-schema.md.
*/
#include "import/import_int.h"
#include "util/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/*
** Fills every field of err. The message is formatted by the caller's
** format; file and element are copied (truncated to the field sizes).
*/
void import_err_set(struct import_error *err, const char *file, long line,
	const char *element, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	snprintf(err->element, sizeof err->element, "%s",
		element ? element : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

/* The part of path after its last '/'. */
const char *import_basename(const char *path)
{
	const char *s;

	if (!path)
		return "";
	s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/*
** Strict UTF-8 check (RFC 3629): rejects NUL, stray continuation bytes,
** truncated sequences, overlong forms, UTF-16 surrogates and code points
** beyond U+10FFFF.
*/
int import_utf8_check(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len, k;
		unsigned long cp;

		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			goto fail; /* NUL, continuation, C0/C1, F5..FF */
		}
		if (n - i < len)
			goto fail;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += len;
	}
	return 0;
fail:
	if (bad)
		*bad = i;
	return -1;
}

/* Days in a month of the proleptic Gregorian calendar. */
static int month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Reads exactly n digits at s into *v; returns 0 or -1. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/*
** Converts "JJ/MM/AAAA" or "AAAA-MM-JJ" (blanks around allowed) to ISO,
** checking that the day exists in that month and year.
*/
int import_date_iso(const char *s, char out[11])
{
	size_t n;
	int d, m, y;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		     s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n != 10)
		return -1;
	if (s[2] == '/' && s[5] == '/') {
		if (digits(s, 2, &d) || digits(s + 3, 2, &m) ||
		    digits(s + 6, 4, &y))
			return -1;
	} else if (s[4] == '-' && s[7] == '-') {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) ||
		    digits(s + 8, 2, &d))
			return -1;
	} else {
		return -1;
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	/* y has four digits, m and d two: written out by hand. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

/* Appends code point cp as UTF-8 (cp must be a valid scalar value). */
static void put_utf8(struct buf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* HTML named entities met in register texts (French typography). */
static const struct { const char *name; unsigned cp; } entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "laquo", 0xAB },
	{ "raquo", 0xBB }, { "deg", 0xB0 }, { "middot", 0xB7 },
	{ "Agrave", 0xC0 }, { "Acirc", 0xC2 }, { "Ccedil", 0xC7 },
	{ "Egrave", 0xC8 }, { "Eacute", 0xC9 }, { "Ecirc", 0xCA },
	{ "Euml", 0xCB }, { "Icirc", 0xCE }, { "Iuml", 0xCF },
	{ "Ocirc", 0xD4 }, { "Ugrave", 0xD9 }, { "Ucirc", 0xDB },
	{ "Uuml", 0xDC }, { "agrave", 0xE0 }, { "acirc", 0xE2 },
	{ "auml", 0xE4 }, { "ccedil", 0xE7 }, { "egrave", 0xE8 },
	{ "eacute", 0xE9 }, { "ecirc", 0xEA }, { "euml", 0xEB },
	{ "icirc", 0xEE }, { "iuml", 0xEF }, { "ocirc", 0xF4 },
	{ "ouml", 0xF6 }, { "ugrave", 0xF9 }, { "ucirc", 0xFB },
	{ "uuml", 0xFC }, { "yuml", 0xFF }, { "OElig", 0x152 },
	{ "oelig", 0x153 }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "bull", 0x2022 }, { "hellip", 0x2026 },
	{ "euro", 0x20AC },
};

/*
** Decodes the entity starting at s[0] == '&' (at most `left` bytes).
** Returns the bytes consumed and appends the character, or 0 when this is
** not an entity (the caller then copies '&' as is).
*/
static size_t decode_entity(const char *s, size_t left, struct buf *out)
{
	size_t i, end;
	unsigned long cp = 0;

	for (end = 1; end < left && end < 12 && s[end] != ';'; end++)
		;
	if (end >= left || s[end] != ';' || end == 1)
		return 0;
	if (s[1] == '#') {
		int hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
		i = hex ? 3 : 2;
		if (i == end)
			return 0;
		for (; i < end; i++) {
			int c = (unsigned char)s[i], v;
			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				v = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10FFFF)
				return 0;
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		put_utf8(out, cp);
		return end + 1;
	}
	for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		size_t l = strlen(entities[i].name);
		if (l == end - 1 && !memcmp(s + 1, entities[i].name, l)) {
			put_utf8(out, entities[i].cp);
			return end + 1;
		}
	}
	return 0;
}

enum tag_kind { TAG_NONE, TAG_BLOCK, TAG_LINE, TAG_ITEM, TAG_CELL, TAG_INLINE };

/* What an HTML tag name (lower case) becomes in plain text. */
static enum tag_kind tag_kind(const char *name)
{
	static const char *block[] = { "p", "div", "ul", "ol", "h1", "h2",
		"h3", "h4", "h5", "h6", "table", "tr", "blockquote", "section",
		"article", "dl", NULL };
	static const char *inl[] = { "span", "strong", "b", "i", "em", "u",
		"a", "font", "sup", "sub", "small", "big", "mark", "code", "s",
		"strike", "del", "ins", "abbr", "cite", "q", "label", "tbody",
		"thead", "o:p", NULL };
	int i;

	if (!strcmp(name, "br"))
		return TAG_LINE;
	if (!strcmp(name, "li") || !strcmp(name, "dt") || !strcmp(name, "dd"))
		return TAG_ITEM;
	if (!strcmp(name, "td") || !strcmp(name, "th"))
		return TAG_CELL;
	for (i = 0; block[i]; i++)
		if (!strcmp(name, block[i]))
			return TAG_BLOCK;
	for (i = 0; inl[i]; i++)
		if (!strcmp(name, inl[i]))
			return TAG_INLINE;
	return TAG_NONE;
}

/*
** If s[0] == '<' starts a known HTML tag or a comment, appends its text
** rendering to out and returns the bytes consumed; else returns 0.
*/
static size_t html_tag(const char *s, size_t left, struct buf *out)
{
	char name[16];
	size_t i = 1, k = 0, end;
	int closing = 0;
	enum tag_kind kind;

	if (left >= 4 && !memcmp(s, "<!--", 4)) {
		for (end = 4; end + 2 < left; end++)
			if (!memcmp(s + end, "-->", 3))
				return end + 3;
		return 0;
	}
	if (i < left && s[i] == '/') {
		closing = 1;
		i++;
	}
	while (i < left && k + 1 < sizeof name &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9') || s[i] == ':')) {
		char c = s[i++];
		name[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	name[k] = '\0';
	if (!k || i >= left)
		return 0;
	if (s[i] != '>' && s[i] != ' ' && s[i] != '/' && s[i] != '\t' &&
	    s[i] != '\n' && s[i] != '\r')
		return 0;
	for (end = i; end < left && end - i < 2048; end++) {
		if (s[end] == '<')
			return 0;
		if (s[end] == '>')
			break;
	}
	if (end >= left || s[end] != '>')
		return 0;
	kind = tag_kind(name);
	switch (kind) {
	case TAG_NONE:
		return 0;
	case TAG_BLOCK:
		buf_puts(out, "\n\n");
		break;
	case TAG_LINE:
		buf_putc(out, '\n');
		break;
	case TAG_ITEM:
		if (!closing)
			buf_puts(out, "\n- ");
		break;
	case TAG_CELL:
		buf_putc(out, ' ');
		break;
	case TAG_INLINE:
		break;
	}
	return end + 1;
}

/* Length of the blank character at s (space, tab, NBSP), or 0. */
static size_t blank_len(const char *s, size_t left)
{
	if (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v')
		return 1;
	if (left >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Length of a list bullet at s followed by a blank, or 0. */
static size_t bullet_len(const char *s, size_t left)
{
	static const char *marks[] = { "*", "o", "-", "\xE2\x80\xA2",
		"\xC2\xB7", "\xE2\x96\xAA", "\xE2\x80\x93", "\xEF\x82\xA7",
		"\xE2\x97\x8F", "\xE2\x96\xBA", NULL };

	for (int i = 0; marks[i]; i++) {
		size_t l = strlen(marks[i]);
		if (left > l && !memcmp(s, marks[i], l) &&
		    blank_len(s + l, left - l))
			return l;
	}
	return 0;
}

/*
** Two passes: HTML tags and entities to plain text, then the blank and
** line normalisation described in import_int.h.
*/
void import_text_clean(const char *in, size_t n, struct buf *out)
{
	struct buf t = BUF_INIT;
	size_t i, blanks = 0, newlines = 0, single_nbsp = 0;
	const char *s;

	buf_reset(out);
	buf_init(&t, 0);
	for (i = 0; i < n;) {
		size_t used = 0, j;
		if (in[i] == '<')
			used = html_tag(in + i, n - i, &t);
		else if (in[i] == '&')
			used = decode_entity(in + i, n - i, &t);
		if (used) {
			i += used;
			continue;
		}
		if (in[i] == '\r') {
			buf_putc(&t, '\n');
			i += (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		/* Copy up to the next special character in one go. */
		for (j = i + 1; j < n && in[j] != '<' && in[j] != '&' &&
		     in[j] != '\r'; j++)
			;
		buf_add(&t, in + i, j - i);
		i = j;
	}

	s = buf_str(&t);
	n = t.len;
	for (i = 0; i < n;) {
		size_t bl = blank_len(s + i, n - i);
		if (bl) {
			single_nbsp = blanks == 0 && bl == 2;
			blanks++;
			i += bl;
			continue;
		}
		if (s[i] == '\n') {
			newlines++;
			blanks = 0;
			i++;
			continue;
		}
		if (out->len) {
			if (newlines)
				buf_puts(out, newlines > 1 ? "\n\n" : "\n");
			else if (blanks >= 2 && bullet_len(s + i, n - i))
				buf_putc(out, '\n');
			else if (blanks == 1 && single_nbsp)
				buf_puts(out, "\xC2\xA0");
			else if (blanks)
				buf_putc(out, ' ');
		}
		blanks = newlines = 0;
		/* The word: up to the next blank or line break. */
		{
			size_t j = i + 1;
			while (j < n && s[j] != '\n' && !blank_len(s + j, n - j))
				j++;
			buf_add(out, s + i, j - i);
			i = j;
		}
	}
	buf_release(&t);
	if (!out->p)
		buf_puts(out, "");
}

/* One entry per non-empty line of a cleaned text, bullets removed. */
json_t *import_text_list(const char *clean)
{
	json_t *a = json_array();
	const char *s = clean;

	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s), b;

		b = bullet_len(s, len);
		if (b) {
			s += b;
			len -= b;
			while (len && blank_len(s, len)) {
				size_t bl = blank_len(s, len);
				s += bl;
				len -= bl;
			}
		}
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len)
			json_array_append_new(a, json_stringn(s, len));
		if (!e)
			break;
		s = e + 1;
	}
	return a;
}

/* Base letters of U+00C0..U+00FF ("" for × and ÷). */
static const char *latin1_base[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "y",
};

/* See import_int.h. */
void import_fold(const char *in, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)in;

	buf_reset(out);
	while (*s) {
		unsigned c = *s;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				buf_putc(out, (int)(c - 'A' + 'a'));
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				buf_putc(out, (int)c);
			s++;
			continue;
		}
		if (c == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
			buf_puts(out, latin1_base[s[1] - 0x80]);
			s += 2;
			continue;
		}
		if (c == 0xC5 && (s[1] == 0x92 || s[1] == 0x93)) {
			buf_puts(out, "oe");
			s += 2;
			continue;
		}
		/* Anything else (combining marks U+0300..U+036F included):
		 * skip the lead byte and its continuation bytes. */
		s++;
		while ((*s & 0xC0) == 0x80)
			s++;
	}
	if (!out->p)
		buf_puts(out, "");
}

/* Sets obj[key] to v, taking the reference. */
static void set_new(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v);
}

/* See import_int.h. */
void import_set_strn(json_t *obj, const char *key, const char *s, size_t n)
{
	json_t *v = json_stringn(s, n);
	/* json_stringn refuses invalid UTF-8: the importers validate their
	 * input beforehand, so this only guards against a bug. */
	json_object_set_new(obj, key, v ? v : json_string(""));
}

/* Sets obj[key] to the C string s. */
void import_set_str(json_t *obj, const char *key, const char *s)
{
	import_set_strn(obj, key, s, strlen(s));
}

/* New object whose members are the six access routes, all set to v. */
static json_t *routes(json_t *v)
{
	static const char *k[] = { "student", "apprenticeship", "continuing",
		"professionalisation", "individual", "vae" };
	json_t *o = json_object();
	for (int i = 0; i < 6; i++)
		json_object_set(o, k[i], v);
	json_decref(v);
	return o;
}

/* The empty catalogue document, member order as in the schema. */
json_t *import_doc_new(void)
{
	json_t *d = json_object(), *o;

	set_new(d, "code", json_string(""));
	set_new(d, "kind", json_string(""));
	set_new(d, "rncp", json_string(""));
	set_new(d, "identifier", json_string(""));
	set_new(d, "cqpm_number", json_string(""));
	set_new(d, "history_numbers", json_array());
	set_new(d, "title", json_string(""));
	o = json_object();
	set_new(o, "code", json_string(""));
	set_new(o, "label", json_string(""));
	set_new(d, "abbreviation", o);
	set_new(d, "status", json_string(""));
	set_new(d, "draft", json_false());
	set_new(d, "level", json_string(""));
	set_new(d, "level_label", json_string(""));
	set_new(d, "certifiers", json_array());
	set_new(d, "signatory", json_string(""));
	set_new(d, "conventions", json_array());
	set_new(d, "nsf", json_array());
	set_new(d, "formacode", json_array());
	set_new(d, "rome", json_array());
	set_new(d, "summary", json_string(""));
	o = json_object();
	set_new(o, "mission", json_string(""));
	set_new(o, "activities", json_array());
	set_new(o, "environment", json_string(""));
	set_new(o, "interactions", json_string(""));
	set_new(d, "activity_referential", o);
	set_new(d, "capacities", json_array());
	set_new(d, "sectors", json_string(""));
	set_new(d, "jobs", json_array());
	set_new(d, "components_description", json_string(""));
	set_new(d, "admission_conditions", json_string(""));
	set_new(d, "access_routes", routes(json_null()));
	set_new(d, "jury_composition", routes(json_string("")));
	o = json_object();
	set_new(o, "nouvelle_caledonie", json_null());
	set_new(o, "polynesie_francaise", json_null());
	set_new(d, "overseas", o);
	o = json_object();
	set_new(o, "basis", json_array());
	set_new(o, "registration_type", json_string(""));
	set_new(o, "decision_date", json_string(""));
	set_new(o, "registration_start", json_string(""));
	set_new(o, "registration_end", json_string(""));
	set_new(o, "effective_date", json_string(""));
	set_new(o, "publication_date", json_string(""));
	set_new(o, "delivery_deadline", json_string(""));
	set_new(d, "legal", o);
	set_new(d, "acquired_validity", json_string(""));
	set_new(d, "deliveries_per_year", json_null());
	set_new(d, "category", json_string(""));
	set_new(d, "on_cqpi_list", json_null());
	set_new(d, "previous", json_array());
	set_new(d, "next", json_array());
	set_new(d, "blocks", json_array());
	set_new(d, "competences", json_array());
	set_new(d, "sources", json_array());
	set_new(d, "notes", json_string(""));
	return d;
}

/* The empty block (blocks[] entry of the schema). */
json_t *import_block_new(void)
{
	json_t *b = json_object();

	set_new(b, "code", json_string(""));
	set_new(b, "bdc", json_string(""));
	set_new(b, "number", json_null());
	set_new(b, "title", json_string(""));
	set_new(b, "description", json_string(""));
	set_new(b, "evaluation_text", json_string(""));
	set_new(b, "competences_text", json_string(""));
	set_new(b, "modalities", json_array());
	set_new(b, "company_opinion", json_null());
	set_new(b, "competences", json_array());
	return b;
}

/* Number after the last "BC" of a block code, e.g. RNCP40792BC01 → 1. */
long import_block_number(const char *code)
{
	const char *p = NULL, *s;
	long v = 0;

	for (s = code; (s = strstr(s, "BC")) != NULL; s += 2)
		p = s + 2;
	if (!p || !*p || strlen(p) > 6)
		return -1;
	for (s = p; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* "RNCP<digits>" or "RS<digits>", 1 to 9 digits. */
int import_fiche_number(const char *s, const char **kind)
{
	size_t p, k;

	if (!strncmp(s, "RNCP", 4)) {
		p = 4;
		*kind = "RNCP";
	} else if (!strncmp(s, "RS", 2)) {
		p = 2;
		*kind = "RS";
	} else {
		return 0;
	}
	for (k = p; s[k]; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	return k > p && k - p <= 9;
}

/* "Oui" / "Non", case and surrounding blanks ignored. */
int import_yes_no(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		     s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n == 3 && !strncasecmp(s, "oui", 3))
		return 1;
	if (n == 3 && !strncasecmp(s, "non", 3))
		return 0;
	return -1;
}
