"""Run every signature's inline examples through the real scanner, decoders and engine.

A pattern's ``match`` lines must produce a hit of that pattern and its ``no_match`` lines must not:
each line is fed to the source's full multi-pattern matcher as a one-line member, so it goes
through the same RE2 alternation, set match and decoder as a bundle does. A signature's ``cases``
are built into a small in-memory bundle (lines in the member the source catalog expects, snapshot
files as given) and analysed end to end: the signature must fire, or not, as the case says.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from isal import igzip

from triage.engine import Options, analyze
from triage.lines import Chunk
from triage.scan import MemberScanner, SourceMatcher
from triage.signatures import Case, Library, Signature, by_source, example_path
from triage.sources import Catalog, load_catalog

#: Capture time of the bundles built for cases (year-less example lines fall in the year before it).
CASE_MTIME = 1793491200  # 2026-11-01T00:00:00Z


@dataclass(frozen=True, slots=True)
class ExampleResult:
    signature: str
    example: str  # e.g. "retrying match 1", "case 'healthy start'"
    ok: bool
    detail: str = ""


def run_examples(library: Library, catalog: Catalog | None = None) -> list[ExampleResult]:
    catalog = catalog or load_catalog()
    pairs = by_source(library.ordered())
    matchers = {source: SourceMatcher.build(p) for source, p in pairs.items()}
    out: list[ExampleResult] = []
    for sig in library.ordered():
        out.extend(_pattern_examples(sig, matchers, catalog))
        out.extend(_case(sig, case, library, catalog) for case in sig.cases)
    return out


def _pattern_examples(sig: Signature, matchers: dict[str, SourceMatcher], catalog: Catalog
                      ) -> Iterator[ExampleResult]:
    for pattern in sig.patterns:
        for want, examples in ((True, pattern.match), (False, pattern.no_match)):
            for i, ex in enumerate(examples, 1):
                label = f"{pattern.name} {'match' if want else 'no_match'} {i}"
                matcher = matchers.get(ex.source)
                if matcher is None or ex.source not in pattern.sources:
                    yield ExampleResult(sig.id, label, False, f"source {ex.source} is not one of the pattern's")
                    continue
                scanner = MemberScanner(matcher, catalog.get(ex.source).formats[0])
                scanner.feed(Chunk.of(ex.line.encode() + b"\n"))
                got = (sig.id, pattern.name) in scanner.hits
                detail = "" if got == want else (f"did not match: {ex.line[:160]}" if want
                                                 else f"matched a near miss: {ex.line[:160]}")
                yield ExampleResult(sig.id, label, got == want, detail)


def case_bundle(case: Case, catalog: Catalog) -> bytes:
    """A tar.gz with the case's lines and files, shaped like a collector bundle."""
    members = {example_path("script_params", catalog): b"ignore_introspection: false\nignore_metrics: false\n"}
    for ex in case.lines:
        path = example_path(ex.source, catalog)
        members[path] = members.get(path, b"") + ex.line.encode() + b"\n"
    for path, content in case.files:
        members[path] = content.encode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for path, data in members.items():
            info = tarfile.TarInfo("./" + path)
            info.size, info.mtime = len(data), CASE_MTIME
            tf.addfile(info, io.BytesIO(data))
    return igzip.compress(raw.getvalue(), mtime=0)


def _case(sig: Signature, case: Case, library: Library, catalog: Catalog) -> ExampleResult:
    label = f"case {case.name!r}"
    with tempfile.TemporaryDirectory(prefix="triage-case-") as tmp:
        path = Path(tmp) / "eks_i-0c0ffee0c0ffee000_2026-11-01_0000-UTC_0.7.9.tar.gz"
        path.write_bytes(case_bundle(case, catalog))
        result = analyze(str(path), Options(catalog=catalog, library=library))
    fired = any(f.signature_id == sig.id for f in result.findings)
    detail = "" if fired == case.fires else ("did not fire" if case.fires else "fired")
    return ExampleResult(sig.id, label, fired == case.fires, detail)
