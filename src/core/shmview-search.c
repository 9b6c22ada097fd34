/* shmview-search.c: finding bytes, text or numbers in a region
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search looks at the offsets where a match may start, in spans:
 *
 *   region  [hole......|DATA DATA DATA|hole.....|DATA|hole]
 *   span            [len-1|DATA DATA DATA]  [len-1|DATA]
 *
 * Each span reaches len-1 bytes back into the hole before its data, so a
 * match that starts in a hole and ends in data is seen; a match wholly in a
 * hole is all zeros, which a pattern with another byte cannot be (a pattern
 * of zeros alone is searched for everywhere). A span is read in chunks, each
 * len-1 bytes longer than the starts it covers, so the overlap finds matches
 * across chunk boundaries.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib.h>

#include "shmview-error.h"
#include "shmview-parse.h"
#include "shmview-search.h"

/* Big enough to amortise each read, small enough to stay in the CPU cache
 * between the read and the scan. */
#define CHUNK_SIZE (1024 * 1024)

typedef struct
{
  ShmviewRegion         *region;
  const guint8          *pattern;     /* folded to lower case with IGNORE_CASE */
  gsize                  length;
  ShmviewSearchFlags     flags;
  guint64                size;
  gboolean               skip_holes;
  guint8                *buffer;      /* CHUNK_SIZE + length - 1 */
  guint8                *folded;      /* the same, folded; IGNORE_CASE only */
  GCancellable          *cancellable;
  ShmviewSearchProgress  progress;
  gpointer               progress_data;
  guint64                done;
  guint64                total;
} Search;

static inline guint8
fold (guint8 c)
{
  return c + (((guint8) (c - 'A') < 26) << 5);
}

static const guint8 *
fold_into (guint8       *out,
           const guint8 *in,
           gsize         length)
{
  gsize i = 0;

#ifdef __SSE2__
  /* 16 bytes at a time: c + 32 where 'A' <= c <= 'Z' (signed compares on
   * c - 'A' - 128 make the unsigned range test). */
  {
    const __m128i bias = _mm_set1_epi8 ((char) (0x80 - 'A'));
    const __m128i limit = _mm_set1_epi8 ((char) (0x80 + 25));
    const __m128i to_lower = _mm_set1_epi8 (0x20);

    for (; i + 16 <= length; i += 16)
      {
        __m128i c = _mm_loadu_si128 ((const __m128i *) (in + i));
        __m128i upper = _mm_cmpgt_epi8 (_mm_add_epi8 (c, bias), limit);

        /* upper is set where c is NOT a capital; add 32 elsewhere. */
        _mm_storeu_si128 ((__m128i *) (out + i),
                          _mm_add_epi8 (c, _mm_andnot_si128 (upper, to_lower)));
      }
  }
#endif
  for (; i < length; i++)
    out[i] = fold (in[i]);
  return out;
}

/* The first match in @haystack of the already folded @pattern. With SSE2,
 * 16 candidate offsets at a time are checked for the pattern's first and
 * last byte together and only those that have both are compared in full:
 * several times faster than memmem on text-like data. */
static gssize
find_first (const guint8 *haystack,
            gsize         length,
            const guint8 *pattern,
            gsize         pattern_length)
{
  const guint8 *hit;
  gsize i = 0;

  if (pattern_length > length)
    return -1;
  if (pattern_length == 1)
    {
      hit = memchr (haystack, pattern[0], length);
      return hit != NULL ? hit - haystack : -1;
    }
#ifdef __SSE2__
  {
    const __m128i first = _mm_set1_epi8 ((char) pattern[0]);
    const __m128i last = _mm_set1_epi8 ((char) pattern[pattern_length - 1]);

    for (; i + pattern_length - 1 + 16 <= length; i += 16)
      {
        __m128i a = _mm_loadu_si128 ((const __m128i *) (haystack + i));
        __m128i b = _mm_loadu_si128 ((const __m128i *) (haystack + i + pattern_length - 1));
        guint mask = (guint) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, first),
                                                               _mm_cmpeq_epi8 (b, last)));

        for (; mask != 0; mask &= mask - 1)
          {
            gsize at = i + (gsize) __builtin_ctz (mask);

            if (memcmp (haystack + at + 1, pattern + 1, pattern_length - 2) == 0)
              return (gssize) at;
          }
      }
  }
