/* test-cli-watch.c: shmtool watch reporting changes, size changes and removal
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-util.h"
#include "test-util.h"

typedef struct
{
  char *name;      /* "/shmview-test-…" */
  char *display;   /* the same without the slash: what watch calls it */
  char *path;      /* /dev/shm/… */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static const guint8 zeros[256];

  f->name = shmview_test_unique_posix_name ("watch");
  f->display = g_strdup (f->name + 1);
  f->path = shmview_test_posix_path (f->name);
  cli_posix_make (f->name, sizeof zeros, zeros, sizeof zeros);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
  g_free (f->display);
  g_free (f->path);
}

/* Waits until a started watch has taken its baseline, which it says on
 * stderr: changes made before then would be part of it, not reported. */
static CliRunning *
await_baseline (CliRunning *running)
{
  g_autofree char *ready = cli_running_read_line (running, running->err);

  g_assert_nonnull (ready);
  g_assert_true (g_str_has_prefix (ready, "watching "));
  return running;
}

/* Starts `shmtool watch ARGS…` and waits for its baseline. */
static CliRunning *
start_watch (gboolean            as_nobody,
             const char * const *args)
{
  return await_baseline (cli_running_start (as_nobody, args));
}

static void
write_ok (const char *spec,
          const char *offset,
          const char *option,
          const char *value)
{
  cli_shmtool_ok ("write", spec, "--offset", offset, option, value, NULL);
}

static void
assert_next_line (CliRunning *running,
                  const char *expected)
{
  g_autofree char *line = cli_running_read_line (running, running->out);

  g_assert_cmpstr (line, ==, expected);
}

static void
assert_ends_cleanly (CliRunning *running,
                     int         signum)
{
  g_autofree char *rest = NULL;

  g_assert_cmpint (cli_running_finish (running, signum), ==, 0);
  rest = cli_running_read_line (running, running->out);
  g_assert_null (rest);
}

static void
test_change (Fixture       *f,
             gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", NULL };
  g_autoptr(CliRunning) watch = NULL;

  g_test_summary ("watch prints one line per changed range: offset in hex and decimal, length, "
                  "old and new bytes; SIGTERM ends it with status 0");

  watch = start_watch (FALSE, args);
  write_ok (f->display, "16", "--text", "hi");
  assert_next_line (watch, "offset 0x10 (16), 2 bytes: 00 00 -> 68 69");
  write_ok (f->display, "0xff", "--hex", "7f");
  assert_next_line (watch, "offset 0xff (255), 1 byte: 00 -> 7f");
  assert_ends_cleanly (watch, SIGTERM);
}

static void
test_long_range (Fixture       *f,
                 gconstpointer  data)
{
  const char *args[] = { "watch", f->name, "--interval", "10", NULL };
  g_autoptr(CliRunning) watch = NULL;

  g_test_summary ("A long changed range shows its first 16 bytes and how many more there are");

  watch = start_watch (FALSE, args);
  write_ok (f->name, "32", "--hex",
            "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a");
  assert_next_line (watch,
                    "offset 0x20 (32), 26 bytes: "
                    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... (10 more) -> "
                    "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 ... (10 more)");
  assert_ends_cleanly (watch, SIGINT);
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", "--count", "2", NULL };
  g_autoptr(CliRunning) watch = NULL;

  g_test_summary ("watch --count N stops by itself, with status 0, after N reports");

  watch = start_watch (FALSE, args);
  write_ok (f->display, "0", "--text", "A");
  assert_next_line (watch, "offset 0x0 (0), 1 byte: 00 -> 41");
  write_ok (f->display, "100", "--text", "B");
  assert_next_line (watch, "offset 0x64 (100), 1 byte: 00 -> 42");
  assert_ends_cleanly (watch, 0);
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", "--offset", "100",
                         "--length", "10", NULL };
  g_autoptr(CliRunning) watch = NULL;

  g_test_summary ("watch --offset/--length reports changes inside that window only");

  watch = start_watch (FALSE, args);
  write_ok (f->display, "0", "--text", "outside");
  write_ok (f->display, "110", "--text", "outside");
  write_ok (f->display, "105", "--text", "in");
  assert_next_line (watch, "offset 0x69 (105), 2 bytes: 00 00 -> 69 6e");
  assert_ends_cleanly (watch, SIGTERM);
}

