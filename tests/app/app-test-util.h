/* app-test-util.h: what the GTK tests of the app share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* g_test_init (isolating the XDG dirs or not), then gtk_init_check. Also
 * arms the cleanup below. FALSE when there is no display. */
gboolean  shmview_app_test_init               (int        *argc,
                                               char     ***argv,
                                               gboolean    isolate_dirs);
/* Registers a test at @path that skips for want of a display. */
void      shmview_app_test_add_no_display     (const char *path);

/* The isolated XDG_DATA_DIRS hide the icon themes: gives GTK the system's
 * back (once, inside a test). */
void      shmview_app_test_ensure_icon_theme  (void);
/* Handles every pending event. */
void      shmview_app_test_drain              (void);
/* Runs the main loop for @ms milliseconds (animations settle). */
void      shmview_app_test_wait               (guint       ms);
/* A key press and release through GTK, as a typed key travels. */
void      shmview_app_test_send_key           (GtkWidget  *window,
                                               guint       keyval,
                                               GdkModifierType state);
/* With SHMVIEW_TEST_SCREENSHOTS=DIR: DIR/<prefix><test path>.png of @window. */
void      shmview_app_test_save_screenshot    (GtkWidget  *window,
                                               const char *prefix);

/* Regions that go away however the test ends: at exit, and also when an
 * assertion aborts the program before teardown runs. */
/* A unique POSIX name (as shmview_test_unique_posix_name), unlinked at the end. */
char     *shmview_app_test_posix_name         (const char *tag);
/* Unlinks @name at the end too (a name made some other way). */
void      shmview_app_test_remove_at_exit     (const char *name);
/* A new IPC_PRIVATE System V segment (0600), IPC_RMID'd at the end; -1 on failure. */
int       shmview_app_test_sysv_create        (gsize       size);
/* IPC_RMIDs segment @id at the end too, if this process made it. */
void      shmview_app_test_remove_sysv_at_exit (int        id);

/* A 50 ms timer that keeps the main loop turning (remove it when done). */
guint     shmview_app_test_add_wakeup         (void);

/* Runs the main loop until @cond holds; fails the test after 10 s (a
 * safety net, not a goal). */
#define SHMVIEW_APP_TEST_RUN_UNTIL(cond)                                   \
  G_STMT_START {                                                           \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;     \
    guint _wake = shmview_app_test_add_wakeup ();                          \
    while (!(cond) && g_get_monotonic_time () < _deadline)                 \
      g_main_context_iteration (NULL, TRUE);                               \
    g_source_remove (_wake);                                               \
    g_assert_true (cond);                                                  \
  } G_STMT_END

G_END_DECLS
