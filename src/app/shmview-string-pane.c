/* shmview-string-pane.c: the C string at the cursor, as text, editable
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-error.h"
#include "shmview-string-codec.h"
#include "shmview-string-pane-private.h"
#include "shmview-string-pane.h"

struct _ShmviewStringPane
{
  GtkBox parent_instance;

  /* template widgets */
  GtkLabel  *caption_label;
  GtkEntry  *entry;
  GtkButton *write_button;
  GtkLabel  *note_label;
  GtkLabel  *stale_label;
  GtkLabel  *error_label;

  /* owned */
  GSettings *settings;   /* NULL when the schema is not installed */
  GBytes    *raw;        /* the string's bytes in memory, without the NUL */
  char      *encoding;

  guint64    offset;
  gboolean   available : 1;
  gboolean   read_only : 1;
  gboolean   dirty : 1;     /* the user changed the text and has not written or dropped it */
  gboolean   stale : 1;     /* memory changed under that edit */
  gboolean   updating : 1;  /* we are setting the entry's text ourselves */
};

G_DEFINE_FINAL_TYPE (ShmviewStringPane, shmview_string_pane, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ENCODING,
  PROP_READ_ONLY,
  PROP_OFFSET,
  N_PROPS
};

enum {
  WRITE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_entry_text (ShmviewStringPane *self)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  const guint8 *data = NULL;
  int position;

  if (self->raw != NULL)
    data = g_bytes_get_data (self->raw, &length);
  text = shmview_string_decode (data, length, self->encoding);

  if (g_strcmp0 (gtk_entry_get_text (self->entry), text) == 0)
    return;

  /* The caret stays where it was: a focused entry follows memory too. */
  position = gtk_editable_get_position (GTK_EDITABLE (self->entry));
  self->updating = TRUE;
  gtk_entry_set_text (self->entry, text);
  self->updating = FALSE;
  gtk_editable_set_position (GTK_EDITABLE (self->entry), position);
}

static void
update_sensitivity (ShmviewStringPane *self)
{
  gboolean can_write = self->available && !self->read_only;

  /* called on every live update: touch the widgets only on a change */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->entry)) != self->available)
    gtk_widget_set_sensitive (GTK_WIDGET (self->entry), self->available);
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->write_button)) != can_write)
    gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), can_write);
}

static void
update_write_tooltip (ShmviewStringPane *self)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->write_button),
                               self->read_only
                               ? _("This region is attached read-only: edits are not written")
                               : _("Write this text and a terminating NUL at the offset, as "
                                   "strcpy would (Ctrl+Enter)"));
}

/* Memory changed under an edit: say so beside it, or stop saying so. */
static void
set_stale (ShmviewStringPane *self,
           gboolean           stale)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->entry));

  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale);
  if (stale)
    gtk_style_context_add_class (context, "warning");
  else
    gtk_style_context_remove_class (context, "warning");
}

/* An edit begins, or is written or dropped. */
static void
set_dirty (ShmviewStringPane *self,
           gboolean           dirty)
{
  self->dirty = !!dirty;
  if (!dirty)
    set_stale (self, FALSE);
}

static void
set_offset (ShmviewStringPane *self,
            guint64            offset)
{
  g_autofree char *caption = NULL;
  g_autofree char *hex = NULL;

  if (self->offset == offset)
    return;

  /* An unwritten edit belongs to the old offset: drop it. */
  set_dirty (self, FALSE);
  shmview_string_pane_set_error (self, NULL);
  self->offset = offset;

  hex = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", offset);
  /* Translators: the caption before the string pane's entry: "String at 0x10" */
  caption = g_strdup_printf (_("String at %s"), hex);
  gtk_label_set_text (self->caption_label, caption);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET]);
}

