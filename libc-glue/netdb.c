/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Name lookup without DNS: getaddrinfo/getnameinfo/gethostbyname for
 * numeric hosts, "localhost", and the names in /etc/hosts (read anew on
 * each lookup, through open(), so from the rump kernel's file system when
 * the guest has one); services by number or from a short built-in list.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glue.h"
#include "inet_text.h"

#define HOSTS_FILE "/etc/hosts"
#define LINE_MAX_LEN 512

int h_errno;

/* One resolved host address: family and bytes in network order. */
struct host_addr {
    int family;
    uint8_t bytes[16];
};

static const struct {
    const char *name;
    int port;
} services[] = {
    {"ftp", 21},    {"ssh", 22},    {"telnet", 23},  {"smtp", 25},
    {"domain", 53}, {"http", 80},   {"pop3", 110},   {"ntp", 123},
    {"imap", 143},  {"https", 443}, {"redis", 6379},
};

/* A numeric host of family (AF_UNSPEC: either). Returns 1 or 0. */
static int
parse_numeric(const char *text, int family, struct host_addr *out)
{
    if (family != AF_INET6 && inet_text_to_v4(text, out->bytes)) {
        out->family = AF_INET;
        return 1;
    }
    if (family != AF_INET && inet_text_to_v6(text, out->bytes)) {
        out->family = AF_INET6;
        return 1;
    }
    return 0;
}

/*
 * Looks name up in /etc/hosts: the first line whose address is of family
 * and that lists name (case-insensitively). Returns 1 with *out, or 0.
 */
static int
hosts_lookup(const char *name, int family, struct host_addr *out)
{
    char line[LINE_MAX_LEN], *save, *tok, *addr;
    FILE *f = fopen(HOSTS_FILE, "r");
    int found = 0;

    if (f == NULL)
        return 0;
    while (!found && fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "#\n")] = '\0';
        if ((addr = strtok_r(line, " \t", &save)) == NULL)
            continue;
        if (!parse_numeric(addr, family, out))
            continue;
        while ((tok = strtok_r(NULL, " \t", &save)) != NULL)
            if (strcasecmp(tok, name) == 0) {
                found = 1;
                break;
            }
    }
    fclose(f);
    return found;
}

/* The first name /etc/hosts gives the address, into host; 1 or 0. */
static int
hosts_reverse(const struct host_addr *a, char *host, size_t len)
{
    char line[LINE_MAX_LEN], *save, *addr, *name;
    struct host_addr h;
    FILE *f = fopen(HOSTS_FILE, "r");
    int found = 0;

    if (f == NULL)
        return 0;
    while (!found && fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "#\n")] = '\0';
        if ((addr = strtok_r(line, " \t", &save)) == NULL ||
            (name = strtok_r(NULL, " \t", &save)) == NULL)
            continue;
        if (!parse_numeric(addr, a->family, &h) ||
            memcmp(h.bytes, a->bytes, a->family == AF_INET ? 4 : 16) != 0)
            continue;
        found = strlen(name) < len;
        if (found)
            strcpy(host, name);
    }
    fclose(f);
    return found;
}

/* Host text to addresses: up to 2 (localhost: IPv4 then IPv6). */
static int
resolve_host(const char *node, int family, int flags, struct host_addr *out,
             int *n)
{
    static const uint8_t lo6[16] = {[15] = 1};
    static const uint8_t lo4[4] = {127, 0, 0, 1};

    *n = 0;
    if (node == NULL) {
        /* No host: the wildcard for servers, loopback for clients. */
        int passive = (flags & AI_PASSIVE) != 0;

        memset(out, 0, 2 * sizeof(*out));
        if (family != AF_INET6) {
            out[*n].family = AF_INET;
            if (!passive)
                memcpy(out[*n].bytes, lo4, 4);
            (*n)++;
        }
        if (family != AF_INET) {
            out[*n].family = AF_INET6;
            if (!passive)
                memcpy(out[*n].bytes, lo6, 16);
            (*n)++;
        }
        return 0;
    }
    if (parse_numeric(node, family, &out[0])) {
        *n = 1;
        return 0;
    }
    if (flags & AI_NUMERICHOST)
        return EAI_NONAME;
    if (hosts_lookup(node, family, &out[0])) {
        *n = 1;
        return 0;
    }
    if (strcasecmp(node, "localhost") == 0)
        return resolve_host(NULL, family, 0, out, n);
    return EAI_NONAME;
}

/* A service name or number as a port in host order, or -1. */
static int
resolve_service(const char *service, int flags)
{
    char *end;
    long port;

    if (service == NULL)
        return 0;
    port = strtol(service, &end, 10);
    if (*service != '\0' && *end == '\0')
        return port >= 0 && port <= 65535 ? (int)port : -1;
    if (flags & AI_NUMERICSERV)
        return -1;
    for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
        if (strcmp(services[i].name, service) == 0)
            return services[i].port;
    return -1;
}

