/* app-test-util.h: what the GTK tests of the app share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* g_test_init (isolating the XDG dirs or not), then gtk_init_check. FALSE
 * when there is no display. (Regions made by the tests are removed however
 * they end by the cleanup net of test-util.h.) */
gboolean  shmview_app_test_init               (int        *argc,
                                               char     ***argv,
                                               gboolean    isolate_dirs);
/* Registers a test at @path that skips for want of a display. */
void      shmview_app_test_add_no_display     (const char *path);

/* The isolated XDG_DATA_DIRS hide the icon themes: gives GTK the system's
 * back (once, inside a test). */
void      shmview_app_test_ensure_icon_theme  (void);
/* The child @name of the template of @widget's own class; fails the test
 * when there is none. */
GtkWidget *shmview_app_test_template_child    (gpointer    widget,
                                               const char *name);
/* Handles every pending event. */
void      shmview_app_test_drain              (void);
/* Runs the main loop for @ms milliseconds (animations settle). */
void      shmview_app_test_wait               (guint       ms);
/* A key press and release through GTK, as a typed key travels. */
void      shmview_app_test_send_key           (GtkWidget  *window,
                                               guint       keyval,
                                               GdkModifierType state);
/* Makes the directory @dir holding "data.bin" (256 zero bytes); returns the
 * "file:" spec of that file. */
char     *shmview_app_test_make_data_dir      (const char *dir);
/* Gives @window the keyboard focus (Xvfb has no window manager to do it),
 * so its focus widget has the focus. */
void      shmview_app_test_focus_window       (GtkWidget  *window);
/* With SHMVIEW_TEST_SCREENSHOTS=DIR: DIR/<prefix><test path>.png of @window. */
void      shmview_app_test_save_screenshot    (GtkWidget  *window,
                                               const char *prefix);

/* A 50 ms timer that keeps the main loop turning (remove it when done). */
guint     shmview_app_test_add_wakeup         (void);

/* Runs the main loop until @cond holds; fails the test after @seconds (a
 * safety net, not a goal). */
#define SHMVIEW_APP_TEST_RUN_UNTIL_WITHIN(cond, seconds)                   \
  G_STMT_START {                                                           \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    guint _wake = shmview_app_test_add_wakeup ();                          \
    while (!(cond) && g_get_monotonic_time () < _deadline)                 \
      g_main_context_iteration (NULL, TRUE);                               \
    g_source_remove (_wake);                                               \
    g_assert_true (cond);                                                  \
  } G_STMT_END

/* The same with a bound of 10 s. */
#define SHMVIEW_APP_TEST_RUN_UNTIL(cond) SHMVIEW_APP_TEST_RUN_UNTIL_WITHIN (cond, 10)

G_END_DECLS
