/*
** Identifiers of the scheme (R-CAT-4) and of the national registers.
**
**   CQPM  "CQPM" + creation year (4 digits) + number (4 digits) + suffix
**         "R" (registered at the RNCP) and/or "I" (on the CQPI list),
**         e.g. CQPM20170264R, CQPM20200012RI
**   block "BDC" + 4 digits, e.g. BDC0123
**   CCPM  "CCPM" + year (4 digits) + number (4 digits)
**   RNCP  "RNCP" + digits (fiche), "RNCP" + digits + "BC" + 2 digits (block)
**   RS    "RS" + digits
** Older decisions carry numbers like "2007 10 89 0264": kept as history,
** never parsed.
*/
#ifndef CQPM_IDS_H
#define CQPM_IDS_H
#include <stddef.h>

enum code_kind {
	CODE_INVALID,
	CODE_CQPM,      /* R-CAT-4 CQPM identifier */
	CODE_BDC,       /* R-CAT-4 block */
	CODE_CCPM,      /* R-CAT-4 CCPM identifier */
	CODE_RNCP,      /* RNCP fiche */
	CODE_RNCP_BLOCK,/* RNCP block, RNCP…BCnn */
	CODE_RS,        /* RS fiche */
	CODE_LOCAL,     /* local catalogue key (e.g. PROJET-CHARGE-RH) */
};

/* Classifies a code. Local keys are 2..40 characters of A-Z, 0-9 and '-',
** starting with a letter. Anything else is CODE_INVALID. */
enum code_kind code_classify(const char *code);

/*
** R-CAT-4: parse a CQPM identifier. On success returns 0 and sets year,
** number, registered (R) and cqpi (I); returns -1 if malformed.
*/
int cqpm_id_parse(const char *id, int *year, int *number, int *registered,
	int *cqpi);

/*
** Normalises a user-typed code into out (upper case, spaces removed;
** "rncp 28235" → "RNCP28235", "28235" → "RNCP28235"). Returns 0, or -1 if
** the result does not fit or is not a valid code.
*/
int code_normalize(const char *in, char *out, size_t outsz);

#endif
