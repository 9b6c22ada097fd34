/* test-inspector.c: the data inspector pane in a region page
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The other program" stores a uint32_t counter and a big-endian double
 * with plain C stores and pwrite; the inspector's rows must read them, live,
 * and a value typed in a row must reach the region as exactly its bytes.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-hex-view.h"
#include "shmview-region-page.h"
#include "shmview-region.h"
#include "test-util.h"

#define REGION_SIZE 256

typedef struct
{
  char              *name;
  int                fd;
  ShmviewRegion     *region;
  GtkWidget         *window;
  ShmviewRegionPage *page;
  ShmviewHexView    *hex;
  GtkWidget         *inspector;
  GPtrArray         *messages;
} Fixture;

static void
other_write (Fixture    *f,
             off_t       offset,
             const void *data,
             size_t      length)
{
  g_assert_cmpint (pwrite (f->fd, data, length, offset), ==, (ssize_t) length);
}

static void
assert_other_sees (Fixture    *f,
                   off_t       offset,
                   const void *expected,
                   size_t      length)
{
  guint8 seen[64];

  g_assert_cmpint (pread (f->fd, seen, length, offset), ==, (ssize_t) length);
  g_assert_cmpmem (seen, length, expected, length);
}

static void
write_values (Fixture  *f,
              uint32_t  counter,
              double    d)
{
  guint64 bits;

  other_write (f, 0x10, &counter, 4);
  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_BE (bits);
  other_write (f, 0x18, &bits, 8);
}

static void
on_message (ShmviewRegionPage *page,
            int                type,
            const char        *text,
            Fixture           *f)
{
  g_ptr_array_add (f->messages, g_strdup (text));
}

/* The row whose accessible name is @name ("u32 LE"). */
static GtkEntry *
find_row (Fixture    *f,
          const char *name)
{
  GtkWidget *grid = shmview_app_test_template_child (f->inspector, "grid");
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (grid));

  for (GList *l = children; l != NULL; l = l->next)
    if (GTK_IS_ENTRY (l->data) &&
        g_strcmp0 (atk_object_get_name (gtk_widget_get_accessible (l->data)), name) == 0)
      return l->data;
  g_error ("no inspector row named “%s”", name);
  return NULL;
}

static const char *
row_text (Fixture    *f,
          const char *name)
{
  return gtk_entry_get_text (find_row (f, name));
}

static void
open_page (Fixture          *f,
           ShmviewOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GActionGroup *group;

  f->region = shmview_region_open_text (f->name, flags, 0, 0, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 640);
  f->page = SHMVIEW_REGION_PAGE (shmview_region_page_new (f->region));
  f->hex = SHMVIEW_HEX_VIEW (shmview_region_page_get_hex_view (f->page));
  f->inspector = shmview_app_test_template_child (f->page, "inspector");
  g_signal_connect (f->page, "message", G_CALLBACK (on_message), f);
  gtk_container_add (GTK_CONTAINER (f->window), GTK_WIDGET (f->page));
  gtk_widget_show (f->window);

  /* Hidden until page.inspector (F7) shows it. */
  g_assert_false (gtk_widget_get_visible (f->inspector));
  group = gtk_widget_get_action_group (GTK_WIDGET (f->page), "page");
  g_assert_nonnull (group);
  g_action_group_activate_action (group, "inspector", NULL);
  g_assert_true (gtk_widget_get_visible (f->inspector));
  SHMVIEW_APP_TEST_RUN_UNTIL (gtk_widget_get_mapped (f->inspector));
}

static void
setup_flags (Fixture          *f,
             ShmviewOpenFlags  flags)
{
  shmview_app_test_ensure_icon_theme ();
  f->messages = g_ptr_array_new_with_free_func (g_free);
  f->name = shmview_test_unique_posix_name ("inspector");
  f->fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (f->fd, >=, 0);
  g_assert_no_errno (ftruncate (f->fd, REGION_SIZE));
  write_values (f, 305419896, 3.5);
  open_page (f, flags);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  setup_flags (f, SHMVIEW_OPEN_FLAGS_NONE);
}

static void
setup_read_only (Fixture       *f,
                 gconstpointer  data)
{
  setup_flags (f, SHMVIEW_OPEN_READ_ONLY);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_widget_destroy);
  g_clear_object (&f->region);
  close (f->fd);
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
  g_ptr_array_unref (f->messages);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_test_summary ("The rows read the counter and the double another program stored, in "
                  "both orders; rows past the end say so");

  shmview_hex_view_set_cursor (f->hex, 0x10);
  shmview_region_page_refresh (f->page);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  g_assert_cmpstr (row_text (f, "u32 LE"), ==, "305419896");
  g_assert_cmpstr (row_text (f, "u32 BE"), ==, "2018915346");
