/* shmview-create-dialog.h: "Create region" (name, kind, size with unit, mode)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Create the dialog itself creates the region through the core; errors
 * show inline and the dialog stays open. On success it emits "created" with
 * the new region and closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-region.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_CREATE_DIALOG (shmview_create_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewCreateDialog, shmview_create_dialog, SHMVIEW, CREATE_DIALOG, GtkDialog)

/* Signal "created" (ShmviewRegion *region). */
GtkWidget *shmview_create_dialog_new (GtkWindow *parent);

G_END_DECLS
