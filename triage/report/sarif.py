"""The SARIF 2.1.0 log: one run, one rule per signature that fired, one result per finding.

For code-scanning style consumers (style guide §3, "SARIF 2.1.0 conventions"). Locations are member
paths *inside* the bundle, relative to the uri base id ``BUNDLE`` (described by the bundle's file
name, since the archive has no URI a viewer could open). The ranked-hypothesis view belongs in the
JSON and HTML reports; here hypotheses only appear as ids and ranks in property bags.

Output is deterministic: rules sorted by id, results in the analysis' finding order, keys in a fixed
insertion order, UTC times with ``Z`` written exactly as the JSON report writes them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import quote

import orjson

from triage.model import Analysis, Evidence, Finding

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
URI_BASE_ID = "BUNDLE"
FINGERPRINT_KEY = "triageFinding/v1"

#: Our severities onto SARIF ``level`` (none / note / warning / error).
LEVELS = {"critical": "error", "error": "error", "warning": "warning", "info": "note"}

Json = dict[str, object]


def render_sarif(analysis: Analysis) -> str:
    rules, index = _rules(analysis.findings)
    run: Json = {
        "tool": {"driver": {
            "name": analysis.tool.name,
            "version": analysis.tool.version,
            "rules": rules,
        }},
        "invocations": [_invocation(analysis)],
        "originalUriBaseIds": {URI_BASE_ID: {"description": {"text": analysis.bundle.file_name}}},
        "results": [_result(analysis, f, index[f.signature_id]) for f in analysis.findings],
        "properties": _run_properties(analysis),
    }
    log: Json = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return orjson.dumps(log, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()


def rule_name(signature_id: str) -> str:
    """``ipamd_not_starting`` -> ``IpamdNotStarting`` (SARIF ``reportingDescriptor.name``)."""
    return "".join(part[:1].upper() + part[1:] for part in signature_id.replace("-", "_").split("_") if part)


def fingerprint(analysis: Analysis, finding: Finding) -> str:
    """sha256 of signature id, node identity and first evidence member: the same failure on the same node
    gets the same fingerprint in every run (GitHub de-duplicates alerts with it). The member is the first
    non-empty one (a fact about the whole bundle has none); the identity falls back to the node name, then
    the file name, when the bundle does not tell the instance id."""
    bundle = analysis.bundle
    identity = bundle.instance_id or bundle.node_name or bundle.file_name
    member = next((e.member for e in finding.evidence if e.member), "")
    return hashlib.sha256("\n".join((finding.signature_id, identity, member)).encode()).hexdigest()


def _ts(value: datetime | None) -> str | None:
    """The JSON report's spelling of a time (orjson ``OPT_UTC_Z``), so both formats agree."""
    if value is None:
        return None
    return str(orjson.loads(orjson.dumps(value, option=orjson.OPT_UTC_Z)))


def _flow(text: str) -> str:
    """Undo the hard wrapping of signature TOML text; blank lines stay paragraph breaks."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


def _rules(findings: tuple[Finding, ...]) -> tuple[list[Json], dict[str, int]]:
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.signature_id, f)
    rules: list[Json] = []
    index: dict[str, int] = {}
    for sig_id in sorted(first):
        f = first[sig_id]
        rule: Json = {"id": sig_id, "name": rule_name(sig_id), "shortDescription": {"text": f.title}}
        if f.explanation:
            rule["fullDescription"] = {"text": _flow(f.explanation)}
        if f.remediation:
            rule["help"] = {"text": "\n".join(f.remediation)}
        links = [r for r in f.references if r.startswith(("https://", "http://"))]
        if links:
            rule["helpUri"] = links[0]
        rule["defaultConfiguration"] = {"level": LEVELS.get(f.severity, "warning")}
        rule["properties"] = {"category": f.category, "severity": f.severity}
        index[sig_id] = len(rules)
        rules.append(rule)
    return rules, index


def _message(f: Finding) -> str:
    first, last = _ts(f.first_ts), _ts(f.last_ts)
    text = f"{f.title}: {f.count} {'occurrence' if f.count == 1 else 'occurrences'}"
    if first is not None and last is not None and first != last:
        text += f", first {first}, last {last}"
    elif first is not None:
        text += f", at {first}"
    return text + "."


def _uri(member: str) -> str:
    """A member path as a relative URI reference (percent-encoded; ``:`` too, so it never reads as a scheme)."""
    return quote(member.lstrip("/"), safe="/")


def _location(e: Evidence) -> Json:
    """A log line: uri and line. A fact about a whole file (line 0): the uri only. A fact with no file
    (member ""): the fact as message text only."""
    loc: Json = {}
    if e.member:
        physical: Json = {"artifactLocation": {"uri": _uri(e.member), "uriBaseId": URI_BASE_ID}}
        if e.line > 0:
            physical["region"] = {"startLine": e.line}
        loc["physicalLocation"] = physical
    loc["message"] = {"text": e.text}
    return loc


def _primary(evidence: tuple[Evidence, ...]) -> int | None:
    """Index of the evidence that becomes ``locations[0]``: the first with a line, else the first with a file."""
    for want in (lambda e: bool(e.member) and e.line > 0, lambda e: bool(e.member)):
        for i, e in enumerate(evidence):
            if want(e):
                return i
    return None


def _result(analysis: Analysis, f: Finding, rule_index: int) -> Json:
    primary = _primary(f.evidence)
    result: Json = {
        "ruleId": f.signature_id,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": _message(f)},
        "locations": [_location(f.evidence[primary])] if primary is not None else [],
    }
    related = [_location(e) for i, e in enumerate(f.evidence) if i != primary]
    if related:
        result["relatedLocations"] = [{"id": n, **loc} for n, loc in enumerate(related, start=1)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(analysis, f)}
    cited = sorted((h.rank, h.id) for h in analysis.hypotheses if f.signature_id in h.finding_ids)
    result["properties"] = {
        "count": f.count,
        "first_ts": _ts(f.first_ts),
        "last_ts": _ts(f.last_ts),
        "severity": f.severity,
        "sources": list(f.sources),
        "hypotheses": [{"id": hid, "rank": rank} for rank, hid in cited],
    }
    return result


def _invocation(analysis: Analysis) -> Json:
    """Input warnings (members skipped, cut, untrustworthy) as tool execution notifications."""
    notes: list[Json] = []
    for issue in analysis.warnings:
        note: Json = {"level": "warning", "message": {"text": issue.message}, "properties": {"code": issue.code}}
        if issue.member:
            note["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": _uri(issue.member),
                                                                            "uriBaseId": URI_BASE_ID}}}]
        notes.append(note)
    invocation: Json = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _run_properties(analysis: Analysis) -> Json:
    b = analysis.bundle
    return {
        "schema_version": analysis.schema_version,
        "bundle": {
            "file_name": b.file_name,
            "instance_id": b.instance_id,
            "node_name": b.node_name,
            "collector_version": b.collector_version,
            "producer": b.layout.producer,
        },
        "capture_time": _ts(b.capture_time),
        "signatures": analysis.tool.signatures,
        "signatures_digest": analysis.tool.signatures_digest,
        "hypotheses": [{"id": h.id, "rank": h.rank, "score": h.score, "confidence": h.confidence}
                       for h in sorted(analysis.hypotheses, key=lambda h: (h.rank, h.id))],
        "ruled_out": sorted(r.id for r in analysis.ruled_out),
    }
