"""Small helpers shared by the line decoders: level names and continuation lines.

>>> level("WARN"), level("dpanic"), level("CRITICAL"), level("verbose")
('warning', 'fatal', 'fatal', None)
>>> continuation("\\tstatus code: 400, request id: 04af", "\\t")
Parsed(message='status code: 400, request id: 04af', stamp=None, inner=None, boot_seconds=None,
       level=None, kind=<LineKind.CONTINUATION: 'continuation'>, extra=())
"""

from __future__ import annotations

import orjson

from triage.formats.base import LineKind, Parsed

_LEVELS = {
    "trace": "debug",  # logrus, seelog
    "debug": "debug",
    "info": "info",
    "warn": "warning",  # zap, seelog
    "warning": "warning",  # logrus, Python logging
    "error": "error",
    "fatal": "fatal",
    "panic": "fatal",  # zap, logrus
    "dpanic": "fatal",  # zap
    "critical": "fatal",  # seelog, Python logging
}


def level(name: str) -> str | None:
    """The normalised level (debug, info, warning, error, fatal) of ``name`` in any case, else ``None``."""
    return _LEVELS.get(name.lower())


def continuation(line: str, leaders: str) -> Parsed | None:
    """A ``CONTINUATION`` of the previous record if ``line`` starts with one of ``leaders``, else ``None``.

    The message is the line without its indentation (and trailing blanks).
    """
    if not line or line[0] not in leaders:
        return None
    return Parsed(message=line.strip(), kind=LineKind.CONTINUATION)


def json_object(line: str) -> dict[str, object] | None:
    """The JSON object a line holds (zap, entrypoint and docker json-file lines), else ``None``."""
    if not line.startswith("{"):
        return None
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None
