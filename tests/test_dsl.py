"""The condition language: parsing to typed ASTs, errors with columns, evaluation over hits and facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from triage.dsl import (
    And,
    Compare,
    ConditionSyntaxError,
    Count,
    Exists,
    FactRef,
    FieldRef,
    Literal,
    Not,
    Or,
    Order,
    Rate,
    Seen,
    SignatureFired,
    evaluate,
    facts_in,
    names_in,
    parse_condition,
    signatures_in,
)

BOOT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@dataclass
class FakeHits:
    times: Sequence[datetime]
    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.times)

    def field_values(self, name: str) -> Sequence[str]:
        return self.fields.get(name, [])


@dataclass
class FakeContext:
    by_name: dict[str, FakeHits]
    facts: dict[str, object] = field(default_factory=dict)
    fired_ids: set[str] = field(default_factory=set)
    boot: datetime | None = BOOT

    def hits(self, name: str) -> FakeHits | None:
        return self.by_name.get(name)

    def fact(self, path: str) -> object:
        return self.facts.get(path)

    def fired(self, signature_id: str) -> bool:
        return signature_id in self.fired_ids


def at(*minutes: float) -> list[datetime]:
    return [BOOT + timedelta(minutes=m) for m in minutes]


@pytest.mark.parametrize(("text", "tree"), [
    ("x", Seen("x", None, None)),
    ("seen(x after boot + 10m) for 90s", Seen("x", 600.0, 90.0)),
    ("count(x) >= 5 within 2m", Compare(Count("x", None), ">=", Literal(5), 120.0)),
    ("rate(x) > 1.5", Compare(Rate("x"), ">", Literal(1.5))),
    ("last(a) after first(b)", Order("last", "a", "after", "first", "b")),
    ('t.api == "Assign"', Compare(FieldRef("t", "api"), "==", Literal("Assign"))),
    ("fact.kubelet.max_pods > fact.eni.max_pods", Compare(FactRef("kubelet.max_pods"), ">", FactRef("eni.max_pods"))),
    ("exists(fact.cni.env.X) and not sig(other)", And((Exists("cni.env.X"), Not(SignatureFired("other"))))),
    ("a or b and not c", Or((Seen("a", None, None), And((Seen("b", None, None), Not(Seen("c", None, None))))))),
    ("(a or b) and fact.x == true", And((Or((Seen("a", None, None), Seen("b", None, None))),
                                        Compare(FactRef("x"), "==", Literal(True))))),
])
def test_parse(text: str, tree: object) -> None:
    assert parse_condition(text) == tree


@pytest.mark.parametrize(("text", "message", "column"), [
    ("avg(x) > 1", "unknown condition function 'avg' (known: count, exists, first, last, rate, seen, sig)", 1),
    ("count(x) >=", "condition does not parse: Expected condition", 1),
    ("a and", "condition does not parse: Expected condition", 6),
    ("seen(x) for 5", "condition does not parse: Expected end of text", 9),
])
def test_syntax_errors_have_columns(text: str, message: str, column: int) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert (info.value.message, info.value.column) == (message, column)


def test_references() -> None:
    cond = parse_condition("count(a) > 1 and first(b) before last(c) and d.f == 1 and fact.x.y > 2 and sig(s)")
    assert (names_in(cond), facts_in(cond), signatures_in(cond)) == ({"a", "b", "c", "d"}, {"x.y"}, {"s"})


@pytest.mark.parametrize(("text", "expected"), [
    ("count(x) >= 5", True),
    ("count(x) >= 6", False),
    ("count(x) >= 3 within 2m", True),   # 3 hits at minutes 20, 21, 21.5
    ("count(x) >= 4 within 2m", False),
    ("seen(x after boot + 10m)", True),
    ("count(x after boot + 15m) == 4", True),
    ("seen(early after boot + 10m)", False),
    ("seen(x) for 20m", True),
    ("seen(x) for 30m", False),
    ("first(early) before first(x)", True),
    ("last(x) before last(early)", False),
    ("rate(x) > 0.18", True),              # 5 hits over 27 minutes
    ("rate(x) > 0.19", False),
    ('x.api == "AssignPrivateIpAddresses"', True),
    ("x.code >= 500", True),               # field text compares as a number
    ("x.code == early.code", True),        # field against field: some pair is equal
    ("fact.kubelet.max_pods > fact.eni.max_pods", True),
    ("fact.missing > 1", False),
    ("exists(fact.kubelet.max_pods) and not exists(fact.missing)", True),
    ("sig(other) and not sig(absent)", True),
    ("never", False),
])
def test_evaluate(text: str, expected: bool) -> None:
    ctx = FakeContext(
        {"x": FakeHits(at(1, 20, 21, 21.5, 28), {"api": ["AssignPrivateIpAddresses"], "code": ["503"]}),
         "early": FakeHits(at(0.5, 2), {"code": ["503"]})},
        facts={"kubelet.max_pods": 110, "eni.max_pods": 29},
        fired_ids={"other"},
    )
    assert evaluate(parse_condition(text), ctx) is expected


def test_after_boot_is_ignored_without_a_boot_time() -> None:
    ctx = FakeContext({"x": FakeHits(at(1, 2))}, boot=None)
    assert evaluate(parse_condition("count(x after boot + 10m) == 2"), ctx) is True
