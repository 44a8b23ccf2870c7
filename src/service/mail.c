/*
** Outgoing mail through libcurl's SMTP client (see mail.h).
*/
#include "service/mail.h"
#include "core/text.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct mail_config config;   /* set once by mail_configure */
static int curl_ready;

static int fail(char *err, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	if (err && n) {
		va_start(ap, fmt);
		vsnprintf(err, n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* copies environment variable name into dst (size n); "" when unset */
static int env_copy(char *dst, size_t n, const char *name, char *err, size_t errlen)
{
	const char *v = getenv(name);
	if (!v)
		v = "";
	if (strlen(v) >= n)
		return fail(err, errlen, "La variable %s est trop longue (%zu caractères au plus).",
			name, n - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

int mail_config_env(struct mail_config *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	if (env_copy(c->url, sizeof c->url, "CQPM_SMTP_URL", err, errlen) ||
	    env_copy(c->from, sizeof c->from, "CQPM_SMTP_FROM", err, errlen) ||
	    env_copy(c->user, sizeof c->user, "CQPM_SMTP_USER", err, errlen) ||
	    env_copy(c->password, sizeof c->password, "CQPM_SMTP_PASSWORD", err, errlen))
		return -1;
	return 0;
}

/* 1 if s holds a byte below 0x20 or DEL */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* 1 if s (NUL-terminated, within n bytes) fits in n bytes */
static int fits(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

int mail_configure(const struct mail_config *c, char *err, size_t errlen)
{
	const char *host;

	if (!fits(c->url, sizeof c->url) || !fits(c->from, sizeof c->from) ||
	    !fits(c->user, sizeof c->user) || !fits(c->password, sizeof c->password))
		return fail(err, errlen, "Configuration de la messagerie illisible.");
	if (c->timeout < 0 || c->timeout > 600)
		return fail(err, errlen, "Délai d'envoi des messages : de 1 à 600 secondes.");
	if (c->url[0]) {
		if (!strncmp(c->url, "smtp://", 7))
			host = c->url + 7;
		else if (!strncmp(c->url, "smtps://", 8))
			host = c->url + 8;
		else
			return fail(err, errlen, "Serveur de messagerie (--smtp, CQPM_SMTP_URL) : "
				"une adresse smtp://hôte:port ou smtps://hôte:port est attendue.");
		if (!*host || *host == '/' || *host == ':' || has_control(c->url) ||
		    strpbrk(c->url, " \"<>\\^`{|}"))
			return fail(err, errlen, "Serveur de messagerie (--smtp, CQPM_SMTP_URL) : "
				"l'adresse « %s » n'est pas valable.", c->url);
		if (!c->from[0])
			return fail(err, errlen, "Serveur de messagerie configuré sans adresse "
				"d'expéditeur : indiquez --smtp-from ou CQPM_SMTP_FROM.");
		if (!mail_address_ok(c->from))
			return fail(err, errlen, "Adresse d'expéditeur (--smtp-from, CQPM_SMTP_FROM) : "
				"« %s » n'est pas une adresse électronique valable.", c->from);
		if (has_control(c->user) || has_control(c->password))
			return fail(err, errlen, "Identifiant ou mot de passe de la messagerie : "
				"caractère de contrôle refusé.");
		if (c->password[0] && !c->user[0])
			return fail(err, errlen, "Mot de passe de la messagerie sans identifiant : "
				"indiquez CQPM_SMTP_USER.");
		if (!curl_ready) {
			if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
				return fail(err, errlen, "La bibliothèque d'envoi des messages "
					"(libcurl) ne s'initialise pas.");
			curl_ready = 1;
		}
	}
	config = *c;
	return 0;
}

int mail_enabled(void)
{
	return config.url[0] != '\0';
}

void mail_cleanup(void)
{
	if (curl_ready)
		curl_global_cleanup();
	curl_ready = 0;
	sodium_memzero(&config, sizeof config);
}

/* --- checks --------------------------------------------------------------- */

static int atext(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		(ch && strchr("!#$%&'*+/=?^_`{|}~-", ch));
}

static int ldh(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		ch == '-';
}

int mail_address_ok(const char *a)
{
	const char *at, *p, *label;
	size_t n, labels = 0;

	if (!a || !fits(a, MAIL_ADDR_MAX + 1) || !(at = strchr(a, '@')) || strchr(at + 1, '@'))
		return 0;
	n = (size_t)(at - a);
	if (n < 1 || n > 64 || strlen(at + 1) > 253)
		return 0;
	/* local part: dot-atom */
	for (p = a; p < at; p++) {
		if (*p == '.') {
			if (p == a || p + 1 == at || p[1] == '.')
				return 0;
		} else if (!atext((unsigned char)*p)) {
			return 0;
		}
	}
	/* domain: at least two labels of 1..63 letters, digits, hyphens */
	label = at + 1;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			n = (size_t)(p - label);
			if (n < 1 || n > 63 || label[0] == '-' || p[-1] == '-')
				return 0;
			labels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!ldh((unsigned char)*p)) {
			return 0;
		}
	}
	return labels >= 2;
}

int mail_attach_name_ok(const char *name)
{
	size_t n;
	const char *p;

	if (!name || !fits(name, MAIL_ATTACH_NAME_MAX + 1) || !(n = strlen(name)) || name[0] == '.')
		return 0;
	for (p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      strchr(" ._-()+", ch)))
			return 0;
	}
	return 1;
}

int mail_check(const struct mail_message *m, char *err, size_t errlen)
{
	size_t i, total = 0, n;
	const char *p;

	if (!m->to || !*m->to)
		return fail(err, errlen, "Destinataire du message : adresse manquante.");
	if (!mail_address_ok(m->to))
		return fail(err, errlen, "Destinataire du message : ce n'est pas une adresse "
			"électronique valable.");
	if (m->cc && *m->cc && !mail_address_ok(m->cc))
		return fail(err, errlen, "Copie du message : ce n'est pas une adresse "
			"électronique valable.");
	if (!m->subject || !*m->subject)
		return fail(err, errlen, "Objet du message : il est vide.");
	if (!fits(m->subject, MAIL_SUBJECT_MAX + 1))
		return fail(err, errlen, "Objet du message : %d octets au plus.", MAIL_SUBJECT_MAX);
	n = strlen(m->subject);
	if (!utf8_valid(m->subject, n))
		return fail(err, errlen, "Objet du message : texte UTF-8 invalide.");
	if (has_control(m->subject))
		return fail(err, errlen, "Objet du message : une seule ligne, sans caractère "
			"de contrôle.");
	if (!m->body)
		return fail(err, errlen, "Texte du message : il manque.");
	if (!fits(m->body, MAIL_BODY_MAX + 1))
		return fail(err, errlen, "Texte du message : %u octets au plus.", MAIL_BODY_MAX);
	if (!utf8_valid(m->body, strlen(m->body)))
		return fail(err, errlen, "Texte du message : texte UTF-8 invalide.");
	for (p = m->body; *p; p++)
		if (((unsigned char)*p < 0x20 && !strchr("\t\r\n", *p)) || *p == 0x7f)
			return fail(err, errlen, "Texte du message : caractère de contrôle refusé.");
	if (m->natt > MAIL_ATTACH_MAX)
		return fail(err, errlen, "Pièces jointes : %d au plus.", MAIL_ATTACH_MAX);
	if (m->natt && !m->att)
		return fail(err, errlen, "Pièces jointes : elles manquent.");
	for (i = 0; i < m->natt; i++) {
		const struct mail_attachment *a = &m->att[i];
		if (!mail_attach_name_ok(a->name))
			return fail(err, errlen, "Pièce jointe %zu : nom refusé (lettres, chiffres, "
				"espace et . _ - ( ) + seulement, %d caractères au plus).",
				i + 1, MAIL_ATTACH_NAME_MAX);
		if (!a->data || a->len < 5 || memcmp(a->data, "%PDF-", 5))
			return fail(err, errlen, "Pièce jointe « %s » : ce n'est pas un PDF.", a->name);
		if (a->len > MAIL_ATTACH_BYTES_MAX)
			return fail(err, errlen, "Pièce jointe « %s » : %zu Mo au plus.", a->name,
				MAIL_ATTACH_BYTES_MAX >> 20);
		total += a->len;
	}
	if (total > MAIL_TOTAL_BYTES_MAX)
		return fail(err, errlen, "Pièces jointes : %zu Mo au plus en tout.",
			MAIL_TOTAL_BYTES_MAX >> 20);
	return 0;
}

/* --- encodings ---------------------------------------------------------- */

/* 45 bytes of UTF-8 make 60 characters of base64: with "=?UTF-8?B?" and
** "?=", 72 characters, under RFC 2047's 75. */
#define WORD_BYTES 45

int mail_encode_subject(const char *subject, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)subject;
	size_t n = strlen(subject), i, start, cut;
	int plain = !strstr(subject, "=?");
	char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	for (i = 0; i < n && plain; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f)
			plain = 0;
	if (plain)
		return buf_puts(out, subject);
	for (start = 0; start < n; start = cut) {
		cut = start + WORD_BYTES < n ? start + WORD_BYTES : n;
		while (cut < n && cut > start && (s[cut] & 0xc0) == 0x80)
			cut--;   /* never split a sequence: back to its lead byte */
		sodium_bin2base64(b64, sizeof b64, s + start, cut - start,
			sodium_base64_VARIANT_ORIGINAL);
		if (buf_printf(out, "%s=?UTF-8?B?%s?=", start ? "\r\n " : "", b64))
			return -1;
	}
	return 0;
}

/* the body with every line ending made CRLF (quoted-printable needs it) */
static int crlf_body(const char *body, struct buf *out)
{
	const char *p;
	for (p = body; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_putc(out, '\r');
		buf_putc(out, *p);
	}
	return out->overflow ? -1 : 0;
}

/* RFC 5322 date, English names whatever the locale */
static void rfc_date(char *d, size_t n)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(d, n, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
		tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		tm.tm_sec);
}

