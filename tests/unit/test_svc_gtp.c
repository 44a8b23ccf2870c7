/*
** The records sent to the GTP and its follow-up on a real database
** (R-GTP-1, R-GTP-2): the due date two months to the day, the overdue
** listed first, the sending only once the minutes are signed, the
** withdrawal of a centre's capacity only after a corrective action not
** applied, and the awards that wait for the GTP's attribution.
*/
#include "t.h"
#include "award_fx.h"
#include "service/svc_jury.h"
#include "core/award.h"
#include <stdio.h>
#include <string.h>

/* R-GTP-1: due two months to the day (2023-12-31 → 2024-02-29), the
** overdue first; each centre sees its own. */
TEST(list_due_and_overdue)
{
	struct svc s;
	struct store *st = afx_open(&s, "gtp-list");
	json_t *l = NULL, *o;

	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_jury(st, 2, "UIMM-DEMO", "2023-12-31", "signed");
	afx_jury(st, 3, "UIMM-EST", "2025-06-30", "signed");
	afx_jury(st, 4, "UIMM-DEMO", "2026-05-10", "planned");   /* not held yet */
	afx_exec(st, "UPDATE jury SET gtp_sent_on = '2025-08-30' WHERE id = 3");
	afx_as(&s, st, "admin");
	CHECK_INT(svc_gtp_list(&s, "", &l), 0);
	CHECK_INT(json_array_size(l), 3);
	o = json_array_get(l, 0);
	CHECK_INT(json_integer_value(json_object_get(o, "jury_id")), 2);
	CHECK_STR(jstr(o, "due"), "2024-02-29");
	CHECK_STR(jstr(o, "status"), "overdue");
	CHECK(json_is_true(json_object_get(o, "overdue")));
	o = json_array_get(l, 1);
	CHECK_INT(json_integer_value(json_object_get(o, "jury_id")), 3);
	CHECK_STR(jstr(o, "due"), "2025-08-30");
	CHECK_STR(jstr(o, "status"), "sent");     /* the due day itself is in time */
	CHECK_STR(jstr(json_object_get(o, "centre"), "code"), "UIMM-EST");
	o = json_array_get(l, 2);
	CHECK_INT(json_integer_value(json_object_get(o, "jury_id")), 1);
	CHECK_STR(jstr(o, "due"), "2026-04-10");
	CHECK_STR(jstr(o, "status"), "to_send");
	CHECK_STR(jstr(o, "award_route"), "jury");
	json_decref(l);
	CHECK_INT(svc_gtp_list(&s, "overdue", &l), 0);
	CHECK_INT(json_array_size(l), 1);
	json_decref(l);
	CHECK_INT(svc_gtp_list(&s, "bof", &l), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	afx_as(&s, st, "centrest");
	CHECK_INT(svc_gtp_list(&s, "", &l), 0);
	CHECK_INT(json_array_size(l), 1);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(l, 0), "jury_id")), 3);
	json_decref(l);
	afx_as(&s, st, "jury");
	CHECK_INT(svc_gtp_list(&s, "", &l), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	afx_close(st);
}

/* R-GTP-1: the records leave once the minutes are signed, on a day
** between the jury's and today, once. */
TEST(transmit)
{
	struct svc s;
	struct store *st = afx_open(&s, "gtp-send");
	char t[32];

	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "sitting");
	afx_as(&s, st, "centre");
	CHECK_INT(svc_gtp_transmit(&s, 1, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-GTP-1");
	afx_exec(st, "UPDATE jury SET state = 'signed', signed_on = date WHERE id = 1");
	CHECK_INT(svc_gtp_transmit(&s, 1, "2026-02-09"), -1);    /* before the jury */
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_INT(svc_gtp_transmit(&s, 1, "2026-03-03"), -1);    /* tomorrow */
	CHECK_INT(s.res.rc, SVC_INVALID);
	afx_as(&s, st, "centrest");
	CHECK_INT(svc_gtp_transmit(&s, 1, NULL), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	afx_as(&s, st, "centre");
	CHECK_INT(svc_gtp_transmit(&s, 1, "2026-02-25"), 0);
	afx_text(st, "SELECT gtp_sent_on FROM jury WHERE id = 1", t, sizeof t);
	CHECK_STR(t, "2026-02-25");
	CHECK_INT(svc_gtp_transmit(&s, 1, NULL), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action = 'gtp.transmit'"), 1);
	afx_close(st);
}

/* R-GTP-2: the GTP alone sends corrective actions and withdraws; a
** withdrawal needs a corrective action of the centre found not applied. */
TEST(withdrawal_after_corrective_not_applied)
{
	struct svc s;
	struct store *st = afx_open(&s, "gtp-withdraw");
	int64_t cid = 0;
	char t[64];

	afx_jury(st, 1, "UIMM-DEMO", "2025-10-10", "signed");
	afx_as(&s, st, "centre");
	CHECK_INT(svc_gtp_corrective(&s, 1, "Compléter la feuille d'émargement.", NULL, &cid), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, NULL, "Manquements répétés"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	afx_as(&s, st, "admin");
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, "2026-01-10", "Manquements répétés"), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-GTP-2");
	CHECK_INT(svc_gtp_corrective(&s, 1, "", "2025-12-01", &cid), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_INT(svc_gtp_corrective(&s, 1, "Compléter la feuille d'émargement.", "2025-12-01", &cid), 0);
	CHECK(cid > 0);
	/* sent, not yet followed: still no withdrawal */
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, "2026-01-10", "Manquements répétés"), -1);
	CHECK_STR(s.res.rule, "R-GTP-2");
	CHECK_INT(svc_gtp_follow(&s, cid, "peut-être", "", "2026-01-05"), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_INT(svc_gtp_follow(&s, cid, "not_applied", "Aucune réponse du centre.", "2026-01-05"), 0);
	afx_text(st, "SELECT state || '|' || followed_on FROM gtp_corrective", t, sizeof t);
	CHECK_STR(t, "not_applied|2026-01-05");
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, "2026-01-10", ""), -1);   /* motive */
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, "2026-01-10", "Manquements répétés"), 0);
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 0, "2026-01-12", "Encore"), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_INT(svc_gtp_capacity(&s, "NULLE-PART", 1, NULL, NULL), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action IN ('gtp.corrective', "
		"'gtp.follow', 'gtp.withdraw')"), 3);
	afx_close(st);
}

