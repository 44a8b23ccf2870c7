/*
** The VAE of a registration (R-VAE-1..3): the admissibility file
** (dossier de recevabilité, CERFA 12818*02) recorded by the centre on its
** receipt, the decision on it and its communication to the candidate, the
** phases of the path, the evidence file (livret 2) and the validation
** commission with its conclusions to the jury.
**
** The rules are the core's (core/vae.c): the state machine of the file
** (adm_receive, adm_decide, adm_complete), the order of the phases
** (vae_phase_check), the commission (vae_commission_check) and its
** conclusions (vae_conclusion_check). What this file adds is the edge
** (every field of the form checked, with limits), the rights and scope,
** and the communication of each decision, without which nothing proceeds.
**
** The phase of a path is derived, never stored (R-VAE-2):
**   no file yet                              → the kind's first phase
**                                              (information; admissibility
**                                              for a collective branch VAE)
**   a file, not yet admissible and told      → admissibility
**   declared admissible and told the candidate → certification
*/
#include "service/svc.h"
#include "service/svc_int.h"
#include "core/registration.h"
#include "core/results.h"
#include "core/text.h"
#include "core/vae.h"
#include "core/validate.h"
#include "store/store_vae.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nz(const char *v)
{
	return v ? v : "";
}

static json_t *str_or_null(const char *v)
{
	return v && *v ? json_string(v) : json_null();
}

/* Codes of the form ---------------------------------------------------------- */

/* Status of an activity (CERFA 12818*02; Code du travail, art. L. 6411-1:
** the activities taken into account for a VAE). */
static const char *const statuses[][2] = {
	{ "salarie", "Salarié" },
	{ "non_salarie", "Non salarié" },
	{ "benevole", "Bénévole" },
	{ "volontaire", "Volontaire" },
	{ "sportif", "Sportif de haut niveau" },
	{ "syndical", "Responsabilités syndicales" },
	{ "elu", "Mandat électoral local ou fonction élective locale" },
	{ "stage", "Période de formation en milieu professionnel" },
};
#define NSTATUSES ((int)(sizeof statuses / sizeof statuses[0]))

static const char *const units_of_time[][2] = {
	{ "hours", "heures" },
	{ "months", "mois" },
};

/* How a decision reaches the candidate. */
static const char *const means_tab[][2] = {
	{ "courrier", "Courrier" },
	{ "courriel", "Courriel" },
	{ "remise", "Remise en main propre" },
};
#define NMEANS ((int)(sizeof means_tab / sizeof means_tab[0]))

const char *vae_status_label(const char *code)
{
	int i = code_lookup(statuses, NSTATUSES, code);
	return i < 0 ? "" : statuses[i][1];
}

const char *vae_status_code(int i)
{
	return i >= 0 && i < NSTATUSES ? statuses[i][0] : NULL;
}

const char *vae_means_label(const char *code)
{
	int i = code_lookup(means_tab, NMEANS, code);
	return i < 0 ? "" : means_tab[i][1];
}

const char *vae_means_code(int i)
{
	return i >= 0 && i < NMEANS ? means_tab[i][0] : NULL;
}

/* The admissibility form (CERFA 12818*02) ------------------------------------- */

/* One item of a list of the form: experiences[i], training[i]… */
struct item {
	struct svc *s;
	const char *list;   /* JSON key of the list */
	const char *noun;   /* French: "Expérience" */
	size_t i;           /* from 0 */
};

/* Fails on member key of the item: "Expérience 2 — employeur : msg." */
static int item_fail(const struct item *it, const char *key, const char *what,
	const char *msg)
{
	char field[64];
	snprintf(field, sizeof field, "%s[%zu].%s", it->list, it->i, key);
	return svc_fail(it->s, SVC_INVALID, field, NULL, "%s %zu — %s : %s.",
		it->noun, it->i + 1, what, msg);
}

/* Only the members named in keys (NULL-terminated). */
static int item_keys(const struct item *it, const json_t *o, const char *const *keys)
{
	const char *k;
	json_t *v;
	char field[64];

	if (!json_is_object(o)) {
		snprintf(field, sizeof field, "%s[%zu]", it->list, it->i);
		return svc_fail(it->s, SVC_INVALID, field, NULL,
			"%s %zu : un objet JSON est attendu.", it->noun, it->i + 1);
	}
	json_object_foreach((json_t *)o, k, v) {
		const char *const *p;
		for (p = keys; *p && strcmp(*p, k); p++)
			;
		if (*p)
			continue;
		snprintf(field, sizeof field, "%s[%zu]", it->list, it->i);
		if (strlen(k) <= 40 && utf8_valid(k, strlen(k)))
			return svc_fail(it->s, SVC_INVALID, field, NULL,
				"%s %zu : la rubrique « %s » n'existe pas dans le formulaire.",
				it->noun, it->i + 1, k);
		return svc_fail(it->s, SVC_INVALID, field, NULL,
			"%s %zu : une rubrique inconnue du formulaire est donnée.", it->noun, it->i + 1);
	}
	return 0;
}

/* The text member key: "" when absent or null; NULL after failing when
** it is not a string. */
static const char *item_str(const struct item *it, const json_t *o, const char *key,
	const char *what)
{
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return "";
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
		item_fail(it, key, what, "du texte est attendu");
		return NULL;
	}
	return json_string_value(v);
}

/* A one-line text of at most max characters. */
static int item_text(const struct item *it, const json_t *o, const char *key,
	const char *what, size_t max, int optional, json_t *out)
{
	const char *v = item_str(it, o, key, what), *m;
	if (!v)
		return -1;
	if ((m = v_text(v, max, optional)))
		return item_fail(it, key, what, m);
	json_object_set_new(out, key, json_string(v));
	return 0;
}

