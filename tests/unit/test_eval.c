/*
** The evaluation of a candidate, rule by rule: the core checks of the
** dossier's agreement and of a result (R-EVA-1, R-EVA-2, R-EVA-5), then
** the services on a real database — the dossier (R-EVA-1, R-EVA-2), the
** evaluation commission (R-EVA-5), the results (R-EVA-2, R-EVA-5), the
** company's opinion (R-EVA-3), the derivation of blocks and certification
** in the candidate's file (R-EVA-6) and the blocks kept from an earlier
** jury (R-LET-3) — each with its refusals, as each role.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc.h"
#include "core/evaluation.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Today in every service test: 2 March 2026, noon UTC. */
#define NOW ((time_t)1772452800)
#define TODAY "2026-03-02"
#define REG_DATE "2026-01-05"

/* The core ------------------------------------------------------------------ */

static struct dossier_agreement agreement(enum modality_party p)
{
	struct dossier_agreement d = {
		p, REG_DATE, TODAY, "Atelier de l'entreprise ; centre de formation habilité",
		"2026-02-01", "2026-06-30", "2026-01-20", "Claire Lenoir",
		p == PARTY_COMPANY ? "Paul Durand" : "",
	};
	return d;
}

/* R-EVA-1, R-EVA-2: where, when, who agrees and signs. */
TEST(core_dossier_agreement)
{
	struct rule_error e;
	struct dossier_agreement d = agreement(PARTY_COMPANY);

	CHECK_INT(dossier_agreement_check(&d, &e), 0);
	d = agreement(PARTY_CANDIDATE);
	CHECK_INT(dossier_agreement_check(&d, &e), 0);
	/* R-EVA-1: the places are required */
	d = agreement(PARTY_COMPANY);
	d.places = "  \n ";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "R-EVA-1");
	CHECK_STR(e.field, "places");
	/* R-EVA-1: a period that runs forward, not before the registration */
	d = agreement(PARTY_COMPANY);
	d.period_end = "2026-01-31";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "R-EVA-1");
	CHECK_STR(e.field, "period_end");
	d = agreement(PARTY_COMPANY);
	d.period_start = "2026-01-04";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.field, "period_start");
	/* R-EVA-1: agreed after the registration, not in the future */
	d = agreement(PARTY_COMPANY);
	d.agreed_on = "2026-01-04";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "R-EVA-1");
	CHECK_CONTAINS(e.message, "avant l'inscription du candidat du 05/01/2026");
	d.agreed_on = REG_DATE;
	CHECK_INT(dossier_agreement_check(&d, &e), 0);
	d.agreed_on = "2026-03-03";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "");
	CHECK_STR(e.field, "agreed_on");
	d.agreed_on = "2026-02-30";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_CONTAINS(e.message, "date invalide");
	/* R-EVA-2: the company signs when it agrees, not otherwise */
	d = agreement(PARTY_COMPANY);
	d.company_signatory = "";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "R-EVA-2");
	CHECK_STR(e.field, "company_signatory");
	d = agreement(PARTY_CANDIDATE);
	d.company_signatory = "Paul Durand";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "R-EVA-2");
	CHECK_CONTAINS(e.message, "l'entreprise ne signe pas");
	d = agreement(PARTY_CANDIDATE);
	d.centre_signatory = "";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.field, "centre_signatory");
	d.centre_signatory = "ligne\ncoupée";
	CHECK_INT(dossier_agreement_check(&d, &e), -1);
	CHECK_STR(e.rule, "");
}

