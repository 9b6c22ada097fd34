/* shmview-backend-fd.c: what POSIX shm objects and files have in common
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are a descriptor and, whenever it can be made, a MAP_SHARED mapping
 * of the whole object, remapped when the size changes: it is what makes
 * this process count as attached for other tools (they look for mappings in
 * /proc/PID/maps), as another viewer of the object would. Reads never use
 * it: pread() returns a short count past the end instead of raising SIGBUS,
 * and it reads the holes of a sparse tmpfs object as zeros without
 * allocating them (touching a hole through a mapping would allocate a page).
 * Writes go through the mapping once fstat() confirmed the object is still
 * big enough, inside the SIGBUS guard in case it shrinks during the copy.
 *
 * An object too large to map whole (a sparse 200 TiB one, beyond the
 * address space, or under a tight `ulimit -v`) opens, reads and grows all
 * the same, with no mapping: then each write maps the pages holding its
 * bytes for the moment of the copy.
 *
 * Before a write stores anything, fallocate() reserves the pages of its
 * range, so that on a full tmpfs the write fails whole (ENOSPC) instead of
 * stopping at the first page that cannot be had.
 *
 * Streaming a range out to another descriptor uses sendfile(), which reads
 * like pread (no SIGBUS, holes as zeros without allocating them) but moves
 * the bytes inside the kernel: into a pipe or /dev/null without copying
 * them at all, into a file with one copy instead of two. Where sendfile()
 * cannot go (a terminal, an O_APPEND file) pread() and write() take over.
 *
 * libc only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "shmview-backend.h"
#include "shmview-copy-chunk.h"

/* sendfile() moves at most this much per call (Linux caps it there). */
#define SENDFILE_MAX ((size_t) 0x7ffff000)

/* Without a whole mapping, a write maps the pages its bytes lie on, at
 * most this much at a time. */
#define WRITE_WINDOW ((uint64_t) 1 << 30)

/* @length bytes of the object from @start (page-aligned), mapped
 * MAP_SHARED with @prot; NULL with *err set. */
static char *
map_part (ShmviewBackend *b,
          uint64_t        start,
          uint64_t        length,
          int             prot,
          int            *err)
{
  void *addr;

  if (start > (uint64_t) INT64_MAX || length > SIZE_MAX)
    {
      *err = EFBIG;
      return NULL;
    }
  addr = mmap (NULL, (size_t) length, prot, MAP_SHARED, b->fd, (off_t) start);
  if (addr != MAP_FAILED)
    return addr;
  /* ENODEV here means "this filesystem cannot mmap", not "not a regular
   * file", which is what ENODEV says elsewhere in the backends. */
  *err = errno == ENODEV ? EOPNOTSUPP : errno;
  return NULL;
}

static void
unmap (ShmviewBackend *b)
{
  if (b->map != NULL)
    munmap (b->map, (size_t) b->map_size);
  b->map = NULL;
  b->map_size = 0;
}

int
shmview_backend_fd_remap (ShmviewBackend *b,
                          uint64_t        size)
{
  int prot = b->read_only ? PROT_READ : PROT_READ | PROT_WRITE;
  int err = 0;

  if (b->map != NULL && b->map_size == size)
    return 0;
  /* The old mapping goes first, so the new one never needs room for both;
   * nothing writes through it meanwhile (the region holds its lock). */
  unmap (b);
  if (size == 0)
    return 0;
  if ((b->map = map_part (b, 0, size, prot, &err)) != NULL)
    b->map_size = size;
  return err;
}

static int
fd_attach (ShmviewBackend *b,
           int             fd,
           int             read_only,
           const char     *stat_path)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    return errno;
  if (S_ISDIR (st.st_mode))
    return EISDIR;
  if (!S_ISREG (st.st_mode))
    return ENODEV;
  b->stat_path = strdup (stat_path);
  if (b->stat_path == NULL)
    return ENOMEM;
  b->fd = fd;
  b->read_only = read_only;
  b->open_size = (uint64_t) st.st_size;
  b->dev = (uint64_t) st.st_dev;
  b->ino = (uint64_t) st.st_ino;
  return 0;
}

