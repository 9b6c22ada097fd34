/* test-soak.c: long use of the window under a busy writer, with criticals fatal
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timer or a signal handler that outlives its widget shows as a
 * Gtk-CRITICAL only after many tabs have come and gone. This test opens and
 * closes tabs, windows and dialogs, pauses, filters, types and lets regions
 * be removed, made again and resized by another thread, for a bounded time
 * (SHMVIEW_SOAK_SECONDS, 15 by default). g_test_init makes every warning
 * and critical fatal, so one is a failure.
 */
#include "config.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-hex-view.h"
#include "shmview-region-page-private.h"
#include "shmview-string-pane-private.h"
#include "shmview-window-private.h"
#include "test-util.h"

#define N_REGIONS 6
#define REGION_SIZE 4096

typedef struct
{
  char          *names[N_REGIONS];   /* "/shmview-test-…" */
  GThread       *writer;
  gint           stop;               /* atomic: the writer ends */
  ShmviewWindow *window;
  GRand         *rand;
} Fixture;

static void
make_region (const char *name,
             gsize       size)
{
  int fd = shm_open (name, O_RDWR | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, (off_t) size));
  close (fd);
}

/* The other program: writes into every region all the time, and now and
 * then removes one and makes it again, or resizes it. Never touches GTK. */
static gpointer
writer_thread (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 buf[64];

  while (!g_atomic_int_get (&f->stop))
    {
      guint i = g_rand_int_range (rand, 0, N_REGIONS);
      guint what = g_rand_int_range (rand, 0, 100);
      int fd = shm_open (f->names[i], O_RDWR, 0);

      if (fd < 0)
        {
          make_region (f->names[i], REGION_SIZE);
          continue;
        }
      if (what == 0)
        shm_unlink (f->names[i]);
      else if (what < 3)
        (void) !ftruncate (fd, g_rand_int_range (rand, 0, 2) ? REGION_SIZE / 2 : REGION_SIZE);
      else
        {
          for (guint b = 0; b < sizeof buf; b++)
            buf[b] = (guint8) g_rand_int (rand);
          (void) !pwrite (fd, buf, sizeof buf, g_rand_int_range (rand, 0, REGION_SIZE / 2));
        }
      close (fd);
      g_usleep (500);
    }
  return NULL;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  shmview_app_test_ensure_icon_theme ();
  f->rand = g_rand_new_with_seed (42);
  for (guint i = 0; i < N_REGIONS; i++)
    {
      f->names[i] = shmview_test_unique_posix_name ("soak");
      shmview_test_track_posix (f->names[i]);
      make_region (f->names[i], REGION_SIZE);
    }
  f->writer = g_thread_new ("writer", writer_thread, f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_atomic_int_set (&f->stop, 1);
  g_thread_join (f->writer);
  if (f->window != NULL)
    gtk_widget_destroy (GTK_WIDGET (f->window));
  shmview_app_test_drain ();
  for (guint i = 0; i < N_REGIONS; i++)
    {
      shmview_test_posix_unlink (f->names[i]);
      g_free (f->names[i]);
    }
  g_rand_free (f->rand);
}

static void
activate (Fixture    *f,
          const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), name, NULL);
}

static void
new_window (Fixture *f)
{
  if (f->window != NULL)
    gtk_widget_destroy (GTK_WIDGET (f->window));
  f->window = shmview_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  shmview_window_set_interval (f->window, 10);
  gtk_widget_show (GTK_WIDGET (f->window));
}

/* A dialog the window opens, dismissed again: its handlers must die with it. */
static void
open_and_cancel_dialog (Fixture    *f,
                        const char *action)
{
  activate (f, action);
  shmview_app_test_wait (30);
  for (GList *l = gtk_window_list_toplevels (), *next; l != NULL; l = next)
    {
      next = l->next;
      if (GTK_IS_DIALOG (l->data)
          && gtk_window_get_transient_for (l->data) == GTK_WINDOW (f->window))
        gtk_dialog_response (l->data, GTK_RESPONSE_CANCEL);
      g_list_free_1 (l);
    }
}

/* What a screen reader does now and then: walk the accessible tree, which
 * makes an accessible object for every widget and asks each its parent. */
static void
walk_accessibles (AtkObject *object,
                  guint      depth)
{
  int n = atk_object_get_n_accessible_children (object);

  (void) atk_object_get_parent (object);
  (void) atk_object_get_index_in_parent (object);
  g_object_unref (atk_object_ref_state_set (object));
  for (int i = 0; i < n && depth < 40; i++)
    {
      AtkObject *child = atk_object_ref_accessible_child (object, i);

      if (child != NULL)
        {
          walk_accessibles (child, depth + 1);
          g_object_unref (child);
        }
    }
}

