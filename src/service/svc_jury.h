/*
** The services of the jury paritaire de délibération and of what it
** produces (R-JUR-1..12, R-CER-1..2, R-LET-1..3, R-GTP-1..2): the
** representative unions, the centre's calendar of juries, the composition,
** the designation requests, the notices to the CPREFP and the
** convocations, the sitting (attendance, conformity, decisions, the
** signature), corrections, the certificates and their public
** verification, the records sent to the GTP and its follow-up.
**
** Every write is one transaction (svc.h). The rules are those of
** core/jury.h, core/award.h and core/gtp.h; these functions load, call
** them, store and audit.
**
** Who may do what:
**   - the national administrator: everything, every centre; alone keeps
**     the unions (svc_union_put) and the GTP's side (corrective actions,
**     withdrawal, restoration, provisional attribution);
**   - centre staff: the juries of their centre, from planning to the
**     signature recorded on the president's behalf, the documents, the
**     sending of the records to the GTP, duplicates;
**   - a jury member (role jury, an account tied to a member by
**     account_id): the juries he sits on, read only, the candidates under
**     their anonymous codes until the signature (R-JUR-10); the president's
**     account may record decisions and sign;
**   - anybody, logged in or not: svc_certificate_verify.
**
** A jury is named by its id; a candidate of a jury by its anonymous code
** ("C-007") in everything a jury member reaches, by registration id for
** the staff (both are accepted where a "ref" is asked: "C-007" or "123").
*/
#ifndef CQPM_SVC_JURY_H
#define CQPM_SVC_JURY_H
#include "service/svc.h"
#include "doc/pdf.h"

/* Representative unions (R-JUR-1, R-JUR-4) ------------------------------ */

/* Adds or changes a union (administrator). code 1..32 of A–Z, 0–9, "-";
** name 1..200 characters; email "" or an address. */
int svc_union_put(struct svc *s, const char *code, const char *name,
	const char *email, int representative);
/* [{"code","name","email","representative"}], by code. Everyone logged in. */
int svc_union_list(struct svc *s, json_t **out);

/* What a centre prints on its documents (R-CER-2, R-LET-2) ------------- */

#define CENTRE_IMAGE_MAX (2 * 1024 * 1024)

struct centre_docs {
	int number;                    /* national number 1..999 (the CCC of MC…) */
	const char *city;              /* « Fait à » when the jury's place has no town */
	const char *signatory;         /* « Le Président de l'UIMM … » line, name */
	const unsigned char *letterhead; size_t letterhead_len;  /* PNG, or NULL: unchanged */
	const unsigned char *signature;  size_t signature_len;   /* PNG, or NULL: unchanged */
};
/* Administrator, or the centre's own staff (the number: administrator
** only, it is national). */
int svc_centre_set_docs(struct svc *s, const char *centre_code,
	const struct centre_docs *d);
/* The stored images (NULL, 0 when none); *png is malloc'ed. which is
** "letterhead" or "signature". */
int svc_centre_image(struct svc *s, int64_t centre_id, const char *which,
	unsigned char **png, size_t *len);

/* Calendar and composition (R-JUR-1..9) --------------------------------- */

struct jury_in {
	const char *centre_code;       /* administrator: which centre; staff: NULL (own) */
	const char *date;              /* YYYY-MM-DD, ≥ today + 15 (R-JUR-1) */
	const char *place;             /* 1..200 characters: « Fait à … » */
	const char *const *certifications;   /* codes (MQ…, CCPM…), 1..32 */
	size_t ncertifications;
};
int svc_jury_plan(struct svc *s, const struct jury_in *in, int64_t *id);
/* R-JUR-9, R-JUR-8: moves a planned jury (and/or changes its place; NULL
** keeps it). Convocations are void and the CPREFP is due again. */
int svc_jury_move(struct svc *s, int64_t jury_id, const char *date,
	const char *place);
/* Adds (add = 1) or removes a certification examined, while planned. */
int svc_jury_certification(struct svc *s, int64_t jury_id, const char *code,
	int add);

/*
** The calendar: [{"id","centre":{"code","name"},"date","place","state",
** "state_label","certifications":[codes],"candidates":n,"members":n,
** "gtp_status"}], by date. from/to "" for no bound; centre_code NULL: the
** actor's scope (a jury member: the juries he sits on).
*/
int svc_jury_list(struct svc *s, const char *centre_code, const char *from,
	const char *to, json_t **out);