/* R-GTP-2: a jury held while the capacity was withdrawn awards nothing
** itself; the GTP attributes once the records reached it, and the
** certificates are issued then, numbered as a signature would. */
TEST(awards_wait_for_attribution)
{
	struct svc s;
	struct store *st = afx_open(&s, "gtp-attr");
	int64_t rid = afx_reg(st, "UIMM-DEMO", "Garnier", "CCPM-T", "");
	int64_t r2 = afx_reg(st, "UIMM-DEMO", "Faure", "CCPM-T", "");
	char t[64], n[CERT_NUMBER_LEN];
	struct cert_number cn = { 2026, 7, 1 };
	json_t *l = NULL;

	afx_exec(st, "INSERT INTO gtp_withdrawal (centre_id, from_date, motive, created_at) "
		"SELECT id, '2026-02-01', 'Manquements', '2026-02-01T00:00:00Z' FROM centre "
		"WHERE code = 'UIMM-DEMO'");
	afx_jury(st, 1, "UIMM-DEMO", "2026-02-10", "signed");
	afx_decide(st, 1, 1, rid, "A");
	afx_as(&s, st, "admin");
	CHECK_INT(afx_award(&s, 1, "2026-02-10"), 0);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate"), 0);
	{
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT status FROM registration WHERE id = %lld", (long long)rid);
		afx_text(st, sql, t, sizeof t);
		CHECK_STR(t, "admitted");
	}
	CHECK_INT(svc_gtp_list(&s, "", &l), 0);
	CHECK_STR(jstr(json_array_get(l, 0), "award_route"), "waiting_gtp");
	json_decref(l);
	/* the records have not reached the GTP */
	CHECK_INT(svc_gtp_attribute(&s, 1, "2026-02-20"), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-GTP-1");
	afx_as(&s, st, "centre");
	CHECK_INT(svc_gtp_transmit(&s, 1, "2026-02-15"), 0);
	CHECK_INT(svc_gtp_attribute(&s, 1, "2026-02-20"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	afx_as(&s, st, "admin");
	CHECK_INT(svc_gtp_attribute(&s, 1, "2026-02-20"), 0);
	cert_number_format(&cn, n);
	afx_text(st, "SELECT number || '|' || issued_on FROM certificate", t, sizeof t);
	{
		char want[64];
		snprintf(want, sizeof want, "%s|2026-02-20", n);
		CHECK_STR(t, want);
	}
	CHECK_INT(svc_gtp_attribute(&s, 1, "2026-02-21"), -1);    /* once */
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate"), 1);
	CHECK_INT(svc_gtp_list(&s, "", &l), 0);
	CHECK_STR(jstr(json_array_get(l, 0), "award_route"), "gtp");
	json_decref(l);
	/* capacity given back: the next jury awards by itself */
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 1, "2026-02-25", NULL), 0);
	CHECK_INT(svc_gtp_capacity(&s, "UIMM-DEMO", 1, "2026-02-26", NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	afx_jury(st, 2, "UIMM-DEMO", "2026-03-01", "signed");
	afx_decide(st, 2, 2, r2, "A");
	CHECK_INT(afx_award(&s, 2, "2026-03-01"), 0);
	CHECK_INT(afx_count(st, "SELECT count(*) FROM certificate"), 2);
	CHECK_INT(svc_gtp_attribute(&s, 2, "2026-03-02"), -1);   /* it had its capacity */
	CHECK_INT(afx_count(st, "SELECT count(*) FROM audit WHERE action IN ('gtp.attribute', "
		"'gtp.restore')"), 2);
	afx_close(st);
}
