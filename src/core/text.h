/*
** Text helpers for the core: UTF-8 validation, trimming, and folding for
** search (lower case, French accents removed). Pure functions, no I/O.
*/
#ifndef CQPM_TEXT_H
#define CQPM_TEXT_H
#include <stddef.h>
#include "util/buf.h"

/* 1 if s[0..n) is well-formed UTF-8 without NUL nor C0 controls other than
** tab, LF and CR; 0 otherwise. */
int utf8_valid(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

/* Appends to out the search form of s: lower case, accents of Latin
** letters removed (é → e, œ → oe), runs of spaces and punctuation folded
** to one space. Returns -1 when out's cap is reached. */
int text_fold(struct buf *out, const char *s);

/* Returns a newly allocated copy of s without leading/trailing white space. */
char *text_trim_dup(const char *s);

#endif
