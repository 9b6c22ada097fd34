/* shmview-layout-clang.c: a C header's types laid out by the compiler itself
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libclang parses the header as C (gnu11, the host's ABI) and answers the
 * questions a hand-written parser would get wrong: offsets with padding,
 * packed structs and #pragma pack, bit-fields, unions, enums' values. Built
 * without libclang (meson feature "clang"), parsing answers UNSUPPORTED.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "shmview-error.h"
#include "shmview-layout.h"
#include "shmview-parse-private.h"

#ifdef SHMVIEW_HAVE_CLANG

#include <dlfcn.h>

#include <clang-c/Index.h>

/* Deeper than any real header nests; a recursive type cannot be laid out
 * anyway (it would be infinite), but a guard keeps a bad input finite. */
#define MAX_DEPTH 64

/* libclang is loaded the first time a header is read, not when a program
 * linking the core starts: loading it and its LLVM means half a million
 * relocations, which cost every `shmtool list` (or any command) more than
 * the listing itself (issue 13). These are the functions used here; each
 * call below goes through the pointer it was loaded into. */
#define CLANG_FUNCTIONS \
  F (clang_Cursor_getOffsetOfField) \
  F (clang_Cursor_isAnonymous) \
  F (clang_Cursor_isAnonymousRecordDecl) \
  F (clang_Cursor_isBitField) \
  F (clang_Location_isFromMainFile) \
  F (clang_Type_getSizeOf) \
  F (clang_Type_visitFields) \
  F (clang_createIndex) \
  F (clang_disposeDiagnostic) \
  F (clang_disposeIndex) \
  F (clang_disposeString) \
  F (clang_disposeTranslationUnit) \
  F (clang_getArrayElementType) \
  F (clang_getArraySize) \
  F (clang_getCString) \
  F (clang_getCanonicalType) \
  F (clang_getCursorKind) \
  F (clang_getCursorLocation) \
  F (clang_getCursorSpelling) \
  F (clang_getCursorType) \
  F (clang_getDiagnostic) \
  F (clang_getDiagnosticLocation) \
  F (clang_getDiagnosticSeverity) \
  F (clang_getDiagnosticSpelling) \
  F (clang_getEnumConstantDeclUnsignedValue) \
  F (clang_getEnumConstantDeclValue) \
  F (clang_getEnumDeclIntegerType) \
  F (clang_getFieldDeclBitWidth) \
  F (clang_getFileName) \
  F (clang_getNumDiagnostics) \
  F (clang_getSpellingLocation) \
  F (clang_getTranslationUnitCursor) \
  F (clang_getTypeDeclaration) \
  F (clang_getTypeSpelling) \
  F (clang_isCursorDefinition) \
  F (clang_parseTranslationUnit2) \
  F (clang_visitChildren)

static struct
{
#define F(name) __typeof__ (name) *name;
  CLANG_FUNCTIONS
#undef F
} clang_api;

static gsize clang_loaded;   /* g_once: 1 loaded, 2 not available */

