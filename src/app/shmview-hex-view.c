/* shmview-hex-view.c: the offset | hex | ASCII view of a region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view keeps one array of cells covering exactly the visible window:
 *
 *   cells_offset                                    cells_offset + n_cells
 *   |[row first_row][row first_row+1] ... [last drawn row, clamped to size]|
 *
 * Each cell holds the byte (when the controller gave it), whether it is
 * present, and when it last changed (for the fading highlight). Scrolling
 * rebases the array: cells still on screen keep their bytes, the rest are
 * dropped, so change times are kept for visible bytes only and the memory
 * is O(visible), whatever the region size.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-format.h"
#include "shmview-hex-layout.h"
#include "shmview-hex-view-accessible.h"
#include "shmview-hex-view-private.h"
#include "shmview-hex-view.h"

#define DEFAULT_FONT      "Monospace 11"
#define DEFAULT_FADE_MS   1500
#define PADDING           6     /* pixels around the text */
#define MAX_FIT_ROW       SHMVIEW_HEX_LAYOUT_MAX_ROW
#define WHEEL_ROWS        3.0
/* A fade is stepped ~15 times a second (PINCE steps at 200 ms): the
 * highlight looks the same, and only the fading cells are redrawn. */
#define FADE_STEP_MS      66

typedef struct
{
  gint64 changed_at; /* monotonic µs of the last change; 0: none */
  guint8 value;
  guint8 present : 1;
  guint8 own : 1;    /* the last change was our own edit */
} Cell;

typedef ShmviewHexLayout RowLayout;

/* What a row's PangoLayout was made from: when the text and this key are
 * the same at the next draw, the layout is drawn again as it is. */
typedef struct
{
  guint64  row_offset;
  int      sel_first;   /* -1: no selection in the row */
  int      sel_last;
  int      caret;       /* -1: no caret block in the row */
  gboolean focused;
} RowKey;

typedef struct
{
  PangoLayout *layout;
  GString     *text;
  RowKey       key;
} RowCache;

static void
row_cache_free (gpointer data)
{
  RowCache *rc = data;

  g_clear_object (&rc->layout);
  g_string_free (rc->text, TRUE);
  g_free (rc);
}

G_STATIC_ASSERT ((int) SHMVIEW_HEX_VIEW_COLUMN_HEX == (int) SHMVIEW_HEX_LAYOUT_HEX);
G_STATIC_ASSERT ((int) SHMVIEW_HEX_VIEW_COLUMN_ASCII == (int) SHMVIEW_HEX_LAYOUT_ASCII);

struct _ShmviewHexView
{
  GtkWidget parent_instance;

  /* owned */
  GdkWindow            *input_window;
  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  PangoFontDescription *font_desc;
  char                 *font_name;
  Cell                 *cells;

  /* borrowed: the accessible object, when one was created (weak) */
  AtkObject            *accessible;

  /* the visible window the cells cover */
  guint64  cells_offset;
  gsize    n_cells;
  guint64  first_row;
  guint    n_drawn_rows;   /* rows drawn, the last one maybe partly */
  guint    page_rows;      /* rows that fit completely, at least 1 */
  guint64  emitted_offset; /* what "visible-range-changed" last announced */
  guint64  emitted_length;
  guint    emitted_row_width;

  /* settings */
  guint64  region_size;
  guint    bytes_per_row;  /* as set; 0 = fit to width */
  guint    row_width;      /* effective */
  guint    fade_ms;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;
  guint    read_only : 1;
  guint    dragging : 1;
  guint    configuring : 1;  /* adjustments being set up: no window updates */

  /* caret and selection: the selection is [min, max] of anchor and cursor */
  guint64  cursor;
  guint64  anchor;
  gboolean has_selection;
  ShmviewHexViewColumn column;
  guint    nibble;         /* 0: high nibble next, 1: low nibble next */

  /* font metrics, pixels */
  double   char_width;
  int      line_height;

  /* highlights */
  gint64   fade_until;     /* monotonic µs when the last highlight is gone */
  guint    tick_id;        /* the fade's step timer */

  /* drawing: each visible row's laid-out text, kept while it is the same */
  GPtrArray *row_cache;    /* RowCache, indexed by visible row */
  GString   *row_text;     /* a row formatted for this draw, compared with the kept one */
  GArray    *tints;        /* ShmviewHexTint; NULL: none */

  double   scroll_accum;   /* smooth-scroll remainder, rows */
};

enum {
  PROP_0,
  PROP_REGION_SIZE,
  PROP_BYTES_PER_ROW,
  PROP_FONT_NAME,
  PROP_FADE_MS,
  PROP_READ_ONLY,
  PROP_CURSOR,
  PROP_SELECTION_LENGTH,
  PROP_COLUMN,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  VISIBLE_RANGE_CHANGED,
  EDIT,
  EDIT_REFUSED,
  COPY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (ShmviewHexViewColumn, shmview_hex_view_column,
                    G_DEFINE_ENUM_VALUE (SHMVIEW_HEX_VIEW_COLUMN_HEX, "hex"),
                    G_DEFINE_ENUM_VALUE (SHMVIEW_HEX_VIEW_COLUMN_ASCII, "ascii"))

G_DEFINE_ENUM_TYPE (ShmviewChangeSource, shmview_change_source,
                    G_DEFINE_ENUM_VALUE (SHMVIEW_CHANGE_FOREIGN, "foreign"),
                    G_DEFINE_ENUM_VALUE (SHMVIEW_CHANGE_OWN, "own"))

G_DEFINE_FINAL_TYPE_WITH_CODE (ShmviewHexView, shmview_hex_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void update_window (ShmviewHexView *self);
static void configure_adjustments (ShmviewHexView *self);

/* ------------------------------------------------------------------ */
/* geometry                                                           */

static guint64
n_rows (ShmviewHexView *self)
{
  return shmview_hex_layout_n_rows (self->region_size, self->row_width);
}

static RowLayout
row_layout (ShmviewHexView *self)
{
  RowLayout l;

  shmview_hex_layout_init (&l, self->region_size, self->row_width);
  return l;
}

static guint
hex_char (const RowLayout *l,
          guint            i)
{
  return shmview_hex_layout_hex_char (l, i);
}

static int
content_width (ShmviewHexView *self,
               guint           row_width)
{
  RowLayout l;

  shmview_hex_layout_init (&l, self->region_size, row_width);
  return shmview_hex_layout_width_px (&l, self->char_width, PADDING);
}

static double
text_x0 (ShmviewHexView *self)
{
  return PADDING - gtk_adjustment_get_value (self->hadjustment);
}

static guint
fit_row_width (ShmviewHexView *self,
               int             width)
{
  return shmview_hex_layout_fit_row_width (self->region_size, self->char_width, PADDING, width);
}

/* Returns TRUE when the character cell changed size. */
static gboolean
update_font_metrics (ShmviewHexView *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double old_width = self->char_width;
  int old_height = self->line_height;

  /* Measure a long run of digits: the advance of a monospace font can be
   * fractional, and whole rows are drawn as one layout. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                           "0000000000000000000000000000000000000000"
                                           "0000000000000000000000000000000000000000");
  pango_layout_set_font_description (layout, self->font_desc);
  pango_layout_get_extents (layout, NULL, &logical);
  self->char_width = (double) logical.width / PANGO_SCALE / 80.0;
  self->line_height = MAX (1, PANGO_PIXELS_CEIL (logical.height));
  return self->char_width != old_width || self->line_height != old_height;
}

/* ------------------------------------------------------------------ */
/* cells: the copy of the visible bytes                               */

static Cell *
cell_at (ShmviewHexView *self,
         guint64         offset)
{
  if (offset < self->cells_offset || offset - self->cells_offset >= self->n_cells)
    return NULL;
  return &self->cells[offset - self->cells_offset];
}

/* Moves the cells to cover [offset, offset + length), keeping the bytes and
 * change times of the overlap and dropping the rest. */
static void
rebase_cells (ShmviewHexView *self,
              guint64         offset,
              gsize           length)
{
  Cell *cells;
  guint64 lo, hi;

  if (offset == self->cells_offset && length == self->n_cells)
    return;

  cells = g_new0 (Cell, MAX (length, 1));
  lo = MAX (offset, self->cells_offset);
  hi = MIN (offset + length, self->cells_offset + self->n_cells);
  if (lo < hi)
    memcpy (&cells[lo - offset], &self->cells[lo - self->cells_offset], (hi - lo) * sizeof (Cell));

  g_free (self->cells);
  self->cells = cells;
  self->cells_offset = offset;
  self->n_cells = length;
}

/* ------------------------------------------------------------------ */
/* accessibility hooks                                                */

/* The bytes, the rows or the caret changed: the accessible object (if a
 * screen reader asked for one) rebuilds what it says and announces only
 * what really differs. */
static void
notify_accessible (ShmviewHexView *self)
{
  if (self->accessible != NULL)
    _shmview_hex_view_accessible_refresh (SHMVIEW_HEX_VIEW_ACCESSIBLE (self->accessible));
}

void
_shmview_hex_view_set_accessible (ShmviewHexView *self,
                                  AtkObject      *accessible)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (self->accessible != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->accessible), (gpointer *) &self->accessible);
  self->accessible = accessible;
  if (accessible != NULL)
    g_object_add_weak_pointer (G_OBJECT (accessible), (gpointer *) &self->accessible);
}

/* ------------------------------------------------------------------ */
/* the visible window                                                 */

static guint64
clamp_first_row (ShmviewHexView *self,
                 double          value)
{
  guint64 rows = n_rows (self);
  guint64 first = value > 0 ? (guint64) value : 0;

  if (rows == 0)
    return 0;
  return MIN (first, rows - 1);
}

/* Recomputes which rows are visible from the adjustment and the allocation,
 * rebases the cells, and tells the controller when the window moved. */
static void
update_window (ShmviewHexView *self)
{
  int height = gtk_widget_get_allocated_height (GTK_WIDGET (self));
  guint64 rows = n_rows (self);
  guint64 offset, length;
  guint drawn;

  self->first_row = clamp_first_row (self, gtk_adjustment_get_value (self->vadjustment));
  self->page_rows = MAX (1, height / self->line_height);
  drawn = (height + self->line_height - 1) / self->line_height;
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    drawn = 0;
  self->n_drawn_rows = (guint) MIN ((guint64) drawn, rows - MIN (rows, self->first_row));

  offset = self->first_row * self->row_width;
  length = MIN ((guint64) self->n_drawn_rows * self->row_width,
                self->region_size - MIN (self->region_size, offset));
  rebase_cells (self, offset, length);

  if (offset == self->emitted_offset && length == self->emitted_length
      && self->row_width == self->emitted_row_width)
    return;

  self->emitted_offset = offset;
  self->emitted_length = length;
  self->emitted_row_width = self->row_width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VISIBLE_RANGE_CHANGED], 0);
  notify_accessible (self);
}

