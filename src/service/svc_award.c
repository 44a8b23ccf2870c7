/*
** What a jury's signed decisions produce (R-JUR-12, R-CER-1, R-CER-2,
** R-LET-3, R-GTP-2): the certificates, numbered per centre and year, the
** registrations closed admitted or not admitted, the units acquired at the
** jury; their corrections; the certificates' pages, duplicates and public
** verification.
**
** The rules are the core's (core/award.c, core/gtp.c): award_plan says
** which certificates a decision awards, award_plan_diff what a correction
** changes, cert_number_next the next number, gtp_issue_check whether the
** centre's jury may award on its day. What this file adds is the loading
** of a registration into an award_input, the numbering inside the
** signature's transaction and the storage of what is printed.
**
** Numbers never repeat nor skip: the last number of a centre and year is
** read and written back in the same write transaction as the certificates
** (store_begin is BEGIN IMMEDIATE: two signatures never interleave), and a
** cancelled certificate keeps its number used.
*/
#include "service/svc_int.h"
#include "service/svc_jury.h"
#include "core/award.h"
#include "core/catalogue.h"
#include "core/gtp.h"
#include "core/ids.h"
#include "core/registration.h"
#include "core/results.h"
#include "store/store_award.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AWARD_MAX_DECISIONS 2000     /* candidates of one jury */
#define VERIFY_TYPED_MAX 64          /* characters of a number as typed */

/* The holder as printed ------------------------------------------------------ */

/* Upper case of the Latin letters of UTF-8 text s (é → É, œ → Œ), into out. */
static void upper_utf8(const char *s, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;

	while (*p && o + 3 < n) {
		if (*p >= 'a' && *p <= 'z') {
			out[o++] = (char)(*p++ - 32);
		} else if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7) {
			out[o++] = (char)0xC3;
			out[o++] = (char)(p[1] - 0x20);
			p += 2;
		} else if (p[0] == 0xC5 && p[1] == 0x93) {
			out[o++] = (char)0xC5;
			out[o++] = (char)0x92;
			p += 2;
		} else if (p[0] == 0xC3 && p[1] == 0xBF) {
			out[o++] = (char)0xC5;
			out[o++] = (char)0xB8;
			p += 2;
		} else {
			/* a whole code point, never cut */
			size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
			if (o + len >= n)
				break;
			while (len-- && *p)
				out[o++] = (char)*p++;
		}
	}
	out[o] = 0;
}

/*
** Annexes 7 to 11 print « Délivré à : Prénom NOM »: the first names as
** recorded, then the name in capitals. The name is the usage name when the
** candidate has one, the birth name otherwise: French practice names a
** person by the name he uses (a certificate delivered to « Léa MARTIN »,
** born Dupont, is the one she shows an employer), and the birth name stays
** on the records (the minutes, the candidate's file).
*/
static void holder_name(const char *first_names, const char *birth_name,
	const char *usage_name, char *out, size_t n)
{
	char up[800];
	upper_utf8(*usage_name ? usage_name : birth_name, up, sizeof up);
	snprintf(out, n, "%s %s", first_names, up);
}

/* The award of one jury -------------------------------------------------------- */

struct award_ctx {
	struct award_jury_row jury;
	int wait;                       /* R-GTP-2: the certificates wait for the GTP */
	int year;
	char last[20];                  /* last number of the centre and year */
	int counter_read, counter_dirty;
	struct cert_cache docs;
	json_t *issued, *cancelled;     /* numbers, for the audit */
	char now[32], date[DATE_LEN];
};

/* One registration examined, loaded for award_plan. */
struct cand {
	struct reg_row r;
	const json_t *cert;
	enum cert_kind kind;
	int rncp, cqpi;
	size_t nblocks;
	int registered[CAT_MAX_BLOCKS];
	int all_registered;
	enum unit_state results[CAT_MAX_BLOCKS];
	int kept[CAT_MAX_BLOCKS];
	json_t *file;                   /* the registration in the candidate's file */
	char holder[900];
};

static int acq_collect(void *arg, const struct acquired_row *a)
{
	json_array_append_new((json_t *)arg, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"certification", a->cert_code, "code", a->unit, "kind", a->unit_kind,
		"jury_date", a->jury_date, "kept_until", a->kept_until, "source", "jury"));
	return 0;
}

