/* test-spec.c: the region spec parser
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-region.h"
#include "shmview-spec.h"
#include "test-util.h"

typedef struct
{
  const char *text;
  ShmviewRegionKind kind;
  const char *name;
  gboolean by_id;
  gint32 key;
  gint id;
  const char *canonical;
  const char *display;
} GoodSpec;

static const GoodSpec good_specs[] = {
  { "MapTrans", SHMVIEW_REGION_KIND_POSIX, "/MapTrans", FALSE, 0, -1, "/MapTrans", "MapTrans" },
  { "/MapTrans", SHMVIEW_REGION_KIND_POSIX, "/MapTrans", FALSE, 0, -1, "/MapTrans", "MapTrans" },
  { "posix:/MapTrans", SHMVIEW_REGION_KIND_POSIX, "/MapTrans", FALSE, 0, -1, "/MapTrans", "MapTrans" },
  { "posix:MapTrans", SHMVIEW_REGION_KIND_POSIX, "/MapTrans", FALSE, 0, -1, "/MapTrans", "MapTrans" },
  { "psm_3f2a", SHMVIEW_REGION_KIND_POSIX, "/psm_3f2a", FALSE, 0, -1, "/psm_3f2a", "psm_3f2a" },
  { "a:b", SHMVIEW_REGION_KIND_POSIX, "/a:b", FALSE, 0, -1, "/a:b", "a:b" },
  { "...", SHMVIEW_REGION_KIND_POSIX, "/...", FALSE, 0, -1, "/...", "..." },
  { "sem.x", SHMVIEW_REGION_KIND_POSIX, "/sem.x", FALSE, 0, -1, "/sem.x", "sem.x" },
  { "héllo wörld", SHMVIEW_REGION_KIND_POSIX, "/héllo wörld", FALSE, 0, -1, "/héllo wörld", "héllo wörld" },
  /* Other programs may make such names, and what they made must open. */
  { "a\nb\r", SHMVIEW_REGION_KIND_POSIX, "/a\nb\r", FALSE, 0, -1, "/a\nb\r", "a\nb\r" },
  { "sysv:0x0000abcd", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, 0xabcd, -1, "sysv:0x0000abcd", "sysv:0x0000abcd" },
  { "sysv:0xABCD", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, 0xabcd, -1, "sysv:0x0000abcd", "sysv:0x0000abcd" },
  { "sysv:43981", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, 0xabcd, -1, "sysv:0x0000abcd", "sysv:0x0000abcd" },
  { "sysv:0", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, 0, -1, "sysv:0x00000000", "sysv:0x00000000" },
  { "sysv:0xffffffff", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, -1, -1, "sysv:0xffffffff", "sysv:0xffffffff" },
  { "sysv:4294967295", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, -1, -1, "sysv:0xffffffff", "sysv:0xffffffff" },
  { "sysv:-1", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, -1, -1, "sysv:0xffffffff", "sysv:0xffffffff" },
  { "sysv:-5", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, -5, -1, "sysv:0xfffffffb", "sysv:0xfffffffb" },
  { "sysv:-2147483648", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, G_MININT32, -1, "sysv:0x80000000", "sysv:0x80000000" },
  { "sysv:2147483648", SHMVIEW_REGION_KIND_SYSV, NULL, FALSE, G_MININT32, -1, "sysv:0x80000000", "sysv:0x80000000" },
  { "sysvid:0", SHMVIEW_REGION_KIND_SYSV, NULL, TRUE, 0, 0, "sysvid:0", "sysvid:0" },
  { "sysvid:32769", SHMVIEW_REGION_KIND_SYSV, NULL, TRUE, 0, 32769, "sysvid:32769", "sysvid:32769" },
  { "sysvid:2147483647", SHMVIEW_REGION_KIND_SYSV, NULL, TRUE, 0, G_MAXINT, "sysvid:2147483647", "sysvid:2147483647" },
  { "file:/tmp/x", SHMVIEW_REGION_KIND_FILE, "/tmp/x", FALSE, 0, -1, "file:/tmp/x", "x" },
  { "file:data.bin", SHMVIEW_REGION_KIND_FILE, "data.bin", FALSE, 0, -1, "file:data.bin", "data.bin" },
  { "file:/a dir/sub/y.raw", SHMVIEW_REGION_KIND_FILE, "/a dir/sub/y.raw", FALSE, 0, -1, "file:/a dir/sub/y.raw", "y.raw" },
};

