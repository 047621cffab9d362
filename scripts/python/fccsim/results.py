"""Loading a results file written by `fccsim run -o results.pb` into pandas DataFrames.

A reader must never mistake a half-written or cut-short file for a result: the writer
(model/results/results_io.h) sets `complete` (field 1000, serialised last) only on a whole file, so a
file is refused unless it parses and carries that marker, exactly as the C++ reader does.
Fields this reader does not know (a newer schema) are ignored, so old readers keep working.
"""

import os
from dataclasses import dataclass, field

import pandas as pd
from google.protobuf.message import DecodeError

from fccsim import frames
from fccsim.schema import results_pb2, scenario_pb2

COMPLETE_MARKER = "fccsim results complete"


class ResultsError(Exception):
    """A results file that cannot be used: missing, empty, unparsable, truncated or
    incomplete. The message names the file; `path` holds it."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True, eq=False)
class Results:
    """One run's results: metadata, the message as read (`raw`) and six tidy tables.

    summary               one row per channel (see frames.summary_frame for the column rules)
    intervals             one row per channel x interval
    channel_replications  one row per channel x replication (each replication's own measures)
    groups                one row per handler group
    group_intervals       one row per group x interval
    group_replications    one row per group x replication
    They hold the columns of the CSV tables of `fccsim run --csv` (channel_summary,
    channel_intervals, channel_replications, group_summary, group_intervals,
    group_replications), plus `start_time` in the interval tables. Counts and percentiles are
    means across replications, ratios (service levels, ASA, abandoned fraction, occupancy)
    ratios of totals across replications (docs/model.md); `<measure>_ci95` is the half width
    of its 95% confidence interval, NaN when absent (one replication). `replications` is the
    number of replications. A channel's kind (VOICE or CHAT) is not a column, as it is not in
    the CSV tables: `chat_channels` names the chat channels, `chat_groups` the groups with a
    chat skill. `overrides` are the `--set PATH=VALUE` the run applied to the scenario file,
    in order (`raw.scenario` is the scenario after them). `interrupted` is true for a run
    stopped by a signal: its estimates are of its first `replications` replications of the
    `replications_asked`.
    """

    path: str
    scenario_name: str
    scenario_path: str
    overrides: list
    version: str
    seed: int
    replications: int
    interrupted: bool
    replications_asked: int
    interval_minutes: int
    days: int
    start_weekday: str
    summary: pd.DataFrame = field(repr=False)
    intervals: pd.DataFrame = field(repr=False)
    channel_replications: pd.DataFrame = field(repr=False)
    groups: pd.DataFrame = field(repr=False)
    group_intervals: pd.DataFrame = field(repr=False)
    group_replications: pd.DataFrame = field(repr=False)
    raw: results_pb2.RunResult = field(repr=False)

    @property
    def channels(self):
        """Channel names, in the order of the results."""
        return list(self.summary["channel"])

    @property
    def group_names(self):
        """Handler group names, in the order of the results."""
        return list(self.groups["group"])

    @property
    def chat_channels(self):
        """Names of the Live Chat channels, in the order of the results."""
        return [c.name for c in self.raw.channels if c.kind == scenario_pb2.CHAT]

    @property
    def chat_groups(self):
        """Names of the groups with a chat skill (those with chat concurrency measures), in the
        order of the results."""
        return [g.name for g in self.raw.groups if g.HasField("chat")]


def read_complete_message(path, message, marker, what, error_type=ResultsError):
    """Parses the file at `path` into `message` and returns it, or raises `error_type` saying
    why the file is refused: missing, empty, unparsable, or without `marker` in its
    `complete` field. `what` names the kind of file in the messages ("results", "plan")."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as error:
        raise error_type(path, f"cannot open: {error.strerror or error}") from error
    if not data:
        raise error_type(path, "empty file")
    try:
        message.ParseFromString(data)
    except (DecodeError, ValueError, RuntimeError) as error:
        raise error_type(path, f"not a {what} file or truncated ({error})") from error
    # `complete` is the highest field number, so it is serialised last: a file cut at a field
    # boundary still parses but lacks it.
    if message.complete != marker:
        raise error_type(path, f"incomplete or truncated {what} file (no completion marker)")
    return message


def check_interval_minutes(path, message, error_type=ResultsError):
    """Refuses a message whose intervals have no length: start times would all be 0."""
    if message.interval_minutes == 0 and (
            any(c.intervals for c in message.channels) or any(g.intervals for g in message.groups)):
        raise error_type(path, "interval_minutes is 0 but the file has intervals")


def read_run_result(path):
    """The RunResult message in `path`, or ResultsError saying why the file is refused."""
    result = read_complete_message(path, results_pb2.RunResult(), COMPLETE_MARKER, "results")
    check_interval_minutes(os.fspath(path), result)
    return result


def from_message(result, path=""):
    """Results from a RunResult already in memory (the checks on the file are the caller's)."""
    return Results(
        path=os.fspath(path),
        scenario_name=result.scenario.name,
        scenario_path=result.scenario_path,
        overrides=list(result.overrides),
        version=result.software_version,
        seed=result.seed,
        replications=result.replications,
        interrupted=result.interrupted,
        replications_asked=result.replications_asked or result.replications,
        interval_minutes=result.interval_minutes,
        days=result.days,
        start_weekday=frames.weekday_name(result.start_weekday),
        summary=frames.summary_frame(result),
        intervals=frames.intervals_frame(result, result.interval_minutes),
        channel_replications=frames.channel_replications_frame(result),
        groups=frames.groups_frame(result),
        group_intervals=frames.group_intervals_frame(result, result.interval_minutes),
        group_replications=frames.group_replications_frame(result),
        raw=result,
    )


def load_results(path):
    """Reads a results file (`fccsim run -o PATH`) into Results.

    Raises ResultsError, naming the file, for a missing, empty, unparsable, truncated or
    incomplete file.
    """
    return from_message(read_run_result(path), path)
