/* test-cli-commands.c: every shmtool subcommand doing its job, end to end
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cli-util.h"
#include "shmview-format.h"
#include "test-util.h"

typedef struct
{
  char *name;   /* "/shmview-test-…" */
  char *spec;   /* the same without the slash, as a person would type it */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->name = shmview_test_unique_posix_name ("cli");
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

static void
assert_snapshot (const char *name,
                 gsize       offset,
                 const void *expected,
                 gsize       length)
{
  g_autoptr(GBytes) bytes = cli_posix_snapshot (name);

  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >=, offset + length);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (bytes, NULL) + offset, length,
                   expected, length);
}

static void
create_ok (const Fixture *f,
           const char    *size)
{
  g_autoptr(CliResult) r = cli_shmtool ("create", f->spec, "--size", size, NULL);

  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "");
}

static void
test_help (void)
{
  static const char * const names[] = {
    "create", "write", "read", "info", "list", "rm", "fill", "watch",
  };
  g_autoptr(CliResult) top = cli_shmtool ("--help", NULL);
  g_autoptr(CliResult) help = cli_shmtool ("help", NULL);

  g_test_summary ("shmtool --help and shmtool help list every command on a line of its own; "
                  "each command has a --help of its own, also reachable as shmtool help CMD");

  cli_assert_ok (top);
  cli_assert_ok (help);
  g_assert_cmpstr (top->out_text, ==, help->out_text);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %-7s ", names[i]);
      g_autofree char *usage = g_strdup_printf ("shmtool %s [OPTION", names[i]);
      g_autoptr(CliResult) own = cli_shmtool (names[i], "--help", NULL);
      g_autoptr(CliResult) via_help = cli_shmtool ("help", names[i], NULL);

      g_assert_nonnull (strstr (top->out_text, line));
      cli_assert_ok (own);
      g_assert_nonnull (strstr (own->out_text, usage));
      g_assert_cmpstr (own->out_text, ==, via_help->out_text);
    }
}

static void
test_lesson (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CliResult) w = NULL;
  g_autoptr(CliResult) r = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = shmview_test_posix_path (f->name);
  static const guint8 zeros[256];
  GStatBuf st;

  g_test_summary ("The lesson: create NAME --size 256, write --string ezhchai, read --format "
                  "text prints ezhchai; the region is 256 bytes, mode 0600, ezhchai plus NUL");

  create_ok (f, "256");
  bytes = cli_posix_snapshot (f->name);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), zeros, 256);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  w = cli_shmtool ("write", f->spec, "--string", "ezhchai", NULL);
  cli_assert_ok (w);
  g_assert_cmpstr (w->out_text, ==, "");
  assert_snapshot (f->name, 0, "ezhchai", 8);

  r = cli_shmtool ("read", f->spec, "--format", "text", NULL);
  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "ezhchai\n");
}

static void
test_create_mode_force (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = shmview_test_posix_path (f->name);
  g_autoptr(CliResult) c = cli_shmtool ("create", f->name, "--size", "4K", "--mode", "0640", NULL);
  g_autoptr(GBytes) bytes = NULL;
  static const guint8 zeros[8192];
  GStatBuf st;

  g_test_summary ("create takes size units and --mode; --force replaces an existing region "
                  "with a fresh one of the new size");

  cli_assert_ok (c);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpint (st.st_size, ==, 4096);

  cli_shmtool_ok ("write", f->spec, "--text", "old", NULL);
  cli_shmtool_ok ("create", f->spec, "--size", "0x2000", "--force", NULL);
  bytes = cli_posix_snapshot (f->name);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), zeros, 8192);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

