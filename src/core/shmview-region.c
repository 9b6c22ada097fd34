/* shmview-region.c: an opened shared-memory region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GLib face of the backends (shmview-backend-*.c): it picks the backend
 * for the spec's kind, checks every range before the backend sees it, keeps
 * the size as of the last update, and turns errno values into GErrors that
 * say what happened in plain words. Messages never repeat the spec: the CLI
 * prints "shmtool: SPEC: message" and the app shows the name itself.
 *
 * Locking: reads and writes hold the lock shared; anything that changes the
 * size they are checked against (update, resize) holds it exclusively, so a
 * monitor thread can read while the main thread updates.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "shmview-backend.h"
#include "shmview-error.h"
#include "shmview-guard.h"
#include "shmview-parse-private.h"
#include "shmview-proc-scan-private.h"
#include "shmview-region.h"

struct _ShmviewRegion
{
  GObject         parent_instance;

  /* owned */
  ShmviewSpec    *spec;
  ShmviewBackend  backend;   /* backend.ops is NULL until opened */
  GRWLock         lock;

  guint64         size;      /* as of the last open/update/resize */
  char           *read_only_reason;  /* why a process mapping opened read-only */
  guint           read_only : 1;
  guint           removed : 1;
  guint           removal_reported : 1;
};

G_DEFINE_FINAL_TYPE (ShmviewRegion, shmview_region, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SIZE,
  PROP_READ_ONLY,
  PROP_REMOVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shmview_region_finalize (GObject *object)
{
  ShmviewRegion *self = SHMVIEW_REGION (object);

  if (self->backend.ops != NULL)
    self->backend.ops->close (&self->backend);
  g_clear_pointer (&self->spec, shmview_spec_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (shmview_region_parent_class)->finalize (object);
}

static void
shmview_region_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShmviewRegion *self = SHMVIEW_REGION (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_uint64 (value, shmview_region_get_size (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_REMOVED:
      g_value_set_boolean (value, self->removed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_region_class_init (ShmviewRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shmview_region_finalize;
  object_class->get_property = shmview_region_get_property;

  /**
   * ShmviewRegion:size:
   * The size in bytes as of the last open, update or resize.
   */
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * ShmviewRegion:read-only:
   * Whether the region was attached read-only (writes are refused).
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * ShmviewRegion:removed:
   * Whether the region's name was removed (it stays attached and usable).
   */
  properties[PROP_REMOVED] =
    g_param_spec_boolean ("removed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shmview_region_init (ShmviewRegion *self)
{
  g_rw_lock_init (&self->lock);
  shmview_backend_init (&self->backend);
}

/* ---- errors ---------------------------------------------------------- */

static const ShmviewBackendOps *
ops_for_kind (ShmviewRegionKind kind)
{
  switch (kind)
    {
    case SHMVIEW_REGION_KIND_POSIX:
      return &shmview_backend_posix_ops;
    case SHMVIEW_REGION_KIND_SYSV:
      return &shmview_backend_sysv_ops;
    case SHMVIEW_REGION_KIND_FILE:
      return &shmview_backend_file_ops;
    case SHMVIEW_REGION_KIND_PROCESS:
      return &shmview_backend_proc_ops;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Errors about the name or path that open and remove share. Returns FALSE
 * when @err is not one of them. */
static gboolean
set_name_error (GError            **error,
                const ShmviewSpec  *spec,
                int                 err,
                const char         *symlink_action)
{
  gboolean is_file = spec->kind == SHMVIEW_REGION_KIND_FILE;
  g_autofree char *name = spec->name != NULL ? _shmview_quote_for_message (spec->name) : NULL;

  switch (err)
    {
    case ENOENT:
    case EIDRM:
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                           is_file ? "No such file" : "No such shared memory region");
      return TRUE;
    case EEXIST:
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS,
                           is_file ? "A file with this name already exists"
                           : spec->kind == SHMVIEW_REGION_KIND_SYSV
                           ? "A segment with this key already exists"
                           : "A region with this name already exists");
      return TRUE;
    case ELOOP:
      if (!is_file)
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK,
                     "“%s” in /dev/shm is a symbolic link, and POSIX names are never "
                     "followed", name + 1);
      else
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK,
                     "“%s” is a symbolic link, which is not %s", name, symlink_action);
      return TRUE;
    case EISDIR:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "“%s” is a directory, not a regular file", name);
      return TRUE;
    case ENODEV:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a regular file", name);
      return TRUE;
    default:
      return FALSE;
    }
}

/* What EACCES means for this kind of open: which step was refused. */
static const char *
permission_problem (ShmviewOpenFlags flags)
{
  if (flags & SHMVIEW_OPEN_REPLACE)
    return "Permission denied: this user may not replace the existing region, or create one here";
  if (flags & SHMVIEW_OPEN_EXCLUSIVE)
    return "Permission denied: this user may not create the region here";
  if (flags & SHMVIEW_OPEN_CREATE)
    return "Permission denied: this user may not create the region here "
           "(or open the existing one for writing)";
  if (flags & SHMVIEW_OPEN_READ_ONLY)
    return "Permission denied: this user may not read the region";
  return "Permission denied: this user may not open the region for writing";
}

static void
set_open_error (GError            **error,
                const ShmviewSpec  *spec,
                ShmviewOpenFlags    flags,
                guint64             size,
                int                 err)
{
  gboolean creating = (flags & SHMVIEW_OPEN_CREATE) != 0;

  if (set_name_error (error, spec, err, "followed unless asked"))
    return;

  switch (err)
    {
    case EACCES:
    case EPERM:
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                           permission_problem (flags));
      break;
    case EINVAL:
      if (creating && spec->kind == SHMVIEW_REGION_KIND_SYSV)
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                     "The system does not allow a System V segment of %" G_GUINT64_FORMAT
                     " bytes (see /proc/sys/kernel/shmmax)", size);
      else if (spec->kind == SHMVIEW_REGION_KIND_SYSV)
        g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                             "No such shared memory region");
      else
        shmview_set_error_from_errno (error, err, "Could not open the region");
      break;
    case EFBIG:
    case ENOSPC:
    case ENOMEM:
      if (creating)
        shmview_set_error_from_errno (error, err, "Could not create a region of %" G_GUINT64_FORMAT
                                      " bytes", size);
      else
        shmview_set_error_from_errno (error, err, "Could not map the region");
      break;
    default:
      shmview_set_error_from_errno (error, err, creating ? "Could not create the region"
                                                         : "Could not open the region");
    }
}

static void
set_range_error (GError  **error,
                 guint64   offset,
                 guint64   length,
                 guint64   size)
{
  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
               "Range %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
               " is past the end of the region (%" G_GUINT64_FORMAT " bytes)",
               offset, length, size);
}

/* A process mapping that failed the safety rule says why it is read-only. */
static void
set_read_only_error (ShmviewRegion  *self,
                     GError        **error)
{
  if (self->read_only_reason != NULL)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                 "This region is read-only: %s", self->read_only_reason);
  else
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                         "This region is attached read-only");
}

