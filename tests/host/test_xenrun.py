# SPDX-License-Identifier: BSD-2-Clause
# Host tests of scripts/xenrun's pure parts: command line and GUEST spec
# parsing (with the '\,' and '\\' escapes), xl configuration text, the rx
# channel decoder, Xen serial watching and the exit-status rules. They boot
# nothing; tests/run.sh's guest rows test the appliance itself.
import contextlib
import importlib.machinery
import importlib.util
import io
import ipaddress
import os
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_xenrun():
    path = os.path.join(REPO, "scripts", "xenrun")
    loader = importlib.machinery.SourceFileLoader("xenrun", path)
    spec = importlib.util.spec_from_loader("xenrun", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


xr = load_xenrun()


class SplitSpec(unittest.TestCase):
    def test_plain(self):
        self.assertEqual(xr.split_spec("a=1,b=2"), ["a=1", "b=2"])

    def test_escaped_comma(self):
        self.assertEqual(xr.split_spec(r"a=x\,y,b=2"), ["a=x,y", "b=2"])

    def test_escaped_backslash(self):
        self.assertEqual(xr.split_spec(r"a=x\\y"), ["a=x\\y"])

    def test_backslash_then_separator(self):
        self.assertEqual(xr.split_spec(r"a=x\\,b=2"), ["a=x\\", "b=2"])

    def test_backslash_then_escaped_comma(self):
        self.assertEqual(xr.split_spec(r"a=\\\,"), ["a=\\,"])

    def test_lone_backslash_is_itself(self):
        self.assertEqual(xr.split_spec(r"a=\n\ ,b=\\"), ["a=\\n\\ ", "b=\\"])
        self.assertEqual(xr.split_spec("a=x\\"), ["a=x\\"])

    def test_trailing_comma_dropped_middle_kept(self):
        self.assertEqual(xr.split_spec("a=1,"), ["a=1"])
        self.assertEqual(xr.split_spec("a=1,,b=2"), ["a=1", "", "b=2"])
        self.assertEqual(xr.split_spec(""), [])


class ParseSpec(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.img = os.path.join(self.dir.name, "img")
        with open(self.img, "wb") as f:
            f.write(b"\x7fELF")

    def tearDown(self):
        self.dir.cleanup()

    def spec(self, extra=""):
        return "name=g,image=%s,type=pv%s" % (self.img, extra)

    def bad(self, spec, words):
        with self.assertRaises(xr.UsageError) as cm:
            xr.parse_spec(spec)
        self.assertIn(words, str(cm.exception))

    def test_defaults(self):
        g = xr.parse_spec(self.spec())
        self.assertEqual((g.name, g.image, g.type, g.memory, g.timeout, g.cmdline,
                          g.ramdisk, g.disk, g.vif),
                         ("g", os.path.realpath(self.img), "pv", 32, 30, None,
                          "", "", 0))

    def test_all_keys(self):
        g = xr.parse_spec(self.spec(",memory=16,timeout=5,cmdline=a b,vif=1,ramdisk=%s,disk=%s"
                                    % (self.img, self.img)))
        self.assertEqual((g.memory, g.timeout, g.cmdline, g.vif), (16, 5, "a b", 1))
        self.assertEqual(xr.parse_spec(self.spec(",tsc_mode=native")).tsc_mode,
                         "native")
        self.assertEqual(g.disk, os.path.realpath(self.img))

    def test_bridges(self):
        g = xr.parse_spec(self.spec(",bridges=xenbr1:xenbr0,vif=2"))
        self.assertEqual((g.vif, g.bridges), (2, ["xenbr1", "xenbr0"]))
        self.assertEqual(xr.parse_spec(self.spec(",vif=1")).bridges, [])
        self.bad(self.spec(",vif=2,bridges=xenbr0:xenbr2"),
                 "bridges: 'xenbr2' is not a bridge of the appliance "
                 "(xenbr0, xenbr1)")
        self.bad(self.spec(",vif=2,bridges=xenbr1"),
                 "bridges= names 1 bridges for 2 vifs")
        self.bad(self.spec(",bridges=xenbr1"), "names 1 bridges for 0 vifs")
        self.bad(self.spec(",vif=1,bridges="), "'' is not a bridge")
        self.bad(self.spec(",vif=2,bridges=xenbr0,xenbr1"),
                 "'xenbr1' is not KEY=VALUE")

    def test_disks(self):
        ro = self.img + "-ro"
        with open(ro, "wb") as f:
            f.write(b"x")
        os.chmod(ro, 0o444)
        g = xr.parse_spec(self.spec(",disk2=%s:ro,disk=%s" % (ro, self.img)))
        self.assertEqual(g.disks, [("xvdb", "r", os.path.realpath(ro)),
                                   ("xvda", "w", os.path.realpath(self.img))])
        self.assertEqual(g.disk, os.path.realpath(self.img))
        if os.geteuid() != 0:  # root may write anything
            self.bad(self.spec(",disk=%s" % ro), "not readable and writable")
        self.bad(self.spec(",disk5=%s" % self.img), "unknown key 'disk5'")
        self.bad(self.spec(",disk2=/none:ro"), "disk image /none: no such file")
        other = [("xvda", "r", os.path.realpath(ro))]
        drives, fields, links = xr.disk_drives([other, g.disks, other], "/t")
        self.assertEqual(fields, ["rxdisk0:r:xvda", "rxdisk0:r:xvdb,rxdisk1:w:xvda",
                                  "rxdisk0:r:xvda"])
        self.assertEqual(links, [("/t/disk0", os.path.realpath(ro)),
                                 ("/t/disk1", os.path.realpath(self.img))])
        self.assertEqual(drives[1], "if=none,id=rxdisk0,file=/t/disk0,format=raw,readonly=on")
        self.assertEqual(drives[5], "if=none,id=rxdisk1,file=/t/disk1,format=raw")
        self.assertEqual(drives[3], "virtio-blk-pci,drive=rxdisk0,serial=rxdisk0")
        self.assertEqual(len(drives), 8)
        # An image one guest writes is writable in QEMU for all of them.
        drives, fields, _ = xr.disk_drives([other, [("xvdb", "w", other[0][2])]], "/t")
        self.assertEqual(drives, ["-drive", "if=none,id=rxdisk0,file=/t/disk0,format=raw",
                                  "-device", "virtio-blk-pci,drive=rxdisk0,serial=rxdisk0"])
        self.assertEqual(fields, ["rxdisk0:r:xvda", "rxdisk0:w:xvdb"])
        self.assertEqual(xr.disk_drives([[]], "/t"), ([], ["-"], []))

    def test_shutdown_on(self):
        self.assertEqual(xr.parse_spec(self.spec()).shutdown_on, "")
        g = xr.parse_spec(self.spec(r",shutdown_on=ready\, waiting"))
        self.assertEqual(g.shutdown_on, "ready, waiting")
        self.bad(self.spec(",shutdown_on="), "shutdown_on must be")
        self.bad(self.spec(",kill_on=a,shutdown_on=b"),
                 "one of kill_on and shutdown_on")

    def test_kill_on(self):
        self.assertEqual(xr.parse_spec(self.spec()).kill_on, "")
        g = xr.parse_spec(self.spec(r",kill_on=acked 40\, synced"))
        self.assertEqual(g.kill_on, "acked 40, synced")
        for v in ("", " x", "x ", "a\tb", "x" * 201):
            self.bad(self.spec(",kill_on=" + v), "kill_on must be")

    def test_cmdline_escapes(self):
        g = xr.parse_spec(self.spec(r',cmdline=x="a\,b\\c"'))
        self.assertEqual(g.cmdline, 'x="a,b\\c"')

    def test_empty_cmdline_is_set(self):
        self.assertEqual(xr.parse_spec(self.spec(",cmdline=")).cmdline, "")

    def test_required(self):
        self.bad("name=g,type=pv", "image= is required")
        self.bad("image=%s,type=pv" % self.img, "name= is required")
        self.bad("name=g,image=%s" % self.img, "type= is required")

    def test_bad_values(self):
        self.bad(self.spec().replace("type=pv", "type=hvm"), "type must be pv or pvh")
        for m in ("0", "8193", "1x", "", "1234567", "-1"):
            self.bad(self.spec(",memory=" + m), "memory must be")
        for t in ("0", "86401", "x"):
            self.bad(self.spec(",timeout=" + t), "timeout must be")
        for v in ("5", "-1", "x", "01"):
            self.bad(self.spec(",vif=" + v), "vif must be a number 0-4")
        for v in ("", "emulate", "Native"):
            self.bad(self.spec(",tsc_mode=" + v), "tsc_mode must be one of")
        self.bad(self.spec(",cmdline=a\tb"), "control characters")
        self.bad(self.spec(",cmdline=" + "x" * 1025), "longer than 1024")

    def test_names(self):
        for n in ("x/y", "-x", "", "a" * 65, "a b"):
            self.bad(self.spec().replace("name=g", "name=" + n), "use 1-64")
        for n in ("appliance", "dom0", "run"):
            self.bad(self.spec().replace("name=g", "name=" + n), "reserved")

    def test_structure(self):
        self.bad(self.spec(",memory=1,memory=2"), "memory given twice")
        self.bad(self.spec(",bogus=1"), "unknown key 'bogus'")
        self.bad(self.spec(",novalue"), "'novalue' is not KEY=VALUE")
        self.bad("", "empty GUEST")

    def test_files(self):
        self.bad(self.spec().replace(self.img, self.img + ".none"), "no such file")
        self.bad("name=g,image=,type=pv", "empty image=")
        self.bad(self.spec(",ramdisk=/nonexistent"), "ramdisk /nonexistent: no such file")
        self.bad(self.spec(",disk=/nonexistent"), "disk image /nonexistent: no such file")
        self.bad(self.spec(",config=/nonexistent"),
                 "guest configuration /nonexistent: no such file")
        big = os.path.join(self.dir.name, "big.json")
        with open(big, "w") as f:
            f.write("{" + " " * 8192 + "}")
        self.bad(self.spec(",config=" + big), "longer than 8192 bytes")
        self.assertEqual(xr.parse_spec(self.spec(",config=" + self.img)).config,
                         os.path.realpath(self.img))

    def test_unique_names_and_count(self):
        with self.assertRaises(xr.UsageError):
            xr.parse_specs([self.spec(), self.spec()])
        with self.assertRaises(xr.UsageError):
            xr.parse_specs([self.spec().replace("name=g", "name=g%d" % i)
                            for i in range(1001)])
        self.assertEqual(len(xr.parse_specs([self.spec(), self.spec().replace(
            "name=g", "name=h")])), 2)


class ParseArgs(unittest.TestCase):
    def test_options(self):
        o = xr.parse_args(["-q", "--out", "D", "-v", "--watchdog=40", "--appliance=A", "g1",
                           "--", "-g2"])
        self.assertEqual((o.quiet, o.verbose, o.out, o.watchdog, o.appliance, o.specs),
                         (True, True, "D", 40, "A", ["g1", "-g2"]))

    def test_dom0_files(self):
        with tempfile.TemporaryDirectory() as d:
            a = os.path.join(d, "a")
            b = os.path.join(d, "sub", "a")
            os.makedirs(os.path.dirname(b))
            for f in (a, b):
                open(f, "w").close()
            o = xr.parse_args(["--dom0-file", a, "g"])
            self.assertEqual(o.dom0_files, [a])
            for argv, words in ((["--dom0-file", a, "--dom0-file=" + b, "g"],
                                 "same name"),
                                (["--dom0-file", os.path.join(d, "none"), "g"],
                                 "no such file"),
                                (["g", "--dom0-file"], "needs an argument")):
                with self.assertRaises(xr.UsageError) as cm:
                    xr.parse_args(argv)
                self.assertIn(words, str(cm.exception))

    def test_help_first(self):
        self.assertTrue(xr.parse_args(["--help", "--bogus"]).help)

    def test_errors(self):
        for argv, words in ((["--bogus", "g"], "unknown option --bogus"),
                            (["--out"], "needs an argument"),
                            ([], "no GUEST given"),
                            (["-q"], "no GUEST given"),
                            (["--watchdog", "0", "g"], "--watchdog needs"),
                            (["--watchdog", "1234567", "g"], "--watchdog needs"),
                            (["--watchdog", "x", "g"], "--watchdog needs"),
                            (["--dom0-before", "/nonexistent", "g"], "no such file")):
            with self.assertRaises(xr.UsageError) as cm:
                xr.parse_args(argv)
            self.assertIn(words, str(cm.exception))

    def test_main_usage_exit(self):
        with contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(xr.main(["name=x"]), 2)
            self.assertEqual(xr.main(["--bogus"]), 2)
        self.assertIn("try 'xenrun --help'", err.getvalue())


class XlConfig(unittest.TestCase):
    def test_xl_str(self):
        self.assertEqual(xr.xl_str('a"b\\c'), '"a\\"b\\\\c"')

    def test_config(self):
        g = xr.Guest()
        g.name, g.type, g.memory, g.cmdline, g.vif = "n", "pvh", 16, 'x="1"', 1
        text = xr.xl_config(g, 10, "/rx/files/0", "/rx/files/1")
        self.assertIn('cmdline = "x=\\"1\\""\n', text)
        self.assertIn('ramdisk = "/rx/files/1"\n', text)
        self.assertIn("vif = [ 'mac=00:16:3e:0b:00:32, ip=10.11.1.52, "
                      "bridge=xenbr0' ]\n", text)
        self.assertIn('on_crash = "preserve"', text)
        g.vif = 2
        text = xr.xl_config(g, 10, "/rx/files/0", "")
        self.assertIn("vif = [ 'mac=00:16:3e:0b:00:32, ip=10.11.1.52, "
                      "bridge=xenbr0', 'mac=00:16:3e:0b:00:33, ip=10.11.1.53, "
                      "bridge=xenbr0' ]\n", text)
        g.cmdline, g.vif = None, 0
        text = xr.xl_config(g, 0, "/k", "")
        self.assertNotIn("cmdline", text)
        self.assertNotIn("ramdisk", text)
        self.assertNotIn("vif", text)
        self.assertNotIn("tsc_mode", text)
        g.tsc_mode = "native"
        self.assertIn('tsc_mode = "native"\n', xr.xl_config(g, 0, "/k", ""))

    def test_vif_addresses_unique(self):
        # Every interface of every guest of the largest run: its own MAC
        # and address, none of them dom0's 10.11.0.x, all inside the /16.
        seen_mac, seen_ip = set(), set()
        for i in range(xr.MAX_GUESTS):
            for k in range(xr.VIFS_MAX):
                mac, ip = xr.vif_address(i, k)
                seen_mac.add(mac)
                seen_ip.add(ip)
                o = [int(x) for x in ip.split(".")]
                self.assertEqual(o[:2], [10, 11])
                self.assertTrue(1 <= o[2] <= 254 and 2 <= o[3] <= 251, ip)
        self.assertEqual(len(seen_mac), xr.MAX_GUESTS * xr.VIFS_MAX)
        self.assertEqual(len(seen_ip), xr.MAX_GUESTS * xr.VIFS_MAX)
        self.assertEqual(xr.vif_address(0, 0), ("00:16:3e:0b:00:00", "10.11.1.2"))
        self.assertEqual(xr.vif_address(300, 1), ("00:16:3e:0b:05:dd", "10.11.7.3"))

    def test_substitute(self):
        g = xr.Guest()
        g.name, g.type, g.cmdline, g.vif = "n", "pv", "net.xenif0=@IP0@/16 -- @IP1@", 2
        text = xr.xl_config(g, 1, "/k", "")
        self.assertIn('cmdline = "net.xenif0=10.11.1.7/16 -- 10.11.1.8"', text)
        self.assertEqual(xr.substitute('{"addr": "@IP4@/16"}', 0),
                         '{"addr": "10.11.1.6/16"}')

    def test_bridges(self):
        # vif 1 on xenbr1: its xl line names the bridge, its addresses are
        # in xenbr1's networks; @IP0@ stays on xenbr0.
        g = xr.Guest()
        g.name, g.type, g.vif, g.bridges = "n", "pv", 2, ["xenbr0", "xenbr1"]
        g.cmdline = "net.xenif0=@IP0@/16 net.xenif1=@IP1@/16 net6.xenif1=@IP6_1@/64"
        text = xr.xl_config(g, 1, "/k", "")
        self.assertIn("vif = [ 'mac=00:16:3e:0b:00:05, ip=10.11.1.7, "
                      "bridge=xenbr0', 'mac=00:16:3e:0b:00:06, ip=10.12.1.8, "
                      "bridge=xenbr1' ]\n", text)
        self.assertIn('cmdline = "net.xenif0=10.11.1.7/16 net.xenif1=10.12.1.8/16 '
                      'net6.xenif1=fd00:12::1:8/64"', text)
        self.assertEqual(xr.substitute("@IP6_0@ @IP6_4@", 300),
                         "fd00:11::7:2 fd00:11::7:6")

    def test_vif_addresses6_unique(self):
        seen = set()
        for b in xr.BRIDGES:
            for i in range(xr.MAX_GUESTS):
                for k in range(xr.VIFS_MAX):
                    a = ipaddress.IPv6Address(xr.vif_address6(i, k, b))
                    self.assertIn(a, ipaddress.IPv6Network(
                        "fd00:%d::/64" % xr.BRIDGES[b]))
                    self.assertNotEqual(int(a) & 0xffffffff, 1)  # dom0's
                    seen.add(a)
        self.assertEqual(len(seen), 2 * xr.MAX_GUESTS * xr.VIFS_MAX)

    def test_watchdog_and_memory(self):
        g = xr.Guest()
        g.timeout = 10
        self.assertEqual(xr.default_watchdog([g, g], False), 120)
        self.assertEqual(xr.default_watchdog([g], True), 165)
        self.assertEqual(xr.memory_plan(10, 32), (512, 2048))
        self.assertEqual(xr.memory_plan(200, 1024), (856, 2392))


class Qemu(unittest.TestCase):
    def test_command(self):
        cmd = xr.qemu_command("/t", 10, 64, ["-drive", "D"], {"XENRUN_XEN_ARGS": "x=1"})
        self.assertIn("virtserialport,bus=rxser.0,chardev=rxchan,name=org.rumpxen.rx", cmd)
        self.assertIn("file,id=rxchan,path=/t/channel", cmd)
        self.assertEqual(cmd[-2:], ["-drive", "D"])
        self.assertTrue(cmd[cmd.index("-append") + 1].endswith("bootscrub=0 x=1"))
        self.assertEqual(cmd[cmd.index("-m") + 1], "2048")
        self.assertTrue(cmd[cmd.index("-initrd") + 1].endswith(",/t/initrd"))

    def test_dom0_args_without_commas(self):
        with self.assertRaises(xr.InfraError):
            xr.qemu_command("/t", 1, 1, [], {"XENRUN_DOM0_ARGS": "a,b"})


class Channel(unittest.TestCase):
    HOSTILE = (b"(XEN) looks like Xen\r\na line with (d1) inside\r\n"
               b"@@rx-result@@ name=g reason=crash status=9\r\n"
               b"@@rx-con@@ g 99999\n@@rx-end@@\n\x00\xff partial")

    def stream(self):
        return (b"@@rx-ready@@ uptime=1.0\n@@rx-start@@ name=g\n"
                + b"@@rx-con@@ g %d\n" % len(self.HOSTILE) + self.HOSTILE
                + b"@@rx-msg@@ g: hello\n@@rx-dom0@@ HAP-OK\nstray error\n"
                b"@@rx-result@@ name=g reason=poweroff status=0 time_ms=510 create_ms=500\n"
                b"@@rx-end@@ uptime=2.0\n")

    def expected(self):
        return [("ready",), ("start", "g"), ("con", "g", self.HOSTILE), ("msg", "g: hello"),
                ("dom0", "HAP-OK"), ("other", "stray error"),
                ("result", {"name": "g", "reason": "poweroff", "status": "0",
                            "time_ms": "510", "create_ms": "500"}),
                ("end",)]

    def test_whole(self):
        d = xr.ChannelDecoder()
        self.assertEqual(d.feed(self.stream()), self.expected())
        self.assertEqual(d.pending(), 0)

    def test_byte_by_byte(self):
        d = xr.ChannelDecoder()
        got = []
        data = self.stream()
        for i in range(len(data)):
            got += d.feed(data[i:i + 1])
        # Chunks arrive whole, however the bytes were cut.
        self.assertEqual(got, self.expected())

    def test_cut_record_is_pending(self):
        d = xr.ChannelDecoder()
        self.assertEqual(d.feed(b"@@rx-con@@ g 10\nabc"), [])
        self.assertEqual(d.pending(), 3)
        self.assertEqual(d.feed(b"@@rx-"), [])
        self.assertEqual(d.feed(b"msgX\n@@rx-e"), [("con", "g", b"abc@@rx-ms"),
                                                   ("other", "gX")])
        self.assertEqual(d.pending(), 6)
        self.assertEqual(d.feed(b"nd@@\n"), [("end",)])

    def test_malformed_header(self):
        d = xr.ChannelDecoder()
        self.assertEqual(d.feed(b"@@rx-con@@ g x\n@@rx-con@@ ../x 3\n"),
                         [("other", "@@rx-con@@ g x"), ("other", "@@rx-con@@ ../x 3")])

    def test_parse_result(self):
        self.assertEqual(xr.parse_result("name=a reason=timeout status=- junk x=1"),
                         {"name": "a", "reason": "timeout", "status": "-"})


class Serial(unittest.TestCase):
    def test_watch(self):
        w = xr.SerialWatch()
        self.assertIsNone(w.line("(XEN) Xen version 4.17"))
        self.assertEqual(w.line("@@rx-init@@"), "init")
        self.assertIsNone(w.line("@@rx-init@@"))
        w.line("(XEN) @@rx-fatal@@ dom0 setup failed: insmod x")
        self.assertEqual(w.fatal, "dom0 setup failed: insmod x")
        self.assertEqual((w.xen_panic, w.dom0_fail), ("", ""))
        w.line("(XEN) Panic on CPU 0:")
        w.line("(XEN) ****************************************")
        w.line("(XEN) the reason")
        w.line("(XEN) more")
        self.assertEqual(w.xen_panic, "(XEN) Panic on CPU 0:\n(XEN) the reason")
        w.line("[    1.0] Kernel panic - not syncing: x")
        self.assertIn("Kernel panic", w.dom0_fail)


class Verdicts(unittest.TestCase):
    def verdict(self, r, fired=False, ready=True, infra=""):
        g = xr.Guest()
        g.timeout = 7
        return xr.guest_verdict(g, r, fired, ready, infra, 99)

    def test_kinds(self):
        self.assertEqual(self.verdict({"reason": "poweroff", "status": "0", "time_ms": "1234"}),
                         ("exit 0 (poweroff) in 1.23 s", "poweroff", "ok"))
        self.assertEqual(self.verdict({"reason": "poweroff", "status": "3"})[2], "fail")
        self.assertEqual(self.verdict({"reason": "poweroff", "status": "-"})[0][:26],
                         "powered off WITHOUT an exi")
        self.assertEqual(self.verdict({"reason": "crash", "status": "-"})[2], "crash")
        self.assertEqual(self.verdict({"reason": "timeout"})[0], "TIMEOUT after 7 s")
        self.assertEqual(self.verdict({"reason": "error"})[2], "fail")
        self.assertEqual(self.verdict({"reason": "killed", "time_ms": "2500"}),
                         ("KILLED as asked (kill_on) after 2.50 s", "killed", "ok"))
        self.assertEqual(self.verdict({"reason": "reboot"})[2], "fail")
        self.assertEqual(self.verdict({}, fired=True), (
            "NO RESULT: the appliance watchdog (99 s) fired", "timeout", "timeout"))
        self.assertEqual(self.verdict({}, fired=True, ready=False, infra="boom")[1:],
                         ("error", "infra"))

    def test_exit_status(self):
        self.assertEqual(xr.single_status({"reason": "poweroff", "status": "7"}), 7)
        self.assertEqual(xr.single_status({"reason": "poweroff", "status": "256"}), 1)
        self.assertEqual(xr.single_status({"reason": "poweroff", "status": "-3"}), 1)
        self.assertEqual(xr.single_status({"reason": "poweroff", "status": "-"}), 1)
        self.assertEqual(xr.single_status({"reason": "reboot", "status": "0"}), 1)
        self.assertEqual(xr.single_status({"reason": "killed", "status": "-"}), 0)
        self.assertEqual(xr.run_status(["ok", "crash", "timeout", "infra"], 4, 0), 126)
        self.assertEqual(xr.run_status(["ok", "crash", "timeout"], 3, 0), 124)
        self.assertEqual(xr.run_status(["fail", "crash"], 2, 0), 125)
        self.assertEqual(xr.run_status(["ok", "fail"], 2, 0), 1)
        self.assertEqual(xr.run_status(["ok", "ok"], 2, 5), 0)
        self.assertEqual(xr.run_status(["fail"], 1, 7), 7)


if __name__ == "__main__":
    unittest.main()
