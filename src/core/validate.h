/*
** Field validators shared by every front end (web forms, JSON API, CLI).
** Each returns NULL when the value is acceptable, or a French message
** (static string) saying what is wrong; the caller names the field.
*/
#ifndef CQPM_VALIDATE_H
#define CQPM_VALIDATE_H
#include <stddef.h>

#define LOGIN_MAX 64
#define NAME_MAX_CHARS 200
#define PASSWORD_MIN 10
#define PASSWORD_MAX 256
#define CENTRE_CODE_MAX 32
#define EMAIL_MAX 254

/* Any text: valid UTF-8, no control characters, 1..max characters
** (0 allowed when optional). */
const char *v_text(const char *s, size_t max, int optional);

/* Login: 3..64 of a-z 0-9 . _ - starting with a letter. */
const char *v_login(const char *s);

/* Password: PASSWORD_MIN..PASSWORD_MAX bytes, UTF-8. */
const char *v_password(const char *s);

/* Centre code: 2..32 of A-Z 0-9 - */
const char *v_centre_code(const char *s);

/* E-mail: optional; one @, no spaces, a dot in the domain. */
const char *v_email(const char *s);

/* ISO date YYYY-MM-DD that exists in the calendar. */
const char *v_date(const char *s);

/* A whole number written in decimal digits only, within [min, max];
** -1 when s is not one (empty, signs, letters, out of range). */
long parse_count(const char *s, long min, long max);

/* 1 if y-m-d is a real calendar date. */
int date_valid(int y, int m, int d);

#endif
