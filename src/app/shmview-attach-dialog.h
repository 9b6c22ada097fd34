/* shmview-attach-dialog.h: "Attach" (spec with completion, read-only switch)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Attach the dialog opens the region through the core; errors show inline
 * and the dialog stays open. On success it emits "attached" and closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-region.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_ATTACH_DIALOG (shmview_attach_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewAttachDialog, shmview_attach_dialog, SHMVIEW, ATTACH_DIALOG, GtkDialog)

/* Signal "attached" (ShmviewRegion *region). @specs (nullable) complete the entry. */
GtkWidget *shmview_attach_dialog_new (GtkWindow          *parent,
                                      const char * const *specs);

G_END_DECLS
