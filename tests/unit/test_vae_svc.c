/*
** Service tests of the VAE (svc_vae.c) on a real SQLite database: the
** admissibility file recorded on receipt and its fields (R-VAE-1), the
** decision and its motive, incomplete → completed → decided again, the
** communication of each decision, the phases of the path (R-VAE-2, with the
** collective branch VAE), the validation commission and its conclusions
** (R-VAE-3), the "vae" object of the candidate's file, rights and scope.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc.h"
#include "service/svc_document.h"
#include "core/catalogue.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Noon UTC of an ISO date, for svc.now. */
static time_t day(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

/* A fresh demo database; the clock at 2022-03-01 (RNCP 28235 and 28236
** are registered at the RNCP until 2022-04-21), the setup at the system's. */
static struct store *fresh(struct svc *s)
{
	struct store *st = fx_open(s, "vae", 1, 0);
	s->now = day("2022-03-01");
	return st;
}

/* s acting as login; "admin": the national administrator of the tests. */
static void act_as(struct svc *s, const char *login)
{
	if (!strcmp(login, "admin"))
		s->actor = fx_admin;
	else
		fx_as(s, login);
}

static int64_t enrol(struct svc *s, const char *name, const char *cert,
	const char *route, const char *kind, const char *date)
{
	struct candidate_in c;
	struct registration_in r;
	int64_t kid = 0, rid = 0;
	struct actor keep = s->actor;

	fx_person(&c, name, "Léa", "1990-05-06");
	if (kind && !strcmp(kind, "branch_collective")) {
		fx_employee(&r, cert);   /* the company registers its employee */
	} else {
		memset(&r, 0, sizeof r);
		r.centre = "UIMM-DEMO";
		r.certification = cert;
		r.registrant = "candidate";
		r.origin = "SL";
		r.funding = "CVAE";
	}
	r.route = route;
	r.vae_kind = kind;
	r.date = date;
	s->actor = fx_admin;
	if (svc_candidate_register(s, &c, &r, &kid, &rid))
		fprintf(stderr, "register %s: %s\n", name, s->res.message);
	s->actor = keep;
	return rid;
}

/* The CERFA data of one experience. */
static json_t *cerfa_one(void)
{
	return json_pack("{s:[{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s}], s:[{s:s, s:s, s:i, s:s}], "
		"s:[{s:s, s:s, s:s}]}",
		"experiences", "title", "Assistante ressources humaines",
		"employer", "Forges de Lyon, 12 rue de la Forge, 69007 Lyon", "status", "salarie",
		"start", "2014-01-06", "end", "2021-06-30", "duration", 9800,
		"duration_unit", "hours", "activities", "Recrutement des opérateurs.\r\nSuivi de la paie.",
		"training", "title", "Gestion de la paie", "body", "AFPI Rhône", "year", 2016,
		"certificate", "Attestation de formation",
		"prior_validations", "certification", "RNCP28236", "units", "RNCP28236BC01",
		"date", "2019-06-20");
}

/* Deposits a livret 2 for the registration through the documents
** service, as the centre does (R-VAE-3: the evidence file). */
static void livret2(int64_t rid)
{
	static const char pdf[] = "%PDF-1.4\n%livret 2\n";
	char path[300], reg[24];
	struct svc s;
	struct actor a = { .role = ROLE_ADMIN, .login = "test" };
	struct document_in in = { 0 };
	struct store *st;
	struct reg_row *r = calloc(1, sizeof *r);
	char err[256];
	FILE *f;

	snprintf(path, sizeof path, "%s.livret2.pdf", fx_dbpath);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f) {
		free(r);
		return;
	}
	fwrite(pdf, 1, sizeof pdf - 1, f);
	fclose(f);
	st = store_open(fx_dbpath, err, sizeof err);
	CHECK(st != NULL);
	svc_init_ctx(&s, st, &a);
	CHECK_INT(store_reg_get(st, rid, r), 1);
	snprintf(reg, sizeof reg, "%lld", (long long)rid);
	in.type = "livret2";
	in.registration = reg;
	in.file_name = "livret2.pdf";
	in.path = path;
	CHECK_INT(svc_document_add(&s, r->candidate_id, &in, NULL), 0);
	store_close(st);
	unlink(path);
	free(r);
}

