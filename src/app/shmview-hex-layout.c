/* shmview-hex-layout.c: where the hex view puts each byte of a row
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shmview-hex-layout.h"

#define GAP_OFFSET        2     /* characters between the offset and hex columns */
#define GAP_ASCII         3     /* characters between the hex and ASCII columns */
#define MIN_OFFSET_DIGITS 8
#define GROUP             8     /* bytes in a hex group */
#define GROUP_CHARS       (3 * GROUP + 1)

/* hexdump -C: "%08x  " then "xx " pairs (an extra space after the 8th), "|" */
#define DUMP_HEX          2
#define DUMP_ASCII        (DUMP_HEX + 3 * SHMVIEW_HEX_DUMP_ROW + 2)

/**
 * shmview_hex_layout_offset_digits:
 * @region_size: the region's size
 *
 * Returns: how many hex digits the offset column needs: 8, as hexdump prints
 *   them, or more when the last offset needs them
 */
guint
shmview_hex_layout_offset_digits (guint64 region_size)
{
  guint digits = MIN_OFFSET_DIGITS;

  if (region_size > 0)
    {
      for (guint64 last = (region_size - 1) >> (4 * MIN_OFFSET_DIGITS); last != 0; last >>= 4)
        digits++;
    }
  return digits;
}

/**
 * shmview_hex_layout_init:
 * @l: the layout to fill
 * @region_size: the region's size (it sets the offset column's width)
 * @row_width: bytes per row, a multiple of 8
 */
void
shmview_hex_layout_init (ShmviewHexLayout *l,
                         guint64           region_size,
                         guint             row_width)
{
  guint hex_chars;

  g_return_if_fail (l != NULL);
  g_return_if_fail (row_width >= GROUP);

  hex_chars = 3 * row_width + row_width / GROUP - 2;
  l->row_width = row_width;
  l->n_digits = shmview_hex_layout_offset_digits (region_size);
  l->hex_x0 = l->n_digits + GAP_OFFSET;
  l->ascii_x0 = l->hex_x0 + hex_chars + GAP_ASCII;
  l->n_chars = l->ascii_x0 + row_width;
}

/**
 * shmview_hex_layout_n_rows:
 *
 * Returns: the rows @region_size bytes take, the last one maybe short
 */
guint64
shmview_hex_layout_n_rows (guint64 region_size,
                           guint   row_width)
{
  g_return_val_if_fail (row_width > 0, 0);

  return region_size / row_width + (region_size % row_width != 0);
}

/**
 * shmview_hex_layout_hex_char:
 *
 * Returns: the character of byte @i's high digit in the hex column
 */
guint
shmview_hex_layout_hex_char (const ShmviewHexLayout *l,
                             guint                   i)
{
  return l->hex_x0 + 3 * i + i / GROUP;
}

/**
 * shmview_hex_layout_ascii_char:
 *
 * Returns: the character of byte @i in the ASCII column
 */
guint
shmview_hex_layout_ascii_char (const ShmviewHexLayout *l,
                               guint                   i)
{
  return l->ascii_x0 + i;
}

/**
 * shmview_hex_layout_span:
 * @a: the first byte of the row, @b: the last (@a <= @b)
 * @first: (out): the first character
 * @n: (out): how many characters, gaps between the bytes included
 */
void
shmview_hex_layout_span (const ShmviewHexLayout *l,
                         ShmviewHexLayoutColumn  column,
                         guint                   a,
                         guint                   b,
                         guint                  *first,
                         guint                  *n)
{
  g_return_if_fail (a <= b);

  if (column == SHMVIEW_HEX_LAYOUT_HEX)
    {
      *first = shmview_hex_layout_hex_char (l, a);
      *n = shmview_hex_layout_hex_char (l, b) + 2 - *first;
    }
  else
    {
      *first = shmview_hex_layout_ascii_char (l, a);
      *n = b - a + 1;
    }
}

/**
 * shmview_hex_layout_width_px:
 *
 * Returns: the pixels a row of @l takes at @char_width, @padding included
 */
int
shmview_hex_layout_width_px (const ShmviewHexLayout *l,
                             double                  char_width,
                             int                     padding)
{
  return 2 * padding + (int) (l->n_chars * char_width + 0.999);
}

/**
 * shmview_hex_layout_fit_row_width:
 *
 * Returns: the widest row width, in steps of 8 bytes up to
 *   %SHMVIEW_HEX_LAYOUT_MAX_ROW, whose text fits in @width_px; 8 when none does
 */
