/*
** Common parts of the service layer: results, clock, audit trail.
*/
#include "service/svc.h"
#include "core/dates.h"
#include "service/svc_int.h"
#include "core/rules.h"
#include "core/audit.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void svc_init_ctx(struct svc *s, struct store *st, const struct actor *actor)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	if (actor)
		s->actor = *actor;
	else
		s->actor.role = ROLE_PUBLIC;
}

int svc_fail(struct svc *s, enum svc_rc rc, const char *field,
	const char *rule, const char *fmt, ...)
{
	va_list ap;
	s->res.rc = rc;
	snprintf(s->res.field, sizeof s->res.field, "%s", field ? field : "");
	snprintf(s->res.rule, sizeof s->res.rule, "%s", rule ? rule : "");
	va_start(ap, fmt);
	vsnprintf(s->res.message, sizeof s->res.message, fmt, ap);
	va_end(ap);
	return -1;
}

int svc_begin(struct svc *s)
{
	int rc = store_begin(s->st);
	if (rc)
		return svc_fail(s, rc == DB_BUSY ? SVC_BUSY : SVC_INTERNAL, NULL, NULL,
			"La base de données est occupée ou inaccessible ; réessayez.");
	return 0;
}

/* The clock's offset set by svc_clock_set, 0 for the real clock. */
static time_t clock_offset;

int svc_clock_set(const char *day)
{
	time_t now = time(NULL), then;
	struct tm tm;
	int y, m, d;

	/* the same time of day on day, local time (svc_today's), daylight
	** saving included */
	if (!day || date_parse(day, &y, &m, &d))
		return -1;
	localtime_r(&now, &tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	if ((then = mktime(&tm)) == (time_t)-1)
		return -1;
	clock_offset = then - now;
	return 0;
}

time_t svc_time(const struct svc *s)
{
	return s->now ? s->now : time(NULL) + clock_offset;
}

void svc_now_iso(const struct svc *s, char out[32])
{
	time_t t = svc_time(s);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void svc_today(const struct svc *s, char out[11])
{
	time_t t = svc_time(s);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int svc_audit(struct svc *s, const char *action, const char *object,
	json_t *detail)
{
	struct audit_row r;
	struct audit_event ev;
	char prev[65], hash[65], at[32];
	char *det = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int64_t last;
	int rc;

	json_decref(detail);
	if (store_audit_last(s->st, &last, prev)) {
		free(det);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL,
			"Le journal d'audit est illisible.");
	}
	svc_now_iso(s, at);
	ev.id = last + 1;
	ev.at = at;
	ev.actor = s->actor.login[0] ? s->actor.login : "anonyme";
	ev.action = action;
	ev.object = object ? object : "";
	ev.detail = det ? det : "";
	audit_hash(prev, &ev, hash);
	r.id = ev.id;
	r.at = ev.at;
	r.actor = ev.actor;
	r.action = ev.action;
	r.object = ev.object;
	r.detail = ev.detail;
	r.prev_hash = prev;
	r.hash = hash;
	rc = store_audit_insert(s->st, &r);
	free(det);
	if (rc)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL,
			"L'événement d'audit n'a pas pu être enregistré.");
	return 0;
}

int svc_audit_list(struct svc *s, const char *object, int limit, audit_fn fn,
	void *arg)
{
	if (!perm_allows(s->actor.role, PERM_AUDIT_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès au journal d'audit.");
	if (limit <= 0 || limit > 1000)
		return svc_fail(s, SVC_INVALID, "limit", NULL,
			"limit : un entier de 1 à 1 000 est attendu.");
	if (store_audit_list(s->st, object, limit, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du journal impossible.");
	return 0;
}

struct verify_state {
	char prev[65];
	int64_t count, bad, expect_id;
};

static int verify_row(void *arg, const struct audit_row *r)
{
	struct verify_state *v = arg;
	struct audit_event ev = { r->id, r->at, r->actor, r->action, r->object, r->detail };
	char h[65];

	audit_hash(v->prev, &ev, h);
	if (r->id != v->expect_id || strcmp(r->prev_hash, v->prev) || strcmp(h, r->hash)) {
		v->bad = r->id;
		return 1;
	}
	memcpy(v->prev, r->hash, 65);
	v->count++;
	v->expect_id++;
	return 0;
}

int svc_audit_verify(struct svc *s, int64_t *count, int64_t *bad)
{
	struct verify_state v;

	if (!perm_allows(s->actor.role, PERM_AUDIT_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès au journal d'audit.");
	memset(&v, 0, sizeof v);
	memcpy(v.prev, AUDIT_GENESIS, 65);
	v.expect_id = 1;
	if (store_audit_all(s->st, verify_row, &v))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du journal impossible.");
	*count = v.count;
	*bad = v.bad;
	if (v.bad)
		return svc_fail(s, SVC_RULE, NULL, NULL,
			"Le journal d'audit a été altéré : la chaîne est rompue à l'événement %lld.",
			(long long)v.bad);
	return 0;
}

int svc_rule_failed(struct svc *s, const struct rule_error *e)
{
	return svc_fail(s, e->rule[0] ? SVC_RULE : SVC_INVALID, e->field, e->rule,
		"%s", e->message);
}

int svc_store_failed(struct svc *s, int rc, const char *what)
{
	if (s->res.rc != SVC_OK)
		return -1;
	if (rc == STORE_BUSY)
		return svc_fail(s, SVC_BUSY, NULL, NULL, "La base de données est occupée ; réessayez.");
	return svc_fail(s, SVC_INTERNAL, NULL, NULL, "%s impossible.", what);
}

int svc_store_abort(struct svc *s, int rc, const char *what)
{
	store_rollback(s->st);
	return svc_store_failed(s, rc, what);
}

int svc_commit_audit(struct svc *s, const char *action, const char *object,
	json_t *detail)
{
	if (svc_audit(s, action, object, detail) || store_commit(s->st)) {
		store_rollback(s->st);
		if (s->res.rc == SVC_OK)
			svc_fail(s, SVC_BUSY, NULL, NULL, "La base de données est occupée ; réessayez.");
		return -1;
	}
	return 0;
}
