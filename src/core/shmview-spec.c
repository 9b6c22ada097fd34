/* shmview-spec.c: region specs, one parser for the CLI and the app
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "shmview-error.h"
#include "shmview-parse-private.h"
#include "shmview-spec.h"

#define PREFIX_POSIX  "posix:"
#define PREFIX_SYSV   "sysv:"
#define PREFIX_SYSVID "sysvid:"
#define PREFIX_FILE   "file:"
#define PREFIX_PID    "pid:"

static ShmviewSpec *
spec_new (ShmviewRegionKind kind)
{
  ShmviewSpec *spec = g_new0 (ShmviewSpec, 1);

  spec->kind = kind;
  spec->id = -1;
  return spec;
}

static ShmviewSpec *
parse_posix_name (const char  *text,
                  const char  *name,
                  GError     **error)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);
  ShmviewSpec *spec;
  gsize len;

  /* One leading slash is the POSIX convention; the rest is the name proper. */
  if (name[0] == '/')
    name++;
  len = strlen (name);

  if (len == 0)
    {
      if (text[0] == '\0')
        g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                             "Region name is empty");
      else
        g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                     "Region name “%s” is empty: type a name such as MapTrans", quoted);
      return NULL;
    }
  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "Region name “%s” may not contain “/” after the leading one", quoted);
      return NULL;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "Region name “%s” is not allowed (“.” and “..” name directories)", quoted);
      return NULL;
    }
  if (len > NAME_MAX)
    {
      g_autofree char *start = g_utf8_substring (quoted, 0, 40);

      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "Region name “%s…” is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                   start, len, NAME_MAX);
      return NULL;
    }

  spec = spec_new (SHMVIEW_REGION_KIND_POSIX);
  spec->name = g_strconcat ("/", name, NULL);
  return spec;
}

/* Keys are 32-bit: ipcs prints them as 0x-hex, /proc/sysvipc/shm as signed
 * decimal, and people type either. Both map to the same bit pattern. */
static gboolean
parse_sysv_key (const char  *digits,
                gint32      *out)
{
  guint64 value;
  gint64 svalue;

  if (g_ascii_strncasecmp (digits, "0x", 2) == 0)
    {
      if (!g_ascii_string_to_unsigned (digits + 2, 16, 0, G_MAXUINT32, &value, NULL)
          || digits[2] == '+' || digits[2] == '-')
        return FALSE;
      *out = (gint32) (guint32) value;
      return TRUE;
    }
  if (digits[0] == '-')
    {
      if (!g_ascii_string_to_signed (digits, 10, G_MININT32, -1, &svalue, NULL))
        return FALSE;
      *out = (gint32) svalue;
      return TRUE;
    }
  if (digits[0] == '+'
      || !g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT32, &value, NULL))
    return FALSE;
  *out = (gint32) (guint32) value;
  return TRUE;
}

static ShmviewSpec *
parse_sysv (const char  *text,
            const char  *digits,
            GError     **error)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);
  ShmviewSpec *spec;
  gint32 key;

  if (!parse_sysv_key (digits, &key))
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a System V key: use a decimal number or 0x-hex, "
                   "as ipcs -m prints it (e.g. sysv:0x0000abcd)", quoted);
      return NULL;
    }
  spec = spec_new (SHMVIEW_REGION_KIND_SYSV);
  spec->key = key;
  return spec;
}

static ShmviewSpec *
parse_sysvid (const char  *text,
              const char  *digits,
              GError     **error)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);
  guint64 value;

  if (digits[0] == '+' || digits[0] == '-'
      || !g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT, &value, NULL))
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a System V segment id: use the decimal shmid "
                   "ipcs -m prints (0 to %d)", quoted, G_MAXINT);
      return NULL;
    }
  return shmview_spec_new_sysv_id ((gint) value);
}

static ShmviewSpec *
parse_file (const char  *path,
            GError     **error)
{
  ShmviewSpec *spec;

  if (path[0] == '\0')
    {
      g_set_error_literal (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                           "“file:” needs a path after it, e.g. file:/tmp/data");
      return NULL;
    }
  spec = spec_new (SHMVIEW_REGION_KIND_FILE);
  spec->name = g_strdup (path);
  return spec;
}

/* "PID@ADDR": a decimal pid > 0, an address in hex (0x optional). */
static ShmviewSpec *
parse_process (const char  *text,
               const char  *rest,
               GError     **error)
{
  g_autofree char *quoted = _shmview_quote_for_message (text);
  g_autofree char *pid_text = NULL;
  const char *at = strchr (rest, '@');
  const char *addr = at != NULL ? at + 1 : NULL;
  guint64 pid, address;

  if (at != NULL)
    pid_text = g_strndup (rest, at - rest);
  if (addr != NULL && g_ascii_strncasecmp (addr, "0x", 2) == 0)
    addr += 2;
  if (at == NULL || pid_text[0] == '+' || pid_text[0] == '-'
      || !g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT, &pid, NULL)
      || addr[0] == '+' || addr[0] == '-'
      || !g_ascii_string_to_unsigned (addr, 16, 0, G_MAXUINT64, &address, NULL))
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a process mapping: use pid:PID@ADDRESS with the "
                   "address in hex, as /proc/PID/maps prints it (e.g. pid:1234@0x7f1c2a000000)",
                   quoted);
      return NULL;
    }
  return shmview_spec_new_process ((gint) pid, address);
}

