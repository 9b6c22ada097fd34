/* shmview-preferences-dialog.c: the Preferences dialog
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shmview-preferences-dialog.h"

struct _ShmviewPreferencesDialog
{
  GtkDialog        parent_instance;

  /* template widgets */
  GtkFontButton   *font_button;
  GtkComboBoxText *bytes_per_row_combo;
  GtkAdjustment   *interval_adjustment;
  GtkAdjustment   *fade_adjustment;
  GtkComboBoxText *encoding_combo;

  /* owned */
  GSettings       *settings;
};

G_DEFINE_FINAL_TYPE (ShmviewPreferencesDialog, shmview_preferences_dialog, GTK_TYPE_DIALOG)

GtkWidget *
shmview_preferences_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SHMVIEW_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       "use-header-bar", TRUE,
                       NULL);
}

/* The hex view lines up columns, so only fixed-width families are offered. */
static gboolean
monospace_filter (const PangoFontFamily *family,
                  const PangoFontFace   *face,
                  gpointer               user_data)
{
  return pango_font_family_is_monospace ((PangoFontFamily *) family);
}

/* bytes-per-row is a number in the settings and a combo id ("16") here. */
static gboolean
bytes_per_row_get_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  g_value_take_string (value, g_strdup_printf ("%u", g_variant_get_uint32 (variant)));
  return TRUE;
}

static GVariant *
bytes_per_row_set_mapping (const GValue       *value,
                           const GVariantType *expected_type,
                           gpointer            user_data)
{
  const char *id = g_value_get_string (value);
  guint64 n;

  if (id == NULL || !g_ascii_string_to_unsigned (id, 10, 0, 32, &n, NULL))
    return NULL;
  return g_variant_new_uint32 ((guint32) n);
}

static void
shmview_preferences_dialog_dispose (GObject *object)
{
  ShmviewPreferencesDialog *self = SHMVIEW_PREFERENCES_DIALOG (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shmview_preferences_dialog_parent_class)->dispose (object);
}

static void
shmview_preferences_dialog_class_init (ShmviewPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewPreferencesDialog, font_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewPreferencesDialog, bytes_per_row_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewPreferencesDialog, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShmviewPreferencesDialog, fade_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShmviewPreferencesDialog, encoding_combo);
}

static void
shmview_preferences_dialog_init (ShmviewPreferencesDialog *self)
{
  GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_font_chooser_set_filter_func (GTK_FONT_CHOOSER (self->font_button),
                                    monospace_filter, NULL, NULL);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "font", self->font_button, "font", flags);
  g_settings_bind_with_mapping (self->settings, "bytes-per-row",
                                self->bytes_per_row_combo, "active-id", flags,
                                bytes_per_row_get_mapping, bytes_per_row_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "refresh-interval", self->interval_adjustment, "value", flags);
  g_settings_bind (self->settings, "highlight-fade-ms", self->fade_adjustment, "value", flags);
  g_settings_bind (self->settings, "string-encoding", self->encoding_combo, "active-id", flags);

  /* Changes apply as they are made; closing is all that is left. */
  g_signal_connect (self, "response", G_CALLBACK (gtk_widget_destroy), NULL);
}
