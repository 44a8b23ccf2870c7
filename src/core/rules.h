/*
** The result of a rule check, shared by the rules of the candidate's path
** (habilitation, registration, evaluation and results, VAE).
**
** Every check returns 0 when the rule allows the operation, or -1 after
** filling a struct rule_error: the rule id of RULES.md ("R-INS-3"), the
** field at fault when there is one, and one complete French sentence for
** the user. A pure input error (a malformed date, an enum out of range)
** carries an empty rule id and names the field. The service layer copies
** the three strings into its error reply and its audit event.
**
** Checks accept err == NULL (the caller only wants the verdict).
*/
#ifndef CQPM_RULES_H
#define CQPM_RULES_H

struct rule_error {
	char rule[16];      /* "R-INS-3", or "" for a malformed input */
	char field[64];     /* field at fault, e.g. "route", or "" */
	char message[256];  /* one complete French sentence, valid UTF-8 */
};

/* A fact a register may give or leave unsaid: the access routes of a
** fiche are true, false or null (doc/catalogue-schema.md). */
enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

/* Empties err (err may be NULL). */
void rule_error_clear(struct rule_error *err);

/*
** Fills err with rule, field (either may be NULL for "") and the message
** formatted from fmt, and returns -1, so that a check can end with
** `return rule_fail(err, "R-INS-3", "route", "…", …);`. A message longer
** than the buffer is cut on a character boundary, never inside a UTF-8
** sequence. err may be NULL.
*/
int rule_fail(struct rule_error *err, const char *rule, const char *field,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Index of code in column 0 of a table of n {code, label} rows, or -1
** (code may be NULL). Every enum of the core with codes and labels uses it. */
int code_lookup(const char *const (*tab)[2], int n, const char *code);

/* 1 if code (not empty) is one of the space-separated codes of list
** ("RNCP28235BC01 RNCP28235BC03"), 0 otherwise. */
int code_in_list(const char *list, const char *code);

#endif
