/*
** cqpm jury list|plan|move|member|request|notify|convoke|candidates|
** candidate|sit|conformity|decide|sign|correct|documents|show — the jury
** paritaire de délibération of a centre, from the calendar to the signed
** minutes and their documents (R-JUR-1..12, R-LET-1..3).
*/
#include "cli/cli.h"
#include "core/catalogue.h"
#include "core/jury.h"
#include "service/svc_jury.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage : cqpm jury list [--centre CODE] [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--json]\n"
	"        cqpm jury plan --date AAAA-MM-JJ --place LIEU --cert CODE [--cert CODE…]\n"
	"            [--centre CODE]\n"
	"        cqpm jury move JURY [--date AAAA-MM-JJ] [--place LIEU]\n"
	"        cqpm jury member add JURY --name \"Prénom NOM\" --role ROLE [--branch BRANCHE]\n"
	"            [--union SYNDICAT] [--branch-employee] [--votes] [--president]\n"
	"            [--email ADRESSE] [--organisation TEXTE] [--quality TEXTE] [--login COMPTE]\n"
	"        cqpm jury member remove JURY MEMBRE\n"
	"        cqpm jury request JURY [--union SYNDICAT] [--date AAAA-MM-JJ]\n"
	"        cqpm jury notify JURY [--date AAAA-MM-JJ]\n"
	"        cqpm jury convoke JURY [--member MEMBRE] [--date AAAA-MM-JJ]\n"
	"        cqpm jury candidates JURY [--json]\n"
	"        cqpm jury candidate add|remove JURY INSCRIPTION\n"
	"        cqpm jury sit JURY --present MEMBRE,MEMBRE,… [--conformity]\n"
	"        cqpm jury conformity JURY\n"
	"        cqpm jury decide JURY CANDIDAT --verdict A|NA --for N --against N\n"
	"            [--abstain N] --president-ballot for|against|abstain [--comment TEXTE]\n"
	"        cqpm jury sign JURY\n"
	"        cqpm jury correct JURY CANDIDAT --verdict A|NA --for N --against N\n"
	"            [--abstain N] --president-ballot for|against|abstain --motive TEXTE\n"
	"        cqpm jury documents JURY --output FICHIER.zip\n"
	"        cqpm jury documents JURY --doc DOCUMENT [--arg X] --output FICHIER.pdf\n"
	"        cqpm jury show JURY [--json]\n"
	"  JURY : numéro du jury ; MEMBRE : numéro d'un membre ; CANDIDAT : code anonyme\n"
	"  (« C-007 ») ou numéro d'inscription.\n"
	"  ROLE : employer (délégation patronale), union (organisation syndicale), tutor,\n"
	"  training_body, evaluator (invités sans voix délibérative).\n"
	"  BRANCHE : metallurgy (par défaut) ou temporary_work.\n"
	"  DOCUMENT : request (--arg SYNDICAT), cprefp, convocation (--arg MEMBRE),\n"
	"  attendance, minutes, gtp_letter, letter (--arg CANDIDAT),\n"
	"  certificates (--arg CANDIDAT), syntheses.\n";

enum {
	O_CENTRE = 256, O_FROM, O_TO, O_JSON, O_DATE, O_PLACE, O_CERT, O_NAME, O_ROLE,
	O_BRANCH, O_UNION, O_BRANCH_EMPLOYEE, O_VOTES, O_PRESIDENT, O_EMAIL, O_ORG,
	O_QUALITY, O_LOGIN, O_MEMBER, O_PRESENT, O_CONFORMITY, O_VERDICT, O_FOR,
	O_AGAINST, O_ABSTAIN, O_PBALLOT, O_COMMENT, O_MOTIVE, O_OUTPUT, O_DOC, O_ARG
};