static void
test_parse_good (void)
{
  g_test_summary ("Every accepted spec form parses to the right kind, name, key or id, "
                  "prints canonically and shows the expected display name");

  for (gsize i = 0; i < G_N_ELEMENTS (good_specs); i++)
    {
      const GoodSpec *g = &good_specs[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse (g->text, &error);
      g_autofree char *canonical = NULL;
      g_autofree char *display = NULL;

      shmview_test_note ("spec", g->text);
      g_assert_no_error (error);
      g_assert_nonnull (spec);
      g_assert_cmpint (spec->kind, ==, g->kind);
      g_assert_cmpstr (spec->name, ==, g->name);
      if (g->kind == SHMVIEW_REGION_KIND_SYSV)
        {
          g_assert_cmpint (spec->by_id, ==, g->by_id);
          if (g->by_id)
            g_assert_cmpint (spec->id, ==, g->id);
          else
            g_assert_cmpint (spec->key, ==, g->key);
        }
      canonical = shmview_spec_to_string (spec);
      g_assert_cmpstr (canonical, ==, g->canonical);
      display = shmview_spec_to_display_name (spec);
      g_assert_cmpstr (display, ==, g->display);
    }
}

static void
test_round_trip (void)
{
  g_test_summary ("to_string() parses back to an equal spec, and that prints the same text");

  for (gsize i = 0; i < G_N_ELEMENTS (good_specs); i++)
    {
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse (good_specs[i].text, NULL);
      g_autofree char *text = shmview_spec_to_string (spec);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewSpec) again = shmview_spec_parse (text, &error);
      g_autofree char *text_again = NULL;

      g_assert_no_error (error);
      g_assert_true (shmview_spec_equal (spec, again));
      text_again = shmview_spec_to_string (again);
      g_assert_cmpstr (text_again, ==, text);
    }
}

static void
test_round_trip_random (void)
{
  g_test_summary ("Random keys, ids and names survive to_string() and parse()");

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(ShmviewSpec) spec = NULL;
      g_autoptr(ShmviewSpec) again = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      switch (i % 3)
        {
        case 0:
          spec = shmview_spec_new_sysv_id (g_random_int_range (0, G_MAXINT));
          break;
        case 1:
          spec = shmview_spec_parse ("sysv:1", NULL);
          spec->key = (gint32) g_random_int ();
          break;
        default:
          {
            char name[2 + NAME_MAX] = "/";
            gsize len = (gsize) g_random_int_range (1, NAME_MAX + 1);

            /* Any byte a name may hold: all but NUL and '/'. */
            for (gsize j = 1; j <= len; j++)
              do
                name[j] = (char) g_random_int_range (1, 256);
              while (name[j] == '/');
            name[len + 1] = '\0';
            if (strcmp (name, "/.") == 0 || strcmp (name, "/..") == 0)
              continue;
            spec = shmview_spec_parse (name, &error);
            g_assert_no_error (error);
          }
        }
      text = shmview_spec_to_string (spec);
      again = shmview_spec_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (shmview_spec_equal (spec, again));
    }
}

typedef struct
{
  const char *text;
  const char *message;
} BadSpec;

