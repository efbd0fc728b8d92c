#ifndef KUBESWIFT_CLINUX_H
#define KUBESWIFT_CLINUX_H
// The small C face of the kernel: only what Swift's Glibc module cannot call directly
// (variadic or macro-only interfaces, and syscalls without a libc wrapper).
// Every name is prefixed `ks_`.

#include <sys/types.h>

/// pivot_root(2) has no glibc wrapper.
int ks_pivot_root(const char *new_root, const char *put_old);

#endif
