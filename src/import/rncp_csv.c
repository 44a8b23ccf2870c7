/*
** Import of the RNCP CSV export of France compétences: ten files joined
** on Numero_Fiche, read from the zip as published (members streamed with
** zip_fopen/zip_fread, never extracted) or from a folder holding them.
** Each fiche of the Standard file becomes a catalogue document
** (doc/catalogue-schema.md) handed to the sink.
**
** The join: a national export weighs hundreds of MB and its auxiliary
** files are not sorted like Standard, so neither holding them in memory
** nor a merge join is possible. Each auxiliary file is streamed into a
** scratch SQLite database (libsqlite3 is already a dependency), sorted and
** clustered on Numero_Fiche, then Standard is streamed and each fiche looks
** its rows up by that key: a disk-backed sort/join with a bounded page
** cache (8 MiB). The scratch database is SQLite's private temporary
** database (file name ""): a file created in SQLITE_TMPDIR or TMPDIR (else
** the system's temporary folder) that SQLite unlinks as soon as it is
** opened, so that nothing is left behind on any path, error or crash
** included.
**
** Files, matched by the kind in export_fiches_CSV_<Kind>_<date>.csv (case,
** accents in NFC or NFD, and the date suffix do not matter): Standard
** (required), Blocs_De_Compétences, Nsf, Rome, Formacode, Certificateurs,
** VoixdAccès, CCN, Ancienne_Nouvelle_Certification (optional), Partenaires
** (accepted, not read: the catalogue has no partner field).
**
** Mapping (file: column → document member):
**   Standard: Numero_Fiche → code, rncp, kind; Intitule → title;
**     Abrege_Libelle, Abrege_Intitule → abbreviation.code, .label;
**     Nomenclature_Europe_Niveau, _Intitule → level, level_label;
**     Accessible_Nouvelle_Caledonie, _Polynesie_Francaise → overseas;
**     Date_dernier_jo → legal.basis[] {"Dernière publication au Journal
**     officiel", date}; Date_Decision → legal.decision_date;
**     Date_Fin_Enregistrement → legal.registration_end; Date_Effet →
**     legal.effective_date; Date_De_Publication, Date_Limite_Delivrance
**     (when present) → legal.publication_date, .delivery_deadline;
**     Type_Enregistrement → legal.registration_type; Validation_Partielle
**     → a sentence in notes; Actif ACTIVE/INACTIVE → status
**     active/inactive. Dates JJ/MM/AAAA → YYYY-MM-DD, validated.
**   Blocs_De_Compétences: Bloc_Competences_Code, _Libelle → blocks[]
**     (sorted by the number of the BCnn suffix).
**   Nsf: Nsf_Code, Nsf_Intitule ("221w : label") → nsf[] {code, label}.
**   Rome: Codes_Rome_Code, Codes_Rome_Libelle → rome[] (the export doubles
**     apostrophes, "d''affaires": they are undoubled).
**   Formacode: Formacode_Code, Formacode_Libelle ("42872 : label").
**   Certificateurs: Siret_Certificateur (leading TAB dropped),
**     Nom_Certificateur → certifiers[].
**   VoixdAccès: Si_Jury labels → access_routes: a fiche with at least one
**     line has its listed routes true and the others false; a fiche with
**     none keeps null routes.
**   CCN: Ccn_<n>_Numero, Ccn_<n>_Libelle → conventions[] "3117 - label".
**   Ancienne_Nouvelle_Certification → previous[], next[].
** Errors name the file (zip member), its line and the column.
*/
#include "import/csv.h"
#include "import/import.h"
#include "util/errfr.h"
#include "import/import_int.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

/* French wording of a libzip error (libzip's own text is English). */
static const char *zip_error_fr(int code, int sys)
{
	switch (code) {
	case ZIP_ER_NOZIP: return "ce n'est pas une archive zip";
	case ZIP_ER_NOENT: case ZIP_ER_OPEN: return sys ? errno_fr(sys) : "fichier introuvable";
	case ZIP_ER_INCONS: return "archive zip incohérente ou tronquée";
	case ZIP_ER_READ: case ZIP_ER_SEEK: return "lecture impossible";
	case ZIP_ER_CRC: return "contrôle CRC faux : archive abîmée";
	case ZIP_ER_COMPNOTSUPP: return "méthode de compression non prise en charge";
	case ZIP_ER_ENCRNOTSUPP: case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD:
		return "archive chiffrée";
	case ZIP_ER_MEMORY: return "mémoire insuffisante";
	case ZIP_ER_ZLIB: return "données compressées invalides";
	default: return "archive zip illisible";
	}
}


