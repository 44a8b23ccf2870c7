/*
** gen_rncp_xml: writes a synthetic RNCP XML export (flux 4.1, the element
** names and shapes of France compétences' export_fiches_RNCP_V4_1_*.xml)
** on standard output, to measure the importer on a national-size file.
**
**   gen_rncp_xml N [SEED] > export.xml
**
** Each of the N fiches has 2 to 6 blocks of competences, several hundred
** bytes to a few kilobytes of French text per long element (some as
** escaped HTML, some as the flattened "* / o" lists of the real export),
** codes (NSF, Formacode, ROME), certifiers, the six access routes and
** legal publications: about 7 KB per fiche, so that 40 000 fiches make a
** file of a few hundred megabytes. The output is deterministic for a
** given N and SEED.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* xorshift64*: a small deterministic generator. */
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1Dull) >> 32);
}

/* Uniform integer in [lo, hi]. */
static int between(int lo, int hi)
{
	return lo + (int)(rnd() % (uint32_t)(hi - lo + 1));
}

#define PICK(a) ((a)[rnd() % (sizeof (a) / sizeof (a)[0])])

static const char *verbs[] = { "Réaliser", "Contrôler", "Organiser",
	"Préparer", "Assurer", "Analyser", "Mettre en œuvre", "Piloter",
	"Diagnostiquer", "Planifier", "Conduire", "Vérifier", "Régler",
	"Élaborer", "Coordonner", "Rédiger", "Évaluer", "Maintenir" };
static const char *objects[] = { "l'usinage de pièces mécaniques",
	"la maintenance préventive des équipements",
	"le montage d'ensembles chaudronnés",
	"la conduite d'une ligne de production automatisée",
	"le contrôle dimensionnel des pièces",
	"les opérations de soudage à l'arc",
	"la programmation d'une machine à commande numérique",
	"le suivi de la qualité et de la sécurité",
	"l'animation d'une équipe de production",
	"la gestion des approvisionnements",
	"l'intégration de systèmes électroniques",
	"la relation avec les clients et les fournisseurs",
	"le diagnostic de pannes électriques et hydrauliques" };
static const char *contexts[] = {
	("dans le respect des règles d'hygiène, de sécurité et "
	 "d'environnement"), "à partir d'un dossier technique",
	"en tenant compte des contraintes de délais et de coûts",
	"selon les procédures de l'entreprise",
	"en autonomie ou au sein d'une équipe",
	"en utilisant les outils numériques adaptés",
	"conformément aux normes en vigueur" };
static const char *titles[] = { "Technicien", "Opérateur", "Responsable",
	"Agent", "Conducteur", "Chargé", "Animateur", "Pilote" };
static const char *domains[] = { "d'usinage", "de maintenance industrielle",
	"en chaudronnerie", "de production", "qualité", "en soudage",
	"de ligne automatisée", "en électrotechnique", "logistique",
	"en fabrication additive" };
static const char *abbrevs[][2] = { { "CQP", "Certificat de qualification "
	"professionnelle" }, { "TP", "Titre professionnel" }, { "BTS",
	"Brevet de technicien supérieur" }, { "CAP", "Certificat d'aptitude "
	"professionnelle" }, { "Autre", "Autre" } };
static const char *nsf[][2] = { { "251", "Mécanique générale et de "
	"précision, usinage" }, { "254", "Structures métalliques" }, { "250",
	"Spécialités pluritechnologiques mécanique-électricité" }, { "255",
	"Electricite, électronique" }, { "201", "Technologies de commandes "
	"des transformations industrielles" }, { "311", "Transport, "
	"manutention, magasinage" } };
static const char *formacodes[][2] = { { "23054", "Usinage" }, { "23684",
	"Soudage" }, { "31623", "Maintenance industrielle" }, { "24054",
	"Électrotechnique" }, { "22612", "Chaudronnerie" }, { "31812",
	"Logistique" } };
static const char *romes[][2] = { { "H2903", "Conduite d'équipement "
	"d'usinage" }, { "H2913", "Soudage manuel" }, { "I1304", "Installation "
	"et maintenance d'équipements industriels et d'exploitation" },
	{ "H2902", "Chaudronnerie - tôlerie" }, { "H1404", "Intervention "
	"technique en méthodes et industrialisation" }, { "N1103",
	"Magasinage et préparation de commandes" } };
static const char *certifiers[][2] = { { "77566774500044", "UNION DES "
	"INDUSTRIES ET METIERS DE LA METALLURGIE" }, { "11004301500012",
	"MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE" },
	{ "11000007200014", "MINISTERE DU TRAVAIL DU PLEIN EMPLOI ET DE "
	"L'INSERTION" } };
