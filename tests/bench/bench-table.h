/* bench-table.h: one line per measure, gathered by scripts/bench
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every benchmark prints, next to its own explanation, one line per goal:
 *   bench-row: MEASURE | SHMVIEW | ANCHOR | RATIO | GOAL | holds
 * scripts/bench collects them into one table. A measure without an anchor
 * (an absolute goal) has "-" there, and its ratio is the figure itself.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints the row and returns whether the goal holds: @ratio <= @goal, or
 * >= when @at_least. */
gboolean bench_table_row (const char *measure,
                          const char *shmview,
                          const char *anchor,
                          double      ratio,
                          gboolean    at_least,
                          double      goal,
                          const char *unit);

G_END_DECLS
