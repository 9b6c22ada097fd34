/* bench-cli-list.c: shmtool list over 10,000 objects against ls -l
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: a scratch directory on /dev/shm's tmpfs laid
 * out like /dev/shm (10,000 empty 4 KiB objects, as shmtool list is pointed
 * at it by SHMTOOL_POSIX_DIR) is listed by `shmtool list` (the table), by
 * `shmtool list --json` and by `ls -l` of the directory, alternating, the
 * best of several runs each. Everything shmtool does is in its figure: the
 * one /proc scan for attach counts, the stat of each object, owners' names.
 * Goal (issue 13): each listing <= 1.2x ls -l. Exits 0 either way; 77
 * (skipped) without ls.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench-cli-util.h"
#include "bench-table.h"
#include "test-util.h"

#define N_OBJECTS 10000
#define RUNS 7
#define LS "/usr/bin/ls"
#define GOAL 1.2

static char *
make_directory (void)
{
  g_autofree char *dir = g_strdup_printf ("/dev/shm/shmview-bench-list-%d", (int) getpid ());

  if (g_mkdir (dir, 0700) != 0)
    g_error ("could not make %s: %s", dir, g_strerror (errno));
  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/object-%05u", dir, i);
      int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0 || ftruncate (fd, 4096) != 0)
        g_error ("could not make %s: %s", path, g_strerror (errno));
      close (fd);
    }
  return g_steal_pointer (&dir);
}

static void
remove_directory (const char *dir)
{
  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/object-%05u", dir, i);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
report (const char *measure,
        double      tool_s,
        double      ls_s)
{
  char a[32], b[32];

  g_print ("%s: %.1f ms, ls -l %.1f ms: %.2fx (goal <= %.1fx)\n",
           measure, tool_s * 1e3, ls_s * 1e3, tool_s / ls_s, GOAL);
  g_snprintf (a, sizeof a, "%.1f ms", tool_s * 1e3);
  g_snprintf (b, sizeof b, "%.1f ms (ls -l)", ls_s * 1e3);
  bench_table_row (measure, a, b, tool_s / ls_s, FALSE, GOAL, "x");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *shmtool = shmview_test_build_path ("src/cli/shmtool");
  g_autofree char *dir = NULL;
  double table_s = G_MAXDOUBLE, json_s = G_MAXDOUBLE, ls_s = G_MAXDOUBLE;

  if (bench_cli_missing (LS))
    return 77;

  dir = make_directory ();
  /* C locale for both: ls does no localized sorting, nor shmtool messages. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("SHMTOOL_POSIX_DIR", dir, TRUE);
  g_setenv ("SHMTOOL_SYSVIPC_SHM", "/proc/sysvipc/shm", TRUE);
  {
    const char *table_args[] = { shmtool, "list", NULL };
    const char *json_args[] = { shmtool, "list", "--json", NULL };
    const char *ls_args[] = { LS, "-l", dir, NULL };

    /* Warm-up: the directory's inodes and the programs' pages in memory. */
    bench_cli_time_command (ls_args);
    bench_cli_time_command (table_args);
    for (guint run = 0; run < RUNS; run++)
      {
        ls_s = MIN (ls_s, bench_cli_time_command (ls_args));
        table_s = MIN (table_s, bench_cli_time_command (table_args));
        json_s = MIN (json_s, bench_cli_time_command (json_args));
      }
  }
  remove_directory (dir);

  g_print ("best of %d runs each, %d objects, stdout to /dev/null\n", RUNS, N_OBJECTS);
  report ("list 10,000 objects (table) vs ls -l", table_s, ls_s);
  report ("list --json 10,000 objects vs ls -l", json_s, ls_s);
  return 0;
}
