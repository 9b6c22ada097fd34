/* test-search.c: bytes, text and numbers found in regions, holes and all
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes are put in place with pwrite on a second descriptor, as another
 * process would, so the sparse objects keep their holes.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-search.h"
#include "test-util.h"

#define MIB (G_GUINT64_CONSTANT (1) << 20)
#define GIB (G_GUINT64_CONSTANT (1) << 30)
/* The core reads in chunks of 1 MiB: offsets around it cross a boundary. */
#define CHUNK MIB

typedef struct
{
  CoreTestPosix posix;
} Fixture;

static void
setup_small (Fixture       *fixture,
             gconstpointer  data)
{
  core_test_posix_init (&fixture->posix, "search", 3 * MIB + 17, FALSE);
}

static void
setup_sparse (Fixture       *fixture,
              gconstpointer  data)
{
  core_test_posix_init (&fixture->posix, "search-sparse", 4 * GIB, FALSE);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  core_test_posix_clear (&fixture->posix);
}

static void
put (Fixture    *fixture,
     guint64     offset,
     const char *bytes,
     gsize       length)
{
  g_assert_cmpint (pwrite (fixture->posix.fd, bytes, length, offset), ==, (gssize) length);
}

/* Asserts the search from @from with @flags finds @pattern at @expected. */
static void
assert_found (Fixture            *fixture,
              const char         *pattern,
              gsize               length,
              ShmviewSearchFlags  flags,
              guint64             from,
              guint64             expected,
              gboolean            expect_wrapped)
{
  g_autoptr(GError) error = NULL;
  gboolean wrapped = !expect_wrapped;
  guint64 match = G_MAXUINT64;
  ShmviewSearchResult result;

  result = shmview_search_region (fixture->posix.region, (const guint8 *) pattern, length,
                                  flags, from, &match, &wrapped, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, SHMVIEW_SEARCH_FOUND);
  g_assert_cmphex (match, ==, expected);
  g_assert_cmpint (wrapped, ==, expect_wrapped);
}

static void
assert_not_found (Fixture            *fixture,
                  const char         *pattern,
                  gsize               length,
                  ShmviewSearchFlags  flags,
                  guint64             from)
{
  g_autoptr(GError) error = NULL;
  guint64 match = 0;

  g_assert_cmpint (shmview_search_region (fixture->posix.region, (const guint8 *) pattern,
                                          length, flags, from, &match, NULL, NULL, NULL, NULL,
                                          &error), ==, SHMVIEW_SEARCH_NOT_FOUND);
  g_assert_no_error (error);
}

static void
test_memory (void)
{
  static const char hay[] = "xxAbcxxabcxxABC";

  g_test_summary ("Searching memory: first, last, and ASCII letters in either case");

  g_assert_cmpint (shmview_search_memory ((const guint8 *) hay, 15, (const guint8 *) "abc", 3,
                                          0), ==, 7);
  g_assert_cmpint (shmview_search_memory ((const guint8 *) hay, 15, (const guint8 *) "abc", 3,
                                          SHMVIEW_SEARCH_IGNORE_CASE), ==, 2);
  g_assert_cmpint (shmview_search_memory ((const guint8 *) hay, 15, (const guint8 *) "aBc", 3,
                                          SHMVIEW_SEARCH_IGNORE_CASE |
                                          SHMVIEW_SEARCH_BACKWARD), ==, 12);
  g_assert_cmpint (shmview_search_memory ((const guint8 *) hay, 15, (const guint8 *) "abd", 3,
                                          SHMVIEW_SEARCH_IGNORE_CASE), ==, -1);
  /* Only ASCII letters fold: '@' (0x40) and '`' (0x60) stay apart. */
  g_assert_cmpint (shmview_search_memory ((const guint8 *) "`", 1, (const guint8 *) "@", 1,
                                          SHMVIEW_SEARCH_IGNORE_CASE), ==, -1);
}

static gssize
naive_find (const guint8 *hay,
            gsize         length,
            const guint8 *pattern,
            gsize         pattern_length,
            gboolean      last)
{
  gssize found = -1;

  for (gsize i = 0; i + pattern_length <= length; i++)
    {
      gsize k = 0;

      while (k < pattern_length && g_ascii_tolower (hay[i + k]) == g_ascii_tolower (pattern[k]))
        k++;
      if (k == pattern_length)
        {
          found = (gssize) i;
          if (!last)
            break;
        }
    }
  return found;
}

