/*
** Rules of the evaluation: the dossier's agreement, the commission, each
** result (see evaluation.h).
*/
#include "core/evaluation.h"
#include "core/text.h"
#include "core/validate.h"
#include <string.h>

static const char *const parties[][2] = {
	[PARTY_COMPANY] = { "company", "Le centre et l'entreprise" },
	[PARTY_CANDIDATE] = { "candidate", "Le centre et le candidat" },
};

static const char *const opinions[OPINION__MAX][2] = {
	[OPINION_FAVOURABLE] = { "favourable", "Favorable" },
	[OPINION_RESERVED] = { "reserved", "Réservé" },
	[OPINION_UNFAVOURABLE] = { "unfavourable", "Défavorable" },
};

static const char *const authors[AUTHOR__MAX][2] = {
	[AUTHOR_TUTOR] = { "tutor", "Tuteur" },
	[AUTHOR_MANAGER] = { "manager", "Responsable hiérarchique" },
};

#define NPARTIES ((int)(sizeof parties / sizeof parties[0]))

const char *party_code(enum modality_party p) { return (unsigned)p < NPARTIES ? parties[p][0] : NULL; }
const char *party_label(enum modality_party p) { return (unsigned)p < NPARTIES ? parties[p][1] : NULL; }
int party_from_code(const char *code) { return code_lookup(parties, NPARTIES, code); }

const char *opinion_code(enum opinion o) { return (unsigned)o < OPINION__MAX ? opinions[o][0] : NULL; }
const char *opinion_label(enum opinion o) { return (unsigned)o < OPINION__MAX ? opinions[o][1] : NULL; }
int opinion_from_code(const char *code) { return code_lookup(opinions, OPINION__MAX, code); }

const char *opinion_author_code(enum opinion_author a) { return (unsigned)a < AUTHOR__MAX ? authors[a][0] : NULL; }
const char *opinion_author_label(enum opinion_author a) { return (unsigned)a < AUTHOR__MAX ? authors[a][1] : NULL; }
int opinion_author_from_code(const char *code) { return code_lookup(authors, AUTHOR__MAX, code); }

