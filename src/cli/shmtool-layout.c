/* shmtool-layout.c: --layout FILE.h --type NAME for read, write and watch
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region's bytes read as the C type a program's own header declares:
 *
 *   shmtool read  SPEC --layout shared.h --type "struct shared" [--count N] [--json]
 *   shmtool write SPEC --layout shared.h --type shared --set pts[1].y=-3
 *   shmtool watch SPEC --layout shared.h --type shared     (path: old -> new)
 *
 * --offset places the type (default 0); --count reads N of them in a row.
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "shmtool-layout.h"
#include "shmview-error.h"
#include "shmview-format.h"

void
_shmtool_layout_clear (ShmtoolLayout *layout)
{
  g_clear_pointer (&layout->header, g_free);
  g_clear_pointer (&layout->type_name, g_free);
  g_clear_pointer (&layout->includes, g_strfreev);
  g_clear_pointer (&layout->defines, g_strfreev);
  g_clear_pointer (&layout->count_text, g_free);
  g_clear_pointer (&layout->assignments, g_strfreev);
  g_clear_pointer (&layout->layout, shmview_layout_unref);
  g_clear_pointer (&layout->old_bytes, g_bytes_unref);
}

gboolean
_shmtool_layout_requested (const ShmtoolLayout *layout)
{
  return layout->header != NULL || layout->type_name != NULL;
}

/* -I DIR and -D NAME as the compiler takes them. */
static GPtrArray *
clang_arguments (const ShmtoolLayout *layout)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; layout->includes != NULL && layout->includes[i] != NULL; i++)
    g_ptr_array_add (args, g_strconcat ("-I", layout->includes[i], NULL));
  for (guint i = 0; layout->defines != NULL && layout->defines[i] != NULL; i++)
    g_ptr_array_add (args, g_strconcat ("-D", layout->defines[i], NULL));
  g_ptr_array_add (args, NULL);
  return args;
}

/**
 * _shmtool_layout_check_usage:
 *
 * Returns: %FALSE after a usage error: --layout without --type or the
 *   other way round, --count or --set without --layout, a bad --count
 */
gboolean
_shmtool_layout_check_usage (const char    *command,
                             ShmtoolLayout *layout)
{
  if (!_shmtool_layout_requested (layout))
    {
      if (layout->count_text != NULL || layout->assignments != NULL)
        {
          _shmtool_usage_error (command, "%s needs --layout FILE.h --type NAME",
                                layout->count_text != NULL ? "--count" : "--set");
          return FALSE;
        }
      return TRUE;
    }
  if (layout->header == NULL || layout->type_name == NULL)
    {
      _shmtool_usage_error (command, "--layout FILE.h and --type NAME go together");
      return FALSE;
    }
  layout->count = 1;
  return layout->count_text == NULL
         || _shmtool_parse_number (command, "--count", layout->count_text, 1, G_MAXUINT32,
                                   &layout->count);
}

/**
 * _shmtool_layout_load:
 *
 * Parses the header (a run-time failure: the header is a file like any
 * other, and its errors are clang's file:line:column lines).
 */
gboolean
_shmtool_layout_load (ShmtoolLayout  *layout,
                      GError        **error)
{
  g_autoptr(GPtrArray) args = clang_arguments (layout);

  layout->layout = shmview_layout_parse_file (layout->header, layout->type_name,
                                              (const char * const *) args->pdata, error);
  if (layout->layout == NULL)
    {
      g_prefix_error (error, "%s: ", layout->header);
      return FALSE;
    }
  return TRUE;
}

/* The placed bytes: --count elements at --offset, all inside the region. */
static gboolean
placement (const ShmtoolLayout *layout,
           ShmviewRegion       *region,
           guint64              offset,
           guint64             *length,
           GError             **error)
{
  guint64 size = shmview_layout_get_size (layout->layout);
  guint64 region_size = shmview_region_get_size (region);

  *length = size * layout->count;
  if (offset > region_size || *length > region_size - offset)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "%" G_GUINT64_FORMAT " × %s (%" G_GUINT64_FORMAT " bytes) at offset %"
                   G_GUINT64_FORMAT " run past the end of the region (%" G_GUINT64_FORMAT
                   " bytes)", layout->count, shmview_layout_get_type_name (layout->layout),
                   *length, offset, region_size);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
read_placed (const ShmtoolLayout *layout,
             ShmviewRegion       *region,
             guint64              offset,
             GError             **error)
{
  guint64 length;

  if (!placement (layout, region, offset, &length, error))
    return NULL;
  return shmview_region_read_bytes (region, offset, length, error);
}

/* A root that is itself a scalar has no path: its type names it. */
static const char *
shown_path (const ShmtoolLayout *layout,
            const ShmviewLeaf   *leaf)
{
  return leaf->path[0] != '\0' ? leaf->path : shmview_layout_get_type_name (layout->layout);
}

