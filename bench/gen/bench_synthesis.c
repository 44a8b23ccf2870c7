/*
** Measures the synthesis of evaluations (doc/synthesis.h), output to a
** counting sink: N syntheses of the candidate's file FILE.json rendered
** one document each (the page or the API answering one request), then
** the same N in one document (a jury's session, doc_synthesis_batch).
** Prints pages and syntheses per second of elapsed time, and per second
** of the process's CPU time (what a loaded machine does not disturb).
**
** usage: bench_synthesis FILE.json [N]   (N: 500 by default)
*/
#include "doc/synthesis.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int count(void *arg, const unsigned char *data, size_t len)
{
	(void)data;
	*(size_t *)arg += len;
	return 0;
}

static double now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct synthesis_opts o = { "Centre de mesure", "2026-06-15", "2026-06-15T09:30:00Z", NULL };
	const json_t **files;
	json_error_t err;
	json_t *file;
	size_t bytes = 0;
	int n = argc > 2 ? atoi(argv[2]) : 500, pages = 0, p;
	double t0, c0, s, c;

	if (argc < 2 || n < 1 || n > 1000000) {
		fprintf(stderr, "usage: bench_synthesis FILE.json [N]\n");
		return 2;
	}
	file = json_load_file(argv[1], 0, &err);
	if (!file) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], err.line, err.text);
		return 1;
	}
	/* one warm-up: fontconfig and the font map are loaded once per process */
	if (doc_synthesis(file, &o, count, &bytes))
		return 1;
	bytes = 0;
	t0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < n; i++) {
		const json_t *one[1] = { file };
		if (doc_synthesis_batch(one, 1, NULL, &o, count, &bytes, &p))
			return 1;
		pages += p;
	}
	s = now(CLOCK_MONOTONIC) - t0;
	c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
	printf("one document each: %d syntheses, %d pages, %.1f MiB in %.2f s (CPU %.2f s): "
		"%.0f pages/s (CPU: %.0f), %.0f syntheses/s\n", n, pages, (double)bytes / 1048576, s, c,
		pages / s, pages / c, n / s);

	files = malloc((size_t)n * sizeof *files);
	for (int i = 0; i < n; i++)
		files[i] = file;
	bytes = 0;
	t0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	if (doc_synthesis_batch(files, (size_t)n, NULL, &o, count, &bytes, &pages))
		return 1;
	s = now(CLOCK_MONOTONIC) - t0;
	c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
	printf("one batch document: %d syntheses, %d pages, %.1f MiB in %.2f s (CPU %.2f s): "
		"%.0f pages/s (CPU: %.0f), %.0f syntheses/s\n", n, pages, (double)bytes / 1048576, s, c,
		pages / s, pages / c, n / s);
	free(files);
	json_decref(file);
	pdf_cleanup();
	return 0;
}
