/*
** Unit tests of the outgoing mail's checks and encodings (mail.h): the
** address grammar, the refusal of anything that could inject a header
** (CR, LF in addresses and subject), attachment names and sizes, the
** RFC 2047 subject, the configuration. Sending itself is tested against
** an SMTP sink in tests/http/mail.test.mjs.
*/
#include "t.h"
#include "service/mail.h"
#include "core/text.h"
#include <sodium.h>
#include <stdlib.h>

static const char pdf[] = "%PDF-1.4\n%fake but enough for the check\n";

static struct mail_message msg(void)
{
	static struct mail_attachment a = { "convocation.pdf", pdf, sizeof pdf - 1 };
	struct mail_message m = { "candidat@exemple.fr", "cfdt@exemple.org",
		"Convocation au jury paritaire", "Madame, Monsieur,\n", &a, 1 };
	return m;
}

TEST(addresses)
{
	char long_local[80], long_addr[300];

	CHECK(mail_address_ok("jury@uimm.fr"));
	CHECK(mail_address_ok("a.b-c+d_e@sous.domaine-x.exemple.fr"));
	CHECK(mail_address_ok("o'brien@exemple.ie"));
	CHECK(!mail_address_ok(NULL));
	CHECK(!mail_address_ok(""));
	CHECK(!mail_address_ok("jury"));
	CHECK(!mail_address_ok("@uimm.fr"));
	CHECK(!mail_address_ok("jury@"));
	CHECK(!mail_address_ok("jury@localhost"));        /* one label */
	CHECK(!mail_address_ok("jury@@uimm.fr"));
	CHECK(!mail_address_ok("a@b@uimm.fr"));
	CHECK(!mail_address_ok(".jury@uimm.fr"));
	CHECK(!mail_address_ok("jury.@uimm.fr"));
	CHECK(!mail_address_ok("ju..ry@uimm.fr"));
	CHECK(!mail_address_ok("jury@uimm..fr"));
	CHECK(!mail_address_ok("jury@-uimm.fr"));
	CHECK(!mail_address_ok("jury@uimm-.fr"));
	CHECK(!mail_address_ok("jury@uimm.fr."));
	CHECK(!mail_address_ok("jury@uimm_x.fr"));
	CHECK(!mail_address_ok("Jury <jury@uimm.fr>"));
	CHECK(!mail_address_ok("jury@uimm.fr, autre@uimm.fr"));
	CHECK(!mail_address_ok("\"jury\"@uimm.fr"));
	CHECK(!mail_address_ok("jury@[127.0.0.1]"));
	CHECK(!mail_address_ok("jury (x)@uimm.fr"));
	CHECK(!mail_address_ok("josé@uimm.fr"));
	/* header injection attempts */
	CHECK(!mail_address_ok("jury@uimm.fr\r\nBcc: x@y.fr"));
	CHECK(!mail_address_ok("jury@uimm.fr\nBcc: x@y.fr"));
	CHECK(!mail_address_ok("jury@uimm.fr\r"));
	CHECK(!mail_address_ok("jury\r\n@uimm.fr"));
	/* lengths: local part 64, address 254 */
	memset(long_local, 'a', 64);
	snprintf(long_local + 64, sizeof long_local - 64, "@uimm.fr");
	CHECK(mail_address_ok(long_local));
	memset(long_local, 'a', 65);
	snprintf(long_local + 65, sizeof long_local - 65, "@uimm.fr");
	CHECK(!mail_address_ok(long_local));
	memset(long_addr, 'b', sizeof long_addr);
	memcpy(long_addr, "a@", 2);
	for (size_t i = 2 + 60; i < 260; i += 61)
		long_addr[i] = '.';
	long_addr[255] = '\0';   /* 255 characters: one too many */
	long_addr[254] = 'r';
	CHECK(!mail_address_ok(long_addr));
}

TEST(attachment_names)
{
	char name[MAIL_ATTACH_NAME_MAX + 2];

	CHECK(mail_attach_name_ok("convocation.pdf"));
	CHECK(mail_attach_name_ok("Convocation jury (2024-03-15) + annexe_2.pdf"));
	CHECK(!mail_attach_name_ok(NULL));
	CHECK(!mail_attach_name_ok(""));
	CHECK(!mail_attach_name_ok(".pdf"));
	CHECK(!mail_attach_name_ok("../etc/passwd"));
	CHECK(!mail_attach_name_ok("a\"b.pdf"));
	CHECK(!mail_attach_name_ok("a\\b.pdf"));
	CHECK(!mail_attach_name_ok("a;b.pdf"));
	CHECK(!mail_attach_name_ok("a\r\nContent-Type: text/html.pdf"));
	CHECK(!mail_attach_name_ok("procès-verbal.pdf"));
	memset(name, 'x', MAIL_ATTACH_NAME_MAX);
	name[MAIL_ATTACH_NAME_MAX] = '\0';
	CHECK(mail_attach_name_ok(name));
	name[MAIL_ATTACH_NAME_MAX] = 'x';
	name[MAIL_ATTACH_NAME_MAX + 1] = '\0';
	CHECK(!mail_attach_name_ok(name));
}

