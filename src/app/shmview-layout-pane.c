/* shmview-layout-pane.c: a C struct's fields over live memory, watches, graph, freeze
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane reads the placed type's bytes on every tick of its own timer (the
 * page's interval, stopped while paused), and then:
 *
 *   field tree   rows are made when their parent is expanded (an array of
 *                100,000 elements is folded in slices of 1,000), values are
 *                decoded in the cell data function, so only rows on screen
 *                are ever formatted; changed rows on screen light up and fade
 *   watch list   pinned fields: value, min, max, changes, a sparkline, and a
 *                sample per tick for the graph
 *   freeze       a frozen watch whose value another program changed is
 *                written back ("freeze-write"), as Cheat Engine does
 *
 * Edits and freezes are not written here: the page owns the region's write
 * path (undo history, read-only notice, own-write marks) and answers the
 * "write" and "freeze-write" signals.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-graph.h"
#include "shmview-hex-view.h"
#include "shmview-layout-dialog.h"
#include "shmview-layout-pane-private.h"
#include "shmview-layout-pane.h"
#include "shmview-layout.h"

/* Arrays longer than this are shown in slices of it. */
#define SLICE         1000
/* The largest placement read per tick: a struct, or an array of them, of
 * this size is read and compared whole (some 10 µs per MiB). */
#define MAX_PLACEMENT (64 * 1024 * 1024)
#define FADE_US       (1500 * 1000)
#define SPARK_LENGTH  24

typedef enum
{
  ROW_FIELD,        /* a field (or element) at an offset */
  ROW_SLICE,        /* elements first..last of an array (or of the placement) */
  ROW_PLACEHOLDER,  /* stands in for children not made yet */
} RowKind;

enum
{
  COL_KIND,
  COL_NAME,
  COL_TYPE,
  COL_OFFSET_TEXT,
  COL_SIZE_TEXT,
  COL_FIELD,        /* const ShmviewField *: the field, the array or element of a slice */
  COL_OFFSET,       /* guint64: from the placement's start */
  COL_PATH,
  COL_FIRST,        /* slices: first element */
  COL_LAST,         /* slices: last element */
  COL_CHANGED_AT,   /* gint64: monotonic time of the last change seen, 0 never */
  N_FIELD_COLUMNS
};

enum
{
  WATCH_COL_NAME,
  WATCH_COL_TYPE,
  WATCH_COL_VALUE,
  WATCH_COL_MIN,
  WATCH_COL_MAX,
  WATCH_COL_CHANGES,
  WATCH_COL_SPARK,
  WATCH_COL_FROZEN,
  WATCH_COL_WATCH,  /* Watch *, owned by self->watches */
  N_WATCH_COLUMNS
};

typedef struct
{
  char               *path;
  const ShmviewField *field;
  guint64             offset;       /* from the placement's start */
  char               *last_text;
  double              min, max;
  guint64             changes;
  double              spark[SPARK_LENGTH];
  guint               n_spark;
  guint               series;       /* graph series; 0 when not numeric */
  char               *frozen_text;  /* the value a freeze keeps; NULL when not frozen */
} Watch;

struct _ShmviewLayoutPane
{
  GtkBox parent_instance;

  /* template widgets */
  GtkStack         *stack;
  GtkLabel         *empty_label;
  GtkButton        *empty_choose_button;
  GtkLabel         *title_label;
  GtkLabel         *error_label;
  GtkTreeView      *field_view;
  GtkTreeViewColumn *value_column;
  GtkCellRenderer  *value_cell;
  GtkTreeStore     *field_store;
  GtkTreeView      *watch_view;
  GtkListStore     *watch_store;
  GtkComboBoxText  *span_combo;
  GtkToggleButton  *graph_pause_button;
  ShmviewGraph     *graph;

  /* owned */
  ShmviewRegion          *region;
  ShmviewLayout          *layout;
  ShmviewLayoutPlacement *placement;
  GByteArray             *bytes;       /* the placement's bytes as of the last tick */
  GByteArray             *next_bytes;  /* the buffer the next tick reads into */
  GPtrArray              *watches;     /* Watch */
  guint                   tick_id;
  guint                   interval;
  gboolean                paused;
  gint64                  fade_until;
};

G_DEFINE_FINAL_TYPE (ShmviewLayoutPane, shmview_layout_pane, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_PAUSED,
  N_PROPS
};

enum {
  WRITE,
  FREEZE_WRITE,
  SELECT_RANGE,
  PLACEMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_ticks (ShmviewLayoutPane *self);

/* ---- watches ---- */

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_free (watch->path);
  g_free (watch->last_text);
  g_free (watch->frozen_text);
  g_free (watch);
}

static const guint8 *
bytes_at (ShmviewLayoutPane *self,
          guint64            offset,
          guint64            size)
{
  if (self->bytes == NULL || offset > self->bytes->len || size > self->bytes->len - offset)
    return NULL;
  return self->bytes->data + offset;
}

/* "▁▃▅█": the last samples drawn in text, which every font has and a
 * screen reader reads as a shape. */
