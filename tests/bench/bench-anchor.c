/* bench-anchor.c: the floor the app's CPU is measured against
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-anchor NAME INTERVAL_MS
 * A minimal GTK 3 live view of a POSIX object (issue 13's anchor): a
 * GtkDrawingArea that memcmp()s the first 4 KiB of the mapping with its
 * copy on every tick and, when they differ, takes a new copy and redraws
 * the rows that fit, one PangoLayout per row, in hexdump -C layout. No
 * highlight, no editing, no browser: what any live view must at least do.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtk/gtk.h>

#define WINDOW_BYTES 4096
#define ROW 16

typedef struct
{
  const guint8 *map;
  guint8        copy[WINDOW_BYTES];
  gsize         len;
  GtkWidget    *area;
} Anchor;

static gboolean
on_tick (gpointer data)
{
  Anchor *a = data;

  if (memcmp (a->map, a->copy, a->len) != 0)
    {
      memcpy (a->copy, a->map, a->len);
      gtk_widget_queue_draw (a->area);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_draw (GtkWidget *area,
         cairo_t   *cr,
         Anchor    *a)
{
  int height = gtk_widget_get_allocated_height (area);
  PangoFontDescription *font = pango_font_description_from_string ("Monospace 11");
  int y = 0;

  for (gsize off = 0; off < a->len && y < height; off += ROW)
    {
      g_autoptr(PangoLayout) layout = NULL;
      GString *text = g_string_new (NULL);
      gsize n = MIN (ROW, a->len - off);
      int h;

      g_string_append_printf (text, "%08zx  ", off);
      for (gsize i = 0; i < ROW; i++)
        {
          if (i < n)
            g_string_append_printf (text, "%02x ", a->copy[off + i]);
          else
            g_string_append (text, "   ");
          if (i == 7)
            g_string_append_c (text, ' ');
        }
      g_string_append (text, " |");
      for (gsize i = 0; i < n; i++)
        g_string_append_c (text, g_ascii_isprint (a->copy[off + i]) ? a->copy[off + i] : '.');
      g_string_append_c (text, '|');

      layout = gtk_widget_create_pango_layout (area, text->str);
      pango_layout_set_font_description (layout, font);
      cairo_move_to (cr, 6, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_pixel_size (layout, NULL, &h);
      y += h;
      g_string_free (text, TRUE);
    }
  pango_font_description_free (font);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  Anchor a = { 0 };
  GtkWidget *window;
  struct stat st;
  int fd;

  gtk_init (&argc, &argv);
  if (argc != 3)
    {
      g_printerr ("usage: bench-anchor NAME INTERVAL_MS\n");
      return 2;
    }
  fd = shm_open (argv[1], O_RDONLY, 0);
  if (fd < 0 || fstat (fd, &st) != 0 || st.st_size == 0)
    {
      g_printerr ("bench-anchor: cannot open %s\n", argv[1]);
      return 1;
    }
  a.len = MIN ((gsize) st.st_size, WINDOW_BYTES);
  a.map = mmap (NULL, a.len, PROT_READ, MAP_SHARED, fd, 0);
  close (fd);
  if (a.map == MAP_FAILED)
    return 1;
  memcpy (a.copy, a.map, a.len);

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_title (GTK_WINDOW (window), "bench-anchor");
  a.area = gtk_drawing_area_new ();
  g_signal_connect (a.area, "draw", G_CALLBACK (on_draw), &a);
  gtk_container_add (GTK_CONTAINER (window), a.area);
  g_signal_connect (window, "destroy", G_CALLBACK (gtk_main_quit), NULL);
  gtk_widget_show_all (window);
  g_timeout_add ((guint) g_ascii_strtoull (argv[2], NULL, 10), on_tick, &a);
  gtk_main ();
  return 0;
}