/* The "vae" object of registration rid (caller frees *doc). */
static const json_t *vae_of(struct svc *s, int64_t rid, json_t **doc)
{
	*doc = NULL;
	if (svc_vae_get(s, rid, doc))
		return NULL;
	return json_object_get(*doc, "vae");
}

static void check_state(struct svc *s, int64_t rid, const char *state, const char *phase)
{
	json_t *doc;
	const json_t *v = vae_of(s, rid, &doc);
	CHECK(v != NULL);
	if (state)
		CHECK_STR(jstr(v, "state"), state);
	else
		CHECK(json_is_null(json_object_get(v, "state")));
	CHECK_STR(jstr(v, "phase"), phase);
	json_decref(doc);
}

/* An admissible file told to the candidate: registration on 2021-09-01,
** received 2021-09-15, admissible 2021-10-01, told 2021-10-04. */
static int64_t admissible_reg(struct svc *s, const char *name)
{
	int64_t rid = enrol(s, name, "RNCP28235", "vae", "standard", "2021-09-01");
	json_t *c = cerfa_one();
	CHECK_INT(svc_vae_file(s, rid, "2021-09-15", c), 0);
	json_decref(c);
	CHECK_INT(svc_vae_decide(s, rid, "admissible", "2021-10-01", NULL), 0);
	CHECK_INT(svc_vae_communicate(s, rid, "2021-10-04", "courrier"), 0);
	return rid;
}

/* R-VAE-1: the centre records the file on receipt. */
TEST(r_vae_1_receipt)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	int64_t other = enrol(&s, "Bernard", "RNCP28235", "continuing", NULL, "2021-09-01");
	json_t *c = cerfa_one(), *doc;
	const json_t *v, *e;

	CHECK(rid > 0);
	act_as(&s, "centre");
	check_state(&s, rid, NULL, "information");
	/* R-VAE-1: not before the registration */
	CHECK_INT(svc_vae_file(&s, rid, "2021-08-31", c), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "received_on");
	/* not a day to come, a real date */
	CHECK_INT(svc_vae_file(&s, rid, "2022-03-02", c), -1);
	CHECK_STR(s.res.field, "received_on");
	CHECK_INT(svc_vae_file(&s, rid, "2021-02-30", c), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	/* a registration of another route has no file */
	CHECK_INT(svc_vae_file(&s, other, "2021-09-15", c), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "registration");
	CHECK_INT(svc_vae_file(&s, 9999, "2021-09-15", c), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);

	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "state"), "received");
	CHECK_STR(jstr(v, "state_label"), "Dossier de recevabilité reçu");
	CHECK_STR(jstr(v, "received_on"), "2021-09-15");
	CHECK_STR(jstr(v, "phase"), "admissibility");
	e = json_array_get(json_object_get(json_object_get(v, "cerfa"), "experiences"), 0);
	CHECK_STR(jstr(e, "status"), "salarie");
	CHECK_STR(jstr(e, "status_label"), "Salarié");
	CHECK_INT(json_integer_value(json_object_get(e, "duration")), 9800);
	CHECK_STR(jstr(e, "duration_unit"), "hours");
	CHECK_STR(jstr(e, "duration_unit_label"), "heures");
	/* CR LF typed in a form is kept as one line break */
	CHECK_STR(jstr(e, "activities"), "Recrutement des opérateurs.\nSuivi de la paie.");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(
		json_object_get(v, "cerfa"), "training"), 0), "year")), 2016);
	CHECK_STR(jstr(json_array_get(json_object_get(json_object_get(v, "cerfa"),
		"prior_validations"), 0), "units"), "RNCP28236BC01");
	json_decref(doc);
	/* replaced while it awaits a decision, receipt date included */
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-20", c), 0);
	check_state(&s, rid, "received", "admissibility");
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "received_on"), "2021-09-20");
	json_decref(doc);
	/* after a decision, the receipt date stays; after a final one,
	** nothing is replaced */
	CHECK_INT(svc_vae_decide(&s, rid, "incomplete", "2021-09-25", "Attestations d'employeur"), 0);
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-26", c), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "received_on");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-20", c), 0);
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-09-27", "courriel"), 0);
	CHECK_INT(svc_vae_complete(&s, rid, "2021-10-05"), 0);
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-10", NULL), 0);
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-20", c), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_CONTAINS(s.res.message, "définitive");
	json_decref(c);
	fx_close(st);
}

