"""Facts read from snapshot files (command output captured at collection time).

Each extractor is a small function from one snapshot's text to named facts, each with the
member and line it came from; it is bound to a logical source of the catalog, never to a path.
Extractors tolerate missing, empty and odd files: a file that does not say something yields no
fact, never an error. Signatures and hypotheses read facts as ``fact.<name>`` in their conditions.

>>> conntrack = b"cpu=0 found=0 insert_failed=3 drop=1\\ncpu=1 insert_failed=2 drop=0\\n"
>>> facts = extract({"conntrack": [("networking/conntrack.txt", conntrack)]})
>>> [(f.name, f.value) for f in facts if f.name.startswith("conntrack.")]
[('conntrack.drop', 1), ('conntrack.insert_failed', 5)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

import orjson

from triage import derived
from triage.model import Fact, FactValue

Extractor = Callable[[str, str], Iterator[Fact]]
#: (source name, extractor), in registration order
_EXTRACTORS: list[tuple[str, Extractor]] = []
#: Snapshot members by source name: source -> [(member path, content)]
Snapshots = Mapping[str, list[tuple[str, bytes]]]

_NAMES: set[str] = {"cni.collected", "cni.aws_conflist", "iptables.collected",
                    # read from log lines by signature patterns (``facts = {...}`` in signatures/*.toml)
                    "kubelet.version", "kube_proxy.version", "cluster.version", "node.instance_type",
                    "kube_proxy.mode", "cni.version", "cluster.name", "coredns.version"}
_PREFIXES: tuple[str, ...] = ("sysctl.", "cni.env.", "iptables.chain.")

ALLOWANCES = ("bw_in_allowance_exceeded", "bw_out_allowance_exceeded", "pps_allowance_exceeded",
              "conntrack_allowance_exceeded", "linklocal_allowance_exceeded")


class _Names(frozenset[str]):
    """Known fact names, plus open families such as ``sysctl.<key>``."""

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and (frozenset.__contains__(self, item) or item.startswith(_PREFIXES))


def extractor(source: str, names: tuple[str, ...]) -> Callable[[Extractor], Extractor]:
    """Register ``fn`` for every member of ``source``; ``names`` are the facts it can produce."""

    def register(fn: Extractor) -> Extractor:
        _EXTRACTORS.append((source, fn))
        _NAMES.update(names)
        return fn

    return register


#: Where a fact comes from several sources, the one listed first here wins, as in the kubelet itself: command-line
#: flags (the running process, then the unit file) override the config file, whose drop-ins override it. Facts of
#: other sources keep member order.
PRECEDENCE = ("ps", "kubelet_service", "kubelet_config", "kubelet_config_al2")
#: Sources whose later members override earlier ones (``config.json.d/`` drop-ins, applied in name order).
_LATER_WINS = frozenset({"kubelet_config"})


def extract(snapshots: Snapshots) -> list[Fact]:
    """All facts of all snapshot files, sorted by name; of several facts with one name, the one that takes effect
    comes first (see ``PRECEDENCE``).

    >>> cfg = [("kubelet/config.json", b'{"maxPods": 29}'),
    ...        ("kubelet/config.json.d/40-nodeadm.conf", b'{"maxPods": 58}')]
    >>> [(f.member, f.value) for f in extract({"kubelet_config": cfg}) if f.name == "kubelet.max_pods"]
    [('kubelet/config.json.d/40-nodeadm.conf', 58), ('kubelet/config.json', 29)]
    """
    ranked: list[tuple[str, int, int, Fact]] = []
    for source, fn in _EXTRACTORS:
        members = sorted(snapshots.get(source, []))
        if source in _LATER_WINS:
            members.reverse()
        rank = PRECEDENCE.index(source) if source in PRECEDENCE else len(PRECEDENCE)
        for order, (path, content) in enumerate(members):
            position = order if source in PRECEDENCE else 0  # unranked sources: by member path across sources
            ranked.extend((f.name, rank, position, f) for f in fn(path, content.decode("utf-8", "replace")))
    conf_names = {path.rsplit("/", 1)[-1] for path, _ in snapshots.get("cni_config", [])}
    presence = {
        "cni.collected": bool(conf_names) or bool(snapshots.get("cni_env")),
        "cni.aws_conflist": "10-aws.conflist" in conf_names,
        "iptables.collected": bool(snapshots.get("iptables_save")),
    }
    ranked.extend((name, len(PRECEDENCE), 0, Fact(name, value, "", 0)) for name, value in presence.items())
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3].member))
    return [r[3] for r in ranked]


# -- extractors ------------------------------------------------------------------------------------
_COUNTER = re.compile(r"^\s*(\w+):\s*(\d+)\s*$")


@extractor("ethtool", tuple(f"ethtool.{a}" for a in ALLOWANCES))
def _ethtool(path: str, text: str) -> Iterator[Fact]:
    totals: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = _COUNTER.match(line)
        if m and m.group(1) in ALLOWANCES:
            total, first = totals.get(m.group(1), (0, number))
            totals[m.group(1)] = (total + int(m.group(2)), first)
    for name, (total, first) in sorted(totals.items()):
        yield Fact(f"ethtool.{name}", total, path, first)


_CONNTRACK = re.compile(r"\b(insert_failed|drop|early_drop)=(\d+)")


@extractor("conntrack", ("conntrack.insert_failed", "conntrack.drop", "conntrack.early_drop"))
def _conntrack(path: str, text: str) -> Iterator[Fact]:
    totals: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("cpu="):
            continue
        for key, value in _CONNTRACK.findall(line):
            total, first = totals.get(key, (0, number))
            totals[key] = (total + int(value), first)
    for name, (total, first) in sorted(totals.items()):
        yield Fact(f"conntrack.{name}", total, path, first)


_IO_ROW = re.compile(r"^\s*(\d+)\s+\((.*)\)\s+(\d+)\s*$")
IO_WATCHED = {"kubelet": "io.kubelet", "containerd": "io.containerd", "aws-k8s-agent": "io.aws_k8s_agent",
              "dockerd": "io.dockerd"}


@extractor("io_throttling", ("io.rows", "io.max_ticks", "io.max_process", *IO_WATCHED.values()))
def _io_throttling(path: str, text: str) -> Iterator[Fact]:
    rows = [(n, m.group(2), int(m.group(3))) for n, line in enumerate(text.splitlines(), 1)
            if (m := _IO_ROW.match(line))]
    yield Fact("io.rows", len(rows), path, 0)
    if not rows:
        return
    number, name, ticks = max(rows, key=lambda r: r[2])
    yield Fact("io.max_ticks", ticks, path, number)
    yield Fact("io.max_process", name, path, number)
    seen: set[str] = set()
    for number, name, ticks in rows:
        fact = IO_WATCHED.get(name)
        if fact and fact not in seen:
            seen.add(fact)
            yield Fact(fact, ticks, path, number)


_CHAIN = re.compile(r"^:(\S+) ")


_SNAT_RULE = re.compile(
    r"^-A AWS-SNAT-CHAIN-\d+ (?:! )?-d (?P<cidr>\S+) .*--comment \"?AWS SNAT CHAIN(?P<excl> EXCLUSION)?")
_SNAT_TARGET = re.compile(
    r"^-A AWS-SNAT-CHAIN-\d+ .*-j SNAT --to-source (?P<ip>\S+)(?P<mode> --random-fully| --random)?")


def _snat_rules(path: str, lines: list[str]) -> Iterator[Fact]:
    """The VPC CNI's SNAT rules: the VPC CIDRs left alone (RETURN rules from v1.17, ``! -d`` jumps before), the
    CIDRs excluded by AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS, and the SNAT target with its port mode."""
    kept: dict[str, list[tuple[int, str]]] = {"vpc_cidrs": [], "excluded_cidrs": []}
    for number, line in enumerate(lines, 1):
        rule = _SNAT_RULE.match(line)
        if rule:
            kept["excluded_cidrs" if rule["excl"] else "vpc_cidrs"].append((number, rule["cidr"]))
        target = _SNAT_TARGET.match(line)
        if target:
            yield Fact("iptables.snat.to_source", target["ip"], path, number)
            yield Fact("iptables.snat.port_mode", (target["mode"] or " none").strip(" -"), path, number)
    for name, found in kept.items():
        if found:
            yield Fact(f"iptables.snat.{name}", ",".join(cidr for _, cidr in found), path, found[0][0])


@extractor("iptables_save", ("iptables.rules", "iptables.kube_services", "iptables.aws_snat",
                                               "iptables.calico_chains", "iptables.cilium_chains",
                                               "iptables.legacy_tables_present", "iptables.snat.to_source",
                                               "iptables.snat.port_mode", "iptables.snat.vpc_cidrs",
                                               "iptables.snat.excluded_cidrs"))
def _iptables(path: str, text: str) -> Iterator[Fact]:
    chains: dict[str, int] = {}
    rules = 0
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        m = _CHAIN.match(line)
        if m:
            chains.setdefault(m.group(1), number)
        elif line.startswith("-A "):
            rules += 1
        elif "iptables-legacy tables present" in line:
            yield Fact("iptables.legacy_tables_present", True, path, number)
    yield Fact("iptables.rules", rules, path, 0)
    yield from _snat_rules(path, lines)
    yield Fact("iptables.kube_services", "KUBE-SERVICES" in chains, path, chains.get("KUBE-SERVICES", 0))
    snat = [c for c in chains if c.startswith("AWS-SNAT-CHAIN")]
    yield Fact("iptables.aws_snat", bool(snat), path, chains[snat[0]] if snat else 0)
    calico = [c for c in chains if c.startswith("cali-")]
    yield Fact("iptables.calico_chains", len(calico), path, chains[calico[0]] if calico else 0)
    cilium = [c for c in chains if c.upper().startswith("CILIUM")]
    yield Fact("iptables.cilium_chains", len(cilium), path, chains[cilium[0]] if cilium else 0)
    for chain, number in chains.items():
        yield Fact(f"iptables.chain.{chain}", True, path, number)


@extractor("cni_config", ("cni.other_conflists",))
def _cni_conf(path: str, text: str) -> Iterator[Fact]:
    """Each CNI config file other than the VPC CNI's own counts one (cni.other_conflists adds them up)."""
    name = path.rsplit("/", 1)[-1]
    if name != "10-aws.conflist" and name.endswith((".conflist", ".conf", ".json")):
        yield Fact("cni.other_conflists", 1, path, 0)


