/*
** Unit tests of the I/O-free core: identifiers (R-CAT-4), text folding,
** the permission matrix, catalogue documents, validators, audit chain.
*/
#include "t.h"
#include "core/audit.h"
#include "core/catalogue.h"
#include "core/ids.h"
#include "core/perm.h"
#include "core/text.h"
#include "core/validate.h"
#include <stdlib.h>

/* R-CAT-4 */
TEST(cqpm_identifier)
{
	int y, n, r, i;
	CHECK_INT(cqpm_id_parse("CQPM20170264R", &y, &n, &r, &i), 0);
	CHECK_INT(y, 2017);
	CHECK_INT(n, 264);
	CHECK_INT(r, 1);
	CHECK_INT(i, 0);
	CHECK_INT(cqpm_id_parse("CQPM20200012RI", &y, &n, &r, &i), 0);
	CHECK_INT(r, 1);
	CHECK_INT(i, 1);
	CHECK_INT(cqpm_id_parse("CQPM20200012I", &y, &n, &r, &i), 0);
	CHECK_INT(r, 0);
	CHECK_INT(i, 1);
	CHECK_INT(cqpm_id_parse("CQPM20200012", &y, &n, &r, &i), 0);
	CHECK_INT(cqpm_id_parse("CQPM2020012R", NULL, NULL, NULL, NULL), -1);
	CHECK_INT(cqpm_id_parse("CQPM20200012IR", NULL, NULL, NULL, NULL), -1);
	CHECK_INT(cqpm_id_parse("CQPM20200012RR", NULL, NULL, NULL, NULL), -1);
	CHECK_INT(cqpm_id_parse("CQPM20200012X", NULL, NULL, NULL, NULL), -1);
	CHECK_INT(cqpm_id_parse("2007 10 89 0264", NULL, NULL, NULL, NULL), -1);
}

/* R-CAT-4: every kind of code, and what is not a code */
TEST(code_classify)
{
	CHECK_INT(code_classify("CQPM20170264R"), CODE_CQPM);
	CHECK_INT(code_classify("BDC0123"), CODE_BDC);
	CHECK_INT(code_classify("BDC123"), CODE_LOCAL);
	CHECK_INT(code_classify("CCPM20190007"), CODE_CCPM);
	CHECK_INT(code_classify("RNCP28235"), CODE_RNCP);
	CHECK_INT(code_classify("RNCP28235BC01"), CODE_RNCP_BLOCK);
	CHECK_INT(code_classify("RS6117"), CODE_RS);
	CHECK_INT(code_classify("PROJET-CHARGE-RH"), CODE_LOCAL);
	CHECK_INT(code_classify("rncp28235"), CODE_INVALID);
	CHECK_INT(code_classify("<script>"), CODE_INVALID);
	CHECK_INT(code_classify(""), CODE_INVALID);
	CHECK_INT(code_classify(NULL), CODE_INVALID);
}

TEST(code_normalize)
{
	char out[32];
	CHECK_INT(code_normalize("rncp 28235", out, sizeof out), 0);
	CHECK_STR(out, "RNCP28235");
	CHECK_INT(code_normalize("28236", out, sizeof out), 0);
	CHECK_STR(out, "RNCP28236");
	CHECK_INT(code_normalize("bdc0001", out, sizeof out), 0);
	CHECK_STR(out, "BDC0001");
	CHECK_INT(code_normalize("a/b", out, sizeof out), -1);
	CHECK_INT(code_normalize("RNCP123456789012345678901234567890", out, sizeof out), -1);
}

TEST(utf8)
{
	CHECK(utf8_valid("Coordonnateur(trice) é œ €", strlen("Coordonnateur(trice) é œ €")));
	CHECK(!utf8_valid("\xff", 1));
	CHECK(!utf8_valid("\xc3", 1));            /* truncated */
	CHECK(!utf8_valid("\xc0\xaf", 2));        /* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));    /* surrogate */
	CHECK(!utf8_valid("a\x01", 2));           /* control */
	CHECK(utf8_valid("a\tb\nc", 5));
	CHECK_INT(utf8_len("éà"), 2);
}

