/* test-cli-interop.c: shmtool and outside programs sharing the same regions
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson in both directions with: a C program using shm_open/mmap,
 * Python's multiprocessing.shared_memory, util-linux ipcmk/ipcs/ipcrm and a
 * C program using shmget/shmat; and read --format hex against hexdump -C.
 * Each outside program that is missing makes its test skip, saying which.
 */
#include "config.h"

#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <glib.h>

#include "cli-util.h"
#include "test-util.h"

#define PYTHON  "/usr/bin/python3"
#define HEXDUMP "/usr/bin/hexdump"
#define IPCMK   "/usr/bin/ipcmk"
#define IPCS    "/usr/bin/ipcs"
#define IPCRM   "/usr/bin/ipcrm"

typedef struct
{
  char *name;   /* "/shmview-test-…" */
  char *spec;   /* without the slash */
  int   shmid;  /* a System V segment to remove in teardown, or -1 */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->name = shmview_test_unique_posix_name ("interop");
  f->spec = g_strdup (f->name + 1);
  f->shmid = -1;
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  shmview_test_posix_unlink (f->name);
  if (f->shmid >= 0)
    shmctl (f->shmid, IPC_RMID, NULL);
  g_free (f->name);
  g_free (f->spec);
}

/* A System V key unlikely to be in use: ours, from the pid and a counter;
 * whatever ends up under it is removed at exit. */
static key_t
unique_key (void)
{
  static guint counter;
  key_t key = (key_t) (0x5e000000u | ((guint) getpid () & 0xffff) << 8 | (counter++ & 0xff));

  shmview_test_track_sysv_key (key);
  return key;
}

static void
assert_shmtool_reads_lesson (const char *spec)
{
  g_autoptr(CliResult) r = cli_shmtool ("read", spec, "--format", "text", NULL);

  cli_assert_ok (r);
  g_assert_cmpstr (r->out_text, ==, "ezhchai\n");
}

/* ---- a C program with shm_open/mmap ----------------------------------- */

static void
test_c_server_shmtool_client (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *server = cli_helper_path ("lesson-server");
  g_autoptr(CliResult) s = NULL;
  g_autoptr(CliResult) info = NULL;

  g_test_summary ("The lesson's C server (shm_open, ftruncate, mmap, strcpy) writes; shmtool "
                  "read --format text prints ezhchai and info shows 256 bytes");

  s = cli_run (server, f->name, NULL);
  cli_assert_ok (s);
  assert_shmtool_reads_lesson (f->spec);
  info = cli_shmtool ("info", f->spec, NULL);
  cli_assert_ok (info);
  g_assert_nonnull (strstr (info->out_text, "\nsize: 256 bytes\n"));
}

static void
test_shmtool_server_c_client (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *client = cli_helper_path ("lesson-client");
  g_autoptr(CliResult) early = NULL;
  g_autoptr(CliResult) c = NULL;

  g_test_summary ("The lesson's C client (shm_open O_RDONLY, mmap, puts) fails cleanly before "
                  "shmtool creates MapTrans, and prints ezhchai after shmtool create + write");

  early = cli_run (client, f->name, NULL);
  g_assert_cmpint (early->status, ==, 1);
  g_assert_nonnull (strstr (early->err, "could not open"));

  cli_shmtool_ok ("create", f->spec, "--size", "256", NULL);
  cli_shmtool_ok ("write", f->spec, "--string", "ezhchai", NULL);
  c = cli_run (client, f->name, NULL);
  cli_assert_ok (c);
  g_assert_cmpstr (c->out_text, ==, "ezhchai\n");
}

/* ---- hexdump -C ----------------------------------------------------- */