static const char *
load_clang (void)
{
  void *handle = dlopen (SHMVIEW_LIBCLANG, RTLD_NOW | RTLD_LOCAL);

  if (handle == NULL)
    return dlerror ();
#define F(name) \
  if ((clang_api.name = (__typeof__ (clang_api.name)) dlsym (handle, #name)) == NULL) \
    return dlerror ();
  CLANG_FUNCTIONS
#undef F
  return NULL;
}

/* TRUE once libclang is there to call; otherwise UNSUPPORTED, saying why. */
static gboolean
ensure_clang (GError **error)
{
  static const char *problem;

  if (g_once_init_enter (&clang_loaded))
    {
      const char *failure = load_clang ();

      problem = failure != NULL ? g_strdup (failure) : NULL;
      g_once_init_leave (&clang_loaded, failure != NULL ? 2 : 1);
    }
  if (clang_loaded == 1)
    return TRUE;
  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
               _("C headers cannot be read: libclang could not be loaded (%s)"), problem);
  return FALSE;
}

/* From here on, every clang_* call goes through the loaded pointer. */
#define clang_Cursor_getOffsetOfField (clang_api.clang_Cursor_getOffsetOfField)
#define clang_Cursor_isAnonymous (clang_api.clang_Cursor_isAnonymous)
#define clang_Cursor_isAnonymousRecordDecl (clang_api.clang_Cursor_isAnonymousRecordDecl)
#define clang_Cursor_isBitField (clang_api.clang_Cursor_isBitField)
#define clang_Location_isFromMainFile (clang_api.clang_Location_isFromMainFile)
#define clang_Type_getSizeOf (clang_api.clang_Type_getSizeOf)
#define clang_Type_visitFields (clang_api.clang_Type_visitFields)
#define clang_createIndex (clang_api.clang_createIndex)
#define clang_disposeDiagnostic (clang_api.clang_disposeDiagnostic)
#define clang_disposeIndex (clang_api.clang_disposeIndex)
#define clang_disposeString (clang_api.clang_disposeString)
#define clang_disposeTranslationUnit (clang_api.clang_disposeTranslationUnit)
#define clang_getArrayElementType (clang_api.clang_getArrayElementType)
#define clang_getArraySize (clang_api.clang_getArraySize)
#define clang_getCString (clang_api.clang_getCString)
#define clang_getCanonicalType (clang_api.clang_getCanonicalType)
#define clang_getCursorKind (clang_api.clang_getCursorKind)
#define clang_getCursorLocation (clang_api.clang_getCursorLocation)
#define clang_getCursorSpelling (clang_api.clang_getCursorSpelling)
#define clang_getCursorType (clang_api.clang_getCursorType)
#define clang_getDiagnostic (clang_api.clang_getDiagnostic)
#define clang_getDiagnosticLocation (clang_api.clang_getDiagnosticLocation)
#define clang_getDiagnosticSeverity (clang_api.clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling (clang_api.clang_getDiagnosticSpelling)
#define clang_getEnumConstantDeclUnsignedValue (clang_api.clang_getEnumConstantDeclUnsignedValue)
#define clang_getEnumConstantDeclValue (clang_api.clang_getEnumConstantDeclValue)
#define clang_getEnumDeclIntegerType (clang_api.clang_getEnumDeclIntegerType)
#define clang_getFieldDeclBitWidth (clang_api.clang_getFieldDeclBitWidth)
#define clang_getFileName (clang_api.clang_getFileName)
#define clang_getNumDiagnostics (clang_api.clang_getNumDiagnostics)
#define clang_getSpellingLocation (clang_api.clang_getSpellingLocation)
#define clang_getTranslationUnitCursor (clang_api.clang_getTranslationUnitCursor)
#define clang_getTypeDeclaration (clang_api.clang_getTypeDeclaration)
#define clang_getTypeSpelling (clang_api.clang_getTypeSpelling)
#define clang_isCursorDefinition (clang_api.clang_isCursorDefinition)
#define clang_parseTranslationUnit2 (clang_api.clang_parseTranslationUnit2)
#define clang_visitChildren (clang_api.clang_visitChildren)

/* Cheap (the page's layout pane asks when it is made): whether libclang is
 * there to load, or was loaded; a failure to load it shows when a header is
 * read, as UNSUPPORTED with the loader's reason. */
gboolean
shmview_layout_clang_available (void)
{
  if (g_atomic_pointer_get (&clang_loaded) != 0)
    return clang_loaded == 1;
  return g_file_test (SHMVIEW_LIBCLANG, G_FILE_TEST_EXISTS);
}

static char *
take_string (CXString string)
{
  char *copy = g_strdup (clang_getCString (string));

  clang_disposeString (string);
  return copy;
}

static ShmviewField *field_from_type (CXType type, const char *name, guint64 offset,
                                      guint depth, GError **error);

static ShmviewFieldKind
scalar_kind (enum CXTypeKind kind)
{
  switch (kind)
    {
    case CXType_Bool:
      return SHMVIEW_FIELD_BOOL;
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong: case CXType_Int128: case CXType_WChar:
      return SHMVIEW_FIELD_SIGNED;
    case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt:
    case CXType_ULong: case CXType_ULongLong: case CXType_UInt128:
    case CXType_Char16: case CXType_Char32:
      return SHMVIEW_FIELD_UNSIGNED;
    case CXType_Float: case CXType_Double: case CXType_LongDouble:
      return SHMVIEW_FIELD_FLOAT;
    case CXType_Pointer: case CXType_BlockPointer:
      return SHMVIEW_FIELD_POINTER;
    case CXType_Enum:
      return SHMVIEW_FIELD_ENUM;
    default:
      return SHMVIEW_FIELD_OPAQUE;
    }
}

typedef struct
{
  ShmviewField *record;
  guint         depth;
  GError      **error;
  gboolean      failed;
} RecordVisit;

static ShmviewField *
bit_field (CXCursor  cursor,
           CXType    type,
           char     *name,
           long long bit_offset)
{
  int width = clang_getFieldDeclBitWidth (cursor);
  g_autofree char *type_name = take_string (clang_getTypeSpelling (type));
  CXType canonical = clang_getCanonicalType (type);
  ShmviewField *field;
  guint first_bit = (guint) (bit_offset % 8);

  field = shmview_field_new (scalar_kind (canonical.kind), name, type_name,
                             (guint64) bit_offset / 8, (first_bit + (guint) width + 7) / 8);
  field->bit_offset = first_bit;
  field->bit_width = (guint) width;
  if (field->kind == SHMVIEW_FIELD_ENUM)
    field->kind = SHMVIEW_FIELD_SIGNED;  /* rare; read its number */
  return field;
}

static enum CXVisitorResult
visit_record_field (CXCursor     cursor,
                    CXClientData data)
{
  RecordVisit *visit = data;
  g_autofree char *name = take_string (clang_getCursorSpelling (cursor));
  CXType type = clang_getCursorType (cursor);
  long long bit_offset = clang_Cursor_getOffsetOfField (cursor);
  ShmviewField *field;

  if (bit_offset < 0)
    {
      g_set_error (visit->error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                   _("The compiler gives no offset for member “%s”"), name);
      visit->failed = TRUE;
      return CXVisit_Break;
    }
  if (clang_Cursor_isAnonymousRecordDecl (clang_getTypeDeclaration (type)))
    name[0] = '\0';
  if (clang_Cursor_isBitField (cursor))
    field = bit_field (cursor, type, name, bit_offset);
  else
    field = field_from_type (type, name, (guint64) bit_offset / 8, visit->depth + 1,
                             visit->error);
  if (field == NULL)
    {
      visit->failed = TRUE;
      return CXVisit_Break;
    }
  g_ptr_array_add (visit->record->children, field);
  return CXVisit_Continue;
}

static enum CXChildVisitResult
visit_enum_constant (CXCursor     cursor,
                     CXCursor     parent,
                     CXClientData data)
{
  ShmviewField *field = data;
  ShmviewEnumValue item;

  if (clang_getCursorKind (cursor) != CXCursor_EnumConstantDecl)
    return CXChildVisit_Continue;
  item.name = take_string (clang_getCursorSpelling (cursor));
  item.value = field->is_signed ? clang_getEnumConstantDeclValue (cursor)
                                : (gint64) clang_getEnumConstantDeclUnsignedValue (cursor);
  g_array_append_val (field->enum_values, item);
  return CXChildVisit_Continue;
}

static void
fill_enum (ShmviewField *field,
           CXType        canonical)
{
  CXCursor declaration = clang_getTypeDeclaration (canonical);
  CXType integer = clang_getCanonicalType (clang_getEnumDeclIntegerType (declaration));

  field->is_signed = scalar_kind (integer.kind) == SHMVIEW_FIELD_SIGNED;
  field->enum_values = g_array_new (FALSE, FALSE, sizeof (ShmviewEnumValue));
  clang_visitChildren (declaration, visit_enum_constant, field);
}

static gboolean
is_plain_char (CXType type)
{
  enum CXTypeKind kind = clang_getCanonicalType (type).kind;

  return kind == CXType_Char_S || kind == CXType_Char_U;
}

static ShmviewField *
array_field (CXType      canonical,
             const char *name,
             const char *type_name,
             guint64     offset,
             guint64     size,
             guint       depth,
             GError    **error)
{
  CXType element_type = clang_getArrayElementType (canonical);
  long long count = canonical.kind == CXType_ConstantArray ? clang_getArraySize (canonical) : 0;
  ShmviewField *field, *element;

  if (is_plain_char (element_type))
    return shmview_field_new (SHMVIEW_FIELD_STRING, name, type_name, offset, size);
  element = field_from_type (element_type, "", 0, depth + 1, error);
  if (element == NULL)
    return NULL;
  field = shmview_field_new (SHMVIEW_FIELD_ARRAY, name, type_name, offset, size);
  field->count = (guint64) MAX (count, 0);
  g_ptr_array_add (field->children, element);
  return field;
}

static ShmviewField *
record_field (CXType      canonical,
              const char *name,
              const char *type_name,
              guint64     offset,
              guint64     size,
              guint       depth,
              GError    **error)
{
  CXCursor declaration = clang_getTypeDeclaration (canonical);
  ShmviewFieldKind kind = clang_getCursorKind (declaration) == CXCursor_UnionDecl
                          ? SHMVIEW_FIELD_UNION : SHMVIEW_FIELD_STRUCT;
  ShmviewField *field = shmview_field_new (kind, name, type_name, offset, size);
  RecordVisit visit = { field, depth, error, FALSE };

  clang_Type_visitFields (canonical, visit_record_field, &visit);
  if (visit.failed)
    {
      shmview_field_free (field);
      return NULL;
    }
  return field;
}

static ShmviewField *
field_from_type (CXType      type,
                 const char *name,
                 guint64     offset,
                 guint       depth,
                 GError    **error)
{
  CXType canonical = clang_getCanonicalType (type);
  g_autofree char *type_name = take_string (clang_getTypeSpelling (type));
  long long size = clang_Type_getSizeOf (canonical);
  ShmviewField *field;

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                   _("“%s” nests more than %d levels deep"), type_name, MAX_DEPTH);
      return NULL;
    }
  if (canonical.kind == CXType_IncompleteArray)
    size = 0;  /* a flexible array member: no bytes of its own */
  else if (size < 0)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                   _("“%s” has no size the compiler knows (incomplete or variable)"), type_name);
      return NULL;
    }
  switch (canonical.kind)
    {
    case CXType_Record:
      return record_field (canonical, name, type_name, offset, (guint64) size, depth, error);
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
      return array_field (canonical, name, type_name, offset, (guint64) size, depth, error);
    default:
      field = shmview_field_new (scalar_kind (canonical.kind), name, type_name, offset,
                                 (guint64) size);
      if (field->kind == SHMVIEW_FIELD_ENUM)
        fill_enum (field, canonical);
      return field;
    }
}

