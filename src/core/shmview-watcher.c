/* shmview-watcher.c: what changed anywhere in a region, found off the main loop
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One worker thread per watcher. Its loop:
 *
 *   size changed? -> drop the baseline, take a new one (nothing reported)
 *   size <= FULL_MAX:  read all (holes as zeros, unread), compare with the
 *                      copy, report byte ranges; sleep until the next interval
 *   size >  FULL_MAX:  one slice of the digest sweep from the cursor, report
 *                      the pages whose digest moved; sleep so that the
 *                      thread's CPU time stays within the budget
 *
 * Everything the main thread and the worker share sits under @lock: the
 * settings, the announced own writes, and the outbox of reports that an
 * idle source in the main context empties.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "shmview-watcher-private.h"

/* Reads go through a buffer small enough to stay in the cache while the
 * digests (or the comparison) run over it. */
#define READ_CHUNK (256 * 1024)
/* Differences are looked for a block at a time (memcmp speed), then by byte. */
#define DIFF_BLOCK 64
/* Changed runs closer than this are one change. */
#define MERGE_GAP 8
/* At most this many reports per comparison; further ones extend the last. */
#define MAX_REPORTS 4096
/* One slice of the sweep: this many bytes read, or pages looked at. */
#define SLICE_BYTES (2 * 1024 * 1024)
#define SLICE_PAGES (64 * 1024)
/* No single pause longer than this, so settings and stops are noticed. */
#define MAX_PAUSE_US (500 * 1000)

#define ROUND_UP(x, unit) (((x) + (unit) - 1) / (unit) * (unit))

typedef struct
{
  guint64 offset;
  guint64 length;
  GBytes *data;     /* full mode applies it to the copy; NULL once applied */
  guint64 sweep;    /* digest mode: n_sweeps when it was announced */
} OwnWrite;

struct _ShmviewWatcher
{
  GObject parent_instance;

  /* owned, set once */
  ShmviewRegion *region;
  GMainContext  *context;
  GThread       *thread;

  /* shared, under @lock */
  GMutex         lock;
  GCond          cond;
  gboolean       stopping;
  guint          interval_ms;
  double         budget;
  GArray        *own_pending;     /* OwnWrite, announced and not yet taken */
  GPtrArray     *outbox;          /* GPtrArray of ShmviewWatcherChange, per comparison */
  GSource       *deliver_source;
  guint64        n_sweeps;

  /* main thread only */
  guint64        n_sweeps_shown;

  /* worker only */
  guint64        size;            /* of the baseline */
  gboolean       has_baseline;
  guint8        *copy;            /* size <= FULL_MAX */
  guint64       *digests;         /* size > FULL_MAX: one per page */
  guint64        cursor;          /* next page of the sweep, in bytes */
  GArray        *own_recent;      /* OwnWrite taken, to tell own changes from foreign */
  guint64        stretch_start;   /* the last data stretch next_data() found */
  guint64        stretch_end;
  guint8        *buffer;          /* READ_CHUNK */
  guint8        *zeros;           /* READ_CHUNK of zeros: what a hole reads as */
};

G_DEFINE_FINAL_TYPE (ShmviewWatcher, shmview_watcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  PROP_N_SWEEPS,
  N_PROPS
};

enum {
  CHANGES,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * shmview_watcher_change_copy:
 *
 * Returns: (transfer full): a copy of @change
 */
ShmviewWatcherChange *
shmview_watcher_change_copy (const ShmviewWatcherChange *change)
{
  ShmviewWatcherChange *copy = g_new (ShmviewWatcherChange, 1);

  *copy = *change;
  if (copy->old_bytes != NULL)
    g_bytes_ref (copy->old_bytes);
  if (copy->new_bytes != NULL)
    g_bytes_ref (copy->new_bytes);
  return copy;
}

void
shmview_watcher_change_free (ShmviewWatcherChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->old_bytes, g_bytes_unref);
  g_clear_pointer (&change->new_bytes, g_bytes_unref);
  g_free (change);
}

