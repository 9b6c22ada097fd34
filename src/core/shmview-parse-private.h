/* shmview-parse-private.h: helpers shared by the core's parsers
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* User text made fit for a message: valid UTF-8 stays as it is, control
 * characters become \n, \t, \r or \xNN, and bytes that are not UTF-8 \xNN. */
char *_shmview_quote_for_message (const char *text);

G_END_DECLS
