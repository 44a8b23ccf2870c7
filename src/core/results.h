/*
** Results of evaluation (R-EVA-6) and what a candidate keeps of them
** (R-LET-3).
**
** From the result of each competence the module derives the state of each
** block (acquired when all its competences are), the state of the
** certification (a CQPM when all its blocks are acquired, a CCPM when all
** its competences are), and how long acquired components are kept after
** the jury's decision.
*/
#ifndef CQPM_RESULTS_H
#define CQPM_RESULTS_H
#include <stddef.h>
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/rules.h"

/* Result of one competence, as validated by the evaluation commission
** and the jury. */
enum comp_result {
	RES_NOT_EVALUATED,   /* non évaluée */
	RES_ACQUIRED,        /* acquise */
	RES_NOT_ACQUIRED,    /* non acquise */
	RES__MAX
};

/* State derived for a block or a certification. */
enum unit_state {
	UNIT_PENDING,        /* nothing failed, something not evaluated yet */
	UNIT_ACQUIRED,       /* every part acquired */
	UNIT_NOT_ACQUIRED,   /* at least one part not acquired */
	UNIT__MAX
};

const char *comp_result_code(enum comp_result r);   /* "acquired" … */
const char *comp_result_label(enum comp_result r);  /* French */
int comp_result_from_code(const char *code);        /* -1 if unknown */
const char *unit_state_code(enum unit_state s);
const char *unit_state_label(enum unit_state s);

/* R-EVA-6: state of a set of n competences: acquired when all are (n >
** 0), not acquired when one is not, pending otherwise (n == 0 too). */
enum unit_state competences_state(const enum comp_result *r, size_t n);

/* One block and the results of its competences. */
struct block_results {
	const char *code;                  /* for messages, e.g. "RNCP28235BC01" */
	const enum comp_result *competences;
	size_t n;
};

/*
** R-EVA-6: state of a certification of kind kind. A CQPM (and the CQPI
** attributed with it, R-JUR-12) is acquired when all its blocks are: give
** blocks[0..nblocks) and no loose competences. A CCPM (and a CCPI) is
** acquired when all its competences are: give competences[0..ncomp) and
** no blocks. If block_states is not NULL it receives the state of each
** block. Returns 0 with *out set, or -1 with err on data that does not fit
** the kind (a CQPM without blocks, an empty block, a CCPM with blocks, a
** result out of range, a kind the centre's jury does not award).
*/
int certification_state(enum cert_kind kind, const struct block_results *blocks,
	size_t nblocks, const enum comp_result *competences, size_t ncomp,
	enum unit_state *out, enum unit_state *block_states,
	struct rule_error *err);

/* R-LET-3 (2): what the non-admission letter lists as acquired: 1 for
** blocks (a CQPM registered at the RNCP), 0 for competences (a CQPM not
** registered, a CCPM). */
int acquired_units_are_blocks(enum cert_kind kind, int rncp_registered);

/* R-LET-3: how long acquired components are kept, in months, or
** VALIDITY_UNLIMITED. */
#define VALIDITY_UNLIMITED (-1)
#define VALIDITY_RNCP_MONTHS 60       /* 5 years, RNCP-registered */
#define VALIDITY_DEFAULT_MONTHS 24    /* 24 months otherwise */

/*
** R-LET-3: the keeping period that applies to a certification. The value
** registered for it (the fiche's "validité des composantes acquises") wins
** over the dispositif's default (RULES.md, R-LET-3): "illimitée" (any
** case, with or without accent) → VALIDITY_UNLIMITED; "N ans" / "N an" →
** 12·N months; "N mois" → N months; "" → the default, 60 months when
** rncp_registered, 24 otherwise. Returns 0 with *months set, or -1 with
** err for a registered text that says none of these.
*/
int acquired_validity_months(int rncp_registered, const char *registered_validity,
	int *months, struct rule_error *err);

/*
** R-LET-3: last day on which the components acquired at the jury of
** jury_date are kept, into out ("" when unlimited). The period runs from
** the jury's decision and ends on the same day number N months later, or
** the month's last day (dates.h): a jury on 2024-02-29 kept 5 years gives
** 2029-02-28, kept 24 months gives 2026-02-28. Returns 0, or -1 with err.
*/
int acquired_until(const char *jury_date, int rncp_registered,
	const char *registered_validity, char out[DATE_LEN],
	struct rule_error *err);

/* R-LET-3: 1 if components kept until until ("" = unlimited) are still
** kept on date (until included), 0 otherwise or on an invalid date. */
int acquired_kept_on(const char *until, const char *date);

#endif
