/*
** A small layout engine for A4 documents printed by cqpm (the synthesis
** of evaluations, certificates, letters, jury minutes), over cairo and
** pango.
**
** A document is a flow of blocks — headings, paragraphs, key–value rows,
** tables — laid out top to bottom between fixed margins, broken into
** pages as needed: a paragraph or a table row that does not fit is split
** between lines (never fewer than two lines left at the bottom of a page
** or carried over to the next one when it can be helped), a heading is
** kept with what follows it, and a table repeats its header row at the
** top of each page it continues on. Every page gets the section's header
** and footer, the footer ending with "page N / M".
**
** Output streams through the caller's write function as cairo produces
** it: no temporary file. Pages are laid out as the blocks come and drawn
** when their section ends (the total M of "page N / M" is known then), so
** memory holds one section's layouts, not the whole document's.
**
** The text of every block goes through typo_fr() (French typography, see
** typo.h) unless PDF_RAW is asked, and is made safe whatever it holds
** (bad UTF-8, controls, length: PDF_MAX_TEXT bytes, beyond which it is
** cut with "…"). The font is fixed (DejaVu Sans, packaged with full
** French coverage), and the creation date comes from the caller, so that
** the same input gives the same bytes.
**
** Errors are sticky: once writing failed or cairo reported an error, the
** following calls do nothing and pdf_close() returns -1.
*/
#ifndef CQPM_DOC_PDF_H
#define CQPM_DOC_PDF_H
#include "util/buf.h"
#include <stddef.h>

#define PDF_FONT_FAMILY "DejaVu Sans"
#define PDF_A4_WIDTH  595.2756   /* points: 210 mm */
#define PDF_A4_HEIGHT 841.8898   /* 297 mm */
#define PDF_MAX_TEXT  (64 * 1024)
#define PDF_MAX_COLS  10
#define PDF_IMAGE_MAX (4 * 1024 * 1024)   /* bytes of a PNG */
#define PDF_IMAGE_MAX_PIXELS 4000         /* width or height of a PNG */
#define PDF_QR_MAX_TEXT 512               /* bytes encoded in a QR code */

/* Receives the next len bytes of the PDF; returns 0, or -1 to abort. */
typedef int (*pdf_write_fn)(void *arg, const unsigned char *data, size_t len);

/* Appends to the struct buf *arg (its cap applies): for a web response. */
int pdf_write_buf(void *arg, const unsigned char *data, size_t len);

struct pdf_meta {
	const char *title;        /* document information; NULL or "" omits */
	const char *author;
	const char *subject;
	const char *creator;      /* default "cqpm" */
	/* ISO 8601 "YYYY-MM-DDThh:mm:ss" with an optional "Z" or ±hh:mm: the
	** caller's clock, so that output is reproducible. NULL (or not in
	** that form): cairo writes the time of the run. */
	const char *create_date;
	/* the first section's running texts (pdf_section changes them) */
	const char *header_left, *header_right, *footer_left;
	int landscape;            /* A4 landscape (wide tables: the minutes) */
	/* no running texts nor page numbers, narrower top and bottom margins:
	** certificates and letters */
	int plain;
};

/* Text styles. */
enum pdf_style {
	PDF_BODY,      /* 9.5 pt */
	PDF_SMALL,     /* 8 pt */
	PDF_BOLD,
	PDF_ITALIC,
	PDF_TITLE,     /* the document's title, 17 pt bold */
	PDF_H1,        /* 12.5 pt bold, rule under */
	PDF_H2,        /* 11 pt bold */
	PDF_H3,        /* 9.5 pt bold */
	PDF__STYLES
};

/* Or'ed with a style: the text is laid out as given (codes, numbers). */
#define PDF_RAW 0x100
/* Or'ed with a style: centred. Also the alignment of images and QR codes. */
#define PDF_CENTER 0x200
/* Or'ed with a style: right-aligned (a letter's date). Also the
** alignment of images and QR codes. */
#define PDF_RIGHT 0x1000

struct pdf_doc;

/* A new document written through write(arg, …); NULL only when memory or
** cairo fail at once. */
struct pdf_doc *pdf_open(pdf_write_fn write, void *arg, const struct pdf_meta *m);

