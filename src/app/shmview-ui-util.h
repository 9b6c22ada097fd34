/* shmview-ui-util.h: small GTK helpers the app's widgets share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Puts @text in @label (a child of @bar) and slides @bar in as @type. */
void       shmview_info_bar_show          (GtkInfoBar     *bar,
                                           GtkLabel       *label,
                                           GtkMessageType  type,
                                           const char     *text);

/* A dialog of @type (a GtkDialog) over @parent: modal when there is a
 * parent, gone with it, its buttons in a header bar where the desktop wants
 * that (GNOME). */
GtkWidget *shmview_dialog_new             (GType           type,
                                           GtkWindow      *parent);

/* Makes Accept @dialog's default response and connects @on_response
 * (instance, int response) to "response" ahead of any later handler, so
 * that it can call shmview_dialog_finish_response(). Call from _init. */
void       shmview_dialog_handle_response (GtkDialog      *dialog,
                                           GCallback       on_response);

/* From that handler: closes @dialog when @done; otherwise (an Accept that
 * failed and said why in the dialog) keeps it open and stops the response
 * from reaching later handlers, which would close it. */
void       shmview_dialog_finish_response (GtkDialog      *dialog,
                                           gboolean        done);

G_END_DECLS
