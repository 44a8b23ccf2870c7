/*
** Catalogue services: look-up, search, versioned writes, RNCP imports,
** seed referentials and nomenclatures (R-CAT-4, R-CAT-6, R-CAT-9).
*/
#include "service/svc.h"
#include "core/catalogue.h"
#include "core/ids.h"
#include "core/text.h"
#include "import/import.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/errfr.h"
#include <dirent.h>
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cat_entry_release(struct cat_entry *e)
{
	cert_release(&e->meta);
	json_decref(e->doc);
	e->doc = NULL;
}

int64_t svc_cat_generation(struct svc *s)
{
	char v[32];
	int rc = store_setting_get(s->st, "catalogue_generation", v, sizeof v);
	if (rc < 0)
		return -1;
	return rc ? strtoll(v, NULL, 10) : 0;
}

static int bump_generation(struct svc *s)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)svc_cat_generation(s) + 1);
	return store_setting_put(s->st, "catalogue_generation", v);
}

const char *svc_nomen_label(struct svc *s, const char *kind, const char *code,
	char *out, size_t outsz)
{
	out[0] = '\0';
	if (code && *code)
		store_nomen_get(s->st, kind, code, out, outsz);
	return out;
}

/* Fills empty labels of NSF and ROME codes and of the level from the
** nomenclatures (at write time). */
static void enrich_labels(struct svc *s, json_t *doc)
{
	static const char *const keys[][2] = { { "nsf", "nsf" }, { "rome", "rome" } };
	char label[1024];
	size_t i;
	json_t *v;

	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		json_array_foreach(json_object_get(doc, keys[k][0]), i, v) {
			if (*jstr(v, "label"))
				continue;
			if (*svc_nomen_label(s, keys[k][1], jstr(v, "code"), label, sizeof label))
				json_object_set_new(v, "label", json_string(label));
		}
	if (*jstr(doc, "level") && !*jstr(doc, "level_label") &&
	    *svc_nomen_label(s, "level", jstr(doc, "level"), label, sizeof label))
		json_object_set_new(doc, "level_label", json_string(label));
}

