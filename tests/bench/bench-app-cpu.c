/* bench-app-cpu.c: the app's CPU use against the anchor, in one run
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-app-cpu PATH/TO/shmview PATH/TO/bench-anchor
 * Runs the real shmview and the anchor (a minimal GTK 3 view, bench-anchor.c)
 * one after the other on the same display and counts each one's CPU time
 * (every thread's /proc schedstat) and the X server's over WATCH_SECONDS
 * once its window is up:
 *   - an unchanging 4 KiB region at 30 Hz:      shmview / anchor <= 1.2
 *   - a writer changing 64 visible bytes every 10 ms, shmview at its default
 *     100 ms interval, the anchor at 10 Hz:     shmview / anchor <= 2.0,
 *     and the X server's work for each          shmview / anchor <= 2.0
 *   - 20 tabs of unchanging 4 KiB regions at 30 Hz / 1 tab:    <= 2.0
 * (issue 13). Needs a display and a session bus (run-test.sh --x11).
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "bench-app-util.h"
#include "bench-table.h"

#define WATCH_SECONDS 15
#define SETTLE_SECONDS 5
#define REGION_SIZE 4096
#define N_TABS 20
#define WRITER_BYTES 64
#define WRITER_PERIOD_US 10000

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

/* The Xvfb that run-test.sh started for us: a child of one of our ancestors. */
static GPid
find_x_server (void)
{
  for (GPid ancestor = getppid (); ancestor > 1;)
    {
      g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
      g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) ancestor);
      g_autofree char *stat_text = NULL;
      const char *entry, *p;
      int ppid;

      while (proc != NULL && (entry = g_dir_read_name (proc)) != NULL)
        {
          g_autofree char *path = g_strdup_printf ("/proc/%s/stat", entry);
          g_autofree char *text = NULL;
          int child_ppid;

          if (!g_ascii_isdigit (entry[0]) || !g_file_get_contents (path, &text, NULL, NULL)
              || strstr (text, "(Xvfb)") == NULL || (p = strrchr (text, ')')) == NULL
              || sscanf (p + 1, " %*c %d", &child_ppid) != 1)
            continue;
          if (child_ppid == ancestor)
            return (GPid) g_ascii_strtoll (entry, NULL, 10);
        }
      if (!g_file_get_contents (stat_path, &stat_text, NULL, NULL)
          || (p = strrchr (stat_text, ')')) == NULL || sscanf (p + 1, " %*c %d", &ppid) != 1)
        break;
      ancestor = ppid;
    }
  return 0;
}

/* Starts @argv, waits for its window and SETTLE_SECONDS, then gives the
 * share of a core it and the X server used over WATCH_SECONDS. */
static gboolean
measure (const char * const *argv,
         GPid                x_server,
         double             *app_percent,
         double             *x_percent)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  gint64 a0, a1, x0 = 0, x1 = 0, w0, w1;
  GPid pid;
  int status;

  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  /* GTK's own shortcuts window uses a deprecated property: not ours to report. */
  env = g_environ_unsetenv (env, "G_ENABLE_DIAGNOSTIC");
  if (!g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    g_error ("starting %s: %s", argv[0], error->message);
  if (!wait_for_window (pid))
    {
      g_printerr ("bench-app-cpu: no window of %s within 30 s\n", argv[0]);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      return FALSE;
    }
  g_usleep (SETTLE_SECONDS * G_USEC_PER_SEC); /* startup: fonts, first listing, first draw */

  a0 = cpu_ns (pid);
  if (x_server != 0)
    x0 = cpu_ns (x_server);
  w0 = g_get_monotonic_time ();
  g_usleep (WATCH_SECONDS * G_USEC_PER_SEC);
  a1 = cpu_ns (pid);
  if (x_server != 0)
    x1 = cpu_ns (x_server);
  w1 = g_get_monotonic_time ();

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  if (a0 < 0 || a1 < 0)
    return FALSE;
  *app_percent = 100.0 * (a1 - a0) / 1e3 / (double) (w1 - w0);
  *x_percent = x_server != 0 ? 100.0 * (x1 - x0) / 1e3 / (double) (w1 - w0) : -1;
  return TRUE;
}

/* "another process" writing 64 visible bytes every 10 ms, through its own mapping */
static volatile gboolean writer_running;

static gpointer
writer_thread (gpointer data)
{
  guint8 *map = data;
  guint8 value = 0;

  while (writer_running)
    {
      value++;
      memset (map + 16, value, WRITER_BYTES);
      g_usleep (WRITER_PERIOD_US);
    }
  return NULL;
}

