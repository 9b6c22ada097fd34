/* shmview-inspect.c: bytes read as typed values, and values written as bytes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding assembles values byte by byte in the order asked for, so the
 * result never depends on the host's own byte order or alignment. Parsing
 * is strict: a value that does not fit its type is OUT_OF_RANGE (never
 * wrapped or rounded to infinity), anything that is not a value of the type
 * INVALID_ARGUMENT, and in both cases nothing is encoded.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-inspect.h"
#include "shmview-parse-private.h"

typedef struct
{
  const char *name;   /* the name without a byte order suffix */
  guint       size;
  gboolean    has_order;
} TypeInfo;

static const TypeInfo type_info[SHMVIEW_N_VALUE_TYPES] = {
  [SHMVIEW_VALUE_U8]         = { "u8",      1, FALSE },
  [SHMVIEW_VALUE_I8]         = { "i8",      1, FALSE },
  [SHMVIEW_VALUE_U16]        = { "u16",     2, TRUE },
  [SHMVIEW_VALUE_I16]        = { "i16",     2, TRUE },
  [SHMVIEW_VALUE_U32]        = { "u32",     4, TRUE },
  [SHMVIEW_VALUE_I32]        = { "i32",     4, TRUE },
  [SHMVIEW_VALUE_U64]        = { "u64",     8, TRUE },
  [SHMVIEW_VALUE_I64]        = { "i64",     8, TRUE },
  [SHMVIEW_VALUE_F32]        = { "f32",     4, TRUE },
  [SHMVIEW_VALUE_F64]        = { "f64",     8, TRUE },
  [SHMVIEW_VALUE_BINARY]     = { "bin",     1, FALSE },
  [SHMVIEW_VALUE_OCTAL]      = { "oct",     1, FALSE },
  [SHMVIEW_VALUE_CHAR]       = { "char",    1, FALSE },
  [SHMVIEW_VALUE_UTF16]      = { "utf16",   2, TRUE },
  [SHMVIEW_VALUE_TIME_UTC]   = { "time64",  8, TRUE },
  [SHMVIEW_VALUE_TIME_LOCAL] = { "ltime64", 8, TRUE },
  [SHMVIEW_VALUE_CSTRING]    = { "cstring", 1, FALSE },
};

/**
 * shmview_value_type_get_size:
 * @type: a value type
 *
 * Returns: the bytes @type takes; for CHAR and CSTRING the least (1), since
 *   they take as many as their contents need.
 */
gsize
shmview_value_type_get_size (ShmviewValueType type)
{
  g_return_val_if_fail (type < SHMVIEW_N_VALUE_TYPES, 0);
  return type_info[type].size;
}

/**
 * shmview_value_type_has_order:
 * @type: a value type
 *
 * Returns: whether @type reads differently in little and big endian order.
 */
gboolean
shmview_value_type_has_order (ShmviewValueType type)
{
  g_return_val_if_fail (type < SHMVIEW_N_VALUE_TYPES, FALSE);
  return type_info[type].has_order;
}

/**
 * shmview_value_type_is_editable:
 * @type: a value type
 *
 * Returns: whether shmview_value_parse() can encode @type (all but the
 *   C string length, which is not a value stored anywhere).
 */
gboolean
shmview_value_type_is_editable (ShmviewValueType type)
{
  g_return_val_if_fail (type < SHMVIEW_N_VALUE_TYPES, FALSE);
  return type != SHMVIEW_VALUE_CSTRING;
}

/**
 * shmview_value_type_to_string:
 * @type: a value type
 * @order: its byte order, ignored for single-byte types
 *
 * Returns: the short name `shmtool --as` takes: "u8", "u32le", "f64be".
 */
