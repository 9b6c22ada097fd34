/* shmview-status-bar.c: the status line under a region's hex view
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-errors-ui.h"
#include "shmview-size-format.h"
#include "shmview-status-bar-private.h"
#include "shmview-status-bar.h"

struct _ShmviewStatusBar
{
  GtkBox parent_instance;

  /* template widgets */
  GtkLabel *spec_label;
  GtkLabel *kind_label;
  GtkLabel *size_label;
  GtkLabel *access_label;
  GtkLabel *removed_label;
  GtkLabel *cursor_label;
  GtkLabel *selection_label;
  GtkLabel *value_label;
  GtkLabel *field_label;
  GtkLabel *changed_label;

  /* state, so setters can skip work when nothing changed */
  guint64  size;
  guint64  cursor;
  guint64  selection_length;
  gint64   last_change;
  guint64  last_change_offset;   /* G_MAXUINT64: not known */
  gint     value;          /* -1: unknown */
  gboolean have_size : 1;
  gboolean have_cursor : 1;
  gboolean read_only : 1;
};

G_DEFINE_FINAL_TYPE (ShmviewStatusBar, shmview_status_bar, GTK_TYPE_BOX)

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  /* gtk_label_set_text queues a resize even for the same text */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
shmview_status_bar_class_init (ShmviewStatusBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, spec_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, kind_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, size_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, access_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, removed_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, cursor_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, selection_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, field_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, value_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStatusBar, changed_label);
  gtk_widget_class_set_css_name (widget_class, "shmview-status-bar");
}

static void
shmview_status_bar_init (ShmviewStatusBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->value = -2;
  self->last_change = -2;
  shmview_status_bar_set_value (self, FALSE, 0);
  shmview_status_bar_set_last_change (self, -1);
  shmview_status_bar_set_cursor (self, 0, 0);
}

GtkWidget *
shmview_status_bar_new (void)
{
  return g_object_new (SHMVIEW_TYPE_STATUS_BAR, NULL);
}

void
shmview_status_bar_set_region (ShmviewStatusBar  *self,
                               const char        *spec,
                               ShmviewRegionKind  kind,
                               gboolean           read_only)
{
  const char *kind_text;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));
  g_return_if_fail (spec != NULL);

  kind_text = shmview_describe_kind (kind);

  self->read_only = !!read_only;
  set_label_text (self->spec_label, spec);
  set_label_text (self->kind_label, kind_text);
  /* Translators: RW = attached read-write, RO = read-only */
  set_label_text (self->access_label, read_only ? _("RO") : _("RW"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->access_label),
                               read_only ? _("Attached read-only: edits are not written")
                                         : _("Attached read-write: edits are written at once"));
}

void
shmview_status_bar_set_size (ShmviewStatusBar *self,
                             guint64           size)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  if (self->have_size && self->size == size)
    return;

  self->have_size = TRUE;
  self->size = size;
  text = shmview_format_exact_size (size);
  set_label_text (self->size_label, text);
}

void
shmview_status_bar_set_removed (ShmviewStatusBar *self,
                                gboolean          removed)
{
  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->removed_label), removed);
}

void
shmview_status_bar_set_cursor (ShmviewStatusBar *self,
                               guint64           cursor,
                               guint64           selection_length)
{
  g_autofree char *hex = NULL;
  g_autofree char *dec = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *selection = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  if (self->have_cursor && self->cursor == cursor && self->selection_length == selection_length)
    return;

  self->have_cursor = TRUE;
  self->cursor = cursor;
  self->selection_length = selection_length;

  /* Numbers are formatted first: xgettext cannot see through G_GUINT64_FORMAT */
  hex = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", cursor);
  dec = g_strdup_printf ("%" G_GUINT64_FORMAT, cursor);
  /* Translators: the cursor offset in hex, then in decimal: "Offset 0x10 (16)" */
  offset = g_strdup_printf (_("Offset %s (%s)"), hex, dec);
  if (selection_length == 0)
    {
      selection = g_strdup (_("No selection"));
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, selection_length);

      selection = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Selected %s byte",
                                                "Selected %s bytes", (gulong) selection_length),
                                   count);
    }

  set_label_text (self->cursor_label, offset);
  set_label_text (self->selection_label, selection);
}

void
shmview_status_bar_set_value (ShmviewStatusBar *self,
                              gboolean          known,
                              guint8            value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  if (self->value == (known ? value : -1))
    return;
  self->value = known ? value : -1;

  if (!known)
    text = g_strdup (_("Value —"));
  else if (g_ascii_isprint (value))
    /* Translators: the byte at the cursor: hex, decimal, character */
    text = g_strdup_printf (_("Value 0x%02x = %u = ‘%c’"), value, value, value);
  else
    text = g_strdup_printf (_("Value 0x%02x = %u"), value, value);

  set_label_text (self->value_label, text);
}

/**
 * shmview_status_bar_set_field:
 * @self: a status bar
 * @path: (nullable): the struct field under the cursor ("pts[1].y"), or
 *   %NULL for none (the label goes)
 */
void
shmview_status_bar_set_field (ShmviewStatusBar *self,
                              const char       *path)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->field_label), path != NULL);
  if (path == NULL)
    return;
  /* Translators: the C struct field the cursor is in, "Field pts[1].y" */
  text = g_strdup_printf (_("Field %s"), path);
  set_label_text (self->field_label, text);
}

void
shmview_status_bar_set_last_change (ShmviewStatusBar *self,
                                    gint64            unix_time)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  if (self->last_change == unix_time && self->last_change_offset == G_MAXUINT64)
    return;
  self->last_change = unix_time;
  self->last_change_offset = G_MAXUINT64;

  if (unix_time >= 0)
    when = g_date_time_new_from_unix_local (unix_time);
  if (when != NULL)
    clock = g_date_time_format (when, "%H:%M:%S");

  if (clock == NULL)
    text = g_strdup (_("Last outside change: none yet"));
  else
    text = g_strdup_printf (_("Last outside change: %s"), clock);

  set_label_text (self->changed_label, text);
}

void
shmview_status_bar_set_last_change_at (ShmviewStatusBar *self,
                                       gint64            unix_time,
                                       guint64           offset)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_STATUS_BAR (self));

  if (self->last_change == unix_time && self->last_change_offset == offset)
    return;
  self->last_change = unix_time;
  self->last_change_offset = offset;

  when = g_date_time_new_from_unix_local (MAX (unix_time, 0));
  clock = when != NULL ? g_date_time_format (when, "%H:%M:%S") : g_strdup ("?");
  where = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", offset);
  /* Translators: "Last outside change: 12:04:31 at 0x1f00" */
  text = g_strdup_printf (_("Last outside change: %1$s at %2$s"), clock, where);
  set_label_text (self->changed_label, text);
}

char *
_shmview_status_bar_dup_text (ShmviewStatusBar *self)
{
  GtkLabel *labels[] = {
    self->spec_label, self->kind_label, self->size_label, self->access_label,
    self->removed_label, self->cursor_label, self->selection_label, self->value_label,
    self->field_label, self->changed_label,
  };
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (SHMVIEW_IS_STATUS_BAR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (!gtk_widget_get_visible (GTK_WIDGET (labels[i])))
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, gtk_label_get_text (labels[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
