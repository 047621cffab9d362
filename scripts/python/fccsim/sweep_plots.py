"""Charts of a sweep (`fccsim sweep`), each returning a matplotlib Figure, built as in
fccsim.plots (no pyplot)."""

from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from pandas.api.types import is_numeric_dtype

from fccsim import plots

_SHARES = {"service_level", "abandoned_fraction", "occupancy"}
_LABELS = {"service_level": "service level", "average_answer_s": "ASA (s)",
           "abandoned_fraction": "abandoned", "wait_p90_s": "90th percentile wait (s)",
           "offered": "offered", "occupancy": "occupancy"}


def _label(axis, value):
    if value is None:
        return None
    return f"{axis}={value:g}" if isinstance(value, float) else f"{axis}={value}"


def against(sweep, axis, measure="service_level", by=None):
    """`measure` of each channel (of each group, for occupancy) against the values of `axis`,
    over the grid's points, one panel per channel or group; with `by`, another axis, one line
    per value of it (default: the first other axis, if any). Bars are 95% confidence
    intervals (none on a line without any: one replication). Numbers are drawn in their
    order; other values (text: shift patterns, distributions) in the sweep's order of its
    points, as are the lines. Listed points (no axis values) are not drawn."""
    table = sweep.groups if measure == "occupancy" else sweep.channels
    name = "group" if measure == "occupancy" else "channel"
    if by is None:
        others = [a for a in sweep.axes if a != axis]
        by = others[0] if others else None
    # A listed point's value of an axis of text is "" (of numbers, NaN).
    grid = (table[table[axis].notna() & (table[axis] != "")] if axis in table
            else table.iloc[0:0])
    names = list(dict.fromkeys(grid[name]))
    fig = Figure(figsize=(plots._WIDTH_IN, 0.8 + 2.8 * max(len(names), 1)),
                 layout="constrained")
    axes = fig.subplots(max(len(names), 1), 1, squeeze=False)[:, 0]
    for ax, owner in zip(axes, names):
        rows = grid[grid[name] == owner]
        lines = [(None, rows)]
        if by is not None:
            values = list(rows[by].dropna().unique())  # in the order of the points
            if is_numeric_dtype(rows[by]):
                values = sorted(values)
            lines = [(value, rows[rows[by] == value]) for value in values]
        for value, line in lines:
            if is_numeric_dtype(line[axis]):
                line = line.sort_values(axis, kind="stable")
            errors = line[measure + "_ci95"]
            # matplotlib cannot draw bars all of NaN (StopIteration).
            ax.errorbar(line[axis], line[measure],
                        yerr=None if errors.isna().all() else errors, marker="o", ms=3,
                        capsize=2, lw=1, label=_label(by, value))
        if measure in _SHARES:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=1))
        ax.set_ylabel(f"{owner}: {_LABELS.get(measure, measure)}")
        ax.set_xlabel(axis)
        ax.grid(True, alpha=0.3)
        if by is not None:
            ax.legend(fontsize="small", ncol=4)
    axes[0].set_title(f"{_LABELS.get(measure, measure)} against {axis}")
    return fig
