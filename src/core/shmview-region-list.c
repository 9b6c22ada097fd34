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
#include "shmview-proc-scan.h"
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
  g_clear_pointer (&entry->attached, g_ptr_array_unref);
  g_clear_object (&entry->scan);
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

/* Attach counts and the attached processes come from one scan of
 * /proc/PID/maps (shmview-proc-scan.c), looked up by device and inode for
 * POSIX objects and by shmid for System V segments: a name in /dev/shm may
 * have been removed and made again, and another mount namespace may have a
 * /dev/shm of its own, but an inode is the object. */
static void
set_attached (ShmviewRegionEntry      *entry,
              ShmviewProcScan         *scan,
              const ShmviewProcObject *object)
{
  entry->scan = g_object_ref (scan);
  entry->attached = object != NULL ? g_ptr_array_ref (object->mappings)
                                   : g_ptr_array_new ();
  entry->attached_incomplete = shmview_proc_scan_get_n_unreadable (scan) > 0;
}

static ShmviewRegionEntry *
posix_entry_new (const char        *name,
                 const struct stat *st,
                 ShmviewProcScan   *scan,
                 uid_t              euid)
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
  if (scan != NULL)
    set_attached (entry, scan, shmview_proc_scan_lookup_inode (scan, st->st_dev, st->st_ino));
  if (scan != NULL && (st->st_uid == euid || euid == 0))
    entry->info.nattch = (gint) entry->attached->len;
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
 * @scan, each gets its attach count and attached processes from it. */
static gboolean
list_posix (const char       *dir_path,
            ShmviewProcScan  *scan,
            GPtrArray   *entries,
            GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  struct dirent *de;
  uid_t euid = geteuid ();   /* once, not a system call per object */
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
      g_ptr_array_add (found, posix_entry_new (de->d_name, &st, scan, euid));
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
list_sysv (const char       *path,
           ShmviewProcScan  *scan,
           GPtrArray        *entries,
           GError          **error)
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
      if (entry != NULL && scan != NULL)
        {
          const ShmviewProcObject *object = shmview_proc_scan_lookup_sysv (scan, entry->info.id);

          set_attached (entry, scan, object);
          entry->x11_client = object != NULL
                              ? shmview_proc_object_get_x11_client (object, entry->info.cpid) : 0;
        }
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

/* "memfd:NAME", the deleted path, or "anonymous shared memory of PID (COMMAND)". */
static char *
process_entry_name (const ShmviewProcObject *object)
{
  const ShmviewProcMapping *oldest = shmview_proc_object_get_oldest (object);

  switch (object->kind)
    {
    case SHMVIEW_PROC_OBJECT_MEMFD:
      return g_strconcat ("memfd:", object->name, NULL);
    case SHMVIEW_PROC_OBJECT_ANONYMOUS:
      return g_strdup_printf ("anonymous shared memory of %d (%s)", oldest->pid, oldest->command);
    default:
      return g_strdup (object->path);
    }
}

static int
compare_process (gconstpointer a,
                 gconstpointer b)
{
  const ShmviewRegionEntry *ea = *(ShmviewRegionEntry * const *) a;
  const ShmviewRegionEntry *eb = *(ShmviewRegionEntry * const *) b;

  if (ea->pid != eb->pid)
    return (ea->pid > eb->pid) - (ea->pid < eb->pid);
  return strcmp (ea->spec, eb->spec);
}

/* Memory no name shows: memfd, deleted and anonymous shared objects, one
 * entry each with every process that maps it, named after the oldest. Its
 * size is the largest extent any process maps (nothing is opened). */
static void
list_process_memory (ShmviewProcScan *scan,
                     GPtrArray       *entries)
{
  GPtrArray *objects = shmview_proc_scan_get_objects (scan);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      const ShmviewProcObject *object = objects->pdata[i];
      const ShmviewProcMapping *oldest;
      ShmviewRegionEntry *entry;

      if (!shmview_proc_object_is_hidden (object) || object->mappings->len == 0)
        continue;
      oldest = shmview_proc_object_get_oldest (object);
      entry = entry_new (SHMVIEW_REGION_KIND_PROCESS);
      entry->spec = shmview_proc_object_dup_spec (object);
      entry->name = process_entry_name (object);
      entry->process_kind = shmview_proc_object_kind_to_string (object->kind);
      entry->pid = oldest->pid;
      entry->info.size = object->size;
      entry->info.uid = oldest->uid;
      entry->info.gid = 0;
      entry->info.mode = 0;
      entry->info.removed = object->kind == SHMVIEW_PROC_OBJECT_DELETED;
      set_attached (entry, scan, object);
      entry->info.nattch = (gint) object->mappings->len;
      g_ptr_array_add (found, entry);
    }
  g_ptr_array_sort (found, compare_process);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (entries, found->pdata[i]);
}

