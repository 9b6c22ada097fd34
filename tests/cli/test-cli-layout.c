/* test-cli-layout.c: shmtool read/write/watch --layout FILE.h --type NAME
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region is filled by layout-writer, a program the build's C compiler
 * made from the same header: what shmtool prints must be what it stored,
 * and what shmtool writes what it reads back.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-util.h"
#include "shmview-error.h"
#include "shmview-layout.h"
#include "test-util.h"

typedef struct
{
  char *name;     /* "/shmview-test-…" */
  char *spec;     /* the same without the slash works too */
  char *path;     /* /dev/shm/… */
  char *header;
} Fixture;

static gboolean
skip_without_clang (void)
{
  if (shmview_layout_clang_available ())
    return FALSE;
  g_test_skip ("built without libclang");
  return TRUE;
}

static char *
run_writer (const char *mode,
            const char *file)
{
  g_autofree char *writer = shmview_test_build_path ("tests/layout/layout-writer");
  g_autoptr(CliResult) result = cli_run (writer, mode, file, NULL);

  g_assert_cmpint (result->status, ==, 0);
  return g_strdup (result->out_text);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *table = NULL;

  fixture->name = shmview_test_unique_posix_name ("layout");
  fixture->spec = g_strdup (fixture->name);
  fixture->path = shmview_test_posix_path (fixture->name);
  fixture->header = g_test_build_filename (G_TEST_DIST, "layout", "layout-sample.h", NULL);
  table = run_writer ("fill", fixture->path);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  shmview_test_posix_unlink (fixture->name);
  g_free (fixture->name);
  g_free (fixture->spec);
  g_free (fixture->path);
  g_free (fixture->header);
}

/* The value layout-writer printed for @path: the last cell of its line. */
static char *
writer_value (const char *table,
              const char *path)
{
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
  g_autofree char *prefix = g_strconcat (path, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (strrchr (lines[i], '\t') + 1);
  g_assert_not_reached ();
}

static void
test_read_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *table = NULL;
  g_autoptr(CliResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) table_lines = NULL;
  guint n = 0;

  g_test_summary ("read --layout prints every field as “path = value”, the values the "
                  "compiler's program stored (integers, enums by name, strings quoted)");
  if (skip_without_clang ())
    return;
  table = run_writer ("print", fixture->path);
  table_lines = g_strsplit (table, "\n", -1);
  result = cli_shmtool ("read", fixture->spec, "--layout", fixture->header, "--type",
                        "struct shared", NULL);
  cli_assert_ok (result);
  lines = g_strsplit (result->out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " = ", 2);
      g_autofree char *expected = writer_value (table, parts[0]);

      g_assert_nonnull (parts[1]);
      if (strpbrk (expected, ".e") != NULL && expected[0] != '"')
        /* float fields print their shortest float text, the writer a double's */
        g_assert_cmpfloat ((float) strtod (parts[1], NULL), ==, (float) strtod (expected, NULL));
      else
        g_assert_cmpstr (parts[1], ==, expected);
    }
  /* One line per leaf of the table (its last line is sizeof). */
  g_assert_cmpuint (n, ==, g_strv_length (table_lines) - 2);
}

static void
test_read_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *last;

  g_test_summary ("read --layout --count 3 --offset N --json: one JSON object per field of "
                  "each element, paths [i].member, offsets in the region, numbers as numbers");
  if (skip_without_clang ())
    return;
  result = cli_shmtool ("read", fixture->spec, "--layout", fixture->header, "--type",
                        "struct point", "--offset", "56", "--count", "3", "--json", NULL);
  cli_assert_ok (result);
  json_parser_load_from_data (parser, result->out_text, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  last = json_array_get_object_element (array, 5);
  g_assert_cmpstr (json_object_get_string_member (last, "path"), ==, "[2].y");
  g_assert_cmpint (json_object_get_int_member (last, "offset"), ==, 56 + 2 * 8 + 4);
  g_assert_cmpint (json_object_get_int_member (last, "number"), ==, 210000);
  g_assert_cmpstr (json_object_get_string_member (last, "type"), ==, "int32_t");
}

static void
test_write_set (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *table = NULL;
  g_autofree char *y = NULL, *color = NULL, *bits = NULL, *x = NULL;

  g_test_summary ("write --layout --set PATH=VALUE (several at once) stores what the "
                  "compiler's program then reads: a field, an enum by name, a bit-field");
  if (skip_without_clang ())
    return;
  cli_shmtool_ok ("write", fixture->spec, "--layout", fixture->header, "--type", "shared",
                  "--set", "pts[1].y=-3", "--set", "color=GREEN", "--set", "fl.b=-16", NULL);
  table = run_writer ("print", fixture->path);
  y = writer_value (table, "pts[1].y");
  color = writer_value (table, "color");
  bits = writer_value (table, "fl.b");
  x = writer_value (table, "pts[1].x");
  g_assert_cmpstr (y, ==, "-3");
  g_assert_cmpstr (color, ==, "GREEN");
  g_assert_cmpstr (bits, ==, "-16");
  g_assert_cmpstr (x, ==, "-200");
}

