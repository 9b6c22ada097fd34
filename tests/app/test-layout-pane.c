/* test-layout-pane.c: the field tree, watch list, graph and freeze over live memory
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region is a file filled by layout-writer (the compiler's own program
 * from tests/layout/layout-sample.h); "another program" writes with pwrite.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "app-test-util.h"
#include "shmview-graph.h"
#include "shmview-layout-pane-private.h"
#include "shmview-layout-pane.h"
#include "shmview-layout.h"
#include "test-util.h"

enum { COL_NAME = 1, COL_PATH = 7, COL_CHANGED_AT = 10 };
enum { WATCH_COL_NAME, WATCH_COL_VALUE = 2, WATCH_COL_MIN, WATCH_COL_MAX, WATCH_COL_CHANGES,
       WATCH_COL_SPARK, WATCH_COL_FROZEN };

typedef struct
{
  char              *file;
  char              *header;
  GtkWidget         *window;
  ShmviewLayoutPane *pane;
  ShmviewRegion     *region;
  GPtrArray         *writes;   /* "offset:hex" of every write signal */
  gboolean           refuse;   /* the write handler says no (a read-only tab) */
} Fixture;

static gboolean
skip_without_clang (void)
{
  if (shmview_layout_clang_available ())
    return FALSE;
  g_test_skip ("built without libclang");
  return TRUE;
}

static void
run_writer (const char *mode,
            const char *file)
{
  g_autofree char *writer = shmview_test_build_path ("tests/layout/layout-writer");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, writer, mode, file, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (shmview_test_communicate (proc, NULL, NULL), ==, 0);
}

/* What another program does: a plain pwrite into the file. */
static void
outside_write (Fixture    *fixture,
               off_t       offset,
               const void *data,
               size_t      length)
{
  int fd = open (fixture->file, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, data, length, offset), ==, (ssize_t) length);
  close (fd);
}

static gboolean
on_write (ShmviewLayoutPane *pane,
          guint64            offset,
          GBytes            *bytes,
          Fixture           *fixture)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (bytes, &n);
  g_autofree char *hex = g_strdup ("");
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n; i++)
    {
      char *longer = g_strdup_printf ("%s%02x", hex, data[i]);

      g_free (hex);
      hex = longer;
    }
  g_ptr_array_add (fixture->writes, g_strdup_printf ("%" G_GUINT64_FORMAT ":%s", offset, hex));
  if (fixture->refuse)
    return FALSE;
  g_assert_true (shmview_region_write (fixture->region, offset, data, n, &error));
  return TRUE;
}

static void
on_freeze_write (ShmviewLayoutPane *pane,
                 guint64            offset,
                 GBytes            *bytes,
                 Fixture           *fixture)
{
  on_write (pane, offset, bytes, fixture);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;

  fixture->file = shmview_test_temp_path ("shared.bin");
  fixture->header = g_test_build_filename (G_TEST_DIST, "layout", "layout-sample.h", NULL);
  fixture->writes = g_ptr_array_new_with_free_func (g_free);
  run_writer ("fill", fixture->file);
  spec = g_strconcat ("file:", fixture->file, NULL);
  fixture->region = shmview_region_open_text (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 700);
  fixture->pane = SHMVIEW_LAYOUT_PANE (shmview_layout_pane_new ());
  gtk_container_add (GTK_CONTAINER (fixture->window), GTK_WIDGET (fixture->pane));
  shmview_layout_pane_set_region (fixture->pane, fixture->region);
  /* The tests tick by hand: no timer races them. */
  g_object_set (fixture->pane, "paused", TRUE, NULL);
  g_signal_connect (fixture->pane, "write", G_CALLBACK (on_write), fixture);
  g_signal_connect (fixture->pane, "freeze-write", G_CALLBACK (on_freeze_write), fixture);
  gtk_widget_show_all (fixture->window);
  shmview_app_test_drain ();
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  shmview_app_test_drain ();
  g_clear_object (&fixture->region);
  g_ptr_array_unref (fixture->writes);
  g_free (fixture->header);
  g_free (fixture->file);
}

static void
apply (Fixture    *fixture,
       const char *type,
       guint64     offset,
       guint64     count)
{
  g_autoptr(ShmviewLayoutPlacement) placement = NULL;
  g_autoptr(GError) error = NULL;

  placement = shmview_layout_placement_new (fixture->header, type, NULL, offset, count);
  g_assert_true (shmview_layout_pane_apply (fixture->pane, placement, &error));
  g_assert_no_error (error);
  shmview_app_test_drain ();
}

