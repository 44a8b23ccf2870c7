/*
** Documents attached to a candidate, as plain data (I/O-free): their
** types, the formats accepted and how they are recognised, the limits,
** and the file name a document is stored and downloaded under.
**
** A document is accepted by what it is, never by what the client says it
** is: the format comes from the first bytes of the content (magic bytes),
** not from the MIME type sent nor from the name's extension. Only PDF,
** JPEG and PNG are accepted: what a centre receives as identity documents,
** reports (R-EVA-3), evidence files (livret 2, R-VAE-3) and signed forms.
*/
#ifndef CQPM_DOCUMENT_H
#define CQPM_DOCUMENT_H
#include <stddef.h>

/* Limits. Sizes are shown in base 1024 with the units French file
** managers use ("Ko", "Mo"): the limit of 10 MiB is "10 Mo". */
#define DOC_MAX_SIZE ((size_t)10 << 20)  /* 10 MiB = 10 485 760 bytes per file */
#define DOC_MAX_SIZE_TEXT "10 Mo"
#define DOC_MAX_PER_CANDIDATE 100        /* documents per candidate */
#define DOC_NAME_MAX 200                 /* bytes of a stored file name */

enum doc_type {
	DOC_IDENTITY,         /* pièce d'identité */
	DOC_REPORT,           /* rapport / dossier de présentation de projet (R-EVA-3) */
	DOC_LIVRET2,          /* livret 2 : dossier de preuves VAE (R-VAE-3) */
	DOC_COMPANY_OPINION,  /* avis de l'entreprise signé (R-EVA-3) */
	DOC_DOSSIER,          /* dossier d'évaluation signé (R-EVA-2) */
	DOC_OTHER,
	DOC_TYPE__MAX
};

const char *doc_type_code(enum doc_type t);   /* "identity" …; NULL out of range */
const char *doc_type_label(enum doc_type t);  /* French */
int doc_type_from_code(const char *code);     /* -1 if unknown */
/* "identity, report, livret2, company_opinion, dossier ou other" */
const char *doc_type_codes_text(void);

enum doc_format { DOC_PDF, DOC_JPEG, DOC_PNG, DOC_FORMAT__MAX };

/* The format of a content from its first n bytes (n may be the whole
** content or at least its first 8 bytes); -1 when it is none of the
** accepted formats (empty, HTML, an executable, an archive…). */
int doc_format_sniff(const unsigned char *p, size_t n);
const char *doc_format_mime(enum doc_format f);   /* "application/pdf" … */
const char *doc_format_label(enum doc_format f);  /* "PDF" … */
const char *doc_format_ext(enum doc_format f);    /* ".pdf", ".jpg", ".png" */
/* The format of a stored MIME type, or -1. */
int doc_format_from_mime(const char *mime);

/* A size in French: "1 octet", "850 octets", "12,3 Ko", "1,5 Mo", "10 Mo". */
void doc_size_text(long long bytes, char *out, size_t outsz);

/*
** The name of a file as a client sent it (anything: NULL, a path, control
** characters, invalid UTF-8, thousands of bytes), made safe into out
** (outsz > DOC_NAME_MAX): its last path component only; invalid UTF-8
** bytes and control characters (C0, DEL, C1, the bidirectional overrides
** that disguise an extension) replaced by '_'; no leading dot or space,
** no trailing dot or space; "document" when nothing is left; then given
** the extension of its real format (doc_name_with_ext). The result is
** valid UTF-8 of DOC_NAME_MAX bytes at most.
*/
void doc_name_sanitise(const char *raw, enum doc_format f, char *out, size_t outsz);

/* A name typed by a user (--name, the form's name field): NULL if it is
** acceptable, else a French message (the caller names the field). */
const char *doc_name_check(const char *name);

/* name (valid, at most DOC_NAME_MAX bytes) ending with an extension of
** format f into out: kept when it has one ("Rapport.PDF", "photo.jpeg"),
** else the format's extension appended ("rapport.pdf" holding PNG bytes
** becomes "rapport.pdf.png"), the stem cut on a character boundary when
** the whole would pass DOC_NAME_MAX bytes. */
void doc_name_with_ext(const char *name, enum doc_format f, char *out, size_t outsz);

#endif
