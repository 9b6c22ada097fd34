/* shmview-proc-scan.c: who maps what, from one pass over /proc/PID/maps
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cost is one read of each maps file plus, for a process with at least one
 * shared mapping, one read of /proc/PID/stat and one fstatat of /proc/PID:
 * most lines are dropped after looking at one character (the 's' of the
 * permissions), so the scan runs close to what reading the files costs.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "shmview-error.h"
#include "shmview-proc-scan-private.h"

#define DELETED_SUFFIX " (deleted)"
#define MEMFD_PREFIX   "/memfd:"
#define SYSV_PREFIX    "/SYSV"
#define POSIX_PREFIX   "/dev/shm/"

struct _ShmviewProcScan
{
  GObject     parent_instance;

  /* owned */
  GPtrArray  *objects;     /* ShmviewProcObject, in order of first sight */
  GHashTable *by_inode;    /* InodeKey -> ShmviewProcObject (borrowed) */
  GHashTable *by_shmid;    /* GINT_TO_POINTER (shmid) -> ShmviewProcObject (borrowed) */
  guint       n_processes;
  guint       n_unreadable;
};

G_DEFINE_FINAL_TYPE (ShmviewProcScan, shmview_proc_scan, G_TYPE_OBJECT)

typedef struct
{
  guint64 dev;
  guint64 ino;
} InodeKey;

static guint
inode_hash (gconstpointer key)
{
  const InodeKey *k = key;

  return (guint) (k->ino ^ (k->ino >> 32) ^ (k->dev * 2654435761u));
}

static gboolean
inode_equal (gconstpointer a,
             gconstpointer b)
{
  const InodeKey *ka = a, *kb = b;

  return ka->dev == kb->dev && ka->ino == kb->ino;
}

static void
mapping_free (ShmviewProcMapping *mapping)
{
  g_free (mapping->command);
  g_free (mapping->user);
  g_free (mapping);
}

static void
object_free (ShmviewProcObject *object)
{
  g_free (object->path);
  g_free (object->name);
  g_ptr_array_unref (object->mappings);
  g_free (object);
}

static void
shmview_proc_scan_finalize (GObject *object)
{
  ShmviewProcScan *self = SHMVIEW_PROC_SCAN (object);

  g_clear_pointer (&self->by_inode, g_hash_table_unref);
  g_clear_pointer (&self->by_shmid, g_hash_table_unref);
  g_clear_pointer (&self->objects, g_ptr_array_unref);

  G_OBJECT_CLASS (shmview_proc_scan_parent_class)->finalize (object);
}

static void
shmview_proc_scan_class_init (ShmviewProcScanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shmview_proc_scan_finalize;
}

static void
shmview_proc_scan_init (ShmviewProcScan *self)
{
  self->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) object_free);
  self->by_inode = g_hash_table_new_full (inode_hash, inode_equal, g_free, NULL);
  self->by_shmid = g_hash_table_new (NULL, NULL);
}

/* ---- reading /proc ------------------------------------------------------ */

/* Reads all of @fd into @buf (reused between calls); FALSE on error. */
static gboolean
read_fd (int         fd,
         GByteArray *buf,
         gsize      *out_len)
{
  gsize len = 0;

  for (;;)
    {
      ssize_t n;

      if (buf->len - len < 65536)
        g_byte_array_set_size (buf, MAX (buf->len * 2, len + 65536));
      n = read (fd, buf->data + len, buf->len - len - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      len += (gsize) n;
    }
  buf->data[len] = '\0';
  *out_len = len;
  return TRUE;
}

/* 0 or errno. */
static int
read_proc_file (int         dir_fd,
                const char *path,
                GByteArray *buf,
                gsize      *len)
{
  int fd = openat (dir_fd, path, O_RDONLY | O_CLOEXEC);
  int err = 0;

  if (fd < 0)
    return errno;
  if (!read_fd (fd, buf, len))
    err = errno;
  close (fd);
  return err;
}

static gboolean
parse_hex (const char **p,
           guint64     *out)
{
  const char *s = *p;
  guint64 v = 0;

  if (!g_ascii_isxdigit (*s))
    return FALSE;
  for (; g_ascii_isxdigit (*s); s++)
    v = (v << 4) | (guint64) g_ascii_xdigit_value (*s);
  *p = s;
  *out = v;
  return TRUE;
}

static gboolean
parse_dec (const char **p,
           guint64     *out)
{
  const char *s = *p;
  guint64 v = 0;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++)
    v = v * 10 + (guint64) (*s - '0');
  *p = s;
  *out = v;
  return TRUE;
}

