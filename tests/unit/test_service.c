/*
** Service-layer tests on a real SQLite database: setup and seeds, catalogue
** look-ups and versions (R-CAT-4, R-CAT-6, R-CAT-9), accounts and scoping,
** login throttling and sessions, the audit chain.
*/
#include "t.h"
#include "fixture.h"
#include "service/svc.h"
#include "core/catalogue.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct store *fresh(struct svc *s, int demo)
{
	return fx_open(s, "svc", demo, 0);
}

static int count_competences(const json_t *doc)
{
	size_t i;
	json_t *b;
	int n = 0;
	json_array_foreach(json_object_get(doc, "blocks"), i, b)
		n += (int)json_array_size(json_object_get(b, "competences"));
	return n;
}

/* The four seed referentials, complete (issue: RNCP 28235, 28236, 28242
** and the draft Chargé de Ressources Humaines). */
TEST(seeds_exact)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct cat_entry e;
	static const struct { const char *code; int blocks, comps; } want[] = {
		{ "RNCP28235", 4, 8 }, { "RNCP28236", 3, 9 }, { "RNCP28242", 3, 8 },
		{ "PROJET-CHARGE-RH", 3, 7 },
	};
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(svc_cat_get(&s, want[i].code, 0, &e), 0);
		CHECK_INT(json_array_size(json_object_get(e.doc, "blocks")), want[i].blocks);
		CHECK_INT(count_competences(e.doc), want[i].comps);
		CHECK_STR(jstr(e.doc, "kind"), "CQPM");
		cat_entry_release(&e);
	}
	/* R-INS-3: 28242 is not open to individual candidacy */
	CHECK_INT(svc_cat_get(&s, "RNCP28242", 0, &e), 0);
	CHECK(json_is_false(json_object_get(json_object_get(e.doc, "access_routes"), "individual")));
	CHECK(json_is_true(json_object_get(json_object_get(e.doc, "access_routes"), "vae")));
	cat_entry_release(&e);
	/* the draft says it is one, and has no RNCP number */
	CHECK_INT(svc_cat_get(&s, "PROJET-CHARGE-RH", 0, &e), 0);
	CHECK_STR(jstr(e.doc, "status"), "draft");
	CHECK_STR(jstr(e.doc, "rncp"), "");
	CHECK(json_is_true(json_object_get(e.doc, "draft")));
	CHECK(json_array_size(json_object_get(json_object_get(json_array_get(
		json_object_get(json_array_get(json_object_get(e.doc, "blocks"), 0),
		"competences"), 0), "criteria"), "methods")) > 0);
	cat_entry_release(&e);
	fx_close(st);
}

/* R-CAT-4: any code of an entry finds it. */
TEST(lookup_by_any_code)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct cat_entry e;
	CHECK_INT(svc_cat_get(&s, "28236", 0, &e), 0);
	CHECK_STR(e.meta.code, "RNCP28236");
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "rncp 28235", 0, &e), 0);
	CHECK_STR(e.meta.code, "RNCP28235");
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "RNCP28235BC03", 0, &e), 0);
	CHECK_STR(e.meta.code, "RNCP28235");
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "RNCP99999", 0, &e), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_cat_get(&s, "<x>", 0, &e), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	fx_close(st);
}

struct collect { int n; char first[64]; };

static int collect_row(void *arg, const struct cert_row *r)
{
	struct collect *c = arg;
	if (!c->n)
		snprintf(c->first, sizeof c->first, "%s", r->code);
	c->n++;
	return 0;
}

