/*
** The services of the jury paritaire on a real database: planning (R-JUR-1,
** 14 and 15 days), composition built member by member (R-JUR-3, R-JUR-4,
** R-JUR-6, R-JUR-7), requests and convocations on their last day
** (R-JUR-1, R-JUR-9), the jury moved (R-JUR-8, R-JUR-9), eligibility
** (R-JUR-2), opening and parity (R-JUR-5), anonymity (R-JUR-10),
** decisions, signature and correction (R-JUR-11, R-JUR-7), who reaches
** what, and nothing half-written on a refusal.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc_jury.h"
#include "core/award.h"
#include <pthread.h>
#include "service/svc_jury_int.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Today: 2 March 2026, noon UTC; the jury on 30 March (28 days later). */
#define NOW ((time_t)1772452800)
#define DAY 86400
#define TODAY "2026-03-02"
#define JURY_DAY "2026-03-30"
#define CERT "RNCP28242"

static struct store *fresh(struct svc *s)
{
	struct store *st = fx_open(s, "jury", 1, NOW);
	struct user_new u1 = { "jury2", "Hugo Laurent", "", "jury", "UIMM-DEMO", "demonstration" };
	struct user_new u2 = { "centre2", "Chargé d'un autre centre", "", "centre", "AUTRE", "demonstration" };
	struct centre c;
	int64_t id;
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "AUTRE");
	snprintf(c.name, sizeof c.name, "Autre centre");
	svc_centre_add(s, &c, &id);
	svc_user_add(s, &u1, &id);
	svc_user_add(s, &u2, &id);
	return st;
}