static GtkTreeModel *
field_model (Fixture *fixture)
{
  return gtk_tree_view_get_model (_shmview_layout_pane_get_field_view (fixture->pane));
}

/* The row whose path is @path, expanding its ancestors on the way. */
static GtkTreePath *
find_row (Fixture    *fixture,
          const char *path)
{
  GtkTreeView *view = _shmview_layout_pane_get_field_view (fixture->pane);
  GtkTreeModel *model = field_model (fixture);
  GtkTreeIter iter;
  gboolean valid = gtk_tree_model_get_iter_first (model, &iter);

  while (valid)
    {
      g_autofree char *row_path = NULL, *name = NULL;
      gboolean slice;

      gtk_tree_model_get (model, &iter, COL_PATH, &row_path, COL_NAME, &name, -1);
      if (g_strcmp0 (row_path, path) == 0)
        return gtk_tree_model_get_path (model, &iter);
      /* A slice "[0 … 999]" of the placement: the tests look inside the first. */
      slice = name != NULL && strstr (name, "…") != NULL;
      if (row_path != NULL && g_str_has_prefix (path, row_path)
          && (slice || (row_path[0] != '\0' && strchr (".[", path[strlen (row_path)]) != NULL)))
        {
          g_autoptr(GtkTreePath) tree_path = gtk_tree_model_get_path (model, &iter);
          GtkTreeIter parent = iter;

          gtk_tree_view_expand_row (view, tree_path, FALSE);
          valid = gtk_tree_model_iter_children (model, &iter, &parent);
          continue;
        }
      valid = gtk_tree_model_iter_next (model, &iter);
    }
  return NULL;
}

/* The text the value column shows for @path's row. */
static char *
shown_value (Fixture    *fixture,
             const char *path)
{
  GtkTreeView *view = _shmview_layout_pane_get_field_view (fixture->pane);
  GtkTreeViewColumn *column = gtk_tree_view_get_column (view, 1);
  g_autoptr(GtkTreePath) tree_path = find_row (fixture, path);
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (column));
  GtkTreeIter iter;
  char *text = NULL;

  g_assert_nonnull (tree_path);
  g_assert_true (gtk_tree_model_get_iter (field_model (fixture), &iter, tree_path));
  gtk_tree_view_column_cell_set_cell_data (column, field_model (fixture), &iter, FALSE, FALSE);
  g_object_get (cells->data, "text", &text, NULL);
  return text;
}

static gint64
changed_at (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GtkTreePath) tree_path = find_row (fixture, path);
  GtkTreeIter iter;
  gint64 when = 0;

  g_assert_true (gtk_tree_model_get_iter (field_model (fixture), &iter, tree_path));
  gtk_tree_model_get (field_model (fixture), &iter, COL_CHANGED_AT, &when, -1);
  return when;
}

static void
edit (Fixture    *fixture,
      const char *path,
      const char *text)
{
  GtkTreeView *view = _shmview_layout_pane_get_field_view (fixture->pane);
  g_autoptr(GtkTreePath) tree_path = find_row (fixture, path);
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (gtk_tree_view_get_column (view, 1)));
  g_autofree char *path_text = gtk_tree_path_to_string (tree_path);

  g_signal_emit_by_name (cells->data, "edited", path_text, text);
  shmview_app_test_drain ();
}

