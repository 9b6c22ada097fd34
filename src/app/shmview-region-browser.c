/* shmview-region-browser.c: the sidebar listing every region on the machine
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list comes from the core (shmview_region_list), read in a worker
 * thread about once a second while the sidebar is on screen (less often on
 * a machine with so many objects that listing them costs more than 1 % of
 * a core). Rows are updated in place, keyed by spec in a hash table, so the
 * selection, the scroll position and an open tooltip survive a refresh, and
 * a refresh costs O(N) with work only for the rows that differ; when the
 * listing is the same as last time no row at all is touched.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-region-browser-private.h"
#include "shmview-region-browser.h"
#include "shmview-region-list.h"
#include "shmview-region.h"
#include "shmview-size-format.h"
#include "shmview-status-bar.h"
#include "shmview-ui-util.h"
#include "shmview-users.h"

/* The listing itself (a readdir of /dev/shm and /proc/sysvipc/shm) runs
 * every second, so a region made or removed elsewhere shows within one.
 * Counting POSIX attaches reads every process's /proc/PID/maps, which costs
 * far more: it runs every COUNT_EVERY listings while the window has the
 * focus, and at once when the listing shows a region not counted yet.
 * While counting finds nothing new and the listing stays the same, counts
 * come half as often each time, down to one every COUNT_EVERY_MAX
 * listings; any change brings them back to COUNT_EVERY. */
#define REFRESH_MS  1000
#define COUNT_EVERY 5
#define COUNT_EVERY_MAX 40
/* More rows than this coming or going at once (the first listing of a busy
 * machine, a test suite cleaning up) and the models are built afresh:
 * GtkTreeModelSort and GtkTreeModelFilter renumber every row after each
 * single insert or removal, so one by one costs O(N) each. */
#define BULK_ROWS 256
/* Listing and applying may take at most this share of the time between
 * listings: the interval grows with the machine's number of objects. */
#define BUDGET_SHARE 100

/* Short names for the store's columns (shmview-region-browser-private.h). */
#define COL_SPEC       SHMVIEW_REGION_BROWSER_COL_SPEC
#define COL_NAME       SHMVIEW_REGION_BROWSER_COL_NAME
#define COL_LABEL      SHMVIEW_REGION_BROWSER_COL_LABEL
#define COL_KIND       SHMVIEW_REGION_BROWSER_COL_KIND
#define COL_SIZE       SHMVIEW_REGION_BROWSER_COL_SIZE
#define COL_SIZE_TEXT  SHMVIEW_REGION_BROWSER_COL_SIZE_TEXT
#define COL_OWNER      SHMVIEW_REGION_BROWSER_COL_OWNER
#define COL_MODE       SHMVIEW_REGION_BROWSER_COL_MODE
#define COL_ATTACHED   SHMVIEW_REGION_BROWSER_COL_ATTACHED
#define COL_ATTACHED_N SHMVIEW_REGION_BROWSER_COL_ATTACHED_N
#define COL_REMOVED    SHMVIEW_REGION_BROWSER_COL_REMOVED
#define COL_TOOLTIP    SHMVIEW_REGION_BROWSER_COL_TOOLTIP
#define COL_ORDER      SHMVIEW_REGION_BROWSER_COL_ORDER
#define COL_MARKUP     SHMVIEW_REGION_BROWSER_COL_MARKUP

struct _ShmviewRegionBrowser
{
  GtkBox parent_instance;

  /* template widgets and objects */
  GtkSearchEntry     *search_entry;
  GtkInfoBar         *error_bar;
  GtkLabel           *error_label;
  GtkTreeView        *tree_view;
  GtkStack           *list_stack;
  GtkLabel           *empty_title;
  GtkWidget          *empty_hint;
  GtkWidget          *empty_create_button;
  GtkListStore       *store;
  GtkTreeModelFilter *filter;
  GtkTreeModelSort   *sort;
  GtkMenu            *context_menu;
  GtkLabel           *count_label;

  /* owned */
  GPtrArray          *last;          /* ShmviewRegionEntry: the listing shown */
  GHashTable         *rows;          /* spec -> Row, for every entry of @last */
  GHashTable         *owner_names;   /* uid -> user name */
  GCancellable       *cancellable;   /* the listing in flight, if any */
  char               *filter_text;   /* case-folded, NULL for none */
  char               *last_error;
  char               *posix_dir;     /* where to list: NULL for the machine, */
  char               *sysvipc_path;  /* else a test's own directory and file */
  guint               timer_id;
  guint               next_ms;       /* the interval the last listing's cost asks for */
  guint               ticks_since_count;
  guint               count_every;   /* listings between counts, COUNT_EVERY.. */
  gboolean            listing_failed;  /* the error shown is about listing */
};

/* What the browser knows of one row: where it is in the store (a
 * GtkListStore's iters stay valid while the row exists), what it shows and
 * where the core listed it. */
typedef struct
{
  GtkTreeIter               iter;
  const ShmviewRegionEntry *entry;  /* in @last */
  guint                     order;
} Row;

