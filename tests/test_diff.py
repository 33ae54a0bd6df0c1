"""triage facts and triage diff: the SNAT and add-on skew incidents, on the sample pairs."""

from __future__ import annotations

import html

import orjson
from conftest import sample
from test_cli import run

from triage.diff import Change, diff, fact_changes
from triage.engine import analyze
from triage.model import Fact

SNAT_BEFORE, SNAT_AFTER = sample("2026-05-04_1320-UTC_0.7.9"), sample("2026-05-06_1605-UTC_0.7.9")
SKEW_BEFORE, SKEW_AFTER = sample("2024-04-09_1103-UTC_0.7.6"), sample("2025-02-18_0945-UTC_0.7.8")


def test_snat_flip_is_the_first_change() -> None:
    d = diff(analyze(str(SNAT_BEFORE)), analyze(str(SNAT_AFTER)))
    assert d.changes[0] == Change(
        "fact", "cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT", "true", "false", True,
        "SNAT of pod traffic leaving the VPC: peers outside it see the node, not the pod, and connections from "
        "secondary IPs can time out")
    assert (d.before.top_hypothesis, d.after.top_hypothesis) == (None, "external_snat_disabled")


def test_addon_skew_is_named_with_the_versions() -> None:
    d = diff(analyze(str(SKEW_BEFORE)), analyze(str(SKEW_AFTER)))
    assert list(d.changes[:2]) == [
        Change("fact", "skew.cni.behind", 0, 6, True,
               "minor versions the VPC CNI lags the version EKS lists for the cluster; 1 allowed"),
        Change("fact", "skew.kube_proxy.behind", 0, 5, True,
               "minor versions kube-proxy lags the control plane (or the kubelet); 3 allowed")]
    assert Change("fact", "kubelet.version", "v1.26.15-eks-1552ad0", "v1.31.4-eks-aeac579", True, "kubelet version") \
        in d.changes
    single = analyze(str(SKEW_AFTER))
    skew = next(f for f in single.findings if f.signature_id == "kube_proxy_version_skew")
    assert [e.text for e in skew.evidence] == [
        "cluster.version = v1.31", "kube_proxy.version = v1.26.15-eks-1552ad0", "kubelet.version = v1.31.4-eks-aeac579",
        "skew.kube_proxy.allowed = 3", "skew.kube_proxy.behind = 5"]
    assert single.hypotheses[0].id == "addon_version_skew"


def test_fact_only_in_one_bundle_is_not_risky() -> None:
    d = diff(analyze(str(SKEW_BEFORE)), analyze(str(SKEW_AFTER)))
    max_pods = next(c for c in d.changes if c.name == "kubelet.max_pods")
    assert max_pods == Change("fact", "kubelet.max_pods", None, 29, False, "collected in only one of the bundles")


def test_cli_diff_exit_codes_and_json() -> None:
    risky = run("diff", str(SNAT_BEFORE), str(SNAT_AFTER), "--fail-on-change")
    assert risky.returncode == 1
    assert risky.stdout.splitlines()[5].startswith("! cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT: true -> false")
    same = run("diff", str(SNAT_AFTER), str(SNAT_AFTER), "--fail-on-change")
    assert same.returncode == 0
    assert same.stdout.endswith("No configuration, version, finding or hypothesis changed.\n")
    doc = orjson.loads(run("diff", str(SNAT_BEFORE), str(SNAT_AFTER), "--format", "json").stdout)
    assert doc["changes"][0]["name"] == "cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT"


def test_cli_facts_with_provenance() -> None:
    text = run("facts", str(SKEW_AFTER))
    assert text.returncode == 0
    assert any(line.split() == ["kube_proxy.version", "v1.26.15-eks-1552ad0",
                                "var_log/kube-system_kube-proxy-h5rb7_54d4669a-726e-44d4-ae95-8d86c7fc5eef/kube-proxy/0.log:7"]
               for line in text.stdout.splitlines())
    facts = orjson.loads(run("facts", str(SKEW_AFTER), "--format", "json").stdout)
    assert {"name": "node.instance_type", "value": "m5.large", "member": "kernel/dmesg.boot", "line": 8} in facts


def test_diff_html_is_escaped_and_offline() -> None:
    from dataclasses import replace

    from triage.report.diff import render_diff_html

    d = diff(analyze(str(SNAT_BEFORE)), analyze(str(SNAT_AFTER)))
    hostile = replace(d, changes=(Change("fact", "cni.env.X", "<script>alert(1)</script>", '"><img src=x>', True, "w"),
                                  *d.changes))
    page = render_diff_html(hostile)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x&gt;" in page
    assert "default-src 'none'" in html.unescape(page)
    assert "<script" not in page.replace("&lt;script", "")
    assert page.index("cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT") < page.index("Other changes")


def test_a_skew_change_is_risky_only_out_of_range() -> None:
    def side(behind: int) -> tuple[Fact, ...]:
        return (Fact("skew.cni.behind", behind, "m", 1), Fact("skew.cni.allowed", 1, "m", 1),
                Fact("skew.cni.expected", "v1.19.2-eksbuild.1", "m", 1))
    why = "minor versions the VPC CNI lags the version EKS lists for the cluster; 1 allowed"
    assert fact_changes(side(0), side(-1)) == [Change("fact", "skew.cni.behind", 0, -1, False, why)]
    assert fact_changes(side(0), side(1)) == [Change("fact", "skew.cni.behind", 0, 1, False, why)]
    assert fact_changes(side(1), side(3)) == [Change("fact", "skew.cni.behind", 1, 3, True, why)]
