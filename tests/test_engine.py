"""analyze(): layout detection, coverage statuses, duplicate container logs, identity."""

from __future__ import annotations

import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundlekit import Entry, minimal_members, tar_bytes

from triage.engine import analyze
from triage.formats.base import TimeQuality
from triage.model import Coverage, Layout, MemberSummary

CID = "3f9c" + "0" * 60


def bundle(tmp_path: Path, entries: list[Entry], name: str = "b.tar.gz", **kw: object) -> str:
    path = tmp_path / name
    path.write_bytes(tar_bytes(entries, **kw))  # type: ignore[arg-type]
    return str(path)


def without(entries: list[Entry], *names: str) -> list[Entry]:
    return [e for e in entries if e.name not in names]


def coverage(result_path: str) -> dict[str, Coverage]:
    return {c.source: c for c in analyze(result_path).coverage}


def test_layout_al2023_collector(tmp_path: Path) -> None:
    layout = analyze(bundle(tmp_path, minimal_members())).bundle.layout
    assert layout == Layout("eks-log-collector", "0.7+", "al2023", "tar.gz", True, None,
                            ("uname: amzn2023 kernel",))


def test_layout_node_monitoring_agent_without_prefix_or_directories(tmp_path: Path) -> None:
    entries = [Entry(e.name[2:], e.data) for e in minimal_members() if "script-params" not in e.name]
    entries.append(Entry("system/pressure_cpu.txt", b"some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n"))
    path = bundle(tmp_path, entries, "ip-10-0-1-23.us-west-2.compute.internal-logs.tar.gz", dirs=())
    result = analyze(path)
    assert result.bundle.layout == Layout("node-monitoring-agent", "agent", "al2023", "tar.gz", False, None, (
        "node monitoring agent sources: pressure", "uname: amzn2023 kernel"))
    assert result.bundle.node_name == "ip-10-0-1-23.us-west-2.compute.internal"
    assert "script_params" not in {c.source for c in result.coverage}


def test_layout_old_collectors(tmp_path: Path) -> None:
    old05 = [Entry("./system/script-params.txt", b"mode: collect\nignore_introspection: false\n"),
             Entry("./kubelet/kubeproxy.log", b"-- No entries --\n"), Entry("./ipamd/enis.txt", b"{}"),
             Entry("./var_log/messages", b"Aug 20 15:00:00 ip-10-0-1-23 kernel: x\n")]
    assert analyze(bundle(tmp_path, old05)).bundle.layout == Layout(
        "eks-log-collector", "0.5", "al2", "tar.gz", True, None,
        ("collector 0.5.x: kubeproxy_journal, ipamd_legacy_text", "messages (rsyslog) or AL2 kubelet config"))
    old06 = [Entry("./system/script-params.txt", b"ignore_introspection: false\n"),
             Entry("./kernel/uname.txt", b"Linux ip-10-0-1-23 4.14.193-149.317.amzn2.x86_64 #1 SMP x86_64\n")]
    assert analyze(bundle(tmp_path, old06, "c.tar.gz")).bundle.layout.era == "0.6"


def test_wrapper_directory_is_stripped(tmp_path: Path) -> None:
    entries = [Entry("./eks_i-0abc_2024-05-01_1220-UTC_0.7.9/" + e.name[2:], e.data) for e in minimal_members()]
    result = analyze(bundle(tmp_path, entries, dirs=()))
    assert result.bundle.layout.wrapper == "eks_i-0abc_2024-05-01_1220-UTC_0.7.9"
    assert {s.name for s in result.sources} == {"kubelet_journal", "dmesg", "uname", "script_params", "procstat"}


