/* test-cli-values.c: shmtool read/write --as and shmtool find, end to end
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region's bytes are made and checked without shmview (cli_posix_make,
 * cli_posix_snapshot), the values by this C program's own stores.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "cli-util.h"
#include "test-util.h"

typedef struct
{
  char *name;   /* "/shmview-test-…" */
  char *spec;   /* without the slash */
} Fixture;

/* cli_assert_usage_error / cli_assert_failure, then frees @r. */
static void
expect_usage_error (CliResult  *r,
                    const char *needle)
{
  cli_assert_usage_error (r, needle);
  cli_result_free (r);
}

static void
expect_failure (CliResult  *r,
                const char *spec,
                const char *needle)
{
  cli_assert_failure (r, spec, needle);
  cli_result_free (r);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->name = shmview_test_unique_posix_name ("cli-values");
  f->spec = g_strdup (f->name + 1);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
  g_free (f->spec);
}

/* 64 bytes: a uint32_t counter at 16 as the host stores it, a big-endian
 * double at 24, "ezhchai" at 40. */
static void
make_values (const Fixture *f,
             guint8        *bytes)
{
  uint32_t counter = 305419896;
  double d = -2.75;
  guint64 bits;

  memset (bytes, 0, 64);
  memcpy (bytes + 16, &counter, 4);
  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_BE (bits);
  memcpy (bytes + 24, &bits, 8);
  memcpy (bytes + 40, "ezhchai", 8);
  cli_posix_make (f->name, 64, bytes, 64);
}

static void
assert_prints (const Fixture *f,
               const char    *offset,
               const char    *type,
               const char    *expected)
{
  g_autoptr(CliResult) r = cli_shmtool ("read", f->spec, "--offset", offset, "--as", type, NULL);

  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, expected);
}

static void
test_read_as (Fixture       *f,
              gconstpointer  data)
{
  guint8 bytes[64];

  g_test_summary ("read --as prints the value a C program stored, in the order asked; "
                  "a value past the end fails, a bad type is a usage error");

  make_values (f, bytes);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  assert_prints (f, "16", "u32le", "305419896\n");
  assert_prints (f, "16", "u32be", "2018915346\n");
#else
  assert_prints (f, "16", "u32be", "305419896\n");
#endif
  assert_prints (f, "0x18", "f64be", "-2.75\n");
  assert_prints (f, "40", "char", "e (U+0065)\n");
  assert_prints (f, "40", "cstring", "7 bytes\n");
  assert_prints (f, "16", "u8", "120\n");
  assert_prints (f, "0", "time64le", "1970-01-01 00:00:00 UTC\n");

  expect_failure (cli_shmtool ("read", f->spec, "--offset", "60", "--as", "u64le", NULL),
                      f->spec, NULL);
  expect_failure (cli_shmtool ("read", f->spec, "--offset", "64", "--as", "u8", NULL),
                      f->spec, NULL);
  expect_usage_error (cli_shmtool ("read", f->spec, "--as", "u32", NULL), "u32");
  expect_usage_error (cli_shmtool ("read", f->spec, "--as", "u24le", NULL), "u24le");
  expect_usage_error (cli_shmtool ("read", f->spec, "--as", "u8", "--format", "hex", NULL),
                          "--as");
}

static void
test_write_as (Fixture       *f,
               gconstpointer  data)
{
  guint8 bytes[64];
  double d = 3.5;
  guint64 bits;
  int16_t minus_two = -2;
  guint16 be;

  g_test_summary ("write --as writes exactly the value's bytes in its order, as C stores "
                  "them; a bad or out-of-range value, or one past the end, writes nothing");

  make_values (f, bytes);
  cli_shmtool_ok ("write", f->spec, "--offset", "8", "--as", "f64be", "--value", "3.5", NULL);
  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_BE (bits);
  memcpy (bytes + 8, &bits, 8);
  cli_shmtool_ok ("write", f->spec, "--offset", "2", "--as", "i16be", "--value", "-2", NULL);
  be = GUINT16_TO_BE ((guint16) minus_two);
  memcpy (bytes + 2, &be, 2);
  {
    g_autoptr(GBytes) now = cli_posix_snapshot (f->name);
    g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now), bytes, 64);
  }

  expect_usage_error (cli_shmtool ("write", f->spec, "--as", "u8", "--value", "256", NULL),
                          "--value");
  expect_usage_error (cli_shmtool ("write", f->spec, "--as", "i32le", "--value", "1.5",
                                       NULL), "--value");
  expect_usage_error (cli_shmtool ("write", f->spec, "--as", "u8", NULL), "--value");
  expect_usage_error (cli_shmtool ("write", f->spec, "--as", "u8", "--value", "1",
                                       "--hex", "00", NULL), NULL);
  expect_failure (cli_shmtool ("write", f->spec, "--offset", "60", "--as", "u64le",
                                   "--value", "1", NULL), f->spec, NULL);
  {
    g_autoptr(GBytes) now = cli_posix_snapshot (f->name);
    g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now), bytes, 64);
  }
}