/* The object got smaller than the range we used: say how small it is now. */
static void
set_shrunk_error (ShmviewRegion  *self,
                  const char     *while_doing,
                  GError        **error)
{
  uint64_t size = 0;
  int removed = 0;

  if (self->backend.ops->check (&self->backend, &size, &removed) == 0)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK,
                 "The region shrank to %" G_GUINT64_FORMAT " bytes %s",
                 (guint64) size, while_doing);
  else
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK,
                 "The region shrank %s", while_doing);
}

/* Whether the object, as fstat (or IPC_STAT) sees it now, covers the range. */
static gboolean
still_covers (ShmviewRegion *self,
              guint64        offset,
              guint64        length)
{
  uint64_t size = 0;
  int removed = 0;

  return self->backend.ops->check (&self->backend, &size, &removed) == 0 &&
         size >= offset + length;
}

/* EFAULT from a write that was tried twice (see write_or_fill()): a SIGBUS
 * stopped the copy part way. The object shrank under it; or a page of it
 * could not be had although the size covers it: tmpfs answers a store it
 * has no room for with SIGBUS, as a file mapping does a full disk, a quota
 * or an I/O error. The size and the filesystem's free space now tell which,
 * except when the object has grown back since, which looks like a quota. */
static void
set_fault_error (ShmviewRegion  *self,
                 guint64         offset,
                 guint64         length,
                 GError        **error)
{
  const ShmviewBackendOps *ops = self->backend.ops;
  uint64_t size = 0;
  int removed = 0;

  /* A segment never shrinks, and nothing can set its pages aside before
   * the copy as fallocate() does for objects and files: memory ran out. */
  if (self->spec->kind == SHMVIEW_REGION_KIND_SYSV)
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NO_SPACE,
                         "A page of the segment could not be had (out of memory); System V "
                         "segments cannot reserve their pages before a write, so part of the "
                         "data may have been written");
  else if (ops->check (&self->backend, &size, &removed) != 0)
    set_shrunk_error (self, "while writing", error);
  else if (size < offset + length)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK,
                 "The region shrank to %" G_GUINT64_FORMAT " bytes while writing",
                 (guint64) size);
  else if (ops->is_full != NULL && ops->is_full (&self->backend))
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NO_SPACE,
                         "No space left for the region's pages (or an I/O error): "
                         "part of the data may have been written");
  else
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK,
                 "The write was cut short, though the region has %" G_GUINT64_FORMAT
                 " bytes now: it shrank and grew again meanwhile, or a page could not "
                 "be had (a quota, an I/O error); part of the data may have been written",
                 (guint64) size);
}

/* Errors of write() and fill(), which share their failure modes; @offset
 * and @length are the range, already checked against the size. */
static void
set_write_error (ShmviewRegion  *self,
                 int             err,
                 guint64         offset,
                 guint64         length,
                 GError        **error)
{
  switch (err)
    {
    case ERANGE:
      set_shrunk_error (self, "(nothing was written)", error);
      break;
    case EFAULT:
      set_fault_error (self, offset, length, error);
      break;
    case EACCES:
      set_read_only_error (self, error);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NO_SPACE,
                   "No room for %" G_GUINT64_FORMAT " bytes at offset %" G_GUINT64_FORMAT
                   " (the filesystem is full, or a quota is reached): nothing was written",
                   length, offset);
      break;
    case ENOMEM:
    case EOPNOTSUPP:
    case EFBIG:
      /* Only mapping the part to write (in an object too large to map
       * whole) fails like this: before the first byte, unless a write of
       * more than 1 GiB failed at a later GiB. */
      shmview_set_error_from_errno (error, err, "Could not map the part of the region to write");
      break;
    default:
      shmview_set_error_from_errno (error, err, "Could not write to the region");
    }
}