static void
assert_same_as_hexdump (const Fixture *f,
                        const char    *offset,
                        const char    *length)
{
  g_autofree char *path = shmview_test_posix_path (f->name);
  g_autoptr(GPtrArray) hd = g_ptr_array_new ();
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CliResult) theirs = NULL;
  g_autoptr(CliResult) ours = NULL;

  g_ptr_array_add (hd, HEXDUMP);
  g_ptr_array_add (hd, "-C");
  g_ptr_array_add (st, cli_shmtool_path ());
  g_ptr_array_add (st, g_strdup ("read"));
  g_ptr_array_add (st, g_strdup (f->spec));
  g_ptr_array_add (st, g_strdup ("--format"));
  g_ptr_array_add (st, g_strdup ("hex"));
  if (offset != NULL)
    {
      g_ptr_array_add (hd, "-s");
      g_ptr_array_add (hd, (gpointer) offset);
      g_ptr_array_add (st, g_strdup ("--offset"));
      g_ptr_array_add (st, g_strdup (offset));
    }
  if (length != NULL)
    {
      g_ptr_array_add (hd, "-n");
      g_ptr_array_add (hd, (gpointer) length);
      g_ptr_array_add (st, g_strdup ("--length"));
      g_ptr_array_add (st, g_strdup (length));
    }
  g_ptr_array_add (hd, path);
  g_ptr_array_add (hd, NULL);
  g_ptr_array_add (st, NULL);

  theirs = cli_run_argv (NULL, (const char * const *) hd->pdata);
  ours = cli_run_argv (NULL, (const char * const *) st->pdata);
  cli_assert_ok (theirs);
  cli_assert_ok (ours);
  g_assert_cmpstr (ours->out_text, ==, theirs->out_text);
}

static void
test_hexdump (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) pattern = cli_pattern_bytes (1000, 17);
  guint8 *content = g_memdup2 (g_bytes_get_data (pattern, NULL), 1000);

  g_test_summary ("read --format hex is byte for byte what hexdump -C prints for the same "
                  "bytes, with repeated rows squeezed to *, a short last row, and with "
                  "--offset/--length as -s/-n");
  if (cli_skip_without_program (HEXDUMP))
    {
      g_free (content);
      return;
    }

  /* Rows 12..31 are zeros, so hexdump squeezes them into one "*". */
  memset (content + 192, 0, 320);
  cli_posix_make (f->name, 1000, content, 1000);
  g_free (content);

  assert_same_as_hexdump (f, NULL, NULL);
  assert_same_as_hexdump (f, "5", "300");
  assert_same_as_hexdump (f, "16", NULL);
  assert_same_as_hexdump (f, "200", "17");
  assert_same_as_hexdump (f, "999", NULL);
  assert_same_as_hexdump (f, "0", "1");
}

static void
test_hexdump_zeros (Fixture       *f,
                    gconstpointer  data)
{
  static const guint8 zeros[4096];

  g_test_summary ("read --format hex of an all-zero region matches hexdump -C (one row, *, "
                  "end offset)");
  if (cli_skip_without_program (HEXDUMP))
    return;

  cli_posix_make (f->name, sizeof zeros, zeros, sizeof zeros);
  assert_same_as_hexdump (f, NULL, NULL);
  assert_same_as_hexdump (f, "8", "24");
}

static void
test_hexdump_large (Fixture       *f,
                    gconstpointer  data)
{
  const gsize size = 600 * 1024 + 7;
  g_autoptr(GBytes) pattern = cli_pattern_bytes (size, 23);

  g_test_summary ("read --format hex matches hexdump -C across shmtool's read chunks, also "
                  "from an offset that is not a multiple of 16");
  if (cli_skip_without_program (HEXDUMP))
    return;

  cli_posix_make (f->name, size, g_bytes_get_data (pattern, NULL), size);
  assert_same_as_hexdump (f, NULL, NULL);
  assert_same_as_hexdump (f, "5", NULL);
  assert_same_as_hexdump (f, "262140", "300000");
}

/* ---- Python's multiprocessing.shared_memory --------------------------- */

static gboolean
skip_without_python_shm (void)
{
  const char *argv[] = { PYTHON, "-c", "import multiprocessing.shared_memory", NULL };
  g_autoptr(CliResult) r = NULL;

  if (cli_skip_without_program (PYTHON))
    return TRUE;
  r = cli_run_argv (NULL, argv);
  if (r->status == 0)
    return FALSE;
  g_test_skip ("Python has no multiprocessing.shared_memory (needs 3.8 or later)");
  return TRUE;
}

/* Python 3.11's resource tracker unlinks every SharedMemory a process made
 * or merely attached when that process exits; unregister keeps it. */
