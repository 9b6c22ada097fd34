/* shmview-region-page-private.h: what the page's tests look at inside it
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-monitor.h"
#include "shmview-region-page.h"
#include "shmview-watcher.h"

G_BEGIN_DECLS

/* The page's monitor (borrowed): its window is what a tick reads. */
ShmviewMonitor *_shmview_region_page_get_monitor        (ShmviewRegionPage *self);
/* How many times the page has handed the hex view bytes to show. */
guint           _shmview_region_page_get_n_view_updates (ShmviewRegionPage *self);

/* The activity strip, change log and whole-region watcher (borrowed). */
GtkWidget      *_shmview_region_page_get_activity_strip (ShmviewRegionPage *self);
GtkWidget      *_shmview_region_page_get_change_log     (ShmviewRegionPage *self);
ShmviewWatcher *_shmview_region_page_get_watcher        (ShmviewRegionPage *self);

G_END_DECLS
