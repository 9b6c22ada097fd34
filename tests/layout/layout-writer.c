/* layout-writer.c: the compiler's own view of layout-sample.h
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   layout-writer fill FILE    stores known values into FILE (a struct shared
 *                              at offset 0; the file is made that size), then prints
 *   layout-writer print FILE   reads FILE and prints
 *
 * Each line: PATH <TAB> OFFSET <TAB> SIZE <TAB> VALUE, offset and size "-" for
 * a bit-field, the value as C gives it (floats with 17 digits). Every leaf
 * of struct shared is listed, in memory order, so a test can compare a
 * layout tool's walk with the compiler's field by field.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "layout-sample.h"

#define AT(path) offsetof (struct shared, path), sizeof (s->path)
#define INT(path)   printf (#path "\t%zu\t%zu\t%lld\n", AT (path), (long long) s->path)
#define UINT(path)  printf (#path "\t%zu\t%zu\t%llu\n", AT (path), (unsigned long long) s->path)
#define FLT(path)   printf (#path "\t%zu\t%zu\t%.17g\n", AT (path), (double) s->path)
#define BITS(path, fmt, type) printf (#path "\t-\t-\t" fmt "\n", (type) s->path)

static const char *
color_name (enum color c)
{
  switch (c)
    {
    case RED: return "RED";
    case GREEN: return "GREEN";
    case BLUE: return "BLUE";
    }
  return NULL;
}

static const char *
mode_name (run_mode m)
{
  switch (m)
    {
    case MODE_OFF: return "MODE_OFF";
    case MODE_ON: return "MODE_ON";
    case MODE_AUTO: return "MODE_AUTO";
    }
  return NULL;
}

static void
print_enum (const char *path, size_t offset, size_t size, const char *name, long long value)
{
  if (name != NULL)
    printf ("%s\t%zu\t%zu\t%s\n", path, offset, size, name);
  else
    printf ("%s\t%zu\t%zu\t%lld\n", path, offset, size, value);
}

static void
print_all (const struct shared *s)
{
  UINT (seq);
  for (int i = 0; i < 4; i++)
    printf ("temp[%d]\t%zu\t%zu\t%.17g\n", i, AT (temp[i]), s->temp[i]);
  printf ("msg\t%zu\t%zu\t\"%s\"\n", AT (msg), s->msg);
  for (int i = 0; i < 3; i++)
    {
      printf ("pts[%d].x\t%zu\t%zu\t%d\n", i, AT (pts[i].x), s->pts[i].x);
      printf ("pts[%d].y\t%zu\t%zu\t%d\n", i, AT (pts[i].y), s->pts[i].y);
    }
  UINT (packed.tag);
  UINT (packed.value);
  UINT (packed.small);
  INT (ap.c);
  FLT (ap.d);
  UINT (num.u);
  FLT (num.f);
  for (int i = 0; i < 4; i++)
    printf ("num.bytes[%d]\t%zu\t%zu\t%u\n", i, AT (num.bytes[i]), s->num.bytes[i]);
  BITS (fl.a, "%u", unsigned);
  BITS (fl.b, "%d", int);
  BITS (fl.c, "%u", unsigned);
  UINT (fl.after);
  BITS (fl.wide, "%lld", long long);
  print_enum ("color", AT (color), color_name (s->color), s->color);
  print_enum ("mode", AT (mode), mode_name (s->mode), s->mode);
  printf ("ok\t%zu\t%zu\t%s\n", AT (ok), s->ok ? "true" : "false");
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
      printf ("grid[%d][%d]\t%zu\t%zu\t%d\n", i, j, AT (grid[i][j]), s->grid[i][j]);
  UINT (big);
  INT (neg);
  printf ("ptr\t%zu\t%zu\t0x%" PRIxPTR "\n", AT (ptr), (uintptr_t) s->ptr);
  UINT (pair.lo);
  UINT (pair.hi);
  UINT (whole);
  UINT (halves[0]);
  UINT (halves[1]);
  FLT (ratio);
  printf ("ld\t%zu\t%zu\t%.21Lg\n", AT (ld), s->ld);
}

static void
fill (struct shared *s)
{
  memset (s, 0, sizeof *s);
  s->seq = 4000000000u;
  for (int i = 0; i < 4; i++)
    s->temp[i] = 20.5 + i * 0.1;
  strcpy (s->msg, "ezhchai");
  for (int i = 0; i < 3; i++)
    {
      s->pts[i].x = (int16_t) (-100 * (i + 1));
      s->pts[i].y = 70000 * (i + 1);
    }
  s->packed.tag = 0xab;
  s->packed.value = 0xdeadbeef;
  s->packed.small = 513;
  s->ap.c = 'Z';
  s->ap.d = -0.125;
  s->num.f = 3.14159265f;
  s->fl.a = 5;
  s->fl.b = -9;
  s->fl.c = 4000;
  s->fl.after = 200;
  s->fl.wide = -123456789012LL;
  s->color = BLUE;
  s->mode = MODE_AUTO;
  s->ok = true;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
      s->grid[i][j] = (int8_t) (i * 10 - j);
  s->big = 18446744073709551615ull;
  s->neg = INT64_MIN;
  s->ptr = (void *) (uintptr_t) 0x7ffc0010a0b0ull;
  s->pair.lo = 1;
  s->pair.hi = 65535;
  s->whole = 0x00020001u;
  s->ratio = 1.0f / 3.0f;
  s->ld = 1.0L / 3.0L;
}

int
main (int argc, char **argv)
{
  struct shared *s;
  int fd;

  if (argc != 3 || (strcmp (argv[1], "fill") != 0 && strcmp (argv[1], "print") != 0))
    {
      fprintf (stderr, "usage: layout-writer fill|print FILE\n");
      return 2;
    }
  fd = open (argv[2], strcmp (argv[1], "fill") == 0 ? O_RDWR | O_CREAT : O_RDWR, 0600);
  if (fd < 0 || (strcmp (argv[1], "fill") == 0 && ftruncate (fd, sizeof *s) != 0))
    {
      perror (argv[2]);
      return 1;
    }
  s = mmap (NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (s == MAP_FAILED)
    {
      perror ("mmap");
      return 1;
    }
  if (strcmp (argv[1], "fill") == 0)
    fill (s);
  print_all (s);
  printf ("sizeof\t-\t%zu\t-\n", sizeof *s);
  munmap (s, sizeof *s);
  close (fd);
  return 0;
}
