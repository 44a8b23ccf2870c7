/*
** Registration rules and the rules of the evaluation dossier (see
** registration.h).
*/
#include "core/registration.h"
#include <stdio.h>
#include <string.h>

static const char *const registrants[REGISTRANT__MAX][2] = {
	[REGISTRANT_COMPANY] = { "company", "Entreprise" },
	[REGISTRANT_TRAINING_BODY] = { "training_body", "Organisme de formation habilité" },
	[REGISTRANT_CANDIDATE] = { "candidate", "Le candidat lui-même" },
};

/* Codes and labels of registrants. */
const char *registrant_code(enum registrant r) { return (unsigned)r < REGISTRANT__MAX ? registrants[r][0] : NULL; }
const char *registrant_label(enum registrant r) { return (unsigned)r < REGISTRANT__MAX ? registrants[r][1] : NULL; }

/* Registrant from its code, or -1. */
int registrant_from_code(const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < REGISTRANT__MAX; i++)
		if (!strcmp(registrants[i][0], code))
			return i;
	return -1;
}

int registration_has_block(const char *blocks, const char *code)
{
	if (!*blocks)
		return 1;
	return code_in_list(blocks, code);
}

/* The certification's code for messages. */
static const char *cert_name(const struct reg_certification *c)
{
	return c->code && *c->code ? c->code : "visée";
}

/* Input check of a request. */
static int request_check(const struct reg_request *r, struct rule_error *err)
{
	if ((unsigned)r->route >= ROUTE__MAX)
		return rule_fail(err, "", "route", "La voie d'accès demandée est inconnue.");
	if ((unsigned)r->registrant >= REGISTRANT__MAX)
		return rule_fail(err, "", "registrant",
			"L'auteur de l'inscription doit être une entreprise, un organisme de formation habilité ou le candidat lui-même.");
	if ((unsigned)r->origin >= ORIGIN__MAX)
		return rule_fail(err, "", "origin",
			"L'origine du candidat doit être SL (salarié) ou DE (demandeur d'emploi).");
	if (r->route == ROUTE_VAE && (unsigned)r->vae_kind >= VAE_KIND__MAX)
		return rule_fail(err, "", "vae_kind", "Le type de VAE est inconnu.");
	if (!date_ok(r->date))
		return rule_fail(err, "", "date",
			"La date d'inscription est invalide (format AAAA-MM-JJ attendu).");
	return 0;
}

/*
** R-INS-3: the route must be open on the fiche. A route the fiche leaves
** unsaid (null: the register gives no value, or the branch's document has
** not been completed) is refused like a closed one: registering by it
** would engage a path that the certification may not lead to, and that
** the jury could then not award; the catalogue invents nothing
** (doc/catalogue-schema.md), so the fiche must be completed first. The
** message says that the fiche is silent, not that the route is closed.
*/
static int route_check(const struct reg_certification *c, enum access_route route,
	struct rule_error *err)
{
	switch (c->routes[route]) {
	case TRI_YES:
		return 0;
	case TRI_NO:
		return rule_fail(err, "R-INS-3", "route",
			"La certification %s n'est pas ouverte à la voie « %s ».",
			cert_name(c), route_label(route));
	default:
		return rule_fail(err, "R-INS-3", "route",
			"La fiche de la certification %s n'indique pas que la voie « %s » est ouverte : l'inscription par cette voie est refusée tant que la fiche ne le précise pas.",
			cert_name(c), route_label(route));
	}
}

/* R-CAT-6 and R-CAT-7: the certification may take new candidates on
** date. */
static int certification_open_check(const struct reg_certification *c,
	const char *date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	/* R-CAT-6: a draft referential is not decided yet */
	if (c->draft || c->status == STATUS_DRAFT)
		return rule_fail(err, "R-CAT-6", "certification",
			"Le référentiel de la certification %s est un projet qui n'a pas encore été décidé par le GTP Certifications : aucune inscription n'est possible.",
			cert_name(c));
	/* R-CAT-6: applicable from the date of the GTP's decision */
	if (date_ok(c->decided_on) && date_cmp(date, c->decided_on) < 0)
		return rule_fail(err, "R-CAT-6", "date",
			"La certification %s n'est applicable qu'à partir de la décision du GTP Certifications du %s : une inscription au %s n'est pas possible.",
			cert_name(c), date_fr(c->decided_on, d1), date_fr(date, d2));
	/* R-CAT-7: no candidate engaged from the suppression decision's date
	** on (the decision is "applicable dès la date de décision") */
	if (*c->suppressed_on) {
		if (!date_ok(c->suppressed_on))
			return rule_fail(err, "", "suppressed_on",
				"La date de la décision de suppression de la certification est invalide.");
		if (date_cmp(date, c->suppressed_on) >= 0)
			return rule_fail(err, "R-CAT-7", "certification",
				"La certification %s a été supprimée par décision du GTP Certifications du %s : aucun candidat ne peut plus y être engagé.",
				cert_name(c), date_fr(c->suppressed_on, d1));
	} else if (c->status == STATUS_SUPPRESSED) {
		/* suppressed, date unknown: no date before which a path could
		** still be engaged can be shown */
		return rule_fail(err, "R-CAT-7", "certification",
			"La certification %s est supprimée : aucun candidat ne peut plus y être engagé.",
			cert_name(c));
	}
	/* An inactive fiche (RNCP registration ended) is not refused here:
	** a branch certification is created for an indefinite duration
	** (R-CAT-6) and only a suppression stops engagement; the RNCP
	** condition of the VAE is carried by rncp_registered. */
	return 0;
}

