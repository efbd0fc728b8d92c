#ifndef KUBESWIFT_CLINUX_NETNS_H
#define KUBESWIFT_CLINUX_NETNS_H
// Sockets and files bound to another network namespace, without moving any caller thread:
// a short-lived pthread joins the namespace, opens, and exits (a netlink socket and a
// /proc/sys/net file stay bound to the namespace they were opened in). The caller's
// thread, possibly a Swift concurrency thread, never changes namespace.
#include <stdint.h>

/// socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, protocol), bound with a kernel-chosen port id,
/// created inside the network namespace `netns_fd` (-1: the caller's).
/// Returns the descriptor, or -1 with errno set; `*stage` names the call that failed.
int ks_netlink_open(int netns_fd, int protocol, uint32_t *port_id, const char **stage);

/// open(path, flags | O_CLOEXEC) from inside the network namespace `netns_fd` (-1: the caller's).
int ks_open_in_netns(int netns_fd, const char *path, int flags, const char **stage);

/// socket(domain, type | SOCK_CLOEXEC, protocol) created inside the network namespace `netns_fd`
/// (-1: the caller's): a TCP socket that connects to the pod's own loopback (port forwarding).
int ks_socket_in_netns(int netns_fd, int domain, int type, int protocol, const char **stage);

/// setsockopt(SOL_NETLINK, option, int value).
int ks_netlink_setsockopt(int fd, int option, int value);

#endif
