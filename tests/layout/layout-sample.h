/* layout-sample.h: a header like the ones programs sharing memory share,
 * with every layout rule shmview must get right (padding, packing,
 * bit-fields, unions, nested arrays, enums, stdint types).
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

enum color { RED, GREEN = 5, BLUE = -2 };

typedef enum { MODE_OFF = 0, MODE_ON = 1, MODE_AUTO = 0x10000 } run_mode;

struct point { int16_t x; int32_t y; };   /* two bytes of padding after x */

#pragma pack(push, 1)
struct packed_rec { uint8_t tag; uint32_t value; uint16_t small; };
#pragma pack(pop)

struct __attribute__((packed)) attr_packed { char c; double d; };

union number { uint32_t u; float f; uint8_t bytes[4]; };

struct flags
{
  unsigned a : 3;
  signed   b : 5;
  unsigned c : 12;
  uint8_t  after;
  int64_t  wide : 40;
};

struct shared
{
  uint32_t           seq;
  double             temp[4];
  char               msg[16];
  struct point       pts[3];
  struct packed_rec  packed;
  struct attr_packed ap;
  union number       num;
  struct flags       fl;
  enum color         color;
  run_mode           mode;
  bool               ok;
  int8_t             grid[2][3];
  uint64_t           big;
  int64_t            neg;
  void              *ptr;
  struct { uint16_t lo, hi; } pair;
  union { uint32_t whole; uint16_t halves[2]; };  /* anonymous: its members are the struct's */
  float              ratio;
  long double        ld;
};

typedef struct shared shared_t;
typedef struct point  track_t[4];
