/* shmtool-watch.c: `shmtool watch`, one line per change until told to stop
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "shmtool-layout.h"
#include "shmtool-private.h"
#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-monitor.h"
#include "shmview-proc-scan.h"

/* Long ranges show their first bytes only: a line stays readable. */
#define SHOWN_BYTES 16

typedef struct
{
  const char     *spec_text;
  char           *name;        /* display name, for the size lines */
  ShmviewRegion  *region;
  ShmviewMonitor *monitor;
  GMainLoop      *loop;
  ShmtoolLayout  *layout;      /* --layout: fields, not bytes */
  guint64         offset;      /* --layout: where the type is placed */
  guint64         remaining;   /* reports left before --count stops us; 0: no limit */
  gboolean        json;        /* --json: one JSON object a line */
  gboolean        until_removed; /* --until-removed: the removal ends the watch */
  gboolean        removed;     /* seen removed: now watching for the last holder */
  gint64          next_holder_check; /* monotonic µs: the next /proc scan for holders */
  int             status;
} Watch;

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->name, g_free);
  g_clear_object (&watch->monitor);
  g_clear_object (&watch->region);
  g_clear_pointer (&watch->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

static void
watch_stop (Watch *watch,
            int    status)
{
  watch->status = status;
  g_main_loop_quit (watch->loop);
}

static void
watch_fail (Watch        *watch,
            const GError *error)
{
  watch_stop (watch, _shmtool_fail (watch->spec_text, error));
}

/* Prints one report; FALSE once --count is reached (or stdout failed). */
static gboolean
report (Watch      *watch,
        const char *line)
{
  g_autoptr(GError) error = NULL;

  if (!_shmtool_write_line (line, &error))
    {
      watch_fail (watch, error);
      return FALSE;
    }
  if (watch->remaining > 0 && --watch->remaining == 0)
    {
      watch_stop (watch, SHMTOOL_EXIT_OK);
      return FALSE;
    }
  return TRUE;
}

/* The first bytes of a range (@bytes holds its start, maybe not all of it),
 * or "(not kept)" when the monitor has none: a large window's first change
 * in a chunk has no old bytes. */
static char *
abbreviated_hex (GBytes  *bytes,
                 guint64  length)
{
  gsize size;
  const guint8 *data;
  gsize shown;
  g_autofree char *hex = NULL;

  if (bytes == NULL)
    return g_strdup ("(not kept)");
  data = g_bytes_get_data (bytes, &size);
  shown = MIN (MIN (length, SHOWN_BYTES), size);
  hex = shmview_format_hex_text (data, shown);
  if (shown == length)
    return g_steal_pointer (&hex);
  return g_strdup_printf ("%s ... (%" G_GUINT64_FORMAT " more)", hex, length - shown);
}

/* ISO 8601 in UTC with microseconds, as the change log exports it. */
static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* The whole range in compact hex ("6869"), or null when not kept. */
static void
append_json_hex (GString    *out,
                 const char *key,
                 GBytes     *bytes,
                 guint64     length)
{
  gsize size = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  g_string_append_printf (out, ",\"%s\":", key);
  if (data == NULL || size < length)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", data[i]);
  g_string_append_c (out, '"');
}

/* {"time":"…","offset":16,"length":2,"old":"0000","new":"6869","origin":"outside"}:
 * the records of the GUI's change log (its JSON Lines export), with every
 * byte of the range. */
static gboolean
report_range_json (Watch       *watch,
                   const ShmviewRange *range,
                   GBytes      *old_bytes,
                   GBytes      *new_bytes)
{
  g_autofree char *time = now_iso8601 ();
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "{\"time\":\"%s\",\"offset\":%" G_GUINT64_FORMAT
                          ",\"length\":%" G_GUINT64_FORMAT, time, range->offset,
                          range->length);
  append_json_hex (line, "old", old_bytes, range->length);
  append_json_hex (line, "new", new_bytes, range->length);
  g_string_append (line, ",\"origin\":\"outside\"}");
  return report (watch, line->str);
}

