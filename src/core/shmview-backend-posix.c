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
#include <unistd.h>

#include "shmview-backend.h"

#define SHM_DIR "/dev/shm"

/* How often create-or-open retries when another process creates or removes
 * the same name between our two calls. */
#define MAX_ATTEMPTS 8

static int
create_fd (const ShmviewBackendTarget *t,
           int                        *created)
{
  int exclusive = (t->flags & (SHMVIEW_BACKEND_EXCLUSIVE | SHMVIEW_BACKEND_REPLACE)) != 0;

  for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      int fd;

      if ((t->flags & SHMVIEW_BACKEND_REPLACE)
          && shm_unlink (t->name) != 0 && errno != ENOENT)
        return -errno;

      fd = shm_open (t->name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, t->mode & 0777);
      if (fd >= 0)
        {
          int err = shmview_backend_fd_setup_new (fd, t->mode, t->size);

          if (err != 0)
            {
              shm_unlink (t->name);
              close (fd);
              return -err;
            }
          *created = 1;
          return fd;
        }
      if (errno != EEXIST)
        return -errno;
      if (t->flags & SHMVIEW_BACKEND_REPLACE)
        continue; /* someone made it again after our unlink */
      if (exclusive)
        return -EEXIST;

      fd = shm_open (t->name, O_RDWR | O_CLOEXEC, 0);
      if (fd >= 0)
        return fd;
      if (errno != ENOENT)
        return -errno;
    }
  return -EAGAIN;
}

static int
posix_open (ShmviewBackend             *b,
            const ShmviewBackendTarget *t)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  char *stat_path;
  int created = 0;
  int fd, err;

  if (t->name == NULL || t->name[0] != '/')
    return EINVAL;

  if (t->flags & SHMVIEW_BACKEND_CREATE)
    fd = create_fd (t, &created);
  else if ((fd = shm_open (t->name, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC, 0)) < 0)
    fd = -errno;
  if (fd < 0)
    return -fd;

  if (asprintf (&stat_path, SHM_DIR "%s", t->name) < 0)
    stat_path = NULL;
  err = stat_path != NULL ? shmview_backend_fd_attach (b, fd, read_only, stat_path) : ENOMEM;
  free (stat_path);
  if (err != 0)
    {
      if (created)
        shm_unlink (t->name);
      close (fd);
      return err;
    }
  b->created = created;
  return 0;
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
  if (shm_unlink (posix_name (b)) != 0)
    return errno;
  return 0;
}

static int
posix_remove_target (const ShmviewBackendTarget *t)
{
  if (t->name == NULL || t->name[0] != '/')
    return EINVAL;
  if (shm_unlink (t->name) != 0)
    return errno;
  return 0;
}

const ShmviewBackendOps shmview_backend_posix_ops = {
  .name = "posix",
  .open = posix_open,
  .check = shmview_backend_fd_check,
  .remap = shmview_backend_fd_remap,
  .read = shmview_backend_fd_read,
  .write = shmview_backend_fd_write,
  .fill = shmview_backend_fd_fill,
  .copy_to_fd = shmview_backend_fd_copy_to_fd,
  .resize = shmview_backend_fd_resize,
  .remove = posix_remove,
  .stat = shmview_backend_fd_stat,
  .close = shmview_backend_fd_close,
  .remove_target = posix_remove_target,
};
