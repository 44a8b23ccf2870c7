/*
** Tests of rncp_csv_import() on the real extract of the CSV export
** (tests/data/rncp/csv-sample/), read as a folder, as a zip built here
** with libzip, and with NFD file names; then the refusals (invalid date,
** invalid UTF-8, missing or doubled files), each naming file, line and
** column, and the scratch database leaving nothing behind.
*/
#include "import/import.h"
#include "import_test.h"
#include "t.h"
#include <zip.h>

#define SAMPLE "tests/data/rncp/csv-sample"
#define DATE "_2024_02_22.csv"

/* The ten sample files, by kind. */
static const char *kinds[] = { "Standard", "Blocs_De_Compétences", "Nsf",
	"Rome", "Formacode", "Certificateurs", "Partenaires", "VoixdAccès",
	"CCN", "Ancienne_Nouvelle_Certification", NULL };

/* Folder SQLite uses for its scratch files in this process. */
static char *scratch_dir;

/* Points SQLite at a fresh folder before any import runs. */
__attribute__((constructor)) static void set_scratch_dir(void)
{
	scratch_dir = tt_mkdtemp();
	if (scratch_dir)
		setenv("SQLITE_TMPDIR", scratch_dir, 1);
}

/* Reads a whole file (the caller frees); *n gets its size. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	p = malloc((size_t)len + 1);
	*n = fread(p, 1, (size_t)len, f);
	p[*n] = '\0';
	fclose(f);
	return p;
}

/* Path of sample file of kind k (static buffer). */
static const char *sample_file(const char *kind)
{
	static char p[512];
	snprintf(p, sizeof p, SAMPLE "/export_fiches_CSV_%s" DATE, kind);
	return p;
}

/* Copies the sample into dir, file of kind `skip` left out, and file of
 * kind `repl` replaced by `data`. Names may be rewritten by `rename_fn`. */
static void copy_sample(const char *dir, const char *skip, const char *repl,
	const char *data, const char *(*rename_fn)(const char *kind))
{
	for (int i = 0; kinds[i]; i++) {
		char name[256];
		size_t n = 0;
		char *p;

		if (skip && !strcmp(kinds[i], skip))
			continue;
		snprintf(name, sizeof name, "export_fiches_CSV_%s" DATE,
			rename_fn ? rename_fn(kinds[i]) : kinds[i]);
		if (repl && !strcmp(kinds[i], repl)) {
			tt_write_str(dir, name, data);
			continue;
		}
		p = slurp(sample_file(kinds[i]), &n);
		tt_write(dir, name, p, n);
		free(p);
	}
}

/* Imports path into f (released by the caller). */
static int run(const char *path, struct tt_fiches *f,
	struct import_error *err)
{
	memset(f, 0, sizeof *f);
	f->docs = json_array();
	return rncp_csv_import(path, tt_collect, f, NULL, NULL, err);
}

