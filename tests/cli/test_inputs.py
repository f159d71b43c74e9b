"""Readouts from anywhere: HTML pages, PDFs, URLs (a local server) and stdin, each bounded; and
every way reading can fail says so in one line, exit 2 (the input's fault) or 1 (the network's)."""
from __future__ import annotations

import json
import os

import pytest

from readouts import MINISTRY_PAGE, Site, tiny_pdf


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def proposals(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def stored_source(cli, result):
    source_id = result.stderr.split("source ", 1)[1].split()[0]
    return cli.json("source", source_id)


def test_an_html_page_is_stored_as_its_main_text_with_the_pages_own_title_date_and_publisher(cli, tmp_path):
    page = tmp_path / "visit.html"
    page.write_text(MINISTRY_PAGE, encoding="utf-8")
    result = cli("ingest", str(page), "--format", "json")
    found = {(p["commitment"], p["kind"]) for p in proposals(result)}
    assert ("kailash-yatra", "agreed") in found
    src = stored_source(cli, result)
    assert "<p>" not in src["text"] and "tracking" not in src["text"] and "Site map" not in src["text"]
    assert "agreed to resume the Kailash Mansarovar Yatra" in src["text"]
    assert src["title"] == "Visit of Foreign Secretary to Beijing"
    assert src["published"] == "2025-01-27"
    assert src["publisher"] == "Ministry of External Affairs"
    assert src["media_type"] == "html" and len(src["original_sha256"]) == 64
    assert all(p["quote"] in src["text"] for p in json.loads(result.stdout))


def test_the_options_win_over_the_pages_own_details(cli, tmp_path):
    page = tmp_path / "visit.html"
    page.write_text(MINISTRY_PAGE, encoding="utf-8")
    result = cli("ingest", str(page), "--published", "2025-01-28", "--title", "FS visit", "--format", "json")
    src = stored_source(cli, result)
    assert (src["published"], src["title"]) == ("2025-01-28", "FS visit")


def test_a_pdf_is_read_through_its_text_layer(cli, tmp_path):
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(tiny_pdf(["The two sides agreed to resume direct flights", "between India and China."]))
    result = cli("ingest", str(pdf), "--format", "json")
    assert ("direct-flights", "agreed") in {(p["commitment"], p["kind"]) for p in proposals(result)}
    src = stored_source(cli, result)
    assert src["published"] == "2025-06-12" and src["title"] == "Joint statement" and src["media_type"] == "pdf"


def test_a_url_is_fetched_and_remembered_with_the_source(cli, site):
    url = site.add("/press/visit.htm", MINISTRY_PAGE)
    result = cli("ingest", url, "--format", "json")
    assert proposals(result)
    src = stored_source(cli, result)
    assert src["url"] == url and src["publisher"] == "Ministry of External Affairs"


def test_a_redirect_is_followed_and_the_final_address_kept(cli, site):
    final = site.add("/new", MINISTRY_PAGE)
    start = site.add("/old", b"", status=301, Location="/new")
    src = stored_source(cli, cli("ingest", start))
    assert src["url"] == final


def test_standard_input_is_read_as_dash(cli):
    text = "date 2025-10-27\nDirect flights between India and China resumed on October 26, 2025.\n"
    result = cli("ingest", "-", "--format", "json", input=text)
    assert proposals(result)[0]["commitment"] == "direct-flights"


def test_add_takes_a_url_as_its_source(cli, site):
    url = site.add("/visit", MINISTRY_PAGE)
    result = cli("add", "yatra", "--kind", "agreed", "--date", "2025-01-27", "--source", url,
                 "--quote", "agreed to resume the Kailash Mansarovar Yatra")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("path, status, body, ctype, says, code", [
    ("/missing", 404, b"", "text/html", "HTTP 404", 2),
    ("/broken", 500, b"", "text/html", "HTTP 500", 1),
    ("/image", 200, b"\x89PNG", "image/png", "content type is 'image/png'", 2),
    ("/huge", 200, b"x" * 3000, "text/plain", "the limit is 2,000 bytes", 2),
])
def test_each_failure_to_fetch_is_named(cli, site, monkeypatch, path, status, body, ctype, says, code):
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", "2000")
    before = cli("export").stdout
    result = cli("ingest", site.add(path, body, ctype=ctype, status=status))
    assert result.exit_code == code and says in result.stderr
    assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1
    assert cli("export").stdout == before


def test_a_page_that_grows_past_the_limit_while_streaming_is_refused(cli, site, monkeypatch):
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", "2000")
    url = site.add("/stream", b"a " * 5000, ctype="text/plain", **{"Content-Length": "omit"})
    result = cli("ingest", url)
    assert result.exit_code == 2 and "is more than 2,000 bytes" in result.stderr


def test_a_server_that_does_not_answer_times_out(cli, site, monkeypatch):
    monkeypatch.setenv("TRACKER_FETCH_TIMEOUT", "0.3")
    result = cli("ingest", site.add("/slow", MINISTRY_PAGE, sleep="2"))
    assert result.exit_code == 1 and "no answer within 0.3 s" in result.stderr


def test_a_refused_connection_and_an_unknown_host_are_named(cli, site):
    port = site.server.server_address[1]
    site.close()
    refused = cli("ingest", f"http://127.0.0.1:{port}/x")
    assert refused.exit_code == 1 and "refused" in refused.stderr
    unknown = cli("ingest", "http://no-such-host.invalid/page")
    assert unknown.exit_code == 2 and "not found (DNS)" in unknown.stderr


def test_only_http_addresses_are_fetched(cli):
    result = cli("ingest", "ftp://127.0.0.1/readout.txt")
    assert result.exit_code == 2 and "only http:// and https://" in result.stderr


def test_too_many_redirects_are_refused(cli, site):
    site.add("/loop", b"", status=302, Location="/loop")
    result = cli("ingest", site.url("/loop"))
    assert result.exit_code == 2 and "redirects" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", [
    ["ingest", "{p}"],
    ["add", "flights", "--kind", "agreed", "--date", "2025", "--source", "{p}", "--quote", "direct flights resumed"],
    ["import", "{p}"],
])
def test_a_fifo_is_refused_without_waiting_for_a_writer(cli, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli(*[a.replace("{p}", str(fifo)) for a in command])
    assert result.exit_code == 2 and "a pipe (FIFO), not a regular file" in result.stderr


@pytest.mark.parametrize("command", [["ingest", "/dev/zero"], ["import", "/dev/zero"]])
def test_a_device_is_refused_before_a_byte_is_read(cli, command):
    result = cli(*command)
    assert result.exit_code == 2 and "is a device, not a regular file" in result.stderr


@pytest.mark.skipif(os.path.isfile("/dev/stdin"), reason="stdin is a regular file here")
def test_dev_stdin_that_is_not_a_file_points_to_dash(cli):
    result = cli("import", "/dev/stdin")
    assert result.exit_code == 2
    assert "not a regular file: save it to a file first, or give - to read standard input" in result.stderr


def test_import_reads_standard_input_as_dash(cli):
    export = cli("export").stdout
    result = cli("import", "-", input=export)
    assert result.exit_code == 0, result.stderr
    assert "imported 0 events" in result.stdout


def test_a_file_over_the_limit_is_refused_by_its_size(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", "100")
    big = tmp_path / "big.txt"
    big.write_text("date 2025-01-01\n" + "Direct flights resumed. " * 20, encoding="utf-8")
    result = cli("ingest", str(big))
    assert result.exit_code == 2 and "the limit is 100 bytes" in result.stderr


def test_an_import_is_streamed_so_only_a_line_over_the_limit_is_refused(cli, tmp_path, monkeypatch):
    export = cli("export").stdout
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", str(max(len(ln) for ln in export.splitlines()) + 10))
    big = tmp_path / "export.jsonl"
    big.write_text(export, encoding="utf-8")
    assert cli("import", str(big)).exit_code == 0  # the file is far over the limit; no line is
    one_line = tmp_path / "one-line.jsonl"
    one_line.write_text("x" * (len(export) + 100), encoding="utf-8")
    result = cli("import", str(one_line))
    assert result.exit_code == 2 and "has a line of more than" in result.stderr


def test_stdin_over_the_limit_is_refused(cli, monkeypatch):
    monkeypatch.setenv("TRACKER_MAX_INPUT_BYTES", "100")
    result = cli("ingest", "-", input="x" * 1000)
    assert result.exit_code == 2 and "standard input is more than 100 bytes" in result.stderr


def test_a_symlink_loop_is_reported_as_a_loop(cli, tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for command in (["ingest", str(loop)],
                    ["add", "flights", "--kind", "agreed", "--date", "2025", "--source", str(loop),
                     "--quote", "direct flights resumed"]):
        result = cli(*command)
        assert result.exit_code == 2 and "symbolic link loop" in result.stderr, command


def test_a_bad_utf8_byte_is_reported_by_line_and_column(cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("date 2025-01-01\nDirect flights caf\xe9 resumed.\n".encode("latin-1"))
    result = cli("ingest", str(bad))
    assert result.exit_code == 2
    assert "bad byte 0xe9 at line 2, column 19 (byte 34)" in result.stderr


def test_a_name_that_is_both_a_file_and_a_source_id_is_refused_as_ambiguous(cli, tmp_path, monkeypatch):
    source_id = cli.json("sources")[0]["id"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / source_id[:6]).write_text("date 2025-01-01\nDirect flights resumed in 2025.\n", encoding="utf-8")
    result = cli("add", "flights", "--kind", "agreed", "--date", "2025", "--source", source_id[:6],
                 "--quote", "Direct flights resumed in 2025.")
    assert result.exit_code == 2 and "both a file and a stored source id" in result.stderr


def test_a_pdf_without_a_text_layer_says_so(cli, tmp_path):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(tiny_pdf([]))
    result = cli("ingest", str(pdf))
    assert result.exit_code == 2 and "no text layer" in result.stderr


def test_a_corrupt_pdf_is_refused_in_one_line(cli, tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"garbage " * 50)
    result = cli("ingest", str(pdf))
    assert result.exit_code == 2 and result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1


def test_the_origin_of_a_page_survives_export_and_import(cli, tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    page = tmp_path / "visit.html"
    page.write_text(MINISTRY_PAGE, encoding="utf-8")
    src = stored_source(cli, cli("ingest", str(page)))
    dump = tmp_path / "export.jsonl"
    dump.write_text(cli("export").stdout, encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert CliRunner().invoke(main, ["--db", other, "import", str(dump)]).exit_code == 0
    again = json.loads(CliRunner().invoke(main, ["--db", other, "source", src["id"], "--format", "json"]).stdout)
    assert (again["media_type"], again["original_sha256"]) == ("html", src["original_sha256"])


def test_add_reads_its_source_from_standard_input_as_dash(cli):
    text = "date 2025-10-27\nDirect flights between India and China resumed on October 26, 2025.\n"
    result = cli("add", "flights", "--kind", "implemented", "--date", "2025-10-26", "--source", "-",
                 "--quote", "Direct flights between India and China resumed", input=text)
    assert result.exit_code == 0, result.stderr
    assert cli.json("status")[0] is not None
    assert any(s["published"] == "2025-10-27" and s["file"] is None for s in cli.json("sources"))