/* R-VAE-1: every field of the form is checked, with its limits. */
TEST(r_vae_1_cerfa_fields)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	json_t *c, *e, *list;

	act_as(&s, "centre");
	/* not an object; an unknown list */
	c = json_array();
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "cerfa");
	json_decref(c);
	c = cerfa_one();
	json_object_set_new(c, "divers", json_true());
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "cerfa");
	json_decref(c);
	/* R-VAE-1: at least one experience */
	c = cerfa_one();
	json_object_set_new(c, "experiences", json_array());
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "experiences");
	CHECK_STR(s.res.rule, "R-VAE-1");
	json_decref(c);
	/* 50 experiences at most, 30 trainings, 20 prior validations */
	c = cerfa_one();
	list = json_object_get(c, "experiences");
	e = json_array_get(list, 0);
	for (int i = 0; i < 50; i++)
		json_array_append_new(list, json_deep_copy(e));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "experiences");
	CHECK_CONTAINS(s.res.message, "50 au plus");
	while (json_array_size(list) > 50)
		json_array_remove(list, 0);
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	json_decref(c);
	c = cerfa_one();
	list = json_object_get(c, "training");
	for (int i = 0; i < 30; i++)
		json_array_append_new(list, json_deep_copy(json_array_get(list, 0)));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "training");
	json_decref(c);
	c = cerfa_one();
	list = json_object_get(c, "prior_validations");
	for (int i = 0; i < 20; i++)
		json_array_append_new(list, json_deep_copy(json_array_get(list, 0)));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "prior_validations");
	json_decref(c);

	/* one field at a time: the field named, the item numbered from 1 */
	{
		static const struct { const char *key; const char *value; const char *field; } one[] = {
			{ "title", "", "experiences[0].title" },
			{ "title", "Ligne\ncoupée", "experiences[0].title" },
			{ "employer", NULL, "experiences[0].employer" },
			{ "status", "cadre", "experiences[0].status" },
			{ "start", "2014-13-01", "experiences[0].start" },
			{ "start", "2021-09-16", "experiences[0].start" },   /* after the receipt */
			{ "end", "2013-12-31", "experiences[0].end" },       /* before the start */
			{ "duration", "0", "experiences[0].duration" },
			{ "duration", "100001", "experiences[0].duration" },
			{ "duration", "douze", "experiences[0].duration" },
			{ "duration_unit", "weeks", "experiences[0].duration_unit" },
			{ "activities", "", "experiences[0].activities" },
			{ "chef", "x", "experiences[0]" },
		};
		for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
			c = cerfa_one();
			e = json_array_get(json_object_get(c, "experiences"), 0);
			json_object_set_new(e, one[i].key, one[i].value ? json_string(one[i].value) : json_null());
			CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
			CHECK_INT(s.res.rc, SVC_INVALID);
			CHECK_STR(s.res.field, one[i].field);
			CHECK_CONTAINS(s.res.message, "Expérience 1");
			json_decref(c);
		}
	}
	/* a number where text is expected, text too long */
	c = cerfa_one();
	e = json_array_get(json_object_get(c, "experiences"), 0);
	json_object_set_new(e, "title", json_integer(3));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "experiences[0].title");
	json_decref(c);
	{
		char *long_text = malloc(4002);
		memset(long_text, 'a', 4001);
		long_text[4001] = 0;
		c = cerfa_one();
		e = json_array_get(json_object_get(c, "experiences"), 0);
		json_object_set_new(e, "activities", json_string(long_text));
		CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
		CHECK_STR(s.res.field, "experiences[0].activities");
		CHECK_CONTAINS(s.res.message, "trop long");
		long_text[4000] = 0;   /* 4 000 characters are accepted */
		json_object_set_new(e, "activities", json_string(long_text));
		CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
		json_decref(c);
		free(long_text);
	}
	/* 600 months at most; an experience still going on has no end */
	c = cerfa_one();
	e = json_array_get(json_object_get(c, "experiences"), 0);
	json_object_set_new(e, "duration_unit", json_string("months"));
	json_object_set_new(e, "duration", json_integer(601));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "experiences[0].duration");
	json_object_set_new(e, "duration", json_string("90"));
	json_object_del(e, "end");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	json_decref(c);
	/* training: a year up to the receipt's; prior validations: dated */
	c = cerfa_one();
	e = json_array_get(json_object_get(c, "training"), 0);
	json_object_set_new(e, "year", json_integer(2022));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "training[0].year");
	CHECK_CONTAINS(s.res.message, "Formation 1");
	json_decref(c);
	c = cerfa_one();
	e = json_array_get(json_object_get(c, "prior_validations"), 0);
	json_object_set_new(e, "date", json_string(""));
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "prior_validations[0].date");
	CHECK_CONTAINS(s.res.message, "Validation antérieure 1");
	json_decref(c);
	/* a refused file leaves the stored one as it was */
	{
		json_t *doc;
		const json_t *v = vae_of(&s, rid, &doc);
		CHECK(json_is_null(json_object_get(json_array_get(json_object_get(
			json_object_get(v, "cerfa"), "experiences"), 0), "end")));
		json_decref(doc);
	}
	fx_close(st);
}