static void
test_create_sysv_private (void)
{
  g_autoptr(CliResult) c = NULL;
  g_autoptr(CliResult) r = NULL;
  g_autofree char *spec = NULL;
  struct shmid_ds ds;
  int id;

  g_test_summary ("create sysv:0 makes a new private segment and prints its spec, sysvid:N, "
                  "which then works for write, read and rm");
  if (shmview_test_skip_without_sysv ())
    return;

  c = cli_shmtool ("create", "sysv:0", "--size", "4096", NULL);
  cli_assert_ok (c);
  g_assert_true (g_str_has_prefix (c->out_text, "sysvid:"));
  g_assert_true (g_str_has_suffix (c->out_text, "\n"));
  spec = g_strchomp (g_strdup (c->out_text));
  id = atoi (spec + strlen ("sysvid:"));
  shmview_test_track_sysv (id);
  g_assert_no_errno (shmctl (id, IPC_STAT, &ds));
  g_assert_cmpuint (ds.shm_segsz, ==, 4096);
  g_assert_cmpint (ds.shm_perm.mode & 0777, ==, 0600);

  cli_shmtool_ok ("write", spec, "--string", "ezhchai", NULL);
  r = cli_shmtool ("read", spec, "--format", "text", NULL);
  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "ezhchai\n");

  cli_shmtool_ok ("rm", spec, NULL);
  g_assert_cmpint (shmctl (id, IPC_STAT, &ds), ==, -1);
}

static void
test_write_sources (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = shmview_test_temp_path ("source.bin");
  g_autoptr(GBytes) stdin_bytes = cli_pattern_bytes (100, 7);
  g_autoptr(CliResult) from_stdin = NULL;

  g_test_summary ("write --text writes S alone, --string S and a NUL, --hex the bytes, --file "
                  "and --stdin their contents, each at --offset; data that just fits is fine");

  create_ok (f, "256");
  cli_shmtool_ok ("fill", f->spec, "--byte", "0xff", NULL);

  cli_shmtool_ok ("write", f->spec, "--text", "abc", NULL);
  assert_snapshot (f->name, 0, "abc\xff", 4);

  cli_shmtool_ok ("write", f->spec, "--offset", "8", "--string", "xyz", NULL);
  assert_snapshot (f->name, 8, "xyz\0\xff", 5);

  cli_shmtool_ok ("write", f->spec, "--offset", "0x10", "--hex", "de ad be ef", NULL);
  assert_snapshot (f->name, 16, "\xde\xad\xbe\xef\xff", 5);

  g_assert_true (g_file_set_contents (file, "from a file\0!", 13, NULL));
  cli_shmtool_ok ("write", f->spec, "--offset", "32", "--file", file, NULL);
  assert_snapshot (f->name, 32, "from a file\0!\xff", 14);

  from_stdin = cli_shmtool_input (stdin_bytes, "write", f->spec, "--offset", "100", "--stdin",
                                  NULL);
  cli_assert_ok (from_stdin);
  assert_snapshot (f->name, 100, g_bytes_get_data (stdin_bytes, NULL), 100);

  cli_shmtool_ok ("write", f->spec, "--offset", "252", "--string", "end", NULL);
  assert_snapshot (f->name, 252, "end", 4);
}

static void
test_read_formats (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) content = cli_pattern_bytes (256, 3);
  const guint8 *bytes = g_bytes_get_data (content, NULL);
  g_autoptr(CliResult) w = NULL;
  g_autoptr(CliResult) raw = NULL;
  g_autoptr(CliResult) part = NULL;
  g_autoptr(CliResult) c = NULL;
  g_autoptr(CliResult) hex = NULL;
  g_autoptr(CliResult) text = NULL;
  g_autofree char *c_expected = NULL;

  g_test_summary ("read: raw gives the bytes (all, or --offset/--length of them), c the core's "
                  "C array, the default is hexdump -C, text the C string at the offset");

  create_ok (f, "256");
  w = cli_shmtool_input (content, "write", f->spec, "--stdin", NULL);
  cli_assert_ok (w);

  raw = cli_shmtool ("read", f->spec, "--format", "raw", NULL);
  cli_assert_ok (raw);
  g_assert_cmpmem (g_bytes_get_data (raw->out, NULL), g_bytes_get_size (raw->out), bytes, 256);

  part = cli_shmtool ("read", f->spec, "--format", "raw", "--offset", "0x10", "--length", "5",
                      NULL);
  cli_assert_ok (part);
  g_assert_cmpmem (g_bytes_get_data (part->out, NULL), g_bytes_get_size (part->out), bytes + 16, 5);

  c = cli_shmtool ("read", f->spec, "--format", "c", NULL);
  cli_assert_ok (c);
  c_expected = shmview_format_c_array (bytes, 256, f->spec);
  g_assert_cmpstr (c->out_text, ==, c_expected);

  hex = cli_shmtool ("read", f->spec, NULL);
  cli_assert_ok (hex);
  g_assert_true (g_str_has_prefix (hex->out_text, "00000000  "));
  g_assert_true (g_str_has_suffix (hex->out_text, "\n00000100\n"));

  cli_shmtool_ok ("write", f->spec, "--offset", "200", "--string", "at 200", NULL);
  text = cli_shmtool ("read", f->spec, "--format", "text", "--offset", "200", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "at 200\n");
}

