/* shmview-history.h: undo and redo of our own writes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry is (offset, old bytes, new bytes). An edit reads the old bytes,
 * writes the new ones through the region, and is pushed; undo writes the old
 * bytes back, redo the new ones. When a monitor is given, every write is
 * announced to it as our own.
 */
#pragma once

#include <glib-object.h>

#include "shmview-monitor.h"
#include "shmview-region.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_HISTORY (shmview_history_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewHistory, shmview_history, SHMVIEW, HISTORY, GObject)

/* Properties "can-undo" and "can-redo" (gboolean, notify on change). */
ShmviewHistory *shmview_history_new       (ShmviewRegion   *region,
                                           ShmviewMonitor  *monitor);
/* Reads the old bytes, writes @data, records the edit, drops the redo list.
 * Nothing is recorded when the write fails. */
gboolean        shmview_history_write     (ShmviewHistory  *self,
                                           guint64          offset,
                                           const guint8    *data,
                                           gsize            length,
                                           GError         **error);
/* Writes the old bytes of the last edit back. @offset/@length (nullable) say
 * where. FALSE without error when there is nothing to undo. On a failed write
 * the entry stays where it was. */
gboolean        shmview_history_undo      (ShmviewHistory  *self,
                                           guint64         *offset,
                                           gsize           *length,
                                           GError         **error);
gboolean        shmview_history_redo      (ShmviewHistory  *self,
                                           guint64         *offset,
                                           gsize           *length,
                                           GError         **error);
gboolean        shmview_history_can_undo  (ShmviewHistory  *self);
gboolean        shmview_history_can_redo  (ShmviewHistory  *self);
void            shmview_history_clear     (ShmviewHistory  *self);

G_END_DECLS
