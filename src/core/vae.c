/*
** VAE rules (see vae.h): eligibility, admissibility file, phases,
** validation commission and its conclusions.
*/
#include "core/vae.h"
#include <stdio.h>
#include <string.h>

static const char *const kinds[VAE_KIND__MAX][2] = {
	[VAE_STANDARD] = { "standard", "Validation des acquis de l'expérience (VAE)" },
	[VAE_BRANCH] = { "branch", "VAE de branche" },
	[VAE_BRANCH_COLLECTIVE] = { "branch_collective", "VAE de branche collective en entreprise" },
};

static const char *const adm_states[ADM__MAX][2] = {
	[ADM_RECEIVED] = { "received", "Dossier de recevabilité reçu" },
	[ADM_ADMISSIBLE] = { "admissible", "Recevable" },
	[ADM_NOT_ADMISSIBLE] = { "not_admissible", "Non recevable" },
	[ADM_INCOMPLETE] = { "incomplete", "Dossier incomplet" },
};

static const char *const phases[VAE_PHASE__MAX] = {
	[VAE_PHASE_NONE] = "Non commencé",
	[VAE_PHASE_INFORMATION] = "Accueil, information-orientation",
	[VAE_PHASE_ADMISSIBILITY] = "Instruction de la recevabilité",
	[VAE_PHASE_CERTIFICATION] = "Certification",
};

static const char *const phase_codes[VAE_PHASE__MAX] = {
	[VAE_PHASE_NONE] = "none",
	[VAE_PHASE_INFORMATION] = "information",
	[VAE_PHASE_ADMISSIBILITY] = "admissibility",
	[VAE_PHASE_CERTIFICATION] = "certification",
};

static const char *const conclusions[VAE_CONCL__MAX][2] = {
	[VAE_CONCL_NONE] = { "none", "Aucune validation" },
	[VAE_CONCL_PARTIAL] = { "partial", "Validation partielle" },
	[VAE_CONCL_TOTAL] = { "total", "Validation totale" },
};


/* Codes and labels of the enums. */
const char *vae_kind_code(enum vae_kind k) { return (unsigned)k < VAE_KIND__MAX ? kinds[k][0] : NULL; }
const char *vae_kind_label(enum vae_kind k) { return (unsigned)k < VAE_KIND__MAX ? kinds[k][1] : NULL; }
int vae_kind_from_code(const char *c) { return code_lookup(kinds, VAE_KIND__MAX, c); }
const char *adm_state_code(enum adm_state s) { return (unsigned)s < ADM__MAX ? adm_states[s][0] : NULL; }
const char *adm_state_label(enum adm_state s) { return (unsigned)s < ADM__MAX ? adm_states[s][1] : NULL; }
int adm_state_from_code(const char *c) { return code_lookup(adm_states, ADM__MAX, c); }
const char *vae_phase_label(enum vae_phase p) { return (unsigned)p < VAE_PHASE__MAX ? phases[p] : NULL; }
const char *vae_phase_code(enum vae_phase p) { return (unsigned)p < VAE_PHASE__MAX ? phase_codes[p] : NULL; }
const char *vae_conclusion_code(enum vae_conclusion c) { return (unsigned)c < VAE_CONCL__MAX ? conclusions[c][0] : NULL; }
const char *vae_conclusion_label(enum vae_conclusion c) { return (unsigned)c < VAE_CONCL__MAX ? conclusions[c][1] : NULL; }
int vae_conclusion_from_code(const char *c) { return code_lookup(conclusions, VAE_CONCL__MAX, c); }

/*
** R-VAE-1. The glossary of the dispositif has two entries:
**   "VAE. Cette voie est utilisable pour l'obtention d'une certification
**    dès lors que celle-ci est répertoriée au RNCP."
**   "VAE de branche. […] permet d'accéder aux CQPM et CCPM sans formation
**    préalable obligatoire, dès lors que le candidat justifie d'une
**    expérience professionnelle en lien avec la certification visée."
** A CCPM is registered in the RS, never in the RNCP (R-CAT-5); requiring
** the RNCP of the VAE de branche would close it to every CCPM, which the
** second entry opens by name. So the RNCP condition is applied to the VAE
** of the Code du travail only, and the VAE de branche is limited to the
** branch's CQPM and CCPM.
*/
int vae_eligible(enum vae_kind k, enum cert_kind kind, int rncp_registered,
	struct rule_error *err)
{
	if ((unsigned)k >= VAE_KIND__MAX)
		return rule_fail(err, "", "vae_kind", "Le type de VAE est inconnu.");
	if (k == VAE_STANDARD) {
		if (!rncp_registered)
			return rule_fail(err, "R-VAE-1", "route",
				"La VAE n'est ouverte qu'aux certifications enregistrées au RNCP ; celle-ci ne l'est pas.");
		return 0;
	}
	if (kind != KIND_CQPM && kind != KIND_CCPM)
		return rule_fail(err, "R-VAE-1", "vae_kind",
			"La VAE de branche ne donne accès qu'aux CQPM et aux CCPM.");
	return 0;
}

