/*
** Import of the RNCP XML export of France compétences (flux 4.x,
** FICHES/FICHE/...) as catalogue documents (doc/catalogue-schema.md).
**
** The file is read with libxml2's xmlTextReader, a pull parser that frees
** each node once passed: no DOM of the file is ever built, and one fiche is
** held at a time as a jansson document, handed to the sink, then released.
** Memory is therefore bounded by the largest fiche (itself bounded by the
** IMPORT_MAX_* limits), not by the file size.
**
** Hostile input: no network (XML_PARSE_NONET), no external DTD or entity
** loading (neither XML_PARSE_DTDLOAD nor XML_PARSE_NOENT is given), and any
** <!DOCTYPE> or entity reference is refused outright: the register exports
** have none, so refusing them also neutralises "billion laughs" expansion.
** libxml2's own limits (depth, 10 MB text nodes) stay on (no XML_PARSE_HUGE)
** and ours are tighter (IMPORT_MAX_TEXT per element).
**
** Field mapping (element path under FICHE → document member):
**   NUMERO_FICHE → code, rncp, kind ("RNCP" or "RS" from its prefix)
**   INTITULE → title; ABREGE/CODE, ABREGE/LIBELLE → abbreviation
**   ACTIF (Oui/Non) → status active/inactive; ETAT_FICHE other than
**     "Publiée" → a sentence in notes
**   NOMENCLATURE_EUROPE/NIVEAU, /LIBELLE → level, level_label
**   FORMACODES/FORMACODE, CODES_NSF/NSF, CODES_ROME/ROME (CODE, LIBELLE)
**     → formacode[], nsf[], rome[] ({code, label})
**   CERTIFICATEURS/CERTIFICATEUR (SIRET_CERTIFICATEUR, NOM_CERTIFICATEUR)
**     → certifiers[] ({siret, name})
**   ACTIVITES_VISEES → summary (the "résumé du référentiel d'emploi" of
**     the register); OBJECTIFS_CONTEXTE → activity_referential.mission
**   CAPACITES_ATTESTEES → capacities[] (one entry per listed item)
**   SECTEURS_ACTIVITE → sectors; TYPE_EMPLOI_ACCESSIBLES → jobs[]
**   PREREQUIS_ENTREE_FORMATION → admission_conditions
**   SI_JURY_FI/CA/FC/CQ/CL/VAE (ACTIF, COMPOSITION) → access_routes and
**     jury_composition .student/.apprenticeship/.continuing/
**     .professionalisation/.individual/.vae
**   ACCESSIBLE_NOUVELLE_CALEDONIE, ACCESSIBLE_POLYNESIE_FRANCAISE → overseas
**   PUBLICATION_DECRET_GENERAL/CREATION/AUTRE/PUBLICATION_JO (TITRE,
**     DATE_PUBLICATION_JO) → legal.basis[] ({title, date}), in file order
**   TYPE_ENREGISTREMENT → legal.registration_type; DATE_DECISION →
**     legal.decision_date; DATE_FIN_ENREGISTREMENT → legal.registration_end;
**     DATE_EFFET → legal.effective_date; DATE_DE_PUBLICATION →
**     legal.publication_date; DATE_LIMITE_DELIVRANCE →
**     legal.delivery_deadline (all JJ/MM/AAAA → YYYY-MM-DD, validated)
**   BLOCS_COMPETENCES/BLOC_COMPETENCES (CODE, LIBELLE, LISTE_COMPETENCES,
**     MODALITES_EVALUATION) → blocks[] (code, number from the BCnn suffix,
**     title, competences_text, evaluation_text)
**   ANCIENNES_CERTIFICATIONS/.../ID_FICHE_ANCIENNE_CERTIFICATION → previous[]
**   NOUVELLES_CERTIFICATIONS/.../ID_FICHE_NOUVELLE_CERTIFICATION → next[]
**   LIEN_URL_DESCRIPTION → added to sources[] after the export's name.
** Other elements (ID_FICHE, EXISTENCE_PARTENAIRES, PARTENAIRES, …) are
** ignored. Texts are cleaned by import_text_clean().
*/
#include "import/import.h"
#include "util/errfr.h"
#include "import/import_int.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64
#define PROGRESS_STEP ((uint64_t)1 << 20)
#define FICHE_PREFIX "FICHES/FICHE/"

/* What a leaf or item element of a fiche maps to. */
enum field {
	F_NUMERO, F_INTITULE, F_ABREGE_CODE, F_ABREGE_LIBELLE, F_ETAT,
	F_ITEM_CODE, F_ITEM_LABEL, F_LEVEL, F_LEVEL_LABEL,
	F_CERT_SIRET, F_CERT_NAME, F_ACTIVITES, F_OBJECTIFS, F_CAPACITES,
	F_SECTEURS, F_EMPLOIS, F_PREREQUIS, F_JURY_ACTIF, F_JURY_COMPOSITION,
	F_NC, F_PF, F_JO_TITLE, F_JO_DATE, F_DATE_FIN, F_DATE_EFFET,
	F_DATE_PUBLICATION, F_DATE_LIMITE, F_DATE_DECISION, F_TYPE_ENR,
	F_BLOC_CODE, F_BLOC_LIBELLE, F_BLOC_COMPETENCES, F_BLOC_EVALUATION,
	F_PREVIOUS, F_NEXT, F_ACTIF, F_URL,
	/* item starts */
	S_FORMACODE, S_NSF, S_ROME, S_CERTIFIER, S_JO, S_BLOCK, S_JURY
};

