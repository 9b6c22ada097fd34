/* bench-cli-util.h: what the shmtool benchmarks share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BENCH_CLI_MIB ((gsize) 1024 * 1024)
#define BENCH_CLI_GIB ((gsize) 1024 * 1024 * 1024)

/* Creates a POSIX object of @size bytes with a name unique to this process,
 * every page written (no holes), with data in which no 16-byte row repeats
 * the one before; returns the name ("/shmview-bench-…"). Aborts on failure. */
char    *bench_cli_region_create (const char         *tag,
                                  gsize               size);
void     bench_cli_region_remove (const char         *name);
/* Maps the object read-only, every page present (the in-process baseline). */
const guint8 *bench_cli_region_map (const char       *name,
                                    gsize             size);
/* Runs @argv with stdout to /dev/null and returns the wall time in seconds
 * from spawn to exit; aborts unless it exits 0. */
double   bench_cli_time_command  (const char * const *argv);
/* The same with stdout into a pipe that this process reads to the end and
 * throws away: a consumer that really takes every byte. */
double   bench_cli_time_command_piped (const char * const *argv);
/* TRUE after printing why, when @path is not an executable here. */
gboolean bench_cli_missing       (const char         *path);
/* Prints "WHAT: ratio R (goal >= G): met|MISSED". */
void     bench_cli_report_ratio  (const char         *what,
                                  double              ratio,
                                  double              goal);

G_END_DECLS
