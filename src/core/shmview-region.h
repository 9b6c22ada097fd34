/* shmview-region.h: an opened shared-memory region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A region is a POSIX shm object, a System V segment or a file, attached
 * while it lives: a segment with shmat(), an object or a file mapped whole
 * MAP_SHARED (PROT_READ when read-only) and remapped when its size changes,
 * so other tools count this process as attached. Reads copy out (with pread
 * where there is a descriptor, so they never raise SIGBUS on a shrunk object
 * and never allocate the holes of a sparse one); writes go through the
 * mapping, all or nothing, guarded against SIGBUS. An object too large to
 * map whole (a sparse one beyond the address space) is left unmapped, and
 * each write maps the part it writes for the moment of the copy. The region
 * never hands out pointers into a mapping.
 */
#pragma once

#include <glib-object.h>

#include "shmview-spec.h"

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_OPEN_FLAGS_NONE      = 0,
  SHMVIEW_OPEN_CREATE          = 1 << 0, /* create when missing (needs size > 0) */
  SHMVIEW_OPEN_EXCLUSIVE       = 1 << 1, /* with CREATE: fail with EXISTS when it exists */
  SHMVIEW_OPEN_REPLACE         = 1 << 2, /* with CREATE: remove an existing one first (--force) */
  SHMVIEW_OPEN_READ_ONLY       = 1 << 3, /* O_RDONLY / SHM_RDONLY / PROT_READ: cannot write */
  SHMVIEW_OPEN_FOLLOW_SYMLINKS = 1 << 4, /* file: follow a symlink (refused by default) */
} ShmviewOpenFlags;

/* What shmview_region_update() noticed since the last call. */
typedef enum
{
  SHMVIEW_REGION_CHANGE_NONE    = 0,
  SHMVIEW_REGION_CHANGE_GREW    = 1 << 0,
  SHMVIEW_REGION_CHANGE_SHRANK  = 1 << 1,
  SHMVIEW_REGION_CHANGE_REMOVED = 1 << 2, /* the name is gone or names another object now */
} ShmviewRegionChange;

typedef struct
{
  ShmviewRegionKind kind;
  guint64 size;
  guint32 uid;
  guint32 gid;
  guint32 mode;      /* permission bits, e.g. 0600 */
  gint64  atime;     /* seconds since the epoch, -1 when unknown; System V: last attach */
  gint64  mtime;     /* System V: last detach (shm_dtime) */
  gint64  ctime;     /* System V: last change */
  gint    nattch;    /* attach count; -1 when unknown (POSIX objects unless counted) */
  gint32  key;       /* System V key, else 0 */
  gint    id;        /* System V shmid, else -1 */
  gint    cpid;      /* System V creator pid, else -1 */
  gint    lpid;      /* System V last shmat/shmdt pid, else -1 */
  gboolean removed;  /* System V: marked for removal (SHM_DEST); others: name unlinked */
} ShmviewRegionInfo;

#define SHMVIEW_TYPE_REGION (shmview_region_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewRegion, shmview_region, SHMVIEW, REGION, GObject)

/* Opens (or creates, by @flags) the region @spec names. @size and @mode are used
 * only when creating. @mode is applied exactly, whatever the umask, with one
 * exception: 0 is not "no permissions" but "no mode given", and means the
 * default 0600 (a caller that wants to refuse a typed 0 must do so itself).
 * Never replaces an existing region unless SHMVIEW_OPEN_REPLACE is set. */
ShmviewRegion     *shmview_region_open             (const ShmviewSpec    *spec,
                                                    ShmviewOpenFlags      flags,
                                                    guint64               size,
                                                    guint                 mode,
                                                    GError              **error);
/* Parses @text with shmview_spec_parse() and opens it. */
ShmviewRegion     *shmview_region_open_text        (const char           *text,
                                                    ShmviewOpenFlags      flags,
                                                    guint64               size,
                                                    guint                 mode,
                                                    GError              **error);

ShmviewRegionKind  shmview_region_get_kind         (ShmviewRegion        *self);
/* The spec this region answers to. For a System V segment created with key 0
 * (IPC_PRIVATE) it is "sysvid:ID" of the new segment. */
