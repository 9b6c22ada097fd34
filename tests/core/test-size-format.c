/* test-size-format.c: sizes for people to read
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "shmview-size-format.h"

static void
test_exact_size (void)
{
  struct { guint64 size; const char *text; } cases[] = {
    { 0, "0 bytes" },
    { 1, "1 byte" },
    { 256, "256 bytes" },
    { 4096, "4 KiB (4096 bytes)" },
    { 1536, "1.5 KiB (1536 bytes)" },
    { G_GUINT64_CONSTANT (4) << 30, "4 GiB (4294967296 bytes)" },
    { (G_GUINT64_CONSTANT (1) << 30) + 4096, "1.0 GiB (1073745920 bytes)" },
  };

  g_test_summary ("Exact sizes for the status line: whole units when exact, always the byte "
                  "count");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = shmview_format_exact_size (cases[i].size);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/size-format/exact-size", test_exact_size);

  return g_test_run ();
}
