/*
** The JSON API of the jury paritaire de délibération (R-JUR-1..12,
** R-LET-1..3, R-CER-1..2, R-GTP-1..2): the unions, the calendar, the
** composition, the notices, the sitting and its decisions, the signature,
** corrections, the documents, the certificates and the records sent to the
** GTP. Same services as the pages and the CLI (service/svc_jury.h says who
** may do what: a jury member reads the juries he sits on, the candidates
** under their anonymous codes until the signature). Every write answers
** the jury as GET gives it (201 for a creation) unless said otherwise;
** errors are {"error": {"code", "message", "field"?, "rule"?}}: 400 a
** malformed field, 422 a rule of the scheme (its id in "rule"), 401/403,
** 404, 409.
**
**   GET    /api/v1/unions                               the unions, by code
**   POST   /api/v1/unions        {code, name, email?, representative?}   (administrator)
**   GET    /api/v1/juries?centre=&from=&to=              the calendar
**   POST   /api/v1/juries        {centre?, date, place, certifications: [codes]}
**   GET    /api/v1/juries/{id}                           the jury (svc_jury_doc)
**   POST   /api/v1/juries/{id}/move          {date?, place?}
**   POST   /api/v1/juries/{id}/certifications {code}      DELETE …/certifications/{code}
**   POST   /api/v1/juries/{id}/members       {name, email, role, branch, union,
**          branch_employee, votes, president, organisation, quality, login}
**          → the jury with "member_id"                  DELETE …/members/{mid}
**   POST   /api/v1/juries/{id}/requests      {union?, sent_on?}   designation requests
**   POST   /api/v1/juries/{id}/cprefp        {sent_on?}           notice to the CPREFP
**   POST   /api/v1/juries/{id}/convocations  {member?, sent_on?}
**          → {"convened", "mailed", "mail_failed"}
**   GET    /api/v1/juries/{id}/eligible                  {"items": the centre's registrations}
**   POST   /api/v1/juries/{id}/candidates    {registration}       DELETE …/candidates/{rid}
**   POST   /api/v1/juries/{id}/sitting       {present: [member ids], conformity?}
**   POST   /api/v1/juries/{id}/conformity
**   PUT    /api/v1/juries/{id}/decisions/{ref} {verdict, votes_for, votes_against,
**          abstentions, president_ballot, comment}
**   POST   /api/v1/juries/{id}/signature
**   POST   /api/v1/juries/{id}/corrections/{ref}  {the same, motive}
**   GET    /api/v1/juries/{id}/candidates/{ref}      what the jury examines of one candidate
**   GET    /api/v1/juries/{id}/documents/{kind}?arg= one document, PDF
**   GET    /api/v1/juries/{id}/documents.zip         every document, zip
**   POST   /api/v1/juries/{id}/gtp/transmission {sent_on?}     (R-GTP-1)
**   POST   /api/v1/juries/{id}/gtp/corrective   {text, date?}  → with "corrective_id"
**   POST   /api/v1/juries/{id}/gtp/attribution  {date?}        (R-GTP-2)
**   GET    /api/v1/gtp?status=                               {"items": juries held}
**   POST   /api/v1/gtp/corrective/{id}/follow-up {state, note?, date?}
**   POST   /api/v1/centres/{code}/capacity     {restore, date, motive?}   (R-GTP-2)
**   PUT    /api/v1/centres/{code}/documents    {number?, city?, signatory?,
**          letterhead?, signature?}: images as base64 PNG, 2 Mio each at most
**   GET    /api/v1/certificates/{number}                 one certificate
**   GET    /api/v1/certificates/{number}/pdf[?duplicate=1]
**   POST   /api/v1/certificates/{number}/duplicate       (R-CER-1)
**   GET    /api/v1/candidates/{id}/certificates          {"items": certificates}
**
** A {ref} is a candidate's anonymous code ("C-007") or registration number:
** 1 to 32 letters, digits and hyphens; anything else is not found. The
** public verification is in page_verify.c.
*/
#include "web/web_int.h"
#include "core/jury.h"
#include "core/validate.h"
#include "service/svc_jury.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NO_JURY "Aucun jury ne porte ce numéro."
#define NO_PATH "Adresse inconnue."
#define REF_MAX 32          /* a candidate's reference in a path */
#define NUMBER_MAX 64       /* a certificate number as typed */
#define TEXT_MAX 4096       /* bytes of a free text (motive, comment, note) */
#define PRESENT_MAX JURY_MAX_MEMBERS
#define CERTS_MAX 32        /* certifications examined by one jury */

