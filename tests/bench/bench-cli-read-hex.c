/* bench-cli-read-hex.c: shmtool read --format hex of 256 MiB against xxd
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A measurement, not a test: dumps the same 256 MiB of non-repeating bytes
 * (no "*" squeezing shortcut) with `shmtool read --format hex` and with
 * `xxd` into /dev/null, one run each, and prints how many times faster
 * shmtool was, against the goal (>= 5). Exits 0 either way; 77 (skipped)
 * without xxd.
 */
#include "config.h"

#include <glib.h>

#include "bench-cli-util.h"
#include "bench-table.h"
#include "test-util.h"

#define SIZE (256 * BENCH_CLI_MIB)
#define XXD "/usr/bin/xxd"

int
main (int    argc,
      char **argv)
{
  g_autofree char *shmtool = shmview_test_build_path ("src/cli/shmtool");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  double tool_s, xxd_s;

  if (bench_cli_missing (XXD))
    return 77;

  name = bench_cli_region_create ("hex", SIZE);
  path = shmview_test_posix_path (name);
  {
    const char *tool_args[] = { shmtool, "read", name, "--format", "hex", NULL };
    const char *xxd_args[] = { XXD, path, NULL };

    tool_s = bench_cli_time_command (tool_args);
    xxd_s = bench_cli_time_command (xxd_args);
  }
  bench_cli_region_remove (name);

  g_print ("shmtool read --format hex of 256 MiB > /dev/null: %.3f s (%.0f MB/s)\n",
           tool_s, SIZE / tool_s / 1e6);
  g_print ("xxd of the same 256 MiB > /dev/null: %.3f s (%.0f MB/s)\n",
           xxd_s, SIZE / xxd_s / 1e6);
  {
    char a[32], b[32];

    g_snprintf (a, sizeof a, "%.3f s", tool_s);
    g_snprintf (b, sizeof b, "%.3f s (xxd)", xxd_s);
    bench_table_row ("read --format hex 256 MiB, speed vs xxd", a, b, xxd_s / tool_s, TRUE, 5.0, "x");
  }
  return 0;
}
