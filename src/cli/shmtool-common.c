/* shmtool-common.c: option parsing, error reporting and output for the subcommands
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-output.h"
#include "shmview-parse.h"

/* Every message ends up on a terminal: anything typed or found (a spec, an
 * option value, a name in /dev/shm) is escaped there, controls, bidi
 * overrides and bytes that are not UTF-8 alike, and a huge one shortened.
 * Parts quoted with shmview_format_escaped_short() are escaped already, and
 * pass through unchanged. */
static void
print_error_line (const char *message)
{
  g_autofree char *shown = shmview_format_escaped_short (message, 1024, FALSE);

  fprintf (stderr, "shmtool: %s\n", shown);
}

int
_shmtool_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error_line (message);
  if (command != NULL)
    fprintf (stderr, "Try “shmtool %s --help” for more information.\n", command);
  else
    fputs ("Try “shmtool --help” for more information.\n", stderr);
  return SHMTOOL_EXIT_USAGE;
}

char *
_shmtool_quote (const char *text)
{
  return shmview_format_escaped_short (text, SHMVIEW_MESSAGE_TEXT_MAX, TRUE);
}

/* The core's messages are shared with the app, which offers its own way
 * out; on the command line the way out is an option. Only a file: spec can
 * be followed: POSIX names never are, whatever the option says. */
static const char *
hint_for (const char   *spec_text,
          const GError *error)
{
  if (g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_EXISTS))
    return "; use --force to replace it";
  if (g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK) &&
      spec_text != NULL && g_str_has_prefix (spec_text, "file:"))
    return "; use --follow to follow it";
  return "";
}

int
_shmtool_fail (const char   *spec_text,
               const GError *error)
{
  g_autofree char *message = NULL;

  /* The spec as typed, but on the one line an error gets. */
  if (spec_text != NULL)
    {
      g_autofree char *spec = _shmtool_quote (spec_text);

      message = g_strdup_printf ("%s: %s%s", spec, error->message, hint_for (spec_text, error));
    }
  else
    message = g_strdup_printf ("%s%s", error->message, hint_for (NULL, error));
  print_error_line (message);
  return SHMTOOL_EXIT_FAILURE;
}

static GOptionContext *
new_option_context (const char   *command,
                    guint         n_specs,
                    GOptionEntry *entries)
{
  const ShmtoolCommand *cmd = _shmtool_lookup_command (command);
  static const char * const parameters[] = { NULL, "SPEC", "SPEC SPEC" };
  GOptionContext *context = g_option_context_new (parameters[MIN (n_specs, 2)]);
  g_autofree char *summary = NULL;

  g_assert (cmd != NULL);
  summary = g_strdup_printf ("%s.\n\n  shmtool %s %s", cmd->summary, cmd->name, cmd->synopsis);
  g_option_context_set_summary (context, summary);
  if (cmd->details != NULL)
    g_option_context_set_description (context, cmd->details);
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/* GOption leaves "--" in the arguments when one after it starts with '-'
 * (so they stay arguments): take it out, and "shmtool rm -- -odd" names the
 * region "-odd". Returns whether there was one. */
static gboolean
remove_double_dash (int    *argc,
                    char  **argv)
{
  for (int i = 1; i < *argc; i++)
    if (strcmp (argv[i], "--") == 0)
      {
        memmove (&argv[i], &argv[i + 1], (gsize) (*argc - i - 1) * sizeof *argv);
        argv[--*argc] = NULL;
        return TRUE;
      }
  return FALSE;
}

/* Parses the options; then exactly @n_args positional arguments must be
 * left, which come back in @args (borrowed from @argv). */
static gboolean
parse_options (const char      *command,
               GOptionContext  *context,
               int             *argc,
               char          ***argv,
               guint            n_args,
               const char     **args)
{
  g_autofree char *prgname = g_strdup_printf ("shmtool %s", command);
  g_autoptr(GError) error = NULL;
  gboolean double_dash;

  /* The usage line of --help reads "shmtool CMD [OPTION…] SPEC". */
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _shmtool_usage_error (command, "%s: %s", command, error->message);
      return FALSE;
    }
  double_dash = remove_double_dash (argc, *argv);

  /* (*argv)[0] is the command name; the rest are positional arguments. */
  if ((guint) *argc - 1 < n_args)
    {
      _shmtool_usage_error (command, "%s: Missing SPEC", command);
      return FALSE;
    }
  if ((guint) *argc - 1 > n_args)
    {
      g_autofree char *arg = _shmtool_quote ((*argv)[n_args + 1]);

      _shmtool_usage_error (command, "%s: Unexpected argument “%s”%s",
                            command, arg,
                            double_dash ? " (everything after “--” is a SPEC: "
                                          "put the options before it)" : "");
      return FALSE;
    }
  for (guint i = 0; i < n_args; i++)
    args[i] = (*argv)[i + 1];
  return TRUE;
}

