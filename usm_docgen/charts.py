"""A goal's progress as an SVG chart drawn here, on a true time axis, with its verdict.

Mermaid's ``xychart-beta`` spaces its x categories evenly and cannot end one series before
another, so it drew the goal as the last point of the measurements (progress that had not
happened) on an axis where three months and three weeks looked alike. A chart this small is
simpler to draw than to work around: plain SVG, made from the model, shown inline (so it
follows the page's light or dark theme, prints as vectors and works from ``file://``), and
only ever through :func:`usm_docgen.sphinx_ext`'s sanitising ``usm-svg`` directive.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass
from xml.etree import ElementTree

from usm_docgen.model import Goal, Model

VERDICTS = ("on-track", "behind", "unmeasured")
"""A goal's verdict: its last measurement is at or beyond the straight path from the baseline
to the target on that date; or it is short of it; or nothing was measured after the baseline."""

_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WIDTH, _HEIGHT = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 20, 14, 36


@dataclass(frozen=True)
class Progress:
    """Where a goal stands: its baseline, the measurements after it and the verdict."""

    goal: Goal
    baseline: tuple[dt.date, float]
    measurements: tuple[tuple[dt.date, float], ...]
    """After the baseline date, by date; of two on one day the one written last."""
    direction: str
    verdict: str
    expected: float | None
    """The straight path's value on the last measurement's date (None when unmeasured)."""

    def path(self, day: dt.date) -> float:
        """The straight path from the baseline to the target on the due date, at ``day``."""
        (start, value), due = self.baseline, self.goal.due
        share = (day - start).days / ((due - start).days or 1)
        return value + (self.goal.target - value) * share

    @property
    def last(self) -> tuple[dt.date, float] | None:
        return self.measurements[-1] if self.measurements else None


def progress(model: Model, goal: Goal) -> Progress:
    """The goal's progress as the model records it (see :data:`VERDICTS`)."""
    improvement = model.improvement
    indicator = model.indicator(goal.indicator)
    start = improvement.baseline.date
    value = improvement.baseline.value(indicator.id)
    if value is None:  # the catalog refuses a goal whose indicator has no baseline value
        raise ValueError(f"goal {goal.id}: indicator {indicator.id} has no baseline value")
    points: dict[dt.date, float] = {}
    for m in improvement.measurements:
        if m.indicator == indicator.id and m.date > start:
            points[m.date] = m.value
    measured = tuple(sorted(points.items()))
    result = Progress(goal, (start, value), measured, indicator.direction, "unmeasured", None)
    if not measured:
        return result
    day, last = measured[-1]
    expected = result.path(day)
    ahead = last <= expected if indicator.direction == "down" else last >= expected
    verdict = "on-track" if ahead else "behind"
    return Progress(goal, (start, value), measured, indicator.direction, verdict, expected)


