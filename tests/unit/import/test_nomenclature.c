/*
** Tests of nomenclature_import() on the real files of data/nomenclatures/:
** counts, exact code → label (parent) pairs, the Windows-1252 conversion
** of the BCN file, and the refusal of invalid bytes naming the line.
*/
#include "import/import.h"
#include "import_test.h"
#include "t.h"

#define NOMEN "data/nomenclatures/"

/* Sink keeping code → [label, parent] in an object, in order in a list. */
struct entries {
	json_t *map;
	json_t *order;
	int bad_kind;
};

/* The sink of struct entries. */
static int keep(void *arg, enum nomen_kind kind, const char *code,
	const char *label, const char *parent)
{
	struct entries *e = arg;
	json_t *v = json_pack("[ss]", label, parent);

	(void)kind;
	if (!v)
		e->bad_kind = 1; /* invalid UTF-8 handed over */
	json_object_set_new(e->map, code, v ? v : json_null());
	json_array_append_new(e->order, json_string(code));
	return 0;
}

/* Imports a nomenclature; returns the import's value. */
static int load(const char *path, enum nomen_kind kind, struct entries *e,
	struct import_error *err)
{
	e->map = json_object();
	e->order = json_array();
	e->bad_kind = 0;
	return nomenclature_import(path, kind, keep, e, err);
}

/* Releases what load() collected. */
static void drop(struct entries *e)
{
	json_decref(e->map);
	json_decref(e->order);
}

static const char *label(struct entries *e, const char *code)
{
	return json_string_value(json_array_get(json_object_get(e->map, code),
		0));
}

static const char *parent(struct entries *e, const char *code)
{
	return json_string_value(json_array_get(json_object_get(e->map, code),
		1));
}

/* Position of code in the order of emission, -1 if absent. */
static long pos(struct entries *e, const char *code)
{
	size_t i;
	json_t *v;

	json_array_foreach(e->order, i, v)
		if (!strcmp(json_string_value(v), code))
			return (long)i;
	return -1;
}

TEST(naf_sub_classes)
{
	struct entries e;
	struct import_error err;

	CHECK_INT(load(NOMEN "naf_rev2_sous_classes.csv", NOMEN_NAF, &e, &err),
		0);
	CHECK_INT(json_array_size(e.order), 732);
	CHECK_INT(json_object_size(e.map), 732);
	CHECK_STR(label(&e, "25.62A"), "Décolletage");
	CHECK_STR(parent(&e, "25.62A"), "25.62");
	CHECK_STR(label(&e, "25.62B"), "Mécanique industrielle");
	CHECK_STR(label(&e, "01.11Z"), "Culture de céréales (à l'exception du "
		"riz), de légumineuses et de graines oléagineuses");
	CHECK_STR(parent(&e, "99.00Z"), "99.00");
	/* Labels broken over two lines in the file come on one line. */
	CHECK_STR(label(&e, "87.10C"), "Hébergement médicalisé pour adultes "
		"handicapés et autre hébergement médicalisé");
	CHECK_STR(label(&e, "88.99A"), "Autre accueil ou accompagnement sans "
		"hébergement d\xE2\x80\x99" "enfants et d\xE2\x80\x99" "adolescents");
	CHECK(!e.bad_kind);
	drop(&e);
}

TEST(rome_codes)
{
	struct entries e;
	struct import_error err;

	CHECK_INT(load(NOMEN "unix_referentiel_code_rome_v460_utf8.csv",
		NOMEN_ROME, &e, &err), 0);
	CHECK_INT(json_array_size(e.order), 1584);
	CHECK_STR(label(&e, "H2913"), "Soudeur / Soudeuse");
	CHECK_STR(parent(&e, "H2913"), "");
	CHECK_STR(label(&e, "M1805"), "Développeur / Développeuse informatique");
	CHECK_STR(label(&e, "A1206"), "Concepteur / Conceptrice paysagiste");
	CHECK_STR(parent(&e, "A1206"), "F1101");
	CHECK_STR(parent(&e, "A1102"), "A1101");
	CHECK_STR(label(&e, "A1101"),
		"Conducteur / Conductrice d'engins agricoles");
	drop(&e);
}

