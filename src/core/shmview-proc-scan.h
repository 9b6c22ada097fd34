/* shmview-proc-scan.h: who maps what, from one pass over /proc/PID/maps
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scan reads every /proc/PID/maps this process may read, once, and
 * keeps each shared mapping (rw-s or r--s) of an object with an inode:
 *
 *   7f1c2a000000-7f1c2a001000 rw-s 00000000 00:1a 18        /dev/shm/MapTrans
 *   7f1c29f00000-7f1c29f40000 rw-s 00000000 00:01 4211     /memfd:wayland-shm (deleted)
 *   7f1c29e00000-7f1c29f00000 rw-s 00000000 00:01 2161     /dev/zero (deleted)
 *   7f1c29d00000-7f1c29d01000 rw-s 00000000 00:01 32769    /SYSV0000abcd
 *
 * Objects are keyed by device and inode (a System V segment's inode is its
 * shmid), each with the processes that map it. Processes whose maps cannot
 * be read (another user's) are counted, so a count can say "N visible, more
 * may be attached" rather than "0 attached". Private mappings (libraries)
 * are not attachments and are left out.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SHMVIEW_PROC_OBJECT_POSIX,      /* a file under /dev/shm */
  SHMVIEW_PROC_OBJECT_FILE,       /* any other file (or device) mapped shared */
  SHMVIEW_PROC_OBJECT_SYSV,       /* /SYSVkkkkkkkk: the inode is the shmid */
  SHMVIEW_PROC_OBJECT_MEMFD,      /* /memfd:NAME (deleted) */
  SHMVIEW_PROC_OBJECT_DELETED,    /* a file or POSIX object mapped after its removal */
  SHMVIEW_PROC_OBJECT_ANONYMOUS,  /* MAP_SHARED|MAP_ANONYMOUS: /dev/zero (deleted) */
} ShmviewProcObjectKind;

/* One process's shared mappings of one object (the first range it maps;
 * access sums up all of them). */
typedef struct
{
  gint      pid;
  guint32   uid;
  char     *command;      /* /proc/PID/stat's comm, e.g. "postgres" */
  char     *user;         /* user name, or the uid as text */
  guint64   start_time;   /* clock ticks after boot: smaller is older */
  guint64   start;        /* first mapped range [start, end) */
  guint64   end;
  guint64   offset;       /* file offset of @start */
  gboolean  writable;     /* some mapping of it is rw-s */
  gboolean  all_rw_shared;/* every mapping of it in this process is rw-s */
  gboolean  is_self;      /* this process (shmview or shmtool itself) */
  gboolean  is_x_server;  /* Xorg, Xvfb, Xwayland, …: MIT-SHM attaches clients' segments */
} ShmviewProcMapping;

typedef struct
{
  ShmviewProcObjectKind kind;
  guint64    dev;
  guint64    ino;
  gint       shmid;      /* SYSV: the shmid, else -1 */
  gint32     key;        /* SYSV: the key in the name, else 0 */
  char      *path;       /* as maps shows it, without " (deleted)" */
  char      *name;       /* memfd: NAME; SYSV: "0x0000abcd"; else @path */
  guint64    size;       /* the largest offset + length any process maps */
  /* (element-type ShmviewProcMapping): one per process, oldest first */
  GPtrArray *mappings;
} ShmviewProcObject;

#define SHMVIEW_TYPE_PROC_SCAN (shmview_proc_scan_get_type ())
G_DECLARE_FINAL_TYPE (ShmviewProcScan, shmview_proc_scan, SHMVIEW, PROC_SCAN, GObject)

/* Synchronous: for the CLI and for worker threads. */
ShmviewProcScan         *shmview_proc_scan_new              (GCancellable         *cancellable,
                                                             GError              **error);
/* In a worker thread (never the GTK main loop's). */
void                     shmview_proc_scan_new_async        (GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
ShmviewProcScan         *shmview_proc_scan_new_finish       (GAsyncResult         *result,
                                                             GError              **error);

/* Processes whose maps were read, and those whose maps could not be. */
guint                    shmview_proc_scan_get_n_processes  (ShmviewProcScan      *self);
guint                    shmview_proc_scan_get_n_unreadable (ShmviewProcScan      *self);
/* (element-type ShmviewProcObject) (transfer none): every object seen. */
GPtrArray               *shmview_proc_scan_get_objects      (ShmviewProcScan      *self);
const ShmviewProcObject *shmview_proc_scan_lookup_inode     (ShmviewProcScan      *self,
                                                             guint64               dev,
                                                             guint64               ino);
const ShmviewProcObject *shmview_proc_scan_lookup_sysv      (ShmviewProcScan      *self,
                                                             gint                  shmid);

/* Memory /dev/shm does not show: memfd, deleted and anonymous objects. */
gboolean                 shmview_proc_object_is_hidden      (const ShmviewProcObject *object);
/* The process that has mapped it longest (the first of @mappings). */
const ShmviewProcMapping *shmview_proc_object_get_oldest    (const ShmviewProcObject *object);
/* "pid:PID@0xSTART" of the oldest mapping: opens this object. */
char                    *shmview_proc_object_dup_spec       (const ShmviewProcObject *object);
/* For a System V segment created by @cpid: the client pid when an X server
 * maps it and did not create it (MIT-SHM: "X11 shared image of PID"), else 0. */
gint                     shmview_proc_object_get_x11_client (const ShmviewProcObject *object,
                                                             gint                     cpid);
/* "memfd", "deleted", "anonymous", "posix", "file", "sysv". */
const char              *shmview_proc_object_kind_to_string (ShmviewProcObjectKind    kind);

G_END_DECLS
