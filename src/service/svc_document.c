/*
** Documents attached to a candidate (see svc_document.h): adding one from
** a file, listing, reading and deleting them, and their section of the
** candidate's file. The format and name rules are the core's
** (core/document.c); this file reads the file, checks the actor's rights
** and scope, stores and audits.
*/
#include "service/svc_document.h"
#include "service/svc_int.h"
#include "core/validate.h"
#include "util/errfr.h"
#include "util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *nz(const char *v)
{
	return v ? v : "";
}

/* "10 485 761": digits grouped by three, French style. */
static void group_digits(long long n, char *out, size_t outsz)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%lld", n < 0 ? 0 : n);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < outsz; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* Who may add documents: those who register candidates (centre staff, the
** national administrator, training bodies for their own registrations). */
static int may_upload(enum role role)
{
	return perm_allows(role, PERM_REGISTER);
}

/* Who may delete one: those who keep the candidate's file. */
static int may_delete(enum role role)
{
	return perm_allows(role, PERM_DOSSIER_WRITE);
}

/* Each operation starts with a clean result (a context may serve several). */
static void res_clear(struct svc *s)
{
	memset(&s->res, 0, sizeof s->res);
}

static int denied_read(struct svc *s)
{
	return svc_fail(s, SVC_DENIED, NULL, NULL,
		"Vous n'avez pas accès aux documents des candidats.");
}

/* What the actor sees of one candidate ------------------------------------ */

struct access {
	struct candidate *k;
	int whole;               /* every document: the centre, the administrator */
	struct reg_row *regs;    /* the candidate's registrations, newest first */
	unsigned char *visible;  /* per registration: the actor sees it */
	size_t n, cap;
};

static int reg_collect(void *arg, const struct reg_row *r)
{
	struct access *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->regs = xrealloc(a->regs, a->cap * sizeof *a->regs);
	}
	a->regs[a->n++] = *r;
	return a->n >= 1000;   /* a person has a handful */
}

static void access_release(struct access *a)
{
	free(a->k);
	free(a->regs);
	free(a->visible);
	memset(a, 0, sizeof *a);
}

static int not_found_candidate(struct svc *s, int64_t id)
{
	return svc_fail(s, SVC_NOTFOUND, "id", NULL,
		"Aucun candidat n° %lld parmi ceux que vous suivez.", (long long)id);
}

/* Loads the candidate and what the actor sees of him: every document
** (centre staff of his centre, the administrator) or those of the
** registrations visible to him (svc_reg_in_scope: a body's own, an
** evaluator's assigned). Not found when the actor sees nothing of him. */
static int access_load(struct svc *s, int64_t candidate_id, struct access *a)
{
	struct reg_filter scope = { 0 };
	int found, any = 0;

	memset(a, 0, sizeof *a);
	if (!perm_allows(s->actor.role, PERM_CANDIDATE_READ))
		return denied_read(s);
	a->k = xcalloc(1, sizeof *a->k);
	found = candidate_id > 0 ? store_candidate_get(s->st, candidate_id, a->k) : 0;
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des candidats impossible.");
	if (!found)
		return not_found_candidate(s, candidate_id);
	a->whole = s->actor.role == ROLE_ADMIN ||
		(s->actor.role == ROLE_CENTRE && perm_scope_ok(&s->actor, a->k->centre_id));
	if (s->actor.role == ROLE_CENTRE && !a->whole)
		return not_found_candidate(s, candidate_id);
	if (store_reg_of_candidate(s->st, candidate_id, reg_collect, a))
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des inscriptions impossible.");
	a->visible = xcalloc(a->n ? a->n : 1, 1);
	if (!a->whole && svc_candidate_scope(s, &scope))
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		a->visible[i] = a->whole || svc_reg_in_scope(s, &scope, &a->regs[i]);
		any |= a->visible[i];
	}
	if (!a->whole && !any)
		return not_found_candidate(s, candidate_id);
	return 0;
}

/* The candidate's registration id, or NULL. */
static const struct reg_row *access_reg(const struct access *a, int64_t id, int *visible)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->regs[i].id == id) {
			if (visible)
				*visible = a->visible[i];
			return &a->regs[i];
		}
	return NULL;
}

static int doc_visible(const struct access *a, const struct doc_row *d)
{
	int visible = 0;
	if (a->whole)
		return 1;
	/* a document of no registration is the centre's (an identity document) */
	return d->registration_id && access_reg(a, d->registration_id, &visible) && visible;
}

