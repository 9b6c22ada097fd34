/* test-layout-store.c: layouts remembered per region, in a JSON file
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-json-file.h"
#include "shmview-layout-store.h"

static void
test_round_trip (void)
{
  const char *args[] = { "-I/opt/include", "-DWIDE=1", NULL };
  g_autoptr(ShmviewLayoutPlacement) placement = NULL, found = NULL, other = NULL, gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = shmview_json_file_path ("layouts.json");
  GStatBuf st;

  g_test_summary ("A placement remembered for a spec comes back whole (header, type, "
                  "arguments, offset, count), other specs keep theirs, the file is 0600, "
                  "and forgetting removes only that spec's");
  placement = shmview_layout_placement_new ("/tmp/shared.h", "struct shared", args, 64, 3);
  g_assert_true (shmview_layout_store_remember ("posix:/a", placement, &error));
  g_assert_no_error (error);
  other = shmview_layout_placement_new ("/tmp/o.h", "o", NULL, 0, 1);
  g_assert_true (shmview_layout_store_remember ("sysv:0x1", other, &error));

  found = shmview_layout_store_lookup ("posix:/a", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->header, ==, "/tmp/shared.h");
  g_assert_cmpstr (found->type_name, ==, "struct shared");
  g_assert_cmpstrv (found->clang_args, args);
  g_assert_cmpuint (found->offset, ==, 64);
  g_assert_cmpuint (found->count, ==, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (shmview_layout_store_remember ("posix:/a", NULL, &error));
  gone = shmview_layout_store_lookup ("posix:/a", &error);
  g_assert_null (gone);
  g_clear_pointer (&found, shmview_layout_placement_free);
  found = shmview_layout_store_lookup ("sysv:0x1", &error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->type_name, ==, "o");
}

static void
test_corrupt_file_set_aside (void)
{
  g_autofree char *path = shmview_json_file_path ("layouts.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(ShmviewLayoutPlacement) found = NULL, placement = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean aside = FALSE;

  g_test_summary ("A layouts file that is not JSON is reported (INVALID_ARGUMENT), moved "
                  "aside with its bytes intact, and the next remember starts a new file");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  found = shmview_layout_store_lookup ("posix:/a", &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (found);
  g_clear_error (&error);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "layouts.json.corrupt-"))
      {
        g_autofree char *kept = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "{ not json");
        aside = TRUE;
      }
  g_assert_true (aside);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  placement = shmview_layout_placement_new ("/h.h", "t", NULL, 0, 1);
  g_assert_true (shmview_layout_store_remember ("posix:/a", placement, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, shmview_layout_placement_free);
  found = shmview_layout_store_lookup ("posix:/a", &error);
  g_assert_nonnull (found);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/layout-store/round-trip", test_round_trip);
  g_test_add_func ("/layout-store/corrupt-file-set-aside", test_corrupt_file_set_aside);
  return g_test_run ();
}
