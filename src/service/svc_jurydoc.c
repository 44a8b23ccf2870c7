/*
** The jury's documents as the service gives them: the JSON of the jury
** (svc_jury_doc) or of a certificate (svc_certificate_get) — which checks
** who may see what — rendered by the document layer (doc/jurydoc.h) with
** the centre's letterhead and signature; the whole jury in one zip
** streamed as it is made; the convocations mailed after their commit.
**
** Reading only: no transaction is opened here, and nothing is written
** but the mail outcome of a convocation already recorded.
*/
#include "service/svc_int.h"
#include "service/svc_jury.h"
#include "service/svc_jury_int.h"
#include "service/mail.h"
#include "core/catalogue.h"
#include "doc/jurydoc.h"
#include "doc/synthesis.h"
#include "doc/zipw.h"
#include "store/store_jury.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The public address of the verification page, printed in QR codes. */
static char public_url[JURYDOC_URL_MAX + 1];

int svc_public_url_set(const char *url)
{
	size_t n = url ? strlen(url) : 0;

	if (!n || n > JURYDOC_URL_MAX || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == '"' || url[i] == '<' || url[i] == '>')
			return -1;
	memcpy(public_url, url, n + 1);
	while (n > 0 && public_url[n - 1] == '/')   /* the path begins with "/" */
		public_url[--n] = '\0';
	return 0;
}

const char *svc_public_url(void)
{
	const char *env;

	if (!*public_url && (!(env = getenv("CQPM_PUBLIC_URL")) || svc_public_url_set(env)))
		svc_public_url_set("http://127.0.0.1:8080");
	return public_url;
}

/* What every document of one jury needs. */
struct jctx {
	json_t *jury;
	unsigned char *head, *sign;
	size_t head_len, sign_len;
	char date[11], ts[32];
	const char *error;
	struct jurydoc_opts o;
};

static void jctx_release(struct jctx *c)
{
	json_decref(c->jury);
	free(c->head);
	free(c->sign);
	memset(c, 0, sizeof *c);
}

/* The centre's images of the jury's centre, "" when it has none. */
static void jctx_images(struct svc *s, struct jctx *c)
{
	struct centre ce;
	const char *code = jstr(json_object_get(c->jury, "centre"), "code");

	if (store_centre_by_code(s->st, code, &ce) != 1)
		return;
	if (store_centre_image(s->st, ce.id, "letterhead", &c->head, &c->head_len) != 1)
		c->head = NULL, c->head_len = 0;
	if (store_centre_image(s->st, ce.id, "signature", &c->sign, &c->sign_len) != 1)
		c->sign = NULL, c->sign_len = 0;
}

/* Loads the jury as the actor sees it — with the candidate only alone
** when only is not NULL — ; -1 with the result set. */
static int jctx_load(struct svc *s, int64_t jury_id, const char *only, struct jctx *c,
	pdf_write_fn write, void *warg)
{
	memset(c, 0, sizeof *c);
	if (only ? svc_jury_doc_one(s, jury_id, only, &c->jury) : svc_jury_doc(s, jury_id, &c->jury))
		return -1;
	jctx_images(s, c);
	svc_today(s, c->date);
	svc_now_iso(s, c->ts);
	c->ts[19] = '\0';   /* "YYYY-MM-DDThh:mm:ss": the PDF's creation date */
	c->o.date = c->date;
	c->o.timestamp = c->ts;
	c->o.verify_base_url = svc_public_url();
	c->o.letterhead = c->head;
	c->o.letterhead_len = c->head_len;
	c->o.signature = c->sign;
	c->o.signature_len = c->sign_len;
	c->o.write = write;
	c->o.warg = warg;
	c->o.error = &c->error;
	return 0;
}

/* A document's outcome: its pages, or -1 with the result set. */
static int doc_done(struct svc *s, const struct jctx *c, int rc, int *pages)
{
	if (rc > 0) {
		if (pages)
			*pages = rc;
		return 0;
	}
	if (rc == JURYDOC_EIO)
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture du document impossible.");
	return svc_fail(s, SVC_CONFLICT, NULL, NULL, "%s",
		c->error ? c->error : "Ce document ne peut pas être produit.");
}

/* The issued certificates of candidate k as their JSON, into certs[]
** (at most max); their count, or -1 with the result set. */
static int cand_certs(struct svc *s, const json_t *k, json_t **certs, size_t max)
{
	const json_t *e;
	size_t i, n = 0;

	json_array_foreach(json_object_get(k, "certificates"), i, e) {
		if (strcmp(jstr(e, "state"), "issued") || n == max)
			continue;
		if (svc_certificate_get(s, jstr(e, "number"), &certs[n])) {
			while (n)
				json_decref(certs[--n]);
			return -1;
		}
		n++;
	}
	return (int)n;
}

