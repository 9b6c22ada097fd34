/* test-window.c: the main window, in-process under Xvfb
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-attach-dialog.h"
#include "shmview-create-dialog.h"
#include "shmview-error.h"
#include "shmview-hex-view.h"
#include "shmview-preferences-dialog.h"
#include "shmview-region-page-private.h"
#include "shmview-region.h"
#include "shmview-status-bar-private.h"
#include "shmview-window-private.h"
#include "test-util.h"

#define MAX_REGIONS 4

typedef struct
{
  ShmviewWindow *window;
  GSettings     *settings;
  char          *names[MAX_REGIONS];  /* "/shmview-test-…" */
  char          *display[MAX_REGIONS]; /* the same without the slash */
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->window = shmview_window_new (NULL);
  gtk_widget_show (GTK_WIDGET (fixture->window));

  for (guint i = 0; i < MAX_REGIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewRegion) region = NULL;

      fixture->names[i] = shmview_test_unique_posix_name ("window");
      fixture->display[i] = g_strdup (fixture->names[i] + 1);
      region = shmview_region_open_text (fixture->names[i],
                                         SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                         256, 0600, &error);
      g_assert_no_error (error);
    }
  shmview_app_test_drain ();
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_widget_destroy (GTK_WIDGET (fixture->window));
  shmview_app_test_drain ();

  for (guint i = 0; i < MAX_REGIONS; i++)
    {
      shmview_test_posix_unlink (fixture->names[i]);
      g_free (fixture->names[i]);
      g_free (fixture->display[i]);
    }
  /* Later tests start from the defaults. */
  g_settings_reset (fixture->settings, "refresh-interval");
  g_settings_reset (fixture->settings, "bytes-per-row");
  g_settings_reset (fixture->settings, "font");
  g_settings_reset (fixture->settings, "highlight-fade-ms");
  g_settings_reset (fixture->settings, "string-encoding");
  g_settings_reset (fixture->settings, "sidebar-visible");
  g_clear_object (&fixture->settings);
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), name);
}

static void
activate (Fixture    *fixture,
          const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), name, NULL);
  shmview_app_test_drain ();
}

static ShmviewRegionPage *
open_spec (Fixture    *fixture,
           const char *spec,
           gboolean    read_only)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shmview_window_open_spec (fixture->window, spec, read_only, &error));
  g_assert_no_error (error);
  shmview_app_test_drain ();
  return shmview_window_get_current_page (fixture->window);
}

static const char *
subtitle (Fixture *fixture)
{
  return gtk_header_bar_get_subtitle (fixture->window->header_bar);
}

/* Depth-first search of a widget tree by GtkBuildable id or by type. */
static GtkWidget *
find_widget (GtkWidget  *root,
             const char *id,
             GType       type)
{
  g_autoptr(GList) children = NULL;

  if ((id != NULL && g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (root)), id) == 0) ||
      (id == NULL && G_TYPE_CHECK_INSTANCE_TYPE (root, type)))
    return root;
  if (!GTK_IS_CONTAINER (root))
    return NULL;

  children = gtk_container_get_children (GTK_CONTAINER (root));
  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *found = find_widget (l->data, id, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_test_summary ("A new window shows the empty state and only the actions that need no tab");

  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 0);
  g_assert_null (shmview_window_get_current_page (fixture->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->stack), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "shmview");
  g_assert_null (subtitle (fixture));

  g_assert_true (action_enabled (fixture, "create"));
  g_assert_true (action_enabled (fixture, "attach"));
  g_assert_false (action_enabled (fixture, "refresh"));
  g_assert_false (action_enabled (fixture, "goto"));
  g_assert_false (action_enabled (fixture, "close-tab"));
  g_assert_false (action_enabled (fixture, "undo"));
  g_assert_false (action_enabled (fixture, "redo"));
  g_assert_false (action_enabled (fixture, "copy"));
}

