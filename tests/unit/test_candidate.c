/*
** Service tests of candidates and registrations on a real SQLite base:
** registration and its refusals with their rule ids (R-INS-1, R-INS-3,
** R-CAT-6, R-HAB-2), the identity that makes the same person one
** candidate, the work list's scope by role, its search, filters, totals
** and pages, the candidate's file, the units kept from an earlier jury
** (R-LET-3) and the training bodies' accounts.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc.h"
#include "core/catalogue.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rows {
	int n;
	int64_t ids[64];
	char names[64][64];
};

static int row(void *arg, const struct reg_row *r)
{
	struct rows *a = arg;
	if (a->n < 64) {
		a->ids[a->n] = r->id;
		snprintf(a->names[a->n], sizeof a->names[0], "%s", r->birth_name);
	}
	a->n++;
	return 0;
}

/* The list as the actor sees it with query q: rows into out, total
** returned (-2 on a refusal). */
static int64_t list(struct svc *s, const struct candidate_query *q, struct rows *out)
{
	int64_t total = -3;
	memset(out, 0, sizeof *out);
	if (svc_candidate_list(s, q, row, out, &total))
		return -2;
	return total;
}

static int64_t list_q(struct svc *s, const char *text, struct rows *out)
{
	struct candidate_query q;
	memset(&q, 0, sizeof q);
	q.q = text;
	return list(s, &q, out);
}

/* R-INS-1: registering, and the same person registering again. */
TEST(register_and_identity)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	int64_t k1, r1, k2, r2, k3;
	json_t *doc;

	fx_person(&c, "Fontaine", "Léa Marie", "1996-04-12");
	c.email = "lea.fontaine@exemple.fr";
	fx_employee(&r, "RNCP28235");
	r.tutor = "Paul Durand";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k1, &r1), 0);
	CHECK(k1 > 0 && r1 > 0);
	/* the same person, typed otherwise, for another certification:
	** the same candidate; the e-mail left empty keeps the former one */
	fx_person(&c, "FONTAINE", "Léa-Marie", "1996-04-12");
	c.usage_name = "Dupont";
	fx_employee(&r, "RNCP28236");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k2, &r2), 0);
	CHECK_INT(k2, k1);
	CHECK(r2 != r1);
	CHECK_INT(svc_candidate_doc(&s, k1, &doc), 0);
	CHECK_STR(jstr(json_object_get(doc, "identity"), "usage_name"), "Dupont");
	CHECK_STR(jstr(json_object_get(doc, "identity"), "birth_name"), "FONTAINE");
	CHECK_STR(jstr(json_object_get(doc, "contact"), "email"), "lea.fontaine@exemple.fr");
	CHECK_INT(json_array_size(json_object_get(doc, "registrations")), 2);
	/* the current registration is the newest */
	CHECK_INT(json_integer_value(json_object_get(json_object_get(doc, "registration"), "id")), r2);
	json_decref(doc);
	/* another birth date: another person */
	fx_person(&c, "Fontaine", "Léa Marie", "1996-04-13");
	fx_employee(&r, "RNCP28235");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k3, NULL), 0);
	CHECK(k3 != k1);
	/* "FRANCE" is France */
	fx_person(&c, "Bernard", "Luc", "1990-01-01");
	c.birth_country = "FRANCE";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k3, NULL), 0);
	CHECK_INT(svc_candidate_doc(&s, k3, &doc), 0);
	CHECK_STR(jstr(json_object_get(doc, "identity"), "birth_country"), "France");
	CHECK_STR(jstr(json_object_get(doc, "identity"), "birth_insee"), "69123");
	json_decref(doc);
	fx_close(st);
}