@extractor("ipamd_enis", ("ipamd.enis_empty",))
def _enis(path: str, text: str) -> Iterator[Fact]:
    yield Fact("ipamd.enis_empty", not text.strip(), path, 0)


@extractor("sysctls", ())
def _sysctl(path: str, text: str) -> Iterator[Fact]:
    for number, line in enumerate(text.splitlines(), 1):
        key, sep, value = line.partition(" = ")
        if sep and key and " " not in key:
            yield Fact(f"sysctl.{key}", _number(value.strip()), path, number)


@extractor("resolv_conf", ("resolv.nameservers", "resolv.search_domains"))
def _resolv(path: str, text: str) -> Iterator[Fact]:
    lines = text.splitlines()
    servers = [n for n, line in enumerate(lines, 1) if line.split()[:1] == ["nameserver"]]
    yield Fact("resolv.nameservers", len(servers), path, servers[0] if servers else 0)
    for number, line in enumerate(lines, 1):
        if line.split()[:1] == ["search"]:
            yield Fact("resolv.search_domains", len(line.split()) - 1, path, number)


_KUBELET_KEYS = {"maxPods": "kubelet.max_pods", "serverTLSBootstrap": "kubelet.server_tls_bootstrap",
                 "registryPullQPS": "kubelet.registry_pull_qps", "registryBurst": "kubelet.registry_burst",
                 "clusterDNS": "kubelet.cluster_dns", "providerID": "kubelet.provider_id",
                 "evictionHard": "kubelet.eviction_hard", "evictionSoft": "kubelet.eviction_soft"}
