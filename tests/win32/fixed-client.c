/* fixed-client.c: the lesson's client with the name spelt right
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same calls as seed-client.c, with L"MapTrans" in place of the cast:
 * the section is named MapTrans (in the session's Local\ namespace), and
 * the lesson's own programs do not find it, nor it theirs.
 */
#include <windows.h>
#include <stdio.h>

int
main (void)
{
  HANDLE hMap = OpenFileMapping (FILE_MAP_READ, FALSE, L"MapTrans");
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
