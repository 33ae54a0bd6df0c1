"""The condition language of signatures and hypotheses.

A condition is a boolean expression over what the scanner saw (per named pattern: hit count,
times, extracted fields) and over configuration facts::

    count(retrying) >= 5 within 2m
    seen(not_ready after boot + 10m)
    seen(throttled) for 5m
    first(unreachable) before first(refused)
    checking and not seen(copied)
    rate(refused) > 2                          # hits per minute, first to last
    throttle.api == "AssignPrivateIpAddresses"   # some hit's named group
    fact.kubelet.max_pods > fact.eni.max_pods
    exists(fact.cni.env.AWS_VPC_K8S_CNI_EXTERNALSNAT) and not sig(ipamd_not_starting)

``not``, ``and``, ``or`` (in that order of binding) and parentheses combine them; a bare pattern
name means ``seen(name)``. ``sig(id)`` is true when another signature fired (used by hypotheses).
Durations: ``500ms``, ``30s``, ``2m``, ``1h``, ``1d``.

>>> parse_condition("count(x) >= 5 within 2m and not seen(y)")
And(items=(Compare(left=Count(name='x', after_boot=None), op='>=', right=Literal(value=5), within=120.0), \
Not(item=Seen(name='y', after_boot=None, for_seconds=None))))
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

import pyparsing as pp

from triage.errors import CatalogError

# No packrat: measured on the 58 built-in conditions, packrat doubles the parse time (0.57 s vs 0.27 s for
# the whole library load), since these short expressions backtrack little.

FUNCTIONS = frozenset({"count", "seen", "first", "last", "rate", "exists", "sig"})
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class ConditionSyntaxError(CatalogError):
    """A condition that does not parse; ``column`` is 1-based within the condition text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


# -- the AST --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Literal:
    value: float | int | str | bool


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    after_boot: float | None  # seconds after boot before which hits are ignored


@dataclass(frozen=True, slots=True)
class Rate:
    name: str


@dataclass(frozen=True, slots=True)
class FactRef:
    path: str  # without the leading "fact."


@dataclass(frozen=True, slots=True)
class FieldRef:
    pattern: str
    field: str


Value = Literal | Count | Rate | FactRef | FieldRef


@dataclass(frozen=True, slots=True)
class Compare:
    left: Value
    op: str
    right: Value
    within: float | None = None  # seconds; only with count(): the most hits in any window that long


@dataclass(frozen=True, slots=True)
class Seen:
    name: str
    after_boot: float | None
    for_seconds: float | None  # hits span at least this long (persistence)


@dataclass(frozen=True, slots=True)
class Order:
    first_kind: str  # first | last
    first: str
    relation: str  # before | after
    second_kind: str
    second: str


@dataclass(frozen=True, slots=True)
class Exists:
    path: str


@dataclass(frozen=True, slots=True)
class SignatureFired:
    id: str


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Condition, ...]


Condition = Compare | Seen | Order | Exists | SignatureFired | Not | And | Or


def names_in(cond: Condition) -> set[str]:
    """Pattern names a condition refers to."""
    match cond:
        case Seen(name=n) | Order(first=n):
            return {n} | ({cond.second} if isinstance(cond, Order) else set())
        case Compare(left=left, right=right):
            return {v.name for v in (left, right) if isinstance(v, Count | Rate)} | {
                v.pattern for v in (left, right) if isinstance(v, FieldRef)}
        case Not(item=item):
            return names_in(item)
        case And(items=items) | Or(items=items):
            return set().union(*(names_in(i) for i in items))
    return set()


def facts_in(cond: Condition) -> set[str]:
    """Fact paths a condition refers to."""
    match cond:
        case Exists(path=p):
            return {p}
        case Compare(left=left, right=right):
            return {v.path for v in (left, right) if isinstance(v, FactRef)}
        case Not(item=item):
            return facts_in(item)
        case And(items=items) | Or(items=items):
            return set().union(*(facts_in(i) for i in items))
    return set()


def signatures_in(cond: Condition) -> set[str]:
    match cond:
        case SignatureFired(id=i):
            return {i}
        case Not(item=item):
            return signatures_in(item)
        case And(items=items) | Or(items=items):
            return set().union(*(signatures_in(i) for i in items))
    return set()


# -- the grammar ------------------------------------------------------------------------------------
def _seconds(text: str) -> float:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)", text)
    assert m is not None
    return float(m.group(1)) * _UNITS[m.group(2)]


