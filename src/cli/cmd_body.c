/*
** cqpm org add|list|show|habilitate — training bodies and their
** habilitation by a certification centre (R-HAB-1, R-HAB-2).
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage : cqpm org add --siret SIRET --name NOM [--address ADRESSE] [--contact NOM]\n"
	"                     [--email COURRIEL] [--phone TÉLÉPHONE]\n"
	"        cqpm org list [--status pending|granted|refused|withdrawn]\n"
	"        cqpm org show SIRET\n"
	"        cqpm org link SIRET LOGIN   (rattache le compte d'un organisme, R-HAB-2)\n"
	"        cqpm org habilitate SIRET --centre CODE --date AAAA-MM-JJ\n"
	"                     [--findings 12×(m|n|-)] [--site-visit]\n"
	"                     [--decision granted|refused|withdrawn] [--motive MOTIF]\n"
	"  --findings : un caractère par indicateur, dans l'ordre des 6 critères × 2\n"
	"  indicateurs : m satisfait, n non satisfait, - non évalué.\n";

static json_t *hab_json(const struct body_hab *h)
{
	json_t *crit = json_array();
	for (int c = 0; c < HAB_CRITERIA; c++) {
		const struct hab_criterion *hc = hab_criterion(c);
		json_t *ind = json_array();
		for (int i = 0; i < HAB_INDICATORS; i++)
			json_array_append_new(ind, json_pack("{s:s, s:s}", "text", hc->indicators[i],
				"finding", hab_finding_code(h->a.findings[c][i])));
		json_array_append_new(crit, json_pack("{s:s, s:o}", "criterion", hc->title,
			"indicators", ind));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o}",
		"siret", h->siret, "body", h->body_name, "centre", h->centre_code,
		"status", hab_status_code(h->h.status), "granted_on", h->h.granted_on,
		"refused_on", h->h.refused_on, "withdrawn_on", h->h.withdrawn_on,
		"assessed_on", h->a.date, "site_visit", h->a.site_visit, "findings", crit);
}

static int hab_print(void *arg, const struct body_hab *h)
{
	json_t *arr = arg;
	if (arr) {
		json_t *o = hab_json(h);
		json_object_set_new(o, "motive", json_string(h->h.motive));
		json_array_append_new(arr, o);
	} else {
		printf("%-14s %-12s %-28s %s\n", h->siret, h->centre_code,
			hab_status_label(h->h.status), h->body_name);
	}
	return 0;
}

static int body_print(void *arg, const struct body *b)
{
	json_t *arr = arg;
	if (arr)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			"siret", b->siret, "name", b->name, "address", b->address,
			"contact", b->contact, "email", b->email, "phone", b->phone));
	else
		printf("%-14s %s\n", b->siret, b->name);
	return 0;
}

static int parse_findings(const char *f, struct hab_assessment *a)
{
	if (strlen(f) != HAB_CRITERIA * HAB_INDICATORS)
		return -1;
	for (int k = 0; k < HAB_CRITERIA * HAB_INDICATORS; k++) {
		enum hab_finding v;
		if (f[k] == 'm') v = HAB_MET;
		else if (f[k] == 'n') v = HAB_NOT_MET;
		else if (f[k] == '-') v = HAB_NOT_ASSESSED;
		else return -1;
		a->findings[k / HAB_INDICATORS][k % HAB_INDICATORS] = v;
	}
	return 0;
}

int cmd_org(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "siret", required_argument, NULL, 's' },
		{ "name", required_argument, NULL, 'n' },
		{ "address", required_argument, NULL, 'a' },
		{ "contact", required_argument, NULL, 'c' },
		{ "email", required_argument, NULL, 'e' },
		{ "phone", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 'S' },
		{ "centre", required_argument, NULL, 'C' },
		{ "date", required_argument, NULL, 'd' },
		{ "findings", required_argument, NULL, 'f' },
		{ "site-visit", no_argument, NULL, 'v' },
		{ "decision", required_argument, NULL, 'D' },
		{ "motive", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 } };
	const char *status = "", *centre = NULL, *date = NULL, *findings = NULL;
	const char *decision = NULL, *motive = "";
	struct body b;
	struct hab_assessment a;
	int ch, visit = 0;
	int64_t id;

	if (argc < 2)
		return cli_usage(usage);
	memset(&b, 0, sizeof b);
	memset(&a, 0, sizeof a);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		char *dst = NULL;
		size_t n = 0;
		switch (ch) {
		case 's': dst = b.siret; n = sizeof b.siret; break;
		case 'n': dst = b.name; n = sizeof b.name; break;
		case 'a': dst = b.address; n = sizeof b.address; break;
		case 'c': dst = b.contact; n = sizeof b.contact; break;
		case 'e': dst = b.email; n = sizeof b.email; break;
		case 'p': dst = b.phone; n = sizeof b.phone; break;
		case 'S': status = optarg; break;
		case 'C': centre = optarg; break;
		case 'd': date = optarg; break;
		case 'f': findings = optarg; break;
		case 'v': visit = 1; break;
		case 'D': decision = optarg; break;
		case 'm': motive = optarg; break;
		case 'j': c->json = 1; break;
		default: return cli_bad_option(argv + 1, usage);
		}
		if (dst) {
			if (strlen(optarg) >= n) {
				fprintf(stderr, "cqpm : refusé : --%s : texte trop long.\n",
					opts[ch == 's' ? 0 : ch == 'n' ? 1 : ch == 'a' ? 2 : ch == 'c' ? 3 :
					ch == 'e' ? 4 : 5].name);
				return EXIT_REFUSED;
			}
			snprintf(dst, n, "%s", optarg);
		}
	}
	if (!strcmp(argv[1], "add")) {
		if (optind + 1 != argc || !b.siret[0] || !b.name[0])
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_body_add(&c->svc, &b, &id))
			return cli_refused(c);
		printf("Organisme %s enregistré.\n", b.name);
		return 0;
	}
	if (!strcmp(argv[1], "list")) {
		json_t *bodies = NULL, *habs = NULL;
		if (optind + 1 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (c->json) {
			bodies = json_array();
			habs = json_array();
		}
		if (!*status && svc_body_list(&c->svc, body_print, bodies))
			goto refused_list;
		if (!c->json && !*status)
			printf("\nHabilitations :\n");
		if (svc_hab_list(&c->svc, "", status, hab_print, habs))
			goto refused_list;
		if (c->json)
			cli_print_json(json_pack("{s:o, s:o}", "bodies", bodies, "habilitations", habs));
		return 0;
refused_list:
		json_decref(bodies);
		json_decref(habs);
		return cli_refused(c);
	}
	if (!strcmp(argv[1], "show")) {
		json_t *habs;
		if (optind + 2 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_body_get(&c->svc, argv[optind + 1], &b))
			return cli_refused(c);
		habs = json_array();
		if (svc_hab_list(&c->svc, b.siret, "", hab_print, habs)) {
			json_decref(habs);
			return cli_refused(c);
		}
		if (c->json) {
			cli_print_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "siret", b.siret,
				"name", b.name, "address", b.address, "contact", b.contact,
				"email", b.email, "phone", b.phone, "habilitations", habs));
		} else {
			size_t i;
			json_t *h;
			printf("%s — SIRET %s\n", b.name, b.siret);
			if (b.address[0])
				printf("  Adresse : %s\n", b.address);
			if (b.contact[0] || b.email[0] || b.phone[0])
				printf("  Contact : %s %s %s\n", b.contact, b.email, b.phone);
			json_array_foreach(habs, i, h) {
				const char *st = jstr(h, "status");
				const char *on = !strcmp(st, "granted") ? jstr(h, "granted_on") :
					!strcmp(st, "refused") ? jstr(h, "refused_on") :
					!strcmp(st, "withdrawn") ? jstr(h, "withdrawn_on") : jstr(h, "assessed_on");
				printf("  Habilitation par %s : %s%s%s\n", jstr(h, "centre"),
					hab_status_label((enum hab_status)hab_status_from_code(st)),
					*on ? (!strcmp(st, "pending") ? ", instruite le " : " le ") : "", on);
				if (*jstr(h, "motive"))
					printf("    Motif : %s\n", jstr(h, "motive"));
			}
			json_decref(habs);
		}
		return 0;
	}
	if (!strcmp(argv[1], "link")) {
		/* ties a training body's account to its body (R-HAB-2) */
		if (optind + 3 != argc)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_account_link_body(&c->svc, argv[optind + 2], argv[optind + 1]))
			return cli_refused(c);
		printf("Compte %s rattaché à l'organisme.\n", argv[optind + 2]);
		return 0;
	}
	if (!strcmp(argv[1], "habilitate")) {
		if (optind + 2 != argc || !centre || !date || (!findings && !decision))
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (findings) {
			if (parse_findings(findings, &a)) {
				fprintf(stderr, "cqpm : refusé : --findings : 12 caractères m, n ou - attendus.\n");
				return EXIT_REFUSED;
			}
			snprintf(a.date, sizeof a.date, "%s", date);
			a.site_visit = visit;
			if (svc_hab_instruct(&c->svc, argv[optind + 1], centre, &a))
				return cli_refused(c);
			printf("Instruction enregistrée.\n");
		}
		if (decision) {
			if (svc_hab_decide(&c->svc, argv[optind + 1], centre, decision, date, motive))
				return cli_refused(c);
			printf("Décision enregistrée.\n");
		}
		return 0;
	}
	return cli_usage(usage);
}