/* The exact values expected from the sample, whatever the container. */
static void check_sample_docs(struct tt_fiches *f)
{
	json_t *d;

	CHECK_INT(json_array_size(f->docs), 9);
	CHECK_STR(tt_str(f->docs, "0/code"), "RNCP509");
	CHECK_STR(tt_str(f->docs, "8/code"), "RS6117");

	d = tt_find(f, "RNCP509");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "kind"), "RNCP");
		CHECK_STR(tt_str(d, "rncp"), "RNCP509");
		CHECK_STR(tt_str(d, "title"),
			"Agent vérificateur d'appareils extincteurs");
		CHECK_STR(tt_str(d, "status"), "inactive");
		CHECK_STR(tt_str(d, "abbreviation/code"), "CAP");
		CHECK_STR(tt_str(d, "abbreviation/label"),
			"Certificat d'aptitude professionnelle");
		CHECK_STR(tt_str(d, "level"), "NIV3");
		CHECK_STR(tt_str(d, "level_label"), "Niveau 3");
		CHECK_INT(tt_bool(d, "overseas/nouvelle_caledonie"), 0);
		CHECK_INT(tt_bool(d, "overseas/polynesie_francaise"), 0);
		CHECK_STR(tt_str(d, "legal/registration_end"), "2023-08-31");
		CHECK_STR(tt_str(d, "legal/registration_type"),
			"Enregistrement de droit");
		CHECK_STR(tt_str(d, "legal/decision_date"), "");
		CHECK_INT(json_array_size(tt_get(d, "legal/basis")), 0);
		CHECK_INT(json_array_size(tt_get(d, "blocks")), 6);
		CHECK_STR(tt_str(d, "blocks/0/code"), "RNCP509BC01");
		CHECK_INT(json_integer_value(tt_get(d, "blocks/0/number")), 1);
		CHECK_STR(tt_str(d, "blocks/0/title"), "UP1 : Vérification "
			"d\xE2\x80\x99une installation et organisation de "
			"l\xE2\x80\x99intervention");
		CHECK_STR(tt_str(d, "blocks/5/code"), "RNCP509BC06");
		CHECK_INT(json_integer_value(tt_get(d, "blocks/5/number")), 6);
		CHECK_STR(tt_str(d, "blocks/5/title"),
			"UG3 : Éducation physique et sportive");
		CHECK_STR(tt_str(d, "blocks/5/competences_text"), "");
		CHECK_INT(json_array_size(tt_get(d, "certifiers")), 1);
		CHECK_STR(tt_str(d, "certifiers/0/siret"), "11004301500012");
		CHECK_STR(tt_str(d, "certifiers/0/name"), "MINISTERE DE "
			"L'EDUCATION NATIONALE ET DE LA JEUNESSE");
		CHECK_STR(tt_str(d, "formacode/0/code"), "42872");
		CHECK_STR(tt_str(d, "formacode/0/label"), "Sécurité incendie");
		CHECK_STR(tt_str(d, "nsf/0/code"), "251");
		CHECK_STR(tt_str(d, "nsf/0/label"),
			"Mécanique générale et de précision, usinage");
		CHECK_STR(tt_str(d, "rome/0/code"), "I1203");
		CHECK_STR(tt_str(d, "rome/0/label"),
			"Maintenance des bâtiments et des locaux");
		for (int i = 0; i < 6; i++) {
			static const char *r[] = { "access_routes/student",
				"access_routes/apprenticeship",
				"access_routes/continuing",
				"access_routes/professionalisation",
				"access_routes/individual", "access_routes/vae" };
			CHECK_INT(tt_bool(d, r[i]), 1);
		}
		CHECK_INT(json_array_size(tt_get(d, "previous")), 0);
		CHECK_INT(json_array_size(tt_get(d, "next")), 1);
		CHECK_STR(tt_str(d, "next/0"), "RNCP38228");
		CHECK_INT(json_array_size(tt_get(d, "conventions")), 0);
		CHECK_STR(tt_str(d, "notes"), "");
		CHECK_INT(json_object_size(d), 39);
	}

	d = tt_find(f, "RNCP4049");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "title"),
			"Chef de projet commercial pour l'agroalimentaire");
		CHECK_INT(tt_bool(d, "access_routes/vae"), 1);
		CHECK_INT(tt_bool(d, "access_routes/individual"), 1);
		CHECK_INT(tt_bool(d, "access_routes/student"), 1);
		CHECK_INT(tt_bool(d, "access_routes/continuing"), 1);
		CHECK_INT(tt_bool(d, "access_routes/apprenticeship"), 0);
		CHECK_INT(tt_bool(d, "access_routes/professionalisation"), 0);
		CHECK_STR(tt_str(d, "jury_composition/vae"), "");
		CHECK_INT(json_array_size(tt_get(d, "rome")), 3);
		CHECK_STR(tt_str(d, "rome/0/code"), "D1407");
		CHECK_STR(tt_str(d, "rome/2/code"), "H1102");
		CHECK_STR(tt_str(d, "rome/2/label"),
			"Management et ingénierie d'affaires");
		CHECK_STR(tt_str(d, "previous/0"), "RNCP1197");
		CHECK_STR(tt_str(d, "next/0"), "RNCP22094");
		CHECK_INT(json_array_size(tt_get(d, "legal/basis")), 1);
		CHECK_STR(tt_str(d, "legal/basis/0/title"),
			"Dernière publication au Journal officiel");
		CHECK_STR(tt_str(d, "legal/basis/0/date"), "2011-02-02");
		CHECK_STR(tt_str(d, "legal/registration_end"), "2015-02-02");
		CHECK_STR(tt_str(d, "legal/registration_type"),
			"Enregistrement sur demande");
		CHECK_STR(tt_str(d, "nsf/0/code"), "221w");
		CHECK_STR(tt_str(d, "nsf/0/label"),
			"Commercialisation de produits alimentaires");
		CHECK_INT(json_array_size(tt_get(d, "blocks")), 0);
		CHECK_INT(json_array_size(tt_get(d, "certifiers")), 0);
	}

	d = tt_find(f, "RS6117");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "kind"), "RS");
		CHECK_STR(tt_str(d, "title"), "CQP Tourier");
		CHECK_STR(tt_str(d, "status"), "active");
		CHECK_STR(tt_str(d, "level"), "");
		CHECK_INT(json_array_size(tt_get(d, "formacode")), 2);
		CHECK_STR(tt_str(d, "formacode/0/code"), "21538");
		CHECK_STR(tt_str(d, "formacode/0/label"), "Boulangerie");
		CHECK_STR(tt_str(d, "formacode/1/code"), "21528");
		CHECK_STR(tt_str(d, "formacode/1/label"), "Pâtisserie");
		CHECK_INT(json_array_size(tt_get(d, "certifiers")), 2);
		CHECK_STR(tt_str(d, "certifiers/1/siret"), "31504294500032");
		CHECK_STR(tt_str(d, "certifiers/1/name"),
			"INSTITUT NATIONAL BOULANGERIE PATISSERIE");
		CHECK_INT(json_array_size(tt_get(d, "conventions")), 1);
		CHECK_STR(tt_str(d, "conventions/0"),
			"3117 - Boulangerie-pâtisserie (Entreprises artisanales)");
		CHECK_STR(tt_str(d, "legal/decision_date"), "2022-09-29");
		CHECK_STR(tt_str(d, "legal/registration_end"), "2025-09-29");
		CHECK_STR(tt_str(d, "notes"),
			"Validation partielle de la certification : non.");
		CHECK_INT(tt_bool(d, "access_routes/continuing"), 1);
		CHECK_INT(tt_bool(d, "access_routes/vae"), 1);
		CHECK_INT(tt_bool(d, "access_routes/professionalisation"), 1);
		CHECK_INT(tt_bool(d, "access_routes/student"), 0);
		CHECK_INT(tt_bool(d, "access_routes/individual"), 0);
		CHECK_STR(tt_str(d, "previous/0"), "RNCP19468");
		CHECK_INT(json_array_size(tt_get(d, "next")), 0);
		CHECK_STR(tt_str(d, "nsf/0/code"), "221");
		CHECK_INT(json_array_size(tt_get(d, "rome")), 0);
	}

	d = tt_find(f, "RNCP1197");
	CHECK(d != NULL);
	if (d) {
		/* No line in VoixdAccès: the routes are unknown. */
		CHECK_INT(tt_bool(d, "access_routes/vae"), -1);
		CHECK_INT(tt_bool(d, "access_routes/student"), -1);
		CHECK_STR(tt_str(d, "title"), "Technico-commercial pour "
			"l'agro-alimentaire (Fiche incomplète)");
		CHECK_STR(tt_str(d, "next/0"), "RNCP4049");
	}
	d = tt_find(f, "RNCP19468");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(tt_str(d, "level"), "REPRISE");
		CHECK_STR(tt_str(d, "level_label"), "Sans niveau \xE2\x80\x93 le "
			"positionnement dans le cadre de national des "
			"certifications professionnelles est non déterminé");
		CHECK_INT(json_array_size(tt_get(d, "rome")), 2);
	}
	d = tt_find(f, "RS5000");
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(json_array_size(tt_get(d, "nsf")), 2);
		CHECK_STR(tt_str(d, "nsf/1/code"), "114b");
		CHECK_STR(tt_str(d, "nsf/1/label"), "Modèles mathématiques ; "
			"Informatique mathématique");
		CHECK_STR(tt_str(d, "formacode/0/label"), "Blockchain");
		CHECK_STR(tt_str(d, "certifiers/0/name"), "SIMPLON.CO");
	}
}

