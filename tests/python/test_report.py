"""scripts/report.py: a self-contained HTML report that a browser renders; bad input refused."""

import html
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from matplotlib import image

from fccsim import plots, report as report_module
from conftest import run_fccsim
from fccsim.results import load_results


@pytest.fixture(scope="module")
def baseline_page(real_run):
    """The report page of the GMP week (no triage, no chat), rendered once for the module."""
    return report_module.render_html(load_results(real_run.results))


@pytest.fixture(scope="module")
def channels_results(channels_run):
    return load_results(channels_run.results)


@pytest.fixture(scope="module")
def channels_page(channels_results):
    """The report page of gmp_channels: 999 and 101 with triage, and Live Chat."""
    return report_module.render_html(channels_results)


def section(page, heading):
    """The page from the <h2> `heading` to the next <h2>."""
    return page.split(f"<h2>{heading}</h2>")[1].split("<h2>")[0]


def table_rows(fragment):
    """The body rows of the tables in an HTML fragment, each as its cells' text."""
    return [[html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", fragment) if "<td" in row]


def report(repo, *args):
    return subprocess.run([sys.executable, str(repo / "scripts" / "report.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300, check=False)


def screenshot(html_path, tmp_path):
    """Renders html_path in headless Chromium and returns the screenshot as an RGB array."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed: run scripts/setup.sh"
    png = tmp_path / "screenshot.png"
    home = tmp_path / "chromium_home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home), XDG_CACHE_HOME=str(home))
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--hide-scrollbars", f"--user-data-dir={home / 'profile'}",
         f"--screenshot={png}", "--window-size=1200,3000", html_path.as_uri()],
        capture_output=True, text=True, timeout=120, env=env, check=False)
    assert png.is_file(), f"chromium wrote no screenshot ({done.returncode}):\n{done.stderr}"
    return image.imread(png)[..., :3]


def test_report_is_self_contained_and_renders_in_a_browser(repo, real_run, tmp_path):
    out = tmp_path / "report.html"
    done = report(repo, real_run.results, "-o", out)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")

    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", text, re.I)
    assert len(re.findall(r'<img src="data:image/png;base64,', text)) == 5
    for channel in ("999", "101"):
        assert f"<td class=\"text\">{channel}</td>" in text
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left

    pixels = screenshot(out, tmp_path)
    assert pixels.shape[:2] == (3000, 1200)
    rgb = (pixels * 255).astype(np.uint32).reshape(-1, 3)
    colours = np.unique(rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2])
    assert len(colours) > 50, f"only {len(colours)} colours: a blank page?"
    not_white = (pixels < 0.95).any(axis=2).mean()
    assert not_white > 0.05, f"{not_white:.1%} of the page is not white"


def test_bad_input_exits_2_and_writes_nothing(repo, real_run, tmp_path):
    data = real_run.results.read_bytes()
    truncated = tmp_path / "truncated.pb"
    truncated.write_bytes(data[: len(data) // 2])
    empty = tmp_path / "empty.pb"
    empty.write_bytes(b"")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "report.html"
    for bad in (tmp_path / "missing.pb", empty, truncated):
        done = report(repo, bad, "-o", out)
        assert done.returncode == 2, done.stderr
        assert str(bad) in done.stderr
        assert list(out_dir.iterdir()) == []

    out.write_text("the previous report")
    assert report(repo, truncated, "-o", out).returncode == 2
    assert out.read_text() == "the previous report"

    done = report(repo, real_run.results, "-o", tmp_path / "no such folder" / "report.html")
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert report(repo, real_run.results).returncode == 2  # -o is required


def test_a_run_with_overrides_records_them_and_its_report_says_so(fccsim_bin, tmp_path):
    """`--set` is kept in the results, in order, beside the scenario as run."""
    made = run_fccsim(fccsim_bin, tmp_path, "--set", "horizon.days=1",
                      "--set", 'roster.shifts[name="999 late 1"].headcount=5', replications=1)
    results = load_results(made.results)
    assert results.overrides == ["horizon.days=1",
                                 'roster.shifts[name="999 late 1"].headcount=5']
    assert results.days == 1
    shift = [s for s in results.raw.scenario.roster.shifts if s.name == "999 late 1"][0]
    assert shift.headcount == 5
    out = tmp_path / "report.html"
    assert report_module.main([str(made.results), "-o", str(out)]) == 0
    assert html.escape('--set roster.shifts[name="999 late 1"].headcount=5') in \
        out.read_text(encoding="utf-8")


def test_report_runs_as_a_module(repo, real_run, tmp_path):
    out = tmp_path / "report.html"
    env = dict(os.environ, PYTHONPATH=str(repo / "scripts" / "python"))
    done = subprocess.run([sys.executable, "-m", "fccsim.report", str(real_run.results),
                           "-o", str(out)], capture_output=True, text=True, timeout=300,
                          env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_plot_helper_returns_a_figure_with_a_panel_per_channel(real_run):
    run = load_results(real_run.results)
    figures = plots.all_figures(run)
    for name, figure in figures.items():
        assert figure.axes, name
    assert "chat_concurrency" not in figures  # no chat group: the report leaves it out
    assert len(plots.chat_concurrency(run).axes) == 2  # yet it draws, for a notebook loop
    assert len(plots.service_level(run).axes) == len(run.channels)
    assert len(plots.target_heatmap(run, "meets_target").axes) == 2 * len(run.channels)


def test_names_from_the_file_are_escaped_in_the_page():
    from fccsim import COMPLETE_MARKER
    from fccsim.report import render_html
    from fccsim.results import from_message
    from fccsim.schema import results_pb2

    r = results_pb2.RunResult(interval_minutes=60, days=1, replications=1,
                              complete=COMPLETE_MARKER)
    r.scenario.name = "<script>alert(1)</script>"
    channel = r.channels.add(name="<b>999</b>")
    channel.summary.target_fraction = 0.9
    group = r.groups.add(name="a & b")
    for i in range(24):
        interval = channel.intervals.add(index=i, day=0, weekday=1, start=f"{i:02d}:00")
        interval.offered.mean = 5
        interval.service_level.mean = 0.5 + i / 50
        group.intervals.add(index=i, day=0, weekday=1, start=f"{i:02d}:00").occupancy.mean = 0.5
    page = render_html(from_message(r, "x.pb"))
    assert "<script>" not in page and "<b>999</b>" not in page and "a & b" not in page
    assert "&lt;b&gt;999&lt;/b&gt;" in page and "a &amp; b" in page


def test_the_summary_shows_the_verdict_and_the_probability_of_meeting_the_target():
    from fccsim import COMPLETE_MARKER
    from fccsim.report import render_html
    from fccsim.results import from_message
    from fccsim.schema import results_pb2

    r = results_pb2.RunResult(interval_minutes=60, days=1, replications=20,
                              complete=COMPLETE_MARKER)
    cases = [("999", 0.9, 0, results_pb2.TARGET_MET, 17),
             ("101", 0.8, 0, results_pb2.TARGET_NOT_SETTLED, 11),
             ("chat", 0.8, 0, results_pb2.TARGET_MISSED, 2),
             ("asa only", 0, 30, results_pb2.TARGET_NOT_JUDGED, 0)]
    for name, fraction, max_asa_s, verdict, successes in cases:
        channel = r.channels.add(name=name)
        for i in range(24):
            interval = channel.intervals.add(index=i, day=0, weekday=1, start=f"{i:02d}:00")
            interval.offered.mean = 5
            interval.service_level.mean = 0.5 + i / 50
        s = channel.summary
        s.target_fraction, s.target_answer_within_s = fraction, 10
        s.target_max_average_answer_s = max_asa_s
        s.target_verdict = verdict
        if successes:
            s.probability_target_met.CopyFrom(results_pb2.Probability(
                estimate=successes / 20, successes=successes, trials=20, ci95_lower=0.62,
                ci95_upper=0.968))
    page = render_html(from_message(r, "x.pb"))
    assert '<td class="met">met · P 85% (62–97%)</td>' in page
    assert '<td class="unsettled">not settled · P 55% (62–97%)</td>' in page
    assert '<td class="missed">not met · P 10% (62–97%)</td>' in page
    assert "<td>–</td>" in page and "<td>ASA ≤ 30 s</td>" in page


def test_the_triage_section_shows_for_the_channels_with_triage_only(fccsim_bin, baseline_page,
                                                                    tmp_path):
    from conftest import run_fccsim
    from fccsim.report import render_html
    from fccsim.results import load_results

    run = run_fccsim(fccsim_bin, tmp_path, scenario="scenarios/gmp_triage.textproto")
    results = load_results(run.results)
    page = render_html(results)
    assert "<h2>Mental-health triage and deployments</h2>" in page
    section = page.split("<h2>Mental-health triage and deployments</h2>")[1].split("<h2>")[0]
    for channel in ("999", "101"):
        assert f'<td class="text">{channel}</td>' in section
    flagged = results.summary.set_index("channel")["triage_flagged"]
    assert (flagged > 0).all()

    assert "Mental-health triage" not in baseline_page


def test_the_live_chat_section_shows_the_data_frames_values_for_a_run_with_chat(
        channels_results, channels_page, baseline_page):
    r = report_module
    chat = section(channels_page, "Live Chat")
    s = channels_results.summary.set_index("channel").loc["Live Chat"]
    g = channels_results.groups.set_index("group").loc["digital desk"]
    assert table_rows(chat) == [
        ["Live Chat", r._number(s.offered), r._service_level_text(s), "80% in 60 s",
         r._number(s.average_answer_s, 1), r._number(s.chat_session_s, 1)],
        ["digital desk", "3", r._number(g.chat_sessions, 1), r._number(g.chat_concurrency, 2),
         r._percent(g.chat_capacity_used, g.chat_capacity_used_ci95),
         r._percent(g.occupancy, g.occupancy_ci95)],
    ]
    assert "time to the first response" in chat and "session time ÷ k" in chat
    assert chat.count('<img src="data:image/png;base64,') == 1  # the concurrency chart
    assert channels_page.count('<img src="data:image/png;base64,') == 6

    # No empty section, no chart, no note (the chat columns stay in "Every summary measure").
    assert "<h2>Live Chat</h2>" not in baseline_page
    assert "time to the first response" not in baseline_page
    assert baseline_page.count('<img src="data:image/png;base64,') == 5


def test_the_triage_section_lists_the_triage_channels_of_a_run_mixing_channels(channels_page):
    """gmp_channels: 999 and 101 have triage, Live Chat has none and is left out."""
    triage = section(channels_page, "Mental-health triage and deployments")
    assert [row[0] for row in table_rows(triage)] == ["999", "101"]


def test_an_interrupted_run_reads_as_such_and_its_report_says_so(real_run, tmp_path):
    """`fccsim run` stopped by a signal marks its results interrupted (tests/cli checks that
    it does); the reader and the report carry it."""
    raw = load_results(real_run.results).raw
    assert not load_results(real_run.results).interrupted
    raw.interrupted = True
    raw.replications_asked = 10
    stopped = tmp_path / "stopped.pb"
    stopped.write_bytes(raw.SerializeToString())
    results = load_results(stopped)
    assert results.interrupted and results.replications_asked == 10
    assert results.replications == 2
    out = tmp_path / "report.html"
    assert report_module.main([str(stopped), "-o", str(out)]) == 0
    assert "2 replications (interrupted: of 10 asked for)" in out.read_text(encoding="utf-8")