static void
test_fields_live (Fixture       *fixture,
                  gconstpointer  data)
{
  guint32 seq = 77;
  g_autofree char *before = NULL, *after = NULL, *y = NULL, *msg = NULL, *color = NULL;

  g_test_summary ("The tree shows the header's fields with the compiler's values; one that "
                  "another program changes shows its new value and lights up; nested "
                  "members appear when their parent is expanded");
  if (skip_without_clang ())
    return;
  apply (fixture, "struct shared", 0, 1);
  before = shown_value (fixture, "seq");
  g_assert_cmpstr (before, ==, "4000000000");
  msg = shown_value (fixture, "msg");
  g_assert_cmpstr (msg, ==, "\"ezhchai\"");
  color = shown_value (fixture, "color");
  g_assert_cmpstr (color, ==, "BLUE");
  y = shown_value (fixture, "pts[1].y");
  g_assert_cmpstr (y, ==, "140000");
  g_assert_cmpint (changed_at (fixture, "seq"), ==, 0);

  outside_write (fixture, 0, &seq, sizeof seq);
  shmview_layout_pane_refresh (fixture->pane);
  after = shown_value (fixture, "seq");
  g_assert_cmpstr (after, ==, "77");
  g_assert_cmpint (changed_at (fixture, "seq"), >, 0);
  g_assert_cmpint (changed_at (fixture, "msg"), ==, 0);
  shmview_app_test_save_screenshot (fixture->window, "layout-pane-");
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *shown = NULL;

  g_test_summary ("A value typed into the tree is checked for the field's type and written as "
                  "exactly its bytes through the write signal; a bad one shows an inline error "
                  "and writes nothing; a refused write changes nothing");
  if (skip_without_clang ())
    return;
  apply (fixture, "struct shared", 0, 1);
  edit (fixture, "pts[1].y", "-3");
  g_assert_cmpuint (fixture->writes->len, ==, 1);
  g_assert_cmpstr (fixture->writes->pdata[0], ==, "68:fdffffff");
  shown = shown_value (fixture, "pts[1].y");
  g_assert_cmpstr (shown, ==, "-3");
  g_assert_null (_shmview_layout_pane_get_error (fixture->pane));

  edit (fixture, "packed.tag", "256");
  g_assert_cmpuint (fixture->writes->len, ==, 1);
  g_assert_nonnull (_shmview_layout_pane_get_error (fixture->pane));

  edit (fixture, "color", "GREEN");
  g_assert_cmpuint (fixture->writes->len, ==, 2);
  g_assert_cmpstr (fixture->writes->pdata[1], ==, "120:05000000");

  fixture->refuse = TRUE;
  edit (fixture, "seq", "1");
  g_clear_pointer (&shown, g_free);
  shown = shown_value (fixture, "seq");
  g_assert_cmpstr (shown, ==, "4000000000");
}

static void
on_select_range (ShmviewLayoutPane *pane,
                 guint64            offset,
                 guint64            length,
                 guint64           *selected)
{
  selected[0] = offset;
  selected[1] = length;
}

static void
test_select_and_field_at (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *at = NULL, *padding = NULL, *past = NULL;
  guint64 selected[2] = { 0, 0 };
  g_autoptr(GtkTreePath) path = NULL;
  GtkTreeView *view;

  g_test_summary ("Selecting a field asks for its bytes to be selected; the field holding a "
                  "byte is named (none for padding or bytes outside the placement)");
  if (skip_without_clang ())
    return;
  apply (fixture, "struct shared", 0, 1);
  at = shmview_layout_pane_dup_field_at (fixture->pane, 70);
  g_assert_cmpstr (at, ==, "pts[1].y");
  padding = shmview_layout_pane_dup_field_at (fixture->pane, 58);  /* after pts[0].x */
  g_assert_null (padding);
  past = shmview_layout_pane_dup_field_at (fixture->pane, 4096);
  g_assert_null (past);

  g_signal_connect (fixture->pane, "select-range", G_CALLBACK (on_select_range), selected);
  view = _shmview_layout_pane_get_field_view (fixture->pane);
  path = find_row (fixture, "packed.value");
  gtk_tree_selection_select_path (gtk_tree_view_get_selection (view), path);
  g_assert_cmpuint (selected[0], ==, 81);
  g_assert_cmpuint (selected[1], ==, 4);
}

static char *
watch_cell (Fixture *fixture,
            guint    row,
            int      column)
{
  GtkTreeModel *model = _shmview_layout_pane_get_watch_model (fixture->pane);
  GtkTreeIter iter;
  char *text = NULL;

  g_assert_true (gtk_tree_model_iter_nth_child (model, &iter, NULL, (int) row));
  gtk_tree_model_get (model, &iter, column, &text, -1);
  return text;
}

