/* core-test-util.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "test-util.h"

ShmviewRegion *
core_test_create_region (const char *spec_text,
                         guint64     size,
                         gboolean    lesson)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  region = shmview_region_open_text (spec_text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     size, 0600, &error);
  g_assert_no_error (error);
  g_assert_nonnull (region);
  if (lesson)
    {
      g_assert_true (shmview_region_write (region, 0, (const guint8 *) CORE_TEST_LESSON,
                                           CORE_TEST_LESSON_LEN, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&region);
}

void
core_test_posix_init (CoreTestPosix *posix,
                      const char    *tag,
                      guint64        size,
                      gboolean       lesson)
{
  posix->name = shmview_test_unique_posix_name (tag);
  posix->region = core_test_create_region (posix->name, size, lesson);
  posix->fd = shm_open (posix->name, O_RDWR, 0);
  g_assert_no_errno (posix->fd);
}

void
core_test_posix_clear (CoreTestPosix *posix)
{
  if (posix->region != NULL)
    g_assert_finalize_object (g_steal_pointer (&posix->region));
  if (posix->fd >= 0)
    close (posix->fd);
  posix->fd = -1;
  shmview_test_posix_unlink (posix->name);
  g_clear_pointer (&posix->name, g_free);
}

static void
assert_refused (gboolean  done,
                GError  **error)
{
  g_assert_false (done);
  g_assert_error (*error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  g_assert_cmpstr ((*error)->message, ==, "This region is attached read-only");
  g_clear_error (error);
}

ShmviewRegion *
core_test_open_lesson (const char *spec_text)
{
  g_autoptr(ShmviewRegion) ro = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[CORE_TEST_LESSON_LEN];

  ro = shmview_region_open_text (spec_text, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_read_only (ro));
  g_assert_true (shmview_region_read (ro, 0, buf, sizeof buf, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, sizeof buf, CORE_TEST_LESSON, CORE_TEST_LESSON_LEN);
  return g_steal_pointer (&ro);
}

void
core_test_assert_read_only (const char *spec_text)
{
  g_autoptr(ShmviewRegion) ro = core_test_open_lesson (spec_text);
  g_autoptr(GError) error = NULL;

  assert_refused (shmview_region_write (ro, 0, (const guint8 *) "XXXX", 4, &error), &error);
  assert_refused (shmview_region_fill (ro, 0, 8, 'X', &error), &error);
  assert_refused (shmview_region_write (ro, 1 << 20, (const guint8 *) "X", 1, &error), &error);
  if (shmview_region_get_kind (ro) != SHMVIEW_REGION_KIND_SYSV)
    assert_refused (shmview_region_resize (ro, 512, &error), &error);
}

void
core_test_assert_fd_bytes (int         fd,
                           goffset     offset,
                           const void *expected,
                           gsize       length)
{
  g_autofree guint8 *buffer = g_malloc0 (MAX (length, 1));

  g_assert_cmpint (pread (fd, buffer, length, offset), ==, (gssize) length);
  g_assert_cmpmem (buffer, length, expected, length);
}

/* Reads a pipe to its end, a little at a time, so the writer finds it full. */
static gpointer
drain_pipe (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  GByteArray *got = g_byte_array_new ();
  guint8 buf[4096];
  gssize n;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_byte_array_append (got, buf, (guint) n);
  g_assert_cmpint (n, ==, 0);
  return got;
}

GBytes *
core_test_copy_through_pipe (ShmviewRegion  *region,
                             guint64         offset,
                             guint64         length,
                             GError        **error)
{
  GThread *reader;
  GByteArray *got;
  int fds[2];

  g_assert_no_errno (pipe2 (fds, O_CLOEXEC));
  g_assert_no_errno (fcntl (fds[1], F_SETFL, O_NONBLOCK));
  reader = g_thread_new ("drain", drain_pipe, GINT_TO_POINTER (fds[0]));
  shmview_region_copy_to_fd (region, offset, length, fds[1], error);
  close (fds[1]);
  got = g_thread_join (reader);
  close (fds[0]);
  return g_byte_array_free_to_bytes (got);
}

GBytes *
core_test_copy_to_file (ShmviewRegion  *region,
                        guint64         offset,
                        guint64         length,
                        int             oflags,
                        GError        **error)
{
  static gint counter;
  g_autofree char *basename = g_strdup_printf ("copy-%d", g_atomic_int_add (&counter, 1));
  g_autofree char *path = shmview_test_temp_path (basename);
  g_autofree char *contents = NULL;
  gboolean copied;
  gsize size;
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | oflags, 0600);

  g_assert_no_errno (fd);
  copied = shmview_region_copy_to_fd (region, offset, length, fd, error);
  close (fd);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_unlink (path);
  /* Never more than asked for; all of it when the copy succeeded. */
  if (copied)
    g_assert_cmpuint (size, ==, length);
  else
    g_assert_cmpuint (size, <=, length);
  return g_bytes_new_take (g_steal_pointer (&contents), size);
}

/* Orders "PERMS:BYTES" entries as strcmp does, for a stable answer. */
static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
core_test_mappings (const char *path)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char perms[5];
      int name_at = -1;

      /* start-end perms offset dev inode   path */
      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s %*s %*s %*s %n",
                  &start, &end, perms, &name_at) == 3 && name_at > 0 &&
          strcmp (lines[i] + name_at, path) == 0)
        g_ptr_array_add (found, g_strdup_printf ("%s:%" G_GUINT64_FORMAT, perms, end - start));
    }
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}