/* ---- size and mapping -------------------------------------------------- */

/* The size reads and writes are checked against from now on, with the
 * whole-object mapping made to follow it. A mapping that cannot be made
 * (an object larger than the address space) is no error: writes then map
 * the part they write, so a region of any size opens and updates. The
 * caller holds the lock exclusively, or is still opening @self. */
static void
take_size (ShmviewRegion *self,
           guint64        size)
{
  const ShmviewBackendOps *ops = self->backend.ops;
  int err;

  self->size = size;
  if (ops->remap != NULL && (err = ops->remap (&self->backend, size)) != 0)
    g_debug ("No mapping of the whole region (%" G_GUINT64_FORMAT " bytes): %s",
             size, g_strerror (err));
}

/* ---- opening ----------------------------------------------------------- */

static gboolean
check_open_args (const ShmviewSpec  *spec,
                 ShmviewOpenFlags    flags,
                 guint64             size,
                 guint               mode,
                 GError            **error)
{
  gboolean creating = (flags & SHMVIEW_OPEN_CREATE) != 0;
  const char *problem = NULL;

  if (mode > 0777)
    problem = "The mode must be a permission mode between 0 and 0777";
  else if (!creating && (flags & (SHMVIEW_OPEN_EXCLUSIVE | SHMVIEW_OPEN_REPLACE)))
    problem = "Exclusive and replace apply only when creating a region";
  else if (creating && (flags & SHMVIEW_OPEN_READ_ONLY))
    problem = "A region cannot be created read-only";
  else if (creating && size == 0)
    problem = "A new region needs a size of at least 1 byte";
  else if (creating && size > G_MAXSIZE)
    problem = "The size is too large to map";
  else if (spec->kind == SHMVIEW_REGION_KIND_SYSV && spec->by_id && creating)
    problem = "A System V segment is created by key (sysv:KEY, or sysv:0 for a new private one), not by id";
  else if (shmview_spec_is_private (spec) && !creating)
    problem = "Key 0 (IPC_PRIVATE) names no existing segment; open it by id (sysvid:ID)";
  else if (spec->kind != SHMVIEW_REGION_KIND_SYSV && spec->kind != SHMVIEW_REGION_KIND_PROCESS
           && (spec->name == NULL || spec->name[0] == '\0'))
    problem = "The region has no name";

  if (problem == NULL)
    return TRUE;
  g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT, problem);
  return FALSE;
}

static void
target_from_spec (const ShmviewSpec    *spec,
                  ShmviewOpenFlags      flags,
                  guint64               size,
                  guint                 mode,
                  ShmviewBackendTarget *target)
{
  target->name = spec->kind == SHMVIEW_REGION_KIND_SYSV ? NULL : spec->name;
  target->by_id = spec->by_id;
  target->key = spec->key;
  target->id = spec->id;
  target->size = size;
  target->mode = mode != 0 ? mode : 0600;
  target->flags = 0;
  if (flags & SHMVIEW_OPEN_CREATE)
    target->flags |= SHMVIEW_BACKEND_CREATE;
  if (flags & SHMVIEW_OPEN_EXCLUSIVE)
    target->flags |= SHMVIEW_BACKEND_EXCLUSIVE;
  if (flags & SHMVIEW_OPEN_REPLACE)
    target->flags |= SHMVIEW_BACKEND_REPLACE;
  if (flags & SHMVIEW_OPEN_READ_ONLY)
    target->flags |= SHMVIEW_BACKEND_READ_ONLY;
  if (flags & SHMVIEW_OPEN_FOLLOW_SYMLINKS)
    target->flags |= SHMVIEW_BACKEND_FOLLOW;
}

/* pid:PID@ADDR: finds the mapping in /proc/PID/maps, applies the safety
 * rule (not shared memory, or not mapped rw-s by every process: read-only,
 * with the reason kept for the write that is refused), and points @target
 * at it. A System V segment opens as one, by its shmid (the inode). */
static gboolean
prepare_process (ShmviewRegion         *self,
                 const ShmviewSpec     *spec,
                 ShmviewOpenFlags      *flags,
                 ShmviewBackendTarget  *target,
                 const ShmviewBackendOps **ops,
                 ShmviewProcMap        *map,
                 GError               **error)
{
  g_autofree char *reason = NULL;

  if (*flags & SHMVIEW_OPEN_CREATE)
    {
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                           "A process's memory cannot be created, only opened");
      return FALSE;
    }
  if (!_shmview_proc_resolve (spec->pid, spec->address, map, error))
    return FALSE;
  if (!(*flags & SHMVIEW_OPEN_READ_ONLY) && !_shmview_proc_may_write (map, &reason))
    {
      *flags |= SHMVIEW_OPEN_READ_ONLY;
      target->flags |= SHMVIEW_BACKEND_READ_ONLY;
      self->read_only_reason = g_steal_pointer (&reason);
    }
  target->pid = spec->pid;
  target->map_start = map->start;
  target->map_end = map->end;
  target->dev = map->dev;
  target->ino = map->ino;
  if (map->kind == SHMVIEW_PROC_OBJECT_SYSV)
    {
      target->name = NULL;
      target->by_id = TRUE;
      target->id = (int) map->ino;
      *ops = &shmview_backend_sysv_ops;
    }
  return TRUE;
}

