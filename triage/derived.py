"""Facts computed from other facts: the max-pods the node's ENIs can serve, whether the hostname is the EC2 name,
version minors, and how far each component is from the version it must match.

The rules are data: ``signatures/data/eni_limits.txt`` (ENIs and IPv4 addresses per ENI of every instance type)
and ``signatures/data/version_skew.toml`` (the Kubernetes skew policy, and the EKS add-on versions listed for each
Kubernetes minor), each with its provenance. A derived fact points at the member and line of the fact it was
computed from, so ``triage facts`` can say where it came from.

>>> [(f.name, f.value) for f in derive([Fact("cni.version", "v1.12.6-eksbuild.2", "ipamd.log", 3),
...                                     Fact("cluster.version", "v1.29+", "ipamd.log", 5)])]
[('cluster.minor', 29), ('cni.minor', 12), ('skew.cni.expected', 'v1.16.0-eksbuild.1'), ('skew.cni.behind', 4),
 ('skew.cni.allowed', 1), ('skew.cni.below_minimum', False)]
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass

from triage.model import Fact, effective
from triage.resources import data_path

#: The minors derive() reads, from the fact ``<component>.version``.
_COMPONENTS = ("kubelet", "kube_proxy", "cluster", "cni", "coredns")
_ADDONS = ("cni", "coredns")
NAMES: frozenset[str] = frozenset({
    "eni.max_pods", "node.hostname", "node.ec2_private_dns_name", "node.hostname_is_ec2_name",
    *(f"{c}.minor" for c in _COMPONENTS),
    *(f"skew.{c}.{k}" for c in ("kubelet", "kube_proxy") for k in ("behind", "allowed")),
    *(f"skew.{c}.{k}" for c in _ADDONS for k in ("expected", "behind", "allowed", "below_minimum")),
})

_VERSION = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?")


def minor(version: object) -> int | None:
    """The minor number of a ``v1.29.3-eks-...`` style version (the major must be 1).

    >>> minor("v1.29.3-eks-ae9a62a"), minor("v1.31+"), minor("2.0.5")
    (29, 31, None)
    """
    m = _VERSION.match(str(version))
    return int(m.group(2)) if m and m.group(1) == "1" else None


def _triple(version: object) -> tuple[int, int, int] | None:
    m = _VERSION.match(str(version))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)) if m else None


# -- ENI capacity ------------------------------------------------------------------------------------------------
@functools.cache
def eni_limits() -> dict[str, tuple[int, int]]:
    """(ENIs, IPv4 addresses per ENI) per instance type (``signatures/data/eni_limits.txt``)."""
    out: dict[str, tuple[int, int]] = {}
    text = (data_path("signatures") / "data" / "eni_limits.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 3 and not line.startswith("#"):
            out[fields[0]] = (int(fields[1]), int(fields[2]))
    return out


_SIZE = re.compile(r"^(?:(\d+)xlarge|metal-(\d+)xl)$")


def vcpus_at_least_30(instance_type: str) -> bool | None:
    """Whether the type has 30 vCPUs or more (the prefix-delegation cap of EKS), by the EC2 size names:
    ``large`` and below have at most 2 vCPUs, ``xlarge`` 4, ``<N>xlarge`` and ``metal-<N>xl`` 4 * N. None where the
    name does not tell: plain ``metal``, and the HPC families, whose sizes count cores without SMT.

    >>> vcpus_at_least_30("m5.4xlarge"), vcpus_at_least_30("m5.8xlarge"), vcpus_at_least_30("m5.metal")
    (False, True, None)
    """
    family, _, size = instance_type.partition(".")
    if family.startswith("hpc"):
        return None
    if size in ("nano", "micro", "small", "medium", "large", "xlarge"):
        return False
    m = _SIZE.match(size)
    if m is None:
        return None
    return 4 * int(m.group(1) or m.group(2)) >= 30


def eni_max_pods(instance_type: str, prefix_delegation: bool) -> int | None:
    """The max-pods the VPC CNI can serve on this instance type, or None when it cannot be known.

    >>> eni_max_pods("m5.large", False), eni_max_pods("m5.large", True), eni_max_pods("x9.huge", False)
    (29, 110, None)
    """
    row = eni_limits().get(instance_type)
    if row is None:
        return None
    enis, per_eni = row
    slots = enis * (per_eni - 1)
    if not prefix_delegation:
        return slots + 2
    uncapped = slots * 16 + 2
    large = vcpus_at_least_30(instance_type)
    if large is None:
        return uncapped if uncapped <= 110 else None
    return min(uncapped, 250 if large else 110)


# -- node name ------------------------------------------------------------------------------------------------
def ec2_private_dns_name(ip: str, region: str) -> str:
    """The IP-based private DNS name EC2 gives an instance (``ec2.internal`` in us-east-1).

    >>> ec2_private_dns_name("10.0.3.41", "us-west-2"), ec2_private_dns_name("10.0.3.41", "us-east-1")
    ('ip-10-0-3-41.us-west-2.compute.internal', 'ip-10-0-3-41.ec2.internal')
    """
    domain = "ec2.internal" if region == "us-east-1" else f"{region}.compute.internal"
    return f"ip-{ip.replace('.', '-')}.{domain}"


def _hostname_facts(first: dict[str, Fact]) -> list[Fact]:
    """The OS hostname (``kernel.hostname`` of sysctl) against the EC2 private DNS name of the node's IP: EKS validates
    kubelet serving certificates and node names against the EC2 names (the IP-based one, or the resource name
    ``i-...`` of the instance)."""
    hostname, ip = first.get("sysctl.kernel.hostname"), first.get("kubelet.flag.node-ip")
    region = first.get("node.region")
    out = []
    if hostname is not None:
        out.append(Fact("node.hostname", hostname.value, hostname.member, hostname.line))
    if ip is None or region is None or not re.fullmatch(r"\d+\.\d+\.\d+\.\d+", str(ip.value)):
        return out
    name = ec2_private_dns_name(str(ip.value), str(region.value))
    out.append(Fact("node.ec2_private_dns_name", name, ip.member, ip.line))
    if hostname is not None:
        host = str(hostname.value)
        instance = first.get("node.instance_id")
        matches = host in (name, name.split(".")[0]) or (instance is not None and host.startswith(str(instance.value)))
        out.append(Fact("node.hostname_is_ec2_name", matches, hostname.member, hostname.line))
    return out


# -- version skew ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AddonRule:
    """The EKS add-on versions for one add-on (``[addons.<component>]`` of version_skew.toml)."""

    component: str
    max_minors_behind: int
    minimum_since: int  # the Kubernetes minor from which ``minimum`` applies
    minimum: tuple[int, int, int]
    listed: tuple[tuple[int, str], ...]  # (Kubernetes minor, add-on version), ascending

    def expected(self, kubernetes_minor: int) -> str | None:
        """The version listed for this Kubernetes minor (the last row for newer ones; None for older ones)."""
        rows = [version for k, version in self.listed if k <= kubernetes_minor]
        return rows[-1] if rows else None


def skew_out_of_range(behind: int, allowed: int, against_listed: bool) -> bool:
    """Whether ``skew.<component>.behind`` is outside what is allowed: more minors behind, or ahead where that is not
    allowed. The kubelet and kube-proxy must not be newer than the control plane; an add-on measured against the
    version EKS listed (``against_listed``, it has ``skew.<component>.expected``) may be newer.

    >>> skew_out_of_range(-1, 1, True), skew_out_of_range(-1, 3, False), skew_out_of_range(4, 3, False)
    (False, True, True)
    """
    return behind > allowed or (behind < 0 and not against_listed)


@functools.cache
def _skew_table() -> dict[str, object]:
    return tomllib.loads((data_path("signatures") / "data" / "version_skew.toml").read_text(encoding="utf-8"))


def skew_rules() -> tuple[dict[str, object], ...]:
    """The Kubernetes skew-policy rules (``[[rule]]`` of version_skew.toml)."""
    rules = _skew_table()["rule"]
    assert isinstance(rules, list)
    return tuple(rules)


@functools.cache
def addon_rules() -> tuple[AddonRule, ...]:
    """The EKS add-on rules (``[addons.*]`` of version_skew.toml)."""
    addons = _skew_table()["addons"]
    assert isinstance(addons, dict)
    out = []
    for component, row in addons.items():
        minimum = _triple(row["minimum"]["version"])
        assert minimum is not None, f"version_skew.toml: addons.{component}.minimum.version"
        listed = sorted((int(k.split(".")[1]), str(v)) for k, v in row["listed"].items())
        out.append(AddonRule(component, int(row["max_minors_behind"]), int(row["minimum"]["since"]), minimum,
                             tuple(listed)))
    return tuple(out)


def derive(facts: list[Fact]) -> list[Fact]:
    """Facts computed from others: ENI max-pods, version minors, and how far each component is behind what
    it must match."""
    first = effective(facts)
    out: list[Fact] = []
    itype = first.get("node.instance_type")
    pd = first.get("cni.env.ENABLE_PREFIX_DELEGATION")
    capacity = eni_max_pods(str(itype.value), pd is not None and str(pd.value) == "true") if itype else None
    if itype is not None and capacity is not None:
        out.append(Fact("eni.max_pods", capacity, itype.member, itype.line))
    out += _hostname_facts(first)
    minors: dict[str, tuple[int, Fact]] = {}
    for component in _COMPONENTS:
        source = first.get(f"{component}.version")
        number = minor(source.value) if source else None
        if source is not None and number is not None:
            minors[component] = (number, source)
            out.append(Fact(f"{component}.minor", number, source.member, source.line))
    for rule in skew_rules():
        component = str(rule["component"])
        against = str(rule["against"]) if str(rule["against"]) in minors else str(rule.get("fallback", ""))
        if component not in minors or against not in minors or against == component:
            continue
        (have, where), (ref, _) = minors[component], minors[against]
        allowed = int(str(rule["max_behind"])) if have >= 25 else int(str(rule["max_behind_before_1_25"]))
        out.append(Fact(f"skew.{component}.behind", ref - have, where.member, where.line))
        out.append(Fact(f"skew.{component}.allowed", allowed, where.member, where.line))
    kubernetes = minors.get("cluster", minors.get("kubelet"))
    for addon in addon_rules():
        running = minors.get(addon.component)
        if kubernetes is None or running is None:
            continue
        (have, where), k8s = running, kubernetes[0]
        expected = addon.expected(k8s)
        expected_minor = minor(expected) if expected else None
        if expected is not None and expected_minor is not None:
            out.append(Fact(f"skew.{addon.component}.expected", expected, where.member, where.line))
            out.append(Fact(f"skew.{addon.component}.behind", expected_minor - have, where.member, where.line))
            out.append(Fact(f"skew.{addon.component}.allowed", addon.max_minors_behind, where.member, where.line))
        version = _triple(where.value)
        if k8s >= addon.minimum_since and version is not None:
            out.append(Fact(f"skew.{addon.component}.below_minimum", version < addon.minimum, where.member,
                            where.line))
    return out