static void
own_write_clear (gpointer data)
{
  OwnWrite *own = data;

  g_clear_pointer (&own->data, g_bytes_unref);
}

/**
 * shmview_watcher_digest:
 *
 * The digest the sweep keeps for one page: XXH3 with 64 bits, from
 * libxxhash, which runs near memory speed.
 *
 * Returns: the digest of @length bytes at @data
 */
guint64
shmview_watcher_digest (const guint8 *data,
                        gsize         length)
{
  return XXH3_64bits (data, length);
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* ---- reports ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *changes;
  gint64     now;
  /* the run being built */
  gboolean   open;
  guint64    start;
  guint64    end;
} Reports;

static void
reports_init (Reports *reports)
{
  reports->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_watcher_change_free);
  reports->now = g_get_real_time ();
  reports->open = FALSE;
}

static GBytes *
preview (const guint8 *data,
         gsize         available)
{
  return data != NULL ? g_bytes_new (data, MIN (available, SHMVIEW_WATCHER_PREVIEW)) : NULL;
}

/* A run starts at @offset; @old/@new (nullable) hold its first @available bytes. */
static void
reports_add (Reports      *reports,
             guint64       offset,
             guint64       length,
             const guint8 *old,
             const guint8 *new,
             gsize         available)
{
  ShmviewWatcherChange *change;

  if (reports->changes->len > 0)
    {
      ShmviewWatcherChange *last = g_ptr_array_index (reports->changes, reports->changes->len - 1);

      if (reports->changes->len >= MAX_REPORTS || offset <= last->offset + last->length + MERGE_GAP)
        {
          last->length = MAX (last->offset + last->length, offset + length) - last->offset;
          return;
        }
    }

  change = g_new0 (ShmviewWatcherChange, 1);
  change->offset = offset;
  change->length = length;
  change->time = reports->now;
  change->origin = SHMVIEW_CHANGE_ORIGIN_FOREIGN;
  change->old_bytes = preview (old, MIN (available, length));
  change->new_bytes = preview (new, MIN (available, length));
  g_ptr_array_add (reports->changes, change);
}

static gboolean
overlaps (const OwnWrite *own,
          guint64         offset,
          guint64         length)
{
  return own->offset < offset + length && offset < own->offset + own->length;
}

/* Changes that overlap our own announced writes are ours. */
static void
classify (GPtrArray *changes,
          GArray    *own)
{
  for (guint i = 0; i < changes->len; i++)
    {
      ShmviewWatcherChange *change = g_ptr_array_index (changes, i);

      for (guint j = 0; j < own->len; j++)
        if (overlaps (&g_array_index (own, OwnWrite, j), change->offset, change->length))
          {
            change->origin = SHMVIEW_CHANGE_ORIGIN_OWN;
            break;
          }
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  ShmviewWatcher *self = SHMVIEW_WATCHER (user_data);
  g_autoptr(GPtrArray) outbox = NULL;
  guint64 n_sweeps;

  g_mutex_lock (&self->lock);
  outbox = g_steal_pointer (&self->outbox);
  self->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  n_sweeps = self->n_sweeps;
  g_clear_pointer (&self->deliver_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  for (guint i = 0; i < outbox->len; i++)
    g_signal_emit (self, signals[CHANGES], 0, g_ptr_array_index (outbox, i));
  if (n_sweeps != self->n_sweeps_shown)
    {
      self->n_sweeps_shown = n_sweeps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SWEEPS]);
    }
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* Called with @lock held. */
static void
schedule_delivery (ShmviewWatcher *self)
{
  if (self->deliver_source != NULL)
    return;

  self->deliver_source = g_idle_source_new ();
  g_source_set_priority (self->deliver_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->deliver_source, deliver_cb, self, NULL);
  g_source_set_static_name (self->deliver_source, "[shmview] watcher results");
  g_source_attach (self->deliver_source, self->context);
}

/* Hands @reports to the main context, our own changes told apart. */
static void
post (ShmviewWatcher *self,
      Reports        *reports,
      gboolean        sweep_done)
{
  g_mutex_lock (&self->lock);
  /* writes announced while we read are ours too */
  classify (reports->changes, self->own_pending);
  classify (reports->changes, self->own_recent);
  if (sweep_done)
    self->n_sweeps++;
  if (reports->changes->len > 0)
    g_ptr_array_add (self->outbox, g_steal_pointer (&reports->changes));
  if (sweep_done || self->outbox->len > 0)
    schedule_delivery (self);
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&reports->changes, g_ptr_array_unref);
}

