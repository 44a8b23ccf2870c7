/*
** The records of a jury sent to the GTP « Certifications » and its
** follow-up (R-GTP-1, R-GTP-2): the list of juries held with where their
** records stand, the centre's sending, the GTP's corrective actions and
** their follow-up, the withdrawal and restoration of a centre's capacity
** to award, and the GTP's provisional attribution of a withdrawn jury's
** awards.
**
** The rules are core/gtp.c's; "today" is the service's clock.
*/
#include "service/svc_int.h"
#include "service/svc_jury.h"
#include "core/gtp.h"
#include "core/text.h"
#include "core/validate.h"
#include "store/store_award.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GTP_NOTE_MAX 2000         /* characters of a follow-up note or a motive */

static int wds_collect(void *arg, const struct gtp_withdrawal_row *w)
{
	struct svc_withdrawals *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
		a->centre = xrealloc(a->centre, a->cap * sizeof *a->centre);
	}
	snprintf(a->v[a->n].from, sizeof a->v[a->n].from, "%s", w->from_date);
	snprintf(a->v[a->n].until, sizeof a->v[a->n].until, "%s", w->until_date);
	a->centre[a->n] = w->centre_id;
	if (!*w->until_date) {
		a->last = *w;
		a->has_open = 1;
	}
	a->n++;
	return a->n >= 100000;
}

void svc_withdrawals_release(struct svc_withdrawals *a)
{
	free(a->v);
	free(a->centre);
	memset(a, 0, sizeof *a);
}

int svc_withdrawals_load(struct svc *s, int64_t centre_id, struct svc_withdrawals *a)
{
	memset(a, 0, sizeof *a);
	if (store_gtp_withdrawals(s->st, centre_id, wds_collect, a)) {
		svc_withdrawals_release(a);
		return svc_store_failed(s, -1, "Lecture des retraits d'habilitation");
	}
	return 0;
}

/* A date given by the GTP or the centre: NULL for today, never in the
** future. */
static int date_arg(struct svc *s, const char *date, const char *field, char out[DATE_LEN])
{
	char today[DATE_LEN];
	svc_today(s, today);
	if (!date || !*date) {
		snprintf(out, DATE_LEN, "%s", today);
		return 0;
	}
	if (v_date(date))
		return svc_fail(s, SVC_INVALID, field, NULL, "Date : format AAAA-MM-JJ attendu.");
	if (date_cmp(date, today) > 0)
		return svc_fail(s, SVC_INVALID, field, NULL, "Date : elle ne peut pas être dans le futur.");
	snprintf(out, DATE_LEN, "%s", date);
	return 0;
}

/* A free text of 1..max characters (0..max when optional). */
static int text_arg(struct svc *s, const char *t, size_t max, int optional,
	const char *field, const char *what)
{
	size_t len = t ? strlen(t) : 0;
	if (!len && optional)
		return 0;
	if (!len || len > max * 4 || !utf8_valid(t, len) || utf8_len(t) > max)
		return svc_fail(s, SVC_INVALID, field, NULL, "%s : de 1 à %zu caractères attendus.",
			what, max);
	return 0;
}

/* Loads a jury the actor reaches; out of reach is not found. */
static int jury_load(struct svc *s, int64_t jury_id, struct award_jury_row *j)
{
	int found = store_award_jury(s->st, jury_id, j);
	if (found < 0)
		return svc_store_failed(s, -1, "Lecture du jury");
	if (!found || !perm_scope_ok(&s->actor, j->centre_id))
		return svc_fail(s, SVC_NOTFOUND, "jury", NULL, "Aucun jury n° %lld.", (long long)jury_id);
	return 0;
}

/* The list ----------------------------------------------------------------------- */

struct gtp_acc {
	const char *today;
	int filter;                 /* a gtp_status, or -1 */
	const struct svc_withdrawals *wds;
	json_t *overdue, *others;
};

