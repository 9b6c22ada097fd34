/* test-permissions.c: another user cannot write a 0600 region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run as root, this creates regions and re-executes itself as user nobody
 * (setpriv --reuid=nobody --regid=nogroup --clear-groups) in a helper mode
 * that tries to open, write and remove them and prints what happened:
 *   test-permissions --as-other SPEC
 * Not root, or no setpriv, or no nobody: the tests skip, saying which.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "shmview-error.h"
#include "shmview-region.h"
#include "test-util.h"

static char *self_path;

/* ---- the other user's side (run as nobody) ------------------------------ */

static const char *
code_name (const GError *error)
{
  static const char *names[] = {
    "FAILED", "NOT_FOUND", "EXISTS", "PERMISSION", "INVALID_ARGUMENT",
    "OUT_OF_RANGE", "SHRUNK", "SYMLINK", "UNSUPPORTED",
  };

  if (error->domain != SHMVIEW_ERROR || error->code < 0 || error->code >= (int) G_N_ELEMENTS (names))
    return "OTHER";
  return names[error->code];
}

/* One line per attempt: "what: ok" or "what: CODE: message". */
static void
report (const char   *what,
        const GError *error)
{
  if (error == NULL)
    printf ("%s: ok\n", what);
  else
    printf ("%s: %s: %s\n", what, code_name (error), error->message);
}

static int
run_as_other (const char *text)
{
  g_autoptr(ShmviewRegion) rw = NULL;
  g_autoptr(ShmviewRegion) ro = NULL;
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(GError) error = NULL;

  printf ("uid: %u\n", (unsigned) getuid ());

  rw = shmview_region_open_text (text, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  if (rw != NULL)
    shmview_region_write (rw, 0, (const guint8 *) "HACKED", 6, &error);
  report ("open for writing", error);
  g_clear_error (&error);

  /* Create-or-open must neither replace nor get in. */
  rw = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE, 4096, 0666, &error);
  report ("create or open", error);
  g_clear_error (&error);
  g_clear_object (&rw);
  rw = shmview_region_open_text (text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_REPLACE, 4096, 0666,
                                 &error);
  report ("replace", error);
  g_clear_error (&error);
  g_clear_object (&rw);

  ro = shmview_region_open_text (text, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  report ("open read-only", error);
  g_clear_error (&error);
  if (ro != NULL)
    {
      char buf[7] = { 0 };

      shmview_region_read (ro, 0, (guint8 *) buf, 6, &error);
      printf ("read: %s\n", error == NULL ? buf : error->message);
      g_clear_error (&error);
      shmview_region_write (ro, 0, (const guint8 *) "HACKED", 6, &error);
      report ("write read-only", error);
      g_clear_error (&error);
    }

  spec = shmview_spec_parse (text, &error);
  if (spec != NULL)
    shmview_region_remove_spec (spec, &error);
  report ("remove", error);
  return 0;
}

/* ---- root's side -------------------------------------------------------- */

static gboolean
skip_unless_root_with_setpriv (void)
{
  g_autofree char *setpriv = NULL;

  if (getuid () != 0)
    {
      g_test_skip ("Needs root: the other user's part runs as nobody via setpriv, "
                   "which only root may do");
      return TRUE;
    }
  if ((setpriv = g_find_program_in_path ("setpriv")) == NULL)
    {
      g_test_skip ("setpriv (util-linux) is not installed");
      return TRUE;
    }
  if (getpwnam ("nobody") == NULL || getgrnam ("nogroup") == NULL)
    {
      g_test_skip ("There is no user nobody or group nogroup here");
      return TRUE;
    }
  return FALSE;
}

/* Runs the helper as nobody; returns what it printed. */
static char *
run_as_nobody (const char *spec_text)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, "setpriv", "--reuid=nobody", "--regid=nogroup",
                           "--clear-groups", self_path, "--as-other", spec_text, NULL);
  g_assert_no_error (error);
  status = shmview_test_communicate (proc, &out, &err);
  g_test_message ("as nobody:\n%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
assert_posix_bytes (const char *name,
                    const char *expected)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  char buf[7] = { 0 };

  region = shmview_region_open_text (name, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_read (region, 0, (guint8 *) buf, 6, &error));
  g_assert_cmpstr (buf, ==, expected);
}

static ShmviewRegion *
create_posix (const char *name,
              guint       mode,
              const char *contents)
{
  g_autoptr(GError) error = NULL;
  ShmviewRegion *region;

  region = shmview_region_open_text (name, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     256, mode, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) contents, 6, &error));
  return region;
}

