"""Every input kind of CONTRACT.md, and rejections with reasons for what cannot be read."""
import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley import Extraction, Rejection, Settings, process
from parley.ingest import iter_raw, read_articles

GOOD = "Russian Foreign Minister Sergei Lavrov met UN envoy Staffan de Mistura in Moscow on Tuesday."
PAGE = ("<html><head><title>Lavrov meets envoy</title><meta name='author' content='Jane Roe'>"
        "<meta property='og:site_name' content='Example News'></head><body><nav>Home | World</nav>"
        f"<article><h1>Lavrov meets envoy</h1><p>{GOOD}</p><p>The two men discussed a truce in Aleppo, "
        "the Russian Foreign Ministry said in a statement on its website.</p></article>"
        "<footer>Copyright 2014</footer></body></html>")


def test_ingest_folder_bad_files_rejected_with_distinct_reasons(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré à Genève.".encode("latin-1"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(PAGE)
    results = list(read_articles([tmp_path], Settings.load()))
    rejected = {r.id: r.reason for r in results if isinstance(r, Rejection)}
    assert rejected == {"binary": "binary", "empty": "empty"}
    stored = {a.id: a for a in results if not isinstance(a, Rejection)}
    assert sorted(stored) == ["good", "latin1", "page"]      # Latin-1 is decoded (issue 19)
    assert stored["latin1"].text == "Le ministre a déclaré à Genève." and stored["latin1"].encoding == "cp1252"
    assert all(r.detail for r in results if isinstance(r, Rejection))


def test_ingest_jsonl_text_is_verbatim(tmp_path):
    text = "  Lavrov said:\n\n“We will talk,”  he said.\n"
    lines = [json.dumps({"id": "x1", "text": text, "published": "2014-12-18T10:00:00Z", "outlet": "RFE"}),
             "not json", json.dumps({"text": "no id"}), json.dumps({"id": "h1", "html": PAGE})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    results = list(read_articles([tmp_path / "in.jsonl"], Settings.load()))
    assert results[0].text == text and results[0].published == "2014-12-18" and results[0].outlet == "RFE"
    assert isinstance(results[1], Rejection) and results[1].reason == "bad_json"
    assert isinstance(results[2], Rejection) and results[2].reason == "missing_field"
    assert results[3].title == "Lavrov meets envoy" and "Home | World" not in results[3].text


def test_ingest_html_gz_metadata(tmp_path):
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    art = next(read_articles([tmp_path], Settings.load(published="2014-12-18")))
    assert art.id == "p" and art.title == "Lavrov meets envoy"
    assert art.authors == ("Jane Roe",) and art.outlet == "Example News"
    assert art.published == "2014-12-18" and "Copyright" not in art.text


def _warc(tmp_path):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for uri, body, ctype in (("http://ex.com/a", PAGE.encode(), "text/html; charset=utf-8"),
                             ("http://ex.com/logo.png", b"\x89PNG....", "image/png")):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    return path


def test_ingest_warc_responses(tmp_path):
    items = list(iter_raw([_warc(tmp_path)]))
    assert items[0].url == "http://ex.com/a" and items[0].kind == "html"
    assert isinstance(items[1], Rejection) and items[1].reason == "not_html"


def test_process_goes_on_after_bad_input(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    out = list(process([tmp_path], published="2014-12-18"))
    assert [type(r).__name__ for r in out] == ["Rejection", "Extraction", "Rejection"]
    assert out[2].reason == "unsupported_format"
    lavrov = [a for a in out[1].actors if a.name == "Sergei Lavrov"]
    assert lavrov and lavrov[0].country == "RUS" and isinstance(out[1], Extraction)
