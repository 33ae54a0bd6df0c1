"""``triage analyze BUNDLE`` (also plain ``triage BUNDLE``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from triage.bundle import Limits
from triage.cli.common import SignatureDirs, guarded, parse_size, parse_time
from triage.console import Progress, Style, colour_enabled
from triage.engine import Options, analyze
from triage.evidence import Window
from triage.signatures import SEVERITIES, severity_at_least

EPILOG = """\
Examples:

  triage eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz

  triage bundle.zip --format json > summary.json

  triage bundle.tar.gz --fail-on error --since 2024-05-01T10:00:00Z

  cat bundle.tar.gz | triage - --max-bytes 2G

  triage ./unpacked-bundle-dir/ --signatures ./my-signatures/

Exit codes: 0 ran fine, 1 a finding at or above --fail-on, 2 could not read the input, it is not a bundle,
or a signature is broken.
"""


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"
    critical = "critical"


@guarded
def analyze_command(
    bundle: Annotated[
        str, typer.Argument(help="Bundle: .tar.gz, .tgz, .tar, .zip, an unpacked directory, or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    fail_on: Annotated[
        Severity | None, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity fires.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only count log lines at or after this time (ISO 8601, UTC).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only count log lines at or before this time (ISO 8601, UTC).")
    ] = None,
    signature_dirs: SignatureDirs = None,
    max_bytes: Annotated[
        str, typer.Option("--max-bytes", help="Stop after this many decompressed bytes in all (e.g. 8G).")
    ] = "8G",
    max_member_bytes: Annotated[
        str, typer.Option("--max-member-bytes", help="Read at most this many decompressed bytes of one file.")
    ] = "1G",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Summarise a bundle and name the known failures in it: identity, layout, clock, sources, findings."""
    limits = Limits(max_bytes=parse_size(max_bytes), max_member_bytes=parse_size(max_member_bytes))
    window = Window(parse_time(since), parse_time(until))
    progress = Progress(active=not quiet)
    try:
        result = analyze(bundle, Options(limits=limits, window=window, progress=progress,
                                         signature_dirs=tuple(signature_dirs or ())))
    finally:
        progress.done()
    if output_format is OutputFormat.json:
        from triage.report.jsonout import render_json

        sys.stdout.write(render_json(result))
    else:
        from triage.report.text import render_text

        sys.stdout.write(render_text(result, Style(colour_enabled(sys.stdout))))
    if fail_on is not None and any(severity_at_least(f.severity, fail_on.value) for f in result.findings):
        raise typer.Exit(1)


assert tuple(Severity) == SEVERITIES
