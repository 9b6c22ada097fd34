/* shmview-size-format.h: sizes for people to read, translated
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *shmview_format_short_size (guint64 size);
char *shmview_format_exact_size (guint64 size);

G_END_DECLS
