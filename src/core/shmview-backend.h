/* shmview-backend.h: the operating-system side of a region (private)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind of region (POSIX shm, System V, file; Win32 file mappings)
 * fills one ShmviewBackendOps table. Backends use libc alone, take and return
 * plain C types, and report failure as an errno value (0 = success); the
 * region (shmview-region.c) turns those into GErrors with words for people.
 *
 * Conventions every backend keeps:
 * - open() sets open_size; check() tells the size from then on. The region
 *   hands every size it takes, from open_size on, to remap() (System V
 *   segments cannot change size and have none).
 * - POSIX objects and files are mapped whole, MAP_SHARED (PROT_READ when
 *   read-only), so other tools see this process attached. Reads never go
 *   through that mapping (see shmview-backend-fd.c). An object too large
 *   to map whole (a sparse one beyond the address space) has no mapping,
 *   and each write maps the part it writes for the moment of the copy.
 * - write() and fill() answer ERANGE when the object is now smaller than the
 *   range (checked before copying: nothing written), EFAULT when a SIGBUS
 *   hit part way (the object shrank during the copy, or a page could not be
 *   had), and the errno of mmap() when the part to write cannot be mapped.
 *   Where they can, they reserve the range's pages first (fallocate) and
 *   answer ENOSPC or EDQUOT, nothing written, when there is no room.
 * - read() returns the count it could read in *n_read; a short count means
 *   the object ended early (it shrank). copy_to_fd() answers ERANGE then.
 * - ENOTSUP for an operation the kind cannot do (resizing a System V segment).
 *
 * The Win32 backend (shmview-backend-win32.c, built with mingw-w64) fills the
 * same table: open = CreateFileMappingW / OpenFileMappingW + MapViewOfFile,
 * size = VirtualQuery (no removal to see), read/write = the guarded view
 * operations, resize/remove = ENOTSUP, close = UnmapViewOfFile + CloseHandle;
 * its HANDLE goes in @handle.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef enum
{
  SHMVIEW_BACKEND_CREATE    = 1 << 0,
  SHMVIEW_BACKEND_EXCLUSIVE = 1 << 1,
  SHMVIEW_BACKEND_REPLACE   = 1 << 2,
  SHMVIEW_BACKEND_READ_ONLY = 1 << 3,
  SHMVIEW_BACKEND_FOLLOW    = 1 << 4,
} ShmviewBackendFlags;

/* What to open: a name or path, or a System V key or id. */
typedef struct
{
  const char *name;    /* POSIX "/MapTrans", or the file path; NULL for System V */
  int         by_id;   /* System V: use @id, not @key */
  int32_t     key;     /* System V key; 0 = IPC_PRIVATE (create only) */
  int         id;      /* System V shmid */
  unsigned    flags;   /* ShmviewBackendFlags */
  uint64_t    size;    /* on create; > 0 */
  unsigned    mode;    /* on create; applied exactly, umask aside */
  /* Process memory (pid:PID@ADDR, resolved from /proc/PID/maps): the
   * process, its mapping [map_start, map_end) and the object's identity. */
  int         pid;
  uint64_t    map_start;
  uint64_t    map_end;
  uint64_t    dev;
  uint64_t    ino;
} ShmviewBackendTarget;

typedef struct
{
  uint64_t size;
  uint32_t uid;
  uint32_t gid;
  uint32_t mode;       /* permission bits only */
  int64_t  atime;
  int64_t  mtime;
  int64_t  ctime;
  int      nattch;     /* -1 when unknown */
  int32_t  key;
  int      id;         /* -1 when not System V */
  int      cpid;
  int      lpid;
  int      removed;
} ShmviewBackendInfo;

typedef struct _ShmviewBackend    ShmviewBackend;
typedef struct _ShmviewBackendOps ShmviewBackendOps;

struct _ShmviewBackend
{
  const ShmviewBackendOps *ops;

  /* read by the region */
  uint64_t  open_size;  /* the object's size when opened */
  int       read_only;
  int       created;    /* open() made a new object */
  int       id;         /* System V shmid (after IPC_PRIVATE: the new one), else -1 */
  int32_t   key;        /* System V key at open (IPC_RMID turns it into 0) */
  char     *stat_path;  /* lstat()ed to see removal: /dev/shm/NAME or the
                         * absolute path (a followed symlink resolved); NULL
                         * for System V. Set at open, never changed after */