/* R-INS-1: who the candidate is and who registers him. */
static int candidate_check(const struct reg_request *r, struct rule_error *err)
{
	if (r->origin == ORIGIN_JOB_SEEKER) {
		if (r->has_company)
			return rule_fail(err, "R-INS-1", "company",
				"Un demandeur d'emploi (DE) s'inscrit sans entreprise : les éléments de l'entreprise ne doivent pas être renseignés.");
		if (r->without_employer_agreement)
			return rule_fail(err, "R-INS-1", "without_employer_agreement",
				"Un demandeur d'emploi (DE) n'a pas d'employeur : l'inscription sans l'accord de l'employeur ne le concerne pas.");
		return 0;
	}
	if (r->without_employer_agreement && r->registrant != REGISTRANT_CANDIDATE)
		return rule_fail(err, "R-INS-1", "without_employer_agreement",
			"Un salarié qui agit sans l'accord de son employeur s'inscrit lui-même : l'inscription ne peut pas être faite par %s.",
			r->registrant == REGISTRANT_COMPANY ? "une entreprise" : "un organisme de formation");
	if (!r->has_company && r->registrant != REGISTRANT_CANDIDATE)
		return rule_fail(err, "R-INS-1", "company",
			"L'entreprise du salarié (SL) doit être renseignée, sauf lorsque le candidat s'inscrit lui-même.");
	return 0;
}

/* The whole registration decision (order in registration.h). */
int registration_check(const struct reg_certification *c,
	const struct reg_request *r, const struct habilitation *hab,
	int64_t centre_id, int other_active, struct rule_error *err)
{
	if (request_check(r, err))
		return -1;
	if (certification_open_check(c, r->date, err))
		return -1;
	if (route_check(c, r->route, err))
		return -1;
	if (r->route == ROUTE_VAE &&
	    vae_eligible(r->vae_kind, c->kind, c->rncp_registered, err))
		return -1;
	if (r->registrant == REGISTRANT_TRAINING_BODY &&
	    habilitation_check(hab, centre_id, r->date, err))
		return -1;
	/* R-INS-1: one path at a time towards one certification; a second
	** registration while the first is active would make two dossiers for
	** the same jury decision */
	if (other_active > 0)
		return rule_fail(err, "R-INS-1", "certification",
			"Le candidat est déjà inscrit à la certification %s : une seconde inscription n'est possible qu'une fois la première close.",
			cert_name(c));
	return candidate_check(r, err);
}

/* R-CAT-7: engaged strictly before the suppression decision. */
int path_engaged_before_suppression(const char *engaged_on,
	const char *suppressed_on)
{
	if (!date_ok(engaged_on))
		return 0;
	if (!suppressed_on || !*suppressed_on)
		return 1;
	return date_ok(suppressed_on) && date_cmp(engaged_on, suppressed_on) < 0;
}

/* R-CAT-7 as a check for an award. */
int award_after_suppression_check(const char *engaged_on,
	const char *suppressed_on, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (!date_ok(engaged_on))
		return rule_fail(err, "", "engaged_on",
			"La date d'engagement du parcours est invalide (format AAAA-MM-JJ attendu).");
	if (path_engaged_before_suppression(engaged_on, suppressed_on))
		return 0;
	if (!date_ok(suppressed_on))
		return rule_fail(err, "", "suppressed_on",
			"La date de la décision de suppression de la certification est invalide.");
	return rule_fail(err, "R-CAT-7", "engaged_on",
		"Le parcours engagé le %s ne l'a pas été avant la décision de suppression du %s : la certification ne peut pas être délivrée.",
		date_fr(engaged_on, d1), date_fr(suppressed_on, d2));
}