static const struct option opts[] = {
	{ "centre", required_argument, NULL, O_CENTRE },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "json", no_argument, NULL, O_JSON },
	{ "date", required_argument, NULL, O_DATE },
	{ "place", required_argument, NULL, O_PLACE },
	{ "cert", required_argument, NULL, O_CERT },
	{ "name", required_argument, NULL, O_NAME },
	{ "role", required_argument, NULL, O_ROLE },
	{ "branch", required_argument, NULL, O_BRANCH },
	{ "union", required_argument, NULL, O_UNION },
	{ "branch-employee", no_argument, NULL, O_BRANCH_EMPLOYEE },
	{ "votes", no_argument, NULL, O_VOTES },
	{ "president", no_argument, NULL, O_PRESIDENT },
	{ "email", required_argument, NULL, O_EMAIL },
	{ "organisation", required_argument, NULL, O_ORG },
	{ "quality", required_argument, NULL, O_QUALITY },
	{ "login", required_argument, NULL, O_LOGIN },
	{ "member", required_argument, NULL, O_MEMBER },
	{ "present", required_argument, NULL, O_PRESENT },
	{ "conformity", no_argument, NULL, O_CONFORMITY },
	{ "verdict", required_argument, NULL, O_VERDICT },
	{ "for", required_argument, NULL, O_FOR },
	{ "against", required_argument, NULL, O_AGAINST },
	{ "abstain", required_argument, NULL, O_ABSTAIN },
	{ "president-ballot", required_argument, NULL, O_PBALLOT },
	{ "comment", required_argument, NULL, O_COMMENT },
	{ "motive", required_argument, NULL, O_MOTIVE },
	{ "output", required_argument, NULL, O_OUTPUT },
	{ "doc", required_argument, NULL, O_DOC },
	{ "arg", required_argument, NULL, O_ARG },
	{ NULL, 0, NULL, 0 } };

#define MAX_CERTS 32
#define MAX_PRESENT 64

struct args {
	const char *centre, *from, *to, *date, *place, *output, *doc, *arg, *motive;
	const char *certs[MAX_CERTS];
	size_t ncerts;
	struct jury_member_in m;
	const char *member, *present;
	int conformity;
	struct decision_in d;
	const char *vfor, *vagainst, *vabstain;
};

/* A vote count as typed: 0..JURY_MAX_MEMBERS, or -1 after saying why. */
static int count_arg(const char *v, const char *opt)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > JURY_MAX_MEMBERS) {
		fprintf(stderr, "cqpm : refusé : %s attend un nombre de voix entre 0 et %d.\n",
			opt, JURY_MAX_MEMBERS);
		return -1;
	}
	return (int)n;
}

/* The votes of a decision or a correction; -1 after saying why. */
static int votes_args(struct args *a)
{
	if (!a->d.verdict || !a->vfor || !a->vagainst || !a->d.president_ballot)
		return cli_usage(usage), -1;
	if ((a->d.votes_for = count_arg(a->vfor, "--for")) < 0 ||
	    (a->d.votes_against = count_arg(a->vagainst, "--against")) < 0 ||
	    (a->d.abstentions = a->vabstain ? count_arg(a->vabstain, "--abstain") : 0) < 0)
		return -1;
	return 0;
}

/* "3,4,5" into ids; the count, or -1 after saying why. */
static long present_ids(const char *list, int64_t *ids, size_t max)
{
	char buf[1024], *tok, *save = NULL;
	size_t n = 0;

	if (strlen(list) >= sizeof buf) {
		fprintf(stderr, "cqpm : refusé : --present est trop long.\n");
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", list);
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		int64_t id;
		if (n == max) {
			fprintf(stderr, "cqpm : refusé : plus de %zu membres présents.\n", max);
			return -1;
		}
		if ((id = cli_id_arg(tok, "de membre")) < 0)
			return -1;
		ids[n++] = id;
	}
	return (long)n;
}

static void list_text(const json_t *doc)
{
	const json_t *j, *c;
	size_t i, k;

	if (!json_array_size(doc)) {
		printf("Aucun jury au calendrier.\n");
		return;
	}
	json_array_foreach(doc, i, j) {
		printf("Jury n° %lld — %s, %s (%s) — %s — %lld candidat(s), %lld membre(s) —",
			(long long)json_integer_value(json_object_get(j, "id")), jstr(j, "date"),
			jstr(j, "place"), jstr(json_object_get(j, "centre"), "code"),
			jstr(j, "state_label"),
			(long long)json_integer_value(json_object_get(j, "candidates")),
			(long long)json_integer_value(json_object_get(j, "members")));
		json_array_foreach(json_object_get(j, "certifications"), k, c)
			printf(" %s", json_string_value(c));
		printf("\n");
	}
}

