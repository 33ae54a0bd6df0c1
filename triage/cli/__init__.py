"""The command line. Thin: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ran fine; 1 a finding at or above ``--fail-on``; 2 could not do the job (usage,
unreadable or non-bundle input, broken signature); 130 interrupted.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from triage import __version__
from triage.cli import analyze, diff, facts, signatures

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
app.command("analyze", epilog=analyze.EPILOG)(analyze.analyze_command)
app.command("facts", epilog=facts.EPILOG)(facts.facts_command)
app.command("diff", epilog=diff.EPILOG)(diff.diff_command)
app.add_typer(signatures.app, name="signatures")


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


COMMANDS = frozenset({"analyze", "facts", "diff", "signatures"})
ROOT_OPTIONS = frozenset({"-h", "--help", "--version"})


def main(argv: list[str] | None = None) -> None:
    """Console entry point: ``triage BUNDLE`` is short for ``triage analyze BUNDLE``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ROOT_OPTIONS:
        args.insert(0, "analyze")
    app(args=args, prog_name="triage")


__all__ = ["app", "main"]
