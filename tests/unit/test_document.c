/*
** Documents attached to a candidate: the core's rules (format by magic
** bytes, safe names, sizes in French) and the service on a real SQLite
** database: the SHA-256, the size and type limits, a failure halfway that
** leaves nothing behind, the livret 2 of a VAE (R-VAE-3), and what each
** role may add, read and delete.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc_document.h"
#include "core/catalogue.h"
#include "core/text.h"
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The core ---------------------------------------------------------------- */

TEST(format_by_magic_bytes)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F' };
	static const unsigned char elf[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 };
	static const unsigned char mz[] = { 'M', 'Z', 0x90, 0 };

	CHECK_INT(doc_format_sniff((const unsigned char *)"%PDF-1.7\n", 9), DOC_PDF);
	CHECK_INT(doc_format_sniff(png, sizeof png), DOC_PNG);
	CHECK_INT(doc_format_sniff(jpeg, sizeof jpeg), DOC_JPEG);
	CHECK_INT(doc_format_sniff(elf, sizeof elf), -1);
	CHECK_INT(doc_format_sniff(mz, sizeof mz), -1);
	CHECK_INT(doc_format_sniff((const unsigned char *)"<!DOCTYPE html><html>", 21), -1);
	CHECK_INT(doc_format_sniff((const unsigned char *)"<html><script>", 14), -1);
	CHECK_INT(doc_format_sniff((const unsigned char *)"", 0), -1);
	CHECK_INT(doc_format_sniff(NULL, 0), -1);
	/* a PNG cut before its signature's end, a PDF header not at the start */
	CHECK_INT(doc_format_sniff(png, 7), -1);
	CHECK_INT(doc_format_sniff((const unsigned char *)" %PDF-1.7", 9), -1);
	CHECK_STR(doc_format_mime(DOC_PNG), "image/png");
	CHECK_INT(doc_format_from_mime("image/jpeg"), DOC_JPEG);
	CHECK_INT(doc_format_from_mime("text/html"), -1);
}

TEST(types_and_sizes)
{
	CHECK_INT(doc_type_from_code("livret2"), DOC_LIVRET2);
	CHECK_INT(doc_type_from_code("company_opinion"), DOC_COMPANY_OPINION);
	CHECK_INT(doc_type_from_code("passport"), -1);
	CHECK_INT(doc_type_from_code(NULL), -1);
	CHECK_STR(doc_type_label(DOC_IDENTITY), "Pièce d'identité");
	for (int t = 0; t < DOC_TYPE__MAX; t++)
		CHECK_INT(doc_type_from_code(doc_type_code((enum doc_type)t)), t);
	{
		char out[32];
		doc_size_text(1, out, sizeof out);
		CHECK_STR(out, "1 octet");
		doc_size_text(850, out, sizeof out);
		CHECK_STR(out, "850 octets");
		doc_size_text(12595, out, sizeof out);
		CHECK_STR(out, "12,3 Ko");
		doc_size_text(2048, out, sizeof out);
		CHECK_STR(out, "2 Ko");
		doc_size_text(300 * 1024, out, sizeof out);
		CHECK_STR(out, "300 Ko");
		doc_size_text(1572864, out, sizeof out);
		CHECK_STR(out, "1,5 Mo");
		doc_size_text((long long)DOC_MAX_SIZE, out, sizeof out);
		CHECK_STR(out, "10 Mo");
	}
}

/* A stored name is valid UTF-8, without path, control character nor
** leading dot, of DOC_NAME_MAX bytes at most. */
static int safe_name(const char *n)
{
	return *n && strlen(n) <= DOC_NAME_MAX && utf8_valid(n, strlen(n)) &&
		!strchr(n, '/') && !strchr(n, '\\') && !strpbrk(n, "\t\r\n") && n[0] != '.';
}