/* French wording of a failed transfer */
static int curl_fail(CURLcode rc, long reply, char *err, size_t errlen)
{
	const char *what;
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		what = "le nom du serveur de messagerie est inconnu"; break;
	case CURLE_COULDNT_CONNECT:
		what = "le serveur de messagerie ne répond pas"; break;
	case CURLE_OPERATION_TIMEDOUT:
		what = "le serveur de messagerie a mis trop de temps à répondre"; break;
	case CURLE_LOGIN_DENIED:
		what = "le serveur de messagerie refuse l'identifiant ou le mot de passe"; break;
	case CURLE_USE_SSL_FAILED:
		what = "le serveur de messagerie ne propose pas de connexion chiffrée (STARTTLS)"; break;
	case CURLE_PEER_FAILED_VERIFICATION:
		what = "le certificat du serveur de messagerie n'est pas valable"; break;
	case CURLE_SSL_CONNECT_ERROR:
		what = "la connexion chiffrée au serveur de messagerie a échoué"; break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		what = "la connexion au serveur de messagerie a été interrompue"; break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		what = "le protocole de l'adresse du serveur n'est pas pris en charge"; break;
	default:
		what = reply >= 400 ? "le serveur de messagerie a refusé le message"
			: "l'envoi au serveur de messagerie a échoué";
	}
	if (reply >= 400)
		return fail(err, errlen, "Message non envoyé : %s (réponse %ld du serveur).", what, reply);
	return fail(err, errlen, "Message non envoyé : %s.", what);
}

