/* test-hex-view.c: the hex view widget, in-process under Xvfb
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small fake controller stands in for the region page: it answers
 * "visible-range-changed" by handing the view the bytes of the new window
 * (from a buffer, or from a pattern for regions too big to hold), and
 * applies "edit" to its buffer. Keys and clicks are real GdkEvents put
 * through gtk_main_do_event, so they travel the way typed keys do.
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-hex-view-private.h"
#include "shmview-hex-view.h"

#define GiB (G_GUINT64_CONSTANT (1) << 30)

typedef struct
{
  guint64 offset;
  guint8  value;
} Edit;

typedef struct
{
  GtkWidget      *window;
  GtkWidget      *scrolled;
  ShmviewHexView *view;

  /* the fake controller */
  GByteArray     *backing;      /* NULL: bytes come from pattern_byte() */
  GArray         *edits;        /* of Edit */
  gboolean        accept_edits;
  gboolean        auto_feed;    /* answer visible-range-changed with bytes */
  guint           fit_wide;     /* row width fit-to-width chose at first */
  guint           page_rows;    /* rows that fitted before a font change */
  guint           n_range_changed;
  guint           n_refused;
  guint           n_draws;
  gsize           max_set_data;
} Fixture;

static guint8
pattern_byte (guint64 offset)
{
  return (guint8) (offset ^ (offset >> 8) ^ (offset >> 24));
}

static void
feed_visible (Fixture *f)
{
  guint64 offset, length;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *buf;

  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  if (length == 0)
    return;
  buf = g_malloc (length);
  for (guint64 i = 0; i < length; i++)
    buf[i] = f->backing != NULL ? f->backing->data[offset + i] : pattern_byte (offset + i);
  bytes = g_bytes_new_take (buf, length);
  f->max_set_data = MAX (f->max_set_data, length);
  shmview_hex_view_set_data (f->view, offset, bytes);
}

static void
on_visible_range_changed (ShmviewHexView *view,
                          Fixture        *f)
{
  f->n_range_changed++;
  if (f->auto_feed)
    feed_visible (f);
}

static gboolean
on_edit (ShmviewHexView *view,
         guint64         offset,
         GBytes         *bytes,
         Fixture        *f)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  Edit e = { offset, data[0] };

  g_assert_cmpuint (len, ==, 1);
  g_array_append_val (f->edits, e);
  if (!f->accept_edits)
    return FALSE;
  if (f->backing != NULL)
    f->backing->data[offset] = data[0];
  return TRUE;
}

static void
on_edit_refused (ShmviewHexView *view,
                 Fixture        *f)
{
  f->n_refused++;
}

static gboolean
on_draw (GtkWidget *widget,
         cairo_t   *cr,
         Fixture   *f)
{
  f->n_draws++;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
view_is_allocated (Fixture *f)
{
  guint64 offset, length;

  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  return gtk_widget_get_mapped (GTK_WIDGET (f->view)) && f->n_draws > 0
         && (length > 0 || shmview_hex_view_get_region_size (f->view) == 0);
}

static void
setup_region (Fixture *f,
              guint64  size,
              gboolean backed)
{
  g_clear_pointer (&f->backing, g_byte_array_unref);
  if (backed)
    {
      f->backing = g_byte_array_sized_new (size);
      g_byte_array_set_size (f->backing, size);
      for (guint64 i = 0; i < size; i++)
        f->backing->data[i] = pattern_byte (i);
    }
  shmview_hex_view_set_region_size (f->view, size);
  feed_visible (f);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->edits = g_array_new (FALSE, FALSE, sizeof (Edit));
  f->accept_edits = TRUE;
  f->auto_feed = TRUE;

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 400);
  f->scrolled = gtk_scrolled_window_new (NULL, NULL);
  f->view = SHMVIEW_HEX_VIEW (shmview_hex_view_new ());
  gtk_container_add (GTK_CONTAINER (f->scrolled), GTK_WIDGET (f->view));
  gtk_container_add (GTK_CONTAINER (f->window), f->scrolled);

  g_signal_connect (f->view, "visible-range-changed", G_CALLBACK (on_visible_range_changed), f);
  g_signal_connect (f->view, "edit", G_CALLBACK (on_edit), f);
  g_signal_connect (f->view, "edit-refused", G_CALLBACK (on_edit_refused), f);
  g_signal_connect_after (f->view, "draw", G_CALLBACK (on_draw), f);

  setup_region (f, GPOINTER_TO_SIZE (data) != 0 ? GPOINTER_TO_SIZE (data) : 256, TRUE);
  gtk_widget_show_all (f->window);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  SHMVIEW_APP_TEST_RUN_UNTIL (view_is_allocated (f));
  shmview_app_test_focus_window (f->window);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));
  shmview_app_test_drain ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_widget_destroy (f->window);
  shmview_app_test_drain ();
  g_clear_pointer (&f->backing, g_byte_array_unref);
  g_clear_pointer (&f->edits, g_array_unref);
}

