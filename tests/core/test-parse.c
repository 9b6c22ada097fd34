/* test-parse.c: sizes, offsets, hex text, bytes and modes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-parse.h"
#include "test-util.h"

typedef struct
{
  const char *text;
  guint64 value;
} GoodNumber;

typedef struct
{
  const char *text;
  const char *message; /* NULL: only the code is checked */
} Bad;

static void
test_size_good (void)
{
  static const GoodNumber good[] = {
    { "0", 0 },
    { "1", 1 },
    { "256", 256 },
    { "0256", 256 },
    { "0x100", 256 },
    { "0X100", 256 },
    { "0xABCdef", 0xabcdef },
    { "4K", 4096 },
    { "4k", 4096 },
    { "4KB", 4096 },
    { "4kb", 4096 },
    { "4KiB", 4096 },
    { "4kib", 4096 },
    { "256B", 256 },
    { "256b", 256 },
    { "1M", 1 << 20 },
    { "1MiB", 1 << 20 },
    { "2G", G_GUINT64_CONSTANT (2) << 30 },
    { "1T", G_GUINT64_CONSTANT (1) << 40 },
    { "1P", G_GUINT64_CONSTANT (1) << 50 },
    { "15E", G_GUINT64_CONSTANT (15) << 60 },
    { "0x10K", 16 << 10 },
    { "0x1B", 0x1b },       /* B and E are hex digits after 0x */
    { "0x1E", 0x1e },
    { "18446744073709551615", G_MAXUINT64 },
    { "0xffffffffffffffff", G_MAXUINT64 },
    { "17179869183G", G_GUINT64_CONSTANT (17179869183) << 30 },
  };

  g_test_summary ("Sizes in decimal and 0x-hex with binary units K M G T P E, "
                  "optional B or iB, any case");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 value = 12345;

      shmview_test_note ("size", good[i].text);
      g_assert_true (shmview_parse_size (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, good[i].value);
    }
}

static void
test_size_bad (void)
{
  static const Bad bad[] = {
    { "", "Empty size" },
    { "x", "Invalid digit “x” at position 1 in “x”" },
    { "-1", "Invalid digit “-” at position 1 in “-1”" },
    { "+1", "Invalid digit “+” at position 1 in “+1”" },
    { " 1", "Invalid digit (a space) at position 1 in “ 1”" },
    { "1 ", "Invalid character (a space) at position 2 in “1 ”" },
    { "4 K", "Invalid character (a space) at position 2 in “4 K”" },
    { "12x", "Invalid character “x” at position 3 in “12x”" },
    { "0x", "Missing hex digit at the end of “0x”" },
    { "0xg", "Invalid hex digit “g” at position 3 in “0xg”" },
    { "4Ki", "Invalid character “i” at position 3 in “4Ki”" },
    { "4KK", "Invalid character “K” at position 3 in “4KK”" },
    { "4KBB", "Invalid character “B” at position 4 in “4KBB”" },
    { "4X", "Invalid character “X” at position 2 in “4X”" },
    { "1.5M", "Invalid character “.” at position 2 in “1.5M”" },
    { "1e3", "Invalid character “3” at position 3 in “1e3”" },
    { "K", "Invalid digit “K” at position 1 in “K”" },
    { "12\t", "Invalid character “\\t” at position 3 in “12\\t”" },
    { "5€", "Invalid character “€” at position 2 in “5€”" },
    { "€€5x", NULL },
    { "5\xff", "Invalid character “\\xff” at position 2 in “5\\xff”" },
    { "18446744073709551616", "The size “18446744073709551616” is too large (more than 64 bits)" },
    { "0x10000000000000000", "The size “0x10000000000000000” is too large (more than 64 bits)" },
    { "16E", "The size “16E” is too large (more than 64 bits)" },
    { "17179869184G", "The size “17179869184G” is too large (more than 64 bits)" },
    { "99999999999999999999999999", NULL },
  };

  g_test_summary ("Bad sizes are refused with a message naming the character and its position; "
                  "overflow is refused, the output is left alone");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 value = 12345;

      shmview_test_note ("size", bad[i].text);
      g_assert_false (shmview_parse_size (bad[i].text, &value, &error));
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (value, ==, 12345);
    }
}

static void
test_size_position_counts_characters (void)
{
  g_autoptr(GError) error = NULL;
  guint64 value;

  g_test_summary ("Positions count characters from 1, as people do, not bytes, in UTF-8 text");

  g_assert_false (shmview_parse_offset ("+€", 0, 100, &value, &error));
  g_assert_cmpstr (error->message, ==, "Invalid digit “€” at position 2 in “+€”");
  g_clear_error (&error);
  g_assert_false (shmview_parse_hex ("éé", &error));
  g_assert_cmpstr (error->message, ==, "Invalid hex digit “é” at position 1 in “éé”");
  g_clear_error (&error);
  g_assert_null (shmview_parse_hex ("00 é", &error));
  g_assert_cmpstr (error->message, ==, "Invalid hex digit “é” at position 4 in “00 é”");
}

