/* test-proc-scan.c: who maps what, and opening another process's memory
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A forked child maps objects made here: a POSIX object (rw-s), a System V
 * segment (attached read-only), a memfd (rw-s), anonymous shared memory
 * (rw-s), a file on disk (r--s) and a second memfd privately (rw-p). The
 * scan must list the child with the right access, and opening through
 * pid:PID@ADDR must follow the safety rule: only shared memory that every
 * process maps rw-s is writable, whoever runs the test (root included).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-proc-scan.h"
#include "shmview-region.h"
#include "shmview-spec.h"
#include "test-util.h"

#define SIZE 8192

enum { CHILD_POSIX, CHILD_SYSV, CHILD_MEMFD, CHILD_ANON, CHILD_FILE, CHILD_PRIVATE_MEMFD, N_CHILD_MAPS };

typedef struct
{
  char     *posix_name;
  char     *file_path;
  int       posix_fd;
  int       memfd;
  int       memfd2;
  int       file_fd;
  int       shmid;
  pid_t     child;
  int       release_fd;             /* closing it lets the child exit */
  guint64   addr[N_CHILD_MAPS];           /* where the child maps each */
} Fixture;

static void
child_main (Fixture *f,
            int      ready_fd,
            int      release_fd)
{
  void *p[N_CHILD_MAPS];
  char c;

  p[CHILD_POSIX] = mmap (NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f->posix_fd, 0);
  p[CHILD_SYSV] = shmat (f->shmid, NULL, SHM_RDONLY);
  p[CHILD_MEMFD] = mmap (NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f->memfd, 0);
  p[CHILD_ANON] = mmap (NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  p[CHILD_FILE] = mmap (NULL, SIZE, PROT_READ, MAP_SHARED, f->file_fd, 0);
  p[CHILD_PRIVATE_MEMFD] = mmap (NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, f->memfd2, 0);
  /* Before the parent hears the addresses: it reads "anon" at once. */
  if (p[CHILD_ANON] != MAP_FAILED)
    memcpy (p[CHILD_ANON], "anon", 4);
  for (int i = 0; i < N_CHILD_MAPS; i++)
    {
      guint64 a = p[i] == MAP_FAILED ? 0 : (guint64) (guintptr) p[i];

      if (write (ready_fd, &a, sizeof a) != sizeof a)
        _exit (1);
    }
  while (read (release_fd, &c, 1) < 0 && errno == EINTR)
    ;
  _exit (0);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  int ready[2], release[2];

  f->posix_name = shmview_test_unique_posix_name ("scan");
  f->posix_fd = shmview_test_posix_create (f->posix_name, SIZE);
  f->shmid = shmview_test_sysv_private (SIZE, 0600);
  f->memfd = memfd_create ("shmview-test-memfd", MFD_CLOEXEC);
  f->memfd2 = memfd_create ("shmview-test-private", MFD_CLOEXEC);
  g_assert_no_errno (f->memfd < 0 ? -1 : ftruncate (f->memfd, SIZE));
  g_assert_no_errno (f->memfd2 < 0 ? -1 : ftruncate (f->memfd2, SIZE));
  g_assert_no_errno (write (f->memfd, "memfd", 5) == 5 ? 0 : -1);
  f->file_path = shmview_test_temp_path ("mapped-read-only");
  g_assert_true (g_file_set_contents (f->file_path, "system file, do not write", -1, NULL));
  g_assert_no_errno (truncate (f->file_path, SIZE));
  g_assert_no_errno (chmod (f->file_path, 0644));
  f->file_fd = open (f->file_path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (f->file_fd, >=, 0);

  g_assert_no_errno (pipe2 (ready, O_CLOEXEC));
  g_assert_no_errno (pipe2 (release, O_CLOEXEC));
  f->child = fork ();
  g_assert_cmpint (f->child, >=, 0);
  if (f->child == 0)
    {
      close (ready[0]);
      close (release[1]);
      child_main (f, ready[1], release[0]);
    }
  close (ready[1]);
  close (release[0]);
  f->release_fd = release[1];
  for (int i = 0; i < N_CHILD_MAPS; i++)
    {
      g_assert_cmpint (read (ready[0], &f->addr[i], sizeof f->addr[i]), ==, sizeof f->addr[i]);
      g_assert_cmpuint (f->addr[i], !=, 0);
    }
  close (ready[0]);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  int status = 0;

  close (f->release_fd);
  g_assert_cmpint (waitpid (f->child, &status, 0), ==, f->child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (f->posix_fd);
  close (f->memfd);
  close (f->memfd2);
  close (f->file_fd);
  shmview_test_posix_unlink (f->posix_name);
  shmctl (f->shmid, IPC_RMID, NULL);
  g_free (f->posix_name);
  g_free (f->file_path);
}

static const ShmviewProcMapping *
mapping_of (const ShmviewProcObject *object,
            int                      pid)
{
  for (guint i = 0; object != NULL && i < object->mappings->len; i++)
    {
      const ShmviewProcMapping *m = object->mappings->pdata[i];

      if (m->pid == pid)
        return m;
    }
  return NULL;
}

static const ShmviewProcObject *
lookup_fd (ShmviewProcScan *scan,
           int              fd)
{
  struct stat st;

  g_assert_no_errno (fstat (fd, &st));
  return shmview_proc_scan_lookup_inode (scan, st.st_dev, st.st_ino);
}

static void
assert_child_scanned (Fixture         *f,
                      ShmviewProcScan *scan)
{
  const ShmviewProcObject *posix = lookup_fd (scan, f->posix_fd);
  const ShmviewProcObject *memfd = lookup_fd (scan, f->memfd);
  const ShmviewProcObject *sysv = shmview_proc_scan_lookup_sysv (scan, f->shmid);
  const ShmviewProcMapping *m;

  g_assert_nonnull (posix);
  g_assert_cmpint (posix->kind, ==, SHMVIEW_PROC_OBJECT_POSIX);
  m = mapping_of (posix, f->child);
  g_assert_nonnull (m);
  g_assert_true (m->writable);
  g_assert_cmphex (m->start, ==, f->addr[CHILD_POSIX]);
  g_assert_false (m->is_self);

  g_assert_nonnull (sysv);
  g_assert_cmpint (sysv->kind, ==, SHMVIEW_PROC_OBJECT_SYSV);
  g_assert_cmpint (sysv->shmid, ==, f->shmid);
  m = mapping_of (sysv, f->child);
  g_assert_nonnull (m);
  g_assert_false (m->writable);

  g_assert_nonnull (memfd);
  g_assert_cmpint (memfd->kind, ==, SHMVIEW_PROC_OBJECT_MEMFD);
  g_assert_cmpstr (memfd->name, ==, "shmview-test-memfd");
  g_assert_true (shmview_proc_object_is_hidden (memfd));
  m = mapping_of (memfd, f->child);
  g_assert_nonnull (m);
  g_assert_true (m->writable);
  g_assert_cmpuint (m->uid, ==, getuid ());
  g_assert_nonnull (m->command);

  /* A private mapping is no attachment. */
  g_assert_null (mapping_of (lookup_fd (scan, f->memfd2), f->child));
}

static void
test_scan_child (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShmviewProcScan) scan = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A child mapping a POSIX object, a System V segment and a memfd is listed "
                  "with its PID and access; its private mapping is not");
  scan = shmview_proc_scan_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_proc_scan_get_n_processes (scan), >, 1);
  assert_child_scanned (f, scan);
}

