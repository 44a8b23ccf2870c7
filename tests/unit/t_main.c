/*
** Runner for the unit-test harness (see t.h). Usage: test-x [NAME...]
** runs all tests, or only those named. Exit status 0 iff nothing failed.
*/
#include "t.h"
#include <stdarg.h>
#include <stdlib.h>

#define T_MAX 512

static struct { const char *name; t_fn fn; } tests[T_MAX];
static int ntests;
static int cur_failed;
int t_checks;

void t_register(const char *name, t_fn fn)
{
	if (ntests == T_MAX) {
		fprintf(stderr, "too many tests\n");
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cur_failed = 1;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	for (int i = 0; i < ntests; i++) {
		if (argc > 1) {
			int want = 0;
			for (int j = 1; j < argc; j++)
				if (!strcmp(argv[j], tests[i].name))
					want = 1;
			if (!want)
				continue;
		}
		int before = t_checks;
		cur_failed = 0;
		tests[i].fn();
		if (t_checks == before) {
			fprintf(stderr, "  %s: aucune vérification\n", tests[i].name);
			cur_failed = 1;
		}
		printf("%s %s\n", cur_failed ? "FAIL" : "ok  ", tests[i].name);
		if (cur_failed)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
