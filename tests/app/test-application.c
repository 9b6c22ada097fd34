/* test-application.c: command-line handling of the app
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most tests run the application in this process (g_application_run with an
 * argv) and look at its window from an idle callback before quitting it. The
 * second-instance test runs the real binary next to an in-process primary on
 * this test's own session bus (run-test.sh --x11 gives each test one).
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-application.h"
#include "shmview-region.h"
#include "shmview-window-private.h"
#include "test-util.h"

typedef struct
{
  char *names[3];   /* existing 256-byte POSIX regions, "/shmview-test-…" */
  char *missing;    /* a name nobody created */
  char *created;    /* a name the app creates */
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewRegion) region = NULL;

      fixture->names[i] = shmview_test_unique_posix_name ("app");
      region = shmview_region_open_text (fixture->names[i],
                                         SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                         256, 0600, &error);
      g_assert_no_error (error);
    }
  fixture->missing = shmview_test_unique_posix_name ("missing");
  fixture->created = shmview_test_unique_posix_name ("created");
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->names); i++)
    {
      shmview_test_posix_unlink (fixture->names[i]);
      g_free (fixture->names[i]);
    }
  shmview_test_posix_unlink (fixture->missing);
  shmview_test_posix_unlink (fixture->created);
  g_free (fixture->missing);
  g_free (fixture->created);
}

/* What the window looked like once the command line was handled. */
typedef struct
{
  guint     n_pages;
  char     *titles[4];
  gboolean  read_only[4];
  guint64   sizes[4];
  guint     interval;
  gboolean  error_shown;
  char     *error_text;
} Snapshot;

static void
snapshot_clear (Snapshot *snap)
{
  for (guint i = 0; i < G_N_ELEMENTS (snap->titles); i++)
    g_free (snap->titles[i]);
  g_free (snap->error_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static void
take_snapshot (ShmviewWindow *window,
               Snapshot      *snap)
{
  snap->n_pages = shmview_window_get_n_pages (window);
  for (guint i = 0; i < snap->n_pages && i < G_N_ELEMENTS (snap->titles); i++)
    {
      ShmviewRegionPage *page = shmview_window_get_nth_page (window, i);
      ShmviewRegion *region = shmview_region_page_get_region (page);

      snap->titles[i] = g_strdup (shmview_region_page_get_title (page));
      snap->read_only[i] = shmview_region_is_read_only (region);
      snap->sizes[i] = shmview_region_get_size (region);
    }
  snap->interval = shmview_window_get_interval (window);
  snap->error_shown = gtk_info_bar_get_revealed (window->info_bar);
  snap->error_text = g_strdup (gtk_label_get_text (window->info_label));
}

typedef struct
{
  GApplication *app;
  Snapshot     *snap;
  gboolean      seen_window;
  guint         tries;
} RunContext;

static gboolean
snapshot_and_quit_cb (gpointer user_data)
{
  RunContext *ctx = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (ctx->app));

  if (window == NULL)
    {
      /* Also runs while g_application_run() drains the main context after
       * a usage error, when the app is no longer registered. */
      if (++ctx->tries < 200)
        return G_SOURCE_CONTINUE;
      g_application_quit (ctx->app);
      return G_SOURCE_REMOVE;
    }

  ctx->seen_window = TRUE;
  take_snapshot (SHMVIEW_WINDOW (window), ctx->snap);
  g_action_group_activate_action (G_ACTION_GROUP (ctx->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Runs the app on @args in this process (not unique: nothing on the bus
 * gets in the way) and returns its exit status. */
static int
run_app (const char * const *args,
         Snapshot           *snap,
         gboolean           *seen_window)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(ShmviewApplication) app = shmview_application_new ();
  RunContext ctx = { G_APPLICATION (app), snap, FALSE, 0 };
  int status;

  g_strv_builder_add (builder, "shmview");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_idle_add (snapshot_and_quit_cb, &ctx);
  status = shmview_application_run (app, g_strv_length (argv), argv);
  /* A usage error ends the run before the idle gets its turn. */
  g_source_remove_by_user_data (&ctx);

  if (seen_window != NULL)
    *seen_window = ctx.seen_window;
  g_assert_finalize_object (g_steal_pointer (&app));
  return status;
}

static gboolean
region_exists (const char *name)
{
  g_autofree char *path = shmview_test_posix_path (name);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *bad[][8] = {
    { "--interval", "5", NULL },
    { "--interval", "20000", NULL },
    { "--interval", "fast", NULL },
    { "--bogus", NULL },
    { "--size", "256", NULL },
    { "--mode", "0600", NULL },
    { "--create", NULL },
    { "--create", fixture->created, NULL },
    { "--create", fixture->created, "--size", "0", NULL },
    { "--create", fixture->created, "--size", "12Q", NULL },
    { "--create", fixture->created, "--size", "256", "--mode", "999", NULL },
    { "--create", fixture->created, "--size", "256", "--mode", "0", NULL },
    { "--create", fixture->created, "--size", "256", "--mode", "7777", NULL },
    { "--create", fixture->created, "--size", "256", "--mode", "4600", NULL },
    { "--interval", "\xff", NULL },
    { "", NULL },
    { "a/b", NULL },
    { fixture->names[0], "sysv:nope", NULL },
  };

  g_test_summary ("Bad arguments exit with status 2 before anything is created or opened");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Snapshot) snap = { 0 };
      gboolean seen_window = TRUE;

      g_test_message ("arguments %u: %s %s", i, bad[i][0], bad[i][1] ? bad[i][1] : "");
      g_assert_cmpint (run_app (bad[i], &snap, &seen_window), ==, 2);
      g_assert_false (seen_window);
      g_assert_false (region_exists (fixture->created));
    }
}

/* Runs the real binary with @args (and no display when @headless) to its
 * end; returns its exit status, its output in @out and @err. */
static int
run_binary (const char * const  *args,
            gboolean             headless,
            char               **out,
            char               **err)
{
  g_autofree char *shmview = shmview_test_build_path ("src/app/shmview");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (headless)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    }
  g_strv_builder_add (builder, shmview);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  return shmview_test_communicate (proc, out, err);
}

