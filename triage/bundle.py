"""Open an EKS log bundle and stream its members, safely and without extracting anything.

A bundle is a ``.tar.gz``/``.tgz``, a plain ``.tar``, a ``.zip``, an unpacked directory, or
``-`` (a tar or tar.gz on stdin). The kind is told by the first bytes, never by the name.

Safety: nothing is ever written to disk. Members whose name has ``..``, is absolute, or that
are links, devices or fifos are skipped with a warning. Decompressed bytes are counted against a
total cap and a per-member cap; past a cap the reader stops and keeps what it read. A corrupt or
truncated archive ends the iteration with a warning instead of an exception.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, BinaryIO, Final

from isal import igzip

from triage.errors import BundleError
from triage.lines import Readable
from triage.model import Issue

GIB: Final = 1 << 30
MIB: Final = 1 << 20

#: Directories ``create_directories`` makes in every collector version (bundle-layout.md §1.1, §4).
MARKER_DIRS: Final = frozenset({
    "kernel", "modinfo", "system", "docker", "containerd", "storage", "var_log", "networking", "sandbox-image",
    "ipamd", "sysctls", "kubelet", "nodeadm", "cni", "gpu",
})
#: Members after which a tar that showed no marker directory is declared not a bundle.
MARKER_GRACE: Final = 500

_NAME_RE: Final = re.compile(
    r"^eks_(?P<instance>i-[0-9a-f]*)?_(?P<date>\d{4}-\d{2}-\d{2})_(?P<hm>\d{4})-UTC_(?P<version>[0-9][0-9.]*?)"
    r"\.(?:tar\.gz|tgz|tar|zip)$"
)
_NMA_NAME_RE: Final = re.compile(r"^(?P<node>[A-Za-z0-9.-]+)-logs\.(?:tar\.gz|tgz|tar)$")


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep a hostile bundle from exhausting memory or time."""

    max_bytes: int = 8 * GIB  # total decompressed bytes, skipped data included
    max_member_bytes: int = 1 * GIB  # decompressed bytes read from one member
    max_line_bytes: int = 1 * MIB  # longer lines are cut


@dataclass(frozen=True, slots=True)
class Member:
    """One regular file of the bundle."""

    path: str  # normalised: no ``./``, no wrapper directory
    size: int  # declared (decompressed) size; -1 when unknown
    mtime: datetime | None


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What the bundle's file name says (``eks_<instance>_<time>_<version>.tar.gz``)."""

    instance_id: str | None = None
    capture: datetime | None = None
    collector_version: str | None = None
    node_name: str | None = None  # ``<node>-logs.tar.gz`` from the node monitoring agent


def parse_name(name: str) -> NameInfo:
    """Read instance id, capture minute and collector version from a bundle file name.

    >>> parse_name("eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz").collector_version
    '0.7.9'
    """
    m = _NAME_RE.match(name)
    if m:
        capture = datetime.strptime(m["date"] + m["hm"], "%Y-%m-%d%H%M").replace(tzinfo=UTC)
        return NameInfo(m["instance"] or None, capture, m["version"])
    m = _NMA_NAME_RE.match(name)
    if m and not name.startswith("eks_"):
        return NameInfo(node_name=m["node"])
    return NameInfo()


@dataclass(slots=True)
class ReadStats:
    """Counters and the archive's shape, filled while members are read."""

    container: str = ""  # tar.gz | tar | zip | directory
    members: int = 0  # regular files seen
    skipped: int = 0  # members refused (links, devices, unsafe names)
    directories: int = 0
    dot_prefixed: int = 0  # names starting with ``./``
    wrapper: str | None = None  # extra top-level directory that was stripped
    bytes_read: int = 0  # decompressed bytes consumed, skipped data included
    newest_mtime: datetime | None = None
    stopped: str | None = None  # why reading stopped early
    top_dirs: set[str] = field(default_factory=set)


class _Budget:
    """Shared decompressed-byte budget of one bundle."""

    def __init__(self, limits: Limits, stats: ReadStats) -> None:
        self.limits = limits
        self.stats = stats

    @property
    def left(self) -> int:
        return self.limits.max_bytes - self.stats.bytes_read


