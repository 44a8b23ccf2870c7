/*
** cqpm init | catalogue list | catalogue show | import rncp
*/
#include "cli/cli.h"
#include "core/validate.h"
#include "core/catalogue.h"
#include "core/text.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void say_line(void *arg, const char *line)
{
	int *said = arg;
	if (!(*said)++)
		fprintf(stderr, "Comptes de démonstration :\n");
	fprintf(stderr, "%s\n", line);
}

/*
** cqpm init [--demo]
** Creates the database or brings it up to date, loads the nomenclatures
** and the branch's referentials; --demo adds a demo centre and accounts.
*/
int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
	struct init_report rep;
	int demo = 0, ch, said = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'd')
			return cli_bad_option(argv, "usage : cqpm init [--demo]\n");
		demo = 1;
	}
	if (optind != argc)
		return cli_usage("usage : cqpm init [--demo]\n");
	if (cli_open(c, 0))
		return EXIT_REFUSED;
	if (svc_setup(&c->svc, c->data_dir, demo, say_line, &said, &rep))
		return cli_refused(c);
	if (c->json) {
		cli_print_json(json_pack("{s:s, s:i, s:i, s:{s:I, s:I, s:I, s:I}, s:b}",
			"database", c->db_path, "schema_version", rep.schema_version,
			"certifications", rep.seeds, "nomenclatures",
			"nsf", (json_int_t)rep.nomenclatures[0], "rome", (json_int_t)rep.nomenclatures[1],
			"naf", (json_int_t)rep.nomenclatures[2], "level", (json_int_t)rep.nomenclatures[3],
			"demo", rep.demo));
	} else {
		printf("Base %s prête (schéma version %d) : %d référentiels de la branche, "
			"nomenclatures NSF %lld, ROME %lld, NAF %lld, niveaux %lld.\n",
			c->db_path, rep.schema_version, rep.seeds,
			(long long)rep.nomenclatures[0], (long long)rep.nomenclatures[1],
			(long long)rep.nomenclatures[2], (long long)rep.nomenclatures[3]);
	}
	return 0;
}

struct list_acc {
	json_t *arr;
	int n;
};

static int list_row(void *arg, const struct cert_row *r)
{
	struct list_acc *a = arg;
	if (a->arr) {
		json_array_append_new(a->arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}",
			"code", r->code, "kind", r->kind, "rncp", r->rncp,
			"identifier", r->identifier, "title", r->title, "level", r->level,
			"status", r->status, "version", r->version));
	} else {
		int st = status_from_code(r->status);
		printf("%-18s %-8s %-7s %-22s %s\n", r->code, r->kind,
			*r->level ? r->level : "-",
			st >= 0 ? status_label((enum cert_status)st) : r->status, r->title);
	}
	a->n++;
	return 0;
}

static int catalogue_list(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm catalogue list [--q TEXTE] [--kind NATURE] "
		"[--level NIVEAU] [--status STATUT] [--page N] [--per-page N]\n";
	static const struct option opts[] = {
		{ "q", required_argument, NULL, 'q' },
		{ "kind", required_argument, NULL, 'k' },
		{ "level", required_argument, NULL, 'l' },
		{ "status", required_argument, NULL, 's' },
		{ "page", required_argument, NULL, 'p' },
		{ "per-page", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	struct cat_query q;
	struct cat_page page;
	struct list_acc acc = { NULL, 0 };
	int ch;

	memset(&q, 0, sizeof q);
	q.per_page = 500;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': q.q = optarg; break;
		case 'k': q.kind = optarg; break;
		case 'l': q.level = optarg; break;
		case 's': q.status = optarg; break;
		case 'p': q.page = (int)parse_count(optarg, 1, 100000); break;
		case 'n': q.per_page = (int)parse_count(optarg, 1, 500); break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv, usage);
		}
	}
	if (optind != argc)
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (c->json)
		acc.arr = json_array();
	if (svc_cat_list(&c->svc, &q, list_row, &acc, &page)) {
		json_decref(acc.arr);
		return cli_refused(c);
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:i, s:i, s:o}", "total", (json_int_t)page.total,
			"page", page.page, "per_page", page.per_page, "items", acc.arr));
	else
		fprintf(stderr, "%d certification%s affichée%s sur %lld.\n", acc.n,
			acc.n > 1 ? "s" : "", acc.n > 1 ? "s" : "", (long long)page.total);
	return 0;
}

static const char *yes_no(json_t *v)
{
	return json_is_true(v) ? "oui" : json_is_false(v) ? "non" : "non renseigné";
}

