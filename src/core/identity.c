/*
** Registration-form validators and annex-14 codes (see identity.h).
*/
#include "core/identity.h"
#include "core/rules.h"
#include "core/dates.h"
#include "core/validate.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

#define STR_(x) #x
#define STR(x) STR_(x)

/* Annex 14 "Origine du candidat". */
static const char *const origins[ORIGIN__MAX][2] = {
	[ORIGIN_EMPLOYEE] = { "SL", "Salarié" },
	[ORIGIN_JOB_SEEKER] = { "DE", "Demandeur d'emploi" },
};

/*
** Annex 14 "Dispositif de financement": the codes and, in capitals on the
** model of minutes, their meaning; the labels below write that meaning in
** sentence case. Two are less plain than the others:
**   CPFCA  the annex reads "compte personnel de formation et contrat
**          d'apprentissage" without saying how the two combine; kept as
**          written.
**   PA     the annex only reads "PRO A"; the expansion "reconversion ou
**          promotion par alternance" is the name of the scheme in the Code
**          du travail (art. L. 6324-1), not a word of the annex.
*/
static const char *const fundings[FUND__MAX][2] = {
	[FUND_CPF] = { "CPF", "Compte personnel de formation" },
	[FUND_CPFCA] = { "CPFCA", "Compte personnel de formation et contrat d'apprentissage" },
	[FUND_CVAE] = { "CVAE", "Congé de VAE" },
	[FUND_CP] = { "CP", "Contrat de professionnalisation" },
	[FUND_CPE] = { "CPE", "Contrat de professionnalisation expérimental" },
	[FUND_CPFTP] = { "CPFTP", "CPF de transition professionnelle" },
	[FUND_PDC] = { "PDC", "Plan de développement des compétences" },
	[FUND_POEC] = { "POEC", "Préparation opérationnelle à l'emploi collective" },
	[FUND_POEI] = { "POEI", "Préparation opérationnelle à l'emploi individuelle" },
	[FUND_PA] = { "PA", "Pro-A (reconversion ou promotion par alternance)" },
};

/* Annex 14 "Secteur": M (Métaux), HM (Hors métaux, branch named). */
static const char *const sectors[SECTOR__MAX][2] = {
	[SECTOR_METALS] = { "M", "Métaux" },
	[SECTOR_OTHER] = { "HM", "Hors métaux" },
};

/* 1 if the n bytes at s are all ASCII digits. */
static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 if s is exactly n ASCII digits. */
static int exact_digits(const char *s, size_t n)
{
	return s && strlen(s) == n && digits(s, n);
}

