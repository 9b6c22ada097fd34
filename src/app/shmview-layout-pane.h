/* shmview-layout-pane.h: a C struct's fields over live memory, watches, graph, freeze
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-layout-store.h"
#include "shmview-region.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_LAYOUT_PANE (shmview_layout_pane_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewLayoutPane, shmview_layout_pane, SHMVIEW, LAYOUT_PANE, GtkBox)

GtkWidget                    *shmview_layout_pane_new           (void);
void                          shmview_layout_pane_set_region    (ShmviewLayoutPane            *self,
                                                                 ShmviewRegion                *region);
gboolean                      shmview_layout_pane_apply         (ShmviewLayoutPane            *self,
                                                                 const ShmviewLayoutPlacement *placement,
                                                                 GError                      **error);
const ShmviewLayoutPlacement *shmview_layout_pane_get_placement (ShmviewLayoutPane            *self);
void                          shmview_layout_pane_refresh       (ShmviewLayoutPane            *self);
char                         *shmview_layout_pane_dup_field_at  (ShmviewLayoutPane            *self,
                                                                 guint64                       offset);
void                          shmview_layout_pane_collect_tints (ShmviewLayoutPane            *self,
                                                                 guint64                       offset,
                                                                 guint64                       length,
                                                                 GArray                       *tints);
gboolean                      shmview_layout_pane_has_frozen    (ShmviewLayoutPane            *self);
void                          shmview_layout_pane_choose        (ShmviewLayoutPane            *self);

G_END_DECLS
