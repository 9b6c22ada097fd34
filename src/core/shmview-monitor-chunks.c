/* shmview-monitor-chunks.c: watching a window too large to keep a copy of
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `shmtool watch` on a region of 64 GiB cannot keep two copies of it, as
 * the monitor does for a small window. Instead the window is cut into
 * chunks (64 KiB, doubled until there are at most 2^20 of them, so the
 * digests take 8 MiB at most), each scan reads them a MiB at a time into one
 * buffer, and compares a digest per chunk with the last scan's.
 *
 * The digest is a sum over the chunk's 8-byte words of a mix of the word and
 * its place, in which a word of zeros counts nothing. So the holes of a
 * sparse object, which read as zeros, need not be read at all (the region
 * says where data is: SEEK_DATA), and a 200 TiB sparse object with a few
 * pages in it is scanned in no time. A single word that changes always
 * changes the sum (for each place the mix is a bijection that keeps only
 * zero at zero); several that change at once could cancel out with a chance
 * of 2^-64.
 *
 * A chunk whose digest changed is reported whole, with its new bytes (the
 * first MiB of a larger chunk): its old bytes are gone. Its bytes are kept
 * from then on (8 MiB of the chunks changed last), so when it changes again,
 * the very bytes that changed are reported, old and new.
 */
#include "config.h"

#include <string.h>

#include "shmview-monitor-private.h"

#define MIN_CHUNK   ((guint64) 64 * 1024)
#define MAX_CHUNKS  ((guint64) 1 << 20)
/* Bytes read at a time, and the most of a chunk whose bytes are kept. */
#define READ_MAX    ((guint64) 1024 * 1024)
/* Copies of lately changed chunks, for exact reports of their next change. */
#define KEPT_BYTES  ((guint64) 8 * 1024 * 1024)

/* ---- the change list ---------------------------------------------------- */

void
_shmview_change_list_init (ShmviewChangeList *list,
                           gsize              budget)
{
  list->ranges = g_array_new (FALSE, FALSE, sizeof (ShmviewRange));
  list->known = g_byte_array_new ();
  list->old = g_ptr_array_new ();
  list->new = g_ptr_array_new ();
  list->budget = budget;
}

static void
free_byte_array (gpointer array,
                 gpointer unused)
{
  if (array != NULL)
    g_byte_array_unref (array);
}

void
_shmview_change_list_clear (ShmviewChangeList *list)
{
  g_clear_pointer (&list->ranges, g_array_unref);
  g_clear_pointer (&list->known, g_byte_array_unref);
  if (list->old != NULL)
    g_ptr_array_foreach (list->old, free_byte_array, NULL);
  if (list->new != NULL)
    g_ptr_array_foreach (list->new, free_byte_array, NULL);
  g_clear_pointer (&list->old, g_ptr_array_unref);
  g_clear_pointer (&list->new, g_ptr_array_unref);
}

/* Appends @n_bytes of @new (and of @old, when known) to range @index's
 * bytes, as far as the budget goes. */
static void
keep_bytes (ShmviewChangeList *list,
            guint              index,
            const guint8      *old,
            const guint8      *new,
            gsize              n_bytes)
{
  gsize n = MIN (n_bytes, old != NULL ? list->budget / 2 : list->budget);

  if (n == 0)
    return;
  if (list->new->pdata[index] == NULL)
    list->new->pdata[index] = g_byte_array_new ();
  g_byte_array_append (list->new->pdata[index], new, (guint) n);
  if (old != NULL)
    {
      if (list->old->pdata[index] == NULL)
        list->old->pdata[index] = g_byte_array_new ();
      g_byte_array_append (list->old->pdata[index], old, (guint) n);
    }
  list->budget -= old != NULL ? 2 * n : n;
}