/* The state of block code in the file's registration. */
static enum unit_state block_state(const json_t *file, const char *code)
{
	size_t i;
	const json_t *b;
	json_array_foreach(json_object_get(file, "blocks"), i, b)
		if (!strcmp(jstr(b, "code"), code)) {
			const char *st = jstr(b, "state");
			return !strcmp(st, "acquired") ? UNIT_ACQUIRED :
				!strcmp(st, "not_acquired") ? UNIT_NOT_ACQUIRED : UNIT_PENDING;
		}
	return UNIT_PENDING;
}

/*
** Loads registration rid for the award at jury ctx: its certification
** (kind; "R" registered at the RNCP on the jury's day, as registration
** judges it; "I" on the CQPI list, from the fiche or the R-CAT-4
** identifier), the blocks registered, their results derived as in the
** candidate's file (R-EVA-6, the VAE's commission included), and the
** blocks kept from an earlier jury on the jury's day (R-LET-3).
*/
static int cand_load(struct svc *s, struct award_ctx *ctx, int64_t rid, struct cand *c)
{
	json_t *acquired = NULL;
	const json_t *blocks, *b, *legal;
	const char *end;
	size_t i;
	int found, y, num, reg = 0, cqpi = 0, k, rc = -1;
	struct svc sys;

	memset(c, 0, sizeof *c);
	found = store_reg_get(s->st, rid, &c->r);
	if (found <= 0)
		return svc_fail(s, found < 0 ? SVC_INTERNAL : SVC_NOTFOUND, NULL, NULL,
			found < 0 ? "Lecture des inscriptions impossible." :
			"L'inscription n° %lld examinée par le jury n'existe pas.", (long long)rid);
	c->cert = svc_cert_cache_doc(s, &ctx->docs, c->r.certification_id, c->r.cert_version);
	if (!c->cert)
		return -1;
	k = kind_from_code(jstr(c->cert, "kind"));
	c->kind = k < 0 ? KIND_RNCP : (enum cert_kind)k;
	legal = json_object_get(c->cert, "legal");
	end = jstr(legal, "registration_end");
	c->rncp = *jstr(c->cert, "rncp") && (!date_ok(end) || date_cmp(ctx->jury.date, end) <= 0);
	if (*jstr(c->cert, "identifier") &&
	    !cqpm_id_parse(jstr(c->cert, "identifier"), &y, &num, &reg, &cqpi))
		c->cqpi = cqpi;
	if (json_is_true(json_object_get(c->cert, "on_cqpi_list")))
		c->cqpi = 1;
	holder_name(c->r.first_names, c->r.birth_name, c->r.usage_name, c->holder,
		sizeof c->holder);

	/* the units kept from earlier juries: those recorded before this one */
	acquired = json_array();
	if (store_acquired_of_candidate(s->st, c->r.candidate_id, acq_collect, acquired)) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des acquis impossible.");
		goto out;
	}
	for (i = json_array_size(acquired); i-- > 0; )
		if (date_cmp(jstr(json_array_get(acquired, i), "jury_date"), ctx->jury.date) >= 0)
			json_array_remove(acquired, i);
	/*
	** The results as the candidate's file derives them (R-EVA-6, R-VAE-3),
	** so that the award and the file never disagree. The derivation reads
	** the file's sections, which a jury member could not read by himself:
	** it runs with the national administrator's reach, the permission of
	** the operation (signature, attribution) having been checked by its
	** caller.
	*/
	sys = *s;
	sys.actor.role = ROLE_ADMIN;
	sys.actor.centre_id = 0;
	c->file = json_object();
	if (svc_file_registration(&sys, &c->r, c->cert, acquired, c->file)) {
		s->res = sys.res;
		goto out;
	}
	if (c->kind == KIND_CQPM || c->kind == KIND_CQPI) {
		blocks = json_object_get(c->cert, "blocks");
		c->nblocks = json_array_size(blocks);
		if (c->nblocks > CAT_MAX_BLOCKS) {
			svc_fail(s, SVC_INVALID, "blocks", NULL, "Trop de blocs de compétences.");
			goto out;
		}
		c->all_registered = !*c->r.blocks;
		json_array_foreach(blocks, i, b) {
			const char *code = jstr(b, "code");
			size_t j;
			const json_t *a;
			c->registered[i] = registration_has_block(c->r.blocks, code);
			c->results[i] = block_state(c->file, code);
			json_array_foreach(acquired, j, a)
				if (!strcmp(jstr(a, "kind"), "block") &&
				    !strcmp(jstr(a, "certification"), c->r.cert_code) &&
				    !strcmp(jstr(a, "code"), code) &&
				    acquired_kept_on(jstr(a, "kept_until"), ctx->jury.date))
					c->kept[i] = 1;
		}
	}
	rc = 0;