/* Each refusal names its rule and the input at fault; nothing is written. */
TEST(register_refusals)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct body b;
	struct rows rows;
	int64_t k, id;

	fx_person(&c, "Roche", "Anaïs", "1993-03-03");
	/* R-INS-3: RNCP28242 is not open to individual candidacy */
	fx_employee(&r, "RNCP28242");
	r.route = "individual";
	r.registrant = "candidate";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-INS-3");
	CHECK_STR(s.res.field, "route");
	/* R-CAT-6: the draft referential */
	fx_employee(&r, "PROJET-CHARGE-RH");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-CAT-6");
	CHECK_STR(s.res.field, "certification");
	/* R-HAB-2: a body the centre has not habilitated */
	memset(&b, 0, sizeof b);
	snprintf(b.siret, sizeof b.siret, "11004301500012");
	snprintf(b.name, sizeof b.name, "Organisme non habilité");
	CHECK_INT(svc_body_add(&s, &b, &id), 0);
	fx_employee(&r, "RNCP28235");
	r.registrant = "training_body";
	r.body_siret = "110 043 015 00012";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-HAB-2");
	CHECK_STR(s.res.field, "body_siret");
	/* R-INS-1: a job seeker comes without a company */
	fx_employee(&r, "RNCP28235");
	r.origin = "DE";
	r.registrant = "candidate";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-INS-1");
	CHECK_STR(s.res.field, "company_name");
	/* R-INS-1: an employee acting without his employer's agreement
	** registers himself */
	fx_employee(&r, "RNCP28235");
	r.without_agreement = 1;
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_STR(s.res.rule, "R-INS-1");
	CHECK_STR(s.res.field, "without_agreement");
	/* malformed fields: no rule, the field named */
	fx_employee(&r, "RNCP28235");
	r.company_siret = "73282932000075";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "company_siret");
	CHECK_STR(s.res.rule, "");
	fx_employee(&r, "RNCP28235");
	c.birth_insee = "75056";   /* not a commune of the 69 */
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_STR(s.res.field, "birth_insee");
	fx_person(&c, "Roche", "Anaïs", "1993-03-03");
	r.blocks = "RNCP28236BC01";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_STR(s.res.field, "blocks");
	r.blocks = NULL;
	r.date = "2999-01-01";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_STR(s.res.field, "date");
	/* nothing was written (the demo's six) */
	CHECK_INT(list_q(&s, NULL, &rows), 6);
	/* R-INS-1: a second active registration for the same certification */
	fx_employee(&r, "RNCP28235");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), 0);
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-INS-1");
	CHECK_STR(s.res.field, "certification");
	CHECK_INT(list_q(&s, NULL, &rows), 7);
	/* the jury and the public do not register */
	fx_as(&s, "jury");
	fx_employee(&r, "RNCP28236");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

