/*
** Test tool: renders the synthesis of evaluations of a candidate's file
** given as JSON (tests/data/synthesis/) into a PDF, with a fixed centre
** name and fixed dates so that the output is the same on every run.
**
** usage: synthesis_render FILE.json OUT.pdf [--anonymous CODE]
*/
#include "doc/synthesis.h"
#include <stdio.h>
#include <string.h>

static int to_file(void *arg, const unsigned char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct synthesis_opts o = { "UIMM Centre de démonstration", "2026-06-15",
		"2026-06-15T09:30:00Z", NULL };
	json_error_t err;
	json_t *file;
	FILE *out;
	int rc;

	if (argc != 3 && !(argc == 5 && !strcmp(argv[3], "--anonymous"))) {
		fprintf(stderr, "usage: synthesis_render FILE.json OUT.pdf [--anonymous CODE]\n");
		return 2;
	}
	if (argc == 5)
		o.anonymous_code = argv[4];
	file = json_load_file(argv[1], 0, &err);
	if (!file) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], err.line, err.text);
		return 1;
	}
	out = fopen(argv[2], "wb");
	if (!out) {
		perror(argv[2]);
		json_decref(file);
		return 1;
	}
	rc = doc_synthesis(file, &o, to_file, out);
	if (fclose(out))
		rc = -2;
	json_decref(file);
	pdf_cleanup();
	if (rc) {
		fprintf(stderr, "synthesis_render: failed (%d)\n", rc);
		return 1;
	}
	return 0;
}