out:
	json_decref(acquired);
	return rc;
}

static void cand_release(struct cand *c)
{
	json_decref(c->file);
	c->file = NULL;
}

/* R-JUR-12: the certificates verdict awards to c. */
static int cand_plan(struct svc *s, const struct cand *c, enum jury_verdict verdict,
	struct award_plan *p)
{
	struct rule_error err;
	int has_blocks = c->kind == KIND_CQPM || c->kind == KIND_CQPI;
	struct award_input in = {
		c->kind, c->rncp, c->cqpi, verdict, c->nblocks,
		has_blocks && !c->all_registered ? c->registered : NULL,
		has_blocks ? c->results : NULL,
		has_blocks ? c->kept : NULL,
	};
	if (award_plan(&in, p, &err))
		return svc_rule_failed(s, &err);
	return 0;
}

/* What is printed as the unit of item it: the block's BDC code when the
** texts give it, its register code otherwise, and its title. */
static void item_unit(const struct cand *c, const struct award_item *it,
	const char **code, const char **title)
{
	const json_t *b;
	*code = *title = "";
	if (it->kind != AWARD_BLOCK)
		return;
	b = json_array_get(json_object_get(c->cert, "blocks"), it->block);
	*code = *jstr(b, "bdc") ? jstr(b, "bdc") : jstr(b, "code");
	*title = jstr(b, "title");
}

/* R-CER-2: issues the certificate of item it to c under the next number. */
static int issue(struct svc *s, struct award_ctx *ctx, const struct cand *c,
	int64_t decision_id, const struct award_item *it)
{
	struct certificate_row *row;
	struct rule_error err;
	char next[CERT_NUMBER_LEN];
	const char *ucode, *utitle;
	int rc;

	if (!ctx->jury.centre_number)
		return svc_fail(s, SVC_RULE, "number", "R-CER-2",
			"Le centre %s n'a pas de numéro national : aucun certificat ne peut être numéroté. "
			"L'administrateur national doit d'abord lui attribuer son numéro.",
			ctx->jury.centre_code);
	if (!ctx->counter_read) {
		rc = store_cert_counter_get(s->st, ctx->jury.centre_id, ctx->year, ctx->last);
		if (rc < 0)
			return svc_store_failed(s, -1, "Lecture du compteur des certificats");
		ctx->counter_read = 1;
	}
	if (cert_number_next(ctx->last, ctx->jury.centre_number, ctx->jury.date, next, &err))
		return svc_rule_failed(s, &err);
	row = xcalloc(1, sizeof *row);
	snprintf(row->number, sizeof row->number, "%s", next);
	row->centre_id = ctx->jury.centre_id;
	row->jury_id = ctx->jury.id;
	row->registration_id = c->r.id;
	row->decision_id = decision_id;
	snprintf(row->kind, sizeof row->kind, "%s", award_kind_code(it->kind));
	snprintf(row->cert_code, sizeof row->cert_code, "%s",
		*jstr(c->cert, "identifier") ? jstr(c->cert, "identifier") : c->r.cert_code);
	snprintf(row->cert_title, sizeof row->cert_title, "%s", c->r.cert_title);
	item_unit(c, it, &ucode, &utitle);
	snprintf(row->unit_code, sizeof row->unit_code, "%s", ucode);
	snprintf(row->unit_title, sizeof row->unit_title, "%s", utitle);
	snprintf(row->holder_name, sizeof row->holder_name, "%s", c->holder);
	snprintf(row->jury_date, sizeof row->jury_date, "%s", ctx->jury.date);
	snprintf(row->issued_on, sizeof row->issued_on, "%s", ctx->date);
	snprintf(row->created_at, sizeof row->created_at, "%s", ctx->now);
	rc = store_certificate_insert(s->st, row, NULL);
	free(row);
	if (rc)
		return svc_store_failed(s, rc, "Enregistrement du certificat");
	snprintf(ctx->last, sizeof ctx->last, "%s", next);
	ctx->counter_dirty = 1;
	json_array_append_new(ctx->issued, json_string(next));
	return 0;
}

