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
/* dup_visible_text(), plus the character position of the caret's byte in it
 * (in the hex column or the ASCII column, following "column"), or -1 when
 * the caret is not on a visible, loaded byte. */
char    *_shmview_hex_view_dup_text_with_caret (ShmviewHexView *self,
                                                int            *caret_char);
/* Moves the caret to the byte shown at @char_offset of the visible text. */
gboolean _shmview_hex_view_set_caret_char (ShmviewHexView      *self,
                                           const char          *text,
                                           int                  char_offset);

/* For tests: how strong the change highlight on @offset is now (1.0 just
 * marked, 0.0 faded or never marked) and whose change it was. */
double   _shmview_hex_view_peek_change    (ShmviewHexView      *self,
                                           guint64              offset,
                                           ShmviewChangeSource *source);
/* For tests: TRUE while a tick callback is installed (something fades). */
gboolean _shmview_hex_view_is_animating   (ShmviewHexView      *self);

G_END_DECLS
