/*
** The jury paritaire before its sitting (R-JUR-1..9): the representative
** unions, what a centre prints on its documents, the calendar, the
** composition, the designation requests, the notices to the CPREFP and
** the convocations. The rules are core/jury.c's; this file checks the
** fields at the edge, the actor's rights and reach, loads, stores and
** audits. The sitting and the jury's document are in svc_sitting.c.
*/
#include "service/svc_jury_int.h"
#include "core/award.h"
#include "core/catalogue.h"
#include "core/gtp.h"
#include "core/validate.h"
#include "util/xalloc.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nz(const char *v)
{
	return v ? v : "";
}

void jury_res_clear(struct svc *s)
{
	memset(&s->res, 0, sizeof s->res);
}

/* The jury's context ------------------------------------------------------- */

int jury_perm(struct svc *s, enum jury_reach reach)
{
	int manage = perm_allows(s->actor.role, PERM_JURY_MANAGE);
	int sit = perm_allows(s->actor.role, PERM_JURY_SIT);

	jury_res_clear(s);
	if (reach == JR_MANAGE && !manage)
		return svc_fail(s, SVC_DENIED, NULL, NULL, sit ?
			"Un membre du jury consulte le jury sur lequel il siège ; seul le centre de certification l'organise." :
			"Seul le centre de certification organise les jurys paritaires de délibération.");
	if (!manage && !sit)
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès aux jurys paritaires de délibération.");
	return 0;
}

static int member_collect(void *arg, const struct jury_member_row *m)
{
	struct jury_ctx *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->mr = xrealloc(c->mr, c->cap * sizeof *c->mr);
	}
	c->mr[c->n++] = *m;
	return c->n > JURY_MAX_MEMBERS * 2;
}

static int union_collect(void *arg, const struct union_row *u)
{
	struct jury_ctx *c = arg;
	if (c->nu == c->ucap) {
		c->ucap = c->ucap ? c->ucap * 2 : 8;
		c->u = xrealloc(c->u, c->ucap * sizeof *c->u);
	}
	c->u[c->nu++] = *u;
	return c->nu > JURY_MAX_UNIONS;
}

static int request_collect(void *arg, const char *code, const char *sent_on)
{
	struct jury_ctx *c = arg;
	if (c->nreq == c->reqcap) {
		c->reqcap = c->reqcap ? c->reqcap * 2 : 8;
		c->req_code = xrealloc(c->req_code, c->reqcap * sizeof *c->req_code);
		c->req_sent = xrealloc(c->req_sent, c->reqcap * sizeof *c->req_sent);
	}
	snprintf(c->req_code[c->nreq], sizeof c->req_code[0], "%s", code);
	snprintf(c->req_sent[c->nreq], sizeof c->req_sent[0], "%s", sent_on);
	c->nreq++;
	return c->nreq > 64;
}

/* The core's views of the rows (after every row is read: no realloc
** moves them afterwards). */
static void ctx_views(struct jury_ctx *c)
{
	free(c->m);
	free(c->ucodes);
	free(c->req);
	c->m = xcalloc(c->n ? c->n : 1, sizeof *c->m);
	for (size_t i = 0; i < c->n; i++) {
		const struct jury_member_row *r = &c->mr[i];
		int role = jury_role_from_code(r->role), branch = jury_branch_from_code(r->branch);
		c->m[i].name = r->name;
		c->m[i].role = role < 0 ? JROLE__MAX : (enum jury_role)role;
		c->m[i].branch = branch < 0 ? BRANCH__MAX : (enum jury_branch)branch;
		c->m[i].union_code = r->union_code;
		c->m[i].branch_employee = r->branch_employee;
		c->m[i].votes = r->votes;
		c->m[i].president = r->president;
		c->m[i].convened_on = r->convened_on;
		c->m[i].present = r->present;
	}
	c->ucodes = xcalloc(c->nu ? c->nu : 1, sizeof *c->ucodes);
	for (size_t i = 0; i < c->nu; i++)
		c->ucodes[i] = c->u[i].code;
	c->req = xcalloc(c->nreq ? c->nreq : 1, sizeof *c->req);
	for (size_t i = 0; i < c->nreq; i++) {
		c->req[i].union_code = c->req_code[i];
		c->req[i].sent_on = c->req_sent[i];
	}
}

