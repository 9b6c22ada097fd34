/* cli-util.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-util.h"
#include "test-util.h"

void
cli_result_free (CliResult *result)
{
  g_clear_pointer (&result->out, g_bytes_unref);
  g_free (result->out_text);
  g_free (result->err);
  g_free (result);
}

char *
cli_shmtool_path (void)
{
  return shmview_test_build_path ("src/cli/shmtool");
}

char *
cli_helper_path (const char *name)
{
  g_autofree char *relpath = g_build_filename ("tests", "cli", name, NULL);

  return shmview_test_build_path (relpath);
}

/* Test output is TAP: keep each logged line to one line of valid UTF-8. */
static void
log_command (const char * const *argv)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) argv);
  g_autofree char *valid = g_utf8_make_valid (joined, -1);
  g_autofree char *escaped = g_strescape (valid, NULL);

  g_test_message ("run: %s", escaped);
}

/* Input goes through a file, not a pipe: shmtool may rightly stop reading
 * early (data too big), and a pipe would then fail our side with EPIPE. */
static char *
input_file (GBytes *input)
{
  static gint counter;
  g_autofree char *basename = g_strdup_printf ("input-%d", g_atomic_int_add (&counter, 1));
  g_autoptr(GError) error = NULL;
  char *path = shmview_test_temp_path (basename);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (input, NULL),
                                      g_bytes_get_size (input), &error));
  g_assert_no_error (error);
  return path;
}

/* A failed assertion aborts the test without teardown: no program we
 * started may outlive it (setpriv --pdeathsig keep carries this across
 * the change of user, which would clear it). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs in the child after its stdout is in place: a program that polls its
 * end of a pipe may hand the other end over non-blocking, and then a full
 * pipe answers EAGAIN where a blocking one would wait. The pipe shrunk to
 * one page fills after every few lines, however fast the test reads. */
static void
die_with_parent_nonblocking (gpointer user_data)
{
  die_with_parent (user_data);
  fcntl (STDOUT_FILENO, F_SETPIPE_SZ, 4096);
  fcntl (STDOUT_FILENO, F_SETFL, fcntl (STDOUT_FILENO, F_GETFL) | O_NONBLOCK);
}

static GSubprocess *
spawn_full (const char * const *argv,
            const char         *input_path,
            gboolean            nonblocking_stdout)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  log_command (argv);
  /* Without input the child's stdin is /dev/null (GSubprocess's default). */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (input_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  g_subprocess_launcher_set_child_setup (launcher, nonblocking_stdout ? die_with_parent_nonblocking
                                                                     : die_with_parent,
                                         NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static GSubprocess *
spawn (const char * const *argv,
       const char         *input_path)
{
  return spawn_full (argv, input_path, FALSE);
}

static int
exit_status (GSubprocess *process)
{
  if (g_subprocess_get_if_exited (process))
    return g_subprocess_get_exit_status (process);
  return 128 + g_subprocess_get_term_sig (process);
}

CliResult *
cli_run_argv (GBytes             *input,
              const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *input_path = input != NULL ? input_file (input) : NULL;
  CliResult *result = g_new0 (CliResult, 1);
  gsize length;
  const char *data;

  process = spawn (argv, input_path);
  g_subprocess_communicate (process, NULL, NULL, &result->out, &err, &error);
  g_assert_no_error (error);
  if (input_path != NULL)
    g_unlink (input_path);
  result->status = exit_status (process);

  /* Empty GBytes may have NULL data: keep the texts "" then. */
  data = g_bytes_get_data (result->out, &length);
  result->out_text = g_malloc (length + 1);
  if (length > 0)
    memcpy (result->out_text, data, length);
  result->out_text[length] = '\0';
  data = g_bytes_get_data (err, &length);
  result->err = length > 0 ? g_strndup (data, length) : g_strdup ("");
  return result;
}

CliResult *
cli_run (const char *program,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, program);
  for (const char *arg = program; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return cli_run_argv (NULL, (const char * const *) argv->pdata);
}

/* shmtool's command line, run as nobody through setpriv when asked. */
static GPtrArray *
shmtool_argv (gboolean as_nobody)
{
  static const char * const setpriv[] = {
    "/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
    "--pdeathsig=keep", "--",
  };
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; as_nobody && i < G_N_ELEMENTS (setpriv); i++)
    g_ptr_array_add (argv, g_strdup (setpriv[i]));
  g_ptr_array_add (argv, cli_shmtool_path ());
  return argv;
}

CliResult *
cli_shmtool_full (GBytes     *input,
                  gboolean    as_nobody,
                  const char *first_arg,
                  ...)
{
  g_autoptr(GPtrArray) argv = shmtool_argv (as_nobody);
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return cli_run_argv (input, (const char * const *) argv->pdata);
}

static void
log_stderr (const CliResult *result)
{
  g_auto(GStrv) lines = g_strsplit (result->err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_autofree char *valid = g_utf8_make_valid (lines[i], -1);

        g_test_message ("stderr: %s", valid);
      }
}

void
cli_assert_ok (CliResult *result)
{
  log_stderr (result);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
}

void
cli_expect_ok (CliResult *result)
{
  cli_assert_ok (result);
  cli_result_free (result);
}

void
cli_assert_usage_error (CliResult  *result,
                        const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (result->err, "\n", -1);

  log_stderr (result);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpuint (g_bytes_get_size (result->out), ==, 0);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  g_assert_true (g_str_has_prefix (lines[0], "shmtool: "));
  if (needle != NULL)
    g_assert_nonnull (strstr (lines[0], needle));
  g_assert_nonnull (strstr (lines[1], "--help"));
}

void
cli_assert_failure (CliResult  *result,
                    const char *spec,
                    const char *needle)
{
  g_autofree char *prefix = g_strdup_printf ("shmtool: %s: ", spec);

  log_stderr (result);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (result->out), ==, 0);
  g_assert_true (g_str_has_prefix (result->err, prefix));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  /* One line: the newline at the end is the only one. */
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  g_assert_cmpuint (strlen (result->err), >, strlen (prefix) + 1);
  if (needle != NULL)
    g_assert_nonnull (strstr (result->err + strlen (prefix), needle));
}