enum kind {
	K_STANDARD, K_BLOCS, K_NSF, K_ROME, K_FORMACODE, K_CERTIFICATEURS,
	K_VOIES, K_CCN, K_ANC_NOUV, K_PARTENAIRES, K__MAX
};

/* Folded kind names; `prefix` also matches names whose accented letter
 * was lost (a zip storing names in an unknown code page). */
static const struct {
	const char *fold;
	const char *prefix;
	const char *label;
} kinds[K__MAX] = {
	{ "standard", NULL, "Standard" },
	{ "blocsdecompetences", "blocsdecomp", "Blocs_De_Compétences" },
	{ "nsf", NULL, "Nsf" },
	{ "rome", NULL, "Rome" },
	{ "formacode", NULL, "Formacode" },
	{ "certificateurs", NULL, "Certificateurs" },
	{ "voixdacces", "voixdacc", "VoixdAccès" },
	{ "ccn", NULL, "CCN" },
	{ "anciennenouvellecertification", NULL,
	  "Ancienne_Nouvelle_Certification" },
	{ "partenaires", NULL, "Partenaires" },
};

/* Columns loaded from each auxiliary file into a..f ("" ends). */
static const char *const aux_cols[K__MAX][6] = {
	[K_BLOCS] = { "Bloc_Competences_Code", "Bloc_Competences_Libelle" },
	[K_NSF] = { "Nsf_Code", "Nsf_Intitule" },
	[K_ROME] = { "Codes_Rome_Code", "Codes_Rome_Libelle" },
	[K_FORMACODE] = { "Formacode_Code", "Formacode_Libelle" },
	[K_CERTIFICATEURS] = { "Siret_Certificateur", "Nom_Certificateur" },
	[K_VOIES] = { "Si_Jury" },
	[K_CCN] = { "Ccn_1_Numero", "Ccn_1_Libelle", "Ccn_2_Numero",
		    "Ccn_2_Libelle", "Ccn_3_Numero", "Ccn_3_Libelle" },
	[K_ANC_NOUV] = { "Ancienne_Certification", "Nouvelle_Certification" },
};

static const char *route_key[6] = { "student", "apprenticeship",
	"continuing", "professionalisation", "individual", "vae" };

struct member {
	int present;
	char *name;        /* file or zip member name */
	char *path;        /* folder mode: full path */
	zip_int64_t index; /* zip mode */
	uint64_t size;
};

struct csv_ctx {
	const char *path;
	const char *base;
	zip_t *zip;
	struct member m[K__MAX];
	sqlite3 *db;
	sqlite3_stmt *ins, *sel;
	import_fiche_fn sink;
	void *sink_arg;
	import_progress_fn progress;
	void *progress_arg;
	uint64_t total, done_before, reported;
	struct import_error *err;
	struct buf tmp, tmp2;
};

/* One opened member: the read callback's argument. */
struct stream {
	FILE *f;
	zip_file_t *zf;
};

/* csv_read_fn over a zip member. */
static long zip_read(void *arg, char *buf, size_t n)
{
	struct stream *s = arg;
	zip_int64_t got = zip_fread(s->zf, buf, n);
	return got < 0 ? -1 : (long)got;
}

/* csv_read_fn over a file. */
static long file_read(void *arg, char *buf, size_t n)
{
	return csv_read_file(((struct stream *)arg)->f, buf, n);
}

/* Error about the export as a whole (not a line of a file). */
static void export_fail(struct csv_ctx *c, const char *file,
	const char *detail)
{
	import_err_set(c->err, file ? file : c->path, 0, "",
		"Export CSV RNCP « %s » : %s", c->base, detail);
}

