/* shmview-status-bar.h: the status line under a region's hex view
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows: spec, kind, exact size, RW or RO (and "removed (still attached)"),
 * cursor offset in hex and decimal, selection length, the byte at the
 * cursor (hex, decimal, character) and the time of the last outside change.
 * It only displays what its page tells it; it never reads the region.
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-spec.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_STATUS_BAR (shmview_status_bar_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewStatusBar, shmview_status_bar, SHMVIEW, STATUS_BAR, GtkBox)

GtkWidget *shmview_status_bar_new             (void);
void       shmview_status_bar_set_region      (ShmviewStatusBar  *self,
                                               const char        *spec,
                                               ShmviewRegionKind  kind,
                                               gboolean           read_only);
void       shmview_status_bar_set_size        (ShmviewStatusBar  *self,
                                               guint64            size);
void       shmview_status_bar_set_removed     (ShmviewStatusBar  *self,
                                               gboolean           removed);
void       shmview_status_bar_set_cursor      (ShmviewStatusBar  *self,
                                               guint64            cursor,
                                               guint64            selection_length);
/* @known FALSE when the cursor is past the end or its byte is not loaded. */
void       shmview_status_bar_set_value       (ShmviewStatusBar  *self,
                                               gboolean           known,
                                               guint8             value);
void       shmview_status_bar_set_field       (ShmviewStatusBar  *self,
                                               const char        *path);
/* @unix_time the wall-clock second of the last foreign change, or -1 for none. */
void       shmview_status_bar_set_last_change (ShmviewStatusBar  *self,
                                               gint64             unix_time);
/* The same, naming where in the whole region it was ("… at 0x1f00"). */
void       shmview_status_bar_set_last_change_at (ShmviewStatusBar *self,
                                                  gint64            unix_time,
                                                  guint64           offset);

G_END_DECLS