class MemberReader:
    """A member's decompressed bytes, capped, never raising on corrupt data.

    ``read`` returns ``b""`` at the end, at the member cap, at the total cap, or when the data is
    corrupt or cut short; ``problem`` then says why.
    """

    def __init__(self, raw: Readable, member: Member, budget: _Budget, *, counted: bool) -> None:
        self._raw = raw
        self._member = member
        self._budget = budget
        self._counted = counted  # False when the bytes were already charged to the budget up front
        self._left = budget.limits.max_member_bytes
        self.problem: Issue | None = None
        self.fatal = False  # the archive itself is broken: stop after this member

    def read(self, size: int = 8 * MIB) -> bytes:
        if self._left <= 0 or self.problem is not None:
            return b""
        want = min(size, self._left)
        if self._counted:
            want = min(want, self._budget.left)
            if want <= 0:
                self._stop_total()
                return b""
        try:
            data = self._raw.read(want)
        except (EOFError, OSError, zlib.error, tarfile.TarError, zipfile.BadZipFile) as exc:
            self.problem = Issue("bundle_truncated", f"bundle truncated or corrupt at {self._member.path}: {_why(exc)}",
                                 self._member.path)
            self.fatal = True
            return b""
        self._left -= len(data)
        if self._counted:
            self._budget.stats.bytes_read += len(data)
        if self._left <= 0 and data:
            self.problem = Issue(
                "member_cap",
                f"{self._member.path}: stopped after {self._budget.limits.max_member_bytes} decompressed bytes "
                "(per-member cap); the rest of this file was not read",
                self._member.path,
            )
        return data

    def _stop_total(self) -> None:
        self.problem = Issue(
            "total_cap",
            f"stopped at {self._member.path}: {self._budget.limits.max_bytes} decompressed bytes read "
            "(--max-bytes); members after it were not read",
            self._member.path,
        )
        self.fatal = True


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


class NestedGzipReader:
    """Transparent reader for a ``.gz`` member (rotated ipamd and pod logs), under the same caps."""

    def __init__(self, outer: MemberReader, member: Member, budget: _Budget) -> None:
        self._gz = _gunzip(_ReadOnly(outer))
        self._outer = outer
        self._member = member
        self._budget = budget
        self._left = budget.limits.max_member_bytes
        self.problem: Issue | None = None

    @property
    def fatal(self) -> bool:
        return self._outer.fatal

    def read(self, size: int = 8 * MIB) -> bytes:
        if self.problem is not None or self._left <= 0:
            return b""
        want = min(size, self._left, max(self._budget.left, 0))
        if want <= 0:
            self.problem = Issue("total_cap", f"stopped in {self._member.path}: --max-bytes reached", self._member.path)
            return b""
        try:
            data = self._gz.read(want)
        except (EOFError, OSError, zlib.error) as exc:
            self.problem = self._outer.problem or Issue(
                "nested_gzip_truncated", f"{self._member.path}: gzip data cut short or corrupt ({_why(exc)})",
                self._member.path)
            return b""
        self._left -= len(data)
        self._budget.stats.bytes_read += len(data)
        if self._left <= 0 and data:
            self.problem = Issue("member_cap", f"{self._member.path}: per-member cap reached after decompression",
                                 self._member.path)
        return data


class _ReadOnly:
    """Adapts a MemberReader to what ``IGzipFile`` needs from ``fileobj``."""

    def __init__(self, inner: MemberReader) -> None:
        self._inner = inner

    def read(self, size: int = -1) -> bytes:
        return self._inner.read(8 * MIB if size < 0 else max(size, 1))

    def readinto(self, buffer: bytearray | memoryview) -> int:
        return _readinto(self.read, buffer)

    def readable(self) -> bool:
        return True


def _readinto(read: Callable[[int], bytes], buffer: bytearray | memoryview) -> int:
    data = read(len(buffer))
    buffer[: len(data)] = data
    return len(data)


Stream = MemberReader | NestedGzipReader


def sniff(head: bytes) -> str:
    """Name the container by its first bytes: ``gzip``, ``zip``, ``tar``, or raise BundleError."""
    if not head:
        raise BundleError("not a bundle: the file is empty")
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    for magic, what in _MAGICS:
        if head.startswith(magic):
            raise BundleError(f"not a bundle: this is {what}, not a tar.gz, tar or zip archive")
    raise BundleError("not a bundle: not a tar.gz, tar or zip archive (unrecognised leading bytes)")


