/*
** French typography for printed documents (I/O-free).
**
** typo_fr() turns the text of the data as it was typed into the text a
** French document prints (Lexique des règles typographiques en usage à
** l'Imprimerie nationale):
**   - a narrow no-break space (U+202F) before « ; », « ! » and « ? »,
**     a no-break space (U+00A0) before « : » — replacing the space typed
**     there, or added when none was typed and the sign ends a word
**     (« 10:30 » and « http:// » are left alone);
**   - a no-break space inside « guillemets »;
**   - the typographic apostrophe (U+2019) for an ASCII one between two
**     letters (« l'entreprise » → « l’entreprise »).
** It also makes any text safe to lay out: invalid UTF-8 bytes become
** U+FFFD, control characters other than the line feed become spaces.
** Applying it twice gives the same text as applying it once.
*/
#ifndef CQPM_DOC_TYPO_H
#define CQPM_DOC_TYPO_H
#include "util/buf.h"
#include <stddef.h>

#define TYPO_NBSP  "\xc2\xa0"       /* U+00A0 no-break space */
#define TYPO_NNBSP "\xe2\x80\xaf"   /* U+202F narrow no-break space */
#define TYPO_APOS  "\xe2\x80\x99"   /* U+2019 right single quotation mark */

/* Appends the French form of s[0..n) to out. Returns -1 when out's cap
** is reached (out keeps what fitted), 0 otherwise. */
int typo_fr(struct buf *out, const char *s, size_t n);

/* Appends s[0..n) to out made safe (UTF-8 repaired, controls replaced)
** but otherwise unchanged: codes, numbers, addresses. */
int typo_clean(struct buf *out, const char *s, size_t n);

#endif
