/* shmview-string-pane.h: the C string at the cursor, as text, editable
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane shows what puts() would print at the cursor: the bytes up to the
 * first NUL, decoded as UTF-8 (bytes that are not valid UTF-8, control
 * characters and the backslash shown as C escapes: \x01, \\) or as Latin-1.
 * Write (the button, Ctrl+Enter, or Enter after an edit) turns the text
 * back into bytes, undoing those escapes, adds the terminating NUL as strcpy
 * would, and emits "write"; the page writes it through the core. The pane
 * never reads or writes the region itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The most the page reads for one string: a string longer than this shows
 * its first SHMVIEW_STRING_PANE_MAX_BYTES bytes and says so. */
#define SHMVIEW_STRING_PANE_MAX_BYTES 4096

#define SHMVIEW_TYPE_STRING_PANE (shmview_string_pane_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewStringPane, shmview_string_pane, SHMVIEW, STRING_PANE, GtkBox)

/* Properties:
 *   "encoding"   string   "utf-8" (default) or "latin-1" (bound to the
 *                         "string-encoding" setting when the schema is installed)
 *   "read-only"  gboolean Write is disabled
 *   "offset"     guint64  where the string starts (read-only; set with set_bytes)
 * Signals:
 *   "write" (guint64 offset, GBytes *bytes) -> gboolean
 *            @bytes end with the NUL; return TRUE when they were written.
 *            On FALSE the handler shows why with shmview_string_pane_set_error().
 */
GtkWidget *shmview_string_pane_new            (void);
/* @data: the bytes read at @offset (at most SHMVIEW_STRING_PANE_MAX_BYTES);
 * @at_end TRUE when they reach the end of the region. The entry is updated
 * unless the user has changed its text and not yet written it (or dropped
 * the change with Escape, or moved to another offset). */
void       shmview_string_pane_set_bytes      (ShmviewStringPane *self,
                                               guint64            offset,
                                               const guint8      *data,
                                               gsize              length,
                                               gboolean           at_end);
/* The cursor is past the end of the region: nothing to show or write. */
void       shmview_string_pane_set_unavailable (ShmviewStringPane *self,
                                                guint64            offset);
guint64    shmview_string_pane_get_offset     (ShmviewStringPane *self);
void       shmview_string_pane_set_encoding   (ShmviewStringPane *self,
                                               const char        *encoding);
const char *shmview_string_pane_get_encoding  (ShmviewStringPane *self);
void       shmview_string_pane_set_read_only  (ShmviewStringPane *self,
                                               gboolean           read_only);
/* Presses Write: encodes the text and emits "write". FALSE when the text
 * cannot be encoded (the error is shown inline) or the handler refused. */
gboolean   shmview_string_pane_write          (ShmviewStringPane *self);
/* An inline error under the entry; NULL hides it. */
void       shmview_string_pane_set_error      (ShmviewStringPane *self,
                                               const char        *message);

G_END_DECLS