/* Luhn check of a digit string (doubling every second digit from the
** right). */
int luhn_valid(const char *s)
{
	size_t n;
	int sum = 0;

	if (!s || !*s)
		return 0;
	n = strlen(s);
	if (!digits(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		int d = s[n - 1 - i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* SIREN: 9 digits, Luhn key. */
const char *v_siren(const char *s)
{
	if (!s || !*s)
		return "le numéro SIREN est obligatoire";
	if (!exact_digits(s, SIREN_LEN))
		return "le numéro SIREN doit compter 9 chiffres";
	if (!luhn_valid(s))
		return "le numéro SIREN est invalide (clé de contrôle erronée)";
	return NULL;
}

/*
** SIRET: 14 digits, Luhn key, or La Poste's exception. INSEE numbers La
** Poste's many establishments under SIREN 356000000 with a key of their
** own: the sum of the 14 digits is a multiple of 5. Numbers of that SIREN
** that pass the ordinary Luhn key are accepted as well (the exception
** widens, it does not replace), as the common validators do.
*/
const char *v_siret(const char *s)
{
	int sum = 0;

	if (!s || !*s)
		return "le numéro SIRET est obligatoire";
	if (!exact_digits(s, SIRET_LEN))
		return "le numéro SIRET doit compter 14 chiffres";
	if (luhn_valid(s))
		return NULL;
	if (!strncmp(s, "356000000", 9)) {
		for (int i = 0; i < SIRET_LEN; i++)
			sum += s[i] - '0';
		if (sum % 5 == 0)
			return NULL;
	}
	return "le numéro SIRET est invalide (clé de contrôle erronée)";
}

/* Copies in without separators (space, U+00A0, U+202F, '.', '-'). */
int id_compact(const char *in, char *out, size_t outsz)
{
	size_t j = 0;
	const unsigned char *s = (const unsigned char *)in;

	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	if (!in)
		return 0;
	for (size_t i = 0; s[i];) {
		if (s[i] == ' ' || s[i] == '.' || s[i] == '-' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] == 0xc2 && s[i + 1] == 0xa0) {           /* U+00A0 */
			i += 2;
			continue;
		}
		if (s[i] == 0xe2 && s[i + 1] == 0x80 && s[i + 2] == 0xaf) { /* U+202F */
			i += 3;
			continue;
		}
		if (j + 1 >= outsz) {
			out[0] = '\0';
			return -1;
		}
		out[j++] = (char)s[i++];
	}
	out[j] = '\0';
	return 0;
}

/* INSEE commune code (code officiel géographique). */
const char *v_insee_commune(const char *s)
{
	static const char *msg = "le code commune INSEE doit compter 5 caractères : "
		"2 chiffres (ou 2A, 2B pour la Corse) puis 3 chiffres";

	if (!s || !*s)
		return "le code commune INSEE est obligatoire";
	if (strlen(s) != 5)
		return msg;
	if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B')) {
		if (!digits(s + 2, 3))
			return msg;
		return strcmp(s + 2, "000") ? NULL :
			"ce code commune INSEE n'existe pas";
	}
	if (!digits(s, 5))
		return msg;
	if (s[0] == '9' && s[1] == '9')
		return "un code commençant par 99 désigne un pays étranger, pas une commune";
	if (s[0] == '9' && s[1] == '7') {
		/* 971..978: Guadeloupe … Saint-Martin */
		if (s[2] < '1' || s[2] > '8' || !strcmp(s + 3, "00"))
			return "ce code commune INSEE d'outre-mer n'existe pas";
		return NULL;
	}
	if (s[0] == '9' && s[1] == '8') {
		/* 984 TAAF, 986 Wallis-et-Futuna, 987 Polynésie française,
		** 988 Nouvelle-Calédonie, 989 Clipperton */
		if (!strchr("46789", s[2]) || !strcmp(s + 3, "00"))
			return "ce code commune INSEE d'outre-mer n'existe pas";
		return NULL;
	}
	if ((s[0] == '0' && s[1] == '0') || (s[0] == '2' && s[1] == '0') ||
	    (s[0] == '9' && s[1] == '6'))
		return "ce code commune INSEE n'existe pas (département inconnu)";
	if (!strcmp(s + 2, "000"))
		return "ce code commune INSEE n'existe pas";
	return NULL;
}

/* Département number: 01..95 but 20, 2A, 2B, 971..976. */
const char *v_department(const char *s)
{
	static const char *msg = "le numéro de département doit être compris entre "
		"01 et 95, ou valoir 2A, 2B ou 971 à 976";

	if (!s || !*s)
		return "le numéro de département est obligatoire";
	if (!strcmp(s, "2A") || !strcmp(s, "2B"))
		return NULL;
	if (exact_digits(s, 2)) {
		int n = (s[0] - '0') * 10 + (s[1] - '0');
		return n >= 1 && n <= 95 && n != 20 ? NULL : msg;
	}
	if (exact_digits(s, 3) && s[0] == '9' && s[1] == '7' &&
	    s[2] >= '1' && s[2] <= '6')
		return NULL;
	return msg;
}

/* French postal code: 5 digits, 01000..98999. */
const char *v_postal_code(const char *s)
{
	if (!s || !*s)
		return "le code postal est obligatoire";
	if (!exact_digits(s, 5))
		return "le code postal doit compter 5 chiffres";
	if ((s[0] == '0' && s[1] == '0') || (s[0] == '9' && s[1] == '9'))
		return "ce code postal n'existe pas";
	return NULL;
}

/* Country: non-empty text. */
const char *v_country(const char *s)
{
	if (!s || !*s)
		return "le pays est obligatoire";
	return v_text(s, 100, 0);
}

/* Sex: M or F. */
const char *v_sex(const char *s)
{
	if (!s || !*s)
		return "le sexe est obligatoire";
	if (strcmp(s, "M") && strcmp(s, "F"))
		return "le sexe doit valoir M ou F";
	return NULL;
}

/* Birth date: real, not in the future, candidate CANDIDATE_MIN_AGE years
** old at least (anniversary by dates.h's month-end convention: born on
** 29 February, one is 14 on 28 February of a common year). */
const char *v_birth_date(const char *s, const char *today)
{
	char adult[DATE_LEN];

	if (!s || !*s)
		return "la date de naissance est obligatoire";
	if (v_date(s))
		return "la date de naissance est invalide (format AAAA-MM-JJ, date existante)";
	if (!date_ok(today))
		return "la date du jour est invalide";
	if (date_cmp(s, today) > 0)
		return "la date de naissance ne peut pas être dans le futur";
	if (date_add_years(s, CANDIDATE_MIN_AGE, adult) ||
	    date_cmp(adult, today) > 0)
		return "le candidat doit avoir au moins " STR(CANDIDATE_MIN_AGE) " ans";
	return NULL;
}

/* 1 if country names France ("France", "FRANCE": case-insensitive). */
static int is_france(const char *country)
{
	return country && !strcasecmp(country, "France");
}

/* Place of birth: town, département (France only), country. */
const char *v_birth_place(const char *town, const char *department,
	const char *country)
{
	const char *m;

	if (!town || !*town)
		return "la commune de naissance est obligatoire";
	if ((m = v_text(town, 200, 0)))
		return m;
	if ((m = v_country(country)))
		return m;
	if (is_france(country))
		return v_department(department);
	if (department && *department)
		return "le département de naissance ne s'indique que pour une naissance en France";
	return NULL;
}

/* NAF rév. 2 sub-class "NN.NNL". */
const char *v_naf(const char *s)
{
	if (!s || !*s)
		return "le code NAF est obligatoire";
	if (strlen(s) != 6 || !digits(s, 2) || s[2] != '.' || !digits(s + 3, 2) ||
	    s[5] < 'A' || s[5] > 'Z')
		return "le code NAF doit avoir la forme 99.99X (par exemple 25.62B)";
	return NULL;
}

/* NACE rév. 2 class "NN.NN". */
const char *v_nace(const char *s)
{
	if (!s || !*s)
		return "le code NACE est obligatoire";
	if (strlen(s) != 5 || !digits(s, 2) || s[2] != '.' || !digits(s + 3, 2))
		return "le code NACE doit avoir la forme 99.99 (par exemple 25.62)";
	return NULL;
}

/* NACE of a NAF code: drop the final letter. */
int naf_to_nace(const char *naf, char out[NACE_LEN])
{
	if (v_naf(naf)) {
		out[0] = '\0';
		return -1;
	}
	memcpy(out, naf, 5);
	out[5] = '\0';
	return 0;
}

/* Phone number (see identity.h for the accepted forms). */
const char *v_phone(const char *s)
{
	static const char *const overseas[] = { "+262", "+269", "+508", "+590",
		"+594", "+596" };
	static const char *msg = "numéro de téléphone invalide (10 chiffres commençant "
		"par 0, ou +33 suivi de 9 chiffres)";
	char c[40];
	const char *rest = NULL;

	if (!s || !*s)
		return NULL;
	if (strlen(s) >= sizeof c || id_compact(s, c, sizeof c))
		return msg;
	if (c[0] == '0' && c[1] != '0')
		return exact_digits(c, 10) && c[1] >= '1' ? NULL : msg;
	if (!strncmp(c, "+33", 3))
		rest = c + 3;
	else if (!strncmp(c, "0033", 4))
		rest = c + 4;
	else
		for (size_t i = 0; i < sizeof overseas / sizeof *overseas; i++)
			if (!strncmp(c, overseas[i], 4))
				rest = c + 4;
	if (!rest)
		return msg;
	if (!strncmp(rest, "(0)", 3))
		rest += 3;
	return exact_digits(rest, 9) && rest[0] != '0' ? NULL : msg;
}


/* Codes, labels and reverse look-ups of the annex-14 enums. */
const char *origin_code(enum origin o) { return (unsigned)o < ORIGIN__MAX ? origins[o][0] : NULL; }
const char *origin_label(enum origin o) { return (unsigned)o < ORIGIN__MAX ? origins[o][1] : NULL; }
int origin_from_code(const char *c) { return code_lookup(origins, ORIGIN__MAX, c); }
const char *funding_code(enum funding f) { return (unsigned)f < FUND__MAX ? fundings[f][0] : NULL; }
const char *funding_label(enum funding f) { return (unsigned)f < FUND__MAX ? fundings[f][1] : NULL; }
int funding_from_code(const char *c) { return code_lookup(fundings, FUND__MAX, c); }
const char *sector_code(enum sector s) { return (unsigned)s < SECTOR__MAX ? sectors[s][0] : NULL; }
const char *sector_label(enum sector s) { return (unsigned)s < SECTOR__MAX ? sectors[s][1] : NULL; }
int sector_from_code(const char *c) { return code_lookup(sectors, SECTOR__MAX, c); }

/* Annex 14: HM names its branch, M none. */
const char *v_sector_branch(enum sector s, const char *branch)
{
	if ((unsigned)s >= SECTOR__MAX)
		return "secteur inconnu (M ou HM attendu)";
	if (s == SECTOR_OTHER) {
		if (!branch || !*branch)
			return "pour une entreprise hors métaux (HM), la branche doit être précisée";
		return v_text(branch, 200, 0);
	}
	if (branch && *branch)
		return "la branche ne se précise que pour une entreprise hors métaux (HM)";
	return NULL;
}
