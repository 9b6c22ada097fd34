/* shmview-activity-strip.h: the whole region in one column, coloured by its changes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-watcher.h"

G_BEGIN_DECLS

/* The strip keeps this many cells whatever the region's size. */
#define SHMVIEW_ACTIVITY_STRIP_CELLS 1024
/* The accessible description names this many recent changes. */
#define SHMVIEW_ACTIVITY_STRIP_RECENT 8

#define SHMVIEW_TYPE_ACTIVITY_STRIP (shmview_activity_strip_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewActivityStrip, shmview_activity_strip, SHMVIEW, ACTIVITY_STRIP,
                      GtkDrawingArea)

/* Signals:
 *   "jump" (guint64 offset): a click or drag asks to show @offset */
GtkWidget *shmview_activity_strip_new               (void);
void       shmview_activity_strip_set_region_size   (ShmviewActivityStrip *self,
                                                     guint64               size);
/* [offset, offset+length) changed at @time (g_get_real_time()). */
void       shmview_activity_strip_add_change        (ShmviewActivityStrip *self,
                                                     guint64               offset,
                                                     guint64               length,
                                                     ShmviewChangeOrigin   origin,
                                                     gint64                time);
/* Marks ranges that differ from a snapshot (kept until cleared). */
void       shmview_activity_strip_add_difference    (ShmviewActivityStrip *self,
                                                     guint64               offset,
                                                     guint64               length);
void       shmview_activity_strip_clear_differences (ShmviewActivityStrip *self);
void       shmview_activity_strip_set_visible_range (ShmviewActivityStrip *self,
                                                     guint64               offset,
                                                     guint64               length);
/* How many changes the cell holding @offset has seen (for tests). */
guint      shmview_activity_strip_get_count_at      (ShmviewActivityStrip *self,
                                                     guint64               offset);
/* What the accessible description says: the recent changed ranges. */
char      *shmview_activity_strip_dup_description   (ShmviewActivityStrip *self);

G_END_DECLS