TEST(sample_folder)
{
	struct tt_fiches f;
	struct import_error err;

	CHECK_INT(run(SAMPLE, &f, &err), 0);
	check_sample_docs(&f);
	CHECK_STR(tt_str(f.docs, "0/sources/0"), "Export RNCP de France "
		"compétences, CSV");
	json_decref(f.docs);
	CHECK_INT(tt_count_entries(scratch_dir), 0);
}

/* Builds a zip of the sample in dir, members under `prefix`. */
static const char *make_zip(const char *dir, const char *prefix)
{
	static char p[512];
	zip_t *z;
	int e = 0;

	snprintf(p, sizeof p, "%s/export-fiches-csv-2024-02-22.zip", dir);
	z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &e);
	if (!z)
		return NULL;
	for (int i = 0; kinds[i]; i++) {
		char name[256];
		zip_source_t *s = zip_source_file(z, sample_file(kinds[i]), 0,
			-1);
		snprintf(name, sizeof name, "%sexport_fiches_CSV_%s" DATE,
			prefix, kinds[i]);
		if (!s || zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(s);
			zip_discard(z);
			return NULL;
		}
	}
	if (zip_close(z)) {
		zip_discard(z);
		return NULL;
	}
	return p;
}

TEST(sample_zip_gives_the_same_documents)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches a, b;
	struct import_error err;
	const char *zp = make_zip(dir, "");
	char *da, *db;

	CHECK(zp != NULL);
	CHECK_INT(rncp_detect(zp), RNCP_CSV_ZIP);
	CHECK_INT(run(zp, &b, &err), 0);
	check_sample_docs(&b);
	CHECK_STR(tt_str(b.docs, "0/sources/0"), "Export RNCP de France "
		"compétences, CSV");
	CHECK_INT(run(SAMPLE, &a, &err), 0);
	/* Same documents but for the source name. */
	for (size_t i = 0; i < json_array_size(a.docs); i++) {
		json_object_del(json_array_get(a.docs, i), "sources");
		json_object_del(json_array_get(b.docs, i), "sources");
	}
	da = json_dumps(a.docs, JSON_SORT_KEYS);
	db = json_dumps(b.docs, JSON_SORT_KEYS);
	CHECK_STR(da, db);
	free(da);
	free(db);
	json_decref(a.docs);
	json_decref(b.docs);

	/* Members in a sub-folder of the archive. */
	zp = make_zip(dir, "export/");
	CHECK_INT(run(zp, &b, &err), 0);
	check_sample_docs(&b);
	json_decref(b.docs);
	tt_rmtree(dir);
	free(dir);
	CHECK_INT(tt_count_entries(scratch_dir), 0);
}