static gboolean
skip_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* The fixed fields of one maps line (up to the path, which *@path_start
 * then points at; it ends at the line's end). */
static gboolean
parse_line_fields (const char      *line,
                   ShmviewProcMap  *map,
                   const char     **path_start)
{
  const char *p = line;
  guint64 major, minor;

  if (!parse_hex (&p, &map->start) || !skip_char (&p, '-') || !parse_hex (&p, &map->end)
      || !skip_char (&p, ' '))
    return FALSE;
  for (int i = 0; i < 4; i++)
    if ((map->perms[i] = *p++) == '\0')
      return FALSE;
  map->perms[4] = '\0';
  if (!skip_char (&p, ' ') || !parse_hex (&p, &map->offset) || !skip_char (&p, ' ')
      || !parse_hex (&p, &major) || !skip_char (&p, ':') || !parse_hex (&p, &minor)
      || !skip_char (&p, ' ') || !parse_dec (&p, &map->ino))
    return FALSE;
  map->dev = makedev ((unsigned) major, (unsigned) minor);
  while (*p == ' ')
    p++;
  *path_start = p;
  return TRUE;
}

static ShmviewProcObjectKind
classify (const char *path)
{
  if (g_str_has_prefix (path, SYSV_PREFIX))
    return SHMVIEW_PROC_OBJECT_SYSV;
  if (g_str_has_prefix (path, MEMFD_PREFIX))
    return SHMVIEW_PROC_OBJECT_MEMFD;
  /* MAP_SHARED|MAP_ANONYMOUS is backed by an unnamed shmem file the kernel
   * calls "/dev/zero"; newer kernels may name it "[anon_shmem:NAME]". */
  if (path[0] == '\0' || strcmp (path, "/dev/zero" DELETED_SUFFIX) == 0
      || g_str_has_prefix (path, "[anon_shmem"))
    return SHMVIEW_PROC_OBJECT_ANONYMOUS;
  if (g_str_has_suffix (path, DELETED_SUFFIX))
    return SHMVIEW_PROC_OBJECT_DELETED;
  if (g_str_has_prefix (path, POSIX_PREFIX))
    return SHMVIEW_PROC_OBJECT_POSIX;
  return SHMVIEW_PROC_OBJECT_FILE;
}

/**
 * shmview_proc_object_kind_to_string:
 * @kind: a kind of mapped object
 *
 * Returns: "posix", "file", "sysv", "memfd", "deleted" or "anonymous", as
 *   `shmtool list --json` prints it
 */
const char *
shmview_proc_object_kind_to_string (ShmviewProcObjectKind kind)
{
  switch (kind)
    {
    case SHMVIEW_PROC_OBJECT_POSIX: return "posix";
    case SHMVIEW_PROC_OBJECT_FILE: return "file";
    case SHMVIEW_PROC_OBJECT_SYSV: return "sysv";
    case SHMVIEW_PROC_OBJECT_MEMFD: return "memfd";
    case SHMVIEW_PROC_OBJECT_DELETED: return "deleted";
    case SHMVIEW_PROC_OBJECT_ANONYMOUS: return "anonymous";
    default: g_return_val_if_reached (NULL);
    }
}

/* ---- one process ---------------------------------------------------------- */

typedef struct
{
  int       pid;
  gboolean  loaded;
  guint32   uid;
  char     *command;
  char     *user;
  guint64   start_time;
} ProcInfo;

typedef struct
{
  ShmviewProcScan *scan;
  GByteArray      *buf;
  GByteArray      *stat_buf;
  GHashTable      *users;       /* uid -> name */
  int              proc_fd;
  int              self_pid;
} ScanState;

static const char * const x_servers[] = {
  "Xorg", "X", "Xvfb", "Xwayland", "Xephyr", "Xvnc", "Xnest", "Xtigervnc", "Xdummy",
};

static gboolean
is_x_server (const char *command)
{
  for (gsize i = 0; i < G_N_ELEMENTS (x_servers); i++)
    if (strcmp (command, x_servers[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
user_name (ScanState *s,
           guint32    uid)
{
  char *name = g_hash_table_lookup (s->users, GUINT_TO_POINTER (uid));
  struct passwd pw, *result = NULL;
  char buf[1024];

  if (name != NULL)
    return name;
  if (getpwuid_r (uid, &pw, buf, sizeof buf, &result) == 0 && result != NULL)
    name = g_strdup (pw.pw_name);
  else
    name = g_strdup_printf ("%u", uid);
  g_hash_table_insert (s->users, GUINT_TO_POINTER (uid), name);
  return name;
}

/* comm and start time from /proc/PID/stat ("PID (comm) S PPID …", the
 * start time is field 22), the owner from /proc/PID itself. */
static void
load_proc_info (ScanState *s,
                ProcInfo  *info)
{
  char path[32];
  struct stat st;
  gsize len = 0;

  info->loaded = TRUE;
  g_snprintf (path, sizeof path, "%d", info->pid);
  if (fstatat (s->proc_fd, path, &st, 0) == 0)
    info->uid = st.st_uid;
  info->user = g_strdup (user_name (s, info->uid));

  g_snprintf (path, sizeof path, "%d/stat", info->pid);
  if (read_proc_file (s->proc_fd, path, s->stat_buf, &len) == 0)
    {
      char *text = (char *) s->stat_buf->data;
      char *open = strchr (text, '(');
      char *close = strrchr (text, ')');

      if (open != NULL && close != NULL && close > open)
        {
          g_auto(GStrv) fields = NULL;

          info->command = g_strndup (open + 1, close - open - 1);
          fields = g_strsplit (close + 2, " ", 21);
          if (g_strv_length (fields) > 19)
            info->start_time = g_ascii_strtoull (fields[19], NULL, 10);
        }
    }
  if (info->command == NULL)
    info->command = g_strdup ("?");
}

static ShmviewProcObject *
object_for (ScanState            *s,
            const ShmviewProcMap *map,
            const char           *path,
            gsize                 path_len)
{
  InodeKey key = { map->dev, map->ino };
  ShmviewProcObject *object = g_hash_table_lookup (s->scan->by_inode, &key);
  g_autofree char *full = NULL;

  if (object != NULL)
    return object;

  full = g_strndup (path, path_len);
  object = g_new0 (ShmviewProcObject, 1);
  object->kind = classify (full);
  object->dev = map->dev;
  object->ino = map->ino;
  object->shmid = -1;
  if (g_str_has_suffix (full, DELETED_SUFFIX))
    full[strlen (full) - strlen (DELETED_SUFFIX)] = '\0';
  object->path = g_steal_pointer (&full);
  object->mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_free);

  switch (object->kind)
    {
    case SHMVIEW_PROC_OBJECT_SYSV:
      object->shmid = (gint) map->ino;
      object->key = (gint32) (guint32) g_ascii_strtoull (object->path + strlen (SYSV_PREFIX),
                                                         NULL, 16);
      object->name = g_strdup_printf ("0x%08x", (guint32) object->key);
      g_hash_table_insert (s->scan->by_shmid, GINT_TO_POINTER (object->shmid), object);
      break;
    case SHMVIEW_PROC_OBJECT_MEMFD:
      object->name = g_strdup (object->path + strlen (MEMFD_PREFIX));
      break;
    default:
      object->name = g_strdup (object->path);
    }
  g_ptr_array_add (s->scan->objects, object);
  g_hash_table_insert (s->scan->by_inode, g_memdup2 (&key, sizeof key), object);
  return object;
}

static void
add_mapping (ScanState            *s,
             ProcInfo             *info,
             ShmviewProcObject    *object,
             const ShmviewProcMap *map)
{
  ShmviewProcMapping *m = NULL;
  gboolean rw_shared = map->perms[0] == 'r' && map->perms[1] == 'w' && map->perms[3] == 's';

  if (object->mappings->len > 0)
    {
      ShmviewProcMapping *last = object->mappings->pdata[object->mappings->len - 1];

      if (last->pid == info->pid)
        m = last;
    }
  if (m == NULL)
    {
      if (!info->loaded)
        load_proc_info (s, info);
      m = g_new0 (ShmviewProcMapping, 1);
      m->pid = info->pid;
      m->uid = info->uid;
      m->command = g_strdup (info->command);
      m->user = g_strdup (info->user);
      m->start_time = info->start_time;
      m->start = map->start;
      m->end = map->end;
      m->offset = map->offset;
      m->all_rw_shared = TRUE;
      m->is_self = info->pid == s->self_pid;
      m->is_x_server = is_x_server (info->command);
      g_ptr_array_add (object->mappings, m);
    }
  m->writable |= map->perms[1] == 'w';
  m->all_rw_shared &= rw_shared;
  object->size = MAX (object->size, map->offset + (map->end - map->start));
}

/* Every shared mapping of an object with an inode in @maps. */
static void
scan_maps (ScanState  *s,
           int         pid,
           const char *maps)
{
  ProcInfo info = { .pid = pid };
  const char *line = maps;

  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *next = eol != NULL ? eol + 1 : line + strlen (line);
      const char *space = memchr (line, ' ', (eol != NULL ? eol : next) - line);
      ShmviewProcMap map = { 0, };
      const char *path;

      /* Most lines are private: look at the 's' of "rw-s" first. */
      if (space != NULL && space + 4 < next && space[4] == 's'
          && parse_line_fields (line, &map, &path) && map.ino != 0)
        add_mapping (s, &info, object_for (s, &map, path, (eol != NULL ? eol : next) - path), &map);
      line = next;
    }
  g_free (info.command);
  g_free (info.user);
}

static int
compare_age (gconstpointer a,
             gconstpointer b)
{
  const ShmviewProcMapping *ma = *(ShmviewProcMapping * const *) a;
  const ShmviewProcMapping *mb = *(ShmviewProcMapping * const *) b;

  if (ma->start_time != mb->start_time)
    return ma->start_time < mb->start_time ? -1 : 1;
  return (ma->pid > mb->pid) - (ma->pid < mb->pid);
}

static gboolean
scan_all (ShmviewProcScan  *self,
          GCancellable     *cancellable,
          GError          **error)
{
  ScanState s = { .scan = self, .self_pid = getpid () };
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GByteArray) stat_buf = g_byte_array_new ();
  g_autoptr(GHashTable) users = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  struct dirent *de;
  DIR *proc;

  s.buf = buf;
  s.stat_buf = stat_buf;
  s.users = users;
  if ((proc = opendir ("/proc")) == NULL)
    {
      shmview_set_error_from_errno (error, errno, "Could not list processes in /proc");
      return FALSE;
    }
  s.proc_fd = dirfd (proc);
  while ((de = readdir (proc)) != NULL)
    {
      char path[32];
      gsize len = 0;
      int pid, err;

      if (!g_ascii_isdigit (de->d_name[0]) || (pid = atoi (de->d_name)) <= 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          closedir (proc);
          return FALSE;
        }
      g_snprintf (path, sizeof path, "%d/maps", pid);
      err = read_proc_file (s.proc_fd, path, buf, &len);
      if (err == ENOENT || err == ESRCH)
        continue;   /* ended meanwhile */
      if (err != 0)
        {
          self->n_unreadable++;
          continue;
        }
      self->n_processes++;
      scan_maps (&s, pid, (const char *) buf->data);
    }
  closedir (proc);

  for (guint i = 0; i < self->objects->len; i++)
    g_ptr_array_sort (((ShmviewProcObject *) self->objects->pdata[i])->mappings, compare_age);
  return TRUE;
}

/**
 * shmview_proc_scan_new:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every /proc/PID/maps this process may read, once. Blocks for a few
 * to a few tens of milliseconds: call it from a worker thread (or use
 * shmview_proc_scan_new_async()) in a GUI.
 *
 * Returns: (transfer full) (nullable): the scan, or %NULL when /proc cannot
 *   be listed or @cancellable was cancelled
 */
ShmviewProcScan *
shmview_proc_scan_new (GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(ShmviewProcScan) self = g_object_new (SHMVIEW_TYPE_PROC_SCAN, NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!scan_all (self, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ShmviewProcScan *scan = shmview_proc_scan_new (cancellable, &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, g_object_unref);
}

/**
 * shmview_proc_scan_new_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Scans in a worker thread; the worker touches nothing but /proc and the
 * new scan, which it hands back through @callback.
 */
void
shmview_proc_scan_new_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, shmview_proc_scan_new_async);
  g_task_run_in_thread (task, scan_thread);
}

/**
 * shmview_proc_scan_new_finish:
 * @result: the result handed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the scan
 */
ShmviewProcScan *
shmview_proc_scan_new_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * shmview_proc_scan_get_n_processes:
 *
 * Returns: how many processes' maps were read
 */
guint
shmview_proc_scan_get_n_processes (ShmviewProcScan *self)
{
  g_return_val_if_fail (SHMVIEW_IS_PROC_SCAN (self), 0);

  return self->n_processes;
}

/**
 * shmview_proc_scan_get_n_unreadable:
 *
 * Processes whose maps this user may not read (another user's, without
 * CAP_SYS_PTRACE): any of them may map any object, so when this is not 0 a
 * count of mapping processes is a lower bound ("N visible, more may be
 * attached").
 *
 * Returns: how many processes' maps could not be read
 */
guint
shmview_proc_scan_get_n_unreadable (ShmviewProcScan *self)
{
  g_return_val_if_fail (SHMVIEW_IS_PROC_SCAN (self), 0);

  return self->n_unreadable;
}

/**
 * shmview_proc_scan_get_objects:
 *
 * Returns: (transfer none) (element-type ShmviewProcObject): every object
 *   some process maps shared
 */
GPtrArray *
shmview_proc_scan_get_objects (ShmviewProcScan *self)
{
  g_return_val_if_fail (SHMVIEW_IS_PROC_SCAN (self), NULL);

  return self->objects;
}

/**
 * shmview_proc_scan_lookup_inode:
 * @dev: st_dev of the object (as stat() gives it)
 * @ino: st_ino
 *
 * Returns: (transfer none) (nullable): the object, or %NULL when no process
 *   we can see maps it shared
 */
const ShmviewProcObject *
shmview_proc_scan_lookup_inode (ShmviewProcScan *self,
                                guint64          dev,
                                guint64          ino)
{
  InodeKey key = { dev, ino };

  g_return_val_if_fail (SHMVIEW_IS_PROC_SCAN (self), NULL);

  return g_hash_table_lookup (self->by_inode, &key);
}

/**
 * shmview_proc_scan_lookup_sysv:
 * @shmid: a System V shmid
 *
 * Returns: (transfer none) (nullable): the segment as mapped, or %NULL
 *   when no process we can see has it attached
 */
const ShmviewProcObject *
shmview_proc_scan_lookup_sysv (ShmviewProcScan *self,
                               gint             shmid)
{
  g_return_val_if_fail (SHMVIEW_IS_PROC_SCAN (self), NULL);

  return g_hash_table_lookup (self->by_shmid, GINT_TO_POINTER (shmid));
}

/**
 * shmview_proc_object_is_hidden:
 * @object: a mapped object
 *
 * Returns: %TRUE for memory no name in /dev/shm or /proc/sysvipc shows:
 *   memfd, deleted and anonymous shared objects
 */
gboolean
shmview_proc_object_is_hidden (const ShmviewProcObject *object)
{
  g_return_val_if_fail (object != NULL, FALSE);

  return object->kind == SHMVIEW_PROC_OBJECT_MEMFD || object->kind == SHMVIEW_PROC_OBJECT_DELETED
         || object->kind == SHMVIEW_PROC_OBJECT_ANONYMOUS;
}

/**
 * shmview_proc_object_get_oldest:
 * @object: a mapped object
 *
 * Returns: (transfer none): the process that has mapped it longest (for
 *   anonymous memory of a preforking server: the parent)
 */
const ShmviewProcMapping *
shmview_proc_object_get_oldest (const ShmviewProcObject *object)
{
  g_return_val_if_fail (object != NULL && object->mappings->len > 0, NULL);

  return object->mappings->pdata[0];
}

/**
 * shmview_proc_object_dup_spec:
 * @object: a mapped object
 *
 * Returns: (transfer full): "pid:PID@0xSTART" for the oldest mapping
 *   process, which opens @object
 */
char *
shmview_proc_object_dup_spec (const ShmviewProcObject *object)
{
  const ShmviewProcMapping *m = shmview_proc_object_get_oldest (object);

  g_return_val_if_fail (m != NULL, NULL);

  return g_strdup_printf ("pid:%d@0x%" G_GINT64_MODIFIER "x", m->pid, m->start);
}

/**
 * shmview_proc_object_get_x11_client:
 * @object: a System V segment as mapped
 * @cpid: its creator's pid (from /proc/sysvipc/shm or IPC_STAT)
 *
 * With MIT-SHM, a client creates a segment and the X server attaches it
 * too: such a segment is an image the client shares with the X server.
 *
 * Returns: @cpid when an X server maps @object and is not its creator, else 0
 */
gint
shmview_proc_object_get_x11_client (const ShmviewProcObject *object,
                                    gint                     cpid)
{
  g_return_val_if_fail (object != NULL, 0);

  if (cpid <= 0)
    return 0;
  for (guint i = 0; i < object->mappings->len; i++)
    {
      const ShmviewProcMapping *m = object->mappings->pdata[i];

      if (m->is_x_server && m->pid != cpid)
        return cpid;
    }
  return 0;
}

/* ---- opening one mapping ---------------------------------------------------- */

void
_shmview_proc_map_clear (ShmviewProcMap *map)
{
  g_clear_pointer (&map->path, g_free);
}

/* @line parsed whole into @map (path included). */
static gboolean
parse_line (const char     *line,
            const char     *eol,
            ShmviewProcMap *map)
{
  const char *path;

  if (!parse_line_fields (line, map, &path) || path > eol)
    return FALSE;
  map->path = g_strndup (path, eol - path);
  map->kind = classify (map->path);
  return TRUE;
}

static gboolean
read_maps (gint         pid,
           GByteArray  *buf,
           GError     **error)
{
  gsize len;
  int err = 0;
  char path[32];

  g_snprintf (path, sizeof path, "/proc/%d/maps", pid);
  if ((err = read_proc_file (AT_FDCWD, path, buf, &len)) == 0)
    return TRUE;
  if (err == ENOENT || err == ESRCH)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND, "No process %d", pid);
  else if (err == EACCES || err == EPERM)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                 "May not inspect process %d (%s): it belongs to another user; "
                 "run as that user or as root", pid, g_strerror (err));
  else
    shmview_set_error_from_errno (error, err, "Could not read %s", path);
  return FALSE;
}

