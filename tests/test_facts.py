"""Fact extractors on real-shaped snapshot files, including the missing, empty and odd ones."""

from __future__ import annotations

import pytest

from triage.facts import FACT_NAMES, extract, json_objects

AL2023_PS = ("root        1950  1.6  2.1 1844764 83216 ?       Ssl  Oct11  76:10 /usr/bin/kubelet --config "
             "/etc/kubernetes/kubelet/config.json --kubeconfig /var/lib/kubelet/kubeconfig --hostname-override="
             "ip-10-0-1-23.us-west-2.compute.internal --node-ip=10.0.1.23 --node-labels=eks.amazonaws.com/"
             "nodegroup-image=ami-0c4f7b2e9a1d3c5e7,eks.amazonaws.com/capacityType=ON_DEMAND --max-pods=110")
AL2_UNIT = """# /etc/systemd/system/kubelet.service
[Unit]
Description=Kubernetes Kubelet

[Service]
ExecStart=/usr/bin/kubelet --cloud-provider aws \\
    --config /etc/kubernetes/kubelet/kubelet-config.json \\
    --container-runtime-endpoint unix:///run/containerd/containerd.sock \\
    $KUBELET_ARGS \\
    $KUBELET_EXTRA_ARGS

# /etc/systemd/system/kubelet.service.d/10-kubelet-args.conf
[Service]
Environment='KUBELET_ARGS=--node-ip=10.0.1.23 --pod-infra-container-image=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/pause:3.5 --v=2'

# /etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf
[Service]
Environment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup-image=ami-0e3f4a5b6c7d8e9f0 --max-pods=58'
"""


def facts(source: str, path: str, text: str) -> list[tuple[str, object, int]]:
    return [(f.name, f.value, f.line) for f in extract({source: [(path, text.encode())]})
            if f.name not in ("cni.collected", "cni.aws_conflist", "iptables.collected")]


