/* shmview-layout.c: a C type's memory layout, and its fields read from bytes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is the compiler's (shmview-layout-clang.c fills it from libclang);
 * this file walks it and turns a leaf's bytes into text and back. Values are
 * in the host's byte order, as the program sharing the memory stores them.
 *
 *   struct shared { uint32_t seq; struct { int x, y; } pts[1000]; }
 *
 *   STRUCT "shared" ─┬─ UNSIGNED "seq"          offset 0
 *                    └─ ARRAY "pts" count 1000  offset 4
 *                         └─ STRUCT ""  (one element for all 1000)
 *                              ├─ SIGNED "x"    offset 0
 *                              └─ SIGNED "y"    offset 4
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-layout.h"
#include "shmview-parse-private.h"
#include "shmview-parse.h"

struct _ShmviewLayout
{
  gatomicrefcount  ref_count;
  ShmviewField    *root;
};

/* Bit-fields and 128-bit integers are read into one of these. */
typedef unsigned __int128 Wide;

ShmviewField *
shmview_field_new (ShmviewFieldKind  kind,
                   const char       *name,
                   const char       *type_name,
                   guint64           offset,
                   guint64           size)
{
  ShmviewField *field = g_new0 (ShmviewField, 1);

  field->kind = kind;
  field->name = g_strdup (name != NULL ? name : "");
  field->type_name = g_strdup (type_name != NULL ? type_name : "");
  field->offset = offset;
  field->size = size;
  if (kind == SHMVIEW_FIELD_STRUCT || kind == SHMVIEW_FIELD_UNION || kind == SHMVIEW_FIELD_ARRAY)
    field->children = g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_field_free);
  return field;
}

static void
clear_enum_value (gpointer data)
{
  ShmviewEnumValue *value = data;

  g_free (value->name);
}

void
shmview_field_free (ShmviewField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field->type_name);
  g_clear_pointer (&field->children, g_ptr_array_unref);
  if (field->enum_values != NULL)
    {
      g_array_set_clear_func (field->enum_values, clear_enum_value);
      g_array_unref (field->enum_values);
    }
  g_free (field);
}

/**
 * shmview_layout_new_from_root:
 * @root: (transfer full): the tree's root
 *
 * Returns: (transfer full): a layout owning @root
 */
ShmviewLayout *
shmview_layout_new_from_root (ShmviewField *root)
{
  ShmviewLayout *layout;

  g_return_val_if_fail (root != NULL, NULL);

  layout = g_new0 (ShmviewLayout, 1);
  g_atomic_ref_count_init (&layout->ref_count);
  layout->root = root;
  return layout;
}

