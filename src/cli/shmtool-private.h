/* shmtool-private.h: pieces shared by the shmtool subcommands
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every subcommand is a function `int run (int argc, char **argv)` where
 * argv[0] is the subcommand's name; it returns the exit status. The helpers
 * below print the two kinds of error in the one shape the CLI promises:
 *
 *   shmtool: SPEC: what went wrong                      (run-time, status 1)
 *   shmtool: what was wrong with the command line       (usage, status 2)
 *   Try “shmtool CMD --help” for more information.
 */
#pragma once

#include <glib.h>

#include "shmview-region.h"
#include "shmview-spec.h"

G_BEGIN_DECLS

typedef enum
{
  SHMTOOL_EXIT_OK      = 0,
  SHMTOOL_EXIT_FAILURE = 1, /* not found, exists, permission, out of range, shrunk, I/O */
  SHMTOOL_EXIT_USAGE   = 2, /* the command line itself is wrong */
} ShmtoolExit;

typedef struct
{
  const char *name;
  const char *synopsis;  /* "SPEC --size N [--mode OCTAL] [--force]" */
  const char *summary;   /* one line for `shmtool help` */
  const char *details;   /* the end of `shmtool CMD --help`: notes and examples */
  int       (*run)       (int    argc,
                          char **argv);
} ShmtoolCommand;

/* The subcommands (one file each, or two small ones sharing a file). */
int  _shmtool_cmd_create (int argc, char **argv);
int  _shmtool_cmd_write  (int argc, char **argv);
int  _shmtool_cmd_read   (int argc, char **argv);
int  _shmtool_cmd_info   (int argc, char **argv);
int  _shmtool_cmd_list   (int argc, char **argv);
int  _shmtool_cmd_rm     (int argc, char **argv);
int  _shmtool_cmd_fill   (int argc, char **argv);
int  _shmtool_cmd_watch  (int argc, char **argv);

const ShmtoolCommand *_shmtool_lookup_command (const char *name);

/* Errors. Both return the exit status to pass on. */
int  _shmtool_usage_error (const char  *command,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);
int  _shmtool_fail        (const char  *spec_text,
                           const GError *error);

/* Parses the subcommand's options with a GOptionContext of its own (so
 * `shmtool CMD --help` works) and checks that exactly @n_args positional
 * arguments remain; they are returned in @args (borrowed from @argv).
 * Prints a usage error and returns FALSE on any problem. */
gboolean _shmtool_parse_command_line (const char    *command,
                                      GOptionEntry  *entries,
                                      int           *argc,
                                      char        ***argv,
                                      guint          n_args,
                                      char         **args);

/* Value parsers for option text; each prints a usage error naming @option
 * and returns FALSE when the text does not parse. _shmtool_parse_spec() is
 * for a region that exists (so not "sysv:0"), _shmtool_parse_new_spec() for
 * one to create (so not "sysvid:ID"). */
gboolean _shmtool_parse_spec     (const char   *command,
                                  const char   *text,
                                  ShmviewSpec **out);
gboolean _shmtool_parse_new_spec (const char   *command,
                                  const char   *text,
                                  ShmviewSpec **out);
gboolean _shmtool_parse_number (const char   *command,
                                const char   *option,
                                const char   *text,
                                guint64       min,
                                guint64       max,
                                guint64      *out);
gboolean _shmtool_parse_offset (const char   *command,
                                const char   *text,
                                guint64      *out);
gboolean _shmtool_parse_length (const char   *command,
                                const char   *text,
                                guint64      *out);

/* A byte range the user asked for with --offset/--length (either may be
 * absent: offset 0, length up to the end). */
typedef struct
{
  guint64  offset;
  guint64  length;
  gboolean has_length;
} ShmtoolRange;

gboolean _shmtool_parse_range    (const char   *command,
                                  const char   *offset_text,
                                  const char   *length_text,
                                  ShmtoolRange *range);
/* Clamps nothing: fills in the default length from the region's size and
 * fails with OUT_OF_RANGE when the range does not lie within the region. */
gboolean _shmtool_resolve_range  (ShmtoolRange *range,
                                  guint64       size,
                                  GError      **error);

/* Opens @spec, adding SHMVIEW_OPEN_FOLLOW_SYMLINKS when @follow. */
ShmviewRegion *_shmtool_open     (const ShmviewSpec *spec,
                                  ShmviewOpenFlags   flags,
                                  gboolean           follow,
                                  GError           **error);

/* Writes all of @data to stdout; a failure (EPIPE, ENOSPC) becomes a GError. */
gboolean _shmtool_write_stdout   (const void   *data,
                                  gsize         length,
                                  GError      **error);
gboolean _shmtool_flush_stdout   (GError      **error);
/* A pipe holds 64 KiB unless asked for more, and output bigger than that
 * then crawls through it in 64 KiB steps, each a switch to the reader and
 * back. When stdout is a pipe and about @length bytes will go out, ask for
 * 1 MiB (the most an ordinary user may): measured on 1 GiB into `| cat`,
 * five times faster. */
void     _shmtool_widen_stdout_pipe (guint64    length);

/* "root", or the number as text when the id has no name. */
char    *_shmtool_user_name      (guint32       uid);
char    *_shmtool_group_name     (guint32       gid);
/* "0600 (rw-------)" when @long_form, else "0600". */
char    *_shmtool_format_mode    (guint32       mode,
                                  gboolean      long_form);

/* Size of the chunks read and written when streaming a region: big enough
 * to amortise each call, small enough that 1 GiB never sits in memory and
 * that the buffer stays in the CPU cache between the read and the write
 * (measured: 256 KiB streams about 10% faster than 1 MiB). */
#define SHMTOOL_CHUNK_SIZE (256 * 1024)

/* Common option: --follow for file: specs. */
#define SHMTOOL_FOLLOW_ENTRY(var) \
  { "follow", 0, 0, G_OPTION_ARG_NONE, &(var), \
    "Follow a symbolic link in a file: spec (refused by default)", NULL }

G_END_DECLS
