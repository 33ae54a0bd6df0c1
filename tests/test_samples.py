"""The committed sample bundles: reproducible, valid archives, and shaped like the layouts they claim.

``sample_bundles/generate.py`` writes them; its README says what each one holds.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tarfile
import zipfile
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_bundles"
GENERATOR = SAMPLES / "generate.py"

HEALTHY = "eks_i-0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.tar.gz"
ZIP = "eks_i-0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.zip"
RACE = "eks_i-04c3e2d1a9b8f7061_2022-12-14_1027-UTC_0.7.3.tar.gz"
SCALE_UP = "eks_i-07d9e8f6a5b4c3d21_2026-08-21_1542-UTC_0.7.9.tar.gz"
SERVING = "eks_i-0f1e2d3c4b5a69788_2026-01-02_0040-UTC_0.7.9.tar.gz"
SNAT_BEFORE = "eks_i-0c8b7a6d5e4f3a291_2026-05-04_1320-UTC_0.7.9.tar.gz"
SNAT_AFTER = "eks_i-0c8b7a6d5e4f3a291_2026-05-06_1605-UTC_0.7.9.tar.gz"
SKEW_BEFORE = "eks_i-0aa11bb22cc33dd44_2024-04-09_1103-UTC_0.7.6.tar.gz"
SKEW_AFTER = "eks_i-0ee55ff66aa77bb88_2025-02-18_0945-UTC_0.7.8.tar.gz"
CALICO = "eks_i-0b3c4d5e6f7a8b9c0_2026-07-08_1455-UTC_0.7.9.tar.gz"
USERDATA = "eks_i-0d4c3b2a1f0e9d8c7_2024-11-20_1410-UTC_0.7.8.tar.gz"
MAX_PODS = "eks_i-0c2d4e6f8a0b1c3d5_2026-09-02_1033-UTC_0.7.9.tar.gz"
LEGACY_06_FILE = "eks__2020-10-07_1411-UTC_0.6.2.tar.gz"
LEGACY_05_FILE = "eks_i-0e1d2c3b4a5968778_2019-08-20_1530-UTC_0.5.1.tar.gz"
NMA_FILE = "ip-10-0-1-23.us-west-2.compute.internal-logs.tar.gz"
NON_UTC = "eks_i-0e9d8c7b6a5f4e3d2_2025-12-03_1527-UTC_0.7.9.tar.gz"

AL2023 = [HEALTHY, SCALE_UP, SERVING, SNAT_BEFORE, SNAT_AFTER, CALICO, MAX_PODS]
AL2 = [RACE, SKEW_BEFORE, SKEW_AFTER, USERDATA, LEGACY_06_FILE, LEGACY_05_FILE, NON_UTC]
COLLECTOR = AL2023 + AL2
ALL = [*COLLECTOR, ZIP, NMA_FILE]

#: marker directories made by ``create_directories`` in each collector version (bundle-layout.md §4)
MARKERS = {
    "0.5.1": "kernel system docker storage var_log networking ipamd sysctls kubelet cni",
    "0.6.2": "kernel system docker storage var_log networking ipamd sysctls kubelet cni",
    "0.7.3": "kernel system docker containerd storage var_log networking sandbox-image ipamd sysctls kubelet cni",
    "0.7.6": "kernel modinfo system docker containerd storage var_log networking sandbox-image ipamd sysctls kubelet "
    "nodeadm cni",
    "0.7.8": "kernel modinfo system docker containerd storage var_log networking sandbox-image ipamd sysctls kubelet "
    "nodeadm cni gpu",
    "0.7.9": "kernel modinfo system docker containerd storage var_log networking sandbox-image ipamd sysctls kubelet "
    "nodeadm cni gpu",
}

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
POD = "bcdfghjklmnpqrstvwxz2456789"


def normalize(name: str) -> str:
    """Replace the random-looking parts of a member name (container ids, pod UIDs and suffixes, pids)."""
    name = re.sub(r"[0-9a-f]{64}", "<cid>", name)
    name = UUID.sub("<uid>", name)
    name = re.sub(rf"-[{POD}]{{10}}-[{POD}]{{5}}(?=[_/])", "-<rs>-<x>", name)
    name = re.sub(rf"-[{POD}]{{5}}(?=[_/])", "-<x>", name)
    return re.sub(r"containerd\.\d+\.stacks", "containerd.<pid>.stacks", name)


@cache
def members(file: str) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(SAMPLES / file) as tar:
        return {m.name: m for m in tar.getmembers()}


@cache
def read(file: str, name: str) -> bytes:
    with tarfile.open(SAMPLES / file) as tar:
        f = tar.extractfile(("./" if file != NMA_FILE else "") + name)
        assert f is not None
        return f.read()


def text(file: str, name: str) -> str:
    return read(file, name).decode("utf-8", "replace")


def capture(file: str) -> datetime:
    m = re.search(r"_(\d{4}-\d\d-\d\d_\d{4})-UTC_", file)
    assert m
    return datetime.strptime(m.group(1), "%Y-%m-%d_%H%M").replace(tzinfo=UTC)


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_generate", GENERATOR)
    assert spec
    assert spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["sample_generate"] = mod
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- reproducibility


def test_generate_check_passes() -> None:
    proc = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_generation_is_deterministic() -> None:
    gen = load_generator()
    one = gen.collector_sample(gen.scenario_legacy05)()[0].data
    two = gen.collector_sample(gen.scenario_legacy05)()[0].data
    assert one == two
    assert one[4:8] == b"\0\0\0\0"  # gzip header mtime 0


def test_committed_samples_are_exactly_the_expected_ones() -> None:
    present = {p.name for p in SAMPLES.iterdir() if p.name.endswith((".tar.gz", ".zip"))}
    assert present == set(ALL)


# --------------------------------------------------------------------------- archives


@pytest.mark.parametrize("file", ALL)
def test_size_under_one_megabyte(file: str) -> None:
    assert (SAMPLES / file).stat().st_size < 1_000_000


@pytest.mark.parametrize("file", [*COLLECTOR, NMA_FILE])
def test_valid_gzip_tar(file: str) -> None:
    assert (SAMPLES / file).read_bytes()[:2] == b"\x1f\x8b"
    with tarfile.open(SAMPLES / file, mode="r:gz") as tar:
        for m in tar:
            assert m.isdir() or m.isfile()
            assert (m.uid, m.gid) == (0, 0)
            if m.isfile():
                f = tar.extractfile(m)
                assert f is not None
                assert len(f.read()) == m.size


@pytest.mark.parametrize("file", COLLECTOR)
def test_collector_member_names_and_marker_dirs(file: str) -> None:
    ms = list(members(file).values())
    assert ms[0].name == "."
    assert ms[0].isdir()
    assert all(m.name.startswith("./") for m in ms[1:])
    assert all(m.uname == "root" and m.gname == "root" for m in ms)
    version = file.rsplit("_", 1)[1].removesuffix(".tar.gz")
    dirs = {m.name for m in ms if m.isdir()}
    for d in MARKERS[version].split():
        assert f"./{d}" in dirs, d
    top = [m.name for m in ms if m.name.count("/") == 1 and m.isdir()]
    assert top == [f"./{d}" for d in MARKERS[version].split()]  # tar walks dirs in creation order
    assert (SAMPLES / file).read_bytes()[9] == 3  # gzip OS byte: Unix, as GNU gzip writes


@pytest.mark.parametrize("file", COLLECTOR)
def test_collector_mtimes_span_one_run_from_the_name_minute(file: str) -> None:
    times = [m.mtime for m in members(file).values()]
    start, end = min(times), max(times)
    name = capture(file).timestamp()
    assert 15 <= end - start <= 240
    if file == LEGACY_05_FILE:  # before 2020-06-05 the name was taken while packing
        assert start < name <= end + 60
    else:
        assert name <= start < name + 60


@pytest.mark.parametrize("file", AL2023)
def test_al2023_layout(file: str) -> None:
    names = set(members(file))
    assert "./nodeadm/nodeadm-config.log" in names
    assert "./kubelet/config.json" in names
    assert "./kubelet/svc.log" in names
    for absent in ("./var_log/messages", "./kernel/dmesg.boot", "./kubelet/kubeconfig.yaml",
                   "./networking/curl_api_server.txt", "./networking/ifconfig.txt"):
        assert absent not in names
    assert text(file, "system/netstat.txt") == (
        "timeout: failed to run command 'netstat': No such file or directory\n")
    assert text(file, "docker/docker.log") == "-- No entries --\n"
    assert text(file, "sandbox-image/sandbox-image-log.txt") == "-- No entries --\n"
    assert not text(file, "kubelet/kubelet.log").startswith("-- Logs begin")
    assert "amzn2023" in text(file, "kernel/uname.txt")


@pytest.mark.parametrize("file", AL2)
def test_al2_layout(file: str) -> None:
    names = set(members(file))
    assert "./var_log/messages" in names
    assert "./kernel/dmesg.boot" in names
    assert "./kubelet/kubeconfig.yaml" in names
    assert "./kubelet/config.json" not in names
    assert "./kubelet/svc.log" not in names
    assert text(file, "kubelet/kubelet.log").startswith("-- Logs begin at ")
    assert ".amzn2." in text(file, "kernel/uname.txt")


def expected(block: str, prefix: str = "") -> set[str]:
    return {prefix + line for line in block.split() if line}


def normalized(file: str) -> set[str]:
    return {normalize(n) for n in members(file)}


@pytest.mark.parametrize(("file", "block"), [
    (HEALTHY, "HEALTHY_NAMES"), (RACE, "RACE_NAMES"), (LEGACY_05_FILE, "LEGACY_05_NAMES"),
    (LEGACY_06_FILE, "LEGACY_06_NAMES"), (NMA_FILE, "NMA_NAMES"),
])
def test_exact_member_names(file: str, block: str) -> None:
    assert normalized(file) == expected(globals()[block])


def test_node_monitoring_agent_archive() -> None:
    ms = list(members(NMA_FILE).values())
    names = [m.name for m in ms]
    assert not any(n.startswith("./") for n in names)
    assert not any(m.isdir() for m in ms)
    assert names == sorted(names)  # filepath.Walk order
    assert (SAMPLES / NMA_FILE).read_bytes()[9] == 255  # Go compress/gzip leaves the OS byte unknown
    log = text(NMA_FILE, "kubelet/kubelet.log")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00 ip-10-0-1-23\.us-west-2\.compute\.internal ", log)
    assert "sending GET request to https://" in text(NMA_FILE, "networking/get_api_server.txt")
    assert text(NMA_FILE, "system/pressure_io.txt").startswith("some avg10=")


def test_wrapped_zip_holds_the_healthy_bundle_under_one_directory() -> None:
    wrapper = ZIP.removesuffix(".zip")
    with zipfile.ZipFile(SAMPLES / ZIP) as zf:
        assert zf.testzip() is None
        names = {n.rstrip("/") for n in zf.namelist()}
        tar_names = {n.removeprefix("./").removeprefix(".") for n in members(HEALTHY)}
        assert names == {f"{wrapper}/{n}" if n else wrapper for n in tar_names}
        assert zf.read(f"{wrapper}/kubelet/kubelet.log") == read(HEALTHY, "kubelet/kubelet.log")


# --------------------------------------------------------------------------- content the layouts promise


def journal_times(file: str, name: str) -> list[datetime]:
    cap = capture(file)
    out = []
    for line in text(file, name).splitlines():
        m = re.match(r"([A-Z][a-z]{2}) (\d\d) (\d\d:\d\d:\d\d) ", line)
        if m:
            t = datetime.strptime(f"{cap.year} {m.group(1)} {m.group(2)} {m.group(3)}", "%Y %b %d %H:%M:%S")
            t = t.replace(tzinfo=UTC)
            if t > cap + timedelta(days=1):
                t = t.replace(year=cap.year - 1)
            out.append(t)
    return out


def test_healthy_journals_inside_the_ten_day_window() -> None:
    cap = capture(HEALTHY)
    for name in ("kubelet/kubelet.log", "containerd/containerd-log.txt"):
        ts = journal_times(HEALTHY, name)
        assert ts, name
        assert cap - timedelta(days=10) <= min(ts) <= max(ts) <= cap + timedelta(minutes=2)


def test_healthy_boot_transients_and_versions() -> None:
    kubelet = text(HEALTHY, "kubelet/kubelet.log")
    assert '"Kubelet version" kubeletVersion="v1.33.' in kubelet
    assert kubelet.count("cni plugin not initialized") in range(2, 5)
    assert kubelet.count('"Unable to register node with API server"') == 1
    aws_node = next(n for n in members(HEALTHY) if re.search(r"aws-node_kube-system|/aws-node/0\.log$", n))
    log = text(HEALTHY, aws_node.removeprefix("./"))
    assert log.index("Checking for IPAM connectivity") < log.index("Copying config file") < log.index(
        "Successfully copied CNI plugin binary and config file.")
    assert '"maxPods": 29' in text(HEALTHY, "kubelet/config.json")
    assert "DMI: Amazon EC2 m5.large/, BIOS 1.0 10/16/2017" in text(HEALTHY, "kernel/dmesg.current")


def test_healthy_boot_time_anchors_agree() -> None:
    btime = int(re.search(r"^btime (\d+)$", text(HEALTHY, "system/procstat.txt"), re.M).group(1))  # type: ignore[union-attr]
    first = text(HEALTHY, "kernel/dmesg.human.current").splitlines()[0]
    boot = datetime.strptime(first[1:25], "%a %b %d %H:%M:%S %Y").replace(tzinfo=UTC)
    assert int(boot.timestamp()) == btime
    assert text(HEALTHY, "kernel/dmesg.current").startswith("[    0.000000] ")
    assert "PID Name Block IO Delay (centisconds)" in text(HEALTHY, "system/io_throttling.txt")


def test_healthy_has_the_awkward_lines() -> None:
    cri = b"".join(read(HEALTHY, n.removeprefix("./")) for n in members(HEALTHY)
                   if "aws-eks-nodeagent" in n and n.endswith(".log"))
    assert re.search(rb"^\S+Z stdout P ", cri, re.M)
    assert max(len(x) for x in read(HEALTHY, "system/ps.txt").splitlines()) > 64 * 1024
    ctrd = text(HEALTHY, "containerd/containerd-log.txt").splitlines()
    assert "=== BEGIN goroutine stack dump ===\\n" in ctrd[-2]
    assert "goroutine stack dump written to /tmp/containerd." in ctrd[-1]
    assert "# Generated by iptables-save v1.8.8 (nf_tables) on " in text(HEALTHY, "networking/iptables-save.txt")
    assert "# TYPE awscni_assigned_ip_addresses gauge" in text(HEALTHY, "ipamd/metrics.json")
    assert text(HEALTHY, "cni/cni-configuration-variables-containerd.json").lstrip().startswith("{")


def test_race_sample_story() -> None:
    names = set(members(RACE))
    assert "./cni/10-aws.conflist" not in names
    assert read(RACE, "ipamd/enis.json") == b""
    assert read(RACE, "networking/ping_amazon.com.txt") == b""
    assert "./var_log/kube-system_aws-node-" in " ".join(names)
    aws_node = "".join(text(RACE, n.removeprefix("./")) for n in names if re.search(r"/aws-node/\d+\.log$", n))
    assert '"caller":"entrypoint.sh","msg":"Retrying waiting for IPAM-D"' in aws_node
    assert 'Unable to reach API Server, Get \\"https://172.20.0.1:443/version?timeout=5s\\": ' in text(
        RACE, "var_log/aws-routed-eni/ipamd.log")
    assert "RequestLimitExceeded: Request limit exceeded.\\n\\tstatus code: 503" in text(
        RACE, "var_log/aws-routed-eni/ipamd.log")
    refused = "dial tcp 127.0.0.1:50051: connect: connection refused"
    for name in ("var_log/aws-routed-eni/plugin.log", "kubelet/kubelet.log", "containerd/containerd-log.txt"):
        assert refused in text(RACE, name), name
    kubelet = text(RACE, "kubelet/kubelet.log")
    assert '\\"pull QPS exceeded\\"' in kubelet
    assert "no serving certificate available for the kubelet" in kubelet
    rows = text(RACE, "system/io_throttling.txt").splitlines()[1:]
    values = {r.split()[1]: int(r.split()[2]) for r in rows}
    assert values["(kubelet)"] > 10_000
    assert values["(containerd)"] > 10_000
    assert not any(r.endswith("0") for r in rows)  # 0.7.3 dropped every value ending in 0
    assert b"\xe9" in read(RACE, "var_log/messages")  # a Latin-1 byte, as real logs have
    kp = "".join(text(RACE, n.removeprefix("./")) for n in names if re.search(r"/kube-proxy-\w+_kube-system_kube-proxy-", n))
    assert '"Failed to execute iptables-restore"' in kp


def test_scale_up_sample_story() -> None:
    assert "kernel.task_delayacct = 1" in text(SCALE_UP, "sysctls/sysctl_all.txt")
    assert "api error RequestLimitExceeded: Request limit exceeded." in text(
        SCALE_UP, "var_log/aws-routed-eni/ipamd.log")
    assert text(SCALE_UP, "kubelet/kubelet.log").count("pull QPS exceeded") >= 10
    assert len(text(SCALE_UP, "system/io_throttling.txt").splitlines()) > 3


def test_serving_cert_sample_story() -> None:
    kubelet = text(SERVING, "kubelet/kubelet.log")
    assert kubelet.count("no serving certificate available for the kubelet") > 1000
    assert re.search(r"^Dec 3\d ", kubelet, re.M)
    assert re.search(r"^Jan 0[12] ", kubelet, re.M)
    assert '"serverTLSBootstrap": true' in text(SERVING, "kubelet/config.json")
    assert " eks-worker-prod-03 kubelet[" in kubelet


def test_snat_pair() -> None:
    assert "AWS-SNAT-CHAIN-0" not in text(SNAT_BEFORE, "networking/iptables-save.txt")
    assert '"AWS_VPC_K8S_CNI_EXTERNALSNAT":true' in text(SNAT_BEFORE, "ipamd/networkutils-env-settings.json")
    assert "-j AWS-SNAT-CHAIN-0" in text(SNAT_AFTER, "networking/iptables-save.txt")
    assert '"AWS_VPC_K8S_CNI_EXTERNALSNAT":false' in text(SNAT_AFTER, "ipamd/networkutils-env-settings.json")
    assert "AWS_VPC_K8S_CNI_EXTERNALSNAT=false" in text(SNAT_AFTER, "cni/cni-configuration-variables-containerd.json")


def test_addon_skew_pair() -> None:
    for file in (SKEW_BEFORE, SKEW_AFTER):
        assert "eks/kube-proxy:v1.26.15-eksbuild.2" in text(file, "containerd/containerd-images.txt")
        assert 'version="v1.12.6-eksbuild.2"' in text(file, "ipamd/metrics.json")
    assert 'kubeletVersion="v1.26.' in text(SKEW_BEFORE, "kubelet/kubelet.log")
    assert 'kubeletVersion="v1.31.' in text(SKEW_AFTER, "kubelet/kubelet.log")


def test_calico_userdata_and_max_pods_stories() -> None:
    assert "./cni/10-calico.conflist" in members(CALICO)
    assert ":cali-FORWARD" in text(CALICO, "networking/iptables-save.txt")
    assert "KUBE-SERVICES" not in text(USERDATA, "networking/iptables-save.txt")
    assert "+ iptables -t nat -F" in text(USERDATA, "var_log/user-data.log")
    assert '"maxPods": 110' in text(MAX_PODS, "kubelet/config.json")
    assert "no available IP/Prefix addresses" in text(MAX_PODS, "var_log/aws-routed-eni/ipamd.log")


def test_legacy_samples() -> None:
    assert LEGACY_06_FILE.startswith("eks__")
    assert text(LEGACY_06_FILE, "system/instance-id.txt").strip().startswith("i-")
    assert '{"log":"' in text(LEGACY_06_FILE, next(
        n for n in members(LEGACY_06_FILE) if n.endswith("/kube-proxy/0.log")).removeprefix("./"))
    assert text(LEGACY_05_FILE, "system/script-params.txt").startswith("mode: collect\n")
    assert "[INFO]\tStarting L-IPAMD v1.5.0" in text(LEGACY_05_FILE, "var_log/aws-routed-eni/ipamd.log.2019-08-20-13")
    kubelet = text(LEGACY_05_FILE, "kubelet/kubelet.log")
    panic = kubelet.index("kubelet[")
    panic = kubelet.index(": panic: runtime error", panic)
    after = kubelet[panic:].splitlines()[1:4]
    assert all(line.startswith(" " * 20) for line in after)  # continuation lines: indented, no prefix
    assert re.search(r"^ {20,}goroutine \d+ \[running\]:$", kubelet, re.M)


def test_non_utc_node_keeps_local_stamps() -> None:
    assert "-- Logs begin at " in text(NON_UTC, "kubelet/kubelet.log")
    assert " EST, end at " in text(NON_UTC, "kubelet/kubelet.log")
    assert re.search(r'time="2025-\d\d-\d\dT[\d:.]+-05:00"', text(NON_UTC, "containerd/containerd-log.txt"))
    assert "on Wed Dec  3 10:2" in text(NON_UTC, "networking/iptables-save.txt")


# --------------------------------------------------------------------------- expected member names
# (normalized: <cid> container id, <uid> pod UID, <x>/<rs> pod name suffixes, <pid> process id)

HEALTHY_NAMES = """
.
./cni
./cni/10-aws.conflist
./cni/cni-configuration-variables-containerd.json
./containerd
./containerd/containerd-config.txt
./containerd/containerd-containers.txt
./containerd/containerd-images.txt
./containerd/containerd-log.txt
./containerd/containerd-namespaces.txt
./containerd/containerd-plugins.txt
./containerd/containerd-tasks.txt
./containerd/containerd-version.txt
./containerd/containerd.<pid>.stacks.log
./docker
./docker/docker.log
./gpu
./ipamd
./ipamd/eni-configs.json
./ipamd/enis.json
./ipamd/ipam.json
./ipamd/ipamd-env-settings.json
./ipamd/metrics.json
./ipamd/networkutils-env-settings.json
./ipamd/pods.json
./kernel
./kernel/dmesg.current
./kernel/dmesg.human.current
./kernel/uname.txt
./kubelet
./kubelet/config.json
./kubelet/config.json.d
./kubelet/config.json.d/40-nodeadm.conf
./kubelet/kubelet.log
./kubelet/kubelet_service.txt
./kubelet/svc.log
./modinfo
./modinfo/ip_vs
./modinfo/lustre
./networking
./networking/configure-multicard-interfaces.txt
./networking/conntrack.txt
./networking/conntrack6.txt
./networking/ebpf-data.txt
./networking/ethtool.txt
./networking/ip6route.txt
./networking/ip6rule.txt
./networking/ip6tables-filter.txt
./networking/ip6tables-mangle.txt
./networking/ip6tables-nat.txt
./networking/ip6tables-save.txt
./networking/ip6tables.txt
./networking/iproute.txt
./networking/iprule.txt
./networking/ipset.txt
./networking/iptables-filter.txt
./networking/iptables-mangle.txt
./networking/iptables-nat.txt
./networking/iptables-save.txt
./networking/iptables.txt
./networking/ipvsadm.txt
./networking/ping_amazon.com.txt
./networking/ping_public.ecr.aws.txt
./networking/resolv.conf
./networking/systemd-network
./networking/systemd-network/70-ens5.network
./networking/systemd-network/80-ec2.network
./networking/systemd-network/99-default.link
./nodeadm
./nodeadm/nodeadm-boot-hook.log
./nodeadm/nodeadm-config.log
./nodeadm/nodeadm-run.log
./sandbox-image
./sandbox-image/sandbox-image-log.txt
./storage
./storage/fstab.txt
./storage/inodes.txt
./storage/lsblk.txt
./storage/mounts.txt
./storage/pod_local_storage.txt
./storage/xfs.txt
./sysctls
./sysctls/sysctl_all.txt
./system
./system/allprocstat.txt
./system/availability-zone.txt
./system/cpu_throttling.txt
./system/instance-id.txt
./system/io_throttling.txt
./system/large_environments.txt
./system/last_reboot.txt
./system/netstat.txt
./system/pkglist.txt
./system/procstat.txt
./system/ps-threads.txt
./system/ps.txt
./system/region.txt
./system/script-params.txt
./system/selinux.txt
./system/services.txt
./system/systemd-analyze.svg
./system/top.txt
./var_log
./var_log/aws-node-<x>_kube-system_aws-eks-nodeagent-<cid>.log
./var_log/aws-node-<x>_kube-system_aws-node-<cid>.log
./var_log/aws-node-<x>_kube-system_aws-vpc-cni-init-<cid>.log
./var_log/aws-routed-eni
./var_log/aws-routed-eni/ebpf-sdk.log
./var_log/aws-routed-eni/ipamd.log
./var_log/aws-routed-eni/network-policy-agent.log
./var_log/aws-routed-eni/plugin.log
./var_log/cloud-init-output.log
./var_log/cloud-init.log
./var_log/coredns-<rs>-<x>_kube-system_coredns-<cid>.log
./var_log/eks-pod-identity-agent-<x>_kube-system_eks-pod-identity-agent-<cid>.log
./var_log/eks-pod-identity-agent-<x>_kube-system_eks-pod-identity-agent-init-<cid>.log
./var_log/kube-proxy-<x>_kube-system_kube-proxy-<cid>.log
./var_log/kube-system_aws-node-<x>_<uid>
./var_log/kube-system_aws-node-<x>_<uid>/aws-eks-nodeagent
./var_log/kube-system_aws-node-<x>_<uid>/aws-eks-nodeagent/0.log
./var_log/kube-system_aws-node-<x>_<uid>/aws-node
./var_log/kube-system_aws-node-<x>_<uid>/aws-node/0.log
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init/0.log
./var_log/kube-system_coredns-<rs>-<x>_<uid>
./var_log/kube-system_coredns-<rs>-<x>_<uid>/coredns
./var_log/kube-system_coredns-<rs>-<x>_<uid>/coredns/0.log
./var_log/kube-system_eks-pod-identity-agent-<x>_<uid>
./var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent
./var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent-init
./var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent-init/0.log
./var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent/0.log
./var_log/kube-system_kube-proxy-<x>_<uid>
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy/0.log
"""

RACE_NAMES = """
.
./cni
./cni/aws.conf
./containerd
./containerd/containerd-config.txt
./containerd/containerd-containers.txt
./containerd/containerd-images.txt
./containerd/containerd-log.txt
./containerd/containerd-namespaces.txt
./containerd/containerd-plugins.txt
./containerd/containerd-tasks.txt
./containerd/containerd-version.txt
./containerd/containerd.<pid>.stacks.log
./docker
./docker/docker.log
./ipamd
./ipamd/eni-configs.json
./ipamd/enis.json
./ipamd/ipamd-env-settings.json
./ipamd/metrics.json
./ipamd/networkutils-env-settings.json
./ipamd/pods.json
./kernel
./kernel/dmesg.boot
./kernel/dmesg.current
./kernel/dmesg.human.current
./kernel/uname.txt
./kubelet
./kubelet/kubeconfig.yaml
./kubelet/kubelet.log
./kubelet/kubelet_service.txt
./networking
./networking/configure-multicard-interfaces.txt
./networking/conntrack.txt
./networking/curl_api_server.txt
./networking/ifconfig.txt
./networking/iproute.txt
./networking/iprule.txt
./networking/iptables-filter.txt
./networking/iptables-mangle.txt
./networking/iptables-nat.txt
./networking/iptables-save.txt
./networking/iptables.txt
./networking/ping_amazon.com.txt
./networking/ping_public.ecr.aws.txt
./networking/resolv.conf
./sandbox-image
./sandbox-image/sandbox-image-log.txt
./storage
./storage/inodes.txt
./storage/lsblk.txt
./storage/lvs.txt
./storage/mounts.txt
./storage/pod_local_storage.txt
./storage/pvs.txt
./storage/vgs.txt
./storage/xfs.txt
./sysctls
./sysctls/sysctl_all.txt
./system
./system/allprocstat.txt
./system/availability-zone.txt
./system/cpu_throttling.txt
./system/instance-id.txt
./system/io_throttling.txt
./system/netstat.txt
./system/pkglist.txt
./system/procstat.txt
./system/ps-threads.txt
./system/ps.txt
./system/region.txt
./system/script-params.txt
./system/selinux.txt
./system/services.txt
./system/top.txt
./var_log
./var_log/aws-node-<x>_kube-system_aws-node-<cid>.log
./var_log/aws-node-<x>_kube-system_aws-vpc-cni-init-<cid>.log
./var_log/aws-routed-eni
./var_log/aws-routed-eni/ipamd.log
./var_log/aws-routed-eni/plugin.log
./var_log/cloud-init-output.log
./var_log/cloud-init.log
./var_log/kube-proxy-<x>_kube-system_kube-proxy-<cid>.log
./var_log/kube-system_aws-node-<x>_<uid>
./var_log/kube-system_aws-node-<x>_<uid>/aws-node
./var_log/kube-system_aws-node-<x>_<uid>/aws-node/5.log
./var_log/kube-system_aws-node-<x>_<uid>/aws-node/6.log
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init/0.log
./var_log/kube-system_kube-proxy-<x>_<uid>
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy/0.log
./var_log/messages
"""

NMA_NAMES = """
cni/10-aws.conflist
cni/cni-configuration-variables-containerd.json
containerd/containerd-config.txt
containerd/containerd-containers.txt
containerd/containerd-images.txt
containerd/containerd-log.txt
containerd/containerd-namespaces.txt
containerd/containerd-plugins.txt
containerd/containerd-tasks.txt
containerd/containerd-version.txt
ipamd/eni-configs.json
ipamd/enis.json
ipamd/ipam.json
ipamd/ipamd-env-settings.json
ipamd/metrics.json
ipamd/networkutils-env-settings.json
ipamd/pods.json
kernel/dmesg.current
kernel/dmesg.human.current
kernel/uname.txt
kubelet/config.json
kubelet/config.json.d/40-nodeadm.conf
kubelet/kubeconfig.yaml
kubelet/kubelet.log
kubelet/kubelet_service.txt
networking/configure-multicard-interfaces.txt
networking/conntrack.txt
networking/conntrack6.txt
networking/ethtool.txt
networking/get_api_server.txt
networking/ip6route.txt
networking/ip6rule.txt
networking/ip6tables-filter.txt
networking/ip6tables-mangle.txt
networking/ip6tables-nat.txt
networking/ip6tables-save.txt
networking/ip6tables.txt
networking/iproute.txt
networking/iprule.txt
networking/iptables-filter.txt
networking/iptables-mangle.txt
networking/iptables-nat.txt
networking/iptables-save.txt
networking/iptables.txt
networking/nftables-ip-filter.txt
networking/nftables-ip-mangle.txt
networking/nftables-ip-nat.txt
networking/nftables-ip6-filter.txt
networking/nftables-ip6-mangle.txt
networking/nftables-ip6-nat.txt
networking/ping_amazon.com.txt
networking/ping_public.ecr.aws.txt
networking/resolv.conf
networking/systemd-network/99-default.link
nodeadm/nodeadm-config.log
nodeadm/nodeadm-run.log
sandbox-image/sandbox-image-log.txt
storage/fstab.txt
storage/inodes.txt
storage/lsblk.txt
storage/mounts.txt
storage/pod_local_storage.txt
storage/xfs.txt
sysctls/sysctl_all.txt
system/allprocstat.txt
system/availability-zone.txt
system/cpu_throttling.txt
system/instance-id.txt
system/io_throttling.txt
system/last_reboot.txt
system/pkglist.txt
system/pressure_cpu.txt
system/pressure_io.txt
system/pressure_memory.txt
system/procstat.txt
system/ps-threads.txt
system/ps.txt
system/region.txt
system/services.txt
system/systemd-analyze.svg
system/top.txt
var_log/aws-routed-eni/ebpf-sdk.log
var_log/aws-routed-eni/ipamd.log
var_log/aws-routed-eni/network-policy-agent.log
var_log/aws-routed-eni/plugin.log
var_log/cloud-init-output.log
var_log/cloud-init.log
var_log/kube-system_aws-node-<x>_<uid>/aws-eks-nodeagent/0.log
var_log/kube-system_aws-node-<x>_<uid>/aws-node/0.log
var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init/0.log
var_log/kube-system_coredns-<rs>-<x>_<uid>/coredns/0.log
var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent-init/0.log
var_log/kube-system_eks-pod-identity-agent-<x>_<uid>/eks-pod-identity-agent/0.log
var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy/0.log
"""

LEGACY_05_NAMES = """
.
./cni
./cni/10-aws.conflist
./docker
./docker/docker-images.txt
./docker/docker-info.txt
./docker/docker-ps.txt
./docker/docker-version.txt
./docker/docker.log
./ipamd
./ipamd/eni-configs.txt
./ipamd/enis.txt
./ipamd/ipamd-env-settings.txt
./ipamd/metrics.txt
./ipamd/networkutils-env-settings.txt
./ipamd/pods.txt
./kernel
./kernel/dmesg.boot
./kernel/dmesg.current
./kernel/dmesg.human.current
./kernel/uname.txt
./kubelet
./kubelet/kube-proxy_service.txt
./kubelet/kubeconfig.yaml
./kubelet/kubelet.log
./kubelet/kubelet_service.txt
./kubelet/kubeproxy.log
./networking
./networking/ifconfig.txt
./networking/iproute.txt
./networking/iprule.txt
./networking/iptables-filter.txt
./networking/iptables-mangle.txt
./networking/iptables-nat.txt
./networking/iptables-save.txt
./networking/iptables.txt
./storage
./storage/lsblk.txt
./storage/lvs.txt
./storage/mounts.txt
./storage/pvs.txt
./storage/vgs.txt
./sysctls
./sysctls/sysctl_all.txt
./system
./system/instance-id.txt
./system/netstat.txt
./system/pkglist.txt
./system/ps.txt
./system/script-params.txt
./system/selinux.txt
./system/services.txt
./system/top.txt
./var_log
./var_log/aws-routed-eni
./var_log/aws-routed-eni/ipamd.log
./var_log/aws-routed-eni/ipamd.log.2019-08-20-13
./var_log/aws-routed-eni/ipamd.log.2019-08-20-14
./var_log/aws-routed-eni/plugin.log
./var_log/aws-routed-eni/plugin.log.2019-08-20-13
./var_log/aws-routed-eni/plugin.log.2019-08-20-14
./var_log/cloud-init-output.log
./var_log/cloud-init.log
./var_log/containers
./var_log/containers/aws-node-<x>_kube-system_aws-node-<cid>.log
./var_log/containers/coredns-<rs>-<x>_kube-system_coredns-<cid>.log
./var_log/containers/guestbook-<rs>-<x>_default_guestbook-<cid>.log
./var_log/containers/kube-proxy-<x>_kube-system_kube-proxy-<cid>.log
./var_log/containers/redis-<rs>-<x>_default_redis-<cid>.log
./var_log/messages
./var_log/pods
./var_log/pods/<uid>
./var_log/pods/<uid>/aws-node
./var_log/pods/<uid>/aws-node/0.log
./var_log/pods/<uid>/coredns
./var_log/pods/<uid>/coredns/0.log
./var_log/pods/<uid>/guestbook
./var_log/pods/<uid>/guestbook/0.log
./var_log/pods/<uid>/kube-proxy
./var_log/pods/<uid>/kube-proxy/0.log
./var_log/pods/<uid>/redis
./var_log/pods/<uid>/redis/0.log
"""

LEGACY_06_NAMES = """
.
./cni
./cni/10-aws.conflist
./docker
./docker/docker-images.txt
./docker/docker-info.txt
./docker/docker-ps.txt
./docker/docker-version.txt
./docker/docker.log
./ipamd
./ipamd/eni-configs.json
./ipamd/enis.json
./ipamd/ipam.json
./ipamd/ipamd-env-settings.json
./ipamd/metrics.json
./ipamd/networkutils-env-settings.json
./ipamd/pods.json
./kernel
./kernel/dmesg.boot
./kernel/dmesg.current
./kernel/dmesg.human.current
./kernel/uname.txt
./kubelet
./kubelet/kubeconfig.yaml
./kubelet/kubelet.log
./kubelet/kubelet_service.txt
./networking
./networking/conntrack.txt
./networking/ifconfig.txt
./networking/iproute.txt
./networking/iprule.txt
./networking/iptables-filter.txt
./networking/iptables-mangle.txt
./networking/iptables-nat.txt
./networking/iptables-save.txt
./networking/iptables.txt
./storage
./storage/lsblk.txt
./storage/lvs.txt
./storage/mounts.txt
./storage/pvs.txt
./storage/vgs.txt
./sysctls
./sysctls/sysctl_all.txt
./system
./system/instance-id.txt
./system/netstat.txt
./system/pkglist.txt
./system/ps.txt
./system/script-params.txt
./system/selinux.txt
./system/services.txt
./system/top.txt
./var_log
./var_log/aws-node-<x>_kube-system_aws-node-<cid>.log
./var_log/aws-node-<x>_kube-system_aws-vpc-cni-init-<cid>.log
./var_log/aws-routed-eni
./var_log/aws-routed-eni/ipamd.log
./var_log/aws-routed-eni/plugin.log
./var_log/cloud-init-output.log
./var_log/cloud-init.log
./var_log/coredns-<rs>-<x>_kube-system_coredns-<cid>.log
./var_log/kube-proxy-<x>_kube-system_kube-proxy-<cid>.log
./var_log/kube-system_aws-node-<x>_<uid>
./var_log/kube-system_aws-node-<x>_<uid>/aws-node
./var_log/kube-system_aws-node-<x>_<uid>/aws-node/0.log
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init
./var_log/kube-system_aws-node-<x>_<uid>/aws-vpc-cni-init/0.log
./var_log/kube-system_coredns-<rs>-<x>_<uid>
./var_log/kube-system_coredns-<rs>-<x>_<uid>/coredns
./var_log/kube-system_coredns-<rs>-<x>_<uid>/coredns/0.log
./var_log/kube-system_kube-proxy-<x>_<uid>
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy
./var_log/kube-system_kube-proxy-<x>_<uid>/kube-proxy/0.log
./var_log/messages
"""