static void
set_process_open_error (GError               **error,
                        const ShmviewSpec     *spec,
                        const ShmviewProcMap  *map,
                        int                    err)
{
  switch (err)
    {
    case EPERM:
    case EACCES:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                   "Permission denied: process %d holds no descriptor of “%s” this user may "
                   "open, and opening its mapping through /proc/%d/map_files needs root or "
                   "CAP_CHECKPOINT_RESTORE; run as root (e.g. with sudo)",
                   spec->pid, map->path, spec->pid);
      break;
    case ENOENT:
    case EIDRM:
    case EINVAL:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                   "Process %d no longer maps “%s” at 0x%" G_GINT64_MODIFIER "x",
                   spec->pid, map->path, map->start);
      break;
    case ENODEV:
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                   "“%s” is a device, not memory that can be read", map->path);
      break;
    default:
      shmview_set_error_from_errno (error, err, "Could not open process %d's mapping of “%s”",
                                    spec->pid, map->path);
    }
}

/* /proc/PID/map_files/START-END is a "magic" link: its text
 * ("/dev/zero (deleted)", "/memfd:x (deleted)") names nothing, but opening
 * the link itself opens the mapped object. Followed, it is opened as the
 * process mapping it names (pid:PID@START): the link itself, and under the
 * safety rule of process memory, so that root cannot write a read-only
 * mapped system file through it. NULL for any other path. */
static ShmviewSpec *
map_files_spec (const ShmviewSpec *spec,
                ShmviewOpenFlags   flags)
{
  unsigned long long start, end;
  int pid, consumed = 0;

  if (spec->kind != SHMVIEW_REGION_KIND_FILE || !(flags & SHMVIEW_OPEN_FOLLOW_SYMLINKS)
      || spec->name == NULL)
    return NULL;
  if (sscanf (spec->name, "/proc/%d/map_files/%llx-%llx%n", &pid, &start, &end, &consumed) == 3
      && spec->name[consumed] == '\0' && pid > 0 && start < end)
    return shmview_spec_new_process (pid, start);
  if (sscanf (spec->name, "/proc/self/map_files/%llx-%llx%n", &start, &end, &consumed) == 2
      && spec->name[consumed] == '\0' && start < end)
    return shmview_spec_new_process (getpid (), start);
  return NULL;
}

/**
 * shmview_region_open:
 * @spec: what to open
 * @flags: create, exclusive, replace, read-only, follow symlinks
 * @size: the size of a region created now (> 0); ignored otherwise
 * @mode: permission bits of a region created now (0 to 0777); 0 is taken as
 *   "no mode given" and means 0600
 * @error: return location for a #GError in %SHMVIEW_ERROR
 *
 * Opens (or creates, by @flags) the region @spec names and attaches it: a
 * System V segment with shmat(), a POSIX object or a file with a MAP_SHARED
 * mapping of the whole object (PROT_READ when read-only), so while the
 * region lives this process counts as attached (see
 * %SHMVIEW_LIST_COUNT_POSIX_ATTACHES). An object too large to map whole (a
 * sparse one beyond the address space) opens all the same, unmapped: each
 * write then maps the part it writes for the moment of the copy. Creating
 * never replaces an existing region unless %SHMVIEW_OPEN_REPLACE is set;
 * the mode of a new region is exactly @mode, whatever the umask.
 *
 * Returns: (transfer full) (nullable): the region, or %NULL with @error set
 */
ShmviewRegion *
shmview_region_open (const ShmviewSpec  *spec,
                     ShmviewOpenFlags    flags,
                     guint64             size,
                     guint               mode,
                     GError            **error)
{
  g_autoptr(ShmviewRegion) self = NULL;
  g_autoptr(ShmviewSpec) magic = NULL;
  g_auto(ShmviewProcMap) map = { 0, };
  const ShmviewBackendOps *ops;
  ShmviewBackendTarget target;
  int err;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((magic = map_files_spec (spec, flags)) != NULL)
    spec = magic;
  if (!check_open_args (spec, flags, size, mode, error))
    return NULL;
  if ((ops = ops_for_kind (spec->kind)) == NULL)
    return NULL;
  if ((err = shmview_guard_init ()) != 0)
    {
      shmview_set_error_from_errno (error, err, "Could not install the SIGBUS guard");
      return NULL;
    }

  self = g_object_new (SHMVIEW_TYPE_REGION, NULL);
  target_from_spec (spec, flags, size, mode, &target);
  if (spec->kind == SHMVIEW_REGION_KIND_PROCESS
      && !prepare_process (self, spec, &flags, &target, &ops, &map, error))
    return NULL;
  if ((err = ops->open (&self->backend, &target)) != 0)
    {
      shmview_backend_init (&self->backend);
      if (spec->kind == SHMVIEW_REGION_KIND_PROCESS)
        set_process_open_error (error, spec, &map, err);
      else
        set_open_error (error, spec, flags, size, err);
      return NULL;
    }
  self->backend.ops = ops;

  /* A new private segment has no key to find it by; its id names it. */
  if (shmview_spec_is_private (spec))
    self->spec = shmview_spec_new_sysv_id (self->backend.id);
  else
    self->spec = shmview_spec_copy (spec);
  take_size (self, self->backend.open_size);
  self->read_only = (flags & SHMVIEW_OPEN_READ_ONLY) != 0;

  return g_steal_pointer (&self);
}