/* Inputs --------------------------------------------------------------- */

/* A POST whose fields are all optional may come without a body; a body
** that is not JSON is refused (1 after answering). */
static int optional_json(struct req *r)
{
	if (r->json || (!r->nform && (!r->content_type || !*r->content_type ||
	    !strncmp(r->content_type, "application/json", 16))))
		return 0;
	res_json_status(r, 415, "unsupported_media_type", "Un objet JSON est attendu.");
	return 1;
}

/* The integer member key in min..max into *out (absent or null: dflt,
** or a refusal when required). */
static int json_int(struct req *r, const char *key, long min, long max, int required,
	long dflt, long *out)
{
	json_t *v = json_object_get(r->json, key);

	*out = dflt;
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
	} else if (json_is_integer(v) && json_integer_value(v) >= min &&
		   json_integer_value(v) <= max) {
		*out = (long)json_integer_value(v);
		return 0;
	}
	return svc_fail(&r->svc, SVC_INVALID, key, NULL,
		"%s : un nombre entier de %ld à %ld est attendu.", key, min, max);
}

/* The boolean member key, absent or null: dflt. */
static int json_bool(struct req *r, const char *key, int dflt, int *out)
{
	json_t *v = json_object_get(r->json, key);
	if (!v || json_is_null(v)) {
		*out = dflt;
		return 0;
	}
	return req_json_flag(r, key, out);
}

/* A candidate's reference as a path segment: 1..REF_MAX letters, digits
** and hyphens. */
static int ref_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > REF_MAX)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* rest is "/word/SEGMENT" with word == w: SEGMENT (one segment, no '/'),
** else NULL. */
static const char *seg_after(const char *rest, const char *w)
{
	size_t n = strlen(w);
	if (rest[0] != '/' || strncmp(rest + 1, w, n) || rest[1 + n] != '/')
		return NULL;
	rest += n + 2;
	return *rest && !strchr(rest, '/') ? rest : NULL;
}

static void not_found(struct req *r, const char *msg)
{
	res_json_status(r, 404, "not_found", msg);
}

/* Answers ------------------------------------------------------------- */

/* The jury as GET gives it, with status; extra (stolen, may be NULL) as
** key in it. */
static void answer_jury(struct req *r, int64_t id, int status, const char *key,
	json_t *extra)
{
	json_t *doc;
	if (svc_jury_doc(&r->svc, id, &doc)) {
		json_decref(extra);
		res_api_fail(r);
		return;
	}
	if (key)
		json_object_set_new(doc, key, extra);
	res_json(r, status, doc);
}

/* rc is the service's return, items its list (evaluated after the call:
** rc = svc_…(…, &items); answer_items(r, rc, items)). */
static void answer_items(struct req *r, int rc, json_t *items)
{
	if (rc) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:o}", "items", items));
}

/* A PDF in the response buffer, inline. */
static int pdf_answer(struct req *r, const char *filename)
{
	char cd[160];

	r->status = 200;
	r->ctype = "application/pdf";
	r->csp = "frame-ancestors 'none'";   /* see page_synthesis.c */
	snprintf(cd, sizeof cd, "inline; filename=\"%s\"", filename);
	res_header(r, "Content-Disposition", cd);
	return 0;
}

/* After a failed rendering into the response buffer: the failure. */
static void api_pdf_failed(struct req *r)
{
	buf_reset(&r->body);
	r->body.overflow = 0;
	if (r->svc.res.rc == SVC_OK)
		svc_fail(&r->svc, SVC_INTERNAL, NULL, NULL,
			"Le document n'a pas pu être produit.");
	res_api_fail(r);
}

