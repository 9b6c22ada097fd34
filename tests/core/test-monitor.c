/* test-monitor.c: the monitor reports foreign changes, exactly and once
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "other process" is a second descriptor (pwrite, ftruncate) or a second
 * MAP_SHARED mapping of the same POSIX object: the kernel sees the same pages
 * either way, and the tests stay deterministic.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-monitor.h"
#include "shmview-region.h"
#include "test-util.h"

#define REGION_SIZE 256

typedef struct
{
  CoreTestPosix   posix;    /* posix.fd is the foreign writer's descriptor */
  ShmviewMonitor *monitor;
  ShmviewMonitorResult result;
} Fixture;

static void
setup_sized (Fixture *fixture,
             guint64  size)
{
  core_test_posix_init (&fixture->posix, "monitor", size, FALSE);
  fixture->monitor = shmview_monitor_new (fixture->posix.region);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  setup_sized (fixture, REGION_SIZE);
}

static void
setup_large (Fixture       *fixture,
             gconstpointer  data)
{
  setup_sized (fixture, 8 * 1024 * 1024);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  shmview_monitor_result_clear (&fixture->result);
  g_assert_finalize_object (fixture->monitor);
  core_test_posix_clear (&fixture->posix);
}

/* Writes as another process would: past the region object, straight to the kernel. */
static void
foreign_write (Fixture    *fixture,
               off_t       offset,
               const void *data,
               size_t      length)
{
  g_assert_cmpint (pwrite (fixture->posix.fd, data, length, offset), ==, (gssize) length);
}

static void
foreign_truncate (Fixture *fixture,
                  off_t    size)
{
  g_assert_no_errno (ftruncate (fixture->posix.fd, size));
}

/* Polls into fixture->result (cleared first) and expects no error, and the
 * window's bytes in the result when it is kept whole (else none). */
static gboolean
poll_kept_whole (Fixture  *fixture,
                 gboolean  whole)
{
  g_autoptr(GError) error = NULL;
  gboolean changed;

  shmview_monitor_result_clear (&fixture->result);
  changed = shmview_monitor_poll (fixture->monitor, &fixture->result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->result.changed);
  g_assert_true ((fixture->result.current != NULL) == whole);
  if (!whole)
    g_assert_null (fixture->result.previous);
  return changed;
}

static gboolean
poll_ok (Fixture *fixture)
{
  return poll_kept_whole (fixture, TRUE);
}

static void
assert_range (GArray  *ranges,
              guint    index,
              guint64  offset,
              guint64  length)
{
  ShmviewRange *range;

  g_assert_cmpuint (index, <, ranges->len);
  range = &g_array_index (ranges, ShmviewRange, index);
  g_assert_cmpuint (range->offset, ==, offset);
  g_assert_cmpuint (range->length, ==, length);
}

/* The bytes of @bytes (which start at @window_offset) at absolute @offset. */
static const guint8 *
bytes_at (GBytes  *bytes,
          guint64  window_offset,
          guint64  offset,
          gsize    length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (offset, >=, window_offset);
  g_assert_cmpuint (offset - window_offset + length, <=, size);
  return data + (offset - window_offset);
}

static void
assert_current (Fixture    *fixture,
                guint64     offset,
                const void *expected,
                gsize       length)
{
  g_assert_cmpmem (bytes_at (fixture->result.current, fixture->result.window_offset,
                             offset, length), length, expected, length);
}

static void
assert_previous (Fixture    *fixture,
                 guint64     offset,
                 const void *expected,
                 gsize       length)
{
  g_assert_nonnull (fixture->result.previous);
  g_assert_cmpmem (bytes_at (fixture->result.previous, fixture->result.window_offset,
                             offset, length), length, expected, length);
}