int jury_ctx_load(struct svc *s, int64_t id, enum jury_reach reach, struct jury_ctx *c)
{
	int found, st;
	const struct jury_member_row *me = NULL;

	memset(c, 0, sizeof *c);
	svc_today(s, c->today);
	snprintf(c->object, sizeof c->object, "jury:%lld", (long long)id);
	found = store_jury_get(s->st, id, &c->j);
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des jurys impossible.");
	if (found && store_jury_members(s->st, id, member_collect, c))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des membres du jury impossible.");
	if (found && !perm_allows(s->actor.role, PERM_JURY_MANAGE)) {
		/* a jury member reaches the juries he sits on, and only them */
		for (size_t i = 0; i < c->n && !me; i++)
			if (s->actor.user_id && c->mr[i].account_id == s->actor.user_id)
				me = &c->mr[i];
		found = me != NULL;
	} else if (found) {
		found = perm_scope_ok(&s->actor, c->j.centre_id);
	}
	if (!found)
		return svc_fail(s, SVC_NOTFOUND, "jury", NULL,
			"Aucun jury n° %lld parmi ceux que vous suivez.", (long long)id);
	if (reach == JR_PRESIDE && me && !me->president)
		return svc_fail(s, SVC_DENIED, NULL, "R-JUR-7",
			"Seul le président du jury enregistre les décisions et signe le procès-verbal ; les autres membres consultent le jury.");
	if (store_union_list(s->st, 1, union_collect, c) ||
	    store_jury_requests(s->st, id, request_collect, c))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organisations syndicales impossible.");
	ctx_views(c);
	st = jury_state_from_code(c->j.state);
	c->sess.state = st < 0 ? JURY_STATE__MAX : (enum jury_state)st;
	c->sess.centre_id = c->j.centre_id;
	snprintf(c->sess.date, sizeof c->sess.date, "%s", c->j.date);
	c->sess.conformity_checked = c->j.conformity_checked;
	snprintf(c->sess.opened_on, sizeof c->sess.opened_on, "%s", c->j.opened_on);
	snprintf(c->sess.signed_on, sizeof c->sess.signed_on, "%s", c->j.signed_on);
	c->anonymous = !jury_identity_visible(s->actor.role, c->sess.state);
	return 0;
}

void jury_ctx_release(struct jury_ctx *c)
{
	free(c->mr);
	free(c->m);
	free(c->u);
	free(c->ucodes);
	free(c->req);
	free(c->req_code);
	free(c->req_sent);
	memset(c, 0, sizeof *c);
}

int jury_ctx_save(struct svc *s, struct jury_ctx *c)
{
	int rc;
	snprintf(c->j.date, sizeof c->j.date, "%s", c->sess.date);
	snprintf(c->j.state, sizeof c->j.state, "%s", nz(jury_state_code(c->sess.state)));
	c->j.conformity_checked = c->sess.conformity_checked;
	snprintf(c->j.opened_on, sizeof c->j.opened_on, "%s", c->sess.opened_on);
	snprintf(c->j.signed_on, sizeof c->j.signed_on, "%s", c->sess.signed_on);
	svc_now_iso(s, c->j.updated_at);
	rc = store_jury_update(s->st, &c->j);
	return rc ? svc_store_failed(s, rc, "Enregistrement du jury") : 0;
}

void jury_ctx_changed(struct jury_ctx *c, enum jury_change ch)
{
	if (jury_change_informs_cprefp(ch))
		c->j.revision++;
}

struct jury_member_row *jury_ctx_member(struct jury_ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->mr[i].id == id)
			return &c->mr[i];
	return NULL;
}

/* -1 with SVC_RULE unless the jury is planned: what is changed here is
** the preparation of the jury. */
static int planned_only(struct svc *s, const struct jury_ctx *c, const char *what)
{
	if (c->sess.state == JURY_PLANNED)
		return 0;
	return svc_fail(s, SVC_RULE, "state", "R-JUR-2",
		"Le jury est à l'état « %s » : %s n'est possible que tant qu'il est prévu.",
		nz(jury_state_label(c->sess.state)), what);
}

/* Rolls back and returns -1. */
static int abort_op(struct svc *s)
{
	store_rollback(s->st);
	return -1;
}

/* sent_on, or today when NULL or "", checked: not after today. */
static int day_of(struct svc *s, const char *field, const char *in, const char *today,
	char out[DATE_LEN])
{
	char d1[DATE_LEN], d2[DATE_LEN];
	if (!in || !*in) {
		snprintf(out, DATE_LEN, "%s", today);
		return 0;
	}
	if (v_date(in))
		return svc_fail(s, SVC_INVALID, field, NULL, "Date invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(in, today) > 0)
		return svc_fail(s, SVC_INVALID, field, NULL,
			"Un envoi daté du %s ne peut pas être enregistré le %s : il n'est pas encore parti.",
			date_fr(in, d1), date_fr(today, d2));
	snprintf(out, DATE_LEN, "%s", in);
	return 0;
}

/* Representative unions ----------------------------------------------------- */

static const char *union_code_check(const char *c)
{
	size_t n = c ? strlen(c) : 0;
	if (n < 1 || n > UNION_CODE_MAX)
		return "de 1 à 32 caractères";
	for (size_t i = 0; i < n; i++)
		if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '-'))
			return "lettres majuscules sans accent, chiffres et « - » seulement";
	return NULL;
}

static json_t *union_json(const struct union_row *u)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "code", u->code, "name", u->name,
		"email", u->email, "representative", u->representative);
}

int svc_union_put(struct svc *s, const char *code, const char *name,
	const char *email, int representative)
{
	struct union_row *u = xcalloc(2, sizeof *u);
	const char *m;
	char object[64];
	int found, rc = -1, wrc;

	jury_res_clear(s);
	if (!perm_allows(s->actor.role, PERM_UNION_WRITE)) {
		svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national tient la liste des organisations syndicales représentatives.");
		goto out;
	}
	if ((m = union_code_check(code))) {
		svc_fail(s, SVC_INVALID, "code", NULL, "Sigle de l'organisation syndicale : %s.", m);
		goto out;
	}
	if ((m = v_text(name, 200, 0))) {
		svc_fail(s, SVC_INVALID, "name", NULL, "Nom de l'organisation syndicale : %s.", m);
		goto out;
	}
	if ((m = v_email(nz(email)))) {
		svc_fail(s, SVC_INVALID, "email", NULL, "Courriel de l'organisation syndicale : %s.", m);
		goto out;
	}
	snprintf(u->code, sizeof u->code, "%s", code);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->email, sizeof u->email, "%s", nz(email));
	u->representative = representative != 0;
	svc_now_iso(s, u->updated_at);
	if (svc_begin(s))
		goto out;
	found = store_union_get(s->st, code, &u[1]);
	if (found < 0 || (wrc = store_union_put(s->st, u))) {
		svc_store_abort(s, found < 0 ? -1 : wrc, "Enregistrement de l'organisation syndicale");
		goto out;
	}
	snprintf(object, sizeof object, "union:%s", code);
	rc = svc_commit_audit(s, "union.put", object, json_pack("{s:o, s:o}",
		"old", found ? union_json(&u[1]) : json_null(), "new", union_json(u)));
