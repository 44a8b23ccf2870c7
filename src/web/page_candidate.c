/*
** Candidates and their registrations (R-INS-1..3, R-HAB-2, R-LET-3): the
** work list and its CSV export, the registration form, the candidate's
** page (drawn from the candidate's file, svc_candidate_doc, like the API
** and the CLI) and the form that records a unit acquired at an earlier
** jury. The services check every right and scope.
**
**   GET      /candidats?q=&status=&certification=&body=&company=&next_jury=&centre=&page=
**   GET      /candidats.csv?…       the same filters, every page
**   GET/POST /candidats/nouveau
**   GET      /candidats/{id}
**   POST     /candidats/{id}/acquis
*/
#include "web/web_int.h"
#include "core/rules.h"
#include "core/catalogue.h"
#include "core/identity.h"
#include "core/registration.h"
#include "core/validate.h"
#include "core/vae.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BATCH 500       /* registrations read at a time by the export */
#define FORM_CERTS_MAX 40   /* above, the blocks are typed instead of ticked */

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Labels of codes ------------------------------------------------------ */

static const char *route_text(const char *key)
{
	for (int i = 0; i < ROUTE__MAX; i++)
		if (!strcmp(route_key((enum access_route)i), nz(key)))
			return route_label((enum access_route)i);
	return nz(key);
}

static const char *origin_text(const char *code)
{
	int i = origin_from_code(code);
	return i < 0 ? nz(code) : origin_label((enum origin)i);
}

static const char *funding_text(const char *code)
{
	int i = funding_from_code(code);
	return i < 0 ? nz(code) : funding_label((enum funding)i);
}

static const char *vae_kind_text(const char *code)
{
	int i = vae_kind_from_code(code);
	return i < 0 ? nz(code) : vae_kind_label((enum vae_kind)i);
}

/* The blocks of a registration as shown: "BC01, BC03" (the certification's
** code left out of each), or the whole certification. */
static void h_blocks(struct buf *b, const char *cert, const char *blocks)
{
	char *copy, *save = NULL, *w;
	size_t n = strlen(cert);
	int i = 0;

	if (!*blocks) {
		h_fmt(b, "Certification entière");
		return;
	}
	copy = xstrdup(blocks);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		h_fmt(b, "%r%s", i++ ? ", " : "", n && !strncmp(w, cert, n) && w[n] ? w + n : w);
	}
	free(copy);
}

/* A title cut to about max bytes at a word's end, with "…". */
static void h_short(struct buf *b, const char *title, size_t max)
{
	size_t n = strlen(title), cut;
	char *s;

	if (n <= max) {
		h_fmt(b, "%s", title);
		return;
	}
	cut = max;
	while (cut > max / 2 && title[cut] != ' ')
		cut--;
	if (title[cut] != ' ')   /* one long word: cut between characters */
		for (cut = max; cut && ((unsigned char)title[cut] & 0xC0) == 0x80; cut--)
			;
	s = strndup(title, cut);
	h_fmt(b, "%s…", s);
	free(s);
}

void h_kept(struct buf *b, const json_t *unit)
{
	const char *jury = jstr(unit, "jury_date");
	const json_t *until = json_object_get(unit, "kept_until");
	const json_t *kept = json_object_get(unit, "kept");

	if (!*jury)
		jury = jstr(unit, "kept_from_jury");
	if (!*jury) {
		h_fmt(b, "acquis par les évaluations, conservé à compter de la décision du jury");
		return;
	}
	h_fmt(b, "acquis au jury du ");
	h_date(b, jury);
	if (json_is_string(until) && *json_string_value(until)) {
		h_fmt(b, json_is_false(kept) ? ", n'est plus conservé depuis le " :
			", conservé jusqu'au ");
		h_date(b, json_string_value(until));
	} else {
		h_fmt(b, ", conservé sans limite de durée");
	}
}

/* The query ------------------------------------------------------------- */

int candidate_query_from_req(struct req *r, struct candidate_query *q)
{
	const char *p = req_query(r, "page"), *pp = req_query(r, "per_page");

	memset(q, 0, sizeof *q);
	q->q = req_query(r, "q");
	q->status = req_query(r, "status");
	q->certification = req_query(r, "certification");
	q->body_siret = req_query(r, "body");
	q->company_siret = req_query(r, "company");
	q->next_jury = req_query(r, "next_jury");
	q->centre = req_query(r, "centre");
	q->page = 1;
	q->per_page = 50;
	if (p && *p && (q->page = (int)parse_count(p, 1, 100000)) < 0)
		return svc_fail(&r->svc, SVC_INVALID, "page", NULL,
			"Page : un numéro de 1 à 100 000 est attendu.");
	if (pp && *pp && (q->per_page = (int)parse_count(pp, 1, 500)) < 0)
		return svc_fail(&r->svc, SVC_INVALID, "per_page", NULL,
			"Nombre par page : un nombre de 1 à 500 est attendu.");
	return 0;
}

/* The filters as a query string ("q=…&status=…"), for links. */
static void filters_url(struct buf *b, const struct candidate_query *q)
{
	h_fmt(b, "q=%u&amp;status=%u&amp;certification=%u&amp;body=%u&amp;company=%u"
		"&amp;next_jury=%u&amp;centre=%u", nz(q->q), nz(q->status), nz(q->certification),
		nz(q->body_siret), nz(q->company_siret), nz(q->next_jury), nz(q->centre));
}

/* The work list ---------------------------------------------------------- */

static const char *const statuses[][2] = {
	{ "active", "Inscription en cours" },
	{ "admitted", "Admis" },
	{ "not_admitted", "Non admis" },
	{ "withdrawn", "Inscription close (abandon)" },
};

static void select_opt(struct buf *b, const char *value, const char *label,
	const char *current)
{
	h_fmt(b, "<option value=\"%s\"%r>%s</option>", value,
		current && !strcmp(current, value) ? " selected" : "", label);
}

struct rows_acc {
	struct buf *b;
	int n;
};

static int list_row(void *arg, const struct reg_row *row)
{
	struct rows_acc *a = arg;
	struct buf *b = a->b;

	h_fmt(b, "<tr><td><a href=\"/candidats/%I\">%I</a></td><td>%s", row->candidate_id,
		row->candidate_id, row->birth_name);
	if (row->usage_name[0])
		h_fmt(b, " / %s", row->usage_name);
	h_fmt(b, "</td><td>%s</td><td>", row->first_names);
	h_date(b, row->birth_date);
	h_fmt(b, "</td><td><a href=\"/certifications/%u\" title=\"%s\">%s</a> ", row->cert_code,
		row->cert_title, row->cert_code);
	h_short(b, row->cert_title, 60);
	h_fmt(b, "</td><td>");
	h_blocks(b, row->cert_code, row->blocks);
	h_fmt(b, "</td><td>%s</td><td>", route_text(row->route));
	h_date(b, row->registered_on);
	h_fmt(b, "</td><td>%s</td></tr>\n", registration_status_label(row->status));
	a->n++;
	return 0;
}

