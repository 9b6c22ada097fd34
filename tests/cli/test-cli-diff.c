/* test-cli-diff.c: shmtool diff between regions, and a region and a saved snapshot
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-util.h"
#include "test-util.h"

typedef struct
{
  char *a;   /* "/shmview-test-…" */
  char *b;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static const guint8 zeros[256];

  f->a = shmview_test_unique_posix_name ("diff-a");
  f->b = shmview_test_unique_posix_name ("diff-b");
  cli_posix_make (f->a, sizeof zeros, zeros, sizeof zeros);
  cli_posix_make (f->b, sizeof zeros, zeros, sizeof zeros);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->a);
  shmview_test_posix_unlink (f->b);
  g_free (f->a);
  g_free (f->b);
}

static void
test_equal (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CliResult) result = cli_shmtool ("diff", f->a, f->b, NULL);

  g_test_summary ("Equal regions: nothing printed, status 0 (as cmp)");
  cli_assert_ok (result);
  g_assert_cmpstr (result->out_text, ==, "");
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;

  g_test_summary ("Each run of differing bytes is one line: offset in hex and decimal, "
                  "length, the first's bytes -> the second's (the first 16); status 1");
  cli_shmtool_ok ("write", f->b, "--offset", "3", "--hex", "01 02", NULL);
  cli_shmtool_ok ("write", f->b, "--offset", "0x20", "--text", "0123456789abcdefXYZ", NULL);
  cli_shmtool_ok ("write", f->b, "--offset", "255", "--hex", "ff", NULL);

  result = cli_shmtool ("diff", f->a, f->b, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpstr (result->out_text, ==,
                   "offset 0x3 (3), 2 bytes: 00 00 -> 01 02\n"
                   "offset 0x20 (32), 19 bytes: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                   "... (3 more) -> 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66 ... (3 more)\n"
                   "offset 0xff (255), 1 byte: 00 -> ff\n");
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = shmview_test_temp_path ("snap.bin");
  g_autofree char *file_spec = g_strconcat ("file:", path, NULL);
  g_autoptr(CliResult) raw = NULL;
  g_autoptr(CliResult) same = NULL;
  g_autoptr(CliResult) changed = NULL;
  gsize size;
  const void *data_bytes;

  g_test_summary ("A snapshot saved with read --format raw compares with the live region as "
                  "file:PATH: equal first, then the change made since");
  cli_shmtool_ok ("write", f->a, "--text", "before", NULL);
  raw = cli_shmtool ("read", f->a, "--format", "raw", NULL);
  cli_assert_ok (raw);
  data_bytes = g_bytes_get_data (raw->out, &size);
  g_assert_true (g_file_set_contents (path, data_bytes, (gssize) size, NULL));

  same = cli_shmtool ("diff", f->a, file_spec, NULL);
  cli_assert_ok (same);
  cli_shmtool_ok ("write", f->a, "--offset", "2", "--text", "F", NULL);
  changed = cli_shmtool ("diff", file_spec, f->a, NULL);
  g_assert_cmpint (changed->status, ==, 1);
  g_assert_cmpstr (changed->out_text, ==, "offset 0x2 (2), 1 byte: 66 -> 46\n");
  g_unlink (path);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *zeros = g_strnfill (38, '0');
  JsonObject *root, *range;
  JsonArray *ranges;

  g_test_summary ("diff --json: both sides' specs and sizes, each range with offset, length "
                  "and every old and new byte in hex, the count, equal or not");
  cli_shmtool_ok ("write", f->b, "--offset", "0x20", "--text", "0123456789abcdefXYZ", NULL);
  result = cli_shmtool ("diff", "--json", f->a, f->b, NULL);
  g_assert_cmpint (result->status, ==, 1);
  json_parser_load_from_data (parser, result->out_text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "a"),
                                                  "spec"), ==, f->a);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "b"),
                                               "size"), ==, 256);
  ranges = json_object_get_array_member (root, "ranges");
  g_assert_cmpuint (json_array_get_length (ranges), ==, 1);
  range = json_array_get_object_element (ranges, 0);
  g_assert_cmpint (json_object_get_int_member (range, "offset"), ==, 32);
  g_assert_cmpint (json_object_get_int_member (range, "length"), ==, 19);
  g_assert_cmpstr (json_object_get_string_member (range, "old"), ==, zeros);
  g_assert_cmpstr (json_object_get_string_member (range, "new"), ==,
                   "30313233343536373839616263646566" "58595a");
  g_assert_cmpint (json_object_get_int_member (root, "count"), ==, 1);
  g_assert_false (json_object_get_boolean_member (root, "equal"));
}