/* Callers follow this with update_window(): clamping the value here must
 * not announce a half-updated window. */
static void
configure_adjustments (ShmviewHexView *self)
{
  GtkAllocation alloc;
  guint64 rows = n_rows (self);
  int width;

  gtk_widget_get_allocation (GTK_WIDGET (self), &alloc);
  self->page_rows = MAX (1, alloc.height / self->line_height);
  self->configuring = TRUE;

  /* Rows are whole numbers far below 2^53, so a double holds them exactly. */
  gtk_adjustment_configure (self->vadjustment,
                            (double) clamp_first_row (self, gtk_adjustment_get_value (self->vadjustment)),
                            0.0,
                            (double) rows,
                            1.0,
                            MAX (1.0, self->page_rows - 1.0),
                            (double) self->page_rows);

  width = content_width (self, self->row_width);
  gtk_adjustment_configure (self->hadjustment,
                            gtk_adjustment_get_value (self->hadjustment),
                            0.0,
                            MAX (width, alloc.width),
                            MAX (1.0, self->char_width),
                            MAX (1.0, alloc.width * 0.9),
                            alloc.width);
  self->configuring = FALSE;
}

/* Changes the effective row width keeping the top byte on screen. */
static void
set_row_width (ShmviewHexView *self,
               guint           row_width)
{
  guint64 top;

  if (row_width == self->row_width)
    return;

  top = self->first_row * self->row_width;
  self->row_width = row_width;
  configure_adjustments (self);
  self->configuring = TRUE;
  gtk_adjustment_set_value (self->vadjustment, (double) (top / row_width));
  self->configuring = FALSE;
  update_window (self);
}

static guint
wanted_row_width (ShmviewHexView *self)
{
  if (self->bytes_per_row != 0)
    return self->bytes_per_row;
  if (gtk_widget_get_allocated_width (GTK_WIDGET (self)) <= 1)
    return 16;
  return fit_row_width (self, gtk_widget_get_allocated_width (GTK_WIDGET (self)));
}

