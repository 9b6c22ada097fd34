/* shmview-parse.c: parsers for the numbers and bytes people type
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every error names the text, the bad character and its position, counted
 * in characters from 1 as people count them: “g” is at position 4 in "de g0".
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-parse.h"
#include "shmview-parse-private.h"

/* The character at @p for a message: "“g”", "“é”", "“\\t”", "(a space)". */
static char *
describe_char (const char *p)
{
  GString *out;

  if (*p == ' ')
    return g_strdup ("(a space)");
  out = g_string_new ("“");
  _shmview_append_printable_char (out, p, FALSE);
  g_string_append (out, "”");
  return g_string_free (out, FALSE);
}

/* The position of @p in @text, counted from 1 in characters (in bytes when
 * the text before it is not UTF-8, so the count still points somewhere). */
static glong
char_position (const char *text,
               const char *p)
{
  if (g_utf8_validate (text, p - text, NULL))
    return g_utf8_pointer_to_offset (text, p) + 1;
  return p - text + 1;
}

/* "Invalid WHAT “c” at position N in “TEXT”", and ": HINT" when given. */
static void
set_bad_char_hint (GError     **error,
                   const char  *what,
                   const char  *text,
                   const char  *p,
                   const char  *hint)
{
  g_autofree char *ch = describe_char (p);
  g_autofree char *quoted = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
               "Invalid %s %s at position %ld in “%s”%s%s",
               what, ch, char_position (text, p), quoted,
               hint != NULL ? ": " : "", hint != NULL ? hint : "");
}

static void
set_bad_char (GError     **error,
              const char  *what,
              const char  *text,
              const char  *p)
{
  set_bad_char_hint (error, what, text, p, NULL);
}

static void
set_missing_hint (GError     **error,
                  const char  *what,
                  const char  *text,
                  const char  *hint)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
               "Missing %s at the end of “%s”%s%s", what, quoted,
               hint != NULL ? ": " : "", hint != NULL ? hint : "");
}

static void
set_missing (GError     **error,
             const char  *what,
             const char  *text)
{
  set_missing_hint (error, what, text, NULL);
}

/* @p is where something else was expected: report the character or the end. */
static void
set_unexpected (GError     **error,
                const char  *what,
                const char  *text,
                const char  *p)
{
  if (*p == '\0')
    set_missing (error, what, text);
  else
    set_bad_char (error, what, text, p);
}

/* "BEFORE “TEXT” AFTER", with @text quoted for a message. */
static void
set_quoted (GError     **error,
            gint         code,
            const char  *before,
            const char  *text,
            const char  *after)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);

  g_set_error (error, SHMVIEW_ERROR, code, "%s “%s” %s", before, quoted, after);
}

static void
set_empty (GError     **error,
           const char  *what)
{
  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT, "Empty %s", what);
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
has_hex_prefix (const char *p)
{
  return p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
}

/* Digits in @base from *@p, advancing it. FALSE on overflow of 64 bits. */
static gboolean
scan_digits (const char **p,
             guint        base,
             guint64     *out)
{
  guint64 value = 0;
  int digit;

  for (; (digit = base == 16 ? hex_value (**p) : g_ascii_digit_value (**p)) >= 0; (*p)++)
    {
      if (value > (G_MAXUINT64 - digit) / base)
        return FALSE;
      value = value * base + digit;
    }
  *out = value;
  return TRUE;
}

/* The binary unit at *@p: "", "B", "K", "KB", "KiB" (any case), …; advances
 * past what it understood and returns the shift. */
static guint
scan_unit (const char **p)
{
  static const char units[] = "KMGTPE";
  const char *u = **p != '\0' ? strchr (units, g_ascii_toupper (**p)) : NULL;
  guint shift = 0;

  if (u != NULL)
    {
      shift = 10 * (guint) (u - units + 1);
      (*p)++;
      if (g_ascii_tolower ((*p)[0]) == 'i' && g_ascii_tolower ((*p)[1]) == 'b')
        (*p)++;
    }
  if (g_ascii_tolower (**p) == 'b')
    (*p)++;
  return shift;
}

