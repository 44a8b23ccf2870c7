/*
** Outgoing mail: one message (French subject, plain-text body, optional
** PDF attachments) to one recipient with an optional copy, through an
** SMTP server (libcurl, MIME built by curl_mime). The jury's convocations
** go out this way; the mandating union receives a copy of a member's
** convocation (R-JUR-9, decided by the jury service, not here).
**
** Configuration is process-wide: filled from the environment
** (CQPM_SMTP_URL, CQPM_SMTP_FROM, CQPM_SMTP_USER, CQPM_SMTP_PASSWORD) and
** the options of `cqpm serve` (--smtp, --smtp-from), then given ONCE to
** mail_configure() at start-up, before any thread starts. After that,
** mail_enabled() and mail_send() may be called from any thread (each send
** uses its own curl handle).
**
** Header injection is impossible: addresses are checked against a strict
** grammar (no CR, LF, space, angle bracket, comma…), the subject may hold
** no control character and goes out as RFC 2047 encoded words when it is
** not plain ASCII, attachment names are a safe ASCII subset; anything else
** is refused with a French message naming the field, and nothing is sent.
*/
#ifndef CQPM_MAIL_H
#define CQPM_MAIL_H
#include "util/buf.h"
#include <stddef.h>

#define MAIL_ADDR_MAX 254          /* RFC 5321 path limit, brackets excluded */
#define MAIL_URL_MAX 255
#define MAIL_SUBJECT_MAX 200       /* bytes of UTF-8 */
#define MAIL_BODY_MAX (256u << 10) /* bytes of UTF-8 */
#define MAIL_ATTACH_MAX 8          /* attachments per message */
#define MAIL_ATTACH_NAME_MAX 100
#define MAIL_ATTACH_BYTES_MAX ((size_t)10 << 20)   /* each */
#define MAIL_TOTAL_BYTES_MAX ((size_t)20 << 20)    /* all attachments */
#define MAIL_TIMEOUT_DEFAULT 60    /* seconds, whole transfer */
#define MAIL_CONNECT_TIMEOUT 10    /* seconds */

struct mail_config {
	char url[MAIL_URL_MAX + 1];       /* smtp://host:port or smtps://…; "" = no mail */
	char from[MAIL_ADDR_MAX + 1];     /* envelope and From: address */
	char user[128];                   /* "" = no authentication */
	char password[256];
	int timeout;                      /* seconds; 0 = MAIL_TIMEOUT_DEFAULT */
};

/* Fills c from CQPM_SMTP_URL, CQPM_SMTP_FROM, CQPM_SMTP_USER and
** CQPM_SMTP_PASSWORD (unset variables leave the field empty). -1 with a
** French message in err when a value is too long. */
int mail_config_env(struct mail_config *c, char *err, size_t errlen);

/* Checks c and makes it the process's configuration; initialises libcurl
** the first time. A configuration without URL disables mail (0). -1 with a
** French message naming the faulty setting; the previous configuration is
** then kept. Call at start-up, before threads: not thread-safe.
** Credentials on smtp:// require STARTTLS (never sent in clear); without
** credentials STARTTLS is used when the server offers it. */
int mail_configure(const struct mail_config *c, char *err, size_t errlen);

/* 1 when a server is configured. */
int mail_enabled(void);

/* Releases libcurl's global state (at exit, after the threads). */
void mail_cleanup(void);

struct mail_attachment {
	const char *name;     /* file name shown to the reader, e.g. "convocation.pdf" */
	const void *data;     /* a PDF: starts with "%PDF-" */
	size_t len;
};

struct mail_message {
	const char *to;       /* one recipient */
	const char *cc;       /* a copy, or NULL */
	const char *subject;  /* UTF-8, one line */
	const char *body;     /* UTF-8 text; line ends LF or CRLF */
	const struct mail_attachment *att;
	size_t natt;
};

/* Sends m through the configured server. 0 once the server accepted the
** message; -1 with a French message in err (nothing configured, a field
** refused, the server unreachable, slow or refusing). */
int mail_send(const struct mail_message *m, char *err, size_t errlen);

/* --- the checks and encodings mail_send uses, exposed for the tests --- */

/* 1 if a is a plain address local@domain.tld: dot-atoms of RFC 5322
** (letters, digits and !#$%&'*+/=?^_`{|}~- on the left, letters, digits
** and hyphens in labels on the right), at most 64 + 1 + 253 bytes and
** MAIL_ADDR_MAX in all; no display name, no quoting, no comments. */
int mail_address_ok(const char *a);

/* 1 if name may name an attachment: 1..MAIL_ATTACH_NAME_MAX bytes of
** letters, digits, space, and . _ - ( ) + , not starting with a dot. */
int mail_attach_name_ok(const char *name);

/* Checks m entirely (addresses, subject, body, attachments) without
** sending: 0, or -1 with a French message naming the field. */
int mail_check(const struct mail_message *m, char *err, size_t errlen);

/* Appends to out the value of a Subject: header for subject (which
** mail_check accepted): the text itself when it is printable ASCII
** without "=?", else RFC 2047 encoded words "=?UTF-8?B?…?=" of at most
** 75 characters, never cutting a UTF-8 sequence, folded by CRLF + space.
** -1 if out overflows. */
int mail_encode_subject(const char *subject, struct buf *out);

#endif
