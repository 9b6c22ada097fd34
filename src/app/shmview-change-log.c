/* shmview-change-log.c: the list of changes found in a region, newest first
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListStore, newest row first, trimmed to SHMVIEW_CHANGE_LOG_MAX rows
 * (bounded memory: each row holds at most SHMVIEW_WATCHER_PREVIEW bytes of
 * old and new contents), seen through a GtkTreeModelFilter for the offset
 * range typed in the filter entry. A toolbar pauses, clears and exports the
 * log as CSV or JSON Lines (the same records `shmtool watch --json` prints:
 * time in ISO 8601, offset, length, old and new as hex, origin).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-change-log.h"
#include "shmview-format.h"

enum {
  COL_TIME_TEXT,
  COL_OFFSET_TEXT,
  COL_LENGTH_TEXT,
  COL_BYTES_TEXT,
  COL_ORIGIN_TEXT,
  COL_TIME,      /* gint64, g_get_real_time() */
  COL_OFFSET,    /* guint64 */
  COL_LENGTH,    /* guint64 */
  COL_OLD_HEX,   /* "dead" or NULL when unknown */
  COL_NEW_HEX,
  COL_ORIGIN,    /* "outside", "own" or "snapshot" */
  N_COLUMNS
};

struct _ShmviewChangeLog
{
  GtkBox parent_instance;

  /* children */
  GtkEntry           *filter_entry;
  GtkToggleButton    *pause_button;
  GtkTreeView        *tree_view;

  /* owned */
  GtkListStore       *store;
  GtkTreeModel       *filter;
  guint               n_entries;
  gboolean            has_filter;
  guint64             filter_start;
  guint64             filter_end;     /* inclusive */
  gboolean            paused;
};

G_DEFINE_FINAL_TYPE (ShmviewChangeLog, shmview_change_log, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_PAUSED,
  N_PROPS
};

enum {
  SELECT_RANGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
compact_hex (GBytes *bytes)
{
  const guint8 *data;
  gsize length = 0;
  GString *out;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  out = g_string_sized_new (2 * length + 1);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static const char *
origin_label (const char *origin)
{
  if (g_strcmp0 (origin, "own") == 0)
    return _("own edit");
  if (g_strcmp0 (origin, "snapshot") == 0)
    return _("differs from snapshot");
  return _("outside");
}

static void
add_row (ShmviewChangeLog *self,
         gint64            time,
         guint64           offset,
         guint64           length,
         GBytes           *old_bytes,
         GBytes           *new_bytes,
         const char       *origin)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);
  g_autofree char *time_text = when != NULL ? g_date_time_format (when, "%H:%M:%S") : NULL;
  g_autofree char *offset_text = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", offset);
  g_autofree char *length_text = g_strdup_printf ("%" G_GUINT64_FORMAT, length);
  g_autofree char *old_hex = compact_hex (old_bytes);
  g_autofree char *new_hex = compact_hex (new_bytes);
  g_autofree char *bytes_text = NULL;
  GtkTreeIter iter;

  bytes_text = g_strdup_printf ("%s → %s", old_hex != NULL ? old_hex : "?",
                                new_hex != NULL ? new_hex : "?");
  gtk_list_store_insert_with_values (self->store, &iter, 0,
                                     COL_TIME_TEXT, time_text,
                                     COL_OFFSET_TEXT, offset_text,
                                     COL_LENGTH_TEXT, length_text,
                                     COL_BYTES_TEXT, bytes_text,
                                     COL_ORIGIN_TEXT, origin_label (origin),
                                     COL_TIME, time,
                                     COL_OFFSET, offset,
                                     COL_LENGTH, length,
                                     COL_OLD_HEX, old_hex,
                                     COL_NEW_HEX, new_hex,
                                     COL_ORIGIN, origin,
                                     -1);
  if (++self->n_entries > SHMVIEW_CHANGE_LOG_MAX
      && gtk_tree_model_iter_nth_child (GTK_TREE_MODEL (self->store), &iter, NULL,
                                        (int) self->n_entries - 1))
    {
      gtk_list_store_remove (self->store, &iter);
      self->n_entries--;
    }
}

static gboolean
filter_visible (GtkTreeModel *model,
                GtkTreeIter  *iter,
                gpointer      user_data)
{
  ShmviewChangeLog *self = user_data;
  guint64 offset = 0, length = 0;

  if (!self->has_filter)
    return TRUE;
  gtk_tree_model_get (model, iter, COL_OFFSET, &offset, COL_LENGTH, &length, -1);
  return offset <= self->filter_end && offset + MAX (length, 1) - 1 >= self->filter_start;
}

static gboolean
parse_number (const char *text,
              guint64    *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*stripped == '\0' || *stripped == '-')
    return FALSE;
  *out = g_ascii_strtoull (stripped, &end, 0);
  return end != NULL && *end == '\0';
}