out:
	free(u);
	return rc;
}

static int union_list_collect(void *arg, const struct union_row *u)
{
	json_array_append_new(arg, union_json(u));
	return 0;
}

int svc_union_list(struct svc *s, json_t **out)
{
	json_t *a;
	jury_res_clear(s);
	*out = NULL;
	if (s->actor.role == ROLE_PUBLIC || s->actor.role >= ROLE__MAX)
		return svc_fail(s, SVC_UNAUTH, NULL, NULL, "Connectez-vous pour consulter cette liste.");
	a = json_array();
	if (store_union_list(s->st, 0, union_list_collect, a)) {
		json_decref(a);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des organisations syndicales impossible.");
	}
	*out = a;
	return 0;
}

/* What a centre prints -------------------------------------------------------- */

static const char *png_check(const unsigned char *p, size_t n)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (n > CENTRE_IMAGE_MAX)
		return "2 Mo au plus";
	if (n < 8 || memcmp(p, sig, 8))
		return "une image PNG est attendue";
	return NULL;
}

int svc_centre_set_docs(struct svc *s, const char *centre_code,
	const struct centre_docs *d)
{
	struct centre c;
	struct centre_docs_row old, row;
	const char *m;
	int found, wrc;

	jury_res_clear(s);
	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification ou l'administrateur national règle ses documents.");
	if (d->number < 0 || d->number > CERT_CENTRE_MAX)
		return svc_fail(s, SVC_INVALID, "number", NULL,
			"Numéro national du centre : de 1 à %d.", CERT_CENTRE_MAX);
	if ((m = v_text(d->city, 100, 1)))
		return svc_fail(s, SVC_INVALID, "city", NULL, "Ville : %s.", m);
	if ((m = v_text(d->signatory, 200, 1)))
		return svc_fail(s, SVC_INVALID, "signatory", NULL, "Signataire : %s.", m);
	if (d->letterhead && (m = png_check(d->letterhead, d->letterhead_len)))
		return svc_fail(s, SVC_INVALID, "letterhead", NULL, "En-tête : %s.", m);
	if (d->signature && (m = png_check(d->signature, d->signature_len)))
		return svc_fail(s, SVC_INVALID, "signature", NULL, "Signature : %s.", m);
	if (svc_begin(s))
		return -1;
	found = store_centre_by_code(s->st, nz(centre_code), &c);
	if (found < 0)
		return svc_store_abort(s, -1, "Lecture des centres");
	if (!found || !perm_scope_ok(&s->actor, c.id)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Centre inconnu.");
	}
	if (store_centre_docs_get(s->st, c.id, &old) != 1)
		return svc_store_abort(s, -1, "Lecture du centre");
	row = old;
	/* R-CER-2: the number is national, the administrator gives it */
	if (d->number && d->number != old.number && !role_is_national(s->actor.role)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_DENIED, "number", "R-CER-2",
			"Le numéro national du centre, qui entre dans le numéro des certificats, est attribué par l'administrateur national.");
	}
	if (d->number)
		row.number = d->number;
	snprintf(row.city, sizeof row.city, "%s", nz(d->city));
	snprintf(row.signatory, sizeof row.signatory, "%s", nz(d->signatory));
	wrc = store_centre_docs_put(s->st, &row, d->letterhead, d->letterhead_len,
		d->signature, d->signature_len);
	if (wrc == STORE_CONFLICT) {
		store_rollback(s->st);
		return svc_fail(s, SVC_CONFLICT, "number", "R-CER-2",
			"Le numéro national %03d est déjà celui d'un autre centre.", d->number);
	}
	if (wrc)
		return svc_store_abort(s, wrc, "Enregistrement des documents du centre");
	{
		char object[64];
		snprintf(object, sizeof object, "centre:%s", c.code);
		return svc_commit_audit(s, "centre.docs", object, json_pack(
			"{s:i, s:i, s:s, s:s, s:s, s:s, s:b, s:b}", "old_number", old.number,
			"number", row.number, "old_city", old.city, "city", row.city,
			"old_signatory", old.signatory, "signatory", row.signatory,
			"letterhead", d->letterhead != NULL, "signature", d->signature != NULL));
	}
}

