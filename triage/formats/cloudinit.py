"""cloud-init logs: ``var_log/cloud-init.log`` (format code CI) and ``var_log/cloud-init-output.log``.

``cloud-init.log`` is Python logging, local time without a zone, ms resolution::

    2024-05-01 12:30:01,234 - util.py[DEBUG]: Cloud-init v. 22.2.2 running 'init-local' at ...

``cloud-init-output.log`` is free text (stdout/stderr of modules and user data). Three kinds of
line carry a time there: the cloud-init banners, with an RFC 2822 date and the uptime in seconds
(``boot_seconds``); AL2 ``bootstrap.sh`` lines (see ``bootstrap``); and cloud-init's own log lines
in the ``cloud-init.log`` shape (warnings go to stderr too). Other lines give ``None``.

    Cloud-init v. 22.2.2 running 'modules:final' at Wed, 01 May 2024 12:30:20 +0000. Up 18.36 seconds.

>>> p = parse("2024-05-01 12:30:01,234 - cc_scripts_user.py[WARNING]: Failed to run module scripts-user")
>>> p.level, p.message, p.stamp.wall.isoformat(), p.extra
('warning', 'Failed to run module scripts-user', '2024-05-01T12:30:01.234000',
 (('caller', 'cc_scripts_user.py'),))
>>> p = parse_output("Cloud-init v. 22.2.2 finished at Wed, 01 May 2024 12:30:21 +0000. "
...                  "Datasource DataSourceEc2.  Up 19.12 seconds")
>>> p.stamp.wall.isoformat(), p.stamp.offset, p.boot_seconds
('2024-05-01T12:30:21', datetime.timedelta(0), 19.12)
"""

from __future__ import annotations

import re

from triage.formats import bootstrap, stamps
from triage.formats.base import Parsed
from triage.formats.common import level

_LINE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d) (?P<hms>\d\d:\d\d:\d\d),(?P<ms>\d{3}) - "
    r"(?P<caller>[^\[\]]+)\[(?P<level>[A-Z]+)\]:(?: (?P<message>.*))?",
    re.ASCII | re.DOTALL,
)
_BANNER = re.compile(
    r"Cloud-init v\. .* at [A-Z][a-z]{2}, (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4}) "
    r"(?P<hms>\d\d:\d\d:\d\d) (?P<zone>[+-]\d{4})\.",
    re.ASCII,
)
_UPTIME = re.compile(r" Up (\d+\.\d+) seconds", re.ASCII)


def parse(line: str) -> Parsed | None:
    """A ``cloud-init.log`` line, else ``None``."""
    m = _LINE.fullmatch(line)
    stamp = None if m is None else stamps.dated(m["year"], m["month"], m["day"], m["hms"], m["ms"])
    if m is None or stamp is None:
        return None
    return Parsed(message=m["message"] or "", stamp=stamp, level=level(m["level"]), extra=(("caller", m["caller"]),))


def _banner(line: str) -> Parsed | None:
    m = _BANNER.match(line)
    if m is None:
        return None
    zone = stamps.offset(m["zone"])
    stamp = None if zone is None else stamps.dated(m["year"], m["month"], m["day"], m["hms"], zone=zone)
    if stamp is None:
        return None
    uptime = _UPTIME.search(line, m.end())
    return Parsed(message=line, stamp=stamp, boot_seconds=None if uptime is None else float(uptime[1]))


def parse_output(line: str) -> Parsed | None:
    """A timed ``cloud-init-output.log`` line (banner, bootstrap.sh, cloud-init log), else ``None``."""
    return _banner(line) or bootstrap.parse(line) or parse(line)
