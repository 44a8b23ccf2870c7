/*
** Per-thread cache of rendered bytes (see cache.h). Direct-mapped: a key
** hashes to one slot, and a new entry replaces the old one there.
*/
#include "web/cache.h"
#include "util/xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key;
	int64_t gen;
	char *data;
	size_t len;
	int aux;
};

static pthread_key_t key_slots;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void free_slots(void *p)
{
	struct slot *s = p;
	for (int i = 0; i < WCACHE_SLOTS; i++) {
		free(s[i].key);
		free(s[i].data);
	}
	free(s);
}

static void make_key(void)
{
	pthread_key_create(&key_slots, free_slots);
}

static struct slot *slots(void)
{
	struct slot *s;
	pthread_once(&once, make_key);
	s = pthread_getspecific(key_slots);
	if (!s) {
		s = xcalloc(WCACHE_SLOTS, sizeof *s);
		pthread_setspecific(key_slots, s);
	}
	return s;
}

/* FNV-1a */
static unsigned hash(const char *k)
{
	unsigned h = 2166136261u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h % WCACHE_SLOTS;
}

int wcache_get(const char *key, int64_t generation, struct wcache_hit *hit)
{
	struct slot *s = &slots()[hash(key)];
	if (!s->key || s->gen != generation || strcmp(s->key, key))
		return 0;
	hit->data = s->data;
	hit->len = s->len;
	hit->aux = s->aux;
	return 1;
}

void wcache_put(const char *key, int64_t generation, const char *data,
	size_t len, int aux)
{
	struct slot *s;
	if (len > WCACHE_MAX_ITEM || generation < 0)
		return;
	s = &slots()[hash(key)];
	free(s->key);
	free(s->data);
	s->key = xstrdup(key);
	s->data = xmalloc(len ? len : 1);
	memcpy(s->data, data, len);
	s->len = len;
	s->gen = generation;
	s->aux = aux;
}