/* The centres for the national administrator's filter. */
struct codes {
	char (*v)[40];
	size_t n, cap;
};

static int code_collect(void *arg, const struct centre *c)
{
	struct codes *cs = arg;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 8;
		cs->v = xrealloc(cs->v, cs->cap * sizeof *cs->v);
	}
	snprintf(cs->v[cs->n++], sizeof cs->v[0], "%s", c->code);
	return 0;
}

static void page_link(struct buf *b, const struct candidate_query *q, int page,
	const char *label)
{
	h_fmt(b, "<a href=\"/candidats?");
	filters_url(b, q);
	h_fmt(b, "&amp;page=%d&amp;per_page=%d\">%s</a>", page, q->per_page, label);
}

static void text_filter(struct buf *b, const char *id, const char *label,
	const char *value, const char *attrs, const struct svc_result *err)
{
	int bad = err && err->rc != SVC_OK && !strcmp(err->field, id);
	h_fmt(b, "<div><label for=\"f-%s\">%s</label><input id=\"f-%s\" name=\"%s\" value=\"%s\" %r",
		id, label, id, id, nz(value), attrs);
	if (bad)
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
	h_fmt(b, ">");
	if (bad)
		h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">%s</span>", id,
			err->message);
	h_fmt(b, "</div>\n");
}

void page_candidates(struct req *r)
{
	struct candidate_query q;
	struct svc_result err = { SVC_OK, "", "", "" };
	struct buf rows = BUF_INIT, *b = &r->body;
	struct rows_acc acc = { &rows, 0 };
	struct codes centres = { NULL, 0, 0 };
	int64_t total = 0;
	const struct actor *a = &r->svc.actor;
	int national = role_is_national(a->role);

	if (page_need_login(r))
		return;
	if (candidate_query_from_req(r, &q) ||
	    svc_candidate_list(&r->svc, &q, list_row, &acc, &total)) {
		if (page_form_refused(r, &err)) {
			buf_release(&rows);
			return;
		}
		buf_reset(&rows);
		acc.n = 0;
		total = 0;
	}
	if (national && svc_centre_list(&r->svc, code_collect, &centres)) {
		buf_release(&rows);
		free(centres.v);
		page_error(r, &r->svc.res);
		return;
	}
	page_begin(r, "Candidats");
	h_fmt(b, "<h1>Candidats</h1>\n");
	if (perm_allows(a->role, PERM_REGISTER))
		h_fmt(b, "<p><a href=\"/candidats/nouveau\">Inscrire un candidat</a></p>\n");
	/* a filter's error is shown beside it, another one here */
	if (err.rc != SVC_OK && strcmp(err.field, "q") && strcmp(err.field, "certification") &&
	    strcmp(err.field, "body") && strcmp(err.field, "company") && strcmp(err.field, "next_jury"))
		h_fmt(b, "<p class=\"error\" role=\"alert\">%s</p>\n", err.message);
	h_fmt(b, "<form class=\"search\" method=\"get\" action=\"/candidats\" role=\"search\">\n");
	text_filter(b, "q", "Nom ou prénom", q.q, "type=\"search\" size=\"24\" maxlength=\"200\"", &err);
	h_fmt(b, "<div><label for=\"f-status\">Statut</label><select id=\"f-status\" name=\"status\">");
	select_opt(b, "", "Tous", q.status);
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		select_opt(b, statuses[i][0], statuses[i][1], q.status);
	h_fmt(b, "</select></div>\n");
	text_filter(b, "certification", "Certification (code)", q.certification,
		"size=\"14\" maxlength=\"60\"", &err);
	if (a->role != ROLE_TRAINING_BODY)
		text_filter(b, "body", "Organisme (SIRET)", q.body_siret,
			"size=\"16\" maxlength=\"20\" inputmode=\"numeric\"", &err);
	text_filter(b, "company", "Entreprise (SIRET)", q.company_siret,
		"size=\"16\" maxlength=\"20\" inputmode=\"numeric\"", &err);
	text_filter(b, "next_jury", "Prochain jury", q.next_jury, "type=\"date\"", &err);
	if (national) {
		h_fmt(b, "<div><label for=\"f-centre\">Centre</label><select id=\"f-centre\" name=\"centre\">");
		select_opt(b, "", "Tous", q.centre);
		for (size_t i = 0; i < centres.n; i++)
			select_opt(b, centres.v[i], centres.v[i], q.centre);
		h_fmt(b, "</select></div>\n");
	}
	h_fmt(b, "<div><button type=\"submit\">Rechercher</button></div>\n</form>\n");
	h_fmt(b, "<p id=\"resultats\" aria-live=\"polite\">");
	h_count(b, total, "inscription trouvée", "inscriptions trouvées");
	h_fmt(b, ".");
	if (total > 0) {
		h_fmt(b, " <a href=\"/candidats.csv?");
		filters_url(b, &q);
		h_fmt(b, "\">Exporter la liste (CSV)</a>");
	}
	h_fmt(b, "</p>\n");
	if (acc.n)
		h_fmt(b, "<table><caption class=\"skip\">Inscriptions</caption><thead><tr>"
			"<th scope=\"col\">N°</th><th scope=\"col\">Nom de naissance / d'usage</th>"
			"<th scope=\"col\">Prénoms</th><th scope=\"col\">Date de naissance</th>"
			"<th scope=\"col\">Certification</th><th scope=\"col\">Blocs</th>"
			"<th scope=\"col\">Voie d'accès</th><th scope=\"col\">Inscrit le</th>"
			"<th scope=\"col\">Statut</th></tr></thead>\n<tbody>\n%r</tbody></table>\n",
			buf_str(&rows));
	if (total > (int64_t)q.page * q.per_page || q.page > 1) {
		h_fmt(b, "<nav class=\"pager\" aria-label=\"Pages\">");
		if (q.page > 1)
			page_link(b, &q, q.page - 1, "← Page précédente");
		h_fmt(b, "<span>Page %d sur %I</span>", q.page,
			total ? (total + q.per_page - 1) / q.per_page : (int64_t)1);
		if (total > (int64_t)q.page * q.per_page)
			page_link(b, &q, q.page + 1, "Page suivante →");
		h_fmt(b, "</nav>\n");
	}
	page_end(r);
	buf_release(&rows);
	free(centres.v);
}

/* The CSV export ---------------------------------------------------------- */

/*
** The export is written as the client reads it: a batch of registrations
** is read, written out, then the next one (keyset paging: the ids below
** the last one sent), so that a whole base never sits in memory. UTF-8
** with a byte order mark, ';' between cells and CRLF between lines, for
** spreadsheet software; a cell that would start a formula (= + - @, tab,
** carriage return) begins with an apostrophe.
*/
struct csv_stream {
	struct svc svc;              /* the actor, on this worker thread's store */
	struct candidate_query q;
	char *text[7];               /* the filters' strings, owned */
	struct buf chunk;            /* written, not yet sent */
	size_t sent;
	int64_t last_id;
	int rows, done;
};

