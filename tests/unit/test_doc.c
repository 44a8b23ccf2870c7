/*
** Printed documents: French typography (typo_fr), the layout engine
** (doc/pdf.h: streaming output, reproducibility, pagination, failures,
** hostile text) and the checks of the synthesis of evaluations' options.
** What the documents say is checked by tests/doc/golden.sh.
*/
#include "t.h"
#include "doc/pdf.h"
#include "doc/synthesis.h"
#include "doc/typo.h"
#include <stdlib.h>
#include <string.h>

/* After every test: what pango, cairo and fontconfig keep for the life of
** the process, freed (the leak checker of the sanitizer build). */
__attribute__((destructor)) static void cleanup(void)
{
	pdf_cleanup();
}

#define NB TYPO_NBSP
#define NN TYPO_NNBSP
#define AP TYPO_APOS

static const char *fr(struct buf *b, const char *s)
{
	buf_reset(b);
	typo_fr(b, s, strlen(s));
	return buf_str(b);
}

TEST(typo_spaces_before_high_signs)
{
	struct buf b = BUF_INIT;
	/* the space typed is replaced, a missing one is added */
	CHECK_STR(fr(&b, "Note : bien"), "Note" NB ": bien");
	CHECK_STR(fr(&b, "Note: bien"), "Note" NB ": bien");
	CHECK_STR(fr(&b, "Attention !"), "Attention" NN "!");
	CHECK_STR(fr(&b, "Attention!"), "Attention" NN "!");
	CHECK_STR(fr(&b, "Vraiment?"), "Vraiment" NN "?");
	CHECK_STR(fr(&b, "rigueur; écoute"), "rigueur" NN "; écoute");
	CHECK_STR(fr(&b, "rigueur   ; écoute"), "rigueur" NN "; écoute");
	CHECK_STR(fr(&b, "Quoi ?!"), "Quoi" NN "?!");
	CHECK_STR(fr(&b, "(voir plus haut)!"), "(voir plus haut)" NN "!");
	buf_release(&b);
}

TEST(typo_leaves_codes_alone)
{
	struct buf b = BUF_INIT;
	CHECK_STR(fr(&b, "à 10:30 précises"), "à 10:30 précises");
	CHECK_STR(fr(&b, "https://www.uimm.fr/?q=1"), "https://www.uimm.fr/?q=1");
	CHECK_STR(fr(&b, "C1:C2"), "C1:C2");
	CHECK_STR(fr(&b, "(!)"), "(!)");
	CHECK_STR(fr(&b, ": en tête"), ": en tête");
	CHECK_STR(fr(&b, "ligne\n: suite"), "ligne\n: suite");
	CHECK_STR(fr(&b, "RNCP28235BC01"), "RNCP28235BC01");
	CHECK_STR(fr(&b, ""), "");
	buf_release(&b);
}

TEST(typo_guillemets)
{
	struct buf b = BUF_INIT;
	CHECK_STR(fr(&b, "le « coût complet » des scénarios"), "le «" NB "coût complet" NB "» des scénarios");
	CHECK_STR(fr(&b, "le «coût complet» des scénarios"), "le «" NB "coût complet" NB "» des scénarios");
	CHECK_STR(fr(&b, "«  »"), "«»");
	buf_release(&b);
}

TEST(typo_apostrophes)
{
	struct buf b = BUF_INIT;
	CHECK_STR(fr(&b, "l'entreprise d'accueil"), "l" AP "entreprise d" AP "accueil");
	CHECK_STR(fr(&b, "aujourd'hui"), "aujourd" AP "hui");
	CHECK_STR(fr(&b, "L'Évaluation"), "L" AP "Évaluation");
	/* not between two letters: as typed */
	CHECK_STR(fr(&b, "'cité'"), "'cité'");
	CHECK_STR(fr(&b, "3'5"), "3'5");
	buf_release(&b);
}

TEST(typo_idempotent)
{
	static const char *const samples[] = {
		"Note : bien; très bien! « oui » l'entreprise ? non", "«a»:b", "a !! b ?", "x :",
		"l'«avis»", " ; ", "!!", "« ! »",
	};
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		char *once;
		fr(&a, samples[i]);
		once = strdup(buf_str(&a));
		CHECK_STR(fr(&b, once), once);
		free(once);
	}
	buf_release(&a);
	buf_release(&b);
}

TEST(typo_repairs_text)
{
	struct buf b = BUF_INIT;
	/* bad UTF-8 → U+FFFD; controls → spaces; line feeds kept */
	CHECK_STR(fr(&b, "a\xff" "b"), "a\xef\xbf\xbd" "b");
	CHECK_STR(fr(&b, "a\xc3"), "a\xef\xbf\xbd");
	CHECK_STR(fr(&b, "\xe0\x80\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");   /* overlong */
	CHECK_STR(fr(&b, "\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");   /* surrogate */
	CHECK_STR(fr(&b, "a\tb\x01" "c\nd"), "a b c\nd");
	buf_reset(&b);
	typo_clean(&b, "a:b ; c\x7f", 8);
	CHECK_STR(buf_str(&b), "a:b ; c ");
	/* a capped buffer: -1, what fitted is kept */
	buf_release(&b);
	buf_init(&b, 4);
	CHECK_INT(typo_fr(&b, "abcdefgh", 8), -1);
	CHECK(b.overflow);
	buf_release(&b);
}

/* The layout engine ------------------------------------------------------- */

/* 1 if needle occurs in b. */
static int has_bytes(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->p + i, needle, n))
			return 1;
	return 0;
}

