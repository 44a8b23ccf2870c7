/*
** cqpm evaluation plan|assign|unassign|record|opinion — the evaluation of
** a registration: the evaluation dossier (R-EVA-1, R-EVA-2), the members
** of the evaluation commission (R-EVA-5), each competence's result
** (R-EVA-5) and the company's opinion (R-EVA-3).
*/
#include "cli/cli.h"
#include "core/evaluation.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage : cqpm evaluation plan INSCRIPTION --modalities \"C1=MODALITÉ[,MODALITÉ…];C2=…\"\n"
	"            --places LIEUX --from AAAA-MM-JJ --to AAAA-MM-JJ --agreed-on AAAA-MM-JJ\n"
	"            --centre-signatory NOM [--company-signatory NOM]\n"
	"        cqpm evaluation assign INSCRIPTION IDENTIFIANT\n"
	"        cqpm evaluation unassign INSCRIPTION IDENTIFIANT\n"
	"        cqpm evaluation record INSCRIPTION --competence C1 --result acquired|not_acquired\n"
	"            --modality MODALITÉ --criteria TEXTE --appraisal TEXTE --date AAAA-MM-JJ\n"
	"        cqpm evaluation opinion INSCRIPTION --opinion favourable|reserved|unfavourable\n"
	"            --author NOM --role tutor|manager --date AAAA-MM-JJ [--comment TEXTE]\n"
	"  MODALITÉ : real_situation (situation professionnelle réelle), project_presentation\n"
	"  (présentation de projets ou activités), reconstituted_situation (situation reconstituée).\n"
	"  Le signataire de l'entreprise est requis quand l'entreprise convient des modalités,\n"
	"  refusé quand c'est le candidat (VAE, demandeur d'emploi, salarié sans l'accord de\n"
	"  son employeur).\n";

enum {
	O_MODALITIES = 256, O_PLACES, O_FROM, O_TO, O_AGREED_ON, O_CENTRE_SIG, O_COMPANY_SIG,
	O_COMPETENCE, O_RESULT, O_MODALITY, O_CRITERIA, O_APPRAISAL, O_DATE, O_OPINION,
	O_AUTHOR, O_ROLE, O_COMMENT, O_JSON
};

static const struct option opts[] = {
	{ "modalities", required_argument, NULL, O_MODALITIES },
	{ "places", required_argument, NULL, O_PLACES },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "agreed-on", required_argument, NULL, O_AGREED_ON },
	{ "centre-signatory", required_argument, NULL, O_CENTRE_SIG },
	{ "company-signatory", required_argument, NULL, O_COMPANY_SIG },
	{ "competence", required_argument, NULL, O_COMPETENCE },
	{ "result", required_argument, NULL, O_RESULT },
	{ "modality", required_argument, NULL, O_MODALITY },
	{ "criteria", required_argument, NULL, O_CRITERIA },
	{ "appraisal", required_argument, NULL, O_APPRAISAL },
	{ "date", required_argument, NULL, O_DATE },
	{ "opinion", required_argument, NULL, O_OPINION },
	{ "author", required_argument, NULL, O_AUTHOR },
	{ "role", required_argument, NULL, O_ROLE },
	{ "comment", required_argument, NULL, O_COMMENT },
	{ "json", no_argument, NULL, O_JSON },
	{ NULL, 0, NULL, 0 } };