def _grammar() -> pp.ParserElement:
    lpar, rpar = pp.Suppress("("), pp.Suppress(")")
    kw = {w: pp.Keyword(w) for w in ("and", "or", "not", "within", "for", "after", "before", "boot", "true",
                                       "false", "count", "seen", "first", "last", "rate", "exists", "sig")}
    reserved = pp.MatchFirst(list(kw.values()))
    name = (~reserved + pp.Word(pp.alphas + "_", pp.alphanums + "_")).set_name("pattern name")
    duration = pp.Regex(r"\d+(?:\.\d+)?(?:ms|s|m|h|d)\b").set_name("duration (e.g. 2m)")
    duration.set_parse_action(lambda t: _seconds(t[0]))
    number = pp.Regex(r"-?\d+(?:\.\d+)?(?![\w.])").set_name("number")
    number.set_parse_action(lambda t: Literal(float(t[0]) if "." in t[0] else int(t[0])))
    string = (pp.QuotedString('"', esc_char="\\") | pp.QuotedString("'")).set_name("string")
    string.set_parse_action(lambda t: Literal(t[0]))
    boolean = (kw["true"] | kw["false"]).set_parse_action(lambda t: Literal(t[0] == "true"))
    fact = pp.Regex(r"fact(?:\.[A-Za-z0-9_][A-Za-z0-9_\-]*)+").set_name("fact.path")
    fact.set_parse_action(lambda t: FactRef(t[0][5:]))
    after_boot = pp.Optional(pp.Suppress(kw["after"] + kw["boot"] + "+") + duration, default=None)
    count = pp.Suppress(kw["count"]) + lpar + name + after_boot + rpar
    count.set_parse_action(lambda t: Count(t[0], t[1]))
    rate = (pp.Suppress(kw["rate"]) + lpar + name + rpar).set_parse_action(lambda t: Rate(t[0]))
    field_ref = pp.Combine(name + "." + pp.Word(pp.alphas + "_", pp.alphanums + "_"))
    field_ref.set_parse_action(lambda t: FieldRef(*t[0].split(".", 1)))
    value = (count | rate | fact | number | string | boolean | field_ref).set_name(
        "value (count(x), rate(x), fact.path, number, string, pattern.field)")
    op = pp.one_of("== != >= <= > <")
    within = pp.Optional(pp.Suppress(kw["within"]) + duration, default=None)
    compare = (value + op + value + within).set_parse_action(lambda t: Compare(t[0], t[1], t[2], t[3]))
    seen = pp.Suppress(kw["seen"]) + lpar + name + after_boot + rpar + pp.Optional(
        pp.Suppress(kw["for"]) + duration, default=None)
    seen.set_parse_action(lambda t: Seen(t[0], t[1], t[2]))
    bare = name.copy().set_parse_action(lambda t: Seen(t[0], None, None))
    point = (kw["first"] | kw["last"]) + lpar + name + rpar
    order = (point + (kw["before"] | kw["after"]) + point).set_parse_action(
        lambda t: Order(t[0], t[1], t[2], t[3], t[4]))
    exists = (pp.Suppress(kw["exists"]) + lpar + fact + rpar).set_parse_action(lambda t: Exists(t[0].path))
    sig = (pp.Suppress(kw["sig"]) + lpar + name + rpar).set_parse_action(lambda t: SignatureFired(t[0]))
    atom = (order | compare | seen | exists | sig | bare).set_name("condition")
    expression: pp.ParserElement = pp.infix_notation(atom, [  # type: ignore[no-untyped-call]
        (pp.Suppress(kw["not"]), 1, pp.OpAssoc.RIGHT, lambda t: Not(t[0][0])),
        (pp.Suppress(kw["and"]), 2, pp.OpAssoc.LEFT, lambda t: And(tuple(t[0]))),
        (pp.Suppress(kw["or"]), 2, pp.OpAssoc.LEFT, lambda t: Or(tuple(t[0]))),
    ])
    return expression


GRAMMAR = _grammar()
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


@lru_cache(maxsize=1024)
def parse_condition(text: str) -> Condition:
    """Parse a condition; ``ConditionSyntaxError`` (with a 1-based column) when it does not parse."""
    for m in _CALL.finditer(text):
        if m.group(1) not in FUNCTIONS and m.group(1) not in ("and", "or", "not"):
            raise ConditionSyntaxError(f"unknown condition function {m.group(1)!r} (known: "
                                       f"{', '.join(sorted(FUNCTIONS))})", m.start(1) + 1)
    try:
        result = GRAMMAR.parse_string(text, parse_all=True)
    except pp.ParseBaseException as exc:
        raise ConditionSyntaxError(f"condition does not parse: {exc.msg}", exc.col) from None
    cond: Condition = result[0]
    return cond


