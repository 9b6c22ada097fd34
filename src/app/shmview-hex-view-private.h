/* shmview-hex-view-private.h: what the hex view shares with its accessible
 * object and its tests, but not with the rest of the app
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <atk/atk.h>

#include "shmview-hex-view.h"

G_BEGIN_DECLS

/* The accessible object registers itself so the view can tell it when the
 * visible text or the caret changed (weak pointer; NULL unregisters). */
void     _shmview_hex_view_set_accessible (ShmviewHexView      *self,
                                           AtkObject           *accessible);
/* Copies the loaded bytes from @offset on into @out, stopping at @max, the
 * end of the visible window or the first byte not loaded; returns how many. */
gsize    _shmview_hex_view_get_loaded     (ShmviewHexView      *self,
                                           guint64              offset,
                                           guint8              *out,
                                           gsize                max);

/* For tests: how strong the change highlight on @offset is now (1.0 just
 * marked, 0.0 faded or never marked) and whose change it was. */
double   _shmview_hex_view_peek_change    (ShmviewHexView      *self,
                                           guint64              offset,
                                           ShmviewChangeSource *source);
/* For tests: TRUE while a tick callback is installed (something fades). */
gboolean _shmview_hex_view_is_animating   (ShmviewHexView      *self);

G_END_DECLS
