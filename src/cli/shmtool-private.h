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

#include "shmview-inspect.h"
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
int  _shmtool_cmd_find   (int argc, char **argv);
int  _shmtool_cmd_diff   (int argc, char **argv);

const ShmtoolCommand *_shmtool_lookup_command (const char *name);

/* Errors. Both return the exit status to pass on. */
int  _shmtool_usage_error (const char  *command,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);
int  _shmtool_fail        (const char  *spec_text,
                           const GError *error);
/* @text typed by the user (a spec, an option value) as a message quotes it:
 * escaped, and shortened when long. */
char *_shmtool_quote      (const char  *text);

/* Parses the subcommand's options with a GOptionContext of its own (so
 * `shmtool CMD --help` works) and checks that no positional argument is
 * left (for `list`). Prints a usage error and returns FALSE on any problem. */
gboolean _shmtool_parse_command_line (const char    *command,
                                      GOptionEntry  *entries,
                                      int           *argc,
                                      char        ***argv);

/* A byte range the user asked for with --offset/--length (either may be
 * absent: offset 0, length up to the end). */
typedef struct
{
  guint64  offset;
  guint64  length;
  gboolean has_length;
} ShmtoolRange;

/* What a command on one region takes from its command line besides its own
 * options: the SPEC, --follow, and for some --offset and --length. */
typedef struct
{
  const char   *command;
  const char   *spec_text;    /* as typed (borrowed from argv), for messages */
  ShmviewSpec  *spec;
  gboolean      follow;
  char         *offset_text;
  char         *length_text;
  ShmtoolRange  range;
} ShmtoolTarget;

typedef enum
{
  SHMTOOL_TARGET_EXISTING = 0,      /* the region exists: not "sysv:0" */
  SHMTOOL_TARGET_NEW      = 1 << 0, /* the region is to be created: not "sysvid:ID" */
  SHMTOOL_TARGET_OFFSET   = 1 << 1, /* --offset */
  SHMTOOL_TARGET_LENGTH   = 1 << 2, /* --length */
  SHMTOOL_TARGET_RANGE    = SHMTOOL_TARGET_OFFSET | SHMTOOL_TARGET_LENGTH,
} ShmtoolTargetFlags;

void     _shmtool_target_clear (ShmtoolTarget *target);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShmtoolTarget, _shmtool_target_clear)

/* Parses `shmtool COMMAND [OPTION…] SPEC`: the command's own @entries,
 * --follow, and the range options @flags ask for. Prints a usage error and
 * returns FALSE on any problem. */
gboolean _shmtool_parse_target (const char          *command,
                                GOptionEntry        *entries,
                                ShmtoolTargetFlags   flags,
                                int                 *argc,
                                char              ***argv,
                                ShmtoolTarget       *target);
/* The same for `shmtool COMMAND [OPTION…] SPEC SPEC` (diff): two regions,
 * --follow for both, no range options. */
gboolean _shmtool_parse_two_targets (const char     *command,
                                     GOptionEntry   *entries,
                                     int            *argc,
                                     char         ***argv,
                                     ShmtoolTarget  *first,
                                     ShmtoolTarget  *second);
/* Opens the target's region (following a symlink when --follow was given). */
ShmviewRegion *_shmtool_open_target (const ShmtoolTarget *target,
                                     ShmviewOpenFlags     flags,
                                     GError             **error);
/* "shmtool: SPEC: …" for @target, status 1. */
int      _shmtool_target_fail  (const ShmtoolTarget *target,
                                const GError        *error);

/* Prints "OPTION: @error's message" as a usage error; returns FALSE, so a
 * value parser can end with `return parse (…) || _shmtool_option_error (…)`. */
gboolean _shmtool_option_error (const char    *command,
                                const char    *option,
                                const GError  *error);
gboolean _shmtool_parse_number (const char    *command,
                                const char    *option,
                                const char    *text,
                                guint64        min,
                                guint64        max,
                                guint64       *out);

/* Clamps nothing: fills in the default length from the region's size and
 * fails with OUT_OF_RANGE when the range does not lie within the region. */
gboolean _shmtool_resolve_range  (ShmtoolRange *range,
                                  guint64       size,
                                  GError      **error);

/* Writes all of @data to stdout, waiting when it is a full non-blocking pipe
 * (shmview_write_all); a failure (EPIPE, ENOSPC) becomes a GError. Every
 * output of shmtool goes this way, --help and --version too. */
gboolean _shmtool_write_stdout   (const void   *data,
                                  gsize         length,
                                  GError      **error);
/* @text and a line break, in one write. */
gboolean _shmtool_write_line     (const char   *text,
                                  GError      **error);
gboolean _shmtool_flush_stdout   (GError      **error);
/* A pipe holds 64 KiB unless asked for more, and output bigger than that
 * then crawls through it in 64 KiB steps, each a switch to the reader and
 * back. When stdout is a pipe and about @length bytes will go out, ask for
 * 1 MiB (the most an ordinary user may): measured on 1 GiB into `| cat`,
 * five times faster. */
void     _shmtool_widen_stdout_pipe (guint64    length);

/* "0600 (rw-------)" when @long_form, else "0600". */
char    *_shmtool_format_mode    (guint32       mode,
                                  gboolean      long_form);

/* Typed values (shmtool-value.c). --as TYPE: prints a usage error and
 * returns FALSE for an unknown name. */
gboolean _shmtool_parse_value_type (const char        *command,
                                    const char        *text,
                                    ShmviewValueType  *type,
                                    ShmviewByteOrder  *order);
/* --as TYPE --value V as the bytes to write; a usage error when either is
 * missing, the type cannot be written or the value does not parse or fit. */
gboolean _shmtool_parse_value      (const char        *command,
                                    const char        *type_text,
                                    const char        *value_text,
                                    GByteArray       **out);
/* Prints the value of @type at @offset on a line of its own. */
gboolean _shmtool_print_value      (ShmviewRegion     *region,
                                    guint64            offset,
                                    ShmviewValueType   type,
                                    ShmviewByteOrder   order,
                                    GError           **error);

G_END_DECLS