/* shmview_region_next_data(), remembering the stretch it found: on tmpfs a
 * SEEK_HOLE walks the pages up to the next hole, so asking again for each
 * slice of a populated region would cost the square of its size. A stretch
 * that becomes a hole reads as zeros anyway; holes are asked about afresh. */
static gboolean
next_data (ShmviewWatcher *self,
           guint64         offset,
           guint64        *start,
           guint64        *end)
{
  if (offset >= self->stretch_start && offset < self->stretch_end)
    {
      *start = offset;
      *end = MIN (self->stretch_end, self->size);
      return *start < *end;
    }
  if (!shmview_region_next_data (self->region, offset, start, end))
    return FALSE;
  self->stretch_start = *start;
  self->stretch_end = *end;
  return TRUE;
}

/* ---- reading, holes skipped --------------------------------------------- */

/* Calls @func for [offset, end) in pieces of at most READ_CHUNK: with the
 * bytes read, or with NULL over a hole (which reads as zeros). */
typedef gboolean (*PieceFunc) (ShmviewWatcher *self,
                               guint64         offset,
                               const guint8   *data,
                               gsize           length,
                               gpointer        user_data);

static gboolean
for_each_piece (ShmviewWatcher *self,
                guint64         offset,
                guint64         end,
                PieceFunc       func,
                gpointer        user_data)
{
  while (offset < end)
    {
      guint64 data_start = end, data_end = end;
      guint64 stop;

      if (!next_data (self, offset, &data_start, &data_end))
        data_start = data_end = end;
      /* whole pages, so the sweep's digests line up (a hole's edge read by
       * pread costs a few zeros and allocates nothing) */
      data_start = MIN (data_start / SHMVIEW_WATCHER_PAGE_SIZE * SHMVIEW_WATCHER_PAGE_SIZE, end);
      data_start = MAX (data_start, offset);
      data_end = MIN (ROUND_UP (data_end, SHMVIEW_WATCHER_PAGE_SIZE), end);

      if (data_start > offset && !func (self, offset, NULL, data_start - offset, user_data))
        return FALSE;
      for (offset = data_start; offset < data_end; offset = stop)
        {
          g_autoptr(GError) error = NULL;

          stop = MIN (data_end, offset + READ_CHUNK);
          if (!shmview_region_read (self->region, offset, self->buffer, stop - offset, &error))
            {
              /* shrunk under us: the next round sees the new size */
              g_debug ("watcher read at %" G_GUINT64_FORMAT ": %s", offset, error->message);
              return FALSE;
            }
          if (!func (self, offset, self->buffer, stop - offset, user_data))
            return FALSE;
        }
      offset = MAX (offset, data_end);
    }
  return TRUE;
}

/* ---- full comparison ---------------------------------------------------- */

static void
diff_block (Reports      *reports,
            guint64       base,
            guint8       *old,
            const guint8 *new,
            gsize         length,
            gsize         piece_left)
{
  gsize i = 0;

  while (i < length)
    {
      gsize start, end;

      if (old[i] == new[i])
        {
          i++;
          continue;
        }
      start = i;
      for (end = i + 1; end < length && old[end] != new[end]; end++)
        ;
      reports_add (reports, base + start, end - start, old + start, new + start,
                   piece_left - start);
      i = end;
    }
}

