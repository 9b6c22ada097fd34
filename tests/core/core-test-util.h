/* core-test-util.h: what the core's test programs share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region under test is made through the core; what the tests check it
 * against is a second opinion from plain system calls (another descriptor,
 * pread, fstat), as another process would see it.
 */
#pragma once

#include <glib.h>

#include "shmview-region.h"

G_BEGIN_DECLS

/* The lesson's bytes: the C string a server copies into MapTrans. */
#define CORE_TEST_LESSON     "ezhchai"
#define CORE_TEST_LESSON_LEN 8   /* with its NUL */

/* Creates the region @spec_text names, exclusively, @size bytes, mode 0600,
 * holding "ezhchai\0" at 0 when @lesson. Fails the test unless it works. */
ShmviewRegion *core_test_create_region (const char    *spec_text,
                                        guint64        size,
                                        gboolean       lesson);

/* A POSIX region made for a test, and a second descriptor of the same
 * object: what another process would read, write or truncate it with. */
typedef struct
{
  char          *name;    /* "/shmview-test-…" */
  ShmviewRegion *region;
  int            fd;      /* O_RDWR, not through the region */
} CoreTestPosix;

void           core_test_posix_init    (CoreTestPosix *posix,
                                        const char    *tag,
                                        guint64        size,
                                        gboolean       lesson);
/* Asserts the region is not leaked, closes the descriptor, unlinks. */
void           core_test_posix_clear   (CoreTestPosix *posix);

/* Opens @spec_text read-only, as the lesson's client does, and asserts it
 * holds the lesson's bytes at 0. */
ShmviewRegion *core_test_open_lesson   (const char    *spec_text);

/* Opens @spec_text read-only, asserts it reads the lesson's bytes at 0 and
 * refuses write, fill and (but for System V, which cannot resize at all)
 * resize with PERMISSION, also for a range past the end, which is not even
 * looked at. The caller checks that nothing changed. */
void           core_test_assert_read_only (const char *spec_text);

/* Asserts that the @length bytes at @offset of @fd are @expected. */
void           core_test_assert_fd_bytes (int          fd,
                                          goffset      offset,
                                          const void  *expected,
                                          gsize        length);

/* shmview_region_copy_to_fd() into a new file opened with @oflags added
 * (O_APPEND makes sendfile refuse it, so the plain path runs). Returns what
 * the file holds afterwards, also when the copy failed (@error set). */
GBytes        *core_test_copy_to_file  (ShmviewRegion *region,
                                        guint64        offset,
                                        guint64        length,
                                        int            oflags,
                                        GError       **error);

/* The same into a non-blocking pipe that another thread drains slowly: the
 * copy must wait for room rather than fail. Returns what came through. */
GBytes        *core_test_copy_through_pipe (ShmviewRegion *region,
                                            guint64        offset,
                                            guint64        length,
                                            GError       **error);

/* The mappings this process has of the file at @path ("/dev/shm/NAME"), as
 * /proc/self/maps lists them and other tools count attaches by: "PERMS:BYTES"
 * each (BYTES a whole number of pages), sorted, space-separated; "" when
 * none. E.g. "r--s:4096 rw-s:8192". */
char          *core_test_mappings      (const char    *path);

G_END_DECLS
