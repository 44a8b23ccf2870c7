/*
** Records to the GTP « Certifications » and their follow-up (see gtp.h).
*/
#include "core/gtp.h"
#include "core/evaluation.h"
#include <stdio.h>
#include <string.h>

static const char *const pieces_tab[GTP_PIECE__MAX][2] = {
	[GTP_PIECE_LETTER] = { "letter", "Lettre attestant la conformité des actions de validation (annexe 12)" },
	[GTP_PIECE_ATTENDANCE] = { "attendance", "Feuille d'émargement signée par les membres du jury (annexe 13)" },
	[GTP_PIECE_MINUTES] = { "minutes", "Procès-verbal du jury paritaire de délibération (annexe 14)" },
};

static const char *const statuses[GTP_STATUS__MAX][2] = {
	[GTP_NOT_DUE] = { "not_due", "Jury à venir" },
	[GTP_TO_SEND] = { "to_send", "À transmettre" },
	[GTP_OVERDUE] = { "overdue", "En retard" },
	[GTP_SENT] = { "sent", "Transmis dans le délai" },
	[GTP_SENT_LATE] = { "sent_late", "Transmis hors délai" },
};

static const char *const corrective[CORRECTIVE__MAX][2] = {
	[CORRECTIVE_SENT] = { "sent", "Adressée au jury" },
	[CORRECTIVE_APPLIED] = { "applied", "Mise en œuvre" },
	[CORRECTIVE_NOT_APPLIED] = { "not_applied", "Non mise en œuvre" },
};

static const char *const routes[AWARD_ROUTE__MAX][2] = {
	[AWARD_BY_JURY] = { "jury", "Attribuée par le jury paritaire de délibération" },
	[AWARD_WAITING_GTP] = { "waiting_gtp", "En attente de l'attribution par le GTP « Certifications »" },
	[AWARD_BY_GTP] = { "gtp", "Attribuée provisoirement par le GTP « Certifications »" },
};

/* Codes and labels of the enums. */
const char *gtp_piece_code(enum gtp_piece p) { return (unsigned)p < GTP_PIECE__MAX ? pieces_tab[p][0] : NULL; }
const char *gtp_piece_label(enum gtp_piece p) { return (unsigned)p < GTP_PIECE__MAX ? pieces_tab[p][1] : NULL; }
const char *gtp_status_code(enum gtp_status s) { return (unsigned)s < GTP_STATUS__MAX ? statuses[s][0] : NULL; }
const char *gtp_status_label(enum gtp_status s) { return (unsigned)s < GTP_STATUS__MAX ? statuses[s][1] : NULL; }
const char *corrective_state_code(enum corrective_state s) { return (unsigned)s < CORRECTIVE__MAX ? corrective[s][0] : NULL; }
const char *corrective_state_label(enum corrective_state s) { return (unsigned)s < CORRECTIVE__MAX ? corrective[s][1] : NULL; }
int corrective_state_from_code(const char *c) { return code_lookup(corrective, CORRECTIVE__MAX, c); }
const char *award_route_code(enum award_route r) { return (unsigned)r < AWARD_ROUTE__MAX ? routes[r][0] : NULL; }
const char *award_route_label(enum award_route r) { return (unsigned)r < AWARD_ROUTE__MAX ? routes[r][1] : NULL; }

/*
** R-GTP-1: "au plus tard dans les 2 mois suivant la date à laquelle s'est
** tenu le jury". A limit in months ends on the day of the last month that
** bears the same number as the jury's day, or on that month's last day
** when there is none, and runs until the end of that day (dates.h, Code
** de procédure civile art. 641 and 642).
*/
int gtp_records_due(const char *jury_date, char out[DATE_LEN],
	struct rule_error *err)
{
	out[0] = '\0';
	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (date_add_months(jury_date, GTP_RECORDS_MONTHS, out))
		return rule_fail(err, "", "jury_date",
			"La date limite de transmission sort du calendrier pris en charge.");
	return 0;
}

/* R-GTP-1: status on a given day. */
enum gtp_status gtp_records_status(const char *jury_date, const char *sent_on,
	const char *today)
{
	char due[DATE_LEN];

	if (gtp_records_due(jury_date, due, NULL) || !date_ok(today))
		return GTP_STATUS__MAX;
	if (sent_on && *sent_on) {
		if (!date_ok(sent_on))
			return GTP_STATUS__MAX;
		return date_cmp(sent_on, due) <= 0 ? GTP_SENT : GTP_SENT_LATE;
	}
	if (date_cmp(today, jury_date) < 0)
		return GTP_NOT_DUE;
	return date_cmp(today, due) <= 0 ? GTP_TO_SEND : GTP_OVERDUE;
}

/* 1 for the statuses that call for the centre's action. */
int gtp_status_pending(enum gtp_status s)
{
	return s == GTP_TO_SEND || s == GTP_OVERDUE;
}

