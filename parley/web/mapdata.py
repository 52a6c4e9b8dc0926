"""The country shapes the web maps draw, shipped in the package (`data/countries.json`).

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as shipped in geopandas 0.14.4's
`datasets/naturalearth_lowres` (BSD-3 package; the data are Natural Earth's, with the
ISO codes of France, Norway and Kosovo filled from ADM0_A3). `make map-data` rebuilds the
file: `python -m parley.web.mapdata PATH/naturalearth_lowres.shp` reads the shapefile and
its .dbf with the standard library, rounds every point to 0.1 degree and drops repeated
points (about 160 KB).
"""
from __future__ import annotations

import json
import struct
import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "countries.json"
SOURCE = ("Natural Earth 1:110m Admin 0 - Countries (public domain), via geopandas 0.14.4 "
          "datasets/naturalearth_lowres; points rounded to 0.1 degree")


@lru_cache(maxsize=1)
def countries() -> tuple[dict, ...]:
    """[{"iso3", "name", "rings": [[[lon, lat], ...], ...]}, ...], loaded once per process."""
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["countries"])


def _dbf(path: Path) -> list[dict]:
    raw = path.read_bytes()
    n, header, width = struct.unpack("<xxxxIHH", raw[:12])
    fields, pos = [], 32
    while raw[pos] != 0x0D:
        name = raw[pos:pos + 11].split(b"\0")[0].decode()
        fields.append((name, raw[pos + 16]))
        pos += 32
    rows = []
    for k in range(n):
        rec, at = raw[header + k * width + 1: header + (k + 1) * width], 0
        row = {}
        for name, size in fields:
            row[name] = rec[at:at + size].decode("utf-8", "replace").strip()
            at += size
        rows.append(row)
    return rows


def _shapes(path: Path) -> list[list[list[tuple[float, float]]]]:
    raw, pos, out = path.read_bytes(), 100, []
    while pos < len(raw):
        length = struct.unpack(">I", raw[pos + 4:pos + 8])[0] * 2
        body = raw[pos + 8:pos + 8 + length]
        pos += 8 + length
        if struct.unpack("<i", body[:4])[0] != 5:          # polygon
            out.append([])
            continue
        parts_n, points_n = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", body[44:44 + 4 * parts_n])) + [points_n]
        pts = struct.unpack(f"<{2 * points_n}d", body[44 + 4 * parts_n:44 + 4 * parts_n + 16 * points_n])
        out.append([[(pts[2 * i], pts[2 * i + 1]) for i in range(a, b)] for a, b in zip(parts, parts[1:])])
    return out


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 1), round(y, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def build(shp: Path) -> dict:
    rows, shapes = _dbf(shp.with_suffix(".dbf")), _shapes(shp)
    out = []
    for row, rings in zip(rows, shapes):
        rings = [r for r in (_ring(r) for r in rings) if len(r) >= 4]
        if rings:
            iso3 = row.get("iso_a3") or row.get("ISO_A3")
            out.append({"iso3": "XKX" if iso3 == "-99" and row.get("name") == "Kosovo" else iso3, "name": row.get("name") or row.get("NAME"),
                        "rings": rings})
    return {"source": SOURCE, "licence": "public domain (Natural Earth terms of use)", "countries": out}


if __name__ == "__main__":
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(json.dumps(build(Path(sys.argv[1])), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{DATA}: {DATA.stat().st_size:,} bytes")
