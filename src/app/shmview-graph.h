/* shmview-graph.h: numeric watches drawn over time
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHMVIEW_TYPE_GRAPH (shmview_graph_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewGraph, shmview_graph, SHMVIEW, GRAPH, GtkDrawingArea)

GtkWidget *shmview_graph_new           (void);
guint      shmview_graph_add_series    (ShmviewGraph *self,
                                        const char   *name);
void       shmview_graph_remove_series (ShmviewGraph *self,
                                        guint         id);
void       shmview_graph_clear         (ShmviewGraph *self);
void       shmview_graph_add_sample    (ShmviewGraph *self,
                                        guint         id,
                                        gint64        time_us,
                                        double        value);
void       shmview_graph_set_span      (ShmviewGraph *self,
                                        guint         seconds);
guint      shmview_graph_get_span      (ShmviewGraph *self);
void       shmview_graph_set_paused    (ShmviewGraph *self,
                                        gboolean      paused);
gboolean   shmview_graph_get_paused    (ShmviewGraph *self);
guint      shmview_graph_get_n_series  (ShmviewGraph *self);
char      *shmview_graph_dup_csv       (ShmviewGraph *self);

G_END_DECLS
