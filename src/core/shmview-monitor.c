/* shmview-monitor.c: what changed in one window of a region since the last look
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window up to SHMVIEW_MONITOR_EXACT_MAX bytes is kept whole, in two
 * buffers of its size, so watching it costs twice that and no more:
 *
 *   baseline  GBytes [what we last saw, plus our own writes]   shared with results
 *   spare     [this poll's read]                                becomes the baseline
 *
 * A poll reads into the spare buffer and compares. When nothing changed, the
 * result shares the baseline and no memory is allocated: one read plus one
 * memcmp of the window. When something changed, the spare buffer becomes the
 * new baseline as it is (no copy), the old baseline goes to the result as
 * "previous", and the next poll allocates a fresh spare buffer. The baseline
 * is immutable once handed out: our own writes change it copy-on-write, in
 * place whenever nobody else holds it.
 *
 * A larger window goes to the chunk digests of shmview-monitor-chunks.c,
 * in bounded memory; switching between the two takes the window afresh, as
 * a moved window is.
 */
#include "config.h"

#include <string.h>

#include "shmview-monitor-private.h"

/* Differences are searched a block at a time, so a large unchanged stretch
 * costs memcmp speed rather than a byte loop. */
#define DIFF_BLOCK 64

/* Keep at most this much slack when the window shrinks a lot (e.g. a whole
 * region watched first, a small window afterwards). */
#define SLACK_LIMIT (1024 * 1024)

/* The most bytes of a large window's changes one result holds. */
#define KEEP_MAX (16 * 1024 * 1024)

struct _ShmviewMonitor
{
  GObject parent_instance;

  /* owned */
  ShmviewRegion *region;
  GBytes        *baseline;        /* NULL before the first poll */
  guint8        *spare;           /* NULL after it became the baseline */
  gsize          spare_capacity;
  GArray        *empty_changed;   /* shared by every result without changes */
  ShmviewChunks *chunks;          /* a window over SHMVIEW_MONITOR_EXACT_MAX; else NULL */

  /* the window as asked for, not clamped */
  guint64        window_offset;
  guint64        window_length;

  /* where the baseline lies in the region */
  guint64        baseline_offset;
  guint          removed_reported : 1;
  /* our own write changed the baseline since the last result showed it */
  guint          own_write_unseen : 1;

  /* a region change seen by a poll that then failed, reported by the next one */
  guint          has_pending : 1;
  ShmviewRegionChange pending_change;
  guint64        pending_old_size;
};

