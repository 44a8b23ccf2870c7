/*
** Results of evaluation and their keeping (see results.h).
*/
#include "core/results.h"
#include "core/text.h"
#include "util/buf.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const results[RES__MAX][2] = {
	[RES_NOT_EVALUATED] = { "not_evaluated", "Non évaluée" },
	[RES_ACQUIRED] = { "acquired", "Acquise" },
	[RES_NOT_ACQUIRED] = { "not_acquired", "Non acquise" },
};

static const char *const states[UNIT__MAX][2] = {
	[UNIT_PENDING] = { "pending", "En cours" },
	[UNIT_ACQUIRED] = { "acquired", "Acquis" },
	[UNIT_NOT_ACQUIRED] = { "not_acquired", "Non acquis" },
};

/* Codes and labels. */
const char *comp_result_code(enum comp_result r) { return (unsigned)r < RES__MAX ? results[r][0] : NULL; }
const char *comp_result_label(enum comp_result r) { return (unsigned)r < RES__MAX ? results[r][1] : NULL; }
const char *unit_state_code(enum unit_state s) { return (unsigned)s < UNIT__MAX ? states[s][0] : NULL; }
const char *unit_state_label(enum unit_state s) { return (unsigned)s < UNIT__MAX ? states[s][1] : NULL; }

/* Result from its code, or -1. */
int comp_result_from_code(const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < RES__MAX; i++)
		if (!strcmp(results[i][0], code))
			return i;
	return -1;
}

/* R-EVA-6: all acquired → acquired; one not acquired → not acquired. */
enum unit_state competences_state(const enum comp_result *r, size_t n)
{
	int pending = n == 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i] == RES_NOT_ACQUIRED)
			return UNIT_NOT_ACQUIRED;
		if (r[i] != RES_ACQUIRED)
			pending = 1;
	}
	return pending ? UNIT_PENDING : UNIT_ACQUIRED;
}

/* Same rule over block states: all acquired, one not acquired, else
** pending. */
static enum unit_state blocks_state(const enum unit_state *s, size_t n)
{
	int pending = n == 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == UNIT_NOT_ACQUIRED)
			return UNIT_NOT_ACQUIRED;
		if (s[i] != UNIT_ACQUIRED)
			pending = 1;
	}
	return pending ? UNIT_PENDING : UNIT_ACQUIRED;
}

/* -1 with err if one of r[0..n) is out of range. */
static int results_check(const enum comp_result *r, size_t n, const char *where,
	struct rule_error *err)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned)r[i] >= RES__MAX)
			return rule_fail(err, "", "results",
				"Le résultat de la compétence n° %zu %s est inconnu.", i + 1, where);
	return 0;
}

/* R-EVA-6 over a whole certification (see results.h). */
int certification_state(enum cert_kind kind, const struct block_results *blocks,
	size_t nblocks, const enum comp_result *competences, size_t ncomp,
	enum unit_state *out, enum unit_state *block_states,
	struct rule_error *err)
{
	enum unit_state st[CAT_MAX_BLOCKS];

