/* test-cli-errors.c: every shmtool error path: status, message, nothing changed
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cli-util.h"
#include "test-util.h"

#define REGION_SIZE 256

/* In args, "@" stands for an existing 256-byte region and "@missing" for a
 * name that does not exist. Run-time failures (status 1) name args[1]. */
typedef struct
{
  const char *label;
  const char *args[12];
  int         status;
  const char *needle;   /* must appear in the first line of stderr */
} ErrorCase;

static const ErrorCase cases[] = {
  /* usage errors: status 2, "shmtool: …" and a pointer to --help */
  { "no-command", { NULL }, 2, "No command given" },
  { "unknown-command", { "frobnicate", NULL }, 2, "Unknown command “frobnicate”" },
  { "option-before-command", { "--bogus", NULL }, 2, "Unknown option “--bogus”" },
  { "help-unknown", { "help", "frobnicate", NULL }, 2, "Unknown command “frobnicate”" },
  { "help-extra", { "help", "read", "write", NULL }, 2, "Unexpected argument" },
  { "read-missing-spec", { "read", NULL }, 2, "Missing SPEC" },
  { "read-extra-arg", { "read", "@", "extra", NULL }, 2, "Unexpected argument “extra”" },
  { "read-unknown-option", { "read", "@", "--bogus", NULL }, 2, "--bogus" },
  { "read-bad-spec", { "read", "bad/name", NULL }, 2, "bad/name: " },
  { "read-empty-spec", { "read", "", NULL }, 2, "“”: " },
  { "read-bad-sysv-key", { "read", "sysv:zz", NULL }, 2, "sysv:zz: " },
  { "read-bad-format", { "read", "@", "--format", "bogus", NULL }, 2, "“bogus”" },
  { "read-bad-offset", { "read", "@", "--offset", "12Q", NULL }, 2, "--offset: " },
  { "read-bad-length", { "read", "@", "--length", "x", NULL }, 2, "--length: " },
  { "info-extra-option", { "info", "@", "--size", "5", NULL }, 2, "--size" },
  { "info-missing-spec", { "info", NULL }, 2, "Missing SPEC" },
  { "rm-extra-arg", { "rm", "@", "@missing", NULL }, 2, "Unexpected argument" },
  { "list-extra-arg", { "list", "extra", NULL }, 2, "Unexpected argument “extra”" },
  { "list-unknown-option", { "list", "--json", "--bogus", NULL }, 2, "--bogus" },
  { "create-no-size", { "create", "@missing", NULL }, 2, "--size is required" },
  { "create-bad-size", { "create", "@missing", "--size", "12Q", NULL }, 2, "--size: " },
  { "create-zero-size", { "create", "@missing", "--size", "0", NULL }, 2, "--size: " },
  { "create-bad-mode", { "create", "@missing", "--size", "256", "--mode", "999", NULL }, 2,
    "--mode: " },
  { "create-mode-bits", { "create", "@missing", "--size", "256", "--mode", "4755", NULL }, 2,
    "--mode: " },
  { "create-by-id", { "create", "sysvid:5", "--size", "256", NULL }, 2, "key" },
  { "create-no-spec", { "create", "--size", "256", NULL }, 2, "Missing SPEC" },
  { "read-private-key", { "read", "sysv:0", NULL }, 2, "sysv:0: Key 0 (IPC_PRIVATE) names no" },
  { "rm-private-key", { "rm", "sysv:0x0", NULL }, 2, "sysv:0x0: Key 0 (IPC_PRIVATE)" },
  { "watch-private-key", { "watch", "sysv:0", NULL }, 2, "give its id instead (sysvid:ID" },
  { "write-no-source", { "write", "@", NULL }, 2, "Nothing to write" },
  { "write-two-sources", { "write", "@", "--string", "a", "--hex", "00", NULL }, 2,
    "Give only one" },
  { "write-text-and-stdin", { "write", "@", "--text", "a", "--stdin", NULL }, 2, "Give only one" },
  { "write-file-and-string", { "write", "@", "--file", "/dev/null", "--string", "a", NULL }, 2,
    "Give only one" },
  { "write-bad-hex", { "write", "@", "--hex", "zz", NULL }, 2, "--hex: " },
  { "write-odd-hex", { "write", "@", "--hex", "abc", NULL }, 2, "--hex: " },
  { "write-empty-hex", { "write", "@", "--hex", "", NULL }, 2, "--hex: " },
  { "write-bad-offset", { "write", "@", "--offset", "abc", "--text", "a", NULL }, 2,
    "--offset: " },
  { "write-missing-value", { "write", "@", "--string", NULL }, 2, "--string" },
  { "fill-no-byte", { "fill", "@", NULL }, 2, "--byte is required" },
  { "fill-bad-byte", { "fill", "@", "--byte", "256", NULL }, 2, "--byte: " },
  { "fill-bad-length", { "fill", "@", "--byte", "1", "--length", "zz", NULL }, 2,
    "--length: " },
  { "watch-bad-interval", { "watch", "@", "--interval", "abc", NULL }, 2, "--interval: " },
  { "watch-zero-interval", { "watch", "@", "--interval", "0", NULL }, 2, "--interval: " },
  { "watch-negative-count", { "watch", "@", "--count", "-1", NULL }, 2, "--count: " },
  { "watch-bad-offset", { "watch", "@", "--offset", "nope", NULL }, 2, "--offset: " },

  /* run-time failures: status 1, "shmtool: SPEC: …" */
  { "create-exists", { "create", "@", "--size", "256", NULL }, 1,
    "A region with this name already exists; use --force to replace it" },
  { "create-exists-other-size", { "create", "@", "--size", "512", NULL }, 1, "already exists" },
  { "create-no-dir", { "create", "file:/nonexistent-dir/x", "--size", "16", NULL }, 1, NULL },
  { "write-missing", { "write", "@missing", "--text", "a", NULL }, 1, "No such" },
  { "write-past-end", { "write", "@", "--offset", "250", "--string", "toolong", NULL }, 1,
    "past the end" },
  { "write-nul-past-end", { "write", "@", "--offset", "253", "--string", "end", NULL }, 1,
    "past the end" },
  { "write-offset-at-end", { "write", "@", "--offset", "256", "--text", "a", NULL }, 1,
    "past the end" },
  { "write-offset-beyond", { "write", "@", "--offset", "1M", "--hex", "00", NULL }, 1,
    "past the end" },
  { "write-missing-file", { "write", "@", "--file", "/nonexistent/data", NULL }, 1,
    "Could not open “/nonexistent/data”: No such file or directory" },
  { "write-file-too-big", { "write", "@", "--offset", "1", "--file", "@bigfile", NULL }, 1,
    "past the end" },
  { "read-missing", { "read", "@missing", NULL }, 1, "No such shared memory region" },
  { "read-missing-sysv", { "read", "sysv:0x7ffffffe", NULL }, 1, NULL },
  { "read-offset-beyond", { "read", "@", "--offset", "257", NULL }, 1,
    "Offset 257 is past the end of the region (256 bytes)" },
  { "read-length-beyond", { "read", "@", "--offset", "100", "--length", "157", NULL }, 1,
    "past the end" },
  { "info-missing", { "info", "@missing", NULL }, 1, "No such shared memory region" },
  { "rm-missing", { "rm", "@missing", NULL }, 1, "No such shared memory region" },
  { "fill-missing", { "fill", "@missing", "--byte", "1", NULL }, 1, "No such" },
  { "fill-past-end", { "fill", "@", "--byte", "1", "--offset", "200", "--length", "57", NULL },
    1, "past the end" },
  { "watch-missing", { "watch", "@missing", NULL }, 1, "No such shared memory region" },
  { "watch-offset-beyond", { "watch", "@", "--offset", "300", NULL }, 1, "past the end" },
};