static void csv_cell(struct buf *b, const char *v, int last)
{
	int quote = 0;

	v = nz(v);
	if (*v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r')
		quote = 2;   /* neutralised below */
	for (const char *p = v; *p && !quote; p++)
		if (*p == ';' || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (quote) {
		buf_putc(b, '"');
		if (quote == 2)
			buf_putc(b, '\'');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				buf_putc(b, '"');
			buf_putc(b, *p);
		}
		buf_putc(b, '"');
	} else {
		buf_puts(b, v);   /* checksrc: ok, a CSV cell, not HTML */
	}
	buf_puts(b, last ? "\r\n" : ";");   /* checksrc: ok, literals */
}

static void csv_date(struct buf *b, const char *iso)
{
	struct buf d = BUF_INIT;
	h_date(&d, iso);   /* digits and slashes only */
	csv_cell(b, buf_str(&d), 0);
	buf_release(&d);
}

static int csv_row(void *arg, const struct reg_row *r)
{
	struct csv_stream *cs = arg;
	struct buf *b = &cs->chunk;
	char num[24];

	snprintf(num, sizeof num, "%lld", (long long)r->candidate_id);
	csv_cell(b, num, 0);
	snprintf(num, sizeof num, "%lld", (long long)r->id);
	csv_cell(b, num, 0);
	csv_cell(b, r->birth_name, 0);
	csv_cell(b, r->usage_name, 0);
	csv_cell(b, r->first_names, 0);
	csv_date(b, r->birth_date);
	csv_cell(b, r->centre_code, 0);
	csv_cell(b, r->cert_code, 0);
	csv_cell(b, r->cert_title, 0);
	csv_cell(b, r->blocks[0] ? r->blocks : "Certification entière", 0);
	csv_cell(b, route_text(r->route), 0);
	csv_cell(b, r->body_name, 0);
	csv_cell(b, r->company_name, 0);
	csv_cell(b, r->company_siret, 0);
	csv_date(b, r->registered_on);
	csv_cell(b, registration_status_label(r->status), 0);
	if (r->next_jury[0]) {
		struct buf d = BUF_INIT;
		h_date(&d, r->next_jury);
		csv_cell(b, buf_str(&d), 1);
		buf_release(&d);
	} else {
		csv_cell(b, "", 1);
	}
	cs->last_id = r->id;
	cs->rows++;
	return 0;
}

/* Reads the next batch into the chunk; -1 on a failure. */
static int csv_batch(struct csv_stream *cs)
{
	cs->q.page = 1;
	cs->q.per_page = CSV_BATCH;
	cs->q.before_id = cs->last_id;
	cs->rows = 0;
	cs->svc.res.rc = SVC_OK;
	if (svc_candidate_list(&cs->svc, &cs->q, csv_row, cs, NULL))
		return -1;
	if (cs->rows < CSV_BATCH)
		cs->done = 1;
	return 0;
}

static long csv_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct csv_stream *cs = cls;
	(void)pos;
	while (cs->sent == cs->chunk.len) {
		if (cs->done)
			return STREAM_END;
		buf_reset(&cs->chunk);
		cs->sent = 0;
		if (csv_batch(cs))
			return STREAM_ERROR;
	}
	if (max > cs->chunk.len - cs->sent)
		max = cs->chunk.len - cs->sent;
	memcpy(out, cs->chunk.p + cs->sent, max);
	cs->sent += max;
	return (long)max;
}

static void csv_free(void *cls)
{
	struct csv_stream *cs = cls;
	for (size_t i = 0; i < sizeof cs->text / sizeof *cs->text; i++)
		free(cs->text[i]);
	buf_release(&cs->chunk);
	free(cs);
}

static const char *own(struct csv_stream *cs, int i, const char *v)
{
	return v ? (cs->text[i] = xstrdup(v)) : NULL;
}

void page_candidates_csv(struct req *r)
{
	struct candidate_query q;
	struct csv_stream *cs;

	if (page_need_login(r))
		return;
	if (candidate_query_from_req(r, &q)) {
		page_error(r, &r->svc.res);
		return;
	}
	cs = xcalloc(1, sizeof *cs);
	cs->svc = r->svc;
	cs->q.q = own(cs, 0, q.q);
	cs->q.status = own(cs, 1, q.status);
	cs->q.certification = own(cs, 2, q.certification);
	cs->q.body_siret = own(cs, 3, q.body_siret);
	cs->q.company_siret = own(cs, 4, q.company_siret);
	cs->q.next_jury = own(cs, 5, q.next_jury);
	cs->q.centre = own(cs, 6, q.centre);
	buf_init(&cs->chunk, (size_t)8 << 20);
	buf_puts(&cs->chunk, "\xEF\xBB\xBF");
	buf_puts(&cs->chunk, "N° candidat;N° inscription;Nom de naissance;Nom d'usage;Prénoms;"
		"Date de naissance;Centre;Certification;Intitulé de la certification;Blocs;"
		"Voie d'accès;Organisme de formation;Entreprise;SIRET de l'entreprise;Inscrit le;"
		"Statut;Prochain jury\r\n");
	/* the first batch now: a refusal is still a page with its status */
	if (csv_batch(cs)) {
		r->svc.res = cs->svc.res;
		csv_free(cs);
		page_error(r, &r->svc.res);
		return;
	}
	r->ctype = "text/csv; charset=utf-8";
	res_header(r, "Content-Disposition", "attachment; filename=\"candidats.csv\"");
	r->stream_fn = csv_read;
	r->stream_free = csv_free;
	r->stream_cls = cs;
}

/* The registration form --------------------------------------------------- */

/* The branch's certifications a candidate registers for, with their
** blocks when they are few. */
struct form_cert {
	char code[48], kind[16];
	char *title;
	json_t *blocks;   /* [{code, title}], or NULL */
};

struct form_certs {
	struct form_cert *v;
	size_t n, cap;
};

static int cert_collect(void *arg, const struct cert_row *row)
{
	struct form_certs *fc = arg;
	if (!strcmp(row->status, "draft") || !strcmp(row->status, "suppressed"))
		return 0;
	if (fc->n == fc->cap) {
		fc->cap = fc->cap ? fc->cap * 2 : 8;
		fc->v = xrealloc(fc->v, fc->cap * sizeof *fc->v);
	}
	memset(&fc->v[fc->n], 0, sizeof fc->v[0]);
	snprintf(fc->v[fc->n].code, sizeof fc->v[0].code, "%s", row->code);
	snprintf(fc->v[fc->n].kind, sizeof fc->v[0].kind, "%s", row->kind);
	fc->v[fc->n].title = xstrdup(row->title);
	fc->n++;
	return fc->n >= 1000;
}

static void certs_release(struct form_certs *fc)
{
	for (size_t i = 0; i < fc->n; i++) {
		free(fc->v[i].title);
		json_decref(fc->v[i].blocks);
	}
	free(fc->v);
}

