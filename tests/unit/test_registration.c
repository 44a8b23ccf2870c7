/*
** Unit tests of registration (registration.h): R-INS-1, R-INS-2, R-INS-3,
** R-CAT-6, R-CAT-7 (with the day before, of and after a suppression),
** R-HAB-2 at registration, R-VAE-1 at registration, and the evaluation
** dossier: R-EVA-2 (modalities) and R-EVA-3 (company's opinion).
*/
#include "t.h"
#include "core/registration.h"

/* 1 if m is one complete sentence (capital first, full stop last). */
static int sentence(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	return n > 2 && ((m[0] >= 'A' && m[0] <= 'Z') || (unsigned char)m[0] >= 0x80) &&
		m[n - 1] == '.';
}

/* RNCP 28242 (fiche 002): every route open but individual candidacy. */
static struct reg_certification cert_28242(void)
{
	struct reg_certification c;
	memset(&c, 0, sizeof c);
	c.code = "RNCP28242";
	c.kind = KIND_CQPM;
	c.status = STATUS_ACTIVE;
	for (int i = 0; i < ROUTE__MAX; i++)
		c.routes[i] = TRI_YES;
	c.routes[ROUTE_INDIVIDUAL] = TRI_NO;
	c.rncp_registered = 1;
	return c;
}

/* A company registers its employee for continuing training. */
static struct reg_request employee_by_company(const char *date)
{
	struct reg_request r;
	memset(&r, 0, sizeof r);
	r.route = ROUTE_CONTINUING;
	r.registrant = REGISTRANT_COMPANY;
	r.origin = ORIGIN_EMPLOYEE;
	r.has_company = 1;
	snprintf(r.date, sizeof r.date, "%s", date);
	return r;
}

/* A body habilitated by centre 3 from 2024-01-15. */
static struct habilitation granted_body(void)
{
	struct habilitation h;
	memset(&h, 0, sizeof h);
	h.centre_id = 3;
	h.body_id = 7;
	h.status = HAB_GRANTED;
	snprintf(h.granted_on, sizeof h.granted_on, "2024-01-15");
	return h;
}

TEST(r_ins_1_registrants)
{
	CHECK_STR(registrant_code(REGISTRANT_TRAINING_BODY), "training_body");
	CHECK_STR(registrant_label(REGISTRANT_CANDIDATE), "Le candidat lui-même");
	CHECK_INT(registrant_from_code("company"), REGISTRANT_COMPANY);
	CHECK_INT(registrant_from_code("employer"), -1);
	CHECK(registrant_code(REGISTRANT__MAX) == NULL);
}

/* R-INS-1: the ordinary case passes. */
TEST(r_ins_1_company_registers_employee)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	rule_error_clear(&err);
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.message, "");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, NULL), 0);
}

/* R-INS-3: 28242 refuses individual candidacy; a route left null by the
** fiche is refused with its own message. */
TEST(r_ins_3_closed_and_unknown_routes)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	r.route = ROUTE_INDIVIDUAL;
	r.registrant = REGISTRANT_CANDIDATE;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-INS-3");
	CHECK_STR(err.field, "route");
	CHECK_STR(err.message, "La certification RNCP28242 n'est pas ouverte à la voie « Par candidature individuelle ».");

	c.routes[ROUTE_APPRENTICESHIP] = TRI_UNKNOWN;
	r = employee_by_company("2024-03-01");
	r.route = ROUTE_APPRENTICESHIP;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-INS-3");
	CHECK_CONTAINS(err.message, "n'indique pas que la voie « En contrat d'apprentissage » est ouverte");
	CHECK(sentence(err.message));

	c.routes[ROUTE_APPRENTICESHIP] = TRI_YES;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
}