static void
test_first_poll (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) snapshot = NULL;
  guint64 offset, length;

  g_test_summary ("The first poll takes the whole region as the baseline: no ranges, no previous");

  shmview_monitor_get_window (fixture->monitor, &offset, &length);
  g_assert_cmpuint (offset, ==, 0);
  g_assert_cmpuint (length, ==, G_MAXUINT64);
  g_assert_true (shmview_monitor_get_region (fixture->monitor) == fixture->posix.region);
  g_assert_null (shmview_monitor_get_snapshot (fixture->monitor));

  foreign_write (fixture, 0, "ezhchai", 8);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_null (fixture->result.previous);
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpuint (fixture->result.old_size, ==, REGION_SIZE);
  g_assert_cmpuint (fixture->result.new_size, ==, REGION_SIZE);
  g_assert_cmpuint (fixture->result.window_offset, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, REGION_SIZE);
  assert_current (fixture, 0, "ezhchai", 8);

  snapshot = shmview_monitor_get_snapshot (fixture->monitor);
  g_assert_nonnull (snapshot);
  g_assert_true (g_bytes_equal (snapshot, fixture->result.current));
}

static void
test_snapshot_shared (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) held = NULL;
  g_autoptr(GBytes) copied = NULL;
  GBytes *snapshot;
  gconstpointer bytes;

  g_test_summary ("The snapshot is the last result's bytes, not a copy (two window-sized "
                  "buffers in all); our own write changes them in place when nobody holds "
                  "them, and on a copy when a result still does, which then never changes");

  poll_ok (fixture);
  foreign_write (fixture, 5, "x", 1);
  g_assert_true (poll_ok (fixture));
  snapshot = shmview_monitor_get_snapshot (fixture->monitor);
  g_assert_true (snapshot == fixture->result.current);
  g_bytes_unref (snapshot);

  held = g_bytes_ref (fixture->result.current);
  shmview_monitor_result_clear (&fixture->result);
  shmview_monitor_note_own_write (fixture->monitor, 10, (const guint8 *) "own", 3);
  g_assert_cmpmem (bytes_at (held, 0, 10, 3), 3, "\0\0\0", 3);
  copied = shmview_monitor_get_snapshot (fixture->monitor);
  g_assert_true (copied != held);
  g_assert_cmpmem (bytes_at (copied, 0, 10, 3), 3, "own", 3);

  bytes = g_bytes_get_data (copied, NULL);
  g_clear_pointer (&copied, g_bytes_unref);
  shmview_monitor_note_own_write (fixture->monitor, 20, (const guint8 *) "in", 2);
  copied = shmview_monitor_get_snapshot (fixture->monitor);
  g_assert_true (g_bytes_get_data (copied, NULL) == bytes);
  g_assert_cmpmem (bytes_at (copied, 0, 20, 2), 2, "in", 2);
}

static void
test_no_change (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;

  g_test_summary ("Polls without a change return FALSE with no ranges and the same bytes");

  foreign_write (fixture, 10, "abc", 3);
  g_assert_true (poll_ok (fixture));
  first = g_bytes_ref (fixture->result.current);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (poll_ok (fixture));
      /* A quiet tick shares the bytes it already had: nothing was copied. */
      g_assert_true (fixture->result.current == first);
      g_assert_true (fixture->result.previous == first);
      g_assert_cmpuint (fixture->result.changed->len, ==, 0);
      g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
      g_assert_cmpuint (fixture->result.old_size, ==, REGION_SIZE);
      g_assert_cmpuint (fixture->result.new_size, ==, REGION_SIZE);
      g_assert_true (g_bytes_equal (fixture->result.previous, fixture->result.current));
      assert_current (fixture, 10, "abc", 3);
    }

  /* Writing the same bytes again is no change either. */
  foreign_write (fixture, 10, "abc", 3);
  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
}

