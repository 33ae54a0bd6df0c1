"""The bundle reader: containers, name parsing, and every kind of hostile input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundlekit import MTIME, Entry, minimal_members, tar_bytes
from isal import igzip

from triage.bundle import Bundle, Limits, NameInfo, normalise, parse_name, sniff
from triage.errors import BundleError
from triage.model import Issue


def read_all(path: Path | str, limits: Limits | None = None) -> tuple[dict[str, bytes], Bundle]:
    out: dict[str, bytes] = {}
    with Bundle(str(path), limits) as b:
        for member, stream in b.members():
            parts = []
            while block := stream.read(1 << 20):
                parts.append(block)
            out[member.path] = b"".join(parts)
    return out, b


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_parse_name_current() -> None:
    assert parse_name("eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz") == NameInfo(
        "i-0a1b2c3d4e5f67890", datetime(2024, 5, 1, 12, 34, tzinfo=UTC), "0.7.9")


def test_parse_name_empty_instance_and_agent() -> None:
    assert parse_name("eks__2020-10-07_1411-UTC_0.6.2.tar.gz") == NameInfo(
        None, datetime(2020, 10, 7, 14, 11, tzinfo=UTC), "0.6.2")
    assert parse_name("ip-10-0-1-23.us-west-2.compute.internal-logs.tar.gz") == NameInfo(
        node_name="ip-10-0-1-23.us-west-2.compute.internal")
    assert parse_name("random.tar.gz") == NameInfo()


@pytest.mark.parametrize(("raw", "expected"), [
    ("./kernel/dmesg.current", "kernel/dmesg.current"),
    ("kernel/dmesg.current", "kernel/dmesg.current"),
    ("./a//b/./c", "a/b/c"),
    ("../etc/passwd", None),
    ("./var_log/../../x", None),
    ("/etc/passwd", None),
    ("C:/Windows/x", None),
    ("a\x00b", None),
])
def test_normalise(raw: str, expected: str | None) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(("head", "message"), [
    (b"", "not a bundle: the file is empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 600, "not a bundle: this is a PNG image, not a tar.gz, tar or zip archive"),
    (b"%PDF-1.7" + b"\0" * 600, "not a bundle: this is a PDF document, not a tar.gz, tar or zip archive"),
    (os.urandom(0) + b"hello world, definitely not an archive" * 20,
     "not a bundle: not a tar.gz, tar or zip archive (unrecognised leading bytes)"),
])
def test_sniff_refuses(head: bytes, message: str) -> None:
    with pytest.raises(BundleError) as info:
        sniff(head)
    assert info.value == BundleError(message)


def test_tar_gz_members_in_order_with_prefix_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "b.tar.gz", tar_bytes(minimal_members()))
    members, b = read_all(path)
    assert list(members) == ["system/script-params.txt", "system/procstat.txt", "kernel/uname.txt",
                             "kernel/dmesg.current", "kubelet/kubelet.log"]
    assert b.stats.container == "tar.gz"
    assert b.stats.directories == 8
    assert b.stats.dot_prefixed == 13
    assert b.stats.newest_mtime == datetime.fromtimestamp(MTIME, UTC)
    assert b.issues == []


def test_plain_tar_zip_and_directory_read_the_same(tmp_path: Path) -> None:
    entries = minimal_members()
    expected, _ = read_all(write(tmp_path, "b.tar.gz", tar_bytes(entries)))
    tar_members, tb = read_all(write(tmp_path, "b.tar", tar_bytes(entries, gz=False)))
    assert (tar_members, tb.stats.container) == (expected, "tar")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as zf:
        for e in entries:
            zf.writestr("wrapper-dir/" + e.name[2:], e.data)
    zip_members, zb = read_all(write(tmp_path, "b.zip", zbuf.getvalue()))
    assert (zip_members, zb.stats.container, zb.stats.wrapper) == (expected, "zip", "wrapper-dir")
    root = tmp_path / "unpacked"
    for e in entries:
        (root / e.name).parent.mkdir(parents=True, exist_ok=True)
        (root / e.name).write_bytes(e.data)
    dir_members, db = read_all(root)
    assert (dict(sorted(dir_members.items())), db.stats.container) == (dict(sorted(expected.items())), "directory")


def test_unsafe_members_are_skipped_and_nothing_is_written(tmp_path: Path) -> None:
    entries = [*minimal_members(),
               Entry("../evil.txt", b"x"), Entry("/tmp/abs-evil.txt", b"x"),
               Entry("./var_log/aws-node.log", kind=tarfile.SYMTYPE, linkname="/var/lib/docker/containers/x.log"),
               Entry("./var_log/hard.log", kind=tarfile.LNKTYPE, linkname="./kernel/uname.txt"),
               Entry("./system/dev", kind=tarfile.CHRTYPE), Entry("./system/fifo", kind=tarfile.FIFOTYPE)]
    path = write(tmp_path, "b.tar.gz", tar_bytes(entries))
    before = sorted(tmp_path.rglob("*"))
    members, b = read_all(path)
    assert "evil.txt" not in str(members)
    assert len(members) == 5
    assert b.issues == [
        Issue("unsafe_path", "skipped member with an unsafe name: ../evil.txt", "../evil.txt"),
        Issue("unsafe_path", "skipped member with an unsafe name: /tmp/abs-evil.txt", "/tmp/abs-evil.txt"),
        Issue("skipped_symlink", "skipped symlink member (not followed): var_log/aws-node.log", "var_log/aws-node.log"),
        Issue("skipped_hardlink", "skipped hardlink member (not followed): var_log/hard.log", "var_log/hard.log"),
        Issue("skipped_device", "skipped device member (not followed): system/dev", "system/dev"),
        Issue("skipped_fifo", "skipped fifo member (not followed): system/fifo", "system/fifo"),
    ]
    assert b.stats.skipped == 6
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/tmp/abs-evil.txt").exists()


def test_truncated_gzip_keeps_members_read_so_far(tmp_path: Path) -> None:
    big = Entry("./var_log/messages", b"May  1 12:00:00 ip-10-0-1-23 kernel: hello\n" * 40000)
    data = tar_bytes([*minimal_members(), big, Entry("./networking/iptables-save.txt", b"*nat\nCOMMIT\n")])
    path = write(tmp_path, "b.tar.gz", data[: int(len(data) * 0.8)])
    members, b = read_all(path)
    assert list(members)[:5] == ["system/script-params.txt", "system/procstat.txt", "kernel/uname.txt",
                                 "kernel/dmesg.current", "kubelet/kubelet.log"]
    assert "networking/iptables-save.txt" not in members
    assert [i.code for i in b.issues] == ["bundle_truncated"]
    assert b.issues[0].message.startswith("bundle truncated or corrupt at var_log/messages")
    assert b.stats.stopped == b.issues[0].message


def test_per_member_cap_cuts_one_member_and_goes_on(tmp_path: Path) -> None:
    data = tar_bytes([Entry("./var_log/messages", b"x" * 5000 + b"\n"), *minimal_members()])
    members, b = read_all(write(tmp_path, "b.tar.gz", data), Limits(max_member_bytes=1000))
    assert len(members["var_log/messages"]) == 1000
    assert len(members) == 6
    assert b.issues[0] == Issue("member_cap", "var_log/messages: stopped after 1000 decompressed bytes (per-member "
                                "cap); the rest of this file was not read", "var_log/messages")


def test_total_cap_stops_before_the_member_that_would_pass_it(tmp_path: Path) -> None:
    data = tar_bytes([*minimal_members(), Entry("./var_log/messages", b"y" * 100_000),
                      Entry("./networking/iptables-save.txt", b"*nat\n")])
    members, b = read_all(write(tmp_path, "b.tar.gz", data), Limits(max_bytes=50_000))
    assert list(members) == ["system/script-params.txt", "system/procstat.txt", "kernel/uname.txt",
                             "kernel/dmesg.current", "kubelet/kubelet.log"]
    assert [i.code for i in b.issues] == ["total_cap"]
    assert "var_log/messages" in b.issues[0].message


def test_nested_gzip_is_read_and_a_cut_one_warns(tmp_path: Path) -> None:
    good = igzip.compress(b'{"level":"info","ts":"2024-05-01T12:00:00.000Z","msg":"ok"}\n' * 100)
    cut = igzip.compress(b"line of text\n" * 5000)[:200]
    data = tar_bytes([*minimal_members(),
                      Entry("./var_log/aws-routed-eni/ipamd-2024-05-01T12-00-00.000.log.gz", good),
                      Entry("./var_log/aws-routed-eni/plugin-2024-05-01T12-00-00.000.log.gz", cut)])
    members, b = read_all(write(tmp_path, "b.tar.gz", data))
    assert members["var_log/aws-routed-eni/ipamd-2024-05-01T12-00-00.000.log.gz"].count(b"\n") == 100
    assert [i.code for i in b.issues] == ["nested_gzip_truncated"]
    assert b.issues[0].member == "var_log/aws-routed-eni/plugin-2024-05-01T12-00-00.000.log.gz"


def test_gzip_that_is_not_a_tar(tmp_path: Path) -> None:
    path = write(tmp_path, "b.tar.gz", igzip.compress(b"just a log line\n" * 100))
    with pytest.raises(BundleError, match="not a bundle: gzip data that is not a tar archive"):
        read_all(path)


def test_zip_symlink_and_traversal_skipped(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("kernel/uname.txt", b"Linux x 6.1.84-99.169.amzn2023.x86_64\n")
        zf.writestr("../../escape.txt", b"x")
        link = zipfile.ZipInfo("var_log/link.log")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/shadow")
    members, b = read_all(write(tmp_path, "b.zip", buf.getvalue()))
    assert list(members) == ["kernel/uname.txt"]
    assert [i.code for i in b.issues] == ["unsafe_path", "skipped_symlink"]


def test_stdin_stream(tmp_path: Path) -> None:
    data = tar_bytes(minimal_members())
    code = ("import sys; from triage.bundle import Bundle\n"
            "with Bundle('-') as b:\n"
            "    print(sorted(m.path for m, s in b.members()), b.stats.container)\n")
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True)
    assert out.stdout.decode().strip() == ("['kernel/dmesg.current', 'kernel/uname.txt', 'kubelet/kubelet.log', "
                                           "'system/procstat.txt', 'system/script-params.txt'] tar.gz")