/* R-EVA-2: the modality one of the dossier's; R-EVA-5: dated between the
** registration and today; acquired or not. */
TEST(core_evaluation_record)
{
	static const enum modality chosen[] = { MOD_REAL_SITUATION, MOD_PROJECT_PRESENTATION };
	struct rule_error e;
	struct evaluation_record r = { "C1", RES_ACQUIRED, MOD_PROJECT_PRESENTATION, 1, chosen, 2,
		REG_DATE, "2026-02-10", TODAY };

	CHECK_INT(evaluation_record_check(&r, &e), 0);
	r.modality = MOD_RECONSTITUTED_SITUATION;
	CHECK_INT(evaluation_record_check(&r, &e), -1);
	CHECK_STR(e.rule, "R-EVA-2");
	CHECK_CONTAINS(e.message, "situation professionnelle reconstituée");
	r.modality = MOD_REAL_SITUATION;
	r.dossier_agreed = 0;
	CHECK_INT(evaluation_record_check(&r, &e), -1);
	CHECK_STR(e.rule, "R-EVA-2");
	CHECK_CONTAINS(e.message, "pas encore convenu");
	r.dossier_agreed = 1;
	r.date = "2026-01-04";
	CHECK_INT(evaluation_record_check(&r, &e), -1);
	CHECK_STR(e.rule, "R-EVA-5");
	r.date = "2026-03-03";
	CHECK_INT(evaluation_record_check(&r, &e), -1);
	CHECK_STR(e.field, "date");
	r.date = TODAY;
	r.result = RES_NOT_EVALUATED;
	CHECK_INT(evaluation_record_check(&r, &e), -1);
	CHECK_STR(e.field, "result");
	r.result = RES_NOT_ACQUIRED;
	CHECK_INT(evaluation_record_check(&r, &e), 0);
	/* R-EVA-5: several members */
	CHECK(!commission_complete(0));
	CHECK(!commission_complete(1));
	CHECK(commission_complete(2));
	/* codes and labels */
	CHECK_STR(opinion_label(OPINION_RESERVED), "Réservé");
	CHECK_INT(opinion_from_code("unfavourable"), OPINION_UNFAVOURABLE);
	CHECK_INT(opinion_from_code("bof"), -1);
	CHECK_STR(opinion_author_label(AUTHOR_MANAGER), "Responsable hiérarchique");
	CHECK_STR(party_code(PARTY_CANDIDATE), "candidate");
	CHECK(v_long_text("deux\nlignes", 20, 0) == NULL);
	CHECK(v_long_text("\x01", 20, 0) != NULL);
	CHECK(v_long_text("trop long", 3, 0) != NULL);
	CHECK(v_long_text("", 3, 1) == NULL);
}

/* The services ---------------------------------------------------------------- */

static char seeddir[256];

static const char cqpm_test[] =
	"{\"code\":\"CQPM-TEST\",\"kind\":\"CQPM\",\"title\":\"CQPM d'essai\",\"status\":\"active\","
	"\"draft\":false,\"access_routes\":{\"continuing\":true,\"professionalisation\":true,"
	"\"individual\":true,\"vae\":true},\"blocks\":["
	"{\"code\":\"TESTBC01\",\"title\":\"Bloc un\",\"modalities\":[\"real_situation\","
	"\"project_presentation\"],\"competences\":[{\"code\":\"C1\",\"title\":\"Compétence un\","
	"\"modalities\":[]},{\"code\":\"C2\",\"title\":\"Compétence deux\",\"modalities\":"
	"[\"reconstituted_situation\"]}]},"
	"{\"code\":\"TESTBC02\",\"title\":\"Bloc deux\",\"modalities\":[\"project_presentation\"],"
	"\"competences\":[{\"code\":\"C3\",\"title\":\"Compétence trois\",\"modalities\":[]}]}]}\n";

static const char ccpm_test[] =
	"{\"code\":\"CCPM-TEST\",\"kind\":\"CCPM\",\"title\":\"CCPM d'essai\",\"status\":\"active\","
	"\"draft\":false,\"access_routes\":{\"continuing\":true,\"vae\":true},\"blocks\":[],"
	"\"competences\":[{\"code\":\"C1\",\"title\":\"Compétence unique\",\"modalities\":"
	"[\"real_situation\"]}]}\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* s acting as login (the national administrator for "admin"). */
static void as(struct svc *s, struct store *st, const char *login)
{
	struct actor a = fx_actor(st, login);
	svc_init_ctx(s, st, &a);
	s->now = NOW;
}

/* A fresh demo database with two test referentials, a second centre and
** its evaluator, and a second evaluator of the demo centre. */
static struct store *fresh(struct svc *s)
{
	char p[320];
	struct store *st = fx_open(s, "eval", 1, NOW);
	struct import_report ir;
	struct centre c;
	int64_t id;

	snprintf(seeddir, sizeof seeddir, "/tmp/cqpm-eval-seeds-%d", (int)getpid());
	snprintf(p, sizeof p, "%s/seeds", seeddir);
	mkdir(seeddir, 0700);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/seeds/CQPM-TEST.json", seeddir);
	write_file(p, cqpm_test);
	snprintf(p, sizeof p, "%s/seeds/CCPM-TEST.json", seeddir);
	write_file(p, ccpm_test);
	if (svc_load_seeds(s, seeddir, &ir))
		fprintf(stderr, "seeds: %s\n", s->res.message);
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "UIMM-EST");
	snprintf(c.name, sizeof c.name, "Centre de l'Est");
	svc_centre_add(s, &c, &id);
	{
		struct user_new u1 = { "eval2", "Seconde Évaluatrice", "", "evaluator", "UIMM-DEMO",
			"un-long-secret" };
		struct user_new u2 = { "evalest", "Évaluateur de l'Est", "", "evaluator", "UIMM-EST",
			"un-long-secret" };
		struct user_new u3 = { "centrest", "Centre de l'Est", "", "centre", "UIMM-EST",
			"un-long-secret" };
		if (svc_user_add(s, &u1, &id) || svc_user_add(s, &u2, &id) || svc_user_add(s, &u3, &id))
			fprintf(stderr, "users: %s\n", s->res.message);
	}
	return st;
}