static int gtp_row(void *arg, const struct gtp_jury_row *r)
{
	struct gtp_acc *a = arg;
	enum gtp_status st = gtp_records_status(r->date, r->sent_on, a->today);
	struct gtp_withdrawal w[64];
	size_t n = 0;
	enum award_route route;
	char due[DATE_LEN] = "";
	struct rule_error err;

	if (st == GTP_STATUS__MAX || (a->filter >= 0 && (int)st != a->filter))
		return 0;
	for (size_t i = 0; i < a->wds->n && n < 64; i++)
		if (a->wds->centre[i] == r->centre_id)
			w[n++] = a->wds->v[i];
	route = gtp_award_route(w, n, r->date, r->attributed_on);
	gtp_records_due(r->date, due, &err);
	json_array_append_new(st == GTP_OVERDUE ? a->overdue : a->others,
		json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:s}",
		"jury_id", (json_int_t)r->jury_id, "centre", "code", r->centre_code,
		"name", r->centre_name, "date", r->date, "due", due,
		"status", gtp_status_code(st), "status_label", gtp_status_label(st),
		"sent_on", r->sent_on, "overdue", st == GTP_OVERDUE,
		"corrective_open", r->corrective_open,
		"award_route", route < AWARD_ROUTE__MAX ? award_route_code(route) : ""));
	return 0;
}

int svc_gtp_list(struct svc *s, const char *status, json_t **out)
{
	struct svc_withdrawals wds = { 0 };
	struct gtp_acc a;
	char today[DATE_LEN];
	int64_t centre = 0;
	int rc = -1;

	*out = NULL;
	memset(&a, 0, sizeof a);
	a.filter = -1;
	if (perm_allows(s->actor.role, PERM_GTP_MANAGE))
		centre = 0;
	else if (perm_allows(s->actor.role, PERM_JURY_MANAGE) && s->actor.centre_id)
		centre = s->actor.centre_id;
	else
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et l'administrateur national suivent les envois au GTP.");
	if (status && *status) {
		for (int i = 0; i < GTP_STATUS__MAX; i++)
			if (!strcmp(status, gtp_status_code((enum gtp_status)i)))
				a.filter = i;
		if (a.filter < 0)
			return svc_fail(s, SVC_INVALID, "status", NULL,
				"État : « %.40s » n'est pas un état des envois au GTP.", status);
	}
	svc_today(s, today);
	a.today = today;
	a.wds = &wds;
	if (svc_withdrawals_load(s, centre, &wds)) {
		goto out;
	}
	a.overdue = json_array();
	a.others = json_array();
	if (store_gtp_list(s->st, centre, today, gtp_row, &a)) {
		svc_store_failed(s, -1, "Lecture des jurys");
		goto out;
	}
	/* R-GTP-1: the overdue first, each part by date */
	json_array_extend(a.overdue, a.others);
	*out = a.overdue;
	a.overdue = NULL;
	rc = 0;
out:
	json_decref(a.overdue);
	json_decref(a.others);
	svc_withdrawals_release(&wds);
	return rc;
}

/* The centre's sending (R-GTP-1) ---------------------------------------------------- */

