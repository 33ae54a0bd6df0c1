"""The one-file HTML report: inert hostile text, a CSP that forbids every load, everything shown, small, deterministic."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache
from html.parser import HTMLParser

import orjson
import pytest
from conftest import sample

from triage.engine import analyze
from triage.formats.base import TimeQuality
from triage.model import Analysis, ClockSkew, Coverage, Evidence, Fact, Finding, Hypothesis, Issue, Marker, RuledOut
from triage.report.html import LINE_CAP, render_html

RACE = "04c3e2d1a9b8f7061_2022-12-14_1027-UTC_0.7.3"
HEALTHY = "0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.tar"

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
TEXTAREA = "</textarea>"
CDATA = "]]>"
CLOSE_SCRIPT = "</script>"
JINJA = "{{ 7*7 }}"
REPLACEMENT = "\ufffd\ufffd"
HOSTILE = f"{SCRIPT} {ATTR} {TEXTAREA} {CDATA} {CLOSE_SCRIPT} {JINJA} {REPLACEMENT} \x1b[31m\x00 \udcff '-alert(1)-'"
# what each raw string must look like in the page
ESCAPED = {
    SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;",
    ATTR: "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
    TEXTAREA: "&lt;/textarea&gt;",
    CDATA: "]]&gt;",
    JINJA: JINJA,  # data is never evaluated as a template
    REPLACEMENT: REPLACEMENT,
}


@cache
def race() -> Analysis:
    return analyze(str(sample(RACE)))


@cache
def healthy() -> Analysis:
    return analyze(str(sample(HEALTHY)))


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def with_story(a: Analysis) -> Analysis:
    """The race analysis with hypotheses, ruled-out and markers of our own (the engine may give none)."""
    hyps = (
        Hypothesis(id="h_one", rank=1, score=91.0, confidence="high", title="First hypothesis title",
                   summary="First summary.", finding_ids=(a.findings[0].signature_id, "never_fired"),
                   supporting=("support one",), missing=("missing one",), coverage_gaps=("gap one",),
                   first_ts=ts("2022-12-14T10:05:50"), remediation=("Do the first thing.", "Then the second."),
                   references=("https://example.com/one",), why="Why one beat the runner-up."),
        Hypothesis(id="h_two", rank=2, score=40.0, confidence="low", title="Second hypothesis title",
                   summary="Second summary.", finding_ids=(a.findings[-1].signature_id,), supporting=(),
                   missing=("missing two",), coverage_gaps=(), first_ts=None, remediation=("Two.",), references=(),
                   why="Why two ranks lower."),
    )
    markers = (Marker("boot", ts("2022-12-14T10:04:52"), "node boot", "clock"),
               Marker("node_ready", ts("2022-12-14T10:20:51"), "node Ready", "kubelet_journal"))
    return replace(a, hypotheses=hyps, ruled_out=(RuledOut("r_one", "Ruled-out title", "ruled-out reason"),),
                   markers=markers)


def hostile() -> Analysis:
    """Every text field the page shows, filled with markup, script, template syntax and broken Unicode."""
    a = race()
    t0 = ts("2022-12-14T10:10:00")
    evidence = tuple(
        Evidence(member=f"var_log/{HOSTILE}.log", line=10 + 10 * i, ts=t0 + timedelta(seconds=i), time_quality=q,
                 text=f"line {HOSTILE}", pattern=HOSTILE, before=(f"before {HOSTILE}",), after=(f"after {HOSTILE}",))
        for i, q in enumerate(TimeQuality))
    finding = Finding(signature_id=f'evil"><script>{HOSTILE}', severity="critical", title=f"title {HOSTILE}",
                      category=HOSTILE, count=3, first_ts=t0, last_ts=t0 + timedelta(seconds=5),
                      sources=("kubelet_journal", HOSTILE), evidence=evidence, explanation=f"explanation {HOSTILE}",
                      remediation=(f"remediation {HOSTILE}",),
                      references=("javascript:alert(1)", f"https://example.com/{ATTR}", "https://example.com/ok"))
    hyp = Hypothesis(id=HOSTILE, rank=1, score=99.0, confidence=HOSTILE, title=f"hyp {HOSTILE}",
                     summary=f"summary {HOSTILE}", finding_ids=(finding.signature_id, HOSTILE),
                     supporting=(HOSTILE,), missing=(HOSTILE,), coverage_gaps=(HOSTILE,), first_ts=t0,
                     remediation=(HOSTILE,), references=(HOSTILE,), why=f"why {HOSTILE}")
    bundle = replace(a.bundle, file_name=HOSTILE, instance_id=HOSTILE, node_name=HOSTILE,
                     layout=replace(a.bundle.layout, evidence=(HOSTILE,), wrapper=HOSTILE))
    clock = replace(a.clock, zone_from=HOSTILE, skews=(ClockSkew(HOSTILE, 1.5, HOSTILE),))
    return replace(
        a, bundle=bundle, clock=clock, findings=(finding, *a.findings), hypotheses=(hyp,),
        ruled_out=(RuledOut(HOSTILE, HOSTILE, HOSTILE),),
        markers=(Marker(HOSTILE, t0, f"marker {HOSTILE}", HOSTILE),),
        coverage=(Coverage(HOSTILE, HOSTILE, HOSTILE), *a.coverage),
        facts=(Fact(HOSTILE, HOSTILE, HOSTILE, 3), *a.facts),
        warnings=(Issue(HOSTILE, f"warning {HOSTILE}", HOSTILE),))


class Page(HTMLParser):
    """The tags, attributes and script bodies of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append((dict(attrs), ""))
            else:
                self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif self._in == "style":
            self.styles[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def raw_block(html: str, open_tag: str, close_tag: str) -> str:
    start = html.index(open_tag) + len(open_tag)
    return html[start:html.index(close_tag, start)]


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3", "h4", "p", "span", "code",
    "nav", "a", "label", "select", "option", "main", "section", "details", "summary", "ul", "ol", "li", "b",
    "time", "input", "button", "svg", "defs", "clippath", "rect", "text", "g", "line", "circle", "table",
    "thead", "tbody", "tr", "th", "td", "br", "figure", "figcaption", "dl", "dt", "dd", "footer", "script",
}