static void done(struct store *st)
{
	char p[320];
	fx_close(st);
	snprintf(p, sizeof p, "%s/seeds/CQPM-TEST.json", seeddir);
	unlink(p);
	snprintf(p, sizeof p, "%s/seeds/CCPM-TEST.json", seeddir);
	unlink(p);
	snprintf(p, sizeof p, "%s/seeds", seeddir);
	rmdir(p);
	rmdir(seeddir);
}

enum who { W_COMPANY, W_JOB_SEEKER, W_VAE, W_WITHOUT };

/* Registers candidate name for cert (REG_DATE) as the administrator; the
** registration's id, or 0 (message on stderr). */
static int64_t reg(struct store *st, const char *name, const char *cert, enum who w)
{
	struct svc s;
	struct candidate_in k = { name, "", "Léa", "F", "1995-04-12", "Lyon", "69123", "69", "France",
		"", "", "", "", "" };
	struct registration_in r;
	int64_t kid, rid;

	memset(&r, 0, sizeof r);
	as(&s, st, "admin");
	r.centre = "UIMM-DEMO";
	r.certification = cert;
	r.route = w == W_VAE ? "vae" : "continuing";
	r.vae_kind = w == W_VAE ? "branch" : NULL;
	r.registrant = w == W_COMPANY ? "company" : "candidate";
	r.origin = w == W_JOB_SEEKER ? "DE" : "SL";
	r.funding = "CPF";
	if (w == W_COMPANY) {
		r.company_name = "Forges de Lyon";
		r.company_siret = "73282932000074";
		r.company_naf = "25.62B";
		r.sector = "M";
		r.tutor = "Paul Durand";
	}
	r.without_agreement = w == W_WITHOUT;
	r.date = REG_DATE;
	if (svc_candidate_register(&s, &k, &r, &kid, &rid)) {
		fprintf(stderr, "register %s: %s\n", name, s.res.message);
		return 0;
	}
	return rid;
}

static const struct dossier_choice test_choices[] = {
	{ "C1", "real_situation" },
	{ "C2", "reconstituted_situation" },
	{ "C3", "project_presentation" },
};

static struct dossier_in dossier(const struct dossier_choice *ch, size_t n, int company)
{
	struct dossier_in d = { ch, n, "Atelier de l'entreprise", "2026-02-01", "2026-06-30",
		"2026-01-20", "Claire Lenoir", company ? "Paul Durand" : "" };
	return d;
}

/* The candidate's file of registration rid (as the administrator). */
static json_t *file_of(struct store *st, int64_t rid)
{
	struct svc s;
	struct reg_row r;
	json_t *doc = NULL;
	as(&s, st, "admin");
	if (store_reg_get(st, rid, &r) == 1 && svc_candidate_doc(&s, r.candidate_id, &doc))
		fprintf(stderr, "doc: %s\n", s.res.message);
	return doc;
}

static int audit_count(void *arg, const struct audit_row *r)
{
	const char *want = ((const char **)arg)[0];
	if (!strcmp(r->action, want))
		((int *)((const char **)arg)[1])[0]++;
	return 0;
}

/* Number of audit events of action for the candidate of registration rid. */
static int audits(struct store *st, int64_t rid, const char *action)
{
	struct svc s;
	struct reg_row r;
	char object[48];
	int n = 0;
	const void *arg[2] = { action, &n };
	as(&s, st, "admin");
	store_reg_get(st, rid, &r);
	snprintf(object, sizeof object, "candidat:%lld", (long long)r.candidate_id);
	svc_audit_list(&s, object, 1000, audit_count, (void *)arg);
	return n;
}

