"""The payload inside an envelope line (journald, syslog, snap, CRI, docker json-file).

``sniff`` tries, in order, a klog header, logrus, zap / entrypoint JSON and nodeadm console, and
falls back to plain text such as ``Installed /host/opt/cni/bin/aws-cni``. ``envelope`` combines the
envelope's time and fields with what the payload says: the envelope time is ``stamp``, a time inside
the payload is ``inner``, and level and message come from the payload.

>>> p = sniff('time="2024-05-01T12:34:56.123456789Z" level=error msg="failed" error="boom"')
>>> p.level, p.message, p.stamp.wall.isoformat()
('error', 'failed error="boom"', '2024-05-01T12:34:56.123456')
>>> sniff("Installed /host/opt/cni/bin/aws-cni")
Parsed(message='Installed /host/opt/cni/bin/aws-cni', stamp=None, inner=None, boot_seconds=None,
       level=None, kind=<LineKind.RECORD: 'record'>, extra=())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from triage.formats import klog, logrus, nodeadm, zapjson
from triage.formats.base import LineKind, Parsed, Stamp

#: Envelope fields as ``(name, value)``; a ``None`` or empty value is left out.
Fields = Iterable[tuple[str, str | None]]

_DECODERS: tuple[Callable[[str], Parsed | None], ...] = (
    klog.parse_record,
    logrus.parse,
    zapjson.parse,
    nodeadm.parse,
)


def sniff(text: str) -> Parsed:
    """The first payload format that decodes ``text`` (its time in ``stamp``), else plain text."""
    for decode in _DECODERS:
        parsed = decode(text)
        if parsed is not None:
            return parsed
    return Parsed(message=text)


def _fields(extra: Fields, more: Iterable[tuple[str, str]] = ()) -> tuple[tuple[str, str], ...]:
    """Sorted pairs, without the envelope fields whose value is ``None`` or empty."""
    return tuple(sorted([*((k, v) for k, v in extra if v), *more]))


def envelope(stamp: Stamp, text: str, extra: Fields, boot_seconds: float | None = None) -> Parsed:
    """A record whose envelope has ``stamp`` and ``extra`` and whose payload is ``text``."""
    inner = sniff(text)
    return Parsed(
        message=inner.message,
        stamp=stamp,
        inner=inner.stamp,
        boot_seconds=boot_seconds,
        level=inner.level,
        extra=_fields(extra, inner.extra),
    )


def fragment(stamp: Stamp, text: str, extra: Fields) -> Parsed:
    """A ``PARTIAL`` piece of a split payload, not sniffed: pass the joined text to ``sniff``."""
    return Parsed(message=text, stamp=stamp, kind=LineKind.PARTIAL, extra=_fields(extra))