  /* private to the backends */
  void     *map;        /* the whole-object mapping or the System V
                         * attachment; NULL when none */
  uint64_t  map_size;   /* bytes at @map */
  int       fd;         /* -1 when none */
  void     *handle;     /* for backends without descriptors (Win32) */
  uint64_t  dev;        /* identity at open: a different one at stat_path */
  uint64_t  ino;        /* means the name was removed (and maybe reused) */
};

struct _ShmviewBackendOps
{
  const char *name;

  /* Fills @b (already zeroed with fd = id = -1) or returns errno, leaving
   * nothing open and, when it created something, nothing created. */
  int  (*open)          (ShmviewBackend             *b,
                         const ShmviewBackendTarget *target);
  /* Current size of the object, and whether its name is gone (or names
   * another object now). One fstat + one stat, or one IPC_STAT. */
  int  (*check)         (ShmviewBackend             *b,
                         uint64_t                   *size,
                         int                        *removed);
  /* Optional: maps the object whole again for its new @size in place of
   * the old mapping (0: none). Never leaves the region unusable: when the
   * mapping cannot be made it returns the errno and keeps none, and writes
   * map the part they write. Called under the region's exclusive lock,
   * or while it opens. */
  int  (*remap)         (ShmviewBackend             *b,
                         uint64_t                    size);
  int  (*read)          (ShmviewBackend             *b,
                         uint64_t                    offset,
                         void                       *buffer,
                         size_t                      length,
                         size_t                     *n_read);
  int  (*write)         (ShmviewBackend             *b,
                         uint64_t                    offset,
                         const void                 *data,
                         size_t                      length);
  int  (*fill)          (ShmviewBackend             *b,
                         uint64_t                    offset,
                         int                         byte,
                         uint64_t                    length);
  /* Writes [offset, offset + length) to the descriptor @out. Sets
   * *out_failed when the errno it returns came from writing to @out. */
  int  (*copy_to_fd)    (ShmviewBackend             *b,
                         uint64_t                    offset,
                         uint64_t                    length,
                         int                         out,
                         int                        *out_failed);
  /* Changes the object's size. */
  int  (*resize)        (ShmviewBackend             *b,
                         uint64_t                    size);
  /* Removes the name; the region stays open and usable. */
  int  (*remove)        (ShmviewBackend             *b);
  int  (*stat)          (ShmviewBackend             *b,
                         ShmviewBackendInfo         *info);
  /* Optional: whether the filesystem holding the object has no free block
   * left (so a write that faulted could not get a page). */
  int  (*is_full)       (ShmviewBackend             *b);
  /* Optional: the first stretch [*start, *end) at or after @offset that may
   * hold data (lseek SEEK_DATA/SEEK_HOLE); ENXIO when only holes follow.
   * Without it, or when the filesystem cannot tell, all is data. */
  int  (*next_data)     (ShmviewBackend             *b,
                         uint64_t                    offset,
                         uint64_t                   *start,
                         uint64_t                   *end);
  void (*close)         (ShmviewBackend             *b);
  /* Removes what @target names without opening or mapping it. */
  int  (*remove_target) (const ShmviewBackendTarget *target);
};

extern const ShmviewBackendOps shmview_backend_posix_ops;
extern const ShmviewBackendOps shmview_backend_sysv_ops;
extern const ShmviewBackendOps shmview_backend_file_ops;
extern const ShmviewBackendOps shmview_backend_proc_ops;
#ifdef _WIN32
extern const ShmviewBackendOps shmview_backend_win32_ops; /* name: UTF-8 */
#endif

/* Shared by every backend, POSIX and Win32 (shmview-backend-common.c). */

/* Zeroes @b and marks "nothing open" (fd = id = -1). */
void shmview_backend_init      (ShmviewBackend *b);
/* write() all of @data to @out, waiting when @out is a full non-blocking
 * pipe; returns 0 or errno. */
int  shmview_backend_write_all (int             out,
                                const void     *data,
                                size_t          length);
/* Waits until the non-blocking @out has room (poll); 0 or errno. On
 * Windows, where descriptors always block, it answers EAGAIN. */
int  shmview_backend_wait_writable (int         out);
/* Guarded memcpy of @data to @dest, or memset of @byte when @data is NULL:
 * 0 or EFAULT (see shmview-guard.h). */
int  shmview_backend_guarded_store (void       *dest,
                                    const void *data,
                                    int         byte,
                                    size_t      length);
/* ENOTSUP, for kinds whose size is fixed (System V, Win32). */
int  shmview_backend_unsupported_resize (ShmviewBackend *b,
                                         uint64_t        size);

