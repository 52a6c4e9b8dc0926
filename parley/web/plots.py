"""Server-rendered SVG plots, drawn by hand: no plotting library, no JavaScript.

`timeline_svg` draws one period per band: bars for cooperation, conflict and other events
(left axis, counts) and a line for the mean intensity (right axis, -10..10, Goldstein scale).
Every label goes through markupsafe.escape.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from .views import Period

SERIES = (("cooperation", "coop"), ("conflict", "conflict"), ("other", "other"))


@dataclass(frozen=True)
class Frame:
    """The plot area inside the SVG: margins for axes, labels and the legend."""

    width: int = 760
    height: int = 240
    left: int = 40
    right: int = 44
    top: int = 26
    bottom: int = 40

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom

    def y_count(self, n: float, top: float) -> float:
        return self.top + self.plot_h * (1 - n / top)

    def y_intensity(self, v: float) -> float:
        return self.top + self.plot_h * (10 - v) / 20


def _nice_top(n: int) -> int:
    if n <= 4:
        return max(n, 1)
    magnitude = 10 ** int(math.log10(n))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= n)


def _axes(f: Frame, top: int) -> list[str]:
    out = [f'<line class="axis" x1="{f.left}" y1="{f.top + f.plot_h}" '
           f'x2="{f.left + f.plot_w}" y2="{f.top + f.plot_h}"/>']
    for tick in sorted({0, top // 2 if top > 1 else 0, top}):
        y = f.y_count(tick, top)
        out.append(f'<line class="grid" x1="{f.left}" y1="{y:.1f}" x2="{f.left + f.plot_w}" y2="{y:.1f}"/>'
                   f'<text class="tick" x="{f.left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    x = f.left + f.plot_w
    for v in (-10, 0, 10):
        y = f.y_intensity(v)
        out.append(f'<text class="tick intensity" x="{x + 6}" y="{y + 4:.1f}">{v:+d}</text>')
    y0 = f.y_intensity(0)
    out.append(f'<line class="zero" x1="{f.left}" y1="{y0:.1f}" x2="{x}" y2="{y0:.1f}"/>')
    return out


def _bars(f: Frame, points: tuple[Period, ...], top: int) -> list[str]:
    band = f.plot_w / len(points)
    bar = min(max(band * 0.8 / len(SERIES), 1.0), 18.0)
    every = math.ceil(len(points) / 12)
    out = []
    for i, p in enumerate(points):
        x0 = f.left + (i + 0.5) * band - bar * len(SERIES) / 2
        for j, (attr, cls) in enumerate(SERIES):
            n = getattr(p, attr)
            if n:
                y = f.y_count(n, top)
                out.append(f'<rect class="bar {cls}" x="{x0 + j * bar:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                           f'height="{f.top + f.plot_h - y:.1f}"><title>{escape(p.period)}: {n} {attr}'
                           f'</title></rect>')
        if i % every == 0:
            out.append(f'<text class="tick" x="{f.left + (i + 0.5) * band:.1f}" y="{f.height - f.bottom + 16}" '
                       f'text-anchor="middle">{escape(p.period)}</text>')
    return out


def _intensity_line(f: Frame, points: tuple[Period, ...]) -> list[str]:
    band = f.plot_w / len(points)
    runs: list[list[str]] = [[]]
    dots = []
    for i, p in enumerate(points):
        if p.mean_intensity is None:
            runs.append([])
            continue
        x, y = f.left + (i + 0.5) * band, f.y_intensity(p.mean_intensity)
        runs[-1].append(f"{x:.1f},{y:.1f}")
        dots.append(f'<circle class="intensity" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{escape(p.period)}: '
                    f'mean intensity {p.mean_intensity:+.2f}</title></circle>')
    lines = [f'<polyline class="intensity" points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
    return lines + dots


def _legend(f: Frame) -> list[str]:
    out, x = [], f.left
    for label, cls in (("cooperation", "coop"), ("conflict", "conflict"), ("other", "other")):
        out.append(f'<rect class="bar {cls}" x="{x}" y="6" width="10" height="10"/>'
                   f'<text class="legend" x="{x + 14}" y="15">{label}</text>')
        x += 24 + 7 * len(label)
    out.append(f'<line class="intensity" x1="{x}" y1="11" x2="{x + 16}" y2="11"/>'
               f'<text class="legend" x="{x + 20}" y="15">mean intensity (right axis)</text>')
    return out


def timeline_svg(points: tuple[Period, ...], title: str, frame: Frame = Frame()) -> Markup:
    """Monthly (or yearly) bars of cooperation / conflict / other, and the mean intensity."""
    f = frame
    head = (f'<svg class="plot timeline" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {f.width} {f.height}" width="{f.width}" height="{f.height}">'
            f'<title>{escape(title)}</title>')
    if not points:
        body = [f'<text class="empty" x="{f.width / 2}" y="{f.height / 2}" text-anchor="middle">'
                f'no dated events</text>']
    else:
        top = _nice_top(max(max(p.cooperation, p.conflict, p.other) for p in points))
        body = _axes(f, top) + _bars(f, points, top) + _intensity_line(f, points) + _legend(f)
    return Markup(head + "".join(body) + "</svg>")
