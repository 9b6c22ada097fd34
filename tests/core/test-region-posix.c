/* test-region-posix.c: ShmviewRegion over POSIX shm objects
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every operation and every error path, checked against what plain
 * shm_open/pread/fstat see, so "nothing was written" is proven by a second
 * opinion and not by the region itself.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-region-list.h"
#include "shmview-region.h"
#include "test-util.h"

typedef struct
{
  char          *name;   /* "/shmview-test-…" */
  ShmviewSpec   *spec;
  ShmviewRegion *region; /* created by setup, 256 bytes, "ezhchai\0" at 0 */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->name = shmview_test_unique_posix_name ("posix");
  f->spec = shmview_spec_parse (f->name, &error);
  g_assert_no_error (error);
  f->region = core_test_create_region (f->name, 256, TRUE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->region != NULL)
    g_assert_finalize_object (f->region);
  shmview_test_posix_unlink (f->name);
  shmview_spec_free (f->spec);
  g_free (f->name);
}

/* The object's bytes as another process would read them. */
static GBytes *
raw_read (const char *name,
          off_t       offset,
          size_t      length)
{
  guint8 *buf = g_malloc0 (length);
  int fd = shm_open (name, O_RDONLY, 0);
  ssize_t n;

  g_assert_no_errno (fd);
  n = pread (fd, buf, length, offset);
  g_assert_cmpint (n, ==, (ssize_t) length);
  close (fd);
  return g_bytes_new_take (buf, length);
}

static struct stat
raw_stat (const char *name)
{
  struct stat st;
  int fd = shm_open (name, O_RDONLY, 0);

  g_assert_no_errno (fd);
  g_assert_no_errno (fstat (fd, &st));
  close (fd);
  return st;
}

/* This process's mappings of POSIX object @name (see core_test_mappings). */
static char *
mappings_of (const char *name)
{
  g_autofree char *path = shmview_test_posix_path (name);

  return core_test_mappings (path);
}

/* Asserts what mappings_of (@name) says. */
#define assert_mappings(name, expected) \
  G_STMT_START { \
    g_autofree char *mappings_ = mappings_of (name); \
    g_assert_cmpstr (mappings_, ==, (expected)); \
  } G_STMT_END

/* How many processes map POSIX object @name, as the listing counts them. */
static gint
listed_attaches (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = shmview_region_list (SHMVIEW_LIST_COUNT_POSIX_ATTACHES, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = entries->pdata[i];

      if (entry->info.kind == SHMVIEW_REGION_KIND_POSIX && g_strcmp0 (entry->spec, name) == 0)
        return entry->info.nattch;
    }
  g_assert_not_reached ();
}

static void
assert_bytes (const char *name,
              off_t       offset,
              const char *expected,
              size_t      length)
{
  g_autoptr(GBytes) bytes = raw_read (name, offset, length);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), length, expected, length);
}