/* R-EVA-2: only the modalities the referential allows, the competence's
** own list winning over its block's; every competence of the scope. */
TEST(dossier_modalities_allowed)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	struct dossier_choice ch[3];
	struct dossier_in d;
	json_t *doc;

	CHECK(rid > 0);
	as(&s, st, "centre");
	/* C1 has no list of its own: its block's (real, project) */
	memcpy(ch, test_choices, sizeof ch);
	ch[0].modalities = "reconstituted_situation";
	d = dossier(ch, 3, 1);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_STR(s.res.field, "modalities.C1");
	CHECK_CONTAINS(s.res.message, "n'est pas prévue par le référentiel pour la compétence C1");
	/* C2's own list (reconstituted) wins over its block's */
	memcpy(ch, test_choices, sizeof ch);
	ch[1].modalities = "real_situation";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_STR(s.res.field, "modalities.C2");
	/* every competence of the scope */
	d = dossier(test_choices, 2, 1);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_CONTAINS(s.res.message, "compétence C3");
	/* none twice, none unknown, none outside the scope */
	memcpy(ch, test_choices, sizeof ch);
	ch[0].modalities = "real_situation, real_situation";
	d = dossier(ch, 3, 1);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_CONTAINS(s.res.message, "deux fois");
	ch[0].modalities = "oral";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_CONTAINS(s.res.message, "Modalité « oral » inconnue");
	memcpy(ch, test_choices, sizeof ch);
	ch[2].competence = "C9";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-1");
	CHECK_STR(s.res.field, "modalities.C9");
	/* agreed; then replaced, both audited */
	d = dossier(test_choices, 3, 1);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	memcpy(ch, test_choices, sizeof ch);
	ch[0].modalities = "project_presentation real_situation";
	d = dossier(ch, 3, 1);
	d.places = "Centre de formation habilité";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	CHECK_INT(audits(st, rid, "evaluation.dossier"), 2);
	doc = file_of(st, rid);
	{
		const json_t *dj = json_object_get(json_object_get(doc, "registration"), "dossier");
		const json_t *c1 = json_object_get(json_object_get(dj, "modalities"), "C1");
		CHECK_INT(json_array_size(c1), 2);
		CHECK_STR(json_string_value(json_array_get(c1, 0)), "project_presentation");
		CHECK_STR(jstr(dj, "places"), "Centre de formation habilité");
		CHECK_STR(jstr(dj, "agreed_by"), "company");
		CHECK_STR(jstr(dj, "agreed_by_label"), "Le centre et l'entreprise");
		CHECK_STR(jstr(dj, "company_signatory"), "Paul Durand");
		CHECK_STR(jstr(dj, "centre_signatory"), "Claire Lenoir");
		CHECK_STR(jstr(dj, "agreed_on"), "2026-01-20");
		CHECK_STR(jstr(dj, "period_end"), "2026-06-30");
	}
	json_decref(doc);
	done(st);
}