/* A registration of a job seeker to CERT, every competence evaluated
** (acquired unless failed names one), or none when evaluated is 0. */
static int64_t candidate(struct svc *s, const char *name, const char *first,
	int evaluated, const char *failed)
{
	static const char *const comps[] = { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8" };
	struct candidate_in c;
	struct registration_in r;
	struct dossier_choice ch[8];
	struct dossier_in d;
	struct opinion_in o = { "favourable", "Paul Durand", "tutor", TODAY, "" };
	int64_t kid = 0, rid = 0;
	struct actor keep = s->actor;

	s->actor = fx_admin;
	fx_person(&c, name, first, "1990-05-04");
	fx_employee(&r, CERT);
	if (svc_candidate_register(s, &c, &r, &kid, &rid))
		fprintf(stderr, "register: %s\n", s->res.message);
	for (int i = 0; i < 8; i++) {
		ch[i].competence = comps[i];
		ch[i].modalities = "real_situation";
	}
	memset(&d, 0, sizeof d);
	d.choices = ch;
	d.nchoices = 8;
	d.places = "Atelier";
	d.period_start = TODAY;
	d.period_end = "2026-06-30";
	d.agreed_on = TODAY;
	d.centre_signatory = "Claire Lenoir";
	d.company_signatory = "Paul Durand";
	if (svc_dossier_agree(s, rid, &d))
		fprintf(stderr, "dossier: %s\n", s->res.message);
	for (int i = 0; i < 8 && evaluated; i++) {
		struct evaluation_in e = { comps[i], failed && !strcmp(failed, comps[i]) ?
			"not_acquired" : "acquired", "real_situation", "Critères",
			"Appréciation : Mme Appréciée a bien travaillé.", TODAY };
		if (!strcmp(comps[i], "C1"))
			e.appraisal = name;   /* a name in free text, to be masked */
		if (svc_eval_record(s, rid, &e))
			fprintf(stderr, "eval: %s\n", s->res.message);
	}
	if (evaluated)
		svc_opinion_record(s, rid, &o);
	s->actor = keep;
	return rid;
}

static int64_t plan(struct svc *s)
{
	const char *certs[] = { CERT };
	struct jury_in in = { NULL, JURY_DAY, "Lyon", certs, 1 };
	int64_t id = 0;
	CHECK_INT(svc_jury_plan(s, &in, &id), 0);
	return id;
}

static struct jury_member_in member(const char *name, const char *role, const char *un,
	int votes, int president, const char *login)
{
	struct jury_member_in m = { name, "", role, "metallurgy", un, un != NULL, votes, president,
		"", "", login };
	return m;
}

/* The whole jury: two employer votes (the president among them), the
** CFDT and the CGT with a vote each, a tutor invited; members[0..4]. */
static void compose(struct svc *s, int64_t jury, int64_t members[5])
{
	struct jury_member_in m[5] = {
		member("Anne Martin", "employer", NULL, 1, 1, "jury"),
		member("Bruno Leroy", "employer", NULL, 1, 0, NULL),
		member("Émile Roux", "union", "CFDT", 1, 0, NULL),
		member("Hugo Laurent", "union", "CGT", 1, 0, "jury2"),
		member("Jean Tuteur", "tutor", NULL, 0, 0, NULL),
	};
	for (int i = 0; i < 5; i++)
		CHECK_INT(svc_jury_member_add(s, jury, &m[i], &members[i]), 0);
}

static json_t *doc_of(struct svc *s, int64_t jury)
{
	json_t *d = NULL;
	CHECK_INT(svc_jury_doc(s, jury, &d), 0);
	return d;
}

static int count_where(const json_t *arr, const char *key, const char *value)
{
	size_t i;
	const json_t *e;
	int n = 0;
	json_array_foreach(arr, i, e)
		n += !strcmp(json_string_value(json_object_get(e, key)) ?
			json_string_value(json_object_get(e, key)) : "", value);
	return n;
}

/* R-JUR-1: 15 calendar days at least between today and the jury. */
TEST(plan_15_days_R_JUR_1)
{
	struct svc s;
	struct store *st = fresh(&s);
	const char *certs[] = { CERT };
	struct jury_in in = { NULL, "2026-03-16", "Lyon", certs, 1 };
	int64_t id = 0;
	json_t *list = NULL;

	fx_as(&s, "centre");
	CHECK_INT(svc_jury_plan(&s, &in, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-1");
	in.date = "2026-03-17";
	CHECK_INT(svc_jury_plan(&s, &in, &id), 0);
	CHECK_INT(svc_jury_list(&s, NULL, "", "", &list), 0);
	CHECK_INT(json_array_size(list), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0), "state")), "planned");
	json_decref(list);
	/* a certification unknown: nothing written */
	certs[0] = "RNCP00000";
	in.date = "2026-04-17";
	CHECK_INT(svc_jury_plan(&s, &in, &id), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_jury_list(&s, NULL, "", "", &list), 0);
	CHECK_INT(json_array_size(list), 1);
	json_decref(list);
	fx_close(st);
}

