/* test-region-page.c: the region page (hex view + string pane + status line)
 * driving a real POSIX region, in-process under Xvfb
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test creates its own POSIX object and keeps a second descriptor on
 * it (shm_open + pread/pwrite/ftruncate/shm_unlink): that is "the other
 * program". Everything the page writes is checked through that descriptor,
 * never through the page itself.
 *
 * Set SHMVIEW_TEST_SCREENSHOTS=DIR to save a PNG of the window per test.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-error.h"
#include "shmview-format.h"
#include "shmview-hex-view-private.h"
#include "shmview-hex-view.h"
#include "shmview-region-page-private.h"
#include "shmview-region-page.h"
#include "shmview-region.h"
#include "shmview-status-bar-private.h"
#include "shmview-string-pane-private.h"
#include "test-util.h"

#define REGION_SIZE 256
/* The sparse region: its last row starts at fffffff0. */
#define SPARSE_SIZE (G_GUINT64_CONSTANT (4) << 30)

typedef struct
{
  char              *name;      /* the spec: "/shmview-test-…", "sysvid:7", "file:/…" */
  int                fd;        /* the other program's descriptor (POSIX, file) */
  char              *path;      /* file regions: the file */
  int                sysv_id;   /* System V regions: the segment … */
  guint8            *sysv_addr; /* … and the other program's attachment */
  ShmviewRegion     *region;
  GtkWidget         *window;
  ShmviewRegionPage *page;
  ShmviewHexView    *hex;
  ShmviewStringPane *pane;
  ShmviewStatusBar  *status;
  GPtrArray         *messages;  /* texts of "message" */
  GFileMonitor      *watch;     /* the test's own watch on the object's name */
  gboolean           changes_done; /* it saw a burst of events end */
} Fixture;

static void
other_write (Fixture    *f,
             off_t       offset,
             const void *data,
             size_t      length)
{
  if (f->sysv_addr != NULL)
    {
      memcpy (f->sysv_addr + offset, data, length);
      return;
    }
  g_assert_cmpint (pwrite (f->fd, data, length, offset), ==, (ssize_t) length);
}

static void
other_read (Fixture *f,
            off_t    offset,
            void    *data,
            size_t   length)
{
  if (f->sysv_addr != NULL)
    {
      memcpy (data, f->sysv_addr + offset, length);
      return;
    }
  g_assert_cmpint (pread (f->fd, data, length, offset), ==, (ssize_t) length);
}

/* Another program reading @length bytes at @offset sees @expected. A macro,
 * so that a failure names the line that asked. */
#define assert_other_sees(f, offset, expected, length)          \
  G_STMT_START {                                                \
    g_autofree guint8 *_seen = g_malloc (length);               \
                                                                \
    other_read ((f), (offset), _seen, (length));                \
    g_assert_cmpmem (_seen, (length), (expected), (length));    \
  } G_STMT_END

static gboolean
page_shows_lesson (Fixture *f)
{
  g_autofree char *text = shmview_hex_view_dup_visible_text (f->hex);

  return gtk_widget_get_mapped (GTK_WIDGET (f->hex)) && text != NULL
         && strstr (text, "|ezhchai.") != NULL;
}

static void
on_message (ShmviewRegionPage *page,
            int                type,
            const char        *text,
            Fixture           *f)
{
  g_ptr_array_add (f->messages, g_strdup (text));
}

static void
open_page (Fixture          *f,
           ShmviewOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;

  f->region = shmview_region_open_text (f->name, flags, 0, 0, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  f->page = SHMVIEW_REGION_PAGE (shmview_region_page_new (f->region));
  f->hex = SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (f->page));
  f->pane = SHMVIEW_STRING_PANE (_shmview_region_page_get_string_pane (f->page));
  f->status = SHMVIEW_STATUS_BAR (_shmview_region_page_get_status_bar (f->page));
  g_signal_connect (f->page, "message", G_CALLBACK (on_message), f);
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->page));
  gtk_widget_show (f->window);
  shmview_region_page_focus_hex (f->page);
  SHMVIEW_APP_TEST_RUN_UNTIL (page_shows_lesson (f));
}

static void
begin_setup (Fixture *f)
{
  shmview_app_test_ensure_icon_theme ();
  f->messages = g_ptr_array_new_with_free_func (g_free);
  f->fd = -1;
}

/* The lesson's string, written by "the other program", then the page. */
static void
finish_setup (Fixture          *f,
              ShmviewOpenFlags  flags)
{
  other_write (f, 0, "ezhchai", 8);
  open_page (f, flags);
}

/* The other program's POSIX object, @size bytes; FALSE when the size
 * cannot be had. */
static gboolean
make_posix (Fixture *f,
            guint64  size)
{
  begin_setup (f);
  f->name = shmview_test_unique_posix_name ("page");
  f->fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  if (size > G_MAXSIZE)
    {
      errno = EFBIG;  /* more than this process can map */
      return FALSE;
    }
  return ftruncate (f->fd, (off_t) size) == 0;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_assert_true (make_posix (f, REGION_SIZE));
  finish_setup (f, SHMVIEW_OPEN_FLAGS_NONE);
}

static void
setup_read_only (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_true (make_posix (f, REGION_SIZE));
  finish_setup (f, SHMVIEW_OPEN_READ_ONLY);
}

/* 4 GiB with nothing allocated: only the pages written take memory. */
static void
setup_sparse (Fixture       *f,
              gconstpointer  data)
{
  int err;

  if (!make_posix (f, SPARSE_SIZE))
    {
      err = errno;
      g_test_skip_printf ("/dev/shm cannot hold a sparse 4 GiB object here (%s)",
                          g_strerror (err));
      return;
    }
  finish_setup (f, SHMVIEW_OPEN_FLAGS_NONE);
}