/* The scope of the work list and of the candidate's file by role. */
TEST(list_scope)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct centre other;
	struct rows rows;
	struct candidate_query q;
	json_t *doc;
	int64_t id, kother;

	/* a candidate of another centre */
	memset(&other, 0, sizeof other);
	snprintf(other.code, sizeof other.code, "UIMM-NORD");
	snprintf(other.name, sizeof other.name, "UIMM Nord");
	CHECK_INT(svc_centre_add(&s, &other, &id), 0);
	fx_person(&c, "Lambert", "Chloé", "1992-05-05");
	fx_employee(&r, "RNCP28235");
	r.centre = "UIMM-NORD";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &kother, NULL), 0);
	/* the national administrator: all, or one centre */
	CHECK_INT(list_q(&s, NULL, &rows), 7);
	memset(&q, 0, sizeof q);
	q.centre = "UIMM-NORD";
	CHECK_INT(list(&s, &q, &rows), 1);
	CHECK_STR(rows.names[0], "Lambert");
	/* the centre: its own only; not another centre's, even by number
	** or by asking for that centre */
	fx_as(&s, "centre");
	CHECK_INT(list_q(&s, NULL, &rows), 6);
	CHECK_INT(list(&s, &q, &rows), 0);
	CHECK_INT(svc_candidate_doc(&s, kother, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_candidate_doc(&s, 1, &doc), 0);
	json_decref(doc);
	/* nor does it register with another centre */
	fx_person(&c, "Lambert", "Chloé", "1992-05-05");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &id, NULL), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	/* the training body: what it registered (the demo's one) */
	fx_as(&s, "organisme");
	CHECK_INT(list_q(&s, NULL, &rows), 1);
	CHECK_STR(rows.names[0], "Petit");
	CHECK_INT(svc_candidate_doc(&s, 1, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* the evaluator: those assigned to him, none yet */
	fx_as(&s, "evaluateur");
	CHECK_INT(list_q(&s, NULL, &rows), 0);
	CHECK_INT(rows.n, 0);
	CHECK_INT(svc_candidate_doc(&s, 1, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* the jury and the public: refused */
	fx_as(&s, "jury");
	CHECK_INT(list_q(&s, NULL, &rows), -2);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_INT(svc_candidate_doc(&s, 1, &doc), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	memset(&s.actor, 0, sizeof s.actor);
	CHECK_INT(list_q(&s, NULL, &rows), -2);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

/* R-HAB-2: a training body registers in its own name, with a centre that
** habilitated it. */
TEST(training_body_registers)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct body b;
	struct rows rows;
	int64_t k, id;
	json_t *doc;

	fx_as(&s, "organisme");
	CHECK_INT(svc_account_body(&s, &b), 1);
	CHECK_STR(b.siret, "98765432100015");
	fx_person(&c, "Garnier", "Hugo", "1999-12-31");
	fx_employee(&r, "RNCP28235");
	r.centre = NULL;   /* its account's centre */
	/* "by the company" is not its to say */
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-HAB-2");
	CHECK_STR(s.res.field, "registrant");
	/* another body's SIRET neither */
	memset(&b, 0, sizeof b);
	s.actor = fx_admin;
	snprintf(b.siret, sizeof b.siret, "11004301500012");
	snprintf(b.name, sizeof b.name, "Autre organisme");
	CHECK_INT(svc_body_add(&s, &b, &id), 0);
	fx_as(&s, "organisme");
	r.registrant = "training_body";
	r.body_siret = "11004301500012";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_STR(s.res.rule, "R-HAB-2");
	r.body_siret = NULL;
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), 0);
	CHECK_INT(svc_candidate_doc(&s, k, &doc), 0);
	CHECK_STR(jstr(json_object_get(json_object_get(doc, "registration"), "training_body"),
		"siret"), "98765432100015");
	json_decref(doc);
	CHECK_INT(list_q(&s, NULL, &rows), 2);
	/* an account tied to no body registers nothing */
	s.actor = fx_admin;
	{
		struct user_new u = { "organisme2", "Organisme sans rattachement", "",
			"training_body", "UIMM-DEMO", "demonstration" };
		CHECK_INT(svc_user_add(&s, &u, &id), 0);
	}
	fx_as(&s, "organisme2");
	CHECK_INT(svc_account_body(&s, &b), 0);
	CHECK_INT(list_q(&s, NULL, &rows), 0);
	fx_person(&c, "Garnier", "Inès", "1998-12-31");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_STR(s.res.rule, "R-HAB-2");
	/* tied by the centre, it registers as the body */
	fx_as(&s, "centre");
	CHECK_INT(svc_account_link_body(&s, "organisme2", "98765432100015"), 0);
	CHECK_INT(svc_account_link_body(&s, "evaluateur", "98765432100015"), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_INT(svc_account_link_body(&s, "organisme2", "99999999999999"), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	fx_as(&s, "organisme2");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), 0);
	CHECK_INT(list_q(&s, NULL, &rows), 3);
	/* an evaluator ties nothing */
	fx_as(&s, "evaluateur");
	CHECK_INT(svc_account_link_body(&s, "organisme2", "98765432100015"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

static int count_account(void *arg, const struct account *a)
{
	(void)a;
	++*(int *)arg;
	return 0;
}

/* The accounts tied to a body, as centre staff and the administrator see
** them. */
TEST(body_accounts)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	int n = 0;

	CHECK_INT(svc_body_accounts(&s, "98765432100015", count_account, &n), 0);
	CHECK_INT(n, 1);
	fx_as(&s, "centre");
	n = 0;
	CHECK_INT(svc_body_accounts(&s, "98765432100015", count_account, &n), 0);
	CHECK_INT(n, 1);
	fx_as(&s, "jury");
	CHECK_INT(svc_body_accounts(&s, "98765432100015", count_account, &n), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

/* The search by name (trigram index), the filters, totals and pages. */
TEST(list_search_filters_pages)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct rows rows, all;
	struct candidate_query q;
	int64_t k;

	/* the demo's six, and one more Martin */
	fx_person(&c, "Martinez", "Paul", "1970-07-07");
	fx_employee(&r, "RNCP28242");
	r.company_siret = "91234567800029";
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), 0);
	CHECK_INT(list_q(&s, "martin", &rows), 2);         /* Martin, Martinez */
	CHECK_INT(list_q(&s, "MARTÍN", &rows), 2);         /* folded */
	CHECK_INT(list_q(&s, "artine", &rows), 1);         /* anywhere in a name */
	CHECK_STR(rows.names[0], "Martinez");
	CHECK_INT(list_q(&s, "martin chloe", &rows), 1);     /* every word */
	CHECK_STR(rows.names[0], "Martin");
	CHECK_INT(list_q(&s, "ch", &rows), 1);             /* two letters: a name's start */
	CHECK_STR(rows.names[0], "Martin");
	CHECK_INT(list_q(&s, "ar", &rows), 0);             /* not inside a name */
	CHECK_INT(list_q(&s, "martin p", &rows), 1);       /* one letter: with a longer word */
	CHECK_STR(rows.names[0], "Martinez");
	CHECK_INT(list_q(&s, "p", &rows), -2);             /* alone: refused */
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "q");
	CHECK_INT(list_q(&s, "moreau", &rows), 2);         /* usage name too */
	CHECK_INT(list_q(&s, "\"*^:()", &rows), 7);        /* no word: everything */
	/* filters */
	memset(&q, 0, sizeof q);
	q.certification = "RNCP28236";
	CHECK_INT(list(&s, &q, &rows), 2);
	q.certification = "RNCP99999";
	CHECK_INT(list(&s, &q, &rows), 0);
	memset(&q, 0, sizeof q);
	q.company_siret = "912 345 678 00029";
	CHECK_INT(list(&s, &q, &rows), 2);
	q.company_siret = "91234567800028";
	CHECK_INT(list(&s, &q, &rows), -2);
	CHECK_STR(s.res.field, "company");
	memset(&q, 0, sizeof q);
	q.body_siret = "98765432100015";
	CHECK_INT(list(&s, &q, &rows), 1);
	CHECK_STR(rows.names[0], "Petit");
	memset(&q, 0, sizeof q);
	q.status = "active";
	CHECK_INT(list(&s, &q, &rows), 7);
	q.status = "admitted";
	CHECK_INT(list(&s, &q, &rows), 0);
	q.status = "admis";
	CHECK_INT(list(&s, &q, &rows), -2);
	CHECK_STR(s.res.field, "status");
	memset(&q, 0, sizeof q);
	q.next_jury = "2027-02-30";
	CHECK_INT(list(&s, &q, &rows), -2);
	CHECK_STR(s.res.field, "next_jury");
	q.next_jury = "2027-03-16";
	CHECK_INT(list(&s, &q, &rows), 0);
	/* pages: newest first; the total whatever the page */
	memset(&q, 0, sizeof q);
	CHECK_INT(list(&s, &q, &all), 7);
	CHECK_INT(all.n, 7);
	CHECK(all.ids[0] > all.ids[1] && all.ids[5] > all.ids[6]);
	q.per_page = 3;
	q.page = 3;
	CHECK_INT(list(&s, &q, &rows), 7);
	CHECK_INT(rows.n, 1);
	CHECK_INT(rows.ids[0], all.ids[6]);
	q.page = 4;
	CHECK_INT(list(&s, &q, &rows), 7);
	CHECK_INT(rows.n, 0);
	q.page = 2;
	q.q = "martin";
	q.per_page = 1;
	CHECK_INT(list(&s, &q, &rows), 2);
	CHECK_INT(rows.n, 1);
	/* the export's cursor: the ids below */
	memset(&q, 0, sizeof q);
	q.before_id = all.ids[2];
	CHECK_INT(list(&s, &q, &rows), -1);
	CHECK_INT(rows.n, 4);
	CHECK_INT(rows.ids[0], all.ids[3]);
	q.per_page = 501;
	CHECK_INT(list(&s, &q, &rows), -2);
	CHECK_STR(s.res.field, "per_page");
	fx_close(st);
}

/* The totals come from a tally kept by triggers: they follow a status
** changed by any writer. */
TEST(list_totals_follow_status)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_query q;
	struct rows rows;

	memset(&q, 0, sizeof q);
	q.status = "active";
	CHECK_INT(list(&s, &q, &rows), 6);
	CHECK_INT(store_begin(st), 0);
	CHECK_INT(store_reg_set_status(st, 2, "admitted", "2027-01-01T00:00:00Z"), 0);
	CHECK_INT(store_reg_set_status(st, 3, "withdrawn", "2027-01-01T00:00:00Z"), 0);
	CHECK_INT(store_commit(st), 0);
	CHECK_INT(list(&s, &q, &rows), 4);
	q.per_page = 1;   /* a full page: counted */
	CHECK_INT(list(&s, &q, &rows), 4);
	q.status = "admitted";
	CHECK_INT(list(&s, &q, &rows), 1);
	q.certification = "RNCP28236";
	CHECK_INT(list(&s, &q, &rows), 1);
	q.certification = "RNCP28235";
	CHECK_INT(list(&s, &q, &rows), 0);
	memset(&q, 0, sizeof q);
	q.per_page = 2;
	CHECK_INT(list(&s, &q, &rows), 6);
	fx_as(&s, "centre");
	CHECK_INT(list(&s, &q, &rows), 6);
	fx_close(st);
}

/* A seed of finite validity: RNCP28235's referential under another code,
** with acquired_validity set. Returns the temporary data dir. */
static const char *seed_with(const char *code, const char *validity, const char *status,
	char *dir, size_t n);

static const char *seed_with_validity(const char *code, const char *validity, char *dir,
	size_t n)
{
	return seed_with(code, validity, NULL, dir, n);
}

/* A copy of RNCP28235 under code, not registered at the RNCP, with the
** given validity and, when status is not NULL, that status. */
static const char *seed_with(const char *code, const char *validity, const char *status,
	char *dir, size_t n)
{
	char path[512];
	json_error_t jerr;
	json_t *doc = json_load_file(CQPM_DATADIR "/seeds/RNCP28235.json", 0, &jerr);
	const json_t *bl;
	size_t i;

	snprintf(dir, n, "/tmp/cqpm-test-seed-%d", (int)getpid());
	snprintf(path, sizeof path, "%s/seeds", dir);
	mkdir(dir, 0700);
	mkdir(path, 0700);
	json_object_set_new(doc, "code", json_string(code));
	json_object_set_new(doc, "rncp", json_string(""));
	json_object_set_new(doc, "acquired_validity", json_string(validity));
	if (status)
		json_object_set_new(doc, "status", json_string(status));
	json_array_foreach(json_object_get(doc, "blocks"), i, bl) {
		char bc[48];
		snprintf(bc, sizeof bc, "%sBC%02d", code, (int)i + 1);
		json_object_set_new((json_t *)bl, "code", json_string(bc));
	}
	snprintf(path, sizeof path, "%s/seeds/%s.json", dir, code);
	json_dump_file(doc, path, JSON_INDENT(2));
	json_decref(doc);
	return dir;
}

static void seed_remove(const char *dir, const char *code)
{
	char path[512];
	snprintf(path, sizeof path, "%s/seeds/%s.json", dir, code);
	unlink(path);
	snprintf(path, sizeof path, "%s/seeds", dir);
	rmdir(path);
	rmdir(dir);
}

static const json_t *acquired_unit(const json_t *doc, const char *code)
{
	const json_t *a;
	size_t i;
	json_array_foreach(json_object_get(doc, "acquired_blocks"), i, a)
		if (!strcmp(jstr(a, "code"), code))
			return a;
	return NULL;
}

/* R-LET-3: a unit acquired at an earlier jury, kept for the
** certification's registered validity from the jury's decision. */
TEST(acquired_kept_until)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct import_report rep;
	char dir[256];
	int64_t k;
	json_t *doc;
	const json_t *a, *reg, *bl;
	size_t i;
	int seen = 0;

	fx_person(&c, "Martin", "Léa", "1995-04-12");
	fx_employee(&r, "RNCP28235");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), 0);
	/* RNCP28235's validity is "illimitée": kept without limit */
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC01", "2024-06-20"), 0);
	CHECK_INT(svc_candidate_doc(&s, k, &doc), 0);
	a = acquired_unit(doc, "RNCP28235BC01");
	CHECK(a != NULL);
	CHECK(json_is_null(json_object_get(a, "kept_until")));
	CHECK(json_is_true(json_object_get(a, "kept")));
	CHECK_STR(jstr(a, "jury_date"), "2024-06-20");
	CHECK_STR(jstr(a, "kind"), "block");
	/* the registration's block is acquired, kept from that jury */
	reg = json_object_get(doc, "registration");
	json_array_foreach(json_object_get(reg, "blocks"), i, bl)
		if (!strcmp(jstr(bl, "code"), "RNCP28235BC01")) {
			seen = 1;
			CHECK_STR(jstr(bl, "state"), "acquired");
			CHECK_STR(jstr(bl, "kept_from_jury"), "2024-06-20");
		}
	CHECK(seen);
	json_decref(doc);
	/* a competence; the same unit twice; a unit of another referential;
	** a jury to come; the rights */
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "C7", "2024-06-20"), 0);
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC01", "2024-06-20"), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28236BC01", "2024-06-20"), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "unit");
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC02", "2999-01-01"), -1);
	CHECK_STR(s.res.field, "jury_date");
	CHECK_INT(svc_acquired_record(&s, 999, "RNCP28235", "RNCP28235BC02", "2024-06-20"), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* a referential kept 3 years: until the same day 3 years later, the
	** month's last day for 29 February */
	seed_with_validity("CQPM-TEST-3ANS", "3 ans", dir, sizeof dir);
	CHECK_INT(svc_load_seeds(&s, dir, &rep), 0);
	CHECK_INT(svc_acquired_record(&s, k, "CQPM-TEST-3ANS", "CQPM-TEST-3ANSBC02", "2024-02-29"), 0);
	CHECK_INT(svc_acquired_record(&s, k, "CQPM-TEST-3ANS", "CQPM-TEST-3ANSBC03", "2020-01-15"), 0);
	CHECK_INT(svc_candidate_doc(&s, k, &doc), 0);
	a = acquired_unit(doc, "CQPM-TEST-3ANSBC02");
	CHECK(a != NULL);
	CHECK_STR(jstr(a, "kept_until"), "2027-02-28");
	a = acquired_unit(doc, "CQPM-TEST-3ANSBC03");
	CHECK(a != NULL);
	CHECK_STR(jstr(a, "kept_until"), "2023-01-15");
	CHECK(json_is_false(json_object_get(a, "kept")));   /* no longer kept */
	json_decref(doc);
	seed_remove(dir, "CQPM-TEST-3ANS");
	/* none but the centre records one */
	fx_as(&s, "organisme");
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC02", "2024-06-20"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_as(&s, "evaluateur");
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC02", "2024-06-20"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_as(&s, "centre");
	CHECK_INT(svc_acquired_record(&s, k, "RNCP28235", "RNCP28235BC02", "2024-06-20"), 0);
	fx_close(st);
}

