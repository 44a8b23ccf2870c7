/*
** cqpm centre add|list, cqpm user add|list|disable|enable
*/
#include "cli/cli.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int centre_row(void *arg, const struct centre *ce)
{
	json_t *arr = arg;
	if (arr)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			"code", ce->code, "name", ce->name, "region", ce->region,
			"address", ce->address, "email", ce->email, "created_at", ce->created_at));
	else
		printf("%-16s %-20s %s\n", ce->code, *ce->region ? ce->region : "-", ce->name);
	return 0;
}

/*
** cqpm centre add --code C --name NOM [--region R] [--address A] [--email E]
** cqpm centre list
*/
int cmd_centre(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm centre add --code CODE --name NOM "
		"[--region RÉGION] [--address ADRESSE] [--email COURRIEL]\n"
		"        cqpm centre list\n"
		"        cqpm centre docs CODE [--number N] [--city VILLE] [--signatory NOM]\n"
		"            [--letterhead EN-TÊTE.png] [--signature SIGNATURE.png]\n";
	static const struct option opts[] = {
		{ "code", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "region", required_argument, NULL, 'r' },
		{ "address", required_argument, NULL, 'a' },
		{ "email", required_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	struct centre ce;
	int ch;
	int64_t id;

	if (argc < 2)
		return cli_usage(usage);
	if (!strcmp(argv[1], "docs"))
		return cmd_centre_docs(c, argc, argv);
	if (!strcmp(argv[1], "list")) {
		json_t *arr = NULL;
		while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1)
			if (ch == 'j')
				c->json = 1;
			else
				return cli_bad_option(argv + 1, usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (c->json)
			arr = json_array();
		if (svc_centre_list(&c->svc, centre_row, arr)) {
			json_decref(arr);
			return cli_refused(c);
		}
		if (arr)
			cli_print_json(arr);
		return 0;
	}
	if (strcmp(argv[1], "add"))
		return cli_usage(usage);
	memset(&ce, 0, sizeof ce);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		char *dst; size_t n;
		switch (ch) {
		case 'c': dst = ce.code; n = sizeof ce.code; break;
		case 'n': dst = ce.name; n = sizeof ce.name; break;
		case 'r': dst = ce.region; n = sizeof ce.region; break;
		case 'a': dst = ce.address; n = sizeof ce.address; break;
		case 'e': dst = ce.email; n = sizeof ce.email; break;
		case 'j': c->json = 1; continue;
		default: return cli_bad_option(argv + 1, usage);
		}
		if (strlen(optarg) >= n) {
			fprintf(stderr, "cqpm : refusé : --%s : texte trop long.\n",
				opts[ch == 'c' ? 0 : ch == 'n' ? 1 : ch == 'r' ? 2 : ch == 'a' ? 3 : 4].name);
			return EXIT_REFUSED;
		}
		snprintf(dst, n, "%s", optarg);
	}
	if (!ce.code[0] || !ce.name[0] || optind + 1 != argc)
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (svc_centre_add(&c->svc, &ce, &id))
		return cli_refused(c);
	printf("Centre %s créé.\n", ce.code);
	return 0;
}

/* Reads one line of at most outsz-1 bytes from stdin, without echo on a
** terminal. Returns 0, or -1 if nothing was read or the line is too long. */
static int read_password(char *out, size_t outsz)
{
	struct termios old, quiet;
	int tty = isatty(0), ok;
	size_t n;

	if (tty) {
		fprintf(stderr, "Mot de passe : ");
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	ok = fgets(out, (int)outsz, stdin) != NULL;
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	n = strlen(out);
	if (n && out[n - 1] == '\n')
		out[--n] = '\0';
	else if (n == outsz - 1)
		return -1;
	if (n && out[n - 1] == '\r')
		out[--n] = '\0';
	return 0;
}

static int user_row(void *arg, const struct account *a)
{
	json_t *arr = arg;
	if (arr)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}",
			"login", a->login, "name", a->name, "email", a->email,
			"role", role_code((enum role)a->role), "centre", a->centre_code,
			"disabled", a->disabled, "created_at", a->created_at));
	else
		printf("%-16s %-14s %-12s %s%s\n", a->login, role_code((enum role)a->role),
			*a->centre_code ? a->centre_code : "-", a->name,
			a->disabled ? " (désactivé)" : "");
	return 0;
}

/*
** cqpm user add --login L --name NOM --role R [--centre C] [--email E]
**      (the password is read from standard input, never from arguments)
** cqpm user list | disable LOGIN | enable LOGIN
*/
int cmd_user(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm user add --login IDENTIFIANT --name NOM "
		"--role admin|centre|evaluator|jury|training_body [--centre CODE] [--email COURRIEL]\n"
		"        (le mot de passe est lu sur l'entrée standard)\n"
		"        cqpm user list | cqpm user disable IDENTIFIANT | cqpm user enable IDENTIFIANT\n"
		"        cqpm user password IDENTIFIANT   (nouveau mot de passe sur l'entrée standard)\n";
	static const struct option opts[] = {
		{ "login", required_argument, NULL, 'l' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "centre", required_argument, NULL, 'c' },
		{ "email", required_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	struct user_new u;
	char password[300];
	int ch, rc;
	int64_t id;

	if (argc < 2)
		return cli_usage(usage);
	if (!strcmp(argv[1], "list")) {
		json_t *arr = NULL;
		while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1)
			if (ch == 'j')
				c->json = 1;
			else
				return cli_bad_option(argv + 1, usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (c->json)
			arr = json_array();
		if (svc_user_list(&c->svc, user_row, arr)) {
			json_decref(arr);
			return cli_refused(c);
		}
		if (arr)
			cli_print_json(arr);
		return 0;
	}
	if (!strcmp(argv[1], "password")) {
		if (argc != 3)
			return cli_usage(usage);
		if (read_password(password, sizeof password)) {
			fprintf(stderr, "cqpm : refusé : mot de passe : aucun mot de passe lu sur "
				"l'entrée standard, ou plus de 256 octets.\n");
			return EXIT_REFUSED;
		}
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		rc = svc_user_set_password(&c->svc, argv[2], NULL, password);
		memset(password, 0, sizeof password);
		if (rc)
			return cli_refused(c);
		printf("Mot de passe du compte %s changé ; ses sessions sont fermées.\n", argv[2]);
		return 0;
	}
	if (!strcmp(argv[1], "disable") || !strcmp(argv[1], "enable")) {
		int dis = !strcmp(argv[1], "disable");
		if (argc != 3)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_user_set_disabled(&c->svc, argv[2], dis))
			return cli_refused(c);
		printf("Compte %s %s.\n", argv[2], dis ? "désactivé" : "réactivé");
		return 0;
	}
	if (strcmp(argv[1], "add"))
		return cli_usage(usage);
	memset(&u, 0, sizeof u);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': u.login = optarg; break;
		case 'n': u.name = optarg; break;
		case 'r': u.role = optarg; break;
		case 'c': u.centre_code = optarg; break;
		case 'e': u.email = optarg; break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (!u.login || !u.name || !u.role || optind + 1 != argc)
		return cli_usage(usage);
	if (read_password(password, sizeof password)) {
		fprintf(stderr, "cqpm : refusé : mot de passe : aucun mot de passe lu sur "
			"l'entrée standard, ou plus de 256 octets.\n");
		return EXIT_REFUSED;
	}
	u.password = password;
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	rc = svc_user_add(&c->svc, &u, &id);
	memset(password, 0, sizeof password);
	if (rc)
		return cli_refused(c);
	printf("Compte %s créé.\n", u.login);
	return 0;
}