TEST(search_and_filters)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct cat_page pg;
	struct collect c;
	struct cat_query q;

	memset(&q, 0, sizeof q);
	q.q = "QUALITÉ";
	memset(&c, 0, sizeof c);
	CHECK_INT(svc_cat_list(&s, &q, collect_row, &c, &pg), 0);
	CHECK_INT(c.n, 1);
	CHECK_STR(c.first, "RNCP28242");
	q.q = "M1502";  /* ROME code */
	memset(&c, 0, sizeof c);
	svc_cat_list(&s, &q, collect_row, &c, &pg);
	CHECK(c.n >= 1);
	q.q = "ressources humaines";
	memset(&c, 0, sizeof c);
	svc_cat_list(&s, &q, collect_row, &c, &pg);
	CHECK_INT(pg.total, 3);
	q.q = NULL;
	q.status = "draft";
	memset(&c, 0, sizeof c);
	svc_cat_list(&s, &q, collect_row, &c, &pg);
	CHECK_INT(c.n, 1);
	CHECK_STR(c.first, "PROJET-CHARGE-RH");
	q.status = NULL;
	q.kind = "DIPLOME";
	CHECK_INT(svc_cat_list(&s, &q, collect_row, &c, &pg), -1);
	CHECK_STR(s.res.field, "kind");
	q.kind = NULL;
	q.per_page = 2;
	q.page = 2;
	memset(&c, 0, sizeof c);
	svc_cat_list(&s, &q, collect_row, &c, &pg);
	CHECK_INT(pg.total, 4);
	CHECK_INT(c.n, 2);
	fx_close(st);
}

/* Loading the same seeds again changes nothing; a changed referential is a
** new version and the previous one stays readable (R-CAT-6). */
TEST(versions)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	struct cat_entry e;
	char dir[300], cmd[900];
	int64_t gen = svc_cat_generation(&s);

	CHECK_INT(svc_load_seeds(&s, CQPM_DATADIR, &rep), 0);
	CHECK_INT(rep.created, 0);
	CHECK_INT(rep.updated, 0);
	CHECK_INT(rep.unchanged, 4);
	CHECK_INT(svc_cat_generation(&s), gen);

	snprintf(dir, sizeof dir, "/tmp/cqpm-seeds-%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/seeds && "
		"sed 's/\"title\": \"Coordonnateur(trice) de système qualité, sécurité, "
		"environnement\"/\"title\": \"Coordonnateur QSE (révisé)\"/' "
		"%s/seeds/RNCP28242.json > %s/seeds/RNCP28242.json", dir, dir, CQPM_DATADIR, dir);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(svc_load_seeds(&s, dir, &rep), 0);
	CHECK_INT(rep.updated, 1);
	CHECK_INT(svc_cat_get(&s, "RNCP28242", 0, &e), 0);
	CHECK_INT(e.meta.version, 2);
	CHECK_STR(jstr(e.doc, "title"), "Coordonnateur QSE (révisé)");
	CHECK_INT(json_array_size(json_object_get(e.doc, "versions")), 2);
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "RNCP28242", 1, &e), 0);
	CHECK_STR(jstr(e.doc, "title"), "Coordonnateur(trice) de système qualité, sécurité, environnement");
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "RNCP28242", 3, &e), -1);
	CHECK_STR(s.res.rule, "R-CAT-6");
	CHECK(svc_cat_generation(&s) > gen);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	fx_close(st);
}

/* A file that is no export is refused, and nothing changes. */
TEST(import_refused_keeps_store)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	int64_t gen = svc_cat_generation(&s);
	CHECK_INT(svc_import_rncp(&s, "meson.build", NULL, NULL, NULL, &rep), -1);
	CHECK_INT(s.res.rc, SVC_INVALID);
	CHECK_STR(s.res.rule, "R-CAT-9");
	CHECK_INT(svc_cat_generation(&s), gen);
	s.actor.role = ROLE_CENTRE;
	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/skeleton-v4_1.xml", NULL, NULL, NULL, &rep), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

struct count_users { int n; int admins; };

static int count_user(void *arg, const struct account *a)
{
	struct count_users *c = arg;
	c->n++;
	c->admins += a->role == ROLE_ADMIN;
	return 0;
}

