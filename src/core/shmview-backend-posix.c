/* shmview-backend-posix.c: POSIX shared memory objects (shm_open)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Linux the object "/MapTrans" is the tmpfs file /dev/shm/MapTrans; we
 * stat that path to notice when the name is removed or reused. Everything
 * after shm_open() is shared with files (shmview-backend-fd.c).
 *
 * libc only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "shmview-backend.h"

#define SHM_DIR "/dev/shm"

/* What is in /dev/shm under @name, as lstat() sees it: 0 or errno. */
static int
lstat_name (const char  *name,
            struct stat *st)
{
  char *path;
  int err = 0;

  if (asprintf (&path, SHM_DIR "%s", name) < 0)
    return ENOMEM;
  if (lstat (path, st) != 0)
    err = errno;
  free (path);
  return err;
}

static int
posix_open_name (const char *name,
                 int         oflags,
                 unsigned    mode)
{
  int fd = shm_open (name, oflags | O_CLOEXEC | O_NONBLOCK, (mode_t) mode);
  struct stat st;

  if (fd >= 0)
    return fd;
  /* glibc turns EISDIR into EINVAL; a read-only open of the same directory
   * succeeds and is refused as EISDIR after: say the same both ways. */
  if (errno == EINVAL && lstat_name (name, &st) == 0 && S_ISDIR (st.st_mode))
    return -EISDIR;
  return -errno;
}

static int
posix_unlink_name (const char *name)
{
  return shm_unlink (name) == 0 ? 0 : errno;
}

/* An object is a file in /dev/shm, and renaming it there is how a new one
 * takes an old one's place in one step (create --force). */
static int
posix_rename_name (const char *from,
                   const char *to)
{
  char *from_path = NULL, *to_path = NULL;
  int err = 0;

  if (asprintf (&from_path, SHM_DIR "%s", from) < 0 || asprintf (&to_path, SHM_DIR "%s", to) < 0)
    err = ENOMEM;
  else if (rename (from_path, to_path) != 0)
    err = errno;
  free (from_path);
  free (to_path);
  return err;
}

static const ShmviewFdNames posix_names = {
  .open = posix_open_name,
  .unlink = posix_unlink_name,
  .rename = posix_rename_name,
};

static int
posix_open (ShmviewBackend             *b,
            const ShmviewBackendTarget *t)
{
  char *stat_path;
  int err;

  if (t->name == NULL || t->name[0] != '/')
    return EINVAL;
  if (asprintf (&stat_path, SHM_DIR "%s", t->name) < 0)
    return ENOMEM;
  err = shmview_backend_fd_open (b, t->name, stat_path, t, &posix_names);
  free (stat_path);
  return err;
}

/* The name as shm_unlink() wants it, from "/dev/shm/NAME". */
static const char *
posix_name (ShmviewBackend *b)
{
  return b->stat_path + strlen (SHM_DIR);
}

static int
posix_remove (ShmviewBackend *b)
{
  uint64_t size;
  int removed = 0;
  int err;

  /* Do not unlink an object that merely took over our name. */
  if ((err = shmview_backend_fd_check (b, &size, &removed)) != 0)
    return err;
  if (removed)
    return ENOENT;
  return posix_unlink_name (posix_name (b));
}

/* Only a regular file is a POSIX object: a FIFO, a device node, a socket,
 * a directory or a symlink someone put in /dev/shm is refused, as a file:
 * spec's is. (Nothing can swap it between the lstat and the unlink that
 * /dev/shm's sticky bit would let us remove but not make.) */
static int
posix_remove_target (const ShmviewBackendTarget *t)
{
  struct stat st;
  int err;

  if (t->name == NULL || t->name[0] != '/')
    return EINVAL;
  if ((err = lstat_name (t->name, &st)) != 0)
    return err;
  if (S_ISLNK (st.st_mode))
    return ELOOP;
  if (S_ISDIR (st.st_mode))
    return EISDIR;
  if (!S_ISREG (st.st_mode))
    return ENODEV;
  return posix_unlink_name (t->name);
}

const ShmviewBackendOps shmview_backend_posix_ops = {
  .name = "posix",
  .open = posix_open,
  SHMVIEW_BACKEND_FD_OPS,
  .remove = posix_remove,
  .remove_target = posix_remove_target,
};