static void eligible_text(const json_t *doc)
{
	const json_t *r;
	size_t i;

	if (!json_array_size(doc)) {
		printf("Aucune inscription du centre pour les certifications de ce jury.\n");
		return;
	}
	json_array_foreach(doc, i, r) {
		int examined = json_is_true(json_object_get(r, "examined"));
		printf("Inscription n° %lld — %s — %s — %s%s%s\n",
			(long long)json_integer_value(json_object_get(r, "registration_id")),
			jstr(r, "name"), jstr(r, "certification"),
			examined ? "examinée par ce jury" :
			json_is_true(json_object_get(r, "eligible")) ? "peut être présentée" :
			"ne peut pas être présentée",
			!examined && *jstr(r, "reason") ? " : " : "",
			!examined ? jstr(r, "reason") : "");
	}
}

static void show_text(const json_t *doc)
{
	const json_t *m, *k, *u, *c, *cert, *p = json_object_get(doc, "parity");
	const json_t *g = json_object_get(doc, "gtp"), *centre = json_object_get(doc, "centre");
	size_t i, j;

	printf("Jury paritaire de délibération n° %lld — %s (%s)\n",
		(long long)json_integer_value(json_object_get(doc, "id")), jstr(centre, "name"),
		jstr(centre, "code"));
	printf("Le %s à %s — %s\n", jstr(doc, "date"), jstr(doc, "place"),
		jstr(doc, "state_label"));
	json_array_foreach(json_object_get(doc, "certifications"), i, c)
		printf("  Certification %s — %s\n", jstr(c, "code"), jstr(c, "title"));
	printf("Dernier jour des demandes de désignation et des convocations : %s\n",
		jstr(doc, "notice_deadline"));
	if (json_is_true(json_object_get(json_object_get(doc, "cprefp"), "due")))
		printf("  Information de la CPREFP à faire (composition ou calendrier changé).\n");
	json_array_foreach(json_object_get(doc, "unions"), i, u)
		printf("  %s : %s\n", jstr(u, "code"), *jstr(u, "requested_on") ?
			json_is_true(json_object_get(u, "on_time")) ? "désignation demandée à temps" :
			"désignation demandée trop tard" : "désignation non demandée");
	printf("Membres :\n");
	json_array_foreach(json_object_get(doc, "members"), i, m)
		printf("  n° %lld %s — %s%s%s — %s%s%s%s\n",
			(long long)json_integer_value(json_object_get(m, "id")), jstr(m, "name"),
			jstr(m, "role_label"), json_is_string(json_object_get(m, "union")) ? " " : "",
			json_is_string(json_object_get(m, "union")) ? jstr(m, "union") : "",
			json_is_true(json_object_get(m, "votes")) ? "voix délibérative" :
			"sans voix délibérative",
			json_is_true(json_object_get(m, "president")) ? ", président" : "",
			json_is_true(json_object_get(m, "convened")) ? ", convoqué" : "",
			json_is_true(json_object_get(m, "present")) ? ", présent" : "");
	if (json_is_object(p))
		printf("Parité des voix présentes : %lld employeur(s), %lld salarié(s)%s%s\n",
			(long long)json_integer_value(json_object_get(p, "employer")),
			(long long)json_integer_value(json_object_get(p, "employee")),
			*jstr(p, "message") ? " — " : "", jstr(p, "message"));
	printf("Candidats :\n");
	json_array_foreach(json_object_get(doc, "candidates"), i, k) {
		const json_t *id = json_object_get(k, "identity");
		const json_t *dec = json_object_get(k, "decision");
		printf("  %s%s%s — %s — %s%s\n", *jstr(k, "code") ? jstr(k, "code") : "(sans code)",
			json_is_object(id) ? " " : "", json_is_object(id) ? jstr(id, "name") : "",
			jstr(json_object_get(k, "certification"), "code"), jstr(k, "status_label"),
			json_is_string(dec) ? "" : " — pas encore décidé");
		if (json_is_string(dec))
			printf("    Décision : %s (%s), pour %lld, contre %lld, abstentions %lld%s\n",
				json_string_value(dec), jstr(k, "decision_state"),
				(long long)json_integer_value(json_object_get(json_object_get(k, "votes"), "for")),
				(long long)json_integer_value(json_object_get(json_object_get(k, "votes"), "against")),
				(long long)json_integer_value(json_object_get(json_object_get(k, "votes"), "abstentions")),
				json_is_true(json_object_get(k, "casting")) ? ", voix prépondérante du président" : "");
		json_array_foreach(json_object_get(k, "certificates"), j, cert)
			printf("    Certificat %s — %s (%s)\n", jstr(cert, "display"),
				jstr(cert, "kind_label"), jstr(cert, "state"));
	}
	if (json_is_object(g) && *jstr(g, "due"))
		printf("Dossier au GTP : à transmettre au plus tard le %s — %s\n", jstr(g, "due"),
			jstr(g, "status_label"));
}

