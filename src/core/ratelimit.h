/*
** A rate limiter for public pages anybody may call, first the public
** verification of a certificate (whoever types numbers in turn must be
** slowed down). Two limits: one per client address (e.g. 10 requests a
** minute, 5 at once), and one for all clients together (whoever has many
** addresses is still bounded).
**
** Each limit is a token bucket kept as one number, GCRA style (the
** "theoretical arrival time" of the next request): a request is allowed
** when the bucket holds a token, i.e. when tat - now <= (burst - 1) *
** interval, and then tat = max(tat, now) + interval, where interval =
** period / rate. Integer arithmetic in microseconds, exact.
**
** No I/O, no clock: the caller passes the time (milliseconds of a
** monotonic clock). No allocation per request: the table of addresses is
** allocated once by rl_init, RL_WAYS-way set-associative; a new address
** takes a free slot of its set, else one whose bucket is full again
** (forgetting it loses nothing), else the one seen least recently
** (forgetting it gives that address a fresh burst: the global limit
** bounds what this can win). The slot of an address is chosen by SipHash
** keyed by the caller's random seed, so that nobody can aim addresses at
** one set.
**
** Keys are bytes (the client address as text: IPv6 needs up to 45);
** longer keys than RL_KEY_MAX are replaced by their BLAKE2b digest, so
** any length is accepted and kept in fixed room. The empty key (and a
** NULL one) is one key like the others: clients of unknown address share it.
**
** Not thread-safe: the caller serialises rl_check (the web server holds
** a mutex around it).
*/
#ifndef CQPM_RATELIMIT_H
#define CQPM_RATELIMIT_H
#include <stddef.h>
#include <stdint.h>

#define RL_KEY_MAX 48
#define RL_WAYS 8
#define RL_SEED_LEN 16
#define RL_SLOTS_MAX (1u << 22)

struct rl_limit {
	uint32_t rate;        /* requests per period, 1 .. 1 000 000 */
	uint32_t period_ms;   /* 1 .. 86 400 000 (a day) */
	uint32_t burst;       /* requests allowed at once, 1 .. 1 000 000 */
};

/* The defaults of the public verification page: 10 a minute and 5 at
** once per address; 600 a minute and 100 at once for all. */
#define RL_PER_ADDRESS_DEFAULT { 10, 60000, 5 }
#define RL_GLOBAL_DEFAULT { 600, 60000, 100 }

struct rl_slot {
	int64_t tat;          /* µs; 0 with len 0: free */
	int64_t seen;         /* µs of the last request */
	uint8_t len;          /* bytes of key used; 0 = free */
	uint8_t digest;       /* 1: key holds the digest of a longer key */
	uint8_t key[RL_KEY_MAX];
};

struct ratelimit {
	int64_t key_interval, key_tolerance;   /* µs */
	int64_t all_interval, all_tolerance;
	int64_t all_tat;
	struct rl_slot *slots;
	size_t nsets;
	unsigned char seed[RL_SEED_LEN];
	uint64_t evictions;   /* slots taken from another address */
};

enum rl_verdict {
	RL_ALLOW,
	RL_DENY_ADDRESS,      /* this address asked too often */
	RL_DENY_GLOBAL,       /* everybody together asked too often */
};

/* Prepares rl for about `slots` addresses (rounded up to a multiple of
** RL_WAYS, at most RL_SLOTS_MAX) with the two limits and the seed of its
** hash (random bytes, e.g. randombytes_buf). 0, or -1 when a limit is
** out of range or memory is short (nothing allocated). */
int rl_init(struct ratelimit *rl, size_t slots, const struct rl_limit *per_address,
	const struct rl_limit *global, const unsigned char seed[RL_SEED_LEN]);
void rl_release(struct ratelimit *rl);

/* Counts one request of key (len bytes) at now_ms (monotonic; a clock
** going back gives nothing). RL_ALLOW consumes a token of both buckets;
** a refusal consumes none, and sets *retry_ms (if not NULL) to the
** milliseconds after which the same request would be allowed, at least 1
** (for a Retry-After header, in seconds rounded up). */
enum rl_verdict rl_check(struct ratelimit *rl, const void *key, size_t len, int64_t now_ms,
	int64_t *retry_ms);

/* The slots in use (for tests and monitoring). */
size_t rl_used(const struct ratelimit *rl);

#endif
