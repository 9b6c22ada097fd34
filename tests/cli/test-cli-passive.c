/* test-cli-passive.c: looking changes nothing; metadata without contents; removed segments
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `shmtool info` and `list` must not attach a System V segment (shmat moves
 * its lpid, atime and dtime, which the owner's ipcs shows) nor read a POSIX
 * object (a read moves its atime): compared with IPC_STAT and stat before
 * and after. A user who may not read a region still gets its metadata from
 * info, with status 0 and a note on stderr. The list table marks removed
 * System V segments.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "cli-util.h"
#include "test-util.h"

/* The whole of what looking could disturb, as the owner sees it. */
static void
assert_same_shm_ds (const struct shmid_ds *before,
                    const struct shmid_ds *after)
{
  g_assert_cmpint (after->shm_lpid, ==, before->shm_lpid);
  g_assert_cmpint (after->shm_atime, ==, before->shm_atime);
  g_assert_cmpint (after->shm_dtime, ==, before->shm_dtime);
  g_assert_cmpint (after->shm_nattch, ==, before->shm_nattch);
}

static void
test_sysv_passive (void)
{
  g_autofree char *spec = NULL;
  struct shmid_ds before, after;
  int id;

  g_test_summary ("info, list and list --json leave a System V segment's lpid, atime, dtime "
                  "and attach count exactly as they were (IPC_STAT before and after)");
  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (4096, 0600);
  /* Attached and detached once by this process: lpid is ours, the times set. */
  g_assert_no_errno (shmdt (shmview_test_sysv_attach (id, 0)));
  spec = g_strdup_printf ("sysvid:%d", id);
  g_assert_no_errno (shmctl (id, IPC_STAT, &before));

  /* a second later: a shmat would move the times too, not only lpid */
  g_usleep (1100 * 1000);
  cli_shmtool_ok ("info", spec, NULL);
  cli_shmtool_ok ("list", NULL);
  cli_shmtool_ok ("list", "--json", NULL);

  g_assert_no_errno (shmctl (id, IPC_STAT, &after));
  assert_same_shm_ds (&before, &after);
  g_assert_cmpint (after.shm_lpid, ==, getpid ());
}

static void
test_posix_passive (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("passive");
  g_autofree char *path = shmview_test_posix_path (name);
  /* Long ago, before its mtime: relatime would move it on any read. */
  struct timespec times[2] = { { 1000000000, 0 }, { 0, UTIME_OMIT } };
  struct stat st;

  g_test_summary ("info and list leave a POSIX object's atime as it was (no read, no map)");

  cli_posix_make (name, 4096, "data", 4);
  g_assert_no_errno (utimensat (AT_FDCWD, path, times, 0));

  cli_shmtool_ok ("info", name, NULL);
  cli_shmtool_ok ("list", NULL);
  cli_shmtool_ok ("list", "--json", NULL);

  g_assert_no_errno (stat (path, &st));
  g_assert_cmpint (st.st_atim.tv_sec, ==, 1000000000);
  shmview_test_posix_unlink (name);
}

static void
assert_metadata_only (CliResult  *info,
                      const char *size_line)
{
  g_test_message ("stdout: %s\nstderr: %s", info->out_text, info->err);
  g_assert_cmpint (info->status, ==, 0);
  g_assert_nonnull (strstr (info->out_text, size_line));
  g_assert_nonnull (strstr (info->out_text, "\nowner: root (0)\n"));
  g_assert_nonnull (strstr (info->out_text, "\nmode: 0600 (rw-------)\n"));
  g_assert_nonnull (strstr (info->out_text, "\nremoved: no\n"));
  g_assert_true (g_str_has_prefix (info->err, "shmtool: "));
  g_assert_nonnull (strstr (info->err, "not readable by this user"));
  g_assert_null (strchr (strchr (info->err, '\n') + 1, '\n'));   /* one line */
}