/* R-LET-3: records the units c acquired at this jury (blocks of a CQPM
** registered at the RNCP, competences otherwise), kept as long as the
** certification's registered validity says. */
static int record_acquired(struct svc *s, struct award_ctx *ctx, const struct cand *c)
{
	struct acquired_row a;
	struct rule_error err;
	int blocks = acquired_units_are_blocks(c->kind, c->rncp);
	const json_t *list = json_object_get(c->file, blocks ? "blocks" : "competences");
	const json_t *u;
	size_t i;
	int rc;

	memset(&a, 0, sizeof a);
	if (acquired_until(ctx->jury.date, c->rncp, jstr(c->cert, "acquired_validity"),
	    a.kept_until, &err))
		return svc_rule_failed(s, &err);
	a.candidate_id = c->r.candidate_id;
	a.certification_id = c->r.certification_id;
	snprintf(a.unit_kind, sizeof a.unit_kind, "%s", blocks ? "block" : "competence");
	snprintf(a.jury_date, sizeof a.jury_date, "%s", ctx->jury.date);
	snprintf(a.recorded_at, sizeof a.recorded_at, "%s", ctx->now);
	json_array_foreach(list, i, u) {
		const char *st = jstr(u, blocks ? "state" : "result");
		if (strcmp(st, "acquired") || json_object_get(u, "kept_from_jury"))
			continue;
		snprintf(a.unit, sizeof a.unit, "%s", jstr(u, "code"));
		if ((rc = store_award_acquired_put(s->st, &a)))
			return svc_store_failed(s, rc, "Enregistrement des acquis");
	}
	return 0;
}

/* The registration closed on the verdict, and what it keeps (R-LET-3). */
static int close_registration(struct svc *s, struct award_ctx *ctx, const struct cand *c,
	enum jury_verdict v)
{
	int rc = store_award_reg_close(s->st, c->r.id,
		v == VERDICT_ADMITTED ? "admitted" : "not_admitted", ctx->now);
	if (rc)
		return svc_store_failed(s, rc, "Clôture de l'inscription");
	if (v == VERDICT_NOT_ADMITTED)
		return record_acquired(s, ctx, c);
	rc = store_award_acquired_clear(s->st, c->r.candidate_id, c->r.certification_id,
		ctx->jury.date);
	return rc ? svc_store_failed(s, rc, "Enregistrement des acquis") : 0;
}

/* Loads jury_id into ctx, with R-GTP-2's answer: may its certificates be
** issued now? */
static int ctx_open(struct svc *s, struct award_ctx *ctx, int64_t jury_id, const char *date)
{
	struct svc_withdrawals wd;
	struct rule_error err;
	int found;

	memset(ctx, 0, sizeof *ctx);
	if (!date_ok(date))
		return svc_fail(s, SVC_INVALID, "date", NULL, "Date : format AAAA-MM-JJ attendu.");
	snprintf(ctx->date, sizeof ctx->date, "%s", date);
	svc_now_iso(s, ctx->now);
	found = store_award_jury(s->st, jury_id, &ctx->jury);
	if (found <= 0)
		return found < 0 ? svc_store_failed(s, -1, "Lecture du jury") :
			svc_fail(s, SVC_NOTFOUND, "jury", NULL, "Aucun jury n° %lld.", (long long)jury_id);
	ctx->year = atoi(ctx->jury.date);
	if (svc_withdrawals_load(s, ctx->jury.centre_id, &wd))
		return -1;
	ctx->wait = gtp_issue_check(wd.v, wd.n, ctx->jury.date, ctx->jury.gtp_attributed_on, &err) != 0;
	svc_withdrawals_release(&wd);
	ctx->issued = json_array();
	ctx->cancelled = json_array();
	return 0;
}