static void
test_memory_random (void)
{
  g_test_summary ("On random text of a small alphabet, every length and position gives "
                  "what a byte-by-byte search gives, both ways, ignoring case");

  for (guint round = 0; round < 2000; round++)
    {
      guint8 hay[100];
      guint8 pattern[8];
      gsize length = g_test_rand_int_range (0, sizeof hay);
      gsize pattern_length = g_test_rand_int_range (1, sizeof pattern);
      ShmviewSearchFlags backward = round % 2 ? SHMVIEW_SEARCH_BACKWARD : 0;

      for (gsize i = 0; i < length; i++)
        hay[i] = "abAB"[g_test_rand_int_range (0, 4)];
      for (gsize i = 0; i < pattern_length; i++)
        pattern[i] = "abAB"[g_test_rand_int_range (0, 4)];
      g_assert_cmpint (shmview_search_memory (hay, length, pattern, pattern_length,
                                              SHMVIEW_SEARCH_IGNORE_CASE | backward), ==,
                       naive_find (hay, length, pattern, pattern_length, backward != 0));
    }
}

static void
test_chunk_boundaries (Fixture       *fixture,
                       gconstpointer  data)
{
  guint64 size = shmview_region_get_size (fixture->posix.region);

  g_test_summary ("A match across a chunk boundary is found forward and backward, at "
                  "the first and the last offset, and nothing is found past it");

  put (fixture, CHUNK - 3, "needle", 6);          /* across the first boundary */
  put (fixture, 2 * CHUNK - 1, "NEEDLE", 6);      /* across the second */
  put (fixture, size - 6, "needle", 6);           /* ends at the last byte */

  assert_found (fixture, "needle", 6, 0, 0, CHUNK - 3, FALSE);
  assert_found (fixture, "needle", 6, 0, CHUNK - 2, size - 6, FALSE);
  assert_found (fixture, "needle", 6, SHMVIEW_SEARCH_IGNORE_CASE, CHUNK - 2, 2 * CHUNK - 1,
                FALSE);
  assert_found (fixture, "needle", 6, SHMVIEW_SEARCH_BACKWARD, size, size - 6, FALSE);
  assert_found (fixture, "needle", 6, SHMVIEW_SEARCH_BACKWARD, size - 6, CHUNK - 3, FALSE);
  assert_found (fixture, "NeEdLe", 6, SHMVIEW_SEARCH_BACKWARD | SHMVIEW_SEARCH_IGNORE_CASE,
                size - 6, 2 * CHUNK - 1, FALSE);
  assert_not_found (fixture, "needle", 6, SHMVIEW_SEARCH_BACKWARD, CHUNK - 3);
  assert_not_found (fixture, "needle", 6, 0, size - 5);
  assert_not_found (fixture, "needles", 7, 0, 0);
}

static void
test_wrap (Fixture       *fixture,
           gconstpointer  data)
{
  g_test_summary ("With WRAP a search goes on from the other end and says it did");

  put (fixture, 100, "mark", 4);
  put (fixture, 3 * MIB, "mark", 4);

  assert_found (fixture, "mark", 4, SHMVIEW_SEARCH_WRAP, 101, 3 * MIB, FALSE);
  assert_found (fixture, "mark", 4, SHMVIEW_SEARCH_WRAP, 3 * MIB + 1, 100, TRUE);
  assert_found (fixture, "mark", 4, SHMVIEW_SEARCH_WRAP | SHMVIEW_SEARCH_BACKWARD, 100,
                3 * MIB, TRUE);
  assert_found (fixture, "mark", 4, SHMVIEW_SEARCH_WRAP | SHMVIEW_SEARCH_BACKWARD, 3 * MIB,
                100, FALSE);
  assert_not_found (fixture, "kram", 4, SHMVIEW_SEARCH_WRAP, 12345);
}

static gboolean
collect (guint64  offset,
         gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, offset);
  return TRUE;
}

static gboolean
stop_after_two (guint64  offset,
                gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, offset);
  return ((GArray *) user_data)->len < 2;
}