int
shmview_backend_fd_check (ShmviewBackend *b,
                          uint64_t       *size,
                          int            *removed)
{
  struct stat st;

  if (fstat (b->fd, &st) != 0)
    return errno;
  *size = (uint64_t) st.st_size;

  if (lstat (b->stat_path, &st) != 0)
    /* Anything but "gone" (EACCES on a directory on the way, say) tells us
     * nothing about removal. */
    *removed = (errno == ENOENT || errno == ENOTDIR);
  else
    *removed = ((uint64_t) st.st_dev != b->dev || (uint64_t) st.st_ino != b->ino);
  return 0;
}

int
shmview_backend_fd_read (ShmviewBackend *b,
                         uint64_t        offset,
                         void           *buffer,
                         size_t          length,
                         size_t         *n_read)
{
  size_t done = 0;

  *n_read = 0;
  if (offset > (uint64_t) INT64_MAX || length > (uint64_t) INT64_MAX - offset)
    return EOVERFLOW;
  while (done < length)
    {
      ssize_t n = pread (b->fd, (char *) buffer + done, length - done,
                         (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *n_read = done;
          return errno;
        }
      if (n == 0)
        break; /* end of the object: it shrank */
      done += (size_t) n;
    }
  *n_read = done;
  return 0;
}

/* As far as sendfile() gets from *@offset towards @end: 0 when all is sent,
 * ERANGE when the object ended first, else the errno of the call that
 * failed, with *@offset where the rest starts. */
static int
send_range (ShmviewBackend *b,
            uint64_t       *offset,
            uint64_t        end,
            int             out)
{
  while (*offset < end)
    {
      off_t position = (off_t) *offset;
      size_t count = end - *offset < SENDFILE_MAX ? (size_t) (end - *offset) : SENDFILE_MAX;
      ssize_t n = sendfile (out, b->fd, &position, count);

      if (n > 0)
        *offset += (uint64_t) n;
      else if (n == 0)
        return ERANGE;
      else if ((errno == EAGAIN || errno == EWOULDBLOCK) && shmview_backend_wait_writable (out) == 0)
        continue;
      else if (errno != EINTR)
        return errno;
    }
  return 0;
}

/* The same with pread() and write() through a buffer of our own. */
static int
copy_range (ShmviewBackend *b,
            uint64_t        offset,
            uint64_t        end,
            int             out,
            int            *out_failed)
{
  char *buffer = malloc (SHMVIEW_COPY_CHUNK);
  int err = buffer == NULL ? ENOMEM : 0;

  while (err == 0 && offset < end)
    {
      size_t want = end - offset < SHMVIEW_COPY_CHUNK ? (size_t) (end - offset) : SHMVIEW_COPY_CHUNK;
      size_t n_read = 0;

      if ((err = shmview_backend_fd_read (b, offset, buffer, want, &n_read)) != 0)
        break;
      if ((err = shmview_backend_write_all (out, buffer, n_read)) != 0)
        *out_failed = 1;
      else if (n_read < want)
        err = ERANGE;
      offset += n_read;
    }
  free (buffer);
  return err;
}

int
shmview_backend_fd_copy_to_fd (ShmviewBackend *b,
                               uint64_t        offset,
                               uint64_t        length,
                               int             out,
                               int            *out_failed)
{
  uint64_t end = offset + length;
  int err;

  *out_failed = 0;
  if (offset > (uint64_t) INT64_MAX || length > (uint64_t) INT64_MAX - offset)
    return EOVERFLOW;
  if ((err = send_range (b, &offset, end, out)) == 0 || err == ERANGE)
    return err;
  /* sendfile() cannot go there (EINVAL), or failed without saying on which
   * side: the plain way goes on from where it stopped, and tells. */
  return copy_range (b, offset, end, out, out_failed);
}

/* Everything a write must know before it touches a mapping: the object
 * (fstat now) still covers the range. */
static int
check_writable_range (ShmviewBackend *b,
                      uint64_t        offset,
                      uint64_t        length)
{
  struct stat st;

  if (b->read_only)
    return EACCES;
  if (fstat (b->fd, &st) != 0)
    return errno;
  if (offset > (uint64_t) st.st_size || length > (uint64_t) st.st_size - offset)
    return ERANGE;
  return 0;
}

/* Has the filesystem set aside the pages of the range before anything is
 * stored, so that a full tmpfs or a quota refuses the write as a whole
 * (ENOSPC, EDQUOT) instead of with a SIGBUS half way through the copy.
 * FALLOC_FL_KEEP_SIZE: should the object shrink meanwhile, this must not
 * grow it back. A filesystem that cannot (EOPNOTSUPP) keeps the old way:
 * there a fault may still cut a write short, and the error says so. */
static int
reserve_pages (ShmviewBackend *b,
               uint64_t        offset,
               uint64_t        length)
{
  while (fallocate (b->fd, FALLOC_FL_KEEP_SIZE, (off_t) offset, (off_t) length) != 0)
    {
      if (errno == EINTR)
        continue;
      if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)
        return errno == EFBIG ? ENOSPC : errno;
      return 0;
    }
  return 0;
}