static void
on_filter_changed (ShmviewChangeLog *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->filter_entry));

  if (shmview_change_log_set_filter (self, gtk_entry_get_text (self->filter_entry)))
    gtk_style_context_remove_class (context, "error");
  else
    gtk_style_context_add_class (context, "error");
}

static void
on_row_activated (ShmviewChangeLog  *self,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column)
{
  gint *indices = gtk_tree_path_get_indices (path);

  shmview_change_log_activate_row (self, (guint) indices[0]);
}

static void
on_selection_changed (ShmviewChangeLog *self,
                      GtkTreeSelection *selection)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  guint64 offset = 0, length = 0;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, COL_OFFSET, &offset, COL_LENGTH, &length, -1);
  g_signal_emit (self, signals[SELECT_RANGE], 0, offset, length);
}

static void
on_pause_toggled (ShmviewChangeLog *self)
{
  shmview_change_log_set_paused (self, gtk_toggle_button_get_active (self->pause_button));
}

static void
on_export_response (GtkNativeDialog  *dialog,
                    int               response,
                    ShmviewChangeLog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  ShmviewChangeLogFormat format;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  basename = g_file_get_basename (file);
  format = g_str_has_suffix (basename, ".csv") ? SHMVIEW_CHANGE_LOG_CSV
                                              : SHMVIEW_CHANGE_LOG_JSON_LINES;
  if (!shmview_change_log_export (self, file, format, &error))
    {
      GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
      GtkWidget *message;

      message = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                        _("Could not export the change log"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s",
                                                error->message);
      g_signal_connect (message, "response", G_CALLBACK (gtk_widget_destroy), NULL);
      gtk_widget_show (message);
    }
  g_object_unref (dialog);
}

static void
on_export_clicked (ShmviewChangeLog *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Export Change Log"),
                                         GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "changes.jsonl");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JSON Lines (.jsonl)"));
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV (.csv)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
tool_button (const char *icon_name,
             const char *tooltip,
             gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_container_add (GTK_CONTAINER (button), gtk_image_new_from_icon_name (icon_name,
                                                                           GTK_ICON_SIZE_BUTTON));
  gtk_widget_set_tooltip_text (button, tooltip);
  atk_object_set_name (gtk_widget_get_accessible (button), tooltip);
  gtk_button_set_relief (GTK_BUTTON (button), GTK_RELIEF_NONE);
  return button;
}

static void
add_column (ShmviewChangeLog *self,
            const char       *title,
            int               column,
            gboolean          monospace)
{
  GtkCellRenderer *renderer = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *tree_column;

  if (monospace)
    g_object_set (renderer, "family", "Monospace", NULL);
  tree_column = gtk_tree_view_column_new_with_attributes (title, renderer, "text", column, NULL);
  gtk_tree_view_column_set_resizable (tree_column, TRUE);
  gtk_tree_view_append_column (self->tree_view, tree_column);
}

