/* shmview-search-bar.c: the page's search bar (Ctrl+F)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar turns what is typed into the bytes to look for (through the
 * core's pattern builders) and shows how a search goes; the page runs the
 * search itself (page.find-next / page.find-previous), off the main loop.
 * The mode is remembered in GSettings ("search-mode").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-search-bar.h"

struct _ShmviewSearchBar
{
  GtkSearchBar parent_instance;

  /* template widgets */
  GtkComboBoxText *mode_combo;
  GtkComboBoxText *type_combo;
  GtkSearchEntry  *entry;
  GtkCheckButton  *ignore_case_check;
  GtkProgressBar  *progress_bar;
  GtkLabel        *status_label;

  /* owned */
  GSettings       *settings;   /* NULL when the schema is not installed */
  gboolean         focus_on_map;
};

G_DEFINE_FINAL_TYPE (ShmviewSearchBar, shmview_search_bar, GTK_TYPE_SEARCH_BAR)

/* page.find-next and the like, on the page the bar is in. */
static void
activate_page_action (ShmviewSearchBar *self,
                      const char       *name)
{
  GActionGroup *group = gtk_widget_get_action_group (GTK_WIDGET (self), "page");

  if (group != NULL)
    g_action_group_activate_action (group, name, NULL);
}

const char *
shmview_search_bar_get_mode (ShmviewSearchBar *self)
{
  const char *mode;

  g_return_val_if_fail (SHMVIEW_IS_SEARCH_BAR (self), "text");
  mode = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->mode_combo));
  return mode != NULL ? mode : "text";
}

static void
on_mode_changed (ShmviewSearchBar *self)
{
  const char *mode = shmview_search_bar_get_mode (self);

  gtk_widget_set_visible (GTK_WIDGET (self->type_combo), g_str_equal (mode, "number"));
  gtk_widget_set_visible (GTK_WIDGET (self->ignore_case_check), g_str_equal (mode, "text"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry),
                                  g_str_equal (mode, "hex") ? _("de ad be ef")
                                  : g_str_equal (mode, "number") ? _("42, -1, 0x1F, 3.5")
                                  : _("Text to find"));
  shmview_search_bar_set_status (self, NULL);
}

static void
on_entry_activate (ShmviewSearchBar *self)
{
  activate_page_action (self, "find-next");
}

/* Shift+Enter goes back, as Enter goes on: the entry's own pair of keys. */
static gboolean
on_entry_key_press (ShmviewSearchBar *self,
                    GdkEventKey      *event)
{
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();

  if ((event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter) &&
      mods == GDK_SHIFT_MASK)
    {
      activate_page_action (self, "find-previous");
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_entry_map (ShmviewSearchBar *self)
{
  if (self->focus_on_map)
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  self->focus_on_map = FALSE;
}

/* Esc in the entry closes the bar. */
static void
on_entry_stop_search (ShmviewSearchBar *self)
{
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self), FALSE);
}

static void
on_entry_changed (ShmviewSearchBar *self)
{
  gtk_style_context_remove_class (gtk_widget_get_style_context (GTK_WIDGET (self->entry)),
                                  "error");
  shmview_search_bar_set_status (self, NULL);
}

void
shmview_search_bar_open (ShmviewSearchBar *self)
{
  g_return_if_fail (SHMVIEW_IS_SEARCH_BAR (self));

  /* The revealer shows the entry only from its first frame on: focus it
   * then, never while it is unmapped (keys would go to a widget without a
   * window). */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self), TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  else
    self->focus_on_map = TRUE;
}

void
shmview_search_bar_set_text (ShmviewSearchBar *self,
                             const char       *mode,
                             const char       *text)
{
  g_return_if_fail (SHMVIEW_IS_SEARCH_BAR (self));

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->mode_combo), mode);
  gtk_entry_set_text (GTK_ENTRY (self->entry), text);
}

GBytes *
shmview_search_bar_dup_pattern (ShmviewSearchBar   *self,
                                ShmviewSearchFlags *flags,
                                GError            **error)
{
  const char *mode;
  const char *text;
  GBytes *pattern;

  g_return_val_if_fail (SHMVIEW_IS_SEARCH_BAR (self), NULL);

  mode = shmview_search_bar_get_mode (self);
  text = gtk_entry_get_text (GTK_ENTRY (self->entry));
  *flags = SHMVIEW_SEARCH_FLAGS_NONE;

  if (g_str_equal (mode, "hex"))
    pattern = shmview_search_pattern_hex (text, error);
  else if (g_str_equal (mode, "number"))
    {
      const char *type_name = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->type_combo));
      ShmviewValueType type;
      ShmviewByteOrder order;

      pattern = shmview_value_type_from_string (type_name != NULL ? type_name : "u32le",
                                                &type, &order, error)
                ? shmview_search_pattern_number (type, order, text, error) : NULL;
    }
  else
    {
      pattern = shmview_search_pattern_text (text, error);
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->ignore_case_check)))
        *flags |= SHMVIEW_SEARCH_IGNORE_CASE;
    }

  if (pattern == NULL)
    {
      gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->entry)),
                                   "error");
      shmview_search_bar_set_status (self, (*error)->message);
    }
  return pattern;
}

void
shmview_search_bar_set_status (ShmviewSearchBar *self,
                               const char       *text)
{
  g_return_if_fail (SHMVIEW_IS_SEARCH_BAR (self));
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

void
shmview_search_bar_set_progress (ShmviewSearchBar *self,
                                 double            fraction)
{
  g_return_if_fail (SHMVIEW_IS_SEARCH_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), fraction >= 0);
  if (fraction >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Searching… %.0f%%"), fraction * 100);

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
}

static void
fill_types (ShmviewSearchBar *self)
{
  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    {
      if (!shmview_value_type_is_editable (t) || t == SHMVIEW_VALUE_TIME_LOCAL)
        continue;
      for (guint o = 0; o < (shmview_value_type_has_order (t) ? 2u : 1u); o++)
        {
          const char *name = shmview_value_type_to_string (t, o);

          gtk_combo_box_text_append (self->type_combo, name, name);
        }
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->type_combo), "u32le");
}

static void
bind_settings (ShmviewSearchBar *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "search-mode"))
    return;

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "search-mode", self->mode_combo, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
shmview_search_bar_dispose (GObject *object)
{
  ShmviewSearchBar *self = SHMVIEW_SEARCH_BAR (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (shmview_search_bar_parent_class)->dispose (object);
}

static void
shmview_search_bar_class_init (ShmviewSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_search_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, mode_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, type_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, ignore_case_check);
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewSearchBar, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key_press);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
shmview_search_bar_init (ShmviewSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->entry, "map", G_CALLBACK (on_entry_map), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (on_entry_stop_search), self);
  fill_types (self);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->mode_combo), "text");
  bind_settings (self);
  on_mode_changed (self);
}

GtkWidget *
shmview_search_bar_new (void)
{
  return g_object_new (SHMVIEW_TYPE_SEARCH_BAR, NULL);
}