static const char *juries[] = { "SI_JURY_FI", "SI_JURY_CA", "SI_JURY_FC",
	"SI_JURY_CQ", "SI_JURY_CL", "SI_JURY_VAE" };

/* A sentence of the competence vocabulary. */
static void sentence(FILE *o)
{
	fprintf(o, "%s %s %s.", PICK(verbs), PICK(objects), PICK(contexts));
}

/* A date JJ/MM/AAAA in [y0, y1]. */
static void date(FILE *o, int y0, int y1)
{
	fprintf(o, "%02d/%02d/%04d", between(1, 28), between(1, 12),
		between(y0, y1));
}

/* A text of n sentences as escaped HTML paragraphs and a list. */
static void html_text(FILE *o, int n)
{
	fputs("&lt;p&gt;", o);
	for (int i = 0; i < n / 2; i++) {
		sentence(o);
		fputc(' ', o);
	}
	fputs("&lt;/p&gt;&lt;ul&gt;", o);
	for (int i = n / 2; i < n; i++) {
		fputs("&lt;li&gt;", o);
		sentence(o);
		fputs("&lt;/li&gt;", o);
	}
	fputs("&lt;/ul&gt;", o);
}

/* A flattened list as the export writes it: "    * item      o sub". */
static void flat_list(FILE *o, int n)
{
	for (int i = 0; i < n; i++) {
		fputs(i % 3 ? "            o " : "    * ", o);
		sentence(o);
	}
}

/* {CODE, LIBELLE} entries: between lo and hi of table t. */
static void codes(FILE *o, const char *outer, const char *inner,
	const char *t[][2], int nt, int lo, int hi)
{
	int n = between(lo, hi), first = between(0, nt - 1);

	fprintf(o, "    <%s>\n", outer);
	for (int i = 0; i < n; i++) {
		int k = (first + i) % nt;
		fprintf(o, "      <%s><CODE>%s</CODE><LIBELLE>%s</LIBELLE>"
			"</%s>\n", inner, t[k][0], t[k][1], inner);
	}
	fprintf(o, "    </%s>\n", outer);
}

