/*
** cqpm union add|list — the unions representative in the branch, whose
** territorial branches are asked to designate the jury's employee
** delegation (R-JUR-1, R-JUR-4); and cqpm centre docs — what a centre
** prints on its certificates and letters (R-CER-2, R-LET-2).
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include "service/svc_jury.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void union_text(const json_t *doc)
{
	const json_t *u;
	size_t i;

	json_array_foreach(doc, i, u)
		printf("%-10s %s%s%s%s\n", jstr(u, "code"), jstr(u, "name"),
			*jstr(u, "email") ? " <" : "", jstr(u, "email"),
			*jstr(u, "email") ? ">" : "");
	if (!json_array_size(doc))
		printf("Aucune organisation syndicale enregistrée.\n");
}

int cmd_union(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"usage : cqpm union add CODE --name NOM [--email ADRESSE] [--not-representative]\n"
		"        cqpm union list [--json]\n";
	enum { O_NAME = 256, O_EMAIL, O_NOTREP, O_JSON };
	static const struct option opts[] = {
		{ "name", required_argument, NULL, O_NAME },
		{ "email", required_argument, NULL, O_EMAIL },
		{ "not-representative", no_argument, NULL, O_NOTREP },
		{ "json", no_argument, NULL, O_JSON },
		{ NULL, 0, NULL, 0 } };
	const char *name = NULL, *email = "";
	int ch, representative = 1;

	if (argc < 2)
		return cli_usage(usage);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_NAME: name = optarg; break;
		case O_EMAIL: email = optarg; break;
		case O_NOTREP: representative = 0; break;
		case O_JSON: c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (!strcmp(argv[1], "list") && optind + 1 == argc) {
		json_t *doc;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_union_list(&c->svc, &doc))
			return cli_refused(c);
		cli_show(c, doc, union_text);
		return 0;
	}
	if (!strcmp(argv[1], "add") && optind + 2 == argc && name) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_union_put(&c->svc, argv[optind + 1], name, email, representative))
			return cli_refused(c);
		printf("Organisation syndicale %s enregistrée%s.\n", argv[optind + 1],
			representative ? " comme représentative dans la branche" : "");
		return 0;
	}
	return cli_usage(usage);
}

/* A PNG file of at most CENTRE_IMAGE_MAX bytes into *out; -1 after saying why. */
static int read_png(const char *path, const char *opt, unsigned char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	size_t n;

	*out = NULL;
	if (!f || fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "cqpm : refusé : %s : le fichier « %s » ne s'ouvre pas.\n", opt, path);
		if (f)
			fclose(f);
		return -1;
	}
	if (sb.st_size <= 0 || sb.st_size > CENTRE_IMAGE_MAX) {
		fprintf(stderr, "cqpm : refusé : %s : une image de 1 octet à %d Mio est attendue.\n",
			opt, CENTRE_IMAGE_MAX >> 20);
		fclose(f);
		return -1;
	}
	if (!(*out = malloc((size_t)sb.st_size))) {
		fclose(f);
		fprintf(stderr, "cqpm : mémoire insuffisante.\n");
		return -1;
	}
	n = fread(*out, 1, (size_t)sb.st_size, f);
	fclose(f);
	if (n != (size_t)sb.st_size) {
		free(*out);
		*out = NULL;
		fprintf(stderr, "cqpm : refusé : %s : lecture de « %s » incomplète.\n", opt, path);
		return -1;
	}
	*len = n;
	return 0;
}

int cmd_centre_docs(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"usage : cqpm centre docs CODE [--number N] [--city VILLE] [--signatory NOM]\n"
		"            [--letterhead EN-TÊTE.png] [--signature SIGNATURE.png]\n"
		"  N : numéro national du centre (1 à 999), celui des numéros de certificats.\n";
	enum { O_NUMBER = 256, O_CITY, O_SIGNATORY, O_LETTERHEAD, O_SIGNATURE };
	static const struct option opts[] = {
		{ "number", required_argument, NULL, O_NUMBER },
		{ "city", required_argument, NULL, O_CITY },
		{ "signatory", required_argument, NULL, O_SIGNATORY },
		{ "letterhead", required_argument, NULL, O_LETTERHEAD },
		{ "signature", required_argument, NULL, O_SIGNATURE },
		{ NULL, 0, NULL, 0 } };
	const char *head = NULL, *sign = NULL;
	unsigned char *hb = NULL, *sb = NULL;
	struct centre_docs d;
	int ch, rc = EXIT_REFUSED;

	memset(&d, 0, sizeof d);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_NUMBER: {
			char *end;
			long n;
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || n < 1 || n > 999) {
				fprintf(stderr, "cqpm : refusé : --number : un numéro de 1 à 999 est attendu.\n");
				return EXIT_REFUSED;
			}
			d.number = (int)n;
			break;
		}
		case O_CITY: d.city = optarg; break;
		case O_SIGNATORY: d.signatory = optarg; break;
		case O_LETTERHEAD: head = optarg; break;
		case O_SIGNATURE: sign = optarg; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (optind + 2 != argc)
		return cli_usage(usage);
	if ((head && read_png(head, "--letterhead", &hb, &d.letterhead_len)) ||
	    (sign && read_png(sign, "--signature", &sb, &d.signature_len)))
		goto out;
	d.letterhead = hb;
	d.signature = sb;
	if (cli_open(c, 1))
		goto out;
	if (svc_centre_set_docs(&c->svc, argv[optind + 1], &d)) {
		rc = cli_refused(c);
		goto out;
	}
	printf("Documents du centre %s mis à jour.\n", argv[optind + 1]);
	rc = 0;
out:
	free(hb);
	free(sb);
	return rc;
}