int mail_send(const struct mail_message *m, char *err, size_t errlen)
{
	CURL *h = NULL;
	curl_mime *mime = NULL;
	curl_mimepart *part;
	struct curl_slist *rcpt = NULL, *hdr = NULL, *l;
	struct buf line = BUF_INIT, body = BUF_INIT;
	unsigned char rnd[16];
	char hex[33], date[64], from[MAIL_ADDR_MAX + 3];
	const char *domain;
	CURLcode rc = CURLE_OUT_OF_MEMORY;
	long reply = 0;
	size_t i;
	int ret = -1;

	if (!mail_enabled())
		return fail(err, errlen, "Aucun serveur de messagerie n'est configuré "
			"(--smtp ou CQPM_SMTP_URL) : le message n'est pas envoyé.");
	if (mail_check(m, err, errlen))
		return -1;
	buf_init(&line, 4096);
	buf_init(&body, MAIL_BODY_MAX * 2 + 16);
	if (crlf_body(m->body, &body))
		goto oom;

	/* the headers of the message; every piece was checked above */
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	domain = strchr(config.from, '@') + 1;
	rfc_date(date, sizeof date);
	snprintf(from, sizeof from, "<%s>", config.from);
#define HDR(...) do { buf_reset(&line); \
		if (buf_printf(&line, __VA_ARGS__) || !(l = curl_slist_append(hdr, buf_str(&line)))) \
			goto oom; \
		hdr = l; } while (0)
	HDR("Date: %s", date);
	HDR("From: %s", config.from);
	HDR("To: %s", m->to);
	if (m->cc && *m->cc)
		HDR("Cc: %s", m->cc);
	buf_reset(&line);
	if (buf_puts(&line, "Subject: ") || mail_encode_subject(m->subject, &line) ||
	    !(l = curl_slist_append(hdr, buf_str(&line))))
		goto oom;
	hdr = l;
	HDR("Message-ID: <%s@%s>", hex, domain);
