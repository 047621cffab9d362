"""Charts of one run (and of a plan: required_vs_scheduled), each returning a matplotlib Figure.

Figures are built with matplotlib.figure.Figure, not pyplot: no backend or global figure
registry is involved, so they work the same in a notebook (display(fig)), in the headless
report (savefig) and in tests, and nothing accumulates in memory across many charts.
Time runs along x in hours from 00:00 on day 0, ticked by weekday.
"""

import matplotlib
import numpy as np
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator, PercentFormatter

from fccsim import analysis

_WIDTH_IN = 11.0


def _hours(frame):
    """Interval start times as hours from 00:00 on day 0, plus the end of the last interval,
    for step plots that show each interval's value over its whole length."""
    return frame["start_time"].dt.total_seconds().to_numpy() / 3600.0


def _steps(frame, column, interval_minutes):
    """x and y for a post-step plot whose last step reaches the end of the last interval."""
    x = _hours(frame)
    y = frame[column].to_numpy(dtype=float)
    if len(x):
        x = np.append(x, x[-1] + interval_minutes / 60.0)
        y = np.append(y, y[-1])
    return x, y


def _time_axis(ax, results):
    """Ticks at each midnight labelled by weekday (every week, for long horizons)."""
    days = max(results.days, 1)
    first = analysis.WEEKDAYS.index(results.start_weekday) \
        if results.start_weekday in analysis.WEEKDAYS else 0
    step = 1 if days <= 14 else 7
    ticks = list(range(0, days + 1, step))
    if days <= 14:
        labels = [analysis.WEEKDAYS[(first + d) % 7][:3].title() for d in ticks]
    else:
        labels = [f"day {d}" for d in ticks]
    ax.set_xticks([24 * d for d in ticks], labels, ha="left")
    if days <= 14:
        ax.xaxis.set_minor_locator(MultipleLocator(6))
    ax.set_xlim(0, 24 * days)
    ax.grid(True, which="major", axis="x", alpha=0.5)
    ax.grid(True, which="major", axis="y", alpha=0.25)


def _target_label(row):
    text = f"target {row.target_fraction:.0%} in {row.target_answer_within_s:g} s"
    if row.target_max_average_answer_s > 0:
        text += f", ASA ≤ {row.target_max_average_answer_s:g} s"
    return text


def _per_channel_axes(results, height_per_channel=2.6):
    channels = results.channels
    fig = Figure(figsize=(_WIDTH_IN, 0.8 + height_per_channel * max(len(channels), 1)),
                 layout="constrained")
    axes = fig.subplots(max(len(channels), 1), 1, sharex=True, squeeze=False)[:, 0]
    return fig, channels, axes


def service_level(results):
    """Service level of each interval's contacts against the channel's target, one panel
    per channel; the band is the 95% confidence interval, gaps are intervals with nothing
    answered or abandoned."""
    fig, channels, axes = _per_channel_axes(results)
    for ax, (_, target) in zip(axes, results.summary.iterrows()):
        frame = results.intervals[results.intervals["channel"] == target.channel]
        x, y = _steps(frame, "service_level", results.interval_minutes)
        ax.step(x, y, where="post", lw=0.9, color="tab:blue", label="service level")
        if frame["service_level_ci95"].notna().any():
            _, ci = _steps(frame, "service_level_ci95", results.interval_minutes)
            ax.fill_between(x, np.clip(y - ci, 0, 1), np.clip(y + ci, 0, 1), step="post",
                            color="tab:blue", alpha=0.15, lw=0, label="95% CI")
        if target.target_fraction > 0:  # an ASA-only target has no service level to draw
            ax.axhline(target.target_fraction, color="tab:red", ls="--", lw=1.2,
                       label=_target_label(target))
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylabel(f"{target.channel}")
        ax.legend(loc="lower left", fontsize="small", ncol=3)
        _time_axis(ax, results)
    axes[0].set_title("Service level per interval against the target")
    return fig