/* One result: the address with port, of the given socket type. */
static struct addrinfo *
make_ai(const struct host_addr *a, int port, int socktype, const char *canon)
{
    struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));
    struct sockaddr_in6 *s6;
    struct sockaddr_in *s4;

    if (ai == NULL)
        return NULL;
    ai->ai_family = a->family;
    ai->ai_socktype = socktype;
    ai->ai_protocol = socktype == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
    ai->ai_addr = (struct sockaddr *)(ai + 1);
    if (a->family == AF_INET) {
        s4 = (struct sockaddr_in *)ai->ai_addr;
        ai->ai_addrlen = sizeof(*s4);
        s4->sin_len = sizeof(*s4);
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        memcpy(&s4->sin_addr, a->bytes, 4);
    } else {
        s6 = (struct sockaddr_in6 *)ai->ai_addr;
        ai->ai_addrlen = sizeof(*s6);
        s6->sin6_len = sizeof(*s6);
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        memcpy(&s6->sin6_addr, a->bytes, 16);
    }
    if (canon != NULL && (ai->ai_canonname = strdup(canon)) == NULL) {
        free(ai);
        return NULL;
    }
    return ai;
}

int
getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
            struct addrinfo **res)
{
    struct addrinfo none = {0}, *head = NULL, **tail = &head;
    const struct addrinfo *h = hints != NULL ? hints : &none;
    static const int both[] = {SOCK_STREAM, SOCK_DGRAM};
    struct host_addr addrs[2];
    int n, port, err;

    if (node == NULL && service == NULL)
        return EAI_NONAME;
    if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET &&
        h->ai_family != AF_INET6)
        return EAI_FAMILY;
    if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM &&
        h->ai_socktype != SOCK_DGRAM && h->ai_socktype != SOCK_RAW)
        return EAI_SOCKTYPE;
    if ((port = resolve_service(service, h->ai_flags)) < 0)
        return EAI_SERVICE;
    if ((err = resolve_host(node, h->ai_family, h->ai_flags, addrs, &n)) != 0)
        return err;
    for (int i = 0; i < n; i++)
        for (int t = 0; t < 2; t++) {
            int type = h->ai_socktype != 0 ? h->ai_socktype : both[t];
            const char *canon =
                head == NULL && (h->ai_flags & AI_CANONNAME) ? node : NULL;

            if (h->ai_socktype != 0 && t == 1)
                break;
            if ((*tail = make_ai(&addrs[i], port, type, canon)) == NULL) {
                freeaddrinfo(head);
                return EAI_MEMORY;
            }
            tail = &(*tail)->ai_next;
        }
    *res = head;
    return 0;
}

void
freeaddrinfo(struct addrinfo *ai)
{
    while (ai != NULL) {
        struct addrinfo *next = ai->ai_next;

        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

const char *
gai_strerror(int err)
{
    switch (err) {
    case 0:
        return "Success";
    case EAI_FAMILY:
        return "ai_family not supported";
    case EAI_SOCKTYPE:
        return "ai_socktype not supported";
    case EAI_SERVICE:
        return "servname not supported for ai_socktype";
    case EAI_NONAME:
        return "hostname or servname not provided or not known";
    case EAI_MEMORY:
        return "Memory allocation failure";
    case EAI_OVERFLOW:
        return "Argument buffer overflow";
    default:
        return "Unknown error";
    }
}

int
getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
            socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
    struct host_addr a = {.family = sa->sa_family};
    uint16_t port;

    if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;

        memcpy(a.bytes, &s4->sin_addr, 4);
        port = ntohs(s4->sin_port);
    } else if (sa->sa_family == AF_INET6 &&
               salen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;

        memcpy(a.bytes, &s6->sin6_addr, 16);
        port = ntohs(s6->sin6_port);
    } else {
        return EAI_FAMILY;
    }
    if (host != NULL && hostlen > 0 &&
        ((flags & NI_NUMERICHOST) || !hosts_reverse(&a, host, hostlen))) {
        if (flags & NI_NAMEREQD)
            return EAI_NONAME;
        if ((a.family == AF_INET
                 ? inet_text_from_v4(a.bytes, host, hostlen)
                 : inet_text_from_v6(a.bytes, host, hostlen)) < 0)
            return EAI_OVERFLOW;
    }
    if (serv != NULL && servlen > 0 &&
        snprintf(serv, servlen, "%u", port) >= (int)servlen)
        return EAI_OVERFLOW;
    return 0;
}

/* IPv4 only, in static storage (not thread-safe, as POSIX allows). */
struct hostent *
gethostbyname(const char *name)
{
    static struct hostent he;
    static char hname[NI_MAXHOST];
    static uint8_t addr[4];
    static char *addrs[2] = {(char *)addr, NULL};
    static char *aliases[1] = {NULL};
    struct host_addr a[2];
    int n;

    if (resolve_host(name, AF_INET, 0, a, &n) != 0 || n == 0) {
        h_errno = HOST_NOT_FOUND;
        return NULL;
    }
    memcpy(addr, a[0].bytes, 4);
    snprintf(hname, sizeof(hname), "%s", name);
    he = (struct hostent){hname, aliases, AF_INET, 4, addrs};
    return &he;
}

struct servent *
getservbyname(const char *name, const char *proto)
{
    static struct servent se;
    static char *aliases[1] = {NULL};
    static char sname[32], sproto[8];
    int port = resolve_service(name, 0);

    if (port < 0)
        return NULL;
    snprintf(sname, sizeof(sname), "%s", name);
    snprintf(sproto, sizeof(sproto), "%s", proto != NULL ? proto : "tcp");
    se = (struct servent){sname, aliases, htons((uint16_t)port), sproto};
    return &se;
}
