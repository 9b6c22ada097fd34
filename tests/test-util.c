/* test-util.c
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cleanup net (see test-util.h) is a fixed table of what to remove, plus
 * the private directory of shmview_test_temp_path(). The table is filled
 * outside any signal handler and only read inside one, where the removal
 * uses plain system calls (shm_unlink, shmctl, getdents64, unlinkat): no
 * malloc, which a handler may not call.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-util.h"

typedef enum
{
  TRACKED_POSIX,
  TRACKED_SYSV,
  TRACKED_SYSV_KEY,
} TrackedKind;

typedef struct
{
  TrackedKind  kind;
  char        *name;   /* POSIX */
  int          shmid;  /* or the key, for TRACKED_SYSV_KEY */
  pid_t        cpid;   /* System V: the creator, so a reused id is left alone */
} Tracked;

#define MAX_TRACKED 4096

static Tracked                tracked[MAX_TRACKED];
static volatile sig_atomic_t  n_tracked;
static char                  *temp_dir;
static int                    temp_dir_fd = -1;
/* Only the process that registered removes: a forked child that exits
 * must not take its parent's regions with it. */
static pid_t                  owner_pid;
static GMutex                 tracked_lock;

/* SIGTRAP: a fatal g_warning() or g_critical() ends in G_BREAKPOINT (GLib
 * assumes a debugger may be attached, and one would see the trap first). */
static const int fatal_signals[] = { SIGABRT, SIGTRAP, SIGTERM, SIGINT, SIGHUP };

static void
remove_tracked (const Tracked *t)
{
  struct shmid_ds ds;
  int id;

  switch (t->kind)
    {
    case TRACKED_POSIX:
      shm_unlink (t->name);
      break;
    case TRACKED_SYSV:
      if (shmctl (t->shmid, IPC_STAT, &ds) == 0 && ds.shm_cpid == t->cpid)
        shmctl (t->shmid, IPC_RMID, NULL);
      break;
    case TRACKED_SYSV_KEY:
      if ((id = shmget ((key_t) t->shmid, 0, 0)) >= 0)
        shmctl (id, IPC_RMID, NULL);
      break;
    default:
      break;
    }
}

/* The layout getdents64 fills a buffer with. */
struct linux_dirent64
{
  ino64_t        d_ino;
  off64_t        d_off;
  unsigned short d_reclen;
  unsigned char  d_type;
  char           d_name[];
};

/* Removes every entry of the directory @dirfd, and of directories in it down
 * to @depth more levels. Returns how many entries it removed. */
static int
empty_directory (int dirfd,
                 int depth)
{
  char buf[4096];
  long n;
  int removed = 0;

  lseek (dirfd, 0, SEEK_SET);
  while ((n = syscall (SYS_getdents64, dirfd, buf, sizeof buf)) > 0)
    for (long pos = 0; pos < n;)
      {
        struct linux_dirent64 *d = (struct linux_dirent64 *) (buf + pos);
        int sub;

        pos += d->d_reclen;
        if (strcmp (d->d_name, ".") == 0 || strcmp (d->d_name, "..") == 0)
          continue;
        if (unlinkat (dirfd, d->d_name, 0) == 0)
          removed++;
        else if (errno == EISDIR && depth > 0 &&
                 (sub = openat (dirfd, d->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)) >= 0)
          {
            while (empty_directory (sub, depth - 1) > 0)
              ;
            close (sub);
            removed += unlinkat (dirfd, d->d_name, AT_REMOVEDIR) == 0;
          }
      }
  return removed;
}

/* Async-signal-safe: system calls on data written before it was published. */
static void
remove_everything (void)
{
  int saved_errno = errno;

  if (owner_pid != getpid ())
    return;
  for (int i = n_tracked - 1; i >= 0; i--)
    remove_tracked (&tracked[i]);
  /* Removing entries while reading the directory may skip some: go again
   * until a pass finds nothing left. */
  if (temp_dir_fd >= 0)
    while (empty_directory (temp_dir_fd, 4) > 0)
      ;
  if (temp_dir != NULL)
    rmdir (temp_dir);
  errno = saved_errno;
}

static void
on_fatal_signal (int sig)
{
  remove_everything ();
  /* Die of the same signal, as if we had never been here. */
  signal (sig, SIG_DFL);
  raise (sig);
}

/* Catches only signals nobody else handles: a test that installs its own
 * handler keeps it. */