/* ---- finding the type by name ---- */

typedef struct
{
  const char *name;   /* without "struct "/"union "/"enum " */
  int         tag;    /* CXCursor_StructDecl etc. when spelled with a tag, else 0 */
  CXType      typedef_type;
  CXType      tag_type;
  gboolean    found_typedef;
  gboolean    found_tag;
} TypeSearch;

static gboolean
is_tag_declaration (enum CXCursorKind kind)
{
  return kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl || kind == CXCursor_EnumDecl;
}

static enum CXChildVisitResult
visit_top_level (CXCursor     cursor,
                 CXCursor     parent,
                 CXClientData data)
{
  TypeSearch *search = data;
  enum CXCursorKind kind = clang_getCursorKind (cursor);
  g_autofree char *spelling = NULL;

  if (kind != CXCursor_TypedefDecl && !is_tag_declaration (kind))
    return CXChildVisit_Continue;
  spelling = take_string (clang_getCursorSpelling (cursor));
  if (strcmp (spelling, search->name) != 0)
    return CXChildVisit_Continue;
  if (kind == CXCursor_TypedefDecl && search->tag == 0)
    {
      search->typedef_type = clang_getCursorType (cursor);
      search->found_typedef = TRUE;
    }
  else if (is_tag_declaration (kind) && clang_isCursorDefinition (cursor)
           && (search->tag == 0 || search->tag == (int) kind))
    {
      search->tag_type = clang_getCursorType (cursor);
      search->found_tag = TRUE;
    }
  return CXChildVisit_Continue;
}

