#define _GNU_SOURCE
#include "clinux_netns.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

enum ks_netns_job_kind { KS_NETLINK_SOCKET, KS_OPEN_FILE, KS_SOCKET };

struct ks_netns_job {
    enum ks_netns_job_kind kind;
    int netns_fd;
    int protocol;
    int domain;
    int type;
    const char *path;
    int flags;
    int result;
    int error;
    uint32_t port_id;
    const char *stage;
};

static void ks_netns_job_run(struct ks_netns_job *job) {
    if (job->netns_fd >= 0 && setns(job->netns_fd, CLONE_NEWNET) != 0) {
        job->result = -1; job->error = errno; job->stage = "setns(CLONE_NEWNET)";
        return;
    }
    if (job->kind == KS_SOCKET) {
        int fd = socket(job->domain, job->type | SOCK_CLOEXEC, job->protocol);
        job->result = fd; job->error = fd < 0 ? errno : 0; job->stage = "socket";
        return;
    }
    if (job->kind == KS_OPEN_FILE) {
        int fd = open(job->path, job->flags | O_CLOEXEC);
        job->result = fd; job->error = fd < 0 ? errno : 0; job->stage = "open";
        return;
    }
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, job->protocol);
    if (fd < 0) { job->result = -1; job->error = errno; job->stage = "socket(AF_NETLINK)"; return; }
    struct sockaddr_nl address;
    memset(&address, 0, sizeof address);
    address.nl_family = AF_NETLINK;
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        job->error = errno; close(fd); job->result = -1; job->stage = "bind(AF_NETLINK)"; return;
    }
    socklen_t length = sizeof address;
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0) {
        job->error = errno; close(fd); job->result = -1; job->stage = "getsockname(AF_NETLINK)"; return;
    }
    job->port_id = address.nl_pid;
    job->result = fd;
    job->error = 0;
}

static void *ks_netns_thread(void *argument) {
    ks_netns_job_run((struct ks_netns_job *)argument);
    return NULL;  // the thread ends here, and its namespace membership with it
}

static int ks_netns_job_execute(struct ks_netns_job *job) {
    if (job->netns_fd < 0) {
        ks_netns_job_run(job);
    } else {
        pthread_t thread;
        int rc = pthread_create(&thread, NULL, ks_netns_thread, job);
        if (rc != 0) { job->result = -1; job->error = rc; job->stage = "pthread_create"; }
        else pthread_join(thread, NULL);
    }
    if (job->result < 0) errno = job->error;
    return job->result;
}

int ks_netlink_open(int netns_fd, int protocol, uint32_t *port_id, const char **stage) {
    struct ks_netns_job job = { .kind = KS_NETLINK_SOCKET, .netns_fd = netns_fd, .protocol = protocol, .stage = "" };
    int fd = ks_netns_job_execute(&job);
    if (port_id) *port_id = job.port_id;
    if (stage) *stage = job.stage;
    return fd;
}

int ks_open_in_netns(int netns_fd, const char *path, int flags, const char **stage) {
    struct ks_netns_job job = { .kind = KS_OPEN_FILE, .netns_fd = netns_fd, .path = path, .flags = flags, .stage = "" };
    int fd = ks_netns_job_execute(&job);
    if (stage) *stage = job.stage;
    return fd;
}

int ks_netlink_setsockopt(int fd, int option, int value) {
    return setsockopt(fd, SOL_NETLINK, option, &value, sizeof value);
}

int ks_socket_in_netns(int netns_fd, int domain, int type, int protocol, const char **stage) {
    struct ks_netns_job job = { .kind = KS_SOCKET, .netns_fd = netns_fd, .domain = domain, .type = type,
                                .protocol = protocol, .stage = "" };
    int fd = ks_netns_job_execute(&job);
    if (stage) *stage = job.stage;
    return fd;
}