static void
test_nonblocking_stdout (Fixture       *f,
                         gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", "--count", "8192", NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree guint8 *every_other = g_malloc0 (16384);
  g_autofree char *last = NULL;
  const char *text;
  gsize length, lines = 0;
  int fd;

  g_test_summary ("watch writes all its lines to a stdout that is a non-blocking pipe of one "
                  "page, full again and again (EAGAIN), and stops after --count with status 0");

  g_assert_no_errno (truncate (f->path, 16384));
  watch = await_baseline (cli_running_start_nonblocking (args));
  /* 8192 separate one-byte changes: a line each, some 400 KiB in all. */
  for (gsize i = 0; i < 16384; i += 2)
    every_other[i] = 0xff;
  fd = open (f->path, O_WRONLY);
  g_assert_no_errno (fd);
  g_assert_cmpint (pwrite (fd, every_other, 16384, 0), ==, 16384);
  close (fd);

  out = cli_running_read_all (watch);
  text = g_bytes_get_data (out, &length);
  for (gsize i = 0; i < length; i++)
    lines += text[i] == '\n';
  g_assert_cmpuint (lines, ==, 8192);
  g_assert_cmpint (cli_running_finish (watch, 0), ==, 0);
  last = cli_running_read_line (watch, watch->err);
  g_assert_null (last);
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autofree char *grew = g_strdup_printf ("%s grew from 68719476736 to 219902325555200 bytes",
                                           f->display);

  g_test_summary ("watch on a sparse 64 GiB region runs in bounded memory: a first change "
                  "in a chunk is the whole chunk, old bytes “(not kept)”, the next one exact; "
                  "growth to 200 TiB is reported and watching goes on");

  g_assert_no_errno (truncate (f->path, (off_t) 64 << 30));
  watch = start_watch (FALSE, args);
  write_ok (f->display, "40G", "--hex", "de ad");
  assert_next_line (watch, "offset 0xa00000000 (42949672960), 65536 bytes: (not kept) -> "
                           "de ad 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... (65520 more)");
  write_ok (f->display, "0xa00000064", "--text", "xy");
  assert_next_line (watch, "offset 0xa00000064 (42949673060), 2 bytes: 00 00 -> 78 79");
  g_assert_no_errno (truncate (f->path, (off_t) 200 << 40));
  assert_next_line (watch, grew);
  write_ok (f->display, "100T", "--text", "far");
  assert_next_line (watch, "offset 0x640000000000 (109951162777600), 268435456 bytes: "
                           "(not kept) -> 66 61 72 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                           "... (268435440 more)");
  assert_ends_cleanly (watch, SIGTERM);
}

static void
test_sizes (Fixture       *f,
            gconstpointer  data)
{
  const char *args[] = { "watch", f->name, "--interval", "10", NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autofree char *grew = g_strdup_printf ("%s grew from 256 to 512 bytes", f->display);
  g_autofree char *shrank = g_strdup_printf ("%s shrank from 512 to 0 bytes", f->display);
  g_autofree char *removed = g_strdup_printf ("%s removed, and no other process maps it",
                                              f->display);

  g_test_summary ("watch says so, and goes on, when the region grows (then watches the new "
                  "bytes too) or shrinks to nothing; removed with nobody else mapping it, "
                  "it says so and ends with status 0");

  watch = start_watch (FALSE, args);
  g_assert_no_errno (truncate (f->path, 512));
  assert_next_line (watch, grew);
  /* Bytes new to the window are the baseline of the poll after the growth,
   * not a change: a reported change shows that poll has happened. */
  write_ok (f->name, "0", "--text", "x");
  assert_next_line (watch, "offset 0x0 (0), 1 byte: 00 -> 78");
  write_ok (f->name, "400", "--text", "new");
  assert_next_line (watch, "offset 0x190 (400), 3 bytes: 00 00 00 -> 6e 65 77");

  g_assert_no_errno (truncate (f->path, 0));
  assert_next_line (watch, shrank);
  g_assert_no_errno (shm_unlink (f->name));
  assert_next_line (watch, removed);
  assert_ends_cleanly (watch, 0);
}

static void
test_read_only_user (Fixture       *f,
                     gconstpointer  data)
{
  const char *args[] = { "watch", f->name, "--interval", "10", "--count", "1", NULL };
  g_autoptr(CliRunning) watch = NULL;

  g_test_summary ("watch attaches read-only: nobody can watch a 0644 region it cannot write");
  if (cli_skip_without_nobody ())
    return;

  g_assert_no_errno (g_chmod (f->path, 0644));
  watch = start_watch (TRUE, args);
  write_ok (f->name, "7", "--hex", "ee");
  assert_next_line (watch, "offset 0x7 (7), 1 byte: 00 -> ee");
  assert_ends_cleanly (watch, 0);
}

static void
test_sysv (void)
{
  g_autoptr(CliRunning) watch = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *last = NULL;
  const char *args[] = { "watch", NULL, "--interval", "10", NULL };
  guint8 *seg;
  int id;

  g_test_summary ("watch on a System V segment sees a shmat writer; removed while that "
                  "writer is attached, it says so, naming it, and goes on watching; when the "
                  "writer detaches it says so and ends with status 0");
  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (64, 0600);
  seg = shmview_test_sysv_attach (id, 0);
  spec = g_strdup_printf ("sysvid:%d", id);
  removed = g_strdup_printf ("%s removed, still mapped by 1 other process (%d): watching on",
                             spec, (int) getpid ());
  last = g_strdup_printf ("%s: no other process maps it any more", spec);
  args[1] = spec;

  watch = start_watch (FALSE, args);
  seg[9] = 0x5a;
  assert_next_line (watch, "offset 0x9 (9), 1 byte: 00 -> 5a");
  /* a change and the removal in one poll: the change is printed first */
  seg[10] = 0x5b;
  shmctl (id, IPC_RMID, NULL);
  assert_next_line (watch, "offset 0xa (10), 1 byte: 00 -> 5b");
  assert_next_line (watch, removed);
  seg[11] = 0x5c;
  assert_next_line (watch, "offset 0xb (11), 1 byte: 00 -> 5c");
  shmdt (seg);
  assert_next_line (watch, last);
  assert_ends_cleanly (watch, 0);
}

static void
test_until_removed (Fixture       *f,
                    gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", "--until-removed", NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autofree char *removed = g_strdup_printf ("%s removed", f->display);
  guint8 *map;
  int fd;

  g_test_summary ("watch --until-removed ends with status 0 at the removal, though another "
                  "process still maps the region");

  fd = shm_open (f->name, O_RDWR, 0);
  g_assert_no_errno (fd);
  map = mmap (NULL, 256, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  close (fd);

  watch = start_watch (FALSE, args);
  map[3] = 0x33;
  assert_next_line (watch, "offset 0x3 (3), 1 byte: 00 -> 33");
  g_assert_no_errno (shm_unlink (f->name));
  assert_next_line (watch, removed);
  assert_ends_cleanly (watch, 0);
  munmap (map, 256);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  const char *args[] = { "watch", f->display, "--interval", "10", "--json", NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = NULL;
  JsonObject *record;

  g_test_summary ("watch --json prints one JSON object per change: ISO 8601 time, offset, "
                  "length, every old and new byte as hex, origin; the removal as an event");

  watch = start_watch (FALSE, args);
  write_ok (f->display, "16", "--text", "hi");
  {
    g_autofree char *line = cli_running_read_line (watch, watch->out);

    g_assert_nonnull (line);
    json_parser_load_from_data (parser, line, -1, &error);
    g_assert_no_error (error);
  }
  record = json_node_get_object (json_parser_get_root (parser));
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (record, "time"), NULL);
  g_assert_nonnull (time);
  g_assert_cmpint (json_object_get_int_member (record, "offset"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (record, "length"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (record, "old"), ==, "0000");
  g_assert_cmpstr (json_object_get_string_member (record, "new"), ==, "6869");
  g_assert_cmpstr (json_object_get_string_member (record, "origin"), ==, "outside");

  g_assert_no_errno (shm_unlink (f->name));
  {
    g_autofree char *line = cli_running_read_line (watch, watch->out);

    g_assert_nonnull (line);
    json_parser_load_from_data (parser, line, -1, &error);
    g_assert_no_error (error);
  }
  record = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (record, "event"), ==, "removed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "holders")),
                    ==, 0);
  assert_ends_cleanly (watch, 0);
}

static void
test_json_usage (void)
{
  g_autoptr(CliResult) result = NULL;

  g_test_summary ("watch --json does not go with --layout: a usage error");
  result = cli_shmtool ("watch", "x", "--json", "--layout", "h.h", "--type", "t", NULL);
  cli_assert_usage_error (result, "--json");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/cli/watch/change", test_change);
  ADD ("/cli/watch/long-range", test_long_range);
  ADD ("/cli/watch/count", test_count);
  ADD ("/cli/watch/window", test_window);
  ADD ("/cli/watch/nonblocking-stdout", test_nonblocking_stdout);
  ADD ("/cli/watch/large", test_large);
  ADD ("/cli/watch/sizes", test_sizes);
  ADD ("/cli/watch/read-only-user", test_read_only_user);
  g_test_add_func ("/cli/watch/sysv", test_sysv);
  ADD ("/cli/watch/until-removed", test_until_removed);
  ADD ("/cli/watch/json", test_json);
  g_test_add_func ("/cli/watch/json-usage", test_json_usage);

  return g_test_run ();
}
