/* shmview-change-log.h: the list of changes found in a region, newest first
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "shmview-watcher.h"

G_BEGIN_DECLS

/* The log keeps at most this many entries; the oldest go first. */
#define SHMVIEW_CHANGE_LOG_MAX 10000

typedef enum
{
  SHMVIEW_CHANGE_LOG_CSV,
  SHMVIEW_CHANGE_LOG_JSON_LINES,
} ShmviewChangeLogFormat;

#define SHMVIEW_TYPE_CHANGE_LOG (shmview_change_log_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewChangeLog, shmview_change_log, SHMVIEW, CHANGE_LOG, GtkBox)

/* Signals:
 *   "select-range" (guint64 offset, guint64 length): an entry was clicked
 * Properties:
 *   "paused" gboolean: new changes are not added while set */
GtkWidget *shmview_change_log_new            (void);
void       shmview_change_log_add            (ShmviewChangeLog           *self,
                                              const ShmviewWatcherChange *change);
/* A range that differs from the snapshot (listed with origin "snapshot"). */
void       shmview_change_log_add_difference (ShmviewChangeLog           *self,
                                              guint64                     offset,
                                              guint64                     length,
                                              GBytes                     *old_bytes,
                                              GBytes                     *new_bytes);
void       shmview_change_log_clear          (ShmviewChangeLog           *self);
guint      shmview_change_log_get_n_entries  (ShmviewChangeLog           *self);
/* Entries the filter lets through (what is on screen). */
guint      shmview_change_log_get_n_shown    (ShmviewChangeLog           *self);
void       shmview_change_log_set_paused     (ShmviewChangeLog           *self,
                                              gboolean                    paused);
gboolean   shmview_change_log_get_paused     (ShmviewChangeLog           *self);
/* Shows only changes that touch [start, end]; NULL text shows all. The
 * text is "0x100-0x1ff", "256-511" or one offset. FALSE when it does not
 * parse (then nothing changes). */
gboolean   shmview_change_log_set_filter     (ShmviewChangeLog           *self,
                                              const char                 *text);
/* The nearest logged change after (forward) or before @cursor. */
gboolean   shmview_change_log_find_next      (ShmviewChangeLog           *self,
                                              guint64                     cursor,
                                              gboolean                    forward,
                                              guint64                    *offset,
                                              guint64                    *length);
/* Row @index as shown (0 = newest) as one line of @format. */
char      *shmview_change_log_dup_row        (ShmviewChangeLog           *self,
                                              guint                       index,
                                              ShmviewChangeLogFormat      format);
/* Selects row @index as shown: emits "select-range". */
void       shmview_change_log_activate_row   (ShmviewChangeLog           *self,
                                              guint                       index);
gboolean   shmview_change_log_export         (ShmviewChangeLog           *self,
                                              GFile                      *file,
                                              ShmviewChangeLogFormat      format,
                                              GError                    **error);

G_END_DECLS