TEST(text_fold)
{
	struct buf b = BUF_INIT;
	text_fold(&b, "  Système QUALITÉ, sécurité & Œuvre — l'entreprise ");
	CHECK_STR(buf_str(&b), "systeme qualite securite oeuvre \xe2\x80\x94 l entreprise");
	buf_release(&b);
}

TEST(permission_matrix)
{
	struct actor a = { 0 };
	CHECK(perm_allows(ROLE_PUBLIC, PERM_CATALOGUE_READ));
	CHECK(!perm_allows(ROLE_PUBLIC, PERM_CENTRE_READ));
	CHECK(!perm_allows(ROLE_PUBLIC, PERM_ACCOUNT_SELF));
	for (int p = 0; p < PERM__MAX; p++)
		CHECK(perm_allows(ROLE_ADMIN, (enum perm)p));
	CHECK(perm_allows(ROLE_CENTRE, PERM_CENTRE_READ));
	CHECK(!perm_allows(ROLE_CENTRE, PERM_CENTRE_WRITE));
	CHECK(!perm_allows(ROLE_CENTRE, PERM_CATALOGUE_WRITE));
	CHECK(!perm_allows(ROLE_CENTRE, PERM_AUDIT_READ));
	CHECK(!perm_allows(ROLE_JURY, PERM_USER_READ));
	CHECK(!perm_allows(ROLE_EVALUATOR, PERM_CENTRE_READ));
	CHECK(!perm_allows(ROLE_TRAINING_BODY, PERM_USER_READ));
	CHECK(!perm_allows((enum role)99, PERM_CATALOGUE_READ));
	/* scoping: a centre's account reaches its centre only */
	a.role = ROLE_CENTRE;
	a.centre_id = 3;
	CHECK(perm_scope_ok(&a, 3));
	CHECK(!perm_scope_ok(&a, 4));
	a.role = ROLE_ADMIN;
	a.centre_id = 0;
	CHECK(perm_scope_ok(&a, 4));
	CHECK_INT(role_from_code("training_body"), ROLE_TRAINING_BODY);
	CHECK_INT(role_from_code("root"), -1);
}

static json_t *minimal_doc(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:[{s:s, s:s}]}]}",
		"code", "RNCP28235", "kind", "CQPM", "rncp", "RNCP28235",
		"title", "Coordonnateur", "blocks", "code", "RNCP28235BC01",
		"title", "Bloc", "competences", "code", "C1", "title", "Identifier");
}

/* The document is completed with every key of the schema. */
TEST(doc_check_completes)
{
	struct cat_error err;
	json_t *d = minimal_doc();
	CHECK_INT(cat_doc_check(d, &err), 0);
	CHECK(json_is_object(json_object_get(d, "access_routes")));
	CHECK(json_is_null(json_object_get(json_object_get(d, "access_routes"), "vae")));
	CHECK(json_is_array(json_object_get(json_array_get(json_object_get(d, "blocks"), 0), "modalities")));
	CHECK_STR(jstr(d, "status"), "active");
	json_decref(d);
}

