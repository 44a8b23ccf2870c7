/*
** cqpm candidate synthesis ID --output FICHIER.pdf [--anonymous CODE] —
** the synthesis of evaluations of a candidate (the document the jury
** paritaire examines), as an A4 PDF drawn from the candidate's file.
** "--output -" writes it on the standard output.
*/
#include "cli/cli.h"
#include "doc/synthesis.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage : cqpm candidate synthesis ID --output FICHIER.pdf [--anonymous CODE]\n"
	"  Synthèse des évaluations du candidat (PDF A4), telle que le jury l'examine.\n"
	"  --anonymous CODE : le candidat n'y figure que sous ce code (ni nom, ni date\n"
	"  de naissance) ; lettres sans accent, chiffres, « - » et « _ », 32 au plus.\n"
	"  --output - : le PDF sur la sortie standard.\n";

enum { O_OUTPUT = 256, O_ANONYMOUS };

static const struct option opts[] = {
	{ "output", required_argument, NULL, O_OUTPUT },
	{ "anonymous", required_argument, NULL, O_ANONYMOUS },
	{ NULL, 0, NULL, 0 } };

int cmd_synthesis(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *code = NULL, *bad;
	struct synthesis_input in;
	struct synthesis_opts so;
	struct cli_out o = { NULL, 0 };
	const json_t *files[1];
	int64_t id;
	int ch, rc, pages = 0, to_stdout;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_OUTPUT: output = optarg; break;
		case O_ANONYMOUS: code = optarg; break;
		default: return cli_bad_option(argv, usage);
		}
	}
	if (optind + 1 != argc || !output || !*output)
		return cli_usage(usage);
	if ((id = cli_id_arg(argv[optind], "de candidat")) < 0)
		return EXIT_REFUSED;
	if (code && (bad = synthesis_code_check(code))) {
		fprintf(stderr, "cqpm : refusé : --anonymous : %s\n", bad);
		return EXIT_REFUSED;
	}
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (svc_synthesis_input(&c->svc, id, &in))
		return cli_refused(c);
	to_stdout = !strcmp(output, "-");
	o.f = to_stdout ? stdout : fopen(output, "wb");
	if (!o.f) {
		fprintf(stderr, "cqpm : impossible d'écrire « %s » : %s\n", output, strerror(errno));
		json_decref(in.doc);
		return EXIT_REFUSED;
	}
	memset(&so, 0, sizeof so);
	so.centre_name = in.centre_name;
	so.date = in.date;
	so.timestamp = in.timestamp;
	so.anonymous_code = code;
	files[0] = in.doc;
	rc = doc_synthesis_batch(files, 1, NULL, &so, cli_write_file, &o, &pages);
	json_decref(in.doc);
	pdf_cleanup();
	if (!to_stdout && fclose(o.f) && !rc) {
		o.err = errno;
		rc = -2;
	} else if (to_stdout && fflush(stdout) && !rc) {
		o.err = errno;
		rc = -2;
	}
	if (rc) {
		if (!to_stdout)
			unlink(output);   /* no half-written document */
		if (o.err)
			fprintf(stderr, "cqpm : écriture de « %s » impossible : %s\n", output, strerror(o.err));
		else
			fprintf(stderr, "cqpm : la synthèse n'a pas pu être produite.\n");
		return EXIT_REFUSED;
	}
	if (!to_stdout)
		printf("Synthèse des évaluations écrite dans %s (%d page%s).\n", output, pages,
			pages > 1 ? "s" : "");
	return 0;
}
