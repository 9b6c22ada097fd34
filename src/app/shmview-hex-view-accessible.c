/* shmview-hex-view-accessible.c: the hex view as ATK text
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is built here from the view's loaded bytes, `hexdump -C` rows of
 * 16 bytes whatever the view's row width. It is rebuilt when the view says
 * the visible bytes or rows changed, and the change is announced only when
 * the text really differs, so an unchanged region costs a screen reader
 * nothing. The text is ASCII (hexdump prints '.' for anything else), so
 * character and byte offsets are the same. Each row's first character and
 * offset are kept beside the text: the caret maps to a character and back
 * through them and shmview-hex-layout.c, never by parsing the text.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-format.h"
#include "shmview-hex-layout.h"
#include "shmview-hex-view-accessible.h"
#include "shmview-hex-view-private.h"

struct _ShmviewHexViewAccessible
{
  GtkWidgetAccessible parent_instance;

  /* owned */
  char   *text;
  char   *description;
  GArray *rows;     /* DumpRow, one per line of @text */

  int   length;
  int   caret;      /* character offset, -1 when the caret is off screen */
};

/* One line of the text: where it starts and which bytes it shows. */
typedef struct
{
  int     start;
  guint64 offset;
  guint   n;
} DumpRow;

static void shmview_hex_view_accessible_text_init (AtkTextIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShmviewHexViewAccessible, shmview_hex_view_accessible,
                               GTK_TYPE_WIDGET_ACCESSIBLE,
                               G_IMPLEMENT_INTERFACE (ATK_TYPE_TEXT,
                                                      shmview_hex_view_accessible_text_init))

static ShmviewHexView *
get_view (ShmviewHexViewAccessible *self)
{
  GtkWidget *widget = gtk_accessible_get_widget (GTK_ACCESSIBLE (self));

  return widget != NULL ? SHMVIEW_HEX_VIEW (widget) : NULL;
}

char *
_shmview_hex_view_accessible_build_text (ShmviewHexView *view,
                                         GArray         *rows)
{
  GString *text = g_string_new (NULL);
  guint64 offset, length;

  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (view), NULL);

  shmview_hex_view_get_visible_range (view, &offset, &length);
  for (guint64 off = offset; off < offset + length; off += SHMVIEW_HEX_DUMP_ROW)
    {
      guint8 bytes[SHMVIEW_HEX_DUMP_ROW];
      char out[SHMVIEW_HEX_ROW_MAX];
      DumpRow row;
      gsize n;

      /* A row of hexdump text needs its bytes; it stops at the first missing one. */
      n = _shmview_hex_view_get_loaded (view, off, bytes, MIN (SHMVIEW_HEX_DUMP_ROW, offset + length - off));
      if (n == 0)
        continue;
      row = (DumpRow) { (int) text->len, off, (guint) n };
      if (rows != NULL)
        g_array_append_val (rows, row);
      g_string_append_len (text, out, shmview_format_hex_row (out, off, bytes, n));
    }
  return g_string_free (text, FALSE);
}

/* The character of the caret's byte in the text, or -1 when it is not shown. */
static int
caret_char (ShmviewHexViewAccessible *self,
            ShmviewHexView           *view)
{
  guint64 cursor = shmview_hex_view_get_cursor (view);
  ShmviewHexLayoutColumn column = (ShmviewHexLayoutColumn) shmview_hex_view_get_column (view);

  for (guint r = 0; r < self->rows->len; r++)
    {
      const DumpRow *row = &g_array_index (self->rows, DumpRow, r);

      if (cursor >= row->offset && cursor < row->offset + row->n)
        return row->start + (int) shmview_hex_dump_char (row->offset, cursor - row->offset, column);
    }
  return -1;
}

/* Rebuilds the text, its rows and the caret position. */
static void
rebuild (ShmviewHexViewAccessible  *self,
         ShmviewHexView            *view,
         char                     **text,
         int                       *caret)
{
  g_array_set_size (self->rows, 0);
  *text = _shmview_hex_view_accessible_build_text (view, self->rows);
  *caret = caret_char (self, view);
}

static char *
describe_caret (ShmviewHexView *view)
{
  guint64 cursor = shmview_hex_view_get_cursor (view);
  g_autofree char *hex = NULL;
  g_autofree char *dec = NULL;

  if (shmview_hex_view_get_region_size (view) == 0)
    return g_strdup (_("Empty region"));
  hex = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", cursor);
  dec = g_strdup_printf ("%" G_GUINT64_FORMAT, cursor);
  /* TRANSLATORS: the offset in hexadecimal (0x10), then in decimal (16) */
  return g_strdup_printf (_("Caret at offset %s (%s)"), hex, dec);
}

/* Rebuilds the text and the caret and announces what changed: the text only
 * when it differs, the caret only when it moved. */