/* ------------------------------------------------------------------ */
/* synthetic input                                                    */

static void
type_text (Fixture    *f,
           const char *text)
{
  for (const char *p = text; *p; p++)
    shmview_app_test_send_key (f->window, gdk_unicode_to_keyval ((guchar) *p), 0);
}

static GdkWindow *
input_window (Fixture *f)
{
  GList *children = gdk_window_peek_children (gtk_widget_get_window (GTK_WIDGET (f->view)));

  for (GList *l = children; l != NULL; l = l->next)
    {
      gpointer owner = NULL;

      gdk_window_get_user_data (l->data, &owner);
      if (owner == f->view)
        return l->data;
    }
  g_assert_not_reached ();
}

static void
send_pointer (Fixture         *f,
              GdkEventType     type,
              double           x,
              double           y,
              GdkModifierType  state)
{
  GdkDisplay *display = gtk_widget_get_display (f->window);
  GdkEvent *event = gdk_event_new (type);

  event->any.window = g_object_ref (input_window (f));
  event->any.send_event = TRUE;
  if (type == GDK_MOTION_NOTIFY)
    {
      event->motion.x = x;
      event->motion.y = y;
      event->motion.state = state;
    }
  else if (type == GDK_SCROLL)
    {
      event->scroll.x = x;
      event->scroll.y = y;
      event->scroll.direction = GDK_SCROLL_DOWN;
    }
  else
    {
      event->button.x = x;
      event->button.y = y;
      event->button.button = GDK_BUTTON_PRIMARY;
      event->button.state = state;
    }
  gdk_event_set_device (event, gdk_seat_get_pointer (gdk_display_get_default_seat (display)));
  gtk_main_do_event (event);
  gdk_event_free (event);
}

/* ------------------------------------------------------------------ */
/* rendering                                                          */

static cairo_surface_t *
render (Fixture *f)
{
  /* settle a pending resize first: drawing needs a fresh allocation */
  gtk_container_check_resize (GTK_CONTAINER (f->window));
  int w = gtk_widget_get_allocated_width (GTK_WIDGET (f->view));
  int h = gtk_widget_get_allocated_height (GTK_WIDGET (f->view));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  gtk_widget_draw (GTK_WIDGET (f->view), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that differ from the top-right corner (background, no text there). */
static guint
count_ink (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint32 bg = *(const guint32 *) (data + (w - 1) * 4);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != bg)
        n++;
  return n;
}

static void
maybe_save (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("SHMVIEW_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
}

/* ------------------------------------------------------------------ */
/* tests                                                              */

static void
test_renders (Fixture       *f,
              gconstpointer  data)
{
  static const char expected[] =
    "00000000  65 7a 68 63 68 61 69 00  00 00 00 00 00 00 00 00  |ezhchai.........|\n"
    "00000010  00 01 fe ff 41 42 0a 7f  80 20 21 7e 00 00 00 00  |....AB... !~....|\n"
    "00000020  de ad be ef                                       |....|\n";
  static const guint8 bytes[36] = {
    'e', 'z', 'h', 'c', 'h', 'a', 'i', 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0x00, 0x01, 0xfe, 0xff, 'A', 'B', '\n', 0x7f, 0x80, ' ', '!', '~', 0, 0, 0, 0,
    0xde, 0xad, 0xbe, 0xef,
  };
  g_autoptr(GBytes) gbytes = g_bytes_new_static (bytes, sizeof bytes);
  g_autofree char *text = NULL;
  cairo_surface_t *blank, *drawn;
  guint64 offset, length;
  guint ink_blank, ink_drawn;

  g_test_summary ("The view shows exactly the bytes it was given, as hexdump -C rows, "
                  "and actually paints them");

  shmview_hex_view_set_region_size (f->view, sizeof bytes);
  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (offset, ==, 0);
  g_assert_cmpuint (length, ==, sizeof bytes);

  /* Before the data arrives, rows whose bytes are missing are blank. */
  f->auto_feed = FALSE;
  shmview_hex_view_set_region_size (f->view, 0);
  shmview_hex_view_set_region_size (f->view, sizeof bytes);
  blank = render (f);
  ink_blank = count_ink (blank);
  text = shmview_hex_view_dup_visible_text (f->view);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  shmview_hex_view_set_data (f->view, 0, gbytes);
  text = shmview_hex_view_dup_visible_text (f->view);
  g_assert_cmpstr (text, ==, expected);

  drawn = render (f);
  ink_drawn = count_ink (drawn);
  g_test_message ("ink: blank %u, drawn %u pixels", ink_blank, ink_drawn);
  g_assert_cmpuint (ink_blank, >, 0);   /* the offsets are drawn */
  g_assert_cmpuint (ink_drawn, >, ink_blank + 500);
  maybe_save (drawn, "hex-view-small.png");
  cairo_surface_destroy (blank);
  cairo_surface_destroy (drawn);
}

static gboolean
scrolled_to_end (Fixture *f)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));

  return gtk_adjustment_get_value (vadj) > 0;
}

