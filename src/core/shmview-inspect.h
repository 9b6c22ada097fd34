/* shmview-inspect.h: bytes read as typed values, and values written as bytes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over byte buffers: the data inspector, `shmtool read/write
 * --as` and the number search all decode and encode through them, so a u32
 * reads the same everywhere.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_VALUE_U8,
  SHMVIEW_VALUE_I8,
  SHMVIEW_VALUE_U16,
  SHMVIEW_VALUE_I16,
  SHMVIEW_VALUE_U32,
  SHMVIEW_VALUE_I32,
  SHMVIEW_VALUE_U64,
  SHMVIEW_VALUE_I64,
  SHMVIEW_VALUE_F32,
  SHMVIEW_VALUE_F64,
  SHMVIEW_VALUE_BINARY,     /* the byte as 8 binary digits */
  SHMVIEW_VALUE_OCTAL,      /* the byte in octal */
  SHMVIEW_VALUE_CHAR,       /* the ASCII or UTF-8 character (1 to 4 bytes) */
  SHMVIEW_VALUE_UTF16,      /* one UTF-16 code unit */
  SHMVIEW_VALUE_TIME_UTC,   /* a 64-bit time_t, shown in UTC */
  SHMVIEW_VALUE_TIME_LOCAL, /* the same, in local time */
  SHMVIEW_VALUE_CSTRING,    /* the length of the C string (read only) */
  SHMVIEW_N_VALUE_TYPES
} ShmviewValueType;

typedef enum
{
  SHMVIEW_BYTE_ORDER_LITTLE,
  SHMVIEW_BYTE_ORDER_BIG,
} ShmviewByteOrder;

/* The most bytes a value other than CSTRING takes. */
#define SHMVIEW_VALUE_MAX_SIZE 8

gsize        shmview_value_type_get_size    (ShmviewValueType   type);
gboolean     shmview_value_type_has_order   (ShmviewValueType   type);
gboolean     shmview_value_type_is_editable (ShmviewValueType   type);
const char  *shmview_value_type_to_string   (ShmviewValueType   type,
                                             ShmviewByteOrder   order);
gboolean     shmview_value_type_from_string (const char        *text,
                                             ShmviewValueType  *type,
                                             ShmviewByteOrder  *order,
                                             GError           **error);
/* "u8, i8, u16le, …": the names from_string() takes, for help texts. */
char        *shmview_value_type_list_names  (void);

/* Integer and float decoders: @data must hold the type's size. */
guint64      shmview_value_decode_unsigned  (const guint8      *data,
                                             gsize              size,
                                             ShmviewByteOrder   order);
gint64       shmview_value_decode_signed    (const guint8      *data,
                                             gsize              size,
                                             ShmviewByteOrder   order);
double       shmview_value_decode_float     (const guint8      *data,
                                             gsize              size,
                                             ShmviewByteOrder   order);

char        *shmview_value_format           (ShmviewValueType   type,
                                             ShmviewByteOrder   order,
                                             const guint8      *data,
                                             gsize              available,
                                             GError           **error);
gboolean     shmview_value_parse            (ShmviewValueType   type,
                                             ShmviewByteOrder   order,
                                             const char        *text,
                                             guint8            *out,
                                             gsize             *length,
                                             GError           **error);

G_END_DECLS