	switch (kind) {
	case KIND_CQPM:
	case KIND_CQPI:
		if (nblocks == 0)
			return rule_fail(err, "R-EVA-6", "blocks",
				"Un CQPM s'obtient par ses blocs de compétences : aucun bloc n'est donné.");
		if (nblocks > CAT_MAX_BLOCKS)
			return rule_fail(err, "", "blocks", "Trop de blocs de compétences.");
		if (ncomp)
			return rule_fail(err, "R-EVA-6", "competences",
				"Les compétences d'un CQPM se rattachent à ses blocs : aucune ne peut être donnée hors bloc.");
		for (size_t b = 0; b < nblocks; b++) {
			char where[96];
			snprintf(where, sizeof where, "du bloc %s",
				blocks[b].code ? blocks[b].code : "?");
			if (blocks[b].n == 0)
				return rule_fail(err, "R-EVA-6", "blocks",
					"Le bloc %s n'a aucune compétence : son état ne peut pas être établi.",
					blocks[b].code ? blocks[b].code : "?");
			if (results_check(blocks[b].competences, blocks[b].n, where, err))
				return -1;
			st[b] = competences_state(blocks[b].competences, blocks[b].n);
			if (block_states)
				block_states[b] = st[b];
		}
		*out = blocks_state(st, nblocks);
		return 0;
	case KIND_CCPM:
	case KIND_CCPI:
		if (nblocks)
			return rule_fail(err, "R-EVA-6", "blocks",
				"Un CCPM n'est pas découpé en blocs : il s'obtient par toutes ses compétences.");
		if (ncomp == 0)
			return rule_fail(err, "R-EVA-6", "competences",
				"Un CCPM s'obtient par ses compétences : aucune n'est donnée.");
		if (results_check(competences, ncomp, "du certificat", err))
			return -1;
		*out = competences_state(competences, ncomp);
		return 0;
	default:
		return rule_fail(err, "R-EVA-6", "kind",
			"Le jury paritaire de délibération n'attribue que des CQPM, CQPI, CCPM et CCPI ; un parcours de professionnalisation certifiant est attribué par l'entreprise.");
	}
}

/* R-LET-3 (2): blocks for an RNCP CQPM, competences otherwise. */
int acquired_units_are_blocks(enum cert_kind kind, int rncp_registered)
{
	return (kind == KIND_CQPM || kind == KIND_CQPI) && rncp_registered;
}

/* Parses "N" + unit (folded text) into months; 0 or -1. */
static int parse_duration(const char *s, int *months)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	if (n <= 0 || n > 100 || *end != ' ')
		return -1;
	end++;
	if (!strcmp(end, "an") || !strcmp(end, "ans")) {
		*months = (int)n * 12;
		return 0;
	}
	if (!strcmp(end, "mois")) {
		*months = (int)n;
		return 0;
	}
	return -1;
}

/* R-LET-3: the registered value wins over the default. */
int acquired_validity_months(int rncp_registered, const char *registered_validity,
	int *months, struct rule_error *err)
{
	struct buf b;
	const char *f;
	int rc = 0;

	if (!registered_validity || !*registered_validity) {
		*months = rncp_registered ? VALIDITY_RNCP_MONTHS : VALIDITY_DEFAULT_MONTHS;
		return 0;
	}
	buf_init(&b, 512);
	if (text_fold(&b, registered_validity) == 0) {
		f = buf_str(&b);
		if (!*f)
			*months = rncp_registered ? VALIDITY_RNCP_MONTHS : VALIDITY_DEFAULT_MONTHS;
		else if (!strcmp(f, "illimitee") || !strcmp(f, "illimite"))
			*months = VALIDITY_UNLIMITED;
		else if (parse_duration(f, months))
			rc = -1;
	} else {
		rc = -1;
	}
	buf_release(&b);
	if (rc)
		return rule_fail(err, "R-LET-3", "acquired_validity",
			"La validité des composantes acquises enregistrée pour la certification n'est pas comprise : elle doit valoir « illimitée », un nombre d'ans ou un nombre de mois.");
	return 0;
}

/* R-LET-3: last day the acquired components are kept. */
int acquired_until(const char *jury_date, int rncp_registered,
	const char *registered_validity, char out[DATE_LEN],
	struct rule_error *err)
{
	int months;

	out[0] = '\0';
	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (acquired_validity_months(rncp_registered, registered_validity, &months, err))
		return -1;
	if (months == VALIDITY_UNLIMITED)
		return 0;
	if (date_add_months(jury_date, months, out))
		return rule_fail(err, "", "jury_date",
			"La date de fin de conservation des acquis sort du calendrier pris en charge.");
	return 0;
}

/* R-LET-3: kept on date (until included, "" unlimited). */
int acquired_kept_on(const char *until, const char *date)
{
	if (!date_ok(date))
		return 0;
	if (!until || !*until)
		return 1;
	return date_ok(until) && date_cmp(date, until) <= 0;
}
