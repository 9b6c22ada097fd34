/* test-hex-layout.c: the hex view's row geometry, without a display
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmview-format.h"
#include "shmview-hex-layout.h"

static void
test_columns (void)
{
  ShmviewHexLayout l;

  g_test_summary ("A 16-byte row: 8 offset digits, two spaces, pairs in groups of 8, three "
                  "spaces, the characters");
  shmview_hex_layout_init (&l, 4096, 16);
  g_assert_cmpuint (l.n_digits, ==, 8);
  g_assert_cmpuint (l.hex_x0, ==, 10);
  g_assert_cmpuint (shmview_hex_layout_hex_char (&l, 0), ==, 10);
  g_assert_cmpuint (shmview_hex_layout_hex_char (&l, 7), ==, 31);
  g_assert_cmpuint (shmview_hex_layout_hex_char (&l, 8), ==, 35);   /* the group gap */
  g_assert_cmpuint (shmview_hex_layout_hex_char (&l, 15), ==, 56);
  g_assert_cmpuint (l.ascii_x0, ==, 61);                              /* 56 + 2 + 3 */
  g_assert_cmpuint (shmview_hex_layout_ascii_char (&l, 15), ==, 76);
  g_assert_cmpuint (l.n_chars, ==, 77);
}

static void
test_offset_digits (void)
{
  g_test_summary ("The offset column widens only when the last offset needs it");
  g_assert_cmpuint (shmview_hex_layout_offset_digits (0), ==, 8);
  g_assert_cmpuint (shmview_hex_layout_offset_digits (G_GUINT64_CONSTANT (1) << 32), ==, 8);
  g_assert_cmpuint (shmview_hex_layout_offset_digits ((G_GUINT64_CONSTANT (1) << 32) + 1), ==, 9);
  g_assert_cmpuint (shmview_hex_layout_offset_digits (G_MAXUINT64), ==, 16);
  g_assert_cmpuint (shmview_hex_layout_n_rows (0, 16), ==, 0);
  g_assert_cmpuint (shmview_hex_layout_n_rows (17, 16), ==, 2);
  g_assert_cmpuint (shmview_hex_layout_n_rows (G_MAXUINT64, 256), ==, G_MAXUINT64 / 256 + 1);
}

static void
test_span (void)
{
  ShmviewHexLayout l;
  guint first, n;

  g_test_summary ("A run of bytes covers its pairs and the gaps between, or its characters");
  shmview_hex_layout_init (&l, 256, 16);
  shmview_hex_layout_span (&l, SHMVIEW_HEX_LAYOUT_HEX, 6, 9, &first, &n);
  g_assert_cmpuint (first, ==, 28);
  g_assert_cmpuint (n, ==, shmview_hex_layout_hex_char (&l, 9) + 2 - 28);
  shmview_hex_layout_span (&l, SHMVIEW_HEX_LAYOUT_ASCII, 6, 9, &first, &n);
  g_assert_cmpuint (first, ==, l.ascii_x0 + 6);
  g_assert_cmpuint (n, ==, 4);
}

static void
test_fit (void)
{
  ShmviewHexLayout l;
  guint w;

  g_test_summary ("Fit to width picks the widest multiple of 8 that fits, 8 at least");
  shmview_hex_layout_init (&l, 4096, 32);
  w = shmview_hex_layout_fit_row_width (4096, 10.0, 6, shmview_hex_layout_width_px (&l, 10.0, 6));
  g_assert_cmpuint (w, ==, 32);
  w = shmview_hex_layout_fit_row_width (4096, 10.0, 6, shmview_hex_layout_width_px (&l, 10.0, 6) - 1);
  g_assert_cmpuint (w, ==, 24);
  g_assert_cmpuint (shmview_hex_layout_fit_row_width (4096, 10.0, 6, 1), ==, 8);
  g_assert_cmpuint (shmview_hex_layout_fit_row_width (4096, 0.5, 0, 100000), ==,
                    SHMVIEW_HEX_LAYOUT_MAX_ROW);
}