def goal_svg(model: Model, state: Progress, *, title: str, descr: str) -> str:
    """The chart of one goal: measurements (solid, with dots), the straight path from the
    baseline to the target (dashed) and the target (a dotted level and a diamond on the due
    date), over a time axis where equal times take equal room. ``title`` and ``descr`` are
    its accessible name and description (plain text)."""
    language = model.handbook.language
    goal = state.goal
    start = state.baseline[0]
    end = max([goal.due, *(d for d, _ in state.measurements)])
    values = [state.baseline[1], goal.target, *(v for _, v in state.measurements)]
    percent = model.indicator(goal.indicator).unit.strip() == "%"
    low, high = axis_range(values, percent=percent)
    span = (end - start).days or 1
    inner_w, inner_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def x(day: dt.date) -> float:
        return round(_LEFT + inner_w * (day - start).days / span, 1)

    def y(value: float) -> float:
        return round(_TOP + inner_h * (high - value) / ((high - low) or 1), 1)

    ident = f"usm-goal-{goal.id}"
    out = [
        f'<svg class="usm-chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-descr">',
        f'<title id="{ident}-title">{_esc(title)}</title>',
        f'<desc id="{ident}-descr">{_esc(descr)}</desc>',
        '<g class="usm-chart-grid" aria-hidden="true">',
    ]
    for tick in _value_ticks(low, high):
        out.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>'
            f'<text x="{_LEFT - 6}" y="{y(tick)}" text-anchor="end" dominant-baseline="middle">'
            f"{_esc(number(tick, language))}</text>"
        )
    for day in month_ticks(start, end):
        out.append(
            f'<line x1="{x(day)}" x2="{x(day)}" y1="{_TOP}" y2="{_TOP + inner_h}"/>'
            f'<text x="{x(day)}" y="{_HEIGHT - _BOTTOM + 16}" text-anchor="middle">'
            f"{_esc(month_label(day, language))}</text>"
        )
    out.append("</g>")
    (b_day, b_value), due = state.baseline, goal.due
    out.append(
        f'<line class="usm-chart-target" x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" '
        f'y1="{y(goal.target)}" y2="{y(goal.target)}"/>'
    )
    out.append(
        f'<line class="usm-chart-path" x1="{x(b_day)}" y1="{y(b_value)}" '
        f'x2="{x(due)}" y2="{y(goal.target)}"/>'
    )
    tx, ty = x(due), y(goal.target)
    out.append(
        f'<polygon class="usm-chart-target-point" '
        f'points="{tx},{ty - 6} {tx + 6},{ty} {tx},{ty + 6} {tx - 6},{ty}"/>'
    )
    measured = [(b_day, b_value), *state.measurements]
    points = " ".join(f"{x(d)},{y(v)}" for d, v in measured)
    out.append(f'<polyline class="usm-chart-measured" points="{points}"/>')
    for d, v in measured:
        out.append(f'<circle class="usm-chart-measured-point" cx="{x(d)}" cy="{y(v)}" r="4"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def axis_range(values: list[float], *, percent: bool) -> tuple[float, float]:
    """A y-axis from zero (or below, for negative values) to a round number above the data."""
    top = max(values)
    bottom = min(0.0, min(values))
    if percent and bottom >= 0 and top <= 100:
        return 0.0, 100.0
    span = (top - bottom) * 1.1 or 1.0
    step = 10 ** math.floor(math.log10(span)) / 5
    high = round(math.ceil(top * 1.1 / step) * step, 10) if top > 0 else 0.0
    low = round(math.floor(bottom * 1.1 / step) * step, 10) if bottom < 0 else 0.0
    if high <= low:
        high = low + step
    return low, high


def _value_ticks(low: float, high: float) -> list[float]:
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def month_ticks(start: dt.date, end: dt.date, most: int = 8) -> list[dt.date]:
    """First days of months between ``start`` and ``end``, every 1, 2, 3 or 6 months or 1,
    2, 5 or 10 years (on round months), so that at most ``most`` labels share the axis and
    none overlaps another."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 10**6) if months / s < most)
    day = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    ticks = []
    while day <= end:
        if (day.year * 12 + day.month - 1) % step == 0:
            ticks.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def month_label(day: dt.date, language: str) -> str:
    return f"{_MONTHS[language][day.month - 1]} {day.year}"


def number(value: float, language: str) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return text.replace(".", ",") if language == "nl" else text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


# --- what the usm-svg directive lets through ---------------------------------------------

_ELEMENTS = frozenset(
    {"svg", "g", "title", "desc", "line", "polyline", "polygon", "circle", "rect", "text"}
)
_ATTRIBUTES = frozenset(
    {
        "viewBox", "role", "aria-labelledby", "aria-hidden", "id", "class",
        "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "points",
        "text-anchor", "dominant-baseline",
    }
)  # fmt: skip
_SAFE_VALUE = re.compile(r"[A-Za-z0-9 .,_-]*")


def sanitize_svg(text: str) -> str:
    """``text`` parsed and written again with only the elements and attributes a chart of
    ours uses: no script, style, link, external reference, entity or event handler can pass,
    whoever wrote it. A ValueError says what was refused."""
    if re.search(r"<!|<\?|&(?!(?:amp|lt|gt|quot|#x?[0-9a-fA-F]+);)", text):
        raise ValueError("declarations, processing instructions and entities are not allowed")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not well-formed SVG: {exc}") from None
    if root.tag != "svg":
        raise ValueError("the chart must be one <svg> element (without a namespace)")
    for element in root.iter():
        if element.tag not in _ELEMENTS:
            raise ValueError(f"<{element.tag}> is not allowed in a chart")
        for name, value in element.attrib.items():
            if name not in _ATTRIBUTES:
                raise ValueError(f"attribute {name!r} is not allowed in a chart")
            if not _SAFE_VALUE.fullmatch(value):
                raise ValueError(f"attribute {name}={value!r} holds characters not allowed")
    return ElementTree.tostring(root, encoding="unicode", method="html")