/**
 * shmview_region_open_text:
 * @text: a region spec, as shmview_spec_parse() accepts
 *
 * Parses @text and opens it like shmview_region_open().
 *
 * Returns: (transfer full) (nullable): the region, or %NULL with @error set
 */
ShmviewRegion *
shmview_region_open_text (const char        *text,
                          ShmviewOpenFlags   flags,
                          guint64            size,
                          guint              mode,
                          GError           **error)
{
  g_autoptr(ShmviewSpec) spec = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if ((spec = shmview_spec_parse (text, error)) == NULL)
    return NULL;
  return shmview_region_open (spec, flags, size, mode, error);
}

/* ---- accessors --------------------------------------------------------- */

/**
 * shmview_region_get_kind:
 *
 * Returns: whether this is a POSIX object, a System V segment or a file
 */
ShmviewRegionKind
shmview_region_get_kind (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), SHMVIEW_REGION_KIND_POSIX);

  return self->spec->kind;
}

/**
 * shmview_region_get_spec:
 *
 * Returns: (transfer none): the spec this region answers to ("sysvid:ID"
 *   for a System V segment created with key 0)
 */
const ShmviewSpec *
shmview_region_get_spec (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  return self->spec;
}

/**
 * shmview_region_dup_spec_string:
 *
 * Returns: (transfer full): the canonical spec text, e.g. "/MapTrans"
 */
char *
shmview_region_dup_spec_string (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  return shmview_spec_to_string (self->spec);
}

/**
 * shmview_region_dup_display_name:
 *
 * Returns: (transfer full): a short name for titles, e.g. "MapTrans"
 */
char *
shmview_region_dup_display_name (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  return shmview_spec_to_display_name (self->spec);
}

/**
 * shmview_region_dup_fs_path:
 *
 * The filesystem path that names the object, as it was opened: /dev/shm/NAME
 * for a POSIX object, the absolute path for a file (a followed symlink
 * resolved to its target). It is the path the region checks for removal, so
 * a watcher of it sees what the region would. Writes through a mapping raise
 * no inotify event, but write(), ftruncate(), unlink() and rename() do.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL for a System V
 *   segment, which has none
 */
char *
shmview_region_dup_fs_path (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  /* Set at open and never changed after, so no lock is needed. */
  return g_strdup (self->backend.stat_path);
}

/**
 * shmview_region_get_size:
 *
 * The size as of the last open, update or resize: what reads and writes
 * are checked against. shmview_region_update() learns of a change made by
 * another process.
 *
 * Returns: the size in bytes
 */
guint64
shmview_region_get_size (ShmviewRegion *self)
{
  guint64 size;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), 0);

  g_rw_lock_reader_lock (&self->lock);
  size = self->size;
  g_rw_lock_reader_unlock (&self->lock);
  return size;
}

/**
 * shmview_region_is_read_only:
 *
 * Returns: whether the region was attached read-only (writes are refused)
 */
gboolean
shmview_region_is_read_only (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), TRUE);

  return self->read_only;
}

/**
 * shmview_region_get_read_only_reason:
 *
 * Returns: (nullable): why a process's mapping (pid:PID@ADDR) was opened
 *   read-only although writing was asked for ("the process maps it r--s,
 *   not rw-s"); %NULL otherwise
 */
const char *
shmview_region_get_read_only_reason (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  return self->read_only_reason;
}

/**
 * shmview_region_is_removed:
 *
 * Returns: whether the region's name was seen removed, by
 *   shmview_region_remove() or by shmview_region_update(); the region stays
 *   attached and usable
 */
gboolean
shmview_region_is_removed (ShmviewRegion *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);

  return self->removed;
}

/**
 * shmview_region_get_identity:
 * @self: a region
 * @dev: (out): the object's device, as /proc/PID/maps shows it
 * @ino: (out): its inode
 *
 * Who else maps the object is found by its identity in a /proc scan
 * (shmview_proc_scan_lookup_inode()); a System V segment's is its shmid
 * (shmview_proc_scan_lookup_sysv()).
 *
 * Returns: %TRUE for an object with a descriptor (POSIX, file, process
 *   memory); %FALSE for a System V segment or a region not open
 */
gboolean
shmview_region_get_identity (ShmviewRegion *self,
                             guint64       *dev,
                             guint64       *ino)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);

  if (self->backend.ino == 0 && self->backend.dev == 0)
    return FALSE;
  *dev = self->backend.dev;
  *ino = self->backend.ino;
  return TRUE;
}