#define CAND_CERTS_MAX (CAT_MAX_BLOCKS + 2)

static int certs_pdf(struct svc *s, struct jctx *c, const json_t *k, int *pages)
{
	json_t *certs[CAND_CERTS_MAX];
	int n = cand_certs(s, k, certs, CAND_CERTS_MAX), rc;

	if (n < 0)
		return -1;
	if (n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "R-JUR-12",
			"Aucun certificat n'est délivré à ce candidat par ce jury.");
	rc = doc_certificates((const json_t *const *)certs, (size_t)n, &c->o);
	while (n)
		json_decref(certs[--n]);
	return doc_done(s, c, rc, pages);
}

/* The syntheses of the jury's candidates (only ref's when ref is given),
** under their codes when the actor may not see names (R-JUR-10). */
static int syntheses_pdf(struct svc *s, int64_t jury_id, struct jctx *c, const char *ref_only,
	int *pages)
{
	const json_t *all = json_object_get(c->jury, "candidates"), *k;
	json_t *cands;
	int anonymous = json_is_true(json_object_get(c->jury, "anonymous"));
	size_t n, i, done = 0;
	json_t **files;
	const char **codes;
	struct synthesis_opts so;
	int rc = -1, all_codes = 1;

	if (ref_only && *ref_only) {
		const json_t *one = strlen(ref_only) <= 31 ? jurydoc_candidate(c->jury, ref_only) : NULL;
		if (!one)
			return svc_fail(s, SVC_NOTFOUND, "arg", NULL, "Aucun candidat « %s » à ce jury.",
				strlen(ref_only) <= 31 ? ref_only : "");
		cands = json_array();
		json_array_append(cands, (json_t *)one);
	} else {
		cands = json_incref((json_t *)all);
	}
	n = json_array_size(cands);
	if (!n) {
		json_decref(cands);
		return svc_fail(s, SVC_NOTFOUND, NULL, NULL, "Aucun candidat n'est présenté à ce jury.");
	}
	json_array_foreach(cands, i, k)
		if (!*jstr(k, "code"))
			all_codes = 0;
	if (anonymous && !all_codes) {
		json_decref(cands);
		return svc_fail(s, SVC_CONFLICT, NULL, "R-JUR-10", "Les codes anonymes des candidats "
			"sont attribués à l'ouverture de la séance : les synthèses sont disponibles alors.");
	}
	files = xcalloc(n, sizeof *files);
	codes = xcalloc(n, sizeof *codes);
	json_array_foreach(cands, i, k) {
		char ref[32];
		if (*jstr(k, "code"))
			snprintf(ref, sizeof ref, "%s", jstr(k, "code"));
		else
			snprintf(ref, sizeof ref, "%lld",
				(long long)json_integer_value(json_object_get(k, "registration_id")));
		if (svc_jury_candidate_file(s, jury_id, ref, &files[i]))
			goto out;
		codes[i] = jstr(k, "code");
		done++;
	}
	memset(&so, 0, sizeof so);
	so.centre_name = jstr(json_object_get(c->jury, "centre"), "name");
	so.date = c->date;
	so.timestamp = c->ts;
	rc = doc_synthesis_batch((const json_t *const *)files, n, all_codes ? codes : NULL, &so,
		c->o.write, c->o.warg, pages);
	if (rc == -2)
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture du document impossible.");
	else if (rc)
		rc = svc_fail(s, SVC_INTERNAL, NULL, NULL, "Les synthèses n'ont pas pu être produites.");
out:
	for (i = 0; i < done; i++)
		json_decref(files[i]);
	free(files);
	free(codes);
	json_decref(cands);
	return rc;
}