static void
test_huge_region (Fixture       *f,
                  gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  g_autofree char *text = NULL;
  g_autofree char *want_last = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 offset, length, size = 4 * GiB;
  guint8 b;
  guint n;

  g_test_summary ("A 4 GiB region scrolls to its last row with Ctrl+End; offsets are exact "
                  "and only the visible window is ever handed to the view");

  f->max_set_data = 0;
  setup_region (f, size, FALSE);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), ==, (double) (size / 16));

  shmview_app_test_send_key (f->window, GDK_KEY_End, GDK_CONTROL_MASK);
  SHMVIEW_APP_TEST_RUN_UNTIL (scrolled_to_end (f));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, size - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj),
                     ==, (double) (size / 16));

  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (offset + length, ==, size);
  g_assert_cmpuint (offset % 16, ==, 0);
  g_assert_cmpuint (length, <, 64 * 1024);
  g_assert_cmpuint (f->max_set_data, <, 64 * 1024);
  g_assert_true (shmview_hex_view_get_byte_at_cursor (f->view, &b));
  g_assert_cmpuint (b, ==, pattern_byte (size - 1));

  text = shmview_hex_view_dup_visible_text (f->view);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpstr (lines[n - 1], ==, "");
  want_last = g_strdup_printf ("fffffff0  %02x %02x", pattern_byte (size - 16), pattern_byte (size - 15));
  g_assert_true (g_str_has_prefix (lines[n - 2], want_last));
  g_assert_true (g_str_has_prefix (lines[n - 3], "ffffffe0  "));
  g_assert_cmpuint (g_ascii_strtoull (lines[0], NULL, 16), ==, offset);

  /* Ctrl+Home goes all the way back. */
  shmview_app_test_send_key (f->window, GDK_KEY_Home, GDK_CONTROL_MASK);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0.0);

  /* Past 4 GiB the offset column grows a digit, as hexdump's does. */
  shmview_hex_view_set_region_size (f->view, 5 * GiB);
  shmview_hex_view_set_cursor (f->view, 5 * GiB - 1);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);
  text = shmview_hex_view_dup_visible_text (f->view);
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_true (g_str_has_prefix (lines[n - 2], "13ffffff0  "));
}

static void
test_visible_range_signal (Fixture       *f,
                           gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  guint64 offset, length;
  guint before;

  g_test_summary ("visible-range-changed is emitted when the first row, the row count or "
                  "the row width changes, and not otherwise");

  setup_region (f, 64 * 1024, FALSE);
  before = f->n_range_changed;
  gtk_adjustment_set_value (vadj, 10);
  g_assert_cmpuint (f->n_range_changed, ==, before + 1);
  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (offset, ==, 160);
  g_assert_cmpuint (length % 16, ==, 0);

  gtk_adjustment_set_value (vadj, 10);
  shmview_app_test_drain ();
  g_assert_cmpuint (f->n_range_changed, ==, before + 1);

  /* The mouse wheel scrolls through the adjustment. */
  send_pointer (f, GDK_SCROLL, 10, 10, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 10);
  g_assert_cmpuint (f->n_range_changed, ==, before + 2);

  shmview_hex_view_set_bytes_per_row (f->view, 32);
  g_assert_cmpuint (f->n_range_changed, ==, before + 3);
  g_assert_cmpuint (shmview_hex_view_get_row_width (f->view), ==, 32);
}