static void
install_cleanup (void)
{
  owner_pid = getpid ();
  atexit (remove_everything);
  for (gsize i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    {
      struct sigaction old, action = { .sa_handler = on_fatal_signal };

      sigemptyset (&action.sa_mask);
      if (sigaction (fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
        sigaction (fatal_signals[i], &action, NULL);
    }
}

static void
ensure_cleanup_installed (void)
{
  if (owner_pid != getpid ())
    install_cleanup ();
}

static void
track (TrackedKind  kind,
       const char  *name,
       int          shmid,
       pid_t        cpid)
{
  Tracked *t;

  g_mutex_lock (&tracked_lock);
  ensure_cleanup_installed ();
  g_assert_cmpint (n_tracked, <, MAX_TRACKED);
  t = &tracked[n_tracked];
  t->kind = kind;
  t->name = g_strdup (name);
  t->shmid = shmid;
  t->cpid = cpid;
  /* Published only once complete: a handler never sees half an entry. */
  __atomic_store_n (&n_tracked, n_tracked + 1, __ATOMIC_RELEASE);
  g_mutex_unlock (&tracked_lock);
}

char *
shmview_test_unique_posix_name (const char *tag)
{
  static gint counter;
  char *name = g_strdup_printf ("/shmview-test-%d-%d-%s", (int) getpid (),
                                g_atomic_int_add (&counter, 1), tag);

  track (TRACKED_POSIX, name, -1, 0);
  return name;
}

void
shmview_test_track_posix (const char *name)
{
  track (TRACKED_POSIX, name, -1, 0);
}

char *
shmview_test_temp_path (const char *basename)
{
  g_mutex_lock (&tracked_lock);
  if (temp_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("shmview-test-XXXXXX", NULL);
      g_assert_nonnull (temp_dir);
      temp_dir_fd = open (temp_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      g_assert_no_errno (temp_dir_fd);
      ensure_cleanup_installed ();
    }
  g_mutex_unlock (&tracked_lock);
  return g_build_filename (temp_dir, basename, NULL);
}

int
shmview_test_posix_create (const char *name,
                           gsize       size)
{
  int fd = shm_open (name, O_RDWR | O_CREAT | O_EXCL, 0600);

  g_assert_no_errno (fd);
  g_assert_no_errno (ftruncate (fd, (off_t) size));
  return fd;
}

char *
shmview_test_posix_path (const char *name)
{
  return g_strconcat ("/dev/shm", name, NULL);
}

void
shmview_test_posix_unlink (const char *name)
{
  if (shm_unlink (name) != 0 && errno != ENOENT)
    g_test_message ("shm_unlink %s: %s", name, g_strerror (errno));
}

void
shmview_test_track_sysv (int shmid)
{
  struct shmid_ds ds;

  if (shmid >= 0 && shmctl (shmid, IPC_STAT, &ds) == 0)
    track (TRACKED_SYSV, NULL, shmid, ds.shm_cpid);
}

void
shmview_test_track_sysv_key (gint32 key)
{
  track (TRACKED_SYSV_KEY, NULL, key, 0);
}

int
shmview_test_sysv_private (gsize size,
                           int   mode)
{
  int id = shmget (IPC_PRIVATE, size, IPC_CREAT | mode);

  g_assert_no_errno (id);
  shmview_test_track_sysv (id);
  return id;
}

void *
shmview_test_sysv_attach (int shmid,
                          int flags)
{
  void *addr = shmat (shmid, NULL, flags);

  g_assert_true (addr != (void *) -1);
  return addr;
}

void
shmview_test_note (const char *what,
                   const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("%s “%s”", what, escaped);
}

gboolean
shmview_test_skip_without_sysv (void)
{
  int id = shmget (IPC_PRIVATE, 4096, IPC_CREAT | 0600);

  if (id < 0)
    {
      g_test_skip_printf ("System V shm unavailable here: %s", g_strerror (errno));
      return TRUE;
    }
  shmctl (id, IPC_RMID, NULL);
  return FALSE;
}

char *
shmview_test_build_path (const char *relpath)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  if (g_str_has_suffix (relpath, "shmtool") && g_getenv ("SHMTOOL") != NULL)
    return g_strdup (g_getenv ("SHMTOOL"));
  if (g_str_has_suffix (relpath, "shmview") && g_getenv ("SHMVIEW") != NULL)
    return g_strdup (g_getenv ("SHMVIEW"));
  g_assert_nonnull (builddir);
  return g_build_filename (builddir, "..", relpath, NULL);
}

int
shmview_test_communicate (GSubprocess  *proc,
                          char        **out,
                          char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}
