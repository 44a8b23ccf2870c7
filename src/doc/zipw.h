/*
** A streaming zip writer: the documents of a whole jury (hundreds of
** PDFs) in one archive written through the caller's function as they
** are made, never held in memory nor in a temporary file.
**
** Why not libzip (which the importer uses to read): libzip writes an
** archive when it is closed, from sources it reads then, and needs an
** output it can seek and read back (zip_source_function with
** ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE…): every PDF would have
** to stay in memory or in a file until the end, and a network response
** cannot seek. A stored (uncompressed) archive is simple to stream: a
** PDF is already compressed, so nothing is lost.
**
** Entries are stored (method 0) with their CRC-32 (zlib's crc32) and
** sizes in a data descriptor after the data (general purpose flag bit 3),
** names in UTF-8 (bit 11), the date and time of every entry the caller's
** (reproducible bytes). No ZIP64: at most ZIPW_MAX_ENTRIES entries and
** 4 GiB − 1 in all, beyond which writing fails.
**
** Errors are sticky: after a failure every call returns -1.
*/
#ifndef CQPM_DOC_ZIPW_H
#define CQPM_DOC_ZIPW_H
#include <stddef.h>
#include <stdint.h>

#define ZIPW_MAX_ENTRIES 65535
#define ZIPW_NAME_MAX 255

/* Receives the next len bytes of the archive; returns 0, or -1 to abort. */
typedef int (*zipw_write_fn)(void *arg, const unsigned char *data, size_t len);

struct zipw;

/* A new archive written through write(arg, …); timestamp "YYYY-MM-DDThh:mm:ss"
** (the rest ignored) dates every entry, NULL or malformed: 1980-01-01 00:00. */
struct zipw *zipw_open(zipw_write_fn write, void *arg, const char *timestamp);

/*
** Refuses an entry name: returns a French message, or NULL when name is
** 1..ZIPW_NAME_MAX bytes of valid UTF-8 without control characters,
** backslash, leading "/", or a ".." part.
*/
const char *zipw_name_check(const char *name);

/* Starts an entry; its bytes follow through zipw_data, zipw_end ends it.
** Returns 0 or -1 (bad name, an entry already open, too many entries). */
int zipw_begin(struct zipw *z, const char *name);
/* The next bytes of the open entry. Has the signature of pdf_write_fn, so
** that a PDF is written straight into the archive (arg is the zipw). */
int zipw_data(void *z, const unsigned char *data, size_t len);
int zipw_end(struct zipw *z);
/* One entry of data[0..len) at once. */
int zipw_add(struct zipw *z, const char *name, const void *data, size_t len);

/* Entries written so far, bytes written so far. */
size_t zipw_entries(const struct zipw *z);
uint64_t zipw_bytes(const struct zipw *z);

/* Ends the open entry if any, writes the central directory, frees z.
** Returns 0, or -1 if anything failed (the archive is unusable). */
int zipw_close(struct zipw *z);
/* Frees z without finishing the archive (after a failure elsewhere). */
void zipw_abort(struct zipw *z);

#endif
