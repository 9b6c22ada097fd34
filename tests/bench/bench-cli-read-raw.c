/* bench-cli-read-raw.c: shmtool read --format raw of 1 GiB against memcpy
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: prints the ratio of shmtool's throughput
 * (1 GiB region into /dev/null, process start to exit) to an in-process
 * memcpy of the same 1 GiB from the mapping into a buffer, from one run
 * each, and the goal (>= 0.5). Exits 0 either way.
 *
 * shmtool streams with sendfile(), and /dev/null takes spliced pages
 * without copying them, so that goal ratio measures no copy at all. For an
 * honest picture the same read also goes into a pipe that this program
 * drains (a consumer that takes every byte), next to dd doing the same
 * with read(2) and write(2): those two lines are the ones to compare.
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "bench-cli-util.h"
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
  bench_cli_report_ratio ("shmtool raw throughput / memcpy bandwidth", copy_s / tool_s, 0.5);
  return 0;
}
