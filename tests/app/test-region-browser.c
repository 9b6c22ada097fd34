/* test-region-browser.c: the sidebar listing every region on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test makes its own POSIX objects (other tests and programs may have
 * theirs, so assertions look only at ours) and checks what the browser
 * lists, filters, emits and removes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-region-browser.h"
#include "shmview-region-browser-private.h"
#include "test-util.h"

typedef struct
{
  char                 *name;       /* "/shmview-test-…-browser" */
  int                   fd;
  void                 *map;        /* one mapping of ours, for the attach count */
  GtkWidget            *window;
  ShmviewRegionBrowser *browser;
  GPtrArray            *extra;      /* more names to unlink at teardown */
  char                 *attach_spec;
  gboolean              attach_read_only;
  guint                 n_attach;
  const char           *wanted;     /* for the RUN_UNTIL predicates */
} Fixture;

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return shmview_app_test_template_child (f->browser, name);
}

static gboolean
lists (Fixture    *f,
       const char *spec)
{
  g_auto(GStrv) specs = shmview_region_browser_dup_specs (f->browser);

  return g_strv_contains ((const char * const *) specs, spec);
}

static gboolean
lists_wanted (Fixture *f)
{
  return lists (f, f->wanted);
}

static gboolean
lacks_wanted (Fixture *f)
{
  return !lists (f, f->wanted);
}

/* The value of @column in the (shown) row of @spec, or NULL. */
static char *
row_value (Fixture    *f,
           const char *spec,
           int         column)
{
  GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (child (f, "tree_view")));
  GtkTreeIter iter;

  for (gboolean valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *row_spec = NULL;
      char *value = NULL;

      gtk_tree_model_get (model, &iter, SHMVIEW_REGION_BROWSER_COL_SPEC, &row_spec,
                          column, &value, -1);
      if (g_strcmp0 (row_spec, spec) == 0)
        return value;
      g_free (value);
    }
  return NULL;
}

/* What the list area shows: "list", or "empty" with its message. */
static const char *
list_area (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (f, "list_stack")));
}

static const char *
empty_message (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (child (f, "empty_title")));
}

static gboolean
shows_rows (Fixture *f,
            guint    n)
{
  return _shmview_region_browser_get_n_visible (f->browser) == n;
}

static void
make_region (Fixture    *f,
             const char *name,
             gsize       size)
{
  int fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);

  g_assert_cmpint (fd, >=, 0);
  shmview_test_track_posix (name);
  g_assert_no_errno (ftruncate (fd, size));
  close (fd);
  g_ptr_array_add (f->extra, g_strdup (name));
}

static void
on_attach (ShmviewRegionBrowser *browser,
           const char           *spec,
           gboolean              read_only,
           Fixture              *f)
{
  f->n_attach++;
  g_free (f->attach_spec);
  f->attach_spec = g_strdup (spec);
  f->attach_read_only = read_only;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  shmview_app_test_ensure_icon_theme ();
  f->extra = g_ptr_array_new_with_free_func (g_free);
  f->name = shmview_test_unique_posix_name ("browser");
  f->fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  g_assert_no_errno (ftruncate (f->fd, 256));
  f->map = mmap (NULL, 256, PROT_READ, MAP_SHARED, f->fd, 0);
  g_assert_true (f->map != MAP_FAILED);

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  f->browser = SHMVIEW_REGION_BROWSER (shmview_region_browser_new ());
  g_signal_connect (f->browser, "attach", G_CALLBACK (on_attach), f);
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->browser));
  gtk_widget_show (f->window);

  /* mapping starts the first listing, in a worker thread */
  f->wanted = f->name;
  SHMVIEW_APP_TEST_RUN_UNTIL (lists_wanted (f));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_app_test_save_screenshot (f->window, "browser");
  gtk_widget_destroy (f->window);
  shmview_app_test_drain ();
  munmap (f->map, 256);
  close (f->fd);
  shmview_test_posix_unlink (f->name);
  for (guint i = 0; i < f->extra->len; i++)
    shmview_test_posix_unlink (g_ptr_array_index (f->extra, i));
  g_ptr_array_unref (f->extra);
  g_free (f->name);
  g_free (f->attach_spec);
}