/* The "view" operations: the object has a fixed size and is the one
 * mapping b->map of b->map_size bytes made at open (a System V attachment,
 * a Win32 view). Ranges past map_size answer ERANGE (nothing copied), a
 * read-only view answers EACCES to writes, copies are guarded. */
#define SHMVIEW_BACKEND_VIEW_OPS \
  .read = shmview_backend_view_read, \
  .write = shmview_backend_view_write, \
  .fill = shmview_backend_view_fill, \
  .copy_to_fd = shmview_backend_view_copy_to_fd
int  shmview_backend_view_read  (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 void               *buffer,
                                 size_t              length,
                                 size_t             *n_read);
int  shmview_backend_view_write (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 const void         *data,
                                 size_t              length);
int  shmview_backend_view_fill  (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 int                 byte,
                                 uint64_t            length);
int  shmview_backend_view_copy_to_fd (ShmviewBackend *b,
                                      uint64_t        offset,
                                      uint64_t        length,
                                      int             out,
                                      int            *out_failed);

/* Shared by POSIX and file (shmview-backend-fd.c): an fd, mmap, pread, fstat. */

/* How a kind of name is opened and removed: shm_open and shm_unlink, or
 * open and unlink. */
typedef struct
{
  /* Opens with O_NONBLOCK and O_CLOEXEC added to @oflags (a FIFO must not
   * block the open; shmview_backend_fd_open() drops O_NONBLOCK after). */
  int  (*open)   (const char *path,
                  int         oflags,
                  unsigned    mode);   /* the fd, or -errno */
  int  (*unlink) (const char *path);   /* 0 or errno */
  /* Moves @from over @to in one step (rename()); 0 or errno. */
  int  (*rename) (const char *from,
                  const char *to);
  /* Optional: whether @path names something even though opening it said
   * ENOENT (a dangling symlink), so that create gives up at once. */
  int  (*exists) (const char *path);
} ShmviewFdNames;

/* Opens or creates what @t names at @path, as @t's flags say (create,
 * exclusive, replace, read-only), into @b; @stat_path is what
 * check() lstat()s. On failure nothing stays open, and what this call
 * created is removed again. Returns 0 or errno. */
int  shmview_backend_fd_open    (ShmviewBackend             *b,
                                 const char                 *path,
                                 const char                 *stat_path,
                                 const ShmviewBackendTarget *t,
                                 const ShmviewFdNames       *names);

/* The operations POSIX objects and files share, for their ops tables. */
#define SHMVIEW_BACKEND_FD_OPS \
  .check = shmview_backend_fd_check, \
  .remap = shmview_backend_fd_remap, \
  .read = shmview_backend_fd_read, \
  .write = shmview_backend_fd_write, \
  .fill = shmview_backend_fd_fill, \
  .copy_to_fd = shmview_backend_fd_copy_to_fd, \
  .resize = shmview_backend_fd_resize, \
  .stat = shmview_backend_fd_stat, \
  .is_full = shmview_backend_fd_is_full, \
  .next_data = shmview_backend_fd_next_data, \
  .close = shmview_backend_fd_close
int  shmview_backend_fd_check   (ShmviewBackend     *b,
                                 uint64_t           *size,
                                 int                *removed);
int  shmview_backend_fd_remap   (ShmviewBackend     *b,
                                 uint64_t            size);
int  shmview_backend_fd_read    (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 void               *buffer,
                                 size_t              length,
                                 size_t             *n_read);
int  shmview_backend_fd_write   (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 const void         *data,
                                 size_t              length);
int  shmview_backend_fd_fill    (ShmviewBackend     *b,
                                 uint64_t            offset,
                                 int                 byte,
                                 uint64_t            length);
int  shmview_backend_fd_copy_to_fd (ShmviewBackend *b,
                                    uint64_t        offset,
                                    uint64_t        length,
                                    int             out,
                                    int            *out_failed);
int  shmview_backend_fd_resize  (ShmviewBackend     *b,
                                 uint64_t            size);
int  shmview_backend_fd_stat    (ShmviewBackend     *b,
                                 ShmviewBackendInfo *info);
int  shmview_backend_fd_is_full (ShmviewBackend     *b);
int  shmview_backend_fd_next_data (ShmviewBackend   *b,
                                   uint64_t          offset,
                                   uint64_t         *start,
                                   uint64_t         *end);
void shmview_backend_fd_close   (ShmviewBackend     *b);
