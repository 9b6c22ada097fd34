/* shmview-errors-ui.h: core errors in words a student understands
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "shmview-spec.h"

G_BEGIN_DECLS

/* A translated sentence for @error about the region @what (a spec or name):
 * "There is no shared memory region called “MapTrans” yet. Create it first,
 * or check the name." Falls back to the error's own message. */
char *shmview_describe_error (const GError *error,
                              const char   *what);

/* The same about the spec @spec as the user gave it (a command line, the
 * region list), shown escaped where it is not UTF-8. */
char *shmview_describe_spec_error (const GError *error,
                                   const char   *spec);

/* "POSIX", "System V", "File", translated (context "region kind"). */
const char *shmview_describe_kind (ShmviewRegionKind kind);

G_END_DECLS