const ShmviewSpec *shmview_region_get_spec         (ShmviewRegion        *self);
char              *shmview_region_dup_spec_string  (ShmviewRegion        *self);
char              *shmview_region_dup_display_name (ShmviewRegion        *self);
/* The filesystem path that names the object, as opened: /dev/shm/NAME for a
 * POSIX object, the absolute path (a followed symlink resolved) for a file;
 * NULL for a System V segment, which has none. For watching it (inotify sees
 * write(), ftruncate() and unlink(), though not stores through a mapping). */
char              *shmview_region_dup_fs_path      (ShmviewRegion        *self);
/* The size as of the last open/update, in bytes. */
guint64            shmview_region_get_size         (ShmviewRegion        *self);
gboolean           shmview_region_is_read_only     (ShmviewRegion        *self);
/* Why a process mapping (pid:PID@ADDR) opened read-only though writing was
 * asked for: it is not shared memory, or some process maps it other than
 * rw-s (the safety rule). NULL otherwise. */
const char        *shmview_region_get_read_only_reason (ShmviewRegion    *self);
/* TRUE once update() saw the name removed; the region stays attached and usable. */
gboolean           shmview_region_is_removed       (ShmviewRegion        *self);
/* The object's device and inode (FALSE for System V: its shmid is its identity). */
gboolean           shmview_region_get_identity     (ShmviewRegion        *self,
                                                    guint64              *dev,
                                                    guint64              *ino);

/* Re-checks size and existence (an fstat and a stat, or one IPC_STAT), remaps
 * on a change of size, and says what changed; any new size is taken, however
 * large (unmapped when too large to map). Cheap enough for every tick. */
ShmviewRegionChange shmview_region_update          (ShmviewRegion        *self,
                                                    guint64              *old_size);

/* Copies @length bytes at @offset into @buffer. The range must lie within the
 * current size (OUT_OF_RANGE otherwise, nothing read). If the object shrank
 * since the last update the read fails with SHRUNK. Never raises SIGBUS. */
gboolean           shmview_region_read             (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    guint8               *buffer,
                                                    gsize                 length,
                                                    GError              **error);
GBytes            *shmview_region_read_bytes       (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    gsize                 length,
                                                    GError              **error);
/* The next stretch [*start, *end) at or after @offset that may hold data
 * (SEEK_DATA/SEEK_HOLE), within the size; FALSE when only holes follow.
 * Holes read as zeros: a digest or a search may skip them. */
gboolean           shmview_region_next_data        (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    guint64              *start,
                                                    guint64              *end);
/* Writes @length bytes at @offset to the descriptor @fd (a pipe, a file,
 * /dev/null), inside the kernel where it can (sendfile). Checks like read();
 * SHRUNK when the object ended early; a failure to write to @fd says so. */
gboolean           shmview_region_copy_to_fd       (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    guint64               length,
                                                    int                   fd,
                                                    GError              **error);

/* Writes through the mapping, all or nothing: PERMISSION on a read-only
 * region, OUT_OF_RANGE past the end, SHRUNK when the object shrank under us,
 * NO_SPACE when the pages cannot be reserved (a full tmpfs, a quota); in each
 * case nothing is written. Only a failure during the copy itself can leave
 * PART of the data written: SHRUNK when a shrink races the copy, and NO_SPACE
 * when a page cannot be had although it could not be reserved first (System
 * V segments, filesystems without fallocate) or on an I/O error. Never a
 * SIGBUS. */
gboolean           shmview_region_write            (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    const guint8         *data,
                                                    gsize                 length,
                                                    GError              **error);
/* Fills @length bytes at @offset with @byte, all or nothing like write() (and
 * with the same two exceptions, SHRUNK or NO_SPACE during the copy). */
gboolean           shmview_region_fill             (ShmviewRegion        *self,
                                                    guint64               offset,
                                                    guint64               length,
                                                    guint8                byte,
                                                    GError              **error);

/* POSIX and file only (UNSUPPORTED for System V); remaps. */
gboolean           shmview_region_resize           (ShmviewRegion        *self,
                                                    guint64               size,
                                                    GError              **error);
/* shm_unlink / IPC_RMID / unlink. The region stays attached and usable. */
gboolean           shmview_region_remove           (ShmviewRegion        *self,
                                                    GError              **error);
gboolean           shmview_region_query_info       (ShmviewRegion        *self,
                                                    ShmviewRegionInfo    *info,
                                                    GError              **error);

/* Removes the region @spec names without mapping it (shmtool rm). */
gboolean           shmview_region_remove_spec      (const ShmviewSpec    *spec,
                                                    GError              **error);

G_END_DECLS