static void
test_foreign_change (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint8 zeros[8] = { 0 };

  g_test_summary ("Foreign writes are reported as exact, sorted, merged ranges with old and new bytes");

  foreign_write (fixture, 0, "ezhchai", 8);
  g_assert_true (poll_ok (fixture));

  /* Written out of order; 40..41 and 42..43 touch and merge; 'e' at 0 is rewritten unchanged. */
  foreign_write (fixture, 255, "Z", 1);
  foreign_write (fixture, 42, "CD", 2);
  foreign_write (fixture, 40, "AB", 2);
  foreign_write (fixture, 0, "eX", 2);

  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpuint (fixture->result.changed->len, ==, 3);
  assert_range (fixture->result.changed, 0, 1, 1);
  assert_range (fixture->result.changed, 1, 40, 4);
  assert_range (fixture->result.changed, 2, 255, 1);

  assert_previous (fixture, 1, "z", 1);
  assert_current (fixture, 1, "X", 1);
  assert_previous (fixture, 40, zeros, 4);
  assert_current (fixture, 40, "ABCD", 4);
  assert_previous (fixture, 255, zeros, 1);
  assert_current (fixture, 255, "Z", 1);

  /* Reported once: the next poll has the new bytes as its baseline. */
  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  assert_current (fixture, 0, "eXhchai", 8);
}

static void
test_foreign_mapping (Fixture       *fixture,
                      gconstpointer  data)
{
  guint8 *map;

  g_test_summary ("A write through another MAP_SHARED mapping of the object is seen");

  map = mmap (NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fixture->posix.fd, 0);
  g_assert_true (map != MAP_FAILED);

  g_assert_true (poll_ok (fixture));
  strcpy ((char *) map + 100, "ezhchai");

  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  /* strcpy also wrote the NUL, but it was 0 before, so it is no change. */
  assert_range (fixture->result.changed, 0, 100, 7);
  assert_current (fixture, 100, "ezhchai", 8);

  g_assert_no_errno (munmap (map, REGION_SIZE));
}

static void
test_own_write (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) snapshot = NULL;

  g_test_summary ("Our own writes, announced with note_own_write, are never reported as foreign");

  g_assert_true (poll_ok (fixture));

  shmview_region_write (fixture->posix.region, 16, (const guint8 *) "own", 3, &error);
  g_assert_no_error (error);
  shmview_monitor_note_own_write (fixture->monitor, 16, (const guint8 *) "own", 3);
  foreign_write (fixture, 32, "them", 4);

  snapshot = shmview_monitor_get_snapshot (fixture->monitor);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (snapshot, NULL) + 16, 3, "own", 3);

  /* Something to redraw (the content moved on), but only the foreign bytes are changes. */
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 32, 4);
  assert_previous (fixture, 16, "own", 3);
  assert_current (fixture, 16, "own", 3);

  /* An own write alone: new bytes to draw, no foreign range, then quiet again. */
  shmview_region_write (fixture->posix.region, 200, (const guint8 *) "\xff\xfe", 2, &error);
  g_assert_no_error (error);
  shmview_monitor_note_own_write (fixture->monitor, 200, (const guint8 *) "\xff\xfe", 2);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  assert_current (fixture, 200, "\xff\xfe", 2);
  g_assert_false (poll_ok (fixture));

  /* Straddling the end of the region and outside it are harmless. */
  shmview_monitor_note_own_write (fixture->monitor, 250, (const guint8 *) "0123456789", 10);
  shmview_monitor_note_own_write (fixture->monitor, 1000, (const guint8 *) "x", 1);
  shmview_monitor_note_own_write (fixture->monitor, G_MAXUINT64, (const guint8 *) "x", 1);
}

