/* shmview-size-format.c: sizes for people to read, translated
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's words for sizes (the region list, the status line, messages);
 * shmview_format_size() in shmview-format.c is the CLI's untranslated one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shmview-size-format.h"

/* g_format_size() puts a no-break space before the unit in UTF-8 locales;
 * the whole-unit case uses a plain one, and both should look alike. */
static char *
plain_spaces (char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "\u00a0", " ", 0);
  g_free (text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * shmview_format_short_size:
 * @size: a size in bytes
 *
 * An exact multiple of a binary unit prints as a whole number ("4 GiB"),
 * anything else as GLib rounds it ("1.5 KiB").
 *
 * Returns: (transfer full): "256 bytes", "4 KiB", "1.5 KiB".
 */
char *
shmview_format_short_size (guint64 size)
{
  static const char * const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  guint u = 0;

  if (size < 1024)
    {
      g_autofree char *bytes = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                           (gulong) size),
                              bytes);
    }

  while (u + 1 < G_N_ELEMENTS (units) && size >> (10 * (u + 2)) != 0)
    u++;

  if (size % (G_GUINT64_CONSTANT (1) << (10 * (u + 1))) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", size >> (10 * (u + 1)), units[u]);

  return plain_spaces (g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS));
}

/**
 * shmview_format_exact_size:
 * @size: a size in bytes
 *
 * The short size, with the exact byte count when the short one rounds or
 * uses a unit.
 *
 * Returns: (transfer full): "256 bytes", "4 GiB (4294967296 bytes)".
 */
char *
shmview_format_exact_size (guint64 size)
{
  g_autofree char *bytes = NULL;
  g_autofree char *approx = shmview_format_short_size (size);

  if (size < 1024)
    return g_steal_pointer (&approx);

  bytes = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
  /* Translators: "4 GiB (4294967296 bytes)": the rounded size, then the exact byte count */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s byte)", "%s (%s bytes)",
                                       (gulong) size),
                          approx, bytes);
}
