"""A folder of mixed real inputs for the scale tests (Spark, worker processes): PolNeAR
texts as JSONL (some with dates), the sample text, HTML pages from the
article-extraction-benchmark as .html.gz and inside a WARC, and inputs to reject."""
from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SAMPLE_ID, need

_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def mixed_inputs(folder: Path, n_jsonl: int, n_html: int = 2, n_warc: int = 2) -> list[Path]:
    """Write the inputs into `folder`; returns the paths to give Parley (files and a subfolder)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(need("polnear/train/text").glob("*.txt"))[:n_jsonl]
    lines = []
    for k, p in enumerate(texts):
        obj = {"id": p.stem, "text": p.read_text(encoding="utf-8")}
        m = _DATE.search(p.name)
        if k % 2 == 0 and m:
            obj["published"] = m[1]
        lines.append(json.dumps(obj, ensure_ascii=False))
    lines.insert(len(lines) // 2, "{not json")
    (folder / "polnear.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = sorted(need("article-extraction-benchmark/html").glob("*.html.gz"))
    sub = folder / "pages"
    sub.mkdir(exist_ok=True)
    for p in pages[:n_html]:
        (sub / p.name).write_bytes(p.read_bytes())
    (sub / "sample.txt").write_bytes(need(f"samples/{SAMPLE_ID}.txt").read_bytes())
    (sub / "empty.txt").write_text("")
    (folder / "crawl.warc.gz").write_bytes(_warc(pages[n_html:n_html + n_warc]))
    return [folder / "polnear.jsonl", sub, folder / "crawl.warc.gz"]


def _warc(pages: list[Path]) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    records = [(f"https://news.example/{p.name[:12]}", gzip.decompress(p.read_bytes()), "text/html; charset=utf-8")
               for p in pages] + [("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")]
    for uri, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()
