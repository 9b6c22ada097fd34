/* bench-cli-util.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gio.h>

#include "bench-cli-util.h"

char *
bench_cli_region_create (const char *tag,
                         gsize       size)
{
  char *name = g_strdup_printf ("/shmview-bench-%d-%s", (int) getpid (), tag);
  int fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);
  guint64 *words;
  guint64 x = 0x9e3779b97f4a7c15ull;

  if (fd < 0 || ftruncate (fd, size) != 0)
    g_error ("could not create %s (%zu bytes): %s", name, size, g_strerror (errno));
  words = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (words == MAP_FAILED)
    g_error ("could not map %s: %s", name, g_strerror (errno));
  close (fd);

  /* xorshift64: every page is written, and no row equals the one before,
   * so hexdump's "*" squeezing never shortens the work. */
  for (gsize i = 0; i < size / sizeof (guint64); i++)
    {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      words[i] = x;
    }
  munmap (words, size);
  return name;
}

void
bench_cli_region_remove (const char *name)
{
  shm_unlink (name);
}

const guint8 *
bench_cli_region_map (const char *name,
                      gsize       size)
{
  int fd = shm_open (name, O_RDONLY, 0);
  void *map;

  if (fd < 0)
    g_error ("could not open %s: %s", name, g_strerror (errno));
  /* Populated up front: the baseline is copy bandwidth, not page faults
   * (shmtool's pread takes none either). */
  map = mmap (NULL, size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
  if (map == MAP_FAILED)
    g_error ("could not map %s: %s", name, g_strerror (errno));
  close (fd);
  return map;
}

double
bench_cli_time_command (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

double
bench_cli_time_command_piped (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (BENCH_CLI_MIB);
  gint64 start = g_get_monotonic_time ();
  GInputStream *out;
  gssize n;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL)
    g_error ("%s: %s", argv[0], error->message);
  out = g_subprocess_get_stdout_pipe (process);
  while ((n = g_input_stream_read (out, buffer, BENCH_CLI_MIB, NULL, &error)) > 0)
    ;
  if (n < 0 || !g_subprocess_wait_check (process, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

gboolean
bench_cli_missing (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  g_print ("%s is not installed: nothing to compare with, skipped\n", path);
  return TRUE;
}

void
bench_cli_report_ratio (const char *what,
                        double      ratio,
                        double      goal)
{
  g_print ("%s: ratio %.2f (goal >= %.2f): %s\n", what, ratio, goal,
           ratio >= goal ? "met" : "MISSED");
}