static void
test_open_spec (Fixture       *fixture,
                gconstpointer  data)
{
  ShmviewRegionPage *a, *b;
  g_autofree char *expected = NULL;

  g_test_summary ("Each spec opens its own tab, named after the region; the title follows the tab");

  a = open_spec (fixture, fixture->names[0], FALSE);
  b = open_spec (fixture, fixture->display[1], FALSE);

  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);
  g_assert_true (shmview_window_get_nth_page (fixture->window, 0) == a);
  g_assert_true (shmview_window_get_nth_page (fixture->window, 1) == b);
  g_assert_true (shmview_window_get_current_page (fixture->window) == b);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->stack), ==, "pages");

  g_assert_cmpstr (_shmview_window_get_tab_label_text (fixture->window, a), ==, fixture->display[0]);
  g_assert_cmpstr (_shmview_window_get_tab_label_text (fixture->window, b), ==, fixture->display[1]);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, fixture->display[1]);
  expected = g_strdup_printf ("%s — read-write", fixture->names[1]);
  g_assert_cmpstr (subtitle (fixture), ==, expected);

  gtk_notebook_set_current_page (fixture->window->notebook, 0);
  shmview_app_test_drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, fixture->display[0]);

  g_assert_true (action_enabled (fixture, "refresh"));
  g_assert_true (action_enabled (fixture, "goto"));
  g_assert_true (action_enabled (fixture, "close-tab"));
  g_assert_false (action_enabled (fixture, "undo"));
}

static void
test_ctrl_page_switches_tabs (Fixture       *fixture,
                              gconstpointer  data)
{
  ShmviewRegionPage *a, *b;
  GtkWidget *hex;
  guint64 cursor;

  g_test_summary ("Ctrl+Page Up/Down switch tabs even when the hex view has the focus, "
                  "and leave its cursor alone");

  a = open_spec (fixture, fixture->names[0], FALSE);
  b = open_spec (fixture, fixture->names[1], FALSE);
  shmview_app_test_focus_window (GTK_WIDGET (fixture->window));
  shmview_region_page_focus_hex (b);
  shmview_app_test_drain ();
  hex = shmview_region_page_get_hex_view (b);
  g_assert_true (gtk_widget_has_focus (hex));
  cursor = shmview_hex_view_get_cursor (SHMVIEW_HEX_VIEW (hex));

  shmview_app_test_send_key (GTK_WIDGET (fixture->window), GDK_KEY_Page_Up, GDK_CONTROL_MASK);
  shmview_app_test_drain ();
  g_assert_true (shmview_window_get_current_page (fixture->window) == a);
  g_assert_cmpuint (shmview_hex_view_get_cursor (SHMVIEW_HEX_VIEW (hex)), ==, cursor);

  shmview_region_page_focus_hex (a);
  shmview_app_test_drain ();
  shmview_app_test_send_key (GTK_WIDGET (fixture->window), GDK_KEY_Page_Down, GDK_CONTROL_MASK);
  shmview_app_test_drain ();
  g_assert_true (shmview_window_get_current_page (fixture->window) == b);
}

static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  ShmviewRegionPage *page;
  g_autofree char *expected = NULL;

  g_test_summary ("A spec opened read-only says so in the subtitle and its region refuses writes");

  page = open_spec (fixture, fixture->names[0], TRUE);
  g_assert_true (shmview_region_is_read_only (shmview_region_page_get_region (page)));
  expected = g_strdup_printf ("%s — read-only", fixture->names[0]);
  g_assert_cmpstr (subtitle (fixture), ==, expected);
}

static void
test_open_same_spec_focuses (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *posix_spec = g_strconcat ("posix:", fixture->names[0], NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) again = NULL;
  ShmviewRegionPage *a;

  g_test_summary ("Opening a spec that is already open focuses its tab instead of adding one");

  a = open_spec (fixture, fixture->names[0], FALSE);
  open_spec (fixture, fixture->names[1], FALSE);
  g_assert_true (shmview_window_get_current_page (fixture->window) != a);

  /* Another way of writing the same spec. */
  g_assert_true (open_spec (fixture, posix_spec, FALSE) == a);
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);

  /* And through open_region, with a region opened elsewhere. */
  open_spec (fixture, fixture->names[1], FALSE);
  again = shmview_region_open_text (fixture->display[0], SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_window_open_region (fixture->window, again) == a);
  g_assert_true (shmview_window_get_current_page (fixture->window) == a);
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);
}

