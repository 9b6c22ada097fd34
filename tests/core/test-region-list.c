/* test-region-list.c: listing POSIX objects and System V segments
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture tests list a temporary directory laid out like /dev/shm and a file
 * in the kernel's /proc/sysvipc/shm format; live tests make real objects with
 * shm_open and shmget (not through ShmviewRegion, so they test the listing
 * alone) and find them in the real listing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-region-list.h"
#include "test-util.h"

/* Written by the kernel's sysvipc_shm_proc_show() (Linux 6.x), with a key 0
 * segment marked for removal (perms 1600: SHM_DEST) and a negative key. */
static const char sysvipc_fixture[] =
  "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n"
  "     43981      32769   640                  4096  8980     0      0  1000   100     0     0          0          0 1795668207                     0                     0\n"
  "         0          2  1600                   100  8980  8981      1     0     0     0     0 1795668208 1795668209 1795668210                  4096                     0\n"
  "        -5          3   666               8388608  8980     0      0     0     0     0     0          0          0 1795668207                     0                     0\n"
  "2147483647          1   600            5368709120     1     2      3     4     5     0     0          6          7          8                     0                     0\n";

typedef struct
{
  char *dir;          /* like /dev/shm */
  char *sysvipc;      /* like /proc/sysvipc/shm */
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            gsize       size,
            mode_t      mode)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, (off_t) size));
  g_assert_no_errno (fchmod (fd, mode));
  close (fd);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  static gint counter;
  g_autofree char *basename = g_strdup_printf ("list-%d", g_atomic_int_add (&counter, 1));
  g_autoptr(GError) error = NULL;

  /* Made in the tests' private directory, so nothing is left if a test dies. */
  fixture->dir = shmview_test_temp_path (basename);
  g_assert_no_errno (g_mkdir (fixture->dir, 0700));
  fixture->sysvipc = g_strconcat (fixture->dir, ".sysvipc", NULL);
  g_file_set_contents (fixture->sysvipc, sysvipc_fixture, -1, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      if (g_unlink (path) != 0)
        g_rmdir (path);
    }
  g_rmdir (fixture->dir);
  g_unlink (fixture->sysvipc);
  g_free (fixture->dir);
  g_free (fixture->sysvipc);
}

static const ShmviewRegionEntry *
find_entry (GPtrArray  *entries,
            const char *spec)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = entries->pdata[i];

      if (g_strcmp0 (entry->spec, spec) == 0)
        return entry;
    }
  return NULL;
}

