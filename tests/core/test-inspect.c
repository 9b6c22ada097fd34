/* test-inspect.c: typed values decoded and encoded, against C's own stores
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected bytes come from this C program storing a value of the C type
 * (uint32_t, double, …) and swapping it to the byte order wanted; the
 * expected text from printf of that same value.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-inspect.h"
#include "test-util.h"

/* One value as C stores it, in both orders: the bytes and the text. */
typedef struct
{
  ShmviewValueType type;
  guint8 le[8];
  guint8 be[8];
  gsize size;
  char *text;
} Stored;

static void
stored_clear (Stored *s)
{
  g_free (s->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stored, stored_clear)

/* Store @bits (the value's own bit pattern, as the C type holds it) as the
 * host does, then as the other order by reversing what the host stored. */
static void
store_native (Stored     *s,
              const void *native,
              gsize       size)
{
  s->size = size;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  memcpy (s->le, native, size);
  for (gsize i = 0; i < size; i++)
    s->be[i] = s->le[size - 1 - i];
#else
  memcpy (s->be, native, size);
  for (gsize i = 0; i < size; i++)
    s->le[i] = s->be[size - 1 - i];
#endif
}

#define STORE(s, ctype, value, fmt)                     \
  G_STMT_START {                                        \
    ctype v_ = (value);                                 \
    store_native ((s), &v_, sizeof v_);                 \
    (s)->text = g_strdup_printf (fmt, v_);              \
  } G_STMT_END

static void
assert_decodes (const Stored *s)
{
  for (int order = 0; order < 2; order++)
    {
      const guint8 *bytes = order == SHMVIEW_BYTE_ORDER_BIG ? s->be : s->le;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = shmview_value_format (s->type, order, bytes, s->size, &error);
      guint8 encoded[SHMVIEW_VALUE_MAX_SIZE] = { 0 };
      gsize length = 0;
      gboolean ok;

      shmview_test_note (shmview_value_type_to_string (s->type, order), s->text);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, s->text);

      ok = shmview_value_parse (s->type, order, s->text, encoded, &length, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpmem (encoded, length, bytes, s->size);
    }
}

static void
test_integers (void)
{
  g_test_summary ("Every integer width, signed and unsigned, little and big endian, "
                  "decodes to what C stored and encodes back to the same bytes");

  {
    static const uint8_t u8s[] = { 0, 1, 0x7f, 0x80, 0xff };
    static const int8_t i8s[] = { 0, -1, 127, -128, 42 };
    static const uint16_t u16s[] = { 0, 0x1234, 0xff00, 0xffff };
    static const int16_t i16s[] = { -1, -32768, 32767, 0x1234 };
    static const uint32_t u32s[] = { 0, 0x12345678, 0xdeadbeef, UINT32_MAX };
    static const int32_t i32s[] = { -1, INT32_MIN, INT32_MAX, -123456789 };
    static const uint64_t u64s[] = { 0, 0x0123456789abcdefULL, UINT64_MAX };
    static const int64_t i64s[] = { -1, INT64_MIN, INT64_MAX, -1234567890123LL };

    for (gsize i = 0; i < G_N_ELEMENTS (u8s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_U8 };
        STORE (&s, uint8_t, u8s[i], "%u");
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (i8s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_I8 };
        STORE (&s, int8_t, i8s[i], "%d");
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (u16s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_U16 };
        STORE (&s, uint16_t, u16s[i], "%u");
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (i16s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_I16 };
        STORE (&s, int16_t, i16s[i], "%d");
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (u32s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_U32 };
        STORE (&s, uint32_t, u32s[i], "%" G_GUINT32_FORMAT);
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (i32s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_I32 };
        STORE (&s, int32_t, i32s[i], "%" G_GINT32_FORMAT);
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (u64s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_U64 };
        STORE (&s, uint64_t, u64s[i], "%" G_GUINT64_FORMAT);
        assert_decodes (&s);
      }
    for (gsize i = 0; i < G_N_ELEMENTS (i64s); i++)
      {
        g_auto(Stored) s = { SHMVIEW_VALUE_I64 };
        STORE (&s, int64_t, i64s[i], "%" G_GINT64_FORMAT);
        assert_decodes (&s);
      }
  }
}

static void
test_floats (void)
{
  static const float f32s[] = { 0.0f, 3.5f, -1.25f, 0.1f, FLT_MAX, FLT_MIN, 1e-45f, 16777216.0f };
  static const double f64s[] = { 0.0, 3.5, -1.25, 0.1, DBL_MAX, DBL_MIN, 5e-324, 1.0 / 3.0 };

  g_test_summary ("float and double in both orders decode to the value C stored, as the "
                  "shortest text that reads back the same, and encode back to its bytes");

  for (gsize i = 0; i < G_N_ELEMENTS (f32s); i++)
    {
      g_auto(Stored) s = { SHMVIEW_VALUE_F32 };
      float back;

      store_native (&s, &f32s[i], 4);
      s.text = shmview_value_format (SHMVIEW_VALUE_F32, SHMVIEW_BYTE_ORDER_LITTLE, s.le, 4, NULL);
      back = strtof (s.text, NULL);
      g_assert_cmpmem (&back, 4, &f32s[i], 4);
      assert_decodes (&s);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (f64s); i++)
    {
      g_auto(Stored) s = { SHMVIEW_VALUE_F64 };
      double back;

      store_native (&s, &f64s[i], 8);
      s.text = shmview_value_format (SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_BIG, s.be, 8, NULL);
      back = g_ascii_strtod (s.text, NULL);
      g_assert_cmpmem (&back, 8, &f64s[i], 8);
      assert_decodes (&s);
    }

  /* The texts people expect for the plain ones. */
  {
    double d = 3.5;
    g_auto(Stored) s = { SHMVIEW_VALUE_F64 };
    g_autofree char *text = NULL;

    store_native (&s, &d, 8);
    text = shmview_value_format (SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_BIG, s.be, 8, NULL);
    g_assert_cmpstr (text, ==, "3.5");
    g_clear_pointer (&text, g_free);
    d = 0.1;
    store_native (&s, &d, 8);
    text = shmview_value_format (SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_LITTLE, s.le, 8, NULL);
    g_assert_cmpstr (text, ==, "0.1");
  }
}

static void
test_special_floats (void)
{
  float inf = INFINITY;
  double nan_value = NAN;
  g_auto(Stored) s = { SHMVIEW_VALUE_F32 };
  g_autofree char *text = NULL;
  guint8 out[8];
  gsize length;

  g_test_summary ("Infinities and NaN print as inf and NaN and parse back");

  store_native (&s, &inf, 4);
  text = shmview_value_format (SHMVIEW_VALUE_F32, SHMVIEW_BYTE_ORDER_LITTLE, s.le, 4, NULL);
  g_assert_cmpstr (text, ==, "inf");
  g_assert_true (shmview_value_parse (SHMVIEW_VALUE_F32, SHMVIEW_BYTE_ORDER_LITTLE, "-inf",
                                      out, &length, NULL));
  g_assert_true (isinf (shmview_value_decode_float (out, 4, SHMVIEW_BYTE_ORDER_LITTLE)));
  g_assert_cmpfloat (shmview_value_decode_float (out, 4, SHMVIEW_BYTE_ORDER_LITTLE), <, 0);

  g_clear_pointer (&text, g_free);
  store_native (&s, &nan_value, 8);
  text = shmview_value_format (SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_LITTLE, s.le, 8, NULL);
  g_assert_cmpstr (text, ==, "NaN");
  g_assert_true (shmview_value_parse (SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_BIG, "nan",
                                      out, &length, NULL));
  g_assert_true (isnan (shmview_value_decode_float (out, 8, SHMVIEW_BYTE_ORDER_BIG)));
}

typedef struct
{
  ShmviewValueType type;
  ShmviewByteOrder order;
  const char *text;
  gsize length;
  const char *bytes;
} Parsed;

static void
test_parse_syntax (void)
{
  static const Parsed good[] = {
    { SHMVIEW_VALUE_U8, 0, "0xff", 1, "\xff" },
    { SHMVIEW_VALUE_U8, 0, " 42 ", 1, "\x2a" },
    { SHMVIEW_VALUE_U8, 0, "+7", 1, "\x07" },
    { SHMVIEW_VALUE_I8, 0, "-0x80", 1, "\x80" },
    { SHMVIEW_VALUE_I8, 0, "-0", 1, "\x00" },
    { SHMVIEW_VALUE_U16, SHMVIEW_BYTE_ORDER_BIG, "0X1234", 2, "\x12\x34" },
    { SHMVIEW_VALUE_U16, SHMVIEW_BYTE_ORDER_LITTLE, "0x1234", 2, "\x34\x12" },
    { SHMVIEW_VALUE_I32, SHMVIEW_BYTE_ORDER_LITTLE, "-2", 4, "\xfe\xff\xff\xff" },
    { SHMVIEW_VALUE_U64, SHMVIEW_BYTE_ORDER_BIG, "1", 8, "\0\0\0\0\0\0\0\x01" },
    { SHMVIEW_VALUE_F32, SHMVIEW_BYTE_ORDER_BIG, "1e0", 4, "\x3f\x80\x00\x00" },
    { SHMVIEW_VALUE_F32, SHMVIEW_BYTE_ORDER_LITTLE, "-2", 4, "\x00\x00\x00\xc0" },
    { SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_BIG, "3.5", 8, "\x40\x0c\0\0\0\0\0\0" },
    { SHMVIEW_VALUE_F64, SHMVIEW_BYTE_ORDER_LITTLE, ".5", 8, "\0\0\0\0\0\0\xe0\x3f" },
    { SHMVIEW_VALUE_BINARY, 0, "01000001", 1, "A" },
    { SHMVIEW_VALUE_BINARY, 0, "0b1", 1, "\x01" },
    { SHMVIEW_VALUE_OCTAL, 0, "101", 1, "A" },
    { SHMVIEW_VALUE_OCTAL, 0, "0o377", 1, "\xff" },
    { SHMVIEW_VALUE_CHAR, 0, "A", 1, "A" },
    { SHMVIEW_VALUE_CHAR, 0, " ", 1, " " },
    { SHMVIEW_VALUE_CHAR, 0, "é", 2, "\xc3\xa9" },
    { SHMVIEW_VALUE_CHAR, 0, "U+20AC", 3, "\xe2\x82\xac" },
    { SHMVIEW_VALUE_UTF16, SHMVIEW_BYTE_ORDER_LITTLE, "é", 2, "\xe9\x00" },
    { SHMVIEW_VALUE_UTF16, SHMVIEW_BYTE_ORDER_BIG, "U+D83D", 2, "\xd8\x3d" },
    { SHMVIEW_VALUE_TIME_UTC, SHMVIEW_BYTE_ORDER_LITTLE, "1", 8, "\x01\0\0\0\0\0\0\0" },
    { SHMVIEW_VALUE_TIME_UTC, SHMVIEW_BYTE_ORDER_BIG, "1970-01-01 00:01:00 UTC", 8,
      "\0\0\0\0\0\0\0\x3c" },
    { SHMVIEW_VALUE_TIME_UTC, SHMVIEW_BYTE_ORDER_BIG, "1969-12-31T23:59:59Z", 8,
      "\xff\xff\xff\xff\xff\xff\xff\xff" },
    { SHMVIEW_VALUE_TIME_LOCAL, SHMVIEW_BYTE_ORDER_BIG, "1970-01-01 08:00:02", 8,
      "\0\0\0\0\0\0\0\x02" },
  };

  g_test_summary ("Decimal, 0x-hex, signs, float syntax, binary, octal, characters, "
                  "U+ code points and dates encode to the exact bytes");

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 out[SHMVIEW_VALUE_MAX_SIZE];
      gsize length = 0;

      shmview_test_note (shmview_value_type_to_string (good[i].type, good[i].order),
                         good[i].text);
      g_assert_true (shmview_value_parse (good[i].type, good[i].order, good[i].text, out,
                                          &length, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (out, length, good[i].bytes, good[i].length);
    }
}

typedef struct
{
  ShmviewValueType type;
  const char *text;
  int code;
} BadValue;

static void
test_parse_errors (void)
{
  static const BadValue bad[] = {
    { SHMVIEW_VALUE_U8, "256", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U8, "-1", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I8, "128", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I8, "-129", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I8, "0xff", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U16, "65536", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I16, "-32769", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U32, "4294967296", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U32, "-1", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I32, "2147483648", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U64, "18446744073709551616", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U64, "0x10000000000000000", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I64, "9223372036854775808", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_I64, "-9223372036854775809", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_F32, "1e39", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_F64, "1e400", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_BINARY, "111111111", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_OCTAL, "400", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_UTF16, "😀", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_CHAR, "U+D800", SHMVIEW_ERROR_OUT_OF_RANGE },
    { SHMVIEW_VALUE_U8, "", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_U8, "12x", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_U8, "0x", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_I32, "--1", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_I32, "1.5", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_F64, "abc", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_F64, "3,5", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_BINARY, "012", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_OCTAL, "8", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_CHAR, "AB", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_CHAR, "", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_CHAR, "\xff", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { SHMVIEW_VALUE_TIME_UTC, "yesterday", SHMVIEW_ERROR_INVALID_ARGUMENT },
  };

  g_test_summary ("A value that does not fit its type is OUT_OF_RANGE, text that is no "
                  "value INVALID_ARGUMENT, and the output is left alone");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 out[SHMVIEW_VALUE_MAX_SIZE];
      gsize length = 99;

      memset (out, 0xa5, sizeof out);
      shmview_test_note (shmview_value_type_to_string (bad[i].type, 0), bad[i].text);
      g_assert_false (shmview_value_parse (bad[i].type, SHMVIEW_BYTE_ORDER_LITTLE, bad[i].text,
                                           out, &length, &error));
      g_assert_error (error, SHMVIEW_ERROR, bad[i].code);
      for (gsize k = 0; k < sizeof out; k++)
        g_assert_cmphex (out[k], ==, 0xa5);
    }
}

static void
test_past_end (void)
{
  static const guint8 bytes[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

  g_test_summary ("A value that runs past the bytes available is OUT_OF_RANGE, one that "
                  "fits exactly is read");

  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    {
      gsize size = shmview_value_type_get_size (t);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      shmview_test_note ("type", shmview_value_type_to_string (t, 0));
      text = shmview_value_format (t, SHMVIEW_BYTE_ORDER_LITTLE, bytes, size - 1, &error);
      g_assert_null (text);
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = shmview_value_format (SHMVIEW_VALUE_U64, SHMVIEW_BYTE_ORDER_BIG,
                                                  bytes, 8, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "72623859790382856");
  }
}

typedef struct
{
  ShmviewValueType type;
  const char *bytes;
  gsize available;
  const char *text;
} Formatted;

static void
test_byte_views (void)
{
  static const Formatted cases[] = {
    { SHMVIEW_VALUE_BINARY, "A", 1, "01000001" },
    { SHMVIEW_VALUE_OCTAL, "A", 1, "101" },
    { SHMVIEW_VALUE_OCTAL, "\x07", 1, "007" },
    { SHMVIEW_VALUE_CHAR, "A", 1, "A (U+0041)" },
    { SHMVIEW_VALUE_CHAR, "\n", 1, "\\n (U+000A)" },
    { SHMVIEW_VALUE_CHAR, "\xc3\xa9", 2, "é (U+00E9)" },
    { SHMVIEW_VALUE_CHAR, "\xff", 1, "0xFF (not ASCII or UTF-8)" },
    { SHMVIEW_VALUE_UTF16, "\xe9\x00", 2, "é (U+00E9)" },
    { SHMVIEW_VALUE_UTF16, "\x3d\xd8", 2, "U+D83D (high surrogate)" },
    { SHMVIEW_VALUE_TIME_UTC, "\0\0\0\0\0\0\0\0", 8, "1970-01-01 00:00:00 UTC" },
    { SHMVIEW_VALUE_TIME_UTC, "\x80\x5c\x7d\x69\0\0\0\0", 8, "2026-01-31 01:36:00 UTC" },
    { SHMVIEW_VALUE_TIME_LOCAL, "\0\0\0\0\0\0\0\0", 8, "1970-01-01 08:00:00+08:00" },
    { SHMVIEW_VALUE_CSTRING, "ezhchai\0xyz", 11, "7 bytes" },
    { SHMVIEW_VALUE_CSTRING, "\0", 1, "0 bytes" },
  };

  g_test_summary ("Binary, octal, ASCII/UTF-8 and UTF-16 characters, time_t in UTC and "
                  "local time, and C string lengths read as people write them");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = shmview_value_format (cases[i].type, SHMVIEW_BYTE_ORDER_LITTLE,
                                                    (const guint8 *) cases[i].bytes,
                                                    cases[i].available, &error);

      shmview_test_note ("expect", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = shmview_value_format (SHMVIEW_VALUE_CSTRING, 0,
                                                  (const guint8 *) "abc", 3, &error);
    g_assert_null (text);
    g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = shmview_value_format (SHMVIEW_VALUE_CHAR, 0,
                                                  (const guint8 *) "\xc3", 1, &error);
    g_assert_null (text);
    g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  }
}

static void
test_time_round_trip (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_test_summary ("A time printed in UTC or local time parses back to the same seconds");

  for (int local = 0; local < 2; local++)
    for (int order = 0; order < 2; order++)
      {
        ShmviewValueType type = local ? SHMVIEW_VALUE_TIME_LOCAL : SHMVIEW_VALUE_TIME_UTC;
        g_auto(Stored) s = { type };
        g_autoptr(GError) error = NULL;
        guint8 out[8];
        gsize length;

        store_native (&s, &now, 8);
        s.text = shmview_value_format (type, order, order ? s.be : s.le, 8, &error);
        g_assert_no_error (error);
        shmview_test_note ("time", s.text);
        g_assert_true (shmview_value_parse (type, order, s.text, out, &length, &error));
        g_assert_no_error (error);
        g_assert_cmpmem (out, length, order ? s.be : s.le, 8);
      }
}

static void
test_type_names (void)
{
  g_autofree char *names = shmview_value_type_list_names ();

  g_test_summary ("Every type name reads back as its type and order; a multi-byte type "
                  "without an order and an unknown name are INVALID_ARGUMENT");

  for (guint t = 0; t < SHMVIEW_N_VALUE_TYPES; t++)
    for (int o = 0; o < 2; o++)
      {
        const char *name = shmview_value_type_to_string (t, o);
        g_autoptr(GError) error = NULL;
        ShmviewValueType type;
        ShmviewByteOrder order;

        shmview_test_note ("name", name);
        g_assert_nonnull (strstr (names, name));
        g_assert_true (shmview_value_type_from_string (name, &type, &order, &error));
        g_assert_no_error (error);
        g_assert_cmpint (type, ==, t);
        g_assert_cmpint (order, ==, shmview_value_type_has_order (t) ? o : 0);
      }

  {
    g_autoptr(GError) error = NULL;
    ShmviewValueType type;
    ShmviewByteOrder order;

    g_assert_true (shmview_value_type_from_string ("U32BE", &type, &order, &error));
    g_assert_cmpint (type, ==, SHMVIEW_VALUE_U32);
    g_assert_cmpint (order, ==, SHMVIEW_BYTE_ORDER_BIG);
    g_assert_false (shmview_value_type_from_string ("u32", &type, &order, &error));
    g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (shmview_value_type_from_string ("u24le", &type, &order, &error));
    g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* A fixed zone for the local-time views: China has no summer time. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/inspect/integers", test_integers);
  g_test_add_func ("/core/inspect/floats", test_floats);
  g_test_add_func ("/core/inspect/special-floats", test_special_floats);
  g_test_add_func ("/core/inspect/parse-syntax", test_parse_syntax);
  g_test_add_func ("/core/inspect/parse-errors", test_parse_errors);
  g_test_add_func ("/core/inspect/past-end", test_past_end);
  g_test_add_func ("/core/inspect/byte-views", test_byte_views);
  g_test_add_func ("/core/inspect/time-round-trip", test_time_round_trip);
  g_test_add_func ("/core/inspect/type-names", test_type_names);

  return g_test_run ();
}