static void
test_write_bad_value_writes_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *bad[] = { "pts[1].y=lots", "color=PURPLE", "fl.b=16", "nosuch=1", "pts[9].x=1",
                        "seq" };
  g_autoptr(GBytes) before = NULL;

  g_test_summary ("A --set that names no field or gives a value that does not fit fails with "
                  "status 1 and writes nothing, not even the good --set before it");
  if (skip_without_clang ())
    return;
  before = cli_posix_snapshot (fixture->name);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliResult) result = cli_shmtool ("write", fixture->spec, "--layout",
                                                 fixture->header, "--type", "shared",
                                                 "--set", "seq=1", "--set", bad[i], NULL);
      g_autoptr(GBytes) after = cli_posix_snapshot (fixture->name);

      shmview_test_note ("--set", bad[i]);
      cli_assert_failure (result, fixture->spec, NULL);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_watch_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *args[] = { "watch", fixture->spec, "--layout", fixture->header, "--type",
                         "shared", "--interval", "20", NULL };
  g_autoptr(CliRunning) running = NULL;
  g_autofree char *ready = NULL, *line = NULL, *second = NULL;

  g_test_summary ("watch --layout prints “path: old -> new” for each field another program "
                  "changes, in memory order");
  if (skip_without_clang ())
    return;
  running = cli_running_start (FALSE, args);
  ready = cli_running_read_line (running, running->err);
  g_assert_true (g_str_has_prefix (ready, "watching "));
  cli_shmtool_ok ("write", fixture->spec, "--layout", fixture->header, "--type", "shared",
                  "--set", "msg=hello", "--set", "ratio=0.5", NULL);
  line = cli_running_read_line (running, running->out);
  second = cli_running_read_line (running, running->out);
  g_assert_cmpstr (line, ==, "msg: \"ezhchai\" -> \"hello\"");
  g_assert_cmpstr (second, ==, "ratio: 0.33333334 -> 0.5");
  g_assert_cmpint (cli_running_finish (running, SIGINT), ==, 0);
}

/* cli_assert_usage_error on a result made for it, then freed. */
static void
expect_usage (CliResult  *result,
              const char *needle)
{
  cli_assert_usage_error (result, needle);
  cli_result_free (result);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_test_summary ("--layout without --type, --set or --count without --layout, --format or "
                  "--length with --layout, --count 0 are usage errors (status 2)");
  expect_usage (cli_shmtool ("read", fixture->spec, "--layout", fixture->header, NULL),
                          "--type");
  expect_usage (cli_shmtool ("read", fixture->spec, "--type", "shared", NULL),
                          "--layout");
  expect_usage (cli_shmtool ("write", fixture->spec, "--set", "seq=1", NULL), "--set");
  expect_usage (cli_shmtool ("read", fixture->spec, "--count", "2", NULL), "--count");
  expect_usage (cli_shmtool ("read", fixture->spec, "--layout", fixture->header,
                                       "--type", "shared", "--format", "hex", NULL), "--format");
  expect_usage (cli_shmtool ("read", fixture->spec, "--layout", fixture->header,
                                       "--type", "shared", "--length", "4", NULL), "--length");
  expect_usage (cli_shmtool ("read", fixture->spec, "--layout", fixture->header,
                                       "--type", "shared", "--count", "0", NULL), "--count");
  expect_usage (cli_shmtool ("write", fixture->spec, "--layout", fixture->header,
                                       "--type", "shared", "--set", "seq=1", "--text", "x", NULL),
                          "--set");
}

static void
test_header_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *broken = shmview_test_temp_path ("broken.h");
  g_autoptr(CliResult) result = NULL, missing = NULL, past = NULL;

  g_test_summary ("A header with an error fails with clang's file:line:column (status 1); a "
                  "type it does not have, or a placement past the end, fails too");
  if (skip_without_clang ())
    return;
  g_assert_true (g_file_set_contents (broken, "struct s {\n  int a b;\n};\n", -1, NULL));
  result = cli_shmtool ("read", fixture->spec, "--layout", broken, "--type", "s", NULL);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "broken.h:2:"));
  missing = cli_shmtool ("read", fixture->spec, "--layout", fixture->header, "--type",
                         "struct nosuch", NULL);
  cli_assert_failure (missing, fixture->spec, NULL);
  past = cli_shmtool ("read", fixture->spec, "--layout", fixture->header, "--type", "shared",
                      "--count", "2", NULL);
  cli_assert_failure (past, fixture->spec, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/cli/layout/read-fields", test_read_fields);
  ADD ("/cli/layout/read-json", test_read_json);
  ADD ("/cli/layout/write-set", test_write_set);
  ADD ("/cli/layout/write-bad-value-writes-nothing", test_write_bad_value_writes_nothing);
  ADD ("/cli/layout/watch-fields", test_watch_fields);
  ADD ("/cli/layout/usage-errors", test_usage_errors);
  ADD ("/cli/layout/header-errors", test_header_errors);
#undef ADD

  return g_test_run ();
}
