/* shmtool-create.c: `shmtool create` and `shmtool rm`
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-parse.h"

static gboolean
parse_create_values (const char *size_text,
                     const char *mode_text,
                     guint64    *size,
                     guint      *mode)
{
  g_autoptr(GError) error = NULL;

  if (size_text == NULL)
    {
      _shmtool_usage_error ("create", "create: --size is required");
      return FALSE;
    }
  if (!shmview_parse_size (size_text, size, &error))
    {
      _shmtool_usage_error ("create", "--size: %s", error->message);
      return FALSE;
    }
  if (*size == 0)
    {
      _shmtool_usage_error ("create", "--size: A region needs at least 1 byte");
      return FALSE;
    }

  *mode = 0600;
  if (mode_text != NULL && !shmview_parse_mode (mode_text, mode, &error))
    {
      _shmtool_usage_error ("create", "--mode: %s", error->message);
      return FALSE;
    }
  /* The core reads mode 0 as "the default", so refuse it rather than
   * quietly making a 0600 region. */
  if (*mode == 0)
    {
      _shmtool_usage_error ("create", "--mode: 0 would give nobody access; use e.g. 0600");
      return FALSE;
    }
  if (*mode > 0777)
    {
      _shmtool_usage_error ("create", "--mode: Only the permission bits (at most 0777) apply "
                            "to a region, not “%s”", mode_text);
      return FALSE;
    }
  return TRUE;
}

static int
create_region (const char        *spec_text,
               const ShmviewSpec *spec,
               guint64            size,
               guint              mode,
               ShmviewOpenFlags   flags)
{
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  region = shmview_region_open (spec, flags, size, mode, &error);
  if (region == NULL)
    return _shmtool_fail (spec_text, error);

  /* Each create of sysv:0 makes a new segment, and the only way to find it
   * again is the spec we print. */
  if (shmview_spec_is_private (spec))
    {
      g_autofree char *created = shmview_region_dup_spec_string (region);

      printf ("%s\n", created);
      if (!_shmtool_flush_stdout (&error))
        return _shmtool_fail (spec_text, error);
    }
  return SHMTOOL_EXIT_OK;
}

int
_shmtool_cmd_create (int    argc,
                     char **argv)
{
  g_autofree char *size_text = NULL;
  g_autofree char *mode_text = NULL;
  gboolean force = FALSE;
  gboolean follow = FALSE;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_STRING, &size_text,
      "Size: 256, 0x100, 4K, 1M, 2G (required)", "N" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_text,
      "Permission bits in octal (default 0600)", "OCTAL" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      "Replace a region that already exists", NULL },
    SHMTOOL_FOLLOW_ENTRY (follow),
    { NULL }
  };
  g_autoptr(ShmviewSpec) spec = NULL;
  ShmviewOpenFlags flags = SHMVIEW_OPEN_CREATE;
  char *args[1];
  guint64 size;
  guint mode;

  if (!_shmtool_parse_command_line ("create", entries, &argc, &argv, 1, args) ||
      !_shmtool_parse_new_spec ("create", args[0], &spec) ||
      !parse_create_values (size_text, mode_text, &size, &mode))
    return SHMTOOL_EXIT_USAGE;

  flags |= force ? SHMVIEW_OPEN_REPLACE : SHMVIEW_OPEN_EXCLUSIVE;
  if (follow)
    flags |= SHMVIEW_OPEN_FOLLOW_SYMLINKS;
  return create_region (args[0], spec, size, mode, flags);
}

int
_shmtool_cmd_rm (int    argc,
                 char **argv)
{
  gboolean follow = FALSE;
  GOptionEntry entries[] = {
    SHMTOOL_FOLLOW_ENTRY (follow),
    { NULL }
  };
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  char *args[1];

  if (!_shmtool_parse_command_line ("rm", entries, &argc, &argv, 1, args) ||
      !_shmtool_parse_spec ("rm", args[0], &spec))
    return SHMTOOL_EXIT_USAGE;

  /* Only a file: spec can be a symlink; to follow it we must open it. */
  if (spec->kind != SHMVIEW_REGION_KIND_FILE || !follow)
    return shmview_region_remove_spec (spec, &error) ? SHMTOOL_EXIT_OK
                                                      : _shmtool_fail (args[0], error);

  region = _shmtool_open (spec, SHMVIEW_OPEN_READ_ONLY, follow, &error);
  if (region == NULL || !shmview_region_remove (region, &error))
    return _shmtool_fail (args[0], error);
  return SHMTOOL_EXIT_OK;
}
