"""Loading a plan written by `fccsim plan SCENARIO -o plan.pb` into pandas DataFrames.

A plan is refused on the same terms as a results file (fccsim.results): it must parse and
carry the completion marker, which the writer (model/plan/requirements.cc) sets last, so a
file cut short or still being written is never read as a plan. Fields this reader does not
know (a newer schema) are ignored.
"""

import os
from dataclasses import dataclass, field

import pandas as pd

from fccsim import frames
from fccsim.results import ResultsError, check_interval_minutes, read_complete_message
from fccsim.schema import plan_pb2

PLAN_COMPLETE_MARKER = "fccsim plan complete"
# The margin model/plan/requirements.cc allows before it counts an interval short.
_SHORT_MARGIN = 1e-9


class PlanError(ResultsError):
    """A plan file that cannot be used: missing, empty, unparsable, truncated or incomplete.
    The message names the file; `path` holds it. A ResultsError too, so that code refusing
    unusable fccsim files needs one except clause."""


@dataclass(frozen=True, eq=False)
class Plan:
    """One plan: metadata, the message as read (`raw`) and four tidy tables.

    channels           one row per channel: channel, kind (VOICE or CHAT), method, agent_hours,
                       peak_agents
    channel_intervals  one row per channel x interval: the columns of plan_channels.csv
                       (`fccsim plan --csv`), plus start_time
    groups             one row per handler group: group, break_share, required_hours,
                       scheduled_hours, intervals_short
    group_intervals    one row per group x interval: the columns of plan_groups.csv, plus
                       start_time
    shifts             one row per planned shift (empty without shift patterns): the columns
                       of plan_shifts.csv: pattern, name, group, weekday, start,
                       length_minutes, breaks, headcount, cost_per_shift, cost
    shift_summary      the shift plan's figures (solver status, proven_optimal, cost, fte,
                       paid_hours_per_week, roster_paid_hours_per_week, verified,
                       roster_misses...), or None without shift patterns
    Columns follow plan.proto in schema order (frames.py), so a field the schema adds appears
    without a change here, as it does in the CSV tables. The name column is `channel` or
    `group`, as in the CSV tables and in Results. An unset
    agents_erlang_a (a channel without a patience) is NaN; the figures of an interval with
    no demand are NaN. Hours are on-duty handler-hours; definitions in docs/model.md,
    "Staffing requirements".
    """

    path: str
    scenario_name: str
    scenario_path: str
    overrides: list
    version: str
    interval_minutes: int
    days: int
    start_weekday: str
    shrinkage: float
    max_occupancy: float
    channels: pd.DataFrame = field(repr=False)
    channel_intervals: pd.DataFrame = field(repr=False)
    groups: pd.DataFrame = field(repr=False)
    group_intervals: pd.DataFrame = field(repr=False)
    shifts: pd.DataFrame = field(repr=False)
    shift_summary: dict | None = field(repr=False)
    raw: plan_pb2.PlanResult = field(repr=False)

    @property
    def channel_names(self):
        """Channel names, in the order of the plan."""
        return list(self.channels["channel"])

    @property
    def group_names(self):
        """Handler group names, in the order of the plan."""
        return list(self.groups["group"])


def read_plan_result(path):
    """The PlanResult message in `path`, or PlanError saying why the file is refused."""
    plan = read_complete_message(path, plan_pb2.PlanResult(), PLAN_COMPLETE_MARKER, "plan",
                                 PlanError)
    check_interval_minutes(os.fspath(path), plan, PlanError)
    return plan


def from_message(plan, path=""):
    """Plan from a PlanResult already in memory (the checks on the file are the caller's)."""
    return Plan(
        path=os.fspath(path),
        scenario_name=plan.scenario.name,
        scenario_path=plan.scenario_path,
        overrides=list(plan.overrides),
        version=plan.software_version,
        interval_minutes=plan.interval_minutes,
        days=plan.days,
        start_weekday=frames.weekday_name(plan.start_weekday),
        shrinkage=plan.shrinkage,
        max_occupancy=plan.max_occupancy,
        channels=frames.plan_channels_frame(plan),
        channel_intervals=frames.plan_channel_intervals_frame(plan),
        groups=frames.plan_groups_frame(plan),
        group_intervals=frames.plan_group_intervals_frame(plan),
        shifts=frames.plan_shifts_frame(plan),
        shift_summary=frames.plan_shift_summary(plan),
        raw=plan,
    )


def load_plan(path):
    """Reads a plan file (`fccsim plan SCENARIO -o PATH`) into Plan.

    Raises PlanError, naming the file, for a missing, empty, unparsable, truncated or
    incomplete file.
    """
    return from_message(read_plan_result(path), path)


def shortfall(plan):
    """plan.group_intervals with `short`: whether scheduled on duty is below required there,
    judged as fccsim counts intervals_short (a margin of 1e-9 handlers, so that rounding in
    the shares of a channel's agents is not a shortfall)."""
    frame = plan.group_intervals.copy()
    frame["short"] = frame["scheduled_on_duty"] + _SHORT_MARGIN < frame["required_on_duty"]
    return frame