static void
test_read_text_unterminated (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CliResult) text = NULL;

  g_test_summary ("read --format text of a range without a NUL prints the whole range, then "
                  "a newline, and never reads past --length");

  create_ok (f, "64");
  cli_shmtool_ok ("fill", f->spec, "--byte", "'x'", NULL);
  text = cli_shmtool ("read", f->spec, "--format", "text", "--offset", "60", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "xxxx\n");
  cli_result_free (g_steal_pointer (&text));
  text = cli_shmtool ("read", f->spec, "--format", "text", "--length", "3", NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "xxx\n");
}

static void
test_read_text_long (Fixture       *f,
                     gconstpointer  data)
{
  const gsize length = 700 * 1024;
  g_autofree char *expected = g_malloc (length + 2);
  g_autoptr(CliResult) text = NULL;

  g_test_summary ("read --format text of a string longer than shmtool's read chunks prints "
                  "all of it up to its NUL");

  cli_shmtool_ok ("create", f->spec, "--size", "1M", NULL);
  cli_shmtool_ok ("fill", f->spec, "--byte", "'s'", NULL);
  cli_shmtool_ok ("write", f->spec, "--offset", "716800", "--hex", "00", NULL);

  text = cli_shmtool ("read", f->spec, "--format", "text", NULL);
  cli_assert_ok (text);
  memset (expected, 's', length);
  expected[length] = '\n';
  expected[length + 1] = '\0';
  g_assert_cmpstr (text->out_text, ==, expected);
}

static void
test_read_raw_large (Fixture       *f,
                     gconstpointer  data)
{
  const gsize size = 3 * 1024 * 1024 + 5;
  g_autoptr(GBytes) content = cli_pattern_bytes (size, 11);
  g_autoptr(CliResult) w = NULL;
  g_autoptr(CliResult) raw = NULL;
  g_autoptr(CliResult) tail = NULL;
  g_autoptr(CliResult) c_tail = NULL;
  g_autofree char *c_expected = NULL;

  g_test_summary ("read --format raw and --format c stream a region many times the read "
                  "chunk size exactly, whole and from an offset that is not chunk-aligned");

  cli_shmtool_ok ("create", f->spec, "--size", "3145733", NULL);
  w = cli_shmtool_input (content, "write", f->spec, "--stdin", NULL);
  cli_assert_ok (w);
  raw = cli_shmtool ("read", f->spec, "--format", "raw", NULL);
  cli_assert_ok (raw);
  g_assert_true (g_bytes_equal (raw->out, content));

  tail = cli_shmtool ("read", f->spec, "--format", "raw", "--offset", "1048577", NULL);
  cli_assert_ok (tail);
  g_assert_cmpmem (g_bytes_get_data (tail->out, NULL), g_bytes_get_size (tail->out),
                   (const guint8 *) g_bytes_get_data (content, NULL) + 1048577, size - 1048577);

  c_tail = cli_shmtool ("read", f->spec, "--format", "c", "--offset", "1048577", NULL);
  cli_assert_ok (c_tail);
  c_expected = shmview_format_c_array ((const guint8 *) g_bytes_get_data (content, NULL) + 1048577,
                                       size - 1048577, f->spec);
  g_assert_cmpstr (c_tail->out_text, ==, c_expected);
}