static int certs_load(struct svc *s, struct form_certs *fc)
{
	struct cat_query q;
	struct cat_page pg;
	static const char *const kinds[] = { "CQPM", "CCPM" };

	for (size_t k = 0; k < 2; k++) {
		memset(&q, 0, sizeof q);
		q.kind = kinds[k];
		q.page = 1;
		q.per_page = 500;
		if (svc_cat_list(s, &q, cert_collect, fc, &pg))
			return -1;
	}
	if (fc->n > FORM_CERTS_MAX)
		return 0;
	for (size_t i = 0; i < fc->n; i++) {
		struct cat_entry e;
		const json_t *bl;
		size_t j;
		if (svc_cat_get(s, fc->v[i].code, 0, &e))
			return -1;
		fc->v[i].blocks = json_array();
		json_array_foreach(json_object_get(e.doc, "blocks"), j, bl)
			if (*jstr(bl, "code"))
				json_array_append_new(fc->v[i].blocks, json_pack("{s:s, s:s}",
					"code", jstr(bl, "code"), "title", jstr(bl, "title")));
		cat_entry_release(&e);
	}
	return 0;
}

/* The bodies habilitated by a centre, for the form's suggestions. */
struct sirets {
	struct buf *b;
	char seen[64][16];
	int n;
};

static int hab_opt(void *arg, const struct body_hab *h)
{
	struct sirets *a = arg;
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->seen[i], h->siret))
			return 0;
	if (a->n < 64)
		snprintf(a->seen[a->n++], sizeof a->seen[0], "%s", h->siret);
	h_fmt(a->b, "<option value=\"%s\">%s (%s)</option>", h->siret, h->body_name, h->centre_code);
	return 0;
}

/* Whether the failure belongs to the form's control name. */
static int err_is(const struct svc_result *err, const char *name)
{
	return err && err->rc != SVC_OK && err->field[0] && !strcmp(err->field, name);
}

static void field_mark(struct buf *b, const struct svc_result *err, const char *name)
{
	if (err_is(err, name))
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", name);
}

/* The failure's message beside the control, with the rule. */
static void field_msg(struct buf *b, const struct svc_result *err, const char *name)
{
	if (!err_is(err, name))
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">%s", name, err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
	h_fmt(b, "</span>");
}

/* A text input named as the service's field. */
static void input(struct req *r, const char *name, const char *label, const char *attrs,
	const char *def, const struct svc_result *err)
{
	struct buf *b = &r->body;
	const char *v = err ? req_form(r, name) : def;
	h_fmt(b, "<div><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\" %r",
		name, label, name, name, nz(v), attrs);
	field_mark(b, err, name);
	h_fmt(b, ">");
	field_msg(b, err, name);
	h_fmt(b, "</div>\n");
}

/* A select of {code, label} rows; empty is "" labelled none (NULL: none). */
static void choice(struct req *r, const char *name, const char *label,
	const char *const (*opts)[2], size_t n, const char *none, const char *def,
	const struct svc_result *err)
{
	struct buf *b = &r->body;
	const char *v = err ? req_form(r, name) : def;
	h_fmt(b, "<div><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"", name, label,
		name, name);
	field_mark(b, err, name);
	h_fmt(b, ">");
	if (none)
		select_opt(b, "", none, v);
	for (size_t i = 0; i < n; i++)
		select_opt(b, opts[i][0], opts[i][1], v);
	h_fmt(b, "</select>");
	field_msg(b, err, name);
	h_fmt(b, "</div>\n");
}

/* Every value of a form field (the ticked blocks), joined by spaces. */
static void form_all(const struct req *r, const char *key, struct buf *out)
{
	for (int i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, key) && r->form[i].value[0]) {
			if (out->len)
				buf_putc(out, ' ');
			buf_puts(out, r->form[i].value);   /* checksrc: ok, for the service, not HTML */
		}
}