int svc_centre_image(struct svc *s, int64_t centre_id, const char *which,
	unsigned char **png, size_t *len)
{
	int found;
	jury_res_clear(s);
	*png = NULL;
	*len = 0;
	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE) && !perm_allows(s->actor.role, PERM_JURY_SIT))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	if (!which || (strcmp(which, "letterhead") && strcmp(which, "signature")))
		return svc_fail(s, SVC_INVALID, "which", NULL, "Image : « letterhead » ou « signature ».");
	if (!perm_scope_ok(&s->actor, centre_id))
		return svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Centre inconnu.");
	found = store_centre_image(s->st, centre_id, which, png, len);
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des images du centre impossible.");
	if (!found)
		return svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Centre inconnu.");
	return 0;
}

/* Calendar -------------------------------------------------------------------- */

/* A certification by any of its codes; -1 with the result set. */
static int cert_resolve(struct svc *s, const char *code, struct cert *out)
{
	static const enum cert_lookup by[] = { BY_CODE, BY_RNCP, BY_IDENTIFIER };
	const char *m = v_text(code, 48, 0);
	if (m)
		return svc_fail(s, SVC_INVALID, "certifications", NULL, "Certification : %s.", m);
	for (size_t i = 0; i < sizeof by / sizeof *by; i++) {
		int found = store_cert_find(s->st, by[i], code, out);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
		if (found)
			return 0;
	}
	return svc_fail(s, SVC_NOTFOUND, "certifications", NULL,
		"Aucune certification « %s » au catalogue.", code);
}

int svc_jury_plan(struct svc *s, const struct jury_in *in, int64_t *id)
{
	struct centre c;
	struct jury_session sess;
	struct jury_row *row = NULL;
	struct rule_error err;
	json_t *codes = NULL;
	char today[DATE_LEN], object[32];
	const char *m;
	uint64_t seed;
	int found, wrc, rc = -1;

	if (jury_perm(s, JR_MANAGE))
		return -1;
	if ((m = v_text(in->place, 200, 0)))
		return svc_fail(s, SVC_INVALID, "place", NULL, "Lieu du jury : %s.", m);
	if (!in->ncertifications || in->ncertifications > 32 || !in->certifications)
		return svc_fail(s, SVC_INVALID, "certifications", NULL,
			"Certifications examinées : de 1 à 32.");
	if (!in->date || v_date(in->date))
		return svc_fail(s, SVC_INVALID, "date", NULL,
			"Date du jury invalide (format AAAA-MM-JJ attendu).");
	if (role_is_national(s->actor.role) && (!in->centre_code || !*in->centre_code))
		return svc_fail(s, SVC_INVALID, "centre", NULL, "Centre de certification : obligatoire.");
	if (svc_begin(s))
		return -1;
	found = in->centre_code && *in->centre_code ?
		store_centre_by_code(s->st, in->centre_code, &c) :
		store_centre_by_id(s->st, s->actor.centre_id, &c);
	if (found < 0) {
		svc_store_abort(s, -1, "Lecture des centres");
		goto out;
	}
	if (!found || !perm_scope_ok(&s->actor, c.id)) {
		store_rollback(s->st);
		svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Centre inconnu.");
		goto out;
	}
	svc_today(s, today);
	if (jury_plan(&sess, c.id, in->date, today, &err)) {
		store_rollback(s->st);
		svc_rule_failed(s, &err);
		goto out;
	}
	row = xcalloc(1, sizeof *row);
	row->centre_id = c.id;
	snprintf(row->date, sizeof row->date, "%s", sess.date);
	snprintf(row->place, sizeof row->place, "%s", in->place);
	/* R-JUR-10: the secret the anonymous numbers follow from */
	randombytes_buf(&seed, sizeof seed);
	row->anon_seed = (int64_t)(seed >> 1);
	svc_now_iso(s, row->created_at);
	snprintf(row->created_by, sizeof row->created_by, "%s", s->actor.login);
	if ((wrc = store_jury_insert(s->st, row, id))) {
		svc_store_abort(s, wrc, "Enregistrement du jury");
		goto out;
	}
	codes = json_array();
	for (size_t i = 0; i < in->ncertifications; i++) {
		struct cert ct;
		memset(&ct, 0, sizeof ct);
		if (cert_resolve(s, in->certifications[i], &ct)) {
			abort_op(s);
			goto out;
		}
		wrc = store_jury_cert_add(s->st, *id, ct.id);
		json_array_append_new(codes, json_string(ct.code));
		cert_release(&ct);
		if (wrc == STORE_CONFLICT) {
			store_rollback(s->st);
			svc_fail(s, SVC_INVALID, "certifications", NULL,
				"La certification « %s » est donnée deux fois.", in->certifications[i]);
			goto out;
		}
		if (wrc) {
			svc_store_abort(s, wrc, "Enregistrement des certifications du jury");
			goto out;
		}
	}
	snprintf(object, sizeof object, "jury:%lld", (long long)*id);
	rc = svc_commit_audit(s, "jury.plan", object, json_pack("{s:s, s:s, s:s, s:O}",
		"centre", c.code, "date", row->date, "place", row->place, "certifications", codes));
out:
	json_decref(codes);
	free(row);
	return rc;
}

struct late_acc {
	const char *date;
	char (*codes)[40];
	size_t n;
};