int svc_nomen_search(struct svc *s, const char *kind, const char *q, int limit,
	nomen_fn fn, void *arg)
{
	static const char *const kinds[] = { "nsf", "rome", "naf", "level" };
	int known = 0;
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		known |= kind && !strcmp(kind, kinds[i]);
	if (!known)
		return svc_fail(s, SVC_INVALID, "kind", NULL,
			"Nomenclature inconnue : nsf, rome, naf ou level.");
	if (q && (strlen(q) > 100 || !utf8_valid(q, strlen(q))))
		return svc_fail(s, SVC_INVALID, "q", NULL, "La recherche est trop longue ou mal codée.");
	if (limit <= 0 || limit > 1000)
		return svc_fail(s, SVC_INVALID, "limit", NULL,
			"limit : un entier de 1 à 1 000 est attendu.");
	if (store_nomen_search(s->st, kind, q, limit, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des nomenclatures impossible.");
	return 0;
}

struct versions_acc { json_t *arr; };

static int version_row(void *arg, const struct cert_version_row *r)
{
	struct versions_acc *a = arg;
	json_array_append_new(a->arr, json_pack("{s:i, s:s, s:s, s:s}",
		"version", r->version, "created_at", r->created_at,
		"source", r->source, "created_by", r->created_by));
	return 0;
}

/* Resolves a user-typed code to a catalogue row. 1 found, 0 not, -1 error. */
static int resolve(struct svc *s, const char *typed, struct cert *out)
{
	char code[64];
	int rc;

	if (code_normalize(typed, code, sizeof code))
		return 0;
	switch (code_classify(code)) {
	case CODE_RNCP:
	case CODE_RS:
		rc = store_cert_find(s->st, BY_CODE, code, out);
		return rc ? rc : store_cert_find(s->st, BY_RNCP, code, out);
	case CODE_CQPM:
	case CODE_CCPM:
		rc = store_cert_find(s->st, BY_IDENTIFIER, code, out);
		return rc ? rc : store_cert_find(s->st, BY_CODE, code, out);
	case CODE_BDC:
	case CODE_RNCP_BLOCK:
		return store_cert_find(s->st, BY_BLOCK, code, out);
	case CODE_LOCAL:
		return store_cert_find(s->st, BY_CODE, code, out);
	default:
		return 0;
	}
}

int svc_cat_get(struct svc *s, const char *code, int version, struct cat_entry *out)
{
	char *text;
	json_error_t jerr;
	struct versions_acc acc;
	int rc;

	memset(out, 0, sizeof *out);
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	rc = resolve(s, code, &out->meta);
	if (rc < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
	if (rc == 0)
		return svc_fail(s, SVC_NOTFOUND, "code", NULL,
			"Aucune certification ne porte le code « %.64s ».", code);
	if (version <= 0)
		version = out->meta.version;
	text = store_cert_doc(s->st, out->meta.id, version);
	if (!text) {
		cert_release(&out->meta);
		return svc_fail(s, SVC_NOTFOUND, "version", "R-CAT-6",
			"La version %d de cette certification n'existe pas.", version);
	}
	out->doc = json_loads(text, 0, &jerr);
	free(text);
	if (!out->doc) {
		cert_release(&out->meta);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Document du catalogue illisible.");
	}
	acc.arr = json_array();
	store_cert_versions(s->st, out->meta.id, version_row, &acc);
	json_object_set_new(out->doc, "version", json_integer(version));
	json_object_set_new(out->doc, "current_version", json_integer(out->meta.version));
	json_object_set_new(out->doc, "versions", acc.arr);
	json_object_set_new(out->doc, "updated_at", json_string(out->meta.updated_at));
	return 0;
}

int svc_cat_list(struct svc *s, const struct cat_query *q, cert_row_fn fn,
	void *arg, struct cat_page *page)
{
	struct cert_filter f;
	struct buf folded = BUF_INIT;
	char *words, *save = NULL, *w;
	int n = 0, rc = 0;

	if (!perm_allows(s->actor.role, PERM_CATALOGUE_READ))
		return svc_fail(s, SVC_DENIED, NULL, NULL, "Accès refusé.");
	memset(&f, 0, sizeof f);
	if (q->q && strlen(q->q) > 200)
		return svc_fail(s, SVC_INVALID, "q", NULL, "La recherche est trop longue (200 caractères au plus).");
	if (q->q && !utf8_valid(q->q, strlen(q->q)))
		return svc_fail(s, SVC_INVALID, "q", NULL, "La recherche contient des caractères invalides.");
	if (q->kind && *q->kind && kind_from_code(q->kind) < 0)
		return svc_fail(s, SVC_INVALID, "kind", NULL, "Nature de certification inconnue : "
			"CQPM, CCPM, CQPI, CCPI, PARCOURS, RNCP ou RS.");
	if (q->status && *q->status && status_from_code(q->status) < 0)
		return svc_fail(s, SVC_INVALID, "status", NULL,
			"Statut inconnu : active, inactive, draft ou suppressed.");
	if (q->level && *q->level && (strlen(q->level) != 4 || strncmp(q->level, "NIV", 3) ||
	    q->level[3] < '1' || q->level[3] > '8'))
		return svc_fail(s, SVC_INVALID, "level", NULL, "Niveau inconnu : NIV1 à NIV8.");
	if (q->page < 0 || q->page > 100000)
		return svc_fail(s, SVC_INVALID, "page", NULL, "page : un entier de 1 à 100 000 est attendu.");
	if (q->per_page < 0 || q->per_page > 500)
		return svc_fail(s, SVC_INVALID, "per_page", NULL,
			"per_page : un entier de 1 à 500 est attendu.");
	buf_init(&folded, 1024);
	if (q->q)
		text_fold(&folded, q->q);
	words = xstrdup(buf_str(&folded));
	for (w = strtok_r(words, " ", &save); w && n < 4; w = strtok_r(NULL, " ", &save))
		f.words[n++] = w;
	f.kind = q->kind ? q->kind : "";
	f.level = q->level ? q->level : "";
	f.status = q->status ? q->status : "";
	page->per_page = q->per_page > 0 && q->per_page <= 500 ? q->per_page : 50;
	page->page = q->page > 0 && q->page < 100000 ? q->page : 1;
	f.limit = page->per_page;
	f.offset = (page->page - 1) * page->per_page;
	page->total = store_cert_count(s->st, &f);
	f.matches = page->total;
	if (page->total < 0 || store_cert_list(s->st, &f, fn, arg))
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
	free(words);
	buf_release(&folded);
	return rc;
}

int svc_cat_levels(struct svc *s, level_fn fn, void *arg)
{
	if (store_cert_levels(s->st, fn, arg))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
	return 0;
}

/* The source recorded for versions written from the seed files. */
#define SEED_SOURCE "référentiel de la branche"

struct seed_scan {
	char last_seed_hash[72];   /* hash of the newest version from the seeds */
	char current_source[300];  /* source of the newest version */
	int seen;
};

static int seed_scan_row(void *arg, const struct cert_version_row *r)
{
	struct seed_scan *sc = arg;
	if (!sc->seen++)
		snprintf(sc->current_source, sizeof sc->current_source, "%s", r->source);
	if (!sc->last_seed_hash[0] && !strcmp(r->source, SEED_SOURCE))
		snprintf(sc->last_seed_hash, sizeof sc->last_seed_hash, "%s", r->hash);
	return 0;
}

/*
** A seed file for an existing entry (cqpm init runs at every start). The
** seed is applied only when it changed since it was last applied, so that
** data imported from the register since is never reverted: when the
** newest version came from an import, the new referential is merged under
** the register data of that version (R-CAT-9). Returns 1 when there is
** nothing to do; 0 with *final set to the document to store.
*/
static int seed_put(struct svc *s, const struct cert *cur, json_t *seed, json_t **final)
{
	struct seed_scan sc;
	char hash[65], *text;
	json_t *current, *merged;

	memset(&sc, 0, sizeof sc);
	store_cert_versions(s->st, cur->id, seed_scan_row, &sc);
	cat_doc_hash(seed, hash);
	if (sc.last_seed_hash[0] && !strcmp(sc.last_seed_hash, hash))
		return 1;
	if (!strcmp(sc.current_source, SEED_SOURCE))
		return 0;
	text = store_cert_doc(s->st, cur->id, cur->version);
	current = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	if (!current)
		return 0;
	merged = cat_merge_fiche(seed, current);
	json_decref(current);
	json_object_set_new(merged, "kind", json_string(jstr(seed, "kind")));
	json_decref(*final);
	*final = merged;
	return 0;
}

/*
** Writes one document into the catalogue inside the caller's transaction:
** a new entry, a new version (R-CAT-6: a revision is a new version, the
** earlier ones stay readable), or nothing when the content is the same.
** `doc` is consumed.
*/
static int cat_put(struct svc *s, json_t *doc, const char *source,
	struct import_report *rep)
{
	struct cat_error cerr;
	struct cert cur;
	json_t *final = NULL;
	char hash[65], at[32];
	struct buf search = BUF_INIT, nsf = BUF_INIT, rome = BUF_INIT;
	const char **codes = NULL;
	char *text = NULL;
	int found, rc = -1, nblocks;
	int64_t id;
	size_t i;
	json_t *b;
	struct cert_write w;

	memset(&cur, 0, sizeof cur);
	if (cat_doc_check(doc, &cerr)) {
		svc_fail(s, SVC_INVALID, cerr.field, "R-CAT-9",
			"Fiche « %.40s » : champ %s : %s.", jstr(doc, "code"),
			cerr.field, cerr.message);
		goto out;
	}
	if (!strcmp(jstr(doc, "kind"), "RNCP") || !strcmp(jstr(doc, "kind"), "RS")) {
		/* a register fiche: one of the branch's own certifications? */
		found = store_cert_find(s->st, BY_RNCP, jstr(doc, "rncp"), &cur);
		if (found == 1 && cur.branch) {
			char *old = store_cert_doc(s->st, cur.id, cur.version);
			json_t *od = old ? json_loads(old, 0, NULL) : NULL;
			free(old);
			if (!od) {
				svc_fail(s, SVC_INTERNAL, NULL, NULL, "Document du catalogue illisible.");
				goto out;
			}
			final = cat_merge_fiche(od, doc);
			json_decref(od);
		} else {
			if (found == 0 && cat_is_branch_certifier(doc))
				json_object_set_new(doc, "kind", json_string(
					!strcmp(jstr(doc, "kind"), "RS") ? "CCPM" : "CQPM"));
			final = json_incref(doc);
		}
	} else {
		found = store_cert_find(s->st, BY_CODE, jstr(doc, "code"), &cur);
		final = json_incref(doc);
		if (found == 1 && seed_put(s, &cur, doc, &final)) {
			/* this seed was applied already: nothing to do */
			rep->fiches++;
			rep->unchanged++;
			rc = 0;
			goto out;
		}
	}
	if (found < 0) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du catalogue impossible.");
		goto out;
	}
	if (found && strcmp(jstr(final, "code"), cur.code))
		json_object_set_new(final, "code", json_string(cur.code));
	/* labels are stored with the document, so that reading it costs
	** no look-up per code */
	enrich_labels(s, final);
	cat_doc_hash(final, hash);
	rep->fiches++;
	if (found && !strcmp(hash, cur.hash)) {
		rep->unchanged++;
		rc = 0;
		goto out;
	}
	buf_init(&search, 1 << 20);
	cat_search_text(final, &search);
	cat_codes(final, "nsf", &nsf);
	cat_codes(final, "rome", &rome);
	svc_now_iso(s, at);
	w.code = jstr(final, "code");
	w.kind = jstr(final, "kind");
	w.rncp = jstr(final, "rncp");
	w.identifier = jstr(final, "identifier");
	w.title = jstr(final, "title");
	w.level = jstr(final, "level");
	w.status = jstr(final, "status");
	w.branch = kind_is_branch((enum cert_kind)kind_from_code(w.kind));
	w.version = found ? cur.version + 1 : 1;
	w.hash = hash;
	w.search = buf_str(&search);
	w.nsf = buf_str(&nsf);
	w.rome = buf_str(&rome);
	w.at = at;
	if (found) {
		id = cur.id;
		rc = store_cert_update(s->st, id, &w);
	} else {
		rc = store_cert_insert(s->st, &w, &id);
	}
	if (rc) {
		svc_fail(s, rc == STORE_CONFLICT ? SVC_CONFLICT : SVC_INTERNAL, "code", NULL,
			"Écriture de la certification « %.40s » impossible.", w.code);
		rc = -1;
		goto out;
	}
	text = json_dumps(final, JSON_COMPACT | JSON_SORT_KEYS);
	if (store_cert_version_put(s->st, id, w.version, hash, text, source, at,
		s->actor.login[0] ? s->actor.login : "système")) {
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture de la version impossible.");
		goto out;
	}
	nblocks = (int)json_array_size(json_object_get(final, "blocks"));
	codes = xcalloc((size_t)nblocks * 2 + 1, sizeof *codes);
	json_array_foreach(json_object_get(final, "blocks"), i, b) {
		codes[2 * i] = jstr(b, "code");
		codes[2 * i + 1] = jstr(b, "bdc");
	}
	if (store_block_index(s->st, id, codes, nblocks * 2)) {
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Indexation des blocs impossible.");
		goto out;
	}
	if (found)
		rep->updated++;
	else
		rep->created++;
	rc = 0;
out:
	free(codes);
	free(text);
	buf_release(&search);
	buf_release(&nsf);
	buf_release(&rome);
	cert_release(&cur);
	json_decref(final);
	json_decref(doc);
	return rc;
}

/* Ends a catalogue write: generation bump and audit when anything changed,
** then commit. */
static int cat_finish(struct svc *s, const char *action, const char *object,
	const struct import_report *rep, json_t *detail)
{
	if (rep->created + rep->updated > 0) {
		json_object_set_new(detail, "created", json_integer(rep->created));
		json_object_set_new(detail, "updated", json_integer(rep->updated));
		json_object_set_new(detail, "unchanged", json_integer(rep->unchanged));
		if (bump_generation(s) || svc_audit(s, action, object, detail)) {
			store_rollback(s->st);
			return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Enregistrement impossible.");
		}
	} else {
		json_decref(detail);
	}
	if (store_commit(s->st)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_BUSY, NULL, NULL, "La base de données est occupée ; réessayez.");
	}
	/* after a bulk change, merge the search index into one segment so
	** that searches read it once (not part of the operation: a failure
	** here loses nothing) */
	if (rep->created + rep->updated >= 1000 && !store_begin(s->st)) {
		if (store_search_optimize(s->st) || store_commit(s->st))
			store_rollback(s->st);
	}
	return 0;
}

struct import_ctx {
	struct svc *s;
	struct import_report *rep;
	const char *source;
};

static int import_sink(void *arg, json_t *doc)
{
	struct import_ctx *c = arg;
	return cat_put(c->s, json_incref(doc), c->source, c->rep) ? 1 : 0;
}

/* Replaces the temporary file name by the user's in an importer message. */
static void rename_in_message(char *msg, size_t size, const char *tmp, const char *name)
{
	char out[sizeof ((struct svc_result *)0)->message];
	const char *hit = *tmp ? strstr(msg, tmp) : NULL;
	if (!hit || !strcmp(tmp, name))
		return;
	snprintf(out, sizeof out, "%.*s%s%s", (int)(hit - msg), msg, name, hit + strlen(tmp));
	snprintf(msg, size, "%s", out);
}

int svc_import_rncp(struct svc *s, const char *path, const char *name,
	svc_progress_fn progress, void *progress_arg, struct import_report *rep)
{
	struct import_error ierr;
	struct import_ctx ctx = { s, rep, NULL };
	enum rncp_format fmt;
	const char *base;
	char source[300];
	int rc;

	memset(rep, 0, sizeof *rep);
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut importer les fiches RNCP.");
	if (access(path, R_OK))
		return svc_fail(s, SVC_INVALID, "file", "R-CAT-9", "« %.200s » : %s.",
			name && *name ? name : path, errno_fr(errno));
	fmt = rncp_detect(path);
	if (fmt == RNCP_UNKNOWN)
		return svc_fail(s, SVC_INVALID, "file", "R-CAT-9",
			"« %.200s » n'est ni un export XML RNCP, ni une archive zip ou un dossier d'export CSV.",
			name && *name ? name : path);
	base = strrchr(path, '/');
	base = base && base[1] ? base + 1 : path;
	snprintf(source, sizeof source, "import RNCP %s", name && *name ? name : base);
	ctx.source = source;
	if (svc_begin(s))
		return -1;
	memset(&ierr, 0, sizeof ierr);
	s->res.rc = SVC_OK;
	if (fmt == RNCP_XML)
		rc = rncp_xml_import(path, import_sink, &ctx, progress, progress_arg, &ierr);
	else
		rc = rncp_csv_import(path, import_sink, &ctx, progress, progress_arg, &ierr);
	if (rc) {
		store_rollback(s->st);
		if (s->res.rc != SVC_OK) /* the sink refused a fiche */
			return -1;
		if (name && *name)
			rename_in_message(ierr.message, sizeof ierr.message, base, name);
		return svc_fail(s, SVC_INVALID, ierr.element, "R-CAT-9", "%s", ierr.message);
	}
	return cat_finish(s, "catalogue.import", source, rep, json_pack("{s:s, s:I}",
		"format", fmt == RNCP_XML ? "xml" : "csv", "fiches", (json_int_t)rep->fiches));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int svc_load_seeds(struct svc *s, const char *data_dir, struct import_report *rep)
{
	char dir[1024], path[1400];
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	memset(rep, 0, sizeof *rep);
	if (!perm_allows(s->actor.role, PERM_CATALOGUE_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut charger les référentiels.");
	snprintf(dir, sizeof dir, "%s/seeds", data_dir);
	d = opendir(dir);
	if (!d)
		return svc_fail(s, SVC_INVALID, "data", NULL,
			"Dossier des référentiels introuvable : %.900s", dir);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 5 && !strcmp(e->d_name + len - 5, ".json")) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	if (svc_begin(s))
		goto out_free;
	for (size_t i = 0; i < n && !rc; i++) {
		json_error_t jerr;
		json_t *doc;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
		if (!doc) {
			rc = svc_fail(s, SVC_INVALID, names[i], NULL,
				"Référentiel %s illisible, ligne %d : %s", names[i], jerr.line, jerr.text);
			break;
		}
		rc = cat_put(s, doc, SEED_SOURCE, rep);
	}
	if (rc)
		store_rollback(s->st);
	else
		rc = cat_finish(s, "catalogue.seeds", "catalogue", rep,
			json_pack("{s:I}", "files", (json_int_t)n));
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
out_free:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -1;
}

static const struct {
	const char *file;
	const char *kind;
	enum nomen_kind nk;
} nomen_files[] = {
	{ "nsf_code_education_D311-4.csv", "nsf", NOMEN_NSF },
	{ "unix_referentiel_code_rome_v460_utf8.csv", "rome", NOMEN_ROME },
	{ "naf_rev2_sous_classes.csv", "naf", NOMEN_NAF },
	{ "BCN_N_NIVEAU_FORMATION_DIPLOME.csv", "level", NOMEN_LEVEL },
};

static const char *const nomen_kinds[NOMEN__MAX] = {
	[NOMEN_NSF] = "nsf", [NOMEN_ROME] = "rome", [NOMEN_NAF] = "naf",
	[NOMEN_LEVEL] = "level",
};

struct nomen_ctx { struct svc *s; int64_t n; };

static int nomen_sink(void *arg, enum nomen_kind kind, const char *code,
	const char *label, const char *parent)
{
	struct nomen_ctx *c = arg;
	if (store_nomen_put(c->s->st, nomen_kinds[kind], code, label, parent))
		return 1;
	c->n++;
	return 0;
}

int svc_load_nomenclatures(struct svc *s, const char *data_dir, int64_t counts[4])
{
	char path[1200];
	struct import_error ierr;

	if (!perm_allows(s->actor.role, PERM_NOMEN_WRITE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Seul l'administrateur national peut charger les nomenclatures.");
	if (svc_begin(s))
		return -1;
	for (size_t i = 0; i < sizeof nomen_files / sizeof *nomen_files; i++) {
		struct nomen_ctx c = { s, 0 };
		snprintf(path, sizeof path, "%s/nomenclatures/%s", data_dir, nomen_files[i].file);
		memset(&ierr, 0, sizeof ierr);
		if (nomenclature_import(path, nomen_files[i].nk, nomen_sink, &c, &ierr)) {
			store_rollback(s->st);
			return svc_fail(s, SVC_INVALID, nomen_files[i].file, NULL, "%s",
				ierr.message[0] ? ierr.message : "nomenclature illisible");
		}
		counts[i] = c.n;
	}
	if (svc_audit(s, "nomenclature.load", "nomenclatures", json_pack("{s:I, s:I, s:I, s:I}",
		"nsf", (json_int_t)counts[0], "rome", (json_int_t)counts[1],
		"naf", (json_int_t)counts[2], "level", (json_int_t)counts[3])) ||
	    store_commit(s->st)) {
		store_rollback(s->st);
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Enregistrement des nomenclatures impossible.");
	}
	return 0;
}
