/*
** The awards of a signed jury on a real database (R-JUR-12, R-CER-1,
** R-CER-2, R-LET-3): which certificates each decision gives, their
** numbers per centre and year — sequential, never reused, never doubled
** even when two signatures run at once —, a centre without a national
** number, corrections, duplicates and the public verification.
*/
#include "t.h"
#include "award_fx.h"
#include "service/svc_int.h"
#include "service/svc_jury.h"
#include "core/award.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The canonical number of rank seq of centre 7 in year. */
static const char *num(int year, long seq, char out[CERT_NUMBER_LEN])
{
	struct cert_number n = { year, 7, seq };
	cert_number_format(&n, out);
	return out;
}

static long count_of(struct store *st, const char *fmt, long long a)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, a);
	return afx_count(st, sql);
}

static void text_of(struct store *st, const char *fmt, long long a, char *out, size_t n)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, a);
	afx_text(st, sql, out, n);
}

/* R-JUR-12: an admitted CQPM registered at the RNCP and on the CQPI list
** gives its CQPM certificate and its CQPI certificate, numbered in turn;
** the registration is closed admitted, next jury cleared. */
TEST(cqpm_admitted_with_cqpi)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-cqpm");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Dupont", "CQPM-R", "");
	char n1[CERT_NUMBER_LEN], n2[CERT_NUMBER_LEN], t[256];
	json_t *c = NULL;

	afx_result(st, rid, "C1", "acquired");
	afx_result(st, rid, "C2", "acquired");
	afx_result(st, rid, "C3", "acquired");
	afx_exec(st, "UPDATE registration SET next_jury = '2026-02-10'");
	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	CHECK_INT(count_of(st, "SELECT count(*) FROM certificate WHERE registration_id = %lld", rid), 2);
	text_of(st, "SELECT group_concat(kind || ':' || number, ' ') FROM (SELECT kind, number "
		"FROM certificate WHERE registration_id = %lld ORDER BY number)", rid, t, sizeof t);
	num(2026, 1, n1);
	num(2026, 2, n2);
	{
		char want[128];
		snprintf(want, sizeof want, "cqpm:%s cqpi:%s", n1, n2);
		CHECK_STR(t, want);
	}
	text_of(st, "SELECT status || '|' || next_jury FROM registration WHERE id = %lld", rid, t, sizeof t);
	CHECK_STR(t, "admitted|");
	text_of(st, "SELECT last FROM certificate_counter WHERE year = %lld", 2026, t, sizeof t);
	CHECK_STR(t, n2);
	/* what is printed: « Prénom NOM », the R-CAT-4 code or the catalogue's */
	CHECK_INT(svc_certificate_get(&s, n1, &c), 0);
	CHECK_STR(jstr(json_object_get(c, "holder"), "name"), "Léa DUPONT");
	CHECK_STR(jstr(c, "kind"), "cqpm");
	CHECK_INT(json_integer_value(json_object_get(c, "annex")), 7);
	CHECK_STR(jstr(json_object_get(c, "certification"), "title"), "Technicien d'essai");
	CHECK_STR(jstr(json_object_get(c, "certification"), "rncp_date"), "2024-05-02");
	CHECK_STR(jstr(json_object_get(c, "jury"), "date"), "2026-02-10");
	CHECK_STR(jstr(json_object_get(c, "centre"), "signatory"), "Jean Martin");
	{
		char want[64];
		snprintf(want, sizeof want, "/verifier/%s", n1);
		CHECK_STR(jstr(c, "verify_path"), want);
	}
	CHECK_STR(jstr(c, "duplicate_mention"), "");
	json_decref(c);
	/* the audit: one event for the signature's certificates */
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action = 'certificate.issue'"), 1);
	afx_close(st);
}

