/*
** Typed store operations of the jury paritaire (R-JUR-1..12): the
** representative unions, what a centre prints on its documents, the
** juries with their certifications, members, requests, notices,
** candidates and decisions, and what the jury's document reads of the
** certificates and the GTP's corrective actions. Same conventions as
** store.h: lookups return 1, 0 or -1; writes 0, -1, STORE_CONFLICT or
** STORE_BUSY.
*/
#ifndef CQPM_STORE_JURY_H
#define CQPM_STORE_JURY_H
#include "store/store.h"
#include <stddef.h>
#include <stdint.h>

/* Unions --------------------------------------------------------------- */

struct union_row {
	char code[40];
	char name[808];
	char email[260];
	int representative;
	char updated_at[32];
};
int store_union_put(struct store *st, const struct union_row *u);
int store_union_get(struct store *st, const char *code, struct union_row *out);
typedef int (*union_fn)(void *arg, const struct union_row *u);
/* By code; only_representative: the representative ones only. */
int store_union_list(struct store *st, int only_representative, union_fn fn, void *arg);

/* What a centre prints ---------------------------------------------------- */

struct centre_docs_row {
	int64_t centre_id;
	int number;                /* 0 when none */
	char city[808];
	char signatory[808];
	int has_letterhead, has_signature;
};
int store_centre_docs_get(struct store *st, int64_t centre_id, struct centre_docs_row *out);
/* Sets number (0: none), city, signatory; an image NULL keeps the stored one. */
int store_centre_docs_put(struct store *st, const struct centre_docs_row *d,
	const unsigned char *letterhead, size_t letterhead_len,
	const unsigned char *signature, size_t signature_len);
/* which: "letterhead" or "signature"; *png malloc'ed (NULL, 0 when none).
** 1 found (the centre), 0 not, -1 error. */
int store_centre_image(struct store *st, int64_t centre_id, const char *which,
	unsigned char **png, size_t *len);

/* Juries --------------------------------------------------------------- */

struct jury_row {
	int64_t id, centre_id;
	char centre_code[40];
	char centre_name[800];
	char date[12];
	char place[808];
	char state[16];
	int conformity_checked;
	char opened_on[12], signed_on[12];
	int revision, notice_revision;
	char notice_sent_on[12];
	int64_t anon_seed;
	char gtp_sent_on[12], gtp_attributed_on[12];
	char created_at[32], created_by[80], updated_at[32];
	/* lists only */
	int candidates, members;
	char certifications[800];  /* codes separated by spaces */
};
int store_jury_insert(struct store *st, const struct jury_row *j, int64_t *id);
int store_jury_get(struct store *st, int64_t id, struct jury_row *out);
/* Writes date, place, state, conformity, opened_on, signed_on, revision,
** notice_revision, notice_sent_on, updated_at of j->id. */
int store_jury_update(struct store *st, const struct jury_row *j);
typedef int (*jury_fn)(void *arg, const struct jury_row *j);
/* By date: centre_id 0 every centre; account_id non-zero: only the
** juries where that account sits; from/to "" for no bound. */
int store_jury_list(struct store *st, int64_t centre_id, int64_t account_id,
	const char *from, const char *to, jury_fn fn, void *arg);
/* 1 if account_id is tied to a member of jury_id, 0 if not, -1 error. */
int store_jury_sits(struct store *st, int64_t jury_id, int64_t account_id);

/* The certifications examined. */
struct jury_cert_row {
	int64_t certification_id;
	char code[48], kind[16], title[400], level[24], rncp[24];
	int version;
	int candidates;
};
int store_jury_cert_add(struct store *st, int64_t jury_id, int64_t cert_id);
int store_jury_cert_remove(struct store *st, int64_t jury_id, int64_t cert_id);
typedef int (*jury_cert_fn)(void *arg, const struct jury_cert_row *c);
int store_jury_certs(struct store *st, int64_t jury_id, jury_cert_fn fn, void *arg);

/* Members. */
struct jury_member_row {
	int64_t id, jury_id;
	char name[808], email[260];
	char role[16], branch[16], union_code[40];
	int branch_employee, votes, president;
	char organisation[808], quality[808];
	int64_t account_id;
	char login[72];            /* of account_id, "" when none */
	char convened_on[12];
	int present;
	char added_at[32];
};
int store_jury_member_insert(struct store *st, const struct jury_member_row *m, int64_t *id);
int store_jury_member_delete(struct store *st, int64_t jury_id, int64_t member_id);
typedef int (*jury_member_fn)(void *arg, const struct jury_member_row *m);
/* In the order of their addition. */
int store_jury_members(struct store *st, int64_t jury_id, jury_member_fn fn, void *arg);
int store_jury_member_convene(struct store *st, int64_t member_id, const char *date);
/* R-JUR-9: every convocation of the jury void (it moved). */
int store_jury_members_unconvene(struct store *st, int64_t jury_id);
/* Attendance: present the members whose ids are in the JSON array ids. */
int store_jury_attendance(struct store *st, int64_t jury_id, const char *ids_json);

