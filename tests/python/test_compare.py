"""fccsim.load_comparison, the per-interval differences chart and scripts/compare_report.py,
on comparisons made by the built `fccsim compare`.

The DataFrames and `fccsim compare --csv` are two readings of one file: every CSV header must
equal its DataFrame's columns and every cell its value.
"""

import csv
import html
import math
import re
import subprocess
import sys

import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

from conftest import REPO, SCENARIO
from fccsim import COMPARISON_COMPLETE_MARKER, ComparisonError, load_comparison
from fccsim.compare_report import main as compare_report_main
from fccsim.comparison_plots import differences
from fccsim.schema import compare_pb2

LATE = 'roster.shifts[name="999 late 1"].headcount=5'
# A label that CSV must quote and HTML escape.
LABEL = 'two more "late" <b>, & co'


@pytest.fixture(scope="module")
def made(fccsim_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    out, csv_dir = folder / "compare.pb", folder / "csv"
    done = subprocess.run(
        [fccsim_bin, "compare", SCENARIO, "--variant", LABEL, "--set", LATE, "--variant", "same",
         "--set", "horizon.days=7", "-o", str(out), "--csv", str(csv_dir), "--replications",
         "8", "--seed", "5"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return out, csv_dir, done.stdout


def read_table(path):
    with open(path, newline="", encoding="utf-8") as f:
        header, *rows = csv.reader(f)
    return header, rows


def cell_holds(cell, value):
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        if cell in ("", "nan"):
            return math.isnan(value)
        return float(cell) == value  # exact: the shortest text of the same double
    return cell == str(value)


@pytest.mark.parametrize("file,attribute", [("comparison.csv", "overall"),
                                            ("comparison_intervals.csv", "intervals")])
def test_the_csv_tables_are_the_data_frames(made, file, attribute):
    out, csv_dir, _ = made
    comparison = load_comparison(out)
    frame = getattr(comparison, attribute)
    header, rows = read_table(csv_dir / file)
    assert header == [c for c in frame.columns if c != "start_time"]
    assert len(rows) == len(frame) > 0
    for i, (row, expected) in enumerate(zip(rows, frame[header].astype(object).to_numpy())):
        for column, cell, value in zip(header, row, expected, strict=True):
            assert cell_holds(cell, value), f"{file} row {i + 1} {column}: {cell!r} {value!r}"


def test_the_comparison_reads_as_run(made):
    comparison = load_comparison(made[0])
    assert comparison.labels == [LABEL, "same"]
    assert comparison.base["label"] == "gmp_baseline"
    assert comparison.variants[0]["overrides"] == [LATE]
    assert (comparison.replications, comparison.seed, comparison.days) == (8, 5, 7)
    overall = comparison.overall.set_index(["variant", "name", "measure"])
    level = overall.loc[(LABEL, "999", "service_level")]
    assert level.difference > 0 and level.significant
    assert level.ci95_half_width < level.unpaired_ci95_half_width
    same = comparison.overall[comparison.overall["variant"] == "same"]
    assert (same["difference"].dropna() == 0).all() and not same["significant"].any()
    assert set(comparison.significant(LABEL)["variant"]) == {LABEL}
    rows = comparison.intervals
    offered = rows[(rows["variant"] == "same") & (rows["name"] == "999")
                   & (rows["measure"] == "offered")]
    assert len(offered) == 7 * 96
    assert (offered["start_time"].diff().dropna() == pd.Timedelta(minutes=15)).all()


def test_the_summary_names_each_variant_and_its_significant_changes(made):
    stdout = made[2]
    assert 'Base "gmp_baseline"' in stdout
    assert f'Variant "{LABEL}"' in stdout and 'Variant "same"' in stdout
    line = next(l for l in stdout.splitlines() if l.startswith("999") and "service level" in l)
    assert line.rstrip().endswith("yes")


def test_missing_truncated_and_unmarked_comparisons_are_refused(made, tmp_path):
    data = made[0].read_bytes()
    message = compare_pb2.ComparisonResult.FromString(data)
    message.complete = ""
    cases = {"missing": (tmp_path / "missing.pb", "cannot open"),
             "empty": (tmp_path / "empty.pb", "empty"),
             "half": (tmp_path / "half.pb", ""),
             "no marker": (tmp_path / "unmarked.pb", "no completion marker")}
    cases["empty"][0].write_bytes(b"")
    cases["half"][0].write_bytes(data[: len(data) // 2])
    cases["no marker"][0].write_bytes(message.SerializeToString())
    assert COMPARISON_COMPLETE_MARKER.encode() in data
    for name, (path, words) in cases.items():
        with pytest.raises(ComparisonError) as error:
            load_comparison(path)
        assert str(path) in str(error.value) and words in str(error.value), name


def test_the_chart_draws_a_panel_per_channel_and_group_with_its_band(made):
    comparison = load_comparison(made[0])
    figure = differences(comparison, LABEL)
    assert [ax.get_title(loc="left") for ax in figure.axes] == [
        "999: service level", "101: service level", "999 only: occupancy", "dual: occupancy",
        "101 resolvers: occupancy"]
    for ax in figure.axes:
        assert any(isinstance(c, PolyCollection) for c in ax.collections)


def table_rows(fragment):
    return [[html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", fragment) if "<td" in row]


def test_the_report_shows_each_variant_escaped_with_its_chart(made, tmp_path):
    out = tmp_path / "compare.html"
    assert compare_report_main([str(made[0]), "-o", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["compare.html"]  # no temporary left
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert page.count('<img src="data:image/png;base64,') == 2
    assert "<b>" not in page and html.escape(LABEL) in page
    comparison = load_comparison(made[0])
    section = page.split(f"<h2>{html.escape(LABEL)}</h2>")[1].split("<h2>")[0]
    rows = {(r[0], r[1]): r for r in table_rows(section)}
    level = comparison.overall.set_index(["variant", "name", "measure"]).loc[
        (LABEL, "999", "service_level")]
    row = rows[("999", "service level")]
    assert row[2] == f"{100 * level.base_value:.1f}%"
    assert row[4] == f"{100 * level.difference:+.1f} pp"
    assert row[7] == "yes"
    assert re.search(r"significantly higher or lower with the variant: 999 higher in [1-9]\d* "
                     r"and lower in \d+ of \d+", section)


def test_the_report_exits_2_on_a_bad_file_and_writes_nothing(made, tmp_path):
    truncated = tmp_path / "truncated.pb"
    truncated.write_bytes(made[0].read_bytes()[:1000])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "compare_report.py"), str(truncated), "-o",
         str(out_dir / "c.html")], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and str(truncated) in done.stderr
    assert list(out_dir.iterdir()) == []
