/*
** cqpm document add|list|get|delete — the documents attached to a
** candidate (identity document, reports, livret 2, signed forms).
*/
#include "cli/cli.h"
#include "service/svc_document.h"
#include "util/errfr.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage : cqpm document add CANDIDAT FICHIER --type TYPE [--registration INSCRIPTION]\n"
	"            [--name NOM]\n"
	"        cqpm document list CANDIDAT [--json]\n"
	"        cqpm document get ID --output FICHIER [--force]   (« - » : la sortie standard)\n"
	"        cqpm document delete ID\n"
	"  TYPE : identity (pièce d'identité), report (rapport / dossier de présentation\n"
	"  de projet), livret2 (livret 2, dossier de preuves VAE), company_opinion (avis de\n"
	"  l'entreprise signé), dossier (dossier d'évaluation signé), other.\n"
	"  PDF, JPEG ou PNG (reconnus au contenu), " DOC_MAX_SIZE_TEXT " au plus par fichier.\n";

enum { O_TYPE = 256, O_REG, O_NAME, O_OUTPUT, O_FORCE, O_JSON };

static const struct option opts[] = {
	{ "type", required_argument, NULL, O_TYPE },
	{ "registration", required_argument, NULL, O_REG },
	{ "name", required_argument, NULL, O_NAME },
	{ "output", required_argument, NULL, O_OUTPUT },
	{ "force", no_argument, NULL, O_FORCE },
	{ "json", no_argument, NULL, O_JSON },
	{ NULL, 0, NULL, 0 } };

static void print_doc(const struct doc_row *d)
{
	char size[32];
	int t = doc_type_from_code(d->type);
	doc_size_text(d->size, size, sizeof size);
	printf("n° %lld  %s (%s, %s)\n", (long long)d->id, d->name, d->mime, size);
	printf("        %s", t >= 0 ? doc_type_label((enum doc_type)t) : d->type);
	if (d->registration_id)
		printf(", inscription n° %lld", (long long)d->registration_id);
	printf(" ; déposé le %s par %s\n        SHA-256 %s\n", d->uploaded_at, d->uploaded_by,
		d->sha256);
}

struct list_acc {
	json_t *arr;   /* --json */
	int n;
};

static int list_row(void *arg, const struct doc_row *d)
{
	struct list_acc *a = arg;
	if (a->arr)
		json_array_append_new(a->arr, document_json(d));
	else
		print_doc(d);
	a->n++;
	return 0;
}

/* Writes n bytes to fd; -1 with errno on failure. */
static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int write_failed(const char *path, int e)
{
	fprintf(stderr, "cqpm : impossible d'écrire « %s » : %s\n", path, errno_fr(e));
	return -1;
}

/* The bytes into path, readable by its owner only (a document holds
** personal data). Without force, path must not exist (O_EXCL: no
** overwrite, even in a race); with force, the bytes are written beside it
** under a temporary name, then put in place whole. */
static int save(const char *path, const struct buf *content, int force)
{
	const char *p = content->p ? content->p : "";
	char tmp[4200];
	int fd, e;

	if (!strcmp(path, "-"))
		return write_all(STDOUT_FILENO, p, content->len) ? write_failed("-", errno) : 0;
	if (!force) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errno != EEXIST)
				return write_failed(path, errno);
			fprintf(stderr, "cqpm : refusé : « %s » existe déjà ; ajoutez --force pour le remplacer.\n",
				path);
			return -1;
		}
		if (write_all(fd, p, content->len) || fsync(fd)) {
			e = errno;
			close(fd);
			unlink(path);
			return write_failed(path, e);
		}
		return close(fd) ? write_failed(path, errno) : 0;
	}
	if (snprintf(tmp, sizeof tmp, "%s.cqpm-XXXXXX", path) >= (int)sizeof tmp) {
		fprintf(stderr, "cqpm : refusé : --output : chemin trop long.\n");
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return write_failed(path, errno);
	if (write_all(fd, p, content->len) || fsync(fd)) {
		e = errno;
		close(fd);
		unlink(tmp);
		return write_failed(path, e);
	}
	if (close(fd) || rename(tmp, path)) {
		e = errno;
		unlink(tmp);
		return write_failed(path, e);
	}
	return 0;
}