TEST(hostile_names_sanitised)
{
	char out[DOC_NAME_MAX + 1], raw[1200];

	doc_name_sanitise("../../etc/passwd", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "passwd.pdf");
	doc_name_sanitise("C:\\Users\\léa\\Rapport de projet.PDF", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "Rapport de projet.PDF");
	doc_name_sanitise("rapport.pdf", DOC_PNG, out, sizeof out);
	CHECK_STR(out, "rapport.pdf.png");
	doc_name_sanitise("photo.JPEG", DOC_JPEG, out, sizeof out);
	CHECK_STR(out, "photo.JPEG");
	doc_name_sanitise("a\r\nb\tc\x01\x7f.pdf", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "a__b_c__.pdf");
	/* C1 controls and the right-to-left override that hides ".exe" */
	doc_name_sanitise("x\xc2\x85y\xe2\x80\xae" "fdp.exe", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "x_y_fdp.exe.pdf");
	doc_name_sanitise("caf\xe9 \xff\xfe.pdf", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "caf_ __.pdf");
	CHECK(safe_name(out));
	doc_name_sanitise("..", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "document.pdf");
	doc_name_sanitise("", DOC_PNG, out, sizeof out);
	CHECK_STR(out, "document.png");
	doc_name_sanitise(NULL, DOC_JPEG, out, sizeof out);
	CHECK_STR(out, "document.jpg");
	doc_name_sanitise(".htaccess", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "htaccess.pdf");
	doc_name_sanitise("dir/", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "document.pdf");
	/* very long: cut on a character boundary, the extension kept */
	memset(raw, 'a', 1000);
	snprintf(raw + 1000, sizeof raw - 1000, ".pdf");
	doc_name_sanitise(raw, DOC_PDF, out, sizeof out);
	CHECK_INT(strlen(out), DOC_NAME_MAX);
	CHECK(!strcmp(out + DOC_NAME_MAX - 4, ".pdf"));
	raw[0] = '\0';
	for (int i = 0; i < 150; i++)
		snprintf(raw + strlen(raw), sizeof raw - strlen(raw), "é");
	doc_name_sanitise(raw, DOC_PNG, out, sizeof out);
	CHECK(safe_name(out));
	CHECK(!strcmp(out + strlen(out) - 4, ".png"));
	CHECK(strlen(out) >= DOC_NAME_MAX - 1);
}

TEST(typed_names_checked)
{
	char out[DOC_NAME_MAX + 1], longname[300];

	CHECK(doc_name_check("Pièce d'identité recto verso") == NULL);
	CHECK(doc_name_check("") != NULL);
	CHECK(doc_name_check("../secret") != NULL);
	CHECK(doc_name_check("a\\b") != NULL);
	CHECK(doc_name_check("ligne\nsuivante") != NULL);
	CHECK(doc_name_check("\xff\xfe") != NULL);
	CHECK(doc_name_check(".cache") != NULL);
	memset(longname, 'x', 201);
	longname[201] = '\0';
	CHECK(doc_name_check(longname) != NULL);
	longname[200] = '\0';
	CHECK(doc_name_check(longname) == NULL);
	doc_name_with_ext(longname, DOC_PDF, out, sizeof out);
	CHECK_INT(strlen(out), DOC_NAME_MAX);
	CHECK(!strcmp(out + DOC_NAME_MAX - 4, ".pdf"));
	doc_name_with_ext("Livret 2", DOC_PDF, out, sizeof out);
	CHECK_STR(out, "Livret 2.pdf");
}

/* The service ------------------------------------------------------------- */

static char dir[300];

struct fixture {
	struct svc s;           /* the national administrator */
	struct store *st;
	struct actor admin, centre, other_centre, body, evaluator, jury, public_;
	int64_t k_company, r_company;   /* continuing, registered by the company */
	int64_t k_vae, r_vae;           /* a VAE (R-VAE-1) */
	int64_t k_body, r_body;         /* registered by the demo training body */
	int64_t k_other;                /* a candidate of another centre */
};

