/* shmview-format.c: turning bytes into text (pure functions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hexdump writer is the hot path of `shmtool read --format hex`, so it is
 * table driven and writes each row straight into the output buffer: no printf,
 * no per-byte branches. One `hexdump -C` row with an 8-digit offset:
 *
 *   0         1         2         3         4         5         6         7
 *   0123456789012345678901234567890123456789012345678901234567890123456789012345678
 *   00000010  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  |ezhchai.........|
 *   [offset]  [hex 0..7             ]  [hex 8..15            ]  |[ascii 0..15  ]|\n
 *
 * Wider offsets (at and above 4 GiB) shift everything right, as hexdump does.
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmview-format.h"
#include "shmview-parse-private.h"

#define ROW_BYTES 16
#define HEX_COLUMN 2           /* after the offset digits */
#define ASCII_COLUMN (HEX_COLUMN + 3 * ROW_BYTES + 2)   /* the '|' */

/* The 256 bytes in hex, each followed by @t: HEX256 ("") is "000102…ff". */
#define HEX16(h, t) h "0" t h "1" t h "2" t h "3" t h "4" t h "5" t h "6" t h "7" t \
                    h "8" t h "9" t h "a" t h "b" t h "c" t h "d" t h "e" t h "f" t
#define HEX256(t) HEX16 ("0", t) HEX16 ("1", t) HEX16 ("2", t) HEX16 ("3", t) \
                  HEX16 ("4", t) HEX16 ("5", t) HEX16 ("6", t) HEX16 ("7", t) \
                  HEX16 ("8", t) HEX16 ("9", t) HEX16 ("a", t) HEX16 ("b", t) \
                  HEX16 ("c", t) HEX16 ("d", t) HEX16 ("e", t) HEX16 ("f", t)

/* "000102…feff": the two digits of byte b are at hex_pairs[2 * b]. */
static const char hex_pairs[513] = HEX256 ("");

/* hexdump's %_p in the C and UTF-8 locales: printable ASCII, else '.'. */
#define P4(c) (char) (c), (char) ((c) + 1), (char) ((c) + 2), (char) ((c) + 3)
#define P16(c) P4 (c), P4 ((c) + 4), P4 ((c) + 8), P4 ((c) + 12)
#define D16 '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'
static const char ascii_map[256] = {
  D16, D16, P16 (0x20), P16 (0x30), P16 (0x40), P16 (0x50), P16 (0x60),
  P4 (0x70), P4 (0x74), P4 (0x78), 0x7c, 0x7d, 0x7e, '.',
  D16, D16, D16, D16, D16, D16, D16, D16,
};

/* "00  01  02  …": byte b as two digits and two spaces at hex_quads[4 * b].
 * Storing four bytes per byte at a 3-byte stride writes the whole hex column,
 * spaces included: each store's last space is overwritten by the next pair,
 * except after bytes 7 and 15, where hexdump has two spaces. */
static const char hex_quads[1025] = HEX256 ("  ");

/* Everything in a row that is not data, for an 8-digit offset. */
static const char row_template[] =
  "00000000  "
  "                        "
  " "
  "                        "
  " |"
  "                "
  "|\n";

static inline void
put_pair (char   *dst,
          guint8  byte)
{
  memcpy (dst, &hex_pairs[2 * byte], 2);
}

/* Number of hex digits hexdump prints for @offset: at least 8. */
static inline guint
offset_digits (guint64 offset)
{
  guint digits = 8;

  for (guint64 rest = offset >> 32; rest != 0; rest >>= 4)
    digits++;
  return digits;
}

static inline void
put_offset (char    *dst,
            guint64  offset,
            guint    digits)
{
  for (guint i = digits; i > 0; i--, offset >>= 4)
    dst[i - 1] = hex_pairs[2 * (offset & 0xf) + 1];
}

