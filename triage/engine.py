"""``analyze(path)``: one bundle in, one ``Analysis`` value out.

One pass over the members in archive order. Log members are cut into large chunks of whole
lines; only line counts and a few raw lines per member (the head, the tail, the first line of
each chunk) are kept, and those are decoded after the pass, once the clock is known. Snapshot
members are kept whole (capped) for the clock and, later, the fact extractors.
"""

from __future__ import annotations

import functools
import hashlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from triage import __version__
from triage.bundle import Bundle, Limits, Member, Stream
from triage.clock import Clock, ClockEvidence, build_clock, parse_btime, parse_ctime, parse_curl
from triage.derived import derive
from triage.errors import BundleError, CatalogError
from triage.evidence import MemberHits, Window, findings
from triage.facts import extract
from triage.formats import decode
from triage.formats.base import LineKind, Parsed, TimeQuality, worst
from triage.hypotheses import load_hypotheses, rank
from triage.layout import detect_layout
from triage.lines import Chunk, LongLines, chunks, line_text
from triage.model import (
    SCHEMA_VERSION,
    Analysis,
    BundleInfo,
    Coverage,
    Issue,
    Layout,
    Marker,
    MemberSummary,
    SourceSummary,
    ToolInfo,
)
from triage.records import PlaceStats, Record, assemble
from triage.scan import MemberScanner, SourceMatcher
from triage.signatures import Library, by_source, load_library
from triage.sources import Catalog, Source, container_identity, load_catalog

HEAD_LINES = 40
WINDOW = 64 << 10  # bytes looked at for the head, tail and sample lines of a chunk
TAIL_LINES = 40
SNAPSHOT_CAP = 16 << 20
#: A continuously logging journal whose last entry is older than this at capture was probably cut.
JOURNAL_STALE = timedelta(hours=6)

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class Options:
    limits: Limits = field(default_factory=Limits)
    catalog: Catalog | None = None
    library: Library | None = None  # default: the built-in signatures plus signature_dirs
    signature_dirs: tuple[Path, ...] = ()
    window: Window = field(default_factory=Window)
    progress: Progress | None = None  # called with (member path, decompressed bytes so far)


@dataclass(slots=True)
class MemberRead:
    """What the pass keeps of one log member."""

    member: Member
    source: Source
    size: int = 0
    lines: int = 0
    head: list[bytes] = field(default_factory=list)
    tail: list[bytes] = field(default_factory=list)
    samples: list[bytes] = field(default_factory=list)
    fmt: str = ""
    scanner: MemberScanner | None = None


@dataclass(slots=True)
class Pass:
    """Everything the one pass over the bundle collected."""

    logs: list[MemberRead] = field(default_factory=list)
    snapshots: dict[str, bytes] = field(default_factory=dict)
    snapshot_sources: dict[str, str] = field(default_factory=dict)  # path -> source name
    unmatched: int = 0
    issues: list[Issue] = field(default_factory=list)

    def duplicates(self) -> dict[str, str]:
        """Flat container-log copies that repeat a per-pod log: member path -> that per-pod directory."""
        idents = {r.member.path: container_identity(r.member.path) for r in self.logs}
        per_pod: dict[tuple[str, str, str], str] = {}  # (namespace, pod, container) -> its per-pod directory
        for path, ident in idents.items():
            if ident is not None and not ident[3]:
                per_pod.setdefault(ident[:3], path.rsplit("/", 1)[0] + "/")
        return {path: per_pod[ident[:3]] for path, ident in idents.items()
                if ident is not None and ident[3] and ident[:3] in per_pod}

    def by_source(self) -> dict[str, list[tuple[str, bytes]]]:
        """Snapshot members grouped by source name, in archive order."""
        out: dict[str, list[tuple[str, bytes]]] = {}
        for path, name in self.snapshot_sources.items():
            out.setdefault(name, []).append((path, self.snapshots[path]))
        return out


