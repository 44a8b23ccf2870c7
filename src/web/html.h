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

/* Dates, in French. h_date: "2017-04-21" → "21/04/2017". h_datetime: a
** UTC timestamp "2026-11-21T07:52:18Z" → "21/11/2026 à 08:52" in the
** server's local time (a plain date as h_date). Anything else is written
** as it is (escaped). */
void h_date(struct buf *b, const char *iso);
void h_datetime(struct buf *b, const char *iso);
/* "1 fiche lue", "0 mise à jour", "3 fiches lues": French agreement (0 and
** 1 take the singular); one and many are escaped. */
void h_count(struct buf *b, int64_t n, const char *one, const char *many);
/* A label in capitals ("NIVEAU 5") as a sentence ("Niveau 5"): the first
** letter kept, the others in lower case (ASCII and Latin-1 letters of
** UTF-8, "É" → "é"); escaped. */
void h_sentence(struct buf *b, const char *s);

#endif