static char *
sparkline (const Watch *watch)
{
  static const char * const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < watch->n_spark; i++)
    {
      low = MIN (low, watch->spark[i]);
      high = MAX (high, watch->spark[i]);
    }
  for (guint i = 0; i < watch->n_spark; i++)
    {
      guint level = high > low ? (guint) ((watch->spark[i] - low) / (high - low) * 7.0 + 0.5) : 3;

      g_string_append (out, bars[MIN (level, 7)]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
find_watch_row (ShmviewLayoutPane *self,
                Watch             *watch,
                GtkTreeIter       *iter)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->watch_store);

  if (!gtk_tree_model_get_iter_first (model, iter))
    return FALSE;
  do
    {
      Watch *row_watch = NULL;

      gtk_tree_model_get (model, iter, WATCH_COL_WATCH, &row_watch, -1);
      if (row_watch == watch)
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, iter));
  return FALSE;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static void
show_watch (ShmviewLayoutPane *self,
            Watch             *watch)
{
  GtkTreeIter iter;
  g_autofree char *min = NULL, *max = NULL, *spark = NULL, *changes = NULL, *name = NULL;

  if (!find_watch_row (self, watch, &iter))
    return;
  if (watch->series != 0 && watch->n_spark > 0)
    {
      min = format_number (watch->min);
      max = format_number (watch->max);
      spark = sparkline (watch);
    }
  changes = g_strdup_printf ("%" G_GUINT64_FORMAT, watch->changes);
  /* A frozen watch says so in its name, not only in a checkbox. */
  name = watch->frozen_text != NULL ? g_strdup_printf (_("❄ %s (frozen)"), watch->path)
                                    : g_strdup (watch->path);
  gtk_list_store_set (self->watch_store, &iter,
                      WATCH_COL_NAME, name,
                      WATCH_COL_VALUE, watch->last_text != NULL ? watch->last_text : "",
                      WATCH_COL_MIN, min != NULL ? min : "",
                      WATCH_COL_MAX, max != NULL ? max : "",
                      WATCH_COL_CHANGES, changes,
                      WATCH_COL_SPARK, spark != NULL ? spark : "",
                      WATCH_COL_FROZEN, watch->frozen_text != NULL,
                      -1);
}

static void
sample_watch (ShmviewLayoutPane *self,
              Watch             *watch,
              gint64             now)
{
  const guint8 *data = bytes_at (self, watch->offset, watch->field->size);
  g_autofree char *text = NULL;

  if (data == NULL)
    return;
  text = shmview_field_format_value (watch->field, data);
  if (watch->last_text != NULL && strcmp (text, watch->last_text) != 0)
    watch->changes++;
  if (watch->series != 0)
    {
      double value = shmview_field_get_number (watch->field, data);

      watch->min = watch->n_spark == 0 ? value : MIN (watch->min, value);
      watch->max = watch->n_spark == 0 ? value : MAX (watch->max, value);
      if (watch->n_spark == SPARK_LENGTH)
        memmove (watch->spark, watch->spark + 1, sizeof watch->spark[0] * (SPARK_LENGTH - 1));
      else
        watch->n_spark++;
      watch->spark[watch->n_spark - 1] = value;
      shmview_graph_add_sample (self->graph, watch->series, now, value);
    }
  g_free (watch->last_text);
  watch->last_text = g_steal_pointer (&text);
  show_watch (self, watch);
}

/* A frozen watch whose value is not the frozen one any more gets it back. */
static void
enforce_freeze (ShmviewLayoutPane *self,
                Watch             *watch)
{
  const guint8 *data = bytes_at (self, watch->offset, watch->field->size);
  g_autofree guint8 *copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize n = 0;

  if (watch->frozen_text == NULL || data == NULL
      || g_strcmp0 (watch->last_text, watch->frozen_text) == 0)
    return;
  copy = g_memdup2 (data, watch->field->size);
  if (!shmview_field_parse_value (watch->field, watch->frozen_text, copy, &n, NULL))
    return;
  bytes = g_bytes_new (copy, n);
  g_signal_emit (self, signals[FREEZE_WRITE], 0,
                 self->placement->offset + watch->offset, bytes);
}

static void
clear_watches (ShmviewLayoutPane *self)
{
  gtk_list_store_clear (self->watch_store);
  g_ptr_array_set_size (self->watches, 0);
  shmview_graph_clear (self->graph);
}

/* ---- the field tree ---- */

static void
append_placeholder (ShmviewLayoutPane *self,
                    GtkTreeIter       *parent)
{
  GtkTreeIter child;

  gtk_tree_store_append (self->field_store, &child, parent);
  gtk_tree_store_set (self->field_store, &child, COL_KIND, ROW_PLACEHOLDER, COL_NAME, "…", -1);
}

static gboolean
has_children (const ShmviewField *field)
{
  return (field->kind == SHMVIEW_FIELD_STRUCT || field->kind == SHMVIEW_FIELD_UNION
          || field->kind == SHMVIEW_FIELD_ARRAY)
         && (field->kind != SHMVIEW_FIELD_ARRAY || field->count > 0);
}

static void
append_field_row (ShmviewLayoutPane  *self,
                  GtkTreeIter        *parent,
                  const ShmviewField *field,
                  const char         *name,
                  const char         *path,
                  guint64             offset)
{
  GtkTreeIter iter;
  guint64 absolute = self->placement->offset + offset;
  g_autofree char *offset_text = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", absolute);
  g_autofree char *size_text = NULL;

  size_text = field->bit_width > 0
              ? g_strdup_printf (ngettext ("%u bit", "%u bits", field->bit_width), field->bit_width)
              : g_strdup_printf ("%" G_GUINT64_FORMAT, field->size);
  gtk_tree_store_append (self->field_store, &iter, parent);
  gtk_tree_store_set (self->field_store, &iter,
                      COL_KIND, ROW_FIELD,
                      COL_NAME, name,
                      COL_TYPE, field->type_name,
                      COL_OFFSET_TEXT, offset_text,
                      COL_SIZE_TEXT, size_text,
                      COL_FIELD, field,
                      COL_OFFSET, offset,
                      COL_PATH, path,
                      -1);
  if (has_children (field))
    append_placeholder (self, &iter);
}

