/* shmview-guard.c: a SIGBUS guard around copies into and out of mappings
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How it works: each thread has its own "active guard" (a sigjmp_buf and the
 * two address ranges being copied). The handler, installed once for the whole
 * process, checks whether the faulting thread is inside a guard and whether
 * the faulting address lies in one of those ranges; if so it siglongjmp()s
 * back into shmview_guard_copy(), which reports EFAULT. Otherwise the fault is
 * not ours: it goes to the previous handler, or, when there was none, the
 * default action is restored so the process dies as it would have.
 *
 * Only libc here; the handler touches nothing but thread-local and
 * write-once static data, which is async-signal-safe.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "shmview-guard.h"

typedef struct
{
  sigjmp_buf  jump;
  uintptr_t   lo[2];   /* the two ranges a fault may hit: [lo, hi) */
  uintptr_t   hi[2];
} Guard;

/* The guard this thread is inside of, or NULL. initial-exec: reading it in
 * the handler must never make the dynamic linker allocate thread storage,
 * even if the core ends up in a shared library one day. */
static __thread Guard *volatile active_guard __attribute__ ((tls_model ("initial-exec")));

static struct sigaction previous_action;
static pthread_once_t   install_once = PTHREAD_ONCE_INIT;
static int              install_errno;

static int
guard_owns_address (const Guard *guard,
                    uintptr_t    address)
{
  for (int i = 0; i < 2; i++)
    if (address >= guard->lo[i] && address < guard->hi[i])
      return 1;
  return 0;
}

/* A SIGBUS that is not ours: behave as if we had never installed anything. */
static void
chain_to_previous (int        sig,
                   siginfo_t *info,
                   void      *context)
{
  if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction != NULL)
    {
      previous_action.sa_sigaction (sig, info, context);
      return;
    }
  if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN)
    {
      previous_action.sa_handler (sig);
      return;
    }

  /* Default action (an ignored SIGBUS from a fault is fatal anyway). A fault
   * re-runs the faulting instruction on return and dies of it; a SIGBUS sent
   * with kill() must be raised again (it stays pending until we return). */
  signal (sig, SIG_DFL);
  if (info == NULL || info->si_code <= 0)
    raise (sig);
}

static void
sigbus_handler (int        sig,
                siginfo_t *info,
                void      *context)
{
  Guard *guard = active_guard;

  if (guard != NULL && info != NULL && info->si_code > 0
      && guard_owns_address (guard, (uintptr_t) info->si_addr))
    {
      sigset_t bus;

      active_guard = NULL;
      /* The handler runs with SIGBUS blocked, and the jump does not restore
       * the mask (saving it would cost a system call on every guarded copy,
       * faulting or not): unblock it here, or the next fault would kill. */
      sigemptyset (&bus);
      sigaddset (&bus, SIGBUS);
      pthread_sigmask (SIG_UNBLOCK, &bus, NULL);
      siglongjmp (guard->jump, 1);
    }
  chain_to_previous (sig, info, context);
}

static void
install_handler (void)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_sigaction = sigbus_handler;
  action.sa_flags = SA_SIGINFO;
  sigemptyset (&action.sa_mask);
  if (sigaction (SIGBUS, &action, &previous_action) != 0)
    install_errno = errno;
}

int
shmview_guard_init (void)
{
  pthread_once (&install_once, install_handler);
  return install_errno;
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
 * with a SIGBUS on either range turned into EFAULT. */
static int
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
  /* savemask = 0: the handler unblocks SIGBUS itself before it jumps. */
  if (sigsetjmp (guard.jump, 0) != 0)
    return EFAULT;
  active_guard = &guard;
  /* Keep the compiler from moving the copy outside the guarded stretch. */
  atomic_signal_fence (memory_order_seq_cst);
  if (src != NULL)
    memcpy (dst, src, n);
  else
    memset (dst, byte, n);
  atomic_signal_fence (memory_order_seq_cst);
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