static guint8 *
map_region (const char *name)
{
  int fd = shm_open (name, O_RDWR, 0);
  guint8 *map;

  if (fd < 0)
    g_error ("shm_open %s failed", name);
  map = mmap (NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    g_error ("mmap %s failed", name);
  return map;
}

static void
row (const char *measure_name,
     double      app,
     double      anchor,
     double      goal)
{
  char a[32], b[32];

  g_snprintf (a, sizeof a, "%.2f %%", app);
  g_snprintf (b, sizeof b, "%.2f %%", anchor);
  bench_table_row (measure_name, a, b, anchor > 0 ? app / anchor : 0, FALSE, goal, "");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *idle = NULL;
  g_autofree char *busy = NULL;
  g_autoptr(GPtrArray) tabs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tabs_argv = g_ptr_array_new ();
  double app_idle, x_app_idle, anchor_idle, x_anchor_idle;
  double app_busy, x_app_busy, anchor_busy, x_anchor_busy;
  double app_tabs, x_app_tabs;
  GThread *writer;
  GPid x_server;
  guint8 *busy_map;
  gboolean ok = TRUE;

  if (argc != 3)
    {
      g_printerr ("usage: bench-app-cpu PATH/TO/shmview PATH/TO/bench-anchor\n");
      return 2;
    }
  x_server = find_x_server ();
  idle = bench_region_create ("cpu-idle", REGION_SIZE);
  busy = bench_region_create ("cpu-busy", REGION_SIZE);
  g_ptr_array_add (tabs_argv, argv[1]);
  g_ptr_array_add (tabs_argv, (char *) "--interval");
  g_ptr_array_add (tabs_argv, (char *) "33");
  for (guint i = 0; i < N_TABS; i++)
    {
      char tag[32];

      g_snprintf (tag, sizeof tag, "cpu-tab%u", i);
      g_ptr_array_add (tabs, bench_region_create (tag, REGION_SIZE));
      g_ptr_array_add (tabs_argv, g_ptr_array_index (tabs, i));
    }
  g_ptr_array_add (tabs_argv, NULL);

  {
    const char *app_argv[] = { argv[1], "--interval", "33", idle, NULL };
    const char *anchor_argv[] = { argv[2], idle, "33", NULL };

    ok &= measure (anchor_argv, x_server, &anchor_idle, &x_anchor_idle);
    ok &= measure (app_argv, x_server, &app_idle, &x_app_idle);
  }

  busy_map = map_region (busy);
  writer_running = TRUE;
  writer = g_thread_new ("writer", writer_thread, busy_map);
  {
    const char *app_argv[] = { argv[1], busy, NULL };   /* the default interval: 100 ms */
    const char *anchor_argv[] = { argv[2], busy, "100", NULL };

    ok &= measure (anchor_argv, x_server, &anchor_busy, &x_anchor_busy);
    ok &= measure (app_argv, x_server, &app_busy, &x_app_busy);
  }
  writer_running = FALSE;
  g_thread_join (writer);
  munmap (busy_map, REGION_SIZE);

  ok &= measure ((const char * const *) tabs_argv->pdata, x_server, &app_tabs, &x_app_tabs);

  bench_region_remove (idle);
  bench_region_remove (busy);
  for (guint i = 0; i < tabs->len; i++)
    bench_region_remove (g_ptr_array_index (tabs, i));
  if (!ok)
    return 1;

  g_print ("unchanging 4 KiB at 30 Hz: shmview %.2f %% of a core (X server %.2f %%), "
           "anchor %.2f %% (X server %.2f %%)\n", app_idle, x_app_idle, anchor_idle, x_anchor_idle);
  g_print ("a writer changing 64 visible bytes every 10 ms, 100 ms interval: shmview %.2f %% "
           "(X server %.2f %%), anchor at 10 Hz %.2f %% (X server %.2f %%)\n",
           app_busy, x_app_busy, anchor_busy, x_anchor_busy);
  g_print ("%d tabs of unchanging 4 KiB regions at 30 Hz: shmview %.2f %% (X server %.2f %%), "
           "one tab %.2f %%\n", N_TABS, app_tabs, x_app_tabs, app_idle);

  row ("at rest: unchanging 4 KiB at 30 Hz, CPU", app_idle, anchor_idle, 1.2);
  row ("busy writer: 64 B / 10 ms, 100 ms interval, CPU", app_busy, anchor_busy, 2.0);
  if (x_server != 0)
    row ("busy writer: X server CPU", x_app_busy, x_anchor_busy, 2.0);
  {
    char a[32], b[32];

    g_snprintf (a, sizeof a, "%.2f %%", app_tabs);
    g_snprintf (b, sizeof b, "%.2f %% (1 tab)", app_idle);
    bench_table_row ("many tabs: 20 unchanging tabs / 1 tab, CPU", a, b, app_tabs / app_idle,
                     FALSE, 2.0, "");
  }
  /* A measurement, not a test: a missed goal is reported, not failed. */
  return 0;
}
