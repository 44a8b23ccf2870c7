/*
** cqpm serve [--listen ADDR:PORT] [--threads N] [--secure-cookies] [--quiet]
**            [--smtp URL] [--smtp-from ADDR] [--clock AAAA-MM-JJ]
** The mail server is also read from CQPM_SMTP_URL, CQPM_SMTP_FROM,
** CQPM_SMTP_USER and CQPM_SMTP_PASSWORD (the options win); the password
** has no option, so that it never shows in the process list.
**
** --clock is for tests and demonstrations only: the services' day starts
** at 09:00 on that date when the server starts and runs on from there
** (a jury planned 15 days ahead can then sit in a second run). Never in
** production: every date the services record follows it.
*/
#include "cli/cli.h"
#include "core/dates.h"
#include "core/validate.h"
#include "doc/pdf.h"
#include "service/mail.h"
#include "web/web.h"
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cmd_serve(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm serve [--listen ADRESSE:PORT] [--threads N] "
		"[--secure-cookies] [--quiet]\n"
		"                   [--smtp smtp://HÔTE:PORT] [--smtp-from ADRESSE] [--clock AAAA-MM-JJ]\n";
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "secure-cookies", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "smtp", required_argument, NULL, 'm' },
		{ "smtp-from", required_argument, NULL, 'f' },
		{ "clock", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 } };
	struct web_config cfg;
	struct mail_config mail;
	char err[512];
	const char *smtp = NULL, *smtp_from = NULL;
	char addr[64] = "127.0.0.1";
	int rc;
	const char *listen = getenv("CQPM_LISTEN");
	int ch;
	long port = 8080;

	memset(&cfg, 0, sizeof cfg);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': listen = optarg; break;
		case 't':
			cfg.threads = (int)parse_count(optarg, 1, 64);
			if (cfg.threads < 0) {
				fprintf(stderr, "cqpm : refusé : --threads : un entier de 1 à 64 est attendu.\n");
				return EXIT_REFUSED;
			}
			break;
		case 's': cfg.secure_cookies = 1; break;
		case 'q': cfg.quiet = 1; break;
		case 'm': smtp = optarg; break;
		case 'f': smtp_from = optarg; break;
		case 'c': {
			struct tm tm;
			time_t at;
			memset(&tm, 0, sizeof tm);
			if (date_parse(optarg, &tm.tm_year, &tm.tm_mon, &tm.tm_mday)) {
				fprintf(stderr, "cqpm : refusé : --clock : une date AAAA-MM-JJ est attendue.\n");
				return EXIT_REFUSED;
			}
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			tm.tm_hour = 9;
			tm.tm_isdst = -1;
			at = mktime(&tm);
			cfg.clock_offset = (long long)(at - time(NULL));
			if (!cfg.clock_offset)
				cfg.clock_offset = 1;   /* 0 is the real clock */
			break;
		}
		default: return cli_bad_option(argv, usage);
		}
	}
	if (optind != argc)
		return cli_usage(usage);
	if (listen && *listen) {
		const char *colon = strrchr(listen, ':');
		char *end;
		if (!colon || (size_t)(colon - listen) >= sizeof addr)
			return cli_usage(usage);
		memcpy(addr, listen, (size_t)(colon - listen));
		addr[colon - listen] = '\0';
		port = strtol(colon + 1, &end, 10);
		if (*end || port <= 0 || port > 65535)
			return cli_usage(usage);
	}
	if (mail_config_env(&mail, err, sizeof err)) {
		fprintf(stderr, "cqpm : refusé : %s\n", err);
		return EXIT_REFUSED;
	}
	if ((smtp && strlen(smtp) >= sizeof mail.url) ||
	    (smtp_from && strlen(smtp_from) >= sizeof mail.from)) {
		fprintf(stderr, "cqpm : refusé : --smtp ou --smtp-from : valeur trop longue.\n");
		return EXIT_REFUSED;
	}
	if (smtp)
		snprintf(mail.url, sizeof mail.url, "%s", smtp);
	if (smtp_from)
		snprintf(mail.from, sizeof mail.from, "%s", smtp_from);
	rc = mail_configure(&mail, err, sizeof err);
	sodium_memzero(&mail, sizeof mail);
	if (rc) {
		fprintf(stderr, "cqpm : refusé : %s\n", err);
		return EXIT_REFUSED;
	}
	if (cfg.threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		cfg.threads = n > 0 && n < 64 ? (int)n : 2;
	}
	/* create or upgrade the schema once, before the workers open theirs */
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	cli_close(c);
	cfg.db_path = c->db_path;
	cfg.addr = addr;
	cfg.port = (unsigned short)port;
	rc = web_serve(&cfg);
	pdf_cleanup();   /* the workers are gone: the fonts of the PDFs served */
	mail_cleanup();
	return rc ? EXIT_REFUSED : 0;
}
