/*
** cqpm certificate show|duplicate|verify|pdf — the certificates a jury
** awarded (R-CER-1, R-CER-2), their duplicates certified conform, and the
** same verification anybody can make on the public page.
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include "service/svc_jury.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage : cqpm certificate show NUMÉRO [--json]\n"
	"        cqpm certificate duplicate NUMÉRO [--output FICHIER.pdf] [--json]\n"
	"        cqpm certificate pdf NUMÉRO --output FICHIER.pdf\n"
	"        cqpm certificate verify NUMÉRO [--json]\n"
	"        cqpm certificate list CANDIDAT [--json]\n"
	"  NUMÉRO : « MC 2026 001 00042 17 » (espaces, tirets et points ignorés).\n";

enum { O_JSON = 256, O_OUTPUT };

static const struct option opts[] = {
	{ "json", no_argument, NULL, O_JSON },
	{ "output", required_argument, NULL, O_OUTPUT },
	{ NULL, 0, NULL, 0 } };

static void cert_text(const json_t *c)
{
	const json_t *h = json_object_get(c, "holder"), *x = json_object_get(c, "certification");
	const json_t *j = json_object_get(c, "jury");

	printf("Certificat n° %s — %s (annexe %lld) — %s\n", jstr(c, "display"),
		jstr(c, "kind_label"), (long long)json_integer_value(json_object_get(c, "annex")),
		jstr(c, "state_label"));
	printf("  %s %s", jstr(x, "code"), jstr(x, "title"));
	if (*jstr(c, "unit_code"))
		printf(" — bloc %s %s", jstr(c, "unit_code"), jstr(c, "unit_title"));
	printf("\n  Délivré à %s, né(e) le %s à %s (%s)\n", jstr(h, "name"), jstr(h, "birth_date"),
		jstr(h, "birth_town"), jstr(h, "birth_department"));
	printf("  Jury du %s à %s (n° %lld), délivré le %s\n", jstr(j, "date"), jstr(j, "place"),
		(long long)json_integer_value(json_object_get(j, "id")), jstr(c, "issued_on"));
	if (*jstr(c, "cancelled_on"))
		printf("  Annulé le %s (décision rectifiée)\n", jstr(c, "cancelled_on"));
	if (*jstr(c, "duplicate_mention"))
		printf("  %s\n", jstr(c, "duplicate_mention"));
}

static void list_text(const json_t *doc)
{
	const json_t *c;
	size_t i;

	if (!json_array_size(doc))
		printf("Aucun certificat.\n");
	json_array_foreach(doc, i, c)
		cert_text(c);
}

static void verify_text(const json_t *v)
{
	if (json_is_true(json_object_get(v, "valid")))
		printf("Certificat authentique : n° %s — %s « %s », délivré à %s à l'issue du jury "
			"du %s (%s).\n", jstr(v, "display"), jstr(v, "kind_label"),
			jstr(v, "certification"), jstr(v, "holder"), jstr(v, "jury_date"),
			jstr(v, "centre"));
	else
		printf("Aucun certificat valide ne porte ce numéro.\n");
}

static int write_pdf(struct cli *c, const char *number, int dup, const char *output)
{
	struct cli_out o = { NULL, 0 };
	int rc, pages = 0;

	if (!(o.f = fopen(output, "wb"))) {
		fprintf(stderr, "cqpm : impossible d'écrire « %s » : %s\n", output, strerror(errno));
		return EXIT_REFUSED;
	}
	rc = svc_certificate_pdf(&c->svc, number, dup, cli_write_file, &o, &pages);
	pdf_cleanup();
	if (fclose(o.f) && !rc) {
		o.err = errno;
		rc = -1;
	}
	if (rc) {
		unlink(output);
		if (o.err)
			fprintf(stderr, "cqpm : écriture de « %s » impossible : %s\n", output,
				strerror(o.err));
		return c->svc.res.rc != SVC_OK ? cli_refused(c) : EXIT_REFUSED;
	}
	if (!c->json)
		printf("Certificat écrit dans %s (%d page%s).\n", output, pages, pages > 1 ? "s" : "");
	return 0;
}

int cmd_certificate(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *sub;
	json_t *doc;
	int ch;

	if (argc < 2)
		return cli_usage(usage);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_JSON: c->json = 1; break;
		case O_OUTPUT: output = optarg; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (optind + 2 != argc)
		return cli_usage(usage);
	sub = argv[1];
	const char *arg = argv[optind + 1];
	if (!strcmp(sub, "list")) {
		int64_t cid = cli_id_arg(arg, "de candidat");
		if (cid < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_certificate_list(&c->svc, cid, &doc))
			return cli_refused(c);
		cli_show(c, doc, list_text);
		return 0;
	}
	if (strlen(arg) > 64) {
		fprintf(stderr, "cqpm : refusé : un numéro de certificat a 64 caractères au plus.\n");
		return EXIT_REFUSED;
	}
	if (!strcmp(sub, "verify")) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_certificate_verify(&c->svc, arg, &doc))
			return cli_refused(c);
		int valid = json_is_true(json_object_get(doc, "valid"));
		cli_show(c, doc, verify_text);
		return valid ? 0 : EXIT_REFUSED;
	}
	if (!strcmp(sub, "show")) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_certificate_get(&c->svc, arg, &doc))
			return cli_refused(c);
		cli_show(c, doc, cert_text);
		return 0;
	}
	if (!strcmp(sub, "duplicate")) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_certificate_duplicate(&c->svc, arg, &doc))
			return cli_refused(c);
		if (output && write_pdf(c, arg, 1, output)) {
			json_decref(doc);
			return EXIT_REFUSED;
		}
		cli_show(c, doc, cert_text);
		return 0;
	}
	if (!strcmp(sub, "pdf")) {
		if (!output || !*output)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		return write_pdf(c, arg, 0, output);
	}
	return cli_usage(usage);
}
