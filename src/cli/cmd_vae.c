/*
** cqpm vae file|decide|complete|communicate|validate|show — the VAE of a
** registration (R-VAE-1..3): the admissibility file recorded on receipt,
** the decision and its communication to the candidate, the validation
** commission and its conclusions to the jury.
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"usage : cqpm vae file INSCRIPTION --received AAAA-MM-JJ --cerfa FICHIER.json\n"
	"        cqpm vae decide INSCRIPTION --decision admissible|not_admissible|incomplete\n"
	"            --date AAAA-MM-JJ [--motive MOTIF]\n"
	"        cqpm vae complete INSCRIPTION --date AAAA-MM-JJ\n"
	"        cqpm vae communicate INSCRIPTION --date AAAA-MM-JJ --means courrier|courriel|remise\n"
	"        cqpm vae validate INSCRIPTION --chair NOM --date AAAA-MM-JJ\n"
	"            --conclusion none|partial|total [--validated \"BC01 BC02\"] [--chair-centre CODE]\n"
	"            [--work-situation] [--interview] [--comment TEXTE]\n"
	"        cqpm vae show INSCRIPTION [--json]\n"
	"  INSCRIPTION : numéro de l'inscription (voie vae).\n"
	"  Le dossier de recevabilité (CERFA 12818*02) est un fichier JSON (« - » : l'entrée\n"
	"  standard), décrit dans doc/vae-file.md :\n"
	"    {\"experiences\": [{\"title\", \"employer\", \"status\", \"start\", \"end\",\n"
	"                       \"duration\", \"duration_unit\", \"activities\"}, …],   (1 à 50)\n"
	"     \"training\": [{\"title\", \"body\", \"year\", \"certificate\"}, …],        (30 au plus)\n"
	"     \"prior_validations\": [{\"certification\", \"units\", \"date\"}, …]}      (20 au plus)\n"
	"    status : salarie, non_salarie, benevole, volontaire, sportif, syndical, elu, stage ;\n"
	"    duration_unit : hours (heures) ou months (mois) ; end vide ou absent : en cours.\n";

#define CERFA_FILE_MAX (1 << 20)

enum {
	O_RECEIVED = 256, O_CERFA, O_DECISION, O_DATE, O_MOTIVE, O_MEANS, O_CHAIR,
	O_CHAIR_CENTRE, O_CONCLUSION, O_VALIDATED, O_WORK, O_INTERVIEW, O_COMMENT, O_JSON
};

static const struct option opts[] = {
	{ "received", required_argument, NULL, O_RECEIVED },
	{ "cerfa", required_argument, NULL, O_CERFA },
	{ "decision", required_argument, NULL, O_DECISION },
	{ "date", required_argument, NULL, O_DATE },
	{ "motive", required_argument, NULL, O_MOTIVE },
	{ "means", required_argument, NULL, O_MEANS },
	{ "chair", required_argument, NULL, O_CHAIR },
	{ "chair-centre", required_argument, NULL, O_CHAIR_CENTRE },
	{ "conclusion", required_argument, NULL, O_CONCLUSION },
	{ "validated", required_argument, NULL, O_VALIDATED },
	{ "work-situation", no_argument, NULL, O_WORK },
	{ "interview", no_argument, NULL, O_INTERVIEW },
	{ "comment", required_argument, NULL, O_COMMENT },
	{ "json", no_argument, NULL, O_JSON },
	{ NULL, 0, NULL, 0 } };

/* The CERFA data of path ("-": standard input), at most 1 Mio; NULL after
** saying why. */
static json_t *cerfa_load(const char *path)
{
	json_error_t jerr;
	json_t *v;
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct stat sb;
	char *text;
	size_t n;

	if (!f) {
		fprintf(stderr, "cqpm : refusé : le fichier « %s » ne s'ouvre pas.\n", path);
		return NULL;
	}
	if (f != stdin && (fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode))) {
		fprintf(stderr, "cqpm : refusé : « %s » n'est pas un fichier.\n", path);
		fclose(f);
		return NULL;
	}
	text = malloc(CERFA_FILE_MAX + 1);
	if (!text) {
		if (f != stdin)
			fclose(f);
		fprintf(stderr, "cqpm : mémoire insuffisante.\n");
		return NULL;
	}
	n = fread(text, 1, CERFA_FILE_MAX + 1, f);
	if (f != stdin)
		fclose(f);
	if (n > CERFA_FILE_MAX) {
		free(text);
		fprintf(stderr, "cqpm : refusé : le dossier de recevabilité dépasse 1 Mio.\n");
		return NULL;
	}
	v = json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!v)
		fprintf(stderr, "cqpm : refusé : le dossier de recevabilité n'est pas du JSON valide "
			"(ligne %d, colonne %d).\n", jerr.line, jerr.column);
	return v;
}

