/*
** cqpm nomenclature list KIND [--q TEXT] [--limit N]
** The national nomenclatures loaded by init: nsf, rome, naf (NACE is the
** NAF code without its final letter) and level.
*/
#include "cli/cli.h"
#include "core/validate.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nomen_row(void *arg, const char *code, const char *label, const char *parent)
{
	json_t *arr = arg;
	if (arr)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "code", code,
			"label", label, "parent", parent));
	else
		printf("%-8s %s\n", code, label);
	return 0;
}

int cmd_nomenclature(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm nomenclature list nsf|rome|naf|level "
		"[--q TEXTE] [--limit N]\n";
	static const struct option opts[] = {
		{ "q", required_argument, NULL, 'q' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	const char *q = "";
	int limit = 100, ch;
	json_t *arr = NULL;

	if (argc < 3 || strcmp(argv[1], "list"))
		return cli_usage(usage);
	while ((ch = getopt_long(argc - 2, argv + 2, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': q = optarg; break;
		case 'l': limit = (int)parse_count(optarg, 1, 1000); break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv + 2, usage);
		}
	}
	if (optind + 2 != argc || limit <= 0 || limit > 1000)
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (c->json)
		arr = json_array();
	if (svc_nomen_search(&c->svc, argv[2], q, limit, nomen_row, arr)) {
		json_decref(arr);
		return cli_refused(c);
	}
	if (arr)
		cli_print_json(arr);
	return 0;
}