/* ---- size changes ------------------------------------------------------ */

static void
mark_removed (ShmviewRegion *self)
{
  if (self->removed)
    return;
  self->removed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOVED]);
}

/**
 * shmview_region_update:
 * @old_size: (out) (optional): the size before this update
 *
 * Re-checks the object's size and existence (an fstat and a stat, or one
 * IPC_STAT), remaps a POSIX object or a file whole when its size changed,
 * and says what changed since the last call. Growth, shrinking and removal
 * are each reported once. Every new size is taken, however large: one that
 * cannot be mapped whole leaves the region unmapped, as at open.
 *
 * Returns: what changed
 */
ShmviewRegionChange
shmview_region_update (ShmviewRegion *self,
                       guint64       *old_size)
{
  ShmviewRegionChange change = SHMVIEW_REGION_CHANGE_NONE;
  uint64_t size = 0;
  guint64 before;
  int removed = 0;
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), SHMVIEW_REGION_CHANGE_NONE);

  before = shmview_region_get_size (self);
  if (old_size != NULL)
    *old_size = before;

  if ((err = self->backend.ops->check (&self->backend, &size, &removed)) != 0)
    {
      g_debug ("Could not re-check the size: %s", g_strerror (err));
      return SHMVIEW_REGION_CHANGE_NONE;
    }

  if (size != before)
    {
      g_rw_lock_writer_lock (&self->lock);
      take_size (self, size);
      g_rw_lock_writer_unlock (&self->lock);
      change |= size > before ? SHMVIEW_REGION_CHANGE_GREW : SHMVIEW_REGION_CHANGE_SHRANK;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }

  if (removed)
    mark_removed (self);
  if (self->removed && !self->removal_reported)
    {
      self->removal_reported = TRUE;
      change |= SHMVIEW_REGION_CHANGE_REMOVED;
    }
  return change;
}

/* ---- reading and writing ----------------------------------------------- */

/* Under the lock: the range must lie within the size as of the last update.
 * Written so that offset + length cannot overflow. */
static gboolean
check_range (ShmviewRegion  *self,
             guint64         offset,
             guint64         length,
             GError        **error)
{
  if (offset <= self->size && length <= self->size - offset)
    return TRUE;
  set_range_error (error, offset, length, self->size);
  return FALSE;
}

/* Takes the lock shared when the range is good; else sets @error and
 * leaves the lock alone. */
static gboolean
lock_range (ShmviewRegion  *self,
            guint64         offset,
            guint64         length,
            GError        **error)
{
  g_rw_lock_reader_lock (&self->lock);
  if (check_range (self, offset, length, error))
    return TRUE;
  g_rw_lock_reader_unlock (&self->lock);
  return FALSE;
}

/* Errors of read() and copy_to_fd(), which read alike. */
static void
set_read_error (ShmviewRegion  *self,
                int             err,
                GError        **error)
{
  if (err == ERANGE || err == EFAULT)
    set_shrunk_error (self, "while reading", error);
  else
    shmview_set_error_from_errno (error, err, "Could not read the region");
}

/**
 * shmview_region_read:
 * @offset: where to start
 * @buffer: (out caller-allocates) (array length=length): where to copy to
 * @length: how many bytes
 *
 * Copies @length bytes at @offset into @buffer. The range must lie within the
 * size as of the last update (%SHMVIEW_ERROR_OUT_OF_RANGE, nothing read). If
 * the object shrank under it the read fails with %SHMVIEW_ERROR_SHRUNK.
 * Never raises SIGBUS, and never allocates the holes of a sparse object.
 *
 * Returns: %TRUE when all @length bytes were copied
 */
gboolean
shmview_region_read (ShmviewRegion  *self,
                     guint64         offset,
                     guint8         *buffer,
                     gsize           length,
                     GError        **error)
{
  size_t n_read = 0;
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lock_range (self, offset, length, error))
    return FALSE;
  err = length == 0 ? 0 : self->backend.ops->read (&self->backend, offset, buffer, length, &n_read);
  if (err == 0 && n_read < length)
    err = ERANGE;
  if (err != 0)
    set_read_error (self, err, error);
  g_rw_lock_reader_unlock (&self->lock);

  return err == 0;
}