static gboolean
report_range (Watch                      *watch,
              const ShmviewMonitorResult *result,
              guint                       index)
{
  const ShmviewRange *range = &g_array_index (result->changed, ShmviewRange, index);
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  g_autofree char *old_hex = NULL;
  g_autofree char *new_hex = NULL;
  g_autofree char *line = NULL;

  shmview_monitor_result_get_range_bytes (result, index, &old_bytes, &new_bytes);
  if (watch->json)
    return report_range_json (watch, range, old_bytes, new_bytes);
  old_hex = abbreviated_hex (old_bytes, range->length);
  new_hex = abbreviated_hex (new_bytes, range->length);
  line = g_strdup_printf ("offset 0x%" G_GINT64_MODIFIER "x (%" G_GUINT64_FORMAT "), %"
                          G_GUINT64_FORMAT " byte%s: %s -> %s",
                          range->offset, range->offset, range->length,
                          range->length == 1 ? "" : "s", old_hex, new_hex);
  return report (watch, line);
}

/* A line about the region itself: {"time":…,"event":EVENT,…} with --json
 * (@json_fields, if any, start with a comma), else @text. */
static gboolean
report_event (Watch      *watch,
              const char *event,
              const char *json_fields,
              const char *text)
{
  g_autofree char *time = NULL;
  g_autofree char *line = NULL;

  if (!watch->json)
    return report (watch, text);
  time = now_iso8601 ();
  line = g_strdup_printf ("{\"time\":\"%s\",\"event\":\"%s\"%s}", time, event,
                          json_fields != NULL ? json_fields : "");
  return report (watch, line);
}

static gboolean
report_size (Watch                      *watch,
             const ShmviewMonitorResult *result)
{
  gboolean grew = (result->region_change & SHMVIEW_REGION_CHANGE_GREW) != 0;
  g_autofree char *text = NULL;
  g_autofree char *fields = NULL;

  if (!(result->region_change & (SHMVIEW_REGION_CHANGE_GREW | SHMVIEW_REGION_CHANGE_SHRANK)))
    return TRUE;
  text = g_strdup_printf ("%s %s from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT " bytes",
                          watch->name, grew ? "grew" : "shrank",
                          result->old_size, result->new_size);
  fields = g_strdup_printf (",\"old_size\":%" G_GUINT64_FORMAT ",\"new_size\":%"
                            G_GUINT64_FORMAT, result->old_size, result->new_size);
  return report_event (watch, grew ? "grew" : "shrank", fields, text);
}

/* The other processes that still map the region (never shmtool itself),
 * from one /proc scan; a System V segment's kernel attach count covers
 * processes whose maps this user may not read. */
static GArray *
other_holders (Watch *watch)
{
  g_autoptr(ShmviewProcScan) scan = shmview_proc_scan_new (NULL, NULL);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (gint));
  const ShmviewProcObject *object = NULL;
  ShmviewRegionInfo info;
  guint64 dev, ino;

  if (scan != NULL && shmview_region_get_identity (watch->region, &dev, &ino))
    object = shmview_proc_scan_lookup_inode (scan, dev, ino);
  else if (scan != NULL && shmview_region_query_info (watch->region, &info, NULL))
    object = shmview_proc_scan_lookup_sysv (scan, info.id);
  for (guint i = 0; object != NULL && i < object->mappings->len; i++)
    {
      const ShmviewProcMapping *m = object->mappings->pdata[i];

      if (!m->is_self)
        g_array_append_val (pids, m->pid);
    }
  /* Unknown pids count too (0): another user's attachment still holds it. */
  if (shmview_region_get_kind (watch->region) == SHMVIEW_REGION_KIND_SYSV
      && shmview_region_query_info (watch->region, &info, NULL))
    for (gint unseen = info.nattch - 1 - (gint) pids->len; unseen > 0; unseen--)
      {
        gint zero = 0;

        g_array_append_val (pids, zero);
      }
  return pids;
}

static char *
format_pids (GArray     *pids,
             const char *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pids->len; i++)
    {
      gint pid = g_array_index (pids, gint, i);

      if (i > 0)
        g_string_append (text, separator);
      if (pid > 0)
        g_string_append_printf (text, "%d", pid);
      else
        g_string_append (text, separator[0] == ',' ? "null" : "?");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* After the removal: the memory lives on while some process maps it, and
 * may still change. FALSE (the watch is over, status 0) once none does. */
static gboolean
check_holders (Watch    *watch,
               gboolean  at_removal)
{
  g_autoptr(GArray) pids = other_holders (watch);
  g_autofree char *list = format_pids (pids, ", ");
  g_autofree char *json_list = format_pids (pids, ",");
  g_autofree char *text = NULL;
  g_autofree char *fields = NULL;

  if (pids->len > 0)
    {
      if (!at_removal)
        return TRUE;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s removed, still mapped by %u other process "
                                           "(%s): watching on",
                                           "%s removed, still mapped by %u other processes "
                                           "(%s): watching on", pids->len),
                              watch->name, pids->len, list);
      fields = g_strdup_printf (",\"holders\":[%s]", json_list);
      return report_event (watch, "removed", fields, text);
    }
  if (at_removal)
    text = g_strdup_printf (_("%s removed, and no other process maps it"), watch->name);
  else
    text = g_strdup_printf (_("%s: no other process maps it any more"), watch->name);
  if (report_event (watch, at_removal ? "removed" : "last-holder",
                    at_removal ? ",\"holders\":[]" : NULL, text))
    watch_stop (watch, SHMTOOL_EXIT_OK);
  return FALSE;
}

