/*
** bench_jury build DB [N]
** bench_jury docs DB OUT.zip
**
** The documents of a jury paritaire of N candidates (default 500), made
** through the services as a centre makes them, on the program's clock
** (svc_clock_set) so that every date rule holds:
**
**   build  creates DB (which must not exist) with the demo data, then on
**          D-40 registers N candidates of the demo centre on two CQPM
**          (RNCP28235, RNCP28242; 6 in 7 company employees, 1 in 7 job
**          seekers) and records their dossier, every competence's result
**          and the company's opinion: 7 in 10 acquire everything, 2 in
**          10 some blocks, 1 in 10 nothing. On D-30 the jury is planned,
**          composed (an employer president and a second employer voting,
**          a CFDT and a CGT representative voting: parity 2 / 2), the
**          unions asked, the CPREFP told, the members convened, the N
**          candidates added. On D the sitting opens with everyone
**          present, the conformity is checked, N decisions are recorded
**          (A for those who acquired everything, NA otherwise) and the
**          president signs, which issues the numbered certificates.
**          Times the decisions and the signature.
**   docs   opens DB (a process of its own, so that its peak RSS is the
**          documents' alone) and times, on D:
**          (a) svc_jury_zip of the whole jury to OUT.zip: files, pages,
**              bytes, pages per second; the time of each entry from the
**              progress calls, summed by kind (letters, certificates…)
**              with the names read back from the zip's central directory;
**              the resident memory as the zip goes (it streams: it must
**              stay flat);
**          (b) the N admission letters one request each, svc_jury_pdf
**              JDOC_LETTER per candidate (as a page of the interface
**              asks for one), pages counted;
**          (c) the peak RSS (getrusage) of the process.
**
** The process is single-threaded (cairo, pango and SQLite run in the
** calling thread): the figures are those of one core; the thread count
** is printed at the end to show it.
** Prints one "name value unit" line per figure, for bench/run.sh.
*/
#include "service/svc.h"
#include "service/svc_jury.h"
#include "doc/pdf.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* The jury's day and the days of the preparation. */
#define D_EVAL "2026-11-05"   /* D-40: registrations, evaluations */
#define D_PLAN "2026-11-15"   /* D-30: the jury planned, composed, convened */
#define D_JURY "2026-12-15"   /* D */

static const char *const certs[2] = { "RNCP28235", "RNCP28242" };
static const char *const syl[20] = {
	"Ber", "Mar", "Du", "Le", "Ro", "Gar", "Fon", "Che", "Lam", "Bou",
	"Pel", "Vin", "Cas", "Mo", "Ri", "Tes", "Jol", "Per", "Sa", "Gui",
};
static const char *const first[12] = {
	"Léa", "Hugo", "Chloé", "Lucas", "Emma", "Louis", "Inès", "Gabriel",
	"Manon", "Jules", "Camille", "Théo",
};

static double now_s(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The resident set now, KiB (/proc/self/statm), 0 if unknown. */
static long rss_kib(void)
{
	long pages = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &res) != 2)
			res = 0;
		fclose(f);
	}
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static long peak_kib(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return u.ru_maxrss;
}