GBytes *
cli_posix_snapshot (const char *name)
{
  g_autofree char *path = shmview_test_posix_path (name);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

void
cli_posix_make (const char *name,
                gsize       size,
                const void *data,
                gsize       length)
{
  int fd = shmview_test_posix_create (name, size);

  g_assert_cmpint (pwrite (fd, data, length, 0), ==, (gssize) length);
  close (fd);
}

char **
cli_table_cells (const char *line)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));
  g_auto(GStrv) fields = g_strsplit_set (stripped, " ", -1);
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    if (fields[i][0] != '\0')
      g_strv_builder_add (cells, fields[i]);
  return g_strv_builder_end (cells);
}

GBytes *
cli_pattern_bytes (gsize   length,
                   guint32 seed)
{
  guint8 *data = g_malloc (length);
  guint32 x = seed | 1;

  /* xorshift32: cheap, and no two 16-byte rows come out alike. */
  for (gsize i = 0; i < length; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      data[i] = (guint8) (x >> 24);
    }
  return g_bytes_new_take (data, length);
}

gboolean
cli_skip_without_program (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  g_test_skip_printf ("%s is not installed", path);
  return TRUE;
}

gboolean
cli_skip_without_nobody (void)
{
  if (getuid () != 0)
    {
      g_test_skip ("needs root to run shmtool as nobody (setpriv)");
      return TRUE;
    }
  return cli_skip_without_program ("/usr/bin/setpriv");
}

static CliRunning *
running_start (gboolean            as_nobody,
               gboolean            nonblocking_stdout,
               const char * const *args)
{
  g_autoptr(GPtrArray) argv = shmtool_argv (as_nobody);
  CliRunning *running = g_new0 (CliRunning, 1);

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  running->process = spawn_full ((const char * const *) argv->pdata, NULL, nonblocking_stdout);
  running->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (running->process));
  running->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (running->process));
  return running;
}

CliRunning *
cli_running_start (gboolean            as_nobody,
                   const char * const *args)
{
  return running_start (as_nobody, FALSE, args);
}

CliRunning *
cli_running_start_nonblocking (const char * const *args)
{
  return running_start (FALSE, TRUE, args);
}

GBytes *
cli_running_read_all (CliRunning *running)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 buf[4096];
  gsize n;

  /* Small reads: the writer finds the pipe full again and again. */
  while (g_input_stream_read_all (G_INPUT_STREAM (running->out), buf, sizeof buf, &n, NULL,
                                  &error) && n > 0)
    g_byte_array_append (all, buf, (guint) n);
  g_assert_no_error (error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

typedef struct
{
  char     *line;
  GError   *error;
  gboolean  done;
  gboolean  timed_out;
  GCancellable *cancellable;
} LineRead;

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL,
                                                     &read->error);
  read->done = TRUE;
}

static gboolean
on_line_timeout (gpointer user_data)
{
  LineRead *read = user_data;

  read->timed_out = TRUE;
  g_cancellable_cancel (read->cancellable);
  return G_SOURCE_REMOVE;
}

char *
cli_running_read_line (CliRunning       *running,
                       GDataInputStream *stream)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LineRead read = { .cancellable = cancellable };
  guint timeout = g_timeout_add_seconds (30, on_line_timeout, &read);

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, cancellable,
                                       on_line_read, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  if (!read.timed_out)
    g_source_remove (timeout);

  g_assert_false (read.timed_out);
  g_assert_no_error (read.error);
  if (read.line != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (read.line, -1);

      g_test_message ("line: %s", valid);
    }
  return read.line;
}

int
cli_running_finish (CliRunning *running,
                    int         signum)
{
  g_autoptr(GError) error = NULL;

  if (signum != 0)
    g_subprocess_send_signal (running->process, signum);
  g_subprocess_wait (running->process, NULL, &error);
  g_assert_no_error (error);
  return exit_status (running->process);
}

void
cli_running_free (CliRunning *running)
{
  if (running->process != NULL && g_subprocess_get_identifier (running->process) != NULL)
    {
      g_subprocess_force_exit (running->process);
      g_subprocess_wait (running->process, NULL, NULL);
    }
  g_clear_object (&running->out);
  g_clear_object (&running->err);
  g_clear_object (&running->process);
  g_free (running);
}
