/*
** The layout engine of printed documents: see pdf.h.
**
** Blocks are laid out at once into a display list of the current
** section: text items (a range of lines of a pango layout placed on a
** page), fills and rules, each tagged with its page. When the section
** ends, the number of its pages is known: each page's items are drawn,
** then its header and footer, and the page is shown (cairo writes it out
** through the caller's function).
*/
#include "doc/pdf.h"
#include "doc/typo.h"
#include "util/xalloc.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Page geometry, in points. */
/* Page geometry, in points; the page's size and whether it has running
** texts are the document's (pdf_meta: landscape, plain), hence d. */
#define MARGIN_X     (d->landscape ? 42.52 : 56.693)   /* 15 mm, 20 mm */
#define HEADER_TOP   34.0
#define BODY_TOP     (d->body_top)
#define BODY_BOTTOM  (d->body_bottom)
#define FOOTER_TOP   (d->ph - 52.0)
#define TEXT_WIDTH   (d->pw - 2 * MARGIN_X)
#define BODY_HEIGHT  (BODY_BOTTOM - BODY_TOP)
#define PAD_X 4.0
#define PAD_Y 2.5
#define INK 0.08            /* gray of the text */
#define KEY_FILL 0.94
#define HEAD_FILL 0.87
#define GRID 0.55
#define RIGHT 0x400         /* style flags of the running texts: right-aligned, */
#define ONE_LINE 0x800      /* one line, cut with "…" */

struct tb {                 /* a laid-out text and its lines */
	PangoLayout *lay;
	int n;
	double *top, *bot, *base, *x;   /* per line, in the layout, points */
};

enum item_kind { IT_TEXT, IT_FILL, IT_RULE, IT_IMAGE };

struct item {
	enum item_kind kind;
	int page;
	double x, y, w, h;      /* rule: (x,y) to (x+w,y+h); fill: a rectangle */
	size_t tb;              /* text: lines l0..l1-1, line l0's top at y; image: its index */
	int l0, l1;
	double gray, width;
};

struct table {
	int on, ncols, kv;
	int plain;                      /* no rules, no header fill (pdf_table_plain) */
	double x[PDF_MAX_COLS + 1];     /* column edges */
	int has_head;
	int pending;                    /* header laid out, drawn with the first row */
	double head_h;                  /* its height */
	size_t head[PDF_MAX_COLS];      /* the header row's laid-out texts */
};

struct pdf_doc {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *fd[PDF__STYLES];
	pdf_write_fn write;
	void *warg;
	int failed;
	double y;           /* where the next block goes on the current page */
	double space;       /* vertical space asked before the next block */
	int page;           /* current page of the section, from 0 */
	int fresh;          /* nothing on the current page but a table header */
	int done;           /* pages shown */
	struct tb *tbs;
	size_t ntb, captb;
	struct item *it;
	size_t nit, capit;
	char *run[3];       /* header left, header right, footer left */
	struct table t;
	double kv_key;
	struct buf tmp;
	double pw, ph;      /* page size */
	double body_top, body_bottom;
	int landscape, plain;
	cairo_surface_t **imgs;   /* images of the section (IT_IMAGE) */
	size_t nimg, capimg;
};

/* Text ---------------------------------------------------------------------- */

