"""Turns a RunResult (or a PlanResult) message into tidy pandas DataFrames, one row per
observation.

Columns are derived from the message descriptors, in schema order, so a measure added to the
schema (results.proto, plan.proto) appears as a column without a change here. The CSV tables
of `fccsim run --csv` follow the same rules (model/results/result_csv.h; a test holds the two
together), as do those of `fccsim plan --csv` (model/plan/plan_output.h; test_plan.py).
Naming:
  * an Estimate field `x` becomes `x` (the estimate across replications) and `x_ci95` (the
    half width of its 95% interval; NaN when absent, as with one replication);
  * a list of ServiceLevelAt (service_levels) becomes `service_level_at_<T>s` and its
    `_ci95` for each threshold T, where the list is in the schema;
  * a Probability field `x` becomes `x` (the estimate, a share of replications),
    `x_ci95_lower` and `x_ci95_upper` (its exact 95% interval), `x_successes` and `x_trials`
    (NaN, NaN, NaN, 0, 0 in a file written before the field existed);
  * enums become their value names (weekday: an ordered categorical MONDAY ... SUNDAY;
    target_verdict: TARGET_MET, TARGET_MISSED, TARGET_NOT_SETTLED or TARGET_NOT_JUDGED);
    booleans are bool columns;
  * a nested message of Estimates and numbers `m` (triage, chat) becomes `m_x` for each of
    its fields `x`, and `m_x_ci95` for an Estimate: NaN where the message is absent (a
    channel without triage, a group without chat), which makes a column of whole numbers
    such as chat_max_sessions a float column when some rows lack it;
  * an `optional` scalar not set (plan.proto's agents_erlang_a) is NaN, the CSV's empty
    cell, making its column a float column when some rows lack it;
  * other lists (a channel's intervals and replications) are frames of their own;
  * interval frames also have `start_time` after `start` (a Timedelta from 00:00 on day 0),
    which the CSV tables do not.
Field names in the schema already carry their units (`_s` for seconds); counts and
fractions have none. Fractions stay in [0, 1].
"""

import math

import pandas as pd
from google.protobuf.descriptor import FieldDescriptor

from fccsim.schema import plan_pb2, results_pb2, scenario_pb2

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
WEEKDAY_DTYPE = pd.CategoricalDtype(WEEKDAYS, ordered=True)

_ESTIMATE = results_pb2.Estimate.DESCRIPTOR.full_name
_SERVICE_LEVEL_AT = results_pb2.ServiceLevelAt.DESCRIPTOR.full_name
_PROBABILITY = results_pb2.Probability.DESCRIPTOR.full_name
_WEEKDAY = scenario_pb2.Weekday.DESCRIPTOR


def enum_name(enum_type, number):
    """The name of an enum value; an unknown number (from a newer schema) gives its digits,
    so that reading never fails on it. WEEKDAY_UNSPECIFIED means MONDAY (scenario.proto)."""
    if enum_type.full_name == _WEEKDAY.full_name and number == scenario_pb2.WEEKDAY_UNSPECIFIED:
        return "MONDAY"
    value = enum_type.values_by_number.get(number)
    return value.name if value is not None else str(number)


def weekday_name(number):
    return enum_name(_WEEKDAY, number)


def _estimate(estimate):
    """(mean, ci95 half width or NaN) of an Estimate message."""
    ci95 = estimate.ci95_half_width if estimate.HasField("ci95_half_width") else math.nan
    return estimate.mean, ci95


# The columns of a Probability field `x` after `x` itself, in the order of the CSV tables.
_PROBABILITY_SUFFIXES = ["_ci95_lower", "_ci95_upper", "_successes", "_trials"]


def _probability(holder, name):
    """(estimate, ci95 lower, ci95 upper, successes, trials) of the Probability field `name`
    of `holder`; NaN bounds and estimate when the field is absent (an older file)."""
    if not holder.HasField(name):
        return math.nan, math.nan, math.nan, 0, 0
    p = getattr(holder, name)
    return p.estimate, p.ci95_lower, p.ci95_upper, p.successes, p.trials


def _is_measure_group(descriptor):
    """Whether a message type is made only of singular Estimates and scalars (TriageMeasures,
    ChatMeasures, ChatConcurrency), as result_csv.cc decides it; a Probability has its own
    columns and is not one."""
    if not descriptor.fields or descriptor.full_name == _PROBABILITY:
        return False
    return all(f.label != FieldDescriptor.LABEL_REPEATED and
               (f.message_type is None or f.message_type.full_name == _ESTIMATE)
               for f in descriptor.fields)


