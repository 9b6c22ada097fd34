/* bench-app-browser.c: the region browser with 1,000, 10,000 and 100,000 objects
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scratch directory on /dev/shm's tmpfs laid out like /dev/shm (N empty,
 * sparse 4 KiB objects) is listed by the real browser in a shown window,
 * the way the app shows it. For each N: how long until the first listing
 * is on screen, how long one refresh takes when nothing changed (the
 * synchronous reload: list + compare), the process's CPU share (all
 * threads) while it sits with nothing changing, and the longest the main
 * loop was kept from answering (a key press waits that long at worst).
 * The first listing counts until the window has drawn the rows.
 * Goals (issue 13): 10,000 idle <= 2 % of a core; 100,000 first listing
 * <= 2 s and the main loop never blocked over 50 ms; 10x the objects cost
 * <= 12x the refresh time.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "bench-app-util.h"
#include "bench-table.h"
#include "shmview-region-browser-private.h"
#include "shmview-region-browser.h"

#define REFRESHES 5
#define LATENCY_PROBE_MS 10

typedef struct
{
  guint  n;
  double first_s;
  double refresh_ms;
  double idle_percent;
  double idle_s;
  double max_block_ms;
} Scale;

static gint64 last_probe;
static gint64 max_block;

static gboolean drawn;

static gboolean
on_draw_after (GtkWidget *widget,
               cairo_t   *cr,
               gpointer   data)
{
  drawn = TRUE;
  return FALSE;
}

static gint64
cpu_now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A timer that notes how late it runs: the main loop's longest stall. */
static gboolean
on_probe (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  max_block = MAX (max_block, now - last_probe - LATENCY_PROBE_MS * 1000);
  last_probe = now;
  return G_SOURCE_CONTINUE;
}

static char *
make_objects (guint n)
{
  g_autofree char *dir = g_strdup_printf ("/dev/shm/shmview-bench-browser-%d-%u", (int) getpid (), n);

  if (g_mkdir (dir, 0700) != 0)
    g_error ("mkdir %s: %s", dir, g_strerror (errno));
  for (guint i = 0; i < n; i++)
    {
      char path[256];
      int fd;

      g_snprintf (path, sizeof path, "%s/bench-object-%06u", dir, i);
      fd = open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0 || ftruncate (fd, 4096) != 0)
        g_error ("creating %s: %s", path, g_strerror (errno));
      close (fd);
    }
  return g_steal_pointer (&dir);
}

static void
remove_objects (const char *dir,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      char path[256];

      g_snprintf (path, sizeof path, "%s/bench-object-%06u", dir, i);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
run_loop_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
measure (Scale *s)
{
  g_autofree char *dir = make_objects (s->n);
  g_autofree char *sysvipc = g_strdup_printf ("%s/no-sysvipc", dir);
  double samples[REFRESHES];
  GtkWidget *window, *browser;
  gint64 t0, c0, w0;
  guint probe;

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 700);
  browser = shmview_region_browser_new ();
  _shmview_region_browser_list_from (SHMVIEW_REGION_BROWSER (browser), dir, sysvipc);
  gtk_container_add (GTK_CONTAINER (window), browser);
  g_signal_connect_after (window, "draw", G_CALLBACK (on_draw_after), NULL);

  /* first listing: from showing the window to the rows being there and drawn */
  last_probe = g_get_monotonic_time ();
  max_block = 0;
  probe = g_timeout_add (LATENCY_PROBE_MS, on_probe, NULL);
  t0 = g_get_monotonic_time ();
  gtk_widget_show_all (window);
  while (_shmview_region_browser_get_n_visible (SHMVIEW_REGION_BROWSER (browser)) < s->n)
    g_main_context_iteration (NULL, TRUE);
  drawn = FALSE;
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  s->first_s = (g_get_monotonic_time () - t0) / 1e6;

  /* one refresh with nothing changed */
  for (guint i = 0; i < REFRESHES; i++)
    {
      gint64 r0 = g_get_monotonic_time ();

      shmview_region_browser_reload (SHMVIEW_REGION_BROWSER (browser));
      samples[i] = (g_get_monotonic_time () - r0) / 1e3;
    }
  qsort (samples, REFRESHES, sizeof *samples, bench_compare_doubles);
  s->refresh_ms = samples[REFRESHES / 2];

  /* sitting there: long enough for several of the browser's own refreshes */
  run_loop_for (1.0);
  last_probe = g_get_monotonic_time ();
  max_block = 0;
  s->idle_s = s->n >= 100000 ? 30.0 : 10.0;
  c0 = cpu_now_us ();
  w0 = g_get_monotonic_time ();
  run_loop_for (s->idle_s);
  s->idle_percent = 100.0 * (cpu_now_us () - c0) / (double) (g_get_monotonic_time () - w0);
  s->max_block_ms = max_block / 1e3;
  g_source_remove (probe);

  gtk_widget_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_objects (dir, s->n);
}

int
main (int    argc,
      char **argv)
{
  Scale scales[] = { { .n = 1000 }, { .n = 10000 }, { .n = 100000 } };
  char text[64], anchor[64], name[128];
  /* SHMVIEW_BENCH_BROWSER_MAX=10000 skips the largest scale (for a build
   * whose browser is quadratic, where it would take many minutes) */
  const char *max_text = g_getenv ("SHMVIEW_BENCH_BROWSER_MAX");
  guint64 max_n = max_text != NULL ? g_ascii_strtoull (max_text, NULL, 10) : G_MAXUINT64;

  if (!gtk_init_check (&argc, &argv))
    {
      g_printerr ("bench-app-browser: no display\n");
      return 77;
    }

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      Scale *s = &scales[i];

      if (s->n > max_n)
        {
          s->first_s = s->refresh_ms = s->idle_percent = s->max_block_ms = NAN;
          continue;
        }
      measure (s);
      g_print ("%u objects: first listing %.3f s, one refresh %.1f ms, idle %.2f %% of a core "
               "over %.0f s, main loop blocked at most %.1f ms\n",
               s->n, s->first_s, s->refresh_ms, s->idle_percent, s->idle_s, s->max_block_ms);
    }

  g_snprintf (text, sizeof text, "%.2f %%", scales[1].idle_percent);
  bench_table_row ("browser idle, 10,000 objects (% of a core)", text, NULL,
                   scales[1].idle_percent, FALSE, 2.0, "");
  g_snprintf (text, sizeof text, "%.2f s", scales[2].first_s);
  bench_table_row ("browser first listing, 100,000 objects (s)", text, NULL,
                   scales[2].first_s, FALSE, 2.0, "");
  g_snprintf (text, sizeof text, "%.1f ms", scales[2].max_block_ms);
  bench_table_row ("browser longest main-loop stall idle, 100,000 objects (ms)", text, NULL,
                   scales[2].max_block_ms, FALSE, 50.0, "");
  for (guint i = 1; i < G_N_ELEMENTS (scales); i++)
    {
      g_snprintf (name, sizeof name, "browser refresh growth %u -> %u objects (x)",
                  scales[i - 1].n, scales[i].n);
      g_snprintf (text, sizeof text, "%.1f ms", scales[i].refresh_ms);
      g_snprintf (anchor, sizeof anchor, "%.1f ms", scales[i - 1].refresh_ms);
      bench_table_row (name, text, anchor, scales[i].refresh_ms / scales[i - 1].refresh_ms,
                       FALSE, 12.0, "");
    }
  return 0;
}