#: KubeletConfiguration (v1beta1) defaults that matter for triage, reported when a base config file leaves them out.
KUBELET_DEFAULTS = {"registryPullQPS": 5, "registryBurst": 10, "serverTLSBootstrap": False}


@extractor("kubelet_config", tuple(_KUBELET_KEYS.values()))
def _kubelet_config(path: str, text: str) -> Iterator[Fact]:
    """A KubeletConfiguration (JSON): the settings of interest, lists and maps as ``a,b`` / ``k<v,k<v`` strings, and
    the kubelet's defaults (line 0) for those a base file (not a drop-in) leaves out.

    >>> [(f.name, f.value) for f in _kubelet_config("kubelet/config.json", '{"clusterDNS": ["10.100.0.10"],'
    ...  ' "evictionHard": {"memory.available": "100Mi", "nodefs.available": "10%"}}')]
    [('kubelet.cluster_dns', '10.100.0.10'), ('kubelet.eviction_hard', 'memory.available<100Mi,nodefs.available<10%'),
     ('kubelet.registry_pull_qps', 5), ('kubelet.registry_burst', 10), ('kubelet.server_tls_bootstrap', False)]
    """
    try:
        config = orjson.loads(text)
    except orjson.JSONDecodeError:
        return
    if not isinstance(config, dict):
        return
    lines = text.splitlines()
    for key, name in _KUBELET_KEYS.items():
        value = config.get(key)
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ",".join(f"{k}<{v}" for k, v in sorted(value.items()))
        if isinstance(value, int | float | bool | str):
            number = next((i for i, line in enumerate(lines, 1) if f'"{key}"' in line), 0)
            yield Fact(name, value, path, number)
    if ".d/" not in path:
        for key, default in KUBELET_DEFAULTS.items():
            if key not in config:
                yield Fact(_KUBELET_KEYS[key], default, path, 0)


