/* shmview-json-file.c: small JSON files of the user's, read and written safely
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What shmview remembers per region (layouts, bookmarks) lives in JSON files
 * under the user data directory. A file is replaced whole (g_file_set_contents
 * writes a temporary file and renames it over), so a crash leaves the old
 * one or the new one, never half of each; a file that does not parse is
 * moved aside and reported, so the next save does not destroy what the user
 * may still want back.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shmview-error.h"
#include "shmview-json-file.h"

/**
 * shmview_json_file_path:
 * @basename: "layouts.json"
 *
 * Returns: (transfer full): $XDG_DATA_HOME/shmview/@basename
 */
char *
shmview_json_file_path (const char *basename)
{
  g_return_val_if_fail (basename != NULL, NULL);

  return g_build_filename (g_get_user_data_dir (), "shmview", basename, NULL);
}

static char *
set_file_aside (const char  *path,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not move the unreadable file “%s” aside: %s"), path,
                   g_strerror (errsv));
      g_free (aside);
      return NULL;
    }
  return aside;
}

/**
 * shmview_json_file_load:
 * @path: the file
 * @set_aside: (out) (optional) (nullable): where a file that did not parse
 *   was moved, else %NULL
 * @error: return location for a #GError
 *
 * A missing file is no error: it gives %NULL with no error set. A file that
 * is not JSON is moved aside to PATH.corrupt-DATE and gives INVALID_ARGUMENT
 * saying so; the caller goes on as if there were none.
 *
 * Returns: (transfer full) (nullable): the file's root node
 */
JsonNode *
shmview_json_file_load (const char  *path,
                        char       **set_aside,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (set_aside != NULL)
    *set_aside = NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (json_parser_load_from_file (parser, path, &local_error))
    return json_node_copy (json_parser_get_root (parser));
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  aside = set_file_aside (path, error);
  if (aside == NULL)
    return NULL;
  g_set_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_INVALID_ARGUMENT,
               _("“%s” could not be read (%s); it was moved to “%s”"), path,
               local_error->message, aside);
  if (set_aside != NULL)
    *set_aside = g_steal_pointer (&aside);
  return NULL;
}

/**
 * shmview_json_file_save:
 * @path: the file (its directory is made, 0700, when missing)
 * @root: what to write
 * @error: return location for a #GError
 *
 * Replaces @path whole and atomically, mode 0600.
 */
gboolean
shmview_json_file_save (const char  *path,
                        JsonNode    *root,
                        GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL && root != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not make the directory “%s”: %s"), directory, g_strerror (errsv));
      return FALSE;
    }
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | G_FILE_SET_CONTENTS_ONLY_EXISTING, 0600, error);
}