int svc_jury_move(struct svc *s, int64_t jury_id, const char *date, const char *place)
{
	struct jury_ctx c;
	struct jury_move_effects fx;
	struct rule_error err;
	char old_date[DATE_LEN], old_place[808];
	json_t *resend = json_array();
	const char *m;
	int rc = -1, wrc;

	memset(&fx, 0, sizeof fx);
	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE))
		goto done;
	if (date && *date && v_date(date)) {
		svc_fail(s, SVC_INVALID, "date", NULL, "Date du jury invalide (format AAAA-MM-JJ attendu).");
		goto done;
	}
	if (place && (m = v_text(place, 200, 0))) {
		svc_fail(s, SVC_INVALID, "place", NULL, "Lieu du jury : %s.", m);
		goto done;
	}
	if (svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "le déplacer ou en changer le lieu"))
		goto rollback;
	snprintf(old_date, sizeof old_date, "%s", c.j.date);
	snprintf(old_place, sizeof old_place, "%s", c.j.place);
	if (date && *date && strcmp(date, c.j.date)) {
		if (jury_move(&c.sess, date, c.today, c.req, c.nreq, &fx, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		/* R-JUR-9: the convocations name the old date: all void */
		if (fx.reconvene && (wrc = store_jury_members_unconvene(s->st, jury_id))) {
			svc_store_failed(s, wrc, "Annulation des convocations");
			goto rollback;
		}
		/* R-JUR-1: a request no longer 15 days before the new date goes again */
		for (size_t i = 0; i < c.nreq; i++) {
			if (!jury_request_check(date, c.req[i].sent_on, c.req[i].union_code, NULL))
				continue;
			if ((wrc = store_jury_request_delete(s->st, jury_id, c.req[i].union_code))) {
				svc_store_failed(s, wrc, "Enregistrement des demandes de désignation");
				goto rollback;
			}
			json_array_append_new(resend, json_string(c.req[i].union_code));
		}
		{
			char at[32];
			svc_now_iso(s, at);
			if ((wrc = store_jury_candidates_next(s->st, jury_id, date, at))) {
				svc_store_failed(s, wrc, "Enregistrement du prochain jury des candidats");
				goto rollback;
			}
		}
		jury_ctx_changed(&c, CHANGE_DATE);
	}
	if (place && strcmp(place, c.j.place)) {
		snprintf(c.j.place, sizeof c.j.place, "%s", place);
		jury_ctx_changed(&c, CHANGE_PLACE);
	}
	if (!strcmp(old_date, c.sess.date) && !strcmp(old_place, c.j.place)) {
		svc_fail(s, SVC_INVALID, "date", NULL, "Le jury est déjà prévu à cette date et en ce lieu.");
		goto rollback;
	}
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.move", c.object, json_pack(
		"{s:s, s:s, s:s, s:s, s:b, s:O, s:i}", "old_date", old_date, "date", c.sess.date,
		"old_place", old_place, "place", c.j.place, "reconvene", fx.reconvene,
		"requests_to_resend", resend, "revision", c.j.revision));
	goto done;
rollback:
	store_rollback(s->st);
done:
	json_decref(resend);
	jury_ctx_release(&c);
	return rc;
}

struct cert_find {
	int64_t id;
	int examined, candidates;
};

static int cert_find_row(void *arg, const struct jury_cert_row *r)
{
	struct cert_find *f = arg;
	if (r->certification_id != f->id)
		return 0;
	f->examined = 1;
	f->candidates = r->candidates;
	return 1;
}

int svc_jury_certification(struct svc *s, int64_t jury_id, const char *code, int add)
{
	struct jury_ctx c;
	struct cert ct;
	struct cert_find f = { 0, 0, 0 };
	int rc = -1, wrc;

	memset(&ct, 0, sizeof ct);
	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "changer les certifications examinées") || cert_resolve(s, code, &ct))
		goto rollback;
	f.id = ct.id;
	if (store_jury_certs(s->st, jury_id, cert_find_row, &f)) {
		svc_store_failed(s, -1, "Lecture des certifications du jury");
		goto rollback;
	}
	if (add && f.examined) {
		svc_fail(s, SVC_CONFLICT, "certification", NULL,
			"Le jury examine déjà la certification %s.", ct.code);
		goto rollback;
	}
	if (!add && !f.examined) {
		svc_fail(s, SVC_NOTFOUND, "certification", NULL,
			"Le jury n'examine pas la certification %s.", ct.code);
		goto rollback;
	}
	if (!add && f.candidates) {
		svc_fail(s, SVC_CONFLICT, "certification", NULL,
			"Le jury examine %d candidat%s à la certification %s : retirez-les d'abord.",
			f.candidates, f.candidates > 1 ? "s" : "", ct.code);
		goto rollback;
	}
	wrc = add ? store_jury_cert_add(s->st, jury_id, ct.id) :
		store_jury_cert_remove(s->st, jury_id, ct.id);
	if (wrc) {
		svc_store_failed(s, wrc, "Enregistrement des certifications du jury");
		goto rollback;
	}
	jury_ctx_changed(&c, CHANGE_CANDIDATES);
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, add ? "jury.certification.add" : "jury.certification.remove",
		c.object, json_pack("{s:s}", "certification", ct.code));
	goto done;
rollback:
	store_rollback(s->st);
done:
	cert_release(&ct);
	jury_ctx_release(&c);
	return rc;
}

struct list_acc {
	json_t *arr;
	const char *today;
};

