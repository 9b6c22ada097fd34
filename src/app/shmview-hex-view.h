/* shmview-hex-view.h: the offset | hex | ASCII view of a region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view never touches the region. Its controller (ShmviewRegionPage) tells
 * it the region size, hands it a copy of the visible bytes, and marks bytes
 * that changed; the view draws only the visible rows and emits "edit" when the
 * user types, which the controller writes through the core. The vertical
 * GtkAdjustment (GtkScrollable) counts rows, not pixels, so offsets near the
 * end of a 4 GiB region are exact.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_CHANGE_FOREIGN, /* another process wrote it */
  SHMVIEW_CHANGE_OWN,     /* our own edit */
} ShmviewChangeSource;

typedef enum
{
  SHMVIEW_HEX_VIEW_COLUMN_HEX,
  SHMVIEW_HEX_VIEW_COLUMN_ASCII,
} ShmviewHexViewColumn;

/* A colour behind a byte range, for whoever marks bytes (bookmarks, search
 * hits, a layout's fields): drawn under the change highlight and the
 * selection, in both columns. */
typedef struct
{
  guint64 offset;
  guint64 length;
  GdkRGBA color;
} ShmviewHexTint;

#define SHMVIEW_TYPE_HEX_VIEW_COLUMN (shmview_hex_view_column_get_type ())
GType shmview_hex_view_column_get_type (void);
#define SHMVIEW_TYPE_CHANGE_SOURCE (shmview_change_source_get_type ())
GType shmview_change_source_get_type (void);

#define SHMVIEW_TYPE_HEX_VIEW (shmview_hex_view_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewHexView, shmview_hex_view, SHMVIEW, HEX_VIEW, GtkWidget)

/* Properties (all notify on change):
 *   "region-size"     guint64   size in bytes (rows = ceil (size / bytes-per-row))
 *   "bytes-per-row"   guint     8, 16, 32, or 0 for fit-to-width
 *   "font-name"       string    Pango font description, monospace
 *   "fade-ms"         guint     how long a change highlight fades (default 1500)
 *   "read-only"       gboolean  edits are refused ("edit-refused" is emitted instead)
 *   "cursor"          guint64   byte offset of the caret
 *   "selection-length" guint64  0 when nothing is selected
 *   "column"          ShmviewHexViewColumn   where typing goes (Tab switches)
 *   "hadjustment" "vadjustment" "hscroll-policy" "vscroll-policy"  (GtkScrollable)
 *
 * Signals:
 *   "visible-range-changed" (void)      the window of bytes on screen moved or
 *                                       resized: the controller re-reads it
 *   "edit" (guint64 offset, GBytes *bytes) -> gboolean
 *                                       the user typed; return TRUE when the
 *                                       write succeeded (the caret then moves on)
 *   "edit-refused" (void)               typing in a read-only view
 *   "copy" (guint64 offset, guint64 length) -> gboolean
 *                                       Ctrl+C on [offset, offset+length): return
 *                                       TRUE when the handler put it on the
 *                                       clipboard; else the view copies the part
 *                                       it holds (the visible bytes)
 */
GtkWidget *shmview_hex_view_new                 (void);

void       shmview_hex_view_set_region_size     (ShmviewHexView      *self,
                                                 guint64              size);
guint64    shmview_hex_view_get_region_size     (ShmviewHexView      *self);
/* The bytes of the visible window (or any part of it): the view copies them. */
void       shmview_hex_view_set_data            (ShmviewHexView      *self,
                                                 guint64              offset,
                                                 GBytes              *bytes);
/* Highlight [offset, offset+length) as changed now; fades over fade-ms. */
void       shmview_hex_view_mark_changed        (ShmviewHexView      *self,
                                                 guint64              offset,
                                                 guint64              length,
                                                 ShmviewChangeSource  source);
/* Replaces the tints (a copy is kept; @n_tints 0 removes them all). */
void       shmview_hex_view_set_tints           (ShmviewHexView      *self,
                                                 const ShmviewHexTint *tints,
                                                 guint                n_tints);
/* The byte range the visible rows cover (clamped to the region size). */
void       shmview_hex_view_get_visible_range   (ShmviewHexView      *self,
                                                 guint64             *offset,
                                                 guint64             *length);

void       shmview_hex_view_set_bytes_per_row   (ShmviewHexView      *self,
                                                 guint                bytes_per_row);
guint      shmview_hex_view_get_bytes_per_row   (ShmviewHexView      *self);
/* The effective value: bytes-per-row, or what fits the width when it is 0. */
guint      shmview_hex_view_get_row_width       (ShmviewHexView      *self);
void       shmview_hex_view_set_font_name       (ShmviewHexView      *self,
                                                 const char          *font_name);
void       shmview_hex_view_set_fade_ms         (ShmviewHexView      *self,
                                                 guint                fade_ms);
void       shmview_hex_view_set_read_only       (ShmviewHexView      *self,
                                                 gboolean             read_only);
gboolean   shmview_hex_view_get_read_only       (ShmviewHexView      *self);

guint64    shmview_hex_view_get_cursor          (ShmviewHexView      *self);
/* Moves the caret (clamped) and scrolls it into view; clears the selection. */
void       shmview_hex_view_set_cursor          (ShmviewHexView      *self,
                                                 guint64              offset);
void       shmview_hex_view_select              (ShmviewHexView      *self,
                                                 guint64              start,
                                                 guint64              end);
/* [start, end) of the selection; FALSE when nothing is selected. */
gboolean   shmview_hex_view_get_selection       (ShmviewHexView      *self,
                                                 guint64             *start,
                                                 guint64             *end);
ShmviewHexViewColumn shmview_hex_view_get_column (ShmviewHexView     *self);
/* Where typing goes; the caret goes back to the high nibble. */
void       shmview_hex_view_set_column          (ShmviewHexView      *self,
                                                 ShmviewHexViewColumn column);
/* The byte at the caret, when it is in the visible data. */
gboolean   shmview_hex_view_get_byte_at_cursor  (ShmviewHexView      *self,
                                                 guint8              *out);
/* The visible rows in `hexdump -C` layout (what the accessible text exposes). */
char      *shmview_hex_view_dup_visible_text    (ShmviewHexView      *self);
/* Copies the selection (or the byte at the caret) to the clipboard as hex
 * text: emits "copy" first. */
void       shmview_hex_view_copy_clipboard      (ShmviewHexView      *self);

G_END_DECLS
