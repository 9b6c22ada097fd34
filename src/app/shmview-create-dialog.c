/* shmview-create-dialog.c: "Create region" (name, kind, size with unit, mode)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog creates the region itself, always exclusively: an existing
 * region of that name is never touched, the person is told instead. Every
 * failure shows inside the dialog, which stays open so the person can fix
 * the one field that was wrong.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-create-dialog.h"
#include "shmview-error.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-parse.h"
#include "shmview-string-codec.h"
#include "shmview-ui-util.h"

struct _ShmviewCreateDialog
{
  GtkDialog parent_instance;

  /* template widgets */
  GtkInfoBar     *error_bar;
  GtkLabel       *error_label;
  GtkEntry       *name_entry;
  GtkComboBoxText *kind_combo;
  GtkSpinButton  *size_spin;
  GtkComboBoxText *unit_combo;
  GtkEntry       *mode_entry;
  GtkLabel       *hint_label;
};

G_DEFINE_FINAL_TYPE (ShmviewCreateDialog, shmview_create_dialog, GTK_TYPE_DIALOG)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ShmviewCreateDialog *self,
            const char          *text)
{
  shmview_info_bar_show (self->error_bar, self->error_label, GTK_MESSAGE_ERROR, text);
}

static void
hide_error (ShmviewCreateDialog *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

/* Strips what a person may type out of habit ("posix:/", "/") for the kind. */
static char *
spec_text_for (const char *kind,
               const char *name)
{
  if (g_strcmp0 (kind, "sysv") == 0)
    {
      if (g_str_has_prefix (name, "sysv:"))
        return g_strdup (name);
      /* no key: IPC_PRIVATE, a new segment known by its id */
      return g_strconcat ("sysv:", *name != '\0' ? name : "0", NULL);
    }

  if (g_strcmp0 (kind, "file") == 0)
    return g_str_has_prefix (name, "file:") ? g_strdup (name) : g_strconcat ("file:", name, NULL);

  if (g_str_has_prefix (name, "posix:"))
    name += strlen ("posix:");
  while (*name == '/')
    name++;
  return g_strconcat ("/", name, NULL);
}

static gboolean
read_size (ShmviewCreateDialog  *self,
           guint64              *size)
{
  const char *unit = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->unit_combo));
  guint shift = 0;
  guint64 value;

  gtk_spin_button_update (self->size_spin);
  value = (guint64) gtk_spin_button_get_value (self->size_spin);

  if (g_strcmp0 (unit, "KiB") == 0)
    shift = 10;
  else if (g_strcmp0 (unit, "MiB") == 0)
    shift = 20;
  else if (g_strcmp0 (unit, "GiB") == 0)
    shift = 30;

  if (value == 0)
    {
      show_error (self, _("A region needs at least 1 byte. Choose a bigger size."));
      return FALSE;
    }
  if (value > (G_MAXUINT64 >> shift))
    {
      show_error (self, _("That size is too big to count in bytes. Choose a smaller one."));
      return FALSE;
    }

  *size = value << shift;
  return TRUE;
}

static gboolean
read_mode (ShmviewCreateDialog *self,
           guint               *mode)
{
  const char *text = gtk_entry_get_text (self->mode_entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (shmview_parse_mode (text, mode, &error) && *mode != 0 && *mode <= 0777)
    return TRUE;

  if (error == NULL && *mode != 0)
    /* set-id and sticky bits: the core refuses them */
    message = g_strdup (_("Only the permission bits apply to a region: use a mode of at most "
                          "0777, such as 0600 (only you can read and write)."));
  else if (error == NULL)
    /* The core would take 0 as "the default" and make 0600 of it. */
    message = g_strdup (_("Mode 0 would give nobody access, not even you. Use 0600 (only you "
                          "can read and write) or 0644 (others may read)."));
  else
    /* Translators: %s is the core's reason, naming the bad character */
    message = g_strdup_printf (_("The permissions must be an octal mode such as 0600 (only you "
                                 "can read and write) or 0644 (others may read). %s"),
                               error->message);
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->mode_entry));
  return FALSE;
}

/* TRUE when the region was created and "created" emitted. */
static gboolean
try_create (ShmviewCreateDialog *self)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  g_autofree char *typed = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  /* "x\xff" as the region list shows it: a name need not be UTF-8 */
  g_autofree char *name = shmview_unescape (typed);
  g_autofree char *spec_text = NULL;
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size = 0;
  guint mode = 0;

  if (*name == '\0' && g_strcmp0 (kind, "sysv") != 0)
    {
      show_error (self, _("Give the region a name first, for example MapTrans."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return FALSE;
    }

  spec_text = spec_text_for (kind, name);
  /* absolute, so the window knows the file's tab whatever the path's spelling */
  spec = shmview_spec_parse_in_dir (spec_text, NULL, &error);
  if (spec == NULL)
    {
      g_autofree char *text = shmview_describe_error (error, typed);

      show_error (self, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return FALSE;
    }

  if (!read_size (self, &size) || !read_mode (self, &mode))
    return FALSE;

  /* Exclusive: an existing region is never resized, cleared or replaced. */
  region = shmview_region_open (spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE, size, mode,
                                &error);
  if (region == NULL)
    {
      g_autofree char *name_bytes = shmview_spec_to_display_name (spec);
      g_autofree char *display = shmview_format_escaped (name_bytes);
      g_autofree char *text = shmview_describe_failure (error, display, spec->kind,
                                                        SHMVIEW_ACTION_OPEN);

      show_error (self, text);
      return FALSE;
    }

  hide_error (self);
  g_signal_emit (self, signals[CREATED], 0, region);
  return TRUE;
}

static void
on_response (ShmviewCreateDialog *self,
             int                  response)
{
  shmview_dialog_finish_response (GTK_DIALOG (self),
                                  response != GTK_RESPONSE_ACCEPT || try_create (self));
}

static void
on_kind_changed (ShmviewCreateDialog *self)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  const char *hint;
  const char *placeholder;

  if (g_strcmp0 (kind, "sysv") == 0)
    {
      hint = _("A System V segment (shmget) is found by a number, its key. Type a key such as "
               "0x1234, or leave it empty for a new private segment known by its id.");
      placeholder = _("Key, e.g. 0x1234");
    }
  else if (g_strcmp0 (kind, "file") == 0)
    {
      hint = _("A regular file mapped with MAP_SHARED. Type its path; an existing file is "
               "never overwritten.");
      placeholder = _("Path, e.g. /tmp/maptrans.bin");
    }
  else
    {
      hint = _("A POSIX shared memory object (shm_open), like the lesson’s MapTrans. It lives "
               "in /dev/shm until it is removed.");
      placeholder = _("Name, e.g. MapTrans");
    }

  gtk_label_set_text (self->hint_label, hint);
  gtk_entry_set_placeholder_text (self->name_entry, placeholder);
  hide_error (self);
}

static void
on_input_changed (ShmviewCreateDialog *self)
{
  hide_error (self);
}

static void
shmview_create_dialog_class_init (ShmviewCreateDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SHMVIEW_TYPE_REGION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, size_spin);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, unit_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, mode_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewCreateDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
}

static void
shmview_create_dialog_init (ShmviewCreateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  shmview_dialog_handle_response (GTK_DIALOG (self), G_CALLBACK (on_response));
  on_kind_changed (self);
  /* The name is what a person types first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

GtkWidget *
shmview_create_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return shmview_dialog_new (SHMVIEW_TYPE_CREATE_DIALOG, parent);
}