/* R-EVA-2: the company agrees for an employee; the candidate for a job
** seeker, a VAE, an employee without his employer's agreement. */
TEST(dossier_who_agrees)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t company = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	int64_t seeker = reg(st, "Durand", "CQPM-TEST", W_JOB_SEEKER);
	int64_t vae = reg(st, "Petit", "CQPM-TEST", W_VAE);
	int64_t without = reg(st, "Leroy", "CQPM-TEST", W_WITHOUT);
	struct dossier_in d;
	json_t *doc;

	CHECK(company > 0 && seeker > 0 && vae > 0 && without > 0);
	as(&s, st, "centre");
	d = dossier(test_choices, 3, 0);
	CHECK_INT(svc_dossier_agree(&s, company, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_STR(s.res.field, "company_signatory");
	d = dossier(test_choices, 3, 1);
	CHECK_INT(svc_dossier_agree(&s, seeker, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_CONTAINS(s.res.message, "l'entreprise ne signe pas");
	CHECK_INT(svc_dossier_agree(&s, vae, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_INT(svc_dossier_agree(&s, without, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	d = dossier(test_choices, 3, 0);
	CHECK_INT(svc_dossier_agree(&s, seeker, &d), 0);
	CHECK_INT(svc_dossier_agree(&s, vae, &d), 0);
	CHECK_INT(svc_dossier_agree(&s, without, &d), 0);
	doc = file_of(st, vae);
	{
		const json_t *dj = json_object_get(json_object_get(doc, "registration"), "dossier");
		CHECK_STR(jstr(dj, "agreed_by"), "candidate");
		CHECK_STR(jstr(dj, "agreed_by_label"), "Le centre et le candidat");
		CHECK(json_is_null(json_object_get(dj, "company_signatory")));
	}
	json_decref(doc);
	done(st);
}

/* R-EVA-1: places and dates; who may agree a dossier, and where. */
TEST(dossier_dates_and_rights)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	struct dossier_in d = dossier(test_choices, 3, 1);

	as(&s, st, "centre");
	d.agreed_on = "2026-01-02";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-1");
	CHECK_STR(s.res.field, "agreed_on");
	d = dossier(test_choices, 3, 1);
	d.period_end = "2026-01-31";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-1");
	d = dossier(test_choices, 3, 1);
	d.places = "";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-1");
	CHECK_STR(s.res.field, "places");
	d = dossier(test_choices, 3, 1);
	d.agreed_on = "2026-03-10";
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	/* nothing was written by the refusals */
	CHECK_INT(audits(st, rid, "evaluation.dossier"), 0);
	/* no one but the centre's staff and the national administrator */
	d = dossier(test_choices, 3, 1);
	as(&s, st, "evaluateur");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "jury");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "organisme");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "centrest");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	as(&s, st, "centre");
	CHECK_INT(svc_dossier_agree(&s, rid + 100, &d), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	as(&s, st, "admin");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	/* a closed registration's dossier is kept as it was */
	store_reg_set_status(st, rid, "admitted", "2026-03-01T10:00:00Z");
	as(&s, st, "centre");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_CONTAINS(s.res.message, "est close (Admis)");
	done(st);
}

/* R-EVA-5: the commission is made of the centre's evaluators; fewer than
** two is a warning, not a refusal. */
TEST(commission_members)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	int members = -1;
	json_t *doc, *ev;

	as(&s, st, "centre");
	CHECK_INT(svc_eval_assign(&s, rid, "evaluateur", &members), 0);
	CHECK_INT(members, 1);
	CHECK(!commission_complete(members));
	CHECK_INT(svc_eval_assign(&s, rid, "eval2", &members), 0);
	CHECK_INT(members, 2);
	CHECK(commission_complete(members));
	CHECK_INT(svc_eval_assign(&s, rid, "eval2", &members), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	/* only evaluators; only the centre's */
	CHECK_INT(svc_eval_assign(&s, rid, "jury", &members), -1);
	CHECK_STR(s.res.rule, "R-EVA-5");
	CHECK_CONTAINS(s.res.message, "seul un évaluateur peut être affecté");
	CHECK_INT(svc_eval_assign(&s, rid, "evalest", &members), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_eval_assign(&s, rid, "inconnu", &members), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_eval_assign(&s, rid, "Pas Un Login", &members), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	as(&s, st, "admin");
	CHECK_INT(svc_eval_assign(&s, rid, "evalest", &members), -1);
	CHECK_STR(s.res.rule, "R-EVA-5");
	CHECK_CONTAINS(s.res.message, "rattaché au centre UIMM-EST");
	/* nobody else composes it */
	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_assign(&s, rid, "eval2", &members), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "organisme");
	CHECK_INT(svc_eval_unassign(&s, rid, "eval2", &members), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "centrest");
	CHECK_INT(svc_eval_unassign(&s, rid, "eval2", &members), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* in the file */
	doc = file_of(st, rid);
	ev = json_object_get(json_object_get(doc, "registration"), "evaluators");
	CHECK_INT(json_array_size(ev), 2);
	CHECK_STR(jstr(json_array_get(ev, 0), "login"), "eval2");
	CHECK_STR(jstr(json_array_get(ev, 0), "name"), "Seconde Évaluatrice");
	CHECK_STR(jstr(json_array_get(ev, 0), "assigned_on"), TODAY);
	json_decref(doc);
	/* removed */
	as(&s, st, "centre");
	CHECK_INT(svc_eval_unassign(&s, rid, "eval2", &members), 0);
	CHECK_INT(members, 1);
	CHECK_INT(svc_eval_unassign(&s, rid, "eval2", &members), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(audits(st, rid, "evaluation.assign"), 2);
	CHECK_INT(audits(st, rid, "evaluation.unassign"), 1);
	done(st);
}

static struct evaluation_in result(const char *comp, const char *res, const char *mod)
{
	struct evaluation_in e = { comp, res, mod, "Méthodes : analyse du besoin\nMoyens : tableur",
		"Travail soigné, démarche complète.", "2026-02-15" };
	return e;
}

/* R-EVA-2: nothing is evaluated before the dossier is agreed, and only by
** a modality it chose; a new result replaces the earlier one. */
TEST(record_needs_dossier)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	struct dossier_in d = dossier(test_choices, 3, 1);
	struct evaluation_in e = result("C1", "acquired", "real_situation");
	struct dossier_choice ch[3];
	json_t *doc, *c1;

	as(&s, st, "centre");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_CONTAINS(s.res.message, "pas encore convenu");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	/* allowed by the referential, not chosen by the dossier */
	e.modality = "project_presentation";
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	e.modality = "real_situation";
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	/* replaced */
	e.result = "not_acquired";
	e.appraisal = "Démarche incomplète.";
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	CHECK_INT(audits(st, rid, "evaluation.record"), 2);
	doc = file_of(st, rid);
	c1 = json_array_get(json_object_get(json_object_get(doc, "registration"), "competences"), 0);
	CHECK_STR(jstr(c1, "code"), "C1");
	CHECK_STR(jstr(c1, "result"), "not_acquired");
	CHECK_STR(jstr(c1, "appraisal"), "Démarche incomplète.");
	CHECK_STR(jstr(c1, "criteria"), "Méthodes : analyse du besoin\nMoyens : tableur");
	CHECK_STR(jstr(c1, "evaluator"), "Chargée de certification, centre de démonstration");
	json_decref(doc);
	/* a new dossier keeps the modality C1 was evaluated by */
	memcpy(ch, test_choices, sizeof ch);
	ch[0].modalities = "project_presentation";
	d = dossier(ch, 3, 1);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_STR(s.res.field, "modalities.C1");
	CHECK_CONTAINS(s.res.message, "a déjà été évaluée");
	/* dates, fields, scope */
	e = result("C1", "acquired", "real_situation");
	e.date = "2026-01-04";
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.rule, "R-EVA-5");
	e.date = "2026-03-03";
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "date");
	e = result("C9", "acquired", "real_situation");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.field, "competence");
	e = result("C1", "peut-être", "real_situation");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.field, "result");
	e = result("C1", "acquired", "real_situation");
	e.appraisal = "";
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.field, "appraisal");
	e.appraisal = "\x01";
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.field, "appraisal");
	/* once the registration is closed, results stay as they were */
	store_reg_set_status(st, rid, "not_admitted", "2026-03-01T10:00:00Z");
	e = result("C2", "acquired", "reconstituted_situation");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	done(st);
}

