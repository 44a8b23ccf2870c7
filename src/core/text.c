/*
** UTF-8 validation and search folding (see text.h).
*/
#include "core/text.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <stdint.h>
#include <string.h>

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		uint32_t cp;
		int len;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return 0;
			if (c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
		else return 0;
		if (i + (size_t)len > n)
			return 0;
		for (int k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += (size_t)len;
	}
	return 1;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Folding of the two-byte Latin-1 supplement and Latin Extended-A letters
** that French uses; anything else outside ASCII is kept as it is. */
static const char *fold2(unsigned c1, unsigned c2)
{
	unsigned cp = ((c1 & 0x1f) << 6) | (c2 & 0x3f);
	switch (cp) {
	case 0xc0: case 0xc1: case 0xc2: case 0xc3: case 0xc4: case 0xc5:
	case 0xe0: case 0xe1: case 0xe2: case 0xe3: case 0xe4: case 0xe5:
		return "a";
	case 0xc6: case 0xe6: return "ae";
	case 0xc7: case 0xe7: return "c";
	case 0xc8: case 0xc9: case 0xca: case 0xcb:
	case 0xe8: case 0xe9: case 0xea: case 0xeb:
		return "e";
	case 0xcc: case 0xcd: case 0xce: case 0xcf:
	case 0xec: case 0xed: case 0xee: case 0xef:
		return "i";
	case 0xd1: case 0xf1: return "n";
	case 0xd2: case 0xd3: case 0xd4: case 0xd5: case 0xd6:
	case 0xf2: case 0xf3: case 0xf4: case 0xf5: case 0xf6:
		return "o";
	case 0xd9: case 0xda: case 0xdb: case 0xdc:
	case 0xf9: case 0xfa: case 0xfb: case 0xfc:
		return "u";
	case 0xdd: case 0xfd: case 0xff: case 0x178: return "y";
	case 0x152: case 0x153: return "oe";
	case 0xab: case 0xbb: case 0xa0: return " ";
	default: return NULL;
	}
}

int text_fold(struct buf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int space = 1; /* suppress leading space */

	for (size_t i = 0; s[i];) {
		unsigned c = s[i];
		const char *rep = NULL;
		char one[2] = { 0, 0 };
		size_t adv = 1;

		if (c < 0x80) {
			if (isalnum(c)) {
				one[0] = (char)tolower(c);
				rep = one;
			} else {
				rep = " ";
			}
		} else if ((c & 0xe0) == 0xc0 && s[i + 1]) {
			rep = fold2(c, s[i + 1]);
			adv = 2;
			if (!rep) {
				if (buf_add(out, s + i, 2))
					return -1;
				space = 0;
				i += 2;
				continue;
			}
		} else {
			/* copy the whole sequence as is */
			adv = (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
			for (size_t k = 1; k < adv; k++)
				if (!s[i + k]) { adv = k; break; }
			if (buf_add(out, s + i, adv))
				return -1;
			space = 0;
			i += adv;
			continue;
		}
		if (rep[0] == ' ') {
			if (!space && buf_putc(out, ' '))
				return -1;
			space = 1;
		} else {
			if (buf_puts(out, rep))
				return -1;
			space = 0;
		}
		i += adv;
	}
	if (out->len && out->p[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
	return out->overflow ? -1 : 0;
}

char *text_trim_dup(const char *s)
{
	const char *e;
	if (!s)
		return xstrdup("");
	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}
