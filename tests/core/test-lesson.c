/* test-lesson.c: the writer/reader lesson, in two processes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classic IPC example: a server creates a named 256-byte mapping and
 * copies "ezhchai" into it; a client started later opens it read-only by
 * name and prints the string, and fails cleanly if the server has not run.
 *
 * The other process is this same binary started in a helper mode:
 *   test-lesson --server NAME     create with the region API, write "ezhchai"
 *   test-lesson --client NAME     open read-only with the region API, puts()
 *   test-lesson --c-server NAME   the classic server: shm_open, mmap, strcpy
 *   test-lesson --c-client NAME   the classic client: shm_open, mmap, puts
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gio.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-region.h"
#include "test-util.h"

#define LESSON_SIZE 256

static char *self_path;

/* ---- the helper modes (run in the child) ------------------------------- */

static int
run_server (const char *name)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  region = shmview_region_open_text (name, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     LESSON_SIZE, 0, &error);
  if (region == NULL || !shmview_region_write (region, 0, (const guint8 *) "ezhchai", 8, &error))
    {
      fprintf (stderr, "server: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
run_client (const char *name)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  char buf[LESSON_SIZE + 1] = { 0 };

  region = shmview_region_open_text (name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  if (region == NULL
      || !shmview_region_read (region, 0, (guint8 *) buf, LESSON_SIZE, &error))
    {
      fprintf (stderr, "client: %s\n", error->message);
      return 1;
    }
  puts (buf);
  return 0;
}

static int
run_c_server (const char *name)
{
  int fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);
  char *map;

  if (fd < 0 || ftruncate (fd, LESSON_SIZE) != 0)
    return 1;
  map = mmap (NULL, LESSON_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    return 1;
  strcpy (map, "ezhchai");
  munmap (map, LESSON_SIZE);
  close (fd);
  return 0;
}

static int
run_c_client (const char *name)
{
  int fd = shm_open (name, O_RDONLY, 0);
  char *map;

  if (fd < 0)
    {
      perror ("c-client");
      return 1;
    }
  map = mmap (NULL, LESSON_SIZE, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    return 1;
  puts (map);
  munmap (map, LESSON_SIZE);
  close (fd);
  return 0;
}

/* ---- the parent -------------------------------------------------------- */

/* Runs this binary in @mode on @name; returns its exit status. */
static int
run_helper (const char  *mode,
            const char  *name,
            char       **out,
            char       **err)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, self_path, mode, name, NULL);
  g_assert_no_error (error);
  return shmview_test_communicate (proc, out, err);
}

static void
assert_reads_lesson (const char *name)
{
  g_autoptr(ShmviewRegion) region = core_test_open_lesson (name);

  g_assert_cmpuint (shmview_region_get_size (region), ==, LESSON_SIZE);
}

static void
test_client_before_server (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("MapTrans");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("A client started before the server fails cleanly: NOT_FOUND in words, "
                  "exit status 1, no crash, and nothing gets created");

  region = shmview_region_open_text (name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (region);

  g_assert_cmpint (run_helper ("--client", name, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "client: No such shared memory region\n");
  g_assert_cmpint (shm_open (name, O_RDONLY, 0), ==, -1);
}

static void
test_server_then_client (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("MapTrans");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_test_summary ("A server process creates the 256-byte region and writes \"ezhchai\"; after "
                  "it exited, this process and a client process read it read-only by name");

  g_assert_cmpint (run_helper ("--server", name, NULL, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_reads_lesson (name);

  g_assert_cmpint (run_helper ("--client", name, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ezhchai\n");

  /* A second server must not clobber the first one's region. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_helper ("--server", name, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==, "server: A region with this name already exists\n");
  assert_reads_lesson (name);

  shmview_test_posix_unlink (name);
}

static void
test_classic_programs (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("MapTrans");
  g_autofree char *name2 = shmview_test_unique_posix_name ("MapTrans");
  g_autofree char *out = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("The lesson with the classic programs on the other side: a plain "
                  "shm_open/mmap/strcpy server, and a plain shm_open/mmap/puts client");

  g_assert_cmpint (run_helper ("--c-server", name, NULL, NULL), ==, 0);
  assert_reads_lesson (name);

  region = shmview_region_open_text (name2, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     LESSON_SIZE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "ezhchai", 8, &error));
  g_assert_cmpint (run_helper ("--c-client", name2, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ezhchai\n");

  shmview_test_posix_unlink (name);
  shmview_test_posix_unlink (name2);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *mode;
    int (*run) (const char *name);
  } modes[] = {
    { "--server", run_server },
    { "--client", run_client },
    { "--c-server", run_c_server },
    { "--c-client", run_c_client },
  };

  if (argc == 3)
    for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
      if (strcmp (argv[1], modes[i].mode) == 0)
        return modes[i].run (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/lesson/client-before-server", test_client_before_server);
  g_test_add_func ("/core/lesson/server-then-client", test_server_then_client);
  g_test_add_func ("/core/lesson/classic-programs", test_classic_programs);

  return g_test_run ();
}