static void ctx_close(struct award_ctx *ctx)
{
	svc_cert_cache_release(&ctx->docs);
	json_decref(ctx->issued);
	json_decref(ctx->cancelled);
}

/* Writes the counter back, then the audit event of what was issued. */
static int ctx_finish(struct svc *s, struct award_ctx *ctx, const char *action)
{
	char object[48];
	int rc;

	if (ctx->counter_dirty &&
	    (rc = store_cert_counter_put(s->st, ctx->jury.centre_id, ctx->year, ctx->last)))
		return svc_store_failed(s, rc, "Enregistrement du compteur des certificats");
	if (!json_array_size(ctx->issued) && !json_array_size(ctx->cancelled))
		return 0;
	snprintf(object, sizeof object, "jury:%lld", (long long)ctx->jury.id);
	return svc_audit(s, action, object, json_pack("{s:O, s:O, s:s}", "issued", ctx->issued,
		"cancelled", ctx->cancelled, "date", ctx->date));
}

static int has_cert(void *arg, const struct certificate_row *c)
{
	(void)c;
	(*(int *)arg)++;
	return 1;
}

int svc_award_signed(struct svc *s, int64_t jury_id, const char *date)
{
	struct award_ctx ctx;
	struct award_decision_row *d = xcalloc(AWARD_MAX_DECISIONS, sizeof *d);
	struct cand *c = xcalloc(1, sizeof *c);
	struct award_plan plan;
	int n, rc = -1;

	if (ctx_open(s, &ctx, jury_id, date))
		goto out;
	n = store_award_decisions(s->st, jury_id, d, AWARD_MAX_DECISIONS);
	if (n < 0) {
		svc_store_failed(s, -1, "Lecture des décisions");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		int v = jury_verdict_from_code(d[i].verdict), already = 0;
		if (v != VERDICT_ADMITTED && v != VERDICT_NOT_ADMITTED) {
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Décision du jury illisible.");
			goto out;
		}
		if (cand_load(s, &ctx, d[i].registration_id, c))
			goto out;
		if (cand_plan(s, c, (enum jury_verdict)v, &plan) ||
		    close_registration(s, &ctx, c, (enum jury_verdict)v))
			goto out_cand;
		/* R-GTP-2: withdrawn, the certificates wait for the GTP's
		** attribution, which comes back here; issued once */
		if (!ctx.wait && store_certificate_of_jury_reg(s->st, jury_id, c->r.id, has_cert,
		    &already)) {
			svc_store_failed(s, -1, "Lecture des certificats");
			goto out_cand;
		}
		for (size_t k = 0; !ctx.wait && !already && k < plan.n; k++)
			if (issue(s, &ctx, c, d[i].id, &plan.items[k]))
				goto out_cand;
		cand_release(c);
	}
	rc = ctx_finish(s, &ctx, "certificate.issue");
	goto out;
out_cand:
	cand_release(c);
out:
	ctx_close(&ctx);
	free(d);
	free(c);
	return rc;
}

/* The live certificates of a registration at a jury. */
struct live {
	struct certificate_row v[CAT_MAX_BLOCKS + 2];
	size_t n;
};

static int live_collect(void *arg, const struct certificate_row *c)
{
	struct live *l = arg;
	if (strcmp(c->state, "issued"))
		return 0;
	if (l->n == sizeof l->v / sizeof l->v[0])
		return 1;
	l->v[l->n++] = *c;
	return 0;
}