/* R-CAT-6: a draft referential takes nobody; applicable from the GTP's
** decision date (day before refused, the day itself allowed). */
TEST(r_cat_6_draft_and_decision_date)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	c.draft = 1;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-6");
	CHECK_CONTAINS(err.message, "pas encore été décidé");
	CHECK(sentence(err.message));
	c.draft = 0;
	c.status = STATUS_DRAFT;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-6");

	c = cert_28242();
	snprintf(c.decided_on, sizeof c.decided_on, "2024-03-02");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-6");
	CHECK_CONTAINS(err.message, "02/03/2024");
	snprintf(c.decided_on, sizeof c.decided_on, "2024-03-01");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	/* R-CAT-6 comes first: a draft with a closed route names R-CAT-6 */
	c.draft = 1;
	r.route = ROUTE_INDIVIDUAL;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-6");
}

/* R-CAT-7: the decision applies from its date. */
TEST(r_cat_7_suppression_day_before_of_after)
{
	struct reg_certification c = cert_28242();
	struct reg_request r;
	struct rule_error err;

	snprintf(c.suppressed_on, sizeof c.suppressed_on, "2024-06-15");
	r = employee_by_company("2024-06-14");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	r = employee_by_company("2024-06-15");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-7");
	CHECK_STR(err.message, "La certification RNCP28242 a été supprimée par décision du GTP Certifications du 15/06/2024 : aucun candidat ne peut plus y être engagé.");
	r = employee_by_company("2024-06-16");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-7");

	/* suppressed without a known date: refused */
	c = cert_28242();
	c.status = STATUS_SUPPRESSED;
	r = employee_by_company("2020-01-01");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-CAT-7");
	/* a malformed decision date is an input error */
	c = cert_28242();
	snprintf(c.suppressed_on, sizeof c.suppressed_on, "15/06/2024");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "suppressed_on");
	/* an inactive RNCP fiche does not stop registration by itself */
	c = cert_28242();
	c.status = STATUS_INACTIVE;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
}

/* R-CAT-7: a path engaged before the decision can still be awarded. */
TEST(r_cat_7_engaged_path_still_awarded)
{
	struct rule_error err;

	CHECK(path_engaged_before_suppression("2024-06-14", "2024-06-15"));
	CHECK(!path_engaged_before_suppression("2024-06-15", "2024-06-15"));
	CHECK(!path_engaged_before_suppression("2024-06-16", "2024-06-15"));
	CHECK(path_engaged_before_suppression("2024-06-16", ""));
	CHECK(path_engaged_before_suppression("2024-06-16", NULL));
	CHECK(!path_engaged_before_suppression("2024-06-32", ""));
	CHECK_INT(award_after_suppression_check("2024-06-14", "2024-06-15", &err), 0);
	CHECK_INT(award_after_suppression_check("2024-06-15", "2024-06-15", &err), -1);
	CHECK_STR(err.rule, "R-CAT-7");
	CHECK_STR(err.field, "engaged_on");
	CHECK_CONTAINS(err.message, "15/06/2024");
	CHECK(sentence(err.message));
	CHECK_INT(award_after_suppression_check("2024-06-15", "", &err), 0);
	CHECK_INT(award_after_suppression_check("x", "", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(award_after_suppression_check("2024-06-15", "2024-99-99", &err), -1);
	CHECK_STR(err.field, "suppressed_on");
}

/* R-HAB-2 at registration: only a body habilitated by that centre. */
TEST(r_hab_2_training_body_registration)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct habilitation h = granted_body();
	struct rule_error err;

	r.registrant = REGISTRANT_TRAINING_BODY;
	CHECK_INT(registration_check(&c, &r, &h, 3, 0, &err), 0);
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-HAB-2");
	CHECK_INT(registration_check(&c, &r, &h, 4, 0, &err), -1);   /* other centre */
	CHECK_STR(err.rule, "R-HAB-2");
	r = employee_by_company("2024-01-14");                         /* day before */
	r.registrant = REGISTRANT_TRAINING_BODY;
	CHECK_INT(registration_check(&c, &r, &h, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-HAB-2");
	h.status = HAB_WITHDRAWN;
	snprintf(h.withdrawn_on, sizeof h.withdrawn_on, "2024-02-01");
	r = employee_by_company("2024-02-01");
	r.registrant = REGISTRANT_TRAINING_BODY;
	CHECK_INT(registration_check(&c, &r, &h, 3, 0, &err), -1);
	CHECK_CONTAINS(err.message, "retirée");
	/* a company needs no habilitation */
	r.registrant = REGISTRANT_COMPANY;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
}

/* R-INS-1: one active registration per certification. */
TEST(r_ins_1_second_active_registration)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	CHECK_INT(registration_check(&c, &r, NULL, 3, 1, &err), -1);
	CHECK_STR(err.rule, "R-INS-1");
	CHECK_CONTAINS(err.message, "déjà inscrit à la certification RNCP28242");
	CHECK(sentence(err.message));
	CHECK_INT(registration_check(&c, &r, NULL, 3, 2, &err), -1);
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
}

/* R-INS-1 with annex 14: a job seeker has no company; an employee has
** one unless he registers himself. */
TEST(r_ins_1_origin_and_company)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	r.origin = ORIGIN_JOB_SEEKER;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-INS-1");
	CHECK_STR(err.field, "company");
	CHECK_CONTAINS(err.message, "demandeur d'emploi");
	r.has_company = 0;
	r.registrant = REGISTRANT_CANDIDATE;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	r.without_employer_agreement = 1;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "without_employer_agreement");

	r = employee_by_company("2024-03-01");
	r.has_company = 0;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-INS-1");
	CHECK_STR(err.field, "company");
	CHECK(sentence(err.message));
	r.registrant = REGISTRANT_CANDIDATE;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	r.without_employer_agreement = 1;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	r.has_company = 1;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	r.registrant = REGISTRANT_COMPANY;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "without_employer_agreement");
	CHECK_CONTAINS(err.message, "une entreprise");
}

