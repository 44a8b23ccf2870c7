/*
** Habilitation of training bodies (see habilitation.h): the criteria
** table, the decisions and R-HAB-2.
*/
#include "core/habilitation.h"
#include <stdio.h>
#include <string.h>

/*
** R-HAB-1: the 6 criteria and their indicators, copied from the dispositif
** (Partie 2, chapter 1 "Habilitation des organismes de formation"). Annex 5,
** which the chapter refers to, is a diagram of the process whose only text
** is the note on intermediate reviews and site visits.
*/
static const struct hab_criterion criteria[HAB_CRITERIA] = {
	{ "L'identification de la certification",
	  { "Capacité du prestataire à sélectionner la ou les certification(s) visée(s) en cohérence avec les compétences à développer et avec les besoins réels de l'entreprise.",
	    "Capacité du prestataire à informer et à solliciter l'UIMM Centre de Certification du projet de certification." } },
	{ "La mise en œuvre du dispositif de certification",
	  { "Capacité du prestataire à mettre en œuvre les principes et procédures de mise en œuvre du dispositif de certification de la branche.",
	    "Capacité du prestataire à identifier les processus d'attribution de la certification de la branche." } },
	{ "L'inscription à la certification",
	  { "Capacité du prestataire à utiliser les outils mis à disposition par le certificateur.",
	    "Capacité du prestataire à recueillir les informations requises aux candidats présentés dans les délais prescrits." } },
	{ "Le choix des modalités d'évaluation",
	  { "Capacité du prestataire à choisir les modalités d'évaluation parmi celles préconisées.",
	    "Capacité du prestataire à respecter les situations professionnelles imposées." } },
	{ "L'évaluation",
	  { "Capacité du prestataire à planifier et organiser l'évaluation des compétences des candidats en lien avec l'UIMM centre de certification.",
	    "Capacité du prestataire à mener des actions d'évaluations, sous la responsabilité de l'UIMM centre de certification, conformes aux référentiels de la certification visée, et de fournir les résultats dans les formats et les délais imposés." } },
	{ "La pertinence de l'action et le suivi qualité",
	  { "Capacité du prestataire à mettre en œuvre une démarche qualité et d'amélioration continue contextualisée aux dispositifs de certifications UIMM.",
	    "Capacité du prestataire à mettre en œuvre des mesures de suivi de promotion des candidats titulaires d'une ou plusieurs certifications." } },
};

static const char *const findings[HAB_FINDING__MAX][2] = {
	[HAB_NOT_ASSESSED] = { "not_assessed", "Non évalué" },
	[HAB_MET] = { "met", "Satisfait" },
	[HAB_NOT_MET] = { "not_met", "Non satisfait" },
};

static const char *const statuses[HAB_STATUS__MAX][2] = {
	[HAB_PENDING] = { "pending", "Instruction en cours" },
	[HAB_GRANTED] = { "granted", "Habilité" },
	[HAB_REFUSED] = { "refused", "Habilitation refusée" },
	[HAB_WITHDRAWN] = { "withdrawn", "Habilitation retirée" },
};

/* Criterion i, or NULL. */
const struct hab_criterion *hab_criterion(int i)
{
	return i >= 0 && i < HAB_CRITERIA ? &criteria[i] : NULL;
}


/* Codes and labels of findings and statuses. */
const char *hab_finding_code(enum hab_finding f) { return (unsigned)f < HAB_FINDING__MAX ? findings[f][0] : NULL; }
const char *hab_finding_label(enum hab_finding f) { return (unsigned)f < HAB_FINDING__MAX ? findings[f][1] : NULL; }
int hab_finding_from_code(const char *c) { return code_lookup(findings, HAB_FINDING__MAX, c); }
const char *hab_status_code(enum hab_status s) { return (unsigned)s < HAB_STATUS__MAX ? statuses[s][0] : NULL; }
const char *hab_status_label(enum hab_status s) { return (unsigned)s < HAB_STATUS__MAX ? statuses[s][1] : NULL; }
int hab_status_from_code(const char *c) { return code_lookup(statuses, HAB_STATUS__MAX, c); }

