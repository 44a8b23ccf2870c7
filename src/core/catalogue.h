/*
** The catalogue of certifications, as plain data (I/O-free).
**
** A catalogue entry is a JSON document (doc/catalogue-schema.md) with a
** few columns extracted for lists and search. This module checks and
** completes documents, computes their content hash (a changed fiche is a
** new version, an identical one changes nothing), merges a register fiche
** into one of the branch's own certifications, and names things in French.
*/
#ifndef CQPM_CATALOGUE_H
#define CQPM_CATALOGUE_H
#include <jansson.h>
#include "util/buf.h"

enum cert_kind {
	KIND_CQPM, KIND_CCPM, KIND_CQPI, KIND_CCPI, KIND_PARCOURS,
	KIND_RNCP, KIND_RS, KIND__MAX
};

enum cert_status {
	STATUS_ACTIVE, STATUS_INACTIVE, STATUS_DRAFT, STATUS_SUPPRESSED,
	STATUS__MAX
};

/* R-INS-3: the six access routes, in the order of the fiches. */
enum access_route {
	ROUTE_STUDENT, ROUTE_APPRENTICESHIP, ROUTE_CONTINUING,
	ROUTE_PROFESSIONALISATION, ROUTE_INDIVIDUAL, ROUTE_VAE, ROUTE__MAX
};

/* R-EVA-3: evaluation modalities. */
enum modality {
	MOD_REAL_SITUATION, MOD_PROJECT_PRESENTATION,
	MOD_RECONSTITUTED_SITUATION, MOD__MAX
};

const char *kind_code(enum cert_kind k);     /* "CQPM" … */
const char *kind_label(enum cert_kind k);    /* French */
int kind_from_code(const char *code);        /* -1 if unknown */
int kind_is_branch(enum cert_kind k);        /* CQPM, CCPM, CQPI, CCPI, PARCOURS */

const char *status_code(enum cert_status s); /* "active" … */
const char *status_label(enum cert_status s);
int status_from_code(const char *code);

const char *route_key(enum access_route r);  /* JSON key: "student" … */
const char *route_label(enum access_route r);/* French, as on the fiches */

const char *modality_key(enum modality m);
const char *modality_label(enum modality m);
int modality_from_key(const char *key);
/* French label of a modality key as found in a candidate's file: the
** R-EVA-3 modalities, "vae_commission" for a result the VAE validation
** commission concluded (R-VAE-3); any other key is returned as it is. */
#define MODALITY_VAE_COMMISSION "vae_commission"
const char *modality_label_of_key(const char *key);

/* Limits of a catalogue document (hostile input). */
#define CAT_MAX_TITLE   1000   /* characters */
#define CAT_MAX_BLOCKS  200
#define CAT_MAX_COMPETENCES 200

struct cat_error {
	char field[96];     /* JSON path of the field at fault, e.g. blocks[2].title */
	char message[256];  /* French */
};

/*
** Checks doc against the schema and completes it in place: every key of
** the schema is present afterwards (missing ones get "", [] or null).
** Returns 0, or -1 with err filled (field and French message).
*/
int cat_doc_check(json_t *doc, struct cat_error *err);

/* Formats of the national nomenclatures' codes: 1 if valid. */
int nsf_code_valid(const char *code);
int rome_code_valid(const char *code);
int formacode_valid(const char *code);

/* Canonical form: keys sorted, compact. Caller frees. */
char *cat_doc_canonical(const json_t *doc);

/* Hex SHA-256 of the canonical form into out[65]. */
void cat_doc_hash(const json_t *doc, char out[65]);

/*
** R-CAT-9: the registry data of a fiche update a branch certification.
** Returns a new document: branch with every register field taken from
** fiche (title, level, codes, routes, dates, legal basis, …) and the
** referential (activities, competences, criteria) kept from branch. A
** block of the fiche is matched by code; new blocks are added.
*/
json_t *cat_merge_fiche(const json_t *branch, const json_t *fiche);

/* 1 if the fiche's certifier is the metallurgy branch (UIMM / CPNE). */
int cat_is_branch_certifier(const json_t *fiche);

/* Appends the folded search text of doc (title, codes, NSF, ROME, level,
** blocks) to out. */
void cat_search_text(const json_t *doc, struct buf *out);

/* Space-separated list of the codes of array key ("nsf", "rome") into out. */
void cat_codes(const json_t *doc, const char *key, struct buf *out);

/* Convenience: string member or "" (never NULL). */
const char *jstr(const json_t *obj, const char *key);

#endif
