/* shmtool-layout.h: --layout FILE.h --type NAME, shared by read, write and watch
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmtool-private.h"
#include "shmview-layout.h"

G_BEGIN_DECLS

typedef struct
{
  /* from the command line */
  char          *header;
  char          *type_name;
  char         **includes;
  char         **defines;
  char          *count_text;   /* read, write */
  char         **assignments;  /* write: PATH=VALUE */
  /* made from them */
  guint64        count;
  ShmviewLayout *layout;
  GBytes        *old_bytes;    /* watch: the last look */
} ShmtoolLayout;

/* The options every command with --layout takes, for its GOptionEntry table. */
#define SHMTOOL_LAYOUT_OPTIONS(l) \
  { "layout", 0, 0, G_OPTION_ARG_FILENAME, &(l)->header, \
    "Read the bytes as a C type declared in this header", "FILE.h" }, \
  { "type", 0, 0, G_OPTION_ARG_STRING, &(l)->type_name, \
    "The type: “struct shared”, “shared” or a typedef's name", "NAME" }, \
  { "include-dir", 'I', 0, G_OPTION_ARG_FILENAME_ARRAY, &(l)->includes, \
    "A directory the header's #include lines search (repeatable)", "DIR" }, \
  { "define", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &(l)->defines, \
    "A macro the header needs, NAME or NAME=VALUE (repeatable)", "NAME" }
#define SHMTOOL_LAYOUT_COUNT_OPTION(l) \
  { "count", 'n', 0, G_OPTION_ARG_STRING, &(l)->count_text, \
    "With --layout: N of the type in a row (an array)", "N" }

void       _shmtool_layout_clear         (ShmtoolLayout  *layout);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShmtoolLayout, _shmtool_layout_clear)

gboolean   _shmtool_layout_requested     (const ShmtoolLayout *layout);
gboolean   _shmtool_layout_check_usage   (const char     *command,
                                          ShmtoolLayout  *layout);
gboolean   _shmtool_layout_load          (ShmtoolLayout  *layout,
                                          GError        **error);
gboolean   _shmtool_layout_print         (const ShmtoolLayout *layout,
                                          ShmviewRegion  *region,
                                          guint64         offset,
                                          gboolean        json,
                                          GError        **error);
gboolean   _shmtool_layout_write         (const ShmtoolLayout *layout,
                                          ShmviewRegion  *region,
                                          guint64         offset,
                                          GError        **error);
gboolean   _shmtool_layout_watch_start   (ShmtoolLayout  *layout,
                                          ShmviewRegion  *region,
                                          guint64         offset,
                                          GError        **error);
GPtrArray *_shmtool_layout_watch_changes (ShmtoolLayout  *layout,
                                          ShmviewRegion  *region,
                                          guint64         offset,
                                          GError        **error);

G_END_DECLS

G_BEGIN_DECLS
int        _shmtool_layout_run_read      (ShmtoolTarget  *target,
                                          ShmtoolLayout  *layout,
                                          gboolean        json);
int        _shmtool_layout_run_write     (ShmtoolTarget  *target,
                                          ShmtoolLayout  *layout);
G_END_DECLS
