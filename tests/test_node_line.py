"""The node line of the reports: versions read from the bundle, each out-of-range one marked with why."""

from __future__ import annotations

from triage.model import Fact, FactValue
from triage.report.node import Part, node_parts


def fact(name: str, value: FactValue) -> Fact:
    return Fact(name, value, "m", 1)


def test_skew_max_pods_and_minimum_notes() -> None:
    facts = (fact("node.instance_type", "m5.large"), fact("kubelet.max_pods", 110), fact("eni.max_pods", 29),
             fact("kube_proxy.version", "v1.26.15"), fact("skew.kube_proxy.behind", 5),
             fact("skew.kube_proxy.allowed", 3), fact("coredns.version", "1.8.3"),
             fact("skew.coredns.below_minimum", True), fact("skew.coredns.behind", 0),
             fact("skew.coredns.allowed", 1), fact("skew.coredns.expected", "1.8.3"))
    assert node_parts(facts) == [
        Part("instance", "m5.large", "", False),
        Part("max-pods", "110", "more than the 29 pods the instance's ENIs can give IPs", True),
        Part("kube-proxy", "v1.26.15", "5 minor versions behind the control plane; the skew policy allows 3", True),
        Part("CoreDNS", "1.8.3", "older than the minimum EKS documents for 1.21+ clusters", True),
    ]


def test_newer_than_the_control_plane_and_the_effective_value_first() -> None:
    facts = (fact("kubelet.version", "v1.32.1"), fact("skew.kubelet.behind", -1), fact("skew.kubelet.allowed", 3),
             fact("kubelet.max_pods", 58), fact("kubelet.max_pods", 29), fact("eni.max_pods", 58))
    assert node_parts(facts) == [Part("max-pods", "58", "", False),
                                 Part("kubelet", "v1.32.1", "newer than the control plane", True)]


def test_nothing_known_nothing_shown() -> None:
    assert node_parts(()) == []


def test_a_hostname_that_is_not_the_ec2_name_is_shown_second() -> None:
    facts = (fact("node.instance_type", "m5.large"), fact("node.hostname", "eks-worker-prod-03"),
             fact("node.ec2_private_dns_name", "ip-10-0-3-41.us-west-2.compute.internal"),
             fact("node.hostname_is_ec2_name", False), fact("kubelet.version", "v1.33.5"))
    assert node_parts(facts) == [
        Part("instance", "m5.large", "", False),
        Part("hostname", "eks-worker-prod-03", "not the EC2 private DNS name ip-10-0-3-41.us-west-2.compute.internal",
             True),
        Part("kubelet", "v1.33.5", "", False)]