static GtkWidget *
build_toolbar (ShmviewChangeLog *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Change log"));
  GtkWidget *clear = tool_button ("edit-clear-all-symbolic", _("Clear the change log"), FALSE);
  GtkWidget *export = tool_button ("document-save-as-symbolic",
                                   _("Export as CSV or JSON Lines…"), FALSE);

  gtk_style_context_add_class (gtk_widget_get_style_context (title), "heading");
  gtk_container_add (GTK_CONTAINER (bar), title);

  self->filter_entry = GTK_ENTRY (gtk_search_entry_new ());
  gtk_entry_set_placeholder_text (self->filter_entry, _("Offsets, e.g. 0x100-0x1ff"));
  gtk_entry_set_width_chars (self->filter_entry, 22);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->filter_entry)),
                       _("Filter by offset range"));
  g_signal_connect_object (self->filter_entry, "changed", G_CALLBACK (on_filter_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_box_pack_end (GTK_BOX (bar), export, FALSE, FALSE, 0);
  gtk_box_pack_end (GTK_BOX (bar), clear, FALSE, FALSE, 0);
  self->pause_button = GTK_TOGGLE_BUTTON (tool_button ("media-playback-pause-symbolic",
                                                       _("Pause the change log"), TRUE));
  gtk_box_pack_end (GTK_BOX (bar), GTK_WIDGET (self->pause_button), FALSE, FALSE, 0);
  gtk_box_pack_end (GTK_BOX (bar), GTK_WIDGET (self->filter_entry), FALSE, FALSE, 0);

  g_signal_connect_object (clear, "clicked", G_CALLBACK (shmview_change_log_clear), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (export, "clicked", G_CALLBACK (on_export_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pause_button, "toggled", G_CALLBACK (on_pause_toggled), self,
                           G_CONNECT_SWAPPED);
  return bar;
}

static void
shmview_change_log_dispose (GObject *object)
{
  ShmviewChangeLog *self = SHMVIEW_CHANGE_LOG (object);

  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shmview_change_log_parent_class)->dispose (object);
}

static void
shmview_change_log_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShmviewChangeLog *self = SHMVIEW_CHANGE_LOG (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_change_log_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShmviewChangeLog *self = SHMVIEW_CHANGE_LOG (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      shmview_change_log_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_change_log_class_init (ShmviewChangeLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_change_log_dispose;
  object_class->get_property = shmview_change_log_get_property;
  object_class->set_property = shmview_change_log_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECT_RANGE] =
    g_signal_new ("select-range", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);

  gtk_widget_class_set_css_name (widget_class, "shmview-change-log");
}

static void
shmview_change_log_init (ShmviewChangeLog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 3);
  g_object_set (self, "margin-start", 6, "margin-end", 6, "margin-top", 3, NULL);

  self->store = gtk_list_store_new (N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_UINT64,
                                    G_TYPE_UINT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  self->filter = gtk_tree_model_filter_new (GTK_TREE_MODEL (self->store), NULL);
  gtk_tree_model_filter_set_visible_func (GTK_TREE_MODEL_FILTER (self->filter), filter_visible,
                                          self, NULL);

  gtk_container_add (GTK_CONTAINER (self), build_toolbar (self));

  self->tree_view = GTK_TREE_VIEW (gtk_tree_view_new_with_model (self->filter));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->tree_view)),
                       _("Change log"));
  add_column (self, _("Time"), COL_TIME_TEXT, FALSE);
  add_column (self, _("Offset"), COL_OFFSET_TEXT, TRUE);
  add_column (self, _("Length"), COL_LENGTH_TEXT, FALSE);
  add_column (self, _("Old → new"), COL_BYTES_TEXT, TRUE);
  add_column (self, _("Origin"), COL_ORIGIN_TEXT, FALSE);
  g_signal_connect_object (self->tree_view, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_tree_view_get_selection (self->tree_view), "changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 140);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_container_add (GTK_CONTAINER (scrolled), GTK_WIDGET (self->tree_view));
  gtk_container_add (GTK_CONTAINER (self), scrolled);
  gtk_widget_show_all (GTK_WIDGET (self));
}

GtkWidget *
shmview_change_log_new (void)
{
  return g_object_new (SHMVIEW_TYPE_CHANGE_LOG, NULL);
}

void
shmview_change_log_add (ShmviewChangeLog           *self,
                        const ShmviewWatcherChange *change)
{
  g_return_if_fail (SHMVIEW_IS_CHANGE_LOG (self));
  g_return_if_fail (change != NULL);

  if (self->paused)
    return;
  add_row (self, change->time, change->offset, change->length, change->old_bytes,
           change->new_bytes, change->origin == SHMVIEW_CHANGE_ORIGIN_OWN ? "own" : "outside");
}

void
shmview_change_log_add_difference (ShmviewChangeLog *self,
                                   guint64           offset,
                                   guint64           length,
                                   GBytes           *old_bytes,
                                   GBytes           *new_bytes)
{
  g_return_if_fail (SHMVIEW_IS_CHANGE_LOG (self));

  add_row (self, g_get_real_time (), offset, length, old_bytes, new_bytes, "snapshot");
}

void
shmview_change_log_clear (ShmviewChangeLog *self)
{
  g_return_if_fail (SHMVIEW_IS_CHANGE_LOG (self));

  gtk_list_store_clear (self->store);
  self->n_entries = 0;
}

guint
shmview_change_log_get_n_entries (ShmviewChangeLog *self)
{
  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), 0);

  return self->n_entries;
}

guint
shmview_change_log_get_n_shown (ShmviewChangeLog *self)
{
  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), 0);

  return (guint) gtk_tree_model_iter_n_children (self->filter, NULL);
}

void
shmview_change_log_set_paused (ShmviewChangeLog *self,
                               gboolean          paused)
{
  g_return_if_fail (SHMVIEW_IS_CHANGE_LOG (self));

  paused = !!paused;
  if (self->paused == paused)
    return;
  self->paused = paused;
  gtk_toggle_button_set_active (self->pause_button, paused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
shmview_change_log_get_paused (ShmviewChangeLog *self)
{
  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), FALSE);

  return self->paused;
}