static void
test_own_write_before_first_poll (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_test_summary ("note_own_write before any poll is ignored; the first poll takes the bytes");

  foreign_write (fixture, 0, "mine", 4);
  shmview_monitor_note_own_write (fixture->monitor, 0, (const guint8 *) "mine", 4);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  assert_current (fixture, 0, "mine", 4);
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint8 zeros[16] = { 0 };

  g_test_summary ("Only the window is compared; offsets are absolute; bytes new to it are baseline");

  shmview_monitor_set_window (fixture->monitor, 100, 50);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.window_offset, ==, 100);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 50);

  foreign_write (fixture, 10, "outside", 7);
  foreign_write (fixture, 149, "edge", 4);   /* 149 inside, 150..152 outside */
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 149, 1);
  assert_current (fixture, 149, "e", 1);

  /* Move to [120, 170): 160 is new to the window, 130 was watched before. */
  foreign_write (fixture, 160, "new", 3);
  foreign_write (fixture, 130, "old", 3);
  shmview_monitor_set_window (fixture->monitor, 120, 50);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.window_offset, ==, 120);
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 130, 3);
  /* previous lines up with the new window: old bytes where watched, the baseline elsewhere */
  g_assert_cmpuint (g_bytes_get_size (fixture->result.previous), ==, 50);
  assert_previous (fixture, 130, zeros, 3);
  assert_current (fixture, 130, "old", 3);
  assert_previous (fixture, 160, "new", 3);
  assert_current (fixture, 160, "new", 3);

  /* A pure move with nothing changed: redraw, but no ranges. */
  shmview_monitor_set_window (fixture->monitor, 0, 16);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  assert_current (fixture, 0, zeros, 10);
  g_assert_false (poll_ok (fixture));

  /* Setting the same window again is no change. */
  shmview_monitor_set_window (fixture->monitor, 0, 16);
  g_assert_false (poll_ok (fixture));
}

static void
test_window_past_end (Fixture       *fixture,
                      gconstpointer  data)
{
  g_test_summary ("A window reaching past the end is clamped; one wholly past it is empty");

  shmview_monitor_set_window (fixture->monitor, 250, 100);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 6);

  shmview_monitor_set_window (fixture->monitor, 1000, 100);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.window_offset, ==, 1000);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 0);
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_false (poll_ok (fixture));

  shmview_monitor_set_window (fixture->monitor, G_MAXUINT64, G_MAXUINT64);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 0);
}

static void
test_growth (Fixture       *fixture,
             gconstpointer  data)
{
  g_test_summary ("Growth is reported once; the new bytes are baseline, later changes to them are not");

  g_assert_true (poll_ok (fixture));

  foreign_truncate (fixture, 4096);
  foreign_write (fixture, 1000, "grown", 5);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (fixture->result.old_size, ==, REGION_SIZE);
  g_assert_cmpuint (fixture->result.new_size, ==, 4096);
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.previous), ==, REGION_SIZE);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 4096);
  assert_current (fixture, 1000, "grown", 5);

  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpuint (fixture->result.old_size, ==, 4096);

  foreign_write (fixture, 4095, "!", 1);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 4095, 1);
}

static void
test_shrink (Fixture       *fixture,
             gconstpointer  data)
{
  g_test_summary ("Shrinking under the window clamps it without an error, reported once");

  shmview_monitor_set_window (fixture->monitor, 200, 56);
  foreign_write (fixture, 200, "0123456789abcdefghij", 20);
  g_assert_true (poll_ok (fixture));

  foreign_truncate (fixture, 220);
  foreign_write (fixture, 205, "X", 1);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_SHRANK);
  g_assert_cmpuint (fixture->result.old_size, ==, REGION_SIZE);
  g_assert_cmpuint (fixture->result.new_size, ==, 220);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 20);
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 205, 1);
  assert_previous (fixture, 205, "5", 1);
  assert_current (fixture, 200, "01234X6789abcdefghij", 20);

  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);

  /* Shrinking to zero: the window is empty, still no error. */
  foreign_truncate (fixture, 0);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_SHRANK);
  g_assert_cmpuint (fixture->result.new_size, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 0);
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_false (poll_ok (fixture));

  /* Growing back: the bytes come back as baseline, not as changes. */
  foreign_truncate (fixture, REGION_SIZE);
  foreign_write (fixture, 210, "back", 4);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  assert_current (fixture, 210, "back", 4);
}