# -- evaluation --------------------------------------------------------------------------------------
class Hits(Protocol):
    """What the scanner keeps of one pattern's matches."""

    @property
    def count(self) -> int: ...
    @property
    def times(self) -> Sequence[datetime]: ...  # sorted; possibly a bounded sample of all hits
    def field_values(self, field: str) -> Sequence[str]: ...


class Context(Protocol):
    def hits(self, name: str) -> Hits | None: ...
    def fact(self, path: str) -> object: ...  # None when unknown
    def fired(self, signature_id: str) -> bool: ...
    @property
    def boot(self) -> datetime | None: ...


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
}


def _times(ctx: Context, name: str, after_boot: float | None) -> tuple[int, Sequence[datetime]]:
    hits = ctx.hits(name)
    if hits is None:
        return 0, ()
    if after_boot is None or ctx.boot is None:
        return hits.count, hits.times
    start = ctx.boot.timestamp() + after_boot
    kept = [t for t in hits.times if t.timestamp() >= start]
    # hits without a time are not in ``times``: count them only when nothing restricts by time
    return len(kept), kept


def _most_within(times: Sequence[datetime], seconds: float) -> int:
    stamps = [t.timestamp() for t in times]
    return max((bisect_right(stamps, s + seconds) - i for i, s in enumerate(stamps)), default=0)


def _value(v: Value, ctx: Context, within: float | None) -> object:
    match v:
        case Literal(value=x):
            return x
        case Count(name=n, after_boot=ab):
            count, times = _times(ctx, n, ab)
            return _most_within(times, within) if within is not None else count
        case Rate(name=n):
            hits = ctx.hits(n)
            if hits is None or len(hits.times) < 2:
                return 0.0
            span = (hits.times[-1] - hits.times[0]).total_seconds() / 60
            return hits.count / span if span > 0 else float(hits.count)
        case FactRef(path=p):
            return ctx.fact(p)
    raise TypeError(v)  # FieldRef is handled by _compare


def _values(v: Value, ctx: Context, within: float | None) -> list[object]:
    """A field stands for every value it took; anything else for its one value."""
    if isinstance(v, FieldRef):
        hits = ctx.hits(v.pattern)
        return list(hits.field_values(v.field)) if hits is not None else []
    return [_value(v, ctx, within)]


def _compare(c: Compare, ctx: Context) -> bool:
    """True when some value of the left side and some value of the right side compare as asked."""
    compare = _OPS[c.op]
    lefts, rights = _values(c.left, ctx, c.within), _values(c.right, ctx, None)
    return any(_safe(compare, _coerce(left, right), _coerce(right, left)) for left in lefts for right in rights)


def _coerce(value: object, like: object) -> object:
    """A field's text compares as a number against a number."""
    if isinstance(value, str) and isinstance(like, int | float) and not isinstance(like, bool):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _safe(compare: Callable[[Any, Any], bool], left: object, right: object) -> bool:
    if left is None or right is None:
        return False
    try:
        return bool(compare(left, right))
    except TypeError:
        return False


def evaluate(cond: Condition, ctx: Context) -> bool:
    match cond:
        case Compare():
            return _compare(cond, ctx)
        case Seen(name=n, after_boot=ab, for_seconds=span):
            count, times = _times(ctx, n, ab)
            if span is None:
                return count > 0
            return len(times) >= 2 and (times[-1] - times[0]).total_seconds() >= span
        case Order():
            a, b = _point(ctx, cond.first_kind, cond.first), _point(ctx, cond.second_kind, cond.second)
            if a is None or b is None:
                return False
            return a < b if cond.relation == "before" else a > b
        case Exists(path=p):
            return ctx.fact(p) is not None
        case SignatureFired(id=i):
            return ctx.fired(i)
        case Not(item=item):
            return not evaluate(item, ctx)
        case And(items=items):
            return all(evaluate(i, ctx) for i in items)
        case Or(items=items):
            return any(evaluate(i, ctx) for i in items)
    raise TypeError(cond)


def _point(ctx: Context, kind: str, name: str) -> datetime | None:
    hits = ctx.hits(name)
    if hits is None or not hits.times:
        return None
    return hits.times[0] if kind == "first" else hits.times[-1]
