/*
** R-CAT-4 identifiers and register codes (see ids.h).
*/
#include "core/ids.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* n digits at s; returns 1 if so. */
static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	return n >= min && n <= max && digits(s, n);
}

int cqpm_id_parse(const char *id, int *year, int *number, int *registered,
	int *cqpi)
{
	size_t n;
	int r = 0, i = 0;

	/* R-CAT-4: CQPM + year (4) + number (4) + R and/or I */
	if (!id || strncmp(id, "CQPM", 4))
		return -1;
	n = strlen(id);
	if (n < 12 || n > 14 || !digits(id + 4, 8))
		return -1;
	for (size_t k = 12; k < n; k++) {
		if (id[k] == 'R' && !r && !i)
			r = 1;
		else if (id[k] == 'I' && !i)
			i = 1;
		else
			return -1;
	}
	if (year)
		*year = (id[4] - '0') * 1000 + (id[5] - '0') * 100 +
			(id[6] - '0') * 10 + (id[7] - '0');
	if (number)
		*number = (id[8] - '0') * 1000 + (id[9] - '0') * 100 +
			(id[10] - '0') * 10 + (id[11] - '0');
	if (registered)
		*registered = r;
	if (cqpi)
		*cqpi = i;
	return 0;
}

enum code_kind code_classify(const char *c)
{
	size_t n;

	if (!c)
		return CODE_INVALID;
	n = strlen(c);
	if (cqpm_id_parse(c, NULL, NULL, NULL, NULL) == 0)
		return CODE_CQPM;
	if (n == 7 && !strncmp(c, "BDC", 3) && digits(c + 3, 4))
		return CODE_BDC;
	if (n == 12 && !strncmp(c, "CCPM", 4) && digits(c + 4, 8))
		return CODE_CCPM;
	if (!strncmp(c, "RNCP", 4)) {
		const char *bc = strstr(c, "BC");
		if (bc && bc > c + 4 && strlen(bc) == 4 && digits(bc + 2, 2)) {
			char num[16];
			size_t len = (size_t)(bc - (c + 4));
			if (len < sizeof num) {
				memcpy(num, c + 4, len);
				num[len] = '\0';
				if (all_digits(num, 1, 8))
					return CODE_RNCP_BLOCK;
			}
		}
		if (all_digits(c + 4, 1, 8))
			return CODE_RNCP;
	}
	if (!strncmp(c, "RS", 2) && all_digits(c + 2, 1, 8))
		return CODE_RS;
	if (n >= 2 && n <= 40 && isupper((unsigned char)c[0])) {
		for (size_t i = 0; i < n; i++)
			if (!isupper((unsigned char)c[i]) &&
			    !isdigit((unsigned char)c[i]) && c[i] != '-')
				return CODE_INVALID;
		return CODE_LOCAL;
	}
	return CODE_INVALID;
}

int code_normalize(const char *in, char *out, size_t outsz)
{
	size_t j = 0;

	if (!in || outsz < 2)
		return -1;
	for (size_t i = 0; in[i]; i++) {
		unsigned char ch = (unsigned char)in[i];
		if (isspace(ch))
			continue;
		if (j + 1 >= outsz)
			return -1;
		out[j++] = (char)toupper(ch);
	}
	out[j] = '\0';
	if (j && all_digits(out, 1, 8)) { /* a bare RNCP number */
		char tmp[16];
		snprintf(tmp, sizeof tmp, "RNCP%s", out);
		if (strlen(tmp) + 1 > outsz)
			return -1;
		memcpy(out, tmp, strlen(tmp) + 1);
	}
	return code_classify(out) == CODE_INVALID ? -1 : 0;
}