/* ------------------------------------------------------------------ */

static void
test_lists_region (Fixture       *f,
                   gconstpointer  data)
{
  struct passwd *pw = getpwuid (getuid ());
  g_autofree char *name = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_NAME);
  g_autofree char *kind = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_KIND);
  g_autofree char *size = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_SIZE_TEXT);
  g_autofree char *owner = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_OWNER);
  g_autofree char *mode = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_MODE);
  g_autofree char *attached = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_ATTACHED);
  g_autofree char *label = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_LABEL);

  g_test_summary ("A region made by the test is listed with name, kind, size, owner, mode "
                  "and attach count");

  g_assert_cmpstr (name, ==, f->name + 1);
  g_assert_cmpstr (kind, ==, "POSIX");
  g_assert_cmpstr (size, ==, "256 bytes");
  g_assert_nonnull (pw);
  g_assert_cmpstr (owner, ==, pw->pw_name);
  g_assert_cmpstr (mode, ==, "0600");
  g_assert_cmpstr (attached, ==, "1");
  g_assert_null (label);
}

static void
test_row_shows_details (Fixture       *f,
                        gconstpointer  data)
{
  struct passwd *pw = getpwuid (getuid ());
  g_autofree char *markup = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_MARKUP);
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("A row shows the name on its first line and kind, size, owner, mode and "
                  "attach count on its second");

  g_assert_nonnull (pw);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  details = g_strdup_printf ("%s\nPOSIX · 256 bytes · %s · 0600 · 1 attached", f->name + 1,
                             pw->pw_name);
  g_assert_cmpstr (text, ==, details);
}

static void
test_removed_segment (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *spec = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  void *address;
  int id;

  g_test_summary ("A System V segment removed while still attached is marked in words");

  if (shmview_test_skip_without_sysv ())
    return;

  id = shmget (IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  g_assert_cmpint (id, >=, 0);
  address = shmat (id, NULL, SHM_RDONLY);
  g_assert_no_errno (shmctl (id, IPC_RMID, NULL));
  g_assert_true (address != (void *) -1);
  spec = g_strdup_printf ("sysvid:%d", id);
  shmview_region_browser_reload (f->browser);

  markup = row_value (f, spec, SHMVIEW_REGION_BROWSER_COL_MARKUP);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "IPC_PRIVATE  Removed\nSystem V · 4 KiB · "));
  g_assert_no_errno (shmdt (address));
}

static void
test_library_label (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *python = g_strdup_printf ("/psm_shmviewtest%d", (int) getpid ());
  g_autofree char *qt = g_strdup_printf ("/qipc_sharedmemory_shmviewtest%d", (int) getpid ());
  g_autofree char *label = NULL;

  g_test_summary ("Names of known libraries are labelled: psm_* Python, "
                  "qipc_sharedmemory_* Qt");

  make_region (f, python, 16);
  make_region (f, qt, 16);
  shmview_region_browser_reload (f->browser);

  label = row_value (f, python, SHMVIEW_REGION_BROWSER_COL_LABEL);
  g_assert_cmpstr (label, ==, "Python");
  g_clear_pointer (&label, g_free);
  label = row_value (f, qt, SHMVIEW_REGION_BROWSER_COL_LABEL);
  g_assert_cmpstr (label, ==, "Qt");

  /* the filter looks at labels too */
  shmview_region_browser_set_filter (f->browser, "python");
  g_assert_true (shmview_region_browser_select (f->browser, python));
  g_assert_false (shmview_region_browser_select (f->browser, f->name));
}