static GtkWidget *
first_tab_child (Fixture           *fixture,
                 ShmviewRegionPage *page)
{
  GtkWidget *tab = gtk_notebook_get_tab_label (fixture->window->notebook, GTK_WIDGET (page));
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (tab));

  return children->data;
}

static void
test_read_only_own_tab (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) again = NULL;
  ShmviewRegionPage *rw, *ro;

  g_test_summary ("Asking for read-only never gets a tab that can write: it opens a read-only "
                  "tab of its own, which later read-only requests focus");

  rw = open_spec (fixture, fixture->names[0], FALSE);
  ro = open_spec (fixture, fixture->names[0], TRUE);
  g_assert_true (ro != rw);
  g_assert_true (shmview_region_is_read_only (shmview_region_page_get_region (ro)));
  g_assert_false (shmview_region_is_read_only (shmview_region_page_get_region (rw)));
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);

  g_assert_true (open_spec (fixture, fixture->names[0], FALSE) == rw);
  g_assert_true (open_spec (fixture, fixture->names[0], TRUE) == ro);
  /* the two tabs of one name tell themselves apart: a lock on the read-only one */
  g_assert_true (GTK_IS_LABEL (first_tab_child (fixture, rw)));
  g_assert_true (GTK_IS_IMAGE (first_tab_child (fixture, ro)));

  /* the region list's "Attach read-only" and a dialog's region */
  gtk_notebook_set_current_page (fixture->window->notebook, 0);
  g_signal_emit_by_name (fixture->window->browser, "attach", fixture->names[0], TRUE);
  shmview_app_test_drain ();
  g_assert_true (shmview_window_get_current_page (fixture->window) == ro);
  again = shmview_region_open_text (fixture->names[0], SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_window_open_region (fixture->window, again) == ro);
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);
}

static void
test_recreated_name_new_tab (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) made = NULL;
  ShmviewRegionPage *old, *page;

  g_test_summary ("A name removed and made again opens a new tab on the new object, not the "
                  "tab that still holds the old one");

  old = open_spec (fixture, fixture->names[0], FALSE);
  shmview_test_posix_unlink (fixture->names[0]);
  made = shmview_region_open_text (fixture->names[0], SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                   512, 0600, &error);
  g_assert_no_error (error);

  page = open_spec (fixture, fixture->names[0], FALSE);
  g_assert_true (page != old);
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);
  g_assert_cmpuint (shmview_region_get_size (shmview_region_page_get_region (page)), ==, 512);
  g_assert_true (shmview_region_is_removed (shmview_region_page_get_region (old)));

  /* the new one is not removed: asking again focuses it */
  gtk_notebook_set_current_page (fixture->window->notebook, 0);
  g_assert_true (open_spec (fixture, fixture->names[0], FALSE) == page);
}

