/* test-activity.c: the activity strip, the change log, and a page that watches its whole region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The other program" writes through its own descriptor (pwrite), far below
 * the rows on screen: only the whole-region watcher can see it there.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-activity-strip.h"
#include "shmview-change-log.h"
#include "shmview-error.h"
#include "shmview-hex-view.h"
#include "shmview-region-page-private.h"
#include "shmview-region-page.h"
#include "test-util.h"

#define REGION_SIZE (1024 * 1024)
#define FAR_OFFSET  0xf0010

static ShmviewWatcherChange *
make_change (guint64              offset,
             guint64              length,
             ShmviewChangeOrigin  origin)
{
  ShmviewWatcherChange *change = g_new0 (ShmviewWatcherChange, 1);

  change->offset = offset;
  change->length = length;
  change->origin = origin;
  change->time = g_get_real_time ();
  change->old_bytes = g_bytes_new ("\x00\x01", MIN (length, 2));
  change->new_bytes = g_bytes_new ("\xfe\xff", MIN (length, 2));
  return change;
}

static void
on_jump (ShmviewActivityStrip *strip,
         guint64               offset,
         guint64              *out)
{
  *out = offset;
}

static void
test_strip (void)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *strip = shmview_activity_strip_new ();
  AtkObject *accessible = gtk_widget_get_accessible (strip);
  g_autofree char *description = NULL;
  guint64 jumped = G_MAXUINT64;
  GdkEvent *event;

  g_test_summary ("The strip counts changes per cell over the whole region, names the recent "
                  "ones as offsets in its accessible description, and a click asks to jump to "
                  "the offset under the pointer");

  gtk_widget_set_size_request (strip, -1, 400);
  gtk_container_add (GTK_CONTAINER (window), strip);
  gtk_widget_show_all (window);
  shmview_app_test_drain ();

  shmview_activity_strip_set_region_size (SHMVIEW_ACTIVITY_STRIP (strip), REGION_SIZE);
  g_assert_cmpstr (atk_object_get_name (accessible), ==, "Activity");
  g_assert_cmpuint (shmview_activity_strip_get_count_at (SHMVIEW_ACTIVITY_STRIP (strip), 0x80000),
                    ==, 0);

  shmview_activity_strip_add_change (SHMVIEW_ACTIVITY_STRIP (strip), 0x80000, 4,
                                     SHMVIEW_CHANGE_ORIGIN_FOREIGN, g_get_real_time ());
  shmview_activity_strip_add_change (SHMVIEW_ACTIVITY_STRIP (strip), 0x80000, 1,
                                     SHMVIEW_CHANGE_ORIGIN_OWN, g_get_real_time ());
  shmview_activity_strip_add_change (SHMVIEW_ACTIVITY_STRIP (strip), 0x20, 2,
                                     SHMVIEW_CHANGE_ORIGIN_FOREIGN, g_get_real_time ());
  g_assert_cmpuint (shmview_activity_strip_get_count_at (SHMVIEW_ACTIVITY_STRIP (strip), 0x80000),
                    ==, 2);
  g_assert_cmpuint (shmview_activity_strip_get_count_at (SHMVIEW_ACTIVITY_STRIP (strip), 0x40000),
                    ==, 0);
  description = g_strdup (atk_object_get_description (accessible));
  g_assert_nonnull (strstr (description, "0x20 (2 bytes), 0x80000 (1 byte), 0x80000 (4 bytes)"));

  g_signal_connect (strip, "jump", G_CALLBACK (on_jump), &jumped);
  event = gdk_event_new (GDK_BUTTON_PRESS);
  event->button.window = g_object_ref (gtk_widget_get_window (strip));
  event->button.button = GDK_BUTTON_PRIMARY;
  event->button.y = gtk_widget_get_allocated_height (strip) / 2.0;
  gtk_widget_event (strip, event);
  gdk_event_free (event);
  g_assert_cmpuint (jumped, ==, REGION_SIZE / 2);

  gtk_widget_destroy (window);
}

static void
on_select_range (ShmviewChangeLog *log,
                 guint64           offset,
                 guint64           length,
                 guint64          *out)
{
  out[0] = offset;
  out[1] = length;
}

static void
test_change_log (void)
{
  ShmviewChangeLog *log = SHMVIEW_CHANGE_LOG (g_object_ref_sink (shmview_change_log_new ()));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *row = NULL;
  g_autofree char *newest = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 selected[2] = { 0, 0 };

  g_test_summary ("The log keeps the newest 10,000 entries, newest first; filters by offset "
                  "range; a click selects the entry's bytes; pause stops it; export writes "
                  "CSV and JSON Lines");

  for (guint i = 0; i < SHMVIEW_CHANGE_LOG_MAX + 5; i++)
    {
      g_autoptr(ShmviewWatcherChange) change = make_change (i * 16, 2,
                                                            SHMVIEW_CHANGE_ORIGIN_FOREIGN);

      shmview_change_log_add (log, change);
    }
  g_assert_cmpuint (shmview_change_log_get_n_entries (log), ==, SHMVIEW_CHANGE_LOG_MAX);
  row = shmview_change_log_dup_row (log, 0, SHMVIEW_CHANGE_LOG_CSV);
  newest = g_strdup_printf (",0x%x,2,0001,feff,outside", (SHMVIEW_CHANGE_LOG_MAX + 4) * 16);
  g_assert_true (g_str_has_suffix (row, newest));

  g_assert_true (shmview_change_log_set_filter (log, "0x1000-0x10ff"));
  g_assert_cmpuint (shmview_change_log_get_n_shown (log), ==, 16);
  g_assert_false (shmview_change_log_set_filter (log, "0x200-0x100"));
  g_assert_cmpuint (shmview_change_log_get_n_shown (log), ==, 16);

  g_signal_connect (log, "select-range", G_CALLBACK (on_select_range), selected);
  shmview_change_log_activate_row (log, 0);
  g_assert_cmpuint (selected[0], ==, 0x10f0);
  g_assert_cmpuint (selected[1], ==, 2);

  path = g_build_filename (g_get_tmp_dir (), "changes.jsonl", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (shmview_change_log_export (log, file, SHMVIEW_CHANGE_LOG_JSON_LINES, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 17);   /* 16 and the empty tail */
  g_assert_nonnull (strstr (lines[0], "\"offset\":4096,\"length\":2,\"old\":\"0001\","
                                      "\"new\":\"feff\",\"origin\":\"outside\"}"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&lines, g_strfreev);
  g_assert_true (shmview_change_log_export (log, file, SHMVIEW_CHANGE_LOG_CSV, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "time,offset,length,old,new,origin\n"));

  shmview_change_log_set_paused (log, TRUE);
  {
    g_autoptr(ShmviewWatcherChange) change = make_change (0x1000, 1, SHMVIEW_CHANGE_ORIGIN_OWN);

    shmview_change_log_add (log, change);
  }
  g_assert_cmpuint (shmview_change_log_get_n_shown (log), ==, 16);
  shmview_change_log_clear (log);
  g_assert_cmpuint (shmview_change_log_get_n_entries (log), ==, 0);

  g_object_unref (log);
}