/* The CLI's progress bar, on stderr when it is a terminal, else a line
** every tenth. */
static void progress(void *arg, uint64_t done, uint64_t total)
{
	int *last = arg, pct = total ? (int)(done * 100 / total) : 100;

	if (isatty(2)) {
		int bar = pct / 5;
		fprintf(stderr, "\r[%-20.*s] %3d %% (%llu/%llu)", bar, "####################", pct,
			(unsigned long long)done, (unsigned long long)total);
		if (done == total)
			fputc('\n', stderr);
	} else if (pct / 10 != *last / 10 || done == total) {
		fprintf(stderr, "%d %% (%llu/%llu)\n", pct, (unsigned long long)done,
			(unsigned long long)total);
	}
	*last = pct;
}

static int documents(struct cli *c, int64_t jid, const struct args *a)
{
	struct cli_out o = { NULL, 0 };
	int rc, pages = 0, files = 0, last = -1, kind = -1, to_stdout;

	if (!a->output || !*a->output)
		return cli_usage(usage);
	if (a->doc && (kind = jury_doc_from_code(a->doc)) < 0) {
		fprintf(stderr, "cqpm : refusé : --doc : document « %s » inconnu.\n", a->doc);
		return EXIT_REFUSED;
	}
	if (cli_open(c, 1))
		return EXIT_REFUSED;
	to_stdout = !strcmp(a->output, "-");
	o.f = to_stdout ? stdout : fopen(a->output, "wb");
	if (!o.f) {
		fprintf(stderr, "cqpm : impossible d'écrire « %s » : %s\n", a->output, strerror(errno));
		return EXIT_REFUSED;
	}
	if (kind >= 0)
		rc = svc_jury_pdf(&c->svc, jid, (enum jury_doc)kind, a->arg, cli_write_file, &o, &pages);
	else
		rc = svc_jury_zip(&c->svc, jid, cli_write_file, &o, progress, &last, &files, &pages);
	pdf_cleanup();
	if (!to_stdout && fclose(o.f) && !rc) {
		o.err = errno;
		rc = -1;
	}
	if (rc) {
		if (!to_stdout)
			unlink(a->output);   /* no half-written document */
		if (o.err)
			fprintf(stderr, "cqpm : écriture de « %s » impossible : %s\n", a->output,
				strerror(o.err));
		return c->svc.res.rc != SVC_OK ? cli_refused(c) : EXIT_REFUSED;
	}
	if (!to_stdout) {
		if (kind >= 0)
			printf("%s écrit dans %s (%d page%s).\n",
				jury_doc_label((enum jury_doc)kind), a->output, pages, pages > 1 ? "s" : "");
		else
			printf("Documents du jury n° %lld écrits dans %s : %d fichiers, %d pages.\n",
				(long long)jid, a->output, files, pages);
	}
	return 0;
}

