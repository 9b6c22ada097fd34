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

/* What the page knows of its region's name once the core saw it removed. */
typedef enum
{
  SHMVIEW_REMOVAL_NONE,       /* not removed */
  SHMVIEW_REMOVAL_NAME_GONE,  /* POSIX, file: nothing answers to the name */
  SHMVIEW_REMOVAL_REPLACED,   /* the name (or System V key) leads to another object now */
  SHMVIEW_REMOVAL_ID_ONLY,    /* System V: still attachable by its id until the last detach */
} ShmviewRemoval;

/* The page's monitor (borrowed): its window is what a tick reads. */
ShmviewMonitor *_shmview_region_page_get_monitor        (ShmviewRegionPage *self);
/* How many times the page has handed the hex view bytes to show. */
guint           _shmview_region_page_get_n_view_updates (ShmviewRegionPage *self);

/* The activity strip, change log and whole-region watcher (borrowed). */
GtkWidget      *_shmview_region_page_get_activity_strip (ShmviewRegionPage *self);
GtkWidget      *_shmview_region_page_get_change_log     (ShmviewRegionPage *self);
ShmviewWatcher *_shmview_region_page_get_watcher        (ShmviewRegionPage *self);

ShmviewRemoval  _shmview_region_page_get_removal        (ShmviewRegionPage *self);

/* The string pane (ShmviewStringPane) and status line (ShmviewStatusBar), for tests. */
GtkWidget     *_shmview_region_page_get_string_pane (ShmviewRegionPage *self);
GtkWidget     *_shmview_region_page_get_status_bar (ShmviewRegionPage *self);

/* The text of the page's info bar while it is shown, else NULL. */
const char    *_shmview_region_page_get_info_message (ShmviewRegionPage *self);

/* What the "live" indicator says ("● Live — edits are written at once", "Read-only…", "Paused…"). */
const char    *_shmview_region_page_get_live_text (ShmviewRegionPage *self);

G_END_DECLS