int cmd_document(struct cli *c, int argc, char **argv)
{
	struct document_in in;
	const char *output = NULL;
	int force = 0, ch, nargs;
	char **args;

	if (argc < 2)
		return cli_usage(usage);
	memset(&in, 0, sizeof in);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_TYPE: in.type = optarg; break;
		case O_REG: in.registration = optarg; break;
		case O_NAME: in.name = optarg; break;
		case O_OUTPUT: output = optarg; break;
		case O_FORCE: force = 1; break;
		case O_JSON: c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	/* the operands after the subcommand */
	args = argv + 1 + optind;
	nargs = argc - 1 - optind;
	if (!strcmp(argv[1], "add")) {
		struct doc_row d;
		int64_t cid;
		char size[32];
		if (nargs != 2 || !in.type)
			return cli_usage(usage);
		if ((cid = cli_id_arg(args[0], "de candidat")) < 0)
			return EXIT_REFUSED;
		in.path = args[1];
		in.file_name = args[1];
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_document_add(&c->svc, cid, &in, &d))
			return cli_refused(c);
		if (c->json) {
			cli_print_json(document_json(&d));
		} else {
			doc_size_text(d.size, size, sizeof size);
			printf("Document n° %lld enregistré : %s (%s, %s", (long long)d.id, d.name,
				d.mime, size);
			if (d.registration_id)
				printf(", inscription n° %lld", (long long)d.registration_id);
			printf(").\nSHA-256 : %s\n", d.sha256);
		}
		return 0;
	}
	if (!strcmp(argv[1], "list")) {
		struct list_acc acc = { NULL, 0 };
		int64_t cid;
		if (nargs != 1)
			return cli_usage(usage);
		if ((cid = cli_id_arg(args[0], "de candidat")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (c->json)
			acc.arr = json_array();
		if (svc_document_list(&c->svc, cid, list_row, &acc)) {
			json_decref(acc.arr);
			return cli_refused(c);
		}
		if (c->json)
			cli_print_json(json_pack("{s:I, s:o}", "candidate", (json_int_t)cid,
				"documents", acc.arr));
		else
			printf("%d document%s.\n", acc.n, acc.n > 1 ? "s" : "");
		return 0;
	}
	if (!strcmp(argv[1], "get")) {
		struct doc_row d;
		struct buf content;
		int64_t id;
		int rc;
		if (nargs != 1 || !output || !*output)
			return cli_usage(usage);
		if ((id = cli_id_arg(args[0], "de document")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		buf_init(&content, DOC_MAX_SIZE + 1);
		if (svc_document_get(&c->svc, id, &d, &content)) {
			buf_release(&content);
			return cli_refused(c);
		}
		rc = save(output, &content, force);
		buf_release(&content);
		if (rc)
			return EXIT_REFUSED;
		if (strcmp(output, "-"))
			fprintf(stderr, "Document n° %lld écrit dans « %s » (%lld octets, SHA-256 %s).\n",
				(long long)id, output, (long long)d.size, d.sha256);
		return 0;
	}
	if (!strcmp(argv[1], "delete")) {
		struct doc_row d;
		int64_t id;
		if (nargs != 1)
			return cli_usage(usage);
		if ((id = cli_id_arg(args[0], "de document")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_document_delete(&c->svc, id, &d))
			return cli_refused(c);
		printf("Document n° %lld supprimé : %s (%s, SHA-256 %s).\n", (long long)id, d.name,
			d.type, d.sha256);
		return 0;
	}
	return cli_usage(usage);
}
