"""Tell which collector wrote a bundle, for what kind of node, by the sources present.

The version string in the file name is not a layout key (bundle-layout.md §4): ``0.6.2`` spans
two years of changes and the same version ships in AMIs built at different times. What decides is
which sources the bundle holds and what ``uname`` / the package list say; evidence names sources.
"""

from __future__ import annotations

from collections.abc import Mapping

from triage.bundle import NameInfo, ReadStats
from triage.model import Layout

#: Sources only the EKS node monitoring agent writes.
AGENT_SOURCES = ("agent_api_server", "pressure")
#: Sources only collector 0.5.x wrote.
V05_SOURCES = ("kubeproxy_journal", "ipamd_legacy_text")
#: Sources added by collector 0.7.0 (2022-08).
V07_SOURCES = ("procstat", "io_throttling")


def detect_layout(stats: ReadStats, name: NameInfo, present: set[str], texts: Mapping[str, bytes]) -> Layout:
    """``present``: sources with at least one member; ``texts``: the first member of each snapshot source."""
    evidence: list[str] = []
    producer = _producer(stats, name, present, evidence)
    era = _era(producer, present, texts, evidence)
    os_family = _os_family(present, texts, evidence)
    return Layout(producer=producer, era=era, os_family=os_family, container=stats.container,
                  dot_prefix=stats.dot_prefixed > 0, wrapper=stats.wrapper, evidence=tuple(evidence))


def _producer(stats: ReadStats, name: NameInfo, present: set[str], evidence: list[str]) -> str:
    agent = [s for s in AGENT_SOURCES if s in present]
    if agent:
        evidence.append(f"node monitoring agent sources: {', '.join(agent)}")
        return "node-monitoring-agent"
    if name.node_name:
        evidence.append("file name <node>-logs.tar.gz")
        return "node-monitoring-agent"
    if stats.container in ("tar.gz", "tar") and stats.dot_prefixed == 0 and stats.directories == 0 \
            and "script_params" not in present:
        evidence.append("no ./ prefix, no directory entries, no collector parameters")
        return "node-monitoring-agent"
    return "eks-log-collector"


def _era(producer: str, present: set[str], texts: Mapping[str, bytes], evidence: list[str]) -> str:
    if producer == "node-monitoring-agent":
        return "agent"
    old = [s for s in V05_SOURCES if s in present]
    if old or b"mode:" in texts.get("script_params", b""):
        evidence.append("collector 0.5.x: " + (", ".join(old) if old else "mode: line in the collector parameters"))
        return "0.5"
    if not any(s in present for s in V07_SOURCES):
        evidence.append("collector 0.6.x: no procstat or io_throttling (added in 0.7.0)")
        return "0.6"
    return "0.7+"


def _os_family(present: set[str], texts: Mapping[str, bytes], evidence: list[str]) -> str:
    uname, pkglist = texts.get("uname", b""), texts.get("pkglist", b"")
    checks = (
        (b"amzn2023" in uname, "al2023", "uname: amzn2023 kernel"),
        (b".amzn2." in uname, "al2", "uname: amzn2 kernel"),
        (b"Ubuntu" in uname or pkglist.startswith(b"Desired=") or "syslog" in present, "ubuntu",
         "Ubuntu: uname, dpkg package list or syslog"),
        (b"amzn2023" in pkglist, "al2023", "pkglist: amzn2023 packages"),
        (b".amzn2." in pkglist, "al2", "pkglist: amzn2 packages"),
        ("kubelet_config" in present, "al2023", "kubelet_config (nodeadm)"),
        ("messages" in present or "kubelet_config_al2" in present, "al2", "messages (rsyslog) or AL2 kubelet config"),
    )
    for hit, family, why in checks:
        if hit:
            evidence.append(why)
            return family
    return "unknown"
