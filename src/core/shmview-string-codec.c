/* shmview-string-codec.c: bytes as editable text and back (pure functions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text widgets show only UTF-8, while a C string in a region or a POSIX
 * object's name may hold any byte: these functions escape what cannot be
 * shown and undo those escapes for what a person typed.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "shmview-error.h"
#include "shmview-string-codec.h"

static gboolean
is_latin1 (const char *encoding)
{
  return g_strcmp0 (encoding, "latin-1") == 0;
}

static void
append_escape (GString *out,
               guint8   byte)
{
  g_string_append_printf (out, "\\x%02x", byte);
}

/**
 * shmview_string_decode:
 * @data: the bytes of a C string, without its NUL
 * @length: their count
 * @encoding: "utf-8" or "latin-1"
 *
 * Control characters, the backslash and (in UTF-8) invalid bytes come out as
 * C escapes, so every byte is visible and the text encodes back to the same
 * bytes with shmview_string_encode().
 *
 * Returns: (transfer full): valid UTF-8 text.
 */
char *
shmview_string_decode (const guint8 *data,
                       gsize         length,
                       const char   *encoding)
{
  gboolean latin1 = is_latin1 (encoding);
  GString *out = g_string_sized_new (length + 1);
  gsize i = 0;

  while (i < length)
    {
      guint8 b = data[i];
      gunichar c;
      gsize n;

      if (b == '\\')
        {
          g_string_append (out, "\\\\");
          i++;
          continue;
        }
      if (b < 0x20 || b == 0x7f || (latin1 && b >= 0x80 && b < 0xa0))
        {
          append_escape (out, b);
          i++;
          continue;
        }
      if (b < 0x80 || latin1)
        {
          g_string_append_unichar (out, b);
          i++;
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) data + i, length - i);
      if (c == (gunichar) -1 || c == (gunichar) -2 || (c >= 0x80 && c < 0xa0))
        {
          /* invalid, truncated, or a C1 control: show the lead byte and go on */
          append_escape (out, b);
          i++;
          continue;
        }
      n = g_utf8_skip[b];
      g_string_append_len (out, (const char *) data + i, n);
      i += n;
    }

  return g_string_free (out, FALSE);
}

/**
 * shmview_string_encode:
 * @text: valid UTF-8, as typed
 * @encoding: "utf-8" or "latin-1"
 * @error: set when a character has no Latin-1 byte
 *
 * Undoes the escapes shmview_string_decode() makes: "\\" is one backslash and
 * "\xNN" the byte NN; any other backslash stays as it is.
 *
 * Returns: (transfer full) (nullable): the bytes, without a terminating NUL.
 */
GByteArray *
shmview_string_encode (const char  *text,
                       const char  *encoding,
                       GError     **error)
{
  gboolean latin1 = is_latin1 (encoding);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      guint8 b;

      if (p[0] == '\\' && p[1] == '\\')
        {
          b = '\\';
          next = p + 2;
        }
      else if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
        {
          b = (guint8) (g_ascii_xdigit_value (p[2]) << 4 | g_ascii_xdigit_value (p[3]));
          next = p + 4;
        }
      else if (!latin1)
        {
          g_byte_array_append (out, (const guint8 *) p, next - p);
          p = next;
          continue;
        }
      else if (c > 0xff)
        {
          g_autofree char *ch = g_strndup (p, next - p);

          g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                       _("“%s” has no Latin-1 byte. Nothing was written: remove it, or "
                         "choose UTF-8 as the string encoding in Preferences."), ch);
          return NULL;
        }
      else
        {
          b = (guint8) c;
        }

      g_byte_array_append (out, &b, 1);
      p = next;
    }

  return g_steal_pointer (&out);
}

/**
 * shmview_unescape:
 * @text: text as shmview_format_escaped() shows it, or as a person types it
 *
 * The inverse of shmview_format_escaped(), so a name that is not UTF-8 can
 * be typed: "\\xNN" is the byte NN (but not NUL, which no name holds),
 * "\\n", "\\t" and "\\r" are those controls, "\\\\" is one backslash;
 * any other backslash stays as it is.
 *
 * Returns: (transfer full): the bytes, NUL-terminated
 */
char *
shmview_unescape (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p++)
    {
      int hi, lo;

      if (p[0] != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (p[1])
        {
        case '\\':
          g_string_append_c (out, '\\');
          p++;
          continue;
        case 'n':
          g_string_append_c (out, '\n');
          p++;
          continue;
        case 't':
          g_string_append_c (out, '\t');
          p++;
          continue;
        case 'r':
          g_string_append_c (out, '\r');
          p++;
          continue;
        case 'x':
          hi = g_ascii_xdigit_value (p[2]);
          lo = hi >= 0 ? g_ascii_xdigit_value (p[3]) : -1;
          if (lo >= 0 && (hi | lo) != 0)
            {
              g_string_append_c (out, (char) (hi << 4 | lo));
              p += 3;
              continue;
            }
          break;
        default:
          break;
        }
      g_string_append_c (out, '\\');
    }
  return g_string_free (out, FALSE);
}