/* Only the centre (own centre) and the national administrator write. */
TEST(vae_rights_and_scope)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	json_t *c = cerfa_one(), *doc;
	struct centre other;
	struct user_new u = { "nord", "Centre Nord", "", "centre", "UIMM-NORD", "un-mot-de-passe" };
	struct vae_commission_in m = { "Jean Dupont", NULL, "2022-01-20", 0, 1, "total", "BC01 BC02 BC03 BC04", NULL };
	static const char *const readers[] = { "evaluateur", "jury", "organisme" };
	int64_t id;

	memset(&other, 0, sizeof other);
	snprintf(other.code, sizeof other.code, "UIMM-NORD");
	snprintf(other.name, sizeof other.name, "UIMM Nord");
	CHECK_INT(svc_centre_add(&s, &other, &id), 0);
	CHECK_INT(svc_user_add(&s, &u, &id), 0);
	for (size_t i = 0; i < 3; i++) {
		act_as(&s, readers[i]);
		CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
		CHECK_INT(s.res.rc, SVC_DENIED);
		CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-01", NULL), -1);
		CHECK_INT(s.res.rc, SVC_DENIED);
		CHECK_INT(svc_vae_complete(&s, rid, "2021-10-01"), -1);
		CHECK_INT(s.res.rc, SVC_DENIED);
		CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-01", "courrier"), -1);
		CHECK_INT(s.res.rc, SVC_DENIED);
		CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
		CHECK_INT(s.res.rc, SVC_DENIED);
	}
	/* the jury has no access to candidates; an evaluator not assigned
	** and a body that did not register him do not see him */
	act_as(&s, "jury");
	CHECK_INT(svc_vae_get(&s, rid, &doc), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	act_as(&s, "evaluateur");
	CHECK_INT(svc_vae_get(&s, rid, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* another centre's staff: not found */
	act_as(&s, "nord");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_vae_get(&s, rid, &doc), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* the national administrator */
	act_as(&s, "admin");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	CHECK_INT(svc_vae_get(&s, rid, &doc), 0);
	CHECK_STR(jstr(json_object_get(doc, "vae"), "state"), "received");
	json_decref(doc);
	json_decref(c);
	fx_close(st);
}

/* R-VAE-1: a negative decision states its motive; decided once. */
TEST(r_vae_1_decision_motive)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	json_t *c = cerfa_one(), *doc;
	const json_t *v;

	act_as(&s, "centre");
	/* nothing to decide before the file is received */
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-01", NULL), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	CHECK_INT(svc_vae_decide(&s, rid, "accepted", "2021-10-01", NULL), -1);
	CHECK_STR(s.res.field, "decision");
	CHECK_INT(svc_vae_decide(&s, rid, "not_admissible", "2021-10-01", NULL), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "motive");
	CHECK_CONTAINS(s.res.message, "motivée");
	CHECK_INT(svc_vae_decide(&s, rid, "incomplete", "2021-10-01", ""), -1);
	CHECK_STR(s.res.field, "motive");
	/* not before the receipt */
	CHECK_INT(svc_vae_decide(&s, rid, "not_admissible", "2021-09-14", "Hors sujet"), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "decided_on");
	/* nothing is told before there is a decision */
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-02", "courrier"), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	check_state(&s, rid, "received", "admissibility");
	CHECK_INT(svc_vae_decide(&s, rid, "not_admissible", "2021-10-01",
		"L'expérience présentée est sans lien avec la certification visée."), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "state"), "not_admissible");
	CHECK_STR(jstr(v, "decided_on"), "2021-10-01");
	CHECK_CONTAINS(jstr(v, "motive"), "sans lien");
	CHECK(json_is_null(json_object_get(v, "communicated_on")));
	json_decref(doc);
	/* a final decision is not taken again */
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-05", NULL), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	/* the communication: not before the decision, by a known means, once */
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-02", "pigeon"), -1);
	CHECK_STR(s.res.field, "means");
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-09-30", "courrier"), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "communicated_on");
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-02", "remise"), 0);
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-03", "courrier"), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "communicated_on"), "2021-10-02");
	CHECK_STR(jstr(v, "communicated_means"), "remise");
	CHECK_STR(jstr(v, "communicated_means_label"), "Remise en main propre");
	/* not admissible: the path never enters certification */
	CHECK_STR(jstr(v, "phase"), "admissibility");
	json_decref(doc);
	json_decref(c);
	fx_close(st);
}