_MAGICS: Final = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"BZh", "bzip2 data (repack as .tar.gz)"),
    (b"\xfd7zXZ", "xz data (repack as .tar.gz)"),
    (b"(\xb5/\xfd", "zstd data (repack as .tar.gz)"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)


def normalise(name: str) -> str | None:
    """Member name -> safe relative path, or None when it must not be trusted.

    >>> normalise("./kernel/dmesg.current")
    'kernel/dmesg.current'
    >>> normalise("../etc/passwd") is None
    True
    """
    name = name.replace("\\", "/") if "\\" in name and "/" not in name else name
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return "/".join(parts)


class Bundle:
    """Iterate the regular files of a bundle as capped byte streams, in archive order.

    Use as a context manager; each stream is valid until the next member is requested.
    """

    def __init__(self, source: str, limits: Limits | None = None) -> None:
        self.source = source
        self.limits = limits or Limits()
        self.stats = ReadStats()
        self.issues: list[Issue] = []
        self._budget = _Budget(self.limits, self.stats)
        self._closers: list[IO[bytes] | tarfile.TarFile | zipfile.ZipFile] = []
        self.name = NameInfo() if source == "-" else parse_name(Path(source).name)

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc: object) -> None:
        for c in reversed(self._closers):
            c.close()

    # -- opening ---------------------------------------------------------------------------
    def members(self) -> Iterator[tuple[Member, Stream]]:
        if self.source == "-":
            yield from self._tar(sys.stdin.buffer, stream=True)
            return
        path = Path(self.source)
        if path.is_dir():
            self.stats.container = "directory"
            yield from self._directory(path)
            return
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise BundleError(f"cannot read {self.source}: {exc.strerror or exc}") from None
        self._closers.append(fh)
        kind = sniff(fh.read(512))
        fh.seek(0)
        if kind == "zip":
            yield from self._zip(fh)
        else:
            yield from self._tar(fh, stream=False)

    def _tar(self, fh: BinaryIO, *, stream: bool) -> Iterator[tuple[Member, Stream]]:
        if stream:
            buffered = _Peek(fh)
            kind = sniff(buffered.peek(512))
            fh = buffered  # type: ignore[assignment]
        else:
            kind = sniff(fh.read(512))
            fh.seek(0)
        if kind == "zip":
            raise BundleError("a zip archive cannot be read from stdin; pass its path instead")
        raw: IO[bytes] = fh
        if kind == "gzip":
            self.stats.container = "tar.gz"
            raw = _gunzip(fh)
            self._closers.append(raw)
        else:
            self.stats.container = "tar"
        try:
            tf = tarfile.open(fileobj=raw, mode="r|" if stream else "r:")  # noqa: SIM115 - closed in __exit__
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            what = "gzip data that is not a tar archive" if kind == "gzip" else "a damaged tar archive"
            raise BundleError(f"not a bundle: {what} ({_why(exc)})") from None
        self._closers.append(tf)
        seen_marker = False
        last = "(start of archive)"
        while True:
            try:
                info = tf.next()
            except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
                self._stop("bundle_truncated", f"bundle truncated after {last}: {_why(exc)}", last)
                return
            if info is None:
                return
            path = self._accept(info.name, kind=_tar_kind(info))
            if info.isdir():
                self.stats.directories += 1
            if path is None:
                continue
            last = path
            seen_marker = seen_marker or self._has_marker(path)
            if not seen_marker and self.stats.members >= MARKER_GRACE:
                raise BundleError(f"not an EKS log bundle: {MARKER_GRACE} files and none under {_marker_hint()}")
            member = Member(path, info.size, _epoch(info.mtime))
            self._note_mtime(member.mtime)
            # Skipping a tar.gz member still inflates it: charge its whole size up front.
            if info.size > self._budget.left:
                self._stop("total_cap", f"stopped before {path}: reading it would pass --max-bytes "
                           f"({self.limits.max_bytes} bytes); members from here on were not read", path)
                return
            self.stats.bytes_read += info.size
            try:
                fobj: Readable | None = (_TarData(raw, info.offset_data, info.size) if not stream and not info.sparse
                                         else tf.extractfile(info))
            except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
                self._stop("bundle_truncated", f"bundle truncated at {path}: {_why(exc)}", path)
                return
            if fobj is None:
                continue
            reader = MemberReader(fobj, member, self._budget, counted=False)
            stream_: Stream = NestedGzipReader(reader, member, self._budget) if path.endswith(".gz") else reader
            yield member, stream_
            if self._finished(stream_):
                return
        if kind == "gzip" and not self._gzip_complete(raw):
            self._stop("bundle_truncated", f"bundle truncated after {last}: the gzip stream ends early", last)

    def _zip(self, fh: BinaryIO) -> Iterator[tuple[Member, Stream]]:
        self.stats.container = "zip"
        try:
            zf = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BundleError(f"not a bundle: damaged zip archive ({_why(exc)})") from None
        self._closers.append(zf)
        for info in zf.infolist():
            mode = info.external_attr >> 16
            kind = "dir" if info.is_dir() else ("symlink" if stat.S_ISLNK(mode) else "file")
            if kind == "file" and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                kind = "special"
            path = self._accept(info.filename, kind=kind)
            if kind == "dir":
                self.stats.directories += 1
            if path is None:
                continue
            mtime = _zip_time(info.date_time)
            member = Member(path, info.file_size, mtime)
            self._note_mtime(mtime)
            if self._budget.left <= 0:
                self._stop("total_cap", f"stopped before {path}: --max-bytes reached", path)
                return
            try:
                raw = zf.open(info)
            except (zipfile.BadZipFile, NotImplementedError, OSError, RuntimeError) as exc:
                self._warn("member_unreadable", f"{path}: cannot read this zip member ({_why(exc)})", path)
                continue
            reader = MemberReader(raw, member, self._budget, counted=True)
            stream_: Stream = NestedGzipReader(reader, member, self._budget) if path.endswith(".gz") else reader
            yield member, stream_
            raw.close()
            if self._finished(stream_):
                return

    def _directory(self, root: Path) -> Iterator[tuple[Member, Stream]]:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames.sort()
            base = Path(dirpath)
            rel_dir = base.relative_to(root).as_posix()
            for d in dirnames:
                self.stats.directories += 1
                if (base / d).is_symlink():
                    self._accept(f"{rel_dir}/{d}", kind="symlink")
            for name in sorted(filenames):
                full = base / name
                st = full.lstat()
                kind = "file" if stat.S_ISREG(st.st_mode) else ("symlink" if stat.S_ISLNK(st.st_mode) else "special")
                path = self._accept(f"{rel_dir}/{name}", kind=kind)
                if path is None:
                    continue
                member = Member(path, st.st_size, _epoch(st.st_mtime))
                self._note_mtime(member.mtime)
                if self._budget.left <= 0:
                    self._stop("total_cap", f"stopped before {path}: --max-bytes reached", path)
                    return
                try:
                    fh = full.open("rb")
                except OSError as exc:
                    self._warn("member_unreadable", f"{path}: {exc.strerror or exc}", path)
                    continue
                with fh:
                    reader = MemberReader(fh, member, self._budget, counted=True)
                    stream_ = NestedGzipReader(reader, member, self._budget) if path.endswith(".gz") else reader
                    yield member, stream_
                if self._finished(stream_):
                    return

    # -- bookkeeping -----------------------------------------------------------------------
    def _accept(self, raw_name: str, *, kind: str) -> str | None:
        """Normalise a member name; record and refuse what is unsafe. None means skip."""
        if raw_name.startswith("./") or raw_name == ".":
            self.stats.dot_prefixed += 1
        path = normalise(raw_name)
        if path is None:
            self._skip("unsafe_path", f"skipped member with an unsafe name: {_show(raw_name)}", _show(raw_name))
            return None
        path = self._strip_wrapper(path)
        if kind == "dir" or not path:
            return None
        if kind != "file":
            self._skip(f"skipped_{kind}", f"skipped {kind} member (not followed): {path}", path)
            return None
        self.stats.members += 1
        return path

    def _strip_wrapper(self, path: str) -> str:
        head, _, rest = path.partition("/")
        if self.stats.wrapper is None and head not in MARKER_DIRS and rest.split("/", 1)[0] in MARKER_DIRS:
            self.stats.wrapper = head
        if self.stats.wrapper is not None and head == self.stats.wrapper:
            path = rest
        top = path.split("/", 1)[0]
        if top in MARKER_DIRS:
            self.stats.top_dirs.add(top)
        return path

    def _has_marker(self, path: str) -> bool:
        return path.split("/", 1)[0] in MARKER_DIRS

    def _note_mtime(self, mtime: datetime | None) -> None:
        if mtime is not None and (self.stats.newest_mtime is None or mtime > self.stats.newest_mtime):
            self.stats.newest_mtime = mtime

    def _skip(self, code: str, message: str, member: str) -> None:
        self.stats.skipped += 1
        self._warn(code, message, member)

    def _warn(self, code: str, message: str, member: str | None = None) -> None:
        self.issues.append(Issue(code, message, member))

    def _stop(self, code: str, message: str, member: str) -> None:
        self.stats.stopped = message
        self._warn(code, message, member)

    def _finished(self, stream: Stream) -> bool:
        """Record what went wrong with the member just read; True when the archive cannot go on."""
        if stream.problem is not None:
            self.issues.append(stream.problem)
            if stream.fatal:
                self.stats.stopped = stream.problem.message
        return stream.fatal

    @staticmethod
    def _gzip_complete(raw: IO[bytes]) -> bool:
        """After the tar end marker, read the gzip stream out: a cut one raises."""
        try:
            while raw.read(MIB):
                pass
        except (EOFError, OSError, zlib.error):
            return False
        return True


