/*
** Tests of rncp_xml_import(): every mapped field of a 3-fiche fixture
** written from the flux 4.1 skeleton, the refusal of hostile or broken
** files (with line and element named, and no fiche handed over after the
** fault), bounded memory, progress and the sink's stop value.
*/
#include "import/import.h"
#include "import_test.h"
#include "t.h"
#include <libxml/parser.h>
#include <malloc.h>
#include <stdint.h>

#define DIR_XML "tests/data/rncp/xml/"

/* Imports path into f (which the caller releases). */
static int run(const char *path, struct tt_fiches *f,
	struct import_error *err)
{
	memset(f, 0, sizeof *f);
	f->docs = json_array();
	return rncp_xml_import(path, tt_collect, f, NULL, NULL, err);
}

TEST(fixture_fiche_1_all_fields)
{
	struct tt_fiches f;
	struct import_error err;
	json_t *d;

	CHECK_INT(run(DIR_XML "fiches-3.xml", &f, &err), 0);
	CHECK_INT(json_array_size(f.docs), 3);
	d = tt_find(&f, "RNCP40792");
	CHECK(d != NULL);
	if (!d)
		goto out;
	CHECK_STR(tt_str(d, "code"), "RNCP40792");
	CHECK_STR(tt_str(d, "rncp"), "RNCP40792");
	CHECK_STR(tt_str(d, "kind"), "RNCP");
	CHECK_STR(tt_str(d, "title"), "Services informatiques aux "
		"organisations, Option A :\nsolutions d'infrastructure");
	CHECK_STR(tt_str(d, "abbreviation/code"), "BTS");
	CHECK_STR(tt_str(d, "abbreviation/label"),
		"Brevet de technicien supérieur");
	CHECK_STR(tt_str(d, "status"), "active");
	CHECK_STR(tt_str(d, "notes"), "");
	CHECK_STR(tt_str(d, "level"), "NIV5");
	CHECK_STR(tt_str(d, "level_label"), "Niveau 5");
	CHECK_INT(json_array_size(tt_get(d, "formacode")), 2);
	CHECK_STR(tt_str(d, "formacode/0/code"), "24220");
	CHECK_STR(tt_str(d, "formacode/0/label"), "Gestion réseau informatique");
	CHECK_STR(tt_str(d, "formacode/1/code"), "31084");
	CHECK_INT(json_array_size(tt_get(d, "nsf")), 1);
	CHECK_STR(tt_str(d, "nsf/0/code"), "326");
	CHECK_STR(tt_str(d, "nsf/0/label"), "Informatique, traitement de "
		"l'information, réseaux de transmission");
	CHECK_INT(json_array_size(tt_get(d, "certifiers")), 1);
	CHECK_STR(tt_str(d, "certifiers/0/siret"), "11004401300040");
	CHECK_STR(tt_str(d, "certifiers/0/name"), "MINISTERE DE "
		"L'ENSEIGNEMENT SUPERIEUR ET DE LA RECHERCHE");
	CHECK_STR(tt_str(d, "summary"), "Le titulaire du BTS exerce dans les "
		"services informatiques.\n\nIl assure l\xE2\x80\x99" "exploitation "
		"et la sécurité des services.");
	CHECK_STR(tt_str(d, "activity_referential/mission"),
		"Former des techniciens supérieurs de l'informatique.");
	CHECK_INT(json_array_size(tt_get(d, "capacities")), 3);
	CHECK_STR(tt_str(d, "capacities/0"), "Gérer le patrimoine informatique");
	CHECK_STR(tt_str(d, "capacities/1"), "Répondre aux incidents et aux "
		"demandes d'assistance");
	CHECK_STR(tt_str(d, "capacities/2"), "Travailler en mode projet");
	CHECK_STR(tt_str(d, "sectors"), "Entreprises de services du numérique "
		"(ESN), services informatiques des organisations.");
	CHECK_INT(json_array_size(tt_get(d, "jobs")), 3);
	CHECK_STR(tt_str(d, "jobs/0"), "Technicien d'infrastructure");
	CHECK_STR(tt_str(d, "jobs/1"), "Administrateur systèmes et réseaux");
	CHECK_STR(tt_str(d, "jobs/2"), "Technicien support");
	CHECK_INT(json_array_size(tt_get(d, "rome")), 3);
	CHECK_STR(tt_str(d, "rome/0/code"), "M1810");
	CHECK_STR(tt_str(d, "rome/2/code"), "M1805");
	CHECK_STR(tt_str(d, "rome/2/label"), "Études et développement informatique");
	CHECK_INT(tt_bool(d, "access_routes/student"), 1);
	CHECK_INT(tt_bool(d, "access_routes/apprenticeship"), 1);
	CHECK_INT(tt_bool(d, "access_routes/continuing"), 1);
	CHECK_INT(tt_bool(d, "access_routes/professionalisation"), 0);
	CHECK_INT(tt_bool(d, "access_routes/individual"), 1);
	CHECK_INT(tt_bool(d, "access_routes/vae"), 1);
	CHECK_STR(tt_str(d, "jury_composition/student"),
		"Jury de l'examen (élèves)");
	CHECK_STR(tt_str(d, "jury_composition/apprenticeship"),
		"Jury de l'examen (apprentis)");
	CHECK_STR(tt_str(d, "jury_composition/continuing"),
		"Jury de l'examen (formation continue)");
	CHECK_STR(tt_str(d, "jury_composition/professionalisation"), "");
	CHECK_STR(tt_str(d, "jury_composition/individual"),
		"Jury de l'examen (candidats libres)");
	CHECK_STR(tt_str(d, "jury_composition/vae"), "Jury de VAE");
	CHECK_INT(tt_bool(d, "overseas/nouvelle_caledonie"), 1);
	CHECK_INT(tt_bool(d, "overseas/polynesie_francaise"), 0);
	CHECK_INT(json_array_size(tt_get(d, "legal/basis")), 4);
	CHECK_STR(tt_str(d, "legal/basis/0/title"),
		"Code de l'éducation : Articles D643-1 à D643-35-1");
	CHECK_STR(tt_str(d, "legal/basis/0/date"), "");
	CHECK_STR(tt_str(d, "legal/basis/1/title"), "Arrêté du 8 juillet 2024");
	CHECK_STR(tt_str(d, "legal/basis/1/date"), "2024-07-10");
	CHECK_STR(tt_str(d, "legal/basis/2/date"), "2019-05-30");
	CHECK_STR(tt_str(d, "legal/basis/3/title"), "Arrêté modificatif");
	CHECK_STR(tt_str(d, "legal/basis/3/date"), "2024-02-29");
	CHECK_STR(tt_str(d, "legal/registration_type"), "Enregistrement de droit");
	CHECK_STR(tt_str(d, "legal/registration_end"), "2028-08-31");
	CHECK_STR(tt_str(d, "legal/effective_date"), "2025-09-01");
	CHECK_STR(tt_str(d, "legal/publication_date"), "2025-06-13");
	CHECK_STR(tt_str(d, "legal/delivery_deadline"), "2031-08-31");
	CHECK_STR(tt_str(d, "legal/decision_date"), "");
	CHECK_STR(tt_str(d, "legal/registration_start"), "");
	CHECK_INT(json_array_size(tt_get(d, "blocks")), 2);
	CHECK_STR(tt_str(d, "blocks/0/code"), "RNCP40792BC01");
	CHECK_INT(json_integer_value(tt_get(d, "blocks/0/number")), 1);
	CHECK_STR(tt_str(d, "blocks/0/title"),
		"Support et mise à disposition de services informatiques");
	CHECK_STR(tt_str(d, "blocks/0/competences_text"),
		"* Gérer le patrimoine informatique\no Recenser et identifier "
		"les ressources numériques\no Exploiter des référentiels");
	CHECK_STR(tt_str(d, "blocks/0/evaluation_text"),
		"Scolaires : épreuve ponctuelle orale");
	CHECK_STR(tt_str(d, "blocks/1/code"), "RNCP40792BC02");
	CHECK_INT(json_integer_value(tt_get(d, "blocks/1/number")), 2);
	CHECK_STR(tt_str(d, "blocks/1/bdc"), "");
	CHECK(json_is_array(tt_get(d, "blocks/1/competences")));
	CHECK_INT(tt_bool(d, "blocks/1/company_opinion"), -1);
	CHECK_INT(json_array_size(tt_get(d, "previous")), 1);
	CHECK_STR(tt_str(d, "previous/0"), "RNCP35340");
	CHECK_INT(json_array_size(tt_get(d, "next")), 0);
	CHECK_STR(tt_str(d, "sources/0"), "Export RNCP de France compétences, "
		"flux XML 4.1");
	/* Members the register does not give keep their empty values. */
	CHECK_STR(tt_str(d, "identifier"), "");
	CHECK(json_is_false(tt_get(d, "draft")));
	CHECK(json_is_null(tt_get(d, "deliveries_per_year")));
	CHECK(json_is_null(tt_get(d, "on_cqpi_list")));
	CHECK_INT(json_array_size(tt_get(d, "competences")), 0);
	CHECK_INT(json_object_size(d), 39);
out:
	json_decref(f.docs);
}

