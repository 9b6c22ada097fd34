/* lesson-client.c: the classic lesson's client, with plain POSIX calls
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lesson-client NAME: opens the POSIX object NAME read-only, maps 256
 * bytes and prints the C string at its start with puts. When the object
 * does not exist yet it says so and exits 1, as the lesson's client does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAP_SIZE 256

int
main (int    argc,
      char **argv)
{
  char buffer[MAP_SIZE + 1];
  const char *map;
  int fd;

  if (argc != 2)
    {
      fputs ("usage: lesson-client NAME\n", stderr);
      return 2;
    }

  fd = shm_open (argv[1], O_RDONLY, 0);
  if (fd < 0)
    {
      fprintf (stderr, "lesson-client: could not open %s: %s\n", argv[1], strerror (errno));
      return 1;
    }
  map = mmap (NULL, MAP_SIZE, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      perror ("lesson-client: mmap");
      return 1;
    }
  /* Copy first: the mapping holds no NUL if the server filled it. */
  memcpy (buffer, map, MAP_SIZE);
  buffer[MAP_SIZE] = '\0';
  puts (buffer);
  munmap ((void *) map, MAP_SIZE);
  close (fd);
  return 0;
}
