/* shmview-backend-file.c: regular files mapped MAP_SHARED
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only regular files: a directory, a FIFO or a device is refused before it is
 * opened (opening a FIFO would block, opening some devices has effects) and
 * again after, with fstat(), in case the path changed in between. Symbolic
 * links are refused (O_NOFOLLOW) unless following was asked for; a followed
 * link is resolved once at open, and from then on the region is the target.
 *
 * libc only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shmview-backend.h"

#define MAX_ATTEMPTS 8

/* An absolute path for @path (so a later chdir() cannot change what we
 * stat); a symlink resolved to its target when @follow. NULL with *err set. */
static char *
resolve_path (const char *path,
              int         follow,
              int        *err)
{
  struct stat st;
  char *cwd, *result;

  if (follow && lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      if ((result = realpath (path, NULL)) == NULL)
        *err = errno;
      return result;
    }
  if (path[0] == '/')
    result = strdup (path);
  else if ((cwd = getcwd (NULL, 0)) != NULL)
    {
      if (asprintf (&result, "%s/%s", cwd, path) < 0)
        result = NULL;
      free (cwd);
    }
  else
    result = NULL;
  if (result == NULL)
    *err = errno != 0 ? errno : ENOMEM;
  return result;
}

/* What is at @path now may be opened: nothing, or a regular file. */
static int
check_existing (const char *path,
                int         follow)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    return errno == ENOENT ? 0 : errno;
  if (S_ISLNK (st.st_mode) && !follow)
    return ELOOP;
  if (S_ISLNK (st.st_mode) && stat (path, &st) != 0)
    return errno == ENOENT ? 0 : errno;
  if (S_ISDIR (st.st_mode))
    return EISDIR;
  if (!S_ISREG (st.st_mode))
    return ENODEV;
  return 0;
}

/* unlink() @path if it is a regular file (never a link or a directory). */
static int
unlink_regular (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    return errno;
  if (S_ISLNK (st.st_mode))
    return ELOOP;
  if (S_ISDIR (st.st_mode))
    return EISDIR;
  if (!S_ISREG (st.st_mode))
    return ENODEV;
  if (unlink (path) != 0)
    return errno;
  return 0;
}

/* Returns the fd, or -errno. */
static int
create_file (const char                 *path,
             const ShmviewBackendTarget *t,
             int                         oflags,
             int                        *created)
{
  int exclusive = (t->flags & (SHMVIEW_BACKEND_EXCLUSIVE | SHMVIEW_BACKEND_REPLACE)) != 0;
  struct stat st;

  for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      int fd, err;

      if ((t->flags & SHMVIEW_BACKEND_REPLACE)
          && (err = unlink_regular (path)) != 0 && err != ENOENT)
        return -err;

      /* O_EXCL also refuses an existing symlink, dangling or not. */
      fd = open (path, O_RDWR | O_CREAT | O_EXCL | oflags, t->mode & 0777);
      if (fd >= 0)
        {
          if ((err = shmview_backend_fd_setup_new (fd, t->mode, t->size)) != 0)
            {
              unlink (path);
              close (fd);
              return -err;
            }
          *created = 1;
          return fd;
        }
      if (errno != EEXIST)
        return -errno;
      if (t->flags & SHMVIEW_BACKEND_REPLACE)
        continue;
      if (exclusive)
        return -EEXIST;

      fd = open (path, O_RDWR | oflags);
      if (fd >= 0)
        return fd;
      if (errno != ENOENT)
        return -errno;
      /* A dangling symlink: we do not create files through links. */
      if (lstat (path, &st) == 0)
        return -ENOENT;
    }
  return -EAGAIN;
}

static int
open_fd (const char                 *path,
         const ShmviewBackendTarget *t,
         int                        *created)
{
  int follow = (t->flags & SHMVIEW_BACKEND_FOLLOW) != 0;
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  /* O_NONBLOCK: should a FIFO slip past check_existing(), open() must not
   * hang on it; fd_attach() refuses it afterwards. */
  int oflags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
  int fd, fl;

  if (t->flags & SHMVIEW_BACKEND_CREATE)
    fd = create_file (path, t, oflags, created);
  else if ((fd = open (path, (read_only ? O_RDONLY : O_RDWR) | oflags)) < 0)
    fd = -errno;
  if (fd < 0)
    return fd;

  if ((fl = fcntl (fd, F_GETFL)) >= 0)
    fcntl (fd, F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

static int
file_open (ShmviewBackend             *b,
           const ShmviewBackendTarget *t)
{
  int follow = (t->flags & SHMVIEW_BACKEND_FOLLOW) != 0;
  char *path;
  int created = 0;
  int err = 0;
  int fd;

  if (t->name == NULL || t->name[0] == '\0')
    return EINVAL;
  if ((path = resolve_path (t->name, follow, &err)) == NULL)
    return err;
  if ((err = check_existing (path, follow)) != 0)
    goto out;
  if ((fd = open_fd (path, t, &created)) < 0)
    {
      err = -fd;
      goto out;
    }

  err = shmview_backend_fd_attach (b, fd, (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0, path);
  if (err != 0)
    {
      if (created)
        unlink (path);
      close (fd);
    }
  b->created = created && err == 0;

out:
  free (path);
  return err;
}

static int
file_remove (ShmviewBackend *b)
{
  struct stat st;

  if (lstat (b->stat_path, &st) != 0)
    return errno;
  if (S_ISLNK (st.st_mode))
    return ELOOP;
  /* The path names another file now: that one is not ours to remove. */
  if ((uint64_t) st.st_dev != b->dev || (uint64_t) st.st_ino != b->ino)
    return ENOENT;
  if (unlink (b->stat_path) != 0)
    return errno;
  return 0;
}

static int
file_remove_target (const ShmviewBackendTarget *t)
{
  if (t->name == NULL || t->name[0] == '\0')
    return EINVAL;
  return unlink_regular (t->name);
}

const ShmviewBackendOps shmview_backend_file_ops = {
  .name = "file",
  .open = file_open,
  .check = shmview_backend_fd_check,
  .remap = shmview_backend_fd_remap,
  .read = shmview_backend_fd_read,
  .write = shmview_backend_fd_write,
  .fill = shmview_backend_fd_fill,
  .copy_to_fd = shmview_backend_fd_copy_to_fd,
  .resize = shmview_backend_fd_resize,
  .remove = file_remove,
  .stat = shmview_backend_fd_stat,
  .close = shmview_backend_fd_close,
  .remove_target = file_remove_target,
};
