/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Appends 512-byte records to /records on xvda's FFS, fsyncing each before
 * printing "rump-ack: durable N records", until destroyed. "check": mounts
 * read-only and counts the valid records in order; "nosync": no fsync (to
 * show the host check failing); "hold": HOLD_RECORDS records without fsync,
 * then "rump-ack: holding" and sleep until the toolstack stops the guest,
 * whose exit must sync them. Component set "fs".
 */
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#include <stdbool.h>

/* NetBSD's struct ufs_args. */
struct ufs_args {
    char *fspec;
};

#define MNT_RDONLY 1
#define RECORD_SIZE 512
#define RECORD_WORDS (RECORD_SIZE / 8)
#define RECORD_MAGIC 0x4b43412d504d5552ull /* "RUMP-ACK" */
/* A guest nobody kills stops here and unmounts cleanly. */
#define MAX_RECORDS 3000
#define HOLD_RECORDS 40

/* Record seq (from 1): magic, seq, then the words of tests/host/blkimg.py's
 * pattern at record offsets 16.. with seed seq. */
static void
make_record(uint64_t *rec, uint64_t seq)
{
    rec[0] = RECORD_MAGIC;
    rec[1] = seq;
    for (int i = 2; i < RECORD_WORDS; i++)
        rec[i] = (uint64_t)i * 0x9E3779B97F4A7C15ull + seq;
}

/* Appends count records, each fsynced if sync; the full stream
 * (MAX_RECORDS) says each record on the console as it is acknowledged. */
static int
write_records(bool sync, uint64_t count)
{
    static uint64_t rec[RECORD_WORDS];
    int fd = rump_sys_open("/mnt/records",
                           RUMP_O_CREAT | RUMP_O_WRONLY | RUMP_O_APPEND, 0644);

    if (fd < 0) {
        console_printf("rump-ack: creating /mnt/records failed, errno %d\n",
                       hypercall_errno());
        return -1;
    }
    for (uint64_t seq = 1; seq <= count; seq++) {
        make_record(rec, seq);
        if (rump_sys_write(fd, rec, sizeof(rec)) != (ssize_t)sizeof(rec) ||
            (sync && rump_sys_fsync(fd) != 0)) {
            console_printf("rump-ack: record %llu failed, errno %d\n",
                           (unsigned long long)seq, hypercall_errno());
            rump_sys_close(fd);
            return -1;
        }
        if (count == MAX_RECORDS)
            console_printf("rump-ack: durable %llu records\n",
                           (unsigned long long)seq);
    }
    return rump_sys_close(fd);
}

/* Counts the valid records at the start of /mnt/records, in order. */
static int
check_records(void)
{
    static uint64_t rec[RECORD_WORDS], want[RECORD_WORDS];
    int fd = rump_sys_open("/mnt/records", RUMP_O_RDONLY);
    uint64_t seq = 0;

    if (fd < 0) {
        console_printf("rump-ack: opening /mnt/records failed, errno %d\n",
                       hypercall_errno());
        return -1;
    }
    while (rump_sys_read(fd, rec, sizeof(rec)) == (ssize_t)sizeof(rec)) {
        make_record(want, seq + 1);
        if (memcmp(rec, want, sizeof(rec)) != 0)
            break;
        seq++;
    }
    rump_sys_close(fd);
    console_printf("rump-ack: the file holds %llu valid records in order\n",
                   (unsigned long long)seq);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *mode = argc >= 2 ? argv[1] : "";
    bool check = strcmp(mode, "check") == 0;
    struct ufs_args args = {.fspec = "/dev/xvda"};
    int rc;

    if (rump_pub_etfs_register("/dev/xvda", "xvda", RUMP_ETFS_BLK) != 0 ||
        rump_sys_mkdir("/mnt", 0755) != 0) {
        console_printf("rump-ack: registering xvda failed\n");
        return 1;
    }
    if (rump_sys_mount("ffs", "/mnt", check ? MNT_RDONLY : 0, &args,
                       sizeof(args)) != 0) {
        console_printf("rump-ack: mounting ffs failed, errno %d\n",
                       hypercall_errno());
        return 1;
    }
    console_printf("rump-ack: ffs mounted%s\n", check ? " read-only" : "");
    if (strcmp(mode, "hold") == 0) {
        if (write_records(false, HOLD_RECORDS) != 0)
            return 1;
        console_printf("rump-ack: wrote %d records without syncing; holding\n",
                       HOLD_RECORDS);
        for (;;)
            sched_sleep_until(time_now_ns() + 1000000000ull);
    }
    rc = check ? check_records()
               : write_records(strcmp(mode, "nosync") != 0, MAX_RECORDS);
    if (rump_sys_unmount("/mnt", 0) != 0)
        rc = -1;
    console_printf("rump-ack: %s\n", rc == 0 ? "PASS" : "FAIL");
    return rc == 0 ? 0 : 1;
}
