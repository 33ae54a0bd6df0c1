"""The five design-card signatures fire in every layout generation where they can appear, with the right
count and first/last time, and duplicated sources (flat + per-pod container logs, journal + messages)
count once."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bundlekit import Entry, tar_bytes

from triage.engine import analyze
from triage.model import Finding

CAPTURE = datetime(2024, 5, 1, 12, 55, tzinfo=UTC)
T0 = datetime(2024, 5, 1, 12, 30, 11, tzinfo=UTC)
CID = "3f9c" + "a" * 60
POD_DIR = "var_log/kube-system_aws-node-7xk2p_0d9e1c2b-5f3a-4c1e-9d7b-2a6f8e4c1b3d/aws-node"
FLAT = f"var_log/aws-node-7xk2p_kube-system_aws-node-{CID}.log"


def epoch(t: datetime) -> int:
    return calendar.timegm(t.utctimetuple())


def j(t: datetime, host: str = "ip-10-0-1-23.us-west-2.compute.internal") -> str:
    return f"{t:%b %d %H:%M:%S} {host}"


def syslog(t: datetime) -> str:
    return f"{t:%b} {t.day:2d} {t:%H:%M:%S} ip-10-0-1-23"


def klog(level: str, t: datetime, where: str, msg: str) -> str:
    return f"{level}{t:%m%d %H:%M:%S}.{t.microsecond:06d}    3456 {where}] {msg}"


def cri(t: datetime, payload: str, stream: str = "stdout") -> str:
    return f"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}123Z {stream} F {payload}"


def docker(t: datetime, payload: str) -> str:
    quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
    return f'{{"log":"{quoted}\\n","stream":"stdout","time":"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}123Z"}}'


def retrying(t: datetime) -> str:
    return (f'{{"level":"info","ts":"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond // 1000:03d}Z","caller":"entrypoint.sh",'
            f'"msg":"Retrying waiting for IPAM-D"}}')


def qps(t: datetime) -> str:
    return klog("E", t, "pod_workers.go:1298", '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for '
                '\\"app\\" with ErrImagePull: \\"pull QPS exceeded\\"" pod="default/web-5d8f7"')


def serving(t: datetime) -> str:
    return klog("I", t, "log.go:245", "http: TLS handshake error from 10.0.2.15:45274: no serving certificate "
                "available for the kubelet")


def refused_plugin(t: datetime) -> str:
    return (f'{{"level":"error","ts":"{t:%Y-%m-%dT%H:%M:%S}.{t.microsecond // 1000:03d}Z","caller":"routed-eni-cni-'
            'plugin/cni.go:283","msg":"Error received from AddNetwork grpc call for containerID 8b50ab: rpc error: '
            'code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial tcp '
            '127.0.0.1:50051: connect: connection refused\\""}')


def lines(*items: str) -> bytes:
    return "".join(f"{x}\n" for x in items).encode()


def every(start: datetime, n: int, step: float) -> list[datetime]:
    return [start + timedelta(seconds=step * i) for i in range(n)]


RETRY_TIMES = every(T0, 40, 2.0)  # 80 s of "Retrying waiting for IPAM-D"
QPS_TIMES = every(T0 + timedelta(minutes=2), 6, 0.5)
SERVING_TIMES = every(T0 + timedelta(minutes=1), 30, 15.0)  # a 7-minute stream after the boot window
PLUGIN_TIMES = every(T0 + timedelta(seconds=30), 25, 30.0)  # 12 minutes of refused ADDs: persistent
BOOT = T0 - timedelta(minutes=10)
IO = "PID Name Block IO Delay (centisconds)\n3012 (containerd) 48812\n2988 (kubelet) 12456\n4410 (aws-k8s-agent) 311\n"


def common(boot: datetime) -> list[Entry]:
    return [
        Entry("./system/script-params.txt", b"ignore_introspection: false\nignore_metrics: false\n", mtime=epoch(CAPTURE)),
        Entry("./system/procstat.txt", f"cpu  1 2 3\nbtime {epoch(boot)}\n".encode(), mtime=epoch(CAPTURE)),
    ]


def kubelet_lines(prefix: str) -> list[str]:
    events = sorted([*((t, qps(t)) for t in QPS_TIMES), *((t, serving(t)) for t in SERVING_TIMES)])
    return [f"{j(t) if prefix == 'journal' else syslog(t)} kubelet{'[3456]' if prefix == 'journal' else ''}: {k}"
            for t, k in events]


def al2_bundle() -> list[Entry]:
    aws_node = lines(*(cri(t, retrying(t)) for t in RETRY_TIMES))
    return [
        *common(BOOT),
        Entry("./kernel/uname.txt", b"Linux ip-10-0-1-23 5.10.215-203.850.amzn2.x86_64 #1 SMP x86_64 GNU/Linux\n"),
        Entry("./system/io_throttling.txt", IO.encode()),
        Entry("./kubelet/kubelet.log", lines(
            "-- Logs begin at Tue 2024-04-30 08:12:01 UTC, end at Wed 2024-05-01 12:54:50 UTC. --",
            *kubelet_lines("journal"))),
        Entry("./var_log/messages", lines(*kubelet_lines("syslog"))),
        Entry(f"./{FLAT}", aws_node),
        Entry(f"./{POD_DIR}/0.log", aws_node),
        Entry("./var_log/aws-routed-eni/plugin.log", lines(*(refused_plugin(t) for t in PLUGIN_TIMES))),
    ]


def al2023_bundle() -> list[Entry]:
    return [
        *common(BOOT),
        Entry("./kernel/uname.txt", b"Linux ip-10-0-1-23 6.1.84-99.169.amzn2023.x86_64 #1 SMP x86_64 GNU/Linux\n"),
        Entry("./system/io_throttling.txt", IO.encode()),
        Entry("./sysctls/sysctl_all.txt", b"kernel.task_delayacct = 1\n"),
        Entry("./kubelet/kubelet.log", lines(*kubelet_lines("journal"))),
        Entry(f"./{FLAT}", lines(*(cri(t, retrying(t)) for t in RETRY_TIMES))),
        Entry(f"./{POD_DIR}/0.log", lines(*(cri(t, retrying(t)) for t in RETRY_TIMES[:10]))),
        Entry(f"./{POD_DIR}/1.log", lines(*(cri(t, retrying(t)) for t in RETRY_TIMES[10:]))),
        Entry("./var_log/aws-routed-eni/plugin.log", lines(*(refused_plugin(t) for t in PLUGIN_TIMES))),
    ]


def legacy06_bundle() -> list[Entry]:
    """0.6.2 (2020): dockershim, docker json-file container logs, no io_throttling.txt, VPC CNI 1.7 (silent wait)."""
    checking = '{"level":"info","ts":"2024-05-01T12:30:11.503Z","caller":"entrypoint.sh","msg":"Checking for IPAM connectivity ... "}'
    return [
        Entry("./system/script-params.txt", b"ignore_introspection: false\nignore_metrics: false\n", mtime=epoch(CAPTURE)),
        Entry("./kernel/uname.txt", b"Linux ip-10-0-1-23 4.14.193-149.317.amzn2.x86_64 #1 SMP x86_64 GNU/Linux\n"),
        Entry("./kubelet/kubelet.log", lines(*kubelet_lines("journal"))),
        Entry("./var_log/kube-system_aws-node-7xk2p_0d9e/aws-node/0.log", lines(docker(T0, checking))),
        Entry("./var_log/aws-routed-eni/plugin.log", lines(*(refused_plugin(t) for t in PLUGIN_TIMES))),
    ]


def run(tmp_path: Path, entries: list[Entry]) -> dict[str, Finding]:
    path = tmp_path / "eks_i-0a1b2c3d4e5f67890_2024-05-01_1240-UTC_0.7.9.tar.gz"
    path.write_bytes(tar_bytes(entries))
    return {f.signature_id: f for f in analyze(str(path)).findings}


def span(f: Finding) -> tuple[int, datetime | None, datetime | None]:
    return f.count, f.first_ts, f.last_ts


def ms(t: datetime) -> datetime:
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


@pytest.mark.parametrize("build", [al2_bundle, al2023_bundle], ids=["al2", "al2023"])
def test_current_layouts(tmp_path: Path, build: object) -> None:
    found = run(tmp_path, build())  # type: ignore[operator]
    assert span(found["ipamd_not_starting"]) == (40, RETRY_TIMES[0], RETRY_TIMES[-1])
    assert span(found["image_pull_qps_exceeded"]) == (6, QPS_TIMES[0], QPS_TIMES[-1])
    assert span(found["kubelet_serving_cert_not_approved"]) == (30, SERVING_TIMES[0], SERVING_TIMES[-1])
    assert span(found["cni_plugin_cannot_reach_ipamd"]) == (25, ms(PLUGIN_TIMES[0]), ms(PLUGIN_TIMES[-1]))
    io = found["ebs_io_throttling"]
    assert (io.count, io.first_ts, [(e.member, e.line, e.text) for e in io.evidence]) == (1, None, [
        ("system/io_throttling.txt", 4, "io.aws_k8s_agent = 311"),
        ("system/io_throttling.txt", 2, "io.containerd = 48812"),
        ("system/io_throttling.txt", 3, "io.kubelet = 12456"),
    ])


def test_legacy_06_layout(tmp_path: Path) -> None:
    found = run(tmp_path, legacy06_bundle())
    stuck = found["ipamd_not_starting"]
    assert span(stuck) == (1, T0, T0)  # the docker json-file time of the "Checking ..." line
    assert [(e.member, e.line, e.pattern) for e in stuck.evidence] == [
        ("var_log/kube-system_aws-node-7xk2p_0d9e/aws-node/0.log", 1, "checking")]
    assert span(found["image_pull_qps_exceeded"]) == (6, QPS_TIMES[0], QPS_TIMES[-1])
    assert span(found["kubelet_serving_cert_not_approved"]) == (30, SERVING_TIMES[0], SERVING_TIMES[-1])
    assert span(found["cni_plugin_cannot_reach_ipamd"]) == (25, ms(PLUGIN_TIMES[0]), ms(PLUGIN_TIMES[-1]))
    assert "ebs_io_throttling" not in found