static void
test_removal (Fixture       *fixture,
              gconstpointer  data)
{
  g_test_summary ("Removal by someone else is reported once; the bytes stay readable");

  g_assert_true (poll_ok (fixture));
  shmview_test_posix_unlink (fixture->posix.name);

  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, REGION_SIZE);

  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);

  /* Still attached: a write by a process that kept its descriptor is still seen. */
  foreign_write (fixture, 7, "late", 4);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 7, 4);
}

static void
test_whole_large (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint64 size = 8 * 1024 * 1024;
  g_autofree guint8 *block = g_malloc (300);

  g_test_summary ("Watching a whole 8 MiB region finds exact ranges anywhere, across block edges");

  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, size);
  g_assert_false (poll_ok (fixture));

  memset (block, 0x5a, 300);
  foreign_write (fixture, 0, "a", 1);
  foreign_write (fixture, 60, block, 10);            /* across a 64-byte block edge */
  foreign_write (fixture, 4 * 1024 * 1024 - 100, block, 300);
  foreign_write (fixture, size - 1, "z", 1);

  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 4);
  assert_range (fixture->result.changed, 0, 0, 1);
  assert_range (fixture->result.changed, 1, 60, 10);
  assert_range (fixture->result.changed, 2, 4 * 1024 * 1024 - 100, 300);
  assert_range (fixture->result.changed, 3, size - 1, 1);
  assert_current (fixture, 4 * 1024 * 1024 - 100, block, 300);

  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
}

#define GIB ((guint64) 1 << 30)
#define TIB ((guint64) 1 << 40)
#define CHUNK ((guint64) 64 * 1024)

static void
setup_64g (Fixture       *fixture,
           gconstpointer  data)
{
  setup_sized (fixture, 64 * GIB);
}

static void
setup_32m (Fixture       *fixture,
           gconstpointer  data)
{
  setup_sized (fixture, 32 * 1024 * 1024);
}

/* A poll of a window too large to keep: no copies of it in the result. */
static gboolean
poll_chunks_ok (Fixture *fixture)
{
  return poll_kept_whole (fixture, FALSE);
}

/* Range @index: its place, and its bytes as the accessor gives them (@old
 * NULL: not kept; @new_length: how many bytes of it are kept). */
static void
assert_range_bytes (Fixture    *fixture,
                    guint       index,
                    guint64     offset,
                    guint64     length,
                    const void *old,
                    gsize       new_length,
                    gsize       at,
                    const void *new,
                    gsize       n)
{
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  gsize size;
  const guint8 *data;

  assert_range (fixture->result.changed, index, offset, length);
  shmview_monitor_result_get_range_bytes (&fixture->result, index, &old_bytes, &new_bytes);
  if (old == NULL)
    g_assert_null (old_bytes);
  else
    g_assert_cmpmem (g_bytes_get_data (old_bytes, NULL), g_bytes_get_size (old_bytes), old, length);
  g_assert_nonnull (new_bytes);
  data = g_bytes_get_data (new_bytes, &size);
  g_assert_cmpuint (size, ==, new_length);
  g_assert_cmpmem (data + at, n, new, n);
}

static void
test_chunks_64g (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_test_summary ("Watching a whole sparse 64 GiB region: bounded memory, no copy in the "
                  "result; a first change in a chunk is the whole 64 KiB chunk with its new "
                  "bytes, the next change there exact with old and new; touching chunks merge; "
                  "our own write is not reported; holes stay unallocated");

  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_false (poll_chunks_ok (fixture));
  g_assert_null (shmview_monitor_get_snapshot (fixture->monitor));

  foreign_write (fixture, 40 * GIB + 5, "\xde\xad", 2);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range_bytes (fixture, 0, 40 * GIB, CHUNK, NULL, CHUNK, 5, "\xde\xad", 2);

  foreign_write (fixture, 40 * GIB + 100, "xy", 2);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range_bytes (fixture, 0, 40 * GIB + 100, 2, "\0\0", 2, 0, "xy", 2);

  /* Across a chunk edge: two whole chunks, one range. */
  foreign_write (fixture, 63 * GIB - 1, "ab", 2);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range_bytes (fixture, 0, 63 * GIB - CHUNK, 2 * CHUNK, NULL, 2 * CHUNK, CHUNK - 1, "ab", 2);

  g_assert_true (shmview_region_write (fixture->posix.region, 40 * GIB + 200,
                                       (const guint8 *) "own", 3, &error));
  g_assert_no_error (error);
  shmview_monitor_note_own_write (fixture->monitor, 40 * GIB + 200, (const guint8 *) "own", 3);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 0);
  g_assert_false (poll_chunks_ok (fixture));

  g_assert_no_errno (fstat (fixture->posix.fd, &st));
  g_assert_cmpint (st.st_blocks, <=, 64);
}