static void
test_fixture_posix (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *subdir = g_build_filename (fixture->dir, "subdir", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const ShmviewRegionEntry *e;
  static const char *const order[] = {
    "/.org.chromium.Chromium.aB3dE", "/MapTrans", "/psm_3f2a9c", "/pulse-shm-1234",
    "/qipc_sharedmemory_myappkey1f3", "/sem.mysem", "/zero",
  };

  g_test_summary ("Regular files in the directory are listed, sorted by name, with size, mode "
                  "and owner; directories, symlinks and FIFOs are not; known names are labelled");

  write_file (fixture->dir, "MapTrans", 256, 0600);
  write_file (fixture->dir, "psm_3f2a9c", 4096, 0644);
  write_file (fixture->dir, "qipc_sharedmemory_myappkey1f3", 1024, 0600);
  write_file (fixture->dir, "sem.mysem", 32, 0640);
  write_file (fixture->dir, "pulse-shm-1234", 67108904, 0400);
  write_file (fixture->dir, ".org.chromium.Chromium.aB3dE", 8192, 0600);
  write_file (fixture->dir, "zero", 0, 0666);
  g_assert_no_errno (g_mkdir (subdir, 0700));
  g_assert_no_errno (symlink ("MapTrans", link));
  g_assert_no_errno (mkfifo (fifo, 0600));

  entries = shmview_region_list_from (fixture->dir, NULL, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < entries->len; i++)
    {
      e = entries->pdata[i];
      g_assert_cmpstr (e->spec, ==, order[i]);
      g_assert_cmpstr (e->name, ==, order[i] + 1);
      g_assert_cmpint (e->info.kind, ==, SHMVIEW_REGION_KIND_POSIX);
      g_assert_cmpuint (e->info.uid, ==, getuid ());
      g_assert_cmpuint (e->info.gid, ==, getgid ());
      g_assert_cmpint (e->info.nattch, ==, -1);
      g_assert_cmpint (e->info.id, ==, -1);
      g_assert_cmpint (e->info.key, ==, 0);
      g_assert_cmpint (e->info.cpid, ==, -1);
      g_assert_false (e->info.removed);
      g_assert_cmpint (e->info.mtime, >, 0);
    }

  e = find_entry (entries, "/MapTrans");
  g_assert_cmpuint (e->info.size, ==, 256);
  g_assert_cmpuint (e->info.mode, ==, 0600);
  g_assert_null (e->label);
  e = find_entry (entries, "/psm_3f2a9c");
  g_assert_cmpuint (e->info.size, ==, 4096);
  g_assert_cmpuint (e->info.mode, ==, 0644);
  g_assert_cmpstr (e->label, ==, "Python");
  e = find_entry (entries, "/qipc_sharedmemory_myappkey1f3");
  g_assert_cmpstr (e->label, ==, "Qt");
  e = find_entry (entries, "/sem.mysem");
  g_assert_cmpstr (e->label, ==, "POSIX semaphore");
  g_assert_cmpuint (e->info.mode, ==, 0640);
  e = find_entry (entries, "/pulse-shm-1234");
  g_assert_cmpstr (e->label, ==, "PulseAudio");
  g_assert_cmpuint (e->info.size, ==, 67108904);
  g_assert_cmpuint (e->info.mode, ==, 0400);
  e = find_entry (entries, "/.org.chromium.Chromium.aB3dE");
  g_assert_cmpstr (e->label, ==, "Chromium");
  e = find_entry (entries, "/zero");
  g_assert_cmpuint (e->info.size, ==, 0);
  g_assert_cmpuint (e->info.mode, ==, 0666);
}

static void
test_fixture_sysv (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const ShmviewRegionEntry *e;

  g_test_summary ("Segments from a file in the kernel's format: sorted by id, key printed as "
                  "0x-hex (IPC_PRIVATE for 0), perms octal with SHM_DEST as removed");

  entries = shmview_region_list_from (NULL, fixture->sysvipc, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[0])->spec, ==, "sysvid:1");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[1])->spec, ==, "sysvid:2");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[2])->spec, ==, "sysvid:3");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[3])->spec, ==, "sysvid:32769");

  e = find_entry (entries, "sysvid:32769");
  g_assert_cmpstr (e->name, ==, "0x0000abcd");
  g_assert_null (e->label);
  g_assert_cmpint (e->info.kind, ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_cmpint (e->info.key, ==, 0xabcd);
  g_assert_cmpint (e->info.id, ==, 32769);
  g_assert_cmpuint (e->info.mode, ==, 0640);
  g_assert_false (e->info.removed);
  g_assert_cmpuint (e->info.size, ==, 4096);
  g_assert_cmpint (e->info.cpid, ==, 8980);
  g_assert_cmpint (e->info.lpid, ==, 0);
  g_assert_cmpint (e->info.nattch, ==, 0);
  g_assert_cmpuint (e->info.uid, ==, 1000);
  g_assert_cmpuint (e->info.gid, ==, 100);
  g_assert_cmpint (e->info.atime, ==, 0);
  g_assert_cmpint (e->info.ctime, ==, 1795668207);

  e = find_entry (entries, "sysvid:2");
  g_assert_cmpstr (e->name, ==, "IPC_PRIVATE");
  g_assert_cmpint (e->info.key, ==, 0);
  g_assert_true (e->info.removed);
  g_assert_cmpuint (e->info.mode, ==, 0600);
  g_assert_cmpint (e->info.nattch, ==, 1);
  g_assert_cmpint (e->info.lpid, ==, 8981);
  g_assert_cmpint (e->info.atime, ==, 1795668208);
  g_assert_cmpint (e->info.mtime, ==, 1795668209);
  g_assert_cmpint (e->info.ctime, ==, 1795668210);

  e = find_entry (entries, "sysvid:3");
  g_assert_cmpstr (e->name, ==, "0xfffffffb");
  g_assert_cmpint (e->info.key, ==, -5);
  g_assert_cmpuint (e->info.size, ==, 8388608);
  g_assert_cmpuint (e->info.mode, ==, 0666);

  e = find_entry (entries, "sysvid:1");
  g_assert_cmpstr (e->name, ==, "0x7fffffff");
  g_assert_cmpuint (e->info.size, ==, G_GUINT64_CONSTANT (5368709120));
  g_assert_cmpint (e->info.cpid, ==, 1);
  g_assert_cmpint (e->info.lpid, ==, 2);
  g_assert_cmpint (e->info.nattch, ==, 3);
  g_assert_cmpuint (e->info.uid, ==, 4);
  g_assert_cmpuint (e->info.gid, ==, 5);
}

