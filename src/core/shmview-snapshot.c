/* shmview-snapshot.c: a region's bytes at one moment, to compare with later
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-snapshot.h"

#define CHUNK (256 * 1024)
#define MERGE_GAP 8

struct _ShmviewSnapshot
{
  GObject parent_instance;

  guint64  size;
  gint64   time;
  GBytes  *bytes;   /* in memory, or NULL */
  char    *path;    /* in a file, or NULL */
  int      fd;
};

G_DEFINE_FINAL_TYPE (ShmviewSnapshot, shmview_snapshot, G_TYPE_OBJECT)

static void
shmview_snapshot_finalize (GObject *object)
{
  ShmviewSnapshot *self = SHMVIEW_SNAPSHOT (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  if (self->fd >= 0)
    close (self->fd);
  if (self->path != NULL)
    g_unlink (self->path);
  g_free (self->path);

  G_OBJECT_CLASS (shmview_snapshot_parent_class)->finalize (object);
}

static void
shmview_snapshot_class_init (ShmviewSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shmview_snapshot_finalize;
}

static void
shmview_snapshot_init (ShmviewSnapshot *self)
{
  self->fd = -1;
}

static gboolean
take_into_file (ShmviewSnapshot  *self,
                ShmviewRegion    *region,
                const char       *dir,
                GError          **error)
{
  int errsv;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not make the snapshot directory “%s”: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  self->path = g_build_filename (dir, "snapshot-XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->path, O_RDWR, 0600);
  if (self->fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not make a snapshot file in “%s”: %s", dir, g_strerror (errsv));
      g_clear_pointer (&self->path, g_free);
      return FALSE;
    }
  return shmview_region_copy_to_fd (region, 0, self->size, self->fd, error);
}

/**
 * shmview_snapshot_take:
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 */
ShmviewSnapshot *
shmview_snapshot_take (ShmviewRegion  *region,
                       const char     *dir,
                       GError        **error)
{
  g_autoptr(ShmviewSnapshot) self = NULL;

  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (SHMVIEW_TYPE_SNAPSHOT, NULL);
  self->size = shmview_region_get_size (region);
  self->time = g_get_real_time ();
  if (self->size <= SHMVIEW_SNAPSHOT_MEMORY_MAX)
    {
      self->bytes = shmview_region_read_bytes (region, 0, self->size, error);
      if (self->bytes == NULL)
        return NULL;
    }
  else if (!take_into_file (self, region, dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint64
shmview_snapshot_get_size (ShmviewSnapshot *self)
{
  g_return_val_if_fail (SHMVIEW_IS_SNAPSHOT (self), 0);

  return self->size;
}

const char *
shmview_snapshot_get_path (ShmviewSnapshot *self)
{
  g_return_val_if_fail (SHMVIEW_IS_SNAPSHOT (self), NULL);

  return self->path;
}

gint64
shmview_snapshot_get_time (ShmviewSnapshot *self)
{
  g_return_val_if_fail (SHMVIEW_IS_SNAPSHOT (self), 0);

  return self->time;
}

static gboolean
read_snapshot (ShmviewSnapshot  *self,
               guint64           offset,
               guint8           *buffer,
               gsize             length,
               GError          **error)
{
  gsize done = 0;

  if (self->bytes != NULL)
    {
      memcpy (buffer, (const guint8 *) g_bytes_get_data (self->bytes, NULL) + offset, length);
      return TRUE;
    }
  while (done < length)
    {
      gssize n = pread (self->fd, buffer + done, length - done, (off_t) (offset + done));

      if (n <= 0)
        {
          int errsv = n < 0 ? errno : EIO;

          if (n < 0 && errsv == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "Could not read the snapshot “%s”: %s", self->path, g_strerror (errsv));
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

static void
add_range (GPtrArray    *changes,
           guint         max_ranges,
           guint64       offset,
           guint64       length,
           const guint8 *old,
           const guint8 *new,
           gsize         available)
{
  ShmviewWatcherChange *change;
  gsize n = MIN (MIN (available, length), SHMVIEW_WATCHER_PREVIEW);

  if (changes->len > 0)
    {
      ShmviewWatcherChange *last = g_ptr_array_index (changes, changes->len - 1);

      if (changes->len >= max_ranges || offset <= last->offset + last->length + MERGE_GAP)
        {
          last->length = offset + length - last->offset;
          return;
        }
    }
  change = g_new0 (ShmviewWatcherChange, 1);
  change->offset = offset;
  change->length = length;
  change->time = g_get_real_time ();
  change->origin = SHMVIEW_CHANGE_ORIGIN_FOREIGN;
  change->old_bytes = old != NULL ? g_bytes_new (old, n) : NULL;
  change->new_bytes = new != NULL ? g_bytes_new (new, n) : NULL;
  g_ptr_array_add (changes, change);
}

static void
diff_chunk (GPtrArray    *changes,
            guint         max_ranges,
            guint64       base,
            const guint8 *old,
            const guint8 *new,
            gsize         length)
{
  gsize i = 0;

  if (memcmp (old, new, length) == 0)
    return;
  while (i < length)
    {
      gsize end;

      if (old[i] == new[i])
        {
          i++;
          continue;
        }
      for (end = i + 1; end < length && old[end] != new[end]; end++)
        ;
      add_range (changes, max_ranges, base + i, end - i, old + i, new + i, length - i);
      i = end;
    }
}

/**
 * shmview_snapshot_compare:
 *
 * Returns: (transfer full) (element-type ShmviewWatcherChange) (nullable):
 *   the differing ranges, sorted, or %NULL with @error set
 */
GPtrArray *
shmview_snapshot_compare (ShmviewSnapshot  *self,
                          ShmviewRegion    *region,
                          guint             max_ranges,
                          GError          **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree guint8 *old = NULL;
  g_autofree guint8 *now = NULL;
  guint64 size, common;

  g_return_val_if_fail (SHMVIEW_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);
  g_return_val_if_fail (max_ranges > 0, NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_watcher_change_free);
  old = g_malloc (CHUNK);
  now = g_malloc (CHUNK);
  size = shmview_region_get_size (region);
  common = MIN (size, self->size);
  for (guint64 offset = 0; offset < common; offset += CHUNK)
    {
      gsize n = (gsize) MIN ((guint64) CHUNK, common - offset);

      if (!read_snapshot (self, offset, old, n, error)
          || !shmview_region_read (region, offset, now, n, error))
        return NULL;
      diff_chunk (changes, max_ranges, offset, old, now, n);
    }
  if (size != self->size)
    add_range (changes, max_ranges, common, MAX (size, self->size) - common, NULL, NULL, 0);
  return g_steal_pointer (&changes);
}