static char *
child_path (const char *parent,
            const char *name)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (name);
  return g_strconcat (parent, ".", name, NULL);
}

/* Members of a struct or union; an anonymous member's own members stand in its place. */
static void
append_members (ShmviewLayoutPane  *self,
                GtkTreeIter        *parent,
                const ShmviewField *record,
                const char         *path,
                guint64             offset)
{
  for (guint i = 0; i < record->children->len; i++)
    {
      const ShmviewField *member = record->children->pdata[i];
      g_autofree char *member_path = NULL;

      if (member->name[0] == '\0' && member->kind != SHMVIEW_FIELD_ARRAY
          && member->children != NULL)
        {
          append_members (self, parent, member, path, offset + member->offset);
          continue;
        }
      member_path = child_path (path, member->name);
      append_field_row (self, parent, member, member->name, member_path, offset + member->offset);
    }
}

/* Elements @first..@last of @element laid end to end from @offset. */
static void
append_elements (ShmviewLayoutPane  *self,
                 GtkTreeIter        *parent,
                 const ShmviewField *element,
                 const char         *path,
                 guint64             offset,
                 guint64             first,
                 guint64             last)
{
  for (guint64 i = first; i <= last; i++)
    {
      g_autofree char *name = g_strdup_printf ("[%" G_GUINT64_FORMAT "]", i);
      g_autofree char *element_path = g_strconcat (path != NULL ? path : "", name, NULL);

      append_field_row (self, parent, element, name, element_path,
                        offset + element->offset + i * element->size);
    }
}

static void
append_slices (ShmviewLayoutPane  *self,
               GtkTreeIter        *parent,
               const ShmviewField *element,
               const char         *path,
               guint64             offset,
               guint64             count)
{
  if (count <= SLICE)
    {
      append_elements (self, parent, element, path, offset, 0, count - 1);
      return;
    }
  for (guint64 first = 0; first < count; first += SLICE)
    {
      guint64 last = MIN (first + SLICE, count) - 1;
      g_autofree char *name = g_strdup_printf ("[%" G_GUINT64_FORMAT " … %" G_GUINT64_FORMAT "]",
                                               first, last);
      GtkTreeIter iter;

      gtk_tree_store_append (self->field_store, &iter, parent);
      gtk_tree_store_set (self->field_store, &iter,
                          COL_KIND, ROW_SLICE, COL_NAME, name, COL_FIELD, element,
                          COL_OFFSET, offset, COL_PATH, path != NULL ? path : "",
                          COL_FIRST, first, COL_LAST, last, -1);
      append_placeholder (self, &iter);
    }
}

/* Makes the children of @iter, the first time it is expanded. */
static void
populate_row (ShmviewLayoutPane *self,
              GtkTreeIter       *iter)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->field_store);
  GtkTreeIter child;
  RowKind kind = ROW_PLACEHOLDER, child_kind = ROW_FIELD;
  const ShmviewField *field = NULL;
  g_autofree char *path = NULL;
  guint64 offset = 0, first = 0, last = 0;

  if (!gtk_tree_model_iter_children (model, &child, iter))
    return;
  gtk_tree_model_get (model, &child, COL_KIND, &child_kind, -1);
  if (child_kind != ROW_PLACEHOLDER)
    return;
  gtk_tree_model_get (model, iter, COL_KIND, &kind, COL_FIELD, &field, COL_OFFSET, &offset,
                      COL_PATH, &path, COL_FIRST, &first, COL_LAST, &last, -1);
  if (kind == ROW_SLICE)
    append_elements (self, iter, field, path, offset, first, last);
  else if (field->kind == SHMVIEW_FIELD_ARRAY)
    append_slices (self, iter, field->children->pdata[0], path, offset, field->count);
  else
    append_members (self, iter, field, path, offset);
  gtk_tree_store_remove (self->field_store, &child);
}

static void
on_test_expand_row (ShmviewLayoutPane *self,
                    GtkTreeIter       *iter,
                    GtkTreePath       *path)
{
  populate_row (self, iter);
}

static void
fill_tree (ShmviewLayoutPane *self)
{
  const ShmviewField *root = shmview_layout_get_root (self->layout);

  gtk_tree_store_clear (self->field_store);
  if (self->placement->count > 1)
    append_slices (self, NULL, root, "", 0, self->placement->count);
  else if (root->kind == SHMVIEW_FIELD_STRUCT || root->kind == SHMVIEW_FIELD_UNION)
    append_members (self, NULL, root, "", 0);
  else if (root->kind == SHMVIEW_FIELD_ARRAY)
    append_slices (self, NULL, root->children->pdata[0], "", 0, root->count);
  else
    append_field_row (self, NULL, root, root->type_name, "", 0);
}