/* R-JUR-12: a CCPM admitted gives its certificate (annex 10); a usage
** name is the name printed. */
TEST(ccpm_admitted)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-ccpm");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Moreau", "CCPM-T", "");
	char t[256];

	afx_exec(st, "UPDATE candidate SET usage_name = 'Lefèvre'");
	afx_result(st, rid, "C1", "acquired");
	afx_result(st, rid, "C2", "acquired");
	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	text_of(st, "SELECT group_concat(kind || '|' || holder_name) FROM certificate "
		"WHERE registration_id = %lld", rid, t, sizeof t);
	CHECK_STR(t, "ccpm|Léa LEFÈVRE");
	afx_close(st);
}

/* R-JUR-12, R-LET-3: not admitted to a CQPM registered at the RNCP, the
** block acquired gets its certificate (annex 8) and is kept 5 years; not
** admitted to a CQPM outside the RNCP, nothing is issued and the
** competences acquired are kept 24 months. */
TEST(not_admitted_blocks)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-na");
	int64_t r1 = afx_reg(st, "UIMM-DEMO", "Petit", "CQPM-R", "");
	int64_t r2 = afx_reg(st, "UIMM-DEMO", "Grand", "CQPM-N", "");
	char t[256];

	afx_result(st, r1, "C1", "acquired");
	afx_result(st, r1, "C2", "acquired");
	afx_result(st, r1, "C3", "not_acquired");
	afx_result(st, r2, "C1", "acquired");
	afx_result(st, r2, "C2", "not_acquired");
	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, r1, "NA");
	afx_decide(st, 2, 1, r2, "NA");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	text_of(st, "SELECT group_concat(kind || '|' || unit_code || '|' || unit_title) FROM certificate "
		"WHERE registration_id = %lld", r1, t, sizeof t);
	CHECK_STR(t, "block|BDC0101|Bloc un");
	CHECK_INT(count_of(st, "SELECT count(*) FROM certificate WHERE registration_id = %lld", r2), 0);
	text_of(st, "SELECT group_concat(unit || '|' || unit_kind || '|' || kept_until || '|' || source) "
		"FROM acquired_unit WHERE candidate_id = %lld", afx_candidate(st, r1), t, sizeof t);
	CHECK_STR(t, "RBC01|block|2031-02-10|jury");
	text_of(st, "SELECT group_concat(unit || '|' || unit_kind || '|' || kept_until) "
		"FROM acquired_unit WHERE candidate_id = %lld", afx_candidate(st, r2), t, sizeof t);
	CHECK_STR(t, "C1|competence|2028-02-10");
	text_of(st, "SELECT group_concat(status) FROM registration WHERE id = %lld", r1, t, sizeof t);
	CHECK_STR(t, "not_admitted");
	afx_close(st);
}

/* R-CER-2: numbers follow each other per centre and year across juries;
** another year starts again at 1. */
TEST(numbers_per_centre_and_year)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-seq");
	int64_t r1 = afx_reg(st, "UIMM-DEMO", "Un", "CCPM-T", "");
	int64_t r2 = afx_reg(st, "UIMM-DEMO", "Deux", "CCPM-T", "");
	int64_t r3 = afx_reg(st, "UIMM-DEMO", "Trois", "CCPM-T", "");
	char t[64], n[CERT_NUMBER_LEN];

	afx_jury(st, 1, "UIMM-DEMO", "2025-11-20", "signed");
	afx_jury(st, 2, "UIMM-DEMO", "2026-01-15", "signed");
	afx_jury(st, 3, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, r1, "A");
	afx_decide(st, 2, 2, r2, "A");
	afx_decide(st, 3, 3, r3, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2025-11-20"), 0);
	CHECK_INT(afx_award(&s, 2, "2026-01-15"), 0);
	CHECK_INT(afx_award(&s, 3, "2026-02-10"), 0);
	text_of(st, "SELECT number FROM certificate WHERE registration_id = %lld", r1, t, sizeof t);
	CHECK_STR(t, num(2025, 1, n));
	text_of(st, "SELECT number FROM certificate WHERE registration_id = %lld", r2, t, sizeof t);
	CHECK_STR(t, num(2026, 1, n));
	text_of(st, "SELECT number FROM certificate WHERE registration_id = %lld", r3, t, sizeof t);
	CHECK_STR(t, num(2026, 2, n));
	afx_close(st);
}

