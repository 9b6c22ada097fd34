/* shmtool-info.c: `shmtool info`, one "key: value" line per fact
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

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
            const char              *spec_text,
            const char              *name_text,
            const ShmviewRegionInfo *info)
{
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

/* "attached: 2 visible, more may be attached" and one line per process:
 *   attached-pid: 4242 postgres (alice) rw 0x7f1c2a000000-0x7f1c2a100000
 * "(this shmtool)" marks our own mapping, "X11 shared image of PID" an
 * MIT-SHM segment an X server maps for a client. */
static void
print_attached (GString                  *out,
                const ShmviewRegionEntry *entry)
{
  if (entry->attached == NULL)
    return;
  if (entry->attached_incomplete)
    g_string_append_printf (out, "attached: %u visible, more may be attached "
                            "(other users' processes cannot be inspected)\n",
                            entry->attached->len);
  else
    g_string_append_printf (out, "attached: %u\n", entry->attached->len);
  for (guint i = 0; i < entry->attached->len; i++)
    {
      const ShmviewProcMapping *m = entry->attached->pdata[i];
      g_autofree char *command = shmview_format_escaped (m->command);

      g_string_append_printf (out, "attached-pid: %d %s (%s) %s 0x%" G_GINT64_MODIFIER "x-0x%"
                              G_GINT64_MODIFIER "x%s\n", m->pid, command, m->user,
                              m->writable ? "rw" : "ro", m->start, m->end,
                              m->is_self ? " (this shmtool)" : "");
    }
  if (entry->x11_client > 0)
    g_string_append_printf (out, "x11-shared-image-of: %d\n", entry->x11_client);
}

/* The listing's entry for @spec: found without attaching or opening
 * anything (System V from /proc/sysvipc/shm, POSIX from fstatat). */
static const ShmviewRegionEntry *
find_entry (GPtrArray         *entries,
            const ShmviewSpec *spec)
{
  g_autofree char *canonical = shmview_spec_to_string (spec);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = entries->pdata[i];
      const ShmviewRegionInfo *info = &entry->info;

      if (info->kind != spec->kind)
        continue;
      if (spec->kind == SHMVIEW_REGION_KIND_SYSV
          && (spec->by_id ? info->id == spec->id : info->key == spec->key))
        return entry;
      if (spec->kind != SHMVIEW_REGION_KIND_SYSV && g_strcmp0 (entry->spec, canonical) == 0)
        return entry;
    }
  return NULL;
}

/* From the permission bits, as the kernel would decide for this user. */
static gboolean
may_read (const ShmviewRegionInfo *info)
{
  if (geteuid () == 0)
    return TRUE;
  if (info->uid == geteuid ())
    return (info->mode & 0400) != 0;
  if (info->gid == getegid ())
    return (info->mode & 0040) != 0;
  return (info->mode & 0004) != 0;
}

/* Passive: everything from the listing, nothing attached or opened, so
 * the owner's ipcs shows no new attach or detach and no atime moves.
 * When this user may not read the contents, it says so on stderr and
 * still succeeds: every field asked for was shown. */
static int
info_from_entry (ShmtoolTarget            *target,
                 const ShmviewRegionEntry *entry)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  print_info (out, entry->spec, entry->name, &entry->info);
  print_attached (out, entry);
  if (!_shmtool_write_stdout (out->str, out->len, &error) || !_shmtool_flush_stdout (&error))
    return _shmtool_target_fail (target, error);
  if (entry->info.kind != SHMVIEW_REGION_KIND_PROCESS && !may_read (&entry->info))
    {
      g_autofree char *spec = shmview_format_escaped (target->spec_text);

      g_printerr ("shmtool: %s: its contents are not readable by this user "
                  "(the facts above are all that can be known without them)\n", spec);
    }
  return SHMTOOL_EXIT_OK;
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
  g_autoptr(GPtrArray) listing = NULL;
  g_autofree char *spec_text = NULL;
  g_autofree char *name_text = NULL;
  const ShmviewRegionEntry *entry;
  ShmviewRegionInfo info;

  if (!_shmtool_parse_target ("info", entries, SHMTOOL_TARGET_EXISTING, &argc, &argv, &target))
    return SHMTOOL_EXIT_USAGE;

  if (target.spec->kind != SHMVIEW_REGION_KIND_FILE)
    listing = shmview_region_list (SHMVIEW_LIST_COUNT_POSIX_ATTACHES
                                   | SHMVIEW_LIST_PROCESS_MEMORY, NULL);
  if ((entry = find_entry (listing, target.spec)) != NULL)
    return info_from_entry (&target, entry);

  /* Files, and process memory at another address than the listing's:
   * opened read-only (PROT_READ), which moves nothing a System V owner sees. */
  region = _shmtool_open_target (&target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL || !shmview_region_query_info (region, &info, &error))
    return _shmtool_target_fail (&target, error);
  spec_text = shmview_region_dup_spec_string (region);
  name_text = shmview_region_dup_display_name (region);
  print_info (out, spec_text, name_text, &info);
  if (!_shmtool_write_stdout (out->str, out->len, &error) || !_shmtool_flush_stdout (&error))
    return _shmtool_target_fail (&target, error);
  return SHMTOOL_EXIT_OK;
}