const char *
shmview_value_type_to_string (ShmviewValueType type,
                              ShmviewByteOrder order)
{
  /* Built once: every name with both suffixes, for a stable const char *. */
  static char *names[SHMVIEW_N_VALUE_TYPES][2];
  static gsize initialised;

  g_return_val_if_fail (type < SHMVIEW_N_VALUE_TYPES, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
        for (guint o = 0; o < 2; o++)
          names[t][o] = type_info[t].has_order
                        ? g_strconcat (type_info[t].name, o == 0 ? "le" : "be", NULL)
                        : g_strdup (type_info[t].name);
      g_once_init_leave (&initialised, 1);
    }
  return names[type][order == SHMVIEW_BYTE_ORDER_BIG];
}

/**
 * shmview_value_type_list_names:
 *
 * Returns: (transfer full): every name shmview_value_type_from_string()
 *   takes, comma-separated, for help and error texts.
 */
char *
shmview_value_type_list_names (void)
{
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    for (guint o = 0; o < (type_info[t].has_order ? 2u : 1u); o++)
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "",
                              shmview_value_type_to_string (t, o));
  return g_string_free (out, FALSE);
}

/**
 * shmview_value_type_from_string:
 * @text: a name such as "u32le", "i8", "f64be"
 * @type: (out): the type
 * @order: (out): the byte order (little for single-byte types)
 * @error: INVALID_ARGUMENT for an unknown name, or a multi-byte type
 *   without "le" or "be"
 *
 * Returns: whether @text names a type.
 */
gboolean
shmview_value_type_from_string (const char        *text,
                                ShmviewValueType  *type,
                                ShmviewByteOrder  *order,
                                GError           **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    for (guint o = 0; o < 2; o++)
      if (g_ascii_strcasecmp (text, shmview_value_type_to_string (t, o)) == 0)
        {
          *type = t;
          *order = type_info[t].has_order ? o : SHMVIEW_BYTE_ORDER_LITTLE;
          return TRUE;
        }

  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    if (type_info[t].has_order && g_ascii_strcasecmp (text, type_info[t].name) == 0)
      {
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                     "Type “%s” needs a byte order: %sle or %sbe", text,
                     type_info[t].name, type_info[t].name);
        return FALSE;
      }

  {
    g_autofree char *names = shmview_value_type_list_names ();
    g_autofree char *quoted = _shmview_quote_for_message (text);

    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                 "Unknown type “%s” (use one of %s)", quoted, names);
  }
  return FALSE;
}

/**
 * shmview_value_decode_unsigned:
 * @data: at least @size bytes
 * @size: 1 to 8
 * @order: byte order
 *
 * Returns: the unsigned integer the bytes hold.
 */
guint64
shmview_value_decode_unsigned (const guint8     *data,
                               gsize             size,
                               ShmviewByteOrder  order)
{
  guint64 v = 0;

  g_return_val_if_fail (size >= 1 && size <= 8, 0);

  for (gsize i = 0; i < size; i++)
    {
      gsize k = order == SHMVIEW_BYTE_ORDER_BIG ? i : size - 1 - i;
      v = (v << 8) | data[k];
    }
  return v;
}

/**
 * shmview_value_decode_signed:
 * @data: at least @size bytes
 * @size: 1 to 8
 * @order: byte order
 *
 * Returns: the two's complement integer the bytes hold, sign-extended.
 */
gint64
shmview_value_decode_signed (const guint8     *data,
                             gsize             size,
                             ShmviewByteOrder  order)
{
  guint64 v = shmview_value_decode_unsigned (data, size, order);
  guint shift = 64 - 8 * size;

  if (shift == 0)
    return (gint64) v;
  /* Sign-extend through the top bit of the value's own width. */
  if (v & (G_GUINT64_CONSTANT (1) << (8 * size - 1)))
    v |= ~G_GUINT64_CONSTANT (0) << (8 * size);
  return (gint64) v;
}

/**
 * shmview_value_decode_float:
 * @data: at least @size bytes
 * @size: 4 (IEEE 754 single) or 8 (double)
 * @order: byte order
 *
 * Returns: the float the bytes hold, as a double (NaN payloads aside, exact).
 */
