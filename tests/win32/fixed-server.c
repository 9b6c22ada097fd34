/* fixed-server.c: the lesson's server with the name spelt right
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same calls as seed-server.c, with L"MapTrans" in place of the cast:
 * the section is named MapTrans (in the session's Local\ namespace), and
 * the lesson's own programs do not find it, nor it theirs.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int
main (void)
{
  HANDLE hMap = CreateFileMapping (INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 256,
                                   L"MapTrans");
  if (hMap == NULL)
    {
      printf ("CreateFileMapping failed! Error: %lu\n", GetLastError ());
      return 1;
    }
  char *p = (char *) MapViewOfFile (hMap, FILE_MAP_WRITE, 0, 0, 256);
  if (p == NULL)
    {
      printf ("MapViewOfFile failed! Error: %lu\n", GetLastError ());
      return 1;
    }
  strcpy_s (p, 20, "ezhchai");
  getchar ();
  UnmapViewOfFile (p);
  CloseHandle (hMap);
  return 0;
}