/* R-CER-2: a centre without its national number cannot number: refused
** with the reason, nothing written. */
TEST(centre_without_number)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-nonum");
	int64_t rid = afx_reg(st, "UIMM-EST", "Est", "CCPM-T", "");
	char t[64];

	afx_jury(st, 1, "UIMM-EST", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-CER-2");
	CHECK_CONTAINS(s.res.message, "numéro national");
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate"), 0);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate_counter"), 0);
	text_of(st, "SELECT status FROM registration WHERE id = %lld", rid, t, sizeof t);
	CHECK_STR(t, "active");
	afx_close(st);
}

/* Writes a correction of registration rid at jury 1: old decision
** superseded, new final decision new_id with verdict, then
** svc_award_corrected in the same transaction. */
static int correct(struct svc *s, int64_t rid, int64_t old_id, int64_t new_id,
	const char *verdict, const char *date)
{
	afx_exec(s->st, "UPDATE jury_decision SET state = 'superseded', superseded_on = '%s' "
		"WHERE id = %lld", date, (long long)old_id);
	afx_exec(s->st, "INSERT INTO jury_decision (id, jury_id, registration_id, revision, state, "
		"verdict, votes_for, votes_against, abstentions, president_ballot, motive, decided_on, "
		"decided_by, recorded_at) VALUES (%lld, 1, %lld, %lld, 'final', '%s', 4, 0, 0, 'for', "
		"'Erreur matérielle', '%s', 'test', '2026-02-20T00:00:00Z')", (long long)new_id,
		(long long)rid, (long long)new_id, verdict, date);
	if (svc_begin(s))
		return -1;
	if (svc_award_corrected(s, 1, rid, old_id, new_id, date)) {
		store_rollback(s->st);
		return -1;
	}
	return svc_commit_audit(s, "jury.correct", "jury:1", NULL);
}

/* R-JUR-12, R-CER-2: a correction cancels what the new decision no longer
** awards (the number stays used) and issues new numbers, never an old one;
** the registration follows the new verdict. */
TEST(correction_never_reuses)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-fix");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Roux", "CQPM-R", "");
	char t[256], n[CERT_NUMBER_LEN];
	json_t *v = NULL;

	afx_result(st, rid, "C1", "acquired");
	afx_result(st, rid, "C2", "acquired");
	afx_result(st, rid, "C3", "not_acquired");
	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);   /* CQPM 1, CQPI 2 */
	/* to not admitted: CQPM and CQPI cancelled, the block acquired issued (3) */
	CHECK_INT(correct(&s, rid, 1, 2, "NA", "2026-02-20"), 0);
	text_of(st, "SELECT group_concat(kind || ':' || state || ':' || substr(number, 10, 5), ' ') FROM "
		"(SELECT * FROM certificate WHERE registration_id = %lld ORDER BY id)", rid, t, sizeof t);
	CHECK_STR(t, "cqpm:cancelled:00001 cqpi:cancelled:00002 block:issued:00003");
	text_of(st, "SELECT status FROM registration WHERE id = %lld", rid, t, sizeof t);
	CHECK_STR(t, "not_admitted");
	CHECK_INT(count_of(st, "SELECT count(*) FROM acquired_unit WHERE candidate_id = %lld",
		afx_candidate(st, rid)), 1);
	/* back to admitted: the block certificate cancelled, the CQPM and CQPI
	** issued again under new numbers, never the cancelled ones */
	CHECK_INT(correct(&s, rid, 2, 3, "A", "2026-02-25"), 0);
	text_of(st, "SELECT group_concat(kind || ':' || state || ':' || substr(number, 10, 5), ' ') FROM "
		"(SELECT * FROM certificate WHERE registration_id = %lld ORDER BY id)", rid, t, sizeof t);
	CHECK_STR(t, "cqpm:cancelled:00001 cqpi:cancelled:00002 block:cancelled:00003 "
		"cqpm:issued:00004 cqpi:issued:00005");
	CHECK_INT(count_of(st, "SELECT count(*) FROM acquired_unit WHERE candidate_id = %lld",
		afx_candidate(st, rid)), 0);
	text_of(st, "SELECT cancelled_on FROM certificate WHERE registration_id = %lld ORDER BY id "
		"LIMIT 1", rid, t, sizeof t);
	CHECK_STR(t, "2026-02-20");
	/* a cancelled certificate is told as such, and has no duplicate */
	CHECK_INT(svc_certificate_verify(&s, num(2026, 1, n), &v), 0);
	CHECK(json_is_false(json_object_get(v, "valid")));
	CHECK(json_is_true(json_object_get(v, "cancelled")));
	json_decref(v);
	CHECK_INT(svc_certificate_duplicate(&s, n, &v), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-CER-1");
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action = 'certificate.correct'"), 2);
	afx_close(st);
}

