/* seed-server.c: the lesson's server, calls exactly as the lesson makes them
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built as a UNICODE program (-DUNICODE -D_UNICODE), so CreateFileMapping
 * is CreateFileMappingW and the cast hands it the bytes of "MapTrans" as
 * UTF-16: the section is really named 慍呰慲獮. The mistake is the point:
 * the win32 tests show shmview finding it anyway. Do not "fix" it here;
 * fixed-server.c is the corrected twin.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int
main (void)
{
  HANDLE hMap = CreateFileMapping (INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 256,
                                   (LPCWSTR) "MapTrans");
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