/* Input check of an assessment. */
int hab_assessment_check(const struct hab_assessment *a,
	struct rule_error *err)
{
	if (!date_ok(a->date))
		return rule_fail(err, "", "date",
			"La date de l'instruction est invalide (format AAAA-MM-JJ attendu).");
	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			if ((unsigned)a->findings[c][i] >= HAB_FINDING__MAX) {
				char field[32];
				snprintf(field, sizeof field, "findings[%d][%d]", c, i);
				return rule_fail(err, "", field,
					"Le constat de l'indicateur %d du critère %d est inconnu.",
					i + 1, c + 1);
			}
	return 0;
}

/* Number of indicators with finding f. */
int hab_count(const struct hab_assessment *a, enum hab_finding f)
{
	int n = 0;

	for (int c = 0; c < HAB_CRITERIA; c++)
		for (int i = 0; i < HAB_INDICATORS; i++)
			n += a->findings[c][i] == f;
	return n;
}

/* The arrows of the life cycle (habilitation.h). */
int hab_transition_allowed(enum hab_status from, enum hab_status to)
{
	switch (from) {
	case HAB_PENDING:
		return to == HAB_GRANTED || to == HAB_REFUSED;
	case HAB_GRANTED:
		return to == HAB_WITHDRAWN;
	default:
		return 0;
	}
}

/* Refuses a status change that is not an arrow of the life cycle. */
static int transition_check(const struct habilitation *h, enum hab_status to,
	struct rule_error *err)
{
	static const char *const verbs[HAB_STATUS__MAX] = {
		[HAB_GRANTED] = "accordée",
		[HAB_REFUSED] = "refusée",
		[HAB_WITHDRAWN] = "retirée",
	};

	if ((unsigned)h->status >= HAB_STATUS__MAX)
		return rule_fail(err, "", "status",
			"L'état de l'habilitation est inconnu.");
	if (hab_transition_allowed(h->status, to))
		return 0;
	if (to == HAB_WITHDRAWN)
		return rule_fail(err, "R-HAB-1", "status",
			"Seule une habilitation accordée peut être retirée ; celle-ci est à l'état « %s ».",
			hab_status_label(h->status));
	return rule_fail(err, "R-HAB-1", "status",
		"L'habilitation ne peut être %s que pendant son instruction ; elle est à l'état « %s ».",
		verbs[to], hab_status_label(h->status));
}