/* R-CER-2 under load: two signatures of the same centre at the same time,
** each on its own connection to the same file: every number distinct, no
** gap. */
struct racer {
	int64_t jury;
	int rc;
	char msg[512];
};

static void *race(void *arg)
{
	struct racer *r = arg;
	char err[256];
	struct svc s;
	struct store *st = store_open(fx_dbpath, err, sizeof err);

	r->rc = -1;
	if (!st) {
		snprintf(r->msg, sizeof r->msg, "%s", err);
		return NULL;
	}
	svc_init_ctx(&s, st, &fx_admin);
	s.now = AFX_NOW;
	r->rc = afx_award(&s, r->jury, "2026-02-10");
	snprintf(r->msg, sizeof r->msg, "%s", s.res.message);
	store_close(st);
	return NULL;
}

TEST(concurrent_signatures)
{
	enum { PER_JURY = 6 };
	struct svc s;
	struct store *st = afx_open(&s, "award-race");
	struct racer a = { 1, 0, "" }, b = { 2, 0, "" };
	pthread_t ta, tb;
	char t[64], n[CERT_NUMBER_LEN], name[32];

	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_jury(st, 2, "UIMM-DEMO", "2026-02-10", "signed");
	for (int i = 0; i < 2 * PER_JURY; i++) {
		int64_t rid;
		snprintf(name, sizeof name, "Candidat%c", 'A' + i);
		rid = afx_reg(st, "UIMM-DEMO", name, "CQPM-R", "");
		afx_decide(st, i + 1, i < PER_JURY ? 1 : 2, rid, "A");   /* CQPM + CQPI each */
	}
	pthread_create(&ta, NULL, race, &a);
	pthread_create(&tb, NULL, race, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	CHECK_INT(a.rc, 0);
	CHECK_INT(b.rc, 0);
	if (a.rc || b.rc)
		fprintf(stderr, "race: %s / %s\n", a.msg, b.msg);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate"), 4 * PER_JURY);
	CHECK_INT(afx_count(st, "SELECT count(DISTINCT number) FROM certificate"), 4 * PER_JURY);
	afx_text(st, "SELECT min(number) FROM certificate", t, sizeof t);
	CHECK_STR(t, num(2026, 1, n));
	afx_text(st, "SELECT max(number) FROM certificate", t, sizeof t);
	CHECK_STR(t, num(2026, 4 * PER_JURY, n));
	afx_text(st, "SELECT last FROM certificate_counter", t, sizeof t);
	CHECK_STR(t, n);
	/* each jury's numbers are one run: the signatures did not interleave */
	CHECK_INT(afx_count(st, "SELECT count(DISTINCT jury_id) FROM (SELECT jury_id FROM certificate "
		"ORDER BY number LIMIT 12)"), 1);
	afx_close(st);
}

/* R-CER-2: the public verification — valid, unknown, malformed, cancelled
** (above) — tells only what the certificate shows; unknown and malformed
** answer the same. */
TEST(verify_public)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-verify");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Durand", "CCPM-T", "");
	struct svc pub;
	char n[CERT_NUMBER_LEN], typed[64];
	json_t *v = NULL, *unknown = NULL, *malformed = NULL;

	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	svc_init_ctx(&pub, st, NULL);
	pub.now = AFX_NOW;
	num(2026, 1, n);
	/* as typed from the paper: spaces, lower case */
	snprintf(typed, sizeof typed, "mc %.4s %.3s %.5s %.2s", n + 2, n + 6, n + 9, n + 14);
	CHECK_INT(svc_certificate_verify(&pub, typed, &v), 0);
	CHECK(json_is_true(json_object_get(v, "valid")));
	CHECK_STR(jstr(v, "number"), n);
	CHECK_STR(jstr(v, "holder"), "Léa DURAND");
	CHECK_STR(jstr(v, "certification"), "Compétences d'essai");
	CHECK_STR(jstr(v, "jury_date"), "2026-02-10");
	CHECK_STR(jstr(v, "state"), "issued");
	CHECK_CONTAINS(jstr(v, "kind_label"), "compétences professionnelles");
	CHECK(json_object_get(v, "birth_date") == NULL);
	CHECK(json_object_get(v, "id") == NULL);
	CHECK_INT(json_object_size(v), 9);
	json_decref(v);
	/* unknown: a well-formed number never issued (rank 2) */
	CHECK_INT(svc_certificate_verify(&pub, num(2026, 2, n), &unknown), 0);
	CHECK_INT(svc_certificate_verify(&pub, "MC2026-n'importe quoi", &malformed), 0);
	CHECK(json_equal(unknown, malformed));
	CHECK(json_is_false(json_object_get(unknown, "valid")));
	CHECK_INT(json_object_size(unknown), 1);
	json_decref(unknown);
	json_decref(malformed);
	/* a wrong key is malformed too */
	num(2026, 1, n);
	n[15] = n[15] == '0' ? '1' : '0';
	CHECK_INT(svc_certificate_verify(&pub, n, &v), 0);
	CHECK(json_is_false(json_object_get(v, "valid")));
	json_decref(v);
	/* the staff's page is not the public's */
	CHECK_INT(svc_certificate_get(&pub, num(2026, 1, n), &v), -1);
	CHECK_INT(pub.res.rc, SVC_DENIED);
	afx_close(st);
}