static void
test_fixture_columns_by_header (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const ShmviewRegionEntry *e;

  g_test_summary ("Columns are found by their header names, not by position: a reordered "
                  "file with an unknown column and without optional ones still reads right");

  g_file_set_contents (fixture->sysvipc,
                       "  size shmid newcol  key perms nattch\n"
                       "  4096     7   xyz  -1  1644      2\n"
                       "  too short\n"
                       "\n"
                       "   100     5     q  10   600      0\n",
                       -1, &error);
  g_assert_no_error (error);

  entries = shmview_region_list_from (NULL, fixture->sysvipc, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  e = entries->pdata[0];
  g_assert_cmpstr (e->spec, ==, "sysvid:5");
  g_assert_cmpstr (e->name, ==, "0x0000000a");
  g_assert_cmpuint (e->info.size, ==, 100);
  e = entries->pdata[1];
  g_assert_cmpstr (e->spec, ==, "sysvid:7");
  g_assert_cmpstr (e->name, ==, "0xffffffff");
  g_assert_cmpuint (e->info.size, ==, 4096);
  g_assert_cmpuint (e->info.mode, ==, 0644);
  g_assert_true (e->info.removed);
  g_assert_cmpint (e->info.nattch, ==, 2);
  g_assert_cmpint (e->info.cpid, ==, -1);
  g_assert_cmpint (e->info.atime, ==, -1);
}

static void
test_fixture_bad_header (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A file without the columns we need is an error that names the column");

  g_file_set_contents (fixture->sysvipc, "key shmid perms bytes\n1 2 600 4096\n", -1, &error);
  g_assert_no_error (error);
  entries = shmview_region_list_from (NULL, fixture->sysvipc, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_null (entries);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no “size” column"));
  g_clear_error (&error);

  g_file_set_contents (fixture->sysvipc, "", -1, &error);
  g_assert_no_error (error);
  entries = shmview_region_list_from (NULL, fixture->sysvipc, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_null (entries);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED);
}

static void
test_fixture_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *no_dir = g_build_filename (fixture->dir, "no-such-dir", NULL);
  g_autofree char *no_file = g_build_filename (fixture->dir, "no-such-file", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) not_dir = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A missing /dev/shm or /proc/sysvipc/shm lists nothing; a path that is "
                  "not a directory is an error");

  entries = shmview_region_list_from (no_dir, no_file, SHMVIEW_LIST_COUNT_POSIX_ATTACHES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  write_file (fixture->dir, "plain", 1, 0600);
  not_dir = shmview_region_list_from (plain, NULL, SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_null (not_dir);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
}

static void
test_fixture_both (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("POSIX objects come first (by name), then System V segments (by id)");

  write_file (fixture->dir, "b", 1, 0600);
  write_file (fixture->dir, "a", 1, 0600);
  entries = shmview_region_list_from (fixture->dir, fixture->sysvipc, SHMVIEW_LIST_FLAGS_NONE,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 6);
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[0])->spec, ==, "/a");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[1])->spec, ==, "/b");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[2])->spec, ==, "sysvid:1");
  g_assert_cmpstr (((ShmviewRegionEntry *) entries->pdata[5])->spec, ==, "sysvid:32769");
}