static void
test_chunks_huge (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint64 size = 200 * TIB;
  /* 200 TiB in at most 2^20 chunks: 256 MiB each. */
  const guint64 chunk = 256 * 1024 * 1024;

  g_test_summary ("A region growing to a sparse 200 TiB while watched whole: the growth is "
                  "reported, then changes as 256 MiB chunks with their first MiB of new bytes");

  g_assert_true (poll_chunks_ok (fixture));
  foreign_truncate (fixture, (off_t) size);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (fixture->result.new_size, ==, size);

  foreign_write (fixture, (off_t) (size - 3), "end", 3);
  foreign_write (fixture, (off_t) (100 * TIB + 7), "mid", 3);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 2);
  assert_range_bytes (fixture, 0, 100 * TIB, chunk, NULL, 1024 * 1024, 7, "mid", 3);
  assert_range_bytes (fixture, 1, size - chunk, chunk, NULL, 1024 * 1024, 0, "\0", 1);
  g_assert_false (poll_chunks_ok (fixture));
}

static void
test_chunks_chosen_word (Fixture       *fixture,
                         gconstpointer  data)
{
  g_test_summary ("In a chunked window, a single nonzero word is seen whatever its value, "
                  "even the one that cancelled a place's constant in an earlier digest");

  shmview_monitor_set_window (fixture->monitor, 0, G_MAXUINT64);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_false (poll_chunks_ok (fixture));

  for (guint64 place = 1; place <= 3; place++)
    {
      guint64 word = GUINT64_TO_LE (place * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

      foreign_write (fixture, (off_t) (place * 8), &word, sizeof word);
      g_assert_true (poll_chunks_ok (fixture));
      g_assert_cmpuint (fixture->result.changed->len, ==, 1);
    }
}

static void
test_chunks_switch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree guint8 *all = g_malloc (32 * 1024 * 1024);
  guint64 covered = 0, kept = 0;

  g_test_summary ("A window moves between kept whole (up to 16 MiB) and chunk digests; a "
                  "rewrite of all 32 MiB is reported in full, with at most 16 MiB of bytes kept");

  shmview_monitor_set_window (fixture->monitor, 0, 1024);
  g_assert_true (poll_ok (fixture));
  shmview_monitor_set_window (fixture->monitor, 0, G_MAXUINT64);
  g_assert_true (poll_chunks_ok (fixture));
  g_assert_false (poll_chunks_ok (fixture));

  memset (all, 0x11, 32 * 1024 * 1024);
  foreign_write (fixture, 0, all, 32 * 1024 * 1024);
  g_assert_true (poll_chunks_ok (fixture));
  for (guint i = 0; i < fixture->result.changed->len; i++)
    {
      ShmviewRange *range = &g_array_index (fixture->result.changed, ShmviewRange, i);
      g_autoptr(GBytes) new_bytes = NULL;

      g_assert_cmpuint (range->offset, ==, covered);
      covered += range->length;
      shmview_monitor_result_get_range_bytes (&fixture->result, i, NULL, &new_bytes);
      kept += new_bytes != NULL ? g_bytes_get_size (new_bytes) : 0;
    }
  g_assert_cmpuint (covered, ==, 32 * 1024 * 1024);
  g_assert_cmpuint (kept, ==, 16 * 1024 * 1024);

  shmview_monitor_set_window (fixture->monitor, 100, 10);
  g_assert_true (poll_ok (fixture));
  foreign_write (fixture, 105, "in", 2);
  g_assert_true (poll_ok (fixture));
  assert_range (fixture->result.changed, 0, 105, 2);
}