def queue_length(results):
    """Time-weighted mean number of contacts waiting in each interval, per channel."""
    fig = Figure(figsize=(_WIDTH_IN, 3.6), layout="constrained")
    ax = fig.subplots()
    for channel in results.channels:
        frame = results.intervals[results.intervals["channel"] == channel]
        x, y = _steps(frame, "mean_queue_length", results.interval_minutes)
        ax.step(x, y, where="post", lw=0.9, label=channel)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("contacts waiting")
    ax.set_title("Queue length over time (time-weighted mean per interval)")
    if results.channels:
        ax.legend(loc="upper left", fontsize="small")
    _time_axis(ax, results)
    return fig


def occupancy(results):
    """Occupancy (busy ÷ online time) of each handler group per interval, above the number of
    handlers online, so a dip in one can be read against the other."""
    fig = Figure(figsize=(_WIDTH_IN, 6.0), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    for group in results.group_names:
        frame = results.group_intervals[results.group_intervals["group"] == group]
        x, y = _steps(frame, "occupancy", results.interval_minutes)
        (line,) = top.step(x, y, where="post", lw=0.9, label=group)
        x, y = _steps(frame, "handlers_online", results.interval_minutes)
        bottom.step(x, y, where="post", lw=0.9, color=line.get_color(), label=group)
    top.set_ylim(0, 1.02)
    top.yaxis.set_major_formatter(PercentFormatter(1.0))
    top.set_ylabel("occupancy")
    top.set_title("Occupancy by handler group")
    if results.group_names:
        top.legend(loc="lower left", fontsize="small", ncol=4)
    bottom.set_ylim(bottom=0)
    bottom.set_ylabel("handlers online")
    for ax in (top, bottom):
        _time_axis(ax, results)
    return fig


def chat_concurrency(results):
    """Live Chat sessions per interval of each group with a chat skill: the mean number of
    chats open in the group, above the chats per handler holding at least one (concurrency)
    against the group's limit k, so a rise in chats can be told apart from handlers each
    taking on more. Gaps: no chat open in the interval."""
    fig = Figure(figsize=(_WIDTH_IN, 6.0), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    limits = results.groups.set_index("group")["chat_max_sessions"]
    for group in results.chat_groups:
        frame = results.group_intervals[results.group_intervals["group"] == group]
        x, y = _steps(frame, "chat_sessions", results.interval_minutes)
        (line,) = top.step(x, y, where="post", lw=0.9, label=group)
        x, y = _steps(frame, "chat_concurrency", results.interval_minutes)
        bottom.step(x, y, where="post", lw=0.9, color=line.get_color(), label=group)
        bottom.axhline(limits[group], color=line.get_color(), ls="--", lw=1,
                       label=f"{group}: k = {limits[group]:g}")
    top.set_ylim(bottom=0)
    top.set_ylabel("chats open")
    top.set_title("Live Chat concurrency by group (time-weighted mean per interval)")
    # Headroom above the largest k, so its line is not lost in the frame.
    bottom.set_ylim(0, 1.15 * limits[results.chat_groups].max() if results.chat_groups else 1)
    bottom.set_ylabel("chats per chatting handler")
    if results.chat_groups:
        top.legend(loc="upper left", fontsize="small", ncol=4)
        bottom.legend(loc="upper left", fontsize="small", ncol=4)
    else:  # drawn anyway, so that a caller looping over charts needs no special case
        top.text(0.5, 0.5, "no group of this run has a chat skill", transform=top.transAxes,
                 ha="center", va="center", color="grey")
    for ax in (top, bottom):
        _time_axis(ax, results)
    return fig


def abandonment(results, share=True):
    """Abandoned contacts (including short abandons) per interval, per channel: as a share of
    the interval's offered contacts (its abandoned_fraction, the default), or as a count
    (abandoned + short_abandoned) with share=False."""
    fig, channels, axes = _per_channel_axes(results, height_per_channel=2.2)
    for ax, channel in zip(axes, channels):
        frame = results.intervals[results.intervals["channel"] == channel].copy()
        if share:
            frame["value"] = frame["abandoned_fraction"]
        else:
            frame["value"] = frame["abandoned"] + frame["short_abandoned"]
        x, y = _steps(frame, "value", results.interval_minutes)
        ax.fill_between(x, 0, np.nan_to_num(y), step="post", color="tab:orange", alpha=0.6,
                        lw=0)
        ax.step(x, y, where="post", lw=0.7, color="tab:orange")
        ax.set_ylim(bottom=0)
        if share:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylabel(channel)
        _time_axis(ax, results)
    what = "share of offered contacts" if share else "contacts"
    axes[0].set_title(f"Abandoned per interval ({what}, short abandons included)")
    return fig


def target_heatmap(results, value="service_level"):
    """Where and when targets fail: weekday x time of day, one panel per channel.

    value="service_level": each cell's mean service level, coloured red below the channel's
    target fraction and green above it (the colour scale is centred on the target).
    value="meets_target": the share of the cell's intervals whose mean service level meets
    the target (with several weeks; 0 or 1 in a one-week run). Grey: no service level.
    """
    if value not in ("service_level", "meets_target"):
        raise ValueError(f"value must be 'service_level' or 'meets_target', not {value!r}")
    fig, channels, axes = _per_channel_axes(results, height_per_channel=2.4)
    cmap = matplotlib.colormaps["RdYlGn"].copy()
    cmap.set_bad("lightgrey")
    for ax, (_, target) in zip(axes, results.summary.iterrows()):
        grid = analysis.weekday_time_grid(results, target.channel, value)
        if value == "service_level" and 0 < target.target_fraction < 1:
            norm = TwoSlopeNorm(vmin=0, vcenter=target.target_fraction, vmax=1)
            label = f"service level (centre = {target.target_fraction:.0%} target)"
        else:
            norm = Normalize(vmin=0, vmax=1)
            label = "service level" if value == "service_level" else "share meeting target"
        image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), cmap=cmap,
                          norm=norm, aspect="auto", interpolation="nearest")
        ax.set_yticks(range(len(grid.index)), [d[:3].title() for d in grid.index])
        columns = list(grid.columns)
        every = max(1, round(len(columns) / 12))
        ax.set_xticks(range(0, len(columns), every), columns[::every])
        ax.set_ylabel(target.channel)
        colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
        if isinstance(norm, TwoSlopeNorm):
            centre = norm.vcenter
            colorbar.set_ticks([0, centre / 2, centre, (1 + centre) / 2, 1])
        colorbar.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        colorbar.set_label(label, fontsize="small")
    axes[0].set_title("Where and when targets fail (weekday × time of day)")
    return fig


