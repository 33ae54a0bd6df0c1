"""The HTML report in headless Chromium, offline: no console error, no request, findings open on click.

Uses Debian's Chromium (``apt-get install chromium``), not Playwright's browser download. Without it the test
is skipped locally and fails in CI (``CI`` set).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import sample

from triage.engine import analyze
from triage.report.html import render_html

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run"]
RACE = "04c3e2d1a9b8f7061_2022-12-14_1027-UTC_0.7.3"


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(analyze(str(sample(RACE)))), encoding="utf-8")
    return path


class Watch:
    """Console errors, page errors and every request that is not the report file itself."""

    def __init__(self, context: Any, report: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.report = report.as_uri()

        def route(r: Any) -> None:
            url = r.request.url
            if url.split("#")[0] == self.report:
                r.continue_()
            else:
                self.requests.append(url)
                r.abort()

        context.route("**/*", route)
        context.on("request", lambda req: None if req.url.split("#")[0] == self.report else
                   self.requests.append(req.url))

    def page(self, context: Any) -> Any:
        page = context.new_page()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(self.report)
        page.wait_for_load_state("load")
        return page


def test_report_in_chromium(browser: Any, report: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(offline=True, timezone_id="Asia/Kolkata", viewport={"width": 1400, "height": 1000})
    watch = Watch(context, report)
    page = watch.page(context)

    # the script ran: controls shown, findings collapsed
    expect(page.locator("#tl-controls")).to_be_visible()
    evidence = page.locator("#f-ipamd_not_starting .evidence")
    expect(evidence).to_be_hidden()

    # a finding in the timeline opens its evidence
    page.locator('#tl a[href="#f-ipamd_not_starting"] rect.span').first.click()
    expect(evidence).to_be_visible()
    expect(evidence).to_contain_text("Retrying waiting for IPAM-D")
    expect(evidence).to_contain_text("aws-node/5.log:5")
    page.screenshot(path=str(tmp_path / "finding.png"))

    # and from the findings table
    other = page.locator("#f-ec2_api_throttling .evidence")
    expect(other).to_be_hidden()
    page.locator('.ftable a[href="#f-ec2_api_throttling"]').click()
    expect(other).to_be_visible()

    # local time: every time is rewritten, the axis too
    first = page.locator("#f-ipamd_not_starting figcaption time").first
    expect(first).to_have_text("2022-12-14 10:19:22.913 UTC")
    page.select_option("#tz", "local")
    expect(first).to_have_text("2022-12-14 15:49:22.913 UTC+05:30")
    expect(page.locator("#tl-zone")).to_have_text("time (UTC+05:30)")
    page.select_option("#tz", "utc")
    expect(first).to_have_text("2022-12-14 10:19:22.913 UTC")
    page.select_option("#tz", "local")

    # filter by severity and source, zoom
    rows = page.locator('#tl g.frow[data-sev="error"]')
    expect(rows.first).to_be_visible()
    page.locator('input[data-sev="error"]').uncheck()
    expect(rows.first).to_be_hidden()
    expect(page.locator('.ftable tr[data-sev="error"]').first).to_be_hidden()
    page.locator('input[data-sev="error"]').check()
    page.locator(".srcfilter > summary").click()
    page.locator('input[data-src="messages"]').uncheck()
    expect(page.locator('#tl g.lane[data-src="messages"]')).to_be_hidden()
    page.locator(".srcfilter > summary").click()
    page.locator("#z-fit").click()
    svg = page.locator("#tl")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] * 0.6
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=4)
    page.mouse.up()
    expect(page.locator("#z-label")).to_contain_text("showing")

    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert watch.errors == []
    assert watch.requests == []
    context.close()


def test_report_without_javascript(browser: Any, report: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(offline=True, java_script_enabled=False, viewport={"width": 1400, "height": 1000})
    watch = Watch(context, report)
    page = watch.page(context)
    # every finding's evidence is visible, the timeline is drawn, the script-only controls stay hidden
    expect(page.locator("#f-ipamd_not_starting .evidence")).to_be_visible()
    expect(page.locator("#f-ec2_api_throttling .evidence")).to_be_visible()
    expect(page.locator("#tl g.frow").first).to_be_visible()
    expect(page.locator("#tl-controls")).to_be_hidden()
    expect(page.locator("#tz-box")).to_be_hidden()
    page.screenshot(path=str(tmp_path / "report-nojs.png"))
    assert watch.errors == []
    assert watch.requests == []
    context.close()


def test_hostile_report_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from test_report_html import hostile

    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile()), encoding="utf-8")
    context = browser.new_context(offline=True)
    watch = Watch(context, path)
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = watch.page(context)
    page.select_option("#tz", "local")
    page.locator("details.finding summary").first.click()
    assert page.locator("img, textarea, iframe").count() == 0
    assert page.locator("script").count() == 2
    assert dialogs == []
    assert watch.errors == []
    assert watch.requests == []
    context.close()
