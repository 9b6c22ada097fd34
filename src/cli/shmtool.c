/* shmtool.c: the command-line companion of shmview, entry point and dispatch
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "shmtool-private.h"
#include "shmview-output.h"

static const ShmtoolCommand commands[] = {
  { "create", "SPEC --size N [--mode OCTAL] [--force]",
    "Create a region (never replaces one unless --force)",
    "Sizes: 256, 0x100, 4K, 1M, 2G (binary units). The mode defaults to 0600.\n"
    "“sysv:0” makes a new private segment and prints its spec (sysvid:N).\n"
    "\n"
    "Example:\n"
    "  shmtool create MapTrans --size 256",
    _shmtool_cmd_create },
  { "write", "SPEC [--offset N] (--string S | --text S | --hex H | --file F | --stdin |\n"
    "                              --as TYPE --value V)",
    "Write a string, text, hex bytes, a file or stdin into a region",
    "Exactly one source. --string writes S and a terminating NUL, as strcpy\n"
    "would; --text writes S alone. Data that would run past the end of the\n"
    "region is an error, and then nothing is written.\n"
    "\n"
    "Examples:\n"
    "  shmtool write MapTrans --string ezhchai\n"
    "  shmtool write MapTrans --offset 0x10 --hex \"de ad be ef\"\n"
    "  shmtool write MapTrans --offset 8 --as f64be --value 3.5\n"
    "Types for --as: u8 i8 u16le u16be i16le … u64be, f32le f32be f64le f64be,\n"
    "bin, oct, char (UTF-8), utf16le/be, time64le/be (seconds or a date).",
    _shmtool_cmd_write },
  { "read", "SPEC [--offset N] [--length N] [--format text|hex|raw|c] | SPEC [--offset N] --as TYPE",
    "Print a region as a C string, hexdump -C, raw bytes or a C array",
    "Formats: text  the C string at the offset, up to the first NUL (as puts)\n"
    "         hex   the canonical hexdump -C layout (the default)\n"
    "         raw   the bytes themselves\n"
    "         c     a C array initialiser\n"
    "The region is opened read-only, so regions you may only read work too.\n"
    "\n"
    "--as TYPE prints the one value of that type at the offset instead: u8, i8,\n"
    "u16le … i64be, f32le … f64be, bin, oct, char, utf16le/be, time64le/be\n"
    "(UTC), ltime64le/be (local time), cstring (the C string's length).\n"
    "\n"
    "Examples:\n"
    "  shmtool read MapTrans --format text\n"
    "  shmtool read MapTrans --offset 0x10 --as u32le",
    _shmtool_cmd_read },
  { "info", "SPEC",
    "Show a region's kind, size, owner, mode, times and attach count",
    "Prints “key: value” lines. The region is opened read-only, and the attach\n"
    "count leaves shmtool itself out.",
    _shmtool_cmd_info },
  { "list", "[--json]",
    "List every POSIX object, System V segment and process memory region",
    "Attach counts of POSIX objects come from scanning /proc/PID/maps, so\n"
    "they count only the processes you may look at (\"attached_complete\"\n"
    "in JSON says whether some could not be). Process memory (kind \"process\") is\n"
    "what /dev/shm does not show: memfd, deleted files still mapped, and\n"
    "anonymous shared memory (MAP_SHARED|MAP_ANONYMOUS), each listed once\n"
    "with every process that maps it; open it with its pid:PID@ADDR spec.\n"
    "The LABEL column marks removed regions (System V \"dest\").\n"
    "JSON entries have \"attached\": the processes that map the region\n"
    "(pid, command, user, uid, access rw/ro, start, end, self) and\n"
    "\"attached_complete\"; process memory has \"process_kind\" (memfd,\n"
    "deleted, anonymous) and \"pid\".\n"
    "JSON strings are UTF-8, so a name that is not turns its bad bytes into\n"
    "U+FFFD in \"spec\" and \"name\"; \"spec_escaped\" and \"name_escaped\" hold\n"
    "the exact bytes, escaped as \\xNN (and \\n, \\t, \\r, \\\\): decode them\n"
    "with bash's printf '%b' or Python's codecs.escape_decode to open it again.",
    _shmtool_cmd_list },
  { "rm", "SPEC",
    "Remove a region (processes still attached keep their mapping)",
    NULL,
    _shmtool_cmd_rm },
  { "fill", "SPEC --byte B [--offset N] [--length N]",
    "Fill a region, or part of it, with one byte",
    "B is 0..255, 0x-hex, or a quoted character such as 'A'.\n"
    "Without --offset and --length the whole region is filled.",
    _shmtool_cmd_fill },
  { "watch", "SPEC [--interval MS] [--count N] [--offset N] [--length N] [--json]\n"
    "                              [--until-removed]",
    "Print each change to a region as it happens",
    "Prints one line per changed byte range: offset (hex and decimal),\n"
    "length, old and new bytes. Size changes get a line too.\n"
    "Without --length it watches up to the end, however the region grows.\n"
    "Over 16 MiB the region is compared chunk by chunk (64 KiB or more), in\n"
    "bounded memory: a first change in a chunk is shown as the whole chunk,\n"
    "its old bytes “(not kept)”; later changes there are exact again.\n"
    "\n"
    "When the region is removed, the changes seen before are printed first,\n"
    "then one line saying so. The memory lives on while a process maps it:\n"
    "the watch goes on while another process does (the line names them), and\n"
    "ends with status 0 when none is left, saying so. --until-removed ends\n"
    "at the removal at once.\n"
    "\n"
    "--json prints JSON Lines, one object per change, as the change log\n"
    "exports them: {\"time\": ISO 8601 UTC, \"offset\", \"length\", \"old\" and\n"
    "\"new\" (every byte, as hex; null when not kept), \"origin\": \"outside\"};\n"
    "the region's own events have \"event\": \"grew\" or \"shrank\" (with\n"
    "\"old_size\", \"new_size\"), \"removed\" (with \"holders\": the pids\n"
    "still mapping it) or \"last-holder\".\n"
    "Stops after --count reports, or on Ctrl+C (status 0).",
    _shmtool_cmd_watch },
  { "find", "SPEC (--hex H | --text S [--ignore-case] | --as TYPE --value V) [--offset N] [--all] [--json]",
    "Find bytes, text or a value in a region",
    "Prints the offset of the first match (or of every match with --all), in\n"
    "hex and in decimal: “0x10 16”. Holes of sparse objects are skipped.\n"
    "Exit status as grep's: 0 found, 1 not found, 2 error (usage or region).\n"
    "\n"
    "Examples:\n"
    "  shmtool find MapTrans --text ezhchai\n"
    "  shmtool find MapTrans --as u32le --value 42 --all --json",
    _shmtool_cmd_find },
  { "diff", "SPEC SPEC [--json | --quiet]",
    "Show where two regions (or a region and a snapshot) differ",
    "Prints one line per differing range: offset (hex and decimal), length,\n"
    "the first SPEC's bytes and the second's (the first 16 of each). Either\n"
    "side may be a snapshot: the raw bytes shmtool read saved to a file,\n"
    "named file:PATH. When the sizes differ the common start is\n"
    "compared and a last line says so. Both are only read.\n"
    "--json prints {\"a\", \"b\" (spec, size), \"ranges\": [{\"offset\",\n"
    "\"offset_hex\", \"length\", \"old\", \"new\" (every byte as hex; a run\n"
    "over 64 KiB is cut into several)}], \"count\", \"same_size\", \"equal\"}.\n"
    "Exit status as cmp's: 0 equal, 1 different, 2 trouble (usage or region).\n"
    "\n"
    "Example (before.bin saved earlier with “shmtool read MapTrans” in raw format):\n"
    "  shmtool diff file:before.bin MapTrans",
    _shmtool_cmd_diff },
};

const ShmtoolCommand *
_shmtool_lookup_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
append_help (GString *out)
{
  g_string_append (out, "Usage:\n"
         "  shmtool COMMAND [OPTION…] [SPEC]\n"
         "\n"
         "Look at and edit shared memory: POSIX objects, System V segments and files.\n"
         "\n"
         "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-7s %s\n", commands[i].name, commands[i].summary);
  g_string_append (out, "  help    Show this list, or a command's help (shmtool help COMMAND)\n"
         "\n"
         "Region specs:\n"
         "  MapTrans, /MapTrans, posix:/MapTrans  a POSIX object (/dev/shm/MapTrans)\n"
         "  sysv:KEY                              a System V segment by key (0x-hex or decimal)\n"
         "  sysvid:ID                             a System V segment by shmid\n"
         "  file:PATH                             a regular file, mapped shared\n"
         "  pid:PID@ADDR                          memory process PID maps at ADDR (memfd,\n"
         "                                        anonymous shared; shmtool list shows them)\n"
         "A SPEC that starts with “-” goes after “--”, options before it:\n"
         "  shmtool create --size 16 -- -odd\n"
         "\n"
         "Exit status: 0 success, 1 failure (not found, exists, permission, out of\n"
         "range, shrunk), 2 usage error.\n"
         "\n"
         "Run “shmtool COMMAND --help” for the options of a command.\n");
}

/* Everything for stdout, ours or GOption's (--help), goes through the one
 * writer that copes with a full non-blocking pipe. */