static int64_t registered(struct svc *s, const char *centre, const char *name,
	const char *route, const char *body, int64_t *reg)
{
	struct candidate_in k;
	struct registration_in r;
	int64_t kid = 0;

	fx_person(&k, name, "Camille", "1990-05-06");
	if (!strcmp(route, "vae")) {
		memset(&r, 0, sizeof r);
		r.certification = "RNCP28235";
		r.route = route;
		r.vae_kind = "standard";
		r.registrant = "candidate";
		r.origin = "SL";
		r.funding = "CVAE";
		r.date = "2021-06-01";   /* while 28235 was registered at the RNCP */
	} else {
		fx_employee(&r, "RNCP28235");
		r.route = route;
		if (body) {
			r.registrant = "training_body";
			r.body_siret = body;
		}
	}
	r.centre = centre;
	if (svc_candidate_register(s, &k, &r, &kid, reg))
		fprintf(stderr, "register %s: %s\n", name, s->res.message);
	return kid;
}

static void setup(struct fixture *f)
{
	char sql[200];
	struct centre c;
	struct body b;
	struct hab_assessment ha;
	struct user_new u = { "nord", "Personnel du centre Nord", "", "centre", "UIMM-NORD",
		"un-mot-de-passe" };
	int64_t id;
	sqlite3 *db;

	memset(f, 0, sizeof *f);
	f->st = fx_open(&f->s, "doc", 1, 0);
	f->admin = fx_admin;
	snprintf(dir, sizeof dir, "%s.d", fx_dbpath);   /* the files to upload */
	mkdir(dir, 0700);
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "UIMM-NORD");
	snprintf(c.name, sizeof c.name, "UIMM Nord");
	svc_centre_add(&f->s, &c, &id);
	svc_user_add(&f->s, &u, &id);
	/* the demo training body, habilitated by the demo centre (R-HAB-2) */
	memset(&b, 0, sizeof b);
	snprintf(b.siret, sizeof b.siret, "11004301500012");
	snprintf(b.name, sizeof b.name, "Formation de démonstration");
	svc_body_add(&f->s, &b, &id);
	memset(&ha, 0, sizeof ha);
	snprintf(ha.date, sizeof ha.date, "2021-01-01");
	for (int i = 0; i < HAB_CRITERIA; i++)
		for (int j = 0; j < HAB_INDICATORS; j++)
			ha.findings[i][j] = HAB_MET;
	svc_hab_instruct(&f->s, b.siret, "UIMM-DEMO", &ha);
	svc_hab_decide(&f->s, b.siret, "UIMM-DEMO", "granted", "2021-01-02", NULL);
	svc_account_link_body(&f->s, "organisme", b.siret);

	f->centre = fx_actor(f->st, "centre");
	f->other_centre = fx_actor(f->st, "nord");
	f->body = fx_actor(f->st, "organisme");
	f->evaluator = fx_actor(f->st, "evaluateur");
	f->jury = fx_actor(f->st, "jury");
	f->public_.role = ROLE_PUBLIC;
	f->k_company = registered(&f->s, "UIMM-DEMO", "Martin", "continuing", NULL, &f->r_company);
	f->k_vae = registered(&f->s, "UIMM-DEMO", "Durand", "vae", NULL, &f->r_vae);
	f->s.actor = f->body;
	f->k_body = registered(&f->s, "UIMM-DEMO", "Bernard", "continuing", "11004301500012",
		&f->r_body);
	f->s.actor = f->admin;
	f->k_other = registered(&f->s, "UIMM-NORD", "Petit", "continuing", NULL, NULL);
	/* the evaluation commission's assignment (another part of the path
	** records it): the evaluator evaluates the body's candidate */
	if (sqlite3_open(fx_dbpath, &db) == SQLITE_OK) {
		snprintf(sql, sizeof sql, "INSERT INTO assignment (registration_id, account_id, "
			"assigned_on) VALUES (%lld, %lld, '2024-01-01')", (long long)f->r_body,
			(long long)f->evaluator.user_id);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_close(db);
	}
}