static void
test_create_write_read (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *display = NULL;
  guint8 buf[8];

  g_test_summary ("A created region has the size asked for, reads back what was written "
                  "and another process sees the same bytes");

  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 256);
  g_assert_cmpint (shmview_region_get_kind (f->region), ==, SHMVIEW_REGION_KIND_POSIX);
  g_assert_false (shmview_region_is_read_only (f->region));
  g_assert_false (shmview_region_is_removed (f->region));
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 256);

  g_assert_true (shmview_region_read (f->region, 0, buf, sizeof buf, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  assert_bytes (f->name, 0, "ezhchai", 8);

  bytes = shmview_region_read_bytes (f->region, 250, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\0\0\0\0\0\0", 6);

  spec = shmview_region_dup_spec_string (f->region);
  g_assert_cmpstr (spec, ==, f->name);
  display = shmview_region_dup_display_name (f->region);
  g_assert_cmpstr (display, ==, f->name + 1);
  g_assert_true (shmview_spec_equal (shmview_region_get_spec (f->region), f->spec));
}

static void
test_mode_exact (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("mode");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  g_test_summary ("Mode defaults to 0600 and is applied exactly, whatever the umask");

  old_umask = umask (022);
  g_assert_cmpuint (raw_stat (f->name).st_mode & 07777, ==, 0600);

  /* 0666 with umask 022 would be 0644 if the umask applied. */
  umask (077);
  region = shmview_region_open_text (name, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     16, 0666, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpuint (raw_stat (name).st_mode & 07777, ==, 0666);
  shmview_test_posix_unlink (name);
}

static void
test_create_exclusive_exists (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Creating exclusively over an existing region fails with EXISTS and "
                  "leaves it as it was");

  region = shmview_region_open (f->spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                4096, 0644, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A region with this name already exists");
  g_assert_null (region);
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 256);
  g_assert_cmpuint (raw_stat (f->name).st_mode & 0777, ==, 0600);
  assert_bytes (f->name, 0, "ezhchai", 8);
}

static void
test_create_opens_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[8];

  g_test_summary ("Create without exclusive or replace opens an existing region as it is");

  region = shmview_region_open (f->spec, SHMVIEW_OPEN_CREATE, 4096, 0644, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 256);
  g_assert_true (shmview_region_read (region, 0, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  g_assert_cmpuint (raw_stat (f->name).st_mode & 0777, ==, 0600);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[8];

  g_test_summary ("REPLACE removes the existing region and creates a fresh, zeroed one; "
                  "the old attachment keeps its bytes and sees the name gone");

  region = shmview_region_open (f->spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_REPLACE,
                                4096, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 4096);
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 4096);
  assert_bytes (f->name, 0, "\0\0\0\0\0\0\0\0", 8);

  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_true (shmview_region_read (f->region, 0, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
}

static void
test_bad_open_args (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("bad");
  struct {
    ShmviewOpenFlags flags;
    guint64 size;
    guint mode;
  } cases[] = {
    { SHMVIEW_OPEN_CREATE, 0, 0 },                             /* size 0 */
    { SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_READ_ONLY, 16, 0 },   /* read-only create */
    { SHMVIEW_OPEN_CREATE, 16, 01777 },                        /* not a permission mode */
    { SHMVIEW_OPEN_EXCLUSIVE, 0, 0 },                          /* exclusive without create */
    { SHMVIEW_OPEN_REPLACE, 0, 0 },                            /* replace without create */
  };

  g_test_summary ("Size 0, read-only create, a bad mode and exclusive/replace without create "
                  "are INVALID_ARGUMENT and create nothing");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ShmviewRegion *region = shmview_region_open_text (name, cases[i].flags, cases[i].size,
                                                        cases[i].mode, &error);

      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_null (region);
      g_assert_null (strstr (error->message, name + 1));
      g_assert_cmpint (shm_open (name, O_RDONLY, 0), ==, -1);
      g_assert_cmpint (errno, ==, ENOENT);
    }
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("missing");
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("Opening a region that does not exist is NOT_FOUND, in plain words "
                  "that do not repeat the name");

  region = shmview_region_open_text (name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such shared memory region");
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text (name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (region);
}

/* Anyone may plant a FIFO in the world-writable /dev/shm; opening one for
 * reading would wait for a writer forever. */
static void
test_open_fifo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("fifo");
  g_autofree char *path = shmview_test_posix_path (name);
  g_autofree char *expected = g_strdup_printf ("“%s” is not a regular file", name);
  static const ShmviewOpenFlags flags[] = { SHMVIEW_OPEN_READ_ONLY, SHMVIEW_OPEN_FLAGS_NONE };

  g_test_summary ("A FIFO under /dev/shm is refused at once as not a regular file, "
                  "read-only or not, instead of hanging the open");

  g_assert_no_errno (mkfifo (path, 0600));
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      ShmviewRegion *region = shmview_region_open_text (name, flags[i], 0, 0, &error);

      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_null (region);
    }
  shmview_test_posix_unlink (name);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_test_summary ("A read-only region reads, and refuses write, fill and resize with "
                  "PERMISSION, writing nothing");

  core_test_assert_read_only (f->name);
  assert_bytes (f->name, 0, "ezhchai", 8);
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 256);
}

static void
test_out_of_range (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 buf[16] = "XXXXXXXXXXXXXXX";
  static const char zeros[16];

  g_test_summary ("Reads, writes and fills past the end are OUT_OF_RANGE and touch nothing, "
                  "including offsets where offset + length overflows");

  g_assert_false (shmview_region_write (f->region, 250, buf, 10, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "Range 250+10 is past the end of the region (256 bytes)");
  g_clear_error (&error);
  assert_bytes (f->name, 240, zeros, 16);

  g_assert_false (shmview_region_fill (f->region, 200, 57, 'X', &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  assert_bytes (f->name, 240, zeros, 16);

  g_assert_false (shmview_region_write (f->region, G_MAXUINT64 - 1, buf, 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_false (shmview_region_fill (f->region, 8, G_MAXUINT64 - 4, 'X', &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  assert_bytes (f->name, 0, "ezhchai\0\0\0\0\0\0\0\0", 16);

  g_assert_false (shmview_region_read (f->region, 257, buf, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (shmview_region_read (f->region, G_MAXUINT64, buf, 2, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_null (shmview_region_read_bytes (f->region, 0, G_MAXSIZE, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  /* The last byte and the empty range at the end are fine. */
  g_assert_true (shmview_region_write (f->region, 255, (const guint8 *) "Z", 1, &error));
  g_assert_true (shmview_region_read (f->region, 256, buf, 0, &error));
  g_assert_no_error (error);
  assert_bytes (f->name, 255, "Z", 1);
}

static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("fill() sets exactly the range asked for");

  g_assert_true (shmview_region_fill (f->region, 2, 3, 0xab, &error));
  g_assert_no_error (error);
  assert_bytes (f->name, 0, "ez\xab\xab\xab" "ai\0", 8);
  g_assert_true (shmview_region_fill (f->region, 0, 256, 0, &error));
  assert_bytes (f->name, 0, "\0\0\0\0\0\0\0\0", 8);
}

static void
test_resize_and_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShmviewRegion) other = NULL;
  g_autoptr(GError) error = NULL;
  guint64 old_size = 0;
  guint8 buf[4];

  g_test_summary ("resize() changes the object; another region sees GREW or "
                  "SHRANK once on update, with the old size");

  other = shmview_region_open (f->spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);

  g_assert_true (shmview_region_resize (f->region, 8192, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 8192);
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 8192);
  g_assert_true (shmview_region_write (f->region, 8188, (const guint8 *) "tail", 4, &error));
  g_assert_no_error (error);

  /* Not seen by the other one until it updates. */
  g_assert_false (shmview_region_read (other, 8188, buf, 4, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_cmpint (shmview_region_update (other, &old_size), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (old_size, ==, 256);
  g_assert_cmpuint (shmview_region_get_size (other), ==, 8192);
  g_assert_true (shmview_region_read (other, 8188, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "tail", 4);
  g_assert_cmpint (shmview_region_update (other, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);

  g_assert_true (shmview_region_resize (f->region, 100, &error));
  g_assert_cmpint (shmview_region_update (other, &old_size), ==, SHMVIEW_REGION_CHANGE_SHRANK);
  g_assert_cmpuint (old_size, ==, 8192);
  g_assert_cmpuint (shmview_region_get_size (other), ==, 100);
  g_assert_true (shmview_region_read (other, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "ezhc", 4);

  /* Size 0 is allowed for an existing region: nothing mapped, nothing to read. */
  g_assert_true (shmview_region_resize (f->region, 0, &error));
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 0);
  g_assert_true (shmview_region_read (f->region, 0, buf, 0, &error));
  g_assert_false (shmview_region_read (f->region, 0, buf, 1, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
}

static void
test_attach_count (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShmviewRegion) reader = NULL;
  g_autoptr(GError) error = NULL;
  int fd = shm_open (f->name, O_RDWR, 0);

  g_test_summary ("An open region maps the whole object MAP_SHARED (PROT_READ when "
                  "read-only), so the listing counts this process as attached, once however "
                  "many regions it has; the mapping follows resize and update (none at size "
                  "0), and the count drops to 0 when the last region is finalized");

  g_assert_no_errno (fd);
  assert_mappings (f->name, "rw-s:4096");
  g_assert_cmpint (listed_attaches (f->name), ==, 1);

  reader = shmview_region_open (f->spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  assert_mappings (f->name, "r--s:4096 rw-s:4096");
  g_assert_cmpint (listed_attaches (f->name), ==, 1);

  g_assert_true (shmview_region_resize (f->region, 3 * 4096, &error));
  g_assert_no_error (error);
  assert_mappings (f->name, "r--s:4096 rw-s:12288");
  g_assert_no_errno (ftruncate (fd, 5 * 4096));
  g_assert_cmpint (shmview_region_update (reader, NULL), ==, SHMVIEW_REGION_CHANGE_GREW);
  assert_mappings (f->name, "r--s:20480 rw-s:12288");

  g_assert_true (shmview_region_resize (f->region, 0, &error));
  g_assert_cmpint (shmview_region_update (reader, NULL), ==, SHMVIEW_REGION_CHANGE_SHRANK);
  assert_mappings (f->name, "");
  g_assert_cmpint (listed_attaches (f->name), ==, 0);

  g_assert_true (shmview_region_resize (f->region, 256, &error));
  assert_mappings (f->name, "rw-s:4096");
  g_assert_finalize_object (g_steal_pointer (&f->region));
  g_assert_cmpint (listed_attaches (f->name), ==, 0);
  close (fd);
}

/* Far more than the 128 TiB of address space a process has: no mapping of
 * the whole could ever be made. */
#define HUGE_SIZE ((guint64) 200 << 40)

static void
test_huge_sparse (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShmviewRegion) other = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 tail[16] = "end of 200 TiB!";
  guint8 buf[16], zeros[16] = { 0, };
  guint64 old_size = 0;
  int fd = shm_open (f->name, O_RDWR, 0);

  g_test_summary ("A sparse object of 200 TiB, more than can ever be mapped: growth to it "
                  "is reported once (no warning), it opens, reads and takes writes and "
                  "fills near its end unmapped, only the pages written are allocated, and "
                  "it is mapped whole again once it shrinks back");

  g_assert_no_errno (fd);
  g_assert_no_errno (ftruncate (fd, (off_t) HUGE_SIZE));
  g_assert_cmpint (shmview_region_update (f->region, &old_size), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_cmpuint (old_size, ==, 256);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, HUGE_SIZE);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);

  other = shmview_region_open (f->spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (other), ==, HUGE_SIZE);
  assert_mappings (f->name, "");
  g_assert_true (shmview_region_read (other, HUGE_SIZE - 16, buf, 16, &error));
  g_assert_cmpmem (buf, 16, zeros, 16);

  g_assert_true (shmview_region_write (f->region, HUGE_SIZE - 16, tail, 16, &error));
  g_assert_no_error (error);
  g_assert_true (shmview_region_fill (f->region, HUGE_SIZE / 2, 4096, 0x41, &error));
  g_assert_no_error (error);
  core_test_assert_fd_bytes (fd, (goffset) (HUGE_SIZE - 16), tail, 16);
  g_assert_true (shmview_region_read (other, HUGE_SIZE / 2 + 4095, buf, 1, &error));
  g_assert_cmpuint (buf[0], ==, 0x41);
  g_assert_cmpint (raw_stat (f->name).st_blocks, <=, 64);
  assert_mappings (f->name, "");

  g_assert_no_errno (ftruncate (fd, 256));
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_SHRANK);
  assert_mappings (f->name, "rw-s:4096");
  g_assert_true (shmview_region_write (f->region, 0, tail, 16, &error));
  g_assert_no_error (error);
  core_test_assert_fd_bytes (fd, 0, tail, 16);
  close (fd);
}

/* This process's address space in bytes now, from /proc/self/status. */
static guint64
address_space_size (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmSize:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmSize:"), NULL, 10) * 1024;
}

static void
test_write_cannot_map (Fixture       *f,
                       gconstpointer  data)
{
  g_test_summary ("When the object grows too large to map whole, a small write maps only "
                  "the page it touches; one whose part cannot be mapped either (no address "
                  "space left) fails with a message that says so, and reads still work");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      /* Room for small allocations, none for the object grown to 1 GiB
       * nor for the 1 GiB window a write maps without it. */
      struct rlimit limit = { address_space_size () + 64 * 1024 * 1024, RLIM_INFINITY };
      guint8 buf[CORE_TEST_LESSON_LEN];
      int fd = shm_open (f->name, O_RDWR, 0);

      g_assert_no_errno (fd);
      limit.rlim_max = limit.rlim_cur;
      g_assert_no_errno (setrlimit (RLIMIT_AS, &limit));
      g_assert_no_errno (ftruncate (fd, 1 << 30));
      g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_GREW);
      assert_mappings (f->name, "");
      /* A small write maps only its page, and works. */
      g_assert_true (shmview_region_write (f->region, 1, (const guint8 *) "Z", 1, &error));
      g_assert_no_error (error);
      /* 256 MiB cannot be mapped even in part: said so, nothing written. */
      g_assert_false (shmview_region_fill (f->region, 0, 256 << 20, 0x41, &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message,
                                       "Could not map the part of the region to write: "));
      g_clear_error (&error);
      g_assert_true (shmview_region_read (f->region, 0, buf, sizeof buf, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (buf + 2, sizeof buf - 2, CORE_TEST_LESSON + 2, CORE_TEST_LESSON_LEN - 2);
      g_assert_cmpint (buf[0], ==, CORE_TEST_LESSON[0]);
      g_assert_cmpint (buf[1], ==, 'Z');
      close (fd);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_next_data (Fixture       *f,
                gconstpointer  data)
{
  const guint64 size = (guint64) 1 << 30;
  guint64 start = 0, end = 0;
  int fd = shm_open (f->name, O_RDWR, 0);

  g_test_summary ("next_data skips the holes of a sparse object: it finds the pages written "
                  "and nothing after the last, within the size as of the last update");

  g_assert_no_errno (fd);
  g_assert_no_errno (ftruncate (fd, (off_t) size));
  g_assert_cmpint (pwrite (fd, "x", 1, (off_t) (size / 2 + 10)), ==, 1);
  /* Not yet updated: only the 256 bytes it knew of. */
  g_assert_true (shmview_region_next_data (f->region, 0, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 256);
  g_assert_false (shmview_region_next_data (f->region, 256, &start, &end));

  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_true (shmview_region_next_data (f->region, 4096, &start, &end));
  g_assert_cmpuint (start, ==, size / 2);
  g_assert_cmpuint (end, ==, size / 2 + 4096);
  g_assert_true (shmview_region_next_data (f->region, size / 2 + 5, &start, &end));
  g_assert_cmpuint (start, ==, size / 2 + 5);
  g_assert_false (shmview_region_next_data (f->region, size / 2 + 4096, &start, &end));
  g_assert_false (shmview_region_next_data (f->region, size, &start, &end));
  close (fd);
}

static void
test_open_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("empty");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_test_summary ("An existing 0-byte object (shm_open without ftruncate) opens with size 0 "
                  "and grows into a mapping on update");

  fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_no_errno (fd);
  region = shmview_region_open_text (name, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 0);
  g_assert_false (shmview_region_write (region, 0, (const guint8 *) "x", 1, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_no_errno (ftruncate (fd, 64));
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_GREW);
  g_assert_true (shmview_region_write (region, 60, (const guint8 *) "abcd", 4, &error));
  g_assert_no_error (error);
  close (fd);
  assert_bytes (name, 60, "abcd", 4);
  shmview_test_posix_unlink (name);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShmviewRegion) other = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegionInfo info;
  guint8 buf[8];

  g_test_summary ("remove() unlinks the name; both regions stay usable, update reports "
                  "REMOVED once, and a second remove is NOT_FOUND");

  other = shmview_region_open (f->spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);

  g_assert_true (shmview_region_remove (f->region, &error));
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_removed (f->region));
  g_assert_cmpint (shm_open (f->name, O_RDONLY, 0), ==, -1);
  g_assert_cmpint (errno, ==, ENOENT);

  g_assert_cmpint (shmview_region_update (other, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_true (shmview_region_is_removed (other));
  g_assert_cmpint (shmview_region_update (other, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);

  g_assert_true (shmview_region_write (f->region, 0, (const guint8 *) "still", 5, &error));
  g_assert_true (shmview_region_read (other, 0, buf, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 8, "stillai", 8);

  g_assert_true (shmview_region_query_info (other, &info, &error));
  g_assert_true (info.removed);

  g_assert_false (shmview_region_remove (other, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
}

static void
test_name_reused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShmviewRegion) newer = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("When the name is unlinked and made again by someone else, the old region "
                  "reports REMOVED, and remove() refuses to unlink the newcomer");

  shmview_test_posix_unlink (f->name);
  newer = shmview_region_open (f->spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                               256, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (shmview_region_update (f->region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_false (shmview_region_remove (f->region, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpint (raw_stat (f->name).st_size, ==, 256);
  g_assert_cmpint (shmview_region_update (newer, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
}

static void
test_fs_path (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *expected = shmview_test_posix_path (f->name);
  g_autofree char *path = shmview_region_dup_fs_path (f->region);
  g_autofree char *after = NULL;
  struct stat st;

  g_test_summary ("The filesystem path of a POSIX object is /dev/shm/NAME, the very object "
                  "shm_open() gives; it stays the same after the name is removed");

  g_assert_cmpstr (path, ==, expected);
  g_assert_no_errno (stat (path, &st));
  g_assert_cmpuint (st.st_ino, ==, raw_stat (f->name).st_ino);
  g_assert_cmpuint (st.st_dev, ==, raw_stat (f->name).st_dev);

  g_assert_true (shmview_region_remove (f->region, NULL));
  after = shmview_region_dup_fs_path (f->region);
  g_assert_cmpstr (after, ==, expected);
}

static void
test_query_info (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShmviewRegionInfo info;
  struct stat st = raw_stat (f->name);

  g_test_summary ("query_info() reports size, owner, group, mode and times from fstat");

  memset (&info, 0xff, sizeof info);
  g_assert_true (shmview_region_query_info (f->region, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, SHMVIEW_REGION_KIND_POSIX);
  g_assert_cmpuint (info.size, ==, 256);
  g_assert_cmpuint (info.uid, ==, getuid ());
  g_assert_cmpuint (info.gid, ==, getgid ());
  g_assert_cmpuint (info.mode, ==, 0600);
  g_assert_cmpint (info.mtime, ==, st.st_mtime);
  g_assert_cmpint (info.ctime, ==, st.st_ctime);
  g_assert_cmpint (info.atime, ==, st.st_atime);
  g_assert_cmpint (info.nattch, ==, -1);
  g_assert_cmpint (info.id, ==, -1);
  g_assert_cmpint (info.key, ==, 0);
  g_assert_cmpint (info.cpid, ==, -1);
  g_assert_cmpint (info.lpid, ==, -1);
  g_assert_false (info.removed);
}

static void
test_remove_spec (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("remove_spec() unlinks by name without mapping; a missing name is NOT_FOUND");

  g_assert_true (shmview_region_remove_spec (f->spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shm_open (f->name, O_RDONLY, 0), ==, -1);

  g_assert_false (shmview_region_remove_spec (f->spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such shared memory region");
}

static void
test_plain_libc_interop (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("libc");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  char *map;
  int fd;

  g_test_summary ("A region made by plain shm_open/mmap (the classic server) opens by name, "
                  "and bytes written either way appear on the other side at once");

  fd = shmview_test_posix_create (name, 256);
  map = mmap (NULL, 256, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  strcpy (map, "ezhchai");

  region = shmview_region_open_text (name + 1, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 256);
  {
    g_autoptr(GBytes) bytes = shmview_region_read_bytes (region, 0, 8, &error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "ezhchai", 8);
  }
  g_assert_true (shmview_region_write (region, 100, (const guint8 *) "back", 5, &error));
  g_assert_cmpstr (map + 100, ==, "back");

  munmap (map, 256);
  close (fd);
  shmview_test_posix_unlink (name);
}

static void
test_copy_to_fd (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GBytes) appended = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) past = NULL;

  g_test_summary ("copy_to_fd() writes exactly the range asked for, by sendfile and by the "
                  "plain path (an O_APPEND file, which sendfile refuses) alike; a range past "
                  "the end is OUT_OF_RANGE and writes nothing");

  g_assert_true (shmview_region_write (f->region, 250, (const guint8 *) "tail!!", 6, &error));
  expected = raw_read (f->name, 0, 256);

  all = core_test_copy_to_file (f->region, 0, 256, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (all, expected));
  appended = core_test_copy_to_file (f->region, 0, 256, O_APPEND, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (appended, expected));
  part = core_test_copy_to_file (f->region, 2, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), "hchai", 5);
  empty = core_test_copy_to_file (f->region, 256, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);

  past = core_test_copy_to_file (f->region, 200, 57, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_assert_cmpuint (g_bytes_get_size (past), ==, 0);
}

static void
test_copy_to_pipe (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = shmview_test_unique_posix_name ("pipe");
  g_autoptr(ShmviewRegion) region = core_test_create_region (name, 1 << 20, FALSE);
  g_autofree guint8 *pattern = g_malloc (1 << 20);
  g_autoptr(GBytes) through = NULL;
  g_autoptr(GError) error = NULL;
  struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
  int fds[2];

  g_test_summary ("copy_to_fd() into a non-blocking pipe that fills up waits for room and "
                  "delivers every byte; into a pipe nobody reads it fails with EPIPE in words");

  for (gsize i = 0; i < 1 << 20; i++)
    pattern[i] = (guint8) (i * 7 + i / 4099);
  g_assert_true (shmview_region_write (region, 0, pattern, 1 << 20, &error));
  through = core_test_copy_through_pipe (region, 0, 1 << 20, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (through, NULL), g_bytes_get_size (through),
                   pattern, 1 << 20);

  g_assert_no_errno (pipe (fds));
  close (fds[0]);
  g_assert_no_errno (sigaction (SIGPIPE, &ignore, &old));
  g_assert_false (shmview_region_copy_to_fd (region, 0, 100, fds[1], &error));
  g_assert_no_errno (sigaction (SIGPIPE, &old, NULL));
  close (fds[1]);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Could not write the data out: Broken pipe");
  shmview_test_posix_unlink (name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/region-posix/" path, Fixture, NULL, setup, func, teardown)
  ADD ("create-write-read", test_create_write_read);
  ADD ("mode-exact", test_mode_exact);
  ADD ("create-exclusive-exists", test_create_exclusive_exists);
  ADD ("create-opens-existing", test_create_opens_existing);
  ADD ("replace", test_replace);
  ADD ("bad-open-args", test_bad_open_args);
  ADD ("open-missing", test_open_missing);
  ADD ("open-fifo", test_open_fifo);
  ADD ("read-only", test_read_only);
  ADD ("out-of-range", test_out_of_range);
  ADD ("fill", test_fill);
  ADD ("resize-and-update", test_resize_and_update);
  ADD ("attach-count", test_attach_count);
  ADD ("huge-sparse", test_huge_sparse);
  ADD ("next-data", test_next_data);
  ADD ("write-cannot-map", test_write_cannot_map);
  ADD ("open-empty", test_open_empty);
  ADD ("remove", test_remove);
  ADD ("name-reused", test_name_reused);
  ADD ("fs-path", test_fs_path);
  ADD ("query-info", test_query_info);
  ADD ("remove-spec", test_remove_spec);
  ADD ("plain-libc-interop", test_plain_libc_interop);
  ADD ("copy-to-fd", test_copy_to_fd);
  ADD ("copy-to-pipe", test_copy_to_pipe);
#undef ADD

  return g_test_run ();
}
