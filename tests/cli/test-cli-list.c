/* test-cli-list.c: shmtool list, as a table and as JSON
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cli-util.h"
#include "test-util.h"

#define PYTHON "/usr/bin/python3"

/* The table row whose first column is @spec, split on runs of blanks. */
static char **
find_row (const char *table,
          const char *spec)
{
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
  g_autofree char *prefix = g_strconcat (spec, " ", NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return cli_table_cells (lines[i]);
  return NULL;
}

static char **
list_row (const char *spec)
{
  g_autoptr(CliResult) list = cli_shmtool ("list", NULL);

  cli_assert_ok (list);
  g_assert_true (g_str_has_prefix (list->out_text, "SPEC "));
  return find_row (list->out_text, spec);
}

static void
test_table_posix (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("list");
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) attached_row = NULL;
  g_autoptr(CliRunning) watch = NULL;
  g_autofree char *ready = NULL;
  const char *watch_args[] = { "watch", NULL, NULL };
  static const guint8 zeros[300];

  g_test_summary ("list shows a POSIX object as a row: spec, name, kind, exact size, owner, "
                  "mode, and how many processes have it mapped");

  cli_posix_make (name, sizeof zeros, zeros, sizeof zeros);
  row = list_row (name);
  g_assert_nonnull (row);
  g_assert_cmpuint (g_strv_length (row), ==, 7);
  g_assert_cmpstr (row[1], ==, name + 1);
  g_assert_cmpstr (row[2], ==, "POSIX");
  g_assert_cmpstr (row[3], ==, "300");
  g_assert_cmpstr (row[4], ==, g_get_user_name ());
  g_assert_cmpstr (row[5], ==, "0600");
  g_assert_cmpstr (row[6], ==, "0");

  /* shmtool watch holds it open, and so mapped: one process is attached. */
  watch_args[1] = name;
  watch = cli_running_start (FALSE, watch_args);
  ready = cli_running_read_line (watch, watch->err);
  g_assert_nonnull (ready);
  attached_row = list_row (name);
  g_assert_cmpint (cli_running_finish (watch, SIGTERM), ==, 0);
  shmview_test_posix_unlink (name);

  g_assert_nonnull (attached_row);
  g_assert_cmpstr (attached_row[6], ==, "1");
}

static void
test_table_label (void)
{
  g_autofree char *name = g_strdup_printf ("/psm_shmview_test_%d", (int) getpid ());
  g_auto(GStrv) row = NULL;
  static const guint8 zeros[16];

  g_test_summary ("list labels a known library's objects (psm_* is Python's)");

  cli_posix_make (name, sizeof zeros, zeros, sizeof zeros);
  row = list_row (name);
  shmview_test_posix_unlink (name);

  g_assert_nonnull (row);
  g_assert_cmpuint (g_strv_length (row), ==, 8);
  g_assert_cmpstr (row[7], ==, "Python");
}

static void
test_table_sysv (void)
{
  g_autofree char *spec = NULL;
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) attached_row = NULL;
  void *seg;
  int id;

  g_test_summary ("list shows System V segments too, with their kernel attach count");
  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (4096, 0640);
  spec = g_strdup_printf ("sysvid:%d", id);
  row = list_row (spec);
  seg = shmview_test_sysv_attach (id, SHM_RDONLY);
  attached_row = list_row (spec);
  shmdt (seg);
  shmctl (id, IPC_RMID, NULL);

  g_assert_nonnull (row);
  /* "System V" is two words once split on blanks. */
  g_assert_cmpuint (g_strv_length (row), ==, 8);
  g_assert_cmpstr (row[1], ==, "IPC_PRIVATE");
  g_assert_cmpstr (row[2], ==, "System");
  g_assert_cmpstr (row[3], ==, "V");
  g_assert_cmpstr (row[4], ==, "4096");
  g_assert_cmpstr (row[6], ==, "0640");
  g_assert_cmpstr (row[7], ==, "0");
  g_assert_nonnull (attached_row);
  g_assert_cmpstr (attached_row[7], ==, "1");
}

static gboolean
skip_without_python (void)
{
  if (cli_skip_without_program (PYTHON))
    return TRUE;
  return FALSE;
}

/* Runs the Python @script on a file holding @json (argv[1]) with @arg and
 * @mode (which may be NULL) after it; returns what it printed. */
static char *
python_on_json (const char *script,
                const char *json,
                const char *arg,
                const char *mode)
{
  g_autofree char *path = shmview_test_temp_path ("list.json");
  const char *argv[] = { PYTHON, "-c", script, path, arg, mode, NULL };
  g_autoptr(CliResult) r = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  r = cli_run_argv (NULL, argv);
  g_unlink (path);
  cli_assert_ok (r);
  return g_strdup (r->out_text);
}

/* Python reads our JSON (proving it parses) and prints the fields of the
 * entries whose spec is @spec (or starts with it, when @prefix), one line
 * each, ASCII-escaped. */
static char *
python_json_fields (const char *json,
                    const char *spec,
                    gboolean    prefix)
{
  static const char script[] =
    "import json, sys\n"
    "entries = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "assert isinstance(entries, list)\n"
    "for e in entries:\n"
    "    if e['spec'] == sys.argv[2] or (sys.argv[3] == 'prefix' and\n"
    "                                    e['spec'].startswith(sys.argv[2])):\n"
    "        print(json.dumps([e['spec'], e['name'], e['kind'], e['size'], e['owner'],\n"
    "                          e['mode'], e['attaches'], e['key'], e['id'], e['label'],\n"
    "                          e['removed']]))\n";

  return python_on_json (script, json, spec, prefix ? "prefix" : "exact");
}

