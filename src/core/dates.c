/*
** Calendar arithmetic (see dates.h). Day numbers use the civil-from-days
** algorithm of H. Hinnant ("chrono-compatible low-level date algorithms").
*/
#include "core/dates.h"
#include "core/validate.h"
#include <stdio.h>
#include <string.h>

/* Parses iso into y, m, d; 0 or -1 (see dates.h). */
int date_parse(const char *iso, int *y, int *m, int *d)
{
	int yy, mm, dd;

	if (!iso || v_date(iso))
		return -1;
	yy = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
		(iso[2] - '0') * 10 + (iso[3] - '0');
	mm = (iso[5] - '0') * 10 + (iso[6] - '0');
	dd = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return 0;
}

/* 1 if iso is a valid ISO date. */
int date_ok(const char *iso)
{
	return date_parse(iso, NULL, NULL, NULL) == 0;
}

/* Days of month m of year y, leap years included. */
int date_month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return mdays[m - 1] + (m == 2 && leap);
}

/* Day number of y-m-d (days since 1970-01-01). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Day number of iso; 0 or -1. */
int date_to_days(const char *iso, long *days)
{
	int y, m, d;

	if (date_parse(iso, &y, &m, &d))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

/* Writes y-m-d into out if it is a valid date in range; 0 or -1. */
static int format_date(int y, int m, int d, char out[DATE_LEN])
{
	if (!date_valid(y, m, d)) {
		out[0] = '\0';
		return -1;
	}
	snprintf(out, DATE_LEN, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* ISO form of a day number; 0 or -1. */
int date_from_days(long z, char out[DATE_LEN])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 1900 || y > 2200) {
		out[0] = '\0';
		return -1;
	}
	return format_date((int)y, (int)m, (int)d, out);
}

/* out = iso + n days; 0 or -1. */
int date_add_days(const char *iso, long n, char out[DATE_LEN])
{
	long days;

	if (date_to_days(iso, &days)) {
		out[0] = '\0';
		return -1;
	}
	return date_from_days(days + n, out);
}

/* out = iso + n months, clamped to the month's end (CPC art. 641). */
int date_add_months(const char *iso, int n, char out[DATE_LEN])
{
	int y, m, d;
	long months;

	if (date_parse(iso, &y, &m, &d) || n > 12 * 400 || n < -12 * 400) {
		out[0] = '\0';
		return -1;
	}
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	if (y < 1900 || y > 2200) {
		out[0] = '\0';
		return -1;
	}
	if (d > date_month_days(y, m))
		d = date_month_days(y, m);
	return format_date(y, m, d, out);
}

/* out = iso + n years (12·n months). */
int date_add_years(const char *iso, int n, char out[DATE_LEN])
{
	if (n > 400 || n < -400) {
		out[0] = '\0';
		return -1;
	}
	return date_add_months(iso, 12 * n, out);
}

/* Calendar order of two valid ISO dates. */
int date_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* "JJ/MM/AAAA" of a valid ISO date, "?" otherwise. */
const char *date_fr(const char *iso, char out[DATE_LEN])
{
	int y, m, d;

	if (date_parse(iso, &y, &m, &d))
		snprintf(out, DATE_LEN, "?");
	else
		snprintf(out, DATE_LEN, "%02d/%02d/%04d", d, m, y);
	return out;
}
