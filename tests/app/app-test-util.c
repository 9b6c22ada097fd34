/* app-test-util.c: what the GTK tests of the app share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleanup: a failed g_assert aborts the test program before its teardown
 * runs, which used to leave /dev/shm/shmview-test-* objects and System V
 * segments behind. Every region made through these helpers is written down
 * in a fixed table, and both atexit and a handler for the fatal signals
 * remove them all (shm_unlink and shmctl are plain system calls, safe in a
 * signal handler) before the program goes on to die as it would have.
 */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "app-test-util.h"
#include "test-util.h"

#define MAX_CLEANUPS 256
#define NAME_BYTES   96

static char cleanup_names[MAX_CLEANUPS][NAME_BYTES];
static volatile sig_atomic_t n_cleanup_names;
static int cleanup_sysv_ids[MAX_CLEANUPS];
static volatile sig_atomic_t n_cleanup_sysv_ids;
static pid_t owner_pid;   /* a forked child (g_test_trap_subprocess) leaves them be */

/* Async-signal-safe: system calls on the table only. */
static void
remove_all (void)
{
  pid_t self = getpid ();

  if (self != owner_pid)
    return;

  for (sig_atomic_t i = 0; i < n_cleanup_names; i++)
    shm_unlink (cleanup_names[i]);

  /* An id is only ours while we made it: after IPC_RMID the kernel may hand
   * the slot to someone else, so check the creator first. */
  for (sig_atomic_t i = 0; i < n_cleanup_sysv_ids; i++)
    {
      struct shmid_ds ds;

      if (shmctl (cleanup_sysv_ids[i], IPC_STAT, &ds) == 0 && ds.shm_cpid == self)
        shmctl (cleanup_sysv_ids[i], IPC_RMID, NULL);
    }
}

static void
on_fatal_signal (int signum)
{
  remove_all ();
  /* SA_RESETHAND put the default action back: die of the same signal. */
  raise (signum);
}

static void
arm_cleanup (void)
{
  static const int fatal[] = { SIGABRT, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE, SIGILL, SIGTERM,
                               SIGINT };
  struct sigaction action;

  owner_pid = getpid ();
  memset (&action, 0, sizeof action);
  action.sa_handler = on_fatal_signal;
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    sigaction (fatal[i], &action, NULL);
  atexit (remove_all);
}

void
shmview_app_test_remove_at_exit (const char *name)
{
  g_assert_cmpuint (strlen (name), <, NAME_BYTES);
  g_assert_cmpint (n_cleanup_names, <, MAX_CLEANUPS);

  for (sig_atomic_t i = 0; i < n_cleanup_names; i++)
    if (strcmp (cleanup_names[i], name) == 0)
      return;
  g_strlcpy (cleanup_names[n_cleanup_names], name, NAME_BYTES);
  n_cleanup_names++;   /* only now does the handler read the new entry */
}

char *
shmview_app_test_posix_name (const char *tag)
{
  char *name = shmview_test_unique_posix_name (tag);

  shmview_app_test_remove_at_exit (name);
  return name;
}

void
shmview_app_test_remove_sysv_at_exit (int id)
{
  g_assert_cmpint (n_cleanup_sysv_ids, <, MAX_CLEANUPS);
  cleanup_sysv_ids[n_cleanup_sysv_ids] = id;
  n_cleanup_sysv_ids++;
}

int
shmview_app_test_sysv_create (gsize size)
{
  int id = shmget (IPC_PRIVATE, size, IPC_CREAT | 0600);

  if (id >= 0)
    shmview_app_test_remove_sysv_at_exit (id);
  return id;
}

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

  arm_cleanup ();
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