/* R-EVA-5: an evaluator records only for the registrations he is assigned
** to; the training body and the jury never. */
TEST(record_by_assigned_evaluator)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	struct dossier_in d = dossier(test_choices, 3, 1);
	struct evaluation_in e = result("C2", "acquired", "reconstituted_situation");
	json_t *doc, *c2;

	as(&s, st, "centre");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_STR(s.res.rule, "R-EVA-5");
	CHECK_CONTAINS(s.res.message, "pas membre de la commission d'évaluation");
	as(&s, st, "centre");
	CHECK_INT(svc_eval_assign(&s, rid, "evaluateur", NULL), 0);
	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	as(&s, st, "eval2");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.rule, "R-EVA-5");
	as(&s, st, "evalest");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "jury");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "organisme");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "centrest");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	doc = file_of(st, rid);
	c2 = json_array_get(json_object_get(json_object_get(doc, "registration"), "competences"), 1);
	CHECK_STR(jstr(c2, "code"), "C2");
	CHECK_STR(jstr(c2, "result"), "acquired");
	CHECK_STR(jstr(c2, "modality"), "reconstituted_situation");
	CHECK_STR(jstr(c2, "evaluator"), "Évaluateur de la commission d'évaluation");
	json_decref(doc);
	/* once removed from the commission, he records no more */
	as(&s, st, "centre");
	CHECK_INT(svc_eval_unassign(&s, rid, "evaluateur", NULL), 0);
	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.rule, "R-EVA-5");
	done(st);
}

static struct opinion_in opinion(const char *o)
{
	struct opinion_in in = { o, "Paul Durand", "tutor", "2026-02-20", "Très impliquée." };
	return in;
}