/* Requests and notices. */
int store_jury_request_put(struct store *st, int64_t jury_id, const char *union_code,
	const char *sent_on);
int store_jury_request_delete(struct store *st, int64_t jury_id, const char *union_code);
typedef int (*jury_request_fn)(void *arg, const char *union_code, const char *sent_on);
int store_jury_requests(struct store *st, int64_t jury_id, jury_request_fn fn, void *arg);

struct jury_notice_row {
	int64_t jury_id;
	const char *kind;          /* cprefp, convocation, request */
	int revision;
	int64_t member_id;         /* 0 when none */
	const char *union_code, *recipient, *sent_on, *mail, *created_at, *created_by;
};
int store_jury_notice_insert(struct store *st, const struct jury_notice_row *n, int64_t *id);
/* Marks the mail of the last convocation of member_id to jury_id: "sent"
** or "failed" (outside any transaction: the convocation is recorded). */
int store_jury_notice_mail(struct store *st, int64_t jury_id, int64_t member_id,
	const char *mail);

/* A member removed: his notices no longer point to him. */
int store_jury_notice_detach(struct store *st, int64_t member_id);

/* Candidates. */
int store_jury_candidate_add(struct store *st, int64_t jury_id, int64_t registration_id,
	const char *at);
int store_jury_candidate_remove(struct store *st, int64_t jury_id, int64_t registration_id);
/* The jury not yet signed a registration is a candidate of: 1 with
** *jury_id (the newest), 0 none, -1 error. */
int store_jury_of_registration(struct store *st, int64_t registration_id, int64_t *jury_id);
typedef int (*jury_reg_fn)(void *arg, const struct reg_row *r, int anon_number);
/* The candidates' registrations by registration id, with their numbers. */
int store_jury_candidates(struct store *st, int64_t jury_id, jury_reg_fn fn, void *arg);
int store_jury_candidate_number(struct store *st, int64_t jury_id,
	int64_t registration_id, int number);
/* The centre's active registrations for the jury's certifications, by id;
** anon_number is 1 when the registration is examined by this jury, else 0. */
int store_jury_eligible(struct store *st, int64_t jury_id, int64_t centre_id,
	jury_reg_fn fn, void *arg);
/* registration.next_jury ("" clears it). */
int store_reg_set_next_jury(struct store *st, int64_t registration_id, const char *date,
	const char *at);
/* next_jury of every candidate of the jury. */
int store_jury_candidates_next(struct store *st, int64_t jury_id, const char *date,
	const char *at);

/* Decisions. */
struct decision_row {
	int64_t id, jury_id, registration_id;
	int revision;
	char state[16], verdict[4];
	int votes_for, votes_against, abstentions;
	char president_ballot[12];
	int casting;
	char comment[4096], motive[4096];
	char decided_on[12], superseded_on[12];
	char decided_by[80], recorded_at[32];
};
/* The current (provisional or final) decision on a candidate. */
int store_decision_current(struct store *st, int64_t jury_id, int64_t registration_id,
	struct decision_row *out);
int store_decision_insert(struct store *st, const struct decision_row *d, int64_t *id);
/* Replaces a provisional decision's verdict, votes, comment, date, author. */
int store_decision_replace(struct store *st, const struct decision_row *d);
int store_decision_supersede(struct store *st, int64_t id, const char *date);
/* Every provisional decision of the jury final. */
int store_decisions_finalize(struct store *st, int64_t jury_id);
typedef int (*decision_fn)(void *arg, const struct decision_row *d);
/* Every revision, by registration then revision. */
int store_decisions_of_jury(struct store *st, int64_t jury_id, decision_fn fn, void *arg);

/* What the jury's document reads of the award and the GTP. */
struct jury_certificate_row {
	int64_t registration_id;
	char number[20], kind[8], state[12];
	char unit_code[48], unit_title[400];
};
typedef int (*jury_certificate_fn)(void *arg, const struct jury_certificate_row *c);
int store_jury_certificates(struct store *st, int64_t jury_id, jury_certificate_fn fn, void *arg);

struct jury_corrective_row {
	int64_t id;
	char text[8192], state[16], sent_on[12], followed_on[12], follow_up[4096];
};
typedef int (*jury_corrective_fn)(void *arg, const struct jury_corrective_row *c);
int store_jury_correctives(struct store *st, int64_t jury_id, jury_corrective_fn fn, void *arg);


#endif