/*
** The kind of a file name, or -1: basename "export_fiches_CSV_<Kind>
** [_<date>].csv", the part after "CSV_" folded and stripped of its date.
*/
static int name_kind(const char *name, struct buf *tmp)
{
	const char *b = import_basename(name), *k = b, *p;
	size_t n = strlen(b);
	char *s;

	if (n < 4 || strcasecmp(b + n - 4, ".csv"))
		return -1;
	for (p = b; *p; p++)
		if (!strncasecmp(p, "csv_", 4)) {
			k = p + 4;
			break;
		}
	s = xstrndup(k, (size_t)(b + n - 4 - k));
	n = strlen(s);
	while (n && ((s[n - 1] >= '0' && s[n - 1] <= '9') || s[n - 1] == '_' ||
		     s[n - 1] == '-' || s[n - 1] == ' '))
		s[--n] = '\0';
	import_fold(s, tmp);
	free(s);
	for (int i = 0; i < K__MAX; i++)
		if (!strcmp(buf_str(tmp), kinds[i].fold))
			return i;
	for (int i = 0; i < K__MAX; i++)
		if (kinds[i].prefix && !strncmp(buf_str(tmp), kinds[i].prefix,
				strlen(kinds[i].prefix)))
			return i;
	return -1;
}

/* Records a member of kind k; two of the same kind is an error. */
static int add_member(struct csv_ctx *c, const char *name, const char *path,
	zip_int64_t index, uint64_t size)
{
	int k = name_kind(name, &c->tmp);
	char msg[400];

	if (k < 0)
		return 0;
	if (c->m[k].present) {
		snprintf(msg, sizeof msg, "deux fichiers « %s » : « %s » et "
			"« %s »", kinds[k].label,
			import_basename(c->m[k].name), import_basename(name));
		export_fail(c, name, msg);
		return -1;
	}
	c->m[k].present = 1;
	c->m[k].name = xstrdup(name);
	c->m[k].path = xstrdup(path);
	c->m[k].index = index;
	c->m[k].size = size;
	return 0;
}

/* Lists the zip's members. */
static int scan_zip(struct csv_ctx *c)
{
	int zerr = 0;
	zip_int64_t n;
	zip_error_t ze;
	char msg[300];

	c->zip = zip_open(c->path, ZIP_RDONLY, &zerr);
	if (!c->zip) {
		zip_error_init_with_code(&ze, zerr);
		snprintf(msg, sizeof msg, "archive zip illisible (%s)",
			zip_error_fr(zerr, zip_error_code_system(&ze)));
		zip_error_fini(&ze);
		export_fail(c, NULL, msg);
		return -1;
	}
	n = zip_get_num_entries(c->zip, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(c->zip, (zip_uint64_t)i,
			ZIP_FL_ENC_GUESS);
		zip_stat_t st;

		if (!name || !*name || name[strlen(name) - 1] == '/')
			continue;
		zip_stat_init(&st);
		if (zip_stat_index(c->zip, (zip_uint64_t)i, 0, &st))
			continue;
		if (add_member(c, name, NULL, i,
				(st.valid & ZIP_STAT_SIZE) ? st.size : 0))
			return -1;
	}
	return 0;
}

/* Lists the folder's files. */
static int scan_dir(struct csv_ctx *c)
{
	DIR *d = opendir(c->path);
	struct dirent *e;
	struct buf p = BUF_INIT;
	char msg[300];
	int rc = 0;

	if (!d) {
		snprintf(msg, sizeof msg, "dossier illisible (%s)",
			errno_fr(errno));
		export_fail(c, NULL, msg);
		return -1;
	}
	while (!rc && (e = readdir(d)) != NULL) {
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", c->path, e->d_name);
		if (stat(buf_str(&p), &st) || !S_ISREG(st.st_mode))
			continue;
		rc = add_member(c, e->d_name, buf_str(&p), -1,
			(uint64_t)st.st_size);
	}
	closedir(d);
	buf_release(&p);
	return rc;
}