/* The value column: decoded here, so only rows on screen are ever formatted. */
static void
value_data_func (GtkTreeViewColumn *column,
                 GtkCellRenderer   *cell,
                 GtkTreeModel      *model,
                 GtkTreeIter       *iter,
                 gpointer           user_data)
{
  ShmviewLayoutPane *self = user_data;
  RowKind kind = ROW_PLACEHOLDER;
  const ShmviewField *field = NULL;
  guint64 offset = 0;
  gint64 changed_at = 0, now = g_get_monotonic_time ();
  g_autofree char *text = NULL;
  const guint8 *data;
  gboolean leaf;

  gtk_tree_model_get (model, iter, COL_KIND, &kind, COL_FIELD, &field, COL_OFFSET, &offset,
                      COL_CHANGED_AT, &changed_at, -1);
  leaf = kind == ROW_FIELD && field != NULL && !has_children (field);
  data = kind == ROW_FIELD && field != NULL ? bytes_at (self, offset, field->size) : NULL;
  if (kind != ROW_FIELD || field == NULL)
    text = g_strdup ("");
  else if (data == NULL)
    text = g_strdup (_("(past the end of the region)"));
  else if (field->kind == SHMVIEW_FIELD_ARRAY)
    text = g_strdup_printf ("[%" G_GUINT64_FORMAT "]", field->count);
  else if (!leaf)
    text = g_strdup ("{…}");
  else
    text = shmview_field_format_value (field, data);
  g_object_set (cell, "text", text,
                "editable", leaf && data != NULL && self->region != NULL
                            && !shmview_region_is_read_only (self->region),
                NULL);
  if (changed_at != 0 && now - changed_at < FADE_US)
    {
      GdkRGBA tint = { 1.0, 0.76, 0.03, 0.65 * (1.0 - (double) (now - changed_at) / FADE_US) };

      g_object_set (cell, "cell-background-rgba", &tint, NULL);
    }
  else
    g_object_set (cell, "cell-background-set", FALSE, NULL);
}

static gboolean
next_visible_row (GtkTreeView *view,
                  GtkTreePath *path)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtkTreeIter iter;

  if (gtk_tree_view_row_expanded (view, path))
    {
      gtk_tree_path_down (path);
      return TRUE;
    }
  for (;;)
    {
      gtk_tree_path_next (path);
      if (gtk_tree_model_get_iter (model, &iter, path))
        return TRUE;
      if (gtk_tree_path_get_depth (path) <= 1 || !gtk_tree_path_up (path))
        return FALSE;
    }
}

/* Lights up the rows on screen whose bytes differ between @old and the new bytes. */
static gboolean
mark_visible_changes (ShmviewLayoutPane *self,
                      const guint8      *old,
                      gsize              old_len)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->field_store);
  g_autoptr(GtkTreePath) start = NULL, end = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean any = FALSE;

  if (!gtk_tree_view_get_visible_range (self->field_view, &start, &end))
    return FALSE;
  do
    {
      GtkTreeIter iter;
      RowKind kind = ROW_PLACEHOLDER;
      const ShmviewField *field = NULL;
      guint64 offset = 0;

      if (!gtk_tree_model_get_iter (model, &iter, start))
        break;
      gtk_tree_model_get (model, &iter, COL_KIND, &kind, COL_FIELD, &field, COL_OFFSET, &offset,
                          -1);
      if (kind == ROW_FIELD && field != NULL && offset + field->size <= old_len
          && bytes_at (self, offset, field->size) != NULL
          && memcmp (old + offset, self->bytes->data + offset, field->size) != 0)
        {
          gtk_tree_store_set (self->field_store, &iter, COL_CHANGED_AT, now, -1);
          any = TRUE;
        }
    }
  while (gtk_tree_path_compare (start, end) < 0 && next_visible_row (self->field_view, start));
  return any;
}

/* ---- one tick ---- */