/* R-VAE-1 at registration: the VAE needs an RNCP registration; the VAE
** de branche opens the branch's CQPM and CCPM. */
TEST(r_vae_1_registration)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-03-01");
	struct rule_error err;

	r.route = ROUTE_VAE;
	r.registrant = REGISTRANT_CANDIDATE;
	r.vae_kind = VAE_STANDARD;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	c.rncp_registered = 0;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-VAE-1");
	r.vae_kind = VAE_BRANCH;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	c.kind = KIND_CCPM;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), 0);
	c.kind = KIND_CQPI;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-VAE-1");
	/* the route itself must be open (R-INS-3 before R-VAE-1) */
	c = cert_28242();
	c.routes[ROUTE_VAE] = TRI_NO;
	r.vae_kind = VAE_STANDARD;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "R-INS-3");
	r.vae_kind = (enum vae_kind)9;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "vae_kind");
}

/* Malformed requests are input errors (empty rule id, field named). */
TEST(registration_malformed_request)
{
	struct reg_certification c = cert_28242();
	struct reg_request r = employee_by_company("2024-02-30");
	struct rule_error err;

	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.field, "date");
	r = employee_by_company("2024-03-01");
	r.route = ROUTE__MAX;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "route");
	r = employee_by_company("2024-03-01");
	r.registrant = REGISTRANT__MAX;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "registrant");
	r = employee_by_company("2024-03-01");
	r.origin = ORIGIN__MAX;
	CHECK_INT(registration_check(&c, &r, NULL, 3, 0, &err), -1);
	CHECK_STR(err.field, "origin");
	/* no code: the message still reads */
	c.code = NULL;
	r = employee_by_company("2024-03-01");
	CHECK_INT(registration_check(&c, &r, NULL, 3, 1, &err), -1);
	CHECK(sentence(err.message));
}

