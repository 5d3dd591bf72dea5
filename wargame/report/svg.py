"""Line charts as inline SVG text: no library, no script, no external file, legible projected and printed.

Each series also gets its own dash pattern and the legend gives final values,
so a chart still reads on a black-and-white printout or for colour-blind eyes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape as _escape

from wargame.text import plain


def escape(text: str) -> str:
    """Scenario text inside SVG: escaped, control characters shown rather than passed on."""
    return _escape(plain(text))


DASHES = ("", "9 5", "3 4", "12 4 3 4", "6 3", "2 6")
FONT = "font-family:system-ui,'Segoe UI',Helvetica,Arial,sans-serif"


def nice_ticks(lo: int, hi: int, target: int = 4) -> list[int]:
    """Whole-number axis ticks at 1, 2 or 5 times a power of ten, covering lo..hi."""
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / target
    mag = 10 ** math.floor(math.log10(raw))
    step = max(1, round(next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)))
    start, end = math.floor(lo / step) * step, math.ceil(hi / step) * step
    return list(range(start, end + step, step))


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def line_chart(
    series: Sequence[tuple[str, str, Sequence[int]]],
    labels: Sequence[str],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 220,
    marks: Sequence[tuple[str, str, int]] = (),
) -> str:
    """An SVG line chart: `series` is (name, colour, values), one value per label.

    `marks` are labelled horizontal reference lines (name, colour, value), such
    as victory thresholds. Colours must already be safe for an attribute
    (#rrggbb or a CSS name); every text is escaped here.
    """
    left, right, top, bottom = 52, 16, 14, 34
    n = max((len(v) for _, _, v in series), default=0)
    legend_rows = len(series) if len(series) > 1 else 0
    total_h = height + legend_rows * 22
    out = [
        f'<svg viewBox="0 0 {width} {total_h}" width="100%" role="img" aria-label="{escape(title)}" '
        f'style="{FONT};max-width:{width * 1.6:.0f}px">',
        f"<title>{escape(title)}</title>",
    ]
    if n == 0:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no data</text></svg>')
        return "".join(out)
    values = [x for _, _, v in series for x in v] + [v for _, _, v in marks]
    ticks = nice_ticks(min(values), max(values))
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_at(v: int) -> float:
        return top + plot_h - (v - y0) * plot_h / (y1 - y0)

    for t in ticks:
        y = _num(y_at(t))
        out.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#c8c8c8" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y}" dy="0.35em" text-anchor="end" font-size="13" fill="#333">{t}</text>')
    for name, color, v in marks:
        y = _num(y_at(v))
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="{color}" stroke-width="1.5" '
            f'stroke-dasharray="2 4"/><text x="{width - right}" y="{y}" dy="-0.4em" text-anchor="end" '
            f'font-size="12" fill="#222">{escape(name)} {v}</text>'
        )
    label_w = 7.6 * max((len(str(x)) for x in labels[:n]), default=1) + 10  # at font-size 13
    every = max(1, math.ceil((n - 1) / max(1, int(plot_w // (label_w * 1.3)))))
    for i, label in enumerate(labels[:n]):
        if i != n - 1 and (i % every or (n > 1 and x_at(n - 1) - x_at(i) < label_w)):
            continue  # thinned out so labels never overlap; the last one is always shown
        anchor = "end" if i == n - 1 and n > 1 else "start" if i == 0 and n > 1 else "middle"
        out.append(
            f'<text x="{_num(x_at(i))}" y="{height - 10}" text-anchor="{anchor}" font-size="13" '
            f'fill="#333">{escape(label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="#555" stroke-width="1.5"/>'
    )
    for k, (name, color, vals) in enumerate(series):
        dash = DASHES[k % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        pts = " ".join(f"{_num(x_at(i))},{_num(y_at(v))}" for i, v in enumerate(vals))
        out.append(
            f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="3" '
            f'stroke-linejoin="round"{dash_attr}><title>{escape(name)}</title></polyline>'
        )
        for i, v in enumerate(vals):
            tip = f"{name}, {labels[i] if i < len(labels) else i}: {v}{(' ' + unit) if unit else ''}"
            out.append(
                f'<circle cx="{_num(x_at(i))}" cy="{_num(y_at(v))}" r="3.5" fill="{color}">'
                f"<title>{escape(tip)}</title></circle>"
            )
        if legend_rows:
            row_y = height + 6 + k * 22
            out.append(
                f'<line x1="{left}" y1="{row_y}" x2="{left + 34}" y2="{row_y}" stroke="{color}" '
                f'stroke-width="3"{dash_attr}/>'
            )
            final = f"{vals[-1]}{(' ' + unit) if unit else ''}" if vals else ""
            out.append(
                f'<text x="{left + 42}" y="{row_y}" dy="0.35em" font-size="14" fill="#111">'
                f"{escape(name)}: {escape(final)}</text>"
            )
    out.append("</svg>")
    return "".join(out)