/* Unions ----------------------------------------------------------------- */

/* GET /api/v1/unions */
void api_unions(struct req *r)
{
	json_t *items = NULL;
	int rc;
	if (api_need_session(r))
		return;
	rc = svc_union_list(&r->svc, &items);
	answer_items(r, rc, items);
}

/* POST /api/v1/unions {code, name, email, representative} */
void api_unions_post(struct req *r)
{
	char code[UNION_CODE_MAX * 2], name[JURY_NAME_MAX * 4 + 1], email[256];
	int rep;

	if (api_need_session(r) || api_need_json(r))
		return;
	if (req_json_str(r, "code", code, sizeof code) ||
	    req_json_str(r, "name", name, sizeof name) ||
	    req_json_str(r, "email", email, sizeof email) ||
	    json_bool(r, "representative", 1, &rep) ||
	    svc_union_put(&r->svc, code, name, email, rep)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:s, s:s, s:s, s:b}", "code", code, "name", name,
		"email", email, "representative", rep));
}

/* Calendar ---------------------------------------------------------------- */

/* GET /api/v1/juries?centre=&from=&to= */
void api_juries(struct req *r)
{
	const char *centre = req_query(r, "centre"), *from = req_query(r, "from");
	const char *to = req_query(r, "to");
	json_t *items = NULL;
	int rc;

	if (api_need_session(r))
		return;
	rc = svc_jury_list(&r->svc, centre && *centre ? centre : NULL, from ? from : "",
		to ? to : "", &items);
	answer_items(r, rc, items);
}

/* POST /api/v1/juries {centre?, date, place, certifications: [codes]} */
void api_juries_post(struct req *r)
{
	char centre[64], date[16], place[JURY_NAME_MAX * 4 + 1];
	const char *certs[CERTS_MAX];
	json_t *list, *c;
	struct jury_in in;
	size_t i;
	int64_t id;

	if (api_need_session(r) || api_need_json(r))
		return;
	if (req_json_str(r, "centre", centre, sizeof centre) ||
	    req_json_str(r, "date", date, sizeof date) ||
	    req_json_str(r, "place", place, sizeof place)) {
		res_api_fail(r);
		return;
	}
	list = json_object_get(r->json, "certifications");
	if (!json_is_array(list) || !json_array_size(list) || json_array_size(list) > CERTS_MAX) {
		svc_fail(&r->svc, SVC_INVALID, "certifications", NULL,
			"certifications : une liste de 1 à %d codes de certification est attendue.",
			CERTS_MAX);
		res_api_fail(r);
		return;
	}
	json_array_foreach(list, i, c) {
		if (!json_is_string(c) || json_string_length(c) > 64 ||
		    strlen(json_string_value(c)) != json_string_length(c)) {
			svc_fail(&r->svc, SVC_INVALID, "certifications", NULL,
				"certifications : chaque élément est le code d'une certification.");
			res_api_fail(r);
			return;
		}
		certs[i] = json_string_value(c);
	}
	in.centre_code = *centre ? centre : NULL;
	in.date = date;
	in.place = place;
	in.certifications = certs;
	in.ncertifications = json_array_size(list);
	if (svc_jury_plan(&r->svc, &in, &id)) {
		res_api_fail(r);
		return;
	}
	answer_jury(r, id, 201, NULL, NULL);
}

/* One jury --------------------------------------------------------------- */

/* The members of a decision or a correction into d (strings point into
** the body); -1 with the failure. */
static int decision_body(struct req *r, struct decision_in *d)
{
	long vf, va, ab;

	memset(d, 0, sizeof *d);
	if (req_json_ref(r, "verdict", &d->verdict) ||
	    json_int(r, "votes_for", 0, JURY_MAX_MEMBERS, 1, 0, &vf) ||
	    json_int(r, "votes_against", 0, JURY_MAX_MEMBERS, 1, 0, &va) ||
	    json_int(r, "abstentions", 0, JURY_MAX_MEMBERS, 0, 0, &ab) ||
	    req_json_ref(r, "president_ballot", &d->president_ballot) ||
	    req_json_ref(r, "comment", &d->comment))
		return -1;
	if (d->comment && strlen(d->comment) > TEXT_MAX)
		return svc_fail(&r->svc, SVC_INVALID, "comment", NULL,
			"comment : %d octets au plus.", TEXT_MAX);
	if (!d->verdict)
		d->verdict = "";
	if (!d->president_ballot)
		d->president_ballot = "";
	d->votes_for = (int)vf;
	d->votes_against = (int)va;
	d->abstentions = (int)ab;
	return 0;
}

