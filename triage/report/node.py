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

from triage.derived import skew_out_of_range
from triage.model import Fact, FactValue, effective

#: (fact, label), in the order shown; the hostname only when it is not the EC2 private DNS name
_PARTS = (
    ("node.instance_type", "instance"),
    ("node.hostname", "hostname"),
    ("kubelet.max_pods", "max-pods"),
    ("kubelet.version", "kubelet"),
    ("cluster.version", "control plane"),
    ("cni.version", "VPC CNI"),
    ("kube_proxy.version", "kube-proxy"),
    ("coredns.version", "CoreDNS"),
    ("containerd.version", "containerd"),
    ("kernel.release", "kernel"),
)
#: the skew facts (``<prefix>.behind`` ...) of each version
_SKEW = {"kubelet.version": "skew.kubelet", "cni.version": "skew.cni", "kube_proxy.version": "skew.kube_proxy",
         "coredns.version": "skew.coredns"}


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
    if not isinstance(behind, int) or not isinstance(allowed, int) \
            or not skew_out_of_range(behind, allowed, expected is not None):
        return ""
    if behind < 0:
        return "newer than the control plane"
    if expected is not None:
        return f"{behind} minor versions behind {expected}, the version EKS listed for the cluster"
    return f"{behind} minor versions behind the control plane; the skew policy allows {allowed}"


def _note(name: str, values: dict[str, FactValue]) -> str:
    if name == "node.hostname":
        mismatch = values.get("node.hostname_is_ec2_name") is False
        return f"not the EC2 private DNS name {values.get('node.ec2_private_dns_name')}" if mismatch else ""
    if name == "kubelet.max_pods":
        capacity, max_pods = values.get("eni.max_pods"), str(values[name])
        over = isinstance(capacity, int) and max_pods.isdigit() and int(max_pods) > capacity
        return f"more than the {capacity} pods the instance's ENIs can give IPs" if over else ""
    return _skew_note(values, _SKEW[name]) if name in _SKEW else ""


def node_parts(facts: tuple[Fact, ...]) -> list[Part]:
    """The parts of the node line that the bundle tells (the effective value of each fact)."""
    values = {name: f.value for name, f in effective(facts).items()}
    out = []
    for name, label in _PARTS:
        if name not in values:
            continue
        note = _note(name, values)
        if name != "node.hostname" or note:
            out.append(Part(label, str(values[name]), note, bool(note)))
    return out