static void
test_huge_sparse (Fixture       *f,
                  gconstpointer  data)
{
  /* 200 TiB: more than the address space, so it can never be mapped whole. */
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, ((guint64) 200 << 40) - 16);
  g_autofree char *path = shmview_test_posix_path (f->name);
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) hex = NULL;
  GStatBuf st;

  g_test_summary ("A sparse 200 TiB object opens for read, write and fill near its end "
                  "(no “Could not map”), and only what was written is allocated");

  cli_posix_make (f->name, (gsize) 200 << 40, "", 0);
  cli_shmtool_ok ("write", f->spec, "--offset", offset, "--string", "far away", NULL);
  cli_shmtool_ok ("fill", f->spec, "--byte", "0x41", "--offset", "1T", "--length", "4K", NULL);
  text = cli_shmtool ("read", f->spec, "--offset", offset, "--length", "16", "--format", "text",
                      NULL);
  cli_assert_ok (text);
  g_assert_cmpstr (text->out_text, ==, "far away\n");
  hex = cli_shmtool ("read", f->spec, "--offset", "1T", "--length", "2", NULL);
  cli_assert_ok (hex);
  g_assert_true (g_str_has_prefix (hex->out_text, "10000000000  41 41 "));
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_blocks, <=, 64);
}

/* What `shmtool ARGS…` prints into a non-blocking stdout pipe of one page,
 * which fills again and again; it must still exit 0. */
static GBytes *
output_through_nonblocking_pipe (const char * const *args)
{
  g_autoptr(CliRunning) running = cli_running_start_nonblocking (args);
  g_autoptr(GBytes) out = cli_running_read_all (running);
  g_autofree char *err = cli_running_read_line (running, running->err);

  g_assert_null (err);
  g_assert_cmpint (cli_running_finish (running, 0), ==, 0);
  return g_steal_pointer (&out);
}

static void
test_nonblocking_stdout (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const formats[] = { "text", "hex", "c", "raw" };
  g_autoptr(GBytes) content = cli_pattern_bytes (1024 * 1024, 5);

  g_test_summary ("read in every format writes all of a 1 MiB region to a stdout that is a "
                  "full non-blocking pipe again and again (EAGAIN), exactly as to a blocking one");

  cli_shmtool_ok ("create", f->spec, "--size", "1M", NULL);
  cli_expect_ok (cli_shmtool_input (content, "write", f->spec, "--stdin", NULL));
  /* The second half a long C string for --format text (no NUL up to the end). */
  cli_shmtool_ok ("fill", f->spec, "--byte", "0x41", "--offset", "512K", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *offset = i == 0 ? "512K" : "0";
      const char *args[] = { "read", f->spec, "--format", formats[i], "--offset", offset, NULL };
      g_autoptr(CliResult) blocking = cli_shmtool ("read", f->spec, "--format", formats[i],
                                                   "--offset", offset, NULL);
      g_autoptr(GBytes) out = output_through_nonblocking_pipe (args);

      cli_assert_ok (blocking);
      g_assert_cmpuint (g_bytes_get_size (blocking->out), >=, 512 * 1024);
      g_assert_true (g_bytes_equal (out, blocking->out));
    }
}

