/*
** French typography for printed documents: see typo.h.
**
** The text is decoded into code points (repairing what is not UTF-8),
** rewritten, and encoded again.
*/
#include "doc/typo.h"
#include "util/xalloc.h"
#include <stdint.h>
#include <stdlib.h>

#define NBSP  0xA0u
#define NNBSP 0x202Fu
#define THIN  0x2009u
#define APOS  0x2019u
#define LAQUO 0xABu
#define RAQUO 0xBBu
#define BAD   0xFFFDu

/* One code point from s[0..n) into *cp; returns the bytes read (at least
** 1). Malformed sequences, overlong forms, surrogates and values beyond
** U+10FFFF read as U+FFFD, one byte at a time. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = BAD;
		return 1;
	}
	if (len > n) {
		*cp = BAD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = BAD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = BAD;
		return 1;
	}
	*cp = c;
	return len;
}

static int utf8_put(struct buf *out, uint32_t c)
{
	unsigned char b[4];
	size_t n;
	if (c < 0x80) {
		b[0] = (unsigned char)c; n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | (c >> 6));
		b[1] = (unsigned char)(0x80 | (c & 0x3F)); n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (c >> 12));
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F)); n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (c >> 18));
		b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (c & 0x3F)); n = 4;
	}
	return buf_add(out, b, n);
}

/* The code points of s, made safe: controls other than LF become spaces
** (a tab too), C1 controls and U+FFFE/U+FFFF become U+FFFD. *np gets the
** count; the caller frees the array. */
static uint32_t *decode_clean(const char *s, size_t n, size_t *np)
{
	uint32_t *v = xmalloc((n + 1) * sizeof *v);
	size_t i = 0, k = 0;
	while (i < n) {
		uint32_t c;
		i += utf8_decode((const unsigned char *)s + i, n - i, &c);
		if ((c < 0x20 && c != '\n') || c == 0x7F)
			c = ' ';
		else if ((c >= 0x80 && c < 0xA0) || c == 0xFFFE || c == 0xFFFF)
			c = BAD;
		v[k++] = c;
	}
	*np = k;
	return v;
}

int typo_clean(struct buf *out, const char *s, size_t n)
{
	size_t k, i;
	uint32_t *v = decode_clean(s, n, &k);
	int rc = 0;
	for (i = 0; i < k && !rc; i++)
		rc = utf8_put(out, v[i]);
	free(v);
	return rc;
}

static int is_hspace(uint32_t c)
{
	return c == ' ' || c == NBSP || c == NNBSP || c == THIN;
}

static int is_letter(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	/* Latin-1 letters and every script above, except the punctuation,
	** symbol and space blocks */
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) &&
	       !(c >= 0x3000 && c <= 0x303F) && c != BAD;
}

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Signs preceded by a space in French: ; ! ? : */
static int is_high_sign(uint32_t c)
{
	return c == ';' || c == '!' || c == '?' || c == ':';
}

/* What may follow a sign that ends a word. */
static int ends_word(uint32_t next)
{
	return next == 0 || next == '\n' || is_hspace(next) || is_high_sign(next) ||
	       next == RAQUO || next == ')' || next == ']' || next == '"' || next == ',' ||
	       next == '.';
}

int typo_fr(struct buf *out, const char *s, size_t n)
{
	size_t k, i, no = 0;
	uint32_t *v = decode_clean(s, n, &k);
	/* at most one space added per code point */
	uint32_t *o = xmalloc((2 * k + 1) * sizeof *o);
	int rc = 0;

	for (i = 0; i < k; i++) {
		uint32_t c = v[i], prev, next = i + 1 < k ? v[i + 1] : 0;
		int spaced = 0;

		if (c == '\'' && no && is_letter(o[no - 1]) && is_letter(next)) {
			o[no++] = APOS;
		} else if (is_high_sign(c)) {
			uint32_t nb = c == ':' ? NBSP : NNBSP;
			while (no && is_hspace(o[no - 1])) {
				no--;
				spaced = 1;
			}
			prev = no ? o[no - 1] : 0;
			if (spaced) {
				if (prev && prev != '\n')
					o[no++] = nb;
			} else if (prev && prev != '\n' && !is_high_sign(prev) && prev != '(' &&
				   prev != '[' && prev != LAQUO && ends_word(next) &&
				   !(c == ':' && is_digit(prev) && is_digit(next))) {
				o[no++] = nb;
			}
			o[no++] = c;
		} else if (c == LAQUO) {
			size_t j = i + 1;
			o[no++] = c;
			while (j < k && is_hspace(v[j]))
				j++;
			if (j < k && v[j] != '\n')
				o[no++] = NBSP;
			i = j - 1;
		} else if (c == RAQUO) {
			while (no && is_hspace(o[no - 1]))
				no--;
			if (no && o[no - 1] != '\n' && o[no - 1] != LAQUO)
				o[no++] = NBSP;
			o[no++] = c;
		} else {
			o[no++] = c;
		}
	}
	for (i = 0; i < no && !rc; i++)
		rc = utf8_put(out, o[i]);
	free(o);
	free(v);
	return rc;
}
