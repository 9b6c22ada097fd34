/* shmview-inspector.c: the data inspector pane
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per value type, little and big endian side by side; the values
 * come from the core (shmview-inspect), the bytes from the page on every
 * tick. A row is an entry: typing a value and pressing Enter parses it for
 * that type and order and asks the page, through "write", to write exactly
 * its bytes (one undo step there). A value that does not parse or fit is
 * shown under the rows and nothing is written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-error.h"
#include "shmview-inspect.h"
#include "shmview-inspector.h"

/* How long a changed value stays highlighted, like a changed byte. */
#define CHANGE_HIGHLIGHT_USEC (1500 * 1000)

typedef struct
{
  ShmviewInspector *inspector;   /* borrowed */
  GtkEntry         *entry;
  ShmviewValueType  type;
  ShmviewByteOrder  order;
  char             *shown;       /* the value last put in the entry */
  gint64            changed_at;  /* monotonic time of the last change, 0 for none */
} Cell;

struct _ShmviewInspector
{
  GtkBox parent_instance;

  /* template widgets */
  GtkGrid  *grid;
  GtkLabel *error_label;

  /* owned */
  GPtrArray *cells;              /* Cell *, owned */
  guint64    offset;
  gboolean   has_offset;
};

G_DEFINE_FINAL_TYPE (ShmviewInspector, shmview_inspector, GTK_TYPE_BOX)

enum {
  WRITE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  ShmviewValueType type;
  const char      *label;   /* translated when shown */
} rows[] = {
  { SHMVIEW_VALUE_U8, N_("u8") },
  { SHMVIEW_VALUE_I8, N_("i8") },
  { SHMVIEW_VALUE_U16, N_("u16") },
  { SHMVIEW_VALUE_I16, N_("i16") },
  { SHMVIEW_VALUE_U32, N_("u32") },
  { SHMVIEW_VALUE_I32, N_("i32") },
  { SHMVIEW_VALUE_U64, N_("u64") },
  { SHMVIEW_VALUE_I64, N_("i64") },
  { SHMVIEW_VALUE_F32, N_("float") },
  { SHMVIEW_VALUE_F64, N_("double") },
  { SHMVIEW_VALUE_BINARY, N_("Binary") },
  { SHMVIEW_VALUE_OCTAL, N_("Octal") },
  { SHMVIEW_VALUE_CHAR, N_("Character") },
  { SHMVIEW_VALUE_UTF16, N_("UTF-16") },
  { SHMVIEW_VALUE_TIME_UTC, N_("time_t (UTC)") },
  { SHMVIEW_VALUE_TIME_LOCAL, N_("time_t (local)") },
  { SHMVIEW_VALUE_CSTRING, N_("C string") },
};

static void
cell_free (Cell *cell)
{
  g_free (cell->shown);
  g_free (cell);
}

void
shmview_inspector_set_error (ShmviewInspector *self,
                             const char       *message)
{
  g_return_if_fail (SHMVIEW_IS_INSPECTOR (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_cell_activate (GtkEntry *entry,
                  Cell     *cell)
{
  ShmviewInspector *self = cell->inspector;
  guint8 bytes[SHMVIEW_VALUE_MAX_SIZE];
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;
  gsize length;

  if (!self->has_offset)
    return;
  if (!shmview_value_parse (cell->type, cell->order, gtk_entry_get_text (entry), bytes, &length,
                            &error))
    {
      gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (entry)), "error");
      shmview_inspector_set_error (self, error->message);
      return;
    }

  data = g_bytes_new (bytes, length);
  g_signal_emit (self, signals[WRITE], 0, self->offset, data, &written);
  if (written)
    {
      gtk_style_context_remove_class (gtk_widget_get_style_context (GTK_WIDGET (entry)),
                                      "error");
      shmview_inspector_set_error (self, NULL);
      /* The next set_bytes shows the value as it now reads. */
      g_clear_pointer (&cell->shown, g_free);
    }
}

/* Esc or leaving the row gives up the edit: the live value shows again. */
static gboolean
on_cell_focus_out (GtkWidget     *widget,
                   GdkEventFocus *event,
                   Cell          *cell)
{
  if (cell->shown != NULL)
    gtk_entry_set_text (cell->entry, cell->shown);
  gtk_style_context_remove_class (gtk_widget_get_style_context (widget), "error");
  return GDK_EVENT_PROPAGATE;
}

static void
add_cell (ShmviewInspector *self,
          guint             row,
          guint             column,
          guint             width,
          ShmviewValueType  type,
          ShmviewByteOrder  order,
          const char       *label)
{
  Cell *cell = g_new0 (Cell, 1);
  g_autofree char *name = NULL;

  cell->inspector = self;
  cell->type = type;
  cell->order = order;
  cell->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_width_chars (cell->entry, 12);
  gtk_editable_set_editable (GTK_EDITABLE (cell->entry), shmview_value_type_is_editable (type));
  gtk_widget_set_hexpand (GTK_WIDGET (cell->entry), FALSE);
  gtk_widget_show (GTK_WIDGET (cell->entry));

  /* Translators: an inspector row's accessible name: "u32 LE", "float BE" */
  name = !shmview_value_type_has_order (type) ? g_strdup (label)
         : g_strdup_printf (order == SHMVIEW_BYTE_ORDER_BIG ? _("%s BE") : _("%s LE"), label);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (cell->entry)), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell->entry), name);

  g_signal_connect (cell->entry, "activate", G_CALLBACK (on_cell_activate), cell);
  g_signal_connect (cell->entry, "focus-out-event", G_CALLBACK (on_cell_focus_out), cell);
  gtk_grid_attach (self->grid, GTK_WIDGET (cell->entry), column, row, width, 1);
  g_ptr_array_add (self->cells, cell);
}