G_DEFINE_FINAL_TYPE (ShmviewRegionBrowser, shmview_region_browser, GTK_TYPE_BOX)

static gboolean row_visible (GtkTreeModel *model,
                             GtkTreeIter  *iter,
                             gpointer      user_data);

enum {
  ATTACH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ShmviewRegionBrowser *self,
            const char           *text)
{
  self->listing_failed = FALSE;
  if (text == NULL)
    {
      g_clear_pointer (&self->last_error, g_free);
      gtk_info_bar_set_revealed (self->error_bar, FALSE);
      return;
    }

  g_free (self->last_error);
  self->last_error = g_strdup (text);
  shmview_info_bar_show (self->error_bar, self->error_label, GTK_MESSAGE_ERROR, text);
}

static void
on_error_bar_response (ShmviewRegionBrowser *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

static const char *
owner_name (ShmviewRegionBrowser *self,
            guint32               uid)
{
  char *name = g_hash_table_lookup (self->owner_names, GUINT_TO_POINTER (uid));

  if (name == NULL)
    {
      name = shmview_user_name (uid);
      g_hash_table_insert (self->owner_names, GUINT_TO_POINTER (uid), name);
    }
  return name;
}

static gboolean
entries_equal (const ShmviewRegionEntry *a,
               const ShmviewRegionEntry *b)
{
  return g_strcmp0 (a->spec, b->spec) == 0
         && g_strcmp0 (a->name, b->name) == 0
         && g_strcmp0 (a->label, b->label) == 0
         && a->info.kind == b->info.kind
         && a->info.size == b->info.size
         && a->info.uid == b->info.uid
         && a->info.mode == b->info.mode
         && a->info.nattch == b->info.nattch
         && a->info.removed == b->info.removed;
}

static gboolean
lists_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!entries_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static void
set_string (GtkListStore *store,
            GtkTreeIter  *iter,
            int           column,
            const char   *value)
{
  g_autofree char *current = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (store), iter, column, &current, -1);
  if (g_strcmp0 (current, value) != 0)
    gtk_list_store_set (store, iter, column, value, -1);
}

static char *
make_tooltip (const ShmviewRegionEntry *entry,
              const char               *shown_name,
              const char               *size_text,
              const char               *owner)
{
  g_autofree char *shown_spec = shmview_format_escaped (entry->spec);
  g_autofree char *name = g_markup_escape_text (shown_name, -1);
  g_autofree char *spec = g_markup_escape_text (shown_spec, -1);
  g_autofree char *who = g_markup_escape_text (owner, -1);
  g_autofree char *made_by = NULL;

  if (entry->label != NULL)
    {
      g_autofree char *label = g_markup_escape_text (entry->label, -1);

      /* Translators: in a tooltip, the library a region's name suggests: "Made by Python" */
      made_by = g_strdup_printf (_("\nMade by %s, judging by its name"), label);
    }

  /* Translators: a region's tooltip in the region list */
  return g_strdup_printf (_("<b>%s</b>\nAttach with: %s\n%s, owner %s, mode %04o%s"),
                          name, spec, size_text, who, entry->info.mode & 07777,
                          made_by != NULL ? made_by : "");
}

/* "1 attached"; for another user's POSIX object the count cannot be known. */
static char *
format_attached (int nattch)
{
  if (nattch < 0)
    /* Translators: in the region list, for another user's POSIX object, whose
     * processes we may not look at */
    return g_strdup (_("attach count unknown"));

  /* Translators: how many processes have a region attached, in the region list */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d attached", "%d attached", nattch),
                          nattch);
}

/* The row's second line: "POSIX · 256 bytes · root · 0600 · 1 attached". */
static char *
make_details (const ShmviewRegionEntry *entry,
              const char               *short_size,
              const char               *owner)
{
  g_autofree char *attached = format_attached (entry->info.nattch);
  GString *details = g_string_new (NULL);

  g_string_append_printf (details, "%s · %s · %s · %04o", shmview_describe_kind (entry->info.kind),
                          short_size, owner, entry->info.mode & 07777);
  if (attached != NULL)
    g_string_append_printf (details, " · %s", attached);

  return g_string_free (details, FALSE);
}

/* Two lines, as GNOME sidebars do: the name (and the library that made it),
 * then the details, smaller and dimmed. A System V segment marked for
 * removal says so beside its name, in words: strikethrough alone is easy
 * to miss. */
static char *
make_markup (const ShmviewRegionEntry *entry,
             const char               *shown_name,
             const char               *details)
{
  g_autofree char *name = g_markup_escape_text (shown_name, -1);
  g_autofree char *second = g_markup_escape_text (details, -1);
  g_autofree char *label = NULL;
  g_autofree char *removed = NULL;

  if (entry->info.removed)
    /* Translators: a System V segment that was removed but is still attached */
    removed = g_markup_printf_escaped ("  <span size=\"small\" weight=\"bold\">%s</span>",
                                       _("Removed"));

  if (entry->label != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (entry->label, -1);

      label = g_strdup_printf ("  <span size=\"small\" weight=\"bold\" alpha=\"70%%\">%s</span>",
                               escaped);
    }

  return g_strdup_printf ("%s%s%s%s%s\n<span size=\"small\" alpha=\"65%%\">%s</span>",
                          entry->info.removed ? "<s>" : "", name,
                          entry->info.removed ? "</s>" : "",
                          removed != NULL ? removed : "", label != NULL ? label : "", second);
}