int svc_award_corrected(struct svc *s, int64_t jury_id, int64_t registration_id,
	int64_t old_decision_id, int64_t new_decision_id, const char *date)
{
	struct award_ctx ctx;
	struct award_decision_row od, nd;
	struct cand *c = xcalloc(1, sizeof *c);
	struct live *live = xcalloc(1, sizeof *live);
	struct award_plan oldp, newp;
	int cancel[CAT_MAX_BLOCKS + 2], issue_[CAT_MAX_BLOCKS + 2];
	int ov, nv, rc = -1, loaded = 0;

	if (ctx_open(s, &ctx, jury_id, date))
		goto out;
	if (store_award_decision_get(s->st, old_decision_id, &od) != 1 ||
	    store_award_decision_get(s->st, new_decision_id, &nd) != 1 ||
	    od.jury_id != jury_id || nd.jury_id != jury_id ||
	    od.registration_id != registration_id || nd.registration_id != registration_id) {
		svc_fail(s, SVC_NOTFOUND, "decision", NULL,
			"Décision introuvable pour ce candidat et ce jury.");
		goto out;
	}
	ov = jury_verdict_from_code(od.verdict);
	nv = jury_verdict_from_code(nd.verdict);
	if (cand_load(s, &ctx, registration_id, c))
		goto out;
	loaded = 1;
	if (cand_plan(s, c, (enum jury_verdict)ov, &oldp) ||
	    cand_plan(s, c, (enum jury_verdict)nv, &newp) ||
	    close_registration(s, &ctx, c, (enum jury_verdict)nv))
		goto out;
	if (store_certificate_of_jury_reg(s->st, jury_id, registration_id, live_collect, live)) {
		svc_store_failed(s, -1, "Lecture des certificats");
		goto out;
	}
	/* waiting for the GTP (R-GTP-2): nothing was issued, nothing to change;
	** the attribution issues what the final decision awards */
	if (!live->n && ctx.wait) {
		rc = ctx_finish(s, &ctx, "certificate.correct");
		goto out;
	}
	award_plan_diff(&oldp, &newp, cancel, issue_);
	for (size_t i = 0; i < oldp.n; i++) {
		const char *ucode, *utitle;
		if (!cancel[i])
			continue;
		item_unit(c, &oldp.items[i], &ucode, &utitle);
		for (size_t k = 0; k < live->n; k++) {
			struct certificate cert;
			struct rule_error err;
			int st;
			if (strcmp(live->v[k].kind, award_kind_code(oldp.items[i].kind)) ||
			    strcmp(live->v[k].unit_code, ucode))
				continue;
			memset(&cert, 0, sizeof cert);
			snprintf(cert.number, sizeof cert.number, "%s", live->v[k].number);
			cert.kind = oldp.items[i].kind;
			cert.state = CERT_ISSUED;
			snprintf(cert.issued_on, sizeof cert.issued_on, "%s", live->v[k].issued_on);
			if (cert_cancel(&cert, ctx.date, &err)) {
				svc_rule_failed(s, &err);
				goto out;
			}
			if ((st = store_certificate_cancel(s->st, live->v[k].id, ctx.date))) {
				svc_store_failed(s, st, "Annulation du certificat");
				goto out;
			}
			json_array_append_new(ctx.cancelled, json_string(live->v[k].number));
		}
	}
	for (size_t i = 0; !ctx.wait && i < newp.n; i++)
		if (issue_[i] && issue(s, &ctx, c, new_decision_id, &newp.items[i]))
			goto out;
	rc = ctx_finish(s, &ctx, "certificate.correct");
out:
	if (loaded)
		cand_release(c);
	ctx_close(&ctx);
	free(live);
	free(c);
	return rc;
}

/* Certificates ------------------------------------------------------------------ */

static struct certificate cert_of_row(const struct certificate_row *r)
{
	struct certificate c;
	int k = award_kind_from_code(r->kind);
	memset(&c, 0, sizeof c);
	snprintf(c.number, sizeof c.number, "%s", r->number);
	c.kind = k < 0 ? AWARD_CQPM : (enum award_kind)k;
	c.state = strcmp(r->state, "cancelled") ? CERT_ISSUED : CERT_CANCELLED;
	snprintf(c.issued_on, sizeof c.issued_on, "%s", r->issued_on);
	snprintf(c.cancelled_on, sizeof c.cancelled_on, "%s", r->cancelled_on);
	return c;
}

