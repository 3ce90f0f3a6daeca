# SPDX-License-Identifier: BSD-2-Clause
"""Unit tests of scripts/rumpkernel.py's pure parts: where the pinned
sources are found in RUMP_SRC, refusal of other revisions, the cache key;
and of scripts/buildcache.py's entries (complete only when made so)."""
import fcntl
import importlib.util
import os
import sys
import tarfile
import tempfile
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "..", "scripts")
sys.path.insert(0, SCRIPTS)  # rumpkernel.py imports buildcache
import buildcache  # noqa: E402

SPEC = importlib.util.spec_from_file_location(
    "rumpkernel", os.path.join(SCRIPTS, "rumpkernel.py"))
rk = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(rk)

SRC_REV = rk.SOURCES["src-netbsd"]["rev"]
BRS_REV = rk.SOURCES["buildrump.sh"]["rev"]


def make_tree(base, name, rev):
    path = os.path.join(base, name)
    os.makedirs(path)
    with open(os.path.join(path, "REVISION"), "w") as f:
        f.write(rev + "\n")
    return path


def make_tarball(base, name, rev, file_rev=None):
    with tempfile.TemporaryDirectory() as tmp:
        make_tree(tmp, name, file_rev or rev)
        path = os.path.join(base, "%s-%s.tar.xz" % (name, rev[:8]))
        with tarfile.open(path, "w:xz") as tf:
            tf.add(os.path.join(tmp, name), arcname=name)
    return path