static void
assert_edit (Fixture *f,
             guint    i,
             guint64  offset,
             guint8   value)
{
  g_assert_cmpuint (f->edits->len, >, i);
  g_assert_cmpuint (g_array_index (f->edits, Edit, i).offset, ==, offset);
  g_assert_cmphex (g_array_index (f->edits, Edit, i).value, ==, value);
}

static void
test_edit_hex (Fixture       *f,
               gconstpointer  data)
{
  guint8 b;

  g_test_summary ("Hex digits edit the caret byte nibble by nibble, high first; the caret "
                  "moves on only when the edit succeeded");

  shmview_hex_view_set_cursor (f->view, 0x10);
  g_assert_cmphex (f->backing->data[0x10], !=, 0x41);
  type_text (f, "4");
  assert_edit (f, 0, 0x10, 0x40 | (pattern_byte (0x10) & 0x0f));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x10);
  type_text (f, "1");
  assert_edit (f, 1, 0x10, 0x41);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x11);
  g_assert_true (shmview_hex_view_get_byte_at_cursor (f->view, &b));
  g_assert_cmphex (f->backing->data[0x10], ==, 0x41);

  /* Upper-case digits count too. */
  type_text (f, "Ab");
  assert_edit (f, 3, 0x11, 0xab);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x12);

  /* Not a hex digit: not an edit. */
  type_text (f, "g");
  g_assert_cmpuint (f->edits->len, ==, 4);

  /* A failed write leaves the caret where it was. */
  f->accept_edits = FALSE;
  type_text (f, "7");
  assert_edit (f, 4, 0x12, 0x70 | (pattern_byte (0x12) & 0x0f));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x12);
  g_assert_true (shmview_hex_view_get_byte_at_cursor (f->view, &b));
  g_assert_cmphex (b, ==, pattern_byte (0x12));
}

static void
test_edit_ascii (Fixture       *f,
                 gconstpointer  data)
{
  g_test_summary ("Tab switches to the ASCII column, where printable characters replace "
                  "whole bytes; Tab goes back");

  shmview_hex_view_set_cursor (f->view, 0x20);
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_HEX);
  shmview_app_test_send_key (f->window, GDK_KEY_Tab, 0);
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_ASCII);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));

  type_text (f, "Hi!");
  g_assert_cmpuint (f->edits->len, ==, 3);
  assert_edit (f, 0, 0x20, 'H');
  assert_edit (f, 1, 0x21, 'i');
  assert_edit (f, 2, 0x22, '!');
  g_assert_cmpmem (f->backing->data + 0x20, 3, "Hi!", 3);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x23);

  shmview_app_test_send_key (f->window, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_HEX);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_test_summary ("In a read-only view every edit key emits edit-refused and changes nothing");

  shmview_hex_view_set_read_only (f->view, TRUE);
  shmview_hex_view_set_cursor (f->view, 4);
  before = shmview_hex_view_dup_visible_text (f->view);

  type_text (f, "4");
  g_assert_cmpuint (f->n_refused, ==, 1);
  shmview_app_test_send_key (f->window, GDK_KEY_Tab, 0);
  type_text (f, "x");
  g_assert_cmpuint (f->n_refused, ==, 2);
  g_assert_cmpuint (f->edits->len, ==, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 4);
  after = shmview_hex_view_dup_visible_text (f->view);
  g_assert_cmpstr (after, ==, before);

  /* Moving around is still fine. */
  shmview_app_test_send_key (f->window, GDK_KEY_Right, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 5);
  g_assert_cmpuint (f->n_refused, ==, 2);
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  guint64 start, end, page;

  g_test_summary ("Arrows, Home/End, PgUp/PgDn move the caret and keep it on screen; "
                  "Shift extends the selection");

  setup_region (f, 64 * 1024, FALSE);
  shmview_app_test_send_key (f->window, GDK_KEY_Down, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_Right, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 17);
  shmview_app_test_send_key (f->window, GDK_KEY_End, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 31);
  shmview_app_test_send_key (f->window, GDK_KEY_Home, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 16);
  shmview_app_test_send_key (f->window, GDK_KEY_Left, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_Up, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 15);

  shmview_app_test_send_key (f->window, GDK_KEY_Right, GDK_SHIFT_MASK);
  shmview_app_test_send_key (f->window, GDK_KEY_Right, GDK_SHIFT_MASK);
  g_assert_true (shmview_hex_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, 15);
  g_assert_cmpuint (end, ==, 18);
  shmview_app_test_send_key (f->window, GDK_KEY_Right, 0);
  g_assert_false (shmview_hex_view_get_selection (f->view, NULL, NULL));

  page = (guint64) gtk_adjustment_get_page_size (vadj);
  shmview_app_test_send_key (f->window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 18 + page * 16);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >=, 1);
  for (guint i = 0; i < 20; i++)
    shmview_app_test_send_key (f->window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view) / 16, >=,
                    (guint64) gtk_adjustment_get_value (vadj));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view) / 16, <,
                    (guint64) (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj)));
  shmview_app_test_send_key (f->window, GDK_KEY_Page_Up, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_Home, GDK_CONTROL_MASK);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0);
  shmview_app_test_send_key (f->window, GDK_KEY_Page_Up, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0);
}