/* Maps @path shared and returns the mapping. */
static void *
map_file (const char *path,
          gsize       size)
{
  int fd = open (path, O_RDWR | O_CLOEXEC);
  void *map;

  g_assert_cmpint (fd, >=, 0);
  map = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  close (fd);
  return map;
}

static gint
count_for (const char *dir,
           const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries =
    shmview_region_list_from (dir, NULL, SHMVIEW_LIST_COUNT_POSIX_ATTACHES, &error);
  const ShmviewRegionEntry *entry;

  g_assert_no_error (error);
  entry = find_entry (entries, spec);
  g_assert_nonnull (entry);
  return entry->info.nattch;
}

/* A child that maps @path and waits until its stdin pipe closes. */
static GPid
spawn_mapping_child (const char *path,
                     gsize       size,
                     int        *release_fd)
{
  int to_child[2], from_child[2];
  char ready;
  GPid pid;

  g_assert_no_errno (pipe (to_child));
  g_assert_no_errno (pipe (from_child));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      void *map;
      int fd;

      close (to_child[1]);
      close (from_child[0]);
      fd = open (path, O_RDWR);
      map = fd >= 0 ? mmap (NULL, size, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
      if (map == MAP_FAILED || write (from_child[1], "r", 1) != 1)
        _exit (1);
      while (read (to_child[0], &ready, 1) > 0)
        ;
      _exit (0);
    }
  close (to_child[0]);
  close (from_child[1]);
  g_assert_cmpint (read (from_child[0], &ready, 1), ==, 1);
  close (from_child[0]);
  *release_fd = to_child[1];
  return pid;
}

static void
test_fixture_attach_count (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "mapped", NULL);
  void *map1, *map2;
  int release_fd, status;
  GPid child;

  g_test_summary ("With COUNT_POSIX_ATTACHES, nattch counts the distinct processes that map "
                  "the object (mapping twice counts once), and is 0 for unmapped ones");

  write_file (fixture->dir, "mapped", 8192, 0600);
  write_file (fixture->dir, "unmapped", 8192, 0600);

  g_assert_cmpint (count_for (fixture->dir, "/mapped"), ==, 0);
  map1 = map_file (path, 8192);
  map2 = map_file (path, 4096);
  g_assert_cmpint (count_for (fixture->dir, "/mapped"), ==, 1);
  g_assert_cmpint (count_for (fixture->dir, "/unmapped"), ==, 0);

  child = spawn_mapping_child (path, 8192, &release_fd);
  g_assert_cmpint (count_for (fixture->dir, "/mapped"), ==, 2);
  close (release_fd);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (count_for (fixture->dir, "/mapped"), ==, 1);

  munmap (map1, 8192);
  munmap (map2, 4096);
  g_assert_cmpint (count_for (fixture->dir, "/mapped"), ==, 0);
}

