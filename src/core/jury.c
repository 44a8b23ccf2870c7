/*
** The jury paritaire de délibération (see jury.h): composition, notices,
** planning, sitting, decisions, signature and corrections.
*/
#include "core/jury.h"
#include "core/evaluation.h"
#include "core/registration.h"
#include "core/validate.h"
#include <stdio.h>
#include <string.h>

static const char *const roles[JROLE__MAX][2] = {
	[JROLE_EMPLOYER] = { "employer", "Membre de la délégation patronale" },
	[JROLE_UNION] = { "union", "Représentant d'une organisation syndicale" },
	[JROLE_TUTOR] = { "tutor", "Tuteur du candidat (invité)" },
	[JROLE_TRAINING_BODY] = { "training_body", "Représentant des organismes de formation habilités (invité)" },
	[JROLE_EVALUATOR] = { "evaluator", "Membre de la commission d'évaluation (invité)" },
};

static const char *const sides[SIDE__MAX][2] = {
	[SIDE_EMPLOYER] = { "employer", "Délégation patronale" },
	[SIDE_EMPLOYEE] = { "employee", "Délégation syndicale" },
	[SIDE_INVITED] = { "invited", "Invité sans voix délibérative" },
};

static const char *const branches[BRANCH__MAX][2] = {
	[BRANCH_METALLURGY] = { "metallurgy", "Branche de la métallurgie" },
	[BRANCH_TEMPORARY_WORK] = { "temporary_work", "Branche du travail temporaire" },
};

static const char *const jstates[JURY_STATE__MAX][2] = {
	[JURY_PLANNED] = { "planned", "Prévu" },
	[JURY_SITTING] = { "sitting", "En séance" },
	[JURY_SIGNED] = { "signed", "Procès-verbal signé" },
};

static const char *const verdicts[VERDICT__MAX][2] = {
	[VERDICT_NONE] = { "", "Sans décision" },
	[VERDICT_ADMITTED] = { "A", "Admis" },
	[VERDICT_NOT_ADMITTED] = { "NA", "Non admis" },
};

static const char *const ballots[BALLOT__MAX][2] = {
	[BALLOT_FOR] = { "for", "Pour" },
	[BALLOT_AGAINST] = { "against", "Contre" },
	[BALLOT_ABSTAIN] = { "abstain", "Abstention" },
};

static const char *const dstates[DECISION__MAX][2] = {
	[DECISION_NONE] = { "none", "Sans décision" },
	[DECISION_PROVISIONAL] = { "provisional", "Décision en séance (provisoire)" },
	[DECISION_FINAL] = { "final", "Décision définitive" },
	[DECISION_SUPERSEDED] = { "superseded", "Décision rectifiée (conservée)" },
};

/* Codes and labels of the enums. */
const char *jury_role_code(enum jury_role r) { return (unsigned)r < JROLE__MAX ? roles[r][0] : NULL; }
const char *jury_role_label(enum jury_role r) { return (unsigned)r < JROLE__MAX ? roles[r][1] : NULL; }
int jury_role_from_code(const char *c) { return code_lookup(roles, JROLE__MAX, c); }
const char *jury_side_code(enum jury_side s) { return (unsigned)s < SIDE__MAX ? sides[s][0] : NULL; }
const char *jury_side_label(enum jury_side s) { return (unsigned)s < SIDE__MAX ? sides[s][1] : NULL; }
const char *jury_branch_code(enum jury_branch b) { return (unsigned)b < BRANCH__MAX ? branches[b][0] : NULL; }
const char *jury_branch_label(enum jury_branch b) { return (unsigned)b < BRANCH__MAX ? branches[b][1] : NULL; }
int jury_branch_from_code(const char *c) { return code_lookup(branches, BRANCH__MAX, c); }
const char *jury_state_code(enum jury_state s) { return (unsigned)s < JURY_STATE__MAX ? jstates[s][0] : NULL; }
const char *jury_state_label(enum jury_state s) { return (unsigned)s < JURY_STATE__MAX ? jstates[s][1] : NULL; }
int jury_state_from_code(const char *c) { return code_lookup(jstates, JURY_STATE__MAX, c); }
const char *jury_verdict_code(enum jury_verdict v) { return (unsigned)v < VERDICT__MAX ? verdicts[v][0] : NULL; }
const char *jury_verdict_label(enum jury_verdict v) { return (unsigned)v < VERDICT__MAX ? verdicts[v][1] : NULL; }
const char *jury_ballot_code(enum jury_ballot b) { return (unsigned)b < BALLOT__MAX ? ballots[b][0] : NULL; }
const char *jury_ballot_label(enum jury_ballot b) { return (unsigned)b < BALLOT__MAX ? ballots[b][1] : NULL; }
int jury_ballot_from_code(const char *c) { return code_lookup(ballots, BALLOT__MAX, c); }
const char *decision_state_code(enum decision_state s) { return (unsigned)s < DECISION__MAX ? dstates[s][0] : NULL; }
const char *decision_state_label(enum decision_state s) { return (unsigned)s < DECISION__MAX ? dstates[s][1] : NULL; }

/* R-JUR-11: exactly "A" or "NA"; nothing else is a verdict. */
int jury_verdict_from_code(const char *code)
{
	if (!code)
		return -1;
	if (!strcmp(code, "A"))
		return VERDICT_ADMITTED;
	if (!strcmp(code, "NA"))
		return VERDICT_NOT_ADMITTED;
	return -1;
}