/* The text to lay out for text under style flags into d->tmp. */
static const char *prep_text(struct pdf_doc *d, int flags, const char *text, size_t *len)
{
	size_t n = text ? strlen(text) : 0;
	int cut = 0;

	buf_reset(&d->tmp);
	if (n > PDF_MAX_TEXT) {
		n = PDF_MAX_TEXT;
		while (n && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	if (flags & PDF_RAW)
		typo_clean(&d->tmp, text ? text : "", n);
	else
		typo_fr(&d->tmp, text ? text : "", n);
	if (cut)
		buf_puts(&d->tmp, "\xe2\x80\xa6");
	*len = d->tmp.len;
	return buf_str(&d->tmp);
}

static int style_of(int flags)
{
	int s = flags & 0xff;
	return s >= 0 && s < PDF__STYLES ? s : PDF_BODY;
}

/* Lays out text in width points; returns the index of its tb. */
static size_t make_tb(struct pdf_doc *d, int flags, const char *text, double width)
{
	struct tb *b;
	PangoLayoutIter *iter;
	size_t len;
	const char *s = prep_text(d, flags, text, &len);
	int i = 0;

	if (d->ntb == d->captb) {
		d->captb = d->captb ? d->captb * 2 : 64;
		d->tbs = xrealloc(d->tbs, d->captb * sizeof *d->tbs);
	}
	b = &d->tbs[d->ntb];
	b->lay = pango_layout_new(d->pc);
	pango_layout_set_font_description(b->lay, d->fd[style_of(flags)]);
	pango_layout_set_width(b->lay, (int)((width > 10 ? width : 10) * PANGO_SCALE));
	pango_layout_set_wrap(b->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(b->lay, style_of(flags) == PDF_TITLE ? 1.0f : 1.12f);
	if (flags & PDF_CENTER)
		pango_layout_set_alignment(b->lay, PANGO_ALIGN_CENTER);
	else if (flags & (RIGHT | PDF_RIGHT))
		pango_layout_set_alignment(b->lay, PANGO_ALIGN_RIGHT);
	if (flags & ONE_LINE)
		pango_layout_set_ellipsize(b->lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(b->lay, s, (int)len);
	b->n = pango_layout_get_line_count(b->lay);
	if (b->n < 1)
		b->n = 1;
	b->top = xcalloc((size_t)b->n * 4, sizeof *b->top);
	b->bot = b->top + b->n;
	b->base = b->bot + b->n;
	b->x = b->base + b->n;
	iter = pango_layout_get_iter(b->lay);
	do {
		int y0, y1;
		PangoRectangle log;
		pango_layout_iter_get_line_yrange(iter, &y0, &y1);
		pango_layout_iter_get_line_extents(iter, NULL, &log);
		b->top[i] = (double)y0 / PANGO_SCALE;
		b->bot[i] = (double)y1 / PANGO_SCALE;
		b->base[i] = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
		b->x[i] = (double)log.x / PANGO_SCALE;
		i++;
	} while (i < b->n && pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	return d->ntb++;
}

/* The display list --------------------------------------------------------- */

static struct item *add_item(struct pdf_doc *d, enum item_kind kind)
{
	struct item *i;
	if (d->nit == d->capit) {
		d->capit = d->capit ? d->capit * 2 : 256;
		d->it = xrealloc(d->it, d->capit * sizeof *d->it);
	}
	i = &d->it[d->nit++];
	memset(i, 0, sizeof *i);
	i->kind = kind;
	i->page = d->page;
	return i;
}

static void add_text(struct pdf_doc *d, size_t tb, int l0, int l1, double x, double y)
{
	struct item *i = add_item(d, IT_TEXT);
	i->tb = tb;
	i->l0 = l0;
	i->l1 = l1;
	i->x = x;
	i->y = y;
}

static void add_fill(struct pdf_doc *d, double x, double y, double w, double h, double gray)
{
	struct item *i = add_item(d, IT_FILL);
	i->x = x; i->y = y; i->w = w; i->h = h;
	i->gray = gray;
}

static void add_rule(struct pdf_doc *d, double x, double y, double w, double h,
	double width, double gray)
{
	struct item *i = add_item(d, IT_RULE);
	i->x = x; i->y = y; i->w = w; i->h = h;
	i->width = width;
	i->gray = gray;
}

/* Pages --------------------------------------------------------------------- */

static void place_row(struct pdf_doc *d, const size_t *tbs, const double *fills, int head);

static void new_page(struct pdf_doc *d)
{
	d->page++;
	d->y = BODY_TOP;
	d->space = 0;
	d->fresh = 1;
	if (d->t.on && d->t.has_head)
		place_row(d, d->t.head, NULL, 1);
}

/* Applies the pending space, unless at the top of a page. */
static void take_space(struct pdf_doc *d)
{
	if (!d->fresh)
		d->y += d->space;
	d->space = 0;
}

/* How many lines of b from li fit in avail points (the widow and orphan
** rule applied when split: two lines at least on each side). */
static int lines_fitting(const struct tb *b, int li, double avail, int fresh)
{
	int k = 0, rem = b->n - li;
	while (li + k < b->n && b->bot[li + k] - b->top[li] <= avail)
		k++;
	if (k < rem) {
		if (k < 2 && rem >= 2 && !fresh)
			k = 0;
		else if (rem - k < 2 && k >= 3)
			k = rem - 2;
	}
	if (k == 0 && fresh && rem > 0)
		k = 1;   /* a line taller than the page: never loop */
	return k;
}

/* Places the lines of tb at x in the flow, across pages as needed. */
static void place_lines(struct pdf_doc *d, size_t tb, double x)
{
	const struct tb *b = &d->tbs[tb];
	int li = 0;
	while (li < b->n) {
		int k = lines_fitting(b, li, BODY_BOTTOM - d->y, d->fresh);
		if (k == 0) {
			new_page(d);
			continue;
		}
		add_text(d, tb, li, li + k, x, d->y);
		d->y += b->bot[li + k - 1] - b->top[li];
		d->fresh = 0;
		li += k;
		if (li < b->n)
			new_page(d);
	}
}

/* Rows ---------------------------------------------------------------------- */

/*
** Places one table row (cells tbs[0..ncols), backgrounds fills or NULL):
** whole on this page if it fits, whole on the next if it is short,
** otherwise split between lines, each part framed and the header row
** repeated above the continuation (new_page does that).
*/
static void place_row(struct pdf_doc *d, const size_t *tbs, const double *fills, int head)
{
	int n = d->t.ncols, li[PDF_MAX_COLS], k[PDF_MAX_COLS], c, left;
	double h = 0;

	for (c = 0; c < n; c++) {
		const struct tb *b = &d->tbs[tbs[c]];
		li[c] = 0;
		if (b->bot[b->n - 1] - b->top[0] > h)
			h = b->bot[b->n - 1] - b->top[0];
	}
	h += 2 * PAD_Y;
	if (!head && d->t.pending) {
		/* the header goes with the first row: never alone at the foot
		** of a page (a row too tall to move needs only two lines) */
		double first = h <= BODY_HEIGHT / 3 ? h : 2 * 14 + 2 * PAD_Y;
		int moved = 0;
		d->t.pending = 0;
		if (!d->fresh && d->y + d->t.head_h + 2 * PAD_Y + first > BODY_BOTTOM) {
			new_page(d);   /* draws the header when it repeats */
			moved = 1;
		}
		if (!moved || !d->t.has_head)
			place_row(d, d->t.head, NULL, 1);
	}
	if (!head && h > BODY_BOTTOM - d->y && !d->fresh && h <= BODY_HEIGHT / 3)
		new_page(d);
	for (;;) {
		double avail = BODY_BOTTOM - d->y - 2 * PAD_Y, seg = 0;
		int any = 0;
		for (c = 0; c < n; c++) {
			const struct tb *b = &d->tbs[tbs[c]];
			k[c] = li[c] < b->n ? lines_fitting(b, li[c], avail, d->fresh) : 0;
			if (k[c])
				any = 1;
		}
		if (!any) {
			new_page(d);
			continue;
		}
		for (c = 0; c < n; c++) {
			const struct tb *b = &d->tbs[tbs[c]];
			if (k[c] && b->bot[li[c] + k[c] - 1] - b->top[li[c]] > seg)
				seg = b->bot[li[c] + k[c] - 1] - b->top[li[c]];
		}
		seg += 2 * PAD_Y;
		for (c = 0; c < n; c++) {
			double fill = head && !d->t.plain ? HEAD_FILL : fills ? fills[c] : 0;
			if (fill > 0)
				add_fill(d, d->t.x[c], d->y, d->t.x[c + 1] - d->t.x[c], seg, fill);
		}
		for (c = 0; c < n; c++) {
			if (k[c])
				add_text(d, tbs[c], li[c], li[c] + k[c], d->t.x[c] + PAD_X, d->y + PAD_Y);
			li[c] += k[c];
		}
		/* the frame of this part and its column rules */
		if (!d->t.plain) {
			add_rule(d, d->t.x[0], d->y, d->t.x[n] - d->t.x[0], 0, 0.5, GRID);
			add_rule(d, d->t.x[0], d->y + seg, d->t.x[n] - d->t.x[0], 0, 0.5, GRID);
			for (c = 0; c <= n; c++)
				add_rule(d, d->t.x[c], d->y, 0, seg, 0.5, GRID);
		}
		d->y += seg;
		if (!head)
			d->fresh = 0;
		left = 0;
		for (c = 0; c < n; c++)
			if (li[c] < d->tbs[tbs[c]].n)
				left = 1;
		if (!left)
			break;
		new_page(d);
	}
}

/* Tables -------------------------------------------------------------------- */

static void table_end(struct pdf_doc *d)
{
	if (!d->t.on)
		return;
	memset(&d->t, 0, sizeof d->t);
	d->space += 6;
}

static void table_start(struct pdf_doc *d, int ncols, const double *widths,
	const char *const *head, int kv)
{
	double sum = 0, x = MARGIN_X;
	int c;

	table_end(d);
	if (ncols < 1)
		ncols = 1;
	if (ncols > PDF_MAX_COLS)
		ncols = PDF_MAX_COLS;
	for (c = 0; c < ncols; c++)
		sum += widths && widths[c] > 0 ? widths[c] : 1.0 / ncols;
	d->t.x[0] = x;
	for (c = 0; c < ncols; c++) {
		x += TEXT_WIDTH * (widths && widths[c] > 0 ? widths[c] : 1.0 / ncols) / sum;
		d->t.x[c + 1] = x;
	}
	d->t.x[ncols] = MARGIN_X + TEXT_WIDTH;
	d->t.ncols = ncols;
	d->t.kv = kv;
	take_space(d);
	if (head) {
		double hh = 0;
		for (c = 0; c < ncols; c++) {
			const struct tb *b;
			d->t.head[c] = make_tb(d, PDF_BOLD, head[c] ? head[c] : "",
				d->t.x[c + 1] - d->t.x[c] - 2 * PAD_X);
			b = &d->tbs[d->t.head[c]];
			if (b->bot[b->n - 1] > hh)
				hh = b->bot[b->n - 1];
		}
		/* drawn with the first row (place_row) */
		d->t.pending = 1;
		d->t.head_h = hh;
		/* repeated on each page, unless absurdly tall */
		d->t.has_head = hh <= BODY_HEIGHT / 4;
	}
	d->t.on = 1;
}

/* The public API ------------------------------------------------------------ */

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_doc *d = closure;
	if (d->failed || d->write(d->warg, data, len)) {
		d->failed = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pdf_write_buf(void *arg, const unsigned char *data, size_t len)
{
	return buf_add(arg, data, len);
}

/* 1 if s is "YYYY-MM-DDThh:mm:ss" with an optional "Z" or ±hh:mm. */
static int iso_datetime_ok(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;
	for (i = 0; pat[i]; i++) {
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	}
	s += i;
	if (!*s || (s[0] == 'Z' && !s[1]))
		return 1;
	return (s[0] == '+' || s[0] == '-') && s[1] >= '0' && s[1] <= '9' &&
	       s[2] >= '0' && s[2] <= '9' && s[3] == ':' && s[4] >= '0' && s[4] <= '9' &&
	       s[5] >= '0' && s[5] <= '9' && !s[6];
}

/* Document information: made safe, never longer than 1000 bytes. */
static void set_meta(struct pdf_doc *d, cairo_pdf_metadata_t key, const char *v)
{
	size_t n;
	if (!v || !*v)
		return;
	n = strlen(v);
	if (n > 1000) {
		n = 1000;
		while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	buf_reset(&d->tmp);
	typo_clean(&d->tmp, v, n);
	cairo_pdf_surface_set_metadata(d->surf, key, buf_str(&d->tmp));
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

struct pdf_doc *pdf_open(pdf_write_fn write, void *arg, const struct pdf_meta *m)
{
	static const struct { double size; PangoWeight w; PangoStyle s; } st[PDF__STYLES] = {
		[PDF_BODY] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
		[PDF_SMALL] = { 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
		[PDF_BOLD] = { 9.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
		[PDF_ITALIC] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_OBLIQUE },
		[PDF_TITLE] = { 17, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
		[PDF_H1] = { 12.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
		[PDF_H2] = { 11, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
		[PDF_H3] = { 9.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
	};
	struct pdf_meta none = { 0 };
	struct pdf_doc *d = xcalloc(1, sizeof *d);

	if (!m)
		m = &none;
	d->write = write;
	d->warg = arg;
	buf_init(&d->tmp, (size_t)PDF_MAX_TEXT * 4 + 64);
	d->landscape = m->landscape != 0;
	d->plain = m->plain != 0;
	d->pw = d->landscape ? PDF_A4_HEIGHT : PDF_A4_WIDTH;
	d->ph = d->landscape ? PDF_A4_WIDTH : PDF_A4_HEIGHT;
	d->body_top = d->plain ? 48.0 : 72.0;
	d->body_bottom = d->ph - (d->plain ? 48.0 : 68.0);
	d->surf = cairo_pdf_surface_create_for_stream(write_cb, d, d->pw, d->ph);
	if (cairo_surface_status(d->surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(d->surf);
		buf_release(&d->tmp);
		free(d);
		return NULL;
	}
	set_meta(d, CAIRO_PDF_METADATA_TITLE, m->title);
	set_meta(d, CAIRO_PDF_METADATA_AUTHOR, m->author);
	set_meta(d, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	set_meta(d, CAIRO_PDF_METADATA_CREATOR, m->creator && *m->creator ? m->creator : "cqpm");
	if (m->create_date && iso_datetime_ok(m->create_date)) {
		cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATE_DATE, m->create_date);
		cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_MOD_DATE, m->create_date);
	}
	d->cr = cairo_create(d->surf);
	d->pc = pango_cairo_create_context(d->cr);
	pango_cairo_context_set_resolution(d->pc, 72.0);
	for (int s = 0; s < PDF__STYLES; s++) {
		d->fd[s] = pango_font_description_new();
		pango_font_description_set_family_static(d->fd[s], PDF_FONT_FAMILY);
		pango_font_description_set_size(d->fd[s], (gint)(st[s].size * PANGO_SCALE));
		pango_font_description_set_weight(d->fd[s], st[s].w);
		pango_font_description_set_style(d->fd[s], st[s].s);
	}
	d->run[0] = dup_or_empty(m->header_left);
	d->run[1] = dup_or_empty(m->header_right);
	d->run[2] = dup_or_empty(m->footer_left);
	d->kv_key = 0.3;
	d->y = BODY_TOP;
	d->fresh = 1;
	return d;
}

/* The PNG images of the section, and the items of the display list. */
static void free_images(struct pdf_doc *d)
{
	for (size_t i = 0; i < d->nimg; i++)
		cairo_surface_destroy(d->imgs[i]);
	d->nimg = 0;
}

/* Draws line range l0..l1 of tb with line l0's top at (x, y). */
static void draw_lines(struct pdf_doc *d, size_t tb, int l0, int l1, double x, double y)
{
	const struct tb *b = &d->tbs[tb];
	for (int i = l0; i < l1 && i < b->n; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(b->lay, i);
		if (!line)
			break;
		cairo_move_to(d->cr, x + b->x[i], y + b->base[i] - b->top[l0]);
		pango_cairo_show_layout_line(d->cr, line);
	}
}

/* Header and footer of page p of np. */
static void draw_running(struct pdf_doc *d, int p, int np, size_t hl, size_t hr, size_t fl)
{
	char num[64];
	size_t pn;
	const double right = MARGIN_X + TEXT_WIDTH;

	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	draw_lines(d, hl, 0, 1, MARGIN_X, HEADER_TOP);
	draw_lines(d, hr, 0, 1, right - TEXT_WIDTH * 0.38, HEADER_TOP);
	draw_lines(d, fl, 0, 1, MARGIN_X, FOOTER_TOP + 5);
	snprintf(num, sizeof num, "page %d / %d", p + 1, np);
	pn = make_tb(d, PDF_SMALL | PDF_RAW | RIGHT, num, TEXT_WIDTH * 0.25);
	draw_lines(d, pn, 0, 1, right - TEXT_WIDTH * 0.25, FOOTER_TOP + 5);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, MARGIN_X, HEADER_TOP + 13);
	cairo_line_to(d->cr, right, HEADER_TOP + 13);
	cairo_move_to(d->cr, MARGIN_X, FOOTER_TOP);
	cairo_line_to(d->cr, right, FOOTER_TOP);
	cairo_stroke(d->cr);
}

/*
** Draws items from..to-1 (one page): the fills, the text, then the rules
** on top; fills and rules of the same look go in one path each, so that
** cairo handles a few operations per page rather than one per cell edge.
*/
static void draw_page(struct pdf_doc *d, size_t from, size_t to)
{
	unsigned char *done = xcalloc(to - from + 1, 1);
	size_t i, j;

	for (i = from; i < to; i++) {
		const struct item *a = &d->it[i];
		if (a->kind != IT_FILL || done[i - from])
			continue;
		for (j = i; j < to; j++) {
			const struct item *b = &d->it[j];
			if (b->kind == IT_FILL && b->gray == a->gray && !done[j - from]) {
				cairo_rectangle(d->cr, b->x, b->y, b->w, b->h);
				done[j - from] = 1;
			}
		}
		cairo_set_source_rgb(d->cr, a->gray, a->gray, a->gray);
		cairo_fill(d->cr);
	}
	for (i = from; i < to; i++) {
		const struct item *a = &d->it[i];
		cairo_surface_t *img;
		if (a->kind != IT_IMAGE)
			continue;
		img = d->imgs[a->tb];
		cairo_save(d->cr);
		cairo_translate(d->cr, a->x, a->y);
		cairo_scale(d->cr, a->w / cairo_image_surface_get_width(img),
			a->h / cairo_image_surface_get_height(img));
		cairo_set_source_surface(d->cr, img, 0, 0);
		cairo_paint(d->cr);
		cairo_restore(d->cr);
	}
	cairo_set_source_rgb(d->cr, INK, INK, INK);
	for (i = from; i < to; i++)
		if (d->it[i].kind == IT_TEXT)
			draw_lines(d, d->it[i].tb, d->it[i].l0, d->it[i].l1, d->it[i].x, d->it[i].y);
	for (i = from; i < to; i++) {
		const struct item *a = &d->it[i];
		if (a->kind != IT_RULE || done[i - from])
			continue;
		for (j = i; j < to; j++) {
			const struct item *b = &d->it[j];
			if (b->kind == IT_RULE && b->gray == a->gray && b->width == a->width &&
			    !done[j - from]) {
				cairo_move_to(d->cr, b->x, b->y);
				cairo_line_to(d->cr, b->x + b->w, b->y + b->h);
				done[j - from] = 1;
			}
		}
		cairo_set_source_rgb(d->cr, a->gray, a->gray, a->gray);
		cairo_set_line_width(d->cr, a->width);
		cairo_stroke(d->cr);
	}
	free(done);
}

/* Draws and shows every page of the section, then forgets it. An empty
** section has no page, unless the document would have none. */
static void flush_section(struct pdf_doc *d, int closing)
{
	int np = d->page + 1, p;
	size_t i = 0, hl, hr, fl;

	table_end(d);
	if (d->fresh && (np > 1 || !d->nit) && !(closing && np == 1 && !d->done))
		np--;   /* an empty last page (a break at the end) */
	hl = make_tb(d, PDF_SMALL | ONE_LINE, d->run[0], TEXT_WIDTH * 0.6);
	hr = make_tb(d, PDF_SMALL | RIGHT | ONE_LINE, d->run[1], TEXT_WIDTH * 0.38);
	fl = make_tb(d, PDF_SMALL | ONE_LINE, d->run[2], TEXT_WIDTH * 0.75);
	for (p = 0; p < np && !d->failed; p++) {
		size_t from = i;
		while (i < d->nit && d->it[i].page == p)
			i++;
		draw_page(d, from, i);
		if (!d->plain)
			draw_running(d, p, np, hl, hr, fl);
		cairo_show_page(d->cr);
		d->done++;
		if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
			d->failed = 1;
	}
	for (i = 0; i < d->ntb; i++) {
		g_object_unref(d->tbs[i].lay);
		free(d->tbs[i].top);
	}
	d->ntb = 0;
	d->nit = 0;
	free_images(d);
	d->page = 0;
	d->y = BODY_TOP;
	d->space = 0;
	d->fresh = 1;
}

int pdf_close(struct pdf_doc *d)
{
	int failed;
	if (!d)
		return -1;
	flush_section(d, 1);
	for (int s = 0; s < PDF__STYLES; s++)
		pango_font_description_free(d->fd[s]);
	g_object_unref(d->pc);
	cairo_destroy(d->cr);
	cairo_surface_finish(d->surf);
	if (cairo_surface_status(d->surf) != CAIRO_STATUS_SUCCESS)
		d->failed = 1;
	cairo_surface_destroy(d->surf);
	failed = d->failed;
	for (int i = 0; i < 3; i++)
		free(d->run[i]);
	free(d->tbs);
	free(d->it);
	free_images(d);
	free(d->imgs);
	buf_release(&d->tmp);
	free(d);
	return failed ? -1 : 0;
}

void pdf_heading(struct pdf_doc *d, int style, const char *text)
{
	static const double before[PDF__STYLES] = {
		[PDF_TITLE] = 0, [PDF_H1] = 14, [PDF_H2] = 10, [PDF_H3] = 8 };
	static const double after[PDF__STYLES] = {
		[PDF_TITLE] = 6, [PDF_H1] = 6, [PDF_H2] = 4, [PDF_H3] = 2 };
	int s = style_of(style);
	size_t tb;
	const struct tb *b;
	double need;

	if (d->failed)
		return;
	table_end(d);
	if (d->space < before[s])
		d->space = before[s];
	take_space(d);
	tb = make_tb(d, style, text, TEXT_WIDTH);
	b = &d->tbs[tb];
	/* kept with three lines of what follows */
	need = b->bot[b->n - 1] - b->top[0] + after[s] + 40;
	if (!d->fresh && d->y + need > BODY_BOTTOM)
		new_page(d);
	place_lines(d, tb, MARGIN_X);
	if (s == PDF_H1) {
		d->y += 2;
		add_rule(d, MARGIN_X, d->y, TEXT_WIDTH, 0, 0.8, 0.2);
	}
	d->space = after[s];
}

void pdf_paragraph(struct pdf_doc *d, int style, const char *text)
{
	if (d->failed)
		return;
	table_end(d);
	take_space(d);
	place_lines(d, make_tb(d, style, text, TEXT_WIDTH), MARGIN_X);
	d->space = 4;
}

void pdf_space(struct pdf_doc *d, double pt)
{
	if (pt > 0 && pt < BODY_HEIGHT)
		d->space += pt;
}

void pdf_page_break(struct pdf_doc *d)
{
	if (d->failed)
		return;
	table_end(d);
	if (!d->fresh)
		new_page(d);
}

void pdf_kv_width(struct pdf_doc *d, double key_width)
{
	d->kv_key = key_width > 0.05 && key_width < 0.95 ? key_width : 0.3;
}

void pdf_kv(struct pdf_doc *d, const char *key, const char *value)
{
	size_t tbs[2];
	double w[2] = { d->kv_key, 1 - d->kv_key }, fills[2] = { KEY_FILL, 0 };

	if (d->failed)
		return;
	if (!d->t.on || !d->t.kv)
		table_start(d, 2, w, NULL, 1);
	tbs[0] = make_tb(d, PDF_BOLD, key, d->t.x[1] - d->t.x[0] - 2 * PAD_X);
	tbs[1] = make_tb(d, PDF_BODY, value, d->t.x[2] - d->t.x[1] - 2 * PAD_X);
	place_row(d, tbs, fills, 0);
}

void pdf_table_begin(struct pdf_doc *d, int ncols, const double *widths,
	const char *const *head)
{
	if (d->failed)
		return;
	table_start(d, ncols, widths, head, 0);
}

void pdf_table_row_styled(struct pdf_doc *d, const char *const *cells, const int *styles)
{
	size_t tbs[PDF_MAX_COLS];
	if (d->failed)
		return;
	if (!d->t.on || d->t.kv)
		table_start(d, 1, NULL, NULL, 0);
	for (int c = 0; c < d->t.ncols; c++)
		tbs[c] = make_tb(d, styles ? styles[c] : PDF_BODY, cells && cells[c] ? cells[c] : "",
			d->t.x[c + 1] - d->t.x[c] - 2 * PAD_X);
	place_row(d, tbs, NULL, 0);
}

void pdf_table_row(struct pdf_doc *d, const char *const *cells)
{
	pdf_table_row_styled(d, cells, NULL);
}

void pdf_table_end(struct pdf_doc *d)
{
	table_end(d);
}

void pdf_section(struct pdf_doc *d, const char *header_left,
	const char *header_right, const char *footer_left)
{
	const char *const v[3] = { header_left, header_right, footer_left };
	if (d->failed)
		return;
	flush_section(d, 0);
	for (int i = 0; i < 3; i++) {
		if (v[i]) {
			free(d->run[i]);
			d->run[i] = xstrdup(v[i]);
		}
	}
}

int pdf_pages_done(const struct pdf_doc *d)
{
	return d->done;
}

int pdf_section_pages(const struct pdf_doc *d)
{
	return d->page + 1 - (d->page > 0 && d->fresh);
}

int pdf_failed(const struct pdf_doc *d)
{
	return d->failed;
}

/*
** Only the font map is released: cairo_debug_reset_static_data() and
** FcFini() race with the font loading thread pango starts (they abort
** with an assertion now and then), so what fontconfig and cairo keep for
** the life of the process is left to the end of the process; the leak
** checker of the tests is told so (tests/lsan.supp).
*/
void pdf_cleanup(void)
{
	pango_cairo_font_map_set_default(NULL);
}

/* Images and QR codes ------------------------------------------------------- */

void pdf_table_plain(struct pdf_doc *d)
{
	if (d->t.on)
		d->t.plain = 1;
}

double pdf_text_width(const struct pdf_doc *d)
{
	return TEXT_WIDTH;
}

double pdf_remaining(struct pdf_doc *d)
{
	double left;
	if (d->failed)
		return 0;
	table_end(d);
	left = BODY_BOTTOM - d->y - (d->fresh ? 0 : d->space);
	return left > 0 ? left : 0;
}

double pdf_text_height(struct pdf_doc *d, int style, const char *text)
{
	const struct tb *b;
	if (d->failed)
		return 0;
	b = &d->tbs[make_tb(d, style, text, TEXT_WIDTH)];
	return b->bot[b->n - 1] - b->top[0];
}

/* The x of a block w points wide aligned by flags (PDF_CENTER, PDF_RIGHT). */
static double aligned_x(const struct pdf_doc *d, double w, int align)
{
	if (align & PDF_CENTER)
		return MARGIN_X + (TEXT_WIDTH - w) / 2;
	if (align & PDF_RIGHT)
		return MARGIN_X + TEXT_WIDTH - w;
	return MARGIN_X;
}

/* Makes room for a block h points tall (on a new page when it does not
** fit on this one) and returns its top. */
static double block_room(struct pdf_doc *d, double h)
{
	double top;
	table_end(d);
	take_space(d);
	if (!d->fresh && d->y + h > BODY_BOTTOM)
		new_page(d);
	top = d->y;
	d->y += h;
	d->fresh = 0;
	d->space = 4;
	return top;
}

struct png_src {
	const unsigned char *p;
	size_t len, at;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_src *s = closure;
	if (len > s->len - s->at)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->at, len);
	s->at += len;
	return CAIRO_STATUS_SUCCESS;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

int pdf_image(struct pdf_doc *d, const unsigned char *png, size_t len,
	double max_w, double max_h, int align)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct png_src src = { png, len, 0 };
	cairo_surface_t *img;
	unsigned long pw, ph;
	double scale, w, h;
	struct item *i;

	if (d->failed || !png || len < 33 || len > PDF_IMAGE_MAX || memcmp(png, sig, 8) ||
	    memcmp(png + 12, "IHDR", 4))
		return -1;
	/* the size is read before decoding: a small file may claim a huge
	** image, which cairo would allocate */
	pw = be32(png + 16);
	ph = be32(png + 20);
	if (!pw || !ph || pw > PDF_IMAGE_MAX_PIXELS || ph > PDF_IMAGE_MAX_PIXELS)
		return -1;
	img = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(img) <= 0 || cairo_image_surface_get_height(img) <= 0) {
		cairo_surface_destroy(img);
		return -1;
	}
	if (max_w <= 0 || max_w > TEXT_WIDTH)
		max_w = TEXT_WIDTH;
	if (max_h <= 0 || max_h > BODY_HEIGHT)
		max_h = BODY_HEIGHT;
	scale = max_w / (double)pw;
	if (max_h / (double)ph < scale)
		scale = max_h / (double)ph;
	w = (double)pw * scale;
	h = (double)ph * scale;
	if (d->nimg == d->capimg) {
		d->capimg = d->capimg ? d->capimg * 2 : 4;
		d->imgs = xrealloc(d->imgs, d->capimg * sizeof *d->imgs);
	}
	d->imgs[d->nimg] = img;
	{
		double top = block_room(d, h);
		i = add_item(d, IT_IMAGE);
		i->tb = d->nimg++;
		i->x = aligned_x(d, w, align);
		i->y = top;
		i->w = w;
		i->h = h;
	}
	return 0;
}

int pdf_qr(struct pdf_doc *d, const char *text, double size, int align)
{
	QRcode *q;
	double mod, x0, y0;
	int n, quiet = 4;

	if (d->failed || !text || !*text || strlen(text) > PDF_QR_MAX_TEXT)
		return -1;
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	n = q->width;
	if (size <= 0 || size > TEXT_WIDTH)
		size = 72;
	mod = size / (n + 2 * quiet);
	y0 = block_room(d, size);
	x0 = aligned_x(d, size, align);
	/* one rectangle per run of dark modules of a row */
	for (int r = 0; r < n; r++) {
		int c = 0;
		while (c < n) {
			int e;
			if (!(q->data[r * n + c] & 1)) {
				c++;
				continue;
			}
			for (e = c; e < n && (q->data[r * n + e] & 1); e++)
				;
			add_fill(d, x0 + (quiet + c) * mod, y0 + (quiet + r) * mod, (e - c) * mod, mod, 0);
			c = e;
		}
	}
	QRcode_free(q);
	return 0;
}
