/*
** Field validators (see validate.h).
*/
#include "core/validate.h"
#include "core/text.h"
#include <ctype.h>
#include <string.h>

const char *v_text(const char *s, size_t max, int optional)
{
	size_t n;
	if (!s || !*s)
		return optional ? NULL : "ce champ est obligatoire";
	n = strlen(s);
	if (!utf8_valid(s, n))
		return "texte invalide (UTF-8 mal formé ou caractère de contrôle)";
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			return "le texte ne doit pas contenir de retour à la ligne";
	if (utf8_len(s) > max)
		return "texte trop long";
	return NULL;
}

const char *v_login(const char *s)
{
	size_t n;
	if (!s || !*s)
		return "l'identifiant est obligatoire";
	n = strlen(s);
	if (n < 3 || n > LOGIN_MAX)
		return "l'identifiant doit compter de 3 à 64 caractères";
	if (!islower((unsigned char)s[0]))
		return "l'identifiant doit commencer par une lettre minuscule";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!islower(c) && !isdigit(c) && c != '.' && c != '_' && c != '-')
			return "l'identifiant ne peut contenir que des lettres minuscules sans accent, des chiffres, « . », « _ » et « - »";
	}
	return NULL;
}

const char *v_password(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < PASSWORD_MIN)
		return "le mot de passe doit compter au moins 10 caractères";
	if (n > PASSWORD_MAX)
		return "le mot de passe est trop long (256 octets au plus)";
	if (!utf8_valid(s, n))
		return "le mot de passe contient des caractères invalides";
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return NULL;
	return "le mot de passe ne peut pas être fait que d'espaces";
}

const char *v_centre_code(const char *s)
{
	size_t n;
	if (!s || !*s)
		return "le code du centre est obligatoire";
	n = strlen(s);
	if (n < 2 || n > CENTRE_CODE_MAX)
		return "le code du centre doit compter de 2 à 32 caractères";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isupper(c) && !isdigit(c) && c != '-')
			return "le code du centre ne peut contenir que des majuscules sans accent, des chiffres et « - »";
	}
	return NULL;
}

const char *v_email(const char *s)
{
	const char *at, *dot;
	size_t n;
	if (!s || !*s)
		return NULL;
	n = strlen(s);
	if (n > EMAIL_MAX)
		return "adresse électronique trop longue";
	at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return "adresse électronique invalide";
	dot = strchr(at + 1, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return "adresse électronique invalide";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' ||
		    s[i] == '"' || s[i] == ',' || s[i] == ';')
			return "adresse électronique invalide";
	return NULL;
}

int date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap, max;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

const char *v_date(const char *s)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return "date invalide (format AAAA-MM-JJ attendu)";
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return "date invalide (format AAAA-MM-JJ attendu)";
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_valid(y, m, d) ? NULL : "cette date n'existe pas";
}

long parse_count(const char *s, long min, long max)
{
	long n = 0;
	if (!s || !*s || strlen(s) > 9)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n < min || n > max ? -1 : n;
}
