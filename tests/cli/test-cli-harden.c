/* test-cli-harden.c: fault tests of issue 6: no byte written that was not asked for
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test reproduces one defect the adversarial pass found (closed
 * standard descriptors, a failed replace, FIFOs, symlinks in directories,
 * tiny rlimits, raw names in messages) and checks the region afterwards.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cli-util.h"
#include "test-util.h"

#define REGION_SIZE 16

typedef struct
{
  char   *name;      /* "/shmview-test-…": an existing 16-byte region */
  char   *bare;      /* the same without the slash, as typed */
  GBytes *before;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GBytes) content = cli_pattern_bytes (REGION_SIZE, 3);

  f->name = shmview_test_unique_posix_name ("harden");
  f->bare = g_strdup (f->name + 1);
  cli_posix_make (f->name, REGION_SIZE, g_bytes_get_data (content, NULL), REGION_SIZE);
  f->before = cli_posix_snapshot (f->name);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
  g_free (f->bare);
  g_bytes_unref (f->before);
}

static void
assert_unchanged (const Fixture *f)
{
  g_autoptr(GBytes) after = cli_posix_snapshot (f->name);

  g_assert_nonnull (after);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   g_bytes_get_data (f->before, NULL), g_bytes_get_size (f->before));
}

/* Runs `sh -c SCRIPT` with $SHMTOOL set to the built shmtool. */
static CliResult *
run_shell (const char *script)
{
  g_autofree char *shmtool = cli_shmtool_path ();
  g_autofree char *full = g_strdup_printf ("export SHMTOOL='%s'; %s", shmtool, script);

  return cli_run ("/bin/sh", "-c", full, NULL);
}

static void
test_closed_stderr (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autoptr(CliResult) result = NULL;

  g_test_summary ("With stderr closed, a refused write does not write its error message "
                  "into the region (descriptor 2 is /dev/null, not the region)");

  script = g_strdup_printf ("\"$SHMTOOL\" write %s --text 'far too long for sixteen bytes' 2>&-",
                            f->bare);
  result = run_shell (script);
  g_assert_cmpint (result->status, ==, 1);
  assert_unchanged (f);

  /* fill too: same path, another message */
  g_clear_pointer (&result, cli_result_free);
  g_free (script);
  script = g_strdup_printf ("\"$SHMTOOL\" fill %s --byte 1 --offset 20 2>&-", f->bare);
  result = run_shell (script);
  g_assert_cmpint (result->status, ==, 1);
  assert_unchanged (f);
}

static void
test_closed_stdin (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GBytes) after = NULL;

  g_test_summary ("With stdin closed, write --stdin reads nothing (an empty input) rather "
                  "than the region's own bytes");

  script = g_strdup_printf ("\"$SHMTOOL\" write %s --offset 1 --stdin <&-", f->bare);
  result = run_shell (script);
  /* An empty input writes nothing and succeeds. */
  g_assert_cmpint (result->status, ==, 0);
  assert_unchanged (f);
}

static void
test_closed_stdout (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autoptr(CliResult) result = NULL;

  g_test_summary ("With stdout closed, read writes nowhere near the region");

  script = g_strdup_printf ("\"$SHMTOOL\" read %s --format raw >&-; echo status=$?", f->bare);
  result = run_shell (script);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out_text, "status=0"));
  assert_unchanged (f);
}

/* A path in /dev/shm for a name next to the fixture's, removed at teardown
 * of the test by the caller. */
static char *
neighbour (const Fixture *f,
           const char    *suffix)
{
  g_autofree char *name = g_strconcat (f->name, suffix, NULL);

  return shmview_test_posix_path (name);
}

static void
assert_no_follow_hint (const CliResult *result)
{
  g_assert_null (strstr (result->err, "--follow"));
}

