/*
** The VAE of a candidate (R-VAE-1..3): the phases of his path, the
** admissibility file (CERFA 12818*02) with its repeatable rows, the
** decision and its communication, the completion of an incomplete file,
** the livret 2 and the validation commission with a box per block or
** competence. Every form works without JavaScript and comes back with its
** errors beside the fields; a success redirects (POST-redirect-GET).
** Centre staff and the national administrator write; whoever may see the
** candidate reads (scoping is the services').
**
**   GET  /candidats/{id}/vae[?inscription=N]
**   POST /candidats/{id}/vae/dossier | /decision | /communication
**        | /completude | /commission          (hidden field inscription)
*/
#include "web/web_int.h"
#include "core/catalogue.h"
#include "core/dates.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Empty rows offered after the filled ones. */
#define EMPTY_EXPERIENCES 5
#define EMPTY_TRAINING 3
#define EMPTY_PRIOR 2

enum which { F_NONE, F_FILE, F_DECISION, F_COMMUNICATION, F_COMPLETION, F_COMMISSION };

/* The lists of the form: JSON key, form prefix, its fields (the service's
** names, each the form's name after the prefix), the French noun. */
static const char *const exp_keys[] = { "title", "employer", "status", "start", "end",
	"duration", "duration_unit", "activities", NULL };
static const char *const tr_keys[] = { "title", "body", "year", "certificate", NULL };
static const char *const pv_keys[] = { "certification", "units", "date", NULL };

struct list_def {
	const char *key, *prefix;
	const char *const *fields;
	int max, empty;
};
static const struct list_def lists[3] = {
	{ "experiences", "exp", exp_keys, VAE_MAX_EXPERIENCES, EMPTY_EXPERIENCES },
	{ "training", "tr", tr_keys, VAE_MAX_TRAINING, EMPTY_TRAINING },
	{ "prior_validations", "pv", pv_keys, VAE_MAX_PRIOR, EMPTY_PRIOR },
};

/* Helpers ------------------------------------------------------------------- */

static int can_write(const struct req *r)
{
	return perm_allows(r->svc.actor.role, PERM_DOSSIER_WRITE);
}

/* The service's message, then "(règle R-VAE-1)" when a rule refused. */
static void err_text(struct buf *b, const struct svc_result *err)
{
	h_fmt(b, "%s", err->message);
	if (err->rule[0])
		h_fmt(b, " (règle %s)", err->rule);
}

static int err_on(const struct svc_result *err, const char *name)
{
	return err && err->rc != SVC_OK && err->field[0] && !strcmp(err->field, name);
}

static void aria(struct buf *b, int bad, const char *id)
{
	if (bad)
		h_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", id);
}

static void field_error(struct buf *b, int bad, const char *id,
	const struct svc_result *err)
{
	if (!bad)
		return;
	h_fmt(b, "<span class=\"field-error\" id=\"err-%s\" role=\"alert\">", id);
	err_text(b, err);
	h_fmt(b, "</span>");
}

/* A form's error that belongs to none of its controls (names,
** NULL-terminated), at its top. */
static void top_error(struct buf *b, const struct svc_result *err,
	const char *const *names)
{
	if (!err || err->rc == SVC_OK)
		return;
	for (; *names; names++)
		if (err_on(err, *names))
			return;
	h_fmt(b, "<p class=\"error\" role=\"alert\">");
	err_text(b, err);
	h_fmt(b, "</p>\n");
}

