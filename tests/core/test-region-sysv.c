/* test-region-sysv.c: ShmviewRegion over System V segments
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are picked at random and checked to be free, so parallel test
 * programs do not meet; every segment a test makes is IPC_RMIDed in teardown.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>

#include "core-test-util.h"
#include "shmview-error.h"
#include "shmview-region.h"
#include "test-util.h"

typedef struct
{
  gint32  key;   /* free when the test starts */
  GArray *ids;   /* segments to IPC_RMID in teardown */
} Fixture;

/* Removed in teardown, and by the cleanup net if the test dies first. */
static void
keep_id (Fixture *f,
         int      id)
{
  g_array_append_val (f->ids, id);
  shmview_test_track_sysv (id);
}

static gint32
free_key (void)
{
  for (;;)
    {
      gint32 key = (gint32) (g_random_int () | 0x10000000u);

      if (shmget (key, 0, 0) < 0 && errno == ENOENT)
        return key;
    }
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->key = free_key ();
  shmview_test_track_sysv_key (f->key);
  f->ids = g_array_new (FALSE, FALSE, sizeof (int));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  int id;

  for (guint i = 0; i < f->ids->len; i++)
    shmctl (g_array_index (f->ids, int, i), IPC_RMID, NULL);
  if ((id = shmget (f->key, 0, 0)) >= 0)
    shmctl (id, IPC_RMID, NULL);
  g_array_unref (f->ids);
}

static ShmviewSpec *
key_spec (gint32 key)
{
  g_autofree char *text = g_strdup_printf ("sysv:0x%08x", (guint32) key);
  g_autoptr(GError) error = NULL;
  ShmviewSpec *spec = shmview_spec_parse (text, &error);

  g_assert_no_error (error);
  return spec;
}