struct path_map {
	const char *path; /* relative to FICHES/FICHE/ */
	enum field f;
	int arg;          /* route index for SI_JURY_*, else 0 */
};

/* Sorted by path (strcmp) for bsearch; checked by maps_sorted(). */
static const struct path_map leaf_map[] = {
	{ "ABREGE/CODE", F_ABREGE_CODE, 0 },
	{ "ABREGE/LIBELLE", F_ABREGE_LIBELLE, 0 },
	{ "ACCESSIBLE_NOUVELLE_CALEDONIE", F_NC, 0 },
	{ "ACCESSIBLE_POLYNESIE_FRANCAISE", F_PF, 0 },
	{ "ACTIF", F_ACTIF, 0 },
	{ "ACTIVITES_VISEES", F_ACTIVITES, 0 },
	{ "ANCIENNES_CERTIFICATIONS/ANCIENNE_CERTIFICATION/"
	  "ID_FICHE_ANCIENNE_CERTIFICATION", F_PREVIOUS, 0 },
	{ "BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE", F_BLOC_CODE, 0 },
	{ "BLOCS_COMPETENCES/BLOC_COMPETENCES/LIBELLE", F_BLOC_LIBELLE, 0 },
	{ "BLOCS_COMPETENCES/BLOC_COMPETENCES/LISTE_COMPETENCES",
	  F_BLOC_COMPETENCES, 0 },
	{ "BLOCS_COMPETENCES/BLOC_COMPETENCES/MODALITES_EVALUATION",
	  F_BLOC_EVALUATION, 0 },
	{ "CAPACITES_ATTESTEES", F_CAPACITES, 0 },
	{ "CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR", F_CERT_NAME, 0 },
	{ "CERTIFICATEURS/CERTIFICATEUR/SIRET_CERTIFICATEUR", F_CERT_SIRET, 0 },
	{ "CODES_NSF/NSF/CODE", F_ITEM_CODE, 0 },
	{ "CODES_NSF/NSF/LIBELLE", F_ITEM_LABEL, 0 },
	{ "CODES_ROME/ROME/CODE", F_ITEM_CODE, 0 },
	{ "CODES_ROME/ROME/LIBELLE", F_ITEM_LABEL, 0 },
	{ "DATE_DECISION", F_DATE_DECISION, 0 },
	{ "DATE_DE_PUBLICATION", F_DATE_PUBLICATION, 0 },
	{ "DATE_EFFET", F_DATE_EFFET, 0 },
	{ "DATE_FIN_ENREGISTREMENT", F_DATE_FIN, 0 },
	{ "DATE_LIMITE_DELIVRANCE", F_DATE_LIMITE, 0 },
	{ "ETAT_FICHE", F_ETAT, 0 },
	{ "FORMACODES/FORMACODE/CODE", F_ITEM_CODE, 0 },
	{ "FORMACODES/FORMACODE/LIBELLE", F_ITEM_LABEL, 0 },
	{ "INTITULE", F_INTITULE, 0 },
	{ "LIEN_URL_DESCRIPTION", F_URL, 0 },
	{ "NOMENCLATURE_EUROPE/LIBELLE", F_LEVEL_LABEL, 0 },
	{ "NOMENCLATURE_EUROPE/NIVEAU", F_LEVEL, 0 },
	{ "NOUVELLES_CERTIFICATIONS/NOUVELLE_CERTIFICATION/"
	  "ID_FICHE_NOUVELLE_CERTIFICATION", F_NEXT, 0 },
	{ "NUMERO_FICHE", F_NUMERO, 0 },
	{ "OBJECTIFS_CONTEXTE", F_OBJECTIFS, 0 },
	{ "PREREQUIS_ENTREE_FORMATION", F_PREREQUIS, 0 },
	{ "PUBLICATION_DECRET_AUTRE/PUBLICATION_JO/DATE_PUBLICATION_JO",
	  F_JO_DATE, 0 },
	{ "PUBLICATION_DECRET_AUTRE/PUBLICATION_JO/TITRE", F_JO_TITLE, 0 },
	{ "PUBLICATION_DECRET_CREATION/PUBLICATION_JO/DATE_PUBLICATION_JO",
	  F_JO_DATE, 0 },
	{ "PUBLICATION_DECRET_CREATION/PUBLICATION_JO/TITRE", F_JO_TITLE, 0 },
	{ "PUBLICATION_DECRET_GENERAL/PUBLICATION_JO/DATE_PUBLICATION_JO",
	  F_JO_DATE, 0 },
	{ "PUBLICATION_DECRET_GENERAL/PUBLICATION_JO/TITRE", F_JO_TITLE, 0 },
	{ "SECTEURS_ACTIVITE", F_SECTEURS, 0 },
	{ "SI_JURY_CA/ACTIF", F_JURY_ACTIF, 1 },
	{ "SI_JURY_CA/COMPOSITION", F_JURY_COMPOSITION, 1 },
	{ "SI_JURY_CL/ACTIF", F_JURY_ACTIF, 4 },
	{ "SI_JURY_CL/COMPOSITION", F_JURY_COMPOSITION, 4 },
	{ "SI_JURY_CQ/ACTIF", F_JURY_ACTIF, 3 },
	{ "SI_JURY_CQ/COMPOSITION", F_JURY_COMPOSITION, 3 },
	{ "SI_JURY_FC/ACTIF", F_JURY_ACTIF, 2 },
	{ "SI_JURY_FC/COMPOSITION", F_JURY_COMPOSITION, 2 },
	{ "SI_JURY_FI/ACTIF", F_JURY_ACTIF, 0 },
	{ "SI_JURY_FI/COMPOSITION", F_JURY_COMPOSITION, 0 },
	{ "SI_JURY_VAE/ACTIF", F_JURY_ACTIF, 5 },
	{ "SI_JURY_VAE/COMPOSITION", F_JURY_COMPOSITION, 5 },
	{ "TYPE_EMPLOI_ACCESSIBLES", F_EMPLOIS, 0 },
	{ "TYPE_ENREGISTREMENT", F_TYPE_ENR, 0 },
};