/* The same through a mapping made for the moment (no whole mapping): of
 * the pages the bytes lie on and no more, at most WRITE_WINDOW at a time,
 * so a 1-byte write costs one page of address space, not a gigabyte. Each
 * part is reserved once it is mapped, so a mapping that fails has
 * allocated nothing; a write of more than WRITE_WINDOW can still stop at
 * such a boundary. */
static int
store_by_window (ShmviewBackend *b,
                 uint64_t        offset,
                 const char     *data,
                 int             byte,
                 uint64_t        length)
{
  uint64_t page = (uint64_t) sysconf (_SC_PAGESIZE);
  int err = 0;

  while (length > 0)
    {
      uint64_t start = offset & ~(page - 1);
      uint64_t n = length < WRITE_WINDOW ? length : WRITE_WINDOW;
      uint64_t span = (offset - start + n + page - 1) & ~(page - 1);
      char *window = map_part (b, start, span, PROT_READ | PROT_WRITE, &err);

      if (window == NULL)
        return err;
      if ((err = reserve_pages (b, offset, n)) == 0)
        err = shmview_backend_guarded_store (window + (offset - start), data, byte, (size_t) n);
      munmap (window, (size_t) span);
      if (err != 0)
        return err;
      offset += n;
      length -= n;
      data = data != NULL ? data + n : NULL;
    }
  return 0;
}

/* Stores @data, or @byte when @data is NULL: through the whole mapping
 * when there is one, else window by window. */
static int
store (ShmviewBackend *b,
       uint64_t        offset,
       const char     *data,
       int             byte,
       uint64_t        length)
{
  int err;

  if ((err = check_writable_range (b, offset, length)) != 0)
    return err;
  /* Any mapping is as large as the size the region checked the range
   * against; the test keeps the copy inside it all the same. */
  if (b->map == NULL || offset + length > b->map_size)
    return store_by_window (b, offset, data, byte, length);
  if ((err = reserve_pages (b, offset, length)) != 0)
    return err;
  return shmview_backend_guarded_store ((char *) b->map + offset, data, byte, (size_t) length);
}

int
shmview_backend_fd_write (ShmviewBackend *b,
                          uint64_t        offset,
                          const void     *data,
                          size_t          length)
{
  return length == 0 ? 0 : store (b, offset, data, 0, length);
}

int
shmview_backend_fd_fill (ShmviewBackend *b,
                         uint64_t        offset,
                         int             byte,
                         uint64_t        length)
{
  return length == 0 ? 0 : store (b, offset, NULL, byte, length);
}