static void
set_note (ShmviewStringPane *self,
          const char        *note)
{
  if (g_strcmp0 (gtk_label_get_text (self->note_label), note != NULL ? note : "") != 0)
    gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

void
shmview_string_pane_set_bytes (ShmviewStringPane *self,
                               guint64            offset,
                               const guint8      *data,
                               gsize              length,
                               gboolean           at_end)
{
  const guint8 *nul;
  gsize string_length;

  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));
  g_return_if_fail (data != NULL || length == 0);

  nul = length > 0 ? memchr (data, '\0', length) : NULL;
  string_length = nul != NULL ? (gsize) (nul - data) : length;

  set_offset (self, offset);
  self->available = TRUE;
  update_sensitivity (self);

  if (nul != NULL)
    set_note (self, NULL);
  else if (at_end)
    set_note (self, _("There is no NUL before the end of the region: puts would read past it."));
  else
    set_note (self, _("The string goes on: only its first 4096 bytes are shown."));

  if (self->raw == NULL || g_bytes_get_size (self->raw) != string_length
      || (string_length > 0
          && memcmp (g_bytes_get_data (self->raw, NULL), data, string_length) != 0))
    {
      /* the first bytes seen count as what the edit began from */
      if (self->dirty && self->raw != NULL)
        set_stale (self, TRUE);
      g_clear_pointer (&self->raw, g_bytes_unref);
      self->raw = g_bytes_new (data, string_length);
    }

  /* Only an edit is held back: text the user merely looks at, focused or
   * not, follows memory, so it is never a stale copy that could be written
   * back over another program's data. */
  if (!self->dirty)
    show_entry_text (self);
}

void
shmview_string_pane_set_unavailable (ShmviewStringPane *self,
                                     guint64            offset)
{
  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));

  set_offset (self, offset);
  self->available = FALSE;
  set_dirty (self, FALSE);
  g_clear_pointer (&self->raw, g_bytes_unref);
  show_entry_text (self);
  set_note (self, _("The cursor is past the end of the region: there is no string here."));
  update_sensitivity (self);
}

guint64
shmview_string_pane_get_offset (ShmviewStringPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_STRING_PANE (self), 0);

  return self->offset;
}

void
shmview_string_pane_set_encoding (ShmviewStringPane *self,
                                  const char        *encoding)
{
  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));

  if (encoding == NULL || g_strcmp0 (encoding, "latin-1") != 0)
    encoding = "utf-8";
  if (g_strcmp0 (self->encoding, encoding) == 0)
    return;

  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  if (!self->dirty)
    show_entry_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

const char *
shmview_string_pane_get_encoding (ShmviewStringPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_STRING_PANE (self), NULL);

  return self->encoding;
}

void
shmview_string_pane_set_read_only (ShmviewStringPane *self,
                                   gboolean           read_only)
{
  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), !read_only);
  update_sensitivity (self);
  update_write_tooltip (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

const char *
_shmview_string_pane_get_text (ShmviewStringPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_STRING_PANE (self), NULL);

  return gtk_entry_get_text (self->entry);
}

void
_shmview_string_pane_set_text (ShmviewStringPane *self,
                              const char        *text)
{
  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));
  g_return_if_fail (text != NULL);

  /* goes through "changed", which marks the text as the user's */
  gtk_entry_set_text (self->entry, text);
}

gboolean
shmview_string_pane_write (ShmviewStringPane *self)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_return_val_if_fail (SHMVIEW_IS_STRING_PANE (self), FALSE);

  if (!self->available)
    return FALSE;
  if (self->read_only)
    {
      shmview_string_pane_set_error (self, _("This region is attached read-only: edits are not "
                                             "written."));
      return FALSE;
    }

  bytes = shmview_string_encode (gtk_entry_get_text (self->entry), self->encoding, &error);
  if (bytes == NULL)
    {
      shmview_string_pane_set_error (self, error->message);
      return FALSE;
    }

  /* strcpy copies the terminating NUL too */
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  data = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));

  g_signal_emit (self, signals[WRITE], 0, self->offset, data, &written);
  if (written)
    {
      set_dirty (self, FALSE);
      shmview_string_pane_set_error (self, NULL);
    }

  return written;
}