struct jury_member_in {
	const char *name;              /* "Prénom NOM", 1..200 */
	const char *email;             /* "" or an address (convocation by mail) */
	const char *role;              /* employer, union, tutor, training_body, evaluator */
	const char *branch;            /* metallurgy (default), temporary_work */
	const char *union_code;        /* role union: the mandating union */
	int branch_employee;           /* role union, metallurgy: employee of the branch (R-JUR-4) */
	int votes;                     /* voix délibérative */
	int president;                 /* designated by the centre (R-JUR-7) */
	const char *organisation;      /* annex 13: company, UIMM or union; "" = derived */
	const char *quality;           /* annex 13: « Qualité » */
	const char *account_login;     /* NULL/"": none; else a jury account of the centre */
};
/*
** While planned: adds a member; the composition with him must still hold
** what adding can break (R-JUR-3, R-JUR-4, R-JUR-6, one president, one
** voter per union). The full composition (a president, a voter per union
** that designated) is checked at the convocation and the opening.
** A change of composition bumps the revision (R-JUR-8).
*/
int svc_jury_member_add(struct svc *s, int64_t jury_id,
	const struct jury_member_in *m, int64_t *member_id);
int svc_jury_member_remove(struct svc *s, int64_t jury_id, int64_t member_id);

/* R-JUR-1: records the designation request to union_code (NULL: every
** representative union not yet asked) sent on sent_on (NULL: today). */
int svc_jury_request(struct svc *s, int64_t jury_id, const char *union_code,
	const char *sent_on);
/* R-JUR-8: records the notice of the current composition and calendar to
** the CPREFP, sent on sent_on (NULL: today). */
int svc_jury_notify_cprefp(struct svc *s, int64_t jury_id, const char *sent_on);

struct convoke_report {
	int convened;                  /* members convened by this call */
	int mailed;                    /* convocations that left by mail */
	int mail_failed;               /* mails refused by the SMTP server */
};
/* R-JUR-9: convenes member_id (0: every voting member not yet convened
** for the current date) on sent_on (NULL: today), ≥ 15 days before the
** jury; with SMTP configured, mails the convocation PDF to the member
** and a copy to the mandating union (after the commit: a mail failure
** loses nothing and is reported). */
int svc_jury_convoke(struct svc *s, int64_t jury_id, int64_t member_id,
	const char *sent_on, struct convoke_report *rep);

/* Candidates (R-JUR-2, R-INS-2) ----------------------------------------- */

/* The centre's registrations for the jury's certifications, each with
** "eligible" and, when not, "reason" (the refusal of
** jury_candidate_check): [{"registration_id","name","certification",
** "status","eligible","reason","examined"}]. Staff only. */
int svc_jury_eligible(struct svc *s, int64_t jury_id, json_t **out);
/* Adds or removes a candidate while planned; sets or clears the
** registration's next_jury. */
int svc_jury_candidate_add(struct svc *s, int64_t jury_id, int64_t registration_id);
int svc_jury_candidate_remove(struct svc *s, int64_t jury_id, int64_t registration_id);

/* The sitting (R-JUR-5, R-JUR-7, R-JUR-10, R-JUR-11) -------------------- */

/* Opens the sitting today with the members present (ids); refused with
** the reason when the jury cannot decide (parity, president absent,
** convocation or request missing or late). Draws the anonymous numbers
** if not drawn yet. */
int svc_jury_open(struct svc *s, int64_t jury_id, const int64_t *present,
	size_t npresent);
/* R-JUR-11 (1): the conformity of the evaluations was checked. */
int svc_jury_conformity(struct svc *s, int64_t jury_id);

struct decision_in {
	const char *verdict;           /* "A" or "NA", nothing else */
	int votes_for, votes_against, abstentions;
	const char *president_ballot;  /* for, against, abstain */
	const char *comment;           /* annex 14 « Commentaire », 0..1000 */
};
/* Records or replaces the provisional decision on candidate ref. */
int svc_jury_decide(struct svc *s, int64_t jury_id, const char *ref,
	const struct decision_in *d);
/* The president signs: decisions final, then in the same transaction the
** awards (svc_award_signed): certificates numbered, registrations closed
** admitted / not admitted, acquired units recorded, next_jury cleared. */
int svc_jury_sign(struct svc *s, int64_t jury_id);
/* After the signature: a new final decision with its motive, the old one
** kept superseded; certificates cancelled and issued accordingly. */
int svc_jury_correct(struct svc *s, int64_t jury_id, const char *ref,
	const struct decision_in *d, const char *motive);

