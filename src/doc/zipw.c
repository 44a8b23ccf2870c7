/*
** The streaming zip writer: see zipw.h. The format is PKWARE's
** APPNOTE.TXT: per entry a local file header, the data, a data
** descriptor; at the end the central directory (one header per entry,
** kept in memory: about 50 bytes and the name per entry) and its end
** record.
*/
#include "doc/zipw.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define SIG_LOCAL   0x04034b50UL
#define SIG_DESC    0x08074b50UL
#define SIG_CENTRAL 0x02014b50UL
#define SIG_END     0x06054b50UL
#define FLAGS       (0x0008 | 0x0800)   /* data descriptor, UTF-8 names */
#define VERSION     20                  /* 2.0: enough for stored entries */
#define LIMIT       0xFFFFFFFFULL       /* no ZIP64 */

struct entry {
	char *name;
	uint32_t crc, size, offset;
};

struct zipw {
	zipw_write_fn write;
	void *arg;
	int failed, open;
	uint16_t dos_time, dos_date;
	uint64_t at;               /* bytes written */
	struct entry *e;
	size_t n, cap;
	uint64_t cur_size;         /* the open entry's */
	uint32_t cur_crc;
};

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8 & 0xff);
}

static void put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v & 0xffff));
	put16(p + 2, (unsigned)(v >> 16 & 0xffff));
}

static int out(struct zipw *z, const void *p, size_t n)
{
	if (z->failed)
		return -1;
	if (z->at + n > LIMIT || (n && z->write(z->arg, p, n))) {
		z->failed = 1;
		return -1;
	}
	z->at += n;
	return 0;
}

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

struct zipw *zipw_open(zipw_write_fn write, void *arg, const char *ts)
{
	struct zipw *z;
	int y = 1980, mo = 1, d = 1, h = 0, mi = 0, s = 0;

	if (!write)
		return NULL;
	z = xcalloc(1, sizeof *z);
	z->write = write;
	z->arg = arg;
	if (ts && strlen(ts) >= 19 && ts[4] == '-' && ts[7] == '-' && ts[10] == 'T' &&
	    ts[13] == ':' && ts[16] == ':') {
		int ty, tmo, td, th, tmi, tsec;
		if (!digits(ts, 4, &ty) && !digits(ts + 5, 2, &tmo) && !digits(ts + 8, 2, &td) &&
		    !digits(ts + 11, 2, &th) && !digits(ts + 14, 2, &tmi) && !digits(ts + 17, 2, &tsec) &&
		    ty >= 1980 && ty <= 2107 && tmo >= 1 && tmo <= 12 && td >= 1 && td <= 31 &&
		    th < 24 && tmi < 60 && tsec < 60) {
			y = ty; mo = tmo; d = td; h = th; mi = tmi; s = tsec;
		}
	}
	z->dos_date = (uint16_t)((y - 1980) << 9 | mo << 5 | d);
	z->dos_time = (uint16_t)(h << 11 | mi << 5 | s / 2);
	return z;
}

const char *zipw_name_check(const char *name)
{
	size_t n = name ? strlen(name) : 0, i = 0;
	const unsigned char *s = (const unsigned char *)name;

	if (!n || n > ZIPW_NAME_MAX)
		return "Archive : nom de fichier vide ou trop long (255 octets au plus).";
	if (name[0] == '/')
		return "Archive : un nom de fichier ne commence pas par « / ».";
	while (i < n) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3 :
			(s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n)
			return "Archive : nom de fichier en UTF-8 invalide.";
		if (len == 1 && (s[i] < 0x20 || s[i] == 0x7f || s[i] == '\\'))
			return "Archive : caractère interdit dans un nom de fichier.";
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return "Archive : nom de fichier en UTF-8 invalide.";
		i += len;
	}
	/* no ".." part: the archive never writes outside its folder */
	for (i = 0; i < n; i++) {
		if ((i == 0 || name[i - 1] == '/') && name[i] == '.' && name[i + 1] == '.' &&
		    (name[i + 2] == '/' || !name[i + 2]))
			return "Archive : « .. » interdit dans un nom de fichier.";
	}
	return NULL;
}