static void
test_hit (void)
{
  ShmviewHexLayout l;
  ShmviewHexLayoutColumn column;
  guint i, nibble;

  g_test_summary ("Hit testing: each digit, the gaps, both margins and the ASCII column");
  shmview_hex_layout_init (&l, 4096, 16);
  for (guint b = 0; b < 16; b++)
    {
      shmview_hex_layout_hit (&l, shmview_hex_layout_hex_char (&l, b) + 0.5, &i, &column, &nibble);
      g_assert_cmpuint (i, ==, b);
      g_assert_cmpint (column, ==, SHMVIEW_HEX_LAYOUT_HEX);
      g_assert_cmpuint (nibble, ==, 0);
      shmview_hex_layout_hit (&l, shmview_hex_layout_hex_char (&l, b) + 1.5, &i, &column, &nibble);
      g_assert_cmpuint (i, ==, b);
      g_assert_cmpuint (nibble, ==, 1);
      shmview_hex_layout_hit (&l, shmview_hex_layout_ascii_char (&l, b) + 0.5, &i, &column, &nibble);
      g_assert_cmpuint (i, ==, b);
      g_assert_cmpint (column, ==, SHMVIEW_HEX_LAYOUT_ASCII);
    }
  shmview_hex_layout_hit (&l, -3.0, &i, &column, &nibble);        /* left of the offsets */
  g_assert_cmpuint (i, ==, 0);
  g_assert_cmpint (column, ==, SHMVIEW_HEX_LAYOUT_HEX);
  shmview_hex_layout_hit (&l, 34.5, &i, &column, &nibble);        /* the group gap */
  g_assert_cmpuint (i, ==, 7);
  shmview_hex_layout_hit (&l, 500.0, &i, &column, &nibble);       /* far right */
  g_assert_cmpuint (i, ==, 15);
  g_assert_cmpint (column, ==, SHMVIEW_HEX_LAYOUT_ASCII);
}

/* Every byte of rows the core formats maps to the character that shows it,
 * and that character back to the byte. */
static void
test_dump (void)
{
  const guint64 offsets[] = { 0, 0x10, G_GUINT64_CONSTANT (0x1234567890) };

  g_test_summary ("hexdump -C rows (8 or more offset digits, short last rows): byte to "
                  "character and back, checked against shmview_format_hex_row");
  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    for (guint n = 1; n <= SHMVIEW_HEX_DUMP_ROW; n += 7)
      {
        guint8 bytes[SHMVIEW_HEX_DUMP_ROW];
        char out[SHMVIEW_HEX_ROW_MAX];
        gsize len;
        guint hits = 0;

        for (guint b = 0; b < n; b++)
          bytes[b] = (guint8) (0x41 + b);
        len = shmview_format_hex_row (out, offsets[k], bytes, n);
        for (guint b = 0; b < n; b++)
          {
            guint h = shmview_hex_dump_char (offsets[k], b, SHMVIEW_HEX_LAYOUT_HEX);
            guint a = shmview_hex_dump_char (offsets[k], b, SHMVIEW_HEX_LAYOUT_ASCII);
            char pair[3];

            g_snprintf (pair, sizeof pair, "%02x", bytes[b]);
            g_assert_cmpint (h + 1, <, len);
            g_assert_cmpmem (out + h, 2, pair, 2);
            g_assert_cmpint (out[a], ==, (char) bytes[b]);
          }
        for (guint col = 0; col < len; col++)
          {
            ShmviewHexLayoutColumn column;
            guint i;

            if (!shmview_hex_dump_hit (offsets[k], n, col, &i, &column))
              continue;
            hits++;
            g_assert_cmpuint (i, <, n);
            if (column == SHMVIEW_HEX_LAYOUT_ASCII)
              g_assert_cmpuint (col, ==, shmview_hex_dump_char (offsets[k], i, column));
            else
              g_assert_cmpuint (col - shmview_hex_dump_char (offsets[k], i, column), <=, 1);
          }
        g_assert_cmpuint (hits, ==, 3 * n);  /* two digits and a character each */
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/app/hex-layout/columns", test_columns);
  g_test_add_func ("/app/hex-layout/offset-digits", test_offset_digits);
  g_test_add_func ("/app/hex-layout/span", test_span);
  g_test_add_func ("/app/hex-layout/fit", test_fit);
  g_test_add_func ("/app/hex-layout/hit", test_hit);
  g_test_add_func ("/app/hex-layout/dump", test_dump);
  return g_test_run ();
}