/*
** The jury as one JSON document, the one source of the pages, the API,
** the CLI and the PDFs:
**
** {"id", "state", "state_label", "date", "place", "revision",
**  "centre": {"code","name","number","city","address","email","signatory",
**             "letterhead": bool, "signature": bool},
**  "certifications": [{"code","title","kind","level","rncp","cqpi": bool,
**                      "candidates": n}],
**  "notice_deadline": "YYYY-MM-DD",           (R-JUR-1, R-JUR-9)
**  "cprefp": {"due": bool, "revision", "sent_on"},   (R-JUR-8)
**  "unions": [{"code","name","requested_on","on_time": bool}],
**  "members": [{"id","name","email","role","role_label","side",
**               "side_label","branch","union" (code or null),
**               "votes": bool,"president": bool,"organisation","quality",
**               "login" (or null),"convened_on","convened": bool,
**               "present": bool}],
**  "president": {"id","name"} or null,
**  "parity": {"employer": n, "employee": n, "ok": bool, "message"},
**  "conformity_checked": bool, "opened_on", "signed_on",
**  "anonymous": bool,        true when names are withheld from this actor
**  "candidates": [{
**     "code": "C-007",       always; "" until the numbers are drawn
**     "registration_id",     absent when anonymous
**     "candidate_id",        absent when anonymous
**     "identity": {"first_names","birth_name","usage_name","name"
**                  ("Prénom NOM" as printed),"birth_date","birth_town",
**                  "birth_department","birth_country","address",
**                  "postal_code","city"},   absent when anonymous
**     "certification": {"code","title","kind"},
**     "route", "blocks": [registered block codes],
**     "origin": "SL"|"DE", "funding",
**     "company": {"name","address","siret","nace","sector","sector_branch"}
**                or null (a job seeker: no company columns, annex 14),
**     "status" (derived from the results), "status_label",
**     "units": [{"code","title","kind": "block"|"competence","state"}],
**     "decision": "A" | "NA" | null, "decision_state",
**     "votes": {"for","against","abstentions"}, "president_ballot",
**     "casting": bool, "revision", "decided_on", "comment",
**     "against_results": bool,
**     "history": [{"revision","verdict","state","decided_on",
**                  "superseded_on","motive","votes":{…}}],
**     "certificates": [{"number","display","kind","kind_label","annex",
**                       "state","unit_code","unit_title"}],
**     "letter": {"kind","rule","label","dated","to_company": bool,
**                "units_are_blocks": bool,"kept_until","keep_label",
**                "pieces": [4 strings] or []} or null (no final decision),
**     "acquired": [{"code","title"}]   blocks or competences acquired
**  }],
**  "gtp": {"due","status","status_label","sent_on","award_route",
**          "award_route_label","corrective": [{"id","text","state",
**          "state_label","sent_on","followed_on","follow_up"}]}}
*/
int svc_jury_doc(struct svc *s, int64_t jury_id, json_t **out);

/*
** What a jury member examines for one candidate (R-JUR-10, R-JUR-11): the
** candidate's file (svc_candidate_doc) of the registration examined,
** without identity, contact, documents or any name before the signature,
** with "code" — the synthesis, the company's opinion and, for a VAE, the
** validation commission's conclusions.
*/
int svc_jury_candidate_file(struct svc *s, int64_t jury_id, const char *ref,
	json_t **out);

/* Documents ------------------------------------------------------------- */

enum jury_doc {
	JDOC_REQUEST,        /* R-JUR-1 designation request to one union (arg: union code) */
	JDOC_CPREFP,         /* R-JUR-8 notice of composition and calendar */
	JDOC_CONVOCATION,    /* R-JUR-9 one member's convocation (arg: member id) */
	JDOC_ATTENDANCE,     /* annex 13 attendance sheet */
	JDOC_MINUTES,        /* annex 14 minutes */
	JDOC_GTP_LETTER,     /* annex 12 letter to the GTP */
	JDOC_LETTER,         /* R-LET-1..3 one candidate's letter (arg: ref) */
	JDOC_CERTIFICATES,   /* annexes 7–11 one candidate's certificates (arg: ref) */
	JDOC_SYNTHESES,      /* the syntheses, anonymous until the signature */
	JDOC__MAX
};
const char *jury_doc_code(enum jury_doc k);   /* "request", "cprefp", … */
const char *jury_doc_label(enum jury_doc k);  /* French */
int jury_doc_from_code(const char *code);     /* -1 if unknown */

