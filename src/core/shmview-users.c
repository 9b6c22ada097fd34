/* shmview-users.c: user and group names for ids, as ls shows them
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region list and shmtool name owners alike. The reentrant lookups, so
 * a worker thread may ask too; an id without a name (a container's user, a
 * deleted account) is shown as its number, as ls does.
 */
#include "config.h"

#include <grp.h>
#include <pwd.h>

#include "shmview-users.h"

/**
 * shmview_user_name:
 * @uid: a user id
 *
 * Returns: (transfer full): the user's login name ("root"), or @uid as text
 *   when it has none
 */
char *
shmview_user_name (guint32 uid)
{
  struct passwd pw, *result = NULL;
  char buffer[4096];

  if (getpwuid_r (uid, &pw, buffer, sizeof buffer, &result) == 0 && result != NULL)
    return g_strdup (result->pw_name);
  return g_strdup_printf ("%u", uid);
}

/**
 * shmview_group_name:
 * @gid: a group id
 *
 * Returns: (transfer full): the group's name, or @gid as text when it has none
 */
char *
shmview_group_name (guint32 gid)
{
  struct group gr, *result = NULL;
  char buffer[4096];

  if (getgrgid_r (gid, &gr, buffer, sizeof buffer, &result) == 0 && result != NULL)
    return g_strdup (result->gr_name);
  return g_strdup_printf ("%u", gid);
}