double
shmview_value_decode_float (const guint8     *data,
                            gsize             size,
                            ShmviewByteOrder  order)
{
  guint64 bits = shmview_value_decode_unsigned (data, size, order);

  g_return_val_if_fail (size == 4 || size == 8, 0.0);

  if (size == 4)
    {
      guint32 b32 = (guint32) bits;
      float f;

      memcpy (&f, &b32, sizeof f);
      return f;
    }
  else
    {
      double d;

      memcpy (&d, &bits, sizeof d);
      return d;
    }
}

static void
encode_unsigned (guint64           v,
                 gsize             size,
                 ShmviewByteOrder  order,
                 guint8           *out)
{
  for (gsize i = 0; i < size; i++)
    {
      gsize k = order == SHMVIEW_BYTE_ORDER_BIG ? size - 1 - i : i;
      out[k] = (guint8) (v >> (8 * i));
    }
}

/* The shortest text that reads back as the same float of @size bytes. */
static char *
format_float (double v,
              gsize  size)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup ("NaN");
  if (isinf (v))
    return g_strdup (v > 0 ? "inf" : "-inf");

  for (int digits = size == 4 ? 6 : 15; digits <= 17; digits++)
    {
      char fmt[8];
      double back;

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, fmt, v);
      back = g_ascii_strtod (buffer, NULL);
      if ((size == 4 && (float) back == (float) v) || (size == 8 && back == v))
        break;
    }
  return g_strdup (buffer);
}

/* "A (U+0041)", "\n (U+000A)", "é (U+00E9)". */
static char *
format_code_point (gunichar c)
{
  char utf8[8] = { 0 };
  GString *out = g_string_new (NULL);

  g_unichar_to_utf8 (c, utf8);
  _shmview_append_printable_char (out, utf8, TRUE);
  g_string_append_printf (out, " (U+%04" G_GINT32_MODIFIER "X)", c);
  return g_string_free (out, FALSE);
}

static char *
format_char (const guint8 *data,
             gsize         available,
             GError      **error)
{
  gunichar c = g_utf8_get_char_validated ((const char *) data, MIN (available, 4));

  if (c == (gunichar) -2)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "The UTF-8 character runs past the end");
      return NULL;
    }
  if (c == (gunichar) -1)
    return g_strdup_printf ("0x%02X (not ASCII or UTF-8)", data[0]);
  return format_code_point (c);
}

static char *
format_utf16 (guint16 unit)
{
  if (unit >= 0xd800 && unit <= 0xdfff)
    return g_strdup_printf ("U+%04X (%s surrogate)", unit, unit < 0xdc00 ? "high" : "low");
  return format_code_point (unit);
}

static char *
format_time (gint64       seconds,
             gboolean     local,
             GError     **error)
{
  g_autoptr(GDateTime) dt = local ? g_date_time_new_from_unix_local (seconds)
                                  : g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "%" G_GINT64_FORMAT " seconds is outside the years 1 to 9999", seconds);
      return NULL;
    }
  return g_date_time_format (dt, local ? "%Y-%m-%d %H:%M:%S%:z" : "%Y-%m-%d %H:%M:%S UTC");
}

static char *
format_binary (guint8 byte)
{
  char out[9];

  for (int i = 0; i < 8; i++)
    out[i] = (byte & (0x80 >> i)) ? '1' : '0';
  out[8] = '\0';
  return g_strdup (out);
}

/**
 * shmview_value_format:
 * @type: the value type
 * @order: its byte order
 * @data: the bytes at the value's offset
 * @available: how many bytes there are before the end of the region (or of
 *   the bytes read; a C string is looked for in these alone)
 * @error: OUT_OF_RANGE when the value runs past @available, or a time is
 *   outside the years 1 to 9999
 *
 * Returns: (transfer full) (nullable): the value as text, in the C locale:
 *   "-1", "3.5", "01000001", "2026-12-05 13:06:42 UTC", "7 bytes".
 */