/* The candidate's file: the keys every front end reads. */
TEST(candidate_file_keys)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	json_t *doc;
	const json_t *reg;

	CHECK_INT(svc_candidate_doc(&s, 5, &doc), 0);
	CHECK_INT(json_integer_value(json_object_get(doc, "id")), 5);
	CHECK_STR(jstr(doc, "centre"), "UIMM-DEMO");
	CHECK_STR(jstr(json_object_get(doc, "identity"), "birth_name"), "Petit");
	CHECK(json_is_object(json_object_get(doc, "contact")));
	CHECK(json_is_array(json_object_get(doc, "acquired_blocks")));
	CHECK_STR(jstr(doc, "status"), "pending");
	reg = json_object_get(doc, "registration");
	CHECK_STR(jstr(reg, "route"), "continuing");
	CHECK_STR(jstr(reg, "registrant"), "training_body");
	CHECK_STR(jstr(json_object_get(reg, "training_body"), "siret"), "98765432100015");
	CHECK_STR(jstr(json_object_get(reg, "company"), "sector"), "HM");
	CHECK_STR(jstr(json_object_get(reg, "company"), "sector_branch"), "Plasturgie");
	CHECK_INT(json_array_size(json_object_get(reg, "blocks")), 3);
	CHECK_INT(json_array_size(json_object_get(reg, "competences")), 9);
	json_decref(doc);
	CHECK_INT(svc_candidate_doc(&s, 999, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	fx_close(st);
}

/* The demo data: once, whatever the number of runs. */
TEST(demo_idempotent)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct init_report rep;
	struct rows rows;
	int n = 0;

	CHECK_INT(list_q(&s, NULL, &rows), 6);
	CHECK_INT(svc_setup(&s, CQPM_DATADIR, 1, NULL, NULL, &rep), 0);
	CHECK_INT(list_q(&s, NULL, &rows), 6);
	CHECK_INT(svc_body_accounts(&s, "98765432100015", count_account, &n), 0);
	CHECK_INT(n, 1);
	/* one of each: a job seeker, a VAE, one through the body */
	{
		json_t *doc;
		CHECK_INT(svc_candidate_doc(&s, 3, &doc), 0);
		CHECK_STR(jstr(json_object_get(doc, "registration"), "origin"), "DE");
		json_decref(doc);
		CHECK_INT(svc_candidate_doc(&s, 4, &doc), 0);
		CHECK_STR(jstr(json_object_get(doc, "registration"), "route"), "vae");
		json_decref(doc);
	}
	fx_close(st);
}

/* R-CAT-7: from the GTP's suppression decision no candidate may be
** engaged; a suppressed certification refuses every new registration, and
** nothing is written. */
TEST(suppressed_certification_refused)
{
	struct svc s;
	struct store *st = fx_open(&s, "cand", 1, 0);
	struct candidate_in c;
	struct registration_in r;
	struct import_report rep;
	struct rows rows;
	char dir[256];
	int64_t before, k = 0;

	seed_with("CQPM-SUPPRIME", "", "suppressed", dir, sizeof dir);
	CHECK_INT(svc_load_seeds(&s, dir, &rep), 0);
	before = list(&s, &(struct candidate_query){ 0 }, &rows);
	fx_person(&c, "Supprimé", "Léon", "1980-03-03");
	fx_employee(&r, "CQPM-SUPPRIME");
	CHECK_INT(svc_candidate_register(&s, &c, &r, &k, NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-CAT-7");
	CHECK_STR(s.res.field, "certification");
	CHECK_CONTAINS(s.res.message, "supprimée");
	CHECK_INT(list(&s, &(struct candidate_query){ 0 }, &rows), before);
	seed_remove(dir, "CQPM-SUPPRIME");
	fx_close(st);
}
