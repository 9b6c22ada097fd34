/* prefork-server.c: a preforking server's shared memory, as databases and web servers make it
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * prefork-server [rw|one-reader]: the parent maps 1 MiB
 * MAP_SHARED|MAP_ANONYMOUS (which /proc/PID/maps shows as "/dev/zero
 * (deleted)", rw-s, one inode in every process), writes "prefork" at
 * offset 0, and forks 3 workers. Worker N (1..3) adds 1 to the 64-bit
 * counter at offset 64 * N every 10 ms. With "one-reader" worker 3 makes
 * its mapping read-only (mprotect: r--s) and bumps nothing, so not every
 * process maps it rw-s.
 *
 * Once every worker runs it prints "PARENT_PID 0xADDRESS" and the workers'
 * pids on one line, then waits until its stdin closes (or a signal), and
 * takes the workers with it. Plain libc: what another program does.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAP_SIZE (1024 * 1024)
#define N_WORKERS 3

static void
work (volatile uint64_t *counter,
      int                read_only,
      int                ready_fd)
{
  struct timespec tick = { 0, 10 * 1000 * 1000 };

  /* The worker goes when the parent does, however it ends. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    _exit (0);
  /* Set up (its mapping as it will stay): the parent may say so. */
  if (write (ready_fd, "r", 1) != 1)
    _exit (1);
  close (ready_fd);
  for (;;)
    {
      if (!read_only)
        (*counter)++;
      nanosleep (&tick, NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  int one_reader = argc > 1 && strcmp (argv[1], "one-reader") == 0;
  pid_t workers[N_WORKERS];
  char buf[64];
  int ready[2];
  char *map;

  map = mmap (NULL, MAP_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    {
      perror ("prefork-server: mmap");
      return 1;
    }
  strcpy (map, "prefork");
  if (pipe (ready) != 0)
    {
      perror ("prefork-server: pipe");
      return 1;
    }

  for (int i = 0; i < N_WORKERS; i++)
    {
      int read_only = one_reader && i == N_WORKERS - 1;

      workers[i] = fork ();
      if (workers[i] < 0)
        {
          perror ("prefork-server: fork");
          return 1;
        }
      if (workers[i] == 0)
        {
          close (ready[0]);
          if (read_only && mprotect (map, MAP_SIZE, PROT_READ) != 0)
            _exit (1);
          work ((volatile uint64_t *) (map + 64 * (i + 1)), read_only, ready[1]);
        }
    }
  /* Every worker has its mapping as it will stay (the read-only one's
   * r--s) before anyone is told where to look. */
  close (ready[1]);
  for (int i = 0; i < N_WORKERS; i++)
    if (read (ready[0], buf, 1) != 1)
      {
        fprintf (stderr, "prefork-server: a worker did not start\n");
        return 1;
      }
  close (ready[0]);

  printf ("%d %p %d %d %d\n", (int) getpid (), (void *) map,
          (int) workers[0], (int) workers[1], (int) workers[2]);
  fflush (stdout);

  while (read (STDIN_FILENO, buf, sizeof buf) > 0)
    ;
  for (int i = 0; i < N_WORKERS; i++)
    {
      kill (workers[i], SIGKILL);
      waitpid (workers[i], NULL, 0);
    }
  return 0;
}
