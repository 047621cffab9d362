"""Loading a comparison written by `fccsim compare BASE VARIANT... -o compare.pb` into pandas.

A comparison is refused on the same terms as a results file (fccsim.results): it must parse
and carry the completion marker, which the writer (model/compare/compare_run.cc) sets last.
Fields this reader does not know (a newer schema) are ignored.
"""

import os
from dataclasses import dataclass, field

import pandas as pd

from fccsim import frames
from fccsim.results import ResultsError, read_complete_message
from fccsim.schema import compare_pb2

COMPARISON_COMPLETE_MARKER = "fccsim comparison complete"

# The columns of comparison.csv and comparison_intervals.csv (model/compare/compare_output.h)
# after their keys.
VALUE_COLUMNS = ["measure", "base_value", "variant_value", "difference", "ci95_half_width",
                 "unpaired_ci95_half_width", "significant"]
INTERVAL_KEYS = ["index", "day", "weekday", "start"]


class ComparisonError(ResultsError):
    """A comparison file that cannot be used: missing, empty, unparsable, truncated or
    incomplete. The message names the file; `path` holds it."""


@dataclass(frozen=True, eq=False)
class Comparison:
    """One comparison: metadata, the message as read (`raw`) and two long tables.

    overall    one row per variant x channel or group x measure: variant (its label), scope
               ("channel" or "group"), name, measure, base_value, variant_value, difference
               (variant - base), ci95_half_width (paired), unpaired_ci95_half_width (as
               independent runs would give), significant (the paired interval excludes 0);
               the columns of comparison.csv (`fccsim compare --csv`)
    intervals  the same per reported interval, with index, day, weekday, start and
               start_time (a Timedelta from 00:00 on day 0) after the name; the columns of
               comparison_intervals.csv, plus start_time
    A half width not set (one replication) is NaN. `base` and `variants` describe the
    scenarios as run: label, path and the --set overrides applied. Definitions:
    docs/model.md, "Comparisons".
    """

    path: str
    version: str
    seed: int
    replications: int
    interval_minutes: int
    days: int
    start_weekday: str
    base: dict
    variants: list
    overall: pd.DataFrame = field(repr=False)
    intervals: pd.DataFrame = field(repr=False)
    raw: compare_pb2.ComparisonResult = field(repr=False)

    @property
    def labels(self):
        """The variants' labels, in the order given."""
        return [v["label"] for v in self.variants]

    def significant(self, variant=None):
        """The overall rows whose difference is significant, of one variant or all."""
        rows = self.overall[self.overall["significant"]]
        return rows if variant is None else rows[rows["variant"] == variant]


def _describe(scenario):
    return {"label": scenario.label, "path": scenario.path,
            "overrides": list(scenario.overrides), "name": scenario.scenario.name}


def _difference_rows(differences):
    """(measure, values...) for every Difference field of a ChannelDifferences or
    GroupDifferences, in field order: a measure the schema adds appears without a change."""
    for f in differences.DESCRIPTOR.fields:
        d = getattr(differences, f.name)
        yield [f.name, d.base, d.variant, d.difference,
               d.ci95_half_width if d.HasField("ci95_half_width") else float("nan"),
               (d.unpaired_ci95_half_width if d.HasField("unpaired_ci95_half_width")
                else float("nan")),
               d.significant]


def _frames(result):
    overall, intervals = [], []
    for v in result.variants:
        for scope, owners in (("channel", v.channels), ("group", v.groups)):
            for owner in owners:
                head = [v.variant.label, scope, owner.name]
                overall += [head + row for row in _difference_rows(owner.overall)]
                for interval in owner.intervals:
                    keys = [interval.index, interval.day,
                            frames.weekday_name(interval.weekday), interval.start]
                    intervals += [head + keys + row
                                  for row in _difference_rows(interval.differences)]
    head = ["variant", "scope", "name"]
    overall = pd.DataFrame(overall, columns=head + VALUE_COLUMNS)
    intervals = pd.DataFrame(intervals, columns=head + INTERVAL_KEYS + VALUE_COLUMNS)
    for frame in (overall, intervals):
        frame["significant"] = frame["significant"].astype(bool)
    intervals = frames.with_time_columns(intervals, result.interval_minutes)
    return overall, intervals


def read_comparison_result(path):
    """The ComparisonResult message in `path`, or ComparisonError saying why it is refused."""
    result = read_complete_message(path, compare_pb2.ComparisonResult(),
                                   COMPARISON_COMPLETE_MARKER, "comparison", ComparisonError)
    if result.interval_minutes == 0 and any(
            c.intervals for v in result.variants for c in [*v.channels, *v.groups]):
        raise ComparisonError(os.fspath(path), "interval_minutes is 0 but the file has intervals")
    return result


def from_message(result, path=""):
    """A Comparison from a ComparisonResult already in memory."""
    overall, intervals = _frames(result)
    return Comparison(
        path=os.fspath(path),
        version=result.software_version,
        seed=result.seed,
        replications=result.replications,
        interval_minutes=result.interval_minutes,
        days=result.days,
        start_weekday=frames.weekday_name(result.start_weekday),
        base=_describe(result.base),
        variants=[_describe(v.variant) for v in result.variants],
        overall=overall,
        intervals=intervals,
        raw=result,
    )


def load_comparison(path):
    """Reads a comparison file (`fccsim compare ... -o PATH`) into a Comparison.

    Raises ComparisonError, naming the file, for a missing, empty, unparsable, truncated or
    incomplete file.
    """
    return from_message(read_comparison_result(path), path)