/* R-GTP-1: the sending of the three records. */
int gtp_transmit_check(const char *jury_date, int minutes_signed,
	const int *pieces, const char *date, const char *today,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(date))
		return rule_fail(err, "", "sent_on",
			"La date de transmission est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(today))
		return rule_fail(err, "", "today", "La date du jour est invalide.");
	if (date_cmp(date, jury_date) < 0)
		return rule_fail(err, "R-GTP-1", "sent_on",
			"Les pièces du jury du %s ne peuvent pas être transmises le %s, avant le jury.",
			date_fr(jury_date, d1), date_fr(date, d2));
	if (date_cmp(date, today) > 0)
		return rule_fail(err, "R-GTP-1", "sent_on",
			"La date de transmission du %s est à venir : seule une transmission faite peut être enregistrée.",
			date_fr(date, d1));
	if (!minutes_signed)
		return rule_fail(err, "R-GTP-1", "minutes",
			"Le procès-verbal du jury n'est pas encore signé par le président : les pièces ne peuvent pas être transmises au GTP « Certifications ».");
	for (int p = 0; p < GTP_PIECE__MAX; p++)
		if (!pieces || !pieces[p])
			return rule_fail(err, "R-GTP-1", gtp_piece_code((enum gtp_piece)p),
				"Il manque une pièce à transmettre au GTP « Certifications » : %s.",
				gtp_piece_label((enum gtp_piece)p));
	return 0;
}

/* R-GTP-2: the GTP sends a corrective action. */
int gtp_corrective_send(struct corrective_action *a, const char *jury_date,
	const char *text, const char *date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const char *e;

	if ((e = v_long_text(text, GTP_TEXT_MAX, 0)))
		return rule_fail(err, "", "text",
			"Le texte de l'action corrective est invalide : %s.", e);
	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(date))
		return rule_fail(err, "", "sent_on",
			"La date de l'action corrective est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, jury_date) < 0)
		return rule_fail(err, "R-GTP-2", "sent_on",
			"Une action corrective du %s ne peut pas précéder le jury du %s qu'elle concerne.",
			date_fr(date, d1), date_fr(jury_date, d2));
	memset(a, 0, sizeof *a);
	a->state = CORRECTIVE_SENT;
	snprintf(a->sent_on, sizeof a->sent_on, "%s", date);
	return 0;
}

/*
** R-GTP-2: the follow-up. "Lorsque le jury ne met pas en œuvre les actions
** correctives": a finding of the GTP on a day, which later facts may
** change (not applied, then applied); an action found applied is closed.
*/
int gtp_corrective_follow(struct corrective_action *a, enum corrective_state to,
	const char *date, struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];
	const char *since;

	if (to != CORRECTIVE_APPLIED && to != CORRECTIVE_NOT_APPLIED)
		return rule_fail(err, "", "state",
			"Le suivi d'une action corrective la constate mise en œuvre ou non mise en œuvre.");
	if ((unsigned)a->state >= CORRECTIVE__MAX)
		return rule_fail(err, "", "state", "L'état de l'action corrective est inconnu.");
	if (a->state == CORRECTIVE_APPLIED)
		return rule_fail(err, "R-GTP-2", "state",
			"L'action corrective a déjà été constatée mise en œuvre : son suivi est clos.");
	if (a->state == to)
		return rule_fail(err, "R-GTP-2", "state",
			"L'action corrective est déjà constatée « %s ».", corrective_state_label(to));
	if (!date_ok(date))
		return rule_fail(err, "", "followed_on",
			"La date du suivi est invalide (format AAAA-MM-JJ attendu).");
	since = *a->followed_on ? a->followed_on : a->sent_on;
	if (date_cmp(date, since) < 0)
		return rule_fail(err, "R-GTP-2", "followed_on",
			"Un suivi du %s ne peut pas précéder l'étape précédente, le %s.",
			date_fr(date, d1), date_fr(since, d2));
	a->state = to;
	snprintf(a->followed_on, sizeof a->followed_on, "%s", date);
	return 0;
}

/* 1 if w covers date: from ≤ date, and date < until or not restored. */
static int withdrawn_on(const struct gtp_withdrawal *w, const char *date)
{
	if (!date_ok(w->from) || date_cmp(w->from, date) > 0)
		return 0;
	return !*w->until || date_cmp(date, w->until) < 0;
}

/*
** R-GTP-2: "la CPNEFP peut lui retirer sa capacité d'attribuer les
** certifications". The jury paritaire is the centre's: the withdrawal
** concerns every jury of that centre held while it lasts. The text does
** not say how it ends; the capacity is given back by a decision of the
** same kind (gtp_restore), which the GTP's "provisoirement" implies.
*/
int gtp_capacity_on(const struct gtp_withdrawal *w, size_t n, const char *date)
{
	if (!date_ok(date))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (withdrawn_on(&w[i], date))
			return 0;
	return 1;
}