/* Copies a motive, cut on a UTF-8 boundary. */
static void set_motive(struct admissibility *a, const char *motive)
{
	size_t n = motive ? strlen(motive) : 0;

	if (n >= sizeof a->motive) {
		n = sizeof a->motive - 1;
		while (n && ((unsigned char)motive[n] & 0xc0) == 0x80)
			n--;   /* motive[n] begins the character left out */
	}
	if (n)
		memcpy(a->motive, motive, n);
	a->motive[n] = '\0';
}

/* R-VAE-1: receipt of the file. */
int adm_receive(struct admissibility *a, const char *date,
	struct rule_error *err)
{
	if (!date_ok(date))
		return rule_fail(err, "", "received_on",
			"La date de réception du dossier de recevabilité est invalide (format AAAA-MM-JJ attendu).");
	memset(a, 0, sizeof *a);
	a->state = ADM_RECEIVED;
	snprintf(a->received_on, sizeof a->received_on, "%s", date);
	return 0;
}

/* R-VAE-1: decision on a received file. */
int adm_decide(struct admissibility *a, enum adm_state to, const char *date,
	const char *motive, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const char *since;

	if (to != ADM_ADMISSIBLE && to != ADM_NOT_ADMISSIBLE && to != ADM_INCOMPLETE)
		return rule_fail(err, "", "decision",
			"La décision de recevabilité doit être : recevable, non recevable ou incomplet.");
	if (a->state != ADM_RECEIVED)
		return rule_fail(err, "R-VAE-1", "decision",
			"Le dossier de recevabilité a déjà fait l'objet d'une décision (« %s ») : il ne peut plus être examiné%s.",
			adm_state_label(a->state),
			a->state == ADM_INCOMPLETE ? " avant d'avoir été complété" : "");
	if (!date_ok(date))
		return rule_fail(err, "", "decided_on",
			"La date de la décision de recevabilité est invalide (format AAAA-MM-JJ attendu).");
	since = *a->completed_on ? a->completed_on : a->received_on;
	if (date_cmp(date, since) < 0)
		return rule_fail(err, "R-VAE-1", "decided_on",
			"La décision du %s ne peut pas précéder la %s du dossier, le %s.",
			date_fr(date, d1), *a->completed_on ? "complétude" : "réception",
			date_fr(since, d2));
	if (to != ADM_ADMISSIBLE && (!motive || !*motive))
		return rule_fail(err, "R-VAE-1", "motive",
			to == ADM_INCOMPLETE ?
			"Une décision de dossier incomplet doit indiquer ce qui manque au candidat." :
			"Une décision de non-recevabilité doit être motivée.");
	a->state = to;
	snprintf(a->decided_on, sizeof a->decided_on, "%s", date);
	set_motive(a, to == ADM_ADMISSIBLE ? "" : motive);
	return 0;
}