static void
split_tag (TypeSearch *search,
           const char *type_name)
{
  static const struct { const char *prefix; int kind; } tags[] = {
    { "struct ", CXCursor_StructDecl },
    { "union ", CXCursor_UnionDecl },
    { "enum ", CXCursor_EnumDecl },
  };

  search->name = type_name;
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (g_str_has_prefix (type_name, tags[i].prefix))
      {
        search->name = type_name + strlen (tags[i].prefix);
        while (*search->name == ' ')
          search->name++;
        search->tag = tags[i].kind;
      }
}

/* ---- diagnostics ---- */

static char *
format_diagnostic (CXDiagnostic diagnostic)
{
  CXSourceLocation location = clang_getDiagnosticLocation (diagnostic);
  g_autofree char *message = take_string (clang_getDiagnosticSpelling (diagnostic));
  g_autofree char *file_name = NULL;
  CXFile file;
  unsigned line, column;

  clang_getSpellingLocation (location, &file, &line, &column, NULL);
  file_name = file != NULL ? take_string (clang_getFileName (file)) : g_strdup ("<input>");
  return g_strdup_printf ("%s:%u:%u: %s", file_name, line, column, message);
}

/* The errors clang reported, one "file:line:column: message" a line. */
static char *
collect_errors (CXTranslationUnit unit)
{
  GString *errors = g_string_new (NULL);
  unsigned n = clang_getNumDiagnostics (unit);

  for (unsigned i = 0; i < n; i++)
    {
      CXDiagnostic diagnostic = clang_getDiagnostic (unit, i);

      if (clang_getDiagnosticSeverity (diagnostic) >= CXDiagnostic_Error)
        {
          g_autofree char *line = format_diagnostic (diagnostic);

          g_string_append_printf (errors, "%s%s", errors->len > 0 ? "\n" : "", line);
        }
      clang_disposeDiagnostic (diagnostic);
    }
  if (errors->len == 0)
    {
      g_string_free (errors, TRUE);
      return NULL;
    }
  return g_string_free (errors, FALSE);
}

