/*
** The evaluation of a candidate (R-EVA-1, R-EVA-2, R-EVA-3, R-EVA-5;
** dispositif Partie 2 ch. 2): the agreement of the evaluation dossier, the
** evaluation commission, each competence's result and the company's
** opinion. The rules that decide who agrees the modalities, which
** modalities a dossier may choose and whether the company's opinion is
** part of the evaluation are in registration.h; the derivation of blocks
** and certification from the results (R-EVA-6) is in results.h.
**
** Nothing here reads a table or a clock: the service fills the structs,
** "today" included.
*/
#ifndef CQPM_EVALUATION_H
#define CQPM_EVALUATION_H
#include <stddef.h>
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/rules.h"

/* Sizes of the texts of the evaluation, in characters. */
#define EVAL_PLACES_MAX 1000      /* lieux des évaluations */
#define EVAL_SIGNATORY_MAX 200    /* a signatory's name */
#define EVAL_CRITERIA_MAX 1000    /* critères observés */
#define EVAL_APPRAISAL_MAX 2000   /* appréciation écrite */
#define EVAL_COMMENT_MAX 2000     /* the company's comment */

/* R-EVA-2: codes and labels of who agrees the modalities with the centre. */
const char *party_code(enum modality_party p);    /* "company", "candidate" */
const char *party_label(enum modality_party p);   /* "Le centre et l'entreprise" … */
int party_from_code(const char *code);            /* -1 if unknown */

/* R-EVA-3: the company's opinion and who gives it. */
enum opinion {
	OPINION_FAVOURABLE,    /* favorable */
	OPINION_RESERVED,      /* réservé */
	OPINION_UNFAVOURABLE,  /* défavorable */
	OPINION__MAX
};

enum opinion_author {
	AUTHOR_TUTOR,          /* le tuteur */
	AUTHOR_MANAGER,        /* le responsable hiérarchique */
	AUTHOR__MAX
};

const char *opinion_code(enum opinion o);
const char *opinion_label(enum opinion o);
int opinion_from_code(const char *code);
const char *opinion_author_code(enum opinion_author a);
const char *opinion_author_label(enum opinion_author a);
int opinion_author_from_code(const char *code);

/*
** A long text typed in a text area (places, criteria, appraisal,
** comment): valid UTF-8 where line breaks and tabs are allowed but no
** other control character, 1..max characters (0 allowed when optional).
** Returns NULL or a French message (validate.h's convention).
*/
const char *v_long_text(const char *s, size_t max, int optional);

/* The agreement of an evaluation dossier (R-EVA-1, R-EVA-2). */
struct dossier_agreement {
	enum modality_party party;     /* modalities_agreed_by() of the registration */
	const char *registered_on;     /* the registration's date */
	const char *today;
	const char *places;            /* where the evaluations take place */
	const char *period_start, *period_end;  /* when */
	const char *agreed_on;         /* date of the agreement */
	const char *centre_signatory;  /* who signs for the centre */
	const char *company_signatory; /* who signs for the company, "" if none */
};

/*
** R-EVA-1, R-EVA-2: a dossier says where and when the evaluations take
** place and is agreed, on a date that is neither before the registration
** (which starts the path) nor to come, between the centre and the company
** (both sign) or, failing that, the candidate (the company does not
** sign). Its period runs forward and does not start before the
** registration. The modalities themselves are dossier_modalities_check's.
** Returns 0, or -1 with err for the first refusal.
*/
int dossier_agreement_check(const struct dossier_agreement *d,
	struct rule_error *err);

/* R-EVA-5: an evaluation commission has "several qualified members". */
#define COMMISSION_MIN_MEMBERS 2

/* 1 if a commission of members members is complete, 0 otherwise (the
** centre is warned; assigning one member at a time is not refused). */
int commission_complete(int members);

/* One result recorded for one competence (R-EVA-2, R-EVA-5). */
struct evaluation_record {
	const char *competence;        /* for messages */
	enum comp_result result;       /* acquired or not acquired */
	enum modality modality;        /* the modality used */
	int dossier_agreed;            /* the registration's dossier exists */
	const enum modality *chosen;   /* the dossier's modalities for the competence */
	size_t nchosen;
	const char *registered_on;
	const char *date;              /* date of the evaluation */
	const char *today;
};

/*
** R-EVA-2, R-EVA-5: a competence is evaluated only once the dossier is
** agreed, by one of the modalities the dossier chose for it, on a date
** between the registration and today, and is found acquired or not
** acquired. Returns 0, or -1 with err.
*/
int evaluation_record_check(const struct evaluation_record *e,
	struct rule_error *err);

#endif