static void
update_row_numbers (ShmviewRegionBrowser     *self,
                    GtkTreeIter              *iter,
                    const ShmviewRegionEntry *entry,
                    int                       order)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  guint64 size = 0;
  int nattch = 0;
  int old_order = -1;
  gboolean removed = FALSE;

  gtk_tree_model_get (model, iter, COL_SIZE, &size, COL_ATTACHED_N, &nattch,
                      COL_REMOVED, &removed, COL_ORDER, &old_order, -1);
  if (size != entry->info.size)
    gtk_list_store_set (self->store, iter, COL_SIZE, entry->info.size, -1);
  if (nattch != entry->info.nattch)
    gtk_list_store_set (self->store, iter, COL_ATTACHED_N, entry->info.nattch, -1);
  if (removed != !!entry->info.removed)
    gtk_list_store_set (self->store, iter, COL_REMOVED, !!entry->info.removed, -1);
  if (old_order != order)
    gtk_list_store_set (self->store, iter, COL_ORDER, order, -1);
}

/* Every text column of a row, made from its entry. */
typedef struct
{
  const char *owner;
  char       *size_text;
  char       *short_size;
  char       *mode;
  char       *attached;
  char       *shown_name;
  char       *details;
  char       *markup;
  char       *tooltip;
} RowTexts;

static void
row_texts_init (ShmviewRegionBrowser     *self,
                RowTexts                 *t,
                const ShmviewRegionEntry *entry)
{
  t->owner = owner_name (self, entry->info.uid);
  t->size_text = shmview_format_exact_size (entry->info.size);
  t->short_size = shmview_format_short_size (entry->info.size);
  t->mode = g_strdup_printf ("%04o", entry->info.mode & 07777);
  t->attached = entry->info.nattch >= 0 ? g_strdup_printf ("%d", entry->info.nattch) : NULL;
  /* A POSIX name is bytes, and GTK draws only UTF-8: the row shows the name
   * escaped, and keeps the spec as it is, to attach that very object. */
  t->shown_name = shmview_format_escaped (entry->name);
  t->details = make_details (entry, t->short_size, t->owner);
  t->markup = make_markup (entry, t->shown_name, t->details);
  t->tooltip = make_tooltip (entry, t->shown_name, t->size_text, t->owner);
}

static void
row_texts_clear (RowTexts *t)
{
  g_free (t->size_text);
  g_free (t->short_size);
  g_free (t->mode);
  g_free (t->attached);
  g_free (t->shown_name);
  g_free (t->details);
  g_free (t->markup);
  g_free (t->tooltip);
}

/* A new row, all its columns at once: one row-inserted, no row-changed. */
static void
insert_row (ShmviewRegionBrowser     *self,
            GtkTreeIter              *iter,
            const ShmviewRegionEntry *entry,
            int                       order)
{
  RowTexts t;

  row_texts_init (self, &t, entry);
  gtk_list_store_insert_with_values (self->store, iter, order,
                                     COL_SPEC, entry->spec,
                                     COL_NAME, t.shown_name,
                                     COL_LABEL, entry->label,
                                     COL_KIND, shmview_describe_kind (entry->info.kind),
                                     COL_SIZE, entry->info.size,
                                     COL_SIZE_TEXT, t.short_size,
                                     COL_OWNER, t.owner,
                                     COL_MODE, t.mode,
                                     COL_ATTACHED, t.attached,
                                     COL_ATTACHED_N, entry->info.nattch,
                                     COL_REMOVED, !!entry->info.removed,
                                     COL_TOOLTIP, t.tooltip,
                                     COL_ORDER, order,
                                     COL_MARKUP, t.markup,
                                     -1);
  row_texts_clear (&t);
}

/* A row whose entry changed: only the columns that differ are set. */
static void
update_row (ShmviewRegionBrowser     *self,
            GtkTreeIter              *iter,
            const ShmviewRegionEntry *entry,
            int                       order)
{
  RowTexts t;

  row_texts_init (self, &t, entry);
  set_string (self->store, iter, COL_SPEC, entry->spec);
  set_string (self->store, iter, COL_NAME, t.shown_name);
  set_string (self->store, iter, COL_LABEL, entry->label);
  set_string (self->store, iter, COL_KIND, shmview_describe_kind (entry->info.kind));
  set_string (self->store, iter, COL_SIZE_TEXT, t.short_size);
  set_string (self->store, iter, COL_OWNER, t.owner);
  set_string (self->store, iter, COL_MODE, t.mode);
  set_string (self->store, iter, COL_ATTACHED, t.attached);
  set_string (self->store, iter, COL_TOOLTIP, t.tooltip);
  set_string (self->store, iter, COL_MARKUP, t.markup);
  update_row_numbers (self, iter, entry, order);
  row_texts_clear (&t);
}

