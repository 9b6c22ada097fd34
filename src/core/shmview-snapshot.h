/* shmview-snapshot.h: a region's bytes at one moment, to compare with later
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to SHMVIEW_SNAPSHOT_MEMORY_MAX bytes are kept in memory; a larger
 * region is copied (sendfile) into a 0600 file in the directory given,
 * which is removed when the snapshot is freed.
 */
#pragma once

#include <glib-object.h>

#include "shmview-region.h"
#include "shmview-watcher.h"

G_BEGIN_DECLS

#define SHMVIEW_SNAPSHOT_MEMORY_MAX ((guint64) 64 * 1024 * 1024)

#define SHMVIEW_TYPE_SNAPSHOT (shmview_snapshot_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewSnapshot, shmview_snapshot, SHMVIEW, SNAPSHOT, GObject)

/* Copies the whole of @region now; a large one into a new file in @dir
 * (created when missing). */
ShmviewSnapshot *shmview_snapshot_take          (ShmviewRegion    *region,
                                                 const char       *dir,
                                                 GError          **error);
guint64          shmview_snapshot_get_size      (ShmviewSnapshot  *self);
/* The file that holds it, or NULL when it is kept in memory. */
const char      *shmview_snapshot_get_path      (ShmviewSnapshot  *self);
gint64           shmview_snapshot_get_time      (ShmviewSnapshot  *self);
/* The ranges where @region differs from the snapshot now (over the common
 * size; a size change is one more range), as ShmviewWatcherChange with old
 * (snapshot) and new (now) previews and origin FOREIGN; at most @max_ranges,
 * the last one then stretched to the end of the differences. */
GPtrArray       *shmview_snapshot_compare       (ShmviewSnapshot  *self,
                                                 ShmviewRegion    *region,
                                                 guint             max_ranges,
                                                 GError          **error);

G_END_DECLS