/* Elements that open a list item (or a jury route), sorted by path. */
static const struct path_map start_map[] = {
	{ "BLOCS_COMPETENCES/BLOC_COMPETENCES", S_BLOCK, 0 },
	{ "CERTIFICATEURS/CERTIFICATEUR", S_CERTIFIER, 0 },
	{ "CODES_NSF/NSF", S_NSF, 0 },
	{ "CODES_ROME/ROME", S_ROME, 0 },
	{ "FORMACODES/FORMACODE", S_FORMACODE, 0 },
	{ "PUBLICATION_DECRET_AUTRE/PUBLICATION_JO", S_JO, 0 },
	{ "PUBLICATION_DECRET_CREATION/PUBLICATION_JO", S_JO, 0 },
	{ "PUBLICATION_DECRET_GENERAL/PUBLICATION_JO", S_JO, 0 },
};

/* Access routes in SI_JURY order FI, CA, FC, CQ, CL, VAE. */
static const char *route_key[6] = { "student", "apprenticeship",
	"continuing", "professionalisation", "individual", "vae" };

struct xml_ctx {
	const char *path;
	const char *base;
	FILE *f;
	uint64_t done, total, reported;
	import_progress_fn progress;
	void *progress_arg;
	import_fiche_fn sink;
	void *sink_arg;
	struct import_error *err;
	int failed;         /* err is filled */
	int sink_rc;        /* non-zero: the sink stopped the import */

	xmlTextReaderPtr rd;
	int xerr;           /* a libxml2 error was captured */
	int xerr_code;
	long xerr_line;
	int xerr_open;      /* elements still open in the parser */
	char xerr_elem[64]; /* element the parser was in */
	char xerr_msg[200];

	/* Prolog watch (see watch_prolog()). */
	int prolog_done;
	struct buf prolog;
	long doctype_line;  /* > 0: a <!DOCTYPE> was met, reading stopped */
	int prolog_too_long;

	struct buf path_buf;          /* "FICHES/FICHE/…" */
	size_t path_len[MAX_DEPTH + 1];
	long start_line[MAX_DEPTH + 1];
	int depth;

	int markup;         /* depth of HTML-like elements inside a text */
	struct buf text;    /* text of the innermost element */
	long text_line;
	struct buf clean;   /* scratch for cleaned texts */

	int root_seen;
	int version_ok;
	char version[16];
	json_t *doc;        /* fiche being built */
	json_t *item;       /* list entry being filled (borrowed) */
	json_t *block;      /* block being filled (borrowed) */
	char etat[256];
	unsigned long fiches;
};

/* bsearch comparison of a path against a map entry. */
static int map_cmp(const void *key, const void *ent)
{
	return strcmp(key, ((const struct path_map *)ent)->path);
}

/* Entry of map for the relative path rel, or NULL. */
static const struct path_map *map_find(const struct path_map *map, size_t n,
	const char *rel)
{
	return bsearch(rel, map, n, sizeof *map, map_cmp);
}

/* 1 if both maps are sorted as bsearch() needs (checked once). */
static int maps_sorted(void)
{
	size_t i;

	for (i = 1; i < sizeof leaf_map / sizeof leaf_map[0]; i++)
		if (strcmp(leaf_map[i - 1].path, leaf_map[i].path) >= 0)
			return 0;
	for (i = 1; i < sizeof start_map / sizeof start_map[0]; i++)
		if (strcmp(start_map[i - 1].path, start_map[i].path) >= 0)
			return 0;
	return 1;
}

/* Innermost element name ("" outside the root). */
static const char *cur_name(const struct xml_ctx *c)
{
	const char *p = buf_str(&c->path_buf), *s;

	if (!c->depth)
		return "";
	s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Line of the reader's current node, the parser's line as a fallback. */
static long node_line(struct xml_ctx *c)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(c->rd);
	long l = n ? xmlGetLineNo(n) : -1;

	/* 65535: a line past USHRT_MAX that BIG_LINES could not recover. */
	if (l <= 0 || l == 65535)
		l = xmlTextReaderGetParserLineNumber(c->rd);
	return l;
}

