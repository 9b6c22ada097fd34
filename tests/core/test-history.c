/* test-history.c: undo and redo write through the region, and record only what happened
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region's bytes are checked after each step through a second descriptor
 * (pread), so what is asserted is what another process would see.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-history.h"
#include "shmview-monitor.h"
#include "shmview-region.h"
#include "test-util.h"

#define REGION_SIZE 256

typedef struct
{
  CoreTestPosix   posix;     /* posix.fd is another process's view of the object */
  ShmviewMonitor *monitor;
  ShmviewHistory *history;
  guint           undo_notifies;
  guint           redo_notifies;
} Fixture;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  Fixture *fixture = data;

  if (g_str_equal (pspec->name, "can-undo"))
    fixture->undo_notifies++;
  else if (g_str_equal (pspec->name, "can-redo"))
    fixture->redo_notifies++;
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  core_test_posix_init (&fixture->posix, "history", REGION_SIZE, FALSE);
  fixture->monitor = shmview_monitor_new (fixture->posix.region);
  fixture->history = shmview_history_new (fixture->posix.region, fixture->monitor);
  g_signal_connect (fixture->history, "notify", G_CALLBACK (on_notify), fixture);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->monitor);
  core_test_posix_clear (&fixture->posix);
}

/* What another process reads at @offset. */
static void
assert_region (Fixture    *fixture,
               off_t       offset,
               const void *expected,
               size_t      length)
{
  core_test_assert_fd_bytes (fixture->posix.fd, offset, expected, length);
}

static void
history_write (Fixture    *fixture,
               guint64     offset,
               const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shmview_history_write (fixture->history, offset, (const guint8 *) text,
                                        strlen (text), &error));
  g_assert_no_error (error);
}