/* R-VAE-1: incomplete → told → completed → decided again. */
TEST(r_vae_1_incomplete_complete_decide)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	json_t *c = cerfa_one(), *doc;
	const json_t *v;

	act_as(&s, "centre");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
	/* only an incomplete file is completed */
	CHECK_INT(svc_vae_complete(&s, rid, "2021-09-20"), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_INT(svc_vae_decide(&s, rid, "incomplete", "2021-10-01",
		"Attestations d'employeur manquantes"), 0);
	check_state(&s, rid, "incomplete", "admissibility");
	/* R-VAE-1: the candidate completes once told what is missing */
	CHECK_INT(svc_vae_complete(&s, rid, "2021-10-20"), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "communicated_on");
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-04", "courriel"), 0);
	CHECK_INT(svc_vae_complete(&s, rid, "2021-10-03"), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_STR(s.res.field, "completed_on");
	/* no new decision before the completion */
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-21", NULL), -1);
	CHECK_STR(s.res.rule, "R-VAE-1");
	CHECK_INT(svc_vae_complete(&s, rid, "2021-10-20"), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "state"), "received");
	CHECK_STR(jstr(v, "completed_on"), "2021-10-20");
	CHECK(json_is_null(json_object_get(v, "motive")));
	json_decref(doc);
	/* decided again: not before the completion; the new decision is to
	** be told */
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-19", NULL), -1);
	CHECK_STR(s.res.field, "decided_on");
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-25", NULL), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "state"), "admissible");
	CHECK(json_is_null(json_object_get(v, "communicated_on")));
	CHECK_STR(jstr(v, "phase"), "admissibility");
	json_decref(doc);
	CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-26", "courrier"), 0);
	check_state(&s, rid, "admissible", "certification");
	json_decref(c);
	fx_close(st);
}

