"""The one-file offline HTML report: verdict, hypotheses, timeline, evidence, coverage, clock, facts, warnings.

Everything the page needs is in the file: CSS, JS and the timeline's SVG are inline, and a
Content-Security-Policy meta forbids every load (``default-src 'none'``); the one script and the one
style sheet are allowed by their SHA-256 hashes, so nothing else could run even if escaping failed.
The page works without JavaScript: the timeline is drawn here, in Python, and every finding's
evidence is in an open ``<details>``; the script only adds zoom, filters, the time-zone switch and
collapses the findings.

Log text never reaches JavaScript: the template autoescapes it, and the little JSON the script reads
(axis range, zone) is escaped for HTML (``<``, ``>``, ``&`` as ``\\u003c`` ...). Control characters and
lone surrogates are replaced before escaping, so any byte a log holds renders as visible text.

The page stays small whatever the bundle: at most EVIDENCE_MAX excerpts per finding, CONTEXT_MAX
lines of context, lines cut at LINE_CAP characters (shorter when all evidence would pass
EVIDENCE_BUDGET bytes), and caps on facts, warnings and timeline markers.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import jinja2
import orjson
from markupsafe import Markup, escape

from triage.formats.base import QUALITY_RANK, TimeQuality
from triage.model import Analysis, Evidence, Finding, Hypothesis, Marker, SourceSummary
from triage.report.node import node_parts
from triage.resources import data_path

LINE_CAP = 2000  # characters of one evidence or context line shown
EVIDENCE_MAX = 8  # evidence items of one finding (the engine keeps 5 lines plus its facts)
CONTEXT_MAX = 2  # context lines on each side of an evidence line (as many as the engine keeps)
EVIDENCE_BUDGET = 2_500_000  # bytes of evidence in the page; past it, every line is cut shorter
LINE_MARKUP = 80  # bytes of markup around one evidence line
LINE_FLOOR = 80  # the shortest cut
TEXT_CAP = 500  # a warning message
FACT_CAP = 200  # a fact's name, value or member
MARKERS_PER_KIND = 40
FACTS_MAX = 1000
WARNINGS_MAX = 200
SEVERITIES = ("critical", "error", "warning", "info")

QUALITY_LABEL = {
    TimeQuality.YEAR_INFERRED: ("year inferred", "The line has no year; it was taken from the capture time."),
    TimeQuality.ZONE_ASSUMED: ("zone assumed", "The line has no zone and the bundle told none; UTC assumed."),
    TimeQuality.FROM_BOOT_OFFSET: ("boot offset", "Seconds since boot, placed with the boot time."),
    TimeQuality.INHERITED: ("inherited", "The line has no time of its own; it took the previous record's."),
    TimeQuality.NONE: ("no time", "The line has no time."),
}
MARKER_ORDER = {"boot": 0, "kubelet_start": 1, "aws_node_start": 2, "node_ready": 3, "capture": 4}
MARKER_NAMES = {"boot": "node boot", "kubelet_start": "kubelet start", "aws_node_start": "aws-node start",
                "node_ready": "node Ready", "capture": "bundle collected"}
STATUS_ORDER = {"missing": 0, "truncated_front": 1, "timed_out": 2, "empty": 3, "no_entries": 4, "not_collected": 5}

# Timeline geometry, in SVG user units (the SVG scales to the page width).
WIDTH = 1000.0
PLOT_L = 230.0
PLOT_R = 975.0
MARK_ROWS = 3
MARK_ROW_H = 12.0
HEAD = MARK_ROWS * MARK_ROW_H + 30.0  # marker labels, then two lines of tick labels
LANE_H = 20.0
ROW_H = 16.0
FOOT = 6.0
TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
              86400, 172800, 345600, 604800, 1209600, 2419200)
MAX_TICKS = 8

# C0 controls (but tab and newline) as their visible Control Pictures, C1 controls and lone surrogates
# as U+FFFD: log text can hold anything, the page must stay well-formed.
_CONTROLS = {i: 0x2400 + i for i in range(32) if i not in (9, 10)} | {0x7F: 0x2421} | dict.fromkeys(
    range(0x80, 0xA0), 0xFFFD)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


def clean(text: str) -> str:
    """Text safe to put in an HTML document (escaping is the template's job)."""
    text = text.translate(_CONTROLS)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean(value)
    return value


def _clip(text: str, cap: int = LINE_CAP) -> str:
    return text if len(text) <= cap else f"{text[:cap]} … [{len(text) - cap:,} more characters]"


# ---------------------------------------------------------------------------------------------- times


@dataclass(frozen=True, slots=True)
class TimeView:
    iso: str  # the datetime attribute
    epoch: str  # seconds, for the script
    text: str  # shown without JavaScript (UTC)


def _utc(ts: datetime) -> datetime:
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def _epoch(ts: datetime) -> float:
    return _utc(ts).timestamp()


def _fmt(ts: datetime, ms: bool = True) -> str:
    ts = _utc(ts)
    text = ts.strftime("%Y-%m-%d %H:%M:%S")
    if ms and ts.microsecond:
        text += f".{ts.microsecond // 1000:03d}"
    return text + " UTC"


def _time(ts: datetime | None) -> TimeView | None:
    if ts is None:
        return None
    ts = _utc(ts)
    return TimeView(iso=ts.isoformat().replace("+00:00", "Z"), epoch=f"{_epoch(ts):.6f}", text=_fmt(ts))


def _zone(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def _quality(q: TimeQuality) -> tuple[str, str] | None:
    """Badge text and tooltip for a time that is not exact; None for an exact one."""
    return QUALITY_LABEL.get(q)


# -------------------------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class LineView:
    number: int | None
    text: str
    hit: bool


@dataclass(frozen=True, slots=True)
class HitView:
    """One evidence line: where, when and how far its time can be trusted."""

    where: str
    line: int
    time: TimeView | None
    quality: tuple[str, str] | None
    quality_class: str
    pattern: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """Evidence lines of one member whose contexts touch, shown as one excerpt."""

    member: str
    hits: tuple[HitView, ...]
    lines: tuple[LineView, ...]


def _hit(e: Evidence) -> HitView:
    q = e.time_quality
    shown = _quality(q) if e.ts is not None or e.pattern != "fact" else None
    where = f"{e.member}:{e.line}" if e.line else (e.member or "(derived)")
    return HitView(where=where, line=e.line, time=_time(e.ts), quality=shown, quality_class=f"q-{q.value}",
                   pattern=e.pattern)


def _numbered(e: Evidence) -> dict[int, tuple[str, bool]]:
    out = {e.line - len(e.before) + i: (text, False) for i, text in enumerate(e.before)}
    out[e.line] = (e.text, True)
    out.update({e.line + 1 + i: (text, False) for i, text in enumerate(e.after)})
    return out


def _capped(items: tuple[Evidence, ...]) -> list[Evidence]:
    """At most EVIDENCE_MAX items with at most CONTEXT_MAX lines of context on each side."""
    return [e if len(e.before) <= CONTEXT_MAX and len(e.after) <= CONTEXT_MAX else
            replace(e, before=e.before[len(e.before) - CONTEXT_MAX:], after=e.after[:CONTEXT_MAX])
            for e in items[:EVIDENCE_MAX]]


def _line_cap(findings: tuple[Finding, ...]) -> int:
    """LINE_CAP, or less when the evidence of all findings, escaped and encoded, would not fit EVIDENCE_BUDGET
    bytes (the same input gets the same cap)."""
    lines = [t for f in findings for e in _capped(f.evidence) for t in (e.text, *e.before, *e.after)]
    cap = LINE_CAP
    while True:
        total = sum(len(escape(clean(t[:cap])).encode()) + LINE_MARKUP for t in lines)
        if total <= EVIDENCE_BUDGET or cap == LINE_FLOOR:
            return cap
        cap = max(LINE_FLOOR, min(cap - 1, int(cap * EVIDENCE_BUDGET / total * 0.95)))


def _evidence(items: list[Evidence], cap: int) -> tuple[EvidenceView, ...]:
    """Excerpts in the engine's order; consecutive lines of one member whose contexts overlap are merged."""
    groups: list[list[Evidence]] = []
    for e in items:
        prev = groups[-1][-1] if groups else None
        if (prev is not None and e.line > 0 and prev.line > 0 and e.member == prev.member
                and e.pattern != "fact" and prev.pattern != "fact"
                and prev.line <= e.line <= prev.line + len(prev.after) + len(e.before) + 1):
            groups[-1].append(e)
        else:
            groups.append([e])
    out = []
    for group in groups:
        if group[0].line <= 0 or group[0].pattern == "fact":
            e = group[0]
            lines = [LineView(None, _clip(t, cap), False) for t in e.before]
            lines.append(LineView(None, _clip(e.text, cap), True))
            lines += [LineView(None, _clip(t, cap), False) for t in e.after]
        else:
            merged: dict[int, tuple[str, bool]] = {}
            for e in group:
                for n, (text, hit) in _numbered(e).items():
                    merged[n] = (text, hit or merged.get(n, ("", False))[1])
            lines = [LineView(n, _clip(text, cap), hit) for n, (text, hit) in sorted(merged.items()) if n > 0]
        out.append(EvidenceView(member=group[0].member, hits=tuple(_hit(e) for e in group), lines=tuple(lines)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str | None  # only http(s) addresses become links


@dataclass(frozen=True, slots=True)
class FindingView:
    anchor: str
    f: Finding
    first: TimeView | None
    last: TimeView | None
    sources: str
    explanation: tuple[str, ...]  # paragraphs
    references: tuple[Link, ...]
    evidence: tuple[EvidenceView, ...]
    evidence_note: str  # how much of the finding the evidence shows
    inexact: tuple[str, ...]  # qualities of its evidence times that are not exact


def _links(refs: tuple[str, ...]) -> tuple[Link, ...]:
    out = []
    for ref in refs:
        parts = urlsplit(ref)
        ok = parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in ref)
        out.append(Link(ref, ref if ok else None))
    return tuple(out)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def _anchors(prefix: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for ident in ids:
        base = f"{prefix}-{_SLUG.sub('-', ident).strip('-') or 'x'}"
        anchor, k = base, 2
        while anchor in seen:
            anchor, k = f"{base}-{k}", k + 1
        seen.add(anchor)
        out.append(anchor)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _evidence_note(f: Finding) -> str:
    shown = f.evidence[:EVIDENCE_MAX]
    facts = sum(1 for e in shown if e.pattern == "fact")
    lines = len(shown) - facts
    parts = [f"{lines:,} of {_plural(f.count, 'matching line')}"] if lines else []
    if facts:
        parts.append(_plural(facts, "configuration fact"))
    if len(f.evidence) > EVIDENCE_MAX:
        parts.append(f"{len(f.evidence) - EVIDENCE_MAX:,} more not shown (see --format json)")
    return ", ".join(parts) or "none kept"


def _findings(findings: tuple[Finding, ...]) -> list[FindingView]:
    cap = _line_cap(findings)
    out = []
    for f, anchor in zip(findings, _anchors("f", [f.signature_id for f in findings]), strict=True):
        inexact = sorted({e.time_quality for e in f.evidence if e.ts is not None and e.time_quality
                          is not TimeQuality.EXACT}, key=QUALITY_RANK.__getitem__)
        out.append(FindingView(anchor=anchor, f=f, first=_time(f.first_ts), last=_time(f.last_ts),
                               sources=", ".join(f.sources) or "facts", explanation=_paragraphs(f.explanation),
                               references=_links(f.references), evidence=_evidence(_capped(f.evidence), cap),
                               evidence_note=_evidence_note(f),
                               inexact=tuple(QUALITY_LABEL[q][0] for q in inexact)))
    return out


@dataclass(frozen=True, slots=True)
class FindingRef:
    id: str
    anchor: str | None
    severity: str | None
    title: str


@dataclass(frozen=True, slots=True)
class HypothesisView:
    anchor: str
    h: Hypothesis
    findings: tuple[FindingRef, ...]
    first: TimeView | None
    references: tuple[Link, ...]


def _hypotheses(hyps: tuple[Hypothesis, ...], views: list[FindingView]) -> list[HypothesisView]:
    by_id = {v.f.signature_id: v for v in views}
    ordered = sorted(hyps, key=lambda h: (h.rank, -h.score, h.id))
    out = []
    for h, anchor in zip(ordered, _anchors("h", [h.id for h in ordered]), strict=True):
        refs = []
        for fid in h.finding_ids:
            v = by_id.get(fid)
            refs.append(FindingRef(fid, v.anchor if v else None, v.f.severity if v else None, v.f.title if v else ""))
        out.append(HypothesisView(anchor=anchor, h=h, findings=tuple(refs), first=_time(h.first_ts),
                                  references=_links(h.references)))
    return out


# -------------------------------------------------------------------------------------------- timeline


@dataclass(frozen=True, slots=True)
class Tick:
    x: str
    t: str
    label: str
    date: str  # under the first tick and where the day (the year, for ticks a day or more apart) changes


@dataclass(frozen=True, slots=True)
class Dot:
    t: str
    x: str
    hollow: bool
    tip: str


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # lane | finding
    source: str
    y: str = "0"
    h: str = "0"
    label: str = ""
    tip: str = ""
    # lane: the source's extent; finding: its span
    t0: str = ""
    t1: str = ""
    x0: str = ""
    w: str = ""
    severity: str = ""
    anchor: str = ""
    count: str = ""  # the count label (only on the lane of the finding's first evidence)
    count_x: str = ""
    count_anchor: str = "start"
    point: bool = False  # a single occurrence: a mark, not a span
    dots: tuple[Dot, ...] = ()


@dataclass(frozen=True, slots=True)
class MarkerView:
    kind: str
    t: str
    x: str
    label: str
    shown: bool  # False: no room for the label at this zoom
    label_y: str
    anchor: str  # text-anchor of the label
    tip: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: str
    height: str
    plot_l: str
    plot_w: str
    head: str
    tick_y: str  # tick lines start here
    label_y: str  # tick labels
    date_y: str  # the date under a tick label
    ticks: tuple[Tick, ...]
    rows: tuple[Row, ...]
    markers: tuple[MarkerView, ...]
    sources: tuple[str, ...]
    marker_kinds: tuple[tuple[str, str], ...]  # (css kind, legend name)
    untimed: tuple[FindingView, ...]  # findings with no time (facts only)
    unplaced: tuple[FindingView, ...]  # findings with times but no timed source lane
    config: dict[str, object]


Scale = Callable[[float], float]


def _n(x: float) -> str:
    return f"{x:.1f}"


def _ticks(t0: float, t1: float) -> list[tuple[float, str, str]]:
    """Nice tick times in UTC and their labels; the page's script does the same in other zones."""
    span = t1 - t0
    step = next((s for s in TICK_STEPS if span / s <= MAX_TICKS), TICK_STEPS[-1])
    while span / step > MAX_TICKS:
        step *= 2
    out = []
    t = math.ceil(t0 / step) * step
    last_day = ""
    while t <= t1:
        dt = datetime.fromtimestamp(t, UTC)
        if step >= 86400:
            label = dt.strftime("%m-%d")
        elif step >= 60:
            label = dt.strftime("%H:%M")
        else:
            label = dt.strftime("%H:%M:%S")
        day = dt.strftime("%Y") if step >= 86400 else dt.strftime("%Y-%m-%d")
        out.append((float(t), label, day if day != last_day else ""))
        last_day = day
        t += step
    return out


def _marker_labels(xs: list[tuple[float, str]]) -> list[tuple[int | None, str]]:
    """Label row and text-anchor of each marker (in x order): the first row where the label does not
    overlap the previous one (None: no room, the label is left out and stays in the tooltip); a label
    that would run off the right edge ends at its line instead."""
    ends = [-math.inf] * MARK_ROWS
    out: list[tuple[int | None, str]] = []
    for x, label in xs:
        width = 6.0 * len(label) + 8
        start, end, anchor = (x, x + width, "start") if x + width <= WIDTH else (x - width, x, "end")
        row = next((r for r in range(MARK_ROWS) if ends[r] < start), None)
        if row is not None:
            ends[row] = end
        out.append((row, anchor))
    return out


def _markers(markers: tuple[Marker, ...]) -> list[Marker]:
    """In time order, at most MARKERS_PER_KIND of each kind (a crash-looping agent restarts thousands of times)."""
    kept: dict[str, int] = {}
    out = []
    for m in sorted(markers, key=lambda m: (_epoch(m.ts), m.kind, m.label, m.source)):
        kept[m.kind] = kept.get(m.kind, 0) + 1
        if kept[m.kind] <= MARKERS_PER_KIND:
            out.append(m)
    return out


def _short_labels(markers: list[Marker]) -> list[str]:
    """A marker's label; a repeat of the same kind is numbered ("#2") to keep the axis readable."""
    seen: dict[str, int] = {}
    out = []
    for m in markers:
        seen[m.kind] = seen.get(m.kind, 0) + 1
        out.append(m.label if seen[m.kind] == 1 else f"#{seen[m.kind]}")
    return out


def _span(times: list[datetime]) -> tuple[float, float] | None:
    return (_epoch(min(times)), _epoch(max(times))) if times else None


def _timeline(a: Analysis, views: list[FindingView]) -> Timeline | None:
    lanes = [s for s in a.sources if s.kind == "log" and s.first_ts is not None and s.last_ts is not None]
    member_source = {m.path: s.name for s in a.sources for m in s.members}
    times: list[datetime] = []
    for s in lanes:
        times += [t for t in (s.first_ts, s.last_ts) if t is not None]
    for v in views:
        times += [t for t in (v.f.first_ts, v.f.last_ts) if t is not None]
        times += [e.ts for e in v.f.evidence if e.ts is not None]
    times += [m.ts for m in a.markers]
    full = _span(times)
    if full is None:
        return None
    lo, hi = full
    pad = max((hi - lo) * 0.01, 1.0) if hi > lo else 30.0
    t0, t1 = lo - pad, hi + pad

    def x(t: float) -> float:
        return PLOT_L + (t - t0) / (t1 - t0) * (PLOT_R - PLOT_L)

    lane_names = {s.name for s in lanes}
    per_lane: dict[str, list[tuple[FindingView, bool]]] = {s.name: [] for s in lanes}
    untimed, unplaced = [], []
    for v in views:
        if v.f.first_ts is None or v.f.last_ts is None:
            untimed.append(v)
            continue
        placed = [name for name in v.f.sources if name in lane_names]
        if not placed:
            unplaced.append(v)
            continue
        # the count is written once, on the lane of the earliest evidence line (else the first lane)
        timed_ev = sorted((_epoch(e.ts), e.member, e.line) for e in v.f.evidence if e.ts is not None)
        first = member_source.get(timed_ev[0][1]) if timed_ev else None
        primary = first if first in placed else placed[0]
        for name in placed:
            per_lane[name].append((v, name == primary))

    rows: list[Row] = []
    y = HEAD
    for s in lanes:
        rows.append(_lane_row(s, x, y))
        y += LANE_H
        for v, counted in per_lane[s.name]:
            rows.append(_finding_row(v, s, member_source, x, y, counted))
            y += ROW_H
    height = y + FOOT

    markers = _markers(a.markers)
    short = _short_labels(markers)
    labels = _marker_labels([(x(_epoch(m.ts)), label) for m, label in zip(markers, short, strict=True)])
    marker_views = tuple(_marker(m, label, x, row, anchor)
                         for m, label, (row, anchor) in zip(markers, short, labels, strict=True))
    kinds = sorted({m.kind for m in markers}, key=lambda k: (MARKER_ORDER.get(k, 9), k))

    ticks = tuple(Tick(_n(x(t)), f"{t:.0f}", label, day) for t, label, day in _ticks(t0, t1))
    focus_span = _span([t for v in views for t in (v.f.first_ts, v.f.last_ts) if t is not None])
    focus: list[float] | None = None
    if focus_span is not None:
        f0, f1 = focus_span
        fpad = max((f1 - f0) * 0.05, 30.0)
        focus = [round(max(t0, f0 - fpad), 3), round(min(t1, f1 + fpad), 3)]
    config: dict[str, object] = {
        "t0": round(t0, 3), "t1": round(t1, 3), "focus": focus, "width": WIDTH,
        "plot": [PLOT_L, PLOT_R], "head": HEAD, "foot": FOOT,
        "markRows": MARK_ROWS, "markRowH": MARK_ROW_H, "steps": list(TICK_STEPS), "maxTicks": MAX_TICKS,
    }
    return Timeline(width=_n(WIDTH), height=_n(height), plot_l=_n(PLOT_L), plot_w=_n(PLOT_R - PLOT_L),
                    head=_n(HEAD), tick_y=_n(HEAD - 2), label_y=_n(HEAD - 16), date_y=_n(HEAD - 5),
                    ticks=ticks, rows=tuple(rows), markers=marker_views, sources=tuple(s.name for s in lanes),
                    marker_kinds=tuple((_SLUG.sub("-", k), MARKER_NAMES.get(k, k.replace("_", " "))) for k in kinds),
                    untimed=tuple(untimed), unplaced=tuple(unplaced), config=config)


def _lane_row(s: SourceSummary, x: Scale, y: float) -> Row:
    if s.first_ts is None or s.last_ts is None:
        raise ValueError(f"lane {s.name} has no time range")
    a, b = _epoch(s.first_ts), _epoch(s.last_ts)
    x0, x1 = x(a), x(b)
    quality = "" if s.time_quality is TimeQuality.EXACT else f"; times {QUALITY_LABEL[s.time_quality][0]}"
    tip = (f"{s.name}: {s.description}. {s.lines:,} lines in {len(s.members)} file(s), "
           f"{_fmt(s.first_ts, False)} .. {_fmt(s.last_ts, False)}{quality}")
    return Row(kind="lane", source=s.name, y=_n(y), h=_n(LANE_H), label=s.name, tip=tip, t0=f"{a:.3f}",
               t1=f"{b:.3f}", x0=_n(x0), w=_n(max(x1 - x0, 1.0)))


def _finding_row(v: FindingView, s: SourceSummary, member_source: dict[str, str], x: Scale, y: float,
                 primary: bool) -> Row:
    f = v.f
    if f.first_ts is None or f.last_ts is None or s.first_ts is None or s.last_ts is None:
        raise ValueError(f"finding {f.signature_id} or lane {s.name} has no time range")
    # The finding's span clipped to this source's time range: the model keeps first/last per finding only.
    a = max(_epoch(f.first_ts), _epoch(s.first_ts))
    b = min(_epoch(f.last_ts), _epoch(s.last_ts))
    if a > b:
        a, b = _epoch(f.first_ts), _epoch(f.last_ts)
    dots = []
    for e in f.evidence:
        if e.ts is None or member_source.get(e.member) != s.name:
            continue
        q = _quality(e.time_quality)
        tip = f"{e.member}:{e.line} at {_fmt(e.ts)}" + (f" ({q[0]})" if q else "")
        dots.append(Dot(t=f"{_epoch(e.ts):.3f}", x=_n(x(_epoch(e.ts))), hollow=q is not None, tip=tip))
    x0, x1 = x(a), x(b)
    point = f.count <= 1
    count = f"{f.count:,}×" if primary and not point else ""
    # the label goes right of the span, or left of it when the span ends near the right edge (as in the script)
    if min(x1, PLOT_R) + 7 * len(count) + 8 <= PLOT_R + 20:
        count_x, count_anchor = max(x1, PLOT_L) + 4, "start"
    else:
        count_x, count_anchor = max(x0, PLOT_L) - 4, "end"
    span = f"{_fmt(f.first_ts, False)} .. {_fmt(f.last_ts, False)}"
    where = f"in {', '.join(f.sources)}" if len(f.sources) > 1 else f"in {s.name}"
    clipped = f"; the bar is clipped to {s.name}'s time range" if len(f.sources) > 1 else ""
    tip = f"{f.severity} · {f.signature_id}: {f.title}. {_plural(f.count, 'line')} {where}, {span}{clipped}"
    return Row(kind="finding", source=s.name, y=_n(y), h=_n(ROW_H), label=f.signature_id, tip=tip, t0=f"{a:.3f}",
               t1=f"{b:.3f}", x0=_n(x0), w=_n(max(x1 - x0, 2.0)), severity=f.severity, anchor=v.anchor,
               count=count, count_x=_n(count_x), count_anchor=count_anchor, point=point, dots=tuple(dots))


def _marker(m: Marker, label: str, x: Scale, row: int | None, anchor: str) -> MarkerView:
    t = _epoch(m.ts)
    y = 10 + (row if row is not None else 0) * MARK_ROW_H
    return MarkerView(kind=_SLUG.sub("-", m.kind), t=f"{t:.3f}", x=_n(x(t)), label=label, shown=row is not None,
                      label_y=_n(y), anchor=anchor, tip=f"{m.label}: {_fmt(m.ts)} (from {m.source})")


# ------------------------------------------------------------------------------------------------ page


def _json_for_html(value: object) -> Markup:
    """JSON that can sit inside <script type="application/json">: no <, >, & (so no </script>)."""
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return Markup(text)  # noqa: S704 - escaped above: the text holds no <, > or &


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _asset(name: str, closing: str) -> str:
    text = (data_path("templates") / name).read_text(encoding="utf-8")
    if closing in text.lower():
        raise ValueError(f"{name} must not contain {closing}")
    return text


def _verdict(a: Analysis, hyps: list[HypothesisView], views: list[FindingView]) -> dict[str, object]:
    if hyps:
        top = hyps[0]
        return {"kind": "hypothesis", "hyp": top, "step": top.h.remediation[0] if top.h.remediation else None}
    if views:
        worst = min(views, key=lambda v: (SEVERITIES.index(v.f.severity) if v.f.severity in SEVERITIES else 9,
                                          -v.f.count))
        return {"kind": "finding", "finding": worst, "step": worst.f.remediation[0] if worst.f.remediation else None}
    return {"kind": "healthy", "step": None}


def render_html(analysis: Analysis) -> str:
    """The report as one self-contained HTML document (same analysis, same bytes)."""
    a = analysis
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(data_path("templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, finalize=_finalize, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["num"] = lambda n: f"{n:,}"
    env.filters["clip"] = lambda text: _clip(str(text), TEXT_CAP)
    env.filters["fact"] = lambda v: _clip(("true" if v else "false") if isinstance(v, bool) else str(v), FACT_CAP)
    env.filters["fclip"] = lambda text: _clip(str(text), FACT_CAP)
    css = _asset("report.css", "</style")
    js = _asset("report.js", "</script")
    views = _findings(a.findings)
    hyps = _hypotheses(a.hypotheses, views)
    timeline = _timeline(a, views)
    by_source = {s.name: s for s in a.sources}
    gaps = sorted((c for c in a.coverage if c.status != "present"), key=lambda c: STATUS_ORDER.get(c.status, 0))
    present = [c for c in a.coverage if c.status == "present"]
    snapshots = [c for c in present if c.source in by_source and by_source[c.source].kind == "snapshot"]
    logs = [c for c in present if c not in snapshots]
    csp = ("default-src 'none'; " f"script-src '{_sha256(js)}'; style-src '{_sha256(css)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
           "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")
    b = a.bundle
    ident = b.instance_id or b.node_name or b.file_name
    page_data = {
        "zone": {"offset": a.clock.zone_offset_minutes, "label": _zone(a.clock.zone_offset_minutes)},
        "timeline": timeline.config if timeline else None,
    }
    counts = {sev: sum(1 for f in a.findings if f.severity == sev) for sev in SEVERITIES}
    template = env.get_template("report.html.j2")
    html = template.render(
        a=a, b=b, clock=a.clock, ident=ident, captured=_time(b.capture_time or a.clock.capture_time),
        boot=_time(a.clock.boot_time), zone=_zone(a.clock.zone_offset_minutes), csp=csp, css=Markup(css),  # noqa: S704
        js=Markup(js), data=_json_for_html(page_data), verdict=_verdict(a, hyps, views), hyps=hyps,  # noqa: S704
        findings=views, timeline=timeline, gaps=gaps, logs=logs, snapshots=snapshots, by_source=by_source,
        severities=SEVERITIES, counts=counts, present=len(present),
        facts=a.facts[:FACTS_MAX], facts_more=max(0, len(a.facts) - FACTS_MAX), node=node_parts(a.facts),
        warnings=a.warnings[:WARNINGS_MAX], warnings_more=max(0, len(a.warnings) - WARNINGS_MAX),
        time=_time, fmt_size=_size, quality=_quality,
    )
    return html


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{n} B"

