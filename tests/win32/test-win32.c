/* test-win32.c: the Win32 backend and Wine's sections, against the lesson's programs
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the mingw-built programs of tests/win32/meson.build under Wine:
 * the lesson's server and client (CreateFileMapping (…, (LPCWSTR)"MapTrans")
 * as the lesson writes it, so the section is really named 慍呰慲獮), their
 * corrected twins (L"MapTrans"), and shmview-win32-probe.exe, which drives
 * shmview's Win32 backend and guard.
 *
 * One Wine prefix serves the whole run: a fresh one in a temporary
 * directory of our own, booted (wineboot --init, no display) by the first
 * test that needs it, and taken down at the end (wineserver -k ends every
 * Wine process of the prefix, then the directory goes). Without mingw-w64
 * (the .exe files were not built) or Wine every test is skipped, saying why.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "test-util.h"

/* What the lesson's cast really names: "MapTrans" read as UTF-16LE. */
#define MANGLED_NAME "\xe6\x85\x8d\xe5\x91\xb0\xe6\x85\xb2\xe7\x8d\xae" /* 慍呰慲獮 */

/* Polling for a server's section: Wine starts a process in about 0.3 s,
 * much longer on a loaded machine. */
#define AWAIT_SECONDS 60

typedef struct
{
  char    *tmpdir;      /* owned: holds the prefix */
  char    *prefix;
  char    *exe_dir;     /* where meson put the .exe files */
  char    *wine;
  char    *wineboot;
  char    *wineserver;
  char    *skip_reason; /* why nothing can run here, or NULL */
  GPid     watcher;     /* cleans up should this program die first */
  gboolean booted;
} WineEnv;

static WineEnv wine_env;

typedef struct
{
  GSubprocess *server;  /* the fixture's server, or NULL */
} Fixture;

/* ---- Wine ----------------------------------------------------------------- */

static GSubprocessLauncher *
wine_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "WINEPREFIX", wine_env.prefix, TRUE);
  /* No debug channels, no display, and no offer to install Mono or Gecko. */
  g_subprocess_launcher_setenv (launcher, "WINEDEBUG", "-all", TRUE);
  g_subprocess_launcher_setenv (launcher, "WINEDLLOVERRIDES", "mscoree,mshtml=", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  return launcher;
}

static void
wine_env_init (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *probe = NULL;

  wine_env.exe_dir = g_build_filename (builddir != NULL ? builddir : ".", "win32", NULL);
  probe = g_build_filename (wine_env.exe_dir, "shmview-win32-probe.exe", NULL);
  wine_env.wine = g_find_program_in_path ("wine");
  wine_env.wineboot = g_find_program_in_path ("wineboot");
  wine_env.wineserver = g_find_program_in_path ("wineserver");

  if (!g_file_test (probe, G_FILE_TEST_EXISTS))
    wine_env.skip_reason = g_strdup ("mingw-w64 (x86_64-w64-mingw32-gcc) was not found when "
                                     "the build was configured: no .exe to run (scripts/setup.sh "
                                     "installs mingw-w64)");
  else if (wine_env.wine == NULL || wine_env.wineboot == NULL || wine_env.wineserver == NULL)
    wine_env.skip_reason = g_strdup ("wine, wineboot or wineserver is not in PATH "
                                     "(scripts/setup.sh installs wine and wine64)");
}

static void
new_session (gpointer data)
{
  setsid ();
}

/* A failed assertion aborts this program before wine_env_shutdown(): a
 * watcher waits for it to end, however it ends, then ends every Wine
 * process of the prefix and removes the directory. */
static void
start_watcher (void)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GError) error = NULL;
  const char *script =
    "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
    "if [ -d \"$2\" ]; then WINEPREFIX=\"$2/prefix\" \"$3\" -k; rm -rf \"$2\"; fi";
  const char *argv[] = { "/bin/sh", "-c", script, "sh", pid, wine_env.tmpdir,
                         wine_env.wineserver, NULL };

  /* In a session of its own: a test runner that kills our process group
   * on a timeout must not take the watcher with it. */
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL
                 | G_SPAWN_DO_NOT_REAP_CHILD,
                 new_session, NULL, &wine_env.watcher, &error);
  g_assert_no_error (error);
}

/* One wineserver and one Wine session (services.exe, winedevice.exe, …)
 * for the whole run, started with no pipe of ours: the first Wine program
 * after the server went idle starts the session again, and its daemons
 * would inherit that program's stdout and stderr, so reading them to the
 * end would never finish. */