/* R-VAE-2: information → admissibility → certification; a collective
** branch VAE begins with admissibility. */
TEST(r_vae_2_phases)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t standard = enrol(&s, "Martin", "RNCP28235", "vae", "standard", "2021-09-01");
	int64_t branch = enrol(&s, "Petit", "RNCP28236", "vae", "branch", "2021-09-01");
	int64_t collective = enrol(&s, "Durand", "RNCP28236", "vae", "branch_collective", "2021-09-01");
	struct vae_commission_in m = { "Jean Dupont", NULL, "2021-12-01", 0, 0, "total",
		"BC01 BC02 BC03", NULL };
	json_t *c = cerfa_one(), *doc;
	const json_t *v;

	act_as(&s, "centre");
	check_state(&s, standard, NULL, "information");
	check_state(&s, branch, NULL, "information");
	/* R-VAE-2: no information phase for a collective branch VAE */
	check_state(&s, collective, NULL, "admissibility");
	v = vae_of(&s, collective, &doc);
	CHECK_STR(jstr(v, "phase_label"), "Instruction de la recevabilité");
	CHECK_STR(jstr(v, "kind_label"), "VAE de branche collective en entreprise");
	json_decref(doc);
	for (int i = 0; i < 2; i++) {
		int64_t rid = i ? collective : standard;
		CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), 0);
		check_state(&s, rid, "received", "admissibility");
		CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2021-10-01", NULL), 0);
		/* admissible, not told: still admissibility, and the commission
		** (which belongs to certification) is refused */
		check_state(&s, rid, "admissible", "admissibility");
		livret2(rid);
		if (i)
			m.validated = "BC01 BC02 BC03";
		CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
		CHECK_INT(s.res.rc, SVC_RULE);
		CHECK_STR(s.res.rule, "R-VAE-2");
		CHECK_INT(svc_vae_communicate(&s, rid, "2021-10-04", "courrier"), 0);
		check_state(&s, rid, "admissible", "certification");
	}
	/* the commission does not sit before the candidate was told */
	m.held_on = "2021-10-03";
	m.validated = "BC01 BC02 BC03";
	CHECK_INT(svc_vae_validate(&s, collective, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-2");
	CHECK_STR(s.res.field, "held_on");
	m.held_on = "2021-12-01";
	CHECK_INT(svc_vae_validate(&s, collective, &m), 0);
	json_decref(c);
	fx_close(st);
}

/* R-VAE-3: the commission and its conclusions. */
TEST(r_vae_3_commission)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid, refused;
	struct vae_commission_in m = { "Jean Dupont", NULL, "2022-01-20", 1, 1, "partial",
		"BC01 RNCP28235BC02", "Maîtrise avérée du recrutement.\nPaie à consolider." };
	json_t *c = cerfa_one(), *doc;
	const json_t *v, *cm;
	struct centre other;
	int64_t id;

	memset(&other, 0, sizeof other);
	snprintf(other.code, sizeof other.code, "UIMM-NORD");
	snprintf(other.name, sizeof other.name, "UIMM Nord");
	CHECK_INT(svc_centre_add(&s, &other, &id), 0);
	act_as(&s, "centre");
	/* R-VAE-3: not without an admissibility decision */
	refused = enrol(&s, "Bernard", "RNCP28235", "vae", "standard", "2021-09-01");
	CHECK_INT(svc_vae_validate(&s, refused, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "admissibility");
	CHECK_INT(svc_vae_file(&s, refused, "2021-09-15", c), 0);
	livret2(refused);
	CHECK_INT(svc_vae_validate(&s, refused, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "admissibility");
	CHECK_INT(svc_vae_decide(&s, refused, "not_admissible", "2021-10-01", "Sans lien"), 0);
	CHECK_INT(svc_vae_communicate(&s, refused, "2021-10-02", "courrier"), 0);
	CHECK_INT(svc_vae_validate(&s, refused, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "admissibility");

	rid = admissible_reg(&s, "Martin");
	/* R-VAE-3: not without the livret 2 */
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "evidence_file");
	v = vae_of(&s, rid, &doc);
	CHECK(json_is_false(json_object_get(v, "livret2")));
	json_decref(doc);
	livret2(rid);
	v = vae_of(&s, rid, &doc);
	CHECK(json_is_true(json_object_get(v, "livret2")));
	json_decref(doc);
	/* R-VAE-3: chaired by the organising centre's representative */
	m.chair_centre = "UIMM-NORD";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "chair");
	m.chair_centre = "INCONNU";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_STR(s.res.field, "chair_centre");
	m.chair_centre = NULL;
	/* R-VAE-3: the conclusion matches the units (per block: a CQPM at
	** the RNCP on the day) */
	m.conclusion = "total";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	CHECK_STR(s.res.field, "conclusion");
	CHECK_CONTAINS(s.res.message, "Validation partielle");
	m.conclusion = "none";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	m.conclusion = "partial";
	m.validated = "BC01 BC01";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.field, "validated");
	m.validated = "BC01 C4";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "validated");
	CHECK_CONTAINS(s.res.message, "n'est pas un bloc");
	m.validated = "BC01 RNCP28235BC02";
	m.chair_name = "";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.field, "chair_name");
	m.chair_name = "Jean Dupont";
	m.held_on = "2022-03-02";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.field, "held_on");
	m.held_on = "2022-01-20";
	CHECK_INT(svc_vae_validate(&s, rid, &m), 0);
	v = vae_of(&s, rid, &doc);
	cm = json_object_get(v, "commission");
	CHECK_STR(jstr(v, "unit_kind"), "block");
	CHECK_INT(json_array_size(json_object_get(v, "units")), 4);
	CHECK_STR(jstr(cm, "chair_name"), "Jean Dupont");
	CHECK_STR(jstr(cm, "chair_centre"), "UIMM-DEMO");
	CHECK_STR(jstr(cm, "held_on"), "2022-01-20");
	CHECK(json_is_true(json_object_get(cm, "work_situation")));
	CHECK(json_is_true(json_object_get(cm, "interview")));
	CHECK_STR(jstr(cm, "conclusion"), "partial");
	CHECK_STR(jstr(cm, "conclusion_label"), "Validation partielle");
	CHECK_INT(json_array_size(json_object_get(cm, "validated")), 2);
	CHECK_STR(json_string_value(json_array_get(json_object_get(cm, "validated"), 0)), "RNCP28235BC01");
	CHECK_STR(json_string_value(json_array_get(json_object_get(cm, "validated"), 1)), "RNCP28235BC02");
	CHECK_STR(jstr(cm, "comment"), "Maîtrise avérée du recrutement.\nPaie à consolider.");
	json_decref(doc);
	/* R-VAE-3, R-EVA-6: the commission's conclusions are the results the
	** blocks and the status are derived from — BC01 and BC02 acquired,
	** BC03 and BC04 not, the certification not acquired */
	{
		struct reg_row *rr = calloc(1, sizeof *rr);
		json_t *file = NULL, *reg, *bl, *comp;
		size_t i;
		CHECK_INT(store_reg_get(st, rid, rr), 1);
		CHECK_INT(svc_candidate_doc(&s, rr->candidate_id, &file), 0);
		reg = json_object_get(file, "registration");
		json_array_foreach(json_object_get(reg, "blocks"), i, bl)
			CHECK_STR(jstr(bl, "state"), i < 2 ? "acquired" : "not_acquired");
		json_array_foreach(json_object_get(reg, "competences"), i, comp) {
			CHECK_STR(jstr(comp, "modality"), MODALITY_VAE_COMMISSION);
			CHECK_STR(jstr(comp, "evaluator"), "Jean Dupont");
		}
		CHECK_STR(jstr(reg, "status"), "not_acquired");
		CHECK_STR(modality_label_of_key(MODALITY_VAE_COMMISSION), "Commission de validation (VAE)");
		json_decref(file);
		free(rr);
	}
	/* every block: total; recorded again, it replaces the first */
	m.conclusion = "total";
	m.validated = "BC01 BC02 BC03 BC04";
	CHECK_INT(svc_vae_validate(&s, rid, &m), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(json_object_get(v, "commission"), "conclusion"), "total");
	json_decref(doc);

	/* after the RNCP registration ended (2022-04-21), the commission
	** concludes per competence (R-LET-3 (2)) */
	s.now = day("2022-06-01");
	m.held_on = "2022-05-10";
	m.validated = "BC01";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.field, "validated");
	CHECK_CONTAINS(s.res.message, "compétence");
	m.validated = "C1 C2 C3 C4 C5 C6 C7";
	CHECK_INT(svc_vae_validate(&s, rid, &m), -1);
	CHECK_STR(s.res.rule, "R-VAE-3");
	m.conclusion = "partial";
	CHECK_INT(svc_vae_validate(&s, rid, &m), 0);
	v = vae_of(&s, rid, &doc);
	CHECK_STR(jstr(v, "unit_kind"), "competence");
	CHECK_INT(json_array_size(json_object_get(v, "units")), 8);
	CHECK_INT(json_array_size(json_object_get(json_object_get(v, "commission"), "validated")), 7);
	json_decref(doc);
	m.conclusion = "none";
	m.validated = "";
	CHECK_INT(svc_vae_validate(&s, rid, &m), 0);
	json_decref(c);
	fx_close(st);
}

