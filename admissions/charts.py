"""Charts for the dashboard, drawn on the server as SVG: horizontal bars, which stay
readable on a phone (the labels sit above their bars, so nothing is squeezed sideways).
Each chart carries its title and description for screen readers; the table beneath it has
the same numbers. Colours are attributes, not inline styles (the CSP forbids those)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .selectors.dashboard.tables import COUNT, HOURS, MINUTES, PERCENT, Chart

WIDTH = 360
BAR_AREA = 270  # the rest holds the value written after each bar
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 10
LEGEND_HEIGHT = 20
COLOURS = ("#1f5f8b", "#e07b39", "#5a8f29")  # blue, orange, green: distinct for most eyes
MARKER = "#b3261e"
TEXT = "#1d2939"
MAX_LABEL = 44


def format_value(value, kind: str) -> str:
    """A figure as the page writes it; "—" when there is none."""
    if value is None:
        return "—"
    if kind == PERCENT:
        return f"{value:.1f}%"
    if kind == HOURS:
        return f"{value:.1f} h"
    if kind == MINUTES:
        return f"{value:.0f} min"
    if kind == COUNT:
        return f"{value:,.0f}"
    return str(value)


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _scale(chart: Chart) -> float:
    if chart.kind == PERCENT:
        return 100.0
    values = [v for _, vs in chart.categories for v in vs if v is not None]
    values += [m for m in chart.markers if m is not None]
    top = max(values, default=0.0)
    return float(top) if top > 0 else 1.0


def _legend(chart: Chart) -> tuple[list[str], int]:
    if len(chart.series) < 2 and not chart.marker_label:
        return [], 0
    parts, x = [], 0
    for n, name in enumerate(chart.series):
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[n % len(COLOURS)]}"/>'
            f'<text x="{x + 16}" y="14" font-size="12" fill="{TEXT}">{escape(name)}</text>'
        )
        x += 28 + 8 * len(name)
    if chart.marker_label:
        parts.append(
            f'<line x1="{x}" y1="2" x2="{x}" y2="18" stroke="{MARKER}" stroke-width="2" '
            f'stroke-dasharray="3 2"/><text x="{x + 6}" y="14" font-size="12" '
            f'fill="{TEXT}">{escape(chart.marker_label)}</text>'
        )
    return parts, LEGEND_HEIGHT + 4


def bar_chart(chart: Chart, *, chart_id: str) -> SafeString:
    """The chart as an ``<svg>`` element (``role="img"``, titled and described)."""
    scale = _scale(chart)
    parts, y = _legend(chart)
    for index, (category, values) in enumerate(chart.categories):
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="14" font-weight="600" fill="{TEXT}">'
            f"{escape(_label(category))}</text>"
        )
        y += LABEL_HEIGHT
        top = y
        marker_at = len(parts)  # the deadline line goes behind the bars and their values
        for n, value in enumerate(values):
            width = 0.0 if value is None else max(0.0, min(1.0, value / scale)) * BAR_AREA
            if value:
                width = max(width, 2.0)
            parts.append(
                f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{COLOURS[n % len(COLOURS)]}" rx="2"/>'
                f'<text x="{width + 4:.1f}" y="{y + 11}" font-size="13" fill="{TEXT}">'
                f"{escape(format_value(value, chart.kind))}</text>"
            )
            y += BAR_HEIGHT + BAR_GAP
        marker = chart.markers[index] if index < len(chart.markers) else None
        if marker is not None:
            x = max(0.0, min(1.0, marker / scale)) * BAR_AREA
            parts.insert(
                marker_at,
                f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{y - BAR_GAP + 2}" '
                f'stroke="{MARKER}" stroke-width="2" stroke-dasharray="3 2" opacity="0.8"/>',
            )
        y += GROUP_GAP
    height = max(y, 24)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<svg class="dashboard-chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>' + "".join(parts) + "</svg>"
    )
