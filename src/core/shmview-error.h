/* shmview-error.h: the error domain shared by the core, the CLI and the app
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHMVIEW_ERROR (shmview_error_quark ())

/**
 * ShmviewError:
 * Codes a caller can act on. The CLI maps INVALID_ARGUMENT to exit status 2
 * only for usage errors it detects itself; every error from the core is a
 * run-time failure (exit 1).
 */
typedef enum
{
  SHMVIEW_ERROR_FAILED,
  SHMVIEW_ERROR_NOT_FOUND,        /* no such region */
  SHMVIEW_ERROR_EXISTS,           /* create without replace, and it exists */
  SHMVIEW_ERROR_PERMISSION,       /* EACCES/EPERM, or a write to a read-only attach */
  SHMVIEW_ERROR_INVALID_ARGUMENT, /* bad name, size, offset, hex text, mode */
  SHMVIEW_ERROR_OUT_OF_RANGE,     /* offset/length outside the region */
  SHMVIEW_ERROR_SHRUNK,           /* the object got smaller under us */
  SHMVIEW_ERROR_SYMLINK,          /* file: path is a symbolic link, and following was not asked */
  SHMVIEW_ERROR_UNSUPPORTED,      /* e.g. resizing a System V segment */
  SHMVIEW_ERROR_NO_SPACE,         /* a write stopped part way though the size still covered it:
                                   * no page to be had (a full tmpfs, a quota) or an I/O error;
                                   * part of the data may have been written */
} ShmviewError;

GQuark       shmview_error_quark          (void);
ShmviewError shmview_error_from_errno     (int          errsv);
void         shmview_set_error_from_errno (GError     **error,
                                           int          errsv,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
