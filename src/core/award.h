/*
** What the jury's decision produces (R-JUR-12, R-CER-1, R-CER-2,
** R-LET-1..3; dispositif Partie 2 ch. 3 §3 B and §4, ch. 5, annexes 7 to
** 11): the certificates an admission awards, the block certificates of a
** candidate not admitted, the letter that informs the candidate, and the
** certificate numbers "MC…" with their duplicates.
**
** The life of one certificate:
**
**   issued ──cert_cancel──▶ cancelled   (a correction of the decision,
**     │                                  jury.h; the number stays used)
**     └──cert_duplicate──▶ issued duplicate, same number
**
** Nothing here reads a table or a clock; the numbers are computed from
** the last one issued, which the store keeps per centre and year.
*/
#ifndef CQPM_AWARD_H
#define CQPM_AWARD_H
#include <stddef.h>
#include "core/catalogue.h"
#include "core/dates.h"
#include "core/jury.h"
#include "core/results.h"
#include "core/rules.h"
#include "util/buf.h"

/* R-JUR-12: the certificates of annexes 7 to 11. */
enum award_kind {
	AWARD_CQPM,     /* annexe 7 : certificat de qualification paritaire de la métallurgie */
	AWARD_BLOCK,    /* annexe 8 : certificat de bloc de compétences */
	AWARD_CQPI,     /* annexe 9 : certificat de qualification professionnelle interbranches */
	AWARD_CCPM,     /* annexe 10 : certificat de compétences professionnelles de la métallurgie */
	AWARD_CCPI,     /* annexe 11 : certificat de compétences professionnelles interbranches */
	AWARD__MAX
};

const char *award_kind_code(enum award_kind k);    /* "cqpm", "block", … */
const char *award_kind_label(enum award_kind k);   /* French title of the certificate */
int award_kind_from_code(const char *code);        /* -1 if unknown */
int award_annex(enum award_kind k);                /* 7..11, 0 out of range */

/* What the award needs to know of a registration and its decision. */
struct award_input {
	enum cert_kind kind;            /* of the certification registered for */
	int rncp_registered;            /* "R": registered at the RNCP */
	int cqpi_listed;                /* "I": the CQPM is on the CQPI list */
	enum jury_verdict verdict;      /* the final decision (jury.h) */
	size_t nblocks;                 /* blocks of the certification (0 for a CCPM, CCPI) */
	const int *registered;          /* per block: 1 if the registration covers it; NULL = every block */
	const enum unit_state *results; /* per block, this registration's results (R-EVA-6); NULL = none */
	const int *kept;                /* per block: acquired at an earlier jury, still kept on this
	                                   jury's date (acquired_kept_on); NULL = none */
};

/* One certificate to issue. */
struct award_item {
	enum award_kind kind;
	size_t block;                   /* AWARD_BLOCK: index of the block; 0 otherwise */
};

/* The certificates a decision awards. */
struct award_plan {
	size_t n;
	struct award_item items[CAT_MAX_BLOCKS + 2];
};

/*
** R-JUR-12, R-CER-2 (annex 8): the certificates decision in->verdict
** awards, in this order: the certification (CQPM, CQPI, CCPM or CCPI),
** the CQPI of a CQPM on the CQPI list, then the blocks. See award.c for
** the cases. Returns 0 with *out filled (n may be 0: nothing awarded), or
** -1 with err for data that do not fit the kind, or a kind the jury does
** not award.
*/
int award_plan(const struct award_input *in, struct award_plan *out,
	struct rule_error *err);

/*
** R-JUR-12 after a correction (jury_correct): the certificates of old that
** new no longer awards go to cancel[] (1 per item of old), those of new
** that old did not award go to issue[] (1 per item of new); the others are
** kept with their numbers.
*/
void award_plan_diff(const struct award_plan *old, const struct award_plan *new_plan,
	int *cancel, int *issue);

/*
** R-JUR-11: 1 if the sovereign decision goes against the results (R-EVA-6)
** — admitted although the certification is not acquired, or not admitted
** although it is — so that the page can say so before the signature;
** 0 otherwise. Never a refusal.
*/
int award_against_results(enum jury_verdict v, enum unit_state certification);

/* R-LET-1..3: the letter that informs the candidate. */
enum letter_kind {
	LETTER_ADMISSION,        /* R-LET-1 délivrance de la certification */
	LETTER_NOT_ADMITTED,     /* R-LET-2 non-admission, rien d'acquis */
	LETTER_PARTIAL,          /* R-LET-3 non-admission, blocs ou compétences acquis */
	LETTER__MAX
};

const char *letter_kind_code(enum letter_kind k);   /* "admission", … */
const char *letter_kind_label(enum letter_kind k);  /* French */
const char *letter_kind_rule(enum letter_kind k);   /* "R-LET-1" … */

struct letter_input {
	enum jury_verdict verdict;       /* the final decision */
	enum cert_kind kind;
	int rncp_registered;
	const char *registered_validity; /* the fiche's "validité des composantes acquises", "" if none */
	const char *jury_date;
	size_t acquired_units;           /* blocks (RNCP CQPM) or competences acquired at this jury */
	int has_company;                 /* the registration names a company */
	int without_employer_agreement;  /* employee acting without his employer's agreement */
};