/* R-JUR-3, R-JUR-4, R-JUR-6, R-JUR-7: what adding a member breaks. */
TEST(composition_refusals)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t jury, id, members[5];
	struct jury_member_in m;
	json_t *d;

	fx_as(&s, "centre");
	jury = plan(&s);
	/* a union alone, no president yet: accepted while building up */
	m = member("Émile Roux", "union", "CFDT", 1, 0, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &members[0]), 0);
	m = member("Farid Benali", "union", "CFDT", 1, 0, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-4");
	m = member("Sud Syndiqué", "union", "SUD", 1, 0, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-4");
	m = member("Jean Tuteur", "tutor", NULL, 1, 0, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-6");
	m = member("Gaëlle Simon", "union", "CFE-CGC", 1, 1, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-7");
	for (int i = 0; i < 5; i++) {
		char name[32];
		snprintf(name, sizeof name, "Employeur Numéro%d", i);
		m = member(name, "employer", NULL, 0, i == 0, NULL);
		m.votes = i == 0;
		CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), 0);
	}
	m = member("Sixième Employeur", "employer", NULL, 0, 0, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-3");
	m = member("Second Président", "employer", NULL, 1, 1, NULL);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_STR(s.res.rule, "R-JUR-3");
	/* R-JUR-8: each change bumps the revision; the CPREFP is due */
	d = doc_of(&s, jury);
	CHECK_INT(json_array_size(json_object_get(d, "members")), 6);
	CHECK_INT(json_integer_value(json_object_get(d, "revision")), 7);
	CHECK(json_is_true(json_object_get(json_object_get(d, "cprefp"), "due")));
	json_decref(d);
	CHECK_INT(svc_jury_notify_cprefp(&s, jury, NULL), 0);
	d = doc_of(&s, jury);
	CHECK(json_is_false(json_object_get(json_object_get(d, "cprefp"), "due")));
	json_decref(d);
	CHECK_INT(svc_jury_member_remove(&s, jury, members[0]), 0);
	d = doc_of(&s, jury);
	CHECK(json_is_true(json_object_get(json_object_get(d, "cprefp"), "due")));
	CHECK_INT(json_array_size(json_object_get(d, "members")), 5);
	json_decref(d);
	fx_close(st);
}

/* R-JUR-1, R-JUR-9: requests and convocations up to 15 days before. */
TEST(requests_convocations_edges)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t jury, members[5];
	struct convoke_report rep;
	json_t *d;

	fx_as(&s, "centre");
	jury = plan(&s);
	compose(&s, jury, members);
	/* 14 days before the jury: late */
	CHECK_INT(svc_jury_request(&s, jury, "CFDT", "2026-03-16"), -1);   /* in the future */
	CHECK_INT(s.res.rc, SVC_INVALID);
	s.now = NOW + 14 * DAY;   /* 16 March: 14 days before */
	CHECK_INT(svc_jury_request(&s, jury, NULL, NULL), -1);
	CHECK_STR(s.res.rule, "R-JUR-1");
	CHECK_INT(svc_jury_convoke(&s, jury, 0, NULL, &rep), -1);
	CHECK_STR(s.res.rule, "R-JUR-9");
	/* 15 days before: on time, recorded then */
	CHECK_INT(svc_jury_request(&s, jury, NULL, "2026-03-15"), 0);
	CHECK_INT(svc_jury_convoke(&s, jury, 0, "2026-03-15", &rep), 0);
	CHECK_INT(rep.convened, 4);
	CHECK_INT(rep.mailed, 0);
	/* the invited is not convened */
	CHECK_INT(svc_jury_convoke(&s, jury, members[4], "2026-03-15", &rep), -1);
	CHECK_STR(s.res.rule, "R-JUR-6");
	CHECK_INT(svc_jury_convoke(&s, jury, 0, "2026-03-15", &rep), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	d = doc_of(&s, jury);
	CHECK_INT(count_where(json_object_get(d, "members"), "convened_on", "2026-03-15"), 4);
	CHECK_INT(count_where(json_object_get(d, "unions"), "requested_on", "2026-03-15"), 4);
	CHECK_STR(json_string_value(json_object_get(d, "notice_deadline")), "2026-03-15");
	json_decref(d);
	fx_close(st);
}

/* R-JUR-9, R-JUR-1, R-JUR-8: a moved jury convenes again; late requests go again. */
TEST(move_reconvenes)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t jury, members[5], rid;
	struct convoke_report rep;
	json_t *d;
	struct reg_row r;

	fx_as(&s, "centre");
	rid = candidate(&s, "Appert", "Lucie", 1, NULL);
	jury = plan(&s);
	compose(&s, jury, members);
	CHECK_INT(svc_jury_candidate_add(&s, jury, rid), 0);
	CHECK_INT(svc_jury_request(&s, jury, NULL, NULL), 0);
	CHECK_INT(svc_jury_convoke(&s, jury, 0, NULL, &rep), 0);
	CHECK_INT(svc_jury_notify_cprefp(&s, jury, NULL), 0);
	/* 14 days from today: refused, nothing changed */
	CHECK_INT(svc_jury_move(&s, jury, "2026-03-16", NULL), -1);
	CHECK_STR(s.res.rule, "R-JUR-9");
	s.now = NOW + 10 * DAY;   /* 12 March: the 2 March requests stay valid for 10 April */
	CHECK_INT(svc_jury_move(&s, jury, "2026-04-10", NULL), 0);
	d = doc_of(&s, jury);
	CHECK_STR(json_string_value(json_object_get(d, "date")), "2026-04-10");
	CHECK_INT(count_where(json_object_get(d, "members"), "convened_on", TODAY), 0);
	CHECK_INT(count_where(json_object_get(d, "unions"), "requested_on", TODAY), 4);
	CHECK(json_is_true(json_object_get(json_object_get(d, "cprefp"), "due")));
	json_decref(d);
	CHECK_INT(store_reg_get(st, rid, &r), 1);
	CHECK_STR(r.next_jury, "2026-04-10");
	/* the candidate removed: next jury cleared */
	CHECK_INT(svc_jury_candidate_remove(&s, jury, rid), 0);
	CHECK_INT(store_reg_get(st, rid, &r), 1);
	CHECK_STR(r.next_jury, "");
	fx_close(st);
}

/* R-JUR-2: only complete evaluations; the reason says why. */
TEST(eligibility_R_JUR_2)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t jury, done, undone;
	json_t *list = NULL;
	size_t i;
	const json_t *e;
	int seen = 0;

	fx_as(&s, "centre");
	done = candidate(&s, "Appert", "Lucie", 1, NULL);
	undone = candidate(&s, "Bastien", "Marc", 0, NULL);
	jury = plan(&s);
	CHECK_INT(svc_jury_eligible(&s, jury, &list), 0);
	json_array_foreach(list, i, e) {
		json_int_t id = json_integer_value(json_object_get(e, "registration_id"));
		if (id == done) {
			CHECK(json_is_true(json_object_get(e, "eligible")));
			seen++;
		} else if (id == undone) {
			CHECK(json_is_false(json_object_get(e, "eligible")));
			CHECK_CONTAINS(json_string_value(json_object_get(e, "reason")), "évaluations");
			seen++;
		}
	}
	CHECK_INT(seen, 2);
	json_decref(list);
	CHECK_INT(svc_jury_candidate_add(&s, jury, undone), -1);
	CHECK_STR(s.res.rule, "R-JUR-2");
	CHECK_INT(svc_jury_candidate_add(&s, jury, done), 0);
	CHECK_INT(svc_jury_candidate_add(&s, jury, done), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	fx_close(st);
}

/* A jury ready to sit on JURY_DAY with two candidates; s acts as centre
** on the jury's day. */
static int64_t ready(struct svc *s, int64_t members[5], int64_t rids[2])
{
	struct convoke_report rep;
	int64_t jury;
	fx_as(s, "centre");
	rids[0] = candidate(s, "Appert", "Lucie", 1, NULL);
	rids[1] = candidate(s, "Bastien", "Marc", 1, "C4");
	jury = plan(s);
	compose(s, jury, members);
	CHECK_INT(svc_jury_candidate_add(s, jury, rids[0]), 0);
	CHECK_INT(svc_jury_candidate_add(s, jury, rids[1]), 0);
	CHECK_INT(svc_jury_request(s, jury, NULL, NULL), 0);
	CHECK_INT(svc_jury_convoke(s, jury, 0, NULL, &rep), 0);
	s->now = NOW + 28 * DAY;
	return jury;
}

/* R-JUR-5: no parity among the voting members present, no sitting. */
TEST(open_parity_R_JUR_5)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t members[5], rids[2], jury = ready(&s, members, rids);
	int64_t present[4] = { members[0], members[2], members[3], members[4] };
	json_t *d;

	CHECK_INT(svc_jury_open(&s, jury, present, 4), -1);
	CHECK_STR(s.res.rule, "R-JUR-5");
	present[1] = members[1];   /* the CFDT absent, both employers there */
	CHECK_INT(svc_jury_open(&s, jury, present, 4), -1);
	CHECK_STR(s.res.rule, "R-JUR-5");
	d = doc_of(&s, jury);
	CHECK_STR(json_string_value(json_object_get(d, "state")), "planned");
	CHECK_INT(count_where(json_object_get(d, "candidates"), "code", ""), 2);
	json_decref(d);
	fx_close(st);
}

