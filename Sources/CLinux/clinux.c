#define _GNU_SOURCE
#include "clinux.h"
#include <sys/syscall.h>
#include <unistd.h>

int ks_pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}