static void
update_count (ShmviewRegionBrowser *self)
{
  guint total = self->last != NULL ? self->last->len : 0;
  guint shown = _shmview_region_browser_get_n_visible (self);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u region", "%u regions", total),
                            total);
  else
    /* Translators: "2 of 7 regions shown" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u region shown",
                                         "%u of %u regions shown", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* In place of a list without rows, why it has none: nothing on the machine,
 * or nothing that matches the filter. Not before the first listing, which
 * would flash "no regions" at every start. */
static void
update_empty_state (ShmviewRegionBrowser *self)
{
  gboolean none_at_all = self->last != NULL && self->last->len == 0;
  g_autofree char *title = NULL;

  if (self->last == NULL || _shmview_region_browser_get_n_visible (self) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (none_at_all)
    title = g_strdup (_("No shared memory regions yet"));
  else
    /* Translators: in place of the region list when the filter text matches no region */
    title = g_strdup_printf (_("No regions match “%s”"),
                             gtk_entry_get_text (GTK_ENTRY (self->search_entry)));
  gtk_label_set_text (self->empty_title, title);
  gtk_widget_set_visible (self->empty_hint, none_at_all);
  gtk_widget_set_visible (self->empty_create_button, none_at_all);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* What follows a change of the rows or of the filter. */
static void
update_shown (ShmviewRegionBrowser *self)
{
  update_count (self);
  update_empty_state (self);
}

/* Drops the rows whose spec is no longer listed. */
static void
remove_gone_rows (ShmviewRegionBrowser *self,
                  GHashTable           *listed)
{
  GHashTableIter it;
  gpointer spec, value;

  g_hash_table_iter_init (&it, self->rows);
  while (g_hash_table_iter_next (&it, &spec, &value))
    {
      Row *row = value;

      if (g_hash_table_contains (listed, spec))
        continue;
      gtk_list_store_remove (self->store, &row->iter);
      g_hash_table_iter_remove (&it);
    }
}

/* Moves @row to position @i of the store, if it is not there: the rows
 * kept stay in the core's order from listing to listing, so this is rare. */
static void
keep_in_place (ShmviewRegionBrowser *self,
               Row                  *row,
               guint                 i)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  g_autoptr(GtkTreePath) path = gtk_tree_model_get_path (model, &row->iter);
  GtkTreeIter there;

  if ((guint) gtk_tree_path_get_indices (path)[0] == i)
    return;
  if (gtk_tree_model_iter_nth_child (model, &there, NULL, (int) i))
    gtk_list_store_move_before (self->store, &row->iter, &there);
}

/* Inserts the new rows where the core lists them and updates those that
 * differ: the store is in the core's order, which is the order shown, so
 * no sort model has to compare 100,000 rows. Call it after the rows that
 * are gone were removed. */
static void
update_listed_rows (ShmviewRegionBrowser *self,
                    GPtrArray            *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ShmviewRegionEntry *entry = g_ptr_array_index (entries, i);
      Row *row = g_hash_table_lookup (self->rows, entry->spec);

      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          insert_row (self, &row->iter, entry, (int) i);
          g_hash_table_insert (self->rows, g_strdup (entry->spec), row);
        }
      else if (row->order != i)
        keep_in_place (self, row, i);

      if (row->entry != NULL && !entries_equal (row->entry, entry))
        update_row (self, &row->iter, entry, (int) i);
      else if (row->entry != NULL && row->order != i)
        gtk_list_store_set (self->store, &row->iter, COL_ORDER, (int) i, -1);
      row->entry = entry;
      row->order = i;
    }
}

/* The store, then the filter and the sort over it, made anew for @entries
 * and put in the view; the selected region stays selected. */
static void
rebuild_models (ShmviewRegionBrowser *self,
                GPtrArray            *entries)
{
  GtkTreeModel *old = GTK_TREE_MODEL (self->store);
  g_autofree GType *types = g_new0 (GType, gtk_tree_model_get_n_columns (old));
  g_autofree char *selected = _shmview_region_browser_dup_selected_spec (self);

  for (int c = 0; c < gtk_tree_model_get_n_columns (old); c++)
    types[c] = gtk_tree_model_get_column_type (old, c);

  /* filled before anything listens to it: no signal per row */
  g_hash_table_remove_all (self->rows);
  g_clear_object (&self->store);
  self->store = gtk_list_store_newv (gtk_tree_model_get_n_columns (old), types);
  update_listed_rows (self, entries);

  g_clear_object (&self->filter);
  self->filter = GTK_TREE_MODEL_FILTER (gtk_tree_model_filter_new (GTK_TREE_MODEL (self->store), NULL));
  gtk_tree_model_filter_set_visible_func (self->filter, row_visible, self, NULL);
  g_clear_object (&self->sort);
  self->sort = GTK_TREE_MODEL_SORT (gtk_tree_model_sort_new_with_model (GTK_TREE_MODEL (self->filter)));
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->sort));

  if (selected != NULL)
    shmview_region_browser_select (self, selected);
}