static void
on_vadjustment_value_changed (ShmviewHexView *self,
                              GtkAdjustment  *adjustment)
{
  if (self->configuring)
    return;
  update_window (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_hadjustment_value_changed (ShmviewHexView *self,
                              GtkAdjustment  *adjustment)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Scrolls so that the caret's row and column are on screen. */
static void
scroll_to_cursor (ShmviewHexView *self)
{
  guint64 row = self->cursor / self->row_width;
  RowLayout l = row_layout (self);
  guint i = self->cursor % self->row_width;
  double x, hval, hpage;

  if (row < self->first_row)
    gtk_adjustment_set_value (self->vadjustment, (double) row);
  else if (row >= self->first_row + self->page_rows)
    gtk_adjustment_set_value (self->vadjustment, (double) (row - self->page_rows + 1));

  x = PADDING + self->char_width * (self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX
                                    ? hex_char (&l, i) : l.ascii_x0 + i);
  hval = gtk_adjustment_get_value (self->hadjustment);
  hpage = gtk_adjustment_get_page_size (self->hadjustment);
  if (x - PADDING < hval)
    gtk_adjustment_set_value (self->hadjustment, x - PADDING);
  else if (hpage > 0 && x + 2 * self->char_width + PADDING > hval + hpage)
    gtk_adjustment_set_value (self->hadjustment, x + 2 * self->char_width + PADDING - hpage);
}

/* ------------------------------------------------------------------ */
/* caret and selection                                                */

static guint64
selection_length (ShmviewHexView *self)
{
  if (!self->has_selection)
    return 0;
  return (MAX (self->anchor, self->cursor) - MIN (self->anchor, self->cursor)) + 1;
}

static guint64
last_byte (ShmviewHexView *self)
{
  return self->region_size > 0 ? self->region_size - 1 : 0;
}

/* The one place the caret moves: clamps, keeps or clears the selection,
 * notifies, scrolls into view and redraws. */
static void
move_cursor (ShmviewHexView *self,
             guint64         offset,
             gboolean        extend)
{
  guint64 old_cursor = self->cursor;
  guint64 old_length = selection_length (self);

  offset = MIN (offset, last_byte (self));
  if (extend)
    {
      if (!self->has_selection)
        self->anchor = self->cursor;
      self->has_selection = TRUE;
    }
  else
    {
      self->has_selection = FALSE;
      self->anchor = offset;
    }
  self->cursor = offset;
  self->nibble = 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (old_cursor != self->cursor)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
  if (old_length != selection_length (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_LENGTH]);
  g_object_thaw_notify (G_OBJECT (self));

  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_accessible (self);
}

static guint64
offset_plus (guint64 offset,
             gint64  delta)
{
  if (delta < 0 && (guint64) -delta > offset)
    return 0;
  return offset + delta;
}

/* ------------------------------------------------------------------ */
/* highlights                                                         */

/* Everything faded: forget the times, so nothing draws or ticks again. */
static void
forget_changes (ShmviewHexView *self)
{
  for (gsize i = 0; i < self->n_cells; i++)
    self->cells[i].changed_at = 0;
}

/* Adds to @region the cells of bytes [lo, hi) in both columns, row by row:
 * the rectangles a change of those bytes repaints. */
static void
add_byte_rects (ShmviewHexView *self,
                cairo_region_t *region,
                guint64         lo,
                guint64         hi)
{
  RowLayout l = row_layout (self);
  double x0 = text_x0 (self);

  while (lo < hi)
    {
      guint64 row = lo / self->row_width;
      guint a = (guint) (lo % self->row_width);
      guint b = (guint) MIN ((guint64) self->row_width - 1, hi - 1 - row * self->row_width);
      int y = (int) ((row - self->first_row) * (guint64) self->line_height);

      for (int c = SHMVIEW_HEX_LAYOUT_HEX; c <= SHMVIEW_HEX_LAYOUT_ASCII; c++)
        {
          guint first, n;
          cairo_rectangle_int_t rect;

          shmview_hex_layout_span (&l, c, a, b, &first, &n);
          /* a pixel around: glyphs and frames may reach just past their cell */
          rect.x = (int) (x0 + first * self->char_width) - 1;
          rect.width = (int) (n * self->char_width + 0.999) + 3;
          rect.y = y - 1;
          rect.height = self->line_height + 2;
          cairo_region_union_rectangle (region, &rect);
        }
      lo = (row + 1) * self->row_width;
    }
}

/* Queues a draw of the cells of bytes [lo, hi) only (clamped to the window). */
static void
queue_draw_bytes (ShmviewHexView *self,
                  guint64         lo,
                  guint64         hi)
{
  cairo_region_t *region;

  lo = MAX (lo, self->cells_offset);
  hi = MIN (hi, self->cells_offset + self->n_cells);
  if (lo >= hi || !gtk_widget_is_drawable (GTK_WIDGET (self)))
    return;
  region = cairo_region_create ();
  add_byte_rects (self, region, lo, hi);
  gtk_widget_queue_draw_region (GTK_WIDGET (self), region);
  cairo_region_destroy (region);
}

/* One step of the fade: repaints the cells still fading (and those that
 * just faded out, once more), forgets those that are done. */
static gboolean
fade_step (gpointer user_data)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (user_data);
  gint64 now = g_get_monotonic_time ();
  gint64 fade_us = (gint64) self->fade_ms * 1000;
  cairo_region_t *region = cairo_region_create ();
  gsize run = G_MAXSIZE;

  for (gsize i = 0; i <= self->n_cells; i++)
    {
      Cell *cell = i < self->n_cells ? &self->cells[i] : NULL;
      gboolean fading = cell != NULL && cell->changed_at != 0;

      if (fading && now - cell->changed_at >= fade_us)
        cell->changed_at = 0;  /* drawn plain from this step on */
      if (fading && run == G_MAXSIZE)
        run = i;
      else if (!fading && run != G_MAXSIZE)
        {
          add_byte_rects (self, region, self->cells_offset + run, self->cells_offset + i);
          run = G_MAXSIZE;
        }
    }
  if (!cairo_region_is_empty (region))
    gtk_widget_queue_draw_region (GTK_WIDGET (self), region);
  cairo_region_destroy (region);

  if (now < self->fade_until)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  forget_changes (self);
  return G_SOURCE_REMOVE;
}

static void
start_fading (ShmviewHexView *self)
{
  if (self->tick_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->tick_id = g_timeout_add (FADE_STEP_MS, fade_step, self);
  g_source_set_name_by_id (self->tick_id, "[shmview] hex view fade");
}

static void
stop_fading (ShmviewHexView *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static double
change_strength (ShmviewHexView *self,
                 const Cell     *cell,
                 gint64          now)
{
  double age;

  if (cell->changed_at == 0 || self->fade_ms == 0)
    return 0.0;
  age = (now - cell->changed_at) / 1000.0;
  if (age >= self->fade_ms)
    return 0.0;
  return 1.0 - MAX (age, 0.0) / self->fade_ms;
}

/* ------------------------------------------------------------------ */
/* drawing                                                            */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA base;
  GdkRGBA sel_bg;
  GdkRGBA sel_fg;
  GdkRGBA caret;
  GdkRGBA foreign;
  GdkRGBA own;
} Palette;

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
load_palette (ShmviewHexView *self,
              Palette        *p)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self));

  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &p->fg);
  p->dim = p->fg;
  p->dim.alpha *= 0.55;
  lookup_color (context, "theme_base_color", "#ffffff", &p->base);
  if (focused)
    lookup_color (context, "theme_selected_bg_color", "#3584e4", &p->sel_bg);
  else
    lookup_color (context, "theme_unfocused_selected_bg_color", "#3584e4", &p->sel_bg);
  lookup_color (context, "theme_selected_fg_color", "#ffffff", &p->sel_fg);
  p->caret = p->fg;
  lookup_color (context, "shmview_foreign_change", "rgba(246,211,45,0.8)", &p->foreign);
  lookup_color (context, "shmview_own_change", "rgba(143,240,164,0.9)", &p->own);
}

/* Where one line of characters is drawn: the x of character 0, a
 * character's width, the line's top and height (pixels). */
typedef struct {
  double x0;
  double char_width;
  int    y;
  int    height;
} CharLine;

static CharLine
row_line (ShmviewHexView *self,
          int             y)
{
  return (CharLine) { text_x0 (self), self->char_width, y, self->line_height };
}

static void
fill_chars (cairo_t        *cr,
            const CharLine *line,
            double          first_char,
            double          n_chars,
            const GdkRGBA  *color,
            double          alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
  cairo_rectangle (cr, line->x0 + first_char * line->char_width, line->y,
                   n_chars * line->char_width, line->height);
  cairo_fill (cr);
}

static void
outline_chars (cairo_t        *cr,
               const CharLine *line,
               double          first_char,
               double          n_chars,
               const GdkRGBA  *color)
{
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, line->x0 + first_char * line->char_width + 0.5, line->y + 0.5,
                   n_chars * line->char_width - 1.0, line->height - 1.0);
  cairo_stroke (cr);
}

static void
add_color_attr (PangoAttrList *attrs,
                const GdkRGBA *color,
                guint          start,
                guint          end)
{
  PangoAttribute *a;

  a = pango_attr_foreground_new (color->red * 65535, color->green * 65535, color->blue * 65535);
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert (attrs, a);
  a = pango_attr_foreground_alpha_new (MAX (1, color->alpha * 65535));
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert (attrs, a);
}

/* The text of one row; bytes that are not loaded are blank. */
static void
format_row (ShmviewHexView  *self,
            const RowLayout *l,
            guint64          row_offset,
            guint            n,
            GString         *out)
{
  static const char hex[] = "0123456789abcdef";

  g_string_truncate (out, 0);
  g_string_append_printf (out, "%0*" G_GINT64_MODIFIER "x", (int) l->n_digits, row_offset);
  g_string_set_size (out, l->ascii_x0 + n);
  memset (out->str + l->n_digits, ' ', out->len - l->n_digits);

  for (guint i = 0; i < n; i++)
    {
      const Cell *cell = cell_at (self, row_offset + i);
      char *h = out->str + hex_char (l, i);

      if (cell == NULL || !cell->present)
        continue;
      h[0] = hex[cell->value >> 4];
      h[1] = hex[cell->value & 0xf];
      out->str[l->ascii_x0 + i] = g_ascii_isprint (cell->value) ? (char) cell->value : '.';
    }
}

/* The selected bytes of the row at @row_offset (@n bytes long) as indices
 * [*first, *last] into it; FALSE when none of them is selected. */
static gboolean
row_selection (ShmviewHexView *self,
               guint64         row_offset,
               guint           n,
               guint          *first,
               guint          *last)
{
  guint64 sel_lo = MIN (self->anchor, self->cursor);
  guint64 sel_hi = MAX (self->anchor, self->cursor);

  if (!self->has_selection || sel_lo >= row_offset + n || sel_hi < row_offset)
    return FALSE;
  *first = sel_lo > row_offset ? (guint) (sel_lo - row_offset) : 0;
  *last = (guint) (MIN (sel_hi, row_offset + n - 1) - row_offset);
  return TRUE;
}

/* Tints others put on byte ranges (bookmarks, search hits, …): under
 * everything else, in both columns. */
