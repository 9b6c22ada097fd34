/* shmview-region-names.h: the spec of every region on the machine, cheaply
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *shmview_region_names      (GError     **error);
GPtrArray *shmview_region_names_from (const char  *posix_dir,
                                      const char  *sysvipc_path,
                                      GError     **error);

G_END_DECLS