static void
test_rm_non_regular (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fifo = neighbour (f, "-fifo");
  g_autofree char *dir = neighbour (f, "-dir");
  g_autofree char *link = neighbour (f, "-link");
  g_autofree char *dev = neighbour (f, "-dev");
  const char *paths[4];
  gsize n = 0;
  struct stat st;

  g_test_summary ("shmtool rm refuses a FIFO, a directory, a symlink (and a device node when "
                  "one can be made) in /dev/shm, as rm file: refuses them, and leaves each");

  g_assert_no_errno (mkfifo (fifo, 0600));
  paths[n++] = fifo;
  g_assert_no_errno (g_mkdir (dir, 0700));
  paths[n++] = dir;
  g_assert_no_errno (symlink (f->name, link));
  paths[n++] = link;
  /* /dev/null's numbers: harmless should it ever be opened. */
  if (mknod (dev, S_IFCHR | 0600, makedev (1, 3)) == 0)
    paths[n++] = dev;

  for (gsize i = 0; i < n; i++)
    {
      const char *name = strrchr (paths[i], '/') + 1;
      g_autoptr(CliResult) result = cli_shmtool ("rm", name, NULL);

      cli_assert_failure (result, name, NULL);
      assert_no_follow_hint (result);
      g_assert_no_errno (lstat (paths[i], &st));
    }
  g_unlink (fifo);
  g_rmdir (dir);
  g_unlink (link);
  g_unlink (dev);
}

static void
test_posix_symlink (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *link = neighbour (f, "-link");
  const char *name = strrchr (link, '/') + 1;
  g_autoptr(CliResult) read = NULL;
  g_autoptr(CliResult) followed = NULL;

  g_test_summary ("A symlink planted under a POSIX name is refused without suggesting "
                  "--follow, which does nothing for POSIX names");

  g_assert_no_errno (symlink (f->name, link));
  read = cli_shmtool ("read", name, NULL);
  cli_assert_failure (read, name, "symbolic link");
  assert_no_follow_hint (read);
  followed = cli_shmtool ("write", name, "--follow", "--text", "x", NULL);
  cli_assert_failure (followed, name, "symbolic link");
  assert_no_follow_hint (followed);
  g_unlink (link);
  assert_unchanged (f);
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = neighbour (f, "-dir");
  const char *name = strrchr (dir, '/') + 1;
  static const char * const commands[][5] = {
    { "read", NULL },
    { "write", "--text", "x", NULL },
    { "fill", "--byte", "0", NULL },
    { "info", NULL },
  };

  g_test_summary ("A directory in /dev/shm is “a directory” for every command, not "
                  "“Invalid argument” for those that open it for writing");

  g_assert_no_errno (g_mkdir (dir, 0700));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[8] = { commands[i][0], name, };
      g_autoptr(CliResult) result = NULL;
      g_autofree char *shmtool = cli_shmtool_path ();
      const char *argv[10] = { shmtool, };

      for (gsize j = 1; commands[i][j] != NULL; j++)
        args[j + 1] = commands[i][j];
      for (gsize j = 0; args[j] != NULL; j++)
        argv[j + 1] = args[j];
      result = cli_run_argv (NULL, argv);
      cli_assert_failure (result, name, "is a directory");
    }
  g_rmdir (dir);
}

/* No byte of @text may be a control character (but the newlines between
 * lines), an invisible format character or a byte that is not UTF-8. */
static void
assert_printable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        continue;
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_CONTROL);
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_FORMAT);
    }
}

