/* shmview-backend-common.c: what every backend shares, POSIX and Win32 alike
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two families of backends use these helpers:
 * - all of them: shmview_backend_init() and shmview_backend_write_all();
 * - the "view" backends, whose object has a fixed size and is reached
 *   through one mapping made at open (System V attachments, Win32 views):
 *   b->map and b->map_size are the whole object, and reads, writes and
 *   fills are guarded copies checked against map_size. The object can
 *   neither shrink nor go away while the view exists.
 *
 * This file builds with libc alone on Linux and with mingw-w64 for Windows
 * (see shmview-backend-win32.c): no GLib, no POSIX-only call outside the
 * #ifndef _WIN32 parts.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#ifdef _WIN32
#include <io.h>
#else
#include <poll.h>
#include <unistd.h>
#endif

#include "shmview-backend.h"
#include "shmview-guard.h"

void
shmview_backend_init (ShmviewBackend *b)
{
  memset (b, 0, sizeof *b);
  b->fd = -1;
  b->id = -1;
}

#ifdef _WIN32
/* The C runtime's descriptors block: there is nothing to wait for. */
int
shmview_backend_wait_writable (int out)
{
  return EAGAIN;
}

static long
write_some (int         out,
            const void *p,
            size_t      length)
{
  /* _write takes an unsigned int count. */
  return _write (out, p, length > 0x40000000u ? 0x40000000u : (unsigned) length);
}
#else
int
shmview_backend_wait_writable (int out)
{
  struct pollfd p = { .fd = out, .events = POLLOUT };

  while (poll (&p, 1, -1) < 0)
    if (errno != EINTR)
      return errno;
  return 0;
}

static long
write_some (int         out,
            const void *p,
            size_t      length)
{
  return (long) write (out, p, length);
}
#endif

int
shmview_backend_write_all (int         out,
                           const void *data,
                           size_t      length)
{
  const char *p = data;
  int err;

  while (length > 0)
    {
      long n = write_some (out, p, length);

      if (n >= 0)
        {
          p += n;
          length -= (size_t) n;
        }
      else if (errno == EAGAIN || errno == EWOULDBLOCK)
        {
          if ((err = shmview_backend_wait_writable (out)) != 0)
            return err;
        }
      else if (errno != EINTR)
        return errno;
    }
  return 0;
}

int
shmview_backend_guarded_store (void       *dest,
                               const void *data,
                               int         byte,
                               size_t      length)
{
  return data != NULL ? shmview_guard_copy (dest, data, length)
                      : shmview_guard_set (dest, byte, length);
}

static int
view_check_range (ShmviewBackend *b,
                  uint64_t        offset,
                  uint64_t        length)
{
  if (offset > b->map_size || length > b->map_size - offset)
    return ERANGE;
  return 0;
}

int
shmview_backend_view_read (ShmviewBackend *b,
                           uint64_t        offset,
                           void           *buffer,
                           size_t          length,
                           size_t         *n_read)
{
  int err;

  *n_read = 0;
  if ((err = view_check_range (b, offset, length)) != 0)
    return err;
  if ((err = shmview_guard_copy (buffer, (const char *) b->map + offset, length)) != 0)
    return err;
  *n_read = length;
  return 0;
}

static int
view_check_writable (ShmviewBackend *b,
                     uint64_t        offset,
                     uint64_t        length)
{
  return b->read_only ? EACCES : view_check_range (b, offset, length);
}

int
shmview_backend_view_write (ShmviewBackend *b,
                            uint64_t        offset,
                            const void     *data,
                            size_t          length)
{
  int err = view_check_writable (b, offset, length);

  return err != 0 ? err : shmview_guard_copy ((char *) b->map + offset, data, length);
}

int
shmview_backend_view_fill (ShmviewBackend *b,
                           uint64_t        offset,
                           int             byte,
                           uint64_t        length)
{
  int err = view_check_writable (b, offset, length);

  return err != 0 ? err : shmview_guard_set ((char *) b->map + offset, byte, (size_t) length);
}

/* Straight from the view, with no buffer between: the object can neither
 * shrink nor go away while it is mapped, so that copy cannot fault. */
int
shmview_backend_view_copy_to_fd (ShmviewBackend *b,
                                 uint64_t        offset,
                                 uint64_t        length,
                                 int             out,
                                 int            *out_failed)
{
  int err;

  *out_failed = 0;
  if ((err = view_check_range (b, offset, length)) != 0)
    return err;
  if ((err = shmview_backend_write_all (out, (const char *) b->map + offset, length)) != 0)
    *out_failed = 1;
  return err;
}

int
shmview_backend_unsupported_resize (ShmviewBackend *b,
                                    uint64_t        size)
{
  return ENOTSUP;
}