/* R-EVA-3: the company's opinion, except for a VAE, a CCPM and an
** employee without his employer's agreement. */
TEST(company_opinion)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t company = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	int64_t seeker = reg(st, "Durand", "CQPM-TEST", W_JOB_SEEKER);
	int64_t vae = reg(st, "Petit", "CQPM-TEST", W_VAE);
	int64_t without = reg(st, "Leroy", "CQPM-TEST", W_WITHOUT);
	int64_t ccpm = reg(st, "Moreau", "CCPM-TEST", W_COMPANY);
	struct opinion_in o = opinion("favourable");
	json_t *doc, *op, *scope;

	CHECK(company > 0 && seeker > 0 && vae > 0 && without > 0 && ccpm > 0);
	as(&s, st, "centre");
	CHECK_INT(svc_opinion_record(&s, company, &o), 0);
	o = opinion("reserved");
	o.author_role = "manager";
	o.author_name = "Anne Chef";
	CHECK_INT(svc_opinion_record(&s, company, &o), 0);
	CHECK_INT(audits(st, company, "evaluation.opinion"), 2);
	/* the hosting company of a job seeker gives it too */
	CHECK_INT(svc_opinion_record(&s, seeker, &o), 0);
	CHECK_INT(svc_opinion_record(&s, vae, &o), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-EVA-3");
	CHECK_CONTAINS(s.res.message, "VAE");
	CHECK_INT(svc_opinion_record(&s, ccpm, &o), -1);
	CHECK_STR(s.res.rule, "R-EVA-3");
	CHECK_CONTAINS(s.res.message, "CCPM");
	CHECK_INT(svc_opinion_record(&s, without, &o), -1);
	CHECK_STR(s.res.rule, "R-EVA-3");
	CHECK_CONTAINS(s.res.message, "sans l'accord de son employeur");
	/* fields */
	o = opinion("excellent");
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_STR(s.res.field, "opinion");
	o = opinion("favourable");
	o.author_role = "collègue";
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_STR(s.res.field, "author_role");
	o = opinion("favourable");
	o.author_name = "";
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_STR(s.res.field, "author_name");
	o = opinion("favourable");
	o.date = "2026-01-04";
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_STR(s.res.rule, "R-EVA-3");
	o.date = "2026-03-05";
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	/* rights */
	o = opinion("favourable");
	as(&s, st, "evaluateur");
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "organisme");
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "centrest");
	CHECK_INT(svc_opinion_record(&s, company, &o), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	/* in the file */
	doc = file_of(st, company);
	op = json_object_get(json_object_get(doc, "registration"), "company_opinion");
	CHECK_STR(jstr(op, "opinion"), "reserved");
	CHECK_STR(jstr(op, "opinion_label"), "Réservé");
	CHECK_STR(jstr(op, "author_name"), "Anne Chef");
	CHECK_STR(jstr(op, "author_role_label"), "Responsable hiérarchique");
	CHECK_STR(jstr(op, "given_on"), "2026-02-20");
	CHECK_STR(jstr(op, "comment"), "Très impliquée.");
	json_decref(doc);
	doc = file_of(st, vae);
	CHECK(json_is_null(json_object_get(json_object_get(doc, "registration"), "company_opinion")));
	json_decref(doc);
	/* what the forms are told */
	as(&s, st, "centre");
	CHECK_INT(svc_eval_scope(&s, ccpm, &scope), 0);
	CHECK(json_is_false(json_object_get(scope, "company_opinion_required")));
	CHECK_CONTAINS(jstr(scope, "company_opinion_reason"), "CCPM");
	CHECK_INT(json_array_size(json_object_get(scope, "competences")), 1);
	json_decref(scope);
	done(st);
}

/* Records every competence of RNCP28235 (C1–C8) with result res except
** C8 with last. */
static void record_all(struct store *st, int64_t rid, const char *res, const char *last)
{
	struct svc s;
	static const char *const codes[] = { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8" };
	as(&s, st, "centre");
	for (int i = 0; i < 8; i++) {
		struct evaluation_in e = result(codes[i], i == 7 ? last : res, "real_situation");
		if (svc_eval_record(&s, rid, &e))
			fprintf(stderr, "record %s: %s\n", codes[i], s.res.message);
	}
}

static const struct dossier_choice all8[] = {
	{ "C1", "real_situation" }, { "C2", "real_situation" }, { "C3", "real_situation" },
	{ "C4", "real_situation" }, { "C5", "real_situation" }, { "C6", "real_situation" },
	{ "C7", "real_situation" }, { "C8", "real_situation,project_presentation" },
};

/* R-EVA-6: blocks acquired when all their competences are, the
** certification when all its blocks are; complete with the company's
** opinion (R-EVA-3). */
TEST(derivation_to_blocks_and_certification)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "RNCP28235", W_COMPANY);
	struct dossier_in d = dossier(all8, 8, 1);
	struct opinion_in o = opinion("favourable");
	json_t *doc, *r, *b;
	size_t i;

	as(&s, st, "centre");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	doc = file_of(st, rid);
	r = json_object_get(doc, "registration");
	CHECK(json_is_false(json_object_get(r, "evaluations_complete")));
	CHECK_STR(jstr(r, "status"), "pending");
	json_decref(doc);

	record_all(st, rid, "acquired", "acquired");
	doc = file_of(st, rid);
	r = json_object_get(doc, "registration");
	json_array_foreach(json_object_get(r, "blocks"), i, b)
		CHECK_STR(jstr(b, "state"), "acquired");
	CHECK_STR(jstr(r, "status"), "acquired");
	CHECK_STR(jstr(doc, "status"), "acquired");
	/* every result, but the company's opinion is still to come */
	CHECK(json_is_true(json_object_get(r, "company_opinion_required")));
	CHECK(json_is_false(json_object_get(r, "evaluations_complete")));
	json_decref(doc);
	as(&s, st, "centre");
	CHECK_INT(svc_opinion_record(&s, rid, &o), 0);
	doc = file_of(st, rid);
	CHECK(json_is_true(json_object_get(json_object_get(doc, "registration"), "evaluations_complete")));
	json_decref(doc);

	/* one competence not acquired: its block and the certification */
	record_all(st, rid, "acquired", "not_acquired");
	doc = file_of(st, rid);
	r = json_object_get(doc, "registration");
	CHECK_STR(jstr(json_array_get(json_object_get(r, "blocks"), 0), "state"), "acquired");
	CHECK_STR(jstr(json_array_get(json_object_get(r, "blocks"), 3), "state"), "not_acquired");
	CHECK_STR(jstr(r, "status"), "not_acquired");
	CHECK(json_is_true(json_object_get(r, "evaluations_complete")));
	json_decref(doc);
	done(st);
}