static void member_add(struct req *r, int64_t id)
{
	struct jury_member_in m;
	int64_t mid;

	memset(&m, 0, sizeof m);
	if (req_json_ref(r, "name", &m.name) || req_json_ref(r, "email", &m.email) ||
	    req_json_ref(r, "role", &m.role) || req_json_ref(r, "branch", &m.branch) ||
	    req_json_ref(r, "union", &m.union_code) ||
	    req_json_flag(r, "branch_employee", &m.branch_employee) ||
	    req_json_flag(r, "votes", &m.votes) || req_json_flag(r, "president", &m.president) ||
	    req_json_ref(r, "organisation", &m.organisation) ||
	    req_json_ref(r, "quality", &m.quality) ||
	    req_json_ref(r, "login", &m.account_login)) {
		res_api_fail(r);
		return;
	}
	/* the lengths are the service's to check; the body is bounded (1 Mio) */
	if (!m.name)
		m.name = "";
	if (!m.role)
		m.role = "";
	if (svc_jury_member_add(&r->svc, id, &m, &mid)) {
		res_api_fail(r);
		return;
	}
	answer_jury(r, id, 201, "member_id", json_integer(mid));
}

/* The "present" array of member ids into ids; the count, or -1. */
static long present_body(struct req *r, int64_t *ids, size_t max)
{
	json_t *v = json_object_get(r->json, "present"), *e;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) > max)
		return svc_fail(&r->svc, SVC_INVALID, "present", NULL,
			"present : la liste des numéros des membres présents est attendue "
			"(%zu au plus).", max);
	json_array_foreach(v, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) < 1 ||
		    json_integer_value(e) > 999999999)
			return svc_fail(&r->svc, SVC_INVALID, "present", NULL,
				"present : chaque élément est le numéro d'un membre du jury.");
		ids[i] = (int64_t)json_integer_value(e);
	}
	return (long)json_array_size(v);
}

static void jury_zip(struct req *r, int64_t id);

/* GET /api/v1/juries/{id}[/…] */
void api_jury_get(struct req *r)
{
	const char *rest, *seg;
	int64_t id;
	json_t *doc;

	if (api_need_session(r) || (id = api_param_id(r, &rest, NO_JURY)) < 0)
		return;
	if (!*rest) {
		answer_jury(r, id, 200, NULL, NULL);
	} else if (!strcmp(rest, "/eligible")) {
		json_t *items = NULL;
		int rc = svc_jury_eligible(&r->svc, id, &items);
		answer_items(r, rc, items);
	} else if ((seg = seg_after(rest, "candidates"))) {
		if (!ref_ok(seg)) {
			not_found(r, "Aucun candidat de ce jury ne porte cette référence.");
			return;
		}
		if (svc_jury_candidate_file(&r->svc, id, seg, &doc)) {
			res_api_fail(r);
			return;
		}
		res_json(r, 200, doc);
	} else if ((seg = seg_after(rest, "documents"))) {
		int kind = jury_doc_from_code(seg);
		const char *arg = req_query(r, "arg");
		char name[96];

		if (kind < 0) {
			not_found(r, "Document inconnu : request, cprefp, convocation, attendance, "
				"minutes, gtp_letter, letter, certificates ou syntheses.");
			return;
		}
		if (arg && (!*arg || strlen(arg) > REF_MAX)) {
			svc_fail(&r->svc, SVC_INVALID, "arg", NULL,
				"arg : de 1 à %d caractères.", REF_MAX);
			res_api_fail(r);
			return;
		}
		buf_reset(&r->body);
		if (svc_jury_pdf(&r->svc, id, (enum jury_doc)kind, arg && *arg ? arg : NULL,
			pdf_write_buf, &r->body, NULL) || r->body.overflow) {
			api_pdf_failed(r);
			return;
		}
		snprintf(name, sizeof name, "jury-%lld-%s.pdf", (long long)id, seg);
		pdf_answer(r, name);
	} else if (!strcmp(rest, "/documents.zip")) {
		jury_zip(r, id);
	} else {
		not_found(r, NO_PATH);
	}
}