static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ShmviewProcScan **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shmview_proc_scan_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_scan_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShmviewProcScan) scan = NULL;

  g_test_summary ("The asynchronous scan (a worker thread) finds the same");
  shmview_proc_scan_new_async (NULL, scan_done, &scan);
  while (scan == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_child_scanned (f, scan);
}

static void
test_scan_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewProcScan) scan = NULL;

  g_test_summary ("A cancelled scan ends with G_IO_ERROR_CANCELLED");
  g_cancellable_cancel (cancellable);
  scan = shmview_proc_scan_new (cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (scan);
}

static void
test_scan_self (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("self");
  int fd = shmview_test_posix_create (name, 4096);
  void *p = mmap (NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
  g_autoptr(ShmviewProcScan) scan = NULL;
  const ShmviewProcMapping *m;

  g_test_summary ("This process's own mapping is marked as its own, read-only");
  g_assert_true (p != MAP_FAILED);
  scan = shmview_proc_scan_new (NULL, NULL);
  m = mapping_of (lookup_fd (scan, fd), getpid ());
  g_assert_nonnull (m);
  g_assert_true (m->is_self);
  g_assert_false (m->writable);
  munmap (p, 4096);
  close (fd);
  shmview_test_posix_unlink (name);
}

static ShmviewRegion *
open_child (Fixture           *f,
            int                which,
            ShmviewOpenFlags   flags,
            GError           **error)
{
  g_autoptr(ShmviewSpec) spec = shmview_spec_new_process (f->child, f->addr[which] + 16);

  return shmview_region_open (spec, flags, 0, 0, error);
}

static void
test_open_memfd (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = open_child (f, CHILD_MEMFD, SHMVIEW_OPEN_FLAGS_NONE, &error);
  guint8 buf[5];

  g_test_summary ("A memfd the child maps rw-s opens for writing; the write reaches it");
  g_assert_no_error (error);
  g_assert_cmpint (shmview_region_get_kind (region), ==, SHMVIEW_REGION_KIND_PROCESS);
  g_assert_cmpuint (shmview_region_get_size (region), ==, SIZE);
  g_assert_false (shmview_region_is_read_only (region));
  g_assert_true (shmview_region_read (region, 0, buf, 5, &error));
  g_assert_cmpmem (buf, 5, "memfd", 5);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "MEMFD", 5, &error));
  g_assert_no_error (error);
  core_test_assert_fd_bytes (f->memfd, 0, "MEMFD", 5);
}

