/*
** cqpm audit list [--object O] [--limit N] | cqpm audit verify
*/
#include "cli/cli.h"
#include "core/validate.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int audit_row(void *arg, const struct audit_row *r)
{
	json_t *arr = arg;
	if (arr)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
			"id", (json_int_t)r->id, "at", r->at, "actor", r->actor,
			"action", r->action, "object", r->object, "detail", r->detail,
			"hash", r->hash));
	else
		printf("%6lld %s %-16s %-18s %s %s\n", (long long)r->id, r->at, r->actor,
			r->action, r->object, r->detail);
	return 0;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm audit list [--object OBJET] [--limit N]\n"
		"        cqpm audit verify\n";
	static const struct option opts[] = {
		{ "object", required_argument, NULL, 'o' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	const char *object = "";
	int limit = 100, ch;

	if (argc < 2)
		return cli_usage(usage);
	if (!strcmp(argv[1], "verify")) {
		int64_t count = 0, bad = 0;
		if (argc == 3 && !strcmp(argv[2], "--json"))
			c->json = 1;
		else if (argc != 2)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_audit_verify(&c->svc, &count, &bad))
			return cli_refused(c);
		if (c->json)
			cli_print_json(json_pack("{s:b, s:I}", "intact", 1, "events", (json_int_t)count));
		else
			printf("Journal d'audit intact : %lld événements, chaîne vérifiée.\n",
				(long long)count);
		return 0;
	}
	if (strcmp(argv[1], "list"))
		return cli_usage(usage);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': object = optarg; break;
		case 'l': limit = (int)parse_count(optarg, 1, 1000); break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (optind + 1 != argc || limit <= 0 || limit > 1000)
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	{
		json_t *arr = c->json ? json_array() : NULL;
		if (svc_audit_list(&c->svc, object, limit, audit_row, arr)) {
			json_decref(arr);
			return cli_refused(c);
		}
		if (arr)
			cli_print_json(arr);
	}
	return 0;
}
