"""SARIF output: valid against the vendored OASIS SARIF 2.1.0 schema, one rule per fired signature, stable ids."""

from __future__ import annotations

import dataclasses
import functools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import SAMPLES, sample
from jsonschema.validators import validator_for

from triage.engine import analyze
from triage.formats.base import TimeQuality
from triage.model import Analysis, Evidence, Hypothesis, Issue, RuledOut
from triage.report.sarif import FINGERPRINT_KEY, LEVELS, URI_BASE_ID, render_sarif, rule_name

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
BUNDLES = sorted(p.name for p in SAMPLES.iterdir() if p.name.endswith((".tar.gz", ".zip")))
RACE = "eks_i-04c3e2d1a9b8f7061_2022-12-14_1027-UTC_0.7.3"
CALICO = "eks_i-0b3c4d5e6f7a8b9c0_2026-07-08_1455-UTC_0.7.9"
HEALTHY = "eks_i-0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9"


@functools.cache
def _validator() -> Any:
    schema = orjson.loads(SCHEMA_PATH.read_bytes())
    cls = validator_for(schema)  # the draft the file's $schema names (draft-04); format checks off: offline
    cls.check_schema(schema)
    return cls(schema)


@functools.cache
def _analysis(name: str) -> Analysis:
    return analyze(str(SAMPLES / name))


def _sarif(analysis: Analysis) -> dict[str, Any]:
    doc: dict[str, Any] = orjson.loads(render_sarif(analysis))
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return doc


def test_vendored_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    schema = orjson.loads(SCHEMA_PATH.read_bytes())
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert _validator().__class__.__name__ == "Draft4Validator"


@pytest.mark.parametrize("name", BUNDLES)
def test_every_sample_renders_valid_sarif(name: str) -> None:
    analysis = _analysis(name)
    doc = _sarif(analysis)
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.signature_id for f in analysis.findings})
    assert [r["ruleId"] for r in run["results"]] == [f.signature_id for f in analysis.findings]
    for result, finding in zip(run["results"], analysis.findings, strict=True):
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["name"] == rule_name(finding.signature_id)
        assert result["level"] == rule["defaultConfiguration"]["level"] == LEVELS[finding.severity]
        assert result["properties"]["count"] == finding.count
        assert len(result["locations"]) + len(result.get("relatedLocations", ())) == len(finding.evidence)
    assert run["originalUriBaseIds"][URI_BASE_ID]["description"]["text"] == analysis.bundle.file_name
    assert run["properties"]["schema_version"] == analysis.schema_version
    assert run["properties"]["signatures_digest"] == analysis.tool.signatures_digest
    assert "informationUri" not in run["tool"]["driver"]


def test_race_sample_results_point_at_lines_inside_the_bundle() -> None:
    analysis = _analysis(f"{RACE}.tar.gz")
    run = _sarif(analysis)["runs"][0]
    assert len(run["results"]) == len(analysis.findings) >= 8
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == URI_BASE_ID
        assert physical["artifactLocation"]["uri"]
        assert not physical["artifactLocation"]["uri"].startswith(("/", "./"))
        assert physical["region"]["startLine"] >= 1
    by_rule = {r["ruleId"]: r for r in run["results"]}
    ipamd = by_rule["ipamd_not_starting"]
    physical = ipamd["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == (
        "var_log/kube-system_aws-node-5tv54_8af59b7b-49b2-4eb1-b594-b0ec3cd793c8/aws-node/5.log")
    assert physical["region"] == {"startLine": 5}
    assert ipamd["level"] == "error"  # critical
    assert ipamd["message"]["text"].startswith("aws-node is stuck waiting for L-IPAMD: 64 occurrences, first 2022-12-14T10:19:22")
    assert by_rule["image_pull_qps_exceeded"]["level"] == "warning"
    # a fact about the whole file (line 0) keeps its uri and has no region
    metrics = [loc for loc in by_rule["ec2_api_throttling"]["relatedLocations"]
               if loc["physicalLocation"]["artifactLocation"]["uri"] == "ipamd/metrics.json"]
    assert len(metrics) == 1
    assert "region" not in metrics[0]["physicalLocation"]
    assert run["properties"]["bundle"]["instance_id"] == "i-04c3e2d1a9b8f7061"
    assert run["properties"]["capture_time"] == "2022-12-14T10:28:11Z"


