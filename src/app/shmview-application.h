/* shmview-application.h: the GtkApplication (command line, app actions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `shmview [SPEC...] [--read-only] [--interval MS] [--create SPEC --size N
 * [--mode OCTAL]]`. The command line is handled by the primary instance, so a
 * second `shmview SPEC` from a terminal opens a tab in the running window and
 * gets its messages and exit status back: 0 done, 1 a region could not be
 * opened (also shown in the window), 2 bad arguments (nothing done).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHMVIEW_TYPE_APPLICATION (shmview_application_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewApplication, shmview_application, SHMVIEW, APPLICATION, GtkApplication)

ShmviewApplication *shmview_application_new (void);
/* g_application_run(), except that the status of this process's own command
 * line counts even when its window kept the app running: `shmview MISSING`
 * exits with 1 once the window is closed. */
int                 shmview_application_run (ShmviewApplication  *self,
                                             int                  argc,
                                             char               **argv);

G_END_DECLS