static int jury_list_collect(void *arg, const struct jury_row *j)
{
	struct list_acc *a = arg;
	json_t *certs = json_array();
	char *copy = xstrdup(j->certifications), *save = NULL, *w;
	int st = jury_state_from_code(j->state);
	enum gtp_status g = gtp_records_status(j->date, j->gtp_sent_on, a->today);

	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		json_array_append_new(certs, json_string(w));
	free(copy);
	json_array_append_new(a->arr, json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:o, "
		"s:i, s:i, s:s}", "id", (json_int_t)j->id, "centre", "code", j->centre_code,
		"name", j->centre_name, "date", j->date, "place", j->place, "state", j->state,
		"state_label", st < 0 ? "" : jury_state_label((enum jury_state)st),
		"certifications", certs, "candidates", j->candidates, "members", j->members,
		"gtp_status", g < GTP_STATUS__MAX ? gtp_status_code(g) : ""));
	return 0;
}

int svc_jury_list(struct svc *s, const char *centre_code, const char *from,
	const char *to, json_t **out)
{
	struct list_acc a;
	char today[DATE_LEN];
	int64_t centre_id = 0, account_id = 0;

	*out = NULL;
	if (jury_perm(s, JR_READ))
		return -1;
	if ((from && *from && v_date(from)) || (to && *to && v_date(to)))
		return svc_fail(s, SVC_INVALID, from && *from && v_date(from) ? "from" : "to", NULL,
			"Date invalide (format AAAA-MM-JJ attendu).");
	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE)) {
		/* a jury member: the juries he sits on */
		account_id = s->actor.user_id ? s->actor.user_id : -1;
	} else if (centre_code && *centre_code) {
		struct centre c;
		int found = store_centre_by_code(s->st, centre_code, &c);
		if (found < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
		if (!found || !perm_scope_ok(&s->actor, c.id))
			return svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Centre inconnu.");
		centre_id = c.id;
	} else if (!role_is_national(s->actor.role)) {
		centre_id = s->actor.centre_id ? s->actor.centre_id : -1;
	}
	svc_today(s, today);
	a.arr = json_array();
	a.today = today;
	if (store_jury_list(s->st, centre_id, account_id, from, to, jury_list_collect, &a)) {
		json_decref(a.arr);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des jurys impossible.");
	}
	*out = a.arr;
	return 0;
}

/* Composition --------------------------------------------------------------------- */

static const char *union_name(const struct jury_ctx *c, const char *code)
{
	for (size_t i = 0; i < c->nu; i++)
		if (!strcmp(c->u[i].code, code))
			return c->u[i].name;
	return NULL;
}

