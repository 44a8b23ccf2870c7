/*
** Creating and upgrading a database: schema migrations, nomenclatures,
** the branch's seed referentials and, on request, demo data.
*/
#include "service/svc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The demo accounts: one per role, all with DEMO_PASSWORD. */
#define DEMO_PASSWORD "demonstration"
#define DEMO_CENTRE "UIMM-DEMO"

static const struct {
	const char *login, *name, *role;
} demo_users[] = {
	{ "admin", "Administrateur national (secrétariat du GTP)", "admin" },
	{ "centre", "Chargée de certification, centre de démonstration", "centre" },
	{ "evaluateur", "Évaluateur de la commission d'évaluation", "evaluator" },
	{ "jury", "Membre du jury paritaire", "jury" },
	{ "organisme", "Organisme de formation de démonstration", "training_body" },
};

static int create_demo(struct svc *s, init_say_fn say, void *arg)
{
	struct centre c;
	char line[300];
	int64_t id;

	if (store_centre_by_code(s->st, DEMO_CENTRE, &c) == 1)
		return 0;
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, DEMO_CENTRE);
	snprintf(c.name, sizeof c.name, "UIMM territoriale de démonstration — centre de certification");
	snprintf(c.region, sizeof c.region, "Île-de-France");
	snprintf(c.address, sizeof c.address, "1 rue de l'Exemple, 75000 Paris");
	if (svc_centre_add(s, &c, &id))
		return -1;
	for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++) {
		struct user_new u = { demo_users[i].login, demo_users[i].name, "",
			demo_users[i].role,
			strcmp(demo_users[i].role, "admin") ? DEMO_CENTRE : NULL,
			DEMO_PASSWORD };
		if (svc_user_add(s, &u, &id))
			return -1;
		if (say) {
			snprintf(line, sizeof line, "  %-11s mot de passe « %s » — %s",
				u.login, DEMO_PASSWORD, u.name);
			say(arg, line);
		}
	}
	return 0;
}

int svc_setup(struct svc *s, const char *data_dir, int demo,
	init_say_fn say, void *say_arg, struct init_report *rep)
{
	char err[512];
	struct import_report ir;

	memset(rep, 0, sizeof *rep);
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut initialiser la base.");
	if (store_migrate(s->st, err, sizeof err))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "%s", err);
	rep->schema_version = store_schema_version(s->st);
	if (svc_load_nomenclatures(s, data_dir, rep->nomenclatures))
		return -1;
	if (svc_load_seeds(s, data_dir, &ir))
		return -1;
	rep->seeds = (int)(ir.created + ir.updated + ir.unchanged);
	if (demo) {
		if (create_demo(s, say, say_arg))
			return -1;
		rep->demo = 1;
	}
	return 0;
}