static void
test_info (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CliResult) info = NULL;
  g_autofree char *spec_line = g_strdup_printf ("spec: %s\n", f->name);
  g_autofree char *name_line = g_strdup_printf ("name: %s\n", f->spec);
  g_autofree char *owner_line = g_strdup_printf ("owner: %s (%u)\n", g_get_user_name (),
                                                 (guint) getuid ());
  const char *watch_args[] = { "watch", f->spec, NULL };
  g_autoptr(CliRunning) watch = NULL;
  g_autoptr(CliResult) attached = NULL;
  g_autofree char *ready = NULL;

  g_test_summary ("info prints key: value lines: spec, name, kind, size, owner, mode, and "
                  "how many processes map a POSIX object (not counting itself): one "
                  "while a running shmtool watch holds it open");

  create_ok (f, "4K");
  info = cli_shmtool ("info", f->spec, NULL);
  cli_assert_ok (info);
  g_assert_true (g_str_has_prefix (info->out_text, spec_line));
  g_assert_nonnull (strstr (info->out_text, name_line));
  g_assert_nonnull (strstr (info->out_text, "\nkind: POSIX\n"));
  g_assert_nonnull (strstr (info->out_text, "\nsize: 4 KiB (4096 bytes)\n"));
  g_assert_nonnull (strstr (info->out_text, owner_line));
  g_assert_nonnull (strstr (info->out_text, "\nmode: 0600 (rw-------)\n"));
  g_assert_nonnull (strstr (info->out_text, "\nremoved: no\n"));
  /* shmtool does not count itself. */
  g_assert_nonnull (strstr (info->out_text, "\nattaches: 0\n"));

  /* A running shmtool watch holds it open, and so mapped: one attach. Info
   * counts before it opens the region itself, so it is not one of them. */
  watch = cli_running_start (FALSE, watch_args);
  ready = cli_running_read_line (watch, watch->err);
  g_assert_nonnull (ready);
  attached = cli_shmtool ("info", f->spec, NULL);
  g_assert_cmpint (cli_running_finish (watch, SIGTERM), ==, 0);
  cli_assert_ok (attached);
  g_assert_nonnull (strstr (attached->out_text, "\nattaches: 1\n"));
}

static void
test_info_sysv (void)
{
  g_autoptr(CliResult) info = NULL;
  g_autoptr(CliResult) attached = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *id_line = NULL;
  void *seg;
  int id;

  g_test_summary ("info of a System V segment shows its key, id and attach count, the "
                  "processes attached besides shmtool itself, as ipcs -m counts them");
  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (100, 0640);
  spec = g_strdup_printf ("sysvid:%d", id);
  id_line = g_strdup_printf ("\nid: %d\n", id);
  info = cli_shmtool ("info", spec, NULL);
  seg = shmview_test_sysv_attach (id, SHM_RDONLY);
  attached = cli_shmtool ("info", spec, NULL);
  shmdt (seg);
  shmctl (id, IPC_RMID, NULL);

  cli_assert_ok (attached);
  g_assert_nonnull (strstr (attached->out_text, "\nattaches: 1\n"));

  cli_assert_ok (info);
  g_assert_nonnull (strstr (info->out_text, "\nkind: System V\n"));
  g_assert_nonnull (strstr (info->out_text, "\nsize: 100 bytes\n"));
  g_assert_nonnull (strstr (info->out_text, "\nmode: 0640 (rw-r-----)\n"));
  g_assert_nonnull (strstr (info->out_text, "\nkey: 0x00000000\n"));
  g_assert_nonnull (strstr (info->out_text, id_line));
  /* Not counting shmtool itself, which is attached while it asks. */
  g_assert_nonnull (strstr (info->out_text, "\nattaches: 0\n"));
}

static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  guint8 expected[64];

  g_test_summary ("fill --byte B fills the whole region; with --offset/--length only that part");

  create_ok (f, "64");
  cli_shmtool_ok ("fill", f->spec, "--byte", "0xab", NULL);
  memset (expected, 0xab, sizeof expected);
  assert_snapshot (f->name, 0, expected, sizeof expected);

  cli_shmtool_ok ("fill", f->spec, "--byte", "'A'", "--offset", "10", "--length", "5", NULL);
  memset (expected + 10, 'A', 5);
  assert_snapshot (f->name, 0, expected, sizeof expected);
}

static void
test_rm (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(CliResult) rm = NULL;
  g_autoptr(GBytes) after = NULL;

  g_test_summary ("rm removes the region");

  create_ok (f, "64");
  rm = cli_shmtool ("rm", f->spec, NULL);
  cli_assert_ok (rm);
  g_assert_cmpstr (rm->out_text, ==, "");
  after = cli_posix_snapshot (f->name);
  g_assert_null (after);
}

