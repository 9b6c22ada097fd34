/* test-watcher.c: the whole-region watcher finds every change, off the main loop
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "other process" is a second descriptor (pwrite): the kernel sees the
 * same pages. The watcher's reports arrive in this thread's main context, so
 * each test runs a main loop until what it waits for came (or a timeout,
 * which fails the test).
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-watcher.h"
#include "test-util.h"

#define GIB ((guint64) 1024 * 1024 * 1024)
/* Generous: a loaded 2-core machine runs the suites in parallel. */
#define WAIT_SECONDS 30

typedef struct
{
  CoreTestPosix   posix;     /* posix.fd is the foreign writer's descriptor */
  ShmviewWatcher *watcher;
  GPtrArray      *changes;   /* ShmviewWatcherChange, every report so far */
  GMainContext   *context;
} Fixture;

static void
on_changes (ShmviewWatcher *watcher,
            GPtrArray      *changes,
            Fixture        *fixture)
{
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (fixture->changes,
                     shmview_watcher_change_copy (g_ptr_array_index (changes, i)));
}

static void
setup_sized (Fixture *fixture,
             guint64  size)
{
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
  core_test_posix_init (&fixture->posix, "watcher", size, FALSE);
  fixture->watcher = shmview_watcher_new (fixture->posix.region);
  fixture->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_watcher_change_free);
  g_signal_connect (fixture->watcher, "changes", G_CALLBACK (on_changes), fixture);
  shmview_watcher_set_interval (fixture->watcher, 10);
  /* the whole core: the tests wait for sweeps, not for the budget */
  shmview_watcher_set_cpu_budget (fixture->watcher, 1.0);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  setup_sized (fixture, 4096);
}

static void
setup_sparse (Fixture       *fixture,
              gconstpointer  data)
{
  setup_sized (fixture, 4 * GIB);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  shmview_watcher_stop (fixture->watcher);
  g_assert_finalize_object (fixture->watcher);
  g_ptr_array_unref (fixture->changes);
  core_test_posix_clear (&fixture->posix);
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

/* Iterates the context until @n more complete sweeps were reported. */
static void
wait_sweeps (Fixture *fixture,
             guint64  n)
{
  guint64 target = shmview_watcher_get_n_sweeps (fixture->watcher) + n;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (shmview_watcher_get_n_sweeps (fixture->watcher) < target)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (fixture->context, FALSE);
      g_usleep (1000);
    }
}

static void
foreign_write (Fixture    *fixture,
               guint64     offset,
               const char *bytes,
               gsize       length)
{
  g_assert_cmpint (pwrite (fixture->posix.fd, bytes, length, (off_t) offset), ==, (gssize) length);
}

static const ShmviewWatcherChange *
change_at (Fixture *fixture,
           guint    index)
{
  g_assert_cmpuint (index, <, fixture->changes->len);
  return g_ptr_array_index (fixture->changes, index);
}

static void
test_foreign_exact (Fixture       *fixture,
                    gconstpointer  data)
{
  const ShmviewWatcherChange *change;

  g_test_summary ("A small region is compared in full: one foreign byte at the end of the "
                  "region comes back as that byte, with its old and new value, once");

  foreign_write (fixture, 100, "abc", 3);
  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  foreign_write (fixture, 4095, "Z", 1);
  foreign_write (fixture, 101, "X", 1);
  wait_sweeps (fixture, 2);

  g_assert_cmpuint (fixture->changes->len, ==, 2);
  change = change_at (fixture, 0);
  g_assert_cmpuint (change->offset, ==, 101);
  g_assert_cmpuint (change->length, ==, 1);
  g_assert_cmpint (change->origin, ==, SHMVIEW_CHANGE_ORIGIN_FOREIGN);
  g_assert_cmpmem (g_bytes_get_data (change->old_bytes, NULL), g_bytes_get_size (change->old_bytes),
                   "b", 1);
  g_assert_cmpmem (g_bytes_get_data (change->new_bytes, NULL), g_bytes_get_size (change->new_bytes),
                   "X", 1);
  change = change_at (fixture, 1);
  g_assert_cmpuint (change->offset, ==, 4095);
  g_assert_cmpuint (change->length, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (change->new_bytes, NULL), g_bytes_get_size (change->new_bytes),
                   "Z", 1);
}

