/* shmview-json-file.h: small JSON files of the user's, read and written safely
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *shmview_json_file_path (const char  *basename);
JsonNode *shmview_json_file_load (const char  *path,
                                  char       **set_aside,
                                  GError     **error);
gboolean  shmview_json_file_save (const char  *path,
                                  JsonNode    *root,
                                  GError     **error);

G_END_DECLS