TEST(nsf_specialities)
{
	struct entries e;
	struct import_error err;

	CHECK_INT(load(NOMEN "nsf_code_education_D311-4.csv", NOMEN_NSF, &e,
		&err), 0);
	/* 4 domains, 17 sub-domains, 93 groups, then the lettered
	 * specialities: 26 groups × 7 letters (a–g), 58 × 9 (m–w), 9 × 1 (z). */
	CHECK_INT(json_array_size(e.order), 4 + 17 + 93 + 26 * 7 + 58 * 9 + 9);
	CHECK_INT(json_object_size(e.map), 827);
	CHECK_STR(label(&e, "2"), "Domaines technico-professionnels de la "
		"production");
	CHECK_STR(parent(&e, "2"), "");
	CHECK_STR(label(&e, "25"), "Mécanique, électricité, électronique");
	CHECK_STR(parent(&e, "25"), "2");
	CHECK_STR(label(&e, "251"), "Mécanique générale et de précision, "
		"usinage");
	CHECK_STR(parent(&e, "251"), "25");
	CHECK_STR(label(&e, "227"), "Energie, génie climatique (y compris "
		"énergie nucléaire, thermique, hydraulique ; utilités ; froid, "
		"climatisation, chauffage)");
	CHECK_STR(label(&e, "221w"), "Agro-alimentaire, alimentation, cuisine "
		"(Commercialisation)");
	CHECK_STR(parent(&e, "221w"), "221");
	CHECK_STR(parent(&e, "114b"), "114");
	CHECK_STR(parent(&e, "254s"), "254");
	CHECK_STR(parent(&e, "413z"), "413");
	CHECK(label(&e, "221b") == NULL);
	CHECK(label(&e, "114w") == NULL);
	CHECK(label(&e, "w") == NULL);
	CHECK(pos(&e, "221") < pos(&e, "221w"));
	drop(&e);
}

TEST(bcn_levels_from_windows_1252)
{
	struct entries e;
	struct import_error err;

	CHECK_INT(load(NOMEN "BCN_N_NIVEAU_FORMATION_DIPLOME.csv", NOMEN_LEVEL,
		&e, &err), 0);
	/* 206 diploma levels and the RNCP levels 3 to 8. */
	CHECK_INT(json_array_size(e.order), 206 + 6);
	CHECK_STR(label(&e, "216"), "DIPLOME D\xE2\x80\x99" "ETAT METIERS DE "
		"LA MONTAGNE DE NIVEAU 6");
	CHECK_STR(parent(&e, "216"), "NIV6");
	CHECK_STR(label(&e, "500"), "CERTIFICAT D'APTITUDE PROFESSIONNELLE");
	CHECK_STR(parent(&e, "500"), "NIV3");
	CHECK_STR(label(&e, "400"), "BAC PROFESSIONNEL");
	CHECK_STR(parent(&e, "400"), "NIV4");
	CHECK_STR(label(&e, "NIV5"), "NIVEAU 5");
	CHECK_STR(parent(&e, "NIV5"), "");
	CHECK_STR(label(&e, "NIV8"), "NIVEAU 8");
	CHECK(label(&e, "NIV0") == NULL);
	CHECK(label(&e, "NIV99") == NULL);
	/* Out of scope (00) and undetermined (99): no parent. */
	CHECK_STR(parent(&e, "967"), "");
	CHECK_STR(parent(&e, "964"), "");
	/* A level comes before the first diploma that refers to it. */
	CHECK(pos(&e, "NIV6") >= 0 && pos(&e, "NIV6") < pos(&e, "216"));
	CHECK(!e.bad_kind);
	drop(&e);
}

