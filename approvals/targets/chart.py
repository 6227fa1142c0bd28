"""A server-rendered bar-and-line chart of actual against target: plain SVG geometry, no JS.

Bars are the cumulative actuals, the line and its dots the targets. Years without data (after
the baseline, before the system recorded approvals) are a gap drawn as one hatched grey band
with a note, never a bar at the baseline: a flat run of bars reads as "nothing approved".
The template draws it inline with an HTML swatch legend; the table below is the text
alternative. Tick labels carry thousands separators; the axes are titled with their units.
"""

from dataclasses import dataclass

from approvals.targets.counting import YearRow

WIDTH, HEIGHT = 800, 340
LEFT, RIGHT, TOP, BOTTOM = 72, 12, 28, 56
# Below this slot width (user units) only every other year is labelled on the x axis.
LABEL_EVERY_YEAR_MIN_SLOT = 40


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
class Band:
    """The years without data: a hatched grey band across their slots."""

    x: float
    width: float
    label_x: float
    first_year: int
    last_year: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    target_points: str
    target_dots: list[tuple[float, float, int]]
    ticks: list[tuple[float, int]]
    baseline_y: float
    year_labels: list[tuple[float, str]]
    gaps: list[Band]
    left: int = LEFT
    top: int = TOP

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT

    @property
    def plot_height(self) -> float:
        return round(self.baseline_y - self.top, 1)

    @property
    def plot_middle_y(self) -> float:
        return round((self.top + self.baseline_y) / 2, 1)

    @property
    def x_title_y(self) -> float:
        return self.height - 8


def _nice_max(value: int) -> int:
    step = 10 ** max(len(str(value)) - 1, 0)
    return ((value // step) + 1) * step


def _gap_bands(rows, slot: float) -> list[Band]:
    bands, start = [], None
    for i, row in enumerate([*rows, None]):
        if row is not None and row.no_data:
            start = i if start is None else start
            continue
        if start is not None:
            x = LEFT + slot * start
            width = slot * (i - start)
            bands.append(
                Band(
                    round(x, 1),
                    round(width, 1),
                    round(x + width / 2, 1),
                    rows[start].fiscal_year,
                    rows[i - 1].fiscal_year,
                )
            )
            start = None
    return bands


def chart_for(rows: list[YearRow]) -> Chart | None:
    values = [v for r in rows for v in (r.target, r.actual, r.projection) if v is not None]
    if not rows or not values:
        return None
    top = _nice_max(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)

    def y_of(value: int) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    bars, dots, labels = [], [], []
    every = 1 if slot >= LABEL_EVERY_YEAR_MIN_SLOT else 2
    for i, row in enumerate(rows):
        x = LEFT + slot * i
        if i % every == 0 or row.is_current:
            labels.append((round(x + slot / 2, 1), str(row.fiscal_year)))
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
    # A current year labelled next to the previous label would overlap it: drop the previous.
    if every > 1 and len(labels) > 1 and labels[-1][0] - labels[-2][0] < slot * 1.5:
        del labels[-2]
    ticks = [(y_of(top * k // 4), top * k // 4) for k in range(5)]
    return Chart(
        WIDTH,
        HEIGHT,
        bars,
        " ".join(f"{x},{y}" for x, y, _v in dots),
        dots,
        ticks,
        TOP + plot_h,
        labels,
        _gap_bands(rows, slot),
    )
