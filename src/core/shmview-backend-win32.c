/* shmview-backend-win32.c: Win32 named file mappings (sections)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Windows side of the lesson shmview grew out of: a pagefile-backed
 * section made with CreateFileMapping (INVALID_HANDLE_VALUE, …, "MapTrans")
 * and opened by name with OpenFileMapping. Names come in as UTF-8 and are
 * converted with MultiByteToWideChar, so "MapTrans", "Local\\MapTrans" and
 * "慍呰慲獮" (what the lesson's (LPCWSTR)"MapTrans" really names) are all
 * reachable.
 *
 * A section is mapped whole once, at open (MapViewOfFile, FILE_MAP_READ when
 * read-only), and everything goes through that view with the view
 * operations of shmview-backend-common.c, guarded by the vectored exception
 * handler of shmview-guard-win32.c. A section cannot change size and has no
 * name to remove (it goes with its last handle): resize and remove answer
 * ENOTSUP, and check() never reports removal. Its size is what VirtualQuery
 * says of the view, so a 256-byte section shows as one page.
 *
 * Plain C and Win32 only; built with mingw-w64 (see cross/ and tests/win32).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "shmview-backend.h"

/* What a Win32 error means in the errno words the region understands. */
static int
errno_from_win32 (DWORD code)
{
  switch (code)
    {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
      return ENOENT;
    case ERROR_ACCESS_DENIED:
      return EACCES;
    case ERROR_ALREADY_EXISTS:
      return EEXIST;
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_FILENAME_EXCED_RANGE:
      return EINVAL;
    case ERROR_INVALID_HANDLE:
      /* The name belongs to another kind of object (an event, a mutex). */
      return ENODEV;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
    case ERROR_COMMITMENT_LIMIT:
      return ENOMEM;
    case ERROR_DISK_FULL:
      return ENOSPC;
    default:
      return EIO;
    }
}

/* @utf8 as a newly allocated UTF-16 string, or NULL with *err set. */
static wchar_t *
wide_name (const char *utf8,
           int        *err)
{
  int n = MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
  wchar_t *wide;

  if (n <= 1)
    {
      *err = EINVAL; /* empty, or not UTF-8 */
      return NULL;
    }
  if ((wide = malloc ((size_t) n * sizeof *wide)) == NULL)
    {
      *err = ENOMEM;
      return NULL;
    }
  MultiByteToWideChar (CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, wide, n);
  return wide;
}

/* Creates the section (exclusive unless only CREATE was asked for), or
 * opens it; NULL with *err set. */
static HANDLE
create_or_open (const wchar_t              *name,
                const ShmviewBackendTarget *t,
                int                        *created,
                int                        *err)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  HANDLE h;

  if (!(t->flags & SHMVIEW_BACKEND_CREATE))
    {
      h = OpenFileMappingW (read_only ? FILE_MAP_READ : FILE_MAP_READ | FILE_MAP_WRITE, FALSE, name);
      if (h == NULL)
        *err = errno_from_win32 (GetLastError ());
      return h;
    }

  if (t->size == 0)
    {
      *err = EINVAL;
      return NULL;
    }
  h = CreateFileMappingW (INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                          (DWORD) (t->size >> 32), (DWORD) t->size, name);
  if (h == NULL)
    {
      *err = errno_from_win32 (GetLastError ());
      return NULL;
    }
  if (GetLastError () != ERROR_ALREADY_EXISTS)
    {
      *created = 1;
      return h;
    }
  /* An existing section is never replaced: it has no name to remove. */
  if (t->flags & (SHMVIEW_BACKEND_EXCLUSIVE | SHMVIEW_BACKEND_REPLACE))
    {
      CloseHandle (h);
      *err = EEXIST;
      return NULL;
    }
  return h;
}

/* The size of the view at @map: its region's size, in whole pages. */
static int
view_size (void     *map,
           uint64_t *size)
{
  MEMORY_BASIC_INFORMATION mbi;

  if (VirtualQuery (map, &mbi, sizeof mbi) == 0)
    return errno_from_win32 (GetLastError ());
  *size = (uint64_t) mbi.RegionSize;
  return 0;
}

static int
win32_open (ShmviewBackend             *b,
            const ShmviewBackendTarget *t)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  int created = 0;
  int err = 0;
  wchar_t *name;
  HANDLE h;
  void *map;

  if (t->name == NULL)
    return EINVAL;
  if ((name = wide_name (t->name, &err)) == NULL)
    return err;
  h = create_or_open (name, t, &created, &err);
  free (name);
  if (h == NULL)
    return err;

  map = MapViewOfFile (h, read_only ? FILE_MAP_READ : FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, 0);
  if (map == NULL)
    {
      err = errno_from_win32 (GetLastError ());
      CloseHandle (h); /* what we created goes with its only handle */
      return err;
    }
  if ((err = view_size (map, &b->map_size)) != 0)
    {
      UnmapViewOfFile (map);
      CloseHandle (h);
      return err;
    }
  b->handle = h;
  b->map = map;
  b->open_size = b->map_size;
  b->read_only = read_only;
  b->created = created;
  return 0;
}

static int
win32_check (ShmviewBackend *b,
             uint64_t       *size,
             int            *removed)
{
  *size = b->map_size;
  *removed = 0;
  return 0;
}

static int
win32_remove (ShmviewBackend *b)
{
  return ENOTSUP;
}

static int
win32_stat (ShmviewBackend     *b,
            ShmviewBackendInfo *info)
{
  memset (info, 0, sizeof *info);
  info->size = b->map_size;
  info->mode = b->read_only ? 0400 : 0600;
  info->nattch = -1;
  info->id = -1;
  info->cpid = -1;
  info->lpid = -1;
  return 0;
}

static void
win32_close (ShmviewBackend *b)
{
  if (b->map != NULL)
    UnmapViewOfFile (b->map);
  if (b->handle != NULL)
    CloseHandle (b->handle);
  b->map = NULL;
  b->map_size = 0;
  b->handle = NULL;
}

static int
win32_remove_target (const ShmviewBackendTarget *t)
{
  return ENOTSUP;
}

const ShmviewBackendOps shmview_backend_win32_ops = {
  .name = "win32",
  .open = win32_open,
  .check = win32_check,
  SHMVIEW_BACKEND_VIEW_OPS,
  .resize = shmview_backend_unsupported_resize,
  .remove = win32_remove,
  .stat = win32_stat,
  .close = win32_close,
  .remove_target = win32_remove_target,
};
