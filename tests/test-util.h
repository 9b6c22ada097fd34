/* test-util.h: small helpers shared by the test programs
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleanup that survives a failure: a failed assertion aborts the test
 * program without running teardown, a warning or critical from GLib or GTK
 * (fatal under g_test) stops it with SIGTRAP, and a timeout kills it with
 * SIGTERM. Whatever a test makes outside its own memory is therefore
 * registered here as it is made, and removed when the program ends, however
 * it ends (normal exit, SIGABRT, SIGTRAP, SIGTERM, SIGINT, SIGHUP). POSIX names from
 * shmview_test_unique_posix_name() are registered by it (a name a test picks
 * itself, with shmview_test_track_posix()), and the private
 * directory of shmview_test_temp_path() goes with all it holds; System V
 * segments are registered with shmview_test_track_sysv() or
 * shmview_test_track_sysv_key(). Teardown still removes things as usual:
 * this is the net under it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A POSIX shm name unique to this process and test: "/shmview-test-<pid>-<n>-<tag>".
 * Registered for removal at exit. */
char     *shmview_test_unique_posix_name (const char *tag);
/* A path in a private directory of this process, removed with everything in
 * it at exit. */
char     *shmview_test_temp_path         (const char *basename);
/* Registers the POSIX object @name (with leading slash), made under a name
 * of the test's own choosing, for removal at exit. */
void      shmview_test_track_posix       (const char *name);
/* Makes POSIX object @name (with leading slash) of @size bytes, mode 0600,
 * by plain shm_open and ftruncate, as a program that knows nothing of
 * shmview would; fails the test unless both work. Returns its descriptor. */
int       shmview_test_posix_create      (const char *name,
                                          gsize       size);
/* Where the kernel shows POSIX object @name (with leading slash):
 * "/dev/shm/NAME", the file other tools read, stat and map it by. */
char     *shmview_test_posix_path        (const char *name);
/* Removes the POSIX object @name (with leading slash), ignoring ENOENT. */
void      shmview_test_posix_unlink      (const char *name);
/* Registers System V segment @shmid for removal at exit, unless it is gone
 * by then or its id names another segment by then. */
void      shmview_test_track_sysv        (int         shmid);
/* Registers whatever segment has key @key at exit (a key the test picked
 * because nobody used it) for removal. */
void      shmview_test_track_sysv_key    (gint32      key);
/* shmget (IPC_PRIVATE, @size, @mode) that must succeed, registered for removal. */
int       shmview_test_sysv_private      (gsize       size,
                                          int         mode);
/* shmat (@shmid, NULL, @flags), which must succeed: another program's
 * attachment to check a segment against. */
void     *shmview_test_sysv_attach       (int         shmid,
                                          int         flags);
/* g_test_message ("WHAT “TEXT”") with @text escaped: TAP comments must be
 * one line of UTF-8, whatever bytes a test case holds. */
void      shmview_test_note              (const char *what,
                                          const char *text);
/* TRUE (after g_test_skip) when System V shm is not usable here. */
gboolean  shmview_test_skip_without_sysv (void);
/* Path of a built program: $G_TEST_BUILDDIR/../<relpath>, e.g. "src/cli/shmtool".
 * SHMTOOL / SHMVIEW env variables take precedence when set. */
char     *shmview_test_build_path        (const char *relpath);
/* Collects @proc's output (@out, @err nullable; the flags decide which are
 * piped), asserts it exited rather than died, and returns its exit status. */
int       shmview_test_communicate       (GSubprocess *proc,
                                          char       **out,
                                          char       **err);

G_END_DECLS
