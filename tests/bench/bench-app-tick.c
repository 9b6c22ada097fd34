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

#define IDLE_TICKS 5000   /* per batch */
#define CHANGE_TICKS 50   /* per batch */
#define BATCHES 7         /* alternating between the sizes; the median counts */
#define RATIO_GOAL 1.5

typedef struct
{
  BenchPage     *bp;
  ShmviewRegion *writer; /* "another process": a second, independent mapping */
  guint64        size;
  gboolean       drawn;
  double         idle_us[BATCHES];
  double         change_us[BATCHES];
} Tick;

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
               Tick      *tick)
{
  tick->drawn = TRUE;
  return FALSE;
}

static void
tick_open (Tick       *tick,
           const char *name,
           guint64     size)
{
  g_autoptr(GError) error = NULL;
  ShmviewRegionPage *page;

  tick->size = size;
  tick->bp = bench_page_open (name);
  page = SHMVIEW_REGION_PAGE (tick->bp->page);
  shmview_region_page_set_paused (page, TRUE);
  /* The last byte holds the marker too: scrolled there, the wait below is
   * for a draw of the last rows, where offsets are largest. */
  shmview_hex_view_set_cursor (SHMVIEW_HEX_VIEW (tick->bp->view), size - 1);
  shmview_region_page_refresh (page);
  bench_page_wait_drawn (tick->bp);
  bench_drain ();
  tick->writer = shmview_region_open_text (name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_signal_connect_after (tick->bp->view, "draw", G_CALLBACK (on_draw_after), tick);
}

static void
tick_close (Tick *tick)
{
  g_clear_object (&tick->writer);
  bench_page_close (tick->bp);
}

static double
idle_batch (Tick *tick)
{
  ShmviewRegionPage *page = SHMVIEW_REGION_PAGE (tick->bp->page);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < IDLE_TICKS; i++)
    {
      shmview_region_page_refresh (page);
      bench_drain ();
    }
  return (double) (g_get_monotonic_time () - start) / IDLE_TICKS;
}

static double
change_batch (Tick *tick)
{
  g_autoptr(GError) error = NULL;
  ShmviewRegionPage *page = SHMVIEW_REGION_PAGE (tick->bp->page);
  gint64 start = cpu_now_us ();

  for (guint i = 0; i < CHANGE_TICKS; i++)
    {
      guint8 byte = (guint8) (i + 1);

      if (!shmview_region_write (tick->writer, tick->size - 2, &byte, 1, &error))
        g_error ("writing: %s", error->message);
      tick->drawn = FALSE;
      shmview_region_page_refresh (page);
      while (!tick->drawn)
        g_main_context_iteration (NULL, TRUE);
    }
  return (double) (cpu_now_us () - start) / CHANGE_TICKS;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *small_name = NULL;
  g_autofree char *big_name = NULL;
  Tick small = { 0 }, big = { 0 };
  double idle_small, idle_big, change_small, change_big;
  gboolean met = TRUE;

  if (!gtk_init_check (&argc, &argv))
    {
      g_printerr ("bench-app-tick: no display (run it through tests/run-test.sh --x11)\n");
      return 77;
    }
  small_name = bench_region_create ("tick-4k", 4 * BENCH_KIB);
  big_name = bench_region_create ("tick-4g", 4 * BENCH_GIB);
  tick_open (&small, small_name, 4 * BENCH_KIB);
  tick_open (&big, big_name, 4 * BENCH_GIB);

  idle_batch (&small); /* warm-up */
  idle_batch (&big);
  for (guint b = 0; b < BATCHES; b++)
    {
      small.idle_us[b] = idle_batch (&small);
      big.idle_us[b] = idle_batch (&big);
      small.change_us[b] = change_batch (&small);
      big.change_us[b] = change_batch (&big);
    }
  idle_small = bench_median (small.idle_us, BATCHES);
  idle_big = bench_median (big.idle_us, BATCHES);
  change_small = bench_median (small.change_us, BATCHES);
  change_big = bench_median (big.change_us, BATCHES);

  g_print ("tick, nothing changed (median of %d x %d ticks): 4 KiB %.2f us, 4 GiB %.2f us\n",
           BATCHES, IDLE_TICKS, idle_small, idle_big);
  met &= bench_report_ratio ("unchanged tick 4 GiB / 4 KiB", idle_big / idle_small, RATIO_GOAL);
  g_print ("tick, a visible byte changed elsewhere, until drawn (median of %d x %d ticks, "
           "CPU time): 4 KiB %.1f us, 4 GiB %.1f us\n",
           BATCHES, CHANGE_TICKS, change_small, change_big);
  met &= bench_report_ratio ("changed tick 4 GiB / 4 KiB", change_big / change_small, RATIO_GOAL);

  tick_close (&small);
  tick_close (&big);
  bench_region_remove (small_name);
  bench_region_remove (big_name);
  /* A measurement, not a test: a missed goal is reported, not failed
   * (the convention of every benchmark here). */
  g_print ("goals: %s\n", met ? "all met" : "MISSED (see above)");
  return 0;
}
