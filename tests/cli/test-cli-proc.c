/* test-cli-proc.c: a preforking server's anonymous shared memory through shmtool
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * prefork-server maps 1 MiB MAP_SHARED|MAP_ANONYMOUS and forks 3 workers
 * that bump counters at offsets 64, 128 and 192 every 10 ms, as database
 * servers and preforking web servers keep their main shared memory. It is
 * listed once with its 4 processes, opens read-only, its changes are
 * watched, it is refused with a clear message without privilege, and it
 * is writable only when every process maps it rw-s (the safety rule).
 * Opening anonymous memory goes through /proc/PID/map_files, which needs
 * root: those tests skip with the reason when not run as root.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cli-util.h"
#include "test-util.h"

typedef struct
{
  GSubprocess *server;
  int          pid;         /* the parent */
  int          workers[3];
  char        *address;     /* "0x7f…", as the server printed it */
  char        *spec;        /* "pid:PID@0x7f…" */
} Fixture;

/* Starts prefork-server (as nobody when @as_nobody) and reads its pids and address. */
static void
server_start (Fixture    *f,
              const char *mode,
              gboolean    as_nobody)
{
  g_autofree char *helper = cli_helper_path ("prefork-server");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;

  if (as_nobody)
    {
      const char *setpriv[] = { "/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                                "--clear-groups", "--", NULL };

      for (guint i = 0; setpriv[i] != NULL; i++)
        g_ptr_array_add (argv, (gpointer) setpriv[i]);
    }
  g_ptr_array_add (argv, helper);
  g_ptr_array_add (argv, (gpointer) mode);
  g_ptr_array_add (argv, NULL);
  f->server = g_subprocess_newv ((const char * const *) argv->pdata,
                                 G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  fields = g_strsplit (line, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 5);
  f->pid = atoi (fields[0]);
  f->address = g_strdup (fields[1]);
  for (guint i = 0; i < 3; i++)
    f->workers[i] = atoi (fields[i + 2]);
  f->spec = g_strdup_printf ("pid:%d@%s", f->pid, f->address);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  server_start (f, data != NULL ? data : "rw", FALSE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->server != NULL)
    {
      /* Its stdin closed, the server takes its workers down and exits. */
      g_output_stream_close (g_subprocess_get_stdin_pipe (f->server), NULL, NULL);
      g_subprocess_wait (f->server, NULL, NULL);
      g_clear_object (&f->server);
    }
  g_free (f->address);
  g_free (f->spec);
}

static gboolean
skip_unless_root (void)
{
  if (geteuid () == 0)
    return FALSE;
  g_test_skip ("anonymous shared memory opens through /proc/PID/map_files, which needs root "
               "or CAP_CHECKPOINT_RESTORE");
  return TRUE;
}

/* The list --json entries whose attached processes include @pid. */
static JsonArray *
list_entries (void)
{
  g_autoptr(CliResult) list = cli_shmtool ("list", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  cli_assert_ok (list);
  json_parser_load_from_data (parser, list->out_text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static gboolean
attached_has (JsonObject *entry,
              int         pid)
{
  JsonArray *attached = json_object_get_array_member (entry, "attached");

  for (guint i = 0; attached != NULL && i < json_array_get_length (attached); i++)
    if (json_object_get_int_member (json_array_get_object_element (attached, i), "pid") == pid)
      return TRUE;
  return FALSE;
}

static void
test_listed_once (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonArray) entries = list_entries ();
  g_autoptr(CliResult) table = NULL;
  JsonObject *found = NULL;
  JsonArray *attached;
  guint n_found = 0;
  char **lines;
  guint n_rows = 0;

  g_test_summary ("The server's anonymous shared memory is listed once, kind anonymous, with "
                  "the parent and its 3 workers, all rw; the table has one row for it");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (attached_has (entry, f->pid))
        {
          found = entry;
          n_found++;
        }
    }
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (found, "kind"), ==, "process");
  g_assert_cmpstr (json_object_get_string_member (found, "process_kind"), ==, "anonymous");
  g_assert_cmpstr (json_object_get_string_member (found, "spec"), ==, f->spec);
  g_assert_cmpint (json_object_get_int_member (found, "pid"), ==, f->pid);
  g_assert_cmpint (json_object_get_int_member (found, "size"), ==, 1024 * 1024);
  attached = json_object_get_array_member (found, "attached");
  g_assert_cmpuint (json_array_get_length (attached), ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (attached_has (found, f->workers[i]));
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attached, i),
                                                    "access"), ==, "rw");

  table = cli_shmtool ("list", NULL);
  cli_assert_ok (table);
  lines = g_strsplit (table->out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], f->spec) && lines[i][strlen (f->spec)] == ' ')
      {
        g_auto(GStrv) cells = cli_table_cells (lines[i]);

        n_rows++;
        g_assert_cmpstr (cells[g_strv_length (cells) - 1], ==, "anonymous");
      }
  g_strfreev (lines);
  g_assert_cmpuint (n_rows, ==, 1);
}

static guint64
read_counter (const char *spec,
              const char *offset)
{
  g_autoptr(CliResult) read = cli_shmtool ("read", spec, "--offset", offset, "--as", "u64le",
                                           NULL);

  cli_assert_ok (read);
  return g_ascii_strtoull (read->out_text, NULL, 10);
}