static void
test_posix_0600 (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("perm600");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *out = NULL;
  ShmviewRegionInfo info;

  g_test_summary ("A 0600 POSIX region made by root: user nobody can neither open it for "
                  "writing nor read, replace or remove it (PERMISSION each time, saying which "
                  "step was refused), and its bytes stay");
  if (skip_unless_root_with_setpriv ())
    return;

  region = create_posix (name, 0, "secret");
  out = run_as_nobody (name);

  g_assert_nonnull (strstr (out, "uid: 65534\n"));
  g_assert_nonnull (strstr (out, "open for writing: PERMISSION: Permission denied: this user "
                                 "may not open the region for writing\n"));
  g_assert_nonnull (strstr (out, "open read-only: PERMISSION: Permission denied: this user "
                                 "may not read the region\n"));
  g_assert_nonnull (strstr (out, "create or open: PERMISSION: Permission denied: this user "
                                 "may not create the region here (or open the existing one "
                                 "for writing)\n"));
  g_assert_nonnull (strstr (out, "replace: PERMISSION: Permission denied: this user "
                                 "may not replace the existing region, or create one here\n"));
  g_assert_nonnull (strstr (out, "remove: PERMISSION: "));
  g_assert_null (strstr (out, ": ok"));

  assert_posix_bytes (name, "secret");
  g_assert_true (shmview_region_query_info (region, &info, NULL));
  g_assert_cmpuint (info.mode, ==, 0600);
  g_assert_cmpuint (info.size, ==, 256);
  g_assert_false (info.removed);
  shmview_test_posix_unlink (name);
}

static void
test_posix_0644 (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("perm644");
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *out = NULL;

  g_test_summary ("A 0644 POSIX region: nobody may read it read-only, but writing (either way) "
                  "and removing are refused and the bytes stay");
  if (skip_unless_root_with_setpriv ())
    return;

  region = create_posix (name, 0644, "public");
  out = run_as_nobody (name);

  g_assert_nonnull (strstr (out, "open for writing: PERMISSION: "));
  g_assert_nonnull (strstr (out, "open read-only: ok\n"));
  g_assert_nonnull (strstr (out, "read: public\n"));
  g_assert_nonnull (strstr (out, "write read-only: PERMISSION: This region is attached read-only\n"));
  g_assert_nonnull (strstr (out, "remove: PERMISSION: "));
  assert_posix_bytes (name, "public");
  shmview_test_posix_unlink (name);
}

/* A new 0600 segment under a random key nobody uses yet; *text gets its spec. */
static ShmviewRegion *
create_sysv_with_free_key (char **text)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      ShmviewRegion *region;

      g_free (*text);
      *text = g_strdup_printf ("sysv:0x%08x", g_random_int () | 0x10000000u);
      region = shmview_region_open_text (*text, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                         256, 0, &error);
      if (!g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS))
        {
          g_assert_no_error (error);
          return region;
        }
    }
}

static void
test_sysv_0600 (void)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  ShmviewRegionInfo info;
  char buf[7] = { 0 };
  int id;

  g_test_summary ("A 0600 System V segment made by root: nobody cannot attach it either way "
                  "or remove it, and its bytes stay");
  if (skip_unless_root_with_setpriv () || shmview_test_skip_without_sysv ())
    return;

  /* By key, so that "create or open" has something to find. */
  region = create_sysv_with_free_key (&text);
  g_assert_true (shmview_region_write (region, 0, (const guint8 *) "secret", 6, &error));
  g_assert_true (shmview_region_query_info (region, &info, &error));
  id = info.id;
  shmview_test_track_sysv (id);

  out = run_as_nobody (text);
  g_assert_nonnull (strstr (out, "open for writing: PERMISSION: "));
  g_assert_nonnull (strstr (out, "open read-only: PERMISSION: "));
  g_assert_nonnull (strstr (out, "create or open: PERMISSION: "));
  g_assert_nonnull (strstr (out, "remove: PERMISSION: "));

  g_assert_true (shmview_region_read (region, 0, (guint8 *) buf, 6, &error));
  g_assert_cmpstr (buf, ==, "secret");
  g_assert_cmpint (shmview_region_update (region, NULL), ==, SHMVIEW_REGION_CHANGE_NONE);
  shmctl (id, IPC_RMID, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--as-other") == 0)
    return run_as_other (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/permissions/posix-0600", test_posix_0600);
  g_test_add_func ("/core/permissions/posix-0644", test_posix_0644);
  g_test_add_func ("/core/permissions/sysv-0600", test_sysv_0600);

  return g_test_run ();
}