int svc_document_may_add(struct svc *s, int64_t candidate_id)
{
	struct access a;
	int rc;

	res_clear(s);
	if (!may_upload(s->actor.role)) {
		if (s->actor.role == ROLE_EVALUATOR)
			svc_fail(s, SVC_DENIED, NULL, NULL,
				"Un évaluateur consulte les documents des candidats qui lui sont confiés ; il n'en dépose pas.");
		else
			denied_read(s);
		return 0;
	}
	rc = access_load(s, candidate_id, &a);
	access_release(&a);
	return rc == 0;
}

/* Reading the file --------------------------------------------------------- */

/* The whole file at path into *data (*n bytes), checked for size; -1
** with the failure set. */
static int read_document(struct svc *s, const char *path, unsigned char **data, size_t *n)
{
	struct stat sb;
	unsigned char *p = NULL;
	size_t got = 0;
	int fd, e;
	char max[32], size[32];

	*data = NULL;
	*n = 0;
	if (!path || !*path)
		return svc_fail(s, SVC_INVALID, "file", NULL, "Fichier : aucun fichier n'a été envoyé.");
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		e = errno;
		return svc_fail(s, SVC_INVALID, "file", NULL, "Fichier : impossible de le lire (%s).",
			errno_fr(e));
	}
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		close(fd);
		return svc_fail(s, SVC_INVALID, "file", NULL,
			"Fichier : ce n'est pas un fichier ordinaire.");
	}
	if (sb.st_size == 0) {
		close(fd);
		return svc_fail(s, SVC_INVALID, "file", NULL, "Fichier : le fichier est vide.");
	}
	if ((uint64_t)sb.st_size > DOC_MAX_SIZE) {
		close(fd);
		group_digits((long long)DOC_MAX_SIZE, max, sizeof max);
		group_digits((long long)sb.st_size, size, sizeof size);
		return svc_fail(s, SVC_INVALID, "file", NULL,
			"Fichier : %s au plus par document (%s octets) ; celui-ci en fait %s.",
			DOC_MAX_SIZE_TEXT, max, size);
	}
	/* one byte more than announced, to see a file that grows meanwhile */
	p = xmalloc((size_t)sb.st_size + 1);
	for (;;) {
		ssize_t r = read(fd, p + got, (size_t)sb.st_size + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			close(fd);
			free(p);
			return svc_fail(s, SVC_INVALID, "file", NULL, "Fichier : lecture impossible (%s).",
				errno_fr(e));
		}
		if (r == 0 || (got += (size_t)r) > (size_t)sb.st_size)
			break;
	}
	close(fd);
	if (got != (size_t)sb.st_size) {
		free(p);
		return svc_fail(s, SVC_INVALID, "file", NULL,
			"Fichier : il a changé pendant sa lecture ; rien n'a été enregistré, réessayez.");
	}
	*data = p;
	*n = got;
	return 0;
}