# ------------------------------------------------------------------------------------------------ hostile text


def test_hostile_text_is_inert() -> None:
    html = render_html(hostile())
    for raw, escaped in ESCAPED.items():
        if raw != escaped:
            assert raw not in html, raw
        assert escaped in html, escaped
    # our own two script elements are the only ones: the log's </script> never closes one
    assert html.count("</script") == 2
    assert html.lower().count("<script") == 2
    assert "<img" not in html.lower()
    assert "<textarea" not in html.lower()
    assert "\x00" not in html
    assert "\x1b" not in html
    assert "␛[31m␀" in html  # control characters made visible
    html.encode("utf-8")  # no lone surrogate left
    assert "\udcff" not in html


def test_hostile_text_adds_no_element_attribute_or_link() -> None:
    html = render_html(hostile())
    page = parse(html)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("style", "src", "srcset", "action", "formaction", "background", "poster"), (tag, name)
            if name == "id":
                assert value is not None
                assert re.fullmatch(r"[A-Za-z0-9_.-]+", value), value
        href = attrs.get("href")
        if href is not None:
            if href.startswith("#"):
                assert re.fullmatch(r"#[A-Za-z0-9_.-]+", href), href
            else:
                assert tag == "a"
                assert re.fullmatch(r"https://example\.com/(ok|one)|https://github\.com/[^\s\"'<>]+|https://docs\.aws[^\s\"'<>]+", href), href
                assert "noreferrer" in (attrs.get("rel") or "").split()
    # a reference that is not an http(s) address is shown as text, never as a link
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html
    # the hostile finding is still there, linked by a clean anchor
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    assert any(i.startswith("f-evil") for i in ids)


def test_json_for_the_script_is_html_safe() -> None:
    html = render_html(hostile())
    blob = raw_block(html, '<script type="application/json" id="triage-data">', "</script>")
    assert not set(blob) & set("<>&")
    data = orjson.loads(blob)
    assert set(data) == {"timeline", "zone"}
    assert data["timeline"]["t0"] < data["timeline"]["t1"]


# ------------------------------------------------------------------------------------------------ CSP, no loads