/* Opens member k for reading. */
static int open_member(struct csv_ctx *c, int k, struct stream *s)
{
	char msg[400];

	memset(s, 0, sizeof *s);
	if (c->zip) {
		s->zf = zip_fopen_index(c->zip, (zip_uint64_t)c->m[k].index, 0);
		if (!s->zf) {
			snprintf(msg, sizeof msg, "membre « %s » illisible (%s)",
				c->m[k].name, zip_error_fr(zip_error_code_zip(zip_get_error(c->zip)),
				zip_error_code_system(zip_get_error(c->zip))));
			export_fail(c, c->m[k].name, msg);
			return -1;
		}
	} else {
		s->f = fopen(c->m[k].path, "rb");
		if (!s->f) {
			snprintf(msg, sizeof msg, "fichier « %s » illisible (%s)",
				c->m[k].name, errno_fr(errno));
			export_fail(c, c->m[k].name, msg);
			return -1;
		}
	}
	return 0;
}

/* Closes what open_member() opened. */
static void close_member(struct stream *s)
{
	if (s->zf)
		zip_fclose(s->zf);
	if (s->f)
		fclose(s->f);
}

/* A reader over an opened member (errors name the member). */
static struct csv_reader *member_reader(struct csv_ctx *c, int k,
	struct stream *s)
{
	struct csv_options o;

	memset(&o, 0, sizeof o);
	o.sep = ';';
	o.strip_tab = 1;
	return csv_open(c->zip ? zip_read : file_read, s, c->m[k].name, &o);
}

/* Progress after reading from the current file. */
static void progress(struct csv_ctx *c, struct csv_reader *r, int force)
{
	uint64_t done;

	if (!c->progress)
		return;
	done = c->done_before + (r ? csv_bytes(r) : 0);
	if (force || done - c->reported >= ((uint64_t)1 << 20)) {
		c->reported = done;
		c->progress(c->progress_arg, done, c->total);
	}
}

/* An SQLite failure (disk full, …) reported as an error of file k. */
static void db_fail(struct csv_ctx *c, int k)
{
	char msg[400];

	snprintf(msg, sizeof msg, "base de travail temporaire : %s "
		"(fichier « %s »)", sqlite3_errmsg(c->db),
		k >= 0 ? kinds[k].label : "");
	export_fail(c, k >= 0 ? c->m[k].name : NULL, msg);
}

/* Opens the scratch database and prepares the statements. */
static int open_db(struct csv_ctx *c)
{
	static const char *setup =
		"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
		"PRAGMA temp_store=FILE; PRAGMA cache_size=-8192;"
		"CREATE TABLE aux(kind INTEGER, fiche TEXT, num INTEGER,"
		" line INTEGER, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT,"
		" f TEXT);";

	/* "": a private on-disk temporary database, deleted by SQLite. */
	if (sqlite3_open_v2("", &c->db, SQLITE_OPEN_READWRITE |
			SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(c->db, setup, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO aux VALUES"
			"(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", -1, &c->ins,
			NULL) != SQLITE_OK) {
		db_fail(c, -1);
		return -1;
	}
	return 0;
}

/* Label of a Si_Jury line → route index, or -1 when unknown. */
static int route_of(const char *label, struct buf *tmp)
{
	const char *f;

	import_fold(label, tmp);
	f = buf_str(tmp);
	if (strstr(f, "experience"))
		return 5;
	if (strstr(f, "candidatureindividuelle"))
		return 4;
	if (strstr(f, "professionnalisation"))
		return 3;
	if (strstr(f, "apprentissage"))
		return 1;
	if (strstr(f, "eleve") || strstr(f, "etudiant"))
		return 0;
	if (strstr(f, "formationcontinue"))
		return 2;
	return -1;
}

/* Streams auxiliary file k into the scratch table. */
static int load_aux(struct csv_ctx *c, int k)
{
	struct stream s;
	struct csv_reader *r = NULL;
	int col[6], colf, rc = -1, ret, ncol = 0;

	if (open_member(c, k, &s))
		return -1;
	r = member_reader(c, k, &s);
	if (csv_header(r, c->err))
		goto out;
	colf = csv_col(r, "Numero_Fiche");
	if (colf < 0) {
		csv_fail(r, c->err, -1, "colonne « Numero_Fiche » absente de "
			"l'en-tête");
		goto out;
	}
	for (int i = 0; i < 6; i++) {
		col[i] = -1;
		if (!aux_cols[k][i])
			continue;
		col[i] = csv_col(r, aux_cols[k][i]);
		ncol = i + 1;
		/* The first column is what the file is about: required. */
		if (col[i] < 0 && i == 0) {
			csv_fail(r, c->err, -1, "colonne « %s » absente de "
				"l'en-tête", aux_cols[k][i]);
			goto out;
		}
	}
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(c, k);
		goto out;
	}
	while ((ret = csv_next(r, c->err)) == 1) {
		const char *fiche = csv_field(r, (size_t)colf);
		long num = 0;

		if (!*fiche)
			continue;
		if (k == K_BLOCS) {
			num = import_block_number(csv_field(r, (size_t)col[0]));
			if (num < 0)
				num = 1000000;
		} else if (k == K_VOIES) {
			num = route_of(csv_field(r, (size_t)col[0]), &c->tmp);
		}
		sqlite3_reset(c->ins);
		sqlite3_bind_int(c->ins, 1, k);
		sqlite3_bind_text(c->ins, 2, fiche, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(c->ins, 3, num);
		sqlite3_bind_int64(c->ins, 4, csv_line(r));
		for (int i = 0; i < 6; i++) {
			if (i < ncol && col[i] >= 0)
				sqlite3_bind_text(c->ins, 5 + i,
					csv_field(r, (size_t)col[i]), -1,
					SQLITE_TRANSIENT);
			else
				sqlite3_bind_text(c->ins, 5 + i, "", 0,
					SQLITE_STATIC);
		}
		if (sqlite3_step(c->ins) != SQLITE_DONE) {
			db_fail(c, k);
			goto out;
		}
		progress(c, r, 0);
	}
	if (ret < 0)
		goto out;
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(c, k);
		goto out;
	}
	c->done_before += csv_bytes(r);
	rc = 0;
out:
	csv_close(r);
	close_member(&s);
	return rc;
}

