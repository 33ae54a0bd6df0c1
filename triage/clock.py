"""The time model: one UTC timeline out of year-less, zone-less and boot-relative stamps.

``ClockEvidence`` collects what the bundle says about time while it is read (member mtimes,
the capture minute in the file name, the iptables-save and curl headers, journald-vs-logrus
pairs in the containerd journal, ``btime``, dmesg pairs). ``build_clock`` turns it into a
``Clock``, whose ``place`` gives each decoded line a UTC time and a ``TimeQuality``.

Rules (bundle-layout.md §7): the year of a year-less stamp comes from the capture time, never
from "now": the capture year, or the year before when the date would fall after the capture.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from triage.formats import stamps
from triage.formats.base import Parsed, Stamp, TimeQuality
from triage.model import ClockInfo, ClockSkew

#: A year-less stamp may lie this far after the capture time (collection takes minutes; clocks drift).
FUTURE_SLACK = timedelta(days=1)
#: klog and journald stamps of one line further apart than this disagree (buffered line or clock jump).
KLOG_TOLERANCE = timedelta(seconds=2)
#: Member mtimes further than this from the capture minute in the file name are not trusted.
MTIME_TRUST = timedelta(hours=6)

#: Zone abbreviations journald headers print, with their UTC offsets. Unknown ones are ignored.
ZONE_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "MSK": 180, "IST": 330, "SGT": 480, "AWST": 480, "CST": -360, "CDT": -300, "JST": 540,
    "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
}


def infer_year(wall: datetime, anchor: datetime) -> datetime | None:
    """Give a year-less naive ``wall`` the latest year that does not put it after ``anchor``.

    ``anchor`` is the capture time as a naive local wall-clock reading.

    >>> infer_year(datetime(2000, 12, 28, 10, 0), datetime(2025, 1, 2, 8, 0))
    datetime.datetime(2024, 12, 28, 10, 0)
    >>> infer_year(datetime(2000, 2, 29, 1, 0), datetime(2024, 3, 5))
    datetime.datetime(2024, 2, 29, 1, 0)
    """
    limit = anchor + FUTURE_SLACK
    for year in range(limit.year, limit.year - 8, -1):
        try:
            candidate = wall.replace(year=year)
        except ValueError:  # Feb 29 outside a leap year
            continue
        if candidate <= limit:
            return candidate
    return None


@dataclass(slots=True)
class ClockEvidence:
    """Everything about time gathered while the bundle is read."""

    name_capture: datetime | None = None
    newest_mtime: datetime | None = None
    iptables_generated: datetime | None = None  # naive local, has a year
    curl_node_time: datetime | None = None  # UTC, node clock
    curl_server_date: datetime | None = None  # UTC, API server clock
    zone_pairs: list[timedelta] = field(default_factory=list)  # journald local minus logrus UTC
    header_zones: list[str] = field(default_factory=list)
    stamp_offsets: list[timedelta] = field(default_factory=list)  # from short-iso-precise journal lines
    btime: datetime | None = None
    dmesg_ctime: dict[str, datetime] = field(default_factory=dict)  # message -> naive local wall
    dmesg_boot: dict[str, float] = field(default_factory=dict)  # message -> seconds since boot

    def add_zone_pair(self, local: Stamp, utc: datetime) -> None:
        """Record one line that has a journald local prefix and a zoned payload time."""
        best: timedelta | None = None
        for year in (utc.year - 1, utc.year, utc.year + 1):
            try:
                diff = local.wall.replace(year=year) - utc.replace(tzinfo=None)
            except ValueError:
                continue
            if best is None or abs(diff) < abs(best):
                best = diff
        if best is not None and abs(best) <= timedelta(hours=15):
            self.zone_pairs.append(best)


@dataclass(frozen=True, slots=True)
class Clock:
    capture: datetime | None  # UTC
    capture_from: str | None
    zone: timedelta  # node local time = UTC + zone
    zone_from: str | None  # None: UTC assumed
    boot: datetime | None
    boot_from: str | None
    skews: tuple[ClockSkew, ...] = ()

    def to_utc(self, stamp: Stamp) -> tuple[datetime | None, TimeQuality]:
        """A stamp's UTC time and quality, without any payload cross-check."""
        if stamp.offset is not None and stamp.has_year:
            return (stamp.wall - stamp.offset).replace(tzinfo=UTC), TimeQuality.EXACT
        zone = stamp.offset if stamp.offset is not None else self.zone
        zone_known = stamp.offset is not None or self.zone_from is not None
        quality = TimeQuality.EXACT if zone_known else TimeQuality.ZONE_ASSUMED
        wall = stamp.wall
        if not stamp.has_year:
            if self.capture is None:
                return None, TimeQuality.NONE
            inferred = infer_year(stamp.wall, (self.capture + zone).replace(tzinfo=None))
            if inferred is None:
                return None, TimeQuality.NONE
            wall = inferred
            if quality is TimeQuality.EXACT:
                quality = TimeQuality.YEAR_INFERRED
        return (wall - zone).replace(tzinfo=UTC), quality

    def place(self, parsed: Parsed) -> tuple[datetime | None, TimeQuality, bool]:
        """UTC time, its quality, and whether the envelope and payload times disagree."""
        outer, inner = parsed.stamp, parsed.inner
        if outer is None and inner is None:
            if parsed.boot_seconds is not None and self.boot is not None:
                return self.boot + timedelta(seconds=parsed.boot_seconds), TimeQuality.FROM_BOOT_OFFSET, False
            return None, TimeQuality.NONE, False
        if outer is None or (_zoned(inner) and not _zoned(outer)):
            assert inner is not None
            ts, quality = self.to_utc(inner)
            return ts, quality, False
        disagree = False
        if inner is not None and not inner.has_year and inner.offset is None and outer.offset is None:
            # klog inside a journald/syslog line: same local clock, klog has microseconds.
            candidate = inner.wall.replace(year=outer.wall.year)
            if abs(candidate - outer.wall) <= KLOG_TOLERANCE:
                outer = Stamp(candidate, outer.has_year, None)
            else:
                disagree = True
        ts, quality = self.to_utc(outer)
        return ts, quality, disagree

    def info(self) -> ClockInfo:
        return ClockInfo(
            capture_time=self.capture,
            capture_time_from=self.capture_from,
            zone_offset_minutes=int(self.zone.total_seconds() // 60),
            zone_from=self.zone_from,
            boot_time=self.boot,
            boot_time_from=self.boot_from,
            skews=self.skews,
        )


def _zoned(stamp: Stamp | None) -> bool:
    return stamp is not None and stamp.has_year and stamp.offset is not None


def _round_zone(diff: timedelta) -> timedelta:
    quarter = 15 * 60
    return timedelta(seconds=round(diff.total_seconds() / quarter) * quarter)


def _zone(ev: ClockEvidence) -> tuple[timedelta, str | None]:
    if ev.zone_pairs:
        offset = _round_zone(timedelta(seconds=statistics.median(p.total_seconds() for p in ev.zone_pairs)))
        return offset, f"containerd journal: journald prefix vs logrus time= ({len(ev.zone_pairs)} lines)"
    for abbreviation in ev.header_zones:
        if abbreviation in ZONE_ABBREVIATIONS:
            return timedelta(minutes=ZONE_ABBREVIATIONS[abbreviation]), f"journal header zone {abbreviation}"
    if ev.stamp_offsets:
        offset = statistics.mode(ev.stamp_offsets)
        return offset, f"journal short-iso-precise offsets ({len(ev.stamp_offsets)} lines)"
    return timedelta(0), None


def _capture(ev: ClockEvidence, zone: timedelta) -> tuple[datetime | None, str | None]:
    named = ev.name_capture
    if ev.newest_mtime is not None and (named is None or abs(ev.newest_mtime - named) <= MTIME_TRUST):
        return ev.newest_mtime, "newest member mtime"
    if ev.curl_node_time is not None:
        return ev.curl_node_time, "curl_api_server header"
    if ev.iptables_generated is not None:
        return (ev.iptables_generated - zone).replace(tzinfo=UTC), "iptables-save header"
    if named is not None:
        return named, "bundle file name"
    return None, None


def _boot(ev: ClockEvidence, zone: timedelta) -> tuple[datetime | None, str | None, list[ClockSkew]]:
    pairs = [(ev.dmesg_ctime[m], ev.dmesg_boot[m]) for m in ev.dmesg_ctime if m in ev.dmesg_boot]
    from_ctime = [(wall - zone).replace(tzinfo=UTC) - timedelta(seconds=secs) for wall, secs in pairs]
    skews: list[ClockSkew] = []
    if ev.btime is not None:
        if from_ctime:
            drift = (statistics.median([t.timestamp() for t in from_ctime]) - ev.btime.timestamp())
            if abs(drift) >= 1:
                skews.append(ClockSkew("dmesg --ctime/btime", round(drift, 3),
                                       f"{len(pairs)} lines of dmesg.human.current vs btime + dmesg seconds"))
        return ev.btime, "procstat btime", skews
    if from_ctime:
        boot = datetime.fromtimestamp(statistics.median([t.timestamp() for t in from_ctime]), UTC)
        return boot, f"dmesg_ctime ({len(pairs)} lines paired with dmesg)", skews
    return None, None, skews


def build_clock(ev: ClockEvidence) -> Clock:
    zone, zone_from = _zone(ev)
    capture, capture_from = _capture(ev, zone)
    boot, boot_from, skews = _boot(ev, zone)
    if ev.curl_node_time is not None and ev.curl_server_date is not None:
        seconds = (ev.curl_node_time - ev.curl_server_date).total_seconds()
        skews.append(ClockSkew("node/api-server", round(seconds, 3),
                               "curl_api_server: curl header time vs date: response header"))
    if ev.zone_pairs and zone_from is not None:
        spread = max(abs(p - zone) for p in ev.zone_pairs)
        if spread >= timedelta(seconds=5):
            skews.append(ClockSkew("containerd_journal/logrus", round(spread.total_seconds(), 3),
                                   "largest gap between the journald prefix and containerd's own time="))
    return Clock(capture, capture_from, zone, zone_from, boot, boot_from, tuple(skews))


# -- readers of the snapshot lines that carry clock evidence ---------------------------------------
_CTIME = re.compile(
    r"(?:[A-Z][a-z]{2}) (?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) (?P<hms>\d{2}:\d{2}:\d{2}) (?P<year>\d{4})")
_CURL_HEADER = re.compile(
    r"^curling \S+ \(\d+ of \d+\) (?P<t>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)UTC")
_HTTP_DATE = re.compile(r"^< [Dd]ate: (?P<d>.+?)\s*$")
_BTIME = re.compile(r"^btime (\d+)$", re.MULTILINE)


def parse_ctime(text: str) -> datetime | None:
    """``Wed May  1 12:40:05 2024`` (anywhere in ``text``) -> naive datetime."""
    m = _CTIME.search(text)
    stamp = None if m is None else stamps.dated(m["year"], m["mon"], m["day"], m["hms"])
    return None if stamp is None else stamp.wall


def parse_btime(text: str) -> datetime | None:
    m = _BTIME.search(text)
    if m is None:
        return None
    try:
        return datetime.fromtimestamp(int(m.group(1)), UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_curl(text: str) -> tuple[datetime | None, datetime | None]:
    """First curl try's node time (UTC) and the API server's ``date:`` answer to it."""
    node: datetime | None = None
    for line in text.splitlines():
        if node is None:
            m = _CURL_HEADER.match(line)
            if m:
                node = datetime.fromisoformat(m["t"]).replace(tzinfo=UTC)
            continue
        m = _HTTP_DATE.match(line)
        if m:
            try:
                return node, parsedate_to_datetime(m["d"]).astimezone(UTC)
            except (TypeError, ValueError):
                return node, None
    return node, None