def test_fingerprints_are_stable_across_runs_and_distinct_across_findings() -> None:
    path = str(sample(RACE))
    first, second = render_sarif(analyze(path)), render_sarif(analyze(path))
    assert first == second
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in orjson.loads(first)["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)
    assert all(len(p) == 64 and int(p, 16) >= 0 for p in prints)


def test_fingerprint_ignores_evidence_lines_and_times_but_not_the_node() -> None:
    analysis = _analysis(f"{RACE}.tar.gz")
    finding = analysis.findings[0]
    moved = dataclasses.replace(finding, count=finding.count + 7, evidence=tuple(
        dataclasses.replace(e, line=e.line + 100, ts=None) for e in finding.evidence))
    base = orjson.loads(render_sarif(analysis))["runs"][0]["results"][0]["partialFingerprints"]
    same = orjson.loads(render_sarif(dataclasses.replace(analysis, findings=(moved,))))["runs"][0]["results"][0]
    other_node = dataclasses.replace(analysis, bundle=dataclasses.replace(analysis.bundle, instance_id="i-0123456789abcdef0"))
    other = orjson.loads(render_sarif(other_node))["runs"][0]["results"][0]["partialFingerprints"]
    assert same["partialFingerprints"] == base
    assert other != base


def _fact(member: str, text: str) -> Evidence:
    return Evidence(member=member, line=0, ts=None, time_quality=TimeQuality.NONE, text=text, pattern="fact",
                    before=(), after=())


def test_fact_only_finding_gets_a_file_location_without_region() -> None:
    analysis = _analysis(f"{RACE}.tar.gz")
    finding = dataclasses.replace(analysis.findings[0], first_ts=None, last_ts=None, count=1, sources=(), evidence=(
        _fact("", "cni.collected = True"), _fact("ipamd/metrics.json", "ipamd.metrics_empty = True"),
        _fact("cni/aws.conf", "cni.other_conflists = 1")))
    result = _sarif(dataclasses.replace(analysis, findings=(finding,)))["runs"][0]["results"][0]
    (primary,) = result["locations"]
    assert primary["physicalLocation"] == {"artifactLocation": {"uri": "ipamd/metrics.json", "uriBaseId": URI_BASE_ID}}
    assert primary["message"]["text"] == "ipamd.metrics_empty = True"
    related = result["relatedLocations"]
    assert [loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri") for loc in related] == [
        None, "cni/aws.conf"]
    assert related[0]["message"]["text"] == "cni.collected = True"
    assert result["properties"]["first_ts"] is None
    assert result["message"]["text"] == f"{finding.title}: 1 occurrence."


def test_finding_with_no_file_at_all_still_validates() -> None:
    analysis = _analysis(f"{RACE}.tar.gz")
    finding = dataclasses.replace(analysis.findings[0], evidence=(_fact("", "cni.collected = False"),))
    result = _sarif(dataclasses.replace(analysis, findings=(finding,)))["runs"][0]["results"][0]
    assert result["locations"] == []
    assert result["relatedLocations"] == [{"id": 1, "message": {"text": "cni.collected = False"}}]


def test_calico_sample_fact_evidence_with_a_line_is_the_primary_location() -> None:
    result = _sarif(_analysis(f"{CALICO}.tar.gz"))["runs"][0]["results"][0]
    assert result["ruleId"] == "other_cni_on_top_of_vpc_cni"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "networking/iptables-save.txt", "uriBaseId": URI_BASE_ID}, "region": {"startLine": 26}}


def test_member_paths_become_relative_uri_references() -> None:
    analysis = _analysis(f"{RACE}.tar.gz")
    ev = dataclasses.replace(analysis.findings[0].evidence[0], member="var_log/odd name:50%#1.log")
    finding = dataclasses.replace(analysis.findings[0], evidence=(ev,))
    result = _sarif(dataclasses.replace(analysis, findings=(finding,)))["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "var_log/odd%20name%3A50%25%231.log"


def _hypothesis(hid: str, rank: int, finding_ids: tuple[str, ...]) -> Hypothesis:
    return Hypothesis(id=hid, rank=rank, score=90.0 - 20 * rank, confidence="high" if rank == 1 else "low", title=hid,
                      summary="s", finding_ids=finding_ids, supporting=(), missing=(), coverage_gaps=(),
                      first_ts=datetime(2022, 12, 14, 10, 5, 50, tzinfo=UTC), remediation=(), references=(), why="w")


def test_hypotheses_appear_as_ids_and_ranks() -> None:
    analysis = dataclasses.replace(
        _analysis(f"{RACE}.tar.gz"),
        hypotheses=(_hypothesis("kube_proxy_not_ready_at_ipamd_start", 1, ("ipamd_not_starting", "ipamd_apiserver_unreachable")),
                    _hypothesis("scale_up_api_throttling", 2, ("ec2_api_throttling", "ipamd_not_starting"))),
        ruled_out=(RuledOut(id="third_party_cni_installed", title="t", reason="r"),))
    run = _sarif(analysis)["runs"][0]
    by_rule = {r["ruleId"]: r["properties"]["hypotheses"] for r in run["results"]}
    assert by_rule["ipamd_not_starting"] == [{"id": "kube_proxy_not_ready_at_ipamd_start", "rank": 1},
                                             {"id": "scale_up_api_throttling", "rank": 2}]
    assert by_rule["ec2_api_throttling"] == [{"id": "scale_up_api_throttling", "rank": 2}]
    assert by_rule["image_pull_qps_exceeded"] == []
    assert [h["id"] for h in run["properties"]["hypotheses"]] == [
        "kube_proxy_not_ready_at_ipamd_start", "scale_up_api_throttling"]
    assert run["properties"]["ruled_out"] == ["third_party_cni_installed"]


def test_no_findings_is_a_valid_empty_run() -> None:
    run = _sarif(_analysis(f"{HEALTHY}.tar.gz"))["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_input_warnings_become_tool_execution_notifications() -> None:
    analysis = dataclasses.replace(_analysis(f"{HEALTHY}.tar.gz"), warnings=(
        Issue(code="member_truncated", message="cut at 64 MiB", member="kubelet/kubelet.log"),
        Issue(code="bad_name", message="file name has no instance id")))
    (invocation,) = _sarif(analysis)["runs"][0]["invocations"]
    notes = invocation["toolExecutionNotifications"]
    assert [n["properties"]["code"] for n in notes] == ["member_truncated", "bad_name"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "kubelet/kubelet.log"
    assert "locations" not in notes[1]


def test_rule_name_is_camel_case() -> None:
    assert rule_name("ipamd_not_starting") == "IpamdNotStarting"
    assert rule_name("ec2_api_throttling") == "Ec2ApiThrottling"