/* The object of one certificate (svc_jury.h), the catalogue's document
** of its certification cached in docs. */
static json_t *certificate_json(struct svc *s, struct cert_cache *docs,
	const struct certificate_row *r)
{
	struct certificate c = cert_of_row(r), last;
	char disp[CERT_NUMBER_DISPLAY_LEN], mention[256], path[64];
	const json_t *doc = svc_cert_cache_doc(s, docs, r->certification_id, r->cert_version);
	const json_t *legal;
	const char *rncp_date;

	if (!doc)
		return NULL;
	legal = json_object_get(doc, "legal");
	rncp_date = *jstr(legal, "decision_date") ? jstr(legal, "decision_date") :
		jstr(legal, "registration_start");
	/* R-CER-1: the mention the last duplicate carries */
	last = c;
	last.duplicate = r->duplicates;
	snprintf(last.issued_on, sizeof last.issued_on, "%s", r->last_duplicate_on);
	cert_duplicate_mention(&last, mention, sizeof mention);
	snprintf(path, sizeof path, "/verifier/%s", r->number);
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:i, s:s, s:s, "
		"s:{s:s, s:s, s:s, s:s, s:s}, s:s, s:s, "
		"s:{s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:I, s:s, s:s}, "
		"s:{s:s, s:s, s:s, s:s}, s:s, s:s}",
		"number", r->number, "display", cert_number_display(r->number, disp),
		"kind", r->kind, "kind_label", award_kind_label(c.kind),
		"annex", award_annex(c.kind), "state", cert_state_code(c.state),
		"state_label", cert_state_label(c.state), "issued_on", r->issued_on,
		"cancelled_on", r->cancelled_on, "duplicates", r->duplicates,
		"last_duplicate_on", r->last_duplicate_on, "duplicate_mention", mention,
		"certification", "code", r->cert_code, "title", r->cert_title, "level", r->level,
		"rncp", r->rncp, "rncp_date", rncp_date,
		"unit_code", r->unit_code, "unit_title", r->unit_title,
		"holder", "name", r->holder_name, "first_names", r->first_names,
		"birth_name", r->birth_name, "birth_date", r->birth_date,
		"birth_town", r->birth_town, "birth_department", r->birth_department,
		"jury", "id", (json_int_t)r->jury_id, "date", r->jury_date, "place", r->jury_place,
		"centre", "code", r->centre_code, "name", r->centre_name, "city", r->centre_city,
		"signatory", r->centre_signatory,
		"president", r->president, "verify_path", path);
}

/* Loads certificate number (as typed) when the actor reaches it: the
** centre's staff, the national administrator. Out of reach is not found. */
static int cert_load(struct svc *s, const char *number, struct certificate_row *r)
{
	char canon[CERT_NUMBER_LEN];
	struct rule_error err;
	int found;

	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et l'administrateur national consultent les certificats.");
	if (!number || strlen(number) > VERIFY_TYPED_MAX ||
	    cert_number_parse(number, NULL, canon, &err))
		return svc_fail(s, SVC_NOTFOUND, "number", NULL, "Aucun certificat n° %.64s.",
			number ? number : "");
	found = store_certificate_get(s->st, canon, r);
	if (found < 0)
		return svc_store_failed(s, -1, "Lecture du certificat");
	if (!found || !perm_scope_ok(&s->actor, r->centre_id))
		return svc_fail(s, SVC_NOTFOUND, "number", NULL, "Aucun certificat n° %s.", canon);
	return 0;
}

int svc_certificate_get(struct svc *s, const char *number, json_t **out)
{
	struct certificate_row *r = xcalloc(1, sizeof *r);
	struct cert_cache docs = { 0 };
	int rc = -1;

	*out = NULL;
	if (!cert_load(s, number, r)) {
		*out = certificate_json(s, &docs, r);
		rc = *out ? 0 : -1;
	}
	svc_cert_cache_release(&docs);
	free(r);
	return rc;
}