/**
 * shmview_region_read_bytes:
 *
 * Like shmview_region_read(), into a new #GBytes.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
shmview_region_read_bytes (ShmviewRegion  *self,
                           guint64         offset,
                           gsize           length,
                           GError        **error)
{
  g_autofree guint8 *buffer = NULL;
  guint64 size;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), NULL);

  /* Refuse a bad range before allocating for it. */
  size = shmview_region_get_size (self);
  if (offset > size || length > size - offset)
    {
      set_range_error (error, offset, length, size);
      return NULL;
    }
  if ((buffer = g_try_malloc (MAX (length, 1))) == NULL)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED,
                   "Not enough memory to read %" G_GSIZE_FORMAT " bytes", length);
      return NULL;
    }
  if (!shmview_region_read (self, offset, buffer, length, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/**
 * shmview_region_next_data:
 * @offset: where to look from
 * @start: (out): where the next bytes that may be non-zero start
 * @end: (out): where they end (a hole, or the size)
 *
 * Holes of a sparse object read as zeros, and reading a big one still costs
 * the copying of its zeros: a caller that only needs what is in the bytes
 * (a digest, a search) can skip them. The stretch found lies within the
 * size as of the last update. Where the filesystem cannot tell (or for a
 * System V segment) everything is data. Never reads anything.
 *
 * Returns: %TRUE with the stretch set; %FALSE when only holes follow @offset
 */
gboolean
shmview_region_next_data (ShmviewRegion *self,
                          guint64        offset,
                          guint64       *start,
                          guint64       *end)
{
  const ShmviewBackendOps *ops;
  guint64 size;
  uint64_t s = offset, e = G_MAXUINT64;
  int err = ENOTSUP;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  ops = self->backend.ops;
  size = shmview_region_get_size (self);
  if (offset >= size)
    return FALSE;
  if (ops->next_data != NULL)
    err = ops->next_data (&self->backend, offset, &s, &e);
  if (err == ENXIO)
    return FALSE;
  if (err != 0)
    {
      s = offset;
      e = size;
    }
  *start = MAX (s, offset);
  *end = MIN (e, size);
  return *start < *end;
}

/**
 * shmview_region_copy_to_fd:
 * @offset: where to start
 * @length: how many bytes
 * @fd: a descriptor open for writing: a pipe, a file, a socket, /dev/null
 *
 * Writes @length bytes at @offset to @fd, the way to stream a region out
 * (`shmtool read --format raw`). Where the region has a descriptor the bytes
 * go with sendfile(): into a pipe or /dev/null without being copied at all,
 * into a file with one copy in the kernel. Like shmview_region_read(), it
 * never raises SIGBUS and never allocates the holes of a sparse object.
 *
 * The range must lie within the size as of the last update
 * (%SHMVIEW_ERROR_OUT_OF_RANGE, nothing written). When the object shrinks
 * part way, the bytes before its new end are written and the call fails
 * with %SHMVIEW_ERROR_SHRUNK; when writing to @fd fails, with a message
 * that says so and why. It blocks while @fd is full, without holding the
 * region's lock, so other threads may update the region meanwhile.
 *
 * Returns: %TRUE when all @length bytes were written
 */
gboolean
shmview_region_copy_to_fd (ShmviewRegion  *self,
                           guint64         offset,
                           guint64         length,
                           int             fd,
                           GError        **error)
{
  int out_failed = 0;
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lock_range (self, offset, length, error))
    return FALSE;
  g_rw_lock_reader_unlock (&self->lock);

  /* No lock from here: the backends use the descriptor, or a System V
   * attachment, neither of which an update replaces. */
  err = length == 0 ? 0 : self->backend.ops->copy_to_fd (&self->backend, offset, length, fd,
                                                         &out_failed);
  if (err == 0)
    return TRUE;
  if (out_failed)
    shmview_set_error_from_errno (error, err, "Could not write the data out");
  else
    set_read_error (self, err, error);
  return FALSE;
}

/* write() and fill(): the same checks, and then @data written, or @byte
 * when @data is NULL. */
static gboolean
write_or_fill (ShmviewRegion  *self,
               guint64         offset,
               const guint8   *data,
               guint8          byte,
               guint64         length,
               GError        **error)
{
  const ShmviewBackendOps *ops = self->backend.ops;
  int err;

  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  if (!lock_range (self, offset, length, error))
    return FALSE;
  /* A fault although the size covers the range again is a shrink undone in
   * the meantime, or a page that cannot be had: a second try, which writes
   * the same bytes to the same place, succeeds only in the first case. */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      err = data != NULL ? ops->write (&self->backend, offset, data, length)
                         : ops->fill (&self->backend, offset, byte, length);
      if (err != EFAULT || !still_covers (self, offset, length))
        break;
    }
  if (err != 0)
    set_write_error (self, err, offset, length, error);
  g_rw_lock_reader_unlock (&self->lock);

  return err == 0;
}

/**
 * shmview_region_write:
 * @data: (array length=length): the bytes to write
 *
 * Writes through the mapping, all or nothing: %SHMVIEW_ERROR_PERMISSION on a
 * read-only region, %SHMVIEW_ERROR_OUT_OF_RANGE past the end,
 * %SHMVIEW_ERROR_SHRUNK when the object shrank under us; in each case nothing
 * is written. The pages of the range are reserved first (fallocate) where
 * the filesystem can, so a full tmpfs or a quota fails the write whole with
 * %SHMVIEW_ERROR_NO_SPACE, nothing written. Two failures can still strike
 * during the copy itself and then leave part of the data written (never a
 * SIGBUS): a shrink racing the copy, still reported as
 * %SHMVIEW_ERROR_SHRUNK, and a page that cannot be had although the size
 * covers it, reported as %SHMVIEW_ERROR_NO_SPACE: a System V segment when
 * memory runs out (segments cannot reserve pages), a filesystem without
 * fallocate(), an I/O error on a file. The message says which.
 *
 * Returns: %TRUE when all bytes were written
 */
gboolean
shmview_region_write (ShmviewRegion  *self,
                      guint64         offset,
                      const guint8   *data,
                      gsize           length,
                      GError        **error)
{
  static const guint8 nothing[1];

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_or_fill (self, offset, data != NULL ? data : nothing, 0, length, error);
}

