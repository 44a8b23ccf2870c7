/*
** Tests of the streaming CSV reader (csv.h) and of the shared helpers of
** the importers (import_int.h: dates, UTF-8, text cleaning, folding).
*/
#include "import/csv.h"
#include "import/import_int.h"
#include "t.h"
#include <stdlib.h>

/* A csv_read_fn over a string, `step` bytes at most per call. */
struct mem_in {
	const char *s;
	size_t len, pos, step;
};

/* See struct mem_in. */
static long mem_read(void *arg, char *buf, size_t n)
{
	struct mem_in *m = arg;
	size_t k = m->len - m->pos;

	if (k > n)
		k = n;
	if (m->step && k > m->step)
		k = m->step;
	memcpy(buf, m->s + m->pos, k);
	m->pos += k;
	return (long)k;
}

/* Reader over s (n bytes) with options o (NULL: defaults). */
static struct csv_reader *open_mem(struct mem_in *m, const char *s, size_t n,
	size_t step, const struct csv_options *o)
{
	m->s = s;
	m->len = n;
	m->pos = 0;
	m->step = step;
	return csv_open(mem_read, m, "essai.csv", o);
}

static const char sample[] =
	"\xEF\xBB\xBF\"Numero_Fiche\";\"Siret\";\"Libelle\"\r\n"
	"\"RNCP1\";\"\t11004301500012\";\"Dit \"\"le grand\"\"\"\r\n"
	"\r\n"
	"\"RS2\";;\"sur\r\ndeux lignes\"\r\n"
	"RNCP3;x;sans guillemets\n"
	"RNCP4;y\n";

/* Reads the sample with reads of `step` bytes and checks every cell. */
static void check_sample(size_t step)
{
	struct mem_in m;
	struct csv_options o = { .strip_tab = 1 };
	struct csv_reader *r = open_mem(&m, sample, sizeof sample - 1, step, &o);
	struct import_error err;

	CHECK_INT(csv_header(r, &err), 0);
	CHECK_INT(csv_ncols(r), 3);
	CHECK_STR(csv_col_name(r, 0), "Numero_Fiche");
	CHECK_INT(csv_col(r, "Libelle"), 2);
	CHECK_INT(csv_col(r, "libelle"), 2);
	CHECK_INT(csv_col(r, "Absente"), -1);

	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_line(r), 2);
	CHECK_STR(csv_field(r, 0), "RNCP1");
	CHECK_STR(csv_field(r, 1), "11004301500012");
	CHECK_STR(csv_field(r, 2), "Dit \"le grand\"");

	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_line(r), 4);
	CHECK_STR(csv_field(r, 0), "RS2");
	CHECK_STR(csv_field(r, 1), "");
	CHECK_STR(csv_field(r, 2), "sur\ndeux lignes");

	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_line(r), 6);
	CHECK_STR(csv_field(r, 2), "sans guillemets");

	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_nfields(r), 2);
	CHECK_STR(csv_field(r, 1), "y");
	CHECK_STR(csv_field(r, 2), "");
	CHECK_INT(csv_field_len(r, 2), 0);

	CHECK_INT(csv_next(r, &err), 0);
	CHECK_INT(csv_bytes(r), sizeof sample - 1);
	csv_close(r);
}

TEST(csv_reads_rfc4180)
{
	check_sample(0);
}

TEST(csv_reads_byte_by_byte)
{
	check_sample(1);
	check_sample(2);
	check_sample(1000);
}

TEST(csv_separator_and_comments)
{
	static const char s[] = "# commentaire ; avec \"guillemet\n"
		"code,libelle\n# encore\n\"A1101\",\"Conducteur, agricole\"\n";
	struct mem_in m;
	struct csv_options o = { .sep = ',', .comment = '#' };
	struct csv_reader *r = open_mem(&m, s, sizeof s - 1, 0, &o);
	struct import_error err;

	CHECK_INT(csv_header(r, &err), 0);
	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_line(r), 4);
	CHECK_STR(csv_field(r, 1), "Conducteur, agricole");
	CHECK_INT(csv_next(r, &err), 0);
	csv_close(r);
}

TEST(csv_rest_in_last_column)
{
	static const char s[] = "code;kind;libelle\n"
		"227;groupe;Energie (hydraulique ; utilités ; froid)\n";
	struct mem_in m;
	struct csv_options o = { .rest_in_last = 1 };
	struct csv_reader *r = open_mem(&m, s, sizeof s - 1, 0, &o);
	struct import_error err;

	CHECK_INT(csv_header(r, &err), 0);
	CHECK_INT(csv_next(r, &err), 1);
	CHECK_INT(csv_nfields(r), 3);
	CHECK_STR(csv_field(r, 2), "Energie (hydraulique ; utilités ; froid)");
	csv_close(r);
}

/* Reads s until an error; returns err (static) and the csv_next value. */
static int read_all(const char *s, const struct csv_options *o,
	struct import_error *err)
{
	struct mem_in m;
	struct csv_reader *r = open_mem(&m, s, strlen(s), 0, o);
	int rc = csv_header(r, err);

