/* shmview-watcher-private.h: what the watcher's tests and benchmarks drive
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shmview-watcher.h"

G_BEGIN_DECLS

/* Runs one complete comparison of the whole region in the calling thread,
 * unpaced (the watcher must not be running): what the worker spreads over
 * its slices. Its reports are delivered like the worker's. */
void _shmview_watcher_run_sweep (ShmviewWatcher *self);

G_END_DECLS
