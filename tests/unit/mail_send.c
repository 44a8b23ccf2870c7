/*
** Sends one message through mail.c, for tests/http/mail.test.mjs (which
** runs it against tests/http/smtp_sink.mjs):
**
**   mail_send URL FROM TO CC SUBJECT BODY [NAME PDF-FILE]…
**
** CC "-" for none. The configuration is made as `cqpm serve` makes it:
** CQPM_SMTP_* from the environment, then URL and FROM when not "-".
** Exit 0 once the server accepted the message, 1 with the French message
** on stderr otherwise, 2 on a usage error.
*/
#include "service/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATT_MAX (MAIL_ATTACH_MAX + 2)   /* a few more, to test the refusal */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)n + 1)) && fread(p, 1, (size_t)n, f) == (size_t)n) {
		p[n] = '\0';
		*len = (size_t)n;
	} else {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

int main(int argc, char **argv)
{
	struct mail_config cfg;
	struct mail_attachment att[ATT_MAX];
	struct mail_message m;
	char err[512];
	size_t i, n = 0;
	int rc;

	if (argc < 7 || (argc - 7) % 2 || (size_t)(argc - 7) / 2 > ATT_MAX) {
		fprintf(stderr, "usage: mail_send URL FROM TO CC SUBJECT BODY [NAME PDF]...\n");
		return 2;
	}
	if (mail_config_env(&cfg, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (strcmp(argv[1], "-"))
		snprintf(cfg.url, sizeof cfg.url, "%s", argv[1]);
	if (strcmp(argv[2], "-"))
		snprintf(cfg.from, sizeof cfg.from, "%s", argv[2]);
	if (mail_configure(&cfg, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (i = 7; i + 1 < (size_t)argc; i += 2, n++) {
		att[n].name = argv[i];
		att[n].data = slurp(argv[i + 1], &att[n].len);
		if (!att[n].data) {
			fprintf(stderr, "mail_send: cannot read %s\n", argv[i + 1]);
			return 2;
		}
	}
	memset(&m, 0, sizeof m);
	m.to = argv[3];
	m.cc = strcmp(argv[4], "-") ? argv[4] : NULL;
	m.subject = argv[5];
	m.body = argv[6];
	m.att = att;
	m.natt = n;
	rc = mail_send(&m, err, sizeof err);
	if (rc)
		fprintf(stderr, "%s\n", err);
	for (i = 0; i < n; i++)
		free((void *)att[i].data);
	mail_cleanup();
	return rc ? 1 : 0;
}