/* A number with an optional unit, from @start (inside @text) to the end. */
static gboolean
parse_number (const char  *text,
              const char  *start,
              const char  *what,
              guint64     *out,
              GError     **error)
{
  const char *p = start;
  guint base = 10;
  guint64 value;
  guint shift;

  if (*text == '\0')
    {
      set_empty (error, what);
      return FALSE;
    }
  if (has_hex_prefix (p))
    {
      base = 16;
      p += 2;
    }
  if ((base == 16 ? hex_value (*p) : g_ascii_digit_value (*p)) < 0)
    {
      set_unexpected (error, base == 16 ? "hex digit" : "digit", text, p);
      return FALSE;
    }
  if (!scan_digits (&p, base, &value))
    goto too_large;
  shift = scan_unit (&p);
  if (*p != '\0')
    {
      set_bad_char (error, "character", text, p);
      return FALSE;
    }
  if (shift > 0 && value > (G_MAXUINT64 >> shift))
    goto too_large;

  *out = value << shift;
  return TRUE;

too_large:
  {
    g_autofree char *the_what = g_strconcat ("The ", what, NULL);

    set_quoted (error, SHMVIEW_ERROR_INVALID_ARGUMENT, the_what, text,
                "is too large (more than 64 bits)");
    return FALSE;
  }
}

/**
 * shmview_parse_size:
 * @text: "256", "0x100", "4K", "1M", "2G", "1T", "4KiB", "4kb"
 * @out: (out): the size in bytes
 * @error: return location for a #GError
 *
 * Parses a size with binary units. No sign, no spaces, no overflow.
 *
 * Returns: %TRUE on success, else %FALSE with %SHMVIEW_ERROR_INVALID_ARGUMENT
 */
gboolean
shmview_parse_size (const char  *text,
                    guint64     *out,
                    GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_number (text, text, "size", out, error);
}

/**
 * shmview_parse_offset:
 * @text: "4096", "0x1000", "4K", "+16", "-0x10"
 * @current: what "+N" and "-N" are relative to
 * @limit: the largest acceptable result
 * @out: (out): the offset
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE with %SHMVIEW_ERROR_INVALID_ARGUMENT for
 *   text it cannot read, %SHMVIEW_ERROR_OUT_OF_RANGE for a result below 0 or
 *   above @limit
 */
gboolean
shmview_parse_offset (const char  *text,
                      guint64      current,
                      guint64      limit,
                      guint64     *out,
                      GError     **error)
{
  gboolean relative = text != NULL && (text[0] == '+' || text[0] == '-');
  guint64 value, result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!parse_number (text, relative ? text + 1 : text, "offset", &value, error))
    return FALSE;

  result = value;
  if (text[0] == '+')
    result = current + value;
  else if (text[0] == '-')
    result = current - value;

  if ((text[0] == '-' && value > current)
      || (text[0] == '+' && result < current)
      || result > limit)
    {
      g_autofree char *outside = g_strdup_printf ("is outside 0 … %" G_GUINT64_FORMAT
                                                  " (0x%" G_GINT64_MODIFIER "x)", limit, limit);

      set_quoted (error, SHMVIEW_ERROR_OUT_OF_RANGE, "Offset", text, outside);
      return FALSE;
    }
  *out = result;
  return TRUE;
}

static gboolean
is_hex_separator (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '-';
}

/* One group of digits between separators, "dead" or "0xde", appended to @bytes. */
static const char *
parse_hex_group (const char  *text,
                 const char  *p,
                 GByteArray  *bytes,
                 GError     **error)
{
  const char *group = p;
  const char *digits;

  if (has_hex_prefix (p))
    p += 2;
  digits = p;
  while (hex_value (*p) >= 0)
    p++;

  if (*p != '\0' && !is_hex_separator (*p))
    {
      set_bad_char (error, "hex digit", text, p);
      return NULL;
    }
  if (p == digits || (p - digits) % 2 != 0)
    {
      g_autofree char *quoted = _shmview_quote_for_message (text);

      if (p == digits)
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                     "“0x” without hex digits at position %ld in “%s”",
                     char_position (text, group), quoted);
      else
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                     "Odd number of hex digits in “%.*s” at position %ld in “%s”: "
                     "each byte needs two", (int) (p - group), group,
                     char_position (text, group), quoted);
      return NULL;
    }
  for (const char *d = digits; d < p; d += 2)
    {
      guint8 byte = (guint8) (hex_value (d[0]) << 4 | hex_value (d[1]));
      g_byte_array_append (bytes, &byte, 1);
    }
  return p;
}