/* One document into the open context. */
static int render(struct svc *s, int64_t jury_id, struct jctx *c, enum jury_doc kind,
	const char *arg, int *pages)
{
	const json_t *k;
	char *end;
	long long mid;

	switch (kind) {
	case JDOC_REQUEST:
		if (!arg || !*arg)
			return svc_fail(s, SVC_INVALID, "arg", NULL, "Indiquez l'organisation syndicale.");
		return doc_done(s, c, doc_union_request(c->jury, arg, &c->o), pages);
	case JDOC_CPREFP:
		return doc_done(s, c, doc_cprefp_notice(c->jury, &c->o), pages);
	case JDOC_CONVOCATION:
		mid = arg ? strtoll(arg, &end, 10) : 0;
		if (!arg || end == arg || *end || mid <= 0)
			return svc_fail(s, SVC_INVALID, "arg", NULL, "Indiquez le numéro du membre convoqué.");
		return doc_done(s, c, doc_convocation(c->jury, mid, &c->o), pages);
	case JDOC_ATTENDANCE:
		return doc_done(s, c, doc_attendance(c->jury, &c->o), pages);
	case JDOC_MINUTES:
		return doc_done(s, c, doc_minutes(c->jury, &c->o), pages);
	case JDOC_GTP_LETTER:
		return doc_done(s, c, doc_gtp_letter(c->jury, &c->o), pages);
	case JDOC_LETTER:
	case JDOC_CERTIFICATES:
		if (!arg || strlen(arg) > 31 || !(k = jurydoc_candidate(c->jury, arg)))
			return svc_fail(s, SVC_NOTFOUND, "arg", NULL, "Aucun candidat « %s » à ce jury.",
				arg && strlen(arg) <= 31 ? arg : "");
		if (kind == JDOC_LETTER)
			return doc_done(s, c, doc_candidate_letter(c->jury, k, &c->o), pages);
		return certs_pdf(s, c, k, pages);
	case JDOC_SYNTHESES:
		return syntheses_pdf(s, jury_id, c, arg, pages);
	case JDOC__MAX:
		break;
	}
	return svc_fail(s, SVC_INVALID, "kind", NULL, "Document inconnu.");
}

/* R-JUR-10: before the signature, a jury member reaches only the
** anonymous syntheses (letters and certificates, the centre's, are
** refused before anything is read: svc_jury_pdf). */
static int doc_allowed(struct svc *s, const struct jctx *c, enum jury_doc kind)
{
	if (json_is_true(json_object_get(c->jury, "anonymous")) && kind != JDOC_SYNTHESES)
		return svc_fail(s, SVC_DENIED, NULL, "R-JUR-10", "Avant la signature du procès-verbal, "
			"un membre du jury ne consulte que les synthèses anonymes.");
	return 0;
}