/* POST /api/v1/juries/{id}/… */
void api_jury_post(struct req *r)
{
	char a[64], b[JURY_NAME_MAX * 4 + 1], text[TEXT_MAX + 1];
	const char *rest, *seg;
	int64_t id;
	long n;

	if (api_need_session(r) || (id = api_param_id(r, &rest, NO_JURY)) < 0 ||
	    optional_json(r))
		return;
	if (!strcmp(rest, "/move")) {
		const char *date, *place;
		if (req_json_ref(r, "date", &date) || req_json_ref(r, "place", &place) ||
		    svc_jury_move(&r->svc, id, date, place))
			goto fail;
	} else if (!strcmp(rest, "/certifications")) {
		if (req_json_str(r, "code", a, sizeof a) ||
		    svc_jury_certification(&r->svc, id, a, 1))
			goto fail;
	} else if (!strcmp(rest, "/members")) {
		member_add(r, id);
		return;
	} else if (!strcmp(rest, "/requests")) {
		if (req_json_str(r, "union", a, sizeof a) ||
		    req_json_str(r, "sent_on", b, sizeof b) ||
		    svc_jury_request(&r->svc, id, *a ? a : NULL, *b ? b : NULL))
			goto fail;
	} else if (!strcmp(rest, "/cprefp")) {
		if (req_json_str(r, "sent_on", b, sizeof b) ||
		    svc_jury_notify_cprefp(&r->svc, id, *b ? b : NULL))
			goto fail;
	} else if (!strcmp(rest, "/convocations")) {
		struct convoke_report rep;
		memset(&rep, 0, sizeof rep);
		if (json_int(r, "member", 1, 999999999, 0, 0, &n) ||
		    req_json_str(r, "sent_on", b, sizeof b) ||
		    svc_jury_convoke(&r->svc, id, n, *b ? b : NULL, &rep))
			goto fail;
		res_json(r, 200, json_pack("{s:i, s:i, s:i}", "convened", rep.convened,
			"mailed", rep.mailed, "mail_failed", rep.mail_failed));
		return;
	} else if (!strcmp(rest, "/candidates")) {
		if (json_int(r, "registration", 1, 999999999, 1, 0, &n) ||
		    svc_jury_candidate_add(&r->svc, id, n))
			goto fail;
	} else if (!strcmp(rest, "/sitting")) {
		int64_t ids[PRESENT_MAX];
		int conformity;
		if ((n = present_body(r, ids, PRESENT_MAX)) < 0 ||
		    json_bool(r, "conformity", 0, &conformity) ||
		    svc_jury_open(&r->svc, id, ids, (size_t)n) ||
		    (conformity && svc_jury_conformity(&r->svc, id)))
			goto fail;
	} else if (!strcmp(rest, "/conformity")) {
		if (svc_jury_conformity(&r->svc, id))
			goto fail;
	} else if (!strcmp(rest, "/signature")) {
		if (svc_jury_sign(&r->svc, id))
			goto fail;
	} else if ((seg = seg_after(rest, "corrections"))) {
		struct decision_in d;
		if (!ref_ok(seg)) {
			not_found(r, "Aucun candidat de ce jury ne porte cette référence.");
			return;
		}
		if (decision_body(r, &d) || req_json_str(r, "motive", text, sizeof text) ||
		    svc_jury_correct(&r->svc, id, seg, &d, text))
			goto fail;
	} else if (!strcmp(rest, "/gtp/transmission")) {
		if (req_json_str(r, "sent_on", b, sizeof b) ||
		    svc_gtp_transmit(&r->svc, id, *b ? b : NULL))
			goto fail;
	} else if (!strcmp(rest, "/gtp/corrective")) {
		int64_t aid;
		if (req_json_str(r, "text", text, sizeof text) ||
		    req_json_str(r, "date", b, sizeof b) ||
		    svc_gtp_corrective(&r->svc, id, text, *b ? b : NULL, &aid))
			goto fail;
		answer_jury(r, id, 201, "corrective_id", json_integer(aid));
		return;
	} else if (!strcmp(rest, "/gtp/attribution")) {
		if (req_json_str(r, "date", b, sizeof b) ||
		    svc_gtp_attribute(&r->svc, id, *b ? b : NULL))
			goto fail;
	} else {
		not_found(r, NO_PATH);
		return;
	}
	answer_jury(r, id, 200, NULL, NULL);
	return;
fail:
	res_api_fail(r);
}

