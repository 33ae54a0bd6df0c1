"""Build small bundles in memory for tests, shaped like collector output."""

from __future__ import annotations

import io
import tarfile
import time
from collections.abc import Iterable
from dataclasses import dataclass

from isal import igzip

MTIME = 1714566000  # 2024-05-01T12:20:00Z
MARKERS = ("kernel", "system", "var_log", "kubelet", "ipamd", "networking", "cni")


@dataclass
class Entry:
    name: str
    data: bytes = b""
    kind: bytes = tarfile.REGTYPE
    linkname: str = ""
    mtime: int = MTIME


def tar_bytes(entries: Iterable[Entry], *, gz: bool = True, dirs: Iterable[str] = MARKERS) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tf:
        dirs = tuple(dirs)
        for d in ("./", *(f"./{d}/" for d in dirs)) if dirs else ():
            info = tarfile.TarInfo(d)
            info.type = tarfile.DIRTYPE
            info.mtime = MTIME
            tf.addfile(info)
        for e in entries:
            info = tarfile.TarInfo(e.name)
            info.type = e.kind
            info.linkname = e.linkname
            info.mtime = e.mtime
            info.size = len(e.data) if e.kind == tarfile.REGTYPE else 0
            tf.addfile(info, io.BytesIO(e.data) if e.kind == tarfile.REGTYPE else None)
    return igzip.compress(raw.getvalue(), mtime=0) if gz else raw.getvalue()


def minimal_members(capture: int = MTIME) -> list[Entry]:
    """A tiny but well-formed AL2023-like bundle."""
    t = time.gmtime(capture - 3600)
    stamp = time.strftime("%b %d %H:%M:%S", t)
    return [
        Entry("./system/script-params.txt", b"ignore_introspection: false\nignore_metrics: false\n", mtime=capture),
        Entry("./system/procstat.txt", f"cpu  1 2 3\nbtime {capture - 86400}\n".encode(), mtime=capture),
        Entry("./kernel/uname.txt", b"Linux ip-10-0-1-23 6.1.84-99.169.amzn2023.x86_64 #1 SMP x86_64 GNU/Linux\n",
              mtime=capture),
        Entry("./kernel/dmesg.current", b"[    0.000000] Linux version 6.1.84\n[   12.345678] ena 0000:00:05.0: up\n",
              mtime=capture),
        Entry("./kubelet/kubelet.log",
              f"{stamp} ip-10-0-1-23.us-west-2.compute.internal kubelet[3456]: I0501 11:20:00.123456    3456 "
              f"server.go:417] \"Kubelet version\" kubeletVersion=\"v1.30.0\"\n".encode(), mtime=capture),
    ]