/* The close button on the current tab, as a click would press it. */
static void
click_tab_close (Fixture *f)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (f->window);
  GtkWidget *tab;
  g_autoptr(GList) children = NULL;

  if (page == NULL)
    return;
  tab = gtk_notebook_get_tab_label (f->window->notebook, GTK_WIDGET (page));
  children = gtk_container_get_children (GTK_CONTAINER (tab));
  for (GList *l = children; l != NULL; l = l->next)
    if (GTK_IS_BUTTON (l->data))
      {
        gtk_button_clicked (l->data);
        return;
      }
}

static void
use_current_page (Fixture *f)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (f->window);
  ShmviewHexView *hex;
  ShmviewStringPane *pane;

  if (page == NULL)
    return;
  hex = SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (page));
  pane = SHMVIEW_STRING_PANE (_shmview_region_page_get_string_pane (page));
  shmview_hex_view_set_cursor (hex, g_rand_int_range (f->rand, 0, REGION_SIZE / 2));
  gtk_widget_grab_focus (GTK_WIDGET (hex));
  shmview_app_test_send_key (GTK_WIDGET (f->window), GDK_KEY_a + g_rand_int_range (f->rand, 0, 6),
                             0);
  if (g_rand_boolean (f->rand))
    _shmview_string_pane_set_text (pane, "soak");
}

/* One step of a person's use, picked at random. */
static void
step (Fixture *f)
{
  guint n = shmview_window_get_n_pages (f->window);

  switch (g_rand_int_range (f->rand, 0, 16))
    {
    case 0: case 1: case 2:
      {
        g_autoptr(GError) error = NULL;
        const char *name = f->names[g_rand_int_range (f->rand, 0, N_REGIONS)];

        /* the writer may have removed it just now: then it is not opened */
        shmview_window_open_spec (f->window, name, g_rand_boolean (f->rand), &error);
      }
      break;
    case 3: case 4:
      if (n > 0)
        activate (f, "close-tab");
      break;
    case 5:
      if (n > 1)
        gtk_notebook_set_current_page (f->window->notebook, g_rand_int_range (f->rand, 0, n));
      break;
    case 6:
      use_current_page (f);
      break;
    case 7:
      shmview_window_set_paused (f->window, !shmview_window_get_paused (f->window));
      break;
    case 8:
      shmview_region_browser_set_filter (f->window->browser,
                                         g_rand_boolean (f->rand) ? "soak" : "");
      break;
    case 9:
      open_and_cancel_dialog (f, g_rand_boolean (f->rand) ? "create" : "attach");
      break;
    case 10:
      activate (f, "sidebar-visible");
      break;
    case 11:
      if (g_rand_int_range (f->rand, 0, 4) == 0)
        new_window (f);
      break;
    case 12:
      click_tab_close (f);
      break;
    case 13:
      walk_accessibles (gtk_widget_get_accessible (GTK_WIDGET (f->window)), 0);
      break;
    case 14:
      if (n > 0)
        activate (f, "goto");
      break;
    case 15:
      /* a dialog left open: it goes with its window */
      activate (f, g_rand_boolean (f->rand) ? "create" : "attach");
      break;
    }
  shmview_app_test_wait (g_rand_int_range (f->rand, 5, 40));
}

static void
test_soak (Fixture       *f,
           gconstpointer  data)
{
  const char *env = g_getenv ("SHMVIEW_SOAK_SECONDS");
  guint seconds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 15;
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint steps = 0;

  g_test_summary ("Tabs, windows and dialogs opened and closed for a while under a busy "
                  "writer that also removes and resizes regions: no warning or critical");

  new_window (f);
  while (g_get_monotonic_time () < deadline)
    {
      step (f);
      steps++;
    }
  g_test_message ("%u steps in %u s", steps, seconds);

  /* closing the window with tabs open, as the report had it */
  for (guint i = 0; i < N_REGIONS; i++)
    shmview_window_open_spec (f->window, f->names[i], FALSE, NULL);
  shmview_app_test_wait (100);
  gtk_widget_destroy (GTK_WIDGET (f->window));
  shmview_app_test_wait (200);
  g_assert_null (f->window);
  g_assert_cmpuint (steps, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* GtkShortcutsWindow sets the deprecated GtkContainer:child property:
   * with G_ENABLE_DIAGNOSTIC=1 that warning would be fatal here. */
  g_unsetenv ("G_ENABLE_DIAGNOSTIC");
  /* With the accessibility bridge, as on a desktop: accessible objects are
   * made for every widget and told of each change, which is where a
   * handler that outlives its widget shows. */
  g_unsetenv ("NO_AT_BRIDGE");
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/soak/no-display");
      return g_test_run ();
    }

  g_test_add ("/app/soak/tabs-windows-dialogs", Fixture, NULL, setup, test_soak, teardown);
  return g_test_run ();
}