/* A System V segment (IPC_PRIVATE), attached by id */
static void
setup_sysv (Fixture       *f,
            gconstpointer  data)
{
  begin_setup (f);
  if (shmview_test_skip_without_sysv ())
    return;
  f->sysv_id = shmview_test_sysv_private (REGION_SIZE, 0600);
  g_assert_cmpint (f->sysv_id, >=, 0);
  f->sysv_addr = shmat (f->sysv_id, NULL, 0);
  g_assert_true (f->sysv_addr != (void *) -1);
  f->name = g_strdup_printf ("sysvid:%d", f->sysv_id);
  finish_setup (f, SHMVIEW_OPEN_FLAGS_NONE);
}

/* A regular file, mapped shared */
static void
setup_file (Fixture       *f,
            gconstpointer  data)
{
  begin_setup (f);
  f->path = shmview_test_temp_path ("page.bin");
  f->name = g_strconcat ("file:", f->path, NULL);
  f->fd = open (f->path, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  g_assert_no_errno (ftruncate (f->fd, REGION_SIZE));
  finish_setup (f, SHMVIEW_OPEN_FLAGS_NONE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->watch != NULL)
    {
      g_file_monitor_cancel (f->watch);
      g_clear_object (&f->watch);
    }
  if (f->window != NULL)
    {
      shmview_app_test_save_screenshot (f->window, "region-page");
      gtk_widget_destroy (f->window);
      shmview_app_test_drain ();
      g_assert_finalize_object (f->region);
    }
  if (f->sysv_addr != NULL)
    {
      shmdt (f->sysv_addr);
      shmctl (f->sysv_id, IPC_RMID, NULL);
    }
  else if (f->path != NULL)
    g_assert_true (unlink (f->path) == 0 || errno == ENOENT);  /* or renamed away */
  else if (f->name != NULL)
    shmview_test_posix_unlink (f->name);
  if (f->fd >= 0)
    close (f->fd);
  g_free (f->name);
  g_free (f->path);
  g_ptr_array_unref (f->messages);
}

static gboolean
has_message (Fixture    *f,
             const char *needle)
{
  for (guint i = 0; i < f->messages->len; i++)
    if (strstr (g_ptr_array_index (f->messages, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
emit_edit (Fixture    *f,
           guint64     offset,
           const char *bytes,
           gsize       length)
{
  g_autoptr(GBytes) data = g_bytes_new (bytes, length);
  gboolean ok = FALSE;

  g_signal_emit_by_name (f->hex, "edit", offset, data, &ok);
  return ok;
}

static gboolean
status_has (Fixture    *f,
            const char *needle)
{
  g_autofree char *text = _shmview_status_bar_dup_text (f->status);

  return strstr (text, needle) != NULL;
}

/* Grows the region to @size behind the page's back and lets the page see it. */
static void
grow_region (Fixture *f,
             guint64  size)
{
  g_assert_no_errno (ftruncate (f->fd, (off_t) size));
  shmview_region_page_refresh (f->page);
  g_assert_cmpuint (shmview_hex_view_get_region_size (f->hex), ==, size);
}

/* ------------------------------------------------------------------ */

static void
test_shows_region (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = shmview_hex_view_dup_visible_text (f->hex);
  g_autofree char *status = _shmview_status_bar_dup_text (f->status);

  g_test_summary ("The page shows the region's bytes, its string, a status line and the "
                  "live indicator");

  g_assert_nonnull (strstr (text, "00000000  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  "
                                  "|ezhchai.........|"));
  g_assert_nonnull (strstr (text, "000000f0  "));
  g_assert_cmpuint (shmview_hex_view_get_region_size (f->hex), ==, REGION_SIZE);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "ezhchai");
  g_assert_cmpstr (shmview_region_page_get_title (f->page), ==, f->name + 1);
  g_assert_cmpstr (_shmview_region_page_get_live_text (f->page), ==,
                   "● Live — edits are written at once");
  g_assert_null (_shmview_region_page_get_info_message (f->page));

  g_assert_nonnull (strstr (status, f->name));
  g_assert_nonnull (strstr (status, "POSIX"));
  g_assert_nonnull (strstr (status, "256 bytes"));
  g_assert_nonnull (strstr (status, "RW"));
  g_assert_nonnull (strstr (status, "Offset 0x0 (0)"));
  g_assert_nonnull (strstr (status, "No selection"));
  g_assert_nonnull (strstr (status, "Value 0x65 = 101 = ‘e’"));
  g_assert_nonnull (strstr (status, "Last outside change: none yet"));

  /* what a screen reader (and the AT-SPI end-to-end tests) look for */
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (
                     shmview_app_test_template_child (f->pane, "entry"))), ==, "String");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (
                     shmview_app_test_template_child (f->pane, "write_button"))), ==,
                   "Write string");
}

static void
test_cursor_status (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *status = NULL;

  g_test_summary ("Moving the cursor and selecting update the status line and the string pane");

  shmview_hex_view_set_cursor (f->hex, 2);
  status = _shmview_status_bar_dup_text (f->status);
  g_assert_nonnull (strstr (status, "Offset 0x2 (2)"));
  g_assert_nonnull (strstr (status, "No selection"));
  g_assert_nonnull (strstr (status, "Value 0x68 = 104 = ‘h’"));
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "hchai");
  g_assert_cmpuint (shmview_string_pane_get_offset (f->pane), ==, 2);

  /* the caret ends on the selection's last byte */
  shmview_hex_view_select (f->hex, 2, 6);
  g_clear_pointer (&status, g_free);
  status = _shmview_status_bar_dup_text (f->status);
  g_assert_nonnull (strstr (status, "Selected 4 bytes"));
  g_assert_nonnull (strstr (status, "Offset 0x5 (5)"));
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "ai");

  shmview_hex_view_set_cursor (f->hex, 7);
  g_clear_pointer (&status, g_free);
  status = _shmview_status_bar_dup_text (f->status);
  g_assert_nonnull (strstr (status, "Value 0x00 = 0 ·"));
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "");
}

