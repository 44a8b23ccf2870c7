/*
** Unit tests of the registration-form validators (identity.h): SIREN and
** SIRET keys on real numbers of the RNCP export, INSEE and postal codes,
** birth data, NAF → NACE, phone numbers, and the codes of the jury
** minutes (annex 14, R-INS-1 registration data).
*/
#include "t.h"
#include "core/identity.h"
#include "core/validate.h"

/* Real certifiers' SIRETs of the RNCP open-data export of 2024-02-22
** (export_fiches_CSV_Certificateurs). */
static const char *const real_sirets[] = {
	"11004301500012",   /* Ministère de l'Éducation nationale */
	"82948645500019",   /* ESCAIA */
	"79279132900016",   /* Simplon.co */
	"78466840200018",   /* Confédération nationale boulangers pâtissiers */
	"31504294500032",   /* Institut national boulangerie pâtisserie */
};
#define NREAL (sizeof real_sirets / sizeof *real_sirets)

TEST(siret_real_numbers_pass)
{
	for (size_t i = 0; i < NREAL; i++) {
		CHECK(v_siret(real_sirets[i]) == NULL);
		CHECK(luhn_valid(real_sirets[i]));
	}
}

/* Every single-digit change of every real SIRET breaks the Luhn key. */
TEST(siret_single_digit_alterations_fail)
{
	int tried = 0, failed = 0;

	for (size_t i = 0; i < NREAL; i++)
		for (int pos = 0; pos < 14; pos++)
			for (char d = '0'; d <= '9'; d++) {
				char s[15];
				memcpy(s, real_sirets[i], 15);
				if (s[pos] == d)
					continue;
				s[pos] = d;
				tried++;
				failed += v_siret(s) != NULL;
			}
	CHECK_INT(tried, (int)NREAL * 14 * 9);
	CHECK_INT(failed, tried);
	CHECK_CONTAINS(v_siret("11004301500013"), "clé de contrôle");
}

TEST(siren_real_numbers_and_alterations)
{
	for (size_t i = 0; i < NREAL; i++) {
		char siren[10];
		memcpy(siren, real_sirets[i], 9);
		siren[9] = '\0';
		CHECK(v_siren(siren) == NULL);
		for (int pos = 0; pos < 9; pos++) {
			char s[10];
			memcpy(s, siren, 10);
			s[pos] = s[pos] == '9' ? '0' : (char)(s[pos] + 1);
			CHECK(v_siren(s) != NULL);
		}
	}
	CHECK(v_siren("356000000") == NULL);           /* La Poste */
	CHECK_CONTAINS(v_siren("11004301"), "9 chiffres");
	CHECK_CONTAINS(v_siren("1100430150"), "9 chiffres");
	CHECK_CONTAINS(v_siren("11004301A"), "9 chiffres");
	CHECK_CONTAINS(v_siren(""), "obligatoire");
	CHECK_CONTAINS(v_siren(NULL), "obligatoire");
}

/* La Poste's establishments: sum of the digits a multiple of 5. */
TEST(siret_la_poste_exception)
{
	CHECK(!luhn_valid("35600000000010"));
	CHECK(v_siret("35600000000010") == NULL);      /* sum 15 */
	CHECK(v_siret("35600000000011") != NULL);      /* sum 16, no Luhn */
	CHECK(v_siret("35600000000019") != NULL);      /* sum 24, no Luhn */
	CHECK(v_siret("35600000000048") == NULL);      /* Luhn-valid: accepted too */
	/* the exception is La Poste's only: sum 25 elsewhere is no key */
	CHECK(!luhn_valid("11004301500019"));
	CHECK(v_siret("11004301500019") != NULL);
}

TEST(siret_format)
{
	CHECK_CONTAINS(v_siret("1100430150001"), "14 chiffres");
	CHECK_CONTAINS(v_siret("110043015000120"), "14 chiffres");
	CHECK_CONTAINS(v_siret("110 043 015 00012"), "14 chiffres");
	CHECK_CONTAINS(v_siret(" 11004301500012"), "14 chiffres");  /* the export's TAB */
	CHECK_CONTAINS(v_siret(""), "obligatoire");
	CHECK(!luhn_valid(""));
	CHECK(!luhn_valid("12a4"));
}

