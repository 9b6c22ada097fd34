/* shmview-region-browser-private.h: the region list's model and where it
 * lists from, for its tests
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-region-browser.h"

G_BEGIN_DECLS

/* The columns of the GtkListStore in ui/shmview-region-browser.ui. The view
 * shows one of them (COL_MARKUP: two lines per region); the others are what
 * the rows are filtered, sorted and tested by. */
enum {
  SHMVIEW_REGION_BROWSER_COL_SPEC,
  SHMVIEW_REGION_BROWSER_COL_NAME,
  SHMVIEW_REGION_BROWSER_COL_LABEL,
  SHMVIEW_REGION_BROWSER_COL_KIND,
  SHMVIEW_REGION_BROWSER_COL_SIZE,
  SHMVIEW_REGION_BROWSER_COL_SIZE_TEXT,
  SHMVIEW_REGION_BROWSER_COL_OWNER,
  SHMVIEW_REGION_BROWSER_COL_MODE,
  SHMVIEW_REGION_BROWSER_COL_ATTACHED,
  SHMVIEW_REGION_BROWSER_COL_ATTACHED_N,
  SHMVIEW_REGION_BROWSER_COL_REMOVED,
  SHMVIEW_REGION_BROWSER_COL_TOOLTIP,
  SHMVIEW_REGION_BROWSER_COL_ORDER,   /* position in the core's listing (the store is kept in that order) */
  SHMVIEW_REGION_BROWSER_COL_MARKUP,  /* what the row shows */
  SHMVIEW_REGION_BROWSER_N_COLS
};

/* Lists @posix_dir (laid out like /dev/shm) and @sysvipc_path (like
 * /proc/sysvipc/shm; NULL or missing: no segments) from now on instead of
 * the machine, as shmview_region_list_from() does: a test's own, empty or
 * not, whatever else runs on the machine. A listing in flight is dropped. */
void _shmview_region_browser_list_from (ShmviewRegionBrowser *self,
                                        const char           *posix_dir,
                                        const char           *sysvipc_path);

/* Rows shown after filtering. */
guint      _shmview_region_browser_get_n_visible (ShmviewRegionBrowser *self);

char      *_shmview_region_browser_dup_selected_spec (ShmviewRegionBrowser *self);

/* The error shown in the browser (a failed listing or removal), or NULL. */
const char *_shmview_region_browser_get_error (ShmviewRegionBrowser *self);

G_END_DECLS