static void
test_mouse (Fixture       *f,
            gconstpointer  data)
{
  int w = gtk_widget_get_allocated_width (GTK_WIDGET (f->view));
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  int lh = gtk_widget_get_allocated_height (GTK_WIDGET (f->view))
           / (int) gtk_adjustment_get_page_size (vadj);
  guint64 start, end;

  g_test_summary ("A click places the caret and picks the column by x; a drag selects");

  shmview_hex_view_set_bytes_per_row (f->view, 0);
  shmview_app_test_drain ();
  g_test_message ("line height %d, width %d, row width %u", lh, w, shmview_hex_view_get_row_width (f->view));

  /* Left edge of row 1: its first byte, hex column. */
  send_pointer (f, GDK_BUTTON_PRESS, 2, lh * 1.5, 0);
  send_pointer (f, GDK_BUTTON_RELEASE, 2, lh * 1.5, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, shmview_hex_view_get_row_width (f->view));
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_HEX);

  /* Drag down two rows: a selection from there to the same column two rows on. */
  send_pointer (f, GDK_BUTTON_PRESS, 2, lh * 0.5, 0);
  send_pointer (f, GDK_MOTION_NOTIFY, 2, lh * 2.5, GDK_BUTTON1_MASK);
  send_pointer (f, GDK_BUTTON_RELEASE, 2, lh * 2.5, GDK_BUTTON1_MASK);
  g_assert_true (shmview_hex_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 2 * shmview_hex_view_get_row_width (f->view) + 1);

  /* Far right, fit to width: the last byte of the row, ASCII column. */
  send_pointer (f, GDK_BUTTON_PRESS, w - 2, lh * 0.5, 0);
  send_pointer (f, GDK_BUTTON_RELEASE, w - 2, lh * 0.5, 0);
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_ASCII);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, shmview_hex_view_get_row_width (f->view) - 1);
  g_assert_false (shmview_hex_view_get_selection (f->view, NULL, NULL));
}

static gboolean
not_animating (Fixture *f)
{
  return !_shmview_hex_view_is_animating (f->view);
}

static void
test_highlight_fades (Fixture       *f,
                      gconstpointer  data)
{
  ShmviewChangeSource source;
  cairo_surface_t *surface;
  guint draws;

  g_test_summary ("mark_changed highlights bytes, foreign and own apart; the highlight fades "
                  "out over fade-ms and then the tick callback is gone");

  g_assert_false (_shmview_hex_view_is_animating (f->view));
  shmview_hex_view_set_fade_ms (f->view, 200);
  shmview_hex_view_mark_changed (f->view, 0x10, 4, SHMVIEW_CHANGE_FOREIGN);
  shmview_hex_view_mark_changed (f->view, 0x20, 1, SHMVIEW_CHANGE_OWN);
  g_assert_true (_shmview_hex_view_is_animating (f->view));

  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x10, &source), >, 0.0);
  g_assert_cmpint (source, ==, SHMVIEW_CHANGE_FOREIGN);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x13, &source), >, 0.0);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x14, NULL), ==, 0.0);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x20, &source), >, 0.0);
  g_assert_cmpint (source, ==, SHMVIEW_CHANGE_OWN);

  shmview_hex_view_select (f->view, 0x34, 0x3a);
  surface = render (f);
  maybe_save (surface, "hex-view-highlight.png");
  cairo_surface_destroy (surface);

  /* Bytes off screen keep no change time at all. */
  shmview_hex_view_mark_changed (f->view, 200 * 16, 16, SHMVIEW_CHANGE_FOREIGN);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 200 * 16, NULL), ==, 0.0);

  draws = f->n_draws;
  SHMVIEW_APP_TEST_RUN_UNTIL (not_animating (f));
  g_assert_cmpuint (f->n_draws, >, draws);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x10, NULL), ==, 0.0);
  g_assert_cmpfloat (_shmview_hex_view_peek_change (f->view, 0x20, NULL), ==, 0.0);
}

