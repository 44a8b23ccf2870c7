/*
** Hash chain of the audit log (see audit.h).
*/
#include "core/audit.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void part(crypto_hash_sha256_state *st, const char *s)
{
	static const unsigned char sep = 0x1f;
	if (s)
		crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, &sep, 1);
}

void audit_hash(const char *prev, const struct audit_event *ev, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	crypto_hash_sha256_init(&st);
	part(&st, prev);
	part(&st, id);
	part(&st, ev->at);
	part(&st, ev->actor);
	part(&st, ev->action);
	part(&st, ev->object);
	part(&st, ev->detail);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}
