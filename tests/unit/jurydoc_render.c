/*
** Test tool: renders one document of the jury from the JSON of
** tests/data/jury/ into a PDF, with fixed dates and verification address
** so that the output is the same on every run; prints its page count.
**
** usage: jurydoc_render KIND FILE.json OUT [ARG] [--images DIR]
**   KIND certificate (FILE: a certificate), letter (ARG: code or
**   registration id), attendance, minutes, gtp, cprefp, request (ARG:
**   union code), convocation (ARG: member id), zip (OUT: every document
**   of the jury in one zip, through the streaming writer).
**   --images DIR: DIR/letterhead.png and DIR/signature.png as the centre's.
*/
#include "doc/jurydoc.h"
#include "doc/zipw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int to_file(void *arg, const unsigned char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long n;
	*len = 0;
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

static int one(const char *kind, const json_t *j, const char *arg, struct jurydoc_opts *o)
{
	if (!strcmp(kind, "certificate"))
		return doc_certificate(j, o);
	if (!strcmp(kind, "letter"))
		return doc_candidate_letter(j, jurydoc_candidate(j, arg), o);
	if (!strcmp(kind, "attendance"))
		return doc_attendance(j, o);
	if (!strcmp(kind, "minutes"))
		return doc_minutes(j, o);
	if (!strcmp(kind, "gtp"))
		return doc_gtp_letter(j, o);
	if (!strcmp(kind, "cprefp"))
		return doc_cprefp_notice(j, o);
	if (!strcmp(kind, "request"))
		return doc_union_request(j, arg, o);
	if (!strcmp(kind, "convocation"))
		return doc_convocation(j, arg ? strtoll(arg, NULL, 10) : 0, o);
	return JURYDOC_EINVAL;
}

/* Every document of the jury in one zip, each PDF streamed into it. */
static int zip_all(const json_t *j, struct jurydoc_opts *o, FILE *out)
{
	struct zipw *z = zipw_open(to_file, out, o->timestamp);
	const json_t *c, *m;
	size_t i;
	int pages = 0, rc;
	char name[128];
	static const char *const kinds[] = { "minutes", "attendance", "gtp", "cprefp" };

	o->write = zipw_data;
	o->warg = z;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "%s.pdf", kinds[i]);
		if (zipw_begin(z, name) || (rc = one(kinds[i], j, NULL, o)) < 0 || zipw_end(z))
			goto fail;
		pages += rc;
	}
	json_array_foreach(json_object_get(j, "members"), i, m) {
		char id[32];
		if (!json_is_true(json_object_get(m, "convened")))
			continue;
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(m, "id")));
		snprintf(name, sizeof name, "convocations/membre-%s.pdf", id);
		if (zipw_begin(z, name) || (rc = one("convocation", j, id, o)) < 0 || zipw_end(z))
			goto fail;
		pages += rc;
	}
	json_array_foreach(json_object_get(j, "candidates"), i, c) {
		snprintf(name, sizeof name, "candidats/%s/lettre.pdf", json_string_value(json_object_get(c, "code")));
		if (zipw_begin(z, name) || (rc = doc_candidate_letter(j, c, o)) < 0 || zipw_end(z))
			goto fail;
		pages += rc;
	}
	if (zipw_close(z))
		return JURYDOC_EIO;
	return pages;
fail:
	zipw_abort(z);
	return JURYDOC_EIO;
}

int main(int argc, char **argv)
{
	struct jurydoc_opts o = { 0 };
	const char *err = NULL, *arg = NULL, *images = NULL;
	unsigned char *lh = NULL, *sig = NULL;
	json_error_t jerr;
	json_t *j;
	FILE *out;
	int rc;

	if (argc < 4) {
		fprintf(stderr, "usage: jurydoc_render KIND FILE.json OUT [ARG] [--images DIR]\n");
		return 2;
	}
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--images") && i + 1 < argc)
			images = argv[++i];
		else
			arg = argv[i];
	}
	if (images) {
		char path[1024];
		snprintf(path, sizeof path, "%s/letterhead.png", images);
		lh = slurp(path, &o.letterhead_len);
		snprintf(path, sizeof path, "%s/signature.png", images);
		sig = slurp(path, &o.signature_len);
		o.letterhead = lh;
		o.signature = sig;
	}
	o.date = "2026-12-16";
	o.timestamp = "2026-12-16T10:00:00Z";
	o.verify_base_url = "https://cqpm.uimm.example";
	o.error = &err;
	j = json_load_file(argv[2], 0, &jerr);
	if (!j) {
		fprintf(stderr, "%s:%d: %s\n", argv[2], jerr.line, jerr.text);
		return 1;
	}
	out = fopen(argv[3], "wb");
	if (!out) {
		perror(argv[3]);
		json_decref(j);
		return 1;
	}
	o.write = to_file;
	o.warg = out;
	rc = !strcmp(argv[1], "zip") ? zip_all(j, &o, out) : one(argv[1], j, arg, &o);
	if (fclose(out))
		rc = JURYDOC_EIO;
	json_decref(j);
	free(lh);
	free(sig);
	pdf_cleanup();
	if (rc < 0) {
		fprintf(stderr, "jurydoc_render: %s (%d)\n", err ? err : "échec", rc);
		return 1;
	}
	printf("%d\n", rc);
	return 0;
}