/* How many rows @entries adds or drops compared with what is shown. */
static guint
count_row_changes (ShmviewRegionBrowser *self,
                   GPtrArray            *entries,
                   GHashTable           *listed)
{
  guint kept = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      ShmviewRegionEntry *entry = g_ptr_array_index (entries, i);

      g_hash_table_add (listed, entry->spec);
      if (g_hash_table_contains (self->rows, entry->spec))
        kept++;
    }
  return (entries->len - kept) + (g_hash_table_size (self->rows) - kept);
}

/* Brings the store in line with @entries, touching only rows that changed;
 * FALSE when nothing did. */
static gboolean
apply_list (ShmviewRegionBrowser *self,
            GPtrArray            *entries)
{
  g_autoptr(GHashTable) listed = NULL;

  if (lists_equal (self->last, entries))
    return FALSE;

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  if (count_row_changes (self, entries, listed) > BULK_ROWS)
    rebuild_models (self, entries);
  else
    {
      remove_gone_rows (self, listed);
      update_listed_rows (self, entries);
    }

  g_clear_pointer (&self->last, g_ptr_array_unref);
  self->last = g_ptr_array_ref (entries);
  update_shown (self);
  return TRUE;
}

static void
apply_list_error (ShmviewRegionBrowser *self,
                  const GError         *error)
{
  g_autofree char *text = NULL;

  /* Translators: shown above the region list when it cannot be read */
  text = g_strdup_printf (_("Could not list the regions on this machine: %s"), error->message);
  if (g_strcmp0 (text, self->last_error) != 0)
    show_error (self, text);
  self->listing_failed = TRUE;
}

/* FALSE when the rows stayed as they were. */
static gboolean
apply_listing (ShmviewRegionBrowser *self,
               GPtrArray            *entries,
               const GError         *error)
{
  if (entries == NULL)
    {
      apply_list_error (self, error);
      return FALSE;
    }

  if (self->listing_failed)
    show_error (self, NULL);
  self->listing_failed = FALSE;
  return apply_list (self, entries);
}

/* The core's listing: of the machine, or of the places a test chose. */
static GPtrArray *
list_regions (const char        *posix_dir,
              const char        *sysvipc_path,
              ShmviewListFlags   flags,
              GError           **error)
{
  if (posix_dir == NULL)
    return shmview_region_list (flags, error);
  return shmview_region_list_from (posix_dir, sysvipc_path, flags, error);
}

void
shmview_region_browser_reload (ShmviewRegionBrowser *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHMVIEW_IS_REGION_BROWSER (self));

  entries = list_regions (self->posix_dir, self->sysvipc_path,
                          SHMVIEW_LIST_COUNT_POSIX_ATTACHES, &error);
  apply_listing (self, entries, error);
}

/* What a listing in the worker thread needs, copied: it never reads the
 * browser itself. */
typedef struct
{
  ShmviewListFlags  flags;
  char             *posix_dir;
  char             *sysvipc_path;
  gint64            cost_us;      /* set by the thread: the CPU time the listing took */
} ListJob;

/* CPU time of the calling thread: what the budget counts (wall time would
 * count waiting for a busy machine's other programs too). */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return g_get_monotonic_time ();
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
list_job_free (ListJob *job)
{
  g_free (job->posix_dir);
  g_free (job->sysvipc_path);
  g_free (job);
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ListJob *job = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  /* Off the main loop: counting attaches reads every /proc/PID/maps. The
   * core is GTK-free, so this thread touches no widget. */
  job->cost_us = thread_cpu_us ();
  entries = list_regions (job->posix_dir, job->sysvipc_path, job->flags, &error);
  job->cost_us = thread_cpu_us () - job->cost_us;
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* A listing made without counting takes the POSIX attach counts shown
 * so far. FALSE when a POSIX object is new: it needs a count. */
static gboolean
keep_counts (ShmviewRegionBrowser *self,
             GPtrArray            *entries)
{
  gboolean all_known = TRUE;

  for (guint i = 0; i < entries->len; i++)
    {
      ShmviewRegionEntry *entry = g_ptr_array_index (entries, i);
      const Row *shown;

      if (entry->info.kind != SHMVIEW_REGION_KIND_POSIX)
        continue;
      shown = g_hash_table_lookup (self->rows, entry->spec);
      if (shown != NULL)
        entry->info.nattch = shown->entry->info.nattch;
      else
        all_known = FALSE;
    }
  return all_known;
}

static void reload_async (ShmviewRegionBrowser *self,
                          ShmviewListFlags      flags);

static gboolean on_timer (gpointer user_data);

static void
start_timer (ShmviewRegionBrowser *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (self->next_ms, on_timer, self);
  g_source_set_name_by_id (self->timer_id, "[shmview] region browser refresh");
}

/* Listing 100,000 objects takes a while: the time between listings grows
 * so that they cost at most 1/BUDGET_SHARE of it. */
static void
keep_within_budget (ShmviewRegionBrowser *self,
                    gint64                cost_us)
{
  guint wanted = (guint) MIN ((gint64) 60 * REFRESH_MS,
                              MAX ((gint64) REFRESH_MS, cost_us * BUDGET_SHARE / 1000));

  if (wanted == self->next_ms)
    return;
  self->next_ms = wanted;
  if (self->timer_id != 0)
    start_timer (self);
}

static void
on_list_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ShmviewRegionBrowser *self = SHMVIEW_REGION_BROWSER (object);
  ListJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  start = thread_cpu_us ();
  if (entries != NULL && (job->flags & SHMVIEW_LIST_COUNT_POSIX_ATTACHES) == 0
      && !keep_counts (self, entries))
    {
      /* Show the new region with its count, not with a blank one first. */
      reload_async (self, SHMVIEW_LIST_COUNT_POSIX_ATTACHES);
      return;
    }
  if (apply_listing (self, entries, error))
    self->count_every = COUNT_EVERY;
  else if ((job->flags & SHMVIEW_LIST_COUNT_POSIX_ATTACHES) != 0)
    self->count_every = MIN (2 * self->count_every, COUNT_EVERY_MAX);
  keep_within_budget (self, job->cost_us + (thread_cpu_us () - start));
}

