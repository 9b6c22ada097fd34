/* shmview-graph.c: numeric watches drawn over time
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line per series over the last 10 s, 1 min or 10 min, the value axis
 * scaled to what is in view. Samples come from the owner's tick (the same
 * time for every series of one tick, so the CSV export lines them up in
 * rows); each series keeps 10 minutes of them, at most MAX_SAMPLES.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "shmview-graph.h"

#define MAX_SAMPLES  (600 * 100)  /* 10 minutes at 100 Hz */
#define KEEP_US      (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
#define MARGIN_LEFT   56.0
#define MARGIN_OTHER  8.0

typedef struct
{
  gint64 time_us;
  double value;
} Sample;

typedef struct
{
  guint   id;
  char   *name;
  GArray *samples;  /* Sample, oldest first */
} Series;

struct _ShmviewGraph
{
  GtkDrawingArea parent_instance;

  GPtrArray *series;   /* Series */
  guint      next_id;
  guint      span;     /* seconds in view */
  gboolean   paused;
  gint64     paused_at;
  gint64     latest;   /* the newest sample's time */
};

G_DEFINE_FINAL_TYPE (ShmviewGraph, shmview_graph, GTK_TYPE_DRAWING_AREA)

static const GdkRGBA palette[] = {
  { 0.21, 0.52, 0.89, 1 }, { 0.90, 0.38, 0.00, 1 }, { 0.20, 0.65, 0.33, 1 },
  { 0.75, 0.11, 0.16, 1 }, { 0.57, 0.25, 0.67, 1 }, { 0.40, 0.40, 0.40, 1 },
};

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->samples);
  g_free (series);
}

static Series *
find_series (ShmviewGraph *self,
             guint         id,
             guint        *index)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = self->series->pdata[i];

      if (series->id == id)
        {
          if (index != NULL)
            *index = i;
          return series;
        }
    }
  return NULL;
}

static gint64
view_end (ShmviewGraph *self)
{
  return self->paused ? self->paused_at : self->latest;
}

/* The value range of what is in view; FALSE when nothing is. */
static gboolean
value_range (ShmviewGraph *self,
             gint64        start,
             double       *low,
             double       *high)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = self->series->pdata[i];

      for (guint j = 0; j < series->samples->len; j++)
        {
          Sample *s = &g_array_index (series->samples, Sample, j);

          if (s->time_us < start || !isfinite (s->value))
            continue;
          *low = any ? MIN (*low, s->value) : s->value;
          *high = any ? MAX (*high, s->value) : s->value;
          any = TRUE;
        }
    }
  if (any && *high - *low < 1e-9)
    {
      /* A flat line sits in the middle, not on an edge. */
      double pad = fabs (*high) > 1 ? fabs (*high) * 0.05 : 1;

      *low -= pad;
      *high += pad;
    }
  return any;
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_axes (ShmviewGraph *self,
           cairo_t      *cr,
           GdkRGBA      *fg,
           double        width,
           double        height,
           double        low,
           double        high)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *top = g_strdup_printf ("%.6g", high);
  g_autofree char *bottom = g_strdup_printf ("%.6g", low);
  g_autofree char *ago = g_strdup_printf (_("−%u s"), self->span);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, MARGIN_LEFT + 0.5, MARGIN_OTHER + 0.5,
                   width - MARGIN_LEFT - MARGIN_OTHER, height - 2 * MARGIN_OTHER - 14);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  draw_text (cr, widget, top, MARGIN_LEFT - 4, MARGIN_OTHER + 6, 1.0);
  draw_text (cr, widget, bottom, MARGIN_LEFT - 4, height - MARGIN_OTHER - 20, 1.0);
  draw_text (cr, widget, ago, MARGIN_LEFT, height - 8, 0.0);
  draw_text (cr, widget, self->paused ? _("paused") : _("now"), width - MARGIN_OTHER,
             height - 8, 1.0);
}