static void
test_name_not_utf8 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *base = shmview_test_unique_posix_name ("browser-bad");
  g_autofree char *bad = g_strconcat (base, "\xff", NULL);
  g_autofree char *shown = g_strconcat (base + 1, "\\xff", NULL);
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  GtkTreeView *tree = GTK_TREE_VIEW (child (f, "tree_view"));
  g_autoptr(GtkTreePath) path = NULL;

  g_test_summary ("A POSIX name that is not UTF-8 is listed escaped (\\xff), drawn without "
                  "warnings, and its row attaches that very object");

  make_region (f, bad, 16);
  shmview_region_browser_reload (f->browser);
  shmview_app_test_drain ();

  name = row_value (f, bad, SHMVIEW_REGION_BROWSER_COL_NAME);
  g_assert_cmpstr (name, ==, shown);
  markup = row_value (f, bad, SHMVIEW_REGION_BROWSER_COL_MARKUP);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, shown));
  tooltip = row_value (f, bad, SHMVIEW_REGION_BROWSER_COL_TOOLTIP);
  g_assert_true (g_utf8_validate (tooltip, -1, NULL));

  /* found by its escaped name too */
  shmview_region_browser_set_filter (f->browser, shown);
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 1);
  g_assert_true (shmview_region_browser_select (f->browser, bad));
  gtk_tree_view_get_cursor (tree, &path, NULL);
  gtk_tree_view_row_activated (tree, path, gtk_tree_view_get_column (tree, 0));
  g_assert_cmpstr (f->attach_spec, ==, bad);
  shmview_app_test_drain ();
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *upper = g_ascii_strup (f->name + 1, -1);
  guint all;

  g_test_summary ("The filter entry hides rows that do not match (case-insensitively) and "
                  "shows them again when cleared; matching nothing says so in place of the rows");

  all = _shmview_region_browser_get_n_visible (f->browser);
  g_assert_cmpuint (all, >=, 1);

  shmview_region_browser_set_filter (f->browser, upper);
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 1);
  g_assert_true (shmview_region_browser_select (f->browser, f->name));

  g_assert_cmpstr (list_area (f), ==, "list");
  shmview_region_browser_set_filter (f->browser, "no-such-region-zz");
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 0);
  g_assert_false (shmview_region_browser_select (f->browser, f->name));
  g_assert_cmpstr (list_area (f), ==, "empty");
  g_assert_cmpstr (empty_message (f), ==, "No regions match “no-such-region-zz”");
  g_assert_false (gtk_widget_get_visible (child (f, "empty_hint")));
  g_assert_false (gtk_widget_get_visible (child (f, "empty_create_button")));
  shmview_app_test_save_screenshot (f->window, "browser-no-match");
  /* hidden, not forgotten: completion still offers it */
  g_assert_true (lists (f, f->name));

  /* typing in the entry filters too (after its short delay) */
  gtk_entry_set_text (GTK_ENTRY (child (f, "search_entry")), f->name + 1);
  while (_shmview_region_browser_get_n_visible (f->browser) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (list_area (f), ==, "list");

  shmview_region_browser_set_filter (f->browser, "");
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), >=, all);
}

