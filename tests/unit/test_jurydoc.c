/*
** The documents of the jury (doc/jurydoc.h) and what they added to the
** layout engine (images, QR codes, landscape, plain pages), and the
** streaming zip writer (doc/zipw.h). What the documents say is checked by
** tests/doc/jury_golden.sh (the text read back with poppler); here: page
** counts, refusals with their French message, hostile input (an anonymous
** jury, wrong types, bad PNG), output failures, the archive's structure.
*/
#include "t.h"
#include "core/award.h"
#include "core/catalogue.h"
#include "doc/jurydoc.h"
#include "doc/zipw.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

__attribute__((destructor)) static void cleanup(void)
{
	pdf_cleanup();
}

#define DATA "tests/data/jury/"

static json_t *load(const char *name)
{
	char path[256];
	json_error_t err;
	json_t *j;
	snprintf(path, sizeof path, DATA "%s", name);
	j = json_load_file(path, 0, &err);
	if (!j)
		t_fail(__FILE__, __LINE__, "%s: %s", path, err.text);
	return j;
}

static unsigned char *slurp(const char *name, size_t *len)
{
	char path[256];
	FILE *f;
	unsigned char *p = NULL;
	long n;
	*len = 0;
	snprintf(path, sizeof path, DATA "%s", name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		p = malloc((size_t)n);
		if (p && fread(p, 1, (size_t)n, f) == (size_t)n)
			*len = (size_t)n;
	}
	fclose(f);
	return p;
}

static int has_bytes(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->p + i, needle, n))
			return 1;
	return 0;
}

static const char *err;

static void opts(struct jurydoc_opts *o, struct buf *out)
{
	memset(o, 0, sizeof *o);
	o->date = "2026-12-16";
	o->timestamp = "2026-12-16T10:00:00Z";
	o->verify_base_url = "https://cqpm.uimm.example/";
	o->write = pdf_write_buf;
	o->warg = out;
	o->error = &err;
	err = NULL;
	buf_reset(out);
}

static int fail_write(void *arg, const unsigned char *data, size_t len)
{
	(void)arg; (void)data; (void)len;
	return -1;
}

TEST(jury_documents_pages)
{
	json_t *j = load("jury.json");
	struct buf out = BUF_INIT;
	struct jurydoc_opts o;

	opts(&o, &out);
	CHECK_INT(doc_attendance(j, &o), 1);
	CHECK(out.len > 1000 && !memcmp(out.p, "%PDF-", 5));
	opts(&o, &out);
	/* annex 14: landscape, over two pages */
	CHECK_INT(doc_minutes(j, &o), 2);
	CHECK(has_bytes(&out, "/MediaBox [ 0 0 841.8898 595.2756 ]"));
	opts(&o, &out);
	CHECK_INT(doc_gtp_letter(j, &o), 1);
	CHECK(has_bytes(&out, "/MediaBox [ 0 0 595.2756 841.8898 ]"));
	opts(&o, &out);
	CHECK_INT(doc_cprefp_notice(j, &o), 1);
	opts(&o, &out);
	CHECK_INT(doc_union_request(j, "CFDT", &o), 1);
	opts(&o, &out);
	CHECK_INT(doc_convocation(j, 13, &o), 1);
	for (int i = 1; i <= 3; i++) {
		char code[8];
		snprintf(code, sizeof code, "C-00%d", i);
		opts(&o, &out);
		CHECK_INT(doc_candidate_letter(j, jurydoc_candidate(j, code), &o), 1);
	}
	json_decref(j);
	buf_release(&out);
}

TEST(jury_candidate_by_code_or_registration)
{
	json_t *j = load("jury.json");
	CHECK_STR(jstr(jurydoc_candidate(j, "C-002"), "code"), "C-002");
	CHECK(jurydoc_candidate(j, "102") == jurydoc_candidate(j, "C-002"));
	CHECK(jurydoc_candidate(j, "C-009") == NULL);
	CHECK(jurydoc_candidate(j, "") == NULL);
	CHECK(jurydoc_candidate(j, NULL) == NULL);
	CHECK(jurydoc_candidate(NULL, "C-001") == NULL);
	json_decref(j);
}