int svc_jury_member_add(struct svc *s, int64_t jury_id,
	const struct jury_member_in *in, int64_t *member_id)
{
	struct jury_ctx c;
	struct jury_member_row *row = xcalloc(1, sizeof *row);
	struct jury_member *all = NULL;
	struct account acc;
	struct rule_error err;
	const char *m;
	int role, branch, rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE))
		goto done;
	if ((m = v_text(in->name, JURY_NAME_MAX, 0))) {
		svc_fail(s, SVC_INVALID, "name", NULL, "Nom du membre : %s.", m);
		goto done;
	}
	if ((m = v_email(nz(in->email)))) {
		svc_fail(s, SVC_INVALID, "email", NULL, "Courriel du membre : %s.", m);
		goto done;
	}
	role = jury_role_from_code(in->role);
	if (role < 0) {
		svc_fail(s, SVC_INVALID, "role", NULL,
			"Qualité du membre : employer, union, tutor, training_body ou evaluator.");
		goto done;
	}
	branch = in->branch && *in->branch ? jury_branch_from_code(in->branch) : BRANCH_METALLURGY;
	if (branch < 0) {
		svc_fail(s, SVC_INVALID, "branch", NULL, "Branche du membre : metallurgy ou temporary_work.");
		goto done;
	}
	if (role == JROLE_UNION && (m = union_code_check(in->union_code))) {
		svc_fail(s, SVC_INVALID, "union", NULL, "Organisation syndicale mandante : %s.", m);
		goto done;
	}
	if ((m = v_text(in->organisation, 200, 1)) || (m = v_text(in->quality, 200, 1))) {
		svc_fail(s, SVC_INVALID, v_text(in->organisation, 200, 1) ? "organisation" : "quality",
			NULL, "Organisme ou qualité du membre : %s.", m);
		goto done;
	}
	if (in->account_login && *in->account_login && (m = v_login(in->account_login))) {
		svc_fail(s, SVC_INVALID, "login", NULL, "Compte du membre : %s.", m);
		goto done;
	}
	if (svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "en changer la composition"))
		goto rollback;
	row->jury_id = jury_id;
	snprintf(row->name, sizeof row->name, "%s", in->name);
	snprintf(row->email, sizeof row->email, "%s", nz(in->email));
	snprintf(row->role, sizeof row->role, "%s", jury_role_code((enum jury_role)role));
	snprintf(row->branch, sizeof row->branch, "%s", jury_branch_code((enum jury_branch)branch));
	snprintf(row->union_code, sizeof row->union_code, "%s", role == JROLE_UNION ? in->union_code : "");
	row->branch_employee = role == JROLE_UNION && in->branch_employee;
	row->votes = in->votes != 0;
	row->president = in->president != 0;
	snprintf(row->quality, sizeof row->quality, "%s", nz(in->quality));
	/* annex 13 « Organisme »: the mandating union's name when not given */
	if (in->organisation && *in->organisation)
		snprintf(row->organisation, sizeof row->organisation, "%s", in->organisation);
	else if (role == JROLE_UNION && union_name(&c, row->union_code))
		snprintf(row->organisation, sizeof row->organisation, "%s", union_name(&c, row->union_code));
	if (in->account_login && *in->account_login) {
		int found = store_account_by_login(s->st, in->account_login, &acc);
		if (found < 0) {
			svc_store_failed(s, -1, "Lecture des comptes");
			goto rollback;
		}
		if (!found || acc.centre_id != c.j.centre_id || acc.role != ROLE_JURY) {
			svc_fail(s, SVC_NOTFOUND, "login", NULL,
				"Aucun compte de membre de jury « %s » dans le centre %s.", in->account_login,
				c.j.centre_code);
			goto rollback;
		}
		for (size_t i = 0; i < c.n; i++)
			if (c.mr[i].account_id == acc.id) {
				svc_fail(s, SVC_CONFLICT, "login", NULL,
					"Le compte « %s » est déjà celui de %s dans ce jury.", in->account_login,
					c.mr[i].name);
				goto rollback;
			}
		row->account_id = acc.id;
	}
	/* R-JUR-3, R-JUR-4, R-JUR-6, R-JUR-7: what adding him can break */
	all = xcalloc(c.n + 1, sizeof *all);
	memcpy(all, c.m, c.n * sizeof *all);
	all[c.n].name = row->name;
	all[c.n].role = (enum jury_role)role;
	all[c.n].branch = (enum jury_branch)branch;
	all[c.n].union_code = row->union_code;
	all[c.n].branch_employee = row->branch_employee;
	all[c.n].votes = row->votes;
	all[c.n].president = row->president;
	if (jury_composition_partial_check(all, c.n + 1, c.ucodes, c.nu, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	svc_now_iso(s, row->added_at);
	if ((wrc = store_jury_member_insert(s->st, row, member_id))) {
		svc_store_failed(s, wrc, "Enregistrement du membre du jury");
		goto rollback;
	}
	jury_ctx_changed(&c, row->president ? CHANGE_PRESIDENT : CHANGE_MEMBERS);
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.member.add", c.object, json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:i}", "member", (json_int_t)*member_id,
		"name", row->name, "role", row->role, "branch", row->branch, "union", row->union_code,
		"votes", row->votes, "president", row->president, "revision", c.j.revision));
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(all);
	free(row);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_member_remove(struct svc *s, int64_t jury_id, int64_t member_id)
{
	struct jury_ctx c;
	struct jury_member_row *m;
	int rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "en changer la composition"))
		goto rollback;
	if (!(m = jury_ctx_member(&c, member_id))) {
		svc_fail(s, SVC_NOTFOUND, "member", NULL, "Aucun membre n° %lld dans ce jury.",
			(long long)member_id);
		goto rollback;
	}
	if ((wrc = store_jury_notice_detach(s->st, member_id)) ||
	    (wrc = store_jury_member_delete(s->st, jury_id, member_id))) {
		svc_store_failed(s, wrc, "Retrait du membre du jury");
		goto rollback;
	}
	jury_ctx_changed(&c, m->president ? CHANGE_PRESIDENT : CHANGE_MEMBERS);
	if (jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.member.remove", c.object, json_pack("{s:I, s:s, s:s, s:i}",
		"member", (json_int_t)member_id, "name", m->name, "role", m->role,
		"revision", c.j.revision));
	goto done;
rollback:
	store_rollback(s->st);
done:
	jury_ctx_release(&c);
	return rc;
}

/* Requests, notices, convocations --------------------------------------------------- */

static int notice_add(struct svc *s, struct jury_ctx *c, const char *kind, int64_t member_id,
	const char *union_code, const char *recipient, const char *sent_on)
{
	struct jury_notice_row n;
	char at[32];
	int64_t id;
	int wrc;

	svc_now_iso(s, at);
	memset(&n, 0, sizeof n);
	n.jury_id = c->j.id;
	n.kind = kind;
	n.revision = c->j.revision;
	n.member_id = member_id;
	n.union_code = union_code;
	n.recipient = recipient;
	n.sent_on = sent_on;
	n.mail = "none";
	n.created_at = at;
	n.created_by = s->actor.login;
	wrc = store_jury_notice_insert(s->st, &n, &id);
	return wrc ? svc_store_failed(s, wrc, "Enregistrement de l'envoi") : 0;
}

static int requested(const struct jury_ctx *c, const char *code)
{
	for (size_t i = 0; i < c->nreq; i++)
		if (!strcmp(c->req[i].union_code, code))
			return 1;
	return 0;
}