#undef HDR
	if (!(l = curl_slist_append(rcpt, m->to)))
		goto oom;
	rcpt = l;
	if (m->cc && *m->cc) {
		if (!(l = curl_slist_append(rcpt, m->cc)))
			goto oom;
		rcpt = l;
	}

	if (!(h = curl_easy_init()) || !(mime = curl_mime_init(h)))
		goto oom;
	/* the text, then each PDF */
	if (!(part = curl_mime_addpart(mime)) ||
	    curl_mime_data(part, buf_str(&body), body.len) != CURLE_OK ||
	    curl_mime_type(part, "text/plain; charset=UTF-8") != CURLE_OK ||
	    curl_mime_encoder(part, "quoted-printable") != CURLE_OK)
		goto oom;
	for (i = 0; i < m->natt; i++) {
		if (!(part = curl_mime_addpart(mime)) ||
		    curl_mime_data(part, m->att[i].data, m->att[i].len) != CURLE_OK ||
		    curl_mime_type(part, "application/pdf") != CURLE_OK ||
		    curl_mime_filename(part, m->att[i].name) != CURLE_OK ||
		    curl_mime_encoder(part, "base64") != CURLE_OK)
			goto oom;
	}

	if (curl_easy_setopt(h, CURLOPT_URL, config.url) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)MAIL_CONNECT_TIMEOUT) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_TIMEOUT,
		(long)(config.timeout ? config.timeout : MAIL_TIMEOUT_DEFAULT)) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_MIMEPOST, mime) != CURLE_OK)
		goto oom;
	if (config.user[0]) {
		/* credentials never in clear: smtp:// then requires STARTTLS */
		if (curl_easy_setopt(h, CURLOPT_USERNAME, config.user) != CURLE_OK ||
		    curl_easy_setopt(h, CURLOPT_PASSWORD, config.password) != CURLE_OK ||
		    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL) != CURLE_OK)
			goto oom;
	} else if (curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY) != CURLE_OK) {
		goto oom;
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
	if (rc != CURLE_OK)
		curl_fail(rc, reply, err, errlen);
	else
		ret = 0;
	goto done;
oom:
	fail(err, errlen, "Message non envoyé : mémoire insuffisante.");
done:
	curl_mime_free(mime);
	curl_easy_cleanup(h);
	curl_slist_free_all(hdr);
	curl_slist_free_all(rcpt);
	buf_release(&line);
	buf_release(&body);
	return ret;
}