#endif
  hit = memmem (haystack + i, length - i, pattern, pattern_length);
  return hit != NULL ? hit - haystack : -1;
}

static gssize
find_last (const guint8 *haystack,
           gsize         length,
           const guint8 *pattern,
           gsize         pattern_length)
{
  gssize last = -1;
  gssize at;

  while ((gsize) (last + 1) < length &&
         (at = find_first (haystack + last + 1, length - last - 1, pattern, pattern_length)) >= 0)
    last += 1 + at;
  return last;
}

/**
 * shmview_search_memory:
 * @haystack: the bytes to look in
 * @length: their length
 * @pattern: the bytes to look for
 * @pattern_length: at least 1
 * @flags: IGNORE_CASE and BACKWARD count
 *
 * Returns: the offset of the first (BACKWARD: the last) match, or -1.
 */
gssize
shmview_search_memory (const guint8       *haystack,
                       gsize               length,
                       const guint8       *pattern,
                       gsize               pattern_length,
                       ShmviewSearchFlags  flags)
{
  g_autofree guint8 *folded = NULL;
  g_autofree guint8 *folded_pattern = NULL;

  g_return_val_if_fail (pattern != NULL && pattern_length > 0, -1);

  if (flags & SHMVIEW_SEARCH_IGNORE_CASE)
    {
      haystack = fold_into (folded = g_malloc (MAX (length, 1)), haystack, length);
      pattern = fold_into (folded_pattern = g_malloc (pattern_length), pattern, pattern_length);
    }
  if (flags & SHMVIEW_SEARCH_BACKWARD)
    return find_last (haystack, length, pattern, pattern_length);
  return find_first (haystack, length, pattern, pattern_length);
}

static gboolean
step (Search   *s,
      guint64   covered,
      GError  **error)
{
  s->done += covered;
  if (s->progress != NULL)
    s->progress (MIN (s->done, s->total), s->total, s->progress_data);
  return !g_cancellable_set_error_if_cancelled (s->cancellable, error);
}

/* Looks for a match starting in [start, start + starts) with one read.
 * Returns the match's offset in the chunk, -1 for none, -2 on error. */
static gssize
scan_chunk (Search   *s,
            guint64   start,
            gsize     starts,
            gboolean  backward,
            GError  **error)
{
  gsize n = (gsize) MIN ((guint64) starts + s->length - 1, s->size - start);
  const guint8 *bytes = s->buffer;
  gssize at;

  if (n < s->length)
    return -1;
  if (!shmview_region_read (s->region, start, s->buffer, n, error))
    return -2;
  if (s->flags & SHMVIEW_SEARCH_IGNORE_CASE)
    bytes = fold_into (s->folded, s->buffer, n);

  at = backward ? find_last (bytes, n, s->pattern, s->length)
                : find_first (bytes, n, s->pattern, s->length);
  return at >= 0 && (gsize) at < starts ? at : -1;
}

/* Scans the starts [lo, hi) of one span chunk by chunk. */
static ShmviewSearchResult
scan_span (Search   *s,
           guint64   lo,
           guint64   hi,
           gboolean  backward,
           guint64  *match,
           GError  **error)
{
  guint64 n_chunks = (hi - lo + CHUNK_SIZE - 1) / CHUNK_SIZE;

  for (guint64 i = 0; i < n_chunks; i++)
    {
      guint64 k = backward ? n_chunks - 1 - i : i;
      guint64 start = lo + k * CHUNK_SIZE;
      gsize starts = (gsize) MIN (CHUNK_SIZE, hi - start);
      gssize at = scan_chunk (s, start, starts, backward, error);

      if (at == -2)
        return SHMVIEW_SEARCH_FAILED;
      if (at >= 0)
        {
          *match = start + (guint64) at;
          return SHMVIEW_SEARCH_FOUND;
        }
      if (!step (s, starts, error))
        return SHMVIEW_SEARCH_FAILED;
    }
  return SHMVIEW_SEARCH_NOT_FOUND;
}

