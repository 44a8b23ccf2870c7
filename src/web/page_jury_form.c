/*
** Form helpers of the jury's pages (page_jury_form.h).
*/
#include "web/page_jury_form.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

const struct svc_result *jf_err(const struct view *v, const char *form, const char *row)
{
	if (!v->form || !v->err || v->err->rc == SVC_OK || !same(v->form, form))
		return NULL;
	if (row && !same(v->row, row))
		return NULL;
	return v->err;
}

const char *jf_val(const struct view *v, const char *form, const char *row,
	const char *name, const char *dflt)
{
	const char *s;
	if (!jf_err(v, form, row))
		return dflt ? dflt : "";
	s = req_form(v->r, name);
	return s ? s : "";
}

void jf_err_text(struct buf *b, const struct svc_result *err)
{
	h_fmt(b, "%s", err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
}

static int err_on(const struct svc_result *err, const char *name)
{
	return err && err->rc != SVC_OK && err->field[0] && !strcmp(err->field, name);
}

void jf_top_error(struct buf *b, const struct svc_result *err, const char *const *names)
{
	if (!err || err->rc == SVC_OK)
		return;
	for (; names && *names; names++)
		if (err_on(err, *names))
			return;
	h_fmt(b, "<p class=\"error\" role=\"alert\">");
	jf_err_text(b, err);
	h_fmt(b, "</p>\n");
}

static void aria(struct buf *b, int bad, const char *idp, const char *name)
{
	if (bad)
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s%s\"", idp, name);
}

static void field_error(struct buf *b, int bad, const char *idp, const char *name,
	const struct svc_result *err)
{
	if (!bad)
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s%s\" role=\"alert\">", idp, name);
	jf_err_text(b, err);
	h_fmt(b, "</span>");
}

void jf_input(struct buf *b, const char *idp, const char *name, const char *label,
	const char *type, const char *value, const char *attrs, const struct svc_result *err)
{
	int bad = err_on(err, name);
	h_fmt(b, "<div><label for=\"%s%s\">%s</label><input type=\"%r\" id=\"%s%s\" name=\"%s\" "
		"value=\"%s\" %r", idp, name, label, type, idp, name, name, value ? value : "",
		attrs ? attrs : "");
	aria(b, bad, idp, name);
	h_fmt(b, ">");
	field_error(b, bad, idp, name, err);
	h_fmt(b, "</div>\n");
}

void jf_textarea(struct buf *b, const char *idp, const char *name, const char *label,
	const char *value, const char *attrs, const struct svc_result *err)
{
	int bad = err_on(err, name);
	h_fmt(b, "<div><label for=\"%s%s\">%s</label><textarea id=\"%s%s\" name=\"%s\" %r",
		idp, name, label, idp, name, name, attrs ? attrs : "");
	aria(b, bad, idp, name);
	h_fmt(b, ">%s</textarea>", value ? value : "");
	field_error(b, bad, idp, name, err);
	h_fmt(b, "</div>\n");
}

void jf_check(struct buf *b, const char *idp, const char *name, const char *label,
	int checked, const struct svc_result *err)
{
	int bad = err_on(err, name);
	h_fmt(b, "<div><p><input type=\"checkbox\" id=\"%s%s\" name=\"%s\" value=\"1\"%r",
		idp, name, name, checked ? " checked" : "");
	aria(b, bad, idp, name);
	h_fmt(b, "> <label for=\"%s%s\">%s</label></p>", idp, name, label);
	field_error(b, bad, idp, name, err);
	h_fmt(b, "</div>\n");
}

void jf_select(struct buf *b, const char *idp, const char *name, const char *label,
	const char *value, const char *empty, const char *const *codes,
	const char *const *labels, size_t n, const struct svc_result *err)
{
	int bad = err_on(err, name);
	h_fmt(b, "<div><label for=\"%s%s\">%s</label><select id=\"%s%s\" name=\"%s\"",
		idp, name, label, idp, name, name);
	aria(b, bad, idp, name);
	h_fmt(b, ">");
	if (empty)
		h_fmt(b, "<option value=\"\">%s</option>", empty);
	for (size_t i = 0; i < n; i++)
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", codes[i],
			same(value, codes[i]) ? " selected" : "", labels[i]);
	h_fmt(b, "</select>");
	field_error(b, bad, idp, name, err);
	h_fmt(b, "</div>\n");
}

void jf_open(struct req *r, const char *cls, const char *action)
{
	h_fmt(&r->body, "<form class=\"%s\" method=\"post\" action=\"%s\">", cls ? cls : "stack",
		action);
	h_csrf(r);
}

void jf_button(struct req *r, const char *action, const char *name, const char *value,
	const char *label)
{
	jf_open(r, "inline", action);
	if (name)
		h_fmt(&r->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, value);
	h_fmt(&r->body, "<button type=\"submit\">%s</button></form>", label);
}

long jf_count(const char *v, long max)
{
	char *end;
	long n;
	if (!v || !*v || strlen(v) > 6 || *v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	return *end || n > max ? -1 : n;
}

int64_t jf_id(const char *v)
{
	long long n;
	char *end;
	if (!v || !*v || strlen(v) > 9 || *v < '0' || *v > '9')
		return 0;
	n = strtoll(v, &end, 10);
	return *end || n < 1 ? 0 : (int64_t)n;
}

int64_t jint(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

int jtrue(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

static int centre_collect(void *arg, const struct centre *c)
{
	struct centres *cs = arg;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 8;
		cs->code = xrealloc(cs->code, cs->cap * sizeof *cs->code);
		cs->name = xrealloc(cs->name, cs->cap * sizeof *cs->name);
	}
	cs->code[cs->n] = xstrdup(c->code);
	cs->name[cs->n++] = xstrdup(c->name);
	return cs->n >= 1000;
}

void centres_load(struct svc *s, struct centres *cs)
{
	memset(cs, 0, sizeof *cs);
	if (svc_centre_list(s, centre_collect, cs))
		s->res.rc = SVC_OK;   /* no list: the service refuses what is sent */
}

void centres_release(struct centres *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->code[i]);
		free(cs->name[i]);
	}
	free(cs->name);
	free(cs->code);
}