static void teardown(struct fixture *f)
{
	char p[600];
	DIR *d;
	struct dirent *e;

	fx_close(f->st);
	if ((d = opendir(dir))) {
		while ((e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
				unlink(p);
			}
		closedir(d);
	}
	rmdir(dir);
}

/* Writes n bytes of p into dir/name; returns the path (static buffer). */
static const char *file_of(const char *name, const void *p, size_t n)
{
	static char path[600];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (fp) {
		if (n)
			fwrite(p, 1, n, fp);
		fclose(fp);
	}
	return path;
}

static const char pdf[] = "%PDF-1.7\nbonjour\n%%EOF\n";
static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R' };

/* Runs a SQL statement on the test database through its own connection. */
static int sql_exec(const char *sql)
{
	sqlite3 *db;
	int rc;
	if (sqlite3_open(fx_dbpath, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int64_t count_docs(struct fixture *f, int64_t candidate)
{
	return store_document_count(f->st, candidate);
}

/* Number of audit events of action. */
struct audit_count { const char *action; int n; char last[1024]; };

static int audit_one(void *arg, const struct audit_row *r)
{
	struct audit_count *c = arg;
	if (!strcmp(r->action, c->action)) {
		if (!c->n)
			snprintf(c->last, sizeof c->last, "%s", r->detail);
		c->n++;
	}
	return 0;
}

static int audit_count(struct fixture *f, const char *action, char *last, size_t lastsz)
{
	struct audit_count c = { action, 0, "" };
	struct actor keep = f->s.actor;
	f->s.actor = f->admin;
	svc_audit_list(&f->s, "", 1000, audit_one, &c);
	f->s.actor = keep;
	if (last)
		snprintf(last, lastsz, "%s", c.last);
	return c.n;
}

static int add_as(struct fixture *f, const struct actor *a, int64_t cand, const char *type,
	const char *reg, const char *path, struct doc_row *out)
{
	struct document_in in = { type, reg, NULL, NULL, path };
	f->s.actor = *a;
	return svc_document_add(&f->s, cand, &in, out);
}

TEST(add_pdf_with_its_sha256_and_get_it_back)
{
	struct fixture f;
	struct doc_row d, m;
	struct buf content;
	char detail[1024];

	setup(&f);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", "",
		file_of("Rapport de projet.pdf", pdf, sizeof pdf - 1), &d), 0);
	CHECK(d.id > 0);
	CHECK_STR(d.type, "report");
	CHECK_STR(d.mime, "application/pdf");
	CHECK_STR(d.name, "Rapport de projet.pdf");
	CHECK_INT(d.size, sizeof pdf - 1);
	/* computed independently of cqpm */
	CHECK_STR(d.sha256, "4d41032b7b1584a35d063ff8a13ca3454680c852385727cc5a87eb483c052c66");
	CHECK_STR(d.uploaded_by, "centre");
	CHECK_INT(d.registration_id, 0);
	buf_init(&content, DOC_MAX_SIZE + 1);
	CHECK_INT(svc_document_get(&f.s, d.id, &m, &content), 0);
	CHECK_INT(content.len, sizeof pdf - 1);
	CHECK(!memcmp(content.p, pdf, sizeof pdf - 1));
	CHECK_STR(m.sha256, d.sha256);
	buf_release(&content);
	CHECK_INT(audit_count(&f, "document.add", detail, sizeof detail), 1);
	CHECK_CONTAINS(detail, "\"sha256\":\"4d41032b");
	CHECK_CONTAINS(detail, "\"name\":\"Rapport de projet.pdf\"");
	teardown(&f);
}

TEST(format_is_the_content_not_the_name)
{
	struct fixture f;
	struct doc_row d;
	static const unsigned char elf[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0 };
	static const char html[] = "<!DOCTYPE html><script>alert(1)</script>";

	setup(&f);
	/* PNG bytes named .pdf are stored as PNG */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "identity", NULL,
		file_of("scan.pdf", png, sizeof png), &d), 0);
	CHECK_STR(d.mime, "image/png");
	CHECK_STR(d.name, "scan.pdf.png");
	/* an executable, an HTML page, an empty file: refused, nothing stored */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("rapport.pdf", elf, sizeof elf), &d), -1);
	CHECK_INT(f.s.res.rc, SVC_INVALID);
	CHECK_STR(f.s.res.field, "file");
	CHECK_CONTAINS(f.s.res.message, "PDF, JPEG et PNG");
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("page.pdf", html, sizeof html - 1), &d), -1);
	CHECK_STR(f.s.res.field, "file");
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("vide.pdf", "", 0), &d), -1);
	CHECK_CONTAINS(f.s.res.message, "vide");
	/* not a regular file */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL, dir, &d), -1);
	CHECK_STR(f.s.res.field, "file");
	CHECK_INT(count_docs(&f, f.k_company), 1);
	CHECK_INT(audit_count(&f, "document.add", NULL, 0), 1);
	teardown(&f);
}

