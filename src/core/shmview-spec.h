/* shmview-spec.h: region specs, one parser for the CLI and the app
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepted text:
 *   MapTrans, /MapTrans, posix:/MapTrans, posix:MapTrans   POSIX shm object /MapTrans
 *   sysv:KEY     System V segment by key (decimal or 0x-hex, as ipcs -m prints)
 *   sysvid:ID    System V segment by shmid
 *   file:PATH    a regular file, mapped MAP_SHARED
 *   pid:PID@ADDR the object process PID maps at address ADDR (hex, 0x
 *                optional; any address inside the mapping): a memfd, a
 *                deleted file, anonymous shared memory, any mapped file
 * Errors (SHMVIEW_ERROR_INVALID_ARGUMENT): empty names, a further '/' in a POSIX
 * name, names longer than NAME_MAX, "." and "..", bad numbers, an empty path.
 * Any other byte may be in a name, line breaks too: other programs make such
 * names, and what they made must open. The text is a C string, so a NUL byte
 * ends it and can never be part of a name or a path.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_REGION_KIND_POSIX,
  SHMVIEW_REGION_KIND_SYSV,
  SHMVIEW_REGION_KIND_FILE,
  SHMVIEW_REGION_KIND_PROCESS,  /* pid:PID@ADDR: what a process maps there */
} ShmviewRegionKind;

typedef struct
{
  ShmviewRegionKind kind;
  char    *name;    /* POSIX: "/MapTrans" (leading slash); FILE: the path; SYSV: NULL */
  gboolean by_id;   /* SYSV: TRUE for sysvid:ID, FALSE for sysv:KEY */
  gint32   key;     /* SYSV key when !by_id (0 is IPC_PRIVATE: create makes a new one) */
  gint     id;      /* SYSV shmid when by_id */
  gint     pid;     /* PROCESS: the process */
  guint64  address; /* PROCESS: an address inside its mapping */
} ShmviewSpec;

/* A relative file: path stays as typed, taken against the current directory
 * when the region is opened. */
ShmviewSpec *shmview_spec_parse             (const char        *text,
                                             GError           **error);
/* The same, with a file: path made absolute against @cwd (NULL: the current
 * directory) and canonical in form (no "//" or "." components), but not
 * resolved: symlinks and ".." stay, so a link as the last component is still
 * refused. For specs that are opened elsewhere than where they were typed:
 * the app passes g_application_command_line_get_cwd() of a second instance. */
ShmviewSpec *shmview_spec_parse_in_dir      (const char        *text,
                                             const char        *cwd,
                                             GError           **error);
ShmviewSpec *shmview_spec_new_sysv_id       (gint               id);
ShmviewSpec *shmview_spec_new_process       (gint               pid,
                                             guint64            address);
ShmviewSpec *shmview_spec_copy              (const ShmviewSpec *spec);
void         shmview_spec_free              (ShmviewSpec       *spec);
gboolean     shmview_spec_equal             (const ShmviewSpec *a,
                                             const ShmviewSpec *b);
/* TRUE for "sysv:0": key IPC_PRIVATE, which names no existing segment; creating
 * with it makes a new one that only its id (sysvid:ID) finds again. */
gboolean     shmview_spec_is_private        (const ShmviewSpec *spec);
/* Canonical text that parses back to an equal spec:
 * "/MapTrans", "sysv:0x0000abcd", "sysvid:32769", "file:/tmp/x",
 * "pid:1234@0x7f1c2a000000". */
char        *shmview_spec_to_string         (const ShmviewSpec *spec);
/* Short name for titles and tabs: "MapTrans", "sysv:0x0000abcd", "sysvid:3", "x" (basename). */
char        *shmview_spec_to_display_name   (const ShmviewSpec *spec);
/* "POSIX", "System V", "File", "Process memory" (untranslated; the app translates with C_("region kind", …)). */
const char  *shmview_region_kind_to_string  (ShmviewRegionKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShmviewSpec, shmview_spec_free)

G_END_DECLS