TEST(accounts_and_scope)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	struct centre c;
	struct count_users cu = { 0, 0 };
	int64_t id;
	struct user_new u = { "marie.dupont", "Marie Dupont", "marie@exemple.fr",
		"centre", "UIMM-DEMO", "un-mot-de-passe" };
	struct account acc;

	CHECK_INT(svc_user_add(&s, &u, &id), 0);
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_STR(s.res.field, "login");
	u.login = "Bad Login";
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_STR(s.res.field, "login");
	u.login = "paul";
	u.password = "court";
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_STR(s.res.field, "password");
	u.password = "un-mot-de-passe";
	u.centre_code = "INCONNU";
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_STR(s.res.field, "centre");
	u.centre_code = NULL;
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_STR(s.res.field, "centre");

	/* a second centre, then centre staff see their own only */
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "UIMM-NORD");
	snprintf(c.name, sizeof c.name, "UIMM Nord");
	CHECK_INT(svc_centre_add(&s, &c, &id), 0);
	CHECK_INT(svc_centre_add(&s, &c, &id), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_INT(svc_user_get(&s, "centre", &acc), 0);
	s.actor.role = ROLE_CENTRE;
	s.actor.centre_id = acc.centre_id;
	s.actor.user_id = acc.id;
	CHECK_INT(svc_user_list(&s, count_user, &cu), 0);
	CHECK_INT(cu.admins, 0);
	CHECK_INT(cu.n, 5); /* centre, evaluateur, jury, organisme, marie.dupont */
	CHECK_INT(svc_centre_get(&s, "UIMM-NORD", &c), -1);
	CHECK_INT(s.res.rc, SVC_NOTFOUND);
	CHECK_INT(svc_centre_add(&s, &c, &id), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	u.login = "intrus";
	u.centre_code = "UIMM-DEMO";
	CHECK_INT(svc_user_add(&s, &u, &id), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	s.actor.role = ROLE_JURY;
	CHECK_INT(svc_user_list(&s, count_user, &cu), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

TEST(login_throttle_sessions)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	char token[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1], c2[80];
	struct actor admin = s.actor;

	s.now = 1800000000;
	CHECK_INT(svc_login(&s, "jury", "demonstration", "127.0.0.1", token, csrf), 0);
	CHECK_INT(strlen(token), 64);
	CHECK_INT(svc_session(&s, token, c2, sizeof c2), 0);
	CHECK_INT(s.actor.role, ROLE_JURY);
	CHECK_STR(c2, csrf);
	/* wrong passwords, then even the right one is refused */
	for (int i = 0; i < THROTTLE_LOGIN_MAX; i++) {
		CHECK_INT(svc_login(&s, "centre", "mauvais-mot", "10.0.0.1", token, csrf), -1);
		CHECK_INT(s.res.rc, SVC_UNAUTH);
	}
	CHECK_INT(svc_login(&s, "centre", "demonstration", "10.0.0.2", token, csrf), -1);
	CHECK_INT(s.res.rc, SVC_THROTTLED);
	s.now += THROTTLE_WINDOW;
	CHECK_INT(svc_login(&s, "centre", "demonstration", "10.0.0.2", token, csrf), 0);
	/* unknown login: same answer as a wrong password */
	CHECK_INT(svc_login(&s, "personne", "demonstration", "10.0.0.3", token, csrf), -1);
	CHECK_INT(s.res.rc, SVC_UNAUTH);
	CHECK_STR(s.res.message, "Identifiant ou mot de passe incorrect.");
	/* a disabled account loses its sessions */
	CHECK_INT(svc_login(&s, "organisme", "demonstration", "10.0.0.4", token, csrf), 0);
	s.actor = admin;
	CHECK_INT(svc_user_set_disabled(&s, "organisme", 1), 0);
	CHECK_INT(svc_session(&s, token, c2, sizeof c2), 0);
	CHECK_INT(s.actor.role, ROLE_PUBLIC);
	s.actor = admin;
	CHECK_INT(svc_login(&s, "organisme", "demonstration", "10.0.0.4", token, csrf), -1);
	/* expiry */
	s.actor = admin;
	CHECK_INT(svc_login(&s, "evaluateur", "demonstration", "10.0.0.5", token, csrf), 0);
	s.now += SESSION_LIFETIME + 1;
	CHECK_INT(svc_session(&s, token, c2, sizeof c2), 0);
	CHECK_INT(s.actor.role, ROLE_PUBLIC);
	fx_close(st);
}

/* Tampering with any event shows: the chain breaks at that event. */
TEST(audit_chain_tamper)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	int64_t count = 0, bad = 0;
	sqlite3 *db;

	CHECK_INT(svc_audit_verify(&s, &count, &bad), 0);
	CHECK(count >= 7); /* nomenclatures, seeds, centre, 5 accounts */
	CHECK_INT(sqlite3_open(fx_dbpath, &db), SQLITE_OK);
	/* the log refuses updates and deletes */
	CHECK(sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE id = 3", NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(db, "DELETE FROM audit WHERE id = 3", NULL, NULL, NULL) != SQLITE_OK);
	/* someone with the file drops the guard and edits an event */
	CHECK_INT(sqlite3_exec(db, "DROP TRIGGER audit_no_update; "
		"UPDATE audit SET actor = 'x' WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(svc_audit_verify(&s, &count, &bad), -1);
	CHECK_INT(bad, 3);
	CHECK_CONTAINS(s.res.message, "rompue à l'événement 3");
	s.actor.role = ROLE_CENTRE;
	CHECK_INT(svc_audit_verify(&s, &count, &bad), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

TEST(public_cannot_write)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	struct centre c;
	int64_t id;
	s.actor.role = ROLE_PUBLIC;
	CHECK_INT(svc_load_seeds(&s, CQPM_DATADIR, &rep), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	memset(&c, 0, sizeof c);
	CHECK_INT(svc_centre_add(&s, &c, &id), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}

/* R-CAT-9: the real CSV sample, imported twice: the second time changes
** nothing. */
TEST(import_csv_sample_twice)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	struct cat_entry e;
	int64_t gen;

	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/csv-sample", NULL, NULL, NULL, &rep), 0);
	CHECK_INT(rep.fiches, 9);
	CHECK_INT(rep.created, 9);
	gen = svc_cat_generation(&s);
	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/csv-sample", NULL, NULL, NULL, &rep), 0);
	CHECK_INT(rep.unchanged, 9);
	CHECK_INT(rep.created + rep.updated, 0);
	CHECK_INT(svc_cat_generation(&s), gen);
	CHECK_INT(svc_cat_get(&s, "RS6117", 0, &e), 0);
	CHECK_STR(jstr(e.doc, "kind"), "RS");
	CHECK_INT(json_array_size(json_object_get(e.doc, "formacode")), 2);
	cat_entry_release(&e);
	CHECK_INT(svc_cat_get(&s, "RNCP509", 0, &e), 0);
	CHECK_STR(jstr(e.doc, "status"), "inactive");
	CHECK_INT(json_array_size(json_object_get(e.doc, "blocks")), 6);
	cat_entry_release(&e);
	/* a block code of a register fiche finds it */
	CHECK_INT(svc_cat_get(&s, "RNCP509BC03", 0, &e), 0);
	CHECK_STR(e.meta.code, "RNCP509");
	cat_entry_release(&e);
	fx_close(st);
}

/* R-CAT-9: a fiche of the branch's own certification updates its entry as
** a new version; the referential (competences, criteria) is kept. */
TEST(import_branch_fiche_merges)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	struct cat_entry e;
	json_t *b0;

	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/xml/branch-28235.xml", NULL, NULL, NULL, &rep), 0);
	CHECK_INT(rep.updated, 1);
	CHECK_INT(svc_cat_get(&s, "RNCP28235", 0, &e), 0);
	CHECK_INT(e.meta.version, 2);
	CHECK_STR(jstr(e.doc, "kind"), "CQPM");
	CHECK_STR(jstr(e.doc, "level"), "NIV5");
	CHECK_STR(jstr(json_object_get(e.doc, "legal"), "registration_end"), "2027-04-21");
	CHECK(json_is_false(json_object_get(json_object_get(e.doc, "access_routes"), "individual")));
	CHECK_INT(json_array_size(json_object_get(e.doc, "blocks")), 4);
	b0 = json_array_get(json_object_get(e.doc, "blocks"), 0);
	CHECK_INT(json_array_size(json_object_get(b0, "competences")), 3);
	cat_entry_release(&e);
	/* the level is searchable and filterable */
	{
		struct cat_query q;
		struct cat_page pg;
		struct collect c;
		memset(&q, 0, sizeof q);
		memset(&c, 0, sizeof c);
		q.level = "NIV5";
		CHECK_INT(svc_cat_list(&s, &q, collect_row, &c, &pg), 0);
		CHECK_INT(c.n, 1);
		CHECK_STR(c.first, "RNCP28235");
	}
	/* again: nothing changes */
	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/xml/branch-28235.xml", NULL, NULL, NULL, &rep), 0);
	CHECK_INT(rep.unchanged, 1);
	/* what the fiche does not carry is kept (no empty value erases) */
	CHECK_INT(svc_cat_get(&s, "RNCP28235", 0, &e), 0);
	CHECK_STR(jstr(json_object_get(e.doc, "abbreviation"), "code"), "CQP");
	CHECK(json_array_size(json_object_get(json_object_get(e.doc, "legal"), "basis")) > 0);
	CHECK(json_is_false(json_object_get(json_object_get(e.doc, "overseas"), "nouvelle_caledonie")));
	cat_entry_release(&e);
	/* cqpm init at the next start does not revert the import */
	CHECK_INT(svc_load_seeds(&s, CQPM_DATADIR, &rep), 0);
	CHECK_INT(rep.unchanged, 4);
	CHECK_INT(rep.updated, 0);
	CHECK_INT(svc_cat_get(&s, "RNCP28235", 0, &e), 0);
	CHECK_INT(e.meta.version, 2);
	CHECK_STR(jstr(e.doc, "level"), "NIV5");
	cat_entry_release(&e);
	fx_close(st);
}

/* A faulty file leaves the store exactly as it was, even when fiches
** before the fault were valid. */
TEST(import_all_or_nothing)
{
	static const char *const bad[] = {
		"tests/data/rncp/xml/truncated.xml", "tests/data/rncp/xml/bad-date.xml",
		"tests/data/rncp/xml/latin1-in-utf8.xml", "tests/data/rncp/xml/billion-laughs.xml",
		"tests/data/rncp/xml/malformed.xml",
	};
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	struct cat_query q;
	struct cat_page pg;
	struct collect c;
	int64_t gen = svc_cat_generation(&s);

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK_INT(svc_import_rncp(&s, bad[i], NULL, NULL, NULL, &rep), -1);
		CHECK_INT(s.res.rc, SVC_INVALID);
		CHECK_CONTAINS(s.res.message, "ligne");
	}
	CHECK_INT(svc_cat_generation(&s), gen);
	memset(&q, 0, sizeof q);
	memset(&c, 0, sizeof c);
	CHECK_INT(svc_cat_list(&s, &q, collect_row, &c, &pg), 0);
	CHECK_INT(pg.total, 4);
	fx_close(st);
}

/* The same export under another name (an upload's temporary name, say)
** changes nothing either. */
TEST(import_renamed_file_unchanged)
{
	struct svc s;
	struct store *st = fresh(&s, 0);
	struct import_report rep;
	char copy[300], cmd[700];

	snprintf(copy, sizeof copy, "/tmp/cqpm-renamed-%d.xml", (int)getpid());
	snprintf(cmd, sizeof cmd, "cp tests/data/rncp/xml/fiches-3.xml %s", copy);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(svc_import_rncp(&s, "tests/data/rncp/xml/fiches-3.xml", NULL, NULL, NULL, &rep), 0);
	CHECK_INT(rep.created, 3);
	CHECK_INT(svc_import_rncp(&s, copy, "autre-nom.xml", NULL, NULL, &rep), 0);
	CHECK_INT(rep.unchanged, 3);
	CHECK_INT(rep.created + rep.updated, 0);
	unlink(copy);
	fx_close(st);
}

/* Changing a password: one's own needs the present one; an administrator
** resets another account's; every session of the account closes. */
TEST(password_change)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	struct actor admin = s.actor;
	struct account acc;
	char token[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1], c2[80];

	CHECK_INT(svc_login(&s, "jury", "demonstration", "127.0.0.1", token, csrf), 0);
	/* s.actor is now the jury member */
	CHECK_INT(svc_user_set_password(&s, "jury", "mauvais", "nouveau-secret-1"), -1);
	CHECK_STR(s.res.field, "current");
	CHECK_INT(svc_user_set_password(&s, "jury", "demonstration", "court"), -1);
	CHECK_STR(s.res.field, "password");
	CHECK_INT(svc_user_set_password(&s, "centre", NULL, "nouveau-secret-1"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_INT(svc_user_set_password(&s, "jury", "demonstration", "nouveau-secret-1"), 0);
	CHECK_INT(svc_session(&s, token, c2, sizeof c2), 0);
	CHECK_INT(s.actor.role, ROLE_PUBLIC);
	CHECK_INT(svc_login(&s, "jury", "demonstration", "127.0.0.1", token, csrf), -1);
	CHECK_INT(svc_login(&s, "jury", "nouveau-secret-1", "127.0.0.1", token, csrf), 0);
	/* centre staff cannot reset; the administrator can, without the old one */
	s.actor = admin;
	CHECK_INT(svc_user_get(&s, "centre", &acc), 0);
	s.actor.role = ROLE_CENTRE;
	s.actor.centre_id = acc.centre_id;
	s.actor.user_id = acc.id;
	snprintf(s.actor.login, sizeof s.actor.login, "centre");
	CHECK_INT(svc_user_set_password(&s, "jury", NULL, "autre-secret-2"), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	s.actor = admin;
	CHECK_INT(svc_user_set_password(&s, "jury", NULL, "autre-secret-2"), 0);
	CHECK_INT(svc_login(&s, "jury", "autre-secret-2", "127.0.0.1", token, csrf), 0);
	fx_close(st);
}

/* The last active national administrator cannot be disabled; enabling an
** active account or disabling a disabled one says so. */
TEST(last_admin_kept)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	int64_t id;
	struct user_new u = { "admin2", "Second administrateur", "", "admin", NULL,
		"un-mot-de-passe" };

	CHECK_INT(svc_user_set_disabled(&s, "admin", 1), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_CONTAINS(s.res.message, "dernier administrateur national actif");
	CHECK_INT(svc_user_set_disabled(&s, "jury", 0), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);
	CHECK_INT(svc_user_add(&s, &u, &id), 0);
	CHECK_INT(svc_user_set_disabled(&s, "admin", 1), 0);
	CHECK_INT(svc_user_set_disabled(&s, "admin", 1), -1);
	CHECK_INT(svc_user_set_disabled(&s, "admin2", 1), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	fx_close(st);
}

static void all_met(struct hab_assessment *a, const char *date)
{
	memset(a, 0, sizeof *a);
	snprintf(a->date, sizeof a->date, "%s", date);
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			a->findings[c][i] = HAB_MET;
}

struct hab_seen { int n; char status[16]; char centre[40]; };

static int hab_seen_row(void *arg, const struct body_hab *h)
{
	struct hab_seen *c = arg;
	c->n++;
	snprintf(c->status, sizeof c->status, "%s", hab_status_code(h->h.status));
	snprintf(c->centre, sizeof c->centre, "%s", h->centre_code);
	return 0;
}

/* R-HAB-1, R-HAB-2: a centre records a body, instructs its habilitation
** against the 12 indicators and decides; only for itself. */
TEST(habilitation_flow)
{
	struct svc s;
	struct store *st = fresh(&s, 1);
	struct actor admin = s.actor;
	struct body b;
	struct centre c;
	struct account acc;
	struct hab_assessment a;
	struct hab_seen seen;
	int64_t id;

	memset(&b, 0, sizeof b);
	snprintf(b.siret, sizeof b.siret, "110 043 015 00013");
	snprintf(b.name, sizeof b.name, "Lycée des métiers");
	CHECK_INT(svc_body_add(&s, &b, &id), -1);
	CHECK_STR(s.res.field, "siret");
	snprintf(b.siret, sizeof b.siret, "110 043 015 00012");
	CHECK_INT(svc_body_add(&s, &b, &id), 0);
	CHECK_INT(svc_body_add(&s, &b, &id), -1);
	CHECK_INT(s.res.rc, SVC_CONFLICT);

	/* another centre, and the demo centre's staff */
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "UIMM-NORD");
	snprintf(c.name, sizeof c.name, "UIMM Nord");
	CHECK_INT(svc_centre_add(&s, &c, &id), 0);
	CHECK_INT(svc_user_get(&s, "centre", &acc), 0);
	s.actor.role = ROLE_CENTRE;
	s.actor.centre_id = acc.centre_id;
	s.actor.user_id = acc.id;
	snprintf(s.actor.login, sizeof s.actor.login, "centre");

	/* deciding before instructing */
	CHECK_INT(svc_hab_decide(&s, "11004301500012", "UIMM-DEMO", "granted", "2026-11-02", ""), -1);
	CHECK_STR(s.res.rule, "R-HAB-1");
	all_met(&a, "2026-11-01");
	a.findings[5][1] = HAB_NOT_ASSESSED;
	CHECK_INT(svc_hab_instruct(&s, "11004301500012", "UIMM-DEMO", &a), 0);
	CHECK_INT(svc_hab_decide(&s, "11004301500012", "UIMM-DEMO", "granted", "2026-11-02", ""), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_STR(s.res.rule, "R-HAB-1");
	all_met(&a, "2026-11-01");
	a.site_visit = 1;
	CHECK_INT(svc_hab_instruct(&s, "11004301500012", "UIMM-DEMO", &a), 0);
	CHECK_INT(svc_hab_decide(&s, "11004301500012", "UIMM-DEMO", "granted", "2026-11-02", ""), 0);
	/* not for another centre */
	CHECK_INT(svc_hab_instruct(&s, "11004301500012", "UIMM-NORD", &a), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_STR(s.res.rule, "R-HAB-1");
	/* the centre sees its own; the national list shows it granted (the
	** demo body is habilitated too) */
	memset(&seen, 0, sizeof seen);
	CHECK_INT(svc_hab_list(&s, "11004301500012", "granted", hab_seen_row, &seen), 0);
	CHECK_INT(seen.n, 1);
	s.actor = admin;
	memset(&seen, 0, sizeof seen);
	CHECK_INT(svc_hab_list(&s, "", "granted", hab_seen_row, &seen), 0);
	CHECK_INT(seen.n, 2);
	memset(&seen, 0, sizeof seen);
	CHECK_INT(svc_hab_list(&s, "11004301500012", "granted", hab_seen_row, &seen), 0);
	CHECK_INT(seen.n, 1);
	CHECK_STR(seen.centre, "UIMM-DEMO");
	/* withdrawal needs a motive */
	CHECK_INT(svc_hab_decide(&s, "11004301500012", "UIMM-DEMO", "withdrawn", "2026-11-20", ""), -1);
	CHECK_INT(s.res.rc, SVC_RULE);
	CHECK_INT(svc_hab_decide(&s, "11004301500012", "UIMM-DEMO", "withdrawn", "2026-11-20",
		"Audit défavorable"), 0);
	memset(&seen, 0, sizeof seen);
	CHECK_INT(svc_hab_list(&s, "11004301500012", "", hab_seen_row, &seen), 0);
	CHECK_STR(seen.status, "withdrawn");
	/* other roles have no access */
	s.actor.role = ROLE_JURY;
	CHECK_INT(svc_hab_list(&s, "", "", hab_seen_row, &seen), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	CHECK_INT(svc_body_add(&s, &b, &id), -1);
	CHECK_INT(s.res.rc, SVC_DENIED);
	fx_close(st);
}
