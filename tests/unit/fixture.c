/*
** The service tests' fixture (see fixture.h).
*/
#include "fixture.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef CQPM_DATADIR
#define CQPM_DATADIR "data"
#endif

const struct actor fx_admin = { 0, ROLE_ADMIN, 0, "test" };
char fx_dbpath[256];

struct store *fx_open(struct svc *s, const char *tag, int demo, time_t now)
{
	char err[512];
	struct store *st;
	struct init_report rep;
	static int n;

	snprintf(fx_dbpath, sizeof fx_dbpath, "/tmp/cqpm-test-%s-%d-%d.db", tag, (int)getpid(), n++);
	unlink(fx_dbpath);
	st = store_open(fx_dbpath, err, sizeof err);
	if (!st)
		fprintf(stderr, "%s: %s\n", fx_dbpath, err);
	svc_init_ctx(s, st, &fx_admin);
	s->now = now;
	if (st && svc_setup(s, CQPM_DATADIR, demo, NULL, NULL, &rep))
		fprintf(stderr, "setup: %s\n", s->res.message);
	return st;
}

void fx_close(struct store *st)
{
	char p[300];
	store_close(st);
	unlink(fx_dbpath);
	snprintf(p, sizeof p, "%s-wal", fx_dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", fx_dbpath);
	unlink(p);
}

struct actor fx_actor(struct store *st, const char *login)
{
	struct actor a;
	struct account acc;

	memset(&a, 0, sizeof a);
	if (store_account_by_login(st, login, &acc) != 1) {
		fprintf(stderr, "no account %s\n", login);
		return a;
	}
	a.user_id = acc.id;
	a.role = (enum role)acc.role;
	a.centre_id = acc.centre_id;
	snprintf(a.login, sizeof a.login, "%s", acc.login);
	return a;
}

void fx_as(struct svc *s, const char *login)
{
	s->actor = fx_actor(s->st, login);
}

void fx_person(struct candidate_in *c, const char *name, const char *first,
	const char *born)
{
	memset(c, 0, sizeof *c);
	c->birth_name = name;
	c->first_names = first;
	c->sex = "F";
	c->birth_date = born;
	c->birth_town = "Lyon";
	c->birth_insee = "69123";
	c->birth_department = "69";
}

void fx_employee(struct registration_in *r, const char *cert)
{
	memset(r, 0, sizeof *r);
	r->centre = "UIMM-DEMO";
	r->certification = cert;
	r->route = "continuing";
	r->registrant = "company";
	r->origin = "SL";
	r->funding = "PDC";
	r->company_name = "Forges de Lyon";
	r->company_siret = "73282932000074";
	r->company_naf = "25.62B";
	r->sector = "M";
}
