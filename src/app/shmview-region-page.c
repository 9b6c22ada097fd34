/* shmview-region-page.c: one tab: hex view + string pane + status line
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is the controller of one region. One tick:
 *
 *   timer -> monitor.poll (visible window) -> nothing changed: the string and
 *                                             value at the cursor only
 *                                          -> size, data, changed ranges -> hex view,
 *                                             string pane, status line
 *
 * A tick also follows at once (in an idle, one for any number of events)
 * when the object's name in the filesystem reports a change: write(),
 * ftruncate(), unlink() and rename() raise inotify events, stores through a
 * mapping do not, so the timer stays for those.
 *
 * One edit:
 *
 *   hex view "edit" / string pane "write" -> history.write (region write,
 *   monitor told it was ours) -> poll at once -> hex view marks it as ours
 */
#include "config.h"

#include <string.h>

#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n.h>

#include "shmview-activity-strip.h"
#include "shmview-change-log.h"
#include "shmview-error.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-hex-view.h"
#include "shmview-history.h"
#include "shmview-layout-pane.h"
#include "shmview-layout-store.h"
#include "shmview-inspector.h"
#include "shmview-search-bar.h"
#include "shmview-monitor.h"
#include "shmview-parse.h"
#include "shmview-region-list.h"
#include "shmview-region-page-private.h"
#include "shmview-region-page.h"
#include "shmview-size-format.h"
#include "shmview-snapshot.h"
#include "shmview-status-bar.h"
#include "shmview-string-pane.h"
#include "shmview-ui-util.h"
#include "shmview-watcher.h"

/* Copy puts hex text on the clipboard, three characters a byte: 1 MiB of
 * selection is 3 MiB of text, about what a clipboard takes in comfort. */
#define COPY_MAX_BYTES (1024 * 1024)

/* The tab's activity dot stays this long after the last off-screen change. */
#define ACTIVITY_DOT_MS 3000

struct _ShmviewRegionPage
{
  GtkBox parent_instance;

  /* template widgets */
  GtkInfoBar        *info_bar;
  GtkLabel          *info_label;
  GtkLabel          *live_label;
  GtkMenuButton     *goto_button;
  GtkPopover        *goto_popover;
  GtkEntry          *goto_entry;
  GtkLabel          *goto_error_label;
  ShmviewHexView    *hex_view;
  ShmviewStringPane *string_pane;
  ShmviewStatusBar  *status_bar;
  ShmviewActivityStrip *activity_strip;
  ShmviewChangeLog  *change_log;
  ShmviewInspector  *inspector;
  ShmviewLayoutPane *layout_pane;

  /* owned */
  ShmviewWatcher    *watcher;          /* the whole region, in a worker thread */
  ShmviewSnapshot   *snapshot;         /* Take snapshot; NULL before */
  GSimpleActionGroup *actions;         /* "page" */
  guint              activity_id;      /* clears the tab's activity dot */
  gboolean           offscreen_activity;
  double             cpu_budget;
  ShmviewSearchBar  *search_bar;

  /* owned */
  GCancellable      *search_cancellable; /* the search running, if any */
  ShmviewRegion     *region;
  ShmviewMonitor    *monitor;
  ShmviewHistory    *history;
  char              *title;
  char              *spec_text;
  char              *last_poll_error;  /* shown once, not on every tick */
  guint8            *string_buffer;    /* SHMVIEW_STRING_PANE_MAX_BYTES: what the pane shows */
  guint8            *string_spare;     /* the same size: a tick's read, compared with it */

  GFileMonitor      *fs_monitor;       /* the object's name; NULL for System V */

  guint              tick_id;
  guint              event_poll_id;    /* an idle poll for filesystem events */
  guint              interval;
  guint              n_view_updates;   /* for the tests: ticks that changed the view */
  guint64            size;
  ShmviewRemoval     removal;
  /* what the string pane and the value were last given, so a tick that
   * finds the same bytes under the same caret touches no widget */
  guint64            shown_cursor;
  guint64            shown_selection;
  gsize              shown_n;
  gboolean           shown_valid : 1;
  gboolean           paused : 1;
  gboolean           data_stale : 1;   /* the view needs the window's bytes even if unchanged */
  gboolean           polling : 1;
  gboolean           repoll : 1;
  gboolean           event_pending : 1; /* an event no poll has followed yet */
};

G_DEFINE_FINAL_TYPE (ShmviewRegionPage, shmview_region_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_REGION,
  PROP_TITLE,
  PROP_INTERVAL,
  PROP_PAUSED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_OFFSCREEN_ACTIVITY,
  PROP_CPU_BUDGET,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void page_poll (ShmviewRegionPage *self);

/* A POSIX name may hold any byte but NUL and '/', and GTK shows only UTF-8:
 * names are shown escaped ("\xff"), as the region list shows them. */
static char *
escape_name (char *text)
{
  g_autofree char *owned = text;

  return shmview_format_escaped (owned);
}

static void
show_message (ShmviewRegionPage *self,
              GtkMessageType     type,
              const char        *text)
{
  shmview_info_bar_show (self->info_bar, self->info_label, type, text);
  g_signal_emit (self, signals[MESSAGE], 0, (int) type, text);
}

#define READ_ONLY_MESSAGE N_("This region is attached read-only: edits are not written")

/* The words for a failed write, poll or copy; a refused write on a
 * read-only attach says just that, rather than pointing at permissions. */
static char *
describe_error (ShmviewRegionPage *self,
                const GError      *error,
                ShmviewAction      action)
{
  if (g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION)
      && shmview_region_is_read_only (self->region))
    return g_strdup (_(READ_ONLY_MESSAGE));

  return shmview_describe_failure (error, self->title, shmview_region_get_kind (self->region),
                                   action);
}

static void
show_error (ShmviewRegionPage *self,
            const GError      *error,
            ShmviewAction      action)
{
  g_autofree char *text = describe_error (self, error, action);

  show_message (self, GTK_MESSAGE_ERROR, text);
}

static void
on_info_bar_response (ShmviewRegionPage *self,
                      int                response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
update_live_label (ShmviewRegionPage *self)
{
  gboolean read_only = shmview_region_is_read_only (self->region);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->live_label));
  const char *text;

  if (self->removal != SHMVIEW_REMOVAL_NONE)
    /* no longer "Live": other programs may no longer find it by its name */
    text = read_only ? _("Removed · read-only") : _("Removed: edits reach only programs "
                                                     "still attached");
  else if (self->paused && read_only)
    text = _("Paused · read-only");
  else if (self->paused)
    text = _("Paused: other programs’ changes are not shown until you resume");
  else if (read_only)
    text = _("Read-only: edits are not written");
  else
    text = _("● Live — edits are written at once");

  gtk_label_set_text (self->live_label, text);
  if (self->paused || read_only || self->removal != SHMVIEW_REMOVAL_NONE)
    gtk_style_context_remove_class (context, "shmview-live");
  else
    gtk_style_context_add_class (context, "shmview-live");
}

/* The inspector reads the cursor's bytes: the page reads those anyway. */
static guint64
inspected_offset (ShmviewRegionPage *self)
{
  return shmview_hex_view_get_cursor (self->hex_view);
}

/* The struct field the cursor is in, when a layout is placed. */
static void
update_field_name (ShmviewRegionPage *self,
                   guint64            cursor)
{
  g_autofree char *path = shmview_layout_pane_dup_field_at (self->layout_pane, cursor);

  shmview_status_bar_set_field (self->status_bar, path);
}

static void
show_cursor_unavailable (ShmviewRegionPage *self,
                         guint64            cursor)
{
  self->shown_valid = FALSE;
  shmview_string_pane_set_unavailable (self->string_pane, cursor);
  shmview_status_bar_set_value (self->status_bar, FALSE, 0);
}

/* The string and the byte at the cursor, read through the core (bounded).
 * When the caret, the selection and the bytes are what the widgets show
 * already, nothing else is done: an unchanged tick formats nothing. */
