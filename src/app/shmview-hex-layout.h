/* shmview-hex-layout.h: where the hex view puts each byte of a row
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure row geometry, kept apart from the widget (as GHex keeps
 * gtkhex-layout-manager.c apart from gtkhex.c) so it is tested without a
 * display. Positions are in characters of a monospace font; the widget
 * multiplies by its character width.
 *
 *   offset digits | GAP | hex pairs, groups of 8 | GAP | ASCII
 *   00000010        ␣␣    41 42 43 ...  ␣ 49 ...   ␣␣␣  ABC...
 *
 * The same file maps the `hexdump -C` rows the accessible object exposes
 * (16 bytes a row, whatever the view shows) to bytes and back.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which column a character belongs to; the values match ShmviewHexViewColumn. */
typedef enum
{
  SHMVIEW_HEX_LAYOUT_HEX,
  SHMVIEW_HEX_LAYOUT_ASCII,
} ShmviewHexLayoutColumn;

#define SHMVIEW_HEX_LAYOUT_MAX_ROW 256  /* widest row, in bytes */
#define SHMVIEW_HEX_DUMP_ROW 16         /* bytes in a hexdump -C row */

/* Character columns of one row at a given row width. */
typedef struct
{
  guint row_width;  /* bytes per row */
  guint n_digits;   /* offset digits */
  guint hex_x0;     /* first character of the hex column */
  guint ascii_x0;   /* first character of the ASCII column */
  guint n_chars;    /* a full row's length */
} ShmviewHexLayout;

guint    shmview_hex_layout_offset_digits (guint64                 region_size);
void     shmview_hex_layout_init          (ShmviewHexLayout       *l,
                                           guint64                 region_size,
                                           guint                   row_width);
guint64  shmview_hex_layout_n_rows        (guint64                 region_size,
                                           guint                   row_width);
guint    shmview_hex_layout_hex_char      (const ShmviewHexLayout *l,
                                           guint                   i);
guint    shmview_hex_layout_ascii_char    (const ShmviewHexLayout *l,
                                           guint                   i);
/* [*first, first + *n) characters the bytes [a, b] of a row cover in @column. */
void     shmview_hex_layout_span          (const ShmviewHexLayout *l,
                                           ShmviewHexLayoutColumn  column,
                                           guint                   a,
                                           guint                   b,
                                           guint                  *first,
                                           guint                  *n);
/* Pixels a row needs with @padding on both sides. */
int      shmview_hex_layout_width_px      (const ShmviewHexLayout *l,
                                           double                  char_width,
                                           int                     padding);
/* The widest row (a multiple of 8, at least 8) whose text fits @width_px. */
guint    shmview_hex_layout_fit_row_width (guint64                 region_size,
                                           double                  char_width,
                                           int                     padding,
                                           int                     width_px);
/* The byte of a row under character position @col (fractional, may lie
 * outside the text: the nearest byte is taken), its column and, in the hex
 * column, which nibble. */
void     shmview_hex_layout_hit           (const ShmviewHexLayout *l,
                                           double                  col,
                                           guint                  *index,
                                           ShmviewHexLayoutColumn *column,
                                           guint                  *nibble);

/* hexdump -C: the character of byte @i in the row starting at @row_offset. */
guint    shmview_hex_dump_char            (guint64                 row_offset,
                                           guint                   i,
                                           ShmviewHexLayoutColumn  column);
/* The byte of a row of @n bytes at character @col, or FALSE between bytes. */
gboolean shmview_hex_dump_hit             (guint64                 row_offset,
                                           guint                   n,
                                           guint                   col,
                                           guint                  *index,
                                           ShmviewHexLayoutColumn *column);

G_END_DECLS
