/* shmview-region-list.h: every POSIX object and System V segment on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shmview-proc-scan.h"
#include "shmview-region.h"

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_LIST_FLAGS_NONE           = 0,
  SHMVIEW_LIST_COUNT_POSIX_ATTACHES = 1 << 0, /* scan /proc/PID/maps: info.nattch for POSIX,
                                               * and @attached for every entry */
  SHMVIEW_LIST_PROCESS_MEMORY       = 1 << 1, /* add memfd, deleted and anonymous shared
                                               * memory (kind PROCESS), from the same scan */
} ShmviewListFlags;

typedef struct
{
  char  *spec;   /* what to attach with: "/MapTrans", "sysvid:32769" */
  char  *name;   /* for display: "MapTrans", "0x0000abcd" (key; "IPC_PRIVATE" for 0) */
  char  *label;  /* a known library's objects ("Python", "Qt", …), else NULL (untranslated) */
  ShmviewRegionInfo info;

  /* With SHMVIEW_LIST_COUNT_POSIX_ATTACHES (or _PROCESS_MEMORY), else NULL/0: */
  GPtrArray *attached;           /* (element-type ShmviewProcMapping) the processes that map
                                  * it shared, oldest first; owned by @scan */
  gboolean   attached_incomplete;/* some processes' maps were unreadable: "N visible, more
                                  * may be attached", never "0 attached" */
  gint       x11_client;         /* System V: the client pid of an MIT-SHM image an X server
                                  * maps ("X11 shared image of PID"), else 0 */
  ShmviewProcScan *scan;         /* keeps @attached alive */
  /* Kind PROCESS only: */
  const char *process_kind;      /* "memfd", "deleted" or "anonymous" (static) */
  gint       pid;                /* the oldest process that maps it */
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
void        shmview_region_list_from_async (const char          *posix_dir,
                                            const char          *sysvipc_path,
                                            ShmviewListFlags     flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *shmview_region_list_from_finish (GAsyncResult       *result,
                                             GError            **error);
/* spec -> entry (both borrowed): in-place updates in O(N). */
GHashTable *shmview_region_list_index      (GPtrArray          *entries);
/* "Python" for psm_*, "Qt" for qipc_sharedmemory_*, … NULL when unknown. */
const char *shmview_region_label_for_name  (const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewRegionEntry, shmview_region_entry_free)

G_END_DECLS
