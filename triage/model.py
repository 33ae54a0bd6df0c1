"""The analysis of one bundle: plain, frozen, serialisable values.

``triage.engine.analyze`` returns an ``Analysis``; every renderer (text, JSON, and later HTML and
SARIF) only reads it. Field order is the JSON key order; add fields, never rename them without
raising ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from triage.formats.base import TimeQuality

SCHEMA_VERSION = "2"


@dataclass(frozen=True, slots=True)
class Issue:
    """A warning about the input: something skipped, cut, or not trustworthy."""

    code: str
    message: str
    member: str | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """Which collector wrote the bundle and for what kind of node, told by the files present."""

    producer: str  # eks-log-collector | node-monitoring-agent
    era: str  # 0.5 | 0.6 | 0.7+ (collector generation, by features)
    os_family: str  # al2 | al2023 | ubuntu | unknown
    container: str  # tar.gz | tar | zip | directory
    dot_prefix: bool  # member names start with ./
    wrapper: str | None  # an extra top directory that was stripped
    evidence: tuple[str, ...]  # why: the files or facts that decided


@dataclass(frozen=True, slots=True)
class BundleInfo:
    path: str
    file_name: str
    instance_id: str | None
    instance_id_from: str | None
    node_name: str | None
    collector_version: str | None
    capture_time: datetime | None
    capture_time_from: str | None
    members: int
    skipped_members: int
    bytes_read: int
    layout: Layout


@dataclass(frozen=True, slots=True)
class ClockSkew:
    """A disagreement between two clocks seen in the bundle."""

    between: str  # e.g. "node/api-server", "kubelet_journal/klog"
    seconds: float  # first minus second
    evidence: str


@dataclass(frozen=True, slots=True)
class ClockInfo:
    capture_time: datetime | None
    capture_time_from: str | None
    zone_offset_minutes: int
    zone_from: str | None  # None: UTC assumed
    boot_time: datetime | None
    boot_time_from: str | None
    skews: tuple[ClockSkew, ...]


@dataclass(frozen=True, slots=True)
class MemberSummary:
    path: str
    bytes: int
    lines: int
    first_ts: datetime | None
    last_ts: datetime | None
    time_quality: TimeQuality
    duplicate_of: str | None = None  # a flat container log that repeats a per-pod one


@dataclass(frozen=True, slots=True)
class SourceSummary:
    name: str
    kind: str  # log | snapshot
    format: str
    description: str
    lines: int
    bytes: int
    first_ts: datetime | None
    last_ts: datetime | None
    time_quality: TimeQuality
    members: tuple[MemberSummary, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Whether an expected source is there and whole."""

    source: str
    status: str  # present | missing | empty | no_entries | timed_out | truncated_front | not_collected
    detail: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One representative line behind a finding, with a few lines of context."""

    member: str
    line: int
    ts: datetime | None
    time_quality: TimeQuality
    text: str
    pattern: str  # the signature pattern that matched, or "fact"
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A signature that fired."""

    signature_id: str
    severity: str
    title: str
    category: str
    count: int
    first_ts: datetime | None
    last_ts: datetime | None
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    explanation: str
    remediation: tuple[str, ...]
    references: tuple[str, ...]


FactValue = int | float | str | bool


@dataclass(frozen=True, slots=True)
class Fact:
    """A configuration fact and where it was read."""

    name: str
    value: FactValue
    member: str
    line: int  # 1-based; 0 when the fact is about the whole file


def effective(facts: Iterable[Fact]) -> dict[str, Fact]:
    """The fact that takes effect for each name: the first one (extraction orders them so, flags before config files).

    >>> effective([Fact("kubelet.max_pods", 110, "system/ps.txt", 3), Fact("kubelet.max_pods", 29, "c.json", 2)])
    {'kubelet.max_pods': Fact(name='kubelet.max_pods', value=110, member='system/ps.txt', line=3)}
    """
    out: dict[str, Fact] = {}
    for f in facts:
        out.setdefault(f.name, f)
    return out


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """A ranked root-cause explanation of the findings (``signatures/hypotheses/<id>.toml``)."""

    id: str
    rank: int  # 1 = most likely
    score: float  # 0..100
    confidence: str  # high | medium | low
    title: str
    summary: str  # the story in plain words
    finding_ids: tuple[str, ...]  # signature ids of the findings behind it, strongest first
    supporting: tuple[str, ...]  # what speaks for it, one sentence each
    missing: tuple[str, ...]  # expected evidence that is absent, one sentence each
    coverage_gaps: tuple[str, ...]  # sources missing or cut that could have confirmed it
    first_ts: datetime | None  # earliest evidence of the cause
    remediation: tuple[str, ...]
    references: tuple[str, ...]
    why: str  # rank 1: why it beat the runner-up; others: why it ranks lower


@dataclass(frozen=True, slots=True)
class RuledOut:
    """A hypothesis that was considered and did not hold, and why."""

    id: str
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A point on the timeline that orients the reader: node boot, kubelet start, aws-node start, node Ready."""

    kind: str  # boot | kubelet_start | aws_node_start | node_ready | capture
    ts: datetime
    label: str
    source: str  # the source it was read from ("clock" for boot and capture)


@dataclass(frozen=True, slots=True)
class ToolInfo:
    name: str
    version: str
    signatures: int  # signatures loaded
    signatures_digest: str  # sha256 of the signature files, for reproducibility


@dataclass(frozen=True, slots=True)
class Analysis:
    schema_version: str
    tool: ToolInfo
    bundle: BundleInfo
    clock: ClockInfo
    sources: tuple[SourceSummary, ...]
    coverage: tuple[Coverage, ...]
    unmatched_members: int  # files no source claims (listed in the inventory only)
    hypotheses: tuple[Hypothesis, ...]  # ranked, best first; empty when nothing explains the findings
    ruled_out: tuple[RuledOut, ...]
    markers: tuple[Marker, ...]
    findings: tuple[Finding, ...]
    facts: tuple[Fact, ...]
    warnings: tuple[Issue, ...]
