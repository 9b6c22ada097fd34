/* sysv-lesson.c: the lesson with System V calls (shmget/shmat)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sysv-lesson create KEY [TEXT]  make a new 256-byte segment (0600, failing
 *                                  if the key exists), strcpy TEXT (default
 *                                  "ezhchai") into it, print its shmid
 *   sysv-lesson read KEY           attach the existing segment read-only and
 *                                  puts the C string at its start
 * KEY is decimal or 0x-hex.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define SEG_SIZE 256

static int
create (key_t       key,
        const char *text)
{
  char *seg;
  int id;

  if (strlen (text) >= SEG_SIZE)
    {
      fputs ("sysv-lesson: create: text too long\n", stderr);
      return 2;
    }
  id = shmget (key, SEG_SIZE, IPC_CREAT | IPC_EXCL | 0600);
  if (id < 0 || (seg = shmat (id, NULL, 0)) == (void *) -1)
    {
      fprintf (stderr, "sysv-lesson: create: %s\n", strerror (errno));
      return 1;
    }
  strcpy (seg, text);
  shmdt (seg);
  printf ("%d\n", id);
  return 0;
}

static int
read_segment (key_t key)
{
  char buffer[SEG_SIZE + 1];
  const char *seg;
  int id = shmget (key, 0, 0);

  if (id < 0 || (seg = shmat (id, NULL, SHM_RDONLY)) == (void *) -1)
    {
      fprintf (stderr, "sysv-lesson: read: %s\n", strerror (errno));
      return 1;
    }
  memcpy (buffer, seg, SEG_SIZE);
  buffer[SEG_SIZE] = '\0';
  puts (buffer);
  shmdt (seg);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  key_t key;

  if (argc < 3 || (strcmp (argv[1], "create") != 0 && strcmp (argv[1], "read") != 0))
    {
      fputs ("usage: sysv-lesson create KEY [TEXT] | sysv-lesson read KEY\n", stderr);
      return 2;
    }
  key = (key_t) strtoul (argv[2], NULL, 0);
  if (strcmp (argv[1], "create") == 0)
    return create (key, argc > 3 ? argv[3] : "ezhchai");
  return read_segment (key);
}
