/*
** Rate limiter: GCRA buckets per address and global (see ratelimit.h).
*/
#include "core/ratelimit.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define NOW_MAX_MS ((int64_t)9000000000000000) /* µs stay far from overflow */

/* interval and tolerance in µs of a valid limit; -1 if out of range */
static int limit_us(const struct rl_limit *l, int64_t *interval, int64_t *tolerance)
{
	int64_t period;

	if (!l || l->rate < 1 || l->rate > 1000000 || l->period_ms < 1 ||
	    l->period_ms > 86400000u || l->burst < 1 || l->burst > 1000000)
		return -1;
	period = (int64_t)l->period_ms * 1000;
	if (period < (int64_t)l->rate)
		return -1;   /* under a microsecond between requests */
	*interval = period / l->rate;
	*tolerance = (int64_t)(l->burst - 1) * *interval;
	return 0;
}

int rl_init(struct ratelimit *rl, size_t slots, const struct rl_limit *per_address,
	const struct rl_limit *global, const unsigned char seed[RL_SEED_LEN])
{
	memset(rl, 0, sizeof *rl);
	if (limit_us(per_address, &rl->key_interval, &rl->key_tolerance) ||
	    limit_us(global, &rl->all_interval, &rl->all_tolerance) || !seed)
		return -1;
	if (slots < RL_WAYS)
		slots = RL_WAYS;
	if (slots > RL_SLOTS_MAX)
		slots = RL_SLOTS_MAX;
	rl->nsets = (slots + RL_WAYS - 1) / RL_WAYS;
	rl->slots = calloc(rl->nsets * RL_WAYS, sizeof *rl->slots);
	if (!rl->slots) {
		rl->nsets = 0;
		return -1;
	}
	memcpy(rl->seed, seed, RL_SEED_LEN);
	return 0;
}

void rl_release(struct ratelimit *rl)
{
	free(rl->slots);
	sodium_memzero(rl, sizeof *rl);
}

/* the slot of key, found or taken from another address */
static struct rl_slot *slot_for(struct ratelimit *rl, const uint8_t *key, uint8_t len,
	uint8_t digest, int64_t now)
{
	unsigned char h[crypto_shorthash_BYTES];
	uint64_t v = 0;
	struct rl_slot *set, *victim = NULL, *s;
	size_t i;

	crypto_shorthash(h, key, len, rl->seed);
	for (i = 0; i < sizeof h; i++)
		v = v << 8 | h[i];
	set = rl->slots + (size_t)(v % rl->nsets) * RL_WAYS;
	for (i = 0; i < RL_WAYS; i++) {
		s = &set[i];
		if (s->len == len && s->digest == digest && !memcmp(s->key, key, len))
			return s;
	}
	/* a free slot; else one whose bucket is full again; else the least
	** recently seen */
	for (i = 0; i < RL_WAYS && !victim; i++)
		if (!set[i].len)
			victim = &set[i];
	for (i = 0; i < RL_WAYS && !victim; i++)
		if (set[i].tat <= now)
			victim = &set[i];
	if (!victim) {
		victim = &set[0];
		for (i = 1; i < RL_WAYS; i++)
			if (set[i].seen < victim->seen)
				victim = &set[i];
	}
	if (victim->len)
		rl->evictions++;
	memset(victim, 0, sizeof *victim);
	memcpy(victim->key, key, len);
	victim->len = len;
	victim->digest = digest;
	victim->tat = now;   /* a full bucket */
	return victim;
}

static int64_t retry(int64_t us)
{
	int64_t ms = (us + 999) / 1000;
	return ms < 1 ? 1 : ms;
}

enum rl_verdict rl_check(struct ratelimit *rl, const void *key, size_t len, int64_t now_ms,
	int64_t *retry_ms)
{
	uint8_t k[RL_KEY_MAX], digest = 0;
	struct rl_slot *s;
	int64_t now, tat, all;

	if (retry_ms)
		*retry_ms = 0;
	if (now_ms < 0)
		now_ms = 0;
	if (now_ms > NOW_MAX_MS / 1000)
		now_ms = NOW_MAX_MS / 1000;
	now = now_ms * 1000;
	if (!key)
		len = 0;
	if (len > RL_KEY_MAX) {
		crypto_generichash(k, 32, key, len, NULL, 0);
		len = 32;
		digest = 1;
	} else if (len) {
		memcpy(k, key, len);
	}
	/* the empty key (no address known) is one key like another; len 0
	** marks a free slot, so it is kept as one byte with digest 2 */
	if (!len) {
		k[0] = 0;
		len = 1;
		digest = 2;
	}
	s = slot_for(rl, k, (uint8_t)len, digest, now);
	if (s->seen < now)
		s->seen = now;

	tat = s->tat > now ? s->tat : now;
	if (tat - now > rl->key_tolerance) {
		if (retry_ms)
			*retry_ms = retry(tat - rl->key_tolerance - now);
		return RL_DENY_ADDRESS;
	}
	all = rl->all_tat > now ? rl->all_tat : now;
	if (all - now > rl->all_tolerance) {
		if (retry_ms)
			*retry_ms = retry(all - rl->all_tolerance - now);
		return RL_DENY_GLOBAL;
	}
	s->tat = tat + rl->key_interval;
	rl->all_tat = all + rl->all_interval;
	return RL_ALLOW;
}

size_t rl_used(const struct ratelimit *rl)
{
	size_t i, n = 0;
	for (i = 0; i < rl->nsets * RL_WAYS; i++)
		n += rl->slots[i].len != 0;
	return n;
}