typedef struct
{
  const ShmtoolLayout *layout;
  const guint8        *data;
  guint64              base;     /* the placement's offset in the region */
  GString             *text;
  JsonBuilder         *json;
} Printer;

static void
add_json_leaf (Printer           *printer,
               const ShmviewLeaf *leaf,
               const char        *value)
{
  JsonBuilder *json = printer->json;
  const guint8 *bytes = printer->data + leaf->offset;

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "path");
  json_builder_add_string_value (json, shown_path (printer->layout, leaf));
  json_builder_set_member_name (json, "type");
  json_builder_add_string_value (json, leaf->field->type_name);
  json_builder_set_member_name (json, "offset");
  json_builder_add_int_value (json, (gint64) (printer->base + leaf->offset));
  json_builder_set_member_name (json, "size");
  json_builder_add_int_value (json, (gint64) leaf->field->size);
  if (leaf->field->bit_width > 0)
    {
      json_builder_set_member_name (json, "bit_offset");
      json_builder_add_int_value (json, leaf->field->bit_offset);
      json_builder_set_member_name (json, "bit_width");
      json_builder_add_int_value (json, leaf->field->bit_width);
    }
  json_builder_set_member_name (json, "value");
  json_builder_add_string_value (json, value);
  if (shmview_field_is_numeric (leaf->field))
    {
      double number = shmview_field_get_number (leaf->field, bytes);

      json_builder_set_member_name (json, "number");
      /* Whole numbers as JSON integers while they fit one exactly. */
      if (leaf->field->kind != SHMVIEW_FIELD_FLOAT && number >= -0x1p63 && number < 0x1p63)
        json_builder_add_int_value (json, (gint64) number);
      else
        json_builder_add_double_value (json, number);
    }
  json_builder_end_object (json);
}

static gboolean
print_leaf (const ShmviewLeaf *leaf,
            gpointer           user_data)
{
  Printer *printer = user_data;
  g_autofree char *value = shmview_field_format_value (leaf->field, printer->data + leaf->offset);

  if (printer->json != NULL)
    add_json_leaf (printer, leaf, value);
  else
    g_string_append_printf (printer->text, "%s = %s\n", shown_path (printer->layout, leaf), value);
  return TRUE;
}

static char *
json_text (JsonBuilder *json)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (json);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * _shmtool_layout_print:
 *
 * Prints every field of the placement: "path = value" lines, or with
 * @json one JSON array of {path, type, offset, size, value, number}.
 */
gboolean
_shmtool_layout_print (const ShmtoolLayout *layout,
                       ShmviewRegion       *region,
                       guint64              offset,
                       gboolean             json,
                       GError             **error)
{
  g_autoptr(GBytes) bytes = read_placed (layout, region, offset, error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json ? json_builder_new () : NULL;
  Printer printer = { layout, NULL, offset, text, builder };

  if (bytes == NULL)
    return FALSE;
  printer.data = g_bytes_get_data (bytes, NULL);
  if (builder != NULL)
    json_builder_begin_array (builder);
  shmview_layout_foreach_leaf (layout->layout, layout->count, print_leaf, &printer);
  if (builder != NULL)
    {
      g_autofree char *out = NULL;

      json_builder_end_array (builder);
      out = json_text (builder);
      g_string_append_printf (text, "%s\n", out);
    }
  return _shmtool_write_stdout (text->str, text->len, error) && _shmtool_flush_stdout (error);
}

/* One --set PATH=VALUE: the field's new bytes, checked, not yet written. */
static GBytes *
assignment_bytes (const ShmtoolLayout *layout,
                  GBytes              *placed,
                  const char          *assignment,
                  guint64             *field_offset,
                  GError             **error)
{
  const char *equals = strchr (assignment, '=');
  g_autofree char *path = NULL;
  const ShmviewField *field = NULL;
  g_autofree guint8 *data = NULL;
  gsize n = 0;

  if (equals == NULL)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "--set %s: write PATH=VALUE, e.g. --set pts[1].y=-3", assignment);
      return NULL;
    }
  path = g_strndup (assignment, (gsize) (equals - assignment));
  if (!shmview_layout_lookup (layout->layout, path, &field, field_offset, error))
    return NULL;
  data = g_memdup2 ((const guint8 *) g_bytes_get_data (placed, NULL) + *field_offset, field->size);
  if (!shmview_field_parse_value (field, equals + 1, data, &n, error))
    return NULL;
  return g_bytes_new (data, n);
}

/**
 * _shmtool_layout_write:
 *
 * Writes every --set, after all of them were checked: a bad one writes
 * nothing at all.
 */