static void
test_parse_bad (void)
{
  g_autofree char *long_name = g_strnfill (NAME_MAX + 1, 'n');
  g_autofree char *long_slash = g_strconcat ("/", long_name, NULL);
  const BadSpec bad[] = {
    { "", "Region name is empty" },
    { "/", "Region name “/” is empty: type a name such as MapTrans" },
    { "posix:", "Region name “posix:” is empty: type a name such as MapTrans" },
    { "posix:/", "Region name “posix:/” is empty: type a name such as MapTrans" },
    { "a/b", "Region name “a/b” may not contain “/” after the leading one" },
    { "/a/b", "Region name “/a/b” may not contain “/” after the leading one" },
    { "//a", "Region name “//a” may not contain “/” after the leading one" },
    { "/a/", "Region name “/a/” may not contain “/” after the leading one" },
    { "posix://x", "Region name “posix://x” may not contain “/” after the leading one" },
    { "fiel:/tmp/x", "Region name “fiel:/tmp/x” may not contain “/” after the leading one" },
    { ".", "Region name “.” is not allowed (“.” and “..” name directories)" },
    { "/..", "Region name “/..” is not allowed (“.” and “..” name directories)" },
    { long_name, NULL },
    { long_slash, NULL },
    { "sysv:", "“sysv:” is not a System V key: use a decimal number or 0x-hex, as ipcs -m prints it (e.g. sysv:0x0000abcd)" },
    { "sysv:0x", NULL },
    { "sysv:0x100000000", NULL },
    { "sysv:4294967296", NULL },
    { "sysv:-2147483649", NULL },
    { "sysv:12ab", NULL },
    { "sysv:0xg", NULL },
    { "sysv: 5", NULL },
    { "sysv:5 ", NULL },
    { "sysv:+5", NULL },
    { "sysv:0x-5", NULL },
    { "sysv:0x0x5", NULL },
    { "sysv:-0x5", NULL },
    { "sysvid:", "“sysvid:” is not a System V segment id: use the decimal shmid ipcs -m prints (0 to 2147483647)" },
    { "sysvid:-1", NULL },
    { "sysvid:+1", NULL },
    { "sysvid:2147483648", NULL },
    { "sysvid:0x10", NULL },
    { "sysvid:1.5", NULL },
    { "sysvid: 1", NULL },
    { "file:", "“file:” needs a path after it, e.g. file:/tmp/data" },
  };

  g_test_summary ("Empty names, further slashes, '.', '..', names over NAME_MAX, "
                  "bad keys and ids and an empty file path are refused with a plain message");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse (bad[i].text, &error);

      shmview_test_note ("spec", bad[i].text);
      g_assert_null (spec);
      g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_name_max (void)
{
  g_autofree char *max_name = g_strnfill (NAME_MAX, 'm');
  g_autofree char *too_long = g_strnfill (NAME_MAX + 1, 'm');
  g_autofree char *max_slash = g_strconcat ("posix:/", max_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewSpec) ok = NULL;
  g_autoptr(ShmviewSpec) ok_slash = NULL;
  g_autoptr(ShmviewSpec) bad = NULL;

  g_test_summary ("A name of exactly NAME_MAX bytes (without its slash) is fine, one more is not");

  ok = shmview_spec_parse (max_name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (ok->name), ==, NAME_MAX + 1);
  ok_slash = shmview_spec_parse (max_slash, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_spec_equal (ok, ok_slash));

  bad = shmview_spec_parse (too_long, &error);
  g_assert_null (bad);
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "is 256 bytes long; the limit is 255"));
}

static void
test_invalid_utf8_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewSpec) spec = shmview_spec_parse ("\xff\xfe/x", &error);
  g_autoptr(ShmviewSpec) ok = NULL;

  g_test_summary ("Names that are not UTF-8 are allowed, and error messages stay valid UTF-8");

  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  ok = shmview_spec_parse ("\xff\xfe", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok->name, ==, "/\xff\xfe");
}

static void
test_equal_copy (void)
{
  g_autoptr(ShmviewSpec) a = shmview_spec_parse ("/x", NULL);
  g_autoptr(ShmviewSpec) b = shmview_spec_parse ("posix:x", NULL);
  g_autoptr(ShmviewSpec) c = shmview_spec_parse ("file:/x", NULL);
  g_autoptr(ShmviewSpec) k = shmview_spec_parse ("sysv:5", NULL);
  g_autoptr(ShmviewSpec) id = shmview_spec_parse ("sysvid:5", NULL);
  g_autoptr(ShmviewSpec) id2 = shmview_spec_new_sysv_id (5);
  g_autoptr(ShmviewSpec) copy = shmview_spec_copy (c);

  g_test_summary ("equal() compares kind and name, key or id; copy() is deep");

  g_assert_true (shmview_spec_equal (a, b));
  g_assert_false (shmview_spec_equal (a, c));
  g_assert_false (shmview_spec_equal (k, id));
  g_assert_true (shmview_spec_equal (id, id2));
  g_assert_true (shmview_spec_equal (c, copy));
  g_assert_true (copy->name != c->name);
  g_assert_cmpstr (copy->name, ==, "/x");
  g_assert_cmpint (id2->kind, ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_true (id2->by_id);
}

static void
test_is_private (void)
{
  static const struct
  {
    const char *text;
    gboolean    private;
  } cases[] = {
    { "sysv:0", TRUE }, { "sysv:0x0", TRUE }, { "sysv:0x00000000", TRUE },
    { "sysv:1", FALSE }, { "sysvid:0", FALSE }, { "0", FALSE }, { "file:0", FALSE },
  };

  g_test_summary ("is_private() is TRUE for the System V key 0 (IPC_PRIVATE) alone, however "
                  "it is written; sysvid:0 is an id, not that key");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse (cases[i].text, NULL);

      shmview_test_note ("spec", cases[i].text);
      g_assert_nonnull (spec);
      g_assert_cmpint (shmview_spec_is_private (spec), ==, cases[i].private);
    }
}