static void
reload_async (ShmviewRegionBrowser *self,
              ShmviewListFlags      flags)
{
  g_autoptr(GTask) task = NULL;
  ListJob *job;

  if (self->cancellable != NULL)
    return; /* the previous listing is still running: skip this tick */

  if ((flags & SHMVIEW_LIST_COUNT_POSIX_ATTACHES) != 0)
    self->ticks_since_count = 0;
  job = g_new0 (ListJob, 1);
  job->flags = flags;
  job->posix_dir = g_strdup (self->posix_dir);
  job->sysvipc_path = g_strdup (self->sysvipc_path);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_list_ready, NULL);
  g_task_set_source_tag (task, reload_async);
  g_task_set_task_data (task, job, (GDestroyNotify) list_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_in_thread);
}

/* Counts are worth their cost while someone looks at the window. */
static gboolean
counting_due (ShmviewRegionBrowser *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return self->ticks_since_count >= self->count_every
         && GTK_IS_WINDOW (toplevel) && gtk_window_is_active (GTK_WINDOW (toplevel));
}

static gboolean
window_iconified (ShmviewRegionBrowser *self)
{
  GdkWindow *window = gtk_widget_get_window (gtk_widget_get_toplevel (GTK_WIDGET (self)));

  return window != NULL && (gdk_window_get_state (window) & GDK_WINDOW_STATE_ICONIFIED) != 0;
}

