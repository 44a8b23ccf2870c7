/*
** The permission matrix (see perm.h). One table decides; the HTTP tests
** walk it role by role.
*/
#include "core/perm.h"
#include <string.h>

static const struct {
	const char *code;
	const char *label;
} roles[ROLE__MAX] = {
	[ROLE_PUBLIC] = { "public", "Visiteur" },
	[ROLE_ADMIN] = { "admin", "Administrateur national (secrétariat du GTP Certifications)" },
	[ROLE_CENTRE] = { "centre", "Personnel du centre de certification" },
	[ROLE_EVALUATOR] = { "evaluator", "Membre de la commission d'évaluation" },
	[ROLE_JURY] = { "jury", "Membre du jury paritaire de délibération" },
	[ROLE_TRAINING_BODY] = { "training_body", "Organisme de formation habilité" },
};

static const char *const perms[PERM__MAX] = {
	[PERM_CATALOGUE_READ] = "catalogue.read",
	[PERM_CATALOGUE_WRITE] = "catalogue.write",
	[PERM_NOMEN_WRITE] = "nomenclature.write",
	[PERM_CENTRE_READ] = "centre.read",
	[PERM_CENTRE_WRITE] = "centre.write",
	[PERM_USER_READ] = "user.read",
	[PERM_USER_WRITE] = "user.write",
	[PERM_AUDIT_READ] = "audit.read",
	[PERM_ACCOUNT_SELF] = "account.self",
	[PERM_BODY_READ] = "body.read",
	[PERM_BODY_WRITE] = "body.write",
	[PERM_CANDIDATE_READ] = "candidate.read",
	[PERM_REGISTER] = "candidate.register",
	[PERM_DOSSIER_WRITE] = "dossier.write",
	[PERM_EVALUATE] = "evaluation.write",
	[PERM_JURY_MANAGE] = "jury.manage",
	[PERM_JURY_SIT] = "jury.sit",
	[PERM_GTP_MANAGE] = "gtp.manage",
	[PERM_UNION_WRITE] = "union.write",
};

#define P(x) (1u << (x))

/* Rows: roles. Columns: permissions. */
static const unsigned matrix[ROLE__MAX] = {
	[ROLE_PUBLIC] = P(PERM_CATALOGUE_READ),
	[ROLE_ADMIN] = P(PERM_CATALOGUE_READ) | P(PERM_CATALOGUE_WRITE) |
		P(PERM_NOMEN_WRITE) | P(PERM_CENTRE_READ) | P(PERM_CENTRE_WRITE) |
		P(PERM_USER_READ) | P(PERM_USER_WRITE) | P(PERM_AUDIT_READ) |
		P(PERM_ACCOUNT_SELF) | P(PERM_BODY_READ) | P(PERM_BODY_WRITE) |
		P(PERM_CANDIDATE_READ) | P(PERM_REGISTER) | P(PERM_DOSSIER_WRITE) |
		P(PERM_EVALUATE) | P(PERM_JURY_MANAGE) | P(PERM_JURY_SIT) | P(PERM_GTP_MANAGE) |
		P(PERM_UNION_WRITE),
	[ROLE_CENTRE] = P(PERM_CATALOGUE_READ) | P(PERM_CENTRE_READ) |
		P(PERM_USER_READ) | P(PERM_ACCOUNT_SELF) | P(PERM_BODY_READ) |
		P(PERM_BODY_WRITE) | P(PERM_CANDIDATE_READ) | P(PERM_REGISTER) |
		P(PERM_DOSSIER_WRITE) | P(PERM_EVALUATE) | P(PERM_JURY_MANAGE),
	[ROLE_EVALUATOR] = P(PERM_CATALOGUE_READ) | P(PERM_ACCOUNT_SELF) |
		P(PERM_CANDIDATE_READ) | P(PERM_EVALUATE),
	[ROLE_JURY] = P(PERM_CATALOGUE_READ) | P(PERM_ACCOUNT_SELF) | P(PERM_JURY_SIT),
	[ROLE_TRAINING_BODY] = P(PERM_CATALOGUE_READ) | P(PERM_ACCOUNT_SELF) |
		P(PERM_CANDIDATE_READ) | P(PERM_REGISTER),
};

int perm_allows(enum role role, enum perm perm)
{
	if ((unsigned)role >= ROLE__MAX || (unsigned)perm >= PERM__MAX)
		return 0;
	return (matrix[role] & P(perm)) != 0;
}

int role_is_national(enum role role)
{
	return role == ROLE_ADMIN;
}

int role_needs_centre(enum role role)
{
	return role == ROLE_CENTRE || role == ROLE_EVALUATOR ||
	       role == ROLE_JURY || role == ROLE_TRAINING_BODY;
}

int perm_scope_ok(const struct actor *actor, int64_t centre_id)
{
	if (role_is_national(actor->role))
		return 1;
	return actor->centre_id != 0 && actor->centre_id == centre_id;
}

const char *role_code(enum role role)
{
	return (unsigned)role < ROLE__MAX ? roles[role].code : NULL;
}

const char *role_label(enum role role)
{
	return (unsigned)role < ROLE__MAX ? roles[role].label : NULL;
}

int role_from_code(const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < ROLE__MAX; i++)
		if (!strcmp(roles[i].code, code))
			return i;
	return -1;
}

const char *perm_code(enum perm perm)
{
	return (unsigned)perm < PERM__MAX ? perms[perm] : NULL;
}
