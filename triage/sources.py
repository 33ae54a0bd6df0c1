"""The source catalog: logical source names bound to member paths (``signatures/sources.toml``).

>>> catalog = load_catalog()
>>> catalog.classify("kubelet/kubelet.log").name
'kubelet_journal'
>>> catalog.classify("var_log/kube-system_aws-node-7xk2p_0d9e/aws-node/1.log").name
'aws_node_container'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from triage.errors import CatalogError
from triage.formats import FORMAT_NAMES
from triage.resources import data_path

KINDS = ("log", "snapshot")
EXPECT_KEYS = ("os", "era", "producer")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: str  # log | snapshot
    formats: tuple[str, ...]
    paths: tuple[str, ...]
    description: str
    expect: tuple[tuple[str, tuple[str, ...]], ...]  # (key, allowed values); empty: never expected
    journal: bool
    tail_limits: tuple[int, ...]

    def expected_for(self, facts: dict[str, str]) -> bool:
        """Whether a bundle with these layout facts (os, era, producer) should hold this source."""
        return bool(self.expect) and all(facts.get(k) in allowed for k, allowed in self.expect)


@dataclass(frozen=True, slots=True)
class Catalog:
    sources: tuple[Source, ...]
    _matcher: re.Pattern[str]
    _owners: tuple[int, ...]  # group index -> source index

    def classify(self, path: str) -> Source | None:
        """The first source whose path glob matches ``path``, or None."""
        m = self._matcher.match(path)
        if m is None or m.lastindex is None:
            return None
        return self.sources[self._owners[m.lastindex - 1]]

    def get(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.sources)


def glob_to_regex(glob: str) -> str:
    """Translate a catalog glob to a regex body.

    >>> glob_to_regex("var_log/**/aws-node/*")
    'var_log/(?:.*/)?aws\\\\-node/[^/]*'
    """
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def _source(entry: dict[str, Any], where: str) -> Source:
    try:
        name = str(entry["name"])
        kind = str(entry["kind"])
        paths = tuple(str(p) for p in entry["paths"])
    except KeyError as exc:
        raise CatalogError(f"source entry lacks {exc.args[0]!r}", where) from None
    if kind not in KINDS:
        raise CatalogError(f"source {name}: kind must be one of {KINDS}, not {kind!r}", where)
    formats = tuple(str(f) for f in entry.get("formats", ["plain"]))
    unknown = [f for f in formats if f not in FORMAT_NAMES]
    if unknown:
        raise CatalogError(f"source {name}: unknown format(s) {unknown}", where)
    expect_raw = entry.get("expect", {})
    bad_keys = set(expect_raw) - set(EXPECT_KEYS)
    if bad_keys:
        raise CatalogError(f"source {name}: unknown expect key(s) {sorted(bad_keys)}", where)
    expect = tuple((k, tuple(str(v) for v in expect_raw[k])) for k in EXPECT_KEYS if k in expect_raw)
    return Source(
        name=name,
        kind=kind,
        formats=formats,
        paths=paths,
        description=str(entry.get("description", "")),
        expect=expect,
        journal=bool(entry.get("journal", False)),
        tail_limits=tuple(int(x) for x in entry.get("tail_limit", [])),
    )


def build_catalog(sources: list[Source]) -> Catalog:
    seen: set[str] = set()
    parts: list[str] = []
    owners: list[int] = []
    for index, src in enumerate(sources):
        if src.name in seen:
            raise CatalogError(f"source {src.name} is defined twice")
        seen.add(src.name)
        for glob in src.paths:
            parts.append(f"({glob_to_regex(glob)})")
            owners.append(index)
    return Catalog(tuple(sources), re.compile("(?:" + "|".join(parts) + r")\Z"), tuple(owners))


def load_catalog_file(path: Path) -> Catalog:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read source catalog: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"source catalog is not valid TOML: {exc}", str(path)) from None
    entries = data.get("source", [])
    return build_catalog([_source(e, f"{path}: source #{i + 1}") for i, e in enumerate(entries)])


@cache
def load_catalog() -> Catalog:
    """The built-in source catalog."""
    return load_catalog_file(data_path("signatures") / "sources.toml")


_FLAT = re.compile(r"^var_log/(?:containers/)?(?P<pod>[^/_]+)_(?P<ns>[^/_]+)_(?P<container>.+)-[0-9a-f]{64}\.log$")
_PER_POD = re.compile(r"^var_log/(?:pods/)?(?P<ns>[^/_]+)_(?P<pod>[^/_]+)_[^/]+/(?P<container>[^/]+)/[^/]+$")


def container_identity(path: str) -> tuple[str, str, str, bool] | None:
    """``(namespace, pod, container, is_flat_copy)`` of a container log member, else None.

    >>> container_identity("var_log/aws-node-7xk2p_kube-system_aws-node-" + "a" * 64 + ".log")
    ('kube-system', 'aws-node-7xk2p', 'aws-node', True)
    """
    m = _FLAT.match(path)
    if m:
        return m["ns"], m["pod"], m["container"], True
    m = _PER_POD.match(path)
    if m:
        return m["ns"], m["pod"], m["container"], False
    return None