static void
test_open_anonymous (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = open_child (f, CHILD_ANON, SHMVIEW_OPEN_READ_ONLY, &error);
  guint8 buf[4];

  g_test_summary ("Anonymous shared memory opens (through map_files as root) and reads");
  if (region == NULL && g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION))
    {
      g_test_skip ("needs root or CAP_CHECKPOINT_RESTORE");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, SIZE);
  g_assert_true (shmview_region_read (region, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "anon", 4);
  g_assert_true (shmview_region_is_read_only (region));
}

/* Opened without asking for read-only, @which must come out read-only and
 * refuse a write, leaving @fd's bytes as they were. */
static void
assert_never_writable (Fixture *f,
                       int      which,
                       int      fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = open_child (f, which, SHMVIEW_OPEN_FLAGS_NONE, &error);
  guint8 before[8], after[8];

  if (region == NULL && g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION))
    {
      g_test_skip ("needs root or CAP_CHECKPOINT_RESTORE");
      return;
    }
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_read_only (region));
  g_assert_nonnull (shmview_region_get_read_only_reason (region));
  g_assert_cmpint (pread (fd, before, sizeof before, 0), ==, sizeof before);
  g_assert_false (shmview_region_write (region, 0, (const guint8 *) "WRITTEN!", 8, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (shmview_region_fill (region, 0, 8, 0x41, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (shmview_region_resize (region, 1, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pread (fd, after, sizeof after, 0), ==, sizeof after);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_test_summary ("A file the child maps read-only cannot be written through pid:PID@ADDR, "
                  "even by root (who could open it for writing)");
  assert_never_writable (f, CHILD_FILE, f->file_fd);
}

/* file:/proc/CHILD/map_files/START-END, followed as shmtool --follow does. */
static ShmviewRegion *
open_map_files (Fixture  *f,
                int       which,
                GError  **error)
{
  g_autofree char *text = g_strdup_printf ("file:/proc/%d/map_files/%" G_GINT64_MODIFIER "x-%"
                                           G_GINT64_MODIFIER "x", (int) f->child,
                                           f->addr[which], f->addr[which] + SIZE);
  g_autoptr(ShmviewSpec) spec = shmview_spec_parse (text, NULL);

  g_assert_nonnull (spec);
  return shmview_region_open (spec, SHMVIEW_OPEN_FOLLOW_SYMLINKS, 0, 0, error);
}

static void
test_map_files_followed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) anon = NULL;
  g_autoptr(ShmviewRegion) file = NULL;
  guint8 buf[4], before[8], after[8];

  g_test_summary ("A followed /proc/PID/map_files link is opened itself (anonymous memory, "
                  "whose link text names nothing, reads), under the safety rule: a file the "
                  "process maps read-only is not writable through it, even by root");
  anon = open_map_files (f, CHILD_ANON, &error);
  if (anon == NULL && g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION))
    {
      g_test_skip ("needs root or CAP_CHECKPOINT_RESTORE");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (shmview_region_get_kind (anon), ==, SHMVIEW_REGION_KIND_PROCESS);
  g_assert_true (shmview_region_read (anon, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "anon", 4);

  file = open_map_files (f, CHILD_FILE, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_read_only (file));
  g_assert_cmpint (pread (f->file_fd, before, sizeof before, 0), ==, sizeof before);
  g_assert_false (shmview_region_write (file, 0, (const guint8 *) "WRITTEN!", 8, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  g_assert_cmpint (pread (f->file_fd, after, sizeof after, 0), ==, sizeof after);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);
}

static void
test_private_mapping (Fixture       *f,
                      gconstpointer  data)
{
  g_test_summary ("A memfd mapped privately (rw-p) is never writable through the spec");
  assert_never_writable (f, CHILD_PRIVATE_MEMFD, f->memfd2);
}

static void
test_sysv_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = open_child (f, CHILD_SYSV, SHMVIEW_OPEN_FLAGS_NONE, &error);

  g_test_summary ("A System V segment attached read-only by the child opens read-only");
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_read_only (region));
  g_assert_cmpuint (shmview_region_get_size (region), ==, SIZE);
}

static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewSpec) gone = shmview_spec_new_process (G_MAXINT - 1, 0x1000);
  g_autoptr(ShmviewSpec) nothing = shmview_spec_new_process (f->child, 0x1000);
  g_autoptr(ShmviewSpec) heap = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  void *local = g_malloc (100);

  g_test_summary ("No such process, nothing mapped there, private memory: each says so");
  g_assert_null (shmview_region_open (gone, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (shmview_region_open (nothing, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Our own heap: private anonymous memory, nothing another process shares. */
  heap = shmview_spec_new_process (getpid (), (guint64) (guintptr) local);
  g_assert_null (shmview_region_open (heap, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (shmview_region_open (nothing, SHMVIEW_OPEN_CREATE, 10, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_free (local);
  text = shmview_spec_to_string (nothing);
  expected = g_strdup_printf ("pid:%d@0x1000", f->child);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_spec_parse (void)
{
  static const char * const bad[] = {
    "pid:", "pid:12", "pid:@0x10", "pid:0@0x10", "pid:-3@0x10", "pid:+3@0x10", "pid:x@0x10",
    "pid:12@", "pid:12@0x", "pid:12@zz", "pid:12@-1", "pid:12@0x10000000000000000",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewSpec) spec = shmview_spec_parse ("pid:1234@7F1C2A000000", &error);
  g_autoptr(ShmviewSpec) again = NULL;
  g_autoptr(ShmviewSpec) posix = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("pid:PID@ADDR parses (0x optional, any case), prints canonically, "
                  "and refuses what is not one");
  g_assert_no_error (error);
  g_assert_cmpint (spec->kind, ==, SHMVIEW_REGION_KIND_PROCESS);
  g_assert_cmpint (spec->pid, ==, 1234);
  g_assert_cmphex (spec->address, ==, 0x7f1c2a000000);
  text = shmview_spec_to_string (spec);
  g_assert_cmpstr (text, ==, "pid:1234@0x7f1c2a000000");
  again = shmview_spec_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_spec_equal (spec, again));
  posix = shmview_spec_parse ("posix:pid:1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (posix->kind, ==, SHMVIEW_REGION_KIND_POSIX);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ShmviewSpec) refused = shmview_spec_parse (bad[i], &error);

      shmview_test_note ("refusing", bad[i]);
      g_assert_null (refused);
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/proc-scan/spec-parse", test_spec_parse);
  g_test_add_func ("/core/proc-scan/cancelled", test_scan_cancelled);
  g_test_add_func ("/core/proc-scan/self", test_scan_self);
  g_test_add ("/core/proc-scan/child", Fixture, NULL, setup, test_scan_child, teardown);
  g_test_add ("/core/proc-scan/async", Fixture, NULL, setup, test_scan_async, teardown);
  g_test_add ("/core/proc-scan/open-memfd", Fixture, NULL, setup, test_open_memfd, teardown);
  g_test_add ("/core/proc-scan/open-anonymous", Fixture, NULL, setup, test_open_anonymous,
              teardown);
  g_test_add ("/core/proc-scan/read-only-file", Fixture, NULL, setup, test_read_only_file,
              teardown);
  g_test_add ("/core/proc-scan/map-files-followed", Fixture, NULL, setup,
              test_map_files_followed, teardown);
  g_test_add ("/core/proc-scan/private-mapping", Fixture, NULL, setup, test_private_mapping,
              teardown);
  g_test_add ("/core/proc-scan/sysv-read-only", Fixture, NULL, setup, test_sysv_read_only,
              teardown);
  g_test_add ("/core/proc-scan/open-errors", Fixture, NULL, setup, test_open_errors, teardown);

  return g_test_run ();
}
