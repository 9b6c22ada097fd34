/* shmview-activity-strip.c: the whole region in one column, coloured by its changes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region is cut into SHMVIEW_ACTIVITY_STRIP_CELLS equal cells, top to
 * bottom; each remembers when it last changed, how often, and whose change
 * it was. A cell is drawn in the foreign or own colour (style.css names
 * them), stronger the more recent and the more frequent its changes, fading
 * over FADE_US. The visible window is outlined. While something fades the
 * strip redraws a few times a second, and not at all once everything is
 * still. A click or drag emits "jump" with the offset under the pointer.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shmview-activity-strip.h"

#define FADE_US (10 * G_USEC_PER_SEC)
#define FADE_STEP_MS 250
#define STRIP_WIDTH 14

typedef struct
{
  gint64              time;     /* g_get_monotonic_time() of the last change; 0: never */
  guint               count;
  ShmviewChangeOrigin origin;
  gboolean            differs;  /* differs from the snapshot compared with */
} Cell;

typedef struct
{
  guint64 offset;
  guint64 length;
} Recent;

struct _ShmviewActivityStrip
{
  GtkDrawingArea parent_instance;

  guint64 size;
  guint64 visible_offset;
  guint64 visible_length;
  Cell    cells[SHMVIEW_ACTIVITY_STRIP_CELLS];
  Recent  recent[SHMVIEW_ACTIVITY_STRIP_RECENT];  /* newest first */
  guint   n_recent;
  guint   fade_id;
  gboolean dragging;
};

G_DEFINE_FINAL_TYPE (ShmviewActivityStrip, shmview_activity_strip, GTK_TYPE_DRAWING_AREA)

enum {
  JUMP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
cell_of (ShmviewActivityStrip *self,
         guint64               offset)
{
  if (self->size == 0)
    return 0;
  /* no overflow: offset < size <= 2^64, cells = 2^10 */
  return (guint) MIN ((guint64) SHMVIEW_ACTIVITY_STRIP_CELLS - 1,
                      offset / ((self->size + SHMVIEW_ACTIVITY_STRIP_CELLS - 1)
                                / SHMVIEW_ACTIVITY_STRIP_CELLS));
}

static guint
n_used_cells (ShmviewActivityStrip *self)
{
  return self->size == 0 ? 0 : cell_of (self, self->size - 1) + 1;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba,
              const char *fallback)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

static gboolean
fading (ShmviewActivityStrip *self,
        gint64                now)
{
  for (guint i = 0; i < SHMVIEW_ACTIVITY_STRIP_CELLS; i++)
    if (self->cells[i].time != 0 && now - self->cells[i].time < FADE_US)
      return TRUE;
  return FALSE;
}

static gboolean
on_fade_step (gpointer user_data)
{
  ShmviewActivityStrip *self = user_data;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fading (self, g_get_monotonic_time ()))
    return G_SOURCE_CONTINUE;
  self->fade_id = 0;
  return G_SOURCE_REMOVE;
}

static void
ensure_fading (ShmviewActivityStrip *self)
{
  if (self->fade_id == 0)
    {
      self->fade_id = g_timeout_add (FADE_STEP_MS, on_fade_step, self);
      g_source_set_name_by_id (self->fade_id, "[shmview] activity strip fade");
    }
}

/* Recent changes show strong; older ones settle at a faint trace that
 * stays, more visible the more often the cell changed. */
static double
cell_alpha (const Cell *cell,
            gint64      now)
{
  double recency = 1.0 - MIN (1.0, (double) (now - cell->time) / FADE_US);
  double frequency = MIN (1.0, log2 (1.0 + cell->count) / 8.0);

  return 0.2 + 0.2 * frequency + 0.6 * recency;
}

