"""Charts of a comparison (`fccsim compare`), each returning a matplotlib Figure, built as in
fccsim.plots (no pyplot). Time runs along x in hours from 00:00 on day 0, ticked by weekday.
"""

import numpy as np
from matplotlib.figure import Figure

from fccsim import plots

# What each panel shows: the measure of a channel or of a group, and its axis label.
_PANELS = {"channel": ("service_level", "service level"), "group": ("occupancy", "occupancy")}


def differences(comparison, variant):
    """The variant's difference from the base per interval, in percentage points: each
    channel's service level, then each group's occupancy, one panel each. The band is the
    paired 95% confidence interval; gaps are intervals with nothing to judge."""
    rows = comparison.intervals[comparison.intervals["variant"] == variant]
    panels = []
    for scope, (measure, label) in _PANELS.items():
        scoped = rows[(rows["scope"] == scope) & (rows["measure"] == measure)]
        for name in dict.fromkeys(scoped["name"]):  # in file order, once each
            panels.append((f"{name}: {label}", scoped[scoped["name"] == name]))
    fig = Figure(figsize=(plots._WIDTH_IN, 0.8 + 2.4 * max(len(panels), 1)),
                 layout="constrained")
    axes = fig.subplots(max(len(panels), 1), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (title, frame) in zip(axes, panels):
        frame = frame.assign(difference=100 * frame["difference"],
                             ci95_half_width=100 * frame["ci95_half_width"])
        x, y = plots._steps(frame, "difference", comparison.interval_minutes)
        ax.step(x, y, where="post", lw=0.9, color="tab:blue", label="variant - base")
        if frame["ci95_half_width"].notna().any():
            _, ci = plots._steps(frame, "ci95_half_width", comparison.interval_minutes)
            ax.fill_between(x, y - ci, y + ci, step="post", color="tab:blue", alpha=0.2, lw=0,
                            label="paired 95% CI")
        ax.axhline(0, color="black", lw=0.8)
        finite = np.isfinite(y)
        if finite.any() and np.nanmax(np.abs(y[finite])) == 0:
            ax.set_ylim(-1, 1)  # no difference anywhere: a flat line at 0, not a blank axis
        ax.set_ylabel("pp")
        ax.set_title(title, loc="left", fontsize="medium")
        ax.legend(loc="lower left", fontsize="small", ncol=2)
        plots._time_axis(ax, comparison)
    axes[0].figure.suptitle(f"{variant} against the base, per interval (percentage points)")
    return fig