_IPVS_SERVICE = re.compile(r"^(?:-A -[tuf] |(?:TCP|UDP|SCTP)\s+\S+:\d+\s)")


@extractor("ipvsadm", ("kube_proxy.mode", "ipvs.virtual_services"))
def _ipvsadm(path: str, text: str) -> Iterator[Fact]:
    """``ipvsadm --save`` / ``-L -n``: virtual services mean kube-proxy runs in IPVS mode. ``ipvsadm not
    installed`` and an empty table say nothing."""
    services = [line for line in enumerate(text.splitlines(), 1) if _IPVS_SERVICE.match(line[1])]
    if services:
        first = services[0][0]
        yield Fact("kube_proxy.mode", "ipvs", path, first)
        saved = [n for n, line in services if line.startswith("-A ")]  # --save and -L list the same services
        yield Fact("ipvs.virtual_services", len(saved) or len(services), path, first)


def json_objects(text: str) -> Iterator[tuple[int, object]]:
    """Each top-level JSON value of a file that holds several concatenated ones, with its first line.

    >>> [v for _, v in json_objects('{"a": 1}\\n{"b": "}"}\\n')]
    [{'a': 1}, {'b': '}'}]
    """
    depth, start, in_string, escaped = 0, -1, False, False
    for i, ch in enumerate(text):
        if in_string:
            escaped, in_string = (not escaped and ch == "\\"), (in_string if escaped or ch != '"' else False)
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "}]" and depth:
            depth -= 1
            if depth == 0:
                try:
                    yield text.count("\n", 0, start) + 1, orjson.loads(text[start:i + 1])
                except orjson.JSONDecodeError:
                    continue


