/*
** Roles and permissions: who may do what (I/O-free).
**
** A permission answers "may this role do this kind of thing at all"; the
** scope (which centre's data) is checked by the service with
** perm_scope_ok(), never by a page or a template.
*/
#ifndef CQPM_PERM_H
#define CQPM_PERM_H
#include <stdint.h>

enum role {
	ROLE_PUBLIC,         /* not logged in */
	ROLE_ADMIN,          /* administrateur national (secrétariat du GTP) */
	ROLE_CENTRE,         /* personnel d'un centre de certification */
	ROLE_EVALUATOR,      /* membre d'une commission d'évaluation */
	ROLE_JURY,           /* membre d'un jury paritaire de délibération */
	ROLE_TRAINING_BODY,  /* organisme de formation habilité */
	ROLE__MAX
};

enum perm {
	PERM_CATALOGUE_READ,   /* browse the catalogue (everyone) */
	PERM_CATALOGUE_WRITE,  /* import RNCP exports, load seeds */
	PERM_NOMEN_WRITE,      /* load nomenclatures */
	PERM_CENTRE_READ,      /* see centres (scoped) */
	PERM_CENTRE_WRITE,     /* create and change centres */
	PERM_USER_READ,        /* see accounts (scoped) */
	PERM_USER_WRITE,       /* create, disable accounts (scoped) */
	PERM_AUDIT_READ,       /* read and verify the audit log */
	PERM_ACCOUNT_SELF,     /* see one's own account, log out */
	PERM_BODY_READ,        /* see training bodies and habilitations (scoped) */
	PERM_BODY_WRITE,       /* record bodies, instruct and decide habilitations (scoped) */
	PERM_CANDIDATE_READ,   /* see candidates: a centre its own, a body its own, an evaluator those assigned to him */
	PERM_REGISTER,         /* register candidates (R-INS-1): centre staff, habilitated bodies */
	PERM_DOSSIER_WRITE,    /* agree dossiers, assign evaluators, record opinions, VAE files (scoped) */
	PERM_EVALUATE,         /* record evaluation results (R-EVA-5): evaluators assigned, centre staff */
	PERM_JURY_MANAGE,      /* plan, compose, convene juries, record sittings, documents (scoped) */
	PERM_JURY_SIT,         /* read the juries one sits on, anonymous before the signature (R-JUR-10) */
	PERM_GTP_MANAGE,       /* corrective actions, withdrawal of capacity, provisional attribution (R-GTP-2) */
	PERM_UNION_WRITE,      /* keep the list of representative unions (R-JUR-1) */
	PERM__MAX
};

struct actor {
	int64_t user_id;     /* 0 for anonymous and for the local CLI */
	enum role role;
	int64_t centre_id;   /* the centre a scoped account belongs to, or 0 */
	char login[64];      /* for the audit log: "cli:<user>" on the CLI */
};

/* 1 if role may exercise perm, 0 otherwise. */
int perm_allows(enum role role, enum perm perm);

/*
** 1 if actor may touch data of centre_id: national roles reach every
** centre; a scoped account reaches only its own centre.
*/
int perm_scope_ok(const struct actor *actor, int64_t centre_id);

/* 1 if role is national (not tied to one centre). */
int role_is_national(enum role role);

/* 1 if the role needs a centre (centre staff, evaluator, jury member,
** training body). */
int role_needs_centre(enum role role);

/* Stable code ("admin", "centre", …) and French label; NULL if out of range. */
const char *role_code(enum role role);
const char *role_label(enum role role);
/* Role from its code; -1 if unknown. */
int role_from_code(const char *code);

const char *perm_code(enum perm perm);

#endif