static void
test_metadata_without_contents (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("secret");
  g_autofree char *spec = NULL;
  g_autoptr(CliResult) posix = NULL;
  g_autoptr(CliResult) sysv = NULL;
  int id;

  g_test_summary ("info on a region this user may not read prints its metadata (size, owner, "
                  "mode, removed) with status 0, and says on stderr that its contents are not "
                  "readable");
  if (cli_skip_without_nobody () || shmview_test_skip_without_sysv ())
    return;

  cli_posix_make (name, 300, "secret", 6);
  posix = cli_shmtool_as_nobody ("info", name, NULL);
  assert_metadata_only (posix, "\nsize: 300 bytes\n");
  shmview_test_posix_unlink (name);

  id = shmview_test_sysv_private (4096, 0600);
  spec = g_strdup_printf ("sysvid:%d", id);
  sysv = cli_shmtool_as_nobody ("info", spec, NULL);
  assert_metadata_only (sysv, "\nsize: 4 KiB (4096 bytes)\n");
  g_assert_nonnull (strstr (sysv->out_text, "\ncreator-pid: "));
}

static void
test_table_marks_removed (void)
{
  g_autoptr(CliResult) list = NULL;
  g_autofree char *spec = NULL;
  g_auto(GStrv) lines = NULL;
  void *seg;
  int id;
  guint rows = 0;

  g_test_summary ("list's table marks a removed System V segment still attached (ipcs says "
                  "dest) in its LABEL column");
  if (shmview_test_skip_without_sysv ())
    return;

  id = shmview_test_sysv_private (64, 0600);
  seg = shmview_test_sysv_attach (id, 0);
  g_assert_no_errno (shmctl (id, IPC_RMID, NULL));
  spec = g_strdup_printf ("sysvid:%d", id);

  list = cli_shmtool ("list", NULL);
  cli_assert_ok (list);
  lines = g_strsplit (list->out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = cli_table_cells (lines[i]);

      if (cells[0] == NULL || strcmp (cells[0], spec) != 0)
        continue;
      rows++;
      g_assert_cmpstr (cells[g_strv_length (cells) - 1], ==, "removed");
    }
  g_assert_cmpuint (rows, ==, 1);
  shmdt (seg);
}

/* The "attached-pid:" line info prints for this test process, or NULL. */
static char *
own_attached_line (const char *out)
{
  g_autofree char *prefix = g_strdup_printf ("\nattached-pid: %d ", (int) getpid ());
  const char *line = strstr (out, prefix);

  return line != NULL ? g_strndup (line + 1, strcspn (line + 1, "\n")) : NULL;
}

static void
test_info_attached (void)
{
  g_autofree char *name = shmview_test_unique_posix_name ("attached");
  g_autofree char *path = shmview_test_posix_path (name);
  g_autofree char *spec = NULL;
  g_autofree char *posix_line = NULL;
  g_autofree char *sysv_line = NULL;
  g_autoptr(CliResult) posix = NULL;
  g_autoptr(CliResult) sysv = NULL;
  void *map, *seg;
  int fd, id;

  g_test_summary ("info lists the processes attached: this process mapping a POSIX object "
                  "read-write and a System V segment read-only, with pid, access and range");
  cli_posix_make (name, 4096, "", 0);
  fd = open (path, O_RDWR);
  g_assert_no_errno (fd);
  map = mmap (NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  g_assert_true (map != MAP_FAILED);
  close (fd);
  posix = cli_shmtool ("info", name, NULL);
  cli_assert_ok (posix);
  posix_line = own_attached_line (posix->out_text);
  g_assert_nonnull (posix_line);
  g_assert_nonnull (strstr (posix_line, " rw 0x"));
  g_assert_null (strstr (posix->out_text, "(this shmtool)"));
  munmap (map, 4096);
  shmview_test_posix_unlink (name);

  if (shmview_test_skip_without_sysv ())
    return;
  id = shmview_test_sysv_private (4096, 0600);
  seg = shmview_test_sysv_attach (id, SHM_RDONLY);
  spec = g_strdup_printf ("sysvid:%d", id);
  sysv = cli_shmtool ("info", spec, NULL);
  cli_assert_ok (sysv);
  sysv_line = own_attached_line (sysv->out_text);
  g_assert_nonnull (sysv_line);
  g_assert_nonnull (strstr (sysv_line, " ro 0x"));
  shmdt (seg);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/passive/sysv", test_sysv_passive);
  g_test_add_func ("/cli/passive/posix-atime", test_posix_passive);
  g_test_add_func ("/cli/passive/metadata-without-contents", test_metadata_without_contents);
  g_test_add_func ("/cli/passive/table-marks-removed", test_table_marks_removed);
  g_test_add_func ("/cli/passive/info-attached", test_info_attached);

  return g_test_run ();
}
