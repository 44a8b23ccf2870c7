/*
** The audit chain (I/O-free part). Every change appends an event whose
** hash covers the previous event's hash and the event's own fields, so
** that altering or removing any event breaks every hash after it.
**
**   hash(n) = SHA-256( hash(n-1) | id | at | actor | action | object | detail )
** with '|' a 0x1f unit separator; hash(0) of the first event uses 64 '0'.
*/
#ifndef CQPM_AUDIT_H
#define CQPM_AUDIT_H
#include <stdint.h>

struct audit_event {
	int64_t id;
	const char *at;      /* UTC, ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" */
	const char *actor;   /* login, or "cli:<user>" */
	const char *action;  /* e.g. "user.add" */
	const char *object;  /* e.g. "user:dupont" */
	const char *detail;  /* JSON text, may be "" */
};

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Hex hash of ev chained after prev (64 hex chars) into out[65]. */
void audit_hash(const char *prev, const struct audit_event *ev, char out[65]);

#endif
