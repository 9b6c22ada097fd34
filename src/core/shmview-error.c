/* shmview-error.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "shmview-error.h"

G_DEFINE_QUARK (shmview-error-quark, shmview_error)

ShmviewError
shmview_error_from_errno (int errsv)
{
  switch (errsv)
    {
    case ENOENT:
    case EIDRM:
      return SHMVIEW_ERROR_NOT_FOUND;
    case EEXIST:
      return SHMVIEW_ERROR_EXISTS;
    case EACCES:
    case EPERM:
    case EROFS:
      return SHMVIEW_ERROR_PERMISSION;
    case EINVAL:
    case ENAMETOOLONG:
    case EISDIR:
    case ENOTDIR:
      return SHMVIEW_ERROR_INVALID_ARGUMENT;
    case ELOOP:
      return SHMVIEW_ERROR_SYMLINK;
    case ERANGE:
    case EFBIG:
    case ENXIO:
      return SHMVIEW_ERROR_OUT_OF_RANGE;
    case ENOSYS:
    case EOPNOTSUPP:
      return SHMVIEW_ERROR_UNSUPPORTED;
    default:
      return SHMVIEW_ERROR_FAILED;
    }
}

/**
 * shmview_set_error_from_errno:
 * Sets @error to "<formatted context>: <strerror (errsv)>" in SHMVIEW_ERROR,
 * with the code shmview_error_from_errno() picks.
 */
void
shmview_set_error_from_errno (GError     **error,
                              int          errsv,
                              const char  *format,
                              ...)
{
  g_autofree char *context = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SHMVIEW_ERROR, shmview_error_from_errno (errsv),
               "%s: %s", context, g_strerror (errsv));
}
