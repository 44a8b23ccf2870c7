/*
** Centres and accounts. A centre's staff see their own centre and its
** accounts only; the national administrator sees and manages all.
*/
#include "service/svc.h"
#include "core/validate.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Commits after the audit event; rolls back and fails otherwise. */
static int finish(struct svc *s, const char *action, const char *object,
	json_t *detail)
{
	if (svc_audit(s, action, object, detail)) {
		store_rollback(s->st);
		return -1;
	}
	if (store_commit(s->st)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_BUSY, NULL, NULL,
			"La base de données est occupée ; réessayez.");
	}
	return 0;
}

/* Field keys are those of the forms and of the JSON API; the French label
** goes in the message. */
#define CHECK_FIELD(s, key, label, msg) do { const char *m_ = (msg); \
	if (m_) return svc_fail((s), SVC_INVALID, (key), NULL, "%s : %s.", (label), m_); \
	} while (0)

int svc_centre_add(struct svc *s, const struct centre *c, int64_t *id)
{
	struct centre row;
	int rc;

	if (!perm_allows(s->actor.role, PERM_CENTRE_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut créer un centre de certification.");
	CHECK_FIELD(s, "code", "code", v_centre_code(c->code));
	CHECK_FIELD(s, "name", "nom", v_text(c->name, 200, 0));
	CHECK_FIELD(s, "region", "région", v_text(c->region, 100, 1));
	CHECK_FIELD(s, "address", "adresse", v_text(c->address, 300, 1));
	CHECK_FIELD(s, "email", "courriel", v_email(c->email));
	row = *c;
	svc_now_iso(s, row.created_at);
	if (svc_begin(s))
		return -1;
	rc = store_centre_insert(s->st, &row, id);
	if (rc) {
		store_rollback(s->st);
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "code", NULL,
				"Un centre porte déjà le code « %s ».", c->code);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Création du centre impossible.");
	}
	return finish(s, "centre.add", row.code, json_pack("{s:s, s:s}",
		"name", row.name, "region", row.region));
}

int svc_centre_list(struct svc *s, centre_fn fn, void *arg)
{
	int64_t only = 0;
	if (!perm_allows(s->actor.role, PERM_CENTRE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès à la liste des centres.");
	if (!role_is_national(s->actor.role))
		only = s->actor.centre_id ? s->actor.centre_id : -1;
	if (store_centre_list(s->st, only, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
	return 0;
}

int svc_centre_get(struct svc *s, const char *code, struct centre *out)
{
	int rc;
	if (!perm_allows(s->actor.role, PERM_CENTRE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	rc = store_centre_by_code(s->st, code, out);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
	/* another centre's existence is not revealed to a scoped account */
	if (rc == 0 || !perm_scope_ok(&s->actor, out->id))
		return svc_fail(s, SVC_NOTFOUND, "code", NULL, "Centre inconnu.");
	return 0;
}

int svc_password_hash(const char *password, char out[160])
{
	if (crypto_pwhash_str(out, password, strlen(password),
		crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return -1;
	return 0;
}

int svc_user_add(struct svc *s, const struct user_new *u, int64_t *id)
{
	struct account a;
	struct centre c;
	int role, rc;

	if (!perm_allows(s->actor.role, PERM_USER_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas le droit de créer un compte.");
	CHECK_FIELD(s, "login", "identifiant", v_login(u->login));
	CHECK_FIELD(s, "name", "nom", v_text(u->name, 200, 0));
	CHECK_FIELD(s, "email", "courriel", v_email(u->email));
	if (!u->role || !*u->role)
		return svc_fail(s, SVC_INVALID, "role", NULL, "rôle : choisissez un rôle.");
	role = role_from_code(u->role);
	if (role <= ROLE_PUBLIC)
		return svc_fail(s, SVC_INVALID, "role", NULL,
			"rôle : valeur inconnue (admin, centre, evaluator, jury ou training_body).");
	CHECK_FIELD(s, "password", "mot de passe", v_password(u->password));
	memset(&a, 0, sizeof a);
	snprintf(a.login, sizeof a.login, "%s", u->login);
	snprintf(a.name, sizeof a.name, "%s", u->name);
	snprintf(a.email, sizeof a.email, "%s", u->email ? u->email : "");
	a.role = role;
	if (role_needs_centre((enum role)role)) {
		if (!u->centre_code || !*u->centre_code)
			return svc_fail(s, SVC_INVALID, "centre", NULL,
				"centre : ce rôle est rattaché à un centre de certification.");
		rc = store_centre_by_code(s->st, u->centre_code, &c);
		if (rc < 0)
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
		if (rc == 0 || !perm_scope_ok(&s->actor, c.id))
			return svc_fail(s, SVC_INVALID, "centre", NULL,
				"centre : « %.40s » est inconnu.", u->centre_code);
		a.centre_id = c.id;
	} else if (u->centre_code && *u->centre_code) {
		return svc_fail(s, SVC_INVALID, "centre", NULL,
			"centre : un compte national n'est rattaché à aucun centre.");
	}
	if (!role_is_national(s->actor.role) && role_is_national((enum role)role))
		return svc_fail(s, SVC_DENIED, "role", NULL,
			"Seul l'administrateur national peut créer un compte national.");
	if (svc_password_hash(u->password, a.password_hash))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Chiffrement du mot de passe impossible.");
	svc_now_iso(s, a.created_at);
	if (svc_begin(s))
		return -1;
	rc = store_account_insert(s->st, &a, id);
	if (rc) {
		store_rollback(s->st);
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "login", NULL,
				"identifiant : « %s » est déjà pris.", a.login);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Création du compte impossible.");
	}
	{
		char object[96];
		snprintf(object, sizeof object, "compte:%s", a.login);
		return finish(s, "user.add", object, json_pack("{s:s, s:s, s:s}",
			"name", a.name, "role", role_code(role), "centre",
			u->centre_code ? u->centre_code : ""));
	}
}

int svc_user_list(struct svc *s, account_fn fn, void *arg)
{
	int64_t only = 0;
	if (!perm_allows(s->actor.role, PERM_USER_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas accès à la liste des comptes.");
	if (!role_is_national(s->actor.role))
		only = s->actor.centre_id ? s->actor.centre_id : -1;
	if (store_account_list(s->st, only, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	return 0;
}

int svc_user_get(struct svc *s, const char *login, struct account *out)
{
	int rc;
	if (!perm_allows(s->actor.role, PERM_USER_READ) &&
	    !(perm_allows(s->actor.role, PERM_ACCOUNT_SELF) && !strcmp(login, s->actor.login)))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	rc = store_account_by_login(s->st, login, out);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	if (rc == 0 || (out->id != s->actor.user_id &&
	    !role_is_national(s->actor.role) && out->centre_id != s->actor.centre_id))
		return svc_fail(s, SVC_NOTFOUND, "login", NULL, "Compte inconnu.");
	out->password_hash[0] = '\0';
	return 0;
}

struct admin_count { int active; };

static int count_admin(void *arg, const struct account *a)
{
	struct admin_count *c = arg;
	c->active += a->role == ROLE_ADMIN && !a->disabled;
	return 0;
}

int svc_user_set_disabled(struct svc *s, const char *login, int disabled)
{
	struct account a;
	char object[96];
	int rc;

	if (!perm_allows(s->actor.role, PERM_USER_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous n'avez pas le droit de modifier un compte.");
	if (svc_begin(s))
		return -1;
	rc = store_account_by_login(s->st, login, &a);
	if (rc <= 0 || !perm_scope_ok(&s->actor, a.centre_id) ||
	    (a.role == ROLE_ADMIN && !role_is_national(s->actor.role))) {
		store_rollback(s->st);
		return svc_fail(s, rc < 0 ? SVC_INTERNAL : SVC_NOTFOUND, "login", NULL,
			"Compte « %.64s » inconnu.", login);
	}
	if (a.id == s->actor.user_id && disabled) {
		store_rollback(s->st);
		return svc_fail(s, SVC_RULE, "login", NULL,
			"Vous ne pouvez pas désactiver votre propre compte.");
	}
	if (a.disabled == disabled) {
		store_rollback(s->st);
		return svc_fail(s, SVC_CONFLICT, "login", NULL, disabled ?
			"Le compte « %s » est déjà désactivé." : "Le compte « %s » est déjà actif.",
			a.login);
	}
	if (disabled && a.role == ROLE_ADMIN) {
		struct admin_count ac = { 0 };
		store_account_list(s->st, 0, count_admin, &ac);
		if (ac.active <= 1) {
			store_rollback(s->st);
			return svc_fail(s, SVC_RULE, "login", NULL,
				"« %s » est le dernier administrateur national actif : créez-en un "
				"autre avant de le désactiver.", a.login);
		}
	}
	if (store_account_set_disabled(s->st, a.id, disabled) ||
	    (disabled && store_session_delete_account(s->st, a.id))) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Modification du compte impossible.");
	}
	snprintf(object, sizeof object, "compte:%s", a.login);
	return finish(s, disabled ? "user.disable" : "user.enable", object, NULL);
}

int svc_user_set_password(struct svc *s, const char *login, const char *current,
	const char *password)
{
	struct account a;
	char hash[160], object[96];
	int self, rc;

	self = s->actor.user_id && login && !strcmp(login, s->actor.login);
	if (!self && !perm_allows(s->actor.role, PERM_USER_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Vous ne pouvez changer que votre propre mot de passe.");
	CHECK_FIELD(s, "password", "nouveau mot de passe", v_password(password));
	rc = store_account_by_login(s->st, login ? login : "", &a);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des comptes impossible.");
	if (rc == 0 || (!self && (!perm_scope_ok(&s->actor, a.centre_id) ||
	    (a.role == ROLE_ADMIN && !role_is_national(s->actor.role)))))
		return svc_fail(s, SVC_NOTFOUND, "login", NULL, "Compte « %.64s » inconnu.",
			login ? login : "");
	if (self && (!current || crypto_pwhash_str_verify(a.password_hash, current,
		strlen(current)) != 0))
		return svc_fail(s, SVC_INVALID, "current", NULL,
			"mot de passe actuel : il ne correspond pas.");
	if (svc_password_hash(password, hash))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Chiffrement du mot de passe impossible.");
	if (svc_begin(s))
		return -1;
	if (store_account_set_password(s->st, a.id, hash) ||
	    store_session_delete_account(s->st, a.id)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Modification du compte impossible.");
	}
	snprintf(object, sizeof object, "compte:%s", a.login);
	return finish(s, self ? "user.password" : "user.password_reset", object, NULL);
}