static void
draw_row_tints (ShmviewHexView  *self,
                cairo_t         *cr,
                const RowLayout *l,
                guint64          row_offset,
                guint            n,
                int              y)
{
  CharLine line = row_line (self, y);

  for (guint t = 0; self->tints != NULL && t < self->tints->len; t++)
    {
      const ShmviewHexTint *tint = &g_array_index (self->tints, ShmviewHexTint, t);
      guint64 lo = MAX (tint->offset, row_offset);
      guint64 hi = MIN (tint->offset + tint->length, row_offset + n);

      if (lo >= hi)
        continue;
      for (int c = SHMVIEW_HEX_LAYOUT_HEX; c <= SHMVIEW_HEX_LAYOUT_ASCII; c++)
        {
          guint first, count;

          shmview_hex_layout_span (l, c, (guint) (lo - row_offset), (guint) (hi - 1 - row_offset),
                                   &first, &count);
          fill_chars (cr, &line, first, count, &tint->color, 1.0);
        }
    }
}

static void
draw_row_backgrounds (ShmviewHexView  *self,
                      cairo_t         *cr,
                      const Palette   *p,
                      const RowLayout *l,
                      guint64          row_offset,
                      guint            n,
                      int              y,
                      gint64           now)
{
  CharLine line = row_line (self, y);
  guint a, b;

  for (guint i = 0; i < n; i++)
    {
      const Cell *cell = cell_at (self, row_offset + i);
      double strength = cell != NULL ? change_strength (self, cell, now) : 0.0;

      if (strength <= 0.0)
        continue;
      fill_chars (cr, &line, hex_char (l, i), 2, cell->own ? &p->own : &p->foreign, strength);
      fill_chars (cr, &line, l->ascii_x0 + i, 1, cell->own ? &p->own : &p->foreign, strength);
    }

  if (row_selection (self, row_offset, n, &a, &b))
    {
      fill_chars (cr, &line, hex_char (l, a), hex_char (l, b) + 2 - hex_char (l, a),
                  &p->sel_bg, 1.0);
      fill_chars (cr, &line, l->ascii_x0 + a, b - a + 1, &p->sel_bg, 1.0);
    }
}

/* The caret: a block on the digit or character typing goes to, and a frame
 * around the same byte in the other column. Unfocused, frames only. */
static void
draw_row_caret (ShmviewHexView  *self,
                cairo_t         *cr,
                const Palette   *p,
                const RowLayout *l,
                guint            i,
                int              y)
{
  CharLine line = row_line (self, y);
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self));
  gboolean in_hex = self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX;
  guint block = in_hex ? hex_char (l, i) + self->nibble : l->ascii_x0 + i;

  /* the block's character is drawn in the base colour (row_text_layout) */
  if (focused)
    fill_chars (cr, &line, block, 1, &p->caret, 1.0);
  else
    outline_chars (cr, &line, in_hex ? hex_char (l, i) : block, in_hex ? 2 : 1, &p->caret);

  if (in_hex)
    outline_chars (cr, &line, l->ascii_x0 + i, 1, &p->dim);
  else
    outline_chars (cr, &line, hex_char (l, i), 2, &p->dim);
}

static void
selection_attrs (ShmviewHexView  *self,
                 const Palette   *p,
                 const RowLayout *l,
                 guint64          row_offset,
                 guint            n,
                 PangoAttrList   *attrs)
{
  guint a, b;

  if (!row_selection (self, row_offset, n, &a, &b))
    return;
  add_color_attr (attrs, &p->sel_fg, hex_char (l, a), hex_char (l, b) + 2);
  add_color_attr (attrs, &p->sel_fg, l->ascii_x0 + a, l->ascii_x0 + b + 1);
}

static gboolean
row_key_equal (const RowKey *a,
               const RowKey *b)
{
  return a->row_offset == b->row_offset && a->sel_first == b->sel_first
         && a->sel_last == b->sel_last && a->caret == b->caret && a->focused == b->focused;
}

/* What the attributes of the row at @row_offset depend on besides its text. */
static RowKey
row_key (ShmviewHexView  *self,
         const RowLayout *l,
         guint64          row_offset,
         guint            n)
{
  RowKey key = { row_offset, -1, -1, -1, gtk_widget_has_focus (GTK_WIDGET (self)) };
  guint a, b;

  if (row_selection (self, row_offset, n, &a, &b))
    {
      key.sel_first = (int) a;
      key.sel_last = (int) b;
    }
  if (key.focused && self->cursor >= row_offset && self->cursor < row_offset + n)
    {
      guint i = (guint) (self->cursor - row_offset);

      key.caret = (int) (self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX
                         ? hex_char (l, i) + self->nibble : l->ascii_x0 + i);
    }
  return key;
}

static RowCache *
row_cache_at (ShmviewHexView *self,
              guint           r)
{
  while (self->row_cache->len <= r)
    {
      RowCache *rc = g_new0 (RowCache, 1);

      rc->text = g_string_new (NULL);
      g_ptr_array_add (self->row_cache, rc);
    }
  return g_ptr_array_index (self->row_cache, r);
}

/* The laid-out text of visible row @r: shaped again only when its text or
 * what its colours depend on changed since the last draw. */
static PangoLayout *
row_text_layout (ShmviewHexView  *self,
                 const Palette   *p,
                 const RowLayout *l,
                 guint            r,
                 guint64          row_offset,
                 guint            n)
{
  RowCache *rc = row_cache_at (self, r);
  RowKey key = row_key (self, l, row_offset, n);
  g_autoptr(PangoAttrList) attrs = NULL;

  format_row (self, l, row_offset, n, self->row_text);
  if (rc->layout != NULL && row_key_equal (&rc->key, &key) && g_string_equal (rc->text, self->row_text))
    return rc->layout;

  if (rc->layout == NULL)
    {
      rc->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_font_description (rc->layout, self->font_desc);
    }
  g_string_assign (rc->text, self->row_text->str);
  rc->key = key;

  attrs = pango_attr_list_new ();
  add_color_attr (attrs, &p->dim, 0, l->n_digits);
  selection_attrs (self, p, l, row_offset, n, attrs);
  if (key.caret >= 0)
    add_color_attr (attrs, &p->base, key.caret, key.caret + 1);
  pango_layout_set_text (rc->layout, rc->text->str, rc->text->len);
  pango_layout_set_attributes (rc->layout, attrs);
  return rc->layout;
}

/* Kept layouts were made for the old font, colours or rows: make them anew. */
static void
drop_row_cache (ShmviewHexView *self)
{
  g_ptr_array_set_size (self->row_cache, 0);
}

/* One row: backgrounds (tints, changes, selection, caret), then its text
 * with colours, selection and caret as attributes. */
static void
draw_row (ShmviewHexView  *self,
          cairo_t         *cr,
          const Palette   *p,
          const RowLayout *l,
          guint            r,
          gint64           now)
{
  guint64 row_offset = (self->first_row + r) * self->row_width;
  guint n = (guint) MIN ((guint64) self->row_width, self->region_size - row_offset);
  int y = r * self->line_height;
  PangoLayout *layout;

  draw_row_tints (self, cr, l, row_offset, n, y);
  draw_row_backgrounds (self, cr, p, l, row_offset, n, y, now);
  if (self->cursor >= row_offset && self->cursor < row_offset + n)
    draw_row_caret (self, cr, p, l, (guint) (self->cursor - row_offset), y);

  layout = row_text_layout (self, p, l, r, row_offset, n);
  gdk_cairo_set_source_rgba (cr, &p->fg);
  cairo_move_to (cr, text_x0 (self), y);
  pango_cairo_show_layout (cr, layout);
}

/* A region of 0 bytes (new, or shrunk to nothing) has no rows: say so
 * rather than show a blank page. */