ShmviewLayout *
shmview_layout_ref (ShmviewLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
shmview_layout_unref (ShmviewLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;
  shmview_field_free (layout->root);
  g_free (layout);
}

const ShmviewField *
shmview_layout_get_root (ShmviewLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->root;
}

/* The size of one element of the placement, in bytes. */
guint64
shmview_layout_get_size (ShmviewLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->root->size;
}

const char *
shmview_layout_get_type_name (ShmviewLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->root->type_name;
}

static gboolean
is_container (const ShmviewField *field)
{
  return field->kind == SHMVIEW_FIELD_STRUCT || field->kind == SHMVIEW_FIELD_UNION
         || field->kind == SHMVIEW_FIELD_ARRAY;
}

/* ---- walking ---- */

typedef struct
{
  ShmviewLeafFunc  func;
  gpointer         user_data;
  GString         *path;
  gboolean         stopped;
} Walk;

static void walk_field (Walk *walk, const ShmviewField *field, guint64 base, guint depth);

static void
walk_children (Walk               *walk,
               const ShmviewField *field,
               guint64             start,
               guint               depth)
{
  gsize path_len = walk->path->len;

  for (guint i = 0; i < field->children->len && !walk->stopped; i++)
    {
      const ShmviewField *child = field->children->pdata[i];

      /* An anonymous struct or union member: its members read as the parent's. */
      if (child->name[0] != '\0')
        g_string_append_printf (walk->path, "%s%s", walk->path->len > 0 ? "." : "", child->name);
      walk_field (walk, child, start, depth + (child->name[0] != '\0'));
      g_string_truncate (walk->path, path_len);
    }
}

static void
walk_array (Walk               *walk,
            const ShmviewField *field,
            guint64             start,
            guint               depth)
{
  const ShmviewField *element = field->children->pdata[0];
  gsize path_len = walk->path->len;

  for (guint64 i = 0; i < field->count && !walk->stopped; i++)
    {
      g_string_append_printf (walk->path, "[%" G_GUINT64_FORMAT "]", i);
      walk_field (walk, element, start + i * element->size, depth + 1);
      g_string_truncate (walk->path, path_len);
    }
}

/* @base: where the field's parent starts */
static void
walk_field (Walk               *walk,
            const ShmviewField *field,
            guint64             base,
            guint               depth)
{
  guint64 start = base + field->offset;

  if (field->kind == SHMVIEW_FIELD_ARRAY)
    walk_array (walk, field, start, depth);
  else if (is_container (field))
    walk_children (walk, field, start, depth);
  else
    {
      ShmviewLeaf leaf = { field, walk->path->str, start, depth };

      walk->stopped = !walk->func (&leaf, walk->user_data);
    }
}

/**
 * shmview_layout_foreach_leaf:
 * @layout: a layout
 * @count: how many consecutive elements of it (1 for one)
 * @func: called for every leaf, in memory order
 * @user_data: for @func
 */
void
shmview_layout_foreach_leaf (ShmviewLayout   *layout,
                             guint64          count,
                             ShmviewLeafFunc  func,
                             gpointer         user_data)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Walk walk = { func, user_data, path, FALSE };

  g_return_if_fail (layout != NULL);
  g_return_if_fail (func != NULL);

  if (count <= 1)
    {
      walk_field (&walk, layout->root, 0, 0);
      return;
    }
  for (guint64 i = 0; i < count && !walk.stopped; i++)
    {
      g_string_printf (path, "[%" G_GUINT64_FORMAT "]", i);
      walk_field (&walk, layout->root, i * layout->root->size, 0);
    }
}

/* ---- looking a path up ---- */

static const ShmviewField *
find_member (const ShmviewField *field,
             const char         *name,
             guint64            *offset)
{
  for (guint i = 0; i < field->children->len; i++)
    {
      const ShmviewField *child = field->children->pdata[i];
      const ShmviewField *found;

      if (g_strcmp0 (child->name, name) == 0)
        {
          *offset += child->offset;
          return child;
        }
      if (child->name[0] == '\0' && child->kind != SHMVIEW_FIELD_ARRAY && is_container (child))
        {
          guint64 inner = *offset + child->offset;

          if ((found = find_member (child, name, &inner)) != NULL)
            {
              *offset = inner;
              return found;
            }
        }
    }
  return NULL;
}

static gboolean
path_error (GError    **error,
            const char *path,
            const char *reason)
{
  g_autofree char *shown = _shmview_quote_for_message (path);

  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
               _("Field “%s”: %s"), shown, reason);
  return FALSE;
}

/* "[N]" at *p, N < @count; moves *p past it. */
static gboolean
parse_index (const char **p,
             guint64      count,
             guint64     *index,
             const char  *path,
             GError     **error)
{
  char *end = NULL;
  guint64 value;

  if (!g_ascii_isdigit ((*p)[1]))
    return path_error (error, path, _("an index must be a number"));
  errno = 0;
  value = g_ascii_strtoull (*p + 1, &end, 10);
  if (errno != 0 || *end != ']')
    return path_error (error, path, _("an index must be a number in brackets"));
  if (value >= count)
    return path_error (error, path, _("the index is past the end of the array"));
  *index = value;
  *p = end + 1;
  return TRUE;
}

/**
 * shmview_layout_lookup:
 * @layout: a layout
 * @path: a leaf's path, "pts[1].y" (or "[2].pts[1].y" for an array placement)
 * @field: (out): the leaf
 * @offset: (out): its offset from the start of the placement
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @path names a leaf; else INVALID_ARGUMENT saying why
 */