gboolean
_shmview_proc_resolve (gint             pid,
                       guint64          address,
                       ShmviewProcMap  *map,
                       GError         **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  const char *line;

  if (!read_maps (pid, buf, error))
    return FALSE;
  for (line = (const char *) buf->data; *line != '\0';)
    {
      const char *eol = strchr (line, '\n');
      ShmviewProcMap found = { 0, };

      if (eol == NULL)
        eol = line + strlen (line);
      if (parse_line (line, eol, &found) && found.start <= address && address < found.end)
        {
          if (found.ino == 0)
            {
              g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                           "Process %d maps private memory at 0x%" G_GINT64_MODIFIER "x (%s), "
                           "which no other process can share: there is no object to open",
                           pid, address, found.path[0] != '\0' ? found.path : "anonymous");
              _shmview_proc_map_clear (&found);
              return FALSE;
            }
          *map = found;
          return TRUE;
        }
      _shmview_proc_map_clear (&found);
      line = *eol == '\n' ? eol + 1 : eol;
    }
  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
               "Process %d maps nothing at 0x%" G_GINT64_MODIFIER "x", pid, address);
  return FALSE;
}

static gboolean
is_shared_memory (ShmviewProcObjectKind kind)
{
  return kind == SHMVIEW_PROC_OBJECT_MEMFD || kind == SHMVIEW_PROC_OBJECT_ANONYMOUS
         || kind == SHMVIEW_PROC_OBJECT_SYSV || kind == SHMVIEW_PROC_OBJECT_POSIX
         || kind == SHMVIEW_PROC_OBJECT_DELETED;
}

