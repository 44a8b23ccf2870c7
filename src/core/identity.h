/*
** Field validators of the registration form (the candidate, his company)
** and the codes of the jury minutes (annex 14 of the dispositif).
**
** Like validate.h, each v_* function returns NULL when the value is
** acceptable, or a French message (static string) saying what is wrong;
** the caller names the field. E-mail addresses use v_email (validate.h).
** The optional fields (e-mail, phone) accept the empty string; every other
** validator refuses it: whether a field is needed at all (a company for an
** employee, none for a job seeker) is a rule of registration.h.
*/
#ifndef CQPM_IDENTITY_H
#define CQPM_IDENTITY_H
#include <stddef.h>

#define SIREN_LEN 9
#define SIRET_LEN 14
#define NACE_LEN 6            /* "25.62" and its NUL */
#define CANDIDATE_MIN_AGE 14  /* years, see v_birth_date */

/* 1 if s is a string of digits whose Luhn sum is a multiple of 10. */
int luhn_valid(const char *s);

/* SIREN: 9 digits with the Luhn key. */
const char *v_siren(const char *s);

/* SIRET: 14 digits (SIREN + NIC) with the Luhn key; La Poste's
** establishments (SIREN 356000000) are also valid when the sum of their
** 14 digits is a multiple of 5 (INSEE's exception to the key). */
const char *v_siret(const char *s);

/*
** Copies in into out without the separators people type inside numbers
** (spaces, no-break spaces, '.', '-'): "110 043 015 00012" →
** "11004301500012". Returns 0, or -1 when out (outsz bytes) is too small.
*/
int id_compact(const char *in, char *out, size_t outsz);

/* INSEE commune code (code officiel géographique): 5 characters, the
** département part "01".."95" or "2A"/"2B" (Corsica) then 3 digits, or
** overseas "971".."978" / "984", "986".."989" then 2 digits. Codes "99…"
** are foreign countries, not communes, and are refused. */
const char *v_insee_commune(const char *s);

/* Département number: "01".."95" (not "20"), "2A", "2B", "971".."976". */
const char *v_department(const char *s);

/* French postal code: 5 digits, "01000".."98999". */
const char *v_postal_code(const char *s);

/* Country: a non-empty line of text (at most 100 characters). */
const char *v_country(const char *s);

/* Sex as on the civil status: "M" or "F". */
const char *v_sex(const char *s);

/*
** Birth date: a real ISO date, not after today, and the candidate at least
** CANDIDATE_MIN_AGE years old on today (today: ISO date given by the
** caller). The minimum age is an assumption of ours, not a rule of the
** dispositif: it catches typing mistakes (a year of birth one decade off)
** while staying below every age at which a certifying path can begin.
*/
const char *v_birth_date(const char *s, const char *today);

/* Place of birth (annex 14 note 4: town, département and country): the
** town and the country are required; the département is required, and
** checked, when the country is France, and must be empty otherwise. */
const char *v_birth_place(const char *town, const char *department,
	const char *country);

/* NAF rév. 2 sub-class: "NN.NNL", e.g. "25.62B" (upper-case letter). */
const char *v_naf(const char *s);

/* NACE rév. 2 class: "NN.NN", e.g. "25.62". */
const char *v_nace(const char *s);

/* NACE code of a NAF code: the NAF sub-class without its final letter
** ("25.62B" → "25.62"). Returns 0, or -1 (out = "") if naf is invalid. */
int naf_to_nace(const char *naf, char out[NACE_LEN]);

/*
** Phone number, optional (empty is valid). Spaces, no-break spaces, '.'
** and '-' between digits are ignored. Accepted: the national form
** "0" + 9 digits (first not 0), "+33" or "0033" + 9 digits (first not 0,
** "+33 (0)6…" allowed), and the overseas départements' country codes
** +262, +269, +508, +590, +594, +596 + 9 digits. New Caledonia, French
** Polynesia and Wallis-and-Futuna have their own numbering plans and are
** not checked here (refused).
*/
const char *v_phone(const char *s);

/* Annex 14: origin of the candidate. */
enum origin {
	ORIGIN_EMPLOYEE,    /* SL, salarié */
	ORIGIN_JOB_SEEKER,  /* DE, demandeur d'emploi */
	ORIGIN__MAX
};

/* Annex 14: funding scheme (dispositif de financement). */
enum funding {
	FUND_CPF, FUND_CPFCA, FUND_CVAE, FUND_CP, FUND_CPE, FUND_CPFTP,
	FUND_PDC, FUND_POEC, FUND_POEI, FUND_PA, FUND__MAX
};

/* Annex 14: sector of the company. */
enum sector {
	SECTOR_METALS,   /* M, métaux (the metallurgy branch) */
	SECTOR_OTHER,    /* HM, hors métaux: the branch must be named */
	SECTOR__MAX
};

/* Codes as on the minutes ("SL", "CPF", "HM") and French labels; NULL if
** out of range. *_from_code returns the enum value, or -1 if unknown. */
const char *origin_code(enum origin o);
const char *origin_label(enum origin o);
int origin_from_code(const char *code);
const char *funding_code(enum funding f);
const char *funding_label(enum funding f);
int funding_from_code(const char *code);
const char *sector_code(enum sector s);
const char *sector_label(enum sector s);
int sector_from_code(const char *code);

/* Annex 14: a company outside the metals sector names its branch (HM,
** "dans ce cas, préciser la branche"); a metals company names none. */
const char *v_sector_branch(enum sector s, const char *branch);

#endif
