/*
** What the service files share and the front ends do not see.
*/
#ifndef CQPM_SVC_INT_H
#define CQPM_SVC_INT_H
#include "service/svc.h"
#include "core/gtp.h"
#include "store/store_award.h"

/* Narrows f to the registrations the actor may see (a centre its own, a
** training body its own, an evaluator those assigned to him, the national
** administrator all). -1 with SVC_DENIED when the actor sees none. */
int svc_candidate_scope(struct svc *s, struct reg_filter *f);
/* 0 while registration r is active; else -1 with SVC_CONFLICT saying
** that it is closed and what (what) therefore cannot be done. */
int svc_reg_open(struct svc *s, const struct reg_row *r, const char *what);
/* 1 if registration r is within scope f, as made by svc_candidate_scope
** (lists of registrations: the scope is made once, not per row). */
int svc_reg_in_scope(struct svc *s, const struct reg_filter *f, const struct reg_row *r);
/* 1 if the actor may see registration r. */
int svc_reg_visible(struct svc *s, const struct reg_row *r);

/* What svc_reg_load asks of the actor. */
enum reg_reach {
	REACH_ANY,      /* nothing: the caller checks */
	REACH_SEE,      /* a registration he sees (svc_reg_visible) */
	REACH_CENTRE,   /* one of his centre's (any for the national administrator) */
};
/* Loads registration rid into r when the actor reaches it. -1 with the
** result set: not found, with the same message whether it does not exist
** or is out of reach, or a failed read. */
int svc_reg_load(struct svc *s, int64_t rid, enum reg_reach reach, struct reg_row *r);

/* A failed store operation: SVC_BUSY when the database is busy, else
** SVC_INTERNAL "<what> impossible." ("Enregistrement du document"); a
** failure already in the result is kept. Returns -1. */
int svc_store_failed(struct svc *s, int rc, const char *what);
/* The same after rolling the transaction back. */
int svc_store_abort(struct svc *s, int rc, const char *what);

/* The JSON of one registration inside the candidate's file; each part of
** the path adds its section (svc_file.c calls them in order). cert is the
** catalogue document of the registration's version. */
int svc_file_registration(struct svc *s, const struct reg_row *r,
	const json_t *cert, const json_t *acquired, json_t *out);

/* The evaluation's section of one registration in the candidate's file
** (svc_eval.c): "dossier", "evaluators", "company_opinion",
** "evaluations_complete". out already holds the registration's
** "competences" and "company_opinion_required". */
int svc_file_eval(struct svc *s, const struct reg_row *r, json_t *out);
/* The "vae" member of a registration in the candidate's file (svc_vae.c):
** the VAE's object for the route vae, null otherwise. */
int svc_vae_section(struct svc *s, const struct reg_row *r, const json_t *cert,
	json_t *out);
/* The candidate file's "documents" section: the documents the actor may
** see, without their content (svc_document.c). */
int svc_file_documents(struct svc *s, int64_t candidate_id, json_t *doc);

/* svc_award.c, inside the open transaction of the signature of jury_id
** (svc_jury_sign) or of the GTP's attribution: for every final decision,
** the certificates (numbered, R-CER-2) unless the centre's capacity is
** withdrawn (R-GTP-2: they wait), the registration closed admitted or
** not admitted, the units acquired recorded (R-LET-3), next_jury cleared.
** date is the signature's (or attribution's) day. -1 with the result set. */
int svc_award_signed(struct svc *s, int64_t jury_id, const char *date);
/* The same for one corrected decision (svc_jury_correct): certificates
** that the new decision no longer awards are cancelled, new ones issued,
** the others kept with their numbers (award_plan_diff). */
int svc_award_corrected(struct svc *s, int64_t jury_id, int64_t registration_id,
	int64_t old_decision_id, int64_t new_decision_id, const char *date);
/* svc_jury.c: 1 if the actor (a jury member) sits on jury_id, 0 if not,
** -1 on a failed read. */
int svc_jury_sits(struct svc *s, int64_t jury_id);

/* svc_jurydoc.c: after the commit of svc_jury_convoke, mails the
** convocation of each member of ids[0..n) who has an address, with the
** copy to the mandating union (R-JUR-9), when SMTP is configured; counts
** in rep and records each mail's outcome on its notice. Never fails the
** operation: the convocations are recorded whatever the mail does. */
struct convoke_report;
void svc_jury_mail_convocations(struct svc *s, int64_t jury_id, const int64_t *ids,
	size_t n, struct convoke_report *rep);

/* The catalogue documents of the registrations' versions, each read once
** for an operation that goes over many registrations (svc_sitting.c).
** Zeroed: empty. */
struct cert_cache {
	struct { int64_t id; int version; json_t *doc; } *v;
	size_t n, cap;
};
/* The document of certification id at version, or NULL with the result set. */
const json_t *svc_cert_cache_doc(struct svc *s, struct cert_cache *cc, int64_t id,
	int version);
void svc_cert_cache_release(struct cert_cache *cc);

/* The withdrawals of the capacity to award of one centre (0: every
** centre), by centre and date (R-GTP-2; svc_gtp.c): v[i] for the core,
** centre[i] its centre, last the open one when has_open. Zeroed: empty. */
struct svc_withdrawals {
	struct gtp_withdrawal *v;
	int64_t *centre;
	struct gtp_withdrawal_row last;
	int has_open;
	size_t n, cap;
};
/* -1 with the result set when the read fails (nothing to release then). */
int svc_withdrawals_load(struct svc *s, int64_t centre_id, struct svc_withdrawals *w);
void svc_withdrawals_release(struct svc_withdrawals *w);

#endif