void
shmview_region_browser_queue_reload (ShmviewRegionBrowser *self)
{
  g_return_if_fail (SHMVIEW_IS_REGION_BROWSER (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_async (self, SHMVIEW_LIST_COUNT_POSIX_ATTACHES);
}

static gboolean
on_timer (gpointer user_data)
{
  ShmviewRegionBrowser *self = SHMVIEW_REGION_BROWSER (user_data);

  if (window_iconified (self))
    return G_SOURCE_CONTINUE; /* nobody sees the list: no work at all */

  self->ticks_since_count++;
  reload_async (self, counting_due (self) ? SHMVIEW_LIST_COUNT_POSIX_ATTACHES
                                          : SHMVIEW_LIST_FLAGS_NONE);

  return G_SOURCE_CONTINUE;
}

/* A listing in flight is dropped: its result will not be applied. */
static void
cancel_listing (ShmviewRegionBrowser *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
stop_refreshing (ShmviewRegionBrowser *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  cancel_listing (self);
}

static void
shmview_region_browser_map (GtkWidget *widget)
{
  ShmviewRegionBrowser *self = SHMVIEW_REGION_BROWSER (widget);

  GTK_WIDGET_CLASS (shmview_region_browser_parent_class)->map (widget);

  /* Refresh only while someone can see the list. */
  self->count_every = COUNT_EVERY;
  reload_async (self, SHMVIEW_LIST_COUNT_POSIX_ATTACHES);
  if (self->timer_id == 0)
    start_timer (self);
}

static void
shmview_region_browser_unmap (GtkWidget *widget)
{
  stop_refreshing (SHMVIEW_REGION_BROWSER (widget));

  GTK_WIDGET_CLASS (shmview_region_browser_parent_class)->unmap (widget);
}

static gboolean
row_visible (GtkTreeModel *model,
             GtkTreeIter  *iter,
             gpointer      user_data)
{
  ShmviewRegionBrowser *self = user_data;
  /* what the row shows: "System V" and "postgres" find their regions too */
  const int columns[] = { COL_NAME, COL_SPEC, COL_LABEL, COL_KIND, COL_OWNER };

  if (self->filter_text == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *folded = NULL;

      gtk_tree_model_get (model, iter, columns[i], &value, -1);
      if (value == NULL)
        continue;
      /* the spec is kept as bytes: match what the row shows */
      shown = shmview_format_escaped (value);
      folded = g_utf8_casefold (shown, -1);
      if (strstr (folded, self->filter_text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
apply_filter (ShmviewRegionBrowser *self,
              const char           *text)
{
  g_clear_pointer (&self->filter_text, g_free);
  if (text != NULL && *text != '\0')
    self->filter_text = g_utf8_casefold (text, -1);

  gtk_tree_model_filter_refilter (self->filter);
  update_shown (self);
}

static void
on_search_changed (ShmviewRegionBrowser *self)
{
  apply_filter (self, gtk_entry_get_text (GTK_ENTRY (self->search_entry)));
}

static gboolean
get_selected (ShmviewRegionBrowser  *self,
              char                 **spec,
              char                 **name)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  GtkTreeModel *model = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return FALSE;

  gtk_tree_model_get (model, &iter, COL_SPEC, spec, COL_NAME, name, -1);
  return TRUE;
}

static void
on_row_activated (ShmviewRegionBrowser *self,
                  GtkTreePath          *path,
                  GtkTreeViewColumn    *column)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->sort);
  g_autofree char *spec = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_model_get_iter (model, &iter, path))
    return;

  gtk_tree_model_get (model, &iter, COL_SPEC, &spec, -1);
  g_signal_emit (self, signals[ATTACH], 0, spec, FALSE);
}

static gboolean
on_tree_button_press (ShmviewRegionBrowser *self,
                      GdkEventButton       *event)
{
  g_autoptr(GtkTreePath) path = NULL;

  if (!gdk_event_triggers_context_menu ((GdkEvent *) event))
    return GDK_EVENT_PROPAGATE;

  /* Right click acts on the row under the pointer, as in a file manager */
  if (!gtk_tree_view_get_path_at_pos (self->tree_view, (int) event->x, (int) event->y,
                                      &path, NULL, NULL, NULL))
    return GDK_EVENT_STOP;

  gtk_tree_selection_select_path (gtk_tree_view_get_selection (self->tree_view), path);
  gtk_menu_popup_at_pointer (self->context_menu, (GdkEvent *) event);
  return GDK_EVENT_STOP;
}

static gboolean
on_tree_popup_menu (ShmviewRegionBrowser *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  g_autoptr(GtkTreePath) path = NULL;
  GdkRectangle rect = { 0, };
  GdkWindow *bin;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return FALSE;

  /* Menu key / Shift+F10: open the menu at the selected row */
  path = gtk_tree_model_get_path (model, &iter);
  gtk_tree_view_get_cell_area (self->tree_view, path, NULL, &rect);
  bin = gtk_tree_view_get_bin_window (self->tree_view);
  rect.width = MAX (rect.width, 1);
  rect.height = MAX (rect.height, 1);
  gtk_menu_popup_at_rect (self->context_menu, bin, &rect, GDK_GRAVITY_SOUTH_WEST,
                          GDK_GRAVITY_NORTH_WEST, NULL);
  return TRUE;
}

static void
on_attach_activate (ShmviewRegionBrowser *self)
{
  shmview_region_browser_attach_selected (self, FALSE);
}

static void
on_attach_read_only_activate (ShmviewRegionBrowser *self)
{
  shmview_region_browser_attach_selected (self, TRUE);
}

static void
on_remove_activate (ShmviewRegionBrowser *self)
{
  shmview_region_browser_remove_selected (self);
}

static void
remove_region (ShmviewRegionBrowser *self,
               const char           *spec_text,
               const char           *name)
{
  g_autoptr(ShmviewSpec) spec = NULL;
  g_autoptr(GError) error = NULL;

  spec = shmview_spec_parse (spec_text, &error);
  if (spec == NULL || !shmview_region_remove_spec (spec, &error))
    {
      g_autofree char *text = shmview_describe_error (error, name);

      show_error (self, text);
      return;
    }

  show_error (self, NULL);
  shmview_region_browser_reload (self);
}

static void
on_remove_response (GtkDialog            *dialog,
                    int                   response,
                    ShmviewRegionBrowser *self)
{
  g_autofree char *spec = g_strdup (g_object_get_data (G_OBJECT (dialog), "spec"));
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (dialog), "name"));

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    remove_region (self, spec, name);
}

static void
shmview_region_browser_dispose (GObject *object)
{
  ShmviewRegionBrowser *self = SHMVIEW_REGION_BROWSER (object);

  stop_refreshing (self);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->sort);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->last, g_ptr_array_unref);
  g_clear_pointer (&self->owner_names, g_hash_table_unref);

  G_OBJECT_CLASS (shmview_region_browser_parent_class)->dispose (object);
}

static void
shmview_region_browser_finalize (GObject *object)
{
  ShmviewRegionBrowser *self = SHMVIEW_REGION_BROWSER (object);

  g_free (self->filter_text);
  g_free (self->last_error);
  g_free (self->posix_dir);
  g_free (self->sysvipc_path);

  G_OBJECT_CLASS (shmview_region_browser_parent_class)->finalize (object);
}