static void
show_error (ShmviewLayoutPane *self,
            const char        *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static guint64
placement_length (ShmviewLayoutPane *self)
{
  return shmview_layout_get_size (self->layout) * self->placement->count;
}

/* Reads the placement into next_bytes and makes it current; FALSE when it
 * could not be read (shrunk, removed). */
static gboolean
read_placement (ShmviewLayoutPane  *self,
                gboolean           *changed)
{
  g_autoptr(GError) error = NULL;
  guint64 length = placement_length (self);
  GByteArray *old;

  g_byte_array_set_size (self->next_bytes, (guint) length);
  if (!shmview_region_read (self->region, self->placement->offset, self->next_bytes->data,
                            length, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  *changed = self->bytes->len != length
             || memcmp (self->bytes->data, self->next_bytes->data, length) != 0;
  old = self->bytes;
  self->bytes = self->next_bytes;
  self->next_bytes = old;
  return TRUE;
}

/**
 * shmview_layout_pane_refresh:
 * @self: a pane
 *
 * One tick: reads the placement, lights up changed rows on screen, samples
 * every watch and enforces freezes. Called by the pane's own timer; public
 * for tests and for a refresh right after an edit.
 */
void
shmview_layout_pane_refresh (ShmviewLayoutPane *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean changed = FALSE;

  g_return_if_fail (SHMVIEW_IS_LAYOUT_PANE (self));

  if (self->layout == NULL || self->region == NULL || !read_placement (self, &changed))
    return;
  if (changed && mark_visible_changes (self, self->next_bytes->data, self->next_bytes->len))
    self->fade_until = now + FADE_US;
  if (changed || now < self->fade_until + (gint64) self->interval * 1000)
    gtk_widget_queue_draw (GTK_WIDGET (self->field_view));
  for (guint i = 0; i < self->watches->len; i++)
    sample_watch (self, self->watches->pdata[i], now);
  for (guint i = 0; i < self->watches->len; i++)
    enforce_freeze (self, self->watches->pdata[i]);
}

static gboolean
on_tick (gpointer user_data)
{
  ShmviewLayoutPane *self = user_data;

  /* A hidden pane only works for its freezes. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || shmview_layout_pane_has_frozen (self))
    shmview_layout_pane_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule_ticks (ShmviewLayoutPane *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->paused || self->layout == NULL || self->interval == 0)
    return;
  self->tick_id = g_timeout_add (self->interval, on_tick, self);
}

/* ---- editing, selecting, pinning ---- */

static gboolean
row_at (ShmviewLayoutPane   *self,
        const char          *path_text,
        GtkTreeIter         *iter,
        const ShmviewField **field,
        guint64             *offset)
{
  RowKind kind = ROW_PLACEHOLDER;

  if (!gtk_tree_model_get_iter_from_string (GTK_TREE_MODEL (self->field_store), iter, path_text))
    return FALSE;
  gtk_tree_model_get (GTK_TREE_MODEL (self->field_store), iter, COL_KIND, &kind,
                      COL_FIELD, field, COL_OFFSET, offset, -1);
  return kind == ROW_FIELD && *field != NULL && !has_children (*field);
}

static void
on_value_edited (ShmviewLayoutPane *self,
                 const char        *path_text,
                 const char        *new_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  const ShmviewField *field = NULL;
  const guint8 *data;
  GtkTreeIter iter;
  guint64 offset = 0;
  gboolean written = FALSE;
  gsize n = 0;

  if (!row_at (self, path_text, &iter, &field, &offset)
      || (data = bytes_at (self, offset, field->size)) == NULL)
    return;
  copy = g_memdup2 (data, field->size);
  if (!shmview_field_parse_value (field, new_text, copy, &n, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  bytes = g_bytes_new (copy, n);
  g_signal_emit (self, signals[WRITE], 0, self->placement->offset + offset, bytes, &written);
  if (written)
    shmview_layout_pane_refresh (self);
}

static void
on_field_selection_changed (ShmviewLayoutPane *self,
                            GtkTreeSelection  *selection)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  RowKind kind = ROW_PLACEHOLDER;
  const ShmviewField *field = NULL;
  guint64 offset = 0;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, COL_KIND, &kind, COL_FIELD, &field, COL_OFFSET, &offset, -1);
  if (kind == ROW_FIELD && field != NULL && field->size > 0)
    g_signal_emit (self, signals[SELECT_RANGE], 0, self->placement->offset + offset, field->size);
}

static Watch *
pin (ShmviewLayoutPane  *self,
     const ShmviewField *field,
     const char         *path,
     guint64             offset)
{
  Watch *watch = g_new0 (Watch, 1);
  GtkTreeIter iter;

  watch->path = g_strdup (path[0] != '\0' ? path : field->type_name);
  watch->field = field;
  watch->offset = offset;
  if (shmview_field_is_numeric (field))
    watch->series = shmview_graph_add_series (self->graph, watch->path);
  g_ptr_array_add (self->watches, watch);
  gtk_list_store_append (self->watch_store, &iter);
  gtk_list_store_set (self->watch_store, &iter, WATCH_COL_NAME, watch->path,
                      WATCH_COL_TYPE, field->type_name, WATCH_COL_WATCH, watch, -1);
  sample_watch (self, watch, g_get_monotonic_time ());
  return watch;
}

static void
on_pin_clicked (ShmviewLayoutPane *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->field_view);
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autoptr(GtkTreePath) tree_path = NULL;
  g_autofree char *path_text = NULL, *path = NULL;
  const ShmviewField *field = NULL;
  guint64 offset = 0;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    {
      show_error (self, _("Select a field to pin first"));
      return;
    }
  tree_path = gtk_tree_model_get_path (model, &iter);
  path_text = gtk_tree_path_to_string (tree_path);
  if (!row_at (self, path_text, &iter, &field, &offset))
    {
      show_error (self, _("Only a field with one value can be pinned (not a struct or array)"));
      return;
    }
  show_error (self, NULL);
  gtk_tree_model_get (model, &iter, COL_PATH, &path, -1);
  pin (self, field, path, offset);
}

static Watch *
selected_watch (ShmviewLayoutPane *self,
                GtkTreeIter       *iter)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->watch_view);
  GtkTreeModel *model;
  Watch *watch = NULL;

  if (!gtk_tree_selection_get_selected (selection, &model, iter))
    return NULL;
  gtk_tree_model_get (model, iter, WATCH_COL_WATCH, &watch, -1);
  return watch;
}

static void
on_unpin_clicked (ShmviewLayoutPane *self)
{
  GtkTreeIter iter;
  Watch *watch = selected_watch (self, &iter);

  if (watch == NULL)
    return;
  if (watch->series != 0)
    shmview_graph_remove_series (self->graph, watch->series);
  gtk_list_store_remove (self->watch_store, &iter);
  g_ptr_array_remove (self->watches, watch);
}

static void
set_frozen (ShmviewLayoutPane *self,
            Watch             *watch,
            gboolean           frozen)
{
  g_clear_pointer (&watch->frozen_text, g_free);
  if (frozen)
    watch->frozen_text = g_strdup (watch->last_text);
  show_watch (self, watch);
  schedule_ticks (self);
  g_signal_emit (self, signals[PLACEMENT_CHANGED], 0);
}

static void
on_frozen_toggled (ShmviewLayoutPane *self,
                   const char        *path_text)
{
  GtkTreeIter iter;
  Watch *watch = NULL;

  if (!gtk_tree_model_get_iter_from_string (GTK_TREE_MODEL (self->watch_store), &iter, path_text))
    return;
  gtk_tree_model_get (GTK_TREE_MODEL (self->watch_store), &iter, WATCH_COL_WATCH, &watch, -1);
  if (watch != NULL && watch->last_text != NULL)
    set_frozen (self, watch, watch->frozen_text == NULL);
}

static void
on_freeze_clicked (ShmviewLayoutPane *self)
{
  GtkTreeIter iter;
  Watch *watch = selected_watch (self, &iter);

  if (watch == NULL)
    show_error (self, _("Select a watch to freeze first"));
  else if (watch->last_text != NULL)
    set_frozen (self, watch, watch->frozen_text == NULL);
}

static void
on_span_changed (ShmviewLayoutPane *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->span_combo));

  if (id != NULL)
    shmview_graph_set_span (self->graph, (guint) g_ascii_strtoull (id, NULL, 10));
}

