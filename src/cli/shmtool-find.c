/* shmtool-find.c: `shmtool find`, as grep does for regions
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status as grep's: 0 when something was found, 1 when nothing was,
 * 2 on any error (a usage error, or the region could not be read), so a
 * script can tell "not there" from "could not look".
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "shmtool-private.h"
#include "shmview-search.h"

#define FIND_EXIT_NOT_FOUND 1
#define FIND_EXIT_ERROR     2

typedef struct
{
  char     *hex;
  char     *text;
  char     *as;
  char     *value;
  gboolean  ignore_case;
  gboolean  all;
  gboolean  json;
} FindOptions;

static void
find_options_clear (FindOptions *options)
{
  g_clear_pointer (&options->hex, g_free);
  g_clear_pointer (&options->text, g_free);
  g_clear_pointer (&options->as, g_free);
  g_clear_pointer (&options->value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FindOptions, find_options_clear)

/* The pattern's bytes from exactly one of --hex, --text and --as/--value. */
static GBytes *
pattern_from_options (const FindOptions *options)
{
  g_autoptr(GError) error = NULL;
  guint n = (options->hex != NULL) + (options->text != NULL) +
            (options->as != NULL || options->value != NULL);
  GBytes *pattern;
  ShmviewValueType type;
  ShmviewByteOrder order;

  if (n != 1)
    {
      _shmtool_usage_error ("find", n == 0 ? "find: Nothing to look for: give --hex, --text or "
                                             "--as with --value"
                                           : "find: Give only one of --hex, --text and --as");
      return NULL;
    }
  if (options->ignore_case && options->text == NULL)
    {
      _shmtool_usage_error ("find", "--ignore-case: Only goes with --text");
      return NULL;
    }

  if (options->hex != NULL)
    {
      if ((pattern = shmview_search_pattern_hex (options->hex, &error)) == NULL)
        _shmtool_option_error ("find", "--hex", error);
      return pattern;
    }
  if (options->text != NULL)
    {
      if ((pattern = shmview_search_pattern_text (options->text, &error)) == NULL)
        _shmtool_option_error ("find", "--text", error);
      return pattern;
    }
  if (options->as == NULL || options->value == NULL)
    {
      _shmtool_usage_error ("find", "find: --as and --value go together");
      return NULL;
    }
  if (!_shmtool_parse_value_type ("find", options->as, &type, &order))
    return NULL;
  if (!shmview_value_type_is_editable (type))
    {
      _shmtool_usage_error ("find", "--as: Cannot look for “%s”", options->as);
      return NULL;
    }
  if ((pattern = shmview_search_pattern_number (type, order, options->value, &error)) == NULL)
    _shmtool_option_error ("find", "--value", error);
  return pattern;
}

typedef struct
{
  gboolean  all;
  gboolean  json;
  guint64   count;
  GString  *out;
  GError  **error;
  gboolean  failed;
} Printer;

/* Lines go out as they are found (a search of many GiB shows its first
 * matches at once); JSON is one document, its matches as they come too. */
static gboolean
print_match (guint64  offset,
             gpointer user_data)
{
  Printer *p = user_data;

  g_string_truncate (p->out, 0);
  if (p->json)
    g_string_append_printf (p->out, "%s\n    {\"offset\": %" G_GUINT64_FORMAT
                            ", \"offset_hex\": \"0x%" G_GINT64_MODIFIER "x\"}",
                            p->count > 0 ? "," : "", offset, offset);
  else
    g_string_append_printf (p->out, "0x%" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT "\n",
                            offset, offset);
  p->count++;
  if (!_shmtool_write_stdout (p->out->str, p->out->len, p->error))
    {
      p->failed = TRUE;
      return FALSE;
    }
  return p->all;
}

static gboolean
find_in_region (ShmviewRegion     *region,
                GBytes            *pattern,
                const FindOptions *options,
                guint64            from,
                guint64           *count,
                GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Printer p = { options->all, options->json, 0, out, error, FALSE };
  gsize length;
  const guint8 *bytes = g_bytes_get_data (pattern, &length);
  gboolean ok;

  static const char head[] = "{\n  \"matches\": [";

  if (options->json && !_shmtool_write_stdout (head, strlen (head), error))
    return FALSE;
  ok = shmview_search_region_all (region, bytes, length,
                                  options->ignore_case ? SHMVIEW_SEARCH_IGNORE_CASE : 0, from,
                                  print_match, &p, NULL, error);
  if (!ok || p.failed)
    return FALSE;
  if (options->json)
    {
      g_autofree char *tail = g_strdup_printf ("%s],\n  \"count\": %" G_GUINT64_FORMAT "\n}\n",
                                               p.count > 0 ? "\n  " : "", p.count);

      if (!_shmtool_write_stdout (tail, strlen (tail), error))
        return FALSE;
    }
  *count = p.count;
  return _shmtool_flush_stdout (error);
}

int
_shmtool_cmd_find (int    argc,
                   char **argv)
{
  g_auto(FindOptions) options = { NULL, };
  GOptionEntry entries[] = {
    { "hex", 0, 0, G_OPTION_ARG_STRING, &options.hex,
      "Look for bytes given in hex: “de ad be ef”", "H" },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &options.text,
      "Look for text, as typed (UTF-8)", "S" },
    { "ignore-case", 'i', 0, G_OPTION_ARG_NONE, &options.ignore_case,
      "With --text: ASCII letters match either case", NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &options.as,
      "With --value: look for a value of this type (u32le, f64be, …)", "TYPE" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &options.value,
      "The value for --as", "V" },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &options.all,
      "Print every match, not only the first", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print the matches as JSON", NULL },
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GBytes) pattern = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  if (!_shmtool_parse_target ("find", entries, SHMTOOL_TARGET_OFFSET, &argc, &argv, &target) ||
      (pattern = pattern_from_options (&options)) == NULL)
    return FIND_EXIT_ERROR;

  region = _shmtool_open_target (&target, SHMVIEW_OPEN_READ_ONLY, &error);
  if (region == NULL ||
      !find_in_region (region, pattern, &options, target.range.offset, &count, &error))
    {
      _shmtool_target_fail (&target, error);
      return FIND_EXIT_ERROR;
    }
  return count > 0 ? SHMTOOL_EXIT_OK : FIND_EXIT_NOT_FOUND;
}
