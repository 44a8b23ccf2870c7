/*
** The public verification of a certificate (R-CER-2): anybody, logged in
** or not, may check that a certificate number was issued by cqpm.
**
**   GET /verifier                  the form « Vérifier un certificat »
**   GET /verifier?numero=N         its answer
**   GET /verifier/{number}         the same: the target of the QR code
**                                  printed on the certificate
**   GET /api/v1/verify/{number}    the same as JSON (svc_certificate_verify)
**
** What is shown is only what svc_certificate_verify returns: genuine or
** not, the certification, the holder's name as printed, the jury's date
** and the centre. A malformed number and an unknown one get the same
** status and the same body (the typed number is never echoed), so that
** the answer says nothing of the numbering. Every answer is no-store
** (http.c's default) and carries X-Robots-Tag: noindex.
**
** Whoever types numbers in turn is slowed down: a token bucket per client
** address and one for everybody (core/ratelimit.h, its defaults); over
** the limit, 429 with a French message and Retry-After (seconds).
*/
#include "web/web_int.h"
#include "core/dates.h"
#include "core/ratelimit.h"
#include "service/svc_jury.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NUMBER_MAX 64      /* characters of a number as typed */
#define RL_ADDRESSES 4096  /* addresses remembered by the limiter */

static struct ratelimit limiter;
static int limiter_ok;
static pthread_once_t limiter_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t limiter_lock = PTHREAD_MUTEX_INITIALIZER;

static void limiter_init(void)
{
	static const struct rl_limit per_address = RL_PER_ADDRESS_DEFAULT;
	static const struct rl_limit global = RL_GLOBAL_DEFAULT;
	unsigned char seed[RL_SEED_LEN];

	randombytes_buf(seed, sizeof seed);
	limiter_ok = rl_init(&limiter, RL_ADDRESSES, &per_address, &global, seed) == 0;
}

/* 1 when the request may go on; otherwise 0 after answering 429 (JSON
** under /api/, a page elsewhere). */
static int allowed(struct req *r, int api)
{
	static const char msg[] = "Trop de vérifications en peu de temps depuis votre adresse : "
		"patientez quelques instants avant de recommencer.";
	struct timespec ts;
	enum rl_verdict v;
	int64_t retry_ms = 1000;
	char after[32];

	pthread_once(&limiter_once, limiter_init);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	pthread_mutex_lock(&limiter_lock);
	/* without its table (no memory at start), nobody passes: the page
	** is never left unbounded */
	v = limiter_ok ? rl_check(&limiter, r->addr, strlen(r->addr),
		(int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, &retry_ms) : RL_DENY_GLOBAL;
	pthread_mutex_unlock(&limiter_lock);
	if (v == RL_ALLOW)
		return 1;
	snprintf(after, sizeof after, "%lld", (long long)((retry_ms + 999) / 1000));
	res_header(r, "Retry-After", after);
	if (api)
		res_json_status(r, 429, "throttled", msg);
	else
		page_status(r, 429, "Trop de vérifications", msg);
	return 0;
}

/* The service's answer for the typed number; NULL after answering a
** failure of the service itself (a busy database). */
static json_t *verify(struct req *r, const char *typed, int api)
{
	json_t *v;

	/* too long to be a number: the same work as an unknown one */
	if (!typed || strlen(typed) > NUMBER_MAX)
		typed = "";
	if (svc_certificate_verify(&r->svc, typed, &v)) {
		if (api)
			res_api_fail(r);
		else
			page_error(r, &r->svc.res);
		return NULL;
	}
	return v;
}

static void form(struct req *r)
{
	h_fmt(&r->body, "<form method=\"get\" action=\"/verifier\" class=\"stack\" role=\"search\">"
		"<div><label for=\"numero\">Numéro du certificat</label>"
		"<input id=\"numero\" name=\"numero\" maxlength=\"%d\" autocomplete=\"off\" "
		"spellcheck=\"false\" required aria-describedby=\"numero-aide\">"
		"<p id=\"numero-aide\">Tel qu'il figure sur le certificat, par exemple "
		"« MC 2026 001 00042 17 » (espaces, tirets et points ignorés).</p></div>"
		"<div><button type=\"submit\">Vérifier</button></div></form>\n", NUMBER_MAX);
}

static void page(struct req *r, const char *typed, int asked)
{
	struct buf *b = &r->body;
	json_t *v = NULL;

	res_header(r, "X-Robots-Tag", "noindex, nofollow");
	if (asked && !allowed(r, 0))
		return;
	if (asked && !(v = verify(r, typed, 0)))
		return;
	page_begin(r, "Vérifier un certificat");
	h_fmt(b, "<h1>Vérifier un certificat</h1>\n<p>Cette page permet à chacun — employeur, "
		"organisme, titulaire — de vérifier qu'un certificat de la branche de la "
		"métallurgie (CQPM, CCPM, CQPI, CCPI ou bloc de compétences) a bien été délivré "
		"à l'issue d'un jury paritaire de délibération.</p>\n");
	if (v && json_is_true(json_object_get(v, "valid"))) {
		char d[DATE_LEN];
		h_fmt(b, "<section aria-labelledby=\"resultat\"><h2 id=\"resultat\">Résultat</h2>"
			"<p class=\"notice\" role=\"status\"><strong>Ce certificat est authentique."
			"</strong></p>\n<dl class=\"facts\">"
			"<dt>Numéro</dt><dd>%s</dd><dt>Certification</dt><dd>%s — %s</dd>"
			"<dt>Titulaire</dt><dd>%s</dd><dt>Jury paritaire du</dt><dd>%s</dd>"
			"<dt>Centre de certification</dt><dd>%s</dd></dl></section>\n",
			json_string_value(json_object_get(v, "display")),
			json_string_value(json_object_get(v, "kind_label")),
			json_string_value(json_object_get(v, "certification")),
			json_string_value(json_object_get(v, "holder")),
			date_fr(json_string_value(json_object_get(v, "jury_date")), d),
			json_string_value(json_object_get(v, "centre")));
	} else if (v && json_is_true(json_object_get(v, "cancelled"))) {
		h_fmt(b, "<section aria-labelledby=\"resultat\"><h2 id=\"resultat\">Résultat</h2>"
			"<p class=\"error\" role=\"status\">Ce certificat a été annulé : il n'est "
			"plus valide. Un certificat rectifié a pu être délivré sous un autre numéro."
			"</p></section>\n");
	} else if (v) {
		h_fmt(b, "<section aria-labelledby=\"resultat\"><h2 id=\"resultat\">Résultat</h2>"
			"<p class=\"error\" role=\"status\">Aucun certificat valide ne porte ce numéro. "
			"Vérifiez la saisie ; en cas de doute, adressez-vous au centre de certification "
			"qui l'a délivré.</p></section>\n");
	}
	json_decref(v);
	h_fmt(b, "<h2>%s</h2>\n", asked ? "Vérifier un autre certificat" : "Numéro à vérifier");
	form(r);
	page_end(r);
}

/* GET /verifier[?numero=N] */
void page_verify_form(struct req *r)
{
	const char *n = req_query(r, "numero");
	page(r, n, n != NULL);
}

/* GET /verifier/{number} */
void page_verify(struct req *r)
{
	page(r, r->param, 1);
}

/* GET /api/v1/verify/{number} */
void api_verify(struct req *r)
{
	json_t *v;

	res_header(r, "X-Robots-Tag", "noindex, nofollow");
	if (!allowed(r, 1) || !(v = verify(r, r->param, 1)))
		return;
	res_json(r, 200, v);
}