G_DEFINE_FINAL_TYPE (ShmviewMonitor, shmview_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * shmview_monitor_result_clear:
 * @result: a result filled by shmview_monitor_poll()
 *
 * Releases what @result holds and zeroes it, so it can be filled again.
 */
void
shmview_monitor_result_clear (ShmviewMonitorResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->changed, g_array_unref);
  g_clear_pointer (&result->previous, g_bytes_unref);
  g_clear_pointer (&result->current, g_bytes_unref);
  g_clear_pointer (&result->changed_old, g_ptr_array_unref);
  g_clear_pointer (&result->changed_new, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* @length bytes of @bytes at @start, without a copy; NULL when out of it. */
static GBytes *
slice (GBytes  *bytes,
       guint64  start,
       guint64  length)
{
  gsize size;

  if (bytes == NULL)
    return NULL;
  size = g_bytes_get_size (bytes);
  if (start > size || length > size - start)
    return NULL;
  return g_bytes_new_from_bytes (bytes, (gsize) start, (gsize) length);
}

static GBytes *
ref_or_null (GPtrArray *array,
             guint      index)
{
  GBytes *bytes = array->pdata[index];

  return bytes != NULL ? g_bytes_ref (bytes) : NULL;
}

/**
 * shmview_monitor_result_get_range_bytes:
 * @result: a result with changes
 * @index: which range of @result->changed
 * @old_bytes: (out) (optional) (transfer full) (nullable): its bytes before
 * @new_bytes: (out) (optional) (transfer full) (nullable): its bytes now
 *
 * The bytes of one changed range, however large the window: slices of
 * @result->previous and @result->current for a window kept whole, the bytes
 * kept with the range for a larger one. There, *@old_bytes is %NULL for the
 * first change seen in a chunk (its old bytes were not kept), and either
 * holds only the range's first bytes when the range is long (at most a MiB
 * per chunk, 16 MiB per poll), or is %NULL past that.
 */
void
shmview_monitor_result_get_range_bytes (const ShmviewMonitorResult  *result,
                                        guint                        index,
                                        GBytes                     **old_bytes,
                                        GBytes                     **new_bytes)
{
  const ShmviewRange *range;

  g_return_if_fail (result != NULL && result->changed != NULL);
  g_return_if_fail (index < result->changed->len);

  range = &g_array_index (result->changed, ShmviewRange, index);
  if (old_bytes != NULL)
    *old_bytes = result->changed_old != NULL
                 ? ref_or_null (result->changed_old, index)
                 : slice (result->previous, range->offset - result->window_offset, range->length);
  if (new_bytes != NULL)
    *new_bytes = result->changed_new != NULL
                 ? ref_or_null (result->changed_new, index)
                 : slice (result->current, range->offset - result->window_offset, range->length);
}

static void
shmview_monitor_finalize (GObject *object)
{
  ShmviewMonitor *self = (ShmviewMonitor *)object;

  g_clear_object (&self->region);
  g_clear_pointer (&self->baseline, g_bytes_unref);
  g_clear_pointer (&self->empty_changed, g_array_unref);
  g_clear_pointer (&self->chunks, _shmview_chunks_free);
  g_free (self->spare);

  G_OBJECT_CLASS (shmview_monitor_parent_class)->finalize (object);
}

static void
shmview_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShmviewMonitor *self = SHMVIEW_MONITOR (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, self->region);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShmviewMonitor *self = SHMVIEW_MONITOR (object);

  switch (prop_id)
    {
    case PROP_REGION:
      self->region = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_monitor_class_init (ShmviewMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shmview_monitor_finalize;
  object_class->get_property = shmview_monitor_get_property;
  object_class->set_property = shmview_monitor_set_property;

  properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL,
                         SHMVIEW_TYPE_REGION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shmview_monitor_init (ShmviewMonitor *self)
{
  self->window_offset = 0;
  self->window_length = G_MAXUINT64;
  self->empty_changed = g_array_new (FALSE, FALSE, sizeof (ShmviewRange));
}

/**
 * shmview_monitor_new:
 * @region: the region to watch
 *
 * The window starts as the whole region (offset 0, length G_MAXUINT64, which
 * follows the region when it grows), as `shmtool watch` wants it; a view
 * narrows it with shmview_monitor_set_window().
 *
 * Returns: (transfer full): a new monitor
 */
ShmviewMonitor *
shmview_monitor_new (ShmviewRegion *region)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);

  return g_object_new (SHMVIEW_TYPE_MONITOR, "region", region, NULL);
}

/**
 * shmview_monitor_get_region:
 *
 * Returns: (transfer none): the region this monitor watches
 */
ShmviewRegion *
shmview_monitor_get_region (ShmviewMonitor *self)
{
  g_return_val_if_fail (SHMVIEW_IS_MONITOR (self), NULL);

  return self->region;
}

/**
 * shmview_monitor_set_window:
 * @offset: first byte of the window
 * @length: its length; G_MAXUINT64 means "to the end, however big it gets"
 *
 * The window is clamped to the region's size at each poll, so it may reach
 * past the end. Bytes that come newly into the window become the baseline at
 * the next poll; bytes that stay in it keep being compared.
 */
void
shmview_monitor_set_window (ShmviewMonitor *self,
                            guint64         offset,
                            guint64         length)
{
  g_return_if_fail (SHMVIEW_IS_MONITOR (self));

  self->window_offset = offset;
  self->window_length = length;
}

/**
 * shmview_monitor_get_window:
 * @offset: (out) (optional): the window's offset as set
 * @length: (out) (optional): the window's length as set (not clamped)
 */
void
shmview_monitor_get_window (ShmviewMonitor *self,
                            guint64        *offset,
                            guint64        *length)
{
  g_return_if_fail (SHMVIEW_IS_MONITOR (self));

  if (offset != NULL)
    *offset = self->window_offset;
  if (length != NULL)
    *length = self->window_length;
}

/* The part of the window that lies within @size bytes. */
static guint64
clamp_window (ShmviewMonitor *self,
              guint64         size)
{
  if (self->window_offset >= size)
    return 0;
  return MIN (self->window_length, size - self->window_offset);
}

static void
ensure_spare (ShmviewMonitor *self,
              gsize           length)
{
  if (self->spare != NULL && self->spare_capacity >= length &&
      self->spare_capacity - length <= SLACK_LIMIT)
    return;
  g_free (self->spare);
  /* g_malloc, not g_realloc: the old contents are not needed, so don't copy
   * them. At least one byte, so memcmp never sees NULL (UBSan's nonnull check). */
  self->spare = g_malloc (MAX (length, 1));
  self->spare_capacity = length;
}

static gsize
baseline_length (ShmviewMonitor *self)
{
  return self->baseline != NULL ? g_bytes_get_size (self->baseline) : 0;
}

/* The baseline's byte at absolute @offset (which must lie in it). */
static const guint8 *
baseline_at (ShmviewMonitor *self,
             guint64         offset)
{
  return (const guint8 *) g_bytes_get_data (self->baseline, NULL) + (offset - self->baseline_offset);
}

static GArray *
dup_empty_changed (ShmviewMonitor *self)
{
  /* Someone appended to the shared empty array: stop sharing that one. */
  if (self->empty_changed->len != 0)
    {
      g_array_unref (self->empty_changed);
      self->empty_changed = g_array_new (FALSE, FALSE, sizeof (ShmviewRange));
    }
  return g_array_ref (self->empty_changed);
}

static void
append_range (GArray  *ranges,
              guint64  offset,
              guint64  length)
{
  ShmviewRange range = { offset, length };

  if (ranges->len > 0)
    {
      ShmviewRange *last = &g_array_index (ranges, ShmviewRange, ranges->len - 1);

      if (last->offset + last->length == offset)
        {
          last->length += length;
          return;
        }
    }
  g_array_append_val (ranges, range);
}

/**
 * _shmview_for_each_difference:
 *
 * Calls @found for each run where @a and @b differ, with its absolute
 * offset (@base is where @a and @b start) and length.
 */
void
_shmview_for_each_difference (guint64                base,
                              const guint8          *a,
                              const guint8          *b,
                              gsize                  length,
                              ShmviewDifferenceFunc  found,
                              gpointer               data)
{
  gsize i = 0;

  while (i < length)
    {
      gsize start;

      while (length - i >= DIFF_BLOCK && memcmp (a + i, b + i, DIFF_BLOCK) == 0)
        i += DIFF_BLOCK;
      while (i < length && a[i] == b[i])
        i++;
      if (i == length)
        break;

      start = i;
      while (i < length && a[i] != b[i])
        i++;
      found (base + start, i - start, data);
    }
}

static void
append_found (guint64  offset,
              gsize    length,
              gpointer ranges)
{
  append_range (ranges, offset, length);
}

/* The overlap of the baseline with [@offset, @offset + @length), as a start
 * offset in the region and a length; FALSE when they do not overlap. */
static gboolean
baseline_overlap (ShmviewMonitor *self,
                  guint64         offset,
                  gsize           length,
                  guint64        *overlap_start,
                  gsize          *overlap_length)
{
  guint64 start = MAX (offset, self->baseline_offset);
  guint64 end = MIN (offset + length, self->baseline_offset + baseline_length (self));

  if (start >= end)
    return FALSE;
  *overlap_start = start;
  *overlap_length = end - start;
  return TRUE;
}

/* The foreign changes: where this poll's bytes (in the spare buffer, for the
 * window at @offset) differ from the baseline. Only the overlap counts. */
static GArray *
find_changes (ShmviewMonitor *self,
              guint64         offset,
              gsize           length)
{
  GArray *changed = g_array_new (FALSE, FALSE, sizeof (ShmviewRange));
  guint64 start;
  gsize overlap;

  if (baseline_overlap (self, offset, length, &start, &overlap))
    _shmview_for_each_difference (start, baseline_at (self, start),
                                  self->spare + (start - offset), overlap, append_found, changed);
  return changed;
}

/* The previous bytes of the window now at [@offset, @offset + @length), whose
 * current bytes are in the spare buffer. When the window stayed where it was,
 * that is the baseline itself; when it moved, the baseline where it overlaps
 * and the current bytes elsewhere (those are new to the window, so they are
 * their own baseline). */
static GBytes *
dup_previous (ShmviewMonitor *self,
              guint64         offset,
              gsize           length)
{
  guint8 *previous;
  guint64 start;
  gsize overlap;

  if (offset == self->baseline_offset)
    return g_bytes_ref (self->baseline);

  previous = g_memdup2 (self->spare, length);
  if (baseline_overlap (self, offset, length, &start, &overlap))
    memcpy (previous + (start - offset), baseline_at (self, start), overlap);
  return g_bytes_new_take (previous, length);
}

/* This poll's bytes become the baseline as they are, without a copy; the
 * next poll reads into a fresh spare buffer. */
static void
take_spare_as_baseline (ShmviewMonitor *self,
                        guint64         offset,
                        gsize           length)
{
  g_clear_pointer (&self->baseline, g_bytes_unref);
  self->baseline = g_bytes_new_take (g_steal_pointer (&self->spare), length);
  self->spare_capacity = 0;
  self->baseline_offset = offset;
}

/* Folds in what a failed poll saw, and reports a removal only once. */
static ShmviewRegionChange
merge_region_change (ShmviewMonitor      *self,
                     ShmviewRegionChange  change,
                     guint64             *old_size,
                     guint64              new_size)
{
  if (self->has_pending)
    {
      *old_size = self->pending_old_size;
      change = (change | self->pending_change) & SHMVIEW_REGION_CHANGE_REMOVED;
      if (new_size > *old_size)
        change |= SHMVIEW_REGION_CHANGE_GREW;
      else if (new_size < *old_size)
        change |= SHMVIEW_REGION_CHANGE_SHRANK;
    }
  if (self->removed_reported)
    change &= ~SHMVIEW_REGION_CHANGE_REMOVED;
  return change;
}

static void
remember_failed_poll (ShmviewMonitor       *self,
                      ShmviewMonitorResult *result)
{
  if (!self->has_pending)
    self->pending_old_size = result->old_size;
  self->pending_change |= result->region_change;
  self->has_pending = TRUE;
}

static void
forget_pending (ShmviewMonitor       *self,
                ShmviewMonitorResult *result)
{
  self->has_pending = FALSE;
  self->pending_change = SHMVIEW_REGION_CHANGE_NONE;
  if (result->region_change & SHMVIEW_REGION_CHANGE_REMOVED)
    self->removed_reported = TRUE;
}

/* The start of every poll: the region re-checked, and what changed in its
 * size or name since the last poll that worked. */
static void
update_region (ShmviewMonitor       *self,
               ShmviewMonitorResult *result)
{
  guint64 old_size = shmview_region_get_size (self->region);
  ShmviewRegionChange change = shmview_region_update (self->region, NULL);

  memset (result, 0, sizeof *result);
  result->new_size = shmview_region_get_size (self->region);
  result->region_change = merge_region_change (self, change, &old_size, result->new_size);
  result->old_size = old_size;
  result->window_offset = self->window_offset;
}

/* The common tick: same window, same bytes. It allocates nothing; the
 * caller redraws only for a size change or removal, or our own write. */
static gboolean
report_no_change (ShmviewMonitor       *self,
                  ShmviewMonitorResult *result)
{
  gboolean own_write_unseen = self->own_write_unseen;

  self->own_write_unseen = FALSE;
  result->changed = dup_empty_changed (self);
  result->previous = g_bytes_ref (self->baseline);
  result->current = g_bytes_ref (self->baseline);
  return own_write_unseen || result->region_change != SHMVIEW_REGION_CHANGE_NONE;
}

/* A window kept whole: read into the spare buffer, compared byte by byte. */
static gboolean
poll_exact (ShmviewMonitor        *self,
            ShmviewMonitorResult  *result,
            gsize                  length,
            GError               **error)
{
  guint64 offset = self->window_offset;

  g_clear_pointer (&self->chunks, _shmview_chunks_free);
  ensure_spare (self, length);
  if (length > 0 && !shmview_region_read (self->region, offset, self->spare, length, error))
    {
      result->changed = dup_empty_changed (self);
      remember_failed_poll (self, result);
      return FALSE;
    }
  forget_pending (self, result);

  if (self->baseline == NULL)
    {
      take_spare_as_baseline (self, offset, length);
      result->changed = dup_empty_changed (self);
      result->current = g_bytes_ref (self->baseline);
      return TRUE;
    }
  if (offset == self->baseline_offset && length == baseline_length (self) &&
      (length == 0 || memcmp (self->spare, baseline_at (self, offset), length) == 0))
    return report_no_change (self, result);

  result->changed = find_changes (self, offset, length);
  result->previous = dup_previous (self, offset, length);
  take_spare_as_baseline (self, offset, length);
  self->own_write_unseen = FALSE;
  result->current = g_bytes_ref (self->baseline);
  return TRUE;
}

/* A window too large to keep: chunk digests (shmview-monitor-chunks.c). */
static gboolean
poll_chunks (ShmviewMonitor        *self,
             ShmviewMonitorResult  *result,
             guint64                length,
             GError               **error)
{
  gboolean own_write_unseen = self->own_write_unseen;
  ShmviewChangeList changes;
  gboolean moved = FALSE;

  /* The small window's copies are of no use now, and may be 32 MiB. */
  g_clear_pointer (&self->baseline, g_bytes_unref);
  g_clear_pointer (&self->spare, g_free);
  self->spare_capacity = 0;
  if (self->chunks == NULL)
    self->chunks = _shmview_chunks_new ();

  _shmview_change_list_init (&changes, KEEP_MAX);
  if (!_shmview_chunks_scan (self->chunks, self->region, self->window_offset, length, &changes,
                             &moved, error))
    {
      _shmview_change_list_clear (&changes);
      result->changed = dup_empty_changed (self);
      remember_failed_poll (self, result);
      return FALSE;
    }
  forget_pending (self, result);
  self->own_write_unseen = FALSE;
  _shmview_change_list_move_to (&changes, result);
  return moved || own_write_unseen || result->changed->len > 0 ||
         result->region_change != SHMVIEW_REGION_CHANGE_NONE;
}

/**
 * shmview_monitor_poll:
 * @result: (out caller-allocates): filled on return, also on failure; clear it
 *   with shmview_monitor_result_clear()
 *
 * Updates the region, reads the window (clamped to the current size) and
 * compares it with the baseline. @result->changed holds the foreign changes
 * within the part of the window that was already watched, as exact byte
 * ranges: sorted, absolute, touching runs merged. Bytes new to the window
 * (after set_window() or growth) are the baseline, not changes. A growth,
 * shrink or removal is reported once, by the poll that noticed it.
 *
 * A window over %SHMVIEW_MONITOR_EXACT_MAX bytes is compared chunk by chunk
 * in bounded memory (see shmview-monitor.h): @result->previous and
 * @result->current are %NULL, a first change in a chunk is the whole chunk,
 * and shmview_monitor_result_get_range_bytes() gives each range's bytes.
 *
 * Returns: TRUE when the caller should redraw: a foreign change, a size
 *   change or removal, the first poll, a moved window, or content that differs
 *   from the last result because of our own writes. FALSE when nothing changed,
 *   or on error (e.g. SHRUNK when the object shrank between the size check and
 *   the read); then @result->current and @result->previous are NULL, and the
 *   next poll reports what this one saw.
 */
gboolean
shmview_monitor_poll (ShmviewMonitor        *self,
                      ShmviewMonitorResult  *result,
                      GError               **error)
{
  guint64 length;

  g_return_val_if_fail (SHMVIEW_IS_MONITOR (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  update_region (self, result);
  length = clamp_window (self, result->new_size);
  if (length > SHMVIEW_MONITOR_EXACT_MAX)
    return poll_chunks (self, result, length, error);
  return poll_exact (self, result, (gsize) length, error);
}

/**
 * shmview_monitor_note_own_write:
 * @offset: where we wrote
 * @data: (array length=length): what we wrote
 * @length: how many bytes
 *
 * Copies the part of @data that falls in the baseline into it, so the next
 * poll sees those bytes as unchanged. Call it right after every successful
 * write of ours. Costs O(@length), or O(window) while a result or snapshot
 * still holds the baseline: that is copied first, so what its holder sees
 * does not change under it.
 */
void
shmview_monitor_note_own_write (ShmviewMonitor *self,
                                guint64         offset,
                                const guint8   *data,
                                gsize           length)
{
  guint64 start;
  gsize overlap, size;
  guint8 *bytes;

  g_return_if_fail (SHMVIEW_IS_MONITOR (self));
  g_return_if_fail (data != NULL || length == 0);

  if (length == 0 || offset > G_MAXUINT64 - length)
    return;
  if (self->chunks != NULL)
    {
      _shmview_chunks_note_write (self->chunks, self->region, offset, length);
      self->own_write_unseen = TRUE;
      return;
    }
  if (self->baseline == NULL)
    return;
  if (!baseline_overlap (self, offset, length, &start, &overlap))
    return;
  if (memcmp (baseline_at (self, start), data + (start - offset), overlap) == 0)
    return;

  /* Results may still hold the baseline, and what they hold must not change:
   * unref_to_data() copies it only then, and otherwise hands it back to be
   * changed in place. */
  bytes = g_bytes_unref_to_data (g_steal_pointer (&self->baseline), &size);
  memcpy (bytes + (start - self->baseline_offset), data + (start - offset), overlap);
  self->baseline = g_bytes_new_take (bytes, size);
  self->own_write_unseen = TRUE;
}

/**
 * shmview_monitor_get_snapshot:
 *
 * The window's bytes as of the last poll, with our own writes since applied.
 *
 * Returns: (transfer full) (nullable): the bytes, or NULL before the first
 *   successful poll; unref them when done
 */
GBytes *
shmview_monitor_get_snapshot (ShmviewMonitor *self)
{
  g_return_val_if_fail (SHMVIEW_IS_MONITOR (self), NULL);

  return self->baseline != NULL ? g_bytes_ref (self->baseline) : NULL;
}
