/*
** Shared by the documents of the jury (jurydoc.c, certificate.c,
** letter.c, minutes.c): opening and closing a document, dates in words,
** the blocks every letter has (letterhead, addressee, place and date,
** signature).
*/
#ifndef CQPM_DOC_JURYDOC_INT_H
#define CQPM_DOC_JURYDOC_INT_H
#include "doc/jurydoc.h"
#include "util/buf.h"

#define JD_DATE_WORDS 40   /* "1er septembre 2026" */
#define JD_NBUF 4

struct jd {
	struct pdf_doc *d;
	const struct jurydoc_opts *o;
	struct buf b[JD_NBUF];      /* scratch */
	char stamp[40];
};

/* Sets *o->error to msg and returns JURYDOC_EINVAL. */
int jd_fail(const struct jurydoc_opts *o, const char *msg);
/* Checks the options (write, date); JURYDOC_EINVAL or 0. */
int jd_opts_check(const struct jurydoc_opts *o);

struct jd_open {
	const char *title, *subject, *author;
	int landscape, plain;
	const char *header_left, *header_right, *footer_left;
};
/* Opens the document; 0, or JURYDOC_EIO (x released). */
int jd_begin(struct jd *x, const struct jurydoc_opts *o, const struct jd_open *p);
/* Opens a letter (no running header nor footer) of the centre, titled
** title with subject (a rule id), and draws the centre's letterhead;
** 0, or JURYDOC_EIO. */
int jd_letter_begin(struct jd *x, const struct jurydoc_opts *o, const json_t *centre,
	const char *title, const char *subject);
/* Closes it: its number of pages, or JURYDOC_EIO. Releases x. */
int jd_end(struct jd *x);

/* "15 décembre 2026", "1er mars 2027"; iso itself when not a date. */
const char *jd_date_words(const char *iso, char out[JD_DATE_WORDS]);
/* a when not empty, else b. */
const char *jd_or(const char *a, const char *b);

/* The centre's letterhead image, or its name, address and mail in text. */
void jd_letterhead(struct jd *x, const json_t *centre);
/* The addressee's block, on the right half (lines separated by "\n"). */
void jd_addressee(struct jd *x, const char *lines);
/* « À place, le date » on the right. */
void jd_place_date(struct jd *x, const char *place, const char *iso);
/* « Objet : … » in bold. */
void jd_subject(struct jd *x, const char *subject);
/* The signatory's block on the right: quality, name, signature image. */
void jd_signature(struct jd *x, const char *quality, const char *name, int image);
/* The town documents are made at: the jury's place, else the centre's city. */
const char *jd_town(const json_t *jury);
/* A list of lines as a paragraph with a dash before each. */
void jd_bullets(struct jd *x, const char *const *items, size_t n);

#endif
