"""Charts of a sweep (`fccsim sweep`), each returning a matplotlib Figure, built as in
fccsim.plots (no pyplot)."""

from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

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
    intervals. Listed points (no axis values) are not drawn."""
    table = sweep.groups if measure == "occupancy" else sweep.channels
    name = "group" if measure == "occupancy" else "channel"
    if by is None:
        others = [a for a in sweep.axes if a != axis]
        by = others[0] if others else None
    grid = table[table[axis].notna()] if axis in table else table.iloc[0:0]
    names = list(dict.fromkeys(grid[name]))
    fig = Figure(figsize=(plots._WIDTH_IN, 0.8 + 2.8 * max(len(names), 1)),
                 layout="constrained")
    axes = fig.subplots(max(len(names), 1), 1, squeeze=False)[:, 0]
    for ax, owner in zip(axes, names):
        rows = grid[grid[name] == owner]
        lines = [(None, rows)] if by is None else [
            (value, rows[rows[by] == value]) for value in sorted(rows[by].dropna().unique())]
        for value, line in lines:
            line = line.sort_values(axis)
            ax.errorbar(line[axis], line[measure], yerr=line[measure + "_ci95"], marker="o",
                        ms=3, capsize=2, lw=1, label=_label(by, value))
        if measure in _SHARES:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=1))
        ax.set_ylabel(f"{owner}: {_LABELS.get(measure, measure)}")
        ax.set_xlabel(axis)
        ax.grid(True, alpha=0.3)
        if by is not None:
            ax.legend(fontsize="small", ncol=4)
    axes[0].set_title(f"{_LABELS.get(measure, measure)} against {axis}")
    return fig