/* R-INS-2: the jury is held after the registration day. */
int jury_after_registration_check(const char *registered_on,
	const char *jury_date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (!date_ok(registered_on))
		return rule_fail(err, "", "registered_on",
			"La date d'inscription est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(jury_date, registered_on) <= 0)
		return rule_fail(err, "R-INS-2", "jury_date",
			"Un candidat inscrit le %s ne peut être présenté qu'à un jury tenu après son inscription, pas le %s.",
			date_fr(registered_on, d1), date_fr(jury_date, d2));
	return 0;
}

/*
** R-EVA-3: "hors dispositif VAE, hors dispositif CCPM ou hors dispositif
** à l'initiative du salarié sans l'accord de l'employeur" (Partie 2
** ch. 2). The text names the CCPM only, not the CCPI: a CCPI keeps the
** company's opinion. Nor does it exempt a job seeker: his opinion comes
** from the company that hosts him (annex 1 speaks of "l'entreprise
** d'accueil").
*/
int company_opinion_required(enum access_route route, enum cert_kind kind,
	int without_employer_agreement)
{
	return route != ROUTE_VAE && kind != KIND_CCPM && !without_employer_agreement;
}

/* R-EVA-3: no opinion recorded where none is expected. */
int company_opinion_record_check(enum access_route route, enum cert_kind kind,
	int without_employer_agreement, struct rule_error *err)
{
	if (company_opinion_required(route, kind, without_employer_agreement))
		return 0;
	if (route == ROUTE_VAE)
		return rule_fail(err, "R-EVA-3", "company_opinion",
			"L'avis de l'entreprise ne fait pas partie de l'évaluation d'une VAE : il ne peut pas être enregistré.");
	if (kind == KIND_CCPM)
		return rule_fail(err, "R-EVA-3", "company_opinion",
			"L'avis de l'entreprise ne fait pas partie de l'évaluation d'un CCPM : il ne peut pas être enregistré.");
	return rule_fail(err, "R-EVA-3", "company_opinion",
		"Le salarié agit sans l'accord de son employeur : l'avis de l'entreprise ne fait pas partie de l'évaluation et ne peut pas être enregistré.");
}

/* R-EVA-2: "l'entreprise ou à défaut le candidat (salariés […] sans
** l'accord de l'employeur ; VAE ; demandeurs d'emploi, …)". */
enum modality_party modalities_agreed_by(enum access_route route,
	enum origin origin, int without_employer_agreement)
{
	if (route == ROUTE_VAE || origin == ORIGIN_JOB_SEEKER ||
	    without_employer_agreement)
		return PARTY_CANDIDATE;
	return PARTY_COMPANY;
}

/* 1 if m is one of list[0..n). */
static int modality_in(enum modality m, const enum modality *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == m)
			return 1;
	return 0;
}

/*
** R-EVA-2 over a dossier. A competence whose referential lists no allowed
** modality is refused: the dossier cannot show that its choice is "parmi
** celles prévues dans le référentiel". Whether the allowed modalities are
** alternative or cumulative is not in the catalogue: any non-empty subset
** of them is accepted.
*/
int dossier_modalities_check(const struct competence_modalities *c, size_t n,
	struct rule_error *err)
{
	if (n == 0)
		return rule_fail(err, "R-EVA-2", "modalities",
			"Le dossier doit fixer les modalités d'évaluation d'au moins une compétence.");
	for (size_t i = 0; i < n; i++) {
		const char *code = c[i].code && *c[i].code ? c[i].code : "?";
		char field[96];

		snprintf(field, sizeof field, "modalities.%s", code);
		if (c[i].nallowed == 0)
			return rule_fail(err, "R-EVA-2", field,
				"Le référentiel ne prévoit aucune modalité d'évaluation pour la compétence %s : le dossier ne peut pas en fixer.",
				code);
		if (c[i].nchosen == 0)
			return rule_fail(err, "R-EVA-2", field,
				"Le dossier doit fixer au moins une modalité d'évaluation pour la compétence %s.",
				code);
		for (size_t k = 0; k < c[i].nchosen; k++) {
			enum modality m = c[i].chosen[k];
			if ((unsigned)m >= MOD__MAX)
				return rule_fail(err, "", field,
					"Une modalité d'évaluation choisie pour la compétence %s est inconnue.",
					code);
			if (!modality_in(m, c[i].allowed, c[i].nallowed))
				return rule_fail(err, "R-EVA-2", field,
					"La modalité « %s » n'est pas prévue par le référentiel pour la compétence %s.",
					modality_label(m), code);
			if (modality_in(m, c[i].chosen, k))
				return rule_fail(err, "R-EVA-2", field,
					"La modalité « %s » est choisie deux fois pour la compétence %s.",
					modality_label(m), code);
		}
	}
	return 0;
}
