/* shmview-preferences-dialog.h: the Preferences dialog
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to the app's GSettings, so a change applies at once
 * to every open window; there is nothing to save.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHMVIEW_TYPE_PREFERENCES_DIALOG (shmview_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewPreferencesDialog, shmview_preferences_dialog, SHMVIEW, PREFERENCES_DIALOG, GtkDialog)

GtkWidget *shmview_preferences_dialog_new (GtkWindow *parent);

G_END_DECLS