static void
update_cursor_info (ShmviewRegionPage *self)
{
  guint64 cursor = shmview_hex_view_get_cursor (self->hex_view);
  guint64 start = 0, end = 0;
  g_autoptr(GError) error = NULL;
  guint8 *swap;
  gsize n;

  if (!shmview_hex_view_get_selection (self->hex_view, &start, &end))
    start = end = 0;

  if (cursor >= self->size)
    {
      shmview_status_bar_set_cursor (self->status_bar, cursor, end - start);
      show_cursor_unavailable (self, cursor);
      shmview_inspector_set_bytes (self->inspector, cursor, NULL, 0);
      return;
    }

  n = (gsize) MIN ((guint64) SHMVIEW_STRING_PANE_MAX_BYTES, self->size - cursor);
  if (!shmview_region_read (self->region, cursor, self->string_spare, n, &error))
    {
      /* a shrink in a race: the next tick sees the new size */
      g_debug ("string at %" G_GUINT64_FORMAT ": %s", cursor, error->message);
      shmview_status_bar_set_cursor (self->status_bar, cursor, end - start);
      show_cursor_unavailable (self, cursor);
      return;
    }
  if (self->shown_valid && self->shown_cursor == cursor && self->shown_n == n
      && self->shown_selection == end - start
      && memcmp (self->string_spare, self->string_buffer, n) == 0)
    return;

  swap = self->string_buffer;
  self->string_buffer = self->string_spare;
  self->string_spare = swap;
  self->shown_valid = TRUE;
  self->shown_cursor = cursor;
  self->shown_n = n;
  self->shown_selection = end - start;

  shmview_status_bar_set_cursor (self->status_bar, cursor, end - start);
  shmview_string_pane_set_bytes (self->string_pane, cursor, self->string_buffer, n,
                                 cursor + n == self->size);
  shmview_status_bar_set_value (self->status_bar, TRUE, self->string_buffer[0]);
  update_field_name (self, cursor);
  if (gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    shmview_inspector_set_bytes (self->inspector, inspected_offset (self),
                                 self->string_buffer + (inspected_offset (self) - cursor),
                                 n - (gsize) (inspected_offset (self) - cursor));
}

static void
apply_size (ShmviewRegionPage    *self,
            ShmviewMonitorResult *result)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;

  if (result->new_size == self->size)
    return;

  self->size = result->new_size;
  shmview_hex_view_set_region_size (self->hex_view, self->size);
  shmview_status_bar_set_size (self->status_bar, self->size);
  shmview_activity_strip_set_region_size (self->activity_strip, self->size);

  old_text = g_strdup_printf ("%" G_GUINT64_FORMAT, result->old_size);
  new_text = g_strdup_printf ("%" G_GUINT64_FORMAT, result->new_size);
  if (result->new_size < result->old_size)
    {
      /* Translators: "MapTrans shrank from 256 to 0 bytes" */
      text = g_strdup_printf (_("%1$s shrank from %2$s to %3$s bytes"),
                              self->title, old_text, new_text);
      show_message (self, GTK_MESSAGE_WARNING, text);
    }
  else
    {
      /* Translators: "MapTrans grew from 256 to 4096 bytes" */
      text = g_strdup_printf (_("%1$s grew from %2$s to %3$s bytes"),
                              self->title, old_text, new_text);
      show_message (self, GTK_MESSAGE_INFO, text);
    }
}

/* Whether another System V segment answers to @key now. */
static gboolean
sysv_key_taken (gint32 key,
                gint   our_id)
{
  g_autoptr(GPtrArray) entries = shmview_region_list (SHMVIEW_LIST_FLAGS_NONE, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ShmviewRegionEntry *entry = g_ptr_array_index (entries, i);

      if (entry->info.kind == SHMVIEW_REGION_KIND_SYSV && entry->info.key == key
          && entry->info.id != our_id && !entry->info.removed)
        return TRUE;
    }
  return FALSE;
}

/* What the name (or key) leads to now that the core saw ours removed: a
 * System V segment can still be attached by its id (Linux allows shmat on a
 * segment marked for removal), and another program may have made a new
 * object under the same name. */
static ShmviewRemoval
find_removal (ShmviewRegionPage *self)
{
  const ShmviewSpec *spec = shmview_region_get_spec (self->region);
  g_autofree char *path = NULL;

  if (spec->kind == SHMVIEW_REGION_KIND_SYSV)
    {
      ShmviewRegionInfo info;

      if (!spec->by_id && spec->key != 0 && shmview_region_query_info (self->region, &info, NULL)
          && sysv_key_taken (spec->key, info.id))
        return SHMVIEW_REMOVAL_REPLACED;
      return SHMVIEW_REMOVAL_ID_ONLY;
    }

  path = shmview_region_dup_fs_path (self->region);
  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    return SHMVIEW_REMOVAL_REPLACED;
  return SHMVIEW_REMOVAL_NAME_GONE;
}

static char *
describe_removal (ShmviewRegionPage *self)
{
  ShmviewRegionInfo info;

  switch (self->removal)
    {
    case SHMVIEW_REMOVAL_REPLACED:
      /* Translators: "MapTrans: removed (still attached). …" */
      return g_strdup_printf (_("%s: removed (still attached). Its name now leads to a "
                                "different object, which this tab does not show; this tab keeps "
                                "the old memory until you close it."), self->title);
    case SHMVIEW_REMOVAL_ID_ONLY:
      if (!shmview_region_query_info (self->region, &info, NULL))
        info.id = -1;
      /* Translators: "sysv:0x00000010: removed (still attached). … sysvid:7 …" */
      return g_strdup_printf (_("%s: removed (still attached). Its key no longer finds it, but "
                                "programs can still attach it as sysvid:%d until the last one "
                                "detaches; then its memory is freed."), self->title, info.id);
    case SHMVIEW_REMOVAL_NAME_GONE:
    case SHMVIEW_REMOVAL_NONE:
    default:
      /* Translators: "MapTrans: removed (still attached). This tab still ..." (the name may
       * have been removed by another program or from the region list) */
      return g_strdup_printf (_("%s: removed (still attached). Its name is gone, so no program "
                                "can attach it any more, but this tab keeps its memory until you "
                                "close it."), self->title);
    }
}

static void
apply_removed (ShmviewRegionPage *self)
{
  g_autofree char *text = NULL;

  if (self->removal != SHMVIEW_REMOVAL_NONE)
    return;

  self->removal = find_removal (self);
  shmview_status_bar_set_removed (self->status_bar, TRUE);
  update_live_label (self);
  text = describe_removal (self);
  show_message (self, GTK_MESSAGE_WARNING, text);
}

ShmviewRemoval
_shmview_region_page_get_removal (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), SHMVIEW_REMOVAL_NONE);

  return self->removal;
}

static void
apply_result (ShmviewRegionPage    *self,
              ShmviewMonitorResult *result)
{
  if ((result->region_change & SHMVIEW_REGION_CHANGE_REMOVED) != 0
      || shmview_region_is_removed (self->region))
    apply_removed (self);

  apply_size (self, result);

  if (result->current != NULL)
    {
      shmview_hex_view_set_data (self->hex_view, result->window_offset, result->current);
      self->n_view_updates++;
    }
  self->data_stale = FALSE;

  if (result->changed != NULL && result->changed->len > 0)
    {
      for (guint i = 0; i < result->changed->len; i++)
        {
          const ShmviewRange *range = &g_array_index (result->changed, ShmviewRange, i);

          shmview_hex_view_mark_changed (self->hex_view, range->offset, range->length,
                                         SHMVIEW_CHANGE_FOREIGN);
        }
      shmview_status_bar_set_last_change_at (self->status_bar, g_get_real_time () / G_USEC_PER_SEC,
                                             g_array_index (result->changed, ShmviewRange, 0).offset);
    }

  self->shown_valid = FALSE;  /* something changed: the widgets are given it all again */
  update_cursor_info (self);
}

