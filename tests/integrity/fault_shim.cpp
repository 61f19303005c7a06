// An LD_PRELOAD shim for the fault-injection test (fault_test.cpp): makes the Nth call of one
// function fail with one errno, so that every write, flush and rename of an output folder can be
// made to fail in turn.
//
//   SHIFTLINE_FAULT=FUNCTION:N:ERRNO   FUNCTION is write, fsync, rename or renameat2; N counts
//                                      from 1; ERRNO is ENOSPC, EDQUOT, EIO or EINVAL; up to
//                                      four, comma-separated.
//   SHIFTLINE_FAULT_LOG=FILE           appends "FUNCTION calls" at exit: how many calls there were.
//
// Calls glibc makes internally (stdio's own writes to stderr) do not pass through here; calls our
// code and GDAL make through the PLT do. Only the one call fails; later calls go through.
#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {

struct Fault {
  char function[32];
  long nth;
  int error;
};
static Fault g_faults[4];
static int g_n_faults = 0;
static long g_write, g_fsync, g_rename, g_renameat2;  // calls so far (atomic: pipeline threads)

// SHIFTLINE_FAULT holds up to four FUNCTION:N:ERRNO, comma-separated.
__attribute__((constructor)) static void configure() {
  const char* spec = getenv("SHIFTLINE_FAULT");
  while (spec && *spec && g_n_faults < 4) {
    Fault& f = g_faults[g_n_faults];
    char err[32] = {0};
    if (sscanf(spec, "%31[^:]:%ld:%31[^,]", f.function, &f.nth, err) != 3) return;
    f.error = strcmp(err, "ENOSPC") == 0   ? ENOSPC
              : strcmp(err, "EDQUOT") == 0 ? EDQUOT
              : strcmp(err, "EIO") == 0    ? EIO
              : strcmp(err, "EINVAL") == 0 ? EINVAL
                                           : 0;
    ++g_n_faults;
    spec = strchr(spec, ',');
    if (spec) ++spec;
  }
}

__attribute__((destructor)) static void report() {
  const char* log = getenv("SHIFTLINE_FAULT_LOG");
  if (!log) return;
  FILE* f = fopen(log, "a");
  if (!f) return;
  fprintf(f, "write %ld\nfsync %ld\nrename %ld\nrenameat2 %ld\n", g_write, g_fsync, g_rename, g_renameat2);
  fclose(f);
}

// The errno this call (the count-th of `name`) fails with, or 0.
static int fails(const char* name, long count) {
  for (int i = 0; i < g_n_faults; ++i)
    if (g_faults[i].error != 0 && count == g_faults[i].nth && strcmp(name, g_faults[i].function) == 0)
      return g_faults[i].error;
  return 0;
}

ssize_t write(int fd, const void* buf, size_t n) {
  static ssize_t (*real)(int, const void*, size_t);
  if (!real) real = reinterpret_cast<ssize_t (*)(int, const void*, size_t)>(dlsym(RTLD_NEXT, "write"));
  if (const int e = fd > 2 ? fails("write", __atomic_add_fetch(&g_write, 1, __ATOMIC_SEQ_CST)) : 0) {
    errno = e;
    return -1;
  }
  return real(fd, buf, n);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fsync"));
  if (const int e = fails("fsync", __atomic_add_fetch(&g_fsync, 1, __ATOMIC_SEQ_CST))) {
    errno = e;
    return -1;
  }
  return real(fd);
}

int rename(const char* from, const char* to) noexcept {
  static int (*real)(const char*, const char*);
  if (!real) real = reinterpret_cast<int (*)(const char*, const char*)>(dlsym(RTLD_NEXT, "rename"));
  if (const int e = fails("rename", __atomic_add_fetch(&g_rename, 1, __ATOMIC_SEQ_CST))) {
    errno = e;
    return -1;
  }
  return real(from, to);
}

int renameat2(int fromfd, const char* from, int tofd, const char* to, unsigned flags) noexcept {
  static int (*real)(int, const char*, int, const char*, unsigned);
  if (!real) real = reinterpret_cast<int (*)(int, const char*, int, const char*, unsigned)>(dlsym(RTLD_NEXT, "renameat2"));
  if (const int e = fails("renameat2", __atomic_add_fetch(&g_renameat2, 1, __ATOMIC_SEQ_CST))) {
    errno = e;
    return -1;
  }
  return real(fromfd, from, tofd, to, flags);
}

}  // extern "C"
