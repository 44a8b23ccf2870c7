/*
** Catalogue documents: checking, completion, hashing, merging (see
** catalogue.h). No I/O: the store and the importers call these.
*/
#include "core/catalogue.h"
#include "core/rules.h"
#include "core/ids.h"
#include "core/text.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[KIND__MAX][2] = {
	[KIND_CQPM] = { "CQPM", "Certificat de qualification paritaire de la métallurgie" },
	[KIND_CCPM] = { "CCPM", "Certificat de compétences professionnelles de la métallurgie" },
	[KIND_CQPI] = { "CQPI", "Certificat de qualification professionnelle interbranches" },
	[KIND_CCPI] = { "CCPI", "Certificat de compétences professionnelles interbranches" },
	[KIND_PARCOURS] = { "PARCOURS", "Parcours de professionnalisation certifiant" },
	[KIND_RNCP] = { "RNCP", "Fiche du Répertoire national des certifications professionnelles" },
	[KIND_RS] = { "RS", "Fiche du Répertoire spécifique" },
};

static const char *const statuses[STATUS__MAX][2] = {
	[STATUS_ACTIVE] = { "active", "Active" },
	[STATUS_INACTIVE] = { "inactive", "Inactive" },
	[STATUS_DRAFT] = { "draft", "Projet de référentiel" },
	[STATUS_SUPPRESSED] = { "suppressed", "Supprimée" },
};

static const char *const routes[ROUTE__MAX][2] = {
	[ROUTE_STUDENT] = { "student", "Après un parcours de formation sous statut d'élève ou d'étudiant" },
	[ROUTE_APPRENTICESHIP] = { "apprenticeship", "En contrat d'apprentissage" },
	[ROUTE_CONTINUING] = { "continuing", "Après un parcours de formation continue" },
	[ROUTE_PROFESSIONALISATION] = { "professionalisation", "En contrat de professionnalisation" },
	[ROUTE_INDIVIDUAL] = { "individual", "Par candidature individuelle" },
	[ROUTE_VAE] = { "vae", "Par expérience (VAE)" },
};

static const char *const modalities[MOD__MAX][2] = {
	[MOD_REAL_SITUATION] = { "real_situation", "Évaluation en situation professionnelle réelle" },
	[MOD_PROJECT_PRESENTATION] = { "project_presentation", "Présentation de projets ou activités réalisés en milieu professionnel" },
	[MOD_RECONSTITUTED_SITUATION] = { "reconstituted_situation", "Évaluation à partir d'une situation professionnelle reconstituée" },
};

const char *kind_code(enum cert_kind k) { return (unsigned)k < KIND__MAX ? kinds[k][0] : NULL; }
const char *kind_label(enum cert_kind k) { return (unsigned)k < KIND__MAX ? kinds[k][1] : NULL; }
const char *status_code(enum cert_status s) { return (unsigned)s < STATUS__MAX ? statuses[s][0] : NULL; }
const char *status_label(enum cert_status s) { return (unsigned)s < STATUS__MAX ? statuses[s][1] : NULL; }
const char *route_key(enum access_route r) { return (unsigned)r < ROUTE__MAX ? routes[r][0] : NULL; }
const char *route_label(enum access_route r) { return (unsigned)r < ROUTE__MAX ? routes[r][1] : NULL; }
const char *modality_key(enum modality m) { return (unsigned)m < MOD__MAX ? modalities[m][0] : NULL; }
const char *modality_label(enum modality m) { return (unsigned)m < MOD__MAX ? modalities[m][1] : NULL; }


int kind_from_code(const char *c) { return code_lookup(kinds, KIND__MAX, c); }
int status_from_code(const char *c) { return code_lookup(statuses, STATUS__MAX, c); }
int modality_from_key(const char *k) { return code_lookup(modalities, MOD__MAX, k); }

int kind_is_branch(enum cert_kind k)
{
	return k == KIND_CQPM || k == KIND_CCPM || k == KIND_CQPI ||
	       k == KIND_CCPI || k == KIND_PARCOURS;
}

