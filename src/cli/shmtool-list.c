/* shmtool-list.c: `shmtool list`, as a table or as JSON
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-format.h"
#include "shmview-region-list.h"
#include "shmview-region-names.h"
#include "shmview-users.h"

enum { COL_SPEC, COL_NAME, COL_KIND, COL_SIZE, COL_OWNER, COL_MODE, COL_ATTACHES, COL_LABEL,
       N_COLS };

static const char * const headers[N_COLS] = {
  "SPEC", "NAME", "KIND", "SIZE", "OWNER", "MODE", "ATTACHES", "LABEL",
};

/* Owners' and groups' names, each looked up once per listing: a lookup
 * reads /etc/passwd (or asks NSS) each time, and 10,000 objects of one
 * owner would cost 10,000 of them (issue 13: list within 1.2x ls -l). */
typedef struct
{
  GHashTable *users;   /* uid -> name */
  GHashTable *groups;  /* gid -> name */
} Names;

static void
names_init (Names *names)
{
  names->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  names->groups = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->users, g_hash_table_unref);
  g_clear_pointer (&names->groups, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

static const char *
cached_name (GHashTable *cache,
             guint32     id,
             char     *(*lookup) (guint32 id))
{
  char *name = g_hash_table_lookup (cache, GUINT_TO_POINTER (id));

  if (name == NULL)
    {
      name = lookup (id);
      g_hash_table_insert (cache, GUINT_TO_POINTER (id), name);
    }
  return name;
}

static void
fill_row (char                     **row,
          const ShmviewRegionEntry  *entry,
          Names                     *names)
{
  const ShmviewRegionInfo *info = &entry->info;

  /* POSIX names may hold any byte but '/' and NUL, newlines included:
   * escaped, each region stays one row and the columns stay aligned. */
  row[COL_SPEC] = shmview_format_escaped (entry->spec);
  row[COL_NAME] = shmview_format_escaped (entry->name);
  row[COL_KIND] = g_strdup (shmview_region_kind_to_string (info->kind));
  row[COL_SIZE] = g_strdup_printf ("%" G_GUINT64_FORMAT, info->size);
  row[COL_OWNER] = g_strdup (cached_name (names->users, info->uid, shmview_user_name));
  row[COL_MODE] = _shmtool_format_mode (info->mode, FALSE);
  row[COL_ATTACHES] = info->nattch >= 0 ? g_strdup_printf ("%d", info->nattch) : g_strdup ("-");
  /* Removed System V segments (ipcs says "dest") and deleted process memory
   * are marked, as the JSON's "removed" and the browser mark them. */
  if (info->removed && entry->label != NULL)
    row[COL_LABEL] = g_strconcat ("removed, ", entry->label, NULL);
  else if (info->removed)
    row[COL_LABEL] = g_strdup ("removed");
  else if (entry->process_kind != NULL)
    row[COL_LABEL] = g_strdup (entry->process_kind);
  else if (entry->x11_client > 0)
    row[COL_LABEL] = g_strdup_printf ("X11 shared image of %d", entry->x11_client);
  else
    row[COL_LABEL] = g_strdup (entry->label != NULL ? entry->label : "");
}

static void
append_cell (GString    *out,
             const char *text,
             gsize       width,
             gboolean    right,
             gboolean    last)
{
  glong pad = (glong) width - g_utf8_strlen (text, -1);

  if (right)
    for (; pad > 0; pad--)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (last)
    return;
  for (; pad > 0; pad--)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static void
append_table (GString    *out,
              GPtrArray  *rows)
{
  gsize widths[N_COLS];

  for (guint c = 0; c < N_COLS; c++)
    {
      widths[c] = g_utf8_strlen (headers[c], -1);
      for (guint r = 0; r < rows->len; r++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
    }

  for (guint r = 0; r <= rows->len; r++)
    {
      const char * const *row = r == 0 ? headers : (const char * const *) rows->pdata[r - 1];

      for (guint c = 0; c < N_COLS; c++)
        append_cell (out, row[c], widths[c], c == COL_SIZE || c == COL_ATTACHES, c + 1 == N_COLS);
      /* The label column is often empty: no trailing blanks then. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
}

static void
format_table (GString   *out,
              GPtrArray *entries,
              Names     *names)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < entries->len; i++)
    {
      char **row = g_new0 (char *, N_COLS + 1);

      fill_row (row, entries->pdata[i], names);
      g_ptr_array_add (rows, row);
    }
  append_table (out, rows);
}

/* JSON strings must be valid UTF-8 with control characters escaped. A
 * name that is not UTF-8 cannot be represented exactly: its bad bytes
 * become U+FFFD, as in g_utf8_make_valid(). The exact bytes travel in the
 * "_escaped" fields (append_json_escaped). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *p = text;
  const char *end;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  end = text + strlen (text);
  g_string_append_c (out, '"');
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

static void
append_json_key (GString    *out,
                 const char *key)
{
  g_string_append_printf (out, ", \"%s\": ", key);
}

/* "KEY_escaped": @text escaped as info and error messages show it (bytes
 * that are not UTF-8 as \xNN, control characters as \n, \t, \r or \xNN, a
 * backslash doubled), which is always valid UTF-8 and decodes back to the
 * exact bytes (printf '%b', Python's codecs.escape_decode): a spec printed
 * this way can be opened again whatever its name holds. */
static void
append_json_escaped (GString    *out,
                     const char *key,
                     const char *text)
{
  g_autofree char *field = g_strconcat (key, "_escaped", NULL);
  g_autofree char *escaped = text != NULL ? shmview_format_escaped (text) : NULL;

  append_json_key (out, field);
  append_json_string (out, escaped);
}

static void
append_json_int_or_null (GString    *out,
                         const char *key,
                         gint64      value,
                         gboolean    known)
{
  append_json_key (out, key);
  if (known)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append (out, "null");
}

static const char *
kind_id (ShmviewRegionKind kind)
{
  switch (kind)
    {
    case SHMVIEW_REGION_KIND_POSIX: return "posix";
    case SHMVIEW_REGION_KIND_SYSV: return "sysv";
    case SHMVIEW_REGION_KIND_FILE: return "file";
    case SHMVIEW_REGION_KIND_PROCESS: return "process";
    default: g_assert_not_reached ();
    }
}

/* "attached": [{"pid": …, "command": …, "user": …, "uid": …, "access":
 * "rw"|"ro", "start": "0x…", "end": "0x…", "self": bool}, …] and
 * "attached_complete": false when some processes' maps were unreadable;
 * null when not scanned. */
static void
append_json_attached (GString                  *out,
                      const ShmviewRegionEntry *entry)
{
  append_json_key (out, "attached");
  if (entry->attached == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '[');
  for (guint i = 0; i < entry->attached->len; i++)
    {
      const ShmviewProcMapping *m = entry->attached->pdata[i];

      g_string_append_printf (out, "%s{\"pid\": %d, \"command\": ", i > 0 ? ", " : "", m->pid);
      append_json_string (out, m->command);
      append_json_key (out, "user");
      append_json_string (out, m->user);
      g_string_append_printf (out, ", \"uid\": %u, \"access\": \"%s\", \"start\": \"0x%"
                              G_GINT64_MODIFIER "x\", \"end\": \"0x%" G_GINT64_MODIFIER
                              "x\", \"self\": %s}", m->uid, m->writable ? "rw" : "ro",
                              m->start, m->end, m->is_self ? "true" : "false");
    }
  g_string_append_printf (out, "], \"attached_complete\": %s",
                          entry->attached_incomplete ? "false" : "true");
}

static void
append_json_entry (GString                  *out,
                   const ShmviewRegionEntry *entry,
                   Names                    *names)
{
  const ShmviewRegionInfo *info = &entry->info;
  gboolean sysv = info->kind == SHMVIEW_REGION_KIND_SYSV;
  const char *owner = cached_name (names->users, info->uid, shmview_user_name);
  const char *group = cached_name (names->groups, info->gid, shmview_group_name);
  g_autofree char *mode = _shmtool_format_mode (info->mode, FALSE);
  g_autofree char *key = sysv ? g_strdup_printf ("0x%08x", (guint32) info->key) : NULL;

  g_string_append (out, "{\"spec\": ");
  append_json_string (out, entry->spec);
  append_json_escaped (out, "spec", entry->spec);
  append_json_key (out, "name");
  append_json_string (out, entry->name);
  append_json_escaped (out, "name", entry->name);
  append_json_key (out, "kind");
  append_json_string (out, kind_id (info->kind));
  g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT, info->size);
  g_string_append_printf (out, ", \"uid\": %u", info->uid);
  append_json_key (out, "owner");
  append_json_string (out, owner);
  g_string_append_printf (out, ", \"gid\": %u", info->gid);
  append_json_key (out, "group");
  append_json_string (out, group);
  append_json_key (out, "mode");
  append_json_string (out, mode);
  append_json_int_or_null (out, "attaches", info->nattch, info->nattch >= 0);
  append_json_key (out, "key");
  append_json_string (out, key);
  append_json_int_or_null (out, "id", info->id, sysv);
  append_json_key (out, "label");
  append_json_string (out, entry->label);
  g_string_append_printf (out, ", \"removed\": %s", info->removed ? "true" : "false");
  if (entry->process_kind != NULL)
    {
      append_json_key (out, "process_kind");
      append_json_string (out, entry->process_kind);
      g_string_append_printf (out, ", \"pid\": %d", entry->pid);
    }
  append_json_int_or_null (out, "x11_client", entry->x11_client, entry->x11_client > 0);
  append_json_attached (out, entry);
  g_string_append_c (out, '}');
}

static void
format_json (GString   *out,
             GPtrArray *entries,
             Names     *names)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      append_json_entry (out, entries->pdata[i], names);
    }
  g_string_append (out, entries->len > 0 ? "\n]\n" : "]\n");
}

/* `list --names`, hidden: one spec a line for shell completion, which asks
 * on every Tab, so it must stay fast with thousands of objects. A name
 * holding a line break cannot be one line, and is left out. */
static int
print_names (void)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if ((names = shmview_region_names (&error)) == NULL)
    return _shmtool_fail (NULL, error);
  for (guint i = 0; i < names->len; i++)
    if (strchr (names->pdata[i], '\n') == NULL)
      g_string_append_printf (out, "%s\n", (const char *) names->pdata[i]);
  if (!_shmtool_write_stdout (out->str, out->len, &error))
    return _shmtool_fail (NULL, error);
  return SHMTOOL_EXIT_OK;
}

/* SHMTOOL_POSIX_DIR and SHMTOOL_SYSVIPC_SHM point the listing at a scratch
 * directory laid out like /dev/shm and a file like /proc/sysvipc/shm
 * (tests and benchmarks: bench-cli-list). */
static GPtrArray *
list_regions (GError **error)
{
  const char *posix_dir = g_getenv ("SHMTOOL_POSIX_DIR");
  const char *sysvipc = g_getenv ("SHMTOOL_SYSVIPC_SHM");
  ShmviewListFlags flags = SHMVIEW_LIST_COUNT_POSIX_ATTACHES | SHMVIEW_LIST_PROCESS_MEMORY;

  if (posix_dir == NULL && sysvipc == NULL)
    return shmview_region_list (flags, error);
  return shmview_region_list_from (posix_dir != NULL ? posix_dir : "/dev/shm",
                                   sysvipc != NULL ? sysvipc : "/proc/sysvipc/shm", flags, error);
}

int
_shmtool_cmd_list (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  gboolean names = FALSE;
  GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, "Print a JSON array instead of a table", NULL },
    { "names", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &names,
      "Print only the specs, one a line (for shell completion)", NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Names) owners = { NULL, };

  if (!_shmtool_parse_command_line ("list", entries, &argc, &argv))
    return SHMTOOL_EXIT_USAGE;
  if (names)
    return print_names ();

  regions = list_regions (&error);
  if (regions == NULL)
    return _shmtool_fail (NULL, error);

  names_init (&owners);
  if (json)
    format_json (out, regions, &owners);
  else
    format_table (out, regions, &owners);
  if (!_shmtool_write_stdout (out->str, out->len, &error) || !_shmtool_flush_stdout (&error))
    return _shmtool_fail (NULL, error);
  return SHMTOOL_EXIT_OK;
}