static void
test_name_not_utf8 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *bad = g_strconcat (fixture->names[3], "\xff", NULL);
  g_autofree char *shown = g_strconcat (fixture->display[3], "\\xff", NULL);
  g_autofree char *subtitle_text = g_strdup_printf ("/%s — read-write", shown);
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) made = NULL;
  ShmviewRegionPage *page;
  ShmviewStatusBar *bar;

  g_test_summary ("A region whose name is not UTF-8 shows it escaped (\\xff) in the tab, the "
                  "titles, the status line and the messages about it");

  shmview_test_track_posix (bad);
  made = shmview_region_open_text (bad, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE, 64, 0600,
                                   &error);
  g_assert_no_error (error);
  page = open_spec (fixture, bad, FALSE);
  g_assert_cmpstr (shmview_region_page_get_title (page), ==, shown);
  g_assert_cmpstr (_shmview_window_get_tab_label_text (fixture->window, page), ==, shown);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, shown);
  g_assert_cmpstr (subtitle (fixture), ==, subtitle_text);
  bar = SHMVIEW_STATUS_BAR (_shmview_region_page_get_status_bar (page));
  status = _shmview_status_bar_dup_text (bar);
  g_assert_nonnull (strstr (status, shown));

  /* the page's own message, and the window's for one that cannot be opened */
  shmview_test_posix_unlink (bad);
  shmview_region_page_refresh (page);
  g_assert_true (g_str_has_prefix (_shmview_region_page_get_info_message (page), shown));
  g_signal_emit_by_name (fixture->window->browser, "attach", bad, FALSE);
  shmview_app_test_drain ();
  g_assert_true (gtk_info_bar_get_revealed (fixture->window->info_bar));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->window->info_label), shown));
}

static void
test_relative_file_tabs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir_a = shmview_test_temp_path ("tabs-a");
  g_autofree char *dir_b = shmview_test_temp_path ("tabs-b");
  g_autofree char *old_cwd = g_get_current_dir ();
  g_autofree char *absolute_b = NULL;
  ShmviewRegionPage *a, *b;

  g_test_summary ("file:data.bin opened from two directories is two files in two tabs; "
                  "each spelling of one file finds its tab");

  g_free (shmview_app_test_make_data_dir (dir_a));
  g_free (shmview_app_test_make_data_dir (dir_b));
  g_assert_no_errno (g_chdir (dir_a));
  a = open_spec (fixture, "file:data.bin", FALSE);
  g_assert_no_errno (g_chdir (dir_b));
  b = open_spec (fixture, "file:data.bin", FALSE);
  g_assert_true (a != b);
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);

  absolute_b = g_strconcat ("file:", dir_b, "//./data.bin", NULL);
  g_assert_true (open_spec (fixture, absolute_b, FALSE) == b);
  g_assert_no_errno (g_chdir (dir_a));
  g_assert_true (open_spec (fixture, "file:./data.bin", FALSE) == a);
  g_assert_no_errno (g_chdir (old_cwd));
}

static void
test_open_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing = shmview_test_unique_posix_name ("missing");
  g_autoptr(GError) error = NULL;

  g_test_summary ("A spec that cannot be opened changes nothing and says why");

  g_assert_false (shmview_window_open_spec (fixture->window, missing, FALSE, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (shmview_window_open_spec (fixture->window, "posix:", FALSE, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);

  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->stack), ==, "empty");
}

static guint8
read_byte (ShmviewRegionPage *page,
           guint64            offset)
{
  g_autoptr(GError) error = NULL;
  guint8 byte = 0xff;

  g_assert_true (shmview_region_read (shmview_region_page_get_region (page), offset,
                                      &byte, 1, &error));
  g_assert_no_error (error);
  return byte;
}

static void
test_undo_redo_actions (Fixture       *fixture,
                        gconstpointer  data)
{
  ShmviewRegionPage *page;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x42", 1);
  gboolean written = FALSE;

  g_test_summary ("Undo and redo follow the current page's history, and write through it");

  page = open_spec (fixture, fixture->names[0], FALSE);
  g_assert_false (action_enabled (fixture, "undo"));
  g_assert_false (action_enabled (fixture, "redo"));

  g_signal_emit_by_name (shmview_region_page_get_hex_view (page), "edit",
                         (guint64) 5, bytes, &written);
  shmview_app_test_drain ();
  g_assert_true (written);
  g_assert_cmpuint (read_byte (page, 5), ==, 0x42);
  g_assert_true (action_enabled (fixture, "undo"));
  g_assert_false (action_enabled (fixture, "redo"));

  activate (fixture, "undo");
  g_assert_cmpuint (read_byte (page, 5), ==, 0x00);
  g_assert_false (action_enabled (fixture, "undo"));
  g_assert_true (action_enabled (fixture, "redo"));

  activate (fixture, "redo");
  g_assert_cmpuint (read_byte (page, 5), ==, 0x42);
  g_assert_true (action_enabled (fixture, "undo"));

  /* Another tab has its own (empty) history. */
  open_spec (fixture, fixture->names[1], FALSE);
  g_assert_false (action_enabled (fixture, "undo"));
  gtk_notebook_set_current_page (fixture->window->notebook, 0);
  shmview_app_test_drain ();
  g_assert_true (action_enabled (fixture, "undo"));
}

