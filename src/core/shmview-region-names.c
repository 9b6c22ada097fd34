/* shmview-region-names.c: the spec of every region on the machine, cheaply
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shell completion asks for these on every Tab, so nothing here looks at an
 * object itself: one readdir of /dev/shm (its d_type says "regular file"
 * without a stat) and one read of /proc/sysvipc/shm, whose first two columns
 * are always the key and the shmid. shmview_region_list() gives the details.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-region-names.h"

#define POSIX_DIR   "/dev/shm"
#define SYSVIPC_SHM "/proc/sysvipc/shm"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* tmpfs always fills in d_type; other file systems may say DT_UNKNOWN, and
 * only then does an object cost a stat. */
static gboolean
is_regular (DIR           *dir,
            struct dirent *de)
{
  struct stat st;

  if (de->d_type != DT_UNKNOWN)
    return de->d_type == DT_REG;
  return fstatat (dirfd (dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode);
}

static gboolean
add_posix_names (GPtrArray   *names,
                 const char  *dir_path,
                 GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  DIR *dir = opendir (dir_path);
  int errsv = errno;
  struct dirent *de;

  if (dir == NULL && errsv == ENOENT)
    return TRUE;   /* no /dev/shm (some containers): nothing to name */
  if (dir == NULL)
    {
      shmview_set_error_from_errno (error, errsv, "Could not list POSIX objects in %s", dir_path);
      return FALSE;
    }
  while ((de = readdir (dir)) != NULL)
    if (de->d_name[0] != '.' || (strcmp (de->d_name, ".") != 0 && strcmp (de->d_name, "..") != 0))
      if (is_regular (dir, de))
        g_ptr_array_add (found, g_strconcat ("/", de->d_name, NULL));
  closedir (dir);

  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (names, found->pdata[i]);
  return TRUE;
}

/* "sysv:0x0000abcd" (unless the key is 0, IPC_PRIVATE, which names no
 * segment) and "sysvid:ID" for each line after the header. */
static void
add_sysv_names (GPtrArray  *names,
                const char *sysvipc_path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  /* No /proc/sysvipc (no System V IPC in this kernel): nothing to name. */
  if (!g_file_get_contents (sysvipc_path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    {
      gint64 key;
      guint64 id;
      char *end;

      key = g_ascii_strtoll (lines[i], &end, 10);
      if (end == lines[i])
        continue;
      id = g_ascii_strtoull (end, &end, 10);
      if (key != 0)
        g_ptr_array_add (names, g_strdup_printf ("sysv:0x%08x", (guint32) key));
      g_ptr_array_add (names, g_strdup_printf ("sysvid:%" G_GUINT64_FORMAT, id));
    }
}

/**
 * shmview_region_names_from:
 * @posix_dir: a directory laid out like /dev/shm
 * @sysvipc_path: a file in /proc/sysvipc/shm's format
 * @error: return location for a #GError
 *
 * The specs of the regular files in @posix_dir ("/NAME", sorted) and of the
 * segments in @sysvipc_path ("sysv:0xKEY" unless the key is 0, and
 * "sysvid:ID"), as shmview_region_list() would give them, without looking
 * at any of them.
 *
 * Returns: (transfer full) (element-type filename): the specs, or %NULL when
 *   @posix_dir exists but cannot be read
 */
GPtrArray *
shmview_region_names_from (const char  *posix_dir,
                           const char  *sysvipc_path,
                           GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (posix_dir != NULL, NULL);
  g_return_val_if_fail (sysvipc_path != NULL, NULL);

  if (!add_posix_names (names, posix_dir, error))
    return NULL;
  add_sysv_names (names, sysvipc_path);
  return g_steal_pointer (&names);
}

/**
 * shmview_region_names:
 * @error: return location for a #GError
 *
 * shmview_region_names_from() on /dev/shm and /proc/sysvipc/shm.
 *
 * Returns: (transfer full) (element-type filename): the specs
 */
GPtrArray *
shmview_region_names (GError **error)
{
  return shmview_region_names_from (POSIX_DIR, SYSVIPC_SHM, error);
}