static void
assert_find (const Fixture *f,
             int            status,
             const char    *expected,
             const char    *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shmtool = cli_shmtool_path ();
  g_autoptr(CliResult) r = NULL;
  va_list args;

  g_ptr_array_add (argv, g_strdup (shmtool));
  g_ptr_array_add (argv, g_strdup ("find"));
  g_ptr_array_add (argv, g_strdup (f->spec));
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  r = cli_run_argv (NULL, (const char * const *) argv->pdata);
  g_assert_cmpstr (r->err, ==, "");
  g_assert_cmpint (r->status, ==, status);
  g_assert_cmpstr (r->out_text, ==, expected);
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  guint8 bytes[64];

  g_test_summary ("find prints the offsets of the matches in hex and decimal and exits "
                  "0 when found and 1 when not, as grep");

  make_values (f, bytes);
  assert_find (f, 0, "0x28 40\n", "--text", "ezh", NULL);
  assert_find (f, 0, "0x28 40\n", "--text", "EZHCHAI", "--ignore-case", NULL);
  assert_find (f, 1, "", "--text", "EZHCHAI", NULL);
  assert_find (f, 0, "0x18 24\n", "--hex", "c0 06", NULL);
  assert_find (f, 0, "0x18 24\n", "--as", "f64be", "--value", "-2.75", NULL);
  assert_find (f, 1, "", "--as", "f64le", "--value", "-2.75", NULL);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  assert_find (f, 0, "0x10 16\n", "--as", "u32le", "--value", "305419896", NULL);
#endif
  assert_find (f, 0, "0x2a 42\n0x2c 44\n", "--text", "h", "--all", NULL);
  assert_find (f, 0, "0x2c 44\n", "--text", "h", "--all", "--offset", "43", NULL);
  assert_find (f, 1, "", "--text", "h", "--offset", "45", NULL);
  assert_find (f, 0,
               "{\n  \"matches\": [\n"
               "    {\"offset\": 42, \"offset_hex\": \"0x2a\"},\n"
               "    {\"offset\": 44, \"offset_hex\": \"0x2c\"}\n"
               "  ],\n  \"count\": 2\n}\n",
               "--text", "h", "--all", "--json", NULL);
  assert_find (f, 1, "{\n  \"matches\": [],\n  \"count\": 0\n}\n",
               "--text", "zz", "--json", NULL);
}

static void
test_find_errors (Fixture       *f,
                  gconstpointer  data)
{
  guint8 bytes[64];
  g_autoptr(CliResult) missing = NULL;

  g_test_summary ("find: usage errors and a missing region exit 2, as grep's errors");

  make_values (f, bytes);
  {
    g_autoptr(CliResult) r = cli_shmtool ("find", f->spec, NULL);
    g_assert_cmpint (r->status, ==, 2);
    g_assert_cmpstr (r->out_text, ==, "");
  }
  expect_usage_error (cli_shmtool ("find", f->spec, "--text", "a", "--hex", "61", NULL),
                          NULL);
  expect_usage_error (cli_shmtool ("find", f->spec, "--hex", "6", NULL), "--hex");
  expect_usage_error (cli_shmtool ("find", f->spec, "--text", "", NULL), "--text");
  expect_usage_error (cli_shmtool ("find", f->spec, "--hex", "61", "-i", NULL),
                          "--ignore-case");
  expect_usage_error (cli_shmtool ("find", f->spec, "--as", "u8", "--value", "-1", NULL),
                          "--value");
  expect_usage_error (cli_shmtool ("find", f->spec, "--as", "cstring", "--value", "1",
                                       NULL), "--as");

  missing = cli_shmtool ("find", "shmview-test-no-such-region", "--text", "a", NULL);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_cmpstr (missing->out_text, ==, "");
  g_assert_true (g_str_has_prefix (missing->err, "shmtool: shmview-test-no-such-region: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/values/read-as", Fixture, NULL, setup, test_read_as, teardown);
  g_test_add ("/cli/values/write-as", Fixture, NULL, setup, test_write_as, teardown);
  g_test_add ("/cli/values/find", Fixture, NULL, setup, test_find, teardown);
  g_test_add ("/cli/values/find-errors", Fixture, NULL, setup, test_find_errors, teardown);

  return g_test_run ();
}