/* Ctrl+Z and Ctrl+Shift+Z, as typed in the window. */
static void
send_undo_key (Fixture  *fixture,
               gboolean  redo)
{
  shmview_app_test_send_key (GTK_WIDGET (fixture->window), GDK_KEY_z,
                             GDK_CONTROL_MASK | (redo ? GDK_SHIFT_MASK : 0));
  shmview_app_test_drain ();
}

static void
test_undo_follows_focus (Fixture       *fixture,
                         gconstpointer  data)
{
  ShmviewRegionPage *page;
  GtkWidget *hex, *entry;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x42", 1);
  gboolean written = FALSE;

  g_test_summary ("Undo and redo are enabled only while the hex view has the focus: Ctrl+Z "
                  "and Ctrl+Shift+Z in a text entry never write to shared memory");

  page = open_spec (fixture, fixture->names[0], FALSE);
  hex = shmview_region_page_get_hex_view (page);
  entry = shmview_app_test_template_child (_shmview_region_page_get_string_pane (page), "entry");
  g_signal_emit_by_name (hex, "edit", (guint64) 5, bytes, &written);
  g_assert_true (written);

  gtk_widget_grab_focus (entry);
  shmview_app_test_drain ();
  g_assert_false (action_enabled (fixture, "undo"));
  send_undo_key (fixture, FALSE);
  g_assert_cmpuint (read_byte (page, 5), ==, 0x42);

  gtk_widget_grab_focus (hex);
  shmview_app_test_drain ();
  g_assert_true (action_enabled (fixture, "undo"));
  send_undo_key (fixture, FALSE);
  g_assert_cmpuint (read_byte (page, 5), ==, 0x00);
  g_assert_true (action_enabled (fixture, "redo"));

  gtk_widget_grab_focus (entry);
  shmview_app_test_drain ();
  g_assert_false (action_enabled (fixture, "redo"));
  send_undo_key (fixture, TRUE);
  g_assert_cmpuint (read_byte (page, 5), ==, 0x00);
}

static void
test_close_tab (Fixture       *fixture,
                gconstpointer  data)
{
  ShmviewRegionPage *a, *b;
  GtkWidget *tab, *close;

  g_test_summary ("Ctrl+W and the tab's close button close tabs; the last one brings the empty state back");

  a = open_spec (fixture, fixture->names[0], FALSE);
  b = open_spec (fixture, fixture->names[1], FALSE);
  open_spec (fixture, fixture->names[2], FALSE);

  activate (fixture, "close-tab");
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 2);

  tab = gtk_notebook_get_tab_label (fixture->window->notebook, GTK_WIDGET (a));
  close = find_widget (tab, NULL, GTK_TYPE_BUTTON);
  g_assert_nonnull (close);
  gtk_button_clicked (GTK_BUTTON (close));
  shmview_app_test_drain ();
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 1);
  g_assert_true (shmview_window_get_current_page (fixture->window) == b);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, fixture->display[1]);

  activate (fixture, "close-tab");
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->stack), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "shmview");
  g_assert_false (action_enabled (fixture, "close-tab"));
  g_assert_false (action_enabled (fixture, "refresh"));
}