/* R-CER-1: a duplicate keeps the number and carries its mention; the
** centre's staff make it, another centre does not see it. */
TEST(duplicate)
{
	struct svc s;
	struct store *st = afx_open(&s, "award-dup");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Bernard", "CCPM-T", "");
	char n[CERT_NUMBER_LEN], disp[CERT_NUMBER_DISPLAY_LEN];
	json_t *c = NULL, *list = NULL;

	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	num(2026, 1, n);
	afx_as(&s, st, "centrest");
	CHECK_INT(svc_certificate_duplicate(&s, n, &c), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_certificate_list(&s, afx_candidate(st, rid), &list), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	afx_as(&s, st, "jury");
	CHECK_INT(svc_certificate_get(&s, n, &c), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	afx_as(&s, st, "centre");
	CHECK_INT(svc_certificate_duplicate(&s, n, &c), 0);
	CHECK_STR(jstr(c, "number"), n);
	CHECK_INT(json_integer_value(json_object_get(c, "duplicates")), 1);
	CHECK_STR(jstr(c, "last_duplicate_on"), AFX_TODAY);
	CHECK_CONTAINS(jstr(c, "duplicate_mention"), "Duplicata certifié conforme");
	CHECK_CONTAINS(jstr(c, "duplicate_mention"), cert_number_display(n, disp));
	CHECK_CONTAINS(jstr(c, "duplicate_mention"), "02/03/2026");
	json_decref(c);
	CHECK_INT(svc_certificate_duplicate(&s, n, &c), 0);
	CHECK_INT(json_integer_value(json_object_get(c, "duplicates")), 2);
	json_decref(c);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action = 'certificate.duplicate'"), 2);
	CHECK_INT(svc_certificate_list(&s, afx_candidate(st, rid), &list), 0);
	CHECK_INT(json_array_size(list), 1);
	CHECK_STR(jstr(json_array_get(list, 0), "number"), n);
	json_decref(list);
	afx_close(st);
}
