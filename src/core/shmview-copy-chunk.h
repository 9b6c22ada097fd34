/* shmview-copy-chunk.h: how much is read and written at a time when streaming
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C, no GLib: the libc backends include it as well as the CLI.
 */
#pragma once

/* Bytes per read()+write() when a region or a stream is copied in pieces:
 * big enough to amortise each call, small enough that 1 GiB never sits in
 * memory. Measured over 1 GiB: 256 KiB is as fast as 1 or 4 MiB (the buffer
 * stays in the CPU cache between the read and the write) and 15% faster
 * than 64 KiB. */
#define SHMVIEW_COPY_CHUNK (256 * 1024)