static gboolean
compare_piece (ShmviewWatcher *self,
               guint64         offset,
               const guint8   *data,
               gsize           length,
               gpointer        user_data)
{
  Reports *reports = user_data;
  guint8 *old = self->copy + offset;

  /* a hole can be longer than the zeros we have: it is compared by chunks */
  if (data == NULL)
    data = self->zeros;

  for (gsize done = 0; done < length; )
    {
      gsize n = MIN (length - done, (gsize) READ_CHUNK);
      const guint8 *now = data == self->zeros ? self->zeros : data + done;

      for (gsize i = 0; i < n; i += DIFF_BLOCK)
        {
          gsize m = MIN ((gsize) DIFF_BLOCK, n - i);

          if (memcmp (old + done + i, now + i, m) != 0)
            {
              if (self->has_baseline)
                diff_block (reports, offset + done + i, old + done + i, now + i, m, n - i);
              memcpy (old + done + i, now + i, m);
            }
        }
      done += n;
    }
  return TRUE;
}

/* Our own writes go into the copy, so they do not show as differences. */
static void
apply_own_to_copy (ShmviewWatcher *self,
                   GArray         *taken)
{
  for (guint i = 0; i < taken->len; i++)
    {
      OwnWrite *own = &g_array_index (taken, OwnWrite, i);
      gsize length = 0;
      const guint8 *data = own->data != NULL ? g_bytes_get_data (own->data, &length) : NULL;

      if (data != NULL && own->offset < self->size && length <= self->size - own->offset)
        memcpy (self->copy + own->offset, data, length);
    }
}

static GArray *
take_own_pending (ShmviewWatcher *self)
{
  GArray *taken;

  g_mutex_lock (&self->lock);
  taken = self->own_pending;
  self->own_pending = g_array_new (FALSE, FALSE, sizeof (OwnWrite));
  g_array_set_clear_func (self->own_pending, own_write_clear);
  g_mutex_unlock (&self->lock);
  return taken;
}

static void
full_round (ShmviewWatcher *self)
{
  g_autoptr(GArray) taken = take_own_pending (self);
  Reports reports;

  if (self->copy == NULL)
    {
      self->copy = g_try_malloc0 (MAX (self->size, 1));
      if (self->copy == NULL)
        {
          g_warning ("Not enough memory to watch %" G_GUINT64_FORMAT " bytes", self->size);
          return;
        }
    }

  if (self->has_baseline)
    apply_own_to_copy (self, taken);

  /* own writes of the last round stay "recent" for one more: a write
   * announced during that round's read may show only now */
  g_mutex_lock (&self->lock);
  g_array_set_size (self->own_recent, 0);
  for (guint i = 0; i < taken->len; i++)
    {
      OwnWrite own = g_array_index (taken, OwnWrite, i);

      own.data = NULL;
      g_array_append_val (self->own_recent, own);
    }
  g_mutex_unlock (&self->lock);

  self->stretch_start = self->stretch_end = 0;
  reports_init (&reports);
  if (!for_each_piece (self, 0, self->size, compare_piece, &reports))
    {
      g_clear_pointer (&reports.changes, g_ptr_array_unref);
      return;
    }
  self->has_baseline = TRUE;
  post (self, &reports, TRUE);
}

/* ---- digest sweep ------------------------------------------------------- */

typedef struct
{
  Reports  reports;
  gsize    bytes_read;
} Sweep;

static gboolean
digest_piece (ShmviewWatcher *self,
              guint64         offset,
              const guint8   *data,
              gsize           length,
              gpointer        user_data)
{
  Sweep *sweep = user_data;
  guint64 zero_digest = shmview_watcher_digest (self->zeros, SHMVIEW_WATCHER_PAGE_SIZE);

  /* pieces start on page boundaries; only the region's last page is short */
  for (gsize at = 0; at < length; at += SHMVIEW_WATCHER_PAGE_SIZE)
    {
      gsize n = MIN ((gsize) SHMVIEW_WATCHER_PAGE_SIZE, length - at);
      guint64 page = (offset + at) / SHMVIEW_WATCHER_PAGE_SIZE;
      const guint8 *bytes = data != NULL ? data + at : self->zeros;
      guint64 digest = (data == NULL && n == SHMVIEW_WATCHER_PAGE_SIZE)
                       ? zero_digest : shmview_watcher_digest (bytes, n);

      if (self->digests[page] != digest)
        {
          if (self->has_baseline)
            reports_add (&sweep->reports, offset + at, n, NULL, bytes, n);
          self->digests[page] = digest;
        }
    }
  if (data != NULL)
    sweep->bytes_read += length;
  return TRUE;
}

