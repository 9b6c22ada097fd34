/* shmview-region-list.h: every POSIX object and System V segment on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "shmview-region.h"

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_LIST_FLAGS_NONE           = 0,
  SHMVIEW_LIST_COUNT_POSIX_ATTACHES = 1 << 0, /* scan /proc/PID/maps: info.nattch for POSIX */
} ShmviewListFlags;

typedef struct
{
  char  *spec;   /* what to attach with: "/MapTrans", "sysvid:32769" */
  char  *name;   /* for display: "MapTrans", "0x0000abcd" (key; "IPC_PRIVATE" for 0) */
  char  *label;  /* a known library's objects ("Python", "Qt", …), else NULL (untranslated) */
  ShmviewRegionInfo info;
} ShmviewRegionEntry;

void        shmview_region_entry_free      (ShmviewRegionEntry *entry);
/* POSIX objects sorted by name, then System V segments sorted by id.
 * Element type ShmviewRegionEntry, free func set. Never NULL without error. */
GPtrArray  *shmview_region_list            (ShmviewListFlags    flags,
                                            GError            **error);
/* The same from other places, for tests: a directory laid out like /dev/shm
 * and a file in /proc/sysvipc/shm's format (either may be NULL to skip it). */
GPtrArray  *shmview_region_list_from       (const char         *posix_dir,
                                            const char         *sysvipc_path,
                                            ShmviewListFlags    flags,
                                            GError            **error);
/* "Python" for psm_*, "Qt" for qipc_sharedmemory_*, … NULL when unknown. */
const char *shmview_region_label_for_name  (const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewRegionEntry, shmview_region_entry_free)

G_END_DECLS
