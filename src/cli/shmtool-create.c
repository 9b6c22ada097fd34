/* shmtool-create.c: `shmtool create` and `shmtool rm`
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include <glib.h>

#include "shmtool-private.h"
#include "shmview-parse.h"

static gboolean
parse_size (const char *text,
            guint64    *size)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      _shmtool_usage_error ("create", "create: --size is required");
      return FALSE;
    }
  if (!shmview_parse_size (text, size, &error))
    return _shmtool_option_error ("create", "--size", error);
  if (*size == 0)
    {
      _shmtool_usage_error ("create", "--size: A region needs at least 1 byte");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_mode (const char *text,
            guint      *mode)
{
  g_autoptr(GError) error = NULL;

  *mode = 0600;
  if (text == NULL)
    return TRUE;
  if (!shmview_parse_mode (text, mode, &error))
    return _shmtool_option_error ("create", "--mode", error);
  /* The core reads mode 0 as "the default", so refuse it rather than
   * quietly making a 0600 region. */
  if (*mode == 0)
    {
      _shmtool_usage_error ("create", "--mode: 0 would give nobody access; use e.g. 0600");
      return FALSE;
    }
  if (*mode > 0777)
    {
      g_autofree char *shown = _shmtool_quote (text);

      _shmtool_usage_error ("create", "--mode: Only the permission bits (at most 0777) apply "
                            "to a region, not “%s”", shown);
      return FALSE;
    }
  return TRUE;
}

int
_shmtool_cmd_create (int    argc,
                     char **argv)
{
  g_autofree char *size_text = NULL;
  g_autofree char *mode_text = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_STRING, &size_text,
      "Size: 256, 0x100, 4K, 1M, 2G (required)", "N" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_text,
      "Permission bits in octal (default 0600)", "OCTAL" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      "Replace a region that already exists", NULL },
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewOpenFlags flags;
  guint64 size;
  guint mode;

  if (!_shmtool_parse_target ("create", entries, SHMTOOL_TARGET_NEW, &argc, &argv, &target) ||
      !parse_size (size_text, &size) || !parse_mode (mode_text, &mode))
    return SHMTOOL_EXIT_USAGE;

  flags = SHMVIEW_OPEN_CREATE | (force ? SHMVIEW_OPEN_REPLACE : SHMVIEW_OPEN_EXCLUSIVE);
  if (target.follow)
    flags |= SHMVIEW_OPEN_FOLLOW_SYMLINKS;
  region = shmview_region_open (target.spec, flags, size, mode, &error);
  if (region == NULL)
    return _shmtool_target_fail (&target, error);

  /* Each create of sysv:0 makes a new segment, and the only way to find it
   * again is the spec we print. */
  if (shmview_spec_is_private (target.spec))
    {
      g_autofree char *created = shmview_region_dup_spec_string (region);

      if (!_shmtool_write_line (created, &error))
        return _shmtool_target_fail (&target, error);
    }
  return SHMTOOL_EXIT_OK;
}

int
_shmtool_cmd_rm (int    argc,
                 char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  if (!_shmtool_parse_target ("rm", entries, SHMTOOL_TARGET_EXISTING, &argc, &argv, &target))
    return SHMTOOL_EXIT_USAGE;

  /* Only a file: spec can be a symlink; to follow it we must open it. */
  if (target.spec->kind != SHMVIEW_REGION_KIND_FILE || !target.follow)
    return shmview_region_remove_spec (target.spec, &error) ? SHMTOOL_EXIT_OK
                                                             : _shmtool_target_fail (&target, error);

  region = _shmtool_open_target (&target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !shmview_region_remove (region, &error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}