@pytest.mark.parametrize(("source", "path", "text", "expected"), [
    ("ethtool", "networking/ethtool.txt",
     "Interface eth0\nNIC statistics:\n     bw_in_allowance_exceeded: 0\n     pps_allowance_exceeded: 12\n"
     "Interface eth1\nNIC statistics:\n     pps_allowance_exceeded: 3\n",
     [("ethtool.bw_in_allowance_exceeded", 0, 3), ("ethtool.pps_allowance_exceeded", 15, 4)]),
    ("ethtool", "networking/ethtool.txt", "/tmp/eks-log-collector.sh: line 712: ethtool: command not found\n", []),
    ("conntrack", "networking/conntrack.txt",
     "*** Output of conntrack -S *** \ncpu=0 found=0 invalid=12 insert=0 insert_failed=7 drop=7 early_drop=0\n",
     [("conntrack.drop", 7, 2), ("conntrack.early_drop", 0, 2), ("conntrack.insert_failed", 7, 2)]),
    ("io_throttling", "system/io_throttling.txt", "PID Name Block IO Delay (centisconds)\n", [("io.rows", 0, 0)]),
    ("io_throttling", "system/io_throttling.txt",
     "PID Name Block IO Delay (centisconds)\n1844 (kubelet) 342\n2011 (containerd) 118\n",
     [("io.containerd", 118, 3), ("io.kubelet", 342, 2), ("io.max_process", "kubelet", 2), ("io.max_ticks", 342, 2),
      ("io.rows", 2, 0)]),
    ("ipamd_enis", "ipamd/enis.json", "", [("ipamd.enis_empty", True, 0)]),
    ("selinux", "system/selinux.txt", "SELinux mode:\n\t Permissive\n", [("selinux.mode", "Permissive", 2)]),
    ("selinux", "system/selinux.txt", "", []),
    ("services", "system/services.txt",
     "  UNIT                 LOAD   ACTIVE SUB     DESCRIPTION\n* kubelet.service      loaded failed failed  Kubernetes Kubelet\n"
     "  containerd.service   loaded active running containerd container runtime\n",
     [("systemd.failed_units", "kubelet.service", 2)]),
    ("ps", "system/ps.txt", AL2023_PS,
     [("kubelet.flag.config", "/etc/kubernetes/kubelet/config.json", 1),
      ("kubelet.flag.hostname-override", "ip-10-0-1-23.us-west-2.compute.internal", 1),
      ("kubelet.flag.max-pods", "110", 1), ("kubelet.flag.node-ip", "10.0.1.23", 1),
      ("kubelet.max_pods", 110, 1), ("node.ami_id", "ami-0c4f7b2e9a1d3c5e7", 1)]),
    ("kubelet_service", "kubelet/kubelet_service.txt", AL2_UNIT,
     [("kubelet.flag.cloud-provider", "aws", 6), ("kubelet.flag.config", "/etc/kubernetes/kubelet/kubelet-config.json", 6),
      ("kubelet.flag.container-runtime-endpoint", "unix:///run/containerd/containerd.sock", 6),
      ("kubelet.flag.max-pods", "58", 18), ("kubelet.flag.node-ip", "10.0.1.23", 14),
      ("kubelet.flag.pod-infra-container-image", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/pause:3.5", 14),
      ("kubelet.flag.v", "2", 14), ("kubelet.max_pods", 58, 18), ("node.ami_id", "ami-0e3f4a5b6c7d8e9f0", 18)]),
    ("kubelet_service", "kubelet/kubelet_service.txt",  # AL2023: flags in /etc/eks/kubelet/environment, not collected
     "# /etc/systemd/system/kubelet.service\n[Service]\nEnvironmentFile=/etc/eks/kubelet/environment\n"
     "ExecStart=/usr/bin/kubelet $NODEADM_KUBELET_ARGS\n", []),
    ("kubelet_service", "kubelet/kubelet-eks_service.txt", "Key        Value\nmax-pods   29\ncluster-dns  10.100.0.10\n",
     [("kubelet.flag.max-pods", "29", 2), ("kubelet.max_pods", 29, 2)]),
    ("ps", "system/ps.txt", "timeout: failed to run command 'ps': No such file or directory\n", []),
    ("pkglist", "system/pkglist.txt", "containerd-2.0.5-1.amzn2023.0.1.x86_64\nrunc-1.2.6-1.amzn2023.0.1.x86_64\n"
     "system-release-2023.9.20260922-0.amzn2023.noarch\n",
     [("os.release", "2023.9.20260922-0.amzn2023", 3), ("runc.version", "1.2.6", 2)]),
    ("pkglist", "system/pkglist.txt", "system-release-2-16.amzn2.x86_64\n", [("os.release", "2-16.amzn2", 1)]),
    ("containerd_version", "containerd/containerd-version.txt",
     "Client:\n  Version:  1.7.11\n  Revision: abc\n\nServer:\n  Version:  1.7.25\n",
     [("containerd.version", "1.7.25", 6)]),
    ("uname", "kernel/uname.txt", "Linux ip-10-0-1-23 6.1.84-99.169.amzn2023.x86_64 #1 SMP x86_64 GNU/Linux\n",
     [("kernel.release", "6.1.84-99.169.amzn2023.x86_64", 1)]),
    ("kubelet_config", "kubelet/config.json", '{\n  "maxPods": 110,\n  "serverTLSBootstrap": true\n}',
     [("kubelet.max_pods", 110, 2), ("kubelet.registry_burst", 10, 0), ("kubelet.registry_pull_qps", 5, 0),
      ("kubelet.server_tls_bootstrap", True, 3)]),
    ("kubelet_config", "kubelet/config.json.d/40-nodeadm.conf", '{"maxPods": 58}', [("kubelet.max_pods", 58, 1)]),
    ("kubelet_config_al2", "kubelet/kubelet-config.json",
     '{\n  "clusterDNS": [\n    "10.100.0.10"\n  ],\n  "registryPullQPS": 20,\n  "providerID": "aws:///us-west-2a/i-0a1b"\n}',
     [("kubelet.cluster_dns", "10.100.0.10", 2), ("kubelet.provider_id", "aws:///us-west-2a/i-0a1b", 6),
      ("kubelet.registry_burst", 10, 0), ("kubelet.registry_pull_qps", 20, 5), ("kubelet.server_tls_bootstrap", False, 0)]),
    ("mounts", "storage/mounts.txt",
     "/dev/nvme0n1p1 on / type xfs (rw,noatime,seclabel,attr2,inode64)\n\nFilesystem      Size  Used Avail Use% Mounted on\n"
     "devtmpfs        4.0M     0  4.0M   0% /dev\n/dev/nvme0n1p1   20G   19G  1.0G  95% /\n"
     "/dev/mapper/vg_data-lv_containerd\n                100G   41G   59G  41% /var/lib/containerd\n",
     [("disk.containerd.use_percent", 41, 7), ("disk.root.use_percent", 95, 5)]),
    ("mounts", "storage/mounts.txt", "/tmp/eks-log-collector.sh: line 590: df: command not found\n", []),
    ("storage", "storage/inodes.txt", "Filesystem       Inodes  IUsed    IFree IUse% Mounted on\n"
     "/dev/nvme0n1p1 10484736 10484736       0  100% /\n", [("disk.root.inode_use_percent", 100, 2)]),
    ("storage", "storage/lsblk.txt", "NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINT\nnvme0n1 259:0 0 80G 0 disk\n", []),
    ("iptables_save", "networking/iptables-save.txt",  # VPC CNI >= 1.17, with an exclusion and hashrandom
     "*nat\n:AWS-SNAT-CHAIN-0 - [0:0]\n"
     "-A POSTROUTING -m comment --comment \"AWS SNAT CHAIN\" -j AWS-SNAT-CHAIN-0\n"
     "-A AWS-SNAT-CHAIN-0 -d 10.0.0.0/16 -m comment --comment \"AWS SNAT CHAIN\" -j RETURN\n"
     "-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment \"AWS SNAT CHAIN EXCLUSION\" -j RETURN\n"
     "-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment \"AWS, SNAT\" -m addrtype ! --dst-type LOCAL -j SNAT "
     "--to-source 10.0.1.23 --random\nCOMMIT\n",
     [("iptables.aws_snat", True, 2), ("iptables.calico_chains", 0, 0), ("iptables.chain.AWS-SNAT-CHAIN-0", True, 2),
      ("iptables.cilium_chains", 0, 0), ("iptables.kube_services", False, 0), ("iptables.rules", 4, 0),
      ("iptables.snat.excluded_cidrs", "192.168.0.0/16", 5), ("iptables.snat.port_mode", "random", 6),
      ("iptables.snat.to_source", "10.0.1.23", 6), ("iptables.snat.vpc_cidrs", "10.0.0.0/16", 4)]),
    ("iptables_save", "networking/iptables-save.txt",  # VPC CNI <= 1.16: chained, no port randomisation
     "*nat\n:AWS-SNAT-CHAIN-0 - [0:0]\n:AWS-SNAT-CHAIN-1 - [0:0]\n"
     "-A AWS-SNAT-CHAIN-0 ! -d 10.0.0.0/16 -m comment --comment \"AWS SNAT CHAIN\" -j AWS-SNAT-CHAIN-1\n"
     "-A AWS-SNAT-CHAIN-1 -m comment --comment \"AWS, SNAT\" -m addrtype ! --dst-type LOCAL -j SNAT "
     "--to-source 10.0.1.23\nCOMMIT\n",
     [("iptables.aws_snat", True, 2), ("iptables.calico_chains", 0, 0), ("iptables.chain.AWS-SNAT-CHAIN-0", True, 2),
      ("iptables.chain.AWS-SNAT-CHAIN-1", True, 3), ("iptables.cilium_chains", 0, 0), ("iptables.kube_services", False, 0),
      ("iptables.rules", 2, 0), ("iptables.snat.port_mode", "none", 5), ("iptables.snat.to_source", "10.0.1.23", 5),
      ("iptables.snat.vpc_cidrs", "10.0.0.0/16", 4)]),
    ("kubelet_service", "kubelet/kubelet_service.txt", "No files found for kubelet.service.\n", []),
    ("containerd_listings", "containerd/containerd-images.txt",
     "timeout: failed to run command 'ctr': No such file or directory\n", []),
    ("containerd_listings", "containerd/containerd-images.txt",
     "REF TYPE DIGEST SIZE PLATFORMS LABELS\n"
     "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.4-eksbuild.2 application/vnd.oci.image.index.v1+json "
     "sha256:4a1b 22.9 MiB linux/amd64,linux/arm64 io.cri-containerd.image=managed\n"
     "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.3-minimal-eksbuild.2 application/vnd.oci.image."
     "index.v1+json sha256:9c3d 33.1 MiB linux/amd64,linux/arm64 io.cri-containerd.image=managed\n",
     [("coredns.image_version", "v1.11.4-eksbuild.2", 2), ("kube_proxy.image_version", "v1.31.3-minimal-eksbuild.2", 3)]),
    ("ipvsadm", "networking/ipvsadm.txt", "ipvsadm not installed\n", []),
    ("ipvsadm", "networking/ipvsadm.txt",
     "-A -t 172.20.0.1:443 -s rr\n-a -t 172.20.0.1:443 -r 10.0.1.5:443 -m -w 1\n-A -u 172.20.0.10:53 -s rr\n"
     "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n"
     "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  172.20.0.1:443 rr\n",
     [("ipvs.virtual_services", 2, 1), ("kube_proxy.mode", "ipvs", 1)]),
    ("kubelet_config", "kubelet/config.json", "{not json", []),
    ("cni_config", "cni/10-calico.conflist", '{"name": "k8s-pod-network"}', [("cni.other_conflists", 1, 0)]),
    ("ipamd_metrics", "ipamd/metrics.json", "", [("ipamd.api_throttled", 0, 0), ("ipamd.metrics_empty", True, 0)]),
    ("resolv_conf", "networking/resolv.conf", "search ec2.internal\nnameserver 10.0.0.2\n",
     [("resolv.nameservers", 1, 2), ("resolv.search_domains", 1, 1)]),
    ("region", "system/region.txt", "\n", []),
    ("instance_id", "system/instance-id.txt", "i-0a1b2c3d4e5f67890\n", [("node.instance_id", "i-0a1b2c3d4e5f67890", 1)]),
])
def test_extractor(source: str, path: str, text: str, expected: list[tuple[str, object, int]]) -> None:
    assert facts(source, path, text) == expected


def test_flags_override_the_config_file_and_drop_ins_override_the_base() -> None:
    snapshots = {
        "kubelet_config_al2": [("kubelet/kubelet-config.json", b'{"maxPods": 29}')],
        "kubelet_service": [("kubelet/kubelet_service.txt", AL2_UNIT.encode())],
        "kubelet_config": [("kubelet/config.json", b'{"maxPods": 17}'),
                           ("kubelet/config.json.d/40-nodeadm.conf", b'{"maxPods": 35}')],
    }
    assert [(f.value, f.member) for f in extract(snapshots) if f.name == "kubelet.max_pods"] == [
        (58, "kubelet/kubelet_service.txt"), (35, "kubelet/config.json.d/40-nodeadm.conf"), (17, "kubelet/config.json"),
        (29, "kubelet/kubelet-config.json")]
    with_ps = {**snapshots, "ps": [("system/ps.txt", AL2023_PS.encode())]}
    assert next(f for f in extract(with_ps) if f.name == "kubelet.max_pods").value == 110


def test_env_dump_is_several_concatenated_objects_and_the_newest_wins() -> None:
    dump = ('{\n  "Image": "x/amazon-k8s-cni:v1.18.3-eksbuild.1",\n  "UpdatedAt": "2024-05-01T10:00:00Z",\n'
            '  "Spec": {"process": {"env": ["AWS_VPC_K8S_CNI_EXTERNALSNAT=true"]}}\n}\n'
            '{\n  "Image": "x/amazon-k8s-cni:v1.19.2-eksbuild.1",\n  "UpdatedAt": "2024-05-02T10:00:00Z",\n'
            '  "Spec": {"process": {"env": ["AWS_VPC_K8S_CNI_EXTERNALSNAT=false", "X=a=b"]}}\n}\n')
    assert facts("cni_env", "cni/cni-configuration-variables-containerd.json", dump) == [
        ("cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT", "false", 6), ("cni.env.X", "a=b", 6), ("cni.version", "v1.19.2-eksbuild.1", 6)]
    assert [v for _, v in json_objects('{"a": "}{"} [1, 2] {broken')] == [{"a": "}{"}, [1, 2]]


def test_presence_facts_tell_not_collected_from_missing() -> None:
    nothing = {f.name: f.value for f in extract({})}
    assert nothing == {"cni.collected": False, "cni.aws_conflist": False, "iptables.collected": False}
    conf = {f.name: f.value for f in extract({"cni_config": [("cni/10-aws.conflist", b"{}")]})}
    assert (conf["cni.collected"], conf["cni.aws_conflist"]) == (True, True)


def test_every_registered_name_is_known_to_the_lint() -> None:
    assert {"eni.max_pods", "selinux.mode", "kubelet.flag.max-pods", "cni.env.ANYTHING", "sysctl.net.ipv4.ip_forward"} \
        <= {n for n in ("eni.max_pods", "selinux.mode", "kubelet.flag.max-pods", "cni.env.ANYTHING",
                         "sysctl.net.ipv4.ip_forward") if n in FACT_NAMES}


@pytest.mark.parametrize(("name", "expected"), [
    ("0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.tar", {  # AL2023 (nodeadm, config.json)
        "node.instance_type": "m5.large", "cluster.name": "shop-prod", "kubelet.max_pods": 29, "eni.max_pods": 29,
        "kernel.release": "6.1.156-177.286.amzn2023.x86_64", "containerd.version": "2.0.5"}),
    ("2025-02-18_0945-UTC_0.7.8", {  # AL2 (kubelet-config.json), the add-on skew incident
        "kubelet.version": "v1.31.4-eks-aeac579", "kube_proxy.version": "v1.26.15-eks-1552ad0",
        "kube_proxy.image_version": "v1.26.15-eksbuild.2", "skew.kube_proxy.behind": 5, "selinux.mode": "Disabled"}),
    ("2020-10-07_1411-UTC_0.6.2", {  # collector 0.6.2, dockershim era: no kubelet config file collected
        "kubelet.version": "v1.17.11-eks-cfdc40", "cluster.version": "v1.17", "cni.version": "v1.7.5",
        "kernel.release": "4.14.198-152.320.amzn2.x86_64", "kube_proxy.mode": "iptables", "eni.max_pods": 17}),
])
def test_facts_of_each_layout(name: str, expected: dict[str, object]) -> None:
    from conftest import sample

    from triage.engine import analyze

    facts = analyze(str(sample(name))).facts
    got = {f.name: f.value for f in reversed(facts)}  # the first fact of a name wins, as in conditions
    assert {k: got.get(k) for k in expected} == expected
    assert all(f.member for f in facts if f.line)  # every fact read from a line names its file
    if "0.6.2" in name:
        assert "kubelet.max_pods" not in got