/* File kinds with NFD accents and another date format. */
static const char *nfd_name(const char *kind)
{
	if (!strcmp(kind, "Blocs_De_Compétences"))
		return "Blocs_De_Compe\xCC\x81tences";
	if (!strcmp(kind, "VoixdAccès"))
		return "VoixdAcce\xCC\x80s";
	return kind;
}

TEST(nfd_file_names)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;

	copy_sample(dir, NULL, NULL, NULL, nfd_name);
	CHECK_INT(run(dir, &f, &err), 0);
	check_sample_docs(&f);
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
}

TEST(only_standard_is_required)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	size_t n;
	char *p = slurp(sample_file("Standard"), &n);

	tt_write(dir, "export_fiches_CSV_Standard_2024-03-01.csv", p, n);
	free(p);
	CHECK_INT(run(dir, &f, &err), 0);
	CHECK_INT(json_array_size(f.docs), 9);
	CHECK_INT(json_array_size(tt_get(tt_find(&f, "RNCP509"), "blocks")), 0);
	CHECK_INT(tt_bool(tt_find(&f, "RNCP509"), "access_routes/vae"), -1);
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
}

static const char bad_date_standard[] =
	"\"Id_Fiche\";\"Numero_Fiche\";\"Intitule\";\"Date_Effet\";\"Actif\"\r\n"
	"\"1\";\"RNCP509\";\"Un\";\"01/09/2025\";\"ACTIVE\"\r\n"
	"\"2\";\"RNCP4049\";\"Deux\";\"31/02/2024\";\"ACTIVE\"\r\n"
	"\"3\";\"RS6117\";\"Trois\";;\"ACTIVE\"\r\n";