/*
** "C1=real_situation,project_presentation;C2=…" into choices (pointers
** into text, which is cut in place); the number of choices, or -1 after
** a French message.
*/
static int parse_modalities(char *text, struct dossier_choice *choices, int max)
{
	char *save = NULL, *part;
	int n = 0;

	for (part = strtok_r(text, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(part, '=');
		while (*part == ' ')
			part++;
		if (!*part)
			continue;
		if (!eq || eq == part) {
			fprintf(stderr, "cqpm : refusé : --modalities : « %.60s » ne suit pas la forme "
				"COMPÉTENCE=MODALITÉ[,MODALITÉ…].\n", part);
			return -1;
		}
		if (n == max) {
			fprintf(stderr, "cqpm : refusé : --modalities : %d compétences au plus.\n", max);
			return -1;
		}
		*eq = '\0';
		for (char *e = eq - 1; e > part && *e == ' '; e--)
			*e = '\0';
		choices[n].competence = part;
		choices[n].modalities = eq + 1;
		n++;
	}
	return n;
}

/* The warning of an incomplete commission (R-EVA-5), on stderr. */
static void commission_warning(int members)
{
	if (commission_complete(members))
		return;
	fprintf(stderr, "cqpm : attention : la commission d'évaluation compte %d membre%s ; "
		"elle doit en réunir plusieurs (R-EVA-5).\n", members, members > 1 ? "s" : "");
}

int cmd_evaluation(struct cli *c, int argc, char **argv)
{
	struct dossier_in d;
	struct evaluation_in e;
	struct opinion_in o;
	struct dossier_choice *choices = NULL;
	char *modalities = NULL;
	const char *cmd;
	int64_t rid;
	int ch, rc;

	if (argc < 2)
		return cli_usage(usage);
	memset(&d, 0, sizeof d);
	memset(&e, 0, sizeof e);
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_MODALITIES: modalities = optarg; break;
		case O_PLACES: d.places = optarg; break;
		case O_FROM: d.period_start = optarg; break;
		case O_TO: d.period_end = optarg; break;
		case O_AGREED_ON: d.agreed_on = optarg; break;
		case O_CENTRE_SIG: d.centre_signatory = optarg; break;
		case O_COMPANY_SIG: d.company_signatory = optarg; break;
		case O_COMPETENCE: e.competence = optarg; break;
		case O_RESULT: e.result = optarg; break;
		case O_MODALITY: e.modality = optarg; break;
		case O_CRITERIA: e.criteria = optarg; break;
		case O_APPRAISAL: e.appraisal = optarg; break;
		case O_DATE: e.date = o.date = optarg; break;
		case O_OPINION: o.opinion = optarg; break;
		case O_AUTHOR: o.author_name = optarg; break;
		case O_ROLE: o.author_role = optarg; break;
		case O_COMMENT: o.comment = optarg; break;
		case O_JSON: c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	cmd = argv[1];
	if (!strcmp(cmd, "assign") || !strcmp(cmd, "unassign")) {
		int members = 0, assign = !strcmp(cmd, "assign");
		if (optind + 3 != argc)
			return cli_usage(usage);
		if ((rid = cli_id_arg(argv[optind + 1], "d'inscription")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (assign ? svc_eval_assign(&c->svc, rid, argv[optind + 2], &members) :
		    svc_eval_unassign(&c->svc, rid, argv[optind + 2], &members))
			return cli_refused(c);
		if (c->json)
			cli_print_json(json_pack("{s:I, s:s, s:i, s:b}", "registration", (json_int_t)rid,
				"login", argv[optind + 2], "members", members,
				"complete", commission_complete(members)));
		else
			printf("« %s » %s la commission d'évaluation de l'inscription n° %lld "
				"(%d membre%s).\n", argv[optind + 2],
				assign ? "est membre de" : "ne fait plus partie de", (long long)rid,
				members, members > 1 ? "s" : "");
		commission_warning(members);
		return 0;
	}
	if (strcmp(cmd, "plan") && strcmp(cmd, "record") && strcmp(cmd, "opinion"))
		return cli_usage(usage);
	if (optind + 2 != argc)
		return cli_usage(usage);
	if ((rid = cli_id_arg(argv[optind + 1], "d'inscription")) < 0)
		return EXIT_REFUSED;
	if (!strcmp(cmd, "plan")) {
		int n;
		if (!modalities)
			return cli_usage(usage);
		choices = calloc(DOSSIER_MAX_CHOICES, sizeof *choices);
		if (!choices)
			return EXIT_REFUSED;
		if ((n = parse_modalities(modalities, choices, DOSSIER_MAX_CHOICES)) < 0) {
			free(choices);
			return EXIT_REFUSED;
		}
		d.choices = choices;
		d.nchoices = (size_t)n;
		if (cli_open(c, 1)) {
			free(choices);
			return EXIT_REFUSED;
		}
		rc = svc_dossier_agree(&c->svc, rid, &d);
		free(choices);
		if (rc)
			return cli_refused(c);
		printf("Dossier d'évaluation de l'inscription n° %lld convenu.\n", (long long)rid);
		return 0;
	}
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	if (!strcmp(cmd, "record")) {
		if (svc_eval_record(&c->svc, rid, &e))
			return cli_refused(c);
		printf("Résultat de la compétence %s enregistré pour l'inscription n° %lld.\n",
			e.competence, (long long)rid);
		return 0;
	}
	if (svc_opinion_record(&c->svc, rid, &o))
		return cli_refused(c);
	printf("Avis de l'entreprise enregistré pour l'inscription n° %lld.\n", (long long)rid);
	return 0;
}
