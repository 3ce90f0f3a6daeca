/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No read-ahead of file pages in "fs" images (--wrap=rumpns_uvm_ra_request):
 * this rump kernel's completion of asynchronous reads (uvm_aio_aiodone in
 * rumpvfs/vm_vfs.c) unbusies the pages without clearing PG_FAKE, so the read
 * that wants a page read ahead reads it again: read-ahead only doubled I/O.
 */
struct uvm_ractx;
struct uvm_object;

void __wrap_rumpns_uvm_ra_request(struct uvm_ractx *ra, int advice,
                                  struct uvm_object *uobj, long long off,
                                  unsigned long size);

void
__wrap_rumpns_uvm_ra_request(struct uvm_ractx *ra, int advice,
                             struct uvm_object *uobj, long long off,
                             unsigned long size)
{
    (void)ra;
    (void)advice;
    (void)uobj;
    (void)off;
    (void)size;
}
