/*
** A growing byte buffer with a hard size cap (curl's dynbuf, git's strbuf).
**
** The contents are always NUL-terminated once anything was added, and
** buf_str() never returns NULL. Every append fails with -1, leaving the
** buffer unchanged, when it would grow beyond `max`; the failure is sticky
** in `overflow` so that a caller building a long text may check once at
** the end.
*/
#ifndef CQPM_BUF_H
#define CQPM_BUF_H
#include <stdarg.h>
#include <stddef.h>

#define BUF_DEFAULT_MAX ((size_t)64 << 20) /* 64 MiB */

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max;     /* 0 means BUF_DEFAULT_MAX */
	int overflow;   /* set once an append was refused */
};

#define BUF_INIT { NULL, 0, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);          /* frees; b may be reused after */
void buf_reset(struct buf *b);            /* len = 0, keeps memory */
char *buf_detach(struct buf *b);          /* caller frees; never NULL */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
const char *buf_str(const struct buf *b);
void buf_truncate(struct buf *b, size_t len);

#endif
