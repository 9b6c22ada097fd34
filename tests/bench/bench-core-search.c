/* bench-core-search.c: searching 1 GiB of a region against memmem
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: fills a 1 GiB POSIX object with text-like
 * bytes (populated memory, no holes), puts a needle at its last bytes, and
 * times shmview_search_region() (chunked pread + memmem, case-sensitive and
 * ignoring case) against one memmem over the same bytes through a mapping,
 * in one run. Prints the throughputs, the ratios and the goal (>= 2 GB/s).
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "shmview-region.h"
#include "shmview-search.h"
#include "test-util.h"

#define SIZE (G_GUINT64_CONSTANT (1) << 30)
#define NEEDLE "shmview-needle"

static double
time_search (ShmviewRegion      *region,
             ShmviewSearchFlags  flags)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 match = 0;

  if (shmview_search_region (region, (const guint8 *) NEEDLE, strlen (NEEDLE), flags, 0,
                             &match, NULL, NULL, NULL, NULL, &error) != SHMVIEW_SEARCH_FOUND ||
      match != SIZE - strlen (NEEDLE))
    g_error ("search did not find the needle at the end: %s",
             error != NULL ? error->message : "not found");
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *name = shmview_test_unique_posix_name ("bench-search");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  double memmem_s, search_s, folded_s;
  guint8 *map;
  gint64 start;
  int fd;

  fd = shmview_test_posix_create (name, SIZE);
  map = mmap (NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    g_error ("mmap failed");
  /* Lower-case text without the needle's 'h'-'m' run: memmem's skip works as on real data. */
  for (guint64 i = 0; i < SIZE; i++)
    map[i] = "abcdefg ijkl nopqrstuvwxyz\n"[i % 27];
  memcpy (map + SIZE - strlen (NEEDLE), NEEDLE, strlen (NEEDLE));

  region = shmview_region_open_text (name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  if (memmem (map, SIZE, NEEDLE, strlen (NEEDLE)) != map + SIZE - strlen (NEEDLE))
    g_error ("memmem did not find the needle");
  memmem_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  search_s = time_search (region, SHMVIEW_SEARCH_FLAGS_NONE);
  folded_s = time_search (region, SHMVIEW_SEARCH_IGNORE_CASE);

  g_print ("memmem over the mapping: %.3f s (%.2f GB/s)\n", memmem_s, SIZE / memmem_s / 1e9);
  g_print ("shmview_search_region: %.3f s (%.2f GB/s, ratio to memmem %.2f)\n",
           search_s, SIZE / search_s / 1e9, memmem_s / search_s);
  g_print ("... ignoring case: %.3f s (%.2f GB/s, ratio to memmem %.2f)\n",
           folded_s, SIZE / folded_s / 1e9, memmem_s / folded_s);
  g_print ("goal: >= 2 GB/s on populated memory\n");

  munmap (map, SIZE);
  close (fd);
  g_clear_object (&region);
  shmview_test_posix_unlink (name);
  return 0;
}
