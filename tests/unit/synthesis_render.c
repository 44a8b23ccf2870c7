/*
** Test tool: renders the synthesis of evaluations of a candidate's file
** given as JSON (tests/data/synthesis/) into a PDF, with a fixed centre
** name and fixed dates so that the output is the same on every run.
**
** usage: synthesis_render FILE.json OUT.pdf [--anonymous CODE] [--repeat N]
** With --repeat, renders N times into memory first and prints pages per
** second on standard error (a measure, not a test).
*/
#include "doc/synthesis.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int to_file(void *arg, const unsigned char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

static int count_only(void *arg, const unsigned char *data, size_t len)
{
	(void)data;
	*(size_t *)arg += len;
	return 0;
}

int main(int argc, char **argv)
{
	struct synthesis_opts o = { "UIMM Centre de démonstration", "2026-06-15",
		"2026-06-15T09:30:00Z", NULL };
	json_error_t err;
	json_t *file;
	FILE *out;
	int repeat = 0, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: synthesis_render FILE.json OUT.pdf [--anonymous CODE] [--repeat N]\n");
		return 2;
	}
	for (int i = 3; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--anonymous"))
			o.anonymous_code = argv[i + 1];
		else if (!strcmp(argv[i], "--repeat"))
			repeat = atoi(argv[i + 1]);
	}
	file = json_load_file(argv[1], 0, &err);
	if (!file) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], err.line, err.text);
		return 1;
	}
	if (repeat > 0) {
		struct timespec t0, t1;
		size_t bytes = 0;
		int pages = 0, p;
		double s;
		const json_t *files[1] = { file };
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < repeat; i++) {
			if (doc_synthesis_batch(files, 1, NULL, &o, count_only, &bytes, &p))
				return 1;
			pages += p;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "%d syntheses, %d pages, %zu bytes in %.2f s: %.1f pages/s, %.1f syntheses/s\n",
			repeat, pages, bytes, s, pages / s, repeat / s);
	}
	out = fopen(argv[2], "wb");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	rc = doc_synthesis(file, &o, to_file, out);
	if (fclose(out))
		rc = -2;
	json_decref(file);
	if (rc) {
		fprintf(stderr, "synthesis_render: failed (%d)\n", rc);
		return 1;
	}
	return 0;
}