static void
draw_empty (ShmviewHexView *self,
            cairo_t        *cr,
            PangoLayout    *layout,
            const Palette  *p)
{
  pango_layout_set_text (layout, _("This region is empty: 0 bytes"), -1);
  pango_layout_set_attributes (layout, NULL);
  gdk_cairo_set_source_rgba (cr, &p->dim);
  cairo_move_to (cr, text_x0 (self), 0);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
shmview_hex_view_draw (GtkWidget *widget,
                       cairo_t   *cr)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  RowLayout l = row_layout (self);
  gint64 now = g_get_monotonic_time ();
  CharLine gutter = { text_x0 (self) - PADDING, self->char_width, 0, height };
  GdkRectangle clip = { 0, 0, width, height };
  guint first, last;
  Palette p;

  gtk_render_background (context, cr, 0, 0, width, height);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  load_palette (self, &p);

  /* a faint gutter behind the offsets */
  fill_chars (cr, &gutter, 0, l.n_digits + PADDING / self->char_width + 1, &p.fg, 0.04);

  if (self->region_size == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);

      pango_layout_set_font_description (layout, self->font_desc);
      draw_empty (self, cr, layout, &p);
    }

  /* Only the rows the damaged area touches: a change repaints its cells. */
  if (!gdk_cairo_get_clip_rectangle (cr, &clip))
    return GDK_EVENT_PROPAGATE;
  first = (guint) (MAX (clip.y, 0) / self->line_height);
  last = (guint) MIN ((guint64) self->n_drawn_rows,
                      (guint64) (MAX (clip.y + clip.height, 0) + self->line_height - 1) / self->line_height);
  for (guint r = first; r < last; r++)
    draw_row (self, cr, &p, &l, r, now);

  return GDK_EVENT_PROPAGATE;
}

/* ------------------------------------------------------------------ */
/* GtkWidget: size, realize, map                                      */

static void
shmview_hex_view_get_preferred_width (GtkWidget *widget,
                                      int       *minimum,
                                      int       *natural)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  *minimum = content_width (self, 8);
  *natural = content_width (self, self->bytes_per_row != 0 ? self->bytes_per_row : 16);
}

static void
shmview_hex_view_get_preferred_height (GtkWidget *widget,
                                       int       *minimum,
                                       int       *natural)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  *minimum = self->line_height;
  *natural = self->line_height * (int) CLAMP (n_rows (self), 1, 16);
}

static void
shmview_hex_view_size_allocate (GtkWidget     *widget,
                                GtkAllocation *allocation)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  gtk_widget_set_allocation (widget, allocation);
  if (self->input_window != NULL)
    gdk_window_move_resize (self->input_window, allocation->x, allocation->y,
                            allocation->width, allocation->height);

  configure_adjustments (self);
  set_row_width (self, wanted_row_width (self));
  configure_adjustments (self);
  update_window (self);
}

static void
shmview_hex_view_realize (GtkWidget *widget)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  GtkAllocation alloc;
  GdkWindowAttr attrs = { 0 };
  g_autoptr(GdkCursor) cursor = NULL;

  gtk_widget_set_realized (widget, TRUE);
  gtk_widget_set_window (widget, g_object_ref (gtk_widget_get_parent_window (widget)));

  gtk_widget_get_allocation (widget, &alloc);
  attrs.window_type = GDK_WINDOW_CHILD;
  attrs.wclass = GDK_INPUT_ONLY;
  attrs.x = alloc.x;
  attrs.y = alloc.y;
  attrs.width = alloc.width;
  attrs.height = alloc.height;
  attrs.event_mask = gtk_widget_get_events (widget)
                     | GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK
                     | GDK_BUTTON1_MOTION_MASK | GDK_SCROLL_MASK | GDK_SMOOTH_SCROLL_MASK
                     | GDK_ENTER_NOTIFY_MASK | GDK_LEAVE_NOTIFY_MASK;
  cursor = gdk_cursor_new_from_name (gtk_widget_get_display (widget), "text");
  attrs.cursor = cursor;
  self->input_window = gdk_window_new (gtk_widget_get_window (widget), &attrs,
                                       GDK_WA_X | GDK_WA_Y | (cursor != NULL ? GDK_WA_CURSOR : 0));
  gtk_widget_register_window (widget, self->input_window);

  update_font_metrics (self);
  configure_adjustments (self);
  update_window (self);
}

static void
shmview_hex_view_unrealize (GtkWidget *widget)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  stop_fading (self);
  drop_row_cache (self);
  if (self->input_window != NULL)
    {
      gtk_widget_unregister_window (widget, self->input_window);
      gdk_window_destroy (self->input_window);
      self->input_window = NULL;
    }
  GTK_WIDGET_CLASS (shmview_hex_view_parent_class)->unrealize (widget);
}

static void
shmview_hex_view_map (GtkWidget *widget)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  GTK_WIDGET_CLASS (shmview_hex_view_parent_class)->map (widget);
  if (self->input_window != NULL)
    gdk_window_show (self->input_window);
  if (g_get_monotonic_time () < self->fade_until)
    start_fading (self);
  else
    forget_changes (self);
}

static void
shmview_hex_view_unmap (GtkWidget *widget)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  stop_fading (self);
  if (self->input_window != NULL)
    gdk_window_hide (self->input_window);
  GTK_WIDGET_CLASS (shmview_hex_view_parent_class)->unmap (widget);
}

static void
shmview_hex_view_style_updated (GtkWidget *widget)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  GTK_WIDGET_CLASS (shmview_hex_view_parent_class)->style_updated (widget);
  drop_row_cache (self);
  /* Focus changes restyle too; only a new cell size needs a new layout. */
  if (update_font_metrics (self))
    gtk_widget_queue_resize (widget);
}

static gboolean
shmview_hex_view_focus_change (GtkWidget     *widget,
                               GdkEventFocus *event)
{
  gtk_widget_queue_draw (widget);
  return GDK_EVENT_PROPAGATE;
}

/* ------------------------------------------------------------------ */
/* editing                                                            */

/* Emits "edit" for one byte at the caret; on success the copy is updated
 * at once so the next nibble builds on the new value. */
static gboolean
emit_edit (ShmviewHexView *self,
           guint8          value)
{
  g_autoptr(GBytes) bytes = g_bytes_new (&value, 1);
  gboolean ok = FALSE;
  Cell *cell;

  g_signal_emit (self, signals[EDIT], 0, self->cursor, bytes, &ok);
  if (!ok)
    return FALSE;

  cell = cell_at (self, self->cursor);
  if (cell != NULL && cell->present && cell->value != value)
    {
      cell->value = value;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      notify_accessible (self);
    }
  return TRUE;
}

/* Makes sure the controller has loaded the caret's byte (scrolling it into
 * view makes it re-read the window) and returns it. */
static gboolean
byte_for_edit (ShmviewHexView *self,
               guint8         *out)
{
  scroll_to_cursor (self);
  if (shmview_hex_view_get_byte_at_cursor (self, out))
    return TRUE;
  g_debug ("byte at 0x%" G_GINT64_MODIFIER "x is not loaded; edit ignored", self->cursor);
  return FALSE;
}

static void
advance_after_edit (ShmviewHexView *self,
                    gboolean        by_nibble)
{
  if (by_nibble && self->nibble == 0)
    {
      move_cursor (self, self->cursor, FALSE);
      self->nibble = 1;
      notify_accessible (self);
      return;
    }
  if (self->cursor + 1 < self->region_size)
    move_cursor (self, self->cursor + 1, FALSE);
  else
    move_cursor (self, self->cursor, FALSE);
}

static void
type_hex_digit (ShmviewHexView *self,
                int             digit)
{
  guint8 old, value;

  if (!byte_for_edit (self, &old))
    return;
  if (self->nibble == 0)
    value = (guint8) ((digit << 4) | (old & 0x0f));
  else
    value = (guint8) ((old & 0xf0) | digit);
  if (emit_edit (self, value))
    advance_after_edit (self, TRUE);
}

static void
type_ascii (ShmviewHexView *self,
            guint8          c)
{
  guint8 old;

  if (!byte_for_edit (self, &old))
    return;
  if (emit_edit (self, c))
    advance_after_edit (self, FALSE);
}

/* Returns TRUE when @keyval is something that would edit in this column. */
static gboolean
handle_typing (ShmviewHexView *self,
               guint           keyval)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (self->region_size == 0)
    return FALSE;
  if (self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX)
    {
      if (c >= 128 || !g_ascii_isxdigit ((char) c))
        return FALSE;
    }
  else if (c < 0x20 || c > 0x7e)
    return FALSE;

  if (self->read_only)
    {
      g_signal_emit (self, signals[EDIT_REFUSED], 0);
      return TRUE;
    }

  if (self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX)
    type_hex_digit (self, g_ascii_xdigit_value ((char) c));
  else
    type_ascii (self, (guint8) c);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* keyboard                                                           */