static void
build_rows (ShmviewInspector *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *label = _(rows[i].label);
      GtkWidget *caption = gtk_label_new (label);
      guint row = i + 1;

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_show (caption);
      gtk_grid_attach (self->grid, caption, 0, row, 1, 1);

      if (shmview_value_type_has_order (rows[i].type))
        {
          add_cell (self, row, 1, 1, rows[i].type, SHMVIEW_BYTE_ORDER_LITTLE, label);
          add_cell (self, row, 2, 1, rows[i].type, SHMVIEW_BYTE_ORDER_BIG, label);
        }
      else
        add_cell (self, row, 1, 2, rows[i].type, SHMVIEW_BYTE_ORDER_LITTLE, label);
    }
}

static void
show_cell (Cell     *cell,
           char     *text,
           gboolean  same_offset,
           gint64    now)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (cell->entry));
  gboolean editing = gtk_widget_has_focus (GTK_WIDGET (cell->entry)) &&
                     g_strcmp0 (gtk_entry_get_text (cell->entry), cell->shown) != 0 &&
                     cell->shown != NULL;

  if (same_offset && cell->shown != NULL && g_strcmp0 (text, cell->shown) != 0)
    cell->changed_at = now;
  else if (!same_offset)
    cell->changed_at = 0;

  /* Typing in a row is not interrupted by the live value. */
  if (!editing && g_strcmp0 (gtk_entry_get_text (cell->entry), text) != 0)
    gtk_entry_set_text (cell->entry, text);
  g_free (cell->shown);
  cell->shown = text;

  if (cell->changed_at != 0 && now - cell->changed_at < CHANGE_HIGHLIGHT_USEC)
    gtk_style_context_add_class (context, "shmview-value-changed");
  else
    gtk_style_context_remove_class (context, "shmview-value-changed");
}

void
shmview_inspector_set_bytes (ShmviewInspector *self,
                             guint64           offset,
                             const guint8     *data,
                             gsize             available)
{
  gboolean same_offset;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (SHMVIEW_IS_INSPECTOR (self));
  g_return_if_fail (data != NULL || available == 0);

  same_offset = self->has_offset && offset == self->offset;
  if (!same_offset)
    shmview_inspector_set_error (self, NULL);
  self->offset = offset;
  self->has_offset = TRUE;

  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);
      g_autoptr(GError) error = NULL;
      char *text = shmview_value_format (cell->type, cell->order, data, available, &error);

      if (text == NULL && g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE) &&
          available < shmview_value_type_get_size (cell->type))
        text = g_strdup (_("past the end"));
      else if (text == NULL)
        text = g_strdup (error->message);
      show_cell (cell, text, same_offset, now);
    }
}

static void
shmview_inspector_finalize (GObject *object)
{
  ShmviewInspector *self = SHMVIEW_INSPECTOR (object);

  g_clear_pointer (&self->cells, g_ptr_array_unref);
  G_OBJECT_CLASS (shmview_inspector_parent_class)->finalize (object);
}

static void
shmview_inspector_class_init (ShmviewInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shmview_inspector_finalize;

  /**
   * ShmviewInspector::write:
   * @offset: where the value goes
   * @bytes: exactly its bytes, in the row's order
   *
   * Returns: %TRUE when the handler wrote them.
   */
  signals[WRITE] =
    g_signal_new ("write", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_UINT64, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewInspector, grid);
  gtk_widget_class_bind_template_child (widget_class, ShmviewInspector, error_label);
  gtk_widget_class_set_css_name (widget_class, "shmview-inspector");
}

static void
shmview_inspector_init (ShmviewInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  build_rows (self);
}

GtkWidget *
shmview_inspector_new (void)
{
  return g_object_new (SHMVIEW_TYPE_INSPECTOR, NULL);
}
