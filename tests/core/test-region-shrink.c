/* test-region-shrink.c: the object changes under the mapping
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Another descriptor truncates, grows or unlinks the object while a region
 * has it mapped. Touching a page past the new end through the mapping would
 * raise SIGBUS; these tests prove the caller only ever sees errors, that the
 * guard passes faults that are not its own to whoever handled them before,
 * and that reading a sparse object allocates none of its holes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-guard.h"
#include "shmview-region.h"
#include "test-util.h"

#define REGION_SIZE (64 * 1024)

/* Loads from a mapping are stored here, so that no optimizer (valgrind's
 * included) drops them as dead. */
static volatile char sink;

/* The region is REGION_SIZE bytes, "ezhchai\0" at 0; fd is another
 * descriptor of the same object. */
typedef CoreTestPosix Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  core_test_posix_init (f, "shrink", REGION_SIZE, TRUE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  core_test_posix_clear (f);
}

static void
test_truncate_to_zero (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 buf[16];
  guint64 old_size = 0;
  struct stat st;

  g_test_summary ("Truncated to 0 by another descriptor: read, write and fill fail with "
                  "SHRUNK (no SIGBUS, nothing written), update reports SHRANK once");

  g_assert_no_errno (ftruncate (f->fd, 0));

  g_assert_false (shmview_region_read (f->region, 0, buf, sizeof buf, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
  g_assert_cmpstr (error->message, ==, "The region shrank to 0 bytes while reading");
  g_clear_error (&error);

  g_assert_false (shmview_region_write (f->region, 100, (const guint8 *) "boom", 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
  g_clear_error (&error);
  g_assert_false (shmview_region_fill (f->region, 0, REGION_SIZE, 0xff, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
  g_clear_error (&error);
  g_assert_no_errno (fstat (f->fd, &st));
  g_assert_cmpint (st.st_size, ==, 0);

  g_assert_cmpint (shmview_region_update (f->region, &old_size), ==, SHMVIEW_REGION_CHANGE_SHRANK);
  g_assert_cmpuint (old_size, ==, REGION_SIZE);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 0);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);

  g_assert_false (shmview_region_read (f->region, 0, buf, 1, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  /* Growing back gives fresh zeros; the old bytes went with the truncation. */
  g_assert_no_errno (ftruncate (f->fd, 4096));
  g_assert_cmpint (shmview_region_update (f->region, &old_size), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (old_size, ==, 0);
  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "\0\0\0\0\0\0\0\0", 8);
}

static void
test_partial_shrink (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 buf[8];
  guint8 big[8192];

  g_test_summary ("Shrunk to 4 KiB without an update: ranges still inside work, ranges past "
                  "the new end fail with SHRUNK and write nothing");

  g_assert_no_errno (ftruncate (f->fd, 4096));

  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  g_assert_true (shmview_region_write (f->region, 4092, (const guint8 *) "last", 4, &error));
  g_assert_no_error (error);
  core_test_assert_fd_bytes (f->fd, 4092, "last", 4);

  g_assert_false (shmview_region_read (f->region, 0, big, sizeof big, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
  g_assert_cmpstr (error->message, ==, "The region shrank to 4096 bytes while reading");
  g_clear_error (&error);

  /* Straddles the new end: the part that still exists must not change. */
  memset (big, 'X', sizeof big);
  g_assert_false (shmview_region_write (f->region, 4000, big, 200, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
  core_test_assert_fd_bytes (f->fd, 4092, "last", 4);
}

static void
test_growth (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 old_size = 0;
  guint8 buf[4];

  g_test_summary ("Grown by another descriptor: update reports GREW once and the new bytes "
                  "can be read and written");

  g_assert_no_errno (ftruncate (f->fd, 4 * REGION_SIZE));
  g_assert_false (shmview_region_read (f->region, REGION_SIZE, buf, 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_cmpint (shmview_region_update (f->region, &old_size), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (old_size, ==, REGION_SIZE);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 4 * REGION_SIZE);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);

  g_assert_true (shmview_region_read (f->region, 4 * REGION_SIZE - 4, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "\0\0\0\0", 4);
  g_assert_true (shmview_region_write (f->region, 4 * REGION_SIZE - 3, (const guint8 *) "new", 3,
                                       &error));
  g_assert_no_error (error);
  core_test_assert_fd_bytes (f->fd, 4 * REGION_SIZE - 3, "new", 3);
}

static void
test_removed_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 buf[8];

  g_test_summary ("Unlinked by another process: update reports REMOVED exactly once and the "
                  "region stays readable and writable");

  g_assert_no_errno (shm_unlink (f->name));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_true (shmview_region_is_removed (f->region));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  g_assert_true (shmview_region_write (f->region, 0, (const guint8 *) "E", 1, &error));
  g_assert_no_error (error);

  /* Shrinking after removal is still a separate, single report. */
  g_assert_no_errno (ftruncate (f->fd, 16));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_SHRANK);
}

/* ---- races ------------------------------------------------------------- */

typedef struct
{
  int            fd;
  ShmviewRegion *region;
  gint           stop;
  gint           toggles;
} Racer;

static gpointer
toggle_size (gpointer data)
{
  Racer *r = data;

  while (!g_atomic_int_get (&r->stop))
    {
      g_assert_no_errno (ftruncate (r->fd, (g_atomic_int_add (&r->toggles, 1) & 1) ? REGION_SIZE : 0));
      g_thread_yield ();
    }
  g_assert_no_errno (ftruncate (r->fd, REGION_SIZE));
  return NULL;
}

static gpointer
keep_updating (gpointer data)
{
  Racer *r = data;

  while (!g_atomic_int_get (&r->stop))
    {
      shmview_region_update (r->region, NULL);
      g_thread_yield ();
    }
  return NULL;
}

/* One write or read racing the truncations: fine or SHRUNK, never anything
 * else, and never a signal. */
static void
race_one (ShmviewRegion *region,
          guint8        *buf,
          gboolean       write,
          guint         *n_ok,
          guint         *n_shrunk,
          guint         *n_faulted)
{
  g_autoptr(GError) error = NULL;
  guint64 size = shmview_region_get_size (region);
  gboolean ok;

  if (write)
    ok = shmview_region_write (region, 0, buf, size, &error);
  else
    ok = shmview_region_read (region, 0, buf, size, &error);
  if (ok)
    (*n_ok)++;
  else if (g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK))
    {
      (*n_shrunk)++;
      /* "while writing": the SIGBUS guard caught the shrink mid-copy. */
      if (g_str_has_suffix (error->message, "while writing"))
        (*n_faulted)++;
    }
  else
    g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
}

static void
run_race (Fixture  *f,
          gboolean  with_updates)
{
  g_autofree guint8 *buf = g_malloc0 (REGION_SIZE);
  Racer racer = { f->fd, f->region, 0, 0 };
  GThread *toggler, *updater = NULL;
  guint n_ok = 0, n_shrunk = 0, n_faulted = 0;
  guint n_toggles;

  memset (buf, 0x5a, REGION_SIZE);
  toggler = g_thread_new ("toggle-size", toggle_size, &racer);
  if (with_updates)
    updater = g_thread_new ("update", keep_updating, &racer);

  /* At least 2000 rounds, and on until the other thread got to change the
   * size a few hundred times (it may be starved of CPU at first). */
  for (guint i = 0; i < 2000 || (g_atomic_int_get (&racer.toggles) < 200 && i < 1000000); i++)
    race_one (f->region, buf, i & 1, &n_ok, &n_shrunk, &n_faulted);

  g_atomic_int_set (&racer.stop, 1);
  g_thread_join (toggler);
  if (updater != NULL)
    g_thread_join (updater);
  n_toggles = g_atomic_int_get (&racer.toggles);
  g_test_message ("%u succeeded, %u shrunk (%u caught mid-copy by the guard), %u size changes",
                  n_ok, n_shrunk, n_faulted, n_toggles);
  g_assert_cmpuint (n_toggles, >, 0);
}

static void
test_write_race (Fixture       *f,
                 gconstpointer  data)
{
  g_test_summary ("Writes and reads racing another thread that truncates and regrows the "
                  "object, with no update in between, only succeed or fail with SHRUNK");

  run_race (f, FALSE);
}

static void
test_race_with_updates (Fixture       *f,
                        gconstpointer  data)
{
  g_test_summary ("The same race while a third thread keeps calling update() (which "
                  "remaps): still no crash, only successes and SHRUNK/OUT_OF_RANGE");

  run_race (f, TRUE);
}

static void
test_copy_shrunk (Fixture       *f,
                  gconstpointer  data)
{
  static const int oflags[] = { 0, O_APPEND };
  g_autoptr(GError) error = NULL;

  g_test_summary ("copy_to_fd() of a range the object no longer covers writes the bytes up "
                  "to the new end, then fails with SHRUNK (by sendfile and by the plain path)");

  g_assert_no_errno (ftruncate (f->fd, 1000));
  for (gsize i = 0; i < G_N_ELEMENTS (oflags); i++)
    {
      g_autoptr(GBytes) written = core_test_copy_to_file (f->region, 0, REGION_SIZE,
                                                          oflags[i], &error);

      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK);
      g_assert_cmpstr (error->message, ==, "The region shrank to 1000 bytes while reading");
      g_clear_error (&error);
      g_assert_cmpuint (g_bytes_get_size (written), ==, 1000);
      g_assert_cmpmem (g_bytes_get_data (written, NULL), 8, "ezhchai", 8);
    }
}

/* ---- sparse objects ---------------------------------------------------- */

/* Streams holes out every way copy_to_fd() has: sendfile into /dev/null,
 * the plain path (/dev/null opened O_APPEND, which sendfile refuses), and
 * sendfile into a pipe. */
static void
copy_holes (ShmviewRegion *region,
            guint64        size)
{
  static const int oflags[] = { 0, O_APPEND };
  g_autoptr(GBytes) through = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (oflags); i++)
    {
      int null = open ("/dev/null", O_WRONLY | oflags[i]);

      g_assert_no_errno (null);
      g_assert_true (shmview_region_copy_to_fd (region, size / 2, 64 << 20, null, &error));
      g_assert_no_error (error);
      close (null);
    }
  through = core_test_copy_through_pipe (region, size - (4 << 20), 4 << 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (through), ==, 4 << 20);
}

static void
test_sparse_no_allocation (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("sparse");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 size = G_GUINT64_CONSTANT (1) << 30;
  const gsize chunk = 1 << 20;
  g_autofree guint8 *buf = g_malloc (chunk);
  struct stat st;
  blkcnt_t blocks_before;
  volatile char *map;
  int fd;

  g_test_summary ("Reading ranges of a sparse 1 GiB POSIX object, or copying them out to a "
                  "descriptor, leaves st_blocks unchanged (while touching a hole through a "
                  "mapping would allocate it)");

  region = shmview_region_open_text (name, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     size, 0, &error);
  g_assert_no_error (error);
  fd = shm_open (name, O_RDWR, 0);
  g_assert_no_errno (fd);
  /* Unlinked at once: a failed assertion below must not leave 1 GiB behind. */
  shmview_test_posix_unlink (name);
  g_assert_no_errno (fstat (fd, &st));
  g_assert_cmpint (st.st_size, ==, (off_t) size);
  blocks_before = st.st_blocks;

  for (guint64 offset = 0; offset < size; offset += size / 8)
    {
      g_assert_true (shmview_region_read (region, offset, buf, chunk, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (buf[0] | buf[chunk - 1], ==, 0);
    }
  g_assert_true (shmview_region_read (region, size - chunk, buf, chunk, &error));
  {
    g_autoptr(GBytes) bytes = shmview_region_read_bytes (region, size / 3, 4096, &error);
    g_assert_no_error (error);
  }
  copy_holes (region, size);
  g_assert_no_errno (fstat (fd, &st));
  g_assert_cmpint (st.st_blocks, ==, blocks_before);

  /* The control: one read of a hole through a mapping allocates a page. */
  map = mmap (NULL, 1 << 20, PROT_READ, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  sink = map[4096 * 7];
  g_assert_no_errno (fstat (fd, &st));
  g_test_message ("st_blocks: %ld before, %ld after one mapped read",
                  (long) blocks_before, (long) st.st_blocks);
  g_assert_cmpint (st.st_blocks, >, blocks_before);
  munmap ((void *) map, 1 << 20);

  close (fd);
}

/* ---- the guard itself -------------------------------------------------- */

/* A 2-page object mapped, then truncated to 0: every byte of the mapping
 * now raises SIGBUS. */
static char *
map_truncated (const char *name,
               int        *fd_out)
{
  int fd = shmview_test_posix_create (name, 8192);
  char *map;

  map = mmap (NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  g_assert_no_errno (ftruncate (fd, 0));
  shm_unlink (name);
  *fd_out = fd;
  return map;
}

static void
test_guard_copies (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("guard");
  char buf[64];
  char ok_dst[8];
  char *map;
  int fd;

  g_test_summary ("Guarded copies into and out of a truncated mapping return EFAULT, again "
                  "and again, and copies of good memory still work afterwards");

  map = map_truncated (name, &fd);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (shmview_guard_copy (buf, map + 4000, sizeof buf), ==, EFAULT);
      g_assert_cmpint (shmview_guard_copy (map, "abc", 3), ==, EFAULT);
      g_assert_cmpint (shmview_guard_set (map + 8000, 0, 100), ==, EFAULT);
      g_assert_cmpint (shmview_guard_copy (ok_dst, "fine", 5), ==, 0);
      g_assert_cmpstr (ok_dst, ==, "fine");
      g_assert_cmpint (shmview_guard_copy (ok_dst, "x", 0), ==, 0);
    }
  munmap (map, 8192);
  close (fd);
}

static gpointer
guard_in_thread (gpointer data)
{
  char buf[16];

  return GINT_TO_POINTER (shmview_guard_copy (buf, data, sizeof buf));
}

static void
test_guard_threads (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("guard-threads");
  GThread *threads[4];
  char *map;
  int fd;

  g_test_summary ("The guard is per thread: faults in several threads each come back as "
                  "EFAULT in their own thread");

  map = map_truncated (name, &fd);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("guard", guard_in_thread, map + i * 100);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (threads[i])), ==, EFAULT);
  munmap (map, 8192);
  close (fd);
}

static sigjmp_buf chained_jump;
static volatile sig_atomic_t chained_calls;

static void
previous_handler (int sig)
{
  chained_calls++;
  siglongjmp (chained_jump, 1);
}

static void
test_guard_chains (void)
{
  g_test_summary ("A SIGBUS outside any guard goes to the handler installed before ours");

  if (g_test_subprocess ())
    {
      g_autofree char *name = shmview_test_unique_posix_name ("chain");
      struct sigaction action = { 0 };
      char buf[8];
      char *map;
      int fd;

      action.sa_handler = previous_handler;
      sigemptyset (&action.sa_mask);
      g_assert_no_errno (sigaction (SIGBUS, &action, NULL));
      g_assert_cmpint (shmview_guard_init (), ==, 0);

      map = map_truncated (name, &fd);
      /* Inside a guard: ours, not theirs. */
      g_assert_cmpint (shmview_guard_copy (buf, map, sizeof buf), ==, EFAULT);
      g_assert_cmpint (chained_calls, ==, 0);

      if (sigsetjmp (chained_jump, 1) == 0)
        {
          sink = *(volatile char *) map;
          g_assert_not_reached ();
        }
      g_assert_cmpint (chained_calls, ==, 1);
      printf ("chained to the previous handler\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*chained to the previous handler*");
}

static void
test_unguarded_fault_kills (void)
{
  g_test_summary ("With no previous handler, a SIGBUS outside a guard still kills the process "
                  "(the guard hides only its own faults)");

  if (g_test_subprocess ())
    {
      g_autofree char *name = shmview_test_unique_posix_name ("unguarded");
      char *map;
      int fd;

      g_assert_cmpint (shmview_guard_init (), ==, 0);
      map = map_truncated (name, &fd);
      printf ("touching\n");
      fflush (stdout);
      sink = *(volatile char *) map;
      printf ("survived\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*touching*");
  g_test_trap_assert_stdout_unmatched ("*survived*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/region-shrink/" path, Fixture, NULL, setup, func, teardown)
  ADD ("truncate-to-zero", test_truncate_to_zero);
  ADD ("partial-shrink", test_partial_shrink);
  ADD ("growth", test_growth);
  ADD ("removed-once", test_removed_once);
  ADD ("write-race", test_write_race);
  ADD ("race-with-updates", test_race_with_updates);
  ADD ("copy-shrunk", test_copy_shrunk);
#undef ADD
  g_test_add_func ("/core/region-shrink/sparse-no-allocation", test_sparse_no_allocation);
  g_test_add_func ("/core/region-shrink/guard-copies", test_guard_copies);
  g_test_add_func ("/core/region-shrink/guard-threads", test_guard_threads);
  g_test_add_func ("/core/region-shrink/guard-chains", test_guard_chains);
  g_test_add_func ("/core/region-shrink/unguarded-fault-kills", test_unguarded_fault_kills);

  return g_test_run ();
}
