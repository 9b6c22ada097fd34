/* shmview-string-pane-private.h: what the tests look at inside it
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-string-pane.h"

G_BEGIN_DECLS

/* The entry's text (what Write would write, before escapes are undone). */
const char *_shmview_string_pane_get_text (ShmviewStringPane *self);

/* Puts @text in the entry as if the user typed it. */
void       _shmview_string_pane_set_text (ShmviewStringPane *self,
                                          const char        *text);

/* The error shown, or NULL. */
const char *_shmview_string_pane_get_error (ShmviewStringPane *self);

G_END_DECLS
