/* shmview-region-list.c: every POSIX object and System V segment on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POSIX objects are the regular files in /dev/shm (POSIX semaphores live there
 * too, as "sem.NAME"). System V segments come from /proc/sysvipc/shm, whose
 * columns are found by name in its header line:
 *
 *        key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid      atime …
 *      43981          1   640       4096  8980     0      0     0     0     0     0          0 …
 *          0          2  1600        100  8980  8980      1     0     0     0     0 1795668207 …
 *
 * The key is signed decimal, perms is octal and carries SHM_DEST (01000) when
 * the segment is marked for removal but still attached.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-region-list.h"

#define POSIX_DIR   "/dev/shm"
#define SYSVIPC_SHM "/proc/sysvipc/shm"
#define SHM_DEST_BIT 01000

/* Names that well-known libraries give their objects. */
static const struct
{
  const char *prefix;
  const char *label;
} known_prefixes[] = {
  { "sem.", "POSIX semaphore" },            /* sem_open() keeps semaphores in /dev/shm */
  { "psm_", "Python" },                     /* multiprocessing.shared_memory */
  { "qipc_sharedmemory_", "Qt" },           /* QSharedMemory */
  { "pulse-shm-", "PulseAudio" },           /* PulseAudio's memory pools */
  { ".org.chromium.", "Chromium" },         /* Chromium, Chrome and Electron */
  { ".com.google.Chrome.", "Chrome" },
  { "__KMP_REGISTERED_LIB_", "OpenMP" },    /* LLVM/Intel OpenMP runtime registration */
};

/**
 * shmview_region_label_for_name:
 * @name: a POSIX object's name, with or without its leading slash
 *
 * Returns: (nullable): "Python" for psm_*, "Qt" for qipc_sharedmemory_*,
 *   "PulseAudio", "Chromium", "Chrome", "OpenMP", "POSIX semaphore" for
 *   sem.*; %NULL when unknown (untranslated)
 */
const char *
shmview_region_label_for_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (name[0] == '/')
    name++;
  for (gsize i = 0; i < G_N_ELEMENTS (known_prefixes); i++)
    if (g_str_has_prefix (name, known_prefixes[i].prefix))
      return known_prefixes[i].label;
  return NULL;
}

/**
 * shmview_region_entry_free:
 * @entry: (nullable): an entry
 */
void
shmview_region_entry_free (ShmviewRegionEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->spec);
  g_free (entry->name);
  g_free (entry->label);
  g_free (entry);
}

static ShmviewRegionEntry *
entry_new (ShmviewRegionKind kind)
{
  ShmviewRegionEntry *entry = g_new0 (ShmviewRegionEntry, 1);

  entry->info.kind = kind;
  entry->info.atime = entry->info.mtime = entry->info.ctime = -1;
  entry->info.nattch = -1;
  entry->info.id = -1;
  entry->info.cpid = -1;
  entry->info.lpid = -1;
  return entry;
}

/* One object that processes map, known by device and inode: a name in
 * /dev/shm may have been removed and made again, and another mount
 * namespace may have a /dev/shm of its own, but an inode is the object. */
typedef struct
{
  guint64 dev;
  guint64 ino;
  int     processes;
  int     last_pid;   /* a process that maps an object many times counts once */
} Mapped;

static guint
mapped_hash (gconstpointer key)
{
  const Mapped *m = key;

  return (guint) (m->ino ^ (m->ino >> 32) ^ m->dev);
}

static gboolean
mapped_equal (gconstpointer a,
              gconstpointer b)
{
  const Mapped *ma = a, *mb = b;

  return ma->dev == mb->dev && ma->ino == mb->ino;
}

static int
mappers_of (GHashTable        *mappers,
            const struct stat *st)
{
  Mapped key = { .dev = st->st_dev, .ino = st->st_ino };
  Mapped *found = g_hash_table_lookup (mappers, &key);

  return found != NULL ? found->processes : 0;
}

