/*
** Documents attached to a candidate (see document.h).
*/
#include "core/document.h"
#include "core/rules.h"
#include "core/text.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const types[DOC_TYPE__MAX][2] = {
	[DOC_IDENTITY] = { "identity", "Pièce d'identité" },
	[DOC_REPORT] = { "report", "Rapport / dossier de présentation de projet" },
	[DOC_LIVRET2] = { "livret2", "Livret 2 — dossier de preuves VAE" },
	[DOC_COMPANY_OPINION] = { "company_opinion", "Avis de l'entreprise signé" },
	[DOC_DOSSIER] = { "dossier", "Dossier d'évaluation signé" },
	[DOC_OTHER] = { "other", "Autre document" },
};

const char *doc_type_code(enum doc_type t)
{
	return (unsigned)t < DOC_TYPE__MAX ? types[t][0] : NULL;
}

const char *doc_type_label(enum doc_type t)
{
	return (unsigned)t < DOC_TYPE__MAX ? types[t][1] : NULL;
}

int doc_type_from_code(const char *code)
{
	return code_lookup(types, DOC_TYPE__MAX, code);
}

const char *doc_type_codes_text(void)
{
	return "identity (pièce d'identité), report (rapport), livret2 (livret 2 VAE), "
		"company_opinion (avis de l'entreprise), dossier (dossier d'évaluation) ou other";
}

static const struct {
	const char *mime, *label;
	const char *ext[3];   /* the first is the one appended */
} formats[DOC_FORMAT__MAX] = {
	[DOC_PDF] = { "application/pdf", "PDF", { ".pdf", NULL, NULL } },
	[DOC_JPEG] = { "image/jpeg", "JPEG", { ".jpg", ".jpeg", ".jpe" } },
	[DOC_PNG] = { "image/png", "PNG", { ".png", NULL, NULL } },
};

int doc_format_sniff(const unsigned char *p, size_t n)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (!p)
		return -1;
	/* ISO 32000: a PDF begins with its header "%PDF-" */
	if (n >= 5 && !memcmp(p, "%PDF-", 5))
		return DOC_PDF;
	/* JPEG: start of image, then a marker */
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return DOC_JPEG;
	if (n >= 8 && !memcmp(p, png, 8))
		return DOC_PNG;
	return -1;
}

const char *doc_format_mime(enum doc_format f)
{
	return (unsigned)f < DOC_FORMAT__MAX ? formats[f].mime : "application/octet-stream";
}

const char *doc_format_label(enum doc_format f)
{
	return (unsigned)f < DOC_FORMAT__MAX ? formats[f].label : "";
}

const char *doc_format_ext(enum doc_format f)
{
	return (unsigned)f < DOC_FORMAT__MAX ? formats[f].ext[0] : "";
}

int doc_format_from_mime(const char *mime)
{
	for (int i = 0; mime && i < DOC_FORMAT__MAX; i++)
		if (!strcmp(formats[i].mime, mime))
			return i;
	return -1;
}

void doc_size_text(long long bytes, char *out, size_t outsz)
{
	const char *unit = "Ko";
	long long tenths;

	if (bytes < 1024) {
		snprintf(out, outsz, "%lld octet%s", bytes, bytes > 1 ? "s" : "");
		return;
	}
	tenths = (bytes * 10 + 512) / 1024;
	if (tenths >= 10240) {
		unit = "Mo";
		tenths = (bytes * 10 + 524288) / 1048576;
	}
	if (tenths >= 1000 || tenths % 10 == 0)
		snprintf(out, outsz, "%lld %s", (tenths + 5) / 10, unit);
	else
		snprintf(out, outsz, "%lld,%lld %s", tenths / 10, tenths % 10, unit);
}

