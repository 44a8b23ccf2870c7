/*
** cqpm — the information system of the metallurgy branch's certification
** scheme. Entry point of the command line: global options, then one
** subcommand from the table below.
*/
#include "cli/cli.h"
#include "core/validate.h"
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CQPM_DATADIR
#define CQPM_DATADIR "data"
#endif
#ifndef CQPM_VERSION
#define CQPM_VERSION "dev"
#endif

static const char usage_text[] =
"usage : cqpm [--db CHEMIN] [--data DOSSIER] [--json] [--clock AAAA-MM-JJ] COMMANDE [ARGS]\n"
"\n"
"Commandes :\n"
"  init [--demo]                     crée ou met à jour la base (référentiels, nomenclatures)\n"
"  catalogue list [--q TEXTE] [--kind K] [--level N] [--status S] [--page P] [--per-page N]\n"
"  catalogue show CODE [--version V] une certification : RNCP28235, CQPM…, BDC…, RS…\n"
"  import rncp CHEMIN                importe un export RNCP (XML, zip ou dossier CSV)\n"
"  centre add --code C --name NOM [--region R] [--address A] [--email E]\n"
"  centre list\n"
"  user add --login L --name NOM --role R [--centre C] [--email E]\n"
"                                    (mot de passe lu sur l'entrée standard)\n"
"  user list | user disable LOGIN | user enable LOGIN\n"
"  user password LOGIN               (nouveau mot de passe sur l'entrée standard)\n"
"  audit list [--object O] [--limit N] | audit verify\n"
"  nomenclature list nsf|rome|naf|level [--q TEXTE]   codes et libellés\n"
"  org add|list|show|habilitate|link organismes de formation et habilitations\n"
"  candidate register|show|list|acquired   candidats et inscriptions\n"
"  evaluation plan|assign|unassign|record|opinion   dossier d'évaluation, commission,\n"
"                                    résultats et avis de l'entreprise d'une inscription\n"
"  vae file|decide|complete|communicate|validate|show   VAE : recevabilité, commission\n"
"  document add|list|get|delete     documents d'un candidat (pièce d'identité, rapport,\n"
"                                    livret 2…) : PDF, JPEG ou PNG, 10 Mo au plus\n"
"  candidate synthesis ID --output F.pdf [--anonymous CODE]   synthèse des évaluations\n"
"  union add|list                    organisations syndicales représentatives\n"
"  centre docs CODE [--number N] [--letterhead F.png] …   en-tête, signature, numéro\n"
"  jury list|plan|move|member|request|notify|convoke|candidates|candidate|sit|\n"
"       conformity|decide|sign|correct|documents|show   jury paritaire de délibération\n"
"  certificate show|duplicate|pdf|verify|list   certificats délivrés (MC…)\n"
"  gtp list|transmit|correct|follow|withdraw|restore|attribute   suivi du GTP Certifications\n"
"  serve [--listen ADRESSE:PORT] [--threads N] [--secure-cookies] [--quiet]\n"
"        [--smtp smtp://HÔTE:PORT] [--smtp-from ADRESSE]   (ou CQPM_SMTP_URL, CQPM_SMTP_FROM,\n"
"                                    CQPM_SMTP_USER, CQPM_SMTP_PASSWORD)\n"
"  version\n"
"\n"
"La base est --db ou la variable CQPM_DB (par défaut cqpm.db).\n"
"--json donne une sortie JSON à toute commande de lecture.\n"
"--clock fait partir l'horloge du programme de ce jour (essais et démonstrations :\n"
"les dates enregistrées, journal d'audit compris, en découlent).\n";

static const struct command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
} commands[] = {
	{ "init", cmd_init },
	{ "catalogue", cmd_catalogue },
	{ "import", cmd_import },
	{ "centre", cmd_centre },
	{ "user", cmd_user },
	{ "audit", cmd_audit },
	{ "serve", cmd_serve },
	{ "nomenclature", cmd_nomenclature },
	{ "org", cmd_org },
	{ "candidate", cmd_candidate },
	{ "evaluation", cmd_evaluation },
	{ "vae", cmd_vae },
	{ "document", cmd_document },
	{ "jury", cmd_jury },
	{ "certificate", cmd_certificate },
	{ "gtp", cmd_gtp },
	{ "union", cmd_union },
};