/* Text form of the VAE of one registration. */
static void show_text(const json_t *doc)
{
	const json_t *v = json_object_get(doc, "vae"), *cerfa = json_object_get(v, "cerfa");
	const json_t *cert = json_object_get(doc, "certification");
	const json_t *m = json_object_get(v, "commission"), *e;
	size_t i;

	printf("Inscription n° %lld (candidat n° %lld) : %s %s — %s\n",
		(long long)json_integer_value(json_object_get(doc, "registration")),
		(long long)json_integer_value(json_object_get(doc, "candidate")),
		jstr(cert, "code"), jstr(cert, "title"), jstr(v, "kind_label"));
	printf("Phase : %s\n", jstr(v, "phase_label"));
	if (json_is_null(json_object_get(v, "state"))) {
		printf("Dossier de recevabilité : non reçu\n");
	} else {
		printf("Dossier de recevabilité reçu le %s : %s\n", jstr(v, "received_on"),
			jstr(v, "state_label"));
		if (*jstr(v, "completed_on"))
			printf("  Complété le %s\n", jstr(v, "completed_on"));
		if (*jstr(v, "decided_on"))
			printf("  Décision du %s%s%s\n", jstr(v, "decided_on"),
				*jstr(v, "motive") ? " — motif : " : "", jstr(v, "motive"));
		if (*jstr(v, "communicated_on"))
			printf("  Communiquée au candidat le %s (%s)\n", jstr(v, "communicated_on"),
				jstr(v, "communicated_means_label"));
		else if (*jstr(v, "decided_on"))
			printf("  Pas encore communiquée au candidat\n");
	}
	json_array_foreach(json_object_get(cerfa, "experiences"), i, e)
		printf("  Expérience %zu : %s, %s (%s), du %s au %s, %lld %s\n", i + 1,
			jstr(e, "title"), jstr(e, "employer"), jstr(e, "status_label"),
			jstr(e, "start"), *jstr(e, "end") ? jstr(e, "end") : "(en cours)",
			(long long)json_integer_value(json_object_get(e, "duration")),
			jstr(e, "duration_unit_label"));
	json_array_foreach(json_object_get(cerfa, "training"), i, e)
		printf("  Formation %zu : %s, %s, %lld%s%s\n", i + 1, jstr(e, "title"),
			jstr(e, "body"), (long long)json_integer_value(json_object_get(e, "year")),
			*jstr(e, "certificate") ? " — " : "", jstr(e, "certificate"));
	json_array_foreach(json_object_get(cerfa, "prior_validations"), i, e)
		printf("  Validation antérieure %zu : %s, %s, le %s\n", i + 1,
			jstr(e, "certification"), jstr(e, "units"), jstr(e, "date"));
	printf("Livret 2 : %s\n", json_is_true(json_object_get(v, "livret2")) ? "déposé" : "non déposé");
	if (json_is_object(m)) {
		const json_t *c;
		printf("Commission de validation du %s, présidée par %s (%s) : %s\n",
			jstr(m, "held_on"), jstr(m, "chair_name"), jstr(m, "chair_centre"),
			jstr(m, "conclusion_label"));
		printf("  Mise en situation : %s ; entretien : %s\n",
			json_is_true(json_object_get(m, "work_situation")) ? "oui" : "non",
			json_is_true(json_object_get(m, "interview")) ? "oui" : "non");
		int blocks = !strcmp(jstr(v, "unit_kind"), "block");
		printf("  %s :", blocks ? "Blocs validés" : "Compétences validées");
		if (!json_array_size(json_object_get(m, "validated")))
			printf(" %s", blocks ? "aucun" : "aucune");
		json_array_foreach(json_object_get(m, "validated"), i, c)
			printf(" %s", json_string_value(c));
		printf("\n");
		if (*jstr(m, "comment"))
			printf("  Commentaire : %s\n", jstr(m, "comment"));
	} else {
		printf("Commission de validation : pas encore réunie\n");
	}
}