static void
start_session (void)
{
  g_autoptr(GSubprocessLauncher) launcher = wine_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                           | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *probe_exe = g_build_filename (wine_env.exe_dir, "shmview-win32-probe.exe", NULL);

  server = g_subprocess_launcher_spawn (launcher, &error, wine_env.wineserver, "-p", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (server, NULL, NULL);
  first = g_subprocess_launcher_spawn (launcher, &error, wine_env.wine, probe_exe, "info",
                                       "shmview-warm-up", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (first, NULL, NULL);
}

/* Boots the prefix the first time; TRUE (after g_test_skip) when Wine
 * cannot run here. */
static gboolean
skip_without_wine (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) boot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *err = NULL;
  int status;

  if (wine_env.skip_reason != NULL)
    {
      g_test_skip (wine_env.skip_reason);
      return TRUE;
    }
  if (wine_env.booted)
    return FALSE;

  wine_env.tmpdir = g_dir_make_tmp ("shmview-wine-XXXXXX", &error);
  g_assert_no_error (error);
  wine_env.prefix = g_build_filename (wine_env.tmpdir, "prefix", NULL);
  start_watcher ();
  timer = g_timer_new ();
  launcher = wine_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  boot = g_subprocess_launcher_spawn (launcher, &error, wine_env.wineboot, "--init", NULL);
  g_assert_no_error (error);
  status = shmview_test_communicate (boot, NULL, &err);
  g_test_message ("wineboot --init in a fresh prefix: %.1f s", g_timer_elapsed (timer, NULL));
  wine_env.booted = TRUE; /* even when it failed: wineserver -k at the end */
  if (status != 0)
    {
      shmview_test_note ("wineboot said", err);
      wine_env.skip_reason = g_strdup ("wineboot --init failed in a fresh prefix: Wine cannot run here");
      g_test_skip (wine_env.skip_reason);
      return TRUE;
    }
  start_session ();
  return FALSE;
}

/* Ends every process of the prefix and removes it. */
static void
wine_env_shutdown (void)
{
  if (wine_env.booted)
    {
      g_autoptr(GSubprocessLauncher) launcher = wine_launcher (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) kill = NULL;
      const char *rm[] = { "rm", "-rf", wine_env.tmpdir, NULL };

      kill = g_subprocess_launcher_spawn (launcher, NULL, wine_env.wineserver, "-k", NULL);
      if (kill != NULL)
        g_subprocess_wait (kill, NULL, NULL);
      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  if (wine_env.watcher > 0)
    {
      kill (wine_env.watcher, SIGTERM);
      waitpid (wine_env.watcher, NULL, 0);
    }
  g_free (wine_env.tmpdir);
  g_free (wine_env.prefix);
  g_free (wine_env.exe_dir);
  g_free (wine_env.wine);
  g_free (wine_env.wineboot);
  g_free (wine_env.wineserver);
  g_free (wine_env.skip_reason);
}

/* Starts @exe (a name in exe_dir) under Wine with @args; NULL-terminated. */
static GSubprocess *
spawn_exe (GSubprocessFlags  flags,
           const char       *exe,
           const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = wine_launcher (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, g_strdup (wine_env.wine));
  g_ptr_array_add (argv, g_build_filename (wine_env.exe_dir, exe, NULL));
  for (gsize i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

/* Runs the probe to its end; returns its exit status. */
static int
probe (char       **out,
       char       **err,
       const char  *first,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = spawn_exe (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                    "shmview-win32-probe.exe", (const char *const *) args->pdata);
  return shmview_test_communicate (proc, out, err);
}

/* Waits until the probe opens @name (a server just started makes it). */
static void
await_section (const char *name)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  for (;;)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      if (probe (&out, &err, "info", name, NULL) == 0)
        return;
      if (g_timer_elapsed (timer, NULL) > AWAIT_SECONDS)
        {
          shmview_test_note ("the probe said", err);
          g_assert_not_reached ();
        }
      g_usleep (100 * 1000);
    }
}

/* A program that waits on stdin; ended by closing its stdin. */
static GSubprocess *
start_waiting (const char *exe)
{
  return spawn_exe (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                    exe, NULL);
}

static void
stop_waiting (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, NULL);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_object_unref (proc);
}

/* The next line @proc prints, without its end of line. */
static char *
read_line (GDataInputStream *lines)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strchomp (line);
  return line;
}