static void
test_edit_reaches_region (Fixture       *f,
                          gconstpointer  data)
{
  ShmviewChangeSource source = SHMVIEW_CHANGE_FOREIGN;
  guint8 byte = 0;

  g_test_summary ("An edit from the hex view is written through the core at once, shown as "
                  "our own, and seen by another descriptor");

  g_assert_true (emit_edit (f, 0, "E", 1));
  assert_other_sees (f, 0, "Ezhchai", 8);
  g_assert_true (shmview_hex_view_get_byte_at_cursor (f->hex, &byte));
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->hex, 0, &source), >, 0.0);
  g_assert_cmpint (source, ==, SHMVIEW_CHANGE_OWN);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "Ezhchai");
  g_assert_true (shmview_region_page_can_undo (f->page));

  /* Real keys: the hex column takes nibbles at the caret */
  shmview_hex_view_set_cursor (f->hex, 1);
  shmview_app_test_send_key (f->window, GDK_KEY_f, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_f, 0);
  assert_other_sees (f, 0, "E\xff" "h", 3);

  /* Our own writes are not "outside changes" */
  shmview_region_page_refresh (f->page);
  {
    g_autofree char *status = _shmview_status_bar_dup_text (f->status);
    g_assert_nonnull (strstr (status, "Last outside change: none yet"));
  }
}

static void
test_edit_error (Fixture       *f,
                 gconstpointer  data)
{

  g_test_summary ("An edit the core refuses (past the end) returns FALSE, shows an error and "
                  "writes nothing");

  g_assert_false (emit_edit (f, REGION_SIZE - 2, "abcd", 4));
  g_assert_nonnull (_shmview_region_page_get_info_message (f->page));
  g_assert_true (has_message (f, "past the end"));
  assert_other_sees (f, REGION_SIZE - 2, "\0\0", 2);
  g_assert_false (shmview_region_page_can_undo (f->page));
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{

  g_test_summary ("Undo writes the old bytes back and redo the new ones, both at once");

  g_assert_false (shmview_region_page_undo (f->page));
  g_assert_true (emit_edit (f, 1, "ZZ", 2));
  assert_other_sees (f, 0, "eZZc", 4);

  g_assert_true (shmview_region_page_undo (f->page));
  assert_other_sees (f, 0, "ezhchai", 8);
  g_assert_false (shmview_region_page_can_undo (f->page));
  g_assert_true (shmview_region_page_can_redo (f->page));
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "ezhchai");

  g_assert_true (shmview_region_page_redo (f->page));
  assert_other_sees (f, 0, "eZZc", 4);
  g_assert_false (shmview_region_page_can_redo (f->page));

  /* Ctrl+Z on the page works too */
  shmview_app_test_send_key (f->window, GDK_KEY_z, GDK_CONTROL_MASK);
  assert_other_sees (f, 0, "ezhc", 4);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{

  g_test_summary ("Attached read-only: typing is refused with a visible message, the string "
                  "pane cannot write, and nothing reaches the region");

  g_assert_cmpstr (_shmview_region_page_get_live_text (f->page), ==,
                   "Read-only: edits are not written");
  {
    g_autofree char *status = _shmview_status_bar_dup_text (f->status);
    g_assert_nonnull (strstr (status, " · RO · "));
  }

  shmview_app_test_send_key (f->window, GDK_KEY_4, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_1, 0);
  g_assert_cmpstr (_shmview_region_page_get_info_message (f->page), ==,
                   "This region is attached read-only: edits are not written");

  _shmview_string_pane_set_text (f->pane, "nope");
  g_assert_false (shmview_string_pane_write (f->pane));
  g_assert_nonnull (_shmview_string_pane_get_error (f->pane));

  /* Even an "edit" that slips past the view is refused by the core */
  g_assert_false (emit_edit (f, 0, "X", 1));

  assert_other_sees (f, 0, "ezhchai", 8);
  g_assert_false (shmview_region_page_can_undo (f->page));
}

static gboolean
change_highlighted (Fixture *f)
{
  ShmviewChangeSource source = SHMVIEW_CHANGE_OWN;

  return _shmview_hex_view_peek_change (f->hex, 0x20, &source) > 0.0
         && source == SHMVIEW_CHANGE_FOREIGN;
}

static void
test_outside_change (Fixture       *f,
                     gconstpointer  data)
{
  ShmviewChangeSource source;
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;

  g_test_summary ("A write by another program is shown and highlighted after a tick, and "
                  "the status line gives the time of the last outside change");

  other_write (f, 0x20, "HELLO", 5);
  /* the page's own timer (100 ms) picks it up */
  SHMVIEW_APP_TEST_RUN_UNTIL (change_highlighted (f));

  text = shmview_hex_view_dup_visible_text (f->hex);
  g_assert_nonnull (strstr (text, "|HELLO"));
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->hex, 0x24, &source), >, 0.0);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->hex, 0x25, NULL), ==, 0.0);
  status = _shmview_status_bar_dup_text (f->status);
  g_assert_null (strstr (status, "none yet"));
  g_assert_nonnull (strstr (status, "Last outside change: "));

  /* the string under the cursor follows too */
  other_write (f, 0, "EZ", 2);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "EZhchai");
}

static gboolean
count_draw (GtkWidget *widget,
            cairo_t   *cr,
            guint     *n_draws)
{
  (*n_draws)++;
  return GDK_EVENT_PROPAGATE;
}