static void
report_poll_error (ShmviewRegionPage *self,
                   const GError      *error)
{
  /* The object shrank between the size check and the read: the next poll
   * sees the new size, so this is not worth a message. */
  if (g_error_matches (error, SHMVIEW_ERROR, SHMVIEW_ERROR_SHRUNK))
    return;

  if (g_strcmp0 (self->last_poll_error, error->message) == 0)
    return;

  g_free (self->last_poll_error);
  self->last_poll_error = g_strdup (error->message);
  show_error (self, error, SHMVIEW_ACTION_READ);
}

static void
poll_once (ShmviewRegionPage *self)
{
  ShmviewMonitorResult result = { 0, };
  g_autoptr(GError) error = NULL;
  gboolean changed;

  changed = shmview_monitor_poll (self->monitor, &result, &error);
  if (error != NULL)
    report_poll_error (self, error);
  else
    g_clear_pointer (&self->last_poll_error, g_free);  /* a later failure shows again */

  if (error == NULL && (changed || self->data_stale))
    apply_result (self, &result);
  else if (error == NULL)
    /* The monitor watches the visible window only, and the cursor may be
     * off screen: its few bytes are read again (the widgets change only
     * when they do). */
    update_cursor_info (self);

  shmview_monitor_result_clear (&result);
}

static void
page_poll (ShmviewRegionPage *self)
{
  /* Handing the view a new size can move its window, which asks for a poll
   * from inside this one: do that one afterwards instead of nesting. */
  if (self->polling)
    {
      self->repoll = TRUE;
      return;
    }

  self->polling = TRUE;
  self->event_pending = FALSE;
  do
    {
      self->repoll = FALSE;
      poll_once (self);
    }
  while (self->repoll);
  self->polling = FALSE;
}

static gboolean
on_tick (gpointer user_data)
{
  page_poll (SHMVIEW_REGION_PAGE (user_data));

  return G_SOURCE_CONTINUE;
}

/* Ticks and filesystem events poll only while the page is live. */
static gboolean
is_live (ShmviewRegionPage *self)
{
  return !self->paused && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static void
update_timer (ShmviewRegionPage *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (is_live (self))
    {
      self->tick_id = g_timeout_add (self->interval, on_tick, self);
      g_source_set_name_by_id (self->tick_id, "[shmview] region page tick");
    }
}

static gboolean
on_event_idle (gpointer user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);

  self->event_poll_id = 0;
  /* paused since it was queued: the event stays pending for resume */
  if (is_live (self))
    page_poll (self);
  return G_SOURCE_REMOVE;
}

/* One poll in an idle, however many events come before it runs. While
 * paused (or off screen) the event is only remembered: resuming polls for
 * it, and mapping polls anyway. */
static void
queue_event_poll (ShmviewRegionPage *self)
{
  self->event_pending = TRUE;
  if (is_live (self) && self->event_poll_id == 0)
    {
      self->event_poll_id = g_idle_add (on_event_idle, self);
      g_source_set_name_by_id (self->event_poll_id, "[shmview] region page event poll");
    }
}

/* Any event on the name may mean new bytes, a new size, or a name that is
 * gone or names another object now (deleted, renamed away, created or moved
 * over): a poll finds out which. */
static void
on_fs_changed (ShmviewRegionPage *self,
               GFile             *file,
               GFile             *other_file,
               GFileMonitorEvent  event)
{
  queue_event_poll (self);
}

/* The writer can tell us: hard links too, since another name of the object
 * may be the one written to; moves, to see the name renamed away. */
static void
watch_fs_path (ShmviewRegionPage *self)
{
  g_autofree char *path = shmview_region_dup_fs_path (self->region);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  self->fs_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_HARD_LINKS
                                                | G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->fs_monitor == NULL)
    {
      /* the timer still shows every change, only later */
      g_debug ("Not watching %s: %s", path, error->message);
      return;
    }
  /* GIO holds back repeated "changed" events for 800 ms by default: no
   * longer than the shortest refresh interval, so a busy writer is shown
   * at least as often as the fastest timer would show it. */
  g_file_monitor_set_rate_limit (self->fs_monitor, SHMVIEW_INTERVAL_MIN);
  g_signal_connect_object (self->fs_monitor, "changed", G_CALLBACK (on_fs_changed), self,
                           G_CONNECT_SWAPPED);
}

/* The colours behind bytes: every source's, gathered here, since the hex
 * view takes them all at once (the struct's fields, frozen watches). */
static void
update_tints (ShmviewRegionPage *self)
{
  g_autoptr(GArray) tints = g_array_new (FALSE, FALSE, sizeof (ShmviewHexTint));
  guint64 offset = 0, length = 0;

  shmview_hex_view_get_visible_range (self->hex_view, &offset, &length);
  if (gtk_widget_get_visible (GTK_WIDGET (self->layout_pane)))
    shmview_layout_pane_collect_tints (self->layout_pane, offset, length, tints);
  shmview_hex_view_set_tints (self->hex_view, (const ShmviewHexTint *) tints->data, tints->len);
}

static void
on_visible_range_changed (ShmviewRegionPage *self)
{
  guint64 offset = 0, length = 0;

  /* before constructed() or after dispose(): nothing to read */
  if (self->monitor == NULL)
    return;

  shmview_hex_view_get_visible_range (self->hex_view, &offset, &length);
  shmview_monitor_set_window (self->monitor, offset, length);
  shmview_activity_strip_set_visible_range (self->activity_strip, offset, length);
  update_tints (self);
  self->data_stale = TRUE;

  /* At once: the view counts on the new window's bytes being there when
   * this returns (it scrolls the caret into view before an edit). */
  page_poll (self);
}

/* ---- the whole region: watcher, activity strip, change log ---------------
 *
 * The monitor above answers for the rows on screen within one tick; the
 * watcher answers for every byte, in its worker thread, and its reports
 * come here in the main loop: the strip, the change log, the status line
 * and the tab's activity dot show them.
 */

/* Undo and redo know where they wrote, not what: read it back for the watcher. */
static void
note_own_bytes (ShmviewRegionPage *self,
                guint64            offset,
                gsize              length)
{
  g_autoptr(GBytes) bytes = shmview_region_read_bytes (self->region, offset, length, NULL);

  if (bytes != NULL)
    shmview_watcher_note_own_write (self->watcher, offset, g_bytes_get_data (bytes, NULL),
                                    length);
}

static gboolean
on_activity_timeout (gpointer user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);

  self->activity_id = 0;
  self->offscreen_activity = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSCREEN_ACTIVITY]);
  return G_SOURCE_REMOVE;
}

static void
note_offscreen_activity (ShmviewRegionPage *self)
{
  g_clear_handle_id (&self->activity_id, g_source_remove);
  self->activity_id = g_timeout_add (ACTIVITY_DOT_MS, on_activity_timeout, self);
  g_source_set_name_by_id (self->activity_id, "[shmview] activity dot");
  if (!self->offscreen_activity)
    {
      self->offscreen_activity = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSCREEN_ACTIVITY]);
    }
}

static void
on_watcher_changes (ShmviewRegionPage *self,
                    GPtrArray         *changes)
{
  guint64 visible_offset = 0, visible_length = 0;
  const ShmviewWatcherChange *latest_foreign = NULL;
  gboolean offscreen = FALSE;

  shmview_hex_view_get_visible_range (self->hex_view, &visible_offset, &visible_length);
  for (guint i = 0; i < changes->len; i++)
    {
      const ShmviewWatcherChange *change = g_ptr_array_index (changes, i);

      shmview_activity_strip_add_change (self->activity_strip, change->offset, change->length,
                                         change->origin, change->time);
      shmview_change_log_add (self->change_log, change);
      if (change->origin != SHMVIEW_CHANGE_ORIGIN_FOREIGN)
        continue;
      latest_foreign = change;
      if (change->offset + change->length <= visible_offset
          || change->offset >= visible_offset + visible_length)
        offscreen = TRUE;
    }
  if (latest_foreign != NULL)
    shmview_status_bar_set_last_change_at (self->status_bar, latest_foreign->time / G_USEC_PER_SEC,
                                           latest_foreign->offset);
  if (offscreen)
    note_offscreen_activity (self);
}