TEST(jury_refusals_name_the_reason)
{
	json_t *j = load("jury.json"), *c;
	struct buf out = BUF_INIT;
	struct jurydoc_opts o;

	opts(&o, &out);
	o.date = "16/12/2026";
	CHECK_INT(doc_attendance(j, &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "date d'établissement");
	opts(&o, &out);
	o.write = NULL;
	CHECK_INT(doc_minutes(j, &o), JURYDOC_EINVAL);
	opts(&o, &out);
	CHECK_INT(doc_union_request(j, "UNSA", &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "organisation syndicale inconnue");
	opts(&o, &out);
	CHECK_INT(doc_convocation(j, 999, &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "ne fait pas partie du jury");
	opts(&o, &out);
	CHECK_INT(doc_candidate_letter(j, NULL, &o), JURYDOC_EINVAL);
	/* R-LET-3 without its four pieces */
	c = (json_t *)jurydoc_candidate(j, "C-002");
	json_array_remove(json_object_get(json_object_get(c, "letter"), "pieces"), 3);
	opts(&o, &out);
	CHECK_INT(doc_candidate_letter(j, c, &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "R-LET-3");
	/* no final decision: no letter */
	json_object_set_new(c, "letter", json_null());
	opts(&o, &out);
	CHECK_INT(doc_candidate_letter(j, c, &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "décision définitive");
	CHECK_INT(out.len, 0);   /* nothing written on a refusal */
	/* the output fails */
	opts(&o, &out);
	o.write = fail_write;
	CHECK_INT(doc_attendance(j, &o), JURYDOC_EIO);
	json_decref(j);
	buf_release(&out);
}

/* An anonymous jury (no "identity"): letters are refused, the rest is
** drawn; nothing crashes. */
TEST(jury_anonymous_never_crashes)
{
	json_t *j = load("anonymous.json");
	struct buf out = BUF_INIT;
	struct jurydoc_opts o;
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(j, "candidates"), i, c) {
		opts(&o, &out);
		CHECK_INT(doc_candidate_letter(j, c, &o), JURYDOC_EINVAL);
		CHECK_CONTAINS(err, "jury anonyme");
	}
	opts(&o, &out);
	CHECK_INT(doc_minutes(j, &o), 2);
	opts(&o, &out);
	CHECK_INT(doc_attendance(j, &o), 1);
	opts(&o, &out);
	CHECK(doc_cprefp_notice(j, &o) >= 1);
	opts(&o, &out);
	CHECK(doc_gtp_letter(j, &o) >= 1);
	json_decref(j);
	buf_release(&out);
}

/* Wrong types everywhere: a clean refusal or a document, never a crash. */
TEST(jury_hostile_json)
{
	static const char *const docs[] = {
		"{}", "[]", "{\"date\":\"2026-12-15\"}",
		"{\"date\":\"2026-12-15\",\"centre\":3,\"members\":{\"a\":1},\"candidates\":[1,\"x\",null,{}],"
		"\"certifications\":[{\"code\":5},{}],\"unions\":\"CGT\",\"president\":[],\"place\":7}",
		"{\"date\":\"2026-12-15\",\"candidates\":[{\"code\":\"C-1\",\"identity\":{\"name\":\"A B\"},"
		"\"letter\":{\"kind\":\"non_admission_partial\",\"pieces\":[1,2,3,4]},\"acquired\":[7,{}]},"
		"{\"code\":\"C-2\",\"identity\":{\"name\":\"C D\"},\"letter\":{\"kind\":\"autre\"}}],"
		"\"members\":[{\"id\":1,\"union\":\"X\"},{\"id\":\"2\"}]}",
	};
	struct buf out = BUF_INIT;
	struct jurydoc_opts o;

	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		json_t *j = json_loads(docs[i], 0, NULL);
		int rc;
		CHECK(j != NULL);
		opts(&o, &out);
		rc = doc_minutes(j, &o);
		CHECK(rc == JURYDOC_EINVAL ? i < 2 : rc >= 1);
		opts(&o, &out);
		rc = doc_attendance(j, &o);
		CHECK(rc == JURYDOC_EINVAL ? i < 2 : rc >= 1);
		opts(&o, &out);
		rc = doc_cprefp_notice(j, &o);
		CHECK(rc == JURYDOC_EINVAL ? i < 2 : rc >= 1);
		opts(&o, &out);
		rc = doc_gtp_letter(j, &o);
		CHECK(rc == JURYDOC_EINVAL ? i < 2 : rc >= 1);
		opts(&o, &out);
		rc = doc_convocation(j, 1, &o);
		CHECK(rc == JURYDOC_EINVAL ? i != 4 : rc == 1);
		opts(&o, &out);
		CHECK_INT(doc_certificate(j, &o), JURYDOC_EINVAL);
		opts(&o, &out);
		rc = doc_candidate_letter(j, jurydoc_candidate(j, "C-1"), &o);
		CHECK(rc == JURYDOC_EINVAL ? i != 4 : rc == 1);
		opts(&o, &out);
		CHECK_INT(doc_candidate_letter(j, jurydoc_candidate(j, "C-2"), &o), JURYDOC_EINVAL);
		json_decref(j);
	}
	buf_release(&out);
}

TEST(certificates_every_kind)
{
	static const char *const files[] = { "cert-cqpm.json", "cert-block.json", "cert-cqpi.json",
		"cert-ccpm.json", "cert-ccpi.json", "cert-cqpm-duplicate.json" };
	static const int pages[] = { 1, 1, 2, 1, 2, 1 };
	json_t *certs[6];
	struct buf out = BUF_INIT;
	struct jurydoc_opts o;

	for (int i = 0; i < 6; i++) {
		certs[i] = load(files[i]);
		opts(&o, &out);
		CHECK_INT(doc_certificate(certs[i], &o), pages[i]);
	}
	/* all in one PDF, each on its own pages */
	opts(&o, &out);
	CHECK_INT(doc_certificates((const json_t *const *)certs, 6, &o), 8);
	opts(&o, &out);
	CHECK_INT(doc_certificates(NULL, 0, &o), JURYDOC_EINVAL);
	/* no verification address: no QR code, still a certificate */
	opts(&o, &out);
	o.verify_base_url = NULL;
	CHECK_INT(doc_certificate(certs[0], &o), 1);
	/* an unknown kind */
	json_object_set_new(certs[0], "kind", json_string("diplome"));
	opts(&o, &out);
	CHECK_INT(doc_certificate(certs[0], &o), JURYDOC_EINVAL);
	CHECK_CONTAINS(err, "Certificat");
	for (int i = 0; i < 6; i++)
		json_decref(certs[i]);
	buf_release(&out);
}

/* R-CER-2: the fixtures' numbers are valid "MC…" numbers whose display
** form is the one the certificates print. */
TEST(certificate_number_display_form)
{
	json_t *c = load("cert-cqpm.json");
	char canon[CERT_NUMBER_LEN], disp[CERT_NUMBER_DISPLAY_LEN];
	struct rule_error e;
	CHECK_INT(cert_number_parse(jstr(c, "number"), NULL, canon, &e), 0);
	CHECK_STR(cert_number_display(canon, disp), "MC 2026 007 00001 66");
	CHECK_STR(jstr(c, "display"), disp);
	json_decref(c);
}

TEST(images_good_bad_and_huge)
{
	size_t len;
	unsigned char *png = slurp("signature.png", &len), *bad, huge[64];
	json_t *j = load("jury.json");
	struct buf out = BUF_INIT, plain = BUF_INIT;
	struct jurydoc_opts o;
	struct pdf_doc *d;

	CHECK(png != NULL && len > 33);
	d = pdf_open(pdf_write_buf, &out, NULL);
	CHECK_INT(pdf_image(d, png, len, 100, 40, PDF_RIGHT), 0);
	/* truncated: cairo cannot read it */
	CHECK_INT(pdf_image(d, png, len - 20, 100, 40, 0), -1);
	CHECK_INT(pdf_image(d, png, 10, 100, 40, 0), -1);
	CHECK_INT(pdf_image(d, (const unsigned char *)"not a png at all, not at all......", 34, 0, 0, 0), -1);
	CHECK_INT(pdf_image(d, NULL, 0, 0, 0, 0), -1);
	/* a header claiming 100000 × 100000 pixels: refused before decoding */
	memcpy(huge, png, 33);
	huge[16] = 0; huge[17] = 1; huge[18] = 0x86; huge[19] = 0xa0;
	huge[20] = 0; huge[21] = 1; huge[22] = 0x86; huge[23] = 0xa0;
	CHECK_INT(pdf_image(d, huge, 33, 0, 0, 0), -1);
	CHECK_INT(pdf_qr(d, "https://cqpm.uimm.example/verifier/MC20260070000166", 60, PDF_CENTER), 0);
	CHECK_INT(pdf_qr(d, "", 60, 0), -1);
	CHECK_INT(pdf_close(d), 0);
	CHECK(has_bytes(&out, "/Subtype /Image"));
	buf_release(&out);

	/* a document with a bad letterhead is made without it */
	bad = malloc(len);
	memcpy(bad, png, len);
	memset(bad + 40, 0xff, len - 40);
	opts(&o, &plain);
	CHECK_INT(doc_gtp_letter(j, &o), 1);
	opts(&o, &out);
	o.letterhead = bad;
	o.letterhead_len = len;
	o.signature = huge;
	o.signature_len = 33;
	CHECK_INT(doc_gtp_letter(j, &o), 1);
	CHECK(!has_bytes(&out, "/Subtype /Image"));
	/* the same with good images: drawn */
	opts(&o, &out);
	o.letterhead = png;
	o.letterhead_len = len;
	CHECK_INT(doc_gtp_letter(j, &o), 1);
	CHECK(has_bytes(&out, "/Subtype /Image"));
	free(bad);
	free(png);
	json_decref(j);
	buf_release(&out);
	buf_release(&plain);
}

TEST(reproducible_bytes)
{
	json_t *j = load("jury.json");
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct jurydoc_opts o;
	opts(&o, &a);
	CHECK_INT(doc_minutes(j, &o), 2);
	opts(&o, &b);
	CHECK_INT(doc_minutes(j, &o), 2);
	CHECK(a.len == b.len && !memcmp(a.p, b.p, a.len));
	json_decref(j);
	buf_release(&a);
	buf_release(&b);
}

/* The zip writer ------------------------------------------------------------ */

static unsigned long le(const unsigned char *p, int n)
{
	unsigned long v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

TEST(zipw_structure)
{
	struct buf out = BUF_INIT;
	struct zipw *z = zipw_open(pdf_write_buf, &out, "2026-12-16T10:00:00Z");
	static const char one[] = "première entrée", two[] = "seconde entrée, écrite en deux fois";
	const unsigned char *end, *cd;
	unsigned long ncd, cdsize, cdoff;

	CHECK(z != NULL);
	CHECK_INT(zipw_add(z, "a/un.txt", one, strlen(one)), 0);
	CHECK_INT(zipw_begin(z, "b/deux é.txt"), 0);
	CHECK_INT(zipw_data(z, (const unsigned char *)two, 10), 0);
	CHECK_INT(zipw_data(z, (const unsigned char *)two + 10, strlen(two) - 10), 0);
	CHECK_INT(zipw_end(z), 0);
	CHECK_INT(zipw_entries(z), 2);
	CHECK_INT(zipw_close(z), 0);
	/* the end record: 2 entries, the central directory where it says */
	CHECK(out.len > 22);
	end = (const unsigned char *)out.p + out.len - 22;
	CHECK_INT(le(end, 4), 0x06054b50UL);
	CHECK_INT(le(end + 10, 2), 2);
	cdsize = le(end + 12, 4);
	cdoff = le(end + 16, 4);
	CHECK_INT(cdoff + cdsize, out.len - 22);
	cd = (const unsigned char *)out.p + cdoff;
	ncd = 0;
	while (cd < end && le(cd, 4) == 0x02014b50UL) {
		unsigned long crc = le(cd + 16, 4), size = le(cd + 24, 4), off = le(cd + 42, 4);
		size_t nl = le(cd + 28, 2);
		const unsigned char *lh = (const unsigned char *)out.p + off;
		const char *want = ncd == 0 ? one : two;
		CHECK_INT(le(lh, 4), 0x04034b50UL);
		CHECK_INT(le(cd + 8, 2), 0x0808);        /* descriptor, UTF-8 */
		CHECK_INT(le(cd + 10, 2), 0);            /* stored */
		CHECK_INT(size, strlen(want));
		CHECK_INT(crc, crc32(0L, (const Bytef *)want, (uInt)strlen(want)));
		/* the date of the caller: 2026-12-16 10:00:00 */
		CHECK_INT(le(cd + 14, 2), (2026 - 1980) << 9 | 12 << 5 | 16);
		CHECK_INT(le(cd + 12, 2), 10 << 11);
		/* the data follow the local header, then the descriptor */
		CHECK(!memcmp(lh + 30 + nl, want, size));
		CHECK_INT(le(lh + 30 + nl + size, 4), 0x08074b50UL);
		CHECK_INT(le(lh + 30 + nl + size + 4, 4), crc);
		cd += 46 + nl;
		ncd++;
	}
	CHECK_INT(ncd, 2);
	buf_release(&out);
}

TEST(zipw_refusals_are_sticky)
{
	struct buf out = BUF_INIT;
	struct zipw *z;

	CHECK(zipw_name_check("candidats/C-001/lettre.pdf") == NULL);
	CHECK(zipw_name_check("") != NULL);
	CHECK(zipw_name_check("/etc/passwd") != NULL);
	CHECK(zipw_name_check("a/../../b") != NULL);
	CHECK(zipw_name_check("..") != NULL);
	CHECK(zipw_name_check("a\\b") != NULL);
	CHECK(zipw_name_check("a\nb") != NULL);
	CHECK(zipw_name_check("a\xff" "b") != NULL);
	CHECK(zipw_name_check("a..b/c") == NULL);
	z = zipw_open(pdf_write_buf, &out, NULL);
	CHECK_INT(zipw_data(z, (const unsigned char *)"x", 1), -1);   /* no entry open */
	CHECK_INT(zipw_begin(z, "ok.txt"), -1);                       /* sticky */
	CHECK_INT(zipw_close(z), -1);
	/* the output fails */
	z = zipw_open(fail_write, NULL, NULL);
	CHECK_INT(zipw_add(z, "a.txt", "a", 1), -1);
	CHECK_INT(zipw_close(z), -1);
	CHECK(zipw_open(NULL, NULL, NULL) == NULL);
	buf_release(&out);
}

/* A PDF streamed straight into the archive (zipw_data as pdf_write_fn). */
TEST(zipw_streams_a_pdf)
{
	json_t *j = load("jury.json");
	struct buf out = BUF_INIT;
	struct zipw *z = zipw_open(pdf_write_buf, &out, "2026-12-16T10:00:00");
	struct jurydoc_opts o;
	struct buf none = BUF_INIT;

	opts(&o, &none);
	o.write = zipw_data;
	o.warg = z;
	CHECK_INT(zipw_begin(z, "minutes.pdf"), 0);
	CHECK_INT(doc_minutes(j, &o), 2);
	CHECK_INT(zipw_end(z), 0);
	CHECK_INT(zipw_close(z), 0);
	CHECK(has_bytes(&out, "%PDF-"));
	CHECK(has_bytes(&out, "minutes.pdf"));
	CHECK_INT(none.len, 0);
	json_decref(j);
	buf_release(&out);
	buf_release(&none);
}
