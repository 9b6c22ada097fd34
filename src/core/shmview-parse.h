/* shmview-parse.h: parsers for the numbers and bytes people type
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every parser rejects anything it does not understand with
 * SHMVIEW_ERROR_INVALID_ARGUMENT and a message naming the bad character and
 * its position, counted from 1: "Invalid hex digit “g” at position 4 in “de g0”".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sizes: "256", "0x100", "4K", "1M", "2G", "1T" (binary units, case-insensitive,
 * an optional "iB" or "B" after the unit: "4KiB", "4kb"). No sign, no overflow. */
gboolean    shmview_parse_size   (const char  *text,
                                  guint64     *out,
                                  GError     **error);

/* Offsets: decimal or 0x-hex, with the size units above; "+N" and "-N" are
 * relative to @current. The result must be <= @limit, else OUT_OF_RANGE. */
gboolean    shmview_parse_offset (const char  *text,
                                  guint64      current,
                                  guint64      limit,
                                  guint64     *out,
                                  GError     **error);

/* Hex byte text: "de ad", "dead", "0xde,0xad", "DE:AD", mixed separators of
 * space, tab, newline, ',', ':' and '-'. An odd number of digits in a group
 * is an error. An empty text is an error. */
GByteArray *shmview_parse_hex    (const char  *text,
                                  GError     **error);

/* One byte: decimal 0..255, 0x-hex, or a single quoted character 'A'. */
gboolean    shmview_parse_byte   (const char  *text,
                                  guint8      *out,
                                  GError     **error);

/* Permission mode in octal: "600", "0600", "0o600"; at most 07777. */
gboolean    shmview_parse_mode   (const char  *text,
                                  guint       *out,
                                  GError     **error);

G_END_DECLS
