/* test-cleanup.c: the tests' cleanup net holds when a test dies
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failed assertion aborts a test program before its teardown runs, a
 * warning (fatal under g_test) stops it with SIGTRAP, and a timeout kills it
 * with SIGTERM. Whatever the tests made must not outlive them in any of
 * these ways (tests/test-util.h). Each test here runs this program
 * again as a child that makes one object of every kind, says which, and
 * dies; the parent then checks that every one of them is gone.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-util.h"

#define CHILD_ENV "SHMVIEW_TEST_CLEANUP_CHILD"

static const char *self_path;

/* ---- the child: make things, then die ---------------------------------- */

static void
make_posix (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("doomed");
  int fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);

  g_assert_no_errno (fd);
  close (fd);
  printf ("made posix %s\n", name);
}

static void
make_sysv (void)
{
  int id = shmview_test_sysv_private (64, 0600);
  gint32 key = (gint32) (g_random_int () | 0x10000000u);
  int keyed = shmget ((key_t) key, 64, IPC_CREAT | IPC_EXCL | 0600);

  g_assert_no_errno (keyed);
  shmview_test_track_sysv_key (key);
  printf ("made sysv %d\n", id);
  printf ("made sysv %d\n", keyed);
}

/* A file, and one in a directory of its own: whatever a test leaves in the
 * private directory goes with it, however it got there. */
static void
make_files (void)
{
  g_autofree char *path = shmview_test_temp_path ("doomed.bin");
  g_autofree char *dir = shmview_test_temp_path ("doomed-dir");
  g_autofree char *nested = g_build_filename (dir, "nested.bin", NULL);
  g_autofree char *private_dir = g_path_get_dirname (path);

  g_assert_true (g_file_set_contents (path, "doomed", -1, NULL));
  g_assert_no_errno (g_mkdir (dir, 0700));
  g_assert_true (g_file_set_contents (nested, "doomed", -1, NULL));
  printf ("made file %s\n", path);
  printf ("made file %s\n", nested);
  printf ("made file %s\n", private_dir);
}

static void
child_dies (gconstpointer data)
{
  const char *how = data;

  make_posix ();
  make_sysv ();
  make_files ();
  fflush (stdout);

  if (strcmp (how, "sigterm") == 0)
    raise (SIGTERM);
  if (strcmp (how, "warning") == 0)
    g_warning ("A warning, which g_test makes fatal");
  /* The failure every test can have: an assertion that does not hold. */
  g_assert_cmpstr (how, ==, "an assertion that holds");
}

/* ---- the parent: run the child, check what it left --------------------- */

/* Runs the child test @how; returns its stdout. It must die of @signum. */
static char *
run_child (const char *how,
           int         signum)
{
  g_autofree char *path = g_strdup_printf ("/cleanup/child/%s", how);
  const char *argv[] = { self_path, "-p", path, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, CHILD_ENV, "1", TRUE);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, signum);
  return out;
}

static void
assert_gone (const char *kind,
             const char *what)
{
  g_test_message ("checking %s %s", kind, what);
  if (strcmp (kind, "posix") == 0)
    {
      g_assert_cmpint (shm_open (what, O_RDONLY, 0), ==, -1);
      g_assert_cmpint (errno, ==, ENOENT);
    }
  else if (strcmp (kind, "sysv") == 0)
    {
      struct shmid_ds ds;

      g_assert_cmpint (shmctl (atoi (what), IPC_STAT, &ds), ==, -1);
    }
  else
    g_assert_false (g_file_test (what, G_FILE_TEST_EXISTS));
}

/* Every "made KIND WHAT" line of @out names something that must be gone. */
static void
assert_all_gone (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint made = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);

      if (g_strv_length (words) != 3 || strcmp (words[0], "made") != 0)
        continue;
      assert_gone (words[1], words[2]);
      made++;
    }
  /* A POSIX object, two segments, two files and the directory. */
  g_assert_cmpuint (made, ==, 6);
}

/* A way for a test to die, and what it must leave behind: nothing. */
typedef struct
{
  const char *path;     /* this test's */
  const char *how;      /* the child test that dies so */
  int         signum;   /* what the child must die of */
  const char *summary;
} Death;

static const Death deaths[] = {
  { "/cleanup/failed-assertion", "assert", SIGABRT,
    "A test whose assertion fails (SIGABRT, no teardown) leaves no POSIX object, "
    "System V segment or temporary file behind" },
  { "/cleanup/fatal-warning", "warning", SIGTRAP,
    "A test stopped by a fatal warning (SIGTRAP, as a GLib or GTK warning or critical "
    "under g_test ends) leaves nothing behind either" },
  { "/cleanup/killed", "sigterm", SIGTERM,
    "A test killed by SIGTERM (as a timeout does) leaves nothing behind either" },
};

static void
test_dies (gconstpointer data)
{
  const Death *death = data;
  g_autofree char *out = NULL;

  g_test_summary (death->summary);
  if (shmview_test_skip_without_sysv ())
    return;

  out = run_child (death->how, death->signum);
  assert_all_gone (out);
}

int
main (int    argc,
      char **argv)
{
  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The parent's tests, or (in a child they start) the ways to die: a
   * child registers only those, so a plain run lists no test it skips. */
  for (gsize i = 0; i < G_N_ELEMENTS (deaths) && g_getenv (CHILD_ENV) == NULL; i++)
    g_test_add_data_func (deaths[i].path, &deaths[i], test_dies);
  for (gsize i = 0; i < G_N_ELEMENTS (deaths) && g_getenv (CHILD_ENV) != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/cleanup/child/", deaths[i].how, NULL);

      g_test_add_data_func (path, deaths[i].how, child_dies);
    }

  return g_test_run ();
}