/* Writes a full 16-byte row; returns its length. */
static inline gsize
write_full_row (char         *dst,
                guint64       offset,
                const guint8 *row)
{
  guint digits = G_LIKELY (offset <= G_MAXUINT32) ? 8 : offset_digits (offset);
  char *hex = dst + digits + HEX_COLUMN;
  char *ascii = dst + digits + ASCII_COLUMN + 1;
  char text[16];

  if (G_LIKELY (digits == 8))
    {
      put_pair (dst, (guint8) (offset >> 24));
      put_pair (dst + 2, (guint8) (offset >> 16));
      put_pair (dst + 4, (guint8) (offset >> 8));
      put_pair (dst + 6, (guint8) offset);
      memcpy (dst + 8, "  ", 2);
    }
  else
    {
      put_offset (dst, offset, digits);
      memcpy (dst + digits, "  ", 2);
    }

  for (guint i = 0; i < 8; i++)
    memcpy (hex + 3 * i, &hex_quads[4 * row[i]], 4);
  for (guint i = 8; i < 16; i++)
    memcpy (hex + 3 * i + 1, &hex_quads[4 * row[i]], 4);

  for (guint i = 0; i < 16; i++)
    text[i] = ascii_map[row[i]];
  ascii[-1] = '|';
  memcpy (ascii, text, 16);
  memcpy (ascii + 16, "|\n", 2);

  return digits - 8 + sizeof row_template - 1;
}

/**
 * shmview_format_hex_row:
 * @out: room for %SHMVIEW_HEX_ROW_MAX bytes
 * @offset: the offset printed at the start of the row
 * @row: the bytes
 * @n: how many, 1..16
 *
 * Writes one `hexdump -C` row and its newline; a short row pads the hex
 * columns with spaces, as hexdump does for the last row.
 *
 * Returns: the number of bytes written (no NUL is added)
 */
gsize
shmview_format_hex_row (char         *out,
                        guint64       offset,
                        const guint8 *row,
                        gsize         n)
{
  guint digits;
  char *ascii;

  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (row != NULL, 0);
  g_return_val_if_fail (n >= 1 && n <= ROW_BYTES, 0);

  if (n == ROW_BYTES)
    return write_full_row (out, offset, row);

  digits = offset_digits (offset);
  memcpy (out + digits - 8, row_template, sizeof row_template - 1);
  put_offset (out, offset, digits);
  for (gsize i = 0; i < n; i++)
    put_pair (out + digits + HEX_COLUMN + 3 * i + (i >= 8), row[i]);

  ascii = out + digits + ASCII_COLUMN + 1;
  for (gsize i = 0; i < n; i++)
    ascii[i] = ascii_map[row[i]];
  ascii[n] = '|';
  ascii[n + 1] = '\n';
  return (gsize) (ascii + n + 2 - out);
}

/**
 * shmview_hexdump_init:
 * @hd: the state to set up
 * @start_offset: the offset of the first byte that will be fed
 */
void
shmview_hexdump_init (ShmviewHexdump *hd,
                      guint64         start_offset)
{
  g_return_if_fail (hd != NULL);

  memset (hd, 0, sizeof *hd);
  hd->offset = start_offset;
}

/* One full row at @offset: printed, or folded into a "*" line when it
 * repeats the row before it. Returns the new end of the output. */
static inline char *
emit_row (ShmviewHexdump *hd,
          char           *dst,
          guint64         offset,
          const guint8   *row)
{
  if (hd->have_last_row && memcmp (row, hd->last_row, ROW_BYTES) == 0)
    {
      if (!hd->squeezing)
        {
          memcpy (dst, "*\n", 2);
          dst += 2;
          hd->squeezing = TRUE;
        }
      return dst;
    }

  dst += write_full_row (dst, offset, row);
  memcpy (hd->last_row, row, ROW_BYTES);
  hd->have_last_row = TRUE;
  hd->squeezing = FALSE;
  return dst;
}

/**
 * shmview_hexdump_feed:
 * @hd: the state
 * @data: the next bytes
 * @len: how many
 * @out: where the text goes (appended)
 *
 * Appends the rows that @data completes. Bytes of a partial row wait in @hd
 * for the next feed or for shmview_hexdump_finish().
 */