static void
test_read_only_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) info = NULL;
  guint64 before, after;

  g_test_summary ("The server's memory opens read-only and shows its contents; the workers' "
                  "counters move between two reads");
  if (skip_unless_root ())
    return;

  text = cli_shmtool ("read", f->spec, "--format", "text", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "prefork\n");
  before = read_counter (f->spec, "64");
  g_usleep (100 * 1000);
  after = read_counter (f->spec, "64");
  g_assert_cmpuint (after, >, before);

  info = cli_shmtool ("info", f->spec, NULL);
  cli_assert_ok (info);
  /* "attached: 4", or "4 visible, more may be attached" where some
   * process's maps are unreadable even to root (a sandbox's pid 1) */
  g_assert_nonnull (strstr (info->out_text, "\nattaches: 4\n"));
  g_assert_nonnull (strstr (info->out_text, "\nattached: 4"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *line = g_strdup_printf ("\nattached-pid: %d prefork-server ", f->workers[i]);

      g_assert_nonnull (strstr (info->out_text, line));
    }
}

static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  const char *args[] = { "watch", f->spec, "--offset", "64", "--length", "192",
                         "--interval", "30", "--count", "6", NULL };
  g_autoptr(CliRunning) watch = NULL;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  g_test_summary ("shmtool watch reports the workers' counters changing");
  if (skip_unless_root ())
    return;

  watch = cli_running_start (FALSE, args);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *line = cli_running_read_line (watch, watch->out);
      guint64 offset;

      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "offset 0x"));
      offset = g_ascii_strtoull (line + strlen ("offset "), NULL, 16);
      /* a counter's low bytes: 64..71, 128..135 or 192..199 */
      g_assert_cmpuint (offset % 64, <, 8);
      g_assert_cmpuint (offset / 64, >=, 1);
      g_assert_cmpuint (offset / 64, <=, 3);
      seen[offset / 64 - 1] = TRUE;
    }
  g_assert_cmpint (cli_running_finish (watch, 0), ==, 0);
  g_assert_true (seen[0] || seen[1] || seen[2]);
}

static void
test_refused_without_privilege (void)
{
  Fixture f = { NULL, };
  g_autoptr(CliResult) read = NULL;

  g_test_summary ("Without root or CAP_CHECKPOINT_RESTORE the same user's anonymous shared "
                  "memory is refused: status 1, the message says what is needed and what "
                  "would work, nothing printed");
  /* As root, both the server and shmtool run as nobody: the unprivileged path. */
  if (geteuid () == 0 && cli_skip_without_nobody ())
    return;
  server_start (&f, "rw", geteuid () == 0);
  read = cli_shmtool_full (NULL, geteuid () == 0, "read", f.spec, "--length", "8", NULL);
  cli_assert_failure (read, f.spec, "needs root or CAP_CHECKPOINT_RESTORE; run as root");
  teardown (&f, NULL);
}

static void
test_write_when_all_rw (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CliResult) text = NULL;

  g_test_summary ("Anonymous shared memory every process maps rw-s is writable, and the "
                  "server sees the write");
  if (skip_unless_root ())
    return;

  cli_shmtool_ok ("write", f->spec, "--offset", "512", "--string", "from shmtool", NULL);
  text = cli_shmtool ("read", f->spec, "--offset", "512", "--format", "text", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "from shmtool\n");
}

static void
test_read_only_when_one_reader (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CliResult) write = NULL;
  g_autoptr(CliResult) text = NULL;

  g_test_summary ("When one worker maps it read-only (r--s) the memory is not writable "
                  "through the spec, even as root, and nothing is written");
  if (skip_unless_root ())
    return;

  write = cli_shmtool ("write", f->spec, "--offset", "512", "--string", "nope", NULL);
  cli_assert_failure (write, f->spec, NULL);
  text = cli_shmtool ("read", f->spec, "--offset", "512", "--format", "text", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "\n");
}

static void
test_follow_map_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autofree char *maps_path = g_strdup_printf ("/proc/%d/maps", f->pid);
  g_autofree char *maps = NULL;
  g_autofree char *link = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *start = NULL;
  const char *line;

  g_test_summary ("file:/proc/PID/map_files/START-END --follow opens the magic link itself "
                  "(its text names nothing) and reads the server's memory; without "
                  "--follow it is refused as a link");
  if (skip_unless_root ())
    return;

  g_assert_true (g_file_get_contents (maps_path, &maps, NULL, NULL));
  /* the line whose range starts at the address ("7f…-7f… rw-s …"); the
   * address may end the line before too */
  start = g_strdup_printf ("\n%s-", f->address + 2);
  line = strstr (maps, start);
  g_assert_nonnull (line);
  line++;
  link = g_strndup (line, strcspn (line, " "));
  spec = g_strdup_printf ("file:/proc/%d/map_files/%s", f->pid, link);

  text = cli_shmtool ("read", spec, "--follow", "--format", "text", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "prefork\n");
  refused = cli_shmtool ("read", spec, "--format", "text", NULL);
  g_assert_cmpint (refused->status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, mode, func) g_test_add (path, Fixture, mode, setup, func, teardown)
  ADD ("/cli/proc/prefork/listed-once", "rw", test_listed_once);
  ADD ("/cli/proc/prefork/read-only-open", "rw", test_read_only_open);
  ADD ("/cli/proc/prefork/watch", "rw", test_watch);
  ADD ("/cli/proc/prefork/write-when-all-rw", "rw", test_write_when_all_rw);
  ADD ("/cli/proc/prefork/read-only-when-one-reader", "one-reader",
       test_read_only_when_one_reader);
  ADD ("/cli/proc/prefork/follow-map-files", "rw", test_follow_map_files);
#undef ADD
  g_test_add_func ("/cli/proc/prefork/refused-without-privilege", test_refused_without_privilege);

  return g_test_run ();
}
