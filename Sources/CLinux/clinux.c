#define _GNU_SOURCE
#include "clinux.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <net/if.h>
#include <sched.h>
#include <spawn.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

int ks_pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}

const int ks_CLONE_NEWNS = CLONE_NEWNS;
const int ks_CLONE_NEWUTS = CLONE_NEWUTS;
const int ks_CLONE_NEWIPC = CLONE_NEWIPC;
const int ks_CLONE_NEWPID = CLONE_NEWPID;
const int ks_CLONE_NEWNET = CLONE_NEWNET;
const int ks_CLONE_NEWCGROUP = CLONE_NEWCGROUP;
const int ks_CLONE_NEWUSER = CLONE_NEWUSER;

int ks_unshare(int flags) { return unshare(flags); }
int ks_setns(int fd, int nstype) { return setns(fd, nstype); }

const unsigned long ks_MS_RDONLY = MS_RDONLY, ks_MS_NOSUID = MS_NOSUID, ks_MS_NODEV = MS_NODEV,
    ks_MS_NOEXEC = MS_NOEXEC, ks_MS_REMOUNT = MS_REMOUNT, ks_MS_BIND = MS_BIND, ks_MS_REC = MS_REC,
    ks_MS_PRIVATE = MS_PRIVATE, ks_MS_SLAVE = MS_SLAVE, ks_MS_SHARED = MS_SHARED,
    ks_MS_STRICTATIME = MS_STRICTATIME, ks_MS_RELATIME = MS_RELATIME;
const int ks_MNT_DETACH = MNT_DETACH;

int ks_setrlimit(int resource, uint64_t soft, uint64_t hard) {
    struct rlimit limit = {.rlim_cur = soft, .rlim_max = hard};
    return setrlimit(resource, &limit);
}

int ks_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }
int ks_get_no_new_privs(void) { return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); }
int ks_set_keepcaps(int on) { return prctl(PR_SET_KEEPCAPS, on, 0, 0, 0); }
int ks_set_pdeathsig(int signal) { return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0); }
int ks_capbset_drop(int cap) { return prctl(PR_CAPBSET_DROP, cap, 0, 0, 0); }

int ks_pidfd_open(pid_t pid, unsigned int flags) { return (int)syscall(SYS_pidfd_open, pid, flags); }
int ks_close_range_cloexec(unsigned int first) {
    return (int)syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC);
}

int ks_open(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }

int ks_link_up(const char *name) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    int result = ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags |= IFF_UP;
        result = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
    return result;
}

int ks_wifexited(int status) { return WIFEXITED(status); }
int ks_wexitstatus(int status) { return WEXITSTATUS(status); }
int ks_wifsignaled(int status) { return WIFSIGNALED(status); }
int ks_wtermsig(int status) { return WTERMSIG(status); }

#include <string.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>
const char *ks_errno_name(int code) { return strerrorname_np(code); }
int ks_mknod_char(const char *path, mode_t mode, unsigned int major, unsigned int minor) {
    return mknod(path, S_IFCHR | mode, makedev(major, minor));
}
int ks_setresuid(uid_t uid) { return setresuid(uid, uid, uid); }
int ks_setresgid(gid_t gid) { return setresgid(gid, gid, gid); }
int ks_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
#include <sys/xattr.h>
int ks_set_overlay_opaque(const char *directory) {
    return setxattr(directory, "trusted.overlay.opaque", "y", 1, 0);
}
int ks_capbset_read(int cap) { return prctl(PR_CAPBSET_READ, cap, 0, 0, 0); }
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
int ks_seccomp_load_program(const void *program, unsigned long length) {
    struct sock_fprog prog = {.len = (unsigned short)(length / sizeof(struct sock_filter)),
                              .filter = (struct sock_filter *)program};
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}
int ks_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }
#include <signal.h>
struct ks_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
pid_t ks_fork_into_cgroup(int cgroup_fd) {
    struct ks_clone_args args;
    memset(&args, 0, sizeof(args));
    args.flags = 0x200000000ULL; /* CLONE_INTO_CGROUP */
    args.exit_signal = SIGCHLD;
    args.cgroup = (uint64_t)cgroup_fd;
    return (pid_t)syscall(SYS_clone3, &args, sizeof(args));
}

int ks_spawn_closefrom(void *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np((posix_spawn_file_actions_t *)actions, from);
}

int ks_open_pty(int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    char name[64];
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        int saved = errno;
        close(m);
        errno = saved;
        return -1;
    }
    *master = m;
    *slave = s;
    return 0;
}

int ks_set_controlling_tty(int fd) {
    if (setsid() < 0) return -1;
    return ioctl(fd, TIOCSCTTY, 0);
}

int ks_set_window_size(int fd, unsigned short rows, unsigned short columns) {
    struct winsize size = { .ws_row = rows, .ws_col = columns };
    return ioctl(fd, TIOCSWINSZ, &size);
}
