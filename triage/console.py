"""The only place that draws on the terminal: colour (honouring NO_COLOR) and stderr progress."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}


def colour_enabled(stream: TextIO) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (no-color.org) or TERM=dumb; FORCE_COLOR wins."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


class Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


class Progress:
    """One self-overwriting status line on stderr, shown only on a terminal and only after a second."""

    def __init__(self, stream: TextIO | None = None, delay: float = 1.0, *, active: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.active = active and self.stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self._last = 0.0
        self._drawn = False

    def __call__(self, member: str, bytes_read: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self._last < 0.1:
            return
        self._last = now
        line = f"reading {bytes_read / 1e6:8.1f} MB  {member}"[:100]
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()
        self._drawn = True

    def done(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