/* Writes one document as PDF; *pages (may be NULL) its page count. */
int svc_jury_pdf(struct svc *s, int64_t jury_id, enum jury_doc kind,
	const char *arg, pdf_write_fn write, void *warg, int *pages);

/* The public address of the verification page printed in the QR codes
** of certificates ("https://certifications.example.fr"), set once at
** start-up (serve --public-url); unset, CQPM_PUBLIC_URL, else
** "http://127.0.0.1:8080". -1 when url is not an http(s) address. */
int svc_public_url_set(const char *url);
const char *svc_public_url(void);

/* Receives the bytes of a zip. */
typedef int (*svc_bytes_fn)(void *arg, const unsigned char *data, size_t len);
/*
** Every document of the jury in one zip (the minutes, attendance sheet,
** GTP letter, CPREFP notice, convocations, then per candidate the letter
** and the certificates), streamed; progress(arg, done, total) after each
** document. Staff only; after the signature for letters and
** certificates.
*/
int svc_jury_zip(struct svc *s, int64_t jury_id, svc_bytes_fn write, void *warg,
	svc_progress_fn progress, void *parg, int *files, int *pages);

/* Certificates (R-CER-1, R-CER-2) --------------------------------------- */

/*
** One certificate: {"number","display","kind","kind_label","annex",
** "state","state_label","issued_on","cancelled_on","duplicates",
** "last_duplicate_on","duplicate_mention","certification":{"code","title",
** "level","rncp","rncp_date"},"unit_code","unit_title","holder":{"name",
** "first_names","birth_name","birth_date","birth_town","birth_department"},
** "jury":{"id","date","place"},"centre":{"code","name","city",
** "signatory"},"president","verify_path"}. Staff of the centre, admin.
*/
int svc_certificate_get(struct svc *s, const char *number, json_t **out);
/* R-CER-1: a duplicate certified conform, same number; returns the
** certificate as svc_certificate_get with the duplicate's mention. */
int svc_certificate_duplicate(struct svc *s, const char *number, json_t **out);
/* The certificate as PDF (the original, or with the last duplicate's
** mention when dup). */
int svc_certificate_pdf(struct svc *s, const char *number, int dup,
	pdf_write_fn write, void *warg, int *pages);
/* The certificates of a candidate (staff): [certificate objects]. */
int svc_certificate_list(struct svc *s, int64_t candidate_id, json_t **out);

/*
** Public verification: anybody. typed is the number as typed or read from
** the QR code. *out = {"valid": true, "number","display","certification",
** "kind_label","holder" (as printed),"jury_date","centre","state"} for an
** issued certificate; {"valid": false} for anything else — malformed,
** unknown, cancelled is {"valid": false, "cancelled": true} — with the
** same work done either way. The caller applies the rate limit.
*/
int svc_certificate_verify(struct svc *s, const char *typed, json_t **out);

/* GTP (R-GTP-1, R-GTP-2) ------------------------------------------------ */

/* Every jury held (administrator: all; centre: its own) with its records'
** status: [{"jury_id","centre","date","due","status","status_label",
** "sent_on","overdue": bool,"corrective_open": n,"award_route"}], the
** overdue first. status "" for all, else a gtp_status code. */
int svc_gtp_list(struct svc *s, const char *status, json_t **out);
/* R-GTP-1: the centre records that the three records left on sent_on. */
int svc_gtp_transmit(struct svc *s, int64_t jury_id, const char *sent_on);
/* R-GTP-2, administrator: a corrective action on a jury's records. */
int svc_gtp_corrective(struct svc *s, int64_t jury_id, const char *text,
	const char *date, int64_t *id);
/* Its follow-up: state applied / not_applied, with a note. */
int svc_gtp_follow(struct svc *s, int64_t corrective_id, const char *state,
	const char *note, const char *date);
/* R-GTP-2: withdraws (restore = 0) or gives back the centre's capacity. */
int svc_gtp_capacity(struct svc *s, const char *centre_code, int restore,
	const char *date, const char *motive);
/* R-GTP-2: the GTP's provisional attribution of a withdrawn jury's
** awards: the certificates are issued then. */
int svc_gtp_attribute(struct svc *s, int64_t jury_id, const char *date);

#endif