TEST(fixture_fiches_2_and_3)
{
	struct tt_fiches f;
	struct import_error err;
	json_t *d;

	CHECK_INT(run(DIR_XML "fiches-3.xml", &f, &err), 0);
	d = tt_find(&f, "RNCP35340");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "status"), "inactive");
		CHECK_STR(tt_str(d, "next/0"), "RNCP40792");
		CHECK_INT(json_array_size(tt_get(d, "previous")), 0);
		CHECK_INT(json_array_size(tt_get(d, "nsf")), 2);
		CHECK_STR(tt_str(d, "nsf/1/code"), "326n");
		CHECK_INT(tt_bool(d, "access_routes/student"), 0);
		CHECK_INT(tt_bool(d, "access_routes/vae"), 1);
		/* SI_JURY_CA absent: unknown, not false. */
		CHECK_INT(tt_bool(d, "access_routes/apprenticeship"), -1);
		CHECK_INT(tt_bool(d, "overseas/nouvelle_caledonie"), -1);
		CHECK_INT(json_integer_value(tt_get(d, "blocks/0/number")), 3);
		CHECK_STR(tt_str(d, "blocks/0/competences_text"), "");
		CHECK_STR(tt_str(d, "sources/1"),
			"https://www.francecompetences.fr/recherche/rncp/35340/");
		CHECK_STR(tt_str(d, "legal/registration_end"), "2025-08-31");
		CHECK_INT(json_array_size(tt_get(d, "capacities")), 0);
	}
	d = tt_find(&f, "RS6117");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "kind"), "RS");
		CHECK_STR(tt_str(d, "title"), "CQP Tourier & <pâtisserie>");
		CHECK_STR(tt_str(d, "abbreviation/code"), "");
		CHECK_STR(tt_str(d, "level"), "");
		CHECK_STR(tt_str(d, "status"), "active");
		CHECK_STR(tt_str(d, "notes"), "État de la fiche au RNCP : "
			"Brouillon.");
		CHECK_INT(json_array_size(tt_get(d, "formacode")), 2);
		CHECK_STR(tt_str(d, "formacode/1/label"), "Pâtisserie");
		CHECK_INT(json_array_size(tt_get(d, "certifiers")), 2);
		CHECK_STR(tt_str(d, "certifiers/1/siret"), "31504294500032");
		CHECK_INT(tt_bool(d, "access_routes/continuing"), 1);
		CHECK_INT(tt_bool(d, "access_routes/professionalisation"), 1);
		CHECK_INT(tt_bool(d, "access_routes/student"), -1);
		CHECK_STR(tt_str(d, "sectors"), "Boulangerie artisanale ;\n\n"
			"industrie\nagroalimentaire");
		CHECK_STR(tt_str(d, "admission_conditions"),
			"Être titulaire d'un CAP de boulanger.");
		CHECK_STR(tt_str(d, "legal/decision_date"), "2022-09-29");
		CHECK_STR(tt_str(d, "legal/registration_type"),
			"Enregistrement sur demande");
		CHECK_INT(json_array_size(tt_get(d, "blocks")), 0);
	}
	/* Fiches come in file order. */
	CHECK_STR(tt_str(f.docs, "0/code"), "RNCP40792");
	CHECK_STR(tt_str(f.docs, "2/code"), "RS6117");
	json_decref(f.docs);
}

