/*
** bench_rncp_import: imports an RNCP export (XML, CSV zip or folder, told
** apart by rncp_detect()) with a sink that only counts the fiches, and
** prints the count and the time taken. Run it under /usr/bin/time -v to
** read the peak memory:
**
**   gen_rncp_xml 40000 > export.xml
**   /usr/bin/time -v bench_rncp_import export.xml
*/
#include "import/import.h"
#include <stdio.h>
#include <time.h>

/* The sink: counts. */
static int count(void *arg, json_t *doc)
{
	(void)doc;
	++*(long *)arg;
	return 0;
}

/* bench_rncp_import EXPORT: prints the count and the time. */
int main(int argc, char **argv)
{
	struct import_error err;
	struct timespec t0, t1;
	long n = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage : bench_rncp_import EXPORT\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	switch (rncp_detect(argv[1])) {
	case RNCP_XML:
		rc = rncp_xml_import(argv[1], count, &n, NULL, NULL, &err);
		break;
	case RNCP_CSV_ZIP:
	case RNCP_CSV_DIR:
		rc = rncp_csv_import(argv[1], count, &n, NULL, NULL, &err);
		break;
	default:
		fprintf(stderr, "bench_rncp_import : format inconnu\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	printf("%ld fiches en %.2f s\n", n, (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