int svc_jury_pdf(struct svc *s, int64_t jury_id, enum jury_doc kind, const char *arg,
	pdf_write_fn write, void *warg, int *pages)
{
	struct jctx c;
	int rc;

	if ((unsigned)kind >= JDOC__MAX)
		return svc_fail(s, SVC_INVALID, "kind", NULL, "Document inconnu.");
	/* the permission first: letters and certificates are the centre's */
	if ((kind == JDOC_LETTER || kind == JDOC_CERTIFICATES) &&
	    !perm_allows(s->actor.role, PERM_JURY_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Les lettres et les certificats sont édités par le centre de certification.");
	/* one candidate's letter or certificates: his part of the jury only,
	** not the files of every candidate (a request per letter) */
	if (jctx_load(s, jury_id, (kind == JDOC_LETTER || kind == JDOC_CERTIFICATES) && arg &&
	    *arg && strlen(arg) <= 31 ? arg : NULL, &c, write, warg))
		return -1;
	rc = doc_allowed(s, &c, kind) ? -1 : render(s, jury_id, &c, kind, arg, pages);
	jctx_release(&c);
	return rc;
}

/* The whole jury in one zip ------------------------------------------------ */

struct zdoc {
	enum jury_doc kind;
	char arg[40];
	char name[96];
};

static void zdoc_add(struct zdoc *d, size_t *n, enum jury_doc kind, const char *arg,
	const char *name)
{
	d[*n].kind = kind;
	snprintf(d[*n].arg, sizeof d[*n].arg, "%s", arg ? arg : "");
	snprintf(d[*n].name, sizeof d[*n].name, "%s", name);
	(*n)++;
}

/* A zip entry's name part of free text: letters, digits and "-" only. */
static void name_part(char *out, size_t n, const char *in)
{
	size_t j = 0;
	for (; *in && j + 1 < n; in++)
		out[j++] = (*in >= 'A' && *in <= 'Z') || (*in >= 'a' && *in <= 'z') ||
			(*in >= '0' && *in <= '9') || *in == '-' ? *in : '_';
	out[j] = '\0';
}

/* The list of the jury's documents in their order in the zip. */
static struct zdoc *zip_plan(const json_t *jury, size_t *count)
{
	const json_t *u, *m, *k;
	size_t i, n = 0, max = 8 + json_array_size(json_object_get(jury, "unions")) +
		json_array_size(json_object_get(jury, "members")) +
		2 * json_array_size(json_object_get(jury, "candidates"));
	struct zdoc *d = xcalloc(max, sizeof *d);
	int signed_ = !strcmp(jstr(jury, "state"), "signed");
	char part[48], name[96], ref[32];

	if (signed_) {
		zdoc_add(d, &n, JDOC_MINUTES, NULL, "01-proces-verbal.pdf");
		zdoc_add(d, &n, JDOC_ATTENDANCE, NULL, "02-feuille-emargement.pdf");
		zdoc_add(d, &n, JDOC_GTP_LETTER, NULL, "03-lettre-gtp.pdf");
	} else {
		zdoc_add(d, &n, JDOC_ATTENDANCE, NULL, "02-feuille-emargement.pdf");
	}
	zdoc_add(d, &n, JDOC_CPREFP, NULL, "04-information-cprefp.pdf");
	json_array_foreach(json_object_get(jury, "unions"), i, u) {
		if (!*jstr(u, "requested_on"))
			continue;
		name_part(part, sizeof part, jstr(u, "code"));
		snprintf(name, sizeof name, "demandes-designation/%s.pdf", part);
		zdoc_add(d, &n, JDOC_REQUEST, jstr(u, "code"), name);
	}
	json_array_foreach(json_object_get(jury, "members"), i, m) {
		if (!json_is_true(json_object_get(m, "convened")))
			continue;
		snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(json_object_get(m, "id")));
		snprintf(name, sizeof name, "convocations/membre-%s.pdf", ref);
		zdoc_add(d, &n, JDOC_CONVOCATION, ref, name);
	}
	if (json_array_size(json_object_get(jury, "candidates")))
		zdoc_add(d, &n, JDOC_SYNTHESES, NULL, "05-syntheses.pdf");
	json_array_foreach(json_object_get(jury, "candidates"), i, k) {
		if (*jstr(k, "code"))
			snprintf(ref, sizeof ref, "%s", jstr(k, "code"));
		else
			snprintf(ref, sizeof ref, "%lld",
				(long long)json_integer_value(json_object_get(k, "registration_id")));
		name_part(part, sizeof part, ref);
		if (json_is_object(json_object_get(k, "letter"))) {
			snprintf(name, sizeof name, "candidats/%s-lettre.pdf", part);
			zdoc_add(d, &n, JDOC_LETTER, ref, name);
		}
		const json_t *e;
		size_t j;
		int issued = 0;
		json_array_foreach(json_object_get(k, "certificates"), j, e)
			issued |= !strcmp(jstr(e, "state"), "issued");
		if (issued) {
			snprintf(name, sizeof name, "candidats/%s-certificats.pdf", part);
			zdoc_add(d, &n, JDOC_CERTIFICATES, ref, name);
		}
	}
	*count = n;
	return d;
}

int svc_jury_zip(struct svc *s, int64_t jury_id, svc_bytes_fn write, void *warg,
	svc_progress_fn progress, void *parg, int *files, int *pages)
{
	struct jctx c;
	struct zdoc *plan = NULL;
	struct zipw *z = NULL;
	size_t n = 0, i;
	int rc = -1, total_pages = 0;

	if (!perm_allows(s->actor.role, PERM_JURY_MANAGE))
		return svc_fail(s, SVC_DENIED, NULL, NULL,
			"Les documents du jury sont édités par le centre de certification.");
	if (jctx_load(s, jury_id, NULL, &c, zipw_data, NULL))
		return -1;
	plan = zip_plan(c.jury, &n);
	if (!(z = zipw_open(write, warg, c.ts))) {
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Préparation de l'archive impossible.");
		goto out;
	}
	c.o.warg = z;
	for (i = 0; i < n; i++) {
		int p = 0;
		if (zipw_begin(z, plan[i].name)) {
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture de l'archive impossible.");
			goto out;
		}
		c.error = NULL;
		if (render(s, jury_id, &c, plan[i].kind, plan[i].arg, &p))
			goto out;
		if (zipw_end(z)) {
			svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture de l'archive impossible.");
			goto out;
		}
		total_pages += p;
		if (progress)
			progress(parg, i + 1, n);
	}
	if (zipw_close(z)) {
		z = NULL;
		svc_fail(s, SVC_INTERNAL, NULL, NULL, "Écriture de l'archive impossible.");
		goto out;
	}
	z = NULL;
	if (files)
		*files = (int)n;
	if (pages)
		*pages = total_pages;
	rc = 0;
out:
	if (z)
		zipw_abort(z);
	free(plan);
	jctx_release(&c);
	return rc;
}

/* One certificate ----------------------------------------------------------- */

int svc_certificate_pdf(struct svc *s, const char *number, int dup, pdf_write_fn write,
	void *warg, int *pages)
{
	struct jctx c;
	json_t *cert;
	struct centre ce;
	int rc;

	if (svc_certificate_get(s, number, &cert))
		return -1;
	if (!dup)   /* the original: no duplicate's mention */
		json_object_set_new(cert, "duplicate_mention", json_string(""));
	memset(&c, 0, sizeof c);
	if (store_centre_by_code(s->st, jstr(json_object_get(cert, "centre"), "code"), &ce) == 1 &&
	    store_centre_image(s->st, ce.id, "signature", &c.sign, &c.sign_len) != 1)
		c.sign = NULL, c.sign_len = 0;
	svc_today(s, c.date);
	svc_now_iso(s, c.ts);
	c.ts[19] = '\0';
	c.o.date = c.date;
	c.o.timestamp = c.ts;
	c.o.verify_base_url = svc_public_url();
	c.o.signature = c.sign;
	c.o.signature_len = c.sign_len;
	c.o.write = write;
	c.o.warg = warg;
	c.o.error = &c.error;
	rc = doc_done(s, &c, doc_certificate(cert, &c.o), pages);
	json_decref(cert);
	jctx_release(&c);
	return rc;
}

/* Convocations by mail (R-JUR-9) -------------------------------------------- */

#define MAIL_PDF_MAX ((size_t)8 << 20)

/* The address of the union of code, "" if none. */
static const char *union_email(const json_t *unions, const char *code)
{
	const json_t *u;
	size_t i;
	json_array_foreach(unions, i, u)
		if (!strcmp(jstr(u, "code"), code))
			return jstr(u, "email");
	return "";
}

void svc_jury_mail_convocations(struct svc *s, int64_t jury_id, const int64_t *ids,
	size_t n, struct convoke_report *rep)
{
	struct svc_result keep = s->res;   /* the convocation succeeded: keep its result */
	json_t *unions = NULL;
	struct jctx c;
	struct buf pdf;
	const json_t *m;
	size_t i, k;

	if (!n || !mail_enabled())
		return;
	buf_init(&pdf, MAIL_PDF_MAX);
	if (jctx_load(s, jury_id, NULL, &c, pdf_write_buf, &pdf)) {
		rep->mail_failed += (int)n;
		s->res = keep;
		buf_release(&pdf);
		return;
	}
	if (svc_union_list(s, &unions))
		unions = json_array();
	for (k = 0; k < n; k++) {
		const json_t *e;
		m = NULL;
		json_array_foreach(json_object_get(c.jury, "members"), i, e)
			if (json_integer_value(json_object_get(e, "id")) == ids[k])
				m = e;
		if (!m || !*jstr(m, "email"))
			continue;
		char subject[160], body[1200], attname[48], err[300];
		const char *cc = json_is_string(json_object_get(m, "union")) ?
			union_email(unions, jstr(m, "union")) : "";
		struct mail_attachment att;
		struct mail_message msg;
		int ok;

		buf_reset(&pdf);
		c.error = NULL;
		ok = doc_convocation(c.jury, ids[k], &c.o) > 0 && !pdf.overflow;
		if (ok) {
			snprintf(subject, sizeof subject, "Convocation au jury paritaire de délibération "
				"du %s", jstr(c.jury, "date"));
			snprintf(body, sizeof body, "Madame, Monsieur,\n\nVous trouverez ci-joint votre "
				"convocation au jury paritaire de délibération du centre de certification %s, "
				"qui se réunira le %s à %s.\n%s\nCordialement,\n\n%s\n",
				jstr(json_object_get(c.jury, "centre"), "name"), jstr(c.jury, "date"),
				jstr(c.jury, "place"), *cc ? "Une copie est adressée à l'organisation "
				"syndicale qui vous a mandaté.\n" : "",
				jstr(json_object_get(c.jury, "centre"), "name"));
			snprintf(attname, sizeof attname, "convocation-%lld.pdf", (long long)ids[k]);
			att.name = attname;
			att.data = pdf.p;
			att.len = pdf.len;
			memset(&msg, 0, sizeof msg);
			msg.to = jstr(m, "email");
			msg.cc = *cc ? cc : NULL;
			msg.subject = subject;
			msg.body = body;
			msg.att = &att;
			msg.natt = 1;
			ok = !mail_send(&msg, err, sizeof err);
		}
		if (ok)
			rep->mailed++;
		else
			rep->mail_failed++;
		store_jury_notice_mail(s->st, jury_id, ids[k], ok ? "sent" : "failed");
	}
	json_decref(unions);
	buf_release(&pdf);
	jctx_release(&c);
	s->res = keep;
}
