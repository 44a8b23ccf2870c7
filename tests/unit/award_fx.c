/*
** The award and GTP tests' fixture (see award_fx.h).
*/
#include "award_fx.h"
#include "service/svc_int.h"
#include "store/db.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char seeddir[256];

static const char *const seeds[][2] = {
	{ "CQPM-R", "{\"code\":\"CQPM-R\",\"kind\":\"CQPM\",\"rncp\":\"RNCP99001\",\"title\":\"Technicien d'essai\","
	  "\"status\":\"active\",\"draft\":false,\"level\":\"NIV4\",\"on_cqpi_list\":true,"
	  "\"acquired_validity\":\"\",\"legal\":{\"decision_date\":\"2024-05-02\"},"
	  "\"access_routes\":{\"continuing\":true},\"blocks\":["
	  "{\"code\":\"RBC01\",\"bdc\":\"BDC0101\",\"title\":\"Bloc un\",\"modalities\":[\"real_situation\"],"
	  "\"competences\":[{\"code\":\"C1\",\"title\":\"Un\",\"modalities\":[]},"
	  "{\"code\":\"C2\",\"title\":\"Deux\",\"modalities\":[]}]},"
	  "{\"code\":\"RBC02\",\"title\":\"Bloc deux\",\"modalities\":[\"real_situation\"],"
	  "\"competences\":[{\"code\":\"C3\",\"title\":\"Trois\",\"modalities\":[]}]}]}\n" },
	{ "CQPM-N", "{\"code\":\"CQPM-N\",\"kind\":\"CQPM\",\"title\":\"Opérateur d'essai\","
	  "\"status\":\"active\",\"draft\":false,\"access_routes\":{\"continuing\":true},\"blocks\":["
	  "{\"code\":\"NBC01\",\"title\":\"Bloc un\",\"modalities\":[\"real_situation\"],"
	  "\"competences\":[{\"code\":\"C1\",\"title\":\"Un\",\"modalities\":[]}]},"
	  "{\"code\":\"NBC02\",\"title\":\"Bloc deux\",\"modalities\":[\"real_situation\"],"
	  "\"competences\":[{\"code\":\"C2\",\"title\":\"Deux\",\"modalities\":[]}]}]}\n" },
	{ "CCPM-T", "{\"code\":\"CCPM-T\",\"kind\":\"CCPM\",\"title\":\"Compétences d'essai\","
	  "\"status\":\"active\",\"draft\":false,\"access_routes\":{\"continuing\":true},\"blocks\":[],"
	  "\"competences\":[{\"code\":\"C1\",\"title\":\"Un\",\"modalities\":[\"real_situation\"]},"
	  "{\"code\":\"C2\",\"title\":\"Deux\",\"modalities\":[\"real_situation\"]}]}\n" },
};
#define NSEEDS (sizeof seeds / sizeof seeds[0])

int afx_exec(struct store *st, const char *fmt, ...)
{
	char sql[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (((struct store_base *)st)->engine->exec(st, sql)) {
		fprintf(stderr, "exec: %s: %s\n", sql, store_errmsg(st));
		return -1;
	}
	return 0;
}

void afx_as(struct svc *s, struct store *st, const char *login)
{
	struct actor a = fx_actor(st, login);
	svc_init_ctx(s, st, &a);
	s->now = AFX_NOW;
}

struct store *afx_open(struct svc *s, const char *tag)
{
	char p[320];
	struct store *st = fx_open(s, tag, 1, AFX_NOW);
	struct import_report ir;
	struct centre c;
	int64_t id;

	snprintf(seeddir, sizeof seeddir, "/tmp/cqpm-%s-seeds-%d", tag, (int)getpid());
	snprintf(p, sizeof p, "%s/seeds", seeddir);
	mkdir(seeddir, 0700);
	mkdir(p, 0700);
	for (size_t i = 0; i < NSEEDS; i++) {
		FILE *f;
		snprintf(p, sizeof p, "%s/seeds/%s.json", seeddir, seeds[i][0]);
		if ((f = fopen(p, "w"))) {
			fputs(seeds[i][1], f);
			fclose(f);
		}
	}
	if (svc_load_seeds(s, seeddir, &ir))
		fprintf(stderr, "seeds: %s\n", s->res.message);
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "UIMM-EST");
	snprintf(c.name, sizeof c.name, "Centre de l'Est");
	svc_centre_add(s, &c, &id);
	{
		struct user_new u = { "centrest", "Centre de l'Est", "", "centre", "UIMM-EST",
			"un-long-secret" };
		if (svc_user_add(s, &u, &id))
			fprintf(stderr, "users: %s\n", s->res.message);
	}
	afx_exec(st, "UPDATE centre SET number = 7, city = 'Lyon', signatory = 'Jean Martin' "
		"WHERE code = 'UIMM-DEMO'");
	return st;
}

