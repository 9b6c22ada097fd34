/* shmview-layout-dialog.c: pick a C header (or paste declarations), a type and where it lies
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The type list is filled from the header as soon as one is chosen or
 * pasted, in a worker thread (clang takes a moment over a header that
 * includes many others). Pasted declarations are kept as a file under the
 * user data directory, so the region remembers them like any header.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shmview-json-file.h"
#include "shmview-layout-dialog.h"
#include "shmview-layout.h"
#include "shmview-parse.h"
#include "shmview-ui-util.h"

struct _ShmviewLayoutDialog
{
  GtkDialog parent_instance;

  /* template widgets */
  GtkFileChooserButton *header_button;
  GtkTextView          *paste_view;
  GtkComboBoxText      *type_combo;
  GtkEntry             *offset_entry;
  GtkEntry             *count_entry;
  GtkEntry             *args_entry;
  GtkLabel             *error_label;

  /* owned */
  GCancellable         *listing;
  guint                 paste_timeout_id;
};

G_DEFINE_FINAL_TYPE (ShmviewLayoutDialog, shmview_layout_dialog, GTK_TYPE_DIALOG)

void
shmview_layout_dialog_show_error (ShmviewLayoutDialog *self,
                                  const char          *text)
{
  g_return_if_fail (SHMVIEW_IS_LAYOUT_DIALOG (self));

  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static char *
pasted_text (ShmviewLayoutDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->paste_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strstrip (text)[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* "-I dir -DNAME" as the compiler's argument vector; NULL on a quoting error. */
static GStrv
clang_args (ShmviewLayoutDialog  *self,
            GError              **error)
{
  const char *text = gtk_entry_get_text (self->args_entry);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char **argv = NULL;

  if (trimmed[0] == '\0')
    return g_new0 (char *, 1);
  if (!g_shell_parse_argv (text, NULL, &argv, error))
    return NULL;
  return argv;
}

typedef struct
{
  char  *path;
  char  *text;
  GStrv  args;
} Listing;

static void
listing_free (Listing *listing)
{
  g_free (listing->path);
  g_free (listing->text);
  g_strfreev (listing->args);
  g_free (listing);
}

static void
list_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Listing *listing = task_data;
  GError *error = NULL;
  GStrv names;

  if (listing->text != NULL)
    names = shmview_layout_list_types_text (listing->text, (const char * const *) listing->args,
                                            &error);
  else
    names = shmview_layout_list_types_file (listing->path, (const char * const *) listing->args,
                                            &error);
  if (names == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, names, (GDestroyNotify) g_strfreev);
}

static void
on_types_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_task_propagate_pointer (G_TASK (result), &error);
  ShmviewLayoutDialog *self;
  GtkEntry *entry;
  g_autofree char *typed = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SHMVIEW_LAYOUT_DIALOG (source);
  shmview_layout_dialog_show_error (self, error != NULL ? error->message : NULL);
  entry = GTK_ENTRY (gtk_bin_get_child (GTK_BIN (self->type_combo)));
  typed = g_strdup (gtk_entry_get_text (entry));
  gtk_combo_box_text_remove_all (self->type_combo);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_combo_box_text_append_text (self->type_combo, names[i]);
  /* Keep what was typed; else offer the last struct, usually the one that matters. */
  if (typed[0] == '\0' && names != NULL && names[0] != NULL)
    gtk_entry_set_text (entry, names[g_strv_length (names) - 1]);
}

static void
list_types (ShmviewLayoutDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (self->header_button));
  Listing *listing;

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  listing = g_new0 (Listing, 1);
  listing->text = pasted_text (self);
  listing->path = g_steal_pointer (&path);
  listing->args = clang_args (self, NULL);
  if (listing->text == NULL && listing->path == NULL)
    {
      listing_free (listing);
      return;
    }
  self->listing = g_cancellable_new ();
  task = g_task_new (self, self->listing, on_types_listed, NULL);
  g_task_set_task_data (task, listing, (GDestroyNotify) listing_free);
  g_task_run_in_thread (task, list_in_thread);
}

static gboolean
on_paste_timeout (gpointer user_data)
{
  ShmviewLayoutDialog *self = user_data;

  self->paste_timeout_id = 0;
  list_types (self);
  return G_SOURCE_REMOVE;
}

static void
on_paste_changed (ShmviewLayoutDialog *self)
{
  g_clear_handle_id (&self->paste_timeout_id, g_source_remove);
  self->paste_timeout_id = g_timeout_add (400, on_paste_timeout, self);
}

/* Pasted declarations become a file of their own, named by their contents. */
static char *
save_pasted (const char  *text,
             GError     **error)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
  g_autofree char *name = g_strdup_printf ("headers/pasted-%.12s.h", digest);
  g_autofree char *path = shmview_json_file_path (name);
  g_autofree char *directory = g_path_get_dirname (path);

  if (g_mkdir_with_parents (directory, 0700) != 0
      || !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not keep the pasted "
                                                             "declarations in “%s”"), directory);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static gboolean