const char *jstr(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* Schema description --------------------------------------------------- */

enum ftype { F_STR, F_BOOL, F_NUM, F_INT, F_STRS, F_CODES, F_OBJ, F_ARR };

struct field {
	const char *key;
	enum ftype type;
	const struct field *sub; /* members of F_OBJ, items of F_ARR */
	unsigned maxlen;         /* characters, 0: default */
};

#define END { NULL, F_STR, NULL, 0 }

static const struct field f_code_label[] = {
	{ "code", F_STR, NULL, 64 }, { "label", F_STR, NULL, 1000 }, END };
static const struct field f_certifier[] = {
	{ "siret", F_STR, NULL, 32 }, { "name", F_STR, NULL, 500 }, END };
static const struct field f_activity[] = {
	{ "title", F_STR, NULL, 1000 }, { "description", F_STR, NULL, 0 }, END };
static const struct field f_actref[] = {
	{ "mission", F_STR, NULL, 0 },
	{ "activities", F_ARR, f_activity, 0 },
	{ "environment", F_STR, NULL, 0 },
	{ "interactions", F_STR, NULL, 0 }, END };
static const struct field f_routes[] = {
	{ "student", F_BOOL, NULL, 0 }, { "apprenticeship", F_BOOL, NULL, 0 },
	{ "continuing", F_BOOL, NULL, 0 }, { "professionalisation", F_BOOL, NULL, 0 },
	{ "individual", F_BOOL, NULL, 0 }, { "vae", F_BOOL, NULL, 0 }, END };
static const struct field f_compo[] = {
	{ "student", F_STR, NULL, 0 }, { "apprenticeship", F_STR, NULL, 0 },
	{ "continuing", F_STR, NULL, 0 }, { "professionalisation", F_STR, NULL, 0 },
	{ "individual", F_STR, NULL, 0 }, { "vae", F_STR, NULL, 0 }, END };
static const struct field f_overseas[] = {
	{ "nouvelle_caledonie", F_BOOL, NULL, 0 },
	{ "polynesie_francaise", F_BOOL, NULL, 0 }, END };
static const struct field f_basis[] = {
	{ "title", F_STR, NULL, 0 }, { "date", F_STR, NULL, 10 }, END };
static const struct field f_legal[] = {
	{ "basis", F_ARR, f_basis, 0 },
	{ "registration_type", F_STR, NULL, 200 },
	{ "decision_date", F_STR, NULL, 10 },
	{ "registration_start", F_STR, NULL, 10 },
	{ "registration_end", F_STR, NULL, 10 },
	{ "effective_date", F_STR, NULL, 10 },
	{ "publication_date", F_STR, NULL, 10 },
	{ "delivery_deadline", F_STR, NULL, 10 }, END };
static const struct field f_criteria[] = {
	{ "methods", F_STRS, NULL, 0 }, { "means", F_STRS, NULL, 0 },
	{ "relations", F_STRS, NULL, 0 }, { "constraints", F_STRS, NULL, 0 }, END };
static const struct field f_competence[] = {
	{ "code", F_STR, NULL, 32 },
	{ "title", F_STR, NULL, CAT_MAX_TITLE },
	{ "knowledge", F_STRS, NULL, 0 },
	{ "conditions", F_STR, NULL, 0 },
	{ "criteria", F_OBJ, f_criteria, 0 },
	{ "expected_results", F_STRS, NULL, 0 },
	{ "modalities", F_CODES, NULL, 0 }, END };
static const struct field f_block[] = {
	{ "code", F_STR, NULL, 32 },
	{ "bdc", F_STR, NULL, 16 },
	{ "number", F_INT, NULL, 0 },
	{ "title", F_STR, NULL, CAT_MAX_TITLE },
	{ "description", F_STR, NULL, 0 },
	{ "evaluation_text", F_STR, NULL, 0 },
	{ "competences_text", F_STR, NULL, 0 },
	{ "modalities", F_CODES, NULL, 0 },
	{ "company_opinion", F_BOOL, NULL, 0 },
	{ "competences", F_ARR, f_competence, 0 }, END };
static const struct field f_abbrev[] = {
	{ "code", F_STR, NULL, 64 }, { "label", F_STR, NULL, 500 }, END };

static const struct field f_doc[] = {
	{ "code", F_STR, NULL, 40 },
	{ "kind", F_STR, NULL, 16 },
	{ "rncp", F_STR, NULL, 16 },
	{ "identifier", F_STR, NULL, 16 },
	{ "cqpm_number", F_STR, NULL, 16 },
	{ "history_numbers", F_STRS, NULL, 0 },
	{ "title", F_STR, NULL, CAT_MAX_TITLE },
	{ "abbreviation", F_OBJ, f_abbrev, 0 },
	{ "status", F_STR, NULL, 16 },
	{ "draft", F_BOOL, NULL, 0 },
	{ "level", F_STR, NULL, 16 },
	{ "level_label", F_STR, NULL, 200 },
	{ "certifiers", F_ARR, f_certifier, 0 },
	{ "signatory", F_STR, NULL, 500 },
	{ "conventions", F_STRS, NULL, 0 },
	{ "nsf", F_ARR, f_code_label, 0 },
	{ "formacode", F_ARR, f_code_label, 0 },
	{ "rome", F_ARR, f_code_label, 0 },
	{ "summary", F_STR, NULL, 0 },
	{ "activity_referential", F_OBJ, f_actref, 0 },
	{ "capacities", F_STRS, NULL, 0 },
	{ "sectors", F_STR, NULL, 0 },
	{ "jobs", F_STRS, NULL, 0 },
	{ "components_description", F_STR, NULL, 0 },
	{ "admission_conditions", F_STR, NULL, 0 },
	{ "access_routes", F_OBJ, f_routes, 0 },
	{ "jury_composition", F_OBJ, f_compo, 0 },
	{ "overseas", F_OBJ, f_overseas, 0 },
	{ "legal", F_OBJ, f_legal, 0 },
	{ "acquired_validity", F_STR, NULL, 200 },
	{ "deliveries_per_year", F_NUM, NULL, 0 },
	{ "category", F_STR, NULL, 16 },
	{ "on_cqpi_list", F_BOOL, NULL, 0 },
	{ "previous", F_STRS, NULL, 0 },
	{ "next", F_STRS, NULL, 0 },
	{ "blocks", F_ARR, f_block, 0 },
	{ "competences", F_ARR, f_competence, 0 },
	{ "sources", F_STRS, NULL, 0 },
	{ "notes", F_STR, NULL, 0 },
	END };

#define TEXT_MAX (1u << 20) /* one text field: 1 MiB */
#define ARRAY_MAX 1000

static int fail(struct cat_error *err, const char *path, const char *msg)
{
	snprintf(err->field, sizeof err->field, "%s", path);
	snprintf(err->message, sizeof err->message, "%s", msg);
	return -1;
}

static int check_str(json_t *v, unsigned maxlen, const char *path,
	struct cat_error *err)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (!json_is_string(v))
		return fail(err, path, "une chaîne de caractères est attendue");
	if (strlen(s) != n || !utf8_valid(s, n))
		return fail(err, path, "texte invalide (UTF-8 mal formé ou caractère de contrôle)");
	if (n > TEXT_MAX || (maxlen && utf8_len(s) > maxlen))
		return fail(err, path, "texte trop long");
	return 0;
}