TEST(id_compact)
{
	char out[32];
	CHECK_INT(id_compact("110 043 015 00012", out, sizeof out), 0);
	CHECK_STR(out, "11004301500012");
	CHECK(v_siret(out) == NULL);
	CHECK_INT(id_compact("110\xc2\xa0" "043\xe2\x80\xaf" "015.00012", out, sizeof out), 0);
	CHECK_STR(out, "11004301500012");
	CHECK_INT(id_compact("\t11004301500012", out, sizeof out), 0);
	CHECK_STR(out, "11004301500012");
	CHECK_INT(id_compact("11004301500012", out, 14), -1);
	CHECK_INT(id_compact("11004301500012", out, 15), 0);
}

TEST(insee_commune)
{
	CHECK(v_insee_commune("75056") == NULL);   /* Paris */
	CHECK(v_insee_commune("01001") == NULL);
	CHECK(v_insee_commune("2A004") == NULL);   /* Ajaccio */
	CHECK(v_insee_commune("2B033") == NULL);   /* Bastia */
	CHECK(v_insee_commune("97411") == NULL);   /* Saint-Denis (La Réunion) */
	CHECK(v_insee_commune("97611") == NULL);   /* Mamoudzou */
	CHECK(v_insee_commune("97701") == NULL);   /* Saint-Barthélemy */
	CHECK(v_insee_commune("98818") == NULL);   /* Nouméa */
	CHECK(v_insee_commune("95690") == NULL);
	CHECK_CONTAINS(v_insee_commune("99100"), "pays étranger");
	CHECK(v_insee_commune("20004") != NULL);   /* Corsica is 2A/2B */
	CHECK(v_insee_commune("2C004") != NULL);
	CHECK(v_insee_commune("2a004") != NULL);
	CHECK(v_insee_commune("2A00B") != NULL);
	CHECK(v_insee_commune("2A000") != NULL);
	CHECK(v_insee_commune("00001") != NULL);
	CHECK(v_insee_commune("96001") != NULL);
	CHECK(v_insee_commune("75000") != NULL);
	CHECK(v_insee_commune("97911") != NULL);   /* no 979 */
	CHECK(v_insee_commune("97100") != NULL);
	CHECK(v_insee_commune("98511") != NULL);   /* no 985 */
	CHECK(v_insee_commune("7505") != NULL);
	CHECK(v_insee_commune("750560") != NULL);
	CHECK_CONTAINS(v_insee_commune(""), "obligatoire");
}

TEST(department)
{
	const char *ok[] = { "01", "19", "21", "95", "2A", "2B", "971", "972",
		"973", "974", "975", "976" };
	const char *bad[] = { "00", "20", "96", "99", "977", "970", "2C", "2a",
		"1", "9", "0971", "A1", "" };
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		CHECK(v_department(ok[i]) == NULL);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(v_department(bad[i]) != NULL);
	CHECK_CONTAINS(v_department("20"), "2A, 2B");
}

TEST(postal_code)
{
	CHECK(v_postal_code("75001") == NULL);
	CHECK(v_postal_code("20000") == NULL);     /* Ajaccio */
	CHECK(v_postal_code("97400") == NULL);
	CHECK(v_postal_code("98800") == NULL);     /* Nouméa */
	CHECK(v_postal_code("01000") == NULL);
	CHECK(v_postal_code("00100") != NULL);
	CHECK(v_postal_code("99000") != NULL);
	CHECK_CONTAINS(v_postal_code("7500"), "5 chiffres");
	CHECK_CONTAINS(v_postal_code("7500A"), "5 chiffres");
	CHECK_CONTAINS(v_postal_code("75 001"), "5 chiffres");
	CHECK_CONTAINS(v_postal_code(""), "obligatoire");
}

TEST(country_and_sex)
{
	CHECK(v_country("France") == NULL);
	CHECK(v_country("Côte d'Ivoire") == NULL);
	CHECK_CONTAINS(v_country(""), "obligatoire");
	CHECK(v_country("Fra\nnce") != NULL);
	CHECK(v_sex("M") == NULL);
	CHECK(v_sex("F") == NULL);
	CHECK(v_sex("m") != NULL);
	CHECK(v_sex("X") != NULL);
	CHECK(v_sex("MF") != NULL);
	CHECK_CONTAINS(v_sex(""), "obligatoire");
}

