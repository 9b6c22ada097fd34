/* shmtool-info.c: `shmtool info`, one "key: value" line per fact
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-format.h"
#include "shmview-region-list.h"
#include "shmview-users.h"

static void
print_time (GString    *out,
            const char *key,
            gint64      seconds)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (seconds < 0)
    return;
  /* System V keeps 0 for "never attached/detached". */
  if (seconds == 0)
    {
      g_string_append_printf (out, "%s: never\n", key);
      return;
    }
  time = g_date_time_new_from_unix_local (seconds);
  text = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S %z") : NULL;
  if (text != NULL)
    g_string_append_printf (out, "%s: %s\n", key, text);
}

static void
print_sysv_facts (GString                 *out,
                  const ShmviewRegionInfo *info)
{
  g_string_append_printf (out, "key: 0x%08x\n", (guint32) info->key);
  g_string_append_printf (out, "id: %d\n", info->id);
  if (info->cpid >= 0)
    g_string_append_printf (out, "creator-pid: %d\n", info->cpid);
  if (info->lpid >= 0)
    g_string_append_printf (out, "last-pid: %d\n", info->lpid);
  print_time (out, "attached-at", info->atime);
  print_time (out, "detached-at", info->mtime);
  print_time (out, "changed-at", info->ctime);
}

static void
print_info (GString                 *out,
            ShmviewRegion           *region,
            const ShmviewRegionInfo *info)
{
  g_autofree char *spec_text = shmview_region_dup_spec_string (region);
  g_autofree char *name_text = shmview_region_dup_display_name (region);
  /* One fact per line, whatever bytes the name holds. */
  g_autofree char *spec = shmview_format_escaped (spec_text);
  g_autofree char *name = shmview_format_escaped (name_text);
  g_autofree char *size = shmview_format_size (info->size);
  g_autofree char *owner = shmview_user_name (info->uid);
  g_autofree char *group = shmview_group_name (info->gid);
  g_autofree char *mode = _shmtool_format_mode (info->mode, TRUE);

  g_string_append_printf (out, "spec: %s\n", spec);
  g_string_append_printf (out, "name: %s\n", name);
  g_string_append_printf (out, "kind: %s\n", shmview_region_kind_to_string (info->kind));
  g_string_append_printf (out, "size: %s\n", size);
  g_string_append_printf (out, "owner: %s (%u)\n", owner, info->uid);
  g_string_append_printf (out, "group: %s (%u)\n", group, info->gid);
  g_string_append_printf (out, "mode: %s\n", mode);
  if (info->nattch >= 0)
    g_string_append_printf (out, "attaches: %d\n", info->nattch);
  else
    g_string_append (out, "attaches: unknown\n");

  if (info->kind == SHMVIEW_REGION_KIND_SYSV)
    print_sysv_facts (out, info);
  else
    {
      print_time (out, "accessed-at", info->atime);
      print_time (out, "modified-at", info->mtime);
      print_time (out, "changed-at", info->ctime);
    }
  g_string_append_printf (out, "removed: %s\n", info->removed ? "yes" : "no");
}

/* The kernel counts attaches of System V segments only (and counts ours:
 * see below). For a POSIX object the listing counts the processes that map
 * it; asked before we open it ourselves, so shmtool does not count itself.
 * -1 when unknown. */
static gint
count_posix_attaches (const ShmviewSpec *spec)
{
  g_autofree char *canonical = shmview_spec_to_string (spec);
  g_autoptr(GPtrArray) entries = NULL;

  if (spec->kind != SHMVIEW_REGION_KIND_POSIX)
    return -1;
  entries = shmview_region_list (SHMVIEW_LIST_COUNT_POSIX_ATTACHES, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = entries->pdata[i];

      if (entry->info.kind == SHMVIEW_REGION_KIND_POSIX && g_strcmp0 (entry->spec, canonical) == 0)
        return entry->info.nattch;
    }
  return -1;
}

int
_shmtool_cmd_info (int    argc,
                   char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  ShmviewRegionInfo info;
  gint attaches;

  if (!_shmtool_parse_target ("info", entries, SHMTOOL_TARGET_EXISTING, &argc, &argv, &target))
    return SHMTOOL_EXIT_USAGE;

  attaches = count_posix_attaches (target.spec);
  region = _shmtool_open_target (&target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !shmview_region_query_info (region, &info, &error))
    return _shmtool_target_fail (&target, error);
  if (info.nattch < 0)
    info.nattch = attaches;
  /* Like ipcs -m and the POSIX count, say who else is attached: while it
   * asks, shmtool holds exactly one attachment itself. */
  else if (info.kind == SHMVIEW_REGION_KIND_SYSV && info.nattch > 0)
    info.nattch--;

  print_info (out, region, &info);
  if (!_shmtool_write_stdout (out->str, out->len, &error) || !_shmtool_flush_stdout (&error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}