static int check_obj(json_t *obj, const struct field *f, const char *path,
	struct cat_error *err);

static json_t *default_of(const struct field *f)
{
	switch (f->type) {
	case F_STR: return json_string("");
	case F_BOOL: case F_NUM: case F_INT: return json_null();
	case F_STRS: case F_CODES: case F_ARR: return json_array();
	case F_OBJ: return json_object();
	}
	return json_null();
}

static int check_value(json_t *parent, const struct field *f,
	const char *path, struct cat_error *err)
{
	json_t *v = json_object_get(parent, f->key);
	char sub[96];
	size_t i;
	json_t *item;

	if (!v || json_is_null(v)) {
		if (f->type == F_BOOL || f->type == F_NUM || f->type == F_INT) {
			json_object_set_new(parent, f->key, json_null());
			return 0;
		}
		v = default_of(f);
		json_object_set_new(parent, f->key, v);
	}
	switch (f->type) {
	case F_STR:
		return check_str(v, f->maxlen, path, err);
	case F_BOOL:
		return json_is_boolean(v) ? 0 : fail(err, path, "vrai, faux ou null attendu");
	case F_NUM:
		return json_is_number(v) ? 0 : fail(err, path, "un nombre est attendu");
	case F_INT:
		return json_is_integer(v) && json_integer_value(v) >= 0 &&
			json_integer_value(v) < 10000 ? 0 :
			fail(err, path, "un entier positif est attendu");
	case F_STRS:
	case F_CODES:
		if (!json_is_array(v))
			return fail(err, path, "une liste est attendue");
		if (json_array_size(v) > ARRAY_MAX)
			return fail(err, path, "liste trop longue");
		json_array_foreach(v, i, item) {
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			if (check_str(item, 0, sub, err))
				return -1;
			if (f->type == F_CODES &&
			    modality_from_key(json_string_value(item)) < 0)
				return fail(err, sub, "modalité d'évaluation inconnue");
		}
		return 0;
	case F_OBJ:
		if (!json_is_object(v))
			return fail(err, path, "un objet est attendu");
		return check_obj(v, f->sub, path, err);
	case F_ARR:
		if (!json_is_array(v))
			return fail(err, path, "une liste est attendue");
		if (json_array_size(v) > (!strcmp(f->key, "blocks") ?
			CAT_MAX_BLOCKS : ARRAY_MAX))
			return fail(err, path, "liste trop longue");
		json_array_foreach(v, i, item) {
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			if (!json_is_object(item))
				return fail(err, sub, "un objet est attendu");
			if (check_obj(item, f->sub, sub, err))
				return -1;
		}
		return 0;
	}
	return 0;
}