int cmd_jury(struct cli *c, int argc, char **argv)
{
	struct args a;
	const char *sub, *verb = NULL;
	int64_t jid = 0, id2 = 0;
	int ch, npos;
	char **pos;

	if (argc < 2)
		return cli_usage(usage);
	memset(&a, 0, sizeof a);
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case O_CENTRE: a.centre = optarg; break;
		case O_FROM: a.from = optarg; break;
		case O_TO: a.to = optarg; break;
		case O_JSON: c->json = 1; break;
		case O_DATE: a.date = optarg; break;
		case O_PLACE: a.place = optarg; break;
		case O_CERT:
			if (a.ncerts == MAX_CERTS) {
				fprintf(stderr, "cqpm : refusé : %d certifications au plus par jury.\n",
					MAX_CERTS);
				return EXIT_REFUSED;
			}
			a.certs[a.ncerts++] = optarg;
			break;
		case O_NAME: a.m.name = optarg; break;
		case O_ROLE: a.m.role = optarg; break;
		case O_BRANCH: a.m.branch = optarg; break;
		case O_UNION: a.m.union_code = optarg; break;
		case O_BRANCH_EMPLOYEE: a.m.branch_employee = 1; break;
		case O_VOTES: a.m.votes = 1; break;
		case O_PRESIDENT: a.m.president = 1; break;
		case O_EMAIL: a.m.email = optarg; break;
		case O_ORG: a.m.organisation = optarg; break;
		case O_QUALITY: a.m.quality = optarg; break;
		case O_LOGIN: a.m.account_login = optarg; break;
		case O_MEMBER: a.member = optarg; break;
		case O_PRESENT: a.present = optarg; break;
		case O_CONFORMITY: a.conformity = 1; break;
		case O_VERDICT: a.d.verdict = optarg; break;
		case O_FOR: a.vfor = optarg; break;
		case O_AGAINST: a.vagainst = optarg; break;
		case O_ABSTAIN: a.vabstain = optarg; break;
		case O_PBALLOT: a.d.president_ballot = optarg; break;
		case O_COMMENT: a.d.comment = optarg; break;
		case O_MOTIVE: a.motive = optarg; break;
		case O_OUTPUT: a.output = optarg; break;
		case O_DOC: a.doc = optarg; break;
		case O_ARG: a.arg = optarg; break;
		default: return cli_bad_option(argv + 1, usage);
		}
	}
	sub = argv[1];
	pos = argv + 1 + optind;          /* the operands after the subcommand */
	npos = argc - 1 - optind;
	if (!strcmp(sub, "member") || !strcmp(sub, "candidate")) {
		if (npos < 1)
			return cli_usage(usage);
		verb = pos[0];
		pos++;
		npos--;
	}
	if (strcmp(sub, "list") && strcmp(sub, "plan")) {
		if (npos < 1)
			return cli_usage(usage);
		if ((jid = cli_id_arg(pos[0], "de jury")) < 0)
			return EXIT_REFUSED;
	}

	if (!strcmp(sub, "list")) {
		json_t *doc;
		if (npos != 0)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_list(&c->svc, a.centre, a.from ? a.from : "", a.to ? a.to : "", &doc))
			return cli_refused(c);
		cli_show(c, doc, list_text);
		return 0;
	}
	if (!strcmp(sub, "plan")) {
		struct jury_in in = { a.centre, a.date, a.place, a.certs, a.ncerts };
		int64_t id;
		if (npos != 0 || !a.date || !a.place || !a.ncerts)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_plan(&c->svc, &in, &id))
			return cli_refused(c);
		printf("Jury n° %lld inscrit au calendrier le %s à %s. Demandez la désignation des "
			"représentants des organisations syndicales au moins 15 jours avant.\n",
			(long long)id, a.date, a.place);
		return 0;
	}
	if (!strcmp(sub, "move")) {
		if (npos != 1 || (!a.date && !a.place))
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_move(&c->svc, jid, a.date, a.place))
			return cli_refused(c);
		printf("Jury n° %lld modifié. Les convocations sont à renvoyer et la CPREFP à "
			"informer de nouveau.\n", (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "member") && !strcmp(verb, "add")) {
		int64_t mid;
		if (npos != 1 || !a.m.name || !a.m.role)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_member_add(&c->svc, jid, &a.m, &mid))
			return cli_refused(c);
		printf("Membre n° %lld ajouté au jury n° %lld : %s.\n", (long long)mid,
			(long long)jid, a.m.name);
		return 0;
	}
	if (!strcmp(sub, "member") && !strcmp(verb, "remove")) {
		if (npos != 2 || (id2 = cli_id_arg(pos[1], "de membre")) < 0)
			return npos != 2 ? cli_usage(usage) : EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_member_remove(&c->svc, jid, id2))
			return cli_refused(c);
		printf("Membre n° %lld retiré du jury n° %lld.\n", (long long)id2, (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "request")) {
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_request(&c->svc, jid, a.m.union_code, a.date))
			return cli_refused(c);
		printf("Demande de désignation enregistrée pour le jury n° %lld%s%s.\n",
			(long long)jid, a.m.union_code ? " : " : " (toutes les organisations)",
			a.m.union_code ? a.m.union_code : "");
		return 0;
	}
	if (!strcmp(sub, "notify")) {
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_notify_cprefp(&c->svc, jid, a.date))
			return cli_refused(c);
		printf("Information de la CPREFP enregistrée pour le jury n° %lld.\n", (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "convoke")) {
		struct convoke_report rep;
		if (npos != 1)
			return cli_usage(usage);
		if (a.member && (id2 = cli_id_arg(a.member, "de membre")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		memset(&rep, 0, sizeof rep);
		if (svc_jury_convoke(&c->svc, jid, id2, a.date, &rep))
			return cli_refused(c);
		printf("%d membre(s) convoqué(s) au jury n° %lld", rep.convened, (long long)jid);
		if (rep.mailed || rep.mail_failed)
			printf(" ; %d convocation(s) envoyée(s) par courriel, %d échec(s)", rep.mailed,
				rep.mail_failed);
		printf(".\n");
		return rep.mail_failed ? EXIT_REFUSED : 0;
	}
	if (!strcmp(sub, "candidates")) {
		json_t *doc;
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_eligible(&c->svc, jid, &doc))
			return cli_refused(c);
		cli_show(c, doc, eligible_text);
		return 0;
	}
	if (!strcmp(sub, "candidate") && (!strcmp(verb, "add") || !strcmp(verb, "remove"))) {
		int add = !strcmp(verb, "add");
		if (npos != 2)
			return cli_usage(usage);
		if ((id2 = cli_id_arg(pos[1], "d'inscription")) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (add ? svc_jury_candidate_add(&c->svc, jid, id2) :
		    svc_jury_candidate_remove(&c->svc, jid, id2))
			return cli_refused(c);
		printf("Inscription n° %lld %s le jury n° %lld.\n", (long long)id2,
			add ? "présentée devant" : "retirée de", (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "sit")) {
		int64_t ids[MAX_PRESENT];
		long n;
		if (npos != 1 || !a.present)
			return cli_usage(usage);
		if ((n = present_ids(a.present, ids, MAX_PRESENT)) < 0)
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_open(&c->svc, jid, ids, (size_t)n))
			return cli_refused(c);
		printf("Séance du jury n° %lld ouverte : %ld membre(s) présent(s).\n", (long long)jid, n);
		if (a.conformity) {
			if (svc_jury_conformity(&c->svc, jid))
				return cli_refused(c);
			printf("Conformité des évaluations vérifiée.\n");
		}
		return 0;
	}
	if (!strcmp(sub, "conformity")) {
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_conformity(&c->svc, jid))
			return cli_refused(c);
		printf("Conformité des évaluations vérifiée par le jury n° %lld.\n", (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "decide") || !strcmp(sub, "correct")) {
		int correct = !strcmp(sub, "correct");
		if (npos != 2 || (correct && !a.motive))
			return cli_usage(usage);
		if (votes_args(&a))
			return EXIT_REFUSED;
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (correct ? svc_jury_correct(&c->svc, jid, pos[1], &a.d, a.motive) :
		    svc_jury_decide(&c->svc, jid, pos[1], &a.d))
			return cli_refused(c);
		printf(correct ? "Décision rectifiée pour %s : %s ; l'ancienne est conservée.\n" :
			"Décision provisoire enregistrée pour %s : %s.\n", pos[1], a.d.verdict);
		return 0;
	}
	if (!strcmp(sub, "sign")) {
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_sign(&c->svc, jid))
			return cli_refused(c);
		printf("Procès-verbal du jury n° %lld signé : les décisions sont définitives et les "
			"certificats délivrés.\n", (long long)jid);
		return 0;
	}
	if (!strcmp(sub, "documents")) {
		if (npos != 1)
			return cli_usage(usage);
		return documents(c, jid, &a);
	}
	if (!strcmp(sub, "show")) {
		json_t *doc;
		if (npos != 1)
			return cli_usage(usage);
		if (cli_open(c, 1))
			return EXIT_REFUSED;
		if (svc_jury_doc(&c->svc, jid, &doc))
			return cli_refused(c);
		cli_show(c, doc, show_text);
		return 0;
	}
	return cli_usage(usage);
}