gboolean
_shmtool_layout_write (const ShmtoolLayout *layout,
                       ShmviewRegion       *region,
                       guint64              offset,
                       GError             **error)
{
  g_autoptr(GBytes) placed = read_placed (layout, region, offset, error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint64));

  if (placed == NULL)
    return FALSE;
  for (guint i = 0; layout->assignments[i] != NULL; i++)
    {
      guint64 field_offset = 0;
      GBytes *value = assignment_bytes (layout, placed, layout->assignments[i], &field_offset,
                                        error);

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (values, value);
      g_array_append_val (offsets, field_offset);
    }
  for (guint i = 0; i < values->len; i++)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (values->pdata[i], &n);

      if (!shmview_region_write (region, offset + g_array_index (offsets, guint64, i), data, n,
                                 error))
        return FALSE;
    }
  return TRUE;
}

/* ---- watch ---- */

typedef struct
{
  const ShmtoolLayout *layout;
  const guint8        *old_data;
  const guint8        *new_data;
  GPtrArray           *lines;
} Differ;

static gboolean
diff_leaf (const ShmviewLeaf *leaf,
           gpointer           user_data)
{
  Differ *differ = user_data;
  g_autofree char *old_value = NULL, *new_value = NULL;

  if (memcmp (differ->old_data + leaf->offset, differ->new_data + leaf->offset,
              leaf->field->size) == 0)
    return TRUE;
  old_value = shmview_field_format_value (leaf->field, differ->old_data + leaf->offset);
  new_value = shmview_field_format_value (leaf->field, differ->new_data + leaf->offset);
  /* A bit-field's storage bytes hold its neighbours too: only its own bits count. */
  if (strcmp (old_value, new_value) != 0)
    g_ptr_array_add (differ->lines, g_strdup_printf ("%s: %s -> %s",
                                                     shown_path (differ->layout, leaf),
                                                     old_value, new_value));
  return TRUE;
}

/**
 * _shmtool_layout_watch_start:
 *
 * Takes the baseline the first report compares with.
 */
gboolean
_shmtool_layout_watch_start (ShmtoolLayout  *layout,
                             ShmviewRegion  *region,
                             guint64         offset,
                             GError        **error)
{
  layout->old_bytes = read_placed (layout, region, offset, error);
  return layout->old_bytes != NULL;
}

/**
 * _shmtool_layout_watch_changes:
 *
 * Returns: (transfer container): "path: old -> new" for each field whose
 *   value differs from the last look, in memory order (maybe none)
 */
GPtrArray *
_shmtool_layout_watch_changes (ShmtoolLayout  *layout,
                               ShmviewRegion  *region,
                               guint64         offset,
                               GError        **error)
{
  g_autoptr(GBytes) new_bytes = read_placed (layout, region, offset, error);
  GPtrArray *lines;
  Differ differ;

  if (new_bytes == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func (g_free);
  if (g_bytes_equal (new_bytes, layout->old_bytes))
    return lines;
  differ = (Differ) { layout, g_bytes_get_data (layout->old_bytes, NULL),
                      g_bytes_get_data (new_bytes, NULL), lines };
  shmview_layout_foreach_leaf (layout->layout, layout->count, diff_leaf, &differ);
  g_bytes_unref (layout->old_bytes);
  layout->old_bytes = g_steal_pointer (&new_bytes);
  return lines;
}

/* ---- the commands' entry points ---- */

static ShmviewRegion *
open_with_layout (ShmtoolTarget    *target,
                  ShmtoolLayout    *layout,
                  ShmviewOpenFlags  flags,
                  GError          **error)
{
  ShmviewRegion *region;

  /* The header first: a typo in it should not need the region to exist. */
  if (!_shmtool_layout_load (layout, error))
    return NULL;
  region = _shmtool_open_target (target, flags, error);
  return region;
}

/**
 * _shmtool_layout_run_read:
 *
 * `shmtool read SPEC --layout FILE.h --type NAME [--offset N] [--count N] [--json]`
 */
int
_shmtool_layout_run_read (ShmtoolTarget *target,
                          ShmtoolLayout *layout,
                          gboolean       json)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  if (target->length_text != NULL)
    return _shmtool_usage_error ("read", "--length does not go with --layout (use --count)");
  region = open_with_layout (target, layout, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !_shmtool_layout_print (layout, region, target->range.offset, json, &error))
    return _shmtool_target_fail (target, error);
  return SHMTOOL_EXIT_OK;
}

/**
 * _shmtool_layout_run_write:
 *
 * `shmtool write SPEC --layout FILE.h --type NAME --set PATH=VALUE…`
 */
int
_shmtool_layout_run_write (ShmtoolTarget *target,
                           ShmtoolLayout *layout)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  if (layout->assignments == NULL)
    return _shmtool_usage_error ("write", "--layout needs --set PATH=VALUE");
  region = open_with_layout (target, layout, SHMVIEW_OPEN_FLAGS_NONE, &error);
  if (region == NULL || !_shmtool_layout_write (layout, region, target->range.offset, &error))
    return _shmtool_target_fail (target, error);
  return SHMTOOL_EXIT_OK;
}