static int check_obj(json_t *obj, const struct field *f, const char *path,
	struct cat_error *err)
{
	char sub[96];
	for (; f->key; f++) {
		if (*path)
			snprintf(sub, sizeof sub, "%s.%s", path, f->key);
		else
			snprintf(sub, sizeof sub, "%s", f->key);
		if (check_value(obj, f, sub, err))
			return -1;
	}
	return 0;
}

/* NSF: a group of three digits, optionally followed by a lower-case
** letter (e.g. 315, 221w). */
int nsf_code_valid(const char *c)
{
	size_t n = strlen(c);
	return (n == 3 || n == 4) && isdigit((unsigned char)c[0]) &&
	       isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]) &&
	       (n == 3 || islower((unsigned char)c[3]));
}

/* ROME v4: one capital letter and four digits (e.g. M1502). */
int rome_code_valid(const char *c)
{
	return strlen(c) == 5 && isupper((unsigned char)c[0]) &&
	       isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]) &&
	       isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]);
}

/* Formacode: five digits. */
int formacode_valid(const char *c)
{
	if (strlen(c) != 5)
		return 0;
	for (int i = 0; i < 5; i++)
		if (!isdigit((unsigned char)c[i]))
			return 0;
	return 1;
}

static int check_codes(json_t *doc, struct cat_error *err)
{
	static const struct {
		const char *key;
		int (*valid)(const char *);
		const char *msg;
	} nomens[] = {
		{ "nsf", nsf_code_valid, "code NSF invalide (trois chiffres, suivis ou non d'une lettre)" },
		{ "rome", rome_code_valid, "code ROME invalide (une lettre et quatre chiffres)" },
		{ "formacode", formacode_valid, "Formacode invalide (cinq chiffres)" },
	};
	size_t i;
	json_t *v;
	char path[64];

	for (size_t k = 0; k < sizeof nomens / sizeof *nomens; k++)
		json_array_foreach(json_object_get(doc, nomens[k].key), i, v) {
			if (nomens[k].valid(jstr(v, "code")))
				continue;
			snprintf(path, sizeof path, "%s[%zu].code", nomens[k].key, i);
			return fail(err, path, nomens[k].msg);
		}
	return 0;
}

