/*
** The synthesis of evaluations (synthèse des évaluations): the document
** the jury paritaire examines for each candidate, drawn from the
** candidate's file (svc_candidate_doc) and nothing else, so that the
** page, the API, the command line and the PDF never disagree.
**
** With an anonymous code, the candidate appears under that code only: his
** names, birth date and birth place, his number and his contact details
** are left out, and any of his names or his birth date written in free
** text (an appraisal, a comment) is masked.
*/
#ifndef CQPM_DOC_SYNTHESIS_H
#define CQPM_DOC_SYNTHESIS_H
#include "doc/pdf.h"
#include <jansson.h>

#define SYNTHESIS_CODE_MAX 32

struct synthesis_opts {
	const char *centre_name;     /* the certification centre's name; NULL: its code */
	const char *date;            /* generation date, YYYY-MM-DD */
	/* the PDF's creation date, ISO 8601 (pdf_meta); NULL: date at 00:00:00 */
	const char *timestamp;
	const char *anonymous_code;  /* NULL or "": the candidate by name */
};

/*
** Refuses an anonymous code that is not 1 to SYNTHESIS_CODE_MAX letters,
** digits, "-" or "_": returns a French message, or NULL when code is
** acceptable.
*/
const char *synthesis_code_check(const char *code);

/*
** Renders the synthesis of the candidate's current registration as an A4
** PDF written through write(arg, …). Returns 0; -1 if the options are
** invalid (no date, a bad anonymous code) or candidate_file is not a
** candidate's file; -2 if the output failed.
*/
int doc_synthesis(const json_t *candidate_file, const struct synthesis_opts *o,
	pdf_write_fn write, void *arg);

/*
** The syntheses of n candidates in one PDF (a jury's session): each
** begins on a new page and numbers its own pages. codes, when not NULL,
** gives each candidate's anonymous code (o->anonymous_code is then
** ignored). Returns as doc_synthesis; *pages (may be NULL) receives the
** number of pages written.
*/
int doc_synthesis_batch(const json_t *const *files, size_t n, const char *const *codes,
	const struct synthesis_opts *o, pdf_write_fn write, void *arg, int *pages);

#endif
