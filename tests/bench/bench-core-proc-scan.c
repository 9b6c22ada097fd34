/* bench-core-proc-scan.c: one /proc scan of 500 processes against reading their maps
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: enough children are forked (each with this
 * program's maps: the C library, GLib, GIO, json-glib, …, and one shared
 * POSIX object they all map, as workers of a server do) for the machine to
 * run at least 500 processes. Then, alternating, the median of several
 * runs of
 *   - shmview_proc_scan_new(): every /proc/PID/maps read and parsed, the
 *     shared mappings grouped by object (what the browser and `shmtool
 *     list` do once per listing), and
 *   - the floor: the same files read into a buffer, nothing parsed.
 * Goals (issue 7): the scan under 50 ms, and within 2x the floor.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "bench-table.h"
#include "shmview-proc-scan.h"

#define N_PROCESSES 500
#define RUNS 9
#define GOAL_MS 50.0
#define GOAL_RATIO 2.0

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double t = values[j];

        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return values[n / 2];
}

static guint
count_processes (void)
{
  DIR *proc = opendir ("/proc");
  struct dirent *de;
  guint n = 0;

  g_assert (proc != NULL);
  while ((de = readdir (proc)) != NULL)
    n += g_ascii_isdigit (de->d_name[0]);
  closedir (proc);
  return n;
}

/* Reads every /proc/PID/maps once: the syscalls the scan cannot avoid. */
static double
read_all_maps_ms (void)
{
  static char buf[1 << 20];
  gint64 start = g_get_monotonic_time ();
  DIR *proc = opendir ("/proc");
  struct dirent *de;

  while ((de = readdir (proc)) != NULL)
    {
      char path[64];
      int fd;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      g_snprintf (path, sizeof path, "/proc/%s/maps", de->d_name);
      if ((fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
        continue;
      while (read (fd, buf, sizeof buf) > 0)
        ;
      close (fd);
    }
  closedir (proc);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
scan_ms (guint *n_objects)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewProcScan) scan = shmview_proc_scan_new (NULL, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_no_error (error);
  *n_objects = shmview_proc_scan_get_objects (scan)->len;
  return ms;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *name = g_strdup_printf ("/shmview-bench-scan-%d", (int) getpid ());
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (pid_t));
  double scans[RUNS], floors[RUNS];
  guint n_objects = 0, running;
  double scan, floor_ms;
  char a[32], b[48];
  void *map;
  int fd;

  fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0 || ftruncate (fd, 4096) != 0)
    g_error ("could not create %s: %s", name, g_strerror (errno));
  map = mmap (NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert (map != MAP_FAILED);
  close (fd);

  for (guint missing = N_PROCESSES - MIN (count_processes (), N_PROCESSES); missing > 0; missing--)
    {
      pid_t pid = fork ();

      if (pid == 0)
        {
          prctl (PR_SET_PDEATHSIG, SIGKILL);
          pause ();
          _exit (0);
        }
      if (pid < 0)
        g_error ("fork: %s", g_strerror (errno));
      g_array_append_val (children, pid);
    }
  g_usleep (200 * 1000);
  running = count_processes ();

  scan_ms (&n_objects);   /* warm-up: dentries, the allocator */
  for (guint run = 0; run < RUNS; run++)
    {
      floors[run] = read_all_maps_ms ();
      scans[run] = scan_ms (&n_objects);
    }
  scan = median (scans, RUNS);
  floor_ms = median (floors, RUNS);

  for (guint i = 0; i < children->len; i++)
    kill (g_array_index (children, pid_t, i), SIGKILL);
  for (guint i = 0; i < children->len; i++)
    waitpid (g_array_index (children, pid_t, i), NULL, 0);
  shm_unlink (name);

  g_print ("%u processes (%u forked here), %u shared objects found; median of %d runs\n",
           running, children->len, n_objects, RUNS);
  g_print ("proc scan: %.1f ms; reading every maps file alone: %.1f ms\n", scan, floor_ms);
  g_snprintf (a, sizeof a, "%.1f ms", scan);
  bench_table_row ("proc scan of 500 processes", a, "-", scan, FALSE, GOAL_MS, " ms");
  g_snprintf (b, sizeof b, "%.1f ms (read maps only)", floor_ms);
  bench_table_row ("proc scan vs reading the maps files", a, b, scan / floor_ms, FALSE,
                   GOAL_RATIO, "x");
  return 0;
}