gboolean
shmview_change_log_set_filter (ShmviewChangeLog *self,
                               const char       *text)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 start = 0, end = G_MAXUINT64;

  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), FALSE);

  if (*stripped == '\0')
    {
      self->has_filter = FALSE;
      gtk_tree_model_filter_refilter (GTK_TREE_MODEL_FILTER (self->filter));
      return TRUE;
    }

  parts = g_strsplit (stripped, "-", 2);
  if (!parse_number (parts[0], &start))
    return FALSE;
  if (parts[1] == NULL)
    end = start;
  else if (*g_strstrip (parts[1]) != '\0' && !parse_number (parts[1], &end))
    return FALSE;
  if (end < start)
    return FALSE;

  self->has_filter = TRUE;
  self->filter_start = start;
  self->filter_end = end;
  gtk_tree_model_filter_refilter (GTK_TREE_MODEL_FILTER (self->filter));
  return TRUE;
}

gboolean
shmview_change_log_find_next (ShmviewChangeLog *self,
                              guint64           cursor,
                              gboolean          forward,
                              guint64          *offset,
                              guint64          *length)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean found = FALSE, valid;
  guint64 best = 0, best_length = 0;

  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), FALSE);

  model = GTK_TREE_MODEL (self->store);
  for (valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      guint64 at = 0, n = 0;

      gtk_tree_model_get (model, &iter, COL_OFFSET, &at, COL_LENGTH, &n, -1);
      if ((forward && at > cursor && (!found || at < best))
          || (!forward && at < cursor && (!found || at > best)))
        {
          found = TRUE;
          best = at;
          best_length = n;
        }
    }
  if (found)
    {
      *offset = best;
      *length = best_length;
    }
  return found;
}

static char *
format_row (GtkTreeModel           *model,
            GtkTreeIter            *iter,
            ShmviewChangeLogFormat  format)
{
  g_autofree char *old_hex = NULL, *new_hex = NULL, *origin = NULL, *iso = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 time = 0;
  guint64 offset = 0, length = 0;

  gtk_tree_model_get (model, iter, COL_TIME, &time, COL_OFFSET, &offset, COL_LENGTH, &length,
                      COL_OLD_HEX, &old_hex, COL_NEW_HEX, &new_hex, COL_ORIGIN, &origin, -1);
  when = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  when = g_date_time_add (g_steal_pointer (&when), time % G_USEC_PER_SEC);
  iso = g_date_time_format_iso8601 (when);

  if (format == SHMVIEW_CHANGE_LOG_CSV)
    return g_strdup_printf ("%s,0x%" G_GINT64_MODIFIER "x,%" G_GUINT64_FORMAT ",%s,%s,%s",
                            iso, offset, length, old_hex != NULL ? old_hex : "",
                            new_hex != NULL ? new_hex : "", origin);

  /* every value is ASCII hex, a number or a fixed word: nothing to escape */
  return g_strdup_printf ("{\"time\":\"%s\",\"offset\":%" G_GUINT64_FORMAT ",\"length\":%"
                          G_GUINT64_FORMAT ",\"old\":%s%s%s,\"new\":%s%s%s,\"origin\":\"%s\"}",
                          iso, offset, length,
                          old_hex != NULL ? "\"" : "", old_hex != NULL ? old_hex : "null",
                          old_hex != NULL ? "\"" : "",
                          new_hex != NULL ? "\"" : "", new_hex != NULL ? new_hex : "null",
                          new_hex != NULL ? "\"" : "", origin);
}

char *
shmview_change_log_dup_row (ShmviewChangeLog       *self,
                            guint                   index,
                            ShmviewChangeLogFormat  format)
{
  GtkTreeIter iter;

  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), NULL);

  if (!gtk_tree_model_iter_nth_child (self->filter, &iter, NULL, (int) index))
    return NULL;
  return format_row (self->filter, &iter, format);
}

void
shmview_change_log_activate_row (ShmviewChangeLog *self,
                                 guint             index)
{
  GtkTreeIter iter;
  guint64 offset = 0, length = 0;

  g_return_if_fail (SHMVIEW_IS_CHANGE_LOG (self));

  if (!gtk_tree_model_iter_nth_child (self->filter, &iter, NULL, (int) index))
    return;
  gtk_tree_model_get (self->filter, &iter, COL_OFFSET, &offset, COL_LENGTH, &length, -1);
  g_signal_emit (self, signals[SELECT_RANGE], 0, offset, length);
}

/**
 * shmview_change_log_export:
 *
 * Writes the entries the filter shows, oldest first, to @file (replaced
 * whole or not at all), as CSV with a header line or as JSON Lines.
 */
gboolean
shmview_change_log_export (ShmviewChangeLog        *self,
                           GFile                   *file,
                           ShmviewChangeLogFormat   format,
                           GError                 **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (SHMVIEW_IS_CHANGE_LOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == SHMVIEW_CHANGE_LOG_CSV)
    g_string_append (out, "time,offset,length,old,new,origin\n");
  n = shmview_change_log_get_n_shown (self);
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *line = shmview_change_log_dup_row (self, i - 1, format);

      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
