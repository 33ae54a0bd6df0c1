"""Tell which collector wrote a bundle, for what kind of node, by the files present.

The version string in the file name is not a layout key (bundle-layout.md §4): ``0.6.2`` spans
two years of changes and the same version ships in AMIs built at different times.
"""

from __future__ import annotations

from triage.bundle import NameInfo, ReadStats
from triage.model import Layout


def detect_layout(stats: ReadStats, name: NameInfo, snapshots: dict[str, bytes], logs: set[str]) -> Layout:
    paths = set(snapshots) | logs
    evidence: list[str] = []
    producer = _producer(stats, name, paths, evidence)
    era = _era(producer, paths, snapshots, evidence)
    os_family = _os_family(paths, snapshots, evidence)
    return Layout(
        producer=producer,
        era=era,
        os_family=os_family,
        container=stats.container,
        dot_prefix=stats.dot_prefixed > 0,
        wrapper=stats.wrapper,
        evidence=tuple(evidence),
    )


def _producer(stats: ReadStats, name: NameInfo, paths: set[str], evidence: list[str]) -> str:
    nma_files = sorted(p for p in paths if p == "networking/get_api_server.txt" or p.startswith("system/pressure_"))
    if nma_files:
        evidence.append(f"node monitoring agent files: {', '.join(nma_files[:3])}")
        return "node-monitoring-agent"
    if name.node_name:
        evidence.append("file name <node>-logs.tar.gz")
        return "node-monitoring-agent"
    if stats.container in ("tar.gz", "tar") and stats.dot_prefixed == 0 and stats.directories == 0 \
            and "system/script-params.txt" not in paths:
        evidence.append("no ./ prefix, no directory entries, no system/script-params.txt")
        return "node-monitoring-agent"
    return "eks-log-collector"


def _era(producer: str, paths: set[str], snapshots: dict[str, bytes], evidence: list[str]) -> str:
    if producer == "node-monitoring-agent":
        return "agent"
    params = snapshots.get("system/script-params.txt", b"")
    old = sorted(p for p in paths if p in ("kubelet/kubeproxy.log", "ipamd/metrics.txt") or
                 (p.startswith("ipamd/") and p.endswith(".txt") and "_ignore" not in p))
    if old or b"mode:" in params:
        evidence.append("collector 0.5.x: " + (", ".join(old[:3]) if old else "mode: line in script-params.txt"))
        return "0.5"
    if "system/procstat.txt" not in paths and "system/io_throttling.txt" not in paths:
        evidence.append("collector 0.6.x: no system/procstat.txt or io_throttling.txt (added in 0.7.0)")
        return "0.6"
    return "0.7+"


def _os_family(paths: set[str], snapshots: dict[str, bytes], evidence: list[str]) -> str:
    uname = snapshots.get("kernel/uname.txt", b"")
    if b"amzn2023" in uname:
        evidence.append("kernel/uname.txt: amzn2023 kernel")
        return "al2023"
    if b".amzn2." in uname:
        evidence.append("kernel/uname.txt: amzn2 kernel")
        return "al2"
    pkglist = snapshots.get("system/pkglist.txt", b"")
    if b"Ubuntu" in uname or pkglist.startswith(b"Desired=") or "var_log/syslog" in paths:
        evidence.append("Ubuntu: uname, dpkg package list or var_log/syslog")
        return "ubuntu"
    if b"amzn2023" in pkglist:
        evidence.append("system/pkglist.txt: amzn2023 packages")
        return "al2023"
    if b".amzn2." in pkglist:
        evidence.append("system/pkglist.txt: amzn2 packages")
        return "al2"
    if "kubelet/config.json" in paths:
        evidence.append("kubelet/config.json (nodeadm)")
        return "al2023"
    if "var_log/messages" in paths:
        evidence.append("var_log/messages (rsyslog)")
        return "al2"
    return "unknown"
