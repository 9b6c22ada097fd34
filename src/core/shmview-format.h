/* shmview-format.h: turning bytes into text (pure functions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One `hexdump -C` row: "00000010  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  |ezhchai.........|"
 * plus '\n'. @n is 1..16 (a short last row pads the hex columns as hexdump does).
 * Offsets above 0xffffffff print with more digits, as hexdump does.
 * Writes into @out, which must hold SHMVIEW_HEX_ROW_MAX bytes; returns the length (no NUL). */
#define SHMVIEW_HEX_ROW_MAX 96
gsize shmview_format_hex_row (char          *out,
                              guint64        offset,
                              const guint8  *row,
                              gsize          n);

/* Streaming `hexdump -C`, byte-for-byte the same output, including the "*" line
 * for repeated rows and the closing offset line. Fast: meant for 256 MiB and more. */
typedef struct
{
  guint64  offset;          /* offset of the next byte fed */
  guint8   pending[16];     /* partial row carried between feeds */
  gsize    n_pending;
  guint8   last_row[16];    /* last full row printed, for squeezing */
  gboolean have_last_row;
  gboolean squeezing;       /* a "*" line was printed for the current run */
} ShmviewHexdump;

void  shmview_hexdump_init   (ShmviewHexdump *hd,
                              guint64         start_offset);
void  shmview_hexdump_feed   (ShmviewHexdump *hd,
                              const guint8   *data,
                              gsize           len,
                              GString        *out);
void  shmview_hexdump_finish (ShmviewHexdump *hd,
                              GString        *out);

/* "de ad be ef": lower-case pairs separated by single spaces (clipboard, watch output). */
char *shmview_format_hex_text (const guint8 *data,
                               gsize         len);

/* A C array initialiser:
 *   unsigned char maptrans[256] = {
 *     0x65, 0x7a, ... (12 a line)
 *   };
 * @name is made a valid C identifier (other characters become '_'). */
char *shmview_format_c_array  (const guint8 *data,
                               gsize         len,
                               const char   *name);

/* The same streamed, a piece at a time (shmtool read --format c of a region
 * of any size): init with the total length, feed, finish. */
typedef struct
{
  guint64 count;   /* bytes fed so far */
} ShmviewCArray;

void  shmview_c_array_init    (ShmviewCArray *array,
                               const char    *name,
                               guint64        length,
                               GString       *out);
void  shmview_c_array_feed    (ShmviewCArray *array,
                               const guint8  *data,
                               gsize          len,
                               GString       *out);
void  shmview_c_array_finish  (ShmviewCArray *array,
                               GString       *out);

/* The C string at the start of @data, up to the first NUL or @len, as puts would
 * print it. Returns a newly allocated string (bytes copied as they are). */
char *shmview_format_c_string (const guint8 *data,
                               gsize         len);

/* Any bytes (a POSIX name may hold all but NUL and '/') as one line of valid
 * UTF-8: "\n", "\t", "\r", "\\" and "\xNN" for control characters, the
 * backslash and bytes that are not UTF-8. For tables and "key: value" lines. */
char *shmview_format_escaped  (const char   *text);
/* The same, shortened to about @max_bytes of @text with "…" in the middle;
 * backslashes left as they are unless @escape_backslash. For messages. */
char *shmview_format_escaped_short (const char *text,
                                    gsize       max_bytes,
                                    gboolean    escape_backslash);

/* How much of a name, spec or value typed by the user a message shows. */
#define SHMVIEW_MESSAGE_TEXT_MAX 96

/* "256 bytes", "4 KiB (4096 bytes)", "4 GiB (4294967296 bytes)": untranslated
 * helpers for the CLI; the app formats with g_format_size_full. */
char *shmview_format_size     (guint64       size);

G_END_DECLS