/**
 * shmview_region_list_from:
 * @posix_dir: (nullable): a directory laid out like /dev/shm, or %NULL to skip
 * @sysvipc_path: (nullable): a file in /proc/sysvipc/shm's format, or %NULL to skip
 * @flags: %SHMVIEW_LIST_COUNT_POSIX_ATTACHES to count the processes mapping
 *   each POSIX object and list who is attached to every entry;
 *   %SHMVIEW_LIST_PROCESS_MEMORY to add memfd, deleted and anonymous shared
 *   memory
 * @error: return location for a #GError
 *
 * Lists POSIX objects sorted by name, then System V segments sorted by id,
 * then process memory by pid. A directory or file that does not exist lists
 * nothing. Either flag reads every /proc/PID/maps once (one
 * #ShmviewProcScan for all entries), so the cost is O(objects + processes).
 * Nothing is attached or read: System V details come from @sysvipc_path,
 * POSIX ones from fstatat(), so listing changes no time or pid of a region.
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
  g_autoptr(ShmviewProcScan) scan = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((flags & (SHMVIEW_LIST_COUNT_POSIX_ATTACHES | SHMVIEW_LIST_PROCESS_MEMORY)) != 0)
    scan = shmview_proc_scan_new (NULL, NULL);   /* no /proc: nothing known of attaches */
  if (posix_dir != NULL && !list_posix (posix_dir, scan, entries, error))
    return NULL;
  if (sysvipc_path != NULL && !list_sysv (sysvipc_path, scan, entries, error))
    return NULL;
  if (scan != NULL && (flags & SHMVIEW_LIST_PROCESS_MEMORY) != 0)
    list_process_memory (scan, entries);
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

/**
 * shmview_region_list_index:
 * @entries: (element-type ShmviewRegionEntry): a listing
 *
 * For updating a view in place in O(N): look each new entry up by its spec
 * instead of searching the old listing.
 *
 * Returns: (transfer full) (element-type utf8 ShmviewRegionEntry): spec ->
 *   entry, both borrowed from @entries
 */
GHashTable *
shmview_region_list_index (GPtrArray *entries)
{
  GHashTable *index;

  g_return_val_if_fail (entries != NULL, NULL);

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      ShmviewRegionEntry *entry = entries->pdata[i];

      g_hash_table_insert (index, entry->spec, entry);
    }
  return index;
}

typedef struct
{
  char             *posix_dir;
  char             *sysvipc_path;
  ShmviewListFlags  flags;
} ListArgs;

static void
list_args_free (ListArgs *args)
{
  g_free (args->posix_dir);
  g_free (args->sysvipc_path);
  g_free (args);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListArgs *args = task_data;
  GError *error = NULL;
  GPtrArray *entries = shmview_region_list_from (args->posix_dir, args->sysvipc_path,
                                                 args->flags, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * shmview_region_list_from_async:
 * @posix_dir: (nullable): as for shmview_region_list_from()
 * @sysvipc_path: (nullable): as for shmview_region_list_from()
 * @flags: as for shmview_region_list_from()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's thread-default main context
 * @user_data: for @callback
 *
 * Lists in a worker thread (the /proc scan and every stat off the main loop).
 */
void
shmview_region_list_from_async (const char          *posix_dir,
                                const char          *sysvipc_path,
                                ShmviewListFlags     flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ListArgs *args = g_new0 (ListArgs, 1);

  args->posix_dir = g_strdup (posix_dir);
  args->sysvipc_path = g_strdup (sysvipc_path);
  args->flags = flags;
  g_task_set_source_tag (task, shmview_region_list_from_async);
  g_task_set_task_data (task, args, (GDestroyNotify) list_args_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * shmview_region_list_from_finish:
 * @result: the result handed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ShmviewRegionEntry) (nullable): the entries
 */
GPtrArray *
shmview_region_list_from_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