static gboolean
drawn_once_more (Fixture *f)
{
  return f->n_draws > 0;
}

static void
test_idle_costs_nothing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) same = NULL;
  g_autoptr(GBytes) other = NULL;
  guint8 x = pattern_byte (3) ^ 0xff;

  g_test_summary ("An idle view has no tick callback, and the same bytes again redraw "
                  "nothing; different bytes do");

  g_assert_false (_shmview_hex_view_is_animating (f->view));

  /* Let whatever setup queued be drawn (in one frame with this one). */
  f->n_draws = 0;
  gtk_widget_queue_draw (GTK_WIDGET (f->view));
  SHMVIEW_APP_TEST_RUN_UNTIL (drawn_once_more (f));
  shmview_app_test_drain ();

  same = g_bytes_new (f->backing->data, 64);
  f->n_draws = 0;
  shmview_hex_view_set_data (f->view, 0, same);
  shmview_app_test_wait (100);
  g_assert_cmpuint (f->n_draws, ==, 0);
  g_assert_false (_shmview_hex_view_is_animating (f->view));

  other = g_bytes_new (&x, 1);
  shmview_hex_view_set_data (f->view, 3, other);
  SHMVIEW_APP_TEST_RUN_UNTIL (drawn_once_more (f));
  g_assert_cmpuint (f->n_draws, >, 0);
  g_assert_false (_shmview_hex_view_is_animating (f->view));
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->view), GDK_SELECTION_CLIPBOARD);
  g_autofree char *text = NULL;

  g_test_summary ("Ctrl+C copies the selection, or the caret byte, as hex text");

  f->backing->data[0x40] = 0xde;
  f->backing->data[0x41] = 0xad;
  f->backing->data[0x42] = 0xbe;
  feed_visible (f);

  shmview_hex_view_select (f->view, 0x40, 0x42);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0x41);
  shmview_app_test_send_key (f->window, GDK_KEY_c, GDK_CONTROL_MASK);
  text = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (text, ==, "de ad");
  g_clear_pointer (&text, g_free);

  shmview_hex_view_set_cursor (f->view, 0x42);
  shmview_hex_view_copy_clipboard (f->view);
  text = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (text, ==, "be");
}

static guint n_inserted;
static guint n_visible_data;

static void
on_text_insert (AtkText    *text,
                int         position,
                int         length,
                const char *inserted)
{
  n_inserted++;
}