int cat_doc_check(json_t *doc, struct cat_error *err)
{
	const char *code, *kind, *status, *rncp;
	size_t i;
	json_t *b;

	memset(err, 0, sizeof *err);
	if (!json_is_object(doc))
		return fail(err, "", "le document doit être un objet JSON");
	if (check_obj(doc, f_doc, "", err))
		return -1;
	code = jstr(doc, "code");
	kind = jstr(doc, "kind");
	status = jstr(doc, "status");
	rncp = jstr(doc, "rncp");
	if (code_classify(code) == CODE_INVALID)
		return fail(err, "code", "code de certification invalide");
	if (kind_from_code(kind) < 0)
		return fail(err, "kind", "nature de certification inconnue (CQPM, CCPM, CQPI, CCPI, PARCOURS, RNCP ou RS)");
	if (!*status)
		json_object_set_new(doc, "status", json_string("active"));
	else if (status_from_code(status) < 0)
		return fail(err, "status", "statut inconnu (active, inactive, draft ou suppressed)");
	if (*rncp && code_classify(rncp) != CODE_RNCP &&
	    code_classify(rncp) != CODE_RS)
		return fail(err, "rncp", "numéro de fiche RNCP ou RS invalide");
	if (!*jstr(doc, "title"))
		return fail(err, "title", "l'intitulé est obligatoire");
	/* R-CAT-4: an identifier, when given, has the scheme's form */
	if (*jstr(doc, "identifier")) {
		enum code_kind ck = code_classify(jstr(doc, "identifier"));
		if (ck != CODE_CQPM && ck != CODE_CCPM)
			return fail(err, "identifier", "identifiant invalide (R-CAT-4 : CQPM + année + numéro + R/I, ou CCPM + année + numéro)");
	}
	if (check_codes(doc, err))
		return -1;
	json_array_foreach(json_object_get(doc, "blocks"), i, b) {
		const char *bdc = jstr(b, "bdc");
		if (*bdc && code_classify(bdc) != CODE_BDC) {
			char path[64];
			snprintf(path, sizeof path, "blocks[%zu].bdc", i);
			return fail(err, path, "code de bloc invalide (R-CAT-4 : BDC + 4 chiffres)");
		}
	}
	return 0;
}

char *cat_doc_canonical(const json_t *doc)
{
	char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	return s ? s : xstrdup("null");
}

void cat_doc_hash(const json_t *doc, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *s = cat_doc_canonical(doc);
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	free(s);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Register fields that a fiche carries (R-CAT-9); the rest is the
** referential, kept from the branch document. */
static const char *const register_keys[] = {
	"rncp", "title", "abbreviation", "status", "level", "level_label",
	"certifiers", "nsf", "formacode", "rome", "capacities", "sectors",
	"jobs", "access_routes", "jury_composition", "overseas", "legal",
	"previous", "next", NULL
};

/* 1 if v carries nothing: "", [], null, or an object of such values. */
static int empty_value(const json_t *v)
{
	const char *k;
	json_t *m;
	if (!v || json_is_null(v))
		return 1;
	if (json_is_string(v))
		return json_string_length(v) == 0;
	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, m)
			if (!empty_value(m))
				return 0;
		return 1;
	}
	return 0;
}