void
shmview_hexdump_feed (ShmviewHexdump *hd,
                      const guint8   *data,
                      gsize           len,
                      GString        *out)
{
  gsize old_len, max_rows;
  guint64 row_offset;
  char *start, *dst;

  g_return_if_fail (hd != NULL);
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (out != NULL);

  /* Room for every row this feed can complete (each at most
   * SHMVIEW_HEX_ROW_MAX bytes), written in place and trimmed at the end. */
  old_len = out->len;
  max_rows = (hd->n_pending + len) / ROW_BYTES;
  g_string_set_size (out, old_len + max_rows * SHMVIEW_HEX_ROW_MAX);
  start = dst = out->str + old_len;
  row_offset = hd->offset - hd->n_pending;
  hd->offset += len;

  if (hd->n_pending > 0)
    {
      gsize take = MIN (ROW_BYTES - hd->n_pending, len);

      memcpy (hd->pending + hd->n_pending, data, take);
      hd->n_pending += take;
      data += take;
      len -= take;
      if (hd->n_pending < ROW_BYTES)
        goto done;
      dst = emit_row (hd, dst, row_offset, hd->pending);
      row_offset += ROW_BYTES;
      hd->n_pending = 0;
    }

  for (; len >= ROW_BYTES; data += ROW_BYTES, len -= ROW_BYTES, row_offset += ROW_BYTES)
    dst = emit_row (hd, dst, row_offset, data);

  memcpy (hd->pending, data, len);
  hd->n_pending = len;

done:
  g_string_truncate (out, old_len + (gsize) (dst - start));
}

/**
 * shmview_hexdump_finish:
 * @hd: the state
 * @out: where the text goes (appended)
 *
 * Appends the short last row, if any, and the closing offset line. Like
 * hexdump, prints nothing at all for no bytes at offset 0.
 */
void
shmview_hexdump_finish (ShmviewHexdump *hd,
                        GString        *out)
{
  char line[SHMVIEW_HEX_ROW_MAX];
  guint digits;

  g_return_if_fail (hd != NULL);
  g_return_if_fail (out != NULL);

  /* hexdump prints the last, short row even when it repeats the one before. */
  if (hd->n_pending > 0)
    {
      gsize n = shmview_format_hex_row (line, hd->offset - hd->n_pending,
                                        hd->pending, hd->n_pending);

      g_string_append_len (out, line, (gssize) n);
      hd->n_pending = 0;
    }

  if (hd->offset == 0)
    return;
  digits = offset_digits (hd->offset);
  put_offset (line, hd->offset, digits);
  line[digits] = '\n';
  g_string_append_len (out, line, digits + 1);
}

/**
 * shmview_format_hex_text:
 * @data: the bytes
 * @len: how many
 *
 * Returns: (transfer full): "de ad be ef", lower-case pairs separated by
 *   single spaces ("" for no bytes)
 */
char *
shmview_format_hex_text (const guint8 *data,
                         gsize         len)
{
  char *text, *dst;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    return g_strdup ("");

  text = dst = g_malloc (len * 3);
  for (gsize i = 0; i < len; i++, dst += 3)
    {
      put_pair (dst, data[i]);
      dst[2] = ' ';
    }
  dst[-1] = '\0';
  return text;
}

/* @name as a C identifier: lower case, other characters '_', never starting
 * with a digit, "data" when there is nothing left. */
static char *
c_identifier (const char *name)
{
  GString *id = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');

  if (id->len == 0)
    g_string_assign (id, "data");
  else if (g_ascii_isdigit (id->str[0]))
    g_string_prepend_c (id, '_');
  return g_string_free (id, FALSE);
}

/**
 * shmview_format_c_array:
 * @data: the bytes
 * @len: how many
 * @name: (nullable): the array's name, made a valid C identifier
 *
 * Returns: (transfer full): a C array initialiser, 12 bytes a line:
 *   "unsigned char maptrans[256] = {\n  0x65, 0x7a, …\n};\n"
 */
char *
shmview_format_c_array (const guint8 *data,
                        gsize         len,
                        const char   *name)
{
  GString *out;
  ShmviewCArray array;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  out = g_string_sized_new (64 + len * 6 + len / 12 * 3);
  shmview_c_array_init (&array, name, len, out);
  shmview_c_array_feed (&array, data, len, out);
  shmview_c_array_finish (&array, out);
  return g_string_free (out, FALSE);
}

/**
 * shmview_c_array_init:
 * @array: the state to set up
 * @name: (nullable): the array's name, made a valid C identifier
 * @length: how many bytes will be fed in all: the declaration states it
 * @out: where the declaration goes (appended)
 *
 * Starts a C array initialiser that the bytes are then fed into a piece at
 * a time, so that a region of any size streams out in constant memory.
 */
void
shmview_c_array_init (ShmviewCArray *array,
                      const char    *name,
                      guint64        length,
                      GString       *out)
{
  g_autofree char *id = c_identifier (name);

  g_return_if_fail (array != NULL);
  g_return_if_fail (out != NULL);

  array->count = 0;
  g_string_append_printf (out, "unsigned char %s[%" G_GUINT64_FORMAT "] = {\n", id, length);
}