/* A whole number within [min, max], written as a number or in digits. */
static int item_count(const struct item *it, const json_t *o, const char *key,
	const char *what, long min, long max, long *out)
{
	const json_t *v = json_object_get(o, key);
	char msg[120];
	long n = -1;

	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
		return item_fail(it, key, what, "ce champ est obligatoire");
	if (json_is_integer(v)) {
		json_int_t x = json_integer_value(v);
		n = x >= min && x <= max ? (long)x : -1;
	} else if (json_is_string(v)) {
		n = parse_count(json_string_value(v), min, max);
	}
	if (n < 0) {
		snprintf(msg, sizeof msg, "un nombre entier de %ld à %ld est attendu", min, max);
		return item_fail(it, key, what, msg);
	}
	*out = n;
	return 0;
}

/* A date, not after limit ("" for none); optional allows "". */
static int item_date(const struct item *it, const json_t *o, const char *key,
	const char *what, int optional, const char *limit, const char *limit_what,
	json_t *out)
{
	const char *v = item_str(it, o, key, what), *m;
	char msg[160], d[DATE_LEN];
	if (!v)
		return -1;
	if (!*v && optional) {
		json_object_set_new(out, key, json_null());
		return 0;
	}
	if (!*v)
		return item_fail(it, key, what, "ce champ est obligatoire");
	if ((m = v_date(v)))
		return item_fail(it, key, what, "une date au format AAAA-MM-JJ est attendue");
	if (limit && *limit && date_cmp(v, limit) > 0) {
		snprintf(msg, sizeof msg, "la date ne peut pas être postérieure à %s (%s)",
			limit_what, date_fr(limit, d));
		return item_fail(it, key, what, msg);
	}
	json_object_set_new(out, key, json_string(v));
	return 0;
}

/* A code of tab (n rows) named in list (French "a, b ou c"). */
static int item_code(const struct item *it, const json_t *o, const char *key,
	const char *what, const char *const (*tab)[2], int n, const char *list,
	json_t *out)
{
	const char *v = item_str(it, o, key, what);
	char msg[300];
	if (!v)
		return -1;
	if (!*v)
		return item_fail(it, key, what, "ce champ est obligatoire");
	if (code_lookup(tab, n, v) < 0) {
		snprintf(msg, sizeof msg, "choisissez %s", list);
		return item_fail(it, key, what, msg);
	}
	json_object_set_new(out, key, json_string(v));
	return 0;
}

/* A text of several lines (activities): UTF-8, no control character but
** line breaks (CR LF kept as LF), 1..max characters. Returns the French
** fault or NULL; *out is the normalised text (caller frees). */
static const char *v_lines(const char *s, size_t max, int optional, char **out)
{
	size_t n = strlen(s), o = 0;
	char *t;

	*out = NULL;
	if (!n)
		return optional ? NULL : "ce champ est obligatoire";
	if (!utf8_valid(s, n))
		return "texte invalide (UTF-8 mal formé ou caractère de contrôle)";
	t = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			t[o++] = '\n';
			if (s[i + 1] == '\n')
				i++;
		} else if (s[i] == '\t') {
			t[o++] = ' ';
		} else {
			t[o++] = s[i];
		}
	}
	t[o] = '\0';
	if (utf8_len(t) > max) {
		free(t);
		return "texte trop long";
	}
	*out = t;
	return NULL;
}

static int item_lines(const struct item *it, const json_t *o, const char *key,
	const char *what, size_t max, int optional, json_t *out)
{
	const char *v = item_str(it, o, key, what), *m;
	char *t;
	if (!v)
		return -1;
	if ((m = v_lines(v, max, optional, &t)))
		return item_fail(it, key, what, m);
	json_object_set_new(out, key, json_string(t ? t : ""));
	free(t);
	return 0;
}

static const char *const experience_keys[] = { "title", "employer", "status", "start",
	"end", "duration", "duration_unit", "activities", NULL };
static const char *const training_keys[] = { "title", "body", "year", "certificate", NULL };
static const char *const prior_keys[] = { "certification", "units", "date", NULL };

/* One experience (emploi, activité bénévole…) into out. */
static int experience_check(const struct item *it, const json_t *o,
	const char *received_on, json_t *out)
{
	json_t *tmp;
	char unit[8];
	long duration;

	if (item_keys(it, o, experience_keys) ||
	    item_text(it, o, "title", "emploi ou fonction", 200, 0, out) ||
	    item_text(it, o, "employer", "employeur ou structure", 300, 0, out) ||
	    item_code(it, o, "status", "statut", statuses, NSTATUSES,
		"salarie, non_salarie, benevole, volontaire, sportif, syndical, elu ou stage", out) ||
	    item_date(it, o, "start", "début de la période", 0, received_on,
		"la réception du dossier", out) ||
	    item_date(it, o, "end", "fin de la période", 1, received_on,
		"la réception du dossier", out))
		return -1;
	if (json_is_string(json_object_get(out, "end")) &&
	    date_cmp(jstr(out, "end"), jstr(out, "start")) < 0)
		return item_fail(it, "end", "fin de la période", "la fin précède le début");
	tmp = json_object();
	if (item_code(it, o, "duration_unit", "unité de durée", units_of_time, 2,
		"hours (heures) ou months (mois)", tmp)) {
		json_decref(tmp);
		return -1;
	}
	snprintf(unit, sizeof unit, "%s", jstr(tmp, "duration_unit"));
	json_decref(tmp);
	if (item_count(it, o, "duration", "durée", 1, !strcmp(unit, "hours") ? 100000 : 600,
		&duration))
		return -1;
	json_object_set_new(out, "duration", json_integer(duration));
	json_object_set_new(out, "duration_unit", json_string(unit));
	return item_lines(it, o, "activities", "activités exercées", 4000, 0, out);
}