/* R-EVA-6 for a CCPM (all its competences), where no opinion is expected. */
TEST(derivation_ccpm)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Moreau", "CCPM-TEST", W_COMPANY);
	static const struct dossier_choice one[] = { { "C1", "real_situation" } };
	struct dossier_in d = dossier(one, 1, 1);
	struct evaluation_in e = result("C1", "acquired", "real_situation");
	json_t *doc, *r;

	as(&s, st, "centre");
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	doc = file_of(st, rid);
	r = json_object_get(doc, "registration");
	CHECK_STR(jstr(r, "status"), "acquired");
	CHECK(json_is_false(json_object_get(r, "company_opinion_required")));
	CHECK(json_is_true(json_object_get(r, "evaluations_complete")));
	json_decref(doc);
	done(st);
}

/* R-LET-3: a block kept from an earlier jury is not evaluated again. */
TEST(kept_block_not_evaluated)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	static const struct dossier_choice two[] = {
		{ "C1", "real_situation" }, { "C2", "reconstituted_situation" } };
	struct dossier_in d = dossier(two, 2, 1);
	struct evaluation_in e = result("C3", "acquired", "project_presentation");
	struct reg_row r;
	json_t *scope, *doc;

	store_reg_get(st, rid, &r);
	as(&s, st, "centre");
	/* before: C3 is required */
	CHECK_INT(svc_dossier_agree(&s, rid, &d), -1);
	CHECK_STR(s.res.rule, "R-EVA-2");
	CHECK_INT(svc_acquired_record(&s, r.candidate_id, "CQPM-TEST", "TESTBC02", "2025-06-10"), 0);
	CHECK_INT(svc_dossier_agree(&s, rid, &d), 0);
	CHECK_INT(svc_eval_record(&s, rid, &e), -1);
	CHECK_STR(s.res.rule, "R-LET-3");
	CHECK_INT(svc_eval_scope(&s, rid, &scope), 0);
	CHECK_STR(jstr(json_array_get(json_object_get(scope, "competences"), 2), "kept_from_jury"),
		"2025-06-10");
	CHECK_STR(jstr(scope, "agreed_by"), "company");
	json_decref(scope);
	e = result("C1", "acquired", "real_situation");
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	e = result("C2", "acquired", "reconstituted_situation");
	CHECK_INT(svc_eval_record(&s, rid, &e), 0);
	doc = file_of(st, rid);
	CHECK_STR(jstr(json_object_get(doc, "registration"), "status"), "acquired");
	json_decref(doc);
	done(st);
}

/* What the forms read: visible to the evaluator assigned only. */
TEST(scope_visibility)
{
	struct svc s;
	struct store *st = fresh(&s);
	int64_t rid = reg(st, "Martin", "CQPM-TEST", W_COMPANY);
	json_t *scope, *c1;

	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_scope(&s, rid, &scope), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	as(&s, st, "jury");
	CHECK_INT(svc_eval_scope(&s, rid, &scope), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	as(&s, st, "centre");
	CHECK_INT(svc_eval_assign(&s, rid, "evaluateur", NULL), 0);
	as(&s, st, "evaluateur");
	CHECK_INT(svc_eval_scope(&s, rid, &scope), 0);
	CHECK_INT(json_array_size(json_object_get(scope, "competences")), 3);
	c1 = json_array_get(json_object_get(scope, "competences"), 0);
	CHECK_STR(jstr(c1, "block"), "TESTBC01");
	CHECK_INT(json_array_size(json_object_get(c1, "allowed")), 2);
	CHECK(json_is_null(json_object_get(scope, "company_opinion_reason")));
	CHECK_INT(json_integer_value(json_object_get(scope, "commission_min")), 2);
	json_decref(scope);
	done(st);
}
