/* shmtool-diff.c: `shmtool diff`, the byte ranges in which two regions differ
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Either side is any spec: a live region, or a snapshot saved with
 * `shmtool read --format raw > snap.bin` and named file:snap.bin. Both are
 * opened read-only and read with pread (never through a mapping, so a
 * shrinking object cannot raise SIGBUS); holes both sides have are skipped
 * without being read. The exit status is cmp's: 0 equal, 1 different,
 * 2 trouble (usage, or a region that cannot be read).
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "shmtool-private.h"
#include "shmview-format.h"

enum
{
  DIFF_EXIT_SAME      = 0,
  DIFF_EXIT_DIFFERENT = 1,
  DIFF_EXIT_TROUBLE   = 2,
};

#define CHUNK ((gsize) 1024 * 1024)
/* A text line shows a range's first bytes only: it stays readable. */
#define SHOWN_BYTES 16
/* JSON carries every byte: a longer run of differences is cut into
 * records of this size, so memory stays bounded however large it is. */
#define JSON_RUN_MAX ((guint64) 64 * 1024)

typedef struct
{
  gboolean     json;
  gboolean     quiet;
  guint64      n_ranges;
  /* the run of differing bytes being gathered */
  guint64      run_start;
  guint64      run_length;
  GByteArray  *run_old;     /* its first bytes (all of them with --json) */
  GByteArray  *run_new;
  GString     *out;
} Diff;