def required_vs_scheduled(plan):
    """Handlers on duty per interval of each group of a plan (fccsim.load_plan): required by
    the analytic staffing against what the scenario's roster puts on duty, one panel per
    group; shaded where the roster is short (the intervals counted in intervals_short)."""
    from fccsim.plan import shortfall  # plans only: a chart of results never needs it

    frame = shortfall(plan)
    groups = plan.groups.set_index("group")
    fig = Figure(figsize=(_WIDTH_IN, 0.8 + 2.2 * max(len(plan.group_names), 1)),
                 layout="constrained")
    axes = fig.subplots(max(len(plan.group_names), 1), 1, sharex=True, squeeze=False)[:, 0]
    for ax, group in zip(axes, plan.group_names):
        rows = frame[frame["group"] == group]
        x, required = _steps(rows, "required_on_duty", plan.interval_minutes)
        _, scheduled = _steps(rows, "scheduled_on_duty", plan.interval_minutes)
        _, short = _steps(rows, "short", plan.interval_minutes)
        # Filled between the two step lines only where short: fill_between's `where` would
        # drop a shortfall of a single interval, whose next step is not short.
        ax.fill_between(x, scheduled, np.where(short > 0, required, scheduled), step="post",
                        color="tab:red", alpha=0.3, lw=0,
                        label=f"short: {groups.at[group, 'intervals_short']} of {len(rows)}")
        ax.step(x, required, where="post", lw=1.0, color="black", label="required on duty")
        ax.step(x, scheduled, where="post", lw=1.0, color="tab:blue",
                label="scheduled on duty")
        # Headroom above the highest step, so the legend hides no line.
        ax.set_ylim(0, 1.3 * max(np.nanmax(required, initial=0), np.nanmax(scheduled, initial=0))
                    or 1)
        ax.set_ylabel(group)
        ax.legend(loc="upper left", fontsize="small", ncol=3)
        _time_axis(ax, plan)
    axes[0].set_title("Handlers on duty by group: required (analytic) against scheduled "
                      "(the scenario's roster)")
    return fig