TEST(doc_check_refuses)
{
	struct cat_error err;
	json_t *d = minimal_doc();
	json_object_set_new(d, "kind", json_string("DIPLOME"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "kind");
	json_decref(d);

	d = minimal_doc();
	json_object_set_new(d, "identifier", json_string("CQPM2017"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "identifier");
	CHECK_CONTAINS(err.message, "R-CAT-4");
	json_decref(d);

	d = minimal_doc();
	json_object_set_new(json_array_get(json_object_get(d, "blocks"), 0), "bdc",
		json_string("BDC12"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "blocks[0].bdc");
	json_decref(d);

	d = minimal_doc();
	json_object_set_new(d, "title", json_string(""));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "title");
	json_decref(d);

	d = minimal_doc();
	json_object_set_new(d, "access_routes",
		json_pack("{s:s}", "vae", "oui"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "access_routes.vae");
	json_decref(d);

	d = minimal_doc();
	json_object_set_new(json_array_get(json_object_get(json_array_get(
		json_object_get(d, "blocks"), 0), "competences"), 0), "modalities",
		json_pack("[s]", "oral"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "blocks[0].competences[0].modalities[0]");
	json_decref(d);
}

/* Same content, same hash, whatever the key order: re-importing the same
** fiche changes nothing. */
TEST(doc_hash_stable)
{
	char h1[65], h2[65], h3[65];
	json_t *a = json_pack("{s:s, s:i}", "a", "x", "b", 1);
	json_t *b = json_pack("{s:i, s:s}", "b", 1, "a", "x");
	json_t *c = json_pack("{s:i, s:s}", "b", 2, "a", "x");
	cat_doc_hash(a, h1);
	cat_doc_hash(b, h2);
	cat_doc_hash(c, h3);
	CHECK_STR(h1, h2);
	CHECK(strcmp(h1, h3) != 0);
	CHECK_INT(strlen(h1), 64);
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

/* R-CAT-9: a fiche updates the register data of a branch certification and
** keeps its referential. */
TEST(merge_fiche)
{
	struct cat_error err;
	json_t *branch = minimal_doc(), *fiche, *m, *b0;
	cat_doc_check(branch, &err);
	json_object_set_new(json_array_get(json_object_get(json_array_get(
		json_object_get(branch, "blocks"), 0), "competences"), 0), "conditions",
		json_string("En entreprise"));
	fiche = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}], s:[{s:s, s:s}]}",
		"code", "RNCP28235", "kind", "RNCP", "rncp", "RNCP28235",
		"title", "Nouveau titre", "level", "NIV5",
		"blocks", "code", "RNCP28235BC01", "title", "Bloc renommé",
		"rome", "code", "M1502", "label", "Développement des RH");
	m = cat_merge_fiche(branch, fiche);
	CHECK_STR(jstr(m, "title"), "Nouveau titre");
	CHECK_STR(jstr(m, "level"), "NIV5");
	CHECK_STR(jstr(m, "kind"), "CQPM");
	b0 = json_array_get(json_object_get(m, "blocks"), 0);
	CHECK_STR(jstr(b0, "title"), "Bloc renommé");
	CHECK_STR(jstr(json_array_get(json_object_get(b0, "competences"), 0), "conditions"),
		"En entreprise");
	CHECK_INT(json_array_size(json_object_get(m, "rome")), 1);
	json_decref(m);
	json_decref(fiche);
	json_decref(branch);
}

TEST(branch_certifier)
{
	json_t *f = json_pack("{s:[{s:s}]}", "certifiers", "name",
		"UNION DES INDUSTRIES ET METIERS DE LA METALLURGIE");
	json_t *g = json_pack("{s:[{s:s}]}", "certifiers", "name",
		"MINISTERE DE L'EDUCATION NATIONALE");
	json_t *h = json_pack("{s:[{s:s}]}", "certifiers", "name",
		"Commission paritaire nationale de l'emploi (CPNE) de la métallurgie");
	CHECK(cat_is_branch_certifier(f));
	CHECK(!cat_is_branch_certifier(g));
	CHECK(cat_is_branch_certifier(h));
	json_decref(f);
	json_decref(g);
	json_decref(h);
}

TEST(labels)
{
	CHECK_STR(route_key(ROUTE_INDIVIDUAL), "individual");
	CHECK_STR(route_label(ROUTE_INDIVIDUAL), "Par candidature individuelle");
	CHECK_STR(kind_code(KIND_CCPM), "CCPM");
	CHECK_INT(kind_from_code("CQPI"), KIND_CQPI);
	CHECK(kind_is_branch(KIND_PARCOURS));
	CHECK(!kind_is_branch(KIND_RNCP));
	CHECK_INT(modality_from_key("project_presentation"), MOD_PROJECT_PRESENTATION);
	CHECK_INT(status_from_code("draft"), STATUS_DRAFT);
	CHECK_INT(status_from_code("perdu"), -1);
}

TEST(validators)
{
	CHECK(v_login("marie.dupont") == NULL);
	CHECK(v_login("Marie") != NULL);
	CHECK(v_login("ab") != NULL);
	CHECK(v_login("a b") != NULL);
	CHECK(v_password("court") != NULL);
	CHECK(v_password("assez-long-1") == NULL);
	CHECK(v_password("          ") != NULL);
	CHECK(v_centre_code("UIMM-NORD") == NULL);
	CHECK(v_centre_code("uimm") != NULL);
	CHECK(v_email("a@b.fr") == NULL);
	CHECK(v_email("a@b") != NULL);
	CHECK(v_email("a b@c.fr") != NULL);
	CHECK(v_email("") == NULL);
	CHECK(v_text("ligne\nsuivante", 100, 0) != NULL);
	CHECK(v_text("", 100, 0) != NULL);
	CHECK(v_text("", 100, 1) == NULL);
	CHECK(v_date("2024-02-29") == NULL);
	CHECK(v_date("2023-02-29") != NULL);
	CHECK(v_date("2100-02-29") != NULL);
	CHECK(v_date("2000-02-29") == NULL);
	CHECK(v_date("2024-13-01") != NULL);
	CHECK(v_date("24-01-01") != NULL);
}

/* The chain breaks when any field or the previous hash changes. */
TEST(audit_chain)
{
	struct audit_event e = { 1, "2026-11-21T10:00:00Z", "admin", "centre.add",
		"UIMM-NORD", "{}" };
	char h1[65], h2[65], h3[65];
	audit_hash(AUDIT_GENESIS, &e, h1);
	audit_hash(AUDIT_GENESIS, &e, h2);
	CHECK_STR(h1, h2);
	e.object = "UIMM-SUD";
	audit_hash(AUDIT_GENESIS, &e, h3);
	CHECK(strcmp(h1, h3) != 0);
	e.object = "UIMM-NORD";
	audit_hash(h1, &e, h3);
	CHECK(strcmp(h1, h3) != 0);
}

TEST(buf_cap)
{
	struct buf b;
	buf_init(&b, 8);
	CHECK_INT(buf_puts(&b, "1234567"), 0);
	CHECK_INT(buf_puts(&b, "89"), -1);
	CHECK(b.overflow);
	CHECK_STR(buf_str(&b), "1234567");
	CHECK_INT(buf_puts(&b, "8"), -1); /* sticky */
	buf_release(&b);
}

TEST(nomenclature_code_formats)
{
	struct cat_error err;
	json_t *d;
	CHECK(nsf_code_valid("315"));
	CHECK(nsf_code_valid("221w"));
	CHECK(!nsf_code_valid("22"));
	CHECK(!nsf_code_valid("221W"));
	CHECK(rome_code_valid("M1502"));
	CHECK(!rome_code_valid("m1502"));
	CHECK(!rome_code_valid("M150"));
	CHECK(formacode_valid("42872"));
	CHECK(!formacode_valid("4287a"));
	d = minimal_doc();
	json_object_set_new(d, "rome", json_pack("[{s:s}, {s:s}]", "code", "M1502", "code", "X12"));
	CHECK_INT(cat_doc_check(d, &err), -1);
	CHECK_STR(err.field, "rome[1].code");
	CHECK_CONTAINS(err.message, "ROME");
	json_decref(d);
}

TEST(parse_count)
{
	CHECK_INT(parse_count("42", 1, 100), 42);
	CHECK_INT(parse_count("0", 1, 100), -1);
	CHECK_INT(parse_count("101", 1, 100), -1);
	CHECK_INT(parse_count("-3", 1, 100), -1);
	CHECK_INT(parse_count("abc", 1, 100), -1);
	CHECK_INT(parse_count("", 1, 100), -1);
	CHECK_INT(parse_count(NULL, 1, 100), -1);
	CHECK_INT(parse_count("12x", 1, 100), -1);
	CHECK_INT(parse_count("99999999999999", 1, 100), -1);
}
