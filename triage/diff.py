"""What changed between two bundles (a good node and a bad one, or before and after an upgrade).

``diff(before, after)`` compares two ``Analysis`` values: configuration facts and versions that differ,
findings present in only one, and hypotheses that changed. Changes to settings that are known to break
nodes (SNAT mode, VPC CNI / kube-proxy / kubelet versions, max-pods, iptables mode, CNI plugins added)
are marked risky and listed first. Counters and per-run values (conntrack and ENA counters, IO delays,
pod names, instance ids) are not compared.

>>> from triage.model import Fact
>>> fact_changes((Fact("kubelet.max_pods", 29, "a", 1),), (Fact("kubelet.max_pods", 110, "b", 1),))[0].risky
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.derived import skew_out_of_range
from triage.model import Analysis, Fact, FactValue, effective

DIFF_SCHEMA_VERSION = "1"

#: Settings whose change is known to break nodes, with why it matters (checked in this order).
RISKY: tuple[tuple[str, str], ...] = (
    ("cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT", "SNAT of pod traffic leaving the VPC: peers outside it see the node, "
                                             "not the pod, and connections from secondary IPs can time out"),
    ("cni.env.AWS_VPC_K8S_CNI_RANDOMIZESNAT", "SNAT port randomisation"),
    ("cni.env.AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS", "destinations exempt from SNAT"),
    ("iptables.snat.excluded_cidrs", "destinations exempt from SNAT, as programmed in iptables"),
    ("cni.version", "VPC CNI version (move one minor at a time, to the version EKS recommends)"),
    ("skew.cni.behind", "minor versions the VPC CNI lags the version EKS lists for the cluster"),
    ("skew.kube_proxy.behind", "minor versions kube-proxy lags the control plane (or the kubelet)"),
    ("skew.kubelet.behind", "minor versions the kubelet lags the control plane"),
    ("kube_proxy.version", "kube-proxy version (must stay within the skew policy of the control plane)"),
    ("kubelet.version", "kubelet version"),
    ("cluster.version", "control-plane version"),
    ("coredns.version", "CoreDNS version (must fit the cluster's Kubernetes version)"),
    ("skew.coredns.behind", "minor versions CoreDNS lags the version EKS lists for the cluster"),
    ("kubelet.max_pods", "max-pods (must fit the instance's ENI capacity)"),
    ("kube_proxy.mode", "kube-proxy mode (iptables / ipvs / nftables)"),
    ("iptables.legacy_tables_present", "iptables backend (legacy vs nft)"),
    ("cni.other_conflists", "CNI configurations besides 10-aws.conflist (another CNI or policy engine)"),
    ("iptables.calico_chains", "Calico chains in iptables"),
    ("iptables.cilium_chains", "Cilium chains in iptables"),
    ("iptables.kube_services", "kube-proxy's KUBE-SERVICES chain"),
    ("iptables.aws_snat", "the VPC CNI's SNAT chain"),
    ("cni.env.ENABLE_PREFIX_DELEGATION", "prefix delegation"),
    ("cni.env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "custom networking (ENIConfig)"),
    ("cni.env.ENABLE_POD_ENI", "security groups for pods"),
    ("cni.env.POD_SECURITY_GROUP_ENFORCING_MODE", "security-group-for-pods enforcing mode"),
    ("cni.env.ENABLE_NETWORK_POLICY", "network policy enforcement"),
    ("cni.env.WARM_IP_TARGET", "warm IP pool"),
    ("cni.env.WARM_ENI_TARGET", "warm ENI pool"),
    ("cni.env.MINIMUM_IP_TARGET", "minimum IP pool"),
    ("cni.env.AWS_VPC_ENI_MTU", "ENI MTU"),
    ("node.hostname_is_ec2_name", "the hostname is the EC2 private DNS name (EKS checks node names and kubelet "
                                  "serving certificates against it)"),
    ("kubelet.server_tls_bootstrap", "kubelet serving certificates through CSRs"),
    ("kubelet.registry_pull_qps", "kubelet image pull rate limit"),
    ("kubelet.registry_burst", "kubelet image pull burst"),
    ("containerd.version", "containerd version"),
    ("kernel.release", "kernel"),
)
_RISK = dict(RISKY)
_ORDER = {name: i for i, (name, _) in enumerate(RISKY)}
#: Values that differ between any two bundles, or counters: not configuration.
_VOLATILE = re.compile(
    r"^(?:conntrack|ethtool|io)\.|^iptables\.(?:rules|chain\.|snat\.to_source$)|^ipamd\.|\.allowed$|\.expected$|\.minor$"
    r"|^node\.(?:instance_id|hostname|ec2_private_dns_name)$"
    r"|^cni\.env\.(?:HOSTNAME|MY_\w+|KUBERNETES_\w+|VPC_CNI_VERSION)$"
    r"|^sysctl\.(?:.*\.random\.|fs\.(?:file|inode|dentry)|kernel\.ns_last_pid|.*_count$|.*\.stat)"
)


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # fact | finding | hypothesis
    name: str
    before: FactValue | None  # None: absent before
    after: FactValue | None  # None: absent after
    risky: bool
    why: str


@dataclass(frozen=True, slots=True)
class Side:
    file_name: str
    instance_id: str | None
    capture_time: str | None
    top_hypothesis: str | None


@dataclass(frozen=True, slots=True)
class Diff:
    schema_version: str
    before: Side
    after: Side
    changes: tuple[Change, ...]  # risky first (in RISKY order), then facts, findings, hypotheses

    @property
    def risky(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.risky)


def _values(facts: tuple[Fact, ...]) -> dict[str, FactValue]:
    return {name: f.value for name, f in effective(facts).items() if not _VOLATILE.search(name)}


#: Facts whose appearing or disappearing is itself the change (for other settings, absent on one side
#: means that bundle did not collect it: older collectors lack files that newer ones have).
PRESENCE = frozenset({"cni.other_conflists", "iptables.calico_chains", "iptables.cilium_chains",
                      "iptables.kube_services", "iptables.aws_snat", "iptables.legacy_tables_present"})


def fact_changes(before: tuple[Fact, ...], after: tuple[Fact, ...]) -> list[Change]:
    a, b = _values(before), _values(after)
    out = []
    for name in sorted(set(a) | set(b)):
        if a.get(name) != b.get(name):
            both = name in a and name in b
            risky = name in _RISK and (both or name in PRESENCE)
            why = _RISK.get(name, "") if both or name in PRESENCE else "collected in only one of the bundles"
            allowed = next((f.value for f in after if f.name == name.replace(".behind", ".allowed")), None)
            if name.startswith("skew.") and allowed is not None:
                why = f"{why}; {allowed} allowed"
                risky = risky and _out_of_range(name, b.get(name), allowed, after)
            out.append(Change("fact", name, a.get(name), b.get(name), risky, why))
    return out


def _out_of_range(name: str, behind: FactValue | None, allowed: FactValue, after: tuple[Fact, ...]) -> bool:
    """Whether the new ``skew.<component>.behind`` value is outside what is allowed (``derived.skew_out_of_range``).

    >>> _out_of_range("skew.cni.behind", -1, 1, (Fact("skew.cni.expected", "v1.19.2", "m", 1),))
    False
    >>> _out_of_range("skew.kube_proxy.behind", -1, 3, ()), _out_of_range("skew.kube_proxy.behind", 4, 3, ())
    (True, True)
    """
    if not isinstance(behind, int) or not isinstance(allowed, int):
        return True
    return skew_out_of_range(behind, allowed, any(f.name == name.replace(".behind", ".expected") for f in after))


def diff(before: Analysis, after: Analysis) -> Diff:
    changes = fact_changes(before.facts, after.facts)
    found_a = {f.signature_id: f for f in before.findings}
    found_b = {f.signature_id: f for f in after.findings}
    for sig in sorted(set(found_a) ^ set(found_b)):
        f = found_a.get(sig) or found_b[sig]
        changes.append(Change("finding", sig, f.severity if sig in found_a else None,
                              f.severity if sig in found_b else None, False, f.title))
    hyp_a = {h.id: h for h in before.hypotheses}
    hyp_b = {h.id: h for h in after.hypotheses}
    for hid in sorted(set(hyp_a) | set(hyp_b)):
        rank_a = hyp_a[hid].rank if hid in hyp_a else None
        rank_b = hyp_b[hid].rank if hid in hyp_b else None
        if rank_a != rank_b:
            title = (hyp_a.get(hid) or hyp_b[hid]).title
            changes.append(Change("hypothesis", hid, rank_a, rank_b, False, f"rank of: {title}"))
    kinds = {"fact": 0, "finding": 1, "hypothesis": 2}
    changes.sort(key=lambda c: (not c.risky, _ORDER.get(c.name, len(_ORDER)), kinds[c.kind], c.name))
    return Diff(DIFF_SCHEMA_VERSION, _side(before), _side(after), tuple(changes))


def _side(a: Analysis) -> Side:
    capture = a.bundle.capture_time.strftime("%Y-%m-%dT%H:%M:%SZ") if a.bundle.capture_time else None
    top = a.hypotheses[0].id if a.hypotheses else None
    return Side(a.bundle.file_name, a.bundle.instance_id or a.bundle.node_name, capture, top)