typedef struct
{
  char   *name;      /* the existing region */
  char   *missing;   /* a name nobody created */
  char   *bigfile;   /* a file as big as the region */
  GBytes *before;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GBytes) content = cli_pattern_bytes (REGION_SIZE, 5);

  f->name = shmview_test_unique_posix_name ("err");
  f->missing = shmview_test_unique_posix_name ("missing");
  f->bigfile = shmview_test_temp_path ("big.bin");
  cli_posix_make (f->name, REGION_SIZE, g_bytes_get_data (content, NULL), REGION_SIZE);
  g_assert_true (g_file_set_contents (f->bigfile, g_bytes_get_data (content, NULL),
                                      REGION_SIZE, NULL));
  f->before = cli_posix_snapshot (f->name);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->name);
  shmview_test_posix_unlink (f->missing);
  g_unlink (f->bigfile);
  g_free (f->name);
  g_free (f->missing);
  g_free (f->bigfile);
  g_bytes_unref (f->before);
}

static const char *
substitute (const Fixture *f,
            const char    *arg)
{
  if (strcmp (arg, "@") == 0)
    return f->name + 1;
  if (strcmp (arg, "@missing") == 0)
    return f->missing;
  if (strcmp (arg, "@bigfile") == 0)
    return f->bigfile;
  return arg;
}

static void
assert_nothing_changed (const Fixture *f)
{
  g_autoptr(GBytes) after = cli_posix_snapshot (f->name);
  g_autoptr(GBytes) missing = cli_posix_snapshot (f->missing);

  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (after, f->before));
  g_assert_null (missing);
}