int svc_jury_request(struct svc *s, int64_t jury_id, const char *union_code,
	const char *sent_on)
{
	struct jury_ctx c;
	struct rule_error err;
	char day[DATE_LEN];
	json_t *asked = json_array();
	int rc = -1, wrc;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE))
		goto done;
	if (union_code && *union_code && union_code_check(union_code)) {
		svc_fail(s, SVC_INVALID, "union", NULL, "Organisation syndicale inconnue.");
		goto done;
	}
	if (svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "demander la désignation de représentants") ||
	    day_of(s, "sent_on", sent_on, c.today, day))
		goto rollback;
	for (size_t i = 0; i < c.nu; i++) {
		const struct union_row *u = &c.u[i];
		if (union_code && *union_code ? strcmp(u->code, union_code) : requested(&c, u->code))
			continue;
		/* R-JUR-1: at least 15 calendar days before the jury */
		if (jury_request_check(c.j.date, day, u->code, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		if ((wrc = store_jury_request_put(s->st, jury_id, u->code, day))) {
			svc_store_failed(s, wrc, "Enregistrement de la demande de désignation");
			goto rollback;
		}
		if (notice_add(s, &c, "request", 0, u->code, u->email, day))
			goto rollback;
		json_array_append_new(asked, json_string(u->code));
	}
	if (!json_array_size(asked)) {
		if (union_code && *union_code)
			svc_fail(s, SVC_RULE, "union", "R-JUR-4",
				"L'organisation syndicale « %s » n'est pas représentative des salariés dans la branche.",
				union_code);
		else
			svc_fail(s, SVC_CONFLICT, "union", NULL,
				"Toutes les organisations syndicales représentatives ont déjà été sollicitées pour ce jury.");
		goto rollback;
	}
	rc = svc_commit_audit(s, "jury.request", c.object, json_pack("{s:s, s:O}",
		"sent_on", day, "unions", asked));
	goto done;
rollback:
	store_rollback(s->st);
done:
	json_decref(asked);
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_notify_cprefp(struct svc *s, int64_t jury_id, const char *sent_on)
{
	struct jury_ctx c;
	char day[DATE_LEN];
	int rc = -1;

	memset(&c, 0, sizeof c);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) || day_of(s, "sent_on", sent_on, c.today, day))
		goto rollback;
	/* R-JUR-8: the notice tells the current revision */
	c.j.notice_revision = c.j.revision;
	snprintf(c.j.notice_sent_on, sizeof c.j.notice_sent_on, "%s", day);
	if (notice_add(s, &c, "cprefp", 0, NULL, "CPREFP", day) || jury_ctx_save(s, &c))
		goto rollback;
	rc = svc_commit_audit(s, "jury.cprefp", c.object, json_pack("{s:s, s:i}",
		"sent_on", day, "revision", c.j.revision));
	goto done;
rollback:
	store_rollback(s->st);
done:
	jury_ctx_release(&c);
	return rc;
}

int svc_jury_convoke(struct svc *s, int64_t jury_id, int64_t member_id,
	const char *sent_on, struct convoke_report *rep)
{
	struct jury_ctx c;
	struct rule_error err;
	char day[DATE_LEN];
	json_t *who = json_array();
	int64_t *convened = NULL;   /* the members convened, for the mail step */
	size_t nconvened = 0;
	int rc = -1, wrc;

	memset(&c, 0, sizeof c);
	memset(rep, 0, sizeof *rep);
	if (jury_perm(s, JR_MANAGE) || svc_begin(s))
		goto done;
	if (jury_ctx_load(s, jury_id, JR_MANAGE, &c) ||
	    planned_only(s, &c, "convoquer ses membres") ||
	    day_of(s, "sent_on", sent_on, c.today, day))
		goto rollback;
	if (member_id && !jury_ctx_member(&c, member_id)) {
		svc_fail(s, SVC_NOTFOUND, "member", NULL, "Aucun membre n° %lld dans ce jury.",
			(long long)member_id);
		goto rollback;
	}
	/* the whole composition holds before anyone is convened */
	if (jury_composition_check(c.m, c.n, c.ucodes, c.nu, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	convened = xcalloc(c.n ? c.n : 1, sizeof *convened);
	for (size_t i = 0; i < c.n; i++) {
		const struct jury_member_row *m = &c.mr[i];
		if (member_id ? m->id != member_id : (!m->votes || *m->convened_on))
			continue;
		/* R-JUR-9: the two delegations are convened; the invited are not */
		if (!jury_member_convened(c.m[i].role)) {
			svc_fail(s, SVC_RULE, "member", "R-JUR-6",
				"%s est invité pour consultation : il n'est pas convoqué comme membre du jury.",
				m->name);
			goto rollback;
		}
		if (jury_convocation_check(c.j.date, day, m->name, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		if ((wrc = store_jury_member_convene(s->st, m->id, day))) {
			svc_store_failed(s, wrc, "Enregistrement de la convocation");
			goto rollback;
		}
		if (notice_add(s, &c, "convocation", m->id, m->union_code, m->email, day))
			goto rollback;
		json_array_append_new(who, json_pack("{s:I, s:s}", "member", (json_int_t)m->id,
			"name", m->name));
		convened[nconvened++] = m->id;
	}
	if (!nconvened) {
		svc_fail(s, SVC_CONFLICT, "member", NULL,
			"Tous les membres votants du jury sont déjà convoqués pour le %s.", c.j.date);
		goto rollback;
	}
	rc = svc_commit_audit(s, "jury.convoke", c.object, json_pack("{s:s, s:O}",
		"sent_on", day, "members", who));
	if (rc)
		goto done;
	rep->convened = (int)nconvened;
	/* The mail of each convocation (and its copy to the mandating union,
	** jury_convocation_copy_to) goes here, after the commit, over
	** convened[0..nconvened): a failure is counted in rep->mail_failed and
	** loses nothing recorded. */
	goto done;
rollback:
	store_rollback(s->st);
done:
	free(convened);
	json_decref(who);
	jury_ctx_release(&c);
	return rc;
}
