/* shmtool-write.c: `shmtool write` and `shmtool fill`
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "shmtool-layout.h"
#include "shmtool-private.h"
#include "shmview-copy-chunk.h"
#include "shmview-error.h"
#include "shmview-parse.h"

typedef struct
{
  char    *string;     /* --string: S and a NUL, as strcpy would write it */
  char    *text;       /* --text: S alone */
  char    *hex;        /* --hex: parsed into bytes */
  char    *file;       /* --file: the file's bytes */
  gboolean use_stdin;  /* --stdin */
  char    *as;         /* --as TYPE --value V: one value, encoded by the core */
  char    *value;
} WriteSources;

static void
write_sources_clear (WriteSources *sources)
{
  g_clear_pointer (&sources->string, g_free);
  g_clear_pointer (&sources->text, g_free);
  g_clear_pointer (&sources->hex, g_free);
  g_clear_pointer (&sources->file, g_free);
  g_clear_pointer (&sources->as, g_free);
  g_clear_pointer (&sources->value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteSources, write_sources_clear)

static guint
count_sources (const WriteSources *sources)
{
  return (sources->string != NULL) + (sources->text != NULL) + (sources->hex != NULL) +
         (sources->file != NULL) + (sources->use_stdin != FALSE) +
         (sources->as != NULL || sources->value != NULL);
}

static gboolean
has_source (const WriteSources *sources)
{
  return count_sources (sources) > 0;
}

static gboolean
check_one_source (const WriteSources *sources)
{
  guint n = count_sources (sources);

  if (n == 1)
    return TRUE;
  _shmtool_usage_error ("write", n == 0 ? "write: Nothing to write: give one of --string, "
                                          "--text, --hex, --file, --stdin or --as"
                                        : "write: Give only one of --string, --text, --hex, "
                                          "--file, --stdin and --as");
  return FALSE;
}

/* The data known from the command line alone; NULL for --file and --stdin. */
static gboolean
command_line_data (const WriteSources *sources,
                   GByteArray        **out)
{
  g_autoptr(GError) error = NULL;
  const char *s = sources->string != NULL ? sources->string : sources->text;

  *out = NULL;
  if (s != NULL)
    {
      /* --string keeps the terminating NUL that --text leaves out. */
      gsize n = strlen (s) + (sources->string != NULL ? 1 : 0);

      *out = g_byte_array_sized_new (n);
      g_byte_array_append (*out, (const guint8 *) s, n);
    }
  else if (sources->hex != NULL && (*out = shmview_parse_hex (sources->hex, &error)) == NULL)
    return _shmtool_option_error ("write", "--hex", error);
  else if (sources->as != NULL || sources->value != NULL)
    return _shmtool_parse_value ("write", sources->as, sources->value, out);
  return TRUE;
}

/* Reads @stream to its end, or until it has given more than @limit bytes:
 * then the data cannot fit anyway, and we need not hold all of it. */
static GByteArray *
read_stream_bounded (FILE        *stream,
                     const char  *what,
                     guint64      limit,
                     GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (SHMVIEW_COPY_CHUNK);
  size_t n;

  while (data->len <= limit && (n = fread (chunk, 1, SHMVIEW_COPY_CHUNK, stream)) > 0)
    g_byte_array_append (data, chunk, n);

  if (ferror (stream))
    {
      shmview_set_error_from_errno (error, errno, "Could not read %s", what);
      return NULL;
    }
  return g_steal_pointer (&data);
}

static GByteArray *
stream_data (const WriteSources *sources,
             guint64             limit,
             GError            **error)
{
  GByteArray *data;
  FILE *file;

  if (sources->use_stdin)
    return read_stream_bounded (stdin, "standard input", limit, error);

  file = fopen (sources->file, "rb");
  if (file == NULL)
    {
      int errsv = errno;
      g_autofree char *shown = _shmtool_quote (sources->file);

      shmview_set_error_from_errno (error, errsv, "Could not open “%s”", shown);
      return NULL;
    }
  data = read_stream_bounded (file, sources->file, limit, error);
  fclose (file);
  return data;
}

static gboolean
write_data (ShmviewRegion      *region,
            const WriteSources *sources,
            GByteArray         *command_line,
            guint64             offset,
            GError            **error)
{
  ShmtoolRange range = { offset, 0, TRUE };
  g_autoptr(GByteArray) data = command_line != NULL ? g_byte_array_ref (command_line) : NULL;
  guint64 size = shmview_region_get_size (region);

  if (offset > size)
    return _shmtool_resolve_range (&range, size, error);
  if (data == NULL)
    {
      if ((data = stream_data (sources, size - offset, error)) == NULL)
        return FALSE;
      /* We stopped reading once it could not fit: its full size is unknown. */
      if (data->len > size - offset)
        {
          g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                       "More than %" G_GUINT64_FORMAT " bytes of data at offset %"
                       G_GUINT64_FORMAT " run past the end of the region (%" G_GUINT64_FORMAT
                       " bytes)", size - offset, offset, size);
          return FALSE;
        }
    }

  /* Checked here as well as in the core so the message says how much
   * data there was; nothing has been written yet. */
  range.length = data->len;
  if (!_shmtool_resolve_range (&range, size, error))
    return FALSE;
  return shmview_region_write (region, offset, data->data, data->len, error);
}

