/* bench-app-cpu.c: the app's CPU use while it watches an unchanging region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-app-cpu PATH/TO/shmview
 * Runs the real shmview on a 256-byte region at 30 Hz (--interval 33) and
 * counts the process's utime + stime (/proc/PID/stat, all threads) over
 * 10 s once its window is up. Nothing changes, so each tick is one read and
 * one compare, and nothing is redrawn: goal <= 1% of one core. Needs a
 * display and a session bus (run-test.sh --x11).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "bench-app-util.h"

#define WATCH_SECONDS 10
#define SETTLE_SECONDS 2
#define GOAL_PERCENT 1.0

/* utime + stime of @pid in clock ticks, or -1. The command name may hold
 * spaces and parentheses, so fields are counted after its last ')'. */
static gint64
cpu_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  unsigned long long utime, stime;
  const char *p;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (p = strrchr (text, ')')) == NULL)
    return -1;
  /* after ')': state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt
   * majflt cmajflt utime(14) stime(15) */
  if (sscanf (p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
              &utime, &stime) != 2)
    return -1;
  return (gint64) (utime + stime);
}

/* Nanoseconds on a CPU (/proc/PID/schedstat), finer than clock ticks; -1 if absent. */
static gint64
cpu_ns (GPid pid)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", (int) pid);
  const char *tid;
  gint64 total = 0;

  /* schedstat of the process is its main thread only: add up every thread. */
  dir = g_dir_open (task_dir, 0, NULL);
  if (dir == NULL)
    return -1;
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s/%s/schedstat", task_dir, tid);
      g_autofree char *t = NULL;

      if (g_file_get_contents (p, &t, NULL, NULL))
        total += g_ascii_strtoll (t, NULL, 10);
    }
  return total;
}

static gboolean
wait_for_window (GPid pid)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  const char *argv[] = { "timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                         "--pid", pid_text, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL) && out != NULL && *out != '\0';
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) env = NULL;
  GPid pid;
  gint64 t0, t1, n0, n1, w0, w1;
  double seconds, percent, percent_ns;
  int status;

  if (argc != 2)
    {
      g_printerr ("usage: bench-app-cpu PATH/TO/shmview\n");
      return 2;
    }
  name = bench_region_create ("cpu", 256);

  env = g_get_environ ();
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  /* GTK's own shortcuts window uses a deprecated property: not ours to report. */
  env = g_environ_unsetenv (env, "G_ENABLE_DIAGNOSTIC");
  {
    const char *app_argv[] = { argv[1], "--interval", "33", name, NULL };

    if (!g_spawn_async (NULL, (char **) app_argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                        NULL, NULL, &pid, &error))
      g_error ("starting %s: %s", argv[1], error->message);
  }
  if (!wait_for_window (pid))
    {
      g_printerr ("bench-app-cpu: no shmview window within 30 s\n");
      kill (pid, SIGKILL);
      bench_region_remove (name);
      return 1;
    }
  g_usleep (SETTLE_SECONDS * G_USEC_PER_SEC); /* startup: fonts, first listing, first draw */

  t0 = cpu_ticks (pid);
  n0 = cpu_ns (pid);
  w0 = g_get_monotonic_time ();
  g_usleep (WATCH_SECONDS * G_USEC_PER_SEC);
  t1 = cpu_ticks (pid);
  n1 = cpu_ns (pid);
  w1 = g_get_monotonic_time ();

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  bench_region_remove (name);
  if (t0 < 0 || t1 < 0)
    {
      g_printerr ("bench-app-cpu: shmview exited while being watched\n");
      return 1;
    }

  seconds = (w1 - w0) / 1e6;
  percent = 100.0 * (t1 - t0) / sysconf (_SC_CLK_TCK) / seconds;
  percent_ns = n0 >= 0 && n1 >= 0 ? 100.0 * (n1 - n0) / 1e9 / seconds : -1;
  g_print ("shmview watching an unchanging 256-byte region at 30 Hz for %.1f s: "
           "utime+stime %" G_GINT64_FORMAT " ticks = %.2f%% of a core "
           "(schedstat: %.3f%%)\n",
           seconds, t1 - t0, percent, percent_ns);
  g_print ("cpu use: %.2f%% of a core, ratio to goal %.2f (goal <= %.1f%%): %s\n",
           percent, percent / GOAL_PERCENT, GOAL_PERCENT,
           percent <= GOAL_PERCENT ? "met" : "MISSED");
  /* A measurement, not a test: a missed goal is reported, not failed. */
  return 0;
}