const char *v_long_text(const char *s, size_t max, int optional)
{
	const char *p;
	if (!s || !*s)
		return optional ? NULL : "ce champ est obligatoire";
	if (!utf8_valid(s, strlen(s)))
		return "texte invalide (UTF-8 mal formé ou caractère de contrôle)";
	for (p = s; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
		;
	if (!*p && !optional)
		return "ce champ est obligatoire";
	if (utf8_len(s) > max)
		return "texte trop long";
	return NULL;
}

/* A date of the agreement: valid, and the field named for messages. */
static int date_field(const char *iso, const char *field, const char *label,
	struct rule_error *err)
{
	if (!date_ok(iso))
		return rule_fail(err, "", field, "%s : date invalide (format AAAA-MM-JJ attendu).", label);
	return 0;
}

int dossier_agreement_check(const struct dossier_agreement *d,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const char *m;

	if ((unsigned)d->party >= (unsigned)NPARTIES)
		return rule_fail(err, "", "agreed_by", "La partie qui convient des modalités est inconnue.");
	if (!date_ok(d->registered_on) || !date_ok(d->today))
		return rule_fail(err, "", "registered_on",
			"La date d'inscription est invalide (format AAAA-MM-JJ attendu).");
	/* R-EVA-1: where the evaluations take place */
	if ((m = v_long_text(d->places, EVAL_PLACES_MAX, 1)))
		return rule_fail(err, "", "places", "Lieux des évaluations : %s.", m);
	if (v_long_text(d->places, EVAL_PLACES_MAX, 0))
		return rule_fail(err, "R-EVA-1", "places",
			"Le dossier d'évaluation indique où les évaluations ont lieu (entreprises, organisme de formation habilité ou autre lieu adapté).");
	/* R-EVA-1: when */
	if (date_field(d->period_start, "period_start", "Début de la période d'évaluation", err) ||
	    date_field(d->period_end, "period_end", "Fin de la période d'évaluation", err) ||
	    date_field(d->agreed_on, "agreed_on", "Date de l'accord", err))
		return -1;
	if (date_cmp(d->period_end, d->period_start) < 0)
		return rule_fail(err, "R-EVA-1", "period_end",
			"La période d'évaluation ne peut pas finir (le %s) avant de commencer (le %s).",
			date_fr(d->period_end, d1), date_fr(d->period_start, d2));
	if (date_cmp(d->period_start, d->registered_on) < 0)
		return rule_fail(err, "R-EVA-1", "period_start",
			"Les évaluations ne peuvent pas commencer le %s, avant l'inscription du candidat du %s.",
			date_fr(d->period_start, d1), date_fr(d->registered_on, d2));
	/* the agreement follows the registration that starts the path */
	if (date_cmp(d->agreed_on, d->registered_on) < 0)
		return rule_fail(err, "R-EVA-1", "agreed_on",
			"Le dossier d'évaluation ne peut pas être convenu le %s, avant l'inscription du candidat du %s.",
			date_fr(d->agreed_on, d1), date_fr(d->registered_on, d2));
	if (date_cmp(d->agreed_on, d->today) > 0)
		return rule_fail(err, "", "agreed_on",
			"Date de l'accord : un accord ne peut pas être daté d'un jour à venir.");
	/* R-EVA-2: agreed between the centre and the company or, failing
	** that, the candidate; both parties' signatories are named */
	if ((m = v_text(d->centre_signatory, EVAL_SIGNATORY_MAX, 1)))
		return rule_fail(err, "", "centre_signatory", "Signataire pour le centre : %s.", m);
	if ((m = v_text(d->company_signatory, EVAL_SIGNATORY_MAX, 1)))
		return rule_fail(err, "", "company_signatory", "Signataire pour l'entreprise : %s.", m);
	if (!d->centre_signatory || !*d->centre_signatory)
		return rule_fail(err, "R-EVA-2", "centre_signatory",
			"Le dossier d'évaluation est convenu avec le centre de certification : indiquez le nom de son signataire.");
	if (d->party == PARTY_COMPANY && (!d->company_signatory || !*d->company_signatory))
		return rule_fail(err, "R-EVA-2", "company_signatory",
			"Les modalités sont convenues entre le centre et l'entreprise : indiquez le nom du signataire pour l'entreprise.");
	if (d->party == PARTY_CANDIDATE && d->company_signatory && *d->company_signatory)
		return rule_fail(err, "R-EVA-2", "company_signatory",
			"Les modalités sont convenues entre le centre et le candidat (VAE, demandeur d'emploi ou salarié sans l'accord de son employeur) : l'entreprise ne signe pas le dossier.");
	return 0;
}

int commission_complete(int members)
{
	return members >= COMMISSION_MIN_MEMBERS;
}

int evaluation_record_check(const struct evaluation_record *e,
	struct rule_error *err)
{
	const char *code = e->competence && *e->competence ? e->competence : "?";
	char d1[DATE_LEN], d2[DATE_LEN];
	size_t i;

	if (e->result != RES_ACQUIRED && e->result != RES_NOT_ACQUIRED)
		return rule_fail(err, "", "result",
			"Résultat : la compétence est acquise (acquired) ou non acquise (not_acquired).");
	if ((unsigned)e->modality >= MOD__MAX)
		return rule_fail(err, "", "modality", "Modalité d'évaluation inconnue.");
	if (!date_ok(e->registered_on) || !date_ok(e->today))
		return rule_fail(err, "", "registered_on",
			"La date d'inscription est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(e->date))
		return rule_fail(err, "", "date",
			"Date de l'évaluation : date invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(e->date, e->registered_on) < 0)
		return rule_fail(err, "R-EVA-5", "date",
			"La compétence %s ne peut pas avoir été évaluée le %s, avant l'inscription du candidat du %s.",
			code, date_fr(e->date, d1), date_fr(e->registered_on, d2));
	if (date_cmp(e->date, e->today) > 0)
		return rule_fail(err, "", "date",
			"Date de l'évaluation : une évaluation ne peut pas être datée d'un jour à venir.");
	/* R-EVA-2: the modalities are agreed in the dossier before anything
	** is evaluated */
	if (!e->dossier_agreed)
		return rule_fail(err, "R-EVA-2", "modality",
			"Le dossier d'évaluation n'est pas encore convenu : les modalités d'évaluation de la compétence %s ne sont pas fixées, aucun résultat ne peut être enregistré.",
			code);
	for (i = 0; i < e->nchosen; i++)
		if (e->chosen[i] == e->modality)
			return 0;
	return rule_fail(err, "R-EVA-2", "modality",
		"La modalité « %s » n'est pas l'une de celles que le dossier d'évaluation a fixées pour la compétence %s.",
		modality_label(e->modality), code);
}