/**
 * shmview_parse_hex:
 * @text: "de ad", "dead", "0xde,0xad", "DE:AD", …
 * @error: return location for a #GError
 *
 * Parses hex byte text. Separators are space, tab, line breaks, ',', ':' and
 * '-'; a group between them may start with "0x" and must hold an even number
 * of digits.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with
 *   %SHMVIEW_ERROR_INVALID_ARGUMENT set
 */
GByteArray *
shmview_parse_hex (const char  *text,
                   GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_byte_array_sized_new (strlen (text) / 2);
  while (*p != '\0')
    {
      if (is_hex_separator (*p))
        p++;
      else if ((p = parse_hex_group (text, p, bytes, error)) == NULL)
        return NULL;
    }
  if (bytes->len == 0)
    {
      set_empty (error, "hex text (no bytes in it)");
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

#define ONE_CHARACTER "a quoted byte holds one ASCII character, such as 'A'"

/* The one character after the opening quote at *@p: 'A' or an escape
 * ('\n', '\0', '\\', '\''); advances *@p past it. */
static gboolean
scan_quoted_char (const char   *text,
                  const char  **p,
                  guint8       *value,
                  GError      **error)
{
  static const char escapes[] = "0\0n\nt\tr\r\\\\''";
  const char *c = *p;

  if (c[0] == '\\' && c[1] != '\0')
    {
      for (gsize i = 0; i < sizeof escapes - 1; i += 2)
        if (escapes[i] == c[1])
          {
            *value = (guint8) escapes[i + 1];
            *p += 2;
            return TRUE;
          }
      set_bad_char (error, "escape", text, c + 1);
      return FALSE;
    }
  if ((guchar) *c >= 0x20 && (guchar) *c < 0x7f && *c != '\'')
    {
      *value = (guint8) *c;
      *p += 1;
      return TRUE;
    }
  if (*c == '\0')
    set_missing_hint (error, "character", text, ONE_CHARACTER);
  else
    set_bad_char_hint (error, "character", text, c, ONE_CHARACTER);
  return FALSE;
}

/* 'A', '\n', '\0', '\\', '\'' */
static gboolean
parse_quoted_byte (const char  *text,
                   guint8      *out,
                   GError     **error)
{
  const char *p = text + 1;
  guint8 value;

  if (!scan_quoted_char (text, &p, &value, error))
    return FALSE;
  if (*p == '\0')
    {
      set_missing (error, "closing quote", text);
      return FALSE;
    }
  if (*p != '\'')
    {
      set_bad_char_hint (error, "character", text, p, ONE_CHARACTER);
      return FALSE;
    }
  if (p[1] != '\0')
    {
      set_bad_char_hint (error, "character", text, p + 1, "nothing may follow the closing quote");
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/**
 * shmview_parse_byte:
 * @text: "65", "0x41" or "'A'" (also '\n', '\t', '\r', '\0', '\\', '\'')
 * @out: (out): the byte
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %SHMVIEW_ERROR_INVALID_ARGUMENT
 */
gboolean
shmview_parse_byte (const char  *text,
                    guint8      *out,
                    GError     **error)
{
  guint64 value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (text[0] == '\'')
    return parse_quoted_byte (text, out, error);
  if (!parse_number (text, text, "byte", &value, error))
    return FALSE;
  if (value > 255)
    {
      set_quoted (error, SHMVIEW_ERROR_INVALID_ARGUMENT, "Byte value", text, "is outside 0 … 255");
      return FALSE;
    }
  *out = (guint8) value;
  return TRUE;
}

/**
 * shmview_parse_mode:
 * @text: "600", "0600" or "0o600"
 * @out: (out): the permission bits
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %SHMVIEW_ERROR_INVALID_ARGUMENT
 */
gboolean
shmview_parse_mode (const char  *text,
                    guint       *out,
                    GError     **error)
{
  const char *p = text;
  guint value = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (*p == '\0')
    {
      set_empty (error, "mode");
      return FALSE;
    }
  if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
    p += 2;
  if (*p == '\0')
    {
      set_missing (error, "octal digit", text);
      return FALSE;
    }
  for (; *p != '\0'; p++)
    {
      if (*p < '0' || *p > '7')
        {
          set_bad_char (error, "octal digit", text, p);
          return FALSE;
        }
      value = value * 8 + (guint) (*p - '0');
      if (value > 07777)
        {
          set_quoted (error, SHMVIEW_ERROR_INVALID_ARGUMENT, "Mode", text, "is larger than 07777");
          return FALSE;
        }
    }
  *out = value;
  return TRUE;
}
