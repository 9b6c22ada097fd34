/* test-region-file.c: ShmviewRegion over regular files (file:PATH)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides every operation: what is not a regular file is refused (symbolic
 * links unless asked, directories, FIFOs, dangling links), and nothing is
 * ever created or removed through a link.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-region.h"
#include "test-util.h"

typedef struct
{
  char          *path;     /* a fresh path in the test's private directory */
  char          *text;     /* "file:" + path */
  ShmviewRegion *region;   /* created by setup: 256 bytes, "ezhchai\0" at 0 */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static int counter;
  g_autofree char *base = g_strdup_printf ("region-%d.bin", counter++);

  f->path = shmview_test_temp_path (base);
  f->text = g_strconcat ("file:", f->path, NULL);
  f->region = core_test_create_region (f->text, 256, TRUE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->region != NULL)
    g_assert_finalize_object (f->region);
  g_unlink (f->path);
  g_free (f->path);
  g_free (f->text);
}

static char *
file_text (const char *path)
{
  return g_strconcat ("file:", path, NULL);
}

static void
assert_file (const char *path,
             gsize       offset,
             const char *expected,
             gsize       length)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >=, offset + length);
  g_assert_cmpmem (contents + offset, length, expected, length);
}

static struct stat
lstat_path (const char *path)
{
  struct stat st;

  g_assert_no_errno (lstat (path, &st));
  return st;
}

static void
test_create_write_read (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  guint8 buf[8];

  g_test_summary ("A created file has the size asked for, mode 0600, and holds what was "
                  "written through the mapping");

  g_assert_cmpint (shmview_region_get_kind (f->region), ==, SHMVIEW_REGION_KIND_FILE);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 256);
  g_assert_true (S_ISREG (lstat_path (f->path).st_mode));
  assert_file (f->path, 0, "ezhchai", 8);
  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  spec = shmview_region_dup_spec_string (f->region);
  g_assert_cmpstr (spec, ==, f->text);
}

static void
test_mode_exact (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = shmview_test_temp_path ("mode.bin");
  g_autofree char *text = file_text (path);
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  g_test_summary ("Mode defaults to 0600 even with umask 022, and an explicit mode is exact "
                  "even with umask 077");

  old_umask = umask (022);
  {
    g_autofree char *p2 = shmview_test_temp_path ("mode-default.bin");
    g_autofree char *t2 = file_text (p2);
    g_autoptr(ShmviewRegion) r2 = shmview_region_open_text (t2, SHMVIEW_OPEN_CREATE, 10, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lstat_path (p2).st_mode & 07777, ==, 0600);
    g_unlink (p2);
  }
  umask (077);
  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE, 10, 0664, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpuint (lstat_path (path).st_mode & 07777, ==, 0664);
  g_unlink (path);
}

