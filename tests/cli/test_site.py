"""`tracker site -o DIR`: the static web site, built by the real command on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

EVIL = "<script>alert(1)</script> Both sides agreed to resume direct flights."


class Page(HTMLParser):
    """The ids, links and resource references of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("link", "img", "script") and (a.get("href") or a.get("src")):
            self.resources.append(a.get("href") or a.get("src"))
        if tag == "script":
            self.scripts.append(a.get("src") or "")


def parse_site(root: Path) -> dict[Path, Page]:
    pages = {}
    for path in sorted(root.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


def broken_links(root: Path) -> list[str]:
    """Every internal link and anchor that does not resolve; every reference that would go online."""
    pages = parse_site(root)
    broken = []
    for path, page in pages.items():
        for ref in page.links + page.resources:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                if ref in page.resources:
                    broken.append(f"{path.relative_to(root)}: loads {ref} from the network")
                continue
            assert not parts.scheme and not parts.netloc, f"{path}: odd link {ref}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or root.resolve() not in target.parents:
                broken.append(f"{path.relative_to(root)}: {ref} (no such file)")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(root)}: {ref} (no such anchor)")
    return broken


@pytest.fixture
def evil_source(cli, tmp_path):
    """A source whose text and title carry markup; an event quoting the markup."""
    path = tmp_path / "evil.txt"
    path.write_text(f"Evil readout\n{EVIL}\n", encoding="utf-8")
    result = cli("add", "flights", "--kind", "agreed", "--date", "2025-01-01", "--source", str(path),
                 "--published", "2025-01-02", "--title", "<img src=x onerror=alert(2)>", "--quote", EVIL)
    assert result.exit_code == 0, result.stderr
    return next(e["source"] for e in cli.json("history", "flights") if e["quote"] == EVIL)


