/* test-format.c: hexdump -C rows, C arrays, hex text, C strings, sizes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hexdump writer is compared byte for byte with the real /usr/bin/hexdump
 * on the same bytes (skipped, saying so, where hexdump is missing).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "shmview-format.h"
#include "test-util.h"

#define HEXDUMP "/usr/bin/hexdump"
#define GiB (G_GUINT64_CONSTANT (1) << 30)

/* Our dump of @data (shown at @start), fed in pieces of random size up to
 * @max_piece (1: byte by byte). */
static char *
our_dump (const guint8 *data,
          gsize         len,
          guint64       start,
          gsize         max_piece)
{
  GString *out = g_string_new (NULL);
  ShmviewHexdump hd;
  gsize done = 0;

  shmview_hexdump_init (&hd, start);
  while (done < len)
    {
      gsize piece = (gsize) g_random_int_range (1, (gint) max_piece + 1);

      piece = MIN (piece, len - done);

      shmview_hexdump_feed (&hd, data + done, piece, out);
      done += piece;
    }
  shmview_hexdump_finish (&hd, out);
  return g_string_free (out, FALSE);
}

/* The real hexdump -C of @path, from @skip for @length bytes (-1: to the end). */
static char *
real_dump (const char *path,
           guint64     skip,
           gint64      length)
{
  g_autofree char *skip_arg = g_strdup_printf ("%" G_GUINT64_FORMAT, skip);
  g_autofree char *length_arg = g_strdup_printf ("%" G_GINT64_FORMAT, length);
  const char *with_length[] = { HEXDUMP, "-C", "-s", skip_arg, "-n", length_arg, path, NULL };
  const char *to_end[] = { HEXDUMP, "-C", "-s", skip_arg, path, NULL };
  const char **argv = length >= 0 ? with_length : to_end;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
skip_without_hexdump (void)
{
  if (!g_file_test (HEXDUMP, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no " HEXDUMP " to compare with (install bsdextrautils)");
      return TRUE;
    }
  return FALSE;
}

/* Random rows, with runs of repeated rows, repeats of older rows, rows of
 * zeros and a row that repeats only in part, so every squeeze case shows up. */
static guint8 *
make_test_data (gsize len)
{
  guint8 *data = g_malloc (len);

  for (gsize row = 0; row * 16 < len; row++)
    {
      gsize at = row * 16;
      gsize n = MIN (16, len - at);

      switch (g_random_int_range (0, 8))
        {
        case 0:
        case 1:
        case 2:
          if (row > 0)
            {
              memcpy (data + at, data + at - 16, n);   /* repeat the row before */
              break;
            }
          G_GNUC_FALLTHROUGH;
        case 3:
          memset (data + at, 0, n);
          break;
        case 4:
          if (row > 2)
            {
              memcpy (data + at, data + at - 48, n);   /* an older row again */
              break;
            }
          G_GNUC_FALLTHROUGH;
        case 5:
          if (row > 0)
            {
              memcpy (data + at, data + at - 16, n);
              data[at + g_random_int_range (0, (gint) n)] ^= 0x01;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          for (gsize i = 0; i < n; i++)
            data[at + i] = (guint8) g_random_int ();
        }
    }
  return data;
}

static char *
write_temp_file (const char   *basename,
                 const guint8 *data,
                 gsize         len)
{
  char *path = shmview_test_temp_path (basename);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_hexdump_matches_real (void)
{
  static const gsize lengths[] = { 1, 15, 16, 17, 31, 32, 33, 48, 100, 255, 256, 4096, 4099, 65543 };

  g_test_summary ("The streaming dump equals `hexdump -C` byte for byte on random data with "
                  "repeated rows, for many lengths and feed sizes");

  if (skip_without_hexdump ())
    return;

  for (gsize l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint round = 0; round < 4; round++)
      {
        gsize len = lengths[l];
        g_autofree guint8 *data = make_test_data (len);
        g_autofree char *path = write_temp_file ("random.bin", data, len);
        g_autofree char *expected = real_dump (path, 0, -1);
        gsize piece = round == 0 ? 1 : round == 1 ? len : (gsize) g_random_int_range (1, 100);
        g_autofree char *ours = our_dump (data, len, 0, piece);

        g_test_message ("length %" G_GSIZE_FORMAT ", pieces up to %" G_GSIZE_FORMAT, len, piece);
        g_assert_cmpstr (ours, ==, expected);
      }
}

static void
test_hexdump_matches_real_with_skip (void)
{
  const gsize len = 3000;
  g_autofree guint8 *data = make_test_data (len);
  g_autofree char *path = write_temp_file ("skip.bin", data, len);

  g_test_summary ("With a start offset that is not a multiple of 16, and a length, the dump "
                  "equals `hexdump -C -s OFF -n LEN`: rows start at the offset itself");

  if (skip_without_hexdump ())
    return;

  for (guint i = 0; i < 200; i++)
    {
      gsize skip = (gsize) g_random_int_range (0, (gint) len);
      gsize n = (gsize) g_random_int_range (1, (gint) (len - skip + 1));
      g_autofree char *expected = NULL;
      g_autofree char *ours = NULL;

      if (i < 17)
        {
          skip = i;   /* every small misalignment, to the end */
          n = len - skip;
        }
      expected = real_dump (path, skip, (gint64) n);
      ours = our_dump (data + skip, n, skip, (gsize) g_random_int_range (1, 64));
      g_test_message ("-s %" G_GSIZE_FORMAT " -n %" G_GSIZE_FORMAT, skip, n);
      g_assert_cmpstr (ours, ==, expected);
    }
}

static void
test_hexdump_nothing_to_show (void)
{
  g_autofree char *path = write_temp_file ("ten.bin", (const guint8 *) "0123456789", 10);
  g_autofree char *at_zero = our_dump (NULL, 0, 0, 1);
  g_autofree char *at_ten = our_dump (NULL, 0, 10, 1);

  g_test_summary ("No bytes at offset 0 print nothing; no bytes at offset 10 print the closing "
                  "offset alone, as `hexdump -C -s 10` of a 10-byte file does");

  g_assert_cmpstr (at_zero, ==, "");
  g_assert_cmpstr (at_ten, ==, "0000000a\n");

  if (skip_without_hexdump ())
    return;
  {
    g_autofree char *empty_path = write_temp_file ("empty.bin", (const guint8 *) "", 0);
    g_autofree char *real_zero = real_dump (empty_path, 0, -1);
    g_autofree char *real_ten = real_dump (path, 10, -1);

    g_assert_cmpstr (at_zero, ==, real_zero);
    g_assert_cmpstr (at_ten, ==, real_ten);
  }
}

static void
test_hexdump_above_4gib (void)
{
  const guint64 base = 4 * GiB - 40;
  const gsize len = 200;
  g_autofree guint8 *data = g_malloc (len);
  g_autofree char *path = shmview_test_temp_path ("sparse.bin");
  g_autofree char *expected = NULL;
  g_autofree char *ours = NULL;
  int fd;

  g_test_summary ("Offsets at and above 4 GiB print with more digits, exactly as hexdump "
                  "prints them (a sparse file, so nothing big is written)");

  if (skip_without_hexdump ())
    return;

  /* No repeated rows, so every wide offset shows. */
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) i;
  fd = open (path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  if (ftruncate (fd, (off_t) (base + len)) != 0
      || pwrite (fd, data, len, (off_t) base) != (ssize_t) len)
    {
      int errsv = errno;

      close (fd);
      g_unlink (path);
      g_test_skip_printf ("cannot make a sparse file past 4 GiB here: %s", g_strerror (errsv));
      return;
    }
  close (fd);

  expected = real_dump (path, base, (gint64) len);
  ours = our_dump (data, len, base, 37);
  g_unlink (path);

  g_assert_cmpstr (ours, ==, expected);
  g_assert_nonnull (strstr (ours, "\n100000008  "));
  g_assert_true (g_str_has_suffix (ours, "\n1000000a0\n"));
}

static void
test_hex_row_exact (void)
{
  static const guint8 ez[16] = "ezhchai";
  char row[SHMVIEW_HEX_ROW_MAX];
  gsize n;

  g_test_summary ("Single rows: full, short, wide offsets, the ASCII column's dots");

  n = shmview_format_hex_row (row, 0x10, ez, 16);
  g_assert_cmpmem (row, n,
                   "00000010  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  |ezhchai.........|\n", 79);

  n = shmview_format_hex_row (row, 0, ez, 7);
  g_assert_cmpmem (row, n,
                   "00000000  65 7a 68 63 68 61 69                              |ezhchai|\n", 70);

  n = shmview_format_hex_row (row, 0x30, (const guint8 *) "aaaaaaaaaaaaab", 13);
  g_assert_cmpmem (row, n,
                   "00000030  61 61 61 61 61 61 61 61  61 61 61 61 61           |aaaaaaaaaaaaa|\n", 76);

  n = shmview_format_hex_row (row, 0x30, (const guint8 *) "\x1f\x20\x7e\x7f\x80\xff\x00", 7);
  g_assert_cmpmem (row, n,
                   "00000030  1f 20 7e 7f 80 ff 00                              |. ~....|\n", 70);

  n = shmview_format_hex_row (row, G_GUINT64_CONSTANT (0x100000000), ez, 1);
  g_assert_cmpmem (row, n,
                   "100000000  65                                                |e|\n", 65);

  n = shmview_format_hex_row (row, G_MAXUINT64 - 15, ez, 16);
  g_assert_cmpuint (n, <=, SHMVIEW_HEX_ROW_MAX);
  g_assert_cmpmem (row, n,
                   "fffffffffffffff0  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  |ezhchai.........|\n", 87);
}

static void
test_hexdump_squeeze_exact (void)
{
  guint8 data[16 * 6 + 5] = { 0 };
  g_autofree char *dump = NULL;

  g_test_summary ("A run of equal rows prints once, then one “*”, and resumes at the next "
                  "different row; the short last row prints even when it matches");

  memset (data + 48, 'x', 16);
  dump = our_dump (data, sizeof data, 0, 1000);
  g_assert_cmpstr (dump, ==,
                   "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                   "*\n"
                   "00000030  78 78 78 78 78 78 78 78  78 78 78 78 78 78 78 78  |xxxxxxxxxxxxxxxx|\n"
                   "00000040  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                   "*\n"
                   "00000060  00 00 00 00 00                                    |.....|\n"
                   "00000065\n");
}

static void
test_hexdump_all_same_large (void)
{
  gsize len = 1 << 20;
  g_autofree guint8 *data = g_malloc (len);
  g_autofree char *dump = NULL;

  g_test_summary ("A megabyte of one value squeezes to three lines");

  memset (data, 0xab, len);
  dump = our_dump (data, len, 0, 70000);
  g_assert_cmpstr (dump, ==,
                   "00000000  ab ab ab ab ab ab ab ab  ab ab ab ab ab ab ab ab  |................|\n"
                   "*\n"
                   "00100000\n");
}

static void
test_hex_text (void)
{
  g_autofree char *empty = shmview_format_hex_text (NULL, 0);
  g_autofree char *one = shmview_format_hex_text ((const guint8 *) "\x0a", 1);
  g_autofree char *four = shmview_format_hex_text ((const guint8 *) "\xde\xad\xbe\xef", 4);
  guint8 all[256];
  g_autofree char *every = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);

  g_test_summary ("Hex text is lower-case pairs with single spaces, nothing trailing");

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (one, ==, "0a");
  g_assert_cmpstr (four, ==, "de ad be ef");

  for (guint i = 0; i < 256; i++)
    {
      all[i] = (guint8) i;
      g_string_append_printf (expected, i ? " %02x" : "%02x", i);
    }
  every = shmview_format_hex_text (all, 256);
  g_assert_cmpstr (every, ==, expected->str);
}

static void
test_c_array (void)
{
  static const guint8 ez[13] = "ezhchai";
  g_autofree char *arr = shmview_format_c_array (ez, sizeof ez, "MapTrans");
  g_autofree char *odd_name = shmview_format_c_array (ez, 1, "3d-model.bin");
  g_autofree char *no_name = shmview_format_c_array (ez, 12, NULL);
  g_autofree char *empty = shmview_format_c_array (NULL, 0, "");

  g_test_summary ("C arrays: 12 bytes a line, no trailing comma, the name made an identifier");

  g_assert_cmpstr (arr, ==,
                   "unsigned char maptrans[13] = {\n"
                   "  0x65, 0x7a, 0x68, 0x63, 0x68, 0x61, 0x69, 0x00, 0x00, 0x00, 0x00, 0x00,\n"
                   "  0x00\n"
                   "};\n");
  g_assert_cmpstr (odd_name, ==, "unsigned char _3d_model_bin[1] = {\n  0x65\n};\n");
  g_assert_cmpstr (no_name, ==,
                   "unsigned char data[12] = {\n"
                   "  0x65, 0x7a, 0x68, 0x63, 0x68, 0x61, 0x69, 0x00, 0x00, 0x00, 0x00, 0x00\n"
                   "};\n");
  g_assert_cmpstr (empty, ==, "unsigned char data[0] = {\n};\n");
}

static void
test_c_array_streamed (void)
{
  static const gsize pieces[] = { 1, 5, 12, 13, 100, 1000 };
  g_autofree guint8 *data = g_malloc (1000);
  g_autofree char *whole = NULL;

  g_test_summary ("A C array fed a piece at a time, in pieces of any size, is the one made "
                  "in one go");

  for (gsize i = 0; i < 1000; i++)
    data[i] = (guint8) (i * 37);
  whole = shmview_format_c_array (data, 1000, "pieces");
  for (gsize p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      ShmviewCArray array;

      shmview_c_array_init (&array, "pieces", 1000, out);
      for (gsize at = 0; at < 1000; at += pieces[p])
        shmview_c_array_feed (&array, data + at, MIN (pieces[p], 1000 - at), out);
      shmview_c_array_finish (&array, out);
      g_assert_cmpstr (out->str, ==, whole);
    }
}

static void
test_c_array_compiles_back (void)
{
  g_autofree guint8 *data = make_test_data (1000);
  g_autofree char *text = shmview_format_c_array (data, 1000, "x");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gsize k = 0;

  g_test_summary ("Every byte of a C array reads back in order");

  for (guint i = 1; lines[i] != NULL && lines[i][0] == ' '; i++)
    {
      g_auto(GStrv) items = g_strsplit (g_strstrip (lines[i]), ",", -1);

      for (guint j = 0; items[j] != NULL; j++)
        {
          if (*g_strstrip (items[j]) == '\0')
            continue;
          g_assert_cmpuint (k, <, 1000);
          g_assert_cmpuint (g_ascii_strtoull (items[j], NULL, 16), ==, data[k]);
          k++;
        }
    }
  g_assert_cmpuint (k, ==, 1000);
}

static void
test_c_string (void)
{
  g_autofree char *ez = shmview_format_c_string ((const guint8 *) "ezhchai\0junk", 12);
  g_autofree char *no_nul = shmview_format_c_string ((const guint8 *) "abcdef", 3);
  g_autofree char *first = shmview_format_c_string ((const guint8 *) "\0abc", 4);
  g_autofree char *empty = shmview_format_c_string (NULL, 0);
  g_autofree char *raw = shmview_format_c_string ((const guint8 *) "\xff\xfe\n", 3);

  g_test_summary ("The C string stops at the first NUL or the end, bytes as they are");

  g_assert_cmpstr (ez, ==, "ezhchai");
  g_assert_cmpstr (no_nul, ==, "abc");
  g_assert_cmpstr (first, ==, "");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (raw, ==, "\xff\xfe\n");
}

static void
test_escaped (void)
{
  static const struct
  {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "MapTrans", "MapTrans" },
    { "", "" },
    { "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac" },
    { "a\nb\tc\rd", "a\\nb\\tc\\rd" },
    { "back\\slash", "back\\\\slash" },
    { "\x01\x1f\x7f", "\\x01\\x1f\\x7f" },
    { "q\xffz\xc3", "q\\xffz\\xc3" },
  };

  g_test_summary ("format_escaped() keeps valid UTF-8, and writes control characters, "
                  "backslashes and bytes that are not UTF-8 as escapes, on one line");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = shmview_format_escaped (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
      g_assert_true (g_utf8_validate (escaped, -1, NULL));
    }
}

static void
test_size (void)
{
  static const struct
  {
    guint64 size;
    const char *text;
  } sizes[] = {
    { 0, "0 bytes" },
    { 1, "1 byte" },
    { 256, "256 bytes" },
    { 1023, "1023 bytes" },
    { 1024, "1 KiB (1024 bytes)" },
    { 1536, "1.5 KiB (1536 bytes)" },
    { 4096, "4 KiB (4096 bytes)" },
    { 1048575, "1.0 MiB (1048575 bytes)" },
    { 1048576, "1 MiB (1048576 bytes)" },
    { 4294967296, "4 GiB (4294967296 bytes)" },
    { 4294967297, "4.0 GiB (4294967297 bytes)" },
    { 5368709120, "5 GiB (5368709120 bytes)" },
    { G_GUINT64_CONSTANT (1) << 40, "1 TiB (1099511627776 bytes)" },
    { G_GUINT64_CONSTANT (3) << 50, "3 PiB (3377699720527872 bytes)" },
    { G_GUINT64_CONSTANT (1) << 60, "1 EiB (1152921504606846976 bytes)" },
    { G_MAXUINT64, "16.0 EiB (18446744073709551615 bytes)" },
  };

  g_test_summary ("Sizes read as a person would say them, with the exact byte count");

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = shmview_format_size (sizes[i].size);

      g_assert_cmpstr (text, ==, sizes[i].text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/format/hex-row-exact", test_hex_row_exact);
  g_test_add_func ("/core/format/hexdump-squeeze-exact", test_hexdump_squeeze_exact);
  g_test_add_func ("/core/format/hexdump-all-same-large", test_hexdump_all_same_large);
  g_test_add_func ("/core/format/hexdump-matches-real", test_hexdump_matches_real);
  g_test_add_func ("/core/format/hexdump-matches-real-with-skip", test_hexdump_matches_real_with_skip);
  g_test_add_func ("/core/format/hexdump-nothing-to-show", test_hexdump_nothing_to_show);
  g_test_add_func ("/core/format/hexdump-above-4gib", test_hexdump_above_4gib);
  g_test_add_func ("/core/format/hex-text", test_hex_text);
  g_test_add_func ("/core/format/c-array", test_c_array);
  g_test_add_func ("/core/format/c-array-streamed", test_c_array_streamed);
  g_test_add_func ("/core/format/c-array-reads-back", test_c_array_compiles_back);
  g_test_add_func ("/core/format/c-string", test_c_string);
  g_test_add_func ("/core/format/size", test_size);
  g_test_add_func ("/core/format/escaped", test_escaped);

  return g_test_run ();
}