void
_shmview_change_list_add (ShmviewChangeList *list,
                          guint64            offset,
                          guint64            length,
                          const guint8      *old,
                          const guint8      *new,
                          gsize              n_bytes)
{
  guint last = list->ranges->len;
  ShmviewRange range = { offset, length };
  ShmviewRange *before = last > 0 ? &g_array_index (list->ranges, ShmviewRange, last - 1) : NULL;
  guint8 known = old != NULL;

  if (before != NULL && before->offset + before->length == offset &&
      list->known->data[last - 1] == known)
    {
      GByteArray *new_kept = list->new->pdata[last - 1];
      /* Bytes go on only while they are the range's from its start. */
      gboolean whole = new_kept != NULL && new_kept->len == before->length;

      before->length += length;
      if (whole)
        keep_bytes (list, last - 1, old, new, n_bytes);
      return;
    }
  g_array_append_val (list->ranges, range);
  g_byte_array_append (list->known, &known, 1);
  g_ptr_array_add (list->old, NULL);
  g_ptr_array_add (list->new, NULL);
  keep_bytes (list, last, old, new, n_bytes);
}

/* The bytes of one range as the result holds them: none kept is NULL. */
static GBytes *
kept_bytes (GByteArray *kept)
{
  return kept != NULL ? g_byte_array_free_to_bytes (kept) : NULL;
}

