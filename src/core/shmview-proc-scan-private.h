/* shmview-proc-scan-private.h: what opening a process-memory spec needs
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-proc-scan.h"

G_BEGIN_DECLS

/* One line of /proc/PID/maps. */
typedef struct
{
  guint64  start;
  guint64  end;
  guint64  offset;
  guint64  dev;
  guint64  ino;
  char     perms[5];   /* "rw-s" */
  char    *path;       /* as shown, " (deleted)" included; "" for none */
  ShmviewProcObjectKind kind;
} ShmviewProcMap;

void     _shmview_proc_map_clear    (ShmviewProcMap  *map);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShmviewProcMap, _shmview_proc_map_clear)

/* The mapping of process @pid that holds @address, with errors that say
 * what failed: no such process, may not inspect it, nothing mapped there,
 * private anonymous memory (nothing to open). */
gboolean _shmview_proc_resolve      (gint             pid,
                                     guint64          address,
                                     ShmviewProcMap  *map,
                                     GError         **error);
/* The safety rule: writable only when it is shared memory (memfd, /dev/shm,
 * System V, a deleted file, anonymous shared memory) and every process we
 * can see maps it rw-s. Otherwise FALSE with *@reason saying why. */
gboolean _shmview_proc_may_write    (const ShmviewProcMap *map,
                                     char                **reason);

G_END_DECLS
