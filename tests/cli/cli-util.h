/* cli-util.h: running shmtool (and other programs) from the CLI tests
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int     status;    /* exit status; 128 + N when killed by signal N */
  GBytes *out;       /* stdout, as bytes */
  char   *out_text;  /* stdout with a NUL added (it may hold NULs itself) */
  char   *err;       /* stderr */
} CliResult;

void       cli_result_free  (CliResult          *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Path of the built shmtool, or of a helper program built in tests/cli. */
char      *cli_shmtool_path (void);
char      *cli_helper_path  (const char         *name);

/* Runs @argv (a whole command line) with @input on stdin (may be NULL). */
CliResult *cli_run_argv     (GBytes             *input,
                             const char * const *argv);
/* Runs `PROGRAM ARGS…`. */
CliResult *cli_run          (const char         *program,
                             ...) G_GNUC_NULL_TERMINATED;
/* Runs `shmtool ARGS…` with @input on stdin (may be NULL), as user nobody
 * through setpriv when @as_nobody. */
CliResult *cli_shmtool_full (GBytes             *input,
                             gboolean            as_nobody,
                             const char         *first_arg,
                             ...) G_GNUC_NULL_TERMINATED;
#define cli_shmtool(...)              cli_shmtool_full (NULL, FALSE, __VA_ARGS__)
#define cli_shmtool_input(input, ...) cli_shmtool_full ((input), FALSE, __VA_ARGS__)
#define cli_shmtool_as_nobody(...)    cli_shmtool_full (NULL, TRUE, __VA_ARGS__)
/* Runs `shmtool ARGS…` and asserts it succeeded (cli_assert_ok). */
#define cli_shmtool_ok(...)           cli_expect_ok (cli_shmtool (__VA_ARGS__))

/* Asserts success: status 0 and nothing on stderr. */
void       cli_assert_ok            (CliResult  *result);
/* The same, and frees @result. */
void       cli_expect_ok            (CliResult  *result);
/* Asserts a usage error: status 2, nothing on stdout, and on stderr
 * "shmtool: …" and a second line pointing at --help; @needle (if not NULL)
 * must appear in the first line. */
void       cli_assert_usage_error   (CliResult  *result,
                                     const char *needle);
/* Asserts a run-time failure: status 1, nothing on stdout, and stderr
 * exactly one line "shmtool: SPEC: …" containing @needle (if not NULL). */
void       cli_assert_failure       (CliResult  *result,
                                     const char *spec,
                                     const char *needle);

/* The bytes of POSIX object @name ("/x") as another program sees them
 * (read from /dev/shm), or NULL when it does not exist. */
GBytes    *cli_posix_snapshot       (const char *name);
/* Creates POSIX object @name of @size bytes holding @data (a prefix),
 * mode 0600, without going through shmview. */
void       cli_posix_make           (const char *name,
                                     gsize       size,
                                     const void *data,
                                     gsize       length);
/* The cells of a table row as shmtool list and ipcs print it: @line split
 * on runs of blanks, those at either end dropped. Bytewise, so a name that
 * is not UTF-8 splits as well. */
char     **cli_table_cells          (const char *line);
/* Deterministic bytes that do not repeat row by row. */
GBytes    *cli_pattern_bytes        (gsize       length,
                                     guint32     seed);

/* TRUE (after g_test_skip) when @path is not an executable here. */
gboolean   cli_skip_without_program (const char *path);
/* TRUE (after g_test_skip) when we cannot run things as nobody. */
gboolean   cli_skip_without_nobody  (void);

G_END_DECLS

G_BEGIN_DECLS

/* A program left running (shmtool watch), read line by line. */
typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GDataInputStream *err;
} CliRunning;

/* Starts `shmtool ARGS…` (as nobody when @as_nobody) with piped stdout/stderr. */
CliRunning *cli_running_start     (gboolean            as_nobody,
                                   const char * const *args);
/* The same with the program's stdout (a pipe) made non-blocking, as a
 * program that polls its own end may hand it over. */
CliRunning *cli_running_start_nonblocking (const char * const *args);
/* All the program writes to stdout until it closes it (a blocking read). */
GBytes     *cli_running_read_all  (CliRunning         *running);
/* The next line (without its newline), or NULL at end of file. Fails the
 * test if none comes within a generous time: a hang, not a slow machine. */
char       *cli_running_read_line (CliRunning         *running,
                                   GDataInputStream   *stream);
/* Sends @signum (0: none) and waits; returns the exit status as CliResult does. */
int         cli_running_finish    (CliRunning         *running,
                                   int                 signum);
/* Kills the program if it still runs, and frees. */
void        cli_running_free      (CliRunning         *running);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRunning, cli_running_free)

G_END_DECLS