static void
test_kind_names (void)
{
  g_test_summary ("Kinds have fixed English names for the app to translate");

  g_assert_cmpstr (shmview_region_kind_to_string (SHMVIEW_REGION_KIND_POSIX), ==, "POSIX");
  g_assert_cmpstr (shmview_region_kind_to_string (SHMVIEW_REGION_KIND_SYSV), ==, "System V");
  g_assert_cmpstr (shmview_region_kind_to_string (SHMVIEW_REGION_KIND_FILE), ==, "File");
}

static void
test_parse_in_dir (void)
{
  static const struct {
    const char *text;
    const char *cwd;
    const char *spec;   /* shmview_spec_to_string() of the result */
  } cases[] = {
    { "file:data.bin", "/work", "file:/work/data.bin" },
    { "file:./a//b/./c", "/w/", "file:/w/a/b/c" },
    { "file:../x", "/w/d", "file:/w/d/../x" },           /* ".." is the kernel's to resolve */
    { "file:/abs//p/./q", "/w", "file:/abs/p/q" },
    { "file:dir/", "/w", "file:/w/dir/" },               /* still only a directory */
    { "file:sub/.", "/w", "file:/w/sub/" },
    { "file:.", "/w", "file:/w/" },
    { "file:/", "/w", "file:/" },
    { "file:a\nb\xff", "/w", "file:/w/a\nb\xff" },
    { "MapTrans", "/w", "/MapTrans" },
    { "sysv:0x10", "/w", "sysv:0x00000010" },
  };

  g_test_summary ("parse_in_dir makes a file: path absolute against the given directory, "
                  "without “//” or “.” but with “..” and a trailing slash kept, and leaves "
                  "other kinds as they are");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse_in_dir (cases[i].text, cases[i].cwd,
                                                               &error);
      g_autofree char *text = NULL;

      shmview_test_note ("spec", cases[i].text);
      g_assert_no_error (error);
      text = shmview_spec_to_string (spec);
      g_assert_cmpstr (text, ==, cases[i].spec);
    }
}

/* The directory the spec was typed in decides, not the one it is opened
 * in: what a running app needs for the specs a second instance sends it. */
static void
test_parse_in_dir_opens_there (void)
{
  g_autofree char *dir = shmview_test_temp_path ("typed-here");
  g_autofree char *elsewhere = shmview_test_temp_path ("opened-here");
  g_autofree char *target = g_build_filename (dir, "target.bin", NULL);
  g_autofree char *link = g_build_filename (dir, "link.bin", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(ShmviewSpec) via_link = NULL;
  g_autoptr(ShmviewSpec) here = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buf[4];

  g_test_summary ("A relative file: spec parsed in one directory opens that file from "
                  "another current directory; a symlink as its last component is still "
                  "refused; without a directory the current one is used");

  g_assert_no_errno (g_mkdir (dir, 0700));
  g_assert_no_errno (g_mkdir (elsewhere, 0700));
  g_assert_true (g_file_set_contents (target, "here", 4, NULL));
  g_assert_no_errno (symlink (target, link));

  spec = shmview_spec_parse_in_dir ("file:target.bin", dir, &error);
  via_link = shmview_spec_parse_in_dir ("file:./link.bin", dir, &error);
  g_assert_no_error (error);
  g_assert_no_errno (chdir (elsewhere));
  here = shmview_spec_parse_in_dir ("file:x", NULL, &error);
  region = shmview_region_open (spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (shmview_region_read (region, 0, buf, 4, &error));
  g_assert_cmpmem (buf, 4, "here", 4);
  g_assert_null (shmview_region_open (via_link, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SYMLINK);
  g_assert_no_errno (chdir (cwd));

  g_assert_cmpstr (via_link->name, ==, link);
  g_assert_true (g_str_has_suffix (here->name, "/opened-here/x"));
  g_assert_true (g_path_is_absolute (here->name));
  g_unlink (link);
  g_unlink (target);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/spec/parse-good", test_parse_good);
  g_test_add_func ("/core/spec/round-trip", test_round_trip);
  g_test_add_func ("/core/spec/round-trip-random", test_round_trip_random);
  g_test_add_func ("/core/spec/parse-bad", test_parse_bad);
  g_test_add_func ("/core/spec/name-max", test_name_max);
  g_test_add_func ("/core/spec/invalid-utf8-message", test_invalid_utf8_message);
  g_test_add_func ("/core/spec/equal-copy", test_equal_copy);
  g_test_add_func ("/core/spec/kind-names", test_kind_names);
  g_test_add_func ("/core/spec/is-private", test_is_private);
  g_test_add_func ("/core/spec/parse-in-dir", test_parse_in_dir);
  g_test_add_func ("/core/spec/parse-in-dir-opens-there", test_parse_in_dir_opens_there);

  return g_test_run ();
}