/* A tab not shown still watches its whole region, for its activity mark,
 * but once a second at most: twenty hidden tabs must not cost twenty
 * tabs' ticks. */
#define HIDDEN_WATCH_INTERVAL_MS 1000

static void
update_watcher_interval (ShmviewRegionPage *self,
                         gboolean           shown)
{
  if (self->watcher != NULL)
    shmview_watcher_set_interval (self->watcher,
                                  shown ? self->interval
                                        : MAX (self->interval, HIDDEN_WATCH_INTERVAL_MS));
}

static void
update_watcher (ShmviewRegionPage *self)
{
  if (self->watcher == NULL)
    return;
  if (self->paused)
    shmview_watcher_stop (self->watcher);
  else
    shmview_watcher_start (self->watcher);
}

static void
on_strip_jump (ShmviewRegionPage *self,
               guint64            offset)
{
  shmview_hex_view_set_cursor (self->hex_view, offset);
}

static void
select_range (ShmviewRegionPage *self,
              guint64            offset,
              guint64            length)
{
  if (offset >= self->size)
    return;
  length = MAX (1, MIN (length, self->size - offset));
  shmview_hex_view_set_cursor (self->hex_view, offset);
  shmview_hex_view_select (self->hex_view, offset, offset + length);
}

static void
on_log_select_range (ShmviewRegionPage *self,
                     guint64            offset,
                     guint64            length)
{
  select_range (self, offset, length);
}

static void
next_change_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  shmview_region_page_next_change (SHMVIEW_REGION_PAGE (user_data), TRUE);
}

static void
previous_change_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  shmview_region_page_next_change (SHMVIEW_REGION_PAGE (user_data), FALSE);
}

static void
show_change_log_action (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);

  gtk_widget_set_visible (GTK_WIDGET (self->change_log), g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

/* Page commands about changes; other page.* actions are added beside them. */
static const GActionEntry change_actions[] = {
  { "next-change", next_change_action },
  { "previous-change", previous_change_action },
  { "show-change-log", NULL, NULL, "false", show_change_log_action },
};


/* ---- snapshots, saving and loading bytes ------------------------------- */

static void
take_snapshot_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);
  g_autoptr(GError) error = NULL;

  if (!shmview_region_page_take_snapshot (self, &error))
    show_error (self, error, SHMVIEW_ACTION_READ);
}

static void
compare_snapshot_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!shmview_region_page_compare_snapshot (self, &n, &error))
    {
      show_error (self, error, SHMVIEW_ACTION_READ);
      return;
    }
  if (n == 0)
    text = g_strdup (_("The region is the same as in the snapshot."));
  else
    /* Translators: after Compare with snapshot */
    text = g_strdup_printf (ngettext ("%u range differs from the snapshot: it is marked and "
                                      "listed in the change log.",
                                      "%u ranges differ from the snapshot: they are marked and "
                                      "listed in the change log.", n), n);
  show_message (self, GTK_MESSAGE_INFO, text);
}

static GtkWindow *
page_toplevel (ShmviewRegionPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

static void
on_save_response (GtkNativeDialog   *chooser,
                  int                response,
                  ShmviewRegionPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!shmview_region_page_save_bytes (self, file, &error))
        show_error (self, error, SHMVIEW_ACTION_READ);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_bytes_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("%s.bin", self->title);

  g_strdelimit (name, "/", '_');
  chooser = gtk_file_chooser_native_new (_("Save Bytes to File"), page_toplevel (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name[0] == '_' ? name + 1 : name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_load_confirmed (GtkDialog *dialog,
                   int        response,
                   gpointer   user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (g_object_get_data (G_OBJECT (dialog), "page"));
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && !shmview_region_page_load_bytes (self, file, &error))
    show_error (self, error, SHMVIEW_ACTION_WRITE);
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/* Loading writes at once into memory others use: ask first. */
static void
confirm_load (ShmviewRegionPage *self,
              GFile             *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (page_toplevel (self), GTK_DIALOG_MODAL
                                   | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE, _("Write the bytes of “%s” into %s?"),
                                   basename, self->title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("They replace the region’s bytes from offset 0, "
                                              "at once, for every program that uses it. Undo "
                                              "writes the old bytes back."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Write"), GTK_RESPONSE_ACCEPT, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_load_confirmed), NULL);
  gtk_widget_show (dialog);
}

static void
on_load_response (GtkNativeDialog   *chooser,
                  int                response,
                  ShmviewRegionPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      confirm_load (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
load_bytes_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Load Bytes from File"), page_toplevel (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_load_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry snapshot_actions[] = {
  { "take-snapshot", take_snapshot_action },
  { "compare-snapshot", compare_snapshot_action },
  { "save-bytes", save_bytes_action },
  { "load-bytes", load_bytes_action },
};

static void
update_snapshot_actions (ShmviewRegionPage *self)
{
  GAction *compare = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "compare-snapshot");
  GAction *load = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "load-bytes");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (compare), self->snapshot != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (load),
                               self->region == NULL || !shmview_region_is_read_only (self->region));
}

static void
add_change_actions (ShmviewRegionPage *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), change_actions,
                                   G_N_ELEMENTS (change_actions), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), snapshot_actions,
                                   G_N_ELEMENTS (snapshot_actions), self);
  update_snapshot_actions (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "page", G_ACTION_GROUP (self->actions));
}

static void
start_watching (ShmviewRegionPage *self)
{
  self->watcher = shmview_watcher_new (self->region);
  update_watcher_interval (self, gtk_widget_get_mapped (GTK_WIDGET (self)));
  shmview_watcher_set_cpu_budget (self->watcher, self->cpu_budget);
  g_signal_connect_object (self->watcher, "changes", G_CALLBACK (on_watcher_changes), self,
                           G_CONNECT_SWAPPED);
  shmview_activity_strip_set_region_size (self->activity_strip, self->size);
  update_watcher (self);
}

static void
after_own_write (ShmviewRegionPage *self,
                 guint64            offset,
                 gsize              length)
{
  self->data_stale = TRUE;
  page_poll (self);
  shmview_hex_view_mark_changed (self->hex_view, offset, length, SHMVIEW_CHANGE_OWN);
}

static gboolean
write_bytes (ShmviewRegionPage *self,
             guint64            offset,
             GBytes            *bytes,
             GError           **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (!shmview_history_write (self->history, offset, data, length, error))
    return FALSE;
  shmview_watcher_note_own_write (self->watcher, offset, data, length);

  after_own_write (self, offset, length);
  return TRUE;
}

