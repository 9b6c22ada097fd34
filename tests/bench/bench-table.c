/* bench-table.c: one line per measure, gathered by scripts/bench
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-table.h"

gboolean
bench_table_row (const char *measure,
                 const char *shmview,
                 const char *anchor,
                 double      ratio,
                 gboolean    at_least,
                 double      goal,
                 const char *unit)
{
  gboolean holds = at_least ? ratio >= goal : ratio <= goal;

  g_print ("bench-row: %s | %s | %s | %.2f%s | %s %.2f%s | %s\n", measure, shmview,
           anchor != NULL ? anchor : "-", ratio, unit, at_least ? ">=" : "<=", goal, unit,
           holds ? "holds" : "MISSED");
  return holds;
}