void
_shmview_change_list_move_to (ShmviewChangeList    *list,
                              ShmviewMonitorResult *result)
{
  result->changed = g_steal_pointer (&list->ranges);
  result->changed_old = g_ptr_array_new_full (list->old->len, (GDestroyNotify) g_bytes_unref);
  result->changed_new = g_ptr_array_new_full (list->new->len, (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < list->old->len; i++)
    {
      g_ptr_array_add (result->changed_old, kept_bytes (list->old->pdata[i]));
      g_ptr_array_add (result->changed_new, kept_bytes (list->new->pdata[i]));
    }
  g_clear_pointer (&list->known, g_byte_array_unref);
  g_clear_pointer (&list->old, g_ptr_array_unref);
  g_clear_pointer (&list->new, g_ptr_array_unref);
}

/* ---- digests ------------------------------------------------------------ */

/* splitmix64's finaliser: a bijection of 64-bit words that maps 0 to 0. */
static inline guint64
finalise (guint64 x)
{
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* A word at word index @place: the finalised word times an odd number drawn
 * from the place. Both steps are bijections that keep 0 at 0, so a word of
 * zeros counts nothing and any other word, even one chosen to match the
 * place's constant, counts something different from every other word. */
static inline guint64
mix (guint64 word,
     guint64 place)
{
  guint64 odd = finalise (place + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) | 1;

  return finalise (word) * odd;
}

/* The digest of @length bytes that lie at @offset in the region. Pieces are
 * cut at multiples of 8, except at the window's edges, where a word's bytes
 * outside the window count as zeros (the same in every scan of it). */
static guint64
digest_piece (guint64       offset,
              const guint8 *bytes,
              gsize         length)
{
  guint64 sum = 0;
  gsize i = 0;

  while (i < length)
    {
      guint64 at = offset + i, word = 0;
      gsize lead = (gsize) (at & 7);
      gsize n = MIN (8 - lead, length - i);

      if (n == 8)
        memcpy (&word, bytes + i, 8);
      else
        for (gsize k = 0; k < n; k++)
          word |= (guint64) bytes[i + k] << (8 * (lead + k));
      sum += mix (word, at >> 3);
      i += n;
    }
  return sum;
}

/* ---- chunks ------------------------------------------------------------- */

/* How a window is cut into chunks. */
typedef struct
{
  guint64 size;    /* a power of two; 0: no scan yet */
  guint64 first;   /* where chunk 0 would start: the window's offset rounded down */
  guint64 offset;  /* the window */
  guint64 end;
  gsize   n;
} Layout;

/* A chunk's bytes, kept after it changed. */
typedef struct
{
  guint64  start;
  gsize    length;
  guint8  *bytes;   /* NULL: a free slot */
  guint64  used;    /* the scan that last changed it */
} Kept;

struct _ShmviewChunks
{
  Layout   last;         /* of the last scan that worked */
  guint64 *digests;      /* its digests, last.n of them */
  gsize    digests_size;
  guint64 *next;         /* this scan's */
  gsize    next_size;
  guint8  *head;         /* READ_MAX: the chunk being read, its first MiB */
  guint8  *scratch;      /* READ_MAX: the rest of a chunk larger than that */
  Kept    *kept;
  guint    n_kept;
  guint64  scan;         /* scans begun, for the least recently used */
};

/* Where data lies, as far as a scan got: [start, end); start = G_MAXUINT64
 * when no more follows before @limit, the end of what is scanned. */
typedef struct
{
  guint64 start;
  guint64 end;
  guint64 limit;
} Extent;

ShmviewChunks *
_shmview_chunks_new (void)
{
  ShmviewChunks *chunks = g_new0 (ShmviewChunks, 1);

  chunks->head = g_malloc (READ_MAX);
  return chunks;
}

static void
forget_kept (ShmviewChunks *chunks)
{
  for (guint i = 0; i < chunks->n_kept; i++)
    g_free (chunks->kept[i].bytes);
  g_clear_pointer (&chunks->kept, g_free);
  chunks->n_kept = 0;
}

void
_shmview_chunks_free (ShmviewChunks *chunks)
{
  forget_kept (chunks);
  g_free (chunks->digests);
  g_free (chunks->next);
  g_free (chunks->head);
  g_free (chunks->scratch);
  g_free (chunks);
}

static void
layout_for (Layout  *layout,
            guint64  offset,
            guint64  end)
{
  guint64 size = MIN_CHUNK;

  while ((end - (offset & ~(size - 1)) + size - 1) / size > MAX_CHUNKS)
    size <<= 1;
  layout->size = size;
  layout->first = offset & ~(size - 1);
  layout->offset = offset;
  layout->end = end;
  layout->n = (gsize) ((end - layout->first + size - 1) / size);
}

/* Chunk @j of @layout: [*start, *end) within the window, and where its first
 * MiB ends (*head_end: its end, for a chunk of a MiB or less). */
static void
chunk_bounds (const Layout *layout,
              gsize         j,
              guint64      *start,
              guint64      *end,
              guint64      *head_end)
{
  guint64 at = layout->first + j * layout->size;

  *start = MAX (at, layout->offset);
  *end = MIN (at + layout->size, layout->end);
  *head_end = MIN (*end, at + READ_MAX);
}

/* The last scan's digest of the chunk that @layout's chunk @j is, when the
 * last scan had that very chunk, with the same bounds. */
static gboolean
last_digest (ShmviewChunks *chunks,
             const Layout  *layout,
             gsize          j,
             guint64       *digest)
{
  const Layout *last = &chunks->last;
  guint64 at = layout->first + j * layout->size;
  guint64 i;

  if (last->size != layout->size || at < last->first)
    return FALSE;
  i = (at - last->first) / last->size;
  if (i >= last->n ||
      MAX (at, last->offset) != MAX (at, layout->offset) ||
      MIN (at + last->size, last->end) != MIN (at + layout->size, layout->end))
    return FALSE;
  *digest = chunks->digests[i];
  return TRUE;
}

static void
next_extent (ShmviewRegion *region,
             guint64        from,
             Extent        *extent)
{
  if (from >= extent->limit ||
      !shmview_region_next_data (region, from, &extent->start, &extent->end))
    extent->start = extent->end = G_MAXUINT64;
}

static void
first_extent (ShmviewRegion *region,
              guint64        from,
              guint64        limit,
              Extent        *extent)
{
  extent->limit = limit;
  next_extent (region, from, extent);
}

/* Reads [@from, @to) of a chunk starting at @start, a MiB at a time: into
 * the head up to @head_end (zeroing the hole before it), into the scratch
 * buffer after; and adds up the digest. */
static gboolean
read_span (ShmviewChunks  *chunks,
           ShmviewRegion  *region,
           guint64         start,
           guint64         head_end,
           guint64         from,
           guint64         to,
           guint64        *filled,
           guint64        *digest,
           GError        **error)
{
  while (from < to)
    {
      guint64 stop = MIN (to, (from & ~(READ_MAX - 1)) + READ_MAX);
      guint8 *buffer;

      if (from < head_end)
        {
          stop = MIN (stop, head_end);
          memset (chunks->head + (*filled - start), 0, from - *filled);
          buffer = chunks->head + (from - start);
          *filled = stop;
        }
      else
        buffer = chunks->scratch != NULL ? chunks->scratch
                                         : (chunks->scratch = g_malloc (READ_MAX));
      if (!shmview_region_read (region, from, buffer, stop - from, error))
        return FALSE;
      *digest += digest_piece (from, buffer, stop - from);
      from = stop;
    }
  return TRUE;
}

/* The digest of the chunk [@start, @end): its data read, holes skipped, from
 * @extent on (which it moves along); its first bytes in the head, which
 * holds [@start, *@filled). Spans are widened to whole words. */
static gboolean
read_chunk (ShmviewChunks  *chunks,
            ShmviewRegion  *region,
            guint64         start,
            guint64         end,
            guint64         head_end,
            Extent         *extent,
            guint64        *digest,
            guint64        *filled,
            GError        **error)
{
  guint64 done = start;

  *digest = 0;
  *filled = start;
  while (extent->start < end)
    {
      guint64 from = MAX (done, extent->start & ~(guint64) 7);
      guint64 to = MIN (end, (extent->end + 7) & ~(guint64) 7);

      if (from < to)
        {
          if (!read_span (chunks, region, start, head_end, from, to, filled, digest, error))
            return FALSE;
          done = to;
        }
      if (extent->end > end)
        break; /* the data goes on into the next chunk */
      next_extent (region, extent->end, extent);
    }
  return TRUE;
}

static Kept *
find_kept (ShmviewChunks *chunks,
           guint64        start,
           gsize          length)
{
  for (guint i = 0; i < chunks->n_kept; i++)
    if (chunks->kept[i].bytes != NULL && chunks->kept[i].start == start &&
        chunks->kept[i].length == length)
      return &chunks->kept[i];
  return NULL;
}

/* A free slot, else the one changed longest ago; NULL when none is kept. */
static Kept *
least_used_slot (ShmviewChunks *chunks)
{
  Kept *slot = NULL;

  for (guint i = 0; i < chunks->n_kept; i++)
    {
      if (chunks->kept[i].bytes == NULL)
        return &chunks->kept[i];
      if (slot == NULL || chunks->kept[i].used < slot->used)
        slot = &chunks->kept[i];
    }
  return slot;
}

/* Keeps the head as the bytes of the chunk at @start. */
static void
keep_chunk (ShmviewChunks *chunks,
            guint64        start,
            gsize          length)
{
  Kept *slot = least_used_slot (chunks);

  if (slot == NULL)
    return;
  g_free (slot->bytes);
  slot->bytes = g_memdup2 (chunks->head, length);
  slot->start = start;
  slot->length = length;
  slot->used = chunks->scan;
}

typedef struct
{
  ShmviewChangeList *changes;
  guint64            start;
  const guint8      *old;
  const guint8      *new;
} ExactRun;

static void
add_exact_run (guint64  offset,
               gsize    length,
               gpointer data)
{
  ExactRun *run = data;

  _shmview_change_list_add (run->changes, offset, length, run->old + (offset - run->start),
                            run->new + (offset - run->start), length);
}

/* The chunk [@start, @end) changed; its first bytes are in the head, up to
 * *@filled, the rest of which is a hole. */
static void
report_chunk (ShmviewChunks     *chunks,
              ShmviewChangeList *changes,
              guint64            start,
              guint64            end,
              guint64            head_end,
              guint64            filled)
{
  gsize n = (gsize) (head_end - start);
  Kept *kept = find_kept (chunks, start, n);

  memset (chunks->head + (filled - start), 0, head_end - filled);
  if (kept != NULL)
    {
      ExactRun run = { changes, start, kept->bytes, chunks->head };

      _shmview_for_each_difference (start, kept->bytes, chunks->head, n, add_exact_run, &run);
      memcpy (kept->bytes, chunks->head, n);
      kept->used = chunks->scan;
      return;
    }
  _shmview_change_list_add (changes, start, end - start, NULL, chunks->head, n);
  if (head_end == end)
    keep_chunk (chunks, start, n);
}

/* A new chunk size: the kept chunks are of the old one. */
static void
resize_kept (ShmviewChunks *chunks,
             guint64        size)
{
  forget_kept (chunks);
  chunks->n_kept = size <= READ_MAX ? (guint) (KEPT_BYTES / size) : 0;
  chunks->kept = g_new0 (Kept, chunks->n_kept);
}

static gboolean
same_layout (const Layout *a,
             const Layout *b)
{
  return a->size == b->size && a->offset == b->offset && a->end == b->end;
}

/* The window moved, the chunk size stayed: a kept chunk stays only while it
 * is the same whole chunk in both layouts, as its digest is compared only
 * then; else its bytes might come back into use, long out of date. */
static void
prune_kept (ShmviewChunks *chunks,
            const Layout  *layout)
{
  for (guint i = 0; i < chunks->n_kept; i++)
    {
      Kept *kept = &chunks->kept[i];
      guint64 start, end, head_end, digest;
      gsize j;

      if (kept->bytes == NULL)
        continue;
      j = (gsize) (((kept->start & ~(layout->size - 1)) - layout->first) / layout->size);
      if (kept->start >= layout->first && j < layout->n)
        {
          chunk_bounds (layout, j, &start, &end, &head_end);
          if (start == kept->start && end - start == kept->length &&
              last_digest (chunks, layout, j, &digest))
            continue;
        }
      g_clear_pointer (&kept->bytes, g_free);
    }
}

static void
swap_digests (ShmviewChunks *chunks)
{
  guint64 *spare = chunks->digests;
  gsize spare_size = chunks->digests_size;

  chunks->digests = chunks->next;
  chunks->digests_size = chunks->next_size;
  chunks->next = spare;
  chunks->next_size = spare_size;
}

/* A scan failed: what it changed in the kept chunks is not what the digests,
 * still the last scan's, say. */
static void
drop_kept_of_scan (ShmviewChunks *chunks)
{
  for (guint i = 0; i < chunks->n_kept; i++)
    if (chunks->kept[i].used == chunks->scan)
      g_clear_pointer (&chunks->kept[i].bytes, g_free);
}

gboolean
_shmview_chunks_scan (ShmviewChunks      *chunks,
                      ShmviewRegion      *region,
                      guint64             offset,
                      guint64             length,
                      ShmviewChangeList  *changes,
                      gboolean           *moved,
                      GError            **error)
{
  Layout layout;
  Extent extent;

  g_return_val_if_fail (length > 0 && offset + length > offset, FALSE);

  layout_for (&layout, offset, offset + length);
  *moved = !same_layout (&layout, &chunks->last);
  if (layout.size != chunks->last.size)
    resize_kept (chunks, layout.size);
  else if (*moved)
    prune_kept (chunks, &layout);
  if (chunks->next_size < layout.n)
    {
      g_free (chunks->next);
      chunks->next = g_new (guint64, layout.n);
      chunks->next_size = layout.n;
    }
  chunks->scan++;

  first_extent (region, layout.offset, layout.end, &extent);
  for (gsize j = 0; j < layout.n; j++)
    {
      guint64 start, end, head_end, filled, before;

      chunk_bounds (&layout, j, &start, &end, &head_end);
      if (!read_chunk (chunks, region, start, end, head_end, &extent, &chunks->next[j], &filled,
                       error))
        {
          drop_kept_of_scan (chunks);
          return FALSE;
        }
      if (last_digest (chunks, &layout, j, &before) && before != chunks->next[j])
        report_chunk (chunks, changes, start, end, head_end, filled);
    }

  /* This scan's digests become the last; the old array is the next spare. */
  swap_digests (chunks);
  chunks->last = layout;
  return TRUE;
}

void
_shmview_chunks_note_write (ShmviewChunks *chunks,
                            ShmviewRegion *region,
                            guint64        offset,
                            guint64        length)
{
  const Layout *layout = &chunks->last;
  guint64 end = MIN (offset + length, layout->end);

  if (layout->size == 0 || offset >= end || end <= layout->offset)
    return;
  offset = MAX (offset, layout->offset);
  for (gsize j = (offset - layout->first) / layout->size; j < layout->n; j++)
    {
      guint64 start, stop, head_end, filled, digest;
      Extent extent;
      Kept *kept;

      chunk_bounds (layout, j, &start, &stop, &head_end);
      if (start >= end)
        break;
      first_extent (region, start, stop, &extent);
      /* A chunk that cannot be read now is left to the next scan. */
      if (!read_chunk (chunks, region, start, stop, head_end, &extent, &digest, &filled, NULL))
        continue;
      chunks->digests[j] = digest;
      if ((kept = find_kept (chunks, start, head_end - start)) != NULL)
        {
          memset (chunks->head + (filled - start), 0, head_end - filled);
          memcpy (kept->bytes, chunks->head, kept->length);
        }
    }
}