static gboolean
on_hex_edit (ShmviewRegionPage *self,
             guint64            offset,
             GBytes            *bytes)
{
  g_autoptr(GError) error = NULL;

  if (!write_bytes (self, offset, bytes, &error))
    {
      show_error (self, error, SHMVIEW_ACTION_WRITE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_inspector_write (ShmviewRegionPage *self,
                    guint64            offset,
                    GBytes            *bytes)
{
  g_autoptr(GError) error = NULL;

  if (shmview_region_is_read_only (self->region))
    {
      show_message (self, GTK_MESSAGE_WARNING, _(READ_ONLY_MESSAGE));
      return FALSE;
    }
  if (!write_bytes (self, offset, bytes, &error))
    {
      g_autofree char *text = describe_error (self, error, SHMVIEW_ACTION_WRITE);

      shmview_inspector_set_error (self->inspector, text);
      return FALSE;
    }
  return TRUE;
}

static void
on_inspector_toggled (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), g_variant_get_boolean (state));
  /* The widgets showed the cursor's bytes already, but not this one yet. */
  self->shown_valid = FALSE;
  if (self->region != NULL)
    update_cursor_info (self);
}

static void
on_show_layout_toggled (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (user_data);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (GTK_WIDGET (self->layout_pane), g_variant_get_boolean (state));
  update_tints (self);
}

/* An edit in the struct pane: one undo step, like any other edit. */
static gboolean
on_layout_write (ShmviewRegionPage *self,
                 guint64            offset,
                 GBytes            *bytes)
{
  g_autoptr(GError) error = NULL;

  if (shmview_region_is_read_only (self->region))
    {
      show_message (self, GTK_MESSAGE_WARNING, _(READ_ONLY_MESSAGE));
      return FALSE;
    }
  if (!write_bytes (self, offset, bytes, &error))
    {
      show_error (self, error, SHMVIEW_ACTION_WRITE);
      return FALSE;
    }
  return TRUE;
}

/* A frozen watch written back: our own write (not a foreign change), but
 * no undo step: the user asked for the value to stay, not for an edit. */
static void
on_layout_freeze_write (ShmviewRegionPage *self,
                        guint64            offset,
                        GBytes            *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (shmview_region_is_read_only (self->region))
    return;
  if (!shmview_region_write (self->region, offset, data, length, &error))
    {
      show_error (self, error, SHMVIEW_ACTION_WRITE);
      return;
    }
  shmview_monitor_note_own_write (self->monitor, offset, data, length);
  shmview_watcher_note_own_write (self->watcher, offset, data, length);
  after_own_write (self, offset, length);
}

static void
on_layout_select_range (ShmviewRegionPage *self,
                        guint64            offset,
                        guint64            length)
{
  shmview_hex_view_select (self->hex_view, offset, offset + length);
}

/* One search, run in a worker thread on a read-only region of its own
 * (the page's region stays the main loop's): progress comes back through
 * idles, the result through the GTask. */
typedef struct
{
  ShmviewSpec        *spec;
  GBytes             *pattern;
  ShmviewSearchFlags  flags;
  guint64             from;
  guint64             match;
  gboolean            wrapped;
  ShmviewRegionPage  *page;          /* for progress; a ref held by the task */
  gint                progress;      /* percent last posted */
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  shmview_spec_free (job->spec);
  g_bytes_unref (job->pattern);
  g_free (job);
}

typedef struct
{
  GWeakRef  page;
  GCancellable *cancellable;
  double    fraction;
} SearchProgress;

static gboolean
show_search_progress (gpointer user_data)
{
  SearchProgress *p = user_data;
  g_autoptr(ShmviewRegionPage) self = g_weak_ref_get (&p->page);

  /* Only the running search may move the bar. */
  if (self != NULL && self->search_cancellable == p->cancellable &&
      !g_cancellable_is_cancelled (p->cancellable))
    shmview_search_bar_set_progress (self->search_bar, p->fraction);
  return G_SOURCE_REMOVE;
}

static void
search_progress_free (SearchProgress *p)
{
  g_weak_ref_clear (&p->page);
  g_object_unref (p->cancellable);
  g_free (p);
}

static void
on_search_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  SearchJob *job = g_task_get_task_data (task);
  gint percent = total > 0 ? (gint) (100.0 * done / total) : 100;
  SearchProgress *p;

  if (percent == job->progress)
    return;
  job->progress = percent;
  p = g_new0 (SearchProgress, 1);
  g_weak_ref_init (&p->page, job->page);
  p->cancellable = g_object_ref (g_task_get_cancellable (task));
  p->fraction = percent / 100.0;
  g_idle_add_full (G_PRIORITY_DEFAULT, show_search_progress, p,
                   (GDestroyNotify) search_progress_free);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  g_autoptr(ShmviewRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewSearchResult result;
  gsize length;
  const guint8 *pattern = g_bytes_get_data (job->pattern, &length);

  region = shmview_region_open (job->spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
  if (region == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = shmview_search_region (region, pattern, length, job->flags, job->from, &job->match,
                                  &job->wrapped, cancellable, on_search_progress, task, &error);
  if (result == SHMVIEW_SEARCH_FAILED)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, result == SHMVIEW_SEARCH_FOUND);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (source);
  GTask *task = G_TASK (result);
  SearchJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean found = g_task_propagate_boolean (task, &error);

  /* Cancelled by a newer search or Esc (that one says what happens), or
   * the page went away meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->region == NULL ||
      self->search_cancellable != g_task_get_cancellable (task))
    return;
  g_clear_object (&self->search_cancellable);
  shmview_search_bar_set_progress (self->search_bar, -1);

  if (error != NULL)
    shmview_search_bar_set_status (self->search_bar, error->message);
  else if (!found)
    shmview_search_bar_set_status (self->search_bar, _("Not found"));
  else
    {
      shmview_hex_view_select (self->hex_view, job->match,
                               job->match + g_bytes_get_size (job->pattern));
      shmview_search_bar_set_status (self->search_bar,
                                     !job->wrapped ? NULL
                                     : (job->flags & SHMVIEW_SEARCH_BACKWARD)
                                     ? _("Wrapped around to the end")
                                     : _("Wrapped around to the start"));
    }
}

static void
cancel_search (ShmviewRegionPage *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  shmview_search_bar_set_progress (self->search_bar, -1);
}

/* Next (or previous) match from the selection or the cursor, wrapping. */
static void
find (ShmviewRegionPage *self,
      gboolean           backward)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint64 start, end;
  gboolean selected;
  SearchJob *job;
  GBytes *pattern;
  ShmviewSearchFlags flags;

  if (!gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    shmview_search_bar_open (self->search_bar);
  pattern = shmview_search_bar_dup_pattern (self->search_bar, &flags, &error);
  if (pattern == NULL)
    return;

  cancel_search (self);
  selected = shmview_hex_view_get_selection (self->hex_view, &start, &end);
  if (!selected)
    start = shmview_hex_view_get_cursor (self->hex_view);

  job = g_new0 (SearchJob, 1);
  job->spec = shmview_spec_copy (shmview_region_get_spec (self->region));
  job->pattern = pattern;
  job->flags = flags | SHMVIEW_SEARCH_WRAP | (backward ? SHMVIEW_SEARCH_BACKWARD : 0);
  /* Forward from just past a selected match, so Enter moves on. */
  job->from = !backward && selected ? start + 1 : start;
  job->page = self;
  job->progress = -1;

  self->search_cancellable = g_cancellable_new ();
  shmview_search_bar_set_status (self->search_bar, NULL);
  task = g_task_new (self, self->search_cancellable, on_search_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_find (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  shmview_search_bar_open (SHMVIEW_REGION_PAGE (user_data)->search_bar);
}

static void
on_find_next (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  find (SHMVIEW_REGION_PAGE (user_data), FALSE);
}

static void
on_find_previous (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  find (SHMVIEW_REGION_PAGE (user_data), TRUE);
}

/* Esc closes the bar: a search still running stops. */
static void
on_search_mode_changed (ShmviewRegionPage *self)
{
  if (!gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    {
      cancel_search (self);
      shmview_region_page_focus_hex (self);
    }
}

static const GActionEntry page_actions[] = {
  { "inspector", NULL, NULL, "false", on_inspector_toggled },
  { "show-layout", NULL, NULL, "false", on_show_layout_toggled },
  { "find", on_find },
  { "find-next", on_find_next },
  { "find-previous", on_find_previous },
};

static void
on_hex_edit_refused (ShmviewRegionPage *self)
{
  show_message (self, GTK_MESSAGE_WARNING, _(READ_ONLY_MESSAGE));
}

static gboolean
on_string_write (ShmviewRegionPage *self,
                 guint64            offset,
                 GBytes            *bytes)
{
  g_autoptr(GError) error = NULL;
  guint64 length = g_bytes_get_size (bytes);

  if (offset > self->size || length > self->size - offset)
    {
      g_autofree char *need = g_strdup_printf ("%" G_GUINT64_FORMAT, length);
      g_autofree char *room = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               offset < self->size ? self->size - offset : 0);
      g_autofree char *text = NULL;

      /* Translators: "The string needs 9 bytes with its terminating NUL, but only 3 fit
       * between the cursor and the end of MapTrans. Nothing was written." */
      text = g_strdup_printf (_("The string needs %1$s bytes with its terminating NUL, but only "
                                "%2$s fit between the cursor and the end of %3$s. Nothing was "
                                "written."), need, room, self->title);
      shmview_string_pane_set_error (self->string_pane, text);
      return FALSE;
    }

  if (!write_bytes (self, offset, bytes, &error))
    {
      g_autofree char *text = describe_error (self, error, SHMVIEW_ACTION_WRITE);

      shmview_string_pane_set_error (self->string_pane, text);
      return FALSE;
    }

  return TRUE;
}

static void
refuse_long_copy (ShmviewRegionPage *self,
                  guint64            offset,
                  guint64            length)
{
  g_autofree char *size = shmview_format_exact_size (length);
  g_autofree char *limit = shmview_format_short_size (COPY_MAX_BYTES);
  g_autofree char *command = NULL;
  g_autofree char *text = NULL;

  command = g_strdup_printf ("shmtool read %s --offset 0x%" G_GINT64_MODIFIER "x --length %"
                             G_GUINT64_FORMAT " --format raw > part.bin",
                             self->spec_text, offset, length);
  /* Translators: "The selection is 3 MiB (3145728 bytes), but Copy takes at most 1 MiB as
   * hex text, so nothing was copied. To save a large part, run “shmtool read …”." */
  text = g_strdup_printf (_("The selection is %1$s, but Copy takes at most %2$s as hex text, "
                            "so nothing was copied. To save a large part, run “%3$s”."),
                          size, limit, command);
  show_message (self, GTK_MESSAGE_WARNING, text);
}

/* Ctrl+C: the view holds only the bytes on screen, so the whole selection
 * is read through the core here (bounded by COPY_MAX_BYTES). */
static gboolean
on_hex_copy (ShmviewRegionPage *self,
             guint64            offset,
             guint64            length)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *text = NULL;

  if (length > COPY_MAX_BYTES)
    {
      refuse_long_copy (self, offset, length);
      return TRUE;
    }

  data = g_malloc (length);
  if (!shmview_region_read (self->region, offset, data, length, &error))
    {
      show_error (self, error, SHMVIEW_ACTION_COPY);
      return TRUE;
    }

  text = shmview_format_hex_text (data, length);
  gtk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self), GDK_SELECTION_CLIPBOARD),
                          text, -1);
  return TRUE;
}

static void
on_cursor_moved (ShmviewRegionPage *self)
{
  if (self->region == NULL)
    return;
  self->shown_valid = FALSE;
  update_cursor_info (self);
}

static void
on_goto_activate (ShmviewRegionPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!shmview_region_page_goto_text (self, gtk_entry_get_text (self->goto_entry), &error))
    {
      gtk_label_set_text (self->goto_error_label, error->message);
      gtk_widget_show (GTK_WIDGET (self->goto_error_label));
      return;
    }

  gtk_widget_hide (GTK_WIDGET (self->goto_error_label));
  gtk_popover_popdown (self->goto_popover);
  shmview_region_page_focus_hex (self);
}

