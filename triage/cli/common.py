"""What every command shares: error mapping, sizes, times, signature directories."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, ParamSpec

import typer
from dateutil.parser import isoparse

from triage.errors import TriageError

P = ParamSpec("P")


def guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Map library errors to one ``Error: ...`` line on stderr and an exit code; never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except TriageError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug: one line unless asked for the traceback
            if os.environ.get("TRIAGE_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (set TRIAGE_DEBUG=1 for a traceback)", 2)

    return run


def fail(message: str, code: int) -> None:
    sys.stderr.write(f"Error: {message}\n")
    raise typer.Exit(code)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``8G`` / ``512M`` / ``1024`` -> bytes (binary multiples)."""
    m = _SIZE.match(text)
    if m is None:
        raise typer.BadParameter(f"{text!r} is not a size (examples: 8G, 512M, 1048576)")
    power = " KMGT".index(m.group(2).upper() or " ")
    return int(float(m.group(1)) * (1 << (10 * power)))


def parse_time(text: str | None) -> datetime | None:
    """ISO 8601 time; without a zone it is UTC."""
    if text is None:
        return None
    try:
        value = isoparse(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an ISO 8601 time (example: 2024-05-01T12:00:00Z)") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


SignatureDirs = Annotated[
    list[Path] | None,
    typer.Option("--signatures", "-s", help="Extra signature directory (repeatable); a file with a built-in id "
                 "overrides it.", exists=True, file_okay=False, dir_okay=True),
]