static void
test_escaped_messages (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const hostile[] = {
    "x\xe2\x80\xaetxt.exe",    /* U+202E RIGHT-TO-LEFT OVERRIDE */
    "x\x1b[31mred",            /* a terminal escape */
    "x\xff\xfe",               /* not UTF-8 */
    "x\xc2\x9b" "31m",         /* C1 CSI */
  };

  g_test_summary ("Option values, arguments and specs echoed in messages are escaped: "
                  "control characters, bidi overrides, bytes that are not UTF-8");

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(CliResult) command = cli_shmtool (hostile[i], NULL);
      g_autoptr(CliResult) option = cli_shmtool ("read", f->bare, "--format", hostile[i], NULL);
      g_autoptr(CliResult) extra = cli_shmtool ("read", f->bare, hostile[i], NULL);
      g_autoptr(CliResult) spec = cli_shmtool ("read", hostile[i], NULL);
      g_autoptr(CliResult) unknown = cli_shmtool ("read", f->bare, hostile[i] + 1, NULL);
      g_autoptr(CliResult) mode = cli_shmtool ("create", f->bare, "--size", "1", "--mode",
                                               hostile[i], NULL);

      cli_assert_usage_error (command, "Unknown command");
      /* GOption refuses a value that is not UTF-8 before we see it. */
      g_assert_cmpint (option->status, ==, 2);
      cli_assert_usage_error (extra, "Unexpected argument");
      g_assert_cmpint (spec->status, ==, 1);
      assert_printable (command->err);
      assert_printable (option->err);
      assert_printable (extra->err);
      assert_printable (spec->err);
      assert_printable (unknown->err);
      assert_printable (mode->err);
    }
}

static void
test_long_spec (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (100 * 1000, 'a');
  g_autofree char *huge_file = g_strconcat ("file:/nonexistent/", huge, NULL);
  g_autoptr(CliResult) name = cli_shmtool ("read", huge, NULL);
  g_autoptr(CliResult) file = cli_shmtool ("read", huge_file, NULL);
  g_autoptr(CliResult) option = cli_shmtool ("read", f->bare, "--format", huge, NULL);

  g_test_summary ("A 100 KB spec or option value is shortened in the message, not echoed "
                  "whole");

  g_assert_cmpint (name->status, !=, 0);
  g_assert_cmpint (file->status, ==, 1);
  cli_assert_usage_error (option, "--format");
  g_assert_cmpuint (strlen (name->err), <, 1200);
  g_assert_cmpuint (strlen (file->err), <, 1200);
  g_assert_cmpuint (strlen (option->err), <, 1200);
  g_assert_nonnull (strstr (file->err, "…"));
}

static void
test_list_escaped (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = g_strconcat (f->name, "-\xe2\x80\xae" "txt.exe\x1b", NULL);
  g_autoptr(CliResult) list = NULL;
  g_autofree char *escaped = NULL;

  g_test_summary ("shmtool list shows a name holding U+202E and ESC escaped, never raw");

  close (shmview_test_posix_create (name, 16));
  list = cli_shmtool ("list", NULL);
  shmview_test_posix_unlink (name);
  cli_assert_ok (list);
  assert_printable (list->out_text);
  escaped = g_strconcat (f->bare, "-\\xe2\\x80\\xaetxt.exe\\x1b", NULL);
  g_assert_nonnull (strstr (list->out_text, escaped));
}

/* Whether a leftover ".shmview-new-*" of a replace is in @dir (a private
 * one: other tests may be replacing in /dev/shm at this very moment). */
static gboolean
has_temp_leftover (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, ".shmview-new-"))
      return TRUE;
  return FALSE;
}

/* create SPEC --size 8E --force (and a size just too big for the
 * filesystem) must fail and leave what @read_back returns unchanged. */
static void
assert_failed_replace_keeps (const char *spec,
                             GBytes    *(*read_back) (const char *spec))
{
  static const char *const sizes[] = { "8E", "16E" };
  g_autoptr(GBytes) before = read_back (spec);

  g_assert_nonnull (before);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CliResult) result = cli_shmtool ("create", spec, "--size", sizes[i], "--force",
                                                 NULL);
      g_autoptr(GBytes) after = NULL;

      g_assert_cmpint (result->status, !=, 0);
      after = read_back (spec);
      g_assert_nonnull (after);
      g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                       g_bytes_get_data (before, NULL), g_bytes_get_size (before));
    }
}