static void
drop_carriage_returns (char *text)
{
  char *to = text;

  for (const char *from = text; *from != '\0'; from++)
    if (*from != '\r')
      *to++ = *from;
  *to = '\0';
}

/* A client run to its end (stdin closed at once): its exit status. */
static int
run_client (const char  *exe,
            char       **out)
{
  g_autoptr(GSubprocess) proc = spawn_exe (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                           | G_SUBPROCESS_FLAGS_STDOUT_PIPE, exe, NULL);

  g_autoptr(GError) error = NULL;
  int status;

  /* Clients wait on stdin before they end: an empty one ends them. */
  g_subprocess_communicate_utf8 (proc, "", NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  status = g_subprocess_get_exit_status (proc);

  /* The lesson's puts() writes through a text-mode stdout: \r\n. */
  drop_carriage_returns (*out);
  return status;
}

/* ---- fixtures ------------------------------------------------------------- */

static void
setup_seed (Fixture       *fixture,
            gconstpointer  data)
{
  if (skip_without_wine ())
    return;
  fixture->server = start_waiting ("seed_server.exe");
  await_section (MANGLED_NAME);
}

static void
setup_fixed (Fixture       *fixture,
             gconstpointer  data)
{
  if (skip_without_wine ())
    return;
  fixture->server = start_waiting ("fixed_server.exe");
  await_section ("MapTrans");
}

static void
setup_none (Fixture       *fixture,
            gconstpointer  data)
{
  skip_without_wine ();
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  if (fixture->server != NULL)
    stop_waiting (g_steal_pointer (&fixture->server));
}

/* ---- the lesson's pair ---------------------------------------------------- */

static void
test_seed_mangled_name (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *client_out = NULL;

  g_test_summary ("The lesson's (LPCWSTR)\"MapTrans\" names its section 慍呰慲獮: "
                  "shmview's backend opens it by that name, not as MapTrans, and a "
                  "client spelling L\"MapTrans\" gets error 2");
  if (fixture->server == NULL)
    return;

  g_assert_cmpint (probe (&out, &err, "info", MANGLED_NAME, NULL), ==, 0);
  /* 256 bytes asked for; a view's size is whole pages. */
  g_assert_cmpstr (out, ==, "size: 4096\nread-only: 0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (probe (&out, &err, "info", "MapTrans", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "probe: open: ENOENT (2)\n");

  g_assert_cmpint (run_client ("fixed_client.exe", &client_out), ==, 1);
  g_assert_cmpstr (client_out, ==, "OpenFileMapping failed! Error: 2\n");
}

static void
test_seed_read (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;

  g_test_summary ("The backend reads what the lesson's server copied in, as text and as hex");
  if (fixture->server == NULL)
    return;

  g_assert_cmpint (probe (&text, NULL, "read", MANGLED_NAME, NULL), ==, 0);
  g_assert_cmpstr (text, ==, "ezhchai\n");
  g_assert_cmpint (probe (&hex, NULL, "read", MANGLED_NAME, "--hex", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (hex, "65 7a 68 63 68 61 69 00 00 00 00 00 00 00 00 00\n"));
}

static void
test_seed_write_reaches_client (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;

  g_test_summary ("A string the backend writes is what the lesson's own client, "
                  "still running, prints next");
  if (fixture->server == NULL)
    return;

  client = start_waiting ("seed_client.exe");
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (client));
  before = read_line (lines);
  g_assert_cmpstr (before, ==, "ezhchai");

  g_assert_cmpint (probe (&out, NULL, "write", MANGLED_NAME, "written by shmview", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "wrote 19 bytes\n");
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (client), "\n", 1,
                                            NULL, NULL, NULL));
  after = read_line (lines);
  g_assert_cmpstr (after, ==, "written by shmview");
  stop_waiting (g_steal_pointer (&client));
}

static void
test_seed_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("A read-only open (FILE_MAP_READ) refuses write and fill with EACCES "
                  "and changes nothing");
  if (fixture->server == NULL)
    return;

  g_assert_cmpint (probe (&out, NULL, "read-only-check", MANGLED_NAME, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "read-only: 1\nwrite: EACCES\nfill: EACCES\nunchanged: 1\n");
  g_assert_cmpint (probe (&text, NULL, "read", MANGLED_NAME, NULL), ==, 0);
  g_assert_cmpstr (text, ==, "ezhchai\n");
}

/* ---- the corrected pair --------------------------------------------------- */

static void
test_fixed_names (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *local = NULL;
  g_autofree char *err = NULL;
  g_autofree char *seed_out = NULL;
  g_autofree char *fixed_out = NULL;

  g_test_summary ("L\"MapTrans\" names MapTrans in the session's namespace: the backend "
                  "opens it as MapTrans and as Local\\MapTrans, the corrected client "
                  "reads it, the lesson's client does not find it");
  if (fixture->server == NULL)
    return;

  g_assert_cmpint (probe (&plain, NULL, "read", "MapTrans", NULL), ==, 0);
  g_assert_cmpstr (plain, ==, "ezhchai\n");
  g_assert_cmpint (probe (&local, NULL, "read", "Local\\MapTrans", NULL), ==, 0);
  g_assert_cmpstr (local, ==, "ezhchai\n");
  g_assert_cmpint (probe (NULL, &err, "info", MANGLED_NAME, NULL), ==, 1);
  g_assert_cmpstr (err, ==, "probe: open: ENOENT (2)\n");

  g_assert_cmpint (run_client ("fixed_client.exe", &fixed_out), ==, 0);
  g_assert_cmpstr (fixed_out, ==, "ezhchai\n");
  g_assert_cmpint (run_client ("seed_client.exe", &seed_out), ==, 1);
  g_assert_cmpstr (seed_out, ==, "OpenFileMapping failed! Error: 2\n");
}

static void
test_create_exclusive (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("Local\\shmview-test-%d", (int) getpid ());
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *created = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_test_summary ("Create is exclusive: a second create of a live name answers EEXIST "
                  "and the first one's section stays readable");
  if (!wine_env.booted || wine_env.skip_reason != NULL)
    return;

  {
    const char *args[] = { "create", name, "1000", NULL };
    holder = spawn_exe (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                        "shmview-win32-probe.exe", args);
  }
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  created = read_line (lines);
  g_assert_cmpstr (created, ==, "created: 1");

  g_assert_cmpint (probe (NULL, &err, "create", name, "1000", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "probe: create: EEXIST (17)\n");
  g_assert_cmpint (probe (&out, NULL, "info", name, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "size: 4096\nread-only: 0\n");
  stop_waiting (g_steal_pointer (&holder));
}

/* ---- the guard ------------------------------------------------------------ */

static void
test_guard_inside (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_test_summary ("An access violation inside a guarded copy (from, to, fill) is EFAULT, "
                  "a thousand times in a row, and the guard still copies after");
  if (!wine_env.booted || wine_env.skip_reason != NULL)
    return;

  status = probe (&out, &err, "guard-inside", "1000", NULL);
  if (status != 0)
    shmview_test_note ("the probe said", err);
  g_assert_cmpstr (out, ==, "faults: 3000 of 3000\nplain copy: 1\n");
  g_assert_cmpint (status, ==, 0);
}

static void
test_guard_outside (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_test_summary ("With the guard installed, an access violation outside a guarded copy "
                  "still ends the process (exception c0000005)");
  if (!wine_env.booted || wine_env.skip_reason != NULL)
    return;

  status = probe (&out, &err, "guard-outside", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "about to fault\n");
  g_assert_cmpstr (err, ==, "probe: unhandled exception c0000005\n");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wine_env_init ();

  g_test_add ("/win32/seed/mangled-name", Fixture, NULL, setup_seed, test_seed_mangled_name, teardown);
  g_test_add ("/win32/seed/read", Fixture, NULL, setup_seed, test_seed_read, teardown);
  g_test_add ("/win32/seed/write-reaches-client", Fixture, NULL, setup_seed,
              test_seed_write_reaches_client, teardown);
  g_test_add ("/win32/seed/read-only", Fixture, NULL, setup_seed, test_seed_read_only, teardown);
  g_test_add ("/win32/fixed/names", Fixture, NULL, setup_fixed, test_fixed_names, teardown);
  g_test_add ("/win32/backend/create-exclusive", Fixture, NULL, setup_none, test_create_exclusive,
              teardown);
  g_test_add ("/win32/guard/inside", Fixture, NULL, setup_none, test_guard_inside, teardown);
  g_test_add ("/win32/guard/outside", Fixture, NULL, setup_none, test_guard_outside, teardown);

  status = g_test_run ();
  wine_env_shutdown ();
  return status;
}