gboolean
shmview_layout_lookup (ShmviewLayout       *layout,
                       const char          *path,
                       const ShmviewField **field,
                       guint64             *offset,
                       GError             **error)
{
  const ShmviewField *at;
  const char *p = path;
  guint64 where = 0, index;

  g_return_val_if_fail (layout != NULL && path != NULL, FALSE);

  at = layout->root;
  if (*p == '[')
    {
      if (!parse_index (&p, G_MAXUINT64, &index, path, error))
        return FALSE;
      where = index * layout->root->size;
    }
  where += at->offset;
  while (*p != '\0')
    {
      if (*p == '[')
        {
          if (at->kind != SHMVIEW_FIELD_ARRAY)
            return path_error (error, path, _("indexes a field that is not an array"));
          if (!parse_index (&p, at->count, &index, path, error))
            return FALSE;
          at = at->children->pdata[0];
          where += index * at->size + at->offset;
          continue;
        }
      if (*p == '.')
        p++;
      if (at->kind != SHMVIEW_FIELD_STRUCT && at->kind != SHMVIEW_FIELD_UNION)
        return path_error (error, path, _("names a member of a field that has none"));
      {
        gsize len = strcspn (p, ".[");
        g_autofree char *name = g_strndup (p, len);
        guint64 member_offset = 0;
        const ShmviewField *member = find_member (at, name, &member_offset);

        if (member == NULL)
          return path_error (error, path, _("no such member"));
        at = member;
        where += member_offset;
        p += len;
      }
    }
  if (is_container (at))
    return path_error (error, path, _("names a struct, union or array, not one value"));
  *field = at;
  *offset = where;
  return TRUE;
}

/* ---- values ---- */

static Wide
load_wide (const guint8 *data,
           gsize         size)
{
  Wide value = 0;

  /* The host's byte order: little-endian on every machine we build for. */
  memcpy (&value, data, MIN (size, sizeof value));
  return value;
}

static void
store_wide (guint8 *data,
            gsize   size,
            Wide    value)
{
  memcpy (data, &value, MIN (size, sizeof value));
}

static guint
value_bits (const ShmviewField *field)
{
  return field->bit_width > 0 ? field->bit_width : (guint) MIN (field->size, 16) * 8;
}

static Wide
bits_mask (guint bits)
{
  return bits >= 128 ? ~(Wide) 0 : (((Wide) 1 << bits) - 1);
}

/* The field's raw value, its bits at the bottom (unsigned). */
static Wide
load_raw (const ShmviewField *field,
          const guint8       *data)
{
  Wide all = load_wide (data, field->size);

  return (all >> field->bit_offset) & bits_mask (value_bits (field));
}

static gboolean
field_is_signed (const ShmviewField *field)
{
  return field->kind == SHMVIEW_FIELD_SIGNED
         || (field->kind == SHMVIEW_FIELD_ENUM && field->is_signed);
}

static __int128
load_signed (const ShmviewField *field,
             const guint8       *data)
{
  guint bits = value_bits (field);
  Wide raw = load_raw (field, data);

  if (bits < 128 && (raw >> (bits - 1)) & 1)
    raw |= ~bits_mask (bits);
  return (__int128) raw;
}