/* Common checks of a decision taken on date after assessment a. */
static int decision_dates(const struct hab_assessment *a, const char *date,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (hab_assessment_check(a, err))
		return -1;
	if (!date_ok(date))
		return rule_fail(err, "", "decision_date",
			"La date de la décision est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, a->date) < 0)
		return rule_fail(err, "R-HAB-1", "decision_date",
			"La décision du %s ne peut pas précéder l'instruction du %s.",
			date_fr(date, d1), date_fr(a->date, d2));
	return 0;
}

/* Copies a motive into h, trimmed to the buffer on a UTF-8 boundary. */
static void set_motive(struct habilitation *h, const char *motive)
{
	struct rule_error tmp;

	/* rule_fail cuts on a character boundary; reuse it */
	rule_fail(&tmp, NULL, NULL, "%s", motive ? motive : "");
	snprintf(h->motive, sizeof h->motive, "%s", tmp.message);
}

/* R-HAB-1: grant after an assessment where every indicator is met. */
int hab_grant(struct habilitation *h, const struct hab_assessment *a,
	const char *date, struct rule_error *err)
{
	int pending, not_met;

	if (transition_check(h, HAB_GRANTED, err) || decision_dates(a, date, err))
		return -1;
	pending = hab_count(a, HAB_NOT_ASSESSED);
	not_met = hab_count(a, HAB_NOT_MET);
	if (not_met)
		return rule_fail(err, "R-HAB-1", "findings",
			"L'habilitation ne peut pas être accordée : %d indicateur%s sur 12 %s pas satisfait%s.",
			not_met, not_met > 1 ? "s" : "", not_met > 1 ? "ne sont" : "n'est",
			not_met > 1 ? "s" : "");
	if (pending)
		return rule_fail(err, "R-HAB-1", "findings",
			"L'habilitation ne peut pas être accordée : %d indicateur%s sur 12 %s pas encore évalué%s.",
			pending, pending > 1 ? "s" : "", pending > 1 ? "ne sont" : "n'est",
			pending > 1 ? "s" : "");
	h->status = HAB_GRANTED;
	snprintf(h->granted_on, sizeof h->granted_on, "%s", date);
	return 0;
}

/* R-HAB-1: refuse after an assessment where an indicator is not met. */
int hab_refuse(struct habilitation *h, const struct hab_assessment *a,
	const char *date, const char *motive, struct rule_error *err)
{
	if (transition_check(h, HAB_REFUSED, err) || decision_dates(a, date, err))
		return -1;
	if (hab_count(a, HAB_NOT_MET) == 0)
		return rule_fail(err, "R-HAB-1", "findings",
			"Un refus d'habilitation doit reposer sur au moins un indicateur constaté non satisfait.");
	if (!motive || !*motive)
		return rule_fail(err, "R-HAB-1", "motive",
			"Le motif du refus d'habilitation est obligatoire.");
	h->status = HAB_REFUSED;
	snprintf(h->refused_on, sizeof h->refused_on, "%s", date);
	set_motive(h, motive);
	return 0;
}

/* Withdrawal of a granted habilitation. */
int hab_withdraw(struct habilitation *h, const char *date,
	const char *motive, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (transition_check(h, HAB_WITHDRAWN, err))
		return -1;
	if (!date_ok(date))
		return rule_fail(err, "", "decision_date",
			"La date du retrait est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, h->granted_on) < 0)
		return rule_fail(err, "R-HAB-1", "decision_date",
			"Le retrait du %s ne peut pas précéder l'habilitation accordée le %s.",
			date_fr(date, d1), date_fr(h->granted_on, d2));
	if (!motive || !*motive)
		return rule_fail(err, "R-HAB-1", "motive",
			"Le motif du retrait d'habilitation est obligatoire.");
	h->status = HAB_WITHDRAWN;
	snprintf(h->withdrawn_on, sizeof h->withdrawn_on, "%s", date);
	set_motive(h, motive);
	return 0;
}

/* R-HAB-2: habilitated by that centre on that date. */
int habilitation_allows(const struct habilitation *h, int64_t centre_id,
	const char *date)
{
	if (!h || h->centre_id != centre_id || !date_ok(date))
		return 0;
	if (h->status != HAB_GRANTED && h->status != HAB_WITHDRAWN)
		return 0;
	if (!date_ok(h->granted_on) || date_cmp(date, h->granted_on) < 0)
		return 0;
	if (h->status == HAB_WITHDRAWN &&
	    (!date_ok(h->withdrawn_on) || date_cmp(date, h->withdrawn_on) >= 0))
		return 0;
	return 1;
}

/* R-HAB-2 with the reason of a refusal. */
int habilitation_check(const struct habilitation *h, int64_t centre_id,
	const char *date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (habilitation_allows(h, centre_id, date))
		return 0;
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date est invalide (format AAAA-MM-JJ attendu).");
	if (!h || h->centre_id != centre_id)
		return rule_fail(err, "R-HAB-2", "training_body",
			"L'organisme de formation n'est pas habilité par ce centre de certification : il ne peut pas y inscrire de candidats.");
	switch (h->status) {
	case HAB_PENDING:
		return rule_fail(err, "R-HAB-2", "training_body",
			"L'habilitation de l'organisme de formation par ce centre est encore en cours d'instruction : il ne peut pas encore y inscrire de candidats.");
	case HAB_REFUSED:
		return rule_fail(err, "R-HAB-2", "training_body",
			"L'habilitation de l'organisme de formation a été refusée par ce centre : il ne peut pas y inscrire de candidats.");
	default:
		break;
	}
	if (h->status == HAB_WITHDRAWN && date_cmp(date, h->withdrawn_on) >= 0)
		return rule_fail(err, "R-HAB-2", "training_body",
			"L'habilitation de l'organisme de formation a été retirée le %s : il ne peut plus inscrire de candidats auprès de ce centre à la date du %s.",
			date_fr(h->withdrawn_on, d1), date_fr(date, d2));
	/* granted (or withdrawn since), but date is before the grant */
	return rule_fail(err, "R-HAB-2", "training_body",
		"L'organisme de formation n'est habilité par ce centre qu'à partir du %s : il ne pouvait pas y inscrire de candidats à la date du %s.",
		date_fr(h->granted_on, d1), date_fr(date, d2));
}
