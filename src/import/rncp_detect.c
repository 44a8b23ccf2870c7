/*
** Format detection of an RNCP export by its content: a zip archive (the
** CSV export as published), a folder (the CSV export unpacked) or an XML
** document (the XML flux).
*/
#include "import/import.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/*
** Tells the format of path: RNCP_CSV_DIR for a folder, RNCP_CSV_ZIP when
** the file starts with the zip local header magic "PK\3\4", RNCP_XML when
** its first non-blank characters (after an optional UTF-8 byte order mark)
** are an XML declaration, a comment or the <FICHES> root, else
** RNCP_UNKNOWN. Only the first bytes are read.
*/
enum rncp_format rncp_detect(const char *path)
{
	unsigned char b[512];
	struct stat st;
	size_t n, i = 0;
	FILE *f;

	if (!path || stat(path, &st))
		return RNCP_UNKNOWN;
	if (S_ISDIR(st.st_mode))
		return RNCP_CSV_DIR;
	if (!S_ISREG(st.st_mode))
		return RNCP_UNKNOWN;
	f = fopen(path, "rb");
	if (!f)
		return RNCP_UNKNOWN;
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n >= 4 && !memcmp(b, "PK\x03\x04", 4))
		return RNCP_CSV_ZIP;
	if (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			 b[i] == '\n'))
		i++;
	if ((n - i >= 5 && !memcmp(b + i, "<?xml", 5)) ||
	    (n - i >= 4 && !memcmp(b + i, "<!--", 4)) ||
	    (n - i >= 7 && !memcmp(b + i, "<FICHES", 7)))
		return RNCP_XML;
	return RNCP_UNKNOWN;
}