static void
test_fixture_attach_count_unknown (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *mine = g_build_filename (fixture->dir, "mine", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Another user's POSIX object gets attach count -1 (unknown), not 0: that "
                  "user's processes hide their maps from us; our own objects are counted");

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to list as another user an object root owns");
      return;
    }
  write_file (fixture->dir, "theirs", 4096, 0644);
  write_file (fixture->dir, "mine", 4096, 0644);
  g_assert_no_errno (chown (mine, 65534, 65534));
  g_assert_no_errno (chmod (fixture->dir, 0755));
  {
    /* the tests' private directory, which nobody may pass otherwise */
    g_autofree char *parent = g_path_get_dirname (fixture->dir);

    g_assert_no_errno (chmod (parent, 0711));
  }
  /* root: every process's maps are readable, so the count is known */
  g_assert_cmpint (count_for (fixture->dir, "/theirs"), ==, 0);

  /* as nobody (and back, for the teardown) */
  g_assert_no_errno (seteuid (65534));
  entries = shmview_region_list_from (fixture->dir, NULL, SHMVIEW_LIST_COUNT_POSIX_ATTACHES,
                                      &error);
  g_assert_no_errno (seteuid (0));
  g_assert_no_error (error);
  g_assert_cmpint (find_entry (entries, "/theirs")->info.nattch, ==, -1);
  g_assert_cmpint (find_entry (entries, "/mine")->info.nattch, ==, 0);
}

static void
test_fixture_attach_count_deleted (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "reused", NULL);
  void *old_map;

  g_test_summary ("A mapping of an unlinked object does not count for a new object that "
                  "took its name");

  write_file (fixture->dir, "reused", 4096, 0600);
  old_map = map_file (path, 4096);
  g_assert_no_errno (g_unlink (path));
  write_file (fixture->dir, "reused", 4096, 0600);
  g_assert_cmpint (count_for (fixture->dir, "/reused"), ==, 0);
  munmap (old_map, 4096);
}

static void
test_fixture_attach_count_inode (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "first", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "second", NULL);
  void *map;

  g_test_summary ("Attaches are counted per object, not per name: a second name (hard link) "
                  "of a mapped object counts the mapping too, as /proc/PID/maps names only "
                  "one of them");

  write_file (fixture->dir, "first", 4096, 0600);
  map = map_file (path, 4096);
  g_assert_no_errno (link (path, other));
  g_assert_cmpint (count_for (fixture->dir, "/first"), ==, 1);
  g_assert_cmpint (count_for (fixture->dir, "/second"), ==, 1);
  munmap (map, 4096);
  g_assert_cmpint (count_for (fixture->dir, "/second"), ==, 0);
}

static void
test_live_posix (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("list");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) counted = NULL;
  g_autoptr(GError) error = NULL;
  const ShmviewRegionEntry *e;
  void *map;
  int fd;

  g_test_summary ("A POSIX object made with shm_open shows in the real listing with its "
                  "size, mode and owner, and its attach count when mapped");

  fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      g_test_skip_printf ("shm_open unavailable here: %s", g_strerror (errno));
      return;
    }
  g_assert_no_errno (ftruncate (fd, 12345));
  g_assert_no_errno (fchmod (fd, 0640));

  entries = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  e = find_entry (entries, name);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, name + 1);
  g_assert_cmpint (e->info.kind, ==, SHMVIEW_REGION_KIND_POSIX);
  g_assert_cmpuint (e->info.size, ==, 12345);
  g_assert_cmpuint (e->info.mode, ==, 0640);
  g_assert_cmpuint (e->info.uid, ==, geteuid ());
  g_assert_cmpint (e->info.nattch, ==, -1);

  map = mmap (NULL, 12345, PROT_READ, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  counted = shmview_region_list (SHMVIEW_LIST_COUNT_POSIX_ATTACHES, &error);
  g_assert_no_error (error);
  e = find_entry (counted, name);
  g_assert_nonnull (e);
  g_assert_cmpint (e->info.nattch, >=, 1);

  munmap (map, 12345);
  close (fd);
  shmview_test_posix_unlink (name);
}

