/* shmview-output.h: writing out to a descriptor we were handed
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes all @length bytes of @data to @fd, retrying after EINTR and waiting
 * (poll) whenever @fd is a full pipe or socket that its owner made
 * non-blocking. Returns 0, or the errno of the write that failed. The one
 * writer of every output path, the region's raw streaming included. */
int shmview_write_all (int         fd,
                       const void *data,
                       gsize       length);

/* Makes sure descriptors 0, 1 and 2 are open, on /dev/null where one is
 * closed. Call it first thing in main(), before anything opens a file. */
gboolean shmview_ensure_std_fds (void);

G_END_DECLS
