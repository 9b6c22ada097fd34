/* shmview-ui-util.c: small GTK helpers the app's widgets share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shmview-ui-util.h"

void
shmview_info_bar_show (GtkInfoBar     *bar,
                       GtkLabel       *label,
                       GtkMessageType  type,
                       const char     *text)
{
  g_return_if_fail (GTK_IS_INFO_BAR (bar));
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (text != NULL);

  gtk_info_bar_set_message_type (bar, type);
  gtk_label_set_text (label, text);
  gtk_widget_show (GTK_WIDGET (bar));
  gtk_info_bar_set_revealed (bar, TRUE);
}

GtkWidget *
shmview_dialog_new (GType      type,
                    GtkWindow *parent)
{
  gboolean use_header = FALSE;

  g_return_val_if_fail (g_type_is_a (type, GTK_TYPE_DIALOG), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  g_object_get (gtk_settings_get_default (), "gtk-dialogs-use-header", &use_header, NULL);
  return g_object_new (type,
                       "use-header-bar", use_header,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "destroy-with-parent", TRUE,
                       NULL);
}

void
shmview_dialog_handle_response (GtkDialog *dialog,
                                GCallback  on_response)
{
  g_return_if_fail (GTK_IS_DIALOG (dialog));
  g_return_if_fail (on_response != NULL);

  g_signal_connect (dialog, "response", on_response, NULL);
  gtk_dialog_set_default_response (dialog, GTK_RESPONSE_ACCEPT);
}

void
shmview_dialog_finish_response (GtkDialog *dialog,
                                gboolean   done)
{
  g_return_if_fail (GTK_IS_DIALOG (dialog));

  if (done)
    gtk_widget_destroy (GTK_WIDGET (dialog));
  else
    g_signal_stop_emission_by_name (dialog, "response");
}