/* The caret's new offset for a movement key, or FALSE when @keyval does
 * not move it. */
static gboolean
movement_target (ShmviewHexView *self,
                 guint           keyval,
                 gboolean        ctrl,
                 guint64        *target)
{
  guint64 row_start = self->cursor - self->cursor % self->row_width;
  gint64 page = (gint64) self->page_rows * self->row_width;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      *target = offset_plus (self->cursor, -1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      *target = self->cursor + 1;
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      *target = self->cursor >= self->row_width ? self->cursor - self->row_width : self->cursor;
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      *target = self->cursor + self->row_width < self->region_size
                ? self->cursor + self->row_width : self->cursor;
      return TRUE;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      *target = offset_plus (self->cursor, -page);
      return TRUE;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      *target = self->cursor + MIN ((guint64) page,
                                    (last_byte (self) - self->cursor) / self->row_width * self->row_width);
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      *target = ctrl ? 0 : row_start;
      return TRUE;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      *target = ctrl ? last_byte (self) : row_start + self->row_width - 1;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
shmview_hex_view_key_press (GtkWidget   *widget,
                            GdkEventKey *event)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  gboolean ctrl = (mods & GDK_CONTROL_MASK) != 0;
  gboolean shift = (mods & GDK_SHIFT_MASK) != 0;
  guint64 target;

  /* Ctrl+Page Up/Down switch tabs (the notebook's keys, as the README and
   * the Shortcuts window say): let them go up to it. */
  if (ctrl && !shift &&
      (event->keyval == GDK_KEY_Page_Up || event->keyval == GDK_KEY_Page_Down ||
       event->keyval == GDK_KEY_KP_Page_Up || event->keyval == GDK_KEY_KP_Page_Down))
    return GDK_EVENT_PROPAGATE;

  if (movement_target (self, event->keyval, ctrl, &target))
    {
      if ((mods & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0)
        return GDK_EVENT_PROPAGATE;
      /* Page keys scroll the view by a page too, so the caret keeps its line. */
      if (target / self->row_width != self->cursor / self->row_width
          && (event->keyval == GDK_KEY_Page_Up || event->keyval == GDK_KEY_Page_Down
              || event->keyval == GDK_KEY_KP_Page_Up || event->keyval == GDK_KEY_KP_Page_Down))
        gtk_adjustment_set_value (self->vadjustment,
                                  gtk_adjustment_get_value (self->vadjustment)
                                  + ((double) (target / self->row_width)
                                     - (double) (self->cursor / self->row_width)));
      move_cursor (self, target, shift);
      return GDK_EVENT_STOP;
    }

  if ((event->keyval == GDK_KEY_Tab || event->keyval == GDK_KEY_KP_Tab
       || event->keyval == GDK_KEY_ISO_Left_Tab) && !ctrl && (mods & GDK_MOD1_MASK) == 0)
    {
      shmview_hex_view_set_column (self, self->column == SHMVIEW_HEX_VIEW_COLUMN_HEX
                                         ? SHMVIEW_HEX_VIEW_COLUMN_ASCII
                                         : SHMVIEW_HEX_VIEW_COLUMN_HEX);
      return GDK_EVENT_STOP;
    }

  if (ctrl && (mods & ~(GDK_CONTROL_MASK)) == 0
      && (event->keyval == GDK_KEY_c || event->keyval == GDK_KEY_C || event->keyval == GDK_KEY_Insert))
    {
      shmview_hex_view_copy_clipboard (self);
      return GDK_EVENT_STOP;
    }

  if ((mods & ~GDK_SHIFT_MASK) == 0 && handle_typing (self, event->keyval))
    return GDK_EVENT_STOP;

  return GTK_WIDGET_CLASS (shmview_hex_view_parent_class)->key_press_event (widget, event);
}

/* ------------------------------------------------------------------ */
/* mouse                                                              */

/* The byte (and column, nibble) under a point in widget coordinates. */
static gboolean
byte_at_point (ShmviewHexView       *self,
               double                x,
               double                y,
               guint64              *offset,
               ShmviewHexViewColumn *column,
               guint                *nibble)
{
  RowLayout l = row_layout (self);
  gint64 row = (gint64) self->first_row + (gint64) (y >= 0 ? y / self->line_height : -1);
  ShmviewHexLayoutColumn hit_column;
  guint i;

  if (self->region_size == 0)
    return FALSE;
  row = CLAMP (row, 0, (gint64) n_rows (self) - 1);
  shmview_hex_layout_hit (&l, (x - text_x0 (self)) / self->char_width, &i, &hit_column, nibble);
  *column = (ShmviewHexViewColumn) hit_column;
  *offset = MIN ((guint64) row * self->row_width + i, last_byte (self));
  return TRUE;
}

static gboolean
shmview_hex_view_button_press (GtkWidget      *widget,
                               GdkEventButton *event)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  ShmviewHexViewColumn column;
  guint64 offset;
  guint nibble;

  if (!gtk_widget_has_focus (widget))
    gtk_widget_grab_focus (widget);
  if (event->button != GDK_BUTTON_PRIMARY || event->type != GDK_BUTTON_PRESS)
    return GDK_EVENT_PROPAGATE;
  if (!byte_at_point (self, event->x, event->y, &offset, &column, &nibble))
    return GDK_EVENT_STOP;

  shmview_hex_view_set_column (self, column);
  move_cursor (self, offset, (event->state & GDK_SHIFT_MASK) != 0);
  self->nibble = nibble;
  self->dragging = TRUE;
  return GDK_EVENT_STOP;
}

static gboolean
shmview_hex_view_motion (GtkWidget      *widget,
                         GdkEventMotion *event)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  ShmviewHexViewColumn column;
  guint64 offset;
  guint nibble;

  if (!self->dragging || !byte_at_point (self, event->x, event->y, &offset, &column, &nibble))
    return GDK_EVENT_PROPAGATE;
  if (offset != self->cursor)
    move_cursor (self, offset, TRUE);
  return GDK_EVENT_STOP;
}

static gboolean
shmview_hex_view_button_release (GtkWidget      *widget,
                                 GdkEventButton *event)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);

  if (event->button == GDK_BUTTON_PRIMARY)
    self->dragging = FALSE;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
shmview_hex_view_scroll (GtkWidget      *widget,
                         GdkEventScroll *event)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (widget);
  double dx = 0, dy = 0, rows;

  switch (event->direction)
    {
    case GDK_SCROLL_UP:    dy = -1; break;
    case GDK_SCROLL_DOWN:  dy = 1; break;
    case GDK_SCROLL_LEFT:  dx = -1; break;
    case GDK_SCROLL_RIGHT: dx = 1; break;
    case GDK_SCROLL_SMOOTH:
    default:
      gdk_event_get_scroll_deltas ((GdkEvent *) event, &dx, &dy);
      break;
    }

  if (dx != 0)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment)
                                                 + dx * 3 * self->char_width);
  /* Whole rows only: the adjustment value is a row number. */
  self->scroll_accum += dy * WHEEL_ROWS;
  rows = (double) (gint64) self->scroll_accum;
  self->scroll_accum -= rows;
  if (rows != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + rows);
  return GDK_EVENT_STOP;
}

/* ------------------------------------------------------------------ */
/* GtkScrollable                                                      */