static void
on_graph_pause_toggled (ShmviewLayoutPane *self)
{
  shmview_graph_set_paused (self->graph, gtk_toggle_button_get_active (self->graph_pause_button));
}

static void
on_export_response (GtkNativeDialog   *chooser,
                    int                response,
                    ShmviewLayoutPane *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      csv = shmview_graph_dup_csv (self->graph);
      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        show_error (self, error->message);
    }
  g_object_unref (chooser);
}

static void
on_export_clicked (ShmviewLayoutPane *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Samples"),
                                         GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "samples.csv");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the header and the type ---- */

static void
on_dialog_response (GtkDialog         *dialog,
                    int                response,
                    ShmviewLayoutPane *self)
{
  g_autoptr(ShmviewLayoutPlacement) placement = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  placement = shmview_layout_dialog_dup_placement (SHMVIEW_LAYOUT_DIALOG (dialog));
  if (placement != NULL && !shmview_layout_pane_apply (self, placement, &error))
    {
      shmview_layout_dialog_show_error (SHMVIEW_LAYOUT_DIALOG (dialog), error->message);
      return;
    }
  if (placement != NULL)
    {
      g_autofree char *spec = shmview_region_dup_spec_string (self->region);
      g_autoptr(GError) store_error = NULL;

      if (!shmview_layout_store_remember (spec, placement, &store_error))
        show_error (self, store_error->message);
      gtk_widget_destroy (GTK_WIDGET (dialog));
    }
}

/**
 * shmview_layout_pane_choose:
 * @self: a pane
 *
 * Opens the dialog that picks a header, a type and where it lies.
 */
void
shmview_layout_pane_choose (ShmviewLayoutPane *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_if_fail (SHMVIEW_IS_LAYOUT_PANE (self));

  dialog = shmview_layout_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                      self->placement);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  gtk_widget_show (dialog);
}

static char *
describe_placement (ShmviewLayoutPane *self)
{
  g_autofree char *header = g_path_get_basename (self->placement->header);
  g_autofree char *offset = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", self->placement->offset);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->placement->count);

  if (self->placement->count > 1)
    /* Translators: "16 × struct shared from shared.h at 0x40" */
    return g_strdup_printf (_("%1$s × %2$s from %3$s at %4$s"), count,
                            self->placement->type_name, header, offset);
  /* Translators: "struct shared from shared.h at 0x0" */
  return g_strdup_printf (_("%1$s from %2$s at %3$s"), self->placement->type_name, header, offset);
}

/**
 * shmview_layout_pane_apply:
 * @self: a pane
 * @placement: the header, type, offset and count
 * @error: return location for a #GError: the header's errors (clang's
 *   file:line:column lines), an unknown type, a placement too large
 *
 * Reads the header and shows the type's fields; watches of the previous
 * layout go.
 */
gboolean
shmview_layout_pane_apply (ShmviewLayoutPane             *self,
                           const ShmviewLayoutPlacement  *placement,
                           GError                       **error)
{
  g_autoptr(ShmviewLayout) layout = NULL;
  g_autofree char *title = NULL;
  guint64 size;

  g_return_val_if_fail (SHMVIEW_IS_LAYOUT_PANE (self), FALSE);
  g_return_val_if_fail (placement != NULL, FALSE);

  layout = shmview_layout_parse_file (placement->header, placement->type_name,
                                      (const char * const *) placement->clang_args, error);
  if (layout == NULL)
    return FALSE;
  size = shmview_layout_get_size (layout);
  if (size == 0 || placement->count > MAX_PLACEMENT / size)
    {
      g_autofree char *bytes = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

      /* Translators: "struct shared takes 192 bytes: …" */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s takes %s bytes: a placement of it may take up to 64 MiB"),
                   placement->type_name, bytes);
      return FALSE;
    }
  clear_watches (self);
  g_clear_pointer (&self->layout, shmview_layout_unref);
  g_clear_pointer (&self->placement, shmview_layout_placement_free);
  self->layout = g_steal_pointer (&layout);
  self->placement = shmview_layout_placement_copy (placement);
  g_byte_array_set_size (self->bytes, 0);
  fill_tree (self);
  title = describe_placement (self);
  gtk_label_set_text (self->title_label, title);
  gtk_stack_set_visible_child_name (self->stack, "layout");
  show_error (self, NULL);
  shmview_layout_pane_refresh (self);
  schedule_ticks (self);
  g_signal_emit (self, signals[PLACEMENT_CHANGED], 0);
  return TRUE;
}