static int threads(void)
{
	char line[128];
	int n = 0;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "Threads:", 8))
			n = atoi(line + 8);
	fclose(f);
	return n;
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
	snprintf(out, n, "%s%s%s", syl[i % 20], syl[(i / 20) % 20], i / 400 % 2 ? "et" : "in");
	for (char *p = out + 1; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

static void as(struct svc *s, struct store *st, const char *login)
{
	struct account acc;
	struct actor a;

	memset(&a, 0, sizeof a);
	if (store_account_by_login(st, login, &acc) != 1) {
		fprintf(stderr, "bench_jury: no account %s\n", login);
		exit(1);
	}
	a.user_id = acc.id;
	a.role = (enum role)acc.role;
	a.centre_id = acc.centre_id;
	snprintf(a.login, sizeof a.login, "%s", acc.login);
	svc_init_ctx(s, st, &a);
}

static void clock_at(const char *day)
{
	if (svc_clock_set(day)) {
		fprintf(stderr, "bench_jury: bad day %s\n", day);
		exit(1);
	}
}

static void must(struct svc *s, int rc, const char *what, long i)
{
	if (rc) {
		fprintf(stderr, "bench_jury: %s %ld: %s%s%s\n", what, i, s->res.message,
			*s->res.rule ? " " : "", s->res.rule);
		exit(1);
	}
}

/* Profile of candidate i: 0 everything acquired, 1 some blocks, 2 nothing. */
static int profile(long i)
{
	int k = (int)(i % 10);
	return k == 9 ? 2 : k >= 7 ? 1 : 0;
}

static int build(const char *path, long n)
{
	struct store *st;
	struct svc s;
	struct actor admin = { .role = ROLE_ADMIN, .login = "bench" };
	struct init_report rep;
	char err[256], name[64], siret[16], birth[16], addr[64];
	int64_t *rids, jury, members[4];
	double t0, t1;

	if (access(path, F_OK) == 0) {
		fprintf(stderr, "bench_jury: %s exists\n", path);
		return 2;
	}
	st = store_open(path, err, sizeof err);
	if (!st) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	clock_at(D_EVAL);
	svc_init_ctx(&s, st, &admin);
	must(&s, svc_setup(&s, CQPM_DATADIR, 1, NULL, NULL, &rep), "setup", 0);

	/* D-40: registrations and evaluations, by the centre's staff */
	as(&s, st, "centre");
	rids = xcalloc((size_t)n, sizeof *rids);
	t0 = now_s(CLOCK_MONOTONIC);
	for (long i = 0; i < n; i++) {
		struct candidate_in k = { 0 };
		struct registration_in r = { 0 };
		struct dossier_choice ch[8];
		struct dossier_in d = { 0 };
		struct opinion_in o = { "favourable", "Paul Durand", "tutor", D_EVAL, "" };
		char codes[8][4];
		int job_seeker = i % 7 == 3, cert = (int)(i % 2), p = profile(i);
		int64_t kid;

		name_of(i, name, sizeof name);
		snprintf(birth, sizeof birth, "%04ld-%02ld-%02ld", 1965 + i % 35, 1 + i % 12, 1 + i % 28);
		snprintf(addr, sizeof addr, "%ld rue des Forges", 1 + i % 120);
		k.birth_name = name;
		k.first_names = first[i % 12];
		k.sex = i % 2 ? "M" : "F";
		k.birth_date = birth;
		k.birth_town = "Lyon";
		k.birth_insee = "69123";
		k.birth_department = "69";
		k.address = addr;
		k.postal_code = "69007";
		k.city = "Lyon";
		r.centre = "UIMM-DEMO";
		r.certification = certs[cert];
		r.route = i % 3 ? "continuing" : "professionalisation";
		r.registrant = job_seeker ? "candidate" : "company";
		r.origin = job_seeker ? "DE" : "SL";
		r.funding = job_seeker ? "CPF" : "PDC";
		if (!job_seeker) {
			siret_of(7328293200007L + i % 60 * 1000, siret);
			r.company_name = "Forges et Mécanique du Rhône";
			r.company_address = "12 avenue Tony Garnier, 69007 Lyon";
			r.company_siret = siret;
			r.company_naf = "25.62B";
			r.sector = "M";
			r.tutor = "Paul Durand";
		}
		must(&s, svc_candidate_register(&s, &k, &r, &kid, &rids[i]), "registration", i);
		for (int c = 0; c < 8; c++) {
			snprintf(codes[c], sizeof codes[c], "C%d", c + 1);
			ch[c].competence = codes[c];
			ch[c].modalities = "real_situation";
		}
		d.choices = ch;
		d.nchoices = 8;
		d.places = "Dans l'entreprise";
		d.period_start = D_EVAL;
		d.period_end = D_EVAL;
		d.agreed_on = D_EVAL;
		d.centre_signatory = "Claire Lenoir";
		d.company_signatory = job_seeker ? NULL : "Paul Durand";
		must(&s, svc_dossier_agree(&s, rids[i], &d), "dossier", i);
		for (int c = 0; c < 8; c++) {
			/* some blocks: the last block fails on C8 (RNCP28235BC04,
			** RNCP28242BC03), the others are acquired */
			int ok = p == 0 || (p == 1 && c != 7);
			struct evaluation_in e = { codes[c], ok ? "acquired" : "not_acquired",
				"real_situation", "Critères observés en situation de travail",
				ok ? "Le candidat maîtrise la compétence dans les situations observées." :
				"La compétence n'est pas encore maîtrisée dans les situations observées.",
				D_EVAL };
			must(&s, svc_eval_record(&s, rids[i], &e), "evaluation", i);
		}
		must(&s, svc_opinion_record(&s, rids[i], &o), "opinion", i);
	}
	t1 = now_s(CLOCK_MONOTONIC);
	printf("candidates %ld count\n", n);
	printf("preparation_time %.2f s\n", t1 - t0);

	/* D-30: the jury planned, composed, the unions asked, the CPREFP
	** told, the members convened, the candidates added */
	clock_at(D_PLAN);
	as(&s, st, "centre");
	{
		struct jury_in in = { NULL, D_JURY, "Lyon", certs, 2 };
		struct jury_member_in m[4] = {
			{ "Anne Martin", "", "employer", "metallurgy", NULL, 0, 1, 1,
			  "Forges et Mécanique du Rhône", "Directrice industrielle", "jury" },
			{ "Bruno Leroy", "", "employer", "metallurgy", NULL, 0, 1, 0,
			  "Chaudronnerie Leroy", "Gérant", NULL },
			{ "Émile Roux", "", "union", "metallurgy", "CFDT", 1, 1, 0, "", "Technicien", NULL },
			{ "Hugo Laurent", "", "union", "metallurgy", "CGT", 1, 1, 0, "", "Ajusteur", NULL },
		};
		struct convoke_report cr;
		must(&s, svc_jury_plan(&s, &in, &jury), "plan", 0);
		for (int i = 0; i < 4; i++)
			must(&s, svc_jury_member_add(&s, jury, &m[i], &members[i]), "member", i);
		must(&s, svc_jury_request(&s, jury, NULL, NULL), "request", 0);
		must(&s, svc_jury_notify_cprefp(&s, jury, NULL), "cprefp", 0);
		must(&s, svc_jury_convoke(&s, jury, 0, NULL, &cr), "convocation", 0);
		t0 = now_s(CLOCK_MONOTONIC);
		for (long i = 0; i < n; i++)
			must(&s, svc_jury_candidate_add(&s, jury, rids[i]), "candidate", i);
		t1 = now_s(CLOCK_MONOTONIC);
		printf("jury_id %lld id\n", (long long)jury);
		printf("candidates_add_time %.2f s\n", t1 - t0);
	}

	/* D: the sitting */
	clock_at(D_JURY);
	as(&s, st, "centre");
	must(&s, svc_jury_open(&s, jury, members, 4), "open", 0);
	must(&s, svc_jury_conformity(&s, jury), "conformity", 0);
	{
		json_t *doc = NULL;
		const json_t *k;
		size_t i;
		long admitted = 0;
		must(&s, svc_jury_doc(&s, jury, &doc), "jury", 0);
		t0 = now_s(CLOCK_MONOTONIC);
		json_array_foreach(json_object_get(doc, "candidates"), i, k) {
			int64_t rid = json_integer_value(json_object_get(k, "registration_id"));
			long idx = -1;
			for (long j = 0; j < n; j++)
				if (rids[j] == rid)
					idx = j;
			int a = idx >= 0 && profile(idx) == 0;
			struct decision_in dec = { a ? "A" : "NA", a ? 4 : 0, a ? 0 : 4, 0,
				a ? "for" : "against", "" };
			must(&s, svc_jury_decide(&s, jury, json_string_value(json_object_get(k, "code")),
				&dec), "decision", (long)i);
			admitted += a;
		}
		t1 = now_s(CLOCK_MONOTONIC);
		json_decref(doc);
		printf("decisions %ld count\n", n);
		printf("decisions_admitted %ld count\n", admitted);
		printf("decisions_time %.2f s\n", t1 - t0);
		printf("decisions_rate %.0f per_s\n", (double)n / (t1 - t0));
	}
	t0 = now_s(CLOCK_MONOTONIC);
	must(&s, svc_jury_sign(&s, jury), "signature", 0);
	t1 = now_s(CLOCK_MONOTONIC);
	printf("signature_time %.3f s\n", t1 - t0);
	{
		json_t *doc = NULL;
		const json_t *k;
		size_t i;
		long certs_issued = 0;
		must(&s, svc_jury_doc(&s, jury, &doc), "jury", 0);
		json_array_foreach(json_object_get(doc, "candidates"), i, k)
			certs_issued += (long)json_array_size(json_object_get(k, "certificates"));
		json_decref(doc);
		printf("certificates_issued %ld count\n", certs_issued);
	}
	free(rids);
	store_close(st);
	return 0;
}

/* --- docs ------------------------------------------------------------------ */

struct zout {
	FILE *f;
	long bytes;
};

static int zwrite(void *arg, const unsigned char *data, size_t len)
{
	struct zout *z = arg;
	z->bytes += (long)len;
	return fwrite(data, 1, len, z->f) == len ? 0 : -1;
}

struct prog {
	double *t;          /* t[i]: monotonic time when document i was done */
	long *rss;          /* rss[i]: resident KiB then */
	size_t cap;
};

static void progress(void *arg, uint64_t done, uint64_t total)
{
	struct prog *p = arg;
	(void)total;
	if (done < p->cap) {
		p->t[done] = now_s(CLOCK_MONOTONIC);
		p->rss[done] = rss_kib();
	}
}

static int count_bytes(void *arg, const unsigned char *data, size_t n)
{
	(void)data;
	*(long *)arg += (long)n;
	return 0;
}

static unsigned rd16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* The entries' names of the zip at path, in order (the archive has no
** comment: the end record is its last 22 bytes); their count or -1. */
static long zip_names(const char *path, char ***names)
{
	FILE *f = fopen(path, "rb");
	unsigned char end[22], *cd = NULL;
	unsigned long size, off, count, pos = 0;
	long n = -1;

	if (!f || fseek(f, -22, SEEK_END) || fread(end, 1, 22, f) != 22 || rd32(end) != 0x06054b50)
		goto out;
	count = rd16(end + 10);
	size = rd32(end + 12);
	off = rd32(end + 16);
	cd = xmalloc(size);
	if (fseek(f, (long)off, SEEK_SET) || fread(cd, 1, size, f) != size)
		goto out;
	*names = xcalloc(count ? count : 1, sizeof **names);
	for (n = 0; (unsigned long)n < count; n++) {
		unsigned ln, le, lc;
		if (pos + 46 > size || rd32(cd + pos) != 0x02014b50)
			break;
		ln = rd16(cd + pos + 28);
		le = rd16(cd + pos + 30);
		lc = rd16(cd + pos + 32);
		if (pos + 46 + ln > size)
			break;
		(*names)[n] = xcalloc(ln + 1, 1);
		memcpy((*names)[n], cd + pos + 46, ln);
		pos += 46 + ln + le + lc;
	}
out:
	free(cd);
	if (f)
		fclose(f);
	return n;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcmp(s + a - b, tail);
}

