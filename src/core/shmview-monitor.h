/* shmview-monitor.h: what changed in one window of a region since the last look
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes through a mapping raise no inotify event and move st_mtime only on a
 * page's first write fault, so a foreign writer is seen only by comparing
 * content. The monitor keeps a copy of the watched window (what the view
 * shows) and each poll reads the window afresh and compares: O(window), never
 * O(region). Our own writes are announced with note_own_write() so they are
 * not reported as foreign.
 *
 * A window of more than SHMVIEW_MONITOR_EXACT_MAX bytes (`shmtool watch` on a
 * region of many GiB) is not kept whole: memory stays bounded whatever the
 * size (16 MiB of digests at most, 8 MiB of kept chunks, 16 MiB of the bytes
 * one poll reports, and a MiB or two to read into). It is read in chunks (64 KiB, or larger so
 * that there are at most 2^20), holes of a sparse object skipped, and each
 * chunk compared by a digest. A change is then first reported as the whole
 * chunk, its new bytes kept and its old ones not; the chunk's bytes are kept
 * from then on (a few MiB of recently changed chunks), so its next changes
 * are exact byte ranges with old and new bytes. Such results have no
 * previous/current: read a range's bytes with
 * shmview_monitor_result_get_range_bytes(), which works for both kinds.
 */
#pragma once

#include <glib-object.h>

#include "shmview-region.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 offset;   /* absolute offset in the region */
  guint64 length;
} ShmviewRange;

/* Windows up to this size are kept whole and compared byte by byte. */
#define SHMVIEW_MONITOR_EXACT_MAX ((guint64) 16 * 1024 * 1024)

typedef struct
{
  ShmviewRegionChange region_change; /* from shmview_region_update() in this poll */
  guint64  old_size;                 /* size before this poll */
  guint64  new_size;                 /* size now */
  GArray  *changed;                  /* ShmviewRange: foreign changes within the window, merged, sorted */
  guint64  window_offset;            /* where @current and @previous start */
  GBytes  *previous;                 /* the window's bytes at the last poll (NULL on the first poll,
                                      * and for a window over SHMVIEW_MONITOR_EXACT_MAX) */
  GBytes  *current;                  /* the window's bytes now (clamped to the size; may be empty;
                                      * NULL for a window over SHMVIEW_MONITOR_EXACT_MAX) */
  /* Windows over SHMVIEW_MONITOR_EXACT_MAX: GBytes per range of @changed,
   * NULL otherwise. Read them with shmview_monitor_result_get_range_bytes(). */
  GPtrArray *changed_old;
  GPtrArray *changed_new;
} ShmviewMonitorResult;

void shmview_monitor_result_clear          (ShmviewMonitorResult  *result);
/* The bytes of range @index of @result->changed, before and now, whatever the
 * window's size. For a large window, *@old_bytes is NULL when they were not
 * kept (the first change seen in a chunk); either may hold only the range's
 * first bytes (a long range), or be NULL past the 16 MiB a poll keeps. Unref
 * what comes back. */
void shmview_monitor_result_get_range_bytes (const ShmviewMonitorResult *result,
                                             guint                       index,
                                             GBytes                    **old_bytes,
                                             GBytes                    **new_bytes);

#define SHMVIEW_TYPE_MONITOR (shmview_monitor_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewMonitor, shmview_monitor, SHMVIEW, MONITOR, GObject)

ShmviewMonitor *shmview_monitor_new             (ShmviewRegion        *region);
ShmviewRegion  *shmview_monitor_get_region      (ShmviewMonitor       *self);
/* The window to watch. Bytes that come newly into the window are taken as the
 * baseline at the next poll, never reported as changed. A new monitor watches
 * (0, G_MAXUINT64): the whole region, following it when it grows. */
void            shmview_monitor_set_window      (ShmviewMonitor       *self,
                                                 guint64               offset,
                                                 guint64               length);
void            shmview_monitor_get_window      (ShmviewMonitor       *self,
                                                 guint64              *offset,
                                                 guint64              *length);
/* Updates the region, reads the window (clamped to the current size) and
 * compares. Returns TRUE when something changed (content in the window, size,
 * or removal): the caller redraws. @result is always filled (clear it after).
 * On error (e.g. SHRUNK in a race) returns FALSE with @error set. */
gboolean        shmview_monitor_poll            (ShmviewMonitor       *self,
                                                 ShmviewMonitorResult *result,
                                                 GError              **error);
/* We wrote @data at @offset ourselves: update the baseline so it is not
 * reported as a foreign change. (In a window over SHMVIEW_MONITOR_EXACT_MAX
 * the chunks written are read again at once, so a foreign change to them
 * since the last poll goes unreported.) */
void            shmview_monitor_note_own_write  (ShmviewMonitor       *self,
                                                 guint64               offset,
                                                 const guint8         *data,
                                                 gsize                 length);
/* The window bytes as of the last poll (NULL before the first, and for a
 * window over SHMVIEW_MONITOR_EXACT_MAX), with our own writes since applied.
 * Transfer full: g_bytes_unref() it. */
GBytes         *shmview_monitor_get_snapshot    (ShmviewMonitor       *self);

G_END_DECLS
