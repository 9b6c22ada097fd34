/* shmview-guard-win32.c: the guard of shmview-guard.h on Windows
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The twin of shmview-guard.c. On Windows a bad page in a view raises an
 * access violation (or an in-page error when the backing store fails)
 * instead of SIGBUS. One vectored exception handler, added once for the
 * process, looks at the faulting thread's guard state: when that thread is
 * inside a guarded copy and the faulting address lies in one of the ranges
 * it copies, the handler does not unwind anything from inside the exception
 * dispatcher; it edits the faulting context so that the thread, once the
 * dispatcher returns EXCEPTION_CONTINUE_EXECUTION, runs guard_landing() on
 * a fresh piece of its own stack, as if it had called it. guard_landing()
 * then jumps back (__builtin_longjmp: no unwinding, only registers) to the
 * start of the copy, which returns EFAULT. Any other exception is left to
 * the next handler, so a fault outside a guarded copy still kills the
 * process as it would have without us.
 *
 * x86-64 only (the context edit names its registers). Plain C and Win32.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <windows.h>

#include "shmview-guard.h"

typedef struct
{
  void       *jump[5];  /* __builtin_setjmp's buffer */
  uintptr_t   lo[2];    /* the two ranges a fault may hit: [lo, hi) */
  uintptr_t   hi[2];
} Guard;

/* The guard this thread is inside of, or NULL. */
static __thread Guard *volatile active_guard;

static INIT_ONCE install_once = INIT_ONCE_STATIC_INIT;
static int       install_errno;

static int
guard_owns_address (const Guard *guard,
                    uintptr_t    address)
{
  for (int i = 0; i < 2; i++)
    if (address >= guard->lo[i] && address < guard->hi[i])
      return 1;
  return 0;
}

/* Runs in place of the faulting instruction, in the faulting thread, after
 * the dispatcher is done: back to guarded(), which returns EFAULT. */
static void __attribute__ ((noreturn, noinline))
guard_landing (Guard *guard)
{
  __builtin_longjmp (guard->jump, 1);
}

static LONG CALLBACK
exception_handler (EXCEPTION_POINTERS *pointers)
{
  EXCEPTION_RECORD *record = pointers->ExceptionRecord;
  CONTEXT *context = pointers->ContextRecord;
  Guard *guard = active_guard;
  DWORD64 sp;

  if (guard == NULL
      || (record->ExceptionCode != EXCEPTION_ACCESS_VIOLATION
          && record->ExceptionCode != EXCEPTION_IN_PAGE_ERROR)
      || record->NumberParameters < 2
      || !guard_owns_address (guard, (uintptr_t) record->ExceptionInformation[1]))
    return EXCEPTION_CONTINUE_SEARCH;

  active_guard = NULL;
  /* A call to guard_landing (guard) from below the faulting frame: room
   * for the callee's home space, 16-byte alignment at the call, and the
   * (never used) return address pushed. */
  sp = (context->Rsp - 256) & ~(DWORD64) 15;
  context->Rsp = sp - 8;
  context->Rcx = (DWORD64) (uintptr_t) guard;
  context->Rip = (DWORD64) (uintptr_t) guard_landing;
  return EXCEPTION_CONTINUE_EXECUTION;
}

static BOOL CALLBACK
install_handler (PINIT_ONCE once,
                 PVOID      parameter,
                 PVOID     *context)
{
  /* First in the chain: a debugger-style handler added before us must not
   * see our own faults as crashes. */
  if (AddVectoredExceptionHandler (1, exception_handler) == NULL)
    install_errno = ENOMEM;
  return TRUE;
}

int
shmview_guard_init (void)
{
#if defined(__x86_64__)
  InitOnceExecuteOnce (&install_once, install_handler, NULL, NULL);
  return install_errno;
#else
  return ENOTSUP;
#endif
}

static void
guard_set_ranges (Guard      *guard,
                  const void *a,
                  const void *b,
                  size_t      n)
{
  guard->lo[0] = (uintptr_t) a;
  guard->hi[0] = (uintptr_t) a + n;
  guard->lo[1] = (uintptr_t) b;
  guard->hi[1] = (uintptr_t) b + n;
}

/* memcpy (@dst, @src, @n), or memset (@dst, @byte, @n) when @src is NULL,
 * with a fault on either range turned into EFAULT. noinline: the jump
 * buffer must belong to a frame of its own. */
static int __attribute__ ((noinline))
guarded (void       *dst,
         const void *src,
         int         byte,
         size_t      n)
{
  Guard guard;
  int err;

  if (n == 0)
    return 0;
  if ((err = shmview_guard_init ()) != 0)
    return err;

  guard_set_ranges (&guard, dst, src != NULL ? src : dst, n);
  if (__builtin_setjmp (guard.jump) != 0)
    return EFAULT;
  active_guard = &guard;
  /* Keep the compiler from moving the copy outside the guarded stretch. */
  __atomic_signal_fence (__ATOMIC_SEQ_CST);
  if (src != NULL)
    memcpy (dst, src, n);
  else
    memset (dst, byte, n);
  __atomic_signal_fence (__ATOMIC_SEQ_CST);
  active_guard = NULL;
  return 0;
}

int
shmview_guard_copy (void       *dst,
                    const void *src,
                    size_t      n)
{
  return guarded (dst, src, 0, n);
}

int
shmview_guard_set (void   *dst,
                   int     byte,
                   size_t  n)
{
  return guarded (dst, NULL, byte, n);
}
