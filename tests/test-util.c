/* test-util.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-util.h"

char *
shmview_test_unique_posix_name (const char *tag)
{
  static gint counter;

  return g_strdup_printf ("/shmview-test-%d-%d-%s", (int) getpid (),
                          g_atomic_int_add (&counter, 1), tag);
}

static char *temp_dir;

static void
remove_temp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (temp_dir);
}

char *
shmview_test_temp_path (const char *basename)
{
  if (temp_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("shmview-test-XXXXXX", NULL);
      g_assert_nonnull (temp_dir);
      atexit (remove_temp_dir);
    }
  return g_build_filename (temp_dir, basename, NULL);
}

void
shmview_test_posix_unlink (const char *name)
{
  if (shm_unlink (name) != 0 && errno != ENOENT)
    g_test_message ("shm_unlink %s: %s", name, g_strerror (errno));
}

gboolean
shmview_test_skip_without_sysv (void)
{
  int id = shmget (IPC_PRIVATE, 4096, IPC_CREAT | 0600);

  if (id < 0)
    {
      g_test_skip_printf ("System V shm unavailable here: %s", g_strerror (errno));
      return TRUE;
    }
  shmctl (id, IPC_RMID, NULL);
  return FALSE;
}

char *
shmview_test_build_path (const char *relpath)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  if (g_str_has_suffix (relpath, "shmtool") && g_getenv ("SHMTOOL") != NULL)
    return g_strdup (g_getenv ("SHMTOOL"));
  if (g_str_has_suffix (relpath, "shmview") && g_getenv ("SHMVIEW") != NULL)
    return g_strdup (g_getenv ("SHMVIEW"));
  g_assert_nonnull (builddir);
  return g_build_filename (builddir, "..", relpath, NULL);
}