static void
draw_series (ShmviewGraph *self,
             cairo_t      *cr,
             Series       *series,
             const GdkRGBA *colour,
             double        width,
             double        height,
             double        low,
             double        high)
{
  gint64 end = view_end (self), start = end - (gint64) self->span * G_USEC_PER_SEC;
  double plot_w = width - MARGIN_LEFT - MARGIN_OTHER;
  double plot_h = height - 2 * MARGIN_OTHER - 14;
  gboolean started = FALSE;

  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 1.5);
  for (guint j = 0; j < series->samples->len; j++)
    {
      Sample *s = &g_array_index (series->samples, Sample, j);
      double x, y;

      if (s->time_us < start || s->time_us > end || !isfinite (s->value))
        continue;
      x = MARGIN_LEFT + plot_w * (double) (s->time_us - start) / (double) (end - start);
      y = MARGIN_OTHER + plot_h * (1 - (s->value - low) / (high - low));
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_legend (ShmviewGraph *self,
             cairo_t      *cr)
{
  double y = MARGIN_OTHER + 10;

  for (guint i = 0; i < self->series->len; i++, y += 16)
    {
      Series *series = self->series->pdata[i];

      gdk_cairo_set_source_rgba (cr, &palette[i % G_N_ELEMENTS (palette)]);
      draw_text (cr, GTK_WIDGET (self), series->name, MARGIN_LEFT + 8, y, 0.0);
    }
}

static gboolean
shmview_graph_draw (GtkWidget *widget,
                    cairo_t   *cr)
{
  ShmviewGraph *self = SHMVIEW_GRAPH (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_allocated_width (widget);
  double height = gtk_widget_get_allocated_height (widget);
  gint64 start = view_end (self) - (gint64) self->span * G_USEC_PER_SEC;
  GdkRGBA fg;
  double low = 0, high = 1;

  gtk_render_background (context, cr, 0, 0, width, height);
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &fg);
  if (!value_range (self, start, &low, &high))
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, _("Pin numeric fields to draw them here"), width / 2, height / 2,
                 0.5);
      return FALSE;
    }
  draw_axes (self, cr, &fg, width, height, low, high);
  for (guint i = 0; i < self->series->len; i++)
    draw_series (self, cr, self->series->pdata[i], &palette[i % G_N_ELEMENTS (palette)],
                 width, height, low, high);
  draw_legend (self, cr);
  return FALSE;
}

static void
shmview_graph_finalize (GObject *object)
{
  ShmviewGraph *self = SHMVIEW_GRAPH (object);

  g_clear_pointer (&self->series, g_ptr_array_unref);
  G_OBJECT_CLASS (shmview_graph_parent_class)->finalize (object);
}

static void
shmview_graph_class_init (ShmviewGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shmview_graph_finalize;
  widget_class->draw = shmview_graph_draw;
  gtk_widget_class_set_css_name (widget_class, "shmview-graph");
}

static void
shmview_graph_init (ShmviewGraph *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->next_id = 1;
  self->span = 10;
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 120);
  atk_object_set_name (accessible, _("Graph"));
  atk_object_set_role (accessible, ATK_ROLE_CHART);
}

GtkWidget *
shmview_graph_new (void)
{
  return g_object_new (SHMVIEW_TYPE_GRAPH, NULL);
}

/* The accessible description: each series' last value, for screen readers and tests. */
static void
update_description (ShmviewGraph *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = self->series->pdata[i];

      if (series->samples->len == 0)
        continue;
      g_string_append_printf (text, "%s%s = %.17g", text->len > 0 ? "; " : "", series->name,
                              g_array_index (series->samples, Sample,
                                             series->samples->len - 1).value);
    }
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), text->str);
}

/**
 * shmview_graph_add_series:
 * @self: a graph
 * @name: the legend's text
 *
 * Returns: the series' id, for add_sample and remove_series
 */