def _scalar(message, name, enum_type):
    """A scalar field's value, an enum by its name."""
    value = getattr(message, name)
    return value if enum_type is None else enum_name(enum_type, value)


class _MeasureGroup:
    """The columns of a nested measure message `m`: `m_x` per field, `m_x_ci95` as well for
    an Estimate."""

    def __init__(self, field):
        self.name = field.name
        self.estimates = []  # (field name, column)
        self.scalars = []  # (field name, column, enum type or None)
        self.columns = []  # in schema order
        for sub in field.message_type.fields:
            column = f"{field.name}_{sub.name}"
            if sub.message_type is not None:
                self.estimates.append((sub.name, column))
                self.columns += [column, column + "_ci95"]
            else:
                self.scalars.append((sub.name, column, sub.enum_type))
                self.columns.append(column)

    def fill(self, message, row):
        """Adds the group's columns of `message` to `row`."""
        if not message.HasField(self.name):
            # Absent means the measure does not apply (no triage, no chat): undefined, as the
            # CSV's "nan", never zeros that would read as a measured nothing.
            row.update(dict.fromkeys(self.columns, math.nan))
            return
        group = getattr(message, self.name)
        for name, column in self.estimates:
            if group.HasField(name):
                row[column], row[column + "_ci95"] = _estimate(getattr(group, name))
            else:  # a file from before the measure existed: unknown
                row[column], row[column + "_ci95"] = math.nan, math.nan
        for name, column, enum_type in self.scalars:
            row[column] = _scalar(group, name, enum_type)


class _Plan:
    """How to flatten one message type into columns: computed once per type, because a
    year of 15-minute intervals is tens of thousands of messages."""

    def __init__(self, descriptor, skip=()):
        self.estimates = []  # field names of Estimate fields
        self.probabilities = []  # field names of Probability fields
        self.scalars = []  # (name, enum type or None) of singular scalar fields
        self.optional = set()  # names of scalars with presence (proto3 `optional`)
        self.bools = []  # names of bool fields (also in scalars)
        self.service_levels = []  # names of repeated ServiceLevelAt fields
        self.groups = []  # _MeasureGroup of each nested measure message
        self.columns = []  # in schema order; a ServiceLevelAt list holds its field name
        for field in descriptor.fields:
            if field.name in skip:
                continue
            kind = field.message_type.full_name if field.message_type is not None else None
            if field.label == FieldDescriptor.LABEL_REPEATED:
                if kind == _SERVICE_LEVEL_AT:
                    self.service_levels.append(field.name)
                    self.columns.append(field.name)
                continue  # other lists are the caller's (intervals of a channel or group)
            if kind == _ESTIMATE:
                self.estimates.append(field.name)
                self.columns += [field.name, field.name + "_ci95"]
            elif kind == _PROBABILITY:
                self.probabilities.append(field.name)
                self.columns += [field.name] + [field.name + s for s in _PROBABILITY_SUFFIXES]
            elif kind is not None and _is_measure_group(field.message_type):
                group = _MeasureGroup(field)
                self.groups.append(group)
                self.columns += group.columns
            elif kind is None:
                self.scalars.append((field.name, field.enum_type))
                if field.has_presence:
                    self.optional.add(field.name)
                self.columns.append(field.name)
                if field.type == FieldDescriptor.TYPE_BOOL:
                    self.bools.append(field.name)
            # Other nested messages: none yet; a future one is ignored rather than guessed.

    def row(self, message, thresholds):
        """The columns of one message; service level thresholds met on the way are added
        to `thresholds` ({list field name: [column, ...]} in order of first appearance)."""
        row = {}
        for name, enum_type in self.scalars:
            # Not set means not applicable (no Erlang A without a patience), never zero.
            if name in self.optional and not message.HasField(name):
                row[name] = math.nan
            else:
                row[name] = _scalar(message, name, enum_type)
        for name in self.estimates:
            # fccsim sets every measure it reports; one absent comes from a file written
            # before the measure existed, so it is unknown (NaN), not zero.
            if message.HasField(name):
                row[name], row[name + "_ci95"] = _estimate(getattr(message, name))
            else:
                row[name], row[name + "_ci95"] = math.nan, math.nan
        for group in self.groups:
            group.fill(message, row)
        for name in self.probabilities:
            values = _probability(message, name)
            row.update(zip([name] + [name + s for s in _PROBABILITY_SUFFIXES], values))
        for name in self.service_levels:
            seen = thresholds.setdefault(name, [])
            for at in getattr(message, name):
                column = service_level_column(at.threshold_s)
                if column not in seen:
                    seen.append(column)
                row[column], row[column + "_ci95"] = _estimate(at.fraction)
        return row

    def frame(self, rows, thresholds, leading):
        """A DataFrame of `rows` with the `leading` columns first, then the plan's columns,
        each ServiceLevelAt list expanded in place into its thresholds' columns."""
        columns = list(leading)
        for column in self.columns:
            if column in self.service_levels:
                for threshold in thresholds.get(column, []):
                    columns += [threshold, threshold + "_ci95"]
            else:
                columns.append(column)
        frame = pd.DataFrame(rows, columns=columns)
        for name in self.bools:
            frame[name] = frame[name].astype(bool)
        return frame