static void
test_file_region (void)
{
  g_autofree char *path = shmview_test_temp_path ("region.bin");
  g_autofree char *spec = g_strconcat ("file:", path, NULL);
  g_autoptr(CliResult) c = cli_shmtool ("create", spec, "--size", "100", NULL);
  g_autoptr(CliResult) r = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_test_summary ("file: specs work for create, write, read and rm");

  cli_assert_ok (c);
  cli_shmtool_ok ("write", spec, "--offset", "50", "--string", "in a file", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 100);
  g_assert_cmpmem (contents + 50, 10, "in a file", 10);

  r = cli_shmtool ("read", spec, "--offset", "50", "--format", "text", NULL);
  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "in a file\n");

  cli_shmtool_ok ("rm", spec, NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_file_relative (void)
{
  g_autofree char *temp = shmview_test_temp_path ("relative");
  g_autofree char *dir = NULL;
  g_autofree char *shmtool = cli_shmtool_path ();
  g_autofree char *spec = NULL;
  g_autofree char *spec_line = NULL;
  g_autoptr(CliResult) info = NULL;
  const char *script = "cd \"$1\" && \"$2\" create file:./rel.bin --size 16 && "
                       "exec \"$2\" info file:rel.bin";

  g_test_summary ("A relative file: path is taken in shmtool's current directory and shown "
                  "absolute, so the spec it prints names that file from anywhere");

  g_assert_no_errno (g_mkdir (temp, 0700));
  dir = realpath (temp, NULL);
  spec = g_strdup_printf ("file:%s/rel.bin", dir);
  spec_line = g_strdup_printf ("spec: %s\n", spec);
  info = cli_run ("/bin/sh", "-c", script, "sh", dir, shmtool, NULL);
  cli_assert_ok (info);
  g_assert_true (g_str_has_prefix (info->out_text, spec_line));
  cli_shmtool_ok ("rm", spec, NULL);
}

static void
test_file_follow (void)
{
  g_autofree char *target = shmview_test_temp_path ("target.bin");
  g_autofree char *link = shmview_test_temp_path ("link.bin");
  g_autofree char *spec = g_strconcat ("file:", link, NULL);
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) read_followed = NULL;
  g_autoptr(CliResult) rm_refused = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_test_summary ("A file: spec naming a symlink is refused and changes nothing; with --follow "
                  "the target is written, read and (rm) removed");

  g_assert_true (g_file_set_contents (target, "0123456789", 10, NULL));
  g_assert_no_errno (symlink (target, link));

  refused = cli_shmtool ("write", spec, "--text", "XY", NULL);
  cli_assert_failure (refused, spec, "is a symbolic link, which is not followed unless asked; "
                                     "use --follow to follow it");
  g_assert_true (g_file_get_contents (target, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "0123456789", 10);
  g_clear_pointer (&contents, g_free);

  cli_shmtool_ok ("write", spec, "--text", "XY", "--follow", NULL);
  g_assert_true (g_file_get_contents (target, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "XY23456789", 10);

  read_followed = cli_shmtool ("read", spec, "--format", "raw", "--follow", NULL);
  cli_assert_ok (read_followed);
  g_assert_cmpstr (read_followed->out_text, ==, "XY23456789");

  /* rm refuses the link too; with --follow it removes the file it names. */
  rm_refused = cli_shmtool ("rm", spec, NULL);
  cli_assert_failure (rm_refused, spec, "is a symbolic link, which is not removed; "
                                        "use --follow to follow it");
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  cli_shmtool_ok ("rm", spec, "--follow", NULL);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (link));
}

static void
test_odd_name (void)
{
  static const char tag[] = "odd\nname\\\xff";
  g_autofree char *name = shmview_test_unique_posix_name (tag);
  /* The name without its slash, escaped the way shmtool shows it. */
  g_autofree char *escaped = g_strdup_printf ("%.*sodd\\nname\\\\\\xff",
                                              (int) (strlen (name) - 1 - strlen (tag)),
                                              name + 1);
  g_autofree char *name_line = g_strdup_printf ("\nname: %s\n", escaped);
  g_autofree char *missing = g_strdup_printf ("shmtool: /%s: No such shared memory region\n",
                                              escaped);
  g_autoptr(CliResult) c = cli_shmtool ("create", name, "--size", "16", NULL);
  g_autoptr(CliResult) r = NULL;
  g_autoptr(CliResult) info = NULL;
  g_autoptr(CliResult) gone = NULL;

  g_test_summary ("A name with a line break, a backslash and a byte that is not UTF-8 (as "
                  "other programs may make) works with every command; info and errors show "
                  "it escaped, on one line");

  cli_assert_ok (c);
  cli_shmtool_ok ("write", name, "--string", "odd", NULL);
  r = cli_shmtool ("read", name, "--format", "text", NULL);
  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "odd\n");
  info = cli_shmtool ("info", name, NULL);
  cli_assert_ok (info);
  g_assert_nonnull (strstr (info->out_text, name_line));
  cli_shmtool_ok ("rm", name, NULL);
  gone = cli_shmtool ("rm", name, NULL);
  g_assert_cmpint (gone->status, ==, 1);
  g_assert_cmpstr (gone->err, ==, missing);
}

