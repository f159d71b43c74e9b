"""The web site in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Opens the site from disk (file://), reads the status board as a reader sees it, follows a quote
to its highlighted passage, and takes screenshots (into the README's tests/e2e/screenshots/ when
TRACKER_UPDATE_SCREENSHOTS=1, else into the test's temporary folder, so a run changes no tracked file). Without the browser or
Playwright the test skips, except under CI (the variable CI set), where that is a failure.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner



def _shots(site_dir: Path) -> Path:
    """Where screenshots go: the README's folder only when asked to update it."""
    if os.environ.get("TRACKER_UPDATE_SCREENSHOTS"):
        return Path(__file__).resolve().parent / "screenshots"
    return site_dir.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_BACKGROUND = "rgb(255, 210, 77)"  # style.css: --target, the passage a link points at


def _playwright():
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the playwright package is not installed (pip install '.[test]')"
    if missing is None and not CHROMIUM.exists():
        missing = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {missing}")
        pytest.skip(missing)
    return sync_playwright


def tracker(url: str, *args: str) -> str:
    from tracker.cli import main

    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def site(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    tracker(url, "site", "-o", str(tmp_path / "public"))
    return url, tmp_path / "public"


@pytest.mark.slow
def test_the_site_in_a_real_browser(site):
    sync_playwright = _playwright()
    url, public = site
    expected = {r["commitment"]: r for r in json.loads(tracker(url, "status", "--format", "json"))}
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            page.on("request", lambda r: requests.append(r.url))
            page.goto((public / "index.html").as_uri())

            # The board, as shown, is `tracker status --format json`.
            rows = page.locator("table.board tbody tr")
            shown = {}
            for i in range(rows.count()):
                row = rows.nth(i)
                slug = row.locator("th .slug").inner_text()
                shown[slug] = {"status": row.get_attribute("data-status"),
                               "label": row.locator(".badge").first.inner_text(),
                               "since": row.locator("td[data-label=Since]").inner_text(),
                               "last_event": row.locator("td[data-label='Last event']").inner_text(),
                               "events": int(row.locator("td[data-label=Events]").inner_text())}
            assert set(shown) == set(expected)
            for slug, want in expected.items():
                got = shown[slug]
                assert (got["status"], got["since"], got["last_event"], got["events"]) == (
                    want["status"], want["since"] or "—", want["last_event"] or "—", want["events"]), slug
                assert got["label"] == want["status"].replace("_", " ")

            # With JavaScript, the board filters by status (the buttons replace the summary).
            assert page.locator("#filter").is_visible() and not page.locator("ul.summary").is_visible()
            implemented = sum(r["status"] == "implemented" for r in expected.values())
            page.locator("#filter button[data-status=implemented]").click()
            assert page.locator("table.board tbody tr:visible").count() == implemented
            page.locator("#filter button[data-status='']").click()
            assert page.locator("table.board tbody tr:visible").count() == len(expected)
            page.screenshot(path=str(_shots(public) / "site-index.png"))

            # A commitment's quote leads to its passage, highlighted, in the source page.
            page.locator("table.board a[href='commitments/direct-flights.html']").click()
            assert page.url.endswith("/commitments/direct-flights.html")
            quote = page.locator("a.quote").last
            said = quote.inner_text().strip("“”")
            quote.click()
            page.wait_for_load_state()
            anchor = page.url.split("#", 1)[1]
            assert "/sources/" in page.url and anchor.startswith("q-")
            target = page.locator(f"[id='{anchor}']")
            mark = page.locator(f"mark.passage:has([id='{anchor}']), mark.passage[id='{anchor}']")
            assert target.count() == 1 and mark.count() == 1
            assert said in mark.inner_text()
            mark.scroll_into_view_if_needed()
            assert mark.is_visible()
            assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == TARGET_BACKGROUND
            box, view = mark.bounding_box(), page.viewport_size
            assert box and 0 <= box["y"] < view["height"]
            page.set_viewport_size({"width": 1200, "height": 1100})
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(_shots(public) / "site-source.png"))

            # Without JavaScript: every row shown, no filter buttons that would do nothing.
            plain = browser.new_context(java_script_enabled=False).new_page()
            plain.on("request", lambda r: requests.append(r.url))
            plain.goto((public / "index.html").as_uri())
            assert plain.locator("table.board tbody tr:visible").count() == len(expected)
            assert not plain.locator("#filter").is_visible() and plain.locator("ul.summary").is_visible()
        finally:
            browser.close()
    assert requests and all(r.startswith("file://") for r in requests), [r for r in requests if not r.startswith("file:")]


@pytest.mark.slow
def test_the_installed_command_writes_a_site(tmp_path):
    """The wheel carries the templates and the stylesheet: `tracker site` as a user runs it."""
    import shutil
    import subprocess
    import sys

    found = Path(sys.executable).with_name("tracker")
    exe = str(found) if found.exists() else shutil.which("tracker")
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("the tracker console script is not installed next to the test interpreter")
        pytest.skip("tracker is not installed (pip install .)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([exe, "site", "-o", "public"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"wrote {tmp_path / 'public'}: ")
    for name in ("index.html", "static/style.css", "static/filter.js", "feed.xml", "data/status.json"):
        assert (tmp_path / "public" / name).is_file(), name


def test_in_ci_a_missing_browser_fails_rather_than_skips(monkeypatch, tmp_path):
    monkeypatch.setitem(globals(), "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser test"):
        _playwright()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _playwright()