static gboolean
shmview_activity_strip_draw (GtkWidget *widget,
                             cairo_t   *cr)
{
  ShmviewActivityStrip *self = SHMVIEW_ACTIVITY_STRIP (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  guint n = n_used_cells (self);
  gint64 now = g_get_monotonic_time ();
  GdkRGBA foreign, own, differs, outline;

  gtk_render_background (context, cr, 0, 0, width, height);
  if (n == 0 || height <= 0)
    return FALSE;

  lookup_color (widget, "shmview_activity_foreign", &foreign, "#e66100");
  lookup_color (widget, "shmview_activity_own", &own, "#3584e4");
  lookup_color (widget, "shmview_activity_differs", &differs, "#c01c28");
  lookup_color (widget, "shmview_activity_window", &outline, "#77767b");

  for (guint i = 0; i < n; i++)
    {
      const Cell *cell = &self->cells[i];
      double y0 = floor ((double) i * height / n);
      double y1 = MAX (y0 + 1, floor ((double) (i + 1) * height / n));

      if (cell->differs)
        {
          gdk_cairo_set_source_rgba (cr, &differs);
          cairo_rectangle (cr, 0, y0, width / 3.0, y1 - y0);
          cairo_fill (cr);
        }
      if (cell->time == 0)
        continue;
      cairo_set_source_rgba (cr,
                             (cell->origin == SHMVIEW_CHANGE_ORIGIN_OWN ? own : foreign).red,
                             (cell->origin == SHMVIEW_CHANGE_ORIGIN_OWN ? own : foreign).green,
                             (cell->origin == SHMVIEW_CHANGE_ORIGIN_OWN ? own : foreign).blue,
                             cell_alpha (cell, now));
      cairo_rectangle (cr, cell->differs ? width / 3.0 : 0, y0, width, y1 - y0);
      cairo_fill (cr);
    }

  if (self->visible_length > 0 && self->size > 0)
    {
      double y0 = (double) self->visible_offset / self->size * height;
      double h = MAX (3.0, (double) self->visible_length / self->size * height);

      gdk_cairo_set_source_rgba (cr, &outline);
      cairo_set_line_width (cr, 1.5);
      cairo_rectangle (cr, 0.75, MIN (y0, height - h) + 0.75, width - 1.5, h - 1.5);
      cairo_stroke (cr);
    }
  return FALSE;
}

static void
emit_jump (ShmviewActivityStrip *self,
           double                y)
{
  int height = gtk_widget_get_allocated_height (GTK_WIDGET (self));
  double fraction;

  if (self->size == 0 || height <= 0)
    return;
  fraction = CLAMP (y / height, 0.0, 1.0);
  g_signal_emit (self, signals[JUMP], 0,
                 (guint64) MIN ((double) (self->size - 1), fraction * (double) self->size));
}

static gboolean
shmview_activity_strip_button_press_event (GtkWidget      *widget,
                                           GdkEventButton *event)
{
  ShmviewActivityStrip *self = SHMVIEW_ACTIVITY_STRIP (widget);

  if (event->button != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;
  self->dragging = TRUE;
  emit_jump (self, event->y);
  return GDK_EVENT_STOP;
}

static gboolean
shmview_activity_strip_button_release_event (GtkWidget      *widget,
                                             GdkEventButton *event)
{
  SHMVIEW_ACTIVITY_STRIP (widget)->dragging = FALSE;
  return GDK_EVENT_STOP;
}

static gboolean
shmview_activity_strip_motion_notify_event (GtkWidget      *widget,
                                            GdkEventMotion *event)
{
  ShmviewActivityStrip *self = SHMVIEW_ACTIVITY_STRIP (widget);

  if (self->dragging)
    emit_jump (self, event->y);
  return GDK_EVENT_STOP;
}

static void
shmview_activity_strip_get_preferred_width (GtkWidget *widget,
                                            int       *minimum,
                                            int       *natural)
{
  *minimum = *natural = STRIP_WIDTH;
}

static void
shmview_activity_strip_dispose (GObject *object)
{
  ShmviewActivityStrip *self = SHMVIEW_ACTIVITY_STRIP (object);

  g_clear_handle_id (&self->fade_id, g_source_remove);

  G_OBJECT_CLASS (shmview_activity_strip_parent_class)->dispose (object);
}

static void
shmview_activity_strip_class_init (ShmviewActivityStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_activity_strip_dispose;
  widget_class->draw = shmview_activity_strip_draw;
  widget_class->button_press_event = shmview_activity_strip_button_press_event;
  widget_class->button_release_event = shmview_activity_strip_button_release_event;
  widget_class->motion_notify_event = shmview_activity_strip_motion_notify_event;
  widget_class->get_preferred_width = shmview_activity_strip_get_preferred_width;

  signals[JUMP] =
    g_signal_new ("jump", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  gtk_widget_class_set_css_name (widget_class, "shmview-activity-strip");
  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_CHART);
}

static void
update_description (ShmviewActivityStrip *self)
{
  g_autofree char *text = shmview_activity_strip_dup_description (self);

  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), text);
}