static void
test_settings_reach_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  ShmviewRegionPage *page, *later;
  GtkWidget *hex;
  g_autofree char *font = NULL;
  guint value = 0;

  g_test_summary ("Settings reach every page and its hex view, including pages opened later");

  page = open_spec (fixture, fixture->names[0], FALSE);
  hex = shmview_region_page_get_hex_view (page);

  g_settings_set_uint (fixture->settings, "bytes-per-row", 32);
  g_settings_set_string (fixture->settings, "font", "Monospace 14");
  g_settings_set_uint (fixture->settings, "highlight-fade-ms", 700);
  g_settings_set_uint (fixture->settings, "refresh-interval", 250);
  shmview_app_test_drain ();

  g_object_get (hex, "bytes-per-row", &value, NULL);
  g_assert_cmpuint (value, ==, 32);
  g_object_get (hex, "font-name", &font, NULL);
  g_assert_cmpstr (font, ==, "Monospace 14");
  g_object_get (hex, "fade-ms", &value, NULL);
  g_assert_cmpuint (value, ==, 700);
  g_assert_cmpuint (shmview_window_get_interval (fixture->window), ==, 250);
  g_assert_cmpuint (shmview_region_page_get_interval (page), ==, 250);

  activate (fixture, "pause");
  g_assert_true (shmview_window_get_paused (fixture->window));
  g_assert_true (shmview_region_page_get_paused (page));

  later = open_spec (fixture, fixture->names[1], FALSE);
  g_assert_cmpuint (shmview_hex_view_get_bytes_per_row (SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (later))), ==, 32);
  g_assert_cmpuint (shmview_region_page_get_interval (later), ==, 250);
  g_assert_true (shmview_region_page_get_paused (later));

  activate (fixture, "pause");
  g_assert_false (shmview_region_page_get_paused (page));
  g_assert_false (shmview_region_page_get_paused (later));
}

static void
test_interval_override (Fixture       *fixture,
                        gconstpointer  data)
{
  ShmviewRegionPage *page;

  g_test_summary ("An interval given for the session applies to the window without writing the setting");

  page = open_spec (fixture, fixture->names[0], FALSE);
  shmview_window_override_interval (fixture->window, 40);
  shmview_app_test_drain ();
  g_assert_cmpuint (shmview_window_get_interval (fixture->window), ==, 40);
  g_assert_cmpuint (shmview_region_page_get_interval (page), ==, 40);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "refresh-interval"), ==, 100);
  g_assert_cmpstr (gtk_label_get_text (fixture->window->interval_label), ==, "40 ms");

  /* The header bar's control moves this window only, now. */
  gtk_adjustment_set_value (fixture->window->interval_adjustment, 2500);
  g_assert_cmpuint (shmview_region_page_get_interval (page), ==, 2500);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "refresh-interval"), ==, 100);
  g_assert_cmpstr (gtk_label_get_text (fixture->window->interval_label), ==, "2.5 s");

  g_settings_set_uint (fixture->settings, "refresh-interval", 500);
  shmview_app_test_drain ();
  g_assert_cmpuint (shmview_window_get_interval (fixture->window), ==, 2500);
}

static void
test_header_interval_writes_setting (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_test_summary ("Without an override the header bar's interval control is the setting");

  gtk_adjustment_set_value (fixture->window->interval_adjustment, 30);
  shmview_app_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "refresh-interval"), ==, 30);
  g_assert_cmpuint (shmview_window_get_interval (fixture->window), ==, 30);
}

static void
test_copy_follows_focus (Fixture       *fixture,
                         gconstpointer  data)
{
  ShmviewRegionPage *page;
  GtkWidget *entry;

  g_test_summary ("Copy is enabled only while the hex view has the focus, so Ctrl+C still works in entries");

  page = open_spec (fixture, fixture->names[0], FALSE);
  gtk_widget_grab_focus (shmview_region_page_get_hex_view (page));
  shmview_app_test_drain ();
  g_assert_true (action_enabled (fixture, "copy"));

  entry = find_widget (_shmview_region_page_get_string_pane (page), NULL, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  shmview_app_test_drain ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == entry);
  g_assert_false (action_enabled (fixture, "copy"));
}

