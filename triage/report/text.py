"""The terminal summary: identity, layout, clock, sources with their time ranges, coverage, warnings."""

from __future__ import annotations

from datetime import datetime

from triage.console import Style
from triage.formats.base import TimeQuality
from triage.model import Analysis, Coverage, Finding, SourceSummary
from triage.report.node import node_parts

_STATUS_STYLE = {
    "present": ("green",),
    "missing": ("red",),
    "empty": ("yellow",),
    "no_entries": ("yellow",),
    "timed_out": ("yellow",),
    "truncated_front": ("yellow",),
}
MAX_WARNINGS = 20


def _ts(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else "-"


def _zone(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return f"{n} B"


def render_text(a: Analysis, style: Style) -> str:
    b, c, lay = a.bundle, a.clock, a.bundle.layout
    out: list[str] = [style(f"triage {a.tool.version}", "bold") + f" · {b.file_name}", ""]
    ident = b.instance_id or b.node_name or "unknown instance"
    ident_from = f" ({b.instance_id_from})" if b.instance_id_from else ""
    version = f"collector {b.collector_version}" if b.collector_version else "collector version not in name"
    wrapper = f" · wrapper dir {lay.wrapper}/ stripped" if lay.wrapper else ""
    out.append(f"{style('Bundle  ', 'bold')} {ident}{ident_from} · {version} · {lay.producer} {lay.era} · "
               f"{lay.os_family.upper()} · {lay.container}{wrapper}")
    parts = node_parts(a.facts)
    if parts:
        out.append(f"{style('Node    ', 'bold')} " + " · ".join(
            f"{p.label} {p.value}" + (style(f" (! {p.note})", "yellow") if p.warn else "") for p in parts))
    out.append(f"{style('Layout  ', 'bold')} " + ("; ".join(lay.evidence) or "no distinctive files"))
    captured = f"{_ts(c.capture_time)} ({c.capture_time_from})" if c.capture_time else "unknown"
    zone = _zone(c.zone_offset_minutes) + (f" ({c.zone_from})" if c.zone_from else " (assumed)")
    out.append(f"{style('Captured', 'bold')} {captured}")
    out.append(f"{style('Zone    ', 'bold')} {zone}")
    if c.boot_time:
        out.append(f"{style('Booted  ', 'bold')} {_ts(c.boot_time)} ({c.boot_time_from})")
    out.append(f"{style('Read    ', 'bold')} {b.members} files, {_size(b.bytes_read)} decompressed, "
               f"{b.skipped_members} skipped, {a.unmatched_members} not in the source catalog")
    out[2:2] = [*_verdict(a, style), ""]
    out += ["", *_findings(a.findings, style)]
    out += ["", *_sources(a.sources, style), "", *_coverage(a.coverage, style)]
    if c.skews:
        out += ["", style("Clock", "bold")]
        out += [f"  {s.between:<28} {s.seconds:+.3f} s  {s.evidence}" for s in c.skews]
    if a.warnings:
        out += ["", style(f"Warnings ({len(a.warnings)})", "bold")]
        out += [f"  {style('!', 'yellow')} {w.message}" for w in a.warnings[:MAX_WARNINGS]]
        if len(a.warnings) > MAX_WARNINGS:
            out.append(f"  ... {len(a.warnings) - MAX_WARNINGS} more (see --format json)")
    return "\n".join(out) + "\n"


def _verdict(a: Analysis, style: Style) -> list[str]:
    if not a.hypotheses:
        what = "no known failure signature fired" if not a.findings else \
            f"{len(a.findings)} finding(s), none of which a known root cause explains"
        return [style("Verdict ", "bold") + f" no root cause identified: {what}"]
    top = a.hypotheses[0]
    colour = {"high": ("bold", "red"), "medium": ("bold", "yellow"), "low": ("bold",)}[top.confidence]
    out = [style("Verdict ", "bold") + " " + style(top.title, *colour) + f"  ({top.confidence} confidence, "
           f"score {top.score:.0f})",
           f"{'':9} {top.why}",
           f"{'':9} Evidence: {', '.join(top.finding_ids)}"]
    if top.coverage_gaps:
        out.append(f"{'':9} Gaps: {'; '.join(top.coverage_gaps)}")
    if top.remediation:
        out.append(f"{'':9} First step: {top.remediation[0]}")
    for h in a.hypotheses[1:]:
        out.append(f"{'':9} #{h.rank} {h.title} ({h.confidence}, score {h.score:.0f})")
    for r in a.ruled_out:
        out.append(f"{'':9} ruled out: {r.title}: {r.reason}")
    return out


_SEVERITY_STYLE = {"critical": ("bold", "red"), "error": ("red",), "warning": ("yellow",), "info": ("cyan",)}


def _findings(findings: tuple[Finding, ...], style: Style) -> list[str]:
    if not findings:
        return [style("Findings", "bold") + "  none: no known failure signature fired"]
    out = [style(f"Findings ({len(findings)})", "bold")]
    for f in findings:
        span = _ts(f.first_ts) if f.first_ts == f.last_ts else f"{_ts(f.first_ts)} .. {_ts(f.last_ts)}"
        out.append(f"  {style(f'{f.severity:<9}', *_SEVERITY_STYLE[f.severity])}{f.signature_id:<36}"
                   f"{f.count:>7}x  {span}")
        out.append(f"  {'':<9}{style(f.title, 'dim')}  [{', '.join(f.sources) or 'facts'}]")
        if f.evidence:
            e = f.evidence[0]
            where = f"{e.member}:{e.line}" if e.line else e.member
            out.append(f"  {'':<9}{where}: {_clip(e.text)}")
    return out


def _clip(text: str, width: int = 140) -> str:
    text = text.replace("\t", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _sources(sources: tuple[SourceSummary, ...], style: Style) -> list[str]:
    logs = [s for s in sources if s.kind == "log"]
    snaps = [s for s in sources if s.kind == "snapshot"]
    out = [style(f"{'Log sources':<32}{'files':>6}{'lines':>11}  {'first (UTC)':<21}{'last (UTC)':<21}time", "bold")]
    for s in logs:
        quality = s.time_quality.value
        if s.time_quality not in (TimeQuality.EXACT, TimeQuality.NONE):
            quality = style(quality, "yellow")
        out.append(f"  {s.name:<30}{len(s.members):>6}{s.lines:>11,}  {_ts(s.first_ts):<21}{_ts(s.last_ts):<21}"
                   f"{quality}")
    if snaps:
        names = ", ".join(s.name for s in snaps)
        out.append(f"  {len(snaps)} snapshot sources ({sum(len(s.members) for s in snaps)} files): {names}")
    return out


def _coverage(coverage: tuple[Coverage, ...], style: Style) -> list[str]:
    notable = [c for c in coverage if c.status != "present"]
    head = style("Coverage", "bold") + f"  {len(coverage) - len(notable)} expected sources present"
    if not notable:
        return [head]
    return [head] + [f"  {style(f'{c.status:<16}', *_STATUS_STYLE.get(c.status, ()))}{c.source:<30}{c.detail}"
                     for c in notable]
