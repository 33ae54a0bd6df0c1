r"""logrus text lines (containerd, dockerd, the VPC CNI >= 1.12.1 entrypoint): format code L.

::

    time="2024-05-01T12:34:56.123456789Z" level=error msg="StopPodSandbox for \"4f1c\" failed" error="rpc"

``time=`` (RFC 3339 with ``Z`` or ``±hh:mm``, 0–9 fraction digits) is the stamp, ``level=`` the level.
The message is the ``msg`` value, unquoted and unescaped, followed by every other field (all but
``time``, ``level`` and ``msg``) exactly as written, ``key=value``, separated by single spaces. The
line above gives the message::

    StopPodSandbox for "4f1c" failed error="rpc"

A tail that is not ``key=value`` (a quoted value left open because journald split a very long line)
is kept verbatim at the end.

>>> p = parse('time="2025-03-01T14:03:52Z" level=info msg="Starting IPAM daemon... "')
>>> p.level, p.message, p.stamp.wall.isoformat(), p.stamp.offset
('info', 'Starting IPAM daemon... ', '2025-03-01T14:03:52', datetime.timedelta(0))
"""

from __future__ import annotations

import re

from triage.formats import stamps
from triage.formats.base import Parsed
from triage.formats.common import level

_HEAD = re.compile(rf'time="(?P<time>{stamps.ISO})" level=(?P<level>\w+)(?: +|$)', re.ASCII)
_FIELD = re.compile(r'(?P<key>[^\s="]+)=(?P<value>"(?:[^"\\]|\\.)*"|[^\s"]*)(?: +|$)', re.DOTALL)
_ESCAPE = re.compile(r'\\(?:(["\\/])|([nrt])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4}))')
_CONTROL = {"n": "\n", "r": "\r", "t": "\t"}


def _unquote(value: str) -> str:
    """The text of a Go ``%q`` quoted value; a bare value is returned as is."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    return _ESCAPE.sub(_unescape, value[1:-1])


def _unescape(m: re.Match[str]) -> str:
    if m[1]:
        return m[1]
    if m[2]:
        return _CONTROL[m[2]]
    return chr(int(m[3] or m[4], 16))


def _render(line: str, pos: int) -> str:
    """``msg`` unquoted, then the other fields as written, then any unparsed tail."""
    msg = ""
    others: list[str] = []
    while pos < len(line):
        m = _FIELD.match(line, pos)
        if m is None:
            others.append(line[pos:])
            break
        if m["key"] == "msg":
            msg = _unquote(m["value"])
        else:
            others.append(m[0].rstrip(" "))
        pos = m.end()
    return " ".join(part for part in (msg, *others) if part)


def parse(line: str) -> Parsed | None:
    """A logrus line that starts with ``time="..." level=...``, else ``None``."""
    m = _HEAD.match(line)
    if m is None:
        return None
    stamp = stamps.iso(m["time"])
    if stamp is None:
        return None
    return Parsed(message=_render(line, m.end()), stamp=stamp, level=level(m["level"]))