guint
shmview_graph_add_series (ShmviewGraph *self,
                          const char   *name)
{
  Series *series;

  g_return_val_if_fail (SHMVIEW_IS_GRAPH (self), 0);

  series = g_new0 (Series, 1);
  series->id = self->next_id++;
  series->name = g_strdup (name);
  series->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_ptr_array_add (self->series, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return series->id;
}

void
shmview_graph_remove_series (ShmviewGraph *self,
                             guint         id)
{
  guint index;

  g_return_if_fail (SHMVIEW_IS_GRAPH (self));

  if (find_series (self, id, &index) != NULL)
    g_ptr_array_remove_index (self->series, index);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shmview_graph_clear (ShmviewGraph *self)
{
  g_return_if_fail (SHMVIEW_IS_GRAPH (self));

  g_ptr_array_set_size (self->series, 0);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * shmview_graph_add_sample:
 * @self: a graph
 * @id: a series
 * @time_us: g_get_monotonic_time() of the sample
 * @value: the value
 *
 * Samples older than ten minutes are dropped.
 */
void
shmview_graph_add_sample (ShmviewGraph *self,
                          guint         id,
                          gint64        time_us,
                          double        value)
{
  Series *series;
  Sample sample = { time_us, value };
  guint old = 0;

  g_return_if_fail (SHMVIEW_IS_GRAPH (self));

  series = find_series (self, id, NULL);
  if (series == NULL)
    return;
  g_array_append_val (series->samples, sample);
  while (old < series->samples->len
         && (series->samples->len - old > MAX_SAMPLES
             || g_array_index (series->samples, Sample, old).time_us < time_us - KEEP_US))
    old++;
  if (old > 0)
    g_array_remove_range (series->samples, 0, old);
  self->latest = MAX (self->latest, time_us);
  update_description (self);
  if (!self->paused && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* 10, 60 or 600 seconds in view. */
void
shmview_graph_set_span (ShmviewGraph *self,
                        guint         seconds)
{
  g_return_if_fail (SHMVIEW_IS_GRAPH (self));
  g_return_if_fail (seconds > 0 && seconds <= 600);

  self->span = seconds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
shmview_graph_get_span (ShmviewGraph *self)
{
  g_return_val_if_fail (SHMVIEW_IS_GRAPH (self), 0);

  return self->span;
}

/* Paused, the view stays where it is while samples go on coming in. */
void
shmview_graph_set_paused (ShmviewGraph *self,
                          gboolean      paused)
{
  g_return_if_fail (SHMVIEW_IS_GRAPH (self));

  self->paused = paused;
  self->paused_at = self->latest;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
shmview_graph_get_paused (ShmviewGraph *self)
{
  g_return_val_if_fail (SHMVIEW_IS_GRAPH (self), FALSE);

  return self->paused;
}

guint
shmview_graph_get_n_series (ShmviewGraph *self)
{
  g_return_val_if_fail (SHMVIEW_IS_GRAPH (self), 0);

  return self->series->len;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * shmview_graph_dup_csv:
 * @self: a graph
 *
 * Returns: (transfer full): every kept sample as CSV: a "seconds" column
 *   (since the first sample) and one column per series; a series without a
 *   sample at that time leaves its cell empty
 */
char *
shmview_graph_dup_csv (ShmviewGraph *self)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint *cursors = NULL;
  GString *out = g_string_new ("seconds");

  g_return_val_if_fail (SHMVIEW_IS_GRAPH (self), NULL);

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = self->series->pdata[i];

      g_string_append_c (out, ',');
      append_csv_field (out, series->name);
      for (guint j = 0; j < series->samples->len; j++)
        {
          Sample *s = &g_array_index (series->samples, Sample, j);

          if (g_hash_table_add (seen, &s->time_us))
            g_array_append_val (times, s->time_us);
        }
    }
  g_string_append_c (out, '\n');
  g_array_sort (times, compare_times);
  /* Each series' samples are in time order: one cursor each walks them once. */
  cursors = g_new0 (guint, self->series->len);
  for (guint t = 0; t < times->len; t++)
    {
      gint64 time_us = g_array_index (times, gint64, t);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (number, sizeof number, "%.6f",
                                             (double) (time_us - g_array_index (times, gint64, 0))
                                             / G_USEC_PER_SEC));
      for (guint i = 0; i < self->series->len; i++)
        {
          GArray *samples = ((Series *) self->series->pdata[i])->samples;

          g_string_append_c (out, ',');
          while (cursors[i] < samples->len
                 && g_array_index (samples, Sample, cursors[i]).time_us < time_us)
            cursors[i]++;
          if (cursors[i] < samples->len
              && g_array_index (samples, Sample, cursors[i]).time_us == time_us)
            g_string_append (out, g_ascii_dtostr (number, sizeof number,
                                                  g_array_index (samples, Sample,
                                                                 cursors[i]).value));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