TEST(skeleton_imports)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run("tests/data/rncp/skeleton-v4_1.xml", &f, &err), 0);
	CHECK_INT(json_array_size(f.docs), 1);
	CHECK_STR(tt_str(f.docs, "0/code"), "RNCP40792");
	CHECK_INT(json_array_size(tt_get(f.docs, "0/blocks")), 1);
	CHECK_INT(json_array_size(tt_get(f.docs, "0/rome")), 3);
	CHECK_INT(json_array_size(tt_get(f.docs, "0/legal/basis")), 4);
	CHECK_STR(tt_str(f.docs, "0/legal/delivery_deadline"), "2031-08-31");
	json_decref(f.docs);
}

TEST(malformed_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "malformed.xml", &f, &err), -1);
	CHECK_INT(err.line, 11);
	CHECK_CONTAINS(err.message, "Fichier XML mal formé « malformed.xml »,"
		" ligne 11, élément <INTITULE> : balise fermante ne "
		"correspondant pas à la balise ouvrante");
	CHECK_STR(err.element, "INTITULE");
	CHECK_STR(err.file, DIR_XML "malformed.xml");
	CHECK(json_array_size(f.docs) <= 1);
	CHECK(tt_find(&f, "RNCP1002") == NULL);
	CHECK(tt_find(&f, "RNCP1003") == NULL);
	json_decref(f.docs);
}