def test_csp_forbids_every_load_and_allows_only_our_script_and_style() -> None:
    html = render_html(race())
    page = parse(html)
    metas = [attrs for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    # the policy comes before any style or script it governs
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<style>")
    csp = metas[0]["content"] or ""
    directives = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in csp.split(";")) if d}
    assert directives["default-src"] == ["'none'"]
    for name in ("img-src", "font-src", "connect-src", "media-src", "object-src", "frame-src", "base-uri",
                 "form-action"):
        assert directives[name] == ["'none'"], name
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "http" not in csp
    # hashes, and they match what is in the page
    code = [body for attrs, body in page.scripts if "type" not in attrs]
    assert len(code) == 1
    assert directives["script-src"] == [f"'{sha256(code[0])}'"]
    assert len(page.styles) == 1
    assert directives["style-src"] == [f"'{sha256(page.styles[0])}'"]
    assert [attrs for attrs, _ in page.scripts if "type" in attrs] == [
        {"type": "application/json", "id": "triage-data"}]


def test_no_network_url_is_loaded() -> None:
    a = race()
    html = render_html(a)
    page = parse(html)
    references = {r for f in a.findings for r in f.references} | {r for h in a.hypotheses for r in h.references}
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        if href is not None and not href.startswith("#"):
            assert tag == "a"
            assert href in references
            assert attrs.get("rel") == "noreferrer noopener"
            assert attrs.get("target") == "_blank"
    assert "<link" not in html
    assert "@import" not in html
    assert "//" not in "".join(page.styles).replace("/*", "")
    assert re.findall(r"url\((?!#)", html) == []
    # a URL in an attribute is a reference link; in the script, only the SVG namespace (log text holds
    # URLs too, as inert text)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if value and "//" in value and name != "content":
                assert (tag, name) == ("a", "href"), (tag, name, value)
    code = "".join(body for _, body in page.scripts)
    assert re.findall(r"\w+://[^\s\"']*", code) == ["http://www.w3.org/2000/svg"]


# ------------------------------------------------------------------------------------------------ content


def test_every_hypothesis_finding_and_coverage_entry_appears() -> None:
    a = with_story(race())
    html = render_html(a)
    for h in a.hypotheses:
        assert h.title in html
        assert f"<code>{h.id}</code>" in html
        assert h.why in html
        for step in h.remediation:
            assert step in html
    assert "Why it beat the runner-up:" in html
    assert "Why it ranks lower:" in html
    assert "never_fired</code> <span class=\"muted\">(did not fire)</span>" in html
    for r in a.ruled_out:
        assert r.title in html
        assert r.reason in html
    for f in a.findings:
        assert f'id="f-{f.signature_id}"' in html
        assert f"<code>{f.signature_id}</code>" in html
    for c in a.coverage:
        assert f"<code>{c.source}</code>" in html
    for m in a.markers:
        assert m.label in html
    # the verdict: the top hypothesis and its first step on the first screen
    verdict = raw_block(html, '<section id="verdict"', "</section>")
    assert a.hypotheses[0].title in verdict
    assert "<b>First step:</b> Do the first thing." in verdict


def test_engine_hypotheses_are_rendered() -> None:
    a = race()
    html = render_html(a)
    for h in a.hypotheses:
        assert f"<code>{h.id}</code>" in html
    for r in a.ruled_out:
        assert f"<code>{r.id}</code>" in html


def test_title_names_the_instance_and_the_capture_time() -> None:
    html = render_html(race())
    assert "<title>triage · i-04c3e2d1a9b8f7061 · captured 2022-12-14 10:28:11 UTC</title>" in html


def test_healthy_bundle_says_so() -> None:
    a = healthy()
    assert a.findings == ()
    html = render_html(a)
    assert "No known failure signature fired" in html
    assert '<section id="verdict" class="verdict v-healthy">' in html


def test_findings_without_hypothesis_name_the_most_severe() -> None:
    html = render_html(replace(race(), hypotheses=()))
    verdict = raw_block(html, '<section id="verdict"', "</section>")
    assert "most severe finding" in verdict
    assert "ipamd_not_starting" in verdict