/* The minimum age of 14 is an assumption (identity.h); edges to the day,
** and the 29 February birthday (dates.h convention). */
TEST(birth_date)
{
	CHECK(v_birth_date("1980-06-15", "2024-03-01") == NULL);
	CHECK(v_birth_date("2010-03-01", "2024-03-01") == NULL);   /* 14 today */
	CHECK_CONTAINS(v_birth_date("2010-03-02", "2024-03-01"), "14 ans");
	CHECK(v_birth_date("2008-02-29", "2022-02-28") == NULL);   /* leap-day birth */
	CHECK_CONTAINS(v_birth_date("2008-02-29", "2022-02-27"), "14 ans");
	CHECK(v_birth_date("2008-02-29", "2024-03-01") == NULL);
	CHECK_CONTAINS(v_birth_date("2024-03-01", "2024-03-01"), "14 ans");
	CHECK_CONTAINS(v_birth_date("2024-03-02", "2024-03-01"), "futur");
	CHECK_CONTAINS(v_birth_date("2023-02-29", "2024-03-01"), "invalide");
	CHECK_CONTAINS(v_birth_date("01/02/1990", "2024-03-01"), "invalide");
	CHECK_CONTAINS(v_birth_date("", "2024-03-01"), "obligatoire");
	CHECK_CONTAINS(v_birth_date("1990-01-01", "2024-02-30"), "date du jour");
}

/* Annex 14 note 4: town, département and country of birth. */
TEST(birth_place)
{
	CHECK(v_birth_place("Lyon", "69", "France") == NULL);
	CHECK(v_birth_place("Ajaccio", "2A", "FRANCE") == NULL);
	CHECK(v_birth_place("Saint-Denis", "974", "France") == NULL);
	CHECK(v_birth_place("Casablanca", "", "Maroc") == NULL);
	CHECK(v_birth_place("Casablanca", NULL, "Maroc") == NULL);
	CHECK_CONTAINS(v_birth_place("Lyon", "", "France"), "département");
	CHECK(v_birth_place("Lyon", "20", "France") != NULL);
	CHECK_CONTAINS(v_birth_place("Casablanca", "13", "Maroc"), "naissance en France");
	CHECK_CONTAINS(v_birth_place("", "69", "France"), "commune");
	CHECK_CONTAINS(v_birth_place("Lyon", "69", ""), "pays");
}

TEST(naf_to_nace)
{
	char nace[NACE_LEN];
	CHECK(v_naf("25.62B") == NULL);
	CHECK(v_naf("01.11Z") == NULL);
	CHECK_INT(naf_to_nace("25.62B", nace), 0);
	CHECK_STR(nace, "25.62");
	CHECK(v_nace(nace) == NULL);
	CHECK_INT(naf_to_nace("28.99A", nace), 0);
	CHECK_STR(nace, "28.99");
	CHECK_INT(naf_to_nace("2562B", nace), -1);
	CHECK_STR(nace, "");
	CHECK(v_naf("25.62b") != NULL);
	CHECK(v_naf("25.6B") != NULL);
	CHECK(v_naf("25.621") != NULL);
	CHECK(v_naf("25,62B") != NULL);
	CHECK(v_naf("25.62BB") != NULL);
	CHECK_CONTAINS(v_naf(""), "obligatoire");
	CHECK(v_nace("25.62B") != NULL);
	CHECK(v_nace("2562") != NULL);
	CHECK_CONTAINS(v_nace("25-62"), "99.99");
}

