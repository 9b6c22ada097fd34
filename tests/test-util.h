/* test-util.h: small helpers shared by the test programs
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A POSIX shm name unique to this process and test: "/shmview-test-<pid>-<n>-<tag>". */
char     *shmview_test_unique_posix_name (const char *tag);
/* A path for a file region in a fresh private directory (removed at exit). */
char     *shmview_test_temp_path         (const char *basename);
/* Removes the POSIX object @name (with leading slash), ignoring ENOENT. */
void      shmview_test_posix_unlink      (const char *name);
/* TRUE (after g_test_skip) when System V shm is not usable here. */
gboolean  shmview_test_skip_without_sysv (void);
/* Path of a built program: $G_TEST_BUILDDIR/../<relpath>, e.g. "src/cli/shmtool".
 * SHMTOOL / SHMVIEW env variables take precedence when set. */
char     *shmview_test_build_path        (const char *relpath);

G_END_DECLS
