/* test-search-bar.c: Ctrl+F in a region page
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The other program" puts text and numbers far below the visible rows
 * with pwrite; the search bar must find them off the main loop, select
 * them and bring them into view.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-hex-view.h"
#include "shmview-region-page.h"
#include "shmview-region.h"
#include "shmview-search-bar.h"
#include "test-util.h"

#define REGION_SIZE (4 * 1024 * 1024)

typedef struct
{
  char              *name;
  int                fd;
  ShmviewRegion     *region;
  GtkWidget         *window;
  ShmviewRegionPage *page;
  ShmviewHexView    *hex;
  ShmviewSearchBar  *bar;
  GActionGroup      *actions;
} Fixture;

static void
other_write (Fixture    *f,
             off_t       offset,
             const void *data,
             size_t      length)
{
  g_assert_cmpint (pwrite (f->fd, data, length, offset), ==, (ssize_t) length);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shmview_app_test_ensure_icon_theme ();
  f->name = shmview_test_unique_posix_name ("search-bar");
  f->fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  g_assert_no_errno (ftruncate (f->fd, REGION_SIZE));

  f->region = shmview_region_open_text (f->name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 600);
  f->page = SHMVIEW_REGION_PAGE (shmview_region_page_new (f->region));
  f->hex = SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (f->page));
  f->bar = SHMVIEW_SEARCH_BAR (shmview_app_test_template_child (f->page, "search_bar"));
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->page));
  gtk_widget_show (f->window);
  f->actions = gtk_widget_get_action_group (GTK_WIDGET (f->page), "page");
  g_assert_nonnull (f->actions);
  SHMVIEW_APP_TEST_RUN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->hex)));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_widget_destroy);
  g_clear_object (&f->region);
  close (f->fd);
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
}

static gboolean
selected (Fixture *f,
          guint64  start,
          guint64  end)
{
  guint64 s = 0, e = 0;

  return shmview_hex_view_get_selection (f->hex, &s, &e) && s == start && e == end;
}

static gboolean
in_view (Fixture *f,
         guint64  offset)
{
  guint64 first = 0, length = 0;

  shmview_hex_view_get_visible_range (f->hex, &first, &length);
  return offset >= first && offset < first + length;
}

static const char *
status (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (shmview_app_test_template_child (f->bar,
                                                                         "status_label")));
}

static void
test_find_text_far_below (Fixture       *f,
                          gconstpointer  data)
{
  g_test_summary ("page.find opens the bar in text mode; next finds text another program "
                  "wrote far below the visible rows, selects it and scrolls it into view; "
                  "next again wraps around and says so; previous goes back");

  other_write (f, 0x300000, "needle", 6);
  other_write (f, 0x100, "NEEDLE", 6);

  g_action_group_activate_action (f->actions, "find", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (f->bar)));
  g_assert_cmpstr (shmview_search_bar_get_mode (f->bar), ==, "text");
  g_assert_false (in_view (f, 0x300000));

  shmview_search_bar_set_text (f->bar, "text", "needle");
  g_action_group_activate_action (f->actions, "find-next", NULL);
  SHMVIEW_APP_TEST_RUN_UNTIL (selected (f, 0x300000, 0x300006));
  g_assert_true (in_view (f, 0x300000));
  g_assert_cmpstr (status (f), ==, "");

  g_action_group_activate_action (f->actions, "find-next", NULL);
  SHMVIEW_APP_TEST_RUN_UNTIL (g_strcmp0 (status (f), "") != 0);
  g_assert_true (selected (f, 0x300000, 0x300006));  /* the only match, wrapped to */

  /* Case-insensitive finds the upper-case one before it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (shmview_app_test_template_child (
                                  f->bar, "ignore_case_check")), TRUE);
  g_action_group_activate_action (f->actions, "find-previous", NULL);
  SHMVIEW_APP_TEST_RUN_UNTIL (selected (f, 0x100, 0x106));
  g_assert_true (in_view (f, 0x100));
}

static void
test_find_number_and_hex (Fixture       *f,
                          gconstpointer  data)
{
  uint32_t counter = 305419896;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_test_summary ("Number mode finds a C program's uint32_t, hex mode its bytes; the mode "
                  "is remembered in GSettings");

  other_write (f, 0x200004, &counter, 4);
  shmview_search_bar_set_text (f->bar, "number", "305419896");
  g_assert_cmpstr (g_settings_get_string (settings, "search-mode"), ==, "number");
  g_action_group_activate_action (f->actions, "find-next", NULL);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  SHMVIEW_APP_TEST_RUN_UNTIL (selected (f, 0x200004, 0x200008));
#endif

  shmview_hex_view_set_cursor (f->hex, 0);
  shmview_search_bar_set_text (f->bar, "hex", "34 12");
  g_action_group_activate_action (f->actions, "find-next", NULL);
  SHMVIEW_APP_TEST_RUN_UNTIL (selected (f, 0x200006, 0x200008));
  {
    g_autofree char *mode = g_settings_get_string (settings, "search-mode");
    g_assert_cmpstr (mode, ==, "hex");
  }
}

static void
test_bad_pattern (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *entry = shmview_app_test_template_child (f->bar, "entry");

  g_test_summary ("Text that is no pattern in its mode is refused in the bar and nothing "
                  "is searched or selected");

  shmview_search_bar_set_text (f->bar, "hex", "zz");
  g_action_group_activate_action (f->actions, "find-next", NULL);
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (entry), "error"));
  g_assert_cmpstr (status (f), !=, "");
  shmview_search_bar_set_text (f->bar, "number", "300");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (shmview_app_test_template_child (f->bar,
                                                                               "type_combo")),
                               "u8");
  g_action_group_activate_action (f->actions, "find-next", NULL);
  g_assert_cmpstr (status (f), !=, "");
  shmview_app_test_wait (200);
  g_assert_false (shmview_hex_view_get_selection (f->hex, NULL, NULL));
}

static void
test_not_found_and_close (Fixture       *f,
                           gconstpointer  data)
{
  g_test_summary ("A pattern found nowhere says so and selects nothing; Esc closes the bar");

  shmview_search_bar_set_text (f->bar, "text", "absent");
  g_action_group_activate_action (f->actions, "find-next", NULL);
  SHMVIEW_APP_TEST_RUN_UNTIL (g_strcmp0 (status (f), "") != 0);

  g_assert_false (shmview_hex_view_get_selection (f->hex, NULL, NULL));

  /* Esc in the entry (its key binding; the e2e test presses the key). */
  g_signal_emit_by_name (shmview_app_test_template_child (f->bar, "entry"), "stop-search");
  SHMVIEW_APP_TEST_RUN_UNTIL (!gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (f->bar)));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->hex)));
}

int
main (int   argc,
      char *argv[])
{
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/search-bar/no-display");
      return g_test_run ();
    }

  g_test_add ("/app/search-bar/find-text-far-below", Fixture, NULL, setup,
              test_find_text_far_below, teardown);
  g_test_add ("/app/search-bar/number-and-hex", Fixture, NULL, setup, test_find_number_and_hex,
              teardown);
  g_test_add ("/app/search-bar/bad-pattern", Fixture, NULL, setup, test_bad_pattern, teardown);
  g_test_add ("/app/search-bar/not-found-and-close", Fixture, NULL, setup,
              test_not_found_and_close, teardown);

  return g_test_run ();
}