TEST(invalid_date_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;

	copy_sample(dir, NULL, "Standard", bad_date_standard, NULL);
	CHECK_INT(run(dir, &f, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « export_fiches_CSV_Standard"
		DATE " », ligne 3, colonne « Date_Effet » : date invalide "
		"« 31/02/2024 » (JJ/MM/AAAA attendu)");
	CHECK_INT(err.line, 3);
	CHECK_STR(err.element, "Date_Effet");
	CHECK_STR(err.file, "export_fiches_CSV_Standard" DATE);
	CHECK_INT(json_array_size(f.docs), 1);
	CHECK_STR(tt_str(f.docs, "0/code"), "RNCP509");
	CHECK_STR(tt_str(f.docs, "0/legal/effective_date"), "2025-09-01");
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
	CHECK_INT(tt_count_entries(scratch_dir), 0);
}

TEST(invalid_utf8_in_auxiliary_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;
	static const char rome[] =
		"\"Numero_Fiche\";\"Codes_Rome_Code\";\"Codes_Rome_Libelle\"\r\n"
		"\"RNCP509\";\"I1203\";\"Maintenance des b\xE2timents\"\r\n";

	copy_sample(dir, NULL, "Rome", rome, NULL);
	CHECK_INT(run(dir, &f, &err), -1);
	CHECK_CONTAINS(err.message, "Fichier CSV « export_fiches_CSV_Rome"
		DATE " », ligne 2, colonne « Codes_Rome_Libelle » : texte non "
		"UTF-8");
	CHECK_INT(err.line, 2);
	CHECK_STR(err.element, "Codes_Rome_Libelle");
	/* Auxiliary files are read first: nothing was handed over. */
	CHECK_INT(json_array_size(f.docs), 0);
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
	CHECK_INT(tt_count_entries(scratch_dir), 0);
}

TEST(missing_or_doubled_files_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;

	copy_sample(dir, "Standard", NULL, NULL, NULL);
	CHECK_INT(run(dir, &f, &err), -1);
	CHECK_CONTAINS(err.message, "fichier Standard absent");
	json_decref(f.docs);
	tt_write_str(dir, "export_fiches_CSV_Nsf_2024_03_01.csv",
		"\"Numero_Fiche\";\"Nsf_Code\";\"Nsf_Intitule\"\r\n");
	CHECK_INT(run(dir, &f, &err), -1);
	CHECK_CONTAINS(err.message, "deux fichiers « Nsf »");
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);

	CHECK_INT(run("tests/data/rncp/skeleton-v4_1.xml", &f, &err), -1);
	CHECK_CONTAINS(err.message, "archive zip illisible");
	json_decref(f.docs);
	CHECK_INT(run("tests/data/rncp/absent", &f, &err), -1);
	CHECK_CONTAINS(err.message, "introuvable");
	json_decref(f.docs);
}

