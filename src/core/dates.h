/*
** Calendar arithmetic for the rules (I/O-free, no clock: "today" is
** always an argument). Dates are ISO strings "YYYY-MM-DD" that exist in
** the proleptic Gregorian calendar between 1900 and 2200 (date_valid() of
** validate.h); a day number counts days from 1970-01-01 (day 0).
**
** Adding months or years keeps the day of the month; when the target
** month is shorter, the result is that month's last day. So
** 2024-02-29 + 5 years = 2029-02-28 and 2024-01-31 + 1 month =
** 2024-02-29. This is how French law counts a time limit expressed in
** months or years (Code de procédure civile, art. 641: the limit ends on
** the day of the last month that bears the same number as the starting
** day, or, failing that, on the last day of that month); the limit runs
** until the end of that day included (art. 642).
*/
#ifndef CQPM_DATES_H
#define CQPM_DATES_H

#define DATE_LEN 11   /* "YYYY-MM-DD" and its NUL */

/* Parses an ISO date into y, m, d (any may be NULL). Returns 0, or -1 if
** iso is NULL, malformed or not a calendar date. */
int date_parse(const char *iso, int *y, int *m, int *d);

/* 1 if iso is a valid ISO date, 0 otherwise. */
int date_ok(const char *iso);

/* Number of days of month m (1..12) of year y. */
int date_month_days(int y, int m);

/* Day number of iso into *days. Returns 0, or -1 if iso is not valid. */
int date_to_days(const char *iso, long *days);

/* ISO form of a day number into out. Returns 0, or -1 (out = "") when the
** day lies outside 1900..2200. */
int date_from_days(long days, char out[DATE_LEN]);

/* out = iso + n days (n may be negative). Returns 0, or -1 on an invalid
** input or a result outside 1900..2200. */
int date_add_days(const char *iso, long n, char out[DATE_LEN]);

/* out = iso + n months, clamped to the end of the month (see above).
** Returns 0, or -1 on an invalid input or a result outside 1900..2200. */
int date_add_months(const char *iso, int n, char out[DATE_LEN]);

/* out = iso + n years, i.e. + 12·n months (29 February → 28 February). */
int date_add_years(const char *iso, int n, char out[DATE_LEN]);

/* French form "JJ/MM/AAAA" of a valid ISO date into out, for messages;
** an invalid date is copied as "?". Returns out. */
const char *date_fr(const char *iso, char out[DATE_LEN]);

/* <0, 0, >0 as a is before, the same day as, after b. Both must be valid
** ISO dates (the fixed-width form orders like the calendar). */
int date_cmp(const char *a, const char *b);

#endif