def planned_shifts(plan):
    """The shift plan of a plan with shift patterns (fccsim.load_plan), two panels per planned
    group: the handlers present (on shift, off break) the planned roster gives against the
    need the integer programme covered; and the handlers starting a shift in each hour of
    the horizon, stacked by pattern. None for a plan without shift patterns."""
    if plan.shift_summary is None or plan.shifts.empty:
        return None
    groups = list(dict.fromkeys(plan.shifts["group"]))
    fig = Figure(figsize=(_WIDTH_IN, 0.8 + 3.6 * len(groups)), layout="constrained")
    axes = fig.subplots(2 * len(groups), 1, sharex=True, squeeze=False)[:, 0]
    first = analysis.WEEKDAYS.index(plan.start_weekday) \
        if plan.start_weekday in analysis.WEEKDAYS else 0
    for i, group in enumerate(groups):
        cover, starts = axes[2 * i], axes[2 * i + 1]
        rows = plan.group_intervals[plan.group_intervals["group"] == group]
        x, need = _steps(rows, "planned_need", plan.interval_minutes)
        _, present = _steps(rows, "planned_present", plan.interval_minutes)
        cover.step(x, need, where="post", lw=1.0, color="black", label="need (present)")
        cover.step(x, present, where="post", lw=1.0, color="tab:blue", label="planned present")
        cover.set_ylim(0, 1.3 * max(np.nanmax(present, initial=0), 1))
        cover.set_ylabel(group)
        cover.legend(loc="upper left", fontsize="small", ncol=2)
        _time_axis(cover, plan)
        # Handlers starting per hour of the horizon, by pattern.
        shifts = plan.shifts[plan.shifts["group"] == group]
        hours = np.arange(24 * plan.days)
        bottom = np.zeros(len(hours))
        for pattern in dict.fromkeys(shifts["pattern"]):
            count = np.zeros(len(hours))
            for shift in shifts[shifts["pattern"] == pattern].itertuples():
                hh, mm = (int(t) for t in shift.start.split(":"))
                for day in range(plan.days):
                    weekday = analysis.WEEKDAYS[(first + day) % 7]
                    if shift.weekday in (weekday, "every day"):
                        count[24 * day + hh] += shift.headcount
            starts.bar(hours, count, width=1.0, bottom=bottom, align="edge", label=pattern)
            bottom += count
        starts.set_ylabel("starting")
        starts.legend(loc="upper left", fontsize="x-small", ncol=4)
        _time_axis(starts, plan)
    axes[0].set_title("Shift plan by group: handlers present against the need covered, and "
                      "handlers starting each hour by pattern")
    return fig


def all_figures(results):
    """Every chart, by a file-name-friendly key, in the order a reader would look at them;
    chat_concurrency only for a run with a chat group."""
    figures = {
        "service_level": service_level(results),
        "target_heatmap": target_heatmap(results),
        "queue_length": queue_length(results),
        "abandonment": abandonment(results),
        "occupancy": occupancy(results),
    }
    if results.chat_groups:
        figures["chat_concurrency"] = chat_concurrency(results)
    return figures
