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

#include "shmtool-layout.h"
#include "shmtool-private.h"
#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-monitor.h"

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
  old_hex = abbreviated_hex (old_bytes, range->length);
  new_hex = abbreviated_hex (new_bytes, range->length);
  line = g_strdup_printf ("offset 0x%" G_GINT64_MODIFIER "x (%" G_GUINT64_FORMAT "), %"
                          G_GUINT64_FORMAT " byte%s: %s -> %s",
                          range->offset, range->offset, range->length,
                          range->length == 1 ? "" : "s", old_hex, new_hex);
  return report (watch, line);
}

static gboolean
report_size (Watch                      *watch,
             const ShmviewMonitorResult *result)
{
  g_autofree char *line = NULL;

  if (result->region_change & SHMVIEW_REGION_CHANGE_REMOVED)
    {
      line = g_strdup_printf ("%s removed (still attached)", watch->name);
      if (!report (watch, line))
        return FALSE;
      g_clear_pointer (&line, g_free);
    }
  if (result->region_change & (SHMVIEW_REGION_CHANGE_GREW | SHMVIEW_REGION_CHANGE_SHRANK))
    {
      line = g_strdup_printf ("%s %s from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT " bytes",
                              watch->name,
                              result->region_change & SHMVIEW_REGION_CHANGE_GREW ? "grew"
                                                                                  : "shrank",
                              result->old_size, result->new_size);
      if (!report (watch, line))
        return FALSE;
    }
  return TRUE;
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
  if (!report_size (watch, result) || result->changed == NULL)
    return;
  if (watch->layout != NULL)
    {
      if (result->changed->len > 0)
        report_fields (watch);
      return;
    }
  for (guint i = 0; i < result->changed->len; i++)
    if (!report_range (watch, result, i))
      return;
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
  GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &interval_text,
      "Milliseconds between looks (default 100)", "MS" },
    { "count", 'c', 0, G_OPTION_ARG_STRING, &count_text,
      "Stop after N reports (default: run until Ctrl+C)", "N" },
    SHMTOOL_LAYOUT_OPTIONS (&layout),
    { NULL }
  };
  g_auto(ShmtoolTarget) target = { NULL, };
  g_auto(Watch) watch = { NULL, };
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
