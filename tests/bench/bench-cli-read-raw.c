/* bench-cli-read-raw.c: shmtool read --format raw of 1 GiB against memcpy
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: prints the ratio of shmtool's throughput
 * (1 GiB region through a pipe to a reader that takes every byte, process
 * start to exit) to an in-process memcpy of the same 1 GiB from a warm
 * mapping into a warm buffer, from one run each, and the goal (>= 0.5).
 * Exits 0 either way. dd doing the same with read(2) and write(2) is shown
 * beside it. shmtool streams with sendfile(), and /dev/null takes spliced
 * pages without copying them: that figure is printed as a side note only.
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "bench-cli-util.h"
#include "bench-table.h"
#include "test-util.h"

#define SIZE BENCH_CLI_GIB
#define DD "/usr/bin/dd"

/* The destination is touched first, so its page faults are not counted:
 * this is the copy bandwidth, the best an in-process reader could do. */
static double
time_memcpy (const guint8 *source)
{
  g_autofree guint8 *destination = g_malloc (SIZE);
  gint64 start;
  double seconds;

  memset (destination, 1, SIZE);
  /* Warm the source as well: one untimed pass, so the floor is copy
   * bandwidth and not the first touch of every page of the mapping. */
  memcpy (destination, source, SIZE);
  start = g_get_monotonic_time ();
  memcpy (destination, source, SIZE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  /* Use the copy, so the compiler cannot drop it. */
  if (destination[SIZE / 2] != source[SIZE / 2])
    g_error ("memcpy did not copy");
  return seconds;
}

static void
print_time (const char *what,
            double      seconds,
            double      copy_s)
{
  g_print ("%s: %.3f s (%.2f GiB/s, ratio to memcpy %.2f)\n",
           what, seconds, 1.0 / seconds, copy_s / seconds);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *shmtool = shmview_test_build_path ("src/cli/shmtool");
  g_autofree char *name = bench_cli_region_create ("raw", SIZE);
  const char *args[] = { shmtool, "read", name, "--format", "raw", NULL };
  g_autofree char *path = shmview_test_posix_path (name);
  g_autofree char *input = g_strconcat ("if=", path, NULL);
  const char *dd_args[] = { DD, input, "of=/dev/null", "bs=256K", "status=none", NULL };
  const char *dd_pipe_args[] = { DD, input, "bs=256K", "status=none", NULL };
  gboolean have_dd = g_file_test (DD, G_FILE_TEST_IS_EXECUTABLE);
  const guint8 *map = bench_cli_region_map (name, SIZE);
  double copy_s = time_memcpy (map);
  double tool_s = bench_cli_time_command (args);
  double tool_pipe_s = bench_cli_time_command_piped (args);
  double dd_s = have_dd ? bench_cli_time_command (dd_args) : -1;
  double dd_pipe_s = have_dd ? bench_cli_time_command_piped (dd_pipe_args) : -1;

  munmap ((void *) map, SIZE);
  bench_cli_region_remove (name);

  g_print ("memcpy of 1 GiB in-process: %.3f s (%.2f GiB/s)\n", copy_s, 1.0 / copy_s);
  print_time ("shmtool read --format raw of 1 GiB > /dev/null (sendfile, no copy)", tool_s,
              copy_s);
  if (have_dd)
    print_time ("dd bs=256K of the same object > /dev/null (read(2): one copy)", dd_s, copy_s);
  print_time ("shmtool read --format raw of 1 GiB | a reader taking every byte", tool_pipe_s,
              copy_s);
  if (have_dd)
    print_time ("dd bs=256K of the same object | the same reader", dd_pipe_s, copy_s);
  /* The headline: bytes a reader really receives. sendfile into /dev/null
   * copies nothing, so its figure says nothing about throughput. */
  g_print ("side note: into /dev/null (sendfile) shmtool takes %.3f s, ratio %.2f: no bytes are "
           "copied there, so it is not the measure\n", tool_s, copy_s / tool_s);
  {
    char a[32], b[32];

    g_snprintf (a, sizeof a, "%.2f GiB/s", 1.0 / tool_pipe_s);
    g_snprintf (b, sizeof b, "%.2f GiB/s (memcpy)", 1.0 / copy_s);
    bench_table_row ("read --format raw 1 GiB | reader, throughput", a, b, copy_s / tool_pipe_s,
                     TRUE, 0.5, "");
  }
  return 0;
}