const ShmviewLayoutPlacement *
shmview_layout_pane_get_placement (ShmviewLayoutPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_LAYOUT_PANE (self), NULL);

  return self->placement;
}

typedef struct
{
  guint64  offset;
  char    *path;
} FieldSearch;

static gboolean
find_leaf_at (const ShmviewLeaf *leaf,
              gpointer           user_data)
{
  FieldSearch *search = user_data;

  if (search->offset < leaf->offset || search->offset >= leaf->offset + leaf->field->size)
    return leaf->offset <= search->offset;  /* leaves come in memory order: past it, stop */
  search->path = g_strdup (leaf->path);
  return FALSE;
}

/**
 * shmview_layout_pane_dup_field_at:
 * @self: a pane
 * @offset: an offset in the region
 *
 * Returns: (transfer full) (nullable): the path of the field holding the
 *   byte at @offset ("pts[1].y"), for the status line
 */
char *
shmview_layout_pane_dup_field_at (ShmviewLayoutPane *self,
                                  guint64            offset)
{
  FieldSearch search = { 0, NULL };

  g_return_val_if_fail (SHMVIEW_IS_LAYOUT_PANE (self), NULL);

  if (self->layout == NULL || offset < self->placement->offset
      || offset - self->placement->offset >= placement_length (self))
    return NULL;
  search.offset = offset - self->placement->offset;
  shmview_layout_foreach_leaf (self->layout, self->placement->count, find_leaf_at, &search);
  return search.path;
}

typedef struct
{
  guint64  start;   /* the window, from the placement's start */
  guint64  end;
  GArray  *tints;
  guint64  base;    /* the placement's offset in the region */
  guint    n;
} TintWalk;

static gboolean
tint_leaf (const ShmviewLeaf *leaf,
           gpointer           user_data)
{
  /* Alternate two faint shades, so neighbouring fields read apart. */
  static const GdkRGBA shades[] = { { 0.21, 0.52, 0.89, 0.10 }, { 0.21, 0.52, 0.89, 0.20 } };
  TintWalk *walk = user_data;
  ShmviewHexTint tint;

  if (leaf->offset >= walk->end)
    return FALSE;
  if (leaf->offset + leaf->field->size > walk->start && leaf->field->size > 0)
    {
      tint.offset = walk->base + leaf->offset;
      tint.length = leaf->field->size;
      tint.color = shades[walk->n++ % 2];
      g_array_append_val (walk->tints, tint);
    }
  return TRUE;
}

/**
 * shmview_layout_pane_collect_tints:
 * @self: a pane
 * @offset: the start of the rows on screen, in the region
 * @length: their length
 * @tints: (element-type ShmviewHexTint): where to append
 *
 * The colours for the hex view: each field on screen in one of two faint
 * shades, frozen watches in a strong one.
 */
void
shmview_layout_pane_collect_tints (ShmviewLayoutPane *self,
                                   guint64            offset,
                                   guint64            length,
                                   GArray            *tints)
{
  static const GdkRGBA frozen = { 0.10, 0.45, 0.95, 0.55 };
  TintWalk walk = { 0, 0, tints, 0, 0 };

  g_return_if_fail (SHMVIEW_IS_LAYOUT_PANE (self));

  if (self->layout == NULL || offset + length <= self->placement->offset)
    return;
  walk.base = self->placement->offset;
  walk.start = offset > walk.base ? offset - walk.base : 0;
  walk.end = offset + length - walk.base;
  shmview_layout_foreach_leaf (self->layout, self->placement->count, tint_leaf, &walk);
  for (guint i = 0; i < self->watches->len; i++)
    {
      Watch *watch = self->watches->pdata[i];
      ShmviewHexTint tint = { walk.base + watch->offset, watch->field->size, frozen };

      if (watch->frozen_text != NULL)
        g_array_append_val (tints, tint);
    }
}

gboolean
shmview_layout_pane_has_frozen (ShmviewLayoutPane *self)
{
  g_return_val_if_fail (SHMVIEW_IS_LAYOUT_PANE (self), FALSE);

  for (guint i = 0; i < self->watches->len; i++)
    if (((Watch *) self->watches->pdata[i])->frozen_text != NULL)
      return TRUE;
  return FALSE;
}

void
shmview_layout_pane_set_region (ShmviewLayoutPane *self,
                                ShmviewRegion     *region)
{
  g_return_if_fail (SHMVIEW_IS_LAYOUT_PANE (self));

  g_set_object (&self->region, region);
}

/* ---- for the tests ---- */

GtkTreeView *
_shmview_layout_pane_get_field_view (ShmviewLayoutPane *self)
{
  return self->field_view;
}

GtkTreeModel *
_shmview_layout_pane_get_watch_model (ShmviewLayoutPane *self)
{
  return GTK_TREE_MODEL (self->watch_store);
}

