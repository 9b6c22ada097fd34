/* lesson-server.c: the classic lesson's server, with plain POSIX calls
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lesson-server NAME [TEXT]: creates the POSIX object NAME (256 bytes,
 * mode 0600, failing if it exists), copies TEXT (default "ezhchai") into it
 * with strcpy and exits; the object stays for a client to read. This is
 * what another program does, so the tests use it to check that shmtool
 * reads what such a program writes.
 */
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
  const char *text = argc > 2 ? argv[2] : "ezhchai";
  char *map;
  int fd;

  if (argc < 2 || strlen (text) >= MAP_SIZE)
    {
      fprintf (stderr, "usage: lesson-server NAME [TEXT shorter than %d bytes]\n", MAP_SIZE);
      return 2;
    }

  fd = shm_open (argv[1], O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      perror ("lesson-server: shm_open");
      return 1;
    }
  if (ftruncate (fd, MAP_SIZE) != 0)
    {
      perror ("lesson-server: ftruncate");
      return 1;
    }
  map = mmap (NULL, MAP_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      perror ("lesson-server: mmap");
      return 1;
    }
  strcpy (map, text);
  munmap (map, MAP_SIZE);
  close (fd);
  return 0;
}