static int
truncate_fd (int      fd,
             uint64_t size)
{
  if (size > (uint64_t) INT64_MAX)
    return EFBIG;
  while (ftruncate (fd, (off_t) size) != 0)
    if (errno != EINTR)
      return errno;
  return 0;
}

int
shmview_backend_fd_resize (ShmviewBackend *b,
                           uint64_t        size)
{
  if (b->read_only)
    return EACCES;
  return truncate_fd (b->fd, size);
}

int
shmview_backend_fd_stat (ShmviewBackend     *b,
                         ShmviewBackendInfo *info)
{
  struct stat st;
  uint64_t size;
  int removed = 0;
  int err;

  if (fstat (b->fd, &st) != 0)
    return errno;
  if ((err = shmview_backend_fd_check (b, &size, &removed)) != 0)
    return err;

  memset (info, 0, sizeof *info);
  info->size = (uint64_t) st.st_size;
  info->uid = st.st_uid;
  info->gid = st.st_gid;
  info->mode = st.st_mode & 07777;
  info->atime = st.st_atime;
  info->mtime = st.st_mtime;
  info->ctime = st.st_ctime;
  info->nattch = -1;
  info->key = 0;
  info->id = -1;
  info->cpid = -1;
  info->lpid = -1;
  info->removed = removed;
  return 0;
}

int
shmview_backend_fd_is_full (ShmviewBackend *b)
{
  struct statfs st;

  /* Free blocks for root or for the rest (root may have a reserve). */
  return fstatfs (b->fd, &st) == 0 && (st.f_bfree == 0 || (geteuid () != 0 && st.f_bavail == 0));
}

int
shmview_backend_fd_next_data (ShmviewBackend *b,
                              uint64_t        offset,
                              uint64_t       *start,
                              uint64_t       *end)
{
  off_t data, hole;

  if (offset > (uint64_t) INT64_MAX)
    return ENXIO;
  /* Only the descriptor's own offset moves, which nothing here relies on:
   * every read and copy names its offset. */
  if ((data = lseek (b->fd, (off_t) offset, SEEK_DATA)) < 0)
    return errno;
  if ((hole = lseek (b->fd, data, SEEK_HOLE)) < 0)
    return errno;
  *start = (uint64_t) data;
  *end = (uint64_t) hole;
  return 0;
}

void
shmview_backend_fd_close (ShmviewBackend *b)
{
  unmap (b);
  if (b->fd >= 0)
    close (b->fd);
  b->fd = -1;
  free (b->stat_path);
  b->stat_path = NULL;
}

/* After creating @fd: the exact mode and size asked for. open() and
 * shm_open() apply the umask; the mode asked for is the mode the region gets. */
static int
setup_new (int      fd,
           unsigned mode,
           uint64_t size)
{
  if (fchmod (fd, (mode_t) mode) != 0)
    return errno;
  return truncate_fd (fd, size);
}

/* How often create-or-open retries when another process creates or removes
 * the same name between our two calls. */
#define MAX_ATTEMPTS 8

/* A name next to @path ("/NAME" or "DIR/NAME") that nobody uses: the same
 * directory, so that rename() can move it over @path. NULL when out of
 * memory. */
static char *
temp_name_beside (const char *path,
                  unsigned    serial)
{
  const char *slash = strrchr (path, '/');
  int dir_length = slash != NULL ? (int) (slash - path) : 0;
  char *name;

  if (slash == NULL)
    return asprintf (&name, ".shmview-new-%ld-%u", (long) getpid (), serial) < 0 ? NULL : name;
  if (asprintf (&name, "%.*s/.shmview-new-%ld-%u", dir_length, path, (long) getpid (),
                serial) < 0)
    return NULL;
  return name;
}