/* Printed after the changes the same poll found: they happened first.
 * --until-removed ends the watch here; otherwise it goes on while other
 * processes still map the region. */
static void
report_removal (Watch *watch)
{
  g_autofree char *text = NULL;

  watch->removed = TRUE;
  watch->next_holder_check = g_get_monotonic_time () + G_USEC_PER_SEC;
  if (!watch->until_removed)
    {
      check_holders (watch, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s removed"), watch->name);
  if (report_event (watch, "removed", NULL, text))
    watch_stop (watch, SHMTOOL_EXIT_OK);
}

/* With --layout: "path: old -> new" for each field that changed. */
static void
report_fields (Watch *watch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = _shmtool_layout_watch_changes (watch->layout, watch->region,
                                                              watch->offset, &error);

  if (lines == NULL)
    {
      watch_fail (watch, error);
      return;
    }
  for (guint i = 0; i < lines->len; i++)
    if (!report (watch, lines->pdata[i]))
      return;
}

static void
report_result (Watch                      *watch,
               const ShmviewMonitorResult *result)
{
  if (!report_size (watch, result))
    return;
  if (result->changed != NULL && watch->layout != NULL && result->changed->len > 0)
    report_fields (watch);
  else if (result->changed != NULL && watch->layout == NULL)
    for (guint i = 0; i < result->changed->len; i++)
      if (!report_range (watch, result, i))
        return;
  if (result->region_change & SHMVIEW_REGION_CHANGE_REMOVED)
    report_removal (watch);
}

static gboolean
on_tick (gpointer user_data)
{
  Watch *watch = user_data;
  ShmviewMonitorResult result = { 0, };
  g_autoptr(GError) error = NULL;

  if (shmview_monitor_poll (watch->monitor, &result, &error))
    report_result (watch, &result);
  /* A shrink racing the read: the next poll sees the new size and says so. */
  else if (error != NULL && !g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK))
    watch_fail (watch, error);
  shmview_monitor_result_clear (&result);
  /* Once removed, one /proc scan a second at most: is anyone else left? */
  if (watch->removed && g_main_loop_is_running (watch->loop)
      && g_get_monotonic_time () >= watch->next_holder_check)
    {
      watch->next_holder_check = g_get_monotonic_time () + G_USEC_PER_SEC;
      check_holders (watch, FALSE);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_signal (gpointer user_data)
{
  watch_stop (user_data, SHMTOOL_EXIT_OK);
  return G_SOURCE_CONTINUE;
}

/* Opens the region, sets the window and takes the first look, which is the
 * baseline later polls compare with. */
static gboolean
watch_start (Watch          *watch,
             ShmtoolTarget  *target,
             GError        **error)
{
  ShmtoolRange *range = &target->range;
  ShmviewMonitorResult result = { 0, };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  watch->region = _shmtool_open_target (target, SHMVIEW_OPEN_READ_ONLY, error);
  if (watch->region == NULL ||
      !_shmtool_resolve_range (range, shmview_region_get_size (watch->region), error))
    return FALSE;

  /* Reports are one line each, whatever bytes the name holds. */
  name = shmview_region_dup_display_name (watch->region);
  watch->name = shmview_format_escaped (name);
  watch->monitor = shmview_monitor_new (watch->region);
  /* Without --length, up to the end however the region grows: the monitor
   * clamps that to the size at each poll, and the poll that sees a growth
   * already takes the new bytes in (as their baseline). */
  shmview_monitor_set_window (watch->monitor, range->offset,
                              range->has_length ? range->length : G_MAXUINT64);
  /* FALSE without an error only means "nothing to report". */
  shmview_monitor_poll (watch->monitor, &result, &local_error);
  shmview_monitor_result_clear (&result);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return watch->layout == NULL
         || _shmtool_layout_watch_start (watch->layout, watch->region, watch->offset, error);
}

static gboolean
parse_watch_options (const char *interval_text,
                     const char *count_text,
                     guint64    *interval,
                     guint64    *count)
{
  *interval = 100;
  *count = 0;
  return (interval_text == NULL ||
          _shmtool_parse_number ("watch", "--interval", interval_text, 1, 3600 * 1000, interval)) &&
         (count_text == NULL ||
          _shmtool_parse_number ("watch", "--count", count_text, 1, G_MAXUINT64, count));
}

/* The main loop and GLib's signal watching each need descriptors of their
 * own (a wakeup eventfd or pipe), and GLib aborts with SIGTRAP when it
 * cannot have them: make sure there is room for them first, so that a
 * tight `ulimit -n` is an error like any other. */
#define LOOP_DESCRIPTORS 4

static gboolean
check_descriptors (GError **error)
{
  int fds[LOOP_DESCRIPTORS];
  guint n = 0;
  int errsv = 0;

  for (; n < G_N_ELEMENTS (fds); n++)
    if ((fds[n] = dup (STDERR_FILENO)) < 0)
      {
        errsv = errno;
        break;
      }
  for (guint i = 0; i < n; i++)
    close (fds[i]);
  if (errsv == 0)
    return TRUE;
  shmview_set_error_from_errno (error, errsv, "Cannot watch: no descriptor left for the "
                                "main loop (raise the limit, ulimit -n)");
  return FALSE;
}

static int
watch_run (Watch   *watch,
           guint64  interval,
           guint64  count)
{
  guint sources[3];

  watch->remaining = count;
  watch->loop = g_main_loop_new (NULL, FALSE);
  /* On stderr: stdout carries the reports alone, for scripts. Tests wait
   * for this line: the baseline has been taken when it appears. */
  fprintf (stderr, "watching %s every %" G_GUINT64_FORMAT " ms (Ctrl+C to stop)\n",
           watch->name, interval);

  sources[0] = g_timeout_add ((guint) interval, on_tick, watch);
  sources[1] = g_unix_signal_add (SIGINT, on_signal, watch);
  sources[2] = g_unix_signal_add (SIGTERM, on_signal, watch);
  g_main_loop_run (watch->loop);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);
  return watch->status;
}

int
_shmtool_cmd_watch (int    argc,
                    char **argv)
{
  g_autofree char *interval_text = NULL;
  g_autofree char *count_text = NULL;
  g_auto(ShmtoolLayout) layout = { NULL, };
  g_auto(Watch) watch = { NULL, };
  GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &interval_text,
      "Milliseconds between looks (default 100)", "MS" },
    { "count", 'c', 0, G_OPTION_ARG_STRING, &count_text,
      "Stop after N reports (default: run until Ctrl+C)", "N" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &watch.json,
      N_("Print one JSON object a line (JSON Lines)"), NULL },
    { "until-removed", 0, 0, G_OPTION_ARG_NONE, &watch.until_removed,
      N_("Stop when the region is removed, even if it is still mapped"), NULL },
    SHMTOOL_LAYOUT_OPTIONS (&layout),
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_autoptr(GError) error = NULL;
  guint64 interval, count;

  if (!_shmtool_parse_target ("watch", entries, SHMTOOL_TARGET_RANGE, &argc, &argv, &target) ||
      !parse_watch_options (interval_text, count_text, &interval, &count) ||
      !_shmtool_layout_check_usage ("watch", &layout))
    return SHMTOOL_EXIT_USAGE;

  watch.spec_text = target.spec_text;
  if (_shmtool_layout_requested (&layout))
    {
      if (target.length_text != NULL)
        return _shmtool_usage_error ("watch", "--length does not go with --layout");
      if (watch.json)
        return _shmtool_usage_error ("watch", _("--json does not go with --layout"));
      if (!_shmtool_layout_load (&layout, &error))
        return _shmtool_target_fail (&target, error);
      /* The monitor looks at just the type's bytes; the fields are compared after. */
      watch.layout = &layout;
      watch.offset = target.range.offset;
      target.range.length = shmview_layout_get_size (layout.layout);
      target.range.has_length = TRUE;
    }
  if (!watch_start (&watch, &target, &error) || !check_descriptors (&error))
    return _shmtool_target_fail (&target, error);
  return watch_run (&watch, interval, count);
}