/**
 * shmview_spec_parse:
 * @text: what the user typed: "MapTrans", "/MapTrans", "posix:/MapTrans",
 *   "sysv:KEY", "sysvid:ID", "file:PATH" or "pid:PID@ADDR"
 * @error: return location for a #GError
 *
 * Parses a region spec. Text without a known prefix is a POSIX name (a
 * POSIX object whose name starts with "pid:" is "posix:pid:…" or "/pid:…").
 *
 * Returns: (transfer full) (nullable): the spec, or %NULL with
 *   %SHMVIEW_ERROR_INVALID_ARGUMENT set
 */
ShmviewSpec *
shmview_spec_parse (const char  *text,
                    GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (text, PREFIX_SYSVID))
    return parse_sysvid (text, text + strlen (PREFIX_SYSVID), error);
  if (g_str_has_prefix (text, PREFIX_SYSV))
    return parse_sysv (text, text + strlen (PREFIX_SYSV), error);
  if (g_str_has_prefix (text, PREFIX_FILE))
    return parse_file (text + strlen (PREFIX_FILE), error);
  if (g_str_has_prefix (text, PREFIX_PID))
    return parse_process (text, text + strlen (PREFIX_PID), error);
  if (g_str_has_prefix (text, PREFIX_POSIX))
    return parse_posix_name (text, text + strlen (PREFIX_POSIX), error);
  return parse_posix_name (text, text, error);
}

/* @path made absolute against @cwd, without empty or "." components: the
 * same file for the kernel whatever the current directory is later. Nothing
 * is resolved: the last component must still be refused when it is a
 * symbolic link, so no symlink may be followed here; and ".." stays, since
 * dropping it with the component before would name another file when that
 * component is a link to a directory elsewhere. A trailing slash (or "/.")
 * stays as "/": such a path names only a directory, and must go on doing so. */
static char *
absolute_path (const char *path,
               const char *cwd)
{
  g_autofree char *joined = path[0] == '/' ? g_strdup (path) : g_strconcat (cwd, "/", path, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  GString *out = g_string_sized_new (strlen (joined));
  gboolean directory = g_str_has_suffix (joined, "/") || g_str_has_suffix (joined, "/.");

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
      {
        g_string_append_c (out, '/');
        g_string_append (out, parts[i]);
      }
  if (out->len == 0 || directory)
    g_string_append_c (out, '/');
  return g_string_free (out, FALSE);
}

/**
 * shmview_spec_parse_in_dir:
 * @text: what the user typed, as for shmview_spec_parse()
 * @cwd: (nullable): the absolute directory a relative file: path is relative
 *   to (the caller's, e.g. g_application_command_line_get_cwd()); %NULL for
 *   this process's current directory
 * @error: return location for a #GError
 *
 * Parses @text like shmview_spec_parse(), and makes a file: path absolute
 * against @cwd, so the spec names the same file wherever it is opened: in a
 * program whose current directory is another (a running instance a second
 * one forwards its specs to), or after a chdir(). The path is canonical in
 * form (no empty or "." components) but not resolved: symbolic links stay
 * as they are, so the last component is still refused when it is one, and
 * ".." stays where it was typed. Other kinds of spec are left as parsed.
 * When @cwd is %NULL and the current directory cannot be found, a relative
 * path stays relative (opening it then fails the way it would have).
 *
 * Returns: (transfer full) (nullable): the spec, or %NULL with
 *   %SHMVIEW_ERROR_INVALID_ARGUMENT set
 */
ShmviewSpec *
shmview_spec_parse_in_dir (const char  *text,
                           const char  *cwd,
                           GError     **error)
{
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autofree char *current = NULL;
  char *absolute;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (cwd == NULL || cwd[0] == '/', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((spec = shmview_spec_parse (text, error)) == NULL || spec->kind != SHMVIEW_REGION_KIND_FILE)
    return g_steal_pointer (&spec);
  /* getcwd(), not g_get_current_dir(), which says "/" when it cannot tell. */
  if (cwd == NULL && spec->name[0] != '/' && (cwd = current = getcwd (NULL, 0)) == NULL)
    return g_steal_pointer (&spec);

  absolute = absolute_path (spec->name, cwd);
  g_free (spec->name);
  spec->name = absolute;
  return g_steal_pointer (&spec);
}

/**
 * shmview_spec_new_sysv_id:
 * @id: a System V shmid (>= 0)
 *
 * Returns: (transfer full): a spec for "sysvid:@id"
 */
ShmviewSpec *
shmview_spec_new_sysv_id (gint id)
{
  ShmviewSpec *spec;

  g_return_val_if_fail (id >= 0, NULL);

  spec = spec_new (SHMVIEW_REGION_KIND_SYSV);
  spec->by_id = TRUE;
  spec->id = id;
  return spec;
}

/**
 * shmview_spec_new_process:
 * @pid: a process id (> 0)
 * @address: an address inside one of its mappings
 *
 * Returns: (transfer full): a spec for "pid:@pid@@address"
 */
ShmviewSpec *
shmview_spec_new_process (gint    pid,
                          guint64 address)
{
  ShmviewSpec *spec;

  g_return_val_if_fail (pid > 0, NULL);

  spec = spec_new (SHMVIEW_REGION_KIND_PROCESS);
  spec->pid = pid;
  spec->address = address;
  return spec;
}

/**
 * shmview_spec_copy:
 * @spec: a spec
 *
 * Returns: (transfer full): a deep copy of @spec
 */
ShmviewSpec *
shmview_spec_copy (const ShmviewSpec *spec)
{
  ShmviewSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  copy->name = g_strdup (spec->name);
  return copy;
}

/**
 * shmview_spec_free:
 * @spec: (nullable): a spec
 */
void
shmview_spec_free (ShmviewSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec);
}

/**
 * shmview_spec_equal:
 * @a: a spec
 * @b: another spec
 *
 * Returns: %TRUE when both name the same region in the same way (a key and
 *   the id of the segment it names are not equal: that needs the kernel)
 */
gboolean
shmview_spec_equal (const ShmviewSpec *a,
                    const ShmviewSpec *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;
  if (a->kind == SHMVIEW_REGION_KIND_PROCESS)
    return a->pid == b->pid && a->address == b->address;
  if (a->kind != SHMVIEW_REGION_KIND_SYSV)
    return g_strcmp0 (a->name, b->name) == 0;
  if (a->by_id != b->by_id)
    return FALSE;
  return a->by_id ? a->id == b->id : a->key == b->key;
}

/**
 * shmview_spec_is_private:
 * @spec: a spec
 *
 * Returns: %TRUE for a System V spec by key 0 (IPC_PRIVATE): it names no
 *   existing segment, and creating with it makes a new one each time
 */
gboolean
shmview_spec_is_private (const ShmviewSpec *spec)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return spec->kind == SHMVIEW_REGION_KIND_SYSV && !spec->by_id && spec->key == 0;
}

