"""Line decoders, one per log format, and the registry the source catalog refers to.

Each decoder is a pure function ``parse(line) -> Parsed | None`` (see ``base``); ``decode`` never
returns ``None``: a line a format does not recognise becomes a plain record without a time.

>>> decode("klog", "I0501 12:34:56.789012    3456 kubelet.go:2410] started").message
'started'
>>> decode("klog", "no header here")
Parsed(message='no header here', stamp=None, inner=None, boot_seconds=None, level=None,
       kind=<LineKind.RECORD: 'record'>, extra=())
"""

from __future__ import annotations

from collections.abc import Callable

from triage.formats import (
    bootstrap,
    cloudinit,
    container,
    dmesg,
    journald,
    klog,
    logrus,
    snap,
    syslog,
    vpccni,
)
from triage.formats.base import Parsed


def _plain(line: str) -> Parsed:
    """Any text, as it is: a record with no time."""
    return Parsed(message=line)


#: Format name -> decoder. The names are what ``signatures/sources.toml`` uses.
FORMATS: dict[str, Callable[[str], Parsed | None]] = {
    "bootstrap": bootstrap.parse,
    "cloud_init": cloudinit.parse,
    "cloud_init_output": cloudinit.parse_output,
    "container": container.parse,
    "dmesg": dmesg.parse,
    "journald": journald.parse,
    "klog": klog.parse,
    "logrus": logrus.parse,
    "plain": _plain,
    "snap": snap.parse,
    "syslog": syslog.parse,
    "vpc_cni": vpccni.parse,
}

FORMAT_NAMES: tuple[str, ...] = tuple(sorted(FORMATS))


def decode(fmt: str, line: str) -> Parsed:
    """Decode ``line`` (without its newline) as format ``fmt``; ``KeyError`` for an unknown format."""
    parsed = FORMATS[fmt](line)
    return Parsed(message=line) if parsed is None else parsed


__all__ = ["FORMATS", "FORMAT_NAMES", "decode"]
