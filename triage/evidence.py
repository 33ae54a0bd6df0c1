"""From scanner hits and facts to findings: which signatures fired, how often, when, and why.

Duplicated sources are counted once: a flat container log that repeats a per-pod one is left
out, and a line of a mirror source (``messages`` and ``syslog`` repeat the kubelet, containerd and
docker journals and the kernel ring buffer) is left out when the source it repeats is in the bundle
and covers the line's time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from triage.clock import Clock
from triage.dsl import Context, evaluate, signatures_in
from triage.formats.base import Parsed, TimeQuality
from triage.lines import line_text
from triage.model import Evidence, Fact, FactValue, Finding, Marker, effective
from triage.scan import Hit, PatternHits
from triage.signatures import SEVERITY_RANK, Library, Signature

EVIDENCE_MAX = 5
#: Sources whose lines repeat those of others: rsyslog copies, told apart by the syslog tag.
MIRRORS = frozenset({"messages", "syslog"})
MIRRORED_IDENTS = {"kubelet": "kubelet_journal", "containerd": "containerd_journal", "dockerd": "docker_journal",
                   "docker": "docker_journal", "kernel": "dmesg"}


@dataclass(frozen=True, slots=True)
class Window:
    since: datetime | None = None
    until: datetime | None = None

    def __contains__(self, ts: datetime | None) -> bool:
        if ts is None:
            return self.since is None and self.until is None
        return (self.since is None or ts >= self.since) and (self.until is None or ts <= self.until)


@dataclass(frozen=True, slots=True)
class MemberHits:
    """What the scanner found in one member."""

    member: str
    source: str
    hits: dict[tuple[str, str], PatternHits]
    duplicate: bool


@dataclass(slots=True)
class _Placed:
    count: int = 0
    lines: set[tuple[str, int]] = field(default_factory=set)  # (member, line) of the counted, sampled hits
    unsampled: int = 0  # hits beyond the kept sample (counted without their line)
    times: list[datetime] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def field_values(self, name: str) -> Sequence[str]:
        return self.fields.get(name, [])


class _Context:
    def __init__(self, placed: dict[str, _Placed], facts: dict[str, FactValue], boot: datetime | None,
                 fired: set[str]) -> None:
        self._placed = placed
        self._facts = facts
        self._boot = boot
        self._fired = fired

    def hits(self, name: str) -> _Placed | None:
        return self._placed.get(name)

    def fact(self, path: str) -> object:
        return self._facts.get(path)

    def fired(self, signature_id: str) -> bool:
        return signature_id in self._fired

    @property
    def boot(self) -> datetime | None:
        return self._boot


Ranges = dict[str, tuple[datetime, datetime]]


def _mirrored(mh: MemberHits, parsed: Parsed, ts: datetime | None, ranges: Ranges) -> bool:
    """A mirror-source line whose original is in the bundle (same unit, inside that source's time range)."""
    if mh.source not in MIRRORS:
        return False
    primary = MIRRORED_IDENTS.get(parsed.get("ident") or "")
    span = ranges.get(primary or "")
    return span is not None and (ts is None or span[0].replace(microsecond=0) <= ts <= span[1])


def _place(sig: Signature, members: list[MemberHits], clock: Clock, window: Window,
           ranges: Ranges) -> dict[str, _Placed]:
    out: dict[str, _Placed] = {}
    for mh in members:
        for pattern in sig.patterns:
            hits = mh.hits.get((sig.id, pattern.name))
            if hits is None:
                continue
            placed = out.setdefault(pattern.name, _Placed())
            decoded = hits.decoded()
            in_window = 0
            by_line: dict[int, tuple[datetime | None, TimeQuality]] = {}
            mirrored: set[int] = set()
            for line, parsed in decoded:
                ts, quality, _ = clock.place(parsed)
                by_line[line] = (ts, quality)
                if _mirrored(mh, parsed, ts, ranges):
                    mirrored.add(line)
                elif ts in window or (ts is None and window.since is None and window.until is None):
                    in_window += 1
                    placed.lines.add((mh.member, line))
                    if ts is not None:
                        placed.times.append(ts)
            unsampled = hits.count - len(decoded)  # beyond the sample: counted unless a window or mirror applies
            unsampled = unsampled if window == Window() and mh.source not in MIRRORS else 0
            placed.unsampled += unsampled
            placed.count += in_window + unsampled
            if in_window + unsampled:
                placed.sources.add(mh.source)
            for name, values in hits.fields.items():
                placed.fields.setdefault(name, []).extend(values)
            for hit in hits.evidence():
                ts, quality = by_line.get(hit.line, (None, TimeQuality.NONE))
                if hit.line not in mirrored and (ts in window or window == Window()):
                    placed.evidence.append(_evidence(mh, pattern.name, hit, ts, quality))
            if not (placed.count or placed.evidence):
                del out[pattern.name]
    for placed in out.values():
        placed.times.sort()
    return out


def _evidence(mh: MemberHits, pattern: str, hit: Hit, ts: datetime | None, quality: TimeQuality) -> Evidence:
    return Evidence(member=mh.member, line=hit.line, ts=ts, time_quality=quality, text=line_text(hit.text),
                    pattern=pattern, before=tuple(line_text(x) for x in hit.before),
                    after=tuple(line_text(x) for x in hit.after))


def _lines(placed: dict[str, _Placed], names: list[str]) -> int:
    """Distinct lines behind these patterns: a line two patterns match counts once."""
    kept = [placed[n] for n in names if n in placed]
    return len(set().union(*(p.lines for p in kept))) + max((p.unsampled for p in kept), default=0)


def _order(library: Library) -> list[Signature]:
    """Signatures that refer to others with ``sig()`` come after the ones they refer to."""
    plain = [s for s in library.ordered() if s.when is None or not signatures_in(s.when)]
    refer = [s for s in library.ordered() if s.when is not None and signatures_in(s.when)]
    return plain + refer


MARKERS_PER_KIND = 10
#: The versions a skew fact was computed from, shown beside it as evidence.
_VERSIONS_BEHIND = {
    "skew.kube_proxy.behind": ("kube_proxy.version", "cluster.version", "kubelet.version"),
    "skew.kubelet.behind": ("kubelet.version", "cluster.version"),
    "skew.cni.behind": ("cni.version", "skew.cni.expected", "cluster.version", "kubelet.version"),
    "skew.cni.below_minimum": ("cni.version", "cluster.version", "kubelet.version"),
    "skew.coredns.behind": ("coredns.version", "skew.coredns.expected", "cluster.version", "kubelet.version"),
    "skew.coredns.below_minimum": ("coredns.version", "cluster.version", "kubelet.version"),
}


@dataclass(frozen=True, slots=True)
class Evidenced:
    findings: tuple[Finding, ...]
    markers: tuple[Marker, ...]
    log_facts: tuple[Fact, ...]  # facts read out of log lines by patterns with ``facts``


def findings(library: Library, members: Sequence[MemberHits], clock: Clock, snapshot_facts: list[Fact],
             ranges: Ranges, window: Window,
             derive: Callable[[list[Fact]], list[Fact]] = lambda facts: []) -> Evidenced:
    """The signatures that fire, the timeline markers of marker signatures, and the facts logs tell.

    ``ranges`` are the first and last time of each log source in the bundle; ``derive`` adds facts computed
    from the others (version skews) before conditions are evaluated."""
    kept = [m for m in members if not m.duplicate]
    placed_by_sig = {sig.id: _place(sig, kept, clock, window, ranges) for sig in library.ordered()}
    log_facts = _log_facts(library, placed_by_sig)
    facts = [*snapshot_facts, *log_facts]
    facts += derive(facts)
    fact_where = effective(facts)
    fact_values = {name: f.value for name, f in fact_where.items()}
    fired: set[str] = set()
    out: list[Finding] = []
    markers: list[Marker] = []
    for sig in _order(library):
        placed = placed_by_sig[sig.id]
        if sig.facts_only:
            continue
        if sig.marker is not None:
            markers.extend(_markers(sig, sig.marker, placed))
            continue
        ctx: Context = _Context(placed, fact_values, clock.boot, fired)
        evidence_patterns = [p.name for p in sig.patterns if p.evidence]
        count = _lines(placed, evidence_patterns)
        if sig.when is not None:
            if not evaluate(sig.when, ctx):
                continue
        elif count == 0:
            continue
        if count == 0:  # fired on markers alone (e.g. "Checking ..." never followed by success): show those
            evidence_patterns = [p.name for p in sig.patterns]
            count = _lines(placed, evidence_patterns)
        fired.add(sig.id)
        shown = sorted({*sig.facts, *(v for f in sig.facts for v in _VERSIONS_BEHIND.get(f, ()))})
        out.append(_finding(sig, placed, evidence_patterns, count, [fact_where[f] for f in shown if f in fact_where]))
    ordered = sorted(out, key=lambda f: (-SEVERITY_RANK[f.severity], f.first_ts is None, f.first_ts or _EPOCH,
                                         f.signature_id))
    derived = facts[len(snapshot_facts):]
    return Evidenced(tuple(ordered), tuple(sorted(markers, key=lambda m: (m.ts, m.kind))), tuple(derived))


def _log_facts(library: Library, placed_by_sig: dict[str, dict[str, _Placed]]) -> list[Fact]:
    """The newest value of each pattern group that names a fact, where the line that gave it was read."""
    out: list[Fact] = []
    for sig in library.ordered():
        for pattern in sig.patterns:
            placed = placed_by_sig[sig.id].get(pattern.name)
            if placed is None:
                continue
            for fact, group in pattern.facts:
                values = placed.field_values(group)
                if values:
                    where = max(placed.evidence, key=lambda e: (e.ts is not None, e.ts or _EPOCH), default=None)
                    out.append(Fact(fact, values[-1], where.member if where else "", where.line if where else 0))
    return out


def _markers(sig: Signature, kind: str, placed: dict[str, _Placed]) -> list[Marker]:
    """One marker per hit time (the first and last few when there are many)."""
    times = sorted({t for p in placed.values() for t in p.times})
    sources = sorted({s for p in placed.values() for s in p.sources})
    if len(times) > MARKERS_PER_KIND:
        times = times[: MARKERS_PER_KIND // 2] + times[-(MARKERS_PER_KIND // 2):]
    return [Marker(kind, t, sig.title, sources[0] if sources else "") for t in times]


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _finding(sig: Signature, placed: dict[str, _Placed], names: list[str], count: int,
             facts: list[Fact]) -> Finding:
    times = sorted(t for n in names if n in placed for t in placed[n].times)
    unique = {(e.member, e.line): e for n in reversed(names) if n in placed for e in placed[n].evidence}
    evidence = sorted(unique.values(), key=lambda e: (e.ts is None, e.ts or _EPOCH, e.member, e.line))
    if len(evidence) > EVIDENCE_MAX:
        evidence = evidence[: EVIDENCE_MAX - 2] + evidence[-2:]
    evidence += [Evidence(member=f.member, line=f.line, ts=None, time_quality=TimeQuality.NONE,
                          text=f"{f.name} = {f.value}", pattern="fact", before=(), after=()) for f in facts]
    sources = tuple(sorted({s for n in names if n in placed and placed[n].count for s in placed[n].sources}))
    return Finding(
        signature_id=sig.id, severity=sig.severity, title=sig.title, category=sig.category,
        count=count if count else 1, first_ts=times[0] if times else None, last_ts=times[-1] if times else None,
        sources=sources, evidence=tuple(evidence), explanation=sig.explanation, remediation=sig.remediation,
        references=sig.references,
    )