/* The next span of possible starts at or after @pos and before @hi. */
static gboolean
next_span (Search  *s,
           guint64  pos,
           guint64  hi,
           guint64 *span_lo,
           guint64 *span_hi)
{
  guint64 data_start, data_end;

  if (pos >= hi)
    return FALSE;
  if (!s->skip_holes)
    {
      *span_lo = pos;
      *span_hi = hi;
      return TRUE;
    }
  if (!shmview_region_next_data (s->region, pos, &data_start, &data_end) || data_start >= hi)
    return FALSE;
  *span_lo = MAX (pos, data_start >= s->length - 1 ? data_start - (s->length - 1) : 0);
  *span_hi = MIN (hi, data_end);
  return TRUE;
}

static ShmviewSearchResult
scan_forward (Search   *s,
              guint64   lo,
              guint64   hi,
              guint64  *match,
              GError  **error)
{
  guint64 span_lo, span_hi;

  for (guint64 pos = lo; next_span (s, pos, hi, &span_lo, &span_hi); pos = span_hi)
    {
      ShmviewSearchResult result;

      s->done += span_lo - pos;  /* a skipped hole counts as looked at */
      result = scan_span (s, span_lo, span_hi, FALSE, match, error);
      if (result != SHMVIEW_SEARCH_NOT_FOUND)
        return result;
    }
  return step (s, 0, error) ? SHMVIEW_SEARCH_NOT_FOUND : SHMVIEW_SEARCH_FAILED;
}

/* Backward there is no "previous data" query: the spans are listed first
 * (a few lseek calls each), then scanned from the last. */
static ShmviewSearchResult
scan_backward (Search   *s,
               guint64   lo,
               guint64   hi,
               guint64  *match,
               GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
  guint64 span[2];

  for (guint64 pos = lo; next_span (s, pos, hi, &span[0], &span[1]); pos = span[1])
    g_array_append_vals (spans, span, 1);

  for (guint i = spans->len; i > 0; i--)
    {
      const guint64 *sp = &g_array_index (spans, guint64, 2 * (i - 1));
      ShmviewSearchResult result = scan_span (s, sp[0], sp[1], TRUE, match, error);

      if (result != SHMVIEW_SEARCH_NOT_FOUND)
        return result;
    }
  return step (s, 0, error) ? SHMVIEW_SEARCH_NOT_FOUND : SHMVIEW_SEARCH_FAILED;
}

static gboolean
all_zero (const guint8 *data,
          gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != 0)
      return FALSE;
  return TRUE;
}

static void
search_init (Search             *s,
             ShmviewRegion      *region,
             const guint8       *pattern,
             gsize               pattern_length,
             ShmviewSearchFlags  flags,
             GCancellable       *cancellable)
{
  memset (s, 0, sizeof *s);
  s->region = region;
  s->length = pattern_length;
  s->flags = flags;
  s->size = shmview_region_get_size (region);
  s->skip_holes = !all_zero (pattern, pattern_length);
  s->buffer = g_malloc (CHUNK_SIZE + pattern_length - 1);
  s->cancellable = cancellable;
  if (flags & SHMVIEW_SEARCH_IGNORE_CASE)
    {
      s->folded = g_malloc (CHUNK_SIZE + pattern_length - 1);
      s->pattern = fold_into (g_malloc (pattern_length), pattern, pattern_length);
    }
  else
    s->pattern = g_memdup2 (pattern, pattern_length);
}