static void
on_goto_changed (ShmviewRegionPage *self)
{
  gtk_widget_hide (GTK_WIDGET (self->goto_error_label));
}

static void
on_history_notify (ShmviewRegionPage *self,
                   GParamSpec        *pspec)
{
  if (g_strcmp0 (pspec->name, "can-undo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  else if (g_strcmp0 (pspec->name, "can-redo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
shmview_region_page_key_press_event (GtkWidget   *widget,
                                     GdkEventKey *event)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  guint key = gdk_keyval_to_lower (event->keyval);
  /* Undo is for the hex view's writes: a Ctrl+Z that an entry let through
   * is about its text and must not reach memory. */
  gboolean in_hex = gtk_widget_is_focus (GTK_WIDGET (self->hex_view));

  /* The window's accelerators usually get these first; this keeps the page
   * usable on its own (tests, other containers). */
  if (mods == GDK_CONTROL_MASK && key == GDK_KEY_l)
    shmview_region_page_show_goto (self);
  else if (in_hex && mods == GDK_CONTROL_MASK && key == GDK_KEY_z)
    shmview_region_page_undo (self);
  else if (in_hex && mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK) && key == GDK_KEY_z)
    shmview_region_page_redo (self);
  else
    return GTK_WIDGET_CLASS (shmview_region_page_parent_class)->key_press_event (widget, event);

  return GDK_EVENT_STOP;
}

static void
shmview_region_page_map (GtkWidget *widget)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (widget);

  GTK_WIDGET_CLASS (shmview_region_page_parent_class)->map (widget);

  /* Ticks run only while the page is on screen; catch up at once. */
  page_poll (self);
  update_timer (self);
  update_watcher_interval (self, TRUE);
}

static void
shmview_region_page_unmap (GtkWidget *widget)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  update_watcher_interval (self, FALSE);

  GTK_WIDGET_CLASS (shmview_region_page_parent_class)->unmap (widget);
}

/* The struct pane follows the page's interval and pause, and opens with
 * the layout this region was last read with. */
static void
set_up_layout_pane (ShmviewRegionPage *self)
{
  g_autofree char *spec = shmview_region_dup_spec_string (self->region);
  g_autoptr(ShmviewLayoutPlacement) placement = NULL;
  g_autoptr(GError) error = NULL;

  shmview_layout_pane_set_region (self->layout_pane, self->region);
  g_object_bind_property (self, "interval", self->layout_pane, "interval", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "paused", self->layout_pane, "paused", G_BINDING_SYNC_CREATE);
  placement = shmview_layout_store_lookup (spec, &error);
  if (error != NULL)
    g_warning ("%s", error->message);
  if (placement != NULL && !shmview_layout_pane_apply (self->layout_pane, placement, &error))
    g_debug ("the remembered layout of %s: %s", spec, error->message);
}

/**
 * shmview_region_page_apply_layout:
 * @self: a page
 * @placement: a header, a type, where and how many
 * @error: return location for a #GError (the header's errors)
 *
 * Shows the struct pane with @placement applied (shmview --layout), and
 * remembers it for the region.
 */
gboolean
shmview_region_page_apply_layout (ShmviewRegionPage             *self,
                                  const ShmviewLayoutPlacement  *placement,
                                  GError                       **error)
{
  g_autofree char *spec = NULL;
  g_autoptr(GError) store_error = NULL;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  if (!shmview_layout_pane_apply (self->layout_pane, placement, error))
    return FALSE;
  spec = shmview_region_dup_spec_string (self->region);
  if (!shmview_layout_store_remember (spec, placement, &store_error))
    g_warning ("%s", store_error->message);
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "show-layout",
                                      g_variant_new_boolean (TRUE));
  return TRUE;
}

static void
shmview_region_page_constructed (GObject *object)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (object);
  gboolean read_only;

  G_OBJECT_CLASS (shmview_region_page_parent_class)->constructed (object);

  g_assert (SHMVIEW_IS_REGION (self->region));

  read_only = shmview_region_is_read_only (self->region);
  self->title = escape_name (shmview_region_dup_display_name (self->region));
  self->spec_text = escape_name (shmview_region_dup_spec_string (self->region));
  self->size = shmview_region_get_size (self->region);
  self->monitor = shmview_monitor_new (self->region);
  self->history = shmview_history_new (self->region, self->monitor);
  g_signal_connect_object (self->history, "notify", G_CALLBACK (on_history_notify), self,
                           G_CONNECT_SWAPPED);
  watch_fs_path (self);
  start_watching (self);
  update_snapshot_actions (self);
  set_up_layout_pane (self);

  shmview_hex_view_set_read_only (self->hex_view, read_only);
  shmview_hex_view_set_region_size (self->hex_view, self->size);
  shmview_string_pane_set_read_only (self->string_pane, read_only);
  shmview_status_bar_set_region (self->status_bar, self->spec_text,
                                 shmview_region_get_kind (self->region), read_only);
  shmview_status_bar_set_size (self->status_bar, self->size);
  update_live_label (self);

  /* Until the view is allocated there is no visible window: show the start. */
  self->data_stale = TRUE;
  update_cursor_info (self);
}

