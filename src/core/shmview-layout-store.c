/* shmview-layout-store.c: which header and type each region was last read with
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * $XDG_DATA_HOME/shmview/layouts.json, keyed by the region's spec:
 *
 *   { "posix:/MapTrans": { "header": "/home/me/shared.h", "type": "struct shared",
 *                          "args": ["-I/home/me/include"], "offset": 0, "count": 1 } }
 *
 * The header is read again on each open (it may have changed: that is the
 * point of reading the program's own header), so only where it is is kept.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "shmview-json-file.h"
#include "shmview-layout-store.h"

#define STORE_FILE "layouts.json"

ShmviewLayoutPlacement *
shmview_layout_placement_new (const char         *header,
                              const char         *type_name,
                              const char * const *clang_args,
                              guint64             offset,
                              guint64             count)
{
  ShmviewLayoutPlacement *placement = g_new0 (ShmviewLayoutPlacement, 1);

  g_return_val_if_fail (header != NULL && type_name != NULL, NULL);

  placement->header = g_strdup (header);
  placement->type_name = g_strdup (type_name);
  placement->clang_args = g_strdupv ((char **) clang_args);
  placement->offset = offset;
  placement->count = MAX (count, 1);
  return placement;
}

ShmviewLayoutPlacement *
shmview_layout_placement_copy (const ShmviewLayoutPlacement *placement)
{
  g_return_val_if_fail (placement != NULL, NULL);

  return shmview_layout_placement_new (placement->header, placement->type_name,
                                       (const char * const *) placement->clang_args,
                                       placement->offset, placement->count);
}

void
shmview_layout_placement_free (ShmviewLayoutPlacement *placement)
{
  if (placement == NULL)
    return;
  g_free (placement->header);
  g_free (placement->type_name);
  g_strfreev (placement->clang_args);
  g_free (placement);
}

static ShmviewLayoutPlacement *
placement_from_json (JsonObject *object)
{
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) arg_list = NULL;
  const char *header = json_object_get_string_member_with_default (object, "header", NULL);
  const char *type = json_object_get_string_member_with_default (object, "type", NULL);
  JsonArray *array = json_object_has_member (object, "args")
                     ? json_object_get_array_member (object, "args") : NULL;

  if (header == NULL || type == NULL)
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *arg = json_array_get_string_element (array, i);

      if (arg != NULL)
        g_strv_builder_add (args, arg);
    }
  arg_list = g_strv_builder_end (args);
  return shmview_layout_placement_new (
      header, type, (const char * const *) arg_list,
      (guint64) MAX (json_object_get_int_member_with_default (object, "offset", 0), 0),
      (guint64) MAX (json_object_get_int_member_with_default (object, "count", 1), 1));
}

static JsonNode *
placement_to_json (const ShmviewLayoutPlacement *placement)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "header");
  json_builder_add_string_value (builder, placement->header);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, placement->type_name);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  for (guint i = 0; placement->clang_args != NULL && placement->clang_args[i] != NULL; i++)
    json_builder_add_string_value (builder, placement->clang_args[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, (gint64) placement->offset);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, (gint64) placement->count);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The store's object, empty when there is no (readable) file yet. */
static JsonObject *
load_store (GError **error)
{
  g_autofree char *path = shmview_json_file_path (STORE_FILE);
  g_autoptr(JsonNode) root = shmview_json_file_load (path, NULL, error);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

/**
 * shmview_layout_store_lookup:
 * @spec: the region's spec as shmview_region_dup_spec_string() gives it
 * @error: return location for a #GError: a store that could not be read
 *   (it is then set aside, see shmview_json_file_load())
 *
 * Returns: (transfer full) (nullable): the placement last remembered for
 *   @spec, or %NULL
 */
ShmviewLayoutPlacement *
shmview_layout_store_lookup (const char  *spec,
                             GError     **error)
{
  g_autoptr(JsonObject) store = load_store (error);
  JsonNode *node;

  g_return_val_if_fail (spec != NULL, NULL);

  node = json_object_get_member (store, spec);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return placement_from_json (json_node_get_object (node));
}

/**
 * shmview_layout_store_remember:
 * @spec: the region's spec
 * @placement: (nullable): what to remember; %NULL forgets
 * @error: return location for a #GError
 */
gboolean
shmview_layout_store_remember (const char                   *spec,
                               const ShmviewLayoutPlacement *placement,
                               GError                      **error)
{
  g_autoptr(GError) load_error = NULL;
  g_autoptr(JsonObject) store = load_store (&load_error);
  g_autofree char *path = shmview_json_file_path (STORE_FILE);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (spec != NULL, FALSE);

  /* An unreadable store was set aside: start a new one rather than give up. */
  if (load_error != NULL)
    g_warning ("%s", load_error->message);
  if (placement != NULL)
    json_object_set_member (store, spec, placement_to_json (placement));
  else
    json_object_remove_member (store, spec);
  json_node_set_object (root, store);
  return shmview_json_file_save (path, root, error);
}