/* The "vae" object of each registration of the candidate's file. */
TEST(vae_in_candidate_file)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = admissible_reg(&s, "Martin"), kid;
	static const char *const keys[] = { "kind", "kind_label", "phase", "phase_label", "state",
		"state_label", "received_on", "completed_on", "decided_on", "motive",
		"communicated_on", "cerfa", "livret2", "commission" };
	json_t *doc, *vdoc;
	const json_t *reg, *v, *cerfa;
	size_t i;

	CHECK_INT(svc_vae_get(&s, rid, &vdoc), 0);
	kid = json_integer_value(json_object_get(vdoc, "candidate"));
	json_decref(vdoc);
	CHECK_INT(svc_candidate_doc(&s, kid, &doc), 0);
	reg = json_object_get(doc, "registration");
	v = json_object_get(reg, "vae");
	CHECK(json_is_object(v));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		CHECK(json_object_get(v, keys[i]) != NULL);
	CHECK_STR(jstr(v, "kind"), "standard");
	CHECK_STR(jstr(v, "phase"), "certification");
	CHECK_STR(jstr(v, "phase_label"), "Certification");
	CHECK_STR(jstr(v, "state"), "admissible");
	CHECK_STR(jstr(v, "state_label"), "Recevable");
	CHECK_STR(jstr(v, "received_on"), "2021-09-15");
	CHECK(json_is_null(json_object_get(v, "completed_on")));
	CHECK_STR(jstr(v, "decided_on"), "2021-10-01");
	CHECK(json_is_null(json_object_get(v, "motive")));
	CHECK_STR(jstr(v, "communicated_on"), "2021-10-04");
	cerfa = json_object_get(v, "cerfa");
	CHECK_INT(json_array_size(json_object_get(cerfa, "experiences")), 1);
	CHECK_INT(json_array_size(json_object_get(cerfa, "training")), 1);
	CHECK_INT(json_array_size(json_object_get(cerfa, "prior_validations")), 1);
	CHECK(json_is_false(json_object_get(v, "livret2")));
	CHECK(json_is_null(json_object_get(v, "commission")));
	json_decref(doc);
	/* another route: null */
	enrol(&s, "Martin", "RNCP28236", "continuing", NULL, "2022-02-01");
	CHECK_INT(svc_candidate_doc(&s, kid, &doc), 0);
	reg = json_object_get(doc, "registration");
	CHECK_STR(jstr(reg, "route"), "continuing");
	CHECK(json_is_null(json_object_get(reg, "vae")));
	CHECK(json_is_object(json_object_get(json_array_get(json_object_get(doc, "registrations"), 1), "vae")));
	json_decref(doc);
	fx_close(st);
}