TEST(check_message)
{
	struct mail_message m = msg();
	struct mail_attachment many[MAIL_ATTACH_MAX + 1], bad;
	char err[256], subject[MAIL_SUBJECT_MAX + 2];
	char *big;

	CHECK_INT(mail_check(&m, err, sizeof err), 0);
	m.cc = NULL;
	CHECK_INT(mail_check(&m, err, sizeof err), 0);
	m.cc = "";
	CHECK_INT(mail_check(&m, err, sizeof err), 0);

	m = msg(); m.to = NULL;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Destinataire");
	m.to = "candidat@exemple.fr\r\nBcc: espion@exemple.fr";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Destinataire du message");
	m = msg(); m.cc = "cfdt@exemple.org\nBcc: espion@exemple.fr";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Copie du message");

	m = msg(); m.subject = "Convocation\r\nBcc: espion@exemple.fr";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Objet du message");
	m.subject = "Convocation\nX-Autre: 1";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	m.subject = "Convocation\tjury";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	m.subject = "";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "vide");
	m.subject = "\xc3\x28 mauvais UTF-8";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "UTF-8");
	memset(subject, 'a', sizeof subject - 1);
	subject[sizeof subject - 1] = '\0';   /* MAIL_SUBJECT_MAX + 1 bytes */
	m.subject = subject;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "200 octets");
	subject[MAIL_SUBJECT_MAX] = '\0';
	CHECK_INT(mail_check(&m, err, sizeof err), 0);

	m = msg(); m.body = "ligne\r\nligne\n\tindentée\n";
	CHECK_INT(mail_check(&m, err, sizeof err), 0);
	m.body = "nul \x01 ici";
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Texte du message");
	m.body = NULL;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	big = malloc(MAIL_BODY_MAX + 2);
	memset(big, 'x', MAIL_BODY_MAX + 1);
	big[MAIL_BODY_MAX + 1] = '\0';
	m.body = big;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "octets au plus");
	free(big);

	m = msg();
	bad = m.att[0];
	bad.name = "convocation\r\n.pdf";
	m.att = &bad;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Pièce jointe 1 : nom refusé");
	bad.name = "lettre.pdf";
	bad.data = "<html>";
	bad.len = 6;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "n'est pas un PDF");
	bad.data = pdf;
	bad.len = MAIL_ATTACH_BYTES_MAX + 1;   /* the length alone is checked */
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "10 Mo au plus");
	for (size_t i = 0; i < MAIL_ATTACH_MAX + 1; i++) {
		many[i].name = "a.pdf";
		many[i].data = pdf;
		many[i].len = MAIL_ATTACH_BYTES_MAX;
	}
	m.att = many;
	m.natt = 3;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "20 Mo au plus en tout");
	m.natt = MAIL_ATTACH_MAX + 1;
	CHECK_INT(mail_check(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "8 au plus");
	m.natt = 2;
	CHECK_INT(mail_check(&m, err, sizeof err), 0);
}

/* decodes the encoded words of v (as mail_encode_subject writes them) */
static void decode_words(const char *v, char *out, size_t n)
{
	size_t o = 0, bin;
	const char *p = v, *end;
	char b64[128];

	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		end = strstr(p, "?=");
		if (!end || (size_t)(end - p) >= sizeof b64)
			break;
		memcpy(b64, p, (size_t)(end - p));
		b64[end - p] = '\0';
		if (sodium_base642bin((unsigned char *)out + o, n - o - 1, b64, strlen(b64), NULL,
			&bin, NULL, sodium_base64_VARIANT_ORIGINAL))
			break;
		o += bin;
		p = end + 2;
	}
	out[o] = '\0';
}