static void
test_unchanged_tick_is_quiet (Fixture       *f,
                              gconstpointer  data)
{
  guint n_draws = 0;
  guint updates;

  g_test_summary ("A tick that finds nothing changed hands the hex view nothing and redraws "
                  "nothing; a tick that finds a change does both");

  /* the first frames drawn and the opening highlight faded */
  SHMVIEW_APP_TEST_RUN_UNTIL (!_shmview_hex_view_is_animating (f->hex));
  shmview_app_test_drain ();
  g_signal_connect (f->hex, "draw", G_CALLBACK (count_draw), &n_draws);
  updates = _shmview_region_page_get_n_view_updates (f->page);

  for (guint i = 0; i < 5; i++)
    {
      shmview_region_page_refresh (f->page);
      shmview_app_test_drain ();
    }
  g_assert_cmpuint (_shmview_region_page_get_n_view_updates (f->page), ==, updates);
  g_assert_cmpuint (n_draws, ==, 0);

  other_write (f, 0x30, "TICK", 4);
  shmview_region_page_refresh (f->page);
  g_assert_cmpuint (_shmview_region_page_get_n_view_updates (f->page), ==, updates + 1);
  SHMVIEW_APP_TEST_RUN_UNTIL (n_draws > 0);
  g_signal_handlers_disconnect_by_data (f->hex, &n_draws);
}

static void
test_cursor_off_screen (Fixture       *f,
                        gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->hex));
  guint64 first = 0, visible = 0;

  g_test_summary ("With the cursor scrolled off screen, a tick still shows another "
                  "program's write at the cursor in the string pane and the status line");

  grow_region (f, 0x100000);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 0);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  shmview_hex_view_get_visible_range (f->hex, &first, &visible);
  g_assert_cmpuint (first, >, SHMVIEW_STRING_PANE_MAX_BYTES);

  other_write (f, 0, "FAR", 3);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "FARchai");
  g_assert_true (status_has (f, "Value 0x46 = 70 = ‘F’"));
  shmview_hex_view_get_visible_range (f->hex, &first, &visible);
  g_assert_cmpuint (first, >, SHMVIEW_STRING_PANE_MAX_BYTES);
}

static void
test_string_pane_keeps_typing (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *stale = shmview_app_test_template_child (f->pane, "stale_label");
  GtkWidget *entry = shmview_app_test_template_child (f->pane, "entry");

  g_test_summary ("Text being edited in the string pane is not overwritten by live updates, "
                  "but the pane says that the bytes under it changed; Escape shows them");

  _shmview_string_pane_set_text (f->pane, "half typed");
  shmview_region_page_refresh (f->page);
  g_assert_false (gtk_widget_get_visible (stale));
  other_write (f, 0, "xyz", 3);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "half typed");
  g_assert_true (gtk_widget_get_visible (stale));
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (entry), "warning"));

  /* Escape gives it up and shows memory again */
  gtk_widget_grab_focus (entry);
  shmview_app_test_send_key (f->window, GDK_KEY_Escape, 0);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "xyzchai");
  g_assert_false (gtk_widget_get_visible (stale));
  g_assert_false (gtk_style_context_has_class (gtk_widget_get_style_context (entry), "warning"));
}

static void
test_string_pane_focused_unedited (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *entry = shmview_app_test_template_child (f->pane, "entry");

  g_test_summary ("A focused String entry that was not edited follows outside writes, and "
                  "plain Enter in it never writes the old text back; edited text it writes");

  shmview_app_test_focus_window (f->window);
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_has_focus (entry));
  other_write (f, 0, "HELLOWORLD", 11);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "HELLOWORLD");

  shmview_app_test_send_key (f->window, GDK_KEY_Return, 0);
  assert_other_sees (f, 0, "HELLOWORLD", 11);
  g_assert_false (shmview_region_page_can_undo (f->page));

  _shmview_string_pane_set_text (f->pane, "typed");
  shmview_app_test_send_key (f->window, GDK_KEY_Return, 0);
  assert_other_sees (f, 0, "typed\0O", 7);

  /* written, the entry follows memory again */
  other_write (f, 0, "again", 5);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "again");
}

static void
test_string_write (Fixture       *f,
                   gconstpointer  data)
{
  char buf[9];

  g_test_summary ("Write in the string pane stores the text and a NUL at the cursor, as "
                  "strcpy would, through the history");

  shmview_hex_view_set_cursor (f->hex, 0x40);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "");
  memset (buf, 'x', sizeof buf);
  other_write (f, 0x40, buf, sizeof buf);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "xxxxxxxxx");

  _shmview_string_pane_set_text (f->pane, "ezhchai");
  g_assert_true (shmview_string_pane_write (f->pane));
  assert_other_sees (f, 0x40, "ezhchai\0x", 9);
  g_assert_null (_shmview_string_pane_get_error (f->pane));

  /* Ctrl+Enter in the entry writes too */
  gtk_widget_grab_focus (shmview_app_test_template_child (f->pane, "entry"));
  _shmview_string_pane_set_text (f->pane, "ab");
  shmview_app_test_send_key (f->window, GDK_KEY_Return, GDK_CONTROL_MASK);
  assert_other_sees (f, 0x40, "ab\0c", 4);

  g_assert_true (shmview_region_page_undo (f->page));
  g_assert_true (shmview_region_page_undo (f->page));
  assert_other_sees (f, 0x40, "xxxxxxxxx", 9);
}

static void
test_string_too_long (Fixture       *f,
                      gconstpointer  data)
{

  g_test_summary ("A string that does not fit before the end is refused inline and nothing "
                  "is written");

  shmview_hex_view_set_cursor (f->hex, REGION_SIZE - 6);
  _shmview_string_pane_set_text (f->pane, "ezhchai");
  g_assert_false (shmview_string_pane_write (f->pane));
  g_assert_nonnull (strstr (_shmview_string_pane_get_error (f->pane),
                            "needs 8 bytes with its terminating NUL, but only 6 fit"));
  assert_other_sees (f, REGION_SIZE - 6, "\0\0\0\0\0\0", 6);
  g_assert_false (shmview_region_page_can_undo (f->page));

  /* exactly fitting is fine: 5 characters and the NUL */
  _shmview_string_pane_set_text (f->pane, "12345");
  g_assert_true (shmview_string_pane_write (f->pane));
  assert_other_sees (f, REGION_SIZE - 6, "12345\0", 6);
}