/* The part of "code : label" after " : " when it starts with code. */
static const char *after_code(const char *code, const char *label)
{
	size_t n = strlen(code);

	if (n && !strncmp(label, code, n) && !strncmp(label + n, " : ", 3))
		return label + n + 3;
	return label;
}

/* Cleaned copy of s (whitespace normalised) in c->tmp. */
static const char *clean(struct csv_ctx *c, const char *s)
{
	import_text_clean(s, strlen(s), &c->tmp);
	return buf_str(&c->tmp);
}

/* A {code,label} entry appended to arr. */
static void add_code_label(struct csv_ctx *c, json_t *arr, const char *code,
	const char *label)
{
	json_t *o = json_object();

	import_set_str(o, "code", clean(c, code));
	import_set_str(o, "label", clean(c, label));
	json_array_append_new(arr, o);
}

/* Appends s to arr unless empty or already there. */
static void add_unique(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	if (!*s)
		return;
	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(v), s))
			return;
	json_array_append_new(arr, json_string(s));
}

/* Error on a joined row: names the auxiliary file and its line. */
static void aux_fail(struct csv_ctx *c, int k, long line, const char *fiche,
	const char *detail)
{
	import_err_set(c->err, c->m[k].name, line, "Numero_Fiche",
		"Fichier CSV « %s », ligne %ld, colonne « Numero_Fiche » : "
		"fiche %s : %s", import_basename(c->m[k].name), line, fiche,
		detail);
}