static void
test_many_ranges (Fixture       *fixture,
                  gconstpointer  data)
{
  guint8 pattern[REGION_SIZE];

  g_test_summary ("Every other byte changed gives one range per byte; a full rewrite gives one range");

  g_assert_true (poll_ok (fixture));

  for (guint i = 0; i < REGION_SIZE; i++)
    pattern[i] = (i % 2 == 0) ? 0x11 : 0;
  foreign_write (fixture, 0, pattern, REGION_SIZE);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, REGION_SIZE / 2);
  for (guint i = 0; i < REGION_SIZE / 2; i++)
    assert_range (fixture->result.changed, i, 2 * i, 1);

  memset (pattern, 0x22, REGION_SIZE);
  foreign_write (fixture, 0, pattern, REGION_SIZE);
  g_assert_true (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.changed->len, ==, 1);
  assert_range (fixture->result.changed, 0, 0, REGION_SIZE);
}

typedef struct
{
  int           fd;
  volatile gint stop;
} Shaker;

static gpointer
shake_size (gpointer data)
{
  Shaker *shaker = data;

  for (guint i = 0; !g_atomic_int_get (&shaker->stop); i++)
    if (ftruncate (shaker->fd, (i % 2 == 0) ? 64 : REGION_SIZE) != 0)
      break;
  return NULL;
}

static void
test_size_race (Fixture       *fixture,
                gconstpointer  data)
{
  Shaker shaker = { fixture->posix.fd, 0 };
  GThread *thread;
  guint failures = 0;

  g_test_summary ("While another thread resizes the object, a poll succeeds or fails with "
                  "SHRUNK, never crashes, and the next quiet poll is right");

  g_assert_true (poll_ok (fixture));
  thread = g_thread_new ("shake-size", shake_size, &shaker);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GError) error = NULL;

      shmview_monitor_result_clear (&fixture->result);
      if (!shmview_monitor_poll (fixture->monitor, &fixture->result, &error))
        {
          if (error != NULL)
            {
              g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
              g_assert_null (fixture->result.current);
              failures++;
            }
        }
      g_assert_nonnull (fixture->result.changed);
    }
  g_atomic_int_set (&shaker.stop, 1);
  g_thread_join (thread);
  g_test_message ("%u of 2000 polls lost the race", failures);

  foreign_truncate (fixture, 100);
  poll_ok (fixture);
  g_assert_cmpuint (fixture->result.new_size, ==, 100);
  g_assert_cmpuint (g_bytes_get_size (fixture->result.current), ==, 100);
  g_assert_false (poll_ok (fixture));
  g_assert_cmpuint (fixture->result.region_change, ==, SHMVIEW_REGION_CHANGE_NONE);
}

/* One foreign write through @foreign (a pointer into another attachment or
 * mapping of the same object) is reported exactly, then all is quiet. */