/* The end of the slice that starts at @offset: SLICE_BYTES of data read, or
 * SLICE_PAGES pages when they are holes; page-aligned. */
static guint64
slice_end (ShmviewWatcher *self,
           guint64         offset)
{
  guint64 end = MIN (self->size, offset + (guint64) SLICE_PAGES * SHMVIEW_WATCHER_PAGE_SIZE);
  guint64 data_start, data_end;

  if (next_data (self, offset, &data_start, &data_end) && data_start < end)
    {
      guint64 data_limit = MAX (data_start / SHMVIEW_WATCHER_PAGE_SIZE * SHMVIEW_WATCHER_PAGE_SIZE,
                                offset) + SLICE_BYTES;

      end = MIN (end, data_limit);
    }
  return end;
}

static void
drop_old_own (ShmviewWatcher *self)
{
  g_mutex_lock (&self->lock);
  for (guint i = self->own_recent->len; i > 0; i--)
    if (g_array_index (self->own_recent, OwnWrite, i - 1).sweep + 1 < self->n_sweeps)
      g_array_remove_index_fast (self->own_recent, i - 1);
  g_mutex_unlock (&self->lock);
}

/* One slice; returns the thread CPU time it took (us). */
static gint64
sweep_slice (ShmviewWatcher *self)
{
  g_autoptr(GArray) taken = take_own_pending (self);
  gint64 cpu_start = thread_cpu_us ();
  guint64 n_pages = (self->size + SHMVIEW_WATCHER_PAGE_SIZE - 1) / SHMVIEW_WATCHER_PAGE_SIZE;
  Sweep sweep = { { 0, }, 0 };
  guint64 end;
  gboolean wrapped;

  if (self->digests == NULL)
    {
      self->digests = g_try_new0 (guint64, n_pages);
      if (self->digests == NULL)
        {
          g_warning ("Not enough memory for the digests of %" G_GUINT64_FORMAT " bytes", self->size);
          return G_USEC_PER_SEC;
        }
      self->cursor = 0;
    }

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < taken->len; i++)
    {
      OwnWrite own = g_array_index (taken, OwnWrite, i);

      own.data = NULL;
      own.sweep = self->n_sweeps;
      g_array_append_val (self->own_recent, own);
    }
  g_mutex_unlock (&self->lock);

  reports_init (&sweep.reports);
  end = slice_end (self, self->cursor);
  if (!for_each_piece (self, self->cursor, end, digest_piece, &sweep))
    {
      g_clear_pointer (&sweep.reports.changes, g_ptr_array_unref);
      return thread_cpu_us () - cpu_start;
    }
  self->cursor = end;
  wrapped = self->cursor >= self->size;
  if (wrapped)
    {
      self->cursor = 0;
      self->stretch_start = self->stretch_end = 0;
    }
  post (self, &sweep.reports, wrapped);
  if (wrapped)
    {
      self->has_baseline = TRUE;
      drop_old_own (self);
    }
  return thread_cpu_us () - cpu_start;
}

/* ---- the worker --------------------------------------------------------- */

static void
drop_baseline (ShmviewWatcher *self)
{
  g_clear_pointer (&self->copy, g_free);
  g_clear_pointer (&self->digests, g_free);
  self->has_baseline = FALSE;
  self->cursor = 0;
  self->stretch_start = self->stretch_end = 0;
}

/* Brings the baseline to the region's current size: a new size is a new
 * baseline. */
