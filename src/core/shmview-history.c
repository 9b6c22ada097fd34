/* shmview-history.c: undo and redo of our own writes
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two stacks of entries (offset, old bytes, new bytes):
 *
 *   undo [e1 e2 e3]  <- top is the last edit      redo [e5 e4]  <- top is the last undone
 *
 * Every step is a real write through the region, so the other process sees an
 * undo at once, and a failed write leaves both stacks as they were. Each
 * write() is its own entry, also for consecutive single-byte edits: undo then
 * goes back exactly one keystroke, which is what a reader of the hex view
 * expects.
 */
#include "config.h"

#include "shmview-history.h"

typedef struct
{
  guint64  offset;
  GBytes  *old_bytes;
  GBytes  *new_bytes;
} Entry;

struct _ShmviewHistory
{
  GObject parent_instance;

  /* owned */
  ShmviewRegion  *region;
  ShmviewMonitor *monitor;  /* nullable */
  GPtrArray      *undo;     /* Entry, last edit at the end */
  GPtrArray      *redo;     /* Entry, last undone at the end */

  /* last notified values, so notify fires only on a real change */
  guint           can_undo : 1;
  guint           can_redo : 1;
};

G_DEFINE_FINAL_TYPE (ShmviewHistory, shmview_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  PROP_MONITOR,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->old_bytes);
  g_bytes_unref (entry->new_bytes);
  g_free (entry);
}

static void
update_state (ShmviewHistory *self)
{
  gboolean can_undo = self->undo->len > 0;
  gboolean can_redo = self->redo->len > 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
shmview_history_finalize (GObject *object)
{
  ShmviewHistory *self = (ShmviewHistory *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_object (&self->monitor);
  g_clear_object (&self->region);

  G_OBJECT_CLASS (shmview_history_parent_class)->finalize (object);
}

static void
shmview_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShmviewHistory *self = SHMVIEW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_object (value, self->region);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, shmview_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, shmview_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_history_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShmviewHistory *self = SHMVIEW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REGION:
      self->region = g_value_dup_object (value);
      break;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_history_class_init (ShmviewHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shmview_history_finalize;
  object_class->get_property = shmview_history_get_property;
  object_class->set_property = shmview_history_set_property;

  properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL,
                         SHMVIEW_TYPE_REGION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         SHMVIEW_TYPE_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shmview_history_init (ShmviewHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (entry_free);
  self->redo = g_ptr_array_new_with_free_func (entry_free);
}

/**
 * shmview_history_new:
 * @region: the region edits go to
 * @monitor: (nullable): the monitor watching @region, told about every write
 *   so our own edits are never reported as foreign
 *
 * Returns: (transfer full): a new, empty history
 */
ShmviewHistory *
shmview_history_new (ShmviewRegion  *region,
                     ShmviewMonitor *monitor)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);
  g_return_val_if_fail (monitor == NULL || SHMVIEW_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (monitor == NULL || shmview_monitor_get_region (monitor) == region, NULL);

  return g_object_new (SHMVIEW_TYPE_HISTORY,
                       "region", region,
                       "monitor", monitor,
                       NULL);
}

/* Writes @bytes at @offset and tells the monitor. */
static gboolean
write_bytes (ShmviewHistory  *self,
             guint64          offset,
             GBytes          *bytes,
             GError         **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (!shmview_region_write (self->region, offset, data, length, error))
    return FALSE;
  if (self->monitor != NULL)
    shmview_monitor_note_own_write (self->monitor, offset, data, length);
  return TRUE;
}

/**
 * shmview_history_write:
 * @offset: where to write
 * @data: (array length=length): the new bytes
 * @length: how many
 *
 * Reads the bytes at @offset, writes @data over them through the region, and
 * records the edit as one undo step; the redo list is dropped. When the read
 * or the write fails (read-only region, out of range, shrunk) nothing is
 * written or recorded. A zero-length write does nothing and succeeds.
 *
 * Returns: TRUE on success
 */
gboolean
shmview_history_write (ShmviewHistory  *self,
                       guint64          offset,
                       const guint8    *data,
                       gsize            length,
                       GError         **error)
{
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  Entry *entry;

  g_return_val_if_fail (SHMVIEW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length == 0)
    return TRUE;

  old_bytes = shmview_region_read_bytes (self->region, offset, length, error);
  if (old_bytes == NULL)
    return FALSE;
  new_bytes = g_bytes_new (data, length);
  if (!write_bytes (self, offset, new_bytes, error))
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->offset = offset;
  entry->old_bytes = g_steal_pointer (&old_bytes);
  entry->new_bytes = g_steal_pointer (&new_bytes);
  g_ptr_array_add (self->undo, entry);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
  return TRUE;
}

/* Moves the top entry of @from to @to after writing its old (undo) or new
 * (redo) bytes; the entry stays put when the write fails. */
static gboolean
step (ShmviewHistory  *self,
      GPtrArray       *from,
      GPtrArray       *to,
      gboolean         use_old,
      guint64         *offset,
      gsize           *length,
      GError         **error)
{
  Entry *entry;
  GBytes *bytes;

  if (from->len == 0)
    return FALSE;

  entry = g_ptr_array_index (from, from->len - 1);
  bytes = use_old ? entry->old_bytes : entry->new_bytes;
  if (!write_bytes (self, entry->offset, bytes, error))
    return FALSE;

  if (offset != NULL)
    *offset = entry->offset;
  if (length != NULL)
    *length = g_bytes_get_size (bytes);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  update_state (self);
  return TRUE;
}

/**
 * shmview_history_undo:
 * @offset: (out) (optional): where the bytes were written back
 * @length: (out) (optional): how many
 *
 * Writes the old bytes of the last edit back through the region.
 *
 * Returns: TRUE when an edit was undone; FALSE without an error when there
 *   was nothing to undo, FALSE with @error when the write failed (the edit
 *   then stays undoable)
 */
gboolean
shmview_history_undo (ShmviewHistory  *self,
                      guint64         *offset,
                      gsize           *length,
                      GError         **error)
{
  g_return_val_if_fail (SHMVIEW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, self->undo, self->redo, TRUE, offset, length, error);
}

/**
 * shmview_history_redo:
 * @offset: (out) (optional): where the bytes were written again
 * @length: (out) (optional): how many
 *
 * Writes the new bytes of the last undone edit again.
 *
 * Returns: TRUE when an edit was redone; FALSE without an error when there
 *   was nothing to redo, FALSE with @error when the write failed
 */
gboolean
shmview_history_redo (ShmviewHistory  *self,
                      guint64         *offset,
                      gsize           *length,
                      GError         **error)
{
  g_return_val_if_fail (SHMVIEW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step (self, self->redo, self->undo, FALSE, offset, length, error);
}

/**
 * shmview_history_can_undo:
 *
 * Returns: whether there is an edit to undo (the #ShmviewHistory:can-undo
 *   property)
 */
gboolean
shmview_history_can_undo (ShmviewHistory *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

/**
 * shmview_history_can_redo:
 *
 * Returns: whether there is an undone edit to redo (the
 *   #ShmviewHistory:can-redo property)
 */
gboolean
shmview_history_can_redo (ShmviewHistory *self)
{
  g_return_val_if_fail (SHMVIEW_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

/**
 * shmview_history_clear:
 *
 * Forgets every edit (the region is not touched).
 */
void
shmview_history_clear (ShmviewHistory *self)
{
  g_return_if_fail (SHMVIEW_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
}