/* The first mapping of @dev:@ino in any process we can see that is not
 * rw-s (private, or read-only); FALSE when there is none. */
static gboolean
find_not_rw_shared (guint64  dev,
                    guint64  ino,
                    int     *pid_out,
                    char     perms_out[5])
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  struct dirent *de;
  DIR *proc;
  gboolean found = FALSE;

  if ((proc = opendir ("/proc")) == NULL)
    return FALSE;
  while (!found && (de = readdir (proc)) != NULL)
    {
      char path[32];
      const char *line;
      gsize len;
      int pid;

      if (!g_ascii_isdigit (de->d_name[0]) || (pid = atoi (de->d_name)) <= 0)
        continue;
      g_snprintf (path, sizeof path, "%d/maps", pid);
      if (read_proc_file (dirfd (proc), path, buf, &len) != 0)
        continue;
      for (line = (const char *) buf->data; !found && *line != '\0';)
        {
          const char *eol = strchr (line, '\n');
          ShmviewProcMap map = { 0, };
          const char *rest;

          if (parse_line_fields (line, &map, &rest) && map.dev == dev && map.ino == ino
              && strcmp (map.perms, "rw-s") != 0)
            found = TRUE;
          if (found)
            {
              *pid_out = pid;
              memcpy (perms_out, map.perms, 5);
            }
          line = eol != NULL ? eol + 1 : line + strlen (line);
        }
    }
  closedir (proc);
  return found;
}

gboolean
_shmview_proc_may_write (const ShmviewProcMap  *map,
                         char                 **reason)
{
  char perms[5] = "";
  int pid = 0;

  if (!is_shared_memory (map->kind))
    {
      *reason = g_strdup_printf ("“%s” is a file, not shared memory: only memfd, /dev/shm, "
                                 "System V, deleted and anonymous shared memory may be written "
                                 "through a process", map->path);
      return FALSE;
    }
  if (strcmp (map->perms, "rw-s") != 0)
    {
      *reason = g_strdup_printf ("the process maps it %s, not rw-s (read-write shared)",
                                 map->perms);
      return FALSE;
    }
  if (find_not_rw_shared (map->dev, map->ino, &pid, perms))
    {
      *reason = g_strdup_printf ("process %d maps it %s, not rw-s (read-write shared)", pid, perms);
      return FALSE;
    }
  return TRUE;
}