static void
refresh (ShmviewHexViewAccessible *self)
{
  ShmviewHexView *view = get_view (self);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  int caret;

  if (view == NULL)
    return;

  rebuild (self, view, &text, &caret);
  if (g_strcmp0 (text, self->text) != 0)
    {
      g_autofree char *old = g_steal_pointer (&self->text);
      int old_length = self->length;

      self->text = g_steal_pointer (&text);
      self->length = (int) strlen (self->text);
      if (old_length > 0)
        g_signal_emit_by_name (self, "text-remove", 0, old_length, old);
      if (self->length > 0)
        g_signal_emit_by_name (self, "text-insert", 0, self->length, self->text);
      g_signal_emit_by_name (self, "visible-data-changed");
    }

  if (caret != self->caret)
    {
      self->caret = caret;
      if (caret >= 0)
        g_signal_emit_by_name (self, "text-caret-moved", caret);
    }

  description = describe_caret (view);
  if (g_strcmp0 (description, self->description) != 0)
    {
      g_free (self->description);
      self->description = g_steal_pointer (&description);
      g_object_notify (G_OBJECT (self), "accessible-description");
    }
}

void
_shmview_hex_view_accessible_refresh (ShmviewHexViewAccessible *self)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW_ACCESSIBLE (self));
  refresh (self);
}

/* ------------------------------------------------------------------ */
/* AtkText                                                            */

static int
clamp_offset (ShmviewHexViewAccessible *self,
              int                       offset)
{
  if (offset < 0 || offset > self->length)
    return self->length;
  return offset;
}

static char *
accessible_get_text (AtkText *text,
                     int      start,
                     int      end)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (text);

  start = clamp_offset (self, start);
  end = clamp_offset (self, end);
  if (end < start)
    end = start;
  return g_strndup (self->text != NULL ? self->text + start : "", end - start);
}

static int
accessible_get_character_count (AtkText *text)
{
  return SHMVIEW_HEX_VIEW_ACCESSIBLE (text)->length;
}

static int
accessible_get_caret_offset (AtkText *text)
{
  return SHMVIEW_HEX_VIEW_ACCESSIBLE (text)->caret;
}

static gboolean
accessible_set_caret_offset (AtkText *text,
                             int      offset)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (text);
  ShmviewHexView *view = get_view (self);

  guint lo = 0, hi;

  if (view == NULL || offset < 0 || offset >= self->length)
    return FALSE;

  /* the last row starting at or before @offset */
  hi = self->rows->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->rows, DumpRow, mid).start <= offset)
        lo = mid;
      else
        hi = mid;
    }
  if (self->rows->len == 0)
    return FALSE;
  {
    const DumpRow *row = &g_array_index (self->rows, DumpRow, lo);
    ShmviewHexLayoutColumn column;
    guint i;

    if (!shmview_hex_dump_hit (row->offset, row->n, (guint) (offset - row->start), &i, &column))
      return FALSE;
    shmview_hex_view_set_column (view, (ShmviewHexViewColumn) column);
    shmview_hex_view_set_cursor (view, row->offset + i);
  }
  return TRUE;
}

static gunichar
accessible_get_character_at_offset (AtkText *text,
                                    int      offset)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (text);

  if (self->text == NULL || offset < 0 || offset >= self->length)
    return 0;
  return (guchar) self->text[offset];
}

/* [start, end) of the line, word or character around @offset. */
static void
find_unit (ShmviewHexViewAccessible *self,
           AtkTextGranularity        granularity,
           int                       offset,
           int                      *start,
           int                      *end)
{
  const char *t = self->text != NULL ? self->text : "";
  int s = CLAMP (offset, 0, self->length), e = s;

  switch (granularity)
    {
    case ATK_TEXT_GRANULARITY_CHAR:
      e = MIN (s + 1, self->length);
      break;
    case ATK_TEXT_GRANULARITY_WORD:
      while (s > 0 && t[s - 1] != ' ' && t[s - 1] != '\n')
        s--;
      while (e < self->length && t[e] != ' ' && t[e] != '\n')
        e++;
      break;
    case ATK_TEXT_GRANULARITY_LINE:
    case ATK_TEXT_GRANULARITY_SENTENCE:
    case ATK_TEXT_GRANULARITY_PARAGRAPH:
    default:
      while (s > 0 && t[s - 1] != '\n')
        s--;
      while (e < self->length && t[e] != '\n')
        e++;
      if (e < self->length)
        e++;
      break;
    }
  *start = s;
  *end = e;
}

static char *
accessible_get_string_at_offset (AtkText            *text,
                                 int                 offset,
                                 AtkTextGranularity  granularity,
                                 int                *start_offset,
                                 int                *end_offset)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (text);

  find_unit (self, granularity, offset, start_offset, end_offset);
  return accessible_get_text (text, *start_offset, *end_offset);
}