int svc_gtp_transmit(struct svc *s, int64_t jury_id, const char *sent_on)
{
	struct award_jury_row j;
	struct rule_error err;
	char date[DATE_LEN], today[DATE_LEN], now[32], object[48], d1[DATE_LEN];
	int pieces[GTP_PIECE__MAX], signed_, rc;

	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul le centre de certification transmet les pièces du jury au GTP.");
	if (date_arg(s, sent_on, "sent_on", date))
		return -1;
	if (svc_begin(s))
		return -1;
	if (jury_load(s, jury_id, &j))
		goto rollback;
	if (*j.gtp_sent_on) {
		svc_fail(s, SVC_CONFLICT, "sent_on", "R-GTP-1",
			"Les pièces de ce jury ont déjà été transmises au GTP le %s.", date_fr(j.gtp_sent_on, d1));
		goto rollback;
	}
	/* the three pieces are the jury's documents, ready once the minutes
	** are signed */
	signed_ = !strcmp(j.state, "signed");
	for (int i = 0; i < GTP_PIECE__MAX; i++)
		pieces[i] = signed_;
	svc_today(s, today);
	if (gtp_transmit_check(j.date, signed_, pieces, date, today, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	svc_now_iso(s, now);
	if ((rc = store_gtp_set_sent(s->st, jury_id, date, now)))
		return svc_store_abort(s, rc, "Enregistrement de l'envoi");
	snprintf(object, sizeof object, "jury:%lld", (long long)jury_id);
	return svc_commit_audit(s, "gtp.transmit", object, json_pack("{s:s, s:s}",
		"sent_on", date, "status", gtp_status_code(gtp_records_status(j.date, date, today))));
rollback:
	store_rollback(s->st);
	return -1;
}

/* The GTP's side (R-GTP-2) ---------------------------------------------------------- */

static int gtp_manager(struct svc *s)
{
	if (!perm_allows(s->actor.role, PERM_GTP_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national (secrétariat du GTP « Certifications ») peut le faire.");
	return 0;
}

int svc_gtp_corrective(struct svc *s, int64_t jury_id, const char *text,
	const char *date, int64_t *id)
{
	struct award_jury_row j;
	struct corrective_action a;
	struct rule_error err;
	char d[DATE_LEN], now[32], object[48];
	int rc;

	if (gtp_manager(s) || text_arg(s, text, GTP_TEXT_MAX, 0, "text", "Action corrective") ||
	    date_arg(s, date, "date", d))
		return -1;
	if (svc_begin(s))
		return -1;
	if (jury_load(s, jury_id, &j))
		goto rollback;
	if (gtp_corrective_send(&a, j.date, text, d, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	svc_now_iso(s, now);
	if ((rc = store_gtp_corrective_insert(s->st, jury_id, text, d, now, id)))
		return svc_store_abort(s, rc, "Enregistrement de l'action corrective");
	snprintf(object, sizeof object, "jury:%lld", (long long)jury_id);
	return svc_commit_audit(s, "gtp.corrective", object, json_pack("{s:I, s:s}",
		"id", (json_int_t)(id ? *id : 0), "sent_on", d));
rollback:
	store_rollback(s->st);
	return -1;
}

static void action_of_row(const struct gtp_corrective_row *r, struct corrective_action *a)
{
	int st = corrective_state_from_code(r->state);
	memset(a, 0, sizeof *a);
	a->state = st < 0 ? CORRECTIVE_SENT : (enum corrective_state)st;
	snprintf(a->sent_on, sizeof a->sent_on, "%s", r->sent_on);
	snprintf(a->followed_on, sizeof a->followed_on, "%s", r->followed_on);
}

int svc_gtp_follow(struct svc *s, int64_t corrective_id, const char *state,
	const char *note, const char *date)
{
	struct gtp_corrective_row *r = xcalloc(1, sizeof *r);
	struct corrective_action a;
	struct rule_error err;
	char d[DATE_LEN], object[48];
	int to, found, rc = -1;

	if (gtp_manager(s) || text_arg(s, note, GTP_NOTE_MAX, 1, "note", "Suivi") ||
	    date_arg(s, date, "date", d))
		goto out;
	to = state ? corrective_state_from_code(state) : -1;
	if (to != CORRECTIVE_APPLIED && to != CORRECTIVE_NOT_APPLIED) {
		svc_fail(s, SVC_INVALID, "state", NULL,
			"Suivi : « applied » (mise en œuvre) ou « not_applied » (non mise en œuvre) attendu.");
		goto out;
	}
	if (svc_begin(s))
		goto out;
	found = store_gtp_corrective_get(s->st, corrective_id, r);
	if (found <= 0) {
		if (found < 0)
			svc_store_failed(s, -1, "Lecture de l'action corrective");
		else
			svc_fail(s, SVC_NOTFOUND, "id", NULL, "Aucune action corrective n° %lld.",
				(long long)corrective_id);
		store_rollback(s->st);
		goto out;
	}
	action_of_row(r, &a);
	if (gtp_corrective_follow(&a, (enum corrective_state)to, d, &err)) {
		store_rollback(s->st);
		svc_rule_failed(s, &err);
		goto out;
	}
	if ((rc = store_gtp_corrective_follow(s->st, corrective_id, corrective_state_code(a.state),
	    d, note ? note : ""))) {
		rc = svc_store_abort(s, rc, "Enregistrement du suivi");
		goto out;
	}
	snprintf(object, sizeof object, "jury:%lld", (long long)r->jury_id);
	rc = svc_commit_audit(s, "gtp.follow", object, json_pack("{s:I, s:s, s:s}",
		"id", (json_int_t)corrective_id, "state", corrective_state_code(a.state), "date", d));
out:
	free(r);
	return rc;
}

struct actions {
	struct corrective_action *v;
	size_t n, cap;
};

static int actions_collect(void *arg, const struct gtp_corrective_row *r)
{
	struct actions *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	action_of_row(r, &a->v[a->n++]);
	return a->n >= 100000;
}

int svc_gtp_capacity(struct svc *s, const char *centre_code, int restore,
	const char *date, const char *motive)
{
	struct centre *c = xcalloc(1, sizeof *c);
	struct svc_withdrawals wds = { 0 };
	struct actions acts = { 0 };
	struct gtp_withdrawal w;
	struct rule_error err;
	char d[DATE_LEN], now[32], object[64];
	int found, rc = -1, st;
	int64_t id = 0;

	if (gtp_manager(s) || date_arg(s, date, "date", d) ||
	    text_arg(s, motive, GTP_NOTE_MAX, restore, "motive", "Motif"))
		goto out;
	if (svc_begin(s))
		goto out;
	found = centre_code ? store_centre_by_code(s->st, centre_code, c) : 0;
	if (found <= 0) {
		if (found < 0)
			svc_store_failed(s, -1, "Lecture des centres");
		else
			svc_fail(s, SVC_NOTFOUND, "centre", NULL, "Aucun centre %.40s.",
				centre_code ? centre_code : "");
		goto rollback;
	}
	if (svc_withdrawals_load(s, c->id, &wds)) {
		goto rollback;
	}
	svc_now_iso(s, now);
	if (restore) {
		if (!wds.has_open) {
			svc_fail(s, SVC_RULE, "centre", "R-GTP-2",
				"Le jury du centre %s n'a pas perdu sa capacité à délivrer : rien à rétablir.", c->code);
			goto rollback;
		}
		snprintf(w.from, sizeof w.from, "%s", wds.last.from_date);
		w.until[0] = 0;
		if (gtp_restore(&w, d, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		if ((st = store_gtp_withdrawal_close(s->st, wds.last.id, w.until))) {
			svc_store_abort(s, st, "Enregistrement du rétablissement");
			goto out;
		}
		id = wds.last.id;
	} else {
		if (store_gtp_corrective_of_centre(s->st, c->id, actions_collect, &acts)) {
			svc_store_failed(s, -1, "Lecture des actions correctives");
			goto rollback;
		}
		if (gtp_withdraw(acts.v, acts.n, wds.v, wds.n, d, &w, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		if ((st = store_gtp_withdrawal_insert(s->st, c->id, w.from, motive, now, &id))) {
			svc_store_abort(s, st, "Enregistrement du retrait");
			goto out;
		}
	}
	snprintf(object, sizeof object, "centre:%s", c->code);
	rc = svc_commit_audit(s, restore ? "gtp.restore" : "gtp.withdraw", object,
		json_pack("{s:I, s:s, s:s}", "withdrawal", (json_int_t)id, "date", d,
			"motive", motive ? motive : ""));
	goto out;
rollback:
	store_rollback(s->st);
out:
	svc_withdrawals_release(&wds);
	free(acts.v);
	free(c);
	return rc;
}

int svc_gtp_attribute(struct svc *s, int64_t jury_id, const char *date)
{
	struct award_jury_row j;
	struct svc_withdrawals wds = { 0 };
	struct rule_error err;
	char d[DATE_LEN], now[32], object[48];
	int rc = -1, st;

	if (gtp_manager(s) || date_arg(s, date, "date", d))
		return -1;
	if (svc_begin(s))
		return -1;
	if (jury_load(s, jury_id, &j))
		goto rollback;
	if (svc_withdrawals_load(s, j.centre_id, &wds)) {
		goto rollback;
	}
	if (gtp_attribution_check(wds.v, wds.n, j.date, !strcmp(j.state, "signed"),
	    *j.gtp_sent_on != 0, j.gtp_attributed_on, d, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	svc_now_iso(s, now);
	if ((st = store_gtp_set_attributed(s->st, jury_id, d, now))) {
		svc_store_abort(s, st, "Enregistrement de l'attribution");
		goto out;
	}
	/* R-GTP-2: the certificates that waited are issued now, as a
	** signature would have */
	if (svc_award_signed(s, jury_id, d))
		goto rollback;
	snprintf(object, sizeof object, "jury:%lld", (long long)jury_id);
	rc = svc_commit_audit(s, "gtp.attribute", object, json_pack("{s:s}", "date", d));
	goto out;
rollback:
	store_rollback(s->st);
out:
	svc_withdrawals_release(&wds);
	return rc;
}
