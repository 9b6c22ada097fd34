/* shmview-backend-proc.c: what another process maps (pid:PID@ADDR)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region (shmview-region.c) has already found the mapping in
 * /proc/PID/maps and decided whether it may be written (the safety rule in
 * shmview-proc-scan.c); this backend opens the object behind it:
 * - through /proc/PID/fd/N when the process holds a descriptor of the same
 *   object (a memfd, a POSIX object): any user who may inspect the process
 *   may open it, as its owner could;
 * - else through /proc/PID/map_files/START-END, which the kernel allows
 *   only with CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN): EPERM then.
 * Both are "magic" links: open() reaches the object itself, whatever text
 * readlink() shows ("/dev/zero (deleted)"), so they are opened, never
 * resolved. After that, it is a descriptor like a POSIX object's
 * (shmview-backend-fd.c): pread for reads, one MAP_SHARED mapping, never a
 * copy, whatever the size. Resizing and removing are refused: the memory is
 * another process's.
 *
 * libc only.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shmview-backend.h"

/* A descriptor of process @pid for @dev:@ino, opened anew; -1 when it
 * holds none we may open. */
static int
open_by_descriptor (const ShmviewBackendTarget *t,
                    int                         oflags)
{
  char dir_path[64];
  struct dirent *de;
  DIR *dir;
  int fd = -1;

  snprintf (dir_path, sizeof dir_path, "/proc/%d/fd", t->pid);
  if ((dir = opendir (dir_path)) == NULL)
    return -1;
  while (fd < 0 && (de = readdir (dir)) != NULL)
    {
      char path[320];
      struct stat st;

      if (de->d_name[0] < '0' || de->d_name[0] > '9')
        continue;
      snprintf (path, sizeof path, "%s/%s", dir_path, de->d_name);
      if (stat (path, &st) != 0 || (uint64_t) st.st_dev != t->dev || (uint64_t) st.st_ino != t->ino)
        continue;
      fd = open (path, oflags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    }
  closedir (dir);
  return fd;
}

static int
open_map_file (const ShmviewBackendTarget *t,
               int                         oflags)
{
  char path[96];
  int fd;

  snprintf (path, sizeof path, "/proc/%d/map_files/%lx-%lx", t->pid,
            (unsigned long) t->map_start, (unsigned long) t->map_end);
  fd = open (path, oflags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd >= 0)
    return fd;
  /* Without the capability the kernel answers EPERM; a mapping gone
   * meanwhile is ENOENT. */
  return -(errno == EACCES ? EPERM : errno);
}

static int
proc_open (ShmviewBackend             *b,
           const ShmviewBackendTarget *t)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  int oflags = read_only ? O_RDONLY : O_RDWR;
  struct stat st;
  int fd, fl;

  if (t->pid <= 0 || (t->flags & SHMVIEW_BACKEND_CREATE))
    return EINVAL;
  if ((fd = open_by_descriptor (t, oflags)) < 0 && (fd = open_map_file (t, oflags)) < 0)
    return -fd;
  if ((fl = fcntl (fd, F_GETFL)) >= 0)
    fcntl (fd, F_SETFL, fl & ~O_NONBLOCK);
  if (fstat (fd, &st) != 0)
    {
      int err = errno;

      close (fd);
      return err;
    }
  /* The process unmapped it and mapped something else there meanwhile,
   * or it is a device: not what was asked for, or nothing to read. */
  if ((uint64_t) st.st_dev != t->dev || (uint64_t) st.st_ino != t->ino || !S_ISREG (st.st_mode))
    {
      close (fd);
      return S_ISREG (st.st_mode) ? ENOENT : ENODEV;
    }
  b->fd = fd;
  b->read_only = read_only;
  b->open_size = (uint64_t) st.st_size;
  b->dev = (uint64_t) st.st_dev;
  b->ino = (uint64_t) st.st_ino;
  b->id = t->pid;   /* the process, for check() */
  return 0;
}

/* Size from the descriptor; "removed" once the process is gone (the
 * memory lives on while this or another process maps it). */
static int
proc_check (ShmviewBackend *b,
            uint64_t       *size,
            int            *removed)
{
  char path[32];
  struct stat st;

  if (fstat (b->fd, &st) != 0)
    return errno;
  *size = (uint64_t) st.st_size;
  snprintf (path, sizeof path, "/proc/%d", b->id);
  *removed = stat (path, &st) != 0 && errno == ENOENT;
  return 0;
}

static int
proc_stat (ShmviewBackend     *b,
           ShmviewBackendInfo *info)
{
  struct stat st;
  uint64_t size;
  int removed = 0;
  int err;

  if (fstat (b->fd, &st) != 0)
    return errno;
  if ((err = proc_check (b, &size, &removed)) != 0)
    return err;
  memset (info, 0, sizeof *info);
  info->size = (uint64_t) st.st_size;
  info->uid = st.st_uid;
  info->gid = st.st_gid;
  info->mode = st.st_mode & 07777;
  info->atime = st.st_atime;
  info->mtime = st.st_mtime;
  info->ctime = st.st_ctime;
  info->nattch = -1;
  info->id = -1;
  info->cpid = -1;
  info->lpid = -1;
  info->removed = removed;
  return 0;
}

static int
proc_refuse_resize (ShmviewBackend *b,
                    uint64_t        size)
{
  (void) b;
  (void) size;
  return ENOTSUP;
}

static int
proc_refuse_remove (ShmviewBackend *b)
{
  (void) b;
  return ENOTSUP;
}

static int
proc_refuse_remove_target (const ShmviewBackendTarget *t)
{
  (void) t;
  return ENOTSUP;
}

static void
proc_close (ShmviewBackend *b)
{
  b->id = -1;
  shmview_backend_fd_close (b);
}

const ShmviewBackendOps shmview_backend_proc_ops = {
  .name = "proc",
  .open = proc_open,
  .check = proc_check,
  .remap = shmview_backend_fd_remap,
  .read = shmview_backend_fd_read,
  .write = shmview_backend_fd_write,
  .fill = shmview_backend_fd_fill,
  .copy_to_fd = shmview_backend_fd_copy_to_fd,
  .stat = proc_stat,
  .is_full = shmview_backend_fd_is_full,
  .next_data = shmview_backend_fd_next_data,
  .resize = proc_refuse_resize,
  .remove = proc_refuse_remove,
  .remove_target = proc_refuse_remove_target,
  .close = proc_close,
};