static void print_entry(const struct cat_entry *e)
{
	const json_t *d = e->doc;
	size_t i, j;
	json_t *b, *k, *v;

	printf("%s — %s\n", jstr(d, "code"), jstr(d, "title"));
	printf("  Nature : %s (%s)\n", jstr(d, "kind"),
		kind_label((enum cert_kind)kind_from_code(jstr(d, "kind"))));
	if (*jstr(d, "rncp"))
		printf("  Fiche : %s\n", jstr(d, "rncp"));
	if (*jstr(d, "identifier"))
		printf("  Identifiant : %s\n", jstr(d, "identifier"));
	if (*jstr(d, "level"))
		printf("  Niveau : %s %s\n", jstr(d, "level"), jstr(d, "level_label"));
	if (*jstr(d, "cqpm_number"))
		printf("  Numéro de CQPM : %s\n", jstr(d, "cqpm_number"));
	json_array_foreach(json_object_get(d, "certifiers"), i, v)
		printf("  Certificateur : %s\n", jstr(v, "name"));
	printf("  Statut : %s — version %lld\n",
		status_label((enum cert_status)status_from_code(jstr(d, "status"))),
		(long long)json_integer_value(json_object_get(d, "version")));
	{
		const json_t *legal = json_object_get(d, "legal");
		const char *start = jstr(legal, "registration_start");
		const char *end = jstr(legal, "registration_end");
		char today[11];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		if (*start || *end)
			printf("  Enregistrement : du %.2s/%.2s/%.4s au %.2s/%.2s/%.4s%s\n",
				*start ? start + 8 : "--", *start ? start + 5 : "--", *start ? start : "----",
				*end ? end + 8 : "--", *end ? end + 5 : "--", *end ? end : "----",
				*end && strcmp(end, today) < 0 ? " — échu" : "");
	}
	printf("  Voies d'accès :\n");
	for (int r = 0; r < ROUTE__MAX; r++) {
		const char *label = route_label((enum access_route)r);
		/* pad by characters, not bytes (accents are two bytes) */
		int pad = 66 - (int)utf8_len(label);
		printf("    %s%*s %s\n", label, pad > 0 ? pad : 0, "",
			yes_no(json_object_get(json_object_get(d, "access_routes"),
				route_key((enum access_route)r))));
	}
	json_array_foreach(json_object_get(d, "nsf"), i, v)
		printf("  NSF %s %s\n", jstr(v, "code"), jstr(v, "label"));
	json_array_foreach(json_object_get(d, "rome"), i, v)
		printf("  ROME %s %s\n", jstr(v, "code"), jstr(v, "label"));
	json_array_foreach(json_object_get(d, "blocks"), i, b) {
		if (*jstr(b, "bdc"))
			printf("  Bloc %s %s — %s\n", jstr(b, "code"), jstr(b, "bdc"), jstr(b, "title"));
		else if (*jstr(b, "code"))
			printf("  Bloc %s — %s\n", jstr(b, "code"), jstr(b, "title"));
		else
			printf("  Bloc %lld — %s\n", (long long)json_integer_value(
				json_object_get(b, "number")), jstr(b, "title"));
		json_array_foreach(json_object_get(b, "competences"), j, k)
			printf("    %s %s\n", jstr(k, "code"), jstr(k, "title"));
	}
	json_array_foreach(json_object_get(d, "competences"), i, k)
		printf("  %s %s\n", jstr(k, "code"), jstr(k, "title"));
	if (*jstr(d, "notes"))
		printf("  Remarque : %s\n", jstr(d, "notes"));
}

static int catalogue_show(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm catalogue show CODE [--version N]\n";
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	struct cat_entry e;
	int version = 0, ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'v': version = (int)parse_count(optarg, 1, 100000); if (version <= 0) return cli_usage(usage); break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv, usage);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (svc_cat_get(&c->svc, argv[optind], version, &e))
		return cli_refused(c);
	if (c->json)
		cli_print_json(json_incref(e.doc));
	else
		print_entry(&e);
	cat_entry_release(&e);
	return 0;
}

int cmd_catalogue(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return catalogue_list(c, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "show"))
		return catalogue_show(c, argc - 1, argv + 1);
	return cli_usage("usage : cqpm catalogue list|show …\n");
}

struct progress {
	int tty;
	time_t last;
	int last_pct;
};

/* A progress bar on a terminal; nothing when stderr is not one. */
static void progress_bar(void *arg, uint64_t done, uint64_t total)
{
	struct progress *p = arg;
	int pct, width = 40, fill;
	time_t now;

	if (!p->tty || !total)
		return;
	pct = (int)(done * 100 / total);
	now = time(NULL);
	if (pct == p->last_pct && now == p->last && done < total)
		return;
	p->last_pct = pct;
	p->last = now;
	fill = pct * width / 100;
	fprintf(stderr, "\r  [%.*s%*s] %3d %%  %llu / %llu Mo", fill,
		"########################################", width - fill, "", pct,
		(unsigned long long)(done >> 20), (unsigned long long)(total >> 20));
	if (done >= total)
		fputc('\n', stderr);
}

/*
** cqpm import rncp PATH
** Imports an RNCP export: the XML flux (4.x), or the CSV export as a zip
** or a folder. All or nothing.
*/
int cmd_import(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "usage : cqpm import rncp CHEMIN [--json]\n";
	struct import_report rep;
	struct progress p = { isatty(2), 0, -1 };

	if (argc == 4 && !strcmp(argv[3], "--json"))
		c->json = 1;
	else if (argc != 3)
		return cli_usage(usage);
	if (strcmp(argv[1], "rncp"))
		return cli_usage(usage);
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (svc_import_rncp(&c->svc, argv[2], NULL, progress_bar, &p, &rep)) {
		if (p.tty && p.last_pct >= 0)
			fputc('\n', stderr);
		fprintf(stderr, "cqpm : import annulé, la base est inchangée.\n");
		return cli_refused(c);
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I, s:I}", "fiches", (json_int_t)rep.fiches,
			"created", (json_int_t)rep.created, "updated", (json_int_t)rep.updated,
			"unchanged", (json_int_t)rep.unchanged));
	else
		printf("Import terminé : %lld %s, %lld %s, %lld %s (nouvelle version), "
			"%lld %s.\n",
			(long long)rep.fiches, rep.fiches > 1 ? "fiches lues" : "fiche lue",
			(long long)rep.created, rep.created > 1 ? "créées" : "créée",
			(long long)rep.updated, rep.updated > 1 ? "mises à jour" : "mise à jour",
			(long long)rep.unchanged, rep.unchanged > 1 ? "inchangées" : "inchangée");
	return 0;
}