TEST(phone)
{
	CHECK(v_phone("") == NULL);                    /* optional */
	CHECK(v_phone(NULL) == NULL);
	CHECK(v_phone("0123456789") == NULL);
	CHECK(v_phone("01 23 45 67 89") == NULL);
	CHECK(v_phone("06.12.34.56.78") == NULL);
	CHECK(v_phone("06-12-34-56-78") == NULL);
	CHECK(v_phone("+33 6 12 34 56 78") == NULL);
	CHECK(v_phone("+33612345678") == NULL);
	CHECK(v_phone("+33 (0)6 12 34 56 78") == NULL);
	CHECK(v_phone("0033 6 12 34 56 78") == NULL);
	CHECK(v_phone("+262 692 12 34 56") == NULL);  /* La Réunion */
	CHECK(v_phone("0692 12 34 56") == NULL);
	CHECK(v_phone("+590 590 12 34 56") == NULL);  /* Guadeloupe */
	CHECK(v_phone("012345678") != NULL);
	CHECK(v_phone("01234567890") != NULL);
	CHECK(v_phone("0023456789") != NULL);
	CHECK(v_phone("+33 06 12 34 56 78") != NULL);
	CHECK(v_phone("+33 0 12 34 56 78") != NULL);
	CHECK(v_phone("+44 20 7946 0958") != NULL);
	CHECK(v_phone("+687 12 34 56") != NULL);       /* own numbering plan */
	CHECK(v_phone("06 12 34 56 7a") != NULL);
	CHECK_CONTAINS(v_phone("12"), "+33");
}

/* E-mail of the form: v_email of validate.h, optional. */
TEST(email_reuses_validate)
{
	CHECK(v_email("marie.dupont@example.fr") == NULL);
	CHECK(v_email("") == NULL);
	CHECK(v_email("marie.dupont@") != NULL);
	CHECK(v_email("marie dupont@example.fr") != NULL);
}

/* Annex 14: origin SL/DE, the ten funding codes, sector M/HM. */
TEST(annex14_codes)
{
	static const char *const codes[] = { "CPF", "CPFCA", "CVAE", "CP", "CPE",
		"CPFTP", "PDC", "POEC", "POEI", "PA" };

	CHECK_STR(origin_code(ORIGIN_EMPLOYEE), "SL");
	CHECK_STR(origin_code(ORIGIN_JOB_SEEKER), "DE");
	CHECK_STR(origin_label(ORIGIN_EMPLOYEE), "Salarié");
	CHECK_STR(origin_label(ORIGIN_JOB_SEEKER), "Demandeur d'emploi");
	CHECK_INT(origin_from_code("DE"), ORIGIN_JOB_SEEKER);
	CHECK_INT(origin_from_code("XX"), -1);
	CHECK(origin_code(ORIGIN__MAX) == NULL);

	CHECK_INT(FUND__MAX, 10);
	for (int i = 0; i < FUND__MAX; i++) {
		CHECK_STR(funding_code((enum funding)i), codes[i]);
		CHECK_INT(funding_from_code(codes[i]), i);
		CHECK(funding_label((enum funding)i) && *funding_label((enum funding)i));
	}
	CHECK_STR(funding_label(FUND_CPF), "Compte personnel de formation");
	CHECK_STR(funding_label(FUND_PDC), "Plan de développement des compétences");
	CHECK_STR(funding_label(FUND_POEI), "Préparation opérationnelle à l'emploi individuelle");
	CHECK_STR(funding_label(FUND_POEC), "Préparation opérationnelle à l'emploi collective");
	CHECK_STR(funding_label(FUND_CP), "Contrat de professionnalisation");
	CHECK_STR(funding_label(FUND_CVAE), "Congé de VAE");
	CHECK_CONTAINS(funding_label(FUND_PA), "Pro-A");
	CHECK_INT(funding_from_code("cpf"), -1);
	CHECK(funding_label(FUND__MAX) == NULL);

	CHECK_STR(sector_code(SECTOR_METALS), "M");
	CHECK_STR(sector_code(SECTOR_OTHER), "HM");
	CHECK_STR(sector_label(SECTOR_METALS), "Métaux");
	CHECK_INT(sector_from_code("HM"), SECTOR_OTHER);
	CHECK_INT(sector_from_code(NULL), -1);
}

TEST(sector_branch)
{
	CHECK(v_sector_branch(SECTOR_METALS, "") == NULL);
	CHECK(v_sector_branch(SECTOR_METALS, NULL) == NULL);
	CHECK(v_sector_branch(SECTOR_OTHER, "Plasturgie") == NULL);
	CHECK_CONTAINS(v_sector_branch(SECTOR_OTHER, ""), "branche doit être précisée");
	CHECK_CONTAINS(v_sector_branch(SECTOR_METALS, "Plasturgie"), "hors métaux");
	CHECK(v_sector_branch((enum sector)7, "") != NULL);
}
