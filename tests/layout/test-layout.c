/* test-layout.c: C header layouts compared with the compiler's, field by field
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * layout-writer is compiled by the build's own C compiler from
 * layout-sample.h: what it prints (offsetof, sizeof, the values it stored)
 * is the truth a layout read through libclang must match.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shmview-error.h"
#include "shmview-layout.h"
#include "shmview-region.h"
#include "test-util.h"

typedef struct
{
  char          *file;     /* a struct shared, filled by layout-writer */
  char          *header;
  ShmviewLayout *layout;
} Fixture;

/* One line of layout-writer's table. */
typedef struct
{
  char *path;
  char *offset;
  char *size;
  char *value;
} Expected;

static gboolean
skip_without_clang (void)
{
  if (shmview_layout_clang_available ())
    return FALSE;
  g_test_skip ("built without libclang");
  return TRUE;
}

static char *
run_writer (const char *mode,
            const char *file)
{
  g_autofree char *writer = shmview_test_build_path ("tests/layout/layout-writer");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, mode, file, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (shmview_test_communicate (proc, &out, NULL), ==, 0);
  return out;
}

static GArray *
parse_table (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *table = g_array_new (FALSE, FALSE, sizeof (Expected));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", 4);
      Expected row;

      if (g_strv_length (cells) != 4 || strcmp (cells[0], "sizeof") == 0)
        continue;
      row.path = g_strdup (cells[0]);
      row.offset = g_strdup (cells[1]);
      row.size = g_strdup (cells[2]);
      row.value = g_strdup (cells[3]);
      g_array_append_val (table, row);
    }
  return table;
}

static void
free_table (GArray *table)
{
  for (guint i = 0; i < table->len; i++)
    {
      Expected *row = &g_array_index (table, Expected, i);

      g_free (row->path);
      g_free (row->offset);
      g_free (row->size);
      g_free (row->value);
    }
  g_array_unref (table);
}

static guint64
writer_sizeof (const char *text)
{
  const char *line = strstr (text, "sizeof\t-\t");

  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("sizeof\t-\t"), NULL, 10);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->file = shmview_test_temp_path ("shared.bin");
  fixture->header = g_test_build_filename (G_TEST_DIST, "layout", "layout-sample.h", NULL);
  if (!shmview_layout_clang_available ())
    return;
  fixture->layout = shmview_layout_parse_file (fixture->header, "struct shared", NULL, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_clear_pointer (&fixture->layout, shmview_layout_unref);
  g_free (fixture->header);
  g_free (fixture->file);
}

typedef struct
{
  GPtrArray *leaves;  /* "path\toffset\tsize" */
  GPtrArray *values;
  GBytes    *bytes;
} Collected;

