/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib with the rump kernel profile of libc-glue: files and directories
 * on the tmpfs at /tmp, or below the folder given as argv[1] (a disk
 * mounted by the guest configuration), through open/read/write/lseek/fstat/stat/unlink/
 * mkdir/rmdir/readdir and stdio, with errno values that differ between
 * NetBSD and newlib (ENOTEMPTY, ENOTDIR) and open flags that differ
 * (O_NONBLOCK, O_CLOEXEC); glob of literal paths and fstatat (what
 * lighttpd uses). Prints "libc-files: PASS" or what failed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libc_test.h"

/* The test's folder: /tmp/d, or argv[1]/d. */
static char base[200] = "/tmp/d";

/* base + rest, in one of a few rotating buffers (several per call). */
static const char *
P(const char *rest)
{
    static char bufs[4][256];
    static int next;
    char *b = bufs[next++ % 4];

    snprintf(b, sizeof(bufs[0]), "%s%s", base, rest);
    return b;
}

static void
test_fd_calls(void)
{
    char buf[64];
    struct stat st;
    int fd;

    fd = open(P("/a.txt"), O_CREAT | O_WRONLY | O_EXCL, 0644);
    EXPECT(fd >= 3);
    EXPECT(write(fd, "hello, tmpfs\n", 13) == 13);
    EXPECT(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 13);
    EXPECT((st.st_mode & 0777) == 0644);
    EXPECT(close(fd) == 0);
    EXPECT(open(P("/a.txt"), O_CREAT | O_WRONLY | O_EXCL, 0644) == -1 &&
           errno == EEXIST);
    fd = open(P("/a.txt"), O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC);
    EXPECT(fd >= 3);
    EXPECT(write(fd, "more\n", 5) == 5);
    EXPECT(lseek(fd, 7, SEEK_SET) == 7);
    memset(buf, 0, sizeof(buf));
    EXPECT(read(fd, buf, sizeof(buf)) == 11 &&
           strcmp(buf, "tmpfs\nmore\n") == 0);
    EXPECT(lseek(fd, 0, SEEK_END) == 18);
    EXPECT(close(fd) == 0);
    EXPECT(close(fd) == -1 && errno == EBADF);
    EXPECT(stat(P("/a.txt"), &st) == 0 && st.st_size == 18);
    EXPECT(stat(P(""), &st) == 0 && S_ISDIR(st.st_mode));
    EXPECT(open(P("/../nonexistent"), O_RDONLY) == -1 && errno == ENOENT);
    /* NetBSD 20 and 66; newlib 20 and 90. */
    EXPECT(open(P("/a.txt/x"), O_RDONLY) == -1 && errno == ENOTDIR);
    EXPECT(rmdir(P("")) == -1 && errno == ENOTEMPTY);
    EXPECT(mkdir(P(""), 0755) == -1 && errno == EEXIST);
}

static void
test_stdio(void)
{
    char line[64];
    FILE *f = fopen(P("/b.txt"), "w");

    EXPECT(f != NULL);
    if (f == NULL)
        return;
    EXPECT(fprintf(f, "line %d\nline %s\n", 1, "two") == 16);
    EXPECT(fclose(f) == 0);
    f = fopen(P("/b.txt"), "r");
    EXPECT(f != NULL);
    if (f == NULL)
        return;
    EXPECT(fgets(line, sizeof(line), f) && strcmp(line, "line 1\n") == 0);
    EXPECT(fgets(line, sizeof(line), f) && strcmp(line, "line two\n") == 0);
    EXPECT(fgets(line, sizeof(line), f) == NULL && feof(f));
    EXPECT(fclose(f) == 0);
}

static void
test_readdir(void)
{
    DIR *d = opendir(P(""));
    struct dirent *e;
    int seen_a = 0, seen_b = 0, other = 0;

    EXPECT(d != NULL);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "a.txt") == 0)
            seen_a += e->d_type == DT_REG;
        else if (strcmp(e->d_name, "b.txt") == 0)
            seen_b++;
        else if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            other++;
    }
    /* tmpfs may or may not list . and .. */
    EXPECT(seen_a == 1 && seen_b == 1 && other == 0);
    EXPECT(closedir(d) == 0);
    EXPECT(opendir(P("/a.txt")) == NULL && errno == ENOTDIR);
}

/* libc-glue's glob matches literal paths only. */
static void
test_glob(void)
{
    glob_t g;
    struct stat st;

    EXPECT(glob(P("/a.txt"), 0, NULL, &g) == 0 && g.gl_pathc == 1 &&
           strcmp(g.gl_pathv[0], P("/a.txt")) == 0 && g.gl_pathv[1] == NULL);
    EXPECT(glob(P("/b.txt"), GLOB_APPEND, NULL, &g) == 0 &&
           g.gl_pathc == 2 && strcmp(g.gl_pathv[1], P("/b.txt")) == 0);
    globfree(&g);
    EXPECT(g.gl_pathv == NULL && g.gl_pathc == 0);
    EXPECT(glob(P("/none"), 0, NULL, &g) == GLOB_NOMATCH && g.gl_pathc == 0);
    EXPECT(glob(P("/*.txt"), 0, NULL, &g) == GLOB_NOSYS);
    EXPECT(fstatat(AT_FDCWD, P("/a.txt"), &st, 0) == 0 &&
           S_ISREG(st.st_mode));
    EXPECT(fstatat(AT_FDCWD, P(""), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISDIR(st.st_mode));
    EXPECT(fstatat(3, "a.txt", &st, 0) == -1 && errno == ENOSYS);
}

int
main(int argc, char **argv)
{
    struct stat st;

    if (argc > 1)
        snprintf(base, sizeof(base), "%s/d", argv[1]);
    printf("libc-files: in %s\n", base);

    EXPECT(mkdir(P(""), 0755) == 0);
    test_fd_calls();
    test_stdio();
    test_readdir();
    test_glob();
    EXPECT(unlink(P("/a.txt")) == 0 && unlink(P("/b.txt")) == 0);
    EXPECT(stat(P("/a.txt"), &st) == -1 && errno == ENOENT);
    EXPECT(rmdir(P("")) == 0);
    if (failures)
        printf("libc-files: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libc-files: PASS (%d checks)\n", checks);
    return failures ? 1 : 0;
}
