/* shmview-status-bar-private.h: what the tests look at inside it
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-status-bar.h"

G_BEGIN_DECLS

/* Every field joined with " · ", as shown (for tests and screen readers). */
char      *_shmview_status_bar_dup_text (ShmviewStatusBar  *self);

G_END_DECLS