void afx_close(struct store *st)
{
	char p[320];
	fx_close(st);
	for (size_t i = 0; i < NSEEDS; i++) {
		snprintf(p, sizeof p, "%s/seeds/%s.json", seeddir, seeds[i][0]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/seeds", seeddir);
	rmdir(p);
	rmdir(seeddir);
}

int64_t afx_reg(struct store *st, const char *centre, const char *name,
	const char *cert, const char *blocks)
{
	struct svc s;
	struct candidate_in k;
	struct registration_in r;
	int64_t kid, rid;

	afx_as(&s, st, "admin");
	fx_person(&k, name, "Léa", "1995-04-12");
	k.birth_country = "France";
	fx_employee(&r, cert);
	r.centre = centre;
	r.blocks = blocks;
	r.date = "2025-09-01";
	if (svc_candidate_register(&s, &k, &r, &kid, &rid)) {
		fprintf(stderr, "register %s: %s\n", name, s.res.message);
		return 0;
	}
	return rid;
}

int64_t afx_candidate(struct store *st, int64_t rid)
{
	struct reg_row r;
	return store_reg_get(st, rid, &r) == 1 ? r.candidate_id : 0;
}

void afx_result(struct store *st, int64_t rid, const char *competence, const char *result)
{
	afx_exec(st, "INSERT INTO evaluation (registration_id, competence, result, modality, "
		"evaluated_on, evaluator_name, recorded_at) VALUES (%lld, '%s', '%s', 'real_situation', "
		"'2025-12-01', 'Claire Lenoir', '2025-12-01T10:00:00Z')", (long long)rid, competence, result);
}

void afx_jury(struct store *st, int64_t id, const char *centre, const char *date,
	const char *state)
{
	afx_exec(st, "INSERT INTO jury (id, centre_id, date, place, state, signed_on, anon_seed, "
		"created_at, created_by, updated_at) SELECT %lld, id, '%s', 'Lyon', '%s', '%s', 42, "
		"'2025-01-01T00:00:00Z', 'test', '2025-01-01T00:00:00Z' FROM centre WHERE code = '%s'",
		(long long)id, date, state, strcmp(state, "signed") ? "" : date, centre);
}

void afx_decide(struct store *st, int64_t id, int64_t jury, int64_t rid, const char *verdict)
{
	afx_exec(st, "INSERT INTO jury_candidate (jury_id, registration_id, anon_number, added_at) "
		"VALUES (%lld, %lld, %lld, '2025-01-01T00:00:00Z')", (long long)jury, (long long)rid,
		(long long)id);
	afx_exec(st, "INSERT INTO jury_decision (id, jury_id, registration_id, revision, state, "
		"verdict, votes_for, votes_against, abstentions, president_ballot, decided_on, "
		"decided_by, recorded_at) VALUES (%lld, %lld, %lld, 1, 'final', '%s', 4, 0, 0, 'for', "
		"(SELECT date FROM jury WHERE id = %lld), 'test', '2025-01-01T00:00:00Z')",
		(long long)id, (long long)jury, (long long)rid, verdict, (long long)jury);
}

int afx_award(struct svc *s, int64_t jury, const char *date)
{
	if (svc_begin(s))
		return -1;
	if (svc_award_signed(s, jury, date)) {
		store_rollback(s->st);
		return -1;
	}
	return svc_commit_audit(s, "jury.sign", "jury", NULL);
}

long afx_count(struct store *st, const char *sql)
{
	char t[64];
	afx_text(st, sql, t, sizeof t);
	return atol(t);
}

static int text_cb(void *arg, int n, char **v, char **names)
{
	char **out = arg;
	(void)names;
	if (n > 0 && v[0])
		snprintf(out[0], (size_t)(uintptr_t)out[1], "%s", v[0]);
	return 0;
}

void afx_text(struct store *st, const char *sql, char *out, size_t n)
{
	/* read through a connection of its own: the store's is the one tested */
	sqlite3 *db;
	char *arg[2] = { out, (char *)(uintptr_t)n };
	(void)st;
	*out = 0;
	if (sqlite3_open_v2(fx_dbpath, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		sqlite3_exec(db, sql, text_cb, arg, NULL);
	sqlite3_close(db);
}
