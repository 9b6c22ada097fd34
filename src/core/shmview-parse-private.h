/* shmview-parse-private.h: helpers the core's parsers and formatters share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* User text made fit for a message: valid UTF-8 stays as it is, control
 * characters become \n, \t, \r or \xNN, and bytes that are not UTF-8 \xNN
 * (shmview-format.c, next to shmview_format_escaped()). */
char  *_shmview_quote_for_message     (const char *text);
/* Appends the one character at @p that way; returns the bytes it used. */
gsize  _shmview_append_printable_char (GString    *out,
                                       const char *p,
                                       gboolean    escape_backslash);

G_END_DECLS