static void
set_adjustment (ShmviewHexView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment,
                GCallback        callback,
                int              prop)
{
  if (adjustment != NULL && *slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", callback, self);
  configure_adjustments (self);
  update_window (self);
  g_object_notify (G_OBJECT (self), prop == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
shmview_hex_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGION_SIZE: g_value_set_uint64 (value, self->region_size); break;
    case PROP_BYTES_PER_ROW: g_value_set_uint (value, self->bytes_per_row); break;
    case PROP_FONT_NAME: g_value_set_string (value, self->font_name); break;
    case PROP_FADE_MS: g_value_set_uint (value, self->fade_ms); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, self->read_only); break;
    case PROP_CURSOR: g_value_set_uint64 (value, self->cursor); break;
    case PROP_SELECTION_LENGTH: g_value_set_uint64 (value, selection_length (self)); break;
    case PROP_COLUMN: g_value_set_enum (value, self->column); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_scroll_policy (ShmviewHexView      *self,
                   GtkScrollablePolicy *field,
                   GtkScrollablePolicy  policy,
                   GParamSpec          *pspec)
{
  if (*field == policy)
    return;
  *field = policy;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
shmview_hex_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGION_SIZE: shmview_hex_view_set_region_size (self, g_value_get_uint64 (value)); break;
    case PROP_BYTES_PER_ROW: shmview_hex_view_set_bytes_per_row (self, g_value_get_uint (value)); break;
    case PROP_FONT_NAME: shmview_hex_view_set_font_name (self, g_value_get_string (value)); break;
    case PROP_FADE_MS: shmview_hex_view_set_fade_ms (self, g_value_get_uint (value)); break;
    case PROP_READ_ONLY: shmview_hex_view_set_read_only (self, g_value_get_boolean (value)); break;
    case PROP_CURSOR: shmview_hex_view_set_cursor (self, g_value_get_uint64 (value)); break;
    case PROP_COLUMN: shmview_hex_view_set_column (self, g_value_get_enum (value)); break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value),
                      G_CALLBACK (on_hadjustment_value_changed), PROP_HADJUSTMENT);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value),
                      G_CALLBACK (on_vadjustment_value_changed), PROP_VADJUSTMENT);
      break;
    case PROP_HSCROLL_POLICY:
      set_scroll_policy (self, &self->hscroll_policy, g_value_get_enum (value), pspec);
      break;
    case PROP_VSCROLL_POLICY:
      set_scroll_policy (self, &self->vscroll_policy, g_value_get_enum (value), pspec);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_hex_view_dispose (GObject *object)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (object);

  stop_fading (self);
  _shmview_hex_view_set_accessible (self, NULL);

  /* Chain up first: leaving a GtkScrolledWindow sets new adjustments. */
  G_OBJECT_CLASS (shmview_hex_view_parent_class)->dispose (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
}

static void
shmview_hex_view_finalize (GObject *object)
{
  ShmviewHexView *self = SHMVIEW_HEX_VIEW (object);

  g_clear_pointer (&self->font_desc, pango_font_description_free);
  g_clear_pointer (&self->font_name, g_free);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->row_cache, g_ptr_array_unref);
  g_string_free (self->row_text, TRUE);
  g_clear_pointer (&self->tints, g_array_unref);

  G_OBJECT_CLASS (shmview_hex_view_parent_class)->finalize (object);
}

static void
shmview_hex_view_class_init (ShmviewHexViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = shmview_hex_view_get_property;
  object_class->set_property = shmview_hex_view_set_property;
  object_class->dispose = shmview_hex_view_dispose;
  object_class->finalize = shmview_hex_view_finalize;

  widget_class->draw = shmview_hex_view_draw;
  widget_class->get_preferred_width = shmview_hex_view_get_preferred_width;
  widget_class->get_preferred_height = shmview_hex_view_get_preferred_height;
  widget_class->size_allocate = shmview_hex_view_size_allocate;
  widget_class->realize = shmview_hex_view_realize;
  widget_class->unrealize = shmview_hex_view_unrealize;
  widget_class->map = shmview_hex_view_map;
  widget_class->unmap = shmview_hex_view_unmap;
  widget_class->style_updated = shmview_hex_view_style_updated;
  widget_class->focus_in_event = shmview_hex_view_focus_change;
  widget_class->focus_out_event = shmview_hex_view_focus_change;
  widget_class->key_press_event = shmview_hex_view_key_press;
  widget_class->button_press_event = shmview_hex_view_button_press;
  widget_class->button_release_event = shmview_hex_view_button_release;
  widget_class->motion_notify_event = shmview_hex_view_motion;
  widget_class->scroll_event = shmview_hex_view_scroll;

  properties[PROP_REGION_SIZE] =
    g_param_spec_uint64 ("region-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_BYTES_PER_ROW] =
    g_param_spec_uint ("bytes-per-row", NULL, NULL, 0, MAX_FIT_ROW, 16, flags);
  properties[PROP_FONT_NAME] =
    g_param_spec_string ("font-name", NULL, NULL, DEFAULT_FONT, flags);
  properties[PROP_FADE_MS] =
    g_param_spec_uint ("fade-ms", NULL, NULL, 0, 60000, DEFAULT_FADE_MS, flags);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  properties[PROP_CURSOR] =
    g_param_spec_uint64 ("cursor", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_SELECTION_LENGTH] =
    g_param_spec_uint64 ("selection-length", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLUMN] =
    g_param_spec_enum ("column", NULL, NULL, SHMVIEW_TYPE_HEX_VIEW_COLUMN,
                       SHMVIEW_HEX_VIEW_COLUMN_HEX, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[VISIBLE_RANGE_CHANGED] =
    g_signal_new ("visible-range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_UINT64, G_TYPE_BYTES);
  signals[EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COPY] =
    g_signal_new ("copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_UINT64, G_TYPE_UINT64);

  gtk_widget_class_set_css_name (widget_class, "hexview");
  gtk_widget_class_set_accessible_type (widget_class, SHMVIEW_TYPE_HEX_VIEW_ACCESSIBLE);
}

static void
shmview_hex_view_init (ShmviewHexView *self)
{
  gtk_widget_set_has_window (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self)),
                               GTK_STYLE_CLASS_VIEW);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self)),
                               GTK_STYLE_CLASS_MONOSPACE);

  self->bytes_per_row = 16;
  self->row_width = 16;
  self->fade_ms = DEFAULT_FADE_MS;
  self->font_name = g_strdup (DEFAULT_FONT);
  self->font_desc = pango_font_description_from_string (DEFAULT_FONT);
  self->column = SHMVIEW_HEX_VIEW_COLUMN_HEX;
  self->line_height = 1;
  self->char_width = 1.0;
  self->row_cache = g_ptr_array_new_with_free_func (row_cache_free);
  self->row_text = g_string_new (NULL);
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  g_signal_connect_swapped (self->hadjustment, "value-changed",
                            G_CALLBACK (on_hadjustment_value_changed), self);
  g_signal_connect_swapped (self->vadjustment, "value-changed",
                            G_CALLBACK (on_vadjustment_value_changed), self);
  update_font_metrics (self);
}

/* ------------------------------------------------------------------ */
/* public API                                                         */

GtkWidget *
shmview_hex_view_new (void)
{
  return g_object_new (SHMVIEW_TYPE_HEX_VIEW, NULL);
}

void
shmview_hex_view_set_region_size (ShmviewHexView *self,
                                  guint64         size)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (size == self->region_size)
    return;

  self->region_size = size;
  configure_adjustments (self);
  update_window (self);
  if (self->cursor > last_byte (self) || self->anchor > last_byte (self))
    {
      self->anchor = MIN (self->anchor, last_byte (self));
      move_cursor (self, self->cursor, self->has_selection);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  notify_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_SIZE]);
}

guint64
shmview_hex_view_get_region_size (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 0);
  return self->region_size;
}

void
shmview_hex_view_set_data (ShmviewHexView *self,
                           guint64         offset,
                           GBytes         *bytes)
{
  const guint8 *data;
  gsize len;
  guint64 lo, hi;
  guint64 run_start = G_MAXUINT64;
  gboolean changed = FALSE;

  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));
  g_return_if_fail (bytes != NULL);

  data = g_bytes_get_data (bytes, &len);
  lo = MAX (offset, self->cells_offset);
  hi = MIN (offset + len, self->cells_offset + self->n_cells);

  /* Only what is on screen is kept; an unchanged copy redraws nothing, a
   * changed one only the cells of the bytes that differ. */
  for (guint64 o = lo; o < hi; o++)
    {
      Cell *cell = &self->cells[o - self->cells_offset];
      guint8 v = data[o - offset];

      if (cell->present && cell->value == v)
        {
          if (run_start != G_MAXUINT64)
            queue_draw_bytes (self, run_start, o);
          run_start = G_MAXUINT64;
          continue;
        }
      cell->value = v;
      cell->present = TRUE;
      changed = TRUE;
      if (run_start == G_MAXUINT64)
        run_start = o;
    }
  if (run_start != G_MAXUINT64)
    queue_draw_bytes (self, run_start, hi);

  if (changed)
    notify_accessible (self);
}