int zipw_begin(struct zipw *z, const char *name)
{
	unsigned char h[30];
	size_t n;

	if (!z || z->failed)
		return -1;
	if (z->open || zipw_name_check(name) || z->n >= ZIPW_MAX_ENTRIES) {
		z->failed = 1;
		return -1;
	}
	n = strlen(name);
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 64;
		z->e = xrealloc(z->e, z->cap * sizeof *z->e);
	}
	z->e[z->n].name = xstrdup(name);
	z->e[z->n].offset = (uint32_t)z->at;
	z->e[z->n].crc = 0;
	z->e[z->n].size = 0;
	z->n++;
	put32(h, SIG_LOCAL);
	put16(h + 4, VERSION);
	put16(h + 6, FLAGS);
	put16(h + 8, 0);                 /* stored */
	put16(h + 10, z->dos_time);
	put16(h + 12, z->dos_date);
	put32(h + 14, 0);                /* crc and sizes: in the descriptor */
	put32(h + 18, 0);
	put32(h + 22, 0);
	put16(h + 26, (unsigned)n);
	put16(h + 28, 0);
	if (out(z, h, sizeof h) || out(z, name, n))
		return -1;
	z->open = 1;
	z->cur_size = 0;
	z->cur_crc = (uint32_t)crc32(0L, Z_NULL, 0);
	return 0;
}

int zipw_data(void *arg, const unsigned char *data, size_t len)
{
	struct zipw *z = arg;
	if (!z || z->failed || !z->open) {
		if (z)
			z->failed = 1;
		return -1;
	}
	if (out(z, data, len))
		return -1;
	z->cur_size += len;
	/* crc32 takes an unsigned int length */
	while (len) {
		unsigned chunk = len > 0x40000000U ? 0x40000000U : (unsigned)len;
		z->cur_crc = (uint32_t)crc32(z->cur_crc, data, chunk);
		data += chunk;
		len -= chunk;
	}
	return 0;
}

int zipw_end(struct zipw *z)
{
	unsigned char d[16];
	struct entry *e;

	if (!z || z->failed || !z->open) {
		if (z)
			z->failed = 1;
		return -1;
	}
	e = &z->e[z->n - 1];
	e->crc = z->cur_crc;
	e->size = (uint32_t)z->cur_size;
	z->open = 0;
	put32(d, SIG_DESC);
	put32(d + 4, e->crc);
	put32(d + 8, e->size);
	put32(d + 12, e->size);
	return out(z, d, sizeof d);
}

int zipw_add(struct zipw *z, const char *name, const void *data, size_t len)
{
	if (zipw_begin(z, name) || zipw_data(z, data, len))
		return -1;
	return zipw_end(z);
}

size_t zipw_entries(const struct zipw *z)
{
	return z ? z->n : 0;
}

uint64_t zipw_bytes(const struct zipw *z)
{
	return z ? z->at : 0;
}

static void zipw_free(struct zipw *z)
{
	for (size_t i = 0; i < z->n; i++)
		free(z->e[i].name);
	free(z->e);
	free(z);
}

void zipw_abort(struct zipw *z)
{
	if (z)
		zipw_free(z);
}

int zipw_close(struct zipw *z)
{
	unsigned char h[46], end[22];
	uint64_t start;
	int failed;

	if (!z)
		return -1;
	if (z->open)
		zipw_end(z);
	start = z->at;
	for (size_t i = 0; i < z->n && !z->failed; i++) {
		const struct entry *e = &z->e[i];
		size_t n = strlen(e->name);
		put32(h, SIG_CENTRAL);
		put16(h + 4, VERSION);           /* made by: MS-DOS attributes, 2.0 */
		put16(h + 6, VERSION);
		put16(h + 8, FLAGS);
		put16(h + 10, 0);
		put16(h + 12, z->dos_time);
		put16(h + 14, z->dos_date);
		put32(h + 16, e->crc);
		put32(h + 20, e->size);
		put32(h + 24, e->size);
		put16(h + 28, (unsigned)n);
		put16(h + 30, 0);                /* extra */
		put16(h + 32, 0);                /* comment */
		put16(h + 34, 0);                /* disk */
		put16(h + 36, 0);                /* internal attributes */
		put32(h + 38, 0);                /* external attributes */
		put32(h + 42, e->offset);
		if (out(z, h, sizeof h) || out(z, e->name, n))
			break;
	}
	put32(end, SIG_END);
	put16(end + 4, 0);
	put16(end + 6, 0);
	put16(end + 8, (unsigned)z->n);
	put16(end + 10, (unsigned)z->n);
	put32(end + 12, (unsigned long)(z->at - start));
	put32(end + 16, (unsigned long)start);
	put16(end + 20, 0);
	out(z, end, sizeof end);
	failed = z->failed;
	zipw_free(z);
	return failed ? -1 : 0;
}