static void
test_shrink_to_zero (Fixture       *f,
                     gconstpointer  data)
{
  guint64 offset = 1, length = 1;
  g_autofree char *expected = NULL;

  g_test_summary ("Another program shrinking the object to 0 under the page does not crash: "
                  "the view is clamped and an info bar says so; growth shows the new bytes");

  shmview_hex_view_set_cursor (f->hex, 200);
  g_assert_no_errno (ftruncate (f->fd, 0));
  shmview_region_page_refresh (f->page);
  shmview_app_test_drain ();

  expected = g_strdup_printf ("%s shrank from 256 to 0 bytes", f->name + 1);
  g_assert_cmpstr (_shmview_region_page_get_info_message (f->page), ==, expected);
  g_assert_true (has_message (f, "shrank from 256 to 0 bytes"));
  g_assert_cmpuint (shmview_hex_view_get_region_size (f->hex), ==, 0);
  shmview_hex_view_get_visible_range (f->hex, &offset, &length);
  g_assert_cmpuint (length, ==, 0);
  {
    g_autofree char *status = _shmview_status_bar_dup_text (f->status);
    g_assert_nonnull (strstr (status, "0 bytes"));
  }

  /* typing and writing into nothing: refused, no crash */
  emit_edit (f, 0, "A", 1);
  _shmview_string_pane_set_text (f->pane, "x");
  g_assert_false (shmview_string_pane_write (f->pane));
  g_assert_false (shmview_region_page_goto_text (f->page, "0", NULL));
  shmview_app_test_drain ();

  g_assert_no_errno (ftruncate (f->fd, 512));
  other_write (f, 300, "new", 3);
  shmview_region_page_refresh (f->page);
  shmview_app_test_drain ();
  g_assert_cmpuint (shmview_hex_view_get_region_size (f->hex), ==, 512);
  g_assert_nonnull (strstr (_shmview_region_page_get_info_message (f->page),
                            "grew from 0 to 512 bytes"));
  g_assert_true (shmview_region_page_goto_text (f->page, "300", NULL));
  shmview_app_test_drain ();
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "new");
  g_assert_true (emit_edit (f, 301, "E", 1));
  assert_other_sees (f, 300, "nEw\0", 4);
}

/* The page shows its region as removed: not "Live" any more. */
static void
assert_shown_removed (Fixture        *f,
                      ShmviewRemoval  removal)
{
  GtkWidget *live = shmview_app_test_template_child (f->page, "live_label");

  g_assert_cmpint (_shmview_region_page_get_removal (f->page), ==, removal);
  g_assert_true (status_has (f, "removed (still attached)"));
  g_assert_false (gtk_style_context_has_class (gtk_widget_get_style_context (live),
                                               "shmview-live"));
}

static void
test_removed (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *live = shmview_app_test_template_child (f->page, "live_label");

  g_test_summary ("Another program removing the name shows \"removed (still attached)\", "
                  "the name gone, and the Live badge goes; the memory stays usable");

  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (live),
                                              "shmview-live"));
  g_assert_no_errno (shm_unlink (f->name));
  shmview_region_page_refresh (f->page);

  assert_shown_removed (f, SHMVIEW_REMOVAL_NAME_GONE);
  g_assert_nonnull (strstr (_shmview_region_page_get_info_message (f->page),
                            "removed (still attached)"));

  g_assert_true (emit_edit (f, 0, "R", 1));
  assert_other_sees (f, 0, "Rz", 2);
}

static void
test_removed_replaced (Fixture       *f,
                       gconstpointer  data)
{
  int fd;

  g_test_summary ("When another program made a new object under the removed name, the page "
                  "says the name leads to a different object, not that it is gone");

  g_assert_no_errno (shm_unlink (f->name));
  fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  shmview_region_page_refresh (f->page);
  close (fd);

  assert_shown_removed (f, SHMVIEW_REMOVAL_REPLACED);
}

static void
test_removed_sysv (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = NULL;

  g_test_summary ("A System V segment marked for removal is still attachable by its id, and "
                  "the page says so (with its sysvid:) rather than that nothing can attach it");

  if (f->page == NULL)
    return;  /* skipped in setup */
  g_assert_no_errno (shmctl (f->sysv_id, IPC_RMID, NULL));
  shmview_region_page_refresh (f->page);

  assert_shown_removed (f, SHMVIEW_REMOVAL_ID_ONLY);
  id = g_strdup_printf ("sysvid:%d", f->sysv_id);
  g_assert_nonnull (strstr (_shmview_region_page_get_info_message (f->page), id));
}

static void
test_undo_after_shrink (Fixture       *f,
                        gconstpointer  data)
{
  g_test_summary ("An undo that cannot be written (the region shrank under the edit) says "
                  "it was the undo that failed, and writes nothing");

  g_assert_true (emit_edit (f, 200, "U", 1));
  g_assert_no_errno (ftruncate (f->fd, 128));
  shmview_region_page_refresh (f->page);

  g_assert_false (shmview_region_page_undo (f->page));
  g_assert_true (g_str_has_prefix (_shmview_region_page_get_info_message (f->page),
                                   "Undo did not go through."));
  {
    struct stat st;

    g_assert_no_errno (fstat (f->fd, &st));
    g_assert_cmpint (st.st_size, ==, 128);
  }
}

