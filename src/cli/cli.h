/*
** The command line: git-style subcommands, one file per area, all routed
** by the table in main.c. Every command runs as the local administrator
** (whoever can open the database file administers it); its audit events
** carry "cli:<user>".
**
** Exit status: 0 success, 1 refused (a rule, bad input, not found),
** 2 usage error.
*/
#ifndef CQPM_CLI_H
#define CQPM_CLI_H
#include "service/svc.h"
#include <jansson.h>
#include <stdio.h>

#define EXIT_REFUSED 1
#define EXIT_USAGE 2

struct cli {
	const char *db_path;   /* --db or CQPM_DB */
	const char *data_dir;  /* --data or CQPM_DATA or the built-in one */
	int json;              /* --json */
	struct store *st;
	struct svc svc;
};

/* Opens the store (and migrates it unless the command is init). */
int cli_open(struct cli *c, int migrate);
void cli_close(struct cli *c);
/* Prints the service failure on stderr in French; returns EXIT_REFUSED. */
int cli_refused(const struct cli *c);
int cli_usage(const char *usage);
/* After getopt_long returned '?' on args (the vector given to getopt):
** names the faulty option in French and prints usage (exit 2); for
** --help, prints usage on stdout (exit 0). */
int cli_bad_option(char **args, const char *usage);
/* Prints a JSON value on stdout (indented), consumes it. */
void cli_print_json(json_t *v);
/* A number argument as typed, 1 to 999 999 999, or -1 after saying on
** stderr that it is not a number of what ("d'inscription", "de candidat"…). */
int64_t cli_id_arg(const char *v, const char *what);
/* Prints a service's document: as JSON with --json, else through text;
** consumes doc. */
void cli_show(const struct cli *c, json_t *doc, void (*text)(const json_t *doc));

/* A file a document is written to: cli_write_file is a pdf_write_fn (and
** a zip's) over it; err keeps the errno of the first failed write. */
struct cli_out {
	FILE *f;
	int err;
};
int cli_write_file(void *arg, const unsigned char *data, size_t len);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_catalogue(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_centre(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_nomenclature(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_candidate(struct cli *c, int argc, char **argv);
int cmd_evaluation(struct cli *c, int argc, char **argv);
int cmd_vae(struct cli *c, int argc, char **argv);
int cmd_document(struct cli *c, int argc, char **argv);
int cmd_synthesis(struct cli *c, int argc, char **argv);   /* candidate synthesis */
int cmd_jury(struct cli *c, int argc, char **argv);
int cmd_certificate(struct cli *c, int argc, char **argv);
int cmd_gtp(struct cli *c, int argc, char **argv);
int cmd_union(struct cli *c, int argc, char **argv);
int cmd_centre_docs(struct cli *c, int argc, char **argv);   /* centre docs */

#endif
