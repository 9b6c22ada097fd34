/* shmview-layout-dialog.h: pick a C header (or paste declarations), a type and where it lies
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-layout-store.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_LAYOUT_DIALOG (shmview_layout_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewLayoutDialog, shmview_layout_dialog, SHMVIEW, LAYOUT_DIALOG, GtkDialog)

GtkWidget              *shmview_layout_dialog_new           (GtkWindow                    *parent,
                                                             const ShmviewLayoutPlacement *current);
ShmviewLayoutPlacement *shmview_layout_dialog_dup_placement (ShmviewLayoutDialog          *self);
void                    shmview_layout_dialog_show_error    (ShmviewLayoutDialog          *self,
                                                             const char                   *text);

G_END_DECLS