parse_count (const char *text,
             guint64    *count)
{
  char *end = NULL;

  *count = g_ascii_strtoull (text, &end, 10);
  return text[0] != '\0' && end != NULL && *end == '\0' && *count >= 1;
}

/**
 * shmview_layout_dialog_dup_placement:
 * @self: the dialog
 *
 * Returns: (transfer full) (nullable): what the user chose; %NULL after
 *   saying in the dialog what is missing or wrong
 */
ShmviewLayoutPlacement *
shmview_layout_dialog_dup_placement (ShmviewLayoutDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pasted_text (self);
  g_autofree char *header = NULL;
  g_auto(GStrv) args = NULL;
  const char *type = gtk_entry_get_text (GTK_ENTRY (gtk_bin_get_child (GTK_BIN (self->type_combo))));
  guint64 offset = 0, count = 1;

  g_return_val_if_fail (SHMVIEW_IS_LAYOUT_DIALOG (self), NULL);

  header = text != NULL ? save_pasted (text, &error)
                        : gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (self->header_button));
  if (header == NULL && error == NULL)
    shmview_layout_dialog_show_error (self, _("Choose a header file or paste declarations"));
  else if (header == NULL)
    shmview_layout_dialog_show_error (self, error->message);
  else if (type[0] == '\0')
    shmview_layout_dialog_show_error (self, _("Name the type to read, e.g. “struct shared”"));
  else if (!shmview_parse_offset (gtk_entry_get_text (self->offset_entry), 0, G_MAXUINT64,
                                  &offset, &error))
    shmview_layout_dialog_show_error (self, error->message);
  else if (!parse_count (gtk_entry_get_text (self->count_entry), &count))
    shmview_layout_dialog_show_error (self, _("The count must be a whole number, 1 or more"));
  else if ((args = clang_args (self, &error)) == NULL)
    shmview_layout_dialog_show_error (self, error->message);
  else
    return shmview_layout_placement_new (header, type, (const char * const *) args, offset, count);
  return NULL;
}

static void
set_current (ShmviewLayoutDialog          *self,
             const ShmviewLayoutPlacement *current)
{
  g_autofree char *offset = NULL, *count = NULL, *args = NULL;

  if (current == NULL)
    return;
  gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (self->header_button), current->header);
  gtk_entry_set_text (GTK_ENTRY (gtk_bin_get_child (GTK_BIN (self->type_combo))),
                      current->type_name);
  offset = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", current->offset);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, current->count);
  gtk_entry_set_text (self->offset_entry, offset);
  gtk_entry_set_text (self->count_entry, count);
  if (current->clang_args != NULL)
    {
      GString *joined = g_string_new (NULL);

      for (guint i = 0; current->clang_args[i] != NULL; i++)
        {
          g_autofree char *quoted = g_shell_quote (current->clang_args[i]);

          g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", quoted);
        }
      args = g_string_free (joined, FALSE);
      gtk_entry_set_text (self->args_entry, args);
    }
  list_types (self);
}

static void
shmview_layout_dialog_dispose (GObject *object)
{
  ShmviewLayoutDialog *self = SHMVIEW_LAYOUT_DIALOG (object);

  g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  g_clear_handle_id (&self->paste_timeout_id, g_source_remove);
  G_OBJECT_CLASS (shmview_layout_dialog_parent_class)->dispose (object);
}

static void
shmview_layout_dialog_class_init (ShmviewLayoutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_layout_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-layout-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, header_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, paste_view);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, type_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, offset_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, count_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, args_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, list_types);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_changed);
}

static void
shmview_layout_dialog_init (ShmviewLayoutDialog *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_file_filter_set_name (filter, _("C headers"));
  gtk_file_filter_add_pattern (filter, "*.h");
  gtk_file_filter_add_pattern (filter, "*.H");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->header_button), filter);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->paste_view), "changed",
                            G_CALLBACK (on_paste_changed), self);
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_ACCEPT);
}

/**
 * shmview_layout_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @current: (nullable): the placement shown now, to start from
 *
 * Returns: (transfer floating): the dialog; its Accept response means
 *   "apply" (see shmview_layout_dialog_dup_placement())
 */
GtkWidget *
shmview_layout_dialog_new (GtkWindow                    *parent,
                           const ShmviewLayoutPlacement *current)
{
  GtkWidget *dialog = shmview_dialog_new (SHMVIEW_TYPE_LAYOUT_DIALOG, parent);

  set_current (SHMVIEW_LAYOUT_DIALOG (dialog), current);
  return dialog;
}