static void
follow_size (ShmviewWatcher *self)
{
  guint64 size = shmview_region_get_size (self->region);

  if (size != self->size)
    {
      drop_baseline (self);
      self->size = size;
    }
}

/* Waits @us or until stopped; FALSE when stopping. */
static gboolean
pause_for (ShmviewWatcher *self,
           gint64          us)
{
  gint64 until = g_get_monotonic_time () + CLAMP (us, 0, MAX_PAUSE_US);
  gboolean go_on;

  g_mutex_lock (&self->lock);
  while (!self->stopping && g_cond_wait_until (&self->cond, &self->lock, until))
    ;
  go_on = !self->stopping;
  g_mutex_unlock (&self->lock);
  return go_on;
}

static gpointer
worker (gpointer user_data)
{
  ShmviewWatcher *self = user_data;
  gint64 next_round = 0;

  for (;;)
    {
      guint interval;
      double budget;

      g_mutex_lock (&self->lock);
      interval = self->interval_ms;
      budget = self->budget;
      g_mutex_unlock (&self->lock);

      follow_size (self);
      if (self->size <= SHMVIEW_WATCHER_FULL_MAX)
        {
          gint64 now = g_get_monotonic_time ();

          if (now >= next_round)
            {
              full_round (self);
              next_round = now + (gint64) interval * 1000;
            }
          if (!pause_for (self, next_round - g_get_monotonic_time ()))
            break;
        }
      else
        {
          gint64 cpu = sweep_slice (self);

          if (!pause_for (self, (gint64) (cpu * (1.0 / budget - 1.0))))
            break;
        }
    }
  return NULL;
}

void
_shmview_watcher_run_sweep (ShmviewWatcher *self)
{
  guint64 before, after;

  g_return_if_fail (SHMVIEW_IS_WATCHER (self));
  g_return_if_fail (self->thread == NULL);

  follow_size (self);
  g_mutex_lock (&self->lock);
  before = self->n_sweeps;
  g_mutex_unlock (&self->lock);
  do
    {
      if (self->size <= SHMVIEW_WATCHER_FULL_MAX)
        full_round (self);
      else
        sweep_slice (self);
      g_mutex_lock (&self->lock);
      after = self->n_sweeps;
      g_mutex_unlock (&self->lock);
    }
  while (after == before);
}

/* ---- GObject ------------------------------------------------------------ */

static void
shmview_watcher_dispose (GObject *object)
{
  ShmviewWatcher *self = SHMVIEW_WATCHER (object);

  shmview_watcher_stop (self);
  g_clear_object (&self->region);

  G_OBJECT_CLASS (shmview_watcher_parent_class)->dispose (object);
}

static void
shmview_watcher_finalize (GObject *object)
{
  ShmviewWatcher *self = SHMVIEW_WATCHER (object);

  drop_baseline (self);
  g_clear_pointer (&self->own_pending, g_array_unref);
  g_clear_pointer (&self->own_recent, g_array_unref);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->buffer);
  g_free (self->zeros);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (shmview_watcher_parent_class)->finalize (object);
}

static void
shmview_watcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShmviewWatcher *self = SHMVIEW_WATCHER (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, self->region);
      break;
    case PROP_N_SWEEPS:
      g_value_set_uint64 (value, self->n_sweeps_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_watcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShmviewWatcher *self = SHMVIEW_WATCHER (object);

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
shmview_watcher_class_init (ShmviewWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shmview_watcher_dispose;
  object_class->finalize = shmview_watcher_finalize;
  object_class->get_property = shmview_watcher_get_property;
  object_class->set_property = shmview_watcher_set_property;

  properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL, SHMVIEW_TYPE_REGION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SWEEPS] =
    g_param_spec_uint64 ("n-sweeps", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGES] =
    g_signal_new ("changes", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
shmview_watcher_init (ShmviewWatcher *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->interval_ms = 100;
  self->budget = SHMVIEW_WATCHER_BUDGET_DEFAULT;
  self->own_pending = g_array_new (FALSE, FALSE, sizeof (OwnWrite));
  g_array_set_clear_func (self->own_pending, own_write_clear);
  self->own_recent = g_array_new (FALSE, FALSE, sizeof (OwnWrite));
  g_array_set_clear_func (self->own_recent, own_write_clear);
  self->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->buffer = g_malloc (READ_CHUNK);
  self->zeros = g_malloc0 (READ_CHUNK);
  self->size = G_MAXUINT64;
}

/**
 * shmview_watcher_new:
 * @region: the region to watch whole
 *
 * Returns: (transfer full): a watcher, not yet started
 */
ShmviewWatcher *
shmview_watcher_new (ShmviewRegion *region)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);

  return g_object_new (SHMVIEW_TYPE_WATCHER, "region", region, NULL);
}