int
_shmtool_cmd_write (int    argc,
                    char **argv)
{
  g_auto(WriteSources) sources = { NULL, };
  g_auto(ShmtoolLayout) layout = { NULL, };
  GOptionEntry entries[] = {
    /* FILENAME keeps the bytes as typed, whatever the locale's charset. */
    { "string", 0, 0, G_OPTION_ARG_FILENAME, &sources.string,
      "Write S and a terminating NUL (as strcpy)", "S" },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &sources.text,
      "Write S alone, without a NUL", "S" },
    { "hex", 0, 0, G_OPTION_ARG_STRING, &sources.hex,
      "Write bytes given in hex: “de ad”, “dead”, “0xde,0xad”", "H" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &sources.file,
      "Write the contents of file F", "F" },
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &sources.use_stdin,
      "Write what is read from standard input", NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &sources.as,
      "With --value: write one value of this type (u32le, f64be, …)", "TYPE" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &sources.value,
      "The value for --as: 42, -1, 0x1F, 3.5, 1e-3", "V" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &layout.assignments,
      "With --layout: set field PATH to VALUE, e.g. pts[1].y=-3 (repeatable)", "PATH=VALUE" },
    SHMTOOL_LAYOUT_OPTIONS (&layout),
    SHMTOOL_LAYOUT_COUNT_OPTION (&layout),
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(GByteArray) command_line = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  if (!_shmtool_parse_target ("write", entries, SHMTOOL_TARGET_OFFSET, &argc, &argv, &target) ||
      !_shmtool_layout_check_usage ("write", &layout))
    return SHMTOOL_EXIT_USAGE;
  if (_shmtool_layout_requested (&layout))
    return has_source (&sources)
           ? _shmtool_usage_error ("write", "--set is what --layout writes: no --string, --text, "
                                   "--hex, --file, --stdin or --as with it")
           : _shmtool_layout_run_write (&target, &layout);
  if (!check_one_source (&sources) ||
      !command_line_data (&sources, &command_line))
    return SHMTOOL_EXIT_USAGE;

  region = _shmtool_open_target (&target, SHMVIEW_OPEN_FLAGS_NONE, &error);
  if (region == NULL ||
      !write_data (region, &sources, command_line, target.range.offset, &error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}

int
_shmtool_cmd_fill (int    argc,
                   char **argv)
{
  g_autofree char *byte_text = NULL;
  GOptionEntry entries[] = {
    { "byte", 'b', 0, G_OPTION_ARG_STRING, &byte_text,
      "The byte: 0..255, 0x-hex or 'A' (required)", "B" },
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint8 byte;

  if (!_shmtool_parse_target ("fill", entries, SHMTOOL_TARGET_RANGE, &argc, &argv, &target))
    return SHMTOOL_EXIT_USAGE;
  if (byte_text == NULL)
    return _shmtool_usage_error ("fill", "fill: --byte is required");
  if (!shmview_parse_byte (byte_text, &byte, &error))
    return _shmtool_usage_error ("fill", "--byte: %s", error->message);

  region = _shmtool_open_target (&target, SHMVIEW_OPEN_FLAGS_NONE, &error);
  if (region == NULL ||
      !_shmtool_resolve_range (&target.range, shmview_region_get_size (region), &error) ||
      !shmview_region_fill (region, target.range.offset, target.range.length, byte, &error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}