#define PY_PRELUDE \
  "import sys\n" \
  "from multiprocessing import shared_memory, resource_tracker\n" \
  "def keep(shm):\n" \
  "    resource_tracker.unregister(shm._name, 'shared_memory')\n"

static void
test_python_writes (Fixture       *f,
                    gconstpointer  data)
{
  static const char script[] =
    PY_PRELUDE
    "shm = shared_memory.SharedMemory(name=sys.argv[1], create=True, size=256)\n"
    "keep(shm)\n"
    "shm.buf[:8] = b'ezhchai\\0'\n"
    "shm.close()\n";
  const char *argv[] = { PYTHON, "-c", script, f->spec, NULL };
  g_autoptr(CliResult) py = NULL;

  g_test_summary ("Python's SharedMemory creates and writes the lesson's region; shmtool "
                  "reads ezhchai");
  if (skip_without_python_shm ())
    return;

  py = cli_run_argv (NULL, argv);
  cli_assert_ok (py);
  assert_shmtool_reads_lesson (f->spec);
}

static void
test_python_reads (Fixture       *f,
                   gconstpointer  data)
{
  static const char script[] =
    PY_PRELUDE
    "shm = shared_memory.SharedMemory(name=sys.argv[1])\n"
    "keep(shm)\n"
    "print(bytes(shm.buf).split(b'\\0')[0].decode(), shm.size >= 256)\n"
    "shm.close()\n";
  const char *argv[] = { PYTHON, "-c", script, f->spec, NULL };
  g_autoptr(CliResult) py = NULL;
  g_autoptr(GBytes) after = NULL;

  g_test_summary ("shmtool creates and writes the lesson's region; Python's SharedMemory "
                  "attaches and reads ezhchai, and the region survives Python's exit");
  if (skip_without_python_shm ())
    return;

  cli_shmtool_ok ("create", f->spec, "--size", "256", NULL);
  cli_shmtool_ok ("write", f->spec, "--string", "ezhchai", NULL);
  py = cli_run_argv (NULL, argv);
  cli_assert_ok (py);
  g_assert_cmpstr (py->out_text, ==, "ezhchai True\n");
  after = cli_posix_snapshot (f->name);
  g_assert_nonnull (after);
}

/* ---- util-linux ipcmk / ipcs / ipcrm ---------------------------------- */

static gboolean
skip_without_ipc_tools (void)
{
  return shmview_test_skip_without_sysv () || cli_skip_without_program (IPCMK) ||
         cli_skip_without_program (IPCS) || cli_skip_without_program (IPCRM);
}

/* The `ipcs -m` row of segment @shmid, split on blanks:
 * key shmid owner perms bytes nattch [status]. */
static char **
ipcs_row (int shmid)
{
  g_autoptr(CliResult) r = cli_run (IPCS, "-m", NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *id = g_strdup_printf ("%d", shmid);

  cli_assert_ok (r);
  lines = g_strsplit (r->out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = cli_table_cells (lines[i]);

      if (g_strv_length (cells) > 1 && g_strcmp0 (cells[1], id) == 0)
        return g_steal_pointer (&cells);
    }
  return NULL;
}

static void
test_ipcmk (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CliResult) mk = NULL;
  g_autoptr(CliResult) by_id = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) rm = NULL;
  g_auto(GStrv) row = NULL;
  g_autofree char *key_spec = NULL;
  g_autofree char *id_spec = NULL;

  g_test_summary ("ipcmk -M 256 makes a segment; shmtool writes it by key (as ipcs prints "
                  "it), reads it back by key and by id, lists it; ipcrm removes it");
  if (skip_without_ipc_tools ())
    return;

  mk = cli_run (IPCMK, "-M", "256", NULL);
  cli_assert_ok (mk);
  g_assert_true (g_str_has_prefix (mk->out_text, "Shared memory id: "));
  f->shmid = atoi (mk->out_text + strlen ("Shared memory id: "));
  shmview_test_track_sysv (f->shmid);
  row = ipcs_row (f->shmid);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (row[0], "0x"));
  key_spec = g_strconcat ("sysv:", row[0], NULL);
  id_spec = g_strdup_printf ("sysvid:%d", f->shmid);

  cli_shmtool_ok ("write", key_spec, "--string", "ezhchai", NULL);
  assert_shmtool_reads_lesson (key_spec);
  by_id = cli_shmtool ("read", id_spec, "--format", "raw", "--length", "8", NULL);
  cli_assert_ok (by_id);
  g_assert_cmpmem (g_bytes_get_data (by_id->out, NULL), g_bytes_get_size (by_id->out),
                   "ezhchai", 8);

  list = cli_shmtool ("list", NULL);
  cli_assert_ok (list);
  g_assert_nonnull (strstr (list->out_text, id_spec));

  rm = cli_run (IPCRM, "-m", row[1], NULL);
  cli_assert_ok (rm);
  f->shmid = -1;
}