/* R-JUR-3, R-JUR-4, R-JUR-6: the side of each role. */
enum jury_side jury_role_side(enum jury_role r)
{
	switch (r) {
	case JROLE_EMPLOYER:
		return SIDE_EMPLOYER;
	case JROLE_UNION:
		return SIDE_EMPLOYEE;
	case JROLE_TUTOR:
	case JROLE_TRAINING_BODY:
	case JROLE_EVALUATOR:
		return SIDE_INVITED;
	default:
		return SIDE__MAX;
	}
}

/*
** R-JUR-9: "L'UIMM territoriale centre de certification convoque les
** membres du jury" — the members are the two delegations (the president
** is one of the employer delegation). The invited of R-JUR-6 are "invités
** … pour consultation": the text sets no delay for them.
*/
int jury_member_convened(enum jury_role r)
{
	return r == JROLE_EMPLOYER || r == JROLE_UNION;
}

/* R-JUR-9: "La convocation est également adressée à l'organisation
** syndicale territoriale qui les a mandatés." */
const char *jury_convocation_copy_to(const struct jury_member *m)
{
	return m && m->role == JROLE_UNION && m->union_code && *m->union_code ?
		m->union_code : NULL;
}

/* Name of a member, for messages. */
static const char *who(const struct jury_member *m)
{
	return m->name && *m->name ? m->name : "?";
}

/* 1 if code is in list[0..n). */
static int in_list(const char *code, const char *const *list, size_t n)
{
	if (!code || !*code)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (list[i] && !strcmp(list[i], code))
			return 1;
	return 0;
}

/* Well-formedness of one member; 0 or -1 with err. */
static int member_check(const struct jury_member *m, size_t i,
	struct rule_error *err)
{
	const char *e;

	if ((e = v_text(m->name, JURY_NAME_MAX, 0)))
		return rule_fail(err, "", "name",
			"Le nom du membre n° %zu du jury est invalide : %s.", i + 1, e);
	if ((unsigned)m->role >= JROLE__MAX)
		return rule_fail(err, "", "role",
			"La qualité de %s dans le jury est inconnue.", who(m));
	if (jury_role_side(m->role) != SIDE_INVITED &&
	    (unsigned)m->branch >= BRANCH__MAX)
		return rule_fail(err, "", "branch",
			"La branche professionnelle de %s est inconnue.", who(m));
	if (m->role == JROLE_UNION && (e = v_text(m->union_code, UNION_CODE_MAX, 0)))
		return rule_fail(err, "", "union",
			"L'organisation syndicale qui a mandaté %s est invalide : %s.", who(m), e);
	if (m->convened_on && *m->convened_on && !date_ok(m->convened_on))
		return rule_fail(err, "", "convened_on",
			"La date de convocation de %s est invalide (format AAAA-MM-JJ attendu).", who(m));
	return 0;
}

