/*
** cqpm gtp list|transmit|correct|follow|withdraw|restore|attribute — the
** records of the juries sent to the GTP « Certifications » within two
** months (R-GTP-1) and its follow-up: corrective actions, withdrawal of a
** centre's capacity to award and the GTP's provisional attribution
** (R-GTP-2).
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include "service/svc_jury.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage : cqpm gtp list [--status STATUT] [--json]\n"
	"        cqpm gtp transmit JURY [--date AAAA-MM-JJ]\n"
	"        cqpm gtp correct JURY --text TEXTE [--date AAAA-MM-JJ]\n"
	"        cqpm gtp follow ACTION --state applied|not_applied [--note TEXTE]\n"
	"            [--date AAAA-MM-JJ]\n"
	"        cqpm gtp withdraw CENTRE --date AAAA-MM-JJ [--motive TEXTE]\n"
	"        cqpm gtp restore CENTRE --date AAAA-MM-JJ\n"
	"        cqpm gtp attribute JURY [--date AAAA-MM-JJ]\n"
	"  STATUT : not_due, to_send, overdue, sent, sent_late.\n"
	"  correct enregistre une action corrective du GTP ; follow, son suivi.\n";

enum { O_JSON = 256, O_STATUS, O_DATE, O_TEXT, O_STATE, O_NOTE, O_MOTIVE };

static const struct option opts[] = {
	{ "json", no_argument, NULL, O_JSON },
	{ "status", required_argument, NULL, O_STATUS },
	{ "date", required_argument, NULL, O_DATE },
	{ "text", required_argument, NULL, O_TEXT },
	{ "state", required_argument, NULL, O_STATE },
	{ "note", required_argument, NULL, O_NOTE },
	{ "motive", required_argument, NULL, O_MOTIVE },
	{ NULL, 0, NULL, 0 } };

static void list_text(const json_t *doc)
{
	const json_t *r;
	size_t i;

	if (!json_array_size(doc)) {
		printf("Aucun jury tenu.\n");
		return;
	}
	json_array_foreach(doc, i, r)
		printf("Jury n° %lld — %s — %s — à transmettre au plus tard le %s — %s%s%s%s\n",
			(long long)json_integer_value(json_object_get(r, "jury_id")),
			jstr(r, "centre"), jstr(r, "date"), jstr(r, "due"), jstr(r, "status_label"),
			*jstr(r, "sent_on") ? " le " : "", jstr(r, "sent_on"),
			json_integer_value(json_object_get(r, "corrective_open")) ?
			" — action corrective en cours" : "");
}

int cmd_gtp(struct cli *c, int argc, char **argv)
{
	const char *status = "", *date = NULL, *text = NULL, *state = NULL, *note = NULL;
	const char *motive = NULL, *sub;
	int64_t id = 0;
	int ch;

	if (argc < 2)
		return cli_usage(usage);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_JSON: c->json = 1; break;
		case O_STATUS: status = optarg; break;
		case O_DATE: date = optarg; break;
		case O_TEXT: text = optarg; break;
		case O_STATE: state = optarg; break;
		case O_NOTE: note = optarg; break;
		case O_MOTIVE: motive = optarg; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	sub = argv[1];
	if (!strcmp(sub, "list")) {
		json_t *doc;
		if (optind + 1 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_list(&c->svc, status, &doc))
			return cli_refused(c);
		cli_show(c, doc, list_text);
		return 0;
	}
	if (optind + 2 != argc)
		return cli_usage(usage);
	const char *arg = argv[optind + 1];
	if (!strcmp(sub, "withdraw") || !strcmp(sub, "restore")) {
		int restore = !strcmp(sub, "restore");
		if (!date)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_capacity(&c->svc, arg, restore, date, motive))
			return cli_refused(c);
		printf(restore ? "Capacité de délivrance du jury du centre %s rétablie le %s.\n" :
			"Capacité de délivrance du jury du centre %s retirée le %s : ses certifications "
			"attendent l'attribution provisoire du GTP.\n", arg, date);
		return 0;
	}
	if ((id = cli_id_arg(arg, !strcmp(sub, "follow") ? "d'action corrective" : "de jury")) < 0)
		return EXIT_REFUSED;
	if (!strcmp(sub, "transmit")) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_transmit(&c->svc, id, date))
			return cli_refused(c);
		printf("Transmission au GTP des pièces du jury n° %lld enregistrée.\n", (long long)id);
		return 0;
	}
	if (!strcmp(sub, "correct")) {
		int64_t aid;
		if (!text)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_corrective(&c->svc, id, text, date, &aid))
			return cli_refused(c);
		printf("Action corrective n° %lld adressée au jury n° %lld.\n", (long long)aid,
			(long long)id);
		return 0;
	}
	if (!strcmp(sub, "follow")) {
		if (!state)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_follow(&c->svc, id, state, note, date))
			return cli_refused(c);
		printf("Suivi de l'action corrective n° %lld enregistré.\n", (long long)id);
		return 0;
	}
	if (!strcmp(sub, "attribute")) {
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_gtp_attribute(&c->svc, id, date))
			return cli_refused(c);
		printf("Attribution provisoire par le GTP des certifications du jury n° %lld "
			"enregistrée ; les certificats sont délivrés.\n", (long long)id);
		return 0;
	}
	return cli_usage(usage);
}
