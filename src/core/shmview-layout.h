/* shmview-layout.h: a C type's memory layout, and its fields read from bytes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_FIELD_STRUCT,
  SHMVIEW_FIELD_UNION,
  SHMVIEW_FIELD_ARRAY,
  SHMVIEW_FIELD_SIGNED,   /* any signed integer type, char included */
  SHMVIEW_FIELD_UNSIGNED,
  SHMVIEW_FIELD_BOOL,
  SHMVIEW_FIELD_FLOAT,    /* float, double, long double (by size) */
  SHMVIEW_FIELD_ENUM,
  SHMVIEW_FIELD_POINTER,
  SHMVIEW_FIELD_STRING,   /* char[N]: a C string of at most N bytes */
  SHMVIEW_FIELD_OPAQUE,   /* anything else (a function pointer's target, _Complex, …): bytes */
} ShmviewFieldKind;

typedef struct _ShmviewField ShmviewField;

typedef struct
{
  char   *name;
  gint64  value;
} ShmviewEnumValue;

/* One node of a layout tree. Offsets are relative to the parent's start, so
 * an array holds one element (children->pdata[0]) that stands for all of them:
 * a 10,000-element array costs one node. */
struct _ShmviewField
{
  ShmviewFieldKind  kind;
  char             *name;       /* member name; "" for the root and array elements */
  char             *type_name;  /* as the header spells it: "uint32_t", "struct point" */
  guint64           offset;     /* bytes from the parent's start */
  guint64           size;       /* bytes (a bit-field: of its storage, see below) */
  guint             bit_offset; /* bit-fields: bits from offset's first byte */
  guint             bit_width;  /* bit-fields: width in bits; 0 for other fields */
  gboolean          is_signed;  /* ENUM: the underlying type's signedness */
  guint64           count;      /* ARRAY: number of elements */
  GPtrArray        *children;   /* STRUCT/UNION members, ARRAY element (ShmviewField) */
  GArray           *enum_values;/* ENUM: ShmviewEnumValue */
};

typedef struct _ShmviewLayout ShmviewLayout;

ShmviewLayout      *shmview_layout_new_from_root  (ShmviewField  *root);
ShmviewLayout      *shmview_layout_ref            (ShmviewLayout *layout);
void                shmview_layout_unref          (ShmviewLayout *layout);
const ShmviewField *shmview_layout_get_root       (ShmviewLayout *layout);
guint64             shmview_layout_get_size       (ShmviewLayout *layout);
const char         *shmview_layout_get_type_name  (ShmviewLayout *layout);

ShmviewField       *shmview_field_new             (ShmviewFieldKind kind,
                                                   const char      *name,
                                                   const char      *type_name,
                                                   guint64          offset,
                                                   guint64          size);
void                shmview_field_free            (ShmviewField    *field);

/* Parsing a header (libclang; UNSUPPORTED when built without it). */
gboolean            shmview_layout_clang_available (void);
ShmviewLayout      *shmview_layout_parse_file     (const char          *path,
                                                   const char          *type_name,
                                                   const char * const  *clang_args,
                                                   GError             **error);
ShmviewLayout      *shmview_layout_parse_text     (const char          *text,
                                                   const char          *type_name,
                                                   const char * const  *clang_args,
                                                   GError             **error);

/* The types a header itself defines (not those of the headers it includes),
 * as --type takes them: "struct shared", "shared_t", "enum color". */
GStrv               shmview_layout_list_types_file (const char          *path,
                                                    const char * const  *clang_args,
                                                    GError             **error);
GStrv               shmview_layout_list_types_text (const char          *text,
                                                    const char * const  *clang_args,
                                                    GError             **error);

/* One leaf (a field that has a value) as the walk meets it. */
typedef struct
{
  const ShmviewField *field;
  const char         *path;     /* "pts[1].y", "hdr.len" */
  guint64             offset;   /* from the start of the layout's placement */
  guint               depth;
} ShmviewLeaf;

typedef gboolean (*ShmviewLeafFunc) (const ShmviewLeaf *leaf,
                                     gpointer           user_data);

/* Calls @func for every leaf of @count consecutive elements of the layout, in
 * memory order, with paths in C notation ("[2].x" when @count > 1); stops when
 * @func returns FALSE. Arrays are walked element by element. */
void                shmview_layout_foreach_leaf   (ShmviewLayout   *layout,
                                                   guint64          count,
                                                   ShmviewLeafFunc  func,
                                                   gpointer         user_data);

/* Finds the leaf @path names (as foreach_leaf spells it, "[N]" first when
 * the layout is placed as an array); INVALID_ARGUMENT with the reason. */
gboolean            shmview_layout_lookup         (ShmviewLayout       *layout,
                                                   const char          *path,
                                                   const ShmviewField **field,
                                                   guint64             *offset,
                                                   GError             **error);

/* The value of leaf @field whose bytes start at @data (@field->size bytes):
 * "42", "-1.5", "RED", "\"hello\"", "0x00007f…" */
char               *shmview_field_format_value    (const ShmviewField *field,
                                                   const guint8       *data);
/* Parses @text for leaf @field and stores it into @data (@field->size bytes,
 * holding the field's current bytes so a bit-field keeps its neighbours).
 * INVALID_ARGUMENT or OUT_OF_RANGE with the reason; @data is untouched then.
 * *@n_bytes is how many bytes from @data to write (a string's, with its NUL). */
gboolean            shmview_field_parse_value     (const ShmviewField *field,
                                                   const char         *text,
                                                   guint8             *data,
                                                   gsize              *n_bytes,
                                                   GError            **error);
/* Whether a field's value is a number (for watches and graphs), and that number. */
gboolean            shmview_field_is_numeric      (const ShmviewField *field);
double              shmview_field_get_number      (const ShmviewField *field,
                                                   const guint8       *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewLayout, shmview_layout_unref)

G_END_DECLS
