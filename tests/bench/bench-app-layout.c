/* bench-app-layout.c: one tick of the struct pane over a 10,000-field struct
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header declares struct big with 10,000 fields (uint32_t and double in
 * turn); the pane shows it in a 900-pixel window, and another program
 * changes one field before each tick. Measured: the tick itself (read and
 * compare the placement, light up the changed rows on screen, sample the
 * watches) plus decoding every visible row's value as the tree's cell data
 * function does when it draws. Goal (issue 9): at most 1 ms per tick.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "bench-table.h"
#include "shmview-layout-pane-private.h"
#include "shmview-layout-pane.h"
#include "shmview-layout.h"
#include "test-util.h"

#define N_FIELDS 10000
#define TICKS    400

static char *
write_header (void)
{
  g_autoptr(GString) text = g_string_new ("#include <stdint.h>\nstruct big {\n");
  char *path = shmview_test_temp_path ("big.h");

  for (guint i = 0; i < N_FIELDS; i++)
    g_string_append_printf (text, "  %s f%u;\n", i % 2 ? "double" : "uint32_t", i);
  g_string_append (text, "};\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

/* Formats every row on screen, as drawing them would. */
static void
decode_visible (GtkTreeView *view)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtkTreeViewColumn *column = gtk_tree_view_get_column (view, 1);
  g_autoptr(GtkTreePath) start = NULL, end = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_view_get_visible_range (view, &start, &end))
    return;
  do
    {
      if (!gtk_tree_model_get_iter (model, &iter, start))
        break;
      gtk_tree_view_column_cell_set_cell_data (column, model, &iter, FALSE, FALSE);
      gtk_tree_path_next (start);
    }
  while (gtk_tree_path_compare (start, end) <= 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *header = NULL, *file = NULL, *spec = NULL, *ours = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(ShmviewLayoutPlacement) placement = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewLayoutPane *pane;
  GtkWidget *window;
  gint64 start, spent = 0;
  double per_tick_ms;
  int fd;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check (&argc, &argv))
    return 77;
  if (!shmview_layout_clang_available ())
    return 77;
  header = write_header ();
  file = shmview_test_temp_path ("big.bin");
  fd = open (file, O_RDWR | O_CREAT, 0600);
  g_assert_cmpint (ftruncate (fd, N_FIELDS * 8), ==, 0);
  spec = g_strconcat ("file:", file, NULL);
  region = shmview_region_open_text (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 900);
  pane = SHMVIEW_LAYOUT_PANE (shmview_layout_pane_new ());
  gtk_container_add (GTK_CONTAINER (window), GTK_WIDGET (pane));
  shmview_layout_pane_set_region (pane, region);
  g_object_set (pane, "paused", TRUE, NULL);
  placement = shmview_layout_placement_new (header, "struct big", NULL, 0, 1);
  g_assert_true (shmview_layout_pane_apply (pane, placement, &error));
  g_assert_true (_shmview_layout_pane_pin_path (pane, "f0"));
  g_assert_true (_shmview_layout_pane_pin_path (pane, "f2"));
  gtk_widget_show_all (window);
  while (gtk_events_pending ())
    gtk_main_iteration ();

  for (guint i = 0; i < TICKS; i++)
    {
      guint32 value = i;

      /* another program: the uint32_t field 2 * (i % 20), on screen (16 bytes a pair) */
      g_assert_cmpint (pwrite (fd, &value, sizeof value, (off_t) (i % 20) * 16), ==, 4);
      start = g_get_monotonic_time ();
      shmview_layout_pane_refresh (pane);
      decode_visible (_shmview_layout_pane_get_field_view (pane));
      spent += g_get_monotonic_time () - start;
    }
  per_tick_ms = (double) spent / TICKS / 1000.0;
  g_print ("# struct of %d fields, one changed per tick, %d ticks\n", N_FIELDS, TICKS);
  ours = g_strdup_printf ("%.3f ms", per_tick_ms);
  bench_table_row ("struct pane tick, 10,000 fields (decode visible rows)", ours, "-",
                   per_tick_ms, FALSE, 1.0, "ms");
  gtk_widget_destroy (window);
  close (fd);
  return 0;
}