/* Decodes one UTF-8 sequence at s (n bytes left): its length, and the code
** point in *cp; 0 when the bytes are not a well-formed sequence. */
static int utf8_one(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	int len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) { len = 2; v = c & 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { len = 3; v = c & 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { len = 4; v = c & 0x07; }
	else return 0;
	if ((size_t)len > n)
		return 0;
	for (int k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return len;
}

/* Characters a file name never keeps: controls (C0, DEL, C1), the line and
** paragraph separators, the bidirectional controls that show
** "rapport<U+202E>fdp.exe" as "rapportexe.pdf", and the byte-order mark. */
static int forbidden_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		(cp >= 0x200e && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
		(cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* Length of the longest prefix of s[0..n) that is at most max bytes and
** ends on a character boundary (s is valid UTF-8). */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* 1 if name ends with one of f's extensions (any case). */
static int has_ext(const char *name, size_t n, enum doc_format f)
{
	for (int i = 0; i < 3 && formats[f].ext[i]; i++) {
		size_t e = strlen(formats[f].ext[i]);
		if (n > e && !strcasecmp(name + n - e, formats[f].ext[i]))
			return 1;
	}
	return 0;
}

void doc_name_with_ext(const char *name, enum doc_format f, char *out, size_t outsz)
{
	size_t n = strlen(name), cap = outsz - 1 < DOC_NAME_MAX ? outsz - 1 : DOC_NAME_MAX;
	const char *ext;
	size_t e, keep;

	if ((unsigned)f >= DOC_FORMAT__MAX) {
		snprintf(out, outsz, "%.*s", (int)utf8_cut(name, n, cap), name);
		return;
	}
	if (has_ext(name, n, f)) {
		/* keep the extension it has; cut the stem if need be */
		const char *dot = strrchr(name, '.');
		e = strlen(dot);
		if (n <= cap) {
			snprintf(out, outsz, "%s", name);
			return;
		}
		keep = utf8_cut(name, n - e, cap - e);
		snprintf(out, outsz, "%.*s%s", (int)keep, name, dot);
		return;
	}
	ext = formats[f].ext[0];
	e = strlen(ext);
	keep = utf8_cut(name, n, cap - e);
	snprintf(out, outsz, "%.*s%s", (int)keep, name, ext);
}

void doc_name_sanitise(const char *raw, enum doc_format f, char *out, size_t outsz)
{
	char clean[4 * DOC_NAME_MAX + 8];
	const unsigned char *s;
	size_t n, o = 0, start, end;

	if (!raw)
		raw = "";
	/* the last component of a path, whichever the separator */
	for (const char *p = raw; *p; p++)
		if (*p == '/' || *p == '\\')
			raw = p + 1;
	s = (const unsigned char *)raw;
	n = strlen(raw);
	for (size_t i = 0; i < n && o + 4 < sizeof clean;) {
		uint32_t cp;
		int len = utf8_one(s + i, n - i, &cp);
		if (len == 0) {          /* not UTF-8 */
			clean[o++] = '_';
			i++;
		} else if (forbidden_cp(cp)) {
			clean[o++] = '_';
			i += (size_t)len;
		} else {
			memcpy(clean + o, s + i, (size_t)len);
			o += (size_t)len;
			i += (size_t)len;
		}
	}
	clean[o] = '\0';
	/* no hidden file, no "..", no name a system would trim */
	start = 0;
	while (clean[start] == '.' || clean[start] == ' ')
		start++;
	end = o;
	while (end > start && (clean[end - 1] == '.' || clean[end - 1] == ' '))
		end--;
	clean[end] = '\0';
	if (start == end)
		snprintf(clean, sizeof clean, "document");
	else
		memmove(clean, clean + start, end - start + 1);
	/* at most DOC_NAME_MAX bytes before the extension is seen to */
	clean[utf8_cut(clean, strlen(clean), sizeof clean - 1)] = '\0';
	doc_name_with_ext(clean, f, out, outsz);
}

const char *doc_name_check(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n;

	if (!name || !*name)
		return "le nom est vide";
	n = strlen(name);
	if (n > DOC_NAME_MAX)
		return "200 octets au plus";
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = utf8_one(s + i, n - i, &cp);
		if (len == 0)
			return "texte invalide (UTF-8 mal formé)";
		if (forbidden_cp(cp))
			return "le nom ne doit contenir ni caractère de contrôle ni retour à la ligne";
		if (cp == '/' || cp == '\\')
			return "le nom d'un document ne doit contenir ni « / » ni « \\ »";
		i += (size_t)len;
	}
	if (name[0] == '.' || name[0] == ' ' || name[n - 1] == ' ' || name[n - 1] == '.')
		return "le nom ne doit commencer ni par un point ni par une espace, ni finir par l'un d'eux";
	return NULL;
}