/* Fills doc with the auxiliary rows of fiche. */
static int join_aux(struct csv_ctx *c, const char *fiche, json_t *doc)
{
	size_t counts[K__MAX] = { 0 };
	int voies = 0, rc;
	json_t *routes = json_object_get(doc, "access_routes");

	sqlite3_reset(c->sel);
	sqlite3_bind_text(c->sel, 1, fiche, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(c->sel)) == SQLITE_ROW) {
		int k = sqlite3_column_int(c->sel, 0);
		long num = (long)sqlite3_column_int64(c->sel, 1);
		long line = (long)sqlite3_column_int64(c->sel, 2);
		const char *v[6];
		size_t max = k == K_BLOCS ? IMPORT_MAX_BLOCKS : IMPORT_MAX_CODES;
		json_t *o;
		char msg[128];

		if (k < 0 || k >= K__MAX)
			continue;
		for (int i = 0; i < 6; i++) {
			const unsigned char *t = sqlite3_column_text(c->sel,
				3 + i);
			v[i] = t ? (const char *)t : "";
		}
		if (++counts[k] > max) {
			snprintf(msg, sizeof msg, "plus de %zu lignes dans ce "
				"fichier pour une même fiche", max);
			aux_fail(c, k, line, fiche, msg);
			return -1;
		}
		switch (k) {
		case K_BLOCS:
			o = import_block_new();
			import_set_str(o, "code", clean(c, v[0]));
			json_object_set_new(o, "number", num < 1000000 ?
				json_integer(num) : json_null());
			import_set_str(o, "title", clean(c, v[1]));
			json_array_append_new(json_object_get(doc, "blocks"), o);
			break;
		case K_NSF:
			add_code_label(c, json_object_get(doc, "nsf"), v[0],
				after_code(v[0], v[1]));
			break;
		case K_FORMACODE:
			add_code_label(c, json_object_get(doc, "formacode"),
				v[0], after_code(v[0], v[1]));
			break;
		case K_ROME: {
			/* Undo the doubled apostrophes of the export. */
			struct buf *b = &c->tmp2;
			buf_reset(b);
			for (const char *p = v[1]; *p; p++) {
				buf_putc(b, *p);
				if (p[0] == '\'' && p[1] == '\'')
					p++;
			}
			add_code_label(c, json_object_get(doc, "rome"), v[0],
				buf_str(b));
			break;
		}
		case K_CERTIFICATEURS:
			o = json_object();
			import_set_str(o, "siret", clean(c, v[0]));
			import_set_str(o, "name", clean(c, v[1]));
			json_array_append_new(json_object_get(doc, "certifiers"),
				o);
			break;
		case K_VOIES:
			if (!voies) {
				voies = 1;
				for (int i = 0; i < 6; i++)
					json_object_set_new(routes, route_key[i],
						json_false());
			}
			if (num >= 0 && num < 6)
				json_object_set_new(routes, route_key[num],
					json_true());
			break;
		case K_CCN:
			for (int i = 0; i < 6; i += 2) {
				struct buf *b = &c->tmp2;
				if (!*v[i])
					continue;
				buf_reset(b);
				buf_printf(b, "%s - %s", v[i], v[i + 1]);
				add_unique(json_object_get(doc, "conventions"),
					clean(c, buf_str(b)));
			}
			break;
		case K_ANC_NOUV:
			add_unique(json_object_get(doc, "previous"),
				clean(c, v[0]));
			add_unique(json_object_get(doc, "next"), clean(c, v[1]));
			break;
		default:
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		db_fail(c, -1);
		return -1;
	}
	return 0;
}

/* Column indexes of the Standard file. */
enum std_col {
	S_NUMERO, S_INTITULE, S_ABREGE_CODE, S_ABREGE_LABEL, S_NIVEAU,
	S_NIVEAU_LABEL, S_NC, S_PF, S_DERNIER_JO, S_DECISION, S_FIN, S_EFFET,
	S_PUBLICATION, S_LIMITE, S_TYPE, S_PARTIELLE, S_ACTIF, S__MAX
};

static const char *std_names[S__MAX] = {
	"Numero_Fiche", "Intitule", "Abrege_Libelle", "Abrege_Intitule",
	"Nomenclature_Europe_Niveau", "Nomenclature_Europe_Intitule",
	"Accessible_Nouvelle_Caledonie", "Accessible_Polynesie_Francaise",
	"Date_dernier_jo", "Date_Decision", "Date_Fin_Enregistrement",
	"Date_Effet", "Date_De_Publication", "Date_Limite_Delivrance",
	"Type_Enregistrement", "Validation_Partielle", "Actif",
};

/* Cell of Standard column i ("" when the column is absent). */
static const char *std_cell(struct csv_reader *r, const int *col, int i)
{
	return col[i] >= 0 ? csv_field(r, (size_t)col[i]) : "";
}

/*
** Date of Standard column i in ISO form into iso ("" when the cell is
** empty); -1 with the error when it is not a real JJ/MM/AAAA date.
*/
static int std_date(struct csv_ctx *c, struct csv_reader *r, const int *col,
	int i, char iso[11])
{
	const char *s = clean(c, std_cell(r, col, i));

	iso[0] = '\0';
	if (!*s)
		return 0;
	if (import_date_iso(s, iso)) {
		csv_fail(r, c->err, col[i], "date invalide « %.40s » "
			"(JJ/MM/AAAA attendu)", s);
		return -1;
	}
	return 0;
}

