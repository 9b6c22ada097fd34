/* shmview-region-page-private.h: what the page's tests look at inside it
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-monitor.h"
#include "shmview-region-page.h"

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

ShmviewRemoval  _shmview_region_page_get_removal        (ShmviewRegionPage *self);

G_END_DECLS