def analyze(path: str, options: Options | None = None) -> Analysis:
    """Read the bundle at ``path`` (or ``-`` for stdin) and describe it."""
    opts = options or Options()
    catalog = opts.catalog or load_catalog()
    library = opts.library or load_library(opts.signature_dirs, catalog)
    if library.issues:
        first = "; ".join(str(i) for i in library.issues[:3])
        raise CatalogError(f"the signature library has {len(library.issues)} problem(s), see "
                           f"'triage signatures lint': {first}")
    specs, spec_issues = load_hypotheses(library)
    if spec_issues:
        raise CatalogError(f"the hypothesis library has {len(spec_issues)} problem(s): {spec_issues[0]}")
    matchers = {source: SourceMatcher.build(pairs) for source, pairs in by_source(library.ordered()).items()}
    with Bundle(path, opts.limits) as bundle:
        collected = _read(bundle, catalog, matchers, opts)
        stats, name = bundle.stats, bundle.name
        collected.issues[:0] = bundle.issues
    if stats.members == 0:
        reason = stats.stopped or "the archive holds no files"
        raise BundleError(f"not a bundle: {reason}")
    if not stats.top_dirs:
        raise BundleError("not an EKS log bundle: none of the collector's directories "
                          "(kernel/, system/, var_log/, kubelet/, ipamd/, ...) is in it")
    snapshots = collected.by_source()
    present = {r.source.name for r in collected.logs} | set(snapshots)
    layout = detect_layout(stats, name, present, {src: members[0][1] for src, members in snapshots.items()})
    evidence = _clock_evidence(collected, snapshots, name.capture, stats.newest_mtime)
    clock = build_clock(evidence)
    sources = _summaries(collected, catalog, clock)
    coverage = _coverage(catalog, layout, sources, collected, clock)
    instance_id, instance_from = _instance_id(name.instance_id, snapshots)
    facts = extract(snapshots)
    ranges = {s.name: (s.first_ts, s.last_ts) for s in sources if s.first_ts is not None and s.last_ts is not None}
    evidenced = findings(library, _member_hits(collected), clock, facts, ranges, opts.window, derive)
    found, markers = evidenced.findings, evidenced.markers
    facts = sorted([*facts, *evidenced.log_facts], key=lambda f: f.name)  # stable: the effective one first
    hypotheses, ruled_out = rank(specs, found, tuple(facts), coverage, library)
    if clock.capture is None:
        collected.issues.append(Issue("no_capture_time", "no capture time found: year-less times were not placed"))
    if clock.zone_from is None:
        collected.issues.append(Issue("zone_assumed", "node time zone not found in the bundle: UTC assumed"))
    info = BundleInfo(
        path=path,
        file_name="-" if path == "-" else Path(path).name,
        instance_id=instance_id,
        instance_id_from=instance_from,
        node_name=name.node_name,
        collector_version=name.collector_version,
        capture_time=clock.capture,
        capture_time_from=clock.capture_from,
        members=stats.members,
        skipped_members=stats.skipped,
        bytes_read=stats.bytes_read,
        layout=layout,
    )
    return Analysis(
        schema_version=SCHEMA_VERSION,
        tool=ToolInfo("triage", __version__, len(library.signatures), library_digest(library)),
        bundle=info,
        clock=clock.info(),
        sources=sources,
        coverage=coverage,
        unmatched_members=collected.unmatched,
        hypotheses=hypotheses,
        ruled_out=ruled_out,
        markers=tuple(sorted(_clock_markers(clock) + markers, key=lambda m: (m.ts, m.kind))),
        findings=found,
        facts=tuple(facts),
        warnings=tuple(collected.issues),
    )