static int docs(const char *path, const char *zpath)
{
	struct store *st;
	struct svc s;
	char err[256];
	json_t *doc = NULL;
	const json_t *k;
	size_t i;
	int64_t jury;
	double t0, t1, c0, c1;
	long ncand;

	st = store_open(path, err, sizeof err);
	if (!st) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	clock_at(D_JURY);
	as(&s, st, "centre");
	{
		json_t *list = NULL;
		must(&s, svc_jury_list(&s, NULL, "", "", &list), "list", 0);
		jury = json_integer_value(json_object_get(json_array_get(list, 0), "id"));
		json_decref(list);
	}
	/* the jury's JSON, which every document is drawn from */
	t0 = now_s(CLOCK_MONOTONIC);
	must(&s, svc_jury_doc(&s, jury, &doc), "jury", 0);
	t1 = now_s(CLOCK_MONOTONIC);
	ncand = (long)json_array_size(json_object_get(doc, "candidates"));
	printf("jury_candidates %ld count\n", ncand);
	printf("jury_doc_time %.3f s\n", t1 - t0);
	printf("rss_before_documents %.1f MiB\n", rss_kib() / 1024.0);

	/* (a) the whole jury in one zip */
	{
		struct zout z = { fopen(zpath, "wb"), 0 };
		struct prog p;
		int files = 0, pages = 0;
		char **names = NULL;
		long nn;
		double sum_letters = 0, sum_certs = 0, sum_first = 0, sum_other = 0;
		long n_letters = 0, n_certs = 0, rss_lo = 0, rss_hi = 0, rss_10 = 0;

		if (!z.f) {
			perror(zpath);
			return 1;
		}
		p.cap = (size_t)(8 + 16 + 2 * ncand + 8);
		p.t = xcalloc(p.cap, sizeof *p.t);
		p.rss = xcalloc(p.cap, sizeof *p.rss);
		t0 = now_s(CLOCK_MONOTONIC);
		c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		p.t[0] = t0;
		p.rss[0] = rss_kib();
		must(&s, svc_jury_zip(&s, jury, zwrite, &z, progress, &p, &files, &pages), "zip", 0);
		t1 = now_s(CLOCK_MONOTONIC);
		c1 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		if (fclose(z.f)) {
			perror(zpath);
			return 1;
		}
		printf("zip_files %d count\n", files);
		printf("zip_pages %d pages\n", pages);
		printf("zip_bytes %.1f MiB\n", z.bytes / 1048576.0);
		printf("zip_time %.2f s\n", t1 - t0);
		printf("zip_cpu %.2f s\n", c1 - c0);
		printf("zip_rate %.0f pages_per_s\n", pages / (t1 - t0));
		printf("zip_rate_cpu %.0f pages_per_s\n", pages / (c1 - c0));
		/* the time of each entry, by kind */
		nn = zip_names(zpath, &names);
		if (nn != files) {
			fprintf(stderr, "bench_jury: %ld entries read back, %d written\n", nn, files);
			return 1;
		}
		for (long e = 0; e < nn; e++) {
			double dt = p.t[e + 1] - p.t[e];
			if (!strncmp(names[e], "candidats/", 10) && ends_with(names[e], "-lettre.pdf"))
				sum_letters += dt, n_letters++;
			else if (!strncmp(names[e], "candidats/", 10))
				sum_certs += dt, n_certs++;
			else if (e == 0)
				sum_first += dt;   /* includes the jury's JSON */
			else
				sum_other += dt;
			free(names[e]);
		}
		free(names);
		for (long e = 1; e <= nn; e++) {
			if (!rss_lo || p.rss[e] < rss_lo)
				rss_lo = p.rss[e];
			if (p.rss[e] > rss_hi)
				rss_hi = p.rss[e];
		}
		rss_10 = p.rss[nn / 10 ? nn / 10 : 1];
		printf("zip_letters %ld count\n", n_letters);
		printf("zip_letters_time %.2f s\n", sum_letters);
		printf("zip_letters_rate %.0f letters_per_s\n", n_letters / sum_letters);
		printf("zip_certificates_files %ld count\n", n_certs);
		printf("zip_certificates_time %.2f s\n", sum_certs);
		printf("zip_first_entry_time %.3f s\n", sum_first);
		printf("zip_other_entries_time %.2f s\n", sum_other);
		printf("zip_rss_first_entry %.1f MiB\n", p.rss[1] / 1024.0);
		printf("zip_rss_at_10pct %.1f MiB\n", rss_10 / 1024.0);
		printf("zip_rss_last_entry %.1f MiB\n", p.rss[nn] / 1024.0);
		printf("zip_rss_min %.1f MiB\n", rss_lo / 1024.0);
		printf("zip_rss_max %.1f MiB\n", rss_hi / 1024.0);
		printf("peak_rss_after_zip %.1f MiB\n", peak_kib() / 1024.0);
		free(p.t);
		free(p.rss);
	}

	/* (b) the admission letters, one request each */
	{
		long bytes = 0, n = 0;
		int pages = 0, p;
		t0 = now_s(CLOCK_MONOTONIC);
		c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		json_array_foreach(json_object_get(doc, "candidates"), i, k) {
			if (!json_is_object(json_object_get(k, "letter")))
				continue;
			p = 0;
			must(&s, svc_jury_pdf(&s, jury, JDOC_LETTER,
				json_string_value(json_object_get(k, "code")), count_bytes, &bytes, &p),
				"letter", (long)i);
			pages += p;
			n++;
		}
		t1 = now_s(CLOCK_MONOTONIC);
		c1 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		printf("letters %ld count\n", n);
		printf("letters_pages %d pages\n", pages);
		printf("letters_bytes %.1f MiB\n", bytes / 1048576.0);
		printf("letters_time %.2f s\n", t1 - t0);
		printf("letters_cpu %.2f s\n", c1 - c0);
		printf("letters_rate %.1f letters_per_s\n", n / (t1 - t0));
		printf("letters_page_rate %.0f pages_per_s\n", pages / (t1 - t0));
	}
	json_decref(doc);
	printf("threads %d count\n", threads());
	printf("peak_rss %.1f MiB\n", peak_kib() / 1024.0);
	pdf_cleanup();
	store_close(st);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "build")) {
		long n = argc > 3 ? atol(argv[3]) : 500;
		if (n < 1 || n > 20000) {
			fprintf(stderr, "bench_jury: 1 <= N <= 20000\n");
			return 2;
		}
		return build(argv[2], n);
	}
	if (argc == 4 && !strcmp(argv[1], "docs"))
		return docs(argv[2], argv[3]);
	fprintf(stderr, "usage: bench_jury build DB [N] | bench_jury docs DB OUT.zip\n");
	return 2;
}