int cli_write_file(void *arg, const unsigned char *data, size_t len)
{
	struct cli_out *o = arg;
	if (fwrite(data, 1, len, o->f) != len) {
		o->err = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

int cli_usage(const char *usage)
{
	fprintf(stderr, "%s", usage ? usage : usage_text);
	return EXIT_USAGE;
}

int cli_bad_option(char **args, const char *usage)
{
	const char *bad = optind > 0 ? args[optind - 1] : "";
	if (!strcmp(bad, "--help") || !strcmp(bad, "-h")) {
		fputs(usage ? usage : usage_text, stdout);
		return 0;
	}
	if (!strncmp(bad, "--", 2))
		fprintf(stderr, "cqpm : l'option « %s » est inconnue ou demande une valeur\n", bad);
	else if (optopt && optopt != '?')
		fprintf(stderr, "cqpm : l'option « -%c » est inconnue ou demande une valeur\n", optopt);
	else
		fprintf(stderr, "cqpm : l'option « %s » est inconnue ou demande une valeur\n", bad);
	return cli_usage(usage);
}

int cli_refused(const struct cli *c)
{
	const struct svc_result *r = &c->svc.res;
	if (r->rule[0])
		fprintf(stderr, "cqpm : refusé (%s) : %s\n", r->rule, r->message);
	else
		fprintf(stderr, "cqpm : refusé : %s\n", r->message);
	return EXIT_REFUSED;
}

void cli_print_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(v);
}

int64_t cli_id_arg(const char *v, const char *what)
{
	long n = parse_count(v, 1, 999999999);
	if (n < 0)
		fprintf(stderr, "cqpm : refusé : « %s » n'est pas un numéro %s.\n", v, what);
	return n;
}

void cli_show(const struct cli *c, json_t *doc, void (*text)(const json_t *doc))
{
	if (c->json) {
		cli_print_json(doc);
		return;
	}
	text(doc);
	json_decref(doc);
}

int cli_open(struct cli *c, int migrate)
{
	char err[512];
	struct actor a;
	const char *user = getenv("USER");
	struct passwd *pw;

	if (migrate && strncmp(c->db_path, "postgres", 8) && access(c->db_path, F_OK)) {
		fprintf(stderr, "cqpm : la base « %s » n'existe pas : créez-la avec "
			"« cqpm --db %s init » (ou indiquez la bonne avec --db ou CQPM_DB).\n",
			c->db_path, c->db_path);
		return -1;
	}
	c->st = store_open(c->db_path, err, sizeof err);
	if (!c->st) {
		fprintf(stderr, "cqpm : %s\n", err);
		return -1;
	}
	if (migrate && store_migrate(c->st, err, sizeof err)) {
		fprintf(stderr, "cqpm : %s\n", err);
		store_close(c->st);
		c->st = NULL;
		return -1;
	}
	if (!user && (pw = getpwuid(getuid())))
		user = pw->pw_name;
	memset(&a, 0, sizeof a);
	a.role = ROLE_ADMIN;
	snprintf(a.login, sizeof a.login, "cli:%s", user ? user : "?");
	svc_init_ctx(&c->svc, c->st, &a);
	return 0;
}

void cli_close(struct cli *c)
{
	store_close(c->st);
	c->st = NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "data", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "clock", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	int ch;

	memset(&c, 0, sizeof c);
	c.db_path = getenv("CQPM_DB");
	c.data_dir = getenv("CQPM_DATA");
	if (!c.db_path || !*c.db_path)
		c.db_path = "cqpm.db";
	if (!c.data_dir || !*c.data_dir)
		c.data_dir = CQPM_DATADIR;
	opterr = 0; /* getopt's messages are English: cli_bad_option speaks */
	if (sodium_init() < 0) {
		fprintf(stderr, "cqpm : libsodium ne s'initialise pas\n");
		return EXIT_FAILURE;
	}
	/* global options stop at the first non-option (the command) */
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': c.db_path = optarg; break;
		case 'D': c.data_dir = optarg; break;
		case 'j': c.json = 1; break;
		case 'c':
			if (svc_clock_set(optarg)) {
				fprintf(stderr, "cqpm : refusé : --clock attend une date AAAA-MM-JJ.\n");
				return EXIT_USAGE;
			}
			fprintf(stderr, "cqpm : horloge fixée au %s (essais et démonstrations).\n", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return cli_bad_option(argv, NULL);
		}
	}
	if (optind >= argc)
		return cli_usage(NULL);
	if (!strcmp(argv[optind], "version")) {
		printf("cqpm %s\n", CQPM_VERSION);
		return 0;
	}
	if (!strcmp(argv[optind], "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[optind], commands[i].name)) {
			int rc;
			argc -= optind;
			argv += optind;
			optind = 0; /* reset getopt for the command */
			rc = commands[i].fn(&c, argc, argv);
			cli_close(&c);
			return rc;
		}
	fprintf(stderr, "cqpm : commande inconnue « %s »\n", argv[optind]);
	return cli_usage(NULL);
}
