"""The node line of the text and HTML reports: instance type, max-pods and component versions read from the
bundle, each version that is out of its skew range marked with why.

>>> from triage.model import Fact
>>> facts = (Fact("kubelet.version", "v1.31.4", "k", 1), Fact("cni.version", "v1.12.6", "i", 2),
...          Fact("skew.cni.behind", 6, "i", 2), Fact("skew.cni.allowed", 1, "i", 2),
...          Fact("skew.cni.expected", "v1.18.3-eksbuild.3", "i", 2))
>>> [(p.label, p.value, p.note, p.warn) for p in node_parts(facts)]  # doctest: +NORMALIZE_WHITESPACE
[('kubelet', 'v1.31.4', '', False),
 ('VPC CNI', 'v1.12.6', '6 minor versions behind v1.18.3-eksbuild.3, the version EKS listed for the cluster', True)]
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.model import Fact, FactValue

#: (fact, label, skew facts prefix), in the order shown
_PARTS = (
    ("node.instance_type", "instance", ""),
    ("kubelet.max_pods", "max-pods", ""),
    ("kubelet.version", "kubelet", "skew.kubelet"),
    ("cluster.version", "control plane", ""),
    ("cni.version", "VPC CNI", "skew.cni"),
    ("kube_proxy.version", "kube-proxy", "skew.kube_proxy"),
    ("coredns.version", "CoreDNS", "skew.coredns"),
    ("containerd.version", "containerd", ""),
    ("kernel.release", "kernel", ""),
)


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    value: str
    note: str  # why the value is marked, or ""
    warn: bool


def _skew_note(values: dict[str, FactValue], prefix: str) -> str:
    behind, allowed = values.get(f"{prefix}.behind"), values.get(f"{prefix}.allowed")
    expected = values.get(f"{prefix}.expected")
    if values.get(f"{prefix}.below_minimum") is True:
        return "older than the minimum EKS documents for 1.21+ clusters"
    if not isinstance(behind, int) or not isinstance(allowed, int):
        return ""
    if expected is not None and behind > allowed:
        return f"{behind} minor versions behind {expected}, the version EKS listed for the cluster"
    if behind > allowed:
        return f"{behind} minor versions behind the control plane; the skew policy allows {allowed}"
    if behind < 0 and expected is None:
        return "newer than the control plane"
    return ""


def node_parts(facts: tuple[Fact, ...]) -> list[Part]:
    """The parts of the node line that the bundle tells (the effective value of each fact)."""
    values: dict[str, FactValue] = {}
    for f in facts:
        values.setdefault(f.name, f.value)
    out = []
    for name, label, prefix in _PARTS:
        if name not in values:
            continue
        note = _skew_note(values, prefix) if prefix else ""
        capacity = values.get("eni.max_pods")
        if name == "kubelet.max_pods" and isinstance(capacity, int) and str(values[name]).isdigit() \
                and int(str(values[name])) > capacity:
            note = f"more than the {capacity} pods the instance's ENIs can give IPs"
        out.append(Part(label, str(values[name]), note, bool(note)))
    if values.get("node.hostname_is_ec2_name") is False:
        dns = values.get("node.ec2_private_dns_name")
        out.insert(1, Part("hostname", str(values.get("node.hostname")), f"not the EC2 private DNS name {dns}", True))
    return out
