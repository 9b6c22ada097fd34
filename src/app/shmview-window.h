/* shmview-window.h: the main window (region browser + notebook of regions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-region.h"
#include "shmview-region-page.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_WINDOW (shmview_window_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewWindow, shmview_window, SHMVIEW, WINDOW, GtkApplicationWindow)

/* Properties:
 *   "interval"  guint     refresh interval of every page in ms (10..10000);
 *                         follows the "refresh-interval" setting unless
 *                         overridden for this session
 *   "paused"    gboolean  live refresh of every page stopped
 */
ShmviewWindow     *shmview_window_new                (GtkApplication  *application);

/* Opens a tab for @region, or focuses the tab that already shows the same
 * spec with the same access, unless its name was removed since (then
 * @region is not used). Returns the page (borrowed). */
ShmviewRegionPage *shmview_window_open_region        (ShmviewWindow   *self,
                                                      ShmviewRegion   *region);
/* Parses and opens @spec (read-only when asked), or focuses its tab. On
 * failure nothing changes and @error says why (the caller shows it). */
gboolean           shmview_window_open_spec          (ShmviewWindow   *self,
                                                      const char      *spec,
                                                      gboolean         read_only,
                                                      GError         **error);
/* The same for a spec parsed already (a relative file: path made absolute
 * against the directory it was typed in). */
gboolean           shmview_window_open_parsed_spec   (ShmviewWindow      *self,
                                                      const ShmviewSpec  *spec,
                                                      gboolean            read_only,
                                                      GError            **error);
/* Shows @message in the window's error bar until dismissed. */
void               shmview_window_show_error         (ShmviewWindow   *self,
                                                      const char      *message);

ShmviewRegionPage *shmview_window_get_current_page   (ShmviewWindow   *self);
guint              shmview_window_get_n_pages        (ShmviewWindow   *self);
ShmviewRegionPage *shmview_window_get_nth_page       (ShmviewWindow   *self,
                                                      guint            index);

void               shmview_window_set_interval       (ShmviewWindow   *self,
                                                      guint            interval_ms);
guint              shmview_window_get_interval       (ShmviewWindow   *self);
/* Uses @interval_ms for this window from now on, without writing the
 * setting (`shmview --interval`). */
void               shmview_window_override_interval  (ShmviewWindow   *self,
                                                      guint            interval_ms);
void               shmview_window_set_paused         (ShmviewWindow   *self,
                                                      gboolean         paused);
gboolean           shmview_window_get_paused         (ShmviewWindow   *self);

G_END_DECLS
