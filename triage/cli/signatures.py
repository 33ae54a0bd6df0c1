"""``triage signatures lint|test|list``: check and browse the signature library."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import orjson
import typer

from triage.cli.common import SignatureDirs, fail, guarded
from triage.signatures import Library, load_library

app = typer.Typer(
    help="Check and browse the signature library (built-in signatures plus --signatures DIR).",
    no_args_is_help=True,
    epilog="Examples: triage signatures lint -s ./my-signatures/ · triage signatures list --format json",
)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def _library(dirs: list[Path] | None) -> Library:
    return load_library(tuple(dirs or ()))


@app.command("lint", epilog="Example: triage signatures lint --signatures ./my-signatures/")
@guarded
def lint_command(signature_dirs: SignatureDirs = None) -> None:
    """Load every signature and report every problem (file:line:col) in one pass; exit 2 if any."""
    from triage.hypotheses import load_hypotheses

    library = _library(signature_dirs)
    specs, spec_issues = load_hypotheses(library) if not library.issues else ([], [])
    issues = [*library.issues, *spec_issues]
    for issue in issues:
        sys.stdout.write(f"{issue}\n")
    if issues:
        fail(f"{len(issues)} problem(s) in the signature library", 2)
    sys.stdout.write(f"{len(library.signatures)} signatures, {len(specs)} hypotheses, no problems\n")


@app.command("test", epilog="Example: triage signatures test --signatures ./my-signatures/")
@guarded
def examples_command(signature_dirs: SignatureDirs = None) -> None:
    """Run every inline example and case through the real decoders, scanner and engine; exit 2 on a failure."""
    from triage.sigtest import run_examples

    library = _library(signature_dirs)
    if library.issues:
        for issue in library.issues:
            sys.stdout.write(f"{issue}\n")
        fail(f"{len(library.issues)} problem(s) in the signature library (see triage signatures lint)", 2)
    results = run_examples(library)
    failed = [r for r in results if not r.ok]
    for r in failed:
        sys.stdout.write(f"FAIL {r.signature}: {r.example}: {r.detail}\n")
    sys.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed\n")
    if failed:
        raise typer.Exit(2)


@app.command("list", epilog="Example: triage signatures list --format json")
@guarded
def list_command(
    signature_dirs: SignatureDirs = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
) -> None:
    """Print the catalogue: id, severity, sources and title of every signature."""
    library = _library(signature_dirs)
    if library.issues:
        fail(f"{len(library.issues)} problem(s) in the signature library (see triage signatures lint)", 2)
    sigs = library.ordered()
    if output_format is ListFormat.json:
        rows = [{"id": s.id, "severity": s.severity, "category": s.category, "title": s.title,
                 "sources": list(s.sources), "patterns": [p.name for p in s.patterns], "when": s.when_text,
                 "path": s.path} for s in sigs]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode())
        return
    for s in sigs:
        sys.stdout.write(f"{s.id:<38} {s.severity:<9} {', '.join(s.sources) or 'facts':<40} {s.title}\n")
