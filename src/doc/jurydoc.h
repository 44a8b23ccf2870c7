/*
** The documents of the jury paritaire de délibération, drawn from the
** service's JSON and nothing else (service/svc_jury.h: the jury document
** of svc_jury_doc, the certificate of svc_certificate_get), so that the
** page, the API and the PDF never disagree:
**
**   - the certificates, annexes 7 to 11 (R-CER-1, R-CER-2, R-JUR-12), each
**     with a QR code of its public verification address;
**   - the letter to a candidate, R-LET-1 (admission), R-LET-2 (not
**     admitted, nothing acquired), R-LET-3 (not admitted, the four pieces
**     of information and what was acquired);
**   - the attendance sheet (feuille d'émargement, annex 13) and the
**     minutes (procès-verbal, annex 14, A4 landscape);
**   - the letter to the GTP « Certifications » (annex 12, R-GTP-1);
**   - the notice of composition and calendar to the CPREFP (R-JUR-8), the
**     designation request to one union (R-JUR-1), one member's
**     convocation (R-JUR-9).
**
** Every function writes one PDF through o->write(o->warg, …) and returns
** its number of pages (≥ 1), or JURYDOC_EINVAL when the options or the
** JSON cannot make the document (no date, an anonymous candidate's
** letter, an unknown member…; *o->error, when given, receives a French
** message), or JURYDOC_EIO when the output failed. No input crashes them:
** a missing member of an object prints as empty. The same JSON and
** options give the same bytes (the creation date is o->timestamp).
*/
#ifndef CQPM_DOC_JURYDOC_H
#define CQPM_DOC_JURYDOC_H
#include "doc/pdf.h"
#include <jansson.h>
#include <stdint.h>

#define JURYDOC_EINVAL (-1)
#define JURYDOC_EIO    (-2)
#define JURYDOC_URL_MAX 256   /* bytes of verify_base_url */

struct jurydoc_opts {
	const char *date;             /* generation date, YYYY-MM-DD (required) */
	/* the PDF's creation date, ISO 8601 (pdf_meta); NULL: date at 00:00:00 */
	const char *timestamp;
	/* the public address certificates are verified at, without the path:
	** "https://cqpm.uimm.fr"; the QR code is this + the certificate's
	** "verify_path". NULL or "": no QR code. */
	const char *verify_base_url;
	/* the centre's images (PNG), NULL when it has none; a PNG that cannot
	** be read is left out, the document is made without it */
	const unsigned char *letterhead;   /* letters, notices: top of the first page */
	size_t letterhead_len;
	const unsigned char *signature;    /* under the signatory's name */
	size_t signature_len;
	pdf_write_fn write;
	void *warg;
	const char **error;           /* NULL, or receives the reason of JURYDOC_EINVAL */
};

/* The candidate of jury whose anonymous code ("C-007") or registration id
** ("123") is ref; NULL if none. */
const json_t *jurydoc_candidate(const json_t *jury, const char *ref);

/* Annexes 7–11: one certificate (svc_certificate_get, or
** svc_certificate_duplicate for a duplicate: its "duplicate_mention" is
** printed). */
int doc_certificate(const json_t *cert, const struct jurydoc_opts *o);
/* The certificates certs[0..n) in one PDF, each on its own pages. */
int doc_certificates(const json_t *const *certs, size_t n, const struct jurydoc_opts *o);

/* R-LET-1..3: the letter of candidate (a member of jury's "candidates")
** as its "letter" says; refused for an anonymous candidate or one with
** no final decision. */
int doc_candidate_letter(const json_t *jury, const json_t *candidate,
	const struct jurydoc_opts *o);

/* Annex 13: the attendance sheet. */
int doc_attendance(const json_t *jury, const struct jurydoc_opts *o);
/* Annex 14: the minutes, one section per certification examined. */
int doc_minutes(const json_t *jury, const struct jurydoc_opts *o);
/* Annex 12, R-GTP-1: the letter to the GTP « Certifications ». */
int doc_gtp_letter(const json_t *jury, const struct jurydoc_opts *o);
/* R-JUR-8: the notice of the composition and calendar to the CPREFP. */
int doc_cprefp_notice(const json_t *jury, const struct jurydoc_opts *o);
/* R-JUR-1: the designation request to the union of code union_code. */
int doc_union_request(const json_t *jury, const char *union_code,
	const struct jurydoc_opts *o);
/* R-JUR-9: the convocation of the member of id member_id. */
int doc_convocation(const json_t *jury, int64_t member_id, const struct jurydoc_opts *o);

#endif
