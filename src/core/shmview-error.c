/* shmview-error.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "shmview-error.h"

/**
 * shmview_error_quark:
 *
 * Returns: the #GQuark of %SHMVIEW_ERROR, the domain of every error the
 *   core reports
 */
G_DEFINE_QUARK (shmview-error-quark, shmview_error)

/**
 * shmview_error_from_errno:
 * @errsv: an errno value
 *
 * Returns: the #ShmviewError code a caller can act on for @errsv:
 *   %SHMVIEW_ERROR_NOT_FOUND for ENOENT, %SHMVIEW_ERROR_PERMISSION for
 *   EACCES, and so on; %SHMVIEW_ERROR_FAILED for the rest
 */
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
 * @error: return location for a #GError, or %NULL
 * @errsv: the errno value, saved right after the call that failed
 * @format: printf()-style context, e.g. "Could not map the region"
 * @...: the arguments of @format
 *
 * Sets @error to "CONTEXT: strerror (@errsv)" in %SHMVIEW_ERROR, with the
 * code shmview_error_from_errno() picks.
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
