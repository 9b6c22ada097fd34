/* shmview-users.h: user and group names for ids, as ls shows them
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *shmview_user_name  (guint32 uid);
char *shmview_group_name (guint32 gid);

G_END_DECLS