def test_coverage_statuses(tmp_path: Path) -> None:
    stale = "Apr 29 08:00:00 ip-10-0-1-23 containerd[2811]: time=\"2024-04-29T08:00:00Z\" level=info msg=\"x\"\n"
    entries = [*minimal_members(),
               Entry("./var_log/aws-routed-eni/ipamd.log", b""),
               Entry("./docker/docker.log", b"-- No entries --\n"),
               Entry("./containerd/containerd-log.txt", stale.encode()),
               Entry("./var_log/messages", b"ay  1 12:00:00 cut\n" + b"x" * (10485760 - 19))]
    got = coverage(bundle(tmp_path, entries))
    assert got["ipamd_log"] == Coverage("ipamd_log", "empty",
                                        "var_log/aws-routed-eni/ipamd.log: 0 bytes (the command failed or printed nothing)")
    assert got["docker_journal"] == Coverage("docker_journal", "no_entries", "docker/docker.log: -- No entries --")
    assert got["containerd_journal"] == Coverage(
        "containerd_journal", "timed_out", "last entry 2d 4h20m before capture: possibly cut, journalctl may have "
        "been killed at 75 s (newest entries lost), or the unit stopped logging")
    assert got["messages"] == Coverage("messages", "truncated_front", "var_log/messages: exactly 10485760 bytes, the "
                                       "collector's tail limit: older lines are gone")
    assert got["cni_plugin_log"] == Coverage("cni_plugin_log", "missing", "expected on al2023 bundles, not in this one")
    assert got["kubelet_journal"] == Coverage("kubelet_journal", "present", "1 lines in 1 file(s)")


def test_flat_container_copy_is_a_duplicate_of_the_per_pod_one(tmp_path: Path) -> None:
    log = (b'2024-05-01T12:00:00.1Z stdout F {"level":"info","ts":"2024-05-01T12:00:00.099Z",'
           b'"caller":"entrypoint.sh","msg":"Retrying waiting for IPAM-D"}\n') * 3
    entries = [*minimal_members(),
               Entry(f"./var_log/aws-node-7xk2p_kube-system_aws-node-{CID}.log", log),
               Entry("./var_log/kube-system_aws-node-7xk2p_0d9e1c2b/aws-node/0.log", log),
               Entry("./var_log/kube-system_aws-node-7xk2p_0d9e1c2b/aws-node/1.log", log[: len(log) // 3])]
    source = next(s for s in analyze(bundle(tmp_path, entries)).sources if s.name == "aws_node_container")
    ts = datetime(2024, 5, 1, 12, 0, 0, 100000, tzinfo=UTC)
    assert source.lines == 4
    assert source.members == (
        MemberSummary("var_log/aws-node-7xk2p_kube-system_aws-node-" + CID + ".log", len(log), 3, ts, ts,
                      TimeQuality.EXACT, "var_log/kube-system_aws-node-7xk2p_0d9e1c2b/aws-node/"),
        MemberSummary("var_log/kube-system_aws-node-7xk2p_0d9e1c2b/aws-node/0.log", len(log), 3, ts, ts,
                      TimeQuality.EXACT),
        MemberSummary("var_log/kube-system_aws-node-7xk2p_0d9e1c2b/aws-node/1.log", len(log) // 3, 1, ts, ts,
                      TimeQuality.EXACT),
    )


def test_instance_id_from_file_when_name_has_none(tmp_path: Path) -> None:
    entries = [*minimal_members(), Entry("./system/instance-id.txt", b"i-0a1b2c3d4e5f67890\n")]
    info = analyze(bundle(tmp_path, entries, "eks__2020-10-07_1411-UTC_0.6.2.tar.gz")).bundle
    assert (info.instance_id, info.instance_id_from, info.collector_version) == (
        "i-0a1b2c3d4e5f67890", "system/instance-id.txt", "0.6.2")


@pytest.mark.parametrize("link", [tarfile.SYMTYPE, tarfile.LNKTYPE])
def test_links_are_listed_not_followed(tmp_path: Path, link: bytes) -> None:
    entries = [*minimal_members(), Entry("./var_log/kube-proxy.log", kind=link, linkname="/etc/shadow")]
    result = analyze(bundle(tmp_path, entries))
    assert "kube_proxy_log" not in {s.name for s in result.sources}
    assert result.warnings[0].member == "var_log/kube-proxy.log"