/*
** R-JUR-3, R-JUR-4, R-JUR-6, R-JUR-7 over a whole composition.
**
** Interpretations, each at its rule:
** - R-JUR-7 "présidé par un représentant désigné par l'UIMM territoriale"
**   and "en cas de partage des voix, celle du Président est
**   prépondérante": the president votes (else he could not break a tie),
**   and he belongs to the employer delegation, the only members the UIMM
**   designates (the union representatives are designated by their unions,
**   R-JUR-4). He counts among the delegation's five (or its temporary-work
**   member).
** - R-JUR-4 "seul un représentant par organisation syndicale siège dans
**   le jury avec droit de vote": of the metallurgy representatives one
**   union designated for this jury, exactly one is marked voting (the one
**   it sends; sending the other one is a change of composition, R-JUR-8).
**   A union that designated nobody is simply absent. The temporary-work
**   member of the union delegation ("un membre supplémentaire") is
**   supplementary: he is not counted in his union's single vote.
** - R-JUR-5 counts "those who vote": an employer member may sit without a
**   vote, which is how the centre keeps the delegations even when fewer
**   unions come; all of them count in the limit of five.
*/
static int composition_check(const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions, int whole, struct rule_error *err)
{
	int emp_metal = 0, emp_tt = 0, union_tt = 0, presidents = 0;
	const struct jury_member *president = NULL;

	if (n > JURY_MAX_MEMBERS)
		return rule_fail(err, "", "members",
			"Un jury compte au plus %d personnes, membres et invités.", JURY_MAX_MEMBERS);
	if (nunions > JURY_MAX_UNIONS)
		return rule_fail(err, "", "unions",
			"La liste des organisations syndicales représentatives compte plus de %d organisations.",
			JURY_MAX_UNIONS);
	for (size_t i = 0; i < n; i++) {
		const struct jury_member *x = &m[i];

		if (member_check(x, i, err))
			return -1;
		if (jury_role_side(x->role) == SIDE_INVITED) {
			/* R-JUR-6 */
			if (x->votes || x->president)
				return rule_fail(err, "R-JUR-6", "votes",
					"%s est un invité : il est consulté mais ne prend part ni à la décision du jury ni à sa présidence.",
					who(x));
			continue;
		}
		if (x->president) {
			presidents++;
			president = x;
		}
		if (x->role == JROLE_EMPLOYER) {
			/* R-JUR-3 */
			if (x->branch == BRANCH_METALLURGY && ++emp_metal > JURY_MAX_EMPLOYER_METALLURGY)
				return rule_fail(err, "R-JUR-3", "members",
					"La délégation patronale compte au plus %d membres de la branche de la métallurgie : %s serait le sixième.",
					JURY_MAX_EMPLOYER_METALLURGY, who(x));
			if (x->branch == BRANCH_TEMPORARY_WORK && ++emp_tt > JURY_MAX_TEMPORARY_WORK)
				return rule_fail(err, "R-JUR-3", "members",
					"La délégation patronale ne compte qu'un membre de la branche du travail temporaire : %s serait le deuxième.",
					who(x));
			continue;
		}
		/* R-JUR-4: a union representative */
		if (!in_list(x->union_code, unions, nunions))
			return rule_fail(err, "R-JUR-4", "union",
				"L'organisation syndicale « %s » qui a mandaté %s n'est pas représentative des salariés dans la branche.",
				x->union_code, who(x));
		if (x->branch == BRANCH_TEMPORARY_WORK) {
			if (++union_tt > JURY_MAX_TEMPORARY_WORK)
				return rule_fail(err, "R-JUR-4", "members",
					"La délégation syndicale ne compte qu'un membre de la branche du travail temporaire : %s serait le deuxième.",
					who(x));
		} else if (!x->branch_employee) {
			return rule_fail(err, "R-JUR-4", "branch_employee",
				"%s doit être salarié d'une entreprise relevant de la branche de la métallurgie pour représenter l'organisation syndicale %s.",
				who(x), x->union_code);
		}
	}
	/* R-JUR-4: one vote per union among its metallurgy representatives */
	for (size_t i = 0; i < n; i++) {
		int designated = 0, voting = 0, first = 1;

		if (m[i].role != JROLE_UNION || m[i].branch != BRANCH_METALLURGY)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (m[j].role != JROLE_UNION || m[j].branch != BRANCH_METALLURGY ||
			    strcmp(m[j].union_code, m[i].union_code))
				continue;
			if (j < i)
				first = 0;
			designated++;
			voting += m[j].votes != 0;
		}
		if (!first)
			continue;
		if (voting > 1)
			return rule_fail(err, "R-JUR-4", "votes",
				"L'organisation syndicale %s a %d représentants avec voix délibérative : un seul représentant par organisation siège avec droit de vote.",
				m[i].union_code, voting);
		if (voting == 0 && whole)
			return rule_fail(err, "R-JUR-4", "votes",
				"Aucun des %d représentants désignés par l'organisation syndicale %s n'a voix délibérative : l'un d'eux siège avec droit de vote.",
				designated, m[i].union_code);
	}
	/* R-JUR-7 */
	if (presidents == 0 && !whole)
		return 0;
	if (presidents == 0)
		return rule_fail(err, "R-JUR-7", "president",
			"Le jury n'a pas de président : le centre désigne le président parmi les membres de la délégation patronale.");
	if (presidents > 1)
		return rule_fail(err, "R-JUR-7", "president",
			"Le jury a %d présidents : le centre n'en désigne qu'un.", presidents);
	if (president->role != JROLE_EMPLOYER)
		return rule_fail(err, "R-JUR-7", "president",
			"%s, mandaté par une organisation syndicale, ne peut pas présider le jury : le président est un représentant désigné par le centre, membre de la délégation patronale.",
			who(president));
	if (!president->votes)
		return rule_fail(err, "R-JUR-7", "president",
			"Le président %s doit avoir voix délibérative : sa voix est prépondérante en cas de partage des voix.",
			who(president));
	return 0;
}

int jury_composition_check(const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions, struct rule_error *err)
{
	return composition_check(m, n, unions, nunions, 1, err);
}

/* While the composition is built up, member by member: what adding one
** can break is refused; what a later addition can mend (no president
** yet, a union whose voting representative is not named yet) is not. */
int jury_composition_partial_check(const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions, struct rule_error *err)
{
	return composition_check(m, n, unions, nunions, 0, err);
}

/* Voting members on each side. */
void jury_vote_count(const struct jury_member *m, size_t n, int present_only,
	int *employer, int *employee)
{
	int e = 0, s = 0;

	for (size_t i = 0; i < n; i++) {
		if (!m[i].votes || (present_only && !m[i].present))
			continue;
		if (m[i].role == JROLE_EMPLOYER)
			e++;
		else if (m[i].role == JROLE_UNION)
			s++;
	}
	if (employer)
		*employer = e;
	if (employee)
		*employee = s;
}

/* "membre votant" or its plural. */
static const char *plural_membre(int k)
{
	return k > 1 ? "membres votants" : "membre votant";
}

/*
** R-JUR-5: "50 % de représentants des salariés, 50 % de représentants
** des employeurs" among those who vote. Counted on the members present:
** a jury whose delegations are even on paper but not in the room cannot
** decide.
*/
int jury_parity_check(const struct jury_member *m, size_t n,
	struct rule_error *err)
{
	int e, s;