static char *
format_wide (Wide     magnitude,
             gboolean negative)
{
  char digits[48];
  int i = sizeof digits - 1;

  digits[i] = '\0';
  do
    {
      digits[--i] = (char) ('0' + (int) (magnitude % 10));
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (negative)
    digits[--i] = '-';
  return g_strdup (digits + i);
}

static char *
format_integer (const ShmviewField *field,
                const guint8       *data)
{
  if (field_is_signed (field))
    {
      __int128 value = load_signed (field, data);

      return format_wide (value < 0 ? -(Wide) value : (Wide) value, value < 0);
    }
  return format_wide (load_raw (field, data), FALSE);
}

/* The shortest text that reads back as the same value. */
static char *
format_double (double value,
               int    max_digits,
               float  (*narrow) (double))
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup (signbit (value) ? "-nan" : "nan");
  if (isinf (value))
    return g_strdup (value < 0 ? "-inf" : "inf");
  for (int digits = 1; digits <= max_digits; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (narrow != NULL ? narrow (g_ascii_strtod (buffer, NULL)) == (float) value
                         : g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static float
to_float (double value)
{
  return (float) value;
}

static char *
format_long_double (long double value)
{
  char buffer[64];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value < 0 ? "-inf" : "inf");
  for (int digits = 1; digits <= 21; digits++)
    {
      g_snprintf (buffer, sizeof buffer, "%.*Lg", digits, value);
      if (strtold (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static char *
format_float (const ShmviewField *field,
              const guint8       *data)
{
  if (field->size == sizeof (float))
    {
      float value;

      memcpy (&value, data, sizeof value);
      return format_double (value, 9, to_float);
    }
  if (field->size == sizeof (double))
    {
      double value;

      memcpy (&value, data, sizeof value);
      return format_double (value, 17, NULL);
    }
  {
    long double value = 0;

    memcpy (&value, data, MIN (field->size, sizeof value));
    return format_long_double (value);
  }
}

static const ShmviewEnumValue *
enum_by_value (const ShmviewField *field,
               gint64              value)
{
  for (guint i = 0; field->enum_values != NULL && i < field->enum_values->len; i++)
    {
      const ShmviewEnumValue *item = &g_array_index (field->enum_values, ShmviewEnumValue, i);

      if (item->value == value)
        return item;
    }
  return NULL;
}

static char *
format_string (const ShmviewField *field,
               const guint8       *data)
{
  g_autofree char *text = shmview_format_c_string (data, field->size);
  g_autofree char *escaped = shmview_format_escaped (text);
  GString *out = g_string_new ("\"");

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/**
 * shmview_field_format_value:
 * @field: a leaf
 * @data: its bytes (@field->size of them)
 *
 * Returns: (transfer full): the value as C would write it: 42, -1.5, RED,
 *   "text", 0x7ffc0010, true; bytes the layout cannot read as hex
 */
char *
shmview_field_format_value (const ShmviewField *field,
                            const guint8       *data)
{
  g_return_val_if_fail (field != NULL && data != NULL, NULL);

  switch (field->kind)
    {
    case SHMVIEW_FIELD_SIGNED:
    case SHMVIEW_FIELD_UNSIGNED:
      return format_integer (field, data);
    case SHMVIEW_FIELD_BOOL:
      return g_strdup (load_raw (field, data) != 0 ? "true" : "false");
    case SHMVIEW_FIELD_FLOAT:
      return format_float (field, data);
    case SHMVIEW_FIELD_ENUM:
      {
        gint64 value = field->is_signed ? (gint64) load_signed (field, data)
                                        : (gint64) load_raw (field, data);
        const ShmviewEnumValue *item = enum_by_value (field, value);

        if (item != NULL)
          return g_strdup (item->name);
        return format_integer (field, data);
      }
    case SHMVIEW_FIELD_POINTER:
      return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", (guint64) load_raw (field, data));
    case SHMVIEW_FIELD_STRING:
      return format_string (field, data);
    case SHMVIEW_FIELD_STRUCT:
    case SHMVIEW_FIELD_UNION:
    case SHMVIEW_FIELD_ARRAY:
    case SHMVIEW_FIELD_OPAQUE:
    default:
      return shmview_format_hex_text (data, field->size);
    }
}

gboolean
shmview_field_is_numeric (const ShmviewField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  switch (field->kind)
    {
    case SHMVIEW_FIELD_SIGNED:
    case SHMVIEW_FIELD_UNSIGNED:
    case SHMVIEW_FIELD_BOOL:
    case SHMVIEW_FIELD_FLOAT:
    case SHMVIEW_FIELD_ENUM:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * shmview_field_get_number:
 * @field: a numeric leaf (shmview_field_is_numeric())
 * @data: its bytes
 *
 * Returns: the value as a double (for graphs: large integers round)
 */
double
shmview_field_get_number (const ShmviewField *field,
                          const guint8       *data)
{
  g_return_val_if_fail (field != NULL && data != NULL, 0);

  if (field->kind == SHMVIEW_FIELD_FLOAT)
    {
      if (field->size == sizeof (float))
        {
          float value;

          memcpy (&value, data, sizeof value);
          return value;
        }
      if (field->size == sizeof (double))
        {
          double value;

          memcpy (&value, data, sizeof value);
          return value;
        }
      {
        long double value = 0;

        memcpy (&value, data, MIN (field->size, sizeof value));
        return (double) value;
      }
    }
  if (field_is_signed (field))
    return (double) load_signed (field, data);
  return (double) load_raw (field, data);
}

/* ---- parsing values ---- */

static gboolean
value_error (GError     **error,
             int          code,
             const char  *text,
             const char  *reason)
{
  g_autofree char *shown = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, code, _("“%s”: %s"), shown, reason);
  return FALSE;
}

/* Decimal, 0x-hex, 0 octal, an optional sign; the magnitude into @magnitude. */
static gboolean
parse_integer_text (const char *text,
                    Wide       *magnitude,
                    gboolean   *negative)
{
  const char *p = text;
  int base = 10;
  Wide value = 0;

  *negative = FALSE;
  if (*p == '-' || *p == '+')
    *negative = (*p++ == '-');
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && p[1] == 'b')
    base = 2, p += 2;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      int digit = g_ascii_xdigit_value (*p);

      if (*p == '_' || *p == '\'')  /* digit separators, as C23 and Python allow */
        continue;
      if (digit < 0 || digit >= base)
        return FALSE;
      if (value > (~(Wide) 0 - (Wide) digit) / (Wide) base)
        return FALSE;
      value = value * (Wide) base + (Wide) digit;
    }
  *magnitude = value;
  return TRUE;
}

/* The field's bits set to @raw (its low value_bits bits), neighbours kept. */
static void
store_raw (const ShmviewField *field,
           guint8             *data,
           Wide                raw)
{
  guint bits = value_bits (field);
  Wide mask = bits_mask (bits) << field->bit_offset;
  Wide all = load_wide (data, field->size);

  all = (all & ~mask) | ((raw << field->bit_offset) & mask);
  store_wide (data, field->size, all);
}

static gboolean
parse_integer (const ShmviewField *field,
               const char         *text,
               gboolean            is_signed,
               Wide               *raw,
               GError            **error)
{
  guint bits = value_bits (field);
  Wide magnitude;
  gboolean negative;

  if (!parse_integer_text (text, &magnitude, &negative))
    return value_error (error, SHMVIEW_ERROR_INVALID_ARGUMENT, text,
                        _("not a whole number (write 42, -7 or 0x2a)"));
  if (negative && magnitude != 0 && !is_signed)
    return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                        _("this field cannot hold a negative number"));
  if (is_signed)
    {
      Wide limit = (Wide) 1 << (bits - 1);

      if (negative ? magnitude > limit : magnitude >= limit)
        return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                            _("the number does not fit this field"));
      *raw = negative ? (Wide) 0 - magnitude : magnitude;
      return TRUE;
    }
  if (bits < 128 && magnitude > bits_mask (bits))
    return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                        _("the number does not fit this field"));
  *raw = magnitude;
  return TRUE;
}

static gboolean
parse_float (const ShmviewField *field,
             const char         *text,
             guint8             *data,
             GError            **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;
  long double value;

  errno = 0;
  value = strtold (trimmed, &end);
  if (trimmed[0] == '\0' || end == NULL || *end != '\0')
    return value_error (error, SHMVIEW_ERROR_INVALID_ARGUMENT, text,
                        _("not a number (write 3.5, -1e-3, inf or nan)"));
  if (field->size == sizeof (float))
    {
      float narrow = (float) value;

      if (isinf (narrow) && !isinf (value))
        return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                            _("the number does not fit this field"));
      memcpy (data, &narrow, sizeof narrow);
    }
  else if (field->size == sizeof (double))
    {
      double wide = (double) value;

      if (isinf (wide) && !isinf (value))
        return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                            _("the number does not fit this field"));
      memcpy (data, &wide, sizeof wide);
    }
  else
    memcpy (data, &value, MIN (field->size, sizeof value));
  return TRUE;
}

static gboolean
parse_enum (const ShmviewField *field,
            const char         *text,
            Wide               *raw,
            GError            **error)
{
  for (guint i = 0; field->enum_values != NULL && i < field->enum_values->len; i++)
    {
      const ShmviewEnumValue *item = &g_array_index (field->enum_values, ShmviewEnumValue, i);

      if (strcmp (item->name, text) == 0)
        {
          *raw = (Wide) (__int128) item->value;
          return TRUE;
        }
    }
  if (!g_ascii_isdigit (text[0]) && text[0] != '-' && text[0] != '+')
    return value_error (error, SHMVIEW_ERROR_INVALID_ARGUMENT, text,
                        _("not one of this enum's names, nor a number"));
  return parse_integer (field, text, field->is_signed, raw, error);
}

static gboolean
parse_bool (const char *text,
            Wide       *raw,
            GError    **error)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *raw = 1;
  else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *raw = 0;
  else
    return value_error (error, SHMVIEW_ERROR_INVALID_ARGUMENT, text,
                        _("write true, false, 1 or 0"));
  return TRUE;
}