TEST(truncated_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "truncated.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "Fichier XML mal formé « truncated.xml »,"
		" ligne 11, élément <INTITULE> : fichier tronqué");
	CHECK_INT(err.line, 11);
	CHECK_STR(err.element, "INTITULE");
	CHECK(json_array_size(f.docs) <= 1);
	CHECK(tt_find(&f, "RNCP1002") == NULL);
	json_decref(f.docs);
}

TEST(latin1_bytes_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "latin1-in-utf8.xml", &f, &err), -1);
	CHECK_INT(err.line, 11);
	CHECK_CONTAINS(err.message, "ligne 11, élément <INTITULE> : octets "
		"invalides pour l'encodage déclaré");
	CHECK_STR(err.element, "INTITULE");
	CHECK(tt_find(&f, "RNCP1002") == NULL);
	CHECK(tt_find(&f, "RNCP1003") == NULL);
	json_decref(f.docs);
}

TEST(invalid_date_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "bad-date.xml", &f, &err), -1);
	CHECK_STR(err.message, "Fichier XML « bad-date.xml », ligne 12, "
		"élément <DATE_EFFET> (fiche RNCP1002) : date invalide "
		"« 31/02/2024 » (JJ/MM/AAAA attendu)");
	CHECK_INT(err.line, 12);
	CHECK_STR(err.element, "DATE_EFFET");
	/* The first fiche was handed over, nothing after the fault. */
	CHECK_INT(json_array_size(f.docs), 1);
	CHECK_STR(tt_str(f.docs, "0/code"), "RNCP1001");
	json_decref(f.docs);
}

TEST(bad_version_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "bad-version.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "version du flux « 3.0 » non prise en "
		"charge");
	CHECK_INT(err.line, 3);
	CHECK_STR(err.element, "VERSION_FLUX");
	CHECK_INT(json_array_size(f.docs), 0);
	json_decref(f.docs);
}