char *
shmview_value_format (ShmviewValueType   type,
                      ShmviewByteOrder   order,
                      const guint8      *data,
                      gsize              available,
                      GError           **error)
{
  gsize size;

  g_return_val_if_fail (type < SHMVIEW_N_VALUE_TYPES, NULL);
  g_return_val_if_fail (data != NULL || available == 0, NULL);

  size = type_info[type].size;
  if (available < size)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   "Past the end: %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes left",
                   available, size);
      return NULL;
    }

  switch (type)
    {
    case SHMVIEW_VALUE_U8:
    case SHMVIEW_VALUE_U16:
    case SHMVIEW_VALUE_U32:
    case SHMVIEW_VALUE_U64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT,
                              shmview_value_decode_unsigned (data, size, order));
    case SHMVIEW_VALUE_I8:
    case SHMVIEW_VALUE_I16:
    case SHMVIEW_VALUE_I32:
    case SHMVIEW_VALUE_I64:
      return g_strdup_printf ("%" G_GINT64_FORMAT,
                              shmview_value_decode_signed (data, size, order));
    case SHMVIEW_VALUE_F32:
    case SHMVIEW_VALUE_F64:
      return format_float (shmview_value_decode_float (data, size, order), size);
    case SHMVIEW_VALUE_BINARY:
      return format_binary (data[0]);
    case SHMVIEW_VALUE_OCTAL:
      return g_strdup_printf ("%03o", data[0]);
    case SHMVIEW_VALUE_CHAR:
      return format_char (data, available, error);
    case SHMVIEW_VALUE_UTF16:
      return format_utf16 ((guint16) shmview_value_decode_unsigned (data, 2, order));
    case SHMVIEW_VALUE_TIME_UTC:
    case SHMVIEW_VALUE_TIME_LOCAL:
      return format_time (shmview_value_decode_signed (data, 8, order),
                          type == SHMVIEW_VALUE_TIME_LOCAL, error);
    case SHMVIEW_VALUE_CSTRING:
      {
        const guint8 *nul = memchr (data, 0, available);

        if (nul == NULL)
          {
            g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                         "No NUL in the %" G_GSIZE_FORMAT " bytes to the end", available);
            return NULL;
          }
        return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", (gsize) (nul - data));
      }
    case SHMVIEW_N_VALUE_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_invalid (GError     **error,
             const char  *text,
             const char  *what)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
               "“%s” is not %s", quoted, what);
  return FALSE;
}

static gboolean
set_out_of_range (GError     **error,
                  const char  *text,
                  const char  *type_name)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
               "%s does not fit in %s", quoted, type_name);
  return FALSE;
}

/* Digits of @base only, at least one, no overflow past 64 bits. */
static gboolean
parse_digits (const char *p,
              guint       base,
              guint64    *out,
              gboolean   *overflow)
{
  guint64 v = 0;

  *overflow = FALSE;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      int d = g_ascii_xdigit_value (*p);

      if (d < 0 || (guint) d >= base)
        return FALSE;
      if (v > (G_MAXUINT64 - (guint) d) / base)
        *overflow = TRUE;
      v = v * base + (guint) d;
    }
  *out = v;
  return TRUE;
}

/* "-12", "+7", "0x1F", "-0x80": sign and magnitude, decimal or 0x-hex. */
static gboolean
parse_integer (const char *text,
               gboolean   *negative,
               guint64    *magnitude,
               gboolean   *overflow)
{
  const char *p = text;
  guint base = 10;

  *negative = FALSE;
  if (*p == '-' || *p == '+')
    *negative = *p++ == '-';
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    {
      base = 16;
      p += 2;
    }
  return parse_digits (p, base, magnitude, overflow);
}

