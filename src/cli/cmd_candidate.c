/*
** cqpm candidate register|show|list|acquired — candidates and their
** registrations (R-INS-1..3, R-CAT-7, R-LET-3).
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage : cqpm candidate register --centre CODE --certification CODE --route VOIE\n"
	"            --registrant company|training_body|candidate --origin SL|DE --funding CODE\n"
	"            --birth-name NOM --first-names PRÉNOMS --sex M|F --birth-date AAAA-MM-JJ\n"
	"            --birth-town COMMUNE [--birth-insee CODE --birth-department DÉP]\n"
	"            [--birth-country PAYS] [--usage-name NOM] [--email E] [--phone T]\n"
	"            [--address A] [--postal-code CP] [--city COMMUNE]\n"
	"            [--blocks CODES] [--vae-kind standard|branch|branch_collective]\n"
	"            [--body SIRET] [--company-name NOM --company-siret SIRET --company-naf NAF\n"
	"             --sector M|HM [--sector-branch BRANCHE] [--company-address A]]\n"
	"            [--tutor NOM] [--without-agreement] [--accommodations TEXTE] [--date AAAA-MM-JJ]\n"
	"        cqpm candidate show ID\n"
	"        cqpm candidate list [--q NOMS] [--status S] [--certification CODE] [--body SIRET]\n"
	"            [--company SIRET] [--jury AAAA-MM-JJ] [--centre CODE] [--page P] [--per-page N]\n"
	"        cqpm candidate acquired ID --certification CODE --unit BLOC --jury-date AAAA-MM-JJ\n"
	"        cqpm candidate synthesis ID --output FICHIER.pdf [--anonymous CODE]\n"
	"  VOIE : student, apprenticeship, continuing, professionalisation, individual, vae.\n"
	"  Financement : CPF, CPFCA, CVAE, CP, CPE, CPFTP, PDC, POEC, POEI, PA.\n";

enum {
	O_CENTRE = 256, O_CERT, O_ROUTE, O_REGISTRANT, O_ORIGIN, O_FUNDING, O_BIRTH_NAME,
	O_FIRST_NAMES, O_SEX, O_BIRTH_DATE, O_BIRTH_TOWN, O_BIRTH_INSEE, O_BIRTH_DEP,
	O_BIRTH_COUNTRY, O_USAGE_NAME, O_EMAIL, O_PHONE, O_ADDRESS, O_POSTAL, O_CITY,
	O_BLOCKS, O_VAE_KIND, O_BODY, O_CO_NAME, O_CO_SIRET, O_CO_NAF, O_SECTOR,
	O_SECTOR_BRANCH, O_CO_ADDRESS, O_TUTOR, O_WITHOUT, O_ACCOM, O_DATE, O_Q, O_STATUS,
	O_COMPANY, O_JURY, O_PAGE, O_PER_PAGE, O_UNIT, O_JURY_DATE, O_JSON
};

static const struct option opts[] = {
	{ "centre", required_argument, NULL, O_CENTRE },
	{ "certification", required_argument, NULL, O_CERT },
	{ "route", required_argument, NULL, O_ROUTE },
	{ "registrant", required_argument, NULL, O_REGISTRANT },
	{ "origin", required_argument, NULL, O_ORIGIN },
	{ "funding", required_argument, NULL, O_FUNDING },
	{ "birth-name", required_argument, NULL, O_BIRTH_NAME },
	{ "first-names", required_argument, NULL, O_FIRST_NAMES },
	{ "sex", required_argument, NULL, O_SEX },
	{ "birth-date", required_argument, NULL, O_BIRTH_DATE },
	{ "birth-town", required_argument, NULL, O_BIRTH_TOWN },
	{ "birth-insee", required_argument, NULL, O_BIRTH_INSEE },
	{ "birth-department", required_argument, NULL, O_BIRTH_DEP },
	{ "birth-country", required_argument, NULL, O_BIRTH_COUNTRY },
	{ "usage-name", required_argument, NULL, O_USAGE_NAME },
	{ "email", required_argument, NULL, O_EMAIL },
	{ "phone", required_argument, NULL, O_PHONE },
	{ "address", required_argument, NULL, O_ADDRESS },
	{ "postal-code", required_argument, NULL, O_POSTAL },
	{ "city", required_argument, NULL, O_CITY },
	{ "blocks", required_argument, NULL, O_BLOCKS },
	{ "vae-kind", required_argument, NULL, O_VAE_KIND },
	{ "body", required_argument, NULL, O_BODY },
	{ "company-name", required_argument, NULL, O_CO_NAME },
	{ "company-siret", required_argument, NULL, O_CO_SIRET },
	{ "company-naf", required_argument, NULL, O_CO_NAF },
	{ "sector", required_argument, NULL, O_SECTOR },
	{ "sector-branch", required_argument, NULL, O_SECTOR_BRANCH },
	{ "company-address", required_argument, NULL, O_CO_ADDRESS },
	{ "tutor", required_argument, NULL, O_TUTOR },
	{ "without-agreement", no_argument, NULL, O_WITHOUT },
	{ "accommodations", required_argument, NULL, O_ACCOM },
	{ "date", required_argument, NULL, O_DATE },
	{ "q", required_argument, NULL, O_Q },
	{ "status", required_argument, NULL, O_STATUS },
	{ "company", required_argument, NULL, O_COMPANY },
	{ "jury", required_argument, NULL, O_JURY },
	{ "page", required_argument, NULL, O_PAGE },
	{ "per-page", required_argument, NULL, O_PER_PAGE },
	{ "unit", required_argument, NULL, O_UNIT },
	{ "jury-date", required_argument, NULL, O_JURY_DATE },
	{ "json", no_argument, NULL, O_JSON },
	{ NULL, 0, NULL, 0 } };

/* A positive number option, or -1. */
static int count_arg(const char *name, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || n < 1 || n > 1000000) {
		fprintf(stderr, "cqpm : refusé : --%s : nombre entier positif attendu.\n", name);
		return -1;
	}
	return (int)n;
}

