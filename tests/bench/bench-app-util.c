/* bench-app-util.c: what the GUI benchmarks share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-app-util.h"
#include "bench-table.h"
#include "shmview-hex-view.h"
#include "shmview-region-page.h"
#include "test-util.h"

char *
bench_region_create (const char *tag,
                     guint64     size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *name = shmview_test_unique_posix_name (tag);
  guint8 marker = BENCH_MARKER;

  region = shmview_region_open_text (name, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     size, 0600, &error);
  if (region == NULL)
    g_error ("creating %s (%" G_GUINT64_FORMAT " bytes): %s", name, size, error->message);
  if (!shmview_region_write (region, 0, &marker, 1, &error) ||
      !shmview_region_write (region, size - 1, &marker, 1, &error))
    g_error ("writing the markers into %s: %s", name, error->message);
  return g_steal_pointer (&name);
}

void
bench_region_remove (const char *name)
{
  shmview_test_posix_unlink (name);
}

static gboolean
on_view_draw_after (GtkWidget *view,
                    cairo_t   *cr,
                    BenchPage *bp)
{
  guint8 byte;

  if (shmview_hex_view_get_byte_at_cursor (SHMVIEW_HEX_VIEW (view), &byte) &&
      byte == BENCH_MARKER)
    bp->drawn_marker = TRUE;
  return FALSE;
}

BenchPage *
bench_page_open (const char *name)
{
  g_autoptr(GError) error = NULL;
  BenchPage *bp = g_new0 (BenchPage, 1);

  bp->region = shmview_region_open_text (name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  if (bp->region == NULL)
    g_error ("opening %s: %s", name, error->message);
  bp->page = shmview_region_page_new (bp->region);
  bp->view = shmview_region_page_get_hex_view (SHMVIEW_REGION_PAGE (bp->page));
  g_signal_connect_after (bp->view, "draw", G_CALLBACK (on_view_draw_after), bp);
  bp->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (bp->window), 900, 700);
  gtk_container_add (GTK_CONTAINER (bp->window), bp->page);
  gtk_widget_show_all (bp->window);
  return bp;
}

void
bench_page_close (BenchPage *bp)
{
  gtk_widget_destroy (bp->window);
  g_clear_object (&bp->region);
  bench_drain ();
  g_free (bp);
}

static gboolean
on_too_long (gpointer data)
{
  g_printerr ("bench: no draw of the region's bytes after 30 s\n");
  exit (EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

void
bench_page_wait_drawn (BenchPage *bp)
{
  guint timeout_id = g_timeout_add_seconds (30, on_too_long, NULL);

  while (!bp->drawn_marker)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

void
bench_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

guint64
bench_resident_bytes (void)
{
  g_autofree char *text = NULL;
  guint64 size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &size, &resident) != 2)
    return 0;
  return resident * (guint64) sysconf (_SC_PAGESIZE);
}

guint64
bench_allocated_bytes (const char *name)
{
  g_autofree char *path = g_strconcat ("/dev/shm", name, NULL);
  struct stat st;

  if (stat (path, &st) != 0)
    return 0;
  return (guint64) st.st_blocks * 512;
}

int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *samples,
              guint   n)
{
  qsort (samples, n, sizeof *samples, bench_compare_doubles);
  return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

gboolean
bench_report_ratio (const char *what,
                    double      ratio,
                    double      goal)
{
  char text[32];

  g_snprintf (text, sizeof text, "%.2f", ratio);
  return bench_table_row (what, text, NULL, ratio, FALSE, goal, "");
}