static char *
accessible_get_text_at_offset (AtkText         *text,
                               int              offset,
                               AtkTextBoundary  boundary,
                               int             *start_offset,
                               int             *end_offset)
{
  AtkTextGranularity granularity;

  switch (boundary)
    {
    case ATK_TEXT_BOUNDARY_CHAR:
      granularity = ATK_TEXT_GRANULARITY_CHAR;
      break;
    case ATK_TEXT_BOUNDARY_WORD_START:
    case ATK_TEXT_BOUNDARY_WORD_END:
      granularity = ATK_TEXT_GRANULARITY_WORD;
      break;
    default:
      granularity = ATK_TEXT_GRANULARITY_LINE;
      break;
    }
  return accessible_get_string_at_offset (text, offset, granularity, start_offset, end_offset);
}

static void
shmview_hex_view_accessible_text_init (AtkTextIface *iface)
{
  iface->get_text = accessible_get_text;
  iface->get_character_count = accessible_get_character_count;
  iface->get_caret_offset = accessible_get_caret_offset;
  iface->set_caret_offset = accessible_set_caret_offset;
  iface->get_character_at_offset = accessible_get_character_at_offset;
  iface->get_text_at_offset = accessible_get_text_at_offset;
  iface->get_string_at_offset = accessible_get_string_at_offset;
}

/* ------------------------------------------------------------------ */
/* AtkObject                                                          */

static void
shmview_hex_view_accessible_initialize (AtkObject *object,
                                        gpointer   data)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (object);

  ATK_OBJECT_CLASS (shmview_hex_view_accessible_parent_class)->initialize (object, data);
  object->role = ATK_ROLE_TEXT;

  _shmview_hex_view_set_accessible (SHMVIEW_HEX_VIEW (data), object);
  rebuild (self, SHMVIEW_HEX_VIEW (data), &self->text, &self->caret);
  self->length = (int) strlen (self->text);
  self->description = describe_caret (SHMVIEW_HEX_VIEW (data));
}

static const char *
shmview_hex_view_accessible_get_name (AtkObject *object)
{
  const char *name = ATK_OBJECT_CLASS (shmview_hex_view_accessible_parent_class)->get_name (object);

  return name != NULL ? name : _("Hex view");
}

static const char *
shmview_hex_view_accessible_get_description (AtkObject *object)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (object);

  /* A description set by the UI file wins over ours. */
  if (object->description != NULL)
    return object->description;
  return self->description;
}

static AtkStateSet *
shmview_hex_view_accessible_ref_state_set (AtkObject *object)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (object);
  AtkStateSet *states = ATK_OBJECT_CLASS (shmview_hex_view_accessible_parent_class)->ref_state_set (object);
  ShmviewHexView *view = get_view (self);

  if (view != NULL)
    {
      atk_state_set_add_state (states, ATK_STATE_MULTI_LINE);
      atk_state_set_add_state (states, ATK_STATE_SELECTABLE_TEXT);
      if (!shmview_hex_view_get_read_only (view))
        atk_state_set_add_state (states, ATK_STATE_EDITABLE);
    }
  return states;
}

static void
shmview_hex_view_accessible_widget_unset (GtkAccessible *accessible)
{
  GtkWidget *widget = gtk_accessible_get_widget (accessible);

  if (widget != NULL)
    _shmview_hex_view_set_accessible (SHMVIEW_HEX_VIEW (widget), NULL);
  GTK_ACCESSIBLE_CLASS (shmview_hex_view_accessible_parent_class)->widget_unset (accessible);
}

static void
shmview_hex_view_accessible_finalize (GObject *object)
{
  ShmviewHexViewAccessible *self = SHMVIEW_HEX_VIEW_ACCESSIBLE (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (shmview_hex_view_accessible_parent_class)->finalize (object);
}

static void
shmview_hex_view_accessible_class_init (ShmviewHexViewAccessibleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AtkObjectClass *atk_class = ATK_OBJECT_CLASS (klass);
  GtkAccessibleClass *accessible_class = GTK_ACCESSIBLE_CLASS (klass);

  object_class->finalize = shmview_hex_view_accessible_finalize;
  atk_class->initialize = shmview_hex_view_accessible_initialize;
  atk_class->get_name = shmview_hex_view_accessible_get_name;
  atk_class->get_description = shmview_hex_view_accessible_get_description;
  atk_class->ref_state_set = shmview_hex_view_accessible_ref_state_set;
  accessible_class->widget_unset = shmview_hex_view_accessible_widget_unset;
}

static void
shmview_hex_view_accessible_init (ShmviewHexViewAccessible *self)
{
  self->caret = -1;
  self->rows = g_array_new (FALSE, FALSE, sizeof (DumpRow));
}