static void
shmview_activity_strip_init (ShmviewActivityStrip *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  gtk_widget_add_events (GTK_WIDGET (self), GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK
                                            | GDK_BUTTON1_MOTION_MASK);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Activity of the whole region: recent changes are bright, "
                                 "others’ in orange, yours in blue; the frame is what you see. "
                                 "Click or drag to go there."));
  atk_object_set_name (accessible, _("Activity"));
  update_description (self);
}

GtkWidget *
shmview_activity_strip_new (void)
{
  return g_object_new (SHMVIEW_TYPE_ACTIVITY_STRIP, NULL);
}

void
shmview_activity_strip_set_region_size (ShmviewActivityStrip *self,
                                        guint64               size)
{
  g_return_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self));

  if (self->size == size)
    return;
  /* the cells cover other bytes now: start afresh */
  self->size = size;
  memset (self->cells, 0, sizeof self->cells);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
remember_recent (ShmviewActivityStrip *self,
                 guint64               offset,
                 guint64               length)
{
  guint n = MIN (self->n_recent, (guint) SHMVIEW_ACTIVITY_STRIP_RECENT - 1);

  memmove (&self->recent[1], &self->recent[0], n * sizeof (Recent));
  self->recent[0].offset = offset;
  self->recent[0].length = length;
  self->n_recent = n + 1;
}

void
shmview_activity_strip_add_change (ShmviewActivityStrip *self,
                                   guint64               offset,
                                   guint64               length,
                                   ShmviewChangeOrigin   origin,
                                   gint64                time)
{
  guint first, last;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self));

  if (length == 0 || offset >= self->size)
    return;
  length = MIN (length, self->size - offset);
  first = cell_of (self, offset);
  last = cell_of (self, offset + length - 1);
  for (guint i = first; i <= last; i++)
    {
      self->cells[i].time = now;
      self->cells[i].count++;
      self->cells[i].origin = origin;
    }
  remember_recent (self, offset, length);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  ensure_fading (self);
}

void
shmview_activity_strip_add_difference (ShmviewActivityStrip *self,
                                       guint64               offset,
                                       guint64               length)
{
  g_return_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self));

  if (length == 0 || offset >= self->size)
    return;
  length = MIN (length, self->size - offset);
  for (guint i = cell_of (self, offset); i <= cell_of (self, offset + length - 1); i++)
    self->cells[i].differs = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shmview_activity_strip_clear_differences (ShmviewActivityStrip *self)
{
  g_return_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self));

  for (guint i = 0; i < SHMVIEW_ACTIVITY_STRIP_CELLS; i++)
    self->cells[i].differs = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shmview_activity_strip_set_visible_range (ShmviewActivityStrip *self,
                                          guint64               offset,
                                          guint64               length)
{
  g_return_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self));

  if (self->visible_offset == offset && self->visible_length == length)
    return;
  self->visible_offset = offset;
  self->visible_length = length;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
shmview_activity_strip_get_count_at (ShmviewActivityStrip *self,
                                     guint64               offset)
{
  g_return_val_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self), 0);

  if (offset >= self->size)
    return 0;
  return self->cells[cell_of (self, offset)].count;
}

/**
 * shmview_activity_strip_dup_description:
 *
 * Returns: (transfer full): "No changes yet", or "Recent changes at 0x1f00
 * (1 byte), 0x10 (4 bytes)", newest first
 */
char *
shmview_activity_strip_dup_description (ShmviewActivityStrip *self)
{
  GString *text;

  g_return_val_if_fail (SHMVIEW_IS_ACTIVITY_STRIP (self), NULL);

  if (self->n_recent == 0)
    return g_strdup (_("No changes yet"));

  text = g_string_new (_("Recent changes at"));
  for (guint i = 0; i < self->n_recent; i++)
    {
      const Recent *recent = &self->recent[i];
      g_autofree char *offset = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", recent->offset);
      g_autofree char *length = g_strdup_printf ("%" G_GUINT64_FORMAT, recent->length);

      g_string_append (text, i == 0 ? " " : ", ");
      /* Translators: one changed range: "0x1f00 (4 bytes)" */
      g_string_append_printf (text, ngettext ("%1$s (%2$s byte)", "%1$s (%2$s bytes)",
                                              (gulong) MIN (recent->length, 1000000)),
                              offset, length);
    }
  return g_string_free (text, FALSE);
}