/* R-VAE-1: completion of an incomplete file. */
int adm_complete(struct admissibility *a, const char *date,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (a->state != ADM_INCOMPLETE)
		return rule_fail(err, "R-VAE-1", "completed_on",
			"Seul un dossier de recevabilité déclaré incomplet peut être complété ; celui-ci est à l'état « %s ».",
			adm_state_label(a->state));
	if (!date_ok(date))
		return rule_fail(err, "", "completed_on",
			"La date de complétude du dossier est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, a->decided_on) < 0)
		return rule_fail(err, "R-VAE-1", "completed_on",
			"Le dossier ne peut pas avoir été complété le %s, avant la décision qui l'a déclaré incomplet le %s.",
			date_fr(date, d1), date_fr(a->decided_on, d2));
	a->state = ADM_RECEIVED;
	snprintf(a->completed_on, sizeof a->completed_on, "%s", date);
	a->motive[0] = '\0';
	return 0;
}

/* R-VAE-2: no information phase for a collective branch VAE. */
enum vae_phase vae_first_phase(enum vae_kind k)
{
	return k == VAE_BRANCH_COLLECTIVE ? VAE_PHASE_ADMISSIBILITY :
		VAE_PHASE_INFORMATION;
}

/* R-VAE-2: one step forward, into certification once admissible. */
int vae_phase_check(enum vae_kind k, enum vae_phase from, enum vae_phase to,
	const struct admissibility *adm, struct rule_error *err)
{
	enum vae_phase next;

	if ((unsigned)k >= VAE_KIND__MAX)
		return rule_fail(err, "", "vae_kind", "Le type de VAE est inconnu.");
	if ((unsigned)from >= VAE_PHASE__MAX || (unsigned)to >= VAE_PHASE__MAX ||
	    to == VAE_PHASE_NONE)
		return rule_fail(err, "", "phase", "La phase de VAE est inconnue.");
	if (k == VAE_BRANCH_COLLECTIVE && (from == VAE_PHASE_INFORMATION ||
	    to == VAE_PHASE_INFORMATION))
		return rule_fail(err, "R-VAE-2", "phase",
			"Une VAE de branche collective en entreprise n'a pas de phase d'accueil et d'information-orientation : elle commence par l'instruction de la recevabilité.");
	next = from == VAE_PHASE_NONE ? vae_first_phase(k) :
		from == VAE_PHASE_CERTIFICATION ? VAE_PHASE__MAX :
		(enum vae_phase)(from + 1);
	if (to != next) {
		if (from == VAE_PHASE_CERTIFICATION || to <= from)
			return rule_fail(err, "R-VAE-2", "phase",
				"Une VAE ne revient pas à une phase antérieure : elle est en phase « %s ».",
				vae_phase_label(from));
		return rule_fail(err, "R-VAE-2", "phase",
			"La phase « %s » doit précéder la phase « %s ».",
			vae_phase_label(next), vae_phase_label(to));
	}
	if (to == VAE_PHASE_CERTIFICATION && (!adm || adm->state != ADM_ADMISSIBLE))
		return rule_fail(err, "R-VAE-2", "phase",
			"La phase de certification ne commence qu'une fois le dossier déclaré recevable.");
	return 0;
}

/* R-VAE-3: admissible, evidence file in, chaired by the centre. */
int vae_commission_check(const struct vae_commission *c,
	const struct admissibility *adm, struct rule_error *err)
{
	if (!adm || adm->state != ADM_ADMISSIBLE)
		return rule_fail(err, "R-VAE-3", "admissibility",
			"La commission de validation ne peut se réunir que pour un candidat dont le dossier a été déclaré recevable.");
	if (!c->evidence_file)
		return rule_fail(err, "R-VAE-3", "evidence_file",
			"La commission de validation ne peut se réunir qu'une fois le dossier de preuves (livret 2) produit par le candidat.");
	if (c->chair_centre_id == 0 || c->chair_centre_id != c->centre_id)
		return rule_fail(err, "R-VAE-3", "chair",
			"La commission de validation doit être présidée par le représentant du centre de certification qui l'organise.");
	return 0;
}

/* Total, none or partial from the validated units. */
enum vae_conclusion vae_conclusion_of(const int *validated, size_t n)
{
	size_t yes = 0;

	for (size_t i = 0; i < n; i++)
		yes += validated[i] != 0;
	if (n && yes == n)
		return VAE_CONCL_TOTAL;
	return yes ? VAE_CONCL_PARTIAL : VAE_CONCL_NONE;
}

/* R-VAE-3: the declared conclusion matches the units. */
int vae_conclusion_check(enum vae_conclusion declared, const int *validated,
	size_t n, struct rule_error *err)
{
	enum vae_conclusion actual;

	if ((unsigned)declared >= VAE_CONCL__MAX)
		return rule_fail(err, "", "conclusion",
			"La conclusion doit être : validation totale, partielle ou aucune validation.");
	if (n == 0)
		return rule_fail(err, "", "units",
			"Les conclusions doivent porter sur au moins un bloc ou une compétence.");
	actual = vae_conclusion_of(validated, n);
	if (declared != actual)
		return rule_fail(err, "R-VAE-3", "conclusion",
			"La conclusion « %s » ne correspond pas aux blocs ou compétences validés, qui donnent : « %s ».",
			vae_conclusion_label(declared), vae_conclusion_label(actual));
	return 0;
}
