/* seed-client.c: the lesson's client, calls exactly as the lesson makes them
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * UNICODE build, same cast as seed-server.c: it opens 慍呰慲獮, which is why
 * the lesson's pair meets at all. puts() shows what is in the section;
 * each line on stdin makes it print again (the lesson's client waits on
 * stdin; the tests use that to see a later write).
 */
#include <windows.h>
#include <stdio.h>

int
main (void)
{
  HANDLE hMap = OpenFileMapping (FILE_MAP_READ, FALSE, (LPCWSTR) "MapTrans");
  if (hMap == NULL)
    {
      printf ("OpenFileMapping failed! Error: %lu\n", GetLastError ());
      return 1;
    }
  char *p = (char *) MapViewOfFile (hMap, FILE_MAP_READ, 0, 0, 256);
  if (p == NULL)
    {
      printf ("MapViewOfFile failed! Error: %lu\n", GetLastError ());
      return 1;
    }
  puts (p);
  fflush (stdout);
  while (getchar () != EOF)
    {
      puts (p);
      fflush (stdout);
    }
  UnmapViewOfFile (p);
  CloseHandle (hMap);
  return 0;
}