/* R-INS-2: the jury is held after the registration day. */
TEST(r_ins_2_jury_after_registration)
{
	struct rule_error err;

	CHECK_INT(jury_after_registration_check("2024-03-01", "2024-03-02", &err), 0);
	CHECK_INT(jury_after_registration_check("2024-03-01", "2024-03-01", &err), -1);
	CHECK_STR(err.rule, "R-INS-2");
	CHECK_STR(err.field, "jury_date");
	CHECK(sentence(err.message));
	CHECK_INT(jury_after_registration_check("2024-03-01", "2024-02-29", &err), -1);
	CHECK_INT(jury_after_registration_check("2024-03-01", "", &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_INT(jury_after_registration_check("", "2024-03-02", &err), -1);
	CHECK_STR(err.field, "registered_on");
}

/* R-EVA-3: the company's opinion, except VAE, CCPM and an employee
** acting without his employer's agreement. */
TEST(r_eva_3_company_opinion_required)
{
	CHECK(company_opinion_required(ROUTE_CONTINUING, KIND_CQPM, 0));
	CHECK(company_opinion_required(ROUTE_PROFESSIONALISATION, KIND_CQPM, 0));
	CHECK(company_opinion_required(ROUTE_INDIVIDUAL, KIND_CQPM, 0));
	CHECK(company_opinion_required(ROUTE_CONTINUING, KIND_CCPI, 0)); /* text names CCPM only */
	CHECK(!company_opinion_required(ROUTE_VAE, KIND_CQPM, 0));
	CHECK(!company_opinion_required(ROUTE_CONTINUING, KIND_CCPM, 0));
	CHECK(!company_opinion_required(ROUTE_CONTINUING, KIND_CQPM, 1));
	CHECK(!company_opinion_required(ROUTE_VAE, KIND_CCPM, 1));
}

/* R-EVA-3: no opinion recorded where none is expected. */
TEST(r_eva_3_opinion_record_refused)
{
	struct rule_error err;

	CHECK_INT(company_opinion_record_check(ROUTE_CONTINUING, KIND_CQPM, 0, &err), 0);
	CHECK_INT(company_opinion_record_check(ROUTE_VAE, KIND_CQPM, 0, &err), -1);
	CHECK_STR(err.rule, "R-EVA-3");
	CHECK_STR(err.field, "company_opinion");
	CHECK_CONTAINS(err.message, "VAE");
	CHECK(sentence(err.message));
	CHECK_INT(company_opinion_record_check(ROUTE_CONTINUING, KIND_CCPM, 0, &err), -1);
	CHECK_CONTAINS(err.message, "CCPM");
	CHECK_INT(company_opinion_record_check(ROUTE_CONTINUING, KIND_CQPM, 1, &err), -1);
	CHECK_CONTAINS(err.message, "sans l'accord de son employeur");
	CHECK(sentence(err.message));
}

/* R-EVA-2: who agrees the modalities with the centre. */
TEST(r_eva_2_party)
{
	CHECK_INT(modalities_agreed_by(ROUTE_CONTINUING, ORIGIN_EMPLOYEE, 0), PARTY_COMPANY);
	CHECK_INT(modalities_agreed_by(ROUTE_VAE, ORIGIN_EMPLOYEE, 0), PARTY_CANDIDATE);
	CHECK_INT(modalities_agreed_by(ROUTE_CONTINUING, ORIGIN_JOB_SEEKER, 0), PARTY_CANDIDATE);
	CHECK_INT(modalities_agreed_by(ROUTE_CONTINUING, ORIGIN_EMPLOYEE, 1), PARTY_CANDIDATE);
}

/* R-EVA-2: modalities chosen among those the referential allows. */
TEST(r_eva_2_modalities_among_allowed)
{
	static const enum modality all[] = { MOD_REAL_SITUATION,
		MOD_PROJECT_PRESENTATION, MOD_RECONSTITUTED_SITUATION };
	static const enum modality two[] = { MOD_REAL_SITUATION, MOD_PROJECT_PRESENTATION };
	static const enum modality real[] = { MOD_REAL_SITUATION };
	static const enum modality reco[] = { MOD_RECONSTITUTED_SITUATION };
	static const enum modality dup[] = { MOD_REAL_SITUATION, MOD_REAL_SITUATION };
	static const enum modality bad[] = { (enum modality)5 };
	struct competence_modalities d[2] = {
		{ "C1", all, 3, two, 2 },
		{ "C2", two, 2, real, 1 },
	};
	struct rule_error err;

	CHECK_INT(dossier_modalities_check(d, 2, &err), 0);
	d[1].chosen = reco;
	CHECK_INT(dossier_modalities_check(d, 2, &err), -1);
	CHECK_STR(err.rule, "R-EVA-2");
	CHECK_STR(err.field, "modalities.C2");
	CHECK_STR(err.message, "La modalité « Évaluation à partir d'une situation professionnelle reconstituée » n'est pas prévue par le référentiel pour la compétence C2.");
	d[1].chosen = dup;
	d[1].nchosen = 2;
	CHECK_INT(dossier_modalities_check(d, 2, &err), -1);
	CHECK_CONTAINS(err.message, "deux fois");
	d[1].nchosen = 0;
	CHECK_INT(dossier_modalities_check(d, 2, &err), -1);
	CHECK_CONTAINS(err.message, "au moins une modalité");
	d[1].chosen = real;
	d[1].nchosen = 1;
	d[1].nallowed = 0;
	CHECK_INT(dossier_modalities_check(d, 2, &err), -1);
	CHECK_CONTAINS(err.message, "ne prévoit aucune modalité");
	CHECK(sentence(err.message));
	d[1].nallowed = 2;
	d[0].chosen = bad;
	d[0].nchosen = 1;
	CHECK_INT(dossier_modalities_check(d, 2, &err), -1);
	CHECK_STR(err.rule, "");
	CHECK_STR(err.field, "modalities.C1");
	CHECK_INT(dossier_modalities_check(d, 0, &err), -1);
	CHECK_STR(err.rule, "R-EVA-2");
}

/* The blocks a registration covers: whole codes only, "" for every block. */
TEST(registration_blocks)
{
	CHECK_INT(registration_has_block("", "RNCP28235BC01"), 1);
	CHECK_INT(registration_has_block("RNCP28235BC01 RNCP28235BC04", "RNCP28235BC01"), 1);
	CHECK_INT(registration_has_block("RNCP28235BC01 RNCP28235BC04", "RNCP28235BC04"), 1);
	CHECK_INT(registration_has_block("RNCP28235BC01 RNCP28235BC04", "RNCP28235BC02"), 0);
	/* a code inside another is not that block */
	CHECK_INT(registration_has_block("RNCP28235BC01", "BC01"), 0);
	CHECK_INT(registration_has_block("RNCP28235BC011", "RNCP28235BC01"), 0);
	CHECK_INT(registration_has_block("XRNCP28235BC01 RNCP28235BC01", "RNCP28235BC01"), 1);
	/* a block without a code is in no list of blocks (and ends) */
	CHECK_INT(registration_has_block("RNCP28235BC01", ""), 0);
	CHECK_INT(registration_has_block(" RNCP28235BC01", ""), 0);
}

/* A code among space-separated codes: an empty list holds nothing (unlike
** a registration's "" which means every block). */
TEST(code_in_list)
{
	CHECK_INT(code_in_list("C1 C7 C12", "C1"), 1);
	CHECK_INT(code_in_list("C1 C7 C12", "C12"), 1);
	CHECK_INT(code_in_list("C1 C7 C12", "C2"), 0);
	CHECK_INT(code_in_list("C11 C7", "C1"), 0);
	CHECK_INT(code_in_list("", "C1"), 0);
	CHECK_INT(code_in_list(NULL, "C1"), 0);
	CHECK_INT(code_in_list("C1", ""), 0);
	CHECK_INT(code_in_list("C1", NULL), 0);
}