/* Dates of the Standard file and the legal member each one fills. */
static const struct { int col; const char *key; } std_dates[] = {
	{ S_DECISION, "decision_date" },
	{ S_FIN, "registration_end" },
	{ S_EFFET, "effective_date" },
	{ S_PUBLICATION, "publication_date" },
	{ S_LIMITE, "delivery_deadline" },
};

/* Builds the document of the current Standard row (NULL on error). */
static json_t *std_doc(struct csv_ctx *c, struct csv_reader *r,
	const int *col)
{
	json_t *d = import_doc_new(), *legal = json_object_get(d, "legal");
	json_t *o;
	const char *s, *kind;
	char src[400], iso[11];
	int yn;

	s = clean(c, std_cell(r, col, S_NUMERO));
	if (!import_fiche_number(s, &kind)) {
		csv_fail(r, c->err, col[S_NUMERO], "numéro de fiche invalide "
			"« %.40s » (RNCP… ou RS… attendu)", s);
		goto fail;
	}
	import_set_str(d, "code", s);
	import_set_str(d, "rncp", s);
	import_set_str(d, "kind", kind);
	import_set_str(d, "title", clean(c, std_cell(r, col, S_INTITULE)));
	o = json_object_get(d, "abbreviation");
	import_set_str(o, "code", clean(c, std_cell(r, col, S_ABREGE_CODE)));
	import_set_str(o, "label", clean(c, std_cell(r, col, S_ABREGE_LABEL)));
	import_set_str(d, "level", clean(c, std_cell(r, col, S_NIVEAU)));
	import_set_str(d, "level_label",
		clean(c, std_cell(r, col, S_NIVEAU_LABEL)));
	o = json_object_get(d, "overseas");
	if ((yn = import_yes_no(std_cell(r, col, S_NC))) >= 0)
		json_object_set_new(o, "nouvelle_caledonie", json_boolean(yn));
	if ((yn = import_yes_no(std_cell(r, col, S_PF))) >= 0)
		json_object_set_new(o, "polynesie_francaise", json_boolean(yn));
	if (std_date(c, r, col, S_DERNIER_JO, iso))
		goto fail;
	if (*iso) {
		o = json_object();
		json_object_set_new(o, "title", json_string("Dernière "
			"publication au Journal officiel"));
		json_object_set_new(o, "date", json_string(iso));
		json_array_append_new(json_object_get(legal, "basis"), o);
	}
	for (size_t i = 0; i < sizeof std_dates / sizeof std_dates[0]; i++) {
		if (std_date(c, r, col, std_dates[i].col, iso))
			goto fail;
		if (*iso)
			import_set_str(legal, std_dates[i].key, iso);
	}
	import_set_str(legal, "registration_type",
		clean(c, std_cell(r, col, S_TYPE)));
	yn = import_yes_no(std_cell(r, col, S_PARTIELLE));
	if (yn >= 0)
		import_set_str(d, "notes", yn ? "Validation partielle de la "
			"certification : oui." : "Validation partielle de la "
			"certification : non.");
	s = clean(c, std_cell(r, col, S_ACTIF));
	if (!strcasecmp(s, "ACTIVE"))
		import_set_str(d, "status", "active");
	else if (!strcasecmp(s, "INACTIVE"))
		import_set_str(d, "status", "inactive");
	/* the file name is not part of the document: the same fiche in a
	** renamed file must hash the same (re-import changes nothing); the
	** version record keeps the file name */
	snprintf(src, sizeof src, "Export RNCP de France compétences, CSV");
	json_array_append_new(json_object_get(d, "sources"), json_string(src));
	return d;
fail:
	json_decref(d);
	return NULL;
}