void
shmview_string_pane_set_error (ShmviewStringPane *self,
                               const char        *message)
{
  g_return_if_fail (SHMVIEW_IS_STRING_PANE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
_shmview_string_pane_get_error (ShmviewStringPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_STRING_PANE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

static void
on_entry_changed (ShmviewStringPane *self)
{
  if (self->updating)
    return;

  set_dirty (self, TRUE);
  shmview_string_pane_set_error (self, NULL);
}

/* Plain Enter writes an edit only: Enter is pressed out of habit, and an
 * unedited text is just what memory held at the last tick. Ctrl+Enter and
 * the button are the explicit ways to write it as it stands. */
static void
on_entry_activate (ShmviewStringPane *self)
{
  if (self->dirty)
    shmview_string_pane_write (self);
}

static void
on_write_clicked (ShmviewStringPane *self)
{
  shmview_string_pane_write (self);
}

static gboolean
on_entry_key_press (ShmviewStringPane *self,
                    GdkEventKey       *event)
{
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();

  switch (event->keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != GDK_CONTROL_MASK)
        return GDK_EVENT_PROPAGATE;
      shmview_string_pane_write (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (!self->dirty)
        return GDK_EVENT_PROPAGATE;
      /* forget the edit and show what is in memory again */
      set_dirty (self, FALSE);
      shmview_string_pane_set_error (self, NULL);
      show_entry_text (self);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
bind_settings (ShmviewStringPane *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Tests and odd installs may lack the schema: then the default stays. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "string-encoding"))
    return;

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "string-encoding", self, "encoding", G_SETTINGS_BIND_GET);
}

static void
shmview_string_pane_dispose (GObject *object)
{
  ShmviewStringPane *self = SHMVIEW_STRING_PANE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->raw, g_bytes_unref);

  G_OBJECT_CLASS (shmview_string_pane_parent_class)->dispose (object);
}

static void
shmview_string_pane_finalize (GObject *object)
{
  ShmviewStringPane *self = SHMVIEW_STRING_PANE (object);

  g_free (self->encoding);

  G_OBJECT_CLASS (shmview_string_pane_parent_class)->finalize (object);
}

static void
shmview_string_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShmviewStringPane *self = SHMVIEW_STRING_PANE (object);

  switch (prop_id)
    {
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_OFFSET:
      g_value_set_uint64 (value, self->offset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_string_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShmviewStringPane *self = SHMVIEW_STRING_PANE (object);

  switch (prop_id)
    {
    case PROP_ENCODING:
      shmview_string_pane_set_encoding (self, g_value_get_string (value));
      break;
    case PROP_READ_ONLY:
      shmview_string_pane_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_string_pane_class_init (ShmviewStringPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_string_pane_dispose;
  object_class->finalize = shmview_string_pane_finalize;
  object_class->get_property = shmview_string_pane_get_property;
  object_class->set_property = shmview_string_pane_set_property;

  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, "utf-8",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OFFSET] =
    g_param_spec_uint64 ("offset", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WRITE] =
    g_signal_new ("write", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_UINT64, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-string-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, caption_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, write_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, note_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, stale_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewStringPane, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key_press);
  gtk_widget_class_bind_template_callback (widget_class, on_write_clicked);
  gtk_widget_class_set_css_name (widget_class, "shmview-string-pane");
}

static void
shmview_string_pane_init (ShmviewStringPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->encoding = g_strdup ("utf-8");
  self->offset = G_MAXUINT64;
  set_offset (self, 0);
  update_sensitivity (self);
  update_write_tooltip (self);
  bind_settings (self);
}

GtkWidget *
shmview_string_pane_new (void)
{
  return g_object_new (SHMVIEW_TYPE_STRING_PANE, NULL);
}
