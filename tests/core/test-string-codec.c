/* test-string-codec.c: bytes as editable text and back
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-string-codec.h"

/* @data shows in @encoding as @text, and @text writes back as @data. */
static void
assert_codec_round_trip (const guint8 *data,
                         gsize         length,
                         const char   *encoding,
                         const char   *text)
{
  g_autofree char *decoded = shmview_string_decode (data, length, encoding);
  g_autoptr(GByteArray) encoded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (decoded, ==, text);
  encoded = shmview_string_encode (decoded, encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (encoded->data, encoded->len, data, length);
}

static void
test_string_codec (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  const guint8 mixed[] = { 'a', 0xff, '\\', 0x01, 0xc3, 0xa9, 0xe2, 0x82 };

  g_test_summary ("The string pane's codec: invalid UTF-8, controls and backslashes escaped "
                  "and read back to the same bytes; Latin-1 both ways");

  assert_codec_round_trip (mixed, sizeof mixed, "utf-8", "a\\xff\\\\\\x01é\\xe2\\x82");
  assert_codec_round_trip (mixed, sizeof mixed, "latin-1", "aÿ\\\\\\x01Ã©â\\x82");

  bytes = shmview_string_encode ("5 €", "latin-1", &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* a lone backslash stays as it is */
  bytes = shmview_string_encode ("a\\b\\x4", "utf-8", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bytes->data, bytes->len, "a\\b\\x4", 6);
}

static void
test_unescape (void)
{
  const struct { const char *typed; const char *bytes; } cases[] = {
    { "MapTrans", "MapTrans" },
    { "x\\xff", "x\xff" },
    { "x\\xFFy", "x\xffy" },
    { "a\\\\b", "a\\b" },
    { "a\\b", "a\\b" },            /* not an escape: stays */
    { "tab\\there", "tab\there" },
    { "\\n\\r", "\n\r" },
    { "\\x0", "\\x0" },             /* one digit: stays */
    { "\\x00", "\\x00" },           /* NUL is in no name: stays */
    { "end\\", "end\\" },
  };

  g_test_summary ("shmview_unescape undoes \\xNN, \\n, \\t, \\r and \\\\, and leaves any "
                  "other backslash as typed");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bytes = shmview_unescape (cases[i].typed);

      g_assert_cmpstr (bytes, ==, cases[i].bytes);
    }
}

static void
test_unescape_round_trip (void)
{
  const char *names[] = { "x\xff", "a\\b", "\x01\x7f\n\t\r", "é\xc3", "\\xff", "plain" };

  g_test_summary ("Every name shmview_format_escaped shows reads back to its bytes");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shown = shmview_format_escaped (names[i]);
      g_autofree char *back = shmview_unescape (shown);

      g_assert_true (g_utf8_validate (shown, -1, NULL));
      g_assert_cmpstr (back, ==, names[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/string-codec/round-trip", test_string_codec);
  g_test_add_func ("/core/string-codec/unescape", test_unescape);
  g_test_add_func ("/core/string-codec/unescape-round-trip", test_unescape_round_trip);

  return g_test_run ();
}