/* R-GTP-2: withdrawal after a corrective action not applied. */
int gtp_withdraw(const struct corrective_action *a, size_t na,
	const struct gtp_withdrawal *w, size_t n, const char *date,
	struct gtp_withdrawal *out, struct rule_error *err)
{
	char d1[DATE_LEN];
	int ground = 0;

	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date du retrait est invalide (format AAAA-MM-JJ attendu).");
	for (size_t i = 0; i < n; i++)
		if (!*w[i].until || date_cmp(date, w[i].until) < 0)
			return rule_fail(err, "R-GTP-2", "date",
				"La capacité d'attribuer les certifications est déjà retirée au jury de ce centre depuis le %s.",
				date_fr(w[i].from, d1));
	for (size_t i = 0; i < na; i++)
		if (a[i].state == CORRECTIVE_NOT_APPLIED && date_cmp(a[i].followed_on, date) <= 0)
			ground = 1;
	if (!ground)
		return rule_fail(err, "R-GTP-2", "corrective",
			"La capacité d'attribuer ne peut être retirée qu'à un jury qui n'a pas mis en œuvre une action corrective du GTP « Certifications ».");
	memset(out, 0, sizeof *out);
	snprintf(out->from, sizeof out->from, "%s", date);
	return 0;
}

/* R-GTP-2: the capacity given back. */
int gtp_restore(struct gtp_withdrawal *open, const char *date,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (*open->until)
		return rule_fail(err, "R-GTP-2", "date",
			"Ce retrait a déjà pris fin le %s.", date_fr(open->until, d1));
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date de la restitution est invalide (format AAAA-MM-JJ attendu).");
	if (date_cmp(date, open->from) <= 0)
		return rule_fail(err, "R-GTP-2", "date",
			"La capacité retirée le %s ne peut être rendue que le lendemain au plus tôt, pas le %s.",
			date_fr(open->from, d1), date_fr(date, d2));
	snprintf(open->until, sizeof open->until, "%s", date);
	return 0;
}

/*
** R-GTP-2: "Dans ce cas, le GTP « Certifications » assure provisoirement
** leur attribution." A jury is judged on the day it sat: its decisions
** stand, but what they award is attributed by the GTP, and until then
** no certificate is issued. A jury that sat with its capacity keeps it
** for its awards even if the capacity is withdrawn afterwards.
*/
enum award_route gtp_award_route(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, const char *gtp_attributed_on)
{
	if (gtp_capacity_on(w, n, jury_date))
		return AWARD_BY_JURY;
	return gtp_attributed_on && *gtp_attributed_on ? AWARD_BY_GTP :
		AWARD_WAITING_GTP;
}

/* R-GTP-2: certificates wait for the GTP. */
int gtp_issue_check(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, const char *gtp_attributed_on,
	struct rule_error *err)
{
	char d1[DATE_LEN];

	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (gtp_award_route(w, n, jury_date, gtp_attributed_on) == AWARD_WAITING_GTP)
		return rule_fail(err, "R-GTP-2", "capacity",
			"Le jury du %s n'avait plus la capacité d'attribuer les certifications : les certificats attendent l'attribution provisoire par le GTP « Certifications ».",
			date_fr(jury_date, d1));
	return 0;
}

/* R-GTP-2: the GTP's provisional attribution. */
int gtp_attribution_check(const struct gtp_withdrawal *w, size_t n,
	const char *jury_date, int minutes_signed, int records_sent,
	const char *already_attributed_on, const char *date,
	struct rule_error *err)
{
	char d1[DATE_LEN], d2[DATE_LEN];

	if (!date_ok(jury_date))
		return rule_fail(err, "", "jury_date",
			"La date du jury est invalide (format AAAA-MM-JJ attendu).");
	if (!date_ok(date))
		return rule_fail(err, "", "date",
			"La date de l'attribution est invalide (format AAAA-MM-JJ attendu).");
	if (gtp_capacity_on(w, n, jury_date))
		return rule_fail(err, "R-GTP-2", "capacity",
			"Le jury du %s avait la capacité d'attribuer les certifications : le GTP « Certifications » n'a pas à les attribuer à sa place.",
			date_fr(jury_date, d1));
	if (already_attributed_on && *already_attributed_on)
		return rule_fail(err, "R-GTP-2", "date",
			"Le GTP « Certifications » a déjà attribué les certifications de ce jury le %s.",
			date_fr(already_attributed_on, d1));
	if (!minutes_signed)
		return rule_fail(err, "R-GTP-2", "minutes",
			"Le procès-verbal du jury n'est pas signé : le GTP « Certifications » attribue d'après le procès-verbal signé.");
	if (!records_sent)
		return rule_fail(err, "R-GTP-1", "records",
			"Les pièces du jury n'ont pas été transmises au GTP « Certifications » : il ne peut pas encore attribuer les certifications.");
	if (date_cmp(date, jury_date) < 0)
		return rule_fail(err, "R-GTP-2", "date",
			"Une attribution du %s ne peut pas précéder le jury du %s.",
			date_fr(date, d1), date_fr(jury_date, d2));
	return 0;
}