static void
test_live_sysv (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) attached = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  const ShmviewRegionEntry *e;
  void *addr;
  int id;

  g_test_summary ("A System V segment made with shmget(IPC_PRIVATE) shows by id with its size, "
                  "mode, creator and kernel attach count; IPC_RMID while attached marks it removed");

  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (5000, 0640);
  spec = g_strdup_printf ("sysvid:%d", id);

  entries = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  e = find_entry (entries, spec);
  g_assert_nonnull (e);
  g_assert_cmpint (e->info.kind, ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_cmpstr (e->name, ==, "IPC_PRIVATE");
  g_assert_cmpint (e->info.key, ==, 0);
  g_assert_cmpint (e->info.id, ==, id);
  g_assert_cmpuint (e->info.size, ==, 5000);
  g_assert_cmpuint (e->info.mode, ==, 0640);
  g_assert_cmpuint (e->info.uid, ==, geteuid ());
  g_assert_cmpint (e->info.cpid, ==, getpid ());
  g_assert_cmpint (e->info.nattch, ==, 0);
  g_assert_false (e->info.removed);

  addr = shmview_test_sysv_attach (id, SHM_RDONLY);
  attached = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  e = find_entry (attached, spec);
  g_assert_nonnull (e);
  g_assert_cmpint (e->info.nattch, ==, 1);
  g_assert_cmpint (e->info.lpid, ==, getpid ());

  g_assert_no_errno (shmctl (id, IPC_RMID, NULL));
  removed = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  e = find_entry (removed, spec);
  g_assert_nonnull (e);
  g_assert_true (e->info.removed);
  g_assert_cmpuint (e->info.mode, ==, 0640);

  g_assert_no_errno (shmdt (addr));
  gone = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (find_entry (gone, spec));
}

static void
test_labels (void)
{
  static const struct
  {
    const char *name;
    const char *label;
  } cases[] = {
    { "psm_3f2a", "Python" },
    { "/psm_3f2a", "Python" },
    { "qipc_sharedmemory_abc", "Qt" },
    { "sem.lock", "POSIX semaphore" },
    { "pulse-shm-42", "PulseAudio" },
    { ".org.chromium.Chromium.x", "Chromium" },
    { ".com.google.Chrome.x", "Chrome" },
    { "__KMP_REGISTERED_LIB_123_0", "OpenMP" },
    { "MapTrans", NULL },
    { "psm", NULL },
    { "xpsm_1", NULL },
    { "", NULL },
  };

  g_test_summary ("Names of well-known libraries get a label, others none");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (shmview_region_label_for_name (cases[i].name), ==, cases[i].label);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/region-list/fixture-posix", Fixture, NULL, setup, test_fixture_posix, teardown);
  g_test_add ("/core/region-list/fixture-sysv", Fixture, NULL, setup, test_fixture_sysv, teardown);
  g_test_add ("/core/region-list/fixture-columns-by-header", Fixture, NULL, setup,
              test_fixture_columns_by_header, teardown);
  g_test_add ("/core/region-list/fixture-bad-header", Fixture, NULL, setup,
              test_fixture_bad_header, teardown);
  g_test_add ("/core/region-list/fixture-missing", Fixture, NULL, setup, test_fixture_missing,
              teardown);
  g_test_add ("/core/region-list/fixture-both", Fixture, NULL, setup, test_fixture_both, teardown);
  g_test_add ("/core/region-list/fixture-attach-count", Fixture, NULL, setup,
              test_fixture_attach_count, teardown);
  g_test_add ("/core/region-list/fixture-attach-count-deleted", Fixture, NULL, setup,
              test_fixture_attach_count_deleted, teardown);
  g_test_add ("/core/region-list/fixture-attach-count-inode", Fixture, NULL, setup,
              test_fixture_attach_count_inode, teardown);
  g_test_add ("/core/region-list/fixture-attach-count-unknown", Fixture, NULL, setup,
              test_fixture_attach_count_unknown, teardown);
  g_test_add_func ("/core/region-list/live-posix", test_live_posix);
  g_test_add_func ("/core/region-list/live-sysv", test_live_sysv);
  g_test_add_func ("/core/region-list/labels", test_labels);

  return g_test_run ();
}
