/* shmview-window-actions.c: the window's actions (win.*)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Actions that act on a tab act on the current one. Which of them are enabled
 * is worked out in one place, _shmview_window_update_actions(), from the
 * current page and the focus.
 */
#include "config.h"

#include "shmview-attach-dialog.h"
#include "shmview-create-dialog.h"
#include "shmview-window-private.h"

static void
dialog_region_cb (ShmviewWindow *self,
                  ShmviewRegion *region)
{
  shmview_window_open_region (self, region);
}

static void
create_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ShmviewWindow *self = user_data;
  GtkWidget *dialog = shmview_create_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "created", G_CALLBACK (dialog_region_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attach_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ShmviewWindow *self = user_data;
  g_auto(GStrv) specs = shmview_region_browser_dup_specs (self->browser);
  GtkWidget *dialog = shmview_attach_dialog_new (GTK_WINDOW (self), (const char * const *) specs);

  g_signal_connect_object (dialog, "attached", G_CALLBACK (dialog_region_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The actions below are disabled without a page, so it is there. */
#define CURRENT_PAGE(user_data) shmview_window_get_current_page (SHMVIEW_WINDOW (user_data))

static void
refresh_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  shmview_region_page_refresh (CURRENT_PAGE (user_data));
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  /* A failed undo is shown by the page itself (its info bar). */
  shmview_region_page_undo (CURRENT_PAGE (user_data));
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  shmview_region_page_redo (CURRENT_PAGE (user_data));
}

static void
goto_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  shmview_region_page_show_goto (CURRENT_PAGE (user_data));
}

static void
copy_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  shmview_region_page_copy (CURRENT_PAGE (user_data));
}

static void
close_tab_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  _shmview_window_close_page (SHMVIEW_WINDOW (user_data), CURRENT_PAGE (user_data));
}

static const GActionEntry win_entries[] = {
  { "create", create_action },
  { "attach", attach_action },
  { "refresh", refresh_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "goto", goto_action },
  { "copy", copy_action },
  { "close-tab", close_tab_action },
};

void
_shmview_window_add_actions (ShmviewWindow *self)
{
  g_autoptr(GPropertyAction) pause = g_property_action_new ("pause", self, "paused");
  g_autoptr(GAction) sidebar = g_settings_create_action (self->settings, "sidebar-visible");

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (pause));
  g_action_map_add_action (G_ACTION_MAP (self), sidebar);
}

static void
set_enabled (ShmviewWindow *self,
             const char    *name,
             gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_shmview_window_update_actions (ShmviewWindow *self)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (self);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  gboolean have_page = page != NULL;
  gboolean in_hex;

  /* Called from set_focus too, which can run before the actions exist. */
  if (g_action_map_lookup_action (G_ACTION_MAP (self), "refresh") == NULL)
    return;

  /* While an action is disabled its accelerator is not consumed, so Ctrl+C
   * and Ctrl+Z go on to the focused entry as usual: there they are about
   * its text, never about shared memory. */
  in_hex = have_page && focus != NULL && focus == shmview_region_page_get_hex_view (page);
  set_enabled (self, "refresh", have_page);
  set_enabled (self, "goto", have_page);
  set_enabled (self, "close-tab", have_page);
  set_enabled (self, "undo", in_hex && shmview_region_page_can_undo (page));
  set_enabled (self, "redo", in_hex && shmview_region_page_can_redo (page));
  set_enabled (self, "copy", in_hex);
}
