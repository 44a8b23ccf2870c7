/*
** HTML builder that escapes by default (see html.h).
*/
#include "web/html.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void h_text(struct buf *b, const char *s)
{
	const char *run;
	if (!s)
		return;
	for (run = s; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void h_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_add(b, e, 3);
		}
	}
}

void h_paragraphs(struct buf *b, const char *s)
{
	const char *p = s, *nl;
	if (!s || !*s)
		return;
	buf_puts(b, "<p>");
	while ((nl = strchr(p, '\n'))) {
		char *line = NULL;
		size_t n = (size_t)(nl - p);
		line = strndup(p, n);
		h_text(b, line);
		free(line);
		if (nl[1] == '\n') {
			buf_puts(b, "</p><p>");
			while (nl[1] == '\n')
				nl++;
		} else {
			buf_puts(b, "<br>");
		}
		p = nl + 1;
	}
	h_text(b, p);
	buf_puts(b, "</p>");
}

void h_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *run = fmt;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		buf_add(b, run, (size_t)(fmt - run));
		fmt++;
		switch (*fmt) {
		case 's': h_text(b, va_arg(ap, const char *)); break;
		case 'u': h_url(b, va_arg(ap, const char *)); break;
		case 'r': buf_puts(b, va_arg(ap, const char *)); break;
		case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'I': buf_printf(b, "%lld", (long long)va_arg(ap, int64_t)); break;
		case '%': buf_putc(b, '%'); break;
		case '\0': fmt--; break;
		default: buf_putc(b, '%'); buf_putc(b, *fmt); break;
		}
		run = fmt + 1;
	}
	buf_add(b, run, (size_t)(fmt - run));
	va_end(ap);
}

/* 1 if s is "YYYY-MM-DD" (digits and dashes only). */
static int is_iso_date(const char *s)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	return 1;
}

void h_date(struct buf *b, const char *iso)
{
	if (iso && strlen(iso) == 10 && is_iso_date(iso)) {
		char fr[11] = { iso[8], iso[9], '/', iso[5], iso[6], '/', iso[0], iso[1],
			iso[2], iso[3], 0 };
		h_text(b, fr);
	} else {
		h_text(b, iso);
	}
}

void h_datetime(struct buf *b, const char *iso)
{
	struct tm tm, lt;
	time_t t;
	char out[48];
	int n = 0;

	if (!iso || strlen(iso) != 20 || !is_iso_date(iso)) {
		h_date(b, iso);
		return;
	}
	memset(&tm, 0, sizeof tm);
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
		&tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 20 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
		h_text(b, iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &lt) ||
	    !strftime(out, sizeof out, "%d/%m/%Y à %H:%M", &lt)) {
		h_text(b, iso);
		return;
	}
	h_text(b, out);
}

void h_count(struct buf *b, int64_t n, const char *one, const char *many)
{
	buf_printf(b, "%lld ", (long long)n);
	h_text(b, n > 1 || n < -1 ? many : one);
}

void h_sentence(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	int first = 1;

	if (!s)
		return;
	for (; *p; p++) {
		if (first) {
			/* the first character, whole (one or more bytes) */
			buf_putc(&t, (char)*p);
			while ((p[1] & 0xC0) == 0x80)
				buf_putc(&t, (char)*++p);
			first = 0;
		} else if (*p >= 'A' && *p <= 'Z') {
			buf_putc(&t, (char)(*p + 32));
		} else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
			/* À…Þ (U+00C0–U+00DE, not ×) → à…þ */
			buf_putc(&t, (char)*p);
			buf_putc(&t, (char)(*++p + 0x20));
		} else {
			buf_putc(&t, (char)*p);
		}
	}
	h_text(b, buf_str(&t));
	buf_release(&t);
}