static ShmviewRegion *
create_by_key (Fixture          *f,
               ShmviewOpenFlags  flags,
               guint64           size,
               guint             mode)
{
  g_autoptr(ShmviewSpec) spec = key_spec (f->key);
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;
  int id;

  region = shmview_region_open (spec, SHMVIEW_OPEN_CREATE | flags, size, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (region);
  id = shmget (f->key, 0, 0);
  g_assert_no_errno (id);
  keep_id (f, id);
  return region;
}

static struct shmid_ds
raw_stat (int id)
{
  struct shmid_ds ds;

  g_assert_no_errno (shmctl (id, IPC_STAT, &ds));
  return ds;
}

/* The bytes as another program attached with shmat() sees them. */
static void
assert_bytes (int         id,
              gsize       offset,
              const char *expected,
              gsize       length)
{
  char *addr = shmview_test_sysv_attach (id, SHM_RDONLY);

  g_assert_cmpmem (addr + offset, length, expected, length);
  shmdt (addr);
}

static gboolean
skip_without_sysv (void)
{
  return shmview_test_skip_without_sysv ();
}

static void
test_private (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const ShmviewSpec *spec;
  ShmviewRegionInfo info;
  guint8 buf[8];

  g_test_summary ("sysv:0 creates a new IPC_PRIVATE segment whose spec becomes sysvid:ID; "
                  "it reads, writes and reports its info, and has no filesystem path");
  if (skip_without_sysv ())
    return;

  region = shmview_region_open_text ("sysv:0", SHMVIEW_OPEN_CREATE, 1000, 0, &error);
  g_assert_no_error (error);
  spec = shmview_region_get_spec (region);
  g_assert_cmpint (spec->kind, ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_true (spec->by_id);
  keep_id (f, spec->id);
  text = shmview_region_dup_spec_string (region);
  g_assert_true (g_str_has_prefix (text, "sysvid:"));
  g_assert_cmpint (atoi (text + 7), ==, spec->id);
  /* a segment has no name in the filesystem to watch */
  g_assert_null (shmview_region_dup_fs_path (region));

  g_assert_cmpuint (shmview_region_get_size (region), ==, 1000);
  g_assert_cmpuint (raw_stat (spec->id).shm_segsz, ==, 1000);
  g_assert_cmpuint (raw_stat (spec->id).shm_perm.mode & 0777, ==, 0600);

  g_assert_true (shmview_region_write (region, 992, (const guint8 *) "ezhchai", 8, &error));
  g_assert_no_error (error);
  assert_bytes (spec->id, 992, "ezhchai", 8);
  g_assert_true (shmview_region_read (region, 992, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhchai", 8);

  g_assert_true (shmview_region_query_info (region, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_cmpuint (info.size, ==, 1000);
  g_assert_cmpint (info.id, ==, spec->id);
  g_assert_cmpint (info.key, ==, 0);
  g_assert_cmpint (info.nattch, ==, 1);
  g_assert_cmpint (info.cpid, ==, getpid ());
  g_assert_cmpint (info.lpid, ==, getpid ());
  g_assert_cmpuint (info.uid, ==, getuid ());
  g_assert_cmpuint (info.mode, ==, 0600);
  g_assert_cmpint (info.atime, >, 0);
  g_assert_false (info.removed);
}

static void
test_key_create_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(ShmviewRegion) by_key = NULL;
  g_autoptr(ShmviewRegion) by_id = NULL;
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(ShmviewSpec) id_spec = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewRegionInfo info;
  guint8 buf[8];
  int id;

  g_test_summary ("A segment created by key with mode 0640 gets exactly that mode and opens "
                  "again by key and by id, each seeing the other's writes");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 4096, 0640);
  id = g_array_index (f->ids, int, 0);
  g_assert_cmpuint (raw_stat (id).shm_perm.mode & 0777, ==, 0640);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "ezhchai", 8, &error));

  spec = key_spec (f->key);
  by_key = shmview_region_open (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_spec_equal (shmview_region_get_spec (by_key), spec));
  g_assert_cmpuint (shmview_region_get_size (by_key), ==, 4096);
  g_assert_true (shmview_region_read (by_key, 0, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhchai", 8);

  id_spec = shmview_spec_new_sysv_id (id);
  by_id = shmview_region_open (id_spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_write (by_id, 4, (const guint8 *) "CHAI", 4, &error));
  g_assert_true (shmview_region_read (region, 0, buf, 8, &error));
  g_assert_cmpmem (buf, 8, "ezhcCHAI", 8);

  g_assert_true (shmview_region_query_info (by_key, &info, &error));
  g_assert_cmpint (info.key, ==, f->key);
  g_assert_cmpint (info.id, ==, id);
  g_assert_cmpint (info.nattch, ==, 3);
  g_assert_cmpuint (info.mode, ==, 0640);
}

static void
test_exists_and_replace (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ShmviewRegion) first = NULL;
  g_autoptr(ShmviewRegion) again = NULL;
  g_autoptr(ShmviewRegion) replaced = NULL;
  g_autoptr(ShmviewSpec) spec = key_spec (f->key);
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;
  guint8 buf[4];
  int id, new_id;

  g_test_summary ("Exclusive create over an existing key is EXISTS and changes nothing; plain "
                  "create opens it; REPLACE makes a fresh segment and the old one reports REMOVED");
  if (skip_without_sysv ())
    return;

  first = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 256, 0600);
  id = g_array_index (f->ids, int, 0);
  g_assert_true (shmview_region_write (first, 0, (const guint8 *) "old", 4, &error));

  region = shmview_region_open (spec, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE, 512, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A segment with this key already exists");
  g_assert_null (region);
  g_clear_error (&error);
  g_assert_cmpint (shmget (f->key, 0, 0), ==, id);
  assert_bytes (id, 0, "old", 4);

  again = shmview_region_open (spec, SHMVIEW_OPEN_CREATE, 256, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_read (again, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "old", 4);

  replaced = create_by_key (f, SHMVIEW_OPEN_REPLACE, 512, 0);
  new_id = g_array_index (f->ids, int, 1);
  g_assert_cmpint (new_id, !=, id);
  g_assert_cmpuint (shmview_region_get_size (replaced), ==, 512);
  assert_bytes (new_id, 0, "\0\0\0\0", 4);

  g_assert_cmpint (shmview_region_update (first, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_true (shmview_region_read (first, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "old", 4);
}

static void
test_bad_args (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ShmviewSpec) spec = key_spec (f->key);
  g_autoptr(ShmviewSpec) id_spec = shmview_spec_new_sysv_id (G_MAXINT);
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  g_test_summary ("Missing key or id is NOT_FOUND; sysv:0 without create, create by id and "
                  "size 0 are INVALID_ARGUMENT");
  if (skip_without_sysv ())
    return;

  region = shmview_region_open (spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such shared memory region");
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open (id_spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open_text ("sysv:0", SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open (id_spec, SHMVIEW_OPEN_CREATE, 16, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_clear_error (&error);

  region = shmview_region_open (spec, SHMVIEW_OPEN_CREATE, 0, 0, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (region);
  g_assert_cmpint (shmget (f->key, 0, 0), ==, -1);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *text = g_strdup_printf ("sysv:0x%08x", (guint32) f->key);
  g_autoptr(GError) error = NULL;

  g_test_summary ("A read-only attachment (SHM_RDONLY) reads and refuses writes with PERMISSION");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 64, 0);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "ezhchai", 8, &error));

  core_test_assert_read_only (text);
  assert_bytes (g_array_index (f->ids, int, 0), 0, "ezhchai", 8);
}

static void
test_range_fill_resize (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  int id;

  g_test_summary ("Out-of-range writes change nothing, fill sets its range, and resize is "
                  "UNSUPPORTED for a System V segment");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 256, 0);
  id = g_array_index (f->ids, int, 0);

  g_assert_false (shmview_region_write (region, 250, (const guint8 *) "0123456789", 10, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "Range 250+10 is past the end of the region (256 bytes)");
  g_clear_error (&error);
  g_assert_false (shmview_region_fill (region, G_MAXUINT64, 2, 'X', &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  assert_bytes (id, 248, "\0\0\0\0\0\0\0\0", 8);

  g_assert_true (shmview_region_fill (region, 252, 4, 'Z', &error));
  assert_bytes (id, 248, "\0\0\0\0ZZZZ", 8);

  g_assert_false (shmview_region_resize (region, 512, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "A System V segment cannot be resized");
  g_assert_cmpuint (raw_stat (id).shm_segsz, ==, 256);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 256);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(ShmviewRegion) other = NULL;
  g_autoptr(ShmviewSpec) spec = key_spec (f->key);
  g_autoptr(GError) error = NULL;
  ShmviewRegionInfo info;
  guint8 buf[4];

  g_test_summary ("remove() marks the segment for removal: the key is free, both attachments "
                  "stay usable, update reports REMOVED once, a second remove is NOT_FOUND");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 128, 0);
  other = shmview_region_open (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);

  g_assert_true (shmview_region_remove (region, &error));
  g_assert_no_error (error);
  g_assert_true (shmview_region_is_removed (region));
  g_assert_cmpint (shmget (f->key, 0, 0), ==, -1);

  g_assert_cmpint (shmview_region_update (other, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (other, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_true (shmview_region_is_removed (other));

  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "abc", 4, &error));
  g_assert_true (shmview_region_read (other, 0, buf, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (buf, 4, "abc", 4);

  g_assert_true (shmview_region_query_info (other, &info, &error));
  g_assert_true (info.removed);
  g_assert_cmpint (info.nattch, ==, 2);

  g_assert_false (shmview_region_remove (other, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
}

static void
test_removed_outside (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[4];

  g_test_summary ("IPC_RMID by another program is reported as REMOVED once; the region "
                  "still reads");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 128, 0);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "abc", 4, &error));
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_no_errno (shmctl (g_array_index (f->ids, int, 0), IPC_RMID, NULL));
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_REMOVED);
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  g_assert_true (shmview_region_read (region, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "abc", 4);
}

static void
test_remove_spec (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShmviewSpec) spec = key_spec (f->key);
  g_autoptr(ShmviewSpec) id_spec = NULL;
  g_autoptr(ShmviewSpec) zero = NULL;
  g_autoptr(GError) error = NULL;
  int id;

  g_test_summary ("remove_spec() removes by key and by id; a missing one is NOT_FOUND and "
                  "key 0 is INVALID_ARGUMENT");
  if (skip_without_sysv ())
    return;

  id = shmget (f->key, 64, IPC_CREAT | IPC_EXCL | 0600);
  g_assert_no_errno (id);
  shmview_test_track_sysv (id);
  g_assert_true (shmview_region_remove_spec (spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shmctl (id, IPC_STAT, &(struct shmid_ds) { 0 }), ==, -1);
  g_assert_false (shmview_region_remove_spec (spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = shmview_test_sysv_private (64, 0600);
  keep_id (f, id);
  id_spec = shmview_spec_new_sysv_id (id);
  g_assert_true (shmview_region_remove_spec (id_spec, &error));
  g_assert_no_error (error);
  g_assert_false (shmview_region_remove_spec (id_spec, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_clear_error (&error);

  zero = shmview_spec_parse ("sysv:0", &error);
  g_assert_no_error (error);
  g_assert_false (shmview_region_remove_spec (zero, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
}

static void
test_ipcmk (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *ipcmk = g_find_program_in_path ("ipcmk");
  g_autofree char *out = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;
  const char *colon;
  int status = 0;
  int id;

  g_test_summary ("A segment made by util-linux ipcmk opens by id, with its size and mode");
  if (skip_without_sysv ())
    return;
  if (ipcmk == NULL)
    {
      g_test_skip ("ipcmk (util-linux) is not installed");
      return;
    }

  cmd = g_strdup_printf ("%s -M 300 -p 0640", ipcmk);
  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  colon = strrchr (out, ':');
  g_assert_nonnull (colon);
  id = atoi (colon + 1);
  keep_id (f, id);

  spec = shmview_spec_new_sysv_id (id);
  region = shmview_region_open (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_region_get_size (region), ==, 300);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "ezhchai", 8, &error));
  assert_bytes (id, 0, "ezhchai", 8);
  g_assert_cmpuint (raw_stat (id).shm_perm.mode & 0777, ==, 0640);
}

static void
test_copy_to_fd (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) through = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pattern = g_malloc (256 * 1024);

  g_test_summary ("copy_to_fd() writes a segment's range straight from the attachment: into "
                  "a file, and into a non-blocking pipe that fills up");
  if (skip_without_sysv ())
    return;

  region = create_by_key (f, SHMVIEW_OPEN_EXCLUSIVE, 256 * 1024, 0600);
  for (gsize i = 0; i < 256 * 1024; i++)
    pattern[i] = (guint8) (i ^ (i >> 9));
  g_assert_true (shmview_region_write (region, 0, pattern, 256 * 1024, &error));

  whole = core_test_copy_to_file (region, 0, 256 * 1024, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (whole, NULL), g_bytes_get_size (whole),
                   pattern, 256 * 1024);
  part = core_test_copy_to_file (region, 1000, 24, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), pattern + 1000, 24);
  through = core_test_copy_through_pipe (region, 0, 256 * 1024, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (through, whole));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/region-sysv/" path, Fixture, NULL, setup, func, teardown)
  ADD ("private", test_private);
  ADD ("key-create-open", test_key_create_open);
  ADD ("exists-and-replace", test_exists_and_replace);
  ADD ("bad-args", test_bad_args);
  ADD ("read-only", test_read_only);
  ADD ("range-fill-resize", test_range_fill_resize);
  ADD ("remove", test_remove);
  ADD ("removed-outside", test_removed_outside);
  ADD ("remove-spec", test_remove_spec);
  ADD ("ipcmk", test_ipcmk);
  ADD ("copy-to-fd", test_copy_to_fd);
#undef ADD

  return g_test_run ();
}
