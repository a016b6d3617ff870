"""A goal's chart tells the truth: measurements end at the last one, time is to scale, the
goal and the straight path are series of their own, and the verdict follows the model."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import ADVERSARIAL, REPO, as_of
from usm_docgen import catalog
from usm_docgen.charts import goal_svg, month_ticks, progress, sanitize_svg
from usm_docgen.model import Model
from usm_docgen.render import render_site


def load(root: Path) -> Model:
    result = catalog.load(root, "", today=dt.date.fromisoformat(as_of(root)))
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def example() -> Model:
    return load(REPO)


def points(svg: str, cls: str) -> list[tuple[float, float]]:
    found = re.search(rf'<polyline class="{cls}" points="([^"]*)"', svg)
    assert found is not None, cls
    return [(float(x), float(y)) for x, y in (p.split(",") for p in found.group(1).split())]


def test_measurements_end_at_the_last_measurement_on_a_time_scale(example: Model) -> None:
    for goal in example.improvement.goals:
        measured = sorted(
            (m.date, m.value)
            for m in example.improvement.measurements
            if m.indicator == goal.indicator
        )
        state = progress(example, goal)
        assert state.measurements[-1] == measured[-1], goal.id
        svg = goal_svg(example, state, title="t", descr="d")
        line = points(svg, "usm-chart-measured")
        assert len(line) == 1 + len(measured)  # the baseline, then each measurement
        dates = [example.improvement.baseline.date, *(d for d, _ in measured)]
        # equal times take equal room: x grows in proportion to the days
        per_day = {
            round((x - line[0][0]) / (d - dates[0]).days, 3)
            for (x, _), d in zip(line[1:], dates[1:], strict=True)
        }
        assert max(per_day) - min(per_day) < 0.01, (goal.id, per_day)
        # the goal is not a point of the measurements, but a series of its own
        assert goal.due not in dates
        assert 'class="usm-chart-path"' in svg and 'class="usm-chart-target"' in svg
        assert line[-1][0] < float(re.search(r'class="usm-chart-path"[^>]*x2="([0-9.]+)"', svg)[1])  # type: ignore[index]


def test_the_verdict_follows_the_model(example: Model) -> None:
    verdicts = set()
    for goal in example.improvement.goals:
        baseline = example.improvement.baseline
        start, value = baseline.date, baseline.value(goal.indicator)
        assert value is not None
        day, last = max(
            (m.date, m.value)
            for m in example.improvement.measurements
            if m.indicator == goal.indicator
        )
        expected = value + (goal.target - value) * (day - start).days / (goal.due - start).days
        direction = example.indicator(goal.indicator).direction
        on_track = last <= expected if direction == "down" else last >= expected
        verdict = progress(example, goal).verdict
        assert verdict == ("on-track" if on_track else "behind"), goal.id
        verdicts.add(verdict)
    assert verdicts == {"on-track", "behind"}, "our example has goals of both kinds"


def test_the_improvement_and_owner_pages_state_each_verdict(example: Model) -> None:
    pages = render_site(example)
    words = {"on-track": "op koers", "behind": "achter"}
    for goal in example.improvement.goals:
        verdict = progress(example, goal).verdict
        badge = f"`{words[verdict]}`:"
        section = pages["improvement"].split(f"(usm-goal.{goal.id})=", 1)[1]
        section = section.split("(usm-goal.")[0].split("\n## ")[0]
        assert badge in section, goal.id
        assert "```{usm-svg}" in section and "```{mermaid}" not in section
        assert badge in pages[f"profiles/{goal.owner}"], goal.id


def test_a_goal_without_measurements_has_no_verdict_and_no_line_beyond_the_baseline(
    example: Model,
) -> None:
    import dataclasses

    goal = example.improvement.goals[0]
    bare = dataclasses.replace(
        example,
        improvement=dataclasses.replace(example.improvement, measurements=()),
        _index={},
    )
    state = progress(bare, goal)
    assert state.verdict == "unmeasured" and state.last is None
    assert len(points(goal_svg(bare, state, title="t", descr="d"), "usm-chart-measured")) == 1


def test_month_ticks_never_crowd_the_axis() -> None:
    for months in (1, 5, 11, 23, 40, 130):
        start = dt.date(2026, 2, 13)
        end = start + dt.timedelta(days=30 * months)
        ticks = month_ticks(start, end)
        assert 1 <= len(ticks) <= 8 or months < 1, (months, ticks)
        assert all(t.day == 1 and start < t <= end for t in ticks)


def test_every_chart_of_the_adversarial_handbook_passes_the_sanitiser() -> None:
    hostile = load(ADVERSARIAL)
    for goal in hostile.improvement.goals:
        title = "<script>alert(1)</script> & \" ' ]]>"
        svg = goal_svg(hostile, progress(hostile, goal), title=title, descr=title)
        clean = sanitize_svg(svg)
        assert "<script" not in clean and "&lt;script&gt;" in clean


@pytest.mark.parametrize(
    "svg",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"></svg>',
        '<svg><rect style="fill:url(http://x)"/></svg>',
        '<svg><a href="javascript:x"><text>x</text></a></svg>',
        '<svg><image href="http://example.org/x.png"/></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        '<!DOCTYPE svg [<!ENTITY x "y">]><svg><text>&x;</text></svg>',
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/></svg>',
        '<svg><rect class="a&quot;onclick=x"/></svg>',
        "<div>not svg</div>",
        "<svg><text>unclosed</svg>",
    ],
)
def test_the_sanitiser_refuses_what_a_chart_never_holds(svg: str) -> None:
    with pytest.raises(ValueError):
        sanitize_svg(svg)