static const struct pdf_meta meta = { "Essai", "cqpm", "Sujet", NULL, "2026-01-02T03:04:05Z",
	"En-tête", "Droite", "Pied", 0, 0 };

static void sample(struct pdf_doc *d, int rows)
{
	static const char *const head[3] = { "A", "B", "C" };
	pdf_heading(d, PDF_TITLE, "Titre : essai");
	pdf_paragraph(d, PDF_BODY, "Un paragraphe d'essai ; il se termine ici !");
	pdf_kv(d, "Clé", "Valeur");
	pdf_table_begin(d, 3, NULL, head);
	for (int i = 0; i < rows; i++) {
		const char *row[3] = { "1", "deux", NULL };
		pdf_table_row(d, row);
	}
	pdf_table_end(d);
}

static int fail_after(void *arg, const unsigned char *data, size_t len)
{
	int *left = arg;
	(void)data;
	(void)len;
	return (*left)-- > 0 ? 0 : -1;
}

TEST(pdf_streams_a_whole_document)
{
	struct buf out = BUF_INIT;
	struct pdf_doc *d = pdf_open(pdf_write_buf, &out, &meta);
	CHECK(d != NULL);
	sample(d, 3);
	CHECK_INT(pdf_section_pages(d), 1);
	CHECK_INT(pdf_close(d), 0);
	CHECK(out.len > 1000);
	CHECK(!memcmp(out.p, "%PDF-1.", 7));
	CHECK(!memcmp(out.p + out.len - 6, "%%EOF\n", 6));
	/* the creation date is the caller's */
	CHECK(has_bytes(&out, "/CreationDate (20260102030405Z)"));
	buf_release(&out);
}

TEST(pdf_same_input_same_bytes)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct pdf_doc *d = pdf_open(pdf_write_buf, &a, &meta);
	sample(d, 80);
	CHECK_INT(pdf_close(d), 0);
	d = pdf_open(pdf_write_buf, &b, &meta);
	sample(d, 80);
	CHECK_INT(pdf_close(d), 0);
	CHECK_INT(a.len, b.len);
	CHECK(a.len == b.len && !memcmp(a.p, b.p, a.len));
	buf_release(&a);
	buf_release(&b);
}

TEST(pdf_paginates)
{
	struct buf out = BUF_INIT;
	struct pdf_doc *d = pdf_open(pdf_write_buf, &out, &meta);
	sample(d, 200);   /* 200 rows of one line: several pages */
	CHECK(pdf_section_pages(d) >= 3);
	pdf_page_break(d);
	pdf_page_break(d);   /* the second does nothing: the page is empty */
	pdf_section(d, "Autre", NULL, NULL);
	CHECK(pdf_pages_done(d) >= 3);
	CHECK_INT(pdf_section_pages(d), 1);
	pdf_paragraph(d, PDF_BODY, "Seconde section.");
	CHECK_INT(pdf_close(d), 0);
	buf_release(&out);
}

TEST(pdf_write_failure_is_reported)
{
	int left = 2;
	struct pdf_doc *d = pdf_open(fail_after, &left, &meta);
	sample(d, 100);
	CHECK_INT(pdf_close(d), -1);
	/* a capped buffer: the same */
	{
		struct buf small;
		buf_init(&small, 500);
		d = pdf_open(pdf_write_buf, &small, &meta);
		sample(d, 3);
		CHECK_INT(pdf_close(d), -1);
		buf_release(&small);
	}
}

TEST(pdf_hostile_text)
{
	struct buf out = BUF_INIT;
	struct pdf_meta bad = meta;
	char *huge = malloc(300000);
	const char *row[PDF_MAX_COLS] = { 0 };
	struct pdf_doc *d;

	for (size_t i = 0; i < 299999; i++)
		huge[i] = (char)("ab \xc3\xa9\xff\x01\n;!"[i % 11]);
	huge[299999] = 0;
	bad.create_date = "hier";           /* not ISO 8601: ignored */
	bad.title = huge;                   /* cut */
	d = pdf_open(pdf_write_buf, &out, &bad);
	pdf_heading(d, PDF_H1, huge);
	pdf_paragraph(d, 999, huge);        /* an unknown style: the body's */
	pdf_kv(d, NULL, huge);
	pdf_table_begin(d, 50, NULL, NULL); /* too many columns: capped */
	row[0] = huge;
	pdf_table_row(d, row);
	pdf_table_row(d, NULL);
	pdf_table_end(d);
	pdf_space(d, -5);
	pdf_space(d, 1e9);
	CHECK_INT(pdf_close(d), 0);
	CHECK(out.len > 1000);
	CHECK(!has_bytes(&out, "(hier"));
	free(huge);
	buf_release(&out);
}