	jury_vote_count(m, n, 1, &e, &s);
	if (e == 0 || s == 0)
		return rule_fail(err, "R-JUR-5", "attendance",
			"Le jury ne peut pas délibérer : aucun %s n'est présent avec voix délibérative, alors que le jury est paritaire.",
			e == 0 ? "membre de la délégation patronale" : "représentant des salariés");
	if (e != s)
		return rule_fail(err, "R-JUR-5", "attendance",
			"Le jury ne peut pas délibérer : %d %s pour la délégation patronale et %d %s pour les salariés sont présents, alors qu'un jury paritaire compte autant de voix de chaque côté.",
			e, plural_membre(e), s, plural_membre(s));
	return 0;
}

/* R-JUR-1, R-JUR-9: jury_date − 15 days. */
int jury_notice_deadline(const char *jury_date, char out[DATE_LEN])
{
	return date_add_days(jury_date, -JURY_NOTICE_DAYS, out);
}

/* Days from a to b (b − a); 0 or -1 on an invalid date. */
static int days_between(const char *a, const char *b, long *out)
{
	long da, db;

	if (date_to_days(a, &da) || date_to_days(b, &db))
		return -1;
	*out = db - da;
	return 0;
}

/*
** R-JUR-1, R-JUR-9: "au moins 15 jours calendaires avant la date du jury"
** (R-JUR-1) and "15 jours calendaires avant la date de tenue du jury"
** (R-JUR-9, read as the same minimum: a convocation sent earlier is
** better, not irregular). Calendar days are counted from the day the
** notice leaves to the jury's day: a notice of 1 March for a jury of
** 16 March leaves 15 days before and is on time; one of 2 March leaves 14
** and is late. Weekends and holidays count, months and years are crossed
** by day numbers (dates.h), so 29 February counts as one day.
** what names the notice ("La convocation"), what_of the same after "de"
** ("la convocation"), of names its addressee.
*/
static int notice_check(const char *rule, const char *field, const char *what,
	const char *what_of, const char *of, const char *jury_date,
	const char *sent_on, struct rule_error *err)
{
	char d1[DATE_LEN], d3[DATE_LEN], d4[DATE_LEN];
	char last[DATE_LEN], moved[DATE_LEN];
	long days;

	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(sent_on))
		return rule_fail(err, "", field,
			"La date d'envoi de %s est invalide (format AAAA-MM-JJ attendu).", what_of);
	if (days_between(sent_on, jury_date, &days))
		return rule_fail(err, "", field, "Les dates sont invalides.");
	if (days >= JURY_NOTICE_DAYS)
		return 0;
	jury_notice_deadline(jury_date, last);
	if (date_add_days(sent_on, JURY_NOTICE_DAYS, moved))
		snprintf(moved, sizeof moved, "?");
	return rule_fail(err, rule, field,
		"%s %s part trop tard le %s : le dernier jour est le %s, %d jours calendaires avant le jury, qui sinon doit être déplacé au %s au plus tôt.",
		what, of, date_fr(sent_on, d1), date_fr(last, d3), JURY_NOTICE_DAYS,
		date_fr(moved, d4));
}

/* R-JUR-1: one designation request. */
int jury_request_check(const char *jury_date, const char *sent_on,
	const char *union_code, struct rule_error *err)
{
	char of[96];

	snprintf(of, sizeof of, "à l'organisation syndicale %s",
		union_code && *union_code ? union_code : "?");
	return notice_check("R-JUR-1", "requested_on", "La demande de désignation",
		"la demande de désignation", of, jury_date, sent_on, err);
}

/* R-JUR-9: one convocation. */
int jury_convocation_check(const char *jury_date, const char *sent_on,
	const char *member, struct rule_error *err)
{
	char of[JURY_NAME_MAX * 4 + 8];

	snprintf(of, sizeof of, "de %s", member && *member ? member : "?");
	return notice_check("R-JUR-9", "convened_on", "La convocation",
		"la convocation", of,
		jury_date, sent_on, err);
}

/* The earliest request sent to union_code, or NULL. */
static const char *request_of(const char *union_code,
	const struct union_request *req, size_t nreq)
{
	const char *best = NULL;

	for (size_t i = 0; i < nreq; i++) {
		if (!req[i].union_code || strcmp(req[i].union_code, union_code) ||
		    !req[i].sent_on || !date_ok(req[i].sent_on))
			continue;
		if (!best || date_cmp(req[i].sent_on, best) < 0)
			best = req[i].sent_on;
	}
	return best;
}

/*
** R-JUR-1: "La demande doit être formulée auprès des organisations
** syndicales territoriales de chaque organisation syndicale
** représentative" — every one, not only those that answer.
*/
int jury_requests_check(const char *jury_date, const char *const *unions,
	size_t nunions, const struct union_request *req, size_t nreq,
	struct rule_error *err)
{
	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (nunions == 0)
		return rule_fail(err, "R-JUR-1", "unions",
			"La liste des organisations syndicales représentatives des salariés dans la branche est vide : la demande de désignation ne peut être adressée à personne.");
	for (size_t i = 0; i < nunions; i++) {
		const char *u = unions[i] ? unions[i] : "?";
		const char *sent = request_of(u, req, nreq);

		if (!sent)
			return rule_fail(err, "R-JUR-1", "requested_on",
				"La demande de désignation n'a pas été adressée à l'organisation syndicale %s : chaque organisation représentative des salariés dans la branche est sollicitée.",
				u);
		if (jury_request_check(jury_date, sent, u, err))
			return -1;
	}
	return 0;
}

