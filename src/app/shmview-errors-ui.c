/* shmview-errors-ui.c: core errors in words a student understands
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's messages are precise but terse ("/MapTrans: No such file or
 * directory"). The app shows a sentence that says what happened and what to
 * do next, and keeps the core's message as the detail where it adds
 * something (a bad character, a size).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-error.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"

static char *
describe_shmview_error (const GError *error,
                        const char   *what)
{
  switch ((ShmviewError) error->code)
    {
    case SHMVIEW_ERROR_NOT_FOUND:
      return g_strdup_printf (_("There is no shared memory region called “%s” yet. "
                                "Create it first, or check the name."), what);
    case SHMVIEW_ERROR_EXISTS:
      return g_strdup_printf (_("A region called “%s” already exists. Nothing was changed: "
                                "choose another name, or attach to the existing one."), what);
    case SHMVIEW_ERROR_PERMISSION:
      return g_strdup_printf (_("You are not allowed to do that with “%s”: its owner and "
                                "permissions (mode) do not let you. Try attaching it "
                                "read-only, or ask its owner."), what);
    case SHMVIEW_ERROR_INVALID_ARGUMENT:
      return g_strdup_printf (_("That does not work for “%s”: %s"), what, error->message);
    case SHMVIEW_ERROR_OUT_OF_RANGE:
      return g_strdup_printf (_("That goes past the end of “%s”, so nothing was written. (%s)"),
                              what, error->message);
    case SHMVIEW_ERROR_SHRUNK:
      return g_strdup_printf (_("“%s” got smaller while it was open, so nothing was written. "
                                "Look at its new size and try again."), what);
    case SHMVIEW_ERROR_SYMLINK:
      return g_strdup_printf (_("“%s” is a symbolic link. shmview does not follow links, so "
                                "it cannot be tricked into opening some other file."), what);
    case SHMVIEW_ERROR_UNSUPPORTED:
      return g_strdup_printf (_("“%s” cannot do that: %s"), what, error->message);
    case SHMVIEW_ERROR_FAILED:
    default:
      return g_strdup_printf (_("Something went wrong with “%s”: %s"), what, error->message);
    }
}

/**
 * shmview_describe_error:
 * @error: a failure from the core (any domain)
 * @what: (nullable): the spec or name of the region it is about
 *
 * Returns: (transfer full): a translated sentence for a person to read.
 */
char *
shmview_describe_error (const GError *error,
                        const char   *what)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (what == NULL || *what == '\0')
    what = _("the region");

  if (error->domain == SHMVIEW_ERROR)
    return describe_shmview_error (error, what);

  return g_strdup_printf (_("Something went wrong with “%s”: %s"), what, error->message);
}

/**
 * shmview_describe_spec_error:
 * @error: a failure from the core (any domain)
 * @spec: the spec as given, any bytes
 *
 * Returns: (transfer full): a translated sentence, valid UTF-8 however
 *   @spec is spelled.
 */
char *
shmview_describe_spec_error (const GError *error,
                             const char   *spec)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  shown = shmview_format_escaped (spec);
  return shmview_describe_error (error, shown);
}

const char *
shmview_describe_kind (ShmviewRegionKind kind)
{
  switch (kind)
    {
    case SHMVIEW_REGION_KIND_POSIX:
      return C_("region kind", "POSIX");
    case SHMVIEW_REGION_KIND_SYSV:
      return C_("region kind", "System V");
    case SHMVIEW_REGION_KIND_FILE:
      return C_("region kind", "File");
    default:
      g_return_val_if_reached (NULL);
    }
}