static void
shmview_region_page_dispose (GObject *object)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->event_poll_id, g_source_remove);
  if (self->fs_monitor != NULL)
    g_file_monitor_cancel (self->fs_monitor);
  g_clear_object (&self->fs_monitor);
  g_clear_handle_id (&self->activity_id, g_source_remove);
  if (self->watcher != NULL)
    shmview_watcher_stop (self->watcher);
  g_clear_object (&self->watcher);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->actions);
  g_clear_object (&self->history);
  g_clear_object (&self->monitor);
  g_clear_object (&self->region);

  G_OBJECT_CLASS (shmview_region_page_parent_class)->dispose (object);
}

static void
shmview_region_page_finalize (GObject *object)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (object);

  g_free (self->title);
  g_free (self->spec_text);
  g_free (self->last_poll_error);
  g_free (self->string_buffer);
  g_free (self->string_spare);

  G_OBJECT_CLASS (shmview_region_page_parent_class)->finalize (object);
}

static void
shmview_region_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, self->region);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, shmview_region_page_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, shmview_region_page_can_redo (self));
      break;
    case PROP_OFFSCREEN_ACTIVITY:
      g_value_set_boolean (value, self->offscreen_activity);
      break;
    case PROP_CPU_BUDGET:
      g_value_set_double (value, self->cpu_budget);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_region_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShmviewRegionPage *self = SHMVIEW_REGION_PAGE (object);

  switch (prop_id)
    {
    case PROP_REGION:
      self->region = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      shmview_region_page_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_PAUSED:
      shmview_region_page_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_CPU_BUDGET:
      shmview_region_page_set_cpu_budget (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_region_page_class_init (ShmviewRegionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shmview_region_page_constructed;
  object_class->dispose = shmview_region_page_dispose;
  object_class->finalize = shmview_region_page_finalize;
  object_class->get_property = shmview_region_page_get_property;
  object_class->set_property = shmview_region_page_set_property;

  widget_class->map = shmview_region_page_map;
  widget_class->unmap = shmview_region_page_unmap;
  widget_class->key_press_event = shmview_region_page_key_press_event;

  properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL, SHMVIEW_TYPE_REGION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, SHMVIEW_INTERVAL_MIN, SHMVIEW_INTERVAL_MAX, SHMVIEW_INTERVAL_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OFFSCREEN_ACTIVITY] =
    g_param_spec_boolean ("offscreen-activity", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CPU_BUDGET] =
    g_param_spec_double ("cpu-budget", NULL, NULL, 0.01, 1.0, SHMVIEW_WATCHER_BUDGET_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  g_type_ensure (SHMVIEW_TYPE_HEX_VIEW);
  g_type_ensure (SHMVIEW_TYPE_STRING_PANE);
  g_type_ensure (SHMVIEW_TYPE_STATUS_BAR);
  g_type_ensure (SHMVIEW_TYPE_ACTIVITY_STRIP);
  g_type_ensure (SHMVIEW_TYPE_CHANGE_LOG);
  g_type_ensure (SHMVIEW_TYPE_INSPECTOR);
  g_type_ensure (SHMVIEW_TYPE_LAYOUT_PANE);
  g_type_ensure (SHMVIEW_TYPE_SEARCH_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-region-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, live_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, goto_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, goto_popover);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, goto_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, goto_error_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, hex_view);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, string_pane);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, status_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, activity_strip);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, change_log);
  gtk_widget_class_bind_template_callback (widget_class, on_strip_jump);
  gtk_widget_class_bind_template_callback (widget_class, on_log_select_range);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_range_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_hex_edit);
  gtk_widget_class_bind_template_callback (widget_class, on_hex_edit_refused);
  gtk_widget_class_bind_template_callback (widget_class, on_hex_copy);
  gtk_widget_class_bind_template_callback (widget_class, on_cursor_moved);
  gtk_widget_class_bind_template_callback (widget_class, on_string_write);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_write);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_freeze_write);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_select_range);
  gtk_widget_class_bind_template_callback (widget_class, update_tints);
  gtk_widget_class_bind_template_callback (widget_class, on_inspector_write);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, layout_pane);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, inspector);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionPage, search_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_goto_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_goto_changed);
  gtk_widget_class_set_css_name (widget_class, "shmview-region-page");
}

static void
shmview_region_page_init (ShmviewRegionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->interval = SHMVIEW_INTERVAL_DEFAULT;
  self->cpu_budget = SHMVIEW_WATCHER_BUDGET_DEFAULT;
  /* shown by page.show-change-log only, not by a show_all () of the window */
  gtk_widget_set_no_show_all (GTK_WIDGET (self->change_log), TRUE);
  /* One home for the page's commands: one page.* group (keys in the
   * application's table, buttons and menus name the actions). */
  add_change_actions (self);
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  self->string_buffer = g_malloc (SHMVIEW_STRING_PANE_MAX_BYTES);
  self->string_spare = g_malloc (SHMVIEW_STRING_PANE_MAX_BYTES);
}

GtkWidget *
shmview_region_page_new (ShmviewRegion *region)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);

  return g_object_new (SHMVIEW_TYPE_REGION_PAGE, "region", region, NULL);
}

ShmviewRegion *
shmview_region_page_get_region (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return self->region;
}

const char *
shmview_region_page_get_title (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return self->title;
}

ShmviewMonitor *
_shmview_region_page_get_monitor (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return self->monitor;
}

guint
_shmview_region_page_get_n_view_updates (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), 0);

  return self->n_view_updates;
}

const char *
shmview_region_page_get_spec_text (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return self->spec_text;
}

void
shmview_region_page_set_interval (ShmviewRegionPage *self,
                                  guint              interval_ms)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  interval_ms = CLAMP (interval_ms, SHMVIEW_INTERVAL_MIN, SHMVIEW_INTERVAL_MAX);
  if (self->interval == interval_ms)
    return;

  self->interval = interval_ms;
  if (self->tick_id != 0)
    update_timer (self);
  update_watcher_interval (self, gtk_widget_get_mapped (GTK_WIDGET (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
shmview_region_page_get_interval (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), SHMVIEW_INTERVAL_DEFAULT);

  return self->interval;
}

void
shmview_region_page_set_paused (ShmviewRegionPage *self,
                                gboolean           paused)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  update_timer (self);
  update_watcher (self);
  update_live_label (self);
  if (!paused && self->event_pending)
    queue_event_poll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
shmview_region_page_get_paused (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return self->paused;
}

void
shmview_region_page_refresh (ShmviewRegionPage *self)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  page_poll (self);
}

static gboolean
undo_or_redo (ShmviewRegionPage *self,
              gboolean           undo)
{
  g_autoptr(GError) error = NULL;
  guint64 offset = 0;
  gsize length = 0;
  gboolean done;

  if (undo)
    done = shmview_history_undo (self->history, &offset, &length, &error);
  else
    done = shmview_history_redo (self->history, &offset, &length, &error);

  if (!done)
    {
      g_autofree char *reason = NULL;
      g_autofree char *text = NULL;

      if (error == NULL)
        return FALSE;
      /* say it was the undo (or redo) that failed, not some edit */
      reason = describe_error (self, error, SHMVIEW_ACTION_WRITE);
      /* Translators: %s is why, a whole sentence */
      text = g_strdup_printf (undo ? _("Undo did not go through. %s")
                                   : _("Redo did not go through. %s"), reason);
      show_message (self, GTK_MESSAGE_ERROR, text);
      return FALSE;
    }

  note_own_bytes (self, offset, length);
  after_own_write (self, offset, length);
  return TRUE;
}