/* Ends the document: draws the pending pages, finishes the PDF. Returns 0,
** or -1 if anything failed on the way (nothing usable was written).
** Frees d. */
int pdf_close(struct pdf_doc *d);

/* A heading (PDF_TITLE, PDF_H1, PDF_H2 or PDF_H3), kept with the next
** lines. */
void pdf_heading(struct pdf_doc *d, int style, const char *text);
/* A paragraph (any style), wrapped to the text width; "\n" breaks lines. */
void pdf_paragraph(struct pdf_doc *d, int style, const char *text);
/* Vertical space, in points (none at the top of a page). */
void pdf_space(struct pdf_doc *d, double pt);
/* Starts a new page (nothing if the current one is still empty). */
void pdf_page_break(struct pdf_doc *d);

/*
** Key–value rows: consecutive calls form one two-column table, the key in
** bold on a tinted column of key_width (fraction of the text width; 0:
** 0.3). A value may be long: the row is split across pages like a
** paragraph. Any other block ends the table.
*/
void pdf_kv(struct pdf_doc *d, const char *key, const char *value);
void pdf_kv_width(struct pdf_doc *d, double key_width);

/*
** A table of ncols columns (1..PDF_MAX_COLS); widths are fractions of the
** text width (NULL: equal columns) and head the header row's texts (NULL:
** no header). Rows follow with pdf_table_row (ncols cells, NULL = empty);
** pdf_table_end ends it. On each page the table continues on, its header
** row is drawn again.
*/
void pdf_table_begin(struct pdf_doc *d, int ncols, const double *widths,
	const char *const *head);
void pdf_table_row(struct pdf_doc *d, const char *const *cells);
/* The same with a style per cell (NULL: PDF_BODY everywhere). */
void pdf_table_row_styled(struct pdf_doc *d, const char *const *cells, const int *styles);
void pdf_table_end(struct pdf_doc *d);

/*
** Ends the current section and starts another whose pages are numbered
** from 1 with their own running texts (NULL keeps the current one): one
** candidate's synthesis in a jury's batch, one letter in a mailing. The
** new section begins on a new page.
*/
void pdf_section(struct pdf_doc *d, const char *header_left,
	const char *header_right, const char *footer_left);

/* The current table draws neither rules nor a tinted header: text in
** columns (two signature blocks side by side, an address block). Call it
** after pdf_table_begin. */
void pdf_table_plain(struct pdf_doc *d);

/*
** A PNG image (a letterhead, a signature) of png[0..len), scaled to fit
** max_w × max_h points (0: the text width, the body height) keeping its
** proportions, placed in the flow and aligned by align (0, PDF_CENTER or
** PDF_RIGHT). Returns 0, or -1 when the bytes are not a PNG cairo can
** read, or larger than PDF_IMAGE_MAX bytes or PDF_IMAGE_MAX_PIXELS
** pixels wide or high (checked before decoding): nothing is placed, the
** document goes on.
*/
int pdf_image(struct pdf_doc *d, const unsigned char *png, size_t len,
	double max_w, double max_h, int align);

/*
** A QR code of text (1..PDF_QR_MAX_TEXT bytes, level M) size points
** square including its quiet zone (0: 72), drawn as vector squares, placed
** in the flow and aligned by align. Returns 0, or -1 (nothing placed) when
** text cannot be encoded.
*/
int pdf_qr(struct pdf_doc *d, const char *text, double size, int align);

/* Width of the text column, in points (depends on the orientation). */
double pdf_text_width(const struct pdf_doc *d);
/* Points left for blocks on the current page after the pending space
** (ends a table in progress). */
double pdf_remaining(struct pdf_doc *d);
/* Height text would take as a paragraph of style, in points. With
** pdf_remaining and pdf_space a block is put at the foot of a page. */
double pdf_text_height(struct pdf_doc *d, int style, const char *text);

/* Pages drawn so far, and pages of the current section laid out so far. */
int pdf_pages_done(const struct pdf_doc *d);
int pdf_section_pages(const struct pdf_doc *d);
/* 1 once something failed. */
int pdf_failed(const struct pdf_doc *d);

/*
** At the end of a process that laid out documents, once no other thread
** does: frees the calling thread's font map. The caches cairo and
** fontconfig keep for the life of the process stay until its end (see
** pdf.c). Nothing of this module may be used afterwards.
*/
void pdf_cleanup(void);

#endif
