"""``triage analyze BUNDLE`` (also plain ``triage BUNDLE``)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from triage.bundle import Limits
from triage.cli.common import SignatureDirs, guarded, parse_size, parse_time
from triage.console import Progress, Style, colour_enabled
from triage.engine import Options, analyze
from triage.errors import UsageError
from triage.evidence import Window
from triage.model import Analysis
from triage.signatures import SEVERITIES, severity_at_least

EPILOG = """\
Examples:

  triage eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz
      (prints the summary, writes eks_i-..._0.7.9.tar.gz.report.html next to the bundle)

  triage bundle.zip --format json > summary.json

  triage bundle.tar.gz --format sarif -o findings.sarif

  NO_COLOR=1 triage bundle.tar.gz -o /tmp/ticket-1234.html

  triage bundle.tar.gz --fail-on error --since 2024-05-01T10:00:00Z

  cat bundle.tar.gz | triage - --max-bytes 2G

  triage ./unpacked-bundle-dir/ --signatures ./my-signatures/

Exit codes: 0 ran fine, 1 a finding at or above --fail-on, 2 could not read the input, it is not a bundle,
or a signature is broken.
"""


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"


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
        OutputFormat | None,
        typer.Option("--format", "-f", help="One output on stdout (or -o) instead of the summary plus HTML report."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the output there: the HTML report by default, else --format's."),
    ] = None,
    no_report: Annotated[
        bool, typer.Option("--no-report", help="Print the summary only; do not write the HTML report.")
    ] = False,
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
    if output_format is None:
        sys.stdout.write(_render(OutputFormat.text, result, sys.stdout))
        if not no_report:
            target = output or _report_path(bundle)
            _write(target, _render(OutputFormat.html, result, None))
            sys.stderr.write(f"report: {target}\n")
    elif output is not None:
        _write(output, _render(output_format, result, None))
    else:
        if output_format is OutputFormat.html and sys.stdout.isatty():
            sys.stderr.write("warning: writing HTML to a terminal; use -o FILE or redirect stdout\n")
        sys.stdout.write(_render(output_format, result, sys.stdout))
    if fail_on is not None and any(severity_at_least(f.severity, fail_on.value) for f in result.findings):
        raise typer.Exit(1)


def _render(fmt: OutputFormat, result: Analysis, terminal: TextIO | None) -> str:
    if fmt is OutputFormat.json:
        from triage.report.jsonout import render_json

        return render_json(result)
    if fmt is OutputFormat.sarif:
        from triage.report.sarif import render_sarif

        return render_sarif(result)
    if fmt is OutputFormat.html:
        from triage.report.html import render_html

        return render_html(result)
    from triage.report.text import render_text

    return render_text(result, Style(terminal is not None and colour_enabled(terminal)))


def _report_path(bundle: str) -> Path:
    """``<bundle>.report.html`` next to the bundle; in the current directory for stdin."""
    if bundle == "-":
        return Path("triage-report.html")
    path = Path(bundle)
    return path.with_name(path.name.rstrip("/") + ".report.html")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


assert tuple(Severity) == SEVERITIES