gboolean
shmview_region_page_undo (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return undo_or_redo (self, TRUE);
}

gboolean
shmview_region_page_redo (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return undo_or_redo (self, FALSE);
}

gboolean
shmview_region_page_can_undo (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return self->history != NULL && shmview_history_can_undo (self->history);
}

gboolean
shmview_region_page_can_redo (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return self->history != NULL && shmview_history_can_redo (self->history);
}

void
shmview_region_page_show_goto (ShmviewRegionPage *self)
{
  g_autofree char *current = NULL;

  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  current = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", shmview_hex_view_get_cursor (self->hex_view));
  gtk_entry_set_text (self->goto_entry, current);
  gtk_widget_hide (GTK_WIDGET (self->goto_error_label));
  gtk_popover_popup (self->goto_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->goto_entry));
}

gboolean
shmview_region_page_goto_text (ShmviewRegionPage  *self,
                               const char         *text,
                               GError            **error)
{
  guint64 target = 0;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->size == 0)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   _("%s is empty: there is no offset to go to."), self->title);
      return FALSE;
    }

  if (!shmview_parse_offset (text, shmview_hex_view_get_cursor (self->hex_view), self->size - 1,
                             &target, error))
    return FALSE;

  shmview_hex_view_set_cursor (self->hex_view, target);
  return TRUE;
}

void
shmview_region_page_copy (ShmviewRegionPage *self)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  shmview_hex_view_copy_clipboard (self->hex_view);
}

void
shmview_region_page_focus_hex (ShmviewRegionPage *self)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->hex_view));
}

GtkWidget *
shmview_region_page_get_hex_view (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return GTK_WIDGET (self->hex_view);
}

GtkWidget *
_shmview_region_page_get_string_pane (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return GTK_WIDGET (self->string_pane);
}

GtkWidget *
_shmview_region_page_get_status_bar (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return GTK_WIDGET (self->status_bar);
}

const char *
_shmview_region_page_get_info_message (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  if (!gtk_info_bar_get_revealed (self->info_bar))
    return NULL;

  return gtk_label_get_text (self->info_label);
}

const char *
_shmview_region_page_get_live_text (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return gtk_label_get_text (self->live_label);
}

/**
 * shmview_region_page_next_change:
 * @forward: %TRUE for the next change after the caret, %FALSE for the one before
 *
 * Moves the caret to the nearest change the change log holds (F8, Shift+F8)
 * and selects its bytes.
 *
 * Returns: %TRUE when there was one
 */
gboolean
shmview_region_page_next_change (ShmviewRegionPage *self,
                                 gboolean           forward)
{
  guint64 offset = 0, length = 0;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  if (!shmview_change_log_find_next (self->change_log, shmview_hex_view_get_cursor (self->hex_view),
                                     forward, &offset, &length))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  select_range (self, offset, length);
  return TRUE;
}

gboolean
shmview_region_page_get_offscreen_activity (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  return self->offscreen_activity;
}

void
shmview_region_page_set_cpu_budget (ShmviewRegionPage *self,
                                    double             budget)
{
  g_return_if_fail (SHMVIEW_IS_REGION_PAGE (self));

  budget = CLAMP (budget, 0.01, 1.0);
  if (self->cpu_budget == budget)
    return;
  self->cpu_budget = budget;
  if (self->watcher != NULL)
    shmview_watcher_set_cpu_budget (self->watcher, budget);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CPU_BUDGET]);
}

GtkWidget *
_shmview_region_page_get_activity_strip (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return GTK_WIDGET (self->activity_strip);
}

GtkWidget *
_shmview_region_page_get_change_log (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return GTK_WIDGET (self->change_log);
}

ShmviewWatcher *
_shmview_region_page_get_watcher (ShmviewRegionPage *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), NULL);

  return self->watcher;
}

/**
 * shmview_region_page_take_snapshot:
 *
 * Keeps the region's bytes as they are now (Ctrl+Shift+S): in memory up to
 * 64 MiB, else in a file under the user cache directory, removed with the
 * page. Replaces an earlier snapshot.
 */
gboolean
shmview_region_page_take_snapshot (ShmviewRegionPage  *self,
                                   GError            **error)
{
  g_autofree char *dir = NULL;
  ShmviewSnapshot *snapshot;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  dir = g_build_filename (g_get_user_cache_dir (), "shmview", NULL);
  snapshot = shmview_snapshot_take (self->region, dir, error);
  if (snapshot == NULL)
    return FALSE;
  g_clear_object (&self->snapshot);
  self->snapshot = snapshot;
  shmview_activity_strip_clear_differences (self->activity_strip);
  update_snapshot_actions (self);
  return TRUE;
}

/**
 * shmview_region_page_compare_snapshot:
 * @n_ranges: (out) (optional): how many ranges differ
 *
 * Marks every byte that differs from the snapshot now in the hex view and
 * the activity strip, and lists the ranges in the change log.
 */
gboolean
shmview_region_page_compare_snapshot (ShmviewRegionPage  *self,
                                      guint              *n_ranges,
                                      GError            **error)
{
  g_autoptr(GPtrArray) ranges = NULL;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);

  if (self->snapshot == NULL)
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND,
                   _("There is no snapshot of %s to compare with: take one first."), self->title);
      return FALSE;
    }
  ranges = shmview_snapshot_compare (self->snapshot, self->region, SHMVIEW_CHANGE_LOG_MAX, error);
  if (ranges == NULL)
    return FALSE;

  shmview_activity_strip_clear_differences (self->activity_strip);
  for (guint i = 0; i < ranges->len; i++)
    {
      const ShmviewWatcherChange *range = g_ptr_array_index (ranges, i);

      shmview_activity_strip_add_difference (self->activity_strip, range->offset, range->length);
      shmview_hex_view_mark_changed (self->hex_view, range->offset, range->length,
                                     SHMVIEW_CHANGE_FOREIGN);
      shmview_change_log_add_difference (self->change_log, range->offset, range->length,
                                         range->old_bytes, range->new_bytes);
    }
  if (n_ranges != NULL)
    *n_ranges = ranges->len;
  return TRUE;
}

/**
 * shmview_region_page_save_bytes:
 *
 * Writes the whole region into @file (replaced only once complete).
 */
gboolean
shmview_region_page_save_bytes (ShmviewRegionPage  *self,
                                GFile              *file,
                                GError            **error)
{
  g_autoptr(GFileOutputStream) out = NULL;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;
  if (!G_IS_FILE_DESCRIPTOR_BASED (out))
    {
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_UNSUPPORTED,
                   _("Bytes can be saved only to a local file."));
      return FALSE;
    }
  if (!shmview_region_copy_to_fd (self->region, 0, shmview_region_get_size (self->region),
                                  g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (out)),
                                  error))
    {
      /* closing with the cancelled flag keeps the old file, if there was one */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/**
 * shmview_region_page_load_bytes:
 *
 * Writes the bytes of @file into the region from offset 0, all or nothing,
 * as one undo step. A file longer than the region (or than 64 MiB, what the
 * undo history keeps) is refused and nothing is written.
 */
gboolean
shmview_region_page_load_bytes (ShmviewRegionPage  *self,
                                GFile              *file,
                                GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint64 length;

  g_return_val_if_fail (SHMVIEW_IS_REGION_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return FALSE;
  length = (guint64) g_file_info_get_size (info);
  if (length > self->size || length > SHMVIEW_SNAPSHOT_MEMORY_MAX)
    {
      g_autofree char *need = g_strdup_printf ("%" G_GUINT64_FORMAT, length);
      g_autofree char *room = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               MIN (self->size, SHMVIEW_SNAPSHOT_MEMORY_MAX));

      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE,
                   _("The file holds %1$s bytes, but at most %2$s can be loaded into %3$s. "
                     "Nothing was written."), need, room, self->title);
      return FALSE;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  if (g_bytes_get_size (bytes) == 0)
    return TRUE;
  return write_bytes (self, 0, bytes, error);
}
