"""``triage facts BUNDLE``: every configuration fact and where it was read."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import orjson
import typer

from triage.cli.common import guarded
from triage.engine import analyze

EPILOG = """\
Examples:

  triage facts eks_i-0a1b2c3d4e5f67890_2024-05-01_1234-UTC_0.7.9.tar.gz

  triage facts bundle.tar.gz --format json | jq '.[] | select(.name | startswith("cni.env."))'
"""


class FactsFormat(StrEnum):
    text = "text"
    json = "json"


@guarded
def facts_command(
    bundle: Annotated[str, typer.Argument(help="Bundle: .tar.gz, .tgz, .tar, .zip, a directory, or - for stdin.")],
    output_format: Annotated[FactsFormat, typer.Option("--format", "-f", help="Output format.")] = FactsFormat.text,
) -> None:
    """Print the node's configuration facts (versions, kubelet config, aws-node env, iptables, sysctls...) with the
    bundle member and line each was read from."""
    facts = analyze(bundle).facts
    if output_format is FactsFormat.json:
        sys.stdout.write(orjson.dumps(facts, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode())
        return
    width = max((len(f.name) for f in facts), default=0)
    for f in facts:
        where = f"{f.member}:{f.line}" if f.line else (f.member or "(whole bundle)")
        sys.stdout.write(f"{f.name:<{width}}  {f.value!s:<40}  {where}\n")