int svc_certificate_duplicate(struct svc *s, const char *number, json_t **out)
{
	struct certificate_row *r = xcalloc(1, sizeof *r);
	struct cert_cache docs = { 0 };
	struct certificate orig, dup;
	struct rule_error err;
	char today[DATE_LEN];
	int rc = -1, st;

	*out = NULL;
	if (svc_begin(s))
		goto out;
	if (cert_load(s, number, r))
		goto rollback;
	svc_today(s, today);
	orig = cert_of_row(r);
	/* R-CER-1: same number, cancelled refused */
	if (cert_duplicate(&orig, r->duplicates, today, &dup, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	if ((st = store_certificate_duplicate(s->st, r->id, r->duplicates + 1, today))) {
		svc_store_abort(s, st, "Enregistrement du duplicata");
		goto out;
	}
	r->duplicates++;
	snprintf(r->last_duplicate_on, sizeof r->last_duplicate_on, "%s", today);
	*out = certificate_json(s, &docs, r);
	if (!*out)
		goto rollback;
	{
		char object[48];
		snprintf(object, sizeof object, "certificat:%s", r->number);
		rc = svc_commit_audit(s, "certificate.duplicate", object,
			json_pack("{s:i, s:s}", "duplicate", r->duplicates, "date", today));
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	goto out;
rollback:
	store_rollback(s->st);
out:
	svc_cert_cache_release(&docs);
	free(r);
	return rc;
}

struct cert_list {
	struct svc *s;
	struct cert_cache docs;
	json_t *arr;
	int failed;
};

static int cert_list_row(void *arg, const struct certificate_row *r)
{
	struct cert_list *l = arg;
	json_t *o = certificate_json(l->s, &l->docs, r);
	if (!o) {
		l->failed = 1;
		return 1;
	}
	json_array_append_new(l->arr, o);
	return 0;
}

int svc_certificate_list(struct svc *s, int64_t candidate_id, json_t **out)
{
	struct candidate *k = xcalloc(1, sizeof *k);
	struct cert_list l;
	int found, rc = -1;

	*out = NULL;
	memset(&l, 0, sizeof l);
	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE)) {
		svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seuls le centre de certification et l'administrateur national consultent les certificats.");
		goto out;
	}
	found = store_candidate_get(s->st, candidate_id, k);
	if (found < 0) {
		svc_store_failed(s, -1, "Lecture des candidats");
		goto out;
	}
	if (!found || !perm_scope_ok(&s->actor, k->centre_id)) {
		svc_fail(s, SVC_NOTFOUND, "id", NULL, "Aucun candidat n° %lld dans votre centre.",
			(long long)candidate_id);
		goto out;
	}
	l.s = s;
	l.arr = json_array();
	if (store_certificate_of_candidate(s->st, candidate_id, cert_list_row, &l)) {
		svc_store_failed(s, -1, "Lecture des certificats");
		goto out;
	}
	if (l.failed)
		goto out;
	*out = l.arr;
	l.arr = NULL;
	rc = 0;
out:
	svc_cert_cache_release(&l.docs);
	json_decref(l.arr);
	free(k);
	return rc;
}

/*
** R-CER-2: anybody checks a certificate. The same lookup is made whether
** the number is well formed or not (a malformed one looks up a number no
** certificate can have), so that the time taken does not tell a malformed
** number from an unknown one; both answer {"valid": false}. Only what the
** certificate itself shows is told: no birth date, no identifier.
*/
int svc_certificate_verify(struct svc *s, const char *typed, json_t **out)
{
	static const char nowhere[] = "MC00000000000000";   /* never issued: centre 000 */
	struct certificate_public p;
	struct rule_error err;
	char canon[CERT_NUMBER_LEN], disp[CERT_NUMBER_DISPLAY_LEN];
	int ok, found, k;

	*out = NULL;
	memset(&p, 0, sizeof p);
	ok = typed && strlen(typed) <= VERIFY_TYPED_MAX &&
		cert_number_parse(typed, NULL, canon, &err) == 0;
	found = store_certificate_verify(s->st, ok ? canon : nowhere, &p);
	if (found < 0)
		return svc_store_failed(s, -1, "La vérification");
	if (!ok || !found) {
		*out = json_pack("{s:b}", "valid", 0);
		return 0;
	}
	if (!strcmp(p.state, "cancelled")) {
		*out = json_pack("{s:b, s:b}", "valid", 0, "cancelled", 1);
		return 0;
	}
	k = award_kind_from_code(p.kind);
	*out = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "valid", 1,
		"number", p.number, "display", cert_number_display(p.number, disp),
		"certification", p.cert_title,
		"kind_label", k < 0 ? "" : award_kind_label((enum award_kind)k),
		"holder", p.holder_name, "jury_date", p.jury_date, "centre", p.centre_name,
		"state", p.state);
	return 0;
}
