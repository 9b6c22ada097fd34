/* shmview-errors-ui.h: core errors in words a student understands
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "shmview-spec.h"

G_BEGIN_DECLS

/* What was being done when the core failed: the sentence says what did not
 * happen ("nothing was read / copied / written / changed"). */
typedef enum
{
  SHMVIEW_ACTION_OPEN,   /* attach, create, remove: nothing was changed */
  SHMVIEW_ACTION_OPEN_READ_ONLY,  /* attach read-only: read-only is no way out */
  SHMVIEW_ACTION_READ,
  SHMVIEW_ACTION_WRITE,
  SHMVIEW_ACTION_COPY,
} ShmviewAction;

/* A translated sentence for @error about the region @what (a name for
 * people to read) of @kind: "There is no shared memory region called
 * “MapTrans” yet. Create it first, or check the name.", "There is no file
 * called “x”. …". Falls back to the error's own message. */
char *shmview_describe_failure (const GError      *error,
                                const char        *what,
                                ShmviewRegionKind  kind,
                                ShmviewAction      action);
/* The same for opening a shared memory region (POSIX or System V). */
char *shmview_describe_error   (const GError *error,
                                const char   *what);

char *shmview_describe_spec_error (const GError  *error,
                                   const char    *spec,
                                   ShmviewAction  action);

/* "POSIX", "System V", "File", translated (context "region kind"). */
const char *shmview_describe_kind (ShmviewRegionKind kind);

G_END_DECLS