static int training_check(const struct item *it, const json_t *o,
	const char *received_on, json_t *out)
{
	int y = 0;
	long year;
	date_parse(received_on, &y, NULL, NULL);
	if (item_keys(it, o, training_keys) ||
	    item_text(it, o, "title", "intitulé de la formation", 200, 0, out) ||
	    item_text(it, o, "body", "organisme de formation", 200, 0, out) ||
	    item_count(it, o, "year", "année", 1900, y ? y : 2200, &year))
		return -1;
	json_object_set_new(out, "year", json_integer(year));
	return item_text(it, o, "certificate", "diplôme ou certificat obtenu", 200, 1, out);
}

static int prior_check(const struct item *it, const json_t *o,
	const char *received_on, json_t *out)
{
	if (item_keys(it, o, prior_keys) ||
	    item_text(it, o, "certification", "certification", 200, 0, out) ||
	    item_text(it, o, "units", "blocs ou unités validés", 400, 0, out) ||
	    item_date(it, o, "date", "date de la validation", 0, received_on,
		"la réception du dossier", out))
		return -1;
	return 0;
}

typedef int (*item_check_fn)(const struct item *it, const json_t *o,
	const char *received_on, json_t *out);

/* One list of the form: an array of at most max items (min 1 when
** required), each checked by fn into a new array. */
static int list_check(struct svc *s, const json_t *cerfa, const char *key,
	const char *noun, const char *title, size_t max, int required,
	item_check_fn fn, const char *received_on, json_t *out)
{
	const json_t *arr = json_object_get(cerfa, key), *o;
	json_t *list = json_array();
	size_t i;

	json_object_set_new(out, key, list);
	if (!arr || json_is_null(arr))
		arr = NULL;
	else if (!json_is_array(arr))
		return svc_fail(s, SVC_INVALID, key, NULL, "%s : une liste est attendue.", title);
	if (required && !json_array_size(arr))
		return svc_fail(s, SVC_INVALID, key, "R-VAE-1",
			"%s : indiquez au moins une expérience en rapport avec la certification visée.",
			title);
	if (json_array_size(arr) > max)
		return svc_fail(s, SVC_INVALID, key, NULL, "%s : %zu au plus.", title, max);
	json_array_foreach(arr, i, o) {
		struct item it = { s, key, noun, i };
		json_t *one = json_object();
		json_array_append_new(list, one);
		if (fn(&it, o, received_on, one))
			return -1;
	}
	return 0;
}

/*
** Checks the CERFA data against the form (doc/vae-file.md) and returns its
** canonical form in *out (members in the form's order, unknown members
** refused), or -1 with the field at fault.
*/
static int cerfa_check(struct svc *s, const json_t *cerfa, const char *received_on,
	json_t **out)
{
	static const char *const keys[] = { "experiences", "training",
		"prior_validations", NULL };
	const char *k;
	json_t *v, *o;

	*out = NULL;
	if (!json_is_object(cerfa))
		return svc_fail(s, SVC_INVALID, "cerfa", NULL,
			"Dossier de recevabilité : un objet JSON {\"experiences\", \"training\", "
			"\"prior_validations\"} est attendu.");
	json_object_foreach((json_t *)cerfa, k, v) {
		const char *const *p;
		for (p = keys; *p && strcmp(*p, k); p++)
			;
		if (!*p)
			return svc_fail(s, SVC_INVALID, "cerfa", NULL,
				"Dossier de recevabilité : seules les rubriques experiences, training et "
				"prior_validations sont attendues.");
	}
	o = json_object();
	if (list_check(s, cerfa, "experiences", "Expérience", "Expériences",
		VAE_MAX_EXPERIENCES, 1, experience_check, received_on, o) ||
	    list_check(s, cerfa, "training", "Formation", "Formations suivies",
		VAE_MAX_TRAINING, 0, training_check, received_on, o) ||
	    list_check(s, cerfa, "prior_validations", "Validation antérieure",
		"Validations partielles antérieures", VAE_MAX_PRIOR, 0, prior_check,
		received_on, o)) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

/* The CERFA data stored, with the labels of its codes, for showing. */
static json_t *cerfa_shown(const char *text)
{
	json_error_t jerr;
	json_t *c = text && *text ? json_loads(text, 0, &jerr) : NULL, *e;
	size_t i;

	if (!json_is_object(c)) {
		json_decref(c);
		c = json_object();
	}
	if (!json_is_array(json_object_get(c, "experiences")))
		json_object_set_new(c, "experiences", json_array());
	if (!json_is_array(json_object_get(c, "training")))
		json_object_set_new(c, "training", json_array());
	if (!json_is_array(json_object_get(c, "prior_validations")))
		json_object_set_new(c, "prior_validations", json_array());
	json_array_foreach(json_object_get(c, "experiences"), i, e) {
		int u = code_lookup(units_of_time, 2, jstr(e, "duration_unit"));
		json_object_set_new(e, "status_label", json_string(vae_status_label(jstr(e, "status"))));
		json_object_set_new(e, "duration_unit_label", json_string(u < 0 ? "" : units_of_time[u][1]));
	}
	return c;
}

/* The registration and its file ------------------------------------------------ */

struct vae_ctx {
	struct reg_row *reg;
	struct vae_file_row file;
	int has_file;
	struct admissibility adm;
	enum vae_kind kind;
};

static void ctx_release(struct vae_ctx *x)
{
	free(x->reg);
	vae_file_release(&x->file);
}

/* The file's row into the core's state machine. */
static void adm_of_row(const struct vae_file_row *f, struct admissibility *a)
{
	int st = adm_state_from_code(f->state);
	memset(a, 0, sizeof *a);
	a->state = st < 0 ? ADM_RECEIVED : (enum adm_state)st;
	snprintf(a->received_on, sizeof a->received_on, "%s", f->received_on);
	snprintf(a->completed_on, sizeof a->completed_on, "%s", f->completed_on);
	snprintf(a->decided_on, sizeof a->decided_on, "%s", f->decided_on);
	snprintf(a->motive, sizeof a->motive, "%s", f->motive);
}

static void row_of_adm(const struct admissibility *a, struct vae_file_row *f)
{
	snprintf(f->state, sizeof f->state, "%s", adm_state_code(a->state));
	snprintf(f->received_on, sizeof f->received_on, "%s", a->received_on);
	snprintf(f->completed_on, sizeof f->completed_on, "%s", a->completed_on);
	snprintf(f->decided_on, sizeof f->decided_on, "%s", a->decided_on);
	snprintf(f->motive, sizeof f->motive, "%s", a->motive);
}

/* R-VAE-2: the phase the path is in. */
static enum vae_phase phase_of(enum vae_kind kind, int has_file,
	const struct admissibility *a, const char *communicated_on)
{
	if (!has_file)
		return vae_first_phase(kind);
	if (a->state == ADM_ADMISSIBLE && *communicated_on)
		return VAE_PHASE_CERTIFICATION;
	return VAE_PHASE_ADMISSIBILITY;
}

/*
** Loads registration rid and its VAE file into x. For a write (write 1)
** the registration must be of the actor's centre and still open; for a
** read, visible to the actor. A registration of another route is refused.
*/
static int ctx_load(struct svc *s, int64_t rid, int write, struct vae_ctx *x)
{
	int found, k;

	memset(x, 0, sizeof *x);
	x->reg = xcalloc(1, sizeof *x->reg);
	if (svc_reg_load(s, rid, write ? REACH_CENTRE : REACH_SEE, x->reg))
		return -1;
	if (strcmp(x->reg->route, "vae"))
		return svc_fail(s, SVC_INVALID, "registration", NULL,
			"L'inscription n° %lld n'est pas une inscription par la VAE : elle n'a pas de dossier de recevabilité.",
			(long long)rid);
	k = vae_kind_from_code(x->reg->vae_kind);
	if (k < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL,
			"Le type de VAE de l'inscription n° %lld est illisible.", (long long)rid);
	x->kind = (enum vae_kind)k;
	if (write && svc_reg_open(s, x->reg, "son parcours de VAE ne change plus"))
		return -1;
	found = store_vae_file_get(s->st, rid, &x->file);
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL,
			"Lecture du dossier de recevabilité impossible.");
	x->has_file = found;
	if (found)
		adm_of_row(&x->file, &x->adm);
	return 0;
}