static int count_audit(void *arg, const struct audit_row *r)
{
	if (!strncmp(r->action, "vae.", 4))
		++*(int *)arg;
	return 0;
}

/* Each write is audited on the candidate; a closed registration's VAE
** does not change. */
TEST(vae_audit_and_closed_registration)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = admissible_reg(&s, "Martin");
	int n = 0;
	json_t *c = cerfa_one();
	struct reg_row *r = calloc(1, sizeof *r);
	char object[40];

	/* file, decision, communication: three events on the candidate */
	CHECK_INT(store_reg_get(st, rid, r), 1);
	snprintf(object, sizeof object, "candidat:%lld", (long long)r->candidate_id);
	free(r);
	CHECK_INT(svc_audit_list(&s, object, 100, count_audit, &n), 0);
	CHECK_INT(n, 3);
	CHECK_INT(store_reg_set_status(st, rid, "withdrawn", "2022-02-01T00:00:00Z"), 0);
	act_as(&s, "centre");
	CHECK_INT(svc_vae_decide(&s, rid, "admissible", "2022-02-01", NULL), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_STR(s.res.field, "registration");
	CHECK_CONTAINS(s.res.message, "close");
	CHECK_INT(svc_vae_file(&s, rid, "2021-09-15", c), -1);
	CHECK_STR(s.res.field, "registration");
	json_decref(c);
	fx_close(st);
}