static void
test_filter_kind_owner (Fixture       *f,
                        gconstpointer  data)
{
  static const char sysvipc_text[] =
    "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
    "      atime      dtime      ctime                   rss                  swap\n"
    "      4660         77   600                   256   100   100      1 65534 65534 65534 65534"
    "          0          0          0                  4096                     0\n";
  g_autofree char *dir = shmview_test_temp_path ("kind-owner-shm");
  g_autofree char *sysvipc = shmview_test_temp_path ("kind-owner-sysvipc");
  g_autofree char *object = NULL;
  g_autofree char *owner = NULL;

  g_test_summary ("The filter matches what a row shows besides the name: its kind "
                  "(\"System V\") and its owner");

  g_assert_no_errno (g_mkdir (dir, 0700));
  object = g_build_filename (dir, "mine", NULL);
  g_assert_true (g_file_set_contents (object, "ezhchai", 8, NULL));
  g_assert_true (g_file_set_contents (sysvipc, sysvipc_text, -1, NULL));
  _shmview_region_browser_list_from (f->browser, dir, sysvipc);
  shmview_region_browser_reload (f->browser);
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 2);

  shmview_region_browser_set_filter (f->browser, "system v");
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 1);
  g_assert_true (shmview_region_browser_select (f->browser, "sysvid:77"));
  shmview_region_browser_set_filter (f->browser, "POSIX");
  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 1);
  g_assert_true (shmview_region_browser_select (f->browser, "/mine"));

  /* the owner as the row names it */
  owner = row_value (f, "/mine", SHMVIEW_REGION_BROWSER_COL_OWNER);
  shmview_region_browser_set_filter (f->browser, "");
  g_assert_nonnull (owner);
  shmview_region_browser_set_filter (f->browser, owner);
  g_assert_true (shmview_region_browser_select (f->browser, "/mine"));
  g_assert_false (shmview_region_browser_select (f->browser, "sysvid:77"));

  shmview_region_browser_set_filter (f->browser, "");
  g_assert_no_errno (g_unlink (object));
  g_assert_no_errno (g_unlink (sysvipc));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_empty_machine (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = shmview_test_temp_path ("empty-shm");
  g_autofree char *sysvipc = shmview_test_temp_path ("no-sysvipc");
  g_autofree char *first = NULL;

  g_test_summary ("With no region at all the list says so, with the way to create one; "
                  "the first region to appear takes its place");

  /* a /dev/shm of the test's own, and no System V segments */
  g_assert_no_errno (g_mkdir (dir, 0700));
  _shmview_region_browser_list_from (f->browser, dir, sysvipc);
  shmview_region_browser_reload (f->browser);

  g_assert_cmpuint (_shmview_region_browser_get_n_visible (f->browser), ==, 0);
  g_assert_cmpstr (list_area (f), ==, "empty");
  g_assert_cmpstr (empty_message (f), ==, "No shared memory regions yet");
  g_assert_true (gtk_widget_get_visible (child (f, "empty_hint")));
  g_assert_true (gtk_widget_get_visible (child (f, "empty_create_button")));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (f, "empty_create_button"))),
                   ==, "win.create");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "count_label"))), ==, "0 regions");
  shmview_app_test_save_screenshot (f->window, "browser-empty");

  /* with nothing listed, a filter changes nothing: there is nothing to match */
  shmview_region_browser_set_filter (f->browser, "zz");
  g_assert_cmpstr (empty_message (f), ==, "No shared memory regions yet");
  shmview_region_browser_set_filter (f->browser, "");

  /* the browser's own refresh finds the newcomer */
  first = g_build_filename (dir, "first", NULL);
  g_assert_true (g_file_set_contents (first, "ezhchai", 8, NULL));
  SHMVIEW_APP_TEST_RUN_UNTIL (shows_rows (f, 1));
  g_assert_true (lists (f, "/first"));
  g_assert_cmpstr (list_area (f), ==, "list");
  g_assert_no_errno (g_unlink (first));
}

static void
test_updates_in_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *other = shmview_test_unique_posix_name ("browser-new");
  g_autofree char *selected = NULL;
  g_autofree char *size = NULL;

  g_test_summary ("The list refreshes by itself: new regions appear, removed ones go, and a "
                  "changed row keeps the selection");

  g_assert_true (shmview_region_browser_select (f->browser, f->name));

  make_region (f, other, 64);
  f->wanted = other;
  SHMVIEW_APP_TEST_RUN_UNTIL (lists_wanted (f));

  g_assert_no_errno (ftruncate (f->fd, 4096));
  shmview_region_browser_reload (f->browser);
  size = row_value (f, f->name, SHMVIEW_REGION_BROWSER_COL_SIZE_TEXT);
  g_assert_cmpstr (size, ==, "4 KiB");
  selected = _shmview_region_browser_dup_selected_spec (f->browser);
  g_assert_cmpstr (selected, ==, f->name);

  g_assert_no_errno (shm_unlink (other));
  SHMVIEW_APP_TEST_RUN_UNTIL (lacks_wanted (f));
  g_clear_pointer (&selected, g_free);
  selected = _shmview_region_browser_dup_selected_spec (f->browser);
  g_assert_cmpstr (selected, ==, f->name);
}

