/*
** An HTML builder that escapes by default (cgit's html_txt/html_attr).
**
** h_fmt() is a small printf whose %s ESCAPES its argument for HTML text
** and attribute values. Markup written by the program itself goes in the
** format string or through %r, which must only ever receive literals or
** the output of another h_* call — never request or database data.
**
**   %s  text or attribute value, HTML-escaped (NULL prints nothing)
**   %u  URL component, percent-encoded (then safe in an attribute)
**   %d  int      %I  int64_t
**   %r  raw trusted markup
**   %%  a percent sign
*/
#ifndef CQPM_HTML_H
#define CQPM_HTML_H
#include "util/buf.h"
#include <stdint.h>

void h_fmt(struct buf *b, const char *fmt, ...);
void h_text(struct buf *b, const char *s);   /* escaped */
void h_url(struct buf *b, const char *s);    /* percent-encoded */
/* Escaped text with paragraphs: blank lines start a new <p>, single
** newlines become <br>. */
void h_paragraphs(struct buf *b, const char *s);

#endif