class FindSources(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_tree_at_pinned_revision(self):
        path = make_tree(self.dir, "src-netbsd", SRC_REV)
        self.assertEqual(rk.find_in_src_dir(self.dir, "src-netbsd"),
                         ("tree", path))

    def test_tree_at_other_revision_is_refused(self):
        make_tree(self.dir, "src-netbsd", "0" * 40)
        with self.assertRaisesRegex(rk.SourceError, "rumpxen pins " + SRC_REV):
            rk.find_in_src_dir(self.dir, "src-netbsd")

    def test_tree_without_revision_is_refused(self):
        os.makedirs(os.path.join(self.dir, "buildrump.sh"))
        with self.assertRaisesRegex(rk.SourceError, "can not tell"):
            rk.find_in_src_dir(self.dir, "buildrump.sh")

    def test_tarball_at_pinned_revision(self):
        path = make_tarball(self.dir, "buildrump.sh", BRS_REV)
        self.assertEqual(rk.find_in_src_dir(self.dir, "buildrump.sh"),
                         ("tarball", path))

    def test_tarball_at_other_revision_is_refused(self):
        make_tarball(self.dir, "buildrump.sh", "1234567890" * 4)
        with self.assertRaisesRegex(rk.SourceError, "not the pinned"):
            rk.find_in_src_dir(self.dir, "buildrump.sh")

    def test_nothing_there(self):
        with self.assertRaisesRegex(rk.SourceError, "neither a folder"):
            rk.find_in_src_dir(self.dir, "src-netbsd")

    def test_tarball_whose_content_lies_is_refused(self):
        path = make_tarball(self.dir, "buildrump.sh", BRS_REV, "f" * 40)
        with tempfile.TemporaryDirectory() as dest:
            with self.assertRaisesRegex(rk.SourceError, "unpacks to revision"):
                rk.unpack_tarball(path, dest, "buildrump.sh")

    def test_tarball_escaping_its_folder_is_refused(self):
        path = os.path.join(self.dir, "buildrump.sh-6cccd464.tar")
        with tarfile.open(path, "w") as tf:
            info = tarfile.TarInfo("buildrump.sh/../../evil")
            tf.addfile(info)
        with tempfile.TemporaryDirectory() as dest:
            with self.assertRaisesRegex(rk.SourceError, "unexpected member"):
                rk.unpack_tarball(path, dest, "buildrump.sh")
            self.assertFalse(os.path.exists(os.path.join(dest, "..", "evil")))


class CacheKey(unittest.TestCase):
    REVS = {"src-netbsd": SRC_REV, "buildrump.sh": BRS_REV}

    def test_stable(self):
        a = rk.cache_key(self.REVS, rk.build_args(True), "gcc 12.2.0")
        self.assertEqual(a, rk.cache_key(dict(self.REVS),
                                         rk.build_args(True), "gcc 12.2.0"))
        self.assertTrue(a.startswith("rump-" + SRC_REV[:8] + "-"))

    def test_changes_with_flags_compiler_and_revision(self):
        base = rk.cache_key(self.REVS, rk.build_args(True), "gcc 12.2.0")
        keys = {
            rk.cache_key(self.REVS, rk.build_args(False), "gcc 12.2.0"),
            rk.cache_key(self.REVS, rk.build_args(True), "gcc 13.1.0"),
            rk.cache_key(dict(self.REVS, **{"src-netbsd": "a" * 40}),
                         rk.build_args(True), "gcc 12.2.0"),
        }
        self.assertNotIn(base, keys)
        self.assertEqual(len(keys), 3)

    def test_hosted_variant_has_its_own_entry(self):
        # The hosted entry differs from the kernel-only one and is not
        # kernel-only.
        kernel = rk.entry_path(True, "gcc")
        hosted = rk.entry_path(True, "gcc", hosted=True)
        self.assertNotEqual(kernel, hosted)
        self.assertEqual(os.path.dirname(kernel), os.path.dirname(hosted))
        self.assertIn("-k", rk.build_args(True))
        args = rk.build_args(True, hosted=True)
        self.assertNotIn("-k", args)
        self.assertIn("RUMP_CURLWP=__thread", args)
        self.assertIn("MKPIC=no", args)
        # The same curlwp scheme both ways, so the benchmark is fair.
        self.assertIn("RUMP_CURLWP=__thread", rk.build_args(True))

    def test_hosted_sources_need_the_third_tarball(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(rk.SourceError):
                rk.get_hosted_sources(tmp, tmp)
            with self.assertRaises(rk.SourceError):
                rk.get_hosted_sources(tmp, None)

    def test_progress_line_matches_archives_only(self):
        log = (b"    compile  libmd/md.o\n      build  libmd/librumpdev_md.a\n"
               b"      build  m4/m4\n      build  librumpvfs.a\n")
        self.assertEqual(len(rk.ARCHIVE_LINE.findall(log)), 2)


class Entries(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.entry = os.path.join(self.tmp.name, "cache", "e")
        self.said = []

    def tearDown(self):
        self.tmp.cleanup()

    def test_complete_only_when_made(self):
        def make(entry):
            self.assertFalse(buildcache.is_complete(entry))
            open(os.path.join(entry, "out"), "w").close()
            return "note\n"
        self.assertTrue(buildcache.build_entry(self.entry, self.said.append,
                                               make))
        self.assertTrue(buildcache.is_complete(self.entry))
        # A second build finds it and makes nothing.
        self.assertTrue(buildcache.build_entry(
            self.entry, self.said.append, lambda e: self.fail("rebuilt")))
        self.assertIn("cached: " + self.entry, self.said)

    def test_failed_build_is_not_complete_and_is_redone(self):
        def fail(entry):
            open(os.path.join(entry, "half"), "w").close()
            raise RuntimeError("interrupted")
        with self.assertRaises(RuntimeError):
            buildcache.build_entry(self.entry, self.said.append, fail)
        self.assertFalse(buildcache.is_complete(self.entry))
        made = []
        buildcache.build_entry(self.entry, self.said.append,
                               lambda e: made.append(os.listdir(e)) or "ok")
        self.assertEqual(made, [[]])  # the half-built entry was removed
        self.assertTrue(buildcache.is_complete(self.entry))

    def test_given_up_entry_is_removed(self):
        self.assertFalse(buildcache.build_entry(self.entry, self.said.append,
                                                lambda e: None))
        self.assertFalse(os.path.exists(self.entry))


class Prune(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = mock.patch.dict(os.environ,
                                   {"RUMPXEN_CACHE": self.tmp.name})
        self.env.start()
        for name in ("rump-a", "rump-b", "newlib-c"):
            os.makedirs(os.path.join(self.tmp.name, name, "dest"))
            with open(os.path.join(self.tmp.name, name, "dest", "f"),
                      "wb") as f:
                f.write(b"x" * 4096)
            open(os.path.join(self.tmp.name, name + ".lock"), "w").close()
        self.said = []

    def tearDown(self):
        self.env.stop()
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_stale_are_the_kind_not_kept(self):
        self.assertEqual(buildcache.stale_entries("rump-", [self.path("rump-a")]),
                         [self.path("rump-b")])
        self.assertEqual(buildcache.stale_entries("newlib-", []),
                         [self.path("newlib-c")])

    def test_prune_removes_and_counts(self):
        freed = buildcache.prune([self.path("rump-b")], self.said.append)
        self.assertEqual(freed, 4096)
        self.assertFalse(os.path.exists(self.path("rump-b")))
        self.assertTrue(os.path.isdir(self.path("rump-a")))
        self.assertTrue(os.path.isdir(self.path("newlib-c")))

    def test_prune_leaves_an_entry_in_use(self):
        with open(self.path("rump-b.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            freed = buildcache.prune([self.path("rump-b")], self.said.append)
        self.assertEqual(freed, 0)
        self.assertTrue(os.path.isdir(self.path("rump-b")))
        self.assertIn("in use, left: " + self.path("rump-b"), self.said)

    def test_build_notes_stale_entries(self):
        buildcache.note_stale("rump-", [self.path("rump-a")],
                              self.said.append, "PRUNE")
        self.assertEqual(self.said,
                         ["1 older cache entries take 0 MB; PRUNE removes them"])
        self.said.clear()
        buildcache.note_stale("rump-", [self.path("rump-a"), self.path("rump-b")],
                              self.said.append, "PRUNE")
        self.assertEqual(self.said, [])


if __name__ == "__main__":
    unittest.main()
