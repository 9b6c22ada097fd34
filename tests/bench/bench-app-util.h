/* bench-app-util.h: what the GUI benchmarks share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-region.h"

G_BEGIN_DECLS

#define BENCH_KIB ((guint64) 1024)
#define BENCH_GIB ((guint64) 1024 * 1024 * 1024)
/* Written at offset 0 and at the last byte, so a draw of real data can be told
 * from a draw of a view that has not been given its bytes yet. */
#define BENCH_MARKER 0xa5

/* One region page in a toplevel window, as the app shows it. */
typedef struct
{
  ShmviewRegion *region;
  GtkWidget     *window;
  GtkWidget     *page;
  GtkWidget     *view;
  gboolean       drawn_marker; /* set by a draw that showed BENCH_MARKER at the caret */
} BenchPage;

/* Creates a POSIX region of @size bytes (sparse: only the two marker bytes
 * are written) with a name unique to this process; returns the name. */
char     *bench_region_create     (const char *tag,
                                   guint64     size);
void      bench_region_remove     (const char *name);
/* Opens @name, builds a page in a window, shows it. */
BenchPage *bench_page_open        (const char *name);
void      bench_page_close        (BenchPage  *bp);
/* Iterates the main loop until a draw shows BENCH_MARKER at the caret;
 * aborts the program after 30 s rather than hang. */
void      bench_page_wait_drawn   (BenchPage  *bp);
/* Pending events and redraws, without blocking. */
void      bench_drain             (void);
/* Resident set size now, in bytes (/proc/self/statm). */
guint64   bench_resident_bytes    (void);
/* Bytes the tmpfs object really holds (st_blocks), or 0 when unknown. */
guint64   bench_allocated_bytes   (const char *name);
int       bench_compare_doubles   (const void *a,
                                   const void *b);
/* Median of @n samples (sorts them). */
double    bench_median            (double     *samples,
                                   guint       n);
/* Prints a bench-row (bench-table.h) for a ratio without an anchor and returns whether it holds. */
gboolean  bench_report_ratio      (const char *what,
                                   double      ratio,
                                   double      goal);

G_END_DECLS
