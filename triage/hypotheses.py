"""Root-cause hypotheses: data files (``signatures/hypotheses/<id>.toml``) ranked over the findings.

A hypothesis names the condition under which it holds (``requires``, in the condition language, over
``sig(...)`` and ``fact.*``), what would rule it out (``excludes``), and its evidence: findings and
facts, each with a weight and a role (``cause``, ``symptom`` or ``context``). Its score is

    80 x (weight of the evidence present / weight of all its evidence)
  + 20 x (severity of its strongest finding: critical 1, error 0.7, warning 0.4, info 0.1)
  + 5 when its earliest cause precedes its earliest symptom (within a minute counts), - 10 when it follows

and ties break on the earlier cause, then the id. Confidence starts from the score (high >= 70,
medium >= 45) and drops a level for each coverage gap: expected evidence that is absent while the
sources that would show it are missing, empty or cut. A hypothesis whose evidence is partly there but
whose ``requires`` fails (or ``excludes`` holds) is reported as ruled out, with the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from triage.dsl import Condition, ConditionSyntaxError, evaluate, parse_condition, signatures_in
from triage.errors import CatalogError
from triage.model import Coverage, Fact, Finding, Hypothesis, RuledOut, effective
from triage.signatures import Library, LintIssue, builtin_dir

ROLES = ("cause", "symptom", "context")
SEVERITY_WEIGHT = {"critical": 1.0, "error": 0.7, "warning": 0.4, "info": 0.1}
TOGETHER = timedelta(minutes=1)  # a cause this close after the first symptom still counts as first
GAP_STATUSES = frozenset({"missing", "empty", "no_entries", "timed_out", "truncated_front"})
_KEYS = {"id", "title", "summary", "requires", "excludes", "excludes_says", "remediation", "references", "evidence"}
_EVIDENCE_KEYS = {"signature", "when", "weight", "role", "says"}


@dataclass(frozen=True, slots=True)
class EvidenceSpec:
    says: str
    weight: float
    role: str
    signature: str | None  # a finding of this signature, or
    when: Condition | None  # a condition over facts


@dataclass(frozen=True, slots=True)
class HypothesisSpec:
    id: str
    title: str
    summary: str
    requires: Condition
    requires_text: str
    excludes: Condition | None
    excludes_says: str
    remediation: tuple[str, ...]
    references: tuple[str, ...]
    evidence: tuple[EvidenceSpec, ...]
    path: str


def hypotheses_dir() -> Path:
    return builtin_dir() / "hypotheses"


def load_hypotheses(library: Library, directory: Path | None = None) -> tuple[list[HypothesisSpec], list[LintIssue]]:
    """Every hypothesis file; problems are collected, not raised."""
    specs: list[HypothesisSpec] = []
    issues: list[LintIssue] = []
    for path in sorted((directory or hypotheses_dir()).glob("*.toml")):
        try:
            spec = _load(path, library)
        except (CatalogError, tomllib.TOMLDecodeError, OSError, KeyError, TypeError, ValueError) as exc:
            issues.append(LintIssue(str(path), 1, 1, str(exc)))
            continue
        specs.append(spec)
    return specs, issues


def _condition(text: str, path: Path, key: str) -> Condition:
    try:
        return parse_condition(" ".join(text.split()))
    except ConditionSyntaxError as exc:
        raise CatalogError(f"{key}: {exc.message} (column {exc.column})", str(path)) from None


def _load(path: Path, library: Library) -> HypothesisSpec:
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - _KEYS
    if unknown:
        raise CatalogError(f"unknown key(s) {sorted(unknown)}", str(path))
    if data["id"] != path.stem:
        raise CatalogError(f"id {data['id']!r} does not match the file name", str(path))
    requires = _condition(data["requires"], path, "requires")
    excludes = _condition(data["excludes"], path, "excludes") if data.get("excludes") else None
    evidence: list[EvidenceSpec] = []
    for item in data["evidence"]:
        if set(item) - _EVIDENCE_KEYS or item.get("role", "symptom") not in ROLES:
            raise CatalogError(f"evidence entry {item} has unknown keys or role", str(path))
        sig = item.get("signature")
        if sig is not None and sig not in library.signatures:
            raise CatalogError(f"evidence names unknown signature {sig!r}", str(path))
        when = _condition(item["when"], path, "evidence when") if "when" in item else None
        if (sig is None) == (when is None):
            raise CatalogError("an evidence entry has either 'signature' or 'when'", str(path))
        evidence.append(EvidenceSpec(str(item["says"]), float(item.get("weight", 10)), item.get("role", "symptom"),
                                     sig, when))
    for ref in sorted(signatures_in(requires) - set(library.signatures)):
        raise CatalogError(f"requires names unknown signature {ref!r}", str(path))
    return HypothesisSpec(
        id=data["id"], title=data["title"].strip(), summary=" ".join(data["summary"].split()), requires=requires,
        requires_text=" ".join(data["requires"].split()), excludes=excludes,
        excludes_says=str(data.get("excludes_says", "")), remediation=tuple(data["remediation"]),
        references=tuple(data.get("references", [])), evidence=tuple(evidence), path=str(path),
    )


class _Context:
    """Conditions of hypotheses see findings (``sig``) and facts, not pattern hits."""

    def __init__(self, findings: dict[str, Finding], facts: dict[str, object]) -> None:
        self._findings = findings
        self._facts = facts

    def hits(self, name: str) -> None:
        return None

    def fact(self, path: str) -> object:
        return self._facts.get(path)

    def fired(self, signature_id: str) -> bool:
        return signature_id in self._findings

    @property
    def boot(self) -> datetime | None:
        return None


@dataclass(frozen=True, slots=True)
class _Scored:
    spec: HypothesisSpec
    score: float
    present: tuple[EvidenceSpec, ...]
    absent: tuple[EvidenceSpec, ...]
    gaps: tuple[str, ...]
    cause_ts: datetime | None
    order: int  # +1 cause first, -1 cause after the symptoms, 0 unknown


def rank(specs: list[HypothesisSpec], findings: tuple[Finding, ...], facts: tuple[Fact, ...],
         coverage: tuple[Coverage, ...], library: Library) -> tuple[tuple[Hypothesis, ...], tuple[RuledOut, ...]]:
    """Ranked hypotheses (best first) and the ones considered and ruled out."""
    by_id = {f.signature_id: f for f in findings}
    ctx = _Context(by_id, {name: f.value for name, f in effective(facts).items()})
    gaps_by_source = {c.source: c for c in coverage if c.status in GAP_STATUSES}
    held: list[_Scored] = []
    ruled_out: list[RuledOut] = []
    for spec in specs:
        present = tuple(e for e in spec.evidence if _present(e, by_id, ctx))
        if not any(e.signature is not None for e in present):
            continue  # no finding points at it (a context fact alone does not): not considered
        if not evaluate(spec.requires, ctx):
            ruled_out.append(RuledOut(spec.id, spec.title, _unmet(spec, by_id)))
            continue
        if spec.excludes is not None and evaluate(spec.excludes, ctx):
            ruled_out.append(RuledOut(spec.id, spec.title, spec.excludes_says or "its exclusion holds"))
            continue
        held.append(_score(spec, present, by_id, gaps_by_source, library))
    held.sort(key=lambda s: (-s.score, s.cause_ts is None, s.cause_ts.timestamp() if s.cause_ts else 0.0, s.spec.id))
    out = tuple(_hypothesis(s, i + 1, held, by_id) for i, s in enumerate(held))
    return out, tuple(sorted(ruled_out, key=lambda r: r.id))


def _present(e: EvidenceSpec, findings: dict[str, Finding], ctx: _Context) -> bool:
    if e.signature is not None:
        return e.signature in findings
    assert e.when is not None
    return evaluate(e.when, ctx)


def _unmet(spec: HypothesisSpec, findings: dict[str, Finding]) -> str:
    missing = sorted(signatures_in(spec.requires) - set(findings))
    if missing:
        return f"no finding of {', '.join(missing)}"
    return f"its condition does not hold: {spec.requires_text}"


def _score(spec: HypothesisSpec, present: tuple[EvidenceSpec, ...], findings: dict[str, Finding],
           gaps_by_source: dict[str, Coverage], library: Library) -> _Scored:
    total = sum(e.weight for e in spec.evidence) or 1.0
    share = sum(e.weight for e in present) / total
    cited = [findings[e.signature] for e in present if e.signature is not None]
    severity = max((SEVERITY_WEIGHT[f.severity] for f in cited), default=0.0)
    causes = [findings[e.signature].first_ts for e in present
              if e.role == "cause" and e.signature is not None and findings[e.signature].first_ts is not None]
    symptoms = [findings[e.signature].first_ts for e in present
                if e.role == "symptom" and e.signature is not None and findings[e.signature].first_ts is not None]
    cause_ts = min((t for t in causes if t is not None), default=None)
    order = 0
    if cause_ts is not None and symptoms:
        first_symptom = min(t for t in symptoms if t is not None)
        order = 1 if cause_ts <= first_symptom + TOGETHER else -1
    score = 80 * share + 20 * severity + (5 if order > 0 else -10 if order < 0 else 0)
    absent = tuple(e for e in spec.evidence if e not in present)
    gaps: list[str] = []
    for e in absent:
        lost = [gaps_by_source[src] for src in (library.signatures[e.signature].sources if e.signature else ())
                if src in _PRIMARY and src in gaps_by_source]
        if lost:
            gaps.append(f"{lost[0].source} {lost[0].status.replace('_', ' ')}: cannot confirm that {e.says}")
    return _Scored(spec, round(max(0.0, min(100.0, score)), 1), present, absent, tuple(gaps), cause_ts, order)


#: The sources a gap can hide evidence in (secondary copies such as messages do not make up for them).
_PRIMARY = frozenset({"ipamd_log", "cni_plugin_log", "kubelet_journal", "containerd_journal", "aws_node_container",
                      "kube_proxy_container", "dmesg", "io_throttling", "iptables_save", "cni_config", "cni_env"})


def _confidence(s: _Scored) -> str:
    level = 2 if s.score >= 70 else 1 if s.score >= 45 else 0
    level = max(0, level - len(s.gaps))
    return ("low", "medium", "high")[level]


def _why(s: _Scored, rank_: int, held: list[_Scored]) -> str:
    have = f"{len(s.present)} of its {len(s.spec.evidence)} kinds of evidence are present"
    order = ""
    if s.order > 0 and s.cause_ts is not None:
        order = f"; its cause comes first ({s.cause_ts:%Y-%m-%dT%H:%M:%SZ})"
    elif s.order < 0:
        order = "; but its cause shows only after the symptoms"
    if rank_ == 1:
        if len(held) == 1:
            return f"The only hypothesis whose conditions hold: {have}{order}."
        runner = held[1]
        lacks = "; ".join(e.says for e in runner.absent[:2])
        return (f"Ranks above '{runner.spec.title}' (score {s.score:.0f} vs {runner.score:.0f}): {have}{order}"
                + (f". The runner-up lacks: {lacks}." if lacks else "."))
    top = held[0]
    return f"Score {s.score:.0f} against {top.score:.0f} for '{top.spec.title}': {have}{order}."


def _hypothesis(s: _Scored, rank_: int, held: list[_Scored], findings: dict[str, Finding]) -> Hypothesis:
    cited = sorted((e for e in s.present if e.signature is not None), key=lambda e: (-e.weight, e.signature or ""))
    return Hypothesis(
        id=s.spec.id, rank=rank_, score=s.score, confidence=_confidence(s), title=s.spec.title,
        summary=s.spec.summary, finding_ids=tuple(e.signature for e in cited if e.signature is not None),
        supporting=tuple(e.says for e in s.present), missing=tuple(e.says for e in s.absent),
        coverage_gaps=s.gaps, first_ts=s.cause_ts, remediation=s.spec.remediation, references=s.spec.references,
        why=_why(s, rank_, held),
    )