static gboolean
parse_int_value (ShmviewValueType   type,
                 ShmviewByteOrder   order,
                 const char        *text,
                 guint8            *out,
                 GError           **error)
{
  gsize size = type_info[type].size;
  gboolean is_signed = type == SHMVIEW_VALUE_I8 || type == SHMVIEW_VALUE_I16 ||
                       type == SHMVIEW_VALUE_I32 || type == SHMVIEW_VALUE_I64;
  guint64 umax = size == 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * size)) - 1;
  gboolean negative, overflow;
  guint64 magnitude, bits;

  if (!parse_integer (text, &negative, &magnitude, &overflow))
    return set_invalid (error, text, "a whole number (decimal or 0x-hex)");
  if (negative && magnitude == 0)
    negative = FALSE;

  if (overflow)
    return set_out_of_range (error, text, type_info[type].name);
  if (!is_signed)
    {
      if (negative || magnitude > umax)
        return set_out_of_range (error, text, type_info[type].name);
      bits = magnitude;
    }
  else
    {
      guint64 max_positive = umax >> 1;

      /* The most negative value has a magnitude one past the most positive. */
      if ((!negative && magnitude > max_positive) || (negative && magnitude > max_positive + 1))
        return set_out_of_range (error, text, type_info[type].name);
      bits = negative ? (guint64) 0 - magnitude : magnitude;
    }
  encode_unsigned (bits, size, order, out);
  return TRUE;
}

static gboolean
parse_float_value (ShmviewValueType   type,
                   ShmviewByteOrder   order,
                   const char        *text,
                   guint8            *out,
                   GError           **error)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return set_invalid (error, text, "a number (such as 3.5, -1e-3, inf or nan)");
  /* A finite value too large for the type: ERANGE for a double; for a
   * float one that rounds to infinity. Underflow to 0 is accepted. */
  if ((errno == ERANGE && isinf (v)) ||
      (type == SHMVIEW_VALUE_F32 && isfinite (v) && isinf ((float) v)))
    return set_out_of_range (error, text, type_info[type].name);

  if (type == SHMVIEW_VALUE_F32)
    {
      float f = (float) v;
      guint32 bits;

      memcpy (&bits, &f, sizeof bits);
      encode_unsigned (bits, 4, order, out);
    }
  else
    {
      guint64 bits;

      memcpy (&bits, &v, sizeof bits);
      encode_unsigned (bits, 8, order, out);
    }
  return TRUE;
}

/* "0b0100_0001" is not taken; "0b01000001", "01000001", "1" are. */
static gboolean
parse_radix_byte (const char  *text,
                  guint        base,
                  const char  *prefix,
                  const char  *what,
                  guint8      *out,
                  GError     **error)
{
  const char *p = text;
  gboolean overflow;
  guint64 v;

  if (g_ascii_strncasecmp (p, prefix, strlen (prefix)) == 0)
    p += strlen (prefix);
  if (!parse_digits (p, base, &v, &overflow))
    return set_invalid (error, text, what);
  if (overflow || v > 0xff)
    return set_out_of_range (error, text, "a byte");
  *out = (guint8) v;
  return TRUE;
}

/* One character, or "U+XXXX"; @max the highest code point allowed. */
static gboolean
parse_code_point (const char  *text,
                  gunichar     max,
                  gunichar    *out,
                  GError     **error)
{
  if ((text[0] == 'U' || text[0] == 'u') && text[1] == '+')
    {
      gboolean overflow;
      guint64 v;

      if (!parse_digits (text + 2, 16, &v, &overflow) || text[2] == '\0')
        return set_invalid (error, text, "a character or U+ and a hex code point");
      if (overflow || v > max || (max > 0xffff && v >= 0xd800 && v <= 0xdfff))
        return set_out_of_range (error, text, max > 0xffff ? "a character" : "a UTF-16 unit");
      *out = (gunichar) v;
      return TRUE;
    }
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) != 1)
    return set_invalid (error, text, "one character");
  *out = g_utf8_get_char (text);
  if (*out > max)
    return set_out_of_range (error, text, "a UTF-16 unit");
  return TRUE;
}