_IMAGE_TAG = re.compile(r"amazon-k8s-cni:(v[0-9][^\s\"]*)")


@extractor("cni_env", ("cni.version",))
def _cni_env_dump(path: str, text: str) -> Iterator[Fact]:
    """The newest aws-node container's full env and image tag (several concatenated objects)."""
    if not path.endswith("-containerd.json"):
        return
    newest: tuple[str, int, dict[str, object]] | None = None
    for line, obj in json_objects(text):
        if not isinstance(obj, dict):
            continue
        stamp = str(obj.get("UpdatedAt") or obj.get("CreatedAt") or "")
        if newest is None or stamp >= newest[0]:
            newest = (stamp, line, obj)
    if newest is None:
        return
    _, line, obj = newest
    tag = _IMAGE_TAG.search(str(obj.get("Image", "")))
    if tag:
        yield Fact("cni.version", tag.group(1), path, line)
    spec = obj.get("Spec")
    process = spec.get("process") if isinstance(spec, dict) else None
    env = process.get("env") if isinstance(process, dict) else None
    for item in env if isinstance(env, list) else []:
        key, sep, value = str(item).partition("=")
        if sep:
            yield Fact(f"cni.env.{key}", value, path, line)


@extractor("ipamd_env_settings", ())
def _ipamd_env(path: str, text: str) -> Iterator[Fact]:
    for line, obj in json_objects(text):
        for key, value in obj.items() if isinstance(obj, dict) else ():
            if isinstance(value, str | int | float | bool):
                yield Fact(f"cni.env.{key}", str(value).lower() if isinstance(value, bool) else str(value), path, line)


_BUILD_INFO = re.compile(r'^awscni_build_info\{[^}]*version="(v[^"]+)"')
_API_ERROR = re.compile(r'^awscni_aws_api_error_count\{[^}]*error="(RequestLimitExceeded|Throttling\w*)"[^}]*\} (\d+)')


@extractor("ipamd_metrics", ("ipamd.metrics_empty", "ipamd.api_throttled", "cni.version"))
def _metrics(path: str, text: str) -> Iterator[Fact]:
    yield Fact("ipamd.metrics_empty", not text.strip(), path, 0)
    throttled, first = 0, 0
    for number, line in enumerate(text.splitlines(), 1):
        m = _BUILD_INFO.match(line)
        if m:
            yield Fact("cni.version", m.group(1), path, number)
        m = _API_ERROR.match(line)
        if m:
            throttled += int(m.group(2))
            first = first or number
    yield Fact("ipamd.api_throttled", throttled, path, first)


def _first_line(name: str) -> Extractor:
    """An extractor for a file whose first non-empty line is the value (region, AZ, instance id)."""

    def read(path: str, text: str) -> Iterator[Fact]:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield Fact(name, line.strip(), path, number)
                return

    return read


extractor("region", ("node.region",))(_first_line("node.region"))
extractor("availability_zone", ("node.availability_zone",))(_first_line("node.availability_zone"))
extractor("instance_id", ("node.instance_id",))(_first_line("node.instance_id"))


@extractor("uname", ("kernel.release",))
def _uname(path: str, text: str) -> Iterator[Fact]:
    parts = text.split()
    if len(parts) >= 3 and parts[0] == "Linux":
        yield Fact("kernel.release", parts[2], path, 1)