/*
** R-JUR-8: "À chaque changement de la composition du jury […], ainsi qu'à
** chaque changement notable du calendrier prévisionnel, la CPREFP est
** informée". The calendar is the juries' dates: moving a jury is taken as
** a notable change whatever the number of days (the software cannot
** weigh "notable"; informing once too often breaks no rule). A change of
** place, or of the candidates examined, changes neither the composition
** nor the calendar.
*/
int jury_change_informs_cprefp(enum jury_change c)
{
	return c == CHANGE_DATE || c == CHANGE_MEMBERS || c == CHANGE_PRESIDENT;
}

/* The arrows of the diagram in jury.h. */
int jury_transition_allowed(enum jury_state from, enum jury_state to)
{
	return (from == JURY_PLANNED && (to == JURY_PLANNED || to == JURY_SITTING)) ||
		(from == JURY_SITTING && to == JURY_SIGNED);
}

/* -1 with err if the jury is not in state want. */
static int state_is(const struct jury_session *s, enum jury_state want,
	const char *action, struct rule_error *err)
{
	if ((unsigned)s->state >= JURY_STATE__MAX)
		return rule_fail(err, "", "state", "L'état du jury est inconnu.");
	if (s->state != want)
		return rule_fail(err, "R-JUR-11", "state",
			"Le jury est à l'état « %s » : %s n'est possible qu'à l'état « %s ».",
			jury_state_label(s->state), action, jury_state_label(want));
	return 0;
}

/* The earliest day a jury may be planned or moved to from today. */
static int earliest_day(const char *today, char out[DATE_LEN])
{
	return date_add_days(today, JURY_NOTICE_DAYS, out);
}

/*
** R-JUR-2, R-JUR-1. "Le calendrier prévisionnel peut être annuel,
** semestriel, trimestriel…": the software keeps one dated entry per jury;
** the only limit it can check is the delay of the designation request,
** which cannot leave before the jury is planned.
*/
int jury_plan(struct jury_session *s, int64_t centre_id, const char *date,
	const char *today, struct rule_error *err)
{
	char first[DATE_LEN], d1[DATE_LEN], d2[DATE_LEN];

	if (!date_ok(today))
		return rule_fail(err, "", "today", "La date du jour est invalide.");
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (centre_id <= 0)
		return rule_fail(err, "", "centre", "Le centre de certification du jury est inconnu.");
	if (earliest_day(today, first))
		return rule_fail(err, "", "today", "La date du jour sort du calendrier pris en charge.");
	if (date_cmp(date, first) < 0)
		return rule_fail(err, "R-JUR-1", "date",
			"Un jury prévu le %s ne laisse pas %d jours calendaires pour demander aux organisations syndicales de désigner leurs représentants : la première date possible est le %s.",
			date_fr(date, d1), JURY_NOTICE_DAYS, date_fr(first, d2));
	memset(s, 0, sizeof *s);
	s->state = JURY_PLANNED;
	s->centre_id = centre_id;
	snprintf(s->date, sizeof s->date, "%s", date);
	return 0;
}

/*
** R-JUR-9, R-JUR-1, R-JUR-8: moving a jury. The convocations name the day
** of the jury: once it changes they are void and go again, at least 15
** days before the new day — so the new day is at least today + 15, which
** also leaves time to ask again a union whose request would now be late.
** Only a planned jury moves: a sitting or signed one has been held.
*/
int jury_move(struct jury_session *s, const char *new_date, const char *today,
	const struct union_request *req, size_t nreq,
	struct jury_move_effects *fx, struct rule_error *err)
{
	char first[DATE_LEN], d1[DATE_LEN], d2[DATE_LEN];
	size_t resend = 0;