static gboolean
parse_string (const ShmviewField *field,
              const char         *text,
              guint8             *data,
              gsize              *n_bytes,
              GError            **error)
{
  gsize len = strlen (text);

  if (len >= field->size)
    return value_error (error, SHMVIEW_ERROR_OUT_OF_RANGE, text,
                        _("too long for this field, with its terminating NUL"));
  /* The string and its NUL, as strcpy would store them; the rest stays. */
  memcpy (data, text, len + 1);
  *n_bytes = len + 1;
  return TRUE;
}

static gboolean
parse_opaque (const ShmviewField *field,
              const char         *text,
              guint8             *data,
              GError            **error)
{
  g_autoptr(GByteArray) bytes = shmview_parse_hex (text, error);

  if (bytes == NULL)
    return FALSE;
  if (bytes->len != field->size)
    return value_error (error, SHMVIEW_ERROR_INVALID_ARGUMENT, text,
                        _("give exactly as many hex bytes as the field holds"));
  memcpy (data, bytes->data, bytes->len);
  return TRUE;
}

/**
 * shmview_field_parse_value:
 * @field: a leaf
 * @text: its new value, as C would write it (enums by name too)
 * @data: (inout): the field's current bytes; its new bytes on success
 * @n_bytes: (out): how many bytes of @data to write
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is a value of the field's type; else
 *   INVALID_ARGUMENT (not such a value) or OUT_OF_RANGE (does not fit), and
 *   @data is left as it was
 */
