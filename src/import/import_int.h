/*
** Internal helpers shared by the importers (not part of the public
** contract in import.h): error reporting, UTF-8 checks, the French date
** conversion, the cleaning of register texts and the empty catalogue
** document every importer starts from.
*/
#ifndef CQPM_IMPORT_INT_H
#define CQPM_IMPORT_INT_H
#include "import/import.h"
#include "util/buf.h"
#include <jansson.h>
#include <stddef.h>

/* Fills err: every field, the message from the printf-like format. */
void import_err_set(struct import_error *err, const char *file, long line,
	const char *element, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The last component of a path (pointer into path). */
const char *import_basename(const char *path);

/*
** Checks that s[0..n) is well-formed UTF-8 without NUL, overlong forms,
** surrogates or code points above U+10FFFF. Returns 0 when valid, else -1
** with *bad set to the offset of the first bad byte (bad may be NULL).
*/
int import_utf8_check(const char *s, size_t n, size_t *bad);

/*
** Converts a register date "JJ/MM/AAAA" (or already ISO "AAAA-MM-JJ"),
** surrounding blanks allowed, to ISO "YYYY-MM-DD" in out. Returns 0, or -1
** when the text is not a real calendar date (31/02/2024, 00/01/2020, …).
*/
int import_date_iso(const char *s, char out[11]);

/*
** Cleans a register text into out (reset first): HTML markup some fiches
** carry is turned into text (paragraph tags into blank lines, list items and
** <br> into lines), HTML entities are decoded, runs of blanks collapse into
** one space, the "  * item   o sub-item" bullets of the flattened export
** start a new line, lines are trimmed, and paragraphs are separated by
** exactly one blank line. The result is valid UTF-8 if the input was.
*/
void import_text_clean(const char *in, size_t n, struct buf *out);

/*
** Splits a cleaned text into its list items: one entry per non-empty line,
** without its bullet marker. Returns a new JSON array (maybe empty).
*/
json_t *import_text_list(const char *clean);

/*
** Folds a name or label for tolerant comparison: ASCII letters lowered,
** Latin accented letters (NFC) turned to their base letter, combining marks
** (NFD) dropped, every other character (blanks, punctuation, apostrophes,
** other scripts) dropped. "VoixdAccès" and "Voixd_Acce\u0300s" both give
** "voixdacces".
*/
void import_fold(const char *in, struct buf *out);

/* New empty catalogue document: every field of doc/catalogue-schema.md. */
json_t *import_doc_new(void);

/* New empty block of a catalogue document (blocks[] entry). */
json_t *import_block_new(void);

/* Sets obj[key] to the string s[0..n) (jansson copies). */
void import_set_strn(json_t *obj, const char *key, const char *s, size_t n);
void import_set_str(json_t *obj, const char *key, const char *s);

/* Block number from a code ending in "BC<digits>", or -1. */
long import_block_number(const char *code);

/* 1 if s is "RNCP<digits>" or "RS<digits>" (then *kind is "RNCP"/"RS"). */
int import_fiche_number(const char *s, const char **kind);

/* "Oui"/"Non" (any case, blanks around) → 1/0; anything else → -1. */
int import_yes_no(const char *s);

#endif
