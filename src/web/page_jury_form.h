/*
** The small form helpers of the jury's pages (page_jury.c, page_gtp.c):
** a refused form is drawn again with the service's message and rule
** beside the control it names (or at the form's top), and with the
** values that were sent.
*/
#ifndef CQPM_PAGE_JURY_FORM_H
#define CQPM_PAGE_JURY_FORM_H
#include "web/web_int.h"

/* The page being drawn and, after a refused post, which form was refused
** (its name, and the row it was about: a member, a candidate, a jury). */
struct view {
	struct req *r;
	const char *form;              /* NULL: nothing refused */
	const char *row;               /* the refused form's row, or NULL */
	struct svc_result *err;
};

/* The refusal when the form (and row, when row is not NULL) is the one
** refused, else NULL. */
const struct svc_result *jf_err(const struct view *v, const char *form, const char *row);
/* The value sent for control name when the form was refused, else dflt. */
const char *jf_val(const struct view *v, const char *form, const char *row,
	const char *name, const char *dflt);
/* The service's message, then " (règle R-JUR-3)" when a rule refused. */
void jf_err_text(struct buf *b, const struct svc_result *err);
/* The refusal at a form's top when it names none of the form's
** controls (names NULL-terminated, may be NULL). */
void jf_top_error(struct buf *b, const struct svc_result *err, const char *const *names);
/* <div><label>…</label><input …></div>; id is prefixed by idp (unique ids
** when one form repeats per row), name is the control's. */
void jf_input(struct buf *b, const char *idp, const char *name, const char *label,
	const char *type, const char *value, const char *attrs, const struct svc_result *err);
void jf_textarea(struct buf *b, const char *idp, const char *name, const char *label,
	const char *value, const char *attrs, const struct svc_result *err);
/* A checkbox with its label after it. */
void jf_check(struct buf *b, const char *idp, const char *name, const char *label,
	int checked, const struct svc_result *err);
/* A select: codes[i]/labels[i] up to n; empty adds a first empty choice. */
void jf_select(struct buf *b, const char *idp, const char *name, const char *label,
	const char *value, const char *empty, const char *const *codes,
	const char *const *labels, size_t n, const struct svc_result *err);
/* A <form method="post" action="…"> with the CSRF field. */
void jf_open(struct req *r, const char *cls, const char *action);
/* A form of one button (and one hidden field when name is not NULL). */
void jf_button(struct req *r, const char *action, const char *name, const char *value,
	const char *label);
/* A number of the form, 0..max, or -1. */
long jf_count(const char *v, long max);
/* "12" → 12; 0 when it is not a number 1..999 999 999. */
int64_t jf_id(const char *v);
/* The member's integer as int64. */
int64_t jint(const json_t *o, const char *key);
int jtrue(const json_t *o, const char *key);

/* The centres the actor sees (codes and names), for the selects; an
** empty list when they cannot be read. */
struct centres {
	char **code;
	char **name;
	size_t n, cap;
};
void centres_load(struct svc *s, struct centres *cs);
void centres_release(struct centres *cs);

/* page_gtp.c: the follow-up form of corrective action cid of jury id
** (the jury's page and the GTP's). */
void gtp_follow_form(struct view *v, int64_t jury_id, const char *cid);

#endif
