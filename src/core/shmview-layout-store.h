/* shmview-layout-store.h: which header and type each region was last read with
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A layout placed on a region: the header, the type, where and how many. */
typedef struct
{
  char    *header;      /* absolute path of the .h */
  char    *type_name;
  GStrv    clang_args;  /* "-I…", "-D…"; may be NULL */
  guint64  offset;
  guint64  count;       /* >= 1 */
} ShmviewLayoutPlacement;

ShmviewLayoutPlacement *shmview_layout_placement_new   (const char                   *header,
                                                        const char                   *type_name,
                                                        const char * const           *clang_args,
                                                        guint64                       offset,
                                                        guint64                       count);
ShmviewLayoutPlacement *shmview_layout_placement_copy  (const ShmviewLayoutPlacement *placement);
void                    shmview_layout_placement_free  (ShmviewLayoutPlacement       *placement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewLayoutPlacement, shmview_layout_placement_free)

ShmviewLayoutPlacement *shmview_layout_store_lookup    (const char                   *spec,
                                                        GError                      **error);
gboolean                shmview_layout_store_remember  (const char                   *spec,
                                                        const ShmviewLayoutPlacement *placement,
                                                        GError                      **error);

G_END_DECLS
