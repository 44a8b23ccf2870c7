/*
** What the award and GTP service tests share: a demo database with test
** referentials, and juries, candidates and final decisions written
** straight into the tables (the jury's services are tested on their own).
*/
#ifndef CQPM_TEST_AWARD_FX_H
#define CQPM_TEST_AWARD_FX_H
#include "fixture.h"
#include <stdint.h>

/* Today in these tests: 2 March 2026, noon UTC. */
#define AFX_NOW ((time_t)1772452800)
#define AFX_TODAY "2026-03-02"

/* A fresh demo database (centre UIMM-DEMO, national number 7; centre
** UIMM-EST without a number) with CQPM-R (RNCP, CQPI list; blocks
** RBC01 = C1 C2 and RBC02 = C3), CQPM-N (neither; blocks NBC01 = C1,
** NBC02 = C2) and CCPM-T (C1, C2). s acts as the administrator. */
struct store *afx_open(struct svc *s, const char *tag);
void afx_close(struct store *st);
/* Runs sql on st; 0 or -1 (told on stderr). */
int afx_exec(struct store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s acting as login, clock at AFX_NOW. */
void afx_as(struct svc *s, struct store *st, const char *login);
/* Registers name for cert (blocks "" = all) at centre; the registration. */
int64_t afx_reg(struct store *st, const char *centre, const char *name,
	const char *cert, const char *blocks);
/* The candidate of registration rid. */
int64_t afx_candidate(struct store *st, int64_t rid);
/* Records result ("acquired", "not_acquired") of competence for rid. */
void afx_result(struct store *st, int64_t rid, const char *competence, const char *result);
/* A jury id of centre held on date, in state ("planned", "signed"). */
void afx_jury(struct store *st, int64_t id, const char *centre, const char *date,
	const char *state);
/* A final decision id (verdict "A"/"NA") of jury on rid. */
void afx_decide(struct store *st, int64_t id, int64_t jury, int64_t rid, const char *verdict);
/* The signature's awards: one transaction around svc_award_signed; 0 or -1. */
int afx_award(struct svc *s, int64_t jury, const char *date);
/* Count of rows of a query "SELECT count(*) …". */
long afx_count(struct store *st, const char *sql);
/* The single text of a query into out. */
void afx_text(struct store *st, const char *sql, char *out, size_t n);

#endif