static gboolean
parse_time_value (ShmviewValueType   type,
                  ShmviewByteOrder   order,
                  const char        *text,
                  guint8            *out,
                  GError           **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  gboolean negative, overflow;
  guint64 magnitude;

  /* Seconds since the epoch, as a time_t holds them. */
  if (parse_integer (text, &negative, &magnitude, &overflow))
    return parse_int_value (SHMVIEW_VALUE_I64, order, text, out, error);

  /* Or a date as we print it ("… UTC" or with an offset), or ISO 8601. */
  iso = g_str_has_suffix (text, " UTC") ? g_strndup (text, strlen (text) - 4) : g_strdup (text);
  tz = type == SHMVIEW_VALUE_TIME_LOCAL ? g_time_zone_new_local () : g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (iso, tz);
  if (dt == NULL)
    return set_invalid (error, text, "seconds since 1970 or a date such as 2026-12-05 13:06:42");
  encode_unsigned ((guint64) g_date_time_to_unix (dt), 8, order, out);
  return TRUE;
}

/**
 * shmview_value_parse:
 * @type: the value type (not CSTRING)
 * @order: its byte order
 * @text: what was typed: "-12", "0x1F", "3.5", "1e-3", "01000001", "é",
 *   "U+00E9", "1764940002", "2026-12-05 13:06:42 UTC"; blanks around it are
 *   ignored
 * @out: (out caller-allocates): room for SHMVIEW_VALUE_MAX_SIZE bytes
 * @length: (out): how many bytes of @out the value takes
 * @error: INVALID_ARGUMENT when @text is not a value of @type, OUT_OF_RANGE
 *   when it is one that does not fit (300 for u8, -1 for u32, 1e39 for f32)
 *
 * Encodes @text as @type in @order; on failure @out is left alone.
 *
 * Returns: whether @text was a value of @type.
 */
gboolean
shmview_value_parse (ShmviewValueType   type,
                     ShmviewByteOrder   order,
                     const char        *text,
                     guint8            *out,
                     gsize             *length,
                     GError           **error)
{
  guint8 bytes[SHMVIEW_VALUE_MAX_SIZE];
  g_autofree char *stripped = NULL;
  gunichar c;
  gboolean ok;

  g_return_val_if_fail (shmview_value_type_is_editable (type), FALSE);
  g_return_val_if_fail (text != NULL && out != NULL && length != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  *length = type_info[type].size;

  switch (type)
    {
    case SHMVIEW_VALUE_F32:
    case SHMVIEW_VALUE_F64:
      ok = parse_float_value (type, order, stripped, bytes, error);
      break;
    case SHMVIEW_VALUE_BINARY:
      ok = parse_radix_byte (stripped, 2, "0b", "binary digits", bytes, error);
      break;
    case SHMVIEW_VALUE_OCTAL:
      ok = parse_radix_byte (stripped, 8, "0o", "octal digits", bytes, error);
      break;
    case SHMVIEW_VALUE_CHAR:
      /* A space is a character: only here is the text taken as typed. */
      ok = parse_code_point (*stripped != '\0' ? stripped : text, 0x10ffff, &c, error);
      if (ok)
        *length = g_unichar_to_utf8 (c, (char *) bytes);
      break;
    case SHMVIEW_VALUE_UTF16:
      ok = parse_code_point (*stripped != '\0' ? stripped : text, 0xffff, &c, error);
      if (ok)
        encode_unsigned (c, 2, order, bytes);
      break;
    case SHMVIEW_VALUE_TIME_UTC:
    case SHMVIEW_VALUE_TIME_LOCAL:
      ok = parse_time_value (type, order, stripped, bytes, error);
      break;
    case SHMVIEW_VALUE_CSTRING:
    case SHMVIEW_N_VALUE_TYPES:
      g_assert_not_reached ();
    default:
      ok = parse_int_value (type, order, stripped, bytes, error);
      break;
    }

  if (!ok)
    return FALSE;
  memcpy (out, bytes, *length);
  return TRUE;
}
