"""The command line. Thin: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ran fine; 2 could not do the job (usage, unreadable or non-bundle input, broken
data file); 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, ParamSpec

import typer

from triage import __version__
from triage.bundle import Limits
from triage.console import Progress, Style, colour_enabled
from triage.engine import Options, analyze
from triage.errors import TriageError

EPILOG_ANALYZE = """\
Examples:

  triage eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz

  triage bundle.zip --format json > summary.json

  cat bundle.tar.gz | triage - --max-bytes 2G

  triage ./unpacked-bundle-dir/

Exit codes: 0 ran fine, 2 could not read the input or it is not a bundle.
"""

app = typer.Typer(
    name="triage",
    help="Triage Amazon EKS node log bundles (the eks_<instance>_<time>_<version>.tar.gz of the EKS Logs "
    "Collector): read them safely, put their logs on one UTC timeline, find known failures.",
    epilog="Run 'triage BUNDLE' (same as 'triage analyze BUNDLE'). "
    "Example: triage eks_i-0abc_2024-05-01_1234-UTC_0.7.9.tar.gz",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


P = ParamSpec("P")


def guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Map library errors to one ``Error: ...`` line on stderr and an exit code; never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except TriageError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug: one line unless asked for the traceback
            if os.environ.get("TRIAGE_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set TRIAGE_DEBUG=1 for a traceback)", 2)

    return run


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"Error: {message}\n")
    raise typer.Exit(code)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``8G`` / ``512M`` / ``1024`` -> bytes (binary multiples)."""
    m = _SIZE.match(text)
    if m is None:
        raise typer.BadParameter(f"{text!r} is not a size (examples: 8G, 512M, 1048576)")
    power = " KMGT".index(m.group(2).upper() or " ")
    return int(float(m.group(1)) * (1 << (10 * power)))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"triage {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Triage Amazon EKS node log bundles."""


@app.command("analyze", epilog=EPILOG_ANALYZE)
@guarded
def analyze_command(
    bundle: Annotated[
        str, typer.Argument(help="Bundle: .tar.gz, .tgz, .tar, .zip, an unpacked directory, or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    max_bytes: Annotated[
        str, typer.Option("--max-bytes", help="Stop after this many decompressed bytes in all (e.g. 8G).")
    ] = "8G",
    max_member_bytes: Annotated[
        str, typer.Option("--max-member-bytes", help="Read at most this many decompressed bytes of one file.")
    ] = "1G",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Summarise a bundle: identity, layout, clock, each log source's lines and time range, coverage."""
    limits = Limits(max_bytes=parse_size(max_bytes), max_member_bytes=parse_size(max_member_bytes))
    progress = Progress(active=not quiet)
    try:
        result = analyze(bundle, Options(limits=limits, progress=progress))
    finally:
        progress.done()
    if output_format is OutputFormat.json:
        from triage.report.jsonout import render_json

        sys.stdout.write(render_json(result))
    else:
        from triage.report.text import render_text

        sys.stdout.write(render_text(result, Style(colour_enabled(sys.stdout))))


COMMANDS = frozenset({"analyze"})
ROOT_OPTIONS = frozenset({"-h", "--help", "--version"})


def main(argv: list[str] | None = None) -> None:
    """Console entry point: ``triage BUNDLE`` is short for ``triage analyze BUNDLE``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ROOT_OPTIONS:
        args.insert(0, "analyze")
    app(args=args, prog_name="triage")
