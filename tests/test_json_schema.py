"""The JSON report against its published schema (``triage/schema/analysis.schema.json``, shipped in the wheel)."""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

import orjson
import pytest
from conftest import SAMPLES
from jsonschema import Draft202012Validator

from triage import model
from triage.engine import analyze
from triage.model import SCHEMA_VERSION, Analysis, Hypothesis, Marker, RuledOut
from triage.report.jsonout import render_json

BUNDLES = sorted(p.name for p in SAMPLES.iterdir() if p.name.endswith((".tar.gz", ".zip")))
RACE = "eks_i-04c3e2d1a9b8f7061_2022-12-14_1027-UTC_0.7.3.tar.gz"

Doc = dict[str, Any]


@functools.cache
def _schema() -> Doc:
    schema: Doc = orjson.loads(files("triage").joinpath("schema/analysis.schema.json").read_bytes())
    Draft202012Validator.check_schema(schema)
    return schema


def _errors(doc: Doc) -> list[str]:
    errors = Draft202012Validator(_schema()).iter_errors(doc)
    return [f"{list(e.absolute_path)}: {e.message}" for e in sorted(errors, key=lambda e: list(e.absolute_path))]


@functools.cache
def _analysis(name: str) -> Analysis:
    return analyze(str(SAMPLES / name))


def _doc(analysis: Analysis) -> Doc:
    doc: Doc = orjson.loads(render_json(analysis))
    return doc


def test_schema_version_is_the_models() -> None:
    assert _schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _schema()["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def _object_schemas() -> dict[str, Doc]:
    defs: dict[str, Doc] = _schema()["$defs"]
    return {"Analysis": _schema(), **{k: v for k, v in defs.items() if k[:1].isupper()}}


def test_every_model_dataclass_has_an_object_schema_with_its_fields() -> None:
    classes = {name: cls for name, cls in vars(model).items()
               if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}
    objects = _object_schemas()
    assert sorted(objects) == sorted(classes)
    for name, cls in classes.items():
        fields = [f.name for f in dataclasses.fields(cls)]
        obj = objects[name]
        assert obj["additionalProperties"] is False, name
        assert obj["required"] == fields, name
        assert list(obj["properties"]) == fields, name


def test_nullable_fields_match_the_model() -> None:
    objects = _object_schemas()
    for name, cls in vars(model).items():
        if not (dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
            continue
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            optional = type(None) in typing.get_args(hints[field.name])
            prop = objects[name]["properties"][field.name]
            accepts_null = Draft202012Validator({**prop, "$defs": _schema()["$defs"]}).is_valid(None)
            assert accepts_null == optional, f"{name}.{field.name}"


@pytest.mark.parametrize("name", BUNDLES)
def test_every_sample_matches_the_schema(name: str) -> None:
    assert _errors(_doc(_analysis(name))) == []


def _filled() -> Analysis:
    t = datetime(2022, 12, 14, 10, 5, 50, 123456, tzinfo=UTC)
    return dataclasses.replace(
        _analysis(RACE),
        hypotheses=(
            Hypothesis(id="kube_proxy_not_ready_at_ipamd_start", rank=1, score=87.5, confidence="high",
                       title="kube-proxy was not ready when ipamd started", summary="ipamd could not reach the API server.",
                       finding_ids=("ipamd_apiserver_unreachable", "ipamd_not_starting"),
                       supporting=("ipamd cannot reach 172.20.0.1:443 for 6 min",), missing=(),
                       coverage_gaps=("kube-proxy container log",), first_ts=t,
                       remediation=("Start kube-proxy before aws-node.",), references=("https://example.com/x",),
                       why="Beats scale_up_api_throttling: the API server errors come first."),
            Hypothesis(id="scale_up_api_throttling", rank=2, score=41, confidence="low", title="t", summary="s",
                       finding_ids=("ec2_api_throttling",), supporting=(), missing=("no IP pool exhaustion",),
                       coverage_gaps=(), first_ts=None, remediation=(), references=(), why="later"),
        ),
        ruled_out=(RuledOut(id="third_party_cni_installed", title="Another CNI", reason="only aws.conf"),),
        markers=(
            Marker(kind="boot", ts=datetime(2022, 12, 14, 10, 4, 52, tzinfo=UTC), label="node boot", source="clock"),
            Marker(kind="aws_node_start", ts=t, label="aws-node start", source="aws_node_container"),
        ),
    )


def test_hypotheses_ruled_out_and_markers_match_the_schema() -> None:
    doc = _doc(_filled())
    assert doc["hypotheses"][0]["first_ts"] == "2022-12-14T10:05:50.123456Z"
    assert doc["markers"][0]["ts"] == "2022-12-14T10:04:52Z"
    assert _errors(doc) == []


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


def _rename(path: tuple[str | int, ...], old: str, new: str) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = doc
        for key in path:
            target = target[key]
        target[new] = target.pop(old)
    return edit


BROKEN: dict[str, Callable[[Doc], None]] = {
    "extra top-level key": _set(("generated_at",), "2022-12-14T10:30:00Z"),
    "extra finding key": _set(("findings", 0, "score"), 3),
    "renamed evidence field": _rename(("findings", 0, "evidence", 0), "member", "path"),
    "renamed layout field": _rename(("bundle", "layout"), "os_family", "os"),
    "severity not in enum": _set(("findings", 0, "severity"), "fatal"),
    "time quality not in enum": _set(("sources", 0, "time_quality"), "guessed"),
    "coverage status not in enum": _set(("coverage", 0, "status"), "absent"),
    "confidence not in enum": _set(("hypotheses", 0, "confidence"), "certain"),
    "marker kind not in enum": _set(("markers", 0, "kind"), "reboot"),
    "layout era not in enum": _set(("bundle", "layout", "era"), "0.8"),
    "layout container not in enum": _set(("bundle", "layout", "container"), "7z"),
    "time without Z": _set(("bundle", "capture_time"), "2022-12-14T10:28:11+00:00"),
    "time without zone": _set(("findings", 0, "first_ts"), "2022-12-14T10:19:22"),
    "null where the model has no None": _set(("markers", 0, "ts"), None),
    "wrong schema version": _set(("schema_version",), "1"),
    "count as string": _set(("findings", 0, "count"), "64"),
    "negative line": _set(("facts", 0, "line"), -1),
    "score over 100": _set(("hypotheses", 0, "score"), 101),
    "missing required key": lambda doc: doc["clock"].pop("skews"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_document_fails(case: str) -> None:
    doc = _doc(_filled())
    BROKEN[case](doc)
    assert _errors(doc), case