# -- the pass -------------------------------------------------------------------------------------
class _Worker:
    """Scans chunks on a second thread (RE2 releases the GIL) while the main thread inflates the next ones.

    One thread keeps chunks in order, so a member's scanner state needs no lock; at most ``depth``
    chunks wait, so memory stays bounded. A third, ``helper``, searches the second half of each big chunk
    while the scan thread searches the first (on 2 cores: read+scan of the 1 GB benchmark bundle 4.4-4.7 s
    -> 3.8 s).
    """

    def __init__(self, depth: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-scan")
        self.helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-search")
        self._pending: deque[Future[None]] = deque()
        self._depth = depth

    def submit(self, fn: Callable[[], None]) -> None:
        self._pending.append(self._pool.submit(fn))
        while len(self._pending) > self._depth:
            self._pending.popleft().result()

    def drain(self) -> None:
        while self._pending:
            self._pending.popleft().result()

    def close(self) -> None:
        for future in self._pending:
            future.cancel()
        self._pool.shutdown(wait=True)
        self.helper.shutdown(wait=True)


def _read(bundle: Bundle, catalog: Catalog, matchers: dict[str, SourceMatcher], opts: Options) -> Pass:
    worker = _Worker()
    try:
        return _read_members(bundle, catalog, matchers, opts, worker)
    finally:
        worker.close()


def _read_members(bundle: Bundle, catalog: Catalog, matchers: dict[str, SourceMatcher], opts: Options,
                  worker: _Worker) -> Pass:
    out = Pass()
    for member, stream in bundle.members():
        source = catalog.classify(member.path)
        if opts.progress is not None:
            opts.progress(member.path, bundle.stats.bytes_read)
        if source is None:
            out.unmatched += 1
            continue
        if source.kind == "snapshot":
            out.snapshots[member.path] = _read_snapshot(member, stream, out.issues)
            out.snapshot_sources[member.path] = source.name
        else:
            out.logs.append(_read_log(member, source, stream, opts.limits.max_line_bytes, out.issues,
                                      matchers.get(source.name), worker))
    return out


def _read_snapshot(member: Member, stream: Stream, issues: list[Issue]) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size < SNAPSHOT_CAP:
        block = stream.read(min(8 << 20, SNAPSHOT_CAP - size))
        if not block:
            return b"".join(parts)
        parts.append(block)
        size += len(block)
    if stream.read(1):
        issues.append(Issue("snapshot_cut", f"{member.path}: only the first {SNAPSHOT_CAP} bytes were kept",
                            member.path))
    return b"".join(parts)


def _read_log(member: Member, source: Source, stream: Stream, max_line: int, issues: list[Issue],
              matcher: SourceMatcher | None, worker: _Worker) -> MemberRead:
    read = MemberRead(member, source)
    long = LongLines()
    counted = _Counted(stream)
    last: Chunk | None = None
    for chunk in chunks(counted, max_line, long):
        last = chunk
        read.lines += chunk.newlines
        if len(read.head) < HEAD_LINES:
            window_end = min(chunk.end, chunk.start + WINDOW)
            parts = chunk.data[chunk.start:window_end].split(b"\n", HEAD_LINES)
            if len(parts) <= HEAD_LINES and window_end < chunk.end:
                parts.pop()  # the window cut the last line
            read.head.extend(parts[: HEAD_LINES - len(read.head)])
        else:
            end = chunk.data.find(b"\n", chunk.start, chunk.end)
            read.samples.append(chunk.data[chunk.start:end if end >= 0 else chunk.end][:WINDOW])
        if not read.fmt:
            read.fmt = _pick_format(source, read.head)
            read.scanner = MemberScanner(matcher, read.fmt, worker.helper) if matcher is not None else None
        if read.scanner is not None:
            worker.submit(functools.partial(read.scanner.feed, chunk))
    worker.drain()
    if last is not None:
        window_start = max(last.start, last.end - WINDOW)
        tail = last.data[window_start:last.end].split(b"\n")
        read.tail = tail[1:] if window_start > last.start else tail
        read.tail = read.tail[-(TAIL_LINES + 1):]
        if last.data[last.end - 1:last.end] != b"\n":
            read.lines += 1
    read.size = counted.total
    read.head = [ln for ln in read.head if ln][: read.lines]
    read.tail = [ln for ln in read.tail if ln]
    if long.count:
        issues.append(Issue("long_lines", f"{member.path}: {long.count} line(s) longer than {max_line} bytes were cut "
                            f"(first at line {long.first_line}; {long.dropped_bytes} bytes dropped)", member.path))
    return read


class _Counted:
    """Counts the bytes read through it (lines.chunks cuts over-long lines, the size must not shrink)."""

    def __init__(self, stream: Stream) -> None:
        self._stream = stream
        self.total = 0

    def read(self, size: int = 8 << 20, /) -> bytes:
        data = self._stream.read(size)
        self.total += len(data)
        return data


# -- after the pass ---------------------------------------------------------------------------------

def _clock_evidence(collected: Pass, snapshots: dict[str, list[tuple[str, bytes]]], name_capture: datetime | None,
                    newest: datetime | None) -> ClockEvidence:
    ev = ClockEvidence(name_capture=name_capture, newest_mtime=newest)

    def text(source: str) -> str | None:
        return line_text(snapshots[source][0][1]) if source in snapshots else None

    procstat = text("procstat")
    ev.btime = parse_btime(procstat) if procstat else None
    iptables = text("iptables_save")
    if iptables and iptables.startswith("# Generated by"):
        ev.iptables_generated = parse_ctime(iptables.split("\n", 1)[0])
    curl = text("curl_api_server")
    if curl:
        ev.curl_node_time, ev.curl_server_date = parse_curl(curl)
    for read in collected.logs:
        name = read.source.name
        if "journald" in read.source.formats:
            for raw in read.head[:3]:
                parsed = decode("journald", line_text(raw))
                zone = parsed.get("zone")
                if parsed.kind is LineKind.HEADER and zone:
                    ev.header_zones.append(zone)
                elif parsed.stamp is not None and parsed.stamp.offset is not None:
                    ev.stamp_offsets.append(parsed.stamp.offset)
        if name == "containerd_journal":
            for raw in read.head + read.tail:
                parsed = decode("journald", line_text(raw))
                if parsed.stamp is not None and parsed.inner is not None and parsed.inner.offset is not None \
                        and parsed.inner.has_year and parsed.stamp.offset is None:
                    ev.add_zone_pair(parsed.stamp, parsed.inner.wall - parsed.inner.offset)
        elif name in ("dmesg", "dmesg_ctime"):
            for raw in read.head:
                parsed = decode("dmesg", line_text(raw))
                if parsed.boot_seconds is not None and name == "dmesg":
                    ev.dmesg_boot.setdefault(parsed.message, parsed.boot_seconds)
                elif parsed.stamp is not None and name == "dmesg_ctime":
                    ev.dmesg_ctime.setdefault(parsed.message, parsed.stamp.wall)
    return ev


@dataclass(slots=True)
class _Placed:
    first: datetime | None = None
    last: datetime | None = None
    quality: TimeQuality = TimeQuality.NONE
    disagreements: int = 0


def _pick_format(source: Source, head: list[bytes]) -> str:
    """The catalog format that decodes most of the member's first lines with a time."""
    if len(source.formats) == 1:
        return source.formats[0]
    lines = [line_text(raw) for raw in head[:10]]
    return max(source.formats, key=lambda f: sum(_has_time(decode(f, ln)) for ln in lines))


def _has_time(p: Parsed) -> bool:
    return p.stamp is not None or p.inner is not None or p.boot_seconds is not None


def _place_member(read: MemberRead, fmt: str, clock: Clock) -> _Placed:
    """First and last time of a member from its head and tail lines, and the worst time quality seen."""
    stats = PlaceStats()

    def timed(lines: list[bytes]) -> list[Record]:
        numbered = ((0, 0, line_text(raw)) for raw in lines)
        return [r for r in assemble(fmt, read.source.name, read.member.path, numbered, clock, stats)
                if r.ts is not None]

    head, tail = timed(read.head), timed(read.tail)
    samples = [r for raw in read.samples for r in timed([raw])]
    placed = _Placed(first=head[0].ts if head else None, last=tail[-1].ts if tail else None)
    for record in (*head, *tail, *samples):
        if record.time_quality is not TimeQuality.INHERITED:
            placed.quality = record.time_quality if placed.quality is TimeQuality.NONE \
                else worst(placed.quality, record.time_quality)
    placed.disagreements = stats.disagreements
    return placed


def _summaries(collected: Pass, catalog: Catalog, clock: Clock) -> tuple[SourceSummary, ...]:
    duplicates = collected.duplicates()
    members: dict[str, list[MemberSummary]] = {}
    for read in collected.logs:
        placed = _place_member(read, read.fmt or read.source.formats[0], clock)
        if placed.disagreements:
            collected.issues.append(Issue(
                "klog_journal_disagree",
                f"{read.member.path}: {placed.disagreements} sampled line(s) whose klog time disagrees with the "
                "journald prefix by more than 2 s (buffered lines or a clock jump)", read.member.path))
        duplicate = duplicates.get(read.member.path)
        members.setdefault(read.source.name, []).append(MemberSummary(
            path=read.member.path, bytes=read.size, lines=read.lines, first_ts=placed.first,
            last_ts=placed.last, time_quality=placed.quality, duplicate_of=duplicate))
    for path, name in collected.snapshot_sources.items():
        members.setdefault(name, []).append(MemberSummary(
            path=path, bytes=len(collected.snapshots[path]), lines=collected.snapshots[path].count(b"\n"),
            first_ts=None, last_ts=None, time_quality=TimeQuality.NONE))
    out: list[SourceSummary] = []
    for source in catalog.sources:
        found = sorted(members.get(source.name, []), key=lambda m: m.path)
        if not found:
            continue
        counted = [m for m in found if m.duplicate_of is None]
        firsts = [m.first_ts for m in counted if m.first_ts is not None]
        lasts = [m.last_ts for m in counted if m.last_ts is not None]
        quality = TimeQuality.NONE
        timed = [m.time_quality for m in counted if m.time_quality is not TimeQuality.NONE]
        if timed:
            quality = timed[0]
            for q in timed[1:]:
                quality = worst(quality, q)
        out.append(SourceSummary(
            name=source.name, kind=source.kind, format="/".join(source.formats), description=source.description,
            lines=sum(m.lines for m in counted), bytes=sum(m.bytes for m in counted),
            first_ts=min(firsts, default=None), last_ts=max(lasts, default=None), time_quality=quality,
            members=tuple(found)))
    return tuple(out)


def _coverage(catalog: Catalog, layout: Layout, sources: tuple[SourceSummary, ...], collected: Pass,
              clock: Clock) -> tuple[Coverage, ...]:
    facts = {"os": layout.os_family, "era": layout.era, "producer": layout.producer}
    present = {s.name: s for s in sources}
    heads = {r.member.path: r.head for r in collected.logs}
    out: list[Coverage] = []
    for source in catalog.sources:
        summary = present.get(source.name)
        if summary is None:
            if source.expected_for(facts):
                out.append(Coverage(source.name, "missing", f"expected on {layout.os_family} bundles, not in this one"))
            continue
        out.append(_member_coverage(source, summary, heads, clock))
    return tuple(out)


def _member_coverage(source: Source, summary: SourceSummary, heads: dict[str, list[bytes]],
                     clock: Clock) -> Coverage:
    paths = ", ".join(m.path for m in summary.members[:3]) + (" ..." if len(summary.members) > 3 else "")
    if summary.bytes == 0:
        return Coverage(source.name, "empty", f"{paths}: 0 bytes (the command failed or printed nothing)")
    if source.kind == "log" and all(_no_entries(heads.get(m.path, [])) for m in summary.members):
        return Coverage(source.name, "no_entries", f"{paths}: -- No entries --")
    cut = [m for m in summary.members if m.bytes in source.tail_limits]
    if cut:
        return Coverage(source.name, "truncated_front",
                        f"{cut[0].path}: exactly {cut[0].bytes} bytes, the collector's tail limit: "
                        "older lines are gone")
    if source.journal and clock.capture is not None and summary.last_ts is not None \
            and clock.capture - summary.last_ts > JOURNAL_STALE:
        gap = clock.capture - summary.last_ts
        return Coverage(source.name, "timed_out",
                        f"last entry {_duration(gap)} before capture: possibly cut, journalctl may have been "
                        "killed at 75 s (newest entries lost), or the unit stopped logging")
    return Coverage(source.name, "present", f"{summary.lines} lines in {len(summary.members)} file(s)")


def _no_entries(head: list[bytes]) -> bool:
    lines = [ln.strip() for ln in head if ln.strip()]
    return bool(lines) and all(ln == b"-- No entries --" or ln.startswith(b"-- Logs begin") for ln in lines)


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    return (f"{days}d " if days else "") + f"{hours}h{mins:02d}m"


def _clock_markers(clock: Clock) -> tuple[Marker, ...]:
    out = []
    if clock.boot is not None:
        out.append(Marker("boot", clock.boot, "node boot", clock.boot_from or "clock"))
    if clock.capture is not None:
        out.append(Marker("capture", clock.capture, "bundle collected", clock.capture_from or "clock"))
    return tuple(out)


def _member_hits(collected: Pass) -> list[MemberHits]:
    duplicates = collected.duplicates()
    return [MemberHits(r.member.path, r.source.name, r.scanner.hits, duplicate=r.member.path in duplicates)
            for r in collected.logs if r.scanner is not None and r.scanner.hits]


def library_digest(library: Library) -> str:
    digest = hashlib.sha256()
    for sig in library.ordered():
        digest.update(Path(sig.path).read_bytes())
    return digest.hexdigest()[:16]


def _instance_id(from_name: str | None, snapshots: dict[str, list[tuple[str, bytes]]]
                 ) -> tuple[str | None, str | None]:
    if from_name:
        return from_name, "bundle file name"
    for path, content in snapshots.get("instance_id", []):
        raw = content.strip().decode("ascii", "replace")
        if raw.startswith("i-") and raw[2:].isalnum():
            return raw, path
    return None, None
