/*
** A small per-thread cache of rendered bytes (JSON objects and page
** bodies of the public catalogue), keyed by a string and valid for one
** catalogue generation: any change to the catalogue bumps the generation
** (svc_cat_generation) and every entry rendered before becomes stale.
**
** Entries are owned by the worker thread that made them and freed when it
** exits. wcache_get() returns NULL on a miss; the returned bytes stay valid
** until the next wcache_put() of the same thread.
*/
#ifndef CQPM_WCACHE_H
#define CQPM_WCACHE_H
#include <stddef.h>
#include <stdint.h>

#define WCACHE_SLOTS 128
#define WCACHE_MAX_ITEM ((size_t)1 << 20) /* larger renders are not kept */

struct wcache_hit {
	const char *data;
	size_t len;
	int aux;          /* a small value stored with the bytes */
};

int wcache_get(const char *key, int64_t generation, struct wcache_hit *hit);
void wcache_put(const char *key, int64_t generation, const char *data,
	size_t len, int aux);

#endif