static void sha256_hex(const unsigned char *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Adding ------------------------------------------------------------------ */

static int is_vae(const struct reg_row *r)
{
	return !strcmp(r->route, "vae");
}

/* The registration the document is attached to, into *rid (0: none):
** the one typed, which must be the candidate's and visible; else the
** VAE registration for a livret 2, the newest of his own for a training
** body. */
static int pick_registration(struct svc *s, const struct access *a, enum doc_type type,
	int64_t typed, int64_t *rid)
{
	const struct reg_row *r = NULL;
	int visible = 0;

	*rid = 0;
	if (typed) {
		r = access_reg(a, typed, &visible);
		if (!r || !visible)
			return svc_fail(s, SVC_INVALID, "registration", NULL,
				"Inscription : la n° %lld n'est pas une inscription de ce candidat que vous suivez.",
				(long long)typed);
		/* R-VAE-3: the livret 2 is the evidence file of a VAE */
		if (type == DOC_LIVRET2 && !is_vae(r))
			return svc_fail(s, SVC_RULE, "registration", "R-VAE-3",
				"Le livret 2 (dossier de preuves) se rattache à une inscription en VAE ; "
				"l'inscription n° %lld est par la voie « %s ».", (long long)typed, r->route);
	} else if (type == DOC_LIVRET2) {
		for (size_t i = 0; i < a->n && !r; i++)
			if (a->visible[i] && is_vae(&a->regs[i]))
				r = &a->regs[i];
		if (!r)
			return svc_fail(s, SVC_RULE, "registration", "R-VAE-3",
				"Le livret 2 (dossier de preuves) se rattache à une inscription en VAE : "
				"ce candidat n'en a aucune.");
	} else if (!a->whole) {
		/* a training body's document is one of its registrations' */
		for (size_t i = 0; i < a->n && !r; i++)
			if (a->visible[i])
				r = &a->regs[i];
	}
	*rid = r ? r->id : 0;
	return 0;
}

int svc_document_add(struct svc *s, int64_t candidate_id,
	const struct document_in *in, struct doc_row *out)
{
	struct access a;
	struct doc_row *d = NULL;
	unsigned char *data = NULL;
	size_t n = 0;
	const char *m;
	int64_t typed = 0, count, id;
	char object[48];
	int type, fmt, rc = -1;

	memset(&a, 0, sizeof a);
	if (!svc_document_may_add(s, candidate_id))
		return -1;
	if ((type = doc_type_from_code(nz(in->type))) < 0)
		return svc_fail(s, SVC_INVALID, "type", NULL, "Type de document : choisissez %s.",
			doc_type_codes_text());
	if (in->registration && *in->registration &&
	    (typed = parse_count(in->registration, 1, 999999999)) < 0)
		return svc_fail(s, SVC_INVALID, "registration", NULL,
			"Inscription : un numéro d'inscription est attendu.");
	if (in->name && *in->name && (m = doc_name_check(in->name)))
		return svc_fail(s, SVC_INVALID, "name", NULL, "Nom du document : %s.", m);
	/* the file is read before the transaction: the database is not held
	** while a disk or a client is slow */
	if (read_document(s, in->path, &data, &n))
		return -1;
	/* what it is, by its first bytes: never by its name or a MIME type */
	if ((fmt = doc_format_sniff(data, n)) < 0) {
		free(data);
		return svc_fail(s, SVC_INVALID, "file", NULL,
			"Fichier : seuls les documents PDF, JPEG et PNG sont acceptés ; "
			"le contenu de ce fichier n'est d'aucun de ces formats.");
	}
	d = xcalloc(1, sizeof *d);
	d->candidate_id = candidate_id;
	d->size = (int64_t)n;
	snprintf(d->type, sizeof d->type, "%s", doc_type_code((enum doc_type)type));
	snprintf(d->mime, sizeof d->mime, "%s", doc_format_mime((enum doc_format)fmt));
	sha256_hex(data, n, d->sha256);
	if (in->name && *in->name)
		doc_name_with_ext(in->name, (enum doc_format)fmt, d->name, sizeof d->name);
	else
		doc_name_sanitise(in->file_name && *in->file_name ? in->file_name : in->path,
			(enum doc_format)fmt, d->name, sizeof d->name);
	svc_now_iso(s, d->uploaded_at);
	snprintf(d->uploaded_by, sizeof d->uploaded_by, "%s", s->actor.login);

	if (svc_begin(s))
		goto out;
	if (access_load(s, candidate_id, &a) ||
	    pick_registration(s, &a, (enum doc_type)type, typed, &d->registration_id))
		goto rollback;
	if ((count = store_document_count(s->st, candidate_id)) < 0) {
		svc_store_abort(s, -1, "Lecture des documents");
		goto out;
	}
	if (count >= DOC_MAX_PER_CANDIDATE) {
		svc_fail(s, SVC_CONFLICT, "file", NULL,
			"Ce candidat a déjà %d documents, le plus qu'il puisse en avoir : "
			"supprimez-en avant d'en déposer d'autres.", DOC_MAX_PER_CANDIDATE);
		goto rollback;
	}
	if ((rc = store_document_insert(s->st, d, data, n, &id))) {
		svc_store_abort(s, rc, "Enregistrement du document");
		rc = -1;
		goto out;
	}
	d->id = id;
	snprintf(object, sizeof object, "candidat:%lld", (long long)candidate_id);
	rc = svc_commit_audit(s, "document.add", object,
		json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:o}", "document", (json_int_t)id,
			"type", d->type, "name", d->name, "mime", d->mime, "size", (json_int_t)d->size,
			"sha256", d->sha256, "registration", d->registration_id ?
			json_integer(d->registration_id) : json_null()));
	if (!rc && out)
		*out = *d;
	goto out;
rollback:
	store_rollback(s->st);
	rc = -1;
out:
	access_release(&a);
	free(data);
	free(d);
	return rc;
}

/* Reading ----------------------------------------------------------------- */

struct list_ctx {
	const struct access *a;
	doc_row_fn fn;
	void *arg;
};

static int list_one(void *arg, const struct doc_row *d)
{
	struct list_ctx *c = arg;
	if (!doc_visible(c->a, d))
		return 0;
	return c->fn(c->arg, d);
}

int svc_document_list(struct svc *s, int64_t candidate_id, doc_row_fn fn, void *arg)
{
	struct access a;
	struct list_ctx c = { &a, fn, arg };
	int rc = 0;

	res_clear(s);
	if (access_load(s, candidate_id, &a))
		rc = -1;
	else if (store_document_of_candidate(s->st, candidate_id, list_one, &c))
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des documents impossible.");
	access_release(&a);
	return rc;
}

