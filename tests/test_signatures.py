"""The signature library: every inline example and case runs through the real decoders and scanner."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundlekit import Entry, minimal_members, tar_bytes

from triage.engine import Options, analyze
from triage.signatures import LintIssue, Signature, load_library
from triage.sigtest import ExampleResult, run_examples

LIBRARY = load_library()
RESULTS = run_examples(LIBRARY)


def test_library_loads_without_problems() -> None:
    assert LIBRARY.issues == []


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.signature}: {r.example}" for r in RESULTS])
def test_example(result: ExampleResult) -> None:
    assert result.ok, result.detail


@pytest.mark.parametrize("sig", LIBRARY.ordered(), ids=lambda s: s.id)
def test_every_pattern_has_both_kinds_of_example_or_the_signature_has_cases(sig: Signature) -> None:
    for pattern in sig.patterns:
        assert pattern.match, f"{sig.id}.{pattern.name} has no positive example"
        assert pattern.no_match, f"{sig.id}.{pattern.name} has no near-miss example"
    if not sig.patterns:
        assert {c.fires for c in sig.cases} == {True, False}


USER_SIGNATURE = """
id = "custom_disk_full"
title = "Disk full (site signature)"
severity = "error"
category = "storage"
sources = ["kubelet_journal"]
explanation = "A site-specific signature added without code."
remediation = ["Free space."]
references = []

[[patterns]]
name = "nospace"
regex = 'no space left on device'
match = ['May 01 11:20:00 ip-10-0-1-23 kubelet[3456]: E0501 11:20:00.000000 3456 x.go:1] write /var/lib/x: no space left on device']
no_match = ['May 01 11:20:00 ip-10-0-1-23 kubelet[3456]: I0501 11:20:00.000000 3456 x.go:1] space left on device: 10G']
"""


def test_a_user_signature_directory_adds_a_signature_without_code(tmp_path: Path) -> None:
    sigdir = tmp_path / "sigs"
    sigdir.mkdir()
    (sigdir / "custom_disk_full.toml").write_text(USER_SIGNATURE)
    line = b"May 01 11:20:00 ip-10-0-1-23 kubelet[3456]: E0501 11:20:00.000000 3456 x.go:1] write /var/lib/x: " \
           b"no space left on device\n"
    entries = [e for e in minimal_members() if e.name != "./kubelet/kubelet.log"] + [Entry("./kubelet/kubelet.log",
                                                                                       line * 3)]
    bundle = tmp_path / "b.tar.gz"
    bundle.write_bytes(tar_bytes(entries))
    result = analyze(str(bundle), Options(signature_dirs=(sigdir,)))
    found = [f for f in result.findings if f.signature_id == "custom_disk_full"]
    assert [(f.count, f.severity, f.sources, len(f.evidence)) for f in found] == [(3, "error", ("kubelet_journal",), 3)]
    assert found[0].evidence[0].line == 1
    assert found[0].evidence[1].before == (line.decode().rstrip("\n"),)


def test_a_user_file_with_a_builtin_id_overrides_it(tmp_path: Path) -> None:
    sigdir = tmp_path / "sigs"
    sigdir.mkdir()
    text = (Path(__file__).resolve().parent.parent / "signatures" / "image_pull_qps_exceeded.toml").read_text()
    (sigdir / "image_pull_qps_exceeded.toml").write_text(text.replace('severity = "warning"', 'severity = "critical"'))
    assert load_library((sigdir,)).signatures["image_pull_qps_exceeded"].severity == "critical"


def test_lint_reports_every_problem_with_file_line_and_column(tmp_path: Path) -> None:
    sigdir = tmp_path / "bad"
    sigdir.mkdir()
    (sigdir / "broken_toml.toml").write_text('id = "broken_toml"\ntitle = "x\n')
    (sigdir / "bad_bits.toml").write_text(
        'id = "bad_bits"\ntitle = "t"\nseverity = "fatal"\nexplanation = "e"\nremediation = ["r"]\n'
        'sources = ["no_such_source"]\nwhen = "count(x) >= 2 within 5 minutes"\n\n'
        '[[patterns]]\nname = "x"\nregex = \'(unclosed\'\nmatch = ["a"]\n')
    issues = load_library((sigdir,)).issues
    assert issues == [
        LintIssue(str(sigdir / "bad_bits.toml"), 3, 1, "'severity' must be one of info, warning, error, critical"),
        LintIssue(str(sigdir / "bad_bits.toml"), 7, 23, "condition does not parse: Expected end of text"),
        LintIssue(str(sigdir / "bad_bits.toml"), 11, 1, "pattern x: RE2 cannot compile the regex: missing ): (unclosed"),
        LintIssue(str(sigdir / "bad_bits.toml"), 6, 1, "pattern x: unknown source 'no_such_source'"),
        LintIssue(str(sigdir / "bad_bits.toml"), 10, 1, "pattern x: needs at least one near-miss negative example "
                  "('no_match')"),
        LintIssue(str(sigdir / "broken_toml.toml"), 2, 11, "not valid TOML: Illegal character '\\n'"),
    ]