	if (state_is(s, JURY_PLANNED, "le déplacer", err))
		return -1;
	if (!date_ok(today))
		return rule_fail(err, "", "today", "La date du jour est invalide.");
	if (!date_ok(new_date))
		return rule_fail(err, "", "date",
			"La nouvelle date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (!strcmp(new_date, s->date))
		return rule_fail(err, "", "date",
			"Le jury est déjà prévu le %s.", date_fr(new_date, d1));
	if (earliest_day(today, first))
		return rule_fail(err, "", "today", "La date du jour sort du calendrier pris en charge.");
	if (date_cmp(new_date, first) < 0)
		return rule_fail(err, "R-JUR-9", "date",
			"Le jury ne peut pas être déplacé au %s : les membres doivent être convoqués de nouveau au moins %d jours calendaires avant, la première date possible est donc le %s.",
			date_fr(new_date, d1), JURY_NOTICE_DAYS, date_fr(first, d2));
	for (size_t i = 0; i < nreq; i++) {
		long days;
		if (!req[i].sent_on || !date_ok(req[i].sent_on))
			continue;
		if (days_between(req[i].sent_on, new_date, &days) || days < JURY_NOTICE_DAYS)
			resend++;
	}
	memset(fx, 0, sizeof *fx);
	fx->inform_cprefp = jury_change_informs_cprefp(CHANGE_DATE);
	fx->reconvene = 1;
	fx->requests_to_resend = resend;
	jury_notice_deadline(new_date, fx->last_notice_day);
	snprintf(s->date, sizeof s->date, "%s", new_date);
	return 0;
}

/* 1 if id is in ids[0..n). */
static int id_in(int64_t id, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/*
** R-JUR-2, R-INS-2 and the completeness of the evaluations. The jury
** "examine la synthèse des évaluations" (R-JUR-11): a candidate comes to
** it once that synthesis is whole — every competence of his registration
** with a result (R-EVA-5), the company's opinion where it is part of the
** evaluation (R-EVA-3), and for a VAE the validation commission's
** conclusions (R-VAE-3). Candidates are added while the jury is planned;
** the list is closed when the sitting opens (the anonymous codes are
** drawn on it, R-JUR-10).
*/
int jury_candidate_check(const struct jury_session *s, const int64_t *certs,
	size_t ncerts, const struct jury_candidate *c, struct rule_error *err)
{
	if (state_is(s, JURY_PLANNED, "y présenter un candidat", err))
		return -1;
	if (c->centre_id != s->centre_id)
		return rule_fail(err, "R-JUR-2", "centre",
			"Le candidat est inscrit auprès d'un autre centre de certification : un jury n'examine que les candidats de son centre.");
	if (!id_in(c->certification_id, certs, ncerts))
		return rule_fail(err, "R-JUR-2", "certification",
			"Le jury n'examine pas la certification à laquelle le candidat est inscrit : ajoutez-la d'abord au jury.");
	if (!c->registration_active)
		return rule_fail(err, "R-JUR-2", "registration",
			"L'inscription du candidat n'est plus en cours : elle a été close, retirée ou abandonnée.");
	if (jury_after_registration_check(c->registered_on, s->date, err))
		return -1;
	if (c->not_evaluated > 0)
		return rule_fail(err, "R-JUR-2", "evaluations",
			"Les évaluations du candidat ne sont pas terminées : %zu compétence%s n'%s pas encore de résultat.",
			c->not_evaluated, c->not_evaluated > 1 ? "s" : "",
			c->not_evaluated > 1 ? "ont" : "a");
	if (c->opinion_required && !c->opinion_given)
		return rule_fail(err, "R-EVA-3", "company_opinion",
			"L'avis de l'entreprise sur le candidat n'est pas encore recueilli : il complète les évaluations présentées au jury.");
	if (c->vae && !c->vae_conclusions)
		return rule_fail(err, "R-VAE-3", "vae_commission",
			"La commission de validation n'a pas encore rendu ses conclusions au jury sur ce candidat.");
	return 0;
}

/*
** R-JUR-5, R-JUR-7, R-JUR-9, R-JUR-1: opening of the sitting.
** "Today" may be after the jury's day: the centre may enter the sitting
** from the paper minutes; never before it. A member present must have
** been convened in time (R-JUR-9): the convocation cannot be recorded
** late (jury_convocation_check), so a member without one was not
** convened and cannot sit as a member.
*/
int jury_open(struct jury_session *s, const struct jury_member *m, size_t n,
	const char *const *unions, size_t nunions,
	const struct union_request *req, size_t nreq, size_t ncandidates,
	const char *today, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const struct jury_member *president = NULL;

	if (state_is(s, JURY_PLANNED, "l'ouverture de la séance", err))
		return -1;
	if (!date_ok(today))
		return rule_fail(err, "", "today", "La date du jour est invalide.");
	if (date_cmp(today, s->date) < 0)
		return rule_fail(err, "R-JUR-11", "date",
			"La séance du jury prévu le %s ne peut pas s'ouvrir le %s, avant sa date.",
			date_fr(s->date, d1), date_fr(today, d2));
	if (ncandidates == 0)
		return rule_fail(err, "R-JUR-2", "candidates",
			"Le jury n'a aucun candidat à examiner.");
	if (jury_composition_check(m, n, unions, nunions, err))
		return -1;
	if (jury_requests_check(s->date, unions, nunions, req, nreq, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (m[i].president)
			president = &m[i];
		if (!m[i].present || !jury_member_convened(m[i].role))
			continue;
		if (!m[i].convened_on || !*m[i].convened_on)
			return rule_fail(err, "R-JUR-9", "convened_on",
				"%s n'a pas été convoqué à ce jury : seuls les membres convoqués au moins %d jours calendaires avant siègent.",
				who(&m[i]), JURY_NOTICE_DAYS);
		if (jury_convocation_check(s->date, m[i].convened_on, m[i].name, err))
			return -1;
	}
	if (!president->present)
		return rule_fail(err, "R-JUR-7", "attendance",
			"Le jury ne peut pas délibérer sans son président %s, dont la voix est prépondérante en cas de partage des voix.",
			who(president));
	if (jury_parity_check(m, n, err))
		return -1;
	s->state = JURY_SITTING;
	snprintf(s->opened_on, sizeof s->opened_on, "%s", today);
	return 0;
}

/* R-JUR-11 (1): "Vérifie que l'organisation des actions d'évaluation est
** conforme au présent dispositif et au référentiel". */
int jury_record_conformity(struct jury_session *s, struct rule_error *err)
{
	if (state_is(s, JURY_SITTING, "la vérification de la conformité des évaluations", err))
		return -1;
	s->conformity_checked = 1;
	return 0;
}

/*
** R-JUR-11, R-JUR-7. The dispositif says who breaks a tie ("en cas de
** partage des voix, celle du Président est prépondérante") but not how
** the other cases are decided: the majority of the votes cast for and
** against, abstentions aside, is the usual rule of deliberative bodies.
** Every voting member present votes (an abstention is a vote cast), so
** the three counts add up to the voters present. When the votes for and
** against are equal (everyone abstaining included), the president must
** have voted for or against: his abstention would leave the tie open.
*/
int jury_votes_verdict(const struct jury_votes *v, enum jury_ballot president,
	int voters, enum jury_verdict *out, int *casting, struct rule_error *err)
{
	long total;

	if (v->for_admission < 0 || v->against < 0 || v->abstentions < 0)
		return rule_fail(err, "", "votes", "Un nombre de voix ne peut pas être négatif.");
	if ((unsigned)president >= BALLOT__MAX)
		return rule_fail(err, "", "president_vote", "Le vote du président est inconnu.");
	total = (long)v->for_admission + v->against + v->abstentions;
	if (total != voters)
		return rule_fail(err, "R-JUR-11", "votes",
			"Les voix exprimées (%d pour, %d contre, %d abstentions) doivent compter chacun des %d membres votants présents.",
			v->for_admission, v->against, v->abstentions, voters);
	if ((president == BALLOT_FOR && v->for_admission == 0) ||
	    (president == BALLOT_AGAINST && v->against == 0) ||
	    (president == BALLOT_ABSTAIN && v->abstentions == 0))
		return rule_fail(err, "R-JUR-7", "president_vote",
			"Le vote du président (« %s ») ne figure pas dans le décompte des voix.",
			jury_ballot_label(president));
	*casting = 0;
	if (v->for_admission > v->against) {
		*out = VERDICT_ADMITTED;
	} else if (v->against > v->for_admission) {
		*out = VERDICT_NOT_ADMITTED;
	} else {
		if (president == BALLOT_ABSTAIN)
			return rule_fail(err, "R-JUR-7", "president_vote",
				"Les voix sont partagées (%d pour, %d contre) : le président, dont la voix est prépondérante, doit voter pour ou contre.",
				v->for_admission, v->against);
		*out = president == BALLOT_FOR ? VERDICT_ADMITTED : VERDICT_NOT_ADMITTED;
		*casting = 1;
	}
	return 0;
}

/* The verdict of sheet b, checked against the votes of the voting
** members present of m[0..n); 0 or -1 with err. */
static int sheet_verdict(const struct jury_member *m, size_t n,
	const struct jury_ballot_sheet *b, enum jury_verdict *out, int *casting,
	struct rule_error *err)
{
	enum jury_verdict from_votes;
	int declared, e, s;

	declared = jury_verdict_from_code(b->verdict);
	if (declared < 0)
		return rule_fail(err, "R-JUR-11", "verdict",
			"La décision du jury est « A » (admis) ou « NA » (non admis), aucune autre valeur.");
	jury_vote_count(m, n, 1, &e, &s);
	if (jury_votes_verdict(&b->votes, b->president, e + s, &from_votes, casting, err))
		return -1;
	if ((int)from_votes != declared)
		return rule_fail(err, "R-JUR-11", "verdict",
			"Les voix (%d pour, %d contre, %d abstentions%s) donnent « %s » : la décision « %s » ne leur correspond pas.",
			b->votes.for_admission, b->votes.against, b->votes.abstentions,
			*casting ? ", voix du président prépondérante" : "",
			jury_verdict_code(from_votes), b->verdict);
	*out = from_votes;
	return 0;
}

/* R-JUR-11, R-JUR-5, R-JUR-7: one decision during the sitting. */
int jury_decide(const struct jury_session *s, const struct jury_member *m,
	size_t n, const struct jury_ballot_sheet *b, const char *date,
	struct jury_decision *d, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	enum jury_verdict v;
	int casting;

	if (d->state == DECISION_FINAL || d->state == DECISION_SUPERSEDED)
		return rule_fail(err, "R-JUR-11", "decision",
			"La décision est définitive depuis la signature du procès-verbal : elle ne peut être modifiée que par une rectification motivée.");
	if (state_is(s, JURY_SITTING, "une décision", err))
		return -1;
	if (!s->conformity_checked)
		return rule_fail(err, "R-JUR-11", "conformity",
			"Le jury vérifie d'abord que les évaluations ont été organisées conformément au dispositif et au référentiel, puis il décide.");
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date de la décision est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, s->date) < 0)
		return rule_fail(err, "R-JUR-11", "date",
			"Une décision du %s ne peut pas précéder le jury du %s.",
			date_fr(date, d1), date_fr(s->date, d2));
	if (jury_parity_check(m, n, err))
		return -1;
	if (sheet_verdict(m, n, b, &v, &casting, err))
		return -1;
	memset(d, 0, sizeof *d);
	d->state = DECISION_PROVISIONAL;
	d->verdict = v;
	d->votes = b->votes;
	d->president = b->president;
	d->casting = casting;
	snprintf(d->decided_on, sizeof d->decided_on, "%s", date);
	return 0;
}

/* The president of m[0..n), or NULL. */
static const struct jury_member *president_of(const struct jury_member *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].president)
			return &m[i];
	return NULL;
}