/* <div><label>…</label><input …></div> with its error. */
static void input(struct buf *b, const char *id, const char *label, const char *type,
	const char *value, const char *attrs, const struct svc_result *err)
{
	int bad = err_on(err, id);
	h_fmt(b, "<div><label for=\"%s\">%s</label><input type=\"%r\" id=\"%s\" name=\"%s\" "
		"value=\"%s\" %r", id, label, type, id, id, value ? value : "", attrs);
	aria(b, bad, id);
	h_fmt(b, ">");
	field_error(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

static void textarea(struct buf *b, const char *id, const char *label,
	const char *value, const char *attrs, const struct svc_result *err)
{
	int bad = err_on(err, id);
	h_fmt(b, "<div><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" %r",
		id, label, id, id, attrs);
	aria(b, bad, id);
	h_fmt(b, ">%s</textarea>", value ? value : "");
	field_error(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

/* A select of code(i)/label(code) pairs; empty adds a first empty choice. */
static void select_codes(struct buf *b, const char *id, const char *label,
	const char *value, const char *empty, const char *(*code)(int),
	const char *(*lab)(const char *), const struct svc_result *err)
{
	int bad = err_on(err, id);
	h_fmt(b, "<div><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"", id, label, id, id);
	aria(b, bad, id);
	h_fmt(b, ">");
	if (empty)
		h_fmt(b, "<option value=\"\">%s</option>", empty);
	for (int i = 0; code(i); i++)
		h_fmt(b, "<option value=\"%s\"%r>%s</option>", code(i),
			value && !strcmp(value, code(i)) ? " selected" : "", lab(code(i)));
	h_fmt(b, "</select>");
	field_error(b, bad, id, err);
	h_fmt(b, "</div>\n");
}

static const char *unit_code(int i)
{
	return i == 0 ? "hours" : i == 1 ? "months" : NULL;
}

static const char *unit_label(const char *c)
{
	return !strcmp(c, "hours") ? "heures" : !strcmp(c, "months") ? "mois" : "";
}

static const char *decision_code(int i)
{
	static const char *const c[] = { "admissible", "not_admissible", "incomplete" };
	return i >= 0 && i < 3 ? c[i] : NULL;
}

static const char *decision_label(const char *c)
{
	return !strcmp(c, "admissible") ? "Recevable" :
		!strcmp(c, "not_admissible") ? "Non recevable" :
		!strcmp(c, "incomplete") ? "Dossier incomplet" : "";
}

static const char *conclusion_code(int i)
{
	static const char *const c[] = { "total", "partial", "none" };
	return i >= 0 && i < 3 ? c[i] : NULL;
}

static const char *conclusion_label(const char *c)
{
	return !strcmp(c, "total") ? "Validation totale" :
		!strcmp(c, "partial") ? "Validation partielle" :
		!strcmp(c, "none") ? "Aucune validation" : "";
}

/* A member as the text of a control ("" when absent, digits for a number). */
static const char *val(const json_t *o, const char *key, char tmp[32])
{
	const json_t *v = json_object_get(o, key);
	if (json_is_integer(v)) {
		snprintf(tmp, 32, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

/* The one-line form of a typed text: each line break (CR LF, CR or LF)
** as one space. */
static char *one_line(const char *s)
{
	char *t = xstrdup(s ? s : ""), *o = t;
	for (const char *p = t; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		*o++ = *p == '\r' || *p == '\n' ? ' ' : *p;
	}
	*o = '\0';
	return t;
}

/* The candidate's registration -------------------------------------------- */

/* The candidate number of the path; 0 if it is none. */
static int64_t id_of(const char *p)
{
	int64_t n = 0;
	for (; p && *p >= '0' && *p <= '9' && n < ((int64_t)1 << 52); p++)
		n = n * 10 + (*p - '0');
	return p && !*p ? n : 0;
}

/* The VAE registration of doc to show: number want, else the newest. */
static const json_t *vae_reg(const json_t *doc, int64_t want)
{
	const json_t *reg;
	size_t i;
	json_array_foreach(json_object_get(doc, "registrations"), i, reg) {
		if (!json_is_object(json_object_get(reg, "vae")))
			continue;
		if (!want || json_integer_value(json_object_get(reg, "id")) == want)
			return reg;
	}
	return NULL;
}

/* Sections of the page ------------------------------------------------------- */

static void dd_date(struct buf *b, const char *dt, const char *iso)
{
	if (!iso || !*iso)
		return;
	h_fmt(b, "<dt>%s</dt><dd>", dt);
	h_date(b, iso);
	h_fmt(b, "</dd>\n");
}

/* R-VAE-2: the phases of the path, the current one marked. */
static void phases(struct buf *b, const json_t *vae)
{
	static const char *const codes[] = { "information", "admissibility", "certification" };
	static const char *const labels[] = { "Accueil, information-orientation",
		"Instruction de la recevabilité", "Certification" };
	const char *cur = jstr(vae, "phase");
	int collective = !strcmp(jstr(vae, "kind"), "branch_collective"), at = 0;

	for (int i = 0; i < 3; i++)
		if (!strcmp(cur, codes[i]))
			at = i;
	h_fmt(b, "<h2 id=\"phases\">Phases du parcours</h2>\n<ol>");
	for (int i = collective ? 1 : 0; i < 3; i++)
		h_fmt(b, "<li%r>%s — %r</li>", i == at ? " aria-current=\"step\"" : "", labels[i],
			i < at ? "terminée" : i == at ? "<strong>phase en cours</strong>" : "à venir");
	h_fmt(b, "</ol>\n");
	if (collective)
		h_fmt(b, "<p>Une VAE de branche collective en entreprise n'a pas de phase d'accueil "
			"et d'information-orientation : elle commence par l'instruction de la "
			"recevabilité (R-VAE-2).</p>\n");
}

/* The file's state: received, decided, communicated. */
static void file_facts(struct buf *b, const json_t *vae)
{
	if (json_is_null(json_object_get(vae, "state"))) {
		h_fmt(b, "<p>Le dossier de recevabilité n'a pas encore été reçu.</p>\n");
		return;
	}
	h_fmt(b, "<dl class=\"facts\">\n<dt>État</dt><dd><strong>%s</strong></dd>\n",
		jstr(vae, "state_label"));
	dd_date(b, "Reçu le", jstr(vae, "received_on"));
	dd_date(b, "Complété le", jstr(vae, "completed_on"));
	dd_date(b, "Dernière décision le", jstr(vae, "decided_on"));
	if (*jstr(vae, "motive"))
		h_fmt(b, "<dt>Motif</dt><dd>%s</dd>\n", jstr(vae, "motive"));
	if (*jstr(vae, "communicated_on")) {
		h_fmt(b, "<dt>Communiquée au candidat</dt><dd>le ");
		h_date(b, jstr(vae, "communicated_on"));
		h_fmt(b, " (%s)</dd>\n", jstr(vae, "communicated_means_label"));
	} else if (*jstr(vae, "decided_on")) {
		h_fmt(b, "<dt>Communiquée au candidat</dt><dd>pas encore</dd>\n");
	}
	h_fmt(b, "</dl>\n");
}

/* The CERFA data as tables (a file no longer editable, or a reader). */
static void cerfa_tables(struct buf *b, const json_t *cerfa)
{
	const json_t *e;
	size_t i;

	if (json_array_size(json_object_get(cerfa, "experiences"))) {
		h_fmt(b, "<table><caption>Expériences</caption><thead><tr><th scope=\"col\">Emploi ou "
			"fonction</th><th scope=\"col\">Employeur ou structure</th><th scope=\"col\">Statut</th>"
			"<th scope=\"col\">Période</th><th scope=\"col\">Durée</th>"
			"<th scope=\"col\">Activités exercées</th></tr></thead><tbody>\n");
		json_array_foreach(json_object_get(cerfa, "experiences"), i, e) {
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>du ", jstr(e, "title"),
				jstr(e, "employer"), jstr(e, "status_label"));
			h_date(b, jstr(e, "start"));
			if (*jstr(e, "end")) {
				h_fmt(b, " au ");
				h_date(b, jstr(e, "end"));
			} else {
				h_fmt(b, " à ce jour");
			}
			h_fmt(b, "</td><td>%I %s</td><td>", (int64_t)json_integer_value(json_object_get(e,
				"duration")), jstr(e, "duration_unit_label"));
			h_paragraphs(b, jstr(e, "activities"));
			h_fmt(b, "</td></tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	}
	if (json_array_size(json_object_get(cerfa, "training"))) {
		h_fmt(b, "<table><caption>Formations suivies</caption><thead><tr><th scope=\"col\">"
			"Formation</th><th scope=\"col\">Organisme</th><th scope=\"col\">Année</th>"
			"<th scope=\"col\">Diplôme ou certificat obtenu</th></tr></thead><tbody>\n");
		json_array_foreach(json_object_get(cerfa, "training"), i, e)
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>%I</td><td>%s</td></tr>\n",
				jstr(e, "title"), jstr(e, "body"),
				(int64_t)json_integer_value(json_object_get(e, "year")),
				*jstr(e, "certificate") ? jstr(e, "certificate") : "—");
		h_fmt(b, "</tbody></table>\n");
	}
	if (json_array_size(json_object_get(cerfa, "prior_validations"))) {
		h_fmt(b, "<table><caption>Validations partielles antérieures</caption><thead><tr>"
			"<th scope=\"col\">Certification</th><th scope=\"col\">Blocs ou unités validés</th>"
			"<th scope=\"col\">Date</th></tr></thead><tbody>\n");
		json_array_foreach(json_object_get(cerfa, "prior_validations"), i, e) {
			h_fmt(b, "<tr><td>%s</td><td>%s</td><td>", jstr(e, "certification"),
				jstr(e, "units"));
			h_date(b, jstr(e, "date"));
			h_fmt(b, "</td></tr>\n");
		}
		h_fmt(b, "</tbody></table>\n");
	}
}

/* The rows of the form: from the posted form after a refusal, else from
** the stored file. */
struct rows {
	json_t *lists[3];   /* arrays of objects (strings or numbers) */
};

/* One row of the form's list l as a JSON object of strings; NULL when
** every text control is empty (the selects preset a value). */
static json_t *form_row(const struct req *r, const struct list_def *l, int i)
{
	json_t *o = json_object();
	int filled = 0;
	for (const char *const *f = l->fields; *f; f++) {
		char name[48];
		const char *v;
		snprintf(name, sizeof name, "%s%d_%s", l->prefix, i, *f);
		v = req_form(r, name);
		if (!v || !*v)
			continue;
		json_object_set_new(o, *f, json_string(v));
		if (strcmp(*f, "duration_unit") && strcmp(*f, "status"))
			filled = 1;
	}
	if (!filled) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The rows posted, filled ones only, in order. */
static void rows_from_form(const struct req *r, struct rows *rw)
{
	for (int k = 0; k < 3; k++) {
		const struct list_def *l = &lists[k];
		rw->lists[k] = json_array();
		/* rows are offered up to max; one more filled (a forged form)
		** reaches the service, which refuses the list as too long */
		for (int i = 0; i <= l->max; i++) {
			json_t *o = form_row(r, l, i);
			if (o)
				json_array_append_new(rw->lists[k], o);
		}
	}
}

static void rows_from_file(const json_t *cerfa, struct rows *rw)
{
	for (int k = 0; k < 3; k++) {
		const json_t *a = json_object_get(cerfa, lists[k].key);
		rw->lists[k] = json_is_array(a) ? json_deep_copy(a) : json_array();
	}
}

static void rows_release(struct rows *rw)
{
	for (int k = 0; k < 3; k++)
		json_decref(rw->lists[k]);
}

/* The service's field "experiences[3].title" as the form's "exp3_title". */
static void form_field_of(struct svc_result *err)
{
	for (int k = 0; err && k < 3; k++) {
		size_t n = strlen(lists[k].key);
		unsigned i;
		char key[40], name[64];
		if (strncmp(err->field, lists[k].key, n) || err->field[n] != '[')
			continue;
		if (sscanf(err->field + n, "[%u].%39s", &i, key) == 2) {
			snprintf(name, sizeof name, "%s%u_%s", lists[k].prefix, i, key);
			snprintf(err->field, sizeof err->field, "%s", name);
		} else if (sscanf(err->field + n, "[%u]", &i) == 1) {
			/* the row as a whole: beside its first control */
			snprintf(name, sizeof name, "%s%u_%s", lists[k].prefix, i, lists[k].fields[0]);
			snprintf(err->field, sizeof err->field, "%s", name);
		}
	}
}

/* One experience's controls. */
static void experience_row(struct buf *b, int i, const json_t *o,
	const struct svc_result *err)
{
	char id[48], tmp[32];
	const char *unit;
#define ID(f) (snprintf(id, sizeof id, "exp%d_%s", i, f), id)
	h_fmt(b, "<fieldset class=\"block\"><legend>Expérience %d</legend>\n", i + 1);
	input(b, ID("title"), "Emploi ou fonction occupé", "text", val(o, "title", tmp),
		"maxlength=\"200\"", err);
	input(b, ID("employer"), "Employeur ou structure (nom et adresse)", "text",
		val(o, "employer", tmp), "maxlength=\"300\"", err);
	select_codes(b, ID("status"), "Statut", val(o, "status", tmp), "— Choisir —",
		vae_status_code, vae_status_label, err);
	input(b, ID("start"), "Début de la période", "date", val(o, "start", tmp), "", err);
	input(b, ID("end"), "Fin de la période (vide : en cours)", "date", val(o, "end", tmp), "", err);
	input(b, ID("duration"), "Durée", "text", val(o, "duration", tmp),
		"inputmode=\"numeric\" maxlength=\"6\"", err);
	unit = val(o, "duration_unit", tmp);
	select_codes(b, ID("duration_unit"), "Unité de durée", *unit ? unit : "hours", NULL,
		unit_code, unit_label, err);
	textarea(b, ID("activities"), "Activités exercées", val(o, "activities", tmp),
		"rows=\"4\" maxlength=\"4000\"", err);
	h_fmt(b, "</fieldset>\n");
#undef ID
}

static void training_row(struct buf *b, int i, const json_t *o,
	const struct svc_result *err)
{
	char id[48], tmp[32];
#define ID(f) (snprintf(id, sizeof id, "tr%d_%s", i, f), id)
	h_fmt(b, "<fieldset class=\"block\"><legend>Formation %d</legend>\n", i + 1);
	input(b, ID("title"), "Intitulé de la formation", "text", val(o, "title", tmp),
		"maxlength=\"200\"", err);
	input(b, ID("body"), "Organisme de formation", "text", val(o, "body", tmp),
		"maxlength=\"200\"", err);
	input(b, ID("year"), "Année", "text", val(o, "year", tmp),
		"inputmode=\"numeric\" maxlength=\"4\"", err);
	input(b, ID("certificate"), "Diplôme ou certificat obtenu (le cas échéant)", "text",
		val(o, "certificate", tmp), "maxlength=\"200\"", err);
	h_fmt(b, "</fieldset>\n");
#undef ID
}

static void prior_row(struct buf *b, int i, const json_t *o, const struct svc_result *err)
{
	char id[48], tmp[32];
#define ID(f) (snprintf(id, sizeof id, "pv%d_%s", i, f), id)
	h_fmt(b, "<fieldset class=\"block\"><legend>Validation antérieure %d</legend>\n", i + 1);
	input(b, ID("certification"), "Certification", "text", val(o, "certification", tmp),
		"maxlength=\"200\"", err);
	input(b, ID("units"), "Blocs ou unités validés", "text", val(o, "units", tmp),
		"maxlength=\"400\"", err);
	input(b, ID("date"), "Date de la validation", "date", val(o, "date", tmp), "", err);
	h_fmt(b, "</fieldset>\n");
#undef ID
}

/* The admissibility file's form. */
static void file_form(struct req *r, int64_t cid, int64_t rid, const json_t *vae,
	const struct svc_result *err)
{
	static const char *const top[] = { "received_on", NULL };
	struct buf *b = &r->body;
	struct rows rw;
	const char *received = err ? req_form(r, "received_on") : jstr(vae, "received_on");
	char today[DATE_LEN];

	if (err)
		rows_from_form(r, &rw);
	else
		rows_from_file(json_object_get(vae, "cerfa"), &rw);
	if (!received || !*received) {
		svc_today(&r->svc, today);
		received = today;
	}
	h_fmt(b, "<p>Saisissez le dossier tel que le candidat l'a envoyé (formulaire CERFA "
		"12818*02). Les lignes laissées vides sont ignorées ; enregistrez pour obtenir "
		"d'autres lignes vides.</p>\n");
	/* an error of a row or of a list is shown there, not at the top
	** (rows: exp…, tr…, pv…; lists: experiences, training, prior_validations) */
	if (err && strncmp(err->field, "exp", 3) && strncmp(err->field, "tr", 2) &&
	    strncmp(err->field, "pv", 2) && strcmp(err->field, "prior_validations"))
		top_error(b, err, top);
	h_fmt(b, "<form method=\"post\" action=\"/candidats/%I/vae/dossier\">\n", cid);
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"inscription\" value=\"%I\">\n", rid);
	input(b, "received_on", "Date de réception du dossier", "date", received, "required", err);
	for (int k = 0; k < 3; k++) {
		const struct list_def *l = &lists[k];
		const json_t *a = rw.lists[k], *o;
		int n = (int)json_array_size(a), total = n + l->empty;
		static const char *const titles[] = { "Expériences (emplois, activités bénévoles…)",
			"Formations suivies", "Validations partielles antérieures" };
		if (total > l->max)
			total = l->max;
		if (total < n)
			total = n;
		h_fmt(b, "<h3 id=\"%s\">%s</h3>\n", l->key, titles[k]);
		if (err_on(err, l->key)) {
			h_fmt(b, "<p class=\"error\" role=\"alert\">");
			err_text(b, err);
			h_fmt(b, "</p>\n");
		}
		for (int i = 0; i < total; i++) {
			o = i < n ? json_array_get(a, (size_t)i) : NULL;
			if (k == 0)
				experience_row(b, i, o, err);
			else if (k == 1)
				training_row(b, i, o, err);
			else
				prior_row(b, i, o, err);
		}
	}
	h_fmt(b, "<p><button type=\"submit\">Enregistrer le dossier de recevabilité</button></p>"
		"</form>\n");
	rows_release(&rw);
}

static void decision_form(struct req *r, int64_t cid, int64_t rid,
	const struct svc_result *err)
{
	static const char *const names[] = { "decision", "decided_on", "motive", NULL };
	struct buf *b = &r->body;
	char today[DATE_LEN];
	const char *date = err ? req_form(r, "decided_on") : NULL;

	if (!date || !*date) {
		svc_today(&r->svc, today);
		date = today;
	}
	h_fmt(b, "<p>Une décision de non-recevabilité est motivée ; une décision de dossier "
		"incomplet dit ce qui manque au candidat (R-VAE-1).</p>\n");
	top_error(b, err, names);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/vae/decision\">\n", cid);
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"inscription\" value=\"%I\">\n", rid);
	select_codes(b, "decision", "Décision", err ? req_form(r, "decision") : NULL, NULL,
		decision_code, decision_label, err);
	input(b, "decided_on", "Date de la décision", "date", date, "required", err);
	textarea(b, "motive", "Motif (obligatoire si non recevable ou incomplet)",
		err ? req_form(r, "motive") : NULL, "rows=\"3\" maxlength=\"500\"", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer la décision</button></div></form>\n");
}

static void communication_form(struct req *r, int64_t cid, int64_t rid,
	const struct svc_result *err)
{
	static const char *const names[] = { "communicated_on", "means", NULL };
	struct buf *b = &r->body;
	char today[DATE_LEN];
	const char *date = err ? req_form(r, "communicated_on") : NULL;

	if (!date || !*date) {
		svc_today(&r->svc, today);
		date = today;
	}
	top_error(b, err, names);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/vae/communication\">\n",
		cid);
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"inscription\" value=\"%I\">\n", rid);
	input(b, "communicated_on", "Date de la communication au candidat", "date", date,
		"required", err);
	select_codes(b, "means", "Moyen", err ? req_form(r, "means") : NULL, NULL,
		vae_means_code, vae_means_label, err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer la communication</button></div></form>\n");
}

static void completion_form(struct req *r, int64_t cid, int64_t rid,
	const struct svc_result *err)
{
	static const char *const names[] = { "completed_on", NULL };
	struct buf *b = &r->body;
	char today[DATE_LEN];
	const char *date = err ? req_form(r, "completed_on") : NULL;

	if (!date || !*date) {
		svc_today(&r->svc, today);
		date = today;
	}
	h_fmt(b, "<h3>Dossier complété</h3>\n<p>Quand le candidat a envoyé ce qui manquait, "
		"enregistrez-le : le dossier attend alors une nouvelle décision. Mettez d'abord à jour "
		"son contenu ci-dessus s'il a changé.</p>\n");
	top_error(b, err, names);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/vae/completude\">\n", cid);
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"inscription\" value=\"%I\">\n", rid);
	input(b, "completed_on", "Date de complétude", "date", date, "required", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer la complétude</button></div></form>\n");
}

/* The centres the actor may name as the chair's. */
struct centres {
	char (*code)[40];
	size_t n, cap;
};

static int centre_collect(void *arg, const struct centre *c)
{
	struct centres *cs = arg;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 8;
		cs->code = xrealloc(cs->code, cs->cap * sizeof *cs->code);
	}
	snprintf(cs->code[cs->n++], sizeof cs->code[0], "%s", c->code);
	return 0;
}

/* 1 if code is among the units validated (a posted form, or the record). */
static int unit_checked(const struct req *r, const json_t *commission, const char *code,
	int posted)
{
	const json_t *v;
	size_t i;
	if (posted) {
		for (int k = 0; k < r->nform; k++)
			if (!strcmp(r->form[k].key, "validated") && !strcmp(r->form[k].value, code))
				return 1;
		return 0;
	}
	json_array_foreach(json_object_get(commission, "validated"), i, v)
		if (!strcmp(json_string_value(v) ? json_string_value(v) : "", code))
			return 1;
	return 0;
}

static void commission_form(struct req *r, int64_t cid, int64_t rid, const json_t *reg,
	const json_t *vae, const struct svc_result *err)
{
	static const char *const names[] = { "chair_name", "chair_centre", "chair", "held_on",
		"conclusion", "validated", "comment", NULL };
	struct buf *b = &r->body;
	const json_t *m = json_object_get(vae, "commission"), *u;
	struct centres cs = { NULL, 0, 0 };
	int posted = err != NULL, blocks = !strcmp(jstr(vae, "unit_kind"), "block"), bad;
	const char *centre = posted ? req_form(r, "chair_centre") : jstr(m, "chair_centre");
	const char *held = posted ? req_form(r, "held_on") : jstr(m, "held_on");
	char today[DATE_LEN];
	size_t i;

	if (!centre || !*centre)
		centre = jstr(reg, "centre");
	if (!held || !*held) {
		svc_today(&r->svc, today);
		held = today;
	}
	top_error(b, err, names);
	h_fmt(b, "<form class=\"stack\" method=\"post\" action=\"/candidats/%I/vae/commission\">\n", cid);
	h_csrf(r);
	h_fmt(b, "<input type=\"hidden\" name=\"inscription\" value=\"%I\">\n", rid);
	input(b, "chair_name", "Président (représentant du centre de certification)", "text",
		posted ? req_form(r, "chair_name") : jstr(m, "chair_name"),
		"required maxlength=\"200\"", err);
	bad = err_on(err, "chair_centre") || err_on(err, "chair");
	if (role_is_national(r->svc.actor.role) && svc_centre_list(&r->svc, centre_collect, &cs))
		r->svc.res.rc = SVC_OK;   /* no list: the centre is shown, not chosen */
	if (cs.n) {
		h_fmt(b, "<div><label for=\"chair_centre\">Centre que représente le président</label>"
			"<select id=\"chair_centre\" name=\"chair_centre\"");
		aria(b, bad, "chair_centre");
		h_fmt(b, ">");
		for (size_t k = 0; k < cs.n; k++)
			h_fmt(b, "<option value=\"%s\"%r>%s</option>", cs.code[k],
				!strcmp(centre, cs.code[k]) ? " selected" : "", cs.code[k]);
		h_fmt(b, "</select>");
		field_error(b, bad, "chair_centre", err);
		h_fmt(b, "</div>\n");
	} else {
		h_fmt(b, "<div><p>Centre que représente le président : <strong>%s</strong></p>",
			jstr(reg, "centre"));
		field_error(b, bad, "chair_centre", err);
		h_fmt(b, "</div>\n");
	}
	free(cs.code);
	input(b, "held_on", "Date de la commission", "date", held, "required", err);
	h_fmt(b, "<div><p><input type=\"checkbox\" id=\"work_situation\" name=\"work_situation\" "
		"value=\"1\"%r> <label for=\"work_situation\">Mise en situation professionnelle</label></p>"
		"<p><input type=\"checkbox\" id=\"interview\" name=\"interview\" value=\"1\"%r> "
		"<label for=\"interview\">Entretien avec le candidat</label></p></div>\n",
		(posted ? req_form(r, "work_situation") != NULL :
			json_is_true(json_object_get(m, "work_situation"))) ? " checked" : "",
		(posted ? req_form(r, "interview") != NULL :
			json_is_true(json_object_get(m, "interview"))) ? " checked" : "");
	bad = err_on(err, "validated");
	h_fmt(b, "<fieldset class=\"block\"");
	aria(b, bad, "validated");
	h_fmt(b, "><legend>%r par la commission</legend>\n",
		blocks ? "Blocs de compétences validés" : "Compétences validées");
	json_array_foreach(json_object_get(vae, "units"), i, u)
		h_fmt(b, "<p><input type=\"checkbox\" id=\"unit-%s\" name=\"validated\" value=\"%s\"%r> "
			"<label for=\"unit-%s\">%s — %s</label></p>\n", jstr(u, "code"), jstr(u, "code"),
			unit_checked(r, m, jstr(u, "code"), posted) ? " checked" : "", jstr(u, "code"),
			jstr(u, "code"), jstr(u, "title"));
	field_error(b, bad, "validated", err);
	h_fmt(b, "</fieldset>\n");
	select_codes(b, "conclusion", "Conclusions au jury",
		posted ? req_form(r, "conclusion") : jstr(m, "conclusion"), NULL,
		conclusion_code, conclusion_label, err);
	textarea(b, "comment", "Commentaire", posted ? req_form(r, "comment") : jstr(m, "comment"),
		"rows=\"3\" maxlength=\"4000\"", err);
	h_fmt(b, "<div><button type=\"submit\">Enregistrer la commission</button></div></form>\n");
}

/* Why the commission cannot sit yet (R-VAE-2, R-VAE-3). */
static void commission_waits(struct buf *b, const json_t *vae)
{
	h_fmt(b, "<p>La commission de validation se réunit quand ");
	if (strcmp(jstr(vae, "state"), "admissible"))
		h_fmt(b, "le dossier a été déclaré recevable, que cette décision a été communiquée "
			"au candidat et que le livret 2 est déposé.</p>\n");
	else if (!*jstr(vae, "communicated_on"))
		h_fmt(b, "la décision de recevabilité a été communiquée au candidat%r.</p>\n",
			json_is_true(json_object_get(vae, "livret2")) ? "" : " et que le livret 2 est déposé");
	else
		h_fmt(b, "le livret 2 est déposé.</p>\n");
}

static void commission_facts(struct buf *b, const json_t *vae)
{
	const json_t *m = json_object_get(vae, "commission"), *v;
	size_t i;
	int blocks = !strcmp(jstr(vae, "unit_kind"), "block");

	h_fmt(b, "<dl class=\"facts\">\n");
	dd_date(b, "Réunie le", jstr(m, "held_on"));
	h_fmt(b, "<dt>Présidée par</dt><dd>%s (centre %s)</dd>\n<dt>Mise en situation "
		"professionnelle</dt><dd>%r</dd>\n<dt>Entretien</dt><dd>%r</dd>\n"
		"<dt>Conclusions au jury</dt><dd><strong>%s</strong></dd>\n<dt>%r</dt><dd>",
		jstr(m, "chair_name"), jstr(m, "chair_centre"),
		json_is_true(json_object_get(m, "work_situation")) ? "Oui" : "Non",
		json_is_true(json_object_get(m, "interview")) ? "Oui" : "Non",
		jstr(m, "conclusion_label"), blocks ? "Blocs validés" : "Compétences validées");
	if (!json_array_size(json_object_get(m, "validated")))
		h_fmt(b, "%r", blocks ? "aucun" : "aucune");
	json_array_foreach(json_object_get(m, "validated"), i, v)
		h_fmt(b, "%r%s", i ? ", " : "", json_string_value(v) ? json_string_value(v) : "");
	h_fmt(b, "</dd>\n");
	if (*jstr(m, "comment")) {
		h_fmt(b, "<dt>Commentaire</dt><dd>");
		h_paragraphs(b, jstr(m, "comment"));
		h_fmt(b, "</dd>\n");
	}
	h_fmt(b, "</dl>\n");
}

/* Notices after a successful POST (?fait=…): fixed texts only. */
static const char *done_notice(const char *what)
{
	static const char *const n[][2] = {
		{ "dossier", "Le dossier de recevabilité est enregistré." },
		{ "decision", "La décision de recevabilité est enregistrée : enregistrez sa communication au candidat." },
		{ "communication", "La communication de la décision au candidat est enregistrée." },
		{ "completude", "Le dossier complété est enregistré ; il attend une nouvelle décision." },
		{ "commission", "La commission de validation est enregistrée." },
	};
	for (size_t i = 0; what && i < sizeof n / sizeof n[0]; i++)
		if (!strcmp(what, n[i][0]))
			return n[i][1];
	return NULL;
}

static const char *const which_name[] = {
	[F_NONE] = "", [F_FILE] = "« Dossier de recevabilité »",
	[F_DECISION] = "« Décision de recevabilité »",
	[F_COMMUNICATION] = "« Communication au candidat »",
	[F_COMPLETION] = "« Dossier complété »",
	[F_COMMISSION] = "« Commission de validation »",
};

/* The page ------------------------------------------------------------------- */

/* Whether the page draws the form of which, for a writer (write: may
** write, the registration active) and the file vae as it now stands. */
static int form_drawn(enum which which, int write, const json_t *vae)
{
	const char *state = jstr(vae, "state");
	int communicated = *jstr(vae, "communicated_on") != 0;

	if (!write)
		return 0;
	switch (which) {
	case F_FILE:   /* until the final decision */
		return strcmp(state, "admissible") && strcmp(state, "not_admissible");
	case F_DECISION:
		return !strcmp(state, "received");
	case F_COMMUNICATION:
		return *state && strcmp(state, "received") && !communicated;
	case F_COMPLETION:
		return !strcmp(state, "incomplete") && communicated;
	case F_COMMISSION:
		return !strcmp(jstr(vae, "phase"), "certification") &&
			json_is_true(json_object_get(vae, "livret2"));
	default:
		return 0;
	}
}

static void vae_page(struct req *r, int64_t cid, int64_t want, enum which which,
	struct svc_result *err)
{
	struct buf *b = &r->body;
	const json_t *reg, *vae, *id, *cert, *other;
	json_t *doc;
	const char *state;
	int64_t rid;
	int write = can_write(r), decided, communicated;
	size_t i, nvae = 0;

	if (svc_candidate_doc(&r->svc, cid, &doc)) {
		page_error(r, &r->svc.res);
		return;
	}
	reg = vae_reg(doc, want);
	if (!reg) {
		page_status(r, 404, "Aucune VAE", want ?
			"Cette inscription n'est pas une inscription par la VAE de ce candidat." :
			"Ce candidat n'a aucune inscription par la validation des acquis de l'expérience.");
		json_decref(doc);
		return;
	}
	rid = json_integer_value(json_object_get(reg, "id"));
	vae = json_object_get(reg, "vae");
	id = json_object_get(doc, "identity");
	cert = json_object_get(reg, "certification");
	state = jstr(vae, "state");
	decided = *state && strcmp(state, "received");
	communicated = *jstr(vae, "communicated_on") != 0;
	write = write && !strcmp(jstr(reg, "registration_status"), "active");
	if (err && err->rc != SVC_OK && which == F_FILE)
		form_field_of(err);

	{
		struct buf t = BUF_INIT;
		h_fmt(&t, "%rVAE — %s %s", err && err->rc != SVC_OK ? "Erreur — " : "",
			jstr(id, "birth_name"), jstr(id, "first_names"));
		page_begin(r, buf_str(&t));
		buf_release(&t);
	}
	h_fmt(b, "<p><a href=\"/candidats/%I\">Dossier du candidat</a></p>\n"
		"<h1>Validation des acquis de l'expérience — %s %s</h1>\n",
		cid, jstr(id, "birth_name"), jstr(id, "first_names"));
	if (!err || err->rc == SVC_OK) {
		const char *notice = done_notice(req_query(r, "fait"));
		if (notice)
			h_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	} else if (form_drawn(which, write, vae)) {
		h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré : voir le "
			"formulaire %s.</p>\n", which_name[which]);
	} else {
		/* a form the page does not draw (the file has moved on since it
		** was sent, or it was sent from elsewhere): the reason here */
		h_fmt(b, "<p class=\"error\" role=\"alert\">Rien n'a été enregistré. ");
		err_text(b, err);
		h_fmt(b, "</p>\n");
	}
	json_array_foreach(json_object_get(doc, "registrations"), i, other)
		nvae += json_is_object(json_object_get(other, "vae"));
	if (nvae > 1) {
		h_fmt(b, "<nav aria-label=\"Inscriptions par la VAE\"><p>Inscriptions par la VAE :");
		json_array_foreach(json_object_get(doc, "registrations"), i, other) {
			int64_t oid = json_integer_value(json_object_get(other, "id"));
			if (!json_is_object(json_object_get(other, "vae")))
				continue;
			if (oid == rid)
				h_fmt(b, " <strong aria-current=\"page\">n° %I</strong>", oid);
			else
				h_fmt(b, " <a href=\"/candidats/%I/vae?inscription=%I\">n° %I</a>", cid, oid, oid);
		}
		h_fmt(b, "</p></nav>\n");
	}
	h_fmt(b, "<dl class=\"facts\">\n<dt>Inscription</dt><dd>n° %I du ", rid);
	h_date(b, jstr(reg, "registered_on"));
	h_fmt(b, " (%s)</dd>\n<dt>Certification visée</dt><dd>%s — %s</dd>\n"
		"<dt>Centre de certification</dt><dd>%s</dd>\n<dt>Type de VAE</dt><dd>%s</dd>\n"
		"<dt>Phase</dt><dd><strong>%s</strong></dd>\n</dl>\n",
		jstr(reg, "registration_status_label"), jstr(cert, "code"), jstr(cert, "title"),
		jstr(reg, "centre"), jstr(vae, "kind_label"), jstr(vae, "phase_label"));
	phases(b, vae);

	/* the file */
	h_fmt(b, "<h2 id=\"dossier\">Dossier de recevabilité (CERFA 12818*02)</h2>\n");
	file_facts(b, vae);
	if (form_drawn(F_FILE, write, vae))
		file_form(r, cid, rid, vae, which == F_FILE ? err : NULL);
	else
		cerfa_tables(b, json_object_get(vae, "cerfa"));

	/* the decision */
	if (*state) {
		/* not "decision": the id of the decision's select, which its label names */
		h_fmt(b, "<h2 id=\"recevabilite\">Décision de recevabilité</h2>\n");
		if (form_drawn(F_DECISION, write, vae))
			decision_form(r, cid, rid, which == F_DECISION ? err : NULL);
		else if (!strcmp(state, "received"))
			h_fmt(b, "<p>Le dossier attend la décision du centre.</p>\n");
		else
			h_fmt(b, "<p>Décision : <strong>%s</strong>.</p>\n", jstr(vae, "state_label"));
	}

	/* its communication, then the completion of an incomplete file */
	if (decided) {
		h_fmt(b, "<h2 id=\"communication\">Communication au candidat</h2>\n");
		if (communicated) {
			h_fmt(b, "<p>La décision a été communiquée au candidat le ");
			h_date(b, jstr(vae, "communicated_on"));
			h_fmt(b, " (%s).</p>\n", jstr(vae, "communicated_means_label"));
		} else {
			h_fmt(b, "<p>La décision n'a pas encore été communiquée au candidat : rien ne "
				"se poursuit avant.</p>\n");
			if (form_drawn(F_COMMUNICATION, write, vae))
				communication_form(r, cid, rid, which == F_COMMUNICATION ? err : NULL);
		}
		if (form_drawn(F_COMPLETION, write, vae))
			completion_form(r, cid, rid, which == F_COMPLETION ? err : NULL);
	}

	/* the evidence file */
	h_fmt(b, "<h2 id=\"livret2\">Livret 2 (dossier de preuves)</h2>\n<p>Livret 2 : "
		"<strong>%r</strong> — <a href=\"/candidats/%I/documents\">documents du candidat</a></p>\n",
		json_is_true(json_object_get(vae, "livret2")) ? "déposé" : "non déposé", cid);

	/* the validation commission */
	h_fmt(b, "<h2 id=\"commission\">Commission de validation</h2>\n");
	if (json_is_object(json_object_get(vae, "commission")))
		commission_facts(b, vae);
	if (form_drawn(F_COMMISSION, write, vae))
		commission_form(r, cid, rid, reg, vae, which == F_COMMISSION ? err : NULL);
	else if (!json_is_object(json_object_get(vae, "commission")))
		commission_waits(b, vae);
	page_end(r);
	json_decref(doc);
}

void page_vae(struct req *r)
{
	int64_t cid = id_of(r->param), want = 0;
	const char *q = req_query(r, "inscription");

	if (page_need_login(r))
		return;
	if (!cid || (q && !(want = id_of(q)))) {
		page_status(r, 404, "Introuvable", "Aucun candidat à cette adresse.");
		return;
	}
	vae_page(r, cid, want, F_NONE, NULL);
}

/* Posts ------------------------------------------------------------------------ */

/*
** The candidate and the registration of a post: the registration must be
** one of the candidate's (else a 404 page). Returns the registration
** number, 0 after answering.
*/
static int64_t post_target(struct req *r, int64_t *cid)
{
	int64_t rid = id_of(req_form(r, "inscription"));
	json_t *v;

	*cid = id_of(r->param);
	if (!*cid || !rid) {
		page_status(r, 404, "Introuvable", "Aucune inscription par la VAE à cette adresse.");
		return 0;
	}
	if (svc_vae_get(&r->svc, rid, &v)) {
		page_error(r, &r->svc.res);
		return 0;
	}
	if (json_integer_value(json_object_get(v, "candidate")) != *cid) {
		json_decref(v);
		page_status(r, 404, "Introuvable", "Cette inscription n'est pas celle de ce candidat.");
		return 0;
	}
	json_decref(v);
	return rid;
}

static void post_done(struct req *r, int64_t cid, int64_t rid, const char *what)
{
	char loc[200];
	/* back to the section that comes next */
	snprintf(loc, sizeof loc, "/candidats/%lld/vae?inscription=%lld&fait=%s#%s",
		(long long)cid, (long long)rid, what,
		!strcmp(what, "completude") ? "recevabilite" : !strcmp(what, "commission") ? "commission" :
		!strcmp(what, "dossier") ? "dossier" : "communication");
	res_redirect(r, loc);
}

static void post_failed(struct req *r, int64_t cid, int64_t rid, enum which which)
{
	struct svc_result err;
	if (!page_form_refused(r, &err))
		vae_page(r, cid, rid, which, &err);
}

void page_vae_file_post(struct req *r)
{
	int64_t cid, rid;
	json_t *cerfa;
	struct rows rw;
	int rc;

	if (page_need_login(r) || !(rid = post_target(r, &cid)))
		return;
	rows_from_form(r, &rw);
	cerfa = json_pack("{s:O, s:O, s:O}", "experiences", rw.lists[0], "training", rw.lists[1],
		"prior_validations", rw.lists[2]);
	rows_release(&rw);
	rc = svc_vae_file(&r->svc, rid, req_form(r, "received_on"), cerfa);
	json_decref(cerfa);
	if (rc)
		post_failed(r, cid, rid, F_FILE);
	else
		post_done(r, cid, rid, "dossier");
}

void page_vae_decision_post(struct req *r)
{
	int64_t cid, rid;
	char *motive;
	int rc;

	if (page_need_login(r) || !(rid = post_target(r, &cid)))
		return;
	/* the motive is one line; the textarea wraps it */
	motive = one_line(req_form(r, "motive"));
	rc = svc_vae_decide(&r->svc, rid, req_form(r, "decision"), req_form(r, "decided_on"),
		motive);
	free(motive);
	if (rc)
		post_failed(r, cid, rid, F_DECISION);
	else
		post_done(r, cid, rid, "decision");
}

void page_vae_communication_post(struct req *r)
{
	int64_t cid, rid;

	if (page_need_login(r) || !(rid = post_target(r, &cid)))
		return;
	if (svc_vae_communicate(&r->svc, rid, req_form(r, "communicated_on"), req_form(r, "means")))
		post_failed(r, cid, rid, F_COMMUNICATION);
	else
		post_done(r, cid, rid, "communication");
}

void page_vae_completion_post(struct req *r)
{
	int64_t cid, rid;

	if (page_need_login(r) || !(rid = post_target(r, &cid)))
		return;
	if (svc_vae_complete(&r->svc, rid, req_form(r, "completed_on")))
		post_failed(r, cid, rid, F_COMPLETION);
	else
		post_done(r, cid, rid, "completude");
}

void page_vae_commission_post(struct req *r)
{
	struct vae_commission_in in;
	struct buf codes = BUF_INIT;
	int64_t cid, rid;
	int rc;

	if (page_need_login(r) || !(rid = post_target(r, &cid)))
		return;
	for (int k = 0; k < r->nform; k++)
		if (!strcmp(r->form[k].key, "validated"))
			buf_printf(&codes, "%s%s", codes.len ? " " : "", r->form[k].value);
	memset(&in, 0, sizeof in);
	in.chair_name = req_form(r, "chair_name");
	in.chair_centre = req_form(r, "chair_centre");
	in.held_on = req_form(r, "held_on");
	in.work_situation = req_form(r, "work_situation") != NULL;
	in.interview = req_form(r, "interview") != NULL;
	in.conclusion = req_form(r, "conclusion");
	in.validated = buf_str(&codes);
	in.comment = req_form(r, "comment");
	rc = svc_vae_validate(&r->svc, rid, &in);
	buf_release(&codes);
	if (rc)
		post_failed(r, cid, rid, F_COMMISSION);
	else
		post_done(r, cid, rid, "commission");
}
