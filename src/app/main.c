/* main.c: shmview, the live shared-memory viewer and editor
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "shmview-application.h"
#include "shmview-output.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShmviewApplication) app = NULL;
  const char *localedir;

  /* Before anything is opened (see shmview_ensure_std_fds()). */
  if (!shmview_ensure_std_fds ())
    return 1;

  /* SHMVIEW_LOCALEDIR lets an uninstalled build (meson devenv) find the
   * catalogs it just compiled. */
  localedir = g_getenv ("SHMVIEW_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("shmview");
  app = shmview_application_new ();
  return shmview_application_run (app, argc, argv);
}