static int list_row(void *arg, const struct reg_row *r)
{
	json_t *arr = arg;
	if (arr) {
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			"candidate", (json_int_t)r->candidate_id, "registration", (json_int_t)r->id,
			"birth_name", r->birth_name, "usage_name", r->usage_name,
			"first_names", r->first_names, "birth_date", r->birth_date,
			"centre", r->centre_code, "certification", r->cert_code,
			"blocks", r->blocks, "route", r->route, "registered_on", r->registered_on,
			"status", r->status));
	} else {
		printf("%6lld  %-30.30s %-12s %-10s %s\n", (long long)r->candidate_id,
			r->birth_name, r->cert_code, r->registered_on,
			registration_status_label(r->status));
	}
	return 0;
}

/* Text form of the candidate's file. */
static void show_text(const json_t *doc)
{
	const json_t *id = json_object_get(doc, "identity");
	const json_t *reg = json_object_get(doc, "registration");
	const json_t *v;
	size_t i;

	printf("Candidat n° %lld — %s%s%s%s %s (%s), né%s le %s à %s\n",
		(long long)json_integer_value(json_object_get(doc, "id")),
		jstr(id, "birth_name"), *jstr(id, "usage_name") ? " (" : "",
		*jstr(id, "usage_name") ? jstr(id, "usage_name") : "",
		*jstr(id, "usage_name") ? ")" : "",
		jstr(id, "first_names"), jstr(id, "sex"),
		!strcmp(jstr(id, "sex"), "F") ? "e" : "", jstr(id, "birth_date"), jstr(id, "birth_town"));
	printf("Centre : %s\n", jstr(doc, "centre"));
	if (json_is_object(reg)) {
		const json_t *cert = json_object_get(reg, "certification");
		printf("Inscription n° %lld du %s : %s %s — %s\n",
			(long long)json_integer_value(json_object_get(reg, "id")),
			jstr(reg, "registered_on"), jstr(cert, "code"), jstr(cert, "title"),
			jstr(reg, "registration_status_label"));
		printf("  Voie : %s ; inscrit par : %s ; origine %s ; financement %s\n",
			jstr(reg, "route_label"), jstr(reg, "registrant_label"), jstr(reg, "origin"),
			jstr(reg, "funding"));
		json_array_foreach(json_object_get(reg, "blocks"), i, v)
			printf("  Bloc %s — %s : %s%s%s\n", jstr(v, "code"), jstr(v, "title"),
				jstr(v, "state_label"), json_object_get(v, "kept_from_jury") ? ", acquis au jury du " : "",
				json_object_get(v, "kept_from_jury") ? jstr(v, "kept_from_jury") : "");
		json_array_foreach(json_object_get(reg, "competences"), i, v)
			printf("    %-4s %-14s %s\n", jstr(v, "code"), jstr(v, "result_label"), jstr(v, "title"));
	}
	printf("Statut : %s\n", jstr(doc, "status_label"));
	json_array_foreach(json_object_get(doc, "acquired_blocks"), i, v) {
		if (!strcmp(jstr(v, "source"), "jury"))
			printf("Acquis : %s %s au jury du %s, conservé %s%s\n", jstr(v, "certification"),
				jstr(v, "code"), jstr(v, "jury_date"),
				json_is_null(json_object_get(v, "kept_until")) ? "sans limite" : "jusqu'au ",
				json_is_null(json_object_get(v, "kept_until")) ? "" : jstr(v, "kept_until"));
	}
}

