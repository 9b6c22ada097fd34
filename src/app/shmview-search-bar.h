/* shmview-search-bar.h: the page's search bar (Ctrl+F)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-search.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_SEARCH_BAR (shmview_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewSearchBar, shmview_search_bar, SHMVIEW, SEARCH_BAR, GtkSearchBar)

GtkWidget *shmview_search_bar_new           (void);
/* Opens the bar and puts the keyboard focus in its entry. */
void       shmview_search_bar_open          (ShmviewSearchBar  *self);
/* The bytes to look for as typed in the current mode (text, hex, number of
 * the chosen type), and IGNORE_CASE when asked; NULL with @error set when
 * the text is not a pattern (shown in the bar too). */
GBytes    *shmview_search_bar_dup_pattern   (ShmviewSearchBar  *self,
                                             ShmviewSearchFlags *flags,
                                             GError           **error);
/* The line at the end of the bar: "Wrapped around", "Not found", an error;
 * NULL clears it. */
void       shmview_search_bar_set_status    (ShmviewSearchBar  *self,
                                             const char        *text);
/* Shows a search in progress (0 to 1), or none when @fraction < 0. */
void       shmview_search_bar_set_progress  (ShmviewSearchBar  *self,
                                             double             fraction);
/* The mode's id: "text", "hex" or "number". */
const char *shmview_search_bar_get_mode     (ShmviewSearchBar  *self);
void       shmview_search_bar_set_text      (ShmviewSearchBar  *self,
                                             const char        *mode,
                                             const char        *text);

G_END_DECLS