class _TarData:
    """A tar member's data read straight from the (decompressed) archive stream, without tarfile's copies.

    Only for archives read with forward seeks (``r:``): tarfile seeks past whatever is left afterwards.
    """

    def __init__(self, raw: IO[bytes], start: int, size: int) -> None:
        self._raw = raw
        self._start = start
        self._left = size
        self._positioned = False

    def read(self, size: int = -1) -> bytes:
        if not self._positioned:
            if self._raw.tell() != self._start:
                self._raw.seek(self._start)
            self._positioned = True
        want = self._left if size < 0 else min(size, self._left)
        data = self._raw.read(want) if want else b""
        if len(data) < want:
            raise EOFError("unexpected end of data")
        self._left -= len(data)
        return data

    def close(self) -> None:
        return None


class _Peek:
    """A forward-only byte stream whose first bytes can be looked at before reading (stdin)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._buf = b""

    def peek(self, n: int) -> bytes:
        while len(self._buf) < n:
            more = self._raw.read(n - len(self._buf))
            if not more:
                break
            self._buf += more
        return self._buf[:n]

    def read(self, n: int = -1) -> bytes:
        if self._buf:
            if n < 0:
                out, self._buf = self._buf + self._raw.read(), b""
                return out
            out, self._buf = self._buf[:n], self._buf[n:]
            if len(out) < n:
                out += self._raw.read(n - len(out))
            return out
        return self._raw.read(n)

    def readinto(self, buffer: bytearray | memoryview) -> int:
        return _readinto(self.read, buffer)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        return None


def _gunzip(fileobj: object) -> IO[bytes]:
    """A decompressing reader over ``fileobj`` (isal: about twice as fast as zlib)."""
    gz: IO[bytes] = igzip.IGzipFile(fileobj=fileobj, mode="rb")  # type: ignore[no-untyped-call,assignment]
    return gz


def _tar_kind(info: tarfile.TarInfo) -> str:
    if info.isdir():
        return "dir"
    if info.issym():
        return "symlink"
    if info.islnk():
        return "hardlink"
    if info.isreg():
        return "file"
    return "device" if (info.ischr() or info.isblk()) else ("fifo" if info.isfifo() else "special")


def _epoch(value: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(value, UTC) if value > 0 else None
    except (OverflowError, OSError, ValueError):
        return None


def _zip_time(dt: tuple[int, int, int, int, int, int]) -> datetime | None:
    try:
        return datetime(*dt, tzinfo=UTC)  # zip stores local time; bundles are made on UTC nodes
    except ValueError:
        return None


def _show(name: str) -> str:
    return name.encode("unicode_escape").decode("ascii")[:200]


def _marker_hint() -> str:
    return ", ".join(f"{d}/" for d in sorted(MARKER_DIRS)[:6]) + ", ..."