static void
test_shmtool_create_ipcs (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *spec = g_strdup_printf ("sysv:0x%08x", (guint) unique_key ());
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) gone = NULL;
  int id;

  g_test_summary ("shmtool create sysv:KEY --mode 0644 makes a segment that ipcs -m shows with "
                  "that key, perms 644 and 256 bytes; shmtool rm removes it from ipcs");
  if (skip_without_ipc_tools ())
    return;

  cli_shmtool_ok ("create", spec, "--size", "256", "--mode", "0644", NULL);
  id = shmget ((key_t) strtoul (spec + 5, NULL, 16), 0, 0);
  g_assert_cmpint (id, >=, 0);
  f->shmid = id;
  row = ipcs_row (id);
  g_assert_nonnull (row);
  g_assert_cmpstr (row[0], ==, spec + 5);
  g_assert_cmpstr (row[3], ==, "644");
  g_assert_cmpstr (row[4], ==, "256");

  cli_shmtool_ok ("rm", spec, NULL);
  gone = ipcs_row (id);
  g_assert_null (gone);
  f->shmid = -1;
}

/* ---- a C program with shmget/shmat ------------------------------------ */

static void
test_sysv_program (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *helper = cli_helper_path ("sysv-lesson");
  g_autofree char *key1 = g_strdup_printf ("0x%08x", (guint) unique_key ());
  g_autofree char *key2 = g_strdup_printf ("0x%08x", (guint) unique_key ());
  g_autofree char *spec1 = g_strconcat ("sysv:", key1, NULL);
  g_autofree char *spec2 = g_strconcat ("sysv:", key2, NULL);
  g_autoptr(CliResult) made = NULL;
  g_autoptr(CliResult) read_back = NULL;
  int id2;

  g_test_summary ("The lesson over System V: a shmget/shmat program writes and shmtool reads "
                  "ezhchai by key; shmtool creates and writes, and the program reads it");
  if (shmview_test_skip_without_sysv ())
    return;

  made = cli_run (helper, "create", key1, NULL);
  cli_assert_ok (made);
  f->shmid = atoi (made->out_text);
  assert_shmtool_reads_lesson (spec1);
  shmctl (f->shmid, IPC_RMID, NULL);

  cli_shmtool_ok ("create", spec2, "--size", "256", NULL);
  id2 = shmget ((key_t) strtoul (key2, NULL, 16), 0, 0);
  g_assert_cmpint (id2, >=, 0);
  f->shmid = id2;
  cli_shmtool_ok ("write", spec2, "--string", "ezhchai", NULL);
  read_back = cli_run (helper, "read", key2, NULL);
  cli_assert_ok (read_back);
  g_assert_cmpstr (read_back->out_text, ==, "ezhchai\n");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/cli/interop/c-server-shmtool-client", test_c_server_shmtool_client);
  ADD ("/cli/interop/shmtool-server-c-client", test_shmtool_server_c_client);
  ADD ("/cli/interop/hexdump", test_hexdump);
  ADD ("/cli/interop/hexdump-zeros", test_hexdump_zeros);
  ADD ("/cli/interop/hexdump-large", test_hexdump_large);
  ADD ("/cli/interop/python-writes", test_python_writes);
  ADD ("/cli/interop/python-reads", test_python_reads);
  ADD ("/cli/interop/ipcmk", test_ipcmk);
  ADD ("/cli/interop/shmtool-create-ipcs", test_shmtool_create_ipcs);
  ADD ("/cli/interop/sysv-program", test_sysv_program);

  return g_test_run ();
}
