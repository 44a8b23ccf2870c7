/*
** HTML builder that escapes by default (see html.h).
*/
#include "web/html.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