static void
search_clear (Search *s)
{
  g_free (s->buffer);
  g_free (s->folded);
  g_free ((guint8 *) s->pattern);
}

/**
 * shmview_search_region:
 * @region: the region to look in
 * @pattern: the bytes to look for
 * @pattern_length: at least 1
 * @flags: direction, case and wrapping
 * @from: forward, the first offset a match may start at; BACKWARD, the
 *   offset the match must start before (so a search from a match's own
 *   offset moves on, either way)
 * @match: (out): where the match starts
 * @wrapped: (out) (optional): set when the match was found only after going
 *   round from the other end (WRAP)
 * @cancellable: (nullable): checked between chunks
 * @progress: (nullable) (scope call): called between chunks
 * @user_data: for @progress
 * @error: the read's error, or G_IO_ERROR_CANCELLED
 *
 * Looks for @pattern in @region as it is now (its size as of the last
 * update). Safe to call from a worker thread on a region no other thread
 * uses meanwhile.
 *
 * Returns: FOUND, NOT_FOUND, or FAILED with @error set.
 */
ShmviewSearchResult
shmview_search_region (ShmviewRegion          *region,
                       const guint8           *pattern,
                       gsize                   pattern_length,
                       ShmviewSearchFlags      flags,
                       guint64                 from,
                       guint64                *match,
                       gboolean               *wrapped,
                       GCancellable           *cancellable,
                       ShmviewSearchProgress   progress,
                       gpointer                user_data,
                       GError                **error)
{
  gboolean backward = (flags & SHMVIEW_SEARCH_BACKWARD) != 0;
  ShmviewSearchResult result;
  Search s;

  g_return_val_if_fail (SHMVIEW_IS_REGION (region), SHMVIEW_SEARCH_FAILED);
  g_return_val_if_fail (pattern != NULL && pattern_length > 0, SHMVIEW_SEARCH_FAILED);
  g_return_val_if_fail (match != NULL, SHMVIEW_SEARCH_FAILED);

  if (wrapped != NULL)
    *wrapped = FALSE;
  search_init (&s, region, pattern, pattern_length, flags, cancellable);
  s.progress = progress;
  s.progress_data = user_data;
  from = MIN (from, s.size);
  s.total = (flags & SHMVIEW_SEARCH_WRAP) ? s.size : backward ? from : s.size - from;

  result = backward ? scan_backward (&s, 0, from, match, error)
                    : scan_forward (&s, from, s.size, match, error);
  if (result == SHMVIEW_SEARCH_NOT_FOUND && (flags & SHMVIEW_SEARCH_WRAP))
    {
      result = backward ? scan_backward (&s, from, s.size, match, error)
                        : scan_forward (&s, 0, from, match, error);
      if (result == SHMVIEW_SEARCH_FOUND && wrapped != NULL)
        *wrapped = TRUE;
    }
  search_clear (&s);
  return result;
}