/**
 * shmview_spec_to_string:
 * @spec: a spec
 *
 * Returns: (transfer full): canonical text that shmview_spec_parse() turns
 *   back into an equal spec: "/MapTrans", "sysv:0x0000abcd", "sysvid:32769",
 *   "file:/tmp/x", "pid:1234@0x7f1c2a000000"
 */
char *
shmview_spec_to_string (const ShmviewSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case SHMVIEW_REGION_KIND_POSIX:
      return g_strdup (spec->name);
    case SHMVIEW_REGION_KIND_SYSV:
      if (spec->by_id)
        return g_strdup_printf (PREFIX_SYSVID "%d", spec->id);
      return g_strdup_printf (PREFIX_SYSV "0x%08x", (guint32) spec->key);
    case SHMVIEW_REGION_KIND_FILE:
      return g_strconcat (PREFIX_FILE, spec->name, NULL);
    case SHMVIEW_REGION_KIND_PROCESS:
      return g_strdup_printf (PREFIX_PID "%d@0x%" G_GINT64_MODIFIER "x", spec->pid, spec->address);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * shmview_spec_to_display_name:
 * @spec: a spec
 *
 * Returns: (transfer full): a short name for titles and tabs: "MapTrans",
 *   "sysv:0x0000abcd", "sysvid:3", or a file's basename
 */
char *
shmview_spec_to_display_name (const ShmviewSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->kind)
    {
    case SHMVIEW_REGION_KIND_POSIX:
      return g_strdup (spec->name[0] == '/' ? spec->name + 1 : spec->name);
    case SHMVIEW_REGION_KIND_SYSV:
      return shmview_spec_to_string (spec);
    case SHMVIEW_REGION_KIND_FILE:
      return g_path_get_basename (spec->name);
    case SHMVIEW_REGION_KIND_PROCESS:
      return shmview_spec_to_string (spec);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * shmview_region_kind_to_string:
 * @kind: a region kind
 *
 * Returns: "POSIX", "System V", "File" or "Process memory" (untranslated)
 */
const char *
shmview_region_kind_to_string (ShmviewRegionKind kind)
{
  switch (kind)
    {
    case SHMVIEW_REGION_KIND_POSIX:
      return "POSIX";
    case SHMVIEW_REGION_KIND_SYSV:
      return "System V";
    case SHMVIEW_REGION_KIND_FILE:
      return "File";
    case SHMVIEW_REGION_KIND_PROCESS:
      return "Process memory";
    default:
      g_return_val_if_reached (NULL);
    }
}