static void
test_children_outlive_page (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GtkWidget) hex = g_object_ref (GTK_WIDGET (f->hex));
  g_autoptr(GtkWidget) pane = g_object_ref (GTK_WIDGET (f->pane));
  g_autoptr(GBytes) bytes = g_bytes_new ("x", 2);
  gboolean ok = TRUE;

  g_test_summary ("Signals from the page's children after the page is destroyed (something "
                  "still holds them) start no timer and touch no region: no critical");

  g_object_ref (f->page);
  gtk_widget_destroy (GTK_WIDGET (f->page));
  g_signal_emit_by_name (hex, "visible-range-changed");
  g_object_notify (G_OBJECT (hex), "cursor");
  g_signal_emit_by_name (pane, "write", (guint64) 0, bytes, &ok);
  g_assert_false (ok);
  shmview_app_test_wait (100);
  g_object_unref (f->page);
  f->page = NULL;
  f->hex = NULL;
  f->pane = NULL;
}

static void
test_goto (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = shmview_app_test_template_child (f->page, "goto_entry");
  GtkWidget *error_label = shmview_app_test_template_child (f->page, "goto_error_label");
  GtkWidget *popover = shmview_app_test_template_child (f->page, "goto_popover");

  g_test_summary ("Go to offset takes decimal, 0x-hex and +/-N relative, and shows errors "
                  "inline without moving");

  g_assert_true (shmview_region_page_goto_text (f->page, "0x10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 16);
  g_assert_true (shmview_region_page_goto_text (f->page, "+4", &error));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 20);
  g_assert_true (shmview_region_page_goto_text (f->page, "-2", &error));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 18);
  g_assert_true (shmview_region_page_goto_text (f->page, "255", &error));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 255);

  g_assert_false (shmview_region_page_goto_text (f->page, "256", &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (shmview_region_page_goto_text (f->page, "12q", &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 255);

  /* The popover (Ctrl+L) */
  shmview_app_test_send_key (f->window, GDK_KEY_l, GDK_CONTROL_MASK);
  shmview_app_test_drain ();
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_entry_set_text (GTK_ENTRY (entry), "zz");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  shmview_app_test_save_screenshot (f->window, "region-page");

  gtk_entry_set_text (GTK_ENTRY (entry), "0x3");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, 3);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "chai");
}

static void
test_paused (Fixture       *f,
             gconstpointer  data)
{
  g_test_summary ("Pause and interval: the indicator says so, the interval is clamped, and "
                  "refresh still works while paused");

  shmview_region_page_set_paused (f->page, TRUE);
  g_assert_true (shmview_region_page_get_paused (f->page));
  g_assert_nonnull (strstr (_shmview_region_page_get_live_text (f->page), "Paused"));

  shmview_region_page_set_interval (f->page, 1);
  g_assert_cmpuint (shmview_region_page_get_interval (f->page), ==, 10);
  shmview_region_page_set_interval (f->page, 50000);
  g_assert_cmpuint (shmview_region_page_get_interval (f->page), ==, 10000);

  other_write (f, 0x20, "P", 1);
  shmview_region_page_refresh (f->page);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->hex, 0x20, NULL), >, 0.0);

  shmview_region_page_set_paused (f->page, FALSE);
  g_assert_cmpstr (_shmview_region_page_get_live_text (f->page), ==,
                   "● Live — edits are written at once");
}

static void
test_string_encoding_setting (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_test_summary ("The string pane follows the \"string-encoding\" setting: UTF-8 shows a "
                  "stray byte escaped, Latin-1 as its letter, and writes back the same way");

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the app's GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = g_settings_new (APP_ID);

  other_write (f, 0x40, "caf\xe9", 5);
  shmview_hex_view_set_cursor (f->hex, 0x40);
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "caf\\xe9");

  g_settings_set_string (settings, "string-encoding", "latin-1");
  g_assert_cmpstr (shmview_string_pane_get_encoding (f->pane), ==, "latin-1");
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "café");

  _shmview_string_pane_set_text (f->pane, "été");
  g_assert_true (shmview_string_pane_write (f->pane));
  assert_other_sees (f, 0x40, "\xe9t\xe9\0", 4);

  g_settings_reset (settings, "string-encoding");
  g_assert_cmpstr (shmview_string_pane_get_encoding (f->pane), ==, "utf-8");
}

static void
test_other_kinds (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *status = NULL;

  g_test_summary ("System V segments and files work the same: shown, edited through the "
                  "core, outside changes seen");

  if (f->window == NULL)
    return; /* skipped in setup */

  status = _shmview_status_bar_dup_text (f->status);
  g_assert_nonnull (strstr (status, f->sysv_addr != NULL ? "System V" : "File"));
  g_assert_nonnull (strstr (status, "256 bytes"));
  g_assert_cmpstr (_shmview_string_pane_get_text (f->pane), ==, "ezhchai");

  g_assert_true (emit_edit (f, 0, "E", 1));
  assert_other_sees (f, 0, "Ezhchai", 8);

  other_write (f, 0x20, "HELLO", 5);
  shmview_region_page_refresh (f->page);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->hex, 0x20, NULL), >, 0.0);

  g_assert_true (shmview_region_page_undo (f->page));
  assert_other_sees (f, 0, "ezhchai", 8);
}

/* ------------------------------------------------------------------ */
/* refreshed by filesystem events                                      */

/* All the waits of one test for events end within this many seconds of its
 * start, when it also set the page's interval to SHMVIEW_INTERVAL_MAX
 * (10 s): what shows up in time was brought by an event, never by a tick. */
#define EVENT_BUDGET_S 8