typedef struct
{
  char              *name;
  int                fd;
  ShmviewRegion     *region;
  GtkWidget         *window;
  ShmviewRegionPage *page;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shmview_app_test_ensure_icon_theme ();
  f->name = shmview_test_unique_posix_name ("activity");
  f->fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  g_assert_no_errno (ftruncate (f->fd, REGION_SIZE));
  f->region = shmview_region_open_text (f->name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  f->page = SHMVIEW_REGION_PAGE (shmview_region_page_new (f->region));
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->page));
  gtk_widget_show (f->window);
  shmview_app_test_drain ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_widget_destroy (f->window);
  g_clear_object (&f->region);
  close (f->fd);
  shm_unlink (f->name);
  g_free (f->name);
}

static gboolean
strip_names (Fixture    *f,
             const char *text)
{
  AtkObject *accessible = gtk_widget_get_accessible (_shmview_region_page_get_activity_strip (f->page));
  const char *description = atk_object_get_description (accessible);

  return description != NULL && strstr (description, text) != NULL;
}

static void
test_page_offscreen (Fixture       *f,
                     gconstpointer  data)
{
  ShmviewChangeLog *log = SHMVIEW_CHANGE_LOG (_shmview_region_page_get_change_log (f->page));
  GtkWidget *hex = shmview_region_page_get_hex_view (f->page);
  GActionGroup *actions = gtk_widget_get_action_group (GTK_WIDGET (f->page), "page");
  guint64 start = 0, end = 0;
  guint64 visible_offset = 0, visible_length = 0;

  g_test_summary ("A byte written far below the rows on screen shows in the activity strip's "
                  "description, the tab's activity flag and the change log; F8's action jumps "
                  "to it and selects it, Shift+F8's goes back");

  shmview_hex_view_get_visible_range (SHMVIEW_HEX_VIEW (hex), &visible_offset, &visible_length);
  g_assert_cmpuint (visible_offset + visible_length, <, FAR_OFFSET);
  SHMVIEW_APP_TEST_RUN_UNTIL (shmview_watcher_get_n_sweeps (_shmview_region_page_get_watcher (f->page)) > 0);

  g_assert_cmpint (pwrite (f->fd, "\x5a", 1, FAR_OFFSET), ==, 1);
  SHMVIEW_APP_TEST_RUN_UNTIL (strip_names (f, "0xf0010 (1 byte)"));
  g_assert_true (shmview_region_page_get_offscreen_activity (f->page));
  g_assert_cmpuint (shmview_change_log_get_n_entries (log), ==, 1);

  g_assert_true (g_action_group_has_action (actions, "next-change"));
  g_action_group_activate_action (actions, "next-change", NULL);
  g_assert_cmpuint (shmview_hex_view_get_cursor (SHMVIEW_HEX_VIEW (hex)), ==, FAR_OFFSET);
  g_assert_true (shmview_hex_view_get_selection (SHMVIEW_HEX_VIEW (hex), &start, &end));
  g_assert_cmpuint (start, ==, FAR_OFFSET);
  g_assert_cmpuint (end, ==, FAR_OFFSET + 1);

  shmview_hex_view_set_cursor (SHMVIEW_HEX_VIEW (hex), REGION_SIZE - 1);
  g_action_group_activate_action (actions, "previous-change", NULL);
  g_assert_cmpuint (shmview_hex_view_get_cursor (SHMVIEW_HEX_VIEW (hex)), ==, FAR_OFFSET);
}