TEST(size_limit)
{
	struct fixture f;
	struct doc_row d;
	char *big = malloc(DOC_MAX_SIZE + 1);

	setup(&f);
	memset(big, 'x', DOC_MAX_SIZE + 1);
	memcpy(big, "%PDF-1.4\n", 9);
	/* exactly 10 Mo: accepted */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("max.pdf", big, DOC_MAX_SIZE), &d), 0);
	CHECK_INT(d.size, DOC_MAX_SIZE);
	/* one byte more: refused, nothing stored */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("trop.pdf", big, DOC_MAX_SIZE + 1), &d), -1);
	CHECK_INT(f.s.res.rc, SVC_INVALID);
	CHECK_STR(f.s.res.field, "file");
	CHECK_CONTAINS(f.s.res.message, "10 Mo au plus");
	CHECK_CONTAINS(f.s.res.message, "10 485 761");
	CHECK_INT(count_docs(&f, f.k_company), 1);
	free(big);
	teardown(&f);
}

TEST(failure_halfway_leaves_nothing)
{
	struct fixture f;
	struct doc_row d;
	const char *path;

	setup(&f);
	/* the file vanishes before it is read */
	path = file_of("parti.pdf", pdf, sizeof pdf - 1);
	unlink(path);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_INVALID);
	CHECK_STR(f.s.res.field, "file");
	/* the store refuses the row */
	CHECK_INT(sql_exec("CREATE TRIGGER fail_doc BEFORE INSERT ON document "
		"BEGIN SELECT RAISE(ABORT, 'panne'); END"), 0);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("a.pdf", pdf, sizeof pdf - 1), &d), -1);
	CHECK_INT(f.s.res.rc, SVC_INTERNAL);
	CHECK_INT(sql_exec("DROP TRIGGER fail_doc"), 0);
	/* the row is written, then the audit event fails: the row goes too */
	CHECK_INT(sql_exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit "
		"WHEN new.action = 'document.add' BEGIN SELECT RAISE(ABORT, 'panne'); END"), 0);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("b.pdf", pdf, sizeof pdf - 1), &d), -1);
	CHECK_INT(sql_exec("DROP TRIGGER fail_audit"), 0);
	CHECK_INT(count_docs(&f, f.k_company), 0);
	CHECK_INT(audit_count(&f, "document.add", NULL, 0), 0);
	/* and afterwards the same upload goes through */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("b.pdf", pdf, sizeof pdf - 1), &d), 0);
	CHECK_INT(count_docs(&f, f.k_company), 1);
	teardown(&f);
}