/* R-VAE-1: a decision, a completion or a commission needs a file. */
static int need_file(struct svc *s, const struct vae_ctx *x)
{
	if (x->has_file)
		return 0;
	return svc_fail(s, SVC_RULE, "received_on", "R-VAE-1",
		"Aucun dossier de recevabilité n'a été reçu pour l'inscription n° %lld : le centre l'enregistre d'abord à sa réception.",
		(long long)x->reg->id);
}

static int need_writer(struct svc *s)
{
	if (perm_allows(s->actor.role, PERM_DOSSIER_WRITE))
		return 0;
	return svc_fail(s, SVC_DENIED, NULL, NULL,
		"Seul le centre de certification instruit les dossiers de VAE.");
}

/* A date of the past or today: field, its French name. */
static int past_date(struct svc *s, const char *field, const char *what,
	const char *date)
{
	char today[DATE_LEN];
	if (!date || !*date)
		return svc_fail(s, SVC_INVALID, field, NULL, "%s : ce champ est obligatoire.", what);
	if (v_date(date))
		return svc_fail(s, SVC_INVALID, field, NULL,
			"%s : une date au format AAAA-MM-JJ est attendue.", what);
	svc_today(s, today);
	if (date_cmp(date, today) > 0)
		return svc_fail(s, SVC_INVALID, field, NULL,
			"%s : la date ne peut pas être à venir.", what);
	return 0;
}

static int file_put(struct svc *s, struct vae_ctx *x)
{
	int rc;
	row_of_adm(&x->adm, &x->file);
	x->file.registration_id = x->reg->id;
	svc_now_iso(s, x->file.updated_at);
	rc = store_vae_file_put(s->st, &x->file);
	return rc ? svc_store_failed(s, rc, "Enregistrement du dossier de recevabilité") : 0;
}

/* Commits with the audit event of the candidate; object candidat:N. */
static int commit(struct svc *s, const struct vae_ctx *x, const char *action,
	json_t *detail)
{
	char object[48];
	snprintf(object, sizeof object, "candidat:%lld", (long long)x->reg->candidate_id);
	json_object_set_new(detail, "registration", json_integer(x->reg->id));
	return svc_commit_audit(s, action, object, detail);
}

/* The file on receipt (R-VAE-1) ------------------------------------------------ */