/* The fields the form shows in its groups; a failure on another field
** (none here) is shown at the top only. */
static void register_form(struct req *r, const struct svc_result *err)
{
	struct buf *b = &r->body, blocks = BUF_INIT;
	struct form_certs fc = { NULL, 0, 0 };
	struct codes centres = { NULL, 0, 0 };
	struct body body;
	const struct actor *a = &r->svc.actor;
	int national = role_is_national(a->role), is_body = a->role == ROLE_TRAINING_BODY;
	int has_body = 0, listed = 0;
	const char *cert = err ? req_form(r, "certification") : NULL;
	char today[11];
	static const char *const sexes[][2] = { { "F", "Femme" }, { "M", "Homme" } };
	static const char *const registrants[][2] = {
		{ "company", "L'entreprise" },
		{ "training_body", "Un organisme de formation habilité" },
		{ "candidate", "Le candidat lui-même" },
	};
	static const char *const origins[][2] = {
		{ "SL", "SL — salarié" }, { "DE", "DE — demandeur d'emploi" },
	};
	static const char *const sectors[][2] = {
		{ "M", "M — métaux" }, { "HM", "HM — hors métaux (préciser la branche)" },
	};
	const char *routes[ROUTE__MAX][2], *fundings[FUND__MAX][2], *vaes[VAE_KIND__MAX][2];

	for (int i = 0; i < ROUTE__MAX; i++) {
		routes[i][0] = route_key((enum access_route)i);
		routes[i][1] = route_label((enum access_route)i);
	}
	for (int i = 0; i < FUND__MAX; i++) {
		fundings[i][0] = funding_code((enum funding)i);
		fundings[i][1] = funding_label((enum funding)i);
	}
	for (int i = 0; i < VAE_KIND__MAX; i++) {
		vaes[i][0] = vae_kind_code((enum vae_kind)i);
		vaes[i][1] = vae_kind_label((enum vae_kind)i);
	}
	if (certs_load(&r->svc, &fc) ||
	    (national && svc_centre_list(&r->svc, code_collect, &centres)) ||
	    (is_body && (has_body = svc_account_body(&r->svc, &body)) < 0)) {
		certs_release(&fc);
		free(centres.v);
		page_error(r, &r->svc.res);
		return;
	}
	if (err)
		form_all(r, "blocks", &blocks);
	svc_today(&r->svc, today);
	page_begin(r, err ? "Erreur — Inscrire un candidat" : "Inscrire un candidat");
	h_fmt(b, "<p><a href=\"/candidats\">Candidats</a></p>\n<h1>Inscrire un candidat</h1>\n");
	if (err && err->rc != SVC_OK) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">");
		if (err->rule[0])
			h_fmt(b, "Inscription refusée (règle %s) : %s", err->rule, err->message);
		else
			h_fmt(b, "L'inscription n'est pas enregistrée : %s", err->message);
		h_fmt(b, "</p>\n");
	}
	h_fmt(b, "<form method=\"post\" action=\"/candidats/nouveau\" class=\"register\">\n");
	h_csrf(r);

	h_fmt(b, "<fieldset><legend>Candidat</legend>\n");
	input(r, "birth_name", "Nom de naissance", "required maxlength=\"100\" autocomplete=\"family-name\"", NULL, err);
	input(r, "usage_name", "Nom d'usage (s'il diffère)", "maxlength=\"100\"", NULL, err);
	input(r, "first_names", "Prénoms (dans l'ordre de l'état civil)", "required maxlength=\"200\" autocomplete=\"given-name\"", NULL, err);
	choice(r, "sex", "Sexe", sexes, 2, "— Choisir —", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Naissance</legend>\n");
	input(r, "birth_date", "Date de naissance", "type=\"date\" required", NULL, err);
	input(r, "birth_town", "Commune de naissance", "required maxlength=\"100\"", NULL, err);
	input(r, "birth_department", "Département de naissance (France : 01 à 95, 2A, 2B, 971 à 976)", "maxlength=\"3\"", NULL, err);
	input(r, "birth_insee", "Code INSEE de la commune de naissance (France)", "maxlength=\"5\"", NULL, err);
	input(r, "birth_country", "Pays de naissance", "maxlength=\"100\"", "France", err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Coordonnées</legend>\n");
	input(r, "email", "Courriel", "type=\"email\" maxlength=\"254\" autocomplete=\"email\"", NULL, err);
	input(r, "phone", "Téléphone", "type=\"tel\" maxlength=\"30\" autocomplete=\"tel\"", NULL, err);
	input(r, "address", "Adresse", "maxlength=\"300\" autocomplete=\"street-address\"", NULL, err);
	input(r, "postal_code", "Code postal", "maxlength=\"5\" inputmode=\"numeric\" autocomplete=\"postal-code\"", NULL, err);
	input(r, "city", "Commune", "maxlength=\"100\"", NULL, err);

	h_fmt(b, "</fieldset>\n<fieldset><legend>Certification visée</legend>\n");
	if (national) {
		const char *v = err ? req_form(r, "centre") : NULL;
		h_fmt(b, "<div><label for=\"centre\">Centre de certification</label>"
			"<select id=\"centre\" name=\"centre\" required");
		field_mark(b, err, "centre");
		h_fmt(b, ">");
		select_opt(b, "", "— Choisir un centre —", v);
		for (size_t i = 0; i < centres.n; i++)
			select_opt(b, centres.v[i], centres.v[i], v);
		h_fmt(b, "</select>");
		field_msg(b, err, "centre");
		h_fmt(b, "</div>\n");
	} else {
		h_fmt(b, "<p>Centre de certification : <strong>%s</strong></p>\n", a->role == ROLE_TRAINING_BODY ?
			"celui de votre compte" : "votre centre");
	}
	h_fmt(b, "<div><label for=\"certification\">Certification</label>"
		"<select id=\"certification\" name=\"certification\" required");
	field_mark(b, err, "certification");
	h_fmt(b, ">");
	select_opt(b, "", "— Choisir une certification —", cert);
	for (size_t i = 0; i < fc.n; i++) {
		int sel = cert && !strcmp(cert, fc.v[i].code);
		listed |= sel;
		h_fmt(b, "<option value=\"%s\"%r>%s %s — ", fc.v[i].code, sel ? " selected" : "",
			fc.v[i].kind, fc.v[i].code);
		h_short(b, fc.v[i].title, 90);
		h_fmt(b, "</option>");
	}
	if (cert && *cert && !listed)   /* as sent, so that it is kept */
		h_fmt(b, "<option value=\"%s\" selected>%s</option>", cert, cert);
	h_fmt(b, "</select>");
	field_msg(b, err, "certification");
	h_fmt(b, "</div>\n");
	if (fc.n <= FORM_CERTS_MAX) {
		h_fmt(b, "<fieldset class=\"blocks\"");
		field_mark(b, err, "blocks");
		h_fmt(b, "><legend>Blocs visés (ne rien cocher : la certification entière)</legend>\n");
		field_msg(b, err, "blocks");
		for (size_t i = 0; i < fc.n; i++) {
			const json_t *bl;
			size_t j;
			if (!json_array_size(fc.v[i].blocks))
				continue;
			h_fmt(b, "<details%r><summary>Blocs de %s</summary>\n",
				cert && !strcmp(cert, fc.v[i].code) ? " open" : "", fc.v[i].code);
			json_array_foreach(fc.v[i].blocks, j, bl) {
				const char *code = jstr(bl, "code");
				h_fmt(b, "<p><input type=\"checkbox\" id=\"bl-%s\" name=\"blocks\" value=\"%s\"%r> "
					"<label for=\"bl-%s\">%s — %s</label></p>\n", code, code,
					code_in_list(buf_str(&blocks), code) ? " checked" : "", code, code,
					jstr(bl, "title"));
			}
			h_fmt(b, "</details>\n");
		}
		h_fmt(b, "</fieldset>\n");
	} else {
		const char *v = buf_str(&blocks);
		h_fmt(b, "<div><label for=\"blocks\">Blocs visés (codes séparés par des espaces ; vide : "
			"la certification entière)</label><input id=\"blocks\" name=\"blocks\" "
			"maxlength=\"700\" value=\"%s\"", v);
		field_mark(b, err, "blocks");
		h_fmt(b, ">");
		field_msg(b, err, "blocks");
		h_fmt(b, "</div>\n");
	}

	h_fmt(b, "</fieldset>\n<fieldset><legend>Voie d'accès</legend>\n");
	choice(r, "route", "Voie d'accès à la certification", routes, ROUTE__MAX, "— Choisir —", NULL, err);
	choice(r, "vae_kind", "Type de VAE (voie VAE seulement)", vaes, VAE_KIND__MAX, "—", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Inscription faite par</legend>\n");
	if (is_body) {
		h_fmt(b, "<input type=\"hidden\" name=\"registrant\" value=\"training_body\">"
			"<p>Inscription faite par l'organisme de formation <strong>%s</strong>.</p>\n",
			has_body ? body.name : "(compte rattaché à aucun organisme)");
		field_msg(b, err, "registrant");
	} else {
		choice(r, "registrant", "Inscription faite par", registrants, 3, "— Choisir —", NULL, err);
	}
	h_fmt(b, "</fieldset>\n<fieldset><legend>Origine du candidat</legend>\n");
	choice(r, "origin", "Origine (annexe 14)", origins, 2, "— Choisir —", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Financement</legend>\n");
	choice(r, "funding", "Dispositif de financement", fundings, FUND__MAX, "— Choisir —", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Organisme de formation</legend>\n");
	if (is_body) {
		if (has_body)
			h_fmt(b, "<p>%s — SIRET %s</p>\n", body.name, body.siret);
		field_msg(b, err, "body_siret");
	} else {
		struct sirets hs = { b, { { 0 } }, 0 };
		input(r, "body_siret", "SIRET de l'organisme de formation habilité (s'il y en a un)",
			"maxlength=\"20\" inputmode=\"numeric\" list=\"bodies\"", NULL, err);
		h_fmt(b, "<datalist id=\"bodies\">");
		if (svc_hab_list(&r->svc, "", "granted", hab_opt, &hs))
			r->svc.res.rc = SVC_OK;   /* suggestions only */
		h_fmt(b, "</datalist>\n");
	}
	h_fmt(b, "</fieldset>\n<fieldset><legend>Entreprise (salarié ; aucune pour un demandeur "
		"d'emploi)</legend>\n");
	input(r, "company_name", "Raison sociale", "maxlength=\"200\" autocomplete=\"organization\"", NULL, err);
	input(r, "company_siret", "SIRET", "maxlength=\"20\" inputmode=\"numeric\"", NULL, err);
	input(r, "company_naf", "Code NAF (par exemple 25.62B)", "maxlength=\"6\"", NULL, err);
	choice(r, "sector", "Secteur", sectors, 2, "—", NULL, err);
	input(r, "sector_branch", "Branche (hors métaux)", "maxlength=\"200\"", NULL, err);
	input(r, "company_address", "Adresse de l'entreprise", "maxlength=\"300\"", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Tuteur</legend>\n");
	input(r, "tutor", "Tuteur (nom et prénom)", "maxlength=\"200\"", NULL, err);
	h_fmt(b, "</fieldset>\n<fieldset><legend>Sans l'accord de l'employeur</legend>\n"
		"<p><input type=\"checkbox\" id=\"without_agreement\" name=\"without_agreement\" "
		"value=\"1\"%r", err && req_form(r, "without_agreement") ? " checked" : "");
	field_mark(b, err, "without_agreement");
	h_fmt(b, "> <label for=\"without_agreement\">Le salarié s'inscrit de sa propre initiative, "
		"sans l'accord de son employeur</label>");
	field_msg(b, err, "without_agreement");
	h_fmt(b, "</p>\n</fieldset>\n<fieldset><legend>Aménagements (R-EVA-4)</legend>\n"
		"<div><label for=\"accommodations\">Aménagements des épreuves (situation de handicap)"
		"</label><textarea id=\"accommodations\" name=\"accommodations\" rows=\"3\" maxlength=\"1000\"");
	field_mark(b, err, "accommodations");
	h_fmt(b, ">%s</textarea>", err ? nz(req_form(r, "accommodations")) : "");
	field_msg(b, err, "accommodations");
	h_fmt(b, "</div>\n</fieldset>\n<fieldset><legend>Date</legend>\n");
	input(r, "date", "Date de l'inscription", "type=\"date\" required", today, err);
	h_fmt(b, "</fieldset>\n<p><button type=\"submit\">Inscrire le candidat</button></p>\n</form>\n");
	page_end(r);
	buf_release(&blocks);
	certs_release(&fc);
	free(centres.v);
}

void page_candidate_new(struct req *r)
{
	if (page_need_login(r))
		return;
	if (!perm_allows(r->svc.actor.role, PERM_REGISTER)) {
		page_status(r, 403, "Accès refusé",
			"Seuls le centre de certification et les organismes de formation habilités inscrivent des candidats.");
		return;
	}
	register_form(r, NULL);
}

void page_candidate_new_post(struct req *r)
{
	struct candidate_in c;
	struct registration_in g;
	struct buf blocks = BUF_INIT;
	struct svc_result err;
	int64_t kid, rid;
	char loc[64];

	if (page_need_login(r))
		return;
	memset(&c, 0, sizeof c);
	memset(&g, 0, sizeof g);
	c.birth_name = req_form(r, "birth_name");
	c.usage_name = req_form(r, "usage_name");
	c.first_names = req_form(r, "first_names");
	c.sex = req_form(r, "sex");
	c.birth_date = req_form(r, "birth_date");
	c.birth_town = req_form(r, "birth_town");
	c.birth_insee = req_form(r, "birth_insee");
	c.birth_department = req_form(r, "birth_department");
	c.birth_country = req_form(r, "birth_country");
	c.email = req_form(r, "email");
	c.phone = req_form(r, "phone");
	c.address = req_form(r, "address");
	c.postal_code = req_form(r, "postal_code");
	c.city = req_form(r, "city");
	form_all(r, "blocks", &blocks);
	g.centre = req_form(r, "centre");
	g.certification = req_form(r, "certification");
	g.blocks = buf_str(&blocks);
	g.route = req_form(r, "route");
	g.vae_kind = req_form(r, "vae_kind");
	g.registrant = req_form(r, "registrant");
	g.origin = req_form(r, "origin");
	g.funding = req_form(r, "funding");
	g.body_siret = req_form(r, "body_siret");
	g.company_name = req_form(r, "company_name");
	g.company_address = req_form(r, "company_address");
	g.company_siret = req_form(r, "company_siret");
	g.company_naf = req_form(r, "company_naf");
	g.sector = req_form(r, "sector");
	g.sector_branch = req_form(r, "sector_branch");
	g.tutor = req_form(r, "tutor");
	g.without_agreement = req_form(r, "without_agreement") != NULL;
	g.accommodations = req_form(r, "accommodations");
	g.date = req_form(r, "date");
	/* a training body registers in its own name (R-HAB-2) */
	if (r->svc.actor.role == ROLE_TRAINING_BODY) {
		g.registrant = "training_body";
		g.body_siret = NULL;
	}
	if (!svc_candidate_register(&r->svc, &c, &g, &kid, &rid)) {
		buf_release(&blocks);
		snprintf(loc, sizeof loc, "/candidats/%lld?fait=inscription", (long long)kid);
		res_redirect(r, loc);
		return;
	}
	buf_release(&blocks);
	if (!page_form_refused(r, &err))
		register_form(r, &err);
}

/* The candidate's page ----------------------------------------------------- */

static void dd(struct buf *b, const char *dt, const char *v)
{
	if (v && *v)
		h_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", dt, v);
}

static void dd_date(struct buf *b, const char *dt, const char *iso)
{
	if (!iso || !*iso)
		return;
	h_fmt(b, "<dt>%s</dt><dd>", dt);
	h_date(b, iso);
	h_fmt(b, "</dd>\n");
}

static void registration_facts(struct buf *b, const json_t *reg)
{
	const json_t *cert = json_object_get(reg, "certification");
	const json_t *body = json_object_get(reg, "training_body");
	const json_t *co = json_object_get(reg, "company");

	h_fmt(b, "<dl class=\"facts\">\n<dt>Certification</dt><dd><a href=\"/certifications/%u\">%s</a> "
		"(%s) — %s</dd>\n<dt>Version du référentiel</dt><dd>%I</dd>\n",
		jstr(cert, "code"), jstr(cert, "code"), jstr(cert, "kind"), jstr(cert, "title"),
		(int64_t)json_integer_value(json_object_get(cert, "version")));
	h_fmt(b, "<dt>Centre de certification</dt><dd>%s</dd>\n<dt>Voie d'accès</dt><dd>%s</dd>\n",
		jstr(reg, "centre"), jstr(reg, "route_label"));
	if (*jstr(reg, "vae_kind"))
		dd(b, "Type de VAE", vae_kind_text(jstr(reg, "vae_kind")));
	dd(b, "Inscription faite par", jstr(reg, "registrant_label"));
	dd(b, "Origine", origin_text(jstr(reg, "origin")));
	dd(b, "Financement", funding_text(jstr(reg, "funding")));
	if (json_is_object(body))
		h_fmt(b, "<dt>Organisme de formation</dt><dd><a href=\"/organismes/%u\">%s</a> (SIRET %s)</dd>\n",
			jstr(body, "siret"), jstr(body, "name"), jstr(body, "siret"));
	if (json_is_object(co)) {
		h_fmt(b, "<dt>Entreprise</dt><dd>%s — SIRET %s — NAF %s — secteur %s", jstr(co, "name"),
			jstr(co, "siret"), jstr(co, "naf"), jstr(co, "sector"));
		if (*jstr(co, "sector_branch"))
			h_fmt(b, " (branche : %s)", jstr(co, "sector_branch"));
		if (*jstr(co, "address"))
			h_fmt(b, "<br>%s", jstr(co, "address"));
		h_fmt(b, "</dd>\n");
	}
	dd(b, "Tuteur", jstr(reg, "tutor"));
	if (json_is_true(json_object_get(reg, "without_employer_agreement")))
		h_fmt(b, "<dt>Sans l'accord de l'employeur</dt><dd>Oui</dd>\n");
	dd(b, "Aménagements (R-EVA-4)", jstr(reg, "accommodations"));
	dd_date(b, "Inscrit le", jstr(reg, "registered_on"));
	dd(b, "État de l'inscription", jstr(reg, "registration_status_label"));
	dd_date(b, "Prochain jury", jstr(reg, "next_jury"));
	h_fmt(b, "<dt>Avis de l'entreprise (R-EVA-3)</dt><dd>%r</dd>\n",
		json_is_true(json_object_get(reg, "company_opinion_required")) ? "requis" : "non requis");
	h_fmt(b, "<dt>Résultat</dt><dd><strong>%s</strong></dd>\n</dl>\n", jstr(reg, "status_label"));
}

static void blocks_table(struct buf *b, const json_t *reg)
{
	const json_t *blocks = json_object_get(reg, "blocks");
	const json_t *bl, *c;
	size_t i, j;

	if (json_array_size(blocks)) {
		h_fmt(b, "<table><caption>Blocs de compétences</caption><thead><tr>"
			"<th scope=\"col\">Bloc</th><th scope=\"col\">Intitulé</th>"
			"<th scope=\"col\">Compétences</th><th scope=\"col\">État</th></tr></thead><tbody>\n");
		json_array_foreach(blocks, i, bl) {
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>", jstr(bl, "code"), jstr(bl, "title"));
			json_array_foreach(json_object_get(bl, "competences"), j, c)
				h_fmt(b, "%r%s", j ? ", " : "", json_string_value(c));
			h_fmt(b, "</td><td>%s", *jstr(bl, "state_label") ? jstr(bl, "state_label") : "—");
			if (json_object_get(bl, "kept_from_jury")) {
				h_fmt(b, "<br><span class=\"kept\">");
				h_kept(b, bl);
				h_fmt(b, "</span>");
			}
			h_fmt(b, "</td></tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	}
	h_fmt(b, "<table><caption>Compétences et résultats des évaluations</caption><thead><tr>"
		"<th scope=\"col\">Compétence</th><th scope=\"col\">Intitulé</th>"
		"<th scope=\"col\">Bloc</th><th scope=\"col\">Résultat</th>"
		"<th scope=\"col\">Modalité</th><th scope=\"col\">Évaluée le</th>"
		"<th scope=\"col\">Évaluateur</th></tr></thead><tbody>\n");
	json_array_foreach(json_object_get(reg, "competences"), i, c) {
		const char *mod = jstr(c, "modality");
		int m = modality_from_key(mod);
		h_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s", jstr(c, "code"),
			jstr(c, "title"), *jstr(c, "block") ? jstr(c, "block") : "—",
			jstr(c, "result_label"));
		if (*jstr(c, "kept_from_jury")) {
			h_fmt(b, " (bloc acquis au jury du ");
			h_date(b, jstr(c, "kept_from_jury"));
			h_fmt(b, ")");
		}
		h_fmt(b, "</td><td>%s</td><td>", m >= 0 ? modality_label((enum modality)m) : mod);
		h_date(b, jstr(c, "evaluated_on"));
		h_fmt(b, "</td><td>%s</td></tr>\n", jstr(c, "evaluator"));
	}
	h_fmt(b, "</tbody></table>\n");
}

static const char *acquired_notice(const char *what)
{
	if (!what)
		return NULL;
	if (!strcmp(what, "inscription"))
		return "Le candidat est inscrit.";
	if (!strcmp(what, "acquis"))
		return "L'acquis du jury antérieur est enregistré.";
	return NULL;
}

static void acquired_form(struct req *r, const json_t *doc, const struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *reg = json_object_get(doc, "registration");
	const char *cert = json_is_object(reg) ?
		jstr(json_object_get(reg, "certification"), "code") : "";

	h_fmt(b, "<h2 id=\"acquis\">Enregistrer un acquis d'un jury antérieur (R-LET-3)</h2>\n"
		"<p>Un bloc ou une compétence acquis devant un jury antérieur (procès-verbal tenu "
		"avant cqpm ou jury d'un autre centre) est conservé pour la durée de validité "
		"enregistrée de la certification, à compter de la décision du jury.</p>\n");
	if (err && err->rc != SVC_OK) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">L'acquis n'est pas enregistré : %s", err->message);
		if (err->rule[0])
			h_fmt(b, " (règle %s)", err->rule);
		h_fmt(b, "</p>\n");
	}
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/acquis\">\n",
		(int64_t)json_integer_value(json_object_get(doc, "id")));
	h_csrf(r);
	input(r, "certification", "Certification (code)", "required maxlength=\"60\"", cert, err);
	input(r, "unit", "Bloc ou compétence (code, par exemple RNCP28235BC01 ou C3)",
		"required maxlength=\"40\"", NULL, err);
	input(r, "jury_date", "Date de la décision du jury", "type=\"date\" required", NULL, err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer l'acquis</button></div></form>\n");
}

static void candidate_page(struct req *r, int64_t id, const struct svc_result *err)
{
	json_t *doc;
	const json_t *idn, *ct, *reg, *v;
	struct buf *b = &r->body;
	const char *notice = err ? NULL : acquired_notice(req_query(r, "fait"));
	size_t i;
	int shown = 0;

	if (svc_candidate_doc(&r->svc, id, &doc)) {
		page_error(r, &r->svc.res);
		return;
	}
	idn = json_object_get(doc, "identity");
	ct = json_object_get(doc, "contact");
	reg = json_object_get(doc, "registration");
	{
		char title[820];   /* plain text: page_begin escapes it */
		snprintf(title, sizeof title, "%s %s", jstr(idn, "birth_name"), jstr(idn, "first_names"));
		page_begin(r, title);
	}
	h_fmt(b, "<p><a href=\"/candidats\">Candidats</a></p>\n<h1>%s %s</h1>\n",
		jstr(idn, "birth_name"), jstr(idn, "first_names"));
	if (notice)
		h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	h_fmt(b, "<p>Candidat n° %I — centre %s — <strong>%s</strong></p>\n", (int64_t)id,
		jstr(doc, "centre"), jstr(doc, "status_label"));
	h_fmt(b, "<nav aria-label=\"Parcours du candidat\"><ul class=\"links\">"
		"<li><a href=\"/candidats/%I/dossier\">Dossier d'évaluation</a></li>"
		"<li><a href=\"/candidats/%I/evaluations\">Évaluations</a></li>"
		"<li><a href=\"/candidats/%I/avis\">Avis de l'entreprise</a></li>"
		"<li><a href=\"/candidats/%I/synthese\">Synthèse des évaluations</a> "
		"(<a href=\"/candidats/%I/synthese.pdf\">PDF</a>)</li>", id, id, id, id, id);
	if (json_is_object(reg) && !strcmp(jstr(reg, "route"), "vae"))
		h_fmt(b, "<li><a href=\"/candidats/%I/vae\">Validation des acquis de l'expérience</a></li>", id);
	h_fmt(b, "<li><a href=\"/candidats/%I/documents\">Documents</a></li></ul></nav>\n", id);

	h_fmt(b, "<h2>Identité</h2>\n<dl class=\"facts\">\n");
	dd(b, "Nom de naissance", jstr(idn, "birth_name"));
	dd(b, "Nom d'usage", jstr(idn, "usage_name"));
	dd(b, "Prénoms", jstr(idn, "first_names"));
	dd(b, "Sexe", !strcmp(jstr(idn, "sex"), "F") ? "Femme" : "Homme");
	dd_date(b, "Date de naissance", jstr(idn, "birth_date"));
	h_fmt(b, "<dt>Lieu de naissance</dt><dd>%s", jstr(idn, "birth_town"));
	if (*jstr(idn, "birth_department"))
		h_fmt(b, " (%s)", jstr(idn, "birth_department"));
	h_fmt(b, ", %s", jstr(idn, "birth_country"));
	if (*jstr(idn, "birth_insee"))
		h_fmt(b, " — code INSEE %s", jstr(idn, "birth_insee"));
	h_fmt(b, "</dd>\n</dl>\n<h2>Coordonnées</h2>\n");
	if (!*jstr(ct, "email") && !*jstr(ct, "phone") && !*jstr(ct, "address") && !*jstr(ct, "city")) {
		h_fmt(b, "<p>Aucune coordonnée enregistrée.</p>\n");
	} else {
		h_fmt(b, "<dl class=\"facts\">\n");
		if (*jstr(ct, "email"))
			h_fmt(b, "<dt>Courriel</dt><dd><a href=\"mailto:%s\">%s</a></dd>\n",
				jstr(ct, "email"), jstr(ct, "email"));
		dd(b, "Téléphone", jstr(ct, "phone"));
		if (*jstr(ct, "address") || *jstr(ct, "city"))
			h_fmt(b, "<dt>Adresse</dt><dd>%s %s %s</dd>\n", jstr(ct, "address"),
				jstr(ct, "postal_code"), jstr(ct, "city"));
		h_fmt(b, "</dl>\n");
	}

	if (json_is_object(reg)) {
		h_fmt(b, "<h2>Inscription n° %I</h2>\n",
			(int64_t)json_integer_value(json_object_get(reg, "id")));
		registration_facts(b, reg);
		blocks_table(b, reg);
	} else {
		h_fmt(b, "<h2>Inscription</h2>\n<p>Aucune inscription.</p>\n");
	}

	h_fmt(b, "<h2>Blocs et compétences acquis</h2>\n");
	json_array_foreach(json_object_get(doc, "acquired_blocks"), i, v) {
		if (!shown++)
			h_fmt(b, "<table><thead><tr><th scope=\"col\">Certification</th>"
				"<th scope=\"col\">Bloc ou compétence</th><th scope=\"col\">Acquis et "
				"conservation (R-LET-3)</th></tr></thead><tbody>\n");
		h_fmt(b, "<tr><td>%s</td><td>%s%r%s</td><td>", jstr(v, "certification"), jstr(v, "code"),
			*jstr(v, "title") ? " — " : "", jstr(v, "title"));
		h_kept(b, v);
		h_fmt(b, "</td></tr>\n");
	}
	if (shown)
		h_fmt(b, "</tbody></table>\n");
	else
		h_fmt(b, "<p>Aucun bloc ni aucune compétence acquis à ce jour.</p>\n");

	shown = 0;
	json_array_foreach(json_object_get(doc, "registrations"), i, v) {
		const json_t *c = json_object_get(v, "certification");
		if (!i)
			continue;   /* the current one, above */
		if (!shown++)
			h_fmt(b, "<h2>Inscriptions antérieures</h2>\n<ul>\n");
		h_fmt(b, "<li>Inscription n° %I du ", (int64_t)json_integer_value(json_object_get(v, "id")));
		h_date(b, jstr(v, "registered_on"));
		h_fmt(b, " : <a href=\"/certifications/%u\">%s</a> %s — %s — %s ; résultat : %s</li>\n",
			jstr(c, "code"), jstr(c, "code"), jstr(c, "title"), jstr(v, "route_label"),
			jstr(v, "registration_status_label"), jstr(v, "status_label"));
	}
	if (shown)
		h_fmt(b, "</ul>\n");
	if (perm_allows(r->svc.actor.role, PERM_DOSSIER_WRITE))
		acquired_form(r, doc, err);
	page_end(r);
	json_decref(doc);
}

/* The candidate's number from the path; 0 when it is not one. */
static int64_t path_id(const char *p)
{
	long n = p ? parse_count(p, 1, 999999999) : -1;
	return n < 0 ? 0 : n;
}

void page_candidate(struct req *r)
{
	int64_t id;

	if (page_need_login(r))
		return;
	if (!(id = path_id(r->param))) {
		page_status(r, 404, "Page introuvable", "Ce numéro de candidat n'existe pas.");
		return;
	}
	candidate_page(r, id, NULL);
}

void page_candidate_acquired(struct req *r)
{
	struct svc_result err;
	int64_t id;
	char loc[80];

	if (page_need_login(r))
		return;
	if (!(id = path_id(r->param))) {
		page_status(r, 404, "Page introuvable", "Ce numéro de candidat n'existe pas.");
		return;
	}
	if (!svc_acquired_record(&r->svc, id, req_form(r, "certification"), req_form(r, "unit"),
		req_form(r, "jury_date"))) {
		snprintf(loc, sizeof loc, "/candidats/%lld?fait=acquis#acquis", (long long)id);
		res_redirect(r, loc);
		return;
	}
	if (!page_form_refused(r, &err))
		candidate_page(r, id, &err);
}