/**
 * shmview_region_fill:
 *
 * Sets @length bytes at @offset to @byte, all or nothing like
 * shmview_region_write().
 *
 * Returns: %TRUE on success
 */
gboolean
shmview_region_fill (ShmviewRegion  *self,
                     guint64         offset,
                     guint64         length,
                     guint8          byte,
                     GError        **error)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_or_fill (self, offset, NULL, byte, length, error);
}

/* ---- resize, remove, info ---------------------------------------------- */

/**
 * shmview_region_resize:
 * @size: the new size in bytes
 *
 * Changes the size of a POSIX object or a file and remaps it, as
 * shmview_region_update() does. %SHMVIEW_ERROR_UNSUPPORTED for System V
 * segments, which have a fixed size.
 *
 * Returns: %TRUE on success
 */
gboolean
shmview_region_resize (ShmviewRegion  *self,
                       guint64         size,
                       GError        **error)
{
  guint64 before, after;
  uint64_t actual = 0;
  int removed = 0;
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->spec->kind == SHMVIEW_REGION_KIND_SYSV)
    {
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                           "A System V segment cannot be resized");
      return FALSE;
    }
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  if (size > G_MAXSIZE)
    {
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                           "The size is too large to map");
      return FALSE;
    }

  g_rw_lock_writer_lock (&self->lock);
  before = self->size;
  if ((err = self->backend.ops->resize (&self->backend, size)) == 0)
    take_size (self, size);
  else if (self->backend.ops->check (&self->backend, &actual, &removed) == 0)
    take_size (self, actual);
  after = self->size;
  g_rw_lock_writer_unlock (&self->lock);

  if (after != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
  if (err != 0)
    shmview_set_error_from_errno (error, err, "Could not resize the region to %" G_GUINT64_FORMAT
                                  " bytes", size);
  return err == 0;
}

/**
 * shmview_region_remove:
 *
 * Removes the region's name (shm_unlink, IPC_RMID, unlink). The region stays
 * attached and usable; the next update() reports it as removed.
 *
 * Returns: %TRUE on success
 */
gboolean
shmview_region_remove (ShmviewRegion  *self,
                       GError        **error)
{
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((err = self->backend.ops->remove (&self->backend)) == 0)
    {
      mark_removed (self);
      return TRUE;
    }

  if (err == ENOENT || err == EIDRM || err == EINVAL)
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                         "The region was already removed (its name is gone or names another one now)");
  else if (err == EACCES || err == EPERM)
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                         "Permission denied: this user may not remove the region");
  else if (!set_name_error (error, self->spec, err, "removed"))
    shmview_set_error_from_errno (error, err, "Could not remove the region");
  return FALSE;
}

/**
 * shmview_region_query_info:
 * @info: (out caller-allocates): where to store the details
 *
 * Fills @info: size, owner, group, mode, times, and for System V the attach
 * count, key, id and pids.
 *
 * Returns: %TRUE on success
 */
gboolean
shmview_region_query_info (ShmviewRegion      *self,
                           ShmviewRegionInfo  *info,
                           GError            **error)
{
  ShmviewBackendInfo bi;
  int err;

  g_return_val_if_fail (SHMVIEW_IS_REGION (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if ((err = self->backend.ops->stat (&self->backend, &bi)) != 0)
    {
      shmview_set_error_from_errno (error, err, "Could not read the region's details");
      return FALSE;
    }

  info->kind = self->spec->kind;
  info->size = bi.size;
  info->uid = bi.uid;
  info->gid = bi.gid;
  info->mode = bi.mode;
  info->atime = bi.atime;
  info->mtime = bi.mtime;
  info->ctime = bi.ctime;
  info->nattch = bi.nattch;
  info->key = bi.key;
  info->id = bi.id;
  info->cpid = bi.cpid;
  info->lpid = bi.lpid;
  info->removed = bi.removed || self->removed;
  return TRUE;
}

/**
 * shmview_region_remove_spec:
 * @spec: the region to remove
 *
 * Removes the region @spec names without mapping it (shmtool rm). A file:
 * spec naming a symbolic link is refused: only regular files are removed.
 *
 * Returns: %TRUE on success
 */
gboolean
shmview_region_remove_spec (const ShmviewSpec  *spec,
                            GError            **error)
{
  const ShmviewBackendOps *ops;
  ShmviewBackendTarget target;
  int err;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (shmview_spec_is_private (spec))
    {
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                           "Key 0 (IPC_PRIVATE) names no existing segment; remove it by id (sysvid:ID)");
      return FALSE;
    }
  if ((ops = ops_for_kind (spec->kind)) == NULL)
    return FALSE;

  target_from_spec (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &target);
  if ((err = ops->remove_target (&target)) == 0)
    return TRUE;

  if (err == EACCES || err == EPERM)
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION,
                         "Permission denied: this user may not remove the region");
  else if (err == EINVAL && spec->kind == SHMVIEW_REGION_KIND_SYSV)
    g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                         "No such shared memory region");
  else if (!set_name_error (error, spec, err, "removed"))
    shmview_set_error_from_errno (error, err, "Could not remove the region");
  return FALSE;
}