/* The region's bytes through shmtool itself (any kind). */
static GBytes *
read_with_shmtool (const char *spec)
{
  g_autoptr(CliResult) result = cli_shmtool ("read", spec, "--format", "raw", NULL);

  return result->status == 0 ? g_bytes_ref (result->out) : NULL;
}

static void
test_force_posix (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CliResult) ok = NULL;

  g_test_summary ("create --force that fails (a size tmpfs refuses) leaves the old POSIX "
                  "object exactly as it was");

  cli_shmtool_ok ("write", f->bare, "--string", "keep-me", NULL);
  assert_failed_replace_keeps (f->bare, read_with_shmtool);

  /* and a replace that can succeed still does */
  cli_shmtool_ok ("create", f->bare, "--size", "32", "--force", NULL);
  ok = cli_shmtool ("read", f->bare, "--format", "raw", NULL);
  cli_assert_ok (ok);
  g_assert_cmpuint (g_bytes_get_size (ok->out), ==, 32);
}

static void
test_force_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = shmview_test_temp_path ("force.bin");
  g_autofree char *spec = g_strconcat ("file:", path, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_test_summary ("create --force that fails leaves the old file exactly as it was, and no "
                  "temporary file behind");

  cli_shmtool_ok ("create", spec, "--size", "16", NULL);
  cli_shmtool_ok ("write", spec, "--string", "keep-me", NULL);
  assert_failed_replace_keeps (spec, read_with_shmtool);
  g_assert_false (has_temp_leftover (dir));
  g_unlink (path);
}

static void
test_force_sysv (Fixture       *f,
                 gconstpointer  data)
{
  gint32 key = (gint32) (0x48000000 | (getpid () & 0xffffff));
  g_autofree char *spec = g_strdup_printf ("sysv:0x%08x", (guint32) key);

  g_test_summary ("create --force that fails (a size over shmmax, or more than there is "
                  "memory for) leaves the old System V segment as it was");

  if (shmview_test_skip_without_sysv ())
    return;
  shmview_test_track_sysv_key (key);
  cli_shmtool_ok ("create", spec, "--size", "16", NULL);
  cli_shmtool_ok ("write", spec, "--string", "keep-me", NULL);
  assert_failed_replace_keeps (spec, read_with_shmtool);
  cli_shmtool_ok ("rm", spec, NULL);
}

/* TRUE (after g_test_skip) when this user cannot mount a tmpfs of its own
 * in a new user and mount namespace. */
static gboolean
skip_without_private_mount (void)
{
  g_autoptr(CliResult) probe = cli_run ("/bin/sh", "-c",
                                        "unshare -rm sh -c 'mount -t tmpfs none /mnt' 2>&1",
                                        NULL);

  if (probe->status == 0)
    return FALSE;
  g_test_skip ("Cannot mount a private tmpfs here (unshare -rm)");
  return TRUE;
}

