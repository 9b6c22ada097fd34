/* shmview-inspector.h: the data inspector pane
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHMVIEW_TYPE_INSPECTOR (shmview_inspector_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewInspector, shmview_inspector, SHMVIEW, INSPECTOR, GtkBox)

GtkWidget *shmview_inspector_new       (void);
/* The bytes at @offset, @available of them before the end of the region
 * (or of what was read). Rows whose value changed since the last call at
 * the same offset are highlighted. */
void       shmview_inspector_set_bytes (ShmviewInspector *self,
                                        guint64           offset,
                                        const guint8     *data,
                                        gsize             available);
/* Shows @message under the rows (NULL hides it). */
void       shmview_inspector_set_error (ShmviewInspector *self,
                                        const char       *message);

G_END_DECLS