static void
diff_clear (Diff *diff)
{
  g_clear_pointer (&diff->run_old, g_byte_array_unref);
  g_clear_pointer (&diff->run_new, g_byte_array_unref);
  if (diff->out != NULL)
    g_string_free (g_steal_pointer (&diff->out), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Diff, diff_clear)

static void
append_json_hex (GString    *out,
                 GByteArray *bytes)
{
  g_string_append_c (out, '"');
  for (guint i = 0; i < bytes->len; i++)
    g_string_append_printf (out, "%02x", bytes->data[i]);
  g_string_append_c (out, '"');
}

/* "offset 0x10 (16), 2 bytes: 00 00 -> 68 69", as watch prints a change. */
static void
append_text_range (Diff *diff)
{
  g_autofree char *old_hex = shmview_format_hex_text (diff->run_old->data, diff->run_old->len);
  g_autofree char *new_hex = shmview_format_hex_text (diff->run_new->data, diff->run_new->len);
  g_autofree char *more = NULL;

  if (diff->run_length > diff->run_old->len)
    more = g_strdup_printf (" ... (%" G_GUINT64_FORMAT " more)",
                            diff->run_length - diff->run_old->len);
  g_string_append_printf (diff->out, "offset 0x%" G_GINT64_MODIFIER "x (%" G_GUINT64_FORMAT
                          "), %" G_GUINT64_FORMAT " byte%s: %s%s -> %s%s\n",
                          diff->run_start, diff->run_start, diff->run_length,
                          diff->run_length == 1 ? "" : "s",
                          old_hex, more != NULL ? more : "", new_hex, more != NULL ? more : "");
}

/* Ends the run being gathered, if any, and writes it out. */
static gboolean
flush_run (Diff    *diff,
           GError **error)
{
  if (diff->run_length == 0)
    return TRUE;
  if (diff->quiet)
    ;
  else if (diff->json)
    {
      g_string_append_printf (diff->out, "%s\n    {\"offset\": %" G_GUINT64_FORMAT
                              ", \"offset_hex\": \"0x%" G_GINT64_MODIFIER "x\", \"length\": %"
                              G_GUINT64_FORMAT ", \"old\": ",
                              diff->n_ranges > 0 ? "," : "", diff->run_start, diff->run_start,
                              diff->run_length);
      append_json_hex (diff->out, diff->run_old);
      g_string_append (diff->out, ", \"new\": ");
      append_json_hex (diff->out, diff->run_new);
      g_string_append_c (diff->out, '}');
    }
  else
    append_text_range (diff);
  diff->n_ranges++;
  diff->run_length = 0;
  g_byte_array_set_size (diff->run_old, 0);
  g_byte_array_set_size (diff->run_new, 0);
  if (diff->out->len < CHUNK)
    return TRUE;
  /* Ranges go out as they are found: a diff of many GiB shows its first at once. */
  if (!_shmtool_write_stdout (diff->out->str, diff->out->len, error))
    return FALSE;
  g_string_truncate (diff->out, 0);
  return TRUE;
}

static gboolean
add_byte (Diff     *diff,
          guint64   offset,
          guint8    old_byte,
          guint8    new_byte,
          GError  **error)
{
  guint64 keep = diff->json ? JSON_RUN_MAX : SHOWN_BYTES;
  gboolean adjacent = diff->run_start + diff->run_length == offset;
  gboolean full = diff->json && diff->run_length == JSON_RUN_MAX;

  if (diff->run_length > 0 && (!adjacent || full) && !flush_run (diff, error))
    return FALSE;
  if (diff->run_length == 0)
    diff->run_start = offset;
  diff->run_length++;
  if (diff->run_old->len < keep)
    {
      g_byte_array_append (diff->run_old, &old_byte, 1);
      g_byte_array_append (diff->run_new, &new_byte, 1);
    }
  return TRUE;
}

/* Where data may start again at or after @offset in either region: holes
 * both have read as zeros on both sides and are equal. */
static guint64
next_data (ShmviewRegion *a,
           ShmviewRegion *b,
           guint64        offset,
           guint64        end)
{
  guint64 start_a, start_b, stop;

  if (!shmview_region_next_data (a, offset, &start_a, &stop))
    start_a = end;
  if (!shmview_region_next_data (b, offset, &start_b, &stop))
    start_b = end;
  return MIN (MIN (start_a, start_b), end);
}

static gboolean
compare_chunk (Diff          *diff,
               ShmviewRegion *a,
               ShmviewRegion *b,
               guint64        offset,
               gsize          length,
               guint8        *buffer_a,
               guint8        *buffer_b,
               GError       **error)
{
  gsize i = 0;

  if (!shmview_region_read (a, offset, buffer_a, length, error) ||
      !shmview_region_read (b, offset, buffer_b, length, error))
    return FALSE;
  while (i < length)
    {
      /* memcmp runs at memory speed; bytes are looked at one by one only
       * inside the first 64-byte block that differs. */
      gsize step = MIN (64, length - i);

      if (memcmp (buffer_a + i, buffer_b + i, step) == 0)
        {
          i += step;
          continue;
        }
      for (gsize j = i; j < i + step; j++)
        if (buffer_a[j] != buffer_b[j]
            && !add_byte (diff, offset + j, buffer_a[j], buffer_b[j], error))
          return FALSE;
      i += step;
    }
  return TRUE;
}

/* Compares the first @common bytes, gathering the differing ranges. With
 * --quiet it stops at the first chunk that differs. */
static gboolean
compare_regions (Diff          *diff,
                 ShmviewRegion *a,
                 ShmviewRegion *b,
                 guint64        common,
                 GError       **error)
{
  g_autofree guint8 *buffer_a = g_malloc (MIN (CHUNK, MAX (common, 1)));
  g_autofree guint8 *buffer_b = g_malloc (MIN (CHUNK, MAX (common, 1)));
  guint64 offset = 0;

  while (offset < common)
    {
      guint64 data = next_data (a, b, offset, common);
      gsize length;

      if (data > offset)
        {
          /* Holes on both sides: equal, and a run of differences ends. */
          if (!flush_run (diff, error))
            return FALSE;
          offset = data;
          continue;
        }
      length = (gsize) MIN (CHUNK, common - offset);
      if (!compare_chunk (diff, a, b, offset, length, buffer_a, buffer_b, error))
        return FALSE;
      offset += length;
      /* One difference is the answer --quiet wants. */
      if (diff->quiet && (diff->n_ranges > 0 || diff->run_length > 0))
        break;
    }
  return flush_run (diff, error);
}

static void
begin_json (Diff                *diff,
            const ShmtoolTarget *targets,
            const guint64       *sizes)
{
  g_string_append (diff->out, "{\n");
  for (guint i = 0; i < 2; i++)
    {
      /* Escaped (\xNN, \n…): valid UTF-8 without control characters, so
       * only backslashes and quotes need escaping again for JSON. */
      g_autofree char *spec = shmview_format_escaped (targets[i].spec_text);

      g_string_append_printf (diff->out, "  \"%s\": {\"spec\": \"", i == 0 ? "a" : "b");
      for (const char *p = spec; *p != '\0'; p++)
        {
          if (*p == '\\' || *p == '"')
            g_string_append_c (diff->out, '\\');
          g_string_append_c (diff->out, *p);
        }
      g_string_append_printf (diff->out, "\", \"size\": %" G_GUINT64_FORMAT "},\n", sizes[i]);
    }
  g_string_append (diff->out, "  \"ranges\": [");
}

static void
end_output (Diff          *diff,
            const guint64 *sizes)
{
  gboolean same_size = sizes[0] == sizes[1];

  if (diff->json)
    g_string_append_printf (diff->out, "%s],\n  \"count\": %" G_GUINT64_FORMAT
                            ",\n  \"same_size\": %s,\n  \"equal\": %s\n}\n",
                            diff->n_ranges > 0 ? "\n  " : "", diff->n_ranges,
                            same_size ? "true" : "false",
                            same_size && diff->n_ranges == 0 ? "true" : "false");
  else if (!same_size && !diff->quiet)
    g_string_append_printf (diff->out, "sizes differ: %" G_GUINT64_FORMAT " bytes and %"
                            G_GUINT64_FORMAT " bytes (the first %" G_GUINT64_FORMAT
                            " compared)\n", sizes[0], sizes[1], MIN (sizes[0], sizes[1]));
}

static int
trouble (const ShmtoolTarget *target,
         const GError        *error)
{
  _shmtool_fail (target != NULL ? target->spec_text : NULL, error);
  return DIFF_EXIT_TROUBLE;
}

static void
targets_clear (ShmtoolTarget *targets)
{
  _shmtool_target_clear (&targets[0]);
  _shmtool_target_clear (&targets[1]);
}

int
_shmtool_cmd_diff (int    argc,
                   char **argv)
{
  g_auto(Diff) diff = { 0, };
  GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &diff.json,
      N_("Print the differing ranges as JSON"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &diff.quiet,
      N_("Print nothing: the exit status says it (as cmp -s)"), NULL },
    { NULL }
  };
  ShmtoolTarget targets[2] = { { NULL, }, { NULL, } };
  g_autoptr(ShmviewRegion) a = NULL;
  g_autoptr(ShmviewRegion) b = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sizes[2];
  int status;

  if (!_shmtool_parse_two_targets ("diff", entries, &argc, &argv, &targets[0], &targets[1]))
    {
      targets_clear (targets);
      return SHMTOOL_EXIT_USAGE;
    }
  if (diff.json && diff.quiet)
    {
      targets_clear (targets);
      return _shmtool_usage_error ("diff", _("--json does not go with --quiet"));
    }

  diff.run_old = g_byte_array_new ();
  diff.run_new = g_byte_array_new ();
  diff.out = g_string_new (NULL);
  if ((a = _shmtool_open_target (&targets[0], SHMVIEW_OPEN_READ_ONLY, &error)) == NULL)
    status = trouble (&targets[0], error);
  else if ((b = _shmtool_open_target (&targets[1], SHMVIEW_OPEN_READ_ONLY, &error)) == NULL)
    status = trouble (&targets[1], error);
  else
    {
      sizes[0] = shmview_region_get_size (a);
      sizes[1] = shmview_region_get_size (b);
      if (diff.json)
        begin_json (&diff, targets, sizes);
      if (!compare_regions (&diff, a, b, MIN (sizes[0], sizes[1]), &error))
        status = trouble (NULL, error);
      else
        {
          end_output (&diff, sizes);
          if (!_shmtool_write_stdout (diff.out->str, diff.out->len, &error) ||
              !_shmtool_flush_stdout (&error))
            status = trouble (NULL, error);
          else
            status = diff.n_ranges == 0 && sizes[0] == sizes[1] ? DIFF_EXIT_SAME
                                                                : DIFF_EXIT_DIFFERENT;
        }
    }
  targets_clear (targets);
  return status;
}
