/* shmtool-read.c: `shmtool read` in four formats
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "shmtool-layout.h"
#include "shmtool-private.h"
#include "shmview-copy-chunk.h"
#include "shmview-format.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_HEX,
  FORMAT_RAW,
  FORMAT_C,
} ReadFormat;

static const char * const format_names[] = { "text", "hex", "raw", "c" };

static gboolean
parse_format (const char *text,
              ReadFormat *out)
{
  *out = FORMAT_HEX;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (strcmp (text, format_names[i]) == 0)
      {
        *out = (ReadFormat) i;
        return TRUE;
      }
  {
    g_autofree char *shown = _shmtool_quote (text);

    _shmtool_usage_error ("read", "--format: Unknown format “%s” (use text, hex, raw or c)",
                          shown);
  }
  return FALSE;
}

/* Called with each chunk of the range in turn; sets *stop to end early. */
typedef gboolean (*ChunkFunc) (const guint8  *data,
                               gsize          length,
                               gpointer       user_data,
                               gboolean      *stop,
                               GError       **error);

/* Streams the range through @func one chunk at a time, so reading 1 GiB
 * never holds more than SHMVIEW_COPY_CHUNK of it in memory. */
static gboolean
for_each_chunk (ShmviewRegion      *region,
                const ShmtoolRange *range,
                ChunkFunc           func,
                gpointer            user_data,
                GError            **error)
{
  g_autofree guint8 *chunk = g_malloc (MIN (range->length, SHMVIEW_COPY_CHUNK) + 1);
  gboolean stop = FALSE;

  for (guint64 done = 0; done < range->length && !stop;)
    {
      gsize n = MIN (range->length - done, SHMVIEW_COPY_CHUNK);

      if (!shmview_region_read (region, range->offset + done, chunk, n, error) ||
          !func (chunk, n, user_data, &stop, error))
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
text_chunk (const guint8  *data,
            gsize          length,
            gpointer       user_data,
            gboolean      *stop,
            GError       **error)
{
  g_autofree char *string = shmview_format_c_string (data, length);
  gsize n = strlen (string);

  /* A string shorter than the chunk ended at a NUL: that is all puts prints. */
  *stop = n < length;
  return _shmtool_write_stdout (string, n, error);
}

/* hexdump -C and the C array, which turn each chunk into text. */
typedef struct
{
  ReadFormat     format;
  GString       *out;       /* reused for every chunk: no fresh pages each time */
  ShmviewHexdump hexdump;   /* FORMAT_HEX */
  ShmviewCArray  array;     /* FORMAT_C */
} Formatter;

static gboolean
format_chunk (const guint8  *data,
              gsize          length,
              gpointer       user_data,
              gboolean      *stop,
              GError       **error)
{
  Formatter *f = user_data;

  g_string_truncate (f->out, 0);
  if (f->format == FORMAT_HEX)
    shmview_hexdump_feed (&f->hexdump, data, length, f->out);
  else
    shmview_c_array_feed (&f->array, data, length, f->out);
  return _shmtool_write_stdout (f->out->str, f->out->len, error);
}

/* Streams the range as text: a region of any size takes constant memory
 * (the C array's declaration states the length, which the range knows). */
static gboolean
read_formatted (ShmviewRegion      *region,
                const ShmtoolRange *range,
                ReadFormat          format,
                GError            **error)
{
  g_autoptr(GString) out = g_string_sized_new (MIN (range->length, SHMVIEW_COPY_CHUNK) * 6 + 64);
  g_autofree char *name = shmview_region_dup_display_name (region);
  Formatter f = { .format = format, .out = out };

  if (format == FORMAT_HEX)
    shmview_hexdump_init (&f.hexdump, range->offset);
  else
    shmview_c_array_init (&f.array, name, range->length, out);
  if (!_shmtool_write_stdout (out->str, out->len, error) ||
      !for_each_chunk (region, range, format_chunk, &f, error))
    return FALSE;

  g_string_truncate (out, 0);
  if (format == FORMAT_HEX)
    shmview_hexdump_finish (&f.hexdump, out);
  else
    shmview_c_array_finish (&f.array, out);
  return _shmtool_write_stdout (out->str, out->len, error);
}

static gboolean
read_range (ShmviewRegion *region,
            ShmtoolRange  *range,
            ReadFormat     format,
            GError       **error)
{
  if (!_shmtool_resolve_range (range, shmview_region_get_size (region), error))
    return FALSE;
  _shmtool_widen_stdout_pipe (range->length);

  switch (format)
    {
    case FORMAT_TEXT:
      if (!for_each_chunk (region, range, text_chunk, NULL, error) ||
          !_shmtool_write_stdout ("\n", 1, error))
        return FALSE;
      break;
    case FORMAT_HEX:
    case FORMAT_C:
      if (!read_formatted (region, range, format, error))
        return FALSE;
      break;
    case FORMAT_RAW:
      /* The core streams it, inside the kernel where it can: the bytes
       * need not pass through here. */
      if (!_shmtool_flush_stdout (error) ||
          !shmview_region_copy_to_fd (region, range->offset, range->length, STDOUT_FILENO,
                                      error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
  return _shmtool_flush_stdout (error);
}

/* `read --as TYPE`: one value at --offset, through the core's decoder. */
static int
read_value (ShmtoolTarget *target,
            const char    *as_text,
            gboolean       has_format)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewValueType type;
  ShmviewByteOrder order;

  if (has_format || target->range.has_length)
    return _shmtool_usage_error ("read", "--as: Prints one value; leave out --format, "
                                 "--length, --layout and --json");
  if (!_shmtool_parse_value_type ("read", as_text, &type, &order))
    return SHMTOOL_EXIT_USAGE;

  region = _shmtool_open_target (target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !_shmtool_print_value (region, target->range.offset, type, order, &error))
    return _shmtool_target_fail (target, error);
  return SHMTOOL_EXIT_OK;
}

int
_shmtool_cmd_read (int    argc,
                   char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *as_text = NULL;
  g_auto(ShmtoolLayout) layout = { NULL, };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text,
      "text, hex (default), raw or c", "FORMAT" },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as_text,
      "Print the value of this type at the offset: u32le, i16be, f64le, …", "TYPE" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, "With --layout: print the fields as JSON", NULL },
    SHMTOOL_LAYOUT_OPTIONS (&layout),
    SHMTOOL_LAYOUT_COUNT_OPTION (&layout),
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  ReadFormat format;

  if (!_shmtool_parse_target ("read", entries, SHMTOOL_TARGET_RANGE, &argc, &argv, &target))
    return SHMTOOL_EXIT_USAGE;
  if (as_text != NULL)
    return read_value (&target, as_text,
                       format_text != NULL || json || _shmtool_layout_requested (&layout));
  if (!parse_format (format_text, &format) ||
      !_shmtool_layout_check_usage ("read", &layout))
    return SHMTOOL_EXIT_USAGE;
  if (_shmtool_layout_requested (&layout))
    return format_text != NULL
           ? _shmtool_usage_error ("read", "--format does not go with --layout")
           : _shmtool_layout_run_read (&target, &layout, json);
  if (json)
    return _shmtool_usage_error ("read", "--json needs --layout FILE.h --type NAME");

  /* Read-only, so a region we may read but not write works too. */
  region = _shmtool_open_target (&target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !read_range (region, &target.range, format, &error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}
