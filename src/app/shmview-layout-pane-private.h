/* shmview-layout-pane-private.h: what the tests look at inside the pane
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-graph.h"
#include "shmview-layout-pane.h"

G_BEGIN_DECLS

GtkTreeView  *_shmview_layout_pane_get_field_view  (ShmviewLayoutPane *self);
GtkTreeModel *_shmview_layout_pane_get_watch_model (ShmviewLayoutPane *self);
ShmviewGraph *_shmview_layout_pane_get_graph       (ShmviewLayoutPane *self);
const char   *_shmview_layout_pane_get_error       (ShmviewLayoutPane *self);
gboolean      _shmview_layout_pane_pin_path        (ShmviewLayoutPane *self,
                                                    const char        *path);
void          _shmview_layout_pane_set_frozen      (ShmviewLayoutPane *self,
                                                    guint              index,
                                                    gboolean           frozen);

G_END_DECLS