static void
test_watch_and_freeze (Fixture       *fixture,
                       gconstpointer  data)
{
  gint32 y;
  g_autofree char *value = NULL, *min = NULL, *max = NULL, *changes = NULL, *spark = NULL;
  g_autofree char *frozen_value = NULL, *name = NULL, *csv = NULL;

  g_test_summary ("A pinned field follows its value, minimum, maximum, number of changes and "
                  "history and is graphed; frozen, a value another program writes is written "
                  "back, and the watch says it is frozen");
  if (skip_without_clang ())
    return;
  apply (fixture, "struct shared", 0, 1);
  g_assert_true (_shmview_layout_pane_pin_path (fixture->pane, "pts[1].y"));
  g_assert_false (_shmview_layout_pane_pin_path (fixture->pane, "pts"));
  for (y = 10; y <= 30; y += 10)
    {
      outside_write (fixture, 68, &y, sizeof y);
      shmview_layout_pane_refresh (fixture->pane);
    }
  value = watch_cell (fixture, 0, WATCH_COL_VALUE);
  min = watch_cell (fixture, 0, WATCH_COL_MIN);
  max = watch_cell (fixture, 0, WATCH_COL_MAX);
  changes = watch_cell (fixture, 0, WATCH_COL_CHANGES);
  spark = watch_cell (fixture, 0, WATCH_COL_SPARK);
  g_assert_cmpstr (value, ==, "30");
  g_assert_cmpstr (min, ==, "10");
  g_assert_cmpstr (max, ==, "140000");
  g_assert_cmpstr (changes, ==, "3");
  g_assert_cmpuint (g_utf8_strlen (spark, -1), ==, 4);
  csv = shmview_graph_dup_csv (_shmview_layout_pane_get_graph (fixture->pane));
  g_assert_true (g_str_has_prefix (csv, "seconds,\"pts[1].y\"\n"));
  g_assert_nonnull (strstr (csv, ",30\n"));

  _shmview_layout_pane_set_frozen (fixture->pane, 0, TRUE);
  g_assert_true (shmview_layout_pane_has_frozen (fixture->pane));
  name = watch_cell (fixture, 0, WATCH_COL_NAME);
  g_assert_nonnull (strstr (name, "pts[1].y"));
  g_assert_cmpstr (name, !=, "pts[1].y");   /* marked, not only ticked */
  y = -5;
  outside_write (fixture, 68, &y, sizeof y);
  shmview_layout_pane_refresh (fixture->pane);   /* sees -5, writes 30 back */
  g_assert_cmpstr (fixture->writes->pdata[fixture->writes->len - 1], ==, "68:1e000000");
  shmview_layout_pane_refresh (fixture->pane);
  frozen_value = watch_cell (fixture, 0, WATCH_COL_VALUE);
  g_assert_cmpstr (frozen_value, ==, "30");

  _shmview_layout_pane_set_frozen (fixture->pane, 0, FALSE);
  outside_write (fixture, 68, &y, sizeof y);
  shmview_layout_pane_refresh (fixture->pane);
  g_clear_pointer (&frozen_value, g_free);
  frozen_value = watch_cell (fixture, 0, WATCH_COL_VALUE);
  g_assert_cmpstr (frozen_value, ==, "-5");
}

static void
test_array_placement_folds (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *first = NULL, *y = NULL;
  gint32 point_y = -9;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewLayoutPlacement) placement = NULL;

  g_test_summary ("A placement of 2,500 elements shows three folded slices, elements appear "
                  "when a slice is expanded, and one past the region's end is refused");
  if (skip_without_clang ())
    return;
  g_assert_true (shmview_region_resize (fixture->region, 2500 * 8, &error));
  outside_write (fixture, 8 + 4, &point_y, sizeof point_y);
  apply (fixture, "struct point", 0, 2500);
  model = field_model (fixture);
  g_assert_cmpint (gtk_tree_model_iter_n_children (model, NULL), ==, 3);
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, COL_NAME, &first, -1);
  g_assert_cmpstr (first, ==, "[0 … 999]");
  y = shown_value (fixture, "[1].y");
  g_assert_cmpstr (y, ==, "-9");

  placement = shmview_layout_placement_new (fixture->header, "struct shared", NULL, 0, 1000000);
  g_assert_false (shmview_layout_pane_apply (fixture->pane, placement, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/layout-pane/no-display");
      return g_test_run ();
    }

#define ADD(path, fn) \
  g_test_add ("/app/layout-pane/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("fields-live", test_fields_live);
  ADD ("edit", test_edit);
  ADD ("select-and-field-at", test_select_and_field_at);
  ADD ("watch-and-freeze", test_watch_and_freeze);
  ADD ("array-placement-folds", test_array_placement_folds);
#undef ADD

  return g_test_run ();
}