void
shmview_hex_view_mark_changed (ShmviewHexView      *self,
                               guint64              offset,
                               guint64              length,
                               ShmviewChangeSource  source)
{
  gint64 now = g_get_monotonic_time ();
  guint64 lo, hi;

  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (self->fade_ms == 0)
    return;
  lo = MAX (offset, self->cells_offset);
  hi = MIN (offset + MIN (length, G_MAXUINT64 - offset), self->cells_offset + self->n_cells);
  if (lo >= hi)
    return;

  for (guint64 o = lo; o < hi; o++)
    {
      Cell *cell = &self->cells[o - self->cells_offset];

      cell->changed_at = now;
      cell->own = source == SHMVIEW_CHANGE_OWN;
    }
  self->fade_until = now + (gint64) self->fade_ms * 1000;
  start_fading (self);
  queue_draw_bytes (self, lo, hi);
}

void
shmview_hex_view_set_tints (ShmviewHexView       *self,
                            const ShmviewHexTint *tints,
                            guint                 n_tints)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));
  g_return_if_fail (tints != NULL || n_tints == 0);

  g_clear_pointer (&self->tints, g_array_unref);
  if (n_tints > 0)
    {
      self->tints = g_array_sized_new (FALSE, FALSE, sizeof (ShmviewHexTint), n_tints);
      g_array_append_vals (self->tints, tints, n_tints);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shmview_hex_view_get_visible_range (ShmviewHexView *self,
                                    guint64        *offset,
                                    guint64        *length)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (offset != NULL)
    *offset = self->cells_offset;
  if (length != NULL)
    *length = self->n_cells;
}

void
shmview_hex_view_set_bytes_per_row (ShmviewHexView *self,
                                    guint           bytes_per_row)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  /* 8, 16 and 32 are what the UI offers; anything else between becomes a
   * multiple of 8, since hex groups are 8 bytes wide. */
  if (bytes_per_row != 0)
    bytes_per_row = CLAMP (bytes_per_row - bytes_per_row % 8, 8, MAX_FIT_ROW);
  if (bytes_per_row == self->bytes_per_row)
    return;

  self->bytes_per_row = bytes_per_row;
  set_row_width (self, wanted_row_width (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_PER_ROW]);
}

guint
shmview_hex_view_get_bytes_per_row (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 16);
  return self->bytes_per_row;
}

guint
shmview_hex_view_get_row_width (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 16);
  return self->row_width;
}

void
shmview_hex_view_set_font_name (ShmviewHexView *self,
                                const char     *font_name)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (font_name == NULL || *font_name == '\0')
    font_name = DEFAULT_FONT;
  if (g_strcmp0 (font_name, self->font_name) == 0)
    return;

  g_free (self->font_name);
  self->font_name = g_strdup (font_name);
  pango_font_description_free (self->font_desc);
  self->font_desc = pango_font_description_from_string (font_name);
  drop_row_cache (self);
  update_font_metrics (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_NAME]);
}

void
shmview_hex_view_set_fade_ms (ShmviewHexView *self,
                              guint           fade_ms)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (fade_ms == self->fade_ms)
    return;
  self->fade_ms = fade_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FADE_MS]);
}

void
shmview_hex_view_set_read_only (ShmviewHexView *self,
                                gboolean        read_only)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  read_only = !!read_only;
  if (read_only == self->read_only)
    return;
  self->read_only = read_only;
  if (self->accessible != NULL)
    atk_object_notify_state_change (self->accessible, ATK_STATE_EDITABLE, !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
shmview_hex_view_get_read_only (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), FALSE);
  return self->read_only;
}

guint64
shmview_hex_view_get_cursor (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 0);
  return self->cursor;
}

void
shmview_hex_view_set_cursor (ShmviewHexView *self,
                             guint64         offset)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));
  move_cursor (self, offset, FALSE);
}

void
shmview_hex_view_select (ShmviewHexView *self,
                         guint64         start,
                         guint64         end)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  end = MIN (end, self->region_size);
  if (end <= start)
    {
      move_cursor (self, self->cursor, FALSE);
      return;
    }
  move_cursor (self, start, FALSE);
  move_cursor (self, end - 1, TRUE);
}

gboolean
shmview_hex_view_get_selection (ShmviewHexView *self,
                                guint64        *start,
                                guint64        *end)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), FALSE);

  if (start != NULL)
    *start = MIN (self->anchor, self->cursor);
  if (end != NULL)
    *end = MIN (self->anchor, self->cursor) + selection_length (self);
  return self->has_selection;
}

ShmviewHexViewColumn
shmview_hex_view_get_column (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), SHMVIEW_HEX_VIEW_COLUMN_HEX);
  return self->column;
}

void
shmview_hex_view_set_column (ShmviewHexView       *self,
                             ShmviewHexViewColumn  column)
{
  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  self->nibble = 0;
  if (column == self->column)
    return;
  self->column = column;
  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN]);
}

gboolean
shmview_hex_view_get_byte_at_cursor (ShmviewHexView *self,
                                     guint8         *out)
{
  const Cell *cell;

  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), FALSE);

  cell = cell_at (self, self->cursor);
  if (cell == NULL || !cell->present)
    return FALSE;
  if (out != NULL)
    *out = cell->value;
  return TRUE;
}

gsize
_shmview_hex_view_get_loaded (ShmviewHexView *self,
                              guint64         offset,
                              guint8         *out,
                              gsize           max)
{
  gsize n = 0;

  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 0);

  for (const Cell *cell = cell_at (self, offset); n < max && cell != NULL; cell = cell_at (self, offset + n))
    {
      if (!cell->present)
        break;
      out[n++] = cell->value;
    }
  return n;
}

char *
shmview_hex_view_dup_visible_text (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), NULL);
  return _shmview_hex_view_accessible_build_text (self, NULL);
}

/* Copies what the view holds of [start, start + length): on its own it only
 * has the bytes on screen. */
static void
copy_loaded (ShmviewHexView *self,
             guint64         start,
             guint64         length)
{
  g_autofree guint8 *buf = g_malloc (MIN (length, self->n_cells + 1));
  g_autofree char *text = NULL;
  gsize n = 0;

  for (guint64 o = start; o < start + length; o++)
    {
      const Cell *cell = cell_at (self, o);

      if (cell == NULL || !cell->present)
        break;
      buf[n++] = cell->value;
    }
  if (n < length)
    g_debug ("copying %" G_GSIZE_FORMAT " of %" G_GUINT64_FORMAT " selected bytes (the rest is not loaded)",
             n, length);
  if (n == 0)
    return;

  text = shmview_format_hex_text (buf, n);
  gtk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self), GDK_SELECTION_CLIPBOARD),
                          text, -1);
}

void
shmview_hex_view_copy_clipboard (ShmviewHexView *self)
{
  guint64 start, length;
  gboolean handled = FALSE;

  g_return_if_fail (SHMVIEW_IS_HEX_VIEW (self));

  if (self->region_size == 0)
    return;
  start = MIN (self->anchor, self->cursor);
  length = MAX (selection_length (self), 1);

  /* The controller can read the whole selection; without one, copy what is here. */
  g_signal_emit (self, signals[COPY], 0, start, length, &handled);
  if (!handled)
    copy_loaded (self, start, length);
}

double
_shmview_hex_view_peek_change (ShmviewHexView      *self,
                               guint64              offset,
                               ShmviewChangeSource *source)
{
  const Cell *cell;

  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), 0.0);

  cell = cell_at (self, offset);
  if (cell == NULL)
    return 0.0;
  if (source != NULL)
    *source = cell->own ? SHMVIEW_CHANGE_OWN : SHMVIEW_CHANGE_FOREIGN;
  return change_strength (self, cell, g_get_monotonic_time ());
}

gboolean
_shmview_hex_view_is_animating (ShmviewHexView *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HEX_VIEW (self), FALSE);
  return self->tick_id != 0;
}