static void
test_all (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;
  static const guint64 expected[] = { 10, 11, CHUNK - 1, 2 * CHUNK + 5 };

  g_test_summary ("Every match is reported once, in order, overlapping ones too, across "
                  "chunk boundaries; the callback can stop it");

  put (fixture, 10, "aaa", 3);
  put (fixture, CHUNK - 1, "aa", 2);
  put (fixture, 2 * CHUNK + 5, "AA", 2);

  g_assert_true (shmview_search_region_all (fixture->posix.region, (const guint8 *) "aa", 2,
                                            SHMVIEW_SEARCH_IGNORE_CASE, 0, collect, found, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpmem (found->data, found->len * sizeof (guint64), expected, sizeof expected);

  g_array_set_size (found, 0);
  g_assert_true (shmview_search_region_all (fixture->posix.region, (const guint8 *) "aa", 2,
                                            SHMVIEW_SEARCH_IGNORE_CASE, 11, collect, found,
                                            NULL, &error));
  g_assert_cmpmem (found->data, found->len * sizeof (guint64), expected + 1,
                   sizeof expected - sizeof (guint64));

  g_array_set_size (found, 0);
  g_assert_true (shmview_search_region_all (fixture->posix.region, (const guint8 *) "aa", 2,
                                            SHMVIEW_SEARCH_IGNORE_CASE, 0, stop_after_two, found,
                                            NULL, &error));
  g_assert_cmpuint (found->len, ==, 2);
}

typedef struct
{
  guint calls;
  guint64 last_done;
  guint64 total;
  GCancellable *cancel_at_first;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last_done);
  g_assert_cmpuint (done, <=, total);
  p->calls++;
  p->last_done = done;
  p->total = total;
  if (p->cancel_at_first != NULL)
    g_cancellable_cancel (p->cancel_at_first);
}

static void
test_progress_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  guint64 size = shmview_region_get_size (fixture->posix.region);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress p = { 0 };
  guint64 match;

  g_test_summary ("Progress rises to the whole size; a cancelled search stops with "
                  "G_IO_ERROR_CANCELLED after the chunk it was in");

  /* Populated, so no chunk is skipped as a hole. */
  g_assert_true (shmview_region_fill (fixture->posix.region, 0, size, ' ', &error));

  g_assert_cmpint (shmview_search_region (fixture->posix.region, (const guint8 *) "zz", 2, 0, 0,
                                          &match, NULL, NULL, on_progress, &p, &error),
                   ==, SHMVIEW_SEARCH_NOT_FOUND);
  g_assert_no_error (error);
  g_assert_cmpuint (p.calls, >=, 3);
  g_assert_cmpuint (p.total, ==, size);
  g_assert_cmpuint (p.last_done, ==, size);

  memset (&p, 0, sizeof p);
  p.cancel_at_first = cancellable;
  g_assert_cmpint (shmview_search_region (fixture->posix.region, (const guint8 *) "zz", 2, 0, 0,
                                          &match, NULL, cancellable, on_progress, &p, &error),
                   ==, SHMVIEW_SEARCH_FAILED);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.calls, ==, 1);
}

static void
test_patterns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) number = NULL;
  g_autoptr(GBytes) hex = NULL;
  g_autoptr(GBytes) none = NULL;

  g_test_summary ("Patterns from numbers and hex are their bytes; an empty one, a bad "
                  "one and an out-of-range number are refused");

  number = shmview_search_pattern_number (SHMVIEW_VALUE_U32, SHMVIEW_BYTE_ORDER_BIG, "258",
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (number, NULL), g_bytes_get_size (number),
                   "\0\0\x01\x02", 4);
  hex = shmview_search_pattern_hex ("de ad", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (hex, NULL), g_bytes_get_size (hex), "\xde\xad", 2);

  none = shmview_search_pattern_text ("", &error);
  g_assert_null (none);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  none = shmview_search_pattern_hex ("xy", &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  none = shmview_search_pattern_number (SHMVIEW_VALUE_U8, 0, "300", &error);
  g_assert_null (none);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
}

static void
test_sparse_last_byte (Fixture       *fixture,
                       gconstpointer  data)
{
  guint64 size = 4 * GIB;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;

  g_test_summary ("In a 4 GiB sparse object the holes are skipped: the last byte, a "
                  "match that starts in a hole, and a zero pattern are all found");

  put (fixture, size - 1, "\x7f", 1);
  put (fixture, 2 * GIB, "AB", 2);   /* page-aligned: the bytes before are a hole */

  assert_found (fixture, "\x7f", 1, 0, 0, size - 1, FALSE);
  assert_found (fixture, "\0\x7f", 2, 0, 0, size - 2, FALSE);
  assert_found (fixture, "\0\0AB", 4, 0, 0, 2 * GIB - 2, FALSE);
  assert_found (fixture, "\x7f", 1, SHMVIEW_SEARCH_BACKWARD, size, size - 1, FALSE);
  assert_found (fixture, "AB\0", 3, SHMVIEW_SEARCH_BACKWARD, size - 1, 2 * GIB, FALSE);
  assert_found (fixture, "\x7f", 1, SHMVIEW_SEARCH_WRAP, size, size - 1, TRUE);
  assert_found (fixture, "\0\0", 2, 0, 5, 5, FALSE);
  assert_not_found (fixture, "\x7f\0", 2, 0, 0);

  g_assert_true (shmview_search_region_all (fixture->posix.region, (const guint8 *) "\0\x7f", 2,
                                            0, 1, collect, found, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint64, 0), ==, size - 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/search/memory", test_memory);
  g_test_add_func ("/core/search/memory-random", test_memory_random);
  g_test_add_func ("/core/search/patterns", test_patterns);
  g_test_add ("/core/search/chunk-boundaries", Fixture, NULL, setup_small,
              test_chunk_boundaries, teardown);
  g_test_add ("/core/search/wrap", Fixture, NULL, setup_small, test_wrap, teardown);
  g_test_add ("/core/search/all", Fixture, NULL, setup_small, test_all, teardown);
  g_test_add ("/core/search/progress-cancel", Fixture, NULL, setup_small,
              test_progress_cancel, teardown);
  g_test_add ("/core/search/sparse-last-byte", Fixture, NULL, setup_sparse,
              test_sparse_last_byte, teardown);

  return g_test_run ();
}