static void
on_visible_data_changed (AtkObject *object)
{
  n_visible_data++;
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  AtkObject *acc = gtk_widget_get_accessible (GTK_WIDGET (f->view));
  g_autofree char *text = NULL;
  g_autofree char *visible = NULL;
  g_autofree char *row0 = NULL;
  g_autoptr(GBytes) change = NULL;
  guint8 x;
  int caret;

  g_test_summary ("The accessible object is ATK text named \"Hex view\" with the visible "
                  "rows as hexdump -C text, the caret offset, and change signals only on change");

  g_assert_true (ATK_IS_TEXT (acc));
  g_assert_cmpint (atk_object_get_role (acc), ==, ATK_ROLE_TEXT);
  g_assert_cmpstr (atk_object_get_name (acc), ==, "Hex view");

  text = atk_text_get_text (ATK_TEXT (acc), 0, -1);
  visible = shmview_hex_view_dup_visible_text (f->view);
  g_assert_cmpstr (text, ==, visible);
  g_assert_cmpint (atk_text_get_character_count (ATK_TEXT (acc)), ==, strlen (visible));
  g_assert_true (g_str_has_prefix (text, "00000000  00 01 02 03 "));

  shmview_hex_view_set_cursor (f->view, 0x11);
  row0 = atk_text_get_string_at_offset (ATK_TEXT (acc), 0, ATK_TEXT_GRANULARITY_LINE, NULL, NULL);
  caret = atk_text_get_caret_offset (ATK_TEXT (acc));
  g_assert_cmpint (caret, ==, strlen (row0) + 13);
  g_assert_cmpint (visible[caret], ==, '1');
  g_assert_cmpint (visible[caret + 1], ==, '1');
  g_assert_cmpint (visible[caret + 2], ==, ' ');
  g_assert_nonnull (strstr (atk_object_get_description (acc), "0x11"));

  shmview_app_test_send_key (f->window, GDK_KEY_Tab, 0);
  caret = atk_text_get_caret_offset (ATK_TEXT (acc));
  g_assert_cmpint (caret, ==, strlen (row0) + 62);

  /* The same bytes again: no text change announced. Another byte: one. */
  g_signal_connect (acc, "text-insert", G_CALLBACK (on_text_insert), NULL);
  g_signal_connect (acc, "visible-data-changed", G_CALLBACK (on_visible_data_changed), NULL);
  n_inserted = n_visible_data = 0;
  feed_visible (f);
  g_assert_cmpuint (n_inserted, ==, 0);
  g_assert_cmpuint (n_visible_data, ==, 0);

  x = 'Z';
  change = g_bytes_new (&x, 1);
  shmview_hex_view_set_data (f->view, 1, change);
  g_assert_cmpuint (n_inserted, ==, 1);
  g_assert_cmpuint (n_visible_data, ==, 1);
  g_clear_pointer (&text, g_free);
  text = atk_text_get_text (ATK_TEXT (acc), 0, -1);
  g_assert_true (g_str_has_prefix (text, "00000000  00 5a 02 03 "));
  g_assert_cmpint (text[strlen (row0) - 17], ==, 'Z');

  /* Screen readers may move the caret through the text too. */
  g_assert_true (atk_text_set_caret_offset (ATK_TEXT (acc), 10 + 3 * 9 + 1));
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 9);
  g_assert_cmpint (shmview_hex_view_get_column (f->view), ==, SHMVIEW_HEX_VIEW_COLUMN_HEX);
}

static void
check_layout (Fixture    *f,
              guint       bytes_per_row,
              const char *png)
{
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));
  cairo_surface_t *surface;
  guint width;

  shmview_hex_view_set_bytes_per_row (f->view, bytes_per_row);
  shmview_app_test_drain ();
  width = shmview_hex_view_get_row_width (f->view);
  if (bytes_per_row != 0)
    g_assert_cmpuint (width, ==, bytes_per_row);
  g_assert_cmpuint (width % 8, ==, 0);
  g_assert_cmpuint (width, >=, 8);

  /* Fit to width never needs the horizontal scrollbar. */
  if (bytes_per_row == 0)
    g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), <=, gtk_adjustment_get_page_size (hadj));

  surface = render (f);
  g_assert_cmpuint (count_ink (surface), >, 1000);
  maybe_save (surface, png);
  cairo_surface_destroy (surface);
}

static gboolean
row_width_changed (Fixture *f)
{
  return shmview_hex_view_get_row_width (f->view) != f->fit_wide;
}

static void
test_bytes_per_row (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint64 offset, length;
  guint before;

  g_test_summary ("8, 16 and 32 bytes per row and fit-to-width all lay out and draw; "
                  "the accessible text stays in hexdump -C rows");

  check_layout (f, 8, "hex-view-8.png");
  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (length % 8, ==, 0);
  text = shmview_hex_view_dup_visible_text (f->view);
  g_assert_true (g_str_has_prefix (text, "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b"));

  /* The settings key allows any 0..32: other values round to groups of 8. */
  shmview_hex_view_set_bytes_per_row (f->view, 27);
  g_assert_cmpuint (shmview_hex_view_get_row_width (f->view), ==, 24);
  check_layout (f, 32, "hex-view-32.png");
  check_layout (f, 16, "hex-view-16.png");
  /* Wide enough for more than 16 (the Xvfb screen is 1280 wide). */
  check_layout (f, 0, "hex-view-fit-800.png");
  f->fit_wide = shmview_hex_view_get_row_width (f->view);
  gtk_window_resize (GTK_WINDOW (f->window), 1260, 400);
  SHMVIEW_APP_TEST_RUN_UNTIL (row_width_changed (f));
  check_layout (f, 0, "hex-view-fit.png");
  g_assert_cmpuint (shmview_hex_view_get_row_width (f->view), >, f->fit_wide);
  f->fit_wide = shmview_hex_view_get_row_width (f->view);

  /* A narrower window fits fewer bytes, and the controller hears of it. */
  before = f->n_range_changed;
  gtk_window_resize (GTK_WINDOW (f->window), 420, 400);
  SHMVIEW_APP_TEST_RUN_UNTIL (row_width_changed (f));
  g_assert_cmpuint (shmview_hex_view_get_row_width (f->view), <, f->fit_wide);
  g_assert_cmpuint (shmview_hex_view_get_row_width (f->view) % 8, ==, 0);
  g_assert_cmpuint (f->n_range_changed, >, before);
}

