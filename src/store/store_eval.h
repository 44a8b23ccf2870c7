/*
** Typed store operations of the evaluation (R-EVA-1..6): the evaluation
** dossier of a registration, the evaluation commission's assignments, the
** result of each competence and the company's opinion. Same conventions
** as store.h: lookups return 1, 0 or -1; writes 0, -1 or STORE_CONFLICT.
*/
#ifndef CQPM_STORE_EVAL_H
#define CQPM_STORE_EVAL_H
#include "store/store.h"
#include <stdint.h>

/* The evaluation dossier of a registration (table dossier). */
struct dossier_row {
	int64_t registration_id;
	char *modalities;              /* JSON {"C1": ["real_situation"], …}; owned */
	char places[4096];
	char period_start[12], period_end[12];
	char agreed_by[16];            /* company, candidate */
	char company_signatory[808], centre_signatory[808];
	char agreed_on[12];
	char updated_at[32];
};
/* Frees what a lookup allocated in d. */
void dossier_row_release(struct dossier_row *d);
int store_dossier_get(struct store *st, int64_t registration_id, struct dossier_row *out);
/* Inserts or replaces the dossier of d->registration_id. */
int store_dossier_put(struct store *st, const struct dossier_row *d);

/* A member of the registration's evaluation commission. */
struct assignment_row {
	int64_t account_id;
	char login[72], name[800];
	char assigned_on[12];
};
int store_assign_insert(struct store *st, int64_t registration_id,
	int64_t account_id, const char *assigned_on);
int store_assign_delete(struct store *st, int64_t registration_id, int64_t account_id);
typedef int (*assignment_fn)(void *arg, const struct assignment_row *a);
/* The members, by name. */
int store_assign_of_reg(struct store *st, int64_t registration_id,
	assignment_fn fn, void *arg);

/* One competence's result (struct eval_row of store.h). */
int store_eval_get(struct store *st, int64_t registration_id,
	const char *competence, struct eval_row *out);
/* Inserts or replaces the result of (e->registration_id, e->competence);
** e->evaluator_id 0 records no account (the command line). */
int store_eval_put(struct store *st, const struct eval_row *e);

/* The company's opinion (table company_opinion). */
struct opinion_row {
	int64_t registration_id;
	char opinion[16];              /* favourable, reserved, unfavourable */
	char author_name[808];
	char author_role[16];          /* tutor, manager */
	char given_on[12];
	char comment[8192];
	char recorded_at[32];
};
int store_opinion_get(struct store *st, int64_t registration_id, struct opinion_row *out);
int store_opinion_put(struct store *st, const struct opinion_row *o);

#endif
