"""Small derived views of Results that the plots, the report and the notebooks share.

These are judgements on the estimates across replications (does this interval's estimated
service level reach the target?), not replication-level measures such as the summary's
intervals_meeting_target, which counts per replication and then averages, or its
probability_target_met, the share of replications meeting the target over the whole period.
"""

from fccsim.frames import WEEKDAYS

_TARGET_COLUMNS = ["target_answer_within_s", "target_fraction", "target_max_average_answer_s"]


def intervals_with_targets(results):
    """results.intervals plus each channel's target and `meets_target`, judged as the C++
    side judges it (docs/model.md): the interval's estimated service level reaches the target
    fraction, when the target sets one, and its estimated ASA is within the maximum, when the
    target sets one. meets_target is NA where a measure the target needs is undefined."""
    targets = results.summary[["channel"] + _TARGET_COLUMNS]
    frame = results.intervals.merge(targets, on="channel", how="left", sort=False)
    judge_level = frame["target_fraction"] > 0
    max_asa = frame["target_max_average_answer_s"]
    judge_asa = max_asa > 0
    meets = (~judge_level | (frame["service_level"] >= frame["target_fraction"])) & \
            (~judge_asa | (frame["average_answer_s"] <= max_asa))
    undefined = (judge_level & frame["service_level"].isna()) | \
                (judge_asa & frame["average_answer_s"].isna())
    frame["meets_target"] = meets.astype("boolean").mask(undefined)
    return frame


def busiest_intervals(results, n=10, by="offered"):
    """The n intervals of each channel with the highest `by` (offered by default), busiest
    first, with the measures a planner looks at beside them."""
    columns = ["channel", "weekday", "start", "day", "offered", "answered", "abandoned",
               "short_abandoned", "abandoned_fraction", "service_level", "target_fraction",
               "meets_target", "average_answer_s", "mean_queue_length"]
    frame = intervals_with_targets(results)
    frame["channel_order"] = frame["channel"].map({c: i for i, c in enumerate(results.channels)})
    top = (frame.sort_values(["channel_order", by], ascending=[True, False], kind="stable")
           .groupby("channel", sort=False).head(n))
    return top[[c for c in columns if c in top]].reset_index(drop=True)


def weekday_time_grid(results, channel, value="service_level"):
    """A weekday x time-of-day table for one channel: the mean of `value` over the intervals
    falling in each cell (one per cell in a one-week run). value "meets_target" gives the
    share of intervals meeting the target. Rows MONDAY..SUNDAY (those in the run), columns
    HH:MM in order; NaN where undefined."""
    frame = intervals_with_targets(results)
    frame = frame[frame["channel"] == channel].copy()
    if value == "meets_target":
        frame["value"] = frame["meets_target"].astype("Float64").astype(float)
    else:
        frame["value"] = frame[value].astype(float)
    grid = frame.pivot_table(index="weekday", columns="start", values="value",
                             aggfunc="mean", observed=True, dropna=False)
    days = [d for d in WEEKDAYS if d in set(frame["weekday"].astype(str))]
    times = sorted(set(frame["start"]))
    grid = grid.reindex(index=days, columns=times).astype(float)
    grid.index.name, grid.columns.name = "weekday", "start"
    return grid


def failing_interval_counts(results):
    """Per channel and weekday: intervals with a defined service level, how many miss the
    target, and the share missing. The quick answer to "which days fail?"."""
    frame = intervals_with_targets(results).dropna(subset=["meets_target"])
    frame["misses_target"] = ~frame["meets_target"].astype(bool)
    table = (frame.groupby(["channel", "weekday"], sort=False, observed=True)
             .agg(intervals=("misses_target", "size"), missing_target=("misses_target", "sum"))
             .reset_index())
    table["share_missing"] = table["missing_target"] / table["intervals"]
    return table