/* PUT /api/v1/juries/{id}/decisions/{ref} */
void api_jury_put(struct req *r)
{
	struct decision_in d;
	const char *rest, *seg;
	int64_t id;

	if (api_need_session(r) || (id = api_param_id(r, &rest, NO_JURY)) < 0)
		return;
	if (!(seg = seg_after(rest, "decisions"))) {
		not_found(r, NO_PATH);
		return;
	}
	if (!ref_ok(seg)) {
		not_found(r, "Aucun candidat de ce jury ne porte cette référence.");
		return;
	}
	if (api_need_json(r))
		return;
	if (decision_body(r, &d) || svc_jury_decide(&r->svc, id, seg, &d)) {
		res_api_fail(r);
		return;
	}
	answer_jury(r, id, 200, NULL, NULL);
}

/* DELETE /api/v1/juries/{id}/members/{mid}, …/candidates/{rid},
** …/certifications/{code} */
void api_jury_delete(struct req *r)
{
	const char *rest, *seg;
	int64_t id;
	long n;
	int rc;

	if (api_need_session(r) || (id = api_param_id(r, &rest, NO_JURY)) < 0)
		return;
	if ((seg = seg_after(rest, "members")) || (seg = seg_after(rest, "candidates"))) {
		int member = !strncmp(rest, "/members/", 9);
		if ((n = parse_count(seg, 1, 999999999L)) < 0) {
			not_found(r, member ? "Aucun membre de ce jury ne porte ce numéro." :
				"Aucune inscription ne porte ce numéro.");
			return;
		}
		rc = member ? svc_jury_member_remove(&r->svc, id, n) :
			svc_jury_candidate_remove(&r->svc, id, n);
	} else if ((seg = seg_after(rest, "certifications"))) {
		if (strlen(seg) > 64) {
			not_found(r, "Ce jury n'examine pas cette certification.");
			return;
		}
		rc = svc_jury_certification(&r->svc, id, seg, 0);
	} else {
		not_found(r, NO_PATH);
		return;
	}
	if (rc) {
		res_api_fail(r);
		return;
	}
	answer_jury(r, id, 200, NULL, NULL);
}

/* The zip: written to an unlinked temporary file by the service, then
** streamed from it as the client reads, so that neither the whole zip
** sits in memory nor a worker waits on a slow client while rendering. */

struct zip_file {
	int fd;
	struct svc *s;
};