guint
shmview_hex_layout_fit_row_width (guint64 region_size,
                                  double  char_width,
                                  int     padding,
                                  int     width_px)
{
  guint best = GROUP;

  for (guint w = 2 * GROUP; w <= SHMVIEW_HEX_LAYOUT_MAX_ROW; w += GROUP)
    {
      ShmviewHexLayout l;

      shmview_hex_layout_init (&l, region_size, w);
      if (shmview_hex_layout_width_px (&l, char_width, padding) > width_px)
        break;
      best = w;
    }
  return best;
}

/**
 * shmview_hex_layout_hit:
 * @col: a character position in the row (0.5 is the middle of the first)
 * @index: (out): the byte, 0 .. row_width - 1
 * @column: (out): the hex or the ASCII column
 * @nibble: (out): 1 on a low digit in the hex column, else 0
 *
 * Positions left of the middle of the gap between the columns go to the hex
 * column, the rest to the ASCII column; gaps go to the byte before them.
 */
void
shmview_hex_layout_hit (const ShmviewHexLayout *l,
                        double                  col,
                        guint                  *index,
                        ShmviewHexLayoutColumn *column,
                        guint                  *nibble)
{
  double split = l->ascii_x0 - GAP_ASCII / 2.0;

  *nibble = 0;
  if (col < split)
    {
      double rel = MAX (col - l->hex_x0, 0.0);
      guint group = (guint) (rel / GROUP_CHARS);
      guint within = (guint) rel % GROUP_CHARS;

      *index = MIN (group * GROUP + MIN (within / 3, GROUP - 1), l->row_width - 1);
      *column = SHMVIEW_HEX_LAYOUT_HEX;
      *nibble = (within % 3 == 1 && within / 3 < GROUP) ? 1 : 0;
    }
  else
    {
      *index = (guint) CLAMP (col - l->ascii_x0, 0.0, l->row_width - 1.0);
      *column = SHMVIEW_HEX_LAYOUT_ASCII;
    }
}

/* Digits hexdump prints for an offset: 8, more past 4 GiB. */
static guint
dump_digits (guint64 row_offset)
{
  guint digits = 8;

  for (guint64 rest = row_offset >> 32; rest != 0; rest >>= 4)
    digits++;
  return digits;
}

/**
 * shmview_hex_dump_char:
 * @row_offset: the offset the row starts at (it sets the offset's width)
 * @i: the byte in the row, 0..15
 *
 * Returns: the character position of byte @i (its high digit in the hex
 *   column) in a `hexdump -C` row, as shmview_format_hex_row() writes it
 */
guint
shmview_hex_dump_char (guint64                row_offset,
                       guint                  i,
                       ShmviewHexLayoutColumn column)
{
  guint digits = dump_digits (row_offset);

  if (column == SHMVIEW_HEX_LAYOUT_ASCII)
    return digits + DUMP_ASCII + 1 + i;
  return digits + DUMP_HEX + 3 * i + (i >= GROUP ? 1 : 0);
}

/**
 * shmview_hex_dump_hit:
 * @n: the bytes the row holds (a last row may be short)
 * @col: a character position in the row
 * @index: (out): the byte there
 * @column: (out): its column
 *
 * Returns: TRUE when @col is on one of the row's bytes (either digit of its
 *   pair, or its ASCII character)
 */
gboolean
shmview_hex_dump_hit (guint64                 row_offset,
                      guint                   n,
                      guint                   col,
                      guint                  *index,
                      ShmviewHexLayoutColumn *column)
{
  guint ascii0 = shmview_hex_dump_char (row_offset, 0, SHMVIEW_HEX_LAYOUT_ASCII);
  guint hex0 = shmview_hex_dump_char (row_offset, 0, SHMVIEW_HEX_LAYOUT_HEX);

  if (col >= ascii0 && col < ascii0 + n)
    {
      *index = col - ascii0;
      *column = SHMVIEW_HEX_LAYOUT_ASCII;
      return TRUE;
    }
  if (col < hex0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint at = shmview_hex_dump_char (row_offset, i, SHMVIEW_HEX_LAYOUT_HEX);

      if (col == at || col == at + 1)
        {
          *index = i;
          *column = SHMVIEW_HEX_LAYOUT_HEX;
          return TRUE;
        }
    }
  return FALSE;
}