static void
test_full_tmpfs (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = shmview_test_temp_path ("full");
  g_autofree char *input = shmview_test_temp_path ("input.bin");
  g_autoptr(GBytes) bytes = cli_pattern_bytes (1536 * 1024, 11);
  g_autofree char *script = NULL;
  g_autoptr(CliResult) result = NULL;
  g_auto(GStrv) lines = NULL;

  g_test_summary ("A 1.5 MiB write into a file on a 1 MiB tmpfs fails whole: status 1, "
                  "NO_SPACE's message, and not one byte written (write and fill)");

  if (skip_without_private_mount ())
    return;
  g_assert_no_errno (g_mkdir (dir, 0700));
  g_assert_true (g_file_set_contents (input, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
  /* Each step prints its status; the last two count the non-zero bytes. */
  script = g_strdup_printf (
    "unshare -rm sh -c 'mount -t tmpfs -o size=1m none %s || exit 99;"
    " \"$SHMTOOL\" create file:%s/f --size 1536K; echo create=$?;"
    " \"$SHMTOOL\" write file:%s/f --file %s; echo write=$?;"
    " \"$SHMTOOL\" read file:%s/f --format raw | tr -d \"\\\\000\" | wc -c;"
    " \"$SHMTOOL\" fill file:%s/f --byte 0x55; echo fill=$?;"
    " \"$SHMTOOL\" read file:%s/f --format raw | tr -d \"\\\\000\" | wc -c'",
    dir, dir, dir, input, dir, dir, dir);
  result = run_shell (script);
  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (g_strstrip (result->out_text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "create=0");
  g_assert_cmpstr (lines[1], ==, "write=1");
  g_assert_cmpstr (g_strstrip (lines[2]), ==, "0");
  g_assert_cmpstr (lines[3], ==, "fill=1");
  g_assert_cmpstr (g_strstrip (lines[4]), ==, "0");
  g_assert_nonnull (strstr (result->err, "nothing was written"));
  g_rmdir (dir);
  g_unlink (input);
}

static void
test_write_small_window (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autofree char *big = g_strconcat (f->bare, "-big", NULL);
  g_autofree char *big_name = g_strconcat ("/", big, NULL);

  g_test_summary ("Under ulimit -v 1000000 a 1 GiB region cannot be mapped whole, and a "
                  "1-byte write (and a small fill) maps only the pages it touches");

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer cannot run under a small ulimit -v");
  return;
#endif
  shmview_test_track_posix (big_name);
  cli_shmtool_ok ("create", big, "--size", "1G", NULL);
  script = g_strdup_printf ("ulimit -v 1000000 && \"$SHMTOOL\" write %s --offset 5 --text x && "
                            "\"$SHMTOOL\" fill %s --offset 1000000000 --length 10000 "
                            "--byte 7 && \"$SHMTOOL\" read %s --offset 4 --length 2 "
                            "--format hex", big, big, big);
  result = run_shell (script);
  cli_assert_ok (result);
  g_assert_nonnull (strstr (result->out_text, "00 78"));
  shmview_test_posix_unlink (big_name);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/harden/closed-fds/stderr", Fixture, NULL, setup, test_closed_stderr,
              teardown);
  g_test_add ("/cli/harden/closed-fds/stdin", Fixture, NULL, setup, test_closed_stdin, teardown);
  g_test_add ("/cli/harden/closed-fds/stdout", Fixture, NULL, setup, test_closed_stdout,
              teardown);

  g_test_add ("/cli/harden/rm/non-regular", Fixture, NULL, setup, test_rm_non_regular,
              teardown);
  g_test_add ("/cli/harden/messages/posix-symlink", Fixture, NULL, setup, test_posix_symlink,
              teardown);
  g_test_add ("/cli/harden/messages/directory", Fixture, NULL, setup, test_directory, teardown);
  g_test_add ("/cli/harden/messages/escaped", Fixture, NULL, setup, test_escaped_messages,
              teardown);
  g_test_add ("/cli/harden/messages/long-spec", Fixture, NULL, setup, test_long_spec, teardown);
  g_test_add ("/cli/harden/messages/list-escaped", Fixture, NULL, setup, test_list_escaped,
              teardown);

  g_test_add ("/cli/harden/force/posix", Fixture, NULL, setup, test_force_posix, teardown);
  g_test_add ("/cli/harden/force/file", Fixture, NULL, setup, test_force_file, teardown);
  g_test_add ("/cli/harden/force/sysv", Fixture, NULL, setup, test_force_sysv, teardown);

  g_test_add ("/cli/harden/write/full-tmpfs", Fixture, NULL, setup, test_full_tmpfs, teardown);
  g_test_add ("/cli/harden/write/small-window", Fixture, NULL, setup, test_write_small_window,
              teardown);

  return g_test_run ();
}
