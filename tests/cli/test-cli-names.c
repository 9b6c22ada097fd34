/* test-cli-names.c: shmtool list --names, the specs shell completion offers
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>

#include "cli-util.h"
#include "test-util.h"

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

/* A key unlikely to be in use: from the pid; removed at exit whatever has it. */
static key_t
unique_key (void)
{
  key_t key = (key_t) (0x5d000000u | ((guint) getpid () & 0xffff) << 8);

  shmview_test_track_sysv_key (key);
  return key;
}

static void
test_names (void)
{
  g_autofree char *plain = shmview_test_unique_posix_name ("names");
  g_autofree char *spaced = shmview_test_unique_posix_name ("with space");
  g_autofree char *broken = shmview_test_unique_posix_name ("line\nbreak");
  g_autofree char *key_spec = NULL;
  g_autofree char *id_spec = NULL;
  g_autoptr(CliResult) r = NULL;
  key_t key;
  int id = -1;

  g_test_summary ("list --names prints one spec a line: POSIX objects as /NAME (spaces "
                  "and all), System V segments as sysv:0xKEY and sysvid:ID; a name with a "
                  "line break is left out");

  cli_posix_make (plain, 16, NULL, 0);
  cli_posix_make (spaced, 16, NULL, 0);
  cli_posix_make (broken, 16, NULL, 0);
  if (!shmview_test_skip_without_sysv ())
    {
      key = unique_key ();
      id = shmget (key, 64, IPC_CREAT | IPC_EXCL | 0600);
      g_assert_no_errno (id);
      key_spec = g_strdup_printf ("sysv:0x%08x", (guint32) key);
      id_spec = g_strdup_printf ("sysvid:%d", id);
    }

  r = cli_shmtool ("list", "--names", NULL);
  cli_assert_ok (r);
  g_assert_true (has_line (r->out_text, plain));
  g_assert_true (has_line (r->out_text, spaced));
  g_assert_null (strstr (r->out_text, "line\nbreak"));
  g_assert_null (strstr (r->out_text, "line\n"));
  if (key_spec != NULL)
    {
      g_assert_true (has_line (r->out_text, key_spec));
      g_assert_true (has_line (r->out_text, id_spec));
      g_assert_no_errno (shmctl (id, IPC_RMID, NULL));
    }
  shmview_test_posix_unlink (plain);
  shmview_test_posix_unlink (spaced);
  shmview_test_posix_unlink (broken);
}

static void
test_hidden (void)
{
  g_autoptr(CliResult) help = cli_shmtool ("list", "--help", NULL);
  g_autoptr(CliResult) usage = cli_shmtool ("list", "--names", "extra", NULL);

  g_test_summary ("--names is for completion: list --help does not show it, and it takes "
                  "no argument");

  cli_assert_ok (help);
  g_assert_nonnull (strstr (help->out_text, "--json"));
  g_assert_null (strstr (help->out_text, "--names"));
  cli_assert_usage_error (usage, "extra");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/names/specs", test_names);
  g_test_add_func ("/cli/names/hidden", test_hidden);
  return g_test_run ();
}