/* The synthesis' options ----------------------------------------------------- */

static int discard(void *arg, const unsigned char *data, size_t len)
{
	(void)data;
	*(size_t *)arg += len;
	return 0;
}

TEST(synthesis_refuses_bad_options)
{
	json_t *file = json_pack("{s:I, s:s, s:{s:s, s:s, s:s}, s:n}", "id", (json_int_t)1,
		"centre", "C", "identity", "birth_name", "Martin", "first_names", "Léa",
		"birth_date", "1995-04-12", "registration");
	struct synthesis_opts o = { "Centre", "2026-06-15", NULL, NULL };
	size_t n = 0;

	CHECK(synthesis_code_check("JURY-07_b") == NULL);
	CHECK_CONTAINS(synthesis_code_check(""), "vide");
	CHECK_CONTAINS(synthesis_code_check("Léa"), "lettres sans accent");
	CHECK_CONTAINS(synthesis_code_check("a b"), "lettres sans accent");
	CHECK_CONTAINS(synthesis_code_check("123456789012345678901234567890123"), "32 caractères");
	/* a candidate without a registration: the document says so */
	CHECK_INT(doc_synthesis(file, &o, discard, &n), 0);
	CHECK(n > 1000);
	o.anonymous_code = "<script>";
	CHECK_INT(doc_synthesis(file, &o, discard, &n), -1);
	o.anonymous_code = NULL;
	o.date = "2026-02-30";
	CHECK_INT(doc_synthesis(file, &o, discard, &n), -1);
	o.date = "2026-06-15";
	CHECK_INT(doc_synthesis(json_object_get(file, "centre"), &o, discard, &n), -1);
	CHECK_INT(doc_synthesis(file, NULL, discard, &n), -1);
	json_decref(file);
}

TEST(synthesis_batch_numbers_each_candidate)
{
	json_error_t err;
	json_t *a = json_load_file("tests/data/synthesis/employee.json", 0, &err);
	json_t *b = json_load_file("tests/data/synthesis/vae.json", 0, &err);
	const json_t *files[3] = { a, b, a };
	const char *codes[3] = { "A-1", "B-2", "A-3" };
	struct synthesis_opts o = { "Centre", "2026-06-15", NULL, NULL };
	size_t n = 0;
	int pages = 0, one = 0;

	CHECK(a && b);
	CHECK_INT(doc_synthesis_batch(files, 1, NULL, &o, discard, &n, &one), 0);
	CHECK(one >= 2);
	CHECK_INT(doc_synthesis_batch(files, 3, codes, &o, discard, &n, &pages), 0);
	CHECK(pages > 2 * one);
	codes[1] = "pas bon";
	CHECK_INT(doc_synthesis_batch(files, 3, codes, &o, discard, &n, &pages), -1);
	json_decref(a);
	json_decref(b);
}

/* Every member of the registration, of its blocks and competences and of
** the candidate's identity replaced in turn by a value of another type, a
** long text or bad UTF-8: the synthesis is still drawn, nothing
** breaks (the file is the service's, but a document must survive any). */
TEST(synthesis_survives_any_file)
{
	json_error_t err;
	json_t *file = json_load_file("tests/data/synthesis/employee.json", 0, &err);
	json_t *variants[5];
	struct synthesis_opts o = { "Centre", "2026-06-15", NULL, "X-1" };
	const char *sections[] = { "registration", "identity" };
	char *huge = malloc(5001);
	size_t n = 0, tried = 0, drawn = 0;

	CHECK(file != NULL);
	for (size_t i = 0; i < 5000; i++)
		huge[i] = i % 7 ? 'a' : ' ';
	huge[5000] = 0;
	variants[0] = json_integer(42);
	variants[1] = json_pack("[s, i]", "x", 1);
	variants[2] = json_null();
	variants[3] = json_string(huge);
	variants[4] = json_stringn_nocheck("\xff\xfe mot\x01", 8);
	for (size_t s = 0; s < 2; s++) {
		json_t *obj = json_object_get(file, sections[s]);
		const char *key;
		json_t *val;
		void *tmp;
		json_object_foreach_safe(obj, tmp, key, val) {
			for (size_t v = 0; v < 5; v++) {
				json_t *copy = json_deep_copy(file);
				json_object_set(json_object_get(copy, sections[s]), key, variants[v]);
				/* the same in the first block and the first competence */
				json_object_set(json_array_get(json_object_get(json_object_get(copy,
					"registration"), "blocks"), 0), key, variants[v]);
				json_object_set(json_array_get(json_object_get(json_object_get(copy,
					"registration"), "competences"), 0), key, variants[v]);
				tried++;
				drawn += doc_synthesis(copy, &o, discard, &n) == 0;
				json_decref(copy);
			}
		}
	}
	CHECK(tried > 100);
	CHECK_INT(drawn, tried);
	for (size_t v = 0; v < 5; v++)
		json_decref(variants[v]);
	free(huge);
	json_decref(file);
}
