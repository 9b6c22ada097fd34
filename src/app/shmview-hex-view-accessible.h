/* shmview-hex-view-accessible.h: the hex view as ATK text
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screen readers and AT-SPI test tools (dogtail) read the visible rows in
 * `hexdump -C` layout through AtkText, and the caret as a character offset
 * in that text.
 */
#pragma once

#include <gtk/gtk.h>
#include <gtk/gtk-a11y.h>

#include "shmview-hex-view.h"

G_BEGIN_DECLS

#define SHMVIEW_TYPE_HEX_VIEW_ACCESSIBLE (shmview_hex_view_accessible_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewHexViewAccessible, shmview_hex_view_accessible,
                      SHMVIEW, HEX_VIEW_ACCESSIBLE, GtkWidgetAccessible)

/* Called by the view when the visible bytes, the rows or the caret changed:
 * re-reads the visible text and announces only what differs (text removed
 * and inserted plus visible-data-changed; caret moved; description). */
void  _shmview_hex_view_accessible_refresh    (ShmviewHexViewAccessible *self);
/* The visible rows of @view as `hexdump -C` text (16 bytes a row, up to the
 * first byte not loaded in each); when @rows is not NULL, each row's first
 * character, offset and byte count is appended to it (internal element type). */
char *_shmview_hex_view_accessible_build_text (ShmviewHexView         *view,
                                               GArray                 *rows);

G_END_DECLS