static void
test_sidebar_toggle (Fixture       *fixture,
                     gconstpointer  data)
{
  g_test_summary ("F9's action hides and shows the region list and remembers it in the settings");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->browser)));
  activate (fixture, "sidebar-visible");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->browser)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "sidebar-visible"));

  activate (fixture, "sidebar-visible");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->browser)));
  g_assert_true (g_settings_get_boolean (fixture->settings, "sidebar-visible"));
}

static void
test_browser_attach (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = shmview_test_unique_posix_name ("missing");
  ShmviewRegionPage *page;

  g_test_summary ("The browser's attach signal opens a tab (read-only when asked) or shows an error bar");

  g_signal_emit_by_name (fixture->window->browser, "attach", fixture->names[0], TRUE);
  shmview_app_test_drain ();
  page = shmview_window_get_current_page (fixture->window);
  g_assert_nonnull (page);
  g_assert_true (shmview_region_is_read_only (shmview_region_page_get_region (page)));
  g_assert_false (gtk_info_bar_get_revealed (fixture->window->info_bar));

  g_signal_emit_by_name (fixture->window->browser, "attach", missing, FALSE);
  shmview_app_test_drain ();
  g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, 1);
  g_assert_true (gtk_info_bar_get_revealed (fixture->window->info_bar));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->window->info_label), missing + 1));

  gtk_info_bar_response (fixture->window->info_bar, GTK_RESPONSE_CLOSE);
  g_assert_false (gtk_info_bar_get_revealed (fixture->window->info_bar));
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_dialogs_open_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  const struct
  {
    const char *action;
    GType       type;
    const char *signal;
  } dialogs[] = {
    { "create", SHMVIEW_TYPE_CREATE_DIALOG, "created" },
    { "attach", SHMVIEW_TYPE_ATTACH_DIALOG, "attached" },
  };

  g_test_summary ("Create and Attach open their dialog over the window; the region they "
                  "hand back opens in a tab");

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewRegion) region = NULL;
      GtkWidget *dialog;

      activate (fixture, dialogs[i].action);
      dialog = find_toplevel (dialogs[i].type);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

      region = shmview_region_open_text (fixture->names[i], SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
      g_assert_no_error (error);
      g_signal_emit_by_name (dialog, dialogs[i].signal, region);
      gtk_widget_destroy (dialog);
      shmview_app_test_drain ();

      g_assert_cmpuint (shmview_window_get_n_pages (fixture->window), ==, i + 1);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, fixture->display[i]);
    }
}

static void
test_preferences_dialog (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *dialog, *combo, *spin, *encoding;
  ShmviewRegionPage *page;
  g_autofree char *enc = NULL;

  g_test_summary ("The Preferences dialog writes the settings, and they reach the open hex view");

  page = open_spec (fixture, fixture->names[0], FALSE);
  dialog = shmview_preferences_dialog_new (GTK_WINDOW (fixture->window));
  gtk_widget_show (dialog);
  shmview_app_test_drain ();

  combo = find_widget (dialog, "bytes_per_row_combo", G_TYPE_NONE);
  spin = find_widget (dialog, "interval_spin", G_TYPE_NONE);
  encoding = find_widget (dialog, "encoding_combo", G_TYPE_NONE);
  g_assert_nonnull (combo);
  g_assert_nonnull (spin);
  g_assert_nonnull (encoding);

  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo)), ==, "16");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), "8");
  shmview_app_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "bytes-per-row"), ==, 8);
  g_assert_cmpuint (shmview_hex_view_get_bytes_per_row (SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (page))), ==, 8);

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), "0");
  shmview_app_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "bytes-per-row"), ==, 0);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 750);
  shmview_app_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "refresh-interval"), ==, 750);
  g_assert_cmpuint (shmview_region_page_get_interval (page), ==, 750);
  /* the header bar says so too */
  g_assert_cmpstr (gtk_label_get_text (fixture->window->interval_label), ==, "750 ms");

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (encoding), "latin-1");
  shmview_app_test_drain ();
  enc = g_settings_get_string (fixture->settings, "string-encoding");
  g_assert_cmpstr (enc, ==, "latin-1");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_DELETE_EVENT);
  shmview_app_test_drain ();
}