/* Streams Standard: one document per row, joined, handed to the sink. */
static int run_standard(struct csv_ctx *c)
{
	struct stream s;
	struct csv_reader *r;
	int col[S__MAX], rc = -1, ret;

	if (open_member(c, K_STANDARD, &s))
		return -1;
	r = member_reader(c, K_STANDARD, &s);
	if (csv_header(r, c->err))
		goto out;
	for (int i = 0; i < S__MAX; i++)
		col[i] = csv_col(r, std_names[i]);
	if (col[S_NUMERO] < 0) {
		csv_fail(r, c->err, -1, "colonne « Numero_Fiche » absente de "
			"l'en-tête");
		goto out;
	}
	while ((ret = csv_next(r, c->err)) == 1) {
		json_t *doc = std_doc(c, r, col);
		int src;

		if (!doc)
			goto out;
		if (join_aux(c, json_string_value(json_object_get(doc, "code")),
				doc)) {
			json_decref(doc);
			goto out;
		}
		src = c->sink(c->sink_arg, doc);
		json_decref(doc);
		if (src) {
			rc = src;
			goto out;
		}
		progress(c, r, 0);
	}
	if (ret < 0)
		goto out;
	c->done_before += csv_bytes(r);
	rc = 0;
out:
	csv_close(r);
	close_member(&s);
	return rc;
}

/* See import.h. */
int rncp_csv_import(const char *path, import_fiche_fn sink, void *sink_arg,
	import_progress_fn progress_fn, void *progress_arg,
	struct import_error *err)
{
	struct csv_ctx c;
	struct stat st;
	int rc = -1;

	memset(&c, 0, sizeof c);
	c.path = path;
	c.base = import_basename(path);
	c.sink = sink;
	c.sink_arg = sink_arg;
	c.progress = progress_fn;
	c.progress_arg = progress_arg;
	c.err = err;
	buf_init(&c.tmp, 0);
	buf_init(&c.tmp2, 0);
	if (err)
		memset(err, 0, sizeof *err);

	if (stat(path, &st)) {
		import_err_set(err, path, 0, "", "Export CSV RNCP « %s » "
			"introuvable : %s", c.base, errno_fr(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode) ? scan_dir(&c) : scan_zip(&c))
		goto out;
	if (!c.m[K_STANDARD].present) {
		export_fail(&c, NULL, "fichier Standard absent "
			"(export_fiches_CSV_Standard_<date>.csv attendu)");
		goto out;
	}
	for (int k = 0; k < K__MAX; k++)
		if (c.m[k].present && k != K_PARTENAIRES)
			c.total += c.m[k].size;
	if (open_db(&c))
		goto out;
	for (int k = 0; k < K__MAX; k++)
		if (k != K_STANDARD && k != K_PARTENAIRES && c.m[k].present &&
		    load_aux(&c, k))
			goto out;
	/* The rows, sorted once (an external merge sort in the scratch
	 * file), go into a table clustered on the fiche number: the rows of
	 * a fiche then sit together, found by one B-tree descent and read
	 * from adjacent pages, whatever the order of Standard. The rowid
	 * keeps the file order of rows of the same kind and number. */
	if (sqlite3_exec(c.db, "CREATE TABLE j(fiche TEXT, kind INTEGER, "
			"num INTEGER, seq INTEGER, line INTEGER, a TEXT, b TEXT,"
			" c TEXT, d TEXT, e TEXT, f TEXT, PRIMARY KEY(fiche, "
			"kind, num, seq)) WITHOUT ROWID;"
			"INSERT INTO j SELECT fiche, kind, num, rowid, line, a, "
			"b, c, d, e, f FROM aux ORDER BY fiche, kind, num, rowid;"
			"DROP TABLE aux;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c.db, "SELECT kind, num, line, a, b, c, d, e, "
			"f FROM j WHERE fiche = ?1 ORDER BY kind, num, seq",
			-1, &c.sel, NULL) != SQLITE_OK) {
		db_fail(&c, -1);
		goto out;
	}
	rc = run_standard(&c);
	if (rc == 0 && progress_fn) {
		c.reported = 0;
		progress(&c, NULL, 1);
	}
out:
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.sel);
	if (c.db)
		sqlite3_close(c.db);
	if (c.zip)
		zip_discard(c.zip);
	for (int k = 0; k < K__MAX; k++) {
		free(c.m[k].name);
		free(c.m[k].path);
	}
	buf_release(&c.tmp);
	buf_release(&c.tmp2);
	return rc;
}
