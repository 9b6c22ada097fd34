/* shmview-monitor-private.h: the monitor's pieces for windows too large to keep
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the core. shmview-monitor.c keeps a small window whole and
 * compares it byte by byte; a window over SHMVIEW_MONITOR_EXACT_MAX goes to
 * the chunk digests of shmview-monitor-chunks.c, which report through a
 * ShmviewChangeList: ranges with the bytes that could be kept.
 */
#pragma once

#include "shmview-monitor.h"

G_BEGIN_DECLS

/* Calls @found (absolute offset, length, @data) for each run where @a and @b,
 * @length bytes from @base on, differ; in order. */
typedef void (*ShmviewDifferenceFunc) (guint64  offset,
                                       gsize    length,
                                       gpointer data);
void     _shmview_for_each_difference (guint64                base,
                                       const guint8          *a,
                                       const guint8          *b,
                                       gsize                  length,
                                       ShmviewDifferenceFunc  found,
                                       gpointer               data);

/* Changes collected as a scan finds them: sorted, touching ranges of the same
 * kind (old bytes known or not) merged, with the bytes of each kept up to a
 * budget for the whole poll. */
typedef struct
{
  GArray     *ranges;  /* ShmviewRange */
  GByteArray *known;   /* per range: whether its old bytes are known */
  GPtrArray  *old;     /* GByteArray per range: its first old bytes, or NULL */
  GPtrArray  *new;     /* GByteArray per range: its first new bytes, or NULL
                        * (none kept: the budget ran out) */
  gsize       budget;  /* bytes that may still be kept */
} ShmviewChangeList;

void     _shmview_change_list_init    (ShmviewChangeList    *list,
                                       gsize                 budget);
/* A change of @length bytes at @offset; @n_bytes of them (from the start)
 * are at @new, and were at @old (NULL: not known). */
void     _shmview_change_list_add     (ShmviewChangeList    *list,
                                       guint64               offset,
                                       guint64               length,
                                       const guint8         *old,
                                       const guint8         *new,
                                       gsize                 n_bytes);
/* Hands ranges and bytes to @result (changed, changed_old, changed_new). */
void     _shmview_change_list_move_to (ShmviewChangeList    *list,
                                       ShmviewMonitorResult *result);
void     _shmview_change_list_clear   (ShmviewChangeList    *list);

/* A large window, as the digests of its chunks. */
typedef struct _ShmviewChunks ShmviewChunks;

ShmviewChunks *_shmview_chunks_new        (void);
void           _shmview_chunks_free       (ShmviewChunks     *chunks);
/* Reads [@offset, @offset + @length) of @region, holes skipped, and adds to
 * @changes each chunk whose digest differs from the last scan's (exact runs
 * where its bytes were kept). Chunks that were not in the last scan with
 * the same bounds are taken as they are. *@moved says the window or the
 * chunk size changed. On failure (a read fails: the region shrank) nothing
 * of this scan is kept, and the next one compares with the last again. */
gboolean       _shmview_chunks_scan       (ShmviewChunks     *chunks,
                                           ShmviewRegion     *region,
                                           guint64            offset,
                                           guint64            length,
                                           ShmviewChangeList *changes,
                                           gboolean          *moved,
                                           GError           **error);
/* Reads the chunks that [@offset, @offset + @length) touches again, so that
 * our own write there is not reported. */
void           _shmview_chunks_note_write (ShmviewChunks     *chunks,
                                           ShmviewRegion     *region,
                                           guint64            offset,
                                           guint64            length);

G_END_DECLS
