/* app-test-util.c: what the GTK tests of the app share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"

gboolean
shmview_app_test_init (int        *argc,
                       char     ***argv,
                       gboolean    isolate_dirs)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_disable_setlocale ();
  if (isolate_dirs)
    {
      const char * const mime_dirs[] = { "/usr/local/share/mime", "/usr/share/mime", NULL };

      g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
      /* The isolated XDG_DATA_DIRS hide the MIME database, without which the
       * pixbuf loaders cannot load GTK's own icons (a fatal warning here). */
      g_content_type_set_mime_dirs (mime_dirs);
    }
  else
    g_test_init (argc, argv, NULL);

  return gtk_init_check (argc, argv);
}

static void
skip_without_display (void)
{
  g_test_skip ("no X display (run under tests/run-test.sh --x11)");
}

void
shmview_app_test_add_no_display (const char *path)
{
  g_test_add_func (path, skip_without_display);
}

/* Only once a test runs: the isolated dirs are set by then, so GLib
 * allocates (and, in 2.74, leaks) no home or data dir strings for it. */
void
shmview_app_test_ensure_icon_theme (void)
{
  static gboolean done;

  if (!done)
    gtk_icon_theme_append_search_path (gtk_icon_theme_get_default (), "/usr/share/icons");
  done = TRUE;
}

GtkWidget *
shmview_app_test_template_child (gpointer    widget,
                                 const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget),
                                                  name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

void
shmview_app_test_drain (void)
{
  while (gtk_events_pending ())
    gtk_main_iteration ();
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
keep_going (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

guint
shmview_app_test_add_wakeup (void)
{
  return g_timeout_add (50, keep_going, NULL);
}

void
shmview_app_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
shmview_app_test_send_key (GtkWidget       *window,
                           guint            keyval,
                           GdkModifierType  state)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkKeymap *keymap = gdk_keymap_get_for_display (display);
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  if (gdk_keymap_get_entries_for_keyval (keymap, keyval, &keys, &n_keys))
    g_assert_cmpint (n_keys, >, 0);
  for (int type = GDK_KEY_PRESS; type <= GDK_KEY_RELEASE; type++)
    {
      GdkEvent *event = gdk_event_new (type);

      event->key.window = g_object_ref (gtk_widget_get_window (window));
      event->key.send_event = TRUE;
      event->key.time = GDK_CURRENT_TIME;
      event->key.state = state;
      event->key.keyval = keyval;
      if (n_keys > 0)
        {
          event->key.hardware_keycode = keys[0].keycode;
          event->key.group = keys[0].group;
        }
      gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (display)));
      gtk_main_do_event (event);
      gdk_event_free (event);
    }
}

char *
shmview_app_test_make_data_dir (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "data.bin", NULL);
  g_autoptr(GError) error = NULL;
  char data[256] = { 0 };

  g_assert_no_errno (g_mkdir (dir, 0700));
  g_file_set_contents (path, data, sizeof data, &error);
  g_assert_no_error (error);
  return g_strconcat ("file:", path, NULL);
}

/* Xvfb has no window manager to give a window the keyboard focus; tell
 * @window that it has it, as a focused window on a desktop would be. */
void
shmview_app_test_focus_window (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkEvent *event = gdk_event_new (GDK_FOCUS_CHANGE);

  event->focus_change.window = g_object_ref (gtk_widget_get_window (window));
  event->focus_change.send_event = TRUE;
  event->focus_change.in = TRUE;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (display)));
  gtk_main_do_event (event);
  gdk_event_free (event);
}

void
shmview_app_test_save_screenshot (GtkWidget  *window,
                                  const char *prefix)
{
  const char *dir = g_getenv ("SHMVIEW_TEST_SCREENSHOTS");
  GdkWindow *gdk_window = gtk_widget_get_window (window);
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL || gdk_window == NULL)
    return;

  /* let revealers and popovers finish their animations */
  shmview_app_test_wait (500);
  pixbuf = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                       gdk_window_get_height (gdk_window));
  base = g_strdelimit (g_strdup (g_test_get_path ()), "/", '-');
  path = g_strdup_printf ("%s/%s%s.png", dir, prefix, base);
  if (pixbuf != NULL && !gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
    g_test_message ("screenshot %s: %s", path, error->message);
}