int cmd_vae(struct cli *c, int argc, char **argv)
{
	const char *received = NULL, *cerfa_path = NULL, *decision = NULL, *date = NULL;
	const char *motive = NULL, *means = NULL;
	struct vae_commission_in m;
	int64_t rid;
	int ch, rc;

	if (argc < 2)
		return cli_usage(usage);
	memset(&m, 0, sizeof m);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_RECEIVED: received = optarg; break;
		case O_CERFA: cerfa_path = optarg; break;
		case O_DECISION: decision = optarg; break;
		case O_DATE: date = optarg; break;
		case O_MOTIVE: motive = optarg; break;
		case O_MEANS: means = optarg; break;
		case O_CHAIR: m.chair_name = optarg; break;
		case O_CHAIR_CENTRE: m.chair_centre = optarg; break;
		case O_CONCLUSION: m.conclusion = optarg; break;
		case O_VALIDATED: m.validated = optarg; break;
		case O_WORK: m.work_situation = 1; break;
		case O_INTERVIEW: m.interview = 1; break;
		case O_COMMENT: m.comment = optarg; break;
		case O_JSON: c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	/* every subcommand takes the registration number, then options */
	if (optind + 2 != argc)
		return cli_usage(usage);
	if ((rid = cli_id_arg(argv[optind + 1], "d'inscription")) < 0)
		return EXIT_REFUSED;
	if (!strcmp(argv[1], "file")) {
		json_t *cerfa;
		if (!received || !cerfa_path)
			return cli_usage(usage);
		if (!(cerfa = cerfa_load(cerfa_path)))
			return EXIT_REFUSED;
		if (cli_open(c, 1)) {
			json_decref(cerfa);
			return EXIT_REFUSED;
		}
		rc = svc_vae_file(&c->svc, rid, received, cerfa);
		json_decref(cerfa);
		if (rc)
			return cli_refused(c);
		printf("Dossier de recevabilité de l'inscription n° %lld enregistré (reçu le %s).\n",
			(long long)rid, received);
		return 0;
	}
	if (!strcmp(argv[1], "decide")) {
		if (!decision || !date)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_vae_decide(&c->svc, rid, decision, date, motive))
			return cli_refused(c);
		printf("Décision de recevabilité enregistrée pour l'inscription n° %lld ; "
			"enregistrez sa communication au candidat.\n", (long long)rid);
		return 0;
	}
	if (!strcmp(argv[1], "complete")) {
		if (!date)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_vae_complete(&c->svc, rid, date))
			return cli_refused(c);
		printf("Dossier de l'inscription n° %lld complété ; il attend une nouvelle décision.\n",
			(long long)rid);
		return 0;
	}
	if (!strcmp(argv[1], "communicate")) {
		if (!date || !means)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_vae_communicate(&c->svc, rid, date, means))
			return cli_refused(c);
		printf("Communication de la décision au candidat enregistrée (inscription n° %lld).\n",
			(long long)rid);
		return 0;
	}
	if (!strcmp(argv[1], "validate")) {
		if (!m.chair_name || !date || !m.conclusion)
			return cli_usage(usage);
		m.held_on = date;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_vae_validate(&c->svc, rid, &m))
			return cli_refused(c);
		printf("Commission de validation enregistrée pour l'inscription n° %lld.\n",
			(long long)rid);
		return 0;
	}
	if (!strcmp(argv[1], "show")) {
		json_t *doc;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_vae_get(&c->svc, rid, &doc))
			return cli_refused(c);
		cli_show(c, doc, show_text);
		return 0;
	}
	return cli_usage(usage);
}