static gboolean
collect_leaf (const ShmviewLeaf *leaf,
              gpointer           data)
{
  Collected *collected = data;
  gsize n;
  const guint8 *bytes = g_bytes_get_data (collected->bytes, &n);

  g_assert_cmpuint (leaf->offset + leaf->field->size, <=, n);
  if (leaf->field->bit_width > 0)
    g_ptr_array_add (collected->leaves, g_strdup_printf ("%s\t-\t-", leaf->path));
  else
    g_ptr_array_add (collected->leaves,
                     g_strdup_printf ("%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                                      leaf->path, leaf->offset, leaf->field->size));
  g_ptr_array_add (collected->values,
                   shmview_field_format_value (leaf->field, bytes + leaf->offset));
  return TRUE;
}

static gboolean
is_float_text (const char *text)
{
  return strpbrk (text, ".e") != NULL || strstr (text, "inf") != NULL;
}

/* The writer prints floats with 17 or 21 digits, we the shortest text that
 * reads back the same: compare them as numbers of the field's own width. */
static void
assert_same_value (const char *path,
                   const char *size,
                   const char *ours,
                   const char *compiler)
{
  if (!is_float_text (compiler) || compiler[0] == '"')
    {
      g_assert_cmpstr (ours, ==, compiler);
      return;
    }
  g_test_message ("%s: %s vs %s", path, ours, compiler);
  if (strcmp (size, "4") == 0)
    g_assert_cmpfloat ((float) strtod (ours, NULL), ==, (float) strtod (compiler, NULL));
  else if (strcmp (size, "8") == 0)
    g_assert_cmpfloat (strtod (ours, NULL), ==, strtod (compiler, NULL));
  else
    g_assert_true (strtold (ours, NULL) == strtold (compiler, NULL));
}

static void
assert_matches_compiler (Fixture    *fixture,
                         const char *table_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *spec = g_strconcat ("file:", fixture->file, NULL);
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GArray *table = parse_table (table_text);
  Collected collected = { leaves, values, NULL };

  region = shmview_region_open_text (spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  collected.bytes = shmview_region_read_bytes (region, 0, shmview_region_get_size (region),
                                               &error);
  g_assert_no_error (error);
  shmview_layout_foreach_leaf (fixture->layout, 1, collect_leaf, &collected);

  g_assert_cmpuint (leaves->len, ==, table->len);
  for (guint i = 0; i < table->len; i++)
    {
      Expected *row = &g_array_index (table, Expected, i);
      g_autofree char *expected = g_strdup_printf ("%s\t%s\t%s", row->path, row->offset, row->size);

      g_assert_cmpstr (leaves->pdata[i], ==, expected);
      assert_same_value (row->path, row->size, values->pdata[i], row->value);
    }
  g_bytes_unref (collected.bytes);
  free_table (table);
}

static void
test_compiler_layout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *table = NULL;

  g_test_summary ("Every leaf of the sample struct has the compiler's path, offset, size and "
                  "value: padding, #pragma pack, packed, bit-fields, unions, anonymous members, "
                  "nested arrays, enums by name, bool, pointers, long double");
  if (skip_without_clang ())
    return;
  table = run_writer ("fill", fixture->file);
  g_assert_cmpuint (shmview_layout_get_size (fixture->layout), ==, writer_sizeof (table));
  assert_matches_compiler (fixture, table);
}

static void
test_type_names (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *same[] = { "shared", "struct shared", "struct  shared", "shared_t" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewLayout) color = NULL, missing = NULL, wrong_tag = NULL;

  g_test_summary ("--type takes “struct shared”, “shared” and a typedef's name; an enum; a "
                  "type the header does not define is NOT_FOUND, as is the wrong tag");
  if (skip_without_clang ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(ShmviewLayout) layout = shmview_layout_parse_file (fixture->header, same[i],
                                                                   NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (shmview_layout_get_size (layout), ==,
                        shmview_layout_get_size (fixture->layout));
      g_assert_cmpint (shmview_layout_get_root (layout)->kind, ==, SHMVIEW_FIELD_STRUCT);
    }
  color = shmview_layout_parse_file (fixture->header, "enum color", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shmview_layout_get_root (color)->kind, ==, SHMVIEW_FIELD_ENUM);
  g_assert_cmpuint (shmview_layout_get_root (color)->enum_values->len, ==, 3);

  missing = shmview_layout_parse_file (fixture->header, "struct nosuch", NULL, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);
  wrong_tag = shmview_layout_parse_file (fixture->header, "union shared", NULL, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
  g_assert_null (wrong_tag);
}

static gboolean
collect_path (const ShmviewLeaf *leaf,
              gpointer           data)
{
  g_ptr_array_add (data, g_strdup_printf ("%s@%" G_GUINT64_FORMAT, leaf->path, leaf->offset));
  return TRUE;
}

static void
test_array_placement (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewLayout) point = NULL, track = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const ShmviewField *field = NULL;
  guint64 offset = 0;

  g_test_summary ("A layout placed as an array of N walks [i].member at i * sizeof; an array "
                  "typedef walks [i] too; lookups accept those paths");
  if (skip_without_clang ())
    return;
  point = shmview_layout_parse_file (fixture->header, "struct point", NULL, &error);
  g_assert_no_error (error);
  shmview_layout_foreach_leaf (point, 3, collect_path, paths);
  g_assert_cmpuint (paths->len, ==, 6);
  g_assert_cmpstr (paths->pdata[0], ==, "[0].x@0");
  g_assert_cmpstr (paths->pdata[5], ==, "[2].y@20");
  g_assert_true (shmview_layout_lookup (point, "[2].y", &field, &offset, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (offset, ==, 20);

  g_ptr_array_set_size (paths, 0);
  track = shmview_layout_parse_file (fixture->header, "track_t", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shmview_layout_get_root (track)->kind, ==, SHMVIEW_FIELD_ARRAY);
  shmview_layout_foreach_leaf (track, 1, collect_path, paths);
  g_assert_cmpuint (paths->len, ==, 8);
  g_assert_cmpstr (paths->pdata[7], ==, "[3].y@28");
}

static void
test_lookup_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *bad[] = { "pts[3].x", "seq.x", "pts", "nosuch", "pts[a].x", "pts[1", "fl.z",
                        "temp[-1]", "" };
  const char *good[][2] = { { "pts[1].y", "68" }, { "fl.after", "107" }, { "whole", "164" },
                            { "halves[1]", "166" }, { "grid[1][2]", "134" } };

  g_test_summary ("Paths in C notation find their leaf and offset (anonymous members included); "
                  "a path past an array, into a scalar, to a struct or to nothing is "
                  "INVALID_ARGUMENT");
  if (skip_without_clang ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      const ShmviewField *field = NULL;
      guint64 offset = 0;

      g_assert_true (shmview_layout_lookup (fixture->layout, good[i][0], &field, &offset, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (offset, ==, g_ascii_strtoull (good[i][1], NULL, 10));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      const ShmviewField *field = NULL;
      guint64 offset = 0;

      shmview_test_note ("path", bad[i]);
      g_assert_false (shmview_layout_lookup (fixture->layout, bad[i], &field, &offset, &error));
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
    }
}

/* Sets @path to @value through the region (as shmtool write --set does). */
static void
set_field (Fixture    *fixture,
           const char *path,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autofree char *spec = g_strconcat ("file:", fixture->file, NULL);
  const ShmviewField *field = NULL;
  guint64 offset = 0;
  guint8 bytes[64];
  gsize n = 0;

  region = shmview_region_open_text (spec, SHMVIEW_OPEN_FLAGS_NONE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_layout_lookup (fixture->layout, path, &field, &offset, &error));
  g_assert_cmpuint (field->size, <=, sizeof bytes);
  g_assert_true (shmview_region_read (region, offset, bytes, field->size, &error));
  g_assert_true (shmview_field_parse_value (field, value, bytes, &n, &error));
  g_assert_no_error (error);
  g_assert_true (shmview_region_write (region, offset, bytes, n, &error));
  g_assert_no_error (error);
}

static const char *
table_value (GArray     *table,
             const char *path)
{
  for (guint i = 0; i < table->len; i++)
    if (strcmp (g_array_index (table, Expected, i).path, path) == 0)
      return g_array_index (table, Expected, i).value;
  g_assert_not_reached ();
}

static void
test_set_values (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *sets[][3] = {  /* path, value typed, value the compiler reads back */
    { "pts[1].y", "-12345", "-12345" },
    { "fl.b", "-16", "-16" },
    { "fl.c", "0xfff", "4095" },
    { "fl.wide", "549755813887", "549755813887" },
    { "color", "GREEN", "GREEN" },
    { "mode", "1", "MODE_ON" },
    { "msg", "hi", "\"hi\"" },
    { "ok", "false", "false" },
    { "packed.value", "7", "7" },
    { "halves[1]", "9", "9" },
    { "big", "0", "0" },
    { "neg", "-1", "-1" },
    { "ratio", "0.25", "0.25" },
    { "ap.d", "-1e-3", "-0.001" },
  };
  g_autofree char *before_text = NULL, *after_text = NULL;
  GArray *before, *after;

  g_test_summary ("A value typed for a field (numbers, hex, enum names, strings, bit-fields) is "
                  "stored so that the compiler's program reads exactly it, and a bit-field's "
                  "neighbours keep their bits");
  if (skip_without_clang ())
    return;
  before_text = run_writer ("fill", fixture->file);
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    set_field (fixture, sets[i][0], sets[i][1]);
  after_text = run_writer ("print", fixture->file);
  before = parse_table (before_text);
  after = parse_table (after_text);
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_test_message ("%s = %s", sets[i][0], table_value (after, sets[i][0]));
      if (strchr (sets[i][2], '.') != NULL && sets[i][2][0] != '"')
        g_assert_cmpfloat (strtod (table_value (after, sets[i][0]), NULL), ==,
                           strtod (sets[i][2], NULL));
      else
        g_assert_cmpstr (table_value (after, sets[i][0]), ==, sets[i][2]);
    }
  /* Neighbours: the other bit-fields of fl and the bytes after msg's NUL. */
  g_assert_cmpstr (table_value (after, "fl.a"), ==, table_value (before, "fl.a"));
  g_assert_cmpstr (table_value (after, "fl.after"), ==, table_value (before, "fl.after"));
  g_assert_cmpstr (table_value (after, "pts[1].x"), ==, table_value (before, "pts[1].x"));
  free_table (before);
  free_table (after);
}

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  const struct { const char *path, *value; int code; } bad[] = {
    { "packed.tag", "256", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "fl.b", "16", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "fl.b", "-17", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "fl.a", "8", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "seq", "-1", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "seq", "4294967296", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "neg", "-9223372036854775809", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "seq", "12abc", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { "seq", "", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { "color", "PURPLE", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { "msg", "sixteen bytes!!!", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "ratio", "abc", SHMVIEW_ERROR_INVALID_ARGUMENT },
    { "ratio", "1e39", SHMVIEW_ERROR_OUT_OF_RANGE },
    { "ok", "maybe", SHMVIEW_ERROR_INVALID_ARGUMENT },
  };

  g_test_summary ("A value that is not of the field's type is INVALID_ARGUMENT, one that does "
                  "not fit (bit-field widths included) OUT_OF_RANGE, and the bytes stay as "
                  "they were");
  if (skip_without_clang ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      const ShmviewField *field = NULL;
      guint64 offset = 0;
      guint8 bytes[32], copy[32];
      gsize n = 0;

      shmview_test_note (bad[i].path, bad[i].value);
      g_assert_true (shmview_layout_lookup (fixture->layout, bad[i].path, &field, &offset, &error));
      memset (bytes, 0x5a, sizeof bytes);
      memcpy (copy, bytes, sizeof copy);
      g_assert_false (shmview_field_parse_value (field, bad[i].value, bytes, &n, &error));
      g_assert_error (error, SHMVIEW_ERROR, bad[i].code);
      g_assert_cmpmem (bytes, sizeof bytes, copy, sizeof copy);
    }
}

static void
test_header_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *broken = "#include <stdint.h>\nstruct s { uint32_t a; int b c; };\n";
  const char *needs_define = "struct s {\n#ifdef WIDE\n  long long v;\n#else\n  int v;\n#endif\n};\n";
  const char *args[] = { "-DWIDE", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewLayout) layout = NULL, narrow = NULL, wide = NULL;

  g_test_summary ("A header with errors gives INVALID_ARGUMENT with clang's file:line:column; "
                  "-D options reach the compiler; a missing file is NOT_FOUND");
  if (skip_without_clang ())
    return;
  layout = shmview_layout_parse_text (broken, "struct s", NULL, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "pasted.h:2:"));  /* where: the point of it */
  g_assert_null (layout);
  g_clear_error (&error);

  narrow = shmview_layout_parse_text (needs_define, "s", NULL, &error);
  g_assert_no_error (error);
  wide = shmview_layout_parse_text (needs_define, "s", args, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_layout_get_size (narrow), ==, sizeof (int));
  g_assert_cmpuint (shmview_layout_get_size (wide), ==, sizeof (long long));

  g_clear_pointer (&layout, shmview_layout_unref);
  layout = shmview_layout_parse_file ("/nonexistent/shared.h", "s", NULL, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND);
}

static gboolean
count_and_stop (const ShmviewLeaf *leaf,
                gpointer           data)
{
  guint *n = data;

  return ++*n < 100;
}

static void
test_large_array_is_one_node (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *text = "struct big { unsigned seq; struct { float v; short n; } items[100000]; };";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewLayout) layout = NULL;
  const ShmviewField *root, *items;
  const ShmviewField *field = NULL;
  guint64 offset = 0;
  guint n = 0;

  g_test_summary ("An array of 100,000 structs is one node standing for all elements; a walk "
                  "can stop early; the last element's offset is right");
  if (skip_without_clang ())
    return;
  layout = shmview_layout_parse_text (text, "big", NULL, &error);
  g_assert_no_error (error);
  root = shmview_layout_get_root (layout);
  items = root->children->pdata[1];
  g_assert_cmpint (items->kind, ==, SHMVIEW_FIELD_ARRAY);
  g_assert_cmpuint (items->count, ==, 100000);
  g_assert_cmpuint (items->children->len, ==, 1);
  shmview_layout_foreach_leaf (layout, 1, count_and_stop, &n);
  g_assert_cmpuint (n, ==, 100);
  g_assert_true (shmview_layout_lookup (layout, "items[99999].n", &field, &offset, &error));
  g_assert_cmpuint (offset, ==, 4 + 99999 * 8 + 4);
}

static void
test_list_types (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *expected[] = { "enum color", "run_mode", "struct point", "struct packed_rec",
                             "struct attr_packed", "union number", "struct flags",
                             "struct shared", "shared_t", "track_t", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL, broken = NULL;

  g_test_summary ("The types a header defines itself, in its order, as --type takes them "
                  "(not stdint.h's); a header with errors lists none");
  if (skip_without_clang ())
    return;
  names = shmview_layout_list_types_file (fixture->header, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, expected);
  broken = shmview_layout_list_types_text ("struct s { int a b; };", NULL, &error);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_null (broken);
}

static gboolean
libclang_mapped (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "libclang") != NULL;
}

static void
test_loaded_when_needed_child (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  /* A program linking the core starts without libclang (and LLVM): loading
   * them is half a million relocations, more than `shmtool list` itself. */
  g_assert_false (libclang_mapped ());
  /* asking whether headers can be read (each page's layout pane does) is
   * not reading one */
  g_assert_true (shmview_layout_clang_available ());
  g_assert_false (libclang_mapped ());
  names = shmview_layout_list_types_text ("struct s { int a; };", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (names[0], ==, "struct s");
  g_assert_true (libclang_mapped ());
}

static void
test_loaded_when_needed (void)
{
  g_test_summary ("libclang is loaded the first time a header is read, not at start nor "
                  "when asked whether it is there");
#ifndef SHMVIEW_HAVE_CLANG
  g_test_skip ("built without libclang");
  return;
#endif
  /* A fresh process: other tests here have loaded it already. */
  g_test_trap_subprocess ("/layout/loaded-when-needed/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/layout/compiler-layout", test_compiler_layout);
  ADD ("/layout/type-names", test_type_names);
  ADD ("/layout/array-placement", test_array_placement);
  ADD ("/layout/lookup-errors", test_lookup_errors);
  ADD ("/layout/set-values", test_set_values);
  ADD ("/layout/bad-values", test_bad_values);
  ADD ("/layout/header-errors", test_header_errors);
  ADD ("/layout/large-array-is-one-node", test_large_array_is_one_node);
  ADD ("/layout/list-types", test_list_types);
#undef ADD
  g_test_add_func ("/layout/loaded-when-needed", test_loaded_when_needed);
  g_test_add_func ("/layout/loaded-when-needed/subprocess", test_loaded_when_needed_child);

  return g_test_run ();
}
