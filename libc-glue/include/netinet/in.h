/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internet addresses for newlib programs: NetBSD's struct sockaddr_in and
 * sockaddr_in6 (with sin_len) and constant values, passed to the rump
 * kernel unchanged. Byte order helpers for little-endian x86_64.
 */
#ifndef LIBC_GLUE_NETINET_IN_H
#define LIBC_GLUE_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define IPPROTO_ICMPV6 58
#define IPPROTO_RAW 255

#define IP_OPTIONS 1
#define IP_HDRINCL 2
#define IP_TOS 3
#define IP_TTL 4
#define IP_MULTICAST_IF 9
#define IP_MULTICAST_TTL 10
#define IP_MULTICAST_LOOP 11
#define IP_ADD_MEMBERSHIP 12
#define IP_DROP_MEMBERSHIP 13

#define IPV6_UNICAST_HOPS 4
#define IPV6_MULTICAST_IF 9
#define IPV6_MULTICAST_HOPS 10
#define IPV6_MULTICAST_LOOP 11
#define IPV6_JOIN_GROUP 12
#define IPV6_LEAVE_GROUP 13
#define IPV6_V6ONLY 27

struct in_addr {
    in_addr_t s_addr;
};

struct sockaddr_in {
    uint8_t sin_len;
    sa_family_t sin_family;
    in_port_t sin_port;
    struct in_addr sin_addr;
    int8_t sin_zero[8];
};

struct in6_addr {
    union {
        uint8_t __u6_addr8[16];
        uint16_t __u6_addr16[8];
        uint32_t __u6_addr32[4];
    } __u6_addr;
};
#define s6_addr __u6_addr.__u6_addr8

struct sockaddr_in6 {
    uint8_t sin6_len;
    sa_family_t sin6_family;
    in_port_t sin6_port;
    uint32_t sin6_flowinfo;
    struct in6_addr sin6_addr;
    uint32_t sin6_scope_id;
};

struct ip_mreq {
    struct in_addr imr_multiaddr;
    struct in_addr imr_interface;
};

struct ipv6_mreq {
    struct in6_addr ipv6mr_multiaddr;
    unsigned int ipv6mr_interface;
};

#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)
#define INADDR_NONE ((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)
#define INET_ADDRSTRLEN 16
#define INET6_ADDRSTRLEN 46

#define IN6ADDR_ANY_INIT                                                       \
    {                                                                          \
        {                                                                      \
            {                                                                  \
                0                                                              \
            }                                                                  \
        }                                                                      \
    }
#define IN6ADDR_LOOPBACK_INIT                                                  \
    {                                                                          \
        {                                                                      \
            {                                                                  \
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1                 \
            }                                                                  \
        }                                                                      \
    }
extern const struct in6_addr in6addr_any;
extern const struct in6_addr in6addr_loopback;

#define IN6_IS_ADDR_UNSPECIFIED(a)                                             \
    ((a)->__u6_addr.__u6_addr32[0] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[1] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[2] == 0 && (a)->__u6_addr.__u6_addr32[3] == 0)
#define IN6_IS_ADDR_LOOPBACK(a)                                                \
    ((a)->__u6_addr.__u6_addr32[0] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[1] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[2] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[3] == htonl(1))
#define IN6_IS_ADDR_V4MAPPED(a)                                                \
    ((a)->__u6_addr.__u6_addr32[0] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[1] == 0 &&                                     \
     (a)->__u6_addr.__u6_addr32[2] == htonl(0x0000ffff))

#ifndef htonl
#define htonl(x) __builtin_bswap32((uint32_t)(x))
#define ntohl(x) __builtin_bswap32((uint32_t)(x))
#define htons(x) __builtin_bswap16((uint16_t)(x))
#define ntohs(x) __builtin_bswap16((uint16_t)(x))
#endif

#endif
