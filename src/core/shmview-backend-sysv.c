/* shmview-backend-sysv.c: System V shared memory segments (shmget/shmat)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A segment has a fixed size and no descriptor, so reads and writes go
 * through the attachment (guarded all the same): the view operations of
 * shmview-backend-common.c. IPC_RMID only marks the
 * segment for destruction (SHM_DEST): our attachment stays valid until we
 * detach, which is how "removed, still attached" works here.
 *
 * libc only.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "shmview-backend.h"

/* shmctl on an id that is gone answers EINVAL (or EIDRM while dying). */
static int
stat_segment (int              id,
              struct shmid_ds *ds)
{
  if (shmctl (id, IPC_STAT, ds) == 0)
    return 0;
  return (errno == EINVAL || errno == EIDRM) ? ENOENT : errno;
}

static int
remove_segment (int id)
{
  if (shmctl (id, IPC_RMID, NULL) == 0)
    return 0;
  return (errno == EINVAL || errno == EIDRM) ? ENOENT : errno;
}

static int
lookup_key (int32_t key)
{
  int id = shmget ((key_t) key, 0, 0);

  return id >= 0 ? id : -errno;
}

/* Whether a segment of @t's size and mode can be made now: 0 or errno. */
static int
probe_segment (const ShmviewBackendTarget *t)
{
  int id = shmget (IPC_PRIVATE, (size_t) t->size, IPC_CREAT | (int) (t->mode & 0777));

  if (id < 0)
    return errno;
  shmctl (id, IPC_RMID, NULL);
  return 0;
}

/* Returns the id, or -errno. */
static int
create_segment (const ShmviewBackendTarget *t,
                int                        *created)
{
  int exclusive = (t->flags & (SHMVIEW_BACKEND_EXCLUSIVE | SHMVIEW_BACKEND_REPLACE)) != 0;
  int id, err;

  if (t->size > SIZE_MAX)
    return -EINVAL;
  if (t->key == IPC_PRIVATE)
    {
      id = shmget (IPC_PRIVATE, (size_t) t->size, IPC_CREAT | (int) (t->mode & 0777));
      *created = id >= 0;
      return id >= 0 ? id : -errno;
    }
  if ((t->flags & SHMVIEW_BACKEND_REPLACE) && (id = lookup_key (t->key)) >= 0)
    {
      /* A segment cannot be renamed, so the new one can only take the key
       * once the old one has let go of it. What can fail is tried first on
       * a private segment of the same size and mode (a size over shmmax,
       * no room under shmall): then the old one stays as it was. Only a
       * limit reached by another process in between can still fail the
       * shmget() below, after the old segment is gone. */
      if ((err = probe_segment (t)) != 0 || ((err = remove_segment (id)) != 0 && err != ENOENT))
        return -err;
    }

  /* System V modes are not masked by the umask: the mode is exact. */
  id = shmget ((key_t) t->key, (size_t) t->size, IPC_CREAT | IPC_EXCL | (int) (t->mode & 0777));
  if (id >= 0)
    {
      *created = 1;
      return id;
    }
  if (errno != EEXIST || exclusive)
    return -errno;
  return lookup_key (t->key);
}

static int
sysv_open (ShmviewBackend             *b,
           const ShmviewBackendTarget *t)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  struct shmid_ds ds;
  int created = 0;
  void *addr;
  int id, err;

  if (t->by_id && (t->flags & SHMVIEW_BACKEND_CREATE))
    return EINVAL;
  if (t->by_id)
    id = t->id;
  else if (t->flags & SHMVIEW_BACKEND_CREATE)
    id = create_segment (t, &created);
  else if (t->key == IPC_PRIVATE)
    return EINVAL;
  else
    id = lookup_key (t->key);
  if (id < 0)
    return -id;

  if ((err = stat_segment (id, &ds)) != 0)
    goto fail;
  addr = shmat (id, NULL, read_only ? SHM_RDONLY : 0);
  if (addr == (void *) -1)
    {
      err = (errno == EINVAL || errno == EIDRM) ? ENOENT : errno;
      goto fail;
    }

  b->map = addr;
  b->map_size = ds.shm_segsz;
  b->open_size = ds.shm_segsz;
  b->read_only = read_only;
  b->created = created;
  b->id = id;
  /* Remember the key: after IPC_RMID the kernel sets it to IPC_PRIVATE. */
  b->key = (int32_t) ds.shm_perm.__key;
  return 0;

fail:
  if (created)
    shmctl (id, IPC_RMID, NULL);
  return err;
}

static int
sysv_check (ShmviewBackend *b,
            uint64_t       *size,
            int            *removed)
{
  struct shmid_ds ds;
  int err;

  *size = b->map_size; /* segments never change size */
  if ((err = stat_segment (b->id, &ds)) == ENOENT)
    {
      *removed = 1;
      return 0;
    }
  if (err != 0)
    return err;
  *removed = (ds.shm_perm.mode & SHM_DEST) != 0
             || (int32_t) ds.shm_perm.__key != b->key;
  return 0;
}

static int
sysv_remove (ShmviewBackend *b)
{
  struct shmid_ds ds;
  int err;

  if ((err = stat_segment (b->id, &ds)) != 0)
    return err;
  if (ds.shm_perm.mode & SHM_DEST)
    return ENOENT;
  return remove_segment (b->id);
}

static int
sysv_stat (ShmviewBackend     *b,
           ShmviewBackendInfo *info)
{
  struct shmid_ds ds;
  int err;

  if ((err = stat_segment (b->id, &ds)) != 0)
    return err;

  memset (info, 0, sizeof *info);
  info->size = ds.shm_segsz;
  info->uid = ds.shm_perm.uid;
  info->gid = ds.shm_perm.gid;
  info->mode = ds.shm_perm.mode & 0777;
  info->atime = ds.shm_atime;
  info->mtime = ds.shm_dtime;
  info->ctime = ds.shm_ctime;
  info->nattch = (int) ds.shm_nattch;
  info->key = (int32_t) ds.shm_perm.__key;
  info->id = b->id;
  info->cpid = ds.shm_cpid;
  info->lpid = ds.shm_lpid;
  info->removed = (ds.shm_perm.mode & SHM_DEST) != 0;
  return 0;
}

static void
sysv_close (ShmviewBackend *b)
{
  if (b->map != NULL)
    shmdt (b->map);
  b->map = NULL;
  b->map_size = 0;
  b->id = -1;
}

static int
sysv_remove_target (const ShmviewBackendTarget *t)
{
  int id;

  if (t->by_id)
    id = t->id;
  else if (t->key == IPC_PRIVATE)
    return EINVAL;
  else if ((id = lookup_key (t->key)) < 0)
    return -id;
  return remove_segment (id);
}

const ShmviewBackendOps shmview_backend_sysv_ops = {
  .name = "sysv",
  .open = sysv_open,
  .check = sysv_check,
  SHMVIEW_BACKEND_VIEW_OPS,
  .resize = shmview_backend_unsupported_resize,
  .remove = sysv_remove,
  .stat = sysv_stat,
  .close = sysv_close,
  .remove_target = sysv_remove_target,
};
