/* shmview-output.c: writing out to a descriptor we were handed
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "shmview-backend.h"
#include "shmview-output.h"

/**
 * shmview_write_all:
 * @fd: a descriptor open for writing (stdout, a pipe, a file, a socket)
 * @data: (array length=length): the bytes
 * @length: how many
 *
 * Writes all of @data to @fd. Whoever gave us @fd may have made it
 * non-blocking (a program that polls its end of a pipe); then a full pipe
 * answers EAGAIN, and this waits for room instead of failing. It is the
 * same loop the backends use to stream a region out.
 *
 * Returns: 0, or the errno value of the write that failed
 */
int
shmview_write_all (int         fd,
                   const void *data,
                   gsize       length)
{
  g_return_val_if_fail (fd >= 0, EBADF);
  g_return_val_if_fail (data != NULL || length == 0, EINVAL);

  return shmview_backend_write_all (fd, data, length);
}

/**
 * shmview_ensure_std_fds:
 *
 * Opens /dev/null on each of descriptors 0, 1 and 2 that is closed, as
 * coreutils does at startup. Otherwise the first region opened could take
 * number 2 (then an error message would be written into the region) or
 * number 0 (then "read standard input" would read the region itself).
 *
 * Returns: %FALSE when a closed one could not be filled; the caller should
 *   then exit without opening anything
 */
gboolean
shmview_ensure_std_fds (void)
{
  for (int fd = 0; fd <= 2; fd++)
    {
      int got;

      if (fcntl (fd, F_GETFD) >= 0 || errno != EBADF)
        continue;
      /* open() returns the lowest free number, which is @fd itself. */
      got = open ("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
      if (got != fd)
        {
          if (got >= 0)
            close (got);
          return FALSE;
        }
    }
  return TRUE;
}