TEST(fields_checked)
{
	struct fixture f;
	struct doc_row d;
	struct document_in in = { "report", NULL, "../../secret", NULL, NULL };
	const char *path;

	setup(&f);
	path = file_of("r.pdf", pdf, sizeof pdf - 1);
	in.path = path;
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "passeport", NULL, path, &d), -1);
	CHECK_STR(f.s.res.field, "type");
	CHECK_CONTAINS(f.s.res.message, "Type de document");
	CHECK_INT(add_as(&f, &f.centre, f.k_company, NULL, NULL, path, &d), -1);
	CHECK_STR(f.s.res.field, "type");
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", "douze", path, &d), -1);
	CHECK_STR(f.s.res.field, "registration");
	/* a registration of another candidate */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", "999", path, &d), -1);
	CHECK_STR(f.s.res.field, "registration");
	f.s.actor = f.centre;
	CHECK_INT(svc_document_add(&f.s, f.k_company, &in, &d), -1);
	CHECK_STR(f.s.res.field, "name");
	in.name = "Pièce d'identité — recto";
	CHECK_INT(svc_document_add(&f.s, f.k_company, &in, &d), 0);
	CHECK_STR(d.name, "Pièce d'identité — recto.pdf");
	CHECK_INT(add_as(&f, &f.centre, 999999, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(count_docs(&f, f.k_company), 1);
	teardown(&f);
}

/* R-VAE-3: the livret 2 belongs to the VAE registration. */
TEST(r_vae_3_livret2_goes_to_the_vae_registration)
{
	struct fixture f;
	struct doc_row d;
	char reg[24];
	const char *path;

	setup(&f);
	path = file_of("livret2.pdf", pdf, sizeof pdf - 1);
	CHECK_INT(store_document_count_type(f.st, f.r_vae, "livret2"), 0);
	CHECK_INT(add_as(&f, &f.centre, f.k_vae, "livret2", NULL, path, &d), 0);
	CHECK_INT(d.registration_id, f.r_vae);
	CHECK_INT(store_document_count_type(f.st, f.r_vae, "livret2"), 1);
	/* a candidate without a VAE registration has no livret 2 */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "livret2", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_RULE);
	CHECK_STR(f.s.res.rule, "R-VAE-3");
	snprintf(reg, sizeof reg, "%lld", (long long)f.r_company);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "livret2", reg, path, &d), -1);
	CHECK_STR(f.s.res.rule, "R-VAE-3");
	/* other documents go to any registration of his, or to none */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "company_opinion", reg, path, &d), 0);
	CHECK_INT(d.registration_id, f.r_company);
	teardown(&f);
}

TEST(at_most_100_documents_per_candidate)
{
	struct fixture f;
	struct doc_row d;
	const char *path;
	int ok = 0;

	setup(&f);
	path = file_of("p.png", png, sizeof png);
	for (int i = 0; i < DOC_MAX_PER_CANDIDATE; i++)
		ok += add_as(&f, &f.centre, f.k_company, "other", NULL, path, &d) == 0;
	CHECK_INT(ok, DOC_MAX_PER_CANDIDATE);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "other", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_CONFLICT);
	CHECK_CONTAINS(f.s.res.message, "100 documents");
	CHECK_INT(count_docs(&f, f.k_company), DOC_MAX_PER_CANDIDATE);
	teardown(&f);
}

struct ids { int n; int64_t v[8]; };

static int collect_id(void *arg, const struct doc_row *d)
{
	struct ids *a = arg;
	if (a->n < 8)
		a->v[a->n] = d->id;
	a->n++;
	return 0;
}

static int list_as(struct fixture *f, const struct actor *a, int64_t cand, struct ids *out)
{
	memset(out, 0, sizeof *out);
	f->s.actor = *a;
	return svc_document_list(&f->s, cand, collect_id, out);
}