static gboolean
page_shrank (Fixture *f)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));

  return gtk_adjustment_get_page_size (vadj) < f->page_rows;
}

static void
test_font (Fixture       *f,
           gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  guint64 offset, length_before, length_after;
  guint before = f->n_range_changed;
  g_autofree char *font = NULL;

  g_test_summary ("A bigger font shows fewer rows, and the controller hears of it");

  f->page_rows = (guint) gtk_adjustment_get_page_size (vadj);
  shmview_hex_view_get_visible_range (f->view, &offset, &length_before);
  shmview_hex_view_set_font_name (f->view, "Monospace 22");
  SHMVIEW_APP_TEST_RUN_UNTIL (page_shrank (f));
  shmview_hex_view_get_visible_range (f->view, &offset, &length_after);
  g_assert_cmpuint (length_after, <, length_before);
  g_assert_cmpuint (f->n_range_changed, >, before);

  /* NULL or "" means the default font again. */
  shmview_hex_view_set_font_name (f->view, NULL);
  g_object_get (f->view, "font-name", &font, NULL);
  g_assert_cmpstr (font, ==, "Monospace 11");
}

static void
test_shrink (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint64 offset, length;
  guint8 b;

  g_test_summary ("When the region shrinks under the view the caret and the window are "
                  "clamped; at size 0 nothing is drawn and nothing is edited");

  shmview_hex_view_set_cursor (f->view, 200);
  shmview_hex_view_set_region_size (f->view, 100);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 99);
  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (offset, ==, 0);
  g_assert_cmpuint (length, ==, 100);

  shmview_hex_view_set_region_size (f->view, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0);
  shmview_hex_view_get_visible_range (f->view, &offset, &length);
  g_assert_cmpuint (length, ==, 0);
  text = shmview_hex_view_dup_visible_text (f->view);
  g_assert_cmpstr (text, ==, "");
  g_assert_false (shmview_hex_view_get_byte_at_cursor (f->view, &b));

  type_text (f, "41");
  shmview_app_test_send_key (f->window, GDK_KEY_End, GDK_CONTROL_MASK);
  shmview_app_test_send_key (f->window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (f->edits->len, ==, 0);
  g_assert_cmpuint (shmview_hex_view_get_cursor (f->view), ==, 0);
  cairo_surface_destroy (render (f));
}

int
main (int   argc,
      char *argv[])
{
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/hex-view/no-display");
      return g_test_run ();
    }

#define ADD(path, fn, size) \
  g_test_add ("/app/hex-view/" path, Fixture, GSIZE_TO_POINTER (size), setup, fn, teardown)

  ADD ("renders", test_renders, 0);
  ADD ("huge-region", test_huge_region, 0);
  ADD ("visible-range-changed", test_visible_range_signal, 0);
  ADD ("edit-hex", test_edit_hex, 0);
  ADD ("edit-ascii", test_edit_ascii, 0);
  ADD ("read-only", test_read_only, 0);
  ADD ("navigation", test_navigation, 0);
  ADD ("mouse", test_mouse, 0);
  ADD ("highlight-fades", test_highlight_fades, 0);
  ADD ("idle-costs-nothing", test_idle_costs_nothing, 0);
  ADD ("copy", test_copy, 0);
  ADD ("accessible", test_accessible, 0);
  ADD ("bytes-per-row", test_bytes_per_row, 0);
  ADD ("font", test_font, 0);
  ADD ("shrink", test_shrink, 0);

  return g_test_run ();
}
