/*
** Authentication: login with throttling, sessions, logout.
**
** Passwords are verified with Argon2id (libsodium) outside any write
** transaction so that a slow hash never holds the database lock. Session
** tokens are 256 random bits; only their SHA-256 is stored, so a copy of
** the database does not give live sessions.
*/
#include "service/svc.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* A hash to verify against when the login does not exist, so that an
** unknown login takes as long as a wrong password. */
static void make_dummy(void)
{
	unsigned char r[16];
	char pw[33];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(pw, sizeof pw, r, sizeof r);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw),
		crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = '\0';
}

static void random_hex(char *out, size_t bytes)
{
	unsigned char r[64];
	randombytes_buf(r, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, r, bytes);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* 1 if key had too many failures in the current window. */
static int throttled(struct svc *s, const char *key, int max, int64_t *wait)
{
	int failures = 0;
	int64_t start = 0, now = (int64_t)svc_time(s);
	if (store_throttle_get(s->st, key, &failures, &start) != 1)
		return 0;
	if (now - start >= THROTTLE_WINDOW)
		return 0;
	if (failures < max)
		return 0;
	*wait = THROTTLE_WINDOW - (now - start);
	return 1;
}

static int count_failure(struct svc *s, const char *key)
{
	int failures = 0;
	int64_t start = 0, now = (int64_t)svc_time(s);
	if (store_throttle_get(s->st, key, &failures, &start) != 1 ||
	    now - start >= THROTTLE_WINDOW) {
		failures = 0;
		start = now;
	}
	return store_throttle_put(s->st, key, failures + 1, start);
}

int svc_login(struct svc *s, const char *login, const char *password,
	const char *addr, char *token, char *csrf)
{
	struct account a;
	char kl[100], ka[100], th[65];
	int64_t wait = 0, now;
	int found, ok;

	if (!login || !password || !*login || !*password || strlen(login) > 64 ||
	    strlen(password) > 256)
		return svc_fail(s, SVC_UNAUTH, "identifiant", NULL,
			"Identifiant ou mot de passe incorrect.");
	snprintf(kl, sizeof kl, "compte:%s", login);
	snprintf(ka, sizeof ka, "adresse:%s", addr ? addr : "");
	if (throttled(s, kl, THROTTLE_LOGIN_MAX, &wait) ||
	    throttled(s, ka, THROTTLE_ADDR_MAX, &wait))
		return svc_fail(s, SVC_THROTTLED, "identifiant", NULL,
			"Trop de tentatives de connexion échouées. Réessayez dans %lld minute%s.",
			(long long)(wait + 59) / 60, (wait + 59) / 60 > 1 ? "s" : "");
	found = store_account_by_login(s->st, login, &a);
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	pthread_once(&dummy_once, make_dummy);
	ok = crypto_pwhash_str_verify(found ? a.password_hash : dummy_hash,
		password, strlen(password)) == 0;
	ok = ok && found && !a.disabled;
	if (store_begin(s->st))
		return svc_fail(s, SVC_BUSY, NULL, NULL, "La base de données est occupée ; réessayez.");
	if (!ok) {
		if (count_failure(s, kl) || count_failure(s, ka) || store_commit(s->st))
			store_rollback(s->st);
		return svc_fail(s, SVC_UNAUTH, "identifiant", NULL,
			"Identifiant ou mot de passe incorrect.");
	}
	now = (int64_t)svc_time(s);
	random_hex(token, SESSION_TOKEN_LEN / 2);
	random_hex(csrf, SESSION_TOKEN_LEN / 2);
	token_hash(token, th);
	s->actor.user_id = a.id;
	s->actor.role = (enum role)a.role;
	s->actor.centre_id = a.centre_id;
	snprintf(s->actor.login, sizeof s->actor.login, "%s", a.login);
	if (store_throttle_clear(s->st, kl) ||
	    store_session_purge(s->st, now) ||
	    store_session_insert(s->st, th, a.id, csrf, now, now + SESSION_LIFETIME) ||
	    svc_audit(s, "session.open", kl, json_pack("{s:s}", "address", addr ? addr : "")) ||
	    store_commit(s->st)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Ouverture de session impossible.");
	}
	return 0;
}

int svc_session(struct svc *s, const char *token, char *csrf, size_t csrfsz)
{
	char th[65];
	int64_t account_id;
	struct account a;
	int rc;

	s->actor.role = ROLE_PUBLIC;
	s->actor.user_id = 0;
	s->actor.centre_id = 0;
	s->actor.login[0] = '\0';
	if (!token || strlen(token) != SESSION_TOKEN_LEN)
		return 0;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	token_hash(token, th);
	rc = store_session_get(s->st, th, (int64_t)svc_time(s), &account_id, csrf, csrfsz);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des sessions impossible.");
	if (rc == 0 || store_account_by_id(s->st, account_id, &a) != 1 || a.disabled)
		return 0;
	s->actor.user_id = a.id;
	s->actor.role = (enum role)a.role;
	s->actor.centre_id = a.centre_id;
	snprintf(s->actor.login, sizeof s->actor.login, "%s", a.login);
	return 0;
}

int svc_logout(struct svc *s, const char *token)
{
	char th[65], object[100];
	if (!token || !*token)
		return 0;
	token_hash(token, th);
	if (store_begin(s->st))
		return svc_fail(s, SVC_BUSY, NULL, NULL, "La base de données est occupée ; réessayez.");
	snprintf(object, sizeof object, "compte:%s", s->actor.login);
	if (store_session_delete(s->st, th) ||
	    (s->actor.user_id && svc_audit(s, "session.close", object, NULL)) ||
	    store_commit(s->st)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Fermeture de session impossible.");
	}
	return 0;
}