/**
 * shmview_c_array_feed:
 * @array: the state
 * @data: the next bytes
 * @len: how many
 * @out: where the text goes (appended)
 *
 * Appends "0x65, 0x7a, …", 12 bytes a line.
 */
void
shmview_c_array_feed (ShmviewCArray *array,
                      const guint8  *data,
                      gsize          len,
                      GString       *out)
{
  gsize old_len;
  char *dst;

  g_return_if_fail (array != NULL);
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (out != NULL);

  /* Written in place, as the hexdump is: at most 8 characters a byte
   * (",\n  0x65"), trimmed at the end. */
  old_len = out->len;
  g_string_set_size (out, old_len + len * 8);
  dst = out->str + old_len;
  for (gsize i = 0; i < len; i++, array->count++)
    {
      if (array->count % 12 != 0)
        dst = (char *) memcpy (dst, ", ", 2) + 2;
      else if (array->count > 0)
        dst = (char *) memcpy (dst, ",\n  ", 4) + 4;
      else
        dst = (char *) memcpy (dst, "  ", 2) + 2;
      memcpy (dst, "0x", 2);
      put_pair (dst + 2, data[i]);
      dst += 4;
    }
  g_string_truncate (out, (gsize) (dst - out->str));
}

/**
 * shmview_c_array_finish:
 * @array: the state
 * @out: where the text goes (appended)
 *
 * Closes the initialiser: "\n};\n".
 */
void
shmview_c_array_finish (ShmviewCArray *array,
                        GString       *out)
{
  g_return_if_fail (array != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, array->count > 0 ? "\n};\n" : "};\n");
}

/**
 * shmview_format_c_string:
 * @data: the bytes
 * @len: how many
 *
 * Returns: (transfer full): the bytes up to the first NUL or @len, as puts
 *   would print them (copied as they are, not checked for UTF-8)
 */
char *
shmview_format_c_string (const guint8 *data,
                         gsize         len)
{
  const guint8 *nul;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    return g_strdup ("");
  nul = memchr (data, '\0', len);
  return g_strndup ((const char *) data, nul != NULL ? (gsize) (nul - data) : len);
}

/* Characters that change how the text around them shows or reads without
 * showing themselves: C1 controls, line and paragraph separators, and
 * format characters, among them the bidi overrides (U+202E turns
 * "exe.txt" into "txt.exe" on screen) and zero-width joiners. */
static gboolean
is_invisible_control (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The character at @p as \xNN of each of its UTF-8 bytes, so that the
 * escaped text still decodes back to the same bytes (printf '%b'). */
static gsize
append_utf8_escaped (GString    *out,
                     const char *p)
{
  gsize n = (gsize) (g_utf8_next_char (p) - p);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, "\\x%02x", (guchar) p[i]);
  return n;
}

/**
 * _shmview_append_printable_char:
 * @out: where to append
 * @p: one UTF-8 character, or one byte that is not UTF-8
 * @escape_backslash: whether a backslash becomes \\ (so that every escape
 *   reads back unambiguously)
 *
 * Appends the character at @p as it can be shown on one line: control
 * characters as \n, \t, \r or \xNN, a byte that is not UTF-8 as \xNN.
 *
 * Returns: how many bytes of @p it used
 */
gsize
_shmview_append_printable_char (GString    *out,
                                const char *p,
                                gboolean    escape_backslash)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      g_string_append_printf (out, "\\x%02x", (guchar) *p);
      return 1;
    }
  switch (c)
    {
    case '\n':
      g_string_append (out, "\\n");
      return 1;
    case '\t':
      g_string_append (out, "\\t");
      return 1;
    case '\r':
      g_string_append (out, "\\r");
      return 1;
    case '\\':
      g_string_append (out, escape_backslash ? "\\\\" : "\\");
      return 1;
    default:
      if (c < 0x20 || c == 0x7f)
        {
          g_string_append_printf (out, "\\x%02x", c);
          return 1;
        }
      if (is_invisible_control (c))
        return append_utf8_escaped (out, p);
      g_string_append_unichar (out, c);
      return (gsize) (g_utf8_next_char (p) - p);
    }
}

static char *
printable (const char *text,
           gboolean    escape_backslash)
{
  GString *out = g_string_sized_new (strlen (text));

  while (*text != '\0')
    text += _shmview_append_printable_char (out, text, escape_backslash);
  return g_string_free (out, FALSE);
}