/* "spec_escaped" of the entry whose spec starts with @prefix, as it is, and
 * decoded by Python's codecs.escape_decode, as hex: two lines. */
static char *
python_decoded_spec (const char *json,
                     const char *prefix)
{
  static const char script[] =
    "import codecs, json, sys\n"
    "for e in json.load(open(sys.argv[1], encoding='utf-8')):\n"
    "    if e['spec'].startswith(sys.argv[2]):\n"
    "        escaped = e['spec_escaped'].encode('utf-8')\n"
    "        hex = codecs.escape_decode(escaped)[0].hex().encode('ascii')\n"
    "        sys.stdout.buffer.write(escaped + b'\\n' + hex + b'\\n')\n";

  return python_on_json (script, json, prefix, NULL);
}

static char *
hex_of (const char *text)
{
  GString *hex = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    g_string_append_printf (hex, "%02x", *p);
  return g_string_free (hex, FALSE);
}

/* "spec_escaped" decodes to the exact bytes of @name, with Python and with
 * bash, and what bash made of it opens. */
static void
assert_spec_round_trip (const char *json,
                        const char *name,
                        const char *prefix)
{
  g_autofree char *decoded = python_decoded_spec (json, prefix);
  g_autofree char *expected = hex_of (name);
  g_auto(GStrv) lines = g_strsplit (decoded, "\n", -1);
  const char *bash[] = { "/bin/bash", "-c", "printf %b \"$1\"", "bash", NULL, NULL };
  g_autoptr(CliResult) by_bash = NULL;
  g_autoptr(CliResult) info = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_utf8_validate (lines[0], -1, NULL));
  g_assert_cmpstr (lines[1], ==, expected);
  bash[4] = lines[0];
  by_bash = cli_run_argv (NULL, bash);
  cli_assert_ok (by_bash);
  g_assert_cmpstr (by_bash->out_text, ==, name);
  info = cli_shmtool ("info", by_bash->out_text, NULL);
  cli_assert_ok (info);
}

static void
test_json_escaping (void)
{
  /* Quote, backslash, tab, newline, a control character, UTF-8 and a
   * byte that is not UTF-8: all legal in a POSIX name. */
  static const char odd[] = "\"q\\b\tt\nn\x01" "\xc3\xa9\xff";
  g_autofree char *name = shmview_test_unique_posix_name (odd);
  g_autofree char *base = g_strndup (name, strlen (name) - strlen (odd));
  g_autoptr(CliResult) list = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *table_spec = NULL;
  g_auto(GStrv) row = NULL;
  static const guint8 zeros[10];

  g_test_summary ("list --json is valid JSON (Python parses it) even for names with quotes, "
                  "backslashes, control characters and bytes that are not UTF-8, and its "
                  "spec_escaped decodes (codecs.escape_decode, bash's printf %b) to the exact "
                  "bytes, which open again; the table keeps such a name on one row, escaped");
  if (skip_without_python ())
    return;

  cli_posix_make (name, sizeof zeros, zeros, sizeof zeros);
  list = cli_shmtool ("list", "--json", NULL);
  /* In the table: escaped the way info and error messages show it too. */
  table_spec = g_strconcat (base, "\"q\\\\b\\tt\\nn\\x01\xc3\xa9\\xff", NULL);
  row = list_row (table_spec);
  cli_assert_ok (list);
  assert_spec_round_trip (list->out_text, name, base);
  shmview_test_posix_unlink (name);

  fields = python_json_fields (list->out_text, base, TRUE);
  expected = g_strdup_printf ("[\"%s\\\"q\\\\b\\tt\\nn\\u0001\\u00e9\\ufffd\", "
                              "\"%s\\\"q\\\\b\\tt\\nn\\u0001\\u00e9\\ufffd\", \"posix\", 10, "
                              "\"%s\", \"0600\", 0, null, null, null, false]\n",
                              base, base + 1, g_get_user_name ());
  g_assert_cmpstr (fields, ==, expected);
  g_assert_nonnull (row);
}

static void
test_json_sysv (void)
{
  g_autofree char *spec = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *fields = NULL;
  g_autoptr(CliResult) list = NULL;
  int id;

  g_test_summary ("list --json describes a System V segment: kind sysv, key, id, attaches");
  if (shmview_test_skip_without_sysv () || skip_without_python ())
    return;

  id = shmview_test_sysv_private (100, 0600);
  spec = g_strdup_printf ("sysvid:%d", id);
  list = cli_shmtool ("list", "--json", NULL);
  shmctl (id, IPC_RMID, NULL);

  cli_assert_ok (list);
  fields = python_json_fields (list->out_text, spec, FALSE);
  expected = g_strdup_printf ("[\"%s\", \"IPC_PRIVATE\", \"sysv\", 100, \"%s\", \"0600\", 0, "
                              "\"0x00000000\", %d, null, false]\n",
                              spec, g_get_user_name (), id);
  g_assert_cmpstr (fields, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/list/table-posix", test_table_posix);
  g_test_add_func ("/cli/list/table-label", test_table_label);
  g_test_add_func ("/cli/list/table-sysv", test_table_sysv);
  g_test_add_func ("/cli/list/json-escaping", test_json_escaping);
  g_test_add_func ("/cli/list/json-sysv", test_json_sysv);

  return g_test_run ();
}
