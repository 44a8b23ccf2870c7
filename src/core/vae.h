/*
** Validation des acquis de l'expérience (R-VAE-1..3; dispositif Partie 2,
** chapter 2 §2 and annex 6): who may take it, the admissibility file
** (recevabilité), the order of the phases, the validation commission and
** its conclusions.
**
** The admissibility file of one request:
**
**   received ──▶ admissible          (final)
**      │    └──▶ not admissible      (final; motive required)
**      └──────▶ incomplete ──completed──▶ received (decided again)
**                            (motive required: what is missing)
**
** The phases of one path (R-VAE-2):
**
**   information ──▶ admissibility ──▶ certification
**
** where a collective branch VAE in a company has no information phase and
** begins with admissibility, and certification begins only once the file
** is admissible.
*/
#ifndef CQPM_VAE_H
#define CQPM_VAE_H
#include <stddef.h>
#include <stdint.h>
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/rules.h"

/* Kinds of VAE named by the dispositif (glossary, chapter 2 §2). */
enum vae_kind {
	VAE_STANDARD,           /* VAE of the Code du travail */
	VAE_BRANCH,             /* VAE de branche, one candidate */
	VAE_BRANCH_COLLECTIVE,  /* VAE de branche collective en entreprise */
	VAE_KIND__MAX
};

const char *vae_kind_code(enum vae_kind k);    /* "standard" … */
const char *vae_kind_label(enum vae_kind k);   /* French */
int vae_kind_from_code(const char *code);      /* -1 if unknown */

/*
** R-VAE-1: may a VAE of kind k lead to a certification of kind kind,
** registered at the RNCP or not? The VAE needs an RNCP-registered
** certification; the VAE de branche (individual or collective) opens the
** branch's CQPM and CCPM, registered or not (see vae.c). Returns 0 or -1
** with err.
*/
int vae_eligible(enum vae_kind k, enum cert_kind kind, int rncp_registered,
	struct rule_error *err);

/* R-VAE-1: state of the admissibility file (dossier de recevabilité,
** CERFA 12818*02). */
enum adm_state {
	ADM_RECEIVED,        /* reçu, en cours d'examen */
	ADM_ADMISSIBLE,      /* recevable */
	ADM_NOT_ADMISSIBLE,  /* non recevable */
	ADM_INCOMPLETE,      /* incomplet */
	ADM__MAX
};

const char *adm_state_code(enum adm_state s);   /* "received" … */
const char *adm_state_label(enum adm_state s);  /* French */
int adm_state_from_code(const char *code);      /* -1 if unknown */

struct admissibility {
	enum adm_state state;
	char received_on[DATE_LEN];   /* receipt: the centre registers then */
	char completed_on[DATE_LEN];  /* last completion, or "" */
	char decided_on[DATE_LEN];    /* last decision, or "" */
	char motive[2048];            /* of the last decision, or "" */
};

/* R-VAE-1: a file received on date; *a starts in state received (the
** centre registers the candidate on receipt). Returns 0 or -1 with err. */
int adm_receive(struct admissibility *a, const char *date,
	struct rule_error *err);

/*
** R-VAE-1: decides a received file: to is admissible, not admissible or
** incomplete, on date (not before the receipt nor the last completion).
** A negative decision (not admissible, incomplete) needs a motive.
** Returns 0 or -1 with err, a unchanged.
*/
int adm_decide(struct admissibility *a, enum adm_state to, const char *date,
	const char *motive, struct rule_error *err);

/* R-VAE-1: the candidate completes an incomplete file on date (not before
** the decision that found it incomplete); the file is received again and
** awaits a new decision. Returns 0 or -1 with err, a unchanged. */
int adm_complete(struct admissibility *a, const char *date,
	struct rule_error *err);

/* R-VAE-2: phases of a VAE path; VAE_PHASE_NONE before the first. */
enum vae_phase {
	VAE_PHASE_NONE,
	VAE_PHASE_INFORMATION,     /* accueil, information-orientation */
	VAE_PHASE_ADMISSIBILITY,   /* instruction de la recevabilité */
	VAE_PHASE_CERTIFICATION,   /* évaluations, puis jury */
	VAE_PHASE__MAX
};

const char *vae_phase_label(enum vae_phase p);  /* French */
const char *vae_phase_code(enum vae_phase p);   /* "none", "information" … */

/* R-VAE-2: the first phase of a path of kind k. */
enum vae_phase vae_first_phase(enum vae_kind k);

/*
** R-VAE-2: may a path of kind k move from phase from to phase to? Only
** to the next phase of its kind, never back nor past one; into
** certification only when adm (not NULL) is admissible. Returns 0 or -1
** with err.
*/
int vae_phase_check(enum vae_kind k, enum vae_phase from, enum vae_phase to,
	const struct admissibility *adm, struct rule_error *err);

/* R-VAE-3: the validation commission of one candidate. */
struct vae_commission {
	int64_t centre_id;        /* the centre that organises it */
	int64_t chair_centre_id;  /* centre the chair represents, 0 if none */
	int evidence_file;        /* 1 once the livret 2 (dossier de preuves) is in */
	int work_situation;       /* 1 if it held a mise en situation (optional) */
	int interview;            /* 1 if it held an interview (optional) */
};

/*
** R-VAE-3: may the commission sit? It works from the admissibility
** decision (adm admissible) and the evidence file, and is chaired by the
** representative of the organising centre. Returns 0 or -1 with err.
*/
int vae_commission_check(const struct vae_commission *c,
	const struct admissibility *adm, struct rule_error *err);

/* R-VAE-3: the chair's conclusions to the jury. */
enum vae_conclusion {
	VAE_CONCL_NONE,      /* aucune validation */
	VAE_CONCL_PARTIAL,   /* validation partielle */
	VAE_CONCL_TOTAL,     /* validation totale */
	VAE_CONCL__MAX
};

const char *vae_conclusion_code(enum vae_conclusion c);  /* "none" … */
const char *vae_conclusion_label(enum vae_conclusion c); /* French */
int vae_conclusion_from_code(const char *code);          /* -1 if unknown */

/* The conclusion that validated[0..n) (1 = unit validated) amounts to:
** total when every unit is, none when none is, partial otherwise. The
** units are the blocks or the competences (results.h,
** acquired_units_are_blocks). n must be > 0. */
enum vae_conclusion vae_conclusion_of(const int *validated, size_t n);

/* R-VAE-3: the declared conclusion must be the one the units amount to
** (a partial validation names at least one validated and one not
** validated unit). Returns 0 or -1 with err. */
int vae_conclusion_check(enum vae_conclusion declared, const int *validated,
	size_t n, struct rule_error *err);

#endif