gboolean
shmview_field_parse_value (const ShmviewField *field,
                           const char         *text,
                           guint8             *data,
                           gsize              *n_bytes,
                           GError            **error)
{
  Wide raw = 0;
  gboolean ok;

  g_return_val_if_fail (field != NULL && text != NULL && data != NULL, FALSE);
  g_return_val_if_fail (n_bytes != NULL, FALSE);

  *n_bytes = field->size;
  switch (field->kind)
    {
    case SHMVIEW_FIELD_SIGNED:
    case SHMVIEW_FIELD_UNSIGNED:
    case SHMVIEW_FIELD_POINTER:
      ok = parse_integer (field, text, field->kind == SHMVIEW_FIELD_SIGNED, &raw, error);
      break;
    case SHMVIEW_FIELD_BOOL:
      ok = parse_bool (text, &raw, error);
      break;
    case SHMVIEW_FIELD_ENUM:
      ok = parse_enum (field, text, &raw, error);
      break;
    case SHMVIEW_FIELD_FLOAT:
      return parse_float (field, text, data, error);
    case SHMVIEW_FIELD_STRING:
      return parse_string (field, text, data, n_bytes, error);
    default:
      return parse_opaque (field, text, data, error);
    }
  if (ok)
    store_raw (field, data, raw);
  return ok;
}