struct letter_plan {
	enum letter_kind kind;
	char dated[DATE_LEN];       /* R-LET-2, R-LET-3: the day of the jury */
	int to_company;             /* R-LET-1: the company is informed too */
	int units_are_blocks;       /* R-LET-3 (2): blocks, or competences */
	int keep_months;            /* R-LET-3 (3): months, VALIDITY_UNLIMITED; 0 unless partial */
	char kept_until[DATE_LEN];  /* R-LET-3 (3): last day kept, "" if unlimited or not partial */
	int pieces;                 /* R-LET-3: the four pieces of information; 0 otherwise */
};

/*
** R-LET-1..3: which letter, dated when, to whom, with what: admission
** (R-LET-1), non-admission with nothing acquired (R-LET-2), or with
** acquired units and the four pieces of information (R-LET-3), the
** keeping period from the certification's registered data
** (acquired_until, results.h). Returns 0, or -1 with err (no final
** decision, invalid date, keeping period not understood).
*/
int letter_plan(const struct letter_input *in, struct letter_plan *out,
	struct rule_error *err);

/*
** R-LET-3: the French text of piece i (1..4) of the letter p (p->kind is
** LETTER_PARTIAL) for the certification of title and code, appended to
** out: (1) the non-admission, by title and code; (2) the heading of the
** list of acquired blocks or competences (the list is the document's);
** (3) the two access routes, the keeping period and the re-registration;
** (4) the passeport orientation et formation. Returns 0, or -1 when i is
** out of range or p is not a partial letter.
*/
int letter_piece(const struct letter_plan *p, int i, const char *title,
	const char *code, struct buf *out);

/*
** R-CER-2: certificate numbers. The dispositif prints "N° Certificat
** MC ....." (annexes 7 and 8) and sets no format; this one is (award.c
** says why):
**
**   MC YYYY CCC NNNNN KK    stored without spaces: "MC20250070004209"
**
** YYYY the year of the jury's decision, CCC the centre's national number
** (001..999), NNNNN the rank of the certificate among those the centre
** issued for that year's juries (00001..99999), KK a check key
** 97 − (YYYYCCCNNNNN mod 97), as the key of the NIR, which catches a
** mistyped digit or two swapped digits.
*/
#define CERT_NUMBER_LEN 17          /* "MC" + 14 digits + NUL */
#define CERT_NUMBER_DISPLAY_LEN 21  /* "MC 2025 007 00042 09" + NUL */
#define CERT_CENTRE_MAX 999
#define CERT_SEQ_MAX 99999L

struct cert_number {
	int year;      /* 1900..2200 */
	int centre;    /* 1..999 */
	long seq;      /* 1..99999 */
};

/* The check key of n (1..97). */
int cert_number_key(const struct cert_number *n);

/* Canonical form of n into out. Returns 0, or -1 (out = "") when a part
** is out of range. */
int cert_number_format(const struct cert_number *n, char out[CERT_NUMBER_LEN]);

/*
** Parses a number as typed: case, spaces, hyphens and dots are ignored
** ("mc 2025-007-00042 09"); at most 64 characters. Returns 0 with *n and
** canonical (either may be NULL) set, or -1 with err: malformed, a part
** out of range, or a wrong key.
*/
int cert_number_parse(const char *s, struct cert_number *n,
	char canonical[CERT_NUMBER_LEN], struct rule_error *err);

/* Display form "MC 2025 007 00042 09" of a canonical number; "?" if it
** is not one. Returns out. */
const char *cert_number_display(const char *canonical,
	char out[CERT_NUMBER_DISPLAY_LEN]);

/*
** R-CER-2: the next number for centre (1..999) and a jury held on
** jury_date, after last, the last number issued for that centre and year
** ("" or NULL when none yet). Numbers are never reused: the store keeps
** the last one issued even when its certificate is cancelled. Returns 0,
** or -1 with err (last malformed or of another centre or year, the year
** exhausted).
*/
int cert_number_next(const char *last, int centre, const char *jury_date,
	char out[CERT_NUMBER_LEN], struct rule_error *err);

/* State of one certificate. */
enum cert_state {
	CERT_ISSUED,       /* délivré */
	CERT_CANCELLED,    /* annulé par une rectification de la décision */
	CERT_STATE__MAX
};

const char *cert_state_code(enum cert_state s);   /* "issued", "cancelled" */
const char *cert_state_label(enum cert_state s);  /* French */

struct certificate {
	char number[CERT_NUMBER_LEN];
	enum award_kind kind;
	enum cert_state state;
	char issued_on[DATE_LEN];
	int duplicate;                /* 0 the original, k the k-th duplicate */
	char cancelled_on[DATE_LEN];
};

/* R-JUR-11, R-JUR-12: a correction cancels c on date (not before its
** issue). The number stays used. Returns 0, or -1 with err. */
int cert_cancel(struct certificate *c, const char *date, struct rule_error *err);

/*
** R-CER-1: "En cas de perte des originaux, [le centre] peut éditer des
** duplicatas certifiés conformes": a duplicate of the issued certificate
** orig, the duplicates_so_far-th + 1, on date (not before the original),
** keeps its number. Returns 0 with *dup, or -1 with err (a cancelled
** certificate has no duplicate).
*/
int cert_duplicate(const struct certificate *orig, int duplicates_so_far,
	const char *date, struct certificate *dup, struct rule_error *err);

/* R-CER-1: the mention a duplicate carries, into out[n]: "Duplicata
** certifié conforme à l'original n° MC …, délivré le JJ/MM/AAAA." ("" for
** an original). Returns out. */
const char *cert_duplicate_mention(const struct certificate *c, char *out,
	size_t n);

#endif