static void
test_error_case (Fixture       *f,
                 gconstpointer  data)
{
  const ErrorCase *c = data;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CliResult) result = NULL;

  g_test_summary ("A bad command line is a usage error (status 2, “shmtool: …” and a hint to "
                  "--help); a failure at run time is status 1 with “shmtool: SPEC: …”; either "
                  "way nothing is printed on stdout and no region changes or appears");

  g_ptr_array_add (argv, cli_shmtool_path ());
  for (guint i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (substitute (f, c->args[i])));
  g_ptr_array_add (argv, NULL);
  result = cli_run_argv (NULL, (const char * const *) argv->pdata);

  if (c->status == 2)
    cli_assert_usage_error (result, c->needle);
  else
    cli_assert_failure (result, substitute (f, c->args[1]), c->needle);
  assert_nothing_changed (f);
}

static void
test_stdin_too_big (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) input = cli_pattern_bytes (REGION_SIZE + 1, 9);
  g_autoptr(GBytes) huge = cli_pattern_bytes (8 * 1024 * 1024, 10);
  g_autoptr(CliResult) one_more = NULL;
  g_autoptr(CliResult) much_more = NULL;

  g_test_summary ("write --stdin with more data than fits is an error and writes nothing, "
                  "even when the input is far bigger than the region");

  one_more = cli_shmtool_input (input, "write", f->name, "--stdin", NULL);
  cli_assert_failure (one_more, f->name, "past the end");
  assert_nothing_changed (f);

  much_more = cli_shmtool_input (huge, "write", f->name, "--offset", "128", "--stdin", NULL);
  cli_assert_failure (much_more, f->name, "past the end");
  assert_nothing_changed (f);
}

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = shmview_test_posix_path (f->missing);
  static const char * const commands[] = { "read", "info", "watch" };

  g_test_summary ("A FIFO planted in /dev/shm under the name is refused at once as not a "
                  "regular file (status 1) by read, info and watch, which open read-only");

  g_assert_no_errno (mkfifo (path, 0600));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliResult) result = cli_shmtool (commands[i], f->missing, NULL);

      cli_assert_failure (result, f->missing, "is not a regular file");
    }
  g_unlink (path);
}

static void
make_world_readable (const Fixture *f)
{
  g_autofree char *path = shmview_test_posix_path (f->name);

  g_assert_no_errno (g_chmod (path, 0644));
}

static void
test_permission_private (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CliResult) read = NULL;
  g_autoptr(CliResult) write = NULL;
  g_autoptr(CliResult) rm = NULL;

  g_test_summary ("As another user (nobody), a 0600 region can be neither read, written nor "
                  "removed: status 1, “Permission denied”, nothing changed");
  if (cli_skip_without_nobody ())
    return;

  read = cli_shmtool_as_nobody ("read", f->name, NULL);
  cli_assert_failure (read, f->name, "Permission denied");
  write = cli_shmtool_as_nobody ("write", f->name, "--string", "intruder", NULL);
  cli_assert_failure (write, f->name, "Permission denied");
  rm = cli_shmtool_as_nobody ("rm", f->name, NULL);
  cli_assert_failure (rm, f->name, "Permission denied");
  assert_nothing_changed (f);
}

static void
test_permission_read_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CliResult) read = NULL;
  g_autoptr(CliResult) info = NULL;
  g_autoptr(CliResult) write = NULL;
  g_autoptr(CliResult) fill = NULL;
  g_autoptr(CliResult) raw = NULL;

  g_test_summary ("As another user (nobody), a 0644 region can be read (read and info attach "
                  "read-only) but not written or filled");
  if (cli_skip_without_nobody ())
    return;

  make_world_readable (f);
  raw = cli_shmtool_as_nobody ("read", f->name, "--format", "raw", NULL);
  cli_assert_ok (raw);
  g_assert_true (g_bytes_equal (raw->out, f->before));
  read = cli_shmtool_as_nobody ("read", f->name, "--format", "hex", "--length", "16", NULL);
  cli_assert_ok (read);
  info = cli_shmtool_as_nobody ("info", f->name, NULL);
  cli_assert_ok (info);
  g_assert_nonnull (strstr (info->out_text, "\nmode: 0644 (rw-r--r--)\n"));

  write = cli_shmtool_as_nobody ("write", f->name, "--string", "intruder", NULL);
  cli_assert_failure (write, f->name, "Permission denied");
  fill = cli_shmtool_as_nobody ("fill", f->name, "--byte", "0", NULL);
  cli_assert_failure (fill, f->name, "Permission denied");
  assert_nothing_changed (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/errors/%s/%s",
                                               cases[i].status == 2 ? "usage" : "failure",
                                               cases[i].label);

      g_test_add (path, Fixture, &cases[i], setup, test_error_case, teardown);
    }
  g_test_add ("/cli/errors/failure/stdin-too-big", Fixture, NULL, setup, test_stdin_too_big,
              teardown);
  g_test_add ("/cli/errors/failure/fifo", Fixture, NULL, setup, test_fifo, teardown);
  g_test_add ("/cli/errors/permission/private", Fixture, NULL, setup, test_permission_private,
              teardown);
  g_test_add ("/cli/errors/permission/read-only", Fixture, NULL, setup,
              test_permission_read_only, teardown);

  return g_test_run ();
}
