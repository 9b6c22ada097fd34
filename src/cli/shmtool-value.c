/* shmtool-value.c: typed values for `shmtool read --as` and `write --as`
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoding and encoding are the core's (shmview-inspect), the same the
 * app's data inspector uses; this file only ties them to the command line.
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-error.h"
#include "shmview-inspect.h"

/* A C string is looked for in at most this many bytes. */
#define CSTRING_LIMIT (1024 * 1024)

gboolean
_shmtool_parse_value_type (const char       *command,
                           const char       *text,
                           ShmviewValueType *type,
                           ShmviewByteOrder *order)
{
  g_autoptr(GError) error = NULL;

  if (shmview_value_type_from_string (text, type, order, &error))
    return TRUE;
  return _shmtool_option_error (command, "--as", error);
}

gboolean
_shmtool_parse_value (const char        *command,
                      const char        *type_text,
                      const char        *value_text,
                      GByteArray       **out)
{
  g_autoptr(GError) error = NULL;
  guint8 bytes[SHMVIEW_VALUE_MAX_SIZE];
  ShmviewValueType type;
  ShmviewByteOrder order;
  gsize length;

  *out = NULL;
  if (type_text == NULL || value_text == NULL)
    {
      _shmtool_usage_error (command, "%s: --as and --value go together", command);
      return FALSE;
    }
  if (!_shmtool_parse_value_type (command, type_text, &type, &order))
    return FALSE;
  if (!shmview_value_type_is_editable (type))
    {
      _shmtool_usage_error (command, "--as: “%s” cannot be written", type_text);
      return FALSE;
    }
  if (!shmview_value_parse (type, order, value_text, bytes, &length, &error))
    return _shmtool_option_error (command, "--value", error);

  *out = g_byte_array_sized_new (length);
  g_byte_array_append (*out, bytes, length);
  return TRUE;
}

gboolean
_shmtool_print_value (ShmviewRegion    *region,
                      guint64           offset,
                      ShmviewValueType  type,
                      ShmviewByteOrder  order,
                      GError          **error)
{
  guint64 size = shmview_region_get_size (region);
  gsize want = type == SHMVIEW_VALUE_CSTRING ? CSTRING_LIMIT
               : type == SHMVIEW_VALUE_CHAR ? 4 : shmview_value_type_get_size (type);
  g_autofree guint8 *bytes = NULL;
  g_autofree char *text = NULL;
  gsize available;

  if (offset >= size)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "Offset %" G_GUINT64_FORMAT " is at or past the end of the region (%"
                   G_GUINT64_FORMAT " bytes)", offset, size);
      return FALSE;
    }
  available = (gsize) MIN (want, size - offset);
  bytes = g_malloc (available);
  if (!shmview_region_read (region, offset, bytes, available, error))
    return FALSE;

  text = shmview_value_format (type, order, bytes, available, error);
  if (text == NULL)
    {
      g_prefix_error (error, "%s at offset %" G_GUINT64_FORMAT ": ",
                      shmview_value_type_to_string (type, order), offset);
      return FALSE;
    }
  return _shmtool_write_line (text, error) && _shmtool_flush_stdout (error);
}
