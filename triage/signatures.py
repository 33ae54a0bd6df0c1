"""Signatures: data files (``signatures/<id>.toml``) that name a failure and how to see it.

A signature has one or more RE2 patterns, each bound to logical sources and carrying inline
examples (lines that must match, near misses that must not), an optional ``when`` condition in
the condition language (``triage.dsl``), and the words a support engineer needs: title,
explanation, remediation, references, the versions a message applies to. Signatures that read
snapshot files instead of log lines use ``fact.*`` in ``when`` and carry whole-file ``cases``.

Loading collects every problem in one pass (``LintIssue`` with ``file:line:col``) instead of
stopping at the first one. Later directories override earlier ones by id.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re2

from triage.dsl import Condition, ConditionSyntaxError, facts_in, names_in, parse_condition, signatures_in
from triage.facts import FACT_NAMES
from triage.resources import data_path
from triage.sources import Catalog, load_catalog

SEVERITIES = ("info", "warning", "error", "critical")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"id", "title", "severity", "category", "sources", "explanation", "remediation", "references", "when",
             "patterns", "cases", "marker", "facts_only"}
#: Kinds of timeline marker a signature may place instead of reporting a finding.
MARKER_KINDS = ("kubelet_start", "aws_node_start", "node_ready")
_PATTERN_KEYS = {"name", "regex", "sources", "versions", "evidence", "match", "no_match", "facts"}
_CASE_KEYS = {"name", "fires", "lines", "files"}


@dataclass(frozen=True, slots=True)
class LintIssue:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class Example:
    """One log line as it appears in a member of ``source``."""

    source: str
    line: str


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: str
    sources: tuple[str, ...]
    versions: str
    evidence: bool  # hits count towards the finding and are shown; False for helper markers
    match: tuple[Example, ...]
    no_match: tuple[Example, ...]
    facts: tuple[tuple[str, str], ...] = ()  # (fact name, named group): the newest value becomes the fact


@dataclass(frozen=True, slots=True)
class Case:
    """A small scenario: lines per source and whole snapshot files, and whether the signature fires."""

    name: str
    fires: bool
    lines: tuple[Example, ...]
    files: tuple[tuple[str, str], ...]  # (member path, content)


@dataclass(frozen=True, slots=True)
class Signature:
    id: str
    title: str
    severity: str
    category: str
    explanation: str
    remediation: tuple[str, ...]
    references: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    when: Condition | None
    when_text: str
    cases: tuple[Case, ...]
    path: str
    marker: str | None = None  # a marker signature places timeline markers instead of reporting a finding
    facts_only: bool = False  # only reads facts out of log lines (pattern ``facts``); never a finding

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for p in self.patterns for s in p.sources))

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(facts_in(self.when)) if self.when is not None else frozenset()


@dataclass(slots=True)
class Library:
    signatures: dict[str, Signature] = field(default_factory=dict)
    issues: list[LintIssue] = field(default_factory=list)

    def ordered(self) -> list[Signature]:
        return [self.signatures[k] for k in sorted(self.signatures)]


def builtin_dir() -> Path:
    return data_path("signatures")


def load_library(extra_dirs: Sequence[Path] = (), catalog: Catalog | None = None) -> Library:
    """Every signature of the built-in library and ``extra_dirs`` (later ones override by id)."""
    catalog = catalog or load_catalog()
    library = Library()
    for directory in (builtin_dir(), *extra_dirs):
        if not directory.is_dir():
            library.issues.append(LintIssue(str(directory), 0, 0, "not a directory"))
            continue
        seen: dict[str, str] = {}
        for path in sorted(directory.glob("*.toml")):
            if path.name == "sources.toml":
                continue
            sig = _load_file(path, catalog, library.issues)
            if sig is None:
                continue
            if sig.id in seen:
                library.issues.append(LintIssue(str(path), 1, 1, f"duplicate id {sig.id!r} (also in {seen[sig.id]})"))
                continue
            seen[sig.id] = str(path)
            library.signatures[sig.id] = sig
    _check_references(library)
    return library


def _check_references(library: Library) -> None:
    for sig in library.signatures.values():
        if sig.when is None:
            continue
        for ref in sorted(signatures_in(sig.when) - set(library.signatures)):
            library.issues.append(LintIssue(sig.path, 1, 1, f"sig({ref}) names no signature"))


class _Collector:
    """Problems of one file, each with the line of the key it concerns."""

    def __init__(self, path: Path, text: str, issues: list[LintIssue]) -> None:
        self.path = str(path)
        self.lines = text.splitlines()
        self.issues = issues
        self.count = 0

    def line_of(self, needle: str, start: int = 0) -> int:
        for i, line in enumerate(self.lines[start:], start + 1):
            if needle in line:
                return i
        return 1

    def add(self, message: str, needle: str = "", column: int = 1) -> None:
        self.count += 1
        self.issues.append(LintIssue(self.path, self.line_of(needle) if needle else 1, column, message))


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _examples(raw: Any, default_source: str, where: str, col: _Collector, catalog: Catalog) -> tuple[Example, ...]:
    out: list[Example] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str):
            out.append(Example(default_source, item))
        elif isinstance(item, dict) and isinstance(item.get("line"), str):
            source = str(item.get("source", default_source))
            if source not in catalog.names:
                col.add(f"{where}: example names unknown source {source!r}", f'"{source}"')
            out.append(Example(source, item["line"]))
        else:
            col.add(f"{where}: an example is a string or {{source = ..., line = ...}}", where)
    return tuple(out)


def _pattern(raw: Any, index: int, top_sources: tuple[str, ...], col: _Collector, catalog: Catalog,
             needs_examples: bool) -> Pattern | None:
    where = f"patterns[{index}]"
    if not isinstance(raw, dict):
        col.add(f"{where} must be a table")
        return None
    for key in sorted(set(raw) - _PATTERN_KEYS):
        col.add(f"{where}: unknown key {key!r}", key)
    name, regex = raw.get("name"), raw.get("regex")
    if not isinstance(name, str) or not _ID.match(name):
        col.add(f"{where}: 'name' must be a lower_case identifier", "name")
        return None
    if not isinstance(regex, str) or not regex:
        col.add(f"pattern {name}: 'regex' is required", f'"{name}"')
        return None
    groups: set[str] = set()
    try:
        groups = {str(g) for g in re2.compile(regex).groupindex}
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        col.add(f"pattern {name}: RE2 cannot compile the regex: {reason}", "regex")
    else:
        if re2.fullmatch(regex.encode(), b""):
            col.add(f"pattern {name}: the regex matches an empty line", "regex")
    sources = _strings(raw.get("sources", list(top_sources))) or ()
    if not sources:
        col.add(f"pattern {name}: no sources (set 'sources' on the signature or the pattern)", f'"{name}"')
    for s in sources:
        if s not in catalog.names:
            col.add(f"pattern {name}: unknown source {s!r}", f'"{s}"')
    first = sources[0] if sources else ""
    match = _examples(raw.get("match"), first, f"pattern {name}", col, catalog)
    no_match = _examples(raw.get("no_match"), first, f"pattern {name}", col, catalog)
    if needs_examples and not match:
        col.add(f"pattern {name}: needs at least one positive example ('match')", f'"{name}"')
    if needs_examples and not no_match:
        col.add(f"pattern {name}: needs at least one near-miss negative example ('no_match')", f'"{name}"')
    facts_raw = raw.get("facts", {})
    facts: list[tuple[str, str]] = []
    for fact, group in facts_raw.items() if isinstance(facts_raw, dict) else ():
        if group not in groups:
            col.add(f"pattern {name}: fact {fact!r} names group {group!r}, which the regex does not have", "facts")
        elif fact not in FACT_NAMES:
            col.add(f"pattern {name}: {fact!r} is not a known fact name", "facts")
        else:
            facts.append((str(fact), str(group)))
    return Pattern(name, regex, sources, str(raw.get("versions", "")), bool(raw.get("evidence", True)), match,
                   no_match, tuple(facts))


def _cases(raw: Any, col: _Collector, catalog: Catalog) -> tuple[Case, ...]:
    out: list[Case] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("fires"), bool):
            col.add(f"cases[{i}]: needs 'fires = true|false'", "[[cases]]")
            continue
        for key in sorted(set(item) - _CASE_KEYS):
            col.add(f"cases[{i}]: unknown key {key!r}", key)
        lines = _examples(item.get("lines", []), "", f"cases[{i}]", col, catalog)
        if any(not e.source for e in lines):
            col.add(f"cases[{i}]: every line needs a source", "[[cases]]")
        files = item.get("files", {})
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            col.add(f"cases[{i}]: 'files' maps member paths to their content", "files")
            files = {}
        out.append(Case(str(item.get("name", f"case {i + 1}")), item["fires"], lines,
                        tuple(sorted((str(k), v) for k, v in files.items()))))
    return tuple(out)


def _load_file(path: Path, catalog: Catalog, issues: list[LintIssue]) -> Signature | None:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        issues.append(LintIssue(str(path), 0, 0, f"cannot read: {exc}"))
        return None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        issues.append(LintIssue(str(path), line, column, f"not valid TOML: {str(exc).split(' (at line')[0]}"))
        return None
    col = _Collector(path, text, issues)
    for key in sorted(set(data) - _TOP_KEYS):
        col.add(f"unknown key {key!r}", key)
    sig_id = data.get("id")
    if not isinstance(sig_id, str) or not _ID.match(sig_id):
        col.add("'id' must be a lower_case identifier", "id")
        return None
    if sig_id != path.stem:
        col.add(f"id {sig_id!r} does not match the file name {path.name!r}", "id")
    for key in ("title", "explanation"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            col.add(f"'{key}' is required", key)
    severity = data.get("severity")
    if severity not in SEVERITIES:
        col.add(f"'severity' must be one of {', '.join(SEVERITIES)}", "severity")
    remediation = _strings(data.get("remediation"))
    references = _strings(data.get("references", []))
    if not remediation:
        col.add("'remediation' is required (a string or a list of steps)", "remediation")
    if references is None:
        col.add("'references' must be a list of URLs", "references")
    top_sources = _strings(data.get("sources", [])) or ()
    cases = _cases(data.get("cases", []), col, catalog)
    when_text = data.get("when", "")
    when = _condition(when_text, col) if isinstance(when_text, str) and when_text.strip() else None
    raw_patterns = data.get("patterns", [])
    if not isinstance(raw_patterns, list):
        col.add("'patterns' must be an array of tables ([[patterns]])", "patterns")
        raw_patterns = []
    patterns = [p for i, raw in enumerate(raw_patterns)
                if (p := _pattern(raw, i, top_sources, col, catalog, needs_examples=True)) is not None]
    names = [p.name for p in patterns]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        col.add(f"pattern name {dup!r} is used twice", f'"{dup}"')
    if not patterns and when is None:
        col.add("a signature needs patterns or a 'when' condition over facts")
    if when is not None:
        for unknown in sorted(names_in(when) - set(names)):
            col.add(f"'when' names pattern {unknown!r}, which this signature does not define", "when")
        for fact in sorted(f for f in facts_in(when) if f not in FACT_NAMES):
            col.add(f"'when' names unknown fact {fact!r}", "when")
    if not patterns and not cases:
        col.add("a fact-only signature needs 'cases' (one that fires and one that does not)", "when")
    if cases and {c.fires for c in cases} != {True, False}:
        col.add("'cases' need at least one that fires and one that does not", "[[cases]]")
    marker = data.get("marker")
    if marker is not None and marker not in MARKER_KINDS:
        col.add(f"'marker' must be one of {', '.join(MARKER_KINDS)}", "marker")
    if col.count:
        return None
    assert isinstance(severity, str)
    assert remediation is not None
    assert references is not None
    return Signature(
        id=sig_id, title=data["title"].strip(), severity=severity, category=str(data.get("category", "other")),
        explanation=data["explanation"].strip(), remediation=remediation, references=references,
        patterns=tuple(patterns), when=when, when_text=when_text.strip() if isinstance(when_text, str) else "",
        cases=cases, path=str(path), marker=marker, facts_only=bool(data.get("facts_only", False)),
    )


def _condition(text: str, col: _Collector) -> Condition | None:
    try:
        return parse_condition(text.strip())
    except ConditionSyntaxError as exc:
        line = col.line_of("when")
        raw = col.lines[line - 1] if col.lines else ""
        start = raw.find(text.strip()[:20]) if "when" in raw else -1
        column = (start if start >= 0 else raw.find("=") + 2) + exc.column
        col.issues.append(LintIssue(col.path, line, column, str(exc)))
        col.count += 1
        return None


def example_path(source: str, catalog: Catalog | None = None) -> str:
    """A member path that the source's first glob matches (for examples and cases)."""
    glob = (catalog or load_catalog()).get(source).paths[0]
    return glob.replace("**", "x").replace("*", "x").replace("?", "x")


def severity_at_least(severity: str, floor: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor]


def by_source(signatures: Iterable[Signature]) -> dict[str, list[tuple[Signature, Pattern]]]:
    out: dict[str, list[tuple[Signature, Pattern]]] = {}
    for sig in signatures:
        for pattern in sig.patterns:
            for source in pattern.sources:
                out.setdefault(source, []).append((sig, pattern))
    return out