static double
budget_left (gint64 start)
{
  return EVENT_BUDGET_S - (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

#define RUN_UNTIL_EVENT(start, cond) \
  SHMVIEW_APP_TEST_RUN_UNTIL_WITHIN (cond, budget_left (start))

/* The start of the budget: the page's timer is restarted with 10 s. */
static gint64
begin_events (Fixture *f)
{
  gint64 start = g_get_monotonic_time ();

  shmview_region_page_set_interval (f->page, SHMVIEW_INTERVAL_MAX);
  return start;
}

static gboolean
visible_text_has (Fixture    *f,
                  const char *needle)
{
  g_autofree char *text = shmview_hex_view_dup_visible_text (f->hex);

  return text != NULL && strstr (text, needle) != NULL;
}

static void
on_changes_done (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  Fixture *f = user_data;

  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    f->changes_done = TRUE;
}

/* The test's own watch on the name, made as the page makes its own. */
static void
watch_name (Fixture *f)
{
  g_autofree char *path = shmview_region_dup_fs_path (f->region);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->watch = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_HARD_LINKS
                                        | G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (f->watch, "changed", G_CALLBACK (on_changes_done), f);
}

/* A further program opens the object, changes it and closes it: pwrite()
 * @data at @offset, or with @data NULL ftruncate() to @offset. The close
 * ends GIO's burst of events with "changes done" at once (a descriptor kept
 * open would get a made-up one 2 s later, which could stand in for the
 * event of the next step). */
static void
other_change_and_close (Fixture    *f,
                        off_t       offset,
                        const char *data)
{
  int fd = f->path != NULL ? open (f->path, O_RDWR | O_CLOEXEC)
                           : shm_open (f->name, O_RDWR, 0);

  g_assert_no_errno (fd);
  if (data != NULL)
    g_assert_cmpint (pwrite (fd, data, strlen (data), offset), ==, (ssize_t) strlen (data));
  else
    g_assert_no_errno (ftruncate (fd, offset));
  f->changes_done = FALSE;
  close (fd);
}

/* Once the test's watch has "changes done", so has the page: it has had
 * every event of the burst. */
static void
end_burst (Fixture *f,
           gint64   start)
{
  RUN_UNTIL_EVENT (start, f->changes_done);
  shmview_app_test_drain ();
}

/* The other program takes the name away: shm_unlink() for a POSIX object,
 * for a file a rename() elsewhere (teardown's unlink then finds nothing). */
static void
other_remove_name (Fixture *f)
{
  g_autofree char *moved = NULL;

  if (f->path == NULL)
    {
      g_assert_no_errno (shm_unlink (f->name));
      return;
    }
  moved = g_strconcat (f->path, ".moved", NULL);
  g_assert_no_errno (rename (f->path, moved));
}

static void
test_fs_events (Fixture       *f,
                gconstpointer  data)
{
  gint64 start;

  g_test_summary ("With a 10 s interval, another program's pwrite() and ftruncate() and the "
                  "name's removal are shown at once: the object's name in the filesystem "
                  "reports them");

  watch_name (f);
  start = begin_events (f);
  g_assert_false (visible_text_has (f, "|EVENT"));

  other_change_and_close (f, 0x30, "EVENT");
  RUN_UNTIL_EVENT (start, visible_text_has (f, "|EVENT"));
  end_burst (f, start);

  other_change_and_close (f, 4096, NULL);
  RUN_UNTIL_EVENT (start, shmview_hex_view_get_region_size (f->hex) == 4096);
  g_assert_true (has_message (f, "grew from 256 to 4096 bytes"));
  end_burst (f, start);

  other_remove_name (f);
  RUN_UNTIL_EVENT (start, status_has (f, "removed (still attached)"));
}

static void
test_fs_event_paused (Fixture       *f,
                      gconstpointer  data)
{
  gint64 start;

  g_test_summary ("Events while paused leave the page as it was; resuming shows the "
                  "change at once, without waiting for a tick");

  watch_name (f);
  start = begin_events (f);
  shmview_region_page_set_paused (f->page, TRUE);
  other_change_and_close (f, 0x30, "PAUSE");
  end_burst (f, start);
  g_assert_false (visible_text_has (f, "|PAUSE"));

  shmview_region_page_set_paused (f->page, FALSE);
  RUN_UNTIL_EVENT (start, visible_text_has (f, "|PAUSE"));
}

/* ------------------------------------------------------------------ */
/* a sparse 4 GiB region                                               */

/* What a tick reads is what the view shows: a few KiB, wherever it is. */
static void
assert_reads_visible_only (Fixture *f)
{
  ShmviewMonitor *monitor = _shmview_region_page_get_monitor (f->page);
  guint64 offset = 0, length = 0, shown_offset = 0, shown_length = 0;

  shmview_monitor_get_window (monitor, &offset, &length);
  shmview_hex_view_get_visible_range (f->hex, &shown_offset, &shown_length);
  g_assert_cmpuint (shown_length, >, 0);
  g_assert_cmpuint (shown_length, <=, 64 * 1024);
  g_assert_cmpuint (offset, >=, shown_offset);
  g_assert_cmpuint (offset + length, <=, shown_offset + shown_length);
}

static void
test_sparse_4gib (Fixture       *f,
                  gconstpointer  data)
{
  const char *last_row = "fffffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
                         "|................|";
  const char *typed_row = "fffffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 a5  "
                          "|................|";
  guint8 byte = 0;
  struct stat st;

  g_test_summary ("A sparse 4 GiB POSIX object: Ctrl+End shows the last row at fffffff0, "
                  "typing two hex digits there changes the last byte, a tick reads only the "
                  "bytes on screen, and the object still holds only a few pages");

  if (f->window == NULL)
    return; /* skipped in setup */

  assert_reads_visible_only (f);
  shmview_app_test_send_key (f->window, GDK_KEY_End, GDK_CONTROL_MASK);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->hex), ==, SPARSE_SIZE - 1);
  SHMVIEW_APP_TEST_RUN_UNTIL (visible_text_has (f, last_row));
  assert_reads_visible_only (f);

  shmview_app_test_send_key (f->window, GDK_KEY_a, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_5, 0);
  other_read (f, (off_t) (SPARSE_SIZE - 1), &byte, 1);
  g_assert_cmpuint (byte, ==, 0xa5);
  SHMVIEW_APP_TEST_RUN_UNTIL (visible_text_has (f, typed_row));

  /* the lesson's page and the last one; a few more pages of slack */
  g_assert_no_errno (fstat (f->fd, &st));
  g_test_message ("allocated: %" G_GUINT64_FORMAT " bytes", (guint64) st.st_blocks * 512);
  g_assert_cmpuint ((guint64) st.st_size, ==, SPARSE_SIZE);
  g_assert_cmpuint ((guint64) st.st_blocks * 512, <=, 16 * 4096);
}