/* --force: the new object is made whole under a temporary name (mode, size)
 * and only then renamed over @path, in one step. Whatever fails before the
 * rename (a size the filesystem refuses, no space, no permission) leaves
 * the old object exactly as it was. Returns the fd, or -errno. */
static int
replace_fd (const char                 *path,
            const ShmviewBackendTarget *t,
            const ShmviewFdNames       *names,
            int                        *created)
{
  static unsigned serial;

  for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      char *temp = temp_name_beside (path, __atomic_fetch_add (&serial, 1, __ATOMIC_RELAXED));
      int fd, err;

      if (temp == NULL)
        return -ENOMEM;
      fd = names->open (temp, O_RDWR | O_CREAT | O_EXCL, t->mode & 0777);
      if (fd == -EEXIST)
        {
          free (temp);
          continue;
        }
      if (fd < 0)
        {
          free (temp);
          return fd;
        }
      if ((err = setup_new (fd, t->mode, t->size)) == 0)
        err = names->rename (temp, path);
      if (err != 0)
        {
          names->unlink (temp);
          close (fd);
          fd = -err;
        }
      else
        *created = 1;
      free (temp);
      return fd;
    }
  return -EAGAIN;
}

/* Creates @path, or opens it when it exists and neither exclusive nor
 * replace was asked for. Returns the fd, or -errno. */
static int
create_fd (const char                 *path,
           const ShmviewBackendTarget *t,
           const ShmviewFdNames       *names,
           int                        *created)
{
  int replace = (t->flags & SHMVIEW_BACKEND_REPLACE) != 0;
  int exclusive = (t->flags & SHMVIEW_BACKEND_EXCLUSIVE) != 0;

  if (replace)
    return replace_fd (path, t, names, created);

  for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      int fd, err;

      /* O_EXCL also refuses an existing symlink, dangling or not. */
      fd = names->open (path, O_RDWR | O_CREAT | O_EXCL, t->mode & 0777);
      if (fd >= 0)
        {
          if ((err = setup_new (fd, t->mode, t->size)) != 0)
            {
              names->unlink (path);
              close (fd);
              return -err;
            }
          *created = 1;
          return fd;
        }
      if (fd != -EEXIST)
        return fd;
      if (exclusive)
        return -EEXIST;

      fd = names->open (path, O_RDWR, 0);
      if (fd != -ENOENT)
        return fd;
      /* Gone between our two calls: try again, unless it is a dangling
       * symlink, through which we do not create. */
      if (names->exists != NULL && names->exists (path))
        return -ENOENT;
    }
  return -EAGAIN;
}

/* Opening a FIFO for reading blocks until a writer comes, and anyone may
 * plant one in /dev/shm: every open is O_NONBLOCK (the names' open() adds
 * it), so it returns at once and fd_attach() refuses what is not a regular
 * file. The flag is dropped again before anything else uses @fd. */
static void
clear_nonblock (int fd)
{
  int fl = fcntl (fd, F_GETFL);

  if (fl >= 0 && (fl & O_NONBLOCK))
    fcntl (fd, F_SETFL, fl & ~O_NONBLOCK);
}

int
shmview_backend_fd_open (ShmviewBackend             *b,
                         const char                 *path,
                         const char                 *stat_path,
                         const ShmviewBackendTarget *t,
                         const ShmviewFdNames       *names)
{
  int read_only = (t->flags & SHMVIEW_BACKEND_READ_ONLY) != 0;
  int created = 0;
  int fd, err;

  if (t->flags & SHMVIEW_BACKEND_CREATE)
    fd = create_fd (path, t, names, &created);
  else
    fd = names->open (path, read_only ? O_RDONLY : O_RDWR, 0);
  if (fd < 0)
    return -fd;
  clear_nonblock (fd);

  if ((err = fd_attach (b, fd, read_only, stat_path)) != 0)
    {
      if (created)
        names->unlink (path);
      close (fd);
      return err;
    }
  b->created = created;
  return 0;
}