static void
test_page_snapshot (Fixture       *f,
                    gconstpointer  data)
{
  ShmviewChangeLog *log = SHMVIEW_CHANGE_LOG (_shmview_region_page_get_change_log (f->page));
  GtkWidget *strip = _shmview_region_page_get_activity_strip (f->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "saved.bin", NULL);
  g_autofree char *big_path = g_build_filename (g_get_tmp_dir (), "big.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autofree char *row = NULL;
  g_autofree guint8 *big_data = g_malloc0 (REGION_SIZE + 1);
  guint8 byte = 0;
  guint n = 0;

  g_test_summary ("Compare with snapshot lists exactly the ranges that differ and marks them in "
                  "the strip; Save bytes writes the region; Load bytes writes a file back as "
                  "one undo step, and refuses a file too long for the region, writing nothing");

  g_assert_false (shmview_region_page_compare_snapshot (f->page, &n, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (pwrite (f->fd, "before", 6, 0x100), ==, 6);
  g_assert_true (shmview_region_page_take_snapshot (f->page, &error));
  g_assert_no_error (error);
  g_assert_true (shmview_region_page_save_bytes (f->page, file, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pwrite (f->fd, "AFTER", 5, 0x100), ==, 5);
  g_assert_cmpint (pwrite (f->fd, "\x01", 1, 0xe0000), ==, 1);
  shmview_change_log_set_paused (log, TRUE);  /* only the comparison's rows */
  shmview_change_log_clear (log);
  g_assert_true (shmview_region_page_compare_snapshot (f->page, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (shmview_change_log_get_n_entries (log), ==, 2);
  row = shmview_change_log_dup_row (log, 0, SHMVIEW_CHANGE_LOG_CSV);
  g_assert_true (g_str_has_suffix (row, ",0xe0000,1,00,01,snapshot"));
  g_clear_pointer (&row, g_free);
  row = shmview_change_log_dup_row (log, 1, SHMVIEW_CHANGE_LOG_CSV);
  g_assert_true (g_str_has_suffix (row, ",0x100,5,6265666f72,4146544552,snapshot"));
  g_assert_cmpuint (shmview_activity_strip_get_count_at (SHMVIEW_ACTIVITY_STRIP (strip), 0), ==,
                    0);

  g_assert_true (shmview_region_page_load_bytes (f->page, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pread (f->fd, &byte, 1, 0x100), ==, 1);
  g_assert_cmpuint (byte, ==, 'b');
  g_assert_cmpint (pread (f->fd, &byte, 1, 0xe0000), ==, 1);
  g_assert_cmpuint (byte, ==, 0);
  g_assert_true (shmview_region_page_undo (f->page));
  g_assert_cmpint (pread (f->fd, &byte, 1, 0x100), ==, 1);
  g_assert_cmpuint (byte, ==, 'A');
  g_assert_cmpint (pread (f->fd, &byte, 1, 0xe0000), ==, 1);
  g_assert_cmpuint (byte, ==, 1);

  memset (big_data, 0x77, REGION_SIZE + 1);
  g_assert_true (g_file_set_contents (big_path, (const char *) big_data, REGION_SIZE + 1, NULL));
  g_assert_false (shmview_region_page_load_bytes (f->page, big, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_assert_cmpint (pread (f->fd, &byte, 1, 0), ==, 1);
  g_assert_cmpuint (byte, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_display = shmview_app_test_init (&argc, &argv, TRUE);

  if (!have_display)
    {
      shmview_app_test_add_no_display ("/app/activity/no-display");
      return g_test_run ();
    }

  g_test_add_func ("/app/activity/strip", test_strip);
  g_test_add_func ("/app/activity/change-log", test_change_log);
  g_test_add ("/app/activity/page-offscreen", Fixture, NULL, setup, test_page_offscreen, teardown);
  g_test_add ("/app/activity/page-snapshot", Fixture, NULL, setup, test_page_snapshot, teardown);

  return g_test_run ();
}
