/*
** Importers of external data: the RNCP open-data exports (XML flux 4.1 and
** the CSV export, as a zip or a folder) and the national nomenclatures.
**
** Importers do no storage. They stream their input and hand each record to
** a sink callback, so that memory stays bounded whatever the file size; the
** service layer (src/service/) runs the sink inside one transaction and
** rolls everything back when the importer reports an error.
**
** On failure every function returns -1 and fills *err with a French message
** naming the file, the line and the element or column at fault.
*/
#ifndef CQPM_IMPORT_H
#define CQPM_IMPORT_H
#include <jansson.h>
#include <stdint.h>

struct import_error {
	char message[512]; /* French, for the user, names line and element */
	char file[256];    /* file (or zip member) at fault, "" if none */
	char element[128]; /* XML element or CSV column at fault, "" if none */
	long line;         /* 1-based line, 0 if unknown */
};

/* Called now and then with bytes consumed and total bytes (0: unknown). */
typedef void (*import_progress_fn)(void *arg, uint64_t done, uint64_t total);

/*
** Receives one fiche as a catalogue document (doc/catalogue-schema.md).
** The document is released after the call: the sink takes a reference
** (json_incref) to keep it. Return 0 to go on; any other value stops the
** import, which then fails with the sink's value and err->message as the
** sink left it.
*/
typedef int (*import_fiche_fn)(void *arg, json_t *doc);

/* Limits on hostile input (also enforced by the parsers). */
#define IMPORT_MAX_TEXT   (1u << 20) /* one element or cell: 1 MiB */
#define IMPORT_MAX_BLOCKS 200        /* blocks in one fiche */
#define IMPORT_MAX_CODES  500        /* NSF/ROME/… codes in one fiche */

enum rncp_format { RNCP_UNKNOWN, RNCP_XML, RNCP_CSV_ZIP, RNCP_CSV_DIR };

/* Tells the format of path from its content (not its name only). */
enum rncp_format rncp_detect(const char *path);

/*
** (Documentation added by the importers.) The XML flux: <FICHES> root,
** <VERSION_FLUX> 4.x before the first <FICHE> (else refused), one document
** per <FICHE> in file order; the element → member mapping is listed at the
** top of rncp_xml.c (ACTIVITES_VISEES → summary, OBJECTIFS_CONTEXTE →
** activity_referential.mission, CAPACITES_ATTESTEES → capacities[] …).
** Any <!DOCTYPE> is refused (no DTD, entity or network access ever), as
** are texts over IMPORT_MAX_TEXT, more than IMPORT_MAX_BLOCKS blocks or
** IMPORT_MAX_CODES codes in a fiche, invalid dates and malformed, truncated
** or wrongly encoded input: -1, err names line and element, and no fiche
** past the fault reaches the sink (fiches before it may have). Progress:
** bytes of the file read, and its size.
*/
int rncp_xml_import(const char *path, import_fiche_fn sink, void *sink_arg,
	import_progress_fn progress, void *progress_arg,
	struct import_error *err);

/*
** The CSV export, path being the zip or a folder holding the files
** export_fiches_CSV_<Kind>_<date>.csv (Standard required; mapping at the
** top of rncp_csv.c). The join runs through a scratch SQLite database that
** SQLite creates in SQLITE_TMPDIR or TMPDIR (else in the system's
** temporary folder) and unlinks at once: it needs free disk space of about the size of the
** auxiliary files, and nothing is left behind. Progress: bytes of the
** files read (uncompressed) and their total. One document per Standard
** row, in file order; errors name the file (zip member), line and column.
*/
int rncp_csv_import(const char *path, import_fiche_fn sink, void *sink_arg,
	import_progress_fn progress, void *progress_arg,
	struct import_error *err);

/* Nomenclatures ------------------------------------------------------- */

enum nomen_kind {
	NOMEN_NSF,    /* nsf_code_education_D311-4.csv */
	NOMEN_ROME,   /* unix_referentiel_code_rome_v460_utf8.csv */
	NOMEN_NAF,    /* naf_rev2_sous_classes.csv (NAF rév. 2 sous-classes) */
	NOMEN_LEVEL,  /* BCN_N_NIVEAU_FORMATION_DIPLOME.csv, Windows-1252 */
	NOMEN__MAX
};

/*
** One nomenclature entry. `parent` is the enclosing code where the
** nomenclature has one (NAF: the class, e.g. "25.62"; ROME: code_rome_parent;
** NSF: the group of a lettered speciality; LEVEL: the RNCP level) or "".
** All strings are UTF-8 and valid only during the call.
*/
typedef int (*import_nomen_fn)(void *arg, enum nomen_kind kind,
	const char *code, const char *label, const char *parent);

/*
** (Documentation added by the importers; details atop nomenclature.c.)
** What each kind emits:
**   NSF: domains ("2", parent ""), sub-domains ("25", parent "2"), groups
**     ("251", parent "25"), then the lettered specialities built from the
**     file's letters ("221w", parent "221", label "<group> (<letter>)"):
**     a–g with domain 1 groups, m–w with domains 2 and 3, z with domain 4.
**     827 entries for the D311-4 file.
**   ROME: code_rome, libelle_rome, parent code_rome_parent ("" when it is
**     the code itself). 1 584 entries for v4.60.
**   NAF: the 732 sub-classes, parent the class.
**   LEVEL: the BCN diploma levels (code NIVEAU_FORMATION_DIPLOME, label
**     LIBELLE_100 or LIBELLE_COURT, parent "NIV<n>" from
**     NIVEAU_QUALIFICATION_RNCP, "" for 00/99/XX), each RNCP level
**     "NIV3"…"NIV8" being emitted once, before its first diploma, with the
**     BCN long label ("NIVEAU 5"). Windows-1252 is converted to UTF-8.
** Labels come on one line (line breaks inside a label become a space).
*/
int nomenclature_import(const char *path, enum nomen_kind kind,
	import_nomen_fn sink, void *sink_arg, struct import_error *err);

#endif