static int get_as(struct fixture *f, const struct actor *a, int64_t id)
{
	struct doc_row m;
	struct buf b;
	int rc;
	buf_init(&b, DOC_MAX_SIZE + 1);
	f->s.actor = *a;
	rc = svc_document_get(&f->s, id, &m, &b);
	buf_release(&b);
	return rc;
}

TEST(scope_per_role)
{
	struct fixture f;
	struct doc_row id_doc, body_doc, d;
	struct ids ids;
	const char *path;
	char reg[24];

	setup(&f);
	path = file_of("piece.pdf", pdf, sizeof pdf - 1);
	/* centre staff add to their centre's candidates */
	CHECK_INT(add_as(&f, &f.centre, f.k_body, "identity", NULL, path, &id_doc), 0);
	/* a training body adds to its own registrations: attached to one */
	CHECK_INT(add_as(&f, &f.body, f.k_body, "report", NULL, path, &body_doc), 0);
	CHECK_INT(body_doc.registration_id, f.r_body);
	CHECK_STR(body_doc.uploaded_by, "organisme");
	/* ... not to another candidate's, nor to a registration not its own */
	CHECK_INT(add_as(&f, &f.body, f.k_company, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	snprintf(reg, sizeof reg, "%lld", (long long)f.r_company);
	CHECK_INT(add_as(&f, &f.body, f.k_body, "report", reg, path, &d), -1);
	CHECK_STR(f.s.res.field, "registration");
	/* it reads its registration's documents, not the centre's identity document */
	CHECK_INT(list_as(&f, &f.body, f.k_body, &ids), 0);
	CHECK_INT(ids.n, 1);
	CHECK_INT(ids.v[0], body_doc.id);
	CHECK_INT(get_as(&f, &f.body, body_doc.id), 0);
	CHECK_INT(get_as(&f, &f.body, id_doc.id), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(list_as(&f, &f.body, f.k_company, &ids), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	/* the evaluator assigned to the registration reads its report; adds none */
	CHECK_INT(list_as(&f, &f.evaluator, f.k_body, &ids), 0);
	CHECK_INT(ids.n, 1);
	CHECK_INT(get_as(&f, &f.evaluator, body_doc.id), 0);
	CHECK_INT(get_as(&f, &f.evaluator, id_doc.id), -1);
	CHECK_INT(add_as(&f, &f.evaluator, f.k_body, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	/* not assigned: sees nothing of the candidate */
	CHECK_INT(list_as(&f, &f.evaluator, f.k_company, &ids), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	/* centre staff of the centre see all; another centre's see nothing */
	CHECK_INT(list_as(&f, &f.centre, f.k_body, &ids), 0);
	CHECK_INT(ids.n, 2);
	CHECK_INT(list_as(&f, &f.other_centre, f.k_body, &ids), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(get_as(&f, &f.other_centre, id_doc.id), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(add_as(&f, &f.other_centre, f.k_body, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(add_as(&f, &f.centre, f.k_other, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	/* jury members and the public: nothing */
	CHECK_INT(list_as(&f, &f.jury, f.k_body, &ids), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	CHECK_INT(get_as(&f, &f.jury, body_doc.id), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	CHECK_INT(add_as(&f, &f.jury, f.k_body, "report", NULL, path, &d), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	CHECK_INT(list_as(&f, &f.public_, f.k_body, &ids), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	CHECK_INT(get_as(&f, &f.public_, body_doc.id), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	/* the administrator sees all */
	CHECK_INT(list_as(&f, &f.admin, f.k_body, &ids), 0);
	CHECK_INT(ids.n, 2);
	/* deleting: the centre only (and the administrator) */
	f.s.actor = f.body;
	CHECK_INT(svc_document_delete(&f.s, body_doc.id, NULL), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	f.s.actor = f.evaluator;
	CHECK_INT(svc_document_delete(&f.s, body_doc.id, NULL), -1);
	CHECK_INT(f.s.res.rc, SVC_DENIED);
	f.s.actor = f.other_centre;
	CHECK_INT(svc_document_delete(&f.s, body_doc.id, NULL), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(count_docs(&f, f.k_body), 2);
	teardown(&f);
}

TEST(delete_is_audited_with_the_fingerprint)
{
	struct fixture f;
	struct doc_row d, gone;
	char detail[1024];

	setup(&f);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "dossier", NULL,
		file_of("Dossier signé.pdf", pdf, sizeof pdf - 1), &d), 0);
	f.s.actor = f.centre;
	CHECK_INT(svc_document_delete(&f.s, d.id, &gone), 0);
	CHECK_STR(gone.name, "Dossier signé.pdf");
	CHECK_INT(count_docs(&f, f.k_company), 0);
	CHECK_INT(get_as(&f, &f.centre, d.id), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	f.s.actor = f.centre;
	CHECK_INT(svc_document_delete(&f.s, d.id, NULL), -1);
	CHECK_INT(f.s.res.rc, SVC_NOTFOUND);
	CHECK_INT(audit_count(&f, "document.delete", detail, sizeof detail), 1);
	CHECK_CONTAINS(detail, "\"name\":\"Dossier signé.pdf\"");
	CHECK_CONTAINS(detail, "\"type\":\"dossier\"");
	CHECK_CONTAINS(detail, "\"size\":23");
	CHECK_CONTAINS(detail, "\"sha256\":\"4d41032b7b1584a35d063ff8a13ca3454680c852385727cc5a87eb483c052c66\"");
	/* an id is never given again */
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "dossier", NULL,
		file_of("autre.pdf", pdf, sizeof pdf - 1), &gone), 0);
	CHECK(gone.id > d.id);
	teardown(&f);
}

TEST(altered_content_is_not_handed_out)
{
	struct fixture f;
	struct doc_row d;
	char sql[200];

	setup(&f);
	CHECK_INT(add_as(&f, &f.centre, f.k_company, "report", NULL,
		file_of("r.pdf", pdf, sizeof pdf - 1), &d), 0);
	/* same length, other bytes */
	snprintf(sql, sizeof sql, "UPDATE document SET content = "
		"CAST('%%PDF-1.7' || char(10) || 'BONJOUR' || char(10) || '%%%%EOF' || char(10) AS BLOB) "
		"WHERE id = %lld", (long long)d.id);
	CHECK_INT(sql_exec(sql), 0);
	CHECK_INT(get_as(&f, &f.centre, d.id), -1);
	CHECK_INT(f.s.res.rc, SVC_INTERNAL);
	CHECK_CONTAINS(f.s.res.message, "altéré");
	teardown(&f);
}

TEST(candidate_file_lists_documents_without_content)
{
	struct fixture f;
	struct doc_row d;
	json_t *doc = NULL, *docs, *one;
	const char *keys[] = { "id", "type", "type_label", "name", "mime", "size", "sha256",
		"registration", "uploaded_at", "uploaded_by" };

	setup(&f);
	CHECK_INT(add_as(&f, &f.centre, f.k_vae, "livret2", NULL,
		file_of("l2.pdf", pdf, sizeof pdf - 1), &d), 0);
	f.s.actor = f.centre;
	CHECK_INT(svc_candidate_doc(&f.s, f.k_vae, &doc), 0);
	docs = json_object_get(doc, "documents");
	CHECK_INT(json_array_size(docs), 1);
	one = json_array_get(docs, 0);
	CHECK_INT(json_object_size(one), 10);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		CHECK(json_object_get(one, keys[i]) != NULL);
	CHECK_STR(jstr(one, "type_label"), "Livret 2 — dossier de preuves VAE");
	CHECK_INT(json_integer_value(json_object_get(one, "registration")), f.r_vae);
	CHECK(json_object_get(one, "content") == NULL);
	json_decref(doc);
	teardown(&f);
}