static void
test_sizes_differ (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *c = shmview_test_unique_posix_name ("diff-c");
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) quiet = NULL;

  g_test_summary ("Regions of different sizes: the common start is compared, a last line "
                  "says the sizes differ, status 1; --quiet prints nothing");
  cli_posix_make (c, 300, "", 0);
  result = cli_shmtool ("diff", f->a, c, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out_text, ==,
                   "sizes differ: 256 bytes and 300 bytes (the first 256 compared)\n");
  quiet = cli_shmtool ("diff", "--quiet", f->a, c, NULL);
  g_assert_cmpint (quiet->status, ==, 1);
  g_assert_cmpstr (quiet->out_text, ==, "");
  shmview_test_posix_unlink (c);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = shmview_test_unique_posix_name ("diff-missing");
  g_autoptr(CliResult) one = NULL;
  g_autoptr(CliResult) three = NULL;
  g_autoptr(CliResult) both = NULL;
  g_autoptr(CliResult) absent = NULL;

  g_test_summary ("Usage errors and a region that cannot be opened: status 2 (as cmp), "
                  "nothing on stdout");
  one = cli_shmtool ("diff", f->a, NULL);
  cli_assert_usage_error (one, "Missing SPEC");
  three = cli_shmtool ("diff", f->a, f->b, f->a, NULL);
  cli_assert_usage_error (three, "Unexpected argument");
  both = cli_shmtool ("diff", "--json", "--quiet", f->a, f->b, NULL);
  cli_assert_usage_error (both, "--quiet");

  absent = cli_shmtool ("diff", f->a, missing, NULL);
  g_assert_cmpint (absent->status, ==, 2);
  g_assert_cmpstr (absent->out_text, ==, "");
  g_assert_true (g_str_has_prefix (absent->err, "shmtool: "));
}

static void
test_sparse (void)
{
  g_autofree char *a = shmview_test_unique_posix_name ("diff-sparse-a");
  g_autofree char *b = shmview_test_unique_posix_name ("diff-sparse-b");
  g_autofree char *path = NULL;
  g_autoptr(CliResult) result = NULL;
  struct stat st;

  g_test_summary ("Two sparse 64 GiB objects differing in their last byte: found, and the "
                  "holes stay unallocated");
  cli_shmtool_ok ("create", a, "--size", "64G", NULL);
  cli_shmtool_ok ("create", b, "--size", "64G", NULL);
  cli_shmtool_ok ("write", b, "--offset", "0xfffffffff", "--hex", "01", NULL);

  result = cli_shmtool ("diff", a, b, NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out_text, ==, "offset 0xfffffffff (68719476735), 1 byte: 00 -> 01\n");
  path = shmview_test_posix_path (a);
  g_assert_no_errno (stat (path, &st));
  g_assert_cmpint (st.st_blocks, ==, 0);
  shmview_test_posix_unlink (a);
  shmview_test_posix_unlink (b);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/cli/diff/equal", test_equal);
  ADD ("/cli/diff/ranges", test_ranges);
  ADD ("/cli/diff/snapshot", test_snapshot);
  ADD ("/cli/diff/json", test_json);
  ADD ("/cli/diff/sizes-differ", test_sizes_differ);
  ADD ("/cli/diff/errors", test_errors);
  g_test_add_func ("/cli/diff/sparse", test_sparse);

  return g_test_run ();
}