TEST(subject_rfc2047)
{
	struct buf b = BUF_INIT;
	const char *fr = "Convocation au jury paritaire de délibération du 15 mars : "
		"procès-verbal, feuille d'émargement — CQPM « Opérateur régleur » œuvre";
	char back[512];
	const char *p, *line;

	CHECK_INT(mail_encode_subject("Convocation au jury", &b), 0);
	CHECK_STR(buf_str(&b), "Convocation au jury");

	buf_reset(&b);
	CHECK_INT(mail_encode_subject("Délibération", &b), 0);
	CHECK_STR(buf_str(&b), "=?UTF-8?B?RMOpbGliw6lyYXRpb24=?=");

	/* ASCII holding "=?" is encoded too, so that no reader decodes it */
	buf_reset(&b);
	CHECK_INT(mail_encode_subject("a =?UTF-8?B?QQ==?= b", &b), 0);
	CHECK(!strncmp(buf_str(&b), "=?UTF-8?B?", 10));
	decode_words(buf_str(&b), back, sizeof back);
	CHECK_STR(back, "a =?UTF-8?B?QQ==?= b");

	/* a long French subject: several words of at most 75 characters,
	** folded by CRLF + space, decoding back to the same text */
	buf_reset(&b);
	CHECK_INT(mail_encode_subject(fr, &b), 0);
	CHECK(strstr(buf_str(&b), "?=\r\n =?UTF-8?B?") != NULL);
	for (line = buf_str(&b); line; line = p ? p + 3 : NULL) {
		p = strstr(line, "\r\n ");
		CHECK((p ? (size_t)(p - line) : strlen(line)) <= 75);
	}
	CHECK(!strchr(buf_str(&b), '\n') || strstr(buf_str(&b), "\r\n "));
	decode_words(buf_str(&b), back, sizeof back);
	CHECK_STR(back, fr);
	/* every word decodes to whole UTF-8 characters */
	for (p = buf_str(&b); (p = strstr(p, "=?UTF-8?B?")); p += 10) {
		char one[128];
		const char *e = strstr(p, "?=");
		char w[128];
		memcpy(w, p, (size_t)(e - p) + 2);
		w[e - p + 2] = '\0';
		decode_words(w, one, sizeof one);
		CHECK(utf8_valid(one, strlen(one)));
	}
	buf_release(&b);
}

TEST(configuration)
{
	struct mail_config c;
	struct mail_message m = msg();
	char err[256];

	memset(&c, 0, sizeof c);
	CHECK_INT(mail_configure(&c, err, sizeof err), 0);
	CHECK(!mail_enabled());
	CHECK_INT(mail_send(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Aucun serveur de messagerie");

	snprintf(c.url, sizeof c.url, "http://mail.exemple.fr");
	snprintf(c.from, sizeof c.from, "jury@uimm.fr");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "smtp://");
	CHECK(!mail_enabled());   /* the previous configuration stays */
	snprintf(c.url, sizeof c.url, "smtp://");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	snprintf(c.url, sizeof c.url, "smtp://mail.exemple.fr\r\nX: y");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "n'est pas valable");
	snprintf(c.url, sizeof c.url, "smtp://mail exemple.fr");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);

	snprintf(c.url, sizeof c.url, "smtp://mail.exemple.fr:587");
	c.from[0] = '\0';
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "--smtp-from");
	snprintf(c.from, sizeof c.from, "Jury <jury@uimm.fr>");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Adresse d'expéditeur");
	snprintf(c.from, sizeof c.from, "jury@uimm.fr");
	snprintf(c.password, sizeof c.password, "secret");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "CQPM_SMTP_USER");
	snprintf(c.user, sizeof c.user, "jury\r\n");
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "caractère de contrôle");
	snprintf(c.user, sizeof c.user, "jury");
	c.timeout = 601;
	CHECK_INT(mail_configure(&c, err, sizeof err), -1);
	c.timeout = 0;
	CHECK(!mail_enabled());
	CHECK_INT(mail_configure(&c, err, sizeof err), 0);
	CHECK(mail_enabled());
	snprintf(c.url, sizeof c.url, "smtps://mail.exemple.fr");
	CHECK_INT(mail_configure(&c, err, sizeof err), 0);

	/* a refused message is refused before any connection */
	m.to = "x@y.fr\r\nBcc: z@y.fr";
	CHECK_INT(mail_send(&m, err, sizeof err), -1);
	CHECK_CONTAINS(err, "Destinataire du message");
	mail_cleanup();
	CHECK(!mail_enabled());
}

TEST(configuration_from_environment)
{
	struct mail_config c;
	char err[256], longv[400];

	setenv("CQPM_SMTP_URL", "smtp://127.0.0.1:2525", 1);
	setenv("CQPM_SMTP_FROM", "jury@uimm.fr", 1);
	unsetenv("CQPM_SMTP_USER");
	unsetenv("CQPM_SMTP_PASSWORD");
	CHECK_INT(mail_config_env(&c, err, sizeof err), 0);
	CHECK_STR(c.url, "smtp://127.0.0.1:2525");
	CHECK_STR(c.from, "jury@uimm.fr");
	CHECK_STR(c.user, "");
	memset(longv, 'a', sizeof longv - 1);
	longv[sizeof longv - 1] = '\0';
	setenv("CQPM_SMTP_PASSWORD", longv, 1);
	CHECK_INT(mail_config_env(&c, err, sizeof err), -1);
	CHECK_CONTAINS(err, "CQPM_SMTP_PASSWORD");
	unsetenv("CQPM_SMTP_URL");
	unsetenv("CQPM_SMTP_FROM");
	unsetenv("CQPM_SMTP_PASSWORD");
}