TEST(bcn_already_in_utf8)
{
	char *dir = tt_mkdtemp();
	struct entries e;
	struct import_error err;
	const char *p = tt_write_str(dir, "bcn.csv",
		"NIVEAU_FORMATION_DIPLOME;LIBELLE_COURT;LIBELLE_100;"
		"NIVEAU_QUALIFICATION_RNCP;N_NIVEAU_QUALIFICATION_RNCP."
		"LIBELLE_LONG\n450;BP;BREVET PROFESSIONNEL DE MÉTALLIER;04;"
		"NIVEAU 4\n");

	CHECK_INT(load(p, NOMEN_LEVEL, &e, &err), 0);
	CHECK_STR(label(&e, "450"), "BREVET PROFESSIONNEL DE MÉTALLIER");
	CHECK_STR(parent(&e, "450"), "NIV4");
	drop(&e);
	tt_rmtree(dir);
	free(dir);
}

TEST(invalid_bytes_refused_with_line)
{
	char *dir = tt_mkdtemp();
	struct entries e;
	struct import_error err;
	const char *p;

	p = tt_write_str(dir, "naf.csv", "code;libelle;classe\n"
		"\"25.62A\";\"D\xE9" "colletage\";\"25.62\"\n");
	CHECK_INT(load(p, NOMEN_NAF, &e, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « naf.csv », ligne 2, colonne "
		"« libelle » : texte non UTF-8 (octet 0xE9 en position 2 de la "
		"cellule)");
	CHECK_INT(err.line, 2);
	drop(&e);

	/* 0x81 is not defined in Windows-1252. */
	p = tt_write_str(dir, "bcn.csv", "NIVEAU_FORMATION_DIPLOME;"
		"LIBELLE_COURT;LIBELLE_100;NIVEAU_QUALIFICATION_RNCP;"
		"N_NIVEAU_QUALIFICATION_RNCP.LIBELLE_LONG\n"
		"500;CAP;CAP;03;NIVEAU 3\n450;BP;BREVET \x81;04;NIVEAU 4\n");
	CHECK_INT(load(p, NOMEN_LEVEL, &e, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « bcn.csv », ligne 3 : octet 0x81 "
		"non défini en Windows-1252");
	CHECK_INT(err.line, 3);
	drop(&e);

	p = tt_write_str(dir, "rome.csv", "\"code_rome\",\"libelle_rome\"\n"
		"\"H29\",\"Soudeur\"\n");
	CHECK_INT(load(p, NOMEN_ROME, &e, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « rome.csv », ligne 2, colonne "
		"« code_rome » : code « H29 » invalide pour la nomenclature ROME");
	drop(&e);

	p = tt_write_str(dir, "nsf.csv", "code;libelle\n1;x\n");
	CHECK_INT(load(p, NOMEN_NSF, &e, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « nsf.csv », ligne 1 : colonne "
		"« kind » absente de l'en-tête (nomenclature NSF)");
	drop(&e);

	CHECK_INT(load(NOMEN "absent.csv", NOMEN_NAF, &e, &err), -1);
	CHECK_CONTAINS(err.message, "Impossible d'ouvrir le fichier "
		"« absent.csv »");
	drop(&e);
	tt_rmtree(dir);
	free(dir);
}

/* Sink stopping at the third entry. */
static int stop3(void *arg, enum nomen_kind kind, const char *code,
	const char *lbl, const char *par)
{
	(void)kind;
	(void)code;
	(void)lbl;
	(void)par;
	return ++*(int *)arg == 3 ? 5 : 0;
}

TEST(sink_stops_import)
{
	struct import_error err;
	int n = 0;

	CHECK_INT(nomenclature_import(NOMEN "naf_rev2_sous_classes.csv",
		NOMEN_NAF, stop3, &n, &err), 5);
	CHECK_INT(n, 3);
}
