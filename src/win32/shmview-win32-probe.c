/* shmview-win32-probe.c: drives the Win32 backend from a command line
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain-C Windows program (no GLib: Debian has none for mingw) that
 * opens a named section through shmview_backend_win32_ops, the way the
 * region does on Linux, and prints what it finds. The win32 test suite runs
 * it under Wine next to the lesson's own server and client.
 *
 *   shmview-win32-probe info NAME             size, read-only
 *   shmview-win32-probe read NAME [--hex]     the text up to the first NUL, or hex
 *   shmview-win32-probe write NAME STRING     STRING and its NUL at offset 0
 *   shmview-win32-probe read-only-check NAME  a read-only open refuses writes
 *   shmview-win32-probe create NAME SIZE      creates it, holds it until stdin ends
 *   shmview-win32-probe guard-inside COUNT    COUNT faults inside guarded copies
 *   shmview-win32-probe guard-outside         one fault outside: must kill us
 *
 * NAME is any Unicode name ("MapTrans", "Local\\MapTrans", "慍呰慲獮"); the
 * arguments come in as UTF-16 (wmain) and go to the backend as UTF-8.
 * Failures print "probe: WHAT: ENAME (N)" to stderr and exit 1.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "shmview-backend.h"
#include "shmview-guard.h"

static const char *
errno_name (int err)
{
  static const struct { int value; const char *name; } names[] = {
    { ENOENT, "ENOENT" }, { EACCES, "EACCES" }, { EEXIST, "EEXIST" },
    { EINVAL, "EINVAL" }, { ENODEV, "ENODEV" }, { ENOMEM, "ENOMEM" },
    { ERANGE, "ERANGE" }, { EFAULT, "EFAULT" }, { ENOTSUP, "ENOTSUP" },
    { ENOSPC, "ENOSPC" }, { EIO, "EIO" },
  };

  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].value == err)
      return names[i].name;
  return "E?";
}

static int
fail (const char *what,
      int         err)
{
  fprintf (stderr, "probe: %s: %s (%d)\n", what, errno_name (err), err);
  return 1;
}

/* @wide as newly allocated UTF-8. */
static char *
utf8 (const wchar_t *wide)
{
  int n = WideCharToMultiByte (CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
  char *s = malloc (n > 0 ? (size_t) n : 1);

  if (s == NULL)
    exit (fail ("out of memory", ENOMEM));
  s[0] = '\0';
  if (n > 0)
    WideCharToMultiByte (CP_UTF8, 0, wide, -1, s, n, NULL, NULL);
  return s;
}

static int
open_backend (ShmviewBackend *b,
              const char     *name,
              unsigned        flags,
              uint64_t        size)
{
  ShmviewBackendTarget t = { .name = name, .flags = flags, .size = size, .mode = 0600 };

  shmview_backend_init (b);
  b->ops = &shmview_backend_win32_ops;
  return b->ops->open (b, &t);
}

static int
cmd_info (const char *name)
{
  ShmviewBackend b;
  ShmviewBackendInfo info;
  int err;

  if ((err = open_backend (&b, name, 0, 0)) != 0)
    return fail ("open", err);
  if ((err = b.ops->stat (&b, &info)) != 0)
    return fail ("stat", err);
  printf ("size: %llu\nread-only: %d\n", (unsigned long long) info.size, b.read_only);
  b.ops->close (&b);
  return 0;
}

static int
cmd_read (const char *name,
          int         hex)
{
  ShmviewBackend b;
  char *buffer;
  size_t n_read = 0;
  int err;

  if ((err = open_backend (&b, name, SHMVIEW_BACKEND_READ_ONLY, 0)) != 0)
    return fail ("open", err);
  if ((buffer = malloc (b.open_size)) == NULL)
    return fail ("read", ENOMEM);
  if ((err = b.ops->read (&b, 0, buffer, b.open_size, &n_read)) != 0)
    return fail ("read", err);
  if (hex)
    {
      /* The first 64 bytes are enough to see a name and its padding. */
      for (size_t i = 0; i < n_read && i < 64; i++)
        printf ("%02x%s", (unsigned char) buffer[i], i % 16 == 15 ? "\n" : " ");
    }
  else
    {
      fwrite (buffer, 1, strnlen (buffer, n_read), stdout);
      putchar ('\n');
    }
  free (buffer);
  b.ops->close (&b);
  return 0;
}

static int
cmd_write (const char *name,
           const char *text)
{
  ShmviewBackend b;
  int err;

  if ((err = open_backend (&b, name, 0, 0)) != 0)
    return fail ("open", err);
  if ((err = b.ops->write (&b, 0, text, strlen (text) + 1)) != 0)
    return fail ("write", err);
  printf ("wrote %zu bytes\n", strlen (text) + 1);
  b.ops->close (&b);
  return 0;
}

/* A read-only open must refuse write and fill, and leave the bytes as they
 * were. */
static int
cmd_read_only_check (const char *name)
{
  ShmviewBackend b;
  char before[16], after[16];
  size_t n = 0;
  int err, werr, ferr;

  if ((err = open_backend (&b, name, SHMVIEW_BACKEND_READ_ONLY, 0)) != 0)
    return fail ("open", err);
  if ((err = b.ops->read (&b, 0, before, sizeof before, &n)) != 0)
    return fail ("read", err);
  werr = b.ops->write (&b, 0, "written", 8);
  ferr = b.ops->fill (&b, 0, 'x', 8);
  if ((err = b.ops->read (&b, 0, after, sizeof after, &n)) != 0)
    return fail ("read", err);
  printf ("read-only: %d\nwrite: %s\nfill: %s\nunchanged: %d\n", b.read_only,
          werr ? errno_name (werr) : "OK", ferr ? errno_name (ferr) : "OK",
          memcmp (before, after, sizeof before) == 0);
  b.ops->close (&b);
  return werr == EACCES && ferr == EACCES && memcmp (before, after, sizeof before) == 0 ? 0 : 1;
}

static int
cmd_create (const char *name,
            const char *size)
{
  ShmviewBackend b;
  int err;

  if ((err = open_backend (&b, name, SHMVIEW_BACKEND_CREATE | SHMVIEW_BACKEND_EXCLUSIVE,
                           strtoull (size, NULL, 10))) != 0)
    return fail ("create", err);
  printf ("created: %d\nsize: %llu\n", b.created, (unsigned long long) b.open_size);
  fflush (stdout);
  while (getchar () != EOF)
    ;
  b.ops->close (&b);
  return 0;
}

/* A page no access is allowed to. */
static char *
forbidden_page (void)
{
  char *page = VirtualAlloc (NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);

  if (page == NULL)
    exit (fail ("VirtualAlloc", ENOMEM));
  return page;
}

static int
cmd_guard_inside (const char *count_text)
{
  long count = strtol (count_text, NULL, 10);
  char *page = forbidden_page ();
  char buffer[64];
  long faults = 0;

  for (long i = 0; i < count; i++)
    {
      /* Reading from the page, writing to it, and filling it. */
      faults += shmview_guard_copy (buffer, page + 8, sizeof buffer) == EFAULT;
      faults += shmview_guard_copy (page + 100, buffer, sizeof buffer) == EFAULT;
      faults += shmview_guard_set (page, 0, 16) == EFAULT;
    }
  /* And the guard still copies what it can. */
  printf ("faults: %ld of %ld\nplain copy: %d\n", faults, 3 * count,
          shmview_guard_copy (buffer, "ezhchai", 8) == 0 && strcmp (buffer, "ezhchai") == 0);
  return faults == 3 * count ? 0 : 1;
}

static LONG WINAPI
report_unhandled (EXCEPTION_POINTERS *pointers)
{
  fprintf (stderr, "probe: unhandled exception %08lx\n",
           (unsigned long) pointers->ExceptionRecord->ExceptionCode);
  fflush (stderr);
  TerminateProcess (GetCurrentProcess (), pointers->ExceptionRecord->ExceptionCode);
  return EXCEPTION_EXECUTE_HANDLER;
}

static int
cmd_guard_outside (void)
{
  volatile char *page = forbidden_page ();
  char buffer[8];

  /* The guard is installed, but this read is not inside a guarded copy:
   * the fault must reach the top of the chain, where report_unhandled()
   * ends the process with the exception's code (and no debugger is
   * started, which under Wine takes seconds and prints pages). */
  SetUnhandledExceptionFilter (report_unhandled);
  if (shmview_guard_copy (buffer, "x", 1) != 0)
    return fail ("guard", EFAULT);
  printf ("about to fault\n");
  fflush (stdout);
  buffer[0] = page[0];
  printf ("survived: %d\n", buffer[0]);
  return 0;
}

static int
usage (void)
{
  fprintf (stderr, "usage: shmview-win32-probe info|read [--hex]|write|read-only-check|create"
                   "|guard-inside|guard-outside ...\n");
  return 2;
}

/* -municode: the entry point that gets the arguments as UTF-16. */
int wmain (int      argc,
           wchar_t *wargv[]);

int
wmain (int      argc,
       wchar_t *wargv[])
{
  char **argv = calloc ((size_t) argc + 1, sizeof *argv);

  /* Our own bytes, not the C runtime's \r\n. */
  _setmode (_fileno (stdout), _O_BINARY);
  for (int i = 0; i < argc; i++)
    argv[i] = utf8 (wargv[i]);
  if (argc < 2)
    return usage ();

  if (strcmp (argv[1], "info") == 0 && argc == 3)
    return cmd_info (argv[2]);
  if (strcmp (argv[1], "read") == 0 && argc == 3)
    return cmd_read (argv[2], 0);
  if (strcmp (argv[1], "read") == 0 && argc == 4 && strcmp (argv[3], "--hex") == 0)
    return cmd_read (argv[2], 1);
  if (strcmp (argv[1], "write") == 0 && argc == 4)
    return cmd_write (argv[2], argv[3]);
  if (strcmp (argv[1], "read-only-check") == 0 && argc == 3)
    return cmd_read_only_check (argv[2]);
  if (strcmp (argv[1], "create") == 0 && argc == 4)
    return cmd_create (argv[2], argv[3]);
  if (strcmp (argv[1], "guard-inside") == 0 && argc == 3)
    return cmd_guard_inside (argv[2]);
  if (strcmp (argv[1], "guard-outside") == 0 && argc == 2)
    return cmd_guard_outside ();
  return usage ();
}