/* Reads all of @path into @buf (reused between calls); FALSE when unreadable. */
static gboolean
read_whole_file (const char *path,
                 GByteArray *buf)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gsize len = 0;

  if (fd < 0)
    return FALSE;
  for (;;)
    {
      ssize_t n;

      if (buf->len - len < 65536)
        g_byte_array_set_size (buf, MAX (buf->len * 2, len + 65536));
      n = read (fd, buf->data + len, buf->len - len - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  buf->data[len] = '\0';
  return TRUE;
}

/* Each line of /proc/PID/maps names what it maps by device and inode:
 *   7f1c2a000000-7f1c2a001000 rw-s 00000000 00:1a 18  /dev/shm/MapTrans
 * Counts @pid once for every object under @prefix that it maps. */
static void
tally_maps (const char *maps,
            const char *prefix,
            GHashTable *mappers,
            int         pid)
{
  const char *p = maps;

  while ((p = strstr (p, prefix)) != NULL)
    {
      const char *line = p;
      unsigned int major, minor;
      guint64 ino;
      Mapped key, *mapped;

      while (line > maps && line[-1] != '\n')
        line--;
      p += strlen (prefix);
      if (sscanf (line, "%*s %*s %*s %x:%x %" G_GUINT64_FORMAT, &major, &minor, &ino) != 3)
        continue;
      key.dev = makedev (major, minor);
      key.ino = ino;
      if ((mapped = g_hash_table_lookup (mappers, &key)) == NULL)
        {
          mapped = g_memdup2 (&key, sizeof key);
          mapped->processes = 0;
          mapped->last_pid = 0;
          g_hash_table_add (mappers, mapped);
        }
      if (mapped->last_pid != pid)
        {
          mapped->processes++;
          mapped->last_pid = pid;
        }
    }
}

/* Which objects under @posix_dir the processes we may inspect map, and how
 * many processes map each. Processes of other users we may not look at are
 * missed, so for their objects this is a lower bound. */
static GHashTable *
find_mappers (const char *posix_dir)
{
  GHashTable *mappers = g_hash_table_new_full (mapped_hash, mapped_equal, g_free, NULL);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autofree char *real_dir = realpath (posix_dir, NULL);
  g_autofree char *prefix = g_strconcat (real_dir != NULL ? real_dir : posix_dir, "/", NULL);
  struct dirent *de;
  DIR *proc;

  if ((proc = opendir ("/proc")) == NULL)
    return mappers;
  while ((de = readdir (proc)) != NULL)
    {
      char path[64];
      int pid = atoi (de->d_name);

      if (pid <= 0)
        continue;
      g_snprintf (path, sizeof path, "/proc/%d/maps", pid);
      if (read_whole_file (path, buf))
        tally_maps ((const char *) buf->data, prefix, mappers, pid);
    }
  closedir (proc);
  return mappers;
}

static ShmviewRegionEntry *
posix_entry_new (const char        *name,
                 const struct stat *st,
                 GHashTable        *mappers)
{
  ShmviewRegionEntry *entry = entry_new (SHMVIEW_REGION_KIND_POSIX);

  entry->spec = g_strconcat ("/", name, NULL);
  entry->name = g_strdup (name);
  entry->label = g_strdup (shmview_region_label_for_name (name));
  entry->info.size = (guint64) st->st_size;
  entry->info.uid = st->st_uid;
  entry->info.gid = st->st_gid;
  entry->info.mode = st->st_mode & 07777;
  entry->info.atime = st->st_atim.tv_sec;
  entry->info.mtime = st->st_mtim.tv_sec;
  entry->info.ctime = st->st_ctim.tv_sec;
  /* Another user's processes, the likely ones to map their own objects,
   * hide their /proc/PID/maps from us: their count would be a guess. */
  if (mappers != NULL && (st->st_uid == geteuid () || geteuid () == 0))
    entry->info.nattch = mappers_of (mappers, st);
  return entry;
}

static int
compare_posix (gconstpointer a,
               gconstpointer b)
{
  const ShmviewRegionEntry *ea = *(ShmviewRegionEntry * const *) a;
  const ShmviewRegionEntry *eb = *(ShmviewRegionEntry * const *) b;

  return strcmp (ea->name, eb->name);
}

static int
compare_sysv (gconstpointer a,
              gconstpointer b)
{
  const ShmviewRegionEntry *ea = *(ShmviewRegionEntry * const *) a;
  const ShmviewRegionEntry *eb = *(ShmviewRegionEntry * const *) b;

  return (ea->info.id > eb->info.id) - (ea->info.id < eb->info.id);
}

/* Regular files only: lstat semantics, so a symlink planted in /dev/shm is
 * not followed, and directories, FIFOs and sockets are left out. With
 * @mappers, each gets its attach count from it. */
static gboolean
list_posix (const char  *dir_path,
            GHashTable  *mappers,
            GPtrArray   *entries,
            GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  struct dirent *de;
  DIR *dir;
  int fd;

  fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    return TRUE;   /* no /dev/shm (some containers): nothing to list */
  if (fd < 0 || (dir = fdopendir (fd)) == NULL)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      shmview_set_error_from_errno (error, errsv, "Could not list POSIX objects in %s", dir_path);
      return FALSE;
    }

  while ((de = readdir (dir)) != NULL)
    {
      struct stat st;

      if (strcmp (de->d_name, ".") == 0 || strcmp (de->d_name, "..") == 0)
        continue;
      if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
        continue;
      /* It may vanish between readdir and fstatat; then it is simply gone. */
      if (fstatat (dirfd (dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode))
        continue;
      g_ptr_array_add (found, posix_entry_new (de->d_name, &st, mappers));
    }
  closedir (dir);

  g_ptr_array_sort (found, compare_posix);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (entries, found->pdata[i]);
  return TRUE;
}

enum
{
  COL_KEY,
  COL_SHMID,
  COL_PERMS,
  COL_SIZE,
  COL_CPID,
  COL_LPID,
  COL_NATTCH,
  COL_UID,
  COL_GID,
  COL_ATIME,
  COL_DTIME,
  COL_CTIME,
  N_COLS
};

static const char *const column_names[N_COLS] = {
  "key", "shmid", "perms", "size", "cpid", "lpid", "nattch", "uid", "gid",
  "atime", "dtime", "ctime",
};

/* The first four are needed to list a segment at all; the rest stay unknown
 * (-1 or 0) when a kernel leaves them out. */
#define N_REQUIRED_COLS (COL_SIZE + 1)

/* Fills @index with each column's position in @header, -1 when absent. */
static gboolean
find_columns (const char  *header,
              const char  *path,
              int          index[N_COLS],
              GError     **error)
{
  g_auto(GStrv) names = g_strsplit_set (header, " \t", -1);
  int position = 0;

  for (int c = 0; c < N_COLS; c++)
    index[c] = -1;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (names[i][0] == '\0')
        continue;
      for (int c = 0; c < N_COLS; c++)
        if (strcmp (names[i], column_names[c]) == 0)
          index[c] = position;
      position++;
    }

  for (int c = 0; c < N_REQUIRED_COLS; c++)
    if (index[c] < 0)
      {
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED,
                     "Could not read %s: its header has no “%s” column",
                     path, column_names[c]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
field_int64 (char       **fields,
             guint        n_fields,
             int          column,
             guint        base,
             gint64       min,
             gint64       max,
             gint64      *out)
{
  if (column < 0 || (guint) column >= n_fields)
    return FALSE;
  return g_ascii_string_to_signed (fields[column], base, min, max, out, NULL);
}

/* One data line; NULL when it does not hold the required columns. */
static ShmviewRegionEntry *
parse_sysv_line (char      *line,
                 const int  index[N_COLS])
{
  g_autofree char **fields = g_new0 (char *, strlen (line) / 2 + 2);
  guint n = 0;
  gint64 key, id, perms, value;
  guint64 size;
  ShmviewRegionEntry *entry;
  char *save = NULL;

  for (char *tok = strtok_r (line, " \t", &save); tok != NULL; tok = strtok_r (NULL, " \t", &save))
    fields[n++] = tok;

  if (!field_int64 (fields, n, index[COL_KEY], 10, G_MININT32, G_MAXUINT32, &key)
      || !field_int64 (fields, n, index[COL_SHMID], 10, 0, G_MAXINT, &id)
      || !field_int64 (fields, n, index[COL_PERMS], 8, 0, 077777, &perms)
      || (guint) index[COL_SIZE] >= n
      || !g_ascii_string_to_unsigned (fields[index[COL_SIZE]], 10, 0, G_MAXUINT64, &size, NULL))
    return NULL;

  entry = entry_new (SHMVIEW_REGION_KIND_SYSV);
  entry->info.key = (gint32) (guint32) key;
  entry->info.id = (gint) id;
  entry->info.mode = (guint32) perms & 0777;
  entry->info.removed = (perms & SHM_DEST_BIT) != 0;
  entry->info.size = size;
  entry->spec = g_strdup_printf ("sysvid:%d", entry->info.id);
  entry->name = entry->info.key == 0 ? g_strdup ("IPC_PRIVATE")
                                     : g_strdup_printf ("0x%08x", (guint32) entry->info.key);

  if (field_int64 (fields, n, index[COL_CPID], 10, 0, G_MAXINT, &value))
    entry->info.cpid = (gint) value;
  if (field_int64 (fields, n, index[COL_LPID], 10, 0, G_MAXINT, &value))
    entry->info.lpid = (gint) value;
  if (field_int64 (fields, n, index[COL_NATTCH], 10, 0, G_MAXINT, &value))
    entry->info.nattch = (gint) value;
  if (field_int64 (fields, n, index[COL_UID], 10, 0, G_MAXUINT32, &value))
    entry->info.uid = (guint32) value;
  if (field_int64 (fields, n, index[COL_GID], 10, 0, G_MAXUINT32, &value))
    entry->info.gid = (guint32) value;
  if (field_int64 (fields, n, index[COL_ATIME], 10, 0, G_MAXINT64, &value))
    entry->info.atime = value;
  if (field_int64 (fields, n, index[COL_DTIME], 10, 0, G_MAXINT64, &value))
    entry->info.mtime = value;
  if (field_int64 (fields, n, index[COL_CTIME], 10, 0, G_MAXINT64, &value))
    entry->info.ctime = value;
  return entry;
}

static gboolean
list_sysv (const char  *path,
           GPtrArray   *entries,
           GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  int index[N_COLS];

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      /* A kernel without System V IPC has no such file: nothing to list. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, SHMVIEW_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
                     ? SHMVIEW_ERROR_PERMISSION : SHMVIEW_ERROR_FAILED,
                   "Could not list System V segments: %s", local_error->message);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || !find_columns (lines[0], path, index, error))
    {
      if (lines[0] == NULL)
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED,
                     "Could not read %s: it is empty, without even a header", path);
      return FALSE;
    }

  for (guint i = 1; lines[i] != NULL; i++)
    {
      ShmviewRegionEntry *entry;

      if (lines[i][0] == '\0')
        continue;
      entry = parse_sysv_line (lines[i], index);
      if (entry != NULL)
        g_ptr_array_add (found, entry);
      else
        g_debug ("%s: skipping line %u, which does not parse", path, i + 1);
    }

  g_ptr_array_sort (found, compare_sysv);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (entries, found->pdata[i]);
  return TRUE;
}

/**
 * shmview_region_list_from:
 * @posix_dir: (nullable): a directory laid out like /dev/shm, or %NULL to skip
 * @sysvipc_path: (nullable): a file in /proc/sysvipc/shm's format, or %NULL to skip
 * @flags: %SHMVIEW_LIST_COUNT_POSIX_ATTACHES to count the processes mapping
 *   each POSIX object
 * @error: return location for a #GError
 *
 * Lists POSIX objects sorted by name, then System V segments sorted by id.
 * A directory or file that does not exist lists nothing.
 *
 * Returns: (transfer full) (element-type ShmviewRegionEntry): the entries,
 *   or %NULL with @error set
 */
GPtrArray *
shmview_region_list_from (const char        *posix_dir,
                          const char        *sysvipc_path,
                          ShmviewListFlags   flags,
                          GError           **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_region_entry_free);
  g_autoptr(GHashTable) mappers = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (posix_dir != NULL && (flags & SHMVIEW_LIST_COUNT_POSIX_ATTACHES) != 0)
    mappers = find_mappers (posix_dir);
  if (posix_dir != NULL && !list_posix (posix_dir, mappers, entries, error))
    return NULL;
  if (sysvipc_path != NULL && !list_sysv (sysvipc_path, entries, error))
    return NULL;
  return g_steal_pointer (&entries);
}

/**
 * shmview_region_list:
 * @flags: %SHMVIEW_LIST_COUNT_POSIX_ATTACHES to count the processes mapping
 *   each POSIX object (reads every /proc/PID/maps we may read)
 * @error: return location for a #GError
 *
 * Lists every POSIX object in /dev/shm and every System V segment in
 * /proc/sysvipc/shm.
 *
 * Returns: (transfer full) (element-type ShmviewRegionEntry): the entries,
 *   POSIX objects sorted by name, then System V segments by id; %NULL only
 *   with @error set
 */
GPtrArray *
shmview_region_list (ShmviewListFlags   flags,
                     GError           **error)
{
  return shmview_region_list_from (POSIX_DIR, SYSVIPC_SHM, flags, error);
}
