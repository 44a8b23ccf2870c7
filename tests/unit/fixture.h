/*
** What the service tests share: a fresh database on disk set up as
** `cqpm init` does, a service context acting as one of its accounts, and
** the removal of it all after the test.
*/
#ifndef CQPM_TEST_FIXTURE_H
#define CQPM_TEST_FIXTURE_H
#include "service/svc.h"
#include <time.h>

/* The national administrator as the tests act: no account, audit "test". */
extern const struct actor fx_admin;
/* The file of the database fx_open made last. */
extern char fx_dbpath[256];

/* A fresh database, named after tag in the temporary directory, set up
** with the demonstration accounts and candidates when demo; s acts on it
** as fx_admin with its clock at now (0: the system's) from the setup on.
** A failed setup is told on stderr (the test's checks then fail). */
struct store *fx_open(struct svc *s, const char *tag, int demo, time_t now);
/* Closes st and removes the database's files. */
void fx_close(struct store *st);
/* The actor of account login, or a zero actor (told on stderr). */
struct actor fx_actor(struct store *st, const char *login);
/* s acting as account login; the rest of s is kept. */
void fx_as(struct svc *s, const char *login);

/* A woman born in Lyon (INSEE 69123); the other fields empty. */
void fx_person(struct candidate_in *c, const char *name, const char *first,
	const char *born);
/* An employee's registration (origin SL) at the demo centre for cert,
** route continuing, by his company (Forges de Lyon, SIRET 732 829 320
** 00074, NAF 25.62B, metallurgy) on its skills plan (PDC); the other
** fields empty. */
void fx_employee(struct registration_in *r, const char *cert);

#endif
