"""Derived facts: ENI capacity from the instance-type table, version minors, and the skew rules."""

from __future__ import annotations

import pytest

from triage.derived import addon_rules, derive, eni_limits, eni_max_pods, minor, vcpus_at_least_30
from triage.model import Fact

KUBELET = Fact("kubelet.version", "v1.31.4-eks-aeac579", "kubelet/kubelet.log", 4)
CLUSTER_1_29 = Fact("cluster.version", "v1.29", "var_log/aws-routed-eni/ipamd.log", 9)


def test_kube_proxy_skew_against_the_kubelet_when_the_cluster_version_is_unknown() -> None:
    base = [KUBELET,
            Fact("kube_proxy.version", "v1.26.15-eks-1552ad0", "var_log/kube-proxy.log", 7),
            Fact("node.instance_type", "m5.large", "kernel/dmesg.current", 8)]
    assert derive(base) == [
        Fact("eni.max_pods", 29, "kernel/dmesg.current", 8),
        Fact("kubelet.minor", 31, "kubelet/kubelet.log", 4),
        Fact("kube_proxy.minor", 26, "var_log/kube-proxy.log", 7),
        Fact("skew.kube_proxy.behind", 5, "var_log/kube-proxy.log", 7),
        Fact("skew.kube_proxy.allowed", 3, "var_log/kube-proxy.log", 7),
    ]
    assert (minor("v1.24.17"), minor("not a version")) == (24, None)


def test_cni_and_coredns_against_the_versions_eks_listed_for_the_cluster() -> None:
    cni = Fact("cni.version", "v1.12.6-eksbuild.2", "var_log/aws-routed-eni/ipamd.log", 3)
    coredns = Fact("coredns.version", "1.10.1", "var_log/coredns.log", 2)
    derived = derive([cni, coredns, CLUSTER_1_29])
    assert [f for f in derived if f.name.startswith("skew.")] == [
        Fact("skew.cni.expected", "v1.16.0-eksbuild.1", cni.member, 3),
        Fact("skew.cni.behind", 4, cni.member, 3),
        Fact("skew.cni.allowed", 1, cni.member, 3),
        Fact("skew.cni.below_minimum", False, cni.member, 3),
        Fact("skew.coredns.expected", "v1.11.1-eksbuild.4", coredns.member, 2),
        Fact("skew.coredns.behind", 1, coredns.member, 2),
        Fact("skew.coredns.allowed", 1, coredns.member, 2),
        Fact("skew.coredns.below_minimum", False, coredns.member, 2),
    ]


def test_minimum_versions_apply_from_1_21_and_newer_clusters_use_the_last_row() -> None:
    old_cni = Fact("cni.version", "v1.7.10", "ipamd.log", 1)
    on_1_21 = {f.name: f.value for f in derive([old_cni, Fact("cluster.version", "v1.21", "ipamd.log", 2)])}
    on_1_20 = {f.name: f.value for f in derive([old_cni, Fact("cluster.version", "v1.20", "ipamd.log", 2)])}
    assert (on_1_21["skew.cni.below_minimum"], on_1_21["skew.cni.behind"]) == (True, 0)
    assert "skew.cni.below_minimum" not in on_1_20
    future = {f.name: f.value for f in derive([Fact("cni.version", "v1.19.5", "ipamd.log", 1),
                                               Fact("cluster.version", "v1.40", "ipamd.log", 2)])}
    assert (future["skew.cni.expected"], future["skew.cni.behind"]) == ("v1.19.2-eksbuild.1", 0)
    ancient = {f.name for f in derive([old_cni, Fact("cluster.version", "v1.13", "ipamd.log", 2)])}
    assert not {n for n in ancient if n.startswith("skew.cni")}


def test_the_kubelet_stands_in_for_the_cluster_version() -> None:
    names = {f.name: f.value for f in derive([KUBELET, Fact("coredns.version", "1.8.7", "coredns.log", 1)])}
    assert (names["skew.coredns.expected"], names["skew.coredns.behind"]) == ("v1.11.3-eksbuild.1", 3)


def test_addon_table_rows_are_ascending_and_above_the_minimum_from_1_22() -> None:
    for rule in addon_rules():
        minors = [k for k, _ in rule.listed]
        assert minors == sorted(set(minors)), rule.component
        assert all(minor(v) is not None for _, v in rule.listed), rule.component


@pytest.mark.parametrize(("itype", "pd", "expected"), [
    ("m5.large", False, 29),         # 3 ENIs x (10 - 1) + 2: the EKS AMI eni-max-pods.txt value
    ("m5.large", True, 110),         # 27 slots x 16 + 2 = 434, capped at 110 below 30 vCPUs
    ("m5.16xlarge", False, 737),
    ("m5.16xlarge", True, 250),      # 64 vCPUs
    ("m5.4xlarge", True, 110),       # 16 vCPUs
    ("t3.nano", False, 4),           # 2 x (2 - 1) + 2
    ("t3.nano", True, 34),           # 2 slots x 16 + 2, under the cap
    ("m5.metal", False, 737),
    ("m5.metal", True, None),        # plain metal: vCPUs unknown from the name, over the 110 cap
    ("hpc7a.12xlarge", True, None),  # HPC sizes count cores: 24 vCPUs, not 48
    ("x9.huge", False, None),
])
def test_eni_capacity(itype: str, pd: bool, expected: int | None) -> None:
    assert eni_max_pods(itype, pd) == expected


def test_the_eni_table_is_the_whole_instance_catalog() -> None:
    table = eni_limits()
    assert len(table) == 1391
    assert (table["m5.large"], table["t3.nano"], table["p5.48xlarge"]) == ((3, 10), (2, 2), (2, 50))
    assert (vcpus_at_least_30("c7g.metal-48xl"), vcpus_at_least_30("t3.2xlarge")) == (True, False)


def test_hostname_against_the_ec2_private_dns_name() -> None:
    base = [Fact("kubelet.flag.node-ip", "10.0.3.41", "system/ps.txt", 28), Fact("node.region", "us-west-2", "r", 1),
            Fact("node.instance_id", "i-0f1e2d3c4b5a69788", "system/instance-id.txt", 1)]

    def named(host: str) -> list[Fact]:
        return [f for f in derive([*base, Fact("sysctl.kernel.hostname", host, "sysctls/sysctl_all.txt", 6)])
                if f.name.startswith("node.")]

    assert named("eks-worker-prod-03") == [
        Fact("node.hostname", "eks-worker-prod-03", "sysctls/sysctl_all.txt", 6),
        Fact("node.ec2_private_dns_name", "ip-10-0-3-41.us-west-2.compute.internal", "system/ps.txt", 28),
        Fact("node.hostname_is_ec2_name", False, "sysctls/sysctl_all.txt", 6)]
    for host in ("ip-10-0-3-41.us-west-2.compute.internal", "ip-10-0-3-41", "i-0f1e2d3c4b5a69788.us-west-2.compute.internal"):
        assert named(host)[-1].value is True, host
    assert [f.name for f in derive(base) if f.name.startswith("node.")] == ["node.ec2_private_dns_name"]
