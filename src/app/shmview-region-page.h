/* shmview-region-page.h: one tab: hex view + string pane + status line
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is the controller of one region. It owns the region, its monitor
 * and its history; a timer (and any filesystem event on the object's name)
 * polls the monitor for the visible window and feeds the hex view; edits
 * from the hex view and the string pane go through the history (region
 * write, monitor told it was ours).
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-layout-store.h"
#include "shmview-region.h"

G_BEGIN_DECLS

/* The refresh interval in ms: its bounds and default, the same as those of
 * the "refresh-interval" setting (shared by the window and --interval). */
#define SHMVIEW_INTERVAL_MIN     10
#define SHMVIEW_INTERVAL_MAX     10000
#define SHMVIEW_INTERVAL_DEFAULT 100

#define SHMVIEW_TYPE_REGION_PAGE (shmview_region_page_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewRegionPage, shmview_region_page, SHMVIEW, REGION_PAGE, GtkBox)

/* Properties:
 *   "region"       ShmviewRegion*  (construct-only)
 *   "title"        string   display name for the tab and window title (escaped
 *                           where the name is not UTF-8: "Map\xff")
 *   "interval"     guint    refresh interval in ms (10..10000, default 100)
 *   "paused"       gboolean live refresh stopped
 *   "can-undo" "can-redo" gboolean
 *   "offscreen-activity" gboolean (read-only)
 *   "cpu-budget"   double   share of one core for the whole-region sweep
 * Signals:
 *   "message" (int GtkMessageType, const char *text): something the window may
 *             show too (the page shows its own info bar as well)
 */
GtkWidget     *shmview_region_page_new          (ShmviewRegion     *region);
ShmviewRegion *shmview_region_page_get_region   (ShmviewRegionPage *self);
const char    *shmview_region_page_get_title    (ShmviewRegionPage *self);
/* The region's spec for people to read ("/MapTrans"); like the title,
 * escaped where the name is not UTF-8 ("/Map\xff"). */
const char    *shmview_region_page_get_spec_text (ShmviewRegionPage *self);
void           shmview_region_page_set_interval (ShmviewRegionPage *self,
                                                 guint              interval_ms);
guint          shmview_region_page_get_interval (ShmviewRegionPage *self);
void           shmview_region_page_set_paused   (ShmviewRegionPage *self,
                                                 gboolean           paused);
gboolean       shmview_region_page_get_paused   (ShmviewRegionPage *self);
/* Polls now (F5), whatever the timer says. */
void           shmview_region_page_refresh      (ShmviewRegionPage *self);
gboolean       shmview_region_page_undo         (ShmviewRegionPage *self);
gboolean       shmview_region_page_redo         (ShmviewRegionPage *self);
gboolean       shmview_region_page_can_undo     (ShmviewRegionPage *self);
gboolean       shmview_region_page_can_redo     (ShmviewRegionPage *self);
/* Opens the "Go to offset" popover (Ctrl+L). */
void           shmview_region_page_show_goto    (ShmviewRegionPage *self);
/* Parses @text like the popover does (decimal, 0x-hex, +/-N) and moves there. */
gboolean       shmview_region_page_goto_text    (ShmviewRegionPage *self,
                                                 const char        *text,
                                                 GError           **error);
void           shmview_region_page_copy         (ShmviewRegionPage *self);
void           shmview_region_page_focus_hex    (ShmviewRegionPage *self);
/* The hex view, for tests and the window's settings bindings. */
GtkWidget     *shmview_region_page_get_hex_view (ShmviewRegionPage *self);
/* F8 / Shift+F8 (page.next-change, page.previous-change): the caret to the
 * nearest logged change after / before it, its bytes selected. */
gboolean       shmview_region_page_next_change      (ShmviewRegionPage *self,
                                                     gboolean           forward);
/* "offscreen-activity": the region changed outside the visible rows lately
 * (the tab shows a dot). */
gboolean       shmview_region_page_get_offscreen_activity (ShmviewRegionPage *self);
/* "cpu-budget": the share of one core the whole-region sweep may use. */
void           shmview_region_page_set_cpu_budget   (ShmviewRegionPage *self,
                                                     double             budget);

/* Snapshots (page.take-snapshot, page.compare-snapshot) and whole-region
 * files (page.save-bytes, page.load-bytes), without their dialogs. */
gboolean       shmview_region_page_take_snapshot    (ShmviewRegionPage  *self,
                                                     GError            **error);
gboolean       shmview_region_page_compare_snapshot (ShmviewRegionPage  *self,
                                                     guint              *n_ranges,
                                                     GError            **error);
gboolean       shmview_region_page_save_bytes       (ShmviewRegionPage  *self,
                                                     GFile              *file,
                                                     GError            **error);
gboolean       shmview_region_page_load_bytes       (ShmviewRegionPage  *self,
                                                     GFile              *file,
                                                     GError            **error);

/* Shows the struct pane with @placement applied, and remembers it (--layout). */
gboolean       shmview_region_page_apply_layout     (ShmviewRegionPage             *self,
                                                     const ShmviewLayoutPlacement  *placement,
                                                     GError                       **error);

G_END_DECLS