static int
print_out (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (_shmtool_write_stdout (text, strlen (text), &error))
    return SHMTOOL_EXIT_OK;
  return _shmtool_fail (NULL, error);
}

static void
print_handler (const char *text)
{
  print_out (text);
}

static int
run_help (int    argc,
          char **argv)
{
  const ShmtoolCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc == 1)
    {
      g_autoptr(GString) help = g_string_new (NULL);

      append_help (help);
      return print_out (help->str);
    }
  if (argc > 2)
    {
      g_autofree char *arg = _shmtool_quote (argv[2]);

      return _shmtool_usage_error (NULL, "help: Unexpected argument “%s”", arg);
    }
  if (strcmp (argv[1], "help") == 0)
    return run_help (1, argv);

  command = _shmtool_lookup_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *name = _shmtool_quote (argv[1]);

      return _shmtool_usage_error (NULL, "help: Unknown command “%s”", name);
    }

  /* GOptionContext prints the command's help and exits 0. */
  help_argv[0] = (char *) command->name;
  return command->run (2, help_argv);
}

static gboolean
is_help_option (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0 || strcmp (arg, "-?") == 0;
}

int
main (int    argc,
      char **argv)
{
  const ShmtoolCommand *command;
  const char *localedir;

  /* Before anything is opened: a closed stderr must not let a region take
   * descriptor 2 and receive our messages. Nothing can be said if it fails. */
  if (!shmview_ensure_std_fds ())
    return SHMTOOL_EXIT_FAILURE;

  /* SHMVIEW_LOCALEDIR points an uninstalled build at the catalogs it
   * compiled (build/po, as `meson devenv` and the tests set it). */
  localedir = g_getenv ("SHMVIEW_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_set_print_handler (print_handler);

  if (argc < 2)
    return _shmtool_usage_error (NULL, "No command given");
  if (strcmp (argv[1], "help") == 0 || is_help_option (argv[1]))
    return run_help (argc - 1, argv + 1);
  if (strcmp (argv[1], "--version") == 0)
    {
      return print_out ("shmtool " PACKAGE_VERSION "\n");
    }
  command = _shmtool_lookup_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *arg = _shmtool_quote (argv[1]);

      if (argv[1][0] == '-')
        return _shmtool_usage_error (NULL, "Unknown option “%s” (options go after the command)",
                                     arg);
      return _shmtool_usage_error (NULL, "Unknown command “%s”", arg);
    }

  return command->run (argc - 1, argv + 1);
}