static GPtrArray *
compiler_arguments (const char * const *clang_args)
{
  GPtrArray *args = g_ptr_array_new ();

  /* A header is parsed as the C file that includes it would be. */
  g_ptr_array_add (args, (gpointer) "-x");
  g_ptr_array_add (args, (gpointer) "c");
  g_ptr_array_add (args, (gpointer) "-std=gnu11");
  g_ptr_array_add (args, (gpointer) "-Wno-pragma-once-outside-header");
  for (guint i = 0; clang_args != NULL && clang_args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) clang_args[i]);
  return args;
}

static gpointer
layout_from_unit (CXTranslationUnit unit,
                  const char       *type_name,
                  GError          **error)
{
  TypeSearch search = { 0 };
  g_autofree char *shown = _shmview_quote_for_message (type_name);
  ShmviewField *root;
  CXType type;

  split_tag (&search, type_name);
  clang_visitChildren (clang_getTranslationUnitCursor (unit), visit_top_level, &search);
  if (!search.found_typedef && !search.found_tag)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                   _("The header defines no type “%s”"), shown);
      return NULL;
    }
  type = search.found_typedef ? search.typedef_type : search.tag_type;
  root = field_from_type (type, "", 0, 0, error);
  if (root == NULL)
    return NULL;
  return shmview_layout_new_from_root (root);
}

typedef gpointer (*UnitFunc) (CXTranslationUnit unit, const char *type_name, GError **error);

/* Parses the header and hands the translation unit to @func, unless it has errors. */
static gpointer
parse_loaded (const char                *path,
       struct CXUnsavedFile      *unsaved,
       const char * const        *clang_args,
       UnitFunc                   func,
       const char                *type_name,
       GError                   **error)
{
  g_autoptr(GPtrArray) args = compiler_arguments (clang_args);
  CXIndex index = clang_createIndex (0, 0);
  CXTranslationUnit unit = NULL;
  enum CXErrorCode code;
  gpointer result = NULL;
  g_autofree char *errors = NULL;

  code = clang_parseTranslationUnit2 (index, path, (const char * const *) args->pdata,
                                      (int) args->len, unsaved, unsaved != NULL ? 1 : 0,
                                      CXTranslationUnit_SkipFunctionBodies, &unit);
  if (code != CXError_Success || unit == NULL)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                 _("Could not read the header “%s”"), path);
  else if ((errors = collect_errors (unit)) != NULL)
    g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT, "%s", errors);
  else
    result = func (unit, type_name, error);
  if (unit != NULL)
    clang_disposeTranslationUnit (unit);
  clang_disposeIndex (index);
  return result;
}

/* ---- listing the types a header defines ---- */

static enum CXChildVisitResult
visit_listed_type (CXCursor     cursor,
                   CXCursor     parent,
                   CXClientData data)
{
  GPtrArray *names = data;
  enum CXCursorKind kind = clang_getCursorKind (cursor);
  g_autofree char *spelling = NULL;

  if (!clang_Location_isFromMainFile (clang_getCursorLocation (cursor)))
    return CXChildVisit_Continue;
  if (kind != CXCursor_TypedefDecl
      && !(is_tag_declaration (kind) && clang_isCursorDefinition (cursor)))
    return CXChildVisit_Continue;
  spelling = take_string (clang_getCursorSpelling (cursor));
  if (spelling[0] == '\0' || clang_Cursor_isAnonymous (cursor))
    return CXChildVisit_Continue;
  if (kind == CXCursor_TypedefDecl)
    g_ptr_array_add (names, g_steal_pointer (&spelling));
  else
    g_ptr_array_add (names, g_strdup_printf ("%s %s",
                                             kind == CXCursor_StructDecl ? "struct"
                                             : kind == CXCursor_UnionDecl ? "union" : "enum",
                                             spelling));
  return CXChildVisit_Continue;
}