static int not_found_document(struct svc *s, int64_t id)
{
	return svc_fail(s, SVC_NOTFOUND, "id", NULL,
		"Aucun document n° %lld parmi ceux des candidats que vous suivez.", (long long)id);
}

/* Loads document id into *d if the actor may see it. */
static int document_load(struct svc *s, int64_t id, struct doc_row *d, struct access *a)
{
	int found;

	memset(a, 0, sizeof *a);
	if (!perm_allows(s->actor.role, PERM_CANDIDATE_READ))
		return denied_read(s);
	found = id > 0 ? store_document_get(s->st, id, d) : 0;
	if (found < 0)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des documents impossible.");
	if (!found)
		return not_found_document(s, id);
	if (access_load(s, d->candidate_id, a)) {
		if (s->res.rc == SVC_NOTFOUND)
			return not_found_document(s, id);
		return -1;
	}
	if (!doc_visible(a, d))
		return not_found_document(s, id);
	return 0;
}

int svc_document_get(struct svc *s, int64_t id, struct doc_row *meta, struct buf *content)
{
	struct access a;
	size_t start = content ? content->len : 0;
	char sha[65];
	int rc = -1, found;

	res_clear(s);
	if (document_load(s, id, meta, &a))
		goto out;
	if (!content) {
		rc = 0;
		goto out;
	}
	found = store_document_content(s->st, id, content);
	if (found < 0) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture du document impossible.");
		goto out;
	}
	if (!found) {   /* deleted meanwhile */
		not_found_document(s, id);
		goto out;
	}
	/* what is handed out is what was stored */
	sha256_hex((const unsigned char *)content->p + start, content->len - start, sha);
	if ((int64_t)(content->len - start) != meta->size || strcmp(sha, meta->sha256)) {
		buf_truncate(content, start);
		svc_fail(s, SVC_INTERNAL, NULL, NULL,
			"Le document n° %lld est altéré : son empreinte SHA-256 ne correspond plus.",
			(long long)id);
		goto out;
	}
	rc = 0;
out:
	access_release(&a);
	return rc;
}

/* Deleting ---------------------------------------------------------------- */

int svc_document_delete(struct svc *s, int64_t id, struct doc_row *out)
{
	struct access a;
	struct doc_row d;
	char object[48];
	int rc;

	memset(&a, 0, sizeof a);
	res_clear(s);
	if (!may_delete(s->actor.role)) {
		if (perm_allows(s->actor.role, PERM_CANDIDATE_READ))
			return svc_fail(s, SVC_DENIED, NULL, NULL,
				"Seul le centre de certification supprime un document du dossier d'un candidat.");
		return denied_read(s);
	}
	if (svc_begin(s))
		return -1;
	if (document_load(s, id, &d, &a)) {
		store_rollback(s->st);
		access_release(&a);
		return -1;
	}
	access_release(&a);
	if ((rc = store_document_delete(s->st, id)))
		return svc_store_abort(s, rc, "Suppression du document");
	snprintf(object, sizeof object, "candidat:%lld", (long long)d.candidate_id);
	/* what was deleted stays known: its name, type, size and fingerprint */
	if (svc_commit_audit(s, "document.delete", object,
		json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:o, s:s, s:s}",
			"document", (json_int_t)id, "type", d.type, "name", d.name, "mime", d.mime,
			"size", (json_int_t)d.size, "sha256", d.sha256, "registration",
			d.registration_id ? json_integer(d.registration_id) : json_null(),
			"uploaded_at", d.uploaded_at, "uploaded_by", d.uploaded_by)))
		return -1;
	if (out)
		*out = d;
	return 0;
}

/* JSON -------------------------------------------------------------------- */

json_t *document_json(const struct doc_row *d)
{
	int t = doc_type_from_code(d->type);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:s, s:s}",
		"id", (json_int_t)d->id, "type", d->type,
		"type_label", t >= 0 ? doc_type_label((enum doc_type)t) : "",
		"name", d->name, "mime", d->mime, "size", (json_int_t)d->size,
		"sha256", d->sha256, "registration",
		d->registration_id ? json_integer(d->registration_id) : json_null(),
		"uploaded_at", d->uploaded_at, "uploaded_by", d->uploaded_by);
}

static int file_collect(void *arg, const struct doc_row *d)
{
	json_array_append_new((json_t *)arg, document_json(d));
	return 0;
}

/* The candidate file's "documents" section (svc_file.c). */
int svc_file_documents(struct svc *s, int64_t candidate_id, json_t *doc)
{
	json_t *list = json_array();
	if (svc_document_list(s, candidate_id, file_collect, list)) {
		json_decref(list);
		return -1;
	}
	json_object_set_new(doc, "documents", list);
	return 0;
}
