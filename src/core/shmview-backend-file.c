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

/* O_NOFOLLOW unless following was asked for. O_NONBLOCK: should a FIFO slip
 * past check_existing(), open() must not hang on it (it is refused after,
 * as not a regular file, and the flag dropped by shmview_backend_fd_open). */
static int
open_path (const char *path,
           int         oflags,
           unsigned    mode,
           int         follow)
{
  int fd = open (path, oflags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW),
                 (mode_t) mode);

  return fd >= 0 ? fd : -errno;
}

static int
open_nofollow (const char *path,
               int         oflags,
               unsigned    mode)
{
  return open_path (path, oflags, mode, 0);
}

static int
open_follow (const char *path,
             int         oflags,
             unsigned    mode)
{
  return open_path (path, oflags, mode, 1);
}

static int
path_exists (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0;
}

static int
rename_path (const char *from,
             const char *to)
{
  return rename (from, to) == 0 ? 0 : errno;
}

/* A followed link was resolved to its target before these are used, so
 * both remove (and replace) only the regular file at @path itself. */
static const ShmviewFdNames file_names = {
  .open = open_nofollow,
  .unlink = unlink_regular,
  .rename = rename_path,
  .exists = path_exists,
};

static const ShmviewFdNames followed_names = {
  .open = open_follow,
  .unlink = unlink_regular,
  .rename = rename_path,
  .exists = path_exists,
};

static int
file_open (ShmviewBackend             *b,
           const ShmviewBackendTarget *t)
{
  int follow = (t->flags & SHMVIEW_BACKEND_FOLLOW) != 0;
  char *path;
  int err = 0;

  if (t->name == NULL || t->name[0] == '\0')
    return EINVAL;
  if ((path = resolve_path (t->name, follow, &err)) == NULL)
    return err;
  if ((err = check_existing (path, follow)) == 0)
    err = shmview_backend_fd_open (b, path, path, t, follow ? &followed_names : &file_names);
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
  SHMVIEW_BACKEND_FD_OPS,
  .remove = file_remove,
  .remove_target = file_remove_target,
};