@extractor("containerd_version", ("containerd.version",))
def _containerd_version(path: str, text: str) -> Iterator[Fact]:
    """``ctr version``: the Server section's version (the daemon), else the client's."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        key, _, value = line.strip().partition(":")
        if key == "Version" and value.strip():
            found.append((number, value.strip()))
    if found:
        number, value = found[-1]
        yield Fact("containerd.version", value, path, number)


_PACKAGES = {"os.release": re.compile(r"^system-release-(\S+?)\.(?:noarch|x86_64|aarch64)$"),
             "runc.version": re.compile(r"^runc-(\d[^-\s]*)-")}


@extractor("pkglist", tuple(_PACKAGES))
def _pkglist(path: str, text: str) -> Iterator[Fact]:
    """``rpm -qa``: the OS release and runc packages (dpkg tables on Ubuntu give no such names)."""
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        for name, pattern in _PACKAGES.items():
            m = pattern.match(line.strip())
            if m and name not in seen:
                seen.add(name)
                yield Fact(name, m.group(1), path, number)


@extractor("selinux", ("selinux.mode",))
def _selinux(path: str, text: str) -> Iterator[Fact]:
    """``getenforce`` under a ``SELinux mode:`` line: Enforcing / Permissive / Disabled / Not installed."""
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        value = line.strip()
        if value and not value.startswith("SELinux mode"):
            yield Fact("selinux.mode", value, path, number)
            return


_FAILED_UNIT = re.compile(r"^\s*(?:[●*]\s*)?(\S+\.(?:service|mount|socket|timer))\s+\S+\s+failed\b")


@extractor("services", ("systemd.failed_units",))
def _services(path: str, text: str) -> Iterator[Fact]:
    """``systemctl list-units``: the failed units, comma-separated (failed rows carry ● or * under LANG=C)."""
    failed = [(n, m.group(1)) for n, line in enumerate(text.splitlines(), 1) if (m := _FAILED_UNIT.match(line))]
    if failed:
        yield Fact("systemd.failed_units", ",".join(unit for _, unit in failed), path, failed[0][0])
    elif "UNIT" in text:
        yield Fact("systemd.failed_units", "", path, 0)


_FLAG = re.compile(r"--([a-z][a-z0-9-]*)(?:[= ]([^\s'\"\\]+))?")
KUBELET_FLAGS = ("max-pods", "node-ip", "hostname-override", "pod-infra-container-image", "cloud-provider",
                 "container-runtime-endpoint", "config", "v")
_AMI = re.compile(r"eks\.amazonaws\.com/nodegroup-image=(ami-[0-9a-f]+)")
_FLAG_FACTS = (*(f"kubelet.flag.{f}" for f in KUBELET_FLAGS), "kubelet.max_pods", "node.ami_id")


def _kubelet_flags(path: str, number: int, args: str) -> Iterator[Fact]:
    """Facts of kubelet command-line arguments: the flags of interest, ``--max-pods`` as the effective
    ``kubelet.max_pods`` (flags override the config file), and the AMI id a managed node group label reveals."""
    for flag, value in _FLAG.findall(args):
        if flag in KUBELET_FLAGS and value and not value.startswith("--"):
            yield Fact(f"kubelet.flag.{flag}", value, path, number)
            if flag == "max-pods" and value.isdigit():
                yield Fact("kubelet.max_pods", int(value), path, number)
    ami = _AMI.search(args)
    if ami:
        yield Fact("node.ami_id", ami.group(1), path, number)


@extractor("ps", _FLAG_FACTS)
def _ps(path: str, text: str) -> Iterator[Fact]:
    """The kubelet command line in ``ps fauxwww`` (the only place a bundle names the AMI)."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find("/kubelet ") if "/kubelet " in line else line.find(" kubelet --")
        if at >= 0:
            yield from _kubelet_flags(path, number, line[at:])
            return


_UNIT_ARGS = re.compile(r"^(?:ExecStart=\S*kubelet\b|Environment=['\"]?KUBELET(?:_EXTRA)?_ARGS=)")