static int zip_write(void *arg, const unsigned char *data, size_t len)
{
	struct zip_file *z = arg;
	while (len) {
		ssize_t w = write(z->fd, data, len);
		if (w <= 0)
			return svc_fail(z->s, SVC_INTERNAL, NULL, NULL,
				"Le fichier temporaire du zip n'a pas pu être écrit.");
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

static void zip_progress(void *arg, uint64_t done, uint64_t total)
{
	(void)arg;
	(void)done;
	(void)total;
}

static long zip_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct zip_file *z = cls;
	ssize_t n = pread(z->fd, out, max, (off_t)pos);
	if (n < 0)
		return STREAM_ERROR;
	return n ? (long)n : STREAM_END;
}

static void zip_free(void *cls)
{
	struct zip_file *z = cls;
	close(z->fd);
	free(z);
}

int web_jury_zip(struct req *r, int64_t id)
{
	char path[] = "/tmp/cqpm-zip-XXXXXX", cd[96];
	struct zip_file *z;
	int files = 0, pages = 0;

	z = calloc(1, sizeof *z);
	if (!z || (z->fd = mkstemp(path)) < 0) {
		free(z);
		return svc_fail(&r->svc, SVC_INTERNAL, NULL, NULL,
			"Aucun fichier temporaire pour le zip.");
	}
	unlink(path);
	z->s = &r->svc;
	if (svc_jury_zip(&r->svc, id, zip_write, z, zip_progress, NULL, &files, &pages)) {
		zip_free(z);
		if (r->svc.res.rc == SVC_OK)
			svc_fail(&r->svc, SVC_INTERNAL, NULL, NULL,
				"Les documents du jury n'ont pas pu être produits.");
		return -1;
	}
	z->s = NULL;
	r->status = 200;
	r->ctype = "application/zip";
	snprintf(cd, sizeof cd, "attachment; filename=\"jury-%lld.zip\"", (long long)id);
	res_header(r, "Content-Disposition", cd);
	snprintf(cd, sizeof cd, "%d", files);
	res_header(r, "X-Files", cd);
	r->stream_fn = zip_read;
	r->stream_free = zip_free;
	r->stream_cls = z;
	return 0;
}

static void jury_zip(struct req *r, int64_t id)
{
	if (web_jury_zip(r, id))
		res_api_fail(r);
}

/* GTP -------------------------------------------------------------------- */

/* GET /api/v1/gtp?status= */
void api_gtp(struct req *r)
{
	const char *status = req_query(r, "status");
	json_t *items = NULL;
	int rc;

	if (api_need_session(r))
		return;
	rc = svc_gtp_list(&r->svc, status ? status : "", &items);
	answer_items(r, rc, items);
}

/* POST /api/v1/gtp/corrective/{id}/follow-up {state, note, date} */
void api_gtp_follow(struct req *r)
{
	char state[32], note[TEXT_MAX + 1], date[16];
	int64_t id;

	if (api_need_session(r) ||
	    (id = api_param_id(r, NULL, "Aucune action corrective ne porte ce numéro.")) < 0 ||
	    api_need_json(r))
		return;
	if (req_json_str(r, "state", state, sizeof state) ||
	    req_json_str(r, "note", note, sizeof note) ||
	    req_json_str(r, "date", date, sizeof date) ||
	    svc_gtp_follow(&r->svc, id, state, note, *date ? date : NULL)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state", state));
}

/* POST /api/v1/centres/{code}/capacity {restore, date, motive} */
void api_centre_capacity(struct req *r)
{
	char date[16], motive[TEXT_MAX + 1];
	int restore;

	if (api_need_session(r) || api_need_json(r))
		return;
	if (req_json_flag(r, "restore", &restore) ||
	    req_json_str(r, "date", date, sizeof date) ||
	    req_json_str(r, "motive", motive, sizeof motive) ||
	    svc_gtp_capacity(&r->svc, r->param, restore, date, motive)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, json_pack("{s:s, s:b, s:s}", "centre", r->param,
		"withdrawn", !restore, "date", date));
}

/* A base64 PNG member into *out (malloc'ed; NULL when absent); -1 with
** the failure. */
static int png_member(struct req *r, const char *key, unsigned char **out, size_t *len)
{
	static const unsigned char magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const char *b64, *end = NULL;
	size_t n;

	*out = NULL;
	*len = 0;
	if (req_json_ref(r, key, &b64))
		return -1;
	if (!b64)
		return 0;
	n = strlen(b64);
	if (n > (CENTRE_IMAGE_MAX / 3 + 1) * 4)
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : l'image dépasse %d Mio.", key, CENTRE_IMAGE_MAX >> 20);
	if (!(*out = malloc(n / 4 * 3 + 3)))
		return svc_fail(&r->svc, SVC_INTERNAL, NULL, NULL, "Mémoire insuffisante.");
	if (sodium_base642bin(*out, n / 4 * 3 + 3, b64, n, "\r\n", len, &end,
		sodium_base64_VARIANT_ORIGINAL) || end != b64 + n) {
		free(*out);
		*out = NULL;
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : une image PNG codée en base64 est attendue.", key);
	}
	if (*len < sizeof magic || memcmp(*out, magic, sizeof magic) || *len > CENTRE_IMAGE_MAX) {
		free(*out);
		*out = NULL;
		return svc_fail(&r->svc, SVC_INVALID, key, NULL,
			"%s : une image PNG de %d Mio au plus est attendue.", key,
			CENTRE_IMAGE_MAX >> 20);
	}
	return 0;
}

/* PUT /api/v1/centres/{code}/documents */
void api_centre_documents(struct req *r)
{
	char city[JURY_NAME_MAX * 4 + 1], signatory[JURY_NAME_MAX * 4 + 1];
	unsigned char *head = NULL, *sign = NULL;
	struct centre_docs d;
	long number;

	if (api_need_session(r) || api_need_json(r))
		return;
	memset(&d, 0, sizeof d);
	if (json_int(r, "number", 1, 999, 0, 0, &number) ||
	    req_json_str(r, "city", city, sizeof city) ||
	    req_json_str(r, "signatory", signatory, sizeof signatory) ||
	    png_member(r, "letterhead", &head, &d.letterhead_len) ||
	    png_member(r, "signature", &sign, &d.signature_len))
		goto fail;
	d.number = (int)number;
	d.city = json_object_get(r->json, "city") ? city : NULL;
	d.signatory = json_object_get(r->json, "signatory") ? signatory : NULL;
	d.letterhead = head;
	d.signature = sign;
	if (svc_centre_set_docs(&r->svc, r->param, &d))
		goto fail;
	free(head);
	free(sign);
	res_json(r, 200, json_pack("{s:s, s:b}", "centre", r->param, "updated", 1));
	return;
fail:
	free(head);
	free(sign);
	res_api_fail(r);
}

/* Certificates -------------------------------------------------------------- */

/* The certificate number of the path into out; 0, or -1 after
** answering 404. */
static int cert_number(struct req *r, char *out, size_t n)
{
	size_t len = strlen(r->param);

	if (!len || len >= n) {
		not_found(r, "Aucun certificat ne porte ce numéro.");
		return -1;
	}
	memcpy(out, r->param, len + 1);
	return 0;
}

/* GET /api/v1/certificates/{number} */
void api_certificate(struct req *r)
{
	char number[NUMBER_MAX + 1];
	json_t *doc;

	if (api_need_session(r) || cert_number(r, number, sizeof number))
		return;
	if (svc_certificate_get(&r->svc, number, &doc)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, doc);
}

/* GET /api/v1/certificates/{number}/pdf[?duplicate=1] */
void api_certificate_pdf(struct req *r)
{
	char number[NUMBER_MAX + 1];
	const char *dup = req_query(r, "duplicate");

	if (api_need_session(r) || cert_number(r, number, sizeof number))
		return;
	buf_reset(&r->body);
	if (svc_certificate_pdf(&r->svc, number, dup && !strcmp(dup, "1"), pdf_write_buf,
		&r->body, NULL) || r->body.overflow) {
		api_pdf_failed(r);
		return;
	}
	pdf_answer(r, "certificat.pdf");
}

/* POST /api/v1/certificates/{number}/duplicate */
void api_certificate_duplicate(struct req *r)
{
	char number[NUMBER_MAX + 1];
	json_t *doc;

	if (api_need_session(r) || cert_number(r, number, sizeof number) ||
	    optional_json(r))
		return;
	if (svc_certificate_duplicate(&r->svc, number, &doc)) {
		res_api_fail(r);
		return;
	}
	res_json(r, 200, doc);
}

/* GET /api/v1/candidates/{id}/certificates */
void api_candidate_certificates(struct req *r)
{
	json_t *items = NULL;
	int rc;
	int64_t id;

	if (api_need_session(r) || (id = api_param_id(r, NULL, "Aucun candidat ne porte ce numéro.")) < 0)
		return;
	rc = svc_certificate_list(&r->svc, id, &items);
	answer_items(r, rc, items);
}