_SUMMARY = _Plan(results_pb2.ChannelSummary.DESCRIPTOR)
_CHANNEL_INTERVAL = _Plan(results_pb2.ChannelInterval.DESCRIPTOR)
_CHANNEL_REPLICATION = _Plan(results_pb2.ChannelReplication.DESCRIPTOR)
_GROUP = _Plan(results_pb2.GroupResult.DESCRIPTOR, skip=("name",))
_GROUP_INTERVAL = _Plan(results_pb2.GroupInterval.DESCRIPTOR)
_GROUP_REPLICATION = _Plan(results_pb2.GroupReplication.DESCRIPTOR)


def service_level_column(threshold_s):
    """`service_level_at_10s` for 10.0 (and `service_level_at_2.5s` for 2.5)."""
    return f"service_level_at_{threshold_s:g}s"


def summary_frame(result):
    """One row per channel: outcomes, service levels, waits, the target, whether it is met
    (target_met on the estimates; target_verdict on their intervals) and the probability of
    meeting it (probability_target_met and its columns)."""
    rows, thresholds = [], {}
    for channel in result.channels:
        rows.append({"channel": channel.name, **_SUMMARY.row(channel.summary, thresholds)})
    return _SUMMARY.frame(rows, thresholds, ["channel"])


def with_time_columns(frame, interval_minutes):
    """Adds start_time (a Timedelta from 00:00 on day 0) after `start`, and makes weekday an
    ordered categorical, so frames sort and pivot by time naturally."""
    start_time = pd.to_timedelta(frame["index"] * interval_minutes, unit="min")
    frame.insert(frame.columns.get_loc("start") + 1, "start_time", start_time)
    frame["weekday"] = frame["weekday"].astype(WEEKDAY_DTYPE)
    for column in ("index", "day"):
        frame[column] = frame[column].astype("int64")
    return frame


def intervals_frame(result, interval_minutes):
    """One row per channel and reported interval, in time order within each channel."""
    rows, thresholds = [], {}
    for channel in result.channels:
        for interval in channel.intervals:
            row = _CHANNEL_INTERVAL.row(interval, thresholds)
            rows.append({"channel": channel.name, **row})
    frame = _CHANNEL_INTERVAL.frame(rows, thresholds, ["channel"])
    return with_time_columns(frame, interval_minutes)


def groups_frame(result):
    """One row per handler group: occupancy and mean handlers online over the horizon, and
    for a group with a chat skill its chat concurrency (chat_max_sessions, chat_sessions,
    chat_concurrency, chat_capacity_used; NaN for other groups)."""
    rows, thresholds = [], {}
    for group in result.groups:
        rows.append({"group": group.name, **_GROUP.row(group, thresholds)})
    return _GROUP.frame(rows, thresholds, ["group"])


def group_intervals_frame(result, interval_minutes):
    """One row per group and interval, in time order within each group: occupancy, handlers
    online and busy, and the chat columns of groups_frame, with day, weekday and start as in
    the channel intervals."""
    rows, thresholds = [], {}
    first_weekday = WEEKDAYS.index(weekday_name(result.start_weekday))
    for group in result.groups:
        for interval in group.intervals:
            row = {"group": group.name, **_GROUP_INTERVAL.row(interval, thresholds)}
            if not interval.start:  # a file from before group intervals carried their keys
                minutes = interval.index * interval_minutes
                row["day"] = minutes // (24 * 60)
                row["weekday"] = WEEKDAYS[(first_weekday + row["day"]) % 7]
                row["start"] = f"{minutes % (24 * 60) // 60:02d}:{minutes % 60:02d}"
            rows.append(row)
    frame = _GROUP_INTERVAL.frame(rows, thresholds, ["group"])
    return with_time_columns(frame, interval_minutes)


def channel_replications_frame(result):
    """One row per channel and replication, in replication order within each channel: each
    replication's own headline measures (not estimates, so no _ci95), to show the spread."""
    rows, thresholds = [], {}
    for channel in result.channels:
        for replication in channel.replications:
            rows.append({"channel": channel.name,
                         **_CHANNEL_REPLICATION.row(replication, thresholds)})
    return _CHANNEL_REPLICATION.frame(rows, thresholds, ["channel"])