/* The serialized document contains none of the names. */
static int names_absent(const json_t *doc)
{
	char *text = json_dumps(doc, 0);
	int ok = text && !strstr(text, "Appert") && !strstr(text, "Lucie") &&
		!strstr(text, "Bastien") && !strstr(text, "Marc") && !strstr(text, "Forges de Lyon");
	free(text);
	return ok;
}

/* R-JUR-10, R-JUR-11, R-JUR-7: anonymous codes, decisions, the tie, the
** signature, the correction. */
TEST(sitting_anonymity_decisions)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t members[5], rids[2], jury = ready(&s, members, rids);
	int64_t present[5] = { members[0], members[1], members[2], members[3], members[4] };
	struct decision_in a = { "A", 3, 1, 0, "for", "Unanimité moins une voix." };
	struct decision_in tie = { "A", 2, 2, 0, "for", "" };
	struct decision_in bad = { "Admis", 3, 1, 0, "for", "" };
	struct jury_member_in m = member("Tard Venu", "employer", NULL, 0, 0, NULL);
	json_t *d, *f;
	const char *c0, *c1;
	char ref[24];
	int64_t id;

	CHECK_INT(svc_jury_open(&s, jury, present, 5), 0);
	/* as a member sitting on it: codes only, no name anywhere */
	fx_as(&s, "jury2");
	d = doc_of(&s, jury);
	CHECK(json_is_true(json_object_get(d, "anonymous")));
	CHECK(names_absent(d));
	c0 = json_string_value(json_object_get(json_array_get(json_object_get(d, "candidates"), 0), "code"));
	c1 = json_string_value(json_object_get(json_array_get(json_object_get(d, "candidates"), 1), "code"));
	CHECK(c0 && !strncmp(c0, "C-00", 4));
	CHECK(json_object_get(json_array_get(json_object_get(d, "candidates"), 0), "registration_id") == NULL);
	CHECK_INT(svc_jury_candidate_file(&s, jury, c0, &f), 0);
	CHECK(names_absent(f));
	json_decref(f);
	/* a registration id is no ref for him */
	snprintf(ref, sizeof ref, "%lld", (long long)rids[0]);
	CHECK_INT(svc_jury_candidate_file(&s, jury, ref, &f), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* read only: he neither composes nor decides */
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_INT(svc_jury_decide(&s, jury, c0, &a), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	/* the president decides, after the conformity (R-JUR-11) */
	fx_as(&s, "jury");
	CHECK_INT(svc_jury_decide(&s, jury, c0, &a), -1);
	CHECK_STR(s.res.rule, "R-JUR-11");
	fx_as(&s, "centre");
	CHECK_INT(svc_jury_conformity(&s, jury), 0);
	fx_as(&s, "jury");
	CHECK_INT(svc_jury_decide(&s, jury, c0, &bad), -1);
	CHECK_STR(s.res.rule, "R-JUR-11");
	CHECK_INT(svc_jury_decide(&s, jury, c0, &a), 0);
	/* a tie: the president's vote decides */
	CHECK_INT(svc_jury_decide(&s, jury, c1, &tie), 0);
	d = doc_of(&s, jury);
	f = json_array_get(json_object_get(d, "candidates"), 1);
	CHECK_STR(json_string_value(json_object_get(f, "decision")), "A");
	CHECK(json_is_true(json_object_get(f, "casting")));
	CHECK_STR(json_string_value(json_object_get(f, "decision_state")), "provisional");
	CHECK(json_is_null(json_object_get(f, "letter")));
	json_decref(d);
	/* signed: final, names visible to the members */
	CHECK_INT(svc_jury_sign(&s, jury), 0);
	d = doc_of(&s, jury);
	CHECK_STR(json_string_value(json_object_get(d, "state")), "signed");
	CHECK(json_is_false(json_object_get(d, "anonymous")));
	CHECK_INT(count_where(json_object_get(d, "candidates"), "decision_state", "final"), 2);
	CHECK(!names_absent(d));
	f = json_array_get(json_object_get(d, "candidates"), 0);
	CHECK(json_is_object(json_object_get(f, "letter")));
	json_decref(d);
	/* the correction keeps the old decision */
	fx_as(&s, "centre");
	{
		struct decision_in na = { "NA", 1, 3, 0, "against", "" };
		CHECK_INT(svc_jury_correct(&s, jury, c1, &na, ""), -1);
		CHECK_STR(s.res.rule, "R-JUR-11");
		CHECK_INT(svc_jury_correct(&s, jury, c1, &na, "Erreur de report des voix."), 0);
	}
	d = doc_of(&s, jury);
	{
		size_t i;
		const json_t *e, *hist = NULL;
		json_array_foreach(json_object_get(d, "candidates"), i, e)
			if (!strcmp(json_string_value(json_object_get(e, "code")), c1))
				hist = e;
		CHECK(hist != NULL);
		CHECK_STR(json_string_value(json_object_get(hist, "decision")), "NA");
		CHECK_INT(json_integer_value(json_object_get(hist, "revision")), 1);
		hist = json_object_get(hist, "history");
		CHECK_INT(json_array_size(hist), 2);
		CHECK_STR(json_string_value(json_object_get(json_array_get(hist, 0), "state")), "superseded");
	}
	json_decref(d);
	fx_close(st);
}

/* One candidate's part of the jury (svc_jury_doc_one, what one letter or
** one candidate's certificates are drawn from): the very candidate object
** and the very rest of svc_jury_doc, no other candidate; the letter as
** one PDF from it; a ref naming nobody is "not found". */
TEST(one_candidate_doc_and_letter)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t members[5], rids[2], jury = ready(&s, members, rids);
	struct decision_in a = { "A", 4, 0, 0, "for", "" };
	struct decision_in na = { "NA", 0, 4, 0, "against", "" };
	json_t *full = NULL, *one = NULL, *rest_full, *rest_one;
	const json_t *k;
	const char *code;
	char ref[24];
	struct buf pdf;
	int pages = 0;

	CHECK_INT(svc_jury_open(&s, jury, members, 4), 0);
	CHECK_INT(svc_jury_conformity(&s, jury), 0);
	full = doc_of(&s, jury);
	CHECK_INT(svc_jury_decide(&s, jury, json_string_value(json_object_get(
		json_array_get(json_object_get(full, "candidates"), 0), "code")), &a), 0);
	CHECK_INT(svc_jury_decide(&s, jury, json_string_value(json_object_get(
		json_array_get(json_object_get(full, "candidates"), 1), "code")), &na), 0);
	json_decref(full);
	CHECK_INT(svc_jury_sign(&s, jury), 0);
	full = doc_of(&s, jury);
	for (size_t i = 0; i < 2; i++) {
		k = json_array_get(json_object_get(full, "candidates"), i);
		code = json_string_value(json_object_get(k, "code"));
		CHECK_INT(svc_jury_doc_one(&s, jury, code, &one), 0);
		CHECK_INT(json_array_size(json_object_get(one, "candidates")), 1);
		CHECK(json_equal(json_array_get(json_object_get(one, "candidates"), 0), k));
		rest_full = json_deep_copy(full);
		rest_one = json_deep_copy(one);
		json_object_del(rest_full, "candidates");
		json_object_del(rest_one, "candidates");
		CHECK(json_equal(rest_full, rest_one));
		json_decref(rest_full);
		json_decref(rest_one);
		json_decref(one);
		one = NULL;
		/* the staff may name him by his registration id too */
		snprintf(ref, sizeof ref, "%lld",
			(long long)json_integer_value(json_object_get(k, "registration_id")));
		CHECK_INT(svc_jury_doc_one(&s, jury, ref, &one), 0);
		CHECK_STR(json_string_value(json_object_get(json_array_get(
			json_object_get(one, "candidates"), 0), "code")), code);
		json_decref(one);
		one = NULL;
		/* his letter (R-LET-1..3) */
		buf_init(&pdf, 0);
		CHECK_INT(svc_jury_pdf(&s, jury, JDOC_LETTER, code, pdf_write_buf, &pdf, &pages), 0);
		CHECK(pages >= 1);
		CHECK(pdf.len > 5 && !memcmp(pdf.p, "%PDF-", 5));
		buf_release(&pdf);
	}
	CHECK_INT(svc_jury_doc_one(&s, jury, "C-999", &one), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK(one == NULL);
	buf_init(&pdf, 0);
	CHECK_INT(svc_jury_pdf(&s, jury, JDOC_LETTER, "C-999", pdf_write_buf, &pdf, &pages), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* the admitted candidate's certificates, from his part alone */
	k = NULL;
	for (size_t i = 0; i < 2; i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(
		    json_object_get(full, "candidates"), i), "decision")), "A"))
			k = json_array_get(json_object_get(full, "candidates"), i);
	CHECK(k != NULL);
	buf_reset(&pdf);
	CHECK_INT(svc_jury_pdf(&s, jury, JDOC_CERTIFICATES, json_string_value(json_object_get(k, "code")),
		pdf_write_buf, &pdf, &pages), 0);
	CHECK(pages >= 1);
	buf_release(&pdf);
	json_decref(full);
	fx_close(st);
}