gboolean
_shmtool_parse_command_line (const char    *command,
                             GOptionEntry  *entries,
                             int           *argc,
                             char        ***argv)
{
  g_autoptr(GOptionContext) context = new_option_context (command, 0, entries);

  return parse_options (command, context, argc, argv, 0, NULL);
}

gboolean
_shmtool_option_error (const char   *command,
                       const char   *option,
                       const GError *error)
{
  _shmtool_usage_error (command, "%s: %s", option, error->message);
  return FALSE;
}

static gboolean
spec_usage_error (const char   *command,
                  const char   *text,
                  const char   *problem,
                  ShmviewSpec **out)
{
  g_autofree char *spec = _shmtool_quote (text);

  g_clear_pointer (out, shmview_spec_free);
  _shmtool_usage_error (command, "%s: %s", *spec != '\0' ? spec : "“”", problem);
  return FALSE;
}

/* The spec, and what the command line alone tells about it: a usage error
 * rather than a failure at run time. A file: path is made absolute here, so
 * what shmtool prints (info's spec, a new private segment's) names the same
 * file wherever it is used next. */
static gboolean
parse_spec (const char          *command,
            const char          *text,
            ShmtoolTargetFlags   flags,
            ShmviewSpec        **out)
{
  g_autoptr(GError) error = NULL;

  if ((*out = shmview_spec_parse_in_dir (text, NULL, &error)) == NULL)
    return spec_usage_error (command, text, error->message, out);
  if (!(flags & SHMTOOL_TARGET_NEW) && shmview_spec_is_private (*out))
    return spec_usage_error (command, text, "Key 0 (IPC_PRIVATE) names no existing segment; "
                             "give its id instead (sysvid:ID, as shmtool list shows it)", out);
  if ((flags & SHMTOOL_TARGET_NEW) && (*out)->kind == SHMVIEW_REGION_KIND_SYSV && (*out)->by_id)
    return spec_usage_error (command, text, "A new segment needs a key, not a shmid "
                             "(sysv:KEY, or sysv:0 for a private one)", out);
  return TRUE;
}

gboolean
_shmtool_parse_number (const char *command,
                       const char *option,
                       const char *text,
                       guint64     min,
                       guint64     max,
                       guint64    *out)
{
  g_autoptr(GError) error = NULL;

  return g_ascii_string_to_unsigned (text, 10, min, max, out, &error) ||
         _shmtool_option_error (command, option, error);
}

/* Only the syntax is checked here; whether the range lies within the region
 * is a question for run time, once the region is open. */
static gboolean
parse_range (const char    *command,
             const char    *offset_text,
             const char    *length_text,
             ShmtoolRange  *range)
{
  g_autoptr(GError) error = NULL;

  range->offset = 0;
  range->length = 0;
  range->has_length = length_text != NULL;
  if (offset_text != NULL && !shmview_parse_offset (offset_text, 0, G_MAXUINT64,
                                                    &range->offset, &error))
    return _shmtool_option_error (command, "--offset", error);
  if (length_text != NULL && !shmview_parse_size (length_text, &range->length, &error))
    return _shmtool_option_error (command, "--length", error);
  return TRUE;
}

void
_shmtool_target_clear (ShmtoolTarget *target)
{
  g_clear_pointer (&target->spec, shmview_spec_free);
  g_clear_pointer (&target->offset_text, g_free);
  g_clear_pointer (&target->length_text, g_free);
}

