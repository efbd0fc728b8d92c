#ifndef KUBESWIFT_CLINUX_H
#define KUBESWIFT_CLINUX_H
// The small C face of the kernel: only what Swift's Glibc module cannot call directly
// (variadic or macro-only interfaces, and syscalls without a libc wrapper).
// Every name is prefixed `ks_`.

#include <sys/types.h>
#include <stdint.h>

/// pivot_root(2) has no glibc wrapper.
int ks_pivot_root(const char *new_root, const char *put_old);

// Namespace flags (macros in <sched.h>, not always imported into Swift).
extern const int ks_CLONE_NEWNS;
extern const int ks_CLONE_NEWUTS;
extern const int ks_CLONE_NEWIPC;
extern const int ks_CLONE_NEWPID;
extern const int ks_CLONE_NEWNET;
extern const int ks_CLONE_NEWCGROUP;
extern const int ks_CLONE_NEWUSER;

int ks_unshare(int flags);
int ks_setns(int fd, int nstype);

// Mount flags (glibc exposes them as an enum in some versions and macros in others).
extern const unsigned long ks_MS_RDONLY, ks_MS_NOSUID, ks_MS_NODEV, ks_MS_NOEXEC,
    ks_MS_REMOUNT, ks_MS_BIND, ks_MS_REC, ks_MS_PRIVATE, ks_MS_SLAVE, ks_MS_SHARED,
    ks_MS_STRICTATIME, ks_MS_RELATIME;
extern const int ks_MNT_DETACH;

/// setrlimit with an int resource (glibc's prototype takes an enum Swift cannot build from an Int).
int ks_setrlimit(int resource, uint64_t soft, uint64_t hard);

/// prctl is variadic.
int ks_set_no_new_privs(void);
int ks_get_no_new_privs(void);
int ks_set_keepcaps(int on);
int ks_set_pdeathsig(int signal);
int ks_capbset_drop(int cap);

/// Syscalls without (portable) glibc wrappers.
int ks_pidfd_open(pid_t pid, unsigned int flags);
int ks_close_range_cloexec(unsigned int first);

/// posix_spawn_file_actions_addclosefrom_np (glibc ≥ 2.34, _GNU_SOURCE only); `actions` is a
/// posix_spawn_file_actions_t *.
int ks_spawn_closefrom(void *actions, int from);

/// open with a mode (variadic in C).
int ks_open(const char *path, int flags, mode_t mode);

/// ioctl is variadic: bring a link up by name (SIOCGIFFLAGS/SIOCSIFFLAGS) in the current netns.
int ks_link_up(const char *name);

/// Status decoding (macros in <sys/wait.h>).
int ks_wifexited(int status);
int ks_wexitstatus(int status);
int ks_wifsignaled(int status);
int ks_wtermsig(int status);

/// _GNU_SOURCE-only declarations Swift's Glibc module does not expose.
const char *ks_errno_name(int code);
int ks_mknod_char(const char *path, mode_t mode, unsigned int major, unsigned int minor);
int ks_setresuid(uid_t uid);
int ks_setresgid(gid_t gid);

int ks_pipe_cloexec(int fds[2]);

int ks_set_overlay_opaque(const char *directory);

int ks_capbset_read(int cap);

/// Loads a compiled classic-BPF seccomp program (`length` bytes of struct sock_filter).
int ks_seccomp_load_program(const void *program, unsigned long length);
/// An anonymous in-memory file (for exporting compiled filters).
int ks_memfd(const char *name);

/// fork() straight into a cgroup (clone3 CLONE_INTO_CGROUP): no migration afterwards, which
/// would wait for an RCU grace period. Only for single-threaded callers. -1 with errno on failure.
pid_t ks_fork_into_cgroup(int cgroup_fd);

/// Terminals (ioctl is variadic). A new pseudo-terminal pair, both ends O_CLOEXEC and the slave
/// O_NOCTTY; -1 with errno on failure.
int ks_open_pty(int *master, int *slave);
/// setsid() and make `fd` (a terminal) the new session's controlling terminal (TIOCSCTTY).
int ks_set_controlling_tty(int fd);
/// TIOCSWINSZ: the terminal's size; the foreground process group gets SIGWINCH.
int ks_set_window_size(int fd, unsigned short rows, unsigned short columns);

#endif
