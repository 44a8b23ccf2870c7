/*
** Rule-check results (see rules.h).
*/
#include "core/rules.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Cuts s (NUL-terminated, at most n-1 bytes kept) so that it does not end
** inside a UTF-8 sequence: an incomplete last sequence is dropped. */
static void utf8_trim_tail(char *s)
{
	size_t len = strlen(s), lead, need;
	unsigned char c;

	if (!len)
		return;
	lead = len;
	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)s[lead - 1];
	if (c < 0x80)
		return;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (len - (lead - 1) < need)
		s[lead - 1] = '\0';
}

/* Copies src into dst[n], always terminated, cut on a UTF-8 boundary. */
static void copy_cut(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
	utf8_trim_tail(dst);
}

/* Empties the three strings of err. */
void rule_error_clear(struct rule_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

/* Fills err (see rules.h) and returns -1. */
int rule_fail(struct rule_error *err, const char *rule, const char *field,
	const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return -1;
	copy_cut(err->rule, sizeof err->rule, rule);
	copy_cut(err->field, sizeof err->field, field);
	va_start(ap, fmt);
	n = vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	if (n < 0)
		err->message[0] = '\0';
	else if ((size_t)n >= sizeof err->message)
		utf8_trim_tail(err->message);
	return -1;
}

int code_lookup(const char *const (*tab)[2], int n, const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(tab[i][0], code))
			return i;
	return -1;
}

int code_in_list(const char *list, const char *code)
{
	size_t n = code ? strlen(code) : 0;
	const char *p = list;

	if (!n || !list)
		return 0;
	while ((p = strstr(p, code))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return 1;
		p += n;
	}
	return 0;
}
