/* shmview-search.h: finding bytes, text or numbers in a region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search reads through shmview_region_read() in chunks that overlap by
 * the pattern's length, so a match across two chunks is found, never touches
 * the mapping (no SIGBUS, no allocated holes) and skips the holes of a sparse
 * object, which cannot hold a pattern with a byte other than zero. It runs
 * anywhere, a worker thread included: it checks a GCancellable and reports
 * progress between chunks.
 */
#pragma once

#include <gio/gio.h>

#include "shmview-inspect.h"
#include "shmview-region.h"

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_SEARCH_FLAGS_NONE  = 0,
  SHMVIEW_SEARCH_IGNORE_CASE = 1 << 0, /* ASCII letters match either case */
  SHMVIEW_SEARCH_BACKWARD    = 1 << 1, /* the last match before the offset */
  SHMVIEW_SEARCH_WRAP        = 1 << 2, /* go on from the other end when nothing is found */
} ShmviewSearchFlags;

typedef enum
{
  SHMVIEW_SEARCH_FOUND,
  SHMVIEW_SEARCH_NOT_FOUND,
  SHMVIEW_SEARCH_FAILED,     /* error set: a read failed, or cancelled */
} ShmviewSearchResult;

/* Called between chunks with the bytes looked at so far out of @total. */
typedef void (*ShmviewSearchProgress) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

/* Called for each match of shmview_search_region_all(); FALSE stops. */
typedef gboolean (*ShmviewSearchMatchFunc) (guint64  offset,
                                            gpointer user_data);

gssize              shmview_search_memory       (const guint8           *haystack,
                                                 gsize                   length,
                                                 const guint8           *pattern,
                                                 gsize                   pattern_length,
                                                 ShmviewSearchFlags      flags);

ShmviewSearchResult shmview_search_region       (ShmviewRegion          *region,
                                                 const guint8           *pattern,
                                                 gsize                   pattern_length,
                                                 ShmviewSearchFlags      flags,
                                                 guint64                 from,
                                                 guint64                *match,
                                                 gboolean               *wrapped,
                                                 GCancellable           *cancellable,
                                                 ShmviewSearchProgress   progress,
                                                 gpointer                user_data,
                                                 GError                **error);

gboolean            shmview_search_region_all   (ShmviewRegion          *region,
                                                 const guint8           *pattern,
                                                 gsize                   pattern_length,
                                                 ShmviewSearchFlags      flags,
                                                 guint64                 from,
                                                 ShmviewSearchMatchFunc  func,
                                                 gpointer                user_data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* The bytes of a search for text (UTF-8, as typed), a number of @type
 * and @order parsed from @text, or hex text; INVALID_ARGUMENT or
 * OUT_OF_RANGE as the parsers say, and for an empty pattern. */
GBytes             *shmview_search_pattern_text   (const char          *text,
                                                   GError             **error);
GBytes             *shmview_search_pattern_hex    (const char          *text,
                                                   GError             **error);
GBytes             *shmview_search_pattern_number (ShmviewValueType     type,
                                                   ShmviewByteOrder     order,
                                                   const char          *text,
                                                   GError             **error);

G_END_DECLS
