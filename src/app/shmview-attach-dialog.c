/* shmview-attach-dialog.c: "Attach" (spec with completion, read-only switch)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes any spec shmtool takes (MapTrans, sysv:0x1234, sysvid:7, file:/path);
 * the completion offers what the region list shows, matching anywhere in
 * the spec so "map" finds "/MapTrans". Errors show inside the dialog, which
 * stays open.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-attach-dialog.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-spec.h"
#include "shmview-string-codec.h"
#include "shmview-ui-util.h"

struct _ShmviewAttachDialog
{
  GtkDialog parent_instance;

  /* template widgets */
  GtkInfoBar         *error_bar;
  GtkLabel           *error_label;
  GtkEntry           *spec_entry;
  GtkSwitch          *read_only_switch;
  GtkEntryCompletion *completion;
  GtkListStore       *specs_store;
};

G_DEFINE_FINAL_TYPE (ShmviewAttachDialog, shmview_attach_dialog, GTK_TYPE_DIALOG)

enum {
  ATTACHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ShmviewAttachDialog *self,
            const char          *text)
{
  shmview_info_bar_show (self->error_bar, self->error_label, GTK_MESSAGE_ERROR, text);
}

static gboolean
try_attach (ShmviewAttachDialog *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_entry_get_text (self->spec_entry)));
  /* "x\xff" as the region list shows it: a name need not be UTF-8 */
  g_autofree char *text = shmview_unescape (typed);
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewOpenFlags flags = SHMVIEW_OPEN_FLAGS_NONE;

  if (*text == '\0')
    {
      show_error (self, _("Type the name of a region first, for example MapTrans."));
      gtk_widget_grab_focus (GTK_WIDGET (self->spec_entry));
      return FALSE;
    }

  if (gtk_switch_get_active (self->read_only_switch))
    flags |= SHMVIEW_OPEN_READ_ONLY;

  /* absolute, so the window knows the file's tab whatever the path's spelling */
  spec = shmview_spec_parse_in_dir (text, NULL, &error);
  if (spec != NULL)
    region = shmview_region_open (spec, flags, 0, 0, &error);
  if (region == NULL)
    {
      g_autofree char *message =
        shmview_describe_spec_error (error, text, (flags & SHMVIEW_OPEN_READ_ONLY) != 0
                                                  ? SHMVIEW_ACTION_OPEN_READ_ONLY
                                                  : SHMVIEW_ACTION_OPEN);

      show_error (self, message);
      return FALSE;
    }

  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  g_signal_emit (self, signals[ATTACHED], 0, region);
  return TRUE;
}

static void
on_response (ShmviewAttachDialog *self,
             int                  response)
{
  shmview_dialog_finish_response (GTK_DIALOG (self),
                                  response != GTK_RESPONSE_ACCEPT || try_attach (self));
}

static void
on_input_changed (ShmviewAttachDialog *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

static gboolean
match_anywhere (GtkEntryCompletion *completion,
                const char         *key,
                GtkTreeIter        *iter,
                gpointer            user_data)
{
  ShmviewAttachDialog *self = user_data;
  g_autofree char *spec = NULL;
  g_autofree char *folded = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (self->specs_store), iter, 0, &spec, -1);
  if (spec == NULL)
    return FALSE;

  /* @key is already case-folded and normalized by GTK */
  folded = g_utf8_casefold (spec, -1);
  return strstr (folded, key) != NULL;
}

static void
shmview_attach_dialog_class_init (ShmviewAttachDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[ATTACHED] =
    g_signal_new ("attached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SHMVIEW_TYPE_REGION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-attach-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, error_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, spec_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, read_only_switch);
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, completion);
  gtk_widget_class_bind_template_child (widget_class, ShmviewAttachDialog, specs_store);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
}

static void
shmview_attach_dialog_init (ShmviewAttachDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  shmview_dialog_handle_response (GTK_DIALOG (self), G_CALLBACK (on_response));
  gtk_entry_completion_set_match_func (self->completion, match_anywhere, self, NULL);
  /* Not the "text-column" property: in GTK 3 only this call also adds the
   * cell renderer, without which the popup's rows are blank. */
  gtk_entry_completion_set_text_column (self->completion, 0);
}

GtkWidget *
shmview_attach_dialog_new (GtkWindow          *parent,
                           const char * const *specs)
{
  ShmviewAttachDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = SHMVIEW_ATTACH_DIALOG (shmview_dialog_new (SHMVIEW_TYPE_ATTACH_DIALOG, parent));

  /* Escaped as the region list shows them ("x\xff"), which try_attach()
   * reads back: a name need not be UTF-8. */
  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      g_autofree char *shown = shmview_format_escaped (specs[i]);

      gtk_list_store_insert_with_values (self->specs_store, NULL, -1, 0, shown, -1);
    }

  return GTK_WIDGET (self);
}