static void
test_dash_name (void)
{
  g_autofree char *unique = shmview_test_unique_posix_name ("dash");
  /* "-shmview-test-…": a name that looks like an option. */
  g_autofree char *name = g_strconcat ("-", unique + 1, NULL);
  g_autofree char *slashed = g_strconcat ("/", name, NULL);
  g_autofree char *spec_line = g_strdup_printf ("spec: %s\n", slashed);
  g_autoptr(CliResult) info = NULL;
  g_autoptr(CliResult) late = NULL;

  g_test_summary ("A name starting with “-” works after “--” (options before it); an option "
                  "after “--” is a usage error that says where options go");

  shmview_test_track_posix (slashed);
  cli_shmtool_ok ("create", "--size", "16", "--", name, NULL);
  cli_shmtool_ok ("write", "--string", "dash", "--", name, NULL);
  info = cli_shmtool ("info", "--", name, NULL);
  cli_assert_ok (info);
  g_assert_true (g_str_has_prefix (info->out_text, spec_line));
  late = cli_shmtool ("read", "--", name, "--format", "text", NULL);
  cli_assert_usage_error (late, "Unexpected argument “--format” (everything after “--” is a "
                                "SPEC: put the options before it)");
  cli_shmtool_ok ("rm", "--", name, NULL);
  g_assert_null (cli_posix_snapshot (slashed));
}

static void
test_version (void)
{
  g_autoptr(CliResult) r = cli_shmtool ("--version", NULL);

  g_test_summary ("--version prints the version");
  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "shmtool " PACKAGE_VERSION "\n");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/commands/help", test_help);
  g_test_add_func ("/cli/commands/version", test_version);
  ADD ("/cli/commands/lesson", test_lesson);
  ADD ("/cli/commands/create-mode-force", test_create_mode_force);
  g_test_add_func ("/cli/commands/create-sysv-private", test_create_sysv_private);
  ADD ("/cli/commands/write-sources", test_write_sources);
  ADD ("/cli/commands/read-formats", test_read_formats);
  ADD ("/cli/commands/read-text-unterminated", test_read_text_unterminated);
  ADD ("/cli/commands/read-text-long", test_read_text_long);
  ADD ("/cli/commands/read-raw-large", test_read_raw_large);
  ADD ("/cli/commands/huge-sparse", test_huge_sparse);
  ADD ("/cli/commands/nonblocking-stdout", test_nonblocking_stdout);
  ADD ("/cli/commands/info", test_info);
  g_test_add_func ("/cli/commands/info-sysv", test_info_sysv);
  ADD ("/cli/commands/fill", test_fill);
  ADD ("/cli/commands/rm", test_rm);
  g_test_add_func ("/cli/commands/file-region", test_file_region);
  g_test_add_func ("/cli/commands/file-relative", test_file_relative);
  g_test_add_func ("/cli/commands/file-follow", test_file_follow);
  g_test_add_func ("/cli/commands/odd-name", test_odd_name);
  g_test_add_func ("/cli/commands/dash-name", test_dash_name);

  return g_test_run ();
}
