"""Hypotheses: every seed sample ranks its expected root cause first; ranking rules on synthetic findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from conftest import sample

from triage.engine import analyze
from triage.hypotheses import load_hypotheses, rank
from triage.model import Coverage, Fact, Finding
from triage.signatures import load_library

LIBRARY = load_library()
SPECS, ISSUES = load_hypotheses(LIBRARY)
T = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

SEEDS = [
    ("2022-12-14_1027-UTC_0.7.3", "kube_proxy_not_ready_at_ipamd_start"),
    ("2026-08-21_1542-UTC_0.7.9", "scale_up_api_throttling"),
    ("2026-01-02_0040-UTC_0.7.9", "kubelet_serving_cert_unavailable"),
    ("2026-05-06_1605-UTC_0.7.9", "external_snat_disabled"),
    ("2025-02-18_0945-UTC_0.7.8", "addon_version_skew"),
    ("2026-07-08_1455-UTC_0.7.9", "third_party_cni_installed"),
    ("2024-11-20_1410-UTC_0.7.8", "userdata_broke_node_networking"),
    ("2026-09-02_1033-UTC_0.7.9", "ip_capacity_exhausted"),
]


def test_all_eleven_hypotheses_load() -> None:
    assert ISSUES == []
    assert sorted(s.id for s in SPECS) == [
        "addon_version_skew", "container_runtime_failure", "external_snat_disabled", "ip_capacity_exhausted",
        "kube_proxy_not_ready_at_ipamd_start", "kubelet_serving_cert_unavailable", "node_cannot_join",
        "node_resource_exhaustion", "scale_up_api_throttling", "third_party_cni_installed",
        "userdata_broke_node_networking"]


@pytest.mark.parametrize(("name", "expected"), SEEDS)
def test_seed_sample_ranks_its_root_cause_first(name: str, expected: str) -> None:
    result = analyze(str(sample(name)))
    assert result.hypotheses[0].id == expected
    assert [h.rank for h in result.hypotheses] == list(range(1, len(result.hypotheses) + 1))


@pytest.mark.parametrize("name", ["0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.tar", "2024-04-09_1103-UTC_0.7.6",
                                  "2026-05-04_1320-UTC_0.7.9", "2025-12-03_1527-UTC_0.7.9", "compute.internal-logs"])
def test_healthy_samples_yield_no_hypothesis(name: str) -> None:
    result = analyze(str(sample(name)))
    assert (result.hypotheses, result.ruled_out) == ((), ())


def finding(sig: str, first: datetime | None, severity: str = "error") -> Finding:
    return Finding(sig, severity, sig, "x", 3, first, first, ("kubelet_journal",), (), "", (), ())


def test_cause_before_symptom_wins_and_why_names_the_runner_up() -> None:
    found = (finding("ipamd_apiserver_unreachable", T), finding("cni_plugin_cannot_reach_ipamd", T + timedelta(minutes=5)),
             finding("ec2_api_throttling", T + timedelta(minutes=9), "warning"))
    hyps, ruled = rank(SPECS, found, (), (), LIBRARY)
    assert [(h.id, h.score, h.confidence) for h in hyps] == [
        ("kube_proxy_not_ready_at_ipamd_start", 63.0, "medium"), ("scale_up_api_throttling", 32.0, "low")]
    assert hyps[0].why.startswith("Ranks above 'A burst scale-up hit API and IO throttling' (score 63 vs 32): "
                                  "2 of its 6 kinds of evidence are present; its cause comes first (2024-05-01T12:00:00Z)")
    assert hyps[0].finding_ids == ("ipamd_apiserver_unreachable", "cni_plugin_cannot_reach_ipamd")
    assert ruled == ()


def test_cause_after_symptoms_costs_score() -> None:
    early = (finding("ipamd_apiserver_unreachable", T), finding("ipamd_not_starting", T + timedelta(minutes=5)))
    late = (finding("ipamd_apiserver_unreachable", T + timedelta(minutes=5)), finding("ipamd_not_starting", T))
    assert rank(SPECS, early, (), (), LIBRARY)[0][0].score - rank(SPECS, late, (), (), LIBRARY)[0][0].score == 15.0


def test_coverage_gap_lowers_confidence_and_is_named() -> None:
    found = (finding("ipamd_not_starting", T, "critical"), finding("cni_plugin_cannot_reach_ipamd", T),
             finding("ipamd_apiserver_unreachable", T))
    full = rank(SPECS, found, (), (), LIBRARY)[0][0]
    gap = rank(SPECS, found, (), (Coverage("kube_proxy_container", "missing", "not in this bundle"),), LIBRARY)[0][0]
    assert (full.confidence, full.coverage_gaps) == ("high", ())
    assert gap.coverage_gaps == ("kube_proxy_container missing: cannot confirm that kube-proxy failed to program or keep "
                                 "its iptables rules",)
    assert gap.confidence == "medium"
    assert replace(gap, coverage_gaps=(), confidence="high") == full


def test_partial_evidence_without_the_required_finding_is_ruled_out_with_the_reason() -> None:
    hyps, ruled = rank(SPECS, (finding("ipamd_not_starting", T),), (), (), LIBRARY)
    assert hyps == ()
    assert [(r.id, r.reason) for r in ruled] == [
        ("kube_proxy_not_ready_at_ipamd_start", "no finding of cni_plugin_cannot_reach_ipamd, ipamd_apiserver_unreachable")]


def test_a_full_disk_corroborates_disk_pressure_evictions() -> None:
    found = (finding("disk_pressure_eviction", T),)
    full = (Fact("disk.root.use_percent", 96, "storage/mounts.txt", 30),)
    roomy = (Fact("disk.root.use_percent", 41, "storage/mounts.txt", 30),)
    with_full, with_roomy = rank(SPECS, found, full, (), LIBRARY)[0][0], rank(SPECS, found, roomy, (), LIBRARY)[0][0]
    assert (with_full.id, with_roomy.id) == ("node_resource_exhaustion", "node_resource_exhaustion")
    assert with_full.score > with_roomy.score
    assert [s for s in with_full.supporting if "85%" in s] == [
        "a file system the kubelet evicts on was at least 85% full (blocks or inodes) when the bundle was taken"]
    assert [s for s in with_roomy.missing if "85%" in s] == [
        "a file system the kubelet evicts on was at least 85% full (blocks or inodes) when the bundle was taken"]