TEST(empty_or_versionless_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	const char *p;

	p = tt_write_str(dir, "vide.xml", "");
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_STR(err.message, "Fichier XML « vide.xml » vide");
	json_decref(f.docs);
	p = tt_write_str(dir, "sans.xml", "<FICHES>\n</FICHES>\n");
	CHECK_INT(rncp_detect(p), RNCP_XML);
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_STR(err.message, "Fichier XML « sans.xml » : élément "
		"<VERSION_FLUX> absent (flux RNCP 4.x attendu)");
	json_decref(f.docs);
	p = tt_write_str(dir, "tard.xml", "<FICHES>\n<FICHE>\n<NUMERO_FICHE>"
		"RNCP1</NUMERO_FICHE></FICHE>\n<VERSION_FLUX>4.1</VERSION_FLUX>"
		"\n</FICHES>\n");
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_CONTAINS(err.message, "ligne 2, élément <FICHE> : élément "
		"<VERSION_FLUX> absent avant la première fiche");
	CHECK_INT(json_array_size(f.docs), 0);
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
}

TEST(bad_number_and_root_refused)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(DIR_XML "bad-number.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "numéro de fiche invalide « XYZ12 »");
	CHECK_INT(err.line, 10);
	CHECK_INT(json_array_size(f.docs), 1);
	json_decref(f.docs);

	CHECK_INT(run(DIR_XML "wrong-root.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "élément racine inattendu");
	CHECK_STR(err.element, "CERTIFICATIONS");
	CHECK_INT(err.line, 2);
	json_decref(f.docs);
}

static int loads;

/* External entity loader that records any attempt (must never run). */
static xmlParserInputPtr no_load(const char *url, const char *id,
	xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	loads++;
	return NULL;
}

/* 1 if any collected document mentions s. */
static int docs_mention(json_t *docs, const char *s)
{
	char *dump = json_dumps(docs, 0);
	int r = dump && strstr(dump, s) != NULL;
	free(dump);
	return r;
}

TEST(billion_laughs_refused)
{
	struct tt_fiches f;
	struct import_error err;
	struct mallinfo2 before, after;

	before = mallinfo2();
	CHECK_INT(run(DIR_XML "billion-laughs.xml", &f, &err), -1);
	after = mallinfo2();
	CHECK_CONTAINS(err.message, "ligne 2, élément <!DOCTYPE>");
	CHECK_INT(err.line, 2);
	CHECK_INT(json_array_size(f.docs), 0);
	/* Nothing was expanded: memory in use did not move by megabytes. */
	CHECK(after.uordblks < before.uordblks + (4u << 20));
	json_decref(f.docs);
}

TEST(external_entity_and_dtd_not_read)
{
	struct tt_fiches f;
	struct import_error err;
	xmlExternalEntityLoader old = xmlGetExternalEntityLoader();

	xmlSetExternalEntityLoader(no_load);
	loads = 0;
	CHECK_INT(run(DIR_XML "xxe-entity.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "DOCTYPE");
	CHECK_INT(err.line, 2);
	CHECK(!docs_mention(f.docs, "SECRET-XXE-MARKER"));
	CHECK(strstr(err.message, "SECRET") == NULL);
	json_decref(f.docs);

	CHECK_INT(run(DIR_XML "xxe-dtd.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "DOCTYPE");
	CHECK_INT(err.line, 2);
	CHECK_INT(json_array_size(f.docs), 0);
	json_decref(f.docs);
	CHECK_INT(loads, 0);
	xmlSetExternalEntityLoader(old);
}

/* Writes an export of n fiches; fiche `bad` (1-based, 0: none) gets
 * `extra` inside it. Returns the path in dir. */
static const char *write_export(const char *dir, const char *name, int n,
	int bad, const char *extra)
{
	static char p[1024];
	FILE *o;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	o = fopen(p, "w");
	if (!o)
		return NULL;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FICHES>\n"
		"<VERSION_FLUX>4.1</VERSION_FLUX>\n", o);
	for (int i = 1; i <= n; i++) {
		fprintf(o, "<FICHE>\n<NUMERO_FICHE>RNCP%d</NUMERO_FICHE>\n"
			"<INTITULE>Certification numéro %d</INTITULE>\n"
			"<CODES_ROME><ROME><CODE>H2913</CODE><LIBELLE>Soudage "
			"manuel</LIBELLE></ROME></CODES_ROME>\n"
			"<BLOCS_COMPETENCES><BLOC_COMPETENCES><CODE>RNCP%dBC01"
			"</CODE><LIBELLE>Bloc</LIBELLE><LISTE_COMPETENCES>"
			"Souder des assemblages en acier selon un mode "
			"opératoire</LISTE_COMPETENCES></BLOC_COMPETENCES>"
			"</BLOCS_COMPETENCES>\n", i, i, i);
		if (i == bad)
			fputs(extra, o);
		fputs("<ACTIF>Oui</ACTIF>\n</FICHE>\n", o);
	}
	fputs("</FICHES>\n", o);
	fclose(o);
	return p;
}

TEST(oversized_element_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	char *big = malloc(IMPORT_MAX_TEXT + 64);
	const char *p;

	memcpy(big, "<SECTEURS_ACTIVITE>", 19);
	memset(big + 19, 'x', IMPORT_MAX_TEXT + 1);
	memcpy(big + 19 + IMPORT_MAX_TEXT + 1, "</SECTEURS_ACTIVITE>\n", 22);
	p = write_export(dir, "big.xml", 3, 2, big);
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_STR(err.element, "SECTEURS_ACTIVITE");
	CHECK_CONTAINS(err.message, "texte trop long");
	CHECK_CONTAINS(err.message, "<SECTEURS_ACTIVITE>");
	CHECK_INT(err.line, 16);
	CHECK_INT(json_array_size(f.docs), 1);
	json_decref(f.docs);
	free(big);
	tt_rmtree(dir);
	free(dir);
}

TEST(too_many_blocks_and_codes_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	struct buf_s { char *p; size_t n; } b = { NULL, 0 };
	FILE *m = open_memstream(&b.p, &b.n);
	const char *p;

	fputs("<BLOCS_COMPETENCES>", m);
	for (int i = 0; i <= IMPORT_MAX_BLOCKS; i++)
		fprintf(m, "<BLOC_COMPETENCES><CODE>RNCP2BC%02d</CODE>"
			"</BLOC_COMPETENCES>", i + 2);
	fputs("</BLOCS_COMPETENCES>\n", m);
	fclose(m);
	p = write_export(dir, "blocks.xml", 3, 2, b.p);
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_STR(err.element, "BLOC_COMPETENCES");
	CHECK_CONTAINS(err.message, "plus de 200 blocs de compétences");
	CHECK_CONTAINS(err.message, "(fiche RNCP2)");
	CHECK_INT(json_array_size(f.docs), 1);
	json_decref(f.docs);
	free(b.p);

	m = open_memstream(&b.p, &b.n);
	fputs("<CODES_NSF>", m);
	for (int i = 0; i <= IMPORT_MAX_CODES; i++)
		fputs("<NSF><CODE>254</CODE></NSF>", m);
	fputs("</CODES_NSF>\n", m);
	fclose(m);
	p = write_export(dir, "codes.xml", 3, 1, b.p);
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_STR(err.element, "NSF");
	CHECK_CONTAINS(err.message, "plus de 500 codes NSF");
	CHECK_INT(json_array_size(f.docs), 0);
	json_decref(f.docs);
	free(b.p);
	tt_rmtree(dir);
	free(dir);
}

TEST(line_numbers_past_65535)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	const char *p;

	/* 7 lines per fiche after 3 of header; the extra line is the 6th of
	 * fiche 10000, past line 65535. */
	p = write_export(dir, "long.xml", 10001, 10000,
		"<DATE_EFFET>30/02/2023</DATE_EFFET>\n");
	CHECK_INT(run(p, &f, &err), -1);
	CHECK_INT(err.line, 3 + 9999 * 7 + 6);
	CHECK_STR(err.element, "DATE_EFFET");
	CHECK_INT(json_array_size(f.docs), 9999);
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
}

/* Sink that counts and samples memory in use (for bounded memory). */
struct mem_probe {
	long n;
	size_t at_small, at_large;
};

/* Samples the memory in use at the 500th and 20 000th fiche. */
static int probe(void *arg, json_t *doc)
{
	struct mem_probe *m = arg;
	(void)doc;
	m->n++;
	if (m->n == 500)
		m->at_small = mallinfo2().uordblks;
	if (m->n == 20000)
		m->at_large = mallinfo2().uordblks;
	return 0;
}

TEST(memory_does_not_grow_with_fiches)
{
	char *dir = tt_mkdtemp();
	struct import_error err;
	struct mem_probe m = { 0, 0, 0 };
	const char *p = write_export(dir, "many.xml", 20000, 0, "");

	CHECK_INT(rncp_xml_import(p, probe, &m, NULL, NULL, &err), 0);
	CHECK_INT(m.n, 20000);
	/* Under AddressSanitizer mallinfo2() says nothing: then both are 0. */
	CHECK(m.at_large <= m.at_small + (256u << 10));
	tt_rmtree(dir);
	free(dir);
}

/* Progress sink: keeps the last values, checks they never go down. */
struct prog {
	int calls, monotonic;
	uint64_t done, total;
};

/* Records a progress report. */
static void on_progress(void *arg, uint64_t done, uint64_t total)
{
	struct prog *p = arg;
	if (done < p->done)
		p->monotonic = 0;
	p->calls++;
	p->done = done;
	p->total = total;
}

/* A sink counting the fiches into *(long *)arg. */
static int count(void *arg, json_t *doc)
{
	(void)doc;
	++*(long *)arg;
	return 0;
}

TEST(progress_reports_bytes)
{
	char *dir = tt_mkdtemp();
	struct import_error err;
	struct prog pr = { 0, 1, 0, 0 };
	struct stat st;
	long n = 0;
	const char *p = write_export(dir, "p.xml", 6000, 0, "");

	CHECK_INT(stat(p, &st), 0);
	CHECK_INT(rncp_xml_import(p, count, &n, on_progress, &pr, &err), 0);
	CHECK_INT(n, 6000);
	CHECK(pr.calls >= 2);
	CHECK(pr.monotonic);
	CHECK_INT(pr.total, st.st_size);
	CHECK_INT(pr.done, st.st_size);
	tt_rmtree(dir);
	free(dir);
}

/* Sink stopping the import at the second fiche with its own message. */
static int stopper(void *arg, json_t *doc)
{
	struct import_error *e = arg;
	if (strcmp(json_string_value(json_object_get(doc, "code")),
			"RNCP35340"))
		return 0;
	snprintf(e->message, sizeof e->message, "arrêt demandé");
	return 7;
}

TEST(sink_stops_import)
{
	struct import_error err;

	CHECK_INT(rncp_xml_import(DIR_XML "fiches-3.xml", stopper, &err, NULL,
		NULL, &err), 7);
	CHECK_STR(err.message, "arrêt demandé");
}

TEST(missing_file_and_detect)
{
	struct import_error err;
	long n = 0;

	CHECK_INT(rncp_xml_import(DIR_XML "absent.xml", count, &n, NULL, NULL,
		&err), -1);
	CHECK_CONTAINS(err.message, "Impossible d'ouvrir le fichier XML "
		"« absent.xml »");
	CHECK_INT(rncp_detect(DIR_XML "fiches-3.xml"), RNCP_XML);
	CHECK_INT(rncp_detect("tests/data/rncp/skeleton-v4_1.xml"), RNCP_XML);
	CHECK_INT(rncp_detect("tests/data/rncp/csv-sample"), RNCP_CSV_DIR);
	CHECK_INT(rncp_detect(DIR_XML "xxe-secret.txt"), RNCP_UNKNOWN);
	CHECK_INT(rncp_detect(DIR_XML "absent.xml"), RNCP_UNKNOWN);
}
