"""Loading a sweep written by `fccsim sweep SWEEP -o DIR` into pandas DataFrames.

The index (DIR/sweep.pb) is refused unless it parses and carries the completion marker (it
is rewritten whole, by a rename, whenever the sweep stops); a sweep stopped before its end is
read as it is, with `interrupted` true and only the points done in the tables. Each point's
full results are DIR/points/point_NNNN.pb, read by `Sweep.results(point)`.
"""

import math
import os
from dataclasses import dataclass, field

import pandas as pd

from fccsim import frames
from fccsim.results import ResultsError, load_results, read_complete_message
from fccsim.schema import results_pb2, sweep_pb2

SWEEP_COMPLETE_MARKER = "fccsim sweep complete"
_ESTIMATES = ["offered", "service_level", "average_answer_s", "abandoned_fraction",
              "wait_p90_s"]


class SweepError(ResultsError):
    """A sweep that cannot be used: no index, or one cut short. The message names the file."""


@dataclass(frozen=True, eq=False)
class Sweep:
    """One sweep: metadata, the index as read (`raw`) and three tables.

    points    one row per point: point, label, done, then one column per axis (its value,
              as a number where every value of the axis is one), results_file
    channels  one row per point done and channel: the columns of sweep.csv (point, label,
              the axes, channel, offered, service_level, average_answer_s,
              abandoned_fraction, wait_p90_s, each with its _ci95 half width, target_verdict,
              probability_target_met)
    groups    one row per point done and group: the columns of sweep_groups.csv
    `axes` names the axis columns; `interrupted` is true for a sweep stopped before its end
    (`fccsim sweep ... --resume` finishes it). Definitions: docs/model.md, "Sweeps".
    """

    path: str
    folder: str
    name: str
    version: str
    seed: int
    replications: int
    axes: list
    interrupted: bool
    points: pd.DataFrame = field(repr=False)
    channels: pd.DataFrame = field(repr=False)
    groups: pd.DataFrame = field(repr=False)
    raw: sweep_pb2.SweepResult = field(repr=False)

    def results(self, point):
        """The full results (fccsim.Results) of point number `point`."""
        row = self.points[self.points["point"] == point]
        if row.empty or not bool(row["done"].iloc[0]):
            raise SweepError(self.path, f"point {point} is not done")
        return load_results(os.path.join(self.folder, row["results_file"].iloc[0]))


def _values(series):
    """The axis values as numbers when every one is a number, else as given."""
    numbers = pd.to_numeric(series, errors="coerce")
    given = series.replace("", pd.NA).notna()
    return numbers if numbers[given].notna().all() else series


def _estimate(estimate):
    return (estimate.mean,
            estimate.ci95_half_width if estimate.HasField("ci95_half_width") else math.nan)


def _frames(index):
    axes = list(index.axes)
    points, channels, groups = [], [], []
    for p in index.points:
        values = list(p.values) + [""] * (len(axes) - len(p.values))
        points.append([p.index, p.label, p.done, *values, p.results_file])
        keys = [p.index, p.label, *values]
        for c in p.channels:
            row = keys + [c.name]
            for name in _ESTIMATES:
                row += list(_estimate(getattr(c, name)))
            row += [frames.enum_name(results_pb2.TargetVerdict.DESCRIPTOR, c.target_verdict),
                    c.probability_target_met.estimate]
            channels.append(row)
        for g in p.groups:
            groups.append(keys + [g.name, *_estimate(g.occupancy)])
    estimates = [c for name in _ESTIMATES for c in (name, name + "_ci95")]
    points = pd.DataFrame(points, columns=["point", "label", "done", *axes, "results_file"])
    channels = pd.DataFrame(channels, columns=["point", "label", *axes, "channel", *estimates,
                                               "target_verdict", "probability_target_met"])
    groups = pd.DataFrame(groups, columns=["point", "label", *axes, "group", "occupancy",
                                           "occupancy_ci95"])
    for frame in (points, channels, groups):
        for axis in axes:
            frame[axis] = _values(frame[axis].astype(str))
    return points, channels, groups


def load_sweep(folder):
    """Reads the sweep in `folder` (`fccsim sweep ... -o FOLDER`, or its sweep.pb) into a Sweep.

    Raises SweepError, naming the file, for a missing, empty, unparsable or cut-short index.
    """
    folder = os.fspath(folder)
    path = folder if folder.endswith(".pb") else os.path.join(folder, "sweep.pb")
    index = read_complete_message(path, sweep_pb2.SweepResult(), SWEEP_COMPLETE_MARKER,
                                  "sweep index", SweepError)
    points, channels, groups = _frames(index)
    return Sweep(path=path, folder=os.path.dirname(path), name=index.sweep.name,
                 version=index.software_version, seed=index.seed,
                 replications=index.replications, axes=list(index.axes),
                 interrupted=index.interrupted, points=points, channels=channels,
                 groups=groups, raw=index)
