/* test-region-names.c: the cheap list of specs that shell completion uses
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-region-list.h"
#include "shmview-region-names.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *sysvipc;
} Fixture;

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

/* A /dev/shm look-alike: plain objects (one with a space, one not UTF-8),
 * and what is not an object (a directory, a symbolic link); and a
 * /proc/sysvipc/shm look-alike with a keyed and a private segment. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static guint n;
  g_autofree char *dir = g_strdup_printf ("names-shm-%u", n);
  g_autofree char *sysvipc = g_strdup_printf ("names-sysvipc-%u", n++);
  g_autofree char *sub = NULL;
  g_autofree char *link = NULL;

  f->dir = shmview_test_temp_path (dir);
  f->sysvipc = shmview_test_temp_path (sysvipc);
  g_assert_no_errno (g_mkdir (f->dir, 0700));
  touch (f->dir, "MapTrans");
  touch (f->dir, "with space");
  touch (f->dir, "odd\xff");
  sub = g_build_filename (f->dir, "a-directory", NULL);
  g_assert_no_errno (g_mkdir (sub, 0700));
  link = g_build_filename (f->dir, "a-link", NULL);
  g_assert_no_errno (symlink ("MapTrans", link));
  g_assert_true (g_file_set_contents (f->sysvipc,
    "       key      shmid perms                  size  cpid  lpid nattch   uid   gid\n"
    "     43981          7   600                   256   100     0      0     0     0\n"
    "         0          8  1600                   100   100   100      1     0     0\n",
    -1, NULL));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->sysvipc);
}

static gboolean
contains (GPtrArray  *names,
          const char *spec)
{
  return g_ptr_array_find_with_equal_func (names, spec, g_str_equal, NULL);
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *expected[] = {
    "/MapTrans", "/odd\xff", "/with space", "sysv:0x0000abcd", "sysvid:7", "sysvid:8",
  };

  g_test_summary ("Regular files by name, sorted, and each segment by id and, unless "
                  "private, by key; no directory, no symbolic link");

  names = shmview_region_names_from (f->dir, f->sysvipc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (names->pdata[i], ==, expected[i]);
}

static void
test_agree_with_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_test_summary ("Every spec shmtool list shows is one completion offers too");

  names = shmview_region_names_from (f->dir, f->sysvipc, &error);
  g_assert_no_error (error);
  entries = shmview_region_list_from (f->dir, f->sysvipc, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = entries->pdata[i];

      shmview_test_note ("spec", entry->spec);
      g_assert_true (contains (names, entry->spec));
    }
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *nowhere = shmview_test_temp_path ("nowhere");

  g_test_summary ("No /dev/shm and no /proc/sysvipc (a container, a kernel without System V "
                  "IPC): no names, and no error");

  names = shmview_region_names_from (nowhere, nowhere, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 0);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *file = g_build_filename (f->dir, "MapTrans", NULL);

  g_test_summary ("A POSIX directory that is not one is an error, not an empty list");

  names = shmview_region_names_from (file, f->sysvipc, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (names);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/region-names/names", Fixture, NULL, setup, test_names, teardown);
  g_test_add ("/core/region-names/agree-with-list", Fixture, NULL, setup, test_agree_with_list,
              teardown);
  g_test_add_func ("/core/region-names/missing", test_missing);
  g_test_add ("/core/region-names/unreadable", Fixture, NULL, setup, test_unreadable, teardown);
  return g_test_run ();
}