	while (rc == 0 && (rc = csv_next(r, err)) == 1)
		rc = 0;
	csv_close(r);
	return rc;
}

TEST(csv_invalid_utf8_names_line_and_column)
{
	struct import_error err;

	CHECK_INT(read_all("a;Intitule\nx;ok\ny;Agent v\xE9rificateur\n", NULL,
		&err), -1);
	CHECK_STR(err.message, "Fichier CSV « essai.csv », ligne 3, colonne "
		"« Intitule » : texte non UTF-8 (octet 0xE9 en position 8 de la "
		"cellule)");
	CHECK_INT(err.line, 3);
	CHECK_STR(err.element, "Intitule");
	CHECK_STR(err.file, "essai.csv");
	/* Overlong form and surrogate. */
	CHECK_INT(read_all("a\n\xC0\xAF\n", NULL, &err), -1);
	CHECK_INT(read_all("a\n\xED\xA0\x80\n", NULL, &err), -1);
	/* A NUL byte is not text either. */
	CHECK_INT(read_all("a\nb\0c\n", NULL, &err), 0); /* strlen stops */
}

TEST(csv_limits)
{
	struct import_error err;
	struct csv_options o = { .max_cell = 8 };
	struct csv_options o2 = { .max_columns = 3 };
	struct csv_options o3 = { .max_line = 10 };

	CHECK_INT(read_all("a;Libelle\nx;\"123456789\"\n", &o, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « essai.csv », ligne 2, colonne "
		"« Libelle » : cellule trop longue (plus de 8 octets)");
	CHECK_INT(read_all("a;b;c;d\n", &o2, &err), -1);
	CHECK_CONTAINS(err.message, "ligne 1 : plus de 3 colonnes");
	CHECK_INT(read_all("a;b\n12345;67890123\n", &o3, &err), -1);
	CHECK_CONTAINS(err.message, "ligne 2 : ligne trop longue");
	/* Default cell limit: IMPORT_MAX_TEXT. */
	{
		size_t n = IMPORT_MAX_TEXT + 16;
		char *s = malloc(n + 8);
		memcpy(s, "a\n", 2);
		memset(s + 2, 'x', n);
		memcpy(s + 2 + n, "\n", 2);
		CHECK_INT(read_all(s, NULL, &err), -1);
		CHECK_CONTAINS(err.message, "colonne « a » : cellule trop longue");
		free(s);
	}
}

TEST(csv_syntax_errors)
{
	struct import_error err;

	CHECK_INT(read_all("a;b\n\"x;y\n\n", NULL, &err), -1);
	CHECK_STR(err.message, "Fichier CSV « essai.csv », ligne 2, colonne "
		"« a » : guillemet non fermé (champ commencé ligne 2)");
	CHECK_INT(read_all("a;b\n\"x\"y;z\n", NULL, &err), -1);
	CHECK_CONTAINS(err.message, "colonne « a » : caractère inattendu après "
		"le guillemet fermant");
	CHECK_INT(read_all("a;b\n1;2;3\n", NULL, &err), -1);
	CHECK_CONTAINS(err.message, "ligne 2 : 3 colonnes alors que l'en-tête "
		"en déclare 2");
	CHECK_INT(read_all("", NULL, &err), -1);
	CHECK_CONTAINS(err.message, "fichier vide");
}

/* A read callback failing at once. */
static long fail_read(void *arg, char *buf, size_t n)
{
	(void)arg;
	(void)buf;
	(void)n;
	return -1;
}

TEST(csv_read_error)
{
	struct import_error err;
	struct csv_reader *r = csv_open(fail_read, NULL, "x.csv", NULL);

	CHECK_INT(csv_header(r, &err), -1);
	CHECK_CONTAINS(err.message, "erreur de lecture");
	csv_close(r);
}

TEST(dates)
{
	char iso[11];

	CHECK_INT(import_date_iso("31/08/2028", iso), 0);
	CHECK_STR(iso, "2028-08-31");
	CHECK_INT(import_date_iso(" 29/02/2024 ", iso), 0);
	CHECK_STR(iso, "2024-02-29");
	CHECK_INT(import_date_iso("2019-05-30", iso), 0);
	CHECK_STR(iso, "2019-05-30");
	CHECK_INT(import_date_iso("31/02/2024", iso), -1);
	CHECK_INT(import_date_iso("29/02/2023", iso), -1);
	CHECK_INT(import_date_iso("29/02/1900", iso), -1);
	CHECK_INT(import_date_iso("29/02/2000", iso), 0);
	CHECK_INT(import_date_iso("00/01/2020", iso), -1);
	CHECK_INT(import_date_iso("01/13/2020", iso), -1);
	CHECK_INT(import_date_iso("1/1/2020", iso), -1);
	CHECK_INT(import_date_iso("01-01-2020", iso), -1);
	CHECK_INT(import_date_iso("", iso), -1);
}

TEST(utf8_check)
{
	size_t bad = 0;

	static const char ok[] = "Été \xE2\x80\x99 \xF0\x9F\x98\x80";

	CHECK_INT(import_utf8_check(ok, sizeof ok - 1, &bad), 0);
	CHECK_INT(import_utf8_check("ab\xE9", 3, &bad), -1);
	CHECK_INT(bad, 2);
	CHECK_INT(import_utf8_check("\xE2\x80", 2, &bad), -1);
	CHECK_INT(import_utf8_check("\xF4\x90\x80\x80", 4, &bad), -1);
	CHECK_INT(import_utf8_check("\xE0\x80\x80", 3, &bad), -1);
}

TEST(text_cleaning)
{
	struct buf b = BUF_INIT;
	json_t *l;
	static const char html[] = "<p>Premier  paragraphe.</p><p>Second "
		"&eacute;l&eacute;ment&nbsp;: x &lt; y &amp; z&#8217;s</p>"
		"<ul><li>un</li><li><strong>deux</strong></li></ul>";
	static const char lines[] = "  a\r\n\r\n\r\n b < c &foo; \n";
	static const char flat[] = "    * Gérer le patrimoine            "
		"o Recenser les ressources   o Exploiter";

	import_text_clean(html, sizeof html - 1, &b);
	CHECK_STR(buf_str(&b), "Premier paragraphe.\n\nSecond élément\xC2\xA0: "
		"x < y & z\xE2\x80\x99s\n\n- un\n- deux");
	l = import_text_list(buf_str(&b));
	CHECK_INT(json_array_size(l), 4);
	CHECK_STR(json_string_value(json_array_get(l, 2)), "un");
	CHECK_STR(json_string_value(json_array_get(l, 3)), "deux");
	json_decref(l);

	import_text_clean(flat, sizeof flat - 1, &b);
	CHECK_STR(buf_str(&b), "* Gérer le patrimoine\no Recenser les "
		"ressources\no Exploiter");
	l = import_text_list(buf_str(&b));
	CHECK_INT(json_array_size(l), 3);
	CHECK_STR(json_string_value(json_array_get(l, 1)), "Recenser les "
		"ressources");
	json_decref(l);

	/* Line ends, blank lines, a lone "<" and an unknown entity. */
	import_text_clean(lines, sizeof lines - 1, &b);
	CHECK_STR(buf_str(&b), "a\n\nb < c &foo;");
	import_text_clean("", 0, &b);
	CHECK_STR(buf_str(&b), "");
	buf_release(&b);
}

TEST(fold_and_numbers)
{
	struct buf b = BUF_INIT;
	const char *kind = NULL;

	import_fold("VoixdAccès", &b);
	CHECK_STR(buf_str(&b), "voixdacces");
	import_fold("Voixd_Acce\xCC\x80s", &b);
	CHECK_STR(buf_str(&b), "voixdacces");
	import_fold("Blocs_De_Compétences", &b);
	CHECK_STR(buf_str(&b), "blocsdecompetences");
	import_fold("En contrat d’apprentissage", &b);
	CHECK_STR(buf_str(&b), "encontratdapprentissage");
	buf_release(&b);

	CHECK_INT(import_block_number("RNCP40792BC01"), 1);
	CHECK_INT(import_block_number("RNCP509BC12"), 12);
	CHECK_INT(import_block_number("RNCP509"), -1);
	CHECK_INT(import_block_number("RNCP509BCxx"), -1);
	CHECK_INT(import_fiche_number("RNCP40792", &kind), 1);
	CHECK_STR(kind, "RNCP");
	CHECK_INT(import_fiche_number("RS6117", &kind), 1);
	CHECK_STR(kind, "RS");
	CHECK_INT(import_fiche_number("RNCP", &kind), 0);
	CHECK_INT(import_fiche_number("RNCP12a", &kind), 0);
	CHECK_INT(import_fiche_number("XX12", &kind), 0);
	CHECK_INT(import_yes_no(" Oui "), 1);
	CHECK_INT(import_yes_no("NON"), 0);
	CHECK_INT(import_yes_no("peut-être"), -1);
}

TEST(empty_document_has_every_member)
{
	json_t *d = import_doc_new();
	static const char *keys[] = { "code", "kind", "rncp", "identifier",
		"cqpm_number", "history_numbers", "title", "abbreviation",
		"status", "draft", "level", "level_label", "certifiers",
		"signatory", "conventions", "nsf", "formacode", "rome",
		"summary", "activity_referential", "capacities", "sectors",
		"jobs", "components_description", "admission_conditions",
		"access_routes", "jury_composition", "overseas", "legal",
		"acquired_validity", "deliveries_per_year", "category",
		"on_cqpi_list", "previous", "next", "blocks", "competences",
		"sources", "notes", NULL };
	int n = 0;

	for (int i = 0; keys[i]; i++, n++)
		CHECK(json_object_get(d, keys[i]) != NULL);
	CHECK_INT(json_object_size(d), n);
	CHECK_INT(json_object_size(json_object_get(d, "access_routes")), 6);
	CHECK(json_is_null(json_object_get(json_object_get(d,
		"access_routes"), "vae")));
	CHECK_INT(json_object_size(json_object_get(d, "legal")), 8);
	json_decref(d);
}