static void
test_exists_and_replace (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ShmviewRegion) again = NULL;
  g_autoptr(ShmviewRegion) replaced = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;
  struct stat before = lstat_path (f->path);

  g_test_summary ("Exclusive create over a file is EXISTS and leaves it; plain create opens "
                  "it; REPLACE makes a new zeroed file and the old region reports REMOVED");

  region = shmview_region_open_text (f->text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     4096, 0644, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A file with this name already exists");
  g_assert_null (region);
  g_clear_error (&error);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 256);
  g_assert_cmpuint (lstat_path (f->path).st_mode & 0777, ==, 0600);
  assert_file (f->path, 0, "ezhchai", 8);

  again = shmview_region_open_text (f->text, SHMVIEW_OPEN_CREATE, 4096, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (again), ==, 256);

  replaced = shmview_region_open_text (f->text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_REPLACE,
                                       4096, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 4096);
  g_assert_cmpuint (lstat_path (f->path).st_ino, !=, before.st_ino);
  assert_file (f->path, 0, "\0\0\0\0\0\0\0\0", 8);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (again, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (replaced, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = shmview_test_temp_path ("missing.bin");
  g_autofree char *text = file_text (path);
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("A missing file is NOT_FOUND and nothing is created; size 0 on create "
                  "is INVALID_ARGUMENT");

  region = shmview_region_open_text (text, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such file");
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_test_summary ("A read-only file region reads and refuses write, fill and resize with "
                  "PERMISSION, writing nothing");

  core_test_assert_read_only (f->text);
  assert_file (f->path, 0, "ezhchai", 8);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 256);
}

static void
test_out_of_range (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("A write running past the end is OUT_OF_RANGE and writes nothing");

  g_assert_false (shmview_region_write (f->region, 250, (const guint8 *) "0123456789", 10, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "Range 250+10 is past the end of the region (256 bytes)");
  assert_file (f->path, 248, "\0\0\0\0\0\0\0\0", 8);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 256);
}

static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *link = shmview_test_temp_path ("link.bin");
  g_autofree char *text = file_text (link);
  g_autofree char *expected = NULL;
  g_autofree char *fs_path = NULL;
  g_autoptr(ShmviewRegion) followed = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("A symbolic link is refused with SYMLINK (also when creating), and opened "
                  "as its target when following is asked for (its filesystem path is the "
                  "target's)");

  g_assert_no_errno (symlink (f->path, link));

  region = shmview_region_open_text (text, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  expected = g_strdup_printf ("“%s” is a symbolic link, which is not followed unless asked", link);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (text, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_REPLACE,
                                     16, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  g_assert_null (region);
  g_clear_error (&error);
  g_assert_true (S_ISLNK (lstat_path (link).st_mode));
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 256);

  followed = shmview_region_open_text (text, SHMVIEW_OPEN_FOLLOW_SYMLINKS, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (followed), ==, 256);
  fs_path = shmview_region_dup_fs_path (followed);
  g_assert_cmpstr (fs_path, ==, f->path);
  g_assert_true (shmview_region_write (followed, 0, (const guint8 *) "via", 3, &error));
  assert_file (f->path, 0, "viachai", 7);
  g_assert_cmpint (shmview_region_update (followed, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_unlink (link);
}

static void
test_dangling_symlink (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *target = shmview_test_temp_path ("dangling-target.bin");
  g_autofree char *link = shmview_test_temp_path ("dangling.bin");
  g_autofree char *text = file_text (link);
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("Nothing is created through a dangling symlink, followed or not");

  g_assert_no_errno (symlink (target, link));
  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE, 16, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_FOLLOW_SYMLINKS,
                                     16, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (region);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_unlink (link);
}

static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = shmview_test_temp_path ("a-dir");
  g_autofree char *fifo = shmview_test_temp_path ("a-fifo");
  g_autofree char *dir_text = file_text (dir);
  g_autofree char *fifo_text = file_text (fifo);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("Directories and FIFOs are refused with INVALID_ARGUMENT (without blocking "
                  "on the FIFO), read-only or not, creating or not");

  g_assert_no_errno (g_mkdir (dir, 0700));
  g_assert_no_errno (mkfifo (fifo, 0600));

  region = shmview_region_open_text (dir_text, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  expected = g_strdup_printf ("“%s” is a directory, not a regular file", dir);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (dir_text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_REPLACE,
                                     16, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_clear_error (&error);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  region = shmview_region_open_text (fifo_text, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (fifo_text, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);

  g_rmdir (dir);
  g_unlink (fifo);
}

static void
test_remove_spec (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *link = shmview_test_temp_path ("rm-link.bin");
  g_autofree char *link_text = file_text (link);
  g_autofree char *dir = shmview_test_temp_path ("rm-dir");
  g_autofree char *dir_text = file_text (dir);
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("remove_spec() refuses a symlink and a directory (both stay), removes a "
                  "regular file, and a missing one is NOT_FOUND");

  g_assert_no_errno (symlink (f->path, link));
  g_assert_no_errno (g_mkdir (dir, 0700));

  spec = shmview_spec_parse (link_text, &error);
  g_assert_no_error (error);
  g_assert_false (shmview_region_remove_spec (spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  g_clear_error (&error);
  g_clear_pointer (&spec, shmview_spec_free);
  g_assert_true (S_ISLNK (lstat_path (link).st_mode));
  g_assert_true (S_ISREG (lstat_path (f->path).st_mode));

  spec = shmview_spec_parse (dir_text, &error);
  g_assert_false (shmview_region_remove_spec (spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&spec, shmview_spec_free);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  spec = shmview_spec_parse (f->text, &error);
  g_assert_true (shmview_region_remove_spec (spec, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (shmview_region_remove_spec (spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such file");

  g_unlink (link);
  g_rmdir (dir);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 buf[8];

  g_test_summary ("remove() unlinks the file; the region stays usable and update reports "
                  "REMOVED once");

  g_assert_true (shmview_region_remove (f->region, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_true (shmview_region_write (f->region, 0, (const guint8 *) "gone", 4, &error));
  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "gonehai", 8);
}

static void
test_renamed_over (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other = shmview_test_temp_path ("other.bin");
  g_autoptr(GError) error = NULL;

  g_test_summary ("When another file is renamed over the path, update reports REMOVED and "
                  "remove() leaves the newcomer alone");

  g_assert_true (g_file_set_contents (other, "newcomer", -1, &error));
  g_assert_no_errno (g_rename (other, f->path));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_false (shmview_region_remove (f->region, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  assert_file (f->path, 0, "newcomer", 8);
}

static void
test_relative_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (dir, "relative.bin", NULL);
  g_autofree char *fs_path = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A relative path is taken against the directory at open (also the "
                  "filesystem path to watch); a later chdir does not make the region look "
                  "removed");

  g_assert_no_errno (chdir (dir));
  region = shmview_region_open_text ("file:relative.bin", SHMVIEW_OPEN_CREATE, 32, 0, &error);
  g_assert_no_errno (chdir ("/"));
  g_assert_no_error (error);
  fs_path = shmview_region_dup_fs_path (region);
  g_assert_cmpstr (fs_path, ==, path);
  g_assert_cmpint (lstat_path (path).st_size, ==, 32);
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_true (shmview_region_remove (region, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_no_errno (chdir (cwd));
}

static void
test_resize_info (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShmviewRegionInfo info;
  struct stat st;

  g_test_summary ("resize() truncates the file and remaps; query_info matches stat");

  g_assert_true (shmview_region_resize (f->region, 1 << 20, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 1 << 20);
  g_assert_true (shmview_region_write (f->region, (1 << 20) - 3, (const guint8 *) "end", 3, &error));
  assert_file (f->path, (1 << 20) - 3, "end", 3);
  g_assert_true (shmview_region_resize (f->region, 4, &error));
  g_assert_cmpint (lstat_path (f->path).st_size, ==, 4);

  st = lstat_path (f->path);
  g_assert_true (shmview_region_query_info (f->region, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, SHMVIEW_REGION_KIND_FILE);
  g_assert_cmpuint (info.size, ==, 4);
  g_assert_cmpuint (info.mode, ==, 0600);
  g_assert_cmpuint (info.uid, ==, st.st_uid);
  g_assert_cmpint (info.mtime, ==, st.st_mtime);
  g_assert_cmpint (info.nattch, ==, -1);
  g_assert_false (info.removed);
}

static void
test_copy_to_fd (Fixture       *f,
                 gconstpointer  data)
{
  static const int oflags[] = { 0, O_APPEND };
  g_autofree char *contents = NULL;
  gsize size;

  g_test_summary ("copy_to_fd() writes a file region's bytes, by sendfile and by the plain "
                  "path alike");

  g_assert_true (shmview_region_write (f->region, 128, (const guint8 *) "middle", 6, NULL));
  g_assert_true (g_file_get_contents (f->path, &contents, &size, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (oflags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) copy = core_test_copy_to_file (f->region, 0, 256, oflags[i], &error);

      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (copy, NULL), g_bytes_get_size (copy), contents, size);
    }
}

/* Mounts a 64 KiB tmpfs on @dir in a mount namespace of the calling process
 * alone, changes to which never reach the rest of the machine. */
static int
mount_small_tmpfs (const char *dir)
{
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
    return errno;
  return 0;
}

/* Whether mount_small_tmpfs() works here (root, and a kernel or container
 * that lets us have a mount namespace): tried in a child that only makes
 * system calls and exits, so its namespace dies with it. */
static int
small_tmpfs_error (const char *dir)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_no_errno (pid);
  if (pid == 0)
    _exit (mount_small_tmpfs (dir));
  g_assert_no_errno (waitpid (pid, &status, 0));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* In the subprocess: a 1 MiB sparse file on the 64 KiB tmpfs, so the
 * 17th page written cannot be had. */
static void
check_no_space (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "full.bin", NULL);
  g_autofree char *text = file_text (path);
  g_autofree guint8 *data = g_malloc0 (256 * 1024);
  ShmviewRegion *region;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (dir);
  g_assert_cmpint (mount_small_tmpfs (dir), ==, 0);
  region = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE, 1024 * 1024, 0, &error);
  g_assert_no_error (error);

  g_assert_false (shmview_region_fill (region, 0, 1024 * 1024, 0x41, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NO_SPACE);
  g_clear_error (&error);
  memset (data, 0x42, 256 * 1024);
  g_assert_false (shmview_region_write (region, 128 * 1024, data, 256 * 1024, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NO_SPACE);
  g_assert_cmpuint (lstat_path (path).st_size, ==, 1024 * 1024);

  /* The pages were reserved first, so neither wrote a single byte. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 1024 * 1024);
  for (gsize i = 0; i < length; i++)
    if (contents[i] != 0)
      g_error ("byte %" G_GSIZE_FORMAT " was written", i);

  g_assert_finalize_object (region);
  g_assert_no_errno (umount2 (dir, MNT_DETACH));
}

/* The subprocess mounts on the parent's directory (it inherits the
 * environment): should it fail, its mount dies with its namespace and the
 * parent's cleanup removes a plain empty directory. */
#define MOUNT_DIR_VARIABLE "SHMVIEW_TEST_SMALL_TMPFS"

static void
test_no_space (void)
{
  g_autofree char *dir = NULL;
  int err;

  g_test_summary ("A write or fill a full tmpfs has no room for, though the file's size "
                  "covers it, is NO_SPACE (not “shrank”) and writes nothing at all");

  if (g_test_subprocess ())
    {
      check_no_space (g_getenv (MOUNT_DIR_VARIABLE));
      return;
    }
  dir = shmview_test_temp_path ("small-tmpfs");
  g_assert_no_errno (g_mkdir (dir, 0700));
  if ((err = small_tmpfs_error (dir)) != 0)
    {
      g_test_skip_printf ("Cannot mount a small tmpfs in a private mount namespace "
                          "(needs root): %s", g_strerror (err));
      return;
    }
  g_setenv (MOUNT_DIR_VARIABLE, dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv (MOUNT_DIR_VARIABLE);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/region-file/" path, Fixture, NULL, setup, func, teardown)
  ADD ("create-write-read", test_create_write_read);
  ADD ("mode-exact", test_mode_exact);
  ADD ("exists-and-replace", test_exists_and_replace);
  ADD ("missing", test_missing);
  ADD ("read-only", test_read_only);
  ADD ("out-of-range", test_out_of_range);
  ADD ("symlink", test_symlink);
  ADD ("dangling-symlink", test_dangling_symlink);
  ADD ("not-regular", test_not_regular);
  ADD ("remove-spec", test_remove_spec);
  ADD ("remove", test_remove);
  ADD ("renamed-over", test_renamed_over);
  ADD ("relative-path", test_relative_path);
  ADD ("resize-info", test_resize_info);
  ADD ("copy-to-fd", test_copy_to_fd);
#undef ADD
  g_test_add_func ("/core/region-file/no-space", test_no_space);

  return g_test_run ();
}