#endif
  g_assert_cmpstr (row_text (f, "u8"), ==, "120");

  shmview_hex_view_set_cursor (f->hex, 0x18);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (row_text (f, "double BE"), ==, "3.5");
  g_assert_cmpstr (row_text (f, "Binary"), ==, "01000000");

  shmview_hex_view_set_cursor (f->hex, REGION_SIZE - 2);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (row_text (f, "u16 LE"), ==, "0");
  g_assert_cmpstr (row_text (f, "u32 LE"), ==, "past the end");
  g_assert_cmpstr (row_text (f, "double BE"), ==, "past the end");
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  GtkStyleContext *context;

  g_test_summary ("A value another program changes shows on the next tick, highlighted");

  shmview_hex_view_set_cursor (f->hex, 0x18);
  shmview_region_page_refresh (f->page);
  context = gtk_widget_get_style_context (GTK_WIDGET (find_row (f, "double BE")));
  g_assert_false (gtk_style_context_has_class (context, "shmview-value-changed"));

  write_values (f, 7, -0.125);
  SHMVIEW_APP_TEST_RUN_UNTIL (g_strcmp0 (row_text (f, "double BE"), "-0.125") == 0);
  g_assert_true (gtk_style_context_has_class (context, "shmview-value-changed"));
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  GtkEntry *row;

  g_test_summary ("A value typed in a row is written as exactly its bytes in the row's "
                  "order, as one undo step");

  shmview_hex_view_set_cursor (f->hex, 0x10);
  shmview_region_page_refresh (f->page);
  row = find_row (f, "u32 BE");
  gtk_entry_set_text (row, "0x01020304");
  g_signal_emit_by_name (row, "activate");
  assert_other_sees (f, 0x10, "\x01\x02\x03\x04\x00\x00\x00\x00\x40\x0c", 10);
  shmview_region_page_refresh (f->page);
  g_assert_cmpstr (row_text (f, "u32 BE"), ==, "16909060");

  row = find_row (f, "float LE");
  gtk_entry_set_text (row, "-2");
  g_signal_emit_by_name (row, "activate");
  assert_other_sees (f, 0x10, "\x00\x00\x00\xc0\x00", 5);

  g_assert_true (shmview_region_page_undo (f->page));
  assert_other_sees (f, 0x10, "\x01\x02\x03\x04\x00", 5);
  g_assert_true (shmview_region_page_undo (f->page));
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  assert_other_sees (f, 0x10, "\x78\x56\x34\x12\x00", 5);
#endif
}

static void
test_bad_value (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *error_label = shmview_app_test_template_child (f->inspector, "error_label");
  guint8 before[16];
  GtkEntry *row;

  g_test_summary ("A value that does not parse or fit gets an inline error and nothing "
                  "is written");

  g_assert_cmpint (pread (f->fd, before, sizeof before, 0x10), ==, sizeof before);
  shmview_hex_view_set_cursor (f->hex, 0x10);
  shmview_region_page_refresh (f->page);

  row = find_row (f, "u8");
  gtk_entry_set_text (row, "300");
  g_signal_emit_by_name (row, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (GTK_WIDGET (row)),
                                              "error"));
  row = find_row (f, "i16 LE");
  gtk_entry_set_text (row, "1.5");
  g_signal_emit_by_name (row, "activate");
  assert_other_sees (f, 0x10, before, sizeof before);
  g_assert_false (shmview_region_page_undo (f->page));

  /* A value that fits clears the error. */
  gtk_entry_set_text (row, "-1");
  g_signal_emit_by_name (row, "activate");
  assert_other_sees (f, 0x10, "\xff\xff", 2);
  g_assert_false (gtk_widget_get_visible (error_label));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  guint8 before[8];
  GtkEntry *row;

  g_test_summary ("A read-only tab refuses an inspector write with the usual notice");

  g_assert_cmpint (pread (f->fd, before, sizeof before, 0x10), ==, sizeof before);
  shmview_hex_view_set_cursor (f->hex, 0x10);
  shmview_region_page_refresh (f->page);
  row = find_row (f, "u32 LE");
  gtk_entry_set_text (row, "1");
  g_signal_emit_by_name (row, "activate");
  assert_other_sees (f, 0x10, before, sizeof before);
  g_assert_cmpuint (f->messages->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  if (!shmview_app_test_init (&argc, &argv, TRUE))
    {
      shmview_app_test_add_no_display ("/app/inspector/no-display");
      return g_test_run ();
    }

  g_test_add ("/app/inspector/rows", Fixture, NULL, setup, test_rows, teardown);
  g_test_add ("/app/inspector/live", Fixture, NULL, setup, test_live, teardown);
  g_test_add ("/app/inspector/edit", Fixture, NULL, setup, test_edit, teardown);
  g_test_add ("/app/inspector/bad-value", Fixture, NULL, setup, test_bad_value, teardown);
  g_test_add ("/app/inspector/read-only", Fixture, NULL, setup_read_only, test_read_only,
              teardown);

  return g_test_run ();
}