gboolean
_shmtool_parse_target (const char          *command,
                       GOptionEntry        *entries,
                       ShmtoolTargetFlags   flags,
                       int                 *argc,
                       char              ***argv,
                       ShmtoolTarget       *target)
{
  GOptionEntry follow[] = {
    { "follow", 0, 0, G_OPTION_ARG_NONE, &target->follow,
      "Follow a symbolic link in a file: spec (refused by default)", NULL },
    { NULL }
  };
  GOptionEntry offset[] = {
    { "offset", 'o', 0, G_OPTION_ARG_STRING, &target->offset_text,
      "Where to start (default 0): 16, 0x10, 4K", "N" },
    { NULL }
  };
  GOptionEntry length[] = {
    { "length", 'l', 0, G_OPTION_ARG_STRING, &target->length_text,
      "How many bytes (default: up to the end)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_option_context (command, 1, entries);

  /* After the command's own options, in --help too. */
  if (flags & SHMTOOL_TARGET_OFFSET)
    g_option_context_add_main_entries (context, offset, NULL);
  if (flags & SHMTOOL_TARGET_LENGTH)
    g_option_context_add_main_entries (context, length, NULL);
  g_option_context_add_main_entries (context, follow, NULL);

  target->command = command;
  return parse_options (command, context, argc, argv, 1, &target->spec_text) &&
         parse_spec (command, target->spec_text, flags, &target->spec) &&
         parse_range (command, target->offset_text, target->length_text, &target->range);
}

gboolean
_shmtool_parse_two_targets (const char     *command,
                            GOptionEntry   *entries,
                            int            *argc,
                            char         ***argv,
                            ShmtoolTarget  *first,
                            ShmtoolTarget  *second)
{
  GOptionEntry follow[] = {
    { "follow", 0, 0, G_OPTION_ARG_NONE, &first->follow,
      "Follow a symbolic link in a file: spec (refused by default)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_option_context (command, 2, entries);
  const char *args[2];

  g_option_context_add_main_entries (context, follow, NULL);
  first->command = second->command = command;
  if (!parse_options (command, context, argc, argv, 2, args))
    return FALSE;
  first->spec_text = args[0];
  second->spec_text = args[1];
  second->follow = first->follow;
  return parse_spec (command, first->spec_text, 0, &first->spec) &&
         parse_spec (command, second->spec_text, 0, &second->spec);
}

ShmviewRegion *
_shmtool_open_target (const ShmtoolTarget *target,
                      ShmviewOpenFlags     flags,
                      GError             **error)
{
  if (target->follow)
    flags |= SHMVIEW_OPEN_FOLLOW_SYMLINKS;
  return shmview_region_open (target->spec, flags, 0, 0, error);
}

int
_shmtool_target_fail (const ShmtoolTarget *target,
                      const GError        *error)
{
  return _shmtool_fail (target->spec_text, error);
}

gboolean
_shmtool_resolve_range (ShmtoolRange *range,
                        guint64       size,
                        GError      **error)
{
  if (range->offset > size)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "Offset %" G_GUINT64_FORMAT " is past the end of the region (%"
                   G_GUINT64_FORMAT " bytes)", range->offset, size);
      return FALSE;
    }
  if (!range->has_length)
    range->length = size - range->offset;
  else if (range->length > size - range->offset)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "%" G_GUINT64_FORMAT " byte%s at offset %" G_GUINT64_FORMAT
                   " run%s past the end of the region (%" G_GUINT64_FORMAT " bytes)",
                   range->length, range->length == 1 ? "" : "s", range->offset,
                   range->length == 1 ? "s" : "", size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stdout_error (int      errsv,
              GError **error)
{
  shmview_set_error_from_errno (error, errsv, "Could not write to standard output");
  return FALSE;
}

/* Straight to the descriptor: stdio would split each big chunk into a
 * buffer-sized write plus a copied remainder, two calls instead of one, and
 * would fail on a non-blocking stdout that is full, where this waits. */
gboolean
_shmtool_write_stdout (const void *data,
                       gsize       length,
                       GError    **error)
{
  int err;

  /* Whatever went through stdio (GOption's messages) must come out first. */
  if (fflush (stdout) != 0)
    return stdout_error (errno, error);
  if ((err = shmview_write_all (STDOUT_FILENO, data, length)) != 0)
    return stdout_error (err, error);
  return TRUE;
}

gboolean
_shmtool_write_line (const char  *text,
                     GError     **error)
{
  g_autofree char *line = g_strconcat (text, "\n", NULL);

  return _shmtool_write_stdout (line, strlen (line), error);
}

void
_shmtool_widen_stdout_pipe (guint64 length)
{
  struct stat st;

  if (length <= 64 * 1024 || fstat (STDOUT_FILENO, &st) != 0 || !S_ISFIFO (st.st_mode))
    return;
  /* A refusal (the user's pipe quota is used up) only costs speed. */
  fcntl (STDOUT_FILENO, F_SETPIPE_SZ, 1024 * 1024);
}

gboolean
_shmtool_flush_stdout (GError **error)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    return stdout_error (errno, error);
  return TRUE;
}

char *
_shmtool_format_mode (guint32  mode,
                      gboolean long_form)
{
  static const char letters[] = "rwxrwxrwx";
  char bits[10];

  if (!long_form)
    return g_strdup_printf ("%04o", mode & 07777);
  for (guint i = 0; i < 9; i++)
    bits[i] = (mode & (0400 >> i)) ? letters[i] : '-';
  bits[9] = '\0';
  return g_strdup_printf ("%04o (%s)", mode & 07777, bits);
}