/**
 * _shmview_quote_for_message:
 * @text: user text, any bytes
 *
 * Returns: (transfer full): @text as valid, printable UTF-8 for an error
 *   message (a backslash stays as it is: it reads better there)
 */
char *
_shmview_quote_for_message (const char *text)
{
  return shmview_format_escaped_short (text, SHMVIEW_MESSAGE_TEXT_MAX, FALSE);
}

/**
 * shmview_format_escaped:
 * @text: any bytes, such as a POSIX object's name
 *
 * Makes @text fit a table cell or a "key: value" line: valid UTF-8 stays as
 * it is; control characters become \n, \t, \r or \xNN, bytes that are
 * not UTF-8 \xNN, and a backslash \\, so the result reads back
 * unambiguously.
 *
 * Returns: (transfer full): the escaped text
 */
char *
shmview_format_escaped (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return printable (text, TRUE);
}

/* Escapes @text from @start up to @end (a character boundary, or the end). */
static void
append_printable_range (GString    *out,
                        const char *start,
                        const char *end,
                        gboolean    escape_backslash)
{
  while (start < end && *start != '\0')
    start += _shmview_append_printable_char (out, start, escape_backslash);
}

/* The start of the character @p is in (skipping back over at most three
 * UTF-8 continuation bytes, never before @text). */
static const char *
char_start (const char *text,
            const char *p)
{
  for (int i = 0; i < 3 && p > text && ((guchar) *p & 0xc0) == 0x80; i++)
    p--;
  return p;
}

/**
 * shmview_format_escaped_short:
 * @text: any bytes, such as a spec or an option value typed by the user
 * @max_bytes: how many bytes of @text to show at most (at least 16)
 * @escape_backslash: whether a backslash becomes \\, as in
 *   shmview_format_escaped()
 *
 * Like shmview_format_escaped(), for messages: a text longer than
 * @max_bytes keeps its start and its end, and "…" stands for the middle, so
 * a 100 KB spec does not fill the terminal. Escapes are never cut in half.
 *
 * Returns: (transfer full): the escaped, shortened text
 */
char *
shmview_format_escaped_short (const char *text,
                              gsize       max_bytes,
                              gboolean    escape_backslash)
{
  gsize length;
  GString *out;
  const char *head_end, *tail;

  g_return_val_if_fail (text != NULL, NULL);

  max_bytes = MAX (max_bytes, 16);
  length = strlen (text);
  if (length <= max_bytes)
    return printable (text, escape_backslash);

  /* Two thirds from the start (where names differ), a third from the end
   * (where an extension or a number is). */
  head_end = char_start (text, text + max_bytes * 2 / 3);
  tail = char_start (text, text + length - max_bytes / 3);
  out = g_string_new (NULL);
  append_printable_range (out, text, head_end, escape_backslash);
  g_string_append (out, "…");
  append_printable_range (out, tail, text + length, escape_backslash);
  return g_string_free (out, FALSE);
}

/**
 * shmview_format_size:
 * @size: a size in bytes
 *
 * Returns: (transfer full): "256 bytes", "1 byte", "4 KiB (4096 bytes)",
 *   "1.5 KiB (1536 bytes)", "4 GiB (4294967296 bytes)" (untranslated)
 */
char *
shmview_format_size (guint64 size)
{
  static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  guint u = 0;
  guint shift;
  guint64 whole, tenths;

  if (size < 1024)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", size, size == 1 ? "byte" : "bytes");

  while (u + 1 < G_N_ELEMENTS (units) && size >> (10 * (u + 2)) != 0)
    u++;
  shift = 10 * (u + 1);
  whole = size >> shift;
  /* The remainder is below 2^60, so ten times it still fits in 64 bits. */
  tenths = ((size & ((G_GUINT64_CONSTANT (1) << shift) - 1)) * 10
            + (G_GUINT64_CONSTANT (1) << (shift - 1))) >> shift;
  if (tenths == 10)
    {
      whole++;
      tenths = 0;
    }
  if (whole == 1024 && u + 1 < G_N_ELEMENTS (units))
    {
      whole = 1;
      u++;
    }

  if ((size & ((G_GUINT64_CONSTANT (1) << shift) - 1)) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s (%" G_GUINT64_FORMAT " bytes)",
                            whole, units[u], size);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " %s (%" G_GUINT64_FORMAT " bytes)",
                          whole, tenths, units[u], size);
}
