"""``triage diff BEFORE AFTER``: what changed between two bundles, risky settings first."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from triage.cli.common import guarded
from triage.console import Style, colour_enabled
from triage.diff import diff
from triage.engine import analyze

EPILOG = """\
Examples:

  triage diff good-node.tar.gz bad-node.tar.gz

  triage diff before-upgrade.tar.gz after-upgrade.tar.gz --fail-on-change

  triage diff a.tar.gz b.tar.gz --format json > changes.json

  triage diff a.tar.gz b.tar.gz --format html > changes.html

Exit codes: 0 compared, 1 a risky setting changed and --fail-on-change was given, 2 could not read a bundle.
"""


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


@guarded
def diff_command(
    before: Annotated[str, typer.Argument(help="The good (or earlier) bundle.")],
    after: Annotated[str, typer.Argument(help="The bad (or later) bundle.")],
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    fail_on_change: Annotated[
        bool,
        typer.Option("--fail-on-change", help="Exit 1 when a risky setting (SNAT, versions, max-pods...) changed."),
    ] = False,
) -> None:
    """Compare two bundles: facts, settings and versions that differ, findings present in only one, hypotheses
    that changed; risky changes (SNAT mode, CNI / kube-proxy versions, max-pods, iptables mode, CNI plugins added)
    first."""
    result = diff(analyze(before), analyze(after))
    if output_format is DiffFormat.json:
        from triage.report.diff import render_diff_json

        sys.stdout.write(render_diff_json(result))
    elif output_format is DiffFormat.html:
        from triage.report.diff import render_diff_html

        sys.stdout.write(render_diff_html(result))
    else:
        from triage.report.diff import render_diff_text

        sys.stdout.write(render_diff_text(result, Style(colour_enabled(sys.stdout))))
    if fail_on_change and result.risky:
        raise typer.Exit(1)
