/* bench-app-tick.c: one refresh tick on a 4 GiB region vs a 4 KiB one
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tick reads the visible window, compares it with the last copy and
 * redraws only on a change, so its cost must not depend on the region size
 * (goal: ratio <= 1.5). The 4 GiB page is scrolled to its last row, where
 * offsets are largest. Two kinds of tick: nothing changed (the common case,
 * no redraw) and another process changed a visible byte (highlight + draw).
 * The page's own timer is paused; ticks come from shmview_region_page_refresh().
 * Unchanged ticks are timed on the wall clock, changed ones in process CPU
 * time (their wall time is mostly waiting for the next frame).
 */
#include "config.h"

#include <time.h>

#include <gtk/gtk.h>

#include "bench-app-util.h"
#include "shmview-hex-view.h"
#include "shmview-region-page.h"

#define IDLE_TICKS 2000
#define CHANGE_TICKS 200
#define RATIO_GOAL 1.5

typedef struct
{
  double idle_us;
  double change_us;
} TickCost;

/* Process CPU time: a changed tick waits for the frame clock, which is
 * wall time spent idle, the same for both sizes and not the tick's cost. */
static gint64
cpu_now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_draw_after (GtkWidget *view,
               cairo_t   *cr,
               gboolean  *drawn)
{
  *drawn = TRUE;
  return FALSE;
}

static TickCost
measure (const char *name,
         guint64     size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) writer = NULL;
  ShmviewRegionPage *page;
  BenchPage *bp = bench_page_open (name);
  TickCost cost;
  gboolean drawn = FALSE;
  gint64 start;

  page = SHMVIEW_REGION_PAGE (bp->page);
  shmview_region_page_set_paused (page, TRUE);
  /* The last byte holds the marker too: scrolled there, the wait below is
   * for a draw of the last rows. */
  shmview_hex_view_set_cursor (SHMVIEW_HEX_VIEW (bp->view), size - 1);
  shmview_region_page_refresh (page);
  bench_page_wait_drawn (bp);
  bench_drain ();

  start = g_get_monotonic_time ();
  for (guint i = 0; i < IDLE_TICKS; i++)
    {
      shmview_region_page_refresh (page);
      bench_drain ();
    }
  cost.idle_us = (double) (g_get_monotonic_time () - start) / IDLE_TICKS;

  /* "Another process": a second, independent mapping of the same object. */
  writer = shmview_region_open_text (name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_signal_connect_after (bp->view, "draw", G_CALLBACK (on_draw_after), &drawn);
  start = cpu_now_us ();
  for (guint i = 0; i < CHANGE_TICKS; i++)
    {
      guint8 byte = (guint8) i;

      if (!shmview_region_write (writer, size - 2, &byte, 1, &error))
        g_error ("writing: %s", error->message);
      drawn = FALSE;
      shmview_region_page_refresh (page);
      while (!drawn)
        g_main_context_iteration (NULL, TRUE);
    }
  cost.change_us = (double) (cpu_now_us () - start) / CHANGE_TICKS;

  bench_page_close (bp);
  return cost;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  TickCost c_small, c_big;
  gboolean met = TRUE;

  if (!gtk_init_check (&argc, &argv))
    {
      g_printerr ("bench-app-tick: no display (run it through tests/run-test.sh --x11)\n");
      return 77;
    }
  small = bench_region_create ("tick-4k", 4 * BENCH_KIB);
  big = bench_region_create ("tick-4g", 4 * BENCH_GIB);

  measure (small, 4 * BENCH_KIB); /* warm-up */
  c_small = measure (small, 4 * BENCH_KIB);
  c_big = measure (big, 4 * BENCH_GIB);

  g_print ("tick, nothing changed (%d ticks): 4 KiB %.1f us, 4 GiB %.1f us\n",
           IDLE_TICKS, c_small.idle_us, c_big.idle_us);
  met &= bench_report_ratio ("unchanged tick 4 GiB / 4 KiB", c_big.idle_us / c_small.idle_us,
                             RATIO_GOAL);
  g_print ("tick, a visible byte changed elsewhere, until drawn (%d ticks, CPU time): "
           "4 KiB %.1f us, 4 GiB %.1f us\n",
           CHANGE_TICKS, c_small.change_us, c_big.change_us);
  met &= bench_report_ratio ("changed tick 4 GiB / 4 KiB", c_big.change_us / c_small.change_us,
                             RATIO_GOAL);

  bench_region_remove (small);
  bench_region_remove (big);
  return met ? 0 : 1;
}
