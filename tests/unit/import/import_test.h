/*
** Helpers shared by the importer tests: scratch folders, files written
** from strings, and sinks that collect what the importers hand over.
*/
#ifndef CQPM_IMPORT_TEST_H
#define CQPM_IMPORT_TEST_H
#include "import/import.h"
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* New empty folder under TMPDIR (or P_tmpdir); the caller frees it. */
static inline char *tt_mkdtemp(void)
{
	const char *t = getenv("TMPDIR");
	char tpl[512];

	snprintf(tpl, sizeof tpl, "%s/cqpm-import-test-XXXXXX",
		t && *t ? t : P_tmpdir);
	if (!mkdtemp(tpl))
		return NULL;
	return strdup(tpl);
}

/* Removes a folder and everything in it (sub-folders
 * are removed too). */
static inline void tt_rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = malloc(n);
		snprintf(p, n, "%s/%s", dir, e->d_name);
		if (!lstat(p, &st) && S_ISDIR(st.st_mode))
			tt_rmtree(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Number of entries in a folder (without . and ..), -1 if unreadable. */
static inline int tt_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Writes n bytes to dir/name; returns the path (static buffer). */
static inline const char *tt_write(const char *dir, const char *name,
	const void *data, size_t n)
{
	static char p[1024];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "wb");
	if (!f)
		return NULL;
	fwrite(data, 1, n, f);
	fclose(f);
	return p;
}

/* Writes the string s to dir/name (see tt_write). */
static inline const char *tt_write_str(const char *dir, const char *name,
	const char *s)
{
	return tt_write(dir, name, s, strlen(s));
}

/* A sink keeping every document in an array (json_incref). */
struct tt_fiches {
	json_t *docs;
	int stop_at;     /* > 0: return stop_rc at this (1-based) fiche */
	int stop_rc;
};

/* The sink of struct tt_fiches. */
static inline int tt_collect(void *arg, json_t *doc)
{
	struct tt_fiches *f = arg;

	if (!f->docs)
		f->docs = json_array();
	json_array_append(f->docs, doc);
	if (f->stop_at && (int)json_array_size(f->docs) == f->stop_at)
		return f->stop_rc;
	return 0;
}

/* The collected document whose code is `code`, or NULL. */
static inline json_t *tt_find(const struct tt_fiches *f, const char *code)
{
	size_t i;
	json_t *d;

	json_array_foreach(f->docs, i, d) {
		const char *c = json_string_value(json_object_get(d, "code"));
		if (c && !strcmp(c, code))
			return d;
	}
	return NULL;
}

/* String at a "/"-separated path in doc (array indexes as numbers), or
 * NULL when absent or not a string. */
static inline const char *tt_str(json_t *doc, const char *path)
{
	char buf[256], *save = NULL, *tok;
	json_t *v = doc;

	snprintf(buf, sizeof buf, "%s", path);
	for (tok = strtok_r(buf, "/", &save); tok && v;
	     tok = strtok_r(NULL, "/", &save)) {
		if (json_is_array(v))
			v = json_array_get(v, (size_t)atoi(tok));
		else
			v = json_object_get(v, tok);
	}
	return json_string_value(v);
}

/* Value at a path (as tt_str), any type. */
static inline json_t *tt_get(json_t *doc, const char *path)
{
	char buf[256], *save = NULL, *tok;
	json_t *v = doc;

	snprintf(buf, sizeof buf, "%s", path);
	for (tok = strtok_r(buf, "/", &save); tok && v;
	     tok = strtok_r(NULL, "/", &save)) {
		if (json_is_array(v))
			v = json_array_get(v, (size_t)atoi(tok));
		else
			v = json_object_get(v, tok);
	}
	return v;
}

/* -1 for null or absent, 0 false, 1 true, 2 other. */
static inline int tt_bool(json_t *doc, const char *path)
{
	json_t *v = tt_get(doc, path);
	if (!v || json_is_null(v))
		return -1;
	if (json_is_boolean(v))
		return json_is_true(v);
	return 2;
}

#endif