/* ------------------------------------------------------------------ */
/* pure parts: no region needed                                       */

static void
test_copy_whole_selection (Fixture       *f,
                           gconstpointer  data)
{
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->hex),
                                                      GDK_SELECTION_CLIPBOARD);
  const gsize length = 0x8000;
  g_autofree guint8 *bytes = g_malloc (length);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  guint64 first = 0, visible = 0;

  g_test_summary ("Ctrl+C copies the whole selection, also the part that is not on screen, "
                  "read through the core");

  grow_region (f, 0x10000);
  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8) (i * 7 + i / 256);
  other_write (f, 0x100, bytes, length);
  shmview_hex_view_get_visible_range (f->hex, &first, &visible);
  g_assert_cmpuint (visible, <, length);

  shmview_hex_view_select (f->hex, 0x100, 0x100 + length);
  shmview_app_test_send_key (f->window, GDK_KEY_c, GDK_CONTROL_MASK);
  text = gtk_clipboard_wait_for_text (clipboard);
  expected = shmview_format_hex_text (bytes, length);
  g_assert_cmpuint (strlen (text), ==, length * 3 - 1);
  g_assert_cmpstr (text, ==, expected);
}

/* Copy of the selection leaves the clipboard as it was and says @why. */
static void
assert_copy_refused (Fixture    *f,
                     const char *why)
{
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->hex),
                                                      GDK_SELECTION_CLIPBOARD);
  g_autofree char *text = NULL;

  gtk_clipboard_set_text (clipboard, "before", -1);
  shmview_region_page_copy (f->page);

  text = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (text, ==, "before");
  g_assert_true (has_message (f, why));
}

static void
test_copy_too_long (Fixture       *f,
                    gconstpointer  data)
{
  g_test_summary ("A selection over the copy limit copies nothing and says how to save it "
                  "instead");

  grow_region (f, 2 * 1024 * 1024);
  shmview_hex_view_select (f->hex, 0, 1024 * 1024 + 1);
  assert_copy_refused (f, "Copy takes at most 1 MiB");
  g_assert_true (has_message (f, "--length 1048577 --format raw"));
}

static void
test_copy_after_shrink (Fixture       *f,
                        gconstpointer  data)
{
  g_test_summary ("A copy that finds the region shrunk under it says nothing was copied "
                  "(not written) and leaves the clipboard alone");

  grow_region (f, 3 * 4096);
  shmview_hex_view_select (f->hex, 0, 3 * 4096);
  /* behind the page's back, with no tick in between */
  g_assert_no_errno (ftruncate (f->fd, 100));
  assert_copy_refused (f, "so nothing was copied");
  g_assert_false (has_message (f, "written"));
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_display = shmview_app_test_init (&argc, &argv, TRUE);

  if (!have_display)
    {
      shmview_app_test_add_no_display ("/app/region-page/no-display");
      return g_test_run ();
    }

#define ADD(path, fn) \
  g_test_add ("/app/region-page/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("shows-region", test_shows_region);
  ADD ("cursor-status", test_cursor_status);
  ADD ("edit-reaches-region", test_edit_reaches_region);
  ADD ("edit-error", test_edit_error);
  ADD ("undo-redo", test_undo_redo);
  g_test_add ("/app/region-page/read-only", Fixture, NULL, setup_read_only, test_read_only,
              teardown);
  ADD ("outside-change", test_outside_change);
  ADD ("unchanged-tick-is-quiet", test_unchanged_tick_is_quiet);
  ADD ("cursor-off-screen", test_cursor_off_screen);
  ADD ("string-pane-keeps-typing", test_string_pane_keeps_typing);
  ADD ("string-pane-focused-unedited", test_string_pane_focused_unedited);
  ADD ("string-write", test_string_write);
  ADD ("string-too-long", test_string_too_long);
  ADD ("string-encoding-setting", test_string_encoding_setting);
  ADD ("shrink-to-zero", test_shrink_to_zero);
  ADD ("removed", test_removed);
  ADD ("removed-replaced", test_removed_replaced);
  ADD ("undo-after-shrink", test_undo_after_shrink);
  g_test_add ("/app/region-page/removed-sysv", Fixture, NULL, setup_sysv, test_removed_sysv,
              teardown);
  ADD ("goto", test_goto);
  ADD ("children-outlive-page", test_children_outlive_page);
  ADD ("paused", test_paused);
  ADD ("copy-whole-selection", test_copy_whole_selection);
  ADD ("copy-too-long", test_copy_too_long);
  ADD ("copy-after-shrink", test_copy_after_shrink);
  g_test_add ("/app/region-page/sysv", Fixture, NULL, setup_sysv, test_other_kinds, teardown);
  g_test_add ("/app/region-page/file", Fixture, NULL, setup_file, test_other_kinds, teardown);
  ADD ("fs-events", test_fs_events);
  ADD ("fs-event-paused", test_fs_event_paused);
  g_test_add ("/app/region-page/fs-events-file", Fixture, NULL, setup_file, test_fs_events,
              teardown);
  g_test_add ("/app/region-page/sparse-4gib", Fixture, NULL, setup_sparse, test_sparse_4gib,
              teardown);

  return g_test_run ();
}