/* R-JUR-11: "Le président du jury paritaire de délibération signe le
** procès-verbal de délibération de jury." */
int jury_sign(struct jury_session *s, const struct jury_member *m, size_t n,
	struct jury_decision *d, size_t nd, const char *date,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const struct jury_member *p;
	size_t missing = 0;

	if (state_is(s, JURY_SITTING, "la signature du procès-verbal", err))
		return -1;
	if (!s->conformity_checked)
		return rule_fail(err, "R-JUR-11", "conformity",
			"Le procès-verbal ne peut pas être signé : le jury n'a pas vérifié la conformité des évaluations.");
	if (!date_ok(date))
		return rule_fail(err, "", "signed_on",
			"La date de signature est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, s->date) < 0)
		return rule_fail(err, "R-JUR-11", "signed_on",
			"Le procès-verbal ne peut pas être signé le %s, avant le jury du %s.",
			date_fr(date, d1), date_fr(s->date, d2));
	p = president_of(m, n);
	if (!p || !p->present)
		return rule_fail(err, "R-JUR-11", "president",
			"Seul le président du jury, présent à la séance, signe le procès-verbal.");
	if (nd == 0)
		return rule_fail(err, "R-JUR-11", "decisions",
			"Le procès-verbal ne peut pas être signé sans aucune décision.");
	for (size_t i = 0; i < nd; i++)
		if (d[i].state != DECISION_PROVISIONAL)
			missing++;
	if (missing)
		return rule_fail(err, "R-JUR-11", "decisions",
			"Le procès-verbal ne peut pas être signé : %zu candidat%s sans décision du jury.",
			missing, missing > 1 ? "s restent" : " reste");
	for (size_t i = 0; i < nd; i++)
		d[i].state = DECISION_FINAL;
	s->state = JURY_SIGNED;
	snprintf(s->signed_on, sizeof s->signed_on, "%s", date);
	return 0;
}

/*
** R-JUR-11: "Le jury paritaire de délibération est souverain": after the
** signature nobody decides in its place. A correction rectifies the
** minutes — an error in recording what the jury decided — so it states
** the votes of the members who sat, and it keeps the decision it
** replaces (superseded, with its date), so that the minutes and the
** certificates issued from them can be traced.
*/
int jury_correct(const struct jury_session *s, const struct jury_member *m,
	size_t n, struct jury_decision *old, const struct jury_ballot_sheet *b,
	const char *motive, const char *date, struct jury_decision *out,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	struct jury_decision nd;
	enum jury_verdict v;
	const char *e;
	int casting;

	if (state_is(s, JURY_SIGNED, "une rectification", err))
		return -1;
	if (old->state != DECISION_FINAL)
		return rule_fail(err, "R-JUR-11", "decision",
			"Seule la décision en vigueur, définitive, peut être rectifiée ; celle-ci est à l'état « %s ».",
			decision_state_label(old->state));
	if ((e = v_long_text(motive, JURY_MOTIVE_MAX, 0)))
		return rule_fail(err, "R-JUR-11", "motive",
			"Une rectification après la signature du procès-verbal doit être motivée : %s.", e);
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date de la rectification est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, s->signed_on) < 0)
		return rule_fail(err, "R-JUR-11", "date",
			"Une rectification du %s ne peut pas précéder la signature du procès-verbal, le %s.",
			date_fr(date, d1), date_fr(s->signed_on, d2));
	if (sheet_verdict(m, n, b, &v, &casting, err))
		return -1;
	if (v == old->verdict && b->votes.for_admission == old->votes.for_admission &&
	    b->votes.against == old->votes.against &&
	    b->votes.abstentions == old->votes.abstentions && b->president == old->president)
		return rule_fail(err, "R-JUR-11", "verdict",
			"La rectification ne change ni la décision ni les voix : il n'y a rien à rectifier.");
	memset(&nd, 0, sizeof nd);
	nd.state = DECISION_FINAL;
	nd.verdict = v;
	nd.votes = b->votes;
	nd.president = b->president;
	nd.casting = casting;
	nd.revision = old->revision + 1;
	snprintf(nd.decided_on, sizeof nd.decided_on, "%s", date);
	snprintf(nd.motive, sizeof nd.motive, "%s", motive);
	old->state = DECISION_SUPERSEDED;
	snprintf(old->superseded_on, sizeof old->superseded_on, "%s", date);
	*out = nd;
	return 0;
}

