#!/usr/bin/env python3
"""Deterministic generator of the sample EKS node log bundles in ``sample_bundles/``.

Stdlib only. Every sample is rebuilt byte for byte from the code below: seeded
``random.Random`` instances, fixed tar member owners and mtimes, gzip headers with
mtime 0. The layouts follow ``/work/shared/docs/bundle-layout.md`` (collector versions
0.5.1 to 0.7.9, the EKS node monitoring agent, a re-zipped bundle); the failure lines
follow ``failure-catalog.md``.

Usage::

    python sample_bundles/generate.py                 # rewrite the committed samples
    python sample_bundles/generate.py --check         # exit 1 if a committed sample differs
    python sample_bundles/generate.py --large OUT.tar.gz --size-mb 1024

The README next to this file says what each sample holds and which hypothesis it should
produce.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json  # noqa: TID251 - stdlib only on purpose: this script must run without the project installed
import random
import re
import sys
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
NS = 1_000_000_000
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DOW = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# ---------------------------------------------------------------------------------------
# time formatting (all times are integer nanoseconds since the epoch, UTC)
# ---------------------------------------------------------------------------------------


def ns_of(dt: datetime) -> int:
    """Nanoseconds since the epoch of an aware datetime (whole microseconds)."""
    delta = dt - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86400 + delta.seconds) * NS + delta.microseconds * 1000


def dt_of(ns: int, tz: tzinfo = UTC) -> datetime:
    """Aware datetime (whole seconds) of ``ns`` in zone ``tz``."""
    return datetime(1970, 1, 1, tzinfo=UTC).astimezone(tz) + timedelta(seconds=ns // NS)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def _off(dt: datetime, colon: bool = True) -> str:
    off = dt.utcoffset() or timedelta(0)
    if off == timedelta(0):
        return "Z"
    sign = "-" if off < timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return f"{sign}{mins // 60:02d}{':' if colon else ''}{mins % 60:02d}"


def _num_off(dt: datetime) -> str:
    """``+00:00`` style offset (never ``Z``)."""
    off = dt.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return f"{sign}{mins // 60:02d}:{mins % 60:02d}"


def jstamp(ns: int, tz: tzinfo = UTC) -> str:
    """journald ``short``: ``Oct 04 09:12:03`` (day zero padded)."""
    d = dt_of(ns, tz)
    return f"{MON[d.month - 1]} {d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def sstamp(ns: int, tz: tzinfo = UTC) -> str:
    """rsyslog BSD stamp: ``Oct  4 09:12:03`` (day space padded)."""
    d = dt_of(ns, tz)
    return f"{MON[d.month - 1]} {d.day:2d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def iso_precise(ns: int, tz: tzinfo = UTC) -> str:
    """journalctl ``short-iso-precise``: ``2026-09-30T08:01:02.123456+00:00``."""
    d = dt_of(ns, tz)
    return f"{d:%Y-%m-%dT%H:%M:%S}.{(ns % NS) // 1000:06d}{_num_off(d)}"


def klog_hdr(level: str, ns: int, tid: int, src: str, tz: tzinfo = UTC) -> str:
    d = dt_of(ns, tz)
    return f"{level}{d:%m%d %H:%M:%S}.{(ns % NS) // 1000:06d} {tid:7d} {src}] "


def zap_ts(ns: int) -> str:
    d = dt_of(ns)
    return f"{d:%Y-%m-%dT%H:%M:%S}.{(ns % NS) // 1_000_000:03d}Z"


def logrus_nano(ns: int, tz: tzinfo = UTC) -> str:
    d = dt_of(ns, tz)
    return f"{d:%Y-%m-%dT%H:%M:%S}.{ns % NS:09d}{_off(d)}"


def logrus_sec(ns: int) -> str:
    return f"{dt_of(ns):%Y-%m-%dT%H:%M:%S}Z"


def rfc3339nano(ns: int, tz: tzinfo = UTC) -> str:
    """Go ``RFC3339Nano``: trailing zeros of the fraction dropped."""
    d = dt_of(ns, tz)
    frac = f"{ns % NS:09d}".rstrip("0")
    return f"{d:%Y-%m-%dT%H:%M:%S}{'.' + frac if frac else ''}{_off(d)}"


def ctime(ns: int, tz: tzinfo = UTC) -> str:
    """``Wed Oct  1 09:12:03 2026`` (asctime)."""
    d = dt_of(ns, tz)
    return f"{DOW[d.weekday()]} {MON[d.month - 1]} {d.day:2d} {d:%H:%M:%S} {d.year}"


def journal_hdr_time(ns: int, tz: tzinfo, abbr: str) -> str:
    d = dt_of(ns, tz)
    return f"{DOW[d.weekday()]} {d:%Y-%m-%d %H:%M:%S} {abbr}"


def http_date(ns: int) -> str:
    d = dt_of(ns)
    return f"{DOW[d.weekday()]}, {d.day:02d} {MON[d.month - 1]} {d.year} {d:%H:%M:%S} GMT"


def rfc2822(ns: int, tz: tzinfo = UTC) -> str:
    d = dt_of(ns, tz)
    off = _num_off(d).replace(":", "")
    return f"{DOW[d.weekday()]}, {d.day:02d} {MON[d.month - 1]} {d.year} {d:%H:%M:%S} {off}"


def go_time(ns: int) -> str:
    """Go ``time.Time.String()`` in UTC, as kubelet prints podCreationTimestamp."""
    return f"{dt_of(ns):%Y-%m-%d %H:%M:%S} +0000 UTC"


# ---------------------------------------------------------------------------------------
# deterministic ids
# ---------------------------------------------------------------------------------------

POD_CHARS = "bcdfghjklmnpqrstvwxz2456789"


class Ids:
    """Seeded source of the random-looking identifiers a node is full of."""

    def __init__(self, seed: str) -> None:
        self.r = random.Random(seed)

    def hex(self, n: int) -> str:
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def cid(self) -> str:
        return self.hex(64)

    def uid(self) -> str:
        h = self.hex(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"

    def suffix(self, n: int = 5) -> str:
        return "".join(self.r.choice(POD_CHARS) for _ in range(n))

    def rs(self) -> str:
        return self.suffix(10)

    def eni(self) -> str:
        return "eni-0" + self.hex(16)

    def mac(self) -> str:
        return "0a:" + ":".join(self.hex(2) for _ in range(5))

    def reqid(self) -> str:
        return self.uid()

    def port(self) -> int:
        return self.r.randint(32768, 60999)

    def jitter(self, lo: float, hi: float) -> int:
        return int(self.r.uniform(lo, hi) * NS)


# ---------------------------------------------------------------------------------------
# archive writing
# ---------------------------------------------------------------------------------------


@dataclass
class Member:
    """One archive member: a directory (data is None), a file or a symlink."""

    name: str  # relative, no leading "./" and no trailing "/" ("" is the root)
    mtime: int  # epoch seconds
    data: bytes | None = None
    link: str | None = None

    @property
    def is_dir(self) -> bool:
        return self.data is None and self.link is None


def _gzip(raw: bytes, level: int, unix_os: bool) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=level, mtime=0) as gz:
        gz.write(raw)
    out = bytearray(buf.getvalue())
    if unix_os:
        out[9] = 3  # GNU gzip writes OS=Unix; Python writes 255
    return bytes(out)


def tar_bytes(members: list[Member], *, prefix: str, fmt: int, uname: str, gname: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for m in members:
            name = prefix + m.name if m.name else prefix or "."
            ti = tarfile.TarInfo(name)
            ti.mtime = m.mtime
            ti.uid = ti.gid = 0
            ti.uname, ti.gname = uname, gname
            if m.link is not None:
                ti.type = tarfile.SYMTYPE
                ti.linkname = m.link
                ti.mode = 0o777
                tar.addfile(ti)
            elif m.data is None:
                ti.type = tarfile.DIRTYPE
                ti.mode = 0o755
                if not ti.name.endswith("/"):
                    ti.name += "/"
                tar.addfile(ti)
            else:
                ti.size = len(m.data)
                ti.mode = 0o644
                tar.addfile(ti, io.BytesIO(m.data))
    return buf.getvalue()


def collector_targz(members: list[Member]) -> bytes:
    """What ``tar --create --gzip --directory=DIR .`` writes: ``./`` names, GNU format."""
    raw = tar_bytes(members, prefix="./", fmt=tarfile.GNU_FORMAT, uname="root", gname="root")
    return _gzip(raw, 6, unix_os=True)


def nma_targz(members: list[Member]) -> bytes:
    """Go ``archive/tar`` + ``compress/gzip`` of the node monitoring agent: no prefix, no dirs."""
    files = sorted((m for m in members if not m.is_dir), key=lambda m: m.name)
    raw = tar_bytes(files, prefix="", fmt=tarfile.USTAR_FORMAT, uname="root", gname="root")
    return _gzip(raw, 6, unix_os=False)


def wrapped_zip(members: list[Member], wrapper: str) -> bytes:
    """A user's re-pack of an extracted bundle: one wrapper directory, deflated zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for m in members:
            d = dt_of(m.mtime * NS)
            stamp = (d.year, d.month, d.day, d.hour, d.minute, d.second - d.second % 2)
            name = f"{wrapper}/{m.name}" if m.name else wrapper
            if m.is_dir:
                zi = zipfile.ZipInfo(name + "/", stamp)
                zi.external_attr = (0o40755 << 16) | 0x10
                zi.create_system = 3
                zf.writestr(zi, b"")
            else:
                zi = zipfile.ZipInfo(name, stamp)
                zi.external_attr = 0o100644 << 16
                zi.create_system = 3
                zi.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(zi, m.data or b"")
    return buf.getvalue()


_LISTING = [
    (r'-m comment --comment "([^"]*)"', r"/* \1 */"),
    (r"-m conntrack ! --ctstate (\S+)", r"! ctstate \1"),
    (r"-m conntrack --ctstate (\S+)", r"ctstate \1"),
    (r"-m mark ! --mark (\S+)", r"mark match ! \1"),
    (r"-m mark --mark (\S+)", r"mark match \1"),
    (r"-m (tcp|udp) --dport (\d+)", r"\1 dpt:\2"),
    (r"-m (tcp|udp)(?= |$)", r"\1"),
    (r"-m multiport --dports (\S+)", r"multiport dports \1"),
    (r"-m statistic --mode random --probability (\S+)", r"statistic mode random probability \1"),
    (r"-m addrtype ! --dst-type (\S+)", r"ADDRTYPE match dst-type !\1"),
    (r"-m addrtype --dst-type (\S+)", r"ADDRTYPE match dst-type \1"),
    (r"-m set --match-set (\S+) (\S+)", r"match-set \1 \2"),
    (r"-m nfacct --nfacct-name +(\S+)", r"nfacct-name  \1"),
    (r"--to-destination (\S+)", r"to:\1"),
    (r"--to-source (\S+)", r"to:\1"),
    (r"--random-fully", r"random-fully"),
    (r"--restore-mark --nfmask (0x[0-9a-f]+) --ctmask (0x[0-9a-f]+)", r"CONNMARK restore mask \1"),
]


def listing_options(opts: str, target: str = "") -> str:
    """Turn iptables-save match options into what ``iptables -L -v`` prints."""
    for pat, rep in _LISTING:
        opts = re.sub(pat, rep, opts)

    def xmark(m: re.Match[str]) -> str:
        val, mask = int(m.group(1), 16), int(m.group(2), 16)
        if val == mask:
            return f"{target} or 0x{val:x}"
        if val == 0:
            return f"{target} and 0x{0xFFFFFFFF ^ mask:x}"
        return f"{target} xset 0x{val:x}/0x{mask:x}"

    return re.sub(r"--set-xmark (0x[0-9a-f]+)/(0x[0-9a-f]+)", xmark, opts)


# ---------------------------------------------------------------------------------------
# collector script features, keyed by the date of the script revision that ran
# (bundle-layout.md §4; dates of the commits on amazon-eks-ami main)
# ---------------------------------------------------------------------------------------

FEATURES: dict[str, date] = {
    "json_ipamd": date(2020, 4, 29),  # ipamd/*.txt -> *.json, metrics.txt -> metrics.json
    "conntrack": date(2020, 6, 3),
    "ipam_json": date(2020, 6, 5),
    "name_at_start": date(2020, 6, 5),
    "iptables_footer": date(2020, 12, 8),
    "containerd_dir": date(2021, 2, 25),
    "multicard": date(2021, 3, 11),
    "sandbox_dir": date(2021, 8, 10),
    "messages_100m": date(2022, 6, 17),
    "ps_threads": date(2022, 8, 8),  # also inodes.txt, cpu_throttling.txt, ctr listings
    "procstat": date(2022, 8, 8),  # 0.7.0: io_throttling.txt, procstat.txt, allprocstat.txt
    "net_checks": date(2022, 8, 23),  # 0.7.1: xfs.txt, ping_*, curl_api_server.txt, resolv.conf
    "pod_local_storage": date(2022, 9, 21),
    "region": date(2022, 11, 10),  # 0.7.3: region/AZ, containerd SIGUSR1 dump
    "ethtool": date(2023, 4, 10),
    "user_data_log": date(2023, 5, 24),
    "modinfo": date(2023, 7, 6),
    "cni_vars": date(2023, 10, 21),
    "nodeadm": date(2024, 2, 16),
    "ipv6": date(2024, 3, 4),
    "svc_unable": date(2024, 3, 6),
    "cron": date(2024, 5, 2),
    "large_env": date(2024, 5, 17),
    "ebpf": date(2024, 5, 17),
    "fstab": date(2024, 6, 14),
    "gpu": date(2024, 6, 26),
    "kubelet_config_al2": date(2024, 8, 9),
    "last_reboot": date(2024, 8, 21),
    "systemd_analyze": date(2024, 10, 17),
    "ipvs": date(2024, 10, 18),
    "only_if_installed": date(2024, 12, 17),
    "ipvs_fix": date(2025, 3, 25),
    "io_zero_fix": date(2025, 5, 15),
    "systemd_network": date(2025, 6, 26),
    "aws_node_dir": date(2025, 7, 18),
    "nodeadm_boot_hook": date(2025, 11, 1),
    "nma_pod_logs": date(2026, 2, 5),
    "ebpf_cp": date(2026, 3, 20),
}

INSTANCE_TYPES: dict[str, tuple[int, int, int, int]] = {
    # type: (vCPU, MiB, max ENIs, IPv4 per ENI)
    "m5.large": (2, 7834, 3, 10),
    "m5.xlarge": (4, 15781, 4, 15),
    "m5.2xlarge": (8, 31665, 4, 15),
    "t3.medium": (2, 3904, 3, 6),
}


@dataclass
class Node:
    """Everything a scenario can vary about one node and its collector run."""

    key: str
    os: str  # "al2023" | "al2"
    collector: str  # PROGRAM_VERSION in the file name
    script_date: date
    capture: datetime  # UTC second the collector started (the minute is in the file name)
    boot: datetime
    instance_id: str
    ip: str
    region: str = "us-west-2"
    az: str = "us-west-2a"
    instance_type: str = "m5.large"
    tz: tzinfo = UTC
    tzabbr: str = "UTC"
    kubelet_ver: str = "v1.33.5-eks-113cf36"
    cp_ver: str = "v1.33.4-eks-e386d34"
    kube_proxy_tag: str = "v1.33.3-eksbuild.6"
    kube_proxy_ver: str = "v1.33.3-eks-e386d34"
    cni_ver: str = "v1.20.4-eksbuild.2"
    np_agent_tag: str = "v1.2.5-eksbuild.1"
    coredns_tag: str = "v1.12.2-eksbuild.4"
    pia_tag: str = "v0.1.33"
    containerd_ver: str = "2.0.5"
    containerd_pkg: str = "containerd-2.0.5-1.amzn2023.0.2.x86_64"
    runc_ver: str = "1.2.6"
    kernel: str = "6.1.156-177.286.amzn2023.x86_64"
    kernel_build: str = "#1 SMP PREEMPT_DYNAMIC Tue Sep 22 18:41:02 UTC 2026"
    release: str = "2023.9.20260922"
    runtime: str = "containerd"  # or "docker" (dockershim)
    docker_ver: str = ""
    max_pods: int = 29
    cluster: str = "shop-prod"
    endpoint: str = "https://4F2A9C1E0B7D3E5A6C8B9D0E1F2A3B4C.gr7.us-west-2.eks.amazonaws.com"
    api_vip: str = "10.100.0.1"
    service_cidr: str = "10.100.0.0/16"
    dns_ip: str = "10.100.0.10"
    vpc_cidr: str = "10.0.0.0/16"
    subnet_cidr: str = "10.0.0.0/19"
    account: str = "111122223333"
    node_name: str = ""  # defaults to the private DNS name
    hostname: str = ""  # what journald records as _HOSTNAME (defaults to node_name)
    ami: str = "ami-0c4f7b2e9a1d3c5e7"
    nodegroup: str = "ng-general"
    server_tls_bootstrap: bool = True
    delayacct: bool = False
    ipv6: bool = True  # ip6tables etc. exist
    seed_extra: str = ""
    name_time: datetime | None = None  # collectors before 2020-06-05 named the file at the end of the run
    file_instance: str | None = None  # instance id in the file name when it differs (2020-08..11: empty)

    @property
    def vpc_id(self) -> str:
        """The cluster's VPC: the same in every bundle of its nodes (own seed, so it draws nothing from the node's)."""
        return f"vpc-0{Ids('vpc:' + self.cluster).hex(16)}"

    @property
    def dns_suffix(self) -> str:
        return "ec2.internal" if self.region == "us-east-1" else f"{self.region}.compute.internal"

    @property
    def fqdn(self) -> str:
        return f"ip-{self.ip.replace('.', '-')}.{self.dns_suffix}"

    @property
    def short(self) -> str:
        return (self.hostname or self.fqdn).split(".")[0]

    @property
    def name(self) -> str:
        return self.node_name or self.fqdn

    @property
    def host(self) -> str:
        return self.hostname or self.name

    @property
    def iface(self) -> str:
        return "ens5" if self.os == "al2023" else "eth0"

    @property
    def iface2(self) -> str:
        return "ens6" if self.os == "al2023" else "eth1"

    @property
    def ecr(self) -> str:
        return f"602401143452.dkr.ecr.{self.region}.amazonaws.com"

    @property
    def k8s_minor(self) -> int:
        return int(self.kubelet_ver.split(".")[1])

    @property
    def cp_minor(self) -> int:
        return int(self.cp_ver.split(".")[1])

    @property
    def cni_minor(self) -> tuple[int, int]:
        parts = self.cni_ver.lstrip("v").split("-")[0].split(".")
        return int(parts[1]), int(parts[2])

    @property
    def vcpu(self) -> int:
        return INSTANCE_TYPES[self.instance_type][0]

    @property
    def mem_mib(self) -> int:
        return INSTANCE_TYPES[self.instance_type][1]

    @property
    def eni_max(self) -> int:
        return INSTANCE_TYPES[self.instance_type][2]

    @property
    def ips_per_eni(self) -> int:
        return INSTANCE_TYPES[self.instance_type][3]

    @property
    def eni_max_pods(self) -> int:
        return self.eni_max * (self.ips_per_eni - 1) + 2

    @property
    def capture_ns(self) -> int:
        return ns_of(self.capture)

    @property
    def boot_ns(self) -> int:
        return ns_of(self.boot)

    @property
    def since_ns(self) -> int:
        """``DAYS_10``: ten days before the start, minute resolution, local time."""
        t = self.capture_ns - 10 * 86400 * NS
        return t - t % (60 * NS)

    def has(self, feature: str) -> bool:
        return self.script_date >= FEATURES[feature]

    @property
    def tarball_name(self) -> str:
        stamp = f"{self.name_time or self.capture:%Y-%m-%d_%H%M}-UTC"
        inst = self.instance_id if self.file_instance is None else self.file_instance
        return f"eks_{inst}_{stamp}_{self.collector}.tar.gz"


@dataclass
class JRec:
    """One journal entry. ``unit`` is what ``journalctl -u`` filters on."""

    ns: int
    unit: str
    ident: str
    pid: int | None
    msg: str
    kernel: bool = False


@dataclass
class Pod:
    ns: str
    name: str
    uid: str
    host_network: bool
    containers: list[str]
    ip: str = ""
    sandbox: str = ""
    created: int = 0
    init: list[str] = field(default_factory=list)


@dataclass
class Container:
    pod: Pod
    name: str
    cid: str
    restart: int
    started: int
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # (ns, stream, text)
    image: str = ""
    exited: int | None = None
    exit_code: int = 0

    def log(self, ns: int, text: str, stream: str = "stderr") -> None:
        self.lines.append((ns, stream, text))

    @property
    def flat_name(self) -> str:
        return f"{self.pod.name}_{self.pod.ns}_{self.name}-{self.cid}.log"

    @property
    def pod_dir(self) -> str:
        return f"{self.pod.ns}_{self.pod.name}_{self.pod.uid}"


def cri_lines(c: Container, tz: tzinfo, max_line: int = 16384) -> bytes:
    """CRI log file as containerd writes it: long lines split into ``P`` records."""
    out: list[bytes] = []
    for ns, stream, text in sorted(c.lines, key=lambda x: x[0]):
        raw = text.encode("utf-8", "surrogateescape")
        step = 0
        while len(raw) > max_line:
            out.append(f"{rfc3339nano(ns + step, tz)} {stream} P ".encode() + raw[:max_line] + b"\n")
            raw = raw[max_line:]
            step += 1731
        out.append(f"{rfc3339nano(ns + step, tz)} {stream} F ".encode() + raw + b"\n")
    return b"".join(out)


def docker_json_lines(c: Container) -> bytes:
    out: list[str] = []
    for ns, stream, text in sorted(c.lines, key=lambda x: x[0]):
        payload = json.dumps(text + "\n", ensure_ascii=False)
        payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        out.append(f'{{"log":{payload},"stream":"{stream}","time":"{rfc3339nano(ns)}"}}\n')
    return "".join(out).encode("utf-8", "surrogateescape")


# ---------------------------------------------------------------------------------------
# the simulation: one node, its log streams and the state the snapshots print
# ---------------------------------------------------------------------------------------

_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/@^+")


def goq(s: str) -> str:
    """Go ``%q`` (as logrus uses for values that need quoting)."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def logfmt(key: str, val: str) -> str:
    if val and all(c in _PLAIN for c in val):
        return f"{key}={val}"
    return f"{key}={goq(val)}"


def jdump(obj: object, indent: int | None = None) -> str:
    if indent is None:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(obj, indent=indent, ensure_ascii=False)


class Sim:
    """Builds every stream of one node. Scenarios call the helpers, then ``render``."""

    def __init__(self, node: Node) -> None:
        self.n = node
        self.ids = Ids(node.key + node.seed_extra)
        self.r = self.ids.r
        self.j: list[JRec] = []
        self.ipamd: list[tuple[int, str]] = []
        self.plugin: list[tuple[int, str]] = []
        self.egress: list[tuple[int, str]] = []
        self.npa: list[tuple[int, str]] = []
        self.seelog_plugin: list[tuple[int, str]] = []
        self.containers: list[Container] = []
        self.pods: dict[str, Pod] = {}
        self.dmesg: list[tuple[int, str]] = []
        self.cloud_init: list[str] = []
        self.cloud_init_output: list[bytes] = []
        self.cron_log: list[tuple[int, str]] = []
        self.extra_var_log: dict[str, bytes] = {}
        self.kpid = 0
        self.cpid = 0
        self.dpid = 0
        self.kubelet_started = 0
        self.containerd_started = 0
        self.next_pid = 1600
        self.procs: list[dict[str, object]] = []
        # scenario knobs
        self.ipamd_up = True
        self.ipamd_ever_up = False
        self.ipamd_started = node.boot_ns
        self.no_ip_count = 0
        self.cni_at_boot = False
        self.hostname_at: int | None = 0 if not node.hostname else node.boot_ns
        self.conflist = True
        self.extra_cni: dict[str, str] = {}
        self.kube_chains = True
        self.snat_rules = True
        self.external_snat = False
        self.calico = False
        self.flushed = False
        self.env_over: dict[str, str] = {}
        self.kcfg_over: dict[str, object] = {}
        self.io_rows: dict[str, int] = {}
        self.sysctl_over: dict[str, str] = {}
        self.empty: set[str] = set()
        self.missing: set[str] = set()
        self.ping_ok = (False, True)  # amazon.com (ICMP dropped), public.ecr.aws
        self.long_ps_line = False
        self.long_cri_line = False
        self.invalid_utf8 = False
        self.policy_drops = 0
        self.eni_count = 2
        self.assigned_override: int | None = None
        self.aws_api_errors: dict[tuple[str, str], int] = {}
        self.stack_dump = node.has("region") and node.runtime == "containerd"
        self.previous_dumps: list[int] = []
        self.udev_ifaces: list[str] = []
        self.app_images: list[str] = []
        self.ipam_checkpoint: list[dict[str, object]] = []
        self.journal_begin = node.boot_ns
        self.messages_since: int | None = None
        self.when: dict[str, int] = {}
        self._last_reconcile = node.boot_ns
        self._ip_pool: list[str] = []
        self._ip_used: set[str] = set()
        self.enis: list[dict[str, object]] = []
        self._init_enis()

    # ----- small helpers ----------------------------------------------------------------

    def pid(self) -> int:
        self.next_pid += self.r.randint(3, 40)
        return self.next_pid

    def j_add(self, ns: int, unit: str, ident: str, pid: int | None, msg: str) -> None:
        self.j.append(JRec(ns, unit, ident, pid, msg))

    def sysd(self, ns: int, unit: str, msg: str) -> None:
        self.j_add(ns, unit, "systemd", 1, msg)

    def unit_desc(self, unit: str, desc: str) -> str:
        """systemd 219 prints only the description; 252 prefixes the unit name."""
        return f"{unit}.service - {desc}" if self.n.os == "al2023" else desc

    def kubelet(self, ns: int, lvl: str, src: str, msg: str) -> None:
        self.j_add(ns, "kubelet", "kubelet", self.kpid, klog_hdr(lvl, ns, self.kpid, src, self.n.tz) + msg)

    def kubelet_raw(self, ns: int, msg: str) -> None:
        self.j_add(ns, "kubelet", "kubelet", self.kpid, msg)

    def ctrd(self, ns: int, lvl: str, msg: str, **kv: str) -> None:
        extra = "".join(" " + logfmt(k, v) for k, v in kv.items())
        line = f'time="{logrus_nano(ns, self.n.tz)}" level={lvl} msg={goq(msg)}{extra}'
        if self.n.runtime == "docker":
            self.j_add(ns, "containerd", "containerd", self.cpid, line)
        else:
            self.j_add(ns, "containerd", "containerd", self.cpid, line)

    def dockerd(self, ns: int, lvl: str, msg: str, **kv: str) -> None:
        extra = "".join(" " + logfmt(k, v) for k, v in kv.items())
        line = f'time="{logrus_nano(ns, self.n.tz)}" level={lvl} msg={goq(msg)}{extra}'
        self.j_add(ns, "docker", "dockerd", self.dpid, line)

    def kern(self, ns: int, text: str) -> None:
        self.dmesg.append((ns, text))
        self.j.append(JRec(ns, "kernel", "kernel", None, text, kernel=True))

    def zap(self, ns: int, lvl: str, caller: str, msg: str, **extra: object) -> str:
        obj: dict[str, object] = {"level": lvl, "ts": zap_ts(ns), "caller": caller, "msg": msg}
        obj.update(extra)
        return jdump(obj)

    def ipamd_log(self, ns: int, lvl: str, caller: str, msg: str) -> None:
        if self.n.cni_minor < (6, 1):
            lv = {"info": "INFO", "debug": "DEBUG", "error": "ERROR", "warn": "WARN"}[lvl]
            d = dt_of(ns)
            self.ipamd.append((ns, f"{d:%Y-%m-%dT%H:%M:%S}.{(ns % NS) // 1_000_000:03d}Z [{lv}]\t{msg}"))
        else:
            self.ipamd.append((ns, self.zap(ns, lvl, caller, msg)))

    def plugin_log(self, ns: int, lvl: str, caller: str, msg: str) -> None:
        if self.n.cni_minor < (6, 1):
            lv = {"info": "INFO", "debug": "DEBUG", "error": "ERROR", "warn": "WARN"}[lvl]
            d = dt_of(ns)
            self.plugin.append((ns, f"{d:%Y-%m-%dT%H:%M:%S}.{(ns % NS) // 1_000_000:03d}Z [{lv}]\t{msg}"))
        else:
            self.plugin.append((ns, self.zap(ns, lvl, caller, msg)))

    @property
    def structured(self) -> bool:
        return self.n.k8s_minor >= 22

    # ----- addressing ---------------------------------------------------------------------

    def _init_enis(self) -> None:
        n = self.n
        base = n.ip.rsplit(".", 1)[0]
        last = int(n.ip.rsplit(".", 1)[1])
        per = n.ips_per_eni - 1
        used = {last}
        pool: list[str] = []
        for d in range(n.eni_max):
            ips = []
            while len(ips) < per:
                cand = self.r.randint(10, 250)
                if cand not in used:
                    used.add(cand)
                    ips.append(f"{base}.{cand}")
            prim = n.ip
            if d > 0:
                c = self.r.randint(10, 250)
                while c in used:
                    c = self.r.randint(10, 250)
                used.add(c)
                prim = f"{base}.{c}"
            self.enis.append({
                "id": self.ids.eni(), "mac": self.ids.mac(), "device": d, "primary": prim,
                "ips": ips, "table": d + 1 if d else 254,
            })
            pool.extend(ips)
        self._ip_pool = pool

    def active_enis(self) -> list[dict[str, object]]:
        return self.enis[: self.eni_count]

    def alloc_ip(self) -> str:
        limit = sum(len(e["ips"]) for e in self.active_enis())  # type: ignore[arg-type]
        for ip in self._ip_pool[:limit]:
            if ip not in self._ip_used:
                self._ip_used.add(ip)
                return ip
        return ""

    def free_ip(self, ip: str) -> None:
        self._ip_used.discard(ip)

    # ----- pods ---------------------------------------------------------------------------

    def pod(self, ns: str, name: str, containers: list[str], host_network: bool = False,
            init: list[str] | None = None) -> Pod:
        p = Pod(ns=ns, name=name, uid=self.ids.uid(), host_network=host_network, containers=containers,
                init=init or [])
        self.pods[f"{ns}/{name}"] = p
        return p

    def container(self, p: Pod, name: str, started: int, restart: int = 0, image: str = "") -> Container:
        c = Container(pod=p, name=name, cid=self.ids.cid(), restart=restart, started=started, image=image)
        self.containers.append(c)
        return c

    def image_of(self, name: str) -> str:
        n = self.n
        return {
            "aws-node": f"{n.ecr}/amazon-k8s-cni:{n.cni_ver}",
            "aws-vpc-cni-init": f"{n.ecr}/amazon-k8s-cni-init:{n.cni_ver}",
            "aws-eks-nodeagent": f"{n.ecr}/amazon/aws-network-policy-agent:{n.np_agent_tag}",
            "kube-proxy": f"{n.ecr}/eks/kube-proxy:{n.kube_proxy_tag}",
            "coredns": f"{n.ecr}/eks/coredns:{n.coredns_tag}",
            "eks-pod-identity-agent": f"{n.ecr}/eks/eks-pod-identity-agent:{n.pia_tag}",
            "eks-pod-identity-agent-init": f"{n.ecr}/eks/eks-pod-identity-agent:{n.pia_tag}",
        }.get(name, name)

    def pause_image(self) -> str:
        n = self.n
        if n.os == "al2023":
            return "localhost/kubernetes/pause:latest"
        return f"{n.ecr}/eks/pause:3.5" if n.k8s_minor >= 21 else f"{n.ecr}/eks/pause-amd64:3.1"

    def start_pod(self, t: int, p: Pod, images: dict[str, str] | None = None, pull: bool = False,
                  cni_ok: bool = True) -> int:
        """Kubelet, containerd and CNI lines of a pod start. Returns the time it was running."""
        n = self.n
        p.created = t
        p.sandbox = self.ids.cid()
        key = f"{p.ns}/{p.name}"
        t += self.ids.jitter(0.05, 0.4)
        if self.structured:
            self.kubelet(t, "I", "util.go:30", f'"No sandbox for pod can be found. Need to start a new one" pod="{key}"')
        meta = f"&PodSandboxMetadata{{Name:{p.name},Uid:{p.uid},Namespace:{p.ns},Attempt:0,}}"
        if n.runtime == "containerd":
            self.ctrd(t + 200_000, "info", f"RunPodSandbox for {meta}")
        if not p.host_network and cni_ok:
            t += self.ids.jitter(0.2, 0.6)
            p.ip = self.alloc_ip()
            self.cni_add(t, p)
        t += self.ids.jitter(0.3, 0.9)
        if n.runtime == "containerd":
            if n.containerd_ver.startswith("2"):
                self.ctrd(t - 50_000_000, "info", f"connecting to shim {p.sandbox}",
                          address=f"unix:///run/containerd/s/{self.ids.hex(64)}", namespace="k8s.io",
                          protocol="ttrpc", version="3")
            self.ctrd(t, "info", f'RunPodSandbox for {meta} returns sandbox id "{p.sandbox}"')
        for cname in p.init + p.containers:
            img = (images or {}).get(cname) or self.image_of(cname)
            if pull:
                t = self.pull(t, img)
            cid_c = self.container(p, cname, t, image=img)
            if n.runtime == "containerd":
                self.ctrd(t, "info", f'CreateContainer within sandbox "{p.sandbox}" for container '
                          f"&ContainerMetadata{{Name:{cname},Attempt:0,}}")
                t += self.ids.jitter(0.02, 0.2)
                self.ctrd(t, "info", f'CreateContainer within sandbox "{p.sandbox}" for '
                          f'&ContainerMetadata{{Name:{cname},Attempt:0,}} returns container id "{cid_c.cid}"')
                self.ctrd(t + 1_000_000, "info", f'StartContainer for "{cid_c.cid}"')
                t += self.ids.jitter(0.05, 0.3)
                self.ctrd(t, "info", f'StartContainer for "{cid_c.cid}" returns successfully')
            cid_c.started = t
            if p.ns not in ("kube-system",) and cname not in p.init and not p.host_network:
                cid_c.log(t + 210_000_000, f"{cname} starting, version {img.rsplit(':', 1)[-1]}", "stdout")
                cid_c.log(t + 480_000_000, "Listening on 0.0.0.0:8080", "stdout")
            if cname in p.init:
                cid_c.exited = t + self.ids.jitter(0.5, 2.0)
                t = cid_c.exited
        t += self.ids.jitter(0.1, 0.5)
        if self.structured:
            self.kubelet(t, "I", "kubelet.go:2573", f'"SyncLoop (PLEG): event for pod" pod="{key}" '
                         f'event={{"ID":"{p.uid}","Type":"ContainerStarted","Data":"{p.sandbox}"}}')
            dur = (t - p.created) / NS
            self.kubelet(t + 3_000_000, "I", "pod_startup_latency_tracker.go:104",
                         f'"Observed pod startup duration" pod="{key}" podStartSLOduration={dur:.6f} '
                         f'podStartE2EDuration="{dur:.6f}s" podCreationTimestamp="{go_time(p.created - NS)}" '
                         f'firstStartedPulling="0001-01-01 00:00:00 +0000 UTC" '
                         f'lastFinishedPulling="0001-01-01 00:00:00 +0000 UTC" '
                         f'observedRunningTime="{go_time(t)}" watchObservedRunningTime="{go_time(t)}"')
        else:
            self.kubelet(t, "I", "kubelet.go:1953", f'SyncLoop (PLEG): "{p.name}_{p.ns}({p.uid})", '
                         f'event: &pleg.PodLifecycleEvent{{ID:"{p.uid}", Type:"ContainerStarted", Data:"{p.sandbox}"}}')
        return t

    def pull(self, t: int, image: str, secs: float | None = None) -> int:
        n = self.n
        dur = secs if secs is not None else self.r.uniform(1.2, 6.5)
        if n.runtime == "containerd":
            self.ctrd(t, "info", f'PullImage "{image}"')
            t += int(dur * NS)
            digest = "sha256:" + self.ids.hex(64)
            self.ctrd(t - 20_000_000, "info", f"ImageCreate event name:\"{image}\" "
                      f"labels:{{key:\"io.cri-containerd.image\" value:\"managed\"}}")
            size = self.r.randint(8_000_000, 90_000_000)
            self.ctrd(t, "info", f'Pulled image "{image}" with image id "{digest}", repo tag "{image}", '
                      f'repo digest "{image.rsplit(":", 1)[0]}@sha256:{self.ids.hex(64)}", size "{size}" '
                      f'in {dur:.9f}s')
            self.ctrd(t + 1_000_000, "info", f'PullImage "{image}" returns image reference "{digest}"')
        else:
            t += int(dur * NS)
        return t

    def stop_pod(self, t: int, p: Pod, grace: int = 30) -> int:
        n = self.n
        key = f"{p.ns}/{p.name}"
        if self.structured:
            self.kubelet(t, "I", "kubelet.go:2557", f'"SyncLoop DELETE" source="api" pods=["{key}"]')
        else:
            self.kubelet(t, "I", "kubelet.go:1924", f'SyncLoop (DELETE, "api"): "{p.name}_{p.ns}({p.uid})"')
        live = [c for c in self.containers if c.pod is p and c.exited is None]
        for c in live:
            if self.structured:
                self.kubelet(t + 400_000, "I", "kuberuntime_container.go:809",
                             f'"Killing container with a grace period" pod="{key}" podUID="{p.uid}" '
                             f'containerName="{c.name}" containerID="containerd://{c.cid}" gracePeriod={grace}')
            if n.runtime == "containerd":
                self.ctrd(t + 900_000, "info", f'StopContainer for "{c.cid}" with timeout {grace} (s)')
                self.ctrd(t + 1_300_000, "info", f'Stop container "{c.cid}" with signal terminated')
        t += self.ids.jitter(0.4, 2.5)
        for c in live:
            c.exited = t
            if n.runtime == "containerd":
                self.ctrd(t, "info", "shim disconnected", id=c.cid, namespace="k8s.io")
                self.ctrd(t + 100_000, "warning", "cleaning up after shim disconnected", id=c.cid,
                          namespace="k8s.io")
                self.ctrd(t + 4_000_000, "info", f'StopContainer for "{c.cid}" returns successfully')
        if n.runtime == "containerd":
            self.ctrd(t + 5_000_000, "info", f'StopPodSandbox for "{p.sandbox}"')
        if not p.host_network and p.ip:
            self.cni_del(t + 8_000_000, p)
        if n.runtime == "containerd":
            self.ctrd(t + 90_000_000, "info", f'TearDown network for sandbox "{p.sandbox}" successfully')
            self.ctrd(t + 95_000_000, "info", f'StopPodSandbox for "{p.sandbox}" returns successfully')
        t += self.ids.jitter(0.3, 1.0)
        if self.structured:
            self.kubelet(t, "I", "kubelet.go:2551", f'"SyncLoop REMOVE" source="api" pods=["{key}"]')
            for c in live:
                self.kubelet(t + 2_000_000, "I", "scope.go:117", f'"RemoveContainer" containerID="{c.cid}"')
        if n.runtime == "containerd":
            for c in live:
                self.ctrd(t + 3_000_000, "info", f'RemoveContainer for "{c.cid}"')
                self.ctrd(t + 9_000_000, "info", f'RemoveContainer for "{c.cid}" returns successfully')
        # kubelet garbage-collects the container log directory of a removed pod
        self.containers = [c for c in self.containers if c.pod is not p]
        self.pods.pop(key, None)
        if p.ip:
            self.free_ip(p.ip)
        return t

    # ----- CNI (plugin.log + ipamd.log) ---------------------------------------------------

    def netns(self) -> str:
        return f"/var/run/netns/cni-{self.ids.uid()}"

    def veth(self, p: Pod) -> str:
        return "eni" + self.ids.hex(11)

    def cni_add(self, t: int, p: Pod) -> None:
        n = self.n
        args = (f"K8S_POD_INFRA_CONTAINER_ID={p.sandbox};K8S_POD_UID={p.uid};IgnoreUnknown=1;"
                f"K8S_POD_NAMESPACE={p.ns};K8S_POD_NAME={p.name}")
        nsp = self.netns()
        stdin = ('{"cniVersion":"0.4.0","mtu":"9001","name":"aws-cni","pluginLogFile":'
                 '"/var/log/aws-routed-eni/plugin.log","pluginLogLevel":"DEBUG","podSGEnforcingMode":'
                 '"standard","type":"aws-cni","vethPrefix":"eni"}')
        if n.cni_minor < (6, 1):
            self.plugin_log(t, "info", "", f"Received CNI add request: ContainerID({p.sandbox}) Netns({nsp}) "
                            f"IfName(eth0) Args({args}) Path(/opt/cni/bin) argsStdinData({stdin})")
        else:
            self.plugin_log(t, "info", "routed-eni-cni-plugin/cni.go:125",
                            f"Received CNI add request: ContainerID({p.sandbox}) Netns({nsp}) IfName(eth0) "
                            f"Args({args}) Path(/opt/cni/bin) argsStdinData({stdin})")
        t += 2_000_000
        if not self.ipamd_up:
            if n.cni_minor < (7, 0):
                err = ("rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest "
                       "connection error: connection error: desc = \"transport: Error while dialing dial tcp "
                       "127.0.0.1:50051: connect: connection refused\"")
            else:
                dialing = "Error while dialing:" if n.cni_minor >= (15, 0) else "Error while dialing"
                err = (f"rpc error: code = Unavailable desc = connection error: desc = \"transport: {dialing} "
                       f"dial tcp 127.0.0.1:50051: connect: connection refused\"")
            self.plugin_log(t, "error", "routed-eni-cni-plugin/cni.go:283",
                            f"Error received from AddNetwork grpc call for containerID {p.sandbox}: {err}")
            p.ip = ""
            return
        ip = p.ip
        if not ip:
            self.ipamd_no_ip(t, p)
            return
        if n.cni_minor >= (6, 1):
            self.ipamd_log(t, "info", "rpc/rpc.pb.go:863",
                           f"Received AddNetwork for NS {nsp}, Sandbox {p.sandbox}, ifname eth0")
            self.ipamd_log(t + 300_000, "debug", "rpc/rpc.pb.go:863",
                           f'AddNetworkRequest: K8S_POD_NAME:"{p.name}" K8S_POD_NAMESPACE:"{p.ns}" '
                           f'K8S_POD_INFRA_CONTAINER_ID:"{p.sandbox}" ContainerID:"{p.sandbox}" IfName:"eth0" '
                           f'NetworkName:"aws-cni" Netns:"{nsp}"')
            eni = self.eni_of(ip)
            if n.cni_minor >= (20, 0):
                self.ipamd_log(t + 900_000, "info", "rpc/rpc.pb.go:863",
                               f"Assigned IP from network card: 0 -> IPv4: {ip}, IPv6: , device number: "
                               f"{eni['device']}, ")
                self.ipamd_log(t + 1_100_000, "info", "rpc/rpc.pb.go:863",
                               f'Send AddNetworkReply: Success: true IPAddr: [ipv4_addr:"{ip}" device_number:'
                               f'{eni["device"]} route_table_id:{eni["table"]}], resp: Success:true '
                               f'IPAllocationMetadata:{{IPv4Addr:"{ip}" DeviceNumber:{eni["device"]} '
                               f'RouteTableId:{eni["table"]}}} VPCv4CIDRs:"{n.vpc_cidr}" '
                               f'NetworkPolicyMode:"standard", err: <nil>')
            else:
                self.ipamd_log(t + 1_100_000, "info", "rpc/rpc.pb.go:863",
                               f"Send AddNetworkReply: IPv4Addr: {ip}, IPv6Addr: , DeviceNumber: {eni['device']}, "
                               f"err: <nil>")
            self.plugin_log(t + 1_500_000, "info", "routed-eni-cni-plugin/cni.go:125",
                            f"Received add network response from ipamd for container {p.sandbox} interface "
                            f"eth0: Success:true  IPv4Addr:\"{ip}\"  DeviceNumber:{eni['device']}  "
                            f"VPCv4CIDRs:\"{n.vpc_cidr}\"")
            self.plugin_log(t + 1_800_000, "debug", "driver/driver.go:280",
                            f"SetupPodNetwork: hostVethName={self.veth(p)}, contVethName=eth0, netnsPath={nsp}, "
                            f"ipAddr={ip}/32, routeTableNumber={eni['table']}, mtu=9001")
        else:
            self.ipamd_log(t, "info", "", f"Received AddNetwork for NS {nsp}, Pod {p.name}, NameSpace {p.ns}, "
                           f"Sandbox {p.sandbox}, ifname eth0")
            self.ipamd_log(t + 1_000_000, "info", "", f"Send AddNetworkReply: IPv4Addr {ip}, DeviceNumber: "
                           f"{self.eni_of(ip)['device']}, err: <nil>")
            self.plugin_log(t + 1_500_000, "info", "", f"Received add network response for pod {p.name} "
                            f"namespace {p.ns} sandbox {p.sandbox}: {ip}, table 0, external-SNAT: false, "
                            f"vpcCIDR: [{n.vpc_cidr}]")
        self.ipam_checkpoint.append({
            "networkName": "aws-cni", "containerID": p.sandbox, "ifName": "eth0", "ipv4": ip,
            "allocationTimestamp": t, "metadata": {"k8sPodNamespace": p.ns, "k8sPodName": p.name},
        })

    def cni_del(self, t: int, p: Pod) -> None:
        n = self.n
        nsp = self.netns()
        args = (f"K8S_POD_INFRA_CONTAINER_ID={p.sandbox};K8S_POD_UID={p.uid};IgnoreUnknown=1;"
                f"K8S_POD_NAMESPACE={p.ns};K8S_POD_NAME={p.name}")
        caller = "routed-eni-cni-plugin/cni.go:283" if n.cni_minor >= (6, 1) else ""
        self.plugin_log(t, "info", caller, f"Received CNI del request: ContainerID({p.sandbox}) Netns({nsp}) "
                        f"IfName(eth0) Args({args}) Path(/opt/cni/bin) argsStdinData(...)")
        if n.cni_minor >= (6, 1):
            self.ipamd_log(t + 700_000, "info", "rpc/rpc.pb.go:881", f"Received DelNetwork for Sandbox {p.sandbox}")
            self.ipamd_log(t + 1_200_000, "info", "rpc/rpc.pb.go:881",
                           f"Send DelNetworkReply: IPAddress: [ipv4_addr:\"{p.ip}\"], err: <nil>"
                           if n.cni_minor >= (20, 0) else
                           f"Send DelNetworkReply: IPv4Addr {p.ip}, DeviceNumber: {self.eni_of(p.ip)['device']}, "
                           f"err: <nil>")
        self.ipam_checkpoint = [a for a in self.ipam_checkpoint if a["containerID"] != p.sandbox]

    def ipamd_no_ip(self, t: int, p: Pod) -> None:
        n = self.n
        nsp = self.netns()
        fn = "AssignPodIPAddress" if n.cni_minor >= (20, 0) else "AssignPodIPv4Address"
        self.ipamd_log(t, "info", "rpc/rpc.pb.go:863", f"Received AddNetwork for NS {nsp}, Sandbox {p.sandbox}, "
                       f"ifname eth0")
        self.ipamd_log(t + 400_000, "debug", "datastore/data_store.go:848",
                       f"{fn}: no available IP/Prefix addresses")
        self.ipamd_log(t + 500_000, "error", "datastore/data_store.go:848", "DataStore has no available IP/Prefix "
                       "addresses")
        self.ipamd_log(t + 700_000, "info", "rpc/rpc.pb.go:863",
                       f"Send AddNetworkReply: Success: false IPAddr: [], resp: Success:false, err: "
                       f"{fn}: no available IP/Prefix addresses")
        self.plugin_log(t + 900_000, "error", "routed-eni-cni-plugin/cni.go:283",
                        f"Failed to assign an IP address to container {p.sandbox}")

    def eni_of(self, ip: str) -> dict[str, object]:
        for e in self.enis:
            if ip in e["ips"]:  # type: ignore[operator]
                return e
        return self.enis[0]


    # ----- boot -------------------------------------------------------------------------

    def boot(self, user_data: list[bytes] | None = None, extra_args: str = "") -> dict[str, int]:
        """Kernel, systemd, cloud-init/nodeadm, containerd and kubelet start. Returns key times."""
        n = self.n
        b = n.boot_ns
        self._dmesg_boot(b)
        t = b + int(3.9 * NS)
        if n.os == "al2":
            for unit, desc in [("systemd-journald", "Journal Service"), ("rsyslog", "System Logging Service"),
                               ("chronyd", "NTP client/server"), ("network", "LSB: Bring up/down networking")]:
                self.sysd(t, unit, f"Starting {desc}...")
                t += self.ids.jitter(0.05, 0.4)
                self.sysd(t, unit, f"Started {desc}.")
            self.j_add(t + NS, "network", "dhclient", 2211, f"DHCPREQUEST on {n.iface} to 255.255.255.255 port 67 "
                       f"(xid=0x{self.ids.hex(8)})")
            self.j_add(t + int(1.1 * NS), "network", "dhclient", 2211, f"DHCPACK from {n.subnet_cidr.split('/')[0][:-1]}1 "
                       f"(xid=0x{self.ids.hex(8)})")
            self.j_add(t + int(1.2 * NS), "network", "dhclient", 2211, f"bound to {n.ip} -- renewal in 1683 seconds.")
            self.j_add(t + int(2.4 * NS), "chronyd", "chronyd", 2190, "Selected source 169.254.169.123")
        else:
            for unit, desc in [("systemd-networkd", "Network Configuration"), ("chronyd", "NTP client/server")]:
                self.sysd(t, unit, f"Starting {unit}.service - {desc}...")
                t += self.ids.jitter(0.05, 0.4)
                self.sysd(t, unit, f"Started {unit}.service - {desc}.")
            self.j_add(t + int(2.4 * NS), "chronyd", "chronyd", 1734, "Selected source 169.254.169.123")
        t = b + int(7.5 * NS)
        times: dict[str, int] = {}
        if n.os == "al2023":
            # nodeadm-config runs before cloud-init; nodeadm-run (containerd, kubelet) after cloud-final
            t = self._nodeadm(t, "config", times)
            t = self._cloud_init(t + self.ids.jitter(0.1, 0.3))
            t = self.cloud_final(t + self.ids.jitter(1.5, 3.0), user_data or [], took=2.0 + 3 * bool(user_data))
            if n.hostname:
                self.hostname_at = t - NS
            self._nodeadm(t + self.ids.jitter(0.2, 0.5), "run", times)
            return times
        t = self._cloud_init(t)
        times["containerd"] = t = self.start_containerd(t + self.ids.jitter(0.2, 0.6))
        if n.runtime == "containerd" and n.has("sandbox_dir"):
            t = self._sandbox_image(t)
        t += self.ids.jitter(6.0, 9.0)
        boot_lines = self.bootstrap_sh(t, extra_args)
        times["kubelet"] = self.start_kubelet(t + self.ids.jitter(3.0, 4.5))
        self.cloud_final(t - self.ids.jitter(0.5, 1.0), boot_lines + (user_data or []), took=8.0 + 4 * bool(user_data))
        return times

    def _dmesg_boot(self, b: int) -> None:
        n = self.n
        mem_k = n.mem_mib * 1024
        lines = [
            (0.0, f"Linux version {n.kernel} (mockbuild@ip-10-0-36-243) (gcc (GCC) 11.5.0 20240719 (Red Hat "
                  f"11.5.0-5), GNU ld version 2.41-50.amzn2023.0.3) {n.kernel_build}"
             if n.os == "al2023" else
             f"Linux version {n.kernel} (mockbuild@ip-10-0-1-118) (gcc version 7.3.1 20180712 (Red Hat 7.3.1-17) "
             f"(GCC)) {n.kernel_build}"),
            (0.0, f"Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz-{n.kernel} root=UUID=3f9a2c1e-7b4d-4e8a-9c0f-"
                  f"5d6e7a8b9c01 ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295 "
                  f"rd.emergency=poweroff rd.shell=0 selinux=1 security=selinux quiet"),
            (0.0, "BIOS-provided physical RAM map:"),
            (0.0, "BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable"),
            (0.0, "BIOS-e820: [mem 0x0000000000100000-0x00000000bffe9fff] usable"),
            (0.0, "NX (Execute Disable) protection: active"),
            (0.0, "SMBIOS 2.7 present."),
            (0.0, f"DMI: Amazon EC2 {n.instance_type}/, BIOS 1.0 10/16/2017"),
            (0.0, "Hypervisor detected: KVM"),
            (0.0, "kvm-clock: Using msrs 4b564d01 and 4b564d00"),
            (0.000001, "kvm-clock: using sched offset of 7120362081 cycles"),
            (0.000004, "clocksource: kvm-clock: mask: 0xffffffffffffffff max_cycles: 0x1cd42e4dffb, max_idle_ns: "
                       "881590591483 ns"),
            (0.000008, "tsc: Detected 2499.998 MHz processor"),
            (0.004112, "last_pfn = 0xbffea max_arch_pfn = 0x400000000"),
            (0.012077, "ACPI: Early table checksum verification disabled"),
            (0.031544, f"Memory: {mem_k - 401233}K/{mem_k + 67044}K available (16393K kernel code, 5787K "
                       f"rwdata, 5012K rodata, 3728K init, 5400K bss, 363788K reserved, 0K cma-reserved)"),
            (0.114721, "smpboot: CPU0: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz (family: 0x6, model: 0x55, "
                       "stepping: 0x7)"),
            (0.118422, f"smp: Brought up 1 node, {n.vcpu} CPUs"),
            (0.301337, "nvme nvme0: pci function 0000:00:04.0"),
            (0.312018, f"nvme nvme0: {n.vcpu}/0/0 default/read/poll queues"),
            (0.315224, " nvme0n1: p1 p127 p128"),
            (0.390034, "ena 0000:00:05.0: ENA device version: 0.10"),
            (0.390571, "ena 0000:00:05.0: ENA controller version: 0.0.1 implementation version 1"),
            (0.449218, f"ena 0000:00:05.0: Elastic Network Adapter (ENA) found at mem febf4000, mac addr "
                       f"{self.enis[0]['mac']}"),
            (1.010111, "XFS (nvme0n1p1): Mounting V5 Filesystem"),
            (1.107331, "XFS (nvme0n1p1): Ending clean mount"),
            (1.690233, "systemd[1]: systemd 252.23-2.amzn2023 running in system mode (+PAM +AUDIT +SELINUX -APPARMOR "
                       "+IMA +SMACK +SECCOMP -GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 "
                       "-IDN -IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT -QRENCODE +TPM2 +BZIP2 "
                       "+LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK +XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)"
             if n.os == "al2023" else
             "systemd[1]: systemd 219 running in system mode. (+PAM +AUDIT +SELINUX +IMA -APPARMOR +SMACK +SYSVINIT "
             "+UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 -SECCOMP +BLKID +ELFUTILS +KMOD +IDN)"),
            (1.690871, "systemd[1]: Detected virtualization amazon."),
            (1.690901, "systemd[1]: Detected architecture x86-64."),
            (2.043120, "ena 0000:00:05.0 ens5: renamed from eth0" if n.os == "al2023" else
             "ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.8.3g"),
            (3.118120, "xfs filesystem being remounted at /tmp supports timestamps until 2038 (0x7fffffff)"
             if n.os == "al2" else "systemd-journald[1123]: Received client request to flush runtime journal."),
            (9.402001, "Initializing XFRM netlink socket"),
            (9.861234, "Bridge firewalling registered"),
        ]
        for off, text in lines:
            self.kern(b + int(off * NS), text)

    def _cloud_init(self, t: int) -> int:
        n = self.n
        tz = n.tz
        up = (t - n.boot_ns) / NS
        ver = "22.2.2" if n.os == "al2023" else "19.3-46.amzn2"
        d = dt_of(t, tz)
        self.cloud_init.append(f"{d:%Y-%m-%d %H:%M:%S},{(t % NS) // 1_000_000:03d} - util.py[DEBUG]: Cloud-init v. "
                               f"{ver} running 'init-local' at {rfc2822(t, tz)}. Up {up:.2f} seconds.")
        t2 = t + int(1.6 * NS)
        d = dt_of(t2, tz)
        self.cloud_init.append(f"{d:%Y-%m-%d %H:%M:%S},{(t2 % NS) // 1_000_000:03d} - util.py[DEBUG]: Cloud-init v. "
                               f"{ver} running 'init' at {rfc2822(t2, tz)}. Up {up + 1.6:.2f} seconds.")
        self.cloud_init.append(f"{d:%Y-%m-%d %H:%M:%S},{(t2 % NS) // 1_000_000 + 12:03d} - "
                               f"DataSourceEc2.py[DEBUG]: Found preferred metadata version 2021-03-23")
        self.cloud_init_output.append(f"Cloud-init v. {ver} running 'init' at {rfc2822(t2, tz)}. Up "
                                      f"{up + 1.6:.2f} seconds.".encode())
        self.cloud_init_output.append(b"ci-info: ++++++++++++++++++++++++++++++++++++++Net device info"
                                      b"+++++++++++++++++++++++++++++++++++++++")
        self.cloud_init_output.append(f"ci-info: | {n.iface}  | True | {n.ip} | 255.255.224.0 | global | "
                                      f"{self.enis[0]['mac']} |".encode())
        self.sysd(t, "cloud-init", "Starting Initial cloud-init job (metadata service crawler)..."
                  if n.os == "al2" else "Starting cloud-init.service - Cloud-init: Network Stage...")
        self.sysd(t2 + int(0.8 * NS), "cloud-init", "Started Initial cloud-init job (metadata service crawler)."
                  if n.os == "al2" else "Finished cloud-init.service - Cloud-init: Network Stage.")
        return t2 + NS

    def cloud_final(self, t: int, body: list[bytes], took: float = 14.0) -> int:
        """The ``modules:final`` stage that runs user data (AL2: bootstrap.sh)."""
        n = self.n
        ver = "22.2.2" if n.os == "al2023" else "19.3-46.amzn2"
        up = (t - n.boot_ns) / NS
        self.cloud_init_output.append(f"Cloud-init v. {ver} running 'modules:final' at {rfc2822(t, n.tz)}. Up "
                                      f"{up:.2f} seconds.".encode())
        self.cloud_init_output.extend(body)
        end = t + int(took * NS)
        self.cloud_init_output.append(f"Cloud-init v. {ver} finished at {rfc2822(end, n.tz)}. Datasource "
                                      f"DataSourceEc2Local.  Up {(end - n.boot_ns) / NS:.2f} seconds".encode())
        d = dt_of(end, n.tz)
        self.cloud_init.append(f"{d:%Y-%m-%d %H:%M:%S},{(end % NS) // 1_000_000:03d} - util.py[DEBUG]: "
                               f"cloud-init mode 'modules' took {took:.3f} seconds ({took:.2f})")
        return end

    def bootstrap_sh(self, t: int, extra_args: str = "") -> list[bytes]:
        """AL2 ``/etc/eks/bootstrap.sh`` output (BS lines since 2023-04 AMIs)."""
        n = self.n
        out: list[bytes] = []
        if n.script_date >= date(2023, 4, 1):
            def bs(dt: int, msg: str) -> None:
                d = dt_of(dt, n.tz)
                out.append(f"{d:%Y-%m-%dT%H:%M:%S}{_num_off(d).replace(':', '')} [eks-bootstrap] {msg}".encode())
            bs(t, "INFO: starting...")
            bs(t, "INFO: --b64-cluster-ca='...'")
            bs(t, f"INFO: --apiserver-endpoint='{n.endpoint}'")
            if extra_args:
                bs(t, f"INFO: --kubelet-extra-args='{extra_args}'")
            bs(t + NS, "INFO: Using kubelet version " + n.kubelet_ver.split("-")[0].lstrip("v"))
            bs(t + NS, "INFO: Using containerd as the container runtime")
            bs(t + 2 * NS, "INFO: Using IP family: ipv4")
            bs(t + 3 * NS, "INFO: complete!")
        else:
            out.append(b"Using kubelet version " + n.kubelet_ver.split("-")[0].lstrip("v").encode())
            out.append(b"true")
            if n.runtime == "containerd":
                out.append(b"Using containerd as the container runtime")
                out.append(b"true")
                out.append("\u2018/etc/eks/containerd/containerd-config.toml\u2019 -> "
                           "\u2018/etc/containerd/config.toml\u2019".encode())
                out.append("\u2018/etc/eks/containerd/sandbox-image.service\u2019 -> "
                           "\u2018/etc/systemd/system/sandbox-image.service\u2019".encode())
                out.append(b"Created symlink from /etc/systemd/system/multi-user.target.wants/sandbox-image.service "
                           b"to /etc/systemd/system/sandbox-image.service.")
                out.append("\u2018/etc/eks/containerd/kubelet-containerd.service\u2019 -> "
                           "\u2018/etc/systemd/system/kubelet.service\u2019".encode())
            out.append(b"Created symlink from /etc/systemd/system/multi-user.target.wants/kubelet.service to "
                       b"/etc/systemd/system/kubelet.service.")
        return out

    def _nodeadm(self, t: int, phase: str, times: dict[str, int]) -> int:
        n = self.n
        unit = f"nodeadm-{phase}"
        desc = "EKS Nodeadm Config" if phase == "config" else "EKS Nodeadm Run"
        self.sysd(t, unit, f"Starting {unit}.service - {desc}...")
        pid = self.pid()
        t += self.ids.jitter(0.2, 0.5)

        def na(msg: str, dt: float = 0.01) -> None:
            nonlocal t
            t += int(dt * NS)
            self.j_add(t, unit, "nodeadm", pid, msg)

        na("info init/init.go:55 Checking user is root..")
        na('info init/init.go:65 Loading configuration.. {"configSource": ["imds://user-data"], '
           '"configCache": "/run/eks/nodeadm/config.json"}', 0.02)
        na("info init/init.go:75 Setting up nodeadm environment aspect...")
        if phase == "config":
            na("info init/init.go:84 Enriching configuration..")
            na("info init/init.go:164 Fetching kubelet version..")
            na(f'info init/init.go:170 Fetched kubelet version {{"version": "{n.kubelet_ver}"}}', 0.3)
            na("info init/init.go:171 Fetching instance details..")
            details = (f'{{"id": "{n.instance_id}", "region": "{n.region}", "type": "{n.instance_type}", '
                       f'"availabilityZone": "{n.az}", "mac": "{self.enis[0]["mac"]}", "privateDnsName": '
                       f'"{n.fqdn}"}}')
            na(f'info init/init.go:201 Instance details populated {{"details": {details}}}', 0.6)
            na("info init/init.go:202 Fetching default options...")
            na('info init/init.go:206 Default options populated {"defaults": {"sandboxImage": '
               '"localhost/kubernetes/pause:latest"}}')
        flags = self.nodeadm_flags()
        cfg = (f'{{"metadata": {{"creationTimestamp": null}}, "spec": {{"cluster": {{"name": "{n.cluster}", '
               f'"apiServerEndpoint": "{n.endpoint}", "certificateAuthority": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t'
               f'Ck1JSURCVENDQWUyZ0F3SUJBZ0lJVmx0eTU=", "cidr": "{n.service_cidr}"}}, "containerd": {{}}, '
               f'"instance": {{"localStorage": {{}}}}, "kubelet": {{"config": {{"maxPods": {n.max_pods}}}, '
               f'"flags": {jdump(flags)}}}}}, "status": {{"instance": {{"id": "{n.instance_id}", "region": '
               f'"{n.region}", "type": "{n.instance_type}", "availabilityZone": "{n.az}", "mac": '
               f'"{self.enis[0]["mac"]}", "privateDnsName": "{n.fqdn}"}}, "default": {{"sandboxImage": '
               f'"localhost/kubernetes/pause:latest"}}, "kubeletVersion": "{n.kubelet_ver}"}}}}')
        na(f'info init/init.go:89 Loaded configuration {{"config": {cfg}}}')
        na("info init/init.go:91 Validating configuration..")
        na("info init/init.go:96 Creating daemon manager..")
        if phase == "config":
            na("info init/init.go:120 Setting up system config aspects...")
            for asp in ("instance-environment", "resolve"):
                na(f'info init/init.go:252 Setting up system aspect.. {{"name": "{asp}"}}')
                na(f'info init/init.go:256 Set up system aspect {{"name": "{asp}"}}', 0.02)
            na("info init/init.go:129 Configuring daemons...")
            na('info init/init.go:217 Configuring daemon... {"name": "containerd"}')
            na('info containerd/config.go:53 Writing containerd config to file.. {"path": '
               '"/etc/containerd/config.toml"}')
            na('info init/init.go:221 Configured daemon {"name": "containerd"}')
            na('info init/init.go:217 Configuring daemon... {"name": "kubelet"}')
            na(f'info kubelet/config.go:420 Setup IP for node {{"ip": "{n.ip}"}}')
            na('info kubelet/config.go:369 Writing kubelet config to file.. {"path": '
               '"/etc/kubernetes/kubelet/config.json"}')
            na('info init/init.go:221 Configured daemon {"name": "kubelet"}')
        else:
            na("info init/init.go:141 Setting up system run aspects...")
            for asp in ("marker", "local-disk"):
                na(f'info init/init.go:252 Setting up system aspect.. {{"name": "{asp}"}}')
                na(f'info init/init.go:256 Set up system aspect {{"name": "{asp}"}}', 0.02)
            na("info init/init.go:150 Running daemons...")
            for dmn in ("containerd", "kubelet"):
                na(f'info init/init.go:233 Ensuring daemon is running.. {{"name": "{dmn}"}}')
                started = (self.start_containerd if dmn == "containerd" else self.start_kubelet)(t + 20_000_000)
                times[dmn] = started
                t = max(t, (self.containerd_started if dmn == "containerd" else self.kubelet_started) + 60_000_000)
                na(f'info init/init.go:237 Daemon is running {{"name": "{dmn}"}}', 0.05)
                na(f'info init/init.go:239 Running post-launch tasks.. {{"name": "{dmn}"}}')
                if dmn == "containerd":
                    na('info containerd/sandbox.go:20 Looking up current sandbox image in containerd config..')
                    na('info containerd/sandbox.go:32 Found sandbox image {"image": '
                       '"localhost/kubernetes/pause:latest"}', 0.05)
                    na('info containerd/sandbox.go:34 Fetching ECR authorization token..')
                    na('info containerd/sandbox.go:54 Pulling sandbox image.. {"image": '
                       '"localhost/kubernetes/pause:latest"}', 0.1)
                    na('info containerd/sandbox.go:59 Finished pulling sandbox image {"image-ref": '
                       f'"sha256:{self.ids.hex(64)}"}}', 0.3)
                na(f'info init/init.go:243 Finished post-launch tasks {{"name": "{dmn}"}}')
        na(f'info init/init.go:156 done! {{"duration": "{self.r.uniform(0.6, 2.4):.9f}s"}}')
        t += self.ids.jitter(0.05, 0.2)
        self.sysd(t, unit, f"{unit}.service: Deactivated successfully.")
        self.sysd(t + 200_000, unit, f"Finished {unit}.service - {desc}.")
        return t

    def nodeadm_flags(self) -> list[str]:
        n = self.n
        return [f"--node-labels=eks.amazonaws.com/nodegroup-image={n.ami},eks.amazonaws.com/capacityType=ON_DEMAND,"
                f"eks.amazonaws.com/nodegroup={n.nodegroup}"]

    def _sandbox_image(self, t: int) -> int:
        desc = "pull sandbox image defined in containerd config.toml"
        self.sysd(t, "sandbox-image", f"Starting {desc}...")
        t += self.ids.jitter(1.5, 3.5)
        self.sysd(t, "sandbox-image", f"Started {desc}.")
        return t

    def start_containerd(self, t: int) -> int:
        n = self.n
        if n.runtime == "docker":
            return self.start_dockerd(t)
        self.cpid = self.pid()
        self.containerd_started = t
        self.sysd(t, "containerd", "Starting " + self.unit_desc("containerd", "containerd container runtime") + "...")
        t += self.ids.jitter(0.02, 0.08)
        rev = self.ids.hex(40)
        self.ctrd(t, "info", "starting containerd", revision=rev, version=f"v{n.containerd_ver}")
        plugins = [
            ("io.containerd.image-verifier.v1.bindir", "io.containerd.image-verifier.v1"),
            ("io.containerd.internal.v1.opt", "io.containerd.internal.v1"),
            ("io.containerd.warning.v1.deprecations", "io.containerd.warning.v1"),
            ("io.containerd.content.v1.content", "io.containerd.content.v1"),
            ("io.containerd.snapshotter.v1.native", "io.containerd.snapshotter.v1"),
            ("io.containerd.snapshotter.v1.overlayfs", "io.containerd.snapshotter.v1"),
            ("io.containerd.event.v1.exchange", "io.containerd.event.v1"),
            ("io.containerd.monitor.task.v1.cgroups", "io.containerd.monitor.task.v1"),
            ("io.containerd.metadata.v1.bolt", "io.containerd.metadata.v1"),
            ("io.containerd.gc.v1.scheduler", "io.containerd.gc.v1"),
            ("io.containerd.runtime.v2.task", "io.containerd.runtime.v2"),
            ("io.containerd.grpc.v1.cri", "io.containerd.grpc.v1"),
        ]
        for pid_, typ in plugins:
            t += self.ids.jitter(0.0005, 0.003)
            self.ctrd(t, "info", "loading plugin", id=pid_, type=typ) if n.containerd_ver >= "1.7" else \
                self.ctrd(t, "info", f'loading plugin "{pid_}"...', type=typ)
        t += self.ids.jitter(0.005, 0.02)
        self.ctrd(t, "info", "Connect containerd service")
        self.ctrd(t + 300_000, "info", "using experimental NRI integration - disable nri plugin to prevent this")
        if not self.cni_at_boot:
            self.ctrd(t + 900_000, "error", "failed to load cni during init, please check CRI plugin status before "
                      "setting up network for pods", error="cni config load failed: no network config found in "
                      "/etc/cni/net.d: cni plugin not initialized: failed to load cni config")
        t += self.ids.jitter(0.002, 0.01)
        self.ctrd(t, "info", "serving...", address="/run/containerd/containerd.sock.ttrpc")
        self.ctrd(t + 40_000, "info", "serving...", address="/run/containerd/containerd.sock")
        for m in ("Start subscribing containerd event", "Start recovering state", "Start event monitor",
                  "Start cni network conf syncer for default", "Start streaming server"):
            t += self.ids.jitter(0.0005, 0.004)
            self.ctrd(t, "info", m)
        self.ctrd(t + 100_000, "info", f"containerd successfully booted in {self.r.uniform(0.04, 0.12):.6f}s")
        t += self.ids.jitter(0.01, 0.05)
        self.sysd(t, "containerd", "Started " + self.unit_desc("containerd", "containerd container runtime") + ".")
        return t

    def start_dockerd(self, t: int) -> int:
        n = self.n
        self.dpid = self.pid()
        self.sysd(t, "docker", "Starting Docker Application Container Engine...")
        t += self.ids.jitter(0.3, 0.8)
        self.dockerd(t, "info", "Starting up")
        self.dockerd(t + 2_000_000, "info", "parsed scheme: \"unix\"", module="grpc")
        self.dockerd(t + 2_100_000, "info", "ccResolverWrapper: sending update to cc: {[{unix:///run/containerd/"
                     "containerd.sock 0  <nil>}] <nil>}", module="grpc")
        self.dockerd(t + 40_000_000, "info", "[graphdriver] using prior storage driver: overlay2")
        self.dockerd(t + 90_000_000, "info", "Loading containers: start.")
        self.dockerd(t + 400_000_000, "info", "Default bridge (docker0) is assigned with an IP address 172.17.0.0/16. "
                     "Daemon option --bip can be used to set a preferred IP address")
        self.dockerd(t + 520_000_000, "info", "Loading containers: done.")
        self.dockerd(t + 560_000_000, "info", "Docker daemon", commit=self.ids.hex(7), graphdriver="overlay2",
                     version=n.docker_ver)
        self.dockerd(t + 570_000_000, "info", "Daemon has completed initialization")
        self.dockerd(t + 600_000_000, "info", "API listen on /var/run/docker.sock")
        t += int(0.61 * NS)
        self.sysd(t, "docker", "Started Docker Application Container Engine.")
        return t


    # ----- kubelet ----------------------------------------------------------------------

    def kubelet_flags(self) -> str:
        n = self.n
        if n.os == "al2023":
            return (f"--config=/etc/kubernetes/kubelet/config.json --config-dir=/etc/kubernetes/kubelet/config.json.d "
                    f"--kubeconfig=/var/lib/kubelet/kubeconfig --image-credential-provider-bin-dir=/etc/eks/image-"
                    f"credential-provider --image-credential-provider-config=/etc/eks/image-credential-provider/"
                    f"config.json --node-ip={n.ip} --cloud-provider=external --hostname-override={n.name} "
                    f"--node-labels=eks.amazonaws.com/nodegroup-image={n.ami},eks.amazonaws.com/capacityType="
                    f"ON_DEMAND,eks.amazonaws.com/nodegroup={n.nodegroup}")
        parts = ["--config /etc/kubernetes/kubelet/kubelet-config.json", "--kubeconfig /var/lib/kubelet/kubeconfig"]
        if n.runtime == "containerd":
            parts.append("--container-runtime-endpoint unix:///run/containerd/containerd.sock")
            if n.k8s_minor < 27:
                parts.insert(2, "--container-runtime remote")
        else:
            parts.append("--network-plugin cni --cni-bin-dir=/opt/cni/bin --cni-conf-dir=/etc/cni/net.d")
        parts.append(f"--node-ip={n.ip} --pod-infra-container-image={self.pause_image()} --v=2")
        if n.k8s_minor >= 26:
            parts.append("--cloud-provider=external" if n.k8s_minor >= 27 else "--cloud-provider=aws")
        elif n.k8s_minor >= 14:
            parts.append("--cloud-provider=aws")
        if n.k8s_minor >= 24:
            parts.append("--hostname-override=" + n.name)
        parts.append(f"--node-labels=eks.amazonaws.com/nodegroup-image={n.ami},eks.amazonaws.com/capacityType="
                     f"ON_DEMAND,eks.amazonaws.com/nodegroup={n.nodegroup}")
        return " ".join(parts)

    def start_kubelet(self, t: int, restart: bool = False) -> int:
        n = self.n
        self.kpid = self.pid()
        self.kubelet_started = t
        desc = "Kubernetes Kubelet"
        self.sysd(t, "kubelet", "Starting " + self.unit_desc("kubelet", desc) + "...")
        t += self.ids.jitter(0.01, 0.05)
        self.sysd(t, "kubelet", "Started " + self.unit_desc("kubelet", desc) + ".")
        t += self.ids.jitter(0.2, 0.5)
        def k(lvl: str, src: str, msg: str, dt: float = 0.002) -> None:
            nonlocal t
            t += int(dt * NS) + self.r.randint(20_000, 900_000)
            self.kubelet(t, lvl, src, msg)

        if not self.structured:
            self._kubelet_start_legacy(k)
            return t
        ver = n.kubelet_ver
        if n.os == "al2" and n.k8s_minor < 27:
            k("I", "server.go:199", '"--pod-infra-container-image will not be pruned by the image garbage collector in '
              'kubelet and should also be set in the remote runtime"')
        k("I", "server.go:530", f'"Kubelet version" kubeletVersion="{ver}"')
        k("I", "server.go:532", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""')
        k("I", "dynamic_cafile_content.go:161", '"Starting controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"',
          0.03)
        k("I", "server.go:1423", '"Using cgroup driver setting received from the CRI runtime" cgroupDriver="systemd"',
          0.05)
        k("I", "server.go:781", '"--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /"')
        reserved_mem = 255 + 11 * n.max_pods
        node_cfg = (f'{{"NodeName":"{n.name}","RuntimeCgroupsName":"/runtime.slice/containerd.service",'
                    f'"SystemCgroupsName":"","KubeletCgroupsName":"/runtime.slice/kubelet.service",'
                    f'"KubeletOOMScoreAdj":-999,"ContainerRuntime":"","CgroupsPerQOS":true,"CgroupRoot":"/",'
                    f'"CgroupDriver":"systemd","KubeletRootDir":"/var/lib/kubelet","ProtectKernelDefaults":true,'
                    f'"KubeReservedCgroupName":"/runtime","SystemReservedCgroupName":"","ReservedSystemCPUs":{{}},'
                    f'"EnforceNodeAllocatable":{{"pods":{{}}}},"KubeReserved":{{"cpu":"70m","ephemeral-storage":'
                    f'"1Gi","memory":"{reserved_mem}Mi"}},"SystemReserved":null,"HardEvictionThresholds":'
                    f'[{{"Signal":"memory.available","Operator":"LessThan","Value":{{"Quantity":"100Mi",'
                    f'"Percentage":0}},"GracePeriod":0,"MinReclaim":null}},{{"Signal":"nodefs.available",'
                    f'"Operator":"LessThan","Value":{{"Quantity":null,"Percentage":0.1}},"GracePeriod":0,'
                    f'"MinReclaim":null}},{{"Signal":"nodefs.inodesFree","Operator":"LessThan","Value":'
                    f'{{"Quantity":null,"Percentage":0.05}},"GracePeriod":0,"MinReclaim":null}}],'
                    f'"QOSReserved":{{}},"CPUManagerPolicy":"none","CPUManagerPolicyOptions":null,'
                    f'"TopologyManagerScope":"container","CPUManagerReconcilePeriod":10000000000,'
                    f'"ExperimentalMemoryManagerPolicy":"None","ExperimentalMemoryManagerReservedMemory":null,'
                    f'"PodPidsLimit":-1,"EnforceCPULimits":true,"CPUCFSQuotaPeriod":100000000,'
                    f'"TopologyManagerPolicy":"none","TopologyManagerPolicyOptions":null,"CgroupVersion":'
                    f'{2 if n.os == "al2023" else 1}}}')
        k("I", "container_manager_linux.go:273", f'"Creating Container Manager object based on Node Config" '
          f"nodeConfig={node_cfg}")
        k("I", "topology_manager.go:138", '"Creating topology manager with none policy"')
        k("I", "container_manager_linux.go:304", '"Creating device plugin manager"')
        k("I", "state_mem.go:36", '"Initialized new in-memory state store"')
        k("I", "kubelet.go:480", '"Attempting to sync node with API server"')
        k("I", "kubelet.go:387", '"Adding apiserver pod source"')
        rt_ver = n.containerd_ver if n.runtime == "containerd" else n.docker_ver
        k("I", "kuberuntime_manager.go:279", f'"Container runtime initialized" containerRuntime="containerd" '
          f'version="{rt_ver}" apiVersion="v1"', 0.04)
        k("I", "server.go:1287", '"Started kubelet"', 0.01)
        k("I", "server.go:180", '"Starting to listen" address="0.0.0.0" port=10250')
        k("I", "server.go:479", '"Adding debug handlers to kubelet server"')
        k("I", "fs_resource_analyzer.go:67", '"Starting FS ResourceAnalyzer"')
        k("I", "volume_manager.go:297", '"Starting Kubelet Volume Manager"')
        k("I", "desired_state_of_world_populator.go:150", '"Desired state populator starts to run"')
        k("I", "reconciler.go:26", '"Reconciler: start to sync state"')
        k("I", "factory.go:221", "Registration of the containerd container factory successfully")
        k("I", "kubelet_network_linux.go:49", '"Initialized iptables rules." protocol="IPv4"')
        k("I", "kubelet_network_linux.go:49", '"Initialized iptables rules." protocol="IPv6"')
        k("I", "status_manager.go:230", '"Starting to sync pod status with apiserver"')
        k("I", "kubelet.go:2436", '"Starting kubelet main sync loop"')
        k("E", "kubelet.go:2460", '"Skipping pod synchronization" err="[container runtime status check may not have '
          'completed yet, PLEG is not healthy: pleg has yet to be successful]"')
        k("I", "cpu_manager.go:221", '"Starting CPU manager" policy="none"')
        k("I", "cpu_manager.go:222", '"Reconciling" reconcilePeriod="10s"')
        k("I", "kubelet_node_status.go:75", f'"Attempting to register node" node="{n.name}"', 0.08)
        return t

    def _kubelet_start_legacy(self, k: Callable[..., None]) -> None:
        n = self.n
        k("I", "server.go:416", f"Version: {n.kubelet_ver}")
        k("I", "server.go:821", "Client rotation is on, will bootstrap in background")
        k("I", "server.go:644", "--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /")
        k("I", "container_manager_linux.go:265", "container manager verified user specified cgroup-root exists: []")
        k("I", "kubelet.go:311", "Watching apiserver")
        if n.runtime == "docker":
            k("I", "client.go:75", "Connecting to docker on unix:///var/run/docker.sock")
            k("I", "docker_service.go:255", "Docker cri networking managed by cni")
            k("I", "docker_service.go:260", "Docker Info: &{ID:... Containers:0 ...}")
            k("I", "docker_service.go:273", "Setting cgroupDriver to cgroupfs")
        k("I", "kuberuntime_manager.go:211", f"Container runtime docker initialized, version: {n.docker_ver}, "
          f"apiVersion: 1.40.0")
        k("I", "server.go:1113", "Started kubelet")
        k("I", "server.go:143", "Starting to listen on 0.0.0.0:10250")
        k("I", "kubelet.go:1822", "Starting kubelet main sync loop.")
        k("I", "kubelet.go:1839", "skipping pod synchronization - [container runtime status check may not have "
          "completed yet, PLEG is not healthy: pleg has yet to be successful]")
        k("I", "kubelet_node_status.go:70", f"Attempting to register node {n.name}", 0.08)

    def network_not_ready(self, t0: int, t1: int) -> None:
        """kubelet's runtime-state loop while no CNI config is loaded (every 5 s)."""
        n = self.n
        t = t0
        while t < t1:
            if self.structured:
                self.kubelet(t, "E", "kubelet.go:3117", '"Container runtime network not ready" networkReady='
                             '"NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: '
                             'cni plugin not initialized"')
            elif n.runtime == "docker":
                self.kubelet(t, "W", "cni.go:237", "Unable to update cni config: no networks found in /etc/cni/net.d")
                self.kubelet(t + 1_300_000, "E", "kubelet.go:2190", "Container runtime network not ready: "
                             "NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not "
                             "ready: cni config uninitialized")
            t += 5 * NS + self.ids.jitter(0.0, 0.01)

    def register_node(self, t: int, fail_first: bool = True) -> int:
        n = self.n
        if self.structured:
            if fail_first:
                self.kubelet(t, "E", "kubelet_node_status.go:107", f'"Unable to register node with API server" '
                             f'err="Post \\"{n.endpoint}/api/v1/nodes\\": net/http: TLS handshake timeout" '
                             f'node="{n.name}"')
                t += int(self.r.uniform(1.5, 3.2) * NS)
                self.kubelet(t, "I", "kubelet_node_status.go:75", f'"Attempting to register node" node="{n.name}"')
            t += self.ids.jitter(0.1, 0.4)
            self.kubelet(t, "I", "kubelet_node_status.go:78", f'"Successfully registered node" node="{n.name}"')
        else:
            t += self.ids.jitter(0.1, 0.4)
            self.kubelet(t, "I", "kubelet_node_status.go:73", f"Successfully registered node {n.name}")
        return t

    def node_ready(self, t: int) -> None:
        if self.structured:
            self.kubelet(t, "I", "kubelet_node_status.go:501", '"Fast updating node status as it just became ready"')

    def sync_add(self, t: int, pods: list[Pod]) -> None:
        names = ",".join(f'"{p.ns}/{p.name}"' for p in pods)
        if self.structured:
            self.kubelet(t, "I", "kubelet.go:2541", f'"SyncLoop ADD" source="api" pods=[{names}]')
        else:
            self.kubelet(t, "I", "kubelet.go:1908", "SyncLoop (ADD, \"api\"): \"" +
                         ", ".join(f"{p.name}_{p.ns}({p.uid})" for p in pods) + "\"")

    def sandbox_error(self, t: int, p: Pod, inner: str) -> None:
        """A failed RunPodSandbox as kubelet and containerd log it (inner = the CNI error text)."""
        n = self.n
        sid = self.ids.cid()
        key = f"{p.ns}/{p.name}"
        pn = f"{p.name}_{p.ns}({p.uid})"
        full = f'failed to setup network for sandbox "{sid}": plugin type="aws-cni" name="aws-cni" failed (add): {inner}'
        meta = f"&PodSandboxMetadata{{Name:{p.name},Uid:{p.uid},Namespace:{p.ns},Attempt:0,}}"
        if n.runtime == "containerd":
            self.ctrd(t, "info", f"RunPodSandbox for {meta}")
            self.ctrd(t + 400_000_000, "error", f"RunPodSandbox for {meta} failed", error=full)
        t += 400_000_000
        e0 = f"rpc error: code = Unknown desc = {full}"
        if self.structured:
            src = "log.go:32" if n.k8s_minor >= 26 else "remote_runtime.go:222"
            self.kubelet(t + 600_000, "E", src, f'"RunPodSandbox from runtime service failed" err={goq(e0)}')
            self.kubelet(t + 700_000, "E", "kuberuntime_sandbox.go:72", f'"Failed to create sandbox for pod" '
                         f'err={goq(e0)} pod="{key}"')
            self.kubelet(t + 800_000, "E", "kuberuntime_manager.go:1172", f'"CreatePodSandbox for pod failed" '
                         f'err={goq(e0)} pod="{key}"')
            m = (f'failed to "CreatePodSandbox" for "{pn}" with CreatePodSandboxError: '
                 f'{goq("Failed to create sandbox for pod " + goq(pn) + ": " + e0)}')
            self.kubelet(t + 900_000, "E", "pod_workers.go:1301", f'"Error syncing pod, skipping" err={goq(m)} '
                         f'pod="{key}" podUID="{p.uid}"')
        else:
            self.kubelet(t + 600_000, "E", "remote_runtime.go:105", f"RunPodSandbox from runtime service failed: {e0}")
            self.kubelet(t + 700_000, "E", "kuberuntime_sandbox.go:68", f'CreatePodSandbox for pod "{pn}" failed: {e0}')

    def pull_qps(self, t: int, p: Pod, container: str) -> None:
        key = f"{p.ns}/{p.name}"
        if self.structured:
            m = f'failed to "StartContainer" for "{container}" with ErrImagePull: "pull QPS exceeded"'
            self.kubelet(t, "E", "pod_workers.go:1301", f'"Error syncing pod, skipping" err={goq(m)} pod="{key}" '
                         f'podUID="{p.uid}"')
        else:
            self.kubelet(t, "E", "pod_workers.go:191", f'Error syncing pod {p.uid} ("{p.name}_{p.ns}({p.uid})"), '
                         f'skipping: failed to "StartContainer" for "{container}" with ErrImagePull: "pull QPS '
                         f'exceeded."')

    def tls_handshake(self, t: int, src_ip: str) -> None:
        src = f"{src_ip}:{self.ids.port()}"
        self.kubelet(t, "I", "log.go:245", f"http: TLS handshake error from {src}: no serving certificate available "
                     f"for the kubelet")

    def probe_failed(self, t: int, p: Pod, container: str, output: str, kind: str = "Readiness") -> None:
        self.kubelet(t, "I", "prober.go:107", f'"Probe failed" probeType="{kind}" pod="{p.ns}/{p.name}" '
                     f'podUID="{p.uid}" containerName="{container}" probeResult="failure" output="{output}"')


    # ----- VPC CNI ------------------------------------------------------------------------

    def ipamd_start(self, t: int, *, init_enis: bool = True) -> int:
        """L-IPAMD start-up lines up to the gRPC server; returns when it serves."""
        n = self.n
        ver = n.cni_ver.split("-eksbuild")[0] if n.cni_minor < (7, 0) else n.cni_ver
        m = n.cni_minor
        il = self.ipamd_log

        def step(lo: float = 0.001, hi: float = 0.02) -> int:
            nonlocal t
            t += self.ids.jitter(lo, hi)
            return t

        if m < (6, 1):
            il(step(), "info", "", f"Starting L-IPAMD {ver}  ...")
            il(step(0.05, 0.2), "info", "", "Testing communication with server")
            il(step(0.05, 0.2), "info", "", f"Running with Kubernetes cluster version: v1.{n.k8s_minor}+. git version: "
               f"{n.cp_ver}. git tree state: clean. commit: {self.ids.hex(40)}. platform: linux/amd64")
            il(step(), "info", "", "Communication with server successful")
        else:
            il(step(), "info", "aws-k8s-agent/main.go:105" if m >= (19, 4) else "aws-k8s-agent/main.go:42",
               f"Starting L-IPAMD {ver}  ...")
            if m >= (19, 4):
                il(step(), "info", "aws-k8s-agent/main.go:125", "Waiting to connect API server for upto 30s...")
                il(step(), "info", "k8sapi/k8sutils.go:203", "Testing communication with server ...")
                il(step(0.02, 0.08), "info", "k8sapi/k8sutils.go:211",
                   f"Successful communication with the Cluster! Cluster Version is: {n.cp_ver}")
                il(step(), "info", "aws-k8s-agent/main.go:131", "API server connectivity established.")
            elif m >= (11, 0):
                il(step(), "info", "k8sapi/k8sutils.go:115", "Testing communication with server")
                il(step(0.02, 0.08), "info", "k8sapi/k8sutils.go:128",
                   self.cluster_version_msg())
            else:
                il(step(), "info", "k8sapi/discovery.go:69", "Testing communication with server")
                il(step(0.02, 0.08), "info", "k8sapi/discovery.go:74",
                   self.cluster_version_msg())
        return self.ipamd_init(t, init_enis=init_enis)

    def cluster_version_msg(self) -> str:
        n = self.n
        return (f"Successful communication with the Cluster! Cluster Version is: v1.{n.cp_minor}+. git version: "
                f"{n.cp_ver}. git tree state: clean. commit: {self.ids.hex(40)}. platform: linux/amd64")

    def ipamd_init(self, t: int, *, init_enis: bool = True, ec2_errors: list[int] | None = None) -> int:
        n = self.n
        m = n.cni_minor
        il = self.ipamd_log
        aw = "awsutils/awsutils.go:"

        def step(lo: float = 0.001, hi: float = 0.01) -> int:
            nonlocal t
            t += self.ids.jitter(lo, hi)
            return t

        if m >= (11, 0):
            il(step(), "info", "aws-k8s-agent/main.go:64" if m < (19, 4) else "k8sapi/k8sutils.go:143",
               "k8sClient created successfully" if m >= (19, 4) else "Creating event recorder")
        il(step(), "debug", aw + "412", f"Discovered region: {n.region}")
        il(step(), "info", "ipamd/ipamd.go:402" if m >= (6, 1) else "", "Setting up ENI's"
           if m < (11, 0) else "Setting up IPAMD, IPv4: true, IPv6: false")
        il(step(), "debug", aw + "452", f"Found availability zone: {n.az} ")
        il(step(), "debug", aw + "460", f"Discovered the instance primary IPv4 address: {n.ip}")
        il(step(), "debug", aw + "468", f"Found instance-id: {n.instance_id} ")
        il(step(), "debug", aw + "476", f"Found instance-type: {n.instance_type} ")
        il(step(), "debug", aw + "485", f"Found primary interface's MAC address: {self.enis[0]['mac']}")
        il(step(), "debug", aw + "500", f"Found subnet-id: subnet-0{self.ids.hex(16)} ")
        il(step(), "debug", aw + "508", f"Found vpc-id: {n.vpc_id} ")
        il(step(), "debug", aw + "645", f"Found ENI: {self.enis[0]['id']}, MAC {self.enis[0]['mac']}, device 0")
        for e in ec2_errors or []:
            t = max(t, e)
            il(step(), "error", aw + "1388", self.ec2_throttle_msg("DescribeNetworkInterfaces"))
        il(step(0.05, 0.3), "debug", "ipamd/ipamd.go:461", "Start node init")
        il(step(), "info", "ipamd/ipamd.go:758" if m >= (20, 0) else "ipamd/ipamd.go:518",
           f"Max ip per ENI {n.ips_per_eni - 1} and max prefixes per ENI 0")
        il(step(0.05, 0.2), "debug", "ipamd/ipamd.go:492", "DescribeAllENIs success: ENIs: 1, tagged: 1")
        e0 = self.enis[0]
        il(step(), "debug", "ipamd/ipamd.go:504", f"Discovered ENI {e0['id']}, trying to set it up")
        il(step(), "info", "ipamd/ipamd.go:1298", f"Found ENIs having {n.ips_per_eni - 1} secondary IPs and 0 Prefixes")
        il(step(), "info", "ipamd/ipamd.go:518", f"ENI {e0['id']} set up.")
        il(step(0.01, 0.05), "debug", "ipamd/ipamd.go:645", "node init completed successfully")
        il(step(), "info", "ipamd/ipamd.go:758", f"IP pool manager - max pods: {n.max_pods}, warm IP target: 0, "
           f"warm prefix target: 0, warm ENI target: 1, minimum IP target: 0")
        il(step(), "info", "ipamd/introspect.go:114", "Serving introspection endpoints on 127.0.0.1:61679")
        il(step(), "info", "metrics/metrics.go:41" if m >= (16, 0) else "ipamd/ipamd.go:680",
           "Serving metrics on port 61678")
        addr = "127.0.0.1:50051"
        il(step(), "info", "ipamd/rpc_handler.go:473", f"Serving RPC Handler version {n.cni_ver} on {addr}")
        ready = t
        if init_enis and self.eni_count > 1:
            self.attach_eni(t + self.ids.jitter(0.8, 1.5), 1)
        return ready

    def attach_eni(self, t: int, idx: int) -> int:
        n = self.n
        e = self.enis[idx]
        il = self.ipamd_log
        aw = "awsutils/awsutils.go:"
        il(t, "debug", "ipamd/ipamd.go:945", "Starting to increase pool size for network card 0")
        il(t + 300_000, "info", "ipamd/ipamd.go:989", "Trying to see if new ENIs need to be created")
        il(t + 900_000, "info", aw + "981", f"Trying to allocate {n.ips_per_eni - 1} IP addresses on new ENI")
        il(t + 1_400_000, "info", aw + "1024", "Using same security group config as the primary interface for the new "
           "ENI")
        t += self.ids.jitter(0.3, 0.8)
        il(t, "info", aw + "1095", f"Created a new ENI: {e['id']}")
        il(t + 4_000_000, "debug", aw + "1152", f"Successfully tagged ENI: {e['id']}")
        il(t + 40_000_000, "debug", aw + "841", f"Found a free device number for network card 0 : {idx}")
        t += self.ids.jitter(1.0, 2.5)
        il(t, "info", aw + "891", f"Successfully created and attached a new ENI {e['id']} to instance on network card 0")
        il(t + 2_000_000, "info", "ipamd/ipamd.go:1298", f"Found ENIs having {n.ips_per_eni - 1} secondary IPs and 0 "
           f"Prefixes")
        il(t + 2_500_000, "debug", "ipamd/ipamd.go:1431", self.pool_stats(t))
        return t

    def pool_stats(self, t: int) -> str:
        total = sum(len(e["ips"]) for e in self.active_enis())  # type: ignore[arg-type]
        used = self.assigned_override if self.assigned_override is not None else len(self._ip_used)
        if self.n.cni_minor >= (20, 0):
            return (f"IP stats for Network Card 0 - total IPs: {total}, assigned IPs: {used}, cooldown IPs: 0")
        if self.n.cni_minor >= (7, 0):
            return (f"IP pool stats: Total IPs/Prefixes = {total}/0, AssignedIPs/CooldownIPs: {used}/0, "
                    f"c.maxIPsPerENI = {self.n.ips_per_eni - 1}")
        return f"IP pool stats: total = {total}, used = {used}, c.maxIPsPerENI = {self.n.ips_per_eni - 1}"

    def ec2_throttle_msg(self, op: str) -> str:
        rid = self.ids.reqid()
        if self.n.cni_minor >= (19, 4):
            return (f"Failed to call ec2:{op}: operation error EC2: {op}, exceeded maximum number of attempts, 10, "
                    f"https response error StatusCode: 503, RequestID: {rid}, api error RequestLimitExceeded: Request "
                    f"limit exceeded.")
        return f"Failed to call ec2:{op}: RequestLimitExceeded: Request limit exceeded.\n\tstatus code: 503, request id: {rid}"

    def ipamd_reconcile(self, t: int) -> None:
        m = self.n.cni_minor
        il = self.ipamd_log
        if m < (6, 1):
            il(t, "debug", "", self.pool_stats(t))
            return
        since = t - self._last_reconcile
        self._last_reconcile = t
        mins, secs = divmod(since / NS, 60)
        il(t, "debug", "ipamd/ipamd.go:1551", f"Reconciling ENI/IP pool info because time since last "
           f"{int(mins)}m{secs:.9f}s > 1m0s")
        il(t + 60_000_000, "debug", "ipamd/ipamd.go:1668", "Successfully Reconciled ENI/IP pool")
        il(t + 61_000_000, "debug", "ipamd/ipamd.go:1431", self.pool_stats(t))

    def aws_node_containers(self, p: Pod, t: int, restart: int = 0) -> dict[str, Container]:
        """The containers of an aws-node pod instance (init + aws-node [+ aws-eks-nodeagent])."""
        out: dict[str, Container] = {}
        for c in self.containers:
            if c.pod is p and c.restart == restart:
                out[c.name] = c
        return out

    def aws_node_init_log(self, c: Container, t: int) -> None:
        n = self.n
        m = n.cni_minor
        if m >= (12, 1):
            def lg(dt: float, msg: str) -> None:
                c.log(t + int(dt * NS), f'time="{logrus_sec(t + int(dt * NS))}" level=info msg={goq(msg)}')
            lg(0.01, "Copying CNI plugin binaries ...")
            for i, b in enumerate(("loopback", "portmap", "bandwidth", "host-local", "aws-cni-support.sh")):
                c.log(t + int((0.02 + 0.01 * i) * NS), f"Installed /host/opt/cni/bin/{b}", "stdout")
            lg(0.09, "Copied all CNI plugin binaries to /host/opt/cni/bin")
            lg(0.10, f"Found primaryMAC {self.enis[0]['mac']}")
            lg(0.11, f"Found primaryIF {n.iface}")
            lg(0.12, f"Updated net/ipv4/conf/{n.iface}/rp_filter to 2\n")
            lg(0.12, "Updated net/ipv4/tcp_early_demux to 1\n")
            lg(0.13, "CNI init container done")
        elif m >= (7, 0):
            for dt, line in ((0.01, "Copying CNI plugin binaries ... "), (0.05, "Configure rp_filter loose... "),
                             (0.08, f"net.ipv4.conf.{n.iface}.rp_filter = 2"), (0.08, "2"),
                             (0.09, "net.ipv4.tcp_early_demux = 1"), (0.1, "CNI init container done")):
                c.log(t + int(dt * NS), line, "stdout")

    def aws_node_log(self, c: Container, t: int, phase: str) -> None:
        """Entrypoint lines of the aws-node container. ``phase``: start, wait, ready, exit."""
        n = self.n
        m = n.cni_minor
        if m >= (12, 1):
            def lg(ts: int, msg: str, lvl: str = "info") -> None:
                c.log(ts, f'time="{logrus_sec(ts)}" level={lvl} msg={goq(msg)}')
            if phase == "start":
                c.log(t, "Installed /host/opt/cni/bin/aws-cni", "stdout")
                c.log(t + 8_000_000, "Installed /host/opt/cni/bin/egress-cni", "stdout")
                lg(t + 20_000_000, "Starting IPAM daemon... ")
                lg(t + 60_000_000, "Checking for IPAM connectivity... ")
            elif phase == "ready":
                lg(t, "Copying config file... ")
                lg(t + 4_000_000, "Successfully copied CNI plugin binary and config file.")
            return
        if m >= (7, 0):
            def js(ts: int, msg: str, lvl: str = "info") -> None:
                c.log(ts, f'{{"level":"{lvl}","ts":"{zap_ts(ts)}","caller":"entrypoint.sh","msg":"{msg}"}}', "stdout")
            if phase == "start":
                if m >= (10, 0):
                    js(t, "Validating env variables ...")
                    js(t + 12_000_000, "Install CNI binaries..")
                else:
                    js(t, "Install CNI binary..")
                js(t + 40_000_000, "Starting IPAM daemon in the background ... ")
                js(t + 45_000_000, "Checking for IPAM connectivity ... ")
            elif phase == "wait":
                js(t, "Retrying waiting for IPAM-D")
            elif phase == "ready":
                js(t, "Copying config file ... ")
                js(t + 30_000_000, "Successfully copied CNI plugin binary and config file.")
                js(t + 32_000_000, "Foregrounding IPAM daemon ...")
            return
        if phase == "start":
            c.log(t, "===== Starting installing AWS-CNI =========", "stdout")
            c.log(t + 30_000_000, "===== Starting amazon-k8s-agent ===========", "stdout")

    def np_agent_log(self, c: Container, t: int) -> None:
        def z(dt: float, msg: str, logger: str = "setup", **kv: object) -> None:
            ts = t + int(dt * NS)
            obj: dict[str, object] = {"level": "info", "ts": zap_ts(ts), "logger": logger, "msg": msg}
            obj.update(kv)
            c.log(ts, jdump(obj), "stdout")
        z(0.0, "version", GitVersion="", GitCommit="", BuildDate="")
        z(0.05, "Starting manager")
        z(0.06, "starting server", logger="controller-runtime.metrics", name="health probe", addr="[::]:8163")
        z(0.2, "Starting EventSource", logger="controller-runtime", controller="policyendpoint",
          controllerGroup="networking.k8s.aws", controllerKind="PolicyEndpoint")
        z(0.3, "Starting workers", logger="controller-runtime", controller="policyendpoint", worker_count=1)
        if self.long_cri_line:
            # one reconcile of a big PolicyEndpoint: a single ~40 KiB line, split by the runtime into P records
            rules = [{"CIDR": f"10.{i // 250}.{i % 250}.0/24", "Ports": [{"Protocol": "TCP", "Port": 8080 + i % 7}]}
                     for i in range(520)]
            z(3600.0, "Processing Policy Endpoint", logger="controllers.policyEndpoints", Name="shop-allow-partners-"
              + self.ids.suffix(), Namespace="shop", PodSelector={"app": "web"}, Ingress=rules)
        self.npa.append((t, self.zap(t, "info", "ebpf/bpf_client.go:281", "Network Policy agent started, "
                                     "NETWORK_POLICY_ENFORCING_MODE is set to standard")))

    def start_aws_node(self, t: int, *, name: str = "", ready_after: float = 3.5) -> tuple[Pod, int]:
        """A normal aws-node start: init container, entrypoint, ipamd; returns (pod, when conflist written)."""
        n = self.n
        p = self.pods.get(f"kube-system/{name}") if name else None
        if p is None:
            containers = ["aws-node"] + (["aws-eks-nodeagent"] if n.cni_minor >= (14, 0) else [])
            p = self.pod("kube-system", name or f"aws-node-{self.ids.suffix()}", containers, host_network=True,
                         init=["aws-vpc-cni-init"] if n.cni_minor >= (7, 0) else [])
        t = self.start_pod(t, p)
        cs = self.aws_node_containers(p, t)
        if "aws-vpc-cni-init" in cs:
            self.aws_node_init_log(cs["aws-vpc-cni-init"], cs["aws-vpc-cni-init"].started)
        c = cs["aws-node"]
        self.aws_node_log(c, c.started, "start")
        ready = self.ipamd_start(c.started + self.ids.jitter(0.05, 0.2))
        ready = max(ready, c.started + int(ready_after * NS))
        self.aws_node_log(c, ready + self.ids.jitter(0.2, 1.2), "ready")
        if "aws-eks-nodeagent" in cs:
            self.np_agent_log(cs["aws-eks-nodeagent"], cs["aws-eks-nodeagent"].started)
        return p, ready + int(1.3 * NS)

    # ----- kube-proxy / coredns / pod identity --------------------------------------------

    def kube_proxy_log(self, c: Container, t: int, first_sync_fail: str = "") -> int:
        n = self.n
        kp = n.kube_proxy_ver

        def k(dt: float, lvl: str, src: str, msg: str) -> None:
            nonlocal t
            t += int(dt * NS)
            c.log(t, klog_hdr(lvl, t, 1, src) + msg)

        minor = int(kp.split(".")[1])
        if minor >= 22:
            k(0.0, "I", "server_linux.go:66" if minor >= 28 else "server.go:224", '"Using iptables proxy"')
            k(0.05, "I", "server.go:698", f'"Successfully retrieved node IP(s)" IPs=["{n.ip}"]')
            k(0.01, "I", "conntrack.go:60", f'"Setting nf_conntrack_max" nfConntrackMax={32768 * n.vcpu}')
            k(0.001, "I", "conntrack.go:118", '"Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_close_wait" '
              'value=3600')
            k(0.03, "I", "server.go:243", '"kube-proxy running in single-stack mode" ipFamily="IPv4"')
            k(0.001, "I", "server_linux.go:170", '"Using iptables Proxier"')
            k(0.002, "I", "server.go:483", f'"Version info" version="{kp}"')
            k(0.001, "I", "server.go:485", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""')
            k(0.01, "I", "config.go:199", '"Starting service config controller"')
            k(0.0, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="service config"')
            k(0.0, "I", "config.go:105", '"Starting endpoint slice config controller"')
            k(0.0, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="endpoint slice config"')
            k(0.0, "I", "config.go:329", '"Starting node config controller"')
            k(0.1, "I", "shared_informer.go:357", '"Caches are synced" controller="node config"')
            k(0.0, "I", "shared_informer.go:357", '"Caches are synced" controller="service config"')
            k(0.0, "I", "shared_informer.go:357", '"Caches are synced" controller="endpoint slice config"')
            if first_sync_fail:
                k(0.2, "E", "proxier.go:1525", '"Failed to execute iptables-restore" err=<')
                c.log(t, f"\t{first_sync_fail}")
                c.log(t, " >")
                k(0.0, "I", "proxier.go:797", '"Sync failed" retryingTime="30s"')
                t += 30 * NS
                k(0.0, "I", "proxier.go:811", '"SyncProxyRules complete" elapsed="412.63ms"')
        else:
            k(0.0, "I", "node.go:136", f"Successfully retrieved node IP: {n.ip}")
            k(0.001, "I", "server_others.go:186", "Using iptables Proxier.")
            k(0.01, "I", "server.go:583", f"Version: {kp}")
            k(0.002, "I", "conntrack.go:100", f"Set sysctl 'net/netfilter/nf_conntrack_max' to {32768 * n.vcpu}")
            k(0.001, "I", "conntrack.go:52", "Setting nf_conntrack_max to " + str(32768 * n.vcpu))
            k(0.01, "I", "config.go:313", "Starting service config controller")
            k(0.0, "I", "shared_informer.go:197", "Waiting for caches to sync for service config")
            k(0.0, "I", "config.go:131", "Starting endpoints config controller")
            k(0.0, "I", "shared_informer.go:197", "Waiting for caches to sync for endpoints config")
            k(0.1, "I", "shared_informer.go:204", "Caches are synced for endpoints config ")
            k(0.0, "I", "shared_informer.go:204", "Caches are synced for service config ")
        return t

    def coredns_log(self, c: Container, t: int) -> None:
        n = self.n
        ver = n.coredns_tag.lstrip("v").split("-")[0]
        c.log(t, ".:53", "stdout")
        c.log(t + 1_000_000, "[INFO] plugin/reload: Running configuration SHA512 = "
              "591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972"
              "691cd6ff41be96639138a43908", "stdout")
        c.log(t + 1_100_000, f"CoreDNS-{ver}", "stdout")
        c.log(t + 1_200_000, "linux/amd64, go1.24.6, ", "stdout")

    def pia_log(self, c: Container, t: int) -> None:
        def z(dt: float, msg: str, **kv: object) -> None:
            ts = t + int(dt * NS)
            obj: dict[str, object] = {"level": "info", "msg": msg, "time": logrus_sec(ts)}
            obj.update(kv)
            c.log(ts, jdump(obj))
        z(0.0, "Starting EKS Pod Identity Agent", version=self.n.pia_tag)
        z(0.01, "Starting server...", bind_addr="169.254.170.23:80")
        z(0.01, "Starting server...", bind_addr="[fd00:ec2::23]:80")
        z(0.02, "Starting server...", bind_addr="localhost:2703")

    def start_system_pods(self, t: int, *, coredns: bool = True, pia: bool | None = None,
                          kube_proxy_delay: float = 0.0, aws_node: bool = True) -> dict[str, object]:
        """aws-node, kube-proxy (and CoreDNS, Pod Identity Agent) on a freshly registered node."""
        n = self.n
        if pia is None:
            pia = n.os == "al2023"
        out: dict[str, object] = {}
        kp = self.pod("kube-system", f"kube-proxy-{self.ids.suffix()}", ["kube-proxy"], host_network=True)
        an_containers = ["aws-node"] + (["aws-eks-nodeagent"] if n.cni_minor >= (14, 0) else [])
        an = self.pod("kube-system", f"aws-node-{self.ids.suffix()}", an_containers, host_network=True,
                      init=["aws-vpc-cni-init"] if n.cni_minor >= (7, 0) else [])
        pods = [an, kp]
        pi = None
        if pia:
            pi = self.pod("kube-system", f"eks-pod-identity-agent-{self.ids.suffix()}", ["eks-pod-identity-agent"],
                          host_network=True, init=["eks-pod-identity-agent-init"])
            pods.append(pi)
        self.sync_add(t, pods)
        out["kube_proxy"] = kp
        out["aws_node"] = an
        tk = self.start_pod(t + self.ids.jitter(0.3, 0.8) + int(kube_proxy_delay * NS), kp)
        kc = next(c for c in self.containers if c.pod is kp)
        self.kube_proxy_log(kc, tk)
        if aws_node:
            _, ready = self.start_aws_node(t + self.ids.jitter(0.1, 0.4), name=an.name)
            out["cni_ready"] = ready
        else:
            out["cni_ready"] = None
        if pi is not None:
            tp = self.start_pod(t + self.ids.jitter(0.5, 1.5), pi)
            pc = next(c for c in self.containers if c.pod is pi and c.name == "eks-pod-identity-agent")
            self.pia_log(pc, tp)
            out["pia"] = pi
        if coredns and aws_node:
            ready = out["cni_ready"]
            assert isinstance(ready, int)
            cd = self.pod("kube-system", f"coredns-{self.ids.rs()[:10]}-{self.ids.suffix()}", ["coredns"])
            tc = self.start_pod(ready + self.ids.jitter(1.0, 4.0), cd)
            self.coredns_log(next(c for c in self.containers if c.pod is cd), tc)
            out["coredns"] = cd
        return out

    # ----- steady state -------------------------------------------------------------------

    def steady(self, t0: int, t1: int, *, cron_every: int = 30, deploy_every: float = 3.0,
               reconcile_every: int = 300, app_ns: str = "shop", apps: tuple[str, ...] = ("web", "api", "worker"),
               keep: int = 4) -> None:
        """App churn, a CronJob, ipamd reconciles and daemon chatter between t0 and t1."""
        n = self.n
        apps_live: list[Pod] = []
        t = t0
        # initial app pods
        for i in range(keep):
            app = apps[i % len(apps)]
            p = self.pod(app_ns, f"{app}-{self.ids.rs()}-{self.ids.suffix()}", [app])
            self.sync_add(t, [p])
            self.start_pod(t + self.ids.jitter(0.5, 2.0), p, images={app: self.app_image(app)},
                           pull=True)
            apps_live.append(p)
            t += self.ids.jitter(1.0, 5.0)
        next_cron = t0 - t0 % (cron_every * 60 * NS) + cron_every * 60 * NS
        next_deploy = t0 + int(self.r.uniform(0.5, 1.5) * deploy_every * 3600 * NS)
        next_rec = t0 + reconcile_every * NS
        next_dhcp = t0 + 1683 * NS
        next_chrony = t0 + 3 * 3600 * NS
        while True:
            nxt = min(next_cron, next_deploy, next_rec, next_dhcp, next_chrony)
            if nxt >= t1:
                break
            if nxt == next_cron:
                p = self.pod(app_ns, f"report-gen-{int(next_cron // NS // 60)}-{self.ids.suffix()}", ["report"])
                self.sync_add(next_cron + NS, [p])
                tr = self.start_pod(next_cron + self.ids.jitter(1.0, 1.6), p, images={"report": self.app_image("report")})
                dur = self.ids.jitter(20, 70)
                c = next(c for c in self.containers if c.pod is p)
                c.exited = tr + dur
                if self.structured:
                    self.kubelet(tr + dur, "I", "kubelet.go:2573", f'"SyncLoop (PLEG): event for pod" '
                                 f'pod="{p.ns}/{p.name}" event={{"ID":"{p.uid}","Type":"ContainerDied",'
                                 f'"Data":"{c.cid}"}}')
                if n.runtime == "containerd":
                    self.ctrd(tr + dur - 5_000_000, "info", "shim disconnected", id=c.cid, namespace="k8s.io")
                self.stop_pod(tr + dur + self.ids.jitter(180, 240), p, grace=30)
                self.cron_log.append((next_cron, "(root) CMD (run-parts /etc/cron.hourly)"))
                next_cron += cron_every * 60 * NS
            elif nxt == next_deploy:
                # rolling update of one app: new pod up, old pod down
                old = apps_live.pop(0)
                app = old.containers[0]
                p = self.pod(app_ns, f"{app}-{self.ids.rs()}-{self.ids.suffix()}", [app])
                self.sync_add(next_deploy, [p])
                tr = self.start_pod(next_deploy + self.ids.jitter(0.3, 1.0), p, images={app: self.app_image(app)},
                                    pull=self.r.random() < 0.3)
                self.stop_pod(tr + self.ids.jitter(5, 15), old)
                apps_live.append(p)
                next_deploy += int(self.r.uniform(0.5, 1.5) * deploy_every * 3600 * NS)
            elif nxt == next_rec:
                self.ipamd_reconcile(next_rec)
                next_rec += reconcile_every * NS + self.ids.jitter(0, 2)
            elif nxt == next_dhcp:
                if n.os == "al2":
                    self.j_add(next_dhcp, "network", "dhclient", 2211, f"DHCPREQUEST on {n.iface} to "
                               f"{n.subnet_cidr.split('/')[0][:-1]}1 port 67 (xid=0x{self.ids.hex(8)})")
                    self.j_add(next_dhcp + 2_000_000, "network", "dhclient", 2211, f"DHCPACK from "
                               f"{n.subnet_cidr.split('/')[0][:-1]}1 (xid=0x{self.ids.hex(8)})")
                    self.j_add(next_dhcp + 9_000_000, "network", "dhclient", 2211, f"bound to {n.ip} -- renewal in "
                               f"{self.r.randint(1500, 1800)} seconds.")
                next_dhcp += self.r.randint(1500, 1800) * NS
            else:
                self.j_add(next_chrony, "chronyd", "chronyd", 2190 if n.os == "al2" else 1734,
                           "Selected source 169.254.169.123")
                next_chrony += self.r.randint(4, 9) * 3600 * NS

    def app_image(self, app: str) -> str:
        return f"{self.n.account}.dkr.ecr.{self.n.region}.amazonaws.com/{app}:2.{self.r.randint(3, 19)}.{self.r.randint(0, 9)}"


    # ----- processes (ps, top, allprocstat, io_throttling) --------------------------------

    def build_procs(self) -> None:
        """The process table the snapshot files print, with start times and block-IO delay ticks."""
        n = self.n
        b = n.boot_ns
        procs: list[dict[str, object]] = []
        seen_comm: set[str] = set()
        rb = random.Random(n.key + "blkio")

        def add(pid: int, comm: str, cmd: str, start: int, user: str = "root", ppid: int = 1, rss: int = 0,
                vsz: int = 0, depth: int = 0, threads: int = 1, cpu: float = 0.0) -> None:
            blk = self.io_rows.get(comm, 0)
            if comm in seen_comm:
                blk = int(blk * rb.uniform(0.05, 1.4))
            seen_comm.add(comm)
            procs.append({"pid": pid, "comm": comm, "cmd": cmd, "start": start, "user": user, "ppid": ppid,
                          "rss": rss, "vsz": vsz, "depth": depth, "threads": threads, "cpu": cpu, "blkio": blk})

        add(2, "kthreadd", "[kthreadd]", b, ppid=0)
        for pid, name in ((3, "rcu_gp"), (4, "rcu_par_gp"), (6, "kworker/0:0H-events_highpri"), (9, "mm_percpu_wq"),
                          (10, "rcu_tasks_kthread"), (12, "ksoftirqd/0"), (13, "rcu_preempt"), (14, "migration/0"),
                          (21, "kdevtmpfs"), (24, "khungtaskd"), (25, "oom_reaper"), (27, "kcompactd0"),
                          (29, "khugepaged"), (61, "kswapd0"), (117, "nvme-wq"), (312, "xfsaild/nvme0n1p1")):
            add(pid, name, f"[{name}]", b + int(0.1 * NS), ppid=2, depth=1)
        sysd = "/usr/lib/systemd/systemd --switched-root --system --deserialize=32" if n.os == "al2023" else \
            "/usr/lib/systemd/systemd --switched-root --system --deserialize 22"
        add(1, "systemd", sysd, b, rss=16324, vsz=171540, ppid=0)
        add(1123, "systemd-journal", "/usr/lib/systemd/systemd-journald", b + NS, rss=48220, vsz=91584)
        add(1160, "systemd-udevd", "/usr/lib/systemd/systemd-udevd", b + NS, rss=11300, vsz=33060)
        if n.os == "al2":
            add(2190, "chronyd", "/usr/sbin/chronyd -F 2", b + 4 * NS, user="chrony", rss=2796, vsz=120232)
            add(2211, "dhclient", f"/sbin/dhclient -q -lf /var/lib/dhclient/dhclient--{n.iface}.lease -pf "
                f"/var/run/dhclient-{n.iface}.pid -H {n.short} {n.iface}", b + 4 * NS, rss=5180, vsz=102896)
            add(2265, "rsyslogd", "/usr/sbin/rsyslogd -n", b + 4 * NS, rss=5520, vsz=226640)
            add(2301, "sshd", "/usr/sbin/sshd -D", b + 5 * NS, rss=7720, vsz=112928)
            add(2330, "crond", "/usr/sbin/crond -n", b + 5 * NS, rss=3424, vsz=126380)
        else:
            add(1734, "chronyd", "/usr/sbin/chronyd -F 2", b + 4 * NS, user="chrony", rss=4580, vsz=84892)
            add(1702, "systemd-network", "/usr/lib/systemd/systemd-networkd", b + 4 * NS, user="systemd-network",
                rss=9208, vsz=18496)
            add(1705, "systemd-resolve", "/usr/lib/systemd/systemd-resolved", b + 4 * NS, user="systemd-resolve",
                rss=12668, vsz=22456)
            add(2301, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", b + 5 * NS, rss=9344,
                vsz=15512)
        add(2402, "amazon-ssm-agen", "/usr/bin/amazon-ssm-agent", b + 6 * NS, rss=30112, vsz=1832580, threads=12)
        if n.runtime == "containerd":
            add(self.cpid, "containerd", "/usr/bin/containerd", self.containerd_started, rss=72410, vsz=2563840,
                threads=14, cpu=0.9)
        else:
            add(self.dpid, "dockerd", "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
                self.containerd_started, rss=98012, vsz=1780212, threads=18, cpu=0.9)
        kcmd = "/usr/bin/kubelet " + self.kubelet_flags()
        add(self.kpid, "kubelet", kcmd, self.kubelet_started, rss=101224, vsz=1873252, threads=16, cpu=1.8)
        live = [c for c in self.containers if c.exited is None]
        seen: set[str] = set()
        for c in sorted(live, key=lambda c: c.started):
            p = c.pod
            if p.sandbox not in seen:
                seen.add(p.sandbox)
                shim = self.pid()
                add(shim, "containerd-shim", f"/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id {p.sandbox} "
                    f"-address /run/containerd/containerd.sock", p.created, rss=13900, vsz=1238584, threads=11)
                add(self.pid(), "pause", "/pause", p.created, user="65535", ppid=shim, depth=1, rss=4, vsz=1020)
            cmd, comm = self.container_cmd(c)
            cp = self.pid()
            add(cp, comm, cmd, c.started, ppid=shim if p.sandbox else 1, depth=1, rss=self.r.randint(20000, 90000),
                vsz=self.r.randint(1200000, 2100000), threads=self.r.randint(6, 16),
                cpu=round(self.r.uniform(0.0, 0.6), 1))
            if c.name == "aws-node":
                add(self.pid(), "aws-k8s-agent", "./aws-k8s-agent", c.started + 30_000_000, ppid=cp, depth=2,
                    rss=61244, vsz=1789012, threads=14, cpu=0.3)
        if self.long_ps_line:
            jars = ":".join(f"/app/lib/{lib}-{self.r.randint(1, 9)}.{self.r.randint(0, 30)}.{self.r.randint(0, 9)}.jar"
                            for lib in self._jar_names(1800))
            add(self.pid(), "java", f"java -XX:+UseG1GC -Xms512m -Xmx1536m -cp /app/resources:/app/classes:{jars} "
                f"com.example.shop.CatalogApplication --spring.profiles.active=prod", n.capture_ns - 40 * 3600 * NS,
                user="1000", depth=1, rss=912004, vsz=5123400, threads=61, cpu=3.2)
        self.procs = procs

    def _jar_names(self, count: int) -> list[str]:
        stems = ["spring-core", "spring-beans", "spring-context", "jackson-databind", "jackson-core", "netty-handler",
                 "netty-codec-http", "micrometer-core", "hibernate-core", "aws-java-sdk-s3", "slf4j-api",
                 "logback-classic", "guava", "commons-lang3", "reactor-core", "tomcat-embed-core", "snakeyaml"]
        return [f"{stems[i % len(stems)]}-m{i:04d}" for i in range(count)]

    def container_cmd(self, c: Container) -> tuple[str, str]:
        n = self.n
        table = {
            "aws-node": ("/app/aws-vpc-cni" if n.cni_minor >= (12, 1) else "bash /app/entrypoint.sh", "aws-vpc-cni"
                         if n.cni_minor >= (12, 1) else "entrypoint.sh"),
            "aws-eks-nodeagent": ("/controller --enable-ipv6=false --enable-network-policy=false "
                                  "--enable-cloudwatch-logs=false --enable-policy-event-logs=false "
                                  "--log-file=/var/log/aws-routed-eni/network-policy-agent.log --metrics-bind-addr=:8162 "
                                  "--health-probe-bind-addr=:8163 --conntrack-cache-cleanup-period=300", "controller"),
            "kube-proxy": ("kube-proxy --v=2 --config=/var/lib/kube-proxy-config/config "
                           "--hostname-override=" + n.name, "kube-proxy"),
            "coredns": ("/coredns -conf /etc/coredns/Corefile", "coredns"),
            "eks-pod-identity-agent": ("/go-runner /eks-pod-identity-agent server --port 80 --cluster-name "
                                       f"{n.cluster} --probe-port 2703", "eks-pod-identit"),
        }
        if c.name in table:
            return table[c.name]
        return f"/app/{c.name} --port=8080", c.name[:15]

    def ps_start(self, start: int) -> str:
        now = self.when.get("system/ps.txt", self.n.capture_ns)
        tz = self.n.tz
        d0, d1 = dt_of(start, tz), dt_of(now, tz)
        if d0.date() == d1.date():
            return f"{d0:%H:%M}"
        if d0.year == d1.year:
            return f"{MON[d0.month - 1]}{d0.day:02d}"
        return f"{d0.year}"

    def cputime(self, p: dict[str, object]) -> str:
        start = p["start"]
        assert isinstance(start, int)
        cpu = p["cpu"]
        assert isinstance(cpu, float)
        secs = int((self.n.capture_ns - start) / NS * cpu / 100)
        return f"{secs // 60}:{secs % 60:02d}"

    def render_ps(self) -> bytes:
        lines = ["USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"]
        mem_k = self.n.mem_mib * 1024
        order = sorted(self.procs, key=lambda p: (0 if p["ppid"] == 2 or p["pid"] == 2 else 1, p["start"], p["pid"]))
        for p in order:
            depth = p["depth"]
            assert isinstance(depth, int)
            prefix = ("    " * (depth - 1) + " \\_ ") if depth else ""
            rss = p["rss"]
            assert isinstance(rss, int)
            user = str(p["user"])
            stat = "S" if p["pid"] != 1 else "Ss"
            if str(p["cmd"]).startswith("["):
                stat = "I<" if "kworker" in str(p["cmd"]) or "_gp" in str(p["cmd"]) else "S"
            lines.append(f"{user:<8} {p['pid']:>7} {p['cpu']:>4} {rss * 100 / mem_k:4.1f} {p['vsz']:>6} {rss:>5} ?"
                         f"        {stat:<4} {self.ps_start(p['start']):<5} {self.cputime(p):>6} {prefix}{p['cmd']}")
        return ("\n".join(lines) + "\n").encode()

    def render_ps_threads(self) -> bytes:
        lines = ["UID          PID    PPID     LWP  C NLWP    SZ   RSS PSR STIME TTY          TIME CMD"]
        for p in sorted(self.procs, key=lambda p: p["pid"]):
            threads = p["threads"]
            assert isinstance(threads, int)
            rss = p["rss"]
            vsz = p["vsz"]
            assert isinstance(rss, int)
            assert isinstance(vsz, int)
            cmd = str(p["cmd"])[:300]
            for i in range(min(threads, 4)):
                lwp = p["pid"] if i == 0 else int(p["pid"]) + i  # type: ignore[call-overload]
                lines.append(f"{p['user']!s:<8} {p['pid']:>7} {p['ppid']:>7} {lwp:>7}  0 {threads:>4} "
                             f"{vsz // 4:>5} {rss:>5}   {i % self.n.vcpu} {self.ps_start(p['start']):<5} ?        "
                             f"00:00:00 {cmd}")
        return ("\n".join(lines) + "\n").encode()

    def render_top(self) -> bytes:
        n = self.n
        now = self.when.get("system/top.txt", n.capture_ns)
        d = dt_of(now, n.tz)
        up = (now - n.boot_ns) // NS
        days, rem = divmod(up, 86400)
        hh, mm = rem // 3600, rem % 3600 // 60
        if days:
            upstr = f"{days} day{'s' if days > 1 else ''}, {hh:2d}:{mm:02d}"
        else:
            upstr = f"{hh:2d}:{mm:02d}" if hh else f"{mm} min"
        tasks = len(self.procs) + 60
        load = (0.21, 0.18, 0.12) if not self.io_rows else (3.41, 2.87, 1.92)
        wa = 0.0 if not self.io_rows else 27.4
        out = [f"top - {d:%H:%M:%S} up {upstr},  0 users,  load average: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}",
               f"Tasks: {tasks} total,   1 running, {tasks - 1} sleeping,   0 stopped,   0 zombie",
               f"%Cpu(s):  3.1 us,  1.6 sy,  0.0 ni, {95.3 - wa:4.1f} id, {wa:4.1f} wa,  0.0 hi,  0.0 si,  0.0 st"]
        if n.os == "al2023":
            out += [f"MiB Mem :   {n.mem_mib:.1f} total,   {n.mem_mib * 0.53:.1f} free,   {n.mem_mib * 0.15:.1f} used,"
                    f"   {n.mem_mib * 0.32:.1f} buff/cache",
                    f"MiB Swap:      0.0 total,      0.0 free,      0.0 used.   {n.mem_mib * 0.82:.1f} avail Mem"]
        else:
            kb = n.mem_mib * 1024
            out += [f"KiB Mem : {kb:>8} total, {int(kb * .53):>8} free, {int(kb * .15):>8} used, {int(kb * .32):>8} "
                    f"buff/cache",
                    f"KiB Swap:        0 total,        0 free,        0 used. {int(kb * .82):>8} avail Mem "]
        out += ["", "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND"]
        for p in sorted(self.procs, key=lambda p: -float(p["cpu"]))[:25]:  # type: ignore[arg-type]
            rss = p["rss"]
            assert isinstance(rss, int)
            out.append(f"{p['pid']:>7} {str(p['user'])[:8]:<8}  20   0 {p['vsz']:>7} {rss:>6} {rss // 2:>6} S "
                       f"{float(p['cpu']) * 3:5.1f} {rss * 100 / (n.mem_mib * 1024):5.1f} {self.cputime(p):>9}.00 "  # type: ignore[arg-type]
                       f"{str(p['comm'])[:15]}")
        return ("\n".join(out) + "\n").encode()

    def render_allprocstat(self) -> bytes:
        lines = []
        for p in sorted(self.procs, key=lambda p: p["pid"]):
            start = p["start"]
            assert isinstance(start, int)
            st = max(0, (start - self.n.boot_ns) // (NS // 100))
            rss = p["rss"]
            assert isinstance(rss, int)
            f = [str(p["pid"]), f"({p['comm']})", "S", str(p["ppid"]), str(p["pid"]), str(p["pid"]), "0", "-1",
                 "4194560", str(self.r.randint(100, 90000)), "0", str(self.r.randint(0, 300)), "0",
                 str(self.r.randint(0, 90000)), str(self.r.randint(0, 40000)), "0", "0", "20", "0", str(p["threads"]),
                 "0", str(st), str(int(p["vsz"]) * 1024), str(rss // 4), "18446744073709551615", "1", "1", "0", "0",  # type: ignore[call-overload]
                 "0", "0", "0", "0", "0", "0", "0", "0", "17", str(self.r.randint(0, self.n.vcpu - 1)), "0", "0",
                 str(p["blkio"]), "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
            lines.append(" ".join(f))
        return ("\n".join(lines) + "\n").encode()

    def render_io_throttling(self, nma: bool = False) -> bytes:
        rows = [(int(p["blkio"]), str(p["pid"]), f"({p['comm']})") for p in self.procs if p["blkio"]]  # type: ignore[call-overload]
        rows.sort(key=lambda r: (-r[0], -int(r[1])))
        if nma:
            return ("PID Name Block IO Delay (centisconds)" + "".join(f"\n{pid} {name} {v}" for v, pid, name in rows)
                    ).encode()
        if not self.n.has("io_zero_fix"):
            rows = [r for r in rows if not str(r[0]).endswith("0")]
        return ("PID Name Block IO Delay (centisconds)\n" + "".join(f"{pid} {name} {v}\n" for v, pid, name in rows)
                ).encode()

    def render_procstat(self) -> bytes:
        n = self.n
        up_ticks = (n.capture_ns - n.boot_ns) // (NS // 100)
        per = up_ticks
        cpus = []
        tot = [0] * 10
        for i in range(n.vcpu):
            v = [int(per * 0.021), int(per * 0.0004), int(per * 0.009), int(per * 0.95), int(per * 0.0015), 0,
                 int(per * 0.0008), int(per * 0.0003), 0, 0]
            v = [x + self.r.randint(0, 300) for x in v]
            tot = [a + b for a, b in zip(tot, v, strict=True)]
            cpus.append(f"cpu{i} " + " ".join(map(str, v)))
        intr = " ".join(str(self.r.randint(0, 90000)) if i % 7 == 0 else "0" for i in range(120))
        lines = ["cpu  " + " ".join(map(str, tot)), *cpus,
                 f"intr {self.r.randint(10**7, 10**8)} {intr}",
                 f"ctxt {self.r.randint(10**8, 10**9)}",
                 f"btime {n.boot_ns // NS}",
                 f"processes {self.r.randint(20000, 900000)}",
                 "procs_running 1", "procs_blocked 0" if not self.io_rows else "procs_blocked 4",
                 "softirq " + " ".join(str(self.r.randint(0, 10**7)) for _ in range(11))]
        return ("\n".join(lines) + "\n").encode()

    def render_netstat(self) -> bytes:
        n = self.n
        if n.os == "al2023":
            return b"timeout: failed to run command 'netstat': No such file or directory\n"
        pids = {str(p["comm"]): p["pid"] for p in self.procs}
        rows = [("tcp", "127.0.0.1:10248", "0.0.0.0:*", "LISTEN", "kubelet"),
                ("tcp", "127.0.0.1:10249", "0.0.0.0:*", "LISTEN", "kube-proxy"),
                ("tcp", "0.0.0.0:22", "0.0.0.0:*", "LISTEN", "sshd")]
        if self.ipamd_up and n.cni_minor < (23, 0):
            rows += [("tcp", "127.0.0.1:50051", "0.0.0.0:*", "LISTEN", "aws-k8s-agent"),
                     ("tcp", "127.0.0.1:61679", "0.0.0.0:*", "LISTEN", "aws-k8s-agent")]
        rows += [("tcp", f"127.0.0.1:{self.ids.port()}", "0.0.0.0:*", "LISTEN", "containerd"
                  if n.runtime == "containerd" else "dockerd"),
                 ("tcp", f"{n.ip}:{self.ids.port()}", f"{self.api_ips()[0]}:443", "ESTABLISHED", "kubelet"),
                 ("tcp", f"{n.ip}:{self.ids.port()}", f"{self.api_ips()[1]}:443", "ESTABLISHED", "kube-proxy")]
        if self.ipamd_up:
            rows.append(("tcp", f"{n.ip}:{self.ids.port()}", f"{self.api_ips()[0]}:443", "ESTABLISHED",
                         "aws-k8s-agent"))
        rows += [("tcp6", ":::10250", ":::*", "LISTEN", "kubelet"), ("tcp6", ":::10256", ":::*", "LISTEN", "kube-proxy"),
                 ("tcp6", ":::22", ":::*", "LISTEN", "sshd")]
        if self.ipamd_up:
            rows.append(("tcp6", ":::61678", ":::*", "LISTEN", "aws-k8s-agent"))
        out = ["Active Internet connections (servers and established)",
               "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    "]
        for proto, loc, rem, state, prog in rows:
            pid = pids.get(prog, pids.get(prog[:15], 0))
            out.append(f"{proto:<5}      0      0 {loc:<23} {rem:<23} {state:<11} {f'{pid}/{prog}':<20}")
        return ("\n".join(out) + "\n").encode()

    def api_ips(self) -> list[str]:
        base = ".".join(self.n.vpc_cidr.split(".")[:2])
        return [f"{base}.12.201", f"{base}.44.120"]

    # ----- system misc ------------------------------------------------------------------

    def render_services(self) -> bytes:
        n = self.n
        al23 = n.os == "al2023"
        units = [
            ("amazon-ssm-agent.service", "amazon-ssm-agent"),
            ("chronyd.service", "NTP client/server"),
            ("cloud-config.service", "Cloud-init: Config Stage" if al23 else "Apply the settings specified in cloud-config"),
            ("cloud-final.service", "Cloud-init: Final Stage" if al23 else "Execute cloud user/final scripts"),
            ("cloud-init-local.service", "Cloud-init: Local Stage (pre-network)" if al23 else
             "Initial cloud-init job (pre-networking)"),
            ("cloud-init.service", "Cloud-init: Network Stage" if al23 else "Initial cloud-init job (metadata service crawler)"),
            ("containerd.service" if n.runtime == "containerd" else "docker.service",
             "containerd container runtime" if n.runtime == "containerd" else "Docker Application Container Engine"),
            ("dbus-broker.service" if al23 else "dbus.service", "D-Bus System Message Bus"),
            ("kubelet.service", "Kubernetes Kubelet"),
        ]
        if al23:
            units += [("nodeadm-config.service", "EKS Nodeadm Config"), ("nodeadm-run.service", "EKS Nodeadm Run"),
                      ("systemd-networkd.service", "Network Configuration"),
                      ("systemd-resolved.service", "Network Name Resolution")]
        else:
            units += [("crond.service", "Command Scheduler"), ("network.service", "LSB: Bring up/down networking"),
                      ("rsyslog.service", "System Logging Service"), ("postfix.service", "Postfix Mail Transport Agent")]
            if n.runtime == "containerd" and n.has("sandbox_dir"):
                units.append(("sandbox-image.service", "pull sandbox image defined in containerd config.toml"))
        units += [("sshd.service", "OpenSSH server daemon"), ("systemd-journald.service", "Journal Service"),
                  ("systemd-logind.service", "User Login Management"), ("systemd-udevd.service",
                                                                        "Rule-based Manager for Device Events and Files")]
        lines = ["  UNIT                                   LOAD   ACTIVE SUB       DESCRIPTION"]
        lines.append(f"  sys-devices-pci0000:00-0000:00:05.0-net-{n.iface}.device loaded active plugged   Elastic "
                     f"Network Adapter (ENA)")
        lines.append("  -.mount                                loaded active mounted   Root Mount")
        for u, d in sorted(units):
            state = "exited" if u.startswith(("cloud-", "nodeadm-", "sandbox-")) else "running"
            lines.append(f"  {u:<38} loaded active {state:<9} {d}")
        lines += ["  multi-user.target                      loaded active active    Multi-User System",
                  "  network-online.target                  loaded active active    Network is Online",
                  "", "LOAD   = Reflects whether the unit definition was properly loaded.",
                  "ACTIVE = The high-level unit activation state, i.e. generalization of SUB.",
                  "SUB    = The low-level unit activation state, values depend on unit type.", "",
                  f"{len(units) + 5} loaded units listed. Pass --all to see loaded but inactive units, too.",
                  "To show all installed unit files use 'systemctl list-unit-files'."]
        return ("\n".join(lines) + "\n").encode()

    def render_pkglist(self) -> bytes:
        n = self.n
        if n.os == "al2023":
            rel = n.release
            pk = [f"system-release-{rel}-0.amzn2023.noarch", f"kernel-{n.kernel}",
                  f"kernel-modules-extra-{n.kernel}", n.containerd_pkg, f"runc-{n.runc_ver}-1.amzn2023.0.1.x86_64",
                  f"kubelet-{n.kubelet_ver.lstrip('v').split('-')[0]}-1.amzn2023.x86_64",
                  "iptables-nft-1.8.8-3.amzn2023.0.2.x86_64", "iptables-libs-1.8.8-3.amzn2023.0.2.x86_64",
                  "conntrack-tools-1.4.6-2.amzn2023.0.2.x86_64", "ethtool-6.7-1.amzn2023.0.1.x86_64",
                  "systemd-252.23-2.amzn2023.x86_64", "systemd-networkd-252.23-2.amzn2023.x86_64",
                  "systemd-resolved-252.23-2.amzn2023.x86_64", "amazon-ssm-agent-3.3.2299.0-1.amzn2023.x86_64",
                  "cloud-init-22.2.2-1.amzn2023.1.17.noarch", "amazon-ec2-net-utils-2.5.4-1.amzn2023.0.1.noarch",
                  "chrony-4.5-3.amzn2023.0.4.x86_64", "nvme-cli-1.16-1.amzn2023.0.3.x86_64",
                  "xfsprogs-5.18.0-2.amzn2023.0.3.x86_64", "glibc-2.34-117.amzn2023.0.1.x86_64",
                  "openssl-libs-3.2.2-1.amzn2023.0.1.x86_64", "bash-5.2.15-1.amzn2023.0.2.x86_64",
                  "coreutils-8.32-30.amzn2023.0.3.x86_64", "util-linux-2.37.4-1.amzn2023.0.4.x86_64",
                  "procps-ng-3.3.17-1.amzn2023.0.2.x86_64", "iproute-6.10.0-1.amzn2023.0.1.x86_64",
                  "selinux-policy-targeted-37.22-1.amzn2023.0.1.noarch", "python3-3.9.23-1.amzn2023.0.1.x86_64",
                  "aws-cfn-bootstrap-2.0-30.amzn2023.noarch", "ecr-credential-provider-1.33.0-1.amzn2023.x86_64"]
        else:
            kmaj = n.kernel.split("-")[0]
            pk = [f"system-release-2-{'13' if n.script_date.year < 2021 else '17'}.amzn2.x86_64", f"kernel-{n.kernel}",
                  f"kernel-headers-{kmaj}-{n.kernel.split('-', 1)[1]}",
                  "iptables-1.8.4-10.amzn2.1.2.x86_64" if n.script_date.year >= 2021 else "iptables-1.4.21-28.amzn2.x86_64",
                  "ethtool-4.8-10.amzn2.x86_64", "conntrack-tools-1.4.4-5.amzn2.2.x86_64", "net-tools-2.0-0.22.20131004git.amzn2.0.2.x86_64",
                  "systemd-219-78.amzn2.0.22.x86_64", "rsyslog-8.24.0-57.amzn2.2.0.1.x86_64", "cloud-init-19.3-46.amzn2.noarch",
                  "amazon-ssm-agent-3.2.582.0-1.x86_64", "chrony-4.2-5.amzn2.0.2.x86_64", "lvm2-2.02.187-6.amzn2.5.x86_64",
                  "xfsprogs-4.5.0-18.amzn2.0.1.x86_64", "glibc-2.26-63.amzn2.x86_64", "bash-4.2.46-34.amzn2.x86_64",
                  "procps-ng-3.3.10-26.amzn2.x86_64", "iproute-5.10.0-2.amzn2.0.3.x86_64", "ec2-net-utils-1.7.3-1.amzn2.noarch",
                  "util-linux-2.30.2-2.amzn2.0.11.x86_64", "python-2.7.18-1.amzn2.0.8.x86_64"]
            if n.runtime == "containerd":
                pk += [f"containerd-{n.containerd_ver}-1.amzn2.0.1.x86_64", f"runc-{n.runc_ver}-1.amzn2.x86_64"]
            else:
                pk += [f"docker-{n.docker_ver}-1.amzn2.0.1.x86_64", f"containerd-{n.containerd_ver}-1.amzn2.x86_64",
                       f"runc-{n.runc_ver}-1.amzn2.x86_64"]
        rr = random.Random(n.key + "pkg")
        rr.shuffle(pk)
        return ("\n".join(pk) + "\n").encode()

    def render_selinux(self) -> bytes:
        return f"SELinux mode:\n\t {'Permissive' if self.n.os == 'al2023' else 'Disabled'}\n".encode()

    def render_last_reboot(self) -> bytes:
        n = self.n
        b = dt_of(n.boot_ns, n.tz)
        w = f"{DOW[b.weekday()]} {MON[b.month - 1]} {b.day:2d} {b:%H:%M}"
        return (f"reboot   system boot  {n.kernel[:16]} {w}   still running\n\nwtmp begins {w}:{b:%S} {b.year}\n"
                ).encode()

    def render_systemd_analyze(self) -> bytes:
        n = self.n
        parts = ['<?xml version="1.0" standalone="no"?>',
                 '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
                 '<svg width="1420px" height="2170px" version="1.1" xmlns="http://www.w3.org/2000/svg">',
                 "<!-- This file is a systemd-analyze SVG file. It is best rendered in a   -->",
                 "<!-- browser such as Chrome, Chromium or Firefox. Other applications     -->",
                 "<!-- that render these files properly but much slower are ImageMagick,   -->",
                 "<!-- gimp, inkscape, etc. To display the files on your system, just      -->",
                 "<!-- point your browser to this file.                                    -->",
                 '<rect class="background" width="100%" height="100%" />',
                 f'<text x="20" y="50">Startup finished in 1.021s (kernel) + 2.604s (initrd) + 18.118s (userspace) '
                 f'= 21.744s</text><text x="20" y="30">Amazon Linux 2023 {n.fqdn} ({n.kernel})</text>']
        for i, u in enumerate(["systemd-journald.service", "cloud-init-local.service", "cloud-init.service",
                               "nodeadm-config.service", "containerd.service", "nodeadm-run.service",
                               "kubelet.service", "cloud-final.service"]):
            parts.append(f'<rect class="active" x="{200 + i * 40}" y="{120 + i * 20}" width="{30 + i * 7}" '
                         f'height="19" /><text class="left" x="{205 + i * 40}" y="{134 + i * 20}">{u} '
                         f'({0.1 + i * 0.3:.3f}s)</text>')
        parts.append("</svg>")
        return ("\n".join(parts) + "\n").encode()

    def render_cpu_throttling(self) -> bytes:
        return b"No CPU Throttling Found\n"

    def render_large_env(self) -> bytes:
        return b"PID\tCount\n"

    # ----- storage -------------------------------------------------------------------------

    def render_mounts(self) -> bytes:
        n = self.n
        if n.os == "al2023":
            m = ["/dev/nvme0n1p1 on / type xfs (rw,noatime,seclabel,attr2,inode64,logbufs=8,logbsize=32k,sunit=1024,"
                 "swidth=1024,noquota)",
                 "devtmpfs on /dev type devtmpfs (rw,nosuid,seclabel,size=4096k,nr_inodes=990214,mode=755,inode64)",
                 "tmpfs on /dev/shm type tmpfs (rw,nosuid,nodev,seclabel,inode64)",
                 "proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)",
                 "sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime,seclabel)",
                 "cgroup2 on /sys/fs/cgroup type cgroup2 (rw,nosuid,nodev,noexec,relatime,seclabel,nsdelegate,"
                 "memory_recursiveprot)",
                 "tmpfs on /tmp type tmpfs (rw,nosuid,nodev,seclabel,nr_inodes=1048576,inode64)",
                 "/dev/nvme0n1p128 on /boot/efi type vfat (rw,noatime,fmask=0077,dmask=0077,codepage=437,"
                 "iocharset=ascii,shortname=winnt,errors=remount-ro)"]
        else:
            m = ["sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)",
                 "proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)",
                 "devtmpfs on /dev type devtmpfs (rw,nosuid,size=3986364k,nr_inodes=996591,mode=755)",
                 "cgroup on /sys/fs/cgroup/memory type cgroup (rw,nosuid,nodev,noexec,relatime,memory)",
                 "/dev/nvme0n1p1 on / type xfs (rw,noatime,attr2,inode64,noquota)",
                 "tmpfs on /run type tmpfs (rw,nosuid,nodev,mode=755)"]
        for c in [c for c in self.containers if c.exited is None][:12]:
            m.append(f"overlay on /run/containerd/io.containerd.runtime.v2.task/k8s.io/{c.cid}/rootfs type overlay "
                     f"(rw,relatime,seclabel,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/"
                     f"snapshots/{self.r.randint(10, 400)}/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter."
                     f"v1.overlayfs/snapshots/{self.r.randint(10, 400)}/fs,workdir=/var/lib/containerd/io.containerd."
                     f"snapshotter.v1.overlayfs/snapshots/{self.r.randint(10, 400)}/work)")
        used = 9.1 if not self.io_rows else 31.7
        df = ["Filesystem      Size  Used Avail Use% Mounted on",
              "devtmpfs        4.0M     0  4.0M   0% /dev",
              "tmpfs           3.9G     0  3.9G   0% /dev/shm",
              f"/dev/nvme0n1p1   80G  {used:.1f}G   {80 - used:.0f}G  {used * 100 / 80:.0f}% /",
              "tmpfs           3.9G  1.1M  3.9G   1% /tmp",
              "tmpfs           785M     0  785M   0% /run/user/0"]
        return ("\n".join(m) + "\n\n" + "\n".join(df) + "\n").encode()

    def render_inodes(self) -> bytes:
        return (b"Filesystem       Inodes  IUsed    IFree IUse% Mounted on\n"
                b"devtmpfs         990214    333   989881    1% /dev\n"
                b"tmpfs            998871      1   998870    1% /dev/shm\n"
                b"/dev/nvme0n1p1 41942976 217011 41725965    1% /\n"
                b"tmpfs          1048576     49  1048527    1% /tmp\n")

    def render_lsblk(self) -> bytes:
        al23 = self.n.os == "al2023"
        return ((b"NAME          MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS\n" if al23 else
                 b"NAME          MAJ:MIN RM SIZE RO TYPE MOUNTPOINT\n") +
                b"nvme0n1       259:0    0  80G  0 disk \n"
                b"|-nvme0n1p1   259:1    0  80G  0 part /\n"
                b"|-nvme0n1p127 259:2    0   1M  0 part \n"
                b"`-nvme0n1p128 259:3    0  10M  0 part " + (b"/boot/efi\n" if al23 else b"\n"))

    def render_xfs(self) -> bytes:
        return (b"meta-data=/dev/nvme0n1p1         isize=512    agcount=42, agsize=524159 blks\n"
                b"         =                       sectsz=4096  attr=2, projid32bit=1\n"
                b"         =                       crc=1        finobt=1, sparse=1, rmapbt=0\n"
                b"         =                       reflink=1    bigtime=1 inobtcount=1\n"
                b"data     =                       bsize=4096   blocks=20968955, imaxpct=25\n"
                b"         =                       sunit=128    swidth=128 blks\n"
                b"naming   =version 2              bsize=16384  ascii-ci=0, ftype=1\n"
                b"log      =internal log           bsize=4096   blocks=16384, version=2\n"
                b"         =                       sectsz=4096  sunit=1 blks, lazy-count=1\n"
                b"realtime =none                   extsz=4096   blocks=0, rtextents=0\n"
                b"   from      to extents  blocks    pct\n"
                b"      1       1     210     210   0.00\n"
                b"      2       3     181     447   0.00\n"
                b"      4       7     133     698   0.00\n"
                b" 262144  524159      39 18312066  99.55\n"
                b"total free extents 563\n"
                b"total free blocks 18394221\n"
                b"average free extent size 32671.8\n")

    def render_pod_local_storage(self) -> bytes:
        out = []
        for _c in [c for c in self.containers if c.exited is None][:12]:
            out.append(f"{self.r.choice(['8.0K', '12K', '20K', '44K', '1.1M', '3.4M'])}\t/var/lib/containerd/"
                       f"io.containerd.snapshotter.v1.overlayfs/snapshots/{self.r.randint(10, 400)}/fs")
        return ("\n".join(out) + "\n").encode() if out else b""

    def render_fstab(self) -> bytes:
        return (b"#\nUUID=3f9a2c1e-7b4d-4e8a-9c0f-5d6e7a8b9c01     /           xfs    defaults,noatime  1   1\n" +
                (b"UUID=5A2B-7C1D        /boot/efi       vfat    defaults,noatime,uid=0,gid=0,umask=0077,"
                 b"shortname=winnt,x-systemd.automount 0 2\n" if self.n.os == "al2023" else b""))


    # ----- iptables ---------------------------------------------------------------------

    def _svc_chain(self, name: str) -> str:
        h = self.ids.hex(16).upper()
        return name + "".join(c if c.isalpha() else chr(ord("A") + int(c)) for c in h)

    def iptables_rules(self, v6: bool = False) -> dict[str, tuple[list[str], list[str]]]:
        """table -> (chain declarations, rules) in iptables-save syntax."""
        n = self.n
        r = random.Random(n.key + ("ip6" if v6 else "ip4") + str(self.flushed))
        tables: dict[str, tuple[list[str], list[str]]] = {}
        mangle_ch = [":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
                     ":POSTROUTING ACCEPT [0:0]"]
        mangle_r: list[str] = []
        if self.n.k8s_minor >= 22:
            mangle_ch += [":KUBE-IPTABLES-HINT - [0:0]", ":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-PROXY-CANARY - [0:0]"]
        elif self.n.k8s_minor >= 16:
            mangle_ch += [":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-PROXY-CANARY - [0:0]"]
        tables["mangle"] = (mangle_ch, mangle_r)
        # filter
        fch = [":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"]
        fr: list[str] = []
        kp_minor = int(n.kube_proxy_ver.split(".")[1])
        if not self.flushed and kp_minor < 26:
            fch += [":KUBE-EXTERNAL-SERVICES - [0:0]", ":KUBE-FIREWALL - [0:0]", ":KUBE-FORWARD - [0:0]"]
            if kp_minor >= 16:
                fch += [":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-PROXY-CANARY - [0:0]"]
            fch += [":KUBE-SERVICES - [0:0]"]
            fr += ['-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service '
                   'portals" -j KUBE-EXTERNAL-SERVICES',
                   "-A INPUT -j KUBE-FIREWALL",
                   '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
                   '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j '
                   'KUBE-SERVICES',
                   '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j '
                   'KUBE-SERVICES',
                   "-A OUTPUT -j KUBE-FIREWALL",
                   '-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark '
                   '--mark 0x8000/0x8000 -j DROP',
                   "-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP",
                   '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j '
                   'ACCEPT',
                   '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack pod source rule" -m conntrack '
                   '--ctstate RELATED,ESTABLISHED -j ACCEPT']
        elif not self.flushed:
            fch += [":KUBE-EXTERNAL-SERVICES - [0:0]", ":KUBE-FIREWALL - [0:0]", ":KUBE-FORWARD - [0:0]",
                    ":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-NODEPORTS - [0:0]", ":KUBE-PROXY-CANARY - [0:0]",
                    ":KUBE-PROXY-FIREWALL - [0:0]", ":KUBE-SERVICES - [0:0]"]
            fr += ['-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j '
                   'KUBE-PROXY-FIREWALL',
                   '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
                   '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service '
                   'portals" -j KUBE-EXTERNAL-SERVICES',
                   "-A INPUT -j KUBE-FIREWALL",
                   '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j '
                   'KUBE-PROXY-FIREWALL',
                   '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
                   '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j '
                   'KUBE-SERVICES',
                   '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service '
                   'portals" -j KUBE-EXTERNAL-SERVICES',
                   '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j '
                   'KUBE-PROXY-FIREWALL',
                   '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j '
                   'KUBE-SERVICES',
                   "-A OUTPUT -j KUBE-FIREWALL",
                   ('-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet '
                    'connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP') if not v6 else
                   '-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark '
                   '--mark 0x8000/0x8000 -j DROP',
                   '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts '
                   '-j DROP',
                   '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j '
                   'ACCEPT',
                   '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate '
                   'RELATED,ESTABLISHED -j ACCEPT']
        if self.calico and not v6:
            fch += [":cali-FORWARD - [0:0]", ":cali-INPUT - [0:0]", ":cali-OUTPUT - [0:0]", ":cali-cidr-block - [0:0]",
                    ":cali-from-hep-forward - [0:0]", ":cali-from-host-endpoint - [0:0]",
                    ":cali-from-wl-dispatch - [0:0]", ":cali-fw-eni" + self._calico_if() + " - [0:0]",
                    ":cali-pri-_be-1J1hW5gVz8QA6Ym - [0:0]", ":cali-pi-_Ta4lZ5XxY0t3vGq8kDo - [0:0]",
                    ":cali-to-wl-dispatch - [0:0]", ":cali-tw-eni" + self._calico_if() + " - [0:0]",
                    ":cali-wl-to-host - [0:0]"]
            iface = "eni" + self._calico_if()
            fr = ['-A INPUT -m comment --comment "cali:Cz_u1IQiXIMmKD4c" -j cali-INPUT', '-A FORWARD -m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD', '-A OUTPUT -m comment --comment "cali:tVnHkvAo15HuiPy0" -j cali-OUTPUT', *fr]
            fr += ['-A cali-FORWARD -m comment --comment "cali:vjrMJCRpqwy5oRoX" -j MARK --set-xmark 0x0/0xe0000',
                   '-A cali-FORWARD -m comment --comment "cali:A_sPAO0mcxbT9mOV" -m mark --mark 0x0/0x10000 -j '
                   'cali-from-hep-forward',
                   '-A cali-FORWARD -i eni+ -m comment --comment "cali:8ZoYfO5HKXWbB3pk" -j cali-from-wl-dispatch',
                   '-A cali-FORWARD -o eni+ -m comment --comment "cali:jdEuaPBe14V2hutn" -j cali-to-wl-dispatch',
                   '-A cali-INPUT -i eni+ -m comment --comment "cali:FewJpBykm9iJ-YNH" -g cali-wl-to-host',
                   f'-A cali-from-wl-dispatch -i {iface} -m comment --comment "cali:O2uACDZqzMmpZCPd" -g cali-fw-{iface}',
                   f'-A cali-to-wl-dispatch -o {iface} -m comment --comment "cali:4Ovb5sgGqg0hmi6y" -g cali-tw-{iface}',
                   f'-A cali-tw-{iface} -m comment --comment "cali:4THbSkbAWzhS_ew1" -m conntrack --ctstate '
                   f'RELATED,ESTABLISHED -j ACCEPT',
                   f'-A cali-tw-{iface} -m comment --comment "cali:JRq6pIdQmtCH1ahw" -m conntrack --ctstate INVALID -j '
                   f'DROP',
                   f'-A cali-tw-{iface} -m comment --comment "cali:bmdTnp2WGY09v9c0" -j MARK --set-xmark 0x0/0x10000',
                   f'-A cali-tw-{iface} -m comment --comment "cali:Y6U6zTvEEkG-u7mS" -m mark --mark 0x0/0x20000 -j '
                   f'cali-pi-_Ta4lZ5XxY0t3vGq8kDo',
                   f'-A cali-tw-{iface} -m comment --comment "cali:9Zq8Yv4eyMgyXbJi" -m mark --mark 0x10000/0x10000 -j '
                   f'RETURN',
                   f'-A cali-tw-{iface} -m comment --comment "cali:aB-2wM0gGnORy0Fa" -m comment --comment "Drop if no '
                   f'policies passed packet" -m mark --mark 0x0/0x20000 -j DROP',
                   f'-A cali-fw-{iface} -m comment --comment "cali:Cs3RcS1T9j1tHUo4" -m conntrack --ctstate '
                   f'RELATED,ESTABLISHED -j ACCEPT',
                   f'-A cali-fw-{iface} -m comment --comment "cali:qTYEcoiPv8dqfsQQ" -j cali-pri-_be-1J1hW5gVz8QA6Ym',
                   '-A cali-pi-_Ta4lZ5XxY0t3vGq8kDo -p tcp -m comment --comment "cali:Qw4gmLy-0m9lrS9J" -m comment '
                   '--comment "Policy ingress-nginx/default-deny-ingress ingress" -m set --match-set '
                   'cali40s:Vw8ZLtq0ApL_NE1k5YoQbFu src -m multiport --dports 8080 -j MARK --set-xmark 0x10000/0x10000',
                   '-A cali-wl-to-host -m comment --comment "cali:Ee9Sbo10IpVujdIY" -j cali-from-wl-dispatch',
                   '-A cali-wl-to-host -m comment --comment "cali:nSZbcOoG1xPONxb8" -m comment --comment "Configured '
                   'DefaultEndpointToHostAction" -j ACCEPT']
        if self.flushed and not v6:
            fr.append("-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT")
        tables["filter"] = (fch, fr)
        # nat
        nch = [":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]"]
        nr: list[str] = []
        if v6:
            if not self.flushed:
                nch += [":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-PROXY-CANARY - [0:0]"]
            tables["nat"] = (nch, nr)
            return tables
        snat = self.snat_rules and not self.external_snat and not self.flushed and self.ipamd_rules_present()
        conn = self.ipamd_rules_present() and not self.flushed
        if conn:
            nch.append(":AWS-CONNMARK-CHAIN-0 - [0:0]")
        if snat:
            nch.append(":AWS-SNAT-CHAIN-0 - [0:0]")
        kube = self.kube_chains and not self.flushed
        seps: list[tuple[str, str, str, str, str]] = []
        if kube:
            nch += [":KUBE-KUBELET-CANARY - [0:0]", ":KUBE-MARK-MASQ - [0:0]", ":KUBE-NODEPORTS - [0:0]",
                    ":KUBE-POSTROUTING - [0:0]", ":KUBE-PROXY-CANARY - [0:0]"]
            api = self.api_ips()
            svcs = [("default/kubernetes:https", n.api_vip, "tcp", "443", "KUBE-SVC-NPX46M4PTMTKRN6Y",
                     [f"{ip}:443" for ip in api])]
            dns_eps = [f"{ip}:53" for ip in self.coredns_ips()]
            if dns_eps:
                svcs += [("kube-system/kube-dns:dns", n.dns_ip, "udp", "53", "KUBE-SVC-TCOU7JCQXEZGVUNU", dns_eps),
                         ("kube-system/kube-dns:dns-tcp", n.dns_ip, "tcp", "53", "KUBE-SVC-ERIFXISQEP7F7OF4", dns_eps),
                         ("kube-system/kube-dns:metrics", n.dns_ip, "tcp", "9153", "KUBE-SVC-JD5MR3NA4I4DYORP",
                          [e.replace(":53", ":9153") for e in dns_eps])]
            nch.append(":KUBE-SERVICES - [0:0]")
            for name, vip, proto, port, chain, eps in svcs:
                nch.append(f":{chain} - [0:0]")
                for ep in eps:
                    sep = "KUBE-SEP-" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
                    nch.append(f":{sep} - [0:0]")
                    seps.append((name, chain, sep, ep, proto))
                nr.append(f'-A KUBE-SERVICES -d {vip}/32 -p {proto} -m comment --comment "{name} cluster IP" -m {proto} '
                          f'--dport {port} -j {chain}')
            nr.insert(0, '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
            nr.insert(1, '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES')
            nr.append('-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING')
        if conn:
            nr.append('-A PREROUTING -i eni+ -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0')
            nr.append('-A PREROUTING -m comment --comment "AWS, CONNMARK" -j CONNMARK --restore-mark --nfmask 0x80 '
                      '--ctmask 0x80')
        if snat:
            nr.append('-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0')
        if conn:
            nr.append(f'-A AWS-CONNMARK-CHAIN-0 -d {n.vpc_cidr} -m comment --comment "AWS CONNMARK CHAIN, VPC CIDR" -j '
                      f'RETURN')
            nr.append('-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80')
        if snat:
            nr.append(f'-A AWS-SNAT-CHAIN-0 -d {n.vpc_cidr} -m comment --comment "AWS SNAT CHAIN" -j RETURN')
            nr.append(f'-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL '
                      f'-j SNAT --to-source {n.ip} --random-fully')
        if kube:
            nr += ["-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000",
                   "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
                   "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
                   '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE '
                   '--random-fully']
            for name, _chain, sep, ep, proto in seps:
                ip = ep.split(":")[0]
                nr.append(f'-A {sep} -s {ip}/32 -m comment --comment "{name}" -j KUBE-MARK-MASQ')
                nr.append(f'-A {sep} -p {proto} -m comment --comment "{name}" -m {proto} -j DNAT --to-destination {ep}')
            by_chain: dict[str, list[tuple[str, str, str]]] = {}
            for name, chain, sep, ep, _ in seps:
                by_chain.setdefault(chain, []).append((name, sep, ep))
            for chain, items in by_chain.items():
                for i, (name, sep, ep) in enumerate(items):
                    left = len(items) - i
                    prob = f" -m statistic --mode random --probability {1 / left:.11f}" if left > 1 else ""
                    nr.append(f'-A {chain} -m comment --comment "{name} -> {ep}"{prob} -j {sep}')
            nr.append('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last '
                      'rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS')
        if self.calico:
            nch += [":cali-OUTPUT - [0:0]", ":cali-POSTROUTING - [0:0]", ":cali-PREROUTING - [0:0]",
                    ":cali-fip-dnat - [0:0]", ":cali-fip-snat - [0:0]", ":cali-nat-outgoing - [0:0]"]
            nr = ['-A PREROUTING -m comment --comment "cali:6gwbT8clXdHdC1b1" -j cali-PREROUTING', *nr]
            nr += ['-A POSTROUTING -m comment --comment "cali:O3lYWMrLQYEMJtB5" -j cali-POSTROUTING',
                   '-A cali-POSTROUTING -m comment --comment "cali:Z-c7XtVd2Bq7s_hA" -j cali-fip-snat',
                   '-A cali-POSTROUTING -m comment --comment "cali:nYKhEzDlr11Jccal" -j cali-nat-outgoing',
                   '-A cali-PREROUTING -m comment --comment "cali:r6XmIziWUJsdOK6Z" -j cali-fip-dnat']
        tables["nat"] = (nch, nr)
        return tables

    def _calico_if(self) -> str:
        return "c72a72146bc"

    def ipamd_rules_present(self) -> bool:
        """ipamd programs its chains once it has initialised (ever, this boot)."""
        return self.ipamd_ever_up

    def coredns_ips(self) -> list[str]:
        ips = [p.ip for p in self.pods.values() if p.name.startswith("coredns") and p.ip]
        base = ".".join(self.n.vpc_cidr.split(".")[:2])
        return [*ips, f"{base}.37.{random.Random(self.n.key + 'dns').randint(10, 200)}"]

    def iptables_save(self, v6: bool = False) -> bytes:
        n = self.n
        now = self.when.get("networking/ip6tables-save.txt" if v6 else "networking/iptables-save.txt", n.capture_ns)
        stamp = ctime(now, n.tz)
        prog = "ip6tables-save" if v6 else "iptables-save"
        if n.os == "al2023":
            ver = "v1.8.8 (nf_tables)"
            order = ["mangle", "filter", "nat"]
        else:
            ver = "v1.8.4" if n.script_date.year >= 2021 else "v1.4.21"
            order = ["mangle", "nat", "filter"]
        tables = self.iptables_rules(v6)
        out: list[str] = []
        for t in order:
            ch, rules = tables[t]
            out.append(f"# Generated by {prog} {ver} on {stamp}")
            out.append(f"*{t}")
            pk = random.Random(n.key + t + str(v6))
            for c in ch:
                if c.endswith("[0:0]") and " - " not in c and not self.flushed:
                    a = pk.randint(1000, 900000)
                    c = c.replace("[0:0]", f"[{a}:{a * pk.randint(60, 400)}]")
                out.append(c)
            out.extend(rules)
            out.append("COMMIT")
            out.append(f"# Completed on {stamp}")
        return ("\n".join(out) + "\n").encode()

    def iptables_list(self, table: str | None, v6: bool = False, footer: bool = True) -> bytes:
        """``iptables -n -v -L [-t table]`` plus the collector's rule-count footer."""
        tables = self.iptables_rules(v6)
        ch, rules = tables[table or "filter"]
        pk = random.Random(self.n.key + (table or "filter") + "list" + str(v6))
        blocks: list[str] = []
        for decl in ch:
            out: list[str] = []
            name = decl[1:].split(" ")[0]
            policy = decl.split(" ")[1]
            mine = [r for r in rules if r.startswith(f"-A {name} ")]
            refs = sum(1 for r in rules if r.endswith(f"-j {name}") or f"-j {name} " in r or f"-g {name}" in r)
            if policy == "-":
                out.append(f"Chain {name} ({refs} references)")
            else:
                pkts = pk.randint(1000, 900000) if not self.flushed else pk.randint(0, 900)
                out.append(f"Chain {name} (policy {policy} {pkts} packets, {pkts * pk.randint(60, 300) // 1000}K bytes)")
            out.append(" pkts bytes target     prot opt in     out     source               destination         ")
            for r in mine:
                out.append(self._list_row(r, pk, v6))
            blocks.append("\n".join(out))
        body = "\n\n".join(blocks) + "\n"
        if footer and self.n.has("iptables_footer"):
            body += f"=======\nTotal Number of Rules: {len(rules)}\n"
        return body.encode()

    def _list_row(self, rule: str, pk: random.Random, v6: bool) -> str:
        toks = rule.split()[2:]
        src, dst, iif, oif, prot, target = ("::/0" if v6 else "0.0.0.0/0"), ("::/0" if v6 else "0.0.0.0/0"), "*", \
            "*", "all", ""
        rest: list[str] = []
        i = 0
        neg = ""
        while i < len(toks):
            tk = toks[i]
            if tk == "!":
                neg = "!"
                i += 1
                continue
            if tk == "-s":
                src = neg + toks[i + 1]
            elif tk == "-d":
                dst = neg + toks[i + 1]
            elif tk == "-i":
                iif = neg + toks[i + 1]
            elif tk == "-o":
                oif = neg + toks[i + 1]
            elif tk == "-p":
                prot = toks[i + 1]
            elif tk in ("-j", "-g"):
                target = toks[i + 1]
                rest.extend(toks[i + 2:])
                break
            else:
                rest.append(tk)
                neg = ""
                i += 1
                continue
            neg = ""
            i += 2
        extra = listing_options(" ".join(rest), target)
        drops = "Drop if no policies" in rule and self.policy_drops
        pkts = self.policy_drops if drops else (pk.randint(0, 90000) if not self.flushed else 0)
        by = pkts * pk.randint(60, 200)
        by_s = f"{by // 1000}K" if by >= 100000 else str(by)
        return f"{pkts:>5} {by_s:>5} {target:<10} {prot:<4} --  {iif:<6} {oif:<6}  {src:<20} {dst:<20} {extra}".rstrip()

    # ----- ip / ifconfig / ethtool / conntrack --------------------------------------------

    def pod_ips(self) -> list[tuple[str, str]]:
        return [(p.ip, "eni" + self.ids.hex(11)) for p in self.pods.values() if p.ip and not p.host_network]

    def render_iprule(self) -> bytes:
        out = ["0:\tfrom all lookup local"]
        for ip, _ in self.pod_ips():
            out.append(f"512:\tfrom all to {ip} lookup main")
        out.append("1024:\tfrom all fwmark 0x80/0x80 lookup main")
        for ip, _ in self.pod_ips():
            e = self.eni_of(ip)
            if e["device"] != 0:
                out.append(f"1536:\tfrom {ip} lookup {e['table']}")
        out += ["32766:\tfrom all lookup main", "32767:\tfrom all lookup default"]
        return ("\n".join(out) + "\n").encode()

    def render_iproute(self) -> bytes:
        n = self.n
        gw = n.subnet_cidr.split("/")[0][:-1] + "1"
        out = []
        for e in self.active_enis()[1:]:
            dev = n.iface2
            out += [f"default via {gw} dev {dev} table {e['table']} ",
                    f"{gw} dev {dev} table {e['table']} scope link "]
        proto = "proto dhcp " if n.os == "al2023" else ""
        metric = " metric 512" if n.os == "al2023" else ""
        out.append(f"default via {gw} dev {n.iface} {proto}src {n.ip}{metric} " if n.os == "al2023" else
                   f"default via {gw} dev {n.iface} ")
        out.append(f"{n.subnet_cidr} dev {n.iface} proto kernel scope link src {n.ip}{metric} ")
        for ip, veth in self.pod_ips():
            out.append(f"{ip} dev {veth} scope link ")
        out.append("169.254.169.254 dev " + n.iface + " scope link ")
        out += [f"broadcast {n.subnet_cidr.split('/')[0][:-1]}255 dev {n.iface} table local proto kernel scope link "
                f"src {n.ip} ",
                f"local {n.ip} dev {n.iface} table local proto kernel scope host src {n.ip} ",
                "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
                "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 "]
        return ("\n".join(out) + "\n").encode()

    def render_ip6rule(self) -> bytes:
        return b"0:\tfrom all lookup local\n32766:\tfrom all lookup main\n"

    def render_ip6route(self) -> bytes:
        n = self.n
        return (f"fe80::/64 dev {n.iface} proto kernel metric 256 pref medium\n"
                f"local ::1 dev lo table local proto kernel metric 0 pref medium\n"
                f"local fe80::{self.ids.hex(4)}:{self.ids.hex(4)}:fe4a:1b2c dev {n.iface} table local proto kernel "
                f"metric 0 pref medium\nmulticast ff00::/8 dev {n.iface} table local proto kernel metric 256 pref "
                f"medium\n").encode()

    def render_ifconfig(self) -> bytes:
        n = self.n
        out = []
        for i, e in enumerate(self.active_enis()):
            dev = n.iface if i == 0 else n.iface2
            ip = e["primary"]
            out.append(f"{dev}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 9001\n        inet {ip}  netmask "
                       f"255.255.224.0  broadcast {n.subnet_cidr.split('/')[0][:-1]}255\n        ether {e['mac']}  "
                       f"txqueuelen 1000  (Ethernet)\n        RX packets {self.r.randint(10**6, 10**8)}  bytes "
                       f"{self.r.randint(10**9, 10**11)}\n        TX packets {self.r.randint(10**6, 10**8)}  bytes "
                       f"{self.r.randint(10**8, 10**10)}\n")
        for _ip, veth in self.pod_ips()[:6]:
            out.append(f"{veth}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 9001\n        ether "
                       f"{self.ids.mac()}  txqueuelen 0  (Ethernet)\n")
        out.append("lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n"
                   "        loop  txqueuelen 1000  (Local Loopback)\n")
        return "\n".join(out).encode() + b"\n"

    def render_ethtool(self) -> bytes:
        n = self.n
        ifs = [n.iface] + ([n.iface2] if self.eni_count > 1 else []) + [v for _, v in self.pod_ips()[:4]] + ["lo"]
        out = []
        for dev in sorted(ifs):
            out.append(f"Interface {dev}")
            if dev in (n.iface, n.iface2):
                out.append("NIC statistics:")
                stats = [("tx_timeout", 0), ("suspend", 0), ("resume", 0), ("wd_expired", 0),
                         ("interface_up", 2), ("interface_down", 1), ("admin_q_pause", 0),
                         ("bw_in_allowance_exceeded", 0), ("bw_out_allowance_exceeded", 0),
                         ("pps_allowance_exceeded", 0), ("conntrack_allowance_exceeded", 0),
                         ("linklocal_allowance_exceeded", 0 if "linklocal" not in self.env_over else 1342),
                         ("conntrack_allowance_available", 48971), ("queue_0_tx_cnt", self.r.randint(10**5, 10**7)),
                         ("queue_0_tx_bytes", self.r.randint(10**7, 10**9)), ("queue_0_rx_cnt",
                                                                             self.r.randint(10**5, 10**7)),
                         ("queue_0_rx_bytes", self.r.randint(10**7, 10**9))]
                for k, v in stats:
                    out.append(f"     {k}: {v}")
            elif dev == "lo":
                out.append("no stats available")
            else:
                out.append("NIC statistics:")
                out.append(f"     peer_ifindex: {self.r.randint(2, 4)}")
                out.append("     rx_queue_0_xdp_packets: 0")
                out.append("     rx_queue_0_xdp_bytes: 0")
                out.append("     rx_queue_0_drops: 0")
            out.append("\n")
        return ("\n".join(out) + "\n").encode()

    def render_conntrack(self) -> bytes:
        out = ["*** Output of conntrack -S *** "]
        for cpu in range(self.n.vcpu):
            out.append(f"cpu={cpu:<6}\tfound=0 invalid={self.r.randint(0, 40)} insert=0 insert_failed=0 drop=0 "
                       f"early_drop=0 error=0 search_restart={self.r.randint(0, 90)} clash_resolve=0 chaintoolong=0 ")
        out.append("*** Output of conntrack -L ***")
        n = self.n
        for _ in range(10):
            sp = self.ids.port()
            dst = self.r.choice(self.api_ips())
            out.append(f"tcp      6 86397 ESTABLISHED src={n.ip} dst={dst} sport={sp} dport=443 src={dst} dst={n.ip} "
                       f"sport=443 dport={sp} [ASSURED] mark=0 use=1")
        return ("\n".join(out) + "\n").encode()

    def render_resolv(self) -> bytes:
        n = self.n
        if n.os == "al2023":
            return (f"# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n"
                    f"# Do not edit.\n#\n# This file might be symlinked as /etc/resolv.conf. If you're looking at\n"
                    f"# /etc/resolv.conf and seeing this text, you have followed the symlink.\n#\n"
                    f"# This is a dynamic resolv.conf file for connecting local clients to the\n"
                    f"# internal DNS stub resolver of systemd-resolved. This file lists all\n"
                    f"# configured search domains.\n#\n# Run \"resolvectl status\" to see details about the uplink "
                    f"DNS servers\n# currently in use.\n#\n# Third party programs should typically not access this "
                    f"file directly, but only\n# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) "
                    f"in a\n# different way, replace this symlink by a static file or a different symlink.\n#\n"
                    f"# See man:systemd-resolved.service(8) for details about the supported modes of\n"
                    f"# operation for /etc/resolv.conf.\n\nnameserver 127.0.0.53\noptions edns0 trust-ad\n"
                    f"search {n.dns_suffix}\n").encode()
        base = ".".join(n.vpc_cidr.split(".")[:3])
        return (f"options timeout:2 attempts:5\n; generated by /usr/sbin/dhclient-script\nsearch {n.dns_suffix}\n"
                f"nameserver {base}.2\n").encode()

    def render_ping(self, host: str, ok: bool | None) -> bytes:
        if ok is None:
            return b""
        addr = {"amazon.com": "205.251.242.103", "public.ecr.aws": "99.83.145.10"}[host]
        out = [f"PING {host} ({addr}) 56(84) bytes of data."]
        if ok:
            rtts = [self.r.uniform(0.9, 2.4) for _ in range(10)]
            for i, rtt in enumerate(rtts, 1):
                out.append(f"64 bytes from {addr}: icmp_seq={i} ttl=248 time={rtt:.2f} ms")
            mean = sum(rtts) / 10
            out += ["", f"--- {host} ping statistics ---",
                    f"10 packets transmitted, 10 received, 0% packet loss, time {self.r.randint(9, 14)}ms",
                    f"rtt min/avg/max/mdev = {min(rtts):.3f}/{mean:.3f}/{max(rtts):.3f}/0.412 ms, ipg/ewma "
                    f"1.421/{mean:.3f} ms"]
        else:
            out += ["", f"--- {host} ping statistics ---", f"10 packets transmitted, 0 received, 100% packet loss, "
                    f"time {self.r.randint(9100, 9300)}ms", ""]
        return ("\n".join(out) + "\n").encode()

    def render_curl(self) -> bytes:
        n = self.n
        host = n.endpoint.split("//")[1]
        t0 = self.when["networking/curl_api_server.txt"] - 5 * NS
        out: list[str] = []
        for i in range(1, 6):
            t = t0 + i * int(0.8 * NS)
            d = dt_of(t)
            out.append(f"curling {n.endpoint} ({i} of 5) {d:%Y-%m-%dT%H:%M:%S}.{(t % NS) // 1_000_000:03d}UTC\n\n")
            ip = self.api_ips()[i % 2]
            out.append(f"*   Trying {ip}:443...\n* Connected to {host} ({ip}) port 443 (#0)\n"
                       f"* ALPN, offering h2\n* ALPN, offering http/1.1\n"
                       f"*  CAfile: /etc/kubernetes/pki/ca.crt\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n"
                       f"* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256\n* ALPN, server accepted to use h2\n"
                       f"* Server certificate:\n*  subject: CN=kube-apiserver\n*  issuer: CN=kubernetes\n"
                       f"*  SSL certificate verify ok.\n* Using HTTP2, server supports multi-use\n"
                       f"> GET /livez?verbose HTTP/2\n> Host: {host}\n> user-agent: curl/7.88.1\n> accept: */*\n>\n"
                       f"< HTTP/2 200 \n< audit-id: {self.ids.uid()}\n< cache-control: no-cache, private\n"
                       f"< content-type: text/plain; charset=utf-8\n< x-content-type-options: nosniff\n"
                       f"< content-length: 815\n< date: {http_date(t + 41_000_000)}\n<\n"
                       f"[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]poststarthook/start-apiserver-admission-initializer ok\n"
                       f"[+]poststarthook/generic-apiserver-start-informers ok\n[+]poststarthook/priority-and-fairness-"
                       f"config-consumer ok\n[+]poststarthook/start-service-ip-repair-controllers ok\n"
                       f"[+]poststarthook/rbac/bootstrap-roles ok\n[+]poststarthook/bootstrap-controller ok\n"
                       f"[+]poststarthook/apiservice-registration-controller ok\nlivez check passed\n"
                       f"* Connection #0 to host {host} left intact\n")
        return "".join(out).encode()

    def render_get_api_server(self) -> bytes:
        n = self.n
        return (f"sending GET request to {n.endpoint}/livez?verbose\n[+]ping ok\n[+]log ok\n[+]etcd ok\n"
                f"[+]poststarthook/generic-apiserver-start-informers ok\n[+]poststarthook/rbac/bootstrap-roles ok\n"
                f"livez check passed\n").encode()

    def render_systemd_network(self) -> dict[str, bytes]:
        n = self.n
        if n.os != "al2023":
            return {}
        return {
            "80-ec2.network": (b"# /usr/lib/systemd/network/80-ec2.network\n[Match]\nDriver=ena ixgbevf vif\n\n"
                               b"[Link]\nMTUBytes=9001\n\n[Network]\nDHCP=yes\nIPv6DuplicateAddressDetection=0\n"
                               b"LLMNR=no\nDNSDefaultRoute=yes\n\n[DHCPv4]\nUseHostname=no\nUseDNS=yes\nUseNTP=yes\n"
                               b"UseDomains=yes\n"),
            "99-default.link": (b"# /usr/lib/systemd/network/99-default.link\n[Match]\nOriginalName=*\n\n[Link]\n"
                                b"NamePolicy=keep kernel database onboard slot path\nAlternativeNamesPolicy=database "
                                b"onboard slot path\nMACAddressPolicy=none\n"),
            f"70-{n.iface}.network".encode().decode(): (
                f"# /run/systemd/network/70-{n.iface}.network\n[Match]\nMACAddress={self.enis[0]['mac']}\n\n"
                f"[Network]\nDHCP=yes\n\n[DHCPv4]\nRouteMetric=512\n").encode(),
        }

    def render_modinfo_ipvs(self) -> bytes:
        return (b"nf_conntrack_netlink    57344  0\n"
                b"nf_conntrack          188416  6 xt_conntrack,nf_nat,xt_nat,nf_conntrack_netlink,xt_CT,xt_MASQUERADE\n"
                b"nf_defrag_ipv6         24576  1 nf_conntrack\n"
                b"nf_defrag_ipv4         16384  1 nf_conntrack\n"
                b"libcrc32c              16384  4 nf_conntrack,nf_nat,nf_tables,xfs\n")

    def render_ebpf(self) -> bytes:
        return (b"*** EBPF loaded data ***\n"
                b"PinPath:  /sys/fs/bpf/globals/aws/programs/\n"
                b"Pod Identifier : \n"
                b"No Elected Programs loaded\n")


    # ----- ipamd introspection, metrics, checkpoint -----------------------------------------

    def render_enis(self) -> bytes:
        n = self.n
        if not self.ipamd_up:
            return b""
        used = {a["ipv4"]: a for a in self.ipam_checkpoint}
        enis: dict[str, object] = {}
        total = assigned = 0
        for e in self.active_enis():
            ips = e["ips"]
            assert isinstance(ips, list)
            if n.cni_minor < (7, 0):
                pool = {}
                for ip in ips:
                    a = used.get(ip)
                    pool[ip] = {"Address": ip, "Assigned": bool(a),
                                "UnassignedTime": "0001-01-01T00:00:00Z"}
                enis[str(e["id"])] = {"ID": e["id"], "IsPrimary": e["device"] == 0, "DeviceNumber": e["device"],
                                      "IPv4Addresses": pool}
            elif n.cni_minor < (9, 0):
                addrs: dict[str, object] = {}
                for ip in ips:
                    a = used.get(ip)
                    at = a["allocationTimestamp"] if a else 0
                    assert isinstance(at, int)
                    addrs[ip] = {"Address": ip, "IPAMKey": {"networkName": "aws-cni", "containerID": a["containerID"],
                                                            "ifName": "eth0"} if a else
                                 {"networkName": "", "containerID": "", "ifName": ""},
                                 "AssignedTime": rfc3339nano(at) if a else "0001-01-01T00:00:00Z",
                                 "UnassignedTime": "0001-01-01T00:00:00Z"}
                enis[str(e["id"])] = {"ID": e["id"], "IsPrimary": e["device"] == 0, "IsTrunk": False,
                                      "DeviceNumber": e["device"], "IPv4Addresses": addrs}
            else:
                cidrs: dict[str, object] = {}
                for ip in ips:
                    a = used.get(ip)
                    key = {"networkName": "aws-cni", "containerID": a["containerID"], "ifName": "eth0"} if a else \
                        {"networkName": "", "containerID": "", "ifName": ""}
                    meta = a["metadata"] if a else {}
                    at = a["allocationTimestamp"] if a else 0
                    assert isinstance(at, int)
                    cidrs[f"{ip}/32"] = {
                        "Cidr": {"IP": ip, "Mask": "/////w=="},
                        "IPAddresses": {ip: {"Address": ip, "IPAMKey": key, "IPAMMetadata": meta,
                                             "AssignedTime": rfc3339nano(at) if a else "0001-01-01T00:00:00Z",
                                             "UnassignedTime": "0001-01-01T00:00:00Z"}} if a else {},
                        "IsPrefix": False, "AddressFamily": "4"}
                enis[str(e["id"])] = {"ID": e["id"], "IsPrimary": e["device"] == 0, "IsTrunk": False,
                                      "IsEFA": False, "DeviceNumber": e["device"], "AvailableIPv4Cidrs": cidrs,
                                      "IPv6Cidrs": {}}
            total += len(ips)
            assigned += sum(1 for ip in ips if ip in used)
        if self.assigned_override is not None:
            assigned = self.assigned_override
        if n.cni_minor < (7, 0):
            body: object = {"TotalIPs": total, "AssignedIPs": assigned, "ENIIPPools": enis}
        elif n.cni_minor < (20, 0):
            body = {"TotalIPs": total, "AssignedIPs": assigned, "ENIs": enis}
        else:
            body = {"0": {"TotalIPs": total, "AssignedIPs": assigned, "ENIs": enis}}
        return jdump(body).encode()

    def render_pods_json(self) -> bytes:
        if not self.ipamd_up:
            return b""
        if self.n.cni_minor < (7, 0):
            return jdump({f"{p.name}_{p.ns}_{p.sandbox}": {"IP": p.ip, "DeviceNumber": self.eni_of(p.ip)["device"]}
                          for p in self.pods.values() if p.ip}).encode()
        return b'{"AvailableCommands":["/v1/enis","/v1/eni-configs","/v1/networkutils-env-settings",' \
               b'"/v1/ipamd-env-settings"]}'

    def render_networkutils_env(self) -> bytes:
        if not self.ipamd_up:
            return b""
        d: dict[str, object] = {"AWS_EXTERNAL_SERVICE_CIDRS": None, "AWS_VPC_CNI_NODE_PORT_SUPPORT": True,
                                "AWS_VPC_ENI_MTU": 9001, "AWS_VPC_K8S_CNI_CONNMARK": 128,
                                "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS": None,
                                "AWS_VPC_K8S_CNI_EXTERNALSNAT": self.external_snat,
                                "AWS_VPC_K8S_CNI_RANDOMIZESNAT": 2, "AWS_VPC_K8S_CNI_VETHPREFIX": "eni"}
        if self.n.cni_minor < (11, 0):
            d.pop("AWS_EXTERNAL_SERVICE_CIDRS")
        return jdump(dict(sorted(d.items()))).encode()

    def render_ipamd_env(self) -> bytes:
        if not self.ipamd_up:
            return b""
        d: dict[str, object] = {"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": False, "WARM_ENI_TARGET": 1,
                                "WARM_IP_TARGET": 0}
        m = self.n.cni_minor
        if m >= (8, 0):
            d["AWS_MANAGE_ENIS_NON_SCHEDULABLE"] = False
        if m >= (18, 0):
            d["ENABLE_SUBNET_DISCOVERY"] = True
        return jdump(dict(sorted(d.items()))).encode()

    def render_eni_configs(self) -> bytes:
        if not self.ipamd_up:
            return b""
        return b'"default"'

    def render_metrics(self) -> bytes:
        n = self.n
        if not self.ipamd_up:
            return b""
        total = sum(len(e["ips"]) for e in self.active_enis())  # type: ignore[arg-type]
        assigned = self.assigned_override if self.assigned_override is not None else len(self.ipam_checkpoint)
        ver = n.cni_ver
        lines = ["# HELP awscni_add_ip_req_count The number of add IP address requests",
                 "# TYPE awscni_add_ip_req_count counter",
                 f"awscni_add_ip_req_count {len(self.ipam_checkpoint) + self.r.randint(40, 400)}",
                 "# HELP awscni_assigned_ip_addresses The number of IP addresses assigned to pods",
                 "# TYPE awscni_assigned_ip_addresses gauge",
                 f"awscni_assigned_ip_addresses {assigned}"]
        if self.aws_api_errors:
            lines += ["# HELP awscni_aws_api_error_count The number of times AWS API returns an error",
                      "# TYPE awscni_aws_api_error_count counter"]
            for (api, err), cnt in sorted(self.aws_api_errors.items()):
                lines.append(f'awscni_aws_api_error_count{{api="{api}",error="{err}"}} {cnt}')
        lines += ["# HELP awscni_aws_api_latency_ms AWS API call latency in ms",
                  "# TYPE awscni_aws_api_latency_ms summary"]
        for api in ("AssignPrivateIpAddresses", "AttachNetworkInterface", "CreateNetworkInterface",
                    "DescribeNetworkInterfaces"):
            lines.append(f'awscni_aws_api_latency_ms_sum{{api="{api}",error="false",status="200"}} '
                         f"{self.r.randint(200, 4000)}")
            lines.append(f'awscni_aws_api_latency_ms_count{{api="{api}",error="false",status="200"}} '
                         f"{self.r.randint(1, 40)}")
        lines += ["# HELP awscni_build_info A metric with a constant '1' value labeled by version, revision, and "
                  "goversion from which amazon-vpc-cni-k8s was built.",
                  "# TYPE awscni_build_info gauge",
                  f'awscni_build_info{{goversion="go1.24.9",version="{ver}"}} 1' if n.cni_minor >= (8, 0) else
                  f'awscni_build_info{{goversion="go1.14.6",version="{ver}"}} 1',
                  "# HELP awscni_eni_allocated The number of ENIs allocated", "# TYPE awscni_eni_allocated gauge",
                  f"awscni_eni_allocated {self.eni_count}",
                  "# HELP awscni_eni_max The maximum number of ENIs that can be attached to the instance, accounting "
                  "for unmanaged ENIs", "# TYPE awscni_eni_max gauge", f"awscni_eni_max {n.eni_max}"]
        if self.aws_api_errors:
            lines += ["# HELP awscni_ec2api_error_count The number of errors encountered while making calls to EC2 API",
                      "# TYPE awscni_ec2api_error_count counter",
                      f"awscni_ec2api_error_count {sum(self.aws_api_errors.values())}"]
        lines += ["# HELP awscni_ip_max The maximum number of IP addresses that can be allocated to the instance",
                  "# TYPE awscni_ip_max gauge", f"awscni_ip_max {n.eni_max * (n.ips_per_eni - 1)}"]
        if self.assigned_override is not None:
            lines += ["# HELP awscni_ipamd_error_count The number of errors encountered in ipamd",
                      "# TYPE awscni_ipamd_error_count counter",
                      f'awscni_ipamd_error_count{{fn="increaseIPPoolAllocIPAddressFailed"}} {self.r.randint(30, 90)}',
                      "# HELP awscni_no_available_ip_addresses The number of pod IP assignments that fail due to no "
                      "available IP addresses", "# TYPE awscni_no_available_ip_addresses counter",
                      f"awscni_no_available_ip_addresses {self.no_ip_count}"]
        lines += ["# HELP awscni_total_ip_addresses The total number of IP addresses",
                  "# TYPE awscni_total_ip_addresses gauge", f"awscni_total_ip_addresses {total}",
                  "# HELP go_goroutines Number of goroutines that currently exist.", "# TYPE go_goroutines gauge",
                  f"go_goroutines {self.r.randint(60, 120)}",
                  "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.",
                  "# TYPE process_start_time_seconds gauge",
                  f"process_start_time_seconds {self.ipamd_started / NS:.8e}"]
        return ("\n".join(lines) + "\n").encode()

    def render_ipam_json(self) -> bytes:
        allocs = []
        for a in self.ipam_checkpoint:
            b = dict(a)
            if self.n.cni_minor < (11, 0):
                b.pop("allocationTimestamp", None)
                b.pop("metadata", None)
            allocs.append(b)
        return jdump({"version": "vpc-cni-ipam/1", "allocations": allocs}).encode()

    # ----- CNI config ----------------------------------------------------------------------

    def render_conflist(self) -> bytes:
        n = self.n
        m = n.cni_minor
        if m < (7, 0):
            return (b'{\n  "cniVersion": "0.3.1",\n  "name": "aws-cni",\n  "plugins": [\n    {\n      "name": '
                    b'"aws-cni",\n      "type": "aws-cni",\n      "vethPrefix": "eni",\n      "mtu": "9001"\n    },\n'
                    b'    {\n      "type": "portmap",\n      "capabilities": {"portMappings": true},\n      "snat": '
                    b'true\n    }\n  ]\n}\n')
        plugins: list[dict[str, object]] = [{
            "name": "aws-cni", "type": "aws-cni", "vethPrefix": "eni", "mtu": "9001",
            "podSGEnforcingMode": "strict" if m < (19, 0) else "standard",
            "pluginLogFile": "/var/log/aws-routed-eni/plugin.log", "pluginLogLevel": "DEBUG"}]
        if m >= (10, 0):
            plugins.append({"name": "egress-cni" if m >= (12, 1) else "egress-v4-cni",
                            "type": "egress-cni" if m >= (12, 1) else "egress-v4-cni", "mtu": "9001",
                            "enabled": "false", "randomizeSNAT": "prng", "nodeIP": n.ip,
                            "ipam": {"type": "host-local", "ranges": [[{"subnet": "169.254.172.0/22"}]],
                                     "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "/run/cni/v4pd/egress-v4-ipam"},
                            "pluginLogFile": "/var/log/aws-routed-eni/egress-v4-plugin.log",
                            "pluginLogLevel": "DEBUG"})
        plugins.append({"type": "portmap", "capabilities": {"portMappings": True}, "snat": True})
        return (jdump({"cniVersion": "0.4.0", "name": "aws-cni", "disableCheck": True, "plugins": plugins}, 2)
                + "\n").encode()

    def render_calico_conflist(self) -> bytes:
        n = self.n
        return (jdump({"name": "k8s-pod-network", "cniVersion": "0.3.1", "plugins": [
            {"type": "calico", "datastore_type": "kubernetes", "mtu": 0, "nodename_file_optional": False,
             "log_level": "Info", "log_file_path": "/var/log/calico/cni/cni.log",
             "ipam": {"type": "calico-ipam", "assign_ipv4": "true", "assign_ipv6": "false"},
             "container_settings": {"allow_ip_forwarding": False}, "policy": {"type": "k8s"},
             "kubernetes": {"k8s_api_root": f"https://{n.api_vip}:443", "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}},
            {"type": "bandwidth", "capabilities": {"bandwidth": True}},
            {"type": "portmap", "snat": True, "capabilities": {"portMappings": True}}]}, 2) + "\n").encode()

    def aws_node_env(self) -> list[str]:
        n = self.n
        m = n.cni_minor
        env = {"ADDITIONAL_ENI_TAGS": "{}", "ANNOTATE_POD_IP": "false", "AWS_VPC_CNI_NODE_PORT_SUPPORT": "true",
               "AWS_VPC_ENI_MTU": "9001", "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": "false",
               "AWS_VPC_K8S_CNI_EXTERNALSNAT": "true" if self.external_snat else "false",
               "AWS_VPC_K8S_CNI_LOGLEVEL": "DEBUG", "AWS_VPC_K8S_CNI_LOG_FILE": "/host/var/log/aws-routed-eni/ipamd.log",
               "AWS_VPC_K8S_CNI_RANDOMIZESNAT": "prng", "AWS_VPC_K8S_CNI_VETHPREFIX": "eni",
               "AWS_VPC_K8S_PLUGIN_LOG_FILE": "/var/log/aws-routed-eni/plugin.log",
               "AWS_VPC_K8S_PLUGIN_LOG_LEVEL": "DEBUG", "CLUSTER_NAME": n.cluster, "DISABLE_INTROSPECTION": "false",
               "DISABLE_METRICS": "false", "DISABLE_NETWORK_RESOURCE_PROVISIONING": "false", "ENABLE_IPv4": "true",
               "ENABLE_IPv6": "false", "ENABLE_POD_ENI": "false", "ENABLE_PREFIX_DELEGATION": "false",
               "VPC_CNI_VERSION": n.cni_ver.split("-")[0], "VPC_ID": n.vpc_id,
               "WARM_ENI_TARGET": "1", "WARM_PREFIX_TARGET": "1", "MY_NODE_NAME": n.name,
               "MY_POD_NAME": "", "AWS_DEFAULT_REGION": n.region, "AWS_REGION": n.region,
               "AWS_STS_REGIONAL_ENDPOINTS": "regional"}
        if m >= (18, 0):
            env["ENABLE_SUBNET_DISCOVERY"] = "true"
            env["NETWORK_POLICY_ENFORCING_MODE"] = "standard"
            env["ENABLE_IMDS_ONLY_MODE"] = "false"
        if m >= (20, 0):
            env["ENABLE_MULTI_NIC"] = "false"
        env.update(self.env_over)
        pod = [p for p in self.pods.values() if p.name.startswith("aws-node")]
        if pod:
            env["MY_POD_NAME"] = pod[0].name
        out = [f"{k}={v}" for k, v in env.items() if k != "linklocal"]
        out += ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", f"HOSTNAME={n.name}",
                f"KUBERNETES_SERVICE_HOST={n.api_vip}", "KUBERNETES_SERVICE_PORT=443",
                "KUBERNETES_SERVICE_PORT_HTTPS=443", f"KUBERNETES_PORT=tcp://{n.api_vip}:443",
                f"KUBERNETES_PORT_443_TCP=tcp://{n.api_vip}:443", "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                "KUBERNETES_PORT_443_TCP_PORT=443", f"KUBERNETES_PORT_443_TCP_ADDR={n.api_vip}"]
        return out

    def render_cni_vars(self) -> bytes:
        n = self.n
        objs = []
        for c in sorted((c for c in self.containers if c.name == "aws-node"), key=lambda c: c.started):
            created = rfc3339nano(c.started - 150_000_000)
            spec = {
                "ociVersion": "1.2.0",
                "process": {"user": {"uid": 0, "gid": 0, "additionalGids": [0]},
                            "args": ["/app/aws-vpc-cni"] if n.cni_minor >= (12, 1) else ["/app/entrypoint.sh"],
                            "env": self.aws_node_env(), "cwd": "/app",
                            "capabilities": {"bounding": ["CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_ADMIN"],
                                             "effective": ["CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_ADMIN"],
                                             "permitted": ["CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_ADMIN"]},
                            "oomScoreAdj": -997},
                "root": {"path": "rootfs"},
                "hostname": n.name,
                "mounts": [{"destination": "/host/opt/cni/bin", "type": "bind", "source": "/opt/cni/bin",
                            "options": ["rbind", "rprivate", "rw"]},
                           {"destination": "/host/etc/cni/net.d", "type": "bind", "source": "/etc/cni/net.d",
                            "options": ["rbind", "rprivate", "rw"]},
                           {"destination": "/host/var/log/aws-routed-eni", "type": "bind",
                            "source": "/var/log/aws-routed-eni", "options": ["rbind", "rprivate", "rw"]},
                           {"destination": "/var/run/aws-node", "type": "bind", "source": "/var/run/aws-node",
                            "options": ["rbind", "rprivate", "rw"]}],
                "annotations": {"io.kubernetes.cri.container-name": "aws-node",
                                "io.kubernetes.cri.container-type": "container",
                                "io.kubernetes.cri.image-name": c.image or self.image_of("aws-node"),
                                "io.kubernetes.cri.sandbox-id": c.pod.sandbox,
                                "io.kubernetes.cri.sandbox-name": c.pod.name,
                                "io.kubernetes.cri.sandbox-namespace": "kube-system",
                                "io.kubernetes.cri.sandbox-uid": c.pod.uid},
                "linux": {"resources": {"cpu": {"shares": 25, "period": 100000}, "memory": {"limit": 0}},
                          "cgroupsPath": f"kubepods-burstable-pod{c.pod.uid.replace('-', '_')}.slice:cri-containerd:"
                                         f"{c.cid}",
                          "namespaces": [{"type": "pid"}, {"type": "ipc", "path": "/proc/3640/ns/ipc"},
                                         {"type": "uts", "path": "/proc/3640/ns/uts"}, {"type": "mount"}]}}
            obj = {"ID": c.cid,
                   "Labels": {"io.cri-containerd.kind": "container", "io.kubernetes.container.name": "aws-node",
                              "io.kubernetes.pod.name": c.pod.name, "io.kubernetes.pod.namespace": "kube-system",
                              "io.kubernetes.pod.uid": c.pod.uid},
                   "Image": c.image or self.image_of("aws-node"),
                   "Runtime": {"Name": "io.containerd.runc.v2", "Options": {"type_url":
                               "containerd.runc.v1.Options", "value": "SAE="}},
                   "SnapshotKey": c.cid, "Snapshotter": "overlayfs", "CreatedAt": created, "UpdatedAt": created,
                   "Extensions": {"io.cri-containerd.container.metadata": {"type_url":
                                  "github.com/containerd/cri/pkg/store/container/Metadata", "value": "eyJWZXJzaW9uIjoidjEifQ=="}},
                   "Spec": spec}
            if n.containerd_ver.startswith("2"):
                obj["SandboxID"] = c.pod.sandbox
            objs.append(json.dumps(obj, indent=4, ensure_ascii=False))
        return ("\n".join(objs) + "\n").encode() if objs else b""

    # ----- containerd listings -------------------------------------------------------------

    def render_containerd_config(self) -> bytes:
        n = self.n
        if n.containerd_ver.startswith("2"):
            return (f"version = 3\nroot = '/var/lib/containerd'\nstate = '/run/containerd'\ntemp = ''\n"
                    f"plugin_dir = ''\ndisabled_plugins = []\nrequired_plugins = []\noom_score = 0\nimports = []\n\n"
                    f"[grpc]\n  address = '/run/containerd/containerd.sock'\n  tcp_address = ''\n  uid = 0\n  gid = 0\n"
                    f"  max_recv_message_size = 16777216\n  max_send_message_size = 16777216\n\n[plugins]\n"
                    f"  [plugins.'io.containerd.cri.v1.images']\n    snapshotter = 'overlayfs'\n"
                    f"    disable_snapshot_annotations = true\n    max_concurrent_downloads = 3\n\n"
                    f"    [plugins.'io.containerd.cri.v1.images'.pinned_images]\n"
                    f"      sandbox = '{self.pause_image()}'\n\n"
                    f"    [plugins.'io.containerd.cri.v1.images'.registry]\n      config_path = "
                    f"'/etc/containerd/certs.d:/etc/docker/certs.d'\n\n"
                    f"  [plugins.'io.containerd.cri.v1.runtime']\n    enable_selinux = false\n"
                    f"    max_container_log_line_size = 16384\n\n"
                    f"    [plugins.'io.containerd.cri.v1.runtime'.cni]\n      bin_dirs = ['/opt/cni/bin']\n"
                    f"      conf_dir = '/etc/cni/net.d'\n      max_conf_num = 1\n\n"
                    f"    [plugins.'io.containerd.cri.v1.runtime'.containerd]\n      default_runtime_name = 'runc'\n\n"
                    f"      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]\n"
                    f"        runtime_type = 'io.containerd.runc.v2'\n        base_runtime_spec = "
                    f"'/etc/containerd/base-runtime-spec.json'\n\n"
                    f"        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n"
                    f"          BinaryName = '/usr/sbin/runc'\n          SystemdCgroup = true\n\n"
                    f"  [plugins.'io.containerd.grpc.v1.cri']\n    disable_tcp_service = true\n"
                    f"    stream_server_address = '127.0.0.1'\n    stream_server_port = '0'\n"
                    f"    enable_tls_streaming = false\n").encode()
        return (f'version = 2\nroot = "/var/lib/containerd"\nstate = "/run/containerd"\n\n[grpc]\n  address = '
                f'"/run/containerd/containerd.sock"\n\n[plugins]\n  [plugins."io.containerd.grpc.v1.cri"]\n'
                f'    sandbox_image = "{self.pause_image()}"\n    max_container_log_line_size = 16384\n\n'
                f'    [plugins."io.containerd.grpc.v1.cri".cni]\n      bin_dir = "/opt/cni/bin"\n      conf_dir = '
                f'"/etc/cni/net.d"\n      max_conf_num = 1\n\n    [plugins."io.containerd.grpc.v1.cri".containerd]\n'
                f'      default_runtime_name = "runc"\n      snapshotter = "overlayfs"\n\n'
                f'      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n        runtime_type = '
                f'"io.containerd.runc.v2"\n\n        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.'
                f'options]\n          SystemdCgroup = true\n\n    [plugins."io.containerd.grpc.v1.cri".registry]\n'
                f'      config_path = "/etc/containerd/certs.d:/etc/docker/certs.d"\n').encode()

    def render_ctr_version(self) -> bytes:
        n = self.n
        rev = self.ids.hex(40)
        return (f"Client:\n  Version:  {n.containerd_ver}\n  Revision: {rev}\n  Go version: go1.24.9\n\n"
                f"Server:\n  Version:  {n.containerd_ver}\n  Revision: {rev}\n  UUID: {self.ids.uid()}\n").encode()

    def image_refs(self) -> list[str]:
        imgs = {c.image or self.image_of(c.name) for c in self.containers}
        imgs.add(self.pause_image())
        imgs |= set(self.app_images)
        return sorted(imgs)

    def render_ctr_images(self) -> bytes:
        out = ["REF TYPE DIGEST SIZE PLATFORMS LABELS "]
        for ref in self.image_refs():
            out.append(f"{ref} application/vnd.oci.image.index.v1+json sha256:{self.ids.hex(64)} "
                       f"{self.r.randint(1, 90)}.{self.r.randint(0, 9)} MiB linux/amd64,linux/arm64 "
                       f"io.cri-containerd.image=managed ")
        return ("\n".join(out) + "\n").encode()

    def render_ctr_containers(self) -> bytes:
        out = ["CONTAINER                                                           IMAGE"
               "                                                                        RUNTIME                  "]
        rows = []
        for c in self.containers:
            rows.append((c.cid, c.image or self.image_of(c.name)))
        for p in self.pods.values():
            if p.sandbox:
                rows.append((p.sandbox, self.pause_image()))
        for cid, img in sorted(rows):
            out.append(f"{cid}    {img:<76} io.containerd.runc.v2    ")
        return ("\n".join(out) + "\n").encode()

    def render_ctr_tasks(self) -> bytes:
        out = ["TASK                                                                PID     STATUS    "]
        for c in sorted(self.containers, key=lambda c: c.cid):
            st = "RUNNING" if c.exited is None else "STOPPED"
            out.append(f"{c.cid}    {self.r.randint(3000, 90000) if st == 'RUNNING' else 0:<7} {st:<9} ")
        return ("\n".join(out) + "\n").encode()

    def render_ctr_plugins(self) -> bytes:
        rows = [("io.containerd.content.v1", "content", "-", "ok"),
                ("io.containerd.snapshotter.v1", "native", "linux/amd64", "ok"),
                ("io.containerd.snapshotter.v1", "overlayfs", "linux/amd64", "ok"),
                ("io.containerd.snapshotter.v1", "devmapper", "linux/amd64", "skip"),
                ("io.containerd.snapshotter.v1", "zfs", "linux/amd64", "skip"),
                ("io.containerd.metadata.v1", "bolt", "-", "ok"),
                ("io.containerd.runtime.v2", "task", "linux/amd64", "ok"),
                ("io.containerd.grpc.v1", "cri", "linux/amd64", "ok")]
        out = ["TYPE                                      ID                       PLATFORMS      STATUS    "]
        for t, i, p, s in rows:
            out.append(f"{t:<41} {i:<24} {p:<14} {s:<9} ")
        return ("\n".join(out) + "\n").encode()

    def render_stacks(self, ns: int) -> bytes:
        return self.goroutines(ns).encode()

    def goroutines(self, ns: int) -> str:
        parts = []
        for g, state, fn in ((1, "chan receive", "main.main"), (23, "select", "github.com/containerd/containerd/v2/"
                             "core/events/exchange.(*Exchange).Subscribe.func1"),
                             (57, "IO wait", "net.(*netFD).accept"), (88, "select", "google.golang.org/grpc."
                             "(*Server).handleRawConn"), (101, "sync.Cond.Wait", "github.com/containerd/containerd/v2/"
                             "internal/cri/server.(*criService).startEventMonitor")):
            parts.append(f"goroutine {g} [{state}]:\n{fn}(...)\n\t/go/src/github.com/containerd/containerd/cmd/"
                         f"containerd/main.go:{30 + g}\nruntime.goexit({{}})\n\t/usr/local/go/src/runtime/"
                         f"asm_amd64.s:1700 +0x1\n")
        for g in range(200, 200 + 80):
            parts.append(f"goroutine {g} [select, {self.r.randint(1, 900)} minutes]:\ngithub.com/containerd/ttrpc."
                         f"(*Server).handleConn.func2()\n\t/go/pkg/mod/github.com/containerd/ttrpc@v1.2.7/server.go:"
                         f"{400 + g % 50} +0x{self.ids.hex(3)}\ncreated by github.com/containerd/ttrpc.(*Server)."
                         f"handleConn in goroutine {g - 1}\n\t/go/pkg/mod/github.com/containerd/ttrpc@v1.2.7/server.go:"
                         f"384 +0x9c\n")
        return "\n".join(parts)

    # ----- kubelet files -------------------------------------------------------------------

    def kubelet_config(self) -> dict[str, object]:
        n = self.n
        cfg: dict[str, object] = {
            "kind": "KubeletConfiguration", "apiVersion": "kubelet.config.k8s.io/v1beta1",
            "address": "0.0.0.0",
            "authentication": {"anonymous": {"enabled": False}, "webhook": {"cacheTTL": "2m0s", "enabled": True},
                               "x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}},
            "authorization": {"mode": "Webhook", "webhook": {"cacheAuthorizedTTL": "5m0s",
                                                             "cacheUnauthorizedTTL": "30s"}},
            "clusterDomain": "cluster.local", "hairpinMode": "hairpin-veth", "readOnlyPort": 0,
            "cgroupDriver": "systemd", "cgroupRoot": "/", "featureGates": {"RotateKubeletServerCertificate": True},
            "protectKernelDefaults": True, "serializeImagePulls": False, "serverTLSBootstrap": n.server_tls_bootstrap,
            "tlsCipherSuites": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                                "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256"],
            "clusterDNS": [n.dns_ip], "evictionHard": {"memory.available": "100Mi", "nodefs.available": "10%",
                                                       "nodefs.inodesFree": "5%"},
            "kubeReserved": {"cpu": "70m", "ephemeral-storage": "1Gi", "memory": f"{255 + 11 * n.max_pods}Mi"},
            "kubeReservedCgroup": "/runtime", "systemReservedCgroup": "/system",
            "containerRuntimeEndpoint": "unix:///run/containerd/containerd.sock",
            "maxPods": n.max_pods, "registerWithTaints": [], "registryPullQPS": 5, "registryBurst": 10,
        }
        if n.os == "al2023":
            cfg["providerID"] = f"aws:///{n.az}/{n.instance_id}"
            cfg["kubeAPIQPS"] = 10
            cfg["kubeAPIBurst"] = 20
            cfg["logging"] = {"verbosity": 2}
        cfg.update(self.kcfg_over)
        return cfg

    def render_kubelet_config(self) -> bytes:
        return (jdump(self.kubelet_config(), 4) + "\n").encode()

    def render_nodeadm_dropin(self) -> bytes:
        n = self.n
        return (jdump({"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
                       "maxPods": n.max_pods, "providerID": f"aws:///{n.az}/{n.instance_id}"}, 4) + "\n").encode()

    def render_kubelet_service(self) -> bytes:
        n = self.n
        if n.os == "al2023":
            return (b"# /etc/systemd/system/kubelet.service\n[Unit]\nDescription=Kubernetes Kubelet\n"
                    b"Documentation=https://github.com/kubernetes/kubernetes\nAfter=containerd.service\n"
                    b"Wants=containerd.service\n\n[Service]\nSlice=runtime.slice\n"
                    b"EnvironmentFile=/etc/eks/kubelet/environment\nExecStartPre=/sbin/iptables -P FORWARD ACCEPT "
                    b"-w 5\nExecStart=/usr/bin/kubelet $NODEADM_KUBELET_ARGS\n\nRestart=on-failure\nRestartForceExitStatus=SIGPIPE\n"
                    b"RestartSec=5\nKillMode=process\nCPUAccounting=true\nMemoryAccounting=true\n\n[Install]\n"
                    b"WantedBy=multi-user.target\n")
        unit = ("# /etc/systemd/system/kubelet.service\n[Unit]\nDescription=Kubernetes Kubelet\n"
                "Documentation=https://github.com/kubernetes/kubernetes\n"
                + ("After=containerd.service sandbox-image.service\nRequires=containerd.service sandbox-image.service\n"
                   if n.runtime == "containerd" else "After=docker.service iptables-restore.service\n"
                   "Requires=docker.service\n")
                + "\n[Service]\nExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5\nExecStart=/usr/bin/kubelet "
                "--cloud-provider aws \\\n    --config /etc/kubernetes/kubelet/kubelet-config.json \\\n"
                "    --kubeconfig /var/lib/kubelet/kubeconfig \\\n"
                + ("    --container-runtime-endpoint unix:///run/containerd/containerd.sock \\\n"
                   if n.runtime == "containerd" else "    --container-runtime docker \\\n    --network-plugin cni \\\n")
                + "    $KUBELET_ARGS \\\n    $KUBELET_EXTRA_ARGS\n\nRestart=always\nRestartSec=5\nKillMode=process\n"
                "CPUAccounting=true\nMemoryAccounting=true\n\n[Install]\nWantedBy=multi-user.target\n\n"
                "# /etc/systemd/system/kubelet.service.d/10-kubelet-args.conf\n[Service]\n"
                f"Environment='KUBELET_ARGS=--node-ip={n.ip} --pod-infra-container-image={self.pause_image()} --v=2'\n\n"
                "# /etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf\n[Service]\n"
                f"Environment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup-image={n.ami},"
                f"eks.amazonaws.com/capacityType=ON_DEMAND,eks.amazonaws.com/nodegroup={n.nodegroup}'\n")
        return unit.encode()

    def render_kubeconfig(self) -> bytes:
        n = self.n
        auth = (f"      command: aws\n      args:\n        - \"eks\"\n        - \"get-token\"\n        - "
                f"\"--cluster-name\"\n        - \"{n.cluster}\"\n        - \"--region\"\n        - \"{n.region}\"\n"
                if n.script_date.year >= 2021 else
                f"      command: /usr/bin/aws-iam-authenticator\n      args:\n        - \"token\"\n        - \"-i\"\n"
                f"        - \"{n.cluster}\"\n        - --region\n        - \"{n.region}\"\n")
        return (f"apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: "
                f"/etc/kubernetes/pki/ca.crt\n    server: {n.endpoint}\n  name: kubernetes\ncontexts:\n- context:\n"
                f"    cluster: kubernetes\n    user: kubelet\n  name: kubelet\ncurrent-context: kubelet\nusers:\n"
                f"- name: kubelet\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
                f"{auth}").encode()

    # ----- sysctls -----------------------------------------------------------------------

    def render_sysctl(self) -> bytes:
        n = self.n
        kv = {
            "fs.file-max": "9223372036854775807" if n.os == "al2023" else "3247204",
            "fs.file-nr": f"{self.r.randint(2000, 9000)}\t0\t9223372036854775807" if n.os == "al2023" else
            f"{self.r.randint(2000, 9000)}\t0\t3247204",
            "fs.inotify.max_queued_events": "16384",
            "fs.inotify.max_user_instances": "8192",
            "fs.inotify.max_user_watches": "524288",
            "kernel.hostname": n.short if n.os == "al2" else n.host,
            "kernel.hung_task_timeout_secs": "120",
            "kernel.osrelease": n.kernel,
            "kernel.panic": "10",
            "kernel.pid_max": "4194304",
            "kernel.task_delayacct": "1" if n.delayacct else "0",
            "kernel.threads-max": str(63000 * n.vcpu),
            "net.bridge.bridge-nf-call-iptables": "1",
            "net.core.netdev_max_backlog": "1000",
            "net.core.somaxconn": "4096",
            "net.ipv4.conf.all.forwarding": "1",
            "net.ipv4.conf.all.rp_filter": "1",
            "net.ipv4.conf.default.rp_filter": "1",
            f"net.ipv4.conf.{n.iface}.rp_filter": "2",
            f"net.ipv4.conf.{n.iface}.forwarding": "1",
            "net.ipv4.conf.lo.rp_filter": "1",
            "net.ipv4.ip_forward": "1",
            "net.ipv4.ip_local_port_range": "32768\t60999",
            "net.ipv4.neigh.default.gc_thresh1": "0",
            "net.ipv4.neigh.default.gc_thresh2": "15360",
            "net.ipv4.neigh.default.gc_thresh3": "16384",
            "net.ipv4.tcp_early_demux": "1",
            "net.ipv4.tcp_keepalive_time": "7200",
            "net.netfilter.nf_conntrack_count": str(self.r.randint(300, 4000)),
            "net.netfilter.nf_conntrack_max": str(32768 * n.vcpu),
            "net.netfilter.nf_conntrack_tcp_timeout_close_wait": "3600",
            "net.netfilter.nf_conntrack_tcp_timeout_established": "86400",
            "net.ipv6.conf.all.disable_ipv6": "0",
            "net.ipv6.conf.all.forwarding": "0",
            "user.max_user_namespaces": "0" if n.os == "al2" else "63014",
            "vm.max_map_count": "524288",
            "vm.overcommit_memory": "1",
            "vm.panic_on_oom": "0",
            "vm.swappiness": "60",
        }
        kv.update(self.sysctl_over)
        for key in ("accept_local", "accept_redirects", "arp_announce", "arp_filter", "arp_ignore", "bootp_relay",
                    "disable_policy", "disable_xfrm", "log_martians", "mc_forwarding", "medium_id", "proxy_arp",
                    "route_localnet", "secure_redirects", "send_redirects", "shared_media", "src_valid_mark"):
            for dev in ("all", "default", n.iface, "lo"):
                kv.setdefault(f"net.ipv4.conf.{dev}.{key}", "1" if key in ("secure_redirects", "send_redirects",
                                                                          "accept_redirects") else "0")
        return ("\n".join(f"{k} = {v}" for k, v in sorted(kv.items())) + "\n").encode()


    # ----- journals ---------------------------------------------------------------------

    def journal_text(self, units: tuple[str, ...], path: str, *, since: int | None = None, iso: bool = False,
                     until: int | None = None) -> bytes:
        """``journalctl -u UNIT [--since]`` output (short, or short-iso-precise for the NMA)."""
        n = self.n
        now = self.when.get(path, n.capture_ns)
        end = until if until is not None else now - NS
        recs = sorted((r for r in self.j if r.unit in units and (since is None or r.ns >= since) and r.ns <= end),
                      key=lambda r: r.ns)
        out: list[str] = []
        if n.os == "al2" and not iso:
            out.append(f"-- Logs begin at {journal_hdr_time(self.journal_begin, n.tz, n.tzabbr)}, end at "
                       f"{journal_hdr_time(now - 900_000_000, n.tz, n.tzabbr)}. --")
        if not recs:
            out.append("-- No entries --")
            return ("\n".join(out) + "\n").encode()
        for r in recs:
            host = n.host if self.hostname_at is None or r.ns >= self.hostname_at else n.fqdn
            stamp = iso_precise(r.ns, n.tz) if iso else jstamp(r.ns, n.tz)
            ident = f"{r.ident}[{r.pid}]" if r.pid is not None else r.ident
            prefix = f"{stamp} {host} {ident}: "
            lines = r.msg.split("\n")
            out.append(prefix + lines[0])
            out.extend(" " * len(prefix) + ln for ln in lines[1:])
        return ("\n".join(out) + "\n").encode("utf-8", "surrogateescape")

    def messages_text(self) -> bytes:
        """rsyslog ``/var/log/messages`` (AL2): everything journald forwards, B format, short hostname."""
        n = self.n
        start = self.messages_since if self.messages_since is not None else self.journal_begin
        end = self.when.get("var_log/messages", n.capture_ns)
        out: list[str] = []
        for r in sorted(self.j, key=lambda r: r.ns):
            if r.ns < start or r.ns > end or r.unit in ("cron",):
                continue
            msg = r.msg.replace("\n", "#012").replace("\t", "#011")
            tag = "kernel" if r.kernel else (r.ident if r.ident in ("kubelet", "containerd", "systemd", "dockerd")
                                             else f"{r.ident}[{r.pid}]")
            out.append(f"{sstamp(r.ns, n.tz)} {n.short} {tag}: {msg}")
        return ("\n".join(out) + "\n").encode("utf-8", "surrogateescape")

    def dmesg_text(self, human: bool, until: int | None = None, limit_boot: bool = False) -> bytes:
        n = self.n
        out = []
        for ns, text in sorted(self.dmesg, key=lambda x: x[0]):
            if until is not None and ns > until:
                continue
            if limit_boot and ns > n.boot_ns + 12 * NS:
                continue
            rel = ns - n.boot_ns
            if human:
                out.append(f"[{ctime(ns, n.tz)}] {text}")
            else:
                out.append(f"[{rel // NS:5d}.{(rel % NS) // 1000:06d}] {text}")
        return ("\n".join(out) + "\n").encode()

    def container_log_bytes(self, c: Container) -> bytes:
        if self.n.runtime == "docker":
            return docker_json_lines(c)
        return cri_lines(c, self.n.tz)

    def ipamd_text(self) -> bytes:
        return ("\n".join(line for _, line in sorted(self.ipamd, key=lambda x: x[0])) + "\n").encode(
            "utf-8", "surrogateescape")

    def plugin_text(self) -> bytes:
        return ("\n".join(line for _, line in sorted(self.plugin, key=lambda x: x[0])) + "\n").encode()

    def cron_text(self) -> bytes:
        n = self.n
        out = []
        for ns, msg in sorted(self.cron_log, key=lambda x: x[0]):
            out.append(f"{sstamp(ns, n.tz)} {n.short} CROND[{self.r.randint(3000, 90000)}]: {msg}")
        return ("\n".join(out) + "\n").encode()

    # ----- the collector run ------------------------------------------------------------------

    def collector_effects(self) -> None:
        """What the collector itself leaves in the logs it collects (SIGUSR1 goroutine dump)."""
        n = self.n
        if self.stack_dump and n.runtime == "containerd" and "containerd/containerd-config.txt" in self.when:
            t = self.when["containerd/containerd-config.txt"] - 310_000_000
            dump = self.goroutines(t)
            self.ctrd(t, "info", f"=== BEGIN goroutine stack dump ===\n{dump}\n=== END goroutine stack dump ===")
            self.ctrd(t + 2_300_000, "info", f"goroutine stack dump written to /tmp/containerd.{self.cpid}.stacks.log")

    def plan(self) -> list[tuple[str, float, Callable[[], bytes]]]:
        """(path, seconds after the previous write, content) in the order the collector script writes them."""
        n = self.n
        legacy = not n.has("json_ipamd")
        ext = "txt" if legacy else "json"
        P: list[tuple[str, float, Callable[[], bytes]]] = []

        def add(path: str, dt: float, fn: Callable[[], bytes]) -> None:
            if path in self.missing:
                return
            if path in self.empty:
                P.append((path, dt, lambda: b""))
            else:
                P.append((path, dt, fn))

        # init: script-params, instance id, region
        if legacy and n.collector.startswith("0.5"):
            add("system/script-params.txt", 0.0, lambda: b"mode: collect\nignore_introspection: false\n"
                b"ignore_metrics: false\n")
        else:
            add("system/script-params.txt", 0.0, lambda: b"ignore_introspection: false\nignore_metrics: false\n")
        add("system/instance-id.txt", 0.3, lambda: (n.instance_id + "\n").encode())
        if n.has("region"):
            add("system/region.txt", 0.2, lambda: (n.region + "\n").encode())
            add("system/availability-zone.txt", 0.1, lambda: (n.az + "\n").encode())
        # get_common_logs
        if n.os == "al2":
            add("var_log/messages", 0.4, self.messages_text)
        add_dt = 0.3
        for name in sorted(self.aws_routed_eni_files()):
            add(f"var_log/aws-routed-eni/{name}", add_dt, self.aws_routed_eni_files()[name])
            add_dt = 0.05
        if legacy:
            for c in self.flat_logs():
                add(f"var_log/containers/{c.flat_name}", 0.02, lambda c=c: self.container_log_bytes(c))
            for c in self.pod_logs():
                add(f"var_log/pods/{c.pod.uid}/{c.name}/{c.restart}.log", 0.02,
                    lambda c=c: self.container_log_bytes(c))
        else:
            for c in self.flat_logs():
                add(f"var_log/{c.flat_name}", 0.02, lambda c=c: self.container_log_bytes(c))
            for c in self.pod_logs():
                add(f"var_log/{c.pod_dir}/{c.name}/{c.restart}.log", 0.02, lambda c=c: self.container_log_bytes(c))
        if n.os == "al2" and n.has("cron"):
            add("var_log/cron", 0.05, self.cron_text)
        add("var_log/cloud-init.log", 0.05, lambda: ("\n".join(self.cloud_init) + "\n").encode())
        add("var_log/cloud-init-output.log", 0.02, lambda: b"\n".join(self.cloud_init_output) + b"\n")
        for name, data in sorted(self.extra_var_log.items()):
            add(f"var_log/{name}", 0.02, lambda d=data: d)
        # kernel
        if n.os == "al2":
            add("kernel/dmesg.boot", 0.6, lambda: self.dmesg_text(False, limit_boot=True))
        add("kernel/dmesg.current", 0.2, lambda: self.dmesg_text(False, until=self.when["kernel/dmesg.current"]))
        add("kernel/dmesg.human.current", 0.1,
            lambda: self.dmesg_text(True, until=self.when["kernel/dmesg.human.current"]))
        add("kernel/uname.txt", 0.1, lambda: (f"Linux {n.host if n.os == 'al2023' else n.fqdn} {n.kernel} "
                                             f"{n.kernel_build} x86_64 x86_64 x86_64 GNU/Linux\n").encode())
        if n.has("modinfo"):
            add("modinfo/lustre", 0.2, lambda: b"")
            if n.has("ipvs"):
                add("modinfo/ip_vs", 0.1, self.render_modinfo_ipvs)
        # storage
        add("storage/mounts.txt", 0.3, self.render_mounts)
        if n.has("ps_threads"):
            add("storage/inodes.txt", 0.1, self.render_inodes)
        add("storage/lsblk.txt", 0.1, self.render_lsblk)
        if n.os == "al2" and not n.has("only_if_installed"):
            for f in ("lvs", "pvs", "vgs"):
                add(f"storage/{f}.txt", 0.2, lambda: b"")
        if n.has("fstab"):
            add("storage/fstab.txt", 0.1, self.render_fstab)
        if n.has("net_checks"):
            add("storage/xfs.txt", 0.4, self.render_xfs)
        if n.has("pod_local_storage"):
            add("storage/pod_local_storage.txt", 0.8, self.render_pod_local_storage)
        add("system/selinux.txt", 0.1, self.render_selinux)
        # iptables
        tabs = [("mangle", "iptables-mangle"), ("filter", "iptables-filter"), ("nat", "iptables-nat"), (None, "iptables")]
        for table, name in tabs:
            add(f"networking/{name}.txt", 0.2, lambda t=table: self.iptables_list(t))
            if n.has("ipv6"):
                add(f"networking/ip6{name[2:]}.txt", 0.1, lambda t=table: self.iptables_list(t, v6=True))
        add("networking/iptables-save.txt", 0.1, lambda: self.iptables_save())
        if n.has("ipv6"):
            add("networking/ip6tables-save.txt", 0.1, lambda: self.iptables_save(v6=True))
        if n.has("ipvs_fix"):
            add("networking/ipvsadm.txt", 0.1, lambda: b"ipvsadm not installed\n")
            add("networking/ipset.txt", 0.1, lambda: b"ipset not installed\n")
        # pkglist, services
        add("system/pkglist.txt", 1.4, self.render_pkglist)
        add("system/services.txt", 0.6, self.render_services)
        if n.has("systemd_analyze"):
            add("system/systemd-analyze.svg", 0.9, self.render_systemd_analyze)
        add("system/top.txt", 1.2, self.render_top)
        add("system/ps.txt", 0.3, self.render_ps)
        if n.has("ps_threads"):
            add("system/ps-threads.txt", 0.3, self.render_ps_threads)
        add("system/netstat.txt", 0.2, self.render_netstat)
        if n.has("procstat"):
            add("system/procstat.txt", 0.1, self.render_procstat)
            add("system/allprocstat.txt", 0.2, self.render_allprocstat)
        if n.has("large_env"):
            add("system/large_environments.txt", 0.9, self.render_large_env)
        # containerd
        if n.has("containerd_dir") and n.runtime == "containerd":
            add("containerd/containerd-config.txt", 0.5, self.render_containerd_config)
            add("containerd/containerd-log.txt", 2.1, lambda: self.journal_text(("containerd",),
                                                                               "containerd/containerd-log.txt"))
            if self.stack_dump:
                for pid_ns in self.previous_dumps:
                    add(f"containerd/containerd.{pid_ns}.stacks.log", 0.1, lambda: self.render_stacks(0))
                add(f"containerd/containerd.{self.cpid}.stacks.log", 0.1, lambda: self.render_stacks(0))
            if n.has("ps_threads"):
                add("containerd/containerd-version.txt", 0.2, self.render_ctr_version)
                add("containerd/containerd-namespaces.txt", 0.1, lambda: b"NAME   LABELS \nk8s.io        \n")
                add("containerd/containerd-images.txt", 0.2, self.render_ctr_images)
                add("containerd/containerd-containers.txt", 0.1, self.render_ctr_containers)
                add("containerd/containerd-tasks.txt", 0.2, self.render_ctr_tasks)
                add("containerd/containerd-plugins.txt", 0.1, self.render_ctr_plugins)
        if n.runtime == "docker":
            add("docker/docker-info.txt", 0.5, self.render_docker_info)
            add("docker/docker-ps.txt", 0.3, self.render_docker_ps)
            add("docker/docker-images.txt", 0.2, self.render_docker_images)
            add("docker/docker-version.txt", 0.2, self.render_docker_version)
            if n.has("containerd_dir"):
                add("docker/docker-trace.txt", 0.3, lambda: self.goroutines(0).encode())
        # kubelet
        if n.os == "al2023":
            if n.has("svc_unable"):
                add("kubelet/svc.log", 0.1, lambda: b"======== Unable to find KUBECONFIG, IGNORING POD DATA =========\n")
        else:
            add("kubelet/kubeconfig.yaml", 0.1,
                (lambda: b"") if n.collector.startswith("0.5") else self.render_kubeconfig)
        add("kubelet/kubelet.log", 3.4, lambda: self.journal_text(("kubelet",), "kubelet/kubelet.log",
                                                                 since=n.since_ns))
        if n.collector.startswith("0.5"):
            add("kubelet/kubeproxy.log", 0.3, lambda: self.journal_text(("kubeproxy",), "kubelet/kubeproxy.log",
                                                                       since=n.since_ns))
            add("kubelet/kubelet_service.txt", 0.1, self.render_kubelet_service)
            add("kubelet/kube-proxy_service.txt", 0.1, lambda: b"No files found for kube-proxy.service.\n")
        else:
            add("kubelet/kubelet_service.txt", 0.1, self.render_kubelet_service)
        if n.os == "al2023" and n.has("nodeadm"):
            add("kubelet/config.json", 0.1, self.render_kubelet_config)
            add("kubelet/config.json.d/40-nodeadm.conf", 0.05, self.render_nodeadm_dropin)
        if n.os == "al2" and n.has("kubelet_config_al2"):
            add("kubelet/kubelet-config.json", 0.1, self.render_kubelet_config)
        if n.has("nodeadm"):
            add("nodeadm/nodeadm-config.log", 0.4, lambda: self.journal_text(("nodeadm-config",),
                                                                            "nodeadm/nodeadm-config.log",
                                                                            since=n.since_ns))
            add("nodeadm/nodeadm-run.log", 0.3, lambda: self.journal_text(("nodeadm-run",), "nodeadm/nodeadm-run.log",
                                                                         since=n.since_ns))
            if n.has("nodeadm_boot_hook"):
                add("nodeadm/nodeadm-boot-hook.log", 0.3, lambda: self.journal_text(
                    ("nodeadm-boot-hook",), "nodeadm/nodeadm-boot-hook.log", since=n.since_ns))
                for iface in self.udev_ifaces:
                    add(f"nodeadm/udev-net-manager_{iface}.log", 0.2, lambda i=iface: self.journal_text(
                        (f"udev-net-manager@{i}",), f"nodeadm/udev-net-manager_{i}.log", since=n.since_ns))
        # ipamd
        add(f"ipamd/enis.{ext}", 0.4 if self.ipamd_up else 3.0, self.render_enis)
        add(f"ipamd/pods.{ext}", 0.1 if self.ipamd_up else 3.0, self.render_pods_json)
        add(f"ipamd/networkutils-env-settings.{ext}", 0.1 if self.ipamd_up else 3.0, self.render_networkutils_env)
        add(f"ipamd/ipamd-env-settings.{ext}", 0.1 if self.ipamd_up else 3.0, self.render_ipamd_env)
        add(f"ipamd/eni-configs.{ext}", 0.1 if self.ipamd_up else 3.0, self.render_eni_configs)
        add(f"ipamd/metrics.{ext}", 0.2 if self.ipamd_up else 3.0, self.render_metrics)
        if n.has("ipam_json") and (self.ipamd_ever_up or n.has("aws_node_dir")):
            add("ipamd/ipam.json", 0.1, self.render_ipam_json)
        # sysctls
        add("sysctls/sysctl_all.txt", 0.6, self.render_sysctl)
        # networking
        if n.has("conntrack") and (n.os == "al2" or n.has("only_if_installed")):
            add("networking/conntrack.txt", 0.7, self.render_conntrack)
            if n.has("ipv6"):
                add("networking/conntrack6.txt", 0.3, lambda: b"*** Output of conntrack -L -f ipv6 ***\n")
        if n.os == "al2" or not n.has("only_if_installed"):
            add("networking/ifconfig.txt", 0.1, self.render_ifconfig)
        add("networking/iprule.txt", 0.1, self.render_iprule)
        if n.has("ipv6"):
            add("networking/ip6rule.txt", 0.1, self.render_ip6rule)
        add("networking/iproute.txt", 0.1, self.render_iproute)
        if n.has("ipv6"):
            add("networking/ip6route.txt", 0.1, self.render_ip6route)
        if n.has("multicard"):
            add("networking/configure-multicard-interfaces.txt", 0.3, lambda: self.journal_text(
                ("configure-multicard-interfaces",), "networking/configure-multicard-interfaces.txt"))
        if n.has("net_checks"):
            a, e = self.ping_ok
            add("networking/ping_amazon.com.txt", 9.3 if a is not None else 0.1,
                lambda: self.render_ping("amazon.com", a))
            add("networking/ping_public.ecr.aws.txt", 9.2 if e is not None else 0.1,
                lambda: self.render_ping("public.ecr.aws", e))
            if n.os == "al2":
                add("networking/curl_api_server.txt", 4.6, self.render_curl)
            add("networking/resolv.conf", 0.1, self.render_resolv)
        if n.has("ethtool"):
            add("networking/ethtool.txt", 0.9, self.render_ethtool)
        if n.has("systemd_network"):
            for name, data in sorted(self.render_systemd_network().items()):
                add(f"networking/systemd-network/{name}", 0.1, lambda d=data: d)
        # cni
        if self.conflist:
            add("cni/10-aws.conflist", 0.3, self.render_conflist)
        for name, data in sorted(self.extra_cni.items()):
            add(f"cni/{name}", 0.05, lambda d=data: d.encode())
        if n.has("cni_vars"):
            add("cni/cni-configuration-variables-containerd.json", 1.1, self.render_cni_vars)
        if n.has("ebpf") and (not n.has("only_if_installed") or n.cni_minor >= (14, 0)):
            add("networking/ebpf-data.txt", 0.4, self.render_ebpf)
        # docker logs, sandbox image
        add("docker/docker.log", 0.3, lambda: self.journal_text(("docker",), "docker/docker.log", since=n.since_ns))
        if n.has("sandbox_dir"):
            add("sandbox-image/sandbox-image-log.txt", 0.2, lambda: self.journal_text(
                ("sandbox-image",), "sandbox-image/sandbox-image-log.txt"))
        if n.has("ps_threads"):
            add("system/cpu_throttling.txt", 1.8, self.render_cpu_throttling)
        if n.has("procstat"):
            add("system/io_throttling.txt", 0.4, self.render_io_throttling)
        if n.has("last_reboot"):
            add("system/last_reboot.txt", 0.1, self.render_last_reboot)
        return P

    def dirs(self) -> list[str]:
        n = self.n
        if n.has("containerd_dir"):
            d = ["kernel", "system", "docker", "containerd", "storage", "var_log", "networking"]
        else:
            d = ["kernel", "system", "docker", "storage", "var_log", "networking"]
        if n.has("modinfo"):
            d.insert(1, "modinfo")
        if n.has("sandbox_dir"):
            d.append("sandbox-image")
        d += ["ipamd", "sysctls", "kubelet"]
        if n.has("nodeadm"):
            d.append("nodeadm")
        d.append("cni")
        if n.has("gpu"):
            d.append("gpu")
        return d

    def aws_routed_eni_files(self) -> dict[str, Callable[[], bytes]]:
        n = self.n
        files: dict[str, Callable[[], bytes]] = {"ipamd.log": self.ipamd_text, "plugin.log": self.plugin_text}
        if n.cni_minor < (6, 1):
            files = self.seelog_rotations()
        if n.cni_minor >= (10, 0) and self.egress:
            files["egress-v4-plugin.log"] = lambda: ("\n".join(x for _, x in self.egress) + "\n").encode()
        if n.cni_minor >= (14, 0):
            files["network-policy-agent.log"] = lambda: ("\n".join(x for _, x in sorted(self.npa)) + "\n").encode()
            files["ebpf-sdk.log"] = lambda: (self.zap(self.kubelet_started + 30 * NS, "info",
                                                     "tc/tc.go:188", "Successfully cleaned up tc filters") + "\n").encode()
        return files

    def seelog_rotations(self) -> dict[str, Callable[[], bytes]]:
        """CNI <= 1.6.0: seelog rolls ipamd.log / plugin.log every hour to ``<name>.YYYY-MM-DD-HH``."""
        out: dict[str, Callable[[], bytes]] = {}
        now_hour = self.n.capture_ns // (3600 * NS)
        for base, recs in (("ipamd.log", self.ipamd), ("plugin.log", self.plugin)):
            hours: dict[int, list[tuple[int, str]]] = {}
            for ns, line in recs:
                hours.setdefault(ns // (3600 * NS), []).append((ns, line))
            for h, lines in hours.items():
                body = ("\n".join(x for _, x in sorted(lines, key=lambda x: x[0])) + "\n").encode()
                name = base if h == now_hour else f"{base}.{dt_of(h * 3600 * NS):%Y-%m-%d-%H}"
                out[name] = lambda body=body: body
            if now_hour not in hours:
                out[base] = lambda: b""
        return out

    def flat_logs(self) -> list[Container]:
        pat = ("aws-node", "coredns-", "kube-proxy", "ebs-csi", "eks-pod-identity-agent")
        if self.n.collector.startswith("0.5"):
            return list(self.containers)
        return [c for c in self.containers if c.pod.name.startswith(pat) and c.pod.ns == "kube-system"]

    def pod_logs(self) -> list[Container]:
        return self.flat_logs()

    def render(self, stretch: float = 1.5) -> list[Member]:
        """Run the collector over the simulated node: members in archive order with mtimes."""
        n = self.n
        plan = self.plan()
        t = float(n.capture_ns) / NS + 0.4
        times: list[tuple[str, int]] = []
        for path, dt, _ in plan:
            t += dt * stretch
            times.append((path, int(t * NS)))
        for path, ns in times:
            self.when[path] = ns
        self.collector_effects()
        self.build_procs()
        content = {path: fn() for path, _, fn in plan}
        return assemble(self.dirs(), [(p, ns, content[p]) for p, ns in times], n.capture_ns + int(0.2 * NS))



    # ----- dockershim era ---------------------------------------------------------------------

    def render_docker_info(self) -> bytes:
        n = self.n
        running = sum(1 for c in self.containers if c.exited is None)
        return (f"Client:\n Debug Mode: false\n\nServer:\n Containers: {len(self.containers) + len(self.pods)}\n"
                f"  Running: {running + len(self.pods)}\n  Paused: 0\n  Stopped: {len(self.containers) - running}\n"
                f" Images: {len(self.image_refs())}\n Server Version: {n.docker_ver}\n Storage Driver: overlay2\n"
                f"  Backing Filesystem: xfs\n  Supports d_type: true\n  Native Overlay Diff: true\n"
                f" Logging Driver: json-file\n Cgroup Driver: cgroupfs\n Plugins:\n  Volume: local\n"
                f"  Network: bridge host ipvlan macvlan null overlay\n  Log: awslogs fluentd gcplogs gelf journald "
                f"json-file local logentries splunk syslog\n Swarm: inactive\n Runtimes: runc\n"
                f" Default Runtime: runc\n Init Binary: docker-init\n containerd version: {self.ids.hex(40)}\n"
                f" runc version: {self.ids.hex(40)}\n init version: de40ad0 (expected: fec3683)\n"
                f" Security Options:\n  seccomp\n   Profile: default\n Kernel Version: {n.kernel}\n"
                f" Operating System: Amazon Linux 2\n OSType: linux\n Architecture: x86_64\n CPUs: {n.vcpu}\n"
                f" Total Memory: {n.mem_mib / 1024:.2f}GiB\n Name: {n.fqdn}\n ID: {self.ids.hex(4).upper()}:"
                f"{self.ids.hex(4).upper()}:{self.ids.hex(4).upper()}\n Docker Root Dir: /var/lib/docker\n"
                f" Debug Mode: false\n Registry: https://index.docker.io/v1/\n Labels:\n Experimental: false\n"
                f" Insecure Registries:\n  127.0.0.0/8\n Live Restore Enabled: true\n\n").encode()

    def render_docker_ps(self) -> bytes:
        out = ["CONTAINER ID                                                       IMAGE                                "
               "                                        COMMAND                  CREATED             STATUS         "
               "         PORTS               NAMES"]
        for c in sorted(self.containers, key=lambda c: -c.started):
            hours = (self.n.capture_ns - c.started) // (3600 * NS)
            status = f"Up {hours} hours" if c.exited is None else f"Exited (0) {hours} hours ago"
            out.append(f"{c.cid}   {c.image or self.image_of(c.name):<76} \"/app/{c.name}\"   {hours} hours ago   "
                       f"{status:<24}                     k8s_{c.name}_{c.pod.name}_{c.pod.ns}_{c.pod.uid}_"
                       f"{c.restart}")
        for p in self.pods.values():
            hours = (self.n.capture_ns - p.created) // (3600 * NS)
            out.append(f"{p.sandbox}   {self.pause_image():<76} \"/pause\"                 {hours} hours ago   "
                       f"Up {hours} hours              k8s_POD_{p.name}_{p.ns}_{p.uid}_0")
        return ("\n".join(out) + "\n").encode()

    def render_docker_images(self) -> bytes:
        out = ["REPOSITORY                                                          TAG                 IMAGE ID"
               "            CREATED             SIZE"]
        for ref in self.image_refs():
            repo, tag = ref.rsplit(":", 1)
            out.append(f"{repo:<67} {tag:<19} {self.ids.hex(12)}        {self.r.randint(2, 40)} months ago      "
                       f"{self.r.randint(5, 300)}MB")
        return ("\n".join(out) + "\n").encode()

    def render_docker_version(self) -> bytes:
        v = self.n.docker_ver
        return (f"Client:\n Version:           {v}\n API version:       1.40\n Go version:        go1.13.4\n"
                f" Git commit:        369ce74\n Built:             Thu Feb 13 01:27:49 2020\n OS/Arch:           "
                f"linux/amd64\n Experimental:      false\n\nServer:\n Engine:\n  Version:          {v}\n"
                f"  API version:      1.40 (minimum version 1.12)\n  Go version:       go1.13.4\n"
                f"  Git commit:       369ce74\n  Built:            Thu Feb 13 01:26:21 2020\n"
                f"  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n"
                f"  Version:          {self.n.containerd_ver}\n runc:\n  Version:          1.0.0-rc10\n").encode()


def assemble(marker_dirs: list[str], files: list[tuple[str, int, bytes]], start: int) -> list[Member]:
    """Members as GNU tar walks the staging directory: depth first, entries in creation order."""
    created: dict[str, int] = {"": start}
    children: dict[str, list[str]] = {"": []}
    mtime: dict[str, int] = {"": start}
    for d in marker_dirs:
        created[d] = start
        children[d] = []
        children[""].append(d)
        mtime[d] = start
    data: dict[str, tuple[int, bytes]] = {}
    for path, ns, blob in files:
        parts = path.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in created:
                parent = "/".join(parts[: i - 1])
                created[d] = ns
                children[d] = []
                children[parent].append(d)
                mtime[parent] = max(mtime[parent], ns)
                mtime[d] = ns
        parent = "/".join(parts[:-1])
        if path not in data:
            children[parent].append(path)
            mtime[parent] = max(mtime[parent], ns)
        data[path] = (ns, blob)
    out: list[Member] = []

    def walk(d: str) -> None:
        out.append(Member(d, mtime[d] // NS))
        for ch in children[d]:
            if ch in children:
                walk(ch)
            else:
                ns, blob = data[ch]
                out.append(Member(ch, ns // NS, blob))

    walk("")
    return out


# ---------------------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    file: str
    data: bytes


def collector_sample(build: Callable[[], Sim]) -> Callable[[], list[Sample]]:
    def run() -> list[Sample]:
        s = build()
        return [Sample(s.n.tarball_name, collector_targz(s.render()))]
    return run


def healthy_node(**over: object) -> Node:
    base: dict[str, object] = {
        "key": "healthy", "os": "al2023", "collector": "0.7.9", "script_date": date(2026, 10, 14),
        "capture": utc(2026, 10, 14, 9, 12, 7), "boot": utc(2026, 10, 11, 7, 14, 31),
        "instance_id": "i-0a1b2c3d4e5f67890", "ip": "10.0.1.23"}
    base.update(over)
    return Node(**base)  # type: ignore[arg-type]


def boot_and_join(s: Sim, *, ready_after: float = 7.0, register_fail: bool = True, coredns: bool = True,
                  user_data: list[bytes] | None = None) -> dict[str, object]:
    """Fresh node: boot, kubelet, registration, system pods, CNI ready. Returns key times and pods."""
    times = s.boot(user_data=user_data)
    tk = times["kubelet"]
    s.register_node(tk + int(1.3 * NS), fail_first=register_fail)
    pods = s.start_system_pods(tk + int(4.2 * NS), coredns=coredns)
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    ready = max(ready, tk + int(ready_after * NS))
    s.network_not_ready(tk + int(0.9 * NS), ready)
    s.node_ready(ready + int(1.1 * NS))
    s.ipamd_ever_up = True
    pods["kubelet"] = tk
    pods["ready"] = ready
    return pods


def scenario_healthy() -> Sim:
    n = healthy_node()
    s = Sim(n)
    s.long_ps_line = True
    s.long_cri_line = True
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    s.steady(ready + 40 * NS, n.capture_ns - 45 * NS, cron_every=60, deploy_every=5.0, reconcile_every=600)
    return s


def race_node() -> Node:
    return Node(
        key="ipamd-kube-proxy-race", os="al2", collector="0.7.3", script_date=date(2022, 12, 14),
        capture=utc(2022, 12, 14, 10, 27, 4), boot=utc(2022, 12, 14, 10, 4, 52),
        instance_id="i-04c3e2d1a9b8f7061", ip="10.32.14.87", region="us-east-1", az="us-east-1b",
        instance_type="m5.xlarge", kubelet_ver="v1.24.7-eks-fb459a0", cp_ver="v1.24.8-eks-ffeb93d",
        kube_proxy_tag="v1.24.7-minimal-eksbuild.2", kube_proxy_ver="v1.24.7-eks-fb459a0",
        cni_ver="v1.11.4-eksbuild.1", coredns_tag="v1.8.7-eksbuild.3", containerd_ver="1.6.8", runc_ver="1.1.4",
        kernel="5.4.219-126.411.amzn2.x86_64", kernel_build="#1 SMP Wed Nov 2 17:44:17 UTC 2022",
        max_pods=58, cluster="payments-prod",
        endpoint="https://8E1F7A2B9C3D4E5F60718293A4B5C6D7.yl4.us-east-1.eks.amazonaws.com",
        api_vip="172.20.0.1", service_cidr="172.20.0.0/16", dns_ip="172.20.0.10", vpc_cidr="10.32.0.0/16",
        subnet_cidr="10.32.0.0/19", account="444455556666", ami="ami-0b5c9e1a2f3d4c6e8", nodegroup="ng-payments-b",
        delayacct=True)


OLD_AWS_CONF = '{\n"type": "aws-cni",\n"name": "aws-cni",\n"vethPrefix": "eni"\n}\n'


def api_unreachable(s: Sim, t: int) -> None:
    n = s.n
    s.ipamd_log(t, "error", "k8sapi/k8sutils.go:123",
                f'Unable to reach API Server, Get "https://{n.api_vip}:443/version?timeout=5s": net/http: request '
                f"canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)")


def ipamd_attempt(s: Sim, t: int, until: int, api_ok_at: int, ec2_until: int) -> int:
    """One v1.11 ipamd process: API check, then init (EC2 throttled). Returns when it stopped logging."""
    n = s.n
    s.ipamd_log(t, "info", "aws-k8s-agent/main.go:42", f"Starting L-IPAMD {n.cni_ver}  ...")
    s.ipamd_log(t + 9_000_000, "info", "k8sapi/k8sutils.go:115", "Testing communication with server")
    t += 12_000_000
    while t < until and t < api_ok_at:
        t += 5 * NS  # client timeout
        if t >= until:
            return until
        api_unreachable(s, t)
        t += 2 * NS + s.ids.jitter(0.0, 0.05)
    if t >= until:
        return until
    s.ipamd_log(t + 30_000_000, "info", "k8sapi/k8sutils.go:128", s.cluster_version_msg())
    t += 40_000_000
    s.ipamd_log(t, "debug", "awsutils/awsutils.go:381", f"Discovered region: {n.region}")
    s.ipamd_log(t + 2_000_000, "info", "ipamd/ipamd.go:340", "Setting up ENI's")
    s.ipamd_log(t + 5_000_000, "debug", "awsutils/awsutils.go:476", f"Found instance-type: {n.instance_type} ")
    s.ipamd_log(t + 6_000_000, "debug", "awsutils/awsutils.go:485",
                f"Found primary interface's MAC address: {s.enis[0]['mac']}")
    s.ipamd_log(t + 9_000_000, "debug", "ipamd/ipamd.go:424", "Start node init")
    t += 10_000_000
    tries = 0
    while t < until and t < ec2_until:
        t += s.ids.jitter(11.0, 24.0)
        if t >= until:
            return until
        msg = s.ec2_throttle_msg("DescribeNetworkInterfaces").replace(
            "ec2:DescribeNetworkInterfaces:", f"ec2:DescribeNetworkInterfaces for [{s.enis[0]['id']}]:")
        s.ipamd_log(t, "error", "awsutils/awsutils.go:1388", msg)
        s.aws_api_errors[("DescribeNetworkInterfaces", "RequestLimitExceeded")] = \
            s.aws_api_errors.get(("DescribeNetworkInterfaces", "RequestLimitExceeded"), 0) + 1
        tries += 1
        if tries == 3:
            rid = s.ids.reqid()
            s.ipamd_log(t + 4_000_000, "error", "aws-k8s-agent/main.go:70",
                        f"Initialization failure: ipamd init: failed to retrieve attached ENIs info: "
                        f"RequestLimitExceeded: Request limit exceeded.\n\tstatus code: 503, request id: {rid}")
            return t + 4_000_000
    return t


def scenario_race() -> Sim:
    n = race_node()
    s = Sim(n)
    s.conflist = False
    s.cni_at_boot = True
    s.extra_cni = {"aws.conf": OLD_AWS_CONF}
    s.ipamd_up = False
    s.invalid_utf8 = True
    s.ping_ok = (None, None)
    b = n.boot_ns
    enterprise_ud = [b"+ /usr/local/bin/corp-baseline.sh --profile eks-worker",
                     b"[corp-baseline] Configuraci\xf3n de proxy corporativo aplicada (no_proxy=169.254.169.254,"
                     b".internal,.eks.amazonaws.com)",
                     b"[corp-baseline] qualys-cloud-agent enabled"]
    times = s.boot(user_data=enterprise_ud, extra_args="--node-labels=team=payments,tier=backend")
    tk = times["kubelet"]
    s.j_add(b + int(31.5 * NS), "qualys-cloud-agent", "qualys-cloud-agent", 2873,
            "Erreur de connexion au serveur: d\udce9lai d\udce9pass\udce9 (proxy.corp.example:3128)")
    s.register_node(tk + int(1.1 * NS), fail_first=False)
    s.node_ready(tk + int(1.9 * NS))
    # serving certificate not yet approved: metrics-server and the API server are refused for ~2 minutes
    t = tk + int(2.5 * NS)
    while t < tk + 140 * NS:
        s.tls_handshake(t, s.r.choice(["10.32.71.9", "10.32.12.201", "10.32.44.120"]))
        t += s.ids.jitter(1.5, 6.0)
    csr = "csr-" + s.ids.suffix(5)
    s.kubelet(tk + 141 * NS, "I", "csr.go:261", f"certificate signing request {csr} is approved, waiting to be issued")
    s.kubelet(tk + 141 * NS + 40_000_000, "I", "csr.go:257", f"certificate signing request {csr} is issued")
    # DaemonSets land at once: aws-node, kube-proxy and a dozen enterprise agents
    kp = s.pod("kube-system", f"kube-proxy-{s.ids.suffix()}", ["kube-proxy"], host_network=True)
    an = s.pod("kube-system", f"aws-node-{s.ids.suffix()}", ["aws-node"], host_network=True,
               init=["aws-vpc-cni-init"])
    agents = [s.pod(ns_, f"{name}-{s.ids.suffix()}", [name], host_network=hn) for ns_, name, hn in (
        ("logging", "fluent-bit", False), ("monitoring", "node-exporter", True), ("security", "falcon-sensor", True),
        ("security", "twistlock-defender", True), ("monitoring", "splunk-otel-agent", False),
        ("kube-system", "ebs-csi-node", False), ("monitoring", "datadog-agent", False),
        ("security", "aqua-enforcer", True))]
    t0 = tk + int(3.0 * NS)
    s.sync_add(t0, [an, kp, *agents])
    s.ctrd(t0 + 300_000_000, "info", f'PullImage "{s.image_of("aws-vpc-cni-init")}"')
    # the kubelet pull token bucket (registryPullQPS 5, burst 10) runs dry
    t = t0 + int(1.2 * NS)
    for p in [kp, *agents[:5]]:
        s.pull_qps(t, p, p.containers[0])
        t += s.ids.jitter(0.05, 0.3)
    backoff = 10
    tb = t0 + 12 * NS
    kp_pulled = b + 5 * 60 * NS + 40 * NS
    while tb < kp_pulled:
        img = s.image_of("kube-proxy")
        m = (f'failed to "StartContainer" for "kube-proxy" with ImagePullBackOff: '
             f'{goq("Back-off pulling image " + goq(img))}')
        s.kubelet(tb, "E", "pod_workers.go:965", f'"Error syncing pod, skipping" err={goq(m)} pod="kube-system/'
                  f'{kp.name}" podUID="{kp.uid}"')
        tb += backoff * NS + s.ids.jitter(0.0, 1.0)
        for p in (kp, agents[0], agents[4]):
            s.pull_qps(tb + s.ids.jitter(0.0, 0.4), p, p.containers[0])
        backoff = min(backoff * 2, 300)
    # kube-proxy finally pulled (slow: the gp2 volume is out of burst credits)
    tkp = s.pull(kp_pulled, s.image_of("kube-proxy"), secs=63.4)
    tkp = s.start_pod(tkp, kp)
    kpc = next(c for c in s.containers if c.pod is kp)
    kp_synced = s.kube_proxy_log(kpc, tkp, first_sync_fail="exit status 4: Another app is currently holding the "
                                 "xtables lock. Stopped waiting after 5s.")
    # aws-node: image pulled first, then crash-loops on the unreachable ClusterIP, later on EC2 throttling
    ta = s.pull(t0 + 400_000_000, s.image_of("aws-vpc-cni-init"), secs=9.8)
    ta = s.pull(ta, s.image_of("aws-node"), secs=11.3)
    ta = s.start_pod(ta, an)
    init = next(c for c in s.containers if c.pod is an and c.name == "aws-vpc-cni-init")
    s.aws_node_init_log(init, init.started)
    node_c = next(c for c in s.containers if c.pod is an and c.name == "aws-node")
    end = n.capture_ns - 20 * NS
    ec2_until = end + 3600 * NS
    restart = 0
    delays = [10, 20, 40, 80, 160, 300, 300, 300]
    c = node_c
    while True:
        c.started = ta
        s.aws_node_log(c, ta, "start")
        ipamd_attempt(s, ta + 60_000_000, min(ta + 90 * NS, end), kp_synced + 8 * NS, ec2_until)
        tw = ta + int(2.05 * NS)
        while tw < min(ta + 90 * NS, end):
            s.aws_node_log(c, tw, "wait")
            tw += int(2.02 * NS) + s.ids.jitter(0.0, 0.04)
        if ta + 90 * NS >= end:
            break
        # readiness/liveness fail, kubelet kills the container, back-off
        for k in range(3):
            tp = ta + (62 + 10 * k) * NS
            s.probe_failed(tp, an, "aws-node", 'timeout: failed to connect service \\":50051\\" within 5s',
                           kind="Liveness")
        tkill = ta + 90 * NS
        s.kubelet(tkill, "I", "kuberuntime_manager.go:1029", f'"Message for Container of pod" containerName="aws-node" '
                  f'containerStatusID={{Type:containerd ID:{c.cid}}} pod="kube-system/{an.name}" '
                  f'containerMessage="Container aws-node failed liveness probe, will be restarted"')
        s.kubelet(tkill + 400_000, "I", "kuberuntime_container.go:709", f'"Killing container with a grace period" '
                  f'pod="kube-system/{an.name}" podUID="{an.uid}" containerName="aws-node" '
                  f'containerID="containerd://{c.cid}" gracePeriod=10')
        s.ctrd(tkill + 900_000, "info", f'StopContainer for "{c.cid}" with timeout 10 (s)')
        s.ctrd(tkill + 10 * NS, "info", f'Kill container "{c.cid}"')
        c.exited = tkill + 10 * NS
        c.exit_code = 137
        s.ctrd(c.exited + 30_000_000, "info", "shim disconnected", id=c.cid)
        d = delays[min(restart, len(delays) - 1)]
        msg = (f'failed to "StartContainer" for "aws-node" with CrashLoopBackOff: '
               f'{goq(f"back-off {d}s restarting failed container=aws-node pod={an.name}_kube-system({an.uid})")}')
        s.kubelet(c.exited + 1_200_000_000, "E", "pod_workers.go:965", f'"Error syncing pod, skipping" err={goq(msg)} '
                  f'pod="kube-system/{an.name}" podUID="{an.uid}"')
        restart += 1
        ta = c.exited + d * NS + s.ids.jitter(0.5, 2.0)
        if ta >= end:
            break
        c = s.container(an, "aws-node", ta, restart=restart, image=s.image_of("aws-node"))
        s.ctrd(ta - 400_000_000, "info", f'CreateContainer within sandbox "{an.sandbox}" for container '
               f"&ContainerMetadata{{Name:aws-node,Attempt:{restart},}}")
        s.ctrd(ta - 100_000_000, "info", f'StartContainer for "{c.cid}" returns successfully')
    # kubelet keeps the current and the last dead instance only
    keep = sorted((x for x in s.containers if x.pod is an and x.name == "aws-node"), key=lambda x: x.restart)[-2:]
    s.containers = [x for x in s.containers if not (x.pod is an and x.name == "aws-node") or x in keep]
    # pods that need the CNI keep failing: 127.0.0.1:50051 refused (aws.conf from the golden AMI is loaded)
    waiting = [s.pod("kube-system", f"coredns-{s.ids.rs()[:10]}-{s.ids.suffix()}", ["coredns"]), agents[0],
               agents[4], agents[5], agents[6],
               s.pod("payments", f"payments-api-{s.ids.rs()}-{s.ids.suffix()}", ["payments-api"]),
               s.pod("payments", f"ledger-worker-{s.ids.rs()}-{s.ids.suffix()}", ["ledger-worker"])]
    s.sync_add(t0 + 20 * NS, waiting[5:])
    inner = ('add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable desc = connection '
             'error: desc = "transport: Error while dialing dial tcp 127.0.0.1:50051: connect: connection refused"')
    for p in waiting:
        t = t0 + s.ids.jitter(25, 60)
        gap = 8
        while t < end:
            p.sandbox = s.ids.cid()
            s.cni_add(t, p)
            s.sandbox_error(t, p, inner)
            s.plugin_log(t + 500_000_000, "info", "routed-eni-cni-plugin/cni.go:283",
                         f"Received CNI del request: ContainerID({p.sandbox}) Netns() IfName(eth0) Args("
                         f"K8S_POD_INFRA_CONTAINER_ID={p.sandbox};K8S_POD_UID={p.uid};IgnoreUnknown=1;"
                         f"K8S_POD_NAMESPACE={p.ns};K8S_POD_NAME={p.name}) Path(/opt/cni/bin) argsStdinData(...)")
            s.plugin_log(t + 503_000_000, "error", "routed-eni-cni-plugin/cni.go:311",
                         f"Error received from DelNetwork gRPC call for container {p.sandbox}: rpc error: code = "
                         f"Unavailable desc = connection error: desc = \"transport: Error while dialing dial tcp "
                         f"127.0.0.1:50051: connect: connection refused\"")
            t += s.ids.jitter(gap, gap * 1.6)
            gap = min(gap * 2, 120)
    # EBS volume saturated (gp2 out of burst credits): block-IO delay of the busiest processes
    s.io_rows = {"kubelet": 48213, "containerd": 31877, "aws-k8s-agent": 3121, "fluent-bit": 6469,
                 "systemd-journal": 3450, "falcon-sensor": 2217, "dockerd": 0, "containerd-shim": 447}
    s.ipamd_ever_up = False
    s.steady(tk + 600 * NS, end, cron_every=60, deploy_every=9.0, reconcile_every=10**6, keep=0)
    return s


def scenario_scale_up() -> Sim:
    n = Node(key="scale-up-throttling", os="al2023", collector="0.7.9", script_date=date(2026, 8, 21),
             capture=utc(2026, 8, 21, 15, 42, 9), boot=utc(2026, 8, 21, 15, 26, 40),
             instance_id="i-07d9e8f6a5b4c3d21", ip="10.0.3.118", az="us-west-2c", instance_type="m5.2xlarge",
             kubelet_ver="v1.32.7-eks-3a7cf7b", cp_ver="v1.32.6-eks-931bdca", kube_proxy_tag="v1.32.6-eksbuild.8",
             kube_proxy_ver="v1.32.6-eks-931bdca", cni_ver="v1.19.6-eksbuild.7", np_agent_tag="v1.2.1-eksbuild.1",
             containerd_ver="1.7.27", containerd_pkg="containerd-1.7.27-1.amzn2023.0.3.x86_64", runc_ver="1.2.4",
             kernel="6.1.147-172.266.amzn2023.x86_64", kernel_build="#1 SMP PREEMPT_DYNAMIC Tue Aug  4 20:11:09 UTC 2026",
             release="2023.8.20260804", max_pods=58, subnet_cidr="10.0.0.0/18", delayacct=True, nodegroup="karpenter")
    s = Sim(n)
    s.eni_count = 2
    ud = [b"+ echo 'kernel.task_delayacct = 1'", b"+ sysctl -w kernel.task_delayacct=1", b"kernel.task_delayacct = 1"]
    st = boot_and_join(s, ready_after=9.0, user_data=ud)
    ready = st["ready"]
    assert isinstance(ready, int)
    # a burst of 30 pods with distinct images lands on the new node
    t = ready + 12 * NS
    burst = [s.pod("shop", f"{app}-{s.ids.rs()}-{s.ids.suffix()}", [app]) for app in (
        "checkout", "cart", "catalog", "search", "pricing", "reviews", "recommend", "inventory", "payments",
        "shipping", "tax", "promo", "wishlist", "media", "sessions", "ads", "ratings", "loyalty", "gift", "notify",
        "fraud", "geo", "quotes", "audit", "ledger", "feeds", "bundles", "returns", "vendor", "tracking")]
    s.sync_add(t, burst)
    # the pool drains: ipamd has to attach ENIs and assign IPs while EC2 throttles the account
    il = s.ipamd_log
    ec2 = t + 2 * NS
    for i in range(14):
        op = "AssignPrivateIpAddresses" if i % 3 else "CreateNetworkInterface"
        te = ec2 + i * s.ids.jitter(6.0, 14.0)
        if op == "CreateNetworkInterface":
            il(te, "error", "ipamd/ipamd.go:1050", "Failed to increase pool size due to not able to allocate ENI "
               "AllocENI: failed to create ENI: failed to create network interface: " +
               s.ec2_throttle_msg(op).split(": ", 1)[1])
        else:
            il(te, "warn", "ipamd/ipamd.go:1052", f"Failed to allocate {n.ips_per_eni - 1} IP addresses on an ENI: "
               f"Failed to allocate a private IP/Prefix addresses on ENI {s.enis[1]['id']}: " +
               s.ec2_throttle_msg(op).split(": ", 1)[1])
        s.aws_api_errors[(op, "RequestLimitExceeded")] = s.aws_api_errors.get((op, "RequestLimitExceeded"), 0) + 1
    s.eni_count = 3
    # kubelet's own image pull token bucket runs dry
    tq = t + NS
    for rnd in range(4):
        for p in burst[rnd * 6: rnd * 6 + 12]:
            s.pull_qps(tq, p, p.containers[0])
            tq += s.ids.jitter(0.02, 0.2)
        tq += s.ids.jitter(10, 25)
    # pods start as IPs and images arrive; some wait for an IP first
    ts = t + 20 * NS
    for i, p in enumerate(burst):
        if i < 9:
            p.sandbox = s.ids.cid()
            s.ipamd_no_ip(ts, p)
            s.sandbox_error(ts, p, "add cmd: failed to assign an IP address to container")
        ts += s.ids.jitter(2.0, 6.0)
    ts = ec2 + 150 * NS
    for p in burst:
        s.start_pod(ts, p, images={p.containers[0]: s.app_image(p.containers[0])}, pull=True)
        ts += s.ids.jitter(4.0, 12.0)
    # the root volume is saturated: slow du, high block-IO delay
    for k in range(8):
        tf = t + (40 + 70 * k) * NS
        s.kubelet(tf, "I", "fsHandler.go:133", f"fs: disk usage and inodes count on following dirs took "
                  f"{s.r.uniform(1.2, 4.8):.9f}s: [/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/"
                  f"snapshots/{s.r.randint(40, 200)}/fs /var/log/pods/shop_{burst[k].name}_{burst[k].uid}]")
    an = st["aws_node"]
    assert isinstance(an, Pod)
    old = next(c for c in s.containers if c.pod is an and c.name == "aws-node")
    tk = t + 95 * NS
    for k in range(3):
        s.probe_failed(tk + k * 10 * NS, an, "aws-node", "command timed out: \\\"/app/grpc-health-probe "
                       "-addr=127.0.0.1:50051 -connect-timeout=5s -rpc-timeout=5s\\\" timed out after 10s",
                       kind="Liveness")
    tkill = tk + 20 * NS + 200_000_000
    s.kubelet(tkill, "I", "kuberuntime_container.go:809", f'"Killing container with a grace period" pod="kube-system/'
              f'{an.name}" podUID="{an.uid}" containerName="aws-node" containerID="containerd://{old.cid}" '
              f'gracePeriod=10')
    old.exited = tkill + 2 * NS
    old.exit_code = 137
    s.ctrd(old.exited, "info", "shim disconnected", id=old.cid, namespace="k8s.io")
    new = s.container(an, "aws-node", old.exited + 3 * NS, restart=1, image=old.image)
    s.ctrd(new.started - 300_000_000, "info", f'CreateContainer within sandbox "{an.sandbox}" for container '
           f"&ContainerMetadata{{Name:aws-node,Attempt:1,}}")
    s.ctrd(new.started, "info", f'StartContainer for "{new.cid}" returns successfully')
    s.aws_node_log(new, new.started, "start")
    ready2 = s.ipamd_start(new.started + 60_000_000, init_enis=False)
    s.aws_node_log(new, ready2 + NS, "ready")
    s.io_rows = {"containerd": 25611, "kubelet": 18234, "aws-k8s-agent": 2047, "systemd-journal": 1388,
                 "containerd-shim": 211}
    s.steady(ts + 30 * NS, n.capture_ns - 40 * NS, cron_every=10, deploy_every=1.0, reconcile_every=60, keep=2)
    return s


def scenario_serving_cert() -> Sim:
    n = Node(key="serving-cert", os="al2023", collector="0.7.9", script_date=date(2026, 1, 2),
             capture=utc(2026, 1, 2, 0, 40, 12), boot=utc(2025, 12, 26, 3, 17, 44),
             instance_id="i-0f1e2d3c4b5a69788", ip="10.0.3.41", az="us-west-2b", kubelet_ver="v1.33.5-eks-113cf36",
             cp_ver="v1.33.5-eks-3cfe0ce", cni_ver="v1.20.4-eksbuild.2", hostname="eks-worker-prod-03",
             kernel="6.1.158-178.288.amzn2023.x86_64", kernel_build="#1 SMP PREEMPT_DYNAMIC Mon Dec  8 19:02:11 UTC 2025",
             release="2023.9.20251208", nodegroup="ng-prod-b")
    s = Sim(n)
    ud = [b"+ hostnamectl set-hostname eks-worker-prod-03", b"+ echo '10.0.3.41 eks-worker-prod-03'"]
    times = s.boot(user_data=ud)
    tk = times["kubelet"]
    s.register_node(tk + int(1.3 * NS), fail_first=False)
    pods = s.start_system_pods(tk + int(4.0 * NS))
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    s.network_not_ready(tk + int(0.9 * NS), ready)
    s.node_ready(ready + NS)
    s.ipamd_ever_up = True
    csr = "csr-" + s.ids.suffix()
    s.kubelet(tk + int(2.2 * NS), "I", "csr.go:261", f"certificate signing request {csr} is pending")
    # metrics-server scrapes every ~minute; kubectl logs/exec come from the control plane ENIs
    t = tk + 30 * NS
    k = 0
    while t < n.capture_ns - 30 * NS:
        s.tls_handshake(t, "10.0.2.15")
        k += 1
        if k % 11 == 0:
            s.tls_handshake(t + s.ids.jitter(3, 20), s.r.choice(["10.0.12.201", "10.0.44.120"]))
        if k % 120 == 0:
            s.kubelet(t + 500_000_000, "E", "certificate_manager.go:562", '"Unhandled Error" err="kubernetes.io/'
                      'kubelet-serving: certificate request was not signed: timed out waiting for the condition" '
                      'logger="UnhandledError"')
        t += s.ids.jitter(150, 210)
    s.steady(ready + 60 * NS, n.capture_ns - 50 * NS, cron_every=240, deploy_every=14.0, reconcile_every=1800, keep=3)
    return s


def snat_node(after: bool) -> Node:
    return Node(key="snat", os="al2023", collector="0.7.9", script_date=date(2026, 5, 6),
                capture=utc(2026, 5, 6, 16, 5, 48) if after else utc(2026, 5, 4, 13, 20, 31),
                boot=utc(2026, 4, 29, 8, 0, 12), instance_id="i-0c8b7a6d5e4f3a291", ip="10.0.2.77", az="us-west-2b",
                kubelet_ver="v1.32.9-eks-2d3d1d6", cp_ver="v1.32.9-eks-5ac6c3f", kube_proxy_tag="v1.32.6-eksbuild.8",
                kube_proxy_ver="v1.32.6-eks-931bdca", cni_ver="v1.19.2-eksbuild.1", np_agent_tag="v1.1.6-eksbuild.1",
                kernel="6.1.134-152.225.amzn2023.x86_64", kernel_build="#1 SMP PREEMPT_DYNAMIC Wed Apr 15 17:30:19 UTC 2026",
                release="2023.7.20260415", cluster="branch-apps", containerd_ver="1.7.27",
                containerd_pkg="containerd-1.7.27-1.amzn2023.0.3.x86_64",
                endpoint="https://0D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A.sk1.us-west-2.eks.amazonaws.com")


def scenario_snat(after: bool) -> Sim:
    n = snat_node(after)
    s = Sim(n)
    s.external_snat = True
    s.env_over = {"AWS_VPC_K8S_CNI_EXTERNALSNAT": "true"}
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    upgrade = ns_of(utc(2026, 5, 6, 14, 31, 9))
    end = n.capture_ns - 45 * NS
    s.steady(ready + 40 * NS, min(end, upgrade), cron_every=240, deploy_every=12.0, reconcile_every=1800, keep=3)
    if not after:
        s.snat_rules = False
        return s
    # EKS add-on update: new aws-node pod with the add-on defaults (AWS_VPC_K8S_CNI_EXTERNALSNAT=false)
    old = st["aws_node"]
    assert isinstance(old, Pod)
    s.stop_pod(upgrade, old, grace=10)
    n.cni_ver = "v1.20.1-eksbuild.3"
    n.np_agent_tag = "v1.2.2-eksbuild.1"
    s.external_snat = False
    s.env_over = {}
    new = s.pod("kube-system", f"aws-node-{s.ids.suffix()}", ["aws-node", "aws-eks-nodeagent"], host_network=True,
                init=["aws-vpc-cni-init"])
    s.sync_add(upgrade + 12 * NS, [new])
    for img in ("aws-vpc-cni-init", "aws-node", "aws-eks-nodeagent"):
        s.pull(upgrade + 13 * NS, s.image_of(img), secs=3.1)
    s.start_aws_node(upgrade + 17 * NS, name=new.name)
    il = s.ipamd_log
    tu = upgrade + 24 * NS
    il(tu, "debug", "networkutils/network.go:390", "Setup Host Network: iptables -A POSTROUTING -m comment --comment "
       "\"AWS SNAT CHAIN\" -j AWS-SNAT-CHAIN-0")
    il(tu + 2_000_000, "debug", "networkutils/network.go:452", "execute iptable rule : first SNAT rules for non-VPC "
       "outbound traffic")
    il(tu + 3_000_000, "debug", "ipamd/rpc_handler.go:268", f"VPC CIDR {n.vpc_cidr}")
    cd = st["coredns"]
    assert isinstance(cd, Pod)
    cdc = next(c for c in s.containers if c.pod is cd)
    t = upgrade + 70 * NS
    while t < end:
        q = s.r.choice(["inventory.corp.example.internal.", "ldap.corp.example.internal.", "erp.corp.example.internal."])
        cdc.log(t, f"[ERROR] plugin/errors: 2 {q} A: read udp {cd.ip}:{s.ids.port()}->10.200.0.2:53: i/o timeout",
                "stdout")
        t += s.ids.jitter(20, 140)
    s.steady(upgrade + 60 * NS, end, cron_every=60, deploy_every=5.0, reconcile_every=300, keep=2)
    return s


def scenario_addon_skew(after: bool) -> Sim:
    if after:
        n = Node(key="addon-skew-after", os="al2", collector="0.7.8", script_date=date(2025, 2, 18),
                 capture=utc(2025, 2, 18, 9, 45, 51), boot=utc(2025, 2, 17, 22, 10, 3),
                 instance_id="i-0ee55ff66aa77bb88", ip="10.0.4.203", az="us-west-2a",
                 kubelet_ver="v1.31.4-eks-aeac579", cp_ver="v1.31.5-eks-8cce635")
    else:
        n = Node(key="addon-skew-before", os="al2", collector="0.7.6", script_date=date(2024, 4, 9),
                 capture=utc(2024, 4, 9, 11, 3, 27), boot=utc(2024, 4, 2, 19, 40, 0),
                 instance_id="i-0aa11bb22cc33dd44", ip="10.0.4.19", az="us-west-2a",
                 kubelet_ver="v1.26.15-eks-1552ad0", cp_ver="v1.26.15-eks-adc7111")
    n.kube_proxy_tag = "v1.26.15-eksbuild.2"
    n.kube_proxy_ver = "v1.26.15-eks-1552ad0"
    n.cni_ver = "v1.12.6-eksbuild.2"
    n.coredns_tag = "v1.9.3-eksbuild.11"
    n.containerd_ver = "1.7.25" if after else "1.7.11"
    n.runc_ver = "1.1.14" if after else "1.1.11"
    n.kernel = "5.10.233-224.894.amzn2.x86_64" if after else "5.10.213-201.855.amzn2.x86_64"
    n.kernel_build = "#1 SMP Tue Feb  4 02:36:47 UTC 2025" if after else "#1 SMP Mon Mar 25 18:16:11 UTC 2024"
    n.cluster = "orders"
    n.endpoint = "https://5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D0E.gr7.us-west-2.eks.amazonaws.com"
    n.delayacct = True
    s = Sim(n)
    times = s.boot()
    tk = times["kubelet"]
    s.register_node(tk + int(1.2 * NS), fail_first=not after)
    pods = s.start_system_pods(tk + int(3.5 * NS), pia=after)
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    s.network_not_ready(tk + int(0.8 * NS), ready)
    s.node_ready(ready + NS)
    s.ipamd_ever_up = True
    s.messages_since = max(n.boot_ns, n.capture_ns - (2 * 86400 + 7 * 3600 + 1140) * NS)
    s.steady(ready + 40 * NS, n.capture_ns - 45 * NS, cron_every=240, deploy_every=12.0,
             reconcile_every=1800 if not after else 600, keep=3)
    return s


def scenario_calico() -> Sim:
    n = Node(key="calico-on-vpc-cni", os="al2023", collector="0.7.9", script_date=date(2026, 7, 8),
             capture=utc(2026, 7, 8, 14, 55, 2), boot=utc(2026, 7, 6, 9, 0, 41), instance_id="i-0b3c4d5e6f7a8b9c0",
             ip="10.0.1.88", kernel="6.1.141-165.249.amzn2023.x86_64",
             kernel_build="#1 SMP PREEMPT_DYNAMIC Mon Jun 22 21:13:40 UTC 2026", release="2023.8.20260622",
             cluster="storefront", endpoint="https://7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C2D.gr7.us-west-2.eks.amazonaws.com")
    s = Sim(n)
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    install = ns_of(utc(2026, 7, 8, 13, 40, 27))
    end = n.capture_ns - 45 * NS
    ing = s.pod("ingress-nginx", f"ingress-nginx-controller-{s.ids.rs()}-{s.ids.suffix()}", ["controller"])
    s.sync_add(ready + 30 * NS, [ing])
    s.start_pod(ready + 31 * NS, ing, images={"controller": "registry.k8s.io/ingress-nginx/controller:v1.12.3"},
                pull=True)
    s.steady(ready + 40 * NS, install, cron_every=120, deploy_every=8.0, reconcile_every=1200, keep=3)
    cn = s.pod("calico-system", f"calico-node-{s.ids.suffix()}", ["calico-node"], host_network=True,
               init=["flexvol-driver", "install-cni"])
    s.sync_add(install, [cn])
    s.pull(install + NS, "quay.io/calico/cni:v3.29.4", secs=4.2)
    s.pull(install + 6 * NS, "quay.io/calico/node:v3.29.4", secs=7.9)
    s.start_pod(install + 15 * NS, cn, images={"calico-node": "quay.io/calico/node:v3.29.4",
                                               "install-cni": "quay.io/calico/cni:v3.29.4",
                                               "flexvol-driver": "quay.io/calico/pod2daemon-flexvol:v3.29.4"})
    s.calico = True
    s.extra_cni = {"10-calico.conflist": s.render_calico_conflist().decode(),
                   "calico-kubeconfig": ("# Kubeconfig file for Calico CNI plugin. Installed by calico/node.\n"
                                         "apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster:\n"
                                         f"    server: https://{n.api_vip}:443\n    certificate-authority-data: "
                                         "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJ\n"
                                         "users:\n- name: calico\n  user:\n    token: REDACTED\ncontexts:\n"
                                         "- name: calico-context\n  context:\n    cluster: local\n    user: calico\n"
                                         "current-context: calico-context\n")}
    # a default-deny policy now drops the probes of the ingress controller
    t = install + 95 * NS
    while t < end:
        s.probe_failed(t, ing, "controller", f'Get \\"http://{ing.ip}:10254/healthz\\": context deadline exceeded '
                       f'(Client.Timeout exceeded while awaiting headers)')
        t += 10 * NS + s.ids.jitter(0.0, 0.05)
    s.policy_drops = 18342
    s.steady(install + 120 * NS, end, cron_every=60, deploy_every=8.0, reconcile_every=600, keep=1)
    return s


def scenario_userdata() -> Sim:
    n = Node(key="userdata-flushed-iptables", os="al2", collector="0.7.8", script_date=date(2024, 11, 20),
             capture=utc(2024, 11, 20, 14, 10, 4), boot=utc(2024, 11, 20, 9, 12, 40),
             instance_id="i-0d4c3b2a1f0e9d8c7", ip="10.0.5.61", az="us-west-2c", kubelet_ver="v1.29.10-eks-94953ac",
             cp_ver="v1.29.10-eks-7f9249a", kube_proxy_tag="v1.29.10-eksbuild.3", kube_proxy_ver="v1.29.10-eks-94953ac",
             cni_ver="v1.18.6-eksbuild.1", np_agent_tag="v1.1.5-eksbuild.1", coredns_tag="v1.11.3-eksbuild.2",
             containerd_ver="1.7.23", runc_ver="1.1.14", kernel="5.10.228-219.884.amzn2.x86_64",
             kernel_build="#1 SMP Wed Nov  6 19:54:43 UTC 2024", cluster="analytics",
             endpoint="https://2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F.gr7.us-west-2.eks.amazonaws.com", delayacct=True)
    s = Sim(n)
    harden = [b"+ cat", b"+ chmod 0755 /usr/local/bin/harden-firewall.sh",
              b"+ echo '*/5 * * * * root /usr/local/bin/harden-firewall.sh >> /var/log/user-data.log 2>&1'",
              b"+ /usr/local/bin/harden-firewall.sh", b"+ iptables -F", b"+ iptables -t nat -F", b"+ iptables -X",
              b"+ iptables -t nat -X", b"+ iptables -A INPUT -p tcp --dport 22 -s 10.0.0.0/8 -j ACCEPT",
              b"+ echo 'firewall baseline applied'", b"firewall baseline applied"]
    times = s.boot(user_data=harden, extra_args="--node-labels=workload=spark")
    tk = times["kubelet"]
    s.register_node(tk + int(1.2 * NS))
    pods = s.start_system_pods(tk + int(3.6 * NS))
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    s.network_not_ready(tk + int(0.9 * NS), ready)
    s.node_ready(ready + NS)
    s.ipamd_ever_up = True
    end = n.capture_ns - 20 * NS
    kp = pods["kube_proxy"]
    assert isinstance(kp, Pod)
    kpc = next(c for c in s.containers if c.pod is kp)
    ud_log: list[bytes] = [b"+ /usr/local/bin/harden-firewall.sh", b"+ iptables -F", b"+ iptables -t nat -F",
                           b"+ iptables -X", b"+ iptables -t nat -X", b"firewall baseline applied"]
    first = ready + 300 * NS
    t = first - first % (300 * NS) + 300 * NS + NS
    log_lines: list[bytes] = [b"+ exec", b"Starting user data at " + rfc2822(n.boot_ns + 20 * NS).encode(), *harden]
    while t < n.capture_ns + 20 * NS:
        s.cron_log.append((t, "(root) CMD (/usr/local/bin/harden-firewall.sh >> /var/log/user-data.log 2>&1)"))
        if t < n.capture_ns:
            log_lines.extend(ud_log)
            tf = t + s.ids.jitter(3.0, 25.0)
            c = kpc
            c.log(tf, klog_hdr("E", tf, 1, "proxier.go:1525") + '"Failed to execute iptables-restore" err=<')
            c.log(tf, "\texit status 1: iptables-restore: line 8 failed")
            c.log(tf, " >")
            c.log(tf + 1_000_000, klog_hdr("I", tf + 1_000_000, 1, "proxier.go:797") + '"Sync failed" retryingTime="30s"')
            tr = tf + 30 * NS
            c.log(tr, klog_hdr("I", tr, 1, "proxier.go:811") + '"SyncProxyRules complete" elapsed="211.38ms"')
        t += 300 * NS
    s.extra_var_log["user-data.log"] = b"\n".join(log_lines) + b"\n"
    s.flushed = True
    s.steady(ready + 40 * NS, end, cron_every=60, deploy_every=3.0, reconcile_every=300, keep=3)
    # the cron job's own entries are what var_log/cron shows; the hourly run-parts line stays
    return s


def scenario_max_pods() -> Sim:
    n = Node(key="max-pods-mismatch", os="al2023", collector="0.7.9", script_date=date(2026, 9, 2),
             capture=utc(2026, 9, 2, 10, 33, 12), boot=utc(2026, 9, 1, 17, 50, 26), instance_id="i-0c2d4e6f8a0b1c3d5",
             ip="10.0.1.150", max_pods=110, kernel="6.1.150-174.273.amzn2023.x86_64",
             kernel_build="#1 SMP PREEMPT_DYNAMIC Thu Aug 20 16:45:51 UTC 2026", release="2023.8.20260820",
             cluster="batch-prod", endpoint="https://9C0D1E2F3A4B5C6D7E8F9A0B1C2D3E4F.gr7.us-west-2.eks.amazonaws.com")
    s = Sim(n)
    s.eni_count = 3
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    s.attach_eni(ready + 600 * NS, 2)
    s.ipamd_log(ready + 1800 * NS, "debug", "ipamd/ipamd.go:981", "Skipping ENI allocation as the max ENI limit is "
                "already reached")
    # the scheduler believes 110 pods fit: the node fills its 27 secondary IPs and keeps getting pods
    t = ready + 60 * NS
    workers: list[Pod] = []
    while len(s._ip_used) < 27:
        p = s.pod("batch", f"etl-worker-{s.ids.rs()}-{s.ids.suffix()}", ["etl"])
        s.sync_add(t, [p])
        s.start_pod(t + NS, p, images={"etl": s.app_image("etl")})
        workers.append(p)
        t += s.ids.jitter(30, 200)
    end = n.capture_ns - 45 * NS
    pending = [s.pod("batch", f"etl-worker-{s.ids.rs()}-{s.ids.suffix()}", ["etl"]) for _ in range(5)]
    tpend = max(t, end - 3 * 3600 * NS)
    s.sync_add(tpend + 10 * NS, pending)
    s.assigned_override = 27
    for p in pending:
        tp = tpend + s.ids.jitter(12, 60)
        gap = 10
        while tp < end:
            p.sandbox = s.ids.cid()
            p.ip = ""
            s.ipamd_no_ip(tp, p)
            s.no_ip_count += 1
            s.ipamd_log(tp + 2_000_000, "debug", "ipamd/ipamd.go:981",
                        "Skipping ENI allocation as the max ENI limit is already reached")
            s.sandbox_error(tp, p, "add cmd: failed to assign an IP address to container")
            tp += s.ids.jitter(gap, gap * 1.5)
            gap = min(gap * 2, 300)
    s.steady(t, end, cron_every=10**6, deploy_every=50.0, reconcile_every=300, keep=0)
    return s


def scenario_legacy06() -> Sim:
    n = Node(key="legacy-0.6", os="al2", collector="0.6.2", script_date=date(2020, 10, 7),
             capture=utc(2020, 10, 7, 14, 11, 9), boot=utc(2020, 10, 5, 16, 20, 3), instance_id="i-0f3a9b8c7d6e5f4a2",
             file_instance="", ip="192.168.88.140", region="eu-west-1", az="eu-west-1a", instance_type="t3.medium",
             kubelet_ver="v1.17.11-eks-cfdc40", cp_ver="v1.17.12-eks-7684af", kube_proxy_tag="v1.17.9-eksbuild.1",
             kube_proxy_ver="v1.17.9-eks-4c6976", cni_ver="v1.7.5", coredns_tag="v1.6.6-eksbuild.1",
             runtime="docker", docker_ver="19.03.6-ce", containerd_ver="1.3.2", runc_ver="1.0.0-0.1.20200204.gitdc9208a",
             kernel="4.14.198-152.320.amzn2.x86_64", kernel_build="#1 SMP Wed Sep 23 23:57:28 UTC 2020",
             max_pods=17, cluster="eksworkshop-eksctl", vpc_cidr="192.168.0.0/16", subnet_cidr="192.168.64.0/19",
             endpoint="https://A1B2C3D4E5F60718293A4B5C6D7E8F90.gr7.eu-west-1.eks.amazonaws.com",
             dns_ip="10.100.0.10", ipv6=False, server_tls_bootstrap=False)
    s = Sim(n)
    s.eni_count = 2
    times = s.boot()
    tk = times["kubelet"]
    s.register_node(tk + int(1.4 * NS), fail_first=False)
    pods = s.start_system_pods(tk + int(3.2 * NS), pia=False)
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    s.network_not_ready(tk + int(0.9 * NS), ready)
    s.ipamd_ever_up = True
    s.messages_since = n.capture_ns - 26 * 3600 * NS
    s.steady(ready + 40 * NS, n.capture_ns - 40 * NS, cron_every=60, deploy_every=7.0, reconcile_every=900, keep=2,
             app_ns="default", apps=("frontend", "catalog", "orders"))
    return s


def scenario_legacy05() -> Sim:
    n = Node(key="legacy-0.5", os="al2", collector="0.5.1", script_date=date(2019, 8, 20),
             capture=utc(2019, 8, 20, 15, 29, 41), name_time=utc(2019, 8, 20, 15, 30), boot=utc(2019, 8, 20, 13, 41, 2),
             instance_id="i-0e1d2c3b4a5968778", ip="192.168.27.36", region="us-east-2", az="us-east-2b",
             instance_type="m5.large", kubelet_ver="v1.13.8-eks-cd3eb0", cp_ver="v1.13.10-eks-5ac0f1",
             kube_proxy_tag="v1.13.8", kube_proxy_ver="v1.13.8", cni_ver="v1.5.0", coredns_tag="v1.2.6",
             runtime="docker", docker_ver="18.06.1-ce", containerd_ver="1.2.2", runc_ver="1.0.0-rc5",
             kernel="4.14.133-113.105.amzn2.x86_64", kernel_build="#1 SMP Tue Jul 16 02:40:12 UTC 2019",
             cluster="prod-eks", vpc_cidr="192.168.0.0/16", subnet_cidr="192.168.0.0/19", dns_ip="10.100.0.10",
             endpoint="https://F1E2D3C4B5A69788796A5B4C3D2E1F00.yl4.us-east-2.eks.amazonaws.com", ipv6=False,
             server_tls_bootstrap=False)
    s = Sim(n)
    times = s.boot()
    tk = times["kubelet"]
    s.register_node(tk + int(1.4 * NS), fail_first=False)
    pods = s.start_system_pods(tk + int(3.2 * NS), pia=False)
    ready = pods["cni_ready"]
    assert isinstance(ready, int)
    s.network_not_ready(tk + int(0.9 * NS), ready)
    s.ipamd_ever_up = True
    # a kubelet panic (one multi-line journal record), then systemd restarts it
    tp = tk + 41 * 60 * NS + 12 * NS
    trace = ("panic: runtime error: invalid memory address or nil pointer dereference\n"
             "[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x1b0f7a2]\n\n"
             "goroutine 412 [running]:\n"
             "k8s.io/kubernetes/pkg/kubelet/dockershim.(*dockerService).ContainerStats(0xc000a3e2c0, 0x4b2f8e0, "
             "0xc001b2a3f0, 0xc0023f1e80, 0x0, 0x0, 0x0)\n"
             "\t/workspace/anago-v1.13.8-beta.0.30+0c6d31a99f8147/src/k8s.io/kubernetes/_output/dockerized/go/src/"
             "k8s.io/kubernetes/pkg/kubelet/dockershim/docker_stats_linux.go:34 +0x52\n"
             "k8s.io/kubernetes/pkg/kubelet/dockershim.(*dockerService).ListContainerStats(0xc000a3e2c0, 0x4b2f8e0, "
             "0xc001b2a3f0, 0xc0023f1e40, 0x0, 0x0, 0x0)\n"
             "\t/workspace/anago-v1.13.8-beta.0.30+0c6d31a99f8147/src/k8s.io/kubernetes/_output/dockerized/go/src/"
             "k8s.io/kubernetes/pkg/kubelet/dockershim/docker_stats.go:54 +0x1d0\n"
             "created by k8s.io/kubernetes/vendor/google.golang.org/grpc.(*Server).serveStreams.func1\n"
             "\t/workspace/anago-v1.13.8-beta.0.30+0c6d31a99f8147/src/k8s.io/kubernetes/_output/dockerized/go/src/"
             "k8s.io/kubernetes/vendor/google.golang.org/grpc/server.go:678 +0x9f")
    s.kubelet_raw(tp, trace)
    s.sysd(tp + 80_000_000, "kubelet", "kubelet.service: main process exited, code=exited, status=2/INVALIDARGUMENT")
    s.sysd(tp + 81_000_000, "kubelet", "Unit kubelet.service entered failed state.")
    s.sysd(tp + 82_000_000, "kubelet", "kubelet.service failed.")
    s.sysd(tp + 5_082_000_000, "kubelet", "kubelet.service holdoff time over, scheduling restart.")
    s.sysd(tp + 5_083_000_000, "kubelet", "Stopped Kubernetes Kubelet.")
    s.start_kubelet(tp + 5_090_000_000)
    s.register_node(tp + 6_400_000_000, fail_first=False)
    s.messages_since = n.boot_ns
    s.steady(ready + 40 * NS, n.capture_ns - 30 * NS, cron_every=60, deploy_every=0.9, reconcile_every=60, keep=2,
             app_ns="default", apps=("guestbook", "redis"))
    return s


def scenario_non_utc() -> Sim:
    est = timezone(timedelta(hours=-5), "EST")
    n = Node(key="non-utc-node", os="al2", collector="0.7.9", script_date=date(2025, 12, 3),
             capture=utc(2025, 12, 3, 15, 27, 41), boot=utc(2025, 11, 18, 13, 5, 19), instance_id="i-0e9d8c7b6a5f4e3d2",
             ip="10.0.6.44", region="us-east-1", az="us-east-1d", tz=est, tzabbr="EST",
             kubelet_ver="v1.32.9-eks-c5a8d48", cp_ver="v1.32.9-eks-5ac6c3f", kube_proxy_tag="v1.32.6-eksbuild.8",
             kube_proxy_ver="v1.32.6-eks-931bdca", cni_ver="v1.20.4-eksbuild.1", containerd_ver="1.7.27",
             runc_ver="1.2.6", kernel="5.10.245-241.976.amzn2.x86_64", kernel_build="#1 SMP Fri Nov 14 21:06:17 UTC 2025",
             cluster="ledger-east", endpoint="https://6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B.gr7.us-east-1.eks.amazonaws.com",
             ami="ami-0d3f5a7c9e1b2d4f6", nodegroup="custom-al2-ny", delayacct=True)
    s = Sim(n)
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    s.messages_since = ns_of(utc(2025, 11, 30, 8, 12, 4))
    s.steady(ready + 40 * NS, n.capture_ns - 45 * NS, cron_every=180, deploy_every=12.0, reconcile_every=1800, keep=3)
    return s


def nft_tables(s: Sim) -> dict[str, bytes]:
    """``nft list table`` of the iptables-nft tables (what the node monitoring agent dumps)."""
    out: dict[str, bytes] = {}
    for fam, v6 in (("ip", False), ("ip6", True)):
        for tname, (chains, rules) in s.iptables_rules(v6).items():
            lines = [f"table {fam} {tname} {{"]
            for decl in chains:
                name = decl[1:].split(" ")[0]
                lines.append(f"\tchain {name} {{")
                if decl.split(" ")[1] != "-":
                    hook = name.lower()
                    prio = {"mangle": "mangle", "filter": "filter", "nat": "dstnat" if hook in ("prerouting", "output")
                            else "srcnat"}[tname]
                    lines.append(f"\t\ttype {'nat' if tname == 'nat' else 'filter'} hook {hook} priority {prio}; "
                                 f"policy accept;")
                for r in rules:
                    if r.startswith(f"-A {name} "):
                        body = r[len(f"-A {name} "):]
                        target = body.rsplit("-j ", 1)[-1].split(" ")[0].lower() if "-j " in body else "accept"
                        comment = body.split('--comment "')[1].split('"')[0] if '--comment "' in body else ""
                        cmt = f' comment "{comment}"' if comment else ""
                        verdict = (f"jump {body.rsplit('-j ', 1)[-1].split(' ')[0]}" if target.startswith(("kube-", "aws-",
                                   "cali-")) else target)
                        lines.append(f"\t\tcounter packets {s.r.randint(0, 90000)} bytes {s.r.randint(0, 9000000)} "
                                     f"{verdict}{cmt}")
                lines.append("\t}")
            lines.append("}")
            out[f"networking/nftables-{fam}-{tname}.txt"] = ("\n".join(lines) + "\n").encode()
    return out


def render_nma(s: Sim) -> list[Member]:
    """The EKS node monitoring agent's ``<node>-logs.tar.gz``: same data, its own layout rules."""
    n = s.n
    t0 = n.capture_ns
    files: dict[str, bytes] = {}
    for p in ("networking/iptables-save.txt", "networking/ip6tables-save.txt", "system/top.txt", "system/ps.txt",
              "kernel/dmesg.current", "kernel/dmesg.human.current"):
        s.when[p] = t0 + 4 * NS
    s.build_procs()
    files["system/instance-id.txt"] = (n.instance_id + "\n").encode()
    files["system/region.txt"] = (n.region + "\n").encode()
    files["system/availability-zone.txt"] = (n.az + "\n").encode()
    for name, fn in s.aws_routed_eni_files().items():
        files[f"var_log/aws-routed-eni/{name}"] = fn()
    for c in s.pod_logs():
        files[f"var_log/{c.pod_dir}/{c.name}/{c.restart}.log"] = s.container_log_bytes(c)
    files["var_log/cloud-init.log"] = ("\n".join(s.cloud_init) + "\n").encode()
    files["var_log/cloud-init-output.log"] = b"\n".join(s.cloud_init_output) + b"\n"
    files["kernel/dmesg.current"] = s.dmesg_text(False, until=t0)
    files["kernel/dmesg.human.current"] = s.dmesg_text(True, until=t0)
    files["kernel/uname.txt"] = f"Linux {n.host} {n.kernel} {n.kernel_build} x86_64 x86_64 x86_64 GNU/Linux\n".encode()
    mounts = s.render_mounts().replace(b"\n\n", b"\n")
    files["storage/mounts.txt"] = mounts
    files["storage/inodes.txt"] = s.render_inodes()
    files["storage/lsblk.txt"] = s.render_lsblk()
    files["storage/fstab.txt"] = s.render_fstab()
    files["storage/xfs.txt"] = s.render_xfs()
    files["storage/pod_local_storage.txt"] = s.render_pod_local_storage()
    files["system/top.txt"] = s.render_top()
    files["system/services.txt"] = s.render_services()
    files["system/systemd-analyze.svg"] = s.render_systemd_analyze()
    files["system/ps.txt"] = s.render_ps()
    files["system/ps-threads.txt"] = s.render_ps_threads()
    files["system/procstat.txt"] = s.render_procstat()
    files["system/allprocstat.txt"] = s.render_allprocstat()
    files["system/pkglist.txt"] = s.render_pkglist()
    files["system/last_reboot.txt"] = s.render_last_reboot()
    files["system/cpu_throttling.txt"] = b"No CPU Throttling Found"
    files["system/io_throttling.txt"] = s.render_io_throttling(nma=True)
    for res, vals in (("cpu", ("some avg10=0.41 avg60=0.37 avg300=0.29 total=2817361452",
                               "full avg10=0.00 avg60=0.00 avg300=0.00 total=0")),
                      ("memory", ("some avg10=0.00 avg60=0.00 avg300=0.00 total=1120938",
                                  "full avg10=0.00 avg60=0.00 avg300=0.00 total=871230")),
                      ("io", ("some avg10=0.08 avg60=0.11 avg300=0.09 total=412839120",
                              "full avg10=0.05 avg60=0.07 avg300=0.06 total=301288431"))):
        files[f"system/pressure_{res}.txt"] = ("\n".join(vals) + "\n").encode()
    files["sysctls/sysctl_all.txt"] = s.render_sysctl()
    files["containerd/containerd-config.txt"] = s.render_containerd_config()
    files["containerd/containerd-log.txt"] = s.journal_text(("containerd",), "containerd/containerd-log.txt", iso=True,
                                                            until=t0)
    files["containerd/containerd-version.txt"] = s.render_ctr_version()
    files["containerd/containerd-namespaces.txt"] = b"NAME   LABELS \nk8s.io        \n"
    files["containerd/containerd-images.txt"] = s.render_ctr_images()
    files["containerd/containerd-containers.txt"] = s.render_ctr_containers()
    files["containerd/containerd-tasks.txt"] = s.render_ctr_tasks()
    files["containerd/containerd-plugins.txt"] = s.render_ctr_plugins()
    files["kubelet/kubelet.log"] = s.journal_text(("kubelet",), "kubelet/kubelet.log", since=t0 - 10 * 86400 * NS,
                                                  iso=True, until=t0)
    files["kubelet/kubelet_service.txt"] = s.render_kubelet_service()
    files["kubelet/config.json"] = s.render_kubelet_config()
    files["kubelet/config.json.d/40-nodeadm.conf"] = s.render_nodeadm_dropin()
    files["kubelet/kubeconfig.yaml"] = s.render_kubeconfig()
    for unit in ("nodeadm-config", "nodeadm-run"):
        files[f"nodeadm/{unit}.log"] = s.journal_text((unit,), f"nodeadm/{unit}.log", iso=True, until=t0)
    files["sandbox-image/sandbox-image-log.txt"] = s.journal_text(("sandbox-image",), "x", iso=True, until=t0)
    files["ipamd/enis.json"] = s.render_enis()
    files["ipamd/pods.json"] = s.render_pods_json()
    files["ipamd/networkutils-env-settings.json"] = s.render_networkutils_env()
    files["ipamd/ipamd-env-settings.json"] = s.render_ipamd_env()
    files["ipamd/eni-configs.json"] = s.render_eni_configs()
    files["ipamd/metrics.json"] = s.render_metrics()
    files["ipamd/ipam.json"] = s.render_ipam_json()
    for table, name in (("mangle", "mangle"), ("filter", "filter"), ("nat", "nat")):
        for v6, pre in ((False, "iptables"), (True, "ip6tables")):
            body = s.iptables_list(table, v6=v6, footer=False)
            count = sum(1 for ln in body.decode().splitlines()
                        if ln.strip() and not ln.lstrip().startswith(("Chain", "num", "pkts")))
            files[f"networking/{pre}-{name}.txt"] = body + f"=======\nTotal Number of Rules: {count}\n".encode()
    for v6, pre in ((False, "iptables"), (True, "ip6tables")):
        body = s.iptables_list(None, v6=v6, footer=False)
        count = sum(1 for ln in body.decode().splitlines()
                    if ln.strip() and not ln.lstrip().startswith(("Chain", "num", "pkts")))
        files[f"networking/{pre}.txt"] = body + f"=======\nTotal Number of Rules: {count}\n".encode()
    files["networking/iptables-save.txt"] = s.iptables_save()
    files["networking/ip6tables-save.txt"] = s.iptables_save(v6=True)
    files.update(nft_tables(s))
    files["networking/conntrack.txt"] = s.render_conntrack().replace(b"*** Output of conntrack -S *** ",
                                                                     b"*** Output of conntrack -S ***")
    files["networking/conntrack6.txt"] = b"*** Output of conntrack -L -f ipv6 ***\n"
    files["networking/iprule.txt"] = s.render_iprule()
    files["networking/ip6rule.txt"] = s.render_ip6rule()
    files["networking/iproute.txt"] = s.render_iproute()
    files["networking/ip6route.txt"] = s.render_ip6route()
    files["networking/configure-multicard-interfaces.txt"] = s.journal_text(
        ("configure-multicard-interfaces",), "x", iso=True, until=t0)
    files["networking/resolv.conf"] = s.render_resolv()
    files["networking/ping_amazon.com.txt"] = s.render_ping("amazon.com", False).replace(b"amazon.com",
                                                                                        b"www.amazon.com")
    files["networking/ping_public.ecr.aws.txt"] = s.render_ping("public.ecr.aws", True)
    files["networking/ethtool.txt"] = s.render_ethtool()
    files["networking/get_api_server.txt"] = s.render_get_api_server()
    for name, data in s.render_systemd_network().items():
        if name.endswith(".link"):
            files[f"networking/systemd-network/{name}"] = data
    files["cni/10-aws.conflist"] = s.render_conflist()
    files["cni/cni-configuration-variables-containerd.json"] = s.render_cni_vars()
    members = []
    rr = random.Random(n.key + "nma")
    for name in sorted(files):
        members.append(Member(name, (t0 // NS) + rr.randint(1, 24), files[name]))
    return members


def scenario_nma() -> list[Sample]:
    n = healthy_node(key="node-monitoring-agent", capture=utc(2026, 9, 30, 8, 1, 40),
                     boot=utc(2026, 9, 27, 11, 30, 2), script_date=date(2026, 9, 30))
    s = Sim(n)
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    s.steady(ready + 40 * NS, n.capture_ns - 30 * NS, cron_every=60, deploy_every=4.0, reconcile_every=600, keep=3)
    return [Sample(f"{n.fqdn}-logs.tar.gz", nma_targz(render_nma(s)))]


def scenario_healthy_and_zip() -> list[Sample]:
    s = scenario_healthy()
    members = s.render()
    wrapper = s.n.tarball_name[: -len(".tar.gz")]
    return [Sample(s.n.tarball_name, collector_targz(members)),
            Sample(wrapper + ".zip", wrapped_zip(members, wrapper))]

SCENARIO_LIST: list[tuple[str, Callable[[], list[Sample]]]] = [
    ("healthy + wrapped-zip", scenario_healthy_and_zip),
    ("ipamd-kube-proxy-race", collector_sample(scenario_race)),
    ("scale-up-throttling", collector_sample(scenario_scale_up)),
    ("serving-cert", collector_sample(scenario_serving_cert)),
    ("snat-before", collector_sample(lambda: scenario_snat(False))),
    ("snat-after", collector_sample(lambda: scenario_snat(True))),
    ("addon-skew-before", collector_sample(lambda: scenario_addon_skew(False))),
    ("addon-skew-after", collector_sample(lambda: scenario_addon_skew(True))),
    ("calico-on-vpc-cni", collector_sample(scenario_calico)),
    ("userdata-flushed-iptables", collector_sample(scenario_userdata)),
    ("max-pods-mismatch", collector_sample(scenario_max_pods)),
    ("legacy-0.6", collector_sample(scenario_legacy06)),
    ("legacy-0.5", collector_sample(scenario_legacy05)),
    ("node-monitoring-agent", scenario_nma),
    ("non-utc-node", collector_sample(scenario_non_utc)),
]


# ---------------------------------------------------------------------------------------
# --large: a big bundle streamed member by member (bounded memory)
# ---------------------------------------------------------------------------------------

BLOCK = 4 << 20  # bytes per generated block


_HMS: list[str] = []


def _hms_table() -> list[str]:
    if not _HMS:
        _HMS.extend(f"{h:02d}:{m:02d}:{x:02d}" for h in range(24) for m in range(60) for x in range(60))
    return _HMS


class Stream:
    """Generates log lines of one kind, fast: a handful of templates, counters, table-driven time stamps."""

    AVG: ClassVar[dict[str, int]] = {"kubelet": 265, "containerd": 255, "ipamd": 190, "messages": 230,
                                     "aws-node": 230}

    def __init__(self, kind: str, s: Sim, t0: int, t1: int, size: int, failures: int) -> None:
        self.kind, self.s, self.n = kind, s, s.n
        self.t0, self.size = t0, size
        self.lines = max(1, size // self.AVG[kind])
        self.step = max(1, (t1 - t0) // self.lines)
        self.fail_every = max(50, self.lines // max(1, failures))
        self.i = 0
        r = random.Random(f"large-{kind}")
        self.pods = [f"shop/{a}-{r.choice(['7d9f8b6c5d', '5f6c7b8d9e', '6b7c8d9f4a'])}-{Ids(a).suffix()}"
                     for a in ("web", "api", "cart", "search", "checkout", "worker", "report", "media")]
        self.cids = [Ids(f"c{k}").cid() for k in range(16)]
        self.uids = [f"{c[:8]}-1c2d-4e5f-8a9b-{c[8:20]}" for c in self.cids]
        off = self.n.tz.utcoffset(None) or timedelta(0)
        self.off = int(off.total_seconds())
        self.day0 = (t0 // NS + self.off) // 86400
        self.days: list[tuple[str, str, str, str]] = []
        for k in range((t1 - t0) // (86400 * NS) + 3):
            d = datetime(1970, 1, 1) + timedelta(days=self.day0 + k)
            self.days.append((f"{MON[d.month - 1]} {d.day:02d}", f"{MON[d.month - 1]} {d.day:2d}", f"{d:%m%d}",
                              f"{d:%Y-%m-%d}"))
        self.hms = _hms_table()
        self.pos = 0
        self.ratio = (t1 - t0) / max(1, size)
        self.days.extend(self.days[-1:] * 3)

    def batch(self, count: int) -> list[str]:
        """``count`` lines, each ending in a newline."""
        out: list[str] = []
        app = out.append
        k = self.kind
        s, n = self.s, self.n
        t0, ratio, off, day0, days, hms = self.t0, self.ratio, self.off, self.day0, self.days, self.hms
        pos = self.pos
        fe, fh = self.fail_every, self.fail_every // 2
        pods, cids, uids = self.pods, self.cids, self.uids
        kpid, cpid = s.kpid, s.cpid
        fq, short = n.fqdn, n.short
        kpre = f" {fq} kubelet[{kpid}]: "
        cpre = f" {fq} containerd[{cpid}]: time=\""
        ecr = f"{n.account}.dkr.ecr.{n.region}.amazonaws.com/"
        for i in range(self.i, self.i + count):
            t = t0 + int(pos * ratio)
            sec = t // NS
            loc = sec + off
            dy = days[loc // 86400 - day0]
            hh = hms[loc % 86400]
            j = i & 15
            pod = pods[i & 7]
            us = (t // 1000) % 1_000_000
            fail = i % fe == fh
            if k == "kubelet":
                head = f"{dy[0]} {hh}{kpre}"
                kh = f"{dy[2]} {hh}.{us:06d} {kpid:7d}"
                if fail:
                    app(f'{head}E{kh} pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer'
                        f'\\" for \\"app\\" with ErrImagePull: \\"pull QPS exceeded\\"" pod="{pod}" podUID="{uids[j]}"\n')
                elif i % 3 == 0:
                    app(f'{head}I{kh} kubelet.go:2573] "SyncLoop (PLEG): event for pod" pod="{pod}" event={{"ID":'
                        f'"{uids[j]}","Type":"ContainerStarted","Data":"{cids[(j + 3) & 15]}"}}\n')
                elif i % 3 == 1:
                    app(f'{head}I{kh} kubelet.go:2632] "SyncLoop (probe)" probe="readiness" status="ready" pod="{pod}"\n')
                else:
                    app(f'{head}I{kh} reconciler_common.go:251] "operationExecutor.VerifyControllerAttachedVolume '
                        f'started for volume \\"kube-api-access-{cids[j][:5]}\\" (UniqueName: \\"kubernetes.io/projected/'
                        f'{uids[j]}-kube-api-access-{cids[j][:5]}\\") pod=\\"{pod[5:]}\\""\n')
            elif k == "containerd":
                head = f'{dy[0]} {hh}{cpre}{dy[3]}T{hh}.{t % NS:09d}Z" '
                if fail:
                    app(f'{head}level=error msg="RunPodSandbox for &PodSandboxMetadata{{Name:{pod[5:]},Uid:{uids[j]},'
                        f'Namespace:shop,Attempt:0,}} failed" error="failed to setup network for sandbox \\"{cids[j]}\\": '
                        f'plugin type=\\"aws-cni\\" name=\\"aws-cni\\" failed (add): add cmd: Error received from '
                        f'AddNetwork gRPC call: rpc error: code = Unavailable desc = connection error: desc = '
                        f'\\"transport: Error while dialing: dial tcp 127.0.0.1:50051: connect: connection refused\\""\n')
                elif i & 1:
                    app(f'{head}level=info msg="StartContainer for \\"{cids[j]}\\" returns successfully"\n')
                else:
                    app(f'{head}level=info msg="ImageUpdate event name:\\"{ecr}{pod[5:].split("-")[0]}:2.4.{i % 9}\\" '
                        f'labels:{{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}}"\n')
            elif k in ("ipamd", "aws-node"):
                ts = f"{dy[3]}T{hh}.{us // 1000:03d}Z"
                if fail:
                    body = (f'{{"level":"error","ts":"{ts}","caller":"ipamd/ipamd.go:1052","msg":"Failed to allocate 9 '
                            f'IP addresses on an ENI: operation error EC2: AssignPrivateIpAddresses, exceeded maximum '
                            f'number of attempts, 10, https response error StatusCode: 503, RequestID: {uids[j]}, api '
                            f'error RequestLimitExceeded: Request limit exceeded."}}')
                elif i & 3 == 0:
                    body = (f'{{"level":"debug","ts":"{ts}","caller":"ipamd/ipamd.go:1431","msg":"IP stats for '
                            f'Network Card 0 - total IPs: 18, assigned IPs: {7 + i % 9}, cooldown IPs: 0"}}')
                elif i & 3 == 1:
                    body = (f'{{"level":"debug","ts":"{ts}","caller":"ipamd/ipamd.go:653","msg":"is datastore pool low '
                            f'for networkCard 0, decision false"}}')
                else:
                    body = (f'{{"level":"info","ts":"{ts}","caller":"rpc/rpc.pb.go:863","msg":"Received AddNetwork for '
                            f'NS /var/run/netns/cni-{uids[j]}, Sandbox {cids[(j + 5) & 15]}, ifname eth0"}}')
                if k == "aws-node":
                    app(f"{dy[3]}T{hh}.{t % NS:09d}Z stdout F {body}\n")
                else:
                    app(body + "\n")
            else:
                head = f"{dy[1]} {hh} {short} "
                if fail:
                    app(head + ("kernel: nf_conntrack: nf_conntrack: table full, dropping packet\n" if i & 1 else
                                f"kernel: Out of memory: Killed process {4000 + i % 900} (java) total-vm:5123400kB, "
                                f"anon-rss:1912004kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4120kB "
                                f"oom_score_adj:984\n"))
                elif i & 1:
                    app(f'{head}kubelet: I{dy[2]} {hh}.{us:06d} {kpid:7d} kubelet.go:2632] "SyncLoop (probe)" '
                        f'probe="readiness" status="ready" pod="{pod}"\n')
                else:
                    app(f'{head}containerd: time="{dy[3]}T{hh}.{t % NS:09d}Z" level=info msg="StartContainer for '
                        f'\\"{cids[j]}\\" returns successfully"\n')
            pos += len(out[-1])
        self.i += count
        self.pos = pos
        return out

    def blocks(self, header: str = "") -> Iterator[bytes]:
        """Exactly ``size`` bytes of whole lines (the last line padded with spaces to fit)."""
        remaining = self.size
        if header:
            h = (header + "\n").encode()
            yield h
            remaining -= len(h)
        per = max(1, BLOCK // self.AVG[self.kind])
        while remaining > 0:
            lines = self.batch(per)
            blob = "".join(lines).encode()
            if len(blob) <= remaining:
                yield blob
                remaining -= len(blob)
                continue
            # the last block: whole lines that fit, the rest as trailing blanks on the last lines
            keep: list[bytes] = []
            used = 0
            for ln in lines:
                b = ln.encode()
                if used + len(b) > remaining:
                    break
                keep.append(b)
                used += len(b)
            room = remaining - used
            k = len(keep) - 1
            while room > 0 and k >= 0:
                add = min(room, 8)
                keep[k] = keep[k][:-1] + b" " * add + b"\n"
                room -= add
                k -= 1
            if room:
                keep.append(b" " * (room - 1) + b"\n")
            yield b"".join(keep)
            remaining = 0


def large_sim() -> Sim:
    n = Node(key="large", os="al2", collector="0.7.9", script_date=date(2025, 12, 10),
             capture=utc(2025, 12, 10, 16, 44, 3), boot=utc(2025, 12, 1, 4, 2, 51), instance_id="i-0a9b8c7d6e5f40312",
             ip="10.0.9.57", kubelet_ver="v1.32.9-eks-c5a8d48", cp_ver="v1.32.9-eks-5ac6c3f",
             kube_proxy_tag="v1.32.6-eksbuild.8", kube_proxy_ver="v1.32.6-eks-931bdca", cni_ver="v1.20.4-eksbuild.1",
             containerd_ver="1.7.27", runc_ver="1.2.6", kernel="5.10.245-241.976.amzn2.x86_64",
             kernel_build="#1 SMP Fri Nov 14 21:06:17 UTC 2025", delayacct=True)
    s = Sim(n)
    st = boot_and_join(s)
    ready = st["ready"]
    assert isinstance(ready, int)
    s.steady(ready + 40 * NS, ready + 3 * 3600 * NS, cron_every=60, deploy_every=2.0, reconcile_every=600, keep=3)
    return s


class _Out:
    """Counts what goes into the compressed stream (for tar record padding)."""

    def __init__(self, raw: io.BufferedWriter | gzip.GzipFile) -> None:
        self.raw = raw
        self.pos = 0

    def write(self, b: bytes) -> None:
        self.raw.write(b)
        self.pos += len(b)


def _header(name: str, size: int, mtime: int, is_dir: bool) -> bytes:
    ti = tarfile.TarInfo(name)
    ti.size = 0 if is_dir else size
    ti.mtime = mtime
    ti.mode = 0o755 if is_dir else 0o644
    ti.type = tarfile.DIRTYPE if is_dir else tarfile.REGTYPE
    ti.uname = ti.gname = "root"
    return ti.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape")


def write_large(out: Path, size_mb: int) -> None:
    """Stream a collector bundle of about ``size_mb`` MB (uncompressed) to ``out``."""
    try:
        from isal import igzip as gz_mod  # type: ignore[import-not-found]

        opener: Callable[..., gzip.GzipFile] = gz_mod.GzipFile
    except ImportError:  # pragma: no cover - isal is in the project venv
        opener = gzip.GzipFile
    s = large_sim()
    n = s.n
    plan = s.plan()
    t = float(n.capture_ns) / NS + 0.4
    times: list[tuple[str, int]] = []
    for path, dt, _ in plan:
        t += dt * 1.5
        times.append((path, int(t * NS)))
    for path, ns in times:
        s.when[path] = ns
    s.collector_effects()
    s.build_procs()
    aws_node = next(c for c in s.containers if c.name == "aws-node")
    total = size_mb * 1_000_000
    shares = {"kubelet/kubelet.log": ("kubelet", 0.30), "containerd/containerd-log.txt": ("containerd", 0.22),
              "var_log/aws-routed-eni/ipamd.log": ("ipamd", 0.20), "var_log/messages": ("messages", 0.18),
              f"var_log/{aws_node.flat_name}": ("aws-node", 0.05),
              f"var_log/{aws_node.pod_dir}/aws-node/{aws_node.restart}.log": ("aws-node", 0.05)}
    fns = {path: fn for path, _, fn in plan}
    start = max(n.since_ns, n.boot_ns + 90 * NS)
    skeleton = assemble(s.dirs(), [(p, ns, b"" if p in shares else fns[p]()) for p, ns in times],
                        n.capture_ns + int(0.2 * NS))
    with out.open("wb") as fh, opener(fileobj=fh, mode="wb", compresslevel=1, mtime=0) as gzf:
        w = _Out(gzf)
        for m in skeleton:
            name = "./" + m.name + ("/" if m.is_dir else "") if m.name else "./"
            if m.is_dir:
                w.write(_header(name, 0, m.mtime, True))
                continue
            if m.name in shares:
                kind, frac = shares[m.name]
                size = int(total * frac)
                header = ""
                if kind in ("kubelet", "containerd"):
                    header = (f"-- Logs begin at {journal_hdr_time(start, n.tz, n.tzabbr)}, end at "
                              f"{journal_hdr_time(m.mtime * NS - NS, n.tz, n.tzabbr)}. --")
                stream = Stream(kind, s, start, m.mtime * NS - 2 * NS, size, failures=60)
                w.write(_header(name, size, m.mtime, False))
                written = 0
                for blk in stream.blocks(header):
                    w.write(blk)
                    written += len(blk)
                assert written == size, (m.name, written, size)
            else:
                data = m.data or b""
                w.write(_header(name, len(data), m.mtime, False))
                w.write(data)
                size = len(data)
            if size % 512:
                w.write(b"\0" * (512 - size % 512))
        w.write(b"\0" * 1024)
        if w.pos % tarfile.RECORDSIZE:
            w.write(b"\0" * (tarfile.RECORDSIZE - w.pos % tarfile.RECORDSIZE))


# ---------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------

def all_samples() -> list[Sample]:
    out: list[Sample] = []
    for _name, fn in SCENARIO_LIST:
        out.extend(fn())
    names = [s.file for s in out]
    assert len(names) == len(set(names)), "duplicate sample names"
    return out


def write_samples(dest: Path, verbose: bool) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for smp in all_samples():
        p = dest / smp.file
        p.write_bytes(smp.data)
        written.append(p)
        if verbose:
            print(f"{p.name}\t{len(smp.data)}")
    return written


def _payload(data: bytes, name: str) -> bytes:
    """What a sample holds once the compression layer is removed (for zlib-version tolerant checks)."""
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return b"".join(zi.filename.encode() + repr(zi.date_time).encode() + zf.read(zi) for zi in zf.infolist())
    return zlib.decompress(data, 16 + zlib.MAX_WBITS)


def check(fresh: Path) -> int:
    """Compare freshly generated samples in ``fresh`` with the committed ones next to this script."""
    bad = 0
    expected = {p.name for p in fresh.iterdir()}
    present = {p.name for p in HERE.iterdir() if p.name.endswith((".tar.gz", ".zip"))}
    for name in sorted(expected):
        path = HERE / name
        if not path.exists():
            print(f"missing: {name}", file=sys.stderr)
            bad += 1
            continue
        have, want = path.read_bytes(), (fresh / name).read_bytes()
        if have == want:
            continue
        if _payload(have, name) == _payload(want, name):
            print(f"note: {name}: same content, different compressed bytes (zlib version)", file=sys.stderr)
            continue
        print(f"differs: {name}", file=sys.stderr)
        bad += 1
    for name in sorted(present - expected):
        print(f"unexpected file (not generated): {name}", file=sys.stderr)
        bad += 1
    if not bad:
        print(f"{len(expected)} samples up to date")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate in a temp dir; exit 1 if a sample differs")
    ap.add_argument("--large", metavar="OUT", help="stream a large realistic bundle to OUT (.tar.gz)")
    ap.add_argument("--size-mb", type=int, default=1024, help="uncompressed size of --large (MB)")
    ap.add_argument("--out", metavar="DIR", help="write the samples here instead of next to this script")
    args = ap.parse_args(argv)
    if args.large:
        write_large(Path(args.large), args.size_mb)
        return 0
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_samples(Path(tmp), verbose=False)
            return check(Path(tmp))
    write_samples(Path(args.out) if args.out else HERE, verbose=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