ShmviewRegion *
shmview_watcher_get_region (ShmviewWatcher *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WATCHER (self), NULL);

  return self->region;
}

void
shmview_watcher_set_interval (ShmviewWatcher *self,
                              guint           interval_ms)
{
  g_return_if_fail (SHMVIEW_IS_WATCHER (self));

  g_mutex_lock (&self->lock);
  self->interval_ms = MAX (interval_ms, 1);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
shmview_watcher_set_cpu_budget (ShmviewWatcher *self,
                                double          budget)
{
  g_return_if_fail (SHMVIEW_IS_WATCHER (self));
  g_return_if_fail (budget > 0.0 && budget <= 1.0);

  g_mutex_lock (&self->lock);
  self->budget = budget;
  g_mutex_unlock (&self->lock);
}

double
shmview_watcher_get_cpu_budget (ShmviewWatcher *self)
{
  double budget;

  g_return_val_if_fail (SHMVIEW_IS_WATCHER (self), SHMVIEW_WATCHER_BUDGET_DEFAULT);

  g_mutex_lock (&self->lock);
  budget = self->budget;
  g_mutex_unlock (&self->lock);
  return budget;
}

void
shmview_watcher_start (ShmviewWatcher *self)
{
  g_return_if_fail (SHMVIEW_IS_WATCHER (self));

  if (self->thread != NULL)
    return;

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->stopping = FALSE;
  self->thread = g_thread_new ("shmview-watcher", worker, self);
}

void
shmview_watcher_stop (ShmviewWatcher *self)
{
  g_return_if_fail (SHMVIEW_IS_WATCHER (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));

  g_mutex_lock (&self->lock);
  if (self->deliver_source != NULL)
    {
      g_source_destroy (self->deliver_source);
      g_clear_pointer (&self->deliver_source, g_source_unref);
    }
  g_ptr_array_set_size (self->outbox, 0);
  g_mutex_unlock (&self->lock);
}

gboolean
shmview_watcher_is_running (ShmviewWatcher *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WATCHER (self), FALSE);

  return self->thread != NULL;
}

/**
 * shmview_watcher_note_own_write:
 *
 * Tells the watcher we wrote @data at @offset ourselves, so that the change
 * it finds there comes back with origin %SHMVIEW_CHANGE_ORIGIN_OWN. Cheap:
 * the worker takes it at its next round.
 */
void
shmview_watcher_note_own_write (ShmviewWatcher *self,
                                guint64         offset,
                                const guint8   *data,
                                gsize           length)
{
  OwnWrite own = { offset, length, NULL, 0 };

  g_return_if_fail (SHMVIEW_IS_WATCHER (self));
  g_return_if_fail (data != NULL || length == 0);

  if (length == 0)
    return;
  /* only a copy in full mode needs the bytes */
  if (shmview_region_get_size (self->region) <= SHMVIEW_WATCHER_FULL_MAX)
    own.data = g_bytes_new (data, length);

  g_mutex_lock (&self->lock);
  g_array_append_val (self->own_pending, own);
  g_mutex_unlock (&self->lock);
}

guint64
shmview_watcher_get_n_sweeps (ShmviewWatcher *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WATCHER (self), 0);

  return self->n_sweeps_shown;
}