@extractor("kubelet_service", _FLAG_FACTS)
def _kubelet_unit(path: str, text: str) -> Iterator[Fact]:
    """``systemctl cat kubelet``: flags on ExecStart (with its continuation lines) and in the KUBELET_ARGS /
    KUBELET_EXTRA_ARGS drop-ins of AL2 (AL2023 passes them in an environment file that is not collected);
    ``snap get kubelet-eks``: one ``key value`` row per flag."""
    lines = text.splitlines()
    if path.endswith("kubelet-eks_service.txt"):
        for number, line in enumerate(lines, 1):
            key, _, value = line.strip().partition(" ")
            if key in KUBELET_FLAGS and value.strip():
                yield from _kubelet_flags(path, number, f"--{key}={value.strip()}")
        return
    for number, line in enumerate(lines, 1):
        if not _UNIT_ARGS.match(line.strip()):
            continue
        args, last = line, number
        while args.rstrip().endswith("\\") and last < len(lines):
            args, last = args.rstrip()[:-1] + " " + lines[last], last + 1
        yield from _kubelet_flags(path, number, args)


#: Mount points whose fill level matters to the kubelet's nodefs / imagefs eviction signals.
_WATCHED_MOUNTS = {"/": "root", "/var": "var", "/var/lib/containerd": "containerd", "/var/lib/kubelet": "kubelet",
                   "/var/lib/docker": "docker"}
_DF_FACTS = tuple(f"disk.{m}.{k}" for m in _WATCHED_MOUNTS.values() for k in ("use_percent", "inode_use_percent"))


def _df_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of ``df -h`` / ``df -i`` tables (``Use%`` or ``IUse%`` header), with a long device name that ``df``
    wrapped onto its own line joined to the next one."""
    lines = text.splitlines()
    in_table, pending = False, ""
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if fields[:1] == ["Filesystem"]:
            in_table, pending = True, ""
            continue
        if not in_table or not fields:
            in_table = in_table and bool(fields)
            continue
        if len(fields) == 1:
            pending = fields[0]
            continue
        yield number, ([pending] if pending else []) + fields
        pending = ""


@extractor("mounts", _DF_FACTS)
def _df_usage(path: str, text: str) -> Iterator[Fact]:
    """``df -h`` (in ``storage/mounts.txt`` after the mount table) and ``df -i`` (``storage/inodes.txt``): how full
    the root and kubelet / runtime file systems are, in percent of blocks and of inodes."""
    kind = "inode_use_percent" if path.endswith("inodes.txt") else "use_percent"
    for number, fields in _df_rows(text):
        mount, use = fields[-1], fields[-2]
        if mount in _WATCHED_MOUNTS and use.endswith("%") and use[:-1].isdigit():
            yield Fact(f"disk.{_WATCHED_MOUNTS[mount]}.{kind}", int(use[:-1]), path, number)


@extractor("storage", ())
def _inodes(path: str, text: str) -> Iterator[Fact]:
    """``storage/inodes.txt`` (``df -i``); the other storage files hold no facts yet."""
    if path.endswith("inodes.txt"):
        yield from _df_usage(path, text)


_ADDON_IMAGE = re.compile(r"/eks/(kube-proxy|coredns):(v\d[^\s]*)")


@extractor("containerd_listings", ("kube_proxy.image_version", "coredns.image_version"))
def _images(path: str, text: str) -> Iterator[Fact]:
    """``ctr -n k8s.io images ls``: the kube-proxy and CoreDNS image tags (the first of each listed)."""
    if not path.endswith("containerd-images.txt"):
        return
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        m = _ADDON_IMAGE.search(line)
        if m and m.group(1) not in seen:
            seen.add(m.group(1))
            yield Fact(f"{m.group(1).replace('-', '_')}.image_version", m.group(2), path, number)


#: Every fact name an extractor can produce, plus the open families (``sysctl.<key>`` ...).
FACT_NAMES: frozenset[str] = _Names(_NAMES | derived.NAMES)


extractor("kubelet_config_al2", ())(_kubelet_config)


def _number(value: str) -> FactValue:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value