static void
shmview_region_browser_class_init (ShmviewRegionBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shmview_region_browser_dispose;
  object_class->finalize = shmview_region_browser_finalize;
  widget_class->map = shmview_region_browser_map;
  widget_class->unmap = shmview_region_browser_unmap;

  signals[ATTACH] =
    g_signal_new ("attach", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/shmview-region-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, error_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, tree_view);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, empty_title);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, empty_create_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, store);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, filter);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, sort);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, context_menu);
  gtk_widget_class_bind_template_child (widget_class, ShmviewRegionBrowser, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_button_press);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_popup_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_read_only_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_activate);
  gtk_widget_class_set_css_name (widget_class, "shmview-region-browser");
}

static void
shmview_region_browser_init (ShmviewRegionBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* ours from here on: a bulk change replaces them */
  g_object_ref (self->store);
  g_object_ref (self->filter);
  g_object_ref (self->sort);
  self->next_ms = REFRESH_MS;
  self->count_every = COUNT_EVERY;
  gtk_tree_model_filter_set_visible_func (self->filter, row_visible, self, NULL);
  gtk_menu_attach_to_widget (self->context_menu, GTK_WIDGET (self->tree_view), NULL);
  update_count (self);
}

GtkWidget *
shmview_region_browser_new (void)
{
  return g_object_new (SHMVIEW_TYPE_REGION_BROWSER, NULL);
}

GStrv
shmview_region_browser_dup_specs (ShmviewRegionBrowser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), NULL);

  for (guint i = 0; self->last != NULL && i < self->last->len; i++)
    {
      ShmviewRegionEntry *entry = g_ptr_array_index (self->last, i);

      g_strv_builder_add (builder, entry->spec);
    }

  return g_strv_builder_end (builder);
}

void
shmview_region_browser_set_filter (ShmviewRegionBrowser *self,
                                   const char           *text)
{
  g_return_if_fail (SHMVIEW_IS_REGION_BROWSER (self));

  /* The entry's "search-changed" comes after a delay: filter now as well. */
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), text != NULL ? text : "");
  apply_filter (self, text);
}

guint
_shmview_region_browser_get_n_visible (ShmviewRegionBrowser *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), 0);

  return (guint) gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->filter), NULL);
}

gboolean
shmview_region_browser_select (ShmviewRegionBrowser *self,
                               const char           *spec)
{
  g_autoptr(GtkTreePath) path = NULL;
  GtkTreeIter filter_iter, iter;
  Row *row;

  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  row = g_hash_table_lookup (self->rows, spec);
  if (row == NULL
      || !gtk_tree_model_filter_convert_child_iter_to_iter (self->filter, &filter_iter, &row->iter))
    return FALSE;  /* not listed, or filtered out */

  gtk_tree_model_sort_convert_child_iter_to_iter (self->sort, &iter, &filter_iter);
  path = gtk_tree_model_get_path (GTK_TREE_MODEL (self->sort), &iter);
  gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);
  gtk_tree_view_scroll_to_cell (self->tree_view, path, NULL, FALSE, 0, 0);
  return TRUE;
}

char *
_shmview_region_browser_dup_selected_spec (ShmviewRegionBrowser *self)
{
  g_autofree char *spec = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), NULL);

  if (!get_selected (self, &spec, &name))
    return NULL;

  return g_steal_pointer (&spec);
}

void
shmview_region_browser_attach_selected (ShmviewRegionBrowser *self,
                                        gboolean              read_only)
{
  g_autofree char *spec = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (SHMVIEW_IS_REGION_BROWSER (self));

  if (get_selected (self, &spec, &name))
    g_signal_emit (self, signals[ATTACH], 0, spec, read_only);
}

GtkWidget *
shmview_region_browser_remove_selected (ShmviewRegionBrowser *self)
{
  g_autofree char *spec = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown_spec = NULL;
  GtkWidget *toplevel;
  GtkWidget *dialog;
  GtkWidget *button;

  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), NULL);

  if (!get_selected (self, &spec, &name))
    return NULL;

  shown_spec = shmview_format_escaped (spec);
  toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Its name (%s) goes away at once, so no program "
                                              "can attach it any more. Programs that have it "
                                              "attached keep their memory until they let go. "
                                              "This cannot be undone."), shown_spec);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  g_object_set_data_full (G_OBJECT (dialog), "spec", g_steal_pointer (&spec), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_steal_pointer (&name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_widget_show (dialog);

  return dialog;
}

const char *
_shmview_region_browser_get_error (ShmviewRegionBrowser *self)
{
  g_return_val_if_fail (SHMVIEW_IS_REGION_BROWSER (self), NULL);

  if (!gtk_info_bar_get_revealed (self->error_bar))
    return NULL;

  return self->last_error;
}

void
_shmview_region_browser_list_from (ShmviewRegionBrowser *self,
                                   const char           *posix_dir,
                                   const char           *sysvipc_path)
{
  g_return_if_fail (SHMVIEW_IS_REGION_BROWSER (self));
  g_return_if_fail (posix_dir != NULL);

  /* what is being listed of the machine now must not land after this */
  cancel_listing (self);
  g_free (self->posix_dir);
  g_free (self->sysvipc_path);
  self->posix_dir = g_strdup (posix_dir);
  self->sysvipc_path = g_strdup (sysvipc_path);
}
