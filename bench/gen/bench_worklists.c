/*
** bench_worklists: latency of the work lists (svc_candidate_list, the
** count included) on a base filled by gen_candidates, as each role sees
** them: the national administrator, the demo centre's staff, the demo
** training body and the demo evaluator. Each case runs ROUNDS times
** (default 200) after one warm-up call; prints the rows found, p50, p99
** and the maximum in milliseconds.
**
**   bench_worklists big.db [ROUNDS]
*/
#include "service/svc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bench_case {
	const char *label;
	int who;                  /* 0 admin, 1 centre, 2 body, 3 evaluator */
	struct candidate_query q;
};

static int count_row(void *arg, const struct reg_row *r)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	static const struct bench_case cases[] = {
		{ "admin, sans filtre", 0, { 0 } },
		{ "admin, page 200", 0, { .page = 200 } },
		{ "admin, q=mar (3 lettres, fréquent)", 0, { .q = "mar" } },
		{ "admin, q=martin", 0, { .q = "martin" } },
		{ "admin, q=martin lea", 0, { .q = "martin lea" } },
		{ "admin, q=bermontier (rare)", 0, { .q = "bermontier" } },
		{ "admin, q=le (2 lettres)", 0, { .q = "le" } },
		{ "admin, q=ier (très fréquent)", 0, { .q = "ier" } },
		{ "admin, q=mar, page 20", 0, { .q = "mar", .page = 20 } },
		{ "admin, statut admis", 0, { .status = "admitted" } },
		{ "admin, certification RNCP28236", 0, { .certification = "RNCP28236" } },
		{ "admin, entreprise (SIRET)", 0, { .company_siret = "73000000031007" } },
		{ "admin, prochain jury", 0, { .next_jury = "2027-01-19" } },
		{ "admin, centre UIMM-DEMO", 0, { .centre = "UIMM-DEMO" } },
		{ "centre, sans filtre", 1, { 0 } },
		{ "centre, q=dupont", 1, { .q = "dupont" } },
		{ "centre, q=rou", 1, { .q = "rou" } },
		{ "centre, statut retiré", 1, { .status = "withdrawn" } },
		{ "centre, certification + statut", 1, { .certification = "RNCP28242", .status = "active" } },
		{ "centre, prochain jury", 1, { .next_jury = "2026-12-08" } },
		{ "centre, entreprise (SIRET)", 1, { .company_siret = "73000000031007" } },
		{ "centre, q=martin + jury", 1, { .q = "martin", .next_jury = "2027-03-16" } },
		{ "organisme, sans filtre", 2, { 0 } },
		{ "organisme, q=mar", 2, { .q = "mar" } },
		{ "évaluateur, sans filtre", 3, { 0 } },
		{ "évaluateur, q=mar", 3, { .q = "mar" } },
	};
	struct store *st;
	struct svc s;
	struct actor actors[4];
	char err[512];
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	double *t;

	if (argc < 2 || argc > 3 || rounds < 1) {
		fprintf(stderr, "usage : bench_worklists BASE [TOURS]\n");
		return 2;
	}
	if (!(st = store_open(argv[1], err, sizeof err))) {
		fprintf(stderr, "bench_worklists : %s\n", err);
		return 1;
	}
	memset(actors, 0, sizeof actors);
	actors[0].role = ROLE_ADMIN;
	snprintf(actors[0].login, sizeof actors[0].login, "bench");
	{
		static const char *const logins[] = { "centre", "organisme", "evaluateur" };
		for (int i = 0; i < 3; i++) {
			struct account a;
			if (store_account_by_login(st, logins[i], &a) != 1) {
				fprintf(stderr, "bench_worklists : compte %s absent (init --demo)\n", logins[i]);
				return 1;
			}
			actors[i + 1].user_id = a.id;
			actors[i + 1].role = (enum role)a.role;
			actors[i + 1].centre_id = a.centre_id;
			snprintf(actors[i + 1].login, sizeof actors[i + 1].login, "%s", a.login);
		}
	}
	t = calloc((size_t)rounds, sizeof *t);
	printf("%-40s %8s %8s %8s %8s\n", "cas", "total", "p50 ms", "p99 ms", "max ms");
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		int64_t total = 0;
		int rows = 0;
		svc_init_ctx(&s, st, &actors[cases[c].who]);
		if (svc_candidate_list(&s, &cases[c].q, count_row, &rows, &total)) {
			printf("%-40s refusé : %s\n", cases[c].label, s.res.message);
			continue;
		}
		for (int i = 0; i < rounds; i++) {
			double a = now_ms();
			rows = 0;
			svc_candidate_list(&s, &cases[c].q, count_row, &rows, &total);
			t[i] = now_ms() - a;
		}
		qsort(t, (size_t)rounds, sizeof *t, cmp_double);
		printf("%-40s %8lld %8.2f %8.2f %8.2f\n", cases[c].label, (long long)total,
			t[rounds / 2], t[(int)((rounds - 1) * 0.99)], t[rounds - 1]);
	}
	free(t);
	store_close(st);
	return 0;
}