def group_replications_frame(result):
    """One row per handler group and replication, in replication order within each group."""
    rows, thresholds = [], {}
    for group in result.groups:
        for replication in group.replications:
            rows.append({"group": group.name,
                         **_GROUP_REPLICATION.row(replication, thresholds)})
    return _GROUP_REPLICATION.frame(rows, thresholds, ["group"])


# ---- The plan of `fccsim plan` (plan.proto): the same rules as its CSV tables ----

_PLAN_CHANNEL = _Plan(plan_pb2.ChannelPlan.DESCRIPTOR, skip=("name",))
_PLAN_CHANNEL_INTERVAL = _Plan(plan_pb2.ChannelRequirement.DESCRIPTOR)
_PLAN_GROUP = _Plan(plan_pb2.GroupPlan.DESCRIPTOR, skip=("name",))
_PLAN_GROUP_INTERVAL = _Plan(plan_pb2.GroupRequirement.DESCRIPTOR)


def _owners_frame(owners, plan, key):
    """One row per channel or group of a plan: `key` (its name), then its own fields."""
    rows = [{key: owner.name, **plan.row(owner, {})} for owner in owners]
    return plan.frame(rows, {}, [key])


def _owner_intervals_frame(owners, plan, key, interval_minutes):
    """One row per channel or group and interval, in time order within each: the columns of
    the plan's CSV table (`key`, then the row message's fields), and start_time."""
    rows = [{key: owner.name, **plan.row(interval, {})}
            for owner in owners for interval in owner.intervals]
    return with_time_columns(plan.frame(rows, {}, [key]), interval_minutes)


def plan_channels_frame(plan):
    """One row per channel of a PlanResult: kind (VOICE or CHAT), the method that set its
    agents, its agent-hours over the horizon and its peak agents."""
    return _owners_frame(plan.channels, _PLAN_CHANNEL, "channel")


def plan_channel_intervals_frame(plan):
    """One row per channel and interval: plan_channels.csv, with start_time."""
    return _owner_intervals_frame(plan.channels, _PLAN_CHANNEL_INTERVAL, "channel",
                                  plan.interval_minutes)


def plan_groups_frame(plan):
    """One row per handler group of a PlanResult: its break share, required and scheduled
    on-duty handler-hours, and the intervals where scheduled is short of required."""
    return _owners_frame(plan.groups, _PLAN_GROUP, "group")


def plan_group_intervals_frame(plan):
    """One row per group and interval: plan_groups.csv, with start_time."""
    return _owner_intervals_frame(plan.groups, _PLAN_GROUP_INTERVAL, "group",
                                  plan.interval_minutes)


# The columns of plan_shifts.csv (model/plan/plan_output.cc), in its order.
PLAN_SHIFT_COLUMNS = ["pattern", "name", "group", "weekday", "start", "length_minutes",
                      "breaks", "headcount", "cost_per_shift", "cost"]


def plan_shifts_frame(plan):
    """One row per planned shift of a PlanResult (none without shift patterns): the columns
    of plan_shifts.csv. `breaks` is "after+length" minutes per break, ";" between; weekday
    the day it starts."""
    rows = []
    for planned in plan.shifts.planned:
        shift = planned.shift
        breaks = ";".join(f"{b.after_minutes}+{b.length_minutes}" for b in shift.breaks)
        weekday = weekday_name(shift.weekdays[0]) if shift.weekdays else "every day"
        rows.append([planned.pattern, shift.name, shift.group, weekday, shift.start,
                     shift.length_minutes, breaks, shift.headcount, planned.cost,
                     planned.cost * shift.headcount])
    return pd.DataFrame(rows, columns=PLAN_SHIFT_COLUMNS)


def plan_shift_summary(plan):
    """The shift plan's figures (ShiftPlan's fields but its shifts: solver status, cost, FTE,
    verification...) as a dict, or None for a plan without shift patterns. The roster topped
    up instead (RosterTopUp) comes as topped_up_<field>, its shifts left out."""
    if not plan.HasField("shifts"):
        return None

    def figures(message, prefix=""):
        out = {}
        for f in message.DESCRIPTOR.fields:
            if f.label == FieldDescriptor.LABEL_REPEATED:
                continue
            if f.type == FieldDescriptor.TYPE_MESSAGE:
                out.update(figures(getattr(message, f.name), f"{prefix}{f.name}_"))
            else:
                out[prefix + f.name] = getattr(message, f.name)
        return out
    return figures(plan.shifts)