/* Reach: another centre's staff, a member not on the jury: "not found". */
TEST(reach_not_found)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t jury, id;
	json_t *d = NULL;
	struct jury_member_in m = member("Anne Martin", "employer", NULL, 1, 1, NULL);

	fx_as(&s, "centre");
	jury = plan(&s);
	fx_as(&s, "centre2");
	CHECK_INT(svc_jury_doc(&s, jury, &d), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_jury_member_add(&s, jury, &m, &id), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	fx_as(&s, "jury2");
	CHECK_INT(svc_jury_doc(&s, jury, &d), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_jury_doc(&s, jury + 1000, &d), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_union_put(&s, "SUD", "Solidaires", "", 1), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	s.actor = fx_admin;
	CHECK_INT(svc_jury_doc(&s, jury, &d), 0);
	CHECK_INT(json_array_size(json_object_get(d, "unions")), 4);
	json_decref(d);
	fx_close(st);
}

/* Two members of the centre's staff record the decisions of one sitting at
** the same time, each on his own connection to the same file, each going
** over every candidate several times (R-JUR-11): nothing is lost, every
** candidate keeps one current decision, and the signature then numbers the
** certificates without a gap nor a duplicate (R-CER-2). */
enum { RACE_CANDIDATES = 6, RACE_ROUNDS = 5 };

struct decider {
	int64_t jury;
	char codes[RACE_CANDIDATES][JURY_ANON_LEN];
	const char *verdict;
	int failures;
	char msg[512];
};

static void *decide_all(void *arg)
{
	struct decider *d = arg;
	char err[256];
	struct svc s;
	struct store *st = store_open(fx_dbpath, err, sizeof err);

	if (!st) {
		d->failures = -1;
		snprintf(d->msg, sizeof d->msg, "%s", err);
		return NULL;
	}
	svc_init_ctx(&s, st, &fx_admin);
	s.actor = fx_actor(st, "centre");
	s.now = NOW + 28 * DAY;
	for (int round = 0; round < RACE_ROUNDS; round++)
		for (int i = 0; i < RACE_CANDIDATES; i++) {
			/* the last round of both says A, so that the outcome is known */
			struct decision_in a = { round == RACE_ROUNDS - 1 ? "A" : d->verdict,
				round == RACE_ROUNDS - 1 || !strcmp(d->verdict, "A") ? 4 : 0,
				round == RACE_ROUNDS - 1 || !strcmp(d->verdict, "A") ? 0 : 4, 0,
				round == RACE_ROUNDS - 1 || !strcmp(d->verdict, "A") ? "for" : "against", "" };
			if (svc_jury_decide(&s, d->jury, d->codes[i], &a)) {
				d->failures++;
				snprintf(d->msg, sizeof d->msg, "%s", s.res.message);
			}
		}
	store_close(st);
	return NULL;
}

TEST(concurrent_decisions_then_signature)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t members[5], rids[RACE_CANDIDATES], jury, ids[2];
	int64_t present[5];
	struct decider a, b;
	pthread_t ta, tb;
	struct convoke_report rep;
	json_t *d;
	const json_t *k, *c;
	size_t i, j;
	char name[32];
	int certs = 0, max_seq = 0;

	fx_as(&s, "centre");
	for (i = 0; i < RACE_CANDIDATES; i++) {
		snprintf(name, sizeof name, "Concurrent%c", (char)('A' + i));
		rids[i] = candidate(&s, name, "Jean", 1, NULL);
	}
	jury = plan(&s);
	compose(&s, jury, members);
	for (i = 0; i < RACE_CANDIDATES; i++)
		CHECK_INT(svc_jury_candidate_add(&s, jury, rids[i]), 0);
	CHECK_INT(svc_jury_request(&s, jury, NULL, NULL), 0);
	CHECK_INT(svc_jury_convoke(&s, jury, 0, NULL, &rep), 0);
	s.now = NOW + 28 * DAY;
	memcpy(present, members, sizeof present);
	CHECK_INT(svc_jury_open(&s, jury, present, 5), 0);
	CHECK_INT(svc_jury_conformity(&s, jury), 0);
	d = doc_of(&s, jury);
	memset(&a, 0, sizeof a);
	a.jury = jury;
	a.verdict = "A";
	json_array_foreach(json_object_get(d, "candidates"), i, k)
		snprintf(a.codes[i], sizeof a.codes[i], "%s", json_string_value(json_object_get(k, "code")));
	json_decref(d);
	b = a;
	b.verdict = "NA";
	ids[0] = pthread_create(&ta, NULL, decide_all, &a);
	ids[1] = pthread_create(&tb, NULL, decide_all, &b);
	CHECK_INT(ids[0], 0);
	CHECK_INT(ids[1], 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	if (a.failures || b.failures)
		fprintf(stderr, "decisions: %s / %s\n", a.msg, b.msg);
	CHECK_INT(a.failures, 0);
	CHECK_INT(b.failures, 0);
	CHECK_INT(svc_jury_sign(&s, jury), 0);
	d = doc_of(&s, jury);
	CHECK_INT(count_where(json_object_get(d, "candidates"), "decision_state", "final"),
		RACE_CANDIDATES);
	CHECK_INT(count_where(json_object_get(d, "candidates"), "decision", "A"), RACE_CANDIDATES);
	json_array_foreach(json_object_get(d, "candidates"), i, k) {
		/* the last round of both said A: revision 0 rewritten, never two current */
		CHECK_INT(json_integer_value(json_object_get(k, "revision")), 0);
		json_array_foreach(json_object_get(k, "certificates"), j, c) {
			struct cert_number n;
			struct rule_error e;
			CHECK_INT(cert_number_parse(json_string_value(json_object_get(c, "number")), &n,
				NULL, &e), 0);
			certs++;
			if (n.seq > max_seq)
				max_seq = (int)n.seq;
		}
	}
	/* numbered 1..certs: no gap, and parse gave each its own rank */
	CHECK(certs >= RACE_CANDIDATES);
	CHECK_INT(max_seq, certs);
	json_decref(d);
	fx_close(st);
}
