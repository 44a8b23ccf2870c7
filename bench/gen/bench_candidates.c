/*
** bench_candidates DB N [JURY]
**
** A generated certification centre for the measurements of the candidate's
** path: creates DB (which must not exist) with the demo data, then
**   1. registers N candidates through the registration service, one
**      transaction per registration as at the counter (throughput);
**   2. records their evaluations through the evaluation services: the
**      dossier, every competence's result, the company's opinion — one
**      transaction each;
**   3. computes the candidate file — results, acquired blocks, status —
**      of JURY candidates (default 500), the synthesis a jury examines;
**   4. runs 2 000 name searches of the work list at the service level
**      (latency p50 / p99).
** Prints one "name value unit" line per figure, for bench/run.sh.
**
** The names are built from syllables so that a base of 100 000 has about
** 8 000 birth names, like a real region: a search for a name finds tens of
** candidates, not thousands.
*/
#include "service/svc.h"
#include "doc/pdf.h"
#include "doc/synthesis.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const syl[20] = {
	"Ber", "Mar", "Du", "Le", "Ro", "Gar", "Fon", "Che", "Lam", "Bou",
	"Pel", "Vin", "Cas", "Mo", "Ri", "Tes", "Jol", "Per", "Sa", "Gui",
};
static const char *const first[24] = {
	"Léa", "Hugo", "Chloé", "Lucas", "Emma", "Louis", "Inès", "Gabriel",
	"Manon", "Jules", "Camille", "Nathan", "Sarah", "Théo", "Zoé", "Noah",
	"Jade", "Arthur", "Lina", "Adam", "Alice", "Raphaël", "Rose", "Paul",
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A SIRET with a valid Luhn key from a 13-digit stem. */
static void siret_of(long stem, char out[16])
{
	int sum = 0;
	snprintf(out, 16, "%013ld0", stem % 10000000000000L);
	for (int i = 0; i < 14; i++) {
		int d = out[13 - i] - '0';
		if (i % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	out[13] = (char)('0' + (10 - sum % 10) % 10);
}

static void name_of(long i, char *out, size_t n)
{
	long k = i % 8000;
	snprintf(out, n, "%s%s%s", syl[k % 20], syl[(k / 20) % 20],
		k / 400 % 2 ? "et" : syl[(k / 400) % 20]);
	/* lower-case the second and third syllables */
	for (char *p = out + 1; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

/* A work-list row: counted, as a page would read it. */
static int count_row(void *arg, const struct reg_row *r)
{
	(*(long *)arg) += r->id > 0;
	return 0;
}

/* PDF output: counted, not kept. */
static int count_bytes(void *arg, const unsigned char *data, size_t n)
{
	(void)data;
	*(long *)arg += (long)n;
	return 0;
}

int main(int argc, char **argv)
{
	struct store *st;
	struct svc s;
	struct actor a = { .role = ROLE_ADMIN, .login = "bench" };
	struct init_report rep;
	char err[256], name[64], siret[16], birth[16];
	long n, jury;
	double t0, t1, *lat;
	int64_t kid, rid;
	long i, failures = 0, nops = 0;
	char today[11];
	json_t **files;
	int64_t *rids, *kids;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_candidates DB N [JURY]\n");
		return 2;
	}
	n = atol(argv[2]);
	jury = argc > 3 ? atol(argv[3]) : 500;
	if (n < 1 || jury < 1 || jury > n || access(argv[1], F_OK) == 0) {
		fprintf(stderr, "bench_candidates: N >= JURY >= 1, DB must not exist\n");
		return 2;
	}
	st = store_open(argv[1], err, sizeof err);
	if (!st) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	svc_init_ctx(&s, st, &a);
	if (svc_setup(&s, CQPM_DATADIR, 1, NULL, NULL, &rep)) {
		fprintf(stderr, "setup: %s\n", s.res.message);
		return 1;
	}

	svc_today(&s, today);
	rids = xcalloc((size_t)n, sizeof *rids);
	kids = xcalloc((size_t)n, sizeof *kids);
	/* 1. registrations */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		struct candidate_in k = { 0 };
		struct registration_in r = { 0 };
		int job_seeker = i % 5 == 0;
		name_of(i, name, sizeof name);
		snprintf(birth, sizeof birth, "%04ld-%02ld-%02ld", 1960 + i % 40, 1 + i % 12, 1 + i % 28);
		k.birth_name = name;
		k.first_names = first[(i / 8000) % 24];
		k.sex = i % 2 ? "M" : "F";
		k.birth_date = birth;
		k.birth_town = "Lyon";
		k.birth_insee = "69123";
		k.birth_department = "69";
		r.centre = "UIMM-DEMO";
		r.certification = i % 3 ? "RNCP28235" : "RNCP28236";
		r.route = i % 2 ? "continuing" : "professionalisation";
		r.registrant = job_seeker ? "candidate" : "company";
		r.origin = job_seeker ? "DE" : "SL";
		r.funding = job_seeker ? "CPF" : "PDC";
		if (!job_seeker) {
			siret_of(7328293200007L + i % 500 * 1000, siret);
			r.company_name = "Entreprise de mécanique";
			r.company_siret = siret;
			r.company_naf = "25.62B";
			r.sector = "M";
			r.tutor = "Tuteur";
		}
		s.res.rc = SVC_OK;
		rid = 0;
		if (svc_candidate_register(&s, &k, &r, &kid, &rid)) {
			if (failures++ < 3)
				fprintf(stderr, "registration %ld: %s\n", i, s.res.message);
		}
		rids[i] = rid;
		kids[i] = kid;
	}
	t1 = now_s();
	printf("registrations %ld count\n", n - failures);
	printf("registration_failures %ld count\n", failures);
	printf("registration_time %.2f s\n", t1 - t0);
	printf("registration_rate %.0f per_s\n", (double)(n - failures) / (t1 - t0));

	/* 2. evaluations */
	t0 = now_s();
	for (i = 0; i < n; i++) {
		int cq = i % 3 != 0;   /* RNCP28235: C1–C8; RNCP28236: C1–C9 */
		int ncomp = cq ? 8 : 9;
		struct dossier_choice ch[9];
		char codes[9][4];
		struct dossier_in d = { 0 };
		struct opinion_in o = { 0 };
		for (int c = 0; c < ncomp; c++) {
			snprintf(codes[c], sizeof codes[c], "C%d", c + 1);
			ch[c].competence = codes[c];
			ch[c].modalities = "real_situation";
		}
		d.choices = ch;
		d.nchoices = (size_t)ncomp;
		d.places = "Dans l'entreprise";
		d.period_start = today;
		d.period_end = today;
		d.agreed_on = today;
		d.centre_signatory = "Chargée de certification";
		d.company_signatory = i % 5 == 0 ? NULL : "Responsable";
		if (svc_dossier_agree(&s, rids[i], &d)) {
			if (failures++ < 3)
				fprintf(stderr, "dossier %ld: %s\n", i, s.res.message);
			continue;
		}
		nops++;
		for (int c = 0; c < ncomp; c++) {
			struct evaluation_in e = { 0 };
			e.competence = codes[c];
			e.result = (i + c) % 7 ? "acquired" : "not_acquired";
			e.modality = "real_situation";
			e.criteria = "Critères observés en situation";
			e.appraisal = "Le candidat maîtrise la compétence dans les situations observées.";
			e.date = today;
			if (svc_eval_record(&s, rids[i], &e)) {
				if (failures++ < 3)
					fprintf(stderr, "evaluation %ld: %s\n", i, s.res.message);
			}
			nops++;
		}
		o.opinion = "favourable";
		o.author_name = "Tuteur";
		o.author_role = "tutor";
		o.date = today;
		if (svc_opinion_record(&s, rids[i], &o)) {
			if (failures++ < 3)
				fprintf(stderr, "opinion %ld: %s\n", i, s.res.message);
		}
		nops++;
	}
	t1 = now_s();
	printf("evaluation_operations %ld count\n", nops);
	printf("evaluation_time %.2f s\n", t1 - t0);
	printf("evaluation_rate %.0f per_s\n", (double)nops / (t1 - t0));

	/* 3. the candidate file of a jury's candidates */
	files = xcalloc((size_t)jury, sizeof *files);
	t0 = now_s();
	for (i = 0; i < jury; i++) {
		if (svc_candidate_doc(&s, kids[i * (n / jury)], &files[i])) {
			fprintf(stderr, "file %ld: %s\n", i, s.res.message);
			return 1;
		}
	}
	t1 = now_s();
	printf("synthesis_jury %ld candidates\n", jury);
	printf("synthesis_time %.3f s\n", t1 - t0);
	printf("synthesis_per_candidate %.3f ms\n", (t1 - t0) * 1000 / (double)jury);
	/* and their syntheses as one PDF, anonymous, as the jury gets them */
	{
		struct synthesis_opts o = { .centre_name = "Centre de démonstration",
			.date = today, .anonymous_code = "X" };
		const char **codes = xcalloc((size_t)jury, sizeof *codes);
		char (*code)[16] = xcalloc((size_t)jury, sizeof *code);
		long bytes = 0;
		int pages = 0;
		for (i = 0; i < jury; i++) {
			snprintf(code[i], sizeof code[i], "J%04ld", i + 1);
			codes[i] = code[i];
		}
		t0 = now_s();
		if (doc_synthesis_batch((const json_t *const *)files, (size_t)jury, codes, &o,
		    count_bytes, &bytes, &pages)) {
			fprintf(stderr, "synthesis PDF failed\n");
			return 1;
		}
		t1 = now_s();
		printf("synthesis_pdf_time %.3f s\n", t1 - t0);
		printf("synthesis_pdf_pages %d pages\n", pages);
		printf("synthesis_pdf_rate %.0f pages_per_s\n", pages / (t1 - t0));
		printf("synthesis_pdf_bytes %ld bytes\n", bytes);
		free(codes);
		free(code);
	}
	for (i = 0; i < jury; i++)
		json_decref(files[i]);
	free(files);
	pdf_cleanup();

	/* 4. name searches of the work list */
	lat = xcalloc(2000, sizeof *lat);
	for (i = 0; i < 2000; i++) {
		struct candidate_query q = { 0 };
		int64_t total;
		long rows = 0;
		double q0;
		name_of(i * 7919, name, sizeof name);
		q.q = name;
		q.per_page = 50;
		q0 = now_s();
		if (svc_candidate_list(&s, &q, count_row, &rows, &total)) {
			fprintf(stderr, "search: %s\n", s.res.message);
			return 1;
		}
		lat[i] = (now_s() - q0) * 1000;
	}
	qsort(lat, 2000, sizeof *lat, cmp_double);
	printf("search_p50 %.3f ms\n", lat[1000]);
	printf("search_p99 %.3f ms\n", lat[1980]);
	free(lat);
	free(rids);
	free(kids);
	store_close(st);
	return failures ? 1 : 0;
}