static void
test_geometry_saved (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_test_summary ("The window's size is written to the settings when it closes, not before");

  gtk_window_resize (GTK_WINDOW (fixture->window), 812, 534);
  for (guint i = 0; i < 200 && fixture->window->width != 812; i++)
    {
      shmview_app_test_drain ();
      g_usleep (5000);
    }
  g_assert_cmpint (fixture->window->width, ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), !=, 812);

  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  fixture->window = NULL;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 534);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_geometry_fits_screen (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GdkDisplay *display = gdk_display_get_default ();
  GdkMonitor *monitor = gdk_display_get_primary_monitor (display);
  ShmviewWindow *window;
  GdkRectangle area;
  int width = 0, height = 0;

  g_test_summary ("A remembered size larger than the screen opens a window that fits it, "
                  "with room for the hex view beside the region list");

  if (monitor == NULL)
    monitor = gdk_display_get_monitor (display, 0);
  gdk_monitor_get_workarea (monitor, &area);
  g_settings_set_int (settings, "window-width", area.width * 2);
  g_settings_set_int (settings, "window-height", area.height * 2);
  g_settings_set_int (settings, "sidebar-width", 2000);

  window = shmview_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  /* the header bar and the frame come on top of the default size */
  g_assert_cmpint (width, <=, area.width - 10);
  g_assert_cmpint (height, <=, area.height - 56);
  g_assert_cmpint (width, >=, area.width / 2);
  g_assert_cmpint (gtk_paned_get_position (window->paned), <=, width - 720);
  gtk_widget_destroy (GTK_WIDGET (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "sidebar-width");
}

int
main (int   argc,
      char *argv[])
{
  /* Dirs not isolated: isolated, XDG_DATA_DIRS points at /dev/null, where
   * GTK finds neither an icon theme nor the MIME database its pixbuf loaders
   * need. Settings use the memory backend, so nothing is written to the home
   * directory anyway. */
  if (!shmview_app_test_init (&argc, &argv, FALSE))
    {
      g_test_message ("no display");
      return 77;
    }

#define ADD(path, fn) \
  g_test_add ("/app/window/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("empty-state", test_empty_state);
  ADD ("open-spec", test_open_spec);
  ADD ("open-read-only", test_open_read_only);
  ADD ("ctrl-page-switches-tabs", test_ctrl_page_switches_tabs);
  ADD ("open-same-spec-focuses", test_open_same_spec_focuses);
  ADD ("read-only-own-tab", test_read_only_own_tab);
  ADD ("recreated-name-new-tab", test_recreated_name_new_tab);
  ADD ("name-not-utf8", test_name_not_utf8);
  ADD ("relative-file-tabs", test_relative_file_tabs);
  ADD ("open-errors", test_open_errors);
  ADD ("undo-redo-actions", test_undo_redo_actions);
  ADD ("undo-follows-focus", test_undo_follows_focus);
  ADD ("close-tab", test_close_tab);
  ADD ("settings-reach-pages", test_settings_reach_pages);
  ADD ("interval-override", test_interval_override);
  ADD ("header-interval-writes-setting", test_header_interval_writes_setting);
  ADD ("copy-follows-focus", test_copy_follows_focus);
  ADD ("sidebar-toggle", test_sidebar_toggle);
  ADD ("browser-attach", test_browser_attach);
  ADD ("dialogs-open-pages", test_dialogs_open_pages);
  ADD ("preferences-dialog", test_preferences_dialog);
  ADD ("geometry-saved", test_geometry_saved);
  ADD ("geometry-fits-screen", test_geometry_fits_screen);
#undef ADD

  return g_test_run ();
}
