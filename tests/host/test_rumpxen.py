# SPDX-License-Identifier: BSD-2-Clause
# Host tests of scripts/rumpxen: a table of bad command lines and bad
# configurations, each run through main() and checked for its message and
# exit status (nothing boots: every one is refused before), and the pure
# parts: the image check on made-up ELF files, file system detection, the
# guest configuration JSON, the xl configuration, the port forward pieces
# and the exit status rules. tests/run.sh boots the tool for real.
import contextlib
import importlib.machinery
import importlib.util
import io
import json
import os
import socket
import struct
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_rumpxen():
    path = os.path.join(REPO, "scripts", "rumpxen")
    loader = importlib.machinery.SourceFileLoader("rumpxen", path)
    spec = importlib.util.spec_from_loader("rumpxen", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


rx = load_rumpxen()


def note(ntype, desc):
    name = b"Xen\0"
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return struct.pack("<III", len(name), len(desc), ntype) + pad(name) + pad(desc)


def make_elf(path, notes, machine=62, memsz=0x20000, elfclass=2):
    """A minimal ELF64 with one PT_LOAD at 1 MiB and one PT_NOTE."""
    blob = b"".join(note(t, d) for t, d in notes)
    phoff, phnum = 64, 2
    note_off = phoff + 56 * phnum
    hdr = bytearray(64)
    hdr[0:4] = b"\x7fELF"
    hdr[4] = elfclass
    hdr[5] = 1
    hdr[6] = 1
    struct.pack_into("<HHIQQQIHHHHHH", hdr, 16, 2, machine, 1, 0x100000, phoff, 0, 0,
                     64, 56, phnum, 64, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x100000, 0x100000, note_off + len(blob),
                     memsz, 0x1000)
    ph += struct.pack("<IIQQQQQQ", 4, 4, note_off, 0, 0, len(blob), len(blob), 4)
    with open(path, "wb") as f:
        f.write(bytes(hdr) + ph + blob)


GOOD_NOTES = [(6, b"rumpxen\0"), (1, struct.pack("<Q", 0x100000)),
              (18, struct.pack("<I", 0x100000))]


class Fixture(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="test_rumpxen.")
        self.img = os.path.join(self.dir, "guest")
        make_elf(self.img, GOOD_NOTES)
        self.disk = os.path.join(self.dir, "disk.img")
        with open(self.disk, "wb") as f:
            f.truncate(1 << 20)
        self.ext2 = os.path.join(self.dir, "ext2.img")
        with open(self.ext2, "wb") as f:
            f.truncate(1 << 20)
            f.seek(1080)
            f.write(b"\x53\xef")

    def tearDown(self):
        for n in os.listdir(self.dir):
            os.chmod(os.path.join(self.dir, n), 0o600)
            os.unlink(os.path.join(self.dir, n))
        os.rmdir(self.dir)

    def run_main(self, argv, xen=False):
        """main() with the mode found as XEN says; (status, stderr, stdout)."""
        err, out = io.StringIO(), io.StringIO()
        saved = rx.xen_host, rx.mem_available_mb
        rx.xen_host = lambda: xen
        rx.mem_available_mb = lambda: 4000
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                rc = rx.main(argv)
        finally:
            rx.xen_host, rx.mem_available_mb = saved
        return rc, err.getvalue(), out.getvalue()


# The table of bad command lines: argv (words IMG, DISK, EXT2 and @NAME,
# a file of the fixture, are replaced), the exit status, a piece of the
# message. Every one is refused before anything boots.
U = rx.EXIT_USAGE
ROWS = [
    (["start", "IMG"], U, "unknown command 'start'"),
    (["run"], U, "no IMAGE given"),
    (["run", "IMG", "IMG"], U, "one IMAGE only"),
    (["run", "IMG", "--bogus"], U, "unknown option '--bogus'"),
    (["run", "IMG", "-m"], U, "option -m needs a value"),
    (["run", "IMG", "-m", "lots"], U, "--memory (MB) must be a number"),
    (["run", "IMG", "-m", "0"], U, "--memory (MB) must be a number 1-8192"),
    (["run", "IMG", "-m", "9000"], U, "--memory (MB) must be a number 1-8192"),
    (["run", "IMG", "-m", "32", "-m", "64"], U, "option -m given twice"),
    (["run", "IMG", "--vcpus", "0"], U, "--vcpus must be a number 1-8"),
    (["run", "IMG", "--vcpus", "99"], U, "--vcpus must be a number 1-8"),
    (["run", "IMG", "-t", "hvm"], U, "--type must be pv or pvh, not 'hvm'"),
    (["run", "IMG", "--name", "-x"], U, "--name '-x': use 1-64"),
    (["run", "IMG", "--name", "a b"], U, "--name 'a b': use 1-64"),
    (["run", "IMG", "--name", "x" * 65], U, "--name"),
    (["run", "IMG", "--hostname", "bad_host"], U, "--hostname 'bad_host'"),
    (["run", "IMG", "--hostname", "-lead"], U, "--hostname '-lead'"),
    (["run", "IMG", "-e", "NOVALUE"], U, "-e 'NOVALUE': use NAME=VALUE"),
    (["run", "IMG", "-e", "1X=2"], U, "the name must be letters"),
    (["run", "IMG", "-e", "A=has space"], U, "no spaces, quotes"),
    (["run", "IMG", "-e", "A=1", "-e", "A=2"], U, "-e A given twice"),
    (["run", "IMG", "-e", "A=" + "x" * 300], U, "longer than 255"),
    (["run", "IMG", "-b", ""], U, "use FILE[,MOUNTPOINT[,ro]]"),
    (["run", "IMG", "-b", "DISK,data"], U, "the mount point must be an absolute"),
    (["run", "IMG", "-b", "DISK,/"], U, "the mount point must be an absolute"),
    (["run", "IMG", "-b", "DISK,/a/../b"], U, "the mount point must be an absolute"),
    (["run", "IMG", "-b", "DISK,/d,rw"], U, "the third item can only be ro"),
    (["run", "IMG"] + ["-b", "DISK"] * 5, U, "at most 4 disks"),
    (["run", "IMG", "-b", "EXT2,/d", "-b", "DISK,/d"], U, "mount point /d given twice"),
    (["run", "IMG", "-n", "10.11.0.300/24"], U, "not an IPv4 address"),
    (["run", "IMG", "-n", "ip=10.11.0.5"], U, "use ADDR/PREFIX"),
    (["run", "IMG", "-n", "10.11.0.0/24"], U, "not a host address"),
    (["run", "IMG", "-n", "10.11.0.5/24,gw=10.12.0.1"], U, "gw 10.12.0.1 is not in"),
    (["run", "IMG", "-n", "gw=banana"], U, "is not an IPv4 address"),
    (["run", "IMG", "-n", "dhcp,10.11.0.5/24"], U, "given twice"),
    (["run", "IMG", "-n", "ip6=fe80::1"], U, "ip6 needs a /PREFIX"),
    (["run", "IMG", "-n", "ip6=zz::/64"], U, "ip6 must be auto or ADDR/PREFIX"),
    (["run", "IMG", "-n", "mtu=9000"], U, "unknown item 'mtu=9000'"),
    (["run", "IMG", "-n", "bad/bridge!"], U, "not an IPv4 address"),
    (["run", "IMG", "-n", "br;rm"], U, "bad bridge name"),
    (["run", "IMG", "-n", "10.11.0.5/24", "-n", "10.11.0.5/24"], U,
     "address 10.11.0.5 given to two interfaces"),
    (["run", "IMG", "-n", "gw=10.11.0.1", "-n", "gw=10.11.0.1"], U, "gw given on two"),
    (["run", "IMG"] + ["-n", "default"] * 5, U, "at most 4 network interfaces"),
    (["run", "IMG", "-p", "80"], U, "use [127.0.0.1:]HOSTPORT:GUESTPORT"),
    (["run", "IMG", "-p", "0.0.0.0:8080:80"], U, "bound to 127.0.0.1 only"),
    (["run", "IMG", "-p", "70000:80"], U, "host port must be a number 1-65535"),
    (["run", "IMG", "-p", "8080:0"], U, "guest port must be a number 1-65535"),
    (["run", "IMG", "-p", "8080:80", "-p", "8080:81"], U, "host port 8080 given twice"),
    (["run", "IMG", "-n", "dhcp", "-p", "8080:80"], U, "needs a static address"),
    (["run", "IMG", "--xen", "-p", "8080:80"], U, "-p forwards into the appliance"),
    (["run", "IMG", "--xen", "--appliance"], U, "exclude each other"),
    (["run", "IMG", "--timeout", "0"], U, "--timeout (seconds) must be"),
    (["run", "IMG", "--", "two words"], U, "no spaces"),
    (["run", "IMG", "--", ""], U, "no spaces"),
    (["run", "IMG", "--"] + ["a"] * 64, U, "at most 63 program arguments"),
    (["run", "IMG", "--", "x" * 2100], U, "longer than 2000"),
    (["run", "IMG", "--", 'say"hi"'], U, "no spaces, quotes, backslashes"),
    (["run", "IMG", "-e", "A=back\\slash"], U, "no spaces, quotes, backslashes"),
    (["run", "IMG", "-b", 'DISK,/d"q'], U, "the mount point must be an absolute"),
    (["run", "IMG"] + sum([["-e", "V%d=%s" % (k, "x" * 250)] for k in range(32)], [])
     + ["--"]
     + ["y" * 30] * 60, U, "the guest configuration is longer than 8192 bytes"),
    (["run", "@missing"], rx.EXIT_NO_IMAGE, "no such file"),
    (["run", "@"], rx.EXIT_NO_IMAGE, "no such file"),
    (["run", "@text"], rx.EXIT_NOT_GUEST, "not an ELF file"),
    (["run", "@elf32"], rx.EXIT_NOT_GUEST, "not a 64-bit little-endian ELF"),
    (["run", "@arm"], rx.EXIT_NOT_GUEST, "not an x86-64 ELF"),
    (["run", "@nonotes"], rx.EXIT_NOT_GUEST, "no Xen ELF notes"),
    (["run", "@linux"], rx.EXIT_NOT_GUEST, "GUEST_OS note is 'linux'"),
    (["run", "@pvonly"], rx.EXIT_NOT_GUEST, "no PVH entry note"),
    (["run", "IMG", "-t", "pv", "-m", "3"], rx.EXIT_MEMORY, "pv needs at least 4 MB"),
    (["run", "@big", "-m", "16"], rx.EXIT_MEMORY, "spans 40 MB"),
    (["run", "IMG", "-m", "8192"], rx.EXIT_MEMORY, "not enough memory: the appliance"),
    (["run", "IMG", "-b", "@nodisk"], rx.EXIT_DISK, "nodisk: no such file"),
    (["run", "IMG", "-b", "DISK,/data"], rx.EXIT_DISK, "no ffs, ext2 or FAT"),
    (["run", "IMG", "-b", "DISK", "-b", "DISK"], rx.EXIT_DISK, "given twice"),
    (["run", "IMG", "-n", "xenbr7"], rx.EXIT_BRIDGE,
     "bridge xenbr7: no such bridge in the appliance (it has xenbr0, xenbr1)"),
]


class BadCommandLines(Fixture):
    """One test per ROWS row (test_row_NN), made below the class."""

    def setUp(self):
        super().setUp()
        make_elf(self.path("linux"), [(6, b"linux\0"), (1, b"\0" * 8)])
        make_elf(self.path("nonotes"), [])
        make_elf(self.path("arm"), GOOD_NOTES, machine=183)
        make_elf(self.path("elf32"), GOOD_NOTES, elfclass=1)
        make_elf(self.path("pvonly"), GOOD_NOTES[:2])
        make_elf(self.path("big"), GOOD_NOTES, memsz=40 << 20)
        with open(self.path("text"), "w") as f:
            f.write("#!/bin/sh\n")

    def path(self, name):
        return os.path.join(self.dir, name)

    def check_row(self, argv, status, text):
        subst = {"IMG": self.img, "DISK": self.disk, "EXT2": self.ext2}

        def fill(a):
            for k, v in subst.items():
                a = a.replace(k, v) if a == k or a.startswith(k + ",") else a
            return self.path(a[1:]) if a.startswith("@") else a
        rc, err, _ = self.run_main([fill(a) for a in argv])
        self.assertEqual(rc, status, err)
        self.assertIn(text, err)
        self.assertTrue(err.startswith("rumpxen: error: "), err)

    def test_table_size(self):
        self.assertGreaterEqual(len(ROWS), 30)

    def test_not_readable(self):
        if os.geteuid() == 0:
            self.skipTest("root reads and writes any file")
        make_elf(self.path("unreadable"), GOOD_NOTES)
        os.chmod(self.path("unreadable"), 0)
        self.check_row(["run", "@unreadable"], rx.EXIT_NO_IMAGE, "not readable")
        with open(self.path("ro.img"), "wb") as f:
            f.truncate(4096)
        os.chmod(self.path("ro.img"), 0o400)
        self.check_row(["run", "IMG", "-b", "@ro.img"], rx.EXIT_DISK,
                       "not readable and writable")

    def test_ro_disk_accepted_read_only(self):
        ro = os.path.join(self.dir, "ro2.img")
        with open(ro, "wb") as f:
            f.truncate(4096)
        os.chmod(ro, 0o400)
        rc, err, out = self.run_main(["run", self.img, "--dry-run", "-b", ro + ",ro"])
        self.assertEqual(rc, 0, err)
        self.assertIn("access=ro", out)

    def test_port_in_use(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        try:
            rc, err, _ = self.run_main(["run", self.img, "-p", "%d:80" % port])
        finally:
            s.close()
        self.assertEqual(rc, rx.EXIT_PORT)
        self.assertIn("port 127.0.0.1:%d: in use" % port, err)

    def test_missing_bridge_on_xen_host(self):
        rc, err, _ = self.run_main(["run", self.img, "--dry-run", "-n", "xenbr0"], xen=True)
        self.assertEqual(rc, 0, err)
        saved = rx.host_bridge_exists
        rx.host_bridge_exists = lambda b: False
        try:
            rc, err, _ = self.run_main(["run", self.img, "--xen", "-n", "xenbr0"], xen=True)
        finally:
            rx.host_bridge_exists = saved
        self.assertEqual(rc, rx.EXIT_BRIDGE)
        self.assertIn("bridge xenbr0: no such bridge (create it", err)

    def test_xen_asked_on_no_xen_host(self):
        rc, err, _ = self.run_main(["run", self.img, "--xen"], xen=False)
        self.assertEqual(rc, rx.EXIT_XL)
        self.assertIn("not a Xen host's dom0", err)

    def test_help(self):
        for argv in ([], ["run", "--help"], ["help"]):
            rc, _, out = self.run_main(argv)
            self.assertEqual(rc, 0)
            self.assertIn("usage: rumpxen run IMAGE", out)

    def test_usage_error_hints_help(self):
        rc, err, _ = self.run_main(["run", self.img, "-m", "x"])
        self.assertEqual(rc, rx.EXIT_USAGE)
        self.assertIn("try 'rumpxen run --help'", err)


def _row_test(k):
    def test(self):
        self.check_row(*ROWS[k])
    test.__doc__ = "bad command line %d: %s" % (k, " ".join(ROWS[k][0])[:60])
    return test


for _k in range(len(ROWS)):
    setattr(BadCommandLines, "test_row_%02d" % _k, _row_test(_k))


class GoodCommandLines(Fixture):
    def test_dry_run_appliance(self):
        rc, err, out = self.run_main(
            ["run", self.img, "--dry-run", "-m", "48", "--vcpus", "2", "-t", "pv",
             "--name", "web", "--hostname", "web.example", "-e", "A=1", "-e", "B=x=y",
             "-b", self.ext2 + ",/data,ro", "-b", self.disk, "-p", "8080:80",
             "--", "-v", "arg2"])
        self.assertEqual(rc, 0, err)
        xl, rest = out.split("# guest configuration", 1)
        cfg, steps = rest.split("# steps", 1)
        self.assertIn('name = "web"', xl)
        self.assertIn('type = "pv"', xl)
        self.assertIn("memory = 48", xl)
        self.assertIn("vcpus = 2", xl)
        self.assertIn('cmdline = "config=xenstore --"', xl)
        self.assertIn("vif = [ 'mac=00:16:3e:0b:00:00, bridge=xenbr0' ]", xl)
        self.assertIn("vdev=xvda, access=ro, target=%s" % os.path.realpath(self.ext2), xl)
        self.assertIn("vdev=xvdb, access=rw", xl)
        body = cfg.split("\n", 1)[1]
        pairs = json.loads(body, object_pairs_hook=lambda p: p)
        self.assertEqual(pairs[0], ("cmdline", "guest -v arg2"))
        self.assertIn(("hostname", "web.example"), pairs)
        self.assertIn(("env", "A=1"), pairs)
        self.assertIn(("env", "B=x=y"), pairs)
        nets = [v for k, v in pairs if k == "net"]
        self.assertEqual(nets, [[("if", "xenif0"), ("type", "inet"), ("method", "static"),
                                 ("addr", "10.11.1.2"), ("mask", "16")]])
        blks = [dict(v) for k, v in pairs if k == "blk"]
        self.assertEqual(blks, [{"source": "dev", "path": "xvda", "fstype": "ext2fs",
                                 "mountpoint": "/data", "options": "ro"}])
        self.assertIn("forward 127.0.0.1:8080 -> dom0 10.0.2.15:8080 -> guest "
                      "10.11.1.2:80", steps)

    def test_dry_run_xen_host_nics(self):
        rc, err, out = self.run_main(
            ["run", self.img, "--dry-run", "-n", "dhcp", "-n", "xenbr0,gw=10.11.0.1,ip6=auto",
             "-n", "ip=192.168.7.9/16,ip6=fd00::9/64,gw6=fd00::1"], xen=True)
        self.assertEqual(rc, 0, err)
        self.assertIn("# mode: Xen host (xl)", out)
        body = out.split("# guest configuration", 1)[1].split("\n", 1)[1].split("# steps")[0]
        nets = [dict(v) for k, v in json.loads(body, object_pairs_hook=lambda p: p)
                if k == "net"]
        self.assertEqual(nets[0], {"if": "xenif0", "type": "inet", "method": "dhcp"})
        self.assertEqual(nets[1], {"if": "xenif1", "type": "inet", "method": "static",
                                   "addr": "10.11.1.3", "mask": "16", "gw": "10.11.0.1"})
        self.assertEqual(nets[2], {"if": "xenif1", "type": "inet6", "method": "auto"})
        self.assertEqual(nets[3]["addr"], "192.168.7.9")
        self.assertEqual(nets[3]["mask"], "16")
        self.assertEqual(nets[4], {"if": "xenif2", "type": "inet6", "method": "static",
                                   "addr": "fd00::9", "mask": "64", "gw": "fd00::1"})
        self.assertIn("xl create -p rumpxen-guest.cfg", out)
        self.assertIn("vif = [ 'bridge=xenbr0', 'bridge=xenbr0', 'bridge=xenbr0' ]", out)

    def test_dry_run_appliance_second_bridge(self):
        # The appliance's xenbr1: the vif joins it, the default address is
        # in its network.
        rc, err, out = self.run_main(
            ["run", self.img, "--dry-run", "-n", "default", "-n", "xenbr1",
             "-n", "xenbr1,ip=10.12.5.5/16"], xen=False)
        self.assertEqual(rc, 0, err)
        self.assertIn("vif = [ 'mac=00:16:3e:0b:00:00, bridge=xenbr0', "
                      "'mac=00:16:3e:0b:00:01, bridge=xenbr1', "
                      "'mac=00:16:3e:0b:00:02, bridge=xenbr1' ]", out)
        body = out.split("# guest configuration", 1)[1].split("\n", 1)[1].split("# steps")[0]
        addrs = [dict(v)["addr"] for k, v in json.loads(body, object_pairs_hook=lambda p: p)
                 if k == "net"]
        self.assertEqual(addrs, ["10.11.1.2", "10.12.1.3", "10.12.5.5"])

    def test_default_mode_follows_detection(self):
        _, _, out = self.run_main(["run", self.img, "--dry-run"], xen=False)
        self.assertIn("# mode: appliance", out)
        _, _, out = self.run_main(["run", self.img, "--dry-run"], xen=True)
        self.assertIn("# mode: Xen host", out)
        _, _, out = self.run_main(["run", self.img, "--dry-run", "--appliance"], xen=True)
        self.assertIn("# mode: appliance", out)

    def test_equals_form(self):
        o = rx.parse_args(["run", self.img, "--memory=20", "--type=pv", "--name=n1"])
        self.assertEqual((o.memory, o.type, o.name), (20, "pv", "n1"))


class Pieces(Fixture):
    def test_fstypes(self):
        self.assertEqual(rx.detect_fstype(self.ext2), "ext2fs")
        self.assertEqual(rx.detect_fstype(self.disk), "")
        ffs = os.path.join(self.dir, "ffs.img")
        with open(ffs, "wb") as f:
            f.truncate(1 << 20)
            f.seek(65536 + 1372)
            f.write(struct.pack("<I", 0x19540119))
        self.assertEqual(rx.detect_fstype(ffs), "ffs")
        fat = os.path.join(self.dir, "fat.img")
        with open(fat, "wb") as f:
            f.truncate(1 << 20)
            f.seek(54)
            f.write(b"FAT16")
            f.seek(510)
            f.write(b"\x55\xaa")
        self.assertEqual(rx.detect_fstype(fat), "msdos")

    def test_real_image_if_built(self):
        hello = os.path.join(REPO, "build", "examples", "hello", "hello")
        if not os.path.isfile(hello):
            self.skipTest("build/examples/hello/hello not built")
        facts = rx.image_facts(hello)
        self.assertIn(rx.XEN_ELFNOTE_PHYS32_ENTRY, facts["notes"])
        self.assertIn(rx.XEN_ELFNOTE_ENTRY, facts["notes"])

    def test_exit_status_rules(self):
        self.assertEqual(rx.exit_status_of("poweroff", "0"), 0)
        self.assertEqual(rx.exit_status_of("poweroff", "42"), 42)
        self.assertEqual(rx.exit_status_of("poweroff", "256"), 1)
        self.assertEqual(rx.exit_status_of("poweroff", "-1"), 1)
        self.assertEqual(rx.exit_status_of("poweroff", None), 1)
        self.assertEqual(rx.exit_status_of("crash", "0"), rx.EXIT_CRASH)
        self.assertEqual(rx.exit_status_of("reboot", "0"), 1)

    def test_xl_free_memory(self):
        self.assertEqual(rx.xl_free_memory("total_memory : 2047\nfree_memory : 1234\n"), 1234)
        self.assertIsNone(rx.xl_free_memory("nothing"))

    def test_forwarding_pieces(self):
        o = rx.parse_args(["run", self.img, "-p", "8080:80", "-p", "127.0.0.1:9000:7"])
        args = rx.qemu_forward_args(o)
        self.assertIn("restrict=on", args[1])
        self.assertIn("hostfwd=tcp:127.0.0.1:8080-10.0.2.15:8080", args[1])
        self.assertIn("hostfwd=tcp:127.0.0.1:9000-10.0.2.15:9000", args[1])
        script = rx.dom0_forward_script(o)
        self.assertIn("nc -ll -p 8080 -e nc 10.11.1.2 80 </dev/null", script)
        self.assertIn("nc -ll -p 9000 -e nc 10.11.1.2 7 </dev/null", script)
        self.assertEqual(rx.qemu_forward_args(rx.parse_args(["run", self.img])), [])

    def test_default_name_sanitised(self):
        o = rx.parse_args(["run", "/x/my guest+1"])
        self.assertEqual(o.name, "rumpxen-my-guest-1")


if __name__ == "__main__":
    unittest.main()