/* Sets obj[key] from v, unless v is empty: an empty value of the fiche
** never erases a known one. Objects are merged member by member. */
static void merge_value(json_t *obj, const char *key, const json_t *v)
{
	json_t *mine = json_object_get(obj, key);
	const char *k;
	json_t *m;

	if (empty_value(v))
		return;
	if (json_is_object(v) && json_is_object(mine)) {
		json_object_foreach((json_t *)v, k, m)
			merge_value(mine, k, m);
		return;
	}
	json_object_set_new(obj, key, json_deep_copy(v));
}

json_t *cat_merge_fiche(const json_t *branch, const json_t *fiche)
{
	json_t *out = json_deep_copy(branch);
	json_t *blocks = json_object_get(out, "blocks");
	json_t *fb;
	size_t i, j;

	for (int k = 0; register_keys[k]; k++)
		merge_value(out, register_keys[k], json_object_get(fiche, register_keys[k]));
	if (!json_is_array(blocks)) {
		blocks = json_array();
		json_object_set_new(out, "blocks", blocks);
	}
	json_array_foreach(json_object_get(fiche, "blocks"), i, fb) {
		const char *code = jstr(fb, "code");
		json_t *mine = NULL, *b;
		json_array_foreach(blocks, j, b)
			if (*code && !strcmp(jstr(b, "code"), code))
				mine = b;
		if (!mine) {
			json_array_append_new(blocks, json_deep_copy(fb));
			continue;
		}
		if (*jstr(fb, "title"))
			json_object_set_new(mine, "title", json_string(jstr(fb, "title")));
		if (*jstr(fb, "competences_text"))
			json_object_set_new(mine, "competences_text",
				json_string(jstr(fb, "competences_text")));
		if (*jstr(fb, "evaluation_text"))
			json_object_set_new(mine, "evaluation_text",
				json_string(jstr(fb, "evaluation_text")));
	}
	return out;
}

int cat_is_branch_certifier(const json_t *fiche)
{
	size_t i;
	json_t *c;
	struct buf f = BUF_INIT;
	int yes = 0;

	json_array_foreach(json_object_get(fiche, "certifiers"), i, c) {
		buf_reset(&f);
		text_fold(&f, jstr(c, "name"));
		if (strstr(buf_str(&f), "metallurgie") ||
		    strstr(buf_str(&f), "uimm"))
			yes = 1;
	}
	buf_release(&f);
	return yes;
}

static void fold_add(struct buf *out, const char *s)
{
	if (!s || !*s)
		return;
	if (out->len)
		buf_putc(out, ' ');
	text_fold(out, s);
}

void cat_search_text(const json_t *doc, struct buf *out)
{
	static const char *const arrays[] = { "nsf", "rome", "formacode", NULL };
	size_t i;
	json_t *v;

	fold_add(out, jstr(doc, "title"));
	fold_add(out, jstr(doc, "code"));
	fold_add(out, jstr(doc, "rncp"));
	fold_add(out, jstr(doc, "identifier"));
	fold_add(out, jstr(doc, "cqpm_number"));
	fold_add(out, jstr(doc, "kind"));
	fold_add(out, jstr(doc, "level"));
	fold_add(out, jstr(doc, "level_label"));
	for (int k = 0; arrays[k]; k++)
		json_array_foreach(json_object_get(doc, arrays[k]), i, v) {
			fold_add(out, jstr(v, "code"));
			fold_add(out, jstr(v, "label"));
		}
	json_array_foreach(json_object_get(doc, "blocks"), i, v) {
		fold_add(out, jstr(v, "code"));
		fold_add(out, jstr(v, "bdc"));
	}
}

void cat_codes(const json_t *doc, const char *key, struct buf *out)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(doc, key), i, v) {
		if (out->len)
			buf_putc(out, ' ');
		buf_puts(out, jstr(v, "code"));
	}
}

const char *modality_label_of_key(const char *key)
{
	int m = modality_from_key(key);
	if (m >= 0)
		return modality_label((enum modality)m);
	if (key && !strcmp(key, MODALITY_VAE_COMMISSION))
		return "Commission de validation (VAE)";
	return key ? key : "";
}