static void
test_offset (void)
{
  static const struct
  {
    const char *text;
    guint64 current;
    guint64 limit;
    guint64 value;
  } good[] = {
    { "0", 50, 100, 0 },
    { "100", 50, 100, 100 },
    { "0x40", 0, 100, 64 },
    { "+10", 50, 100, 60 },
    { "+0x32", 50, 100, 100 },
    { "-50", 50, 100, 0 },
    { "-0x10", 50, 100, 34 },
    { "+0", 7, 7, 7 },
    { "-0", 0, 0, 0 },
    { "4K", 0, 8192, 4096 },
    { "+1K", 1024, 8192, 2048 },
    { "4G", 0, G_GUINT64_CONSTANT (1) << 33, G_GUINT64_CONSTANT (4) << 30 },
    { "0xfffffff0", 0, G_MAXUINT64, 0xfffffff0 },
    { "+1", G_MAXUINT64 - 1, G_MAXUINT64, G_MAXUINT64 },
  };
  static const struct
  {
    const char *text;
    guint64 current;
    guint64 limit;
    int code;
    const char *message;
  } bad[] = {
    { "101", 0, 100, SHMVIEW_ERROR_OUT_OF_RANGE, "Offset “101” is outside 0 … 100 (0x64)" },
    { "+51", 50, 100, SHMVIEW_ERROR_OUT_OF_RANGE, "Offset “+51” is outside 0 … 100 (0x64)" },
    { "-51", 50, 100, SHMVIEW_ERROR_OUT_OF_RANGE, "Offset “-51” is outside 0 … 100 (0x64)" },
    { "-1", 0, 100, SHMVIEW_ERROR_OUT_OF_RANGE, NULL },
    { "+2", G_MAXUINT64 - 1, G_MAXUINT64, SHMVIEW_ERROR_OUT_OF_RANGE, NULL },
    { "1K", 0, 1023, SHMVIEW_ERROR_OUT_OF_RANGE, NULL },
    { "", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Empty offset" },
    { "+", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Missing digit at the end of “+”" },
    { "-", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Missing digit at the end of “-”" },
    { "+-5", 9, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Invalid digit “-” at position 2 in “+-5”" },
    { "--5", 9, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, NULL },
    { "5+", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Invalid character “+” at position 2 in “5+”" },
    { "0x", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Missing hex digit at the end of “0x”" },
    { "-0x", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Missing hex digit at the end of “-0x”" },
    { "12z", 0, 100, SHMVIEW_ERROR_INVALID_ARGUMENT, "Invalid character “z” at position 3 in “12z”" },
    { "+99999999999999999999", 0, G_MAXUINT64, SHMVIEW_ERROR_INVALID_ARGUMENT,
      "The offset “+99999999999999999999” is too large (more than 64 bits)" },
  };

  g_test_summary ("Offsets: absolute or +/- relative to the cursor, units allowed, "
                  "results beyond the limit or below 0 are OUT_OF_RANGE");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 value = 12345;

      shmview_test_note ("offset", good[i].text);
      g_assert_true (shmview_parse_offset (good[i].text, good[i].current, good[i].limit,
                                           &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 value = 12345;

      shmview_test_note ("offset", bad[i].text);
      g_assert_false (shmview_parse_offset (bad[i].text, bad[i].current, bad[i].limit,
                                            &value, &error));
      g_assert_error (error, SHMVIEW_ERROR, bad[i].code);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (value, ==, 12345);
    }
}

static void
test_hex_good (void)
{
  static const struct
  {
    const char *text;
    const char *bytes;
    gsize len;
  } good[] = {
    { "de ad", "\xde\xad", 2 },
    { "dead", "\xde\xad", 2 },
    { "DEAD", "\xde\xad", 2 },
    { "0xde,0xad", "\xde\xad", 2 },
    { "0xde, 0xad", "\xde\xad", 2 },
    { "0XDE 0Xad", "\xde\xad", 2 },
    { "0xdead", "\xde\xad", 2 },
    { "DE:AD", "\xde\xad", 2 },
    { "de-ad-be-ef", "\xde\xad\xbe\xef", 4 },
    { "  de\tad\n\nbe\r\nef  ", "\xde\xad\xbe\xef", 4 },
    { "de,,ad", "\xde\xad", 2 },
    { "00", "\0", 1 },
    { "65 7a 68 63 68 61 69 00", "ezhchai\0", 8 },
    { "657a686368616900", "ezhchai\0", 8 },
    { "0102 03", "\x01\x02\x03", 3 },
  };

  g_test_summary ("Hex byte text with spaces, tabs, newlines, commas, colons, dashes and "
                  "0x prefixes; groups of any even length");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GByteArray) bytes = NULL;

      shmview_test_note ("hex", good[i].text);
      bytes = shmview_parse_hex (good[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (bytes->data, bytes->len, good[i].bytes, good[i].len);
    }
}

static void
test_hex_all_bytes (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Every byte value in upper and lower case parses back");

  for (guint i = 0; i < 256; i++)
    g_string_append_printf (text, i % 2 ? "%02x " : "%02X:", i);
  bytes = shmview_parse_hex (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bytes->len, ==, 256);
  for (guint i = 0; i < 256; i++)
    g_assert_cmpuint (bytes->data[i], ==, i);
  g_string_free (text, TRUE);
}

static void
test_hex_bad (void)
{
  static const Bad bad[] = {
    { "de g0", "Invalid hex digit “g” at position 4 in “de g0”" },
    { "", "Empty hex text (no bytes in it)" },
    { "   ", "Empty hex text (no bytes in it)" },
    { ",:-", "Empty hex text (no bytes in it)" },
    { "abc", "Odd number of hex digits in “abc” at position 1 in “abc”: each byte needs two" },
    { "de a", "Odd number of hex digits in “a” at position 4 in “de a”: each byte needs two" },
    { "0xa", "Odd number of hex digits in “0xa” at position 1 in “0xa”: each byte needs two" },
    { "0x", "“0x” without hex digits at position 1 in “0x”" },
    { "de 0x ad", "“0x” without hex digits at position 4 in “de 0x ad”" },
    { "de;ad", "Invalid hex digit “;” at position 3 in “de;ad”" },
    { "de.ad", "Invalid hex digit “.” at position 3 in “de.ad”" },
    { "dex", "Invalid hex digit “x” at position 3 in “dex”" },
    { "de 0xx1", "Invalid hex digit “x” at position 6 in “de 0xx1”" },
    { "0x0xde", "Invalid hex digit “x” at position 4 in “0x0xde”" },
    { "\\xde", "Invalid hex digit “\\” at position 1 in “\\xde”" },
    { "de\x01", "Invalid hex digit “\\x01” at position 3 in “de\\x01”" },
    { "dé", "Invalid hex digit “é” at position 2 in “dé”" },
    { "de\xff", "Invalid hex digit “\\xff” at position 3 in “de\\xff”" },
  };

  g_test_summary ("Bad hex text is refused with a message naming the bad character and "
                  "its position, odd digit groups and empty text too");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GByteArray) bytes = NULL;

      shmview_test_note ("hex", bad[i].text);
      bytes = shmview_parse_hex (bad[i].text, &error);
      g_assert_null (bytes);
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_byte (void)
{
  static const struct
  {
    const char *text;
    guint8 value;
  } good[] = {
    { "0", 0 }, { "65", 65 }, { "255", 255 }, { "0x41", 0x41 }, { "0xff", 0xff },
    { "0XFF", 0xff }, { "'A'", 'A' }, { "' '", ' ' }, { "'~'", '~' }, { "'\\0'", 0 },
    { "'\\n'", '\n' }, { "'\\t'", '\t' }, { "'\\r'", '\r' }, { "'\\\\'", '\\' },
    { "'\\''", '\'' }, { "'\"'", '"' },
  };
  static const Bad bad[] = {
    { "", "Empty byte" },
    { "256", "Byte value “256” is outside 0 … 255" },
    { "0x100", "Byte value “0x100” is outside 0 … 255" },
    { "1K", "Byte value “1K” is outside 0 … 255" },
    { "-1", "Invalid digit “-” at position 1 in “-1”" },
    { "A", "Invalid digit “A” at position 1 in “A”" },
    { "0x", "Missing hex digit at the end of “0x”" },
    { "12a", "Invalid character “a” at position 3 in “12a”" },
    { "'", "Missing character at the end of “'”: a quoted byte holds one ASCII character, such as 'A'" },
    { "''", "Invalid character “'” at position 2 in “''”: a quoted byte holds one ASCII character, such as 'A'" },
    { "'A", "Missing closing quote at the end of “'A”" },
    { "'AB'", "Invalid character “B” at position 3 in “'AB'”: a quoted byte holds one ASCII character, such as 'A'" },
    { "'A'x", "Invalid character “x” at position 4 in “'A'x”: nothing may follow the closing quote" },
    { "'é'", "Invalid character “é” at position 2 in “'é'”: a quoted byte holds one ASCII character, such as 'A'" },
    { "'\\q'", "Invalid escape “q” at position 3 in “'\\q'”" },
    { "'\\'", "Missing closing quote at the end of “'\\'”" },
    { "99999999999999999999999", "The byte “99999999999999999999999” is too large (more than 64 bits)" },
  };

  g_test_summary ("Bytes: decimal 0..255, 0x-hex or one quoted ASCII character with C escapes");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 value = 123;

      shmview_test_note ("byte", good[i].text);
      g_assert_true (shmview_parse_byte (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 value = 123;

      shmview_test_note ("byte", bad[i].text);
      g_assert_false (shmview_parse_byte (bad[i].text, &value, &error));
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (value, ==, 123);
    }
}

static void
test_mode (void)
{
  static const struct
  {
    const char *text;
    guint value;
  } good[] = {
    { "600", 0600 }, { "0600", 0600 }, { "0o600", 0600 }, { "0O644", 0644 }, { "0", 0 },
    { "7777", 07777 }, { "07777", 07777 }, { "00000644", 0644 }, { "1777", 01777 },
  };
  static const Bad bad[] = {
    { "", "Empty mode" },
    { "0o", "Missing octal digit at the end of “0o”" },
    { "680", "Invalid octal digit “8” at position 2 in “680”" },
    { "69", "Invalid octal digit “9” at position 2 in “69”" },
    { "0x1ff", "Invalid octal digit “x” at position 2 in “0x1ff”" },
    { "rw-", "Invalid octal digit “r” at position 1 in “rw-”" },
    { "-600", "Invalid octal digit “-” at position 1 in “-600”" },
    { "600 ", "Invalid octal digit (a space) at position 4 in “600 ”" },
    { "10000", "Mode “10000” is larger than 07777" },
    { "77777777777777777777777", "Mode “77777777777777777777777” is larger than 07777" },
  };

  g_test_summary ("Modes in octal with an optional 0 or 0o prefix, at most 07777");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 123;

      shmview_test_note ("mode", good[i].text);
      g_assert_true (shmview_parse_mode (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 123;

      shmview_test_note ("mode", bad[i].text);
      g_assert_false (shmview_parse_mode (bad[i].text, &value, &error));
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (value, ==, 123);
    }
}

static void
test_size_exhaustive_units (void)
{
  static const char *const units[] = { "", "K", "M", "G", "T", "P", "E" };
  static const char *const suffixes[] = { "", "b", "B", "ib", "iB", "IB", "Ib" };

  g_test_summary ("Every unit with every suffix spelling, in both cases, scales by 1024^n");

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
      for (guint lower = 0; lower < 2; lower++)
        {
          g_autofree char *unit = lower ? g_ascii_strdown (units[u], -1) : g_strdup (units[u]);
          g_autofree char *text = g_strconcat ("3", unit, suffixes[s], NULL);
          gboolean valid = u > 0 || strlen (suffixes[s]) <= 1;
          g_autoptr(GError) error = NULL;
          guint64 value = 0;

          shmview_test_note ("size", text);
          g_assert_cmpint (shmview_parse_size (text, &value, &error), ==, valid);
          if (valid)
            {
              g_assert_no_error (error);
              g_assert_cmpuint (value, ==, G_GUINT64_CONSTANT (3) << (10 * u));
            }
          else
            g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
        }
}

static void
test_size_random_round_trip (void)
{
  g_test_summary ("Random 64-bit values printed in decimal and hex parse back exactly");

  for (guint i = 0; i < 10000; i++)
    {
      guint64 v = ((guint64) g_random_int () << 32 | g_random_int ()) >> g_random_int_range (0, 64);
      g_autofree char *dec = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
      g_autofree char *hex = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", v);
      guint64 a = 0, b = 0;

      g_assert_true (shmview_parse_size (dec, &a, NULL));
      g_assert_true (shmview_parse_size (hex, &b, NULL));
      g_assert_cmpuint (a, ==, v);
      g_assert_cmpuint (b, ==, v);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/parse/size-good", test_size_good);
  g_test_add_func ("/core/parse/size-bad", test_size_bad);
  g_test_add_func ("/core/parse/size-units", test_size_exhaustive_units);
  g_test_add_func ("/core/parse/size-random", test_size_random_round_trip);
  g_test_add_func ("/core/parse/position-counts-characters", test_size_position_counts_characters);
  g_test_add_func ("/core/parse/offset", test_offset);
  g_test_add_func ("/core/parse/hex-good", test_hex_good);
  g_test_add_func ("/core/parse/hex-all-bytes", test_hex_all_bytes);
  g_test_add_func ("/core/parse/hex-bad", test_hex_bad);
  g_test_add_func ("/core/parse/byte", test_byte);
  g_test_add_func ("/core/parse/mode", test_mode);

  return g_test_run ();
}
