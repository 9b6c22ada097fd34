/* shmview-region-browser.h: the sidebar listing every region on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHMVIEW_TYPE_REGION_BROWSER (shmview_region_browser_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewRegionBrowser, shmview_region_browser, SHMVIEW, REGION_BROWSER, GtkBox)

/* Signals:
 *   "attach" (const char *spec, gboolean read_only): a row was activated
 *            (read_only FALSE) or "Attach read-only" chosen from its menu.
 * The list refreshes itself about once a second while the widget is mapped,
 * and after a removal made through its own context menu (which asks first). */
GtkWidget *shmview_region_browser_new       (void);
void       shmview_region_browser_reload    (ShmviewRegionBrowser *self);
/* The same in the background, now rather than at the next tick (after the
 * app made or attached a region itself); nothing while it is not shown. */
void       shmview_region_browser_queue_reload (ShmviewRegionBrowser *self);
/* The specs currently listed (for the attach dialog's completion). */
GStrv      shmview_region_browser_dup_specs (ShmviewRegionBrowser *self);

/* The filter text (what the search entry holds); rows whose name, spec or
 * library label do not contain it (case-insensitively) are hidden. */
void       shmview_region_browser_set_filter         (ShmviewRegionBrowser *self,
                                                      const char           *text);
/* Selects the row of @spec and scrolls to it; FALSE when it is not shown. */
gboolean   shmview_region_browser_select             (ShmviewRegionBrowser *self,
                                                      const char           *spec);
/* The context menu's actions on the selected row. attach emits "attach";
 * remove opens the confirmation dialog and returns it (transfer none), or
 * NULL when nothing is selected: its GTK_RESPONSE_ACCEPT removes. */
void       shmview_region_browser_attach_selected    (ShmviewRegionBrowser *self,
                                                      gboolean              read_only);
GtkWidget *shmview_region_browser_remove_selected    (ShmviewRegionBrowser *self);

G_END_DECLS