def test_timeline_has_a_lane_per_timed_source_spans_counts_and_markers() -> None:
    a = with_story(race())
    html = render_html(a)
    svg = raw_block(html, '<svg id="tl"', "</svg>")
    timed = [s.name for s in a.sources if s.kind == "log" and s.first_ts is not None]
    assert re.findall(r'<g class="row lane" data-src="([^"]+)"', svg) == timed
    rows = re.findall(r'<g class="row frow" data-src="([^"]+)" data-sev="([^"]+)"', svg)
    assert len(rows) == sum(len([s for s in f.sources if s in timed]) for f in a.findings if f.first_ts)
    # one count label per finding with more than one line and a time
    counts = re.findall(r'<text class="cnt tl-x"[^>]*>([\d,]+)×</text>', svg)
    assert sorted(counts) == sorted(f"{f.count:,}" for f in a.findings if f.first_ts and f.count > 1)
    assert svg.count('<g class="mk mk-') == len(a.markers)
    assert "hollow" in svg  # evidence with a year-inferred time
    # a finding with no time is named under the chart
    untimed = [f for f in a.findings if f.first_ts is None]
    assert untimed
    tail = raw_block(html, "</svg>", "</section>")
    for f in untimed:
        assert f.signature_id in tail


def test_time_quality_is_marked_on_evidence() -> None:
    html = render_html(hostile())
    for label in ("year inferred", "zone assumed", "boot offset", "inherited"):
        assert re.search(rf'<span class="q q-\w+" title="[^"]+">{label}</span>', html), label
    # and the matched line is told apart from its context
    assert '<div class="l hit">' in html
    assert '<div class="l">' in html


def test_evidence_is_capped() -> None:
    a = race()
    long = "x" * 100_000
    ev = Evidence(member="m.log", line=50, ts=None, time_quality=TimeQuality.NONE, text=long, pattern="p",
                  before=tuple(f"b{i}" for i in range(20)), after=tuple(f"a{i}" for i in range(20)))
    many = tuple(replace(ev, line=100 * (i + 1)) for i in range(40))
    finding = replace(a.findings[0], evidence=many, signature_id="capped")
    html = render_html(replace(a, findings=(finding,), hypotheses=()))
    section = raw_block(html, '<details class="finding" id="f-capped"', "</details>")
    assert section.count('<div class="l hit">') == 8
    assert "32 more not shown" in section
    assert "x" * LINE_CAP in section
    assert "x" * (LINE_CAP + 1) not in section
    assert f"[{100_000 - LINE_CAP:,} more characters]" in section
    assert "b17" not in section  # two lines of context on each side
    assert "b18" in section
    assert "a1<" in section
    assert "a2<" not in section


def test_worst_case_report_stays_under_5_mb() -> None:
    """Every signature firing with long lines: the page cuts lines shorter rather than grow past the budget."""
    a = race()
    line = "y" * 50_000
    ev = Evidence(member="var_log/messages", line=100, ts=ts("2022-12-14T10:10:00"),
                  time_quality=TimeQuality.YEAR_INFERRED, text=line, pattern="p", before=(line, line, line),
                  after=(line, line, line))
    findings = tuple(replace(a.findings[i % len(a.findings)], signature_id=f"sig_{i:03d}",
                             evidence=tuple(replace(ev, line=100 + 10 * k) for k in range(12)))
                     for i in range(80))
    facts = tuple(Fact(f"fact.{i}", "v" * 5000, "system/x.txt", i) for i in range(5000))
    warnings = tuple(Issue("skipped", "w" * 5000, f"member{i}") for i in range(5000))
    html = render_html(replace(a, findings=findings, facts=facts, warnings=warnings))
    assert len(html.encode()) < 5_000_000


def test_race_report_is_small() -> None:
    html = render_html(with_story(race()))
    assert len(html.encode()) < 400_000


def test_output_is_deterministic() -> None:
    a = with_story(race())
    first = render_html(a)
    assert render_html(a) == first
    fresh = with_story(analyze(str(sample(RACE))))
    assert render_html(fresh) == first
    assert datetime.now(UTC).strftime("%Y-%m-%d") not in first


def test_page_works_without_javascript() -> None:
    html = render_html(race())
    # every finding's evidence is in an open <details>; the controls only the script shows are hidden
    assert html.count('<details class="finding"') == len(race().findings)
    assert html.count('" open>') >= len(race().findings)
    assert re.search(r'<div class="controls" id="tl-controls" hidden>', html)
    assert re.search(r'<span class="tz" id="tz-box" hidden>', html)


@pytest.mark.parametrize("name", ["report.css", "report.js"])
def test_assets_cannot_close_their_element(name: str) -> None:
    from triage.resources import data_path

    text = (data_path("templates") / name).read_text()
    assert "</" not in text
