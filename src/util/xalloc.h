/*
** Allocation wrappers. Out of memory is not a condition cqpm can recover
** from in a meaningful way, so these abort with a message instead of
** making every caller check for NULL (curl/git style: one place decides).
*/
#ifndef CQPM_XALLOC_H
#define CQPM_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);              /* never returns NULL */
void *xcalloc(size_t nmemb, size_t n);/* zeroed; never returns NULL */
void *xrealloc(void *p, size_t n);    /* never returns NULL */
char *xstrdup(const char *s);         /* s may be NULL: returns NULL */
char *xstrndup(const char *s, size_t n);

#endif