static void
test_own_write (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("A write announced as ours is never reported as foreign; a foreign one "
                  "beside it still is");

  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);

  g_assert_true (shmview_region_write (fixture->posix.region, 10, (const guint8 *) "own", 3,
                                       &error));
  g_assert_no_error (error);
  shmview_watcher_note_own_write (fixture->watcher, 10, (const guint8 *) "own", 3);
  foreign_write (fixture, 2000, "F", 1);
  wait_sweeps (fixture, 2);

  for (guint i = 0; i < fixture->changes->len; i++)
    {
      const ShmviewWatcherChange *change = change_at (fixture, i);

      if (change->offset == 2000)
        g_assert_cmpint (change->origin, ==, SHMVIEW_CHANGE_ORIGIN_FOREIGN);
      else
        g_assert_cmpint (change->origin, ==, SHMVIEW_CHANGE_ORIGIN_OWN);
    }
  g_assert_cmpuint (fixture->changes->len, >=, 1);
  g_assert_cmpuint (change_at (fixture, fixture->changes->len - 1)->offset, ==, 2000);
}

static void
test_sparse_last_byte (Fixture       *fixture,
                       gconstpointer  data)
{
  const guint64 size = 4 * GIB;
  const ShmviewWatcherChange *change;
  struct stat st;

  g_test_summary ("A sparse 4 GiB region is swept by page digests: a change at its very last "
                  "byte is found as the last page, and the holes stay unallocated");

  foreign_write (fixture, GIB, "data", 4);
  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  foreign_write (fixture, size - 1, "!", 1);
  wait_sweeps (fixture, 2);

  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = change_at (fixture, 0);
  g_assert_cmpuint (change->offset, ==, size - SHMVIEW_WATCHER_PAGE_SIZE);
  g_assert_cmpuint (change->length, ==, SHMVIEW_WATCHER_PAGE_SIZE);
  g_assert_cmpint (change->origin, ==, SHMVIEW_CHANGE_ORIGIN_FOREIGN);
  g_assert_null (change->old_bytes);

  /* two pages written by us, nothing else: 8 KiB is 16 blocks of 512 bytes */
  g_assert_no_errno (fstat (fixture->posix.fd, &st));
  g_assert_cmpint (st.st_blocks, <=, 16);
}

static void
test_sparse_own (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("In the digest sweep too, our own announced write comes back as ours");

  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);
  g_assert_true (shmview_region_write (fixture->posix.region, 3 * GIB, (const guint8 *) "me", 2,
                                       &error));
  g_assert_no_error (error);
  shmview_watcher_note_own_write (fixture->watcher, 3 * GIB, (const guint8 *) "me", 2);
  wait_sweeps (fixture, 2);

  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpuint (change_at (fixture, 0)->offset, ==, 3 * GIB);
  g_assert_cmpint (change_at (fixture, 0)->origin, ==, SHMVIEW_CHANGE_ORIGIN_OWN);
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_test_summary ("A stopped watcher keeps its baseline: started again it reports what "
                  "changed while it was stopped");

  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);
  shmview_watcher_stop (fixture->watcher);
  g_assert_false (shmview_watcher_is_running (fixture->watcher));

  foreign_write (fixture, 7, "q", 1);
  shmview_watcher_start (fixture->watcher);
  wait_sweeps (fixture, 1);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpuint (change_at (fixture, 0)->offset, ==, 7);
}

static void
test_digest (void)
{
  guint8 page[SHMVIEW_WATCHER_PAGE_SIZE] = { 0, };
  guint64 zero;

  g_test_summary ("The page digest tells pages apart by one bit and is stable");

  zero = shmview_watcher_digest (page, sizeof page);
  g_assert_cmpuint (zero, ==, shmview_watcher_digest (page, sizeof page));
  page[sizeof page - 1] = 1;
  g_assert_cmpuint (zero, !=, shmview_watcher_digest (page, sizeof page));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/watcher/digest", test_digest);
  g_test_add ("/core/watcher/foreign-exact", Fixture, NULL, setup, test_foreign_exact, teardown);
  g_test_add ("/core/watcher/own-write", Fixture, NULL, setup, test_own_write, teardown);
  g_test_add ("/core/watcher/restart", Fixture, NULL, setup, test_restart, teardown);
  g_test_add ("/core/watcher/sparse-last-byte", Fixture, NULL, setup_sparse,
              test_sparse_last_byte, teardown);
  g_test_add ("/core/watcher/sparse-own", Fixture, NULL, setup_sparse, test_sparse_own, teardown);

  return g_test_run ();
}