static void xml_fail(struct xml_ctx *c, long line, const char *elem,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
** Fills the error: « Fichier XML « f », ligne L, élément <E> (fiche X) : … »
** (only the first error counts).
*/
static void xml_fail(struct xml_ctx *c, long line, const char *elem,
	const char *fmt, ...)
{
	char detail[320], fiche[48] = "";
	const char *code = "";
	va_list ap;

	if (c->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	if (c->doc)
		code = json_string_value(json_object_get(c->doc, "code"));
	if (code && *code)
		snprintf(fiche, sizeof fiche, " (fiche %s)", code);
	if (elem && *elem)
		import_err_set(c->err, c->path, line, elem,
			"Fichier XML « %s », ligne %ld, élément <%s>%s : %s",
			c->base, line, elem, fiche, detail);
	else if (line > 0)
		import_err_set(c->err, c->path, line, "",
			"Fichier XML « %s », ligne %ld%s : %s", c->base, line,
			fiche, detail);
	else
		import_err_set(c->err, c->path, 0, "", "Fichier XML « %s » : %s",
			c->base, detail);
	c->failed = 1;
}

/* libxml2 error relay: keeps the first error (warnings are ignored). */
static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct xml_ctx *c = arg;
	size_t n;

	if (!e || e->level < XML_ERR_ERROR || c->xerr)
		return;
	c->xerr = 1;
	c->xerr_code = e->code;
	c->xerr_line = e->line;
	/* The parser runs ahead of the reader: the element at fault is the
	 * parser's current one, not the reader's. */
	if ((e->domain == XML_FROM_PARSER ||
	     e->domain == XML_FROM_NAMESPACE) && e->ctxt) {
		xmlParserCtxtPtr p = e->ctxt;
		c->xerr_open = p->nameNr;
		snprintf(c->xerr_elem, sizeof c->xerr_elem, "%s",
			p->name ? (const char *)p->name : "");
	}
	snprintf(c->xerr_msg, sizeof c->xerr_msg, "%s",
		e->message ? e->message : "");
	n = strlen(c->xerr_msg);
	while (n && (c->xerr_msg[n - 1] == '\n' || c->xerr_msg[n - 1] == ' '))
		c->xerr_msg[--n] = '\0';
	for (char *p = c->xerr_msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* French wording of a libxml2 error code. */
static const char *xml_error_fr(const struct xml_ctx *c)
{
	switch (c->xerr_code) {
	case XML_ERR_DOCUMENT_EMPTY:
		return "document vide";
	case XML_ERR_DOCUMENT_END:
	case XML_ERR_TAG_NOT_FINISHED:
	case XML_ERR_LTSLASH_REQUIRED:
	case XML_ERR_GT_REQUIRED:
		return c->xerr_open ? "fichier tronqué (fin du fichier avant "
			"la fermeture des éléments)" :
			"contenu en trop après la fin du document";
	case XML_ERR_TAG_NAME_MISMATCH:
		return "balise fermante ne correspondant pas à la balise "
			"ouvrante";
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		return "octets invalides pour l'encodage déclaré "
			"(UTF-8 attendu sauf déclaration contraire)";
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
		return "expansion d'entités refusée";
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		return "entité non déclarée";
	case XML_ERR_NAME_REQUIRED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
	case XML_ERR_LT_IN_ATTRIBUTE:
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		return "balise mal formée";
	default:
		return "erreur de syntaxe";
	}
}

/*
** The error of a failed xmlTextReaderRead(): line and element where the
** parser stopped (it runs ahead of the reader), in French (the libxml2
** message is English: it is not shown to users).
*/
static void fail_from_libxml(struct xml_ctx *c)
{
	long line = c->xerr ? c->xerr_line : node_line(c);
	const char *elem = c->xerr ? c->xerr_elem : cur_name(c);

	if (c->failed)
		return;
	import_err_set(c->err, c->path, line, elem,
		"Fichier XML mal formé « %s », ligne %ld%s%s%s : %s.",
		c->base, line, *elem ? ", élément <" : "", elem, *elem ? ">" : "",
		c->xerr ? xml_error_fr(c) : "erreur de lecture");
	c->failed = 1;
}

/* Reports progress every PROGRESS_STEP bytes. */
static void progress(struct xml_ctx *c, int force)
{
	if (!c->progress)
		return;
	if (force || c->done - c->reported >= PROGRESS_STEP) {
		c->reported = c->done;
		c->progress(c->progress_arg, c->done, c->total);
	}
}

#define PROLOG_MAX 65536

/*
** Watches the bytes before the root element, before libxml2 sees them:
** a <!DOCTYPE> there stops the reading (returns -1 with c->doctype_line
** set) so that no DTD, internal entity or external reference is ever
** parsed. Comments and processing instructions are skipped; the prolog
** is kept in c->prolog until the root element starts (PROLOG_MAX at
** most: a longer prolog is refused the same way). ASCII-compatible
** encodings only (the register's exports are UTF-8); in any other, the
** DOCTYPE node is still refused by the main loop.
*/
static int watch_prolog(struct xml_ctx *c, const char *data, size_t n)
{
	const char *p, *end;
	long line = 1;

	if (c->prolog_done)
		return 0;
	buf_add(&c->prolog, data, n);
	p = buf_str(&c->prolog);
	end = p + c->prolog.len;
	while (p < end) {
		if (*p == '\n')
			line++;
		if (*p != '<') {
			p++;
			continue;
		}
		if (end - p < 9)
			break; /* wait for more bytes */
		if (p[1] == '?') {
			const char *q = strstr(p + 2, "?>");
			if (!q)
				break;
			for (; p < q; p++)
				line += *p == '\n';
			p = q + 2;
		} else if (!memcmp(p, "<!--", 4)) {
			const char *q = strstr(p + 4, "-->");
			if (!q)
				break;
			for (; p < q; p++)
				line += *p == '\n';
			p = q + 3;
		} else if (!memcmp(p, "<!DOCTYPE", 9)) {
			c->doctype_line = line;
			return -1;
		} else {
			c->prolog_done = 1; /* the root element starts */
			buf_release(&c->prolog);
			return 0;
		}
	}
	if (c->prolog.len > PROLOG_MAX || c->prolog.overflow) {
		c->doctype_line = line;
		c->prolog_too_long = 1;
		return -1;
	}
	return 0;
}

/* Input callback of the reader: reads the file and counts bytes. */
static int xml_read(void *arg, char *buf, int len)
{
	struct xml_ctx *c = arg;
	size_t n = fread(buf, 1, (size_t)len, c->f);

	if (n == 0 && ferror(c->f))
		return -1;
	if (n && watch_prolog(c, buf, n))
		return -1;
	c->done += n;
	progress(c, 0);
	return (int)n;
}

/* Close callback: the file is closed by rncp_xml_import() itself. */
static int xml_close(void *arg)
{
	(void)arg;
	return 0;
}

/* The cleaned text of the element just closed (in c->clean). */
static const char *clean_text(struct xml_ctx *c)
{
	import_text_clean(buf_str(&c->text), c->text.len, &c->clean);
	return buf_str(&c->clean);
}

/* Appends a new entry to doc[key] (an array) within the code limit. */
static json_t *new_item(struct xml_ctx *c, json_t *arr, json_t *v,
	size_t max, const char *what)
{
	if (json_array_size(arr) >= max) {
		json_decref(v);
		xml_fail(c, c->start_line[c->depth], cur_name(c),
			"plus de %zu %s dans la fiche", max, what);
		return NULL;
	}
	json_array_append_new(arr, v);
	return v;
}

/* A {code, label} list entry. */
static json_t *code_label(void)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(""));
	json_object_set_new(o, "label", json_string(""));
	return o;
}

/* Handles the start of an element inside a fiche (rel: path in FICHE). */
static void fiche_start(struct xml_ctx *c, const char *rel)
{
	const struct path_map *m = map_find(start_map,
		sizeof start_map / sizeof start_map[0], rel);
	json_t *d = c->doc, *o;

	if (!m)
		return;
	switch (m->f) {
	case S_FORMACODE:
		c->item = new_item(c, json_object_get(d, "formacode"),
			code_label(), IMPORT_MAX_CODES, "formacodes");
		break;
	case S_NSF:
		c->item = new_item(c, json_object_get(d, "nsf"), code_label(),
			IMPORT_MAX_CODES, "codes NSF");
		break;
	case S_ROME:
		c->item = new_item(c, json_object_get(d, "rome"), code_label(),
			IMPORT_MAX_CODES, "codes ROME");
		break;
	case S_CERTIFIER:
		o = json_object();
		json_object_set_new(o, "siret", json_string(""));
		json_object_set_new(o, "name", json_string(""));
		c->item = new_item(c, json_object_get(d, "certifiers"), o,
			IMPORT_MAX_CODES, "certificateurs");
		break;
	case S_JO:
		o = json_object();
		json_object_set_new(o, "title", json_string(""));
		json_object_set_new(o, "date", json_string(""));
		c->item = new_item(c, json_object_get(json_object_get(d,
			"legal"), "basis"), o, IMPORT_MAX_CODES,
			"publications au Journal officiel");
		break;
	case S_BLOCK:
		c->block = new_item(c, json_object_get(d, "blocks"),
			import_block_new(), IMPORT_MAX_BLOCKS,
			"blocs de compétences");
		break;
	default:
		break;
	}
}

/* Sets legal[key] (or obj[key]) to the ISO form of the element's date. */
static void set_date(struct xml_ctx *c, json_t *obj, const char *key)
{
	char iso[11];
	const char *t = clean_text(c);

	if (!*t)
		return;
	if (import_date_iso(t, iso)) {
		xml_fail(c, c->text_line ? c->text_line :
			c->start_line[c->depth], cur_name(c),
			"date invalide « %.40s » (JJ/MM/AAAA attendu)", t);
		return;
	}
	import_set_str(obj, key, iso);
}

/* Sets a null/true/false member from an Oui/Non text (else null). */
static void set_yes_no(struct xml_ctx *c, json_t *obj, const char *key)
{
	int v = import_yes_no(clean_text(c));
	if (v >= 0)
		json_object_set_new(obj, key, json_boolean(v));
}

/* Appends a fiche number to previous[]/next[]. */
static void add_link(struct xml_ctx *c, const char *key)
{
	const char *t = clean_text(c);
	json_t *arr = json_object_get(c->doc, key);

	if (!*t)
		return;
	if (json_array_size(arr) >= IMPORT_MAX_CODES) {
		xml_fail(c, c->start_line[c->depth], cur_name(c),
			"plus de %d certifications liées", IMPORT_MAX_CODES);
		return;
	}
	json_array_append_new(arr, json_string(t));
}

/* Handles the end of a leaf element inside a fiche. */
static void fiche_end(struct xml_ctx *c, const char *rel)
{
	const struct path_map *m = map_find(leaf_map,
		sizeof leaf_map / sizeof leaf_map[0], rel);
	json_t *d = c->doc;
	json_t *legal = json_object_get(d, "legal");
	const char *t, *kind;
	long n;

	if (!m) {
		/* The end of a list entry: later leaves no longer belong
		 * to it. */
		m = map_find(start_map, sizeof start_map / sizeof start_map[0],
			rel);
		if (m && m->f == S_BLOCK)
			c->block = NULL;
		else if (m)
			c->item = NULL;
		return;
	}
	switch (m->f) {
	case F_NUMERO:
		t = clean_text(c);
		if (!import_fiche_number(t, &kind)) {
			xml_fail(c, c->text_line ? c->text_line :
				c->start_line[c->depth], cur_name(c),
				"numéro de fiche invalide « %.40s » (RNCP… ou "
				"RS… attendu)", t);
			return;
		}
		import_set_str(d, "code", t);
		import_set_str(d, "rncp", t);
		import_set_str(d, "kind", kind);
		break;
	case F_INTITULE:
		import_set_str(d, "title", clean_text(c));
		break;
	case F_ABREGE_CODE:
		import_set_str(json_object_get(d, "abbreviation"), "code",
			clean_text(c));
		break;
	case F_ABREGE_LIBELLE:
		import_set_str(json_object_get(d, "abbreviation"), "label",
			clean_text(c));
		break;
	case F_ETAT: {
		size_t len;
		snprintf(c->etat, sizeof c->etat, "%s", clean_text(c));
		/* A cut in the middle of a character is cut further. */
		len = strlen(c->etat);
		while (len && import_utf8_check(c->etat, len, NULL))
			c->etat[--len] = '\0';
		break;
	}
	case F_ITEM_CODE:
		if (c->item)
			import_set_str(c->item, "code", clean_text(c));
		break;
	case F_ITEM_LABEL:
		if (c->item)
			import_set_str(c->item, "label", clean_text(c));
		break;
	case F_LEVEL:
		import_set_str(d, "level", clean_text(c));
		break;
	case F_LEVEL_LABEL:
		import_set_str(d, "level_label", clean_text(c));
		break;
	case F_CERT_SIRET:
		if (c->item)
			import_set_str(c->item, "siret", clean_text(c));
		break;
	case F_CERT_NAME:
		if (c->item)
			import_set_str(c->item, "name", clean_text(c));
		break;
	case F_ACTIVITES:
		import_set_str(d, "summary", clean_text(c));
		break;
	case F_OBJECTIFS:
		import_set_str(json_object_get(d, "activity_referential"),
			"mission", clean_text(c));
		break;
	case F_CAPACITES:
		json_object_set_new(d, "capacities",
			import_text_list(clean_text(c)));
		break;
	case F_SECTEURS:
		import_set_str(d, "sectors", clean_text(c));
		break;
	case F_EMPLOIS:
		json_object_set_new(d, "jobs", import_text_list(clean_text(c)));
		break;
	case F_PREREQUIS:
		import_set_str(d, "admission_conditions", clean_text(c));
		break;
	case F_JURY_ACTIF:
		set_yes_no(c, json_object_get(d, "access_routes"),
			route_key[m->arg]);
		break;
	case F_JURY_COMPOSITION:
		import_set_str(json_object_get(d, "jury_composition"),
			route_key[m->arg], clean_text(c));
		break;
	case F_NC:
		set_yes_no(c, json_object_get(d, "overseas"),
			"nouvelle_caledonie");
		break;
	case F_PF:
		set_yes_no(c, json_object_get(d, "overseas"),
			"polynesie_francaise");
		break;
	case F_JO_TITLE:
		if (c->item)
			import_set_str(c->item, "title", clean_text(c));
		break;
	case F_JO_DATE:
		if (c->item)
			set_date(c, c->item, "date");
		break;
	case F_DATE_FIN:
		set_date(c, legal, "registration_end");
		break;
	case F_DATE_EFFET:
		set_date(c, legal, "effective_date");
		break;
	case F_DATE_PUBLICATION:
		set_date(c, legal, "publication_date");
		break;
	case F_DATE_LIMITE:
		set_date(c, legal, "delivery_deadline");
		break;
	case F_DATE_DECISION:
		set_date(c, legal, "decision_date");
		break;
	case F_TYPE_ENR:
		import_set_str(legal, "registration_type", clean_text(c));
		break;
	case F_BLOC_CODE:
		if (!c->block)
			break;
		t = clean_text(c);
		import_set_str(c->block, "code", t);
		n = import_block_number(t);
		json_object_set_new(c->block, "number",
			n >= 0 ? json_integer(n) : json_null());
		break;
	case F_BLOC_LIBELLE:
		if (c->block)
			import_set_str(c->block, "title", clean_text(c));
		break;
	case F_BLOC_COMPETENCES:
		if (c->block)
			import_set_str(c->block, "competences_text",
				clean_text(c));
		break;
	case F_BLOC_EVALUATION:
		if (c->block)
			import_set_str(c->block, "evaluation_text",
				clean_text(c));
		break;
	case F_PREVIOUS:
		add_link(c, "previous");
		break;
	case F_NEXT:
		add_link(c, "next");
		break;
	case F_ACTIF:
		switch (import_yes_no(clean_text(c))) {
		case 1:
			import_set_str(d, "status", "active");
			break;
		case 0:
			import_set_str(d, "status", "inactive");
			break;
		default:
			break;
		}
		break;
	case F_URL:
		t = clean_text(c);
		if (*t)
			json_array_append_new(json_object_get(d, "sources"),
				json_string(t));
		break;
	default:
		break;
	}
}

/* Start of <FICHE>: a new document. */
static void begin_fiche(struct xml_ctx *c)
{
	char src[400];

	if (!c->version_ok) {
		xml_fail(c, c->start_line[c->depth], "FICHE",
			"élément <VERSION_FLUX> absent avant la première fiche "
			"(flux RNCP 4.x attendu)");
		return;
	}
	c->doc = import_doc_new();
	c->item = c->block = NULL;
	c->etat[0] = '\0';
	/* no file name here: a renamed file must hash the same; the version
	** record keeps the file name */
	snprintf(src, sizeof src, "Export RNCP de France compétences, "
		"flux XML %s", c->version);
	json_array_insert_new(json_object_get(c->doc, "sources"), 0,
		json_string(src));
}

/* End of </FICHE>: checks, hands the document over, releases it. */
static void end_fiche(struct xml_ctx *c)
{
	const char *code = json_string_value(json_object_get(c->doc, "code"));
	int rc;

	if (!code || !*code) {
		xml_fail(c, c->start_line[c->depth], "FICHE",
			"élément <NUMERO_FICHE> absent");
		return;
	}
	if (c->xerr)
		return; /* the parser met an error after this fiche */
	if (c->etat[0] && strcmp(c->etat, "Publiée")) {
		char note[320];
		snprintf(note, sizeof note, "État de la fiche au RNCP : %s.",
			c->etat);
		import_set_str(c->doc, "notes", note);
	}
	rc = c->sink(c->sink_arg, c->doc);
	json_decref(c->doc);
	c->doc = NULL;
	c->item = c->block = NULL;
	if (rc) {
		c->sink_rc = rc;
		c->failed = 1; /* err as the sink left it */
		return;
	}
	c->fiches++;
}

/* Appends v[0..n) to the text of the innermost element, within
 * IMPORT_MAX_TEXT. */
static void add_text(struct xml_ctx *c, const void *v, size_t n)
{
	if (!c->text_line)
		c->text_line = node_line(c);
	if (c->text.len + n > IMPORT_MAX_TEXT || buf_add(&c->text, v, n)) {
		xml_fail(c, c->text_line, cur_name(c), "texte trop long "
			"(plus de %u octets)", IMPORT_MAX_TEXT);
	}
}

/* Text inside the innermost element. */
static void on_text(struct xml_ctx *c)
{
	const xmlChar *v = xmlTextReaderConstValue(c->rd);

	add_text(c, v, v ? strlen((const char *)v) : 0);
}

/*
** An element inside a text element (<ACTIVITES_VISEES><p>…</p>…, HTML
** left unescaped): mixed content. It is written back into the text as a
** tag, which import_text_clean() then renders like escaped HTML; the
** element path is left alone. Returns 1 when name was taken as markup.
*/
static int markup_start(struct xml_ctx *c, const char *name, int empty)
{
	const char *p = buf_str(&c->path_buf);
	char tag[80];

	if (!c->markup) {
		if (c->depth <= 2 || !c->doc || strncmp(p, FICHE_PREFIX,
				strlen(FICHE_PREFIX)) ||
		    !map_find(leaf_map, sizeof leaf_map / sizeof leaf_map[0],
				p + strlen(FICHE_PREFIX)))
			return 0;
	}
	if (!empty && c->markup == MAX_DEPTH) {
		xml_fail(c, node_line(c), cur_name(c), "imbrication trop "
			"profonde (plus de %d niveaux)", MAX_DEPTH);
		return 1;
	}
	if (!empty)
		c->markup++;
	snprintf(tag, sizeof tag, empty ? "<%.64s/>" : "<%.64s>", name);
	add_text(c, tag, strlen(tag));
	return 1;
}

static void on_end(struct xml_ctx *c, const char *name);

/* An element opens (and closes at once when empty). */
static void on_start(struct xml_ctx *c, const char *name, int empty)
{
	const char *p;

	if (markup_start(c, name, empty))
		return;
	if (c->depth == MAX_DEPTH) {
		xml_fail(c, node_line(c), name, "imbrication trop profonde "
			"(plus de %d niveaux)", MAX_DEPTH);
		return;
	}
	if (c->depth == 0) {
		if (strcmp(name, "FICHES")) {
			xml_fail(c, node_line(c), name, "élément racine "
				"inattendu (<FICHES> attendu)");
			return;
		}
		c->root_seen = 1;
	}
	c->path_len[c->depth] = c->path_buf.len;
	if (c->depth)
		buf_putc(&c->path_buf, '/');
	buf_puts(&c->path_buf, name);
	c->depth++;
	c->start_line[c->depth] = node_line(c);
	c->text_line = 0;
	buf_reset(&c->text);

	p = buf_str(&c->path_buf);
	if (c->depth == 2 && !strcmp(p, "FICHES/FICHE"))
		begin_fiche(c);
	else if (c->depth > 2 && c->doc &&
		 !strncmp(p, FICHE_PREFIX, strlen(FICHE_PREFIX)))
		fiche_start(c, p + strlen(FICHE_PREFIX));
	if (empty && !c->failed)
		on_end(c, name);
}

/* Checks VERSION_FLUX: 4 or 4.x. */
static void check_version(struct xml_ctx *c)
{
	const char *v = clean_text(c);

	if (v[0] != '4' || (v[1] != '\0' && v[1] != '.')) {
		xml_fail(c, c->text_line ? c->text_line :
			c->start_line[c->depth], "VERSION_FLUX",
			"version du flux « %.20s » non prise en charge "
			"(flux RNCP 4.x attendu)", v);
		return;
	}
	snprintf(c->version, sizeof c->version, "%s", v);
	c->version_ok = 1;
}

/* The innermost element closes. */
static void on_end(struct xml_ctx *c, const char *name)
{
	const char *p = buf_str(&c->path_buf);

	if (c->markup) {
		char tag[80];
		c->markup--;
		snprintf(tag, sizeof tag, "</%.64s>", name);
		add_text(c, tag, strlen(tag));
		return;
	}

	if (c->depth == 2 && !strcmp(p, "FICHES/FICHE")) {
		if (c->doc)
			end_fiche(c);
	} else if (c->depth == 2 && !strcmp(p, "FICHES/VERSION_FLUX")) {
		check_version(c);
	} else if (c->depth > 2 && c->doc &&
		   !strncmp(p, FICHE_PREFIX, strlen(FICHE_PREFIX))) {
		fiche_end(c, p + strlen(FICHE_PREFIX));
	}
	if (c->failed)
		return;
	c->depth--;
	buf_truncate(&c->path_buf, c->path_len[c->depth]);
	buf_reset(&c->text);
	c->text_line = 0;
}


/* See import.h. */
int rncp_xml_import(const char *path, import_fiche_fn sink, void *sink_arg,
	import_progress_fn progress_fn, void *progress_arg,
	struct import_error *err)
{
	struct xml_ctx c;
	struct stat st;
	int ret = 0, rc = -1;

	if (!maps_sorted())
		abort(); /* programming error in the tables above */
	memset(&c, 0, sizeof c);
	c.path = path;
	c.base = import_basename(path);
	c.sink = sink;
	c.sink_arg = sink_arg;
	c.progress = progress_fn;
	c.progress_arg = progress_arg;
	c.err = err;
	buf_init(&c.path_buf, 4096);
	buf_init(&c.text, IMPORT_MAX_TEXT + 1);
	buf_init(&c.clean, 0);
	buf_init(&c.prolog, PROLOG_MAX + 1);
	if (err)
		memset(err, 0, sizeof *err);

	xmlInitParser();
	c.f = fopen(path, "rb");
	if (!c.f) {
		import_err_set(err, path, 0, "", "Impossible d'ouvrir le "
			"fichier XML « %s » : %s", c.base, errno_fr(errno));
		goto out;
	}
	if (fstat(fileno(c.f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			import_err_set(err, path, 0, "", "« %s » est un "
				"dossier, pas un fichier XML", c.base);
			goto out;
		}
		if (S_ISREG(st.st_mode))
			c.total = (uint64_t)st.st_size;
		if (S_ISREG(st.st_mode) && st.st_size == 0) {
			import_err_set(err, path, 0, "", "Fichier XML « %s » "
				"vide", c.base);
			goto out;
		}
	}

	/* No NOENT (entities are not substituted), no DTDLOAD/DTDATTR/
	 * DTDVALID (nothing external is read), NONET, BIG_LINES for exact
	 * line numbers past 65535, NOCDATA to read CDATA as text. */
	c.rd = xmlReaderForIO(xml_read, xml_close, &c, NULL, NULL,
		XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	if (!c.rd) {
		import_err_set(err, path, 0, "", "Fichier XML « %s » : "
			"initialisation du lecteur impossible", c.base);
		goto out;
	}
	xmlTextReaderSetStructuredErrorHandler(c.rd, on_xml_error, &c);

	/* Stop at the first parser error, even one libxml2 recovers from:
	 * no fiche is handed over past a fault. */
	while (!c.failed && !c.xerr && (ret = xmlTextReaderRead(c.rd)) == 1) {
		int type = xmlTextReaderNodeType(c.rd);
		const char *name = (const char *)xmlTextReaderConstName(c.rd);

		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			on_start(&c, name ? name : "",
				xmlTextReaderIsEmptyElement(c.rd) == 1);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			on_end(&c, name ? name : "");
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		case XML_READER_TYPE_WHITESPACE:
			on_text(&c);
			break;
		case XML_READER_TYPE_DOCUMENT_TYPE:
			xml_fail(&c, node_line(&c), "!DOCTYPE", "déclaration "
				"<!DOCTYPE> refusée : les exports RNCP n'en "
				"comportent pas, et ni DTD ni entités ne sont "
				"chargées");
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			xml_fail(&c, node_line(&c), cur_name(&c), "référence "
				"à l'entité « &%s; » refusée", name ? name : "");
			break;
		default:
			break; /* comments, processing instructions */
		}
	}
	if (c.sink_rc) {
		rc = c.sink_rc;
		goto out;
	}
	if (c.failed)
		goto out;
	if (c.doctype_line && c.prolog_too_long) {
		xml_fail(&c, c.doctype_line, "", "plus de %d octets avant "
			"l'élément racine", PROLOG_MAX);
		goto out;
	}
	if (c.doctype_line) {
		xml_fail(&c, c.doctype_line, "!DOCTYPE", "déclaration "
			"<!DOCTYPE> refusée : les exports RNCP n'en comportent "
			"pas, et ni DTD ni entités ne sont chargées");
		goto out;
	}
	if (ret != 0 || c.xerr) {
		fail_from_libxml(&c);
		goto out;
	}
	if (!c.root_seen) {
		xml_fail(&c, 0, "", "élément racine <FICHES> absent");
		goto out;
	}
	if (!c.version_ok) {
		xml_fail(&c, 0, "", "élément <VERSION_FLUX> absent (flux RNCP "
			"4.x attendu)");
		goto out;
	}
	progress(&c, 1);
	rc = 0;
out:
	if (c.rd)
		xmlFreeTextReader(c.rd);
	if (c.f)
		fclose(c.f);
	json_decref(c.doc);
	buf_release(&c.path_buf);
	buf_release(&c.text);
	buf_release(&c.clean);
	buf_release(&c.prolog);
	return rc;
}
