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

/* A name not found, or taken already: a file is no "shared memory region"
 * to the person who named it. */
static char *
describe_name (ShmviewError       code,
               const char        *what,
               ShmviewRegionKind  kind)
{
  gboolean file = kind == SHMVIEW_REGION_KIND_FILE;

  if (code == SHMVIEW_ERROR_NOT_FOUND && file)
    return g_strdup_printf (_("There is no file called “%s”. Check the path, or create the "
                              "file first."), what);
  if (code == SHMVIEW_ERROR_NOT_FOUND)
    return g_strdup_printf (_("There is no shared memory region called “%s” yet. "
                              "Create it first, or check the name."), what);
  if (file)
    return g_strdup_printf (_("A file called “%s” already exists. Nothing was changed: "
                              "choose another name, or attach to the existing one."), what);
  return g_strdup_printf (_("A region called “%s” already exists. Nothing was changed: "
                            "choose another name, or attach to the existing one."), what);
}

/* Whole sentences for each action, so translators see them whole. */
static char *
describe_past_end (const char    *what,
                   const char    *detail,
                   ShmviewAction  action)
{
  switch (action)
    {
    case SHMVIEW_ACTION_READ:
      return g_strdup_printf (_("That goes past the end of “%s”, so nothing was read. (%s)"),
                              what, detail);
    case SHMVIEW_ACTION_COPY:
      return g_strdup_printf (_("That goes past the end of “%s”, so nothing was copied. (%s)"),
                              what, detail);
    case SHMVIEW_ACTION_WRITE:
      return g_strdup_printf (_("That goes past the end of “%s”, so nothing was written. (%s)"),
                              what, detail);
    case SHMVIEW_ACTION_OPEN:
    default:
      return g_strdup_printf (_("That goes past the end of “%s”, so nothing was changed. (%s)"),
                              what, detail);
    }
}

/* A write cut short by a shrink may have stored part of its bytes: the
 * core's detail says whether. */
static char *
describe_shrunk (const char    *what,
                 const char    *detail,
                 ShmviewAction  action)
{
  switch (action)
    {
    case SHMVIEW_ACTION_READ:
      return g_strdup_printf (_("“%s” got smaller while it was open, so nothing was read. "
                                "Look at its new size and try again."), what);
    case SHMVIEW_ACTION_COPY:
      return g_strdup_printf (_("“%s” got smaller while it was open, so nothing was copied. "
                                "Look at its new size and try again."), what);
    case SHMVIEW_ACTION_WRITE:
      return g_strdup_printf (_("“%s” got smaller while it was open, so the write did not go "
                                "through. Look at its new size and try again. (%s)"),
                              what, detail);
    case SHMVIEW_ACTION_OPEN:
    default:
      return g_strdup_printf (_("“%s” got smaller while it was open, so nothing was changed. "
                                "Look at its new size and try again."), what);
    }
}

static char *
describe_shmview_error (const GError      *error,
                        const char        *what,
                        ShmviewRegionKind  kind,
                        ShmviewAction      action)
{
  switch ((ShmviewError) error->code)
    {
    case SHMVIEW_ERROR_NOT_FOUND:
    case SHMVIEW_ERROR_EXISTS:
      return describe_name ((ShmviewError) error->code, what, kind);
    case SHMVIEW_ERROR_PERMISSION:
      if (action == SHMVIEW_ACTION_OPEN_READ_ONLY)
        return g_strdup_printf (_("You are not allowed to read “%s”: its owner and "
                                  "permissions (mode) do not let you. Ask its owner."), what);
      return g_strdup_printf (_("You are not allowed to do that with “%s”: its owner and "
                                "permissions (mode) do not let you. Try attaching it "
                                "read-only, or ask its owner."), what);
    case SHMVIEW_ERROR_INVALID_ARGUMENT:
      return g_strdup_printf (_("That does not work for “%s”: %s"), what, error->message);
    case SHMVIEW_ERROR_OUT_OF_RANGE:
      return describe_past_end (what, error->message, action);
    case SHMVIEW_ERROR_SHRUNK:
      return describe_shrunk (what, error->message, action);
    case SHMVIEW_ERROR_SYMLINK:
      return g_strdup_printf (_("“%s” is a symbolic link. shmview does not follow links, so "
                                "it cannot be tricked into opening some other file."), what);
    case SHMVIEW_ERROR_UNSUPPORTED:
      return g_strdup_printf (_("“%s” cannot do that: %s"), what, error->message);
    case SHMVIEW_ERROR_NO_SPACE:
      return g_strdup_printf (_("There was no room for all of “%s”: the write stopped part "
                                "way, so part of it may be written. Free some space (a full "
                                "/dev/shm or disk, a quota) and try again."), what);
    case SHMVIEW_ERROR_FAILED:
    default:
      return g_strdup_printf (_("Something went wrong with “%s”: %s"), what, error->message);
    }
}

/**
 * shmview_describe_failure:
 * @error: a failure from the core (any domain)
 * @what: (nullable): the name of the region it is about, for people to read
 * @kind: what kind of region it is (a file is called a file)
 * @action: what was being done, for the words of what did not happen
 *
 * Returns: (transfer full): a translated sentence for a person to read.
 */
char *
shmview_describe_failure (const GError      *error,
                          const char        *what,
                          ShmviewRegionKind  kind,
                          ShmviewAction      action)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (what == NULL || *what == '\0')
    what = _("the region");

  if (error->domain == SHMVIEW_ERROR)
    return describe_shmview_error (error, what, kind, action);

  return g_strdup_printf (_("Something went wrong with “%s”: %s"), what, error->message);
}

/**
 * shmview_describe_error:
 * @error: a failure from the core (any domain)
 * @what: (nullable): the spec or name of the shared memory region it is about
 *
 * Returns: (transfer full): a translated sentence for a person to read.
 */
char *
shmview_describe_error (const GError *error,
                        const char   *what)
{
  return shmview_describe_failure (error, what, SHMVIEW_REGION_KIND_POSIX, SHMVIEW_ACTION_OPEN);
}

/**
 * shmview_describe_spec_error:
 * @error: a failure from the core (any domain)
 * @spec: the spec as given (a command line, the region list), any bytes
 * @action: %SHMVIEW_ACTION_OPEN, or %SHMVIEW_ACTION_OPEN_READ_ONLY when it
 *   was opened read-only
 *
 * What shmview_describe_failure() says about opening @spec, shown escaped
 * where it is not UTF-8.
 *
 * Returns: (transfer full): a translated sentence, valid UTF-8 however
 *   @spec is spelled.
 */
char *
shmview_describe_spec_error (const GError  *error,
                             const char    *spec,
                             ShmviewAction  action)
{
  g_autoptr(ShmviewSpec) parsed = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  /* A file by the path it was given; anything else as it was written. */
  parsed = shmview_spec_parse (spec, NULL);
  if (parsed != NULL && parsed->kind == SHMVIEW_REGION_KIND_FILE)
    shown = shmview_format_escaped (parsed->name);
  else
    shown = shmview_format_escaped (spec);
  return shmview_describe_failure (error, shown,
                                   parsed != NULL ? parsed->kind : SHMVIEW_REGION_KIND_POSIX,
                                   action);
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
    case SHMVIEW_REGION_KIND_PROCESS:
      return C_("region kind", "Process memory");
    default:
      g_return_val_if_reached (NULL);
    }
}
