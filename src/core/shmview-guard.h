/* shmview-guard.h: copying to and from a mapping without dying of SIGBUS
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the core, libc only. Touching a page of a MAP_SHARED mapping
 * that lies past the end of the object (because another process shrank it)
 * raises SIGBUS. The guard installs one process-wide SIGBUS handler; while a
 * thread is inside shmview_guard_copy() or shmview_guard_set(), a fault on the
 * bytes being copied jumps back out of the copy, which then returns EFAULT.
 * Any other SIGBUS goes to the handler that was installed before ours (or
 * kills the process as it would have without us).
 */
#pragma once

#include <stddef.h>

/* Installs the handler once per process; later calls do nothing.
 * Returns 0 or an errno value. Thread-safe. */
int  shmview_guard_init (void);

/* memcpy (@dst, @src, @n); returns 0, or EFAULT when a SIGBUS hit either
 * range part way (some bytes may have been copied). */
int  shmview_guard_copy (void       *dst,
                         const void *src,
                         size_t      n);

/* memset (@dst, @byte, @n), guarded the same way. */
int  shmview_guard_set  (void       *dst,
                         int         byte,
                         size_t      n);