#define N(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* One fiche. */
static void fiche(FILE *o, long i)
{
	long num = 30000 + i;
	int rs = i % 7 == 0, nb = between(2, 6), a = between(0, N(abbrevs) - 1);
	const char *prefix = rs ? "RS" : "RNCP";

	fprintf(o, "  <FICHE>\n    <ID_FICHE>%ld</ID_FICHE>\n"
		"    <NUMERO_FICHE>%s%ld</NUMERO_FICHE>\n", i + 1, prefix, num);
	if (i % 3 == 0)
		fprintf(o, "    <ANCIENNES_CERTIFICATIONS><ANCIENNE_CERTIFICATION>"
			"<ID_FICHE_ANCIENNE_CERTIFICATION>%s%ld"
			"</ID_FICHE_ANCIENNE_CERTIFICATION></ANCIENNE_CERTIFICATION>"
			"</ANCIENNES_CERTIFICATIONS>\n", prefix, num / 2);
	fprintf(o, "    <INTITULE>%s %s</INTITULE>\n", PICK(titles),
		PICK(domains));
	fprintf(o, "    <ABREGE><CODE>%s</CODE><LIBELLE>%s</LIBELLE></ABREGE>\n",
		abbrevs[a][0], abbrevs[a][1]);
	fputs("    <ETAT_FICHE>Publiée</ETAT_FICHE>\n", o);
	codes(o, "FORMACODES", "FORMACODE", formacodes, N(formacodes), 1, 3);
	if (!rs) {
		int lv = between(3, 7);
		fprintf(o, "    <NOMENCLATURE_EUROPE><NIVEAU>NIV%d</NIVEAU>"
			"<LIBELLE>Niveau %d</LIBELLE></NOMENCLATURE_EUROPE>\n",
			lv, lv);
	}
	codes(o, "CODES_NSF", "NSF", nsf, N(nsf), 1, 2);
	fputs("    <CERTIFICATEURS>\n", o);
	for (int k = between(1, 2); k > 0; k--) {
		int c = between(0, N(certifiers) - 1);
		fprintf(o, "      <CERTIFICATEUR><SIRET_CERTIFICATEUR>%s"
			"</SIRET_CERTIFICATEUR><NOM_CERTIFICATEUR>%s"
			"</NOM_CERTIFICATEUR><ETAT_CERTIFICATEUR>Actif"
			"</ETAT_CERTIFICATEUR></CERTIFICATEUR>\n",
			certifiers[c][0], certifiers[c][1]);
	}
	fputs("    </CERTIFICATEURS>\n"
		"    <EXISTENCE_PARTENAIRES>Non</EXISTENCE_PARTENAIRES>\n"
		"    <ACTIVITES_VISEES>", o);
	html_text(o, between(6, 14));
	fputs("</ACTIVITES_VISEES>\n    <CAPACITES_ATTESTEES>", o);
	html_text(o, between(6, 14));
	fputs("</CAPACITES_ATTESTEES>\n    <SECTEURS_ACTIVITE>Industries "
		"métallurgiques, mécaniques et connexes ; entreprises de "
		"sous-traitance industrielle.</SECTEURS_ACTIVITE>\n"
		"    <TYPE_EMPLOI_ACCESSIBLES>", o);
	for (int k = between(2, 5); k > 0; k--)
		fprintf(o, "    * %s %s        ", PICK(titles), PICK(domains));
	fputs("</TYPE_EMPLOI_ACCESSIBLES>\n", o);
	codes(o, "CODES_ROME", "ROME", romes, N(romes), 1, 5);
	for (int k = 0; k < 6; k++) {
		int on = between(0, 3) != 0;
		fprintf(o, "    <%s><ACTIF>%s</ACTIF>", juries[k],
			on ? "Oui" : "Non");
		if (on)
			fputs("<COMPOSITION>Le jury est composé de "
				"professionnels du secteur, employeurs et "
				"salariés, et d'un représentant du "
				"certificateur.</COMPOSITION>", o);
		fprintf(o, "</%s>\n", juries[k]);
	}
	fputs("    <ACCESSIBLE_NOUVELLE_CALEDONIE>Non"
		"</ACCESSIBLE_NOUVELLE_CALEDONIE>\n"
		"    <ACCESSIBLE_POLYNESIE_FRANCAISE>Non"
		"</ACCESSIBLE_POLYNESIE_FRANCAISE>\n"
		"    <PUBLICATION_DECRET_CREATION><PUBLICATION_JO><TITRE>Arrêté "
		"portant enregistrement au répertoire national des "
		"certifications professionnelles</TITRE><DATE_PUBLICATION_JO>",
		o);
	date(o, 2015, 2024);
	fputs("</DATE_PUBLICATION_JO></PUBLICATION_JO>"
		"</PUBLICATION_DECRET_CREATION>\n    <DATE_FIN_ENREGISTREMENT>", o);
	date(o, 2025, 2030);
	fputs("</DATE_FIN_ENREGISTREMENT>\n    <DATE_EFFET>", o);
	date(o, 2015, 2024);
	fputs("</DATE_EFFET>\n    <TYPE_ENREGISTREMENT>Enregistrement sur "
		"demande</TYPE_ENREGISTREMENT>\n    <BLOCS_COMPETENCES>\n", o);
	for (int b = 1; b <= nb; b++) {
		fprintf(o, "      <BLOC_COMPETENCES>\n        <CODE>%s%ldBC%02d"
			"</CODE>\n        <LIBELLE>%s %s</LIBELLE>\n"
			"        <LISTE_COMPETENCES>", prefix, num, b,
			PICK(verbs), PICK(objects));
		flat_list(o, between(4, 9));
		fputs("</LISTE_COMPETENCES>\n        <MODALITES_EVALUATION>"
			"Mise en situation professionnelle reconstituée "
			"suivie d'un entretien avec le jury ; présentation "
			"d'un projet réalisé en entreprise, appuyée sur un "
			"dossier écrit.</MODALITES_EVALUATION>\n"
			"      </BLOC_COMPETENCES>\n", o);
	}
	fputs("    </BLOCS_COMPETENCES>\n    <OBJECTIFS_CONTEXTE>", o);
	sentence(o);
	fputc(' ', o);
	sentence(o);
	fprintf(o, "</OBJECTIFS_CONTEXTE>\n    <ACTIF>%s</ACTIF>\n"
		"    <DATE_DE_PUBLICATION>", i % 5 ? "Oui" : "Non");
	date(o, 2019, 2024);
	fputs("</DATE_DE_PUBLICATION>\n  </FICHE>\n", o);
}

/* gen_rncp_xml N [SEED]: the export on standard output. */
int main(int argc, char **argv)
{
	static char obuf[1 << 16];
	char *end;
	long n;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage : gen_rncp_xml N [GRAINE] > export.xml\n");
		return 2;
	}
	n = strtol(argv[1], &end, 10);
	if (*end || n < 0) {
		fprintf(stderr, "gen_rncp_xml : nombre de fiches invalide "
			"« %s »\n", argv[1]);
		return 2;
	}
	if (argc == 3)
		rng ^= strtoull(argv[2], NULL, 10) * 0x2545F4914F6CDD1Dull + 1;
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n", stdout);
	for (long i = 0; i < n; i++)
		fiche(stdout, i);
	fputs("</FICHES>\n", stdout);
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen_rncp_xml");
		return 1;
	}
	return 0;
}
