"""Docs that cannot rot: module docstring examples run, every command has help with examples."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
from typer.testing import CliRunner

import triage
from triage.cli import app

MODULES = sorted(m.name for m in pkgutil.walk_packages(triage.__path__, "triage.") if m.name != "triage.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("command", sorted(c.name or "" for c in app.registered_commands))
def test_every_command_has_help_with_examples(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