int cmd_candidate(struct cli *c, int argc, char **argv)
{
	struct candidate_in k;
	struct registration_in r;
	struct candidate_query q;
	const char *unit = NULL, *jury_date = NULL;
	int ch;

	if (argc < 2)
		return cli_usage(usage);
	if (!strcmp(argv[1], "synthesis"))   /* cmd_synthesis.c */
		return cmd_synthesis(c, argc - 1, argv + 1);
	memset(&k, 0, sizeof k);
	memset(&r, 0, sizeof r);
	memset(&q, 0, sizeof q);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_CENTRE: r.centre = q.centre = optarg; break;
		case O_CERT: r.certification = q.certification = optarg; break;
		case O_ROUTE: r.route = optarg; break;
		case O_REGISTRANT: r.registrant = optarg; break;
		case O_ORIGIN: r.origin = optarg; break;
		case O_FUNDING: r.funding = optarg; break;
		case O_BIRTH_NAME: k.birth_name = optarg; break;
		case O_FIRST_NAMES: k.first_names = optarg; break;
		case O_SEX: k.sex = optarg; break;
		case O_BIRTH_DATE: k.birth_date = optarg; break;
		case O_BIRTH_TOWN: k.birth_town = optarg; break;
		case O_BIRTH_INSEE: k.birth_insee = optarg; break;
		case O_BIRTH_DEP: k.birth_department = optarg; break;
		case O_BIRTH_COUNTRY: k.birth_country = optarg; break;
		case O_USAGE_NAME: k.usage_name = optarg; break;
		case O_EMAIL: k.email = optarg; break;
		case O_PHONE: k.phone = optarg; break;
		case O_ADDRESS: k.address = optarg; break;
		case O_POSTAL: k.postal_code = optarg; break;
		case O_CITY: k.city = optarg; break;
		case O_BLOCKS: r.blocks = optarg; break;
		case O_VAE_KIND: r.vae_kind = optarg; break;
		case O_BODY: r.body_siret = q.body_siret = optarg; break;
		case O_CO_NAME: r.company_name = optarg; break;
		case O_CO_SIRET: r.company_siret = optarg; break;
		case O_CO_NAF: r.company_naf = optarg; break;
		case O_SECTOR: r.sector = optarg; break;
		case O_SECTOR_BRANCH: r.sector_branch = optarg; break;
		case O_CO_ADDRESS: r.company_address = optarg; break;
		case O_TUTOR: r.tutor = optarg; break;
		case O_WITHOUT: r.without_agreement = 1; break;
		case O_ACCOM: r.accommodations = optarg; break;
		case O_DATE: r.date = optarg; break;
		case O_Q: q.q = optarg; break;
		case O_STATUS: q.status = optarg; break;
		case O_COMPANY: q.company_siret = optarg; break;
		case O_JURY: q.next_jury = optarg; break;
		case O_PAGE: if ((q.page = count_arg("page", optarg)) < 0) return EXIT_REFUSED; break;
		case O_PER_PAGE: if ((q.per_page = count_arg("per-page", optarg)) < 0) return EXIT_REFUSED; break;
		case O_UNIT: unit = optarg; break;
		case O_JURY_DATE: jury_date = optarg; break;
		case O_JSON: c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	if (!strcmp(argv[1], "register")) {
		int64_t kid, rid;
		if (optind + 1 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_candidate_register(&c->svc, &k, &r, &kid, &rid))
			return cli_refused(c);
		if (c->json)
			cli_print_json(json_pack("{s:I, s:I}", "candidate", (json_int_t)kid,
				"registration", (json_int_t)rid));
		else
			printf("Candidat n° %lld inscrit (inscription n° %lld).\n", (long long)kid,
				(long long)rid);
		return 0;
	}
	if (!strcmp(argv[1], "show")) {
		json_t *doc;
		int64_t id;
		if (optind + 2 != argc)
			return cli_usage(usage);
		if ((id = cli_id_arg(argv[optind + 1], "de candidat")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_candidate_doc(&c->svc, id, &doc))
			return cli_refused(c);
		cli_show(c, doc, show_text);
		return 0;
	}
	if (!strcmp(argv[1], "list")) {
		json_t *arr = NULL;
		int64_t total = 0;
		if (optind + 1 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (c->json)
			arr = json_array();
		if (svc_candidate_list(&c->svc, &q, list_row, arr, &total)) {
			json_decref(arr);
			return cli_refused(c);
		}
		if (c->json)
			cli_print_json(json_pack("{s:I, s:o}", "total", (json_int_t)total, "candidates", arr));
		else
			printf("%lld inscription%s.\n", (long long)total, total > 1 ? "s" : "");
		return 0;
	}
	if (!strcmp(argv[1], "acquired")) {
		int64_t id;
		if (optind + 2 != argc || !unit || !jury_date || !r.certification)
			return cli_usage(usage);
		if ((id = cli_id_arg(argv[optind + 1], "de candidat")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_acquired_record(&c->svc, id, r.certification, unit, jury_date))
			return cli_refused(c);
		printf("Acquis enregistré.\n");
		return 0;
	}
	return cli_usage(usage);
}