ShmviewGraph *
_shmview_layout_pane_get_graph (ShmviewLayoutPane *self)
{
  return self->graph;
}

const char *
_shmview_layout_pane_get_error (ShmviewLayoutPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/* Pins the leaf @path (as the layout walks it); FALSE when there is none. */
gboolean
_shmview_layout_pane_pin_path (ShmviewLayoutPane *self,
                               const char        *path)
{
  const ShmviewField *field = NULL;
  guint64 offset = 0;

  if (!shmview_layout_lookup (self->layout, path, &field, &offset, NULL))
    return FALSE;
  pin (self, field, path, offset);
  return TRUE;
}

void
_shmview_layout_pane_set_frozen (ShmviewLayoutPane *self,
                                 guint              index,
                                 gboolean           frozen)
{
  g_return_if_fail (index < self->watches->len);

  set_frozen (self, self->watches->pdata[index], frozen);
}

/* ---- GObject ---- */

static void
shmview_layout_pane_dispose (GObject *object)
{
  ShmviewLayoutPane *self = SHMVIEW_LAYOUT_PANE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->region);
  G_OBJECT_CLASS (shmview_layout_pane_parent_class)->dispose (object);
}

static void
shmview_layout_pane_finalize (GObject *object)
{
  ShmviewLayoutPane *self = SHMVIEW_LAYOUT_PANE (object);

  g_clear_pointer (&self->watches, g_ptr_array_unref);
  g_clear_pointer (&self->layout, shmview_layout_unref);
  g_clear_pointer (&self->placement, shmview_layout_placement_free);
  g_clear_pointer (&self->bytes, g_byte_array_unref);
  g_clear_pointer (&self->next_bytes, g_byte_array_unref);
  G_OBJECT_CLASS (shmview_layout_pane_parent_class)->finalize (object);
}

static void
shmview_layout_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShmviewLayoutPane *self = SHMVIEW_LAYOUT_PANE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_layout_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShmviewLayoutPane *self = SHMVIEW_LAYOUT_PANE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      if (self->interval == g_value_get_uint (value))
        return;
      self->interval = g_value_get_uint (value);
      break;
    case PROP_PAUSED:
      if (self->paused == g_value_get_boolean (value))
        return;
      self->paused = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  schedule_ticks (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
shmview_layout_pane_class_init (ShmviewLayoutPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_layout_pane_dispose;
  object_class->finalize = shmview_layout_pane_finalize;
  object_class->get_property = shmview_layout_pane_get_property;
  object_class->set_property = shmview_layout_pane_set_property;

  /**
   * ShmviewLayoutPane:interval:
   *
   * Milliseconds between ticks (the page's refresh interval).
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 100,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * ShmviewLayoutPane:paused:
   *
   * No ticks while paused: values stand still and freezes stop.
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShmviewLayoutPane::write:
   * @offset: where in the region
   * @bytes: a field's new bytes, checked for its type
   *
   * An edit in the field tree. Returns: %TRUE when written
   */
  signals[WRITE] =
    g_signal_new ("write", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_UINT64, G_TYPE_BYTES);
  /**
   * ShmviewLayoutPane::freeze-write:
   * @offset: where in the region
   * @bytes: a frozen field's value, to be written back
   */
  signals[FREEZE_WRITE] =
    g_signal_new ("freeze-write", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_BYTES);
  /**
   * ShmviewLayoutPane::select-range:
   * @offset: where the selected field starts in the region
   * @length: its size
   */
  signals[SELECT_RANGE] =
    g_signal_new ("select-range", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);

  /**
   * ShmviewLayoutPane::placement-changed:
   *
   * A layout was applied, or a watch frozen or thawed: what the hex view
   * tints changed.
   */
  signals[PLACEMENT_CHANGED] =
    g_signal_new ("placement-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SHMVIEW_TYPE_GRAPH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-layout-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, empty_choose_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, field_view);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, field_store);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, value_column);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, value_cell);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, watch_view);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, watch_store);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, span_combo);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, graph_pause_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewLayoutPane, graph);
  gtk_widget_class_bind_template_callback (widget_class, on_test_expand_row);
  gtk_widget_class_bind_template_callback (widget_class, on_value_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_field_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_unpin_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_frozen_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_freeze_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_span_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_graph_pause_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, shmview_layout_pane_choose);
}

static void
set_up_empty_state (ShmviewLayoutPane *self)
{
  if (shmview_layout_clang_available ())
    return;
  /* Not a broken button: a note saying why there is none. */
  gtk_label_set_text (self->empty_label,
                      _("This build of shmview cannot read C headers: it was built without "
                        "libclang (Debian: libclang-dev, then rebuild)."));
  gtk_widget_hide (GTK_WIDGET (self->empty_choose_button));
}

static void
shmview_layout_pane_init (ShmviewLayoutPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watches = g_ptr_array_new_with_free_func (watch_free);
  self->bytes = g_byte_array_new ();
  self->next_bytes = g_byte_array_new ();
  self->interval = 100;
  gtk_tree_view_column_set_cell_data_func (self->value_column, self->value_cell,
                                           value_data_func, self, NULL);
  set_up_empty_state (self);
}

GtkWidget *
shmview_layout_pane_new (void)
{
  return g_object_new (SHMVIEW_TYPE_LAYOUT_PANE, NULL);
}
