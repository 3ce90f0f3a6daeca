# SPDX-License-Identifier: BSD-2-Clause
# Host tests of scripts/rumpxen-cc's argument handling: what a compile, a
# preprocess and a link get from the gcc-style command lines that make and
# configure pass, the profile choice, and the link command it builds from
# build/cc/ files (a fake build folder here). They boot nothing;
# tests/programs.sh builds and boots real programs with it.
import importlib.machinery
import importlib.util
import os
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_cc():
    path = os.path.join(REPO, "scripts", "rumpxen-cc")
    loader = importlib.machinery.SourceFileLoader("rumpxen_cc", path)
    spec = importlib.util.spec_from_loader("rumpxen_cc", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


cc = load_cc()


def parse(*argv, env=None):
    return cc.parse(list(argv), env or {})


class Modes(unittest.TestCase):
    def test_compile_only(self):
        a = parse("-c", "-O2", "-Ifoo", "-DX=1", "a.c", "-o", "a.o")
        self.assertTrue(a.no_link)
        self.assertEqual(a.output, "a.o")
        self.assertEqual(a.inputs, [("src", "a.c")])
        self.assertEqual(a.compile_flags, ["-c", "-O2", "-Ifoo", "-DX=1"])

    def test_preprocess(self):
        a = parse("-E", "conftest.c")
        self.assertTrue(a.no_link)
        self.assertEqual(a.inputs, [("src", "conftest.c")])

    def test_separate_values(self):
        a = parse("-c", "-I", "inc", "-D", "Y", "-include", "cfg.h", "x.c")
        self.assertEqual(a.compile_flags,
                         ["-c", "-I", "inc", "-D", "Y", "-include", "cfg.h"])
        self.assertEqual(a.inputs, [("src", "x.c")])

    def test_link_inputs_in_order(self):
        a = parse("-o", "prog", "main.o", "liblua.a", "-L", "libs", "-lfoo",
                  "-lm", "x.c", "-Wl,--wrap=read,-z,now")
        self.assertFalse(a.no_link)
        self.assertEqual(a.output, "prog")
        self.assertEqual(a.lib_dirs, ["libs"])
        self.assertEqual(a.inputs, [
            ("obj", "main.o"), ("obj", "liblua.a"), ("lib", "foo"),
            ("lib", "m"), ("src", "x.c"), ("ldflag", "--wrap=read"),
            ("ldflag", "-z"), ("ldflag", "now")])

    def test_joined_output(self):
        self.assertEqual(parse("-oprog", "a.o").output, "prog")

    def test_version_queries(self):
        for q in ("-v", "--version", "-dumpversion", "-print-prog-name=ld"):
            a = parse(q)
            self.assertTrue(a.ask or a.verbose, q)
            self.assertEqual(a.inputs, [], q)

    def test_link_only_flags_dropped(self):
        a = parse("-static", "-rdynamic", "-no-pie", "a.o")
        self.assertEqual(a.compile_flags, [])

    def test_pthread_defines_reentrant(self):
        self.assertIn("-D_REENTRANT", parse("-pthread", "-c", "a.c").compile_flags)

    def test_shared_refused(self):
        with self.assertRaises(cc.UsageError):
            parse("-shared", "-o", "libx.so", "a.o")

    def test_missing_value(self):
        with self.assertRaises(cc.UsageError):
            parse("a.c", "-o")


class Profiles(unittest.TestCase):
    def test_default(self):
        self.assertEqual(parse("a.c").profile, cc.DEFAULT_PROFILE)

    def test_env(self):
        self.assertEqual(parse("a.c", env={"RUMPXEN_PROFILE": "net"}).profile, "net")

    def test_flag_beats_env(self):
        a = parse("-rumpxen-profile=platform", "a.c", env={"RUMPXEN_PROFILE": "net"})
        self.assertEqual(a.profile, "platform")
        self.assertEqual(parse("--rumpxen-profile=fs", "a.c").profile, "fs")
        self.assertEqual(a.compile_flags, [])

    def test_unknown(self):
        with self.assertRaises(cc.UsageError):
            parse("-rumpxen-profile=kitchen-sink", "a.c")
        with self.assertRaises(cc.UsageError):
            parse("a.c", env={"RUMPXEN_PROFILE": "tcp"})


class LinkCommand(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        os.mkdir(os.path.join(self.tmp.name, "cc"))
        with open(os.path.join(self.tmp.name, "cc", "net.link"), "w") as f:
            f.write("/r/guest.lds\n/r/platform.o\n--whole-archive\n"
                    "/r/libglue-rump.a\n--no-whole-archive\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_program_then_profile(self):
        a = parse("-o", "srv", "-L/opt/lib", "-lz", "-lpthread", "-lm",
                  "-Wl,--gc-sections", "-rumpxen-profile=net", "m.o")
        cmd = cc.link_command(a, ["m.o"], self.tmp.name, "/repo")
        self.assertEqual(cmd, [
            "/repo/scripts/link-guest.sh", "srv", "/r/guest.lds",
            "-L/opt/lib", "m.o", "-lz", "--gc-sections", "/r/platform.o",
            "--whole-archive", "/r/libglue-rump.a", "--no-whole-archive"])

    def test_default_output(self):
        a = parse("-rumpxen-profile=net", "m.o")
        self.assertEqual(cc.link_command(a, ["m.o"], self.tmp.name, "/r")[1], "a.out")

    def test_missing_build(self):
        a = parse("-rumpxen-profile=fs", "m.o")
        with self.assertRaisesRegex(cc.UsageError, "run 'make'"):
            cc.link_command(a, ["m.o"], self.tmp.name, "/r")


if __name__ == "__main__":
    unittest.main()