static void
test_usage_error_message (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *fast[] = { "--interval", "5", NULL };
  const char *mode_0[] = { "--create", fixture->created, "--size", "16", "--mode", "0", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_test_summary ("The real binary prints a clear message for a bad option and exits with 2");

  /* below the 10 ms minimum */
  g_assert_cmpint (run_binary (fast, FALSE, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "shmview: --interval wants a number of milliseconds"));
  g_assert_nonnull (strstr (err, "shmview --help"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the core would make 0600 of it */
  g_assert_cmpint (run_binary (mode_0, FALSE, &out, &err), ==, 2);
  g_assert_true (g_str_has_prefix (err, "shmview: --mode: 0 would give nobody access"));
  g_assert_false (region_exists (fixture->created));
}

static void
test_any_bytes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *existing = g_strconcat (fixture->names[0], "\xff", NULL);
  g_autofree char *created = g_strconcat (fixture->created, "\xfe", NULL);
  g_autofree char *created_path = shmview_test_posix_path (created);
  const char *args[] = { existing, "--create", created, "--size", "16", NULL };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title0 = NULL, *title1 = NULL;
  g_auto(Snapshot) snap = { 0 };

  g_test_summary ("Every name shmtool takes opens and is created from the command line, "
                  "bytes that are not UTF-8 too; titles show them escaped");

  region = shmview_region_open_text (existing, SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                     64, 0600, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_app (args, &snap, NULL), ==, 0);
  shmview_test_posix_unlink (existing);
  g_assert_true (g_file_test (created_path, G_FILE_TEST_EXISTS));
  shmview_test_posix_unlink (created);
  g_assert_cmpuint (snap.n_pages, ==, 2);
  title0 = g_strconcat (fixture->created + 1, "\\xfe", NULL);
  title1 = g_strconcat (fixture->names[0] + 1, "\\xff", NULL);
  g_assert_cmpstr (snap.titles[0], ==, title0);
  g_assert_cmpuint (snap.sizes[0], ==, 16);
  g_assert_cmpstr (snap.titles[1], ==, title1);
  g_assert_cmpuint (snap.sizes[1], ==, 64);
  g_assert_false (snap.error_shown);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *version_out = NULL;
  const char *help[] = { "--help", NULL };
  const char *version[] = { "--version", NULL };

  g_test_summary ("--help prints the options and the spec syntax, and --version the version, "
                  "without a display; both exit 0");

  g_assert_cmpint (run_binary (help, TRUE, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--create=SPEC"));
  g_assert_nonnull (strstr (out, "--interval=MS"));
  g_assert_nonnull (strstr (out, "sysv:KEY"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_binary (version, TRUE, &version_out, &err), ==, 0);
  g_assert_cmpstr (version_out, ==, "shmview " PACKAGE_VERSION "\n");
}

static void
test_opens_tabs (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *args[] = { fixture->names[0], fixture->names[1] + 1, "--interval", "250", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(Snapshot) snap = { 0 };

  g_test_summary ("Each SPEC on the command line opens a tab; --interval applies without being saved");

  g_assert_cmpint (run_app (args, &snap, NULL), ==, 0);
  g_assert_cmpuint (snap.n_pages, ==, 2);
  g_assert_cmpstr (snap.titles[0], ==, fixture->names[0] + 1);
  g_assert_cmpstr (snap.titles[1], ==, fixture->names[1] + 1);
  g_assert_false (snap.read_only[0]);
  g_assert_cmpuint (snap.interval, ==, 250);
  g_assert_false (snap.error_shown);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 100);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--read-only", fixture->names[0], fixture->names[0], NULL };
  g_auto(Snapshot) snap = { 0 };

  g_test_summary ("--read-only opens every region read-only; the same spec twice is one tab");

  g_assert_cmpint (run_app (args, &snap, NULL), ==, 0);
  g_assert_cmpuint (snap.n_pages, ==, 1);
  g_assert_true (snap.read_only[0]);
}

static void
test_open_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *args[] = { fixture->missing, fixture->names[2], NULL };
  g_auto(Snapshot) snap = { 0 };
  int status;

  g_test_summary ("A region that cannot be opened shows an error bar, the others open, status is 1");

  status = run_app (args, &snap, NULL);
  g_assert_cmpuint (snap.n_pages, ==, 1);
  g_assert_cmpstr (snap.titles[0], ==, fixture->names[2] + 1);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (snap.error_shown);
  g_assert_nonnull (strstr (snap.error_text, fixture->missing + 1));
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  const char *args[] = { "--create", fixture->created, "--size", "4K", "--mode", "0640", NULL };
  const char *exists[] = { "--create", fixture->names[0], "--size", "1M", NULL };
  g_autofree char *path = shmview_test_posix_path (fixture->created);
  g_autofree char *old_path = shmview_test_posix_path (fixture->names[0]);
  g_auto(Snapshot) snap = { 0 };
  g_auto(Snapshot) snap2 = { 0 };
  struct stat st;

  g_test_summary ("--create makes the region with the size and mode given, then opens it; "
                  "an existing one is left alone");

  g_assert_cmpint (run_app (args, &snap, NULL), ==, 0);
  g_assert_cmpuint (snap.n_pages, ==, 1);
  g_assert_cmpuint (snap.sizes[0], ==, 4096);
  g_assert_false (snap.read_only[0]);
  g_assert_no_errno (stat (path, &st));
  g_assert_cmpint (st.st_size, ==, 4096);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  g_assert_cmpint (run_app (exists, &snap2, NULL), ==, 1);
  g_assert_cmpuint (snap2.n_pages, ==, 0);
  g_assert_true (snap2.error_shown);
  g_assert_no_errno (stat (old_path, &st));
  g_assert_cmpint (st.st_size, ==, 256);
}

/* The second instance: an in-process primary and the real binary as the
 * remote, one step after another from the primary's main loop. */
typedef struct
{
  const char *args[6];
  int         status;
  const char *stderr_has;  /* NULL: stderr must be empty */
  guint       n_pages;     /* pages in the primary afterwards */
  const char *cwd;         /* where the remote runs; NULL: here */
  const char *current;     /* the spec of the current tab afterwards; NULL: not checked */
} RemoteStep;

typedef struct
{
  GApplication *app;
  char         *shmview;
  RemoteStep   *steps;
  guint         n_steps;
  guint         current;
  gboolean      done;
} RemoteRun;

static void run_next_step (RemoteRun *run);

static void
step_finished_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RemoteRun *run = user_data;
  RemoteStep *step = &run->steps[run->current];
  GSubprocess *proc = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  GtkWindow *window;

  g_subprocess_communicate_utf8_finish (proc, result, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("step %u: exit %d, stderr: %s", run->current,
                  g_subprocess_get_exit_status (proc), err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, step->status);
  if (step->stderr_has == NULL)
    g_assert_cmpstr (err, ==, "");
  else
    g_assert_nonnull (strstr (err, step->stderr_has));

  window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  g_assert_nonnull (window);
  g_assert_cmpuint (shmview_window_get_n_pages (SHMVIEW_WINDOW (window)), ==, step->n_pages);
  if (step->current != NULL)
    {
      ShmviewRegionPage *page = shmview_window_get_current_page (SHMVIEW_WINDOW (window));
      g_autofree char *spec = shmview_region_dup_spec_string (shmview_region_page_get_region (page));

      g_assert_cmpstr (spec, ==, step->current);
    }
  /* Only the primary's one window, whatever the remote asked. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (run->app))), ==, 1);

  run->current++;
  run_next_step (run);
  g_object_unref (proc);
}

static void
run_next_step (RemoteRun *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  if (run->current == run->n_steps)
    {
      run->done = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return;
    }

  g_ptr_array_add (argv, run->shmview);
  for (guint i = 0; run->steps[run->current].args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) run->steps[run->current].args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, run->steps[run->current].cwd);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, step_finished_cb, run);
}

static gboolean
start_steps_cb (gpointer user_data)
{
  run_next_step (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_second_instance (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir_a = shmview_test_temp_path ("cwd-a");
  g_autofree char *dir_b = shmview_test_temp_path ("cwd-b");
  g_autofree char *file_a = shmview_app_test_make_data_dir (dir_a);
  g_autofree char *file_b = shmview_app_test_make_data_dir (dir_b);
  g_autofree char *made = g_strconcat ("file:", dir_b, "/made.bin", NULL);
  RemoteStep steps[] = {
    { { fixture->names[0], NULL }, 0, NULL, 1 },
    { { fixture->names[1], "--read-only", NULL }, 0, NULL, 2 },
    { { fixture->names[0], NULL }, 0, NULL, 2 },
    { { "--interval", "5", NULL }, 2, "shmview: --interval wants", 2 },
    { { fixture->missing, NULL }, 1, fixture->missing + 1, 2 },
    /* read-only asked: a tab of its own, not the read-write one */
    { { "--read-only", fixture->names[0], NULL }, 0, NULL, 3, NULL, fixture->names[0] },
    /* relative paths are the caller's, and the same name elsewhere is another file */
    { { "file:data.bin", NULL }, 0, NULL, 4, dir_a, file_a },
    { { "file:data.bin", NULL }, 0, NULL, 5, dir_b, file_b },
    { { "file:data.bin", NULL }, 0, NULL, 5, dir_a, file_a },
    { { "--create", "file:made.bin", "--size", "16", NULL }, 0, NULL, 6, dir_b, made },
    { { "file:nothing.bin", NULL }, 1, "There is no file called “nothing.bin”", 6, dir_a },
  };
  g_autoptr(ShmviewApplication) app = shmview_application_new ();
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "shmview", NULL };
  RemoteRun run = { G_APPLICATION (app), NULL, steps, G_N_ELEMENTS (steps), 0, FALSE };
  int status;

  g_test_summary ("A second `shmview SPEC` opens a tab in the running window and gets its "
                  "messages and exit status back; its file: paths are relative to its own "
                  "directory, and --read-only gets a read-only tab");

  run.shmview = shmview_test_build_path ("src/app/shmview");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  if (g_application_get_is_remote (G_APPLICATION (app)))
    {
      g_test_skip ("another shmview owns the application id on this session bus");
      g_free (run.shmview);
      return;
    }

  g_idle_add (start_steps_cb, &run);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.done);
  g_free (run.shmview);
  g_assert_finalize_object (g_steal_pointer (&app));
}

int
main (int   argc,
      char *argv[])
{
  /* Dirs not isolated: isolated, XDG_DATA_DIRS points at /dev/null, where
   * GTK finds neither an icon theme nor the MIME database its pixbuf loaders
   * need. Settings use the memory backend, so nothing is written to the home
   * directory anyway. */
  /* GtkApplication builds gtk/help-overlay.ui for each window, and GTK's own
   * GtkShortcutsWindow sets the deprecated GtkContainer:child property:
   * with G_ENABLE_DIAGNOSTIC=1 that warning would be fatal here. */
  g_unsetenv ("G_ENABLE_DIAGNOSTIC");
  if (!shmview_app_test_init (&argc, &argv, FALSE))
    {
      g_test_message ("no display");
      return 77;
    }

#define ADD(path, fn) \
  g_test_add ("/app/application/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("usage-errors", test_usage_errors);
  ADD ("usage-error-message", test_usage_error_message);
  ADD ("help", test_help);
  ADD ("opens-tabs", test_opens_tabs);
  ADD ("read-only", test_read_only);
  ADD ("open-failure", test_open_failure);
  ADD ("create", test_create);
  ADD ("any-bytes", test_any_bytes);
  ADD ("second-instance", test_second_instance);
#undef ADD

  return g_test_run ();
}