/*
** R-JUR-10: "L'UIMM territoriale centre de certification garantit
** l'anonymat des candidats" (ch. 3 §3, before the decision). The jury
** decides on anonymous codes; once the president has signed, the minutes
** (annex 14) carry the names, so the members may see them.
*/
int jury_identity_visible(enum role viewer, enum jury_state s)
{
	switch (viewer) {
	case ROLE_JURY:
		return s == JURY_SIGNED;
	case ROLE_ADMIN:
	case ROLE_CENTRE:
	case ROLE_EVALUATOR:
	case ROLE_TRAINING_BODY:
		return 1;
	default:
		return 0;
	}
}

/* splitmix64: a small, well-mixed generator fed by the seed. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform number in 0..bound-1 (bound > 0), by rejection. */
static uint64_t uniform(uint64_t *x, uint64_t bound)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound, r;

	do
		r = splitmix64(x);
	while (r >= limit);
	return r % bound;
}

/* R-JUR-10: Fisher–Yates shuffle of 1..n drawn from seed. */
int jury_anon_numbers(uint64_t seed, size_t n, size_t *perm)
{
	uint64_t x = seed;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		perm[i] = i + 1;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)uniform(&x, (uint64_t)i + 1), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	return 0;
}

/* R-JUR-10: "C-007". */
void jury_anon_code(size_t k, char out[JURY_ANON_LEN])
{
	snprintf(out, JURY_ANON_LEN, "C-%03zu", k);
}