int svc_vae_file(struct svc *s, int64_t rid, const char *received_on,
	const json_t *cerfa)
{
	struct vae_ctx x;
	struct rule_error err;
	json_t *canon = NULL;
	char *text = NULL, d1[DATE_LEN], d2[DATE_LEN];
	int rc = -1, replaced;

	memset(&x, 0, sizeof x);
	if (need_writer(s) ||
	    past_date(s, "received_on", "Date de réception du dossier", received_on) ||
	    cerfa_check(s, cerfa, received_on, &canon))
		goto out;
	if (svc_begin(s))
		goto out;
	if (ctx_load(s, rid, 1, &x))
		goto rollback;
	/* R-VAE-1: the centre registers the candidate on receipt, so the
	** file is not received before the registration */
	if (date_cmp(received_on, x.reg->registered_on) < 0) {
		svc_fail(s, SVC_RULE, "received_on", "R-VAE-1",
			"Le dossier de recevabilité ne peut pas avoir été reçu le %s, avant l'inscription du candidat le %s.",
			date_fr(received_on, d1), date_fr(x.reg->registered_on, d2));
		goto rollback;
	}
	replaced = x.has_file;
	if (!x.has_file) {
		/* R-VAE-2: the path moves into the admissibility phase (a
		** collective branch VAE begins there) */
		enum vae_phase from = vae_first_phase(x.kind);
		if (from != VAE_PHASE_ADMISSIBILITY &&
		    vae_phase_check(x.kind, from, VAE_PHASE_ADMISSIBILITY, NULL, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
		if (adm_receive(&x.adm, received_on, &err)) {
			svc_rule_failed(s, &err);
			goto rollback;
		}
	} else if (x.adm.state == ADM_ADMISSIBLE || x.adm.state == ADM_NOT_ADMISSIBLE) {
		svc_fail(s, SVC_RULE, "cerfa", "R-VAE-1",
			"Le dossier de recevabilité a été déclaré « %s » le %s : cette décision est définitive et le dossier ne se remplace plus.",
			adm_state_label(x.adm.state), date_fr(x.adm.decided_on, d1));
		goto rollback;
	} else if (*x.adm.decided_on) {
		/* examined once: the new content is kept, the receipt date is
		** the one the decision ran from */
		if (strcmp(received_on, x.adm.received_on)) {
			svc_fail(s, SVC_RULE, "received_on", "R-VAE-1",
				"Le dossier a été reçu le %s et a déjà fait l'objet d'une décision : sa date de réception ne change plus.",
				date_fr(x.adm.received_on, d1));
			goto rollback;
		}
	} else if (adm_receive(&x.adm, received_on, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	text = json_dumps(canon, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!text) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Dossier de recevabilité illisible.");
		goto rollback;
	}
	free(x.file.cerfa);
	x.file.cerfa = text;
	text = NULL;
	if (file_put(s, &x))
		goto rollback;
	rc = commit(s, &x, "vae.file", json_pack("{s:s, s:b, s:i, s:i, s:i}",
		"received_on", x.adm.received_on, "replaced", replaced,
		"experiences", (int)json_array_size(json_object_get(canon, "experiences")),
		"training", (int)json_array_size(json_object_get(canon, "training")),
		"prior_validations", (int)json_array_size(json_object_get(canon, "prior_validations"))));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	json_decref(canon);
	free(text);
	ctx_release(&x);
	return rc;
}

/* Decision, completion, communication (R-VAE-1) ----------------------------- */

int svc_vae_decide(struct svc *s, int64_t rid, const char *decision,
	const char *date, const char *motive)
{
	struct vae_ctx x;
	struct rule_error err;
	const char *m;
	int to, rc = -1;

	memset(&x, 0, sizeof x);
	if (need_writer(s))
		return -1;
	to = adm_state_from_code(nz(decision));
	if (to != ADM_ADMISSIBLE && to != ADM_NOT_ADMISSIBLE && to != ADM_INCOMPLETE)
		return svc_fail(s, SVC_INVALID, "decision", NULL,
			"Décision : choisissez admissible (recevable), not_admissible (non recevable) ou incomplete (dossier incomplet).");
	if (past_date(s, "decided_on", "Date de la décision", date))
		return -1;
	if ((m = v_text(motive, 500, 1)))
		return svc_fail(s, SVC_INVALID, "motive", NULL, "Motif : %s.", m);
	if (svc_begin(s))
		return -1;
	if (ctx_load(s, rid, 1, &x) || need_file(s, &x))
		goto rollback;
	if (adm_decide(&x.adm, (enum adm_state)to, date, to == ADM_ADMISSIBLE ? "" : motive, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	/* a new decision, not told to the candidate yet */
	x.file.communicated_on[0] = x.file.communicated_means[0] = '\0';
	if (file_put(s, &x))
		goto rollback;
	rc = commit(s, &x, "vae.decide", json_pack("{s:s, s:s, s:s}", "decision",
		adm_state_code(x.adm.state), "decided_on", date, "motive", x.adm.motive));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	ctx_release(&x);
	return rc;
}

int svc_vae_complete(struct svc *s, int64_t rid, const char *date)
{
	struct vae_ctx x;
	struct rule_error err;
	char d1[DATE_LEN], d2[DATE_LEN];
	int rc = -1;

	memset(&x, 0, sizeof x);
	if (need_writer(s) ||
	    past_date(s, "completed_on", "Date de complétude du dossier", date))
		return -1;
	if (svc_begin(s))
		return -1;
	if (ctx_load(s, rid, 1, &x) || need_file(s, &x))
		goto rollback;
	if (x.adm.state == ADM_INCOMPLETE) {
		/* R-VAE-1: the candidate completes what he was told is missing */
		if (!*x.file.communicated_on) {
			svc_fail(s, SVC_RULE, "communicated_on", "R-VAE-1",
				"La décision du %s déclarant le dossier incomplet n'a pas été communiquée au candidat : enregistrez d'abord sa communication.",
				date_fr(x.adm.decided_on, d1));
			goto rollback;
		}
		if (date_cmp(date, x.file.communicated_on) < 0) {
			svc_fail(s, SVC_RULE, "completed_on", "R-VAE-1",
				"Le dossier ne peut pas avoir été complété le %s, avant que le candidat ait appris ce qui manquait, le %s.",
				date_fr(date, d1), date_fr(x.file.communicated_on, d2));
			goto rollback;
		}
	}
	if (adm_complete(&x.adm, date, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	if (file_put(s, &x))
		goto rollback;
	rc = commit(s, &x, "vae.complete", json_pack("{s:s}", "completed_on", date));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	ctx_release(&x);
	return rc;
}

int svc_vae_communicate(struct svc *s, int64_t rid, const char *date,
	const char *means)
{
	struct vae_ctx x;
	struct rule_error err;
	char d1[DATE_LEN], d2[DATE_LEN];
	int rc = -1;

	memset(&x, 0, sizeof x);
	if (need_writer(s) ||
	    past_date(s, "communicated_on", "Date de la communication au candidat", date))
		return -1;
	if (code_lookup(means_tab, NMEANS, means) < 0)
		return svc_fail(s, SVC_INVALID, "means", NULL,
			"Moyen de communication : choisissez courrier, courriel ou remise (en main propre).");
	if (svc_begin(s))
		return -1;
	if (ctx_load(s, rid, 1, &x) || need_file(s, &x))
		goto rollback;
	if (x.adm.state == ADM_RECEIVED) {
		svc_fail(s, SVC_RULE, "communicated_on", "R-VAE-1",
			"Le dossier de recevabilité attend une décision : il n'y a rien à communiquer au candidat.");
		goto rollback;
	}
	if (*x.file.communicated_on) {
		svc_fail(s, SVC_CONFLICT, "communicated_on", "R-VAE-1",
			"La décision du %s a déjà été communiquée au candidat le %s.",
			date_fr(x.adm.decided_on, d1), date_fr(x.file.communicated_on, d2));
		goto rollback;
	}
	if (date_cmp(date, x.adm.decided_on) < 0) {
		svc_fail(s, SVC_RULE, "communicated_on", "R-VAE-1",
			"La décision ne peut pas avoir été communiquée le %s, avant d'avoir été prise le %s.",
			date_fr(date, d1), date_fr(x.adm.decided_on, d2));
		goto rollback;
	}
	/* R-VAE-2: told he is admissible, the candidate enters the
	** certification phase */
	if (x.adm.state == ADM_ADMISSIBLE &&
	    vae_phase_check(x.kind, VAE_PHASE_ADMISSIBILITY, VAE_PHASE_CERTIFICATION, &x.adm, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	snprintf(x.file.communicated_on, sizeof x.file.communicated_on, "%s", date);
	snprintf(x.file.communicated_means, sizeof x.file.communicated_means, "%s", means);
	if (file_put(s, &x))
		goto rollback;
	rc = commit(s, &x, "vae.communicate", json_pack("{s:s, s:s, s:s}", "decision",
		adm_state_code(x.adm.state), "communicated_on", date, "means", means));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	ctx_release(&x);
	return rc;
}

/* The units the commission concludes on (R-VAE-3) ---------------------------- */

/* The units of a registration: its blocks, or their competences (a
** CCPM's competences), with pointers into the referential. */
struct units {
	int blocks;           /* 1: blocks, 0: competences */
	size_t n, cap;
	const char **code, **title;
};

static void units_add(struct units *u, const char *code, const char *title)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->code = xrealloc(u->code, u->cap * sizeof *u->code);
		u->title = xrealloc(u->title, u->cap * sizeof *u->title);
	}
	u->code[u->n] = code;
	u->title[u->n++] = title;
}

static void units_release(struct units *u)
{
	free(u->code);
	free(u->title);
}

/*
** R-VAE-3 with R-LET-3 (2): the commission concludes per block for a CQPM
** registered at the RNCP on date, per competence otherwise
** (acquired_units_are_blocks).
*/
static void units_of(const json_t *cert, const struct reg_row *r, const char *date,
	struct units *u)
{
	const char *end = jstr(json_object_get(cert, "legal"), "registration_end");
	int kind = kind_from_code(r->cert_kind);
	int rncp = *jstr(cert, "rncp") && (!date_ok(end) || date_cmp(date, end) <= 0);
	const json_t *b, *c;
	size_t i, j;

	memset(u, 0, sizeof *u);
	u->blocks = kind >= 0 && acquired_units_are_blocks((enum cert_kind)kind, rncp);
	json_array_foreach(json_object_get(cert, "blocks"), i, b) {
		if (!registration_has_block(r->blocks, jstr(b, "code")))
			continue;
		if (u->blocks) {
			units_add(u, jstr(b, "code"), jstr(b, "title"));
			continue;
		}
		json_array_foreach(json_object_get(b, "competences"), j, c)
			units_add(u, jstr(c, "code"), jstr(c, "title"));
	}
	if (!u->blocks && !json_array_size(json_object_get(cert, "blocks")))
		json_array_foreach(json_object_get(cert, "competences"), i, c)
			units_add(u, jstr(c, "code"), jstr(c, "title"));
}

/* The unit a typed code names: its code, or a block's code without the
** certification's ("BC01" for "RNCP28235BC01"); -1 if none. */
static int unit_index(const struct units *u, const char *cert_code, const char *w)
{
	size_t n = strlen(cert_code);
	for (size_t i = 0; i < u->n; i++) {
		const char *c = u->code[i];
		if (!strcmp(c, w))
			return (int)i;
		if (u->blocks && !strncmp(c, cert_code, n) && c[n] && !strcmp(c + n, w))
			return (int)i;
	}
	return -1;
}

/* The referential of the registration's version; NULL after failing. */
static json_t *reg_cert(struct svc *s, const struct reg_row *r)
{
	char *text = store_cert_doc(s->st, r->certification_id, r->cert_version);
	json_error_t jerr;
	json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
	free(text);
	if (!doc)
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Référentiel de l'inscription illisible.");
	return doc;
}

/* A code as typed, shown in a message only when short and plain. */
static const char *shown_code(const char *w)
{
	size_t n = strlen(w);
	if (n > 40)
		return "(code trop long)";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] < 0x21 || (unsigned char)w[i] > 0x7e)
			return "(code invalide)";
	return w;
}

/* The commission (R-VAE-3) ------------------------------------------------------ */

int svc_vae_validate(struct svc *s, int64_t rid, const struct vae_commission_in *in)
{
	struct vae_ctx x;
	struct vae_commission c;
	struct vae_commission_row *m = xcalloc(1, sizeof *m);
	struct rule_error err;
	struct units u = { 0 };
	struct centre centre;
	json_t *cert = NULL, *validated = NULL;
	char *copy = NULL, *save = NULL, *w, *comment = NULL, d1[DATE_LEN], d2[DATE_LEN];
	const char *msg;
	int *flags = NULL, concl, rc = -1;
	int64_t livret2;

	memset(&x, 0, sizeof x);
	if (need_writer(s))
		goto out;
	if ((msg = v_text(in->chair_name, 200, 0))) {
		svc_fail(s, SVC_INVALID, "chair_name", NULL,
			"Président de la commission (représentant du centre) : %s.", msg);
		goto out;
	}
	if (in->chair_centre && *in->chair_centre && (msg = v_centre_code(in->chair_centre))) {
		svc_fail(s, SVC_INVALID, "chair_centre", NULL, "Centre du président : %s.", msg);
		goto out;
	}
	if (past_date(s, "held_on", "Date de la commission de validation", in->held_on))
		goto out;
	concl = vae_conclusion_from_code(nz(in->conclusion));
	if (concl < 0) {
		svc_fail(s, SVC_INVALID, "conclusion", NULL,
			"Conclusions : choisissez none (aucune validation), partial (validation partielle) ou total (validation totale).");
		goto out;
	}
	if ((msg = v_text(in->validated, 2000, 1))) {
		svc_fail(s, SVC_INVALID, "validated", NULL, "Blocs ou compétences validés : %s.", msg);
		goto out;
	}
	if ((msg = v_lines(nz(in->comment), 4000, 1, &comment))) {
		svc_fail(s, SVC_INVALID, "comment", NULL, "Commentaire : %s.", msg);
		goto out;
	}
	if (svc_begin(s))
		goto out;
	if (ctx_load(s, rid, 1, &x))
		goto rollback;
	/* the centre the chair represents: as named, else the actor's, else
	** (the national administrator) the registration's */
	if (in->chair_centre && *in->chair_centre) {
		int found = store_centre_by_code(s->st, in->chair_centre, &centre);
		if (found <= 0) {
			if (found < 0)
				svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
			else
				svc_fail(s, SVC_NOTFOUND, "chair_centre", NULL,
					"Centre du président : aucun centre de code « %s ».", in->chair_centre);
			goto rollback;
		}
		m->chair_centre_id = centre.id;
	} else {
		m->chair_centre_id = s->actor.centre_id ? s->actor.centre_id : x.reg->centre_id;
	}
	livret2 = store_vae_livret2_count(s->st, rid);
	if (livret2 < 0) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des documents impossible.");
		goto rollback;
	}
	/* R-VAE-3: from the admissibility decision and the livret 2, chaired
	** by the organising centre's representative */
	memset(&c, 0, sizeof c);
	c.centre_id = x.reg->centre_id;
	c.chair_centre_id = m->chair_centre_id;
	c.evidence_file = livret2 > 0;
	c.work_situation = in->work_situation != 0;
	c.interview = in->interview != 0;
	if (vae_commission_check(&c, x.has_file ? &x.adm : NULL, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	/* R-VAE-2: the commission belongs to the certification phase, which
	** begins once the candidate is told he is admissible */
	if (phase_of(x.kind, x.has_file, &x.adm, x.file.communicated_on) != VAE_PHASE_CERTIFICATION) {
		svc_fail(s, SVC_RULE, "communicated_on", "R-VAE-2",
			"La phase de certification n'a pas commencé : la décision de recevabilité du %s n'a pas encore été communiquée au candidat.",
			date_fr(x.adm.decided_on, d1));
		goto rollback;
	}
	if (date_cmp(in->held_on, x.file.communicated_on) < 0) {
		svc_fail(s, SVC_RULE, "held_on", "R-VAE-2",
			"La commission ne peut pas s'être réunie le %s, avant que le candidat ait été informé de la recevabilité de son dossier, le %s.",
			date_fr(in->held_on, d1), date_fr(x.file.communicated_on, d2));
		goto rollback;
	}
	if (!(cert = reg_cert(s, x.reg)))
		goto rollback;
	units_of(cert, x.reg, in->held_on, &u);
	flags = xcalloc(u.n ? u.n : 1, sizeof *flags);
	validated = json_array();
	copy = xstrdup(nz(in->validated));
	for (w = strtok_r(copy, " ,;", &save); w; w = strtok_r(NULL, " ,;", &save)) {
		int i = unit_index(&u, x.reg->cert_code, w);
		if (i < 0) {
			svc_fail(s, SVC_INVALID, "validated", NULL,
				"Blocs ou compétences validés : %s n'est pas %s de l'inscription (%s).",
				shown_code(w), u.blocks ? "un bloc" : "une compétence", x.reg->cert_code);
			goto rollback;
		}
		if (flags[i]) {
			svc_fail(s, SVC_INVALID, "validated", NULL,
				"Blocs ou compétences validés : %s est donné deux fois.", u.code[i]);
			goto rollback;
		}
		flags[i] = 1;
	}
	/* R-VAE-3: the conclusion is the one the units validated amount to */
	if (vae_conclusion_check((enum vae_conclusion)concl, flags, u.n, &err)) {
		svc_rule_failed(s, &err);
		goto rollback;
	}
	{
		struct buf b;
		buf_init(&b, sizeof m->validated - 1);
		for (size_t i = 0; i < u.n; i++)
			if (flags[i]) {
				buf_printf(&b, "%s%s", b.len ? " " : "", u.code[i]);
				json_array_append_new(validated, json_string(u.code[i]));
			}
		snprintf(m->validated, sizeof m->validated, "%s", buf_str(&b));
		buf_release(&b);
	}
	m->registration_id = rid;
	snprintf(m->chair_name, sizeof m->chair_name, "%s", in->chair_name);
	snprintf(m->held_on, sizeof m->held_on, "%s", in->held_on);
	m->work_situation = c.work_situation;
	m->interview = c.interview;
	snprintf(m->conclusion, sizeof m->conclusion, "%s",
		vae_conclusion_code((enum vae_conclusion)concl));
	snprintf(m->comment, sizeof m->comment, "%s", comment ? comment : "");
	svc_now_iso(s, m->recorded_at);
	if ((rc = store_vae_commission_put(s->st, m))) {
		svc_store_failed(s, rc, "Enregistrement de la commission de validation");
		goto rollback;
	}
	rc = commit(s, &x, "vae.commission", json_pack("{s:s, s:s, s:s, s:O, s:b, s:b}",
		"held_on", m->held_on, "chair_name", m->chair_name, "conclusion", m->conclusion,
		"validated", validated, "work_situation", m->work_situation,
		"interview", m->interview));
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	json_decref(cert);
	json_decref(validated);
	units_release(&u);
	free(flags);
	free(copy);
	free(comment);
	free(m);
	ctx_release(&x);
	return rc;
}

/* The VAE in the candidate's file ---------------------------------------------- */

/* The "vae" object of registration r (route vae), whose referential is
** cert. */
static int vae_json(struct svc *s, const struct reg_row *r, const json_t *cert,
	json_t **out)
{
	struct vae_file_row f;
	struct vae_commission_row *m = xcalloc(1, sizeof *m);
	struct admissibility a;
	struct units u;
	enum vae_phase phase;
	json_t *o, *units, *commission = json_null();
	char today[DATE_LEN];
	int k = vae_kind_from_code(r->vae_kind), has_file, has_comm;
	int64_t livret2;

	*out = NULL;
	memset(&f, 0, sizeof f);
	memset(&a, 0, sizeof a);
	has_file = store_vae_file_get(s->st, r->id, &f);
	has_comm = store_vae_commission_get(s->st, r->id, m);
	livret2 = store_vae_livret2_count(s->st, r->id);
	if (has_file < 0 || has_comm < 0 || livret2 < 0 || k < 0) {
		vae_file_release(&f);
		free(m);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du dossier de VAE impossible.");
	}
	if (has_file)
		adm_of_row(&f, &a);
	phase = phase_of((enum vae_kind)k, has_file, &a, f.communicated_on);
	svc_today(s, today);
	units_of(cert, r, has_comm ? m->held_on : today, &u);
	units = json_array();
	for (size_t i = 0; i < u.n; i++)
		json_array_append_new(units, json_pack("{s:s, s:s}", "code", u.code[i],
			"title", u.title[i]));
	if (has_comm) {
		json_t *codes = json_array();
		char *copy = xstrdup(m->validated), *save = NULL, *w;
		int c = vae_conclusion_from_code(m->conclusion);
		for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			json_array_append_new(codes, json_string(w));
		free(copy);
		commission = json_pack("{s:s, s:s, s:s, s:b, s:b, s:s, s:s, s:o, s:s, s:s}",
			"chair_name", m->chair_name, "chair_centre", m->chair_centre,
			"held_on", m->held_on, "work_situation", m->work_situation,
			"interview", m->interview, "conclusion", m->conclusion,
			"conclusion_label", c < 0 ? "" : vae_conclusion_label((enum vae_conclusion)c),
			"validated", codes, "comment", m->comment, "recorded_at", m->recorded_at);
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
		"s:o, s:b, s:s, s:o, s:o}",
		"kind", r->vae_kind, "kind_label", vae_kind_label((enum vae_kind)k),
		"phase", vae_phase_code(phase), "phase_label", vae_phase_label(phase),
		"state", has_file ? json_string(adm_state_code(a.state)) : json_null(),
		"state_label", has_file ? json_string(adm_state_label(a.state)) : json_null(),
		"received_on", str_or_null(f.received_on),
		"completed_on", str_or_null(f.completed_on),
		"decided_on", str_or_null(f.decided_on),
		"motive", str_or_null(f.motive),
		"communicated_on", str_or_null(f.communicated_on),
		"communicated_means", str_or_null(f.communicated_means),
		"communicated_means_label", *f.communicated_means ?
			json_string(vae_means_label(f.communicated_means)) : json_null(),
		"cerfa", cerfa_shown(f.cerfa),
		"livret2", livret2 > 0,
		"unit_kind", u.blocks ? "block" : "competence",
		"units", units,
		"commission", commission);
	units_release(&u);
	vae_file_release(&f);
	free(m);
	if (!o)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Dossier de VAE illisible.");
	*out = o;
	return 0;
}

int svc_vae_section(struct svc *s, const struct reg_row *r, const json_t *cert,
	json_t *out)
{
	json_t *v = NULL;
	if (strcmp(r->route, "vae")) {
		json_object_set_new(out, "vae", json_null());
		return 0;
	}
	if (vae_json(s, r, cert, &v))
		return -1;
	json_object_set_new(out, "vae", v);
	return 0;
}

int svc_vae_get(struct svc *s, int64_t rid, json_t **out)
{
	struct vae_ctx x;
	json_t *cert = NULL, *v = NULL;
	int rc = -1;

	*out = NULL;
	if (!perm_allows(s->actor.role, PERM_CANDIDATE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Vous n'avez pas accès aux candidats.");
	if (ctx_load(s, rid, 0, &x) || !(cert = reg_cert(s, x.reg)) ||
	    vae_json(s, x.reg, cert, &v))
		goto out;
	*out = json_pack("{s:I, s:I, s:s, s:{s:s, s:s, s:s, s:i}, s:s, s:s, s:s, s:o}",
		"registration", (json_int_t)x.reg->id, "candidate", (json_int_t)x.reg->candidate_id,
		"centre", x.reg->centre_code, "certification", "code", x.reg->cert_code,
		"kind", x.reg->cert_kind, "title", x.reg->cert_title, "version", x.reg->cert_version,
		"registered_on", x.reg->registered_on, "registration_status", x.reg->status,
		"registration_status_label", registration_status_label(x.reg->status), "vae", v);
	v = NULL;
	rc = *out ? 0 : svc_fail(s, SVC_INTERNAL, NULL, NULL, "Dossier de VAE illisible.");
out:
	json_decref(v);
	json_decref(cert);
	ctx_release(&x);
	return rc;
}
