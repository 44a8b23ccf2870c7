/*
** What svc_jury.c and svc_sitting.c share: one jury loaded with its
** members, the representative unions and the requests, the actor's reach
** on it, and the few helpers of their edges.
*/
#ifndef CQPM_SVC_JURY_INT_H
#define CQPM_SVC_JURY_INT_H
#include "service/svc_jury.h"
#include "service/svc_int.h"
#include "core/jury.h"
#include "store/store_jury.h"

/* What an operation asks of the actor on a jury. */
enum jury_reach {
	JR_READ,      /* the staff of its centre, the admin, a member sitting on it */
	JR_MANAGE,    /* the staff of its centre, the admin */
	JR_PRESIDE,   /* the staff, the admin, or the president's own account */
};

struct jury_ctx {
	struct jury_row j;
	struct jury_session sess;
	struct jury_member_row *mr;   /* the members, by id */
	struct jury_member *m;        /* their core view (points into mr) */
	size_t n, cap;
	struct union_row *u;          /* representative unions, by code */
	const char **ucodes;
	size_t nu, ucap;
	struct union_request *req;    /* the requests sent (point into reqbuf) */
	char (*req_code)[40];
	char (*req_sent)[12];
	size_t nreq, reqcap;
	char today[DATE_LEN];
	char object[32];              /* "jury:ID" for the audit */
	int anonymous;                /* names withheld from the actor (R-JUR-10) */
};

/* Permission for reach (before anything is read); -1 with the result set. */
int jury_perm(struct svc *s, enum jury_reach reach);
/* Loads jury id with its members, unions and requests into c when the
** actor reaches it: "not found" exactly as for a missing jury otherwise.
** -1 with the result set. */
int jury_ctx_load(struct svc *s, int64_t id, enum jury_reach reach, struct jury_ctx *c);
void jury_ctx_release(struct jury_ctx *c);
/* Writes the jury's row back (updated_at now); -1 with the result set. */
int jury_ctx_save(struct svc *s, struct jury_ctx *c);
/* R-JUR-8: a change of kind ch bumps the revision when the CPREFP must be
** told again. */
void jury_ctx_changed(struct jury_ctx *c, enum jury_change ch);
/* The member of id in c, or NULL. */
struct jury_member_row *jury_ctx_member(struct jury_ctx *c, int64_t id);
/* svc_jury_doc with the one candidate ref ("C-007", or a registration id
** for whoever sees names) alone in "candidates", everything else as
** svc_jury_doc gives it: what one candidate's letter or certificates are
** drawn from, without the files of the others. "Not found" as
** svc_jury_decide for a ref that names nobody. */
int svc_jury_doc_one(struct svc *s, int64_t jury_id, const char *ref, json_t **out);
/* Clears the result before an operation. */
void jury_res_clear(struct svc *s);

#endif