TEST(missing_column_refused)
{
	char *dir = tt_mkdtemp();
	struct tt_fiches f;
	struct import_error err;

	copy_sample(dir, NULL, "Nsf", "\"Numero_Fiche\";\"Code\"\r\n", NULL);
	CHECK_INT(run(dir, &f, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « export_fiches_CSV_Nsf" DATE
		" », ligne 1 : colonne « Nsf_Code » absente de l'en-tête");
	json_decref(f.docs);
	tt_rmtree(dir);
	free(dir);
}

static int scratch_seen;

/* Sink that looks for the scratch database among the open files: on
 * disk, in SQLITE_TMPDIR, already unlinked. */
static int look_for_scratch(void *arg, json_t *doc)
{
	char link[64], target[1024];
	(void)arg;
	(void)doc;
	for (int fd = 0; fd < 1024; fd++) {
		ssize_t n;
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, target, sizeof target - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (!strncmp(target, scratch_dir, strlen(scratch_dir)) &&
		    strstr(target, "(deleted)"))
			scratch_seen = 1;
	}
	return 0;
}

TEST(scratch_database_is_on_disk_and_unlinked)
{
	char *dir = tt_mkdtemp();
	struct import_error err;
	FILE *o;
	char path[512];

	/* A Rome file larger than the scratch page cache (8 MiB). */
	copy_sample(dir, "Rome", NULL, NULL, NULL);
	snprintf(path, sizeof path, "%s/export_fiches_CSV_Rome" DATE, dir);
	o = fopen(path, "w");
	fputs("\"Numero_Fiche\";\"Codes_Rome_Code\";\"Codes_Rome_Libelle\"\r\n",
		o);
	for (int i = 0; i < 120000; i++)
		fprintf(o, "\"RNCP%d\";\"H2913\";\"Soudage manuel et "
			"assemblage de structures m\xC3\xA9talliques\"\r\n",
			100000 + i);
	fclose(o);
	scratch_seen = 0;
	CHECK_INT(rncp_csv_import(dir, look_for_scratch, NULL, NULL, NULL,
		&err), 0);
	CHECK(scratch_seen);
	CHECK_INT(tt_count_entries(scratch_dir), 0);
	tt_rmtree(dir);
	free(dir);
}

static uint64_t last_done, last_total;

/* Progress: last call has done == total == bytes of the files read. */
static void on_progress(void *arg, uint64_t done, uint64_t total)
{
	(void)arg;
	last_done = done;
	last_total = total;
}

/* A sink that does nothing. */
static int ignore(void *arg, json_t *doc)
{
	(void)arg;
	(void)doc;
	return 0;
}

TEST(progress_and_detect)
{
	struct import_error err;
	uint64_t total = 0;
	struct stat st;

	for (int i = 0; kinds[i]; i++)
		if (strcmp(kinds[i], "Partenaires") &&
		    !stat(sample_file(kinds[i]), &st))
			total += (uint64_t)st.st_size;
	CHECK_INT(rncp_csv_import(SAMPLE, ignore, NULL, on_progress, NULL,
		&err), 0);
	CHECK_INT(last_total, total);
	CHECK_INT(last_done, total);
	CHECK_INT(rncp_detect(SAMPLE), RNCP_CSV_DIR);
	CHECK_INT(rncp_detect(sample_file("Standard")), RNCP_UNKNOWN);
}

/* Removes the scratch folder at exit (it must be empty by then). */
__attribute__((destructor)) static void drop_scratch_dir(void)
{
	if (scratch_dir) {
		tt_rmtree(scratch_dir);
		free(scratch_dir);
	}
}
