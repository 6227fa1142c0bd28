"""A server-rendered bar-and-line chart of actual against target: plain SVG geometry, no JS.

Bars are the cumulative actuals, the line and its dots the targets. The template draws it
inline; the table next to it is the text alternative.
"""

from dataclasses import dataclass

from approvals.targets.counting import YearRow

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int | None
    projected: bool = False


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    target_points: str
    target_dots: list[tuple[float, float, int]]
    ticks: list[tuple[float, int]]
    baseline_y: float


def _nice_max(value: int) -> int:
    step = 10 ** max(len(str(value)) - 1, 0)
    return ((value // step) + 1) * step


def chart_for(rows: list[YearRow]) -> Chart | None:
    values = [v for r in rows for v in (r.target, r.actual, r.projection) if v is not None]
    if not rows or not values:
        return None
    top = _nice_max(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)

    def y_of(value: int) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    bars, dots = [], []
    for i, row in enumerate(rows):
        x = LEFT + slot * i
        value, projected = row.actual, False
        if row.projection is not None:
            value, projected = row.projection, True
        if value is not None:
            y = y_of(value)
            bars.append(
                Bar(
                    round(x + slot * 0.2, 1),
                    y,
                    round(slot * 0.6, 1),
                    round(TOP + plot_h - y, 1),
                    str(row.fiscal_year),
                    value,
                    projected,
                )
            )
        else:
            bars.append(Bar(round(x + slot * 0.2, 1), 0, 0, 0, str(row.fiscal_year), None))
        if row.target is not None:
            dots.append((round(x + slot / 2, 1), y_of(row.target), row.target))
    ticks = [(y_of(top * k // 4), top * k // 4) for k in range(5)]
    return Chart(
        WIDTH,
        HEIGHT,
        bars,
        " ".join(f"{x},{y}" for x, y, _v in dots),
        dots,
        ticks,
        TOP + plot_h,
    )
