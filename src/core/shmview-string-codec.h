/* shmview-string-codec.h: bytes as editable text and back (pure functions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *shmview_string_decode (const guint8  *data,
                                   gsize          length,
                                   const char    *encoding);
GByteArray *shmview_string_encode (const char    *text,
                                   const char    *encoding,
                                   GError       **error);
char       *shmview_unescape      (const char    *text);

G_END_DECLS