static void
expect_undo (Fixture *fixture,
             guint64  offset,
             gsize    length)
{
  g_autoptr(GError) error = NULL;
  guint64 where = G_MAXUINT64;
  gsize how_many = 0;

  g_assert_true (shmview_history_undo (fixture->history, &where, &how_many, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (where, ==, offset);
  g_assert_cmpuint (how_many, ==, length);
}

static void
expect_redo (Fixture *fixture,
             guint64  offset,
             gsize    length)
{
  g_autoptr(GError) error = NULL;
  guint64 where = G_MAXUINT64;
  gsize how_many = 0;

  g_assert_true (shmview_history_redo (fixture->history, &where, &how_many, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (where, ==, offset);
  g_assert_cmpuint (how_many, ==, length);
}

static void
assert_can (Fixture  *fixture,
            gboolean  can_undo,
            gboolean  can_redo)
{
  gboolean prop_undo, prop_redo;

  g_assert_cmpint (shmview_history_can_undo (fixture->history), ==, can_undo);
  g_assert_cmpint (shmview_history_can_redo (fixture->history), ==, can_redo);
  g_object_get (fixture->history, "can-undo", &prop_undo, "can-redo", &prop_redo, NULL);
  g_assert_cmpint (prop_undo, ==, can_undo);
  g_assert_cmpint (prop_redo, ==, can_redo);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guint8 zeros[8] = { 0 };

  g_test_summary ("write, undo, redo each reach the region, and report where they wrote");

  assert_can (fixture, FALSE, FALSE);
  g_assert_no_errno ((int) pwrite (fixture->posix.fd, "server", 6, 0));

  history_write (fixture, 0, "ezhchai");
  assert_region (fixture, 0, "ezhchai", 7);
  assert_can (fixture, TRUE, FALSE);

  history_write (fixture, 100, "\x01\x02");
  assert_region (fixture, 100, "\x01\x02", 2);

  expect_undo (fixture, 100, 2);
  assert_region (fixture, 100, zeros, 2);
  assert_region (fixture, 0, "ezhchai", 7);
  assert_can (fixture, TRUE, TRUE);

  expect_undo (fixture, 0, 7);
  assert_region (fixture, 0, "server\0", 7);
  assert_can (fixture, FALSE, TRUE);

  /* Nothing left: FALSE without an error, nothing written. */
  g_assert_false (shmview_history_undo (fixture->history, NULL, NULL, NULL));
  assert_region (fixture, 0, "server\0", 7);

  expect_redo (fixture, 0, 7);
  assert_region (fixture, 0, "ezhchai", 7);
  expect_redo (fixture, 100, 2);
  assert_region (fixture, 100, "\x01\x02", 2);
  assert_can (fixture, TRUE, FALSE);
  g_assert_false (shmview_history_redo (fixture->history, NULL, NULL, NULL));
}

static void
test_single_bytes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_test_summary ("Consecutive single-byte edits are separate steps");

  history_write (fixture, 10, "a");
  history_write (fixture, 11, "b");
  history_write (fixture, 10, "c");
  assert_region (fixture, 10, "cb", 2);

  expect_undo (fixture, 10, 1);
  assert_region (fixture, 10, "ab", 2);
  expect_undo (fixture, 11, 1);
  assert_region (fixture, 10, "a\0", 2);
  expect_undo (fixture, 10, 1);
  assert_region (fixture, 10, "\0\0", 2);
  assert_can (fixture, FALSE, TRUE);
}

static void
test_redo_dropped (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("A new write drops what could have been redone");

  history_write (fixture, 0, "first");
  history_write (fixture, 0, "second");
  expect_undo (fixture, 0, 6);
  assert_can (fixture, TRUE, TRUE);

  history_write (fixture, 50, "third");
  assert_can (fixture, TRUE, FALSE);
  g_assert_false (shmview_history_redo (fixture->history, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_region (fixture, 0, "first\0", 6);

  expect_undo (fixture, 50, 5);
  expect_undo (fixture, 0, 5);
  assert_region (fixture, 0, "\0\0\0\0\0\0", 6);
  assert_region (fixture, 50, "\0\0\0\0\0", 5);
}

static void
count_notify (guint *counter)
{
  (*counter)++;
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(ShmviewHistory) history = NULL;
  guint notifies = 0;

  g_test_summary ("On a read-only region the write fails with PERMISSION and nothing is recorded");

  g_assert_no_errno ((int) pwrite (fixture->posix.fd, "keep", 4, 0));
  region = shmview_region_open_text (fixture->posix.name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  history = shmview_history_new (region, NULL);
  g_signal_connect_swapped (history, "notify", G_CALLBACK (count_notify), &notifies);

  g_assert_false (shmview_history_write (history, 0, (const guint8 *) "lost", 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  g_assert_false (shmview_history_can_undo (history));
  g_assert_false (shmview_history_can_redo (history));
  g_assert_cmpuint (notifies, ==, 0);
  g_assert_false (shmview_history_undo (history, NULL, NULL, NULL));
  assert_region (fixture, 0, "keep", 4);
}

static void
test_out_of_range (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("A write running past the end fails, writes nothing and records nothing");

  g_assert_false (shmview_history_write (fixture->history, REGION_SIZE - 2,
                                         (const guint8 *) "abcd", 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (shmview_history_write (fixture->history, G_MAXUINT64,
                                         (const guint8 *) "a", 1, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  assert_region (fixture, REGION_SIZE - 2, "\0\0", 2);
  assert_can (fixture, FALSE, FALSE);
  g_assert_cmpuint (fixture->undo_notifies, ==, 0);

  /* A zero-length write is a no-op, not a step. */
  g_assert_true (shmview_history_write (fixture->history, 0, NULL, 0, NULL));
  assert_can (fixture, FALSE, FALSE);
}

static void
test_failed_undo_keeps_entry (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 old_size;

  g_test_summary ("When undo cannot write (the object shrank), the step stays undoable");

  history_write (fixture, 200, "tail");
  g_assert_no_errno (ftruncate (fixture->posix.fd, 100));
  shmview_region_update (fixture->posix.region, &old_size);

  g_assert_false (shmview_history_undo (fixture->history, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SHMVIEW_ERROR);
  g_test_message ("undo after shrink: %s", error->message);
  g_clear_error (&error);
  assert_can (fixture, TRUE, FALSE);

  /* Grown back (the kernel zero-fills), the same undo goes through. */
  g_assert_no_errno (ftruncate (fixture->posix.fd, REGION_SIZE));
  g_assert_no_errno ((int) pwrite (fixture->posix.fd, "tail", 4, 200));
  shmview_region_update (fixture->posix.region, &old_size);
  expect_undo (fixture, 200, 4);
  assert_region (fixture, 200, "\0\0\0\0", 4);
  assert_can (fixture, FALSE, TRUE);
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  g_test_summary ("can-undo and can-redo notify only when their value changes");

  history_write (fixture, 0, "a");
  g_assert_cmpuint (fixture->undo_notifies, ==, 1);
  g_assert_cmpuint (fixture->redo_notifies, ==, 0);
  history_write (fixture, 1, "b");
  g_assert_cmpuint (fixture->undo_notifies, ==, 1);

  expect_undo (fixture, 1, 1);                  /* can-redo becomes TRUE */
  g_assert_cmpuint (fixture->undo_notifies, ==, 1);
  g_assert_cmpuint (fixture->redo_notifies, ==, 1);
  expect_undo (fixture, 0, 1);                  /* can-undo becomes FALSE */
  g_assert_cmpuint (fixture->undo_notifies, ==, 2);
  g_assert_cmpuint (fixture->redo_notifies, ==, 1);

  expect_redo (fixture, 0, 1);                  /* can-undo TRUE again */
  g_assert_cmpuint (fixture->undo_notifies, ==, 3);
  g_assert_cmpuint (fixture->redo_notifies, ==, 1);
  history_write (fixture, 2, "c");              /* drops the redo list */
  g_assert_cmpuint (fixture->undo_notifies, ==, 3);
  g_assert_cmpuint (fixture->redo_notifies, ==, 2);

  shmview_history_clear (fixture->history);
  g_assert_cmpuint (fixture->undo_notifies, ==, 4);
  g_assert_cmpuint (fixture->redo_notifies, ==, 2);
  assert_can (fixture, FALSE, FALSE);
  shmview_history_clear (fixture->history);
  g_assert_cmpuint (fixture->undo_notifies, ==, 4);
  g_assert_cmpuint (fixture->redo_notifies, ==, 2);

  /* Clearing leaves the bytes alone ("b" was undone and dropped with the redo list). */
  assert_region (fixture, 0, "a\0c", 3);
}

static void
test_monitor_sees_own (Fixture       *fixture,
                       gconstpointer  data)
{
  ShmviewMonitorResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_test_summary ("Writes, undos and redos are announced to the monitor; a foreign one still shows");

  shmview_monitor_set_window (fixture->monitor, 0, 64);
  g_assert_true (shmview_monitor_poll (fixture->monitor, &result, &error));
  g_assert_no_error (error);
  shmview_monitor_result_clear (&result);

  history_write (fixture, 4, "mine");
  shmview_monitor_poll (fixture->monitor, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.changed->len, ==, 0);
  shmview_monitor_result_clear (&result);

  expect_undo (fixture, 4, 4);
  shmview_monitor_poll (fixture->monitor, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.changed->len, ==, 0);
  shmview_monitor_result_clear (&result);

  expect_redo (fixture, 4, 4);
  g_assert_no_errno ((int) pwrite (fixture->posix.fd, "them", 4, 20));
  g_assert_true (shmview_monitor_poll (fixture->monitor, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changed->len, ==, 1);
  g_assert_cmpuint (g_array_index (result.changed, ShmviewRange, 0).offset, ==, 20);
  g_assert_cmpuint (g_array_index (result.changed, ShmviewRange, 0).length, ==, 4);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (result.current, NULL) + 4, 4, "mine", 4);
  shmview_monitor_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/history/round-trip", Fixture, NULL, setup, test_round_trip, teardown);
  g_test_add ("/core/history/single-bytes", Fixture, NULL, setup, test_single_bytes, teardown);
  g_test_add ("/core/history/redo-dropped", Fixture, NULL, setup, test_redo_dropped, teardown);
  g_test_add ("/core/history/read-only", Fixture, NULL, setup, test_read_only, teardown);
  g_test_add ("/core/history/out-of-range", Fixture, NULL, setup, test_out_of_range, teardown);
  g_test_add ("/core/history/failed-undo-keeps-entry", Fixture, NULL, setup,
              test_failed_undo_keeps_entry, teardown);
  g_test_add ("/core/history/notifications", Fixture, NULL, setup, test_notifications, teardown);
  g_test_add ("/core/history/monitor-sees-own", Fixture, NULL, setup, test_monitor_sees_own,
              teardown);

  return g_test_run ();
}