/* Every match starting in [lo, hi), one read per chunk. */
static gboolean
scan_span_all (Search                 *s,
               guint64                 lo,
               guint64                 hi,
               ShmviewSearchMatchFunc  func,
               gpointer                user_data,
               gboolean               *go_on,
               GError                **error)
{
  for (guint64 start = lo; start < hi && *go_on; start += CHUNK_SIZE)
    {
      gsize starts = (gsize) MIN (CHUNK_SIZE, hi - start);
      gsize n = (gsize) MIN ((guint64) starts + s->length - 1, s->size - start);
      const guint8 *bytes = s->buffer;
      gssize at;

      if (n < s->length)
        break;
      if (!shmview_region_read (s->region, start, s->buffer, n, error))
        return FALSE;
      if (s->flags & SHMVIEW_SEARCH_IGNORE_CASE)
        bytes = fold_into (s->folded, s->buffer, n);
      for (gsize from = 0;
           *go_on && from < starts &&
           (at = find_first (bytes + from, n - from, s->pattern, s->length)) >= 0 &&
           from + (gsize) at < starts;
           from += (gsize) at + 1)
        *go_on = func (start + from + (guint64) at, user_data);
      if (!step (s, starts, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * shmview_search_region_all:
 * @region: the region to look in
 * @pattern: the bytes to look for
 * @pattern_length: at least 1
 * @flags: IGNORE_CASE counts
 * @from: the first offset a match may start at
 * @func: (scope call): called with each match, first to last; overlapping
 *   matches count ("aa" is at 0 and 1 in "aaa")
 * @user_data: for @func
 * @cancellable: (nullable): checked between chunks
 * @error: the read's error, or G_IO_ERROR_CANCELLED
 *
 * Returns: FALSE with @error set on failure; TRUE otherwise, also when
 *   @func stopped the search.
 */
gboolean
shmview_search_region_all (ShmviewRegion          *region,
                           const guint8           *pattern,
                           gsize                   pattern_length,
                           ShmviewSearchFlags      flags,
                           guint64                 from,
                           ShmviewSearchMatchFunc  func,
                           gpointer                user_data,
                           GCancellable           *cancellable,
                           GError                **error)
{
  guint64 span_lo, span_hi;
  gboolean ok = TRUE;
  gboolean go_on = TRUE;
  Search s;

  g_return_val_if_fail (SHMVIEW_IS_REGION (region), FALSE);
  g_return_val_if_fail (pattern != NULL && pattern_length > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  search_init (&s, region, pattern, pattern_length, flags & SHMVIEW_SEARCH_IGNORE_CASE,
               cancellable);
  s.total = s.size;
  for (guint64 pos = from; ok && go_on && next_span (&s, pos, s.size, &span_lo, &span_hi);
       pos = span_hi)
    ok = scan_span_all (&s, span_lo, span_hi, func, user_data, &go_on, error);
  search_clear (&s);
  return ok;
}

static GBytes *
non_empty (GBytes  *bytes,
           GError **error)
{
  if (bytes != NULL && g_bytes_get_size (bytes) == 0)
    {
      g_bytes_unref (bytes);
      g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
                   "Nothing to search for");
      return NULL;
    }
  return bytes;
}

/**
 * shmview_search_pattern_text:
 * @text: UTF-8 text, as typed
 * @error: INVALID_ARGUMENT when empty
 *
 * Returns: (transfer full) (nullable): its bytes, without a NUL.
 */
GBytes *
shmview_search_pattern_text (const char  *text,
                             GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  return non_empty (g_bytes_new (text, strlen (text)), error);
}

/**
 * shmview_search_pattern_hex:
 * @text: hex bytes as shmview_parse_hex() takes them
 * @error: INVALID_ARGUMENT
 *
 * Returns: (transfer full) (nullable): the bytes.
 */
GBytes *
shmview_search_pattern_hex (const char  *text,
                            GError     **error)
{
  GByteArray *bytes;

  g_return_val_if_fail (text != NULL, NULL);
  bytes = shmview_parse_hex (text, error);
  return bytes != NULL ? non_empty (g_byte_array_free_to_bytes (bytes), error) : NULL;
}

/**
 * shmview_search_pattern_number:
 * @type: the value's type
 * @order: its byte order
 * @text: the value, as shmview_value_parse() takes it
 * @error: INVALID_ARGUMENT or OUT_OF_RANGE
 *
 * Returns: (transfer full) (nullable): the value's bytes.
 */
GBytes *
shmview_search_pattern_number (ShmviewValueType   type,
                               ShmviewByteOrder   order,
                               const char        *text,
                               GError           **error)
{
  guint8 bytes[SHMVIEW_VALUE_MAX_SIZE];
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);
  if (!shmview_value_parse (type, order, text, bytes, &length, error))
    return NULL;
  return g_bytes_new (bytes, length);
}