static void
check_foreign_write_seen (ShmviewRegion *region,
                          guint8        *foreign)
{
  g_autoptr(ShmviewMonitor) monitor = shmview_monitor_new (region);
  ShmviewMonitorResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (shmview_monitor_poll (monitor, &result, &error));
  g_assert_no_error (error);
  shmview_monitor_result_clear (&result);

  memcpy (foreign + 3000, "ezhchai", 7);
  g_assert_true (shmview_monitor_poll (monitor, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changed->len, ==, 1);
  assert_range (result.changed, 0, 3000, 7);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (result.current, NULL) + 3000, 7,
                   "ezhchai", 7);
  shmview_monitor_result_clear (&result);

  g_assert_false (shmview_monitor_poll (monitor, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changed->len, ==, 0);
  shmview_monitor_result_clear (&result);
}

static void
test_sysv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  ShmviewRegionInfo info;
  guint8 *foreign;

  g_test_summary ("A System V segment (read through its attachment) is monitored the same way");
  if (shmview_test_skip_without_sysv ())
    return;

  region = shmview_region_open_text ("sysv:0", SHMVIEW_OPEN_CREATE, 4096, 0600, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_query_info (region, &info, &error));
  g_assert_no_error (error);
  shmview_test_track_sysv (info.id);
  foreign = shmview_test_sysv_attach (info.id, 0);

  check_foreign_write_seen (region, foreign);

  g_assert_no_errno (shmdt (foreign));
  g_assert_true (shmview_region_remove (region, &error));
  g_assert_no_error (error);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *path = shmview_test_temp_path ("monitor-file");
  g_autofree char *spec = g_strconcat ("file:", path, NULL);
  guint8 *foreign;
  int fd;

  g_test_summary ("A file mapped MAP_SHARED is monitored the same way");

  region = shmview_region_open_text (spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     4096, 0600, &error);
  g_assert_no_error (error);
  fd = open (path, O_RDWR);
  g_assert_cmpint (fd, >=, 0);
  foreign = mmap (NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (foreign != MAP_FAILED);

  check_foreign_write_seen (region, foreign);

  g_assert_no_errno (munmap (foreign, 4096));
  close (fd);
  g_assert_true (shmview_region_remove (region, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/monitor/first-poll", Fixture, NULL, setup, test_first_poll, teardown);
  g_test_add ("/core/monitor/no-change", Fixture, NULL, setup, test_no_change, teardown);
  g_test_add ("/core/monitor/foreign-change", Fixture, NULL, setup, test_foreign_change, teardown);
  g_test_add ("/core/monitor/foreign-mapping", Fixture, NULL, setup, test_foreign_mapping,
              teardown);
  g_test_add ("/core/monitor/own-write", Fixture, NULL, setup, test_own_write, teardown);
  g_test_add ("/core/monitor/snapshot-shared", Fixture, NULL, setup, test_snapshot_shared,
              teardown);
  g_test_add ("/core/monitor/own-write-before-first-poll", Fixture, NULL, setup,
              test_own_write_before_first_poll, teardown);
  g_test_add ("/core/monitor/window", Fixture, NULL, setup, test_window, teardown);
  g_test_add ("/core/monitor/window-past-end", Fixture, NULL, setup, test_window_past_end,
              teardown);
  g_test_add ("/core/monitor/growth", Fixture, NULL, setup, test_growth, teardown);
  g_test_add ("/core/monitor/shrink", Fixture, NULL, setup, test_shrink, teardown);
  g_test_add ("/core/monitor/removal", Fixture, NULL, setup, test_removal, teardown);
  g_test_add ("/core/monitor/whole-large", Fixture, NULL, setup_large, test_whole_large,
              teardown);
  g_test_add ("/core/monitor/many-ranges", Fixture, NULL, setup, test_many_ranges, teardown);
  g_test_add ("/core/monitor/chunks-64g", Fixture, NULL, setup_64g, test_chunks_64g, teardown);
  g_test_add ("/core/monitor/chunks-huge", Fixture, NULL, setup_32m, test_chunks_huge, teardown);
  g_test_add ("/core/monitor/chunks-chosen-word", Fixture, NULL, setup_32m,
              test_chunks_chosen_word, teardown);
  g_test_add ("/core/monitor/chunks-switch", Fixture, NULL, setup_32m, test_chunks_switch,
              teardown);
  g_test_add_func ("/core/monitor/sysv", test_sysv);
  g_test_add_func ("/core/monitor/file", test_file);
  g_test_add ("/core/monitor/size-race", Fixture, NULL, setup, test_size_race, teardown);

  return g_test_run ();
}
