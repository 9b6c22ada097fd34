/* shmview-watcher.h: what changed anywhere in a region, found off the main loop
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monitor answers for the rows on screen; the watcher answers for the
 * whole region, in a worker thread of its own. A region up to
 * SHMVIEW_WATCHER_FULL_MAX bytes is kept as a copy and compared in full
 * every interval, to the byte. A larger one keeps one 8-byte XXH3 digest per
 * 4 KiB page (8 MiB for 4 GiB) and is swept progressively within a CPU
 * budget; a change is then reported as the pages that differ. Reads go
 * through shmview_region_read() (pread: no SIGBUS, holes never allocated)
 * and holes found with shmview_region_next_data() are not read at all.
 *
 * Results reach the main context that was the thread default when the
 * watcher was started, as the "changes" signal. Our own writes are announced
 * with shmview_watcher_note_own_write() and come back with origin OWN.
 *
 * The watcher never calls shmview_region_update(): whoever polls the region
 * (the page's monitor, the CLI's loop) keeps its size current, and the
 * watcher follows that size, taking a new baseline when it changes.
 */
#pragma once

#include <glib-object.h>

#include "shmview-region.h"

G_BEGIN_DECLS

/* Regions up to this size are kept whole and compared byte by byte. */
#define SHMVIEW_WATCHER_FULL_MAX   ((guint64) 64 * 1024 * 1024)
/* The unit of the digest sweep. */
#define SHMVIEW_WATCHER_PAGE_SIZE  4096
/* How many bytes of a change's old and new contents a report carries. */
#define SHMVIEW_WATCHER_PREVIEW    16
/* The default CPU budget of a sweep: a share of one core. */
#define SHMVIEW_WATCHER_BUDGET_DEFAULT 0.05

typedef enum
{
  SHMVIEW_CHANGE_ORIGIN_FOREIGN, /* another process wrote it */
  SHMVIEW_CHANGE_ORIGIN_OWN,     /* announced with note_own_write() */
} ShmviewChangeOrigin;

typedef struct
{
  guint64             offset;
  guint64             length;
  gint64              time;       /* g_get_real_time() when it was found */
  ShmviewChangeOrigin origin;
  GBytes             *old_bytes;  /* the first bytes before (at most PREVIEW); NULL when unknown */
  GBytes             *new_bytes;  /* the first bytes now (at most PREVIEW); NULL when unknown */
} ShmviewWatcherChange;

ShmviewWatcherChange *shmview_watcher_change_copy (const ShmviewWatcherChange *change);
void                  shmview_watcher_change_free (ShmviewWatcherChange       *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewWatcherChange, shmview_watcher_change_free)

#define SHMVIEW_TYPE_WATCHER (shmview_watcher_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewWatcher, shmview_watcher, SHMVIEW, WATCHER, GObject)

/* Signals:
 *   "changes" (GPtrArray *changes): ShmviewWatcherChange*, sorted by offset,
 *             found by one comparison; emitted in the main context the
 *             watcher was started in. Borrowed: copy what you keep.
 * Properties:
 *   "n-sweeps" guint64 (read-only): complete comparisons of the whole region
 *             so far, the first one (the baseline) included; notified in the
 *             main context like "changes". */
ShmviewWatcher *shmview_watcher_new            (ShmviewRegion  *region);
ShmviewRegion  *shmview_watcher_get_region     (ShmviewWatcher *self);
/* How often a region up to SHMVIEW_WATCHER_FULL_MAX is compared (ms). */
void            shmview_watcher_set_interval   (ShmviewWatcher *self,
                                                guint           interval_ms);
/* The share of one core a digest sweep may use, in (0, 1]. */
void            shmview_watcher_set_cpu_budget (ShmviewWatcher *self,
                                                double          budget);
double          shmview_watcher_get_cpu_budget (ShmviewWatcher *self);
/* Starts the worker thread (does nothing while it runs). Results go to the
 * thread-default main context of the caller. */
void            shmview_watcher_start          (ShmviewWatcher *self);
/* Stops and joins the worker; reports not yet delivered are dropped. The
 * baseline is kept, so a later start reports what changed meanwhile. */
void            shmview_watcher_stop           (ShmviewWatcher *self);
gboolean        shmview_watcher_is_running     (ShmviewWatcher *self);
/* We wrote @data at @offset ourselves: its change is reported as OWN. */
void            shmview_watcher_note_own_write (ShmviewWatcher *self,
                                                guint64         offset,
                                                const guint8   *data,
                                                gsize           length);
guint64         shmview_watcher_get_n_sweeps   (ShmviewWatcher *self);

/* The digest of one page as the sweep computes it (XXH3, 64 bits). */
guint64         shmview_watcher_digest         (const guint8   *data,
                                                gsize           length);

G_END_DECLS