static gpointer
list_types (CXTranslationUnit unit,
            const char       *unused,
            GError          **error)
{
  GPtrArray *names = g_ptr_array_new ();

  clang_visitChildren (clang_getTranslationUnitCursor (unit), visit_listed_type, names);
  g_ptr_array_add (names, NULL);
  return g_ptr_array_free (names, FALSE);
}

/* The same, libclang loaded first (the first header read loads it). */
static gpointer
parse (const char                *path,
       struct CXUnsavedFile      *unsaved,
       const char * const        *clang_args,
       UnitFunc                   func,
       const char                *type_name,
       GError                   **error)
{
  if (!ensure_clang (error))
    return NULL;
  return parse_loaded (path, unsaved, clang_args, func, type_name, error);
}

/**
 * shmview_layout_parse_file:
 * @path: a C header
 * @type_name: "struct shared", "shared", a typedef's name
 * @clang_args: (nullable): more compiler options: "-I", "dir", "-DNAME=1"
 * @error: return location for a #GError
 *
 * Lays out @type_name as the compiler does for this machine. A header with
 * errors gives INVALID_ARGUMENT with clang's "file:line:column: message"
 * lines; a type it does not define NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the layout
 */
ShmviewLayout *
shmview_layout_parse_file (const char          *path,
                           const char          *type_name,
                           const char * const  *clang_args,
                           GError             **error)
{
  g_return_val_if_fail (path != NULL && type_name != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = _shmview_quote_for_message (path);

      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                   _("No such header file: “%s”"), shown);
      return NULL;
    }
  return parse (path, NULL, clang_args, layout_from_unit, type_name, error);
}

/**
 * shmview_layout_list_types_file:
 * @path: a C header
 * @clang_args: (nullable): more compiler options
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the names of the structs, unions,
 *   enums and typedefs @path itself defines, in the order it does
 */
GStrv
shmview_layout_list_types_file (const char          *path,
                                const char * const  *clang_args,
                                GError             **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = _shmview_quote_for_message (path);

      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                   _("No such header file: “%s”"), shown);
      return NULL;
    }
  return parse (path, NULL, clang_args, list_types, NULL, error);
}

/**
 * shmview_layout_list_types_text:
 * @text: C declarations
 * @clang_args: (nullable): more compiler options
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): as shmview_layout_list_types_file()
 */
GStrv
shmview_layout_list_types_text (const char          *text,
                                const char * const  *clang_args,
                                GError             **error)
{
  struct CXUnsavedFile unsaved = { "pasted.h", text, 0 };

  g_return_val_if_fail (text != NULL, NULL);

  unsaved.Length = strlen (text);
  return parse (unsaved.Filename, &unsaved, clang_args, list_types, NULL, error);
}

/**
 * shmview_layout_parse_text:
 * @text: C declarations (as pasted)
 * @type_name: as for shmview_layout_parse_file()
 * @clang_args: (nullable): more compiler options
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the layout
 */
ShmviewLayout *
shmview_layout_parse_text (const char          *text,
                           const char          *type_name,
                           const char * const  *clang_args,
                           GError             **error)
{
  struct CXUnsavedFile unsaved = { "pasted.h", text, 0 };

  g_return_val_if_fail (text != NULL && type_name != NULL, NULL);

  unsaved.Length = strlen (text);
  return parse (unsaved.Filename, &unsaved, clang_args, layout_from_unit, type_name, error);
}

#else /* !SHMVIEW_HAVE_CLANG */

gboolean
shmview_layout_clang_available (void)
{
  return FALSE;
}

static gpointer
unsupported (GError **error)
{
  g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                       _("This build of shmview cannot read C headers (it was built without libclang)"));
  return NULL;
}

ShmviewLayout *
shmview_layout_parse_file (const char          *path,
                           const char          *type_name,
                           const char * const  *clang_args,
                           GError             **error)
{
  return unsupported (error);
}

ShmviewLayout *
shmview_layout_parse_text (const char          *text,
                           const char          *type_name,
                           const char * const  *clang_args,
                           GError             **error)
{
  return unsupported (error);
}

GStrv
shmview_layout_list_types_file (const char          *path,
                                const char * const  *clang_args,
                                GError             **error)
{
  return unsupported (error);
}

GStrv
shmview_layout_list_types_text (const char          *text,
                                const char * const  *clang_args,
                                GError             **error)
{
  return unsupported (error);
}

#endif