static void
test_attach_signals (Fixture       *f,
                     gconstpointer  data)
{
  GtkTreeView *tree = GTK_TREE_VIEW (child (f, "tree_view"));
  g_autoptr(GtkTreePath) path = NULL;

  g_test_summary ("Activating a row attaches it; the menu's Attach read-only asks for "
                  "read-only");

  g_assert_true (shmview_region_browser_select (f->browser, f->name));
  gtk_tree_view_get_cursor (tree, &path, NULL);
  g_assert_nonnull (path);
  gtk_tree_view_row_activated (tree, path, gtk_tree_view_get_column (tree, 0));
  g_assert_cmpuint (f->n_attach, ==, 1);
  g_assert_cmpstr (f->attach_spec, ==, f->name);
  g_assert_false (f->attach_read_only);

  shmview_region_browser_attach_selected (f->browser, TRUE);
  g_assert_cmpuint (f->n_attach, ==, 2);
  g_assert_cmpstr (f->attach_spec, ==, f->name);
  g_assert_true (f->attach_read_only);
}

static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *menu = child (f, "context_menu");

  g_test_summary ("The context menu opens from the keyboard (Shift+F10) on the selected row");

  g_assert_true (shmview_region_browser_select (f->browser, f->name));
  gtk_widget_grab_focus (child (f, "tree_view"));
  shmview_app_test_send_key (f->window, GDK_KEY_F10, GDK_SHIFT_MASK);
  shmview_app_test_drain ();
  g_assert_true (gtk_widget_get_visible (menu));
  shmview_app_test_save_screenshot (f->window, "browser");
  gtk_menu_popdown (GTK_MENU (menu));
}

static GtkWidget *
ask_remove (Fixture    *f,
            const char *spec)
{
  GtkWidget *dialog;
  g_autofree char *secondary = NULL;

  g_assert_true (shmview_region_browser_select (f->browser, spec));
  dialog = shmview_region_browser_remove_selected (f->browser);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, spec));
  return dialog;
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *victim = shmview_test_unique_posix_name ("browser-rm");
  GtkWidget *dialog;
  int fd;

  g_test_summary ("Remove asks first (Cancel keeps the region), then removes it and the row");

  make_region (f, victim, 32);
  shmview_region_browser_reload (f->browser);

  dialog = ask_remove (f, victim);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  shmview_app_test_drain ();
  fd = shm_open (victim, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  dialog = ask_remove (f, victim);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  shmview_app_test_drain ();
  g_assert_cmpint (shm_open (victim, O_RDONLY, 0), ==, -1);
  g_assert_cmpint (errno, ==, ENOENT);
  g_assert_false (lists (f, victim));
  g_assert_null (_shmview_region_browser_get_error (f->browser));
}

static void
test_remove_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *victim = shmview_test_unique_posix_name ("browser-gone");
  GtkWidget *dialog;

  g_test_summary ("A removal that fails (someone else removed it first) is shown in words");

  make_region (f, victim, 32);
  shmview_region_browser_reload (f->browser);
  dialog = ask_remove (f, victim);
  g_assert_no_errno (shm_unlink (victim));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  shmview_app_test_drain ();

  g_assert_nonnull (_shmview_region_browser_get_error (f->browser));
  g_assert_nonnull (strstr (_shmview_region_browser_get_error (f->browser),
                            "There is no shared memory region called"));
}

int
main (int   argc,
      char *argv[])
{
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/region-browser/no-display");
      return g_test_run ();
    }
#define ADD(path, fn) \
  g_test_add ("/app/region-browser/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("lists-region", test_lists_region);
  ADD ("row-shows-details", test_row_shows_details);
  ADD ("removed-segment", test_removed_segment);
  ADD ("library-label", test_library_label);
  ADD ("name-not-utf8", test_name_not_utf8);
  ADD ("filter", test_filter);
  ADD ("filter-kind-owner", test_filter_kind_owner);
  ADD ("empty-machine", test_empty_machine);
  ADD ("updates-in-place", test_updates_in_place);
  ADD ("attach-signals", test_attach_signals);
  ADD ("context-menu", test_context_menu);
  ADD ("remove", test_remove);
  ADD ("remove-error", test_remove_error);

  return g_test_run ();
}