def build(cli, out: Path, *args: str):
    result = cli("site", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return out


def test_every_internal_link_and_anchor_resolves(cli, tmp_path, evil_source):
    site = build(cli, tmp_path / "public")
    assert broken_links(site) == []
    assert (site / "index.html").is_file() and (site / "timeline.svg").is_file()
    slugs = {r["commitment"] for r in cli.json("status")}
    assert {p.stem for p in (site / "commitments").glob("*.html")} == slugs
    assert {p.stem for p in (site / "sources").glob("*.html")} == {s["id"] for s in cli.json("sources")}


def test_every_quote_links_to_its_highlighted_passage(cli, tmp_path):
    site = build(cli, tmp_path / "public")
    html = (site / "commitments" / "direct-flights.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<a class="quote" href="\.\./sources/(\w+)\.html#(q-\w+)">', html)
    assert len(quotes) == len([e for e in cli.json("history", "flights") if e["quote"]])
    for source, anchor in quotes:
        text = (site / "sources" / f"{source}.html").read_text(encoding="utf-8")
        assert re.search(rf'<mark class="passage" id="{anchor}">|<span class="anchor" id="{anchor}">', text)


def test_markup_in_a_source_is_shown_as_text(cli, tmp_path, evil_source):
    site = build(cli, tmp_path / "public")
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, path
    page = (site / "sources" / f"{evil_source}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h1>&lt;img src=x onerror=alert(2)&gt;</h1>" in page
    assert [p.scripts for p in parse_site(site).values() if p.scripts] == [["static/filter.js"]]


def test_two_builds_of_one_store_are_byte_identical(cli, tmp_path):
    first, second = build(cli, tmp_path / "a"), build(cli, tmp_path / "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_data_files_are_what_the_commands_print(cli, tmp_path):
    site = build(cli, tmp_path / "public")
    assert json.loads((site / "data" / "status.json").read_text()) == cli.json("status")
    assert json.loads((site / "data" / "history" / "kailash-yatra.json").read_text()) == \
        cli.json("history", "kailash-yatra")
    assert (site / "data" / "export.jsonl").read_text(encoding="utf-8") == cli("export").stdout


def test_the_board_shows_each_commitment_with_a_labelled_status(cli, tmp_path):
    site = build(cli, tmp_path / "public")
    html = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-status="(\w+)" id="c-([\w-]+)">.*?<span class="badge s-\w+">([\w ]+)</span>',
                      html, re.S)
    assert {(slug, status) for status, slug, _ in rows} == {(r["commitment"], r["status"]) for r in cli.json("status")}
    assert all(label == status.replace("_", " ") for status, _, label in rows)


def test_the_changes_feed_is_atom_with_stable_ids(cli, tmp_path):
    site = build(cli, tmp_path / "public")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("title", "id", "updated", "author/a:name"):
        assert feed.find(f"a:{name}", ns) is not None, name
    entries = feed.findall("a:entry", ns)
    assert entries
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    stamps = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) for s in stamps)
    assert feed.findtext("a:updated", namespaces=ns) == max(stamps)
    assert all(e.find("a:title", ns).text and e.find("a:link", ns).get("href").startswith("commitments/")
               for e in entries)


def test_a_retracted_event_is_marked_and_ignored(cli, tmp_path):
    event = cli.json("history", "flights")[-1]
    assert cli("retract", event["id"], "--reason", "misread the readout").exit_code == 0
    site = build(cli, tmp_path / "public")
    html = (site / "commitments" / "direct-flights.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr id="e-{event["id"]}" class="retracted[^"]*">(.*?)</tr>', html, re.S).group(1)
    assert 'class="flag flag-retracted">retracted<' in row and "misread the readout" in row
    assert "Retracts <a href=\"#e-" + event["id"] + '">' in html


def test_as_of_shows_the_past_board(cli, tmp_path):
    site = build(cli, tmp_path / "public", "--as-of", "2025-03-01", "--title", "Flights, early 2025")
    assert json.loads((site / "data" / "status.json").read_text()) == cli.json("status", "--as-of", "2025-03-01")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "the state on 2025-03-01" in html and "<h1>Flights, early 2025</h1>" in html
    assert broken_links(site) == []


def test_a_later_build_replaces_the_previous_site(cli, tmp_path):
    site = build(cli, tmp_path / "public")
    (site / "stale.html").write_text("old", encoding="utf-8")
    build(cli, site)
    assert not (site / "stale.html").exists() and (site / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []


@pytest.mark.parametrize("make", ["file", "symlink", "foreign"])
def test_a_target_that_is_not_a_site_is_refused_and_left_alone(cli, tmp_path, make):
    here = tmp_path / "out"
    here.mkdir()
    target = here / "public"
    if make == "file":
        target.write_text("mine", encoding="utf-8")
    elif make == "symlink":
        (here / "real").mkdir()
        target.symlink_to(here / "real")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = sorted(str(p) for p in here.rglob("*"))
    result = cli("site", "-o", str(target))
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert sorted(str(p) for p in here.rglob("*")) == before


def test_a_malformed_date_writes_nothing(cli, tmp_path):
    result = cli("site", "-o", str(tmp_path / "public"), "--as-of", "2025-13-01")
    assert result.exit_code == 2 and "--as-of" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if "public" in p.name] == []


def test_an_empty_store_is_a_site_that_says_so(empty_store, tmp_path):
    from tracker.site.build import build_site

    done = build_site(empty_store, str(tmp_path / "public"))
    assert (done["commitments"], done["sources"], done["changes"], done["timeline"]) == (0, 0, 0, False)
    assert "No commitments are tracked yet." in (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "public" / "data" / "status.json").read_text()) == []
    assert broken_links(tmp_path / "public") == []


def test_the_changes_page_lists_what_tracker_changes_lists_over_all_time(cli, tmp_path):
    event = next(e for e in cli.json("history", "flights") if e["kind"] == "progress")
    assert cli("retract", event["id"], "--reason", "misread").exit_code == 0  # a change undone
    site = build(cli, tmp_path / "public")
    html = (site / "changes.html").read_text(encoding="utf-8")
    shown = re.findall(r'<th scope="row"><a href="commitments/([\w-]+)\.html#e-(\w+)">', html)
    expected = [(row["commitment"], e["id"]) for row in cli.json("changes", "--from", "1900", "--to", "2100")
                for e in row["events"]]
    assert sorted(shown) == sorted(expected) and (("direct-flights", event["id"]) not in shown)
    dates = re.findall(r'<tr>\s*<td data-label="Date">([\d-]+)', html)
    assert dates == sorted(dates, reverse=True)  # newest first
